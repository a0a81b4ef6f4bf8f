/* pdf: text pages in reading order through poppler, scanned pages handed
 * to the OCR hook with their pixels and a progress call, and the bounds
 * (page counts, page trees that loop, forms that draw themselves, damaged
 * files). The PDFs are written here, byte by byte. */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/layout.h"
#include "core/pdf.h"
#include "core/plain.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* A PDF from its objects (object i + 1 is objs[i]); the xref is computed. */
static char *make_pdf(const char *const *objs, size_t n, size_t *len)
{
	struct strbuf b = STRBUF_INIT;
	size_t *at = calloc(n + 1, sizeof *at);
	strbuf_add(&b, "%PDF-1.4\n");
	for (size_t i = 0; i < n; i++) {
		at[i] = b.len;
		strbuf_addf(&b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	size_t xref = b.len;
	strbuf_addf(&b, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&b, "%010zu 00000 n \n", at[i]);
	strbuf_addf(&b, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", n + 1, xref);
	free(at);
	*len = b.len;
	return strbuf_take(&b);
}

/* "<< dict >> stream … endstream" with its /Length; dict has one %zu. */
static char *stream(const char *dict, const char *data)
{
	struct strbuf b = STRBUF_INIT;
	strbuf_addf(&b, dict, strlen(data));
	strbuf_addf(&b, "\nstream\n%s\nendstream", data);
	return strbuf_take(&b);
}

struct calls {
	int scans, progress;
	unsigned last_k, last_n;
	int w, h, dpi;
	long dark;
};

static int scan(void *ctx, const unsigned char *gray, int w, int h, int stride, int dpi, struct layout *out, int page,
		char *err)
{
	struct calls *c = ctx;
	(void)err;
	c->scans++;
	c->w = w, c->h = h, c->dpi = dpi;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			c->dark += gray[(size_t)y * (size_t)stride + (size_t)x] < 128;
	layout_line(out, page, 100, 100, 400, 130, "Trang quét", strlen("Trang quét"));
	return 0;
}

static int progress(void *ctx, unsigned k, unsigned n)
{
	struct calls *c = ctx;
	c->progress++;
	c->last_k = k, c->last_n = n;
	return 0;
}

static char *read_pdf(const char *pdf, size_t len, struct calls *c, int *rc, char *err)
{
	struct pdf_scan hook = { scan, progress, c };
	struct layout l;
	unsigned scanned = 0;
	layout_init(&l);
	*rc = pdf_read(pdf, len, "x.pdf", c ? &hook : NULL, &l, &scanned, err);
	if (c)
		assert_int_equal(scanned, (unsigned)c->scans);
	struct plain p;
	plain_init(&p, 1 << 20);
	layout_write(&l, &p);
	layout_release(&l);
	size_t tl;
	char *t = plain_take(&p, &tl);
	plain_release(&p);
	return t;
}

#define FONT "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

static void test_text_and_scanned_pages(void **state)
{
	(void)state;
	char c1[1024], c2[512];
	/* page 1: a two-column header line, a paragraph over two lines; page 2:
	 * a page number at the top, the paragraph's end; page 3: an image only */
	snprintf(c1, sizeof c1,
		 "BT /F1 11 Tf 72 760 Td (UY BAN NHAN DAN) Tj 260 0 Td (CONG HOA XA HOI) Tj ET "
		 "BT /F2 11 Tf 72 700 Td (So Tai chinh chu tri, phoi hop voi cac so, ban, nganh lien quan) Tj ET "
		 "BT /F2 11 Tf 72 686 Td (ra soat du toan va bao cao truoc ngay 30/6/2026 de tong hop trinh) Tj ET");
	/* a page number, and a page with little text: still a text page */
	snprintf(c2, sizeof c2, "BT /F1 9 Tf 290 810 Td (2) Tj ET BT /F2 11 Tf 72 760 Td (UBND tinh.) Tj ET");
	char *s1 = stream("<< /Length %zu >>", c1), *s2 = stream("<< /Length %zu >>", c2);
	char *s3 = stream("<< /Length %zu >>", "q 100 0 0 100 200 400 cm /Im1 Do Q");
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 9 0 R /F2 11 0 R >> >> /Contents 4 0 R >>",
		s1,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 9 0 R /F2 11 0 R >> >> /Contents 6 0 R >>",
		s2,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 10 0 R >> >> /Contents 8 0 R >>",
		s3,
		FONT,
		"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
		"/Filter /ASCIIHexDecode /Length 9 >>\nstream\n00000000>\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
	};
	size_t len;
	char *pdf = make_pdf(objs, sizeof objs / sizeof objs[0], &len), err[ERR_MAX];
	struct calls c = { 0 };
	int rc;
	char *t = read_pdf(pdf, len, &c, &rc, err);
	assert_int_equal(rc, 0);
	/* the page number is gone; the OCR'd page comes in its place */
	assert_string_equal(t, "UY BAN NHAN DAN\n\nCONG HOA XA HOI\n\n"
			       "So Tai chinh chu tri, phoi hop voi cac so, ban, nganh lien quan ra soat du toan va bao cao "
			       "truoc ngay 30/6/2026 de tong hop trinh UBND tinh.\n\n"
			       "Trang quét\n\n");
	/* the scanned page: at 300 dpi, its black square (100 pt) dark */
	assert_int_equal(c.scans, 1);
	assert_int_equal(c.progress, 1);
	assert_int_equal(c.last_k, 1);
	assert_int_equal(c.last_n, 1);
	assert_int_equal(c.dpi, 300);
	assert_int_equal(c.w, 2479);
	assert_int_equal(c.h, 3508);
	long side = 100 * 300 / 72;
	assert_true(c.dark > side * side * 9 / 10 && c.dark < side * side * 11 / 10);
	free(t);
	free(pdf);
	free(s1), free(s2), free(s3);
}

static void test_huge_page_is_rendered_smaller(void **state)
{
	(void)state;
	char *s = stream("<< /Length %zu >>", "0 g 0 0 7200 7200 re f");
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
		s,
	};
	size_t len;
	char *pdf = make_pdf(objs, 4, &len), err[ERR_MAX];
	struct calls c = { 0 };
	int rc;
	free(read_pdf(pdf, len, &c, &rc, err));
	assert_int_equal(rc, 0);
	assert_int_equal(c.scans, 1);
	assert_true((double)c.w * c.h <= PDF_MAX_PIXELS);
	assert_true(c.dpi < 30);
	free(pdf);
	free(s);
}

/* A page without text that renders blank (the back of a sheet) is not
 * handed to the OCR. */
static void test_blank_page(void **state)
{
	(void)state;
	char *s = stream("<< /Length %zu >>", "1 g 0 0 595 842 re f");
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		s,
	};
	size_t len;
	char *pdf = make_pdf(objs, 4, &len), err[ERR_MAX];
	struct calls c = { 0 };
	int rc;
	char *t = read_pdf(pdf, len, &c, &rc, err);
	assert_int_equal(rc, 0);
	assert_int_equal(c.progress, 1);
	assert_int_equal(c.scans, 0);
	assert_string_equal(t, "");
	free(t);
	free(pdf);
	free(s);
}

