/* countdown: how far a deadline is from today, in words.
 *
 * "còn 5 ngày", "ngày mai", "hôm nay", "quá hạn 1 ngày": lateness
 * is always counted, since that is what the secretariat reports. English:
 * "5 days left", "tomorrow", "today", "3 days overdue". */
#ifndef HANCHOT_COUNTDOWN_H
#define HANCHOT_COUNTDOWN_H

#include <stddef.h>

#include "core/date.h"
#include "core/i18n.h"

#define COUNTDOWN_BUF 64

/* Calendar-day countdown from today to due into buf (COUNTDOWN_BUF bytes).
 * DATE_NONE gives "" (no deadline). Returns buf. */
char *countdown_format(civil_day due, civil_day today, enum lang lang, char *buf);

#endif
