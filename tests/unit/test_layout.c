/* layout: lines placed on pages joined back into paragraphs: margins
 * dropped, breaks found from spacing, indents, alignment and where a line
 * stops, hyphenation undone. Lines are given as core/pdf and core/ocr give
 * them (boxes in page units, y downwards). */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/layout.h"
#include "core/plain.h"

/* A4 in points; body from x 85 to 540; 12-point lines every 15 points. */
#define L 85.0
#define R 540.0

static double y;

static void line(struct layout *l, int page, double x0, double x1, const char *text)
{
	layout_line(l, page, x0, y, x1, y + 12, text, strlen(text));
	y += 15;
}

static char *write(struct layout *l)
{
	struct plain p;
	plain_init(&p, 1 << 20);
	layout_write(l, &p);
	size_t len;
	char *s = plain_take(&p, &len);
	plain_release(&p);
	layout_release(l);
	return s;
}

static void test_paragraphs(void **state)
{
	(void)state;
	struct layout l;
	layout_init(&l);
	int p0 = layout_page(&l, 595, 842);
	y = 90;
	/* centred heading, then a justified paragraph with a first-line indent */
	line(&l, p0, 260, 365, "THÔNG BÁO");
	y += 6;
	line(&l, p0, 113, R, "Ngày 24/4/2024, Ủy ban nhân dân tỉnh tổ chức phiên họp thường kỳ tháng 4/2024.");
	line(&l, p0, L, R, "Dự phiên họp có các đồng chí Thành viên UBND tỉnh; đại diện lãnh đạo các sở, ban,");
	line(&l, p0, L, 300, "ngành tỉnh.");
	/* the next paragraph: indented, no extra space */
	line(&l, p0, 113, R, "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp các sở, ngành tập trung hoàn chỉnh dự thả-");
	line(&l, p0, L, 200, "o kế hoạch.");
	/* a list without indent or spacing: each item stops short although its
	 * next word would have fitted */
	line(&l, p0, L, 250, "- Sở Công Thương theo dõi;");
	line(&l, p0, L, 260, "- Sở Tài chính kiểm tra;");
	/* a word that would not have fitted: the line goes on */
	line(&l, p0, L, 520, "- Sở Giáo dục và Đào tạo tập trung triển khai tốt công tác chuẩn bị tổ chức kỳ thi");
	line(&l, p0, L, 300, "Trungfoobarbazquxquuxcorgegraultgarplywaldo học phổ thông.");
	/* an item that ends at the margin with a full stop, then the next item:
	 * only the label tells */
	line(&l, p0, L, R, "a) Sở Tài chính chủ trì, phối hợp các sở, ngành rà soát dự toán năm 2026.");
	line(&l, p0, L, R, "b) Sở Y tế kiểm tra an toàn thực phẩm trong dịp Tết Nguyên đán Bính Ngọ;");
	line(&l, p0, L, R, "2.1. Sở Nội vụ tham mưu kiện toàn tổ chức bộ máy các cơ quan chuyên môn và");
	line(&l, p0, L, 300, "2. Đơn vị sự nghiệp: giữ nguyên như năm 2025.");
	/* a paragraph that ends at the margin, then extra space: only the space tells */
	line(&l, p0, L, R, "Sở Nội vụ tham mưu tổ chức hội nghị đối thoại với doanh nghiệp năm 2024 theo kế hoạch.");
	y += 9;
	line(&l, p0, L, 200, "Sở Y tế.");
	/* the place and date in the right column, then a centred heading */
	line(&l, p0, 330, 530, "Lào Cai, ngày 11 tháng 6 năm 2026");
	line(&l, p0, 260, 365, "THÔNG BÁO");
	char *s = write(&l);
	assert_string_equal(s, "THÔNG BÁO\n\n"
			       "Ngày 24/4/2024, Ủy ban nhân dân tỉnh tổ chức phiên họp thường kỳ tháng 4/2024. Dự phiên "
			       "họp có các đồng chí Thành viên UBND tỉnh; đại diện lãnh đạo các sở, ban, ngành tỉnh.\n\n"
			       "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp các sở, ngành tập trung hoàn chỉnh dự thảo kế "
			       "hoạch.\n\n- Sở Công Thương theo dõi;\n\n- Sở Tài chính kiểm tra;\n\n"
			       "- Sở Giáo dục và Đào tạo tập trung triển khai tốt công tác chuẩn bị tổ chức kỳ thi "
			       "Trungfoobarbazquxquuxcorgegraultgarplywaldo học phổ thông.\n\n"
			       "a) Sở Tài chính chủ trì, phối hợp các sở, ngành rà soát dự toán năm 2026.\n\n"
			       "b) Sở Y tế kiểm tra an toàn thực phẩm trong dịp Tết Nguyên đán Bính Ngọ;\n\n"
			       "2.1. Sở Nội vụ tham mưu kiện toàn tổ chức bộ máy các cơ quan chuyên môn và "
			       "2. Đơn vị sự nghiệp: giữ nguyên như năm 2025.\n\n"
			       "Sở Nội vụ tham mưu tổ chức hội nghị đối thoại với doanh nghiệp năm 2024 theo kế hoạch.\n\n"
			       "Sở Y tế.\n\nLào Cai, ngày 11 tháng 6 năm 2026\n\nTHÔNG BÁO\n\n");
	free(s);
}

