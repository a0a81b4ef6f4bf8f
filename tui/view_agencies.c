/* view_agencies: the agencies screen: rename an agency, add another name that
 * matches it, merge it into its successor (its open tasks move there; the
 * history keeps who had them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/agency.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

/* The screen's data: its selection among app->list.agencies; the agency
 * the selection follows once the list is read again (a rename moves it);
 * a merge waiting for its confirmation. */
struct agencies_view {
	struct listpos pos;
	int64_t follow;
	int64_t merge_from, merge_to;
};

static int open_agencies(struct app *app, const void *arg, void **data)
{
	(void)app;
	(void)arg;
	*data = xcalloc(1, sizeof(struct agencies_view));
	return 0;
}

static void close_agencies(struct app *app, void *data)
{
	(void)app;
	free(data);
}

static const struct view_agency *selected(struct app *app, const struct agencies_view *v)
{
	return v->pos.sel < app->list.agencies.n ? &app->list.agencies.items[v->pos.sel] : NULL;
}

/* After a change the list is read again when no key waits: the selection
 * then finds the agency it follows. */
static void follow(struct app *app, struct agencies_view *v)
{
	const struct view_agencies *all = &app->list.agencies;
	if (!v->follow || app->list.agencies_stale)
		return;
	for (size_t i = 0; i < all->n; i++)
		if (all->items[i].id == v->follow)
			listpos_select(&v->pos, i);
	v->follow = 0;
}

static void draw(struct app *app, void *data, int rows, int cols)
{
	struct agencies_view *v = data;
	const struct view_agencies *all = &app->list.agencies;
	char line[512], counts[64];
	follow(app, v);
	view_draw_header(app, cols);
	attrset(color_attr(ROLE_TITLE));
	draw_text(1, 0, cols, msg(M_AGENCIES_TITLE, app->lang), 1);
	attrset(A_NORMAL);
	listpos_set(&v->pos, all->n, (size_t)(rows - 3));
	for (int r = 0; r < rows - 3; r++) {
		size_t i = v->pos.top + (size_t)r;
		if (i >= all->n)
			break;
		const struct view_agency *a = &all->items[i];
		snprintf(counts, sizeof counts, "%zu %s · %zu %s", a->open, msg(M_OPEN, app->lang), a->overdue,
			 msg(M_OVERDUE, app->lang));
		line[0] = '\0';
		if (a->successor_id)
			for (size_t k = 0; k < all->n; k++)
				if (all->items[k].id == a->successor_id)
					snprintf(line, sizeof line, msg(M_MERGED_INTO, app->lang), all->items[k].name);
		attr_t at = a->successor_id ? color_attr(ROLE_MUTED) : a->overdue ? color_attr(ROLE_OVERDUE)
										  : color_attr(ROLE_NORMAL);
		attrset(at | (i == v->pos.sel ? A_REVERSE : A_NORMAL));
		int cw = cols >= 60 ? 24 : 0;
		int x = draw_text(2 + r, 0, cols - cw - 1, a->name, 0);
		if (*line && x + 2 < cols - cw)
			x += 1 + draw_text(2 + r, x + 1, cols - cw - x - 2, line, 0);
		while (x < cols - cw) {
			addch(' ');
			x++;
		}
		if (cw)
			draw_text(2 + r, cols - cw, cw, counts, 1);
		attrset(A_NORMAL);
	}
	static const enum action hints[] = { ACT_DOWN, ACT_UP, ACT_RENAME, ACT_ALIAS, ACT_MERGE, ACT_UNDO, ACT_BACK, ACT_QUIT };
	view_draw_footer(app, rows, cols, hints, sizeof hints / sizeof hints[0]);
}

static int64_t agency_named(struct app *app, const char *name)
{
	const struct view_agencies *all = &app->list.agencies;
	for (size_t i = 0; i < all->n; i++)
		if (strcmp(all->items[i].name, name) == 0)
			return all->items[i].id;
	char err[ERR_MAX];
	int64_t id = db_agency_find(app->db, name, err);
	return id > 0 ? id : 0;
}

/* A change to agency id was made: its undo step, the list read again with
 * the selection following the agency. */
static void changed(struct app *app, struct agencies_view *v, struct undo_step *s)
{
	v->follow = s->id;
	undo_begin(&app->edits.undo);
	undo_push(&app->edits.undo, s);
	app_saved(app);
	list_reload(app, true);
}

static void rename_agency(struct app *app, struct agencies_view *v, const struct view_agency *a, const char *text)
{
	char err[ERR_MAX];
	char *old = xstrdup(a->name);
	int64_t id = a->id;
	if (db_agency_rename(app->db, id, text, err)) {
		app_error(app, err);
		free(old);
		return;
	}
	app_message(app, false, "%s", msg(M_RENAMED, app->lang));
	char *now = db_agency_name(app->db, id); /* as stored: cleaned */
	changed(app, v,
		&(struct undo_step){ .kind = U_RENAME, .id = id, .label = now ? now : xstrdup(text), .text = old });
}

