/* db/document: a re-import compares the notice with what the previous
 * import of it read, not with the tasks as they are now: what the clerk
 * changed is kept, what both changed is a conflict, an unchanged notice
 * changes nothing, and each changed task is written once (SEQUENCE + 1). */
#include "tests/unit/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/notice.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/document.h"
#include "db/task.h"

#define FIXTURE "fixtures/thong-bao-ket-luan-lai-chau-2024-04.md"

struct fixture {
	struct testdb t;
	char *text; /* the notice as first imported */
	int64_t doc;
};

/* text with the first `from` replaced by `to` (which must be there). */
static char *edited(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char err[ERR_MAX];
	struct notice n;
	testdb_open(&f->t);
	db_set_clock(f->t.db, 1714100000);
	db_set_today(f->t.db, date_from_ymd(2024, 4, 26));
	f->text = test_slurp(FIXTURE, NULL);
	assert_int_equal(notice_read(f->text, strlen(f->text), &n, err), 0);
	assert_int_equal(db_document_save(f->t.db, &n, &f->doc, err), 0);
	notice_release(&n);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->t);
	free(f->text);
	free(f);
	return 0;
}

static int64_t scalar(struct fixture *f, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->t.db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t task_of(struct fixture *f, const char *section)
{
	char *sql = xasprintf("SELECT id FROM task WHERE section = '%s'", section);
	int64_t id = scalar(f, sql);
	free(sql);
	return id;
}

/* A fingerprint of every task's row and links and of the audit trail. */
static int64_t state_of(struct fixture *f)
{
	return scalar(f, "SELECT (SELECT total(length(summary) + length(full_text) + version * 7 + ical_sequence * 13"
			 " + length(coalesce(due_date, '')) + length(due_precision) + length(due_phrase)) FROM task)"
			 " + (SELECT count(*) * 1000 FROM task_event) + (SELECT total(agency_id * (position + 1))"
			 " FROM task_agency) + (SELECT count(*) * 100000 FROM task)");
}

/* Re-imports text; returns the changes (caller releases). */
static struct document_changes reimport(struct fixture *f, const char *text, bool apply)
{
	struct notice n;
	struct document_changes ch = { 0 };
	char err[ERR_MAX];
	assert_int_equal(notice_read(text, strlen(text), &n, err), 0);
	if (db_document_reimport(f->t.db, f->doc, &n, apply, &ch, err))
		fail_msg("re-import: %s", err);
	notice_release(&n);
	return ch;
}

static const struct document_change *change_of(const struct document_changes *ch, const char *section)
{
	for (size_t i = 0; i < ch->n; i++)
		if (strcmp(ch->items[i].section, section) == 0)
			return &ch->items[i];
	fail_msg("no change for %s", section);
	return NULL;
}

/* The clerk extended a deadline, reassigned a task, finished one and noted
 * another: re-importing the same notice keeps all of it and writes nothing. */
static void test_unchanged_notice_changes_nothing(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t t1 = task_of(f, "I.2.1"), t4 = task_of(f, "I.2.2 (4)"), t7 = task_of(f, "I.2.2 (7)");
	assert_int_equal(db_task_extend(f->t.db, t1, date_from_ymd(2024, 6, 30), "chờ ý kiến Bộ", 0, err), 0);
	assert_int_equal(db_task_set_status(f->t.db, t7, STATUS_DONE, DATE_NONE, 0, err), 0);
	assert_int_equal(db_task_note(f->t.db, t4, "đã nhắc", 0, err), 0);
	assert_int_equal(sqlite3_exec(db_sqlite(f->t.db),
				      "INSERT INTO agency(name, match_key) VALUES ('Sở Y tế', hc_agency_key('Sở Y tế'));"
				      "UPDATE task_agency SET agency_id = (SELECT id FROM agency WHERE name = 'Sở Y tế')"
				      " WHERE task_id = 4 AND role = 'lead' AND position = 1",
				      NULL, NULL, NULL), SQLITE_OK);
	int64_t before = state_of(f);
	/* the same text, and the same text with a line ending changed (same
	 * reading, another hash) */
	for (int round = 0; round < 2; round++) {
		char *text = round ? edited(f->text, "\n", "\r\n") : xstrdup(f->text);
		struct document_changes ch = reimport(f, text, true);
		assert_int_equal(document_changes_count(&ch, CHANGE_UPDATED), 0);
		assert_int_equal(document_changes_count(&ch, CHANGE_NEW), 0);
		assert_int_equal(document_changes_conflicts(&ch), 0);
		document_changes_release(&ch);
		free(text);
		assert_int_equal(state_of(f), before);
	}
	assert_int_equal(scalar(f, "SELECT count(*) FROM task WHERE due_date = '2024-06-30'"), 1);
}

/* A typo fixed in one unit changes that unit only; the clerk's extension of
 * another unit stays. */
static void test_typo_fixed_elsewhere(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t t1 = task_of(f, "I.2.1"), t7 = task_of(f, "I.2.2 (7)");
	assert_int_equal(db_task_extend(f->t.db, t1, date_from_ymd(2024, 6, 30), "chờ ý kiến Bộ", 0, err), 0);
	int64_t seq1 = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.1'");
	int64_t seq7 = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (7)'");
	int64_t events = scalar(f, "SELECT count(*) FROM task_event");
	char *text = edited(f->text, "dự án vương đất rừng", "dự án vướng đất rừng");
	struct document_changes ch = reimport(f, text, true);
	assert_int_equal(document_changes_count(&ch, CHANGE_UPDATED), 1);
	const struct document_change *c = change_of(&ch, "I.2.2 (7)");
	assert_int_equal(c->kind, CHANGE_UPDATED);
	assert_int_equal(c->task_id, t7);
	assert_non_null(strstr(c->what, "summary: "));
	assert_int_equal(change_of(&ch, "I.2.1")->kind, CHANGE_UNCHANGED);
	assert_int_equal(document_changes_conflicts(&ch), 0);
	document_changes_release(&ch);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task WHERE section = 'I.2.1' AND due_date = '2024-06-30'"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task WHERE section = 'I.2.2 (7)'"
				   " AND summary LIKE '%vướng đất rừng%'"), 1);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.1'"), seq1);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (7)'"), seq7 + 1);
	/* summary and text: two events, one for each field */
	assert_int_equal(scalar(f, "SELECT count(*) FROM task_event"), events + 2);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task_event WHERE what = 'edit' AND reason LIKE 're-import of %'"), 2);
	/* the amended text is now the previous reading: importing it again changes nothing */
	int64_t before = state_of(f);
	ch = reimport(f, text, true);
	assert_int_equal(document_changes_count(&ch, CHANGE_UPDATED), 0);
	document_changes_release(&ch);
	assert_int_equal(state_of(f), before);
	free(text);
}

