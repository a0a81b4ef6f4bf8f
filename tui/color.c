#include "tui/color.h"

#include <stdlib.h>

static const struct {
	short fg, bg;
	attr_t extra; /* added in colour */
	attr_t mono;  /* used without colour */
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_HEADER] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_TITLE] = { -1, -1, A_BOLD, A_BOLD },
	[ROLE_OVERDUE] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_TODAY] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_SOON] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[ROLE_DONE] = { COLOR_GREEN, -1, A_NORMAL, A_DIM },
	[ROLE_MUTED] = { -1, -1, A_DIM, A_DIM },
	[ROLE_MARKED] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[ROLE_FOOTER] = { -1, -1, A_DIM, A_NORMAL },
	[ROLE_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_FOCUS] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
};

static bool in_color;

bool color_init(bool wanted)
{
	const char *no_color = getenv("NO_COLOR");
	in_color = wanted && !(no_color && *no_color) && has_colors();
	if (!in_color)
		return false;
	start_color();
	if (COLORS < 8 || COLOR_PAIRS < ROLE_COUNT + 1) {
		in_color = false;
		return false;
	}
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++)
		init_pair((short)(r + 1), roles[r].fg, roles[r].bg);
	return true;
}

attr_t color_attr(enum role r)
{
	if ((unsigned)r >= ROLE_COUNT)
		r = ROLE_NORMAL;
	if (!in_color)
		return roles[r].mono;
	return (attr_t)COLOR_PAIR(r + 1) | roles[r].extra;
}

enum role color_class_role(enum task_class c)
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
