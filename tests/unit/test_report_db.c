/* db_report_build over a database written with SQL: every combination of
 * the filters (each has its own query), and the same figures whether task
 * and agency ids are consecutive (looked up in a table) or far apart
 * (binary search). */
#include "tests/unit/testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/report.h"
#include "db/db.h"
#include "db/report.h"

#define D(y, m, d) date_from_ymd(y, m, d)
#define NONE DATE_NONE

/* Five tasks; a task's assignment day (for --from/--to) is its document's
 * issued date, else its 'created' event's day, else its created_at day:
 *   1 doc 1 (issued 10/03)  lead A, cooperating B  assigned 10/03  due 25/03, extended on 24/03 to 01/04
 *   2 doc 2 (no date)       lead B                 assigned 20/03  due 05/04
 *   3 no document           lead A                 assigned 02/04  due 01/05, done 20/04
 *   4 no document, no event lead C                 assigned 10/04  due 15/04
 *   5 doc 1                 lead B                 assigned 10/03  due 01/06, new */
static const char data_sql[] =
	"INSERT INTO agency(id, name, match_key) VALUES (%lld, 'A', 'a'), (%lld, 'B', 'b'), (%lld, 'C', 'c');"
	"INSERT INTO document(id, number, issued_date, imported_at) VALUES (1, '1/TB', '2024-03-10', 'x'),"
	" (2, '2/TB', NULL, 'x');"
	"INSERT INTO task(id, document_id, summary, due_date, status, completed_date, uuid, created_at, updated_at)"
	" VALUES (%lld, 1, 't1', '2024-04-01', 'in_progress', NULL, 'u1', '2024-03-12T00:00:00Z', 'x'),"
	" (%lld, 2, 't2', '2024-04-05', 'in_progress', NULL, 'u2', '2024-03-20T00:00:00Z', 'x'),"
	" (%lld, NULL, 't3', '2024-05-01', 'done', '2024-04-20', 'u3', '2024-04-02T00:00:00Z', 'x'),"
	" (%lld, NULL, 't4', '2024-04-15', 'in_progress', NULL, 'u4', '2024-04-10T08:00:00Z', 'x'),"
	" (%lld, 1, 't5', '2024-06-01', 'new', NULL, 'u5', '2024-03-11T00:00:00Z', 'x');"
	"INSERT INTO task_agency(task_id, agency_id, role, position) VALUES (%lld, %lld, 'lead', 0),"
	" (%lld, %lld, 'cooperating', 1), (%lld, %lld, 'lead', 0), (%lld, %lld, 'lead', 0),"
	" (%lld, %lld, 'lead', 0), (%lld, %lld, 'lead', 0);"
	"INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value) VALUES"
	" (%lld, 'x', '2024-03-12', 'w', 'created', NULL, 'new'),"
	" (%lld, 'x', '2024-03-11', 'w', 'created', NULL, 'new'),"
	" (%lld, 'x', '2024-03-15', 'w', 'status', 'new', 'in_progress'),"
	" (%lld, 'x', '2024-03-20', 'w', 'created', NULL, 'new'),"
	" (%lld, 'x', '2024-03-21', 'w', 'status', 'new', 'in_progress'),"
	" (%lld, 'x', '2024-03-24', 'w', 'extend', '2024-03-25', '2024-04-01'),"
	" (%lld, 'x', '2024-04-02', 'w', 'created', NULL, 'new'),"
	" (%lld, 'x', '2024-04-03', 'w', 'status', 'new', 'in_progress'),"
	" (%lld, 'x', '2024-04-20', 'w', 'status', 'in_progress', 'done'),"
	/* other kinds never change the status, whatever their values */
	" (%lld, 'x', '2024-03-30', 'w', 'note', NULL, 'cancelled'),"
	" (%lld, 'x', '2024-03-30', 'w', 'assign', 'in_progress', 'done');";

/* Ids of tasks 1..5 and agencies A, B, C in one layout. */
struct layout {
	const char *name;
	long long task[6], agency[3];
};

static const struct layout layouts[] = {
	{ "consecutive ids", { 0, 1, 2, 3, 4, 5 }, { 1, 2, 3 } },
	{ "ids far apart", { 0, 7, 1000003, 2000006, 3000009, 9000000000LL }, { 5, 4000000, 8000000 } },
};

