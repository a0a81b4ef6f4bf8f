/* text: UTF-8 helpers for Vietnamese text: validation, decoding, NFC,
 * diacritic-insensitive search keys, terminal width, and removal of
 * control characters before anything is shown or exported.
 *
 * Nothing here depends on the C locale (setlocale changes nothing): the
 * character tables are compiled in. The functions that rewrite text work into a
 * caller buffer and never allocate; the output of text_nfc, text_lower,
 * text_fold and text_sanitize is never longer than the input, so a buffer of
 * len + 1 bytes is always enough. Each has a *_dup variant that allocates
 * (xmalloc: out of memory is fatal) and returns a string the caller frees.
 *
 * Invalid UTF-8 (a bad lead byte, a missing continuation byte, an overlong
 * form, a surrogate, a value past U+10FFFF) never crashes anything: validation
 * reports where it is, decoding yields TEXT_BAD_CP for one byte at a time, and
 * the rewriting functions replace each bad byte by '?' so that their output is
 * always valid UTF-8 (text_nfc and text_lower copy it through unchanged).
 *
 * Two files: core/text_nfc.c holds the decomposition and composition tables
 * and NFC (text_decompose, text_compose, text_combining_class, text_nfc),
 * core/text.c the rest. text_cp_width is the one display-width table of the
 * program: the screen, the command line's tables and the reports measure with
 * it. */
#ifndef HANCHOT_TEXT_H
#define HANCHOT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What text_utf8_decode yields for a byte that does not start a valid sequence. */
#define TEXT_BAD_CP 0xFFFFFFFFu

/* True when s[0..len) is valid UTF-8. Otherwise false, and *bad_offset (when not
 * NULL) is set to the byte offset of the first byte that is not part of a valid
 * sequence. On success *bad_offset is set to len. Cannot fail otherwise. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one code point from s[0..len) into *cp and returns the number of bytes
 * it takes (1..4); 0 only when len is 0. A bad sequence yields *cp = TEXT_BAD_CP
 * and consumes exactly one byte, so a loop always advances. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp (<= 0x10FFFF, not a surrogate) into out, returns 1..4, or 0 for a
 * value that has no encoding. */
size_t text_utf8_encode(uint32_t cp, char out[4]);

/* Canonical decomposition of one precomposed Latin letter (Latin-1, Latin
 * Extended-A/B, Latin Extended Additional, which covers all of Vietnamese):
 * writes the base letter and its marks in canonical order to out and returns how
 * many (1 when cp does not decompose: out[0] = cp). */
size_t text_decompose(uint32_t cp, uint32_t out[4]);
/* The precomposed letter for base + mark, or 0 when there is none. */
uint32_t text_compose(uint32_t base, uint32_t mark);
/* Canonical combining class of cp (0 for a starter), from the U+0300–U+036F
 * table; other code points are treated as starters. */
unsigned text_combining_class(uint32_t cp);

/* Simple lowercase of one code point (ASCII, Latin-1, Latin Extended-A/B
 * letters used in Vietnamese, U+1EA0–U+1EF9, Greek and Cyrillic capitals). */
uint32_t text_cp_lower(uint32_t cp);

/* NFC normalisation for Latin text: a base letter followed by combining marks
 * (in any order, e.g. NFD from macOS or Word) becomes the precomposed letter.
 * One deliberate difference from strict NFC: a tone mark written before the
 * circumflex or breve ("e" U+0301 U+0302) composes as if in the usual order
 * ("ế"). A combining sequence that would come out longer than written (never
 * the case for Vietnamese) is left as written.
 * Writes a NUL-terminated result of at most len bytes to out (which must hold
 * len + 1 bytes; it may not overlap s) and returns its length. */
size_t text_nfc(char *out, const char *s, size_t len);
char *text_nfc_dup(const char *s);

/* The capital of a small Vietnamese letter (Latin-1, Latin Extended-A/B,
 * Latin Extended Additional), or cp itself. */
uint32_t text_cp_upper(uint32_t cp);

/* The case of the letter s begins with (NUL-terminated; invalid bytes and
 * non-letters are neither): a capital ("Sở", "Ủy"), a small letter ("các",
 * "đơn vị"). */
