#include "tests/unit/testdb.h"

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/report.h"
#include "core/report_format.h"
#include "db/db.h"
#include "db/report.h"
#include "db/task.h"

#define D(y, m, d) date_from_ymd(y, m, d)
/* Constant days of May 2024 for static tables (1 May 2024 is day 19844). */
#define MAY(d) (19844 + (d) - 1)
#define NONE DATE_NONE

/* One task per line, as of 2024-05-21 (a Tuesday; due-soon window to 24/05). */
static const struct {
	enum task_status status;
	civil_day due, completed;
	enum task_class want;
} cases[] = {
	{ STATUS_NEW, MAY(46), NONE, CLASS_NOT_DUE },
	{ STATUS_IN_PROGRESS, MAY(24), NONE, CLASS_DUE_SOON },
	{ STATUS_REPORTED, MAY(21), NONE, CLASS_DUE_TODAY },
	{ STATUS_PAUSED, MAY(5), NONE, CLASS_OVERDUE },
	{ STATUS_NEW, MAY(20), NONE, CLASS_OVERDUE },
	{ STATUS_IN_PROGRESS, NONE, NONE, CLASS_NO_DEADLINE },
	{ STATUS_DONE, MAY(10), MAY(10), CLASS_DONE_ON_TIME },
	{ STATUS_DONE, MAY(10), MAY(11), CLASS_DONE_LATE },
	{ STATUS_DONE, NONE, MAY(11), CLASS_DONE_ON_TIME },
	{ STATUS_CANCELLED, MAY(1), NONE, CLASS_CANCELLED },
};
#define N_CASES (sizeof cases / sizeof cases[0])

static const struct report_agency agencies[] = {
	{ 10, "Sở Tài chính" }, { 11, "Sở Y tế" }, { 12, "Sở Nội vụ" },
};

static void build(struct report *r, bool cooperating, int64_t only)
{
	struct report_task tasks[N_CASES];
	/* Every task led by agency 0; the first two also by agency 2 (co-leads,
	 * lead listed second); agency 1 cooperates on all and leads task 3. */
	struct report_assign assigns[3 * N_CASES];
	size_t n = 0;
	for (size_t i = 0; i < N_CASES; i++) {
		tasks[i] = (struct report_task){ (int64_t)i + 1, cases[i].status, cases[i].due,
						 cases[i].completed, "I.1", "việc" };
		assigns[n++] = (struct report_assign){ i, 0, REPORT_LEAD, 1 };
		if (i < 2)
			assigns[n++] = (struct report_assign){ i, 2, REPORT_LEAD, 0 };
		assigns[n++] = (struct report_assign){ i, 1, i == 3 ? REPORT_LEAD : REPORT_COOPERATING, 2 };
	}
	struct report_input in = { tasks, N_CASES, agencies, 3, assigns, n };
	struct report_options opt = { D(2024, 5, 21), D(2024, 5, 24), cooperating, only, true };
	report_init(r);
	report_compute(r, &in, &opt);
}

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(MAY(1), date_from_ymd(2024, 5, 1));
	assert_int_equal(MAY(46), date_from_ymd(2024, 6, 15));
	struct report r;
	build(&r, false, 0);
	unsigned want[CLASS_COUNT] = { 0 };
	for (size_t i = 0; i < N_CASES; i++) {
		want[cases[i].want]++;
		assert_int_equal(r.tasks[i].cls, cases[i].want);
	}
	for (int c = 0; c < CLASS_COUNT; c++)
		assert_int_equal(r.total.n[c], want[c]);
	assert_int_equal(r.total.total, N_CASES);
	/* rows in agency order, only agencies with tasks in their role */
	assert_int_equal(r.n_rows, 3);
	assert_string_equal(r.rows[0].agency, "Sở Tài chính");
	assert_int_equal(r.rows[0].counts.total, N_CASES);
	assert_string_equal(r.rows[1].agency, "Sở Y tế");
	assert_int_equal(r.rows[1].counts.total, 1); /* leads task 4 only */
	assert_int_equal(r.rows[1].counts.n[CLASS_OVERDUE], 1);
	assert_int_equal(r.rows[2].counts.total, 2);
	assert_true(r.shared_tasks);
	/* co-leads in document order */
	assert_string_equal(r.tasks[0].leads, "Sở Nội vụ; Sở Tài chính");
	/* overdue: most late first */
	assert_int_equal(r.n_overdue, 2);
	assert_int_equal(r.overdue[0].task_id, 4);
	assert_int_equal(r.overdue[0].days_late, 16);
	assert_int_equal(r.overdue[1].days_late, 1);
	assert_int_equal(r.tasks[7].days_late, 1); /* done a day late */
	/* 13/43: open overdue over assigned minus cancelled */
	assert_int_equal(report_overdue_open(&r), 2);
	assert_int_equal(report_assigned(&r), N_CASES - 1);
	char *s = report_summary(&r, LANG_VI);
	assert_string_equal(s, "Tính đến ngày 21/05/2024, còn 2/9 việc đang triển khai quá hạn.");
	free(s);
	s = report_summary(&r, LANG_EN);
	assert_string_equal(s, "As of 21/05/2024, 2/9 tasks still being carried out are overdue.");
	free(s);
	report_release(&r);
}