/* The notice moves a deadline the clerk had extended: a conflict with both
 * values, the clerk's kept; the notice's new wording (which the clerk never
 * edits) is taken. */
static void test_conflict_keeps_the_clerks_value(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	int64_t t1 = task_of(f, "I.2.1");
	assert_int_equal(db_task_extend(f->t.db, t1, date_from_ymd(2024, 6, 30), "chờ ý kiến Bộ", 0, err), 0);
	int64_t before = state_of(f), seq = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.1'");
	char *text = edited(f->text, "trình UBND tỉnh trước ngày 14/5/2024", "trình UBND tỉnh trước ngày 20/5/2024");
	for (int apply = 0; apply < 2; apply++) {
		struct document_changes ch = reimport(f, text, apply);
		const struct document_change *c = change_of(&ch, "I.2.1");
		assert_int_equal(c->kind, CHANGE_UPDATED);
		assert_string_equal(c->what, "text: … -> …");
		assert_string_equal(c->conflicts, "due: notice 2024-05-20 (day), task 2024-06-30 (day) (kept)");
		assert_int_equal(document_changes_conflicts(&ch), 1);
		assert_int_equal(document_changes_count(&ch, CHANGE_UPDATED), 1);
		document_changes_release(&ch);
		if (!apply)
			assert_int_equal(state_of(f), before);
	}
	free(text);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task WHERE section = 'I.2.1' AND due_date = '2024-06-30'"
				   " AND full_text LIKE '%trước ngày 20/5/2024%'"), 1);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.1'"), seq + 1);
}

