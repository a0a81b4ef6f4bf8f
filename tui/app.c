#include "tui/app.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "db/task.h"
#include "tui/cli.h"
#include "tui/draw.h"
#include "tui/term.h"

/* Colours by role, never raw colour numbers in the drawing code. */
enum role { ROLE_NORMAL, ROLE_HEADER, ROLE_OVERDUE, ROLE_TODAY, ROLE_SOON, ROLE_DONE, ROLE_MUTED, ROLE_COUNT };

static const struct {
	short fg, bg;
	attr_t mono; /* used without colour */
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL },
	[ROLE_HEADER] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
	[ROLE_OVERDUE] = { COLOR_RED, -1, A_BOLD },
	[ROLE_TODAY] = { COLOR_MAGENTA, -1, A_BOLD | A_UNDERLINE },
	[ROLE_SOON] = { COLOR_YELLOW, -1, A_UNDERLINE },
	[ROLE_DONE] = { COLOR_GREEN, -1, A_DIM },
	[ROLE_MUTED] = { -1, -1, A_DIM },
};

enum action { ACT_NONE, ACT_DOWN, ACT_UP, ACT_DONE, ACT_REOPEN, ACT_QUIT };

/* The key map: one table, so bindings can be listed and rebound. */
static const struct {
	int key;
	enum action action;
} keymap[] = {
	{ 'j', ACT_DOWN }, { KEY_DOWN, ACT_DOWN }, { 'k', ACT_UP }, { KEY_UP, ACT_UP },
	{ 'd', ACT_DONE }, { 'o', ACT_REOPEN }, { 'q', ACT_QUIT },
};

