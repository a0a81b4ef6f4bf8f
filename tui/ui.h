/* ui: what the screen's modules share: the application (struct app) and the
 * view interface. Only the screen's files include it (tui/app.c, list.c,
 * edit.c, digest.c, view_*.c); the command line never does.
 *
 * A view is a small module {open, close, draw, key, resize} with a data
 * pointer of its own, the way tmux's window modes are: what a screen shows
 * and where its selection is live in its data, made by open and freed by
 * close. Views stack: the main screen is at the bottom, a screen opened
 * from it (help, agencies, report, an import's review) goes on top and
 * returns to it when closed. Drawing only reads state; key handlers take an
 * action from the key map and mark what must be redrawn.
 *
 * What every screen reads lives in struct app: the clock, the task list and
 * the agencies (tui/list.h), the session's changes (tui/edit.h), the morning
 * digest (tui/digest.h), the footer's prompt and message. */
#ifndef HANCHOT_UI_H
#define HANCHOT_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/task.h"
#include "tui/color.h"
#include "tui/digest.h"
#include "tui/edit.h"
#include "tui/keymap.h"
#include "tui/list.h"
#include "tui/prompt.h"
#include "tui/session.h"
#include "tui/sync.h"

struct app;

struct view {
	const char *name;
	/* Makes the view's data for arg (what to show: a file name for the
	 * review, NULL for the others) into *data (NULL for a view that needs
	 * none). Returns 0, or -1 when it cannot open (the message set). */
	int (*open)(struct app *app, const void *arg, void **data);
	void (*close)(struct app *app, void *data); /* frees data; may be NULL */
	void (*draw)(struct app *app, void *data, int rows, int cols);
	void (*key)(struct app *app, void *data, int key, enum action a);
	void (*resize)(struct app *app, void *data, int rows, int cols);
};

extern const struct view view_main, view_help, view_agencies, view_review, view_report, view_pick;

/* What a prompt's text is for. */
enum purpose {
	P_NONE, P_DONE_DATE, P_EXTEND_DATE, P_EXTEND_REASON, P_NOTE, P_SEARCH, P_ADD_SUMMARY,
	P_ADD_LEAD, P_ADD_DUE, P_RENAME, P_ALIAS, P_MERGE, P_IMPORT_FILE, P_EXPORT_FILE,
	P_REPORT_FILE, P_REVIEW_LEADS, P_REVIEW_DUE, P_CANCEL_REASON, P_MERGE_CONFIRM
};

#define VIEW_DEPTH 4 /* main, a screen over it, help over that, one more */

struct view_entry {
	const struct view *view;
	void *data;
};

struct app {
	struct session *s;
	struct db *db;
	struct keymap km;
	enum lang lang;
	struct view_entry views[VIEW_DEPTH]; /* views[n_views - 1] is shown */
	size_t n_views;

	/* the clock */
	bool today_fixed;     /* --today without HANCHOT_CLOCK: no rollover */
	int64_t clock_offset; /* HANCHOT_CLOCK: added to time() */
	civil_day today, warn_until;
	int minute;

	struct list list;     /* the task list and the agencies (tui/list.c) */
	struct edits edits;   /* marks and undo (tui/edit.c) */
	struct digest digest; /* the morning digest (tui/digest.c) */

	/* export_file is rewritten when no key is waiting, not before the next
	 * key: a change only marks it stale */
	bool export_stale;
	/* publish_url: published in the background after changes (tui/sync) */
	struct sync sync;

	struct prompt prompt;
	char message[2 * ERR_MAX];
	bool message_error;
	bool dirty, quit;
};

/* app.c: the view stack. app_open_view opens v on arg over the current
 * view (nothing happens when it cannot open: its message says why);
 * app_close_view closes the one shown and returns to the one below (never
 * the main screen). */
void app_open_view(struct app *app, const struct view *v, const void *arg);
void app_close_view(struct app *app);
/* Draws the view shown now (also while a long read runs: the OCR's page). */
void app_draw(struct app *app);

/* The footer's message; app_error shows err as an error. */
void app_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_error(struct app *app, const char *err);
/* After this program wrote: the automatic backup (one stat() when none is
 * due) now, export_file once no key is waiting; their failures shown (the
 * change itself is saved). */
void app_saved(struct app *app);

/* view_main.c: parts the other views reuse. */
void view_draw_header(struct app *app, int cols);
void view_draw_footer(struct app *app, int rows, int cols, const enum action *hints, size_t n);
/* The same, with what a key does on this screen where it is not its
 * action's description (names[i]; 0 or names NULL: the description). */
void view_draw_footer_named(struct app *app, int rows, int cols, const enum action *hints, const enum msg_id *names,
			    size_t n);
/* The agency pane's rows (app->list.apos) from row y0, h rows, w columns
 * (the picker below 110 columns shows them too). */
void view_draw_agency_rows(struct app *app, int y0, int h, int w);

#endif
