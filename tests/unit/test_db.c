#include "tests/unit/testdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/agency.h"
#include "db/db.h"
#include "db/db_internal.h"
#include "db/event.h"
#include "db/task.h"

struct fixture {
	struct testdb t;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	testdb_open(&f->t);
	db_set_clock(f->t.db, 1715900000); /* 2024-05-16T22:53:20Z */
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

/* A scalar from a second, independent connection: what another process sees. */
static long long scalar(const char *path, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	long long v = -999;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

static int64_t add(struct db *db, const char *summary, const char *lead, civil_day due)
{
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, summary);
	task_set_str(&t.section, "I.2.1");
	task_add_lead(&t, lead);
	task_add_cooperating(&t, "UBND các huyện, thành phố");
	t.due = due;
	t.precision = due == DATE_NONE ? PRECISION_NONE : PRECISION_DAY;
	assert_int_equal(db_task_add(db, &t, err), 0);
	int64_t id = t.id;
	assert_true(id > 0);
	assert_int_equal(strlen(t.uuid), 36);
	task_release(&t);
	return id;
}

static void test_migration_from_empty_file(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	assert_int_equal(stat(f->t.path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(scalar(f->t.path, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
					 "('agency','agency_alias','document','task','task_agency','task_event')"), 6);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
	/* Reopening an up-to-date file migrates nothing. */
	struct db *again;
	char err[ERR_MAX];
	assert_int_equal(db_open(f->t.path, &again, err), 0);
	db_close(again);
	assert_int_equal(scalar(f->t.path, "PRAGMA user_version"), DB_SCHEMA_VERSION);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct task t;
	char err[ERR_MAX];
	int64_t id = add(f->t.db, "Báo cáo thu ngân sách", "Sở Tài chính", date_from_ymd(2024, 5, 14));
	assert_int_equal(db_task_get(f->t.db, id, &t, err), 0);
	assert_string_equal(t.summary, "Báo cáo thu ngân sách");
	assert_string_equal(t.section, "I.2.1");
	assert_int_equal(t.n_leads, 1);
	assert_string_equal(t.leads[0], "Sở Tài chính");
	assert_int_equal(t.n_cooperating, 1);
	assert_string_equal(t.cooperating[0], "UBND các huyện, thành phố");
	assert_int_equal(t.due, date_from_ymd(2024, 5, 14));
	assert_int_equal(t.precision, PRECISION_DAY);
	assert_int_equal(t.status, STATUS_NEW);
	assert_int_equal(t.version, 1);
	assert_int_equal(t.updated_at, 1715900000);
	task_release(&t);
	/* The same agency is reused, not duplicated. */
	add(f->t.db, "Việc thứ hai", "Sở Tài chính", DATE_NONE);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name='Sở Tài chính'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE what='created'"), 2);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE due_date IS NULL"), 1);
	/* updated_at as stored text: a timestamp, or 0 when it is not one */
	static const struct {
		const char *text;
		int64_t unix_time;
	} stamps[] = {
		{ "2024-05-17T08:30:00Z", 1715934600 }, { "1970-01-01T00:00:00Z", 0 },
		{ "2024-02-29T23:59:59Z", 1709251199 }, { "2023-02-29T10:00:00Z", 0 },
		{ "2024-05-17 08:30:00", 0 },		 { "2024-05-17T24:00:00Z", 0 },
		{ "2024-5-17T08:30:00Z", 0 },		 { "", 0 },
		{ "2024-05-17T08:30:00.250Z", 1715934600 },
	};
	for (size_t i = 0; i < sizeof stamps / sizeof stamps[0]; i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->t.db), "UPDATE task SET updated_at = ?1 WHERE id = ?2",
						    -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, stamps[i].text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		assert_int_equal(db_task_get(f->t.db, id, &t, err), 0);
		if (t.updated_at != stamps[i].unix_time)
			fail_msg("'%s': %lld, expected %lld", stamps[i].text, (long long)t.updated_at,
				 (long long)stamps[i].unix_time);
		task_release(&t);
	}
}

