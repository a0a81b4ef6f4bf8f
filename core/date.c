#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

static const char *const month_names[] = {
	"", "january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

bool date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && date_is_leap(year) ? 29 : days[month];
}

bool date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

bool date_in_range(civil_day day)
{
	return day != DATE_NONE && day >= date_from_ymd(DATE_MIN_YEAR, 1, 1) &&
	       day <= date_from_ymd(DATE_MAX_YEAR, 12, 31);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
civil_day date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (civil_day)(era * 146097 + doe - 719468);
}

struct civil_date date_to_ymd(civil_day z0)
{
	int z = z0 + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	struct civil_date d;
	d.day = doy - (153 * mp + 2) / 5 + 1;
	d.month = mp < 10 ? mp + 3 : mp - 9;
	d.year = yoe + era * 400 + (d.month <= 2);
	return d;
}

enum weekday date_weekday(civil_day day)
{
	int w = (int)((day % 7 + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
	return (enum weekday)w;
}

/* The text as it may appear in a one-line message: control bytes written as
 * \xNN, cut at 60 bytes. */
static const char *quoted(const char *text, char buf[256])
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p && w < 240; p++) {
		if (p - (const unsigned char *)text >= 60) {
			memcpy(buf + w, "...", 3);
			w += 3;
			break;
		}
		if (*p < 0x20 || *p == 0x7f)
			w += (size_t)snprintf(buf + w, 256 - w, "\\x%02x", *p);
		else
			buf[w++] = (char)*p;
	}
	buf[w] = '\0';
	return buf;
}

int date_make(int year, int month, int day, const char *text, civil_day *out, char *err)
{
	char what[256];
	quoted(text, what);
	if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR)
		return VI ? err_set(err, "Ngày không hợp lệ: %s — năm %d nằm ngoài %d-%d", what, year, DATE_MIN_YEAR,
				    DATE_MAX_YEAR)
			  : err_set(err, "date '%s': year %d is outside %d-%d", what, year, DATE_MIN_YEAR, DATE_MAX_YEAR);
	if (month < 1 || month > 12)
		return VI ? err_set(err, "Ngày không hợp lệ: %s — tháng %d không có", what, month)
			  : err_set(err, "date '%s': month %d does not exist", what, month);
	if (day < 1)
		return VI ? err_set(err, "Ngày không hợp lệ: %s — ngày %d không có", what, day)
			  : err_set(err, "date '%s': day %d does not exist", what, day);
	int last = date_days_in_month(year, month);
	if (day > last)
		return VI ? err_set(err, "Ngày không hợp lệ: %s — tháng %d/%d chỉ có %d ngày", what, month, year, last)
			  : err_set(err, "date '%s': %s %d has only %d days", what, month_names[month], year, last);
	*out = date_from_ymd(year, month, day);
	return 0;
}

