/* extract: the text of a file as it was received (.docx, .odt, PDF, a scan,
 * or text), for notice_read() to read exactly as it reads a .md or .txt
 * notice: UTF-8, one paragraph per line, a blank line between paragraphs,
 * tables as Markdown pipe rows (see core/plain).
 *
 * The format is decided by the bytes, never by the file's name: "%PDF-",
 * a zip package ([Content_Types].xml: Office Open XML; mimetype:
 * OpenDocument), PNG / JPEG / TIFF signatures; anything else is text and
 * is passed on unchanged (notice_check() then judges it: encodings, binary
 * data). Each format is read by a module of its own (core/docx, core/odt,
 * core/pdf, core/ocr), each outside library in one of them.
 *
 * Files hanchot does not read get a one-line error that names the format
 * and the way forward: Word 97–2003 (.doc), RTF, password-protected Office
 * files and PDFs, spreadsheets and presentations, other zip archives,
 * GIF/BMP/WebP images. Bounds: the input is at most EXTRACT_MAX_BYTES, the
 * text at most EXTRACT_MAX_TEXT (past it: an error, not a cut text), plus
 * each module's own (zip bombs, XML declarations, page counts, image sizes).
 *
 * Pure except for what the libraries read from their own data (fonts,
 * the OCR model): no file of the caller's is opened, nothing printed, no
 * network. Scanned pages call opt->progress (page k of n, 1-based) first;
 * a nonzero return cancels. */
#ifndef HANCHOT_EXTRACT_H
#define HANCHOT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#define EXTRACT_MAX_BYTES (32u << 20)
#define EXTRACT_MAX_TEXT (2u * 1024 * 1024)

enum extract_format {
	EXTRACT_TEXT,   /* text or Markdown: returned as it is */
	EXTRACT_DOCX,
	EXTRACT_ODT,
	EXTRACT_PDF,
	EXTRACT_IMAGE,
};

struct extract_options {
	int (*progress)(void *ctx, unsigned k, unsigned n);
	void *ctx;
};

struct extract_result {
	char *text;          /* the text, NUL-terminated, owned */
	size_t len;
	enum extract_format format;
	unsigned scanned;    /* pages read by OCR */
	bool from_scan;      /* some of the text comes from OCR: check it */
};

/* Reads data[0, len) into out (zeroed first; release it even on failure).
 * name is the file's name as the user gave it, used only in the commands
 * that error messages suggest. opt may be NULL. Fails (-1, err: one line,
 * lowercase, without the file's name) for a format it does not read, a
 * damaged or hostile file, a document with no text, or when cancelled. */
int extract_text(const char *data, size_t len, const char *name, const struct extract_options *opt,
		 struct extract_result *out, char *err);
void extract_result_release(struct extract_result *r);

/* "text", "Word (.docx)", "OpenDocument (.odt)", "PDF", "image" */
const char *extract_format_name(enum extract_format f);

#endif
