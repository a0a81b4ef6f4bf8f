/* view_pick: the agency picker that Tab opens where the agency pane does
 * not fit (below 110 columns): the pane's rows on the whole screen, most
 * overdue first; the selection filters the list as it moves (as the pane's
 * does), Enter or Esc returns to the list. Its selection is the pane's
 * (app->list.apos): no data of its own. */
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

static void draw(struct app *app, void *data, int rows, int cols)
{
	(void)data;
	view_draw_header(app, cols);
	attrset(color_attr(ROLE_TITLE));
	draw_text(1, 0, cols, msg(M_PICK_TITLE, app->lang), 1);
	attrset(A_NORMAL);
	view_draw_agency_rows(app, 2, rows - 3 > 0 ? rows - 3 : 1, cols + 1);
	static const enum action hints[] = { ACT_DOWN, ACT_UP, ACT_DETAIL, ACT_BACK };
	view_draw_footer(app, rows, cols, hints, sizeof hints / sizeof hints[0]);
}

static void key(struct app *app, void *data, int k, enum action a)
{
	(void)data;
	(void)k;
	struct listpos *lp = &app->list.apos;
	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_TOP: case ACT_BOTTOM:
		listpos_act(lp, a);
		break;
	case ACT_DETAIL:
	case ACT_BACK:
	case ACT_PANE: app_close_view(app); break;
	case ACT_QUIT: app->quit = true; break;
	default: break;
	}
	if (a >= ACT_DOWN && a <= ACT_BOTTOM)
		list_select_agency(app);
	app->dirty = true;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)data;
	(void)cols;
	listpos_set(&app->list.apos, app->list.agencies.n + 1, (size_t)(rows > 3 ? rows - 3 : 1));
}

const struct view view_pick = { "pick", NULL, NULL, draw, key, resize };
