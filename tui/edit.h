/* edit: the changes made on the screen: status, deadline extension, note and
 * cancellation of the marked tasks (else the selected one), each in one
 * transaction, and a task added by hand; each pushes its undo step
 * (tui/undo). A prompt's change stays on the tasks it was begun on
 * (edit_hold): another person's change or removal of one meanwhile refuses
 * it, naming the task, instead of applying it to what is under the cursor
 * now. Marks, the held tasks and the undo stack live in struct edits, the
 * screen's app holds one. */
#ifndef HANCHOT_EDIT_H
#define HANCHOT_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"
#include "core/task.h"
#include "tui/undo.h"

struct app;

struct mark {
	int64_t id, version;
};

struct edits {
	struct mark *marks; /* the tasks the next change applies to */
	size_t n_marks, cap_marks;
	struct mark *held;  /* a prompt's tasks (edit_hold), NULL when none */
	size_t n_held;
	struct undo undo;
};

void edits_release(struct edits *e);

/* Marks or unmarks the selected task, and moves down. */
void edit_toggle_mark(struct app *app);
bool edit_is_marked(const struct edits *e, int64_t id);
/* Clears the marks; returns how many there were. */
size_t edit_clear_marks(struct app *app);

/* A prompt opens for a change: remembers its tasks (the marked ones, else
 * the selected one). false when there is none. edit_unhold forgets them (the
 * prompt was cancelled). */
bool edit_hold(struct app *app);
void edit_unhold(struct app *app);

/* Checks what a prompt was given against the held tasks before the prompt
 * closes: a completion day after today, an extension before a task's
 * current deadline. 0, or -1 with the message in err (ERR_MAX bytes). */
int edit_check_done(struct app *app, civil_day day, char *err);
int edit_check_extend(struct app *app, civil_day due, char *err);

/* A change to the held tasks, else the marked ones, else the selected one,
 * in ONE transaction: all of them or none. A task changed or removed by
 * someone else meanwhile, or a rule of the change, refuses it: the footer
 * names the task and why. Clears the marks. completed: the completion day
 * (DATE_NONE: today). */
void edit_set_status(struct app *app, enum task_status st, civil_day completed);
void edit_cancel(struct app *app, const char *reason);
void edit_extend(struct app *app, civil_day due, const char *reason);
void edit_note(struct app *app, const char *note);
/* Adds t (its id set); selects it. 0, or -1 with the message shown. */
int edit_add(struct app *app, struct task *t);

#endif
