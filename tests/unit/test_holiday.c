#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/holiday.h"
#include "core/lunar.h"
#include "core/workday.h"
#include "core/xalloc.h"

#define FIXTURE "fixtures/holidays.tsv"

static civil_day D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static struct holiday_calendar *shipped(void)
{
	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	if (holiday_calendar_load(cal, FIXTURE, err) != 0)
		fail_msg("%s", err);
	return cal;
}

/* A listed day off, as the working-day count reads it (holiday_lookup);
 * *name (when not NULL) gets its name, or NULL. */
static bool day_off(const struct holiday_calendar *cal, civil_day d, const char **name)
{
	struct holiday_day h;
	bool off = holiday_lookup(cal, d, &h) == HOLIDAY_OFF;
	if (name)
		*name = off ? h.name : NULL;
	return off;
}

/* Whether the year's days are a file's announced ones, as `hanchot holidays
 * YEAR` lists them (holiday_list_year): every one from a file line, none
 * computed. */
static bool announced(const struct holiday_calendar *cal, int year)
{
	const struct holiday_day *days;
	size_t n = holiday_year_days(cal, year, &days);
	for (size_t i = 0; i < n; i++)
		if (days[i].source != HOLIDAY_ANNOUNCED)
			return false;
	return n > 0;
}

struct expect {
	int y, m, d;
	enum holiday_kind kind;
	const char *name;
	const char *lunar; /* NULL: not checked */
};

/* The listed days of `year` are exactly `want`, in order. */
static void check_year(const struct holiday_calendar *cal, int year, const struct expect *want,
		       size_t n)
{
	struct holiday_day days[64];
	size_t got = holiday_list_year(cal, year, days, 64);
	bool same = got == n;
	for (size_t i = 0; same && i < n; i++)
		same = days[i].day == D(want[i].y, want[i].m, want[i].d) &&
		       days[i].kind == want[i].kind && strcmp(days[i].name, want[i].name) == 0 &&
		       (!want[i].lunar || strcmp(days[i].lunar, want[i].lunar) == 0);
	for (size_t i = 0; !same && i < got && i < 64; i++) { /* show what we got */
		char buf[DATE_BUF];
		print_message("  %s %s %s [%s]\n", date_format_iso(days[i].day, buf),
			      days[i].kind == HOLIDAY_WORK ? "work" : "off", days[i].name,
			      days[i].lunar);
	}
	assert_true(same);
}

/* A year no file announces: the Labor Code rules with their substitutes.
 * 2027: Tết (mùng 1 on Saturday 6/2) takes Friday 5/2 and 6-9/2, its
 * weekend days give nghỉ bù on Wednesday 10/2 and Thursday 11/2; 1/5 is a
 * Saturday, so Monday 3/5 is off. */
