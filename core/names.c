#include "core/names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/words.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool starts_digit(const char *s) { return *s >= '0' && *s <= '9'; }

/* ---- vocabulary ----------------------------------------------------------- */

/* Heads that are an agency whatever follows them. */
static const char *const heads_free[] = {
	"Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "HĐND", "Hội đồng nhân dân", "UBMTTQ",
	"MTTQ", "Ủy ban Mặt trận", "Uỷ ban Mặt trận", "Mặt trận Tổ quốc", "Mặt trận cơ sở", "Ủy ban", "Uỷ ban",
	"Bộ Chỉ huy", "BCH", "Bộ đội Biên phòng", "Bộ đội biên phòng", "Công an", "Kho bạc", "KBNN",
	"Ngân hàng", "NHNN", "Bảo hiểm xã hội", "BHXH", "Bệnh viện", "Cục", "Chi cục", "Tổng cục",
	"Văn phòng", "Trung tâm", "Tập đoàn", "Tổng công ty", "Tổng Công ty", "Công ty", "Học viện",
	"Viện kiểm sát", "Tòa án", "Toà án", "Cảng vụ", "Hải quan", "Bưu điện", "Liên đoàn",
	"Liên minh", "Tỉnh đoàn", "Thành đoàn", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ",
	"Huyện ủy", "Huyện uỷ", "Đảng ủy", "Đảng uỷ", "Ban quản lý", "Ban Quản lý", "Ban chỉ đạo",
	"Ban Chỉ đạo", "Ban chỉ huy", "Ban Chỉ huy", "Ban Dân tộc", "BQL", "BCĐ", "Quân khu",
	"Thuế tỉnh", "Thuế thành phố", "Thuế cơ sở", "Chi nhánh", "Quỹ", "Đài Phát thanh",
	"Đài phát thanh", "Đài Truyền hình", "Thanh tra tỉnh", "Thanh tra thành phố", "Thanh tra Chính phủ", "Thanh tra Bộ",
	"Thanh tra Sở", "Văn phòng UBND", "Hội Liên hiệp", "Hội Nông dân", "Hội Cựu chiến binh",
	"Đoàn Thanh niên", "Đoàn thanh niên", "Đoàn Đại biểu", "Điện lực", "Viễn thông",
	"Vườn quốc gia", "Vườn Quốc gia", "Chủ đầu tư", "Hiệp hội", "Tạp chí", "Khu bảo tồn",
	"Ban Quản lý dự án", "Ban quản lý dự án", "Hội đồng thẩm định", "Hội đồng", "Tổ giúp việc",
	"Tổ công tác", "Tổ thẩm định", "Tổ chuyên gia", "Cơ quan thanh tra", "Đoàn thanh tra", "Đoàn kiểm tra",
	/* the state's carriers and power company, named by their brands */
	"Viettel", "VNPT", "MobiFone", "Mobifone", "EVN",
};

/* Heads that need a proper name (a capital or a digit) after them: "Sở Y tế",
 * not "Sở hữu"; "Báo Nhân dân", not "Báo cáo"; "Trường Chính trị", not
 * "Trường hợp". */
static const char *const heads_named[] = {
	"Sở", "Bộ", "Ban", "Vụ", "Phòng", "Đài", "Báo", "Hội", "Trường", "Viện", "Đoàn", "Đại học",
	"Thanh tra", "Thuế", "Cơ quan", "Tổ", "Thường trực",
};

/* Offices held by a person who must act. */
static const char *const titles[] = {
	"Bộ trưởng", "Thứ trưởng", "Thủ trưởng", "Phó Chủ tịch", "Chủ tịch", "Phó Giám đốc",
	"Tổng Giám đốc", "Tổng giám đốc", "Giám đốc", "Thống đốc", "Phó Thủ tướng", "Bí thư",
	"Phó Bí thư", "Chánh Văn phòng", "Chánh văn phòng", "Chánh Thanh tra", "Trưởng ban",
	"Trưởng Ban", "Trưởng phòng", "Trưởng Phòng", "Cục trưởng", "Chi cục trưởng", "Vụ trưởng",
	"Viện trưởng", "Hiệu trưởng", "Tư lệnh", "Chỉ huy trưởng", "Người đứng đầu", "Tổng cục trưởng",
	"Tổng Kiểm toán", "Chánh án", "Viện trưởng", "Thành viên", "Tổ trưởng", "Thư ký",
	"Phó Trưởng phòng", "Phó Trưởng Phòng", "Phó Trưởng ban", "Phó Trưởng Ban", "Phó Chánh Văn phòng",
	"Phó Cục trưởng", "Phó Chi cục trưởng", "Phó Vụ trưởng", "Phó Viện trưởng", "Phó Hiệu trưởng",
	"Phó Tổng Giám đốc", "Phó Tổng giám đốc", "Chuyên viên", "Cán bộ", "Công chức",
};

