/* wording: what a paragraph's words say before who acts in it is known. */
#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/wording.h"

static void test_headings(void **state)
{
	(void)state;
	assert_true(wording_no_task_heading("Đánh giá kết quả thực hiện năm 2025"));
	assert_true(wording_no_task_heading("KINH PHÍ THỰC HIỆN"));
	assert_false(wording_no_task_heading("Nhiệm vụ và giải pháp"));
	assert_true(wording_preamble_heading("Mục đích, yêu cầu"));
	assert_false(wording_preamble_heading("Tổ chức thực hiện"));
	assert_true(wording_preamble_heading("Yêu cầu"));
	/* a letter's reminder of the law's sanctions */
	assert_true(wording_preamble_heading("Lưu ý quy định xử lý vi phạm hành chính đối với vi phạm quy định về cho thuê lại lao động:"));
	assert_false(wording_preamble_heading("Lưu ý các doanh nghiệp báo cáo đúng hạn."));
	assert_false(wording_preamble_heading("Yêu cầu đối với các tổ chức, cá nhân khai thác khoáng sản."));
	assert_false(wording_no_task_heading("Yêu cầu đối với các tổ chức, cá nhân khai thác khoáng sản."));
	assert_true(wording_composition("Điều 1", "Thành lập Hội đồng thẩm định, gồm các thành viên sau:"));
	assert_true(wording_composition("Điều 1", "Kiện toàn Ban Chỉ đạo"));
	assert_false(wording_composition("2", "Thành lập Tổ công tác liên ngành"));
	assert_false(wording_composition("Điều 2", "Nhiệm vụ của Hội đồng"));
}

static void test_not_tasks(void **state)
{
	(void)state;
	assert_true(wording_conditional("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo UBND tỉnh."));
	assert_true(wording_conditional("Trong quá trình triển khai, nếu phát sinh vướng mắc, cơ quan, đơn vị chủ động liên hệ với Trung tâm Đấu thầu."));
	assert_true(wording_conditional("Quyết định này có hiệu lực kể từ ngày ký."));
	assert_true(wording_conditional("Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./."));
	assert_true(wording_conditional("Bộ trưởng các bộ chịu trách nhiệm thi hành Nghị quyết này./."));
	assert_false(wording_conditional("Sở Y tế rà soát, báo cáo trước ngày 30/6/2026."));
	assert_true(wording_conditional("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành."));
	/* a law's entry into force inside a task is no closing */
	assert_false(wording_conditional("Tổ chức rà soát các công trình đưa vào hoạt động đến trước ngày Luật Phòng cháy, "
					 "chữa cháy có hiệu lực thi hành."));
	assert_true(wording_names_person(": Ông Đỗ Việt Bách - Trưởng Ban"));
	assert_true(wording_names_person("- Bà Trần Hà, Phó Giám đốc Sở Tài chính"));
	assert_false(wording_names_person("Bảo đảm an toàn"));
}

static void test_imperative(void **state)
{
	(void)state;
	assert_true(wording_imperative("Ngoài ra, cần lưu ý pháp luật thuế từng thời kỳ."));
	assert_true(wording_imperative("Đề nghị khẩn trương rà soát, báo cáo trước ngày 15/7."));
	assert_true(wording_imperative("Đồng thời, chủ động phối hợp với các đơn vị liên quan."));
	assert_false(wording_imperative("Căn cứ quy định nêu trên, cơ sở kinh doanh được hoàn thuế."));
	assert_false(wording_imperative("Thời gian qua, công tác cải cách đạt nhiều kết quả."));
	assert_false(wording_imperative("Trường hợp cần thiết, báo cáo Bộ."));
}

static void test_quotes(void **state)
{
	(void)state;
	assert_true(wording_quotes_rule("Khoản 1 Điều 59 Nghị định số 193/2025/NĐ-CP quy định: Tổ chức, cá nhân có trách nhiệm"));
	assert_true(wording_quotes_rule("Tại khoản 1 Điều 10 Thông tư số 36/2025/TT-BNNMT quy định như sau:"));
	assert_true(wording_quotes_rule("“(4) Tổ chức, cá nhân khai thác khoáng sản phải lắp đặt thiết bị cân"));
	assert_false(wording_quotes_rule("Sở Tài chính rà soát theo quy định: báo cáo trước ngày 30/6."));
	assert_false(wording_quotes_rule("Thực hiện Nghị định số 49/2026/NĐ-CP, đề nghị các sở triển khai."));
}

