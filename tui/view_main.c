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
	int body = rows - 3;
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
	snprintf(buf, sizeof buf, " hanchot  %s  %02d:%02d   %zu %s · %zu %s · %zu %s · %zu %s",
		 date_format_long(app->today, l, date), app->minute / 60, app->minute % 60,
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
	enum lang l = app->lang;
	move(rows - 1, 0);
	clrtoeol();
	if (app->prompt.active) {
		int x = 0;
		if (app->message[0] && app->message_error) { /* why the prompt is asked again */
			attrset(color_attr(ROLE_ERROR));
			x = draw_text(rows - 1, 0, cols / 2, app->message, 0) + 1;
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
				 msg(keymap_action_msg(hints[i]), l));
		if (w < 0 || (size_t)w >= sizeof buf - used)
			break;
		used += (size_t)w;
	}
	attrset(color_attr(ROLE_FOOTER));
	draw_text(rows - 1, 0, cols, buf, 1);
	attrset(A_NORMAL);
}

static void draw_agencies(struct app *app, const struct main_view *m, int y0, int h, int w)
{
	enum lang l = app->lang;
	struct list *list = &app->list;
	char buf[256];
	attrset(color_attr(m->focus == FOCUS_AGENCIES ? ROLE_FOCUS : ROLE_TITLE));
	draw_text(y0 - 1, 0, w, msg(M_AGENCIES_PANE, l), 1);
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
		attr_t at = late ? color_attr(ROLE_OVERDUE) : color_attr(ROLE_NORMAL);
		if (i == list->apos.sel)
			at |= A_REVERSE;
		attrset(at);
		int nw = w - 1 - (int)strlen(buf) - 1;
		int x = draw_text(y0 + r, 0, nw, name, 1);
		draw_text(y0 + r, x + 1, w - 1 - x - 1, buf, 1);
	}
	attrset(A_NORMAL);
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
		x += draw_text(y, x, 2, marked ? "* " : "  ", 1);
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

static const char *value_label(const char *v, enum lang l)
{
	enum task_status st;
	if (v && status_parse(v, &st) == 0)
		return status_label(st, l);
	return v ? v : "-";
}

/* The selected task and its history, read again when it changed. */
static void ensure_detail(struct app *app, struct main_view *m)
{
	char err[ERR_MAX];
	const struct view_row *r = list_selected(app);
	if (r && r->id == m->detail_id && r->version == m->detail_version &&
	    m->detail_generation == app->list.generation)
		return;
	task_release(&m->detail);
	task_event_list_release(&m->history);
	m->detail_id = r ? r->id : 0;
	m->detail_version = r ? r->version : 0;
	m->detail_generation = app->list.generation;
	if (r && (db_task_get(app->db, r->id, &m->detail, err) || db_event_list(app->db, r->id, &m->history, err)))
		app_error(app, err);
}