/* Reads 1..max digits into *v; returns the number of bytes read, 0 if none. */
static size_t read_num(const char *s, int max_digits, int *v)
{
	size_t i = 0;
	int n = 0;
	while (isdigit((unsigned char)s[i]) && i < (size_t)max_digits) {
		n = n * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0 || isdigit((unsigned char)s[i]))
		return 0;
	*v = n;
	return i;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool starts_with(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

int date_parse(const char *text, civil_day *out, char *err)
{
	const char *s = skip_spaces(text);
	int a, b, c;
	size_t n;
	const char *rest;

	if (starts_with(s, "ngày", &rest) || starts_with(s, "Ngày", &rest)) {
		s = skip_spaces(rest);
		if (!(n = read_num(s, 2, &a)))
			goto bad;
		s = skip_spaces(s + n);
		if (!starts_with(s, "tháng", &rest))
			goto bad;
		s = skip_spaces(rest);
		if (!(n = read_num(s, 2, &b)))
			goto bad;
		s = skip_spaces(s + n);
		if (!starts_with(s, "năm", &rest))
			goto bad;
		s = skip_spaces(rest);
		if (!(n = read_num(s, 4, &c)) || n != 4)
			goto bad;
		s = skip_spaces(s + n);
		if (*s)
			goto bad;
		return date_make(c, b, a, text, out, err);
	}
	if (!(n = read_num(s, 4, &a)))
		goto bad;
	if (n == 4 && s[n] == '-') { /* ISO 2024-05-14 */
		s += n + 1;
		if (!(n = read_num(s, 2, &b)) || s[n] != '-')
			goto bad;
		s += n + 1;
		if (!(n = read_num(s, 2, &c)))
			goto bad;
		if (*skip_spaces(s + n))
			goto bad;
		return date_make(a, b, c, text, out, err);
	}
	if (n > 2 || (s[n] != '/' && s[n] != '.' && s[n] != '-'))
		goto bad;
	char sep = s[n];
	s += n + 1;
	if (!(n = read_num(s, 2, &b)) || s[n] != sep)
		goto bad;
	s += n + 1;
	if (!(n = read_num(s, 4, &c)) || n != 4)
		goto bad;
	if (*skip_spaces(s + n))
		goto bad;
	return date_make(c, b, a, text, out, err);
bad:;
	char q[256];
	quoted(text, q);
	return VI ? err_set(err, "Ngày không hợp lệ: %s — cần dạng dd/mm/yyyy, yyyy-mm-dd hoặc 'ngày d tháng m năm yyyy'", q)
		  : err_set(err, "date '%s': expected dd/mm/yyyy, yyyy-mm-dd or 'ngày d tháng m năm yyyy'", q);
}

int date_parse_near(const char *text, civil_day today, civil_day *out, char *err)
{
	const char *s = skip_spaces(text);
	int d, m, y;
	size_t n, k;
	struct civil_date t = date_to_ymd(today);
	if ((n = read_num(s, 2, &d)) && s[n] == '/' && (k = read_num(s + n + 1, 2, &m))) {
		const char *rest = s + n + 1 + k;
		if (!*skip_spaces(rest)) /* 9/5: this year */
			return date_make(t.year, m, d, text, out, err);
		size_t j;
		if (*rest == '/' && (j = read_num(rest + 1, 3, &y)) == 2 && !*skip_spaces(rest + 1 + j))
			return date_make(t.year / 100 * 100 + y, m, d, text, out, err); /* 9/5/24 */
	}
	return date_parse(text, out, err);
}

/* n (0..10^width - 1) in width digits at p; what snprintf("%0*d") writes,
 * without its cost in a list of thousands of rows. */
static char *put_digits(char *p, int n, int width)
{
	for (int i = width - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
	return p + width;
}

char *date_format_dmy(civil_day day, char *buf)
{
	if (day == DATE_NONE) {
		strcpy(buf, "-");
		return buf;
	}
	struct civil_date d = date_to_ymd(day);
	if (d.year < 0 || d.year > 9999) {
		snprintf(buf, DATE_BUF, "%02d/%02d/%04d", d.day, d.month, d.year);
		return buf;
	}
	char *p = put_digits(buf, d.day, 2);
	*p++ = '/';
	p = put_digits(p, d.month, 2);
	*p++ = '/';
	*put_digits(p, d.year, 4) = '\0';
	return buf;
}

char *date_format_iso(civil_day day, char *buf)
{
	if (day == DATE_NONE) {
		strcpy(buf, "-");
		return buf;
	}
	struct civil_date d = date_to_ymd(day);
	if (d.year < 0 || d.year > 9999) {
		snprintf(buf, DATE_BUF, "%04d-%02d-%02d", d.year, d.month, d.day);
		return buf;
	}
	char *p = put_digits(buf, d.year, 4);
	*p++ = '-';
	p = put_digits(p, d.month, 2);
	*p++ = '-';
	*put_digits(p, d.day, 2) = '\0';
	return buf;
}

civil_day date_parse_iso(const char *t)
{
	if (!t || strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return DATE_NONE;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)t[i]))
			return DATE_NONE;
	/* digits checked above: no atoi (the search corpus parses 200,000) */
#define DIGITS2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
	int y = DIGITS2(t) * 100 + DIGITS2(t + 2), m = DIGITS2(t + 5), d = DIGITS2(t + 8);
#undef DIGITS2
	if (!date_valid(y, m, d))
		return DATE_NONE;
	return date_from_ymd(y, m, d);
}

const char *date_weekday_name(enum weekday wd, enum lang lang)
{
	static const char *const vi[] = { "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
					  "Thứ Năm", "Thứ Sáu", "Thứ Bảy" };
	static const char *const en[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					  "Thursday", "Friday", "Saturday" };
	if ((int)wd < 0 || wd > SATURDAY)
		return "?";
	return lang == LANG_EN ? en[wd] : vi[wd];
}

char *date_format_long(civil_day day, enum lang lang, char *buf)
{
	char dmy[DATE_BUF];
	snprintf(buf, DATE_LONG_BUF, "%s, %s", date_weekday_name(date_weekday(day), lang),
		 date_format_dmy(day, dmy));
	return buf;
}

civil_day date_month_end(int year, int month)
{
	return date_from_ymd(year, month, date_days_in_month(year, month));
}
