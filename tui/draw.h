/* draw: putting text on the screen safely. Text from data may hold anything:
 * it is cleaned by core/text's text_sanitize (no control character or bidi
 * override reaches the terminal) and measured by its text_width, the one
 * display width of the program; text is cut at a character boundary with
 * "…". */
#ifndef HANCHOT_DRAW_H
#define HANCHOT_DRAW_H

/* Draws s at (y, x) in at most width columns, padding with spaces to width
 * when pad is nonzero. Returns the columns used. */
int draw_text(int y, int x, int width, const char *s, int pad);

/* Rows [top, bottom) only are drawn until draw_unclip: the others are
 * measured (a scrolled pane draws from above its first row). */
void draw_clip(int top, int bottom);
void draw_unclip(void);

/* Columns s takes on screen: text_width of s as draw_text cleans it. */
int draw_columns(const char *s);

/* Draws s from row y, wrapped at width columns (at spaces when it can, at a
 * character boundary otherwise), at most max_rows rows. Returns rows used. */
int draw_wrapped(int y, int x, int width, int max_rows, const char *s);

#endif
