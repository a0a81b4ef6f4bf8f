/* view_help: every binding of the key map, with its description. Any key
 * returns to the screen it came from (q quits). No data of its own. */
#include <stdio.h>

#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

static void draw(struct app *app, void *data, int rows, int cols)
{
	(void)data;
	char keys[48], line[256];
	view_draw_header(app, cols);
	attrset(color_attr(ROLE_TITLE));
	draw_text(1, 0, cols, msg(M_HELP_TITLE, app->lang), 1);
	attrset(A_NORMAL);
	/* as many columns as every binding needs, 34 wide when they fit, else
	 * narrower (descriptions cut with "…") down to 22: at 80x24 all show */
	int per_col = rows - 3 > 0 ? rows - 3 : 1, need = (ACT_COUNT - 1 + per_col - 1) / per_col;
	int colw = need && cols / need < 34 ? cols / need : 34;
	if (colw < 22)
		colw = cols < 22 ? cols : 22;
	int ncols = cols / colw ? cols / colw : 1;
	if (ncols == 1)
		colw = cols;
	for (int a = 1, i = 0; a < ACT_COUNT; a++, i++) {
		int c = i / per_col, r = i % per_col;
		if (c >= ncols)
			break;
		snprintf(line, sizeof line, "%-9s %s", keymap_describe(&app->km, (enum action)a, keys, sizeof keys),
			 msg(keymap_action_msg((enum action)a), app->lang));
		draw_text(2 + r, c * colw, colw - 1, line, 0);
	}
	static const enum action hints[] = { ACT_BACK, ACT_QUIT };
	view_draw_footer(app, rows, cols, hints, 2);
}

static void key(struct app *app, void *data, int k, enum action a)
{
	(void)data;
	(void)k;
	if (a == ACT_QUIT)
		app->quit = true;
	else
		app_close_view(app);
	app->dirty = true;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)app;
	(void)data;
	(void)rows;
	(void)cols;
}

const struct view view_help = { "help", NULL, NULL, draw, key, resize };
