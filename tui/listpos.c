#include "tui/listpos.h"

#include <assert.h>

#include "tui/keymap.h"

static void fix(struct listpos *lp)
{
	if (lp->height == 0)
		lp->height = 1;
	if (lp->count == 0) {
		lp->sel = lp->top = 0;
		return;
	}
	if (lp->sel >= lp->count)
		lp->sel = lp->count - 1;
	if (lp->top > lp->sel)
		lp->top = lp->sel;
	if (lp->sel >= lp->top + lp->height)
		lp->top = lp->sel - lp->height + 1;
	/* No empty space below the last row when the list could fill it. */
	if (lp->count >= lp->height && lp->top + lp->height > lp->count)
		lp->top = lp->count - lp->height;
	if (lp->count < lp->height)
		lp->top = 0;
	assert(lp->sel < lp->count && lp->top <= lp->sel && lp->sel < lp->top + lp->height);
}

void listpos_set(struct listpos *lp, size_t count, size_t height)
{
	lp->count = count;
	lp->height = height;
	fix(lp);
}

void listpos_move(struct listpos *lp, long delta)
{
	if (lp->count == 0)
		return;
	if (delta < 0 && (size_t)-delta > lp->sel)
		lp->sel = 0;
	else
		lp->sel = (size_t)((long)lp->sel + delta);
	fix(lp);
}

void listpos_page(struct listpos *lp, int dir)
{
	long h = (long)(lp->height > 1 ? lp->height - 1 : 1);
	if (dir > 0 && lp->top + lp->height < lp->count) {
		lp->top += (size_t)h;
		if (lp->top + lp->height > lp->count)
			lp->top = lp->count - lp->height;
	} else if (dir < 0) {
		lp->top = lp->top > (size_t)h ? lp->top - (size_t)h : 0;
	}
	listpos_move(lp, dir > 0 ? h : -h);
}

void listpos_home(struct listpos *lp)
{
	lp->sel = lp->top = 0;
	fix(lp);
}

void listpos_end(struct listpos *lp)
{
	lp->sel = lp->count ? lp->count - 1 : 0;
	fix(lp);
}

void listpos_select(struct listpos *lp, size_t i)
{
	lp->sel = i;
	fix(lp);
}

bool listpos_act(struct listpos *lp, enum action a)
{
	switch (a) {
	case ACT_DOWN: listpos_move(lp, 1); return true;
	case ACT_UP: listpos_move(lp, -1); return true;
	case ACT_PGDN: listpos_page(lp, 1); return true;
	case ACT_PGUP: listpos_page(lp, -1); return true;
	case ACT_TOP: listpos_home(lp); return true;
	case ACT_BOTTOM: listpos_end(lp); return true;
	default: return false;
	}
}