static void draw_detail(struct app *app, struct main_view *m, int y0, int x0, int h, int w)
{
	enum lang l = app->lang;
	ensure_detail(app, m);
	if (!m->detail_id)
		return;
	const struct task *t = &m->detail;
	char line[1024], due[DATE_BUF];
	int y = y0, end = y0 + h;
	enum task_class cls = status_classify(t->status, t->due, t->completed, app->today, app->warn_until);
	attrset(color_attr(ROLE_TITLE));
	snprintf(line, sizeof line, "#%lld %s %s", (long long)t->id, t->section, t->summary);
	y += draw_wrapped(y, x0, w, end - y, line);
	attrset(A_NORMAL);
	if (t->full_text && *t->full_text && strcmp(t->full_text, t->summary) != 0 && y < end)
		y += draw_wrapped(y, x0, w, (end - y) / 2 > 0 ? (end - y) / 2 : 1, t->full_text);
	char *lead = task_join(t->leads, t->n_leads, "; ");
	char *coop = task_join(t->cooperating, t->n_cooperating, "; ");
	snprintf(line, sizeof line, "%s%s (%s)   %s%s %s", msg(M_D_STATUS, l), status_label(t->status, l),
		 class_label(cls, l), msg(M_D_DUE, l), date_format_dmy(t->due, due),
		 t->due_phrase && *t->due_phrase ? t->due_phrase : "");
	if (y < end)
		y += draw_wrapped(y, x0, w, end - y, line);
	snprintf(line, sizeof line, "%s%s", msg(M_D_LEAD, l), lead);
	if (y < end)
		y += draw_wrapped(y, x0, w, end - y, line);
	if (*coop && y < end) {
		snprintf(line, sizeof line, "%s%s", msg(M_D_COOP, l), coop);
		y += draw_wrapped(y, x0, w, end - y, line);
	}
	snprintf(line, sizeof line, "%s%s", msg(M_D_DOC, l),
		 t->document_label ? t->document_label : msg(M_D_HAND, l));
	if (y < end)
		y += draw_wrapped(y, x0, w, end - y, line);
	free(lead);
	free(coop);
	if (y < end) {
		attrset(color_attr(ROLE_TITLE));
		draw_text(y++, x0, w, msg(M_D_HISTORY, l), 0);
		attrset(A_NORMAL);
	}
	/* Newest last; show the most recent that fit. */
	size_t first = m->history.n > (size_t)(end - y) ? m->history.n - (size_t)(end - y) : 0;
	for (size_t i = first; i < m->history.n && y < end; i++) {
		const struct task_event *e = &m->history.items[i];
		char day[DATE_BUF];
		int n = snprintf(line, sizeof line, "%s %s: %s", date_format_dmy(e->on_date, day), e->who,
				 event_label(e->what, l));
		if (n < 0)
			n = 0;
		if (strcmp(e->what, "note") == 0 || strcmp(e->what, "created") == 0)
			snprintf(line + n, sizeof line - (size_t)n, " %s", strcmp(e->what, "note") == 0 ? e->new_value : "");
		else
			snprintf(line + n, sizeof line - (size_t)n, " %s → %s%s%s", value_label(e->old_value, l),
				 value_label(e->new_value, l), e->reason ? " · " : "", e->reason ? e->reason : "");
		draw_text(y++, x0 + 1, w - 1, line, 0);
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
	int body = rows - 3;
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
	if (m->focus == FOCUS_AGENCIES)
		view_draw_footer(app, rows, cols, hints_agencies, sizeof hints_agencies / sizeof hints_agencies[0]);
	else
		view_draw_footer(app, rows, cols, hints_list, sizeof hints_list / sizeof hints_list[0]);
}

/* ---- keys ------------------------------------------------------------------ */

static int parse_day(struct app *app, const char *text, civil_day *out)
{
	char err[ERR_MAX];
	if (date_parse(text, out, err)) {
		app_message(app, true, msg(M_BAD_DATE, app->lang), err);
		return -1;
	}
	return 0;
}

/* a: the form's summary and lead, then its deadline (text). */
static void add_task(struct app *app, struct main_view *m, const char *due_text)
{
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, m->form_summary);
	task_set_str(&t.full_text, m->form_summary);
	task_add_lead(&t, m->form_lead);
	if (*due_text) {
		if (parse_day(app, due_text, &t.due))
			goto out;
		t.precision = PRECISION_DAY;
		task_set_str(&t.due_phrase, due_text);
	}
	if (db_task_add(app->db, &t, err)) {
		app_error(app, err);
	} else {
		app_message(app, false, msg(M_ADDED, app->lang), (long long)t.id);
		app_saved(app);
	}
	list_reload(app, true);
	list_select_task(app, t.id);
out:
	task_release(&t);
}

/* What the list shows, as an export filter: the selected agency, and open
 * tasks only when the filter shows open ones (a filter on done or cancelled
 * tasks has no export counterpart: everything of the agency is exported
 * then). */
static void list_filter(const struct app *app, struct db_export_filter *f)
{
	db_export_filter_init(f);
	f->agency_id = app->list.q.agency_id;
	int c = app->list.q.filter;
	f->open_only = c == FILTER_OPEN ||
		       (c != FILTER_ALL && c >= 0 && c < CLASS_COUNT && c != CLASS_DONE_ON_TIME &&
			c != CLASS_DONE_LATE && c != CLASS_CANCELLED);
}

