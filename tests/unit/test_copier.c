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

/* A file in dir holding n bytes of a pattern that shows any misplacement. */
static int pattern_file(const char *dir, char *path, size_t n)
{
	snprintf(path, 128, "%s/hanchot-copier-XXXXXX", dir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char *p = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('A' + (i * 7 + i / 251) % 26);
	assert_int_equal(file_write_at(fd, p, n, 0), 0);
	free(p);
	return fd;
}

static char *read_all(int fd, size_t n)
{
	char *p = xmalloc(n);
	assert_int_equal(pread(fd, p, n, 0), (ssize_t)n);
	return p;
}

/* Copies the source into out in three ranges handed over out of order,
 * one of them longer than a step; checks out equals the source. */
static void copy_in_pieces(int src, int out)
{
	struct copier *c = copier_new(out);
	assert_non_null(c);
	assert_int_equal(copier_add(c, src, 100, 100, BIG), 0);
	assert_int_equal(copier_add(c, src, 0, 0, 100), 0);
	assert_int_equal(copier_add(c, src, 100 + BIG, 100 + BIG, 1000), 0);
	assert_int_equal(copier_add(c, src, 0, 0, 0), 0); /* nothing */
	assert_int_equal(copier_wait(c), 0);
	copier_free(c);
	size_t n = 100 + BIG + 1000;
	char *a = read_all(src, n), *b = read_all(out, n);
	assert_memory_equal(a, b, n);
	free(a);
	free(b);
}

static void test_ranges_land_in_place(void **state)
{
	(void)state;
	char src_path[128], out_path[128];
	int src = pattern_file("/tmp", src_path, 100 + BIG + 1000);
	snprintf(out_path, sizeof out_path, "/tmp/hanchot-copier-out-XXXXXX");
	int out = mkstemp(out_path);
	assert_true(out >= 0);
	copy_in_pieces(src, out);
	/* a copier with nothing to do waits for nothing */
	struct copier *c = copier_new(out);
	assert_int_equal(copier_wait(c), 0);
	copier_free(c);
	close(src);
	close(out);
	unlink(src_path);
	unlink(out_path);
}

/* Across file systems copy_file_range() is refused: read and write. */
static void test_across_file_systems(void **state)
{
	(void)state;
	char src_path[128], out_path[128];
	if (access("/dev/shm", W_OK) != 0)
		skip();
	int src = pattern_file("/dev/shm", src_path, 100 + BIG + 1000);
	snprintf(out_path, sizeof out_path, "/tmp/hanchot-copier-out-XXXXXX");
	int out = mkstemp(out_path);
	loff_t in = 0;
	bool refused = copy_file_range(src, &in, out, NULL, 10, 0) < 0;
	if (!refused) { /* this kernel copies across: nothing to test */
		close(src);
		close(out);
		unlink(src_path);
		unlink(out_path);
		skip();
	}
	copy_in_pieces(src, out);
	close(src);
	close(out);
	unlink(src_path);
	unlink(out_path);
}

/* A source shorter than the range asked is an error (EIO), reported by the
 * wait and by every later hand-over, which copies nothing more. */
static void test_short_source(void **state)
{
	(void)state;
	char src_path[128], out_path[128];
	int src = pattern_file("/tmp", src_path, 1000);
	snprintf(out_path, sizeof out_path, "/tmp/hanchot-copier-out-XXXXXX");
	int out = mkstemp(out_path);
	struct copier *c = copier_new(out);
	assert_int_equal(copier_add(c, src, 500, 0, 1000), 0);
	assert_int_equal(copier_wait(c), EIO);
	assert_int_equal(copier_add(c, src, 0, 2000, 10), EIO);
	assert_int_equal(copier_wait(c), EIO);
	copier_free(c);
	assert_true(lseek(out, 0, SEEK_END) <= 500); /* the later range never landed */
	close(src);
	close(out);
	unlink(src_path);
	unlink(out_path);
}

/* An output that may not grow (a file-size limit; a full disk alike). */
static void test_output_fails(void **state)
{
	(void)state;
	char src_path[128], out_path[128];
	int src = pattern_file("/tmp", src_path, 100 + BIG + 1000);
	snprintf(out_path, sizeof out_path, "/tmp/hanchot-copier-out-XXXXXX");
	int out = mkstemp(out_path);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	struct copier *c = copier_new(out);
	assert_int_equal(copier_add(c, src, 0, 0, 100 + BIG), 0);
	int e = copier_wait(c);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_equal(e, EFBIG);
	copier_free(c);
	close(src);
	close(out);
	unlink(src_path);
	unlink(out_path);
}

/* Freed with copies still queued: they are dropped, the thread ends. */
static void test_free_drops_queued(void **state)
{
	(void)state;
	char src_path[128], out_path[128];
	int src = pattern_file("/tmp", src_path, 100 + BIG + 1000);
	snprintf(out_path, sizeof out_path, "/tmp/hanchot-copier-out-XXXXXX");
	int out = mkstemp(out_path);
	struct copier *c = copier_new(out);
	for (int i = 0; i < 50; i++)
		assert_int_equal(copier_add(c, src, 0, (uint64_t)i * BIG, BIG), 0);
	copier_free(c);
	assert_true(lseek(out, 0, SEEK_END) < (off_t)(50 * (off_t)BIG));
	close(src);
	close(out);
	unlink(src_path);
	unlink(out_path);
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