/* Nouns of a group after "các": "các sở, ban, ngành", "các cơ quan, đơn vị". */
static const char *const group_nouns[] = {
	"Bộ", "bộ", "Sở", "sở", "Ban", "ban", "ngành", "Ngành", "cơ quan", "Cơ quan", "đơn vị",
	"địa phương", "huyện", "xã", "phường", "tỉnh", "thành phố", "tổ chức", "doanh nghiệp", "Hội",
	"hội", "đoàn thể", "Đoàn thể", "chủ đầu tư", "cơ sở", "nhà máy", "Tập đoàn", "tập đoàn",
	"Tổng công ty", "tổng công ty", "lực lượng", "Vụ", "Cục", "cục", "trường", "bệnh viện",
	"ngân hàng", "Ngân hàng", "thành viên", "Ủy ban", "UBND", "Ban Quản lý", "Ban quản lý",
	"hợp tác xã", "quận", "thị xã", "đặc khu", "chủ rừng", "Chi cục", "chi cục", "Trung tâm",
	"trung tâm", "Phòng", "phòng", "công ty", "Công ty", "cơ quan báo chí", "nhà trường",
	"đài", "báo", "Đài", "Báo", "cấp ủy", "cấp uỷ", "nhà mạng",
};

/* Group nouns that can stand for a member of a list without "các"
 * ("phối hợp với sở, ban, ngành", "và đơn vị có liên quan"). */
static const char *const member_nouns[] = {
	"sở", "cơ quan", "đơn vị", "địa phương", "tổ chức", "doanh nghiệp", "báo, đài",
	"báo chí", "lực lượng", "chính quyền địa phương", "nhà đầu tư", "chủ đầu tư", "chủ dự án", "công ty",
};

/* Members of a list that are never more of a group before them: "các sở,
 * ban ngành, nhà đầu tư thứ cấp" is two. */
static const char *const agents[] = {
	"nhà đầu tư", "chủ đầu tư", "chủ dự án", "người dân", "nhà thầu", "chính quyền địa phương", "báo, đài",
	"cơ quan ngang bộ", "cơ quan thuộc Chính phủ",
};

/* Words that begin what the agencies must do: the name ends before them. */
static const char *const predicates[] = {
	"chủ trì", "phối hợp", "tập trung", "khẩn trương", "theo dõi", "theo chức năng", "theo",
	"tăng cường", "ban hành", "đẩy nhanh", "đẩy mạnh", "nghiên cứu", "triển khai", "tham mưu",
	"chủ động", "hoàn chỉnh", "hoàn thiện", "hoàn thành", "tiếp thu", "tiếp tục", "rà soát",
	"thực hiện", "tổ chức", "xây dựng", "chỉ đạo", "báo cáo", "kiểm tra", "đôn đốc", "quan tâm",
	"bám sát", "chuẩn bị", "nắm", "đảm bảo", "bảo đảm", "lập", "hướng dẫn", "đề xuất",
	"cung cấp", "giải quyết", "xử lý", "thẩm định", "cập nhật", "tổng hợp", "nâng cao", "sớm",
	"kịp thời", "cần", "phải", "thống nhất", "làm việc", "giám sát", "tuyên truyền", "vận động",
	"huy động", "tháo gỡ", "duy trì", "căn cứ", "lựa chọn", "tiến hành", "đánh giá", "bố trí",
	"phân bổ", "giải ngân", "khảo sát", "điều chỉnh", "bổ sung", "quyết liệt", "nghiêm túc",
	"tích cực", "có trách nhiệm", "trình", "ra soát", "xem xét", "rà", "soát xét", "phát huy",
	"chịu trách nhiệm", "nhất trí", "yêu cầu", "đề nghị", "khẩn", "thường xuyên", "định kỳ",
	"làm chủ", "làm đầu mối", "làm rõ", "làm tốt",
	"trước", "trong", "phát động", "kiện toàn", "sắp xếp", "thanh tra",
	"lồng ghép", "ưu tiên", "mở", "dừng", "thu", "chi", "gửi", "nộp", "đăng", "đưa",
	"phát triển", "phát hành", "kiểm soát", "vận hành", "điều hành", "hoạt động", "sử dụng", "điều phối",
	"bảo vệ", "ứng phó", "sẵn sàng", "chấp hành", "công bố", "tiếp nhận", "phê duyệt",
	"thông báo", "khắc phục", "tăng", "giảm", "nghiệm thu", "quyết toán", "thẩm tra", 
	"đã", "đang", "sẽ", "được", "là", "tiến độ", "khôi phục", "hỗ trợ", "định hướng",
	"tập huấn", "tiếp tục", "dành", "cân đối", "kết luận", "căn", "thu hút", 
	"đăng tải", "nhận", "liên hệ", "trực tiếp", "cử", "giúp", "phân công", "chuyển", 
	"để", "nhằm", "trên", "tại", "khi", "nếu", "sau", "do", "về", "đối với", "cùng", "với",
	"tham gia", "phổ biến", "thúc đẩy", "đề ra", "tuyên dương", "biểu dương", "quán triệt",
	"kêu gọi", "thăm", "thăm hỏi", "sửa chữa", "sửa đổi", "xác định", "phân cấp",
	"trao đổi", "khuyến khích", "tự", "tìm", "áp dụng", "ủng hộ", "mời", "đăng ký",
	"số hóa", "số hoá", "tích hợp", "kết nối", "chia sẻ", "chuyển đổi", "thành lập", "xuất cấp", "xuất cấp",
	"tăng tốc", "hạn chế", "ngăn chặn", "có ý kiến", "biết", "có kế hoạch", "thiết lập", "ứng dụng", "kính đề nghị", "kính gửi", "kính báo cáo", "trân trọng", "đạt", "vẫn", "còn", "giao", "cung ứng",
};

