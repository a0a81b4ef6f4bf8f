/* view_main: the all-day screen: header, agency pane, task list, detail or
 * digest pane, footer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/countdown.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/event.h"
#include "db/export.h"
#include "db/task.h"
#include "tui/draw.h"
#include "tui/paths.h"
#include "tui/screen_export.h"
#include "tui/term.h"
#include "tui/ui.h"

#define AGENCY_PANE_MIN_COLS 110

enum focus { FOCUS_LIST, FOCUS_AGENCIES };

/* The main screen's own state: which pane has the keys, the detail pane and
 * what it read, the fields of a form being filled in. The list it shows is
 * app->list (tui/list.h), which the other screens read too. */
struct main_view {
	enum focus focus;
	bool show_detail;
	struct task detail; /* the selected task, read for the detail pane */
	struct task_event_list history;
	int64_t detail_id, detail_version;
	int detail_top; /* the detail pane's first row shown (it scrolls) */
	unsigned detail_generation;
	civil_day pending_due; /* e: the new date, while the reason is asked */
	char *form_summary, *form_lead; /* a: the fields typed so far */
};

static int open_main(struct app *app, const void *arg, void **data)
{
	(void)app;
	(void)arg;
	struct main_view *m = xcalloc(1, sizeof *m);
	task_init(&m->detail);
	*data = m;
	return 0;
}

static void close_main(struct app *app, void *data)
{
	(void)app;
	struct main_view *m = data;
	task_release(&m->detail);
	task_event_list_release(&m->history);
	free(m->form_summary);
	free(m->form_lead);
	free(m);
}

static int agency_width(int cols) { return cols >= AGENCY_PANE_MIN_COLS ? (cols >= 140 ? 32 : 26) : 0; }

/* The rows the list gets: body minus the lower pane. */
static int lower_rows(const struct app *app, const struct main_view *m, int body)
{
	if (!(m->show_detail || app->digest.shown) || body < 8)
		return 0;
	return body / 2;
}

static void resize(struct app *app, void *data, int rows, int cols)
{
	(void)cols;
	int body = rows - 4;
	if (body < 1)
		body = 1;
	int lower = lower_rows(app, data, body);
	list_set_height(app, body - (lower ? lower + 1 : 0));
	listpos_set(&app->list.apos, app->list.agencies.n + 1, (size_t)(body > 1 ? body - 1 : 1));
}

void view_draw_header(struct app *app, int cols)
{
	char buf[512], date[DATE_LONG_BUF];
	enum lang l = app->lang;
	attrset(color_attr(ROLE_HEADER));
	char marks[64] = "";
	if (app->edits.n_marks) { /* before the totals: seen at 80 columns too */
		snprintf(marks, sizeof marks, msg(M_MARKS_HEADER, l), app->edits.n_marks);
		strcat(marks, " · ");
	}
	snprintf(buf, sizeof buf, " hanchot  %s  %02d:%02d   %s%zu %s · %zu %s · %zu %s · %zu %s",
		 date_format_long(app->today, l, date), app->minute / 60, app->minute % 60, marks,
		 app->list.totals.all, msg(M_TASKS, l), app->list.totals.open, msg(M_OPEN, l), app->list.totals.overdue,
		 msg(M_OVERDUE, l), app->list.totals.due_soon + app->list.totals.due_today, msg(M_SOON, l));
	/* the calendar on colleagues' phones: being published, or not reached */
	if (app->sync.pid || app->sync.failed) {
		size_t n = strlen(buf);
		snprintf(buf + n, sizeof buf - n, "   %s", msg(app->sync.pid ? M_SYNCING : M_SYNC_FAILED, l));
	}
	draw_text(0, 0, cols, buf, 1);
	attrset(A_NORMAL);
}

void view_draw_footer(struct app *app, int rows, int cols, const enum action *hints, size_t n)
{
	view_draw_footer_named(app, rows, cols, hints, NULL, n);
}

