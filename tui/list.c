#include "tui/list.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "tui/ui.h"

/* The search corpus is read a part at a time so that a key waits for one
 * part at most. */
#define CORPUS_PART 1024

void list_init(struct list *l)
{
	memset(l, 0, sizeof *l);
	l->q.filter = FILTER_ALL;
	l->q.sort = SORT_URGENCY;
	l->pos.height = 1;
}

void list_release(struct list *l)
{
	view_rows_release(&l->page);
	view_agencies_release(&l->agencies);
	free(l->search_folded);
	view_corpus_free(l->corpus);
	memset(l, 0, sizeof *l);
}

static void set_query_dates(struct app *app)
{
	app->list.q.today = app->today;
	app->list.q.warn_until = app->warn_until;
	app->list.q.search = app->list.search_folded;
}

static void invalidate(struct app *app)
{
	app->list.page_valid = false;
	app->list.generation++;
	app->dirty = true;
}

static void load_agencies(struct app *app)
{
	struct list *l = &app->list;
	char err[ERR_MAX];
	int64_t keep = l->apos.sel > 0 && l->apos.sel <= l->agencies.n ? l->agencies.items[l->apos.sel - 1].id : 0;
	view_agencies_release(&l->agencies);
	if (db_view_agencies(app->db, app->today, &l->agencies, err))
		app_error(app, err);
	size_t sel = 0;
	for (size_t i = 0; keep && i < l->agencies.n; i++)
		if (l->agencies.items[i].id == keep)
			sel = i + 1;
	listpos_set(&l->apos, l->agencies.n + 1, l->apos.height);
	listpos_select(&l->apos, sel);
	l->agencies_stale = false;
	app->dirty = true;
}

/* The search corpus, reread after a write so that the next search finds it
 * ready, a part at a time. */
static void load_corpus(struct app *app)
{
	char err[ERR_MAX];
	int rc = db_view_corpus_load(app->db, &app->list.corpus, CORPUS_PART, err);
	if (rc < 0)
		app_error(app, err);
	app->list.corpus_stale = rc > 0;
}

bool list_corpus_fresh(struct app *app) { return db_view_corpus_fresh(app->db, app->list.corpus); }

void list_corpus_changed(struct app *app, bool corpus_fresh, const int64_t *ids, size_t n)
{
	char err[ERR_MAX];
	if (corpus_fresh && n && db_view_corpus_update(app->db, app->list.corpus, ids, n, err))
		app_error(app, err);
}

/* The number of tasks the list shows and a task's place in it: from the
 * search corpus when it can answer (loaded and fresh: a change made here
 * keeps it so), else SQL. Without a search the count is a sum over
 * task_tally already. */
static int count(struct app *app, size_t *n, char *err)
{
	const struct view_query *q = &app->list.q;
	if (q->search && *q->search) {
		int rc = db_view_corpus_count(app->db, app->list.corpus, q, n, err);
		if (rc <= 0)
			return rc;
	}
	return db_view_count(app->db, q, n, err);
}

static int index_of(struct app *app, int64_t id, size_t *pos, char *err)
{
	int rc = db_view_corpus_index_of(app->db, app->list.corpus, &app->list.q, id, pos, err);
	return rc == 1 ? db_view_index_of(app->db, &app->list.q, id, pos, err) : rc;
}

void list_reload(struct app *app, bool follow)
{
	struct list *l = &app->list;
	char err[ERR_MAX];
	const struct view_row *sel = follow ? list_selected(app) : NULL;
	int64_t keep = sel ? sel->id : 0;
	size_t n = 0, pos;
	set_query_dates(app);
	l->data_version = db_data_version(app->db);
	if (db_view_totals(app->db, app->today, app->warn_until, &l->totals, err) || count(app, &n, err))
		app_error(app, err);
	l->q.count_hint = n;
	l->agencies_stale = l->corpus_stale = true;
	listpos_set(&l->pos, n, l->pos.height);
	if (keep && index_of(app, keep, &pos, err) == 0)
		listpos_select(&l->pos, pos);
	invalidate(app);
}

