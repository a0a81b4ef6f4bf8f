#include "core/recurrence.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

enum freq { FREQ_NONE, FREQ_WEEKLY, FREQ_MONTHLY, FREQ_YEARLY };

struct rule {
	enum freq freq;
	int interval;
	int month_day; /* 0: none; -1: last */
	int month;     /* 0: none */
};

static int parse_int(const char *s, size_t len, int lo, int hi, int *out)
{
	char buf[16];
	char *end;
	if (len == 0 || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	long v = strtol(buf, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_rule(const char *text, struct rule *r, char *err)
{
	memset(r, 0, sizeof *r);
	r->interval = 1;
	for (const char *p = text; *p;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (!eq)
			return err_set(err, VI ? "quy tắc lặp '%s': cần các phần dạng TÊN=GIÁ_TRỊ"
					: "rule '%s': expected NAME=VALUE parts", text);
		size_t klen = (size_t)(eq - p), vlen = len - klen - 1;
		const char *v = eq + 1;
		if (klen == 4 && strncmp(p, "FREQ", 4) == 0) {
			if (vlen == 6 && strncmp(v, "WEEKLY", 6) == 0)
				r->freq = FREQ_WEEKLY;
			else if (vlen == 7 && strncmp(v, "MONTHLY", 7) == 0)
				r->freq = FREQ_MONTHLY;
			else if (vlen == 6 && strncmp(v, "YEARLY", 6) == 0)
				r->freq = FREQ_YEARLY;
			else
				return err_set(err, VI ? "quy tắc lặp '%s': FREQ không được hỗ trợ"
						: "rule '%s': unsupported FREQ", text);
		} else if (klen == 8 && strncmp(p, "INTERVAL", 8) == 0) {
			if (parse_int(v, vlen, 1, 120, &r->interval))
				return err_set(err, VI ? "quy tắc lặp '%s': INTERVAL không hợp lệ"
						: "rule '%s': bad INTERVAL", text);
		} else if (klen == 10 && strncmp(p, "BYMONTHDAY", 10) == 0) {
			if (parse_int(v, vlen, -1, 31, &r->month_day) || r->month_day == 0)
				return err_set(err, VI ? "quy tắc lặp '%s': BYMONTHDAY không hợp lệ"
						: "rule '%s': bad BYMONTHDAY", text);
		} else if (klen == 7 && strncmp(p, "BYMONTH", 7) == 0) {
			if (parse_int(v, vlen, 1, 12, &r->month))
				return err_set(err, VI ? "quy tắc lặp '%s': BYMONTH không hợp lệ"
						: "rule '%s': bad BYMONTH", text);
		} else if (klen == 5 && strncmp(p, "BYDAY", 5) == 0) {
			/* Weekly rules keep the weekday of their first due date. */
		} else {
			return err_set(err, VI ? "quy tắc lặp '%s': có phần không được hỗ trợ"
					: "rule '%s': unsupported part", text);
		}
		p += len + (semi ? 1 : 0);
	}
	if (r->freq == FREQ_NONE)
		return err_set(err, VI ? "quy tắc lặp '%s': thiếu FREQ" : "rule '%s': no FREQ", text);
	return 0;
}

static civil_day day_in_month(int year, int month, int want)
{
	int last = date_days_in_month(year, month);
	int d = want == -1 || want > last ? last : want;
	return date_from_ymd(year, month, d);
}

civil_day recurrence_next(const char *text, civil_day due, char *err)
{
	struct rule r;
	if (!text || due == DATE_NONE) {
		err_set(err, VI ? "thiếu quy tắc lặp hoặc hạn đầu tiên" : "no rule or no first due date");
		return DATE_NONE;
	}
	if (parse_rule(text, &r, err))
		return DATE_NONE;
	struct civil_date d = date_to_ymd(due);
	switch (r.freq) {
	case FREQ_WEEKLY:
		return due + 7 * r.interval;
	case FREQ_MONTHLY: {
		int m = d.month - 1 + r.interval;
		int y = d.year + m / 12;
		return day_in_month(y, m % 12 + 1, r.month_day ? r.month_day : d.day);
	}
	case FREQ_YEARLY:
		return day_in_month(d.year + r.interval, r.month ? r.month : d.month,
				    r.month_day ? r.month_day : d.day);
	case FREQ_NONE:
		break;
	}
	return DATE_NONE;
}
