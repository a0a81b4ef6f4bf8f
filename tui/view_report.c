/* view_report: the figures of `hanchot report` for today on screen: one row
 * per agency with a column per class, the "Tổng cộng" row, the summary
 * sentence and the overdue tasks; a key writes the same report to a file.
 * The screen draws what db_report_build computed; it decides nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/countdown.h"
#include "core/report_format.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/report.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

#define NUM_W 7 /* "OnTime" and a space: headings never run together */

/* The report screen's data: the report and its lines. */
struct report_view {
	struct report report;
	struct listpos pos;
	char **lines; /* the head, rendered once per open */
	size_t n_head, cap_head;
	size_t n_lines; /* what scrolls: the head, then one line per overdue task */
};

/* Short column titles, in enum task_class order. */
static const char *const heads_vi[CLASS_COUNT] = { "Q.hạn", "H.nay", "Sắp", "T.hạn", "K.hạn", "Đ.hạn", "Trễ", "Huỷ" };
static const char *const heads_en[CLASS_COUNT] = { "Late", "Today", "Soon", "Due", "None", "OnTime", "Late.d", "Canc." };

static void add_line(struct report_view *rp, char *line)
{
	xgrow((void **)&rp->lines, &rp->cap_head, rp->n_head + 1, sizeof *rp->lines);
	rp->lines[rp->n_head++] = line;
	rp->n_lines = rp->n_head;
}

static void close_report(struct app *app, void *data)
{
	(void)app;
	struct report_view *rp = data;
	for (size_t i = 0; i < rp->n_head; i++)
		free(rp->lines[i]);
	free(rp->lines);
	report_release(&rp->report);
	free(rp);
}

/* Line i of what scrolls. The overdue tasks (tens of thousands in a large
 * database) are formatted when drawn, not when the screen opens. */
static const char *line_at(const struct report_view *rp, size_t i, struct app *app, char **owned)
{
	*owned = NULL;
	if (i < rp->n_head)
		return rp->lines[i];
	const struct report_line *o = &rp->report.overdue[i - rp->n_head];
	char cd[COUNTDOWN_BUF];
	*owned = xasprintf("%-10s %-16s %s — %s", o->section,
			   countdown_format(o->due, rp->report.as_of, app->lang, cd), o->leads, o->summary);
	return *owned;
}

/* The counts of one row, right-aligned in NUM_W columns each. */
static char *counts_text(const struct report_counts *c, enum lang l)
{
	char buf[256], share[16];
	size_t w = 0;
	for (int k = 0; k < CLASS_COUNT; k++)
		w += (size_t)snprintf(buf + w, sizeof buf - w, "%*u", NUM_W, c->n[k]);
	snprintf(buf + w, sizeof buf - w, "%*u%*s", NUM_W, c->total, NUM_W + 6, report_format_share(c, l, share));
	return xstrdup(buf);
}

/* Rows most overdue first, then most open (the agencies to talk about at
 * the meeting on top). */
static int by_overdue(const void *pa, const void *pb)
{
	const struct report_row *a = *(const struct report_row *const *)pa, *b = *(const struct report_row *const *)pb;
	unsigned la = a->counts.n[CLASS_OVERDUE], lb = b->counts.n[CLASS_OVERDUE];
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->counts.total != b->counts.total)
		return a->counts.total > b->counts.total ? -1 : 1;
	return strcmp(a->agency, b->agency);
}

/* What the short headings stand for, classes [from, to). */
static char *legend(enum lang l, int from, int to)
{
	char buf[1024];
	size_t w = 0;
	for (int k = from; k < to && w < sizeof buf; k++)
		w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%s: %s", k > from ? " · " : "",
				      l == LANG_EN ? heads_en[k] : heads_vi[k], class_label((enum task_class)k, l));
	return xstrdup(buf);
}

/* Appends text right-aligned in width display columns at head + w. */
static size_t right_align(char *head, size_t w, const char *text, int width)
{
	for (int pad = width - (int)text_width(text, strlen(text)); pad > 0; pad--)
		head[w++] = ' ';
	return w + (size_t)snprintf(head + w, 512 - w, "%s", text);
}

