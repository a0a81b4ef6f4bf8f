/* color: colours by role, from one table. Views ask for a role's attributes
 * and never name a colour. On a terminal with fewer than 8 colours, with
 * NO_COLOR set, or with `color = false` in the configuration, every role falls
 * back to a monochrome attribute (bold, underline, dim, reverse). */
#ifndef HANCHOT_COLOR_H
#define HANCHOT_COLOR_H

#include <stdbool.h>

#include "core/status.h"
#include "tui/term.h"

enum role {
	ROLE_NORMAL, ROLE_HEADER, ROLE_TITLE, ROLE_OVERDUE, ROLE_TODAY, ROLE_SOON, ROLE_DONE,
	ROLE_MUTED, ROLE_MARKED, ROLE_FOOTER, ROLE_ERROR, ROLE_FOCUS, ROLE_COUNT
};

/* Starts colours when wanted and available (call after initscr). Returns
 * whether colours are in use. */
bool color_init(bool wanted);
attr_t color_attr(enum role r);
/* The role a task class is drawn with. */
enum role color_class_role(enum task_class c);

#endif
