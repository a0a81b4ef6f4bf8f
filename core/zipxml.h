/* zipxml: the parts of a zip package (.docx, .odt) read as a stream of XML
 * events, with every bound a hostile file could push against.
 *
 * The archive is read from memory (libzip); a part is unpacked as it is
 * parsed (libxml2's streaming reader), so memory does not grow with the
 * part's size. Bounds: at most ZIPXML_MAX_ENTRIES entries; a part unpacks to
 * at most ZIPXML_MAX_PART bytes whatever its header claims (a zip bomb
 * stops there with an error); the XML must be UTF-8 (or a single-byte
 * encoding it declares) and may not hold a document type declaration, so no
 * entity is ever declared, expanded or fetched; libxml2 never touches the
 * network and its own limits on depth and text size stay on. Nothing is
 * printed: libxml2's and libzip's messages become the one-line error.
 *
 * Ownership: zipxml_open() returns a handle the caller closes with
 * zipxml_close(); a reader from zipxml_reader_open() is freed with
 * zipxml_reader_close() before the archive is closed. Strings returned by
 * the reader stay valid until the next zipxml_reader_next(), except
 * zipxml_reader_attr()'s, which the caller frees. Errors are one line,
 * lowercase, without the file name (the caller adds it). */
#ifndef HANCHOT_ZIPXML_H
#define HANCHOT_ZIPXML_H

#include <stdbool.h>
#include <stddef.h>

#define ZIPXML_MAX_ENTRIES 10000
#define ZIPXML_MAX_PART (64u << 20)

struct zipxml;
struct zipxml_reader;

/* Opens the zip archive data[0, len) (not copied: it must outlive the
 * handle). Fails (-1, err) when it is not a readable zip archive or has too
 * many entries. */
int zipxml_open(struct zipxml **z, const char *data, size_t len, char *err);
void zipxml_close(struct zipxml *z);

/* Whether the archive has an entry of that name (ASCII case ignored, as
 * Office does). */
bool zipxml_has(struct zipxml *z, const char *name);
/* Whether some entry is encrypted (a password-protected zip). */
bool zipxml_encrypted(struct zipxml *z);

/* Reads entry name whole into *data (NUL-terminated, caller frees), *len
 * bytes. Fails when it is missing, encrypted, damaged or larger than max. */
int zipxml_read(struct zipxml *z, const char *name, size_t max, char **data, size_t *len, char *err);

enum zipxml_event {
	ZIPXML_EOF,    /* the end of the part */
	ZIPXML_START,  /* an element starts: name, ns, attributes */
	ZIPXML_END,    /* an element ends (also sent right after an empty one) */
	ZIPXML_TEXT,   /* character data, white space included */
	ZIPXML_ERROR,  /* the part cannot be read: see zipxml_reader_error() */
};

/* Starts reading entry name as XML. Fails when the entry is missing,
 * encrypted or cannot be unpacked. */
int zipxml_reader_open(struct zipxml *z, const char *name, struct zipxml_reader **r, char *err);
void zipxml_reader_close(struct zipxml_reader *r);
/* The next event. After ZIPXML_EOF or ZIPXML_ERROR it returns the same. */
enum zipxml_event zipxml_reader_next(struct zipxml_reader *r);
/* After ZIPXML_START: what the element holds and its end are passed over,
 * the next event is the one after it. */
void zipxml_reader_skip(struct zipxml_reader *r);
/* The element's local name ("p" for <w:p>), or "" for text. */
const char *zipxml_reader_name(const struct zipxml_reader *r);
/* The element's namespace URI, "" when none. */
const char *zipxml_reader_ns(const struct zipxml_reader *r);
/* The text of a ZIPXML_TEXT event. */
const char *zipxml_reader_text(const struct zipxml_reader *r);
/* The value of the current element's first attribute whose local name is
 * local (any namespace), newly allocated; NULL when absent. Only after
 * ZIPXML_START. */
char *zipxml_reader_attr(struct zipxml_reader *r, const char *local);
/* Why ZIPXML_ERROR was returned: one line ("'word/document.xml': …"). */
const char *zipxml_reader_error(const struct zipxml_reader *r);

#endif
