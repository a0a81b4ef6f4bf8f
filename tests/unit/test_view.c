/* db/view: windowed queries, filters, diacritic-insensitive search, counts,
 * and db/agency's rename, alias and merge. */
#include "tests/unit/testdb.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/notice.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/db.h"
#include "db/document.h"
#include "db/event.h"
#include "db/task.h"
#include "db/view.h"

struct fixture {
	struct testdb t;
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
	testdb_open(&f->t);
	f->today = date_from_ymd(2024, 5, 17);
	/* 1 overdue, 2 due today, 3 due soon, 4 later, 5 no deadline, 6 done late, 7 cancelled */
	add(f->t.db, "Báo cáo thu ngân sách", "Sở Tài chính", f->today - 3);
	add(f->t.db, "Kế hoạch phòng dịch", "Sở Y tế", f->today);
	add(f->t.db, "KẾ HOẠCH đầu tư công", "Sở Tài chính", f->today + 2);
	add(f->t.db, "Công bố chỉ số", "Sở Nội vụ", f->today + 30);
	add(f->t.db, "Thường xuyên kiểm tra", "Sở Nội vụ", DATE_NONE);
	add(f->t.db, "Đã xong", "Sở Y tế", f->today - 10);
	add(f->t.db, "Bỏ", "Sở Y tế", f->today - 10);
	assert_int_equal(db_task_set_status(f->t.db, 6, STATUS_DONE, f->today - 1, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 7, STATUS_CANCELLED, DATE_NONE, 0, err), 0);
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
		assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
		assert_int_equal(n, rows[i].n);
		assert_int_equal(db_view_page(f->t.db, &q, 0, 10, &page, err), 0);
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
	assert_int_equal(db_view_page(f->t.db, &q, 2, 3, &page, err), 0);
	assert_int_equal(page.n, 3);
	assert_int_equal(page.items[0].id, 3); /* urgency: 1 2 3 4 5 (open), then 6 7 */
	assert_string_equal(page.items[0].lead, "Sở Tài chính");
	view_rows_release(&page);
	for (int sort = 0; sort < SORT_COUNT; sort++) {
		q.sort = (enum view_sort)sort;
		struct view_rows all = { 0 };
		assert_int_equal(db_view_page(f->t.db, &q, 0, 100, &all, err), 0);
		for (size_t i = 0; i < all.n; i++) {
			size_t pos = 99;
			if (db_view_index_of(f->t.db, &q, all.items[i].id, &pos, err))
				fail_msg("sort %d: %s", sort, err);
			assert_int_equal(pos, i);
		}
		view_rows_release(&all);
	}
	q = query(f, CLASS_OVERDUE);
	size_t pos;
	assert_int_equal(db_view_index_of(f->t.db, &q, 4, &pos, err), -2);
}

