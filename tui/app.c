#include "tui/app.h"

#include <assert.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "core/i18n.h"
#include "core/xalloc.h"
#include "tui/draw.h"
#include "tui/log.h"
#include "tui/term.h"
#include "tui/ui.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* ---- the clock ------------------------------------------------------------
 * HANCHOT_CLOCK=YYYY-MM-DDTHH:MM[:SS] starts the clock at that local time and
 * lets it run, so a test can cross midnight in seconds; it also sets today. */

static int parse_clock(const char *text, int64_t *offset)
{
	struct tm tm = { 0 };
	int sec = 0;
	if (sscanf(text, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &sec) < 5)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*offset = (int64_t)t - (int64_t)time(NULL);
	return 0;
}

static civil_day clock_today(const struct app *app, int *minute)
{
	time_t now = (time_t)((int64_t)time(NULL) + app->clock_offset);
	struct tm tm;
	localtime_r(&now, &tm);
	*minute = tm.tm_hour * 60 + tm.tm_min;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- messages and what follows a change ------------------------------------ */

void app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	if (error)
		log_add("error on the screen: %s", app->message);
	app->message_error = error;
	app->dirty = true;
}

void app_error(struct app *app, const char *err) { app_message(app, true, msg(M_ERROR, app->lang), err); }

void app_saved(struct app *app)
{
	char err[ERR_MAX];
	/* The change itself is saved; a failed backup is only reported. */
	if (session_auto_backup(app->s, err) < 0)
		app_error(app, err);
	app->export_stale = true;
	sync_changed(&app->sync, app->s);
}

/* Brings export_file up to date with this program's changes (and anyone
 * else's), once no key is waiting or before the screen closes. */
static void refresh_export(struct app *app)
{
	char err[ERR_MAX], warning[ERR_MAX];
	bool written;
	app->export_stale = false;
	if (session_export_refresh(app->s, &written, warning, err))
		app_error(app, err);
	else if (*warning)
		app_error(app, warning);
}

/* Starts publishing what changed, in a child process (tui/sync). */
static void start_sync(struct app *app)
{
	char err[ERR_MAX];
	if (sync_start(&app->sync, app->s, err))
		app_error(app, err);
	app->dirty = true; /* the header says so */
}

/* Work waiting for a moment without keys: the list's, then the calendar
 * file, then the calendar server. */
static bool idle_pending(const struct app *app)
{
	return list_idle_pending(&app->list) || app->export_stale || sync_due(&app->sync);
}

/* ---- the views --------------------------------------------------------------- */

static struct view_entry *shown(struct app *app)
{
	assert(app->n_views > 0);
	return &app->views[app->n_views - 1];
}

void app_open_view(struct app *app, const struct view *v, const void *arg)
{
	void *data = NULL;
	int rows, cols;
	if (app->n_views == VIEW_DEPTH || (v->open && v->open(app, arg, &data)))
		return;
	app->views[app->n_views++] = (struct view_entry){ v, data };
	getmaxyx(stdscr, rows, cols);
	v->resize(app, data, rows, cols);
	app->dirty = true;
}

void app_close_view(struct app *app)
{
	struct view_entry *e = shown(app);
	if (app->n_views == 1)
		return; /* the main screen stays */
	if (e->view->close)
		e->view->close(app, e->data);
	app->n_views--;
	app->dirty = true;
}

static void close_all(struct app *app)
{
	while (app->n_views > 0) {
		struct view_entry *e = shown(app);
		if (e->view->close)
			e->view->close(app, e->data);
		app->n_views--;
	}
}

/* Every view of the stack fits itself to the terminal, the main screen
 * first (the task list's height is its). */
static void resize_all(struct app *app)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (size_t i = 0; i < app->n_views; i++)
		app->views[i].view->resize(app, app->views[i].data, rows, cols);
}

void app_draw(struct app *app)
{
	struct view_entry *e = shown(app);
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < 6 || cols < 30) {
		attrset(A_NORMAL);
		draw_text(0, 0, cols, msg(M_TOO_SMALL, app->lang), 0);
	} else {
		e->view->draw(app, e->data, rows, cols);
	}
	refresh();
}

/* ---- the loop --------------------------------------------------------------- */