static void test_unknown_task(void **state)
{
	struct fixture *f = *state;
	struct task t;
	char err[ERR_MAX];
	assert_int_equal(db_task_get(f->t.db, 42, &t, err), DB_NOT_FOUND);
	assert_string_equal(err, "task 42 does not exist");
	assert_int_equal(db_task_set_status(f->t.db, 42, STATUS_DONE, DATE_NONE, 0, err), DB_NOT_FOUND);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event"), 0);
}

static void test_status_change_writes_event(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t id = add(f->t.db, "Việc", "Sở Nội vụ", date_from_ymd(2024, 5, 14));
	civil_day done_on = date_from_ymd(2024, 5, 16);
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, done_on, 1, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE status='done' AND completed_date='2024-05-16' AND version=2"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE what='status' AND old_value='new' "
					 "AND new_value='done' AND on_date='2024-05-16' AND who='tester'"), 1);
	/* Reopening clears the completion date and records its own event. */
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE status='in_progress' AND completed_date IS NULL AND version=3"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE what='status' AND old_value='done' AND new_value='in_progress' AND on_date='2024-05-17'"), 1);
	/* Setting the same status again changes nothing and writes no event. */
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE task_id=1"), 3);

	struct task_event_list ev = { 0 };
	assert_int_equal(db_event_list(f->t.db, id, &ev, err), 0);
	assert_int_equal(ev.n, 3);
	assert_string_equal(ev.items[0].what, "created");
	assert_string_equal(ev.items[1].new_value, "done");
	assert_int_equal(ev.items[1].on_date, done_on);
	assert_string_equal(ev.items[2].old_value, "done");
	task_event_list_release(&ev);
}

static void test_stale_version_is_a_conflict(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t id = add(f->t.db, "Việc", "Sở Y tế", DATE_NONE);
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_REPORTED, DATE_NONE, 1, err), 0);
	/* A second writer still holding version 1 must not erase the first change. */
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_CANCELLED, DATE_NONE, 1, err), DB_CONFLICT);
	assert_non_null(strstr(err, "changed by someone else"));
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE status='reported' AND version=2"), 1);
}

static void test_query_order_and_filters(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t undated = add(f->t.db, "Không hạn", "Sở A", DATE_NONE);
	int64_t late = add(f->t.db, "Muộn", "Sở B", date_from_ymd(2024, 5, 1));
	int64_t done = add(f->t.db, "Xong", "Sở A", date_from_ymd(2024, 4, 1));
	int64_t soon = add(f->t.db, "Sắp", "Sở A", date_from_ymd(2024, 5, 20));
	assert_int_equal(db_task_set_status(f->t.db, done, STATUS_DONE, DATE_NONE, 0, err), 0);
	struct task_list l = { 0 };
	assert_int_equal(db_task_query(f->t.db, NULL, &l, err), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.items[0].id, late);
	assert_int_equal(l.items[1].id, soon);
	assert_int_equal(l.items[2].id, undated);
	assert_int_equal(l.items[3].id, done);
	task_list_release(&l);
	struct db_task_query q = { .open_only = true };
	assert_int_equal(db_task_query(f->t.db, &q, &l, err), 0);
	assert_int_equal(l.n, 3);
	task_list_release(&l);
}

/* The brief list (one pass over tasks, one over their agencies) gives what
 * db_task_query (a query per task) gives: the same order, the same agencies
 * in position order even where that is not agency id order. */
struct brief_seen {
	struct task_list *want;
	size_t n;
};