/* The file `x` offers: the configured export_file when the list shows
 * everything; a part of it goes elsewhere (~/hanchot-loc.ics: "lọc",
 * filtered), never over the calendar others subscribe to. */
static char *default_export_path(struct app *app)
{
	const char *home = getenv("HOME");
	struct db_export_filter f;
	list_filter(app, &f);
	bool part = f.agency_id || f.open_only;
	if (app->s->config.export_file && !part)
		return xstrdup(app->s->config.export_file);
	return xasprintf("%s/hanchot%s.ics", home && *home ? home : ".", part ? "-loc" : "");
}

/* Exports what the list shows; says where it went, with the full path. */
static void export_to(struct app *app, const char *path)
{
	struct session_export_options o;
	struct db_export_filter f;
	struct db_export_stats stats = { 0 };
	char err[ERR_MAX], warning[ERR_MAX], *written = NULL;
	if (session_export_options_init(app->s, &o, err)) {
		app_error(app, err);
		return;
	}
	list_filter(app, &f);
	if (session_export_to(app->s, &o.opt, &f, path, &stats, &written, err)) {
		app_error(app, err);
	} else {
		session_export_warning(&stats, warning);
		if (*warning)
			app_error(app, warning);
		else
			app_message(app, false, msg(M_EXPORTED, app->lang), stats.tasks, written);
	}
	free(written);
	session_export_options_release(&o);
}

static void set_field(char **field, const char *text)
{
	free(*field);
	*field = xstrdup(text);
}

/* e: the reason, after the date; spaces are no reason. */
static void extend_reason(struct app *app, struct main_view *m, const char *text)
{
	char *reason = text_entry("reason", text, 0, NULL);
	if (!reason) {
		app_message(app, true, "%s", msg(M_REASON_REQUIRED, app->lang));
		prompt_open(&app->prompt, M_PROMPT_REASON, P_EXTEND_REASON, NULL);
	} else {
		edit_extend(app, m->pending_due, reason);
	}
	free(reason);
}