static void search(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_query q = query(f, FILTER_ALL);
	char *needle = text_fold_dup("ke hoach");
	q.search = needle;
	size_t n = 0;
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	assert_int_equal(n, 2); /* "Kế hoạch phòng dịch", "KẾ HOẠCH đầu tư công" */
	free(needle);
	q.search = "khong co";
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	assert_int_equal(n, 0);
	q.search = NULL;
	q.agency_id = db_agency_find(f->t.db, "Sở Tài chính", err);
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	assert_int_equal(n, 2);
	q.agency_id = 0;

	/* The stored key follows edits made outside hanchot: the sqlite3 shell
	 * has no hc_fold, so its edit clears the key and the search folds on the fly. */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "UPDATE task SET summary = 'Rà soát quy hoạch' "
				      "WHERE summary = 'Kế hoạch phòng dịch'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*) FROM task WHERE search_key IS NULL", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(other);
	q.search = "ra soat quy hoach";
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	assert_int_equal(n, 1);
	q.search = "ke hoach";
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	assert_int_equal(n, 1);
	/* The next open folds the row again. */
	db_close(f->t.db);
	assert_int_equal(db_open(f->t.path, &f->t.db, err), 0);
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(other, "SELECT search_key FROM task WHERE summary = 'Rà soát quy hoạch'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_non_null(sqlite3_column_text(st, 0));
	assert_non_null(strstr((const char *)sqlite3_column_text(st, 0), "ra soat quy hoach"));
	sqlite3_finalize(st);
	sqlite3_close(other);
}

static size_t count_search(struct fixture *f, const char *text)
{
	char err[ERR_MAX], *needle = text_fold_dup(text);
	struct view_query q = query(f, FILTER_ALL);
	size_t n = 99;
	q.search = needle;
	assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
	free(needle);
	return n;
}

/* Search covers what a clerk remembers of a task: its agencies (lead and
 * cooperating, name and short name), its full text, its section and its
 * document's number; a change to any of them outside the task row too. */
static void search_what_a_clerk_remembers(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct task t;
	task_init(&t);
	task_set_str(&t.section, "II.3");
	task_set_str(&t.summary, "Tổng hợp báo cáo");
	task_set_str(&t.full_text, "Tổng hợp báo cáo giải ngân vốn ODA trước kỳ họp");
	task_add_lead(&t, "Sở Kế hoạch và Đầu tư");
	task_add_cooperating(&t, "Sở Xây dựng");
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	task_release(&t);
	assert_int_equal(count_search(f, "so ke hoach"), 1);
	assert_int_equal(count_search(f, "Sở Kế hoạch và Đầu tư"), 1);
	assert_int_equal(count_search(f, "xay dung"), 1);
	assert_int_equal(count_search(f, "von oda"), 1);
	assert_int_equal(count_search(f, "ii.3"), 1);
	assert_int_equal(count_search(f, "so y te"), 3);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other,
				      "PRAGMA foreign_keys = ON;"
				      "UPDATE agency SET short_name = 'Sở KH&ĐT' WHERE name = 'Sở Kế hoạch và Đầu tư';"
				      "INSERT INTO document(id, number, imported_at) VALUES (9, '45/TB-UBND', '2024-05-01');"
				      "UPDATE task SET document_id = 9 WHERE section = 'II.3';",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(count_search(f, "kh&dt"), 1);
	assert_int_equal(count_search(f, "45/tb"), 1);
	assert_int_equal(db_agency_rename(f->t.db, db_agency_find(f->t.db, "Sở Xây dựng", err), "Sở Xây dựng tỉnh", err),
			 0);
	assert_int_equal(count_search(f, "xay dung tinh"), 1);
}

static void totals_and_digest(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_totals t;
	assert_int_equal(db_view_totals(f->t.db, f->today, f->today + 5, &t, err), 0);
	assert_int_equal(t.all, 7);
	assert_int_equal(t.open, 5);
	assert_int_equal(t.overdue, 1);
	assert_int_equal(t.due_today, 1);
	assert_int_equal(t.due_soon, 1);
	struct view_agencies ag = { 0 };
	assert_int_equal(db_view_agencies(f->t.db, f->today, &ag, err), 0);
	assert_int_equal(ag.n, 3);
	/* most overdue first, then most open: Tài chính (1 overdue of 2), Nội vụ (2), Y tế (1) */
	assert_string_equal(ag.items[0].name, "Sở Tài chính");
	assert_int_equal(ag.items[0].open, 2);
	assert_int_equal(ag.items[0].overdue, 1);
	assert_string_equal(ag.items[1].name, "Sở Nội vụ");
	assert_string_equal(ag.items[2].name, "Sở Y tế");
	view_agencies_release(&ag);
	struct view_rows rows = { 0 };
	size_t n = 0;
	assert_int_equal(db_view_due_between(f->t.db, f->today, f->today + 2, 1, &rows, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows.n, 1);
	assert_int_equal(rows.items[0].id, 2);
	view_rows_release(&rows);
}

static void agencies(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t yte = db_agency_find(f->t.db, "Sở Y tế", err);
	int64_t tc = db_agency_find(f->t.db, "Sở Tài chính", err);
	int64_t nv = db_agency_find(f->t.db, "Sở Nội vụ", err);
	assert_int_equal(db_agency_rename(f->t.db, yte, "Sở Nội vụ", err), -1);
	assert_non_null(strstr(err, "already exists"));
	assert_int_equal(db_agency_rename(f->t.db, yte, "Sở Y tế tỉnh", err), 0);
	assert_int_equal(db_agency_find(f->t.db, "Sở Y tế", err), yte); /* old name still matches */
	assert_int_equal(db_agency_add_alias(f->t.db, tc, "STC", err), 0);
	assert_int_equal(db_agency_find(f->t.db, "STC", err), tc);
	assert_int_equal(db_agency_add_alias(f->t.db, tc, "Sở Nội vụ", err), -1);
	/* Merge Sở Nội vụ (tasks 4, 5 open) into Sở Tài chính. */
	assert_int_equal(db_agency_merge(f->t.db, nv, nv, NULL, err), -1);
	assert_int_equal(db_agency_merge(f->t.db, nv, tc, NULL, err), 2);
	struct task t;
	assert_int_equal(db_task_get(f->t.db, 4, &t, err), 0);
	assert_string_equal(t.leads[0], "Sở Tài chính");
	assert_int_equal(t.version, 2);
	task_release(&t);
	struct task_event_list ev = { 0 };
	assert_int_equal(db_event_list(f->t.db, 4, &ev, err), 0);
	assert_string_equal(ev.items[ev.n - 1].what, "assign");
	assert_string_equal(ev.items[ev.n - 1].old_value, "Sở Nội vụ");
	assert_string_equal(ev.items[ev.n - 1].new_value, "Sở Tài chính");
	task_event_list_release(&ev);
	struct view_agencies ag = { 0 };
	assert_int_equal(db_view_agencies(f->t.db, f->today, &ag, err), 0);
	for (size_t i = 0; i < ag.n; i++)
		if (ag.items[i].id == nv) {
			assert_int_equal(ag.items[i].open, 0);
			assert_int_equal(ag.items[i].successor_id, tc);
		}
	view_agencies_release(&ag);
}

/* ---- the tally against a full count after every kind of write ---------- */

/* Each class filter as a plain condition on task t, the truth to compare with. */
static const char *const class_truth[] = {
	"t.status NOT IN ('done','cancelled') AND t.due_date < ?1",
	"t.status NOT IN ('done','cancelled') AND t.due_date = ?1",
	"t.status NOT IN ('done','cancelled') AND t.due_date > ?1 AND t.due_date <= ?2",
	"t.status NOT IN ('done','cancelled') AND t.due_date > ?2",
	"t.status NOT IN ('done','cancelled') AND t.due_date IS NULL",
	"t.status = 'done' AND NOT coalesce(t.completed_date > t.due_date, 0)",
	"t.status = 'done' AND t.completed_date > t.due_date",
	"t.status = 'cancelled'",
};

static size_t truth(sqlite3 *s, const char *cond, int64_t agency, civil_day today, civil_day warn)
{
	char sql[512], a[DATE_BUF], b[DATE_BUF];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM task t WHERE (%s) AND (?3 = 0 OR EXISTS (SELECT 1 FROM task_agency ta"
		 " WHERE ta.task_id = t.id AND ta.role = 'lead' AND ta.agency_id = ?3))", cond);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, date_format_iso(today, a), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date_format_iso(warn, b), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, agency);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	size_t n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Header totals, every agency's counts and every filter's count (for every
 * agency too) equal a full COUNT(*) of the task table. */
static void check_counts(struct fixture *f, sqlite3 *s, const char *after)
{
	char err[ERR_MAX];
	civil_day today = f->today, warn = f->today + 5;
	struct view_totals t;
	struct view_agencies ag = { 0 };
	print_message("checking counts after %s\n", after);
	assert_int_equal(db_view_totals(f->t.db, today, warn, &t, err), 0);
	assert_int_equal(t.all, truth(s, "1", 0, today, warn));
	assert_int_equal(t.open, truth(s, "t.status NOT IN ('done','cancelled')", 0, today, warn));
	assert_int_equal(t.overdue, truth(s, class_truth[CLASS_OVERDUE], 0, today, warn));
	assert_int_equal(t.due_today, truth(s, class_truth[CLASS_DUE_TODAY], 0, today, warn));
	assert_int_equal(t.due_soon, truth(s, class_truth[CLASS_DUE_SOON], 0, today, warn));
	assert_int_equal(db_view_agencies(f->t.db, today, &ag, err), 0);
	for (size_t i = 0; i <= ag.n; i++) {
		int64_t id = i < ag.n ? ag.items[i].id : 0;
		if (i < ag.n) {
			assert_int_equal(ag.items[i].open, truth(s, "t.status NOT IN ('done','cancelled')", id, today, warn));
			assert_int_equal(ag.items[i].overdue, truth(s, class_truth[CLASS_OVERDUE], id, today, warn));
		}
		for (int c = FILTER_ALL; c < CLASS_COUNT; c++) {
			struct view_query q = query(f, c);
			size_t n = 0;
			q.agency_id = id;
			assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
			assert_int_equal(n, truth(s, c == FILTER_ALL ? "1" : c == FILTER_OPEN
						  ? "t.status NOT IN ('done','cancelled')" : class_truth[c], id, today, warn));
		}
	}
	view_agencies_release(&ag);
}

static void other_writes(sqlite3 *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static void tally_after_every_write(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	sqlite3 *s;
	assert_int_equal(sqlite3_open(f->t.path, &s), SQLITE_OK);
	sqlite3_exec(s, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	check_counts(f, s, "setup");

	/* status: done on time, done late, cancel, pause, reopen */
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, f->today, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 1, STATUS_DONE, f->today, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 3, STATUS_CANCELLED, DATE_NONE, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 4, STATUS_PAUSED, DATE_NONE, 0, err), 0);
	check_counts(f, s, "status changes");
	assert_int_equal(db_task_set_status(f->t.db, 1, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 6, STATUS_REPORTED, DATE_NONE, 0, err), 0);
	check_counts(f, s, "reopen");

	/* extend, onto and off a deadline */
	assert_int_equal(db_task_extend(f->t.db, 1, f->today + 1, "lý do", 0, err), 0);
	assert_int_equal(db_task_revert_due(f->t.db, 4, f->today - 40, "lý do", 0, err), 0);
	assert_int_equal(db_task_extend(f->t.db, 5, f->today, "lý do", 0, err), 0);
	check_counts(f, s, "extend");

	/* add: two leads, a cooperating agency, a new agency */
	struct task t;
	task_init(&t);
	task_set_str(&t.summary, "Hai cơ quan chủ trì");
	task_add_lead(&t, "Sở Y tế");
	task_add_lead(&t, "Sở Xây dựng");
	task_add_cooperating(&t, "Sở Tài chính");
	t.due = f->today - 2;
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	int64_t two = t.id;
	task_release(&t);
	add(f->t.db, "Không hạn", "Sở Xây dựng", DATE_NONE);
	check_counts(f, s, "add");

	/* import a notice, then re-import it with a unit's deadline and lead changed */
	size_t len;
	char *text = test_slurp("fixtures/thong-bao-ket-luan-lai-chau-2024-04.md", &len);
	struct notice n;
	int64_t doc = 0;
	assert_int_equal(notice_read(text, len, &n, err), 0);
	assert_int_equal(db_document_save(f->t.db, &n, &doc, err), 0);
	check_counts(f, s, "import");
	char *leads[] = { (char *)"Sở Y tế" };
	notice_unit_set_leads(&n.units[0], leads, 1);
	notice_unit_set_due(&n.units[1], f->today + 3, PRECISION_DAY, "ngày 20/5/2024");
	struct document_changes ch = { 0 };
	assert_int_equal(db_document_reimport(f->t.db, doc, &n, true, &ch, err), 0);
	assert_true(document_changes_count(&ch, CHANGE_UPDATED) >= 2);
	document_changes_release(&ch);
	notice_release(&n);
	free(text);
	check_counts(f, s, "re-import");

	/* merge: Sở Xây dựng into Sở Y tế, which both lead task `two` */
	int64_t xd = db_agency_find(f->t.db, "Sở Xây dựng", err);
	int64_t yte = db_agency_find(f->t.db, "Sở Y tế", err);
	struct db_agency_moves moves = { 0 };
	assert_true(db_agency_merge(f->t.db, xd, yte, &moves, err) >= 2);
	check_counts(f, s, "merge");
	/* the screen's undo of it, then the merge again */
	assert_int_equal(db_agency_unmerge(f->t.db, xd, yte, &moves, err), 0);
	db_agency_moves_release(&moves);
	check_counts(f, s, "merge undone");
	assert_int_equal(db_agency_current(f->t.db, "Sở Xây dựng", err), xd);
	assert_true(db_agency_merge(f->t.db, xd, yte, NULL, err) >= 2);
	check_counts(f, s, "merge again");
	/* the screen's undo of an added task, of a note */
	task_init(&t);
	task_set_str(&t.summary, "Thêm rồi hoàn tác");
	task_add_lead(&t, "Sở Y tế");
	t.due = f->today - 1;
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	assert_int_equal(db_task_note(f->t.db, t.id, "ghi chú", t.version, err), 0);
	assert_int_equal(db_task_remove(f->t.db, t.id, t.version, err), DB_CONFLICT);
	assert_int_equal(db_task_unnote(f->t.db, t.id, t.version + 1, err), 0);
	assert_int_equal(db_task_remove(f->t.db, t.id, t.version + 2, err), 0);
	int64_t gone = t.id;
	task_release(&t);
	assert_int_equal(db_task_get(f->t.db, gone, &t, err), DB_NOT_FOUND);
	task_release(&t);
	check_counts(f, s, "an added task removed");

	/* another process, with the sqlite3 shell's plain SQL */
	other_writes(s, "UPDATE task SET status = 'done', completed_date = '2024-06-30' WHERE id = 5");
	other_writes(s, "UPDATE task SET due_date = NULL WHERE id = 1");
	check_counts(f, s, "another process's updates");
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE task_agency SET role = 'cooperating' WHERE task_id = %lld AND role = 'lead'",
		 (long long)two);
	other_writes(s, sql);
	other_writes(s, "INSERT INTO task_agency(task_id, agency_id, role) SELECT 4, id, 'lead' FROM agency"
			" WHERE id NOT IN (SELECT agency_id FROM task_agency WHERE task_id = 4) LIMIT 1");
	check_counts(f, s, "another process's assignments");
	other_writes(s, "DELETE FROM task_agency WHERE task_id = 3");
	other_writes(s, "DELETE FROM task WHERE id IN (2, 4)");
	check_counts(f, s, "another process's deletes");

	/* a recurring task's completion opens its next period */
	task_init(&t);
	task_set_str(&t.summary, "Báo cáo tháng");
	task_add_lead(&t, "Sở Nội vụ");
	t.due = f->today;
	t.precision = PRECISION_DAY;
	task_set_str(&t.recurrence, "FREQ=MONTHLY");
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, t.id, STATUS_DONE, f->today, 0, err), 0);
	task_release(&t);
	check_counts(f, s, "a recurring task's completion");
	sqlite3_close(s);
}

