/* view_main: the all-day screen: header, agency pane, task list, detail or
 * digest pane, footer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/countdown.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/export.h"
#include "db/task.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

#define AGENCY_PANE_MIN_COLS 110

static int agency_width(int cols) { return cols >= AGENCY_PANE_MIN_COLS ? (cols >= 140 ? 32 : 26) : 0; }

/* The rows the list gets: body minus the lower pane. */
static int lower_rows(const struct app *app, int body)
{
	if (!(app->show_detail || app->digest) || body < 8)
		return 0;
	return body / 2;
}

static void resize(struct app *app, int rows, int cols)
{
	(void)cols;
	int body = rows - 3;
	if (body < 1)
		body = 1;
	int lower = lower_rows(app, body);
	app_list_height(app, body - (lower ? lower + 1 : 0));
	listpos_set(&app->apos, app->agencies.n + 1, (size_t)(body > 1 ? body - 1 : 1));
}

void view_draw_header(struct app *app, int cols)
{
	char buf[512], date[DATE_LONG_BUF];
	enum lang l = app->lang;
	attrset(color_attr(ROLE_HEADER));
	snprintf(buf, sizeof buf, " hanchot  %s  %02d:%02d   %zu %s · %zu %s · %zu %s · %zu %s",
		 date_format_long(app->today, l, date), app->minute / 60, app->minute % 60,
		 app->totals.all, msg(M_TASKS, l), app->totals.open, msg(M_OPEN, l), app->totals.overdue,
		 msg(M_OVERDUE, l), app->totals.due_soon + app->totals.due_today, msg(M_SOON, l));
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

static void draw_agencies(struct app *app, int y0, int h, int w)
{
	enum lang l = app->lang;
	char buf[256];
	attrset(color_attr(app->focus == FOCUS_AGENCIES ? ROLE_FOCUS : ROLE_TITLE));
	draw_text(y0 - 1, 0, w, msg(M_AGENCIES_PANE, l), 1);
	listpos_set(&app->apos, app->agencies.n + 1, (size_t)h);
	for (int r = 0; r < h; r++) {
		size_t i = app->apos.top + (size_t)r;
		if (i >= app->agencies.n + 1)
			break;
		size_t open = 0, late = 0;
		const char *name;
		if (i == 0) {
			name = msg(M_ALL_AGENCIES, l);
			open = app->totals.open;
			late = app->totals.overdue;
		} else {
			const struct view_agency *a = &app->agencies.items[i - 1];
			name = a->name;
			open = a->open;
			late = a->overdue;
		}
		snprintf(buf, sizeof buf, "%zu/%zu", late, open);
		attr_t at = late ? color_attr(ROLE_OVERDUE) : color_attr(ROLE_NORMAL);
		if (i == app->apos.sel)
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

static void draw_list(struct app *app, int y0, int x0, int h, int w)
{
	enum lang l = app->lang;
	struct columns c = layout(w);
	int x = x0 + 2;
	attrset(color_attr(app->focus == FOCUS_LIST ? ROLE_FOCUS : ROLE_TITLE));
	move(y0 - 1, x0);
	x = cell(y0 - 1, x, c.sec, msg(M_COL_SECTION, l));
	x = cell(y0 - 1, x, c.sum, msg(M_COL_SUMMARY, l));
	x = cell(y0 - 1, x, c.lead, msg(M_COL_LEAD, l));
	x = cell(y0 - 1, x, c.due, msg(M_COL_DUE, l));
	cell(y0 - 1, x, x0 + w - x, msg(M_COL_COUNTDOWN, l));
	attrset(A_NORMAL);
	if (app->list.count == 0) {
		const char *text = app->totals.all ? msg(M_EMPTY_FILTER, l) : msg(M_EMPTY, l);
		draw_text(y0 + 1, x0 + 2, w - 2, text, 0);
		return;
	}
	app_ensure_page(app);
	for (int r = 0; r < h; r++) {
		size_t i = app->list.top + (size_t)r;
		if (i < app->page_off || i - app->page_off >= app->page.n)
			break;
		const struct view_row *t = &app->page.items[i - app->page_off];
		enum task_class cls = status_classify(t->status, t->due, t->completed, app->today, app->warn_until);
		char due[DATE_BUF], cd[COUNTDOWN_BUF];
		if (status_is_open(t->status)) {
			cli_countdown(app->cli, t->due, app->today, cd);
			if (t->status != STATUS_NEW && t->status != STATUS_IN_PROGRESS) {
				size_t n = strlen(cd);
				snprintf(cd + n, sizeof cd - n, "%s%s", n ? " · " : "", status_label(t->status, l));
			}
		} else {
			snprintf(cd, sizeof cd, "%s", class_label(cls, l));
		}
		bool marked = app_is_marked(app, t->id);
		attr_t at = color_attr(color_class_role(cls));
		if (i == app->list.sel)
			at |= A_REVERSE;
		attrset(at);
		int y = y0 + r;
		x = x0;
		x += draw_text(y, x, 2, marked ? "* " : "  ", 1);
		x = cell(y, x, c.sec, t->section);
		x = cell(y, x, c.sum, t->summary);
		x = cell(y, x, c.lead, t->lead);
		if (app->cli->config.date_style == DATE_STYLE_ISO)
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

static void draw_detail(struct app *app, int y0, int x0, int h, int w)
{
	enum lang l = app->lang;
	app_ensure_detail(app);
	if (!app->detail_id)
		return;
	const struct task *t = &app->detail;
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
	size_t first = app->history.n > (size_t)(end - y) ? app->history.n - (size_t)(end - y) : 0;
	for (size_t i = first; i < app->history.n && y < end; i++) {
		const struct task_event *e = &app->history.items[i];
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
	static const enum msg_id heads[3] = { M_DIGEST_TODAY, M_DIGEST_OVERDUE, M_DIGEST_SOON };
	int y = y0, end = y0 + h;
	attrset(color_attr(ROLE_TITLE));
	snprintf(line, sizeof line, msg(M_DIGEST_TITLE, l), date_format_long(app->digest_day, l, date));
	draw_text(y++, x0, w, line, 0);
	for (int k = 0; k < 3 && y < end; k++) {
		if (!app->dg_count[k])
			continue;
		attrset(color_attr(k == 1 ? ROLE_OVERDUE : k == 0 ? ROLE_TODAY : ROLE_SOON));
		snprintf(line, sizeof line, msg(heads[k], l), app->dg_count[k]);
		draw_text(y++, x0 + 1, w - 1, line, 0);
		attrset(A_NORMAL);
		for (size_t i = 0; i < app->dg_rows[k].n && y < end; i++) {
			const struct view_row *r = &app->dg_rows[k].items[i];
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

static void draw(struct app *app, int rows, int cols)
{
	int aw = agency_width(cols);
	int body = rows - 3;
	int lower = lower_rows(app, body);
	int lh = body - (lower ? lower + 1 : 0);
	resize(app, rows, cols);
	view_draw_header(app, cols);
	if (aw)
		draw_agencies(app, 2, body + 1, aw);
	else if (app->focus == FOCUS_AGENCIES)
		app->focus = FOCUS_LIST;
	draw_list(app, 2, aw, lh, cols - aw);
	if (lower) {
		attrset(color_attr(ROLE_MUTED));
		move(2 + lh, aw);
		for (int i = aw; i < cols; i++)
			addstr("─");
		attrset(A_NORMAL);
		if (app->digest)
			draw_digest(app, 3 + lh, aw + 1, lower, cols - aw - 1);
		else
			draw_detail(app, 3 + lh, aw + 1, lower, cols - aw - 1);
	}
	if (app->focus == FOCUS_AGENCIES)
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

static void add_task(struct app *app, const char *due_text)
{
	struct task t;
	char err[ERR_MAX];
	task_init(&t);
	task_set_str(&t.summary, app->form_summary);
	task_set_str(&t.full_text, app->form_summary);
	task_add_lead(&t, app->form_lead);
	if (*due_text) {
		if (parse_day(app, due_text, &t.due))
			goto out;
		t.precision = PRECISION_DAY;
		task_set_str(&t.due_phrase, due_text);
	}
	if (db_task_add(app->db, &t, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
	else {
		app_message(app, false, msg(M_ADDED, app->lang), (long long)t.id);
		app_saved(app);
	}
	app_reload(app);
	size_t pos;
	if (t.id && db_view_index_of(app->db, &app->q, t.id, &pos, err) == 0) {
		listpos_select(&app->list, pos);
		app->page_valid = false;
	}
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
	f->agency_id = app->q.agency_id;
	int c = app->q.filter;
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
	if (app->cli->config.export_file && !part)
		return xstrdup(app->cli->config.export_file);
	return xasprintf("%s/hanchot%s.ics", home && *home ? home : ".", part ? "-loc" : "");
}

/* Exports what the list shows; says where it went, with the full path. */
static void export_to(struct app *app, const char *path)
{
	struct cli_export_options o;
	struct db_export_filter f;
	struct db_export_stats stats = { 0 };
	char err[ERR_MAX];
	if (cli_export_options_init(app->cli, &o, err)) {
		app_message(app, true, msg(M_ERROR, app->lang), err);
		return;
	}
	list_filter(app, &f);
	char warning[ERR_MAX], *written;
	if (cli_export_to(app->cli, &o.opt, &f, path, &stats, &written, err)) {
		app_message(app, true, msg(M_ERROR, app->lang), err);
	} else {
		cli_export_warning(&stats, warning);
		if (*warning)
			app_message(app, true, msg(M_ERROR, app->lang), warning);
		else
			app_message(app, false, msg(M_EXPORTED, app->lang), stats.tasks, written);
	}
	free(written);
	cli_export_options_release(&o);
}

static void prompt_done(struct app *app)
{
	struct prompt *p = &app->prompt;
	char text[PROMPT_MAX];
	civil_day day;
	snprintf(text, sizeof text, "%s", p->text);
	int purpose = p->purpose;
	prompt_close(p);
	switch (purpose) {
	case P_DONE_DATE:
		if (!*text)
			app_set_status(app, STATUS_DONE, app->today);
		else if (parse_day(app, text, &day) == 0)
			app_set_status(app, STATUS_DONE, day);
		break;
	case P_EXTEND_DATE:
		if (parse_day(app, text, &app->pending_due) == 0)
			prompt_open(p, M_PROMPT_REASON, P_EXTEND_REASON, NULL);
		break;
	case P_EXTEND_REASON: {
		char *reason = text_entry("reason", text, 0, NULL); /* spaces are no reason */
		if (!reason) {
			app_message(app, true, "%s", msg(M_REASON_REQUIRED, app->lang));
			prompt_open(p, M_PROMPT_REASON, P_EXTEND_REASON, NULL);
		} else {
			app_extend(app, app->pending_due, reason);
		}
		free(reason);
		break;
	}
	case P_NOTE:
		if (*text)
			app_note(app, text);
		break;
	case P_SEARCH:
		if (*app->search)
			app_message(app, false, msg(M_SEARCH_SHOWN, app->lang), app->search, app->list.count);
		break;
	case P_ADD_SUMMARY:
		if (*text) {
			free(app->form_summary);
			app->form_summary = xstrdup(text);
			prompt_open(p, M_PROMPT_LEAD, P_ADD_LEAD, NULL);
		}
		break;
	case P_ADD_LEAD:
		if (*text) {
			free(app->form_lead);
			app->form_lead = xstrdup(text);
			prompt_open(p, M_PROMPT_DUE, P_ADD_DUE, NULL);
		} else {
			prompt_open(p, M_PROMPT_LEAD, P_ADD_LEAD, NULL);
		}
		break;
	case P_ADD_DUE:
		add_task(app, text);
		break;
	case P_IMPORT_FILE:
		if (*text)
			review_open(app, text);
		break;
	case P_EXPORT_FILE:
		if (*text)
			export_to(app, text);
		break;
	default:
		break;
	}
	app->dirty = true;
}

static void prompt_input(struct app *app, int key)
{
	struct prompt *p = &app->prompt;
	enum prompt_result r = prompt_key(p, key);
	if (r == PROMPT_ACCEPT && p->purpose == P_SEARCH)
		app_search_settle(app); /* the count the message shows */
	if (r == PROMPT_ACCEPT) {
		app->message[0] = '\0';
		prompt_done(app);
	} else if (r == PROMPT_CANCEL) {
		if (p->purpose == P_SEARCH)
			app_search(app, "");
		prompt_close(p);
		app->message[0] = '\0';
	} else if (r == PROMPT_EDITED && p->purpose == P_SEARCH) {
		app->search_pending = true;
	} else if (r == PROMPT_COMPLETE && p->purpose == P_ADD_LEAD) {
		const char *name = app_complete_agency(app, p->text);
		if (name)
			prompt_set(p, name);
	}
	app->dirty = true;
}

static void cycle_filter(struct app *app)
{
	int f = app->q.filter + 1;
	if (f >= CLASS_COUNT)
		f = FILTER_ALL;
	app->q.filter = f;
	app_requery(app);
	app_message(app, false, msg(M_FILTER, app->lang),
		    f == FILTER_ALL ? msg(M_FILTER_ALL, app->lang)
		    : f == FILTER_OPEN ? msg(M_FILTER_OPEN, app->lang) : class_label((enum task_class)f, app->lang));
}

static void cycle_sort(struct app *app)
{
	static const enum msg_id names[SORT_COUNT] = { M_SORT_URGENCY, M_SORT_SECTION, M_SORT_UPDATED };
	app->q.sort = (enum view_sort)((app->q.sort + 1) % SORT_COUNT);
	app_requery(app);
	app_message(app, false, msg(M_SORT, app->lang), msg(names[app->q.sort], app->lang));
}

static void select_agency(struct app *app)
{
	size_t i = app->apos.sel;
	app->q.agency_id = i == 0 || i > app->agencies.n ? 0 : app->agencies.items[i - 1].id;
	app_requery(app);
}

static void key(struct app *app, int k, enum action a)
{
	struct listpos *lp = app->focus == FOCUS_AGENCIES ? &app->apos : &app->list;
	if (app->prompt.active) {
		prompt_input(app, k);
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
	case ACT_PANE:
		app->focus = app->focus == FOCUS_LIST ? FOCUS_AGENCIES : FOCUS_LIST;
		break;
	case ACT_DETAIL:
		if (app->focus == FOCUS_AGENCIES) {
			select_agency(app);
			app->focus = FOCUS_LIST;
		} else if (app->digest) {
			app->digest = false;
		} else {
			app->show_detail = !app->show_detail;
		}
		break;
	case ACT_BACK:
		if (app->digest)
			app->digest = false;
		else if (app->show_detail)
			app->show_detail = false;
		else if (*app->search)
			app_search(app, "");
		break;
	case ACT_PROGRESS: app_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_REPORTED: app_set_status(app, STATUS_REPORTED, DATE_NONE); break;
	case ACT_DONE: app_set_status(app, STATUS_DONE, app->today); break;
	case ACT_PAUSE: app_set_status(app, STATUS_PAUSED, DATE_NONE); break;
	case ACT_CANCEL: app_set_status(app, STATUS_CANCELLED, DATE_NONE); break;
	case ACT_REOPEN: app_set_status(app, STATUS_IN_PROGRESS, DATE_NONE); break;
	case ACT_DONE_ON:
		if (app_selected(app) || app->n_marks)
			prompt_open(&app->prompt, M_PROMPT_DONE_DATE, P_DONE_DATE, NULL);
		break;
	case ACT_EXTEND:
		if (app_selected(app) || app->n_marks)
			prompt_open(&app->prompt, M_PROMPT_EXTEND_DATE, P_EXTEND_DATE, NULL);
		break;
	case ACT_NOTE:
		if (app_selected(app) || app->n_marks)
			prompt_open(&app->prompt, M_PROMPT_NOTE, P_NOTE, NULL);
		break;
	case ACT_UNDO: app_undo(app); break;
	case ACT_SEARCH:
		app->focus = FOCUS_LIST;
		prompt_open(&app->prompt, M_PROMPT_SEARCH, P_SEARCH, app->search);
		break;
	case ACT_FILTER: cycle_filter(app); break;
	case ACT_SORT: cycle_sort(app); break;
	case ACT_ADD: prompt_open(&app->prompt, M_PROMPT_SUMMARY, P_ADD_SUMMARY, NULL); break;
	case ACT_MARK: app_toggle_mark(app); break;
	case ACT_IMPORT: prompt_open(&app->prompt, M_PROMPT_IMPORT, P_IMPORT_FILE, NULL); break;
	case ACT_EXPORT: {
		char *path = default_export_path(app);
		prompt_open(&app->prompt, M_PROMPT_EXPORT, P_EXPORT_FILE, path);
		free(path);
		break;
	}
	case ACT_REPORT: report_open(app); break;
	case ACT_EXAMPLE:
		if (app->totals.all == 0) { /* offered on the empty screen */
			char *path = cli_data_file("example-notice.md");
			review_open(app, path);
			free(path);
		}
		break;
	case ACT_AGENCIES: app->view = &view_agencies; break;
	case ACT_HELP: app->view = &view_help; break;
	case ACT_QUIT: app->quit = true; break;
	default: break;
	}
	app->dirty = true;
}

const struct view view_main = { draw, key, resize };
