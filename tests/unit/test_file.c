#define _GNU_SOURCE /* unshare() */
#include "tests/unit/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/file.h"

static void test_read_all(void **state)
{
	(void)state;
	char dir[] = "/tmp/hanchot-read-XXXXXX", path[64], err[512];
	char *data;
	size_t len;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/f", dir);
	FILE *f = fopen(path, "wb");
	fwrite("Số\0x", 1, 6, f);
	fclose(f);
	assert_int_equal(file_read_all(path, 6, &data, &len, err), 0);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "Số\0x", 6);
	assert_int_equal(data[6], '\0');
	free(data);
	assert_int_equal(file_read_all(path, 5, &data, &len, err), -1);
	assert_non_null(strstr(err, "too large"));
	assert_null(data);
	assert_int_equal(file_read_all(dir, 100, &data, &len, err), -1);
	assert_string_equal(err, "is a folder, not a file");
	unlink(path);
	assert_int_equal(file_read_all(path, 100, &data, &len, err), -1);
	assert_string_equal(err, "No such file or directory");
	/* a pipe has no size to check first: the bound holds while reading */
	assert_int_equal(file_read_all("/dev/zero", 100000, &data, &len, err), -1);
	assert_non_null(strstr(err, "more than 100000 bytes"));
	rmdir(dir);
}