/* The window of an urgency-ordered query worked out apart: every task of the
 * class and agency in urgency order, the search folded here with text_fold. */
static void check_urgency_window(struct fixture *f, sqlite3 *s, const struct view_query *q, size_t off,
				 const struct view_rows *w)
{
	char sql[1400], a[DATE_BUF], b[DATE_BUF];
	sqlite3_stmt *st;
	const char *cond = q->filter == FILTER_ALL ? "1" : q->filter == FILTER_OPEN
			   ? "t.status NOT IN ('done','cancelled')" : class_truth[q->filter];
	snprintf(sql, sizeof sql,
		 "SELECT id, section || ' ' || summary || ' ' || coalesce(full_text, '') || ' ' ||" /* (a superset) */
		 " coalesce((SELECT group_concat(a.name || ' ' || coalesce(a.short_name, ''), ' ') FROM task_agency ta"
		 " JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id), '') || ' ' ||"
		 " coalesce((SELECT number FROM document d WHERE d.id = t.document_id), '')"
		 " FROM task t WHERE (%s) AND (?3 = 0 OR EXISTS"
		 " (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id AND ta.role = 'lead' AND ta.agency_id = ?3))"
		 " ORDER BY t.status IN ('done','cancelled'), t.due_date IS NULL, t.due_date, t.id", cond);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, date_format_iso(f->today, a), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date_format_iso(f->today + 5, b), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, q->agency_id);
	size_t i = 0, got = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *folded = text_fold_dup((const char *)sqlite3_column_text(st, 1));
		bool match = !q->search || !*q->search || strstr(folded, q->search);
		free(folded);
		if (!match)
			continue;
		if (i >= off && got < w->n)
			assert_int_equal(w->items[got++].id, sqlite3_column_int64(st, 0));
		i++;
	}
	sqlite3_finalize(st);
	assert_int_equal(got, w->n);
	assert_int_equal(w->n, i > off ? (i - off < 2 ? i - off : 2) : 0);
}