/* A unit whose deadline, lead and cooperating agencies all change gets one
 * update: its SEQUENCE moves by one; a unit given a deadline too. */
static void test_one_update_per_task(void **state)
{
	struct fixture *f = *state;
	int64_t seq5 = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (5)'");
	int64_t seq3 = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (3)'");
	int64_t ver5 = scalar(f, "SELECT version FROM task WHERE section = 'I.2.2 (5)'");
	char *a = edited(f->text, "- Sở Kế hoạch và Đầu tư chủ trì, phối hợp các sở, ban, ngành liên quan; UBND các huyện, thành phố: Chủ động",
			 "- Sở Tài chính chủ trì, phối hợp Sở Xây dựng: Chủ động");
	char *b = edited(a, "phấn đấu hết quý III", "phấn đấu trước ngày 31/8/2024");
	char *text = edited(b, "góp phần đẩy nhanh tiến độ dự án trên địa bàn tỉnh.",
			    "góp phần đẩy nhanh tiến độ dự án trên địa bàn tỉnh; báo cáo trước ngày 15/6/2024.");
	free(a);
	free(b);
	struct document_changes ch = reimport(f, text, true);
	const struct document_change *c = change_of(&ch, "I.2.2 (5)");
	assert_int_equal(c->kind, CHANGE_UPDATED);
	assert_non_null(strstr(c->what, "due: 2024-09-30 (quarter) -> 2024-08-31 (day)"));
	assert_non_null(strstr(c->what, "lead: Sở Kế hoạch và Đầu tư -> Sở Tài chính"));
	assert_non_null(strstr(c->what, "cooperating: "));
	assert_int_equal(change_of(&ch, "I.2.2 (3)")->kind, CHANGE_UPDATED);
	document_changes_release(&ch);
	free(text);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (5)'"), seq5 + 1);
	assert_int_equal(scalar(f, "SELECT version FROM task WHERE section = 'I.2.2 (5)'"), ver5 + 1);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (3)'"), seq3 + 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task t JOIN task_agency ta ON ta.task_id = t.id"
				   " JOIN agency a ON a.id = ta.agency_id WHERE t.section = 'I.2.2 (5)'"
				   " AND ta.role = 'lead' AND a.name = 'Sở Tài chính'"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task WHERE section = 'I.2.2 (3)' AND due_date = '2024-06-15'"), 1);
}

/* Only agencies changed (a reading corrected on review): still one
 * SEQUENCE step. */
static void test_agencies_only(void **state)
{
	struct fixture *f = *state;
	struct notice n;
	struct document_changes ch = { 0 };
	char err[ERR_MAX];
	int64_t seq = scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (7)'");
	assert_int_equal(notice_read(f->text, strlen(f->text), &n, err), 0);
	char *leads[] = { (char *)"Sở Xây dựng", (char *)"Sở Tài chính" };
	for (size_t i = 0; i < n.n_units; i++)
		if (strcmp(n.units[i].section, "I.2.2 (7)") == 0)
			notice_unit_set_leads(&n.units[i], leads, 2);
	assert_int_equal(db_document_reimport(f->t.db, f->doc, &n, true, &ch, err), 0);
	notice_release(&n);
	const struct document_change *c = change_of(&ch, "I.2.2 (7)");
	assert_int_equal(c->kind, CHANGE_UPDATED);
	assert_string_equal(c->what, "lead: Sở Tài nguyên và Môi trường -> Sở Xây dựng; Sở Tài chính");
	assert_int_equal(document_changes_count(&ch, CHANGE_UPDATED), 1);
	document_changes_release(&ch);
	assert_int_equal(scalar(f, "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (7)'"), seq + 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task_event WHERE what = 'assign'"), 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM task_agency ta JOIN task t ON t.id = ta.task_id"
				   " WHERE t.section = 'I.2.2 (7)' AND ta.role = 'lead'"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged_notice_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typo_fixed_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_keeps_the_clerks_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_update_per_task, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agencies_only, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