static void test_cooperating_and_filter(void **state)
{
	(void)state;
	struct report r;
	build(&r, true, 0);
	assert_int_equal(r.rows[1].counts.total, N_CASES); /* cooperates on all, counted once each */
	assert_int_equal(r.total.total, N_CASES);
	report_release(&r);
	build(&r, false, 11);
	assert_int_equal(r.n_rows, 1);
	assert_int_equal(r.rows[0].agency_id, 11);
	assert_false(r.shared_tasks);
	report_release(&r);
}

static void test_share(void **state)
{
	(void)state;
	static const struct {
		unsigned on, late;
		int permille;
		const char *vi, *en;
	} t[] = {
		{ 0, 0, -1, "—", "—" },       { 1, 0, 1000, "100,0%", "100.0%" },
		{ 0, 3, 0, "0,0%", "0.0%" },  { 2, 1, 667, "66,7%", "66.7%" },
		{ 1, 2, 333, "33,3%", "33.3%" }, { 1, 7, 125, "12,5%", "12.5%" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct report_counts c = { 0 };
		char buf[16];
		c.n[CLASS_DONE_ON_TIME] = t[i].on;
		c.n[CLASS_DONE_LATE] = t[i].late;
		c.n[CLASS_OVERDUE] = 5; /* open tasks do not change the share */
		assert_int_equal(report_on_time_permille(&c), t[i].permille);
		assert_string_equal(report_format_share(&c, LANG_VI, buf), t[i].vi);
		assert_string_equal(report_format_share(&c, LANG_EN, buf), t[i].en);
	}
}

static void test_summary_edges(void **state)
{
	(void)state;
	struct report r;
	report_init(&r);
	r.as_of = D(2024, 5, 21);
	char *s = report_summary(&r, LANG_VI);
	assert_string_equal(s, "Tính đến ngày 21/05/2024, chưa có việc nào được giao.");
	free(s);
	r.total.n[CLASS_NOT_DUE] = 4;
	r.total.total = 4;
	s = report_summary(&r, LANG_VI);
	assert_string_equal(s, "Tính đến ngày 21/05/2024, không có việc nào đang triển khai quá hạn (0/4).");
	free(s);
}

static void test_formats(void **state)
{
	(void)state;
	static const struct { enum report_format fmt; const char *has; } t[] = {
		{ REPORT_TABLE, "Tổng cộng" }, { REPORT_MD, "| **Tổng cộng** |" },
		{ REPORT_CSV, "\xef\xbb\xbf" }, { REPORT_CSV, "\r\nTổng cộng,10," },
		{ REPORT_HTML, "@page { size: A4" }, { REPORT_HTML, "&lt;b&gt; &amp;" },
		{ REPORT_CSV, "\"'=1+1\"" }, { REPORT_TABLE, "a b" }, /* control char cleaned */
	};
	/* nothing from data may reach a terminal as a control: ESC, OSC, C1, bidi */
	static const char *const never[] = { "\x1b", "\x07", "\xc2\x9b", "\xe2\x80\xae", "\xe2\x81\xa6" };
	struct report r;
	build(&r, false, 0);
	free(r.tasks[3].summary);
	r.tasks[3].summary = strdup("<b> & \"x\"");
	free(r.overdue[1].summary);
	r.overdue[1].summary = strdup("=1+1");
	free(r.overdue[0].summary);
	r.overdue[0].summary = strdup("a\tb");
	free(r.overdue[0].leads);
	r.overdue[0].leads = strdup("S\xe2\x80\xae\x1b]0;x\x07\xc2\x9b" "2J\xe2\x81\xa6 Y");
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *buf = NULL, err[ERR_MAX];
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_int_equal(report_write(f, &r, t[i].fmt, LANG_VI, err), 0);
		fclose(f);
		if (!strstr(buf, t[i].has))
			fail_msg("format %d lacks '%s'", (int)t[i].fmt, t[i].has);
		for (size_t k = 0; k < sizeof never / sizeof never[0]; k++)
			if (strstr(buf, never[k]))
				fail_msg("format %d lets a control from data through", (int)t[i].fmt);
		free(buf);
	}
	enum report_format f;
	assert_int_equal(report_format_parse("html", &f), 0);
	assert_int_equal(f, REPORT_HTML);
	assert_int_equal(report_format_parse("pdf", &f), -1);
	report_release(&r);
}

