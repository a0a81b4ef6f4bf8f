#include "tests/unit/testutil.h"

#include "core/countdown.h"
#include "core/date.h"
#include "core/lunar.h"
#include "core/err.h"
#include "core/status.h"

static void test_round_trip_and_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_weekday(0), THURSDAY);
	assert_int_equal(date_weekday(date_from_ymd(2024, 5, 14)), TUESDAY);
	assert_int_equal(date_weekday(date_from_ymd(2000, 1, 1)), SATURDAY);
	for (civil_day d = date_from_ymd(1899, 12, 1); d < date_from_ymd(2101, 2, 1); d++) {
		struct civil_date c = date_to_ymd(d);
		assert_true(date_valid(c.year, c.month, c.day));
		assert_int_equal(date_from_ymd(c.year, c.month, c.day), d);
	}
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2023));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28), 2);
}

static void test_parse_valid(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int y, m, d;
	} cases[] = {
		{ "14/5/2024", 2024, 5, 14 },
		{ "07/05/2024", 2024, 5, 7 },
		{ "2024-05-14", 2024, 5, 14 },
		{ "ngày 14 tháng 5 năm 2024", 2024, 5, 14 },
		{ "Ngày 25 tháng 4 năm 2024", 2024, 4, 25 },
		{ "  29/2/2024 ", 2024, 2, 29 },
		{ "1.6.2025", 2025, 6, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		civil_day d;
		char err[ERR_MAX];
		assert_int_equal(date_parse(cases[i].text, &d, err), 0);
		assert_int_equal(d, date_from_ymd(cases[i].y, cases[i].m, cases[i].d));
	}
}

static void test_parse_invalid_names_the_problem(void **state)
{
	(void)state;
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "31/2/2024", "february 2024 has only 29 days" },
		{ "29/2/2023", "february 2023 has only 28 days" },
		{ "0/5/2024", "day 0 does not exist" },
		{ "31/4/2024", "april 2024 has only 30 days" },
		{ "14/13/2024", "month 13 does not exist" },
		{ "2024-00-10", "month 0 does not exist" },
		{ "14/5", "expected dd/mm/yyyy" },
		{ "", "expected dd/mm/yyyy" },
		{ "hôm nay", "expected dd/mm/yyyy" },
		{ "14/5/24", "expected dd/mm/yyyy" },
		{ "14/5-2024", "expected dd/mm/yyyy" },
		{ "123/5/2024", "expected dd/mm/yyyy" },
		{ "14/5/2024x", "expected dd/mm/yyyy" },
		{ "ngày 30 tháng 2 năm 2024", "february 2024 has only 29 days" },
		/* one accepted range everywhere: the lunar calendar's */
		{ "9999-12-31", "year 9999 is outside 1800-2199" },
		{ "31/12/1799", "year 1799 is outside 1800-2199" },
		{ "1/1/2200", "year 2200 is outside 1800-2199" },
		{ "ngày 1 tháng 1 năm 0001", "year 1 is outside 1800-2199" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		civil_day d = 12345;
		char err[ERR_MAX] = "";
		assert_int_equal(date_parse(cases[i].text, &d, err), -1);
		assert_int_equal(d, 12345);
		assert_non_null(strstr(err, cases[i].why));
		assert_non_null(strstr(err, cases[i].text));
	}
}

/* The accepted range is the lunar calendar's, which working days need. */
static void test_range(void **state)
{
	(void)state;
	civil_day d;
	char err[ERR_MAX];
	assert_int_equal(date_parse("1/1/1800", &d, err), 0);
	assert_true(date_in_range(d));
	assert_false(date_in_range(d - 1));
	assert_int_equal(date_parse("31/12/2199", &d, err), 0);
	assert_true(date_in_range(d));
	assert_false(date_in_range(d + 1));
	assert_false(date_in_range(DATE_NONE));
	assert_false(date_in_range(date_from_ymd(9999, 12, 31)));
	assert_int_equal(DATE_MIN_YEAR, LUNAR_MIN_YEAR);
	assert_int_equal(DATE_MAX_YEAR, LUNAR_MAX_YEAR);
	assert_int_equal(date_make(2200, 1, 1, "x", &d, err), -1);
	assert_string_equal(err, "date 'x': year 2200 is outside 1800-2199");
}

