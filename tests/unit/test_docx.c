#define _GNU_SOURCE /* memmem */
/* docx and zipxml: Word documents built in memory read to plain text
 * (numbering back into labels, tables, what is left out), and the bounds
 * (damaged zips, declarations, entity expansion). */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/docx.h"
#include "core/err.h"
#include "core/plain.h"
#include "core/zipxml.h"
#include "tests/unit/testzip.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define CT "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
	   "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument." \
	   "wordprocessingml.document.main+xml\"/></Types>"
#define RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	     "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>" \
	     "<Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" \
	     "</Relationships>"

/* Reads a .docx made of these parts; returns the text or NULL with err. */
static char *read_docx(const char *document, const char *numbering, const char *styles, char *err)
{
	const char *entries[16] = { "[Content_Types].xml", CT, "word/document.xml", document,
				    "word/_rels/document.xml.rels", RELS };
	size_t n = 6;
	if (numbering)
		entries[n++] = "word/numbering.xml", entries[n++] = numbering;
	if (styles)
		entries[n++] = "word/styles.xml", entries[n++] = styles;
	entries[n] = NULL;
	size_t len;
	char *zip = testzip_make(entries, 0, &len);
	struct zipxml *z;
	char *text = NULL;
	if (zipxml_open(&z, zip, len, err) == 0) {
		char *part = NULL;
		assert_int_equal(docx_detect(z, &part), DOCX_WORD);
		assert_string_equal(part, "word/document.xml");
		struct plain p;
		plain_init(&p, 1 << 20);
		if (docx_read(z, part, &p, err) == 0) {
			size_t tl;
			text = plain_take(&p, &tl);
		}
		plain_release(&p);
		free(part);
		zipxml_close(z);
	}
	free(zip);
	return text;
}

#define DOC(body) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W "><w:body>" body "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NP(num, lvl, text) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define SP(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char numbering[] =
	"<w:numbering " W ">"
	/* the notice's multilevel list: I. / 1. / 2.1. / a) */
	"<w:abstractNum w:abstractNumId=\"0\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.%3.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%4)\"/></w:lvl>"
	"</w:abstractNum>"
	/* bullets from a symbol font */
	"<w:abstractNum w:abstractNumId=\"1\">"
	"<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/></w:lvl>"
	"<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>"
	"</w:abstractNum>"
	/* legal numbering, starting at 3 */
	"<w:abstractNum w:abstractNumId=\"2\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2\"/><w:isLgl/></w:lvl>"
	"</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
	/* the same list restarted at 1 (Word's 'restart numbering') */
	"<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
	"</w:numbering>";

static const char styles[] =
	"<w:styles " W ">"
	"<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Muc\"><w:basedOn w:val=\"ListNumber\"/><w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style>"
	"</w:styles>";

static void test_numbering(void **state)
{
	(void)state;
	char err[ERR_MAX];
	char *t = read_docx(DOC(NP(1, 0, "Về kinh tế") NP(1, 1, "Trong tháng") NP(1, 1, "Về nhiệm vụ") P("Không đánh số.")
				NP(1, 2, "Sở Tài chính chủ trì.") NP(1, 3, "Sở Xây dựng.") NP(1, 3, "Sở Nội vụ.")
				NP(1, 2, "Sở Y tế.") NP(2, 0, "Sở Công Thương.") NP(2, 1, "Phụ") NP(2, 2, "Gạch")
				NP(1, 0, "Nội dung khác") NP(1, 1, "Tờ trình.") SP("Muc", "Theo kiểu.")
				NP(3, 0, "Phần ba") NP(3, 1, "Mục") NP(4, 1, "Lại từ một") NP(0, 0, "Bỏ số")
				"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p>"),
			    numbering, styles, err);
	assert_non_null(t);
	assert_string_equal(t, "I. Về kinh tế\n\n1. Trong tháng\n\n2. Về nhiệm vụ\n\nKhông đánh số.\n\n"
			       "2.1. Sở Tài chính chủ trì.\n\na) Sở Xây dựng.\n\nb) Sở Nội vụ.\n\n2.2. Sở Y tế.\n\n"
			       "- Sở Công Thương.\n\n+ Phụ\n\n- Gạch\n\nII. Nội dung khác\n\n1. Tờ trình.\n\n"
			       "2. Theo kiểu.\n\nIII. Phần ba\n\n3.1 Mục\n\n1. Lại từ một\n\nBỏ số\n\n");
	free(t);
}

