#include "tui/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/task.h"
#include "tui/ui.h"

static void step_release(struct undo_step *s)
{
	free(s->label);
	free(s->text);
	db_agency_moves_release(&s->moves);
}

void undo_release(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		step_release(&u->steps[i]);
	free(u->steps);
	memset(u, 0, sizeof *u);
}

void undo_begin(struct undo *u) { u->group++; }

void undo_push(struct undo *u, struct undo_step *s)
{
	xgrow((void **)&u->steps, &u->cap, u->n + 1, sizeof *u->steps);
	s->group = u->group;
	u->steps[u->n++] = *s;
	memset(s, 0, sizeof *s);
}

char *undo_task_label(const char *section, int64_t id)
{
	return section && *section ? xstrdup(section) : xasprintf("%lld", (long long)id);
}

/* What the newest group did, for "Đã hoàn tác: …": its first step, and how
 * many tasks it touched. */
static void describe(struct app *app, const struct undo_step *s, size_t n, char *out, size_t size)
{
	enum lang l = app->lang;
	switch (s->kind) {
	case U_STATUS:
		if (n > 1)
			snprintf(out, size, msg(M_U_STATUS_N, l), status_label(s->new_status, l), n);
		else
			snprintf(out, size, msg(M_U_STATUS, l), status_label(s->new_status, l), s->label);
		break;
	case U_EXTEND:
	case U_NOTE:
		if (n > 1)
			snprintf(out, size, msg(s->kind == U_NOTE ? M_U_NOTE_N : M_U_EXTEND_N, l), n);
		else
			snprintf(out, size, msg(s->kind == U_NOTE ? M_U_NOTE : M_U_EXTEND, l), s->label);
		break;
	case U_ADD: snprintf(out, size, msg(M_U_ADD, l), s->label); break;
	case U_RENAME: snprintf(out, size, msg(M_U_RENAME, l), s->text, s->label); break;
	case U_ALIAS: snprintf(out, size, msg(M_U_ALIAS, l), s->text, s->label); break;
	case U_MERGE: snprintf(out, size, msg(M_U_MERGE, l), s->label, s->text); break;
	}
}

/* Reverts one step (a task's inside the open transaction). */
static int undo_one(struct app *app, const struct undo_step *s, char *err)
{
	struct db *db = app->db;
	switch (s->kind) {
	case U_STATUS: return db_task_set_status(db, s->id, s->old_status, s->old_completed, s->version_after, err);
	case U_EXTEND:
		return db_task_revert_due(db, s->id, s->old_due, msg(M_ACT_UNDO, app->lang), s->version_after, err);
	case U_NOTE: return db_task_unnote(db, s->id, s->version_after, err);
	case U_ADD: return db_task_remove(db, s->id, s->version_after, err);
	case U_RENAME:
		if (db_agency_rename(db, s->id, s->text, err))
			return DB_ERROR;
		return db_agency_remove_alias(db, s->id, s->label, err) ? DB_ERROR : 0;
	case U_ALIAS: return db_agency_remove_alias(db, s->id, s->text, err) ? DB_ERROR : 0;
	case U_MERGE: return db_agency_unmerge(db, s->id, s->other, &s->moves, err) ? DB_ERROR : 0;
	}
	return DB_ERROR;
}

/* After the top k steps were undone: each undo wrote its task once more,
 * so the older step on that task that wrote the version before expects the
 * version the undo left instead. (One changed by someone else in between
 * still does not match, and is refused.) */
static void rebase(struct undo *u, size_t k)
{
	for (size_t i = u->n - k; i < u->n; i++) {
		const struct undo_step *s = &u->steps[i];
		if (s->kind > U_NOTE)
			continue;
		for (size_t j = u->n - k; j-- > 0;)
			if (u->steps[j].id == s->id && u->steps[j].kind <= U_ADD &&
			    u->steps[j].version_after == s->version_after - 1)
				u->steps[j].version_after = s->version_after + 1;
	}
}

/* Drops the top k steps. */
static void drop(struct undo *u, size_t k)
{
	for (size_t i = 0; i < k; i++)
		step_release(&u->steps[--u->n]);
}

void undo_last(struct app *app)
{
	struct undo *u = &app->edits.undo;
	char err[ERR_MAX], what[ERR_MAX];
	size_t undone = 0, n = u->n;
	if (n == 0) {
		app_message(app, false, "%s", msg(M_NOTHING_TO_UNDO, app->lang));
		return;
	}
	int group = u->steps[n - 1].group, rc = 0;
	size_t k = 0;
	while (k < n && u->steps[n - 1 - k].group == group)
		k++;
	const struct undo_step *first = &u->steps[n - k];
	bool corpus_fresh = list_corpus_fresh(app), tasks_only = first->kind <= U_NOTE;
	int64_t *ids = xmalloc(k * sizeof *ids);
	/* a change is undone as it was made: in one transaction */
	if (db_begin(app->db, err)) {
		app_error(app, err);
		free(ids);
		return;
	}
	while (rc == 0 && undone < k) {
		const struct undo_step *s = &u->steps[n - 1 - undone];
		ids[undone] = s->id;
		rc = undo_one(app, s, err);
		undone += rc == 0;
	}
	if (rc == 0 && db_commit(app->db, err))
		rc = DB_ERROR;
	describe(app, first, k, what, sizeof what);
	if (rc) {
		db_rollback(app->db);
		const struct undo_step *s = &u->steps[n - 1 - undone];
		if (rc == DB_CONFLICT || rc == DB_NOT_FOUND)
			app_message(app, true, msg(M_UNDO_REFUSED, app->lang), what, s->label);
		else
			app_message(app, true, msg(M_UNDO_FAILED, app->lang), what, err);
	} else {
		app_message(app, false, msg(M_UNDONE, app->lang), what);
		rebase(u, k);
		app_saved(app);
		if (tasks_only)
			list_corpus_changed(app, corpus_fresh, ids, k);
	}
	/* a refused change is dropped too: it can no longer be undone, the
	 * older ones still can */
	drop(u, k);
	free(ids);
	list_reload(app, true);
}
