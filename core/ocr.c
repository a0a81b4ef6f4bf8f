#include "core/ocr.h"

#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/sniff.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

struct ocr {
	TessBaseAPI *api;
};

static void quiet(void)
{
	static bool done;
	if (!done) {
		setMsgSeverity(L_SEVERITY_NONE);
		done = true;
	}
}

int ocr_open(struct ocr **o, char *err)
{
	quiet();
	*o = NULL;
	TessBaseAPI *api = TessBaseAPICreate();
	if (!api)
		return err_set(err, VI ? "không khởi động được bộ nhận dạng chữ (OCR)"
				: "the OCR engine cannot be started");
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(api, NULL, OCR_LANG) != 0) {
		TessBaseAPIDelete(api);
		return err_set(err, VI ? "chưa cài dữ liệu nhận dạng chữ tiếng Việt: apt-get install tesseract-ocr-vie"
				: "the Vietnamese OCR model is not installed: apt-get install tesseract-ocr-vie");
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	*o = xcalloc(1, sizeof **o);
	(*o)->api = api;
	return 0;
}

void ocr_close(struct ocr *o)
{
	if (!o)
		return;
	TessBaseAPIEnd(o->api);
	TessBaseAPIDelete(o->api);
	free(o);
}

/* Bytes the decoded image takes in Leptonica, plus its grey copy. */
static double decoded_bytes(int w, int h, int bps, int spp, bool jpeg)
{
	double px = (double)w * (double)h;
	if (jpeg)
		return px; /* read as luminance only */
	if (spp >= 3)
		return 4 * px + px; /* 32 bits a pixel, then its grey copy */
	return bps == 8 ? px : px * bps / 8 + px; /* 8-bit grey is read as it is */
}

static int check_dims(int w, int h, int bps, int spp, bool jpeg, unsigned page, char *err)
{
	if (w <= 0 || h <= 0)
		return err_set(err, VI ? "ảnh bị hỏng (trang %u không có kích thước)"
				: "a damaged image (page %u has no size)", page + 1);
	if ((double)w * (double)h > (double)OCR_MAX_PIXELS)
		return err_set(err, VI ? "ảnh %d × %d điểm ảnh, vượt mức hanchot đọc được (%u triệu điểm ảnh, một trang A4 ở "
					 "400 dpi): hãy quét lại trang ở 300 dpi"
				       : "an image of %d × %d pixels, more than hanchot reads (%u million pixels, an A4 page at "
					 "400 dpi): scan the page again at 300 dpi",
			       w, h, OCR_MAX_PIXELS / 1000000);
	if (decoded_bytes(w, h, bps, spp, jpeg) > (double)OCR_MAX_DECODED && VI)
		return err_set(err, "ảnh %s%d × %d điểm ảnh, quá lớn để đọc: hãy quét lại trang %sở 300 dpi",
			       spp >= 3 ? "màu " : "", w, h, spp >= 3 ? "ở chế độ xám hoặc " : "");
	if (decoded_bytes(w, h, bps, spp, jpeg) > (double)OCR_MAX_DECODED)
		return err_set(err, "a%s image of %d × %d pixels, too large to read%s: scan the page again %sat 300 dpi",
			       spp >= 3 ? " colour" : "n", w, h, spp >= 3 ? " in colour" : "",
			       spp >= 3 ? "in greyscale or " : "");
	return 0;
}

int ocr_image_pages(const char *data, size_t len, unsigned *pages, char *err)
{
	const char *fmt = sniff_image(data, len);
	const l_uint8 *u = (const l_uint8 *)data;
	*pages = 0;
	quiet();
	if (!fmt || strcmp(fmt, "GIF") == 0 || strcmp(fmt, "WebP") == 0 || strcmp(fmt, "BMP") == 0)
		return VI ? err_set(err, "ảnh định dạng %s, hanchot không đọc được: hãy lưu bản quét thành PDF, PNG, "
					 "JPEG hoặc TIFF", fmt ? fmt : "không rõ")
			  : err_set(err, "an image in %s format, which hanchot does not read: save the scan as PDF, PNG, "
					 "JPEG or TIFF", fmt ? fmt : "an unknown");
	if (strcmp(fmt, "TIFF") == 0) {
		for (unsigned n = 0;; n++) {
			l_int32 w, h, bps, spp, res, cmap, format;
			if (readHeaderMemTiff(u, len, (l_int32)n, &w, &h, &bps, &spp, &res, &cmap, &format) != 0)
				break;
			if (n >= OCR_MAX_PAGES)
				return err_set(err, VI ? "ảnh TIFF có hơn %d trang: hãy lưu riêng các trang của thông báo thành tệp mới"
						: "a TIFF of more than %d pages: save the notice's own pages as a new file",
					       OCR_MAX_PAGES);
			if (check_dims(w, h, bps, spp, false, n, err))
				return -1;
			*pages = n + 1;
		}
		if (*pages == 0)
			return err_set(err, VI ? "ảnh TIFF bị hỏng (không đọc được trang nào)"
					: "a damaged TIFF image (no page can be read)");
		return 0;
	}
	l_int32 format, w, h, bps, spp, cmap;
	if (pixReadHeaderMem(u, len, &format, &w, &h, &bps, &spp, &cmap) != 0)
		return err_set(err, VI ? "ảnh %s bị hỏng (không đọc được phần đầu tệp)"
				: "a damaged %s image (its header cannot be read)", fmt);
	if (check_dims(w, h, bps, spp, strcmp(fmt, "JPEG") == 0, 0, err))
		return -1;
	*pages = 1;
	return 0;
}