static void render(struct app *app, struct report_view *rp)
{
	enum lang l = app->lang;
	const struct report *r = &rp->report;
	char day[DATE_BUF];
	add_line(rp, xasprintf(msg(M_REPORT_TITLE, l), date_format_dmy(r->as_of, day)));
	if (r->scope)
		add_line(rp, xstrdup(r->scope));
	add_line(rp, report_summary(r, l)); /* the sentence the meeting hears first */
	char head[512];
	size_t w = 0;
	for (int k = 0; k < CLASS_COUNT; k++)
		w = right_align(head, w, l == LANG_EN ? heads_en[k] : heads_vi[k], NUM_W);
	w = right_align(head, w, l == LANG_EN ? "Total" : "Tổng", NUM_W);
	right_align(head, w, msg(M_REPORT_SHARE, l), NUM_W + 6);
	add_line(rp, xasprintf("\t%s\t%s", msg(M_REPORT_AGENCY, l), head));
	const struct report_row **rows = xmalloc((r->n_rows ? r->n_rows : 1) * sizeof *rows);
	for (size_t i = 0; i < r->n_rows; i++)
		rows[i] = &r->rows[i];
	qsort(rows, r->n_rows, sizeof *rows, by_overdue);
	for (size_t i = 0; i < r->n_rows; i++) {
		char *c = counts_text(&rows[i]->counts, l);
		add_line(rp, xasprintf("\t%s\t%s", rows[i]->agency, c));
		free(c);
	}
	free(rows);
	char *c = counts_text(&r->total, l);
	add_line(rp, xasprintf("\t%s\t%s", msg(M_REPORT_TOTAL, l), c));
	free(c);
	add_line(rp, legend(l, 0, CLASS_DONE_ON_TIME)); /* (two lines: each fits 120 columns) */
	add_line(rp, legend(l, CLASS_DONE_ON_TIME, CLASS_COUNT));
	if (r->n_overdue) {
		add_line(rp, xstrdup(""));
		add_line(rp, xasprintf("%s (%zu)", msg(M_REPORT_OVERDUE_LIST, l), r->n_overdue));
		rp->n_lines = rp->n_head + r->n_overdue;
	}
}

/* Builds today's report, following the list's agency filter. */
static int open_report(struct app *app, const void *arg, void **data)
{
	(void)arg;
	struct report_filter f = { .as_of = app->today, .warn_until = app->warn_until,
				   .agency_id = app->list.q.agency_id, .from = DATE_NONE, .to = DATE_NONE };
	struct report_view *rp = xcalloc(1, sizeof *rp);
	char err[ERR_MAX];
	report_init(&rp->report);
	if (db_report_build(app->db, &f, app->lang, &rp->report, err)) {
		app_error(app, err);
		close_report(app, rp);
		return -1;
	}
	render(app, rp);
	app->message[0] = '\0';
	*data = rp;
	return 0;
}