/* db_view_window, answering a search from the search corpus, gives what
 * db_view_count and a page give apart with SQL's FILTER, for every sort,
 * filter, agency and window, searching or not; also for a row whose search
 * key an outside edit cleared, tasks done on time, late and without a
 * deadline, and a task with two lead agencies. */
/* A task led by two agencies, due tomorrow; returns its id. */
static int64_t add_two_leads(struct fixture *f)
{
	char err[ERR_MAX];
	struct task t;
	task_init(&t);
	task_set_str(&t.section, "I.2");
	task_set_str(&t.summary, "Kế hoạch hai sở");
	task_add_lead(&t, "Sở Nội vụ");
	task_add_lead(&t, "Sở Y tế");
	t.due = f->today + 1;
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	int64_t id = t.id;
	task_release(&t);
	return id;
}

static void window_equals_count_and_page(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	static const char *const needles[] = { NULL, "ke hoach", "o", "ra soat", "khong co", "b",
					       "ke hoach so 3", "so", " ", "i.2 ke", "quy hoach",
					       "bo" };
	struct view_corpus *c = NULL;
	add(f->t.db, "Kế hoạch số 2", "Sở Y tế", f->today - 1);
	add(f->t.db, "Kế hoạch số 3", "Sở Y tế", DATE_NONE);
	int64_t on_time = add(f->t.db, "Kế hoạch xong sớm", "Sở Y tế", f->today + 3);
	int64_t undated = add(f->t.db, "Báo cáo xong", "Sở Nội vụ", DATE_NONE);
	assert_int_equal(db_task_set_status(f->t.db, on_time, STATUS_DONE, f->today, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, undated, STATUS_DONE, f->today, 0, err), 0);
	add_two_leads(f);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	other_writes(other, "UPDATE task SET summary = 'Rà soát quy hoạch' WHERE id = 4");
	sqlite3_close(other);
	int64_t ag[3] = { 0, db_agency_find(f->t.db, "Sở Y tế", err), db_agency_find(f->t.db, "Sở Nội vụ", err) };
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
		for (int sort = 0; sort < SORT_COUNT; sort++)
			for (int cls = FILTER_ALL; cls < CLASS_COUNT; cls++)
				for (int a = 0; a < 3; a++)
					for (size_t off = 0; off < 3; off += 2) {
						struct view_query q = query(f, cls);
						struct view_rows w = { 0 }, p = { 0 };
						size_t nw = 99, n = 0;
						q.search = needles[k];
						q.sort = (enum view_sort)sort;
						q.agency_id = ag[a];
						assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
						q.count_hint = n;
						assert_int_equal(db_view_page(f->t.db, &q, off, 2, &p, err), 0);
						q.count_hint = 0;
						assert_int_equal(db_view_window(f->t.db, &q, off, 2, &w, &nw, &c, err), 0);
						assert_int_equal(nw, n);
						assert_int_equal(w.n, p.n);
						for (size_t i = 0; i < w.n; i++) {
							assert_int_equal(w.items[i].id, p.items[i].id);
							assert_string_equal(w.items[i].summary, p.items[i].summary);
							assert_string_equal(w.items[i].lead, p.items[i].lead);
						}
						if (needles[k] && strcmp(needles[k], "ra soat") == 0 && cls == FILTER_ALL && !a)
							assert_int_equal(n, 1);
						if (sort == SORT_URGENCY)
							check_urgency_window(f, other, &q, off, &w);
						view_rows_release(&w);
						view_rows_release(&p);
					}
	sqlite3_close(other);
	view_corpus_free(c);
}

