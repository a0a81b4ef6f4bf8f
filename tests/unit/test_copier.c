/* core/copier: ranges land where they were placed, however many and in
 * whatever order; a source shorter than asked or an output that cannot grow
 * is reported, and nothing after it is copied; copying without
 * copy_file_range() (across file systems) gives the same bytes. */
#define _GNU_SOURCE /* copy_file_range() */
#include "tests/unit/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/copier.h"
#include "core/file.h"
#include "core/xalloc.h"

#define BIG (FILE_WRITEBACK_BYTES + 12345) /* more than one step */

/* A source in src_dir holding a pattern that shows any misplacement, and
 * an empty output in /tmp. */
struct files {
	char src_path[128], out_path[128];
	int src, out;
};

static void files_open(struct files *f, const char *src_dir, size_t n)
{
	snprintf(f->src_path, sizeof f->src_path, "%s/hanchot-copier-XXXXXX", src_dir);
	f->src = mkstemp(f->src_path);
	assert_true(f->src >= 0);
	char *p = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('A' + (i * 7 + i / 251) % 26);
	assert_int_equal(file_write_at(f->src, p, n, 0), 0);
	free(p);
	snprintf(f->out_path, sizeof f->out_path, "/tmp/hanchot-copier-out-XXXXXX");
	f->out = mkstemp(f->out_path);
	assert_true(f->out >= 0);
}

static void files_close(struct files *f)
{
	close(f->src);
	close(f->out);
	unlink(f->src_path);
	unlink(f->out_path);
}

static char *read_all(int fd, size_t n)
{
	char *p = xmalloc(n);
	assert_int_equal(pread(fd, p, n, 0), (ssize_t)n);
	return p;
}

#define SIZE (100 + BIG + 1000)

/* Copies the source into out in three ranges handed over out of order,
 * one of them longer than a step; checks out equals the source. */
static void copy_in_pieces(struct files *f)
{
	struct copier *c = copier_new(f->out);
	assert_non_null(c);
	assert_int_equal(copier_add(c, f->src, 100, 100, BIG), 0);
	assert_int_equal(copier_add(c, f->src, 0, 0, 100), 0);
	assert_int_equal(copier_add(c, f->src, 100 + BIG, 100 + BIG, 1000), 0);
	assert_int_equal(copier_add(c, f->src, 0, 0, 0), 0); /* nothing */
	assert_int_equal(copier_wait(c), 0);
	copier_free(c);
	char *a = read_all(f->src, SIZE), *b = read_all(f->out, SIZE);
	assert_memory_equal(a, b, SIZE);
	free(a);
	free(b);
}

static void test_ranges_land_in_place(void **state)
{
	(void)state;
	struct files f;
	files_open(&f, "/tmp", SIZE);
	copy_in_pieces(&f);
	/* a copier with nothing to do waits for nothing */
	struct copier *c = copier_new(f.out);
	assert_int_equal(copier_wait(c), 0);
	copier_free(c);
	files_close(&f);
}

/* Across file systems copy_file_range() is refused: read and write. */
static void test_across_file_systems(void **state)
{
	(void)state;
	struct files f;
	if (access("/dev/shm", W_OK) != 0)
		skip();
	files_open(&f, "/dev/shm", SIZE);
	loff_t in = 0;
	if (copy_file_range(f.src, &in, f.out, NULL, 10, 0) >= 0) {
		files_close(&f);
		skip(); /* this kernel copies across: nothing to test */
	}
	copy_in_pieces(&f);
	files_close(&f);
}

/* A source shorter than the range asked is an error (EIO), reported by the
 * wait and by every later hand-over, which copies nothing more. */
static void test_short_source(void **state)
{
	(void)state;
	struct files f;
	files_open(&f, "/tmp", 1000);
	struct copier *c = copier_new(f.out);
	assert_int_equal(copier_add(c, f.src, 500, 0, 1000), 0);
	assert_int_equal(copier_wait(c), EIO);
	assert_int_equal(copier_add(c, f.src, 0, 2000, 10), EIO);
	assert_int_equal(copier_wait(c), EIO);
	copier_free(c);
	assert_true(lseek(f.out, 0, SEEK_END) <= 500); /* the later range never landed */
	files_close(&f);
}

/* An output that may not grow (a file-size limit; a full disk alike). */
static void test_output_fails(void **state)
{
	(void)state;
	struct files f;
	files_open(&f, "/tmp", SIZE);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	struct copier *c = copier_new(f.out);
	assert_int_equal(copier_add(c, f.src, 0, 0, 100 + BIG), 0);
	int e = copier_wait(c);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_equal(e, EFBIG);
	copier_free(c);
	files_close(&f);
}

/* Freed with copies still queued: they are dropped, the thread ends. The
 * source is in /dev/shm so that every copy is read and written (~1 ms for
 * 8 MiB): on a file system that clones ranges, 50 copies could all finish
 * before the free. */
static void test_free_drops_queued(void **state)
{
	(void)state;
	struct files f;
	if (access("/dev/shm", W_OK) != 0)
		skip();
	files_open(&f, "/dev/shm", SIZE);
	struct copier *c = copier_new(f.out);
	for (int i = 0; i < 50; i++)
		assert_int_equal(copier_add(c, f.src, 0, (uint64_t)i * BIG, BIG), 0);
	copier_free(c);
	assert_true(lseek(f.out, 0, SEEK_END) < (off_t)(50 * (off_t)BIG));
	files_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges_land_in_place),
		cmocka_unit_test(test_across_file_systems),
		cmocka_unit_test(test_short_source),
		cmocka_unit_test(test_output_fails),
		cmocka_unit_test(test_free_drops_queued),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
