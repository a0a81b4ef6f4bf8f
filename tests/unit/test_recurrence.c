#include "tests/unit/testutil.h"

#include "core/err.h"
#include "core/recurrence.h"

static void test_next_periods(void **state)
{
	(void)state;
	static const struct {
		const char *rule;
		int y, m, d;    /* this period's due date */
		int ny, nm, nd; /* the next one */
	} cases[] = {
		{ "FREQ=MONTHLY;BYMONTHDAY=15", 2024, 5, 15, 2024, 6, 15 },
		{ "FREQ=MONTHLY;BYMONTHDAY=15", 2024, 12, 15, 2025, 1, 15 },
		{ "FREQ=MONTHLY;BYMONTHDAY=-1", 2024, 1, 31, 2024, 2, 29 },
		{ "FREQ=MONTHLY;BYMONTHDAY=-1", 2024, 2, 29, 2024, 3, 31 },
		{ "FREQ=MONTHLY;BYMONTHDAY=30", 2025, 1, 30, 2025, 2, 28 },
		{ "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", 2024, 6, 30, 2024, 9, 30 },
		{ "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", 2024, 12, 31, 2025, 3, 31 },
		{ "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", 2024, 6, 30, 2024, 12, 31 },
		{ "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", 2024, 12, 31, 2025, 12, 31 },
		{ "FREQ=WEEKLY;BYDAY=FR", 2024, 5, 17, 2024, 5, 24 },
		{ "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 2024, 12, 30, 2025, 1, 13 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char err[ERR_MAX];
		civil_day next = recurrence_next(cases[i].rule, date_from_ymd(cases[i].y, cases[i].m, cases[i].d), err);
		if (next != date_from_ymd(cases[i].ny, cases[i].nm, cases[i].nd))
			fail_msg("case %zu (%s)", i, cases[i].rule);
	}
}

static void test_bad_rules(void **state)
{
	(void)state;
	static const struct {
		const char *rule, *msg;
	} cases[] = {
		{ "FREQ=DAILY", "unsupported FREQ" },
		{ "BYMONTHDAY=15", "no FREQ" },
		{ "FREQ=MONTHLY;BYMONTHDAY=32", "bad BYMONTHDAY" },
		{ "FREQ=MONTHLY;INTERVAL=0", "bad INTERVAL" },
		{ "FREQ=MONTHLY;COUNT=3", "unsupported part" },
		{ "FREQ", "expected NAME=VALUE" },
		{ "", "no FREQ" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char err[ERR_MAX] = "";
		assert_int_equal(recurrence_next(cases[i].rule, date_from_ymd(2024, 5, 15), err), DATE_NONE);
		if (!strstr(err, cases[i].msg))
			fail_msg("case %zu: '%s'", i, err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_periods),
		cmocka_unit_test(test_bad_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