static void test_computed_2027(void **state)
{
	(void)state;
	struct holiday_calendar *cal = holiday_calendar_new();
	static const struct expect want[] = {
		{ 2027, 1, 1, HOLIDAY_OFF, "Tết Dương lịch", "" },
		{ 2027, 2, 5, HOLIDAY_OFF, "Tết Nguyên đán", NULL },
		{ 2027, 2, 6, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 1 Tết" },
		{ 2027, 2, 7, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 2 Tết" },
		{ 2027, 2, 8, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 3 Tết" },
		{ 2027, 2, 9, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 4 Tết" },
		{ 2027, 2, 10, HOLIDAY_OFF, "Nghỉ bù Tết Nguyên đán", "mùng 5 Tết" },
		{ 2027, 2, 11, HOLIDAY_OFF, "Nghỉ bù Tết Nguyên đán", "mùng 6 Tết" },
		{ 2027, 4, 16, HOLIDAY_OFF, "Giỗ Tổ Hùng Vương", "10/3 âm lịch" },
		{ 2027, 4, 30, HOLIDAY_OFF, "Ngày Chiến thắng", "" },
		{ 2027, 5, 1, HOLIDAY_OFF, "Ngày Quốc tế Lao động", "" },
		{ 2027, 5, 3, HOLIDAY_OFF, "Nghỉ bù Ngày Quốc tế Lao động", "" },
		{ 2027, 9, 1, HOLIDAY_OFF, "Quốc khánh (ngày liền kề)", "" },
		{ 2027, 9, 2, HOLIDAY_OFF, "Quốc khánh", "" },
	};
	check_year(cal, 2027, want, sizeof want / sizeof want[0]);
	assert_false(announced(cal, 2027));

	/* The last day of the lunar year is "29 Tết" or "30 Tết". */
	struct holiday_day h;
	assert_int_equal(holiday_lookup(cal, D(2027, 2, 5), &h), HOLIDAY_OFF);
	char label[HOLIDAY_LUNAR_BUF];
	struct lunar_date last;
	assert_int_equal(lunar_from_solar(D(2027, 2, 5), &last), 0);
	assert_int_equal(lunar_new_year(2027), D(2027, 2, 6)); /* the last day indeed */
	snprintf(label, sizeof label, "%d Tết", last.day);
	assert_string_equal(h.lunar, label);
	assert_int_equal(h.source, HOLIDAY_COMPUTED);
	assert_false(h.substitute);
	assert_null(h.file);
	assert_int_equal(holiday_lookup(cal, D(2027, 2, 10), &h), HOLIDAY_OFF);
	assert_true(h.substitute);
	holiday_calendar_free(cal);
}

/* Substitute days (Labor Code 2019, Art. 112(3)): the next working day,
 * skipping other holidays and substitutes already given. */
static void test_substitute_days(void **state)
{
	(void)state;
	struct holiday_calendar *cal = holiday_calendar_new();
	const char *name;
	static const struct {
		int y, m, d;
		const char *name; /* NULL: a working day */
	} cases[] = {
		/* 1/1/2028 is a Saturday: Monday 3/1 off. */
		{ 2028, 1, 1, "Tết Dương lịch" },
		{ 2028, 1, 3, "Nghỉ bù Tết Dương lịch" },
		{ 2028, 1, 4, NULL },
		/* 30/4/2028 is a Sunday and 1/5 a Monday: Tuesday 2/5 off. */
		{ 2028, 5, 1, "Ngày Quốc tế Lao động" },
		{ 2028, 5, 2, "Nghỉ bù Ngày Chiến thắng" },
		{ 2028, 5, 3, NULL },
		/* 1/9/2029 Saturday, 2/9 Sunday: Monday 3/9 and Tuesday 4/9 off. */
		{ 2029, 9, 3, "Nghỉ bù Quốc khánh" },
		{ 2029, 9, 4, "Nghỉ bù Quốc khánh" },
		{ 2029, 9, 5, NULL },
		/* 1/1/2033 is a Saturday: Monday 3/1. */
		{ 2033, 1, 3, "Nghỉ bù Tết Dương lịch" },
		/* Giỗ Tổ 2026 fell on Sunday 26/4 (Monday 27/4 off, as the 2026
		 * notice says); the computed rule agrees. */
		{ 2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		civil_day d = D(cases[i].y, cases[i].m, cases[i].d);
		bool off = day_off(cal, d, &name);
		if (cases[i].name) {
			assert_true(off);
			assert_string_equal(name, cases[i].name);
		} else {
			assert_false(off);
			assert_null(name);
			assert_true(workday_is_working(cal, d));
		}
	}
	/* Weekend days themselves are listed as the holiday they are, but an
	 * ordinary weekend is not listed. */
	assert_true(day_off(cal, D(2028, 4, 30), &name));
	assert_string_equal(name, "Ngày Chiến thắng");
	assert_false(day_off(cal, D(2028, 5, 6), NULL));
	assert_int_equal(holiday_lookup(cal, D(2028, 5, 6), NULL), HOLIDAY_NONE);
	holiday_calendar_free(cal);
}

/* The 2024 announcement replaces the computed rules (which would give Tết
 * 9-13/2 and nghỉ bù 14-15/2). */
static void test_announced_2024(void **state)
{
	(void)state;
	struct holiday_calendar *cal = shipped();
	static const struct expect want[] = {
		{ 2024, 1, 1, HOLIDAY_OFF, "Tết Dương lịch", "" },
		{ 2024, 2, 8, HOLIDAY_OFF, "Tết Nguyên đán", "29 tháng Chạp" },
		{ 2024, 2, 9, HOLIDAY_OFF, "Tết Nguyên đán", "30 Tết" },
		{ 2024, 2, 10, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 1 Tết" },
		{ 2024, 2, 11, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 2 Tết" },
		{ 2024, 2, 12, HOLIDAY_OFF, "Tết Nguyên đán", "mùng 3 Tết" },
		{ 2024, 2, 13, HOLIDAY_OFF, "Nghỉ bù Tết Nguyên đán", "mùng 4 Tết" },
		{ 2024, 2, 14, HOLIDAY_OFF, "Nghỉ bù Tết Nguyên đán", "mùng 5 Tết" },
		{ 2024, 4, 18, HOLIDAY_OFF, "Giỗ Tổ Hùng Vương", "10/3 âm lịch" },
		{ 2024, 4, 27, HOLIDAY_OFF, "Nghỉ hằng tuần (dịp 30/4 – 1/5)", "" },
		{ 2024, 4, 28, HOLIDAY_OFF, "Nghỉ hằng tuần (dịp 30/4 – 1/5)", "" },
		{ 2024, 4, 29, HOLIDAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 04/5)", "" },
		{ 2024, 4, 30, HOLIDAY_OFF, "Ngày Chiến thắng", "" },
		{ 2024, 5, 1, HOLIDAY_OFF, "Ngày Quốc tế Lao động", "" },
		{ 2024, 5, 4, HOLIDAY_WORK, "Làm bù cho thứ Hai 29/4", "" },
		{ 2024, 8, 31, HOLIDAY_OFF, "Nghỉ hằng tuần (dịp Quốc khánh)", "" },
		{ 2024, 9, 1, HOLIDAY_OFF, "Nghỉ hằng tuần (dịp Quốc khánh)", "" },
		{ 2024, 9, 2, HOLIDAY_OFF, "Quốc khánh", "" },
		{ 2024, 9, 3, HOLIDAY_OFF, "Quốc khánh (ngày liền kề)", "" },
	};
	check_year(cal, 2024, want, sizeof want / sizeof want[0]);
	assert_true(announced(cal, 2024));

	/* Tết 2024: 8-14/2 off, the days around it worked. */
	for (civil_day d = D(2024, 2, 8); d <= D(2024, 2, 14); d++)
		assert_false(workday_is_working(cal, d));
	assert_true(workday_is_working(cal, D(2024, 2, 7)));
	assert_true(workday_is_working(cal, D(2024, 2, 15)));
	/* Computed rules would have given Thursday 15/2 as nghỉ bù. */
	struct holiday_calendar *bare = holiday_calendar_new();
	assert_true(day_off(bare, D(2024, 2, 15), NULL));
	assert_false(day_off(bare, D(2024, 2, 8), NULL));
	holiday_calendar_free(bare);

	/* Saturday 4/5/2024 was a working day. */
	struct holiday_day h;
	assert_int_equal(holiday_lookup(cal, D(2024, 5, 4), &h), HOLIDAY_WORK);
	assert_true(workday_is_working(cal, D(2024, 5, 4)));
	assert_int_equal(h.source, HOLIDAY_ANNOUNCED);
	assert_string_equal(h.file, FIXTURE);
	assert_true(h.line > 0);

	/* max 0 only counts. */
	assert_int_equal(holiday_list_year(cal, 2024, NULL, 0), 19);
	holiday_calendar_free(cal);
}

static void test_announced_2025_2026(void **state)
{
	(void)state;
	struct holiday_calendar *cal = shipped();
	/* Tết 2025: 25/1-2/2 off, 24/1 and 3/2 worked. */
	for (civil_day d = D(2025, 1, 25); d <= D(2025, 2, 2); d++)
		assert_false(workday_is_working(cal, d));
	assert_true(workday_is_working(cal, D(2025, 1, 24)));
	assert_true(workday_is_working(cal, D(2025, 2, 3)));
	const char *name;
	assert_true(day_off(cal, D(2025, 1, 28), &name));
	assert_string_equal(name, "Tết Nguyên đán");
	struct holiday_day h;
	holiday_lookup(cal, D(2025, 1, 28), &h);
	assert_string_equal(h.lunar, "29 Tết");
	/* 30/4-1/5 2025: off 30/4-4/5 with Saturday 26/4 worked. */
	for (civil_day d = D(2025, 4, 30); d <= D(2025, 5, 4); d++)
		assert_false(workday_is_working(cal, d));
	assert_true(workday_is_working(cal, D(2025, 4, 26)));
	assert_true(workday_is_working(cal, D(2025, 5, 5)));
	/* Quốc khánh 2025: 1/9 is the adjoining day, 3/9 is worked. */
	assert_true(day_off(cal, D(2025, 9, 1), NULL));
	assert_true(workday_is_working(cal, D(2025, 9, 3)));
	/* The 24/11 rule starts in 2026: nothing on 24/11/2025. */
	assert_false(day_off(cal, D(2025, 11, 24), NULL));

	/* 2026: Tết 14-22/2, 1/1-4/1 with Saturday 10/1 worked, Quốc khánh
	 * 29/8-2/9 with Saturday 22/8 worked, Giỗ Tổ nghỉ bù 27/4, 24/11. */
	for (civil_day d = D(2026, 2, 14); d <= D(2026, 2, 22); d++)
		assert_false(workday_is_working(cal, d));
	assert_true(workday_is_working(cal, D(2026, 2, 23)));
	assert_false(workday_is_working(cal, D(2026, 1, 2)));
	assert_true(workday_is_working(cal, D(2026, 1, 10)));
	assert_true(workday_is_working(cal, D(2026, 8, 22)));
	assert_false(workday_is_working(cal, D(2026, 8, 31)));
	assert_false(workday_is_working(cal, D(2026, 4, 27)));
	assert_true(day_off(cal, D(2026, 11, 24), &name));
	assert_string_equal(name, "Ngày Văn hóa Việt Nam");
	holiday_lookup(cal, D(2026, 2, 16), &h);
	assert_string_equal(h.lunar, "29 Tết");
	holiday_lookup(cal, D(2026, 2, 14), &h);
	assert_string_equal(h.lunar, "27 tháng Chạp");
	holiday_calendar_free(cal);
}

/* 24/11 Ngày Văn hóa Việt Nam comes from a `yearly` line: computed years
 * from 2027 on get it, with nghỉ bù when it falls on a weekend. */
static void test_new_holiday_is_data(void **state)
{
	(void)state;
	struct holiday_calendar *cal = shipped();
	struct holiday_day h;
	assert_int_equal(holiday_lookup(cal, D(2027, 11, 24), &h), HOLIDAY_OFF);
	assert_string_equal(h.name, "Ngày Văn hóa Việt Nam");
	assert_int_equal(h.source, HOLIDAY_COMPUTED);
	assert_string_equal(h.file, FIXTURE);
	/* 24/11/2029 is a Saturday: Monday 26/11 off. */
	const char *name;
	assert_true(day_off(cal, D(2029, 11, 26), &name));
	assert_string_equal(name, "Nghỉ bù Ngày Văn hóa Việt Nam");
	assert_int_equal(holiday_list_year(cal, 2027, NULL, 0), 15);

	/* A yearly holiday on Sunday 31/12/2028 gets its nghỉ bù in the next
	 * year, after 1/1/2029 (a holiday itself): Tuesday 2/1/2029. */
	char err[ERR_MAX];
	assert_int_equal(date_weekday(D(2028, 12, 31)), SUNDAY);
	assert_int_equal(holiday_calendar_load_text(cal, "2026-12-31\tyearly\tNgày cuối năm\n",
						    "user.tsv", err), 0);
	assert_true(day_off(cal, D(2029, 1, 1), &name));
	assert_string_equal(name, "Tết Dương lịch");
	assert_true(day_off(cal, D(2029, 1, 2), &name));
	assert_string_equal(name, "Nghỉ bù Ngày cuối năm");
	assert_true(workday_is_working(cal, D(2029, 1, 3)));

	/* A nghỉ bù skips an `extra` day too: with 3/5/2027 made a local
	 * holiday, the nghỉ bù for Saturday 1/5/2027 moves to Tuesday 4/5. */
	assert_int_equal(holiday_calendar_load_text(cal, "2027-05-03\textra\tLễ hội tỉnh\n",
						    "user2.tsv", err), 0);
	assert_true(day_off(cal, D(2027, 5, 3), &name));
	assert_string_equal(name, "Lễ hội tỉnh");
	assert_true(day_off(cal, D(2027, 5, 4), &name));
	assert_string_equal(name, "Nghỉ bù Ngày Quốc tế Lao động");

	/* Without the file there is no such holiday. */
	struct holiday_calendar *bare = holiday_calendar_new();
	assert_false(day_off(bare, D(2027, 11, 24), NULL));
	holiday_calendar_free(bare);
	holiday_calendar_free(cal);
}

/* A user's file loaded after the shipped one adds and overrides. */
static void test_later_file_overrides(void **state)
{
	(void)state;
	struct holiday_calendar *cal = shipped();
	char err[ERR_MAX];
	const char *user = "# my province\n"
			   "2024-09-03\twork\tĐi làm theo lịch tỉnh\n"
			   "2024-01-01\toff\tTết Tây\n"
			   "2024-12-31\toff\tNghỉ địa phương\n"
			   "2027-10-15\textra\tNgày thành lập tỉnh\n"
			   "2026-11-24\twork\tChưa có luật\n";
	assert_int_equal(holiday_calendar_load_text(cal, user, "user.tsv", err), 0);
	const char *name;
	assert_true(workday_is_working(cal, D(2024, 9, 3)));
	assert_true(day_off(cal, D(2024, 1, 1), &name));
	assert_string_equal(name, "Tết Tây");
	assert_true(day_off(cal, D(2024, 12, 31), &name));
	assert_string_equal(name, "Nghỉ địa phương");
	/* `extra` adds a day without making 2027 announced: Tết is still computed. */
	assert_true(day_off(cal, D(2027, 10, 15), &name));
	assert_string_equal(name, "Ngày thành lập tỉnh");
	assert_false(announced(cal, 2027));
	assert_true(day_off(cal, D(2027, 2, 8), &name));
	assert_string_equal(name, "Tết Nguyên đán");
	struct holiday_day h;
	holiday_lookup(cal, D(2027, 10, 15), &h);
	assert_string_equal(h.file, "user.tsv");
	assert_int_equal(h.line, 5);
	assert_int_equal(h.source, HOLIDAY_ANNOUNCED);
	/* A `work` line can take back a shipped day off. */
	assert_true(workday_is_working(cal, D(2026, 11, 24)));
	/* The rest of the shipped data is untouched. */
	assert_false(workday_is_working(cal, D(2024, 2, 8)));

	/* A user's `off` line for a year not announced yet makes it announced:
	 * the rules no longer apply (documented in holidays.tsv). */
	assert_int_equal(holiday_calendar_load_text(cal, "2031-01-01\toff\tTết Dương lịch\n",
						    "user2.tsv", err), 0);
	assert_true(announced(cal, 2031));
	assert_int_equal(holiday_list_year(cal, 2031, NULL, 0), 1);
	holiday_calendar_free(cal);
}

static void test_file_syntax_accepted(void **state)
{
	(void)state;
	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	/* BOM, CRLF, comments, indented comments, blank lines, spaces around
	 * fields, dd/mm/yyyy dates, no final newline. */
	const char *text = "\xEF\xBB\xBF# header\r\n"
			   "\r\n"
			   "   # indented comment\n"
			   "2030-01-01\toff\tTết Dương lịch\r\n"
			   " 02/01/2030 \t work \t Làm thử \n"
			   "\t\n"
			   "2030-03-08\textra\tNgày Quốc tế Phụ nữ";
	if (holiday_calendar_load_text(cal, text, "ok.tsv", err) != 0)
		fail_msg("%s", err);
	struct holiday_day h;
	assert_int_equal(holiday_lookup(cal, D(2030, 1, 2), &h), HOLIDAY_WORK);
	assert_string_equal(h.name, "Làm thử");
	assert_int_equal(h.line, 5);
	assert_int_equal(holiday_lookup(cal, D(2030, 3, 8), &h), HOLIDAY_OFF);
	assert_string_equal(h.name, "Ngày Quốc tế Phụ nữ");
	assert_int_equal(holiday_list_year(cal, 2030, NULL, 0), 3);
	holiday_calendar_free(cal);
}

/* Bad lines: the message names the file, the line and what is wrong, and
 * the calendar is left as it was. */
static void test_file_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *want; /* substring of the message */
	} cases[] = {
		{ "# x\n2024-02-30\toff\tTết\n", "bad.tsv:2: date '2024-02-30': february 2024 has only 29 days" },
		{ "2024-13-01\toff\tTết\n", "bad.tsv:1: date '2024-13-01': month 13 does not exist" },
		{ "Tết\toff\tTết\n", "bad.tsv:1: date 'Tết': expected" },
		{ "2024-02-10\tof\tTết\n", "bad.tsv:1: kind 'of' is not off, work, extra or yearly" },
		{ "2024-02-10\tOFF\tTết\n", "bad.tsv:1: kind 'OFF' is not" },
		{ "2024-02-10\to\x1b[f\tTết\n", "bad.tsv:1: kind 'o?[f' is not" },
		{ "\n\n2024-02-10 off Tết\n", "bad.tsv:3: expected 3 tab-separated fields (date, kind, name), found 1" },
		{ "2024-02-10\toff\n", "bad.tsv:1: expected 3 tab-separated fields (date, kind, name), found 2" },
		{ "2024-02-10\toff\tTết\tx\n", "found 4" },
		{ "2024-02-10\toff\t  \n", "bad.tsv:1: the name is empty" },
		{ "\toff\tTết\n", "bad.tsv:1: the date is empty" },
		{ "2024-02-10\toff\tT\xC3\n", "bad.tsv:1: the name is not valid UTF-8" },
		{ "2024-02-10\toff\tT\x01t\n", "bad.tsv:1: the name contains a control character" },
		{ "1700-01-01\toff\tTết\n", "bad.tsv:1: date '1700-01-01': year 1700 is outside 1800-2199" },
		{ "2024-02-10\toff\tTết\n2024-02-10\twork\tX\n", "bad.tsv:2: 2024-02-10 is already listed on line 1" },
		{ "2026-11-24\tyearly\tA\n2030-11-24\tyearly\tB\n", "bad.tsv:2: a yearly holiday on 24/11 is already on line 1" },
		{ "2028-02-29\tyearly\tX\n", "bad.tsv:1: a yearly holiday on 29/2 does not occur every year" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct holiday_calendar *cal = shipped();
		char err[ERR_MAX] = "";
		/* A good line before the bad one must not be applied either. */
		char *text = xasprintf("2027-06-01\textra\tKhông được nạp\n%s", cases[i].text);
		assert_int_equal(holiday_calendar_load_text(cal, cases[i].text, "bad.tsv", err), -1);
		if (!strstr(err, cases[i].want))
			fail_msg("case %zu: got '%s', want '%s'", i, err, cases[i].want);
		assert_null(strchr(err, '\n'));
		assert_int_equal(holiday_calendar_load_text(cal, text, "bad2.tsv", err), -1);
		assert_false(day_off(cal, D(2027, 6, 1), NULL));
		assert_false(workday_is_working(cal, D(2024, 2, 8))); /* shipped data intact */
		free(text);
		holiday_calendar_free(cal);
	}

	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	assert_int_equal(holiday_calendar_load(cal, "fixtures/no-such-file.tsv", err), -1);
	assert_non_null(strstr(err, "cannot read holidays file 'fixtures/no-such-file.tsv'"));
	holiday_calendar_free(cal);
}

/* The file shipped in config/ parses, and announces 2024-2026. */
static void test_shipped_file_loads(void **state)
{
	(void)state;
	struct holiday_calendar *cal = holiday_calendar_new();
	char err[ERR_MAX];
	if (holiday_calendar_load(cal, "../config/holidays.tsv", err) != 0)
		fail_msg("%s", err);
	for (int y = 2024; y <= 2026; y++)
		assert_true(announced(cal, y));
	assert_false(announced(cal, 2023));
	assert_false(announced(cal, 2027));
	holiday_calendar_free(cal);
}

/* Lookups stay cheap: 200 years of day-by-day queries. */
static void test_range_and_scale(void **state)
{
	(void)state;
	struct holiday_calendar *cal = shipped();
	long off = 0;
	for (civil_day d = D(1900, 1, 1); d <= D(2100, 12, 31); d++)
		off += day_off(cal, d, NULL);
	/* 11-12 listed days a year, plus substitutes and weekend Tết days. */
	assert_in_range(off, 201 * 11, 201 * 16);
	/* Outside the lunar range nothing is listed; DATE_NONE is nothing. */
	assert_int_equal(holiday_lookup(cal, D(1700, 1, 1), NULL), HOLIDAY_NONE);
	assert_int_equal(holiday_lookup(cal, DATE_NONE, NULL), HOLIDAY_NONE);
	assert_int_equal(holiday_list_year(cal, 2500, NULL, 0), 0);
	holiday_calendar_free(cal);
	holiday_calendar_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_computed_2027),
		cmocka_unit_test(test_substitute_days),
		cmocka_unit_test(test_announced_2024),
		cmocka_unit_test(test_announced_2025_2026),
		cmocka_unit_test(test_new_holiday_is_data),
		cmocka_unit_test(test_later_file_overrides),
		cmocka_unit_test(test_file_syntax_accepted),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_shipped_file_loads),
		cmocka_unit_test(test_range_and_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
