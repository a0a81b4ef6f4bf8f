/* plain: the one text every extractor writes, in the form notice_read()
 * reads a .txt or .md notice: UTF-8, one paragraph per line, a blank line
 * after each paragraph.
 *
 * A table is collected whole, then written in one of two ways. A layout
 * table (at most two columns and no header row of a data table: the
 * issuer | national motto, number | place and date header of an
 * administrative document, a signature block) gives each cell's paragraphs
 * as paragraphs of their own, row by row, left to right, so that "Số: 123/TB-UBND"
 * and "Lào Cai, ngày 11 tháng 6 năm 2026" stand on lines of their own. Any
 * other table becomes Markdown pipe-table rows, one line per row
 * ("| 1 | Nội dung | Sở Tài chính |"), with a blank line before and after:
 * a cell's paragraphs and line breaks are joined by spaces, "|" is written
 * "\|", a cell spanning n columns is followed by n - 1 empty cells, rows
 * with no text are left out. A table inside a cell is flattened into that
 * cell's text.
 *
 * Text is cleaned as it is added: control characters are dropped, a tab or
 * a no-break space becomes a space, spaces at the ends of a line go. The
 * output is bounded: past max bytes nothing more is kept and plain_full()
 * says so. struct plain is caller-owned: plain_init(), plain_release(). */
#ifndef HANCHOT_PLAIN_H
#define HANCHOT_PLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

struct plain_cell;
struct plain_row;

struct plain {
	struct strbuf out;
	struct strbuf para;        /* the paragraph being written */
	size_t max;
	bool full;
	int table_depth;           /* tables nested at this point */
	struct plain_row *rows;    /* the table being collected (depth 1) */
	size_t n_rows, cap_rows;
	size_t collected;          /* bytes held in rows */
};

void plain_init(struct plain *p, size_t max);
void plain_release(struct plain *p);

/* Adds n bytes of text (valid UTF-8 expected; bad bytes are kept for the
 * notice reader to refuse) to the current paragraph. */
void plain_text(struct plain *p, const char *s, size_t n);
/* A line break inside the paragraph (a space inside a table cell). */
void plain_break(struct plain *p);
/* Ends the paragraph; an empty one writes nothing. */
void plain_para_end(struct plain *p);
/* Writes a blank line unless the output already ends with one. */
void plain_blank(struct plain *p);

void plain_table_begin(struct plain *p);
void plain_row_begin(struct plain *p);
/* A cell spanning span >= 1 columns. */
void plain_cell_begin(struct plain *p, unsigned span);
/* Sets the current cell's span, when it is known after its start. */
void plain_cell_span(struct plain *p, unsigned span);
void plain_cell_end(struct plain *p);
void plain_row_end(struct plain *p);
void plain_table_end(struct plain *p);

/* How an automatic list writes its numbers (Word's numFmt, ODF's
 * style:num-format). */
enum plain_numfmt {
	PLAIN_DECIMAL,        /* 1 2 3 */
	PLAIN_DECIMAL_ZERO,   /* 01 02 … 10 */
	PLAIN_UPPER_ROMAN,    /* I II III */
	PLAIN_LOWER_ROMAN,    /* i ii iii */
	PLAIN_UPPER_LETTER,   /* A … Z AA BB */
	PLAIN_LOWER_LETTER,   /* a … z aa bb */
	PLAIN_NO_NUMBER,      /* nothing */
};
/* Appends n (>= 0; roman and letters from 1, else decimal) in format f. */
void plain_format_number(struct strbuf *out, int n, enum plain_numfmt f);

/* The bullet to write for a list's bullet shown as `shown` at level
 * (0 = first): "-", "–", "+", "*" and "•" as they are (the notice reader
 * knows them); a symbol font's character or anything else becomes "-" on
 * the first level and "+" below it. Never NULL. */
const char *plain_bullet(const char *shown, int level);

/* Whether text was left out because the output reached max bytes. */
bool plain_full(const struct plain *p);
/* The text written so far (any open paragraph and table are ended first),
 * which the caller then owns; *len is its length. */
char *plain_take(struct plain *p, size_t *len);

#endif