/* The search corpus is reread after any write, this connection's or another
 * process's, and only then; a key an outside edit cleared is folded. */
static void corpus_follows_writes(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_corpus *c = NULL;
	struct view_rows w = { 0 };
	size_t n = 0;
	struct view_query q = query(f, FILTER_OPEN);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	q.search = "ke hoach";
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(w.items[0].id, 2);
	assert_int_equal(w.items[1].id, 3);
	view_rows_release(&w);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 1, err), 0); /* fresh: not reread */

	/* this connection writes: task 3 is done, no longer open */
	assert_int_equal(db_task_set_status(f->t.db, 3, STATUS_DONE, f->today, 0, err), 0);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	q.search = "ke hoach dau tu";
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 0);
	view_rows_release(&w);
	assert_true(db_view_corpus_fresh(f->t.db, c));

	/* another process writes: task 2 is cancelled */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	other_writes(other, "UPDATE task SET status = 'cancelled' WHERE id = 2");
	assert_false(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 0, err), 0);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	q.search = "ke hoach";
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 0);
	view_rows_release(&w);
	q.filter = CLASS_CANCELLED;
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(w.items[0].id, 2);
	view_rows_release(&w);

	/* a key an outside edit cleared is folded when the corpus is read */
	other_writes(other, "UPDATE task SET summary = 'Kế hoạch mới' WHERE id = 7");
	sqlite3_close(other);
	q.search = "ke hoach moi";
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(w.items[0].id, 7);
	view_rows_release(&w);
	view_corpus_free(c);
}

/* Loaded a few tasks at a time, parts ending only between different keys
 * (here runs of equal keys), with another process writing in between: the
 * corpus starts over and answers as SQL does. */
