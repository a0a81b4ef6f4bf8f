#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/intake.h"
#include "core/notice.h"
#include "core/xalloc.h"

static const struct notice_unit *unit(const struct notice *n, const char *section)
{
	for (size_t i = 0; i < n->n_units; i++)
		if (strcmp(n->units[i].section, section) == 0)
			return &n->units[i];
	return NULL;
}

static void test_fixture(void **state)
{
	(void)state;
	size_t len;
	char *text = test_slurp("fixtures/thong-bao-ket-luan-lai-chau-2024-04.md", &len);
	struct notice n;
	char err[ERR_MAX];
	assert_int_equal(notice_read(text, len, &n, err), 0);
	assert_string_equal(n.kind, "THÔNG BÁO");
	assert_string_equal(n.number, "/TB-UBND");
	assert_string_equal(n.place, "Lai Châu");
	assert_int_equal(n.issued, date_from_ymd(2024, 4, 25));
	assert_string_equal(n.signer, "Vương Thế Mẫn");
	assert_string_equal(n.signer_title, "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG");
	assert_non_null(strstr(n.title, "phiên họp UBND tỉnh thường kỳ tháng 4"));
	assert_int_equal(n.n_units, 19);
	/* review, intro and closing are not units */
	assert_null(unit(&n, "I.1"));
	assert_null(unit(&n, "I.2"));
	const struct notice_unit *u = unit(&n, "I.2.2 (5)");
	assert_non_null(u);
	assert_int_equal(u->due, date_from_ymd(2024, 9, 30));
	assert_int_equal(u->precision, PRECISION_QUARTER);
	assert_string_equal(u->due_phrase, "hết quý III");
	assert_int_equal(u->n_cooperating, 2);
	assert_string_equal(u->cooperating[1], "UBND các huyện, thành phố");
	u = unit(&n, "I.2.3 (4)"); /* continues across a page break */
	assert_non_null(strstr(u->full_text, "nguồn lực để thực hiện"));
	u = unit(&n, "II.3");
	assert_int_equal(u->n_leads, 2);
	assert_string_equal(u->leads[1], "Văn phòng UBND tỉnh");
	/* review edits */
	notice_unit_drop(&n, 0, true);
	assert_int_equal(notice_kept(&n), 18);
	char name[] = "Sở Tài chính";
	char *leads[] = { name };
	notice_unit_set_leads(&n.units[1], leads, 1);
	assert_int_equal(n.units[1].n_leads, 1);
	notice_unit_set_due(&n.units[1], date_from_ymd(2024, 6, 1), PRECISION_NONE, "1/6/2024");
	assert_int_equal(n.units[1].precision, PRECISION_DAY);
	struct task t;
	task_init(&t);
	notice_unit_to_task(&n.units[1], &t);
	assert_string_equal(t.leads[0], "Sở Tài chính");
	assert_int_equal(t.due, date_from_ymd(2024, 6, 1));
	task_release(&t);
	char *label = notice_label(&n);
	assert_string_equal(label, "Thông báo /TB-UBND ngày 25/04/2024");
	free(label);
	notice_release(&n);
	free(text);
}