struct app {
	struct cli *cli;
	struct db *db;
	bool today_fixed;
	bool use_color;
	struct task_list tasks;
	size_t selected, top;
	int64_t data_version;
	int minute; /* minute of the day last drawn */
	char message[ERR_MAX];
	bool dirty, quit;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static civil_day local_today(int *minute_of_day)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	if (minute_of_day)
		*minute_of_day = tm.tm_hour * 60 + tm.tm_min;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static attr_t role_attr(const struct app *app, enum role r)
{
	if (!app->use_color)
		return roles[r].mono;
	return COLOR_PAIR(r + 1) | (r == ROLE_OVERDUE ? A_BOLD : A_NORMAL);
}

static enum role class_role(enum task_class c)
{
	switch (c) {
	case CLASS_OVERDUE: return ROLE_OVERDUE;
	case CLASS_DUE_TODAY: return ROLE_TODAY;
	case CLASS_DUE_SOON: return ROLE_SOON;
	case CLASS_DONE_ON_TIME:
	case CLASS_DONE_LATE: return ROLE_DONE;
	case CLASS_CANCELLED: return ROLE_MUTED;
	default: return ROLE_NORMAL;
	}
}

static void reload(struct app *app)
{
	int64_t keep = app->tasks.n ? app->tasks.items[app->selected].id : 0;
	char err[ERR_MAX];
	task_list_release(&app->tasks);
	if (db_task_query(app->db, NULL, &app->tasks, err))
		snprintf(app->message, sizeof app->message, "%s", err);
	app->selected = 0;
	for (size_t i = 0; i < app->tasks.n; i++)
		if (app->tasks.items[i].id == keep)
			app->selected = i;
	app->data_version = db_data_version(app->db);
	app->dirty = true;
}

static const char *tr(const struct app *app, const char *vi, const char *en)
{
	return app->cli->lang == LANG_EN ? en : vi;
}

static void draw_header(struct app *app, int cols)
{
	char buf[256], date[DATE_LONG_BUF];
	int overdue = 0, soon = 0, open = 0;
	civil_day warn = cli_warn_until(app->cli);
	for (size_t i = 0; i < app->tasks.n; i++) {
		const struct task *t = &app->tasks.items[i];
		enum task_class c = status_classify(t->status, t->due, t->completed, app->cli->today, warn);
		open += status_is_open(t->status);
		overdue += c == CLASS_OVERDUE;
		soon += c == CLASS_DUE_SOON || c == CLASS_DUE_TODAY;
	}
	attrset(role_attr(app, ROLE_HEADER));
	snprintf(buf, sizeof buf, " hanchot  %s  %02d:%02d   %zu %s · %d %s · %d %s · %d %s",
		 date_format_long(app->cli->today, app->cli->lang, date), app->minute / 60, app->minute % 60,
		 app->tasks.n, tr(app, "việc", "tasks"), open, tr(app, "đang mở", "open"), overdue,
		 tr(app, "quá hạn", "overdue"), soon, tr(app, "sắp đến hạn", "due soon"));
	draw_text(0, 0, cols, buf, 1);
	attrset(A_NORMAL);
}

static void draw_empty(struct app *app, int rows, int cols)
{
	static const char *const vi[] = {
		"Chưa có việc nào.",
		"",
		"Thêm việc từ dòng lệnh, ví dụ:",
		"  hanchot add --lead \"Sở Tài chính\" --due 14/5/2024 \"Báo cáo thu ngân sách\"",
		"",
		"Nhấn q để thoát.",
	};
	static const char *const en[] = {
		"No tasks yet.",
		"",
		"Add tasks from the command line, for example:",
		"  hanchot add --lead \"Sở Tài chính\" --due 14/5/2024 \"Báo cáo thu ngân sách\"",
		"",
		"Press q to quit.",
	};
	const char *const *lines = app->cli->lang == LANG_EN ? en : vi;
	for (int i = 0; i < 6 && 2 + i < rows; i++)
		draw_text(2 + i, 2, cols - 2, lines[i], 0);
}

static void draw_list(struct app *app, int rows, int cols)
{
	int body = rows - 3; /* header, column titles, footer */
	if (body < 1)
		return;
	if (app->selected < app->top)
		app->top = app->selected;
	if (app->selected >= app->top + (size_t)body)
		app->top = app->selected - (size_t)body + 1;
	int w_sec = 10, w_due = 10, w_cd = 19, w_lead = cols >= 100 ? 26 : 18;
	int w_sum = cols - (w_sec + w_due + w_cd + w_lead + 4);
	if (w_sum < 10)
		w_sum = 10;
	attrset(A_BOLD);
	int x = 0;
	x += draw_text(1, x, w_sec, tr(app, "Mục", "Section"), 1) + 1;
	x += draw_text(1, x, w_sum, tr(app, "Nội dung", "Summary"), 1) + 1;
	x += draw_text(1, x, w_lead, tr(app, "Chủ trì", "Lead"), 1) + 1;
	x += draw_text(1, x, w_due, tr(app, "Hạn", "Due"), 1) + 1;
	draw_text(1, x, cols - x, tr(app, "Còn lại", "Countdown"), 1);
	civil_day warn = cli_warn_until(app->cli);
	for (int r = 0; r < body; r++) {
		size_t i = app->top + (size_t)r;
		move(2 + r, 0);
		clrtoeol();
		if (i >= app->tasks.n)
			continue;
		const struct task *t = &app->tasks.items[i];
		enum task_class c = status_classify(t->status, t->due, t->completed, app->cli->today, warn);
		char due[DATE_BUF], cd[COUNTDOWN_BUF];
		char *lead = task_join(t->leads, t->n_leads, "; ");
		if (status_is_open(t->status))
			countdown_format(t->due, app->cli->today, app->cli->lang, cd);
		else
			snprintf(cd, sizeof cd, "%s", class_label(c, app->cli->lang));
		attrset(role_attr(app, class_role(c)) | (i == app->selected ? A_REVERSE : A_NORMAL));
		x = 0;
		x += draw_text(2 + r, x, w_sec, t->section, 1) + 1;
		x += draw_text(2 + r, x, w_sum, t->summary, 1) + 1;
		x += draw_text(2 + r, x, w_lead, lead, 1) + 1;
		x += draw_text(2 + r, x, w_due, date_format_dmy(t->due, due), 1) + 1;
		draw_text(2 + r, x, cols - x, cd, 1);
		attrset(A_NORMAL);
		free(lead);
	}
}

static void draw(struct app *app)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < 5 || cols < 30) {
		draw_text(0, 0, cols, tr(app, "Cửa sổ quá nhỏ", "Window too small"), 0);
		refresh();
		return;
	}
	draw_header(app, cols);
	if (app->tasks.n == 0)
		draw_empty(app, rows, cols);
	else
		draw_list(app, rows, cols);
	attrset(role_attr(app, ROLE_MUTED));
	draw_text(rows - 1, 0, cols,
		  app->message[0] ? app->message
				  : tr(app, "j/k: di chuyển  d: hoàn thành  o: mở lại  q: thoát",
				       "j/k: move  d: done  o: reopen  q: quit"),
		  1);
	attrset(A_NORMAL);
	refresh();
}