static void test_parent_dir(void **state)
{
	(void)state;
	static const struct { const char *path, *dir; } rows[] = {
		{ "/var/lib/hanchot.db", "/var/lib" }, { "/hanchot.db", "/" }, { "hanchot.db", "." },
		{ "a/b", "a" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *d = file_parent_dir(rows[i].path);
		assert_string_equal(d, rows[i].dir);
		free(d);
	}
}

static void test_replace(void **state)
{
	(void)state;
	char dir[] = "/tmp/hanchot-file-XXXXXX", tmp[64], path[64], buf[8] = "";
	assert_non_null(mkdtemp(dir));
	snprintf(tmp, sizeof tmp, "%s/.new", dir);
	snprintf(path, sizeof path, "%s/file", dir);
	FILE *f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	f = fopen(tmp, "w");
	fputs("new", f);
	fclose(f);
	assert_int_equal(file_replace(tmp, path), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "new");
	/* A missing temporary file is an error, and the file stays as it was. */
	assert_int_equal(file_replace(tmp, path), ENOENT);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(file_sync(dir, true), 0);
	assert_int_equal(file_sync("/nonexistent-hanchot", true), ENOENT);
	unlink(path);
	rmdir(dir);
}

/* What the file at path holds (up to 63 bytes), or "" when none. */
static const char *contents(const char *path)
{
	static char buf[64];
	buf[0] = '\0';
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return buf;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

static ino_t inode(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Writes text as the next version of target through the spare, as an
 * atomic writer does: write, truncate, flush, swap. */
static void write_through_spare(const char *spare, const char *target, const char *text)
{
	struct file_spare s;
	int fd = file_spare_open(&s, spare, target, 0640);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(ftruncate(fd, (off_t)strlen(text)), 0);
	assert_int_equal(fsync(fd), 0);
	assert_int_equal(file_spare_swap(&s, target), 0);
	/* the new calendar carries no lease: a reader that will not wait opens it */
	int reader = open(target, O_RDONLY | O_NONBLOCK);
	assert_true(reader >= 0);
	close(reader);
	file_spare_close(&s);
	assert_int_equal(s.fd, -1);
}

struct two_paths {
	char dir[32], spare[64], target[64];
};

static void make_paths(struct two_paths *p)
{
	strcpy(p->dir, "/tmp/hanchot-spare-XXXXXX");
	assert_non_null(mkdtemp(p->dir));
	snprintf(p->spare, sizeof p->spare, "%s/db.spare", p->dir);
	snprintf(p->target, sizeof p->target, "%s/cal.ics", p->dir);
}

static void remove_paths(struct two_paths *p)
{
	unlink(p->spare);
	unlink(p->target);
	rmdir(p->dir);
}

/* The two files take turns: the third version is written into the inode
 * that held the first, and each version is whole, with its own length. */
static void test_spare_takes_turns(void **state)
{
	(void)state;
	struct two_paths p;
	make_paths(&p);
	write_through_spare(p.spare, p.target, "version one, the longest");
	assert_string_equal(contents(p.target), "version one, the longest");
	assert_int_equal(access(p.spare, F_OK), -1); /* nothing to swap with: renamed */
	ino_t first = inode(p.target);
	write_through_spare(p.spare, p.target, "version two");
	assert_string_equal(contents(p.target), "version two");
	assert_string_equal(contents(p.spare), "version one, the longest");
	assert_true(inode(p.target) != first);
	write_through_spare(p.spare, p.target, "three");
	assert_string_equal(contents(p.target), "three");
	assert_string_equal(contents(p.spare), "version two");
	assert_true(inode(p.target) == first);
	struct stat st;
	assert_int_equal(stat(p.target, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	remove_paths(&p);
}

/* A reader that opened the old version keeps reading it whole: the spare
 * it now is cannot be taken while the reader has it open. */
static void test_spare_not_taken_from_reader(void **state)
{
	(void)state;
	struct two_paths p;
	make_paths(&p);
	write_through_spare(p.spare, p.target, "old");
	int reader = open(p.target, O_RDONLY);
	assert_true(reader >= 0);
	write_through_spare(p.spare, p.target, "new");
	struct file_spare s;
	assert_int_equal(file_spare_open(&s, p.spare, p.target, 0644), -1);
	assert_int_equal(s.fd, -1);
	char buf[8] = "";
	assert_int_equal(pread(reader, buf, sizeof buf - 1, 0), 3);
	assert_string_equal(buf, "old");
	close(reader);
	write_through_spare(p.spare, p.target, "newer"); /* free again */
	assert_string_equal(contents(p.target), "newer");
	remove_paths(&p);
}

/* Another process opening the spare while it is being written waits (or,
 * asking not to, fails) and the writer is not stopped by the lease-break
 * signal, whose default, SIGIO, would end it. */
static void test_spare_opener_waits(void **state)
{
	(void)state;
	struct two_paths p;
	make_paths(&p);
	write_through_spare(p.spare, p.target, "one");
	write_through_spare(p.spare, p.target, "two");
	struct file_spare s;
	int fd = file_spare_open(&s, p.spare, p.target, 0644);
	assert_true(fd >= 0);
	pid_t child = fork();
	if (child == 0) {
		int other = open(p.spare, O_RDONLY | O_NONBLOCK);
		_exit(other < 0 && errno == EWOULDBLOCK ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(write(fd, "three", 5), 5);
	assert_int_equal(ftruncate(fd, 5), 0);
	assert_int_equal(file_spare_swap(&s, p.target), 0);
	file_spare_close(&s);
	assert_string_equal(contents(p.target), "three");
	remove_paths(&p);
}

/* The spare's name taken away (or given to another file) while it was
 * written, or target turned into a folder: the swap refuses, target stays. */
static void test_swap_checks_names(void **state)
{
	(void)state;
	struct two_paths p;
	struct file_spare s;
	char moved[80];
	make_paths(&p);
	write_through_spare(p.spare, p.target, "one");
	write_through_spare(p.spare, p.target, "two");
	snprintf(moved, sizeof moved, "%s/moved", p.dir);
	assert_true(file_spare_open(&s, p.spare, p.target, 0644) >= 0);
	assert_int_equal(rename(p.spare, moved), 0);
	assert_int_equal(close(open(p.spare, O_CREAT | O_WRONLY, 0644)), 0);
	assert_int_equal(file_spare_swap(&s, p.target), ESTALE);
	file_spare_close(&s);
	assert_string_equal(contents(p.target), "two");
	unlink(moved);

	assert_true(file_spare_open(&s, p.spare, p.target, 0644) >= 0);
	assert_int_equal(unlink(p.target), 0);
	assert_int_equal(mkdir(p.target, 0755), 0);
	assert_int_equal(file_spare_swap(&s, p.target), EISDIR);
	file_spare_close(&s);
	assert_int_equal(rmdir(p.target), 0);
	remove_paths(&p);
}

/* A spare with a second name, a target that is a symbolic link, or a spare
 * on another file system than the file it would replace is not used (and
 * none is created). */
static void test_spare_refused(void **state)
{
	(void)state;
	struct two_paths p;
	struct file_spare s;
	char second[80];
	make_paths(&p);
	write_through_spare(p.spare, p.target, "one");
	write_through_spare(p.spare, p.target, "two");
	snprintf(second, sizeof second, "%s/link", p.dir);
	assert_int_equal(link(p.spare, second), 0);
	assert_int_equal(file_spare_open(&s, p.spare, p.target, 0644), -1);
	unlink(second);
	assert_true(file_spare_open(&s, p.spare, p.target, 0644) >= 0);
	file_spare_close(&s);
	char real[80];
	snprintf(real, sizeof real, "%s/real.ics", p.dir);
	assert_int_equal(rename(p.target, real), 0);
	assert_int_equal(symlink(real, p.target), 0);
	assert_int_equal(file_spare_open(&s, p.spare, p.target, 0644), -1);
	unlink(p.target);
	unlink(real);

	struct stat shm, tmp;
	if (stat("/dev/shm", &shm) != 0 || stat(p.dir, &tmp) != 0 || shm.st_dev == tmp.st_dev) {
		remove_paths(&p);
		skip(); /* needs two file systems */
	}
	char elsewhere[64];
	snprintf(elsewhere, sizeof elsewhere, "/dev/shm/hanchot-spare-%d", (int)getpid());
	assert_int_equal(file_spare_open(&s, elsewhere, p.target, 0644), -1);
	assert_int_equal(access(elsewhere, F_OK), -1);
	remove_paths(&p);
}

/* Folders on two mounts of one file system (a bind mount: same device,
 * but rename() between them fails), or giving new files another group: the
 * spare is not used. Needs a mount namespace and root; skipped without. */
static void test_spare_needs_interchangeable_folders(void **state)
{
	(void)state;
	struct two_paths p;
	char other[64], bound[64], target[96];
	make_paths(&p);
	snprintf(other, sizeof other, "%s/other", p.dir);
	snprintf(bound, sizeof bound, "%s/bound", p.dir);
	snprintf(target, sizeof target, "%s/cal.ics", bound);
	assert_int_equal(mkdir(other, 0755), 0);
	assert_int_equal(mkdir(bound, 0755), 0);
	pid_t child = fork();
	if (child == 0) {
		struct file_spare s;
		if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
		    mount(other, bound, NULL, MS_BIND, NULL) != 0)
			_exit(77);
		int fd = file_spare_open(&s, p.spare, target, 0644);
		_exit(fd == -1 && access(p.spare, F_OK) != 0 ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	int bind_result = WEXITSTATUS(status);

	/* a folder whose files take its own group (set-group-ID) */
	snprintf(target, sizeof target, "%s/cal.ics", other);
	struct file_spare s;
	assert_true(file_spare_open(&s, p.spare, target, 0644) >= 0);
	file_spare_close(&s);
	unlink(p.spare);
	bool root = geteuid() == 0;
	if (root) {
		gid_t g = getegid() == 1 ? 2 : 1;
		assert_int_equal(chown(other, (uid_t)-1, g), 0);
		assert_int_equal(chmod(other, 02775), 0);
		assert_int_equal(file_spare_open(&s, p.spare, target, 0644), -1);
	}
	rmdir(bound);
	rmdir(other);
	remove_paths(&p);
	if (bind_result == 77 || !root)
		skip();
	assert_int_equal(bind_result, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_all), cmocka_unit_test(test_parent_dir),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_spare_takes_turns),
		cmocka_unit_test(test_spare_not_taken_from_reader),
		cmocka_unit_test(test_spare_opener_waits),
		cmocka_unit_test(test_spare_refused),
		cmocka_unit_test(test_swap_checks_names),
		cmocka_unit_test(test_spare_needs_interchangeable_folders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
