#include "tests/unit/testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/backup.h"
#include "db/db.h"
#include "db/task.h"

struct fixture {
	char dir[64];
	char path[96];
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[ERR_MAX];
	snprintf(f->dir, sizeof f->dir, "/tmp/hanchot-backup-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	if (db_open(f->path, &f->db, err))
		return -1;
	db_set_actor(f->db, "tester");
	db_set_today(f->db, date_from_ymd(2024, 5, 17));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];
	db_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
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
	add(f->db, "một");
	add(f->db, "hai");
	snprintf(dest, sizeof dest, "%s/copy.db", f->dir);
	assert_int_equal(db_backup_to(f->db, dest, err), 0);
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
	snprintf(dest, sizeof dest, "%s/nope/copy.db", f->dir);
	assert_int_equal(db_backup_to(f->db, dest, err), -1);
	assert_non_null(strstr(err, dest));
	assert_null(strchr(err, '\n'));
}

static void test_auto_rotates_and_keeps_count(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t now = (int64_t)time(NULL);
	char *b1 = db_backup_rotating_path(f->path, 1), *b2 = db_backup_rotating_path(f->path, 2),
	     *b3 = db_backup_rotating_path(f->path, 3), *b4 = db_backup_rotating_path(f->path, 4);
	assert_int_equal(db_backup_auto(f->db, 0, 24, now, err), 0); /* off */
	assert_false(exists(b1));
	add(f->db, "một");
	assert_int_equal(db_backup_auto(f->db, 3, 24, now, err), 1);
	assert_true(exists(b1));
	/* The copy was written at about now; pin its time so a second that
	 * ticked meanwhile cannot make "a day later" a second short. */
	struct utimbuf first = { (time_t)now, (time_t)now };
	utime(b1, &first);
	assert_int_equal(db_backup_auto(f->db, 3, 24, now, err), 0); /* not due */
	assert_int_equal(db_backup_auto(f->db, 3, 24, now + 23 * 3600, err), 0);
	for (int round = 2; round <= 5; round++) {
		add(f->db, "thêm");
		/* a day later */
		assert_int_equal(db_backup_auto(f->db, 3, 24, now + 24 * 3600 * (round - 1) + 1, err), 1);
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
	char *newest = db_backup_newest(f->path);
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
	add(f->db, "một");
	snprintf(copy, sizeof copy, "%s/copy.db", f->dir);
	assert_int_equal(db_backup_to(f->db, copy, err), 0);
	add(f->db, "hai");
	add(f->db, "ba");
	assert_int_equal(db_backup_restore(f->db, copy, saved, sizeof saved, err), 0);
	assert_int_equal(count_tasks(f->path), 1);
	assert_int_equal(count_tasks(saved), 3);
	/* the connection keeps working on the restored content */
	add(f->db, "bốn");
	assert_int_equal(count_tasks(f->path), 2);
}

static void test_restore_refuses_foreign_files(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[128], saved[256];
	sqlite3 *s;
	add(f->db, "một");

	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	write_file(path, "hello, this is not a database\n");
	assert_int_equal(db_backup_restore(f->db, path, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "not a hanchot database"));

	snprintf(path, sizeof path, "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "CREATE TABLE x(a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_backup_restore(f->db, path, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "not a hanchot database"));

	snprintf(path, sizeof path, "%s/newer.db", f->dir);
	assert_int_equal(db_backup_to(f->db, path, err), 0);
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_backup_restore(f->db, path, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "newer than this hanchot"));

	snprintf(path, sizeof path, "%s/missing.db", f->dir);
	assert_int_equal(db_backup_restore(f->db, path, saved, sizeof saved, err), -1);
	assert_non_null(strstr(err, "missing.db"));
	assert_int_equal(count_tasks(f->path), 1);
}

/* Damage found at open names the file and the newest backup. */
static void test_damaged_database_points_to_backup(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX] = "", path[128], saved[256];
	struct db *db = NULL;
	add(f->db, "một");
	assert_int_equal(db_backup_auto(f->db, 2, 24, (int64_t)time(NULL), err), 1);
	snprintf(path, sizeof path, "%s/t.db", f->dir);
	db_close(f->db);
	f->db = NULL;
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	fputs("this is no longer an sqlite header", fp);
	fclose(fp);
	assert_int_equal(db_open(path, &db, err), -1);
	assert_null(db);
	assert_non_null(strstr(err, "is damaged"));
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "t.db.backup.1"));
	assert_null(strchr(err, '\n'));

	char *b1 = db_backup_rotating_path(path, 1);
	assert_int_equal(db_backup_restore_file(path, b1, saved, sizeof saved, err), 0);
	free(b1);
	assert_int_equal(db_open(path, &f->db, err), 0);
	assert_int_equal(count_tasks(path), 1);
	assert_true(exists(saved));
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
