/* view_review: a notice's reading, reviewed before anything is saved. Each
 * assignment can be kept or dropped, its lead agencies and deadline corrected;
 * one key saves the kept ones in one transaction, Esc abandons and saves
 * nothing. A notice read from a scan flags every unit "from a scan, check";
 * while it is read the footer says which page the OCR is on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/notice.h"
#include "tui/noticefile.h"
#include "core/xalloc.h"
#include "db/document.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

/* The review's data: the notice as read, corrections made on it; the
 * document it was imported as before (0: none), said at once; whether
 * the selected unit's full text is shown; an abandon waiting for its
 * confirmation. */
struct review {
	struct notice notice;
	char *label;
	struct listpos pos;
	int64_t earlier;
	bool show_text, confirm_abandon, confirm_quit;
};

static void close_review(struct app *app, void *data)
{
	(void)app;
	struct review *rv = data;
	notice_release(&rv->notice);
	free(rv->label);
	free(rv);
}

/* "page k of n" in the footer while a scan is read (the screen is drawn
 * at once: the event loop waits meanwhile); Esc typed meanwhile cancels. */
static int show_progress(void *ctx, unsigned k, unsigned n)
{
	struct app *app = ctx;
	wint_t wc;
	app_message(app, false, msg(M_OCR_PAGE, app->lang), k, n);
	app_draw(app);
	timeout(0);
	int rc = get_wch(&wc);
	bool cancel = false;
	while (rc != ERR) {
		if (rc == OK && wc == 27)
			cancel = true;
		rc = get_wch(&wc);
	}
	return cancel;
}

/* Reads the notice file named by arg; nothing is saved until the user
 * saves. A file that cannot be read keeps the review closed, its error in
 * the footer. */
static int open_review(struct app *app, const void *arg, void **data)
{
	const char *path = arg;
	struct review *rv = xcalloc(1, sizeof *rv);
	char err[ERR_MAX];
	if (noticefile_read(path, show_progress, app, &rv->notice, err)) {
		app_message(app, true, msg(M_FILE_ERROR, app->lang), path, err);
		notice_release(&rv->notice);
		free(rv);
		return -1;
	}
	session_check_agencies(app->s, &rv->notice);
	rv->label = notice_label(&rv->notice);
	bool same;
	rv->earlier = db_document_find(app->db, &rv->notice, &same, err);
	app->message[0] = '\0';
	*data = rv;
	return 0;
}

/* The selected unit: why to check it, and the words it was read from. */
static void draw_detail(const struct notice_unit *u, enum lang l, int y, int cols)
{
	char why[256], line[1024];
	move(y, 0);
	clrtoeol();
	move(y + 1, 0);
	clrtoeol();
	if (!u)
		return;
	if (u->doubts) {
		snprintf(line, sizeof line, msg(M_REVIEW_WHY, l), notice_doubts_text(u->doubts, l == LANG_EN, why, sizeof why));
		attrset(color_attr(ROLE_SOON));
		draw_text(y, 0, cols, line, 1);
		attrset(A_NORMAL);
	}
	char *flat = xstrdup(u->full_text ? u->full_text : "");
	for (char *c = flat; *c; c++)
		if (*c == '\n')
			*c = ' ';
	snprintf(line, sizeof line, msg(M_REVIEW_SOURCE, l), flat);
	free(flat);
	attrset(color_attr(ROLE_MUTED));
	draw_text(y + 1, 0, cols, line, 1);
	attrset(A_NORMAL);
}