void view_draw_footer_named(struct app *app, int rows, int cols, const enum action *hints, const enum msg_id *names,
			    size_t n)
{
	enum lang l = app->lang;
	move(rows - 1, 0);
	clrtoeol();
	if (app->prompt.active) {
		int x = 0;
		if (app->message[0] && app->message_error) { /* why the prompt is asked again */
			attrset(color_attr(ROLE_ERROR));
			x = draw_text(rows - 1, 0, cols * 2 / 3, app->message, 0) + 1;
		}
		attrset(color_attr(ROLE_TITLE));
		x += draw_text(rows - 1, x, cols - x, msg(app->prompt.label, l), 0);
		attrset(A_NORMAL);
		char buf[PROMPT_MAX + 4];
		snprintf(buf, sizeof buf, "%s_", app->prompt.text);
		/* Show the end of long input. */
		int w = cols - x, tw = draw_columns(buf);
		const char *p = buf;
		while (tw > w && *p) {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
			tw = draw_columns(p);
		}
		draw_text(rows - 1, x, w, p, 0);
		return;
	}
	if (app->message[0]) {
		attrset(color_attr(app->message_error ? ROLE_ERROR : ROLE_TITLE));
		draw_text(rows - 1, 0, cols, app->message, 1);
		attrset(A_NORMAL);
		return;
	}
	char buf[1024], keys[48];
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof buf - 1; i++) {
		int w = snprintf(buf + used, sizeof buf - used, "%s%s %s", i ? "  " : "",
				 keymap_describe(&app->km, hints[i], keys, sizeof keys),
				 msg(names && names[i] ? names[i] : keymap_action_msg(hints[i]), l));
		if (w < 0 || (size_t)w >= sizeof buf - used)
			break;
		used += (size_t)w;
	}
	attrset(color_attr(ROLE_FOOTER));
	draw_text(rows - 1, 0, cols, buf, 1);
	attrset(A_NORMAL);
}

void view_draw_agency_rows(struct app *app, int y0, int h, int w)
{
	enum lang l = app->lang;
	struct list *list = &app->list;
	char buf[64];
	listpos_set(&list->apos, list->agencies.n + 1, (size_t)h);
	for (int r = 0; r < h; r++) {
		size_t i = list->apos.top + (size_t)r;
		if (i >= list->agencies.n + 1)
			break;
		size_t open = 0, late = 0;
		const char *name;
		if (i == 0) {
			name = msg(M_ALL_AGENCIES, l);
			open = list->totals.open;
			late = list->totals.overdue;
		} else {
			const struct view_agency *a = &list->agencies.items[i - 1];
			name = a->name;
			open = a->open;
			late = a->overdue;
		}
		snprintf(buf, sizeof buf, "%zu/%zu", late, open);
		int nw = w - 1 - (int)strlen(buf) - 1;
		/* the short name (Sở KH&ĐT) where the full one would be cut */
		if (i > 0 && draw_columns(name) > nw && list->agencies.items[i - 1].short_name)
			name = list->agencies.items[i - 1].short_name;
		attr_t at = late ? color_attr(ROLE_OVERDUE) : color_attr(ROLE_NORMAL);
		if (i == list->apos.sel)
			at |= A_REVERSE;
		attrset(at);
		int x = draw_text(y0 + r, 0, nw, name, 1);
		draw_text(y0 + r, x + 1, w - 1 - x - 1, buf, 1);
	}
	attrset(A_NORMAL);
}

/* The agency pane: its title with the legend of its figures. */
static void draw_agencies(struct app *app, const struct main_view *m, int y0, int h, int w)
{
	enum lang l = app->lang;
	const char *legend = msg(M_AGENCIES_LEGEND, l);
	attrset(color_attr(m->focus == FOCUS_AGENCIES ? ROLE_FOCUS : ROLE_TITLE));
	int lw = draw_columns(legend);
	int x = draw_text(y0 - 1, 0, w - 1 - lw - 1, msg(M_AGENCIES_PANE, l), 1);
	draw_text(y0 - 1, x + 1, w - 1 - x - 1, legend, 1);
	view_draw_agency_rows(app, y0, h, w);
	for (int r = -1; r < h; r++)
		mvaddstr(y0 + r, w - 1, "│");
}

struct columns {
	int sec, sum, lead, due, cd;
};

static struct columns layout(int w)
{
	struct columns c = { 0, 0, 0, 0, 18 };
	if (w >= 100)
		c.sec = 10, c.lead = 24, c.due = 10;
	else if (w >= 70)
		c.sec = 10, c.lead = 16, c.due = 10; /* "I.2.2 (5)" whole */
	else if (w >= 48)
		c.due = 10;
	else
		c.cd = 14;
	if (w >= 110)
		c.cd = 30; /* room for "quá hạn 3 ngày · chờ xác nhận" */
	int fixed = c.sec + c.lead + c.due + c.cd + 2; /* mark column and gaps */
	fixed += (c.sec > 0) + (c.lead > 0) + (c.due > 0) + 1;
	c.sum = w - fixed;
	if (c.sum < 8)
		c.sum = 8;
	return c;
}

static int cell(int y, int x, int w, const char *s)
{
	if (w <= 0)
		return x;
	return x + draw_text(y, x, w, s, 1) + 1;
}

/* A status a row's class does not show, in the column by the mark:
 * » in progress, ↑ reported (awaiting confirmation), ‖ paused. */
static const char *status_marker(enum task_status st)
{
	return st == STATUS_IN_PROGRESS ? "»" : st == STATUS_REPORTED ? "↑" : st == STATUS_PAUSED ? "‖" : " ";
}