static void test_margins_and_pages(void **state)
{
	(void)state;
	struct layout l;
	layout_init(&l);
	for (int pg = 0; pg < 3; pg++) {
		int p = layout_page(&l, 595, 842);
		y = 30;
		if (pg > 0)
			line(&l, p, 290, 300, pg == 1 ? "2" : "- 3 -"); /* page numbers at the top */
		y = 90;
		if (pg == 0)
			line(&l, p, L, R, "Sở Xây dựng chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội triển khai");
		if (pg == 0)
			line(&l, p, L, R, "các chính sách và huy động các nguồn lực để thực hiện quyết liệt việc hỗ trợ nhà");
		if (pg == 1)
			line(&l, p, L, 300, "ở cho các hộ nghèo.");
		if (pg == 2)
			line(&l, p, L, 300, "Nơi nhận:");
		y = 800; /* a running footer with the page's number in it */
		char foot[64];
		snprintf(foot, sizeof foot, "Thông báo 123/TB-UBND, trang %d", pg + 1);
		line(&l, p, 200, 400, foot);
	}
	/* pages may be filled out of order (OCR comes after the text pages) */
	int extra = layout_page(&l, 595, 842);
	y = 90;
	line(&l, extra, L, 300, "Trang quét.");
	char *s = write(&l);
	assert_string_equal(s, "Sở Xây dựng chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội triển khai các "
			       "chính sách và huy động các nguồn lực để thực hiện quyết liệt việc hỗ trợ nhà ở cho các hộ "
			       "nghèo.\n\nNơi nhận:\n\nTrang quét.\n\n");
	free(s);
}