/* Small notices, one structure each: text, then "section|leads|cooperating|due". */
static const struct {
	const char *text;
	const char *rows[8];
} cases[] = {
	{ "THÔNG BÁO\n\n1. Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra an toàn thực phẩm trước ngày 10/6/2024.\n\n"
	  "2. Trong tháng, các ngành đạt được một số kết quả.\n",
	  { "1|Sở Y tế|Sở Tài chính|2024-06-10", NULL } },
	{ "1. Về y tế:\n\n- Giao Sở Y tế, Bảo hiểm xã hội tỉnh rà soát thẻ bảo hiểm y tế trong tháng 7/2024.\n\n"
	  "- Các nội dung khác.\n",
	  { "1 (1)|Sở Y tế; Bảo hiểm xã hội tỉnh||2024-07-31", NULL } },
	{ "a) Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh: chủ động nắm tình hình.\r\n\r\n"
	  "b) UBND tỉnh nhất trí; giao Sở Nội vụ tham mưu quý IV/2024.\r\n",
	  { "a|Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh||", "b|Sở Nội vụ||2024-12-31", NULL } },
	{ "\xef\xbb\xbf## I. VỀ KINH TẾ\n\n**1.1. Sở Công Thương** theo dõi giá cả thị trường.\n\n"
	  "UBND tỉnh yêu cầu các sở, ngành thực hiện./.\n\n- Sở X chủ trì việc không phải của thông báo.\n",
	  { "I.1.1|Sở Công Thương||", NULL } },
	/* items that name nobody: the letter's one addressee acts */
	{ "Hà Nội, ngày 10 tháng 3 năm 2009\nKính gửi: Bộ Xây dựng.\nPhó Thủ tướng có ý kiến như sau:\n"
	  "- Báo cáo Ban Chỉ đạo lần I: tháng 4 năm 2009;\n- Hoàn thiện hồ sơ trình thẩm định: tháng 12 năm 2009.\n",
	  { "(1)|Bộ Xây dựng||2009-04-30", "(2)|Bộ Xây dựng||2009-12-31", NULL } },
	/* an item laid out as fields */
	{ "Lai Châu, ngày 19 tháng 11 năm 2025\nII. NỘI DUNG\n1. Tuyên truyền, phổ biến Luật.\n"
	  "- Cơ quan thực hiện: Sở Tư pháp; Sở Khoa học và Công nghệ.\n- Cơ quan phối hợp: Các sở, ngành.\n"
	  "- Thời gian thực hiện: Quý IV năm 2025.\n",
	  { "II.1|Sở Tư pháp; Sở Khoa học và Công nghệ|Các sở, ngành|2025-12-31", NULL } },
	/* a group that lists its members as definitions ("- Sở … (đối với …);") before its items */
	{ "2. Các sở quản lý chuyên ngành\nGiao các sở quản lý chuyên ngành theo ngành, lĩnh vực gồm:\n"
	  "- Sở Công Thương (đối với cụm công nghiệp);\n- Sở Xây dựng (đối với hạ tầng đô thị).\nCó trách nhiệm:\n"
	  "a) Rà soát, thống kê tài sản kết cấu hạ tầng thuộc phạm vi quản lý.\n",
	  { "2.a|Sở Công Thương; Sở Xây dựng||", NULL } },
	/* a plan issued by the decision it follows: its body after the decision's signature */
	{ "QUYẾT ĐỊNH\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch lập quy hoạch.\n"
	  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\nNơi nhận:\n- Như Điều 2;\nBỘ TRƯỞNG\nPhạm Hồng Hà\n"
	  "KẾ HOẠCH\nLẬP QUY HOẠCH\n(Ban hành kèm theo Quyết định số 836/QĐ-BXD ngày 14 tháng 10 năm 2019)\n"
	  "IV. TỔ CHỨC THỰC HIỆN\n1. Giao Vụ Vật liệu xây dựng tham mưu các nội dung chuyên ngành.\n",
	  { "IV.1|Vụ Vật liệu xây dựng||", NULL } },
	/* an assignment table: a row is a unit */
	{ "Lào Cai, ngày 15 tháng 01 năm 2026\n\n| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |\n"
	  "|---|---|---|---|---|\n| 1 | Số hóa hồ sơ \\| học bạ | Sở Y tế | Công an tỉnh | 30/9/2026 |\n",
	  { "1|Sở Y tế|Công an tỉnh|2026-09-30", NULL } },
	/* of several columns of who, "Cơ quan chủ trì" leads; "Kết quả thực
	 * hiện" is what is delivered */
	{ "Hà Nội, ngày 18 tháng 11 năm 2025\n\n| STT | Tên nhiệm vụ | Người đứng đầu chịu trách nhiệm | Cơ quan chủ trì "
	  "| Cơ quan phối hợp | Kết quả thực hiện | Thời hạn hoàn thành |\n|---|---|---|---|---|---|---|\n"
	  "| 1 | Xây dựng mô hình du lịch thông minh | Cục trưởng Cục Du lịch | Cục Du lịch | Trung tâm Chuyển đổi số "
	  "| Mô hình được ban hành và triển khai | Tháng 12/2025 |\n",
	  { "1|Cục Du lịch|Trung tâm Chuyển đổi số|2025-12-31", NULL } },
	/* who acts, said after the bullets it governs ("Trách nhiệm chỉ đạo thực
	 * hiện: …" closing each heading's list) */
	{ "Lào Cai, ngày 30 tháng 8 năm 2026\nIII. NHIỆM VỤ\n3.1. Tăng cường tuyên truyền\n"
	  "- Quán triệt sâu sắc quan điểm bảo vệ môi trường.\n- Đổi mới công tác tuyên truyền, phổ biến pháp luật.\n"
	  "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng.\n"
	  "3.2. Huy động nguồn lực\n- Bố trí tối thiểu 2% ngân sách tỉnh cho sự nghiệp môi trường.\n"
	  "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh.\n",
	  { "III.3.1 (1)|Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng||",
	    "III.3.1 (2)|Đảng ủy Ủy ban nhân dân tỉnh; các cấp ủy, tổ chức đảng||",
	    "III.3.2 (1)|Đảng ủy Ủy ban nhân dân tỉnh||", NULL } },
	/* a block of fields after bullets ("Đơn vị chủ trì: …", "Đơn vị phối
	 * hợp: …", "Thời gian thực hiện: …") is theirs: it covers the bullets
	 * since the block before it; a bullet alone before its block takes its
	 * lead even when it names a subject; time alone, with no lead field,
	 * even a date before the plan's own (issued late) */
	{ "Cao Bằng, ngày 10 tháng 3 năm 2026\nII. NHIỆM VỤ\n1. Nâng cao chất lượng đội ngũ\n"
	  "- Các cơ quan, đơn vị tiếp tục rà soát đội ngũ công chức làm công tác pháp chế.\n"
	  "- Bổ sung biên chế cho bộ phận pháp chế còn thiếu.\n"
	  "Đơn vị thực hiện: Các sở, ban, ngành.\nĐơn vị phối hợp: Sở Nội vụ.\nThời gian thực hiện: Thường xuyên.\n"
	  "- Các cơ quan, đơn vị tổ chức tập huấn nghiệp vụ pháp chế.\n"
	  "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\nĐơn vị phối hợp thực hiện: Sở Tài chính, Sở Nội vụ.\n"
	  "Thời gian thực hiện: Quý III/2026.\n"
	  "2. Sở Tài chính\n- Lập danh mục tài sản cần kiểm kê.\nThời gian hoàn thành: Trước ngày 15/4/2026.\n"
	  "- Tổng hợp kết quả kiểm kê, báo cáo Ủy ban nhân dân tỉnh.\nThời hạn hoàn thành: Tháng 6/2026.\n"
	  "- Thành lập tổ kiểm kê.\nThời hạn hoàn thành: Trước ngày 05/3/2026.\n",
	  { "II.1 (1)|Các cơ quan, đơn vị|Sở Nội vụ|", "II.1 (2)|Các sở, ban, ngành|Sở Nội vụ|",
	    "II.1 (3)|Sở Tư pháp|Sở Tài chính; Sở Nội vụ|2026-09-30", "II.2 (1)|Sở Tài chính||2026-04-15",
	    "II.2 (2)|Sở Tài chính||2026-06-30", "II.2 (3)|Sở Tài chính||2026-03-05", NULL } },
	/* an introduction whose first sentence names nobody introduces its list
	 * with its last (a capital's period, "TP. Lào Cai", ends no sentence) */
	{ "Lào Cai, ngày 10 tháng 3 năm 2026\nNhằm bảo đảm an toàn cho người dân TP. Lào Cai trong mùa mưa lũ. "
	  "Các sở, ban, ngành thực hiện các nội dung sau:\n1. Rà soát các khu vực có nguy cơ sạt lở.\n"
	  "2. Chuẩn bị vật tư, phương tiện cứu hộ.\n",
	  { "1|Các sở, ban, ngành||", "2|Các sở, ban, ngành||", NULL } },
	/* headings that say whose duties follow, ending with a colon, whatever
	 * noun names them */
	{ "Lào Cai, ngày 10 tháng 3 năm 2026\nIV. NHIỆM VỤ\n1. Trách nhiệm của đơn vị được kiểm kê:\n"
	  "- Thành lập tổ kiểm kê.\n2. Trách nhiệm của các cơ quan quản lý cấp trên (kể cả cơ quan đại diện chủ sở hữu):\n"
	  "- Tổng hợp kết quả kiểm kê của cấp dưới.\n",
	  { "IV.1 (1)|đơn vị được kiểm kê||", "IV.2 (1)|các cơ quan quản lý cấp trên||", NULL } },
	/* under them, a topic's rule ("Kinh phí …: theo quy định") is no task */
	{ "Lào Cai, ngày 10 tháng 3 năm 2026\nĐiều 2. Nhiệm vụ của Hội đồng kiểm kê:\n"
	  "1. Kiểm tra hồ sơ kiểm kê của các đơn vị.\n"
	  "2. Kinh phí hoạt động của Hội đồng: thực hiện theo quy định hiện hành.\n",
	  { "Điều 2.1|Hội đồng kiểm kê||", NULL } },
	/* a decision that issues a plan "kèm theo Quyết định này": the plan
	 * after its signature, printed without its "(Ban hành kèm theo …)"
	 * note, is read */
	{ "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/QĐ-UBND\nSơn La, ngày 20 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
	  "Về việc ban hành Kế hoạch phát triển du lịch\nQUYẾT ĐỊNH:\n"
	  "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển du lịch tỉnh.\n"
	  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\nKT. CHỦ TỊCH\n"
	  "PHÓ CHỦ TỊCH\nNguyễn Văn A\nKẾ HOẠCH\nPHÁT TRIỂN DU LỊCH TỈNH\nI. NHIỆM VỤ\n"
	  "1. Sở Văn hóa, Thể thao và Du lịch xây dựng bộ sản phẩm du lịch, hoàn thành trong quý II năm 2026.\n"
	  "2. Sở Tài chính bố trí kinh phí thực hiện.\n",
	  { "I.1|Sở Văn hóa, Thể thao và Du lịch||2026-06-30", "I.2|Sở Tài chính||", NULL } },
	/* a heading that says only with whom ("a) Chủ trì, phối hợp với …")
	 * gives its co-operating agencies to the bullets under it */
	{ "Sơn La, ngày 20 tháng 11 năm 2025\nV. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n"
	  "a) Chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các xã\n"
	  "- Tổ chức tập huấn kiến thức xuất khẩu.\n- Kết nối giao thương trong và ngoài nước.\n"
	  "b) Phối hợp với Sở Tài chính\n- Bố trí kinh phí xúc tiến thương mại.\n",
	  { "V.1.a (1)|Sở Công Thương|các sở, ban, ngành; Ủy ban nhân dân các xã|",
	    "V.1.a (2)|Sở Công Thương|các sở, ban, ngành; Ủy ban nhân dân các xã|",
	    "V.1.b (1)|Sở Công Thương|Sở Tài chính|", NULL } },
	/* "b) Chủ trì, phối hợp" over items that each begin with the partner:
	 * the heading's agency leads, the items' agencies co-operate */
	{ "Đồng Nai, ngày 20 tháng 11 năm 2025\n2.3. Công an tỉnh\nb) Chủ trì, phối hợp\n"
	  "- Sở Tài chính tham mưu bố trí ngân sách thực hiện Chương trình.\n"
	  "- Sở Xây dựng, Sở Nội vụ rà soát cơ sở vật chất của các cơ sở cai nghiện.\n",
	  { "2.3.b (1)|Công an tỉnh|Sở Tài chính|", "2.3.b (2)|Công an tỉnh|Sở Xây dựng; Sở Nội vụ|", NULL } },
	/* a letter to one addressee: an unnumbered paragraph that asks without a
	 * subject asks the addressee */
	{ "Hà Nội, ngày 20 tháng 11 năm 2025\nKính gửi: Thuế tỉnh Quảng Trị.\n"
	  "Cục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025 của Thuế tỉnh Quảng Trị.\n"
	  "Về việc góp vốn, đề nghị Thuế tỉnh Quảng Trị trao đổi với cơ quan có thẩm quyền.\n"
	  "Ngoài ra, cần lưu ý pháp luật thuế giá trị gia tăng theo từng thời kỳ.\n"
	  "Cục Thuế có ý kiến để Thuế tỉnh Quảng Trị biết./.\n",
	  { "(2)|Thuế tỉnh Quảng Trị|cơ quan có thẩm quyền|", "(3)|Thuế tỉnh Quảng Trị||", NULL } },
	/* a letter's closing that asks for work of its own is its last unit; the
	 * formula ("nghiêm túc triển khai thực hiện./.") is not */
	{ "Hà Nội, ngày 30 tháng 01 năm 2026\nKính gửi: Sở Công Thương tỉnh Lào Cai\n"
	  "Trả lời Văn bản số 472/SCT-NL của Sở Công Thương, Cục có ý kiến như sau:\n1. Về bảo trì công trình:\n"
	  "- Chủ đầu tư bảo đảm kinh phí bảo trì hằng năm.\nTrên đây là ý kiến của Cục, đề nghị Sở Công Thương tỉnh "
	  "Lào Cai nghiên cứu, hướng dẫn chủ đập thủy điện thực hiện đúng quy định./.\nNơi nhận:\n- Như trên;\n",
	  { "1 (1)|Chủ đầu tư||", "(2)|Sở Công Thương tỉnh Lào Cai||", NULL } },
	{ "Hà Nội, ngày 30 tháng 01 năm 2026\nKính gửi: Sở Công Thương tỉnh Lào Cai\n"
	  "Trả lời Văn bản số 472/SCT-NL của Sở Công Thương, Cục có ý kiến như sau:\n1. Về bảo trì công trình:\n"
	  "- Chủ đầu tư bảo đảm kinh phí bảo trì hằng năm.\nĐề nghị Sở Công Thương tỉnh Lào Cai nghiêm túc triển "
	  "khai thực hiện./.\nNơi nhận:\n- Như trên;\n",
	  { "1 (1)|Chủ đầu tư||", NULL } },
	/* a letter copied without its letterhead: who speaks is the agency
	 * asking in its introduction; its bullets are asked of whom it asks */
	{ "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương\n"
	  "Thực hiện Nghị định số 94/2022/NĐ-CP ngày 07/11/2022 của Chính phủ, Bộ Tài chính đề nghị Ủy ban nhân "
	  "dân các tỉnh, thành phố trực thuộc trung ương:\n"
	  "- Chỉ đạo các Sở, ngành đánh giá thuận lợi, khó khăn trên địa bàn;\n"
	  "- Giao Thống kê tỉnh chủ trì rà soát, cập nhật số liệu của các ngành.\n"
	  "Bộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Ủy ban./.\nNơi nhận:\n- Như trên;\n",
	  { "(1)|Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương||",
	    "(2)|Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương||", NULL } },
	/* a letter copied without its date was written after what it cites:
	 * the meeting it reports on is no deadline of its items */
	{ "Kính gửi: Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
	  "Thực hiện Kết luận số 210-KL/TW ngày 12/11/2025 và ý kiến chỉ đạo tại cuộc họp Bộ Chính trị ngày "
	  "14/11/2025, Ban Chỉ đạo yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n"
	  "1. Về tổ chức bộ máy\n- Khẩn trương hoàn thiện tổ chức bộ máy ở cấp xã.\n"
	  "- Bố trí đủ cán bộ, công chức chuyên môn, xong cuối tháng 12 năm 2025.\n",
	  { "1 (1)|Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương||",
	    "1 (2)|Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương||2025-12-31", NULL } },
	/* an enumeration inside a paragraph under a heading that only names
	 * who acts: each "(n)" is a task of that agency's, whatever its case */
	{ "Hà Nội, ngày 25 tháng 11 năm 2025\nTHÔNG BÁO\n5. Nhiệm vụ cụ thể:\na) Bộ Khoa học và Công nghệ: (1) trình "
	  "Thủ tướng Chính phủ Chương trình quốc gia, hoàn thành trong tháng 11 năm 2025; (2) đôn đốc các doanh "
	  "nghiệp viễn thông phủ sóng 5G; (3) Khẩn trương ban hành văn bản hướng dẫn.\n",
	  { "5.a (1)|Bộ Khoa học và Công nghệ||2025-11-30", "5.a (2)|Bộ Khoa học và Công nghệ||",
	    "5.a (3)|Bộ Khoa học và Công nghệ||", NULL } },
	/* a copy's long metadata heading before the header does not hide it */
	{ "# nguồn: bản sao của trang thông tin điện tử, người chép ghi lại số, ký hiệu, ngày ban hành, người ký, "
	  "cơ quan ban hành và các tài liệu liên quan của văn bản này để tiện tra cứu về sau, kể cả "
	  "đường dẫn tới bản gốc và các bản dịch khác nếu có\n"
	  "Hà Nội, ngày 02 tháng 01 năm 2026\nKính gửi: Sở Y tế\n1. Rà soát hồ sơ cấp phép hành nghề.\n",
	  { "1|Sở Y tế||", NULL } },
	/* a letter to one group: its items that name nobody are the group's */
	{ "Kính gửi: Các cơ sở đào tạo trực thuộc Bộ\nBộ Văn hóa, Thể thao và Du lịch đề nghị các cơ sở đào tạo "
	  "thực hiện một số nhiệm vụ năm học như sau.\nI. NHIỆM VỤ CỤ THỂ\n1. Hoàn thiện thể chế\n"
	  "- Tiếp tục rà soát, sửa đổi các quy chế đào tạo.\n- Nâng cao chất lượng đội ngũ giảng viên.\n",
	  { "I.1 (1)|Các cơ sở đào tạo trực thuộc Bộ||", "I.1 (2)|Các cơ sở đào tạo trực thuộc Bộ||", NULL } },
	/* who acts, said in parentheses at the item's end */
	{ "Sơn La, ngày 10 tháng 02 năm 2023\nKẾ HOẠCH\n6. Xây dựng và tham mưu ban hành Quy chế bảo vệ bí mật nhà nước "
	  "(Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh).\n"
	  "7. Tổ chức tập huấn nghiệp vụ (theo hướng dẫn của Bộ Công an).\n",
	  { "6|Công an tỉnh|Văn phòng UBND tỉnh|", NULL } },
	/* the setting before an introduction's request sets no deadline */
	{ "Hà Nội, ngày 19 tháng 11 năm 2025\nCÔNG ĐIỆN\nTừ nay đến ngày 19 tháng 12 năm 2025 chỉ còn 01 tháng, thời "
	  "gian rất gấp, Thủ tướng Chính phủ yêu cầu:\n1. Bộ Xây dựng chuẩn bị tốt nhất cho sự kiện.\n"
	  "2. Bộ Tài chính hoàn thành thủ tục trước ngày 10/12/2025.\n",
	  { "1|Bộ Xây dựng||", "2|Bộ Tài chính||2025-12-10", NULL } },
	/* a heading that says who leads and with whom and nothing to do: its
	 * items are the tasks, with both */
	{ "Hà Nội, ngày 26 tháng 11 năm 2025\nCÔNG ĐIỆN\n1. Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan liên "
	  "quan và các địa phương:\na) Rà soát các mặt hàng dự trữ quốc gia.\n"
	  "2. Bộ Quốc phòng theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp với các địa phương:\n"
	  "a) Chủ động xuất cấp hàng dự trữ quốc gia theo thẩm quyền.\n",
	  { "1.a|Bộ Tài chính|các Bộ, cơ quan liên quan; các địa phương|", "2.a|Bộ Quốc phòng|các địa phương|", NULL } },
	/* an item laid out as lettered fields ("a) Nhiệm vụ:", "b) Cơ quan thực
	 * hiện:" over who leads and who co-operates, "c) Thời gian thực hiện:")
	 * is one task */
	{ "Hà Nội, ngày 17 tháng 11 năm 2025\nKẾ HOẠCH\nII. NHIỆM VỤ\n1.1. Xây dựng các Chiến lược của Thành phố:\n"
	  "a) Nhiệm vụ: Tham mưu rà soát, hoàn thiện Chiến lược dữ liệu thành phố đến năm 2030.\n"
	  "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n- Đơn vị phối hợp: Các Sở, ban, ngành.\n"
	  "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n",
	  { "II.1.1|Sở Khoa học và Công nghệ|Các Sở, ban, ngành|2025-12-31", NULL } },
	/* the same with fields as numbered headings over their lists: who leads
	 * and who co-operates written one per line, names only */
	{ "Hà Nội, ngày 11 tháng 11 năm 2013\nKẾ HOẠCH\nI. CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN\n"
	  "1. Nội dung, biện pháp\na) Tổ chức Hội nghị quán triệt và triển khai thực hiện Chỉ thị.\n"
	  "b) Tổ chức triển khai thực hiện các chủ trương của Đảng.\n2. Cơ quan chủ trì, phối hợp\n"
	  "a) Cơ quan chủ trì\n- Ban Chỉ đạo quốc gia.\n- Các Bộ, ngành liên quan.\nb) Cơ quan phối hợp\n"
	  "- Hội Cựu chiến binh các cấp.\n3. Thời gian thực hiện: Tháng 12/2013 và thường xuyên.\n",
	  { "I|Ban Chỉ đạo quốc gia; Các Bộ, ngành liên quan|Hội Cựu chiến binh các cấp|2013-12-31", NULL } },
	/* a step with its paragraph and its "Thời gian hoàn tất:" is one task */
	{ "Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014\nKẾ HOẠCH\n2. Trình tự\n2.2. Bước 2: Kiểm tra hiện trạng nhà ở.\n"
	  "Ban Chỉ đạo cấp xã tổ chức kiểm tra hiện trạng nhà ở của từng đối tượng.\n"
	  "Thời gian hoàn tất: trước ngày 25 tháng 7 năm 2014.\n",
	  { "2.2|Ban Chỉ đạo cấp xã||2014-07-25", NULL } },
	/* a report's date after the list is the date of the list's items; a
	 * report that recurs every year is not */
	{ "Đồng Tháp, ngày 27 tháng 11 năm 2025\nKẾ HOẠCH\n1. Sở Xây dựng số hóa hồ sơ hạ tầng giao thông.\n"
	  "2. Sở Khoa học và Công nghệ thẩm định các giải pháp công nghệ.\n"
	  "Báo cáo kết quả gửi về Sở Xây dựng trước ngày 12/6/2026.\nNơi nhận:\n- Như trên;\n",
	  { "1|Sở Xây dựng||2026-06-12", "2|Sở Khoa học và Công nghệ||2026-06-12", NULL } },
	{ "Đồng Tháp, ngày 27 tháng 11 năm 2025\nKẾ HOẠCH\n1. Sở Xây dựng số hóa hồ sơ hạ tầng giao thông.\n"
	  "2. Sở Khoa học và Công nghệ thẩm định các giải pháp công nghệ.\n"
	  "Báo cáo kết quả thực hiện về Sở Xây dựng trước ngày 30 tháng 11 hằng năm.\nNơi nhận:\n- Như trên;\n",
	  { "1|Sở Xây dựng||", "2|Sở Khoa học và Công nghệ||", NULL } },
	/* an item's topic before a colon, then a sentence with its own subject;
	 * a colon that introduces who holds an office is no such thing */
	{ "Hà Nội, ngày 25 tháng 11 năm 2025\nTHÔNG BÁO\n2. Đẩy mạnh hoàn thiện thể chế, cơ chế chính sách: Các bộ "
	  "khẩn trương trình Chính phủ ban hành các Nghị định hướng dẫn.\n3. Thành phần Ban Chỉ đạo: Trưởng Ban "
	  "Chỉ đạo là Chủ tịch Ủy ban nhân dân tỉnh.\n",
	  { "2|Các bộ||", NULL } },
	/* "Quý Ủy ban" is the addressee; a paragraph after the bullets of the
	 * introduction's list takes a number of its own, not a bullet's */
	{ "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương\n"
	  "Thực hiện Nghị định số 94/2022/NĐ-CP của Chính phủ, Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, "
	  "thành phố trực thuộc trung ương:\n"
	  "- Chỉ đạo các Sở, ngành đánh giá thuận lợi, khó khăn trên địa bàn;\n"
	  "- Giao Thống kê tỉnh chủ trì rà soát, cập nhật số liệu của các ngành.\n"
	  "Để đảm bảo thời gian tổng hợp số liệu, đề nghị Quý Ủy ban gửi báo cáo về Bộ Tài chính chậm nhất ngày "
	  "22/11/2025.\nBộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Ủy ban./.\nNơi nhận:\n- Như trên;\n",
	  { "(1)|Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương||",
	    "(2)|Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương||",
	    "(3)|Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương||2025-11-22", NULL } },
	/* a closing whose subject is one agency that acts is a task; a group
	 * carrying out the notice, or the issuer asking, is the formula */
	{ "Hà Nội, ngày 27 tháng 11 năm 2025\nCÔNG ĐIỆN\n1. Bộ Tài chính tổng hợp nhu cầu kinh phí.\n"
	  "Văn phòng Chính phủ theo dõi, đôn đốc các Bộ, địa phương thực hiện nghiêm túc Công điện này, kịp thời "
	  "tổng hợp, báo cáo Thủ tướng Chính phủ./.\nNơi nhận:\n- Như trên;\n",
	  { "1|Bộ Tài chính||", "(1)|Văn phòng Chính phủ||", NULL } },
	{ "Hà Nội, ngày 27 tháng 11 năm 2025\nCÔNG ĐIỆN\n1. Bộ Tài chính tổng hợp nhu cầu kinh phí.\n"
	  "Các Bộ, địa phương tổ chức thực hiện nghiêm túc Công điện này./.\nNơi nhận:\n- Như trên;\n",
	  { "1|Bộ Tài chính||", NULL } },
	{ "Hà Nội, ngày 27 tháng 11 năm 2025\nCÔNG VĂN\n1. Cục Du lịch xây dựng mô hình du lịch thông minh.\n"
	  "Bộ Văn hóa, Thể thao và Du lịch yêu cầu các đơn vị triển khai, báo cáo kết quả thực hiện./.\n"
	  "Nơi nhận:\n- Như trên;\n",
	  { "1|Cục Du lịch||", NULL } },
	/* paragraphs after an item's finished sentence are not its items: here the
	 * letterhead of a scan's second page */
	{ "Lai Châu, ngày 2 tháng 5 năm 2024\nTHÔNG BÁO\n1. Giao Sở Tài chính rà soát dự toán.\n"
	  "2. Sở Xây dựng kiểm tra các công trình, hoàn thành trong tháng 6/2024.\n"
	  "Kết luận của Chủ tịch UBND tỉnh về các dự án\nLai Châu, ngày 2 tháng 5 năm 2024\n",
	  { "1|Sở Tài chính||", "2|Sở Xây dựng||2024-06-30", NULL } },
	/* who decides ("GIÁM ĐỐC SỞ …" over the "Căn cứ") is no signature: the
	 * articles after it are read */
	{ "Số: 5116/QĐ-SCT\nLào Cai, ngày 20 tháng 8 năm 2026\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ\n"
	  "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LÀO CAI\nCăn cứ Luật Xử lý vi phạm hành chính ngày 20/6/2012;\nQUYẾT ĐỊNH:\n"
	  "Điều 1. Giao nhiệm vụ cho Chuyên viên Phòng Quản lý công nghiệp lập biên bản vi phạm hành chính.\n"
	  "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\nGIÁM ĐỐC\nNguyễn Văn A\n",
	  { "Điều 1|Chuyên viên Phòng Quản lý công nghiệp||", NULL } },
	/* a decision that sets up a team: its members are no tasks, its duties are */
	{ "Lào Cai, ngày 06 tháng 8 năm 2026\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác liên ngành, gồm các thành viên sau:\n"
	  "1. Tổ trưởng: Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh.\n2. Các Tổ phó:\n- Ông Lê Bình, Giám đốc Sở Tài chính.\n"
	  "3. Tổ giúp việc\n3.1. Tổ trưởng: Bà Trần Hà, Phó Giám đốc Sở Tài chính.\n3.2. Các Tổ viên:\n"
	  "- Ông Vũ Tú, chuyên viên Sở Xây dựng.\n"
	  "Điều 2. Nhiệm vụ của Tổ công tác\n1. Rà soát các dự án chậm tiến độ, báo cáo UBND tỉnh trước ngày 30/9/2026.\n"
	  "2. Tổ trưởng phân công nhiệm vụ cho các thành viên.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
	  "Nơi nhận:\n- Như Điều 3;\nCHỦ TỊCH\nNguyễn Tuấn Anh\nPHỤ LỤC\nDANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC\n"
	  "(Kèm theo Quyết định số 7/QĐ-UBND ngày 06/8/2026)\n1. Tổ trưởng: Ông Nguyễn Văn An.\n"
	  "2. Thành viên: Bổ sung theo yêu cầu công việc.\n",
	  { "Điều 2.1|Tổ công tác||2026-09-30", "Điều 2.2|Tổ trưởng||", NULL } },
	/* "… bao gồm:" lists what the task covers, not tasks of their own; a list
	 * under "… gồm:" whose items name their agencies is tasks */
	{ "Hà Nội, ngày 02 tháng 3 năm 2026\nSở Y tế đề nghị các đơn vị thực hiện các nội dung sau:\n"
	  "1. Phòng Nghiệp vụ Dược\nChủ trì, phối hợp với Thanh tra Sở thẩm định hồ sơ cấp phép, bao gồm:\n"
	  "- Cấp mới chứng chỉ hành nghề dược;\n- Cấp lại chứng chỉ hành nghề dược bị mất.\n"
	  "2. Văn phòng Sở\nTổng hợp kết quả, báo cáo Giám đốc Sở trước ngày 30/6/2026.\n"
	  "3. Phân công các phòng gồm:\n- Phòng Tổ chức cán bộ rà soát biên chế, báo cáo trước ngày 15/5/2026;\n"
	  "- Phòng Kế hoạch - Tài chính lập dự toán năm 2027.\n",
	  { "1|Phòng Nghiệp vụ Dược|Thanh tra Sở|", "2|Văn phòng Sở||2026-06-30",
	    "3 (1)|Phòng Tổ chức cán bộ||2026-05-15", "3 (2)|Phòng Kế hoạch - Tài chính||", NULL } },
	/* a numbered "Tổ chức thực hiện" whose paragraph only asks to carry out
	 * what is above is the closing formula */
	{ "Đà Nẵng, ngày 10 tháng 4 năm 2026\n1. Sở Du lịch\nXây dựng kế hoạch kích cầu du lịch, trình UBND thành phố "
	  "trước ngày 30/5/2026.\n2. Tổ chức thực hiện\nThủ trưởng các sở, ban, ngành; Chủ tịch UBND các quận, huyện chịu "
	  "trách nhiệm tổ chức thực hiện nghiêm túc các nội dung nêu trên; nếu có vướng mắc, báo cáo UBND thành phố./.\n",
	  { "1|Sở Du lịch||2026-05-30", NULL } },
	/* a web address ending in "/." is no closing formula ("…./.") */
	{ "Hải Phòng, ngày 05 tháng 12 năm 2025\n1. Sở Nông nghiệp và Môi trường:\n"
	  "- Cập nhật chỉ số chất lượng không khí tại website: https://quantrac.example.vn/.\n"
	  "- Kiểm tra các khu xử lý chất thải rắn.\n2. Sở Xây dựng:\n- Giám sát các công trường thi công.\n"
	  "UBND thành phố yêu cầu các đơn vị nghiêm túc thực hiện./.\n",
	  { "1 (1)|Sở Nông nghiệp và Môi trường||", "1 (2)|Sở Nông nghiệp và Môi trường||", "2 (1)|Sở Xây dựng||", NULL } },
	/* an introduction's purpose ("Để …") and the situation before its ';' set
	 * no deadline for its items; its asking clause does */
	{ "Huế, ngày 03 tháng 11 năm 2025\n1. Để đạt mục tiêu tăng trưởng 8% trong năm 2025, đề nghị:\n"
	  "a) Sở Tài chính rà soát nguồn vốn.\n"
	  "2. Từ nay đến hết năm 2025 chỉ còn 2 tháng; do vậy, yêu cầu:\na) Sở Xây dựng đẩy nhanh các dự án.\n"
	  "3. Các sở hoàn thành trong tháng 12 năm 2025, cụ thể:\na) Sở Y tế rà soát danh mục thuốc.\n",
	  { "1.a|Sở Tài chính||", "2.a|Sở Xây dựng||", "3|Các sở||2025-12-31", "3.a|Sở Y tế||2025-12-31", NULL } },
	/* a conclusion drawn with a city: the items that name nobody are the
	 * city's, also under an assessment heading once an introduction asks */
	{ "Số: 12/TB-VPCP\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG BÁO\n"
	  "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TẠI BUỔI LÀM VIỆC VỚI THÀNH PHỐ HẢI PHÒNG VỀ CHUYỂN ĐỔI SỐ\n"
	  "I. ĐÁNH GIÁ CHUNG\nThành phố đã đạt nhiều kết quả tích cực.\n"
	  "Để tiếp tục phát triển, Thành phố cần tập trung thực hiện tốt các nhiệm vụ sau:\n"
	  "1. Đẩy mạnh chuyển đổi số trong các cơ quan hành chính.\n2. Rà soát các thủ tục hành chính còn chồng chéo.\n"
	  "II. KIẾN NGHỊ CỦA THÀNH PHỐ\nGiao Bộ Tài chính xem xét, xử lý kiến nghị của Thành phố.\n"
	  "Văn phòng Chính phủ xin thông báo./.\n",
	  { "I.1|Ủy ban nhân dân thành phố Hải Phòng||", "I.2|Ủy ban nhân dân thành phố Hải Phòng||",
	    "II|Bộ Tài chính||", NULL } },
	/* praise of an agency's work is no task for it */
	{ "Hà Nội, ngày 24 tháng 11 năm 2025\n1. Ghi nhận, đánh giá cao sự nỗ lực của Bộ Y tế và các nhà thầu.\n"
	  "2. Bộ Y tế chỉ đạo hoàn thiện hồ sơ phòng cháy, chữa cháy trước ngày 30/11/2025.\n",
	  { "2|Bộ Y tế||2025-11-30", NULL } },
	/* a row without a number continues the row above: its cells were merged
	 * with that row's (rowspan), so it takes the cells it leaves empty */
	{ "Lào Cai, ngày 15 tháng 01 năm 2026\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
	  "|---|---|---|---|---|\n| I | Hạ tầng | | | |\n| 1 | Xây dựng hạ tầng | Sở Tài chính | Công an tỉnh | Quý IV/2026 |\n"
	  "| | Sao lưu dữ liệu | Sở Khoa học và Công nghệ | | |\n| | Phục hồi dữ liệu | | | |\n"
	  "| 2 | Vận hành | Sở Tài chính | | |\n",
	  { "I.1|Sở Tài chính|Công an tỉnh|2026-12-31", "I.1 (2)|Sở Khoa học và Công nghệ|Công an tỉnh|2026-12-31",
	    "I.1 (3)|Sở Khoa học và Công nghệ|Công an tỉnh|2026-12-31", "I.2|Sở Tài chính||", NULL } },
};

