#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/actors.h"
#include "core/xalloc.h"

static char *joined(char **names, size_t n)
{
	char *out = xstrdup("");
	for (size_t i = 0; i < n; i++) {
		char *j = xasprintf("%s%s%s", out, i ? "; " : "", names[i]);
		free(out);
		out = j;
	}
	return out;
}

/* One paragraph each: who must act, who cooperates, how they were named. */
static const struct {
	const char *text;
	const char *leads, *coop;
	enum actors_how how;
} cases[] = {
	/* agencies by their form, beyond any list */
	{ "Bộ Tài chính chủ trì, phối hợp với Ngân hàng Nhà nước Việt Nam hoàn thiện dự thảo.", "Bộ Tài chính",
	  "Ngân hàng Nhà nước Việt Nam", ACTORS_SUBJECT },
	{ "Thuế tỉnh rà soát các khoản nợ đọng.", "Thuế tỉnh", "", ACTORS_SUBJECT },
	{ "Phòng Tài chính - Kế hoạch huyện Bảo Yên tổng hợp nhu cầu vốn.", "Phòng Tài chính - Kế hoạch huyện Bảo Yên",
	  "", ACTORS_SUBJECT },
	{ "Chủ tịch UBND các xã, phường chịu trách nhiệm về tiến độ.", "Chủ tịch UBND các xã, phường", "",
	  ACTORS_SUBJECT },
	{ "Giám đốc Sở Y tế chỉ đạo các bệnh viện tuyến tỉnh.", "Giám đốc Sở Y tế", "", ACTORS_SUBJECT },
	{ "Các Ban Quản lý dự án đầu tư xây dựng tỉnh đẩy nhanh tiến độ.",
	  "Các Ban Quản lý dự án đầu tư xây dựng tỉnh", "", ACTORS_SUBJECT },
	{ "Sở Nông nghiệp và Môi trường tham mưu phương án.", "Sở Nông nghiệp và Môi trường", "", ACTORS_SUBJECT },
	{ "Bộ Quốc phòng phát huy tinh thần đoàn kết, hỗ trợ các địa phương.", "Bộ Quốc phòng", "", ACTORS_SUBJECT },
	/* "làm chủ …", "làm đầu mối", "làm rõ" begin what is said of the name */
	{ "Bộ Nông nghiệp và Môi trường làm chủ Chương trình, tổng hợp kết quả.", "Bộ Nông nghiệp và Môi trường", "",
	  ACTORS_SUBJECT },
	/* an office shared by the next body of its kind */
	{ "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ chỉ đạo thực hiện nghiêm túc.",
	  "Bộ trưởng; Thủ trưởng cơ quan ngang Bộ; Thủ trưởng cơ quan thuộc Chính phủ", "", ACTORS_SUBJECT },
	/* an elliptic list under an office */
	{ "Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo lực lượng hỗ trợ người dân.",
	  "Bộ trưởng Bộ Quốc phòng; Bộ trưởng Bộ Công an", "", ACTORS_SUBJECT },
	/* an elliptic list of corporations */
	{ "Đề nghị các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội triển khai phủ sóng.",
	  "Tập đoàn Bưu chính Viễn thông Việt Nam; Tập đoàn Công nghiệp - Viễn thông Quân đội", "", ACTORS_ASSIGNED },
	/* a standing committee ("Thường trực …") is a body that acts */
	{ "Đề nghị Thường trực Tỉnh ủy tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ.", "Thường trực Tỉnh ủy", "",
	  ACTORS_ASSIGNED },
	{ "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương hoàn thiện báo cáo.",
	  "tỉnh Nghệ An; tỉnh Quảng Ngãi; tỉnh Cao Bằng", "", ACTORS_SUBJECT },
	/* an enumeration's opener ("Thứ nhất, …") is no part of the subject */
	{ "Thứ tư, các địa phương cần chủ động tháo gỡ vướng mắc về mặt bằng.", "các địa phương", "", ACTORS_SUBJECT },
	/* words that look like heads and are not: báo cáo, trường hợp, sở hữu */
	{ "Báo cáo kết quả gửi về Sở Nội vụ.", "", "", ACTORS_NONE },
	{ "Trường hợp còn thiếu, Tỉnh tổng hợp nhu cầu.", "Tỉnh", "", ACTORS_SUBJECT },
	{ "Sở hữu trí tuệ là tài sản.", "", "", ACTORS_NONE },
	{ "Các trường hợp vi phạm được xử lý nghiêm.", "", "", ACTORS_NONE },
	{ "Giao Thanh tra thành phố thanh tra các trường hợp khai thác không có giấy phép.", "Thanh tra thành phố", "",
	  ACTORS_ASSIGNED },
	/* commas and "và" inside one name, before another */
	{ "Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức.", "Sở Văn hóa, Thể thao và Du lịch", "", ACTORS_SUBJECT },
	{ "Vụ Kế hoạch, Tài chính tổng hợp kết quả.", "Vụ Kế hoạch, Tài chính", "", ACTORS_SUBJECT },
	{ "Sở Giáo dục và Đào tạo và Sở Y tế chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban "
	  "nhân dân phường, xã, đặc khu, báo, đài và các đơn vị có liên quan triển khai.",
	  "Sở Giáo dục và Đào tạo; Sở Y tế",
	  "các sở, ban, ngành, đoàn thể Thành phố; Ủy ban nhân dân phường, xã, đặc khu; báo, đài; các đơn vị có liên quan",
	  ACTORS_SUBJECT },
	{ "Các Bộ, cơ quan liên quan theo chức năng nhiệm vụ được giao nghiên cứu kiến nghị.",
	  "Các Bộ, cơ quan liên quan", "", ACTORS_SUBJECT },
	/* elliptic lists and lists distributed over places */
	{ "Các Bộ: Tài chính, Y tế, Tư pháp khẩn trương khắc phục.", "Bộ Tài chính; Bộ Y tế; Bộ Tư pháp", "",
	  ACTORS_SUBJECT },
	{ "Các Bộ: Công an, Kế hoạch và Đầu tư, Thông tin và truyền thông chỉ đạo.",
	  "Bộ Công an; Bộ Kế hoạch và Đầu tư; Bộ Thông tin và truyền thông", "", ACTORS_SUBJECT },
	{ "Các Bộ, cơ quan: Văn hóa, Thể thao và Du lịch, Ngoại giao, Tập đoàn Điện lực Việt Nam rà soát lại.",
	  "Bộ Văn hóa, Thể thao và Du lịch; Bộ Ngoại giao; Tập đoàn Điện lực Việt Nam", "", ACTORS_SUBJECT },
	{ "Bộ Tài chính chủ trì, phối hợp với các Bộ Tư pháp, Nội vụ hoàn thiện.", "Bộ Tài chính",
	  "Bộ Tư pháp; Bộ Nội vụ", ACTORS_SUBJECT },
	{ "Chủ tịch Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk và Lâm Đồng tiếp tục chỉ đạo.",
	  "Chủ tịch Ủy ban nhân dân tỉnh Gia Lai; Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk; "
	  "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng", "", ACTORS_SUBJECT },
	{ "UBND các huyện Tân Uyên, Than Uyên phát triển vùng chè.", "UBND huyện Tân Uyên; UBND huyện Than Uyên", "",
	  ACTORS_SUBJECT },
	{ "Các sở quản lý chuyên ngành (Sở Y tế, Sở Xây dựng) rà soát dự án.", "Sở Y tế; Sở Xây dựng", "",
	  ACTORS_SUBJECT },
	/* assigned, requested, after a topic or an opening phrase */
	{ "Về hỗ trợ kinh phí: Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế nghiên cứu.", "Bộ Tài chính", "Bộ Y tế",
	  ACTORS_ASSIGNED },
	{ "Căn cứ tình hình thực tế, các cơ quan, đơn vị, địa phương phối hợp thực hiện các hoạt động sau:",
	  "các cơ quan, đơn vị, địa phương", "", ACTORS_SUBJECT },
	{ "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tiếp tục vận động.", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "",
	  ACTORS_ASSIGNED },
	{ "Phân công các đồng chí Phó Thủ tướng Chính phủ trực tiếp chỉ đạo.", "Phó Thủ tướng Chính phủ", "",
	  ACTORS_ASSIGNED },
	{ "UBND tỉnh yêu cầu các sở, ban, ngành tỉnh tập trung thực hiện một số nội dung sau:",
	  "các sở, ban, ngành tỉnh", "", ACTORS_REQUESTED },
	{ "Sau khi xem xét Chủ tịch Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì kiểm tra.", "Sở Xây dựng", "",
	  ACTORS_ASSIGNED },
	/* the issuer speaking is no lead; a report of what was done is no task */
	{ "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ, Bộ trưởng giao:", "", "", ACTORS_NONE },
	{ "UBND tỉnh nhất trí thông qua.", "", "", ACTORS_NONE },
	{ "Trong tháng, các ngành đạt được một số kết quả.", "các ngành", "", ACTORS_SUBJECT },
	/* "Agency: task" and a heading of names */
	{ "Văn phòng Bộ: Thực hiện tốt công tác tiếp công dân.", "Văn phòng Bộ", "", ACTORS_LABEL },
	/* a semicolon inside the cooperating list is no new subject */
	{ "Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp các đơn vị liên quan; UBND các huyện triển khai diễn tập.",
	  "Bộ Chỉ huy Quân sự tỉnh", "các đơn vị liên quan; UBND các huyện", ACTORS_SUBJECT },
	/* words of a name that are also verbs elsewhere */
	{ "Các cơ sở phát thải khí nhà kính thực hiện kiểm kê.", "Các cơ sở phát thải khí nhà kính", "", ACTORS_SUBJECT },
	{ "Tổng Công ty Lưu ký và bù trừ chứng khoán Việt Nam cung ứng dịch vụ.",
	  "Tổng Công ty Lưu ký và bù trừ chứng khoán Việt Nam", "", ACTORS_SUBJECT },
	{ "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương triển khai.",
	  "Hội đồng nhân dân các tỉnh, thành phố trực thuộc Trung ương; Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
	  "Trung ương", "", ACTORS_SUBJECT },
	{ "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ xây dựng kế hoạch.",
	  "Các bộ; cơ quan ngang bộ; cơ quan thuộc Chính phủ", "", ACTORS_SUBJECT },
	/* councils and teams set up by a decision, and their members */
	{ "Hội đồng thẩm định làm việc theo chế độ tập thể.", "Hội đồng thẩm định", "", ACTORS_SUBJECT },
	{ "Chủ tịch Hội đồng thẩm định điều hành cuộc họp.", "Chủ tịch Hội đồng thẩm định", "", ACTORS_SUBJECT },
	{ "Thành viên Hội đồng thẩm định có trách nhiệm nghiên cứu hồ sơ.", "Thành viên Hội đồng thẩm định", "",
	  ACTORS_SUBJECT },
	{ "Tổ giúp việc giúp Hội đồng trong quá trình hoạt động.", "Tổ giúp việc", "", ACTORS_SUBJECT },
	/* opening phrases one after another, with commas of their own */
	{ "Trên cơ sở các nhiệm vụ, giải pháp trong Chương trình này, căn cứ chức năng, nhiệm vụ được phân công, "
	  "Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh có trách nhiệm xây dựng kế hoạch.",
	  "Bộ trưởng; Chủ tịch Ủy ban nhân dân các tỉnh", "", ACTORS_SUBJECT },
	/* an office held in each body: "Các Bộ trưởng" is the ministers */
	{ "Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh tập trung chỉ đạo.",
	  "Bộ trưởng; Chủ tịch Ủy ban nhân dân các tỉnh", "", ACTORS_SUBJECT },
	/* officers by their office, assigned */
	{ "Giao nhiệm vụ cho Phó Trưởng phòng được phân công phụ trách lĩnh vực khoáng sản và Chuyên viên thuộc Phòng "
	  "Quản lý công nghiệp khi thực hiện nhiệm vụ công vụ.",
	  "Phó Trưởng phòng được phân công phụ trách lĩnh vực khoáng sản; Chuyên viên thuộc Phòng Quản lý công nghiệp", "",
	  ACTORS_ASSIGNED },
	/* a relative clause lists its participles: they are all the name's */
	{ "Các cơ quan, đơn vị được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng thực hiện kiểm kê.",
	  "Các cơ quan, đơn vị được giao quản lý, sử dụng hoặc khai thác tài sản kết cấu hạ tầng", "", ACTORS_SUBJECT },
	/* a council's standing rules are no tasks */
	{ "Thành viên Tổ giúp việc hoạt động theo chế độ kiêm nhiệm.", "Thành viên Tổ giúp việc", "", ACTORS_SUBJECT },
	/* a bare level of government goes on with another: communes and wards */
	{ "Chủ tịch Ủy ban nhân dân xã, phường và các đơn vị liên quan rà soát giếng khoan.",
	  "Chủ tịch Ủy ban nhân dân xã, phường; các đơn vị liên quan", "", ACTORS_SUBJECT },
	{ "Ủy ban nhân dân xã, phường, thị trấn thành lập Ban Chỉ đạo thực hiện hỗ trợ nhà ở.",
	  "Ủy ban nhân dân xã, phường, thị trấn", "", ACTORS_SUBJECT },
	{ "Bộ Tài chính xuất cấp, hỗ trợ gạo, vật tư theo đề nghị của các địa phương.", "Bộ Tài chính", "",
	  ACTORS_SUBJECT },
	/* who the advised committee works with is not the task's partner */
	{ "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế triển khai Dự án 6.",
	  "Sở Y tế", "các đơn vị liên quan", ACTORS_SUBJECT },
	{ "Sở Y tế tham mưu UBND tỉnh phối hợp với Bộ Y tế triển khai Dự án 6.", "Sở Y tế", "", ACTORS_SUBJECT },
	/* the role a relative clause assigns is the group's */
	{ "Các cơ quan, đơn vị được giao chủ trì khẩn trương xây dựng kế hoạch chi tiết.",
	  "Các cơ quan, đơn vị được giao chủ trì", "", ACTORS_SUBJECT },
	/* "phối hợp với cơ quan chủ trì" names the lead by its role */
	{ "Sở Nội vụ có trách nhiệm phối hợp với cơ quan chủ trì thực hiện các nhiệm vụ.", "Sở Nội vụ", "",
	  ACTORS_SUBJECT },
	/* "công ty" in small letters is a member of the list too */
	{ "Các sở, ban, ngành, Tổng công ty, công ty và các đơn vị trực thuộc Thành phố nghiêm túc triển khai.",
	  "Các sở, ban, ngành; Tổng công ty; công ty; các đơn vị trực thuộc Thành phố", "", ACTORS_SUBJECT },
	/* a name's abbreviation in parentheses is read with it */
	{ "Đài Truyền hình Việt Nam (VTV) chủ trì, phối hợp Bộ Công an, Bộ Nội vụ (BNV) xây dựng video clip.",
	  "Đài Truyền hình Việt Nam", "Bộ Công an; Bộ Nội vụ", ACTORS_SUBJECT },
	/* the state's carriers by their brands */
	{ "Sở Khoa học và Công nghệ phối hợp với Viettel Nghệ An, VNPT Nghệ An, MobiFone Nghệ An triển khai phủ sóng 5G.",
	  "Sở Khoa học và Công nghệ", "Viettel Nghệ An; VNPT Nghệ An; MobiFone Nghệ An", ACTORS_SUBJECT },
	{ "Ban Quản lý phối hợp chặt chẽ với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An) để xây dựng lộ trình.",
	  "Ban Quản lý", "Viettel Nghệ An; VNPT Nghệ An", ACTORS_SUBJECT },
	/* the grassroots Front is a body */
	{ "Sở Công Thương phối hợp chính quyền địa phương, Mặt trận cơ sở và các đoàn thể giám sát việc phân bổ.",
	  "Sở Công Thương", "chính quyền địa phương; Mặt trận cơ sở; các đoàn thể", ACTORS_SUBJECT },
	/* the verbs of digital transformation end a name */
	{ "Sở Xây dựng số hóa hồ sơ, bản đồ hạ tầng giao thông.", "Sở Xây dựng", "", ACTORS_SUBJECT },
	{ "Công an tỉnh chia sẻ dữ liệu camera qua Trung tâm điều hành.", "Công an tỉnh", "", ACTORS_SUBJECT },
	/* an inspection body: "thanh tra" after "cơ quan" is no verb */
	{ "Cơ quan thanh tra khẩn trương hoàn thành việc thanh tra trước ngày 26/11/2025.", "Cơ quan thanh tra", "",
	  ACTORS_SUBJECT },
	{ "Bộ Tài chính chủ trì, phối hợp với cơ quan thanh tra rà soát các dự án.", "Bộ Tài chính",
	  "cơ quan thanh tra", ACTORS_SUBJECT },
	/* "làm việc với" cooperates */
	{ "Tỉnh chủ động làm việc với Bộ Xây dựng về việc giao chủ đầu tư.", "Tỉnh", "Bộ Xây dựng", ACTORS_SUBJECT },
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct actors a;
		actors_init(&a);
		actors_read(cases[i].text, &a);
		char *leads = joined(a.leads, a.n_leads), *coop = joined(a.coop, a.n_coop);
		if (strcmp(leads, cases[i].leads) || strcmp(coop, cases[i].coop) || a.how != cases[i].how)
			fail_msg("case %zu '%s': leads '%s' coop '%s' how %d; expected '%s' / '%s' / %d", i, cases[i].text,
				 leads, coop, a.how, cases[i].leads, cases[i].coop, cases[i].how);
		free(leads);
		free(coop);
		actors_release(&a);
	}
}