static const char *const issuers[] = {
	"UBND tỉnh", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "Chủ tịch UBND tỉnh",
	"Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Uỷ ban nhân dân tỉnh", "Thường trực UBND tỉnh",
	"Lãnh đạo UBND tỉnh", "UBND thành phố", "Ủy ban nhân dân thành phố", "Ủy ban nhân dân Thành phố",
	"UBND Thành phố", "Chủ tịch UBND thành phố", "Thủ tướng Chính phủ", "Thủ tướng", "Chính phủ",
};

/* Names of ministries and departments, for elliptic lists ("Các Bộ: Tài
 * chính, Văn hóa, Thể thao và Du lịch, Y tế") and names that hold a comma. */
static const char *const departments[] = {
	"Văn hóa, Thể thao và Du lịch", "Văn hóa – Thể thao và Du lịch", "Văn hóa - Thể thao và Du lịch",
	"Văn hoá, Thể thao và Du lịch", "Lao động - Thương binh và Xã hội", "Lao động – Thương binh và Xã hội",
	"Lao động, Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường",
	"Kế hoạch và Đầu tư", "Tài nguyên và Môi trường", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
	"Giáo dục và Đào tạo", "Giao thông vận tải", "Văn hóa và Thể thao", "Dân tộc và Tôn giáo",
	"Tài chính", "Xây dựng", "Công Thương", "Y tế", "Tư pháp", "Nội vụ", "Ngoại giao", "Ngoại vụ",
	"Quốc phòng", "Công an", "Du lịch", "Dân tộc",
};

bool names_is_predicate(const char *s) { return words_at_any(s, predicates, COUNT(predicates), false) != NULL; }

/* A predicate written with a capital: glued text ("Sở Nội vụ Chủ trì …"). */
bool names_is_cap_predicate(const char *s)
{
	static const char *const caps[] = { "Chủ trì", "Phối hợp", "Tham mưu", "Có trách nhiệm", "Chịu trách nhiệm" };
	return words_at_any(s, caps, COUNT(caps), false) != NULL;
}

/* Length of the head at s (0 when s does not begin an agency). */
size_t names_head_len(const char *s, bool loose)
{
	const char *h;
	if ((h = words_at_any(s, titles, COUNT(titles), false)))
		return strlen(h);
	if ((h = words_at_any(s, heads_free, COUNT(heads_free), false)))
		return strlen(h);
	if ((h = words_at_any(s, heads_named, COUNT(heads_named), false))) {
		const char *next = s + strlen(h);
		if (*next == ' ' && (text_starts_upper(next + 1) || starts_digit(next + 1) ||
				     (strcmp(h, "Báo") == 0 && words_at(next + 1, "và"))))
			return strlen(h);
	}
	if (words_at(s, "các") || words_at(s, "Các")) {
		const char *g = words_skip(s + strlen("các"));
		if (words_at(g, "đồng chí"))
			g = words_skip(g + strlen("đồng chí"));
		if (words_at(g, "trường hợp"))
			return 0; /* "các trường hợp": cases, not schools */
		if ((h = words_at_any(g, group_nouns, COUNT(group_nouns), false)))
			return (size_t)(g - s) + strlen(h);
		if (names_head_len(g, false))
			return (size_t)(g - s) + names_head_len(g, false);
		return 0;
	}
	/* "Quý Ủy ban", "Quý cơ quan": a letter's addressee, named politely */
	if (words_at(s, "Quý")) {
		const char *g = words_skip(s + strlen("Quý"));
		size_t len = names_head_len(g, true);
		if (len)
			return (size_t)(g - s) + len;
	}
	/* "Tỉnh", "Thành phố" alone: the province or city the notice is about */
	if ((words_at(s, "Tỉnh") || words_at(s, "Thành phố")) &&
	    !text_starts_upper(words_skip(s + words_len(s))))
		return words_at(s, "Tỉnh") ? strlen("Tỉnh") : strlen("Thành phố");
	if (loose && (h = words_at_any(s, member_nouns, COUNT(member_nouns), false)))
		return strlen(h);
	return 0;
}

bool names_is_member_start(const char *s) { return names_head_len(s, true) > 0; }

/* A known department name at s ("Văn hóa, Thể thao và Du lịch"): its length. */
static size_t department_at(const char *s)
{
	if (!text_starts_upper(s))
		return 0;
	for (size_t i = 0; i < COUNT(departments); i++) {
		size_t n = words_at_nocase(s, departments[i]); /* "Thông tin và truyền thông" too */
		if (n)
			return n;
	}
	return 0;
}

/* ---- names ------------------------------------------------------------------ */

void names_push(char ***names, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return;
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(name);
}

void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* A copy of s[0, n) with white space runs collapsed and ends trimmed. */
static char *clean_name(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t w = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			space = w > 0;
			continue;
		}
		if (space)
			out[w++] = ' ';
		space = false;
		out[w++] = c;
	}
	while (w && strchr(" ,;:.-", out[w - 1]))
		w--;
	out[w] = '\0';
	return out;
}


