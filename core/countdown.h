/* countdown: how far a deadline is from today, in words. (The list's
 * urgency order is db/view's SQL.)
 *
 * Calendar days: "còn 5 ngày", "ngày mai", "hôm nay", "quá hạn 1 ngày";
 * English "5 days left", "tomorrow", "today", "3 days overdue".
 * Working days (skipping weekends and the holiday calendar's days off):
 * "còn 3 ngày làm việc" / "3 working days left". Lateness is always counted
 * in calendar days ("quá hạn 2 ngày", never "quá hạn 2 ngày làm việc"), in
 * both modes: that is how Vietnamese progress reports state it (số ngày chậm
 * so với thời hạn), and it is what the secretariat reads out at meetings.
 * All functions are pure; none fails. */
#ifndef HANCHOT_COUNTDOWN_H
#define HANCHOT_COUNTDOWN_H

#include <stddef.h>

#include "core/date.h"
#include "core/holiday.h"
#include "core/i18n.h"

#define COUNTDOWN_BUF 64

/* Calendar-day countdown from today to due into buf (COUNTDOWN_BUF bytes).
 * DATE_NONE gives "" (no deadline). Returns buf. */
char *countdown_format(civil_day due, civil_day today, enum lang lang, char *buf);

/* Working-day countdown into buf (COUNTDOWN_BUF bytes); cal may be NULL
 * (weekends only). Due later: "còn N ngày làm việc" / "N working days left",
 * N being the working days in (today, due]; due tomorrow: "ngày mai" /
 * "tomorrow"; due later but with no working day before it (a Saturday
 * deadline seen on Friday… or on Thursday across a holiday): "không còn ngày
 * làm việc" / "no working days left". Today, overdue and DATE_NONE read as
 * countdown_format. Returns buf. */
char *countdown_format_workdays(civil_day due, civil_day today, const struct holiday_calendar *cal,
				enum lang lang, char *buf);

#endif
