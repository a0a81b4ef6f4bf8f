#include "tests/unit/testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "core/err.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "db/backup.h"
#include "db/db.h"
#include "db/task.h"

struct fixture {
	struct testdb t;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	testdb_open(&f->t);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->t);
	free(f);
	return 0;
}

static int64_t add(struct db *db, const char *summary)
{
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_add_lead(&t, "Sở Tài chính");
	task_set_str(&t.summary, summary);
	assert_int_equal(db_task_add(db, &t, err), 0);
	int64_t id = t.id;
	task_release(&t);
	return id;
}

static long long count_tasks(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	long long n = -1;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT count(*) FROM task", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_backup_to_is_private_and_whole(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], dest[128];
	struct stat st;
	add(f->t.db, "một");
	add(f->t.db, "hai");
	snprintf(dest, sizeof dest, "%s/copy.db", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, dest, err), 0);
	assert_int_equal(count_tasks(dest), 2);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(db_backup_check_file(dest, err), 0);
	char tmp[140];
	snprintf(tmp, sizeof tmp, "%s.tmp", dest);
	assert_false(exists(tmp));
}

static void test_backup_to_missing_folder_names_file(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX] = "", dest[128];
	snprintf(dest, sizeof dest, "%s/nope/copy.db", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, dest, err), -1);
	assert_non_null(strstr(err, dest));
	assert_null(strchr(err, '\n'));
}

static void test_auto_rotates_and_keeps_count(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t now = (int64_t)time(NULL);
	char *b1 = db_backup_rotating_path(f->t.path, 1), *b2 = db_backup_rotating_path(f->t.path, 2),
	     *b3 = db_backup_rotating_path(f->t.path, 3), *b4 = db_backup_rotating_path(f->t.path, 4);
	assert_int_equal(db_backup_auto(f->t.db, 0, 24, now, err), 0); /* off */
	assert_false(exists(b1));
	add(f->t.db, "một");
	assert_int_equal(db_backup_auto(f->t.db, 3, 24, now, err), 1);
	assert_true(exists(b1));
	/* The copy was written at about now; pin its time so a second that
	 * ticked meanwhile cannot make "a day later" a second short. */
	struct utimbuf first = { (time_t)now, (time_t)now };
	utime(b1, &first);
	assert_int_equal(db_backup_auto(f->t.db, 3, 24, now, err), 0); /* not due */
	assert_int_equal(db_backup_auto(f->t.db, 3, 24, now + 23 * 3600, err), 0);
	for (int round = 2; round <= 5; round++) {
		add(f->t.db, "thêm");
		/* a day later */
		assert_int_equal(db_backup_auto(f->t.db, 3, 24, now + 24 * 3600 * (round - 1) + 1, err), 1);
		struct utimbuf old = { (time_t)(now + 24 * 3600 * (round - 1)), (time_t)(now + 24 * 3600 * (round - 1)) };
		utime(b1, &old);
	}
	assert_true(exists(b1));
	assert_true(exists(b2));
	assert_true(exists(b3));
	assert_false(exists(b4));
	assert_int_equal(count_tasks(b1), 5);
	assert_int_equal(count_tasks(b2), 4);
	assert_int_equal(count_tasks(b3), 3);
	char *newest = db_backup_newest(f->t.path);
	assert_non_null(newest);
	assert_string_equal(newest, b1);
	free(newest);
	free(b1);
	free(b2);
	free(b3);
	free(b4);
}

static void test_restore_keeps_copy_and_replaces(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], copy[128], saved[256];
	add(f->t.db, "một");
	snprintf(copy, sizeof copy, "%s/copy.db", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, copy, err), 0);
	add(f->t.db, "hai");
	add(f->t.db, "ba");
	assert_int_equal(db_backup_restore(f->t.db, copy, 7, saved, sizeof saved, err), 0);
	assert_int_equal(count_tasks(f->t.path), 1);
	assert_int_equal(count_tasks(saved), 3);
	/* the connection keeps working on the restored content */
	add(f->t.db, "bốn");
	assert_int_equal(count_tasks(f->t.path), 2);
}