static void test_runs_and_what_is_left_out(void **state)
{
	(void)state;
	char err[ERR_MAX];
	char *t = read_docx(
		DOC("<w:p><w:r><w:t xml:space=\"preserve\">Sở Tài </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>chính</w:t></w:r>"
		    "<w:r><w:delText>đã xoá</w:delText></w:r><w:del><w:r><w:t>xoá</w:t></w:r></w:del>"
		    "<w:r><w:footnoteReference w:id=\"1\"/></w:r>" /* empty and passed over */
		    "<w:ins><w:r><w:t xml:space=\"preserve\"> chủ trì</w:t></w:r></w:ins>"
		    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
		    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
		    "<w:r><w:tab/><w:t>trước</w:t><w:noBreakHyphen/><w:t>hạn</w:t><w:br/><w:t>dòng hai</w:t></w:r>"
		    "<w:hyperlink><w:r><w:t xml:space=\"preserve\"> &amp; &lt;liên kết&gt;</w:t></w:r></w:hyperlink></w:p>"
		    "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
		    "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p>"
		    "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Bản sao"
		    "</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
		    "<w:r><w:t>Ngoài hộp</w:t></w:r></w:p>"
		    "<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr>"),
		NULL, NULL, err);
	assert_non_null(t);
	assert_string_equal(t, "Sở Tài chính chủ trì trước-hạn\ndòng hai & <liên kết>\n\nHộp chữ\n\nNgoài hộp\n\n");
	free(t);
}

static void test_tables(void **state)
{
	(void)state;
	char err[ERR_MAX];
#define TC(x) "<w:tc>" P(x) "</w:tc>"
	char *t = read_docx(
		DOC("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
		    "<w:tr>" TC("ỦY BAN NHÂN DÂN") TC("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") "</w:tr>"
		    "<w:tr>" TC("Số: 123/TB-UBND") TC("Lào Cai, ngày 11 tháng 6 năm 2026") "</w:tr></w:tbl>"
		    P("THÔNG BÁO")
		    "<w:tbl><w:tr>" TC("STT") TC("Nội dung") TC("Cơ quan chủ trì") TC("Thời hạn") "</w:tr>"
		    "<w:tr><w:tc>" NP(1, 1, "") "</w:tc>" TC("Lập | trình") "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>"
		    P("Sở Tài chính") P("(chủ trì)") "</w:tc></w:tr>"
		    "<w:tr>" TC("2") TC("Báo cáo") TC("Sở Nội vụ") TC("30/6/2026") "</w:tr></w:tbl>"
		    P("Sau bảng.")),
		numbering, NULL, err);
	assert_non_null(t);
	assert_string_equal(t, "ỦY BAN NHÂN DÂN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 123/TB-UBND\n\n"
			       "Lào Cai, ngày 11 tháng 6 năm 2026\n\nTHÔNG BÁO\n\n"
			       "| STT | Nội dung | Cơ quan chủ trì | Thời hạn |\n"
			       "|  | Lập \\| trình | Sở Tài chính (chủ trì) |  |\n"
			       "| 2 | Báo cáo | Sở Nội vụ | 30/6/2026 |\n\nSau bảng.\n\n");
	free(t);
}

static void test_strict_namespace_and_main_part_name(void **state)
{
	(void)state;
	static const char ct[] =
		"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
		"PartName=\"/word/document2.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>";
	static const char doc[] = "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
				  "<w:p><w:r><w:t>Sở Tư pháp</w:t></w:r></w:p></w:body></w:document>";
	const char *entries[] = { "[Content_Types].xml", ct, "word/document2.xml", doc, NULL };
	size_t len;
	char *zip = testzip_make(entries, 1, &len), *part = NULL, err[ERR_MAX];
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	assert_int_equal(docx_detect(z, &part), DOCX_WORD);
	assert_string_equal(part, "word/document2.xml");
	struct plain p;
	plain_init(&p, 1 << 20);
	assert_int_equal(docx_read(z, part, &p, err), 0);
	size_t tl;
	char *t = plain_take(&p, &tl);
	assert_string_equal(t, "Sở Tư pháp\n\n");
	free(t);
	plain_release(&p);
	free(part);
	zipxml_close(z);
	free(zip);
}

static void test_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		enum docx_kind kind;
	} rows[] = {
		{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", DOCX_SPREADSHEET },
		{ "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", DOCX_PRESENTATION },
		{ "application/vnd.example.other+xml", DOCX_OTHER },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char ct[512];
		snprintf(ct, sizeof ct, "<Types><Override PartName=\"/x/main.xml\" ContentType=\"%s\"/></Types>", rows[i].type);
		const char *entries[] = { "[Content_Types].xml", ct, NULL };
		size_t len;
		char *zip = testzip_make(entries, 0, &len), err[ERR_MAX];
		struct zipxml *z;
		assert_int_equal(zipxml_open(&z, zip, len, err), 0);
		assert_int_equal(docx_detect(z, NULL), rows[i].kind);
		zipxml_close(z);
		free(zip);
	}
	const char *entries[] = { "readme.txt", "hello", NULL };
	size_t len;
	char *zip = testzip_make(entries, 0, &len), err[ERR_MAX];
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	assert_int_equal(docx_detect(z, NULL), DOCX_NONE);
	zipxml_close(z);
	free(zip);
}