/* Recognises pix (8 bpp) into page pg of out. */
static int recognise(struct ocr *o, PIX *pix, int dpi, struct layout *out, int pg, char *err)
{
	TessBaseAPISetImage2(o->api, pix);
	TessBaseAPISetSourceResolution(o->api, dpi);
	if (TessBaseAPIRecognize(o->api, NULL) != 0) {
		TessBaseAPIClear(o->api);
		return err_set(err, VI ? "bộ nhận dạng chữ không đọc được trang %d"
				: "the OCR engine could not read page %d", pg + 1);
	}
	TessResultIterator *ri = TessBaseAPIGetIterator(o->api);
	if (ri) {
		/* word by word: a line is cut where a wide gap separates two
		 * columns (the two halves of the header) */
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(ri);
		struct strbuf seg = STRBUF_INIT;
		int sx0 = 0, sy0 = 0, sx1 = 0, sy1 = 0;
		do {
			int x0, y0, x1, y1;
			char *w = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
			if (!w || !TessPageIteratorBoundingBox(pi, RIL_WORD, &x0, &y0, &x1, &y1)) {
				TessDeleteText(w);
				continue;
			}
			int h = sy1 - sy0 > y1 - y0 ? sy1 - sy0 : y1 - y0;
			bool new_line = TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
			if (seg.len && (new_line || x0 - sx1 > 2 * h)) {
				layout_line(out, pg, sx0, sy0, sx1, sy1, seg.p, seg.len);
				strbuf_truncate(&seg, 0);
			}
			if (seg.len == 0) {
				sx0 = x0, sy0 = y0, sx1 = x1, sy1 = y1;
			} else {
				strbuf_addch(&seg, ' ');
				sx1 = x1 > sx1 ? x1 : sx1;
				sy0 = y0 < sy0 ? y0 : sy0;
				sy1 = y1 > sy1 ? y1 : sy1;
			}
			strbuf_add(&seg, w);
			TessDeleteText(w);
		} while (TessResultIteratorNext(ri, RIL_WORD));
		if (seg.len)
			layout_line(out, pg, sx0, sy0, sx1, sy1, seg.p, seg.len);
		strbuf_release(&seg);
		TessResultIteratorDelete(ri);
	}
	TessBaseAPIClear(o->api);
	return 0;
}

/* The resolution to read at: the file's when it is plausible, else what an
 * A4 page's width gives. */
static int resolution(PIX *pix)
{
	int res = pixGetXRes(pix);
	if (res >= 100 && res <= 1200)
		return res;
	int est = (int)(pixGetWidth(pix) / 8.27);
	return est < 70 ? 70 : est > 600 ? 600 : est;
}

int ocr_image_page(struct ocr *o, const char *data, size_t len, unsigned k, struct layout *out, char *err)
{
	const char *fmt = sniff_image(data, len);
	const l_uint8 *u = (const l_uint8 *)data;
	PIX *pix = NULL;
	if (!fmt)
		return err_set(err, VI ? "không phải ảnh" : "not an image");
	if (strcmp(fmt, "JPEG") == 0)
		pix = pixReadMemJpeg(u, len, 0, 1, NULL, L_JPEG_READ_LUMINANCE);
	else if (strcmp(fmt, "PNG") == 0)
		pix = pixReadMemPng(u, len);
	else if (strcmp(fmt, "TIFF") == 0)
		pix = pixReadMemTiff(u, len, (l_int32)k);
	if (!pix)
		return err_set(err, VI ? "ảnh %s bị hỏng (không giải mã được trang %u)"
				: "a damaged %s image (page %u cannot be decoded)", fmt, k + 1);
	PIX *gray = pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix) : pixConvertTo8(pix, 0);
	int dpi = resolution(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	pixDestroy(&pix);
	if (!gray)
		return err_set(err, VI ? "ảnh %s không đọc được điểm ảnh (trang %u)"
				: "a %s image whose pixels cannot be read (page %u)", fmt, k + 1);
	int pg = layout_page(out, w, h);
	int rc = recognise(o, gray, dpi, out, pg, err);
	pixDestroy(&gray);
	return rc;
}

int ocr_gray(struct ocr *o, const unsigned char *gray, int w, int h, int stride, int dpi, struct layout *out,
	     int page, char *err)
{
	PIX *pix = pixCreateNoInit(w, h, 8);
	if (!pix)
		return err_set(err, VI ? "trang %d: không đủ bộ nhớ cho các điểm ảnh"
				: "page %d: out of memory for its pixels", page + 1);
	l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		const unsigned char *src = gray + (size_t)y * (size_t)stride;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;
		for (int x = 0; x < w; x++)
			SET_DATA_BYTE(line, x, src[x]);
	}
	pixSetXRes(pix, dpi);
	pixSetYRes(pix, dpi);
	int rc = recognise(o, pix, dpi, out, page, err);
	pixDestroy(&pix);
	return rc;
}