void list_requery(struct app *app)
{
	struct list *l = &app->list;
	char err[ERR_MAX];
	size_t n = 0;
	set_query_dates(app);
	invalidate(app);
	view_rows_release(&l->page);
	l->page_off = 0;
	l->page_valid = true;
	/* The count and the first page together: one pass for a search. */
	if (db_view_window(app->db, &l->q, 0, l->pos.height, &l->page, &n, &l->corpus, err))
		app_error(app, err);
	l->q.count_hint = n;
	l->pos.sel = l->pos.top = 0;
	listpos_set(&l->pos, n, l->pos.height);
}

void list_search(struct app *app, const char *text)
{
	struct list *l = &app->list;
	snprintf(l->search, sizeof l->search, "%s", text);
	free(l->search_folded);
	l->search_folded = *text ? text_fold_dup(text) : NULL;
	l->search_pending = false;
	list_requery(app);
}

/* Each typed key only marks the search pending: keys typed ahead (a fast
 * typist, a paste) cost one query, not one each. */
void list_search_settle(struct app *app)
{
	if (app->list.search_pending)
		list_search(app, app->prompt.text);
}

void list_select_agency(struct app *app)
{
	struct list *l = &app->list;
	size_t i = l->apos.sel;
	l->q.agency_id = i == 0 || i > l->agencies.n ? 0 : l->agencies.items[i - 1].id;
	list_requery(app);
}

void list_select_task(struct app *app, int64_t id)
{
	char err[ERR_MAX];
	size_t pos;
	if (id && db_view_index_of(app->db, &app->list.q, id, &pos, err) == 0) {
		listpos_select(&app->list.pos, pos);
		app->list.page_valid = false;
	}
}

void list_set_height(struct app *app, int rows)
{
	struct list *l = &app->list;
	size_t h = rows > 1 ? (size_t)rows : 1;
	if (h != l->pos.height) {
		listpos_set(&l->pos, l->pos.count, h);
		l->page_valid = false;
	}
}

void list_ensure_page(struct app *app)
{
	struct list *l = &app->list;
	char err[ERR_MAX];
	if (l->page_valid && l->page_off == l->pos.top)
		return;
	view_rows_release(&l->page);
	l->page_off = l->pos.top;
	l->page_valid = true;
	/* A search scrolled past its first window, or shown again after a
	 * change: from the corpus when it can answer. */
	int rc = l->q.search && *l->q.search
		 ? db_view_corpus_page(app->db, l->corpus, &l->q, l->pos.top, l->pos.height, &l->page, NULL, err)
		 : 1;
	if (rc == 1)
		rc = db_view_page(app->db, &l->q, l->pos.top, l->pos.height, &l->page, err);
	if (rc)
		app_error(app, err);
}

const struct view_row *list_selected(struct app *app)
{
	struct list *l = &app->list;
	if (l->pos.count == 0)
		return NULL;
	assert(l->pos.sel < l->pos.count);
	list_ensure_page(app);
	size_t i = l->pos.sel - l->page_off;
	if (l->pos.sel < l->page_off || i >= l->page.n)
		return NULL;
	return &l->page.items[i];
}

bool list_idle_pending(const struct list *l)
{
	return l->search_pending || l->agencies_stale || l->corpus_stale;
}

void list_idle(struct app *app)
{
	if (app->list.search_pending)
		list_search_settle(app);
	else if (app->list.agencies_stale)
		load_agencies(app);
	else if (app->list.corpus_stale)
		load_corpus(app);
}

const char *list_complete_agency(const struct list *l, const char *text)
{
	char *needle = text_fold_dup(text);
	const char *found = NULL;
	size_t start = 0;
	/* After the current exact match, continue with the next one (Tab cycles). */
	for (size_t i = 0; i < l->agencies.n; i++)
		if (strcmp(l->agencies.items[i].name, text) == 0) {
			start = i + 1;
			free(needle);
			needle = xstrdup("");
			break;
		}
	for (size_t k = 0; k < l->agencies.n && !found; k++) {
		size_t i = (start + k) % l->agencies.n;
		char *name = text_fold_dup(l->agencies.items[i].name);
		if (strstr(name, needle))
			found = l->agencies.items[i].name;
		free(name);
	}
	free(needle);
	return found;
}