static void test_restore_refuses_foreign_files(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[128], saved[256];
	sqlite3 *s;
	add(f->t.db, "một");

	snprintf(path, sizeof path, "%s/notes.txt", f->t.dir);
	write_file(path, "hello, this is not a database\n");
	assert_int_equal(db_backup_restore(f->t.db, path, 7, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "not a hanchot database"));

	snprintf(path, sizeof path, "%s/other.db", f->t.dir);
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "CREATE TABLE x(a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_backup_restore(f->t.db, path, 7, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "not a hanchot database"));

	snprintf(path, sizeof path, "%s/newer.db", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, path, err), 0);
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_backup_restore(f->t.db, path, 7, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "newer than this hanchot"));

	snprintf(path, sizeof path, "%s/missing.db", f->t.dir);
	assert_int_equal(db_backup_restore(f->t.db, path, 7, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "missing.db"));
	assert_int_equal(count_tasks(f->t.path), 1);
}

/* Damage found at open names the file and the newest backup. */
static void test_damaged_database_points_to_backup(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX] = "", path[128], saved[256];
	struct db *db = NULL;
	add(f->t.db, "một");
	assert_int_equal(db_backup_auto(f->t.db, 2, 24, (int64_t)time(NULL), err), 1);
	snprintf(path, sizeof path, "%s/t.db", f->t.dir);
	db_close(f->t.db);
	f->t.db = NULL;
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	fputs("this is no longer an sqlite header", fp);
	fclose(fp);
	assert_int_equal(db_open(path, &db, err), DB_OPEN_DAMAGED);
	assert_null(db);
	assert_non_null(strstr(err, "is damaged"));
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "t.db.backup.1"));
	assert_null(strchr(err, '\n'));
	/* one language at a time: restore sees the damage by the code, not the words */
	i18n_set_messages(LANG_VI);
	assert_int_equal(db_open(path, &db, err), DB_OPEN_DAMAGED);
	i18n_set_messages(LANG_EN);
	assert_non_null(strstr(err, "bị hỏng"));
	assert_null(strstr(err, "is damaged"));
	assert_non_null(strstr(err, "hanchot restore"));

	char *b1 = db_backup_rotating_path(path, 1);
	assert_int_equal(db_backup_restore_file(path, b1, saved, sizeof saved, err), 0);
	free(b1);
	assert_int_equal(db_open(path, &f->t.db, err), 0);
	assert_int_equal(count_tasks(path), 1);
	assert_true(exists(saved));
}

/* backup FILE never writes over the database's own files, however named. */
static void test_backup_refuses_own_files(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[192], cwd[256];
	add(f->t.db, "một");
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(f->t.dir), 0);
	static const char *const names[] = { "t.db", "./t.db", "t.db-wal", "t.db-shm", "t.db.backup.1",
					     "t.db.backup.lock", "t.db.before-restore-20240517-083000",
					     "t.db.ical-0123456789abcdef", "link.db", "hard.db" };
	assert_int_equal(symlink("t.db", "link.db"), 0);
	assert_int_equal(link("t.db", "hard.db"), 0);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(db_backup_to(f->t.db, names[i], err), -1);
		if (!strstr(err, "the database's own file"))
			fail_msg("%s: %s", names[i], err);
	}
	snprintf(path, sizeof path, "%s/../%s/t.db", f->t.dir, strrchr(f->t.dir, '/') + 1);
	assert_int_equal(db_backup_to(f->t.db, path, err), -1);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(count_tasks(f->t.path), 1);
	/* a name of its own next to it is fine */
	snprintf(path, sizeof path, "%s/t.db.backup-ngay-17", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, path, err), 0);
	assert_int_equal(count_tasks(path), 1);
}

/* Each restore keeps a copy of what it replaced, as many as backups are
 * kept, the oldest dropped. */
