#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "tui/term.h"

/* What the next character is; sets *len to its bytes. */
enum { SHOWN_AS_SPACE = -1, NOT_SHOWN = -2 };
/* Columns of the next character, or: SHOWN_AS_SPACE for a control or invalid
 * character, NOT_SHOWN for a bidi override (which would reorder the line). */
static int next_char(const char *s, size_t avail, wchar_t *wc, size_t *len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, avail, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return SHOWN_AS_SPACE;
	}
	*len = n;
	if (text_cp_is_bidi_control((uint32_t)*wc))
		return NOT_SHOWN;
	int w = wcwidth(*wc);
	return w < 0 ? SHOWN_AS_SPACE : w;
}

int draw_columns(const char *s)
{
	int cols = 0;
	size_t avail = strlen(s), len;
	wchar_t wc;
	while (avail) {
		int w = next_char(s, avail, &wc, &len);
		cols += w == SHOWN_AS_SPACE ? 1 : w == NOT_SHOWN ? 0 : w;
		s += len;
		avail -= len;
	}
	return cols;
}

int draw_text(int y, int x, int width, const char *s, int pad)
{
	if (width <= 0)
		return 0;
	int fits = draw_columns(s) <= width;
	int limit = fits ? width : width - 1; /* room for … */
	int used = 0;
	size_t avail = strlen(s), len;
	wchar_t wc;
	move(y, x);
	while (avail) {
		int w = next_char(s, avail, &wc, &len);
		if (w == SHOWN_AS_SPACE) { /* control or invalid: shown as a space, never sent raw */
			wc = L' ';
			w = 1;
		}
		if (w != NOT_SHOWN && used + w > limit)
			break;
		if (w == NOT_SHOWN || (w == 0 && used == 0)) { /* or a mark with nothing to sit on */
			s += len;
			avail -= len;
			continue;
		}
		addnwstr(&wc, 1);
		used += w;
		s += len;
		avail -= len;
	}
	if (!fits) {
		addstr("…");
		used++;
	}
	while (pad && used < width) {
		addch(' ');
		used++;
	}
	return used;
}

int draw_wrapped(int y, int x, int width, int max_rows, const char *s)
{
	int rows = 0;
	if (width <= 0)
		return 0;
	while (*s && rows < max_rows) {
		/* Find how many bytes fit in width columns; prefer the last space. */
		size_t avail = strlen(s), len, off = 0, last_space = 0;
		int used = 0;
		wchar_t wc;
		while (off < avail) {
			int w = next_char(s + off, avail - off, &wc, &len);
			w = w == SHOWN_AS_SPACE ? 1 : w == NOT_SHOWN ? 0 : w;
			if (s[off] == '\n')
				break;
			if (used + w > width)
				break;
			if (wc == L' ')
				last_space = off;
			used += w;
			off += len;
		}
		size_t cut = off;
		if (off < avail && s[off] != '\n' && last_space > 0)
			cut = last_space;
		if (cut == 0 && off < avail && s[off] != '\n')
			cut = len; /* a character wider than the pane */
		char *line = strndup(s, cut);
		if (!line)
			return rows;
		move(y + rows, x);
		draw_text(y + rows, x, width, line, 0);
		free(line);
		rows++;
		s += cut;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	return rows;
}
