#include "core/countdown.h"

#include <stdio.h>
#include <string.h>

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
