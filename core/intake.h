/* intake: the bytes of a notice as the reader takes them. Whether they can
 * be read at all (empty, binary, too large, not UTF-8: the legacy Vietnamese
 * encodings Windows-1258 and TCVN3 are recognised and named), the text as
 * read (LF line ends, no BOM, NFC; no-break and other spaces as ' ', soft
 * hyphens and zero-width characters removed, a form feed on a line of its
 * own), and the hash that says two copies are the same text.
 *
 * Pure. */
#ifndef HANCHOT_INTAKE_H
#define HANCHOT_INTAKE_H

#include <stddef.h>

/* Checks that data[0, len) can be read as a notice. Fails (-1, with a one-line
 * message in err) when it is empty or only white space, larger than
 * NOTICE_MAX_BYTES, binary (NUL or other control bytes), or not UTF-8. For
 * text in a legacy Vietnamese encoding the message names it and *iconv_from
 * is set to the iconv(1) name to convert from ("WINDOWS-1258",
 * "TCVN5712-1"); otherwise *iconv_from is NULL. iconv_from may be NULL.
 * The message does not name the file: the caller prefixes it. */
int intake_check(const char *data, size_t len, const char **iconv_from, char *err);

/* The text as read, newly allocated (data already checked). */
char *intake_clean(const char *data, size_t len);

/* FNV-1a of text, as 16 hex digits, with spaces at line ends and blank
 * lines at the end left out: copies differing only in those are the same. */
void intake_hash(const char *text, char out[17]);

#endif
