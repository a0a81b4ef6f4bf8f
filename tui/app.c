#include "tui/app.h"

#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/task.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/ui.h"

extern char **environ;

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

static civil_day warn_until(const struct app *app, civil_day today)
{
	struct cli tmp = *app->cli;
	tmp.today = today;
	return cli_warn_until(&tmp);
}

/* ---- messages ------------------------------------------------------------ */

void app_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_error = error;
	app->dirty = true;
}

/* ---- loading ---------------------------------------------------------------- */

static void set_query_dates(struct app *app)
{
	app->q.today = app->today;
	app->q.warn_until = app->warn_until;
	app->q.search = app->search_folded;
}

static void invalidate(struct app *app)
{
	app->page_valid = false;
	app->detail_id = 0;
	app->dirty = true;
}

static void load_agencies(struct app *app)
{
	char err[ERR_MAX];
	int64_t keep = app->apos.sel > 0 && app->apos.sel <= app->agencies.n
			       ? app->agencies.items[app->apos.sel - 1].id : 0;
	view_agencies_release(&app->agencies);
	if (db_view_agencies(app->db, app->today, &app->agencies, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
	size_t sel = 0;
	for (size_t i = 0; keep && i < app->agencies.n; i++)
		if (app->agencies.items[i].id == keep)
			sel = i + 1;
	listpos_set(&app->apos, app->agencies.n + 1, app->apos.height);
	listpos_select(&app->apos, sel);
	app->agencies_stale = false;
	app->dirty = true;
}

/* The search corpus, reread after a write so that the next search finds it
 * ready, a part at a time so that a key waits for one part at most. */
#define CORPUS_PART 1024
static void load_corpus(struct app *app)
{
	char err[ERR_MAX];
	int rc = db_view_corpus_load(app->db, &app->corpus, CORPUS_PART, err);
	if (rc < 0)
		app_message(app, true, msg(M_ERROR, app->lang), err);
	app->corpus_stale = rc > 0;
}

/* After this program changed tasks ids[0, n) (their status, dates or notes
 * only), with the corpus fresh before: it follows them instead of being
 * read again, so a search right after a change finds it ready. */
static void corpus_update(struct app *app, const int64_t *ids, size_t n)
{
	char err[ERR_MAX];
	if (db_view_corpus_update(app->db, app->corpus, ids, n, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
}

/* The number of tasks the list shows and a task's place in it: from the
 * search corpus when it can answer (loaded and fresh: a change made here
 * keeps it so), else SQL (~25-30 ms at 100,000 tasks). Without a search the
 * count is a sum over task_tally already. */
static int list_count(struct app *app, size_t *n, char *err)
{
	if (app->q.search && *app->q.search) {
		int rc = db_view_corpus_count(app->db, app->corpus, &app->q, n, err);
		if (rc <= 0)
			return rc;
	}
	return db_view_count(app->db, &app->q, n, err);
}

static int list_index_of(struct app *app, int64_t id, size_t *pos, char *err)
{
	int rc = db_view_corpus_index_of(app->db, app->corpus, &app->q, id, pos, err);
	return rc == 1 ? db_view_index_of(app->db, &app->q, id, pos, err) : rc;
}

/* Rereads the counts after a change; the selection stays on the task it was
 * on (follow) or at the same place in the list. */
static void reload(struct app *app, bool follow)
{
	char err[ERR_MAX];
	const struct view_row *sel = follow ? app_selected(app) : NULL;
	int64_t keep = sel ? sel->id : 0;
	size_t n = 0, pos;
	set_query_dates(app);
	app->data_version = db_data_version(app->db);
	if (db_view_totals(app->db, app->today, app->warn_until, &app->totals, err) ||
	    list_count(app, &n, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
	app->q.count_hint = n;
	app->agencies_stale = app->corpus_stale = true;
	listpos_set(&app->list, n, app->list.height);
	if (keep && list_index_of(app, keep, &pos, err) == 0)
		listpos_select(&app->list, pos);
	invalidate(app);
}

void app_reload(struct app *app) { reload(app, true); }

void app_requery(struct app *app)
{
	char err[ERR_MAX];
	size_t n = 0;
	set_query_dates(app);
	invalidate(app);
	view_rows_release(&app->page);
	app->page_off = 0;
	app->page_valid = true;
	/* The count and the first page together: one pass for a search. */
	if (db_view_window(app->db, &app->q, 0, app->list.height, &app->page, &n, &app->corpus, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
	app->q.count_hint = n;
	app->list.sel = app->list.top = 0;
	listpos_set(&app->list, n, app->list.height);
}

void app_search(struct app *app, const char *text)
{
	snprintf(app->search, sizeof app->search, "%s", text);
	free(app->search_folded);
	app->search_folded = *text ? text_fold_dup(text) : NULL;
	app->search_pending = false;
	app_requery(app);
}

/* Each typed key only marks the search pending: keys typed ahead (a fast
 * typist, a paste) cost one query, not one each. */
void app_search_settle(struct app *app)
{
	if (app->search_pending)
		app_search(app, app->prompt.text);
}

void app_list_height(struct app *app, int rows)
{
	size_t h = rows > 1 ? (size_t)rows : 1;
	if (h != app->list.height) {
		listpos_set(&app->list, app->list.count, h);
		app->page_valid = false;
	}
}

void app_ensure_page(struct app *app)
{
	char err[ERR_MAX];
	if (app->page_valid && app->page_off == app->list.top)
		return;
	view_rows_release(&app->page);
	app->page_off = app->list.top;
	app->page_valid = true;
	/* A search scrolled past its first window, or shown again after a
	 * change: from the corpus when it can answer. */
	int rc = app->q.search && *app->q.search
		 ? db_view_corpus_page(app->db, app->corpus, &app->q, app->list.top, app->list.height,
				       &app->page, NULL, err) : 1;
	if (rc == 1)
		rc = db_view_page(app->db, &app->q, app->list.top, app->list.height, &app->page, err);
	if (rc)
		app_message(app, true, msg(M_ERROR, app->lang), err);
}

const struct view_row *app_selected(struct app *app)
{
	if (app->list.count == 0)
		return NULL;
	app_ensure_page(app);
	size_t i = app->list.sel - app->page_off;
	if (app->list.sel < app->page_off || i >= app->page.n)
		return NULL;
	return &app->page.items[i];
}

void app_ensure_detail(struct app *app)
{
	char err[ERR_MAX];
	const struct view_row *r = app_selected(app);
	if (!r) {
		task_release(&app->detail);
		task_event_list_release(&app->history);
		app->detail_id = 0;
		return;
	}
	if (r->id == app->detail_id && r->version == app->detail_version)
		return;
	task_release(&app->detail);
	task_event_list_release(&app->history);
	app->detail_id = r->id;
	app->detail_version = r->version;
	if (db_task_get(app->db, r->id, &app->detail, err) ||
	    db_event_list(app->db, r->id, &app->history, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
}

/* ---- marks ------------------------------------------------------------------ */

bool app_is_marked(const struct app *app, int64_t id)
{
	for (size_t i = 0; i < app->n_marks; i++)
		if (app->marks[i].id == id)
			return true;
	return false;
}

void app_toggle_mark(struct app *app)
{
	const struct view_row *r = app_selected(app);
	if (!r)
		return;
	for (size_t i = 0; i < app->n_marks; i++)
		if (app->marks[i].id == r->id) {
			app->marks[i] = app->marks[--app->n_marks];
			goto moved;
		}
	xgrow((void **)&app->marks, &app->cap_marks, app->n_marks + 1, sizeof *app->marks);
	app->marks[app->n_marks++] = (struct mark){ r->id, r->version };
moved:
	if (app->n_marks)
		app_message(app, false, msg(M_MARKED, app->lang), app->n_marks);
	else
		app->message[0] = '\0';
	listpos_move(&app->list, 1);
	app->dirty = true;
}

/* The tasks a change applies to: the marked ones, else the selected one.
 * Returns how many; *out is owned by the caller. */
static size_t targets(struct app *app, struct mark **out)
{
	if (app->n_marks) {
		*out = xmalloc(app->n_marks * sizeof **out);
		memcpy(*out, app->marks, app->n_marks * sizeof **out);
		return app->n_marks;
	}
	const struct view_row *r = app_selected(app);
	if (!r) {
		*out = NULL;
		return 0;
	}
	*out = xmalloc(sizeof **out);
	(*out)[0] = (struct mark){ r->id, r->version };
	return 1;
}

/* ---- changes ------------------------------------------------------------- */

void app_saved(struct app *app)
{
	char err[ERR_MAX], warning[ERR_MAX];
	bool written;
	/* The change itself is saved; a failed backup or export is only reported. */
	if (cli_auto_backup(app->cli, err) < 0 || cli_export_refresh(app->cli, &written, warning, err))
		app_message(app, true, msg(M_ERROR, app->lang), err);
	else if (*warning)
		app_message(app, true, msg(M_ERROR, app->lang), warning);
}

static void push_undo(struct app *app, struct undo_step s)
{
	xgrow((void **)&app->undo, &app->cap_undo, app->n_undo + 1, sizeof *app->undo);
	app->undo[app->n_undo++] = s;
}

/* Shows a failed change: a conflict in the catalogue's words, else the error. */
static void change_failed(struct app *app, int rc, int64_t id, const char *err)
{
	if (rc == DB_CONFLICT)
		app_message(app, true, msg(M_CONFLICT, app->lang), (long long)id);
	else
		app_message(app, true, msg(M_ERROR, app->lang), err);
}

enum change_kind { CH_STATUS, CH_EXTEND, CH_NOTE };

/* Applies a change to the marked tasks (else the selected one) in ONE
 * transaction: all of them or none. A refused task (changed by someone else
 * meanwhile, a rule of the change) rolls everything back, and the message
 * names it and why; a kill half-way leaves none changed. */
static void apply(struct app *app, enum change_kind kind, enum task_status st, civil_day day,
		  const char *text)
{
	struct mark *t;
	size_t n = targets(app, &t), done = 0, n_steps = 0;
	struct undo_step *steps = xmalloc((n ? n : 1) * sizeof *steps);
	char err[ERR_MAX];
	int rc = 0;
	int64_t refused = 0;
	bool corpus_fresh = db_view_corpus_fresh(app->db, app->corpus);
	app->undo_group++;
	if (n && db_begin(app->db, err)) {
		app_message(app, true, msg(M_ERROR, app->lang), err);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct task cur;
		rc = db_task_get(app->db, t[i].id, &cur, err);
		if (rc == 0 && cur.version != t[i].version) {
			rc = DB_CONFLICT;
			snprintf(err, sizeof err, "%s", msg(M_CHANGED_BY_OTHER, app->lang));
		}
		if (rc == 0) {
			struct undo_step s = { app->undo_group, cur.id, kind == CH_EXTEND, cur.status,
					       cur.completed, cur.due, t[i].version + 1 };
			if (kind == CH_STATUS) {
				rc = db_task_set_status(app->db, cur.id, st, day, t[i].version, err);
				civil_day comp = st == STATUS_DONE ? (day == DATE_NONE ? app->today : day) : DATE_NONE;
				if (rc == 0 && !(cur.status == st && cur.completed == comp))
					steps[n_steps++] = s;
			} else if (kind == CH_EXTEND) {
				rc = db_task_extend(app->db, cur.id, day, text, t[i].version, err);
				if (rc == 0)
					steps[n_steps++] = s;
			} else {
				rc = db_task_note(app->db, cur.id, text, t[i].version, err);
			}
		}
		task_release(&cur);
		if (rc) {
			refused = t[i].id;
			break;
		}
		done++;
	}
	if (n && rc == 0 && db_commit(app->db, err)) {
		rc = DB_ERROR;
		refused = 0;
	}
	if (rc) {
		db_rollback(app->db); /* (a refused change may have rolled back already) */
		done = n_steps = 0;
		if (n == 1 && rc == DB_CONFLICT)
			app_message(app, true, msg(M_CONFLICT, app->lang), (long long)t[0].id);
		else if (n > 1 && refused)
			app_message(app, true, msg(M_BULK_REFUSED, app->lang), (long long)refused, err);
		else
			app_message(app, true, msg(M_ERROR, app->lang), err);
	}
	for (size_t i = 0; i < n_steps; i++)
		push_undo(app, steps[i]);
	free(steps);
	if (done == n && n)
		app_message(app, false, "%s",
			    kind == CH_NOTE ? msg(M_NOTED, app->lang)
			    : kind == CH_EXTEND ? msg(M_EXTENDED, app->lang) : "");
	if (done == n && n && kind == CH_STATUS)
		app_message(app, false, msg(M_CHANGED, app->lang), done);
	if (done)
		app_saved(app);
	if (corpus_fresh && done) {
		int64_t *ids = xmalloc(n * sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = t[i].id;
		corpus_update(app, ids, n);
		free(ids);
	}
	free(t);
	app->n_marks = 0;
	/* The cursor stays where it was: a task marked done leaves the open
	 * part of the list and the next one comes up, as in a mail reader.
	 * (Finding where the task went costs a count of the rows before it.) */
	reload(app, false);
}

void app_set_status(struct app *app, enum task_status st, civil_day completed)
{
	apply(app, CH_STATUS, st, completed, NULL);
}

void app_extend(struct app *app, civil_day due, const char *reason)
{
	apply(app, CH_EXTEND, STATUS_NEW, due, reason);
}

void app_note(struct app *app, const char *note)
{
	apply(app, CH_NOTE, STATUS_NEW, DATE_NONE, note);
}

void app_undo(struct app *app)
{
	char err[ERR_MAX];
	size_t undone = 0;
	if (app->n_undo == 0) {
		app_message(app, false, "%s", msg(M_NOTHING_TO_UNDO, app->lang));
		return;
	}
	int group = app->undo[app->n_undo - 1].group;
	bool corpus_fresh = db_view_corpus_fresh(app->db, app->corpus);
	int64_t *ids = NULL;
	size_t cap_ids = 0;
	/* a group is undone as it was made: in one transaction */
	if (db_begin(app->db, err)) {
		app_message(app, true, msg(M_ERROR, app->lang), err);
		return;
	}
	while (app->n_undo && app->undo[app->n_undo - 1].group == group) {
		struct undo_step *s = &app->undo[--app->n_undo];
		int rc;
		xgrow((void **)&ids, &cap_ids, undone + 1, sizeof *ids);
		ids[undone] = s->id;
		if (s->extend)
			rc = db_task_revert_due(app->db, s->id, s->old_due, msg(M_ACT_UNDO, app->lang),
					    s->version_after, err);
		else
			rc = db_task_set_status(app->db, s->id, s->old_status, s->old_completed,
						s->version_after, err);
		if (rc) {
			db_rollback(app->db);
			change_failed(app, rc, s->id, err);
			app->n_undo = 0; /* older steps would build on a state we no longer know */
			free(ids);
			app_reload(app);
			return;
		}
		undone++;
	}
	if (db_commit(app->db, err)) {
		app_message(app, true, msg(M_ERROR, app->lang), err);
		app->n_undo = 0;
		free(ids);
		app_reload(app);
		return;
	}
	app_message(app, false, msg(M_UNDONE, app->lang), undone);
	app_saved(app);
	if (corpus_fresh)
		corpus_update(app, ids, undone);
	free(ids);
	app_reload(app);
}

const char *app_complete_agency(struct app *app, const char *text)
{
	char *needle = text_fold_dup(text);
	const char *found = NULL;
	size_t start = 0;
	/* After the current exact match, continue with the next one (Tab cycles). */
	for (size_t i = 0; i < app->agencies.n; i++)
		if (strcmp(app->agencies.items[i].name, text) == 0) {
			start = i + 1;
			free(needle);
			needle = xstrdup("");
			break;
		}
	for (size_t k = 0; k < app->agencies.n && !found; k++) {
		size_t i = (start + k) % app->agencies.n;
		char *name = text_fold_dup(app->agencies.items[i].name);
		if (strstr(name, needle))
			found = app->agencies.items[i].name;
		free(name);
	}
	free(needle);
	return found;
}

/* ---- the morning digest ---------------------------------------------------- */

static void notify(const char *text)
{
	pid_t pid;
	char *argv[] = { (char *)"notify-send", (char *)"hanchot", (char *)text, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	posix_spawnp(&pid, "notify-send", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
}

static void open_digest(struct app *app)
{
	char err[ERR_MAX];
	civil_day from[3], to[3];
	from[0] = to[0] = app->today;                   /* due today */
	from[1] = to[1] = app->today - 1;               /* turned overdue since yesterday */
	from[2] = warn_until(app, app->today - 1) + 1;  /* entered the warning window */
	to[2] = app->warn_until;
	for (int i = 0; i < 3; i++) {
		view_rows_release(&app->dg_rows[i]);
		app->dg_count[i] = 0;
		if (from[i] <= to[i] &&
		    db_view_due_between(app->db, from[i], to[i], 5, &app->dg_rows[i], &app->dg_count[i], err))
			app_message(app, true, msg(M_ERROR, app->lang), err);
	}
	app->digest_day = app->today;
	app->digest = app->dg_count[0] + app->dg_count[1] + app->dg_count[2] > 0;
	if (app->digest && app->cli->config.bell)
		beep();
	if (app->digest && app->cli->config.notify) {
		char text[256];
		snprintf(text, sizeof text, "%s · %s", msg(M_DIGEST_TODAY, app->lang), msg(M_DIGEST_OVERDUE, app->lang));
		char line[300];
		snprintf(line, sizeof line, text, app->dg_count[0], app->dg_count[1]);
		notify(line);
	}
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
		app->today = app->cli->today = today;
		app->warn_until = warn_until(app, today);
		db_set_today(app->db, today);
		app_reload(app);
		open_digest(app);
	} else if (db_data_version(app->db) != app->data_version) {
		app_reload(app);
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
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

static void draw(struct app *app)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < 6 || cols < 30) {
		attrset(A_NORMAL);
		draw_text(0, 0, cols, msg(M_TOO_SMALL, app->lang), 0);
	} else {
		app->view->draw(app, rows, cols);
	}
	refresh();
}

static void release(struct app *app)
{
	view_rows_release(&app->page);
	view_agencies_release(&app->agencies);
	for (int i = 0; i < 3; i++)
		view_rows_release(&app->dg_rows[i]);
	task_release(&app->detail);
	task_event_list_release(&app->history);
	free(app->search_folded);
	view_corpus_free(app->corpus);
	free(app->marks);
	free(app->undo);
	free(app->form_summary);
	free(app->form_lead);
}

int app_run(struct cli *cli, bool today_fixed)
{
	struct app app = { .cli = cli, .today_fixed = today_fixed, .lang = cli->lang, .view = &view_main };
	struct sigaction sa;
	char err[ERR_MAX];
	const char *clock = getenv("HANCHOT_CLOCK");

	keymap_init(&app.km);
	if (keymap_apply_config(&app.km, &cli->config, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (clock && *clock) {
		if (parse_clock(clock, &app.clock_offset))
			return cli_error(EXIT_USAGE, "HANCHOT_CLOCK '%s': expected YYYY-MM-DDTHH:MM[:SS]", clock);
		app.today_fixed = false;
		cli->today = clock_today(&app, &app.minute);
	}
	app.db = cli_db(cli);
	if (!app.db)
		return EXIT_RUNTIME;
	task_init(&app.detail);
	app.today = cli->today;
	app.warn_until = cli_warn_until(cli);
	app.q.filter = FILTER_ALL;
	app.q.sort = SORT_URGENCY;
	db_set_today(app.db, app.today);

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
	color_init(cli->config.color);
	timeout(1000); /* wake once a second: clock, midnight, other writers */

	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	clock_today(&app, &app.minute);
	app.list.height = 1;
	app.view->resize(&app, rows, cols);
	app_reload(&app);
	open_digest(&app);
	while (!app.quit && !got_signal) {
		/* Keys typed ahead into a prompt (a paste, a fast typist) are
		 * all taken before the screen is drawn again: one draw, not one
		 * per key. */
		int key = -1;
		if (app.prompt.active) {
			timeout(0);
			key = read_key();
		}
		if (key == -1 && app.dirty) {
			draw(&app);
			app.dirty = false;
		}
		/* The agency counts, a search typed ahead and the search corpus
		 * are read once no key is waiting, so the list answers a key at
		 * once. */
		if (key == -1 && !got_signal) {
			timeout(app.agencies_stale || app.search_pending || app.corpus_stale ? 0 : 1000);
			key = read_key();
		}
		if (got_signal)
			break;
		if (key == -1 && app.search_pending) {
			app_search_settle(&app);
			continue;
		}
		if (key == -1 && app.agencies_stale) {
			load_agencies(&app);
			continue;
		}
		if (key == -1 && app.corpus_stale) {
			load_corpus(&app);
			continue;
		}
		if (key == -1) {
			tick(&app);
			continue;
		}
		if (key == -2) {
			getmaxyx(stdscr, rows, cols);
			app.view->resize(&app, rows, cols);
			app.dirty = true;
			continue;
		}
		if (key == 3) { /* Ctrl-C in raw mode */
			app.quit = true;
			break;
		}
		app.view->key(&app, key, app.prompt.active ? ACT_NONE : keymap_lookup(&app.km, key));
		/* Another process may have written while we waited for keys. */
		if (db_data_version(app.db) != app.data_version)
			app_reload(&app);
	}
	restore_terminal();
	release(&app);
	return EXIT_OK;
}
