/* sniff: what kind of file the bytes are, from their first bytes (magic
 * numbers), never from the file's name; and, for the kinds hanchot does not
 * read, the one-line message with the way forward.
 *
 * No outside library: the program uses it to decide, without loading the
 * PDF, OCR and XML libraries, whether a file is text (read at once) or
 * needs extracting (core/extract, in the hanchot-extract helper). Cannot
 * fail; messages are one line without the file's name (`name` only
 * appears in the commands suggested). */
#ifndef HANCHOT_SNIFF_H
#define HANCHOT_SNIFF_H

#include <stddef.h>

enum sniff_kind {
	SNIFF_TEXT,      /* anything not recognised below: text, or binary for notice_check() to refuse */
	SNIFF_ZIP,       /* a zip archive: .docx, .odt, or another package */
	SNIFF_PDF,
	SNIFF_IMAGE,     /* PNG, JPEG or TIFF */
	SNIFF_REFUSED,   /* a format hanchot does not read: see the message */
};

/* The kind of data[0, len). For SNIFF_REFUSED, err (ERR_MAX bytes) says
 * what it is and what to do ("a Word 97-2003 document (.doc) …: convert it
 * with: libreoffice --headless --convert-to docx 'NAME'"). */
enum sniff_kind sniff(const char *data, size_t len, const char *name, char *err);

/* "PNG", "JPEG", "TIFF", "GIF", "BMP", "WebP" for an image, else NULL. */
const char *sniff_image(const char *data, size_t len);

#endif