static int brief_check(const struct task_brief *b, void *ctx)
{
	struct brief_seen *seen = ctx;
	assert_true(seen->n < seen->want->n);
	const struct task *t = &seen->want->items[seen->n++];
	assert_int_equal(b->id, t->id);
	assert_string_equal(b->summary, t->summary);
	assert_int_equal(b->due, t->due);
	assert_int_equal(b->status, t->status);
	char *leads = task_join(t->leads, t->n_leads, "; ");
	char *coop = task_join(t->cooperating, t->n_cooperating, "; ");
	assert_string_equal(b->leads, leads);
	assert_string_equal(b->cooperating, coop);
	free(leads);
	free(coop);
	return 0;
}

static void test_brief_list_matches_query(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	add(f->t.db, "Không hạn", "Sở A", DATE_NONE);
	add(f->t.db, "Muộn", "Sở B", date_from_ymd(2024, 5, 1));
	struct task t;
	task_init(&t);
	task_set_str(&t.summary, "Hai cơ quan chủ trì");
	task_add_lead(&t, "Sở C");
	task_add_lead(&t, "Sở A"); /* created before Sở C: a lower id, a later position */
	task_add_cooperating(&t, "Sở B");
	task_add_cooperating(&t, "Sở Y tế");
	t.due = date_from_ymd(2024, 5, 1);
	t.precision = PRECISION_DAY;
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	task_release(&t);
	task_init(&t);
	task_set_str(&t.summary, "Không phối hợp");
	task_add_lead(&t, "Sở B");
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	task_release(&t);
	int64_t done = add(f->t.db, "Xong", "Sở A", date_from_ymd(2024, 4, 1));
	assert_int_equal(db_task_set_status(f->t.db, done, STATUS_DONE, DATE_NONE, 0, err), 0);
	for (int open_only = 0; open_only < 2; open_only++) {
		struct task_list want = { 0 };
		struct db_task_query q = { .open_only = open_only };
		assert_int_equal(db_task_query(f->t.db, &q, &want, err), 0);
		assert_int_equal(want.n, open_only ? 4 : 5);
		assert_string_equal(want.items[1].leads[0], "Sở C"); /* the fixture is what it says */
		struct brief_seen seen = { &want, 0 };
		assert_int_equal(db_task_list_brief(f->t.db, open_only, brief_check, &seen, err), 0);
		assert_int_equal(seen.n, want.n);
		task_list_release(&want);
	}
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct db *db;
	char err[ERR_MAX], newer[128];
	sqlite3 *s;
	snprintf(newer, sizeof newer, "%s/newer.db", f->t.dir);
	assert_int_equal(sqlite3_open(newer, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_open(newer, &db, err), -1);
	assert_non_null(strstr(err, "schema version 99"));
	assert_non_null(strstr(err, newer));
}

static void test_bad_paths(void **state)
{
	struct fixture *f = *state;
	struct db *db;
	char err[ERR_MAX], path[128];
	assert_int_equal(db_open("/nonexistent-dir/x.db", &db, err), -1);
	assert_non_null(strstr(err, "folder '/nonexistent-dir' does not exist"));
	snprintf(path, sizeof path, "%s/junk.db", f->t.dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("this is not a database, just some text that is long enough to be a header..........\n", fp);
	fclose(fp);
	assert_int_equal(db_open(path, &db, err), DB_OPEN_DAMAGED);
	assert_non_null(strstr(err, "not a database"));
	/* one language at a time: the same errors in Vietnamese when it is chosen */
	i18n_set_messages(LANG_VI);
	assert_int_equal(db_open("/nonexistent-dir/x.db", &db, err), -1);
	assert_string_equal(err, "không mở được cơ sở dữ liệu '/nonexistent-dir/x.db': không có thư mục '/nonexistent-dir'");
	assert_int_equal(db_open(path, &db, err), DB_OPEN_DAMAGED);
	i18n_set_messages(LANG_EN);
	assert_non_null(strstr(err, "bị hỏng"));
}

static void test_extend_and_note(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t id = add(f->t.db, "Việc", "Sở Xây dựng", date_from_ymd(2024, 5, 14));
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2024, 6, 30), "", 0, err), DB_ERROR);
	assert_non_null(strstr(err, "needs a reason"));
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2024, 6, 30), "chờ ý kiến Bộ", 1, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE due_date='2024-06-30' AND version=2"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE what='extend' AND old_value='2024-05-14' "
					 "AND new_value='2024-06-30' AND reason='chờ ý kiến Bộ'"), 1);
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2024, 7, 30), "lần hai", 1, err), DB_CONFLICT);
	assert_int_equal(db_task_note(f->t.db, id, "Sở đã báo cáo miệng", 2, err), 0);
	assert_int_equal(db_task_note(f->t.db, id, "", 0, err), DB_ERROR);
	assert_int_equal(db_task_note(f->t.db, 77, "x", 0, err), DB_NOT_FOUND);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event WHERE what='note' AND new_value='Sở đã báo cáo miệng'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT version FROM task WHERE id=1"), 3);
}

