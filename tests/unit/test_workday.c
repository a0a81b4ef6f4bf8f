#include "tests/unit/testutil.h"

#include "core/err.h"
#include "core/holiday.h"
#include "core/workday.h"

static civil_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int setup(void **state)
{
	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	if (holiday_calendar_load(cal, "fixtures/holidays.tsv", err) != 0) {
		print_error("%s\n", err);
		holiday_calendar_free(cal);
		return -1;
	}
	*state = cal;
	return 0;
}

static int teardown(void **state)
{
	holiday_calendar_free(*state);
	return 0;
}

static void test_weekends_only(void **state)
{
	(void)state;
	/* 2024-03-08 is a Friday. */
	assert_true(workday_is_working(NULL, D(2024, 3, 8)));
	assert_false(workday_is_working(NULL, D(2024, 3, 9)));
	assert_false(workday_is_working(NULL, D(2024, 3, 10)));
	assert_int_equal(workday_add(NULL, D(2024, 3, 8), 1), D(2024, 3, 11));
	assert_int_equal(workday_add(NULL, D(2024, 3, 11), -1), D(2024, 3, 8));
	assert_int_equal(workday_add(NULL, D(2024, 3, 9), 0), D(2024, 3, 9));
	assert_int_equal(workday_add(NULL, D(2024, 3, 4), 10), D(2024, 3, 18));
	assert_int_equal(workday_count(NULL, D(2024, 3, 4), D(2024, 3, 18)), 10);
	assert_int_equal(workday_count(NULL, D(2024, 3, 18), D(2024, 3, 4)), -10);
	assert_int_equal(workday_count(NULL, D(2024, 3, 8), D(2024, 3, 10)), 0);
	/* Without a calendar, Tết is a working time like any other. */
	assert_true(workday_is_working(NULL, D(2024, 2, 12)));
	assert_false(workday_is_working(NULL, D(2024, 3, 9)));
}

static void test_across_tet(void **state)
{
	const struct holiday_calendar *cal = *state;
	/* Tết 2024: off 8-14/2. The working day after Wednesday 7/2 is
	 * Thursday 15/2. */
	assert_int_equal(workday_add(cal, D(2024, 2, 7), 1), D(2024, 2, 15));
	assert_int_equal(workday_add(cal, D(2024, 2, 15), -1), D(2024, 2, 7));
	assert_int_equal(workday_count(cal, D(2024, 2, 7), D(2024, 2, 15)), 1);
	/* "trong 10 ngày làm việc" from Monday 20/1/2025: 21-24/1 (4), Tết
	 * 25/1-2/2 off, 3-7/2 (9), Monday 10/2 is the 10th. */
	assert_int_equal(workday_add(cal, D(2025, 1, 20), 10), D(2025, 2, 10));
	assert_int_equal(workday_count(cal, D(2025, 1, 20), D(2025, 2, 10)), 10);
	/* A computed year: Tết 2027 is 5-11/2 with nghỉ bù. */
	assert_int_equal(workday_add(cal, D(2027, 2, 4), 1), D(2027, 2, 12));
}

static void test_make_up_saturday(void **state)
{
	const struct holiday_calendar *cal = *state;
	/* 27/4-1/5/2024 off, Saturday 4/5 worked. In (Fri 26/4, Mon 6/5]:
	 * Thu 2/5, Fri 3/5, Sat 4/5, Mon 6/5. */
	assert_int_equal(workday_count(cal, D(2024, 4, 26), D(2024, 5, 6)), 4);
	assert_int_equal(workday_add(cal, D(2024, 5, 3), 1), D(2024, 5, 4));
	assert_int_equal(workday_add(cal, D(2024, 4, 26), 1), D(2024, 5, 2));
	assert_true(workday_is_working(cal, D(2024, 5, 4)));
	assert_false(workday_is_working(cal, D(2024, 4, 29)));
	/* 2025: Saturday 26/4 worked, 30/4-4/5 off. */
	assert_int_equal(workday_add(cal, D(2025, 4, 25), 1), D(2025, 4, 26));
	assert_int_equal(workday_add(cal, D(2025, 4, 29), 1), D(2025, 5, 5));
}

/* The fast count agrees with walking day by day, and add and count are
 * inverse, over ranges that cross announced and computed years. */
static void test_count_matches_walk(void **state)
{
	const struct holiday_calendar *cal = *state;
	unsigned seed = 12345;
	for (int i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		civil_day from = D(2022, 12, 1) + (civil_day)((seed >> 8) % 2000);
		seed = seed * 1103515245u + 12345u;
		int span = (int)((seed >> 8) % 120) - 60;
		civil_day to = from + span;
		int walk = 0;
		for (civil_day d = (from < to ? from : to) + 1; d <= (from < to ? to : from); d++)
			walk += workday_is_working(cal, d);
		if (to < from)
			walk = -walk;
		assert_int_equal(workday_count(cal, from, to), walk);
		int n = span / 2;
		civil_day e = workday_add(cal, from, n);
		if (n >= 0) /* n working days in (from, e], e one of them */
			assert_int_equal(workday_count(cal, from, e), n);
		else /* -n working days in [e, from) */
			assert_int_equal(workday_count(cal, e - 1, from - 1), -n);
		assert_true(n == 0 || workday_is_working(cal, e));
	}
	/* Long ranges: 2000-2100 has about 250 working days a year. */
	int n = workday_count(cal, D(1999, 12, 31), D(2100, 12, 31));
	assert_in_range(n, 101 * 240, 101 * 255);
	civil_day end = workday_add(cal, D(1999, 12, 31), n);
	assert_true(end <= D(2100, 12, 31));
	assert_int_equal(workday_count(cal, end, D(2100, 12, 31)), 0);
}

static void test_edges(void **state)
{
	const struct holiday_calendar *cal = *state;
	assert_int_equal(workday_add(cal, DATE_NONE, 3), DATE_NONE);
	assert_int_equal(workday_count(cal, DATE_NONE, D(2024, 1, 1)), 0);
	assert_false(workday_is_working(cal, DATE_NONE));
	/* Leaving years 1..9999 gives DATE_NONE instead of looping on. */
	assert_int_equal(workday_add(cal, D(9999, 12, 30), 5), DATE_NONE);
	assert_int_equal(workday_add(cal, D(1, 1, 2), -5), DATE_NONE);
	/* Outside the holiday range only weekends count. */
	assert_int_equal(workday_count(cal, D(2300, 1, 2), D(2300, 1, 9)), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekends_only),
		cmocka_unit_test_setup_teardown(test_across_tet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_make_up_saturday, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_matches_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edges, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
