/* digest: the morning digest, the first screen of a new day: what falls due
 * today, what turned overdue since yesterday, what entered the warning
 * window. Shown as the main screen's lower pane until dismissed, with a
 * bell and a desktop notification when the configuration asks for them. */
#ifndef HANCHOT_DIGEST_H
#define HANCHOT_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "db/view.h"

struct app;

enum { DIGEST_TODAY, DIGEST_OVERDUE, DIGEST_SOON, DIGEST_PARTS };

struct digest {
	bool shown;                       /* until dismissed */
	civil_day day;                    /* the day it is of */
	struct view_rows rows[DIGEST_PARTS]; /* the first few of each part */
	size_t count[DIGEST_PARTS];
};

/* Reads today's digest and shows it when it has anything. */
void digest_open(struct app *app);
void digest_release(struct digest *d);

#endif