/* Once per wake-up: the clock, the date, and other processes' writes. */
static void tick(struct app *app)
{
	int minute;
	civil_day today = clock_today(app, &minute);
	if (minute != app->minute) {
		app->minute = minute;
		app->dirty = true;
	}
	if (!app->today_fixed && today != app->today) {
		char day[DATE_BUF];
		log_add("a new day: %s", date_format_iso(today, day));
		app->today = app->s->today = today;
		app->warn_until = session_warn_until(app->s, today);
		db_set_today(app->db, today);
		list_reload(app, true);
		digest_open(app);
	} else if (db_data_version(app->db) != app->list.data_version) {
		log_add("another process wrote: the list read again");
		list_reload(app, true);
	}
	pid_t pid;
	int status;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) /* notify-send, the background publish */
		if (sync_reaped(&app->sync, pid, status)) {
			if (app->sync.failed)
				app_error(app, app->sync.error);
			app->dirty = true;
		}
}

static int read_key(void)
{
	wint_t wc;
	int rc = get_wch(&wc);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		return (int)wc == KEY_RESIZE ? -2 : (int)(KEYMAP_FN | (int)wc);
	return (int)wc;
}

/* The next key: one typed ahead into a prompt is taken before the screen is
 * drawn again (a paste, a fast typist: one draw, not one per key); else the
 * screen is drawn when dirty and the key waited for, up to a second (the
 * clock), not at all while there is work for idle time. -1: none. */
static int next_key(struct app *app)
{
	int key = -1;
	if (app->prompt.active) {
		timeout(0);
		key = read_key();
	}
	if (key == -1 && app->dirty) {
		app_draw(app);
		app->dirty = false;
	}
	if (key == -1 && !got_signal) {
		timeout(idle_pending(app) ? 0 : 1000);
		key = read_key();
	}
	return key;
}

static void loop(struct app *app)
{
	while (!app->quit && !got_signal) {
		int key = next_key(app);
		if (got_signal)
			break;
		if (key == -1 && list_idle_pending(&app->list)) {
			list_idle(app); /* so that the list answers a key at once */
		} else if (key == -1 && app->export_stale) {
			refresh_export(app);
		} else if (key == -1 && sync_due(&app->sync)) {
			start_sync(app);
		} else if (key == -1) {
			tick(app);
		} else if (key == -2) {
			resize_all(app);
			app->dirty = true;
		} else if (key == 3) { /* Ctrl-C in raw mode */
			app->quit = true;
		} else {
			struct view_entry *e = shown(app);
			e->view->key(app, e->data, key, app->prompt.active ? ACT_NONE : keymap_lookup(&app->km, key));
			/* Another process may have written while we waited for keys. */
			if (db_data_version(app->db) != app->list.data_version) {
				log_add("another process wrote: the list read again");
				list_reload(app, true);
			}
		}
	}
}

/* What the screen needs before it takes the terminal: the key map, the
 * clock, the database. EXIT_OK or the exit status with err. */
static int set_up(struct app *app, char *err)
{
	const char *clock = getenv("HANCHOT_CLOCK");
	keymap_init(&app->km);
	if (keymap_apply_config(&app->km, &app->s->config, err))
		return EXIT_RUNTIME;
	if (clock && *clock) {
		if (parse_clock(clock, &app->clock_offset)) {
			err_set(err, VI ? "HANCHOT_CLOCK '%s': cần dạng YYYY-MM-DDTHH:MM[:SS]"
					: "HANCHOT_CLOCK '%s': expected YYYY-MM-DDTHH:MM[:SS]", clock);
			return EXIT_USAGE;
		}
		app->today_fixed = false;
		app->s->today = clock_today(app, &app->minute);
	}
	app->db = session_db(app->s, err);
	if (!app->db)
		return EXIT_RUNTIME;
	app->today = app->s->today;
	app->warn_until = session_warn_until(app->s, app->today);
	db_set_today(app->db, app->today);
	return EXIT_OK;
}

static void take_terminal(struct app *app)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	initscr();
	xalloc_set_fatal_hook(restore_terminal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	color_init(app->s->config.color);
	clock_today(app, &app->minute);
}

int app_run(struct session *s, bool today_fixed, char *err)
{
	struct app app = { .s = s, .today_fixed = today_fixed, .lang = s->lang };
	list_init(&app.list);
	sync_init(&app.sync);
	int code = set_up(&app, err);
	if (code == EXIT_OK) {
		take_terminal(&app);
		app_open_view(&app, &view_main, NULL);
		list_reload(&app, true);
		digest_open(&app);
		loop(&app);
		if (app.export_stale) /* the calendar is current when the screen closes */
			refresh_export(&app);
		sync_finish(&app.sync, s); /* and published, by a child left to finish */
		restore_terminal();
		close_all(&app);
	}
	list_release(&app.list);
	edits_release(&app.edits);
	digest_release(&app.digest);
	return code;
}
