#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/holiday.h"
#include "core/task.h"

static civil_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void test_calendar_words_unchanged(void **state)
{
	(void)state;
	char buf[COUNTDOWN_BUF];
	civil_day t = D(2024, 5, 14);
	assert_string_equal(countdown_format(t + 5, t, LANG_VI, buf), "còn 5 ngày");
	assert_string_equal(countdown_format(t + 1, t, LANG_EN, buf), "tomorrow");
	assert_string_equal(countdown_format(t - 2, t, LANG_VI, buf), "quá hạn 2 ngày");
}

static void test_workday_words(void **state)
{
	(void)state;
	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	if (holiday_calendar_load(cal, "fixtures/holidays.tsv", err) != 0)
		fail_msg("%s", err);
	static const struct {
		int ty, tm, td; /* today */
		int dy, dm, dd; /* due; 0: DATE_NONE */
		bool with_cal;
		const char *vi, *en;
	} cases[] = {
		/* Monday -> Thursday: Tue, Wed, Thu. */
		{ 2024, 3, 4, 2024, 3, 7, true, "còn 3 ngày làm việc", "3 working days left" },
		/* Across Tết 2024 (8-14/2 off): from Wednesday 7/2 to Friday 16/2. */
		{ 2024, 2, 7, 2024, 2, 16, true, "còn 2 ngày làm việc", "2 working days left" },
		{ 2024, 2, 7, 2024, 2, 15, true, "còn 1 ngày làm việc", "1 working day left" },
		/* Without the calendar the same span has 7 working days. */
		{ 2024, 2, 7, 2024, 2, 16, false, "còn 7 ngày làm việc", "7 working days left" },
		/* Due on Sunday, seen on Friday: no working day left. */
		{ 2024, 3, 8, 2024, 3, 10, true, "không còn ngày làm việc", "no working days left" },
		/* Due on a holiday with only days off before it. */
		{ 2024, 2, 7, 2024, 2, 12, true, "không còn ngày làm việc", "no working days left" },
		{ 2024, 3, 8, 2024, 3, 9, true, "ngày mai", "tomorrow" },
		{ 2024, 3, 8, 2024, 3, 8, true, "hôm nay", "today" },
		/* Overdue is counted in calendar days, in both modes. */
		{ 2024, 2, 15, 2024, 2, 7, true, "quá hạn 8 ngày", "8 days overdue" },
		{ 2024, 3, 10, 2024, 3, 8, true, "quá hạn 2 ngày", "2 days overdue" },
		{ 2024, 3, 10, 0, 0, 0, true, "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[COUNTDOWN_BUF];
		civil_day today = D(cases[i].ty, cases[i].tm, cases[i].td);
		civil_day due = cases[i].dy ? D(cases[i].dy, cases[i].dm, cases[i].dd) : DATE_NONE;
		const struct holiday_calendar *c = cases[i].with_cal ? cal : NULL;
		assert_string_equal(countdown_format_workdays(due, today, c, LANG_VI, buf), cases[i].vi);
		assert_string_equal(countdown_format_workdays(due, today, c, LANG_EN, buf), cases[i].en);
	}
	holiday_calendar_free(cal);
}

static civil_day sort_today;

static int cmp_for_qsort(const void *a, const void *b)
{
	return countdown_urgency_cmp(a, b, sort_today);
}

static void test_urgency_order(void **state)
{
	(void)state;
	civil_day today = D(2024, 5, 14);
	static const struct {
		int64_t id;
		const char *section;
		int due_offset; /* days from today; 99: no deadline */
		enum task_status status;
	} rows[] = {
		/* listed shuffled; ids give the expected order */
		{ 90, "I.1", -30, STATUS_DONE },
		{ 40, "II.1", 0, STATUS_REPORTED },
		{ 70, "I.10", 99, STATUS_NEW },
		{ 20, "I.3", -2, STATUS_PAUSED },
		{ 10, "II.4", -10, STATUS_IN_PROGRESS },
		{ 95, "I.2", 5, STATUS_CANCELLED },
		{ 60, "I.10", 5, STATUS_NEW },
		{ 50, "I.2.2 (12)", 5, STATUS_NEW },
		{ 45, "I.2.2 (5)", 5, STATUS_NEW },
		{ 30, "I.3", -2, STATUS_NEW },
		{ 80, "I.10", 99, STATUS_NEW },
		{ 65, NULL, 99, STATUS_NEW },
	};
	static const int64_t want[] = {
		10, /* 10 days overdue */
		20, /* 2 days overdue, same section as 30: by id */
		30,
		40, /* due today */
		45, /* due in 5 days: I.2.2 (5) < I.2.2 (12) < I.10 (natural order) */
		50,
		60,
		65, /* undated: no section first, then I.10 by id */
		70,
		80,
		90, /* done (even though its date is the oldest) */
		95, /* cancelled: by section, I.2 after I.1 */
	};
	size_t n = sizeof rows / sizeof rows[0];
	struct task *tasks = calloc(n, sizeof *tasks);
	for (size_t i = 0; i < n; i++) {
		task_init(&tasks[i]);
		tasks[i].id = rows[i].id;
		task_set_str(&tasks[i].section, rows[i].section);
		tasks[i].due = rows[i].due_offset == 99 ? DATE_NONE : today + rows[i].due_offset;
		tasks[i].status = rows[i].status;
	}
	sort_today = today;
	qsort(tasks, n, sizeof *tasks, cmp_for_qsort);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(tasks[i].id, want[i]);
	/* Antisymmetric, and equal only to itself. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int a = countdown_urgency_cmp(&tasks[i], &tasks[j], today);
			int b = countdown_urgency_cmp(&tasks[j], &tasks[i], today);
			assert_int_equal(a, -b);
			assert_int_equal(a == 0, i == j);
		}
	for (size_t i = 0; i < n; i++)
		task_release(&tasks[i]);
	free(tasks);
}

/* Roman-numbered parts sort as numbers: II before IV before IX before X. */
static void test_section_roman(void **state)
{
	(void)state;
	const char *order[] = { "I.5", "II", "II.1", "IV.1", "V", "IX.2", "X", "a)", "b)" };
	size_t n = sizeof order / sizeof order[0];
	struct task a, b;
	task_init(&a);
	task_init(&b);
	for (size_t i = 0; i + 1 < n; i++) {
		task_set_str(&a.section, order[i]);
		task_set_str(&b.section, order[i + 1]);
		a.id = 2; /* ids against the section order: sections must decide */
		b.id = 1;
		if (countdown_urgency_cmp(&a, &b, 0) >= 0)
			fail_msg("'%s' should sort before '%s'", order[i], order[i + 1]);
	}
	task_release(&a);
	task_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_words_unchanged),
		cmocka_unit_test(test_workday_words),
		cmocka_unit_test(test_urgency_order),
		cmocka_unit_test(test_section_roman),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