static void test_structures(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct notice n;
		char err[ERR_MAX];
		assert_int_equal(notice_read(cases[c].text, strlen(cases[c].text), &n, err), 0);
		size_t rows = 0;
		while (cases[c].rows[rows])
			rows++;
		if (n.n_units != rows)
			fail_msg("case %zu: %zu units, expected %zu", c, n.n_units, rows);
		for (size_t i = 0; i < rows; i++) {
			const struct notice_unit *u = &n.units[i];
			char *lead = task_join(u->leads, u->n_leads, "; ");
			char *coop = task_join(u->cooperating, u->n_cooperating, "; ");
			char due[DATE_BUF];
			char *got = xasprintf("%s|%s|%s|%s", u->section, lead, coop,
					      u->due == DATE_NONE ? "" : date_format_iso(u->due, due));
			assert_string_equal(got, cases[c].rows[i]);
			free(got);
			free(lead);
			free(coop);
		}
		notice_release(&n);
	}
}

/* A letter's subject written "Về …" instead of "V/v …", between its number
 * and its place and date, is its title: the place and date after it are
 * the letterhead's, not the body's first paragraph. */
static void test_subject_line(void **state)
{
	(void)state;
	static const char text[] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 51/SGDĐT-GDTX\n"
				   "Về hướng dẫn đánh giá trung tâm học tập cộng đồng\n"
				   "Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\n"
				   "Kính gửi: Ủy ban nhân dân phường, xã và đặc khu\n"
				   "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n"
				   "Đề nghị Ủy ban nhân dân phường, xã và đặc khu gửi kết quả đánh giá trước ngày 15/12/2025.\n";
	struct notice n;
	char err[ERR_MAX];
	assert_int_equal(notice_read(text, strlen(text), &n, err), 0);
	assert_int_equal(n.issued, date_from_ymd(2025, 11, 28));
	assert_string_equal(n.place, "Thành phố Hồ Chí Minh");
	assert_string_equal(n.title, "hướng dẫn đánh giá trung tâm học tập cộng đồng");
	assert_int_equal(n.n_units, 1);
	assert_string_equal(n.units[0].section, "(2)");
	assert_int_equal(n.units[0].due, date_from_ymd(2025, 12, 15));
	notice_release(&n);
}