static void draw_list(struct app *app, const struct main_view *m, int y0, int x0, int h, int w)
{
	enum lang l = app->lang;
	struct list *list = &app->list;
	struct columns c = layout(w);
	int x = x0 + 2;
	attrset(color_attr(m->focus == FOCUS_LIST ? ROLE_FOCUS : ROLE_TITLE));
	move(y0 - 1, x0);
	x = cell(y0 - 1, x, c.sec, msg(M_COL_SECTION, l));
	x = cell(y0 - 1, x, c.sum, msg(M_COL_SUMMARY, l));
	x = cell(y0 - 1, x, c.lead, msg(M_COL_LEAD, l));
	x = cell(y0 - 1, x, c.due, msg(M_COL_DUE, l));
	cell(y0 - 1, x, x0 + w - x, msg(M_COL_COUNTDOWN, l));
	attrset(A_NORMAL);
	if (list->pos.count == 0) {
		const char *text = list->totals.all ? msg(M_EMPTY_FILTER, l) : msg(M_EMPTY, l);
		draw_text(y0 + 1, x0 + 2, w - 2, text, 0);
		return;
	}
	list_ensure_page(app);
	for (int r = 0; r < h; r++) {
		size_t i = list->pos.top + (size_t)r;
		if (i < list->page_off || i - list->page_off >= list->page.n)
			break;
		const struct view_row *t = &list->page.items[i - list->page_off];
		enum task_class cls = status_classify(t->status, t->due, t->completed, app->today, app->warn_until);
		char due[DATE_BUF], cd[COUNTDOWN_BUF];
		if (status_is_open(t->status)) {
			session_countdown(app->s, t->due, app->today, cd);
			if (t->status != STATUS_NEW && t->status != STATUS_IN_PROGRESS) {
				size_t n = strlen(cd);
				snprintf(cd + n, sizeof cd - n, "%s%s", n ? " · " : "", status_label(t->status, l));
			}
		} else {
			snprintf(cd, sizeof cd, "%s", class_label(cls, l));
		}
		bool marked = edit_is_marked(&app->edits, t->id);
		attr_t at = color_attr(color_class_role(cls));
		if (i == list->pos.sel)
			at |= A_REVERSE;
		attrset(at);
		int y = y0 + r;
		x = x0;
		char lead[8];
		snprintf(lead, sizeof lead, "%s%s", marked ? "*" : " ", status_marker(t->status));
		x += draw_text(y, x, 2, lead, 1);
		x = cell(y, x, c.sec, t->section);
		x = cell(y, x, c.sum, t->summary);
		x = cell(y, x, c.lead, t->lead);
		if (app->s->config.date_style == DATE_STYLE_ISO)
			date_format_iso(t->due, due);
		else
			date_format_dmy(t->due, due);
		x = cell(y, x, c.due, due);
		draw_text(y, x, x0 + w - x, cd, 1);
		attrset(A_NORMAL);
	}
}

static const char *event_label(const char *what, enum lang l)
{
	static const struct {
		const char *what;
		enum msg_id m;
	} names[] = {
		{ "created", M_EV_CREATED }, { "status", M_EV_STATUS }, { "extend", M_EV_EXTEND },
		{ "note", M_EV_NOTE }, { "assign", M_EV_ASSIGN }, { "edit", M_EV_EDIT },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].what, what) == 0)
			return msg(names[i].m, l);
	return what;
}

/* A history value: a status in words, a date as dd/mm/yyyy. */
static const char *value_label(const char *v, enum lang l, char *buf)
{
	enum task_status st;
	civil_day d;
	if (v && status_parse(v, &st) == 0)
		return status_label(st, l);
	if (v && (d = date_parse_iso(v)) != DATE_NONE)
		return date_format_dmy(d, buf);
	return v ? v : "-";
}

/* The selected task and its history, read again when it changed; a new
 * task's detail starts at its top. */
static void ensure_detail(struct app *app, struct main_view *m)
{
	char err[ERR_MAX];
	const struct view_row *r = list_selected(app);
	if (r && r->id == m->detail_id && r->version == m->detail_version &&
	    m->detail_generation == app->list.generation)
		return;
	if (!r || r->id != m->detail_id)
		m->detail_top = 0;
	task_release(&m->detail);
	task_event_list_release(&m->history);
	m->detail_id = r ? r->id : 0;
	m->detail_version = r ? r->version : 0;
	m->detail_generation = app->list.generation;
	if (r && (db_task_get(app->db, r->id, &m->detail, err) || db_event_list(app->db, r->id, &m->history, err)))
		app_error(app, err);
}

/* "Hạn: 31/05/2024 — gia hạn từ 14/05/2024: lý do …": the deadline with
 * the extension that set it; else with the notice's words for it when they
 * say more than the date. */