static void test_columns_and_hyphens(void **state)
{
	(void)state;
	struct layout l;
	layout_init(&l);
	int p = layout_page(&l, 595, 842);
	/* the two-column header: pieces side by side, then the left column's
	 * next line under the right column's first */
	y = 60;
	layout_line(&l, p, 100, y, 230, y + 12, "ỦY BAN NHÂN DÂN", strlen("ỦY BAN NHÂN DÂN"));
	layout_line(&l, p, 300, y, 520, y + 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		    strlen("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	y += 20;
	layout_line(&l, p, 110, y, 220, y + 12, "Số: 123/TB-UBND", strlen("Số: 123/TB-UBND"));
	layout_line(&l, p, 320, y, 500, y + 12, "Lào Cai, ngày 11 tháng 6 năm 2026",
		    strlen("Lào Cai, ngày 11 tháng 6 năm 2026"));
	y += 40;
	/* the right-hand piece read first, then the left one on the same line */
	layout_line(&l, p, 320, y, R, y + 12, "Độc lập - Tự do - Hạnh phúc", strlen("Độc lập - Tự do - Hạnh phúc"));
	layout_line(&l, p, L, y, 200, y + 12, "TỈNH LÀO CAI", strlen("TỈNH LÀO CAI"));
	y += 40;
	/* a hanging indent: the item's next lines indented under its text */
	line(&l, p, L, R, "a) Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành liên quan rà soát");
	line(&l, p, L + 20, 300, "dự toán năm 2026.");
	y += 10;
	/* hyphenation, a soft hyphen, and a dash that is not one */
	line(&l, p, L, R, "Giao Sở Tài nguyên và Môi trường kiểm tra việc thực hiện các quy hoạch sử dụng đất hằng năm và chuyển mục đích sử dụng đất rừng, báo cáo trước ngày 30/6/2026, thông tin cho Ban quản lý dự án các công trình dân dụng và công nghiệp ngành xây-");
	line(&l, p, L, R, "dựng; phối hợp với Sở Văn hóa – Thể thao và Du lịch về phát triển kinh tế -");
	line(&l, p, L, R, "xã hội, du lịch cộng đồng và bảo tồn các giá trị văn hóa truyền thống của đồng bào dân tộc thiểu số, hoàn thiện thủ tục đất đai theo quy định, rà soát các hạng mục còn vướng mắc, tổng hợp báo cáo đề xuất phương án xử lý trình Ủy ban nhân dân tỉnh xem xét quyết định theo thẩm quyền theo đúng quy định pháp luật hiện hành và các văn bản hướng dẫn có liên quan đến công tác quản lý đất đai trên địa bàn toàn tỉnh Lai Châu trong năm 2026 và các năm tiếp theo, kịp thời báo cáo các khó khăn vướng mắc phát sinh trong quá trình tổ chức thực hiện nhiệm vụ được giao bảo đảm tiến độ chất lượng hiệu quả đúng quy định hiện hành của nhà nước và của tỉnh, đồng thời xây dựng kế hoạch chi tiết, phân công cụ thể từng nhiệm vụ cho các phòng chuyên môn và đơn vị trực thuộc, định kỳ tổng hợp kết quả thực hiện gửi Văn phòng Ủy ban nhân dân tỉnh để theo dõi đôn đốc chung, phát huy vai trò của các đoàn thể chính trị xã hội và Nhân dân trong việc thực hiện thành công các mục tiêu, nhiệm vụ đã đề ra của năm 2026 và cả giai đoạn 2026 - 2030 theo tinh thần các nghị quyết của Trung ương, Tỉnh ủy, Hội đồng nhân dân tỉnh, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh tế xã hội của tỉnh đề ra trong thời gian tới và những năm tiếp theo đạt kết quả cao nhất.  chủ\xc2\xad");
	line(&l, p, L, 400, "trì kiểm tra.");
	char *s = write(&l);
	assert_string_equal(s, "ỦY BAN NHÂN DÂN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 123/TB-UBND\n\n"
			       "Lào Cai, ngày 11 tháng 6 năm 2026\n\n"
			       "Độc lập - Tự do - Hạnh phúc\n\nTỈNH LÀO CAI\n\n"
			       "a) Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành liên quan rà soát dự toán năm 2026.\n\n"
			       "Giao Sở Tài nguyên và Môi trường kiểm tra việc thực hiện các quy hoạch sử dụng đất hằng năm và chuyển mục đích sử dụng đất rừng, báo cáo trước ngày 30/6/2026, thông tin cho Ban quản lý dự án các công trình dân dụng và công nghiệp ngành xây"
			       "dựng; phối hợp với Sở Văn hóa – Thể thao và Du lịch về phát triển kinh tế - "
			       "xã hội, du lịch cộng đồng và bảo tồn các giá trị văn hóa truyền thống của đồng bào dân tộc thiểu số, hoàn thiện thủ tục đất đai theo quy định, rà soát các hạng mục còn vướng mắc, tổng hợp báo cáo đề xuất phương án xử lý trình Ủy ban nhân dân tỉnh xem xét quyết định theo thẩm quyền theo đúng quy định pháp luật hiện hành và các văn bản hướng dẫn có liên quan đến công tác quản lý đất đai trên địa bàn toàn tỉnh Lai Châu trong năm 2026 và các năm tiếp theo, kịp thời báo cáo các khó khăn vướng mắc phát sinh trong quá trình tổ chức thực hiện nhiệm vụ được giao bảo đảm tiến độ chất lượng hiệu quả đúng quy định hiện hành của nhà nước và của tỉnh, đồng thời xây dựng kế hoạch chi tiết, phân công cụ thể từng nhiệm vụ cho các phòng chuyên môn và đơn vị trực thuộc, định kỳ tổng hợp kết quả thực hiện gửi Văn phòng Ủy ban nhân dân tỉnh để theo dõi đôn đốc chung, phát huy vai trò của các đoàn thể chính trị xã hội và Nhân dân trong việc thực hiện thành công các mục tiêu, nhiệm vụ đã đề ra của năm 2026 và cả giai đoạn 2026 - 2030 theo tinh thần các nghị quyết của Trung ương, Tỉnh ủy, Hội đồng nhân dân tỉnh, góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh tế xã hội của tỉnh đề ra trong thời gian tới và những năm tiếp theo đạt kết quả cao nhất.  chủtrì kiểm tra.\n\n");
	free(s);
}

/* Mostly one-line paragraphs, spaced wider than the lines of the few
 * longer ones: that wider space still parts them. */
static void test_spacing_of_short_paragraphs(void **state)
{
	(void)state;
	struct layout l;
	layout_init(&l);
	int p = layout_page(&l, 595, 842);
	double at = 100;
	static const char *const paras[] = { "- Lãnh đạo UBND tỉnh;", "- Các sở, ngành khối kinh tế;", "- Lưu: VT.",
					     "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
					     "Nơi nhận:", "Sở Tài chính.", "Sở Y tế.", "Sở Nội vụ." };
	for (size_t i = 0; i < sizeof paras / sizeof paras[0]; i++) {
		/* each as wide as the text block: only the spacing tells */
		layout_line(&l, p, L, at, R, at + 11, paras[i], strlen(paras[i]));
		at += 19;
	}
	for (int k = 0; k < 2; k++, at += 33) { /* two paragraphs of two lines */
		layout_line(&l, p, L, at, R, at + 11, "Hai dòng", 9);
		layout_line(&l, p, L, at + 14, R, at + 25, "một đoạn.", strlen("một đoạn."));
	}
	char *s = write(&l);
	assert_string_equal(s, "- Lãnh đạo UBND tỉnh;\n\n- Các sở, ngành khối kinh tế;\n\n- Lưu: VT.\n\n"
			       "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\nNơi nhận:\n\n"
			       "Sở Tài chính.\n\nSở Y tế.\n\nSở Nội vụ.\n\nHai dòng một đoạn.\n\nHai dòng một đoạn.\n\n");
	free(s);
}

/* A table as poppler gives it (from a rendered assignment table): cell by
 * cell, each cell's lines centred, 9-point lines every 11 points, rows
 * 17 points apart. */
static void test_table(void **state)
{
	(void)state;
	static const struct {
		double x0, y0, x1;
		const char *text;
	} cells[] = {
		{ 126.8, 192.9, 143.5, "STT" }, { 187.7, 192.9, 259.3, "Nội dung nhiệm" }, { 218.0, 203.9, 229.0, "vụ" },
		{ 277.3, 192.9, 346.4, "Cơ quan chủ trì" }, { 456.3, 192.9, 520.6, "Thời hạn hoàn" },
		{ 475.4, 203.9, 501.5, "thành" },
		{ 132.3, 220.9, 138.1, "1" }, { 195.3, 220.9, 251.7, "Xây dựng kế" }, { 187.3, 231.9, 259.7, "hoạch | quy" },
		{ 212.1, 242.9, 235.0, "2030" }, { 284.3, 220.9, 339.3, "Sở Tài chính" }, { 465.4, 220.9, 511.5, "30/7/2026" },
		{ 132.3, 259.9, 138.1, "2" }, { 185.9, 259.9, 261.1, "Rà soát, báo cáo" },
		{ 283.3, 259.9, 340.3, "Kho bạc Nhà" }, { 281.7, 270.9, 341.9, "nước khu vực" },
		/* the next row starts where the first column has text, with no more space */
		{ 132.3, 281.9, 138.1, "3" }, { 191.9, 281.9, 255.1, "Tổ chức kỳ thi" }, { 457.1, 281.9, 519.8, "Tháng 6/2026" },
	};
	struct layout l;
	layout_init(&l);
	int p = layout_page(&l, 595, 842);
	y = 120;
	line(&l, p, 113, R, "Để triển khai kịp thời các nhiệm vụ được giao, UBND tỉnh phân công các cơ");
	line(&l, p, L, 265, "quan, đơn vị thực hiện như sau:");
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		layout_line(&l, p, cells[i].x0, cells[i].y0, cells[i].x1, cells[i].y0 + 9, cells[i].text,
			    strlen(cells[i].text));
	y = 300;
	line(&l, p, 113, R, "Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả về Văn phòng");
	line(&l, p, L, 228, "UBND tỉnh để tổng hợp./.");
	char *s = write(&l);
	assert_string_equal(s, "Để triển khai kịp thời các nhiệm vụ được giao, UBND tỉnh phân công các cơ quan, đơn vị "
			       "thực hiện như sau:\n\n"
			       "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn hoàn thành |\n"
			       "| 1 | Xây dựng kế hoạch \\| quy 2030 | Sở Tài chính | 30/7/2026 |\n"
			       "| 2 | Rà soát, báo cáo | Kho bạc Nhà nước khu vực |  |\n"
			       "| 3 | Tổ chức kỳ thi |  | Tháng 6/2026 |\n\n"
			       "Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả về Văn phòng UBND tỉnh để tổng "
			       "hợp./.\n\n");
	free(s);
	/* two pieces side by side (the administrative header) are no table */
	layout_init(&l);
	p = layout_page(&l, 595, 842);
	for (int k = 0; k < 3; k++) {
		layout_line(&l, p, 100, 60 + 14 * k, 200, 71 + 14 * k, "trái", 6);
		layout_line(&l, p, 300, 60 + 14 * k, 400, 71 + 14 * k, "phải", 6);
	}
	s = write(&l);
	assert_null(strchr(s, '|'));
	free(s);
	/* one line of three pieces (a signature row) is no table either */
	layout_init(&l);
	p = layout_page(&l, 595, 842);
	layout_line(&l, p, 90, 60, 150, 71, "Nơi nhận:", strlen("Nơi nhận:"));
	layout_line(&l, p, 250, 60, 330, 71, "(đã ký)", strlen("(đã ký)"));
	layout_line(&l, p, 400, 60, 500, 71, "KT. CHỦ TỊCH", strlen("KT. CHỦ TỊCH"));
	layout_line(&l, p, 90, 74, 200, 85, "- Như trên;", strlen("- Như trên;"));
	layout_line(&l, p, 400, 74, 500, 85, "PHÓ CHỦ TỊCH", strlen("PHÓ CHỦ TỊCH"));
	s = write(&l);
	assert_null(strchr(s, '|'));
	free(s);
}

static void test_empty(void **state)
{
	(void)state;
	struct layout l;
	layout_init(&l);
	layout_line(&l, 0, 0, 0, 1, 1, "no page yet", 11); /* ignored */
	int p = layout_page(&l, 0, 0);
	layout_line(&l, p, 1, 1, 2, 2, "   ", 3);
	char *s = write(&l);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_margins_and_pages),
		cmocka_unit_test(test_columns_and_hyphens),
		cmocka_unit_test(test_spacing_of_short_paragraphs),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
