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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_words_unchanged),
		cmocka_unit_test(test_workday_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