/* Every hostile or broken part: an error, never a crash or an expansion. */
static void test_hostile_xml(void **state)
{
	(void)state;
	static const struct {
		const char *doc, *want;
	} rows[] = {
		{ "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;"
		  "&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		  "<w:document " W "><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>",
		  "document type or entity declaration" },
		{ "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document " W
		  "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>",
		  "document type or entity declaration" },
		{ "<w:document " W "><w:body><w:p><w:r><w:t>chưa đóng", "not well-formed XML" },
		{ "<w:document " W "><w:body><w:p><w:r><w:t>&undefined;</w:t></w:r></w:p></w:body></w:document>",
		  "not well-formed XML" },
		{ "\xff\xfe<\0w\0:\0d\0", "not UTF-8 XML" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char err[ERR_MAX] = "";
		char *t = read_docx(rows[i].doc, NULL, NULL, err);
		assert_null(t);
		if (!strstr(err, rows[i].want))
			fail_msg("row %zu: '%s' lacks '%s'", i, err, rows[i].want);
		assert_non_null(strstr(err, "word/document.xml"));
	}
}

static void test_damaged_zip(void **state)
{
	(void)state;
	const char *entries[] = { "[Content_Types].xml", CT, "word/document.xml", DOC(P("Sở Tài chính")), NULL };
	size_t len;
	char *zip = testzip_make(entries, 0, &len), err[ERR_MAX];
	struct zipxml *z;
	/* cut: no central directory */
	assert_int_equal(zipxml_open(&z, zip, len / 2, err), -1);
	assert_non_null(strstr(err, "damaged zip archive"));
	/* a flipped byte inside the deflated document: the CRC or inflate fails */
	char *bad = malloc(len);
	memcpy(bad, zip, len);
	const char *at = memmem(bad, len, "word/document.xml", 17);
	assert_non_null(at);
	bad[(at - bad) + 17 + 10] ^= 0x55;
	if (zipxml_open(&z, bad, len, err) == 0) {
		struct plain p;
		plain_init(&p, 1 << 20);
		assert_int_equal(docx_read(z, "word/document.xml", &p, err), -1);
		plain_release(&p);
		zipxml_close(z);
	}
	free(bad);
	free(zip);
}

/* A part that unpacks past ZIPXML_MAX_PART: refused as soon as its header
 * says so, and after ZIPXML_MAX_PART bytes when the header lies. */
static void test_zip_bomb(void **state)
{
	(void)state;
	size_t big = ZIPXML_MAX_PART + 1024;
	char *zeros = calloc(1, big + 1);
	memset(zeros, ' ', big);
	memcpy(zeros, "<w:document " W "><w:body>", strlen("<w:document " W "><w:body>"));
	const char *entries[] = { "[Content_Types].xml", CT, "word/document.xml", zeros, NULL };
	size_t len;
	char *zip = testzip_make(entries, 0, &len), err[ERR_MAX];
	free(zeros);
	assert_true(len < 1024 * 1024); /* a bomb: small packed */
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	struct plain p;
	plain_init(&p, 1 << 20);
	assert_int_equal(docx_read(z, "word/document.xml", &p, err), -1);
	assert_non_null(strstr(err, "zip bomb"));
	plain_release(&p);
	zipxml_close(z);
	/* the header lies: claims 100 bytes (uncompressed size in the local and central headers) */
	char *liar = zip;
	for (size_t i = 0; i + 46 < len; i++) {
		if (memcmp(liar + i, "PK\x01\x02", 4) == 0 && memcmp(liar + i + 46, "word/document.xml", 17) == 0)
			memcpy(liar + i + 24, "\x64\0\0\0", 4);
		if (memcmp(liar + i, "PK\x03\x04", 4) == 0 && memcmp(liar + i + 30, "word/document.xml", 17) == 0)
			memcpy(liar + i + 22, "\x64\0\0\0", 4);
	}
	if (zipxml_open(&z, liar, len, err) == 0) {
		plain_init(&p, 1 << 20);
		assert_int_equal(docx_read(z, "word/document.xml", &p, err), -1);
		plain_release(&p);
		zipxml_close(z);
	}
	free(zip);
}

static void test_output_bound(void **state)
{
	(void)state;
	/* 4,000 paragraphs against a bound of 1,000 bytes: stops, says full */
	size_t n = 4000, each = strlen(P("Sở Tài chính chủ trì."));
	char *body = malloc(n * each + 512), *w = body;
	w += sprintf(w, "<w:document " W "><w:body>");
	for (size_t i = 0; i < n; i++)
		w += sprintf(w, "%s", P("Sở Tài chính chủ trì."));
	sprintf(w, "</w:body></w:document>");
	const char *entries[] = { "[Content_Types].xml", CT, "word/document.xml", body, NULL };
	size_t len;
	char *zip = testzip_make(entries, 0, &len), err[ERR_MAX];
	struct zipxml *z;
	assert_int_equal(zipxml_open(&z, zip, len, err), 0);
	struct plain p;
	plain_init(&p, 1000);
	assert_int_equal(docx_read(z, "word/document.xml", &p, err), 0);
	assert_true(plain_full(&p));
	plain_release(&p);
	zipxml_close(z);
	free(zip);
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering),     cmocka_unit_test(test_runs_and_what_is_left_out),
		cmocka_unit_test(test_tables),        cmocka_unit_test(test_strict_namespace_and_main_part_name),
		cmocka_unit_test(test_kinds),         cmocka_unit_test(test_hostile_xml),
		cmocka_unit_test(test_damaged_zip),   cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_output_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