static void due_line(struct app *app, const struct main_view *m, char *line, size_t size)
{
	enum lang l = app->lang;
	const struct task *t = &m->detail;
	char due[DATE_BUF], from[DATE_BUF], iso[DATE_BUF], err[ERR_MAX];
	civil_day said;
	int n = snprintf(line, size, "%s%s", msg(M_D_DUE, l), date_format_dmy(t->due, due));
	if (n < 0 || (size_t)n >= size)
		return;
	for (size_t i = m->history.n; i-- > 0;) {
		const struct task_event *e = &m->history.items[i];
		if (strcmp(e->what, "extend") != 0 || t->due == DATE_NONE || !e->new_value ||
		    strcmp(e->new_value, date_format_iso(t->due, iso)) != 0)
			continue;
		/* (an undo that put an earlier date back is no extension) */
		if (e->old_value && strcmp(e->old_value, e->new_value) < 0)
			snprintf(line + n, size - (size_t)n, msg(M_D_EXTENDED_FROM, l),
				 value_label(e->old_value, l, from), e->reason ? e->reason : "");
		return;
	}
	if (t->due_phrase && *t->due_phrase &&
	    !(date_parse_near(t->due_phrase, app->today, &said, err) == 0 && said == t->due))
		snprintf(line + n, size - (size_t)n, " (%s)", t->due_phrase);
}

/* One line of the history. */
static void event_line(const struct task_event *e, enum lang l, char *line, size_t size)
{
	char day[DATE_BUF], a[DATE_BUF], b[DATE_BUF];
	int n = snprintf(line, size, "%s %s: %s", date_format_dmy(e->on_date, day), e->who, event_label(e->what, l));
	if (n < 0)
		n = 0;
	if (strcmp(e->what, "note") == 0 || strcmp(e->what, "created") == 0)
		snprintf(line + n, size - (size_t)n, " %s", strcmp(e->what, "note") == 0 ? e->new_value : "");
	else
		snprintf(line + n, size - (size_t)n, " %s → %s%s%s", value_label(e->old_value, l, a),
			 value_label(e->new_value, l, b), e->reason ? " · " : "", e->reason ? e->reason : "");
}

/* The detail from row y (above the pane's top when scrolled: the rows
 * outside are measured, not drawn). Returns the row after the last. */
static int detail_rows(struct app *app, struct main_view *m, int y, int x0, int w)
{
	enum lang l = app->lang;
	const struct task *t = &m->detail;
	char line[1024];
	enum task_class cls = status_classify(t->status, t->due, t->completed, app->today, app->warn_until);
	attrset(color_attr(ROLE_TITLE));
	snprintf(line, sizeof line, "#%lld %s %s", (long long)t->id, t->section, t->summary);
	y += draw_wrapped(y, x0, w, 1000, line);
	attrset(A_NORMAL);
	if (t->full_text && *t->full_text && strcmp(t->full_text, t->summary) != 0)
		y += draw_wrapped(y, x0, w, 1000, t->full_text);
	snprintf(line, sizeof line, "%s%s (%s)", msg(M_D_STATUS, l), status_label(t->status, l), class_label(cls, l));
	y += draw_wrapped(y, x0, w, 100, line);
	due_line(app, m, line, sizeof line);
	y += draw_wrapped(y, x0, w, 100, line);
	char *lead = task_join(t->leads, t->n_leads, "; ");
	char *coop = task_join(t->cooperating, t->n_cooperating, "; ");
	snprintf(line, sizeof line, "%s%s", msg(M_D_LEAD, l), lead);
	y += draw_wrapped(y, x0, w, 100, line);
	if (*coop) {
		snprintf(line, sizeof line, "%s%s", msg(M_D_COOP, l), coop);
		y += draw_wrapped(y, x0, w, 100, line);
	}
	free(lead);
	free(coop);
	snprintf(line, sizeof line, "%s%s", msg(M_D_DOC, l), t->document_label ? t->document_label : msg(M_D_HAND, l));
	y += draw_wrapped(y, x0, w, 100, line);
	attrset(color_attr(ROLE_TITLE));
	draw_text(y++, x0, w, msg(M_D_HISTORY, l), 0);
	attrset(A_NORMAL);
	for (size_t i = m->history.n; i-- > 0;) { /* newest first: seen without scrolling */
		event_line(&m->history.items[i], l, line, sizeof line);
		y += draw_wrapped(y, x0 + 1, w - 1, 100, line);
	}
	return y;
}

/* The detail pane, scrolled by detail_top (J/K); the last row says when
 * more is below. */
