/* pdf: the text of a PDF (poppler's glib interface), page by page in
 * reading order, into core/layout's lines; pages without a text layer (a
 * scan) rendered to grey pixels for the caller's OCR.
 *
 * Each text page's characters are grouped into lines as poppler orders them,
 * a line being cut where a wide gap separates two columns (the two halves
 * of an administrative header, table cells), with each piece's box. A page
 * without text, or with fewer than PDF_MIN_TEXT letters or digits on an
 * image covering most of it (a scan with a stamped number), is a scan: it is rendered
 * at PDF_SCAN_DPI (less for a page so large that it would pass
 * PDF_MAX_PIXELS), band by band so that no full-colour copy of the page is
 * ever held, and handed to scan() with its resolution unless it is blank
 * (fewer than one pixel in 10,000 dark). progress() is called
 * before each scanned page (k of n, 1-based).
 *
 * Bounds: at most PDF_MAX_PAGES pages and PDF_MAX_SCANNED scanned pages
 * (more: an error naming the count), PDF_MAX_PIXELS per rendered page. A
 * file with scanned pages is refused before any is rendered when one of
 * its images is larger than PDF_MAX_IMAGE pixels (poppler's renderer
 * decodes an image whole, at 4 bytes a pixel, whatever the output size);
 * images are found by their dictionaries in the file's bytes (a stream's
 * dictionary is never compressed; an image inline in a compressed content
 * stream is not seen). A
 * PDF that needs a password, or that poppler cannot open, is an error with
 * the way forward. poppler's and glib's messages are never printed.
 * Errors are one line without the file name; `name` is only used in the
 * commands they suggest. */
#ifndef HANCHOT_PDF_H
#define HANCHOT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/layout.h"

#define PDF_MAX_PAGES 500
#define PDF_MAX_SCANNED 50
#define PDF_MIN_TEXT 16
#define PDF_SCAN_DPI 300
#define PDF_MAX_PIXELS (24u * 1000 * 1000)
#define PDF_MAX_IMAGE (16u * 1000 * 1000)

struct pdf_scan {
	/* OCR one page: gray[y * stride + x], w × h pixels at dpi; adds its
	 * lines to page `page` of out. Returns 0, or -1 with err. */
	int (*scan)(void *ctx, const unsigned char *gray, int w, int h, int stride, int dpi, struct layout *out,
		    int page, char *err);
	/* Before scanned page k of n; a nonzero return cancels the reading. */
	int (*progress)(void *ctx, unsigned k, unsigned n);
	void *ctx;
};


/* Reads the PDF data[0, len) into out (layout_init()ed by the caller).
 * *scanned is set to the number of pages read by OCR (blank ones not counted). With hook NULL (or
 * hook->scan NULL), a page without text is left empty. Returns 0, or -1
 * with err (also when cancelled: "cancelled"). */
int pdf_read(const char *data, size_t len, const char *name, const struct pdf_scan *hook, struct layout *out,
	     unsigned *scanned, char *err);

#endif
