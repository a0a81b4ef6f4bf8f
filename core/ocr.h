/* ocr: reading scans with Tesseract's C interface and its Vietnamese
 * model (Debian's tesseract-ocr-vie), into core/layout's lines.
 *
 * An image file (PNG, JPEG, TIFF with one page or more) is read with
 * Leptonica; a PDF page comes as grey pixels from core/pdf. Each page is
 * recognised at its resolution (the file's, or one estimated from an A4
 * width when the file gives none or a wrong one) and its text lines, with
 * their boxes, are added to a page of the layout.
 *
 * Bounds: an image is refused before it is decoded when its header gives
 * more than OCR_MAX_PIXELS pixels, or a decoded size above
 * OCR_MAX_DECODED bytes; a TIFF may have at most OCR_MAX_PAGES pages. Nothing
 * is printed (Tesseract's and Leptonica's messages are turned off). The
 * engine is loaded once per handle: ocr_open() / ocr_close(). Errors are one
 * line without the file name. */
#ifndef HANCHOT_OCR_H
#define HANCHOT_OCR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/layout.h"

#define OCR_MAX_PIXELS (24u * 1000 * 1000)
#define OCR_MAX_DECODED (64u << 20)
#define OCR_MAX_PAGES 50
#define OCR_LANG "vie"

struct ocr;

/* Loads the engine with the Vietnamese model (from TESSDATA_PREFIX when
 * set, else Debian's folder). Fails when the model is not installed, with
 * the package to install. */
int ocr_open(struct ocr **o, char *err);
void ocr_close(struct ocr *o);

/* Checks an image file's pages against the bounds without decoding them
 * and sets *pages. Fails with the reason (too large, damaged, too many
 * pages). */
int ocr_image_pages(const char *data, size_t len, unsigned *pages, char *err);

/* Recognises page k (0-based) of the image file into a new page of out. */
int ocr_image_page(struct ocr *o, const char *data, size_t len, unsigned k, struct layout *out, char *err);

/* Recognises w × h grey pixels (gray[y * stride + x]) at dpi into page
 * `page` of out. */
int ocr_gray(struct ocr *o, const unsigned char *gray, int w, int h, int stride, int dpi, struct layout *out,
	     int page, char *err);

#endif
