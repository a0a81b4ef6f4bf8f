/* db/task: tasks in the database.
 *
 * Every change writes its task_event in the same transaction and bumps the
 * task's row version. Writers may pass the version they last read: when the
 * row has moved on since (someone else changed it), the change is refused
 * with DB_CONFLICT instead of silently erasing theirs. */
#ifndef HANCHOT_DB_TASK_H
#define HANCHOT_DB_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/task.h"
#include "db/db.h"

enum { DB_ERROR = -1, DB_NOT_FOUND = -2, DB_CONFLICT = -3 };

struct task_list {
	struct task *items;
	size_t n, cap;
};
void task_list_release(struct task_list *list);

struct db_task_query {
	bool open_only;
	int64_t task_id;     /* 0: any */
	int64_t agency_id;   /* 0: any; matches the lead role */
	int64_t document_id; /* 0: any */
};

/* What `hanchot list` prints of a task; strings are valid during the call. */
struct task_brief {
	int64_t id;
	const char *section, *summary;
	const char *leads, *cooperating; /* names joined with "; " ("" when none) */
	civil_day due, completed;
	enum task_status status;
};

/* Calls fn for every task (open ones only when open_only) in urgency order,
 * as db_task_query orders them, without holding full tasks in memory: one
 * sequential pass over the tasks and one over the assignments, sorted here,
 * instead of an index walk with a lookup per row. fn returning nonzero stops the walk. Returns 0 or -1 with err. */
int db_task_list_brief(struct db *db, bool open_only, int (*fn)(const struct task_brief *, void *),
		       void *ctx, char *err);

/* Saves a new task (id 0) with its lead and cooperating agencies (created when
 * unknown) and a 'created' event. Its texts are stored clean (core/text's
 * text_entry: t's strings are replaced by what is stored; invalid UTF-8 and a
 * blank summary are refused); its dates must be in the accepted range. Sets
 * t->id, t->uuid, t->version. */
int db_task_add(struct db *db, struct task *t, char *err);

/* Loads task id into out (caller releases). DB_NOT_FOUND: "task 42 does not exist". */
int db_task_get(struct db *db, int64_t id, struct task *out, char *err);

/* Appends the matching tasks to out in urgency order: open before closed,
 * then by due date (undated last), then id. */
int db_task_query(struct db *db, const struct db_task_query *q, struct task_list *out, char *err);

/* Changes the status. `completed` is the completion day for STATUS_DONE
 * (DATE_NONE: today; never after today: "task 3: completion date 2024-06-01
 * is after today (2024-05-17)") and ignored otherwise. expect_version 0 skips the check.
 * Setting the status a task already has is a no-op that succeeds. Completing
 * a recurring task opens its next period as a new task, in the same
 * transaction. */
int db_task_set_status(struct db *db, int64_t id, enum task_status status, civil_day completed,
		       int64_t expect_version, char *err);

/* Cancels task id (as db_task_set_status) with a reason, not blank, kept in
 * its history: "task 3: the reason is blank: a cancellation needs a reason". */
int db_task_cancel(struct db *db, int64_t id, const char *reason, int64_t expect_version, char *err);
/* Extends the deadline to new_due (in the accepted range, not before the
 * current deadline), keeping the old one in the audit trail. A reason that is
 * not blank is required: "task 3: the reason is blank: a deadline change needs
 * a reason". */
int db_task_extend(struct db *db, int64_t id, civil_day new_due, const char *reason,
		   int64_t expect_version, char *err);

/* Puts back a deadline an extension replaced (an undo): due may be earlier
 * than the current one, or DATE_NONE (no deadline). Audited as an extension. */
int db_task_revert_due(struct db *db, int64_t id, civil_day due, const char *reason,
		       int64_t expect_version, char *err);

/* Adds a note to the task's history (bumps its version); stored clean
 * (core/text's text_entry), a blank note is refused. */
int db_task_note(struct db *db, int64_t id, const char *note, int64_t expect_version, char *err);

/* Undoing what this program just did (the screen's undo), refused with
 * DB_CONFLICT when the task moved on from expect_version: removes a task
 * it added, with its agency links and history; removes the task's newest
 * note (bumps its version). */
int db_task_remove(struct db *db, int64_t id, int64_t expect_version, char *err);
int db_task_unnote(struct db *db, int64_t id, int64_t expect_version, char *err);

#endif