static void test_messages_stay_on_one_line(void **state)
{
	(void)state;
	civil_day d;
	char err[ERR_MAX];
	assert_int_equal(date_parse("14/5/2\n024", &d, err), -1);
	assert_string_equal(err, "date '14/5/2\\x0a024': expected dd/mm/yyyy, yyyy-mm-dd or 'ngày d tháng m năm yyyy'");
	assert_int_equal(date_parse("31/2/2024\x1b[2J", &d, err), -1);
	assert_null(strchr(err, '\x1b'));
	char long_text[200];
	memset(long_text, '7', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(date_parse(long_text, &d, err), -1);
	assert_non_null(strstr(err, "...': expected"));
}

static void test_format(void **state)
{
	(void)state;
	char buf[DATE_BUF], lbuf[DATE_LONG_BUF];
	civil_day d = date_from_ymd(2024, 5, 7);
	assert_string_equal(date_format_dmy(d, buf), "07/05/2024");
	assert_string_equal(date_format_iso(d, buf), "2024-05-07");
	assert_string_equal(date_format_dmy(DATE_NONE, buf), "-");
	assert_string_equal(date_format_long(d, LANG_VI, lbuf), "Thứ Ba, 07/05/2024");
	assert_string_equal(date_format_long(date_from_ymd(2024, 5, 12), LANG_VI, lbuf), "Chủ nhật, 12/05/2024");
	assert_string_equal(date_format_long(d, LANG_EN, lbuf), "Tuesday, 07/05/2024");
	assert_int_equal(date_parse_iso("2024-05-07"), d);
	assert_int_equal(date_parse_iso("2024-02-30"), DATE_NONE);
	assert_int_equal(date_parse_iso("2024-5-7"), DATE_NONE);
	assert_int_equal(date_month_end(2024, 2), date_from_ymd(2024, 2, 29));
}

static void test_classify_table(void **state)
{
	(void)state;
	civil_day today = date_from_ymd(2024, 5, 17), warn = today + 3, N = DATE_NONE;
	static const struct {
		enum task_status st;
		int due_off, done_off; /* relative to today; 999 = none */
		enum task_class want;
	} rows[] = {
		{ STATUS_NEW, -3, 999, CLASS_OVERDUE },
		{ STATUS_IN_PROGRESS, 0, 999, CLASS_DUE_TODAY },
		{ STATUS_REPORTED, 1, 999, CLASS_DUE_SOON },
		{ STATUS_NEW, 3, 999, CLASS_DUE_SOON },
		{ STATUS_NEW, 4, 999, CLASS_NOT_DUE },
		{ STATUS_PAUSED, -1, 999, CLASS_OVERDUE },
		{ STATUS_NEW, 999, 999, CLASS_NO_DEADLINE },
		{ STATUS_DONE, 0, 0, CLASS_DONE_ON_TIME },
		{ STATUS_DONE, -5, -6, CLASS_DONE_ON_TIME },
		{ STATUS_DONE, -5, -4, CLASS_DONE_LATE },
		{ STATUS_DONE, 999, -4, CLASS_DONE_ON_TIME },
		{ STATUS_CANCELLED, -5, 999, CLASS_CANCELLED },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		civil_day due = rows[i].due_off == 999 ? N : today + rows[i].due_off;
		civil_day done = rows[i].done_off == 999 ? N : today + rows[i].done_off;
		assert_int_equal(status_classify(rows[i].st, due, done, today, warn), rows[i].want);
	}
}

static void test_status_names(void **state)
{
	(void)state;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum task_status s;
		assert_int_equal(status_parse(status_name((enum task_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	enum task_status s;
	assert_int_equal(status_parse("finished", &s), -1);
	assert_string_equal(status_label(STATUS_REPORTED, LANG_VI), "chờ xác nhận");
	assert_string_equal(class_label(CLASS_OVERDUE, LANG_VI), "quá hạn");
	assert_string_equal(class_label(CLASS_DONE_LATE, LANG_EN), "done late");
}

static void test_countdown_words(void **state)
{
	(void)state;
	char buf[COUNTDOWN_BUF];
	civil_day t = date_from_ymd(2024, 5, 17);
	assert_string_equal(countdown_format(t + 5, t, LANG_VI, buf), "còn 5 ngày");
	assert_string_equal(countdown_format(t + 1, t, LANG_VI, buf), "ngày mai");
	assert_string_equal(countdown_format(t, t, LANG_VI, buf), "hôm nay");
	assert_string_equal(countdown_format(t - 3, t, LANG_VI, buf), "quá hạn 3 ngày");
	assert_string_equal(countdown_format(t - 1, t, LANG_VI, buf), "quá hạn 1 ngày");
	assert_string_equal(countdown_format(DATE_NONE, t, LANG_VI, buf), "");
	assert_string_equal(countdown_format(t + 5, t, LANG_EN, buf), "5 days left");
	assert_string_equal(countdown_format(t - 1, t, LANG_EN, buf), "1 day overdue");
	assert_string_equal(countdown_format(t - 3, t, LANG_EN, buf), "3 days overdue");
}

/* The short forms a clerk types on the screen: the year from today. */
static void test_parse_near(void **state)
{
	(void)state;
	civil_day today = date_from_ymd(2024, 5, 17), d;
	char err[ERR_MAX];
	assert_int_equal(date_parse_near("9/5", today, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2024, 5, 9));
	assert_int_equal(date_parse_near(" 9/5/24 ", today, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2024, 5, 9));
	assert_int_equal(date_parse_near("31/12/99", today, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2099, 12, 31));
	assert_int_equal(date_parse_near("14/05/2024", today, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2024, 5, 14));
	assert_int_equal(date_parse_near("30/2", today, &d, err), -1);
	assert_non_null(strstr(err, "only 29 days"));
	assert_int_equal(date_parse_near("9/5/202", today, &d, err), -1);
	assert_int_equal(date_parse_near("9/", today, &d, err), -1);
	assert_int_equal(date_parse_near("9/5x", today, &d, err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_and_weekday),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_near),
		cmocka_unit_test(test_parse_invalid_names_the_problem),
		cmocka_unit_test(test_messages_stay_on_one_line),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_classify_table),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_countdown_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
