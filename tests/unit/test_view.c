/* db/view: windowed queries, filters, diacritic-insensitive search, counts,
 * and db/agency's rename, alias and merge. */
#include "tests/unit/testutil.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/text.h"
#include "db/agency.h"
#include "db/db.h"
#include "db/event.h"
#include "db/task.h"
#include "db/view.h"

struct fixture {
	char dir[64], path[96];
	struct db *db;
	civil_day today;
};

static int64_t add(struct db *db, const char *summary, const char *lead, civil_day due)
{
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, summary);
	task_add_lead(&t, lead);
	t.due = due;
	assert_int_equal(db_task_add(db, &t, err), 0);
	int64_t id = t.id;
	task_release(&t);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char err[ERR_MAX];
	snprintf(f->dir, sizeof f->dir, "/tmp/hanchot-view-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	if (db_open(f->path, &f->db, err))
		return -1;
	f->today = date_from_ymd(2024, 5, 17);
	db_set_actor(f->db, "tester");
	db_set_today(f->db, f->today);
	/* 1 overdue, 2 due today, 3 due soon, 4 later, 5 no deadline, 6 done late, 7 cancelled */
	add(f->db, "Báo cáo thu ngân sách", "Sở Tài chính", f->today - 3);
	add(f->db, "Kế hoạch phòng dịch", "Sở Y tế", f->today);
	add(f->db, "KẾ HOẠCH đầu tư công", "Sở Tài chính", f->today + 2);
	add(f->db, "Công bố chỉ số", "Sở Nội vụ", f->today + 30);
	add(f->db, "Thường xuyên kiểm tra", "Sở Nội vụ", DATE_NONE);
	add(f->db, "Đã xong", "Sở Y tế", f->today - 10);
	add(f->db, "Bỏ", "Sở Y tế", f->today - 10);
	assert_int_equal(db_task_set_status(f->db, 6, STATUS_DONE, f->today - 1, 0, err), 0);
	assert_int_equal(db_task_set_status(f->db, 7, STATUS_CANCELLED, DATE_NONE, 0, err), 0);
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

static struct view_query query(const struct fixture *f, int filter)
{
	struct view_query q = { .filter = filter, .today = f->today, .warn_until = f->today + 5 };
	return q;
}

static void fold(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } rows[] = {
		{ "Kế hoạch", "ke hoach" },
		{ "ĐẦU TƯ", "dau tu" },
		{ "Sở Y tế\tmới", "so y te moi" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *s = text_fold_dup(rows[i].in);
		assert_string_equal(s, rows[i].out);
		free(s);
	}
	/* NFD: e + U+0302 + U+0301, a + U+0323 */
	char *s = text_fold_dup("Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch");
	assert_string_equal(s, "ke hoach");
	free(s);
}

static void filters(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	static const struct { int filter; size_t n; int64_t first; } rows[] = {
		{ FILTER_ALL, 7, 1 }, { FILTER_OPEN, 5, 1 }, { CLASS_OVERDUE, 1, 1 },
		{ CLASS_DUE_TODAY, 1, 2 }, { CLASS_DUE_SOON, 1, 3 }, { CLASS_NOT_DUE, 1, 4 },
		{ CLASS_NO_DEADLINE, 1, 5 }, { CLASS_DONE_ON_TIME, 0, 0 }, { CLASS_DONE_LATE, 1, 6 },
		{ CLASS_CANCELLED, 1, 7 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct view_query q = query(f, rows[i].filter);
		struct view_rows page = { 0 };
		size_t n = 99;
		assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
		assert_int_equal(n, rows[i].n);
		assert_int_equal(db_view_page(f->db, &q, 0, 10, &page, err), 0);
		assert_int_equal(page.n, rows[i].n);
		if (page.n)
			assert_int_equal(page.items[0].id, rows[i].first);
		view_rows_release(&page);
	}
}

static void window_and_position(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_query q = query(f, FILTER_ALL);
	struct view_rows page = { 0 };
	assert_int_equal(db_view_page(f->db, &q, 2, 3, &page, err), 0);
	assert_int_equal(page.n, 3);
	assert_int_equal(page.items[0].id, 3); /* urgency: 1 2 3 4 5 (open), then 6 7 */
	assert_string_equal(page.items[0].lead, "Sở Tài chính");
	view_rows_release(&page);
	for (int sort = 0; sort < SORT_COUNT; sort++) {
		q.sort = (enum view_sort)sort;
		struct view_rows all = { 0 };
		assert_int_equal(db_view_page(f->db, &q, 0, 100, &all, err), 0);
		for (size_t i = 0; i < all.n; i++) {
			size_t pos = 99;
			if (db_view_index_of(f->db, &q, all.items[i].id, &pos, err))
				fail_msg("sort %d: %s", sort, err);
			assert_int_equal(pos, i);
		}
		view_rows_release(&all);
	}
	q = query(f, CLASS_OVERDUE);
	size_t pos;
	assert_int_equal(db_view_index_of(f->db, &q, 4, &pos, err), -2);
}

static void search(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_query q = query(f, FILTER_ALL);
	char *needle = text_fold_dup("ke hoach");
	q.search = needle;
	size_t n = 0;
	assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
	assert_int_equal(n, 2); /* "Kế hoạch phòng dịch", "KẾ HOẠCH đầu tư công" */
	free(needle);
	q.search = "khong co";
	assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
	assert_int_equal(n, 0);
	q.search = NULL;
	q.agency_id = db_agency_find(f->db, "Sở Tài chính", err);
	assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
	assert_int_equal(n, 2);
	q.agency_id = 0;

	/* The stored key follows edits made outside hanchot: the sqlite3 shell
	 * has no hc_fold, so its edit clears the key and the search folds on the fly. */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "UPDATE task SET summary = 'Rà soát quy hoạch' "
				      "WHERE summary = 'Kế hoạch phòng dịch'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*) FROM task WHERE search_key IS NULL", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(other);
	q.search = "ra soat quy hoach";
	assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
	assert_int_equal(n, 1);
	q.search = "ke hoach";
	assert_int_equal(db_view_count(f->db, &q, &n, err), 0);
	assert_int_equal(n, 1);
	/* The next open folds the row again. */
	db_close(f->db);
	assert_int_equal(db_open(f->path, &f->db, err), 0);
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT search_key FROM task WHERE summary = 'Rà soát quy hoạch'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_non_null(sqlite3_column_text(st, 0));
	assert_non_null(strstr((const char *)sqlite3_column_text(st, 0), "ra soat quy hoach"));
	sqlite3_finalize(st);
	sqlite3_close(other);
}

static void totals_and_digest(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_totals t;
	assert_int_equal(db_view_totals(f->db, f->today, f->today + 5, &t, err), 0);
	assert_int_equal(t.all, 7);
	assert_int_equal(t.open, 5);
	assert_int_equal(t.overdue, 1);
	assert_int_equal(t.due_today, 1);
	assert_int_equal(t.due_soon, 1);
	struct view_agencies ag = { 0 };
	assert_int_equal(db_view_agencies(f->db, f->today, &ag, err), 0);
	assert_int_equal(ag.n, 3);
	/* most open first, then by name: Nội vụ (2), Tài chính (2, 1 overdue), Y tế (1) */
	assert_string_equal(ag.items[1].name, "Sở Tài chính");
	assert_int_equal(ag.items[1].open, 2);
	assert_int_equal(ag.items[1].overdue, 1);
	assert_string_equal(ag.items[2].name, "Sở Y tế");
	view_agencies_release(&ag);
	struct view_rows rows = { 0 };
	size_t n = 0;
	assert_int_equal(db_view_due_between(f->db, f->today, f->today + 2, 1, &rows, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows.n, 1);
	assert_int_equal(rows.items[0].id, 2);
	view_rows_release(&rows);
}

static void agencies(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t yte = db_agency_find(f->db, "Sở Y tế", err);
	int64_t tc = db_agency_find(f->db, "Sở Tài chính", err);
	int64_t nv = db_agency_find(f->db, "Sở Nội vụ", err);
	assert_int_equal(db_agency_rename(f->db, yte, "Sở Nội vụ", err), -1);
	assert_non_null(strstr(err, "already exists"));
	assert_int_equal(db_agency_rename(f->db, yte, "Sở Y tế tỉnh", err), 0);
	assert_int_equal(db_agency_find(f->db, "Sở Y tế", err), yte); /* old name still matches */
	assert_int_equal(db_agency_add_alias(f->db, tc, "STC", err), 0);
	assert_int_equal(db_agency_find(f->db, "STC", err), tc);
	assert_int_equal(db_agency_add_alias(f->db, tc, "Sở Nội vụ", err), -1);
	/* Merge Sở Nội vụ (tasks 4, 5 open) into Sở Tài chính. */
	assert_int_equal(db_agency_merge(f->db, nv, nv, err), -1);
	assert_int_equal(db_agency_merge(f->db, nv, tc, err), 2);
	struct task t;
	assert_int_equal(db_task_get(f->db, 4, &t, err), 0);
	assert_string_equal(t.leads[0], "Sở Tài chính");
	assert_int_equal(t.version, 2);
	task_release(&t);
	struct task_event_list ev = { 0 };
	assert_int_equal(db_event_list(f->db, 4, &ev, err), 0);
	assert_string_equal(ev.items[ev.n - 1].what, "assign");
	assert_string_equal(ev.items[ev.n - 1].old_value, "Sở Nội vụ");
	assert_string_equal(ev.items[ev.n - 1].new_value, "Sở Tài chính");
	task_event_list_release(&ev);
	struct view_agencies ag = { 0 };
	assert_int_equal(db_view_agencies(f->db, f->today, &ag, err), 0);
	for (size_t i = 0; i < ag.n; i++)
		if (ag.items[i].id == nv) {
			assert_int_equal(ag.items[i].open, 0);
			assert_int_equal(ag.items[i].successor_id, tc);
		}
	view_agencies_release(&ag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold),
		cmocka_unit_test_setup_teardown(filters, setup, teardown),
		cmocka_unit_test_setup_teardown(window_and_position, setup, teardown),
		cmocka_unit_test_setup_teardown(search, setup, teardown),
		cmocka_unit_test_setup_teardown(totals_and_digest, setup, teardown),
		cmocka_unit_test_setup_teardown(agencies, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