/* Names and texts are stored clean; what cannot be is refused with a line
 * naming it, and nothing is saved. */
static void test_stored_text_is_clean(void **state)
{
	struct fixture *f = *state;
	struct task t;
	char err[ERR_MAX];
	static const struct {
		const char *summary, *lead, *why;
	} bad[] = {
		{ "lone \x9B byte", "Sở Y tế", "summary: not valid UTF-8 (byte 6)" },
		{ "   ", "Sở Y tế", "summary is blank" },
		{ "Việc", "\xE2\x80\x8B \xC2\xA0", "agency name is blank" },
		{ "Việc", "S\xFFở", "agency name: not valid UTF-8 (byte 2)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		task_init(&t);
		task_set_str(&t.summary, bad[i].summary);
		task_add_lead(&t, bad[i].lead);
		assert_int_equal(db_task_add(f->t.db, &t, err), -1);
		assert_string_equal(err, bad[i].why);
		task_release(&t);
	}
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task") + scalar(f->t.path, "SELECT count(*) FROM agency"), 0);
	/* control and bidi characters are removed on the way in */
	task_init(&t);
	task_set_str(&t.summary, "  Báo cáo\x1b[2J\xE2\x80\xAE ");
	task_set_str(&t.section, "I.1\x07");
	task_set_str(&t.full_text, "dòng 1\r\ndòng 2\x1b]52;c;eA==\x07");
	task_add_lead(&t, "Sở\x1b]0;x\x07 Y tế");
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	task_release(&t);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE summary = 'Báo cáo[2J' AND section = 'I.1'"
					 " AND full_text = 'dòng 1' || char(10) || 'dòng 2]52;c;eA=='"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Sở]0;x Y tế'"), 1);
	/* renames, aliases, notes and reasons too */
	assert_int_equal(db_agency_rename(f->t.db, 1, " \t", err), -1);
	assert_string_equal(err, "agency name is blank");
	assert_int_equal(db_agency_add_alias(f->t.db, 1, "\xC3", err), -1);
	assert_string_equal(err, "alias: not valid UTF-8 (byte 1)");
	assert_int_equal(db_agency_rename(f->t.db, 1, "Sở Y tế\x1b", err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Sở Y tế'"), 1);
	assert_int_equal(db_task_note(f->t.db, 1, "\xE2\x80\x8D", 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: the note is blank");
	assert_int_equal(db_task_extend(f->t.db, 1, date_from_ymd(2024, 6, 1), "  ", 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: the reason is blank: a deadline change needs a reason");
	assert_int_equal(db_task_cancel(f->t.db, 1, " ", 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: the reason is blank: a cancellation needs a reason");
	/* one language at a time: the same refusals in Vietnamese when it is chosen */
	i18n_set_messages(LANG_VI);
	assert_int_equal(db_task_note(f->t.db, 1, "\xE2\x80\x8D", 0, err), DB_ERROR);
	assert_string_equal(err, "việc 1: ghi chú để trống");
	assert_int_equal(db_task_cancel(f->t.db, 1, " ", 0, err), DB_ERROR);
	assert_string_equal(err, "việc 1: chưa ghi lý do: huỷ việc cần có lý do");
	assert_int_equal(db_task_extend(f->t.db, 1, DATE_NONE, "lý do", 0, err), DB_ERROR);
	assert_string_equal(err, "việc 1: đổi hạn cần có hạn mới");
	i18n_set_messages(LANG_EN);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event"), 1);
}

/* One range of dates (the lunar calendar's) at every entry; a completion
 * after today and an "extension" to an earlier date are refused. */
static void test_dates_checked_on_entry(void **state)
{
	struct fixture *f = *state;
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, "Việc");
	task_set_str(&t.section, "II.3");
	task_add_lead(&t, "Sở Y tế");
	t.due = date_from_ymd(9999, 12, 31);
	assert_int_equal(db_task_add(f->t.db, &t, err), -1);
	assert_string_equal(err, "task II.3 'Việc': due date 9999-12-31 is outside 1800-2199");
	i18n_set_messages(LANG_VI);
	assert_int_equal(db_task_add(f->t.db, &t, err), -1);
	i18n_set_messages(LANG_EN);
	assert_string_equal(err, "việc II.3 'Việc': hạn 31/12/9999 nằm ngoài 1800-2199");
	task_release(&t);
	int64_t id = add(f->t.db, "Việc", "Sở Y tế", date_from_ymd(2024, 5, 20));
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2200, 1, 1), "lý do", 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: the new deadline 2200-01-01 is outside 1800-2199");
	i18n_set_messages(LANG_VI);
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2200, 1, 1), "lý do", 0, err), DB_ERROR);
	assert_string_equal(err, "việc 1: hạn mới 01/01/2200 nằm ngoài 1800-2199");
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, date_from_ymd(1700, 1, 1), 0, err), DB_ERROR);
	assert_string_equal(err, "việc 1: ngày hoàn thành 01/01/1700 nằm ngoài 1800-2199");
	i18n_set_messages(LANG_EN);
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2024, 5, 19), "lý do", 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: 2024-05-19 is before the current deadline 2024-05-20: "
				 "an extension moves a deadline later");
	/* today is 2024-05-17 */
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, date_from_ymd(2024, 5, 18), 0, err), DB_ERROR);
	assert_string_equal(err, "task 1: completion date 2024-05-18 is after today (2024-05-17)");
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_event"), 1);
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, date_from_ymd(2024, 5, 17), 0, err), 0);
	/* undo may put back an earlier deadline, or none */
	assert_int_equal(db_task_extend(f->t.db, id, date_from_ymd(2024, 6, 1), "lý do", 0, err), 0);
	assert_int_equal(db_task_revert_due(f->t.db, id, date_from_ymd(2024, 5, 20), "hoàn tác", 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE due_date = '2024-05-20'"), 1);
	int64_t none = add(f->t.db, "Không hạn", "Sở Y tế", DATE_NONE);
	assert_int_equal(db_task_extend(f->t.db, none, date_from_ymd(2024, 6, 1), "có hạn", 0, err), 0);
	assert_int_equal(db_task_revert_due(f->t.db, none, DATE_NONE, "hoàn tác", 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE id = 2 AND due_date IS NULL"
					 " AND due_precision = 'none'"), 1);
}

static void test_recurring_task_opens_next_period(void **state)
{
	struct fixture *f = *state;
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, "Báo cáo tiến độ giải ngân");
	task_set_str(&t.section, "2.1");
	task_set_str(&t.recurrence, "FREQ=MONTHLY;BYMONTHDAY=15");
	task_add_lead(&t, "Sở Tài chính");
	t.due = date_from_ymd(2024, 5, 15);
	t.precision = PRECISION_DAY;
	assert_int_equal(db_task_add(f->t.db, &t, err), 0);
	int64_t id = t.id;
	task_release(&t);
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, date_from_ymd(2024, 5, 14), 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE due_date='2024-06-15' AND status='new' "
					 "AND recurrence='FREQ=MONTHLY;BYMONTHDAY=15' AND section='2.1'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task_agency ta JOIN task t ON t.id=ta.task_id "
					 "WHERE t.due_date='2024-06-15' AND ta.role='lead'"), 1);
	/* Reopening and completing the same period again opens nothing more. */
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, id, STATUS_DONE, DATE_NONE, 0, err), 0);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task"), 2);
	/* A task with a rule we cannot read is not completed half-way. */
	assert_int_equal(scalar(f->t.path, "UPDATE task SET recurrence='FREQ=DAILY' WHERE id=2 RETURNING 0"), 0);
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, DATE_NONE, 0, err), DB_ERROR);
	assert_non_null(strstr(err, "task 2: rule 'FREQ=DAILY': unsupported FREQ"));
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE id=2 AND status='new'"), 1);
}