static void add_alias(struct app *app, struct agencies_view *v, const struct view_agency *a, const char *text)
{
	char err[ERR_MAX];
	/* a spelling that already matched it adds nothing: nothing to undo */
	bool is_new = db_agency_find(app->db, text, err) == 0;
	if (db_agency_add_alias(app->db, a->id, text, err)) {
		app_error(app, err);
		return;
	}
	app_message(app, false, "%s", msg(M_ALIAS_ADDED, app->lang));
	if (is_new)
		changed(app, v, &(struct undo_step){ .kind = U_ALIAS, .id = a->id, .label = xstrdup(a->name),
						   .text = xstrdup(text) });
}

/* m, once confirmed: merges v->merge_from into v->merge_to. */
static void merge(struct app *app, struct agencies_view *v)
{
	char err[ERR_MAX];
	struct undo_step s = { .kind = U_MERGE, .id = v->merge_from, .other = v->merge_to };
	int moved = db_agency_merge(app->db, s.id, s.other, &s.moves, err);
	v->merge_from = v->merge_to = 0;
	if (moved < 0) {
		app_error(app, err);
		return;
	}
	s.label = db_agency_name(app->db, s.id);
	s.text = db_agency_name(app->db, s.other);
	app_message(app, false, msg(M_MERGED, app->lang), moved, s.text ? s.text : "?");
	if (!s.label)
		s.label = xstrdup("?");
	if (!s.text)
		s.text = xstrdup("?");
	changed(app, v, &s);
}

/* m: names both agencies and asks before merging. */
static void ask_merge(struct app *app, struct agencies_view *v, const struct view_agency *a, const char *text)
{
	int64_t to = agency_named(app, text);
	if (!to) {
		app_message(app, true, msg(M_NO_AGENCY, app->lang), text);
		return;
	}
	char *to_name = db_agency_name(app->db, to);
	v->merge_from = a->id;
	v->merge_to = to;
	app_message(app, false, msg(M_MERGE_CONFIRM, app->lang), a->name, to_name ? to_name : text);
	free(to_name);
}

static void prompt_done(struct app *app, struct agencies_view *v, const struct view_agency *a)
{
	char text[PROMPT_MAX];
	int purpose = app->prompt.purpose;
	snprintf(text, sizeof text, "%s", app->prompt.text);
	prompt_close(&app->prompt);
	if (!a || !*text)
		return;
	if (purpose == P_RENAME)
		rename_agency(app, v, a, text);
	else if (purpose == P_ALIAS)
		add_alias(app, v, a, text);
	else if (purpose == P_MERGE)
		ask_merge(app, v, a, text);
}

static void key(struct app *app, void *data, int k, enum action a)
{
	struct agencies_view *v = data;
	/* a key typed before the list was read again acts on the agency the
	 * selection follows, not on the row it was at */
	while (v->follow && app->list.agencies_stale)
		list_idle(app);
	follow(app, v);
	const struct view_agency *ag = selected(app, v);
	if (app->prompt.active) {
		enum prompt_result r = prompt_key(&app->prompt, k);
		if (r == PROMPT_ACCEPT)
			prompt_done(app, v, ag);
		else if (r == PROMPT_CANCEL)
			prompt_close(&app->prompt);
		else if (r == PROMPT_COMPLETE && app->prompt.purpose == P_MERGE) {
			const char *name = list_complete_agency(&app->list, app->prompt.text);
			if (name)
				prompt_set(&app->prompt, name);
		}
		app->dirty = true;
		return;
	}
	if (v->merge_from) { /* the answer to "Sáp nhập X vào Y? (c/k)" */
		if (k == 'c' || k == 'C' || k == 'y' || k == 'Y')
			merge(app, v);
		else
			app_message(app, false, "%s", msg(M_MERGE_CANCELLED, app->lang));
		v->merge_from = v->merge_to = 0;
		app->dirty = true;
		return;
	}
	if (a != ACT_NONE)
		app->message[0] = '\0';
	switch (a) {
	case ACT_UNDO:
		undo_last(app);
		v->follow = ag ? ag->id : 0;
		break;
	case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_TOP: case ACT_BOTTOM:
		listpos_act(&v->pos, a);
		break;
	case ACT_RENAME:
		if (ag)
			prompt_open(&app->prompt, M_PROMPT_RENAME, P_RENAME, ag->name);
		break;
	case ACT_ALIAS:
		if (ag)
			prompt_open(&app->prompt, M_PROMPT_ALIAS, P_ALIAS, NULL);
		break;
	case ACT_MERGE:
		if (ag)
			prompt_open(&app->prompt, M_PROMPT_MERGE, P_MERGE, NULL);
		break;
	case ACT_HELP: app_open_view(app, &view_help, NULL); break;
	case ACT_BACK:
	case ACT_AGENCIES: app_close_view(app); break;
	case ACT_QUIT: app->quit = true; break;
	default: break;
	}
	app->dirty = true;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)cols;
	struct agencies_view *v = data;
	listpos_set(&v->pos, app->list.agencies.n, (size_t)(rows > 3 ? rows - 3 : 1));
}

const struct view view_agencies = { "agencies", open_agencies, close_agencies, draw, key, resize };
