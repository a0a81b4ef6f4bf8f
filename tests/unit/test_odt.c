/* odt: OpenDocument text built in memory read to plain text: white space
 * as ODF collapses it, automatic lists and outline numbering back into
 * labels, tables, what is left out. */
#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/err.h"
#include "core/odt.h"
#include "core/plain.h"
#include "core/zipxml.h"
#include "tests/unit/testzip.h"

#define NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	   "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
	   "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
	   "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
	   "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
	   "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
#define CONTENT(styles, body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " NS ">" \
	"<office:automatic-styles>" styles "</office:automatic-styles><office:body><office:text>" body \
	"</office:text></office:body></office:document-content>"

static char *read_odt(const char *mimetype, const char *content, const char *styles, enum odt_kind want, char *err)
{
	const char *entries[8] = { "mimetype", mimetype, "content.xml", content };
	size_t n = 4;
	if (styles)
		entries[n++] = "styles.xml", entries[n++] = styles;
	entries[n] = NULL;
	size_t len;
	char *zip = testzip_make(entries, 1, &len), *text = NULL;
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	char *mime = NULL;
	assert_int_equal(odt_detect(z, &mime), want);
	free(mime);
	if (want == ODT_TEXT) {
		struct plain p;
		plain_init(&p, 1 << 20);
		if (odt_read(z, &p, err) == 0) {
			size_t tl;
			text = plain_take(&p, &tl);
		}
		plain_release(&p);
	}
	zipxml_close(z);
	free(zip);
	return text;
}

#define ODT "application/vnd.oasis.opendocument.text"

static void test_text(void **state)
{
	(void)state;
	char err[ERR_MAX];
	char *t = read_odt(ODT,
			   CONTENT("", "<text:p>  Sở   Tài\n  chính<text:s text:c=\"2\"/>chủ<text:tab/>trì<text:line-break/>"
				       "dòng <text:span>hai</text:span><text:note><text:note-citation>1</text:note-citation>"
				       "<text:note-body><text:p>chú thích</text:p></text:note-body></text:note>.</text:p>"
				       "<text:tracked-changes><text:changed-region><text:deletion><text:p>đã xoá</text:p>"
				       "</text:deletion></text:changed-region></text:tracked-changes>"
				       "<text:p><office:annotation><text:p>ý kiến</text:p></office:annotation>Sau"
				       "<text:soft-page-break/> trang</text:p>"
				       "<text:p><draw:frame><draw:text-box><text:p>Hộp chữ</text:p></draw:text-box></draw:frame></text:p>"),
			   NULL, ODT_TEXT, err);
	assert_non_null(t);
	assert_string_equal(t, "Sở Tài chính  chủ trì\ndòng hai.\n\nSau trang\n\nHộp chữ\n\n");
	free(t);
}

#define LIST_STYLES\
	"<text:list-style style:name=\"L1\">"\
	"<text:list-level-style-number text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"\
	"<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\"/>"\
	"<text:list-level-style-number text:level=\"3\" style:num-format=\"1\" style:num-suffix=\".\" text:display-levels=\"2\"/>"\
	"<text:list-level-style-number text:level=\"4\" style:num-format=\"a\" style:num-suffix=\")\"/>"\
	"</text:list-style>"\
	"<text:list-style style:name=\"B\">"\
	"<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"\xe2\x80\xa2\"/>"\
	"<text:list-level-style-bullet text:level=\"2\" text:bullet-char=\"\xe2\x97\xa6\"/>"\
	"</text:list-style>"\
	"<text:list-style style:name=\"P\">"\
	"<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-prefix=\"(\" style:num-suffix=\")\" text:start-value=\"5\"/>"\
	"</text:list-style>"\
	"<style:style style:name=\"Muc\" style:family=\"paragraph\" style:list-style-name=\"P\"/>"


#define ITEM(x) "<text:list-item><text:p>" x "</text:p></text:list-item>"

static void test_lists(void **state)
{
	(void)state;
	char err[ERR_MAX];
	char *t = read_odt(
		ODT,
		CONTENT(LIST_STYLES,
			"<text:list text:style-name=\"L1\"><text:list-item><text:p>Về kinh tế</text:p>"
			"<text:list>" ITEM("Trong tháng") "<text:list-item><text:p>Về nhiệm vụ</text:p><text:p>đoạn hai</text:p>"
			"<text:list>" ITEM("Sở Tài chính.") "<text:list-item><text:list>" ITEM("Sở Xây dựng.") ITEM("Sở Nội vụ.")
			"</text:list></text:list-item>" ITEM("Sở Y tế.") "</text:list></text:list-item></text:list></text:list-item>"
			"</text:list>"
			"<text:p>Không đánh số.</text:p>"
			"<text:list text:style-name=\"L1\" text:continue-numbering=\"true\">" ITEM("Nội dung khác") "</text:list>"
			"<text:list text:style-name=\"B\">" ITEM("Sở Công Thương.")
			"<text:list-item><text:list>" ITEM("Phụ") "</text:list></text:list-item></text:list>"
			"<text:list text:style-name=\"L1\"><text:list-header><text:p>Đầu danh sách</text:p></text:list-header>"
			"<text:list-item text:start-value=\"4\"><text:p>Bốn</text:p></text:list-item></text:list>"
			"<text:list>" "<text:list-item><text:p text:style-name=\"Muc\">Theo kiểu</text:p></text:list-item>" "</text:list>"),
		NULL, ODT_TEXT, err);
	assert_non_null(t);
	assert_string_equal(t, "I. Về kinh tế\n\n1. Trong tháng\n\n2. Về nhiệm vụ\n\nđoạn hai\n\n2.1. Sở Tài chính.\n\n"
			       "a) Sở Xây dựng.\n\nb) Sở Nội vụ.\n\n2.2. Sở Y tế.\n\nKhông đánh số.\n\nII. Nội dung khác\n\n"
			       "\xe2\x80\xa2 Sở Công Thương.\n\n+ Phụ\n\nĐầu danh sách\n\nIV. Bốn\n\n(5) Theo kiểu\n\n");
	free(t);
}

