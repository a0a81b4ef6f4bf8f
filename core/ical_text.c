#include "core/ical_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"

#define MAX_LINE 75 /* octets, excluding CRLF */

void ical_text_clean_into(struct strbuf *b, const char *text, bool single_line)
{
	size_t len = text ? strlen(text) : 0;
	strbuf_grow(b, len); /* the cleaned text is never longer */
	b->len += text_sanitize(b->p + b->len, text ? text : "", len, single_line ? 0 : TEXT_MULTILINE);
}

/* libical's parser drops white space at the end of a value: drop it here, so
 * every reader sees the same text. */
void ical_text_trim_end(struct strbuf *b)
{
	while (b->len && (b->p[b->len - 1] == ' ' || b->p[b->len - 1] == '\t' ||
			  b->p[b->len - 1] == '\n'))
		b->p[--b->len] = '\0';
}

/* ical_text_clean_into() for a whole value: without white space at either end, which
 * libical's parser drops. */
void ical_text_value_into(struct strbuf *b, const char *text, bool single_line)
{
	size_t start = b->len, skip = 0;
	ical_text_clean_into(b, text, single_line);
	while (start + skip < b->len &&
	       (b->p[start + skip] == ' ' || b->p[start + skip] == '\t' || b->p[start + skip] == '\n'))
		skip++;
	memmove(b->p + start, b->p + start + skip, b->len - start - skip + 1);
	b->len -= skip;
	ical_text_trim_end(b);
}

/* ---------------------------------------------------------------- re-folding */

/* Where to end a piece of line[0..n) that may hold at most room octets from
 * i: never before a UTF-8 continuation byte, never between a backslash and the
 * character it escapes (an odd run of backslashes ends in an escape's start). */
static size_t fold_cut(const unsigned char *s, size_t i, size_t room)
{
	size_t cut = i + room;
	/* a character has at most 3 continuation bytes; longer runs are not
	 * UTF-8 and are cut anyway, so every piece keeps at least room - 4 octets */
	for (int k = 0; k < 3 && (s[cut] & 0xC0) == 0x80; k++)
		cut--;
	size_t run = 0;
	while (run < cut && s[cut - 1 - run] == '\\')
		run++;
	if (run & 1)
		cut--;
	return cut;
}

/* Appends one logical line (no CR or LF inside), folded at MAX_LINE octets. */
static void fold_line(struct strbuf *out, const char *line, size_t n)
{
	const unsigned char *s = (const unsigned char *)line;
	strbuf_grow(out, n + (n / (MAX_LINE - 6) + 1) * 3 + 2); /* pieces >= 70 octets */
	char *o = out->p + out->len;
	size_t i = 0, room = MAX_LINE;
	while (n - i > room) {
		size_t cut = fold_cut(s, i, room);
		memcpy(o, s + i, cut - i);
		o += cut - i;
		memcpy(o, "\r\n ", 3);
		o += 3;
		i = cut;
		room = MAX_LINE - 1;
	}
	memcpy(o, s + i, n - i);
	o += n - i;
	memcpy(o, "\r\n", 3);
	out->len = (size_t)(o + 2 - out->p);
}

static bool line_is(const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n > k && strncasecmp(line, name, k) == 0 && (line[k] == ':' || line[k] == ';');
}

/* libical 3.0.16 leaves ',' and ';' unescaped in X- property TEXT values and
 * in CATEGORIES; we write one category per property, so every comma in its
 * value belongs to the name. Escape pairs already there are kept, so a libical
 * that escapes them itself is not double-escaped. */
static void escape_value_into(struct strbuf *out, const char *line, size_t n)
{
	size_t i = 0;
	bool quoted = false;
	for (; i < n; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ':' && !quoted)
			break;
	}
	if (i < n)
		i++;
	strbuf_addn(out, line, i);
	for (; i < n; i++) {
		char c = line[i];
		if (c == '\\' && i + 1 < n) {
			strbuf_addn(out, line + i, 2);
			i++;
			continue;
		}
		if (c == ',' || c == ';')
			strbuf_addch(out, '\\');
		strbuf_addch(out, c);
	}
}

static void emit_line(struct strbuf *out, const char *line, size_t n)
{
	/* a content line never starts with white space (a reader would take it
	 * for a continuation); libical writes none, other input might */
	while (n && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	if (n == 0)
		return;
	if ((line[0] == 'X' || line[0] == 'x' || line[0] == 'C' || line[0] == 'c') &&
	    (line_is(line, n, "X-WR-CALNAME") || line_is(line, n, "CATEGORIES"))) {
		struct strbuf tmp = STRBUF_INIT;
		escape_value_into(&tmp, line, n);
		fold_line(out, tmp.p, tmp.len);
		strbuf_release(&tmp);
	} else {
		fold_line(out, line, n);
	}
}

/* Unfolds text[0..len) in place: drops every CRLF or LF followed by a space or
 * tab (which also undoes libical's fold inside the CRLF: "\r\r\n \n" and
 * "\r\n \r\n") and every lone CR; the remaining line ends become LF. Returns
 * the new length. */
static size_t unfold_in_place(char *text, size_t len)
{
	size_t r = 0, w = 0;
	while (r < len) {
		char *nl = memchr(text + r, '\r', len - r);
		char *lf = memchr(text + r, '\n', len - r);
		size_t k = nl && (!lf || nl < lf) ? (size_t)(nl - text) : lf ? (size_t)(lf - text) : len;
		memmove(text + w, text + r, k - r);
		w += k - r;
		r = k;
		if (r >= len)
			break;
		size_t j = r + 1;
		if (text[r] == '\r') {
			if (j >= len || text[j] != '\n') {
				r = j; /* a lone CR */
				continue;
			}
			j++;
		}
		if (j < len && (text[j] == ' ' || text[j] == '\t')) {
			r = j + 1; /* a fold */
			continue;
		}
		text[w++] = '\n';
		r = j;
	}
	return w;
}

/* Unfolds text (modified in place) and appends it re-folded to out. */
void ical_text_refold_into(struct strbuf *out, char *text, size_t len)
{
	len = unfold_in_place(text, len);
	size_t i = 0;
	while (i < len) {
		char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		emit_line(out, text + i, end - i);
		i = end + 1;
	}
}

void ical_text_join_categories(struct strbuf *out, char *const *props, size_t n)
{
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		size_t start = line.len;
		strbuf_add(&line, props[i]);
		size_t len = unfold_in_place(line.p + start, line.len - start);
		while (len && line.p[start + len - 1] == '\n')
			len--;
		char *colon = memchr(line.p + start, ':', len);
		if (!colon) {
			strbuf_truncate(&line, start);
			continue;
		}
		/* "CATEGORIES:" stays before the first value; a comma before the others */
		size_t cut = (size_t)(colon + 1 - (line.p + start));
		if (start) {
			memmove(line.p + start + 1, colon + 1, len - cut);
			line.p[start] = ',';
			len = len - cut + 1;
		}
		strbuf_truncate(&line, start + len);
	}
	if (line.len)
		fold_line(out, line.p, line.len);
	strbuf_release(&line);
}
