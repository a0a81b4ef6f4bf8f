/* words: stepping through Vietnamese running text a word at a time, for the
 * readers of who acts (core/names, core/actors). A word is a run of bytes
 * up to white space or punctuation (ASCII, and the curly quotes and the
 * ellipsis); phrases match whole words, byte for byte.
 *
 * Pure; text is UTF-8, NFC. */
#ifndef HANCHOT_WORDS_H
#define HANCHOT_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s points into a word (not at its end, a space or punctuation). */
bool words_char(const char *s);
/* The length in bytes of the word at s (0 at a space or punctuation). */
size_t words_len(const char *s);
/* s past spaces, tabs and line breaks. */
const char *words_skip(const char *s);

/* Whether s begins with the words of phrase, then the end of a word. */
bool words_at(const char *s, const char *phrase);
/* words_at(), the first letter of s in either case. */
bool words_at_ci(const char *s, const char *phrase);
/* The first of list[0, n) that s begins with (words_at, or words_at_ci when
 * any_case), or NULL. */
const char *words_at_any(const char *s, const char *const *list, size_t n, bool any_case);

/* Whether s begins with the words of phrase in any case, letter by letter
 * ("Thông tin và truyền thông" for "Thông tin và Truyền thông"): the bytes
 * of s it takes, or 0. */
size_t words_at_nocase(const char *s, const char *phrase);

/* For text in small letters: whether s begins with phrase (in any case), a
 * whole word, and the longest of list[0, n) that it begins with, or NULL. */
bool words_at_lower(const char *s, const char *phrase);
const char *words_at_any_lower(const char *s, const char *const *list, size_t n);

#endif