static void draw_detail(struct app *app, struct main_view *m, int y0, int x0, int h, int w)
{
	ensure_detail(app, m);
	if (!m->detail_id)
		return;
	draw_clip(0, 0); /* measured first: the scroll is kept within it */
	int total = detail_rows(app, m, 0, x0, w);
	int max_top = total > h ? total - h : 0;
	if (m->detail_top > max_top) /* (the task got shorter, or the pane taller) */
		m->detail_top = max_top;
	draw_clip(y0, y0 + h);
	detail_rows(app, m, y0 - m->detail_top, x0, w);
	draw_unclip();
	if (m->detail_top < max_top) {
		char keys[48], more[96];
		snprintf(more, sizeof more, msg(M_D_MORE, app->lang),
			 keymap_describe(&app->km, ACT_DETAIL_DOWN, keys, sizeof keys));
		attrset(color_attr(ROLE_MUTED));
		int cw = draw_columns(more);
		draw_text(y0 + h - 1, x0 + (w > cw ? w - cw : 0), w, more, 0);
		attrset(A_NORMAL);
	}
}

static void draw_digest(struct app *app, int y0, int x0, int h, int w)
{
	enum lang l = app->lang;
	char line[512], date[DATE_LONG_BUF];
	static const enum msg_id heads[DIGEST_PARTS] = { M_DIGEST_TODAY, M_DIGEST_OVERDUE, M_DIGEST_SOON };
	static const enum role roles[DIGEST_PARTS] = { ROLE_TODAY, ROLE_OVERDUE, ROLE_SOON };
	const struct digest *d = &app->digest;
	int y = y0, end = y0 + h;
	attrset(color_attr(ROLE_TITLE));
	snprintf(line, sizeof line, msg(M_DIGEST_TITLE, l), date_format_long(d->day, l, date));
	draw_text(y++, x0, w, line, 0);
	for (int k = 0; k < DIGEST_PARTS && y < end; k++) {
		if (!d->count[k])
			continue;
		attrset(color_attr(roles[k]));
		snprintf(line, sizeof line, msg(heads[k], l), d->count[k]);
		draw_text(y++, x0 + 1, w - 1, line, 0);
		attrset(A_NORMAL);
		for (size_t i = 0; i < d->rows[k].n && y < end; i++) {
			const struct view_row *r = &d->rows[k].items[i];
			snprintf(line, sizeof line, "%s %s — %s", r->section, r->summary, r->lead);
			draw_text(y++, x0 + 3, w - 3, line, 0);
		}
	}
	if (y < end) {
		attrset(color_attr(ROLE_MUTED));
		char keys[48];
		snprintf(line, sizeof line, "%s: %s", keymap_describe(&app->km, ACT_BACK, keys, sizeof keys),
			 msg(M_DIGEST_DISMISS, l));
		draw_text(end - 1, x0, w, line, 0);
	}
	attrset(A_NORMAL);
}

static const char *filter_name(int f, enum lang l);

/* The status line: what the list shows and what the next change applies to
 * ("Lọc: quá hạn · Sở Tài chính · tìm "ke hoach" · sắp xếp: mức khẩn · 3 đã
 * chọn"), so a filter set earlier never hides a search's results unseen. */
