/* layout: lines of text placed on pages (a PDF's text layer, OCR output)
 * joined back into the paragraphs a person reads, for core/plain.
 *
 * The caller adds each page and its lines in reading order, a line being
 * its text and its box (y grows downwards; any unit, the same for the
 * whole page). layout_write() then:
 * - drops page headers and footers: a line in the top or bottom tenth of
 *   the page that is a page number ("2", "- 2 -", "Trang 2/5", "Page 2 of 5")
 *   or whose text, digits aside, recurs at the same place on other pages;
 * - starts a new paragraph where the space between lines grows, where a
 *   line is indented more than the one before, where the font size
 *   changes, where the text goes back up or sits beside the previous line
 *   (a column, a table cell), and where the previous line stopped short
 *   although the next word would have fitted after it (the line was ended
 *   on purpose: a heading, a list item, a paragraph's last line);
 * - finds tables as well as a page's layout shows them: a run of lines
 *   none wider than 60% of the text, starting with a line of three pieces
 *   or more side by side (a header row), at least two such lines, every
 *   piece under exactly one column (columns are where pieces overlap
 *   across lines, so centred cells work too); a new row where the space
 *   between lines grows, or where a narrow first column (STT) has text.
 *   They are written through core/plain's table functions (pipe rows);
 * - joins the other lines with a space, undoing a hyphenation (a letter,
 *   "-" or a soft hyphen at the end of a line, a lowercase letter after it),
 *   also across a page break.
 * struct layout is caller-owned (layout_init(), layout_release()); bounded
 * by its caller (pages and text as extracted). */
#ifndef HANCHOT_LAYOUT_H
#define HANCHOT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plain.h"

struct layout_line {
	int page;
	size_t seq;          /* order added */
	double x0, y0, x1, y1;
	char *text;
	double first_word;   /* estimated width of its first word */
	bool margin;         /* a page header or footer: left out */
	int table;           /* 0, or the table (1, 2, …) the line is a cell's line of */
	int row, col;        /* its cell in that table */
};

struct layout {
	struct layout_line *lines;
	size_t n, cap;
	double *page_h, *page_w;
	int pages, cap_pages;
};

void layout_init(struct layout *l);
void layout_release(struct layout *l);
/* Adds a page of the given size; returns its number (0, 1, …). */
int layout_page(struct layout *l, double width, double height);
/* Adds a line (n bytes of UTF-8) to page (a number layout_page() gave):
 * pages may be filled in any order, a page's lines in reading order.
 * White space at its ends is dropped; a blank line is ignored. */
void layout_line(struct layout *l, int page, double x0, double y0, double x1, double y1, const char *text,
		 size_t n);
/* Writes the paragraphs of every page to out. */
void layout_write(struct layout *l, struct plain *out);

#endif