bool text_starts_upper(const char *s);
bool text_starts_lower(const char *s);
/* Whether s holds a capital / a small letter anywhere. */
bool text_has_upper(const char *s);
bool text_has_lower(const char *s);
/* Uppercases the first letter of s in place (the capital of a Vietnamese
 * letter is as long as the small one). */
void text_capitalise(char *s);

/* Whether s begins with prefix, byte for byte. */
bool text_starts_with(const char *s, const char *prefix);
/* Whether s ends with tail, white space after it aside. */
bool text_ends_with(const char *s, const char *tail);

/* Lowercase (see text_cp_lower); out holds len + 1 bytes; returns the length. */
size_t text_lower(char *out, const char *s, size_t len);
char *text_lower_dup(const char *s);

/* Search key: NFC, lowercase, diacritics removed, đ → d, runs of white space
 * (including no-break and ideographic spaces) collapsed to one ASCII space,
 * leading and trailing space removed, control characters dropped:
 * "Kế hoạch" → "ke hoach", "Đầu tư" → "dau tu". out holds len + 1 bytes. */
size_t text_fold(char *out, const char *s, size_t len);
char *text_fold_dup(const char *s);

/* Columns a code point takes in a terminal: 0 for controls, combining marks,
 * format characters and zero-width characters; 2 for East Asian wide and
 * fullwidth characters (CJK, Hangul, most emoji); 1 otherwise. */
int text_cp_width(uint32_t cp);
/* Columns of s[0..len); each invalid byte counts 1 (terminals show U+FFFD). */
size_t text_width(const char *s, size_t len);

/* Copies into out (outsize bytes, NUL-terminated when outsize > 0) the longest
 * start of s[0..len) that fits in `width` columns; when s does not fit, as much
 * as fits in width - 1 columns followed by "…". Never splits a character or a
 * letter from the combining marks after it; invalid bytes become '?'; the
 * output is at most `width` columns and at most outsize - 1 bytes, and always
 * valid UTF-8. Returns the number of bytes written (without the NUL). The
 * command line's tables cut long names with it. */
size_t text_truncate(char *out, size_t outsize, const char *s, size_t len, size_t width);

/* True for the bidi embeddings, overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, which can reorder what a terminal shows: removed wherever
 * text from data is shown. */
bool text_cp_is_bidi_control(uint32_t cp);

enum text_sanitize_flags {
	TEXT_MULTILINE = 1 << 0, /* keep line breaks (as LF) and TAB */
	TEXT_OPTIONAL = 1 << 1,  /* text_entry(): blank text is "", not refused */
};
/* The one cleaner of the program: removes what must never reach a terminal
 * or a calendar. Line breaks (CR LF, lone CR, LF, VT, FF, U+2028, U+2029)
 * become LF with TEXT_MULTILINE, else a space (one line of a list), as TAB
 * does; other C0 controls, DEL, C1 controls and the bidi
 * embeddings/overrides/isolates U+202A–U+202E and U+2066–U+2069 are
 * dropped; invalid bytes become '?'. out holds len + 1 bytes; returns the
 * length. */
size_t text_sanitize(char *out, const char *s, size_t len, unsigned flags);
char *text_sanitize_dup(const char *s, unsigned flags);
/* True when text_sanitize(…, 0) would change s[0..len): it holds a control,
 * line separator, bidi control or invalid byte (TAB, LF and CR count). One pass, no copy: for
 * callers that print a string as it is when it needs nothing. */
bool text_needs_sanitize(const char *s, size_t len);

/* Text as it is stored (names, summaries, reasons, notes): checks and cleans
 * what a person typed or a file brought. Refuses text that is not valid UTF-8
 * ("summary: not valid UTF-8 (byte 6)") or blank: nothing visible, only
 * spaces, zero-width, control or lone combining characters ("summary is
 * blank"); otherwise removes what text_sanitize() removes (TAB and LF stay
 * with TEXT_MULTILINE), composes to NFC and trims the white space around;
 * with TEXT_OPTIONAL blank text comes back as "".
 * what names the text in the message. Returns a new string the caller frees,
 * or NULL with err set. */
char *text_entry(const char *what, const char *s, unsigned flags, char *err);

#endif
