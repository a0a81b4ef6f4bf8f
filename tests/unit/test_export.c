/* db/export: SEQUENCE moves only with exported content, the cache is used and
 * invalidated per task, re-exports equal from-scratch ones, refresh is a no-op
 * when nothing changed. */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/export.h"
#include "db/task.h"

struct mem {
	char *p;
	size_t len;
};

static int mem_write(void *ctx, const char *data, size_t len)
{
	struct mem *m = ctx;
	m->p = xrealloc(m->p, m->len + len + 1);
	memcpy(m->p + m->len, data, len);
	m->len += len;
	m->p[m->len] = '\0';
	return 0;
}

static const char *const alarms[] = { "-PT15H" };
static const struct ical_options opt = { .kind = ICAL_KIND_BOTH, .alarms = alarms, .n_alarms = 1,
					 .calendar_name = "Lịch", .dtstamp = 1715900000 };

struct fixture {
	char dir[64], path[96];
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char err[ERR_MAX];
	snprintf(f->dir, sizeof f->dir, "/tmp/hanchot-export-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	assert_int_equal(db_open(f->path, &f->db, err), 0);
	db_set_clock(f->db, 1715900000);
	db_set_today(f->db, date_from_ymd(2024, 5, 17));
	for (int i = 0; i < 3; i++) {
		struct task t;
		task_init(&t);
		task_set_str(&t.summary, i == 1 ? "Báo cáo, thu; chi \\ ngân sách" : "Kế hoạch");
		task_add_lead(&t, i == 2 ? "Sở Y tế" : "Sở Tài chính");
		t.due = i == 0 ? DATE_NONE : date_from_ymd(2024, 5, 14 + i);
		t.precision = PRECISION_DAY;
		assert_int_equal(db_task_add(f->db, &t, err), 0);
		task_release(&t);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	db_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static int64_t sequence(struct db *db, int64_t id)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT ical_sequence FROM task WHERE id = ?1",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *export(struct db *db, struct db_export_stats *stats)
{
	struct mem m = { 0 };
	char err[ERR_MAX];
	assert_int_equal(db_export_write(db, &opt, NULL, mem_write, &m, stats, err), 0);
	return m.p;
}

static void test_sequence_moves_with_content_only(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	assert_int_equal(sequence(f->db, 2), 0);
	assert_int_equal(db_task_note(f->db, 2, "đã gọi điện", 0, err), 0);
	assert_int_equal(sequence(f->db, 2), 0);
	assert_int_equal(db_task_set_status(f->db, 2, STATUS_DONE, DATE_NONE, 0, err), 0);
	assert_int_equal(sequence(f->db, 2), 1);
	assert_int_equal(db_task_set_status(f->db, 2, STATUS_DONE, DATE_NONE, 0, err), 0); /* no-op */
	assert_int_equal(sequence(f->db, 2), 1);
	assert_int_equal(db_task_extend(f->db, 3, date_from_ymd(2024, 6, 1), "xin gia hạn", 0, err), 0);
	assert_int_equal(sequence(f->db, 3), 1);
	assert_int_equal(sequence(f->db, 2), 1);
	assert_int_equal(sqlite3_exec(db_sqlite(f->db), "UPDATE agency SET name = 'Sở Y tế tỉnh' WHERE name = 'Sở Y tế'",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sequence(f->db, 3), 2);
	assert_int_equal(sequence(f->db, 2), 1);
}

static void test_cache_and_equality(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char err[ERR_MAX];
	char *a = export(f->db, &s);
	assert_int_equal(s.tasks, 2);
	assert_int_equal(s.built, 2);
	char *b = export(f->db, &s);
	assert_int_equal(s.cached, 2);
	assert_string_equal(a, b);
	/* a note: nothing rebuilt, same text */
	assert_int_equal(db_task_note(f->db, 2, "ghi chú", 0, err), 0);
	free(b);
	b = export(f->db, &s);
	assert_int_equal(s.cached, 2);
	assert_string_equal(a, b);
	/* one status change: one rebuilt, equal to a from-scratch export */
	assert_int_equal(db_task_set_status(f->db, 3, STATUS_DONE, DATE_NONE, 0, err), 0);
	free(b);
	b = export(f->db, &s);
	assert_int_equal(s.built, 1);
	assert_int_equal(s.cached, 1);
	assert_string_not_equal(a, b);
	assert_int_equal(sqlite3_exec(db_sqlite(f->db), "DELETE FROM ical_cache", NULL, NULL, NULL), SQLITE_OK);
	char *c = export(f->db, &s);
	assert_int_equal(s.built, 2);
	assert_string_equal(b, c);
	free(a);
	free(b);
	free(c);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct db_export_filter flt;
	struct mem m = { 0 };
	struct db_export_stats s;
	char err[ERR_MAX];
	db_export_filter_init(&flt);
	flt.from = date_from_ymd(2024, 5, 16);
	assert_int_equal(db_export_write(f->db, &opt, &flt, mem_write, &m, &s, err), 0);
	assert_int_equal(s.tasks, 1);
	flt.to = date_from_ymd(2024, 5, 1);
	assert_int_equal(db_export_write(f->db, &opt, &flt, mem_write, &m, &s, err), -1);
	assert_non_null(strstr(err, "is after --to"));
	db_export_filter_init(&flt);
	flt.document_id = 9;
	assert_int_equal(db_export_filter_check(f->db, &flt, err), -1);
	assert_string_equal(err, "--document 9: no such document");
	free(m.p);
}

static void test_refresh(void **state)
{
	struct fixture *f = *state;
	char path[128], err[ERR_MAX];
	bool written;
	snprintf(path, sizeof path, "%s/cal.ics", f->dir);
	assert_int_equal(db_export_refresh(f->db, &opt, path, &written, err), 0);
	assert_true(written);
	assert_int_equal(db_export_refresh(f->db, &opt, path, &written, err), 0);
	assert_false(written);
	assert_int_equal(db_task_note(f->db, 2, "ghi chú", 0, err), 0);
	assert_int_equal(db_export_refresh(f->db, &opt, path, &written, err), 0);
	assert_false(written);
	assert_int_equal(db_task_set_status(f->db, 2, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(db_export_refresh(f->db, &opt, path, &written, err), 0);
	assert_true(written);
	unlink(path); /* the file went away: written again */
	assert_int_equal(db_export_refresh(f->db, &opt, path, &written, err), 0);
	assert_true(written);
	assert_int_equal(access(path, R_OK), 0);
	char bad[160];
	snprintf(bad, sizeof bad, "%s/no/cal.ics", f->dir);
	assert_int_equal(db_export_refresh(f->db, &opt, bad, &written, err), -1);
	assert_non_null(strstr(err, "does not exist"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sequence_moves_with_content_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_and_equality, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
