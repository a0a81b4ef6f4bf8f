#include "tests/unit/testutil.h"

#include <stdio.h>

#include "core/err.h"
#include "core/lunar.h"

/* Mùng 1 Tết of every year 1990-2050, as published, NOT computed here.
 * Source: the lunar new year table of python-holidays (vacanza/holidays,
 * holidays/calendars/chinese.py, LUNAR_NEW_YEAR_DATES, the Chinese calendar)
 * with that file's Vietnamese corrections (VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES:
 * 2007-02-17 and 2030-02-02 where the Chinese dates are 18/2 and 3/2). The
 * 2024, 2025 and 2026 dates also agree with the government's Tết notices
 * (config/holidays.tsv: mùng 1 on 10/2/2024, 29/1/2025, 17/2/2026). */
static const struct {
	int year, month, day;
} tet[] = {
	{ 1990, 1, 27 }, { 1991, 2, 15 }, { 1992, 2,  4 }, { 1993, 1, 23 },
	{ 1994, 2, 10 }, { 1995, 1, 31 }, { 1996, 2, 19 }, { 1997, 2,  7 },
	{ 1998, 1, 28 }, { 1999, 2, 16 }, { 2000, 2,  5 }, { 2001, 1, 24 },
	{ 2002, 2, 12 }, { 2003, 2,  1 }, { 2004, 1, 22 }, { 2005, 2,  9 },
	{ 2006, 1, 29 }, { 2007, 2, 17 }, { 2008, 2,  7 }, { 2009, 1, 26 },
	{ 2010, 2, 14 }, { 2011, 2,  3 }, { 2012, 1, 23 }, { 2013, 2, 10 },
	{ 2014, 1, 31 }, { 2015, 2, 19 }, { 2016, 2,  8 }, { 2017, 1, 28 },
	{ 2018, 2, 16 }, { 2019, 2,  5 }, { 2020, 1, 25 }, { 2021, 2, 12 },
	{ 2022, 2,  1 }, { 2023, 1, 22 }, { 2024, 2, 10 }, { 2025, 1, 29 },
	{ 2026, 2, 17 }, { 2027, 2,  6 }, { 2028, 1, 26 }, { 2029, 2, 13 },
	{ 2030, 2,  2 }, { 2031, 1, 23 }, { 2032, 2, 11 }, { 2033, 1, 31 },
	{ 2034, 2, 19 }, { 2035, 2,  8 }, { 2036, 1, 28 }, { 2037, 2, 15 },
	{ 2038, 2,  4 }, { 2039, 1, 24 }, { 2040, 2, 12 }, { 2041, 2,  1 },
	{ 2042, 1, 22 }, { 2043, 2, 10 }, { 2044, 1, 30 }, { 2045, 2, 17 },
	{ 2046, 2,  6 }, { 2047, 1, 26 }, { 2048, 2, 14 }, { 2049, 2,  2 },
	{ 2050, 1, 23 },
};

static void test_tet_1990_2050(void **state)
{
	(void)state;
	assert_int_equal(sizeof tet / sizeof tet[0], 61);
	for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
		assert_int_equal(tet[i].year, 1990 + (int)i); /* every year, none skipped */
		civil_day want = date_from_ymd(tet[i].year, tet[i].month, tet[i].day);
		civil_day got = lunar_new_year(tet[i].year);
		if (got != want) {
			char a[DATE_BUF], b[DATE_BUF];
			print_error("tết %d: computed %s, published %s\n", tet[i].year,
				    date_format_iso(got, a), date_format_iso(want, b));
		}
		assert_int_equal(got, want);
		struct lunar_date l;
		assert_int_equal(lunar_from_solar(want, &l), 0);
		assert_int_equal(l.year, tet[i].year);
		assert_int_equal(l.month, 1);
		assert_int_equal(l.day, 1);
		assert_false(l.leap);
		assert_int_equal(lunar_from_solar(want - 1, &l), 0);
		assert_int_equal(l.year, tet[i].year - 1);
		assert_int_equal(l.month, 12);
		assert_true(l.day == 29 || l.day == 30);
	}
}

