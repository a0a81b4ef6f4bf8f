#include "tui/edit.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/task.h"
#include "tui/ui.h"

void edits_release(struct edits *e)
{
	free(e->marks);
	free(e->undo);
	memset(e, 0, sizeof *e);
}

bool edit_is_marked(const struct edits *e, int64_t id)
{
	for (size_t i = 0; i < e->n_marks; i++)
		if (e->marks[i].id == id)
			return true;
	return false;
}

bool edit_has_targets(struct app *app) { return app->edits.n_marks || list_selected(app); }

void edit_toggle_mark(struct app *app)
{
	struct edits *e = &app->edits;
	const struct view_row *r = list_selected(app);
	if (!r)
		return;
	size_t i = 0;
	while (i < e->n_marks && e->marks[i].id != r->id)
		i++;
	if (i < e->n_marks) {
		e->marks[i] = e->marks[--e->n_marks];
	} else {
		xgrow((void **)&e->marks, &e->cap_marks, e->n_marks + 1, sizeof *e->marks);
		e->marks[e->n_marks++] = (struct mark){ r->id, r->version };
	}
	if (e->n_marks)
		app_message(app, false, msg(M_MARKED, app->lang), e->n_marks);
	else
		app->message[0] = '\0';
	listpos_move(&app->list.pos, 1);
	app->dirty = true;
}

/* The tasks a change applies to: the marked ones, else the selected one.
 * Returns how many; *out is owned by the caller. */
static size_t targets(struct app *app, struct mark **out)
{
	struct edits *e = &app->edits;
	const struct view_row *r = e->n_marks ? NULL : list_selected(app);
	size_t n = e->n_marks ? e->n_marks : r != NULL;
	*out = xmalloc((n ? n : 1) * sizeof **out);
	if (e->n_marks)
		memcpy(*out, e->marks, n * sizeof **out);
	else if (r)
		(*out)[0] = (struct mark){ r->id, r->version };
	return n;
}

enum change_kind { CH_STATUS, CH_EXTEND, CH_NOTE };

struct change {
	enum change_kind kind;
	enum task_status st;
	civil_day day;
	const char *text;
};

/* Applies c to task m inside the open transaction; the undo step it needs
 * goes to *step (*has_step set). 0, DB_CONFLICT or another error. */
static int apply_one(struct app *app, const struct change *c, const struct mark *m, struct undo_step *step,
		     bool *has_step, char *err)
{
	struct task cur;
	int rc = db_task_get(app->db, m->id, &cur, err);
	*has_step = false;
	if (rc == 0 && cur.version != m->version) {
		rc = DB_CONFLICT;
		snprintf(err, ERR_MAX, "%s", msg(M_CHANGED_BY_OTHER, app->lang));
	}
	if (rc == 0) {
		*step = (struct undo_step){ app->edits.undo_group, cur.id, c->kind == CH_EXTEND, cur.status,
					    cur.completed, cur.due, m->version + 1 };
		if (c->kind == CH_STATUS) {
			civil_day comp = c->st == STATUS_DONE ? (c->day == DATE_NONE ? app->today : c->day) : DATE_NONE;
			rc = db_task_set_status(app->db, cur.id, c->st, c->day, m->version, err);
			*has_step = rc == 0 && !(cur.status == c->st && cur.completed == comp);
		} else if (c->kind == CH_EXTEND) {
			rc = db_task_extend(app->db, cur.id, c->day, c->text, m->version, err);
			*has_step = rc == 0;
		} else {
			rc = db_task_note(app->db, cur.id, c->text, m->version, err);
		}
	}
	task_release(&cur);
	return rc;
}

/* Why a change to t[0, n) failed: a conflict in the catalogue's words, the
 * refused task of several, else the error. */
static void show_failure(struct app *app, int rc, const struct mark *t, size_t n, int64_t refused, const char *err)
{
	if (n == 1 && rc == DB_CONFLICT)
		app_message(app, true, msg(M_CONFLICT, app->lang), (long long)t[0].id);
	else if (n > 1 && refused)
		app_message(app, true, msg(M_BULK_REFUSED, app->lang), (long long)refused, err);
	else
		app_error(app, err);
}

static void show_success(struct app *app, enum change_kind kind, size_t n)
{
	if (kind == CH_STATUS)
		app_message(app, false, msg(M_CHANGED, app->lang), n);
	else
		app_message(app, false, "%s", msg(kind == CH_NOTE ? M_NOTED : M_EXTENDED, app->lang));
}

