/* status: a task's stored status and the class the screens and reports show.
 *
 * The stored status is what a person set (new, in_progress, reported, done,
 * paused, cancelled). The class is derived from (status, due date, completion
 * date, today) as in DESIGN.md's table; nothing stores it. A paused task keeps
 * its deadline: it is classified like any open task, so the pause is visible
 * but does not hide a lateness. */
#ifndef HANCHOT_STATUS_H
#define HANCHOT_STATUS_H

#include <stdbool.h>

#include "core/date.h"
#include "core/i18n.h"

enum task_status {
	STATUS_NEW,
	STATUS_IN_PROGRESS,
	STATUS_REPORTED,
	STATUS_DONE,
	STATUS_PAUSED,
	STATUS_CANCELLED,
	STATUS_COUNT
};

enum task_class {
	CLASS_OVERDUE,      /* quá hạn */
	CLASS_DUE_TODAY,    /* đến hạn hôm nay */
	CLASS_DUE_SOON,     /* sắp đến hạn */
	CLASS_NOT_DUE,      /* trong hạn */
	CLASS_NO_DEADLINE,  /* không thời hạn */
	CLASS_DONE_ON_TIME, /* hoàn thành đúng hạn */
	CLASS_DONE_LATE,    /* hoàn thành quá hạn */
	CLASS_CANCELLED,    /* đã huỷ */
	CLASS_COUNT
};

/* The stored name ("in_progress"); static. */
const char *status_name(enum task_status status);
/* Stored name to status; -1 when unknown. */
int status_parse(const char *name, enum task_status *out);
/* "đang thực hiện" / "in progress"; static. */
const char *status_label(enum task_status status, enum lang lang);
/* Open means still to be done: not done and not cancelled. */
bool status_is_open(enum task_status status);

/* Classifies a task. `warn_until` is the last day of the warning window (today
 * plus the configured number of working days); an open task due after today
 * and on or before it is due soon. `due` and `completed` may be DATE_NONE. */
enum task_class status_classify(enum task_status status, civil_day due, civil_day completed,
				civil_day today, civil_day warn_until);
/* "quá hạn" / "overdue"; static. */
const char *class_label(enum task_class cls, enum lang lang);
/* Short stable key for filters and config ("overdue", "due_soon" …); static. */
const char *class_key(enum task_class cls);

#endif
