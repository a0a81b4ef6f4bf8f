/* plain: the text every extractor writes (paragraphs, pipe-table rows,
 * layout tables as lines, cleaning, the size bound) and the list labels. */
#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/plain.h"
#include "core/strbuf.h"

static char *take(struct plain *p)
{
	size_t len;
	char *s = plain_take(p, &len);
	assert_int_equal(strlen(s), len);
	plain_release(p);
	return s;
}

static void para(struct plain *p, const char *s)
{
	plain_text(p, s, strlen(s));
	plain_para_end(p);
}

static void test_paragraphs(void **state)
{
	(void)state;
	struct plain p;
	plain_init(&p, 1 << 20);
	para(&p, "  Số: 123/TB-UBND  ");
	para(&p, "");      /* an empty paragraph writes nothing */
	para(&p, "\t ");
	plain_text(&p, "TL. CHỦ TỊCH ", strlen("TL. CHỦ TỊCH "));
	plain_break(&p);
	plain_text(&p, " CHÁNH VĂN PHÒNG", strlen(" CHÁNH VĂN PHÒNG"));
	plain_para_end(&p);
	/* no-break space, soft hyphen, zero-width space, C0 and C1 controls, tab */
	para(&p, "a\xc2\xa0" "b\xc2\xad" "c\xe2\x80\x8b" "d\x01" "e\xc2\x85" "f\tg\x1b[31m");
	char *s = take(&p);
	assert_string_equal(s, "Số: 123/TB-UBND\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\na bcdef g[31m\n\n");
	free(s);
}

static void row(struct plain *p, const char *const *cells, size_t n)
{
	plain_row_begin(p);
	for (size_t i = 0; i < n; i++) {
		plain_cell_begin(p, 1);
		para(p, cells[i]);
		plain_cell_end(p);
	}
	plain_row_end(p);
}

static void test_data_table(void **state)
{
	(void)state;
	static const char *const head[] = { "STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn" };
	static const char *const r1[] = { "1", "Lập kế hoạch | dự toán", "Sở Tài chính", "30/6/2026" };
	struct plain p;
	plain_init(&p, 1 << 20);
	para(&p, "Trước bảng.");
	plain_table_begin(&p);
	row(&p, head, 4);
	row(&p, r1, 4);
	/* a row with two paragraphs, a line break, an empty and a spanning cell */
	plain_row_begin(&p);
	plain_cell_begin(&p, 1);
	para(&p, "2");
	plain_cell_end(&p);
	plain_cell_begin(&p, 1);
	para(&p, "Báo cáo");
	plain_text(&p, "kết quả", strlen("kết quả"));
	plain_break(&p);
	plain_text(&p, "quý II", strlen("quý II"));
	plain_para_end(&p);
	plain_cell_end(&p);
	plain_cell_begin(&p, 1);
	plain_cell_span(&p, 2);
	/* a table inside a cell is flattened into it */
	plain_table_begin(&p);
	plain_row_begin(&p);
	plain_cell_begin(&p, 1);
	para(&p, "Sở Nội vụ");
	plain_cell_end(&p);
	plain_cell_begin(&p, 1);
	para(&p, "Sở Y tế");
	plain_cell_end(&p);
	plain_row_end(&p);
	plain_table_end(&p);
	plain_cell_end(&p);
	plain_row_end(&p);
	plain_row_begin(&p); /* an empty row is left out */
	plain_cell_begin(&p, 1);
	plain_cell_end(&p);
	plain_row_end(&p);
	plain_table_end(&p);
	para(&p, "Sau bảng.");
	char *s = take(&p);
	assert_string_equal(s, "Trước bảng.\n\n"
			       "| STT | Nội dung | Cơ quan chủ trì | Thời hạn |\n"
			       "| 1 | Lập kế hoạch \\| dự toán | Sở Tài chính | 30/6/2026 |\n"
			       "| 2 | Báo cáo kết quả quý II | Sở Nội vụ Sở Y tế |  |\n"
			       "\n"
			       "Sau bảng.\n\n");
	free(s);
}

