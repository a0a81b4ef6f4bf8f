/* sync: the screen's publishing to the CalDAV collection (publish_url),
 * in the background.
 *
 * A change on the screen marks the collection stale; once no key is
 * waiting the screen starts `hanchot publish` as a child process (this
 * program again, on the same database, configuration and language) and goes
 * on answering keys; the event loop reaps it and reads the one line it wrote
 * on failure. A process, not a thread: a server that hangs or a slow network
 * holds only the child (the screen's loop stays single-threaded, its
 * database connection its own), and what the child does is exactly what
 * `hanchot publish` does, tested once. A change made while one runs starts
 * another when it ends. */
#ifndef HANCHOT_SYNC_H
#define HANCHOT_SYNC_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/err.h"
#include "tui/session.h"

struct sync {
	pid_t pid;        /* the child publishing; 0: none */
	int err_fd;       /* its stderr; -1: none */
	bool stale;       /* changes not yet published */
	bool failed;      /* the last publish failed (until one succeeds) */
	char error[ERR_MAX]; /* what it said, when it failed */
};

void sync_init(struct sync *y);
/* After this program changed tasks: to publish, when publish_url is set. */
void sync_changed(struct sync *y, const struct session *s);
/* Whether a publish is due and none runs (work for idle time). */
bool sync_due(const struct sync *y);
/* Starts the child for what is stale. 0, or -1 with a message (and stale
 * stays set). */
int sync_start(struct sync *y, const struct session *s, char *err);
/* The child pid ended with status (from waitpid()): true when it was the
 * sync's, whose outcome is then in failed and error. */
bool sync_reaped(struct sync *y, pid_t pid, int status);
/* Before the screen closes: publishes what is stale in a child left to run
 * on its own (its output dropped). */
void sync_finish(struct sync *y, const struct session *s);

#endif
