/* db_report_build reads every stored day through a memo of the days already
 * parsed (db/report.c, column_day): here more distinct days than the memo
 * has slots, so slots are reused, mixed with texts that are not days, must
 * come out exactly as parsing each text alone would give — as stored due
 * dates (the current state) and as the old and new values of 'extend'
 * events (the replay of --as-of). The follow-up list of a document gives
 * each task's due date back. */
#include "tests/unit/testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "core/err.h"
#include "core/report.h"
#include "db/db.h"
#include "db/report.h"

/* Days 2019-01-01 + k for k < N_DAYS: more than the memo's 1,024 slots. */
enum { N_DAYS = 3000 };

/* Texts that are not a day of the stored form, each DATE_NONE, among texts
 * that differ from a valid day in one byte. */
static const char *const not_days[] = {
	"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-05-00", "2024-05-32",
	"0000-01-01", "2024-5-01",  "2024-05-1",  " 2024-05-01", "2024-05-01 ", "2024/05/01",
	"2024-05-0x", "x024-05-01", "2024-05-01T00:00:00Z", "",  "20240501",   "2024_05-01",
};
#define N_NOT (sizeof not_days / sizeof not_days[0])

static civil_day day_k(int k) { return date_from_ymd(2019, 1, 1) + k; }

static void day_text(civil_day d, char *buf)
{
	struct civil_date c = date_to_ymd(d);
	snprintf(buf, 11, "%04d-%02d-%02d", c.year, c.month, c.day);
}

/* Task ids 1..N_DAYS carry day k-1 (task 2k+1 stored, task 2k+2 through an
 * extension in effect, alternately, and the reverse for its old value);
 * tasks N_DAYS+1.. carry a text of not_days, then one task a NULL due date
 * and one a due date stored as an integer. Every task is in document 1.
 * The extension is made on 2019-01-01 (in effect on the report day) or on
 * 2099-01-01 (not yet: the old value counts). */
static void fill(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *task, *ext;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "BEGIN; INSERT INTO document(id, number, issued_date, imported_at)"
				      " VALUES (1, '1/TB', '2019-01-01', 'x');", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "INSERT INTO task(id, document_id, summary, due_date, status,"
					    " uuid, created_at, updated_at) VALUES (?1, 1, 's', ?2, 'in_progress',"
					    " 'u' || ?1, '2019-01-01T00:00:00Z', 'x')", -1, &task, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "INSERT INTO task_event(task_id, at, on_date, who, what, old_value,"
					    " new_value) VALUES (?1, 'x', ?2, 'w', 'extend', ?3, ?4)", -1, &ext, NULL),
			 SQLITE_OK);
	char buf[16], other[16];
	int64_t id = 1;
	for (int k = 0; k < N_DAYS; k++, id++) {
		/* a day far from k, so the text seen before is a different one */
		day_text(day_k(k), buf);
		day_text(day_k((k * 7919) % N_DAYS), other);
		sqlite3_bind_int64(task, 1, id);
		sqlite3_bind_text(task, 2, buf, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(task), SQLITE_DONE);
		sqlite3_reset(task);
		if (k % 3 == 0)
			continue; /* never extended: the stored day */
		bool in_effect = k % 3 == 1;
		/* the day to find back is the new value when in effect, else the old */
		sqlite3_bind_int64(ext, 1, id);
		sqlite3_bind_text(ext, 2, in_effect ? "2019-01-01" : "2099-01-01", -1, SQLITE_STATIC);
		sqlite3_bind_text(ext, 3, in_effect ? other : buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ext, 4, in_effect ? buf : other, -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(ext), SQLITE_DONE);
		sqlite3_reset(ext);
	}
	for (size_t j = 0; j < N_NOT; j++, id++) {
		sqlite3_bind_int64(task, 1, id);
		sqlite3_bind_text(task, 2, not_days[j], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(task), SQLITE_DONE);
		sqlite3_reset(task);
		/* and the same text as an extension in effect */
		sqlite3_bind_int64(ext, 1, id);
		sqlite3_bind_text(ext, 2, "2019-01-01", -1, SQLITE_STATIC);
		sqlite3_bind_text(ext, 3, "2019-01-01", -1, SQLITE_STATIC);
		sqlite3_bind_text(ext, 4, not_days[j], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ext), SQLITE_DONE);
		sqlite3_reset(ext);
	}
	sqlite3_finalize(task);
	sqlite3_finalize(ext);
	char sql[512];
	/* no due date; a due date stored as the integer 20240501; a day with a
	 * NUL after its ten bytes (eleven bytes: not a day) */
	snprintf(sql, sizeof sql,
		 "INSERT INTO task(id, document_id, summary, due_date, status, uuid, created_at, updated_at) VALUES"
		 " (%lld, 1, 's', NULL, 'new', 'n1', 'x', 'x'), (%lld, 1, 's', 20240501, 'new', 'n2', 'x', 'x'),"
		 " (%lld, 1, 's', CAST(x'323032342d30352d303100' AS TEXT), 'new', 'n3', 'x', 'x'); COMMIT;",
		 (long long)id, (long long)id + 1, (long long)id + 2);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}

static civil_day expected(size_t i)
{
	if (i < N_DAYS)
		return day_k((int)i);
	return DATE_NONE; /* not_days, NULL, integer, eleven bytes */
}

static void test_days(void **state)
{
	(void)state;
	struct testdb t;
	char err[ERR_MAX];
	testdb_open(&t); /* the schema */
	db_close(t.db);
	fill(t.path);
	assert_int_equal(db_open(t.path, &t.db, err), 0);
	struct db *db = t.db;
	size_t n_tasks = N_DAYS + N_NOT + 3;
	for (int historical = 0; historical <= 1; historical++) {
		struct report r;
		civil_day as_of = date_from_ymd(2030, 1, 1);
		struct report_filter f = { .as_of = as_of, .warn_until = as_of, .historical = historical,
					   .document_id = 1, .from = DATE_NONE, .to = DATE_NONE };
		report_init(&r);
		assert_int_equal(db_report_build(db, &f, LANG_EN, &r, err), 0);
		assert_int_equal(r.n_tasks, n_tasks);
		for (size_t i = 0; i < n_tasks; i++) {
			assert_int_equal(r.tasks[i].task_id, (int64_t)i + 1);
			/* the stored due date in the current state; the extension's
			 * day (new or old value) in the replay, which for the texts
			 * that are not days is the not-day too */
			civil_day want = expected(i);
			if (r.tasks[i].due != want)
				fail_msg("%s, task %zu: due %d, want %d", historical ? "replayed" : "stored", i + 1,
					 (int)r.tasks[i].due, (int)want);
		}
		report_release(&r);
	}
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