bool names_is_issuer(const char *name)
{
	for (size_t i = 0; i < COUNT(issuers); i++)
		if (strcmp(name, issuers[i]) == 0)
			return true;
	return false;
}

/* Whether the name so far is a group ("các sở, ban", "UBND các xã",
 * "Ủy ban nhân dân phường"): its commas join more of the group. */
static bool is_collective(const char *name, size_t n)
{
	if (words_at_any(name, member_nouns, COUNT(member_nouns), false))
		return true;
	for (size_t i = 0; i + 4 <= n; i++)
		if ((i == 0 || name[i - 1] == ' ') && (strncmp(name + i, "các ", 4) == 0 || strncmp(name + i, "Các ", 4) == 0))
			return true;
	static const char *const local[] = { "Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND " };
	for (size_t k = 0; k < COUNT(local); k++) {
		size_t l = strlen(local[k]);
		if (n > l && strncmp(name, local[k], l) == 0 && text_starts_lower(name + l))
			return true;
	}
	return false;
}

static const char *const function_words[] = {
	"trên", "theo", "trong", "tại", "để", "nhằm", "khi", "nếu", "sau", "do", "căn cứ", "với",
	"về", "đối với", "trường hợp", "kể cả", "nhất là", "đặc biệt", "trừ",
};

static const char *const units[] = { "tỉnh", "huyện", "xã", "thành phố", "phường", "quận", "thị xã", "thị trấn" };

/* Whether s[0, i) ends with "các tỉnh", "các huyện" … */
static bool ends_with_units(const char *s, size_t i)
{
	for (size_t u = 0; u < COUNT(units); u++) {
		char tail[32];
		snprintf(tail, sizeof tail, "ác %s", units[u]);
		size_t t = strlen(tail);
		/* "các tỉnh", or "Các tỉnh" opening the list */
		if (i > t && strncmp(s + i - t, tail, t) == 0 && (s[i - t - 1] == 'c' || (s[i - t - 1] == 'C' && i == t + 1)))
			return true;
	}
	return false;
}

/* Whether s[0, i) ends with a level of government, bare ("… nhân dân xã"). */
static bool ends_with_unit(const char *s, size_t i)
{
	for (size_t u = 0; u < COUNT(units); u++) {
		size_t t = strlen(units[u]);
		if (i > t && s[i - t - 1] == ' ' && strncmp(s + i - t, units[u], t) == 0)
			return true;
	}
	return false;
}