static void test_agency_spellings_find_one_agency(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t id = add(f->t.db, "Việc", "Sở Kế hoạch và Đầu tư", DATE_NONE);
	(void)id;
	int64_t agency = db_agency_find(f->t.db, "Sở Kế hoạch và Đầu tư", err);
	assert_true(agency > 0);
	static const char *const same[] = {
		"Sở KH&ĐT", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch & Đầu tư", "  Sở  Kế hoạch và Đầu tư ",
		"So\xcc""\x9b""\xcc""\x89"" Ke\xcc""\x82""\xcc""\x81"" hoa\xcc""\xa3""ch va\xcc""\x80"" \xc4""\x90""a\xcc""\x82""\xcc""\x80""u tu\xcc""\x9b", /* NFD */
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		if (db_agency_find(f->t.db, same[i], err) != agency)
			fail_msg("'%s' did not find the agency", same[i]);
	assert_int_equal(db_agency_find(f->t.db, "Sở Tư pháp", err), 0);
	/* A second task naming it differently reuses the agency, keeping the first name. */
	add(f->t.db, "Việc hai", "Sở KH&ĐT", DATE_NONE);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency"), 2); /* + UBND các huyện, thành phố */
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Sở Kế hoạch và Đầu tư'"), 1);
	/* Ủy/Uỷ and the UBND abbreviation; the kind is guessed. */
	add(f->t.db, "Việc ba", "Ủy ban nhân dân huyện Tam Đường", DATE_NONE);
	assert_int_equal(db_agency_find(f->t.db, "UBND huyện Tam Đường", err),
			 db_agency_find(f->t.db, "Uỷ ban nhân dân huyện Tam Đường", err));
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE kind = 'ubnd_huyen'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE kind = 'nhom' AND name = 'UBND các huyện, thành phố'"), 1);
}

static const struct agency_table *known_list(void *ctx) { return ctx; }

/* An agency the known list names is stored under its canonical name, with
 * its short name, kind and other spellings; the list is read only when an
 * agency is added. */
static void test_known_agencies_give_canonical_names(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	struct agency_table *known = agency_table_new();
	assert_int_equal(agency_table_load_string(known,
						  "agency\tso_ban_nganh\tSở Kế hoạch và Đầu tư\tSở KH&ĐT\tSở KHĐT\n"
						  "agency\tluc_luong_vu_trang\tCông an tỉnh\t-\n",
						  "known", err), 0);
	db_set_known_agencies(f->t.db, known_list, known);
	assert_ptr_equal(db_known_agencies(f->t.db), known);
	add(f->t.db, "Việc", "Sở Kế hoạch & Đầu tư", DATE_NONE);
	add(f->t.db, "Việc hai", "CÔNG AN TỈNH", DATE_NONE);
	add(f->t.db, "Việc ba", "Sở Y tế", DATE_NONE); /* not in the list: as written */
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Sở Kế hoạch và Đầu tư' "
					   "AND short_name = 'Sở KH&ĐT' AND kind = 'so_ban_nganh'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Công an tỉnh' "
					   "AND short_name IS NULL AND kind = 'luc_luong_vu_trang'"), 1);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency WHERE name = 'Sở Y tế' AND short_name IS NULL"), 1);
	/* the list's other spelling matches, and adds nothing */
	int64_t id = db_agency_find(f->t.db, "Sở Kế hoạch và Đầu tư", err);
	assert_true(id > 0);
	assert_int_equal(db_agency_find(f->t.db, "Sở KHĐT", err), id);
	add(f->t.db, "Việc bốn", "Sở KHĐT", DATE_NONE);
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM agency"), 4); /* + UBND các huyện, thành phố */
	db_set_known_agencies(f->t.db, NULL, NULL);
	agency_table_free(known);
}

