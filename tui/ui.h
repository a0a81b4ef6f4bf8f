/* ui: what the screen's modules share: the application state (struct app)
 * and the view interface. Only tui/app.c and tui/view_*.c include it.
 *
 * A view is a small module {draw, key, resize}. State lives in struct app
 * (selection, scroll, filter, sort, marks, undo), drawing only reads it, and
 * key handlers take actions from the key map and mark what must be redrawn. */
#ifndef HANCHOT_UI_H
#define HANCHOT_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/task.h"
#include "db/event.h"
#include "db/view.h"
#include "tui/cli.h"
#include "tui/color.h"
#include "tui/keymap.h"
#include "tui/listpos.h"
#include "tui/prompt.h"

struct app;

struct view {
	void (*draw)(struct app *app, int rows, int cols);
	void (*key)(struct app *app, int key, enum action a);
	void (*resize)(struct app *app, int rows, int cols);
};

extern const struct view view_main, view_help, view_agencies, view_review, view_report;

/* view_review.c: reads a notice file and opens its review; errors go to the
 * footer. Nothing is saved until the user saves. */
void review_open(struct app *app, const char *path);
/* view_report.c: builds today's report (following the agency filter) and
 * opens the report screen. */
void report_open(struct app *app);

/* What a prompt's text is for. */
enum purpose {
	P_NONE, P_DONE_DATE, P_EXTEND_DATE, P_EXTEND_REASON, P_NOTE, P_SEARCH, P_ADD_SUMMARY,
	P_ADD_LEAD, P_ADD_DUE, P_RENAME, P_ALIAS, P_MERGE, P_IMPORT_FILE, P_EXPORT_FILE,
	P_REPORT_FILE, P_REVIEW_LEADS, P_REVIEW_DUE
};

struct mark {
	int64_t id, version;
};

struct undo_step {
	int group;
	int64_t id;
	bool extend; /* else a status change */
	enum task_status old_status;
	civil_day old_completed, old_due;
	int64_t version_after;
};

enum focus { FOCUS_LIST, FOCUS_AGENCIES };

struct app {
	struct cli *cli;
	struct db *db;
	struct keymap km;
	const struct view *view;
	enum lang lang;

	/* the clock */
	bool today_fixed;     /* --today without HANCHOT_CLOCK: no rollover */
	int64_t clock_offset; /* HANCHOT_CLOCK: added to time() */
	civil_day today, warn_until;
	int minute;
	int64_t data_version;

	/* the task list */
	struct view_query q;
	char search[PROMPT_MAX];
	char *search_folded;
	bool search_pending;  /* the search prompt's text, applied when no key is waiting */
	struct view_corpus *corpus; /* what a search reads, loaded when no key is waiting */
	bool corpus_stale;
	struct listpos list;
	struct view_rows page;
	size_t page_off;
	bool page_valid;
	struct view_totals totals;
	enum focus focus;

	/* the agency pane (row 0 is "all") and the agencies screen */
	struct view_agencies agencies;
	struct listpos apos;
	bool agencies_stale;  /* reread when no key is waiting */

	/* the detail pane */
	bool show_detail;
	struct task detail;
	struct task_event_list history;
	int64_t detail_id;
	int64_t detail_version;

	/* the morning digest (a pane until dismissed) */
	bool digest;
	civil_day digest_day;
	struct view_rows dg_rows[3];
	size_t dg_count[3];

	struct mark *marks;
	size_t n_marks, cap_marks;
	struct undo_step *undo;
	size_t n_undo, cap_undo;
	int undo_group;

	struct prompt prompt;
	civil_day pending_due;
	char *form_summary, *form_lead;

	char message[2 * ERR_MAX];
	bool message_error;
	bool dirty, quit;
};

/* app.c: shared operations used by the views. */
void app_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_reload(struct app *app);     /* counts, agencies, keeps the selection */
void app_saved(struct app *app);      /* after a write: automatic backup, export_file */
void app_requery(struct app *app);    /* the filter changed: count from the top */
void app_search(struct app *app, const char *text); /* search for text ("": none) */
void app_search_settle(struct app *app); /* applies a search_pending text */
const struct view_row *app_selected(struct app *app);
void app_ensure_page(struct app *app);
void app_ensure_detail(struct app *app);
void app_list_height(struct app *app, int rows);
void app_set_status(struct app *app, enum task_status st, civil_day completed);
void app_extend(struct app *app, civil_day due, const char *reason);
void app_note(struct app *app, const char *note);
void app_undo(struct app *app);
void app_toggle_mark(struct app *app);
bool app_is_marked(const struct app *app, int64_t id);
/* Agency completion: the first agency whose folded name contains the folded
 * text after the current one; NULL when none. */
const char *app_complete_agency(struct app *app, const char *text);

/* view_main.c: parts the other views reuse. */
void view_draw_header(struct app *app, int cols);
void view_draw_footer(struct app *app, int rows, int cols, const enum action *hints, size_t n);

#endif
