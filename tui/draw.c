#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/term.h"

/* Columns of the next character; sets *len to its bytes. Control and invalid
 * characters come back as -1. */
static int next_char(const char *s, size_t avail, wchar_t *wc, size_t *len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = mbrtowc(wc, s, avail, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return -1;
	}
	*len = n;
	return wcwidth(*wc);
}

int draw_columns(const char *s)
{
	int cols = 0;
	size_t avail = strlen(s), len;
	wchar_t wc;
	while (avail) {
		int w = next_char(s, avail, &wc, &len);
		cols += w < 0 ? 1 : w;
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
		if (w < 0) { /* control or invalid: shown as a space, never sent raw */
			wc = L' ';
			w = 1;
		}
		if (used + w > limit)
			break;
		if (w == 0 && used == 0) { /* a combining mark with nothing to sit on */
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
			if (w < 0)
				w = 1;
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
