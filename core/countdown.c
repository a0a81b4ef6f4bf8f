#include "core/countdown.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/status.h"
#include "core/workday.h"

char *countdown_format(civil_day due, civil_day today, enum lang lang, char *buf)
{
	buf[0] = '\0';
	if (due == DATE_NONE)
		return buf;
	long diff = (long)due - (long)today;
	if (diff == 0)
		snprintf(buf, COUNTDOWN_BUF, "%s", lang == LANG_EN ? "today" : "hôm nay");
	else if (diff == 1)
		snprintf(buf, COUNTDOWN_BUF, "%s", lang == LANG_EN ? "tomorrow" : "ngày mai");
	else if (diff > 1)
		snprintf(buf, COUNTDOWN_BUF, lang == LANG_EN ? "%ld days left" : "còn %ld ngày", diff);
	else if (lang == LANG_EN)
		snprintf(buf, COUNTDOWN_BUF, "%ld day%s overdue", -diff, diff == -1 ? "" : "s");
	else
		snprintf(buf, COUNTDOWN_BUF, "quá hạn %ld ngày", -diff);
	return buf;
}

char *countdown_format_workdays(civil_day due, civil_day today, const struct holiday_calendar *cal,
				enum lang lang, char *buf)
{
	if (due == DATE_NONE || due <= today + 1)
		return countdown_format(due, today, lang, buf);
	int n = workday_count(cal, today, due);
	if (n <= 0)
		snprintf(buf, COUNTDOWN_BUF, "%s",
			 lang == LANG_EN ? "no working days left" : "không còn ngày làm việc");
	else if (lang == LANG_EN)
		snprintf(buf, COUNTDOWN_BUF, "%d working day%s left", n, n == 1 ? "" : "s");
	else
		snprintf(buf, COUNTDOWN_BUF, "còn %d ngày làm việc", n);
	return buf;
}

/* 0 overdue, 1 due today or later, 2 no deadline, 3 closed. */
static int urgency_group(const struct task *t, civil_day today)
{
	if (!status_is_open(t->status))
		return 3;
	if (t->due == DATE_NONE)
		return 2;
	return t->due < today ? 0 : 1;
}

static bool is_alnum_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Value of an upper-case Roman numeral token, or -1 when it is not one. */
static long roman_value(const char *s, size_t n)
{
	static const char letters[] = "IVXLCDM";
	static const long values[] = { 1, 5, 10, 50, 100, 500, 1000 };
	long total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = memchr(letters, s[i], 7);
		if (!p)
			return -1;
		long v = values[p - letters];
		const char *q = i + 1 < n ? memchr(letters, s[i + 1], 7) : NULL;
		if (q && values[q - letters] > v)
			total -= v;
		else
			total += v;
	}
	return total;
}

/* Next token of a section path: a number (digits or a Roman numeral) sets
 * *num and returns 1, a word returns 2, the end returns 0. Separators
 * (anything else) are skipped. */
static int section_token(const char **p, long *num, const char **word, size_t *len)
{
	const char *s = *p;
	while (*s && !is_alnum_byte((unsigned char)*s))
		s++;
	if (!*s) {
		*p = s;
		return 0;
	}
	const char *start = s;
	if (isdigit((unsigned char)*s)) {
		long v = 0;
		while (isdigit((unsigned char)*s)) {
			if (v < 100000000)
				v = v * 10 + (*s - '0');
			s++;
		}
		*p = s;
		*num = v;
		return 1;
	}
	while (*s && is_alnum_byte((unsigned char)*s) && !isdigit((unsigned char)*s))
		s++;
	*p = s;
	long r = roman_value(start, (size_t)(s - start));
	if (r >= 0) {
		*num = r;
		return 1;
	}
	*word = start;
	*len = (size_t)(s - start);
	return 2;
}

static int section_cmp(const char *a, const char *b)
{
	const char *pa = a ? a : "", *pb = b ? b : "";
	for (;;) {
		long na = 0, nb = 0;
		const char *wa = NULL, *wb = NULL;
		size_t la = 0, lb = 0;
		int ta = section_token(&pa, &na, &wa, &la);
		int tb = section_token(&pb, &nb, &wb, &lb);
		if (ta != tb)
			return ta < tb ? -1 : 1; /* end < number < word */
		if (ta == 0)
			break;
		if (ta == 1 && na != nb)
			return na < nb ? -1 : 1;
		if (ta == 2) {
			int c = memcmp(wa, wb, la < lb ? la : lb);
			if (c || la != lb)
				return c ? c : (la < lb ? -1 : 1);
		}
	}
	return strcmp(a ? a : "", b ? b : "");
}

int countdown_urgency_cmp(const struct task *a, const struct task *b, civil_day today)
{
	int ga = urgency_group(a, today), gb = urgency_group(b, today);
	if (ga != gb)
		return ga < gb ? -1 : 1;
	if ((ga == 0 || ga == 1) && a->due != b->due)
		return a->due < b->due ? -1 : 1;
	int c = section_cmp(a->section, b->section);
	if (c)
		return c < 0 ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}
