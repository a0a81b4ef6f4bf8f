#define _GNU_SOURCE /* memmem */
#include "core/pdf.h"

#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <poppler.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain, (void)level, (void)message, (void)data;
}

/* poppler reports a damaged file through glib's log: never to the terminal */
static void silence(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet, NULL);
	g_log_set_handler("GLib", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
			  quiet, NULL);
}

static size_t letters(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s >= 0x80 && ((unsigned char)*s & 0xc0) != 0x80) ||
		     (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z');
	return n;
}

/* The integer after key (at most window bytes on from p), or -1. */
static long dict_int(const char *p, const char *end, const char *key)
{
	size_t klen = strlen(key);
	for (const char *k = p; k && k + klen < end; k++) {
		k = memmem(k, (size_t)(end - k), key, klen);
		if (!k)
			break;
		const char *v = k + klen;
		if (v < end && ((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z')))
			continue; /* a longer key */
		while (v < end && (*v == ' ' || *v == '\n' || *v == '\r' || *v == '\t'))
			v++;
		long n = 0;
		int digits = 0;
		while (v < end && *v >= '0' && *v <= '9' && digits < 10)
			n = n * 10 + (*v++ - '0'), digits++;
		return digits ? n : -1;
	}
	return -1;
}

/* The largest image (in pixels) whose dictionary is in the file's bytes. */
static double largest_image(const char *data, size_t len, long *w, long *h)
{
	double most = 0;
	*w = *h = 0;
	for (const char *p = data, *end = data + len; p < end;) {
		const char *at = memmem(p, (size_t)(end - p), "/Image", 6);
		if (!at)
			break;
		const char *from = at - data > 1024 ? at - 1024 : data, *to = end - at > 1024 ? at + 1024 : end;
		const char *open = at;
		while (open > from && !(open[0] == '<' && open[1] == '<'))
			open--;
		const char *close = memmem(at, (size_t)(to - at), "stream", 6);
		close = close ? close : to;
		long iw = dict_int(open, close, "/Width"), ih = dict_int(open, close, "/Height");
		if (iw > 0 && ih > 0 && (double)iw * (double)ih > most) {
			most = (double)iw * (double)ih;
			*w = iw, *h = ih;
		}
		p = at + 6;
	}
	return most;
}

/* The share of the page that images cover (overlaps counted twice). */
static double image_cover(PopplerPage *page, double w, double h)
{
	GList *map = poppler_page_get_image_mapping(page);
	double area = 0;
	for (GList *l = map; l; l = l->next) {
		PopplerImageMapping *m = l->data;
		area += (m->area.x2 - m->area.x1) * (m->area.y2 - m->area.y1);
	}
	poppler_page_free_image_mapping(map);
	return w > 0 && h > 0 ? area / (w * h) : 0;
}

/* The lines of a text page: poppler's text and one box per character. */
static void text_lines(PopplerPage *page, const char *text, struct layout *out, int pg)
{
	PopplerRectangle *r = NULL;
	guint n_rects = 0;
	if (!poppler_page_get_text_layout(page, &r, &n_rects))
		n_rects = 0;
	const char *p = text;
	guint i = 0;
	while (*p) {
		/* one line of text: characters up to '\n' */
		const char *start = p;
		double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
		bool any = false;
		while (*p && *p != '\n') {
			const char *next = g_utf8_next_char(p);
			if (i < n_rects) {
				PopplerRectangle *c = &r[i];
				double h = c->y2 - c->y1;
				bool space = *p == ' ';
				bool below = c->y1 > y1 - 0.3 * h || c->y2 < y0 + 0.3 * h;
				if (any && !space && ((c->x1 - x1 > 2.0 * (h > 0 ? h : y1 - y0) && c->x1 > x1) || below)) {
					/* a wide gap: another column; another line: poppler joins
					 * the cells of a table's rows on one line */
					layout_line(out, pg, x0, y0, x1, y1, start, (size_t)(p - start));
					start = p;
					any = false;
				}
				if (!space) {
					if (!any) {
						x0 = c->x1, y0 = c->y1, x1 = c->x2, y1 = c->y2;
						any = true;
					} else {
						x0 = c->x1 < x0 ? c->x1 : x0;
						y0 = c->y1 < y0 ? c->y1 : y0;
						x1 = c->x2 > x1 ? c->x2 : x1;
						y1 = c->y2 > y1 ? c->y2 : y1;
					}
				}
			}
			i++;
			p = next;
		}
		if (any)
			layout_line(out, pg, x0, y0, x1, y1, start, (size_t)(p - start));
		if (*p == '\n') {
			p++;
			i++;
		}
	}
	g_free(r);
}

/* Renders the page to grey pixels, a band at a time, and hands it over.
 * Returns 1 when it was read by OCR, 0 when blank, -1 on error. */
static int scan_page(PopplerPage *page, const struct pdf_scan *hook, struct layout *out, int pg, char *err)
{
	double pw, ph;
	poppler_page_get_size(page, &pw, &ph);
	if (pw <= 0 || ph <= 0 || pw > 14400 || ph > 14400)
		return err_set(err, VI ? "trang %d không có kích thước dùng được"
				: "page %d has no usable size", pg + 1);
	double dpi = PDF_SCAN_DPI;
	while (dpi > 20 && (pw * dpi / 72) * (ph * dpi / 72) > (double)PDF_MAX_PIXELS)
		dpi -= 10;
	int w = (int)(pw * dpi / 72 + 0.5), h = (int)(ph * dpi / 72 + 0.5);
	if (w < 1 || h < 1)
		return err_set(err, VI ? "trang %d không có kích thước dùng được"
				: "page %d has no usable size", pg + 1);
	unsigned char *gray = xmalloc((size_t)w * (size_t)h);
	int band = (int)((8u << 20) / (4u * (unsigned)w));
	if (band < 64)
		band = 64;
	if (band > h)
		band = h;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, band);
	int rc = -1;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		err_set(err, VI ? "không hiển thị được trang %d (%s)"
				: "page %d cannot be rendered (%s)", pg + 1, cairo_status_to_string(cairo_surface_status(s)));
		goto out;
	}
	for (int y = 0; y < h; y += band) {
		cairo_t *cr = cairo_create(s);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_translate(cr, 0, -y);
		cairo_scale(cr, dpi / 72, dpi / 72);
		poppler_page_render(page, cr);
		cairo_destroy(cr);
		cairo_surface_flush(s);
		const unsigned char *px = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		for (int row = 0; row < band && y + row < h; row++) {
			const uint32_t *src = (const uint32_t *)(const void *)(px + (size_t)row * (size_t)stride);
			unsigned char *dst = gray + (size_t)(y + row) * (size_t)w;
			for (int x = 0; x < w; x++) {
				uint32_t v = src[x];
				dst[x] = (unsigned char)((((v >> 16) & 0xff) * 77 + ((v >> 8) & 0xff) * 150 + (v & 0xff) * 29) >> 8);
			}
		}
	}
	cairo_surface_destroy(s);
	s = NULL;
	/* a blank page (the back of a sheet) has nothing to read */
	size_t dark = 0, all = (size_t)w * (size_t)h;
	for (size_t i = 0; i < all && dark * 10000 <= all; i++)
		dark += gray[i] < 160;
	rc = dark * 10000 <= all ? 0 : hook->scan(hook->ctx, gray, w, h, w, (int)dpi, out, pg, err) ? -1 : 1;
out:
	if (s)
		cairo_surface_destroy(s);
	free(gray);
	return rc;
}

/* The text layer of every page into out; the pages that are scans (no
 * text, or a few words stamped on a page-sized image) marked in needs_ocr.
 * Returns how many those are. */
static unsigned read_text_layer(PopplerDocument *doc, int pages, struct layout *out, bool *needs_ocr)
{
	unsigned n_scan = 0;
	for (int i = 0; i < pages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		double w = 0, h = 0;
		if (page)
			poppler_page_get_size(page, &w, &h);
		int pg = layout_page(out, w, h);
		char *text = page ? poppler_page_get_text(page) : NULL;
		size_t n = text ? letters(text) : 0;
		if (page && (n == 0 || (n < PDF_MIN_TEXT && image_cover(page, w, h) > 0.5)))
			needs_ocr[i] = true, n_scan++;
		else if (text)
			text_lines(page, text, out, pg);
		g_free(text);
		if (page)
			g_object_unref(page);
	}
	return n_scan;
}

/* Reads the n_scan scanned pages by OCR (hook), within the bounds: the
 * number of pages read from scans into *scanned. 0, or -1 with a message. */
static int read_scans(PopplerDocument *doc, int pages, const bool *needs_ocr, unsigned n_scan, const char *data,
		      size_t len, const char *name, const struct pdf_scan *hook, struct layout *out, unsigned *scanned,
		      char *err)
{
	long iw, ih;
	if (largest_image(data, len, &iw, &ih) > (double)PDF_MAX_IMAGE)
		return err_set(err, VI ? "tệp PDF quét chứa ảnh %ld × %ld điểm ảnh, vượt mức hanchot đọc được (%u triệu): hãy quét lại "
					 "thông báo ở 300 dpi"
				       : "a scanned PDF holding an image of %ld × %ld pixels, more than hanchot reads (%u "
					 "million): scan the notice again at 300 dpi", iw, ih, PDF_MAX_IMAGE / 1000000);
	if (n_scan > PDF_MAX_SCANNED)
		return err_set(err, VI ? "tệp PDF có %u trang quét, nhiều hơn %d trang hanchot nhận dạng chữ được: hãy lưu riêng các "
					 "trang của thông báo thành tệp PDF mới (ví dụ qpdf '%s' --pages . 1-10 -- notice.pdf)"
				       : "a PDF with %u scanned pages, more than the %d hanchot reads by OCR: save the notice's "
					 "own pages as a new PDF (e.g. qpdf '%s' --pages . 1-10 -- notice.pdf)",
			       n_scan, PDF_MAX_SCANNED, name);
	unsigned k = 0;
	for (int i = 0; i < pages; i++) {
		if (!needs_ocr[i])
			continue;
		if (hook->progress && hook->progress(hook->ctx, ++k, n_scan))
			return err_set(err, VI ? "đã huỷ" : "cancelled");
		PopplerPage *page = poppler_document_get_page(doc, i);
		int read = page ? scan_page(page, hook, out, i, err) : 0;
		if (page)
			g_object_unref(page);
		if (read < 0)
			return -1;
		*scanned += (unsigned)read;
	}
	return 0;
}

/* Why poppler could not open the document. */
static int open_error(const GError *ge, const char *name, char *err)
{
	if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
		return err_set(err, VI ? "tệp PDF đã mã hoá, cần mật khẩu để mở: hãy xin người gửi một bản không có mật khẩu, "
					 "hoặc gỡ mật khẩu bằng: qpdf --password=MẬT_KHẨU --decrypt '%s' unlocked.pdf"
				       : "an encrypted PDF that needs a password to open: ask the sender for a copy without "
					 "one, or remove it with: qpdf --password=PASSWORD --decrypt '%s' unlocked.pdf", name);
	return err_set(err, VI ? "tệp PDF bị hỏng, không đọc được (%s): hãy mở bằng trình đọc PDF rồi lưu hoặc in ra "
				 "tệp PDF mới"
			       : "a damaged PDF that cannot be read (%s): open it in a PDF reader and save or print it "
				 "to a new PDF", ge && ge->message ? ge->message : "unknown error");
}

int pdf_read(const char *data, size_t len, const char *name, const struct pdf_scan *hook, struct layout *out,
	     unsigned *scanned, char *err)
{
	GError *ge = NULL;
	int rc = -1;
	*scanned = 0;
	silence();
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
	bool *needs_ocr = NULL;
	int pages = doc ? poppler_document_get_n_pages(doc) : 0;
	if (!doc) {
		open_error(ge, name, err);
	} else if (pages <= 0) {
		err_set(err, VI ? "tệp PDF bị hỏng, không đọc được trang nào: hãy mở bằng trình đọc PDF rồi lưu hoặc in "
				  "ra tệp PDF mới"
				: "a damaged PDF in which no page can be read: open it in a PDF reader and save or print it "
				  "to a new PDF");
	} else if (pages > PDF_MAX_PAGES) {
		err_set(err, VI ? "tệp PDF có %d trang, nhiều hơn %d trang của một thông báo: hãy lưu riêng các trang của "
				  "thông báo thành tệp PDF mới (ví dụ qpdf '%s' --pages . 1-20 -- notice.pdf)"
				: "a PDF of %d pages, more than the %d a notice may have: save the notice's own pages as a "
				  "new PDF (e.g. qpdf '%s' --pages . 1-20 -- notice.pdf)", pages, PDF_MAX_PAGES, name);
	} else {
		needs_ocr = xcalloc((size_t)pages + 1, sizeof *needs_ocr);
		unsigned n_scan = read_text_layer(doc, pages, out, needs_ocr);
		rc = n_scan && hook && hook->scan
			     ? read_scans(doc, pages, needs_ocr, n_scan, data, len, name, hook, out, scanned, err)
			     : 0;
	}
	free(needs_ocr);
	if (ge)
		g_error_free(ge);
	if (doc)
		g_object_unref(doc);
	g_bytes_unref(bytes);
	return rc;
}
