/* term: the one place that picks the curses header (wide-character ncurses). */
#ifndef HANCHOT_TERM_H
#define HANCHOT_TERM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