static void draw(struct app *app, void *data, int rows, int cols)
{
	struct report_view *rp = data;
	view_draw_header(app, cols);
	int body = rows - 2;
	listpos_set(&rp->pos, rp->n_lines, (size_t)(body > 0 ? body : 1));
	/* the figures take their columns whole, "% đúng hạn" included: the
	 * agency's name gives way */
	int name_w = cols - (NUM_W * (CLASS_COUNT + 1) + NUM_W + 6) - 1;
	if (name_w < 12)
		name_w = 12;
	for (int r = 0; r < body; r++) {
		size_t i = rp->pos.top + (size_t)r;
		move(1 + r, 0);
		clrtoeol();
		if (i >= rp->n_lines)
			continue;
		char *owned, *next_owned = NULL;
		const char *line = line_at(rp, i, app, &owned);
		if (line[0] == '\t') { /* a table row: name, tab, figures */
			const char *tab = strchr(line + 1, '\t');
			char *name = xstrndup(line + 1, (size_t)(tab - line - 1));
			bool strong = i == 3 + (rp->report.scope != NULL) ||
				      (i + 1 < rp->n_lines && line_at(rp, i + 1, app, &next_owned)[0] != '\t');
			free(next_owned);
			attrset(strong ? A_BOLD : A_NORMAL);
			int x = draw_text(1 + r, 0, name_w, name, 1);
			draw_text(1 + r, x, cols - x, tab + 1, 0);
			free(name);
		} else {
			attrset(i == 0 ? color_attr(ROLE_TITLE) : A_NORMAL);
			draw_text(1 + r, 0, cols, line, 1);
		}
		free(owned);
		attrset(A_NORMAL);
	}
	static const enum action hints[] = { ACT_DOWN, ACT_UP, ACT_SAVE, ACT_BACK, ACT_QUIT };
	view_draw_footer(app, rows, cols, hints, sizeof hints / sizeof hints[0]);
}

/* S: the report folder (report_dir, else ~/hanchot-reports, made when
 * missing) and a dated name not taken yet: bao-cao-2024-05-10.html, then
 * bao-cao-2024-05-10-2.html … */
static char *report_path(struct app *app)
{
	const char *home = getenv("HOME");
	char *dir = app->s->config.report_dir ? xstrdup(app->s->config.report_dir)
					      : xasprintf("%s/hanchot-reports", home && *home ? home : ".");
	char day[DATE_BUF], *path = NULL;
	struct stat st;
	if (mkdir(dir, 0777) && errno != EEXIST)
		app_message(app, true, msg(M_FILE_ERROR, app->lang), dir, err_reason(errno));
	date_format_iso(app->today, day);
	for (int n = 1; n < 1000; n++) {
		free(path);
		path = n == 1 ? xasprintf("%s/bao-cao-%s.html", dir, day) : xasprintf("%s/bao-cao-%s-%d.html", dir, day, n);
		if (stat(path, &st) != 0)
			break;
	}
	free(dir);
	return path;
}

/* The prompt's file: never written over silently: a file already there
 * keeps the prompt open, said beside it. */
static void save(struct app *app, struct report_view *rp)
{
	char path[PROMPT_MAX], err[ERR_MAX], *written = NULL;
	struct stat st;
	snprintf(path, sizeof path, "%s", app->prompt.text);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		app_message(app, true, msg(M_REPORT_EXISTS, app->lang), path);
		return;
	}
	prompt_close(&app->prompt);
	if (session_report_to(app->s, path, &rp->report, report_format_for_path(path), &written, err))
		app_error(app, err);
	else
		app_message(app, false, msg(M_REPORT_WRITTEN, app->lang), written);
	free(written);
}

static void key(struct app *app, void *data, int k, enum action a)
{
	struct report_view *rp = data;
	if (app->prompt.active) {
		enum prompt_result r = prompt_key(&app->prompt, k);
		if (r == PROMPT_ACCEPT && *app->prompt.text)
			save(app, rp);
		else if (r == PROMPT_ACCEPT || r == PROMPT_CANCEL)
			prompt_close(&app->prompt);
		app->dirty = true;
		return;
	}
	char *path;
	if (a != ACT_NONE)
		app->message[0] = '\0';
	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_TOP: case ACT_BOTTOM:
		listpos_act(&rp->pos, a);
		break;
	case ACT_SAVE:
		path = report_path(app);
		prompt_open(&app->prompt, M_PROMPT_REPORT_FILE, P_REPORT_FILE, path);
		free(path);
		break;
	case ACT_REPORT:
	case ACT_BACK: app_close_view(app); break;
	case ACT_QUIT: app->quit = true; break;
	default: break;
	}
	app->dirty = true;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)app;
	(void)cols;
	struct report_view *rp = data;
	listpos_set(&rp->pos, rp->n_lines, (size_t)(rows > 2 ? rows - 2 : 1));
}

const struct view view_report = { "report", open_report, close_report, draw, key, resize };