static void test_flags(void **state)
{
	(void)state;
	struct actors a;
	actors_init(&a);
	actors_read("Tỉnh đã hoàn thành nhà ở cho hộ nghèo.", &a);
	assert_true(a.descriptive);
	actors_release(&a);
	/* a second assignment later in the paragraph */
	actors_init(&a);
	actors_read("Kiên quyết cắt giảm thủ tục hành chính. Giao Văn phòng Bộ tổng hợp chung kết quả.", &a);
	assert_int_equal(a.n_leads, 0);
	assert_int_equal(a.n_later, 1);
	assert_string_equal(a.later[0], "Văn phòng Bộ");
	actors_release(&a);
	/* a heading that is nothing but names, verbs and all */
	actors_init(&a);
	assert_true(actors_read_heading("Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ", &a));
	assert_int_equal(a.n_leads, 1);
	assert_string_equal(a.leads[0], "Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ");
	assert_true(a.only_names);
	actors_release(&a);
	actors_init(&a);
	assert_false(actors_read_heading("Sở Tài chính rà soát kinh phí", &a));
	actors_release(&a);
	/* the role given after a dash is not part of the name; a dash inside a
	 * name is */
	actors_init(&a);
	assert_true(actors_read_heading("Sở Nội vụ – Cơ quan thường trực Hội đồng thi đua", &a));
	assert_int_equal(a.n_leads, 1);
	assert_string_equal(a.leads[0], "Sở Nội vụ");
	actors_release(&a);
	/* "… có trách nhiệm" ending a heading of names is not part of them */
	actors_init(&a);
	assert_true(actors_read_heading("Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm", &a));
	assert_int_equal(a.n_leads, 1);
	assert_string_equal(a.leads[0], "Các đơn vị cấp nước sạch trên địa bàn thành phố");
	actors_release(&a);
	/* the verb and a colon before the names */
	actors_init(&a);
	assert_true(actors_read_heading("Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh", &a));
	assert_int_equal(a.n_leads, 2);
	assert_string_equal(a.leads[1], "Liên minh Hợp tác xã tỉnh");
	actors_release(&a);
	/* a title after the verb in small letters, kept as written */
	actors_init(&a);
	assert_true(actors_read_heading("Giao người đứng đầu các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", &a));
	assert_int_equal(a.n_leads, 1);
	assert_string_equal(a.leads[0], "người đứng đầu các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh");
	actors_release(&a);
	actors_init(&a);
	assert_true(actors_read_heading("Sở Văn hóa - Thể thao", &a));
	assert_string_equal(a.leads[0], "Sở Văn hóa - Thể thao");
	actors_release(&a);
	/* a heading that gives whose duties follow */
	static const struct {
		const char *heading, *leads;
	} duties[] = {
		{ "Trách nhiệm của Sở Y tế", "Sở Y tế" },
		{ "Nhiệm vụ của Hội đồng", "Hội đồng" },
		{ "Nhiệm vụ, quyền hạn và nguyên tắc hoạt động của Hội đồng thẩm định:", "Hội đồng thẩm định" },
		{ "Trách nhiệm của các sở, ban, ngành", "các sở, ban, ngành" },
		{ "Nhiệm vụ của Tổ giúp việc Hội đồng", "Tổ giúp việc Hội đồng" },
		{ "Trách nhiệm của Phó Trưởng phòng và Chuyên viên được giao nhiệm vụ",
		  "Phó Trưởng phòng; Chuyên viên được giao nhiệm vụ" },
		/* in capitals, the names as a sentence writes them */
		{ "NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Bộ Tài nguyên và Môi trường" },
		{ "TRÁCH NHIỆM CỦA ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Ủy ban nhân dân tỉnh Lào Cai" },
		{ "TRÁCH NHIỆM CỦA CỤC BIẾN ĐỔI KHÍ HẬU", "Cục Biến đổi khí hậu" },
		{ "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư" },
		{ "TRÁCH NHIỆM CỦA CÁC SỞ, BAN, NGÀNH", "các sở, ban, ngành" },
	};
	for (size_t i = 0; i < sizeof duties / sizeof duties[0]; i++) {
		actors_init(&a);
		if (!actors_read_heading(duties[i].heading, &a))
			fail_msg("'%s' names nobody", duties[i].heading);
		char *got = joined(a.leads, a.n_leads);
		assert_string_equal(got, duties[i].leads);
		free(got);
		actors_release(&a);
	}
	actors_init(&a);
	assert_false(actors_read_heading("Nhiệm vụ của các năm tiếp theo", &a));
	actors_release(&a);
	actors_init(&a);
	assert_false(actors_read_heading("NHIỆM VỤ VÀ GIẢI PHÁP", &a));
	actors_release(&a);
	/* what a council is, not what it must do */
	static const char *const rules[] = {
		"Thành viên Hội đồng làm việc theo chế độ kiêm nhiệm, được hưởng các chế độ theo quy định.",
		"Chủ tịch Hội đồng sử dụng con dấu của Ủy ban nhân dân tỉnh.",
		"Tổ giúp việc tự giải thể sau khi hoàn thành nhiệm vụ.",
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		actors_init(&a);
		actors_read(rules[i], &a);
		if (!a.descriptive)
			fail_msg("'%s' read as a task", rules[i]);
		actors_release(&a);
	}
	actors_init(&a);
	actors_read("Hội đồng thẩm định làm việc theo chế độ tập thể và chịu trách nhiệm thẩm định hồ sơ.", &a);
	assert_false(a.descriptive);
	actors_release(&a);
	/* the notice's issuer, named by its letterhead, asks and does not act */
	actors_init(&a);
	a.issuer = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG";
	actors_read("Để triển khai kịp thời, Sở Nông nghiệp và Môi trường đề nghị Công an tỉnh, Đài Khí tượng Thủy văn "
		    "tỉnh Lào Cai triển khai thực hiện.",
		    &a);
	char *leads = joined(a.leads, a.n_leads);
	assert_string_equal(leads, "Công an tỉnh; Đài Khí tượng Thủy văn tỉnh Lào Cai");
	assert_int_equal(a.how, ACTORS_REQUESTED);
	free(leads);
	actors_release(&a);
	/* "Tỉnh" is the province the notice is about */
	actors_init(&a);
	actors_read("Trong thời gian tới, Tỉnh tổ chức thực hiện nghiêm túc nhiệm vụ.", &a);
	actors_resolve(&a, "Ủy ban nhân dân tỉnh Điện Biên", NULL);
	assert_string_equal(a.leads[0], "Ủy ban nhân dân tỉnh Điện Biên");
	actors_release(&a);
	/* "Quý Ủy ban" is the letter's addressee, named politely */
	actors_init(&a);
	actors_read("Để bảo đảm thời gian tổng hợp, đề nghị Quý Ủy ban gửi báo cáo chậm nhất ngày 22/11/2025.", &a);
	assert_int_equal(a.n_leads, 1);
	actors_resolve(&a, NULL, "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương");
	assert_string_equal(a.leads[0], "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương");
	actors_release(&a);
	/* "Quý IV" is a quarter, nobody */
	actors_init(&a);
	actors_read("Quý IV năm 2025 hoàn thành việc rà soát.", &a);
	assert_int_equal(a.n_leads, 0);
	actors_release(&a);
}

static void test_lists(void **state)
{
	(void)state;
	char **names = NULL;
	size_t n = 0;
	/* a field that holds sentences: each clause's subject */
	assert_int_equal(actors_list("Sở Khoa học và Công nghệ tiến hành rà soát văn bản; các sở, ngành liên quan và "
				     "Ủy ban nhân dân các xã, phường rà soát văn bản do cơ quan mình ban hành.",
				     &names, &n),
			 3);
	char *j = joined(names, n);
	assert_string_equal(j, "Sở Khoa học và Công nghệ; các sở, ngành liên quan; Ủy ban nhân dân các xã, phường");
	free(j);
	names_free(names, n);
	names = NULL;
	n = 0;
	assert_int_equal(actors_list("Báo và Phát thanh Truyền hình Lai Châu và các sở, ngành có liên quan.", &names, &n), 2);
	assert_string_equal(names[0], "Báo và Phát thanh Truyền hình Lai Châu");
	assert_string_equal(names[1], "các sở, ngành có liên quan");
	names_free(names, n);
	names = NULL;
	n = 0;
	assert_int_equal(actors_list("không ai cả", &names, &n), 0);
	names_free(names, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
