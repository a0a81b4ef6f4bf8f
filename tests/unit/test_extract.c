/* extract, sniff, ocr: the format decided by the bytes, the formats refused
 * with their way forward, the dispatch to each reader, and the image
 * bounds checked before anything is decoded. (OCR itself is tested end to
 * end, on rendered pages: tests/e2e/test_extract.sh.) */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "core/extract.h"
#include "core/layout.h"
#include "core/ocr.h"
#include "core/sniff.h"
#include "tests/unit/testzip.h"

/* bytes with the UTF-16LE name of a compound file's stream in them */
static size_t compound(char *buf, const char *stream)
{
	memset(buf, 0, 1024);
	memcpy(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	for (size_t i = 0; stream[i]; i++)
		buf[512 + 2 * i] = stream[i];
	return 1024;
}

static void test_sniff(void **state)
{
	(void)state;
	char err[ERR_MAX], buf[1024];
	static const struct {
		const char *data;
		size_t len;
		enum sniff_kind kind;
		const char *says;
	} rows[] = {
		{ "Số: 123/TB-UBND", 17, SNIFF_TEXT, NULL },
		{ "", 0, SNIFF_TEXT, NULL },
		{ "PK\3\4xxxx", 8, SNIFF_ZIP, NULL },
		{ "PK\5\6", 4, SNIFF_ZIP, NULL },
		{ "%PDF-1.7\n", 9, SNIFF_PDF, NULL },
		{ "\r\n\r\n%PDF-1.4", 13, SNIFF_PDF, NULL }, /* junk before the header, as some scanners write */
		{ "\x89PNG\r\n\x1a\nxxxx", 12, SNIFF_IMAGE, NULL },
		{ "\xff\xd8\xff\xe0", 4, SNIFF_IMAGE, NULL },
		{ "II*\0", 4, SNIFF_IMAGE, NULL },
		{ "MM\0*", 4, SNIFF_IMAGE, NULL },
		{ "GIF89a....", 10, SNIFF_REFUSED, "an image in GIF format" },
		{ "RIFF\0\0\0\0WEBPVP8 ", 16, SNIFF_REFUSED, "an image in WebP format" },
		{ "{\\rtf1\\ansi Sở", 15, SNIFF_REFUSED, "an RTF document, which hanchot does not read: convert it with: "
							"libreoffice --headless --convert-to docx 'tb.docx'" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		err[0] = '\0';
		assert_int_equal(sniff(rows[i].data, rows[i].len, "tb.docx", err), rows[i].kind);
		if (rows[i].says && !strstr(err, rows[i].says))
			fail_msg("row %zu: '%s' lacks '%s'", i, err, rows[i].says);
	}
	static const struct {
		const char *stream, *says;
	} cfb[] = {
		{ "WordDocument", "a Word 97-2003 document (.doc), which hanchot does not read: convert it with: libreoffice "
				  "--headless --convert-to docx 'tb.doc'" },
		{ "EncryptedPackage", "a password-protected Office document: open it in Word or LibreOffice with its "
				      "password, save a copy without one" },
		{ "Workbook", "an Excel 97-2003 spreadsheet (.xls), not a notice" },
		{ "Nothing", "an old Microsoft Office file" },
	};
	for (size_t i = 0; i < sizeof cfb / sizeof cfb[0]; i++) {
		size_t len = compound(buf, cfb[i].stream);
		assert_int_equal(sniff(buf, len, "tb.doc", err), SNIFF_REFUSED);
		if (!strstr(err, cfb[i].says))
			fail_msg("%s: '%s' lacks '%s'", cfb[i].stream, err, cfb[i].says);
	}
}

/* A PNG whose header claims w × h pixels: nothing after it is read. */
static size_t png_header(unsigned char *b, unsigned w, unsigned h, unsigned char colour)
{
	static const unsigned char sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	memcpy(b, sig, sizeof sig);
	unsigned char *p = b + sizeof sig;
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(w >> (24 - 8 * i)), p[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	p[8] = 8, p[9] = colour, p[10] = p[11] = p[12] = 0;
	memset(p + 13, 0, 4 + 64); /* CRC (unchecked by the header reader) and no image data */
	return sizeof sig + 13 + 4 + 64;
}

static void test_image_bounds(void **state)
{
	(void)state;
	unsigned char png[256];
	char err[ERR_MAX];
	unsigned pages;
	size_t len = png_header(png, 30000, 30000, 0);
	assert_int_equal(ocr_image_pages((char *)png, len, &pages, err), -1);
	assert_non_null(strstr(err, "an image of 30000 × 30000 pixels, more than hanchot reads"));
	len = png_header(png, 4000, 5000, 2); /* 20 Mpx in colour: 100 MB decoded */
	assert_int_equal(ocr_image_pages((char *)png, len, &pages, err), -1);
	assert_non_null(strstr(err, "a colour image of 4000 × 5000 pixels"));
	len = png_header(png, 2480, 3508, 0); /* A4 at 300 dpi, grey: accepted */
	assert_int_equal(ocr_image_pages((char *)png, len, &pages, err), 0);
	assert_int_equal(pages, 1);
	len = png_header(png, 2480, 3508, 2); /* ... and in colour */
	assert_int_equal(ocr_image_pages((char *)png, len, &pages, err), 0);
	len = png_header(png, 4000, 5990, 0); /* grey, just under the pixel bound: read as it is */
	assert_int_equal(ocr_image_pages((char *)png, len, &pages, err), 0);
	assert_int_equal(ocr_image_pages("\x89PNG\r\n\x1a\n", 8, &pages, err), -1);
	assert_non_null(strstr(err, "a damaged PNG image"));
	assert_int_equal(ocr_image_pages("II*\0\0\0\0\0", 8, &pages, err), -1);
	assert_non_null(strstr(err, "a damaged TIFF image"));
	assert_int_equal(ocr_image_pages("GIF89a", 6, &pages, err), -1);
	assert_non_null(strstr(err, "GIF format"));
}

static void test_dispatch(void **state)
{
	(void)state;
	char err[ERR_MAX];
	struct extract_result r;
	/* text goes through as it is, bytes and all */
	assert_int_equal(extract_text("a\0b", 3, "x", NULL, &r, err), 0);
	assert_int_equal(r.format, EXTRACT_TEXT);
	assert_int_equal(r.len, 3);
	assert_memory_equal(r.text, "a\0b", 3);
	extract_result_release(&r);
	/* packages */
	static const struct {
		const char *entries[6];
		const char *says; /* NULL: read, text "Sở Nội vụ" */
		enum extract_format format;
	} rows[] = {
		{ { "[Content_Types].xml",
		    "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
		    "officedocument.wordprocessingml.document.main+xml\"/></Types>",
		    "word/document.xml",
		    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
		    "<w:r><w:t>Sở Nội vụ</w:t></w:r></w:p></w:body></w:document>", NULL },
		  NULL, EXTRACT_DOCX },
		{ { "mimetype", "application/vnd.oasis.opendocument.text", "content.xml",
		    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
		    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>Sở Nội vụ"
		    "</text:p></office:text></office:body></office:document-content>", NULL },
		  NULL, EXTRACT_ODT },
		{ { "[Content_Types].xml", "<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
					   "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>", NULL },
		  "an Excel spreadsheet (.xlsx), not a notice", EXTRACT_TEXT },
		{ { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", NULL },
		  "an OpenDocument file of type 'application/vnd.oasis.opendocument.spreadsheet'", EXTRACT_TEXT },
		{ { "notice.docx", "PK...", NULL }, "a zip archive, not a Word or OpenDocument document", EXTRACT_TEXT },
		{ { "[Content_Types].xml",
		    "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
		    "officedocument.wordprocessingml.document.main+xml\"/></Types>",
		    "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
					 "<w:body/></w:document>", NULL },
		  "a Word (.docx) document without text", EXTRACT_DOCX },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t len;
		char *zip = testzip_make(rows[i].entries, 1, &len);
		int rc = extract_text(zip, len, "tb.docx", NULL, &r, err);
		if (!rows[i].says) {
			assert_int_equal(rc, 0);
			assert_string_equal(r.text, "Sở Nội vụ\n\n");
			assert_int_equal(r.format, rows[i].format);
			assert_false(r.from_scan);
		} else {
			assert_int_equal(rc, -1);
			if (!strstr(err, rows[i].says))
				fail_msg("row %zu: '%s' lacks '%s'", i, err, rows[i].says);
		}
		extract_result_release(&r);
		free(zip);
	}
	/* damaged */
	assert_int_equal(extract_text("PK\3\4\24\0\0\0garbage", 15, "tb.docx", NULL, &r, err), -1);
	assert_non_null(strstr(err, "damaged zip archive"));
	assert_non_null(strstr(err, "open it in Word or LibreOffice and save it again"));
	extract_result_release(&r);
	/* too large */
	assert_int_equal(extract_text("x", EXTRACT_MAX_BYTES + 1u, "big", NULL, &r, err), -1);
	assert_non_null(strstr(err, "too large"));
	extract_result_release(&r);
}

static void test_ocr_model_missing(void **state)
{
	(void)state;
	char err[ERR_MAX], dir[TESTDIR_SIZE];
	test_mkdir(dir);
	char *old = getenv("TESSDATA_PREFIX") ? strdup(getenv("TESSDATA_PREFIX")) : NULL;
	setenv("TESSDATA_PREFIX", dir, 1);
	struct ocr *o = NULL;
	assert_int_equal(ocr_open(&o, err), -1);
	assert_null(o);
	assert_non_null(strstr(err, "apt-get install tesseract-ocr-vie"));
	if (old)
		setenv("TESSDATA_PREFIX", old, 1);
	else
		unsetenv("TESSDATA_PREFIX");
	free(old);
	test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_image_bounds),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_ocr_model_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