static void test_closing(void **state)
{
	(void)state;
	assert_true(wording_closing_asks("nghiên cứu, hướng dẫn chủ đập thủy điện thực hiện đúng quy định./."));
	assert_true(wording_closing_asks("căn cứ các quy trên, chủ động nghiên cứu các quy định hiện hành về quản lý hóa chất./."));
	assert_false(wording_closing_asks("nghiêm túc triển khai thực hiện./."));
	assert_false(wording_closing_asks("triển khai, báo cáo Lãnh đạo Bộ kết quả thực hiện./."));
	assert_false(wording_closing_asks("nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn vướng mắc, phản ánh về Sở."));
	assert_false(wording_closing_asks("quan tâm thực hiện./."));
}

static void test_praise(void **state)
{
	(void)state;
	assert_true(wording_praise("Ghi nhận, đánh giá cao sự nỗ lực của Bộ Y tế và các nhà thầu."));
	assert_true(wording_praise("Biểu dương tinh thần trách nhiệm của Sở Xây dựng."));
	assert_false(wording_praise("Bộ Y tế ghi nhận ý kiến, hoàn thiện hồ sơ trước ngày 30/11."));
	assert_false(wording_praise("Đánh giá kết quả thực hiện, báo cáo UBND tỉnh."));
}

static void test_asks_work(void **state)
{
	(void)state;
	assert_true(wording_asks_work("Để vận hành hiệu quả, Thành phố cần tập trung thực hiện các nhiệm vụ sau:"));
	assert_true(wording_asks_work("Thủ tướng Chính phủ yêu cầu:"));
	assert_false(wording_asks_work("Bên cạnh đó, còn một số tồn tại, hạn chế như sau:"));
	assert_false(wording_asks_work("Kết quả đạt được như sau:"));
}

static void test_formula(void **state)
{
	(void)state;
	/* what is asked only points back at the document: the formula */
	assert_true(wording_formula("chịu trách nhiệm tổ chức triển khai thực hiện nghiêm túc các nội dung nêu trên; "
				    "trong quá trình thực hiện nếu phát sinh khó khăn, kịp thời báo cáo Sở Xây dựng./."));
	assert_true(wording_formula("tổ chức thực hiện Kế hoạch này./."));
	assert_true(wording_formula("trên địa bàn Thành phố nghiêm túc thực hiện những nội dung trên./."));
	assert_true(wording_formula("có trách nhiệm triển khai thực hiện có hiệu quả Công văn này, nếu có vướng mắc báo cáo"));
	/* work of its own, or no pointing back */
	assert_false(wording_formula("rà soát dự toán năm 2027, báo cáo trước ngày 30/6."));
	assert_false(wording_formula("triển khai thực hiện Đề án phát triển du lịch nêu trên."));
	assert_false(wording_formula("tổ chức thực hiện."));
	assert_false(wording_formula("nghiêm túc thực hiện Chỉ thị này; định kỳ báo cáo kết quả 6 tháng đầu năm về UBND tỉnh."));
	assert_false(wording_formula("báo cáo kết quả thực hiện Kế hoạch này trước ngày 15/12."));
	assert_false(wording_formula(""));
}

static void test_summary(void **state)
{
	(void)state;
	char *s = wording_summary("Sở Y tế rà soát các cơ sở. Báo cáo kết quả trước ngày 30/6./.", strlen("Sở Y tế "));
	assert_string_equal(s, "Rà soát các cơ sở");
	free(s);
	s = wording_summary("Bố trí kinh phí./.", 100); /* past the end: from the start */
	assert_string_equal(s, "Bố trí kinh phí");
	free(s);
	char long_text[512] = ""; /* 40 × "rà soát " is 400 bytes */
	for (int i = 0; i < 40; i++)
		strcat(long_text, "rà soát ");
	s = wording_summary(long_text, 0);
	assert_non_null(strstr(s, "…"));
	assert_true(strlen(s) < 200);
	free(s);
}

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(wording_count_words("Sở Y tế, Sở Tài chính: (rà soát)."), 8);
	assert_int_equal(wording_count_words(""), 0);
	/* a lead-in's filler is no substance */
	assert_int_equal(wording_content_words("thực hiện các nội dung sau:"), 0);
	assert_int_equal(wording_content_words("rà soát dự toán, thực hiện các nội dung sau:"), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_not_tasks),
		cmocka_unit_test(test_imperative),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_closing),
		cmocka_unit_test(test_praise), cmocka_unit_test(test_asks_work), cmocka_unit_test(test_formula), cmocka_unit_test(test_summary),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