static void set_status(struct app *app, enum task_status st)
{
	char err[ERR_MAX];
	if (app->tasks.n == 0)
		return;
	const struct task *t = &app->tasks.items[app->selected];
	app->message[0] = '\0';
	if (db_task_set_status(app->db, t->id, st, app->cli->today, t->version, err))
		snprintf(app->message, sizeof app->message, "%s", err);
	else if (cli_auto_backup(app->cli, err) < 0)
		snprintf(app->message, sizeof app->message, "%s", err);
	reload(app);
}

static void handle(struct app *app, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		if (app->selected + 1 < app->tasks.n)
			app->selected++;
		break;
	case ACT_UP:
		if (app->selected > 0)
			app->selected--;
		break;
	case ACT_DONE:
		set_status(app, STATUS_DONE);
		break;
	case ACT_REOPEN:
		set_status(app, STATUS_IN_PROGRESS);
		break;
	case ACT_QUIT:
		app->quit = true;
		break;
	case ACT_NONE:
		break;
	}
	app->dirty = true;
}

static void setup_colors(struct app *app)
{
	const char *no_color = getenv("NO_COLOR");
	app->use_color = has_colors() && !(no_color && *no_color);
	if (!app->use_color)
		return;
	start_color();
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++)
		init_pair((short)(r + 1), roles[r].fg, roles[r].bg);
}

/* Once per wake-up: the clock, the date, and other processes' writes. */
static void tick(struct app *app)
{
	int minute;
	civil_day today = local_today(&minute);
	if (minute != app->minute) {
		app->minute = minute;
		app->dirty = true;
	}
	if (!app->today_fixed && today != app->cli->today) {
		app->cli->today = today;
		db_set_today(app->db, today);
		app->dirty = true;
	}
	if (db_data_version(app->db) != app->data_version)
		reload(app);
}

int app_run(struct cli *cli, bool today_fixed)
{
	struct app app = { .cli = cli, .today_fixed = today_fixed };
	struct sigaction sa;
	app.db = cli_db(cli);
	if (!app.db)
		return EXIT_RUNTIME;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	initscr();
	xalloc_set_fatal_hook(restore_terminal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	setup_colors(&app);
	timeout(1000); /* wake once a second: clock, midnight, other writers */

	local_today(&app.minute);
	reload(&app);
	while (!app.quit && !got_signal) {
		if (app.dirty) {
			draw(&app);
			app.dirty = false;
		}
		int key = getch();
		if (key == ERR) {
			tick(&app);
			continue;
		}
		if (key == KEY_RESIZE) {
			app.dirty = true;
			continue;
		}
		for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
			if (keymap[i].key == key)
				handle(&app, keymap[i].action);
	}
	restore_terminal();
	task_list_release(&app.tasks);
	return EXIT_OK;
}
