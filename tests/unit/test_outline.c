#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/outline.h"
#include "core/xalloc.h"

/* The paragraphs of text, one per line as "section|text" (role-less). */
static char *sections(const char *text)
{
	struct outline o;
	outline_init(&o);
	outline_split(text, &o);
	outline_build(&o, 0, o.n, NULL, NULL);
	char *out = xstrdup("");
	for (size_t i = 0; i < o.n; i++) {
		char *flat = outline_flat(o.v[i].text);
		char *j = xasprintf("%s%s|%s\n", out, o.v[i].section, flat);
		free(flat);
		free(out);
		out = j;
	}
	outline_release(&o);
	return out;
}

static const struct {
	const char *text;
	const char *want;
} cases[] = {
	/* markers and paths as printed; a deeper number replaces its parent's */
	{ "I. PHẦN MỘT\n1. Mục\n1.1. Tiểu mục\na) Điểm\n(3) Nhãn\n",
	  "I|PHẦN MỘT\nI.1|Mục\nI.1.1|Tiểu mục\nI.1.1.a|Điểm\nI.1.1.a (3)|Nhãn\n" },
	{ "II.\n3.1. Không có mục 3\nđ) Chữ đ\n", "II|\nII.3.1|Không có mục 3\nII.3.1.đ|Chữ đ\n" },
	/* bullets among bullets, paragraphs among paragraphs; a list's introduction takes no number of bullets */
	{ "1. Mục\nĐoạn một.\nĐoạn hai như sau:\n- Gạch một\n- Gạch hai\n+ Cộng\nĐoạn ba.\n",
	  "1|Mục\n1 (1)|Đoạn một.\n1|Đoạn hai như sau:\n1 (1)|Gạch một\n1 (2)|Gạch hai\n1 (2) (1)|Cộng\n1 (3)|Đoạn ba.\n" },
	/* an item with one paragraph under it shares its path */
	{ "2. Sở Tài chính\nCăn cứ chức năng, nhiệm vụ, phối hợp triển khai.\n3. Sở Y tế\n",
	  "2|Sở Tài chính\n2|Căn cứ chức năng, nhiệm vụ, phối hợp triển khai.\n3|Sở Y tế\n" },
	/* fields of an item take no number; what is listed under a field does */
	{ "c) Hoạt động 3\n- Nội dung: Tuyên truyền.\n- Cơ quan thực hiện:\n+ Sở A chủ trì.\n+ Sở B đăng tải.\n",
	  "c|Hoạt động 3\nc|Nội dung: Tuyên truyền.\nc|Cơ quan thực hiện:\nc (1)|Sở A chủ trì.\nc (2)|Sở B đăng tải.\n" },
	/* a topic bullet keeps the paragraphs under it */
	{ "2. Bộ Tài chính:\n- Về sàn giao dịch:\nĐoạn một.\n- Về phân công:\nĐoạn hai.\nĐoạn ba.\n",
	  "2|Bộ Tài chính:\n2 (1)|Về sàn giao dịch:\n2 (1)|Đoạn một.\n2 (2)|Về phân công:\n2 (2) (1)|Đoạn hai.\n"
	  "2 (2) (2)|Đoạn ba.\n" },
	/* numbers of any size */
	{ "999. Chín trăm\n1000. Một nghìn\n1001. Một nghìn lẻ một\n",
	  "999|Chín trăm\n1000|Một nghìn\n1001|Một nghìn lẻ một\n" },
	/* a line that goes on in lowercase, a page number and a form feed inside a sentence */
	{ "1. Sở Nội vụ chủ trì, phối hợp với\ncác sở hướng dẫn\n\n2\n\f\nvà kiểm tra.\n2. Hết.\n",
	  "1|Sở Nội vụ chủ trì, phối hợp với các sở hướng dẫn và kiểm tra.\n2|Hết.\n" },
	/* a wrapped line that begins with a number with thousands separators, or
	 * goes on after a ';' in lowercase, is no new item */
	{ "1. Cắt giảm, đơn giản hóa 2.163 TTHC, cắt giảm\n2.049 ĐKKD; sửa đổi quy định như: hồ sơ gốc;\nyêu cầu có mặt.\n",
	  "1|Cắt giảm, đơn giản hóa 2.163 TTHC, cắt giảm 2.049 ĐKKD; sửa đổi quy định như: hồ sơ gốc; yêu cầu có mặt.\n" },
	/* a heading on its own line before "Chủ trì …" is not one name */
	{ "1. Sở Nội vụ\nChủ trì, phối hợp các sở.\n", "1|Sở Nội vụ\n1|Chủ trì, phối hợp các sở.\n" },
	/* a heading broken in two before its list */
	{ "3. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, Hội Liên hiệp\nPhụ nữ tỉnh và các tổ chức thành viên\n- Vận động.\n",
	  "3|Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, Hội Liên hiệp Phụ nữ tỉnh và các tổ chức thành viên\n3 (1)|Vận động.\n" },
	/* Markdown: lines of a block are one paragraph; a lowercase block after a page break goes on */
	{ "1. Sở Y tế chủ trì\nkiểm tra an toàn.\n\n2. Sở Xây dựng hỗ trợ nhà ở cho\n\nhộ nghèo.\n\nĐoạn.\n\nĐoạn khác.\n",
	  "1|Sở Y tế chủ trì kiểm tra an toàn.\n2|Sở Xây dựng hỗ trợ nhà ở cho hộ nghèo.\n2 (1)|Đoạn.\n2 (2)|Đoạn khác.\n" },
	/* a quotation over several lines is the quoting paragraph's: its
	 * numbered lines are the quoted rule's, not this text's items */
	{ "Đoạn mở.\nKhoản 1 Điều 4 Luật quy định:\n\"1. Nhà nước quản lý ngoại thương.\nĐiều 56. Áp dụng\n"
	  "2. Không áp dụng.\"\nĐề nghị Sở thực hiện.\n",
	  "(1)|Đoạn mở.\n(2)|Khoản 1 Điều 4 Luật quy định: \"1. Nhà nước quản lý ngoại thương. Điều 56. Áp dụng 2. Không "
	  "áp dụng.\"\n(3)|Đề nghị Sở thực hiện.\n" },
	{ "Điều 58 quy định: “3. Trường hợp một.\n4. Trường hợp hai.”.\n1. Mục của văn bản.\n",
	  "(1)|Điều 58 quy định: “3. Trường hợp một. 4. Trường hợp hai.”.\n1|Mục của văn bản.\n" },
	/* a quotation mark never closed takes nothing with it */
	{ "Trích “một câu\n1. Mục một.\n2. Mục hai.\n", "(1)|Trích “một câu\n1|Mục một.\n2|Mục hai.\n" },
	/* a note in parentheses goes with the paragraph above and takes no number */
	{ "Điều 1. Phạm vi\nỦy quyền cho Giám đốc Sở Công Thương thực hiện.\n(Chi tiết tại Phụ lục kèm theo)\n",
	  "Điều 1|Phạm vi\nĐiều 1|Ủy quyền cho Giám đốc Sở Công Thương thực hiện.\nĐiều 1|(Chi tiết tại Phụ lục kèm theo)\n" },
	/* parts lettered in capitals over roman ones: "B.I", "C.1", "D.2 (1)" */
	{ "A. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nB. NỘI DUNG, NHIỆM VỤ\nI. CÔNG TÁC QUÁN TRIỆT\n1. Tuyên truyền\n"
	  "II. BAN HÀNH VĂN BẢN\nC. GIẢI PHÁP TRỌNG TÂM\n1. Tập trung nghiên cứu.\nD. TỔ CHỨC THỰC HIỆN\n2. Bộ Quốc phòng\n"
	  "- Chủ trì việc quy tập.\n",
	  "A|MỤC ĐÍCH, YÊU CẦU\nA.1|Mục đích\nB|NỘI DUNG, NHIỆM VỤ\nB.I|CÔNG TÁC QUÁN TRIỆT\nB.I.1|Tuyên truyền\n"
	  "B.II|BAN HÀNH VĂN BẢN\nC|GIẢI PHÁP TRỌNG TÂM\nC.1|Tập trung nghiên cứu.\nD|TỔ CHỨC THỰC HIỆN\nD.2|Bộ Quốc phòng\n"
	  "D.2 (1)|Chủ trì việc quy tập.\n" },
	/* a letter printed after its item's number ("2.1.a.") is that item's letter */
	{ "2. Trình tự\n2.1. Bước 1:\n2.1.a. Thành lập Ban Chỉ đạo.\n2.1.b. Hướng dẫn hồ sơ.\n2.2. Bước 2.\n",
	  "2|Trình tự\n2.1|Bước 1:\n2.1.a|Thành lập Ban Chỉ đạo.\n2.1.b|Hướng dẫn hồ sơ.\n2.2|Bước 2.\n" },
	/* a capital and a period before words in small letters is no part */
	{ "A. Nguyễn Văn Bình phụ trách.\n1. Mục một.\n", "(1)|A. Nguyễn Văn Bình phụ trách.\n1|Mục một.\n" },
	/* a paragraph between two entries of a list goes on the entry above it;
	 * after the list's last entry it is the item's again */
	{ "3. Các cơ sở y tế\n- Cung ứng đầy đủ thuốc.\nThường xuyên rà soát kết quả đấu thầu.\n- Thực hiện kê đơn.\n"
	  "Đoạn sau danh sách.\n",
	  "3|Các cơ sở y tế\n3 (1)|Cung ứng đầy đủ thuốc.\n3 (1)|Thường xuyên rà soát kết quả đấu thầu.\n"
	  "3 (2)|Thực hiện kê đơn.\n3|Đoạn sau danh sách.\n" },
	/* an enumeration written inside the paragraph, after its colon: each
	 * "(n)" is an item of its own */
	{ "5. Các bộ:\na) Bộ Khoa học và Công nghệ: (1) trình Đề án A, hoàn thành trong tháng 11 năm 2025; (2) chủ trì "
	  "hoàn thành Bộ công cụ; (3) đôn đốc phủ sóng 5G.\nb) Bộ Công an: (1) Tiếp tục đầu tư Trung tâm Dữ liệu.\n",
	  "5|Các bộ:\n5.a|Bộ Khoa học và Công nghệ:\n5.a (1)|trình Đề án A, hoàn thành trong tháng 11 năm 2025\n"
	  "5.a (2)|chủ trì hoàn thành Bộ công cụ\n5.a (3)|đôn đốc phủ sóng 5G.\n"
	  "5.b|Bộ Công an: (1) Tiếp tục đầu tư Trung tâm Dữ liệu.\n" },
	/* numbers in parentheses that do not count from (1) after a colon are text */
	{ "1. Sở Y tế báo cáo theo Mẫu (2); (3) bản sao.\n2. Sở Tài chính: tổng hợp (1) nguồn vốn.\n",
	  "1|Sở Y tế báo cáo theo Mẫu (2); (3) bản sao.\n2|Sở Tài chính: tổng hợp (1) nguồn vốn.\n" },
	/* emphasis, heading marks and escapes */
	{ "## **II. Về nội dung khác**\n\n**3\\. Đối với các nội dung:**\n", "II|Về nội dung khác\nII.3|Đối với các nội dung:\n" },
};