static void corpus_loads_in_parts(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	static const char *const needles[] = { "ke hoach", "bao cao", "o", "trung" };
	struct view_corpus *c = NULL;
	for (int i = 0; i < 5; i++) {
		add(f->t.db, "Trùng tên", "Sở Y tế", f->today + i);
		add(f->t.db, "Trùng tên", "Sở Nội vụ", DATE_NONE);
	}
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	int parts = 0, rc;
	while ((rc = db_view_corpus_load(f->t.db, &c, 1, err)) == 1) {
		assert_true(db_view_corpus_fresh(f->t.db, c));
		if (++parts == 3)
			other_writes(other, "UPDATE task SET status = 'done', completed_date = '2024-05-17'"
					    " WHERE summary = 'Trùng tên' AND due_date IS NULL");
		assert_true(parts < 100);
	}
	assert_int_equal(rc, 0);
	assert_true(parts > 4);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	sqlite3_close(other);
	int64_t ag[3] = { 0, db_agency_find(f->t.db, "Sở Y tế", err), db_agency_find(f->t.db, "Sở Nội vụ", err) };
	for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
		for (int cls = FILTER_ALL; cls < CLASS_COUNT; cls++)
			for (int a = 0; a < 3; a++) {
				struct view_query q = query(f, cls);
				struct view_rows w = { 0 };
				size_t n = 0, nw = 99;
				q.search = needles[k];
				q.agency_id = ag[a];
				assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
				assert_int_equal(db_view_window(f->t.db, &q, 0, 3, &w, &nw, &c, err), 0);
				assert_int_equal(nw, n);
				view_rows_release(&w);
			}
	struct view_query q = query(f, CLASS_DONE_ON_TIME);
	struct view_rows w = { 0 };
	size_t n = 0;
	q.search = "trung ten";
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, &c, err), 0);
	assert_int_equal(n, 5);
	view_rows_release(&w);
	view_corpus_free(c);
}

static size_t corpus_count(struct fixture *f, struct view_corpus **c, int filter, const char *needle)
{
	char err[ERR_MAX];
	struct view_query q = query(f, filter);
	struct view_rows w = { 0 };
	size_t n = 99;
	q.search = needle;
	assert_int_equal(db_view_window(f->t.db, &q, 0, 10, &w, &n, c, err), 0);
	view_rows_release(&w);
	return n;
}

/* This program's own change of a task's status or deadline updates the
 * corpus in place: it stays fresh and answers as SQL does. A task added (a
 * recurring task's next period) or another process's write leaves it stale. */
static void corpus_follows_own_changes(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_corpus *c = NULL;
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 0, err), 0);
	assert_int_equal(corpus_count(f, &c, FILTER_OPEN, "ke hoach"), 2);
	int64_t id3 = 3;
	assert_int_equal(db_task_set_status(f->t.db, 3, STATUS_DONE, f->today, 0, err), 0);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(db_view_corpus_update(f->t.db, c, &id3, 1, err), 0);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(corpus_count(f, &c, FILTER_OPEN, "ke hoach"), 1);
	assert_int_equal(corpus_count(f, &c, CLASS_DONE_ON_TIME, "ke hoach"), 1);
	/* a deadline moved: task 1 from overdue to due soon */
	int64_t id1 = 1;
	assert_int_equal(corpus_count(f, &c, CLASS_OVERDUE, "bao cao"), 1);
	assert_int_equal(db_task_extend(f->t.db, 1, f->today + 1, "lý do", 0, err), 0);
	assert_int_equal(db_view_corpus_update(f->t.db, c, &id1, 1, err), 0);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(corpus_count(f, &c, CLASS_OVERDUE, "bao cao"), 0);
	assert_int_equal(corpus_count(f, &c, CLASS_DUE_SOON, "bao cao"), 1);

	/* a task added: stale, reread by the next search */
	int64_t added = add(f->t.db, "Kế hoạch thêm", "Sở Y tế", f->today);
	assert_int_equal(db_view_corpus_update(f->t.db, c, &added, 1, err), 0);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(corpus_count(f, &c, FILTER_OPEN, "ke hoach"), 2);

	/* another process wrote in between: stale */
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	other_writes(other, "UPDATE task SET status = 'cancelled' WHERE id = 2");
	sqlite3_close(other);
	assert_int_equal(db_task_set_status(f->t.db, 3, STATUS_NEW, DATE_NONE, 0, err), 0);
	assert_int_equal(db_view_corpus_update(f->t.db, c, &id3, 1, err), 0);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(corpus_count(f, &c, FILTER_OPEN, "ke hoach"), 2);
	assert_int_equal(corpus_count(f, &c, CLASS_CANCELLED, "ke hoach"), 1);

	/* during a load in parts, tasks read already and tasks still to read:
	 * the load goes on and ends as SQL says */
	view_corpus_free(c);
	c = NULL;
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 1, err), 1);
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 1, err), 1);
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 1, err), 1);
	int64_t ids[] = { 1, 2, 4, 5, 6, 7 };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(db_task_set_status(f->t.db, ids[i], i % 2 ? STATUS_DONE : STATUS_IN_PROGRESS,
						    f->today, 0, err), 0);
	assert_int_equal(db_view_corpus_update(f->t.db, c, ids, 6, err), 0);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	int rc;
	while ((rc = db_view_corpus_load(f->t.db, &c, 1, err)) == 1)
		assert_true(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(rc, 0);
	for (int cls = FILTER_ALL; cls < CLASS_COUNT; cls++) {
		struct view_query q = query(f, cls);
		size_t n = 0;
		q.search = "o";
		assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
		assert_int_equal(corpus_count(f, &c, cls, "o"), n);
	}
	view_corpus_free(c);
}

