/* list: the screen's model of the tasks: the query (filter, sort, agency,
 * search), how many tasks it matches, the page of rows read for the visible
 * window, the selection; the header's totals; the agencies with their
 * counts and the agency pane's selection; the search corpus (db/view.h). It
 * reads from the database and keeps no drawing: the views draw from it.
 *
 * Reading is lazy where a key should not wait: the agency counts and the
 * search corpus are marked stale and reread by the event loop when no key
 * is waiting (list_idle), a search typed ahead is applied once. Errors go
 * to the footer (app_error). */
#ifndef HANCHOT_LIST_H
#define HANCHOT_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/view.h"
#include "tui/listpos.h"
#include "tui/prompt.h"

struct app;

struct list {
	struct view_query q;
	char search[PROMPT_MAX];
	char *search_folded;
	bool search_pending;        /* the search prompt's text, applied when no key is waiting */
	struct view_corpus *corpus; /* what a search reads, loaded when no key is waiting */
	bool corpus_stale;
	struct listpos pos;         /* the selection and scroll */
	struct view_rows page;      /* rows from page_off */
	size_t page_off;
	bool page_valid;
	struct view_totals totals;
	int64_t data_version;       /* the database's when last read */
	unsigned generation;        /* moves on at each reread: what a view read for a row
				       (the detail pane) is stale when it moved */

	/* the agencies (the pane's row 0 is "all"; the agencies screen) */
	struct view_agencies agencies;
	struct listpos apos;        /* the agency pane's selection */
	bool agencies_stale;        /* reread when no key is waiting */
};

/* An empty list in urgency order, everything shown; list_release frees. */
void list_init(struct list *l);
void list_release(struct list *l);

/* Rereads the counts after a change; the selection stays on the task it
 * was on (follow) or at the same place in the list (a task marked done
 * leaves an open list and the next one comes up, as in a mail reader). */
void list_reload(struct app *app, bool follow);
/* The query changed (filter, sort, agency): count again, from the top. */
void list_requery(struct app *app);
/* Searches for text ("": none). */
void list_search(struct app *app, const char *text);
/* Applies a search typed ahead (search_pending). */
void list_search_settle(struct app *app);
/* The agency pane's selected agency as the list's agency filter. */
void list_select_agency(struct app *app);
/* Selects task id when the list shows it. */
void list_select_task(struct app *app, int64_t id);

/* The rows the list gets on screen. */
void list_set_height(struct app *app, int rows);
/* Reads the page holding the visible window when it is not read yet. */
void list_ensure_page(struct app *app);
/* The selected row, NULL when the list is empty. */
const struct view_row *list_selected(struct app *app);

/* After this program changed tasks ids[0, n) (status, dates or notes only),
 * with the corpus fresh before (corpus_fresh): the corpus follows them
 * instead of being read again, so a search right after a change finds it
 * ready. */
void list_corpus_changed(struct app *app, bool corpus_fresh, const int64_t *ids, size_t n);
bool list_corpus_fresh(struct app *app);

/* What is to do when no key is waiting: true when there was some (one
 * step done: a search applied, the agencies or a part of the corpus read). */
bool list_idle_pending(const struct list *l);
void list_idle(struct app *app);

/* Agency completion: the first agency whose folded name contains the folded
 * text, after the current one (Tab cycles); NULL when none. */
const char *list_complete_agency(const struct list *l, const char *text);

#endif
