/* noticefile: a notice file named by the user, read for import: the
 * command line's `import` and the screen's `i` share it.
 *
 * The file is read whole (core/file) and its kind decided by its bytes
 * (core/sniff). Text is read at once; a kind hanchot does not read gets its
 * message; .docx, .odt, PDF and scans go to the hanchot-extract helper
 * (tui/main_extract.c), run without a shell from the folder the program
 * runs from (or $HANCHOT_EXTRACT), which extracts their text with
 * core/extract in a process of its own: the program itself never loads the
 * PDF, OCR and XML libraries, and a crash or hang inside them ends only the
 * helper (a crash is reported as a damaged file; the helper is stopped when
 * it has said nothing for NOTICEFILE_SILENCE seconds, or after
 * NOTICEFILE_CPU seconds of processor time, and its address space is
 * capped at NOTICEFILE_AS MiB). The text is then checked and
 * read as a notice (core/notice); a notice whose text came from OCR has
 * from_scan set. */
#ifndef HANCHOT_NOTICEFILE_H
#define HANCHOT_NOTICEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/notice.h"

/* The helper's lines on stderr start with this. */
#define NOTICEFILE_TAG "@hanchot-extract "
#define NOTICEFILE_SILENCE 180
#define NOTICEFILE_CPU 1200
#define NOTICEFILE_AS 768

struct noticefile_text {
	char *text;          /* owned, NUL-terminated */
	size_t len;
	char format[8];      /* "text", "docx", "odt", "pdf", "image" */
	unsigned scanned;    /* pages read by OCR */
};

/* Called before scanned page k of n (1-based); a nonzero return cancels. */
typedef int (*noticefile_progress)(void *ctx, unsigned k, unsigned n);

/* Reads the file at path and extracts its text into t (zeroed first; the
 * caller frees t->text even on failure). Fails (-1, err: one line without
 * the path). */
int noticefile_extract(const char *path, noticefile_progress progress, void *ctx, struct noticefile_text *t,
		       char *err);

/* Reads the file at path into n (which the caller releases, even on
 * failure): extraction, then intake_check() (a legacy encoding's message
 * names the iconv command) and notice_read(). */
int noticefile_read(const char *path, noticefile_progress progress, void *ctx, struct notice *n, char *err);

#endif
