#include "tui/edit.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/task.h"
#include "tui/ui.h"

void edits_release(struct edits *e)
{
	free(e->marks);
	free(e->held);
	undo_release(&e->undo);
	memset(e, 0, sizeof *e);
}

bool edit_is_marked(const struct edits *e, int64_t id)
{
	for (size_t i = 0; i < e->n_marks; i++)
		if (e->marks[i].id == id)
			return true;
	return false;
}

size_t edit_clear_marks(struct app *app)
{
	size_t n = app->edits.n_marks;
	app->edits.n_marks = 0;
	app->dirty = true;
	return n;
}

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

/* The tasks a change applies to: the held ones, else the marked ones, else
 * the selected one. Returns how many; *out is owned by the caller. */
static size_t targets(struct app *app, struct mark **out)
{
	struct edits *e = &app->edits;
	if (e->held) {
		*out = e->held;
		e->held = NULL;
		return e->n_held;
	}
	const struct view_row *r = e->n_marks ? NULL : list_selected(app);
	size_t n = e->n_marks ? e->n_marks : r != NULL;
	*out = xmalloc((n ? n : 1) * sizeof **out);
	if (e->n_marks)
		memcpy(*out, e->marks, n * sizeof **out);
	else if (r)
		(*out)[0] = (struct mark){ r->id, r->version };
	return n;
}

bool edit_hold(struct app *app)
{
	edit_unhold(app);
	struct mark *t;
	size_t n = targets(app, &t);
	if (!n) {
		free(t);
		return false;
	}
	app->edits.held = t;
	app->edits.n_held = n;
	return true;
}

void edit_unhold(struct app *app)
{
	free(app->edits.held);
	app->edits.held = NULL;
	app->edits.n_held = 0;
}

int edit_check_done(struct app *app, civil_day day, char *err)
{
	char d[DATE_BUF], t[DATE_BUF];
	if (day > app->today)
		return err_set(err, msg(M_DONE_AFTER_TODAY, app->lang), date_format_dmy(day, d),
			       date_format_dmy(app->today, t));
	return 0;
}

int edit_check_extend(struct app *app, civil_day due, char *err)
{
	struct edits *e = &app->edits;
	for (size_t i = 0; i < e->n_held; i++) {
		struct task t;
		char lerr[ERR_MAX], d[DATE_BUF], c[DATE_BUF];
		if (db_task_get(app->db, e->held[i].id, &t, lerr))
			continue; /* said when the change is applied */
		bool before = date_in_range(t.due) && due < t.due;
		char *label = before ? undo_task_label(t.section, t.id) : NULL;
		if (before)
			err_set(err, msg(M_EXTEND_BEFORE, app->lang), date_format_dmy(due, d), label,
				date_format_dmy(t.due, c));
		free(label);
		task_release(&t);
		if (before)
			return -1;
	}
	return 0;
}

enum change_kind { CH_STATUS, CH_EXTEND, CH_NOTE, CH_CANCEL };

struct change {
	enum change_kind kind;
	enum task_status st;
	civil_day day;
	const char *text;
};

static const enum undo_kind undo_kinds[] = { [CH_STATUS] = U_STATUS, [CH_EXTEND] = U_EXTEND,
					     [CH_NOTE] = U_NOTE, [CH_CANCEL] = U_STATUS };

/* Writes c to task cur (read in the open transaction) at version v. */
static int write_one(struct app *app, const struct change *c, const struct task *cur, int64_t v, char *err)
{
	switch (c->kind) {
	case CH_STATUS: return db_task_set_status(app->db, cur->id, c->st, c->day, v, err);
	case CH_CANCEL: return db_task_cancel(app->db, cur->id, c->text, v, err);
	case CH_EXTEND: return db_task_extend(app->db, cur->id, c->day, c->text, v, err);
	case CH_NOTE: return db_task_note(app->db, cur->id, c->text, v, err);
	}
	return DB_ERROR;
}

