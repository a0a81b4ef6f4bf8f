#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <wchar.h>
#include <wctype.h>

#include "core/text.h"
#include "tui/term.h"

/* What the next character is; sets *len to its bytes. */
enum { SHOWN_AS_SPACE = -1, NOT_SHOWN = -2 };
/* Columns of the next character (core/text's text_cp_width, the one width
 * table of the program, whatever the C library's locale says), or:
 * SHOWN_AS_SPACE for a control or invalid character, NOT_SHOWN for a bidi
 * override (which would reorder the line). */
static int next_char(const char *s, size_t avail, wchar_t *wc, size_t *len)
{
	uint32_t cp;
	*len = text_utf8_decode(s, avail, &cp);
	*wc = (wchar_t)cp;
	if (cp == TEXT_BAD_CP || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || !iswprint(*wc))
		return SHOWN_AS_SPACE; /* (what curses cannot print takes a space too) */
	if (text_cp_is_bidi_control(cp))
		return NOT_SHOWN;
	return text_cp_width(cp);
}

/* The rows drawn: outside, text is measured and not drawn (a pane that
 * scrolls draws from above its top). */
static int clip_top = -1000000, clip_bottom = 1000000;

void draw_clip(int top, int bottom)
{
	clip_top = top;
	clip_bottom = bottom;
}

void draw_unclip(void) { draw_clip(-1000000, 1000000); }

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
	int cols = draw_columns(s);
	if (y < clip_top || y >= clip_bottom)
		return pad || cols > width ? width : cols;
	int fits = cols <= width;
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
		draw_text(y + rows, x, width, line, 0);
		free(line);
		rows++;
		s += cut;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	return rows;
}