static void test_layout_table(void **state)
{
	(void)state;
	/* the administrative header: issuer | motto, number | place and date */
	struct plain p;
	plain_init(&p, 1 << 20);
	plain_table_begin(&p);
	plain_row_begin(&p);
	plain_cell_begin(&p, 1);
	plain_text(&p, "ỦY BAN NHÂN DÂN", strlen("ỦY BAN NHÂN DÂN"));
	plain_break(&p);
	plain_text(&p, "TỈNH LÀO CAI", strlen("TỈNH LÀO CAI"));
	plain_para_end(&p);
	para(&p, "-------");
	plain_cell_end(&p);
	plain_cell_begin(&p, 1);
	para(&p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	para(&p, "Độc lập - Tự do - Hạnh phúc");
	plain_cell_end(&p);
	plain_row_end(&p);
	static const char *const r2[] = { "Số: 123/TB-UBND", "Lào Cai, ngày 11 tháng 6 năm 2026" };
	row(&p, r2, 2);
	plain_table_end(&p);
	para(&p, "THÔNG BÁO");
	char *s = take(&p);
	assert_string_equal(s, "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\n-------\n\n"
			       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
			       "Số: 123/TB-UBND\n\nLào Cai, ngày 11 tháng 6 năm 2026\n\nTHÔNG BÁO\n\n");
	free(s);
	/* two columns with a header row are a data table */
	static const char *const h[] = { "Nội dung", "Thời hạn" }, *const d[] = { "Báo cáo", "30/6" };
	plain_init(&p, 1 << 20);
	plain_table_begin(&p);
	row(&p, h, 2);
	row(&p, d, 2);
	plain_table_end(&p);
	s = take(&p);
	assert_string_equal(s, "| Nội dung | Thời hạn |\n| Báo cáo | 30/6 |\n\n");
	free(s);
}

static void test_bound(void **state)
{
	(void)state;
	struct plain p;
	plain_init(&p, 100);
	for (int i = 0; i < 50; i++)
		para(&p, "0123456789");
	assert_true(plain_full(&p));
	char *s = take(&p);
	assert_true(strlen(s) <= 100);
	free(s);
	/* a table collected past the bound is dropped whole */
	plain_init(&p, 60);
	plain_table_begin(&p);
	for (int i = 0; i < 20; i++) {
		static const char *const r[] = { "a", "b", "c" };
		row(&p, r, 3);
	}
	plain_table_end(&p);
	assert_true(plain_full(&p));
	s = take(&p);
	assert_true(strlen(s) <= 60);
	free(s);
}

static void test_numbers(void **state)
{
	(void)state;
	static const struct {
		int n;
		enum plain_numfmt f;
		const char *want;
	} rows[] = {
		{ 1, PLAIN_DECIMAL, "1" }, { 12, PLAIN_DECIMAL, "12" }, { 3, PLAIN_DECIMAL_ZERO, "03" },
		{ 10, PLAIN_DECIMAL_ZERO, "10" }, { 4, PLAIN_UPPER_ROMAN, "IV" }, { 14, PLAIN_UPPER_ROMAN, "XIV" },
		{ 1999, PLAIN_UPPER_ROMAN, "MCMXCIX" }, { 9, PLAIN_LOWER_ROMAN, "ix" }, { 1, PLAIN_LOWER_LETTER, "a" },
		{ 26, PLAIN_LOWER_LETTER, "z" }, { 27, PLAIN_LOWER_LETTER, "aa" }, { 28, PLAIN_UPPER_LETTER, "BB" },
		{ 0, PLAIN_UPPER_ROMAN, "0" }, { 5, PLAIN_NO_NUMBER, "" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct strbuf b = STRBUF_INIT;
		plain_format_number(&b, rows[i].n, rows[i].f);
		assert_string_equal(strbuf_str(&b), rows[i].want);
		strbuf_release(&b);
	}
	assert_string_equal(plain_bullet("-", 0), "-");
	assert_string_equal(plain_bullet("\xe2\x80\xa2", 1), "\xe2\x80\xa2");
	assert_string_equal(plain_bullet("\xef\x82\xb7", 0), "-"); /* Symbol font U+F0B7 */
	assert_string_equal(plain_bullet("o", 1), "+");
	assert_string_equal(plain_bullet(NULL, 2), "+");
}

static void test_strbuf(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	assert_string_equal(strbuf_str(&b), "");
	strbuf_addf(&b, "%d/%s", 123, "TB-UBND");
	strbuf_addch(&b, '!');
	assert_string_equal(strbuf_str(&b), "123/TB-UBND!");
	strbuf_truncate(&b, 3);
	char *s = strbuf_take(&b);
	assert_string_equal(s, "123");
	assert_null(b.p);
	free(s);
	s = strbuf_take(&b);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_data_table), cmocka_unit_test(test_layout_table),
		cmocka_unit_test(test_bound),      cmocka_unit_test(test_numbers),    cmocka_unit_test(test_strbuf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