/* Every corpus answer against SQL's, for every needle, sort, class filter
 * and agency: the count; in urgency order every window (each offset, one
 * past the end too, and windows of 1, 3 and all rows) and the position of
 * every task id (one that does not exist too); in another order the corpus
 * declines (1) and SQL answers. */
static void check_corpus_answers(struct fixture *f, const struct view_corpus *c, const int64_t *ag, size_t n_ag,
				 int64_t max_id, const char *when)
{
	char err[ERR_MAX];
	static const char *const needles[] = { NULL, "ke hoach", "o", "so 1", "khong co", "i.2 ke", "quy hoach" };
	for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
		for (int sort = 0; sort < SORT_COUNT; sort++)
			for (int cls = FILTER_ALL; cls < CLASS_COUNT; cls++)
				for (size_t a = 0; a < n_ag; a++) {
					struct view_query q = query(f, cls);
					size_t n = 0, nc = 99, pos = 0, pc = 99;
					q.search = needles[k];
					q.sort = (enum view_sort)sort;
					q.agency_id = ag[a];
					assert_int_equal(db_view_count(f->t.db, &q, &n, err), 0);
					assert_int_equal(db_view_corpus_count(f->t.db, c, &q, &nc, err), 0);
					if (nc != n)
						fail_msg("%s: count %zu, SQL %zu (needle %s, sort %d, class %d, agency %lld)", when,
							 nc, n, needles[k] ? needles[k] : "-", sort, cls, (long long)ag[a]);
					for (size_t off = 0; off <= n + 1; off++)
						for (size_t l = 0; l < 3; l++) {
							size_t lim = l == 0 ? 1 : l == 1 ? 3 : n + 3;
							struct view_rows w = { 0 }, p = { 0 };
							size_t nw = 99;
							int rc = db_view_corpus_page(f->t.db, c, &q, off, lim, &w, &nw, err);
							if (sort != SORT_URGENCY) {
								assert_int_equal(rc, 1);
								assert_int_equal(w.n, 0);
								continue;
							}
							assert_int_equal(rc, 0);
							assert_int_equal(nw, n);
							assert_int_equal(db_view_page(f->t.db, &q, off, lim, &p, err), 0);
							if (w.n != p.n)
								fail_msg("%s: window at %zu of %zu: %zu rows, SQL %zu", when, off, lim, w.n, p.n);
							for (size_t i = 0; i < w.n; i++) {
								if (w.items[i].id != p.items[i].id)
									fail_msg("%s: window at %zu (needle %s, class %d, agency %lld): row %zu"
										 " is task %lld, SQL %lld", when, off,
										 needles[k] ? needles[k] : "-", cls, (long long)ag[a], i,
										 (long long)w.items[i].id, (long long)p.items[i].id);
								assert_string_equal(w.items[i].summary, p.items[i].summary);
								assert_string_equal(w.items[i].lead, p.items[i].lead);
								assert_int_equal(w.items[i].status, p.items[i].status);
								assert_int_equal(w.items[i].due, p.items[i].due);
							}
							view_rows_release(&w);
							view_rows_release(&p);
						}
					for (int64_t id = 1; id <= max_id + 1; id++) {
						int rc = db_view_corpus_index_of(f->t.db, c, &q, id, &pc, err);
						if (sort != SORT_URGENCY) {
							assert_int_equal(rc, 1);
							continue;
						}
						int want = db_view_index_of(f->t.db, &q, id, &pos, err);
						if (rc != want || (rc == 0 && pc != pos))
							fail_msg("%s: task %lld (needle %s, class %d, agency %lld): %d at %zu, SQL %d at %zu",
								 when, (long long)id, needles[k] ? needles[k] : "-", cls,
								 (long long)ag[a], rc, pc, want, pos);
					}
				}
}

/* The corpus answers counts, windows past the first and positions as SQL
 * does: on tasks of every class with due dates in common (so ties fall to
 * the id), a cleared key, two lead agencies; again after this program's own
 * changes followed in place; and it declines once another process wrote. */