static void test_restore_copies_rotate(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], copy[128], saved[256], first[256] = "";
	add(f->t.db, "một");
	snprintf(copy, sizeof copy, "%s/copy.db", f->t.dir);
	assert_int_equal(db_backup_to(f->t.db, copy, err), 0);
	for (int i = 0; i < 4; i++) {
		db_set_clock(f->t.db, 1715900000 + i); /* one stamp per second */
		assert_int_equal(db_backup_restore(f->t.db, copy, 2, saved, sizeof saved, err), 0);
		if (i == 0)
			snprintf(first, sizeof first, "%s", saved);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "ls %s | grep -c before-restore", f->t.dir);
	FILE *p = popen(cmd, "r");
	int n = 0;
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	assert_int_equal(n, 2);
	assert_false(exists(first));
	assert_true(exists(saved));
}

/* What killed backups and restores left is removed at the next start, what
 * a live one writes is not. */
static void test_leftovers_cleaned_at_start(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[192];
	static const char *const left[] = { ".t.db.backup.1.hanchot.AbC123", ".t.db.backup.1.hanchot.AbC123-journal",
					    "t.db.before-restore-20240517-083000.tmp",
					    "t.db.before-restore-20240517-083000.tmp-journal", "t.db.restore.tmp",
					    "t.db.backup.new" };
	static const char *const kept[] = { "t.db.mine", ".t.db.backup.hanchot.notes", "other.db.tmp" };
	struct timespec old[2] = { { .tv_sec = time(NULL) - 3600 }, { .tv_sec = time(NULL) - 3600 } };
	for (size_t i = 0; i < 6 + 3; i++) {
		snprintf(path, sizeof path, "%s/%s", f->t.dir, i < 6 ? left[i] : kept[i - 6]);
		write_file(path, "x");
		assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
	}
	/* a live writer's file */
	char *live;
	snprintf(path, sizeof path, "%s/t.db.backup.2", f->t.dir);
	int fd = file_temp_create(path, 0600, &live);
	assert_true(fd >= 0);
	assert_int_equal(utimensat(AT_FDCWD, live, old, 0), 0);
	struct db *db;
	assert_int_equal(db_open(f->t.path, &db, err), 0);
	db_close(db);
	for (size_t i = 0; i < 6 + 3; i++) {
		snprintf(path, sizeof path, "%s/%s", f->t.dir, i < 6 ? left[i] : kept[i - 6]);
		if (exists(path) != (i >= 6))
			fail_msg("%s %s", path, i < 6 ? "left" : "removed");
	}
	assert_true(exists(live));
	close(fd);
	free(live);
}

/* A device or a pipe gets the copy poured into it, never renamed over. */
static void test_backup_into_a_stream(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[128];
	add(f->t.db, "một");
	struct stat st;
	assert_int_equal(db_backup_to(f->t.db, "/dev/null", err), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	snprintf(path, sizeof path, "%s/out.db", f->t.dir);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	if (pid == 0) { /* reads the pipe into out.db */
		close(fds[1]);
		FILE *out = fopen(path, "wb");
		char buf[4096];
		ssize_t n;
		while ((n = read(fds[0], buf, sizeof buf)) > 0)
			fwrite(buf, 1, (size_t)n, out);
		fclose(out);
		_exit(0);
	}
	close(fds[0]);
	char name[64];
	snprintf(name, sizeof name, "/dev/fd/%d", fds[1]);
	assert_int_equal(db_backup_to(f->t.db, name, err), 0);
	close(fds[1]);
	int status;
	waitpid(pid, &status, 0);
	assert_int_equal(count_tasks(path), 1);
	/* and nothing was left next to the database */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "ls -A %s | grep -c hanchot", f->t.dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backup_to_is_private_and_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_to_missing_folder_names_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auto_rotates_and_keeps_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_keeps_copy_and_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_refuses_foreign_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_database_points_to_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_refuses_own_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_copies_rotate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leftovers_cleaned_at_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_into_a_stream, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
