/* workday: working days (ngày làm việc) and arithmetic on them.
 *
 * A working day is a Monday..Friday that the holiday calendar does not list
 * as a day off, or a Saturday/Sunday it lists as a make-up working day (ngày
 * làm bù). With cal == NULL only weekends are skipped. These are the days the
 * Civil Code (Art. 147-148) and administrative deadlines ("trong 10 ngày làm
 * việc") count. None of these functions fails; a DATE_NONE argument gives
 * DATE_NONE (or 0, false). They are fast enough to run per task per redraw:
 * workday_count is O(years spanned), not O(days). */
#ifndef HANCHOT_WORKDAY_H
#define HANCHOT_WORKDAY_H

#include <stdbool.h>

#include "core/date.h"
#include "core/holiday.h"

bool workday_is_working(const struct holiday_calendar *cal, civil_day d);

/* The n-th working day after `from` (n > 0), before it (n < 0), or `from`
 * itself (n == 0, whatever it is). DATE_NONE when the result would leave
 * years 1..9999. */
civil_day workday_add(const struct holiday_calendar *cal, civil_day from, int n);

/* Working days in (from, to]: from excluded, to included. When to < from,
 * minus the working days in (to, from]. */
int workday_count(const struct holiday_calendar *cal, civil_day from, civil_day to);

#endif
