/* draw: putting text on the screen safely. Text from data may hold anything:
 * control characters are never sent to the terminal, wide characters take two
 * columns, and text is cut at a character boundary with "…". */
#ifndef HANCHOT_DRAW_H
#define HANCHOT_DRAW_H

/* Draws s at (y, x) in at most width columns, padding with spaces to width
 * when pad is nonzero. Returns the columns used. */
int draw_text(int y, int x, int width, const char *s, int pad);

#endif
