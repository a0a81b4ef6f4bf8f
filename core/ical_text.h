/* ical_text: the text side of iCalendar export, with no libical: cleaning
 * what goes into a TEXT value, and repairing and re-folding what libical
 * serialised (CRLF, at most 75 octets a line, never inside a UTF-8 character
 * or an escape pair). core/ical builds components with it. Everything here
 * appends to a strbuf (growing it: cannot fail). */
#ifndef HANCHOT_ICAL_TEXT_H
#define HANCHOT_ICAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

/* Appends text (NULL: nothing) to b as an iCalendar TEXT value can hold
 * it: cleaned by core/text's text_sanitize, the one cleaner of the program
 * (line breaks become LF, or a space when single_line). */
void ical_text_clean_into(struct strbuf *b, const char *text, bool single_line);
/* ical_text_clean_into() for a whole value: without white space at either
 * end, which libical's parser drops. */
void ical_text_value_into(struct strbuf *b, const char *text, bool single_line);
/* Drops white space (space, TAB, LF) at the end of b. */
void ical_text_trim_end(struct strbuf *b);

/* Re-folds serialised iCalendar text: removes every fold (CRLF or LF
 * followed by a space or tab, which also undoes libical's fold inside the
 * CRLF), lone CRs, empty lines and white space opening a line, escapes raw
 * ',' and ';' in X-WR-CALNAME and CATEGORIES values, and folds each line
 * again at 75 octets with CRLF, appending to out; text[0..len)
 * (NUL-terminated) is changed on the way. */
void ical_text_refold_into(struct strbuf *out, char *text, size_t len);

/* One CATEGORIES line holding the values of props[0..n), each the serialised
 * text of a CATEGORIES property with one value (as ical_text_refold_into()
 * wrote it: escaped, folded), joined by ',' and folded again. todoman 4.1
 * drops a VTODO with two CATEGORIES lines. Nothing is appended when n is 0. */
void ical_text_join_categories(struct strbuf *out, char *const *props, size_t n);

#endif