static void push_undo(struct edits *e, const struct undo_step *steps, size_t n)
{
	xgrow((void **)&e->undo, &e->cap_undo, e->n_undo + n, sizeof *e->undo);
	memcpy(e->undo + e->n_undo, steps, n * sizeof *steps);
	e->n_undo += n;
}

/* Applies c to the marked tasks (else the selected one) in ONE transaction:
 * all of them or none; a kill half-way leaves none changed. */
static void apply(struct app *app, const struct change *c)
{
	struct mark *t;
	size_t n = targets(app, &t), n_steps = 0, i;
	struct undo_step *steps = xmalloc((n ? n : 1) * sizeof *steps);
	char err[ERR_MAX];
	int rc = 0;
	bool corpus_fresh = list_corpus_fresh(app);
	app->edits.undo_group++;
	if (n && db_begin(app->db, err)) {
		app_error(app, err);
		n = 0;
	}
	for (i = 0; i < n && rc == 0; i++) {
		bool has_step;
		rc = apply_one(app, c, &t[i], &steps[n_steps], &has_step, err);
		n_steps += rc == 0 && has_step;
	}
	assert(n_steps <= n && (rc == 0 || i > 0));
	int64_t refused = rc ? t[i - 1].id : 0;
	if (n && rc == 0 && db_commit(app->db, err))
		rc = DB_ERROR;
	if (rc) {
		db_rollback(app->db); /* (a refused change may have rolled back already) */
		show_failure(app, rc, t, n, refused, err);
	} else if (n) {
		push_undo(&app->edits, steps, n_steps);
		show_success(app, c->kind, n);
		app_saved(app);
		int64_t *ids = xmalloc(n * sizeof *ids);
		for (i = 0; i < n; i++)
			ids[i] = t[i].id;
		list_corpus_changed(app, corpus_fresh, ids, n);
		free(ids);
	}
	free(steps);
	free(t);
	app->edits.n_marks = 0;
	/* The cursor stays where it was: a task marked done leaves the open
	 * part of the list and the next one comes up, as in a mail reader.
	 * (Finding where the task went costs a count of the rows before it.) */
	list_reload(app, false);
}

void edit_set_status(struct app *app, enum task_status st, civil_day completed)
{
	apply(app, &(struct change){ CH_STATUS, st, completed, NULL });
}

void edit_extend(struct app *app, civil_day due, const char *reason)
{
	apply(app, &(struct change){ CH_EXTEND, STATUS_NEW, due, reason });
}

void edit_note(struct app *app, const char *note)
{
	apply(app, &(struct change){ CH_NOTE, STATUS_NEW, DATE_NONE, note });
}

/* Reverts one step inside the open transaction. */
static int undo_one(struct app *app, const struct undo_step *s, char *err)
{
	if (s->extend)
		return db_task_revert_due(app->db, s->id, s->old_due, msg(M_ACT_UNDO, app->lang), s->version_after, err);
	return db_task_set_status(app->db, s->id, s->old_status, s->old_completed, s->version_after, err);
}

void edit_undo(struct app *app)
{
	struct edits *e = &app->edits;
	char err[ERR_MAX];
	size_t undone = 0, n = e->n_undo;
	if (n == 0) {
		app_message(app, false, "%s", msg(M_NOTHING_TO_UNDO, app->lang));
		return;
	}
	int group = e->undo[n - 1].group, rc = 0;
	bool corpus_fresh = list_corpus_fresh(app);
	int64_t *ids = xmalloc(n * sizeof *ids);
	/* a group is undone as it was made: in one transaction */
	if (db_begin(app->db, err)) {
		app_error(app, err);
		free(ids);
		return;
	}
	while (rc == 0 && undone < n && e->undo[n - 1 - undone].group == group) {
		const struct undo_step *s = &e->undo[n - 1 - undone];
		ids[undone] = s->id;
		rc = undo_one(app, s, err);
		undone += rc == 0;
	}
	if (rc == 0 && db_commit(app->db, err))
		rc = DB_ERROR;
	if (rc) {
		db_rollback(app->db);
		if (rc == DB_CONFLICT)
			app_message(app, true, msg(M_CONFLICT, app->lang), (long long)e->undo[n - 1 - undone].id);
		else
			app_error(app, err);
		e->n_undo = 0; /* older steps would build on a state we no longer know */
	} else {
		e->n_undo -= undone;
		app_message(app, false, msg(M_UNDONE, app->lang), undone);
		app_saved(app);
		list_corpus_changed(app, corpus_fresh, ids, undone);
	}
	free(ids);
	list_reload(app, true);
}