static void fill(const char *path, const struct layout *l)
{
	const long long *t = l->task, *a = l->agency;
	char *sql = NULL;
	int n = snprintf(NULL, 0, data_sql, a[0], a[1], a[2], t[1], t[2], t[3], t[4], t[5], t[1], a[0], t[1],
			 a[1], t[2], a[1], t[3], a[0], t[4], a[2], t[5], a[1], t[1], t[5], t[1], t[2], t[2], t[1],
			 t[3], t[3], t[3], t[1], t[2]);
	sql = malloc((size_t)n + 1);
	assert_non_null(sql);
	snprintf(sql, (size_t)n + 1, data_sql, a[0], a[1], a[2], t[1], t[2], t[3], t[4], t[5], t[1], a[0], t[1],
		 a[1], t[2], a[1], t[3], a[0], t[4], a[2], t[5], a[1], t[1], t[5], t[1], t[2], t[2], t[1], t[3],
		 t[3], t[3], t[1], t[2]);
	sqlite3 *s;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	if (sqlite3_exec(s, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", l->name, msg);
	sqlite3_close(s);
	free(sql);
}

/* One report: its filter, then the tasks (1..5) it counts, the overdue
 * ones in the list's order, and the rows (agency letters). */
static const struct {
	civil_day as_of;
	bool historical, cooperating;
	char agency;   /* 0 or 'A'.. */
	int64_t document;
	civil_day from, to;
	unsigned total;
	int overdue[4]; /* task numbers, 0-terminated */
	const char *rows;
} cases[] = {
	/* today's state on 10/04: tasks 1 and 2 overdue */
	{ 19823, false, false, 0, 0, NONE, NONE, 5, { 1, 2 }, "ABC" },
	{ 19823, false, false, 0, 0, 19797, NONE, 3, { 2 }, "ABC" },       /* from 15/03: 2, 3, 4 */
	{ 19823, false, false, 0, 0, NONE, 19797, 2, { 1 }, "AB" },        /* to 15/03: 1, 5 */
	{ 19823, false, false, 0, 0, 19797, 19818, 2, { 2 }, "AB" },       /* 15/03..05/04: 2, 3 */
	{ 19823, false, false, 0, 0, 19823, 19823, 1, { 0 }, "C" },        /* 10/04: 4 (created_at) */
	{ 19823, false, false, 0, 0, 19802, NONE, 3, { 2 }, "ABC" },       /* from 20/03: 2 (that day), 3, 4 */
	{ 19823, false, false, 0, 0, NONE, 19792, 2, { 1 }, "AB" },        /* to 10/03: 1, 5 (that day) */
	{ 19823, false, false, 0, 1, NONE, NONE, 2, { 1 }, "AB" },         /* document 1: 1, 5 */
	{ 19823, false, false, 0, 1, 19783, 19813, 2, { 1 }, "AB" },       /* document 1 in March */
	{ 19823, false, false, 0, 2, 19790, NONE, 1, { 2 }, "B" },         /* document 2 (no date) from 08/03: 2 */
	{ 19823, false, false, 'B', 1, NONE, NONE, 1, { 0 }, "B" },        /* B leads 5 in document 1 */
	{ 19823, false, true, 'B', 1, NONE, NONE, 2, { 1 }, "B" },         /* and cooperates on 1 */
	{ 19823, false, false, 'A', 0, NONE, NONE, 2, { 1 }, "A" },        /* A leads 1 and 3 */
	{ 19823, false, false, 'A', 0, 19800, NONE, 1, { 0 }, "A" },       /* A from 18/03: 3 */
	{ 19823, false, true, 'B', 0, NONE, 19800, 2, { 1 }, "B" },        /* B up to 18/03: 1, 5 */
	/* replayed: on 24/03 task 3 did not exist, task 1 was extended that day */
	{ 19806, true, false, 0, 0, NONE, NONE, 4, { 0 }, "ABC" },
	/* on 21/04: 1 (20 days late), 2 (16), 4 (6; no events: new, stored due) */
	{ 19834, true, false, 0, 0, NONE, NONE, 5, { 1, 2, 4 }, "ABC" },
	{ 19834, true, true, 'B', 0, NONE, NONE, 3, { 1, 2 }, "B" },
	{ 19834, true, false, 0, 0, 19797, NONE, 3, { 2, 4 }, "ABC" },
};

static void test_filters(void **state)
{
	(void)state;
	assert_int_equal(D(2024, 4, 10), 19823);
	assert_int_equal(D(2024, 3, 15), 19797);
	assert_int_equal(D(2024, 4, 5), 19818);
	assert_int_equal(D(2024, 3, 1), 19783);
	assert_int_equal(D(2024, 3, 31), 19813);
	assert_int_equal(D(2024, 3, 24), 19806);
	assert_int_equal(D(2024, 4, 21), 19834);
	assert_int_equal(D(2024, 3, 18), 19800);
	assert_int_equal(D(2024, 3, 8), 19790);
	assert_int_equal(D(2024, 3, 20), 19802);
	assert_int_equal(D(2024, 3, 10), 19792);
	for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++) {
		const struct layout *l = &layouts[k];
		struct testdb t;
		char err[ERR_MAX];
		testdb_open(&t); /* the schema */
		db_close(t.db);
		fill(t.path, l);
		assert_int_equal(db_open(t.path, &t.db, err), 0);
		struct db *db = t.db;
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			struct report r;
			struct report_filter f = {
				.as_of = cases[i].as_of, .warn_until = cases[i].as_of, .historical = cases[i].historical,
				.cooperating = cases[i].cooperating, .document_id = cases[i].document,
				.agency_id = cases[i].agency ? l->agency[cases[i].agency - 'A'] : 0,
				.from = cases[i].from, .to = cases[i].to,
			};
			report_init(&r);
			assert_int_equal(db_report_build(db, &f, LANG_EN, &r, err), 0);
			if (r.total.total != cases[i].total)
				fail_msg("%s, case %zu: %u tasks, want %u", l->name, i, r.total.total, cases[i].total);
			size_t n = 0;
			while (n < 4 && cases[i].overdue[n])
				n++;
			if (r.n_overdue != n)
				fail_msg("%s, case %zu: %zu overdue, want %zu", l->name, i, r.n_overdue, n);
			for (size_t j = 0; j < n; j++)
				if (r.overdue[j].task_id != l->task[cases[i].overdue[j]])
					fail_msg("%s, case %zu: overdue %zu is %lld", l->name, i, j,
						 (long long)r.overdue[j].task_id);
			char rows[8] = "";
			for (size_t j = 0; j < r.n_rows && j < 7; j++)
				rows[j] = r.rows[j].agency[0];
			if (strcmp(rows, cases[i].rows) != 0)
				fail_msg("%s, case %zu: rows %s, want %s", l->name, i, rows, cases[i].rows);
			report_release(&r);
		}
		testdb_close(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