/* The prompt's text was accepted: what it was for. */
static void prompt_done(struct app *app, struct main_view *m, int purpose, const char *text)
{
	struct prompt *p = &app->prompt;
	civil_day day;
	switch (purpose) {
	case P_DONE_DATE:
		if (!*text)
			edit_set_status(app, STATUS_DONE, app->today);
		else if (parse_day(app, text, &day) == 0)
			edit_set_status(app, STATUS_DONE, day);
		break;
	case P_EXTEND_DATE:
		if (parse_day(app, text, &m->pending_due) == 0)
			prompt_open(p, M_PROMPT_REASON, P_EXTEND_REASON, NULL);
		break;
	case P_EXTEND_REASON: extend_reason(app, m, text); break;
	case P_NOTE:
		if (*text)
			edit_note(app, text);
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
	case P_ADD_DUE: add_task(app, m, text); break;
	case P_IMPORT_FILE:
		if (*text)
			app_open_view(app, &view_review, text);
		break;
	case P_EXPORT_FILE:
		if (*text)
			export_to(app, text);
		break;
	default: break;
	}
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
		snprintf(text, sizeof text, "%s", p->text);
		prompt_close(p);
		app->message[0] = '\0';
		prompt_done(app, m, purpose, text);
	} else if (r == PROMPT_CANCEL) {
		if (p->purpose == P_SEARCH)
			list_search(app, "");
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

static void cycle_filter(struct app *app)
{
	int f = app->list.q.filter + 1;
	if (f >= CLASS_COUNT)
		f = FILTER_ALL;
	app->list.q.filter = f;
	list_requery(app);
	app_message(app, false, msg(M_FILTER, app->lang),
		    f == FILTER_ALL ? msg(M_FILTER_ALL, app->lang)
		    : f == FILTER_OPEN ? msg(M_FILTER_OPEN, app->lang) : class_label((enum task_class)f, app->lang));
}

static void cycle_sort(struct app *app)
{
	static const enum msg_id names[SORT_COUNT] = { M_SORT_URGENCY, M_SORT_SECTION, M_SORT_UPDATED };
	app->list.q.sort = (enum view_sort)((app->list.q.sort + 1) % SORT_COUNT);
	list_requery(app);
	app_message(app, false, msg(M_SORT, app->lang), msg(names[app->list.q.sort], app->lang));
}

/* Enter: the agency pane's choice filters the list; the digest is
 * dismissed; else the detail pane opens or closes. */
static void enter(struct app *app, struct main_view *m)
{
	if (m->focus == FOCUS_AGENCIES) {
		list_select_agency(app);
		m->focus = FOCUS_LIST;
	} else if (app->digest.shown) {
		app->digest.shown = false;
	} else {
		m->show_detail = !m->show_detail;
	}
}

/* Esc: closes the digest, else the detail pane, else the search. */
static void back(struct app *app, struct main_view *m)
{
	if (app->digest.shown)
		app->digest.shown = false;
	else if (m->show_detail)
		m->show_detail = false;
	else if (*app->list.search)
		list_search(app, "");
}

/* A key that opens a prompt or another screen. */
static void open_key(struct app *app, enum action a)
{
	char *path;
	switch (a) {
	case ACT_DONE_ON:
		if (edit_has_targets(app))
			prompt_open(&app->prompt, M_PROMPT_DONE_DATE, P_DONE_DATE, NULL);
		break;
	case ACT_EXTEND:
		if (edit_has_targets(app))
			prompt_open(&app->prompt, M_PROMPT_EXTEND_DATE, P_EXTEND_DATE, NULL);
		break;
	case ACT_NOTE:
		if (edit_has_targets(app))
			prompt_open(&app->prompt, M_PROMPT_NOTE, P_NOTE, NULL);
		break;
	case ACT_SEARCH: prompt_open(&app->prompt, M_PROMPT_SEARCH, P_SEARCH, app->list.search); break;
	case ACT_ADD: prompt_open(&app->prompt, M_PROMPT_SUMMARY, P_ADD_SUMMARY, NULL); break;
	case ACT_IMPORT: prompt_open(&app->prompt, M_PROMPT_IMPORT, P_IMPORT_FILE, NULL); break;
	case ACT_EXPORT:
		path = default_export_path(app);
		prompt_open(&app->prompt, M_PROMPT_EXPORT, P_EXPORT_FILE, path);
		free(path);
		break;
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
	case ACT_DOWN: listpos_move(lp, 1); break;
	case ACT_UP: listpos_move(lp, -1); break;
	case ACT_PGDN: listpos_page(lp, 1); break;
	case ACT_PGUP: listpos_page(lp, -1); break;
	case ACT_TOP: listpos_home(lp); break;
	case ACT_BOTTOM: listpos_end(lp); break;
	case ACT_PANE: m->focus = m->focus == FOCUS_LIST ? FOCUS_AGENCIES : FOCUS_LIST; break;
	case ACT_DETAIL: enter(app, m); break;
	case ACT_BACK: back(app, m); break;
	case ACT_PROGRESS: edit_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_REPORTED: edit_set_status(app, STATUS_REPORTED, DATE_NONE); break;
	case ACT_DONE: edit_set_status(app, STATUS_DONE, app->today); break;
	case ACT_PAUSE: edit_set_status(app, STATUS_PAUSED, DATE_NONE); break;
	case ACT_CANCEL: edit_set_status(app, STATUS_CANCELLED, DATE_NONE); break;
	case ACT_REOPEN: edit_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_UNDO: edit_undo(app); break;
	case ACT_FILTER: cycle_filter(app); break;
	case ACT_SORT: cycle_sort(app); break;
	case ACT_MARK: edit_toggle_mark(app); break;
	case ACT_QUIT: app->quit = true; break;
	case ACT_SEARCH:
		m->focus = FOCUS_LIST;
		open_key(app, a);
		break;
	default: open_key(app, a); break;
	}
	app->dirty = true;
}

const struct view view_main = { "main", open_main, close_main, draw, key, resize };
