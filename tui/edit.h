/* edit: the changes made on the screen: status, deadline extension and note
 * of the marked tasks (else the selected one), each in one transaction, and
 * undoing this session's changes a group at a time. Marks and the undo
 * steps live in struct edits, the screen's app holds one. */
#ifndef HANCHOT_EDIT_H
#define HANCHOT_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

struct app;

struct mark {
	int64_t id, version;
};

struct undo_step {
	int group;
	int64_t id;
	bool extend; /* else a status change */
	enum task_status old_status;
	civil_day old_completed, old_due;
	int64_t version_after;
};

struct edits {
	struct mark *marks; /* the tasks the next change applies to */
	size_t n_marks, cap_marks;
	struct undo_step *undo;
	size_t n_undo, cap_undo;
	int undo_group; /* the steps of one change share a group */
};

void edits_release(struct edits *e);

/* Marks or unmarks the selected task, and moves down. */
void edit_toggle_mark(struct app *app);
bool edit_is_marked(const struct edits *e, int64_t id);
/* Whether a change has tasks to apply to: marked ones or a selected one. */
bool edit_has_targets(struct app *app);

/* A change to the marked tasks (else the selected one) in ONE transaction:
 * all of them or none. A task changed by someone else meanwhile, or a rule
 * of the change, refuses it: the footer names the task and why. Clears the
 * marks. completed / due: DATE_NONE for today (done) or none. */
void edit_set_status(struct app *app, enum task_status st, civil_day completed);
void edit_extend(struct app *app, civil_day due, const char *reason);
void edit_note(struct app *app, const char *note);
/* Undoes this session's last change (its group), in one transaction. */
void edit_undo(struct app *app);

#endif
