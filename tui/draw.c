#include "tui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <wchar.h>
#include <wctype.h>

#include "core/text.h"
#include "core/xalloc.h"
#include "tui/term.h"

/* s as it is drawn: cleaned by text_sanitize (on one line), into *owned
 * when it needed cleaning. Its width is then text_width's, the one measure
 * the report's padding and the command line's tables use too. */
static const char *cleaned(const char *s, char **owned)
{
	*owned = text_needs_sanitize(s, strlen(s)) ? text_sanitize_dup(s, 0) : NULL;
	return *owned ? *owned : s;
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
	char *owned;
	const char *c = cleaned(s, &owned);
	int w = (int)text_width(c, strlen(c));
	free(owned);
	return w;
}

/* Puts one character of w columns; what curses cannot print takes as many
 * spaces, so the columns are text_width's whatever the C library knows. */
static void put_char(uint32_t cp, int w)
{
	wchar_t wc = (wchar_t)cp;
	if (iswprint((wint_t)wc)) {
		addnwstr(&wc, 1);
		return;
	}
	for (int i = 0; i < w; i++)
		addch(' ');
}

int draw_text(int y, int x, int width, const char *s, int pad)
{
	if (width <= 0)
		return 0;
	char *owned;
	s = cleaned(s, &owned);
	size_t avail = strlen(s);
	int cols = (int)text_width(s, avail);
	if (y < clip_top || y >= clip_bottom) {
		free(owned);
		return pad || cols > width ? width : cols;
	}
	int fits = cols <= width;
	int limit = fits ? width : width - 1; /* room for … */
	int used = 0;
	move(y, x);
	while (avail) {
		uint32_t cp;
		size_t len = text_utf8_decode(s, avail, &cp);
		int w = text_cp_width(cp);
		if (used + w > limit)
			break;
		if (w > 0 || used > 0) /* not a mark with nothing to sit on */
			put_char(cp, w);
		used += w;
		s += len;
		avail -= len;
	}
	free(owned);
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
	/* line breaks kept, everything else as draw_text cleans it */
	char *clean = text_sanitize_dup(s, TEXT_MULTILINE);
	for (char *t = clean; (t = strchr(t, '\t')) != NULL;)
		*t = ' ';
	s = clean;
	while (*s && rows < max_rows) {
		/* Find how many bytes fit in width columns; prefer the last space. */
		size_t avail = strlen(s), len, off = 0, last_space = 0;
		int used = 0;
		while (off < avail) {
			uint32_t cp;
			len = text_utf8_decode(s + off, avail - off, &cp);
			int w = text_cp_width(cp);
			if (s[off] == '\n')
				break;
			if (used + w > width)
				break;
			if (cp == ' ')
				last_space = off;
			used += w;
			off += len;
		}
		size_t cut = off;
		if (off < avail && s[off] != '\n' && last_space > 0)
			cut = last_space;
		if (cut == 0 && off < avail && s[off] != '\n')
			cut = len; /* a character wider than the pane */
		char *line = xstrndup(s, cut);
		draw_text(y + rows, x, width, line, 0);
		free(line);
		rows++;
		s += cut;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	free(clean);
	return rows;
}