static void test_bad_input(void **state)
{
	(void)state;
	static const struct {
		const char *data;
		size_t len;
		const char *msg;
		const char *from;
	} bad[] = {
		{ "", 0, "empty", NULL },
		{ " \n\t\r\n", 5, "empty", NULL },
		{ "abc\0def", 7, "binary", NULL },
		/* Windows-1258: "Sở Tài chính" with combining tones */
		{ "So\xd2 Ta\xcci chi\xecnh, So\xd2 Xa\xccy du\xf2ng, Ba\xecn", 32, "Windows-1258", "WINDOWS-1258" },
		/* TCVN3: "tăng cường, Sở, đường" */
		{ "t\xa8ng c\xad\xeang, S\xdd, \xae\xad\xeang", 20, "TCVN3", "TCVN5712-1" },
		{ "caf\xe9", 4, "not UTF-8", NULL },
		{ "ok \xc0\x80", 5, "not UTF-8", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char err[ERR_MAX] = "";
		const char *from = "x";
		assert_int_equal(intake_check(bad[i].data, bad[i].len, &from, err), -1);
		if (!strstr(err, bad[i].msg))
			fail_msg("case %zu: '%s' lacks '%s'", i, err, bad[i].msg);
		if (bad[i].from)
			assert_string_equal(from, bad[i].from);
		else
			assert_null(from);
		struct notice n;
		assert_int_equal(notice_read(bad[i].data, bad[i].len, &n, err), -1);
		notice_release(&n);
	}
	char err[ERR_MAX];
	char *big = xcalloc(NOTICE_MAX_BYTES + 2, 1);
	memset(big, 'a', NOTICE_MAX_BYTES + 1);
	assert_int_equal(intake_check(big, NOTICE_MAX_BYTES + 1, NULL, err), -1);
	assert_non_null(strstr(err, "too large"));
	free(big);
	/* one language at a time: Vietnamese when it is chosen */
	i18n_set_messages(LANG_VI);
	assert_int_equal(intake_check("abc\0def", 7, NULL, err), -1);
	assert_string_equal(err, "dữ liệu nhị phân, không phải văn bản (byte NUL ở vị trí 3)");
	assert_int_equal(intake_check(bad[3].data, bad[3].len, NULL, err), -1);
	assert_string_equal(err, "không phải mã UTF-8: có vẻ là văn bản mã Windows-1258");
	assert_int_equal(intake_check(" \n", 2, NULL, err), -1);
	assert_string_equal(err, "tệp rỗng: không có nội dung để đọc");
	i18n_set_messages(LANG_EN);
	/* a text that assigns nothing is offered paragraph by paragraph, not refused */
	struct notice n;
	const char *none = "Một đoạn không giao việc cho ai cả.\n\nĐoạn thứ hai cũng vậy, không ai phải làm gì.\n";
	assert_int_equal(notice_read(none, strlen(none), &n, err), 0);
	assert_true(n.candidates);
	assert_int_equal(n.n_units, 2);
	assert_int_equal(notice_kept(&n), 0);
	assert_true(n.units[0].doubts & NOTICE_DOUBT_NO_LEAD);
	assert_int_equal(n.units[1].n_leads, 0);
	assert_non_null(strstr(n.units[1].full_text, "Đoạn thứ hai"));
	notice_release(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_structures),
		cmocka_unit_test(test_subject_line),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
