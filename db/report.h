/* db/report: the report's queries. Loads the tasks in scope as they stood on
 * a day and hands them to core/report for counting.
 *
 * Two ways to read a task's state:
 *  - current (filter.historical false): the stored status, due date and
 *    completion date, classified on filter.as_of. Every stored task counts.
 *  - as of a day (filter.historical true, the CLI's --as-of): the audit trail
 *    task_event is replayed in the order it was written, skipping every event
 *    whose on_date is after as_of. The status is the 'created' event's value,
 *    then each 'status' event's new value (a 'done' event's on_date is the
 *    completion day); the due date is the stored one when the task was never
 *    extended, else the old value of its first 'extend' event, then the new
 *    value of each 'extend' event. A task whose 'created' event is after
 *    as_of did not exist yet and is left out (a task with no 'created'
 *    event, which db_task_add always writes, is kept).
 *
 * Scope: filter.document_id keeps one notice's tasks; filter.agency_id keeps
 * the tasks that agency leads (or cooperates on, with filter.cooperating) and
 * shows only its row; filter.from/to keep the tasks assigned in that period,
 * where a task's assignment day is its document's issued date, or the day it
 * was created when it has no document (or the document no date). */
#ifndef HANCHOT_DB_REPORT_H
#define HANCHOT_DB_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/report.h"
#include "db/db.h"

struct report_filter {
	civil_day as_of;      /* the report day */
	civil_day warn_until; /* last day of the due-soon window from as_of */
	bool historical;      /* replay the audit trail up to as_of */
	bool cooperating;     /* count cooperating roles too */
	int64_t agency_id;    /* 0: all agencies */
	int64_t document_id;  /* 0: all documents; else also fills the follow-up list */
	civil_day from, to;   /* assignment period, inclusive; DATE_NONE: open-ended */
};

/* Fills out (report_init'ed by the caller, who releases it) with the figures
 * for filter. report.scope is set to a description of the filter in lang
 * ("Sở Tài chính · Thông báo 123/TB-UBND 2024-04-25"), or NULL when none.
 * Returns 0, or DB_ERROR (-1) with err. Does not check that the agency or the
 * document exists: see db_report_document_label. */
int db_report_build(struct db *db, const struct report_filter *filter, enum lang lang,
		    struct report *out, char *err);

/* The label of document id ("Thông báo 123/TB-UBND 2024-04-25"), newly
 * allocated into *label. DB_NOT_FOUND (-2): "document 9 does not exist". */
int db_report_document_label(struct db *db, int64_t id, char **label, char *err);

#endif
