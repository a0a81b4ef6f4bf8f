/* recurrence: the next period of a recurring deadline.
 *
 * Rules are the RFC 5545 RRULE subset that core/deadline.c writes for
 * "trước ngày 15 hằng tháng", "định kỳ hằng quý", "hằng năm", "hằng tuần":
 * FREQ=WEEKLY|MONTHLY|YEARLY, INTERVAL=n, BYMONTHDAY=d (-1: the last day),
 * BYMONTH=m, BYDAY=MO..SU. A month without the rule's day falls due on its
 * last day (an administrative deadline does not skip a month). */
#ifndef HANCHOT_RECURRENCE_H
#define HANCHOT_RECURRENCE_H

#include "core/date.h"

/* The first due date after `due` under rule; DATE_NONE with err set when the
 * rule is not one we understand ("rule 'FREQ=DAILY': unsupported FREQ"). */
civil_day recurrence_next(const char *rule, civil_day due, char *err);

#endif
