/* db/event: the audit trail. Every change to a task writes one task_event row
 * in the same transaction as the change: who, when, what, old and new value. */
#ifndef HANCHOT_DB_EVENT_H
#define HANCHOT_DB_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "db/db.h"

struct task_event {
	int64_t id;
	char *at;        /* ISO UTC timestamp */
	civil_day on_date; /* the day the change takes effect (completion day for done) */
	char *who;
	char *what;      /* created | status | extend | note | edit | assign */
	char *old_value; /* may be NULL */
	char *new_value;
	char *reason;
};

struct task_event_list {
	struct task_event *items;
	size_t n, cap;
};

/* Writes one event for task_id; on_date DATE_NONE means db_today(). Must run
 * inside the caller's transaction. Returns 0 or -1 with err. */
int db_event_add(struct db *db, int64_t task_id, const char *what, const char *old_value,
		 const char *new_value, const char *reason, civil_day on_date, char *err);

/* Appends task_id's events, oldest first, to out (caller releases). */
int db_event_list(struct db *db, int64_t task_id, struct task_event_list *out, char *err);
void task_event_list_release(struct task_event_list *list);

#endif
