/* undo: this screen's changes as a stack, newest on top. `u` undoes the
 * newest change (all the tasks it touched, in one transaction) and says what
 * it undid ("Đã hoàn tác: gia hạn việc I.2.1"): a status, an extension, a
 * note, an added task, an agency's rename, alias or merge. A step whose task
 * someone else changed since is refused, naming it, and dropped. */
#ifndef HANCHOT_UNDO_H
#define HANCHOT_UNDO_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"
#include "db/agency.h"

struct app;

enum undo_kind { U_STATUS, U_EXTEND, U_NOTE, U_ADD, U_RENAME, U_ALIAS, U_MERGE };

struct undo_step {
	int group; /* the steps of one change share a group */
	enum undo_kind kind;
	int64_t id, other;     /* the task or the agency; merge: the successor */
	int64_t version_after; /* a task's version after the change */
	enum task_status old_status, new_status;
	civil_day old_completed, old_due;
	char *label; /* a task: its section (else its number); an agency: its name (rename: the new one) */
	char *text;  /* rename: the old name; alias: the alias; merge: the successor's name */
	struct db_agency_moves moves; /* merge: what moved */
};

struct undo {
	struct undo_step *steps;
	size_t n, cap;
	int group;
};

void undo_release(struct undo *u);
/* Starts a change: the steps pushed until the next undo_begin are undone
 * together. */
void undo_begin(struct undo *u);
/* Pushes s (in the current group); the stack owns its strings and moves. */
void undo_push(struct undo *u, struct undo_step *s);
/* A task's label for the messages: its section, else its number (new string). */
char *undo_task_label(const char *section, int64_t id);
/* Undoes the newest change and says what it undid. */
void undo_last(struct app *app);

#endif
