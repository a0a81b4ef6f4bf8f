#include "tui/digest.h"

#include <spawn.h>
#include <stdio.h>
#include <string.h>

#include "tui/term.h"
#include "tui/ui.h"

extern char **environ;

void digest_release(struct digest *d)
{
	for (int i = 0; i < DIGEST_PARTS; i++)
		view_rows_release(&d->rows[i]);
	memset(d, 0, sizeof *d);
}

/* notify-send, when there is one; its children are reaped by the loop. */
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

void digest_open(struct app *app)
{
	struct digest *d = &app->digest;
	char err[ERR_MAX];
	civil_day from[DIGEST_PARTS], to[DIGEST_PARTS];
	from[DIGEST_TODAY] = to[DIGEST_TODAY] = app->today;
	from[DIGEST_OVERDUE] = to[DIGEST_OVERDUE] = app->today - 1; /* turned overdue since yesterday */
	from[DIGEST_SOON] = session_warn_until(app->s, app->today - 1) + 1; /* entered the warning window */
	to[DIGEST_SOON] = app->warn_until;
	digest_release(d);
	for (int i = 0; i < DIGEST_PARTS; i++)
		if (from[i] <= to[i] &&
		    db_view_due_between(app->db, from[i], to[i], 5, &d->rows[i], &d->count[i], err))
			app_error(app, err);
	d->day = app->today;
	d->shown = d->count[DIGEST_TODAY] + d->count[DIGEST_OVERDUE] + d->count[DIGEST_SOON] > 0;
	if (d->shown && app->s->config.bell)
		beep();
	if (d->shown && app->s->config.notify) {
		char text[256], line[300];
		snprintf(text, sizeof text, "%s · %s", msg(M_DIGEST_TODAY, app->lang), msg(M_DIGEST_OVERDUE, app->lang));
		snprintf(line, sizeof line, text, d->count[DIGEST_TODAY], d->count[DIGEST_OVERDUE]);
		notify(line);
	}
}