static void draw_status(struct app *app, int y, int cols)
{
	static const enum msg_id sorts[SORT_COUNT] = { M_SORT_URGENCY, M_SORT_SECTION, M_SORT_UPDATED };
	const struct list *l = &app->list;
	enum lang lang = app->lang;
	char buf[PROMPT_MAX + 512], part[PROMPT_MAX + 64];
	snprintf(buf, sizeof buf, msg(M_FILTER, lang), filter_name(l->q.filter, lang));
	for (size_t i = 0; l->q.agency_id && i < l->agencies.n; i++)
		if (l->agencies.items[i].id == l->q.agency_id)
			snprintf(part, sizeof part, " · %s", l->agencies.items[i].name), strcat(buf, part);
	if (*l->search) {
		snprintf(part, sizeof part, msg(M_STATUS_SEARCH, lang), l->search, l->pos.count);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	snprintf(part, sizeof part, " · %s", msg(M_STATUS_SORT, lang));
	strncat(buf, part, sizeof buf - strlen(buf) - 1);
	strncat(buf, msg(sorts[l->q.sort], lang), sizeof buf - strlen(buf) - 1);
	if (app->edits.n_marks) {
		strncat(buf, " · ", sizeof buf - strlen(buf) - 1);
		snprintf(part, sizeof part, msg(M_MARKS_HEADER, lang), app->edits.n_marks);
		strncat(buf, part, sizeof buf - strlen(buf) - 1);
	}
	move(y, 0);
	clrtoeol();
	attrset(color_attr(ROLE_MUTED));
	draw_text(y, 0, cols, buf, 1);
	attrset(A_NORMAL);
}

static const enum action hints_list[] = {
	ACT_DOWN, ACT_UP, ACT_DETAIL, ACT_DONE, ACT_PROGRESS, ACT_EXTEND, ACT_NOTE, ACT_UNDO,
	ACT_SEARCH, ACT_FILTER, ACT_SORT, ACT_MARK, ACT_ADD, ACT_AGENCIES, ACT_HELP, ACT_QUIT,
};
static const enum action hints_agencies[] = { ACT_DOWN, ACT_UP, ACT_PANE, ACT_DETAIL, ACT_AGENCIES,
					      ACT_HELP, ACT_QUIT };

static void draw(struct app *app, void *data, int rows, int cols)
{
	struct main_view *m = data;
	int aw = agency_width(cols);
	int body = rows - 4;
	int lower = lower_rows(app, m, body);
	int lh = body - (lower ? lower + 1 : 0);
	resize(app, m, rows, cols);
	view_draw_header(app, cols);
	if (aw)
		draw_agencies(app, m, 2, body + 1, aw);
	else if (m->focus == FOCUS_AGENCIES)
		m->focus = FOCUS_LIST;
	draw_list(app, m, 2, aw, lh, cols - aw);
	if (lower) {
		attrset(color_attr(ROLE_MUTED));
		move(2 + lh, aw);
		for (int i = aw; i < cols; i++)
			addstr("─");
		attrset(A_NORMAL);
		if (app->digest.shown)
			draw_digest(app, 3 + lh, aw + 1, lower, cols - aw - 1);
		else
			draw_detail(app, m, 3 + lh, aw + 1, lower, cols - aw - 1);
	}
	draw_status(app, rows - 2, cols);
	if (m->focus == FOCUS_AGENCIES)
		view_draw_footer(app, rows, cols, hints_agencies, sizeof hints_agencies / sizeof hints_agencies[0]);
	else
		view_draw_footer(app, rows, cols, hints_list, sizeof hints_list / sizeof hints_list[0]);
}

/* ---- keys ------------------------------------------------------------------ */

static int parse_day(struct app *app, const char *text, civil_day *out)
{
	char err[ERR_MAX];
	if (date_parse_near(text, app->today, out, err)) {
		app_message(app, true, msg(M_BAD_DATE, app->lang), err);
		return -1;
	}
	return 0;
}

/* a: the form's summary and lead, then its deadline (text). -1 when the
 * date is refused: its prompt stays open, the summary and lead kept. */
static int add_task(struct app *app, struct main_view *m, const char *due_text)
{
	struct task t;
	int rc = 0;
	task_init(&t);
	task_set_str(&t.summary, m->form_summary);
	task_set_str(&t.full_text, m->form_summary);
	task_add_lead(&t, m->form_lead);
	if (*due_text) {
		if ((rc = parse_day(app, due_text, &t.due)) == 0) {
			t.precision = PRECISION_DAY;
			task_set_str(&t.due_phrase, due_text);
		}
	}
	if (rc == 0)
		edit_add(app, &t);
	task_release(&t);
	return rc;
}

static void set_field(char **field, const char *text)
{
	free(*field);
	*field = xstrdup(text);
}

/* A reason (extension, cancellation): spaces are no reason. -1 when
 * refused: the prompt stays open. */
static int reason_done(struct app *app, struct main_view *m, int purpose, const char *text)
{
	char *reason = text_entry("reason", text, 0, NULL);
	if (!reason) {
		app_message(app, true, "%s",
			    msg(purpose == P_CANCEL_REASON ? M_CANCEL_REASON_REQUIRED : M_REASON_REQUIRED, app->lang));
		return -1;
	}
	if (purpose == P_CANCEL_REASON)
		edit_cancel(app, reason);
	else
		edit_extend(app, m->pending_due, reason);
	free(reason);
	return 0;
}

/* D and e: the date typed, checked against today and the held tasks'
 * deadlines while the prompt is still open. -1 when refused. */
static int date_done(struct app *app, struct main_view *m, int purpose, const char *text)
{
	char err[ERR_MAX];
	civil_day day = app->today;
	if (*text && parse_day(app, text, &day))
		return -1;
	if (purpose == P_DONE_DATE) {
		if (edit_check_done(app, day, err))
			return app_message(app, true, "%s", err), -1;
		edit_set_status(app, STATUS_DONE, day);
		return 0;
	}
	if (!*text)
		return app_message(app, true, "%s", msg(M_DATE_REQUIRED, app->lang)), -1;
	if (edit_check_extend(app, day, err))
		return app_message(app, true, "%s", err), -1;
	m->pending_due = day;
	prompt_open(&app->prompt, M_PROMPT_REASON, P_EXTEND_REASON, NULL);
	return 0;
}

/* The prompt's text was accepted: what it was for. -1 when the text is
 * refused: the prompt opens again with it, the error beside it. */
static int prompt_done(struct app *app, struct main_view *m, int purpose, const char *text)
{
	struct prompt *p = &app->prompt;
	switch (purpose) {
	case P_DONE_DATE:
	case P_EXTEND_DATE: return date_done(app, m, purpose, text);
	case P_EXTEND_REASON:
	case P_CANCEL_REASON: return reason_done(app, m, purpose, text);
	case P_NOTE:
		if (*text)
			edit_note(app, text);
		else
			edit_unhold(app);
		break;
	case P_SEARCH:
		if (*app->list.search)
			app_message(app, false, msg(M_SEARCH_SHOWN, app->lang), app->list.search, app->list.pos.count);
		break;
	case P_ADD_SUMMARY:
		if (*text) {
			set_field(&m->form_summary, text);
			prompt_open(p, M_PROMPT_LEAD, P_ADD_LEAD, NULL);
		}
		break;
	case P_ADD_LEAD:
		if (*text)
			set_field(&m->form_lead, text);
		prompt_open(p, *text ? M_PROMPT_DUE : M_PROMPT_LEAD, *text ? P_ADD_DUE : P_ADD_LEAD, NULL);
		break;
	case P_ADD_DUE: return add_task(app, m, text);
	case P_IMPORT_FILE:
		if (*text)
			app_open_view(app, &view_review, text);
		break;
	case P_EXPORT_FILE:
		if (*text)
			screen_export(app, text);
		break;
	default: break;
	}
	return 0;
}

static void prompt_input(struct app *app, struct main_view *m, int key)
{
	struct prompt *p = &app->prompt;
	enum prompt_result r = prompt_key(p, key);
	if (r == PROMPT_ACCEPT && p->purpose == P_SEARCH)
		list_search_settle(app); /* the count the message shows */
	if (r == PROMPT_ACCEPT) {
		char text[PROMPT_MAX];
		int purpose = p->purpose;
		enum msg_id label = p->label;
		snprintf(text, sizeof text, "%s", p->text);
		prompt_close(p);
		app->message[0] = '\0';
		if (prompt_done(app, m, purpose, text))
			prompt_open(p, label, purpose, text);
	} else if (r == PROMPT_CANCEL) {
		if (p->purpose == P_SEARCH)
			list_search(app, "");
		edit_unhold(app);
		prompt_close(p);
		app->message[0] = '\0';
	} else if (r == PROMPT_EDITED && p->purpose == P_SEARCH) {
		app->list.search_pending = true;
	} else if (r == PROMPT_COMPLETE && p->purpose == P_ADD_LEAD) {
		const char *name = list_complete_agency(&app->list, p->text);
		if (name)
			prompt_set(p, name);
	}
	app->dirty = true;
}

static const char *filter_name(int f, enum lang l)
{
	return f == FILTER_ALL ? msg(M_FILTER_ALL, l) : f == FILTER_OPEN ? msg(M_FILTER_OPEN, l)
									  : class_label((enum task_class)f, l);
}

/* f, and the direct keys 1 2 3: the class filter. */
static void set_filter(struct app *app, int f)
{
	app->list.q.filter = f;
	list_requery(app);
	app_message(app, false, msg(M_FILTER, app->lang), filter_name(f, app->lang));
}

static void cycle_filter(struct app *app)
{
	int f = app->list.q.filter + 1;
	set_filter(app, f >= CLASS_COUNT ? FILTER_ALL : f);
}

static void cycle_sort(struct app *app)
{
	static const enum msg_id names[SORT_COUNT] = { M_SORT_URGENCY, M_SORT_SECTION, M_SORT_UPDATED };
	app->list.q.sort = (enum view_sort)((app->list.q.sort + 1) % SORT_COUNT);
	list_requery(app);
	app_message(app, false, msg(M_SORT, app->lang), msg(names[app->list.q.sort], app->lang));
}

/* Enter: from the agency pane (whose agency filters the list already), to
 * the list; the digest is dismissed; else the detail pane opens or closes. */
static void enter(struct app *app, struct main_view *m)
{
	if (m->focus == FOCUS_AGENCIES) {
		m->focus = FOCUS_LIST;
	} else if (app->digest.shown) {
		app->digest.shown = false;
	} else {
		m->show_detail = !m->show_detail;
	}
}

/* Esc: closes the digest, else the detail pane, else clears the marks,
 * else shows every task again (no filter, agency or search). */
static void back(struct app *app, struct main_view *m)
{
	struct list *l = &app->list;
	size_t n;
	if (app->digest.shown) {
		app->digest.shown = false;
	} else if (m->show_detail) {
		m->show_detail = false;
	} else if ((n = edit_clear_marks(app))) {
		app_message(app, false, msg(M_MARKS_CLEARED, app->lang), n);
	} else if (*l->search || l->q.filter != FILTER_ALL || l->q.agency_id) {
		l->q.filter = FILTER_ALL;
		l->q.agency_id = 0;
		listpos_select(&l->apos, 0);
		if (*l->search)
			list_search(app, "");
		else
			list_requery(app);
		app_message(app, false, "%s", msg(M_VIEW_RESET, app->lang));
	}
}

/* A key that opens a prompt or another screen. */
static void open_key(struct app *app, enum action a)
{
	char *path;
	switch (a) {
	/* a change's prompt holds its tasks (tui/edit.h) */
	case ACT_DONE_ON:
		if (edit_hold(app))
			prompt_open(&app->prompt, M_PROMPT_DONE_DATE, P_DONE_DATE, NULL);
		break;
	case ACT_EXTEND:
		if (edit_hold(app))
			prompt_open(&app->prompt, M_PROMPT_EXTEND_DATE, P_EXTEND_DATE, NULL);
		break;
	case ACT_NOTE:
		if (edit_hold(app))
			prompt_open(&app->prompt, M_PROMPT_NOTE, P_NOTE, NULL);
		break;
	case ACT_CANCEL:
		if (edit_hold(app))
			prompt_open(&app->prompt, M_PROMPT_CANCEL_REASON, P_CANCEL_REASON, NULL);
		break;
	case ACT_SEARCH: prompt_open(&app->prompt, M_PROMPT_SEARCH, P_SEARCH, app->list.search); break;
	case ACT_ADD: prompt_open(&app->prompt, M_PROMPT_SUMMARY, P_ADD_SUMMARY, NULL); break;
	case ACT_IMPORT: prompt_open(&app->prompt, M_PROMPT_IMPORT, P_IMPORT_FILE, NULL); break;
	case ACT_EXPORT: screen_export_offer(app); break;
	case ACT_EXAMPLE:
		if (app->list.totals.all == 0) { /* offered on the empty screen */
			path = paths_data_file("example-notice.md");
			app_open_view(app, &view_review, path);
			free(path);
		}
		break;
	case ACT_REPORT: app_open_view(app, &view_report, NULL); break;
	case ACT_AGENCIES: app_open_view(app, &view_agencies, NULL); break;
	case ACT_HELP: app_open_view(app, &view_help, NULL); break;
	default: break;
	}
}

static void key(struct app *app, void *data, int k, enum action a)
{
	struct main_view *m = data;
	struct listpos *lp = m->focus == FOCUS_AGENCIES ? &app->list.apos : &app->list.pos;
	if (app->prompt.active) {
		prompt_input(app, m, k);
		return;
	}
	if (a != ACT_NONE && a != ACT_MARK)
		app->message[0] = '\0';
	switch (a) {
	case ACT_DOWN: case ACT_UP: case ACT_PGDN: case ACT_PGUP: case ACT_TOP: case ACT_BOTTOM:
		listpos_act(lp, a);
		break;
	case ACT_PANE:
		if (!agency_width(COLS)) /* the pane is hidden: a picker instead */
			app_open_view(app, &view_pick, NULL);
		else
			m->focus = m->focus == FOCUS_LIST ? FOCUS_AGENCIES : FOCUS_LIST;
		break;
	case ACT_DETAIL: enter(app, m); break;
	case ACT_BACK: back(app, m); break;
	case ACT_PROGRESS: edit_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_REPORTED: edit_set_status(app, STATUS_REPORTED, DATE_NONE); break;
	case ACT_DONE: edit_set_status(app, STATUS_DONE, app->today); break;
	case ACT_PAUSE: edit_set_status(app, STATUS_PAUSED, DATE_NONE); break;
	case ACT_REOPEN: edit_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_UNDO: undo_last(app); break;
	case ACT_FILTER: cycle_filter(app); break;
	case ACT_DETAIL_DOWN:
	case ACT_DETAIL_UP:
		m->show_detail = true;
		m->detail_top += a == ACT_DETAIL_DOWN ? 3 : -3;
		if (m->detail_top < 0)
			m->detail_top = 0;
		break;
	case ACT_SHOW_OPEN: set_filter(app, FILTER_OPEN); break;
	case ACT_SHOW_OVERDUE: set_filter(app, CLASS_OVERDUE); break;
	case ACT_SHOW_SOON: set_filter(app, CLASS_DUE_SOON); break;
	case ACT_SORT: cycle_sort(app); break;
	case ACT_MARK: edit_toggle_mark(app); break;
	case ACT_QUIT: app->quit = true; break;
	case ACT_SEARCH:
		m->focus = FOCUS_LIST;
		open_key(app, a);
		break;
	default: open_key(app, a); break;
	}
	/* the agency under the cursor filters the list as it moves */
	if (m->focus == FOCUS_AGENCIES && a >= ACT_DOWN && a <= ACT_BOTTOM)
		list_select_agency(app);
	app->dirty = true;
}

const struct view view_main = { "main", open_main, close_main, draw, key, resize };
