#define _GNU_SOURCE /* unshare() */
#include "tests/unit/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"

static void test_read_all(void **state)
{
	(void)state;
	char dir[TESTDIR_SIZE], path[64], err[512];
	char *data;
	size_t len;
	test_mkdir(dir);
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
	test_rmdir(dir);
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
	char dir[TESTDIR_SIZE], tmp[64], path[64], buf[8] = "";
	test_mkdir(dir);
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
	test_rmdir(dir);
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
	char dir[TESTDIR_SIZE], spare[96], target[96];
};

static void make_paths(struct two_paths *p)
{
	test_mkdir(p->dir);
	snprintf(p->spare, sizeof p->spare, "%s/db.spare", p->dir);
	snprintf(p->target, sizeof p->target, "%s/cal.ics", p->dir);
}

static void remove_paths(struct two_paths *p)
{
	test_rmdir(p->dir);
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
	remove_paths(&p);
	if (bind_result == 77 || !root)
		skip();
	assert_int_equal(bind_result, 0);
}

/* Where an output goes: a file (or none) is replaced, a symbolic link's
 * target is replaced in the target's folder, a device, FIFO or socket is
 * written into, a folder or a disk is an error. */
static void test_output_resolve(void **state)
{
	(void)state;
	char dir[TESTDIR_SIZE], p[128], q[128], err[ERR_MAX];
	struct file_output o;
	test_mkdir(dir);
	char *real = realpath(dir, NULL);
	/* none yet */
	snprintf(p, sizeof p, "%s/new.ics", dir);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	assert_false(o.stream);
	assert_false(o.exists);
	snprintf(q, sizeof q, "%s/new.ics", real);
	assert_string_equal(o.path, q);
	file_output_release(&o);
	/* a file: kept mode */
	int fd = open(p, O_WRONLY | O_CREAT, 0640);
	close(fd);
	chmod(p, 0640);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	assert_true(o.exists);
	assert_int_equal(o.mode, 0640);
	file_output_release(&o);
	/* a symbolic link (relative, through a second one): its target */
	mkdir(strcat(strcpy(q, dir), "/sub"), 0700);
	snprintf(q, sizeof q, "%s/sub/link", dir);
	assert_int_equal(symlink("../new.ics", q), 0);
	snprintf(p, sizeof p, "%s/link2", dir);
	assert_int_equal(symlink("sub/link", p), 0);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	assert_false(o.stream);
	snprintf(q, sizeof q, "%s/new.ics", real);
	assert_string_equal(o.path, q);
	file_output_release(&o);
	/* a dangling one: the target is created */
	snprintf(p, sizeof p, "%s/dangling", dir);
	assert_int_equal(symlink("later.ics", p), 0);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	snprintf(q, sizeof q, "%s/later.ics", real);
	assert_string_equal(o.path, q);
	file_output_release(&o);
	/* a loop */
	snprintf(p, sizeof p, "%s/loop", dir);
	assert_int_equal(symlink("loop", p), 0);
	assert_int_equal(file_output_resolve(p, &o, err), -1);
	assert_string_equal(err, "too many levels of symbolic links");
	/* devices, FIFOs and sockets are streamed into */
	assert_int_equal(file_output_resolve("/dev/null", &o, err), 0);
	assert_true(o.stream);
	fd = file_output_stream(&o, err);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	file_output_release(&o);
	snprintf(p, sizeof p, "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	assert_true(o.stream);
	file_output_release(&o);
	/* a Unix socket: connected to */
	snprintf(p, sizeof p, "%s/sock", dir);
	int srv = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, p);
	assert_int_equal(bind(srv, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(srv, 1), 0);
	assert_int_equal(file_output_resolve(p, &o, err), 0);
	assert_true(o.stream);
	fd = file_output_stream(&o, err);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	int peer = accept(srv, NULL, NULL);
	char got = 0;
	assert_int_equal(read(peer, &got, 1), 1);
	assert_int_equal(got, 'x');
	close(peer);
	close(fd);
	close(srv);
	file_output_release(&o);
	/* our own descriptors, as /dev/stdout names them */
	assert_int_equal(file_output_resolve("/dev/fd/2", &o, err), 0);
	assert_true(o.stream);
	assert_int_equal(o.fd, 2);
	file_output_release(&o);
	/* errors */
	assert_int_equal(file_output_resolve(dir, &o, err), -1);
	assert_string_equal(err, "it is a folder");
	snprintf(p, sizeof p, "%s/none/x.ics", dir);
	assert_int_equal(file_output_resolve(p, &o, err), -1);
	snprintf(q, sizeof q, "folder '%s/none' does not exist", dir);
	assert_string_equal(err, q);
	struct stat st;
	if (stat("/dev/loop0", &st) == 0 && S_ISBLK(st.st_mode)) {
		assert_int_equal(file_output_resolve("/dev/loop0", &o, err), -1);
		assert_non_null(strstr(err, "block device"));
	}
	test_rmdir(dir);
	free(real);
}

/* Temporary files are locked while their writer lives; what a dead process
 * left is removed, what a live one writes and what is not ours stay. */
static void test_temp_clean(void **state)
{
	(void)state;
	char dir[TESTDIR_SIZE], p[128], *live, *dead;
	test_mkdir(dir);
	snprintf(p, sizeof p, "%s/cal.ics", dir);
	int lfd = file_temp_create(p, 0640, &live);
	assert_true(lfd >= 0);
	assert_non_null(strstr(live, "/.cal.ics.hanchot."));
	struct stat st;
	assert_int_equal(stat(live, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	/* a process that died: its file is no longer locked */
	pid_t pid = fork();
	if (pid == 0) {
		char *t;
		_exit(file_temp_create(p, 0600, &t) >= 0 ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	/* find the dead one, with the journal SQLite would leave beside it */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "ls -A %s | grep -v '%s' | grep hanchot", dir, strrchr(live, '/') + 1);
	FILE *ls = popen(cmd, "r");
	char name[128] = "";
	assert_non_null(fgets(name, sizeof name, ls));
	pclose(ls);
	name[strcspn(name, "\n")] = '\0';
	dead = NULL;
	assert_true(asprintf(&dead, "%s/%s", dir, name) > 0);
	char journal[160], mine[160], other[160];
	snprintf(journal, sizeof journal, "%s-journal", dead);
	snprintf(mine, sizeof mine, "%s/.cal.ics.backup", dir);   /* a user's file */
	snprintf(other, sizeof other, "%s/.other.ics.hanchot.abcdef", dir); /* another prefix */
	const char *made[] = { journal, mine, other };
	for (int i = 0; i < 3; i++)
		close(open(made[i], O_WRONLY | O_CREAT, 0600));
	/* just written: still in the grace time, kept */
	file_temp_clean(dir, "cal.ics");
	assert_int_equal(access(dead, F_OK), 0);
	/* older than that: removed with its journal; the live one stays */
	struct timespec old[2] = { { .tv_sec = time(NULL) - 3600 }, { .tv_sec = time(NULL) - 3600 } };
	const char *aged[] = { dead, journal, live, mine, other };
	for (int i = 0; i < 5; i++)
		assert_int_equal(utimensat(AT_FDCWD, aged[i], old, 0), 0);
	file_temp_clean(dir, "cal.ics");
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(journal, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(mine, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	close(lfd);
	free(live);
	free(dead);
	test_rmdir(dir);
}

/* A database on NFS or SMB/CIFS is refused (SQLite's WAL needs shared
 * memory that network file systems do not give): the kinds are told apart
 * by statfs's magic numbers. (No such mount can be made here: the numbers
 * are checked, and a local folder is not taken for one.) */
static void test_network_file_systems(void **state)
{
	(void)state;
	assert_string_equal(file_network_fs_type(0x6969), "NFS");
	assert_string_equal(file_network_fs_type(0xFF534D42), "SMB/CIFS");
	assert_string_equal(file_network_fs_type(0xFE534D42), "SMB/CIFS");
	assert_string_equal(file_network_fs_type(0x517B), "SMB/CIFS");
	assert_null(file_network_fs_type(0xEF53));     /* ext4 */
	assert_null(file_network_fs_type(0x01021994)); /* tmpfs */
	assert_null(file_network_fs_type(0x65735546)); /* FUSE */
	assert_null(file_network_fs("/tmp"));
	assert_null(file_network_fs("/nonexistent-hanchot/x"));
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
		cmocka_unit_test(test_output_resolve),
		cmocka_unit_test(test_temp_clean),
		cmocka_unit_test(test_network_file_systems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
