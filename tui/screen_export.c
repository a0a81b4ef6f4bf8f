#include "tui/screen_export.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "db/export.h"
#include "tui/ui.h"

/* What the list shows as an export filter: the agency, the search, and the
 * class filter as dates (overdue: open and due before today …); a filter
 * on done or cancelled tasks has no counterpart: the agency's and search's
 * tasks are all exported then. */
static void list_filter(const struct app *app, struct db_export_filter *f)
{
	const struct list *l = &app->list;
	int c = l->q.filter;
	db_export_filter_init(f);
	f->agency_id = l->q.agency_id;
	f->search = l->search_folded && *l->search_folded ? l->search_folded : NULL;
	f->open_only = c == FILTER_OPEN || (c >= 0 && c <= CLASS_NO_DEADLINE);
	if (c == CLASS_OVERDUE)
		f->to = app->today - 1;
	else if (c == CLASS_DUE_TODAY)
		f->from = f->to = app->today;
	else if (c == CLASS_DUE_SOON)
		f->from = app->today + 1, f->to = app->warn_until;
	else if (c == CLASS_NOT_DUE)
		f->from = app->warn_until + 1;
}

static bool is_part(const struct db_export_filter *f)
{
	return f->agency_id || f->open_only || f->search || f->from != DATE_NONE || f->to != DATE_NONE;
}

/* The open tasks the list shows that have no deadline: left out. */
static size_t undated(struct app *app)
{
	struct view_query q = app->list.q;
	char err[ERR_MAX];
	size_t n = 0;
	int c = q.filter;
	if (c != FILTER_ALL && c != FILTER_OPEN && c != CLASS_NO_DEADLINE)
		return 0;
	q.filter = CLASS_NO_DEADLINE;
	q.count_hint = 0;
	if (db_view_count(app->db, &q, &n, err))
		app_error(app, err);
	return n;
}

void screen_export_offer(struct app *app)
{
	const char *home = getenv("HOME");
	struct db_export_filter f;
	list_filter(app, &f);
	bool part = is_part(&f);
	/* a part goes elsewhere (~/hanchot-loc.ics: "lọc", filtered), never
	 * over the calendar others subscribe to */
	char *path = app->s->config.export_file && !part
			     ? xstrdup(app->s->config.export_file)
			     : xasprintf("%s/hanchot%s.ics", home && *home ? home : ".", part ? "-loc" : "");
	prompt_open(&app->prompt, part ? M_PROMPT_EXPORT_SHOWN : M_PROMPT_EXPORT, P_EXPORT_FILE, path);
	free(path);
}

void screen_export(struct app *app, const char *path)
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
		size_t left = undated(app);
		if (*warning)
			app_error(app, warning);
		else if (left)
			app_message(app, false, msg(M_EXPORTED_UNDATED, app->lang), stats.tasks, written, left);
		else
			app_message(app, false, msg(M_EXPORTED, app->lang), stats.tasks, written);
	}
	free(written);
	session_export_options_release(&o);
}
