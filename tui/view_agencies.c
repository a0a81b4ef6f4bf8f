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

/* The screen's data: its selection among app->list.agencies. */
struct agencies_view {
	struct listpos pos;
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

static void draw(struct app *app, void *data, int rows, int cols)
{
	struct agencies_view *v = data;
	const struct view_agencies *all = &app->list.agencies;
	char line[512], counts[64];
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
	static const enum action hints[] = { ACT_DOWN, ACT_UP, ACT_RENAME, ACT_ALIAS, ACT_MERGE, ACT_BACK, ACT_QUIT };
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

static void prompt_done(struct app *app, const struct view_agency *a)
{
	char err[ERR_MAX], text[PROMPT_MAX];
	enum lang l = app->lang;
	int purpose = app->prompt.purpose;
	snprintf(text, sizeof text, "%s", app->prompt.text);
	prompt_close(&app->prompt);
	if (!a || !*text)
		return;
	int64_t id = a->id;
	if (purpose == P_RENAME) {
		if (db_agency_rename(app->db, id, text, err))
			app_error(app, err);
		else
			app_message(app, false, "%s", msg(M_RENAMED, l));
	} else if (purpose == P_ALIAS) {
		if (db_agency_add_alias(app->db, id, text, err))
			app_error(app, err);
		else
			app_message(app, false, "%s", msg(M_ALIAS_ADDED, l));
	} else if (purpose == P_MERGE) {
		int64_t to = agency_named(app, text);
		int moved;
		if (!to)
			app_message(app, true, msg(M_NO_AGENCY, l), text);
		else if ((moved = db_agency_merge(app->db, id, to, err)) < 0)
			app_error(app, err);
		else {
			app_message(app, false, msg(M_MERGED, l), moved, text);
			app_saved(app);
		}
	}
	list_reload(app, true);
}

static void key(struct app *app, void *data, int k, enum action a)
{
	struct agencies_view *v = data;
	const struct view_agency *ag = selected(app, v);
	if (app->prompt.active) {
		enum prompt_result r = prompt_key(&app->prompt, k);
		if (r == PROMPT_ACCEPT)
			prompt_done(app, ag);
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
	if (a != ACT_NONE)
		app->message[0] = '\0';
	switch (a) {
	case ACT_DOWN: listpos_move(&v->pos, 1); break;
	case ACT_UP: listpos_move(&v->pos, -1); break;
	case ACT_PGDN: listpos_page(&v->pos, 1); break;
	case ACT_PGUP: listpos_page(&v->pos, -1); break;
	case ACT_TOP: listpos_home(&v->pos); break;
	case ACT_BOTTOM: listpos_end(&v->pos); break;
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