static void test_old_agency_keys_are_rekeyed(void **state)
{
	struct fixture *f = *state;
	struct db *db;
	char err[ERR_MAX];
	sqlite3 *s;
	add(f->t.db, "Việc", "Sở Nông nghiệp và Phát triển nông thôn", DATE_NONE);
	db_close(f->t.db);
	f->t.db = NULL;
	/* As version 2 stored it: the key was the name itself, and no search key. */
	assert_int_equal(sqlite3_open(f->t.path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "DROP INDEX task_search; DROP TRIGGER task_search_key; DROP INDEX task_search_missing; ALTER TABLE task DROP COLUMN search_key;"
				      "DROP TRIGGER task_agency_search_insert; DROP TRIGGER task_agency_search_delete;"
				      "DROP TRIGGER task_agency_search_update; DROP TRIGGER agency_search_rename;"
				      "DROP TRIGGER document_search_number;"
				      "DROP TABLE ical_index; DROP INDEX task_ical_scan;"
				      "DROP TABLE task_tally; DROP TRIGGER task_tally_insert; DROP TRIGGER task_tally_delete;"
				      "DROP TRIGGER task_tally_update; DROP TRIGGER task_agency_tally_insert;"
				      "DROP TRIGGER task_agency_tally_delete; DROP TRIGGER task_agency_tally_replace;"
				      "DROP TRIGGER task_agency_tally_update_old; DROP TRIGGER task_agency_tally_update_new;"
				      "DROP INDEX task_event_extend; DROP TABLE caldav_collection; DROP TABLE caldav_resource;"
				      "ALTER TABLE ical_state DROP COLUMN options;"
				      "CREATE TABLE ical_cache(x); CREATE TABLE ical_cache_use(x);"
				      "UPDATE agency SET match_key = name; PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_open(f->t.path, &db, err), 0);
	assert_int_equal(scalar(f->t.path, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_true(db_agency_find(db, "Sở NN&PTNT", err) > 0);
	/* The existing task folded for search, its agency with it (migration 7). */
	assert_int_equal(scalar(f->t.path, "SELECT count(*) FROM task WHERE search_key LIKE 'i.2.1 viec %'"
					 " AND search_key LIKE '% so nong nghiep va phat trien nong thon%'"), 1);
	/* Migration 8: the events of existing tasks say more now; the first
	 * export bumps their SEQUENCE (no configuration has key 0). */
	assert_int_equal(scalar(f->t.path, "SELECT options IS 0 FROM ical_state"), 1);
	f->t.db = db;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migration_from_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_task, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_change_writes_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_version_is_a_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_order_and_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brief_list_matches_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extend_and_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recurring_task_opens_next_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agency_spellings_find_one_agency, setup, teardown),
		cmocka_unit_test_setup_teardown(test_known_agencies_give_canonical_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_agency_keys_are_rekeyed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stored_text_is_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates_checked_on_entry, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