static void test_write_file(void **state)
{
	(void)state;
	struct report r;
	char dir[TESTDIR_SIZE], path[64], err[ERR_MAX];
	test_mkdir(dir);
	snprintf(path, sizeof path, "%s/r.csv", dir);
	build(&r, false, 0);
	struct file_output to;
	assert_int_equal(file_output_resolve(path, &to, err), 0);
	assert_int_equal(report_write_file(path, &to, &r, REPORT_CSV, LANG_EN, err), 0);
	file_output_release(&to);
	assert_int_equal(access(path, R_OK), 0);
	/* a device is written into, never replaced */
	assert_int_equal(file_output_resolve("/dev/null", &to, err), 0);
	assert_int_equal(report_write_file("/dev/null", &to, &r, REPORT_CSV, LANG_EN, err), 0);
	file_output_release(&to);
	struct stat st;
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* nothing left in the folder but the report */
	char cmd[96];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) = 1", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(report_format_for_path("a/b.html"), REPORT_HTML);
	assert_int_equal(report_format_for_path("b.htm"), REPORT_HTML);
	assert_int_equal(report_format_for_path("b.md"), REPORT_MD);
	assert_int_equal(report_format_for_path("b.csv"), REPORT_CSV);
	assert_int_equal(report_format_for_path("b.txt"), REPORT_TABLE);
	assert_int_equal(report_format_for_path("b"), REPORT_TABLE);
	report_release(&r);
	test_rmdir(dir);
}

/* The database side: --as-of replays the trail. */
static void test_db_as_of(void **state)
{
	(void)state;
	struct testdb tdb;
	char err[ERR_MAX];
	testdb_open(&tdb);
	struct db *db = tdb.db;
	db_set_today(db, D(2024, 5, 1));
	struct task t;
	task_init(&t);
	task_set_str(&t.summary, "Báo cáo");
	task_add_lead(&t, "Sở Tài chính");
	t.due = D(2024, 5, 14);
	assert_int_equal(db_task_add(db, &t, err), 0);
	task_release(&t);
	db_set_today(db, D(2024, 5, 10));
	assert_int_equal(db_task_extend(db, 1, D(2024, 5, 31), "chờ số liệu", 0, err), 0);
	db_set_today(db, D(2024, 5, 20));
	assert_int_equal(db_task_set_status(db, 1, STATUS_DONE, D(2024, 5, 18), 0, err), 0);
	db_set_today(db, D(2024, 5, 25));
	assert_int_equal(db_task_set_status(db, 1, STATUS_IN_PROGRESS, NONE, 0, err), 0);

	static const struct { civil_day as_of; enum task_class cls; civil_day due; unsigned n; } t2[] = {
		{ MAY(0), CLASS_COUNT, NONE, 0 },          /* not created yet */
		{ MAY(9), CLASS_NOT_DUE, MAY(14), 1 }, /* the old deadline */
		{ MAY(16), CLASS_NOT_DUE, MAY(31), 1 }, /* extended: not overdue */
		{ MAY(18), CLASS_DONE_ON_TIME, MAY(31), 1 }, /* done that day */
		{ MAY(24), CLASS_DONE_ON_TIME, MAY(31), 1 }, /* before reopening */
		{ MAY(34), CLASS_OVERDUE, MAY(31), 1 },  /* reopened, now late */
	};
	for (size_t i = 0; i < sizeof t2 / sizeof t2[0]; i++) {
		struct report r;
		struct report_filter f = { .as_of = t2[i].as_of, .warn_until = t2[i].as_of + 1,
					   .historical = true, .document_id = 0, .from = NONE, .to = NONE };
		report_init(&r);
		assert_int_equal(db_report_build(db, &f, LANG_VI, &r, err), 0);
		assert_int_equal(r.total.total, t2[i].n);
		if (t2[i].n) {
			assert_int_equal(r.total.n[t2[i].cls], 1);
			assert_int_equal(r.n_rows, 1);
			assert_string_equal(r.rows[0].agency, "Sở Tài chính");
		}
		report_release(&r);
	}
	/* The follow-up list of a document that has no tasks, and a missing one. */
	char *label;
	assert_int_equal(db_report_document_label(db, 5, &label, err), DB_NOT_FOUND);
	assert_string_equal(err, "document 5 does not exist");
	testdb_close(&tdb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_cooperating_and_filter),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_summary_edges),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_write_file),
		cmocka_unit_test(test_db_as_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
