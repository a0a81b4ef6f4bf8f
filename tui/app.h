/* app: the all-day screen. One event loop, no threads: it waits for a key,
 * the next clock tick or another process's write, and redraws only what
 * changed. */
#ifndef HANCHOT_APP_H
#define HANCHOT_APP_H

#include <stdbool.h>

struct cli;

/* Opens the database, runs the screen until the user quits (or SIGTERM /
 * SIGHUP), restores the terminal. today_fixed: --today was given, so the date
 * does not roll over at midnight. Returns the exit status. */
int app_run(struct cli *cli, bool today_fixed);

#endif