/* Years where Vietnam (UTC+7) and China (UTC+8) differ, from the same
 * python-holidays tables (Vietnamese corrections vs the Chinese dates). */
static void test_vietnam_differs_from_china(void **state)
{
	(void)state;
	static const struct {
		int year, month, day;
	} cases[] = {
		{ 1965, 2, 1 },  /* China 2/2 */
		{ 1968, 1, 29 }, /* China 30/1 */
		{ 1969, 2, 16 }, /* China 17/2 */
		{ 1985, 1, 21 }, /* China 20/2: a month apart */
		{ 2007, 2, 17 }, /* China 18/2 */
		{ 2030, 2, 2 },  /* China 3/2 */
		{ 2053, 2, 18 }, /* China 19/2 */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(lunar_new_year(cases[i].year),
				 date_from_ymd(cases[i].year, cases[i].month, cases[i].day));
}

static void test_leap_months(void **state)
{
	(void)state;
	static const struct {
		int year, leap;
	} cases[] = {
		{ 2012, 4 }, { 2014, 9 }, { 2017, 6 }, { 2020, 4 }, { 2023, 2 }, { 2025, 6 },
		{ 2028, 5 }, { 2033, 11 }, { 1985, 2 }, { 1984, 0 }, { 2024, 0 }, { 2026, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(lunar_leap_month(cases[i].year), cases[i].leap);

	civil_day d;
	char err[ERR_MAX];
	/* Leap month 2 of 2023 began on 22/3/2023, month 2 itself on 20/2. */
	assert_int_equal(lunar_to_solar(2023, 2, 1, true, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2023, 3, 22));
	assert_int_equal(lunar_to_solar(2023, 2, 1, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2023, 2, 20));
	assert_int_equal(lunar_to_solar(2023, 3, 1, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2023, 4, 20));
	/* Leap month 4 of 2020 began on 23/5/2020. */
	assert_int_equal(lunar_to_solar(2020, 4, 1, true, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2020, 5, 23));
	struct lunar_date l;
	assert_int_equal(lunar_from_solar(date_from_ymd(2020, 6, 1), &l), 0);
	assert_int_equal(l.month, 4);
	assert_true(l.leap);
	assert_int_equal(l.day, 10);

	/* A leap month the year does not have. */
	assert_int_equal(lunar_to_solar(2024, 4, 1, true, &d, err), -1);
	assert_non_null(strstr(err, "no leap month 4"));
	assert_int_equal(lunar_to_solar(2023, 3, 1, true, &d, err), -1);
	assert_non_null(strstr(err, "its leap month is 2"));
}

static void test_conversions(void **state)
{
	(void)state;
	struct lunar_date l;
	civil_day d;
	char err[ERR_MAX];
	/* 30 Tết Quý Mão was Friday 9/2/2024 (the government's Tết 2024 notice
	 * calls 8/2 "29 tháng Chạp"); month 12 of Giáp Thìn had 29 days (28/1/2025
	 * is "29 Tết" in the 2025 day tables). */
	assert_int_equal(lunar_from_solar(date_from_ymd(2024, 2, 8), &l), 0);
	assert_int_equal(l.year, 2023);
	assert_int_equal(l.month, 12);
	assert_int_equal(l.day, 29);
	assert_int_equal(lunar_to_solar(2023, 12, 30, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2024, 2, 9));
	assert_int_equal(lunar_to_solar(2024, 12, 29, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2025, 1, 28));
	assert_int_equal(lunar_to_solar(2024, 12, 30, false, &d, err), -1);
	assert_non_null(strstr(err, "30/12/2024 does not exist"));
	/* 27 tháng Chạp Ất Tỵ = 14/2/2026, mùng 6 Bính Ngọ = 22/2/2026 (the 2026 notice). */
	assert_int_equal(lunar_to_solar(2025, 12, 27, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2026, 2, 14));
	assert_int_equal(lunar_to_solar(2026, 1, 6, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2026, 2, 22));
	/* Mid-autumn (15/8) 2024 was 17/9/2024. */
	assert_int_equal(lunar_to_solar(2024, 8, 15, false, &d, err), 0);
	assert_int_equal(d, date_from_ymd(2024, 9, 17));

	assert_int_equal(lunar_to_solar(2024, 13, 1, false, &d, err), -1);
	assert_int_equal(lunar_to_solar(2024, 0, 1, false, &d, err), -1);
	assert_int_equal(lunar_to_solar(2024, 1, 0, false, &d, err), -1);
	assert_int_equal(lunar_to_solar(2200, 1, 1, false, &d, err), -1);
	assert_non_null(strstr(err, "out of range"));
	assert_int_equal(lunar_to_solar(1799, 1, 1, false, &d, NULL), -1);
	assert_int_equal(lunar_from_solar(date_from_ymd(1799, 12, 31), &l), -1);
	assert_int_equal(lunar_from_solar(date_from_ymd(2200, 1, 1), &l), -1);
	assert_int_equal(lunar_from_solar(DATE_NONE, &l), -1);
	assert_int_equal(lunar_new_year(2200), DATE_NONE);
}

/* Giỗ Tổ Hùng Vương (10/3 âm lịch), from python-holidays' HUNG_KINGS_DATES
 * with its Vietnamese correction for 2009 (4/4; China's 10/3 was 5/4), and the
 * government's notices for 2024-2026. */
static void test_gio_to(void **state)
{
	(void)state;
	static const struct {
		int year, month, day;
	} cases[] = {
		{ 2007, 4, 26 }, { 2009, 4, 4 }, { 2019, 4, 14 }, { 2023, 4, 29 },
		{ 2024, 4, 18 }, { 2025, 4, 7 }, { 2026, 4, 26 }, { 2030, 4, 12 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		civil_day d;
		assert_int_equal(lunar_to_solar(cases[i].year, 3, 10, false, &d, NULL), 0);
		assert_int_equal(d, date_from_ymd(cases[i].year, cases[i].month, cases[i].day));
	}
}

/* Every day 1900-2100: solar -> lunar -> solar is the identity, lunar days
 * run 1, 2, … within months of 29 or 30 days, months follow each other
 * (with the leap copy after its month) and years change at month 1. */
static void test_round_trip_1900_2100(void **state)
{
	(void)state;
	civil_day first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2100, 12, 31);
	struct lunar_date prev = { 0 };
	int leaps = 0;
	for (civil_day d = first; d <= last; d++) {
		struct lunar_date l;
		assert_int_equal(lunar_from_solar(d, &l), 0);
		civil_day back;
		char err[ERR_MAX];
		if (lunar_to_solar(l.year, l.month, l.day, l.leap, &back, err) != 0)
			fail_msg("%s", err);
		assert_int_equal(back, d);
		if (d > first) {
			if (l.day != 1) {
				assert_int_equal(l.day, prev.day + 1);
				assert_int_equal(l.month, prev.month);
				assert_int_equal(l.leap, prev.leap);
			} else {
				assert_true(prev.day == 29 || prev.day == 30);
				/* prev was its month's last day: the day after it does not exist */
				assert_int_equal(lunar_to_solar(prev.year, prev.month, prev.day + 1, prev.leap, &back, NULL),
						 -1);
				if (l.leap) {
					assert_int_equal(l.month, prev.month);
					assert_int_equal(lunar_leap_month(l.year), l.month);
					leaps++;
				} else {
					assert_int_equal(l.month, prev.month % 12 + 1);
				}
				assert_int_equal(l.year, prev.year + (l.month == 1 && !l.leap));
			}
		}
		prev = l;
	}
	/* About 7 leap months every 19 years. */
	assert_in_range(leaps, 72, 76);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tet_1990_2050),
		cmocka_unit_test(test_vietnam_differs_from_china),
		cmocka_unit_test(test_leap_months),
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_gio_to),
		cmocka_unit_test(test_round_trip_1900_2100),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
