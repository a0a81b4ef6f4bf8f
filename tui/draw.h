/* draw: putting text on the screen safely. Text from data may hold anything:
 * control characters are never sent to the terminal, wide characters take two
 * columns, and text is cut at a character boundary with "…". */
#ifndef HANCHOT_DRAW_H
#define HANCHOT_DRAW_H

/* Draws s at (y, x) in at most width columns, padding with spaces to width
 * when pad is nonzero. Returns the columns used. */
int draw_text(int y, int x, int width, const char *s, int pad);

#endif

/* Rows [top, bottom) only are drawn until draw_unclip: the others are
 * measured (a scrolled pane draws from above its first row). */
void draw_clip(int top, int bottom);
void draw_unclip(void);
/* Columns s takes on screen (control characters count as one, as drawn). */
int draw_columns(const char *s);

/* Draws s from row y, wrapped at width columns (at spaces when it can, at a
 * character boundary otherwise), at most max_rows rows. Returns rows used. */
int draw_wrapped(int y, int x, int width, int max_rows, const char *s);