static void test_outline_and_styles_part(void **state)
{
	(void)state;
	static const char styles[] =
		"<office:document-styles " NS "><office:styles><text:outline-style style:name=\"Outline\">"
		"<text:outline-level-style text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"
		"<text:outline-level-style text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\" text:display-levels=\"2\"/>"
		"</text:outline-style></office:styles></office:document-styles>";
	char err[ERR_MAX];
	char *t = read_odt(ODT,
			   CONTENT("", "<text:h text:outline-level=\"1\"><text:number>I.</text:number>Phần một</text:h>"
				       "<text:h text:outline-level=\"2\">Mục</text:h><text:h text:outline-level=\"2\">Mục</text:h>"
				       "<text:h text:outline-level=\"1\">Phần hai</text:h>"
				       "<text:h text:outline-level=\"1\" text:is-list-header=\"true\">Không số</text:h>"),
			   styles, ODT_TEXT, err);
	assert_non_null(t);
	assert_string_equal(t, "I. Phần một\n\nI.1. Mục\n\nI.2. Mục\n\nII. Phần hai\n\nKhông số\n\n");
	free(t);
}

static void test_tables(void **state)
{
	(void)state;
	char err[ERR_MAX];
#define CELL(x) "<table:table-cell><text:p>" x "</text:p></table:table-cell>"
	char *t = read_odt(
		ODT,
		CONTENT("", "<table:table><table:table-column table:number-columns-repeated=\"2\"/><table:table-row>" CELL("Số: 5/TB-UBND")
			    CELL("Hà Giang, ngày 2 tháng 1 năm 2026") "</table:table-row></table:table>"
			    "<table:table><table:table-header-rows><table:table-row>" CELL("STT") CELL("Nội dung") CELL("Chủ trì")
			    "</table:table-row></table:table-header-rows><table:table-row>" CELL("1")
			    "<table:table-cell table:number-columns-spanned=\"2\"><text:p>Gộp | hai</text:p></table:table-cell>"
			    "<table:covered-table-cell/></table:table-row></table:table>"),
		NULL, ODT_TEXT, err);
	assert_non_null(t);
	assert_string_equal(t, "Số: 5/TB-UBND\n\nHà Giang, ngày 2 tháng 1 năm 2026\n\n"
			       "| STT | Nội dung | Chủ trì |\n| 1 | Gộp \\| hai |  |\n\n");
	free(t);
}

static void test_kinds_and_errors(void **state)
{
	(void)state;
	char err[ERR_MAX];
	assert_null(read_odt("application/vnd.oasis.opendocument.spreadsheet", CONTENT("", ""), NULL, ODT_OTHER, err));
	assert_null(read_odt("text/plain", CONTENT("", ""), NULL, ODT_NONE, err));
	/* a template; a newline after the type */
	char *t = read_odt("application/vnd.oasis.opendocument.text-template\n", CONTENT("", "<text:p>x</text:p>"), NULL,
			   ODT_TEXT, err);
	assert_non_null(t);
	assert_string_equal(t, "x\n\n");
	free(t);
	assert_null(read_odt(ODT, "<!DOCTYPE x [<!ENTITY a \"b\">]><office:document-content " NS "/>", NULL, ODT_TEXT, err));
	assert_non_null(strstr(err, "'content.xml' holds a document type or entity declaration"));
	/* a missing content.xml */
	const char *entries[] = { "mimetype", ODT, NULL };
	size_t len;
	char *zip = testzip_make(entries, 1, &len);
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	struct plain p;
	plain_init(&p, 100);
	assert_int_equal(odt_read(z, &p, err), -1);
	assert_non_null(strstr(err, "'content.xml' is missing"));
	plain_release(&p);
	zipxml_close(z);
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),   cmocka_unit_test(test_lists),           cmocka_unit_test(test_outline_and_styles_part),
		cmocka_unit_test(test_tables), cmocka_unit_test(test_kinds_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
