/* listpos: the selection and scroll of a list, as plain numbers. The view
 * keeps one per list; moving, paging and resizing only change these numbers,
 * and drawing reads them. No terminal needed, so it is unit-tested. */
#ifndef HANCHOT_LISTPOS_H
#define HANCHOT_LISTPOS_H

#include <stdbool.h>
#include <stddef.h>

struct listpos {
	size_t count;  /* rows in the list */
	size_t sel;    /* selected row (0 when count is 0) */
	size_t top;    /* first visible row */
	size_t height; /* visible rows (at least 1) */
};

/* Sets count/height and brings sel and top back in range, keeping sel visible. */
void listpos_set(struct listpos *lp, size_t count, size_t height);
/* Moves the selection by delta rows (clamped), scrolling to keep it visible. */
void listpos_move(struct listpos *lp, long delta);
/* Pages: dir > 0 down, < 0 up, by one screen. */
void listpos_page(struct listpos *lp, int dir);
void listpos_home(struct listpos *lp);
void listpos_end(struct listpos *lp);

/* The moving keys every list shares (down, up, page down and up, top,
 * bottom) applied to lp: true when a was one of them. */
enum action;
bool listpos_act(struct listpos *lp, enum action a);
/* Selects row i (clamped). */
void listpos_select(struct listpos *lp, size_t i);

#endif
