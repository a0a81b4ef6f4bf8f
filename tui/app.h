/* app: the all-day screen. One event loop, no threads: it waits for a key,
 * the next clock tick or another process's write, and redraws only what
 * changed. It keeps the loop, the clock, the signals and the stack of views
 * (tui/ui.h); what the screens show lives in the views and in tui/list,
 * tui/edit and tui/digest. */
#ifndef HANCHOT_APP_H
#define HANCHOT_APP_H

#include <stdbool.h>

struct session;

/* Opens the session's database, runs the screen until the user quits (or
 * SIGTERM / SIGHUP), restores the terminal. today_fixed: --today was given,
 * so the date does not roll over at midnight. Returns the exit status; when
 * the screen cannot start, with the reason in err (ERR_MAX bytes). */
int app_run(struct session *s, bool today_fixed, char *err);

#endif