/* An image whose dictionary says 20,000 × 20,000 on a page to scan:
 * refused before poppler decodes it (4 bytes a pixel, whole). */
static void test_huge_image(void **state)
{
	(void)state;
	char *s = stream("<< /Length %zu >>", "q 595 0 0 842 0 0 cm /Im Do Q");
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>",
		s,
		"<< /Type /XObject /Subtype /Image /Width 20000 /Height\n20000 /ColorSpace /DeviceGray /BitsPerComponent 8 "
		"/Length 3 >>\nstream\nabc\nendstream",
	};
	size_t len;
	char *pdf = make_pdf(objs, 5, &len), err[ERR_MAX];
	struct calls c = { 0 };
	int rc;
	free(read_pdf(pdf, len, &c, &rc, err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "a scanned PDF holding an image of 20000 × 20000 pixels"));
	assert_int_equal(c.scans, 0);
	free(pdf);
	free(s);
}

static void test_bounds(void **state)
{
	(void)state;
	char err[ERR_MAX];
	int rc;
	/* 10,000 pages: refused before any is read */
	struct strbuf kids = STRBUF_INIT;
	size_t pages = 10000;
	const char **objs = calloc(pages + 3, sizeof *objs);
	char **owned = calloc(pages + 3, sizeof *owned);
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	strbuf_add(&kids, "<< /Type /Pages /Count 10000 /Kids [");
	for (size_t i = 0; i < pages; i++) {
		strbuf_addf(&kids, "%zu 0 R ", i + 3);
		objs[i + 2] = owned[i] = xstrdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
	}
	strbuf_add(&kids, "] >>");
	objs[1] = kids.p;
	size_t len;
	char *pdf = make_pdf(objs, pages + 2, &len);
	struct calls c = { 0 };
	free(read_pdf(pdf, len, &c, &rc, err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "a PDF of 10000 pages"));
	assert_non_null(strstr(err, "qpdf"));
	assert_int_equal(c.scans, 0);
	free(pdf);
	strbuf_release(&kids);

	/* 60 pages without text: more scans than the bound */
	strbuf_add(&kids, "<< /Type /Pages /Count 60 /Kids [");
	for (size_t i = 0; i < 60; i++)
		strbuf_addf(&kids, "%zu 0 R ", i + 3);
	strbuf_add(&kids, "] >>");
	objs[1] = kids.p;
	pdf = make_pdf(objs, 62, &len);
	memset(&c, 0, sizeof c);
	free(read_pdf(pdf, len, &c, &rc, err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "60 scanned pages"));
	assert_int_equal(c.scans, 0);
	free(pdf);
	strbuf_release(&kids);
	for (size_t i = 0; i < pages; i++)
		free(owned[i]);
	free(objs);
	free(owned);
}

static void test_loops_and_damage(void **state)
{
	(void)state;
	char err[ERR_MAX];
	int rc;
	/* a page tree that contains itself, a form that draws itself */
	char *form = stream("<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X 5 0 R >> >> "
			    "/Length %zu >>", "/X Do");
	char *content = stream("<< /Length %zu >>", "/X Do");
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
		content,
		form,
	};
	size_t len;
	char *pdf = make_pdf(objs, 5, &len);
	free(read_pdf(pdf, len, NULL, &rc, err)); /* returns, whatever it reads */
	struct calls c = { 0 };
	free(read_pdf(pdf, len, &c, &rc, err));
	assert_true(c.scans <= 2);
	free(pdf);
	free(form);
	free(content);
	/* a PDF that opens (its table rebuilt) with no page in it */
	static const char empty[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n";
	free(read_pdf(empty, sizeof empty - 1, NULL, &rc, err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "a damaged PDF in which no page can be read"));
	/* not a PDF after its first bytes */
	static const char junk[] = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage";
	free(read_pdf(junk, sizeof junk - 1, NULL, &rc, err));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "a damaged PDF"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_scanned_pages),
		cmocka_unit_test(test_huge_page_is_rendered_smaller),
		cmocka_unit_test(test_blank_page),
		cmocka_unit_test(test_huge_image),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_loops_and_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