/* Enter: the unit's full text over the list. */
static void draw_text_pane(const struct notice_unit *u, int rows, int cols)
{
	for (int y = 2; y < rows - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
	attrset(color_attr(ROLE_TITLE));
	int y = 2 + draw_wrapped(2, 0, cols, rows - 3, u->summary);
	attrset(A_NORMAL);
	if (y < rows - 1)
		draw_wrapped(y, 0, cols, rows - 1 - y, u->full_text ? u->full_text : "");
}

static void draw(struct app *app, void *data, int rows, int cols)
{
	struct review *rv = data;
	enum lang l = app->lang;
	char title[768], due[DATE_BUF], more[96] = "";
	view_draw_header(app, cols);
	size_t unsure = 0;
	for (size_t i = 0; i < rv->notice.n_units; i++)
		unsure += rv->notice.units[i].doubts != 0;
	if (rv->earlier > 0) { /* said at once, not after S */
		snprintf(title, sizeof title, msg(M_ALREADY_IMPORTED, l), (long long)rv->earlier);
	} else if (rv->notice.candidates) {
		snprintf(title, sizeof title, msg(M_REVIEW_CANDIDATES, l), rv->label ? rv->label : "");
	} else {
		if (unsure)
			snprintf(more, sizeof more, msg(M_REVIEW_CHECK, l), unsure);
		snprintf(title, sizeof title, msg(M_REVIEW_TITLE, l), rv->label ? rv->label : "", notice_kept(&rv->notice),
			 rv->notice.n_units);
		strncat(title, more, sizeof title - strlen(title) - 1);
	}
	attrset(color_attr(ROLE_TITLE));
	draw_text(1, 0, cols, title, 1);
	attrset(A_NORMAL);
	/* two lines for the selected unit when there is room */
	int detail = rows >= 12 ? 2 : 0;
	int body = rows - 3 - detail;
	listpos_set(&rv->pos, rv->notice.n_units, (size_t)(body > 0 ? body : 1));
	int w_mark = 6, w_sec = 11, w_due = 10, w_lead = cols >= 100 ? 30 : 20;
	for (int r = 0; r < body; r++) {
		size_t i = rv->pos.top + (size_t)r;
		move(2 + r, 0);
		clrtoeol();
		if (i >= rv->notice.n_units)
			continue;
		const struct notice_unit *u = &rv->notice.units[i];
		char *leads = task_join(u->leads, u->n_leads, "; ");
		char mark[32];
		snprintf(mark, sizeof mark, "%s%s", msg(u->dropped ? M_REVIEW_DROP : M_REVIEW_KEEP, l), u->doubts ? " ?" : "");
		attrset((u->dropped ? color_attr(ROLE_MUTED) : color_attr(ROLE_NORMAL)) |
			(i == rv->pos.sel ? A_REVERSE : A_NORMAL));
		int x = 0;
		x += draw_text(2 + r, x, w_mark, mark, 1) + 1;
		x += draw_text(2 + r, x, w_sec, u->section, 1) + 1;
		x += draw_text(2 + r, x, w_due, date_format_dmy(u->due, due), 1) + 1;
		x += draw_text(2 + r, x, w_lead, leads, 1) + 1;
		if (x < cols && rv->notice.from_scan) {
			attrset(color_attr(ROLE_ERROR) | (i == rv->pos.sel ? A_REVERSE : A_NORMAL));
			x += draw_text(2 + r, x, cols - x, msg(M_REVIEW_SCAN, l), 0);
			attrset((u->dropped ? color_attr(ROLE_MUTED) : color_attr(ROLE_NORMAL)) |
				(i == rv->pos.sel ? A_REVERSE : A_NORMAL));
		}
		if (x < cols)
			draw_text(2 + r, x, cols - x, u->summary, 1);
		attrset(A_NORMAL);
		free(leads);
	}
	if (detail)
		draw_detail(rv->pos.sel < rv->notice.n_units ? &rv->notice.units[rv->pos.sel] : NULL, l, 2 + body, cols);
	if (rv->show_text && rv->pos.sel < rv->notice.n_units)
		draw_text_pane(&rv->notice.units[rv->pos.sel], rows, cols);
	static const enum action hints[] = { ACT_MARK, ACT_DETAIL, ACT_EDIT_LEADS, ACT_EDIT_DUE, ACT_SAVE, ACT_BACK };
	static const enum msg_id names[] = { M_REVIEW_SPACE, M_REVIEW_ENTER, 0, 0, 0, 0 };
	view_draw_footer_named(app, rows, cols, hints, names, sizeof hints / sizeof hints[0]);
}

static void save(struct app *app, struct review *rv)
{
	char err[ERR_MAX];
	bool same = false;
	enum lang l = app->lang;
	if (notice_kept(&rv->notice) == 0) {
		app_message(app, true, "%s", msg(M_NOTHING_KEPT, l));
		return;
	}
	int64_t earlier = db_document_find(app->db, &rv->notice, &same, err), doc = 0;
	if (earlier < 0) {
		app_message(app, true, msg(M_ERROR, l), err);
		return;
	}
	if (earlier > 0) {
		app_message(app, true, msg(M_ALREADY_IMPORTED, l), (long long)earlier);
		app_close_view(app);
		return;
	}
	size_t kept = notice_kept(&rv->notice);
	if (db_document_save(app->db, &rv->notice, &doc, err)) {
		app_message(app, true, msg(M_ERROR, l), err);
		return;
	}
	app_close_view(app);
	app_message(app, false, msg(M_IMPORTED, l), kept, (long long)doc);
	app_saved(app);
	list_reload(app, true);
}

static void prompt_done(struct app *app, struct review *rv)
{
	char text[PROMPT_MAX], err[ERR_MAX];
	int purpose = app->prompt.purpose;
	snprintf(text, sizeof text, "%s", app->prompt.text);
	prompt_close(&app->prompt);
	if (rv->pos.sel >= rv->notice.n_units)
		return;
	struct notice_unit *u = &rv->notice.units[rv->pos.sel];
	if (purpose == P_REVIEW_LEADS) {
		size_t n = 0;
		char **names = agency_split_list(text, NULL, &n);
		if (n)
			notice_unit_set_leads(u, names, n);
		else
			prompt_open(&app->prompt, M_PROMPT_LEADS, P_REVIEW_LEADS, NULL);
		agency_list_free(names);
	} else if (purpose == P_REVIEW_DUE) {
		civil_day due;
		if (!*text)
			notice_unit_set_due(u, DATE_NONE, PRECISION_NONE, "");
		else if (date_parse_near(text, app->today, &due, err)) {
			app_message(app, true, msg(M_ERROR, app->lang), err);
			prompt_open(&app->prompt, M_PROMPT_UNIT_DUE, P_REVIEW_DUE, text);
			return;
		} else
			notice_unit_set_due(u, due, PRECISION_DAY, text);
	}
	if (!app->prompt.active)
		app->message[0] = '\0'; /* a corrected error is gone */
}

/* Esc, h, Left, q: a reviewed import is not lost by a stray key. The
 * answer to "Bỏ bản đọc này? (c/k)": true when the key was taken. */
static bool confirm(struct app *app, struct review *rv, int k)
{
	if (!rv->confirm_abandon)
		return false;
	bool yes = k == 'c' || k == 'C' || k == 'y' || k == 'Y';
	rv->confirm_abandon = false;
	if (!yes) {
		app_message(app, false, "%s", msg(M_REVIEW_KEPT, app->lang));
		return true;
	}
	if (rv->confirm_quit) {
		app->quit = true;
		return true;
	}
	app_close_view(app); /* (frees rv) */
	app_message(app, false, "%s", msg(M_IMPORT_ABANDONED, app->lang));
	return true;
}

static void key(struct app *app, void *data, int k, enum action a)
{
	struct review *rv = data;
	if (app->prompt.active) {
		enum prompt_result r = prompt_key(&app->prompt, k);
		if (r == PROMPT_ACCEPT)
			prompt_done(app, rv);
		else if (r == PROMPT_CANCEL)
			prompt_close(&app->prompt);
		app->dirty = true;
		return;
	}
	if (confirm(app, rv, k)) {
		app->dirty = true;
		return;
	}
	if (a != ACT_NONE)
		app->message[0] = '\0';
	if (rv->show_text && a != ACT_QUIT) { /* any key closes the full text */
		rv->show_text = false;
		app->dirty = true;
		return;
	}
	struct notice_unit *u = rv->pos.sel < rv->notice.n_units ? &rv->notice.units[rv->pos.sel] : NULL;
	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_TOP: case ACT_BOTTOM:
		listpos_act(&rv->pos, a);
		break;
	case ACT_MARK:
		if (u)
			notice_unit_drop(&rv->notice, rv->pos.sel, !u->dropped);
		break;
	case ACT_EDIT_LEADS:
		if (u) {
			char *leads = task_join(u->leads, u->n_leads, "; ");
			prompt_open(&app->prompt, M_PROMPT_LEADS, P_REVIEW_LEADS, leads);
			free(leads);
		}
		break;
	case ACT_EDIT_DUE:
		if (u) {
			char due[DATE_BUF];
			prompt_open(&app->prompt, M_PROMPT_UNIT_DUE, P_REVIEW_DUE,
				    u->due == DATE_NONE ? NULL : date_format_dmy(u->due, due));
		}
		break;
	case ACT_SAVE: save(app, rv); break;
	case ACT_DETAIL: rv->show_text = u != NULL; break;
	case ACT_BACK:
	case ACT_QUIT:
		rv->confirm_abandon = true;
		rv->confirm_quit = a == ACT_QUIT;
		app_message(app, true, "%s", msg(a == ACT_QUIT ? M_REVIEW_ASK_QUIT : M_REVIEW_ASK_ABANDON, app->lang));
		break;
	default: break;
	}
	app->dirty = true;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)app;
	(void)cols;
	struct review *rv = data;
	int body = rows - 3 - (rows >= 12 ? 2 : 0);
	listpos_set(&rv->pos, rv->notice.n_units, (size_t)(body > 0 ? body : 1));
}

const struct view view_review = { "review", open_review, close_review, draw, key, resize };