/* Applies c to task m inside the open transaction; the undo step it needs
 * goes to *step (*has_step set). 0, DB_CONFLICT, DB_NOT_FOUND or another
 * error. */
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
		enum task_status st = c->kind == CH_CANCEL ? STATUS_CANCELLED : c->st;
		*step = (struct undo_step){ 0, undo_kinds[c->kind], cur.id, 0, m->version + 1, cur.status, st,
					    cur.completed, cur.due, NULL, NULL, { 0 } };
		civil_day comp = st == STATUS_DONE ? (c->day == DATE_NONE ? app->today : c->day) : DATE_NONE;
		rc = write_one(app, c, &cur, m->version, err);
		/* a status the task already has changes nothing: nothing to undo */
		*has_step = rc == 0 && !((c->kind == CH_STATUS || c->kind == CH_CANCEL) && cur.status == st &&
					 cur.completed == comp);
		if (*has_step)
			step->label = undo_task_label(cur.section, cur.id);
	}
	task_release(&cur);
	return rc;
}

/* Why a change to t[0, n) failed: the task changed or removed by someone
 * else, the refused task of several, else the error. */
static void show_failure(struct app *app, int rc, const struct mark *t, size_t n, int64_t refused, const char *err)
{
	int64_t id = n == 1 ? t[0].id : refused;
	if (rc == DB_NOT_FOUND && id)
		app_message(app, true, msg(M_VANISHED, app->lang), (long long)id);
	else if (n == 1 && rc == DB_CONFLICT)
		app_message(app, true, msg(M_CONFLICT, app->lang), (long long)t[0].id);
	else if (n > 1 && refused)
		app_message(app, true, msg(M_BULK_REFUSED, app->lang), (long long)refused, err);
	else
		app_error(app, err);
}

static void show_success(struct app *app, const struct change *c, size_t n, size_t changed)
{
	enum lang l = app->lang;
	enum task_status st = c->kind == CH_CANCEL ? STATUS_CANCELLED : c->st;
	if (c->kind == CH_STATUS || c->kind == CH_CANCEL) {
		if (changed)
			app_message(app, false, msg(M_CHANGED, l), changed, status_label(st, l));
		else
			app_message(app, false, msg(M_UNCHANGED, l), n, status_label(st, l));
	} else {
		app_message(app, false, msg(c->kind == CH_NOTE ? M_NOTED : M_EXTENDED, l), n);
	}
}

/* After a change to t[0, n): the follow-ups, the corpus, the list. */
static void changed(struct app *app, const struct mark *t, size_t n, bool corpus_fresh)
{
	int64_t *ids = xmalloc((n ? n : 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = t[i].id;
	app_saved(app);
	list_corpus_changed(app, corpus_fresh, ids, n);
	free(ids);
}

/* Applies c to its tasks (targets) in ONE transaction: all of them or none;
 * a kill half-way leaves none changed. */
static void apply(struct app *app, const struct change *c)
{
	struct mark *t;
	size_t n = targets(app, &t), n_steps = 0, i;
	struct undo_step *steps = xcalloc(n ? n : 1, sizeof *steps);
	char err[ERR_MAX];
	int rc = 0;
	bool corpus_fresh = list_corpus_fresh(app);
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
		undo_begin(&app->edits.undo);
		for (i = 0; i < n_steps; i++)
			undo_push(&app->edits.undo, &steps[i]);
		show_success(app, c, n, n_steps);
		changed(app, t, n, corpus_fresh);
	}
	for (i = 0; i < n_steps; i++)
		free(steps[i].label); /* (pushed ones were moved out) */
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

void edit_cancel(struct app *app, const char *reason)
{
	apply(app, &(struct change){ CH_CANCEL, STATUS_CANCELLED, DATE_NONE, reason });
}

void edit_extend(struct app *app, civil_day due, const char *reason)
{
	apply(app, &(struct change){ CH_EXTEND, STATUS_NEW, due, reason });
}

void edit_note(struct app *app, const char *note)
{
	apply(app, &(struct change){ CH_NOTE, STATUS_NEW, DATE_NONE, note });
}

int edit_add(struct app *app, struct task *t)
{
	char err[ERR_MAX];
	if (db_task_add(app->db, t, err)) {
		app_error(app, err);
		return -1;
	}
	undo_begin(&app->edits.undo);
	struct undo_step s = { .kind = U_ADD, .id = t->id, .version_after = t->version,
			       .label = undo_task_label(t->section, t->id) };
	undo_push(&app->edits.undo, &s);
	app_message(app, false, msg(M_ADDED, app->lang), (long long)t->id);
	app_saved(app);
	list_reload(app, true);
	list_select_task(app, t->id);
	return 0;
}