/* Whether the word that ends s[0, i) is one of the words. */
static bool word_before_in(const char *s, size_t i, const char *const *words_)
{
	size_t e = i;
	while (e && s[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b && s[b - 1] != ' ')
		b--;
	for (size_t k = 0; k < 6; k++)
		if (e - b == strlen(words_[k]) && strncmp(s + b, words_[k], e - b) == 0)
			return true;
	return false;
}

static bool plural_head(const char *s, size_t i)
{
	static const char *const heads[] = { "các Bộ", "Các Bộ", "các bộ", "Các bộ", "các Sở", "Các Sở", "các sở", "Các sở" };
	for (size_t k = 0; k < COUNT(heads); k++)
		if (i == strlen(heads[k]) && strncmp(s, heads[k], i) == 0)
			return true;
	return false;
}

/* Whether a comma after the name so far (s[0, i)) goes on inside it: a
 * group goes on with more of the group ("các sở, ban, ngành", "UBND các xã,
 * phường", "các cơ quan tham mưu, quản lý nhà nước"), a proper name with
 * capitalised words ("Sở Văn hóa, Thể thao và Du lịch", "Vụ Kế hoạch, Tài
 * chính"); a comma before another agency ends it. */
static bool comma_goes_on(const char *s, size_t i, const char *q)
{
	if (!words_char(q) || names_head_len(q, false))
		return false;
	/* "Ủy ban nhân dân xã, phường": a bare level goes on with another */
	if (ends_with_unit(s, i) && words_at_any(q, units, COUNT(units), false))
		return true;
	if (words_at_any(q, agents, COUNT(agents), false))
		return false;
	if (is_collective(s, i))
		return words_at_any(q, group_nouns, COUNT(group_nouns), false) ||
		       (text_starts_lower(q) && !names_is_predicate(q) && !words_at_any(q, function_words, COUNT(function_words), false));
	if (names_is_member_start(q))
		return false;
	return text_starts_upper(q) && !names_is_cap_predicate(q);
}

/* After a comma at p inside the name s[0, *i): whether the name goes on
 * (and *i past the comma and a group's noun after it). */
static bool after_comma(const char *s, size_t *i, const char *p, bool relative)
{
	const char *q = words_skip(p + 1);
	if (relative && names_is_predicate(q)) {
		*i = (size_t)(q - s);
		return true;
	}
	if (!comma_goes_on(s, *i, q))
		return false;
	/* "các cơ quan, tổ chức": the group's noun, even one that is also a verb */
	const char *g = words_at_any(q, group_nouns, COUNT(group_nouns), false);
	*i = (size_t)(q - s) + (g ? strlen(g) : 0);
	return true;
}

/* After "và"/"cùng" (q the word after it) inside the name s[0, *i): whether
 * it joins words of this name rather than begin the next name or the verb. */
static bool after_and(const char *s, size_t *i, const char *q, bool names_only)
{
	q = words_skip(q);
	if (names_head_len(q, false) || (!is_collective(s, *i) && names_is_member_start(q)) ||
	    (!names_only && names_is_predicate(q)))
		return false;
	if (is_collective(s, *i) && words_at_any(q, member_nouns, COUNT(member_nouns), false))
		return false;
	*i = (size_t)(q - s);
	return true;
}

/* Words that are verbs elsewhere but name a field after a noun: "Vụ Vật
 * liệu xây dựng", "Ban Quản lý dự án đầu tư xây dựng", "Quỹ Đầu tư phát
 * triển", "công trình", "giao thông". */
static bool verb_as_noun(const char *s, size_t i, const char *p)
{
	static const char *const fields_before[] = { "liệu", "tư", "trình", "hoạch", "lượng", "cứu" };
	if ((words_at(p, "xây dựng") || words_at(p, "phát triển")) && word_before_in(s, i, fields_before))
		return true;
	if (words_at(p, "trình") && i >= 5 &&
	    (words_at(s + i - strlen("công"), "công") || words_at(s + i - strlen("chương"), "chương") ||
	     words_at(s + i - strlen("Chương"), "Chương") || words_at(s + i - strlen("quá"), "quá")))
		return true;
	/* "cơ quan thanh tra", "Đoàn kiểm tra liên ngành": what the body does */
	static const char *const bodies[] = { "cơ quan", "Cơ quan", "đoàn", "Đoàn" };
	if (words_at(p, "thanh tra") || words_at(p, "kiểm tra"))
		for (size_t k = 0; k < COUNT(bodies); k++) {
			size_t t = strlen(bodies[k]);
			if ((i == t || (i > t && s[i - t - 1] == ' ')) && strncmp(s + i - t, bodies[k], t) == 0)
				return true;
		}
	return words_at(p, "giao thông") || words_at(p, "giao dịch");
}

/* A relative clause in a name: "đơn vị được lựa chọn quan trắc …",
 * "được giao quản lý, sử dụng hoặc khai thác". */
struct relative {
	bool after_duoc; /* "được" just read: the participle is the name's */
	bool in_clause;  /* inside the clause: participles after its commas are too */
	bool participle; /* the step read a participle (a word of the name) */
};

/* One step of a name over a relative clause at p: returns true with *i past
 * what it read, false when p is no part of one. */
static bool relative_step(const char *s, size_t *i, const char *p, size_t words, bool names_only, struct relative *r)
{
	size_t wl = words_len(p);
	r->participle = false;
	if (words_at(p, "được") && (words == 0 || names_only)) {
		r->after_duoc = true;
		*i = (size_t)(p - s) + wl;
		return true;
	}
	/* in a heading of names, too: "các tổ chức, cá nhân được cấp giấy
	 * phép khai thác, thu hồi khoáng sản" */
	r->in_clause = r->in_clause || (names_only && words_at(p, "được"));
	const char *back = p;
	while (back > s && back[-1] == ' ')
		back--;
	if (r->after_duoc || (r->in_clause && back > s && back[-1] == ',')) {
		const char *pr = words_at_any(p, predicates, COUNT(predicates), false);
		*i = (size_t)(p - s) + (pr ? strlen(pr) : wl);
		/* "được giao chủ trì", "được phân công chủ trì": the role assigned */
		const char *role = words_skip(s + *i);
		if (pr && (!strcmp(pr, "giao") || !strcmp(pr, "phân công")) && words_at(role, "chủ trì"))
			*i = (size_t)(role - s) + strlen("chủ trì");
		r->in_clause = true;
		r->after_duoc = false;
		r->participle = true;
		return true;
	}
	return false;
}

/* Scans one name at s (which begins with a head). Returns its length. In a
 * heading that is only names (`names_only`), verbs do not end a name:
 * "Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ". */
static size_t scan_name(const char *s, bool loose, bool names_only)
{
	size_t i = names_head_len(s, loose), words = 0;
	struct relative rel = { false, false, false };
	if (!i)
		return 0;
	for (;;) {
		const char *p = words_skip(s + i);
		char c = *p;
		if (c == '\0' || strchr(".;:()[]!?\"", c) || !strncmp(p, "“", 3) || !strncmp(p, "”", 3))
			break;
		if (c == ',') {
			if (!after_comma(s, &i, p, rel.in_clause))
				break;
			continue;
		}
		/* a department's name, commas and all ("Bộ Văn hóa, Thể thao và Du lịch");
		 * after "các Bộ" it begins an elliptic list ("các Bộ Tài chính, Y tế") */
		size_t dep = department_at(p);
		if (dep && words == 0 && plural_head(s, i))
			break;
		if (dep) {
			i = (size_t)(p - s) + dep;
			words++;
			continue;
		}
		size_t wl = words_len(p);
		if (wl == 0) {
			i = (size_t)(p - s) + 1;
			continue;
		}
		/* "UBND các huyện Tân Uyên, Than Uyên": the places are distributed */
		if (text_starts_upper(p) && ends_with_units(s, i))
			break;
		if (words_at(p, "và") || words_at(p, "cùng")) {
			if (!after_and(s, &i, p + wl, names_only))
				break;
			continue;
		}
		if (relative_step(s, &i, p, words, names_only, &rel)) {
			words += rel.participle;
			continue;
		}
		/* a head inside the name is a whole, its verbs and all: "Chủ tịch
		 * Hội đồng thẩm định", "Trưởng Ban chỉ đạo" */
		const char *inner = words_at_any(p, heads_free, COUNT(heads_free), false);
		if (inner) {
			i = (size_t)(p - s) + strlen(inner);
			words++;
			continue;
		}
		if (words_at(p, "trong và ngoài")) {
			i = (size_t)(p - s) + strlen("trong và ngoài");
			continue;
		}
		bool noun = verb_as_noun(s, i, p);
		/* in a heading of names, a group's attributes may read like verbs */
		bool verbs_end = !(names_only && is_collective(s, i));
		if (verbs_end && !noun && (names_is_predicate(p) || names_is_cap_predicate(p)) && !words_at(p, "có liên quan"))
			break;
		if (words_at(p, "có liên quan") || words_at(p, "liên quan")) {
			/* the last words of a group: "các cơ quan (có) liên quan" */
			i = (size_t)(p - s) + strlen(words_at(p, "có liên quan") ? "có liên quan" : "liên quan");
			const char *q = words_skip(s + i);
			if (*q != ',' || !comma_goes_on(s, i, words_skip(q + 1)))
				break;
			continue;
		}
		if (++words > 24)
			return 0; /* not a name: a sentence that began with a head word */
		i = (size_t)(p - s) + wl;
	}
	while (i && (s[i - 1] == ' ' || s[i - 1] == ','))
		i--;
	return i;
}

/* "Văn phòng Chính phủ thông báo …" → the issuer; titles like "các đồng chí". */
static char *tidy_name(char *name)
{
	static const char *const drop[] = { "các đồng chí ", "Các đồng chí ", "đồng chí ", "Đồng chí " };
	for (size_t i = 0; i < COUNT(drop); i++) {
		size_t n = strlen(drop[i]);
		if (strncmp(name, drop[i], n) == 0) {
			memmove(name, name + n, strlen(name + n) + 1);
			break;
		}
	}
	/* "Các Bộ trưởng": the office, held in each ministry */
	if ((words_at(name, "Các") || words_at(name, "các")) && words_at_any(words_skip(name + 4), titles, COUNT(titles), false)) {
		const char *t = words_skip(name + 4);
		memmove(name, t, strlen(t) + 1);
	}
	return name;
}

/* Items of an elliptic list or a distribution after s: proper names
 * separated by ", " and " và ", up to the predicate. Returns the end. */
static size_t scan_items(const char *s, char ***items, size_t *n, bool departments_only)
{
	size_t i = 0, end = 0;
	for (;;) {
		const char *p = words_skip(s + i);
		size_t len = department_at(p);
		if (!len && names_head_len(p, false))
			len = scan_name(p, false, false);
		if (!len && !departments_only && text_starts_upper(p) && !names_is_cap_predicate(p)) {
			/* a proper name: capitalised words */
			const char *q = p;
			while (text_starts_upper(q) && !names_is_cap_predicate(q)) {
				q += words_len(q);
				if (*q == ' ' && text_starts_upper(q + 1))
					q++;
				else
					break;
			}
			len = (size_t)(q - p);
		}
		if (!len && departments_only && text_starts_upper(p) && !names_is_cap_predicate(p)) {
			/* a name not in the table: up to the comma, "và" or the predicate */
			const char *q = p;
			while (words_char(q)) {
				q += words_len(q);
				const char *r = words_skip(q);
				if (*q != ' ' || !words_char(r) || words_at(r, "và") || names_is_predicate(r))
					break;
				q = r;
			}
			len = (size_t)(q - p);
		}
		if (!len)
			break;
		char *item = clean_name(p, len);
		names_push(items, n, item);
		free(item);
		end = (size_t)(p - s) + len;
		const char *q = s + end;
		if (*q == ',' && q[1] == ' ')
			i = end + 2;
		else if (words_at(words_skip(q), "và"))
			i = (size_t)(words_skip(q) - s) + strlen("và");
		else
			break;
	}
	return end;
}

/* "Các Bộ: Tài chính, Y tế" → "Bộ Tài chính", "Bộ Y tế". */
static const char *elliptic_head(const char *name)
{
	static const char *const forms[][2] = {
		{ "Các Bộ, cơ quan", "Bộ" }, { "các Bộ, cơ quan", "Bộ" }, { "Các Bộ, ngành", "Bộ" },
		{ "các Bộ, ngành", "Bộ" }, { "Các Bộ", "Bộ" }, { "các Bộ", "Bộ" }, { "Các bộ", "Bộ" },
		{ "các bộ", "Bộ" }, { "Các sở", "Sở" }, { "các sở", "Sở" }, { "Các Sở", "Sở" },
		{ "các Sở", "Sở" }, { "Các Sở, ngành", "Sở" }, { "các sở, ngành", "Sở" },
		{ "Các Tập đoàn", "Tập đoàn" }, { "các Tập đoàn", "Tập đoàn" }, { "các tập đoàn", "Tập đoàn" },
		{ "Bộ trưởng các Bộ", "Bộ trưởng Bộ" }, { "Bộ trưởng các bộ", "Bộ trưởng Bộ" },
		{ "Giám đốc các Sở", "Giám đốc Sở" }, { "Giám đốc các sở", "Giám đốc Sở" },
		{ "Các Tổng công ty", "Tổng công ty" }, { "các Tổng công ty", "Tổng công ty" },
	};
	for (size_t i = 0; i < COUNT(forms); i++)
		if (strcmp(name, forms[i][0]) == 0)
			return forms[i][1];
	return NULL;
}

/* The units a list is distributed over: "… các tỉnh: A, B" → "tỉnh";
 * "Các tỉnh A, B" alone: prefix 0. */
static const char *distributed_unit(const char *name, size_t *prefix)
{
	for (size_t u = 0; u < COUNT(units); u++) {
		if ((words_at(name, "Các") || words_at(name, "các")) && strcmp(name + strlen("các "), units[u]) == 0) {
			*prefix = 0;
			return units[u];
		}
		char tail[32];
		snprintf(tail, sizeof tail, " các %s", units[u]);
		size_t n = strlen(name), t = strlen(tail);
		if (n > t && strcmp(name + n - t, tail) == 0) {
			*prefix = n - t;
			return units[u];
		}
	}
	return NULL;
}

static void distribute(char ***names, size_t *n, size_t first, char **items, size_t n_items, const char *unit)
{
	size_t end = *n;
	char **old = xmalloc((end - first) * sizeof *old);
	for (size_t k = first; k < end; k++)
		old[k - first] = (*names)[k];
	*n = first;
	for (size_t k = 0; k < end - first; k++) {
		const char *name = old[k];
		size_t prefix;
		const char *u = distributed_unit(name, &prefix);
		size_t len = strlen(name);
		bool party = len >= strlen("tỉnh ủy") && (strcmp(name + len - strlen("tỉnh ủy"), "tỉnh ủy") == 0 ||
							  strcmp(name + len - strlen("Tỉnh ủy"), "Tỉnh ủy") == 0);
		for (size_t it = 0; it < n_items; it++) {
			char *full = NULL;
			if (u && strcmp(u, unit) == 0 && prefix == 0)
				full = xasprintf("%s %s", u, items[it]);
			else if (u && strcmp(u, unit) == 0)
				full = xasprintf("%.*s %s %s", (int)prefix, name, u, items[it]);
			else if (party)
				full = xasprintf("%s %s", name, items[it]);
			if (full) {
				names_push(names, n, full);
				free(full);
			}
		}
		if (!(u && strcmp(u, unit) == 0) && !party)
			names_push(names, n, name);
		free(old[k]);
	}
	free(old);
}

/* "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố": the councils
 * and committees of the provinces; a bare council or committee takes the
 * complement of the committee or council named after it. */
static void share_complement(char **names, size_t n, size_t first)
{
	static const char *const bodies[] = { "Hội đồng nhân dân", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND" };
	if (n < first + 2)
		return;
	const char *last = names[n - 1];
	const char *rest = NULL;
	for (size_t b = 0; b < COUNT(bodies) && !rest; b++)
		if (words_at(last, bodies[b]) && last[strlen(bodies[b])] == ' ')
			rest = last + strlen(bodies[b]) + 1;
	if (!rest)
		return;
	for (size_t k = n - 1; k-- > first;) {
		bool bare = false;
		for (size_t b = 0; b < COUNT(bodies) && !bare; b++)
			bare = strcmp(names[k], bodies[b]) == 0;
		if (!bare)
			break;
		char *full = xasprintf("%s %s", names[k], rest);
		free(names[k]);
		names[k] = full;
	}
}

/* "Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ": an office before
 * a body is the next body's too when that names the same kind of body (its
 * first two words). */
static void share_title(char **names, size_t n, size_t first)
{
	if (n < first + 2 || !text_starts_lower(names[n - 1]))
		return;
	const char *prev = names[n - 2], *t = words_at_any(prev, titles, COUNT(titles), false);
	if (!t || prev[strlen(t)] != ' ')
		return;
	const char *body = prev + strlen(t) + 1, *last = names[n - 1];
	size_t two = words_len(body);
	if (body[two] != ' ')
		return;
	two += 1 + words_len(body + two + 1);
	if (strncmp(body, last, two) != 0 || (last[two] != ' ' && last[two] != '\0'))
		return;
	char *full = xasprintf("%s %s", t, last);
	free(names[n - 1]);
	names[n - 1] = full;
}

/* "(Sở Y tế, Sở Xây dựng)" right after a group: appends the members and
 * returns true when the parentheses hold nothing but agencies. */
static bool members_in_parens(const char *after, char ***names, size_t *n)
{
	const char *p = words_skip(after);
	const char *close = *p == '(' ? strchr(p, ')') : NULL;
	if (!close || !names_head_len(words_skip(p + 1), false))
		return false;
	char *inside = xstrndup(p + 1, (size_t)(close - p - 1));
	char **got = NULL;
	size_t ng = 0;
	size_t len = names_scan_list(inside, &got, &ng, false, true);
	bool all = ng > 0 && !*words_skip(inside + len);
	for (size_t i = 0; all && i < ng; i++)
		names_push(names, n, got[i]);
	names_free(got, ng);
	free(inside);
	return all;
}

/* Scans a list of agencies at s (which begins a head); appends them to
 * *names and returns the length of the list. */
/* " (VTV)" after a name: its abbreviation, read with it. Its length, or 0. */
static size_t abbreviation_at(const char *s)
{
	const char *p = words_skip(s);
	if (*p != '(')
		return 0;
	const char *close = strchr(p, ')');
	if (!close || close - p < 3 || close - p > 20)
		return 0;
	char *inside = xstrndup(p + 1, (size_t)(close - p - 1));
	bool abbreviation = !text_has_lower(inside) && !strchr(inside, ' ') && !strchr(inside, ',');
	free(inside);
	return abbreviation ? (size_t)(close + 1 - s) : 0;
}

size_t names_scan_list(const char *s, char ***names, size_t *n, bool loose, bool names_only)
{
	size_t i = 0, first = *n;
	for (;;) {
		const char *p = words_skip(s + i);
		size_t len = scan_name(p, loose || i > 0, names_only);
		if (!len)
			break;
		char *name = tidy_name(clean_name(p, len));
		size_t end = (size_t)(p - s) + len;
		const char *after = s + end;
		const char *ell = elliptic_head(name);
		size_t prefix;
		const char *unit = distributed_unit(name, &prefix);
		bool bare_ellipsis = ell && *after == ' ' && department_at(after + 1);
		if (ell && (*after == ':' || bare_ellipsis)) {
			char **items = NULL;
			size_t ni = 0;
			size_t e = scan_items(after + 1, &items, &ni, true);
			for (size_t k = 0; k < ni; k++) {
				/* "Công an" is a ministry here, "Tập đoàn …" is its own */
				char *full = names_head_len(items[k], false) && !department_at(items[k]) ? xstrdup(items[k])
												   : xasprintf("%s %s", ell, items[k]);
				names_push(names, n, full);
				free(full);
			}
			names_free(items, ni);
			free(name);
			if (ni == 0)
				break;
			end += 1 + e;
		} else if (unit && (*after == ':' || (*after == ' ' && text_starts_upper(after + 1)))) {
			char **items = NULL;
			size_t ni = 0;
			size_t e = scan_items(after + (*after == ':'), &items, &ni, false);
			names_push(names, n, name);
			free(name);
			if (ni)
				distribute(names, n, first, items, ni, unit);
			names_free(items, ni);
			end += (*after == ':') + e;
		} else if (is_collective(name, strlen(name)) && members_in_parens(after, names, n)) {
			/* the group names its members: they are the agencies */
			free(name);
			end = (size_t)(strchr(after, ')') - s) + 1;
		} else {
			names_push(names, n, name);
			free(name);
		}
		i = end + abbreviation_at(s + end);
		share_complement(*names, *n, first);
		share_title(*names, *n, first);
		const char *q = s + i;
		if (*q == ',' || *q == ';') {
			const char *r = words_skip(q + 1);
			if (names_is_member_start(r)) {
				i = (size_t)(r - s);
				continue;
			}
			break;
		}
		const char *r = words_skip(q);
		if (words_at(r, "và") || words_at(r, "cùng")) {
			const char *t = words_skip(r + words_len(r));
			if (names_is_member_start(t)) {
				i = (size_t)(t - s);
				continue;
			}
		}
		break;
	}
	return i;
}

/* Text in capitals ("NHIỆM VỤ CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG") as a
 * sentence writes it: heads and departments as the lists spell them, the
 * word after a head and the words of a place capitalised, a group ("các
 * sở, ban, ngành") and the rest in small letters. */
char *names_sentence_case(const char *caps)
{
	static const char *const before_name[] = { "của", "và", "với", "cho", "giao", "gồm", "đối với" };
	char *s = text_lower_dup(caps);
	bool proper_next = false, place = false, group = false, may_name = true;
	for (char *p = s; *p;) {
		if (!words_char(p)) {
			place = place && *p == ' ';
			may_name = may_name || *p != ' ';
			p++;
			continue;
		}
		const char *known = NULL;
		bool head = false;
		if (!place && (known = words_at_any_lower(p, departments, COUNT(departments))) == NULL && !group && may_name) {
			if (!(known = words_at_any_lower(p, titles, COUNT(titles))) &&
			    !(known = words_at_any_lower(p, heads_free, COUNT(heads_free))))
				known = words_at_any_lower(p, heads_named, COUNT(heads_named));
			head = known != NULL;
		}
		const char *unit = known || group ? NULL : words_at_any_lower(p, units, COUNT(units));
		size_t len = known ? strlen(known) : unit ? strlen(unit) : words_len(p);
		if (known)
			memcpy(p, known, len); /* at_any_lower matched it: the same letters, as long */
		else if (!unit && (p == s || proper_next || place))
			text_capitalise(p);
		place = place || unit;
		group = group || words_at_lower(p, "các");
		proper_next = head;
		/* a name begins a text, follows a head, punctuation or "của", "và" … */
		may_name = head || words_at_any(p, before_name, COUNT(before_name), false) != NULL;
		p += len;
	}
	return s;
}