static void corpus_answers_as_sql(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct view_corpus *c = NULL;
	static const char *const leads[] = { "Sở Y tế", "Sở Nội vụ", "Sở Tài chính" };
	int64_t max_id = 7;
	for (int i = 0; i < 36; i++) {
		char summary[64];
		snprintf(summary, sizeof summary, "%s số %d", i % 3 ? "Kế hoạch" : "Rà soát quy hoạch", i);
		max_id = add(f->t.db, summary, leads[i % 3], i % 7 == 0 ? DATE_NONE : f->today + (i * 5) % 11 - 5);
		if (i % 4 == 1)
			assert_int_equal(db_task_set_status(f->t.db, max_id, STATUS_DONE, f->today - (i % 3), 0, err), 0);
		else if (i % 9 == 2)
			assert_int_equal(db_task_set_status(f->t.db, max_id, STATUS_CANCELLED, DATE_NONE, 0, err), 0);
		else if (i % 5 == 3)
			assert_int_equal(db_task_set_status(f->t.db, max_id, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	}
	max_id = add_two_leads(f);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(f->t.path, &other), SQLITE_OK);
	other_writes(other, "UPDATE task SET summary = 'Rà soát quy hoạch số 1' WHERE id = 4");
	int64_t ag[3] = { 0, db_agency_find(f->t.db, "Sở Y tế", err), db_agency_find(f->t.db, "Sở Nội vụ", err) };
	/* stale or loading: the corpus declines */
	struct view_query q = query(f, FILTER_ALL);
	size_t n;
	q.search = "o";
	assert_int_equal(db_view_corpus_count(f->t.db, c, &q, &n, err), 1);
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 1, err), 1);
	assert_int_equal(db_view_corpus_count(f->t.db, c, &q, &n, err), 1);
	assert_int_equal(db_view_corpus_index_of(f->t.db, c, &q, 1, &n, err), 1);
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 0, err), 0);
	check_corpus_answers(f, c, ag, 3, max_id, "loaded");

	/* marked done, reopened, cancelled, extended here: followed in place */
	int64_t ids[] = { 2, 9, 12, 20, 33 };
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, f->today - 1, 1, err), 0);
	struct task cur;
	assert_int_equal(db_task_get(f->t.db, 9, &cur, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 9, STATUS_NEW, DATE_NONE, cur.version, err), 0);
	task_release(&cur);
	assert_int_equal(db_task_get(f->t.db, 12, &cur, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, 12, STATUS_CANCELLED, DATE_NONE, cur.version, err), 0);
	task_release(&cur);
	assert_int_equal(db_task_get(f->t.db, 20, &cur, err), 0);
	assert_int_equal(db_task_extend(f->t.db, 20, f->today + 40, "lùi", cur.version, err), 0);
	task_release(&cur);
	assert_int_equal(db_task_get(f->t.db, 33, &cur, err), 0);
	assert_int_equal(db_task_revert_due(f->t.db, 33, f->today - 2, "sớm", cur.version, err), 0);
	task_release(&cur);
	assert_false(db_view_corpus_fresh(f->t.db, c));
	assert_int_equal(db_view_corpus_count(f->t.db, c, &q, &n, err), 1);
	assert_int_equal(db_view_corpus_update(f->t.db, c, ids, sizeof ids / sizeof ids[0], err), 0);
	assert_true(db_view_corpus_fresh(f->t.db, c));
	check_corpus_answers(f, c, ag, 3, max_id, "after own changes");

	/* another process's write: declined until reread */
	other_writes(other, "UPDATE task SET status = 'done', completed_date = '2024-05-01' WHERE id = 3");
	struct view_rows w = { 0 };
	assert_int_equal(db_view_corpus_count(f->t.db, c, &q, &n, err), 1);
	assert_int_equal(db_view_corpus_page(f->t.db, c, &q, 0, 5, &w, &n, err), 1);
	assert_int_equal(db_view_corpus_index_of(f->t.db, c, &q, 1, &n, err), 1);
	assert_int_equal(w.n, 0);
	assert_int_equal(db_view_corpus_load(f->t.db, &c, 0, err), 0);
	check_corpus_answers(f, c, ag, 1, max_id, "reread");
	sqlite3_close(other);
	view_corpus_free(c);
}

/* Migration 6 counts what an older database already holds. */
static void tally_migration(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	sqlite3 *s;
	db_close(f->t.db);
	f->t.db = NULL;
	assert_int_equal(sqlite3_open(f->t.path, &s), SQLITE_OK);
	other_writes(s, "DROP TABLE task_tally; DROP TRIGGER task_tally_insert; DROP TRIGGER task_tally_delete;"
			"DROP TRIGGER task_tally_update; DROP TRIGGER task_agency_tally_insert;"
			"DROP TRIGGER task_agency_tally_delete; DROP TRIGGER task_agency_tally_replace;"
			"DROP TRIGGER task_agency_tally_update_old; DROP TRIGGER task_agency_tally_update_new; DROP INDEX task_search;"
			"DROP TRIGGER task_agency_search_insert; DROP TRIGGER task_agency_search_delete;"
			"DROP TRIGGER task_agency_search_update; DROP TRIGGER agency_search_rename;"
			"DROP TRIGGER document_search_number;"
			"DROP INDEX task_event_extend; DROP TABLE caldav_collection; DROP TABLE caldav_resource;"
			"ALTER TABLE ical_state DROP COLUMN options;"
			"UPDATE task SET status = 'done', completed_date = '2024-01-01' WHERE id = 1;"
			"PRAGMA user_version = 5");
	assert_int_equal(db_open(f->t.path, &f->t.db, err), 0);
	check_counts(f, s, "migration 6");
	sqlite3_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold),
		cmocka_unit_test_setup_teardown(filters, setup, teardown),
		cmocka_unit_test_setup_teardown(search_what_a_clerk_remembers, setup, teardown),
		cmocka_unit_test_setup_teardown(window_and_position, setup, teardown),
		cmocka_unit_test_setup_teardown(search, setup, teardown),
		cmocka_unit_test_setup_teardown(totals_and_digest, setup, teardown),
		cmocka_unit_test_setup_teardown(agencies, setup, teardown),
		cmocka_unit_test_setup_teardown(tally_after_every_write, setup, teardown),
		cmocka_unit_test_setup_teardown(tally_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(window_equals_count_and_page, setup, teardown),
		cmocka_unit_test_setup_teardown(corpus_follows_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(corpus_loads_in_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(corpus_follows_own_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(corpus_answers_as_sql, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