static void test_sections(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = sections(cases[i].text);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu:\n%s\nexpected:\n%s", i, got, cases[i].want);
		free(got);
	}
}

/* A hard-wrapped text (a PDF's lines) reads as its paragraphs. */
static void test_wrapped(void **state)
{
	(void)state;
	const char *text =
		"1. Sở Tài nguyên và Môi trường chủ trì, phối hợp với các sở, ngành liên quan rà\n"
		"soát toàn bộ hồ sơ thu hồi đất của các dự án trọng điểm trên địa bàn tỉnh, báo\n"
		"cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 6 năm 2026 để xem xét, quyết định\n"
		"Ủy ban nhân dân các xã, phường phối hợp thực hiện theo đúng quy định hiện hành.\n"
		"2. Sở Tài chính bố trí kinh phí thực hiện các nhiệm vụ được giao tại Thông báo\n"
		"Trung tâm Phát triển quỹ đất tỉnh tổ chức thực hiện việc bồi thường, hỗ trợ và\n"
		"tái định cư cho các hộ dân bị ảnh hưởng bởi dự án theo đúng kế hoạch đã đề ra.\n"
		"3. Công an tỉnh bảo đảm an ninh, trật tự trong quá trình thực hiện bồi thường.\n"
		"4. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ được giao triển khai thực hiện.\n";
	struct outline o;
	outline_init(&o);
	outline_split(text, &o);
	assert_int_equal(o.n, 4);
	assert_non_null(strstr(o.v[0].text, "trước ngày 30 tháng 6 năm 2026"));
	assert_non_null(strstr(o.v[1].text, "Trung tâm Phát triển quỹ đất tỉnh"));
	outline_release(&o);
}

/* After the last item, a paragraph that stands on its own is the list's. */
static bool alone(void *ctx, const char *item, const char *para)
{
	(void)item;
	(*(int *)ctx)++;
	return strstr(para, "Văn phòng") != NULL;
}

static void test_trailing(void **state)
{
	(void)state;
	const char *text = "Yêu cầu:\n1. Sở A làm việc một.\n2. Sở B làm việc hai.\nVăn phòng theo dõi, đôn đốc.\n";
	struct outline o;
	int calls = 0;
	outline_init(&o);
	outline_split(text, &o);
	outline_build(&o, 0, o.n, alone, &calls);
	assert_int_equal(calls, 1);
	assert_int_equal(o.v[3].parent, OUTLINE_ROOT);
	assert_string_equal(o.v[3].section, "(2)");
	outline_release(&o);
	/* without the callback it stays with the last item */
	outline_init(&o);
	outline_split(text, &o);
	outline_build(&o, 0, o.n, NULL, NULL);
	assert_int_equal(o.v[3].parent, 2);
	outline_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_wrapped),
		cmocka_unit_test(test_trailing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
