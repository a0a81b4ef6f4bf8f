/* ical_text: the text side of iCalendar export, with no libical: cleaning
 * what goes into a TEXT value, and repairing and re-folding what libical
 * serialised (CRLF, at most 75 octets a line, never inside a UTF-8 character
 * or an escape pair). core/ical builds components with it. Everything here
 * appends to a strbuf (growing it: cannot fail) or returns a string the
 * caller frees. */
#ifndef HANCHOT_ICAL_TEXT_H
#define HANCHOT_ICAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

/* A copy of UTF-8 text safe for an iCalendar TEXT value: CR LF, lone CR, VT,
 * FF, U+2028 and U+2029 become LF (a space when single_line, as does TAB);
 * other C0 controls, DEL, C1 controls and bidi overrides
 * (text_cp_is_bidi_control) are dropped; invalid UTF-8 bytes and U+FFFD
 * become '?'. NULL gives "". ical_text_clean_into appends it to b. */
char *ical_text_clean(const char *text, bool single_line);
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
 * again at 75 octets with CRLF. ical_refold returns a new string (length in
 * *out_len when not NULL); ical_text_refold_into appends to out, changing
 * text[0..len) (NUL-terminated) on the way. */
char *ical_refold(const char *text, size_t len, size_t *out_len);
void ical_text_refold_into(struct strbuf *out, char *text, size_t len);

/* One CATEGORIES line holding the values of props[0..n), each the serialised
 * text of a CATEGORIES property with one value (as ical_text_refold_into()
 * wrote it: escaped, folded), joined by ',' and folded again. todoman 4.1
 * drops a VTODO with two CATEGORIES lines. Nothing is appended when n is 0. */
void ical_text_join_categories(struct strbuf *out, char *const *props, size_t n);

#endif
