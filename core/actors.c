#include "core/actors.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- characters and words ------------------------------------------------- */

static bool starts_digit(const char *s) { return *s >= '0' && *s <= '9'; }

static bool word_char(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (c == 0 || c == ' ' || c == '\n' || c == '\t')
		return false;
	if (c < 0x80)
		return strchr(",;:.()[]!?\"'", c) == NULL;
	/* “ ” ‘ ’ … are punctuation */
	return !(c == 0xe2 && (unsigned char)s[1] == 0x80 &&
		 ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d || (unsigned char)s[2] == 0x98 ||
		  (unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0xa6));
}

static size_t word_len(const char *s)
{
	size_t n = 0;
	while (word_char(s + n))
		n++;
	return n;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/* Whether s begins with the words of phrase, followed by the end of a word. */
static bool at_phrase(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	return strncmp(s, phrase, n) == 0 && !word_char(s + n);
}

/* Like at_phrase, with the first letter of s in either case. */
static bool at_phrase_ci(const char *s, const char *phrase)
{
	if (at_phrase(s, phrase))
		return true;
	uint32_t cs, cp;
	size_t a = text_utf8_decode(s, strnlen(s, 4), &cs), b = text_utf8_decode(phrase, strnlen(phrase, 4), &cp);
	if (!a || !b || text_cp_lower(cs) != text_cp_lower(cp))
		return false;
	size_t n = strlen(phrase + b);
	return strncmp(s + a, phrase + b, n) == 0 && !word_char(s + a + n);
}

static const char *at_any(const char *s, const char *const *list, size_t n, bool any_case)
{
	for (size_t i = 0; i < n; i++)
		if (any_case ? at_phrase_ci(s, list[i]) : at_phrase(s, list[i]))
			return list[i];
	return NULL;
}

/* ---- vocabulary ----------------------------------------------------------- */

/* Heads that are an agency whatever follows them. */
static const char *const heads_free[] = {
	"Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "HĐND", "Hội đồng nhân dân", "UBMTTQ",
	"MTTQ", "Ủy ban Mặt trận", "Uỷ ban Mặt trận", "Mặt trận Tổ quốc", "Ủy ban", "Uỷ ban",
	"Bộ Chỉ huy", "BCH", "Bộ đội Biên phòng", "Bộ đội biên phòng", "Công an", "Kho bạc", "KBNN",
	"Ngân hàng", "NHNN", "Bảo hiểm xã hội", "BHXH", "Bệnh viện", "Cục", "Chi cục", "Tổng cục",
	"Văn phòng", "Trung tâm", "Tập đoàn", "Tổng công ty", "Tổng Công ty", "Công ty", "Học viện",
	"Viện kiểm sát", "Tòa án", "Toà án", "Cảng vụ", "Hải quan", "Bưu điện", "Liên đoàn",
	"Liên minh", "Tỉnh đoàn", "Thành đoàn", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ",
	"Huyện ủy", "Huyện uỷ", "Đảng ủy", "Đảng uỷ", "Ban quản lý", "Ban Quản lý", "Ban chỉ đạo",
	"Ban Chỉ đạo", "Ban chỉ huy", "Ban Chỉ huy", "Ban Dân tộc", "BQL", "BCĐ", "Quân khu",
	"Thuế tỉnh", "Thuế thành phố", "Thuế cơ sở", "Chi nhánh", "Quỹ", "Đài Phát thanh",
	"Đài phát thanh", "Đài Truyền hình", "Thanh tra tỉnh", "Thanh tra Chính phủ", "Thanh tra Bộ",
	"Thanh tra Sở", "Văn phòng UBND", "Hội Liên hiệp", "Hội Nông dân", "Hội Cựu chiến binh",
	"Đoàn Thanh niên", "Đoàn thanh niên", "Đoàn Đại biểu", "Điện lực", "Viễn thông",
	"Vườn quốc gia", "Vườn Quốc gia", "Chủ đầu tư", "Hiệp hội", "Tạp chí", "Khu bảo tồn",
	"Ban Quản lý dự án", "Ban quản lý dự án", "Hội đồng thẩm định", "Hội đồng", "Tổ giúp việc",
	"Tổ công tác", "Tổ thẩm định", "Tổ chuyên gia",
};

/* Heads that need a proper name (a capital or a digit) after them: "Sở Y tế",
 * not "Sở hữu"; "Báo Nhân dân", not "Báo cáo"; "Trường Chính trị", not
 * "Trường hợp". */
static const char *const heads_named[] = {
	"Sở", "Bộ", "Ban", "Vụ", "Phòng", "Đài", "Báo", "Hội", "Trường", "Viện", "Đoàn", "Đại học",
	"Thanh tra", "Thuế", "Cơ quan", "Tổ",
};

/* Offices held by a person who must act. */
static const char *const titles[] = {
	"Bộ trưởng", "Thứ trưởng", "Thủ trưởng", "Phó Chủ tịch", "Chủ tịch", "Phó Giám đốc",
	"Tổng Giám đốc", "Tổng giám đốc", "Giám đốc", "Thống đốc", "Phó Thủ tướng", "Bí thư",
	"Phó Bí thư", "Chánh Văn phòng", "Chánh văn phòng", "Chánh Thanh tra", "Trưởng ban",
	"Trưởng Ban", "Trưởng phòng", "Trưởng Phòng", "Cục trưởng", "Chi cục trưởng", "Vụ trưởng",
	"Viện trưởng", "Hiệu trưởng", "Tư lệnh", "Chỉ huy trưởng", "Người đứng đầu", "Tổng cục trưởng",
	"Tổng Kiểm toán", "Chánh án", "Viện trưởng", "Thành viên", "Tổ trưởng", "Thư ký",
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
	"đài", "báo", "Đài", "Báo", "cấp ủy", "cấp uỷ",
};

/* Group nouns that can stand for a member of a list without "các"
 * ("phối hợp với sở, ban, ngành", "và đơn vị có liên quan"). */
static const char *const member_nouns[] = {
	"sở", "cơ quan", "đơn vị", "địa phương", "tổ chức", "doanh nghiệp", "báo, đài",
	"báo chí", "lực lượng", "chính quyền địa phương", "nhà đầu tư", "chủ đầu tư", "chủ dự án",
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
	"tích cực", "có trách nhiệm", "trình", "ra soát", "xem xét", "rà", "soát xét",
	"chịu trách nhiệm", "nhất trí", "yêu cầu", "đề nghị", "khẩn", "thường xuyên", "định kỳ",
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
	"tăng tốc", "hạn chế", "ngăn chặn", "có ý kiến", "biết", "có kế hoạch", "thiết lập", "ứng dụng", "kính đề nghị", "kính gửi", "kính báo cáo", "trân trọng", "đạt", "vẫn", "còn", "giao", "cung ứng",
};

/* Sentence openers: "Căn cứ …, Sở Y tế …". */
static const char *const openers[] = {
	"Căn cứ", "Trên cơ sở", "Trong thời gian tới", "Trong thời gian", "Thay mặt", "Đồng thời",
	"Ngoài ra", "Trong phạm vi", "Sau khi", "Trong quá trình", "Bên cạnh đó", "Theo đó",
	"Thực hiện", "Trường hợp", "Để", "Từ nay", "Trước mắt", "Trong tháng", "Trong năm",
	"Trong quý", "Cùng với", "Nhằm", "Riêng", "Đối với", "Trước", "Hằng năm", "Hàng năm",
	"Định kỳ", "Khi", "Tiếp theo", "Mặt khác", "Với", "Tuy nhiên", "Vì vậy", "Do đó", "Trên",
};

/* What the issuer says of its own notice: "UBND tỉnh yêu cầu …",
 * "Bộ trưởng giao:". The first ones only when the speaker is the issuer. */
static const char *const issuer_verbs[] = {
	"giao", "yêu cầu", "đề nghị", "ban hành", "phân công", "quyết định", "chỉ thị",
	"kết luận", "thông báo", "có ý kiến", "nhất trí", "thống nhất", "điện", "kính đề nghị",
	"trân trọng đề nghị", "đã ban hành", "trân trọng cảm ơn",
};
#define ISSUER_ONLY_VERBS 7

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

static bool is_predicate(const char *s) { return at_any(s, predicates, COUNT(predicates), false) != NULL; }

/* A predicate written with a capital: glued text ("Sở Nội vụ Chủ trì …"). */
static bool is_cap_predicate(const char *s)
{
	static const char *const caps[] = { "Chủ trì", "Phối hợp", "Tham mưu", "Có trách nhiệm", "Chịu trách nhiệm" };
	return at_any(s, caps, COUNT(caps), false) != NULL;
}

/* Length of the head at s (0 when s does not begin an agency). */
static size_t head_len(const char *s, bool loose)
{
	const char *h;
	if ((h = at_any(s, titles, COUNT(titles), false)))
		return strlen(h);
	if ((h = at_any(s, heads_free, COUNT(heads_free), false)))
		return strlen(h);
	if ((h = at_any(s, heads_named, COUNT(heads_named), false))) {
		const char *next = s + strlen(h);
		if (*next == ' ' && (text_starts_upper(next + 1) || starts_digit(next + 1) ||
				     (strcmp(h, "Báo") == 0 && at_phrase(next + 1, "và"))))
			return strlen(h);
	}
	if (at_phrase(s, "các") || at_phrase(s, "Các")) {
		const char *g = skip_spaces(s + strlen("các"));
		if (at_phrase(g, "đồng chí"))
			g = skip_spaces(g + strlen("đồng chí"));
		if ((h = at_any(g, group_nouns, COUNT(group_nouns), false)))
			return (size_t)(g - s) + strlen(h);
		if (head_len(g, false))
			return (size_t)(g - s) + head_len(g, false);
		return 0;
	}
	/* "Tỉnh", "Thành phố" alone: the province or city the notice is about */
	if ((at_phrase(s, "Tỉnh") || at_phrase(s, "Thành phố")) &&
	    !text_starts_upper(skip_spaces(s + word_len(s))))
		return at_phrase(s, "Tỉnh") ? strlen("Tỉnh") : strlen("Thành phố");
	if (loose && (h = at_any(s, member_nouns, COUNT(member_nouns), false)))
		return strlen(h);
	return 0;
}

bool actors_is_agency_start(const char *s) { return head_len(s, false) > 0; }

static bool is_member_start(const char *s) { return head_len(s, true) > 0; }

/* A known department name at s ("Văn hóa, Thể thao và Du lịch"): its length. */
static size_t department_at(const char *s)
{
	if (!text_starts_upper(s))
		return 0;
	for (size_t i = 0; i < COUNT(departments); i++)
		if (at_phrase_ci(s, departments[i]))
			return strlen(departments[i]);
	return 0;
}

/* ---- names ------------------------------------------------------------------ */

void actors_push(char ***names, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return;
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(name);
}

void actors_free_names(char **names, size_t n)
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

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static bool is_issuer_name(const char *name)
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
	if (at_any(name, member_nouns, COUNT(member_nouns), false))
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

static const char *const units[] = { "tỉnh", "huyện", "xã", "thành phố", "phường", "quận", "thị xã" };

/* Whether s[0, i) ends with "các tỉnh", "các huyện" … */
static bool ends_with_units(const char *s, size_t i)
{
	for (size_t u = 0; u < COUNT(units); u++) {
		char tail[32];
		snprintf(tail, sizeof tail, "các %s", units[u]);
		size_t t = strlen(tail);
		if (i >= t && strncmp(s + i - t, tail, t) == 0)
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
	if (!word_char(q) || head_len(q, false))
		return false;
	if (at_any(q, agents, COUNT(agents), false))
		return false;
	if (is_collective(s, i))
		return at_any(q, group_nouns, COUNT(group_nouns), false) ||
		       (text_starts_lower(q) && !is_predicate(q) && !at_any(q, function_words, COUNT(function_words), false));
	if (is_member_start(q))
		return false;
	return text_starts_upper(q) && !is_cap_predicate(q);
}

/* Scans one name at s (which begins with a head). Returns its length. In a
 * heading that is only names (`names_only`), verbs do not end a name:
 * "Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ". */
static size_t scan_name(const char *s, bool loose, bool names_only)
{
	size_t i = head_len(s, loose), words = 0;
	bool after_duoc = false, relative = false;
	if (!i)
		return 0;
	for (;;) {
		const char *p = skip_spaces(s + i);
		char c = *p;
		if (c == '\0' || strchr(".;:()[]!?\"", c) || !strncmp(p, "“", 3) || !strncmp(p, "”", 3))
			break;
		if (c == ',') {
			const char *q = skip_spaces(p + 1);
			if (relative && is_predicate(q)) {
				i = (size_t)(q - s);
				continue;
			}
			if (!comma_goes_on(s, i, q))
				break;
			/* "các cơ quan, tổ chức": the group's noun, even one that is also a verb */
			const char *g = at_any(q, group_nouns, COUNT(group_nouns), false);
			i = (size_t)(q - s) + (g ? strlen(g) : 0);
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
		size_t wl = word_len(p);
		if (wl == 0) {
			i = (size_t)(p - s) + 1;
			continue;
		}
		/* "UBND các huyện Tân Uyên, Than Uyên": the places are distributed */
		if (text_starts_upper(p) && ends_with_units(s, i))
			break;
		if (at_phrase(p, "và") || at_phrase(p, "cùng")) {
			const char *q = skip_spaces(p + wl);
			if (head_len(q, false) || (!is_collective(s, i) && is_member_start(q)) || (!names_only && is_predicate(q)))
				break;
			if (is_collective(s, i) && at_any(q, member_nouns, COUNT(member_nouns), false))
				break;
			i = (size_t)(q - s);
			continue;
		}
		if (at_phrase(p, "được") && words == 0 && !names_only) {
			/* a relative clause: "đơn vị được lựa chọn quan trắc …" */
			after_duoc = true;
			i = (size_t)(p - s) + wl;
			continue;
		}
		/* the participle after "được" belongs to the name, and so do those
		 * listed with it: "được giao quản lý, sử dụng hoặc khai thác" */
		const char *back = p;
		while (back > s && back[-1] == ' ')
			back--;
		if (after_duoc || (relative && back > s && back[-1] == ',')) {
			const char *pr = at_any(p, predicates, COUNT(predicates), false);
			i = (size_t)(p - s) + (pr ? strlen(pr) : wl);
			relative = true;
			after_duoc = false;
			words++;
			continue;
		}
		/* a head inside the name is a whole, its verbs and all: "Chủ tịch
		 * Hội đồng thẩm định", "Trưởng Ban chỉ đạo" */
		const char *inner = at_any(p, heads_free, COUNT(heads_free), false);
		if (inner) {
			i = (size_t)(p - s) + strlen(inner);
			words++;
			continue;
		}
		if (at_phrase(p, "trong và ngoài")) {
			i = (size_t)(p - s) + strlen("trong và ngoài");
			continue;
		}
		/* "xây dựng", "phát triển" after a noun name a field: "Vụ Vật liệu xây
		 * dựng", "Ban Quản lý dự án đầu tư xây dựng", "Quỹ Đầu tư phát triển" */
		static const char *const fields_before[] = { "liệu", "tư", "trình", "hoạch", "lượng", "cứu" };
		bool noun = ((at_phrase(p, "xây dựng") || at_phrase(p, "phát triển")) && word_before_in(s, i, fields_before)) ||
			    (at_phrase(p, "trình") && i >= 5 &&
			    (at_phrase(s + i - strlen("công"), "công") || at_phrase(s + i - strlen("chương"), "chương") ||
			     at_phrase(s + i - strlen("Chương"), "Chương") || at_phrase(s + i - strlen("quá"), "quá")));
		noun = noun || at_phrase(p, "giao thông") || at_phrase(p, "giao dịch");
		/* in a heading of names, a group's attributes may read like verbs */
		bool verbs_end = !(names_only && is_collective(s, i));
		if (verbs_end && !noun && (is_predicate(p) || is_cap_predicate(p)) && !at_phrase(p, "có liên quan"))
			break;
		if (at_phrase(p, "có liên quan") || at_phrase(p, "liên quan")) {
			/* the last words of a group: "các cơ quan (có) liên quan" */
			i = (size_t)(p - s) + strlen(at_phrase(p, "có liên quan") ? "có liên quan" : "liên quan");
			const char *q = skip_spaces(s + i);
			if (*q != ',' || !comma_goes_on(s, i, skip_spaces(q + 1)))
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
	return name;
}

/* Items of an elliptic list or a distribution after s: proper names
 * separated by ", " and " và ", up to the predicate. Returns the end. */
static size_t scan_items(const char *s, char ***items, size_t *n, bool departments_only)
{
	size_t i = 0, end = 0;
	for (;;) {
		const char *p = skip_spaces(s + i);
		size_t len = department_at(p);
		if (!len && head_len(p, false))
			len = scan_name(p, false, false);
		if (!len && !departments_only && text_starts_upper(p) && !is_cap_predicate(p)) {
			/* a proper name: capitalised words */
			const char *q = p;
			while (text_starts_upper(q) && !is_cap_predicate(q)) {
				q += word_len(q);
				if (*q == ' ' && text_starts_upper(q + 1))
					q++;
				else
					break;
			}
			len = (size_t)(q - p);
		}
		if (!len && departments_only && text_starts_upper(p) && !is_cap_predicate(p)) {
			/* a name not in the table: up to the comma, "và" or the predicate */
			const char *q = p;
			while (word_char(q)) {
				q += word_len(q);
				const char *r = skip_spaces(q);
				if (*q != ' ' || !word_char(r) || at_phrase(r, "và") || is_predicate(r))
					break;
				q = r;
			}
			len = (size_t)(q - p);
		}
		if (!len)
			break;
		char *item = clean_name(p, len);
		actors_push(items, n, item);
		free(item);
		end = (size_t)(p - s) + len;
		const char *q = s + end;
		if (*q == ',' && q[1] == ' ')
			i = end + 2;
		else if (at_phrase(skip_spaces(q), "và"))
			i = (size_t)(skip_spaces(q) - s) + strlen("và");
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
	};
	for (size_t i = 0; i < COUNT(forms); i++)
		if (strcmp(name, forms[i][0]) == 0)
			return forms[i][1];
	return NULL;
}

/* The units a list is distributed over: "… các tỉnh: A, B" → "tỉnh". */
static const char *distributed_unit(const char *name, size_t *prefix)
{
	for (size_t u = 0; u < COUNT(units); u++) {
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
			if (u && strcmp(u, unit) == 0)
				full = xasprintf("%.*s %s %s", (int)prefix, name, u, items[it]);
			else if (party)
				full = xasprintf("%s %s", name, items[it]);
			if (full) {
				actors_push(names, n, full);
				free(full);
			}
		}
		if (!(u && strcmp(u, unit) == 0) && !party)
			actors_push(names, n, name);
		free(old[k]);
	}
	free(old);
}

static size_t scan_list(const char *s, char ***names, size_t *n, bool loose, bool names_only);

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
		if (at_phrase(last, bodies[b]) && last[strlen(bodies[b])] == ' ')
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

/* "(Sở Y tế, Sở Xây dựng)" right after a group: appends the members and
 * returns true when the parentheses hold nothing but agencies. */
static bool members_in_parens(const char *after, char ***names, size_t *n)
{
	const char *p = skip_spaces(after);
	const char *close = *p == '(' ? strchr(p, ')') : NULL;
	if (!close || !head_len(skip_spaces(p + 1), false))
		return false;
	char *inside = xstrndup(p + 1, (size_t)(close - p - 1));
	char **got = NULL;
	size_t ng = 0;
	size_t len = scan_list(inside, &got, &ng, false, true);
	bool all = ng > 0 && !*skip_spaces(inside + len);
	for (size_t i = 0; all && i < ng; i++)
		actors_push(names, n, got[i]);
	actors_free_names(got, ng);
	free(inside);
	return all;
}

/* Scans a list of agencies at s (which begins a head); appends them to
 * *names and returns the length of the list. */
static size_t scan_list(const char *s, char ***names, size_t *n, bool loose, bool names_only)
{
	size_t i = 0, first = *n;
	for (;;) {
		const char *p = skip_spaces(s + i);
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
				char *full = head_len(items[k], false) && !department_at(items[k]) ? xstrdup(items[k])
												   : xasprintf("%s %s", ell, items[k]);
				actors_push(names, n, full);
				free(full);
			}
			actors_free_names(items, ni);
			free(name);
			if (ni == 0)
				break;
			end += 1 + e;
		} else if (unit && (*after == ':' || (*after == ' ' && text_starts_upper(after + 1)))) {
			char **items = NULL;
			size_t ni = 0;
			size_t e = scan_items(after + (*after == ':'), &items, &ni, false);
			actors_push(names, n, name);
			free(name);
			if (ni)
				distribute(names, n, first, items, ni, unit);
			actors_free_names(items, ni);
			end += (*after == ':') + e;
		} else if (is_collective(name, strlen(name)) && members_in_parens(after, names, n)) {
			/* the group names its members: they are the agencies */
			free(name);
			end = (size_t)(strchr(after, ')') - s) + 1;
		} else {
			actors_push(names, n, name);
			free(name);
		}
		i = end;
		share_complement(*names, *n, first);
		const char *q = s + i;
		if (*q == ',' || *q == ';') {
			const char *r = skip_spaces(q + 1);
			if (is_member_start(r)) {
				i = (size_t)(r - s);
				continue;
			}
			break;
		}
		const char *r = skip_spaces(q);
		if (at_phrase(r, "và") || at_phrase(r, "cùng")) {
			const char *t = skip_spaces(r + word_len(r));
			if (is_member_start(t)) {
				i = (size_t)(t - s);
				continue;
			}
		}
		break;
	}
	return i;
}

/* ---- where a paragraph names who acts ---------------------------------------- */

void actors_init(struct actors *a)
{
	memset(a, 0, sizeof *a);
}

void actors_release(struct actors *a)
{
	actors_free_names(a->leads, a->n_leads);
	actors_free_names(a->coop, a->n_coop);
	actors_free_names(a->later, a->n_later);
	memset(a, 0, sizeof *a);
}

static const char *const assign_verbs[] = { "Giao cho", "Giao", "Đề nghị", "Yêu cầu", "Phân công" };

/* Skips a topic "Về …: " / "Đối với …: " at s. */
static const char *skip_topic(const char *s)
{
	if (!(at_phrase(s, "Về") || at_phrase(s, "Đối với") || at_phrase(s, "Riêng") || at_phrase(s, "Với")))
		return s;
	const char *colon = strchr(s, ':');
	if (colon && colon - s < 600 && (colon[1] == ' ' || colon[1] == '\0'))
		return skip_spaces(colon + 1);
	/* "Về việc …, đề nghị Thuế tỉnh …" */
	for (const char *c = strchr(s, ','); c && c - s < 600; c = strchr(c + 1, ',')) {
		const char *q = skip_spaces(c + 1);
		if (at_any(q, assign_verbs, COUNT(assign_verbs), true))
			return q;
	}
	return s;
}

/* Skips an opening phrase "Căn cứ …, " when an agency follows it. */
static const char *skip_opener(const char *s)
{
	if (!at_any(s, openers, COUNT(openers), false))
		return s;
	int depth = 0;
	for (const char *p = s; *p && p - s < 400; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if ((*p == ':' || *p == '.' || *p == ';') && !depth)
			return s;
		else if (*p == ',' && !depth) {
			/* the opening phrase ends at its first comma */
			const char *q = skip_spaces(p + 1);
			if (head_len(q, false) || at_phrase_ci(q, "giao") || at_phrase_ci(q, "đề nghị"))
				return q;
			return s;
		}
	}
	return s;
}

static const char *read_leads(const char *p, struct actors *a);

/* "Sau khi xem xét, Chủ tịch Ủy ban nhân dân tỉnh giao Sở … chủ trì …":
 * the issuer assigns in the middle of a sentence. Returns where the names
 * end, or NULL. */
static const char *read_issuer_request(const char *text, struct actors *a)
{
	static const char *const verbs[] = { " giao ", " yêu cầu ", " đề nghị ", " kính đề nghị " };
	static const char *const speakers[] = {
		"Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "UBND tỉnh", "Ủy ban nhân dân thành phố",
		"UBND thành phố", "Chủ tịch", "Thủ tướng Chính phủ", "Chính phủ", "Bộ trưởng", "Phó Thủ tướng",
	};
	for (size_t v = 0; v < COUNT(verbs); v++) {
		for (const char *p = strstr(text, verbs[v]); p; p = strstr(p + 1, verbs[v])) {
			/* the words just before the verb name the issuer */
			bool by_issuer = false;
			for (size_t k = 0; k < COUNT(speakers) && !by_issuer; k++) {
				const char *w = p;
				for (int back = 0; back < 8 && w > text && !by_issuer; back++) {
					while (w > text && w[-1] != ' ')
						w--;
					by_issuer = at_phrase(w, speakers[k]);
					if (w > text)
						w--;
				}
			}
			if (!by_issuer && a->issuer) {
				/* the issuer's name ends just before the verb: fold only that much */
				size_t keep = (size_t)(p - text) < 240 ? (size_t)(p - text) : 240;
				while (keep < (size_t)(p - text) && ((unsigned char)p[-(long)keep] & 0xc0) == 0x80)
					keep++;
				char *before = xstrndup(p - keep, keep);
				char *f = text_fold_dup(before), *g = text_fold_dup(a->issuer);
				size_t fl = strlen(f), gl = strlen(g);
				by_issuer = gl && fl >= gl && strcmp(f + fl - gl, g) == 0;
				free(before);
				free(f);
				free(g);
			}
			const char *q = skip_spaces(p + strlen(verbs[v]));
			if (by_issuer && head_len(q, false)) {
				const char *end = read_leads(q, a);
				if (a->n_leads) {
					a->how = v == 0 ? ACTORS_ASSIGNED : ACTORS_REQUESTED;
					return end;
				}
			}
		}
	}
	return NULL;
}


/* After the names: skips "chủ trì", "theo chức năng, nhiệm vụ (được giao)". */
static const char *skip_role(const char *p)
{
	for (;;) {
		p = skip_spaces(p);
		while (*p == ',')
			p = skip_spaces(p + 1);
		if (at_phrase(p, "chủ trì")) {
			p += strlen("chủ trì");
			continue;
		}
		static const char *const with[] = { "phối hợp chặt chẽ với", "phối hợp với", "phối hợp cùng", "phối hợp" };
		const char *w = at_any(p, with, COUNT(with), false);
		if (w && is_member_start(skip_spaces(p + strlen(w)))) {
			char **names = NULL;
			size_t nn = 0;
			const char *q = skip_spaces(p + strlen(w));
			p = q + scan_list(q, &names, &nn, true, false);
			actors_free_names(names, nn);
			continue;
		}
		static const char *const roles[] = {
			"theo chức năng, nhiệm vụ và thẩm quyền", "theo chức năng, nhiệm vụ được giao",
			"theo chức năng nhiệm vụ được giao", "theo chức năng, nhiệm vụ", "theo chức năng nhiệm vụ",
		};
		const char *r = at_any(p, roles, COUNT(roles), false);
		if (r) {
			p += strlen(r);
			continue;
		}
		return p;
	}
}

/* Reads a list at p into a->leads; returns where the list ends. */
static const char *read_leads(const char *p, struct actors *a)
{
	size_t len = scan_list(p, &a->leads, &a->n_leads, false, false);
	/* the issuer is never a lead of its own notice */
	size_t w = 0;
	for (size_t i = 0; i < a->n_leads; i++) {
		if (is_issuer_name(a->leads[i]))
			free(a->leads[i]);
		else
			a->leads[w++] = a->leads[i];
	}
	a->n_leads = w;
	return p + len;
}

static bool iv_needs_issuer(const char *iv)
{
	for (size_t i = 0; i < ISSUER_ONLY_VERBS; i++)
		if (strcmp(iv, issuer_verbs[i]) == 0)
			return true;
	return false;
}

/* A name that issues notices: a People's Committee of a province or city,
 * its chairman, the Government, a minister speaking of his ministry. */
static bool issuer_like(const char *name)
{
	static const char *const forms[] = {
		"Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "UBND tỉnh", "Ủy ban nhân dân thành phố",
		"Ủy ban nhân dân Thành phố", "UBND thành phố", "UBND Thành phố", "Chủ tịch UBND",
		"Chủ tịch Ủy ban nhân dân", "Chủ tịch Uỷ ban nhân dân", "Thủ tướng", "Chính phủ", "Phó Thủ tướng",
		"Văn phòng Chính phủ", "Văn phòng UBND", "Văn phòng Ủy ban nhân dân", "Bộ trưởng",
		"Thường trực", "Lãnh đạo",
	};
	for (size_t i = 0; i < COUNT(forms); i++)
		if (starts_with(name, forms[i]))
			return true;
	return is_issuer_name(name);
}

/* Whether name is who issues the notice (its letterhead, or a body that
 * issues notices). */
static bool speaker(const struct actors *a, const char *name)
{
	if (issuer_like(name))
		return true;
	if (!a->issuer || !*a->issuer)
		return false;
	char *f = text_fold_dup(name), *g = text_fold_dup(a->issuer);
	bool same = *f && strstr(g, f) != NULL;
	free(f);
	free(g);
	return same;
}

static void drop_leads(struct actors *a)
{
	actors_free_names(a->leads, a->n_leads);
	a->leads = NULL;
	a->n_leads = 0;
}

/* Clause starts in text after `from`: ". X", "; x", ": x". Finds "Giao X" there. */
static bool has_name(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Where the lists after "phối hợp với" lie, so that "…, phối hợp các đơn vị
 * liên quan; UBND các huyện triển khai …" is not read as a new subject. */
struct spans {
	size_t start[16], end[16];
	size_t n;
};

static bool in_spans(const struct spans *sp, size_t at)
{
	for (size_t i = 0; i < sp->n; i++)
		if (at >= sp->start[i] && at < sp->end[i])
			return true;
	return false;
}

static void read_cooperating(const char *text, struct actors *a, struct spans *sp)
{
	static const char *const markers[] = {
		"phối hợp chặt chẽ với", "phối hợp chặt chẽ", "phối hợp với", "phối hợp cùng", "phối hợp",
		"làm việc với", "trao đổi, thống nhất với", "trao đổi với", "thống nhất với", "cùng với",
	};
	for (const char *p = text; *p; p++) {
		if (p != text && p[-1] != ' ' && p[-1] != '(' && p[-1] != ',')
			continue;
		const char *m = at_any(p, markers, COUNT(markers), true);
		if (!m)
			continue;
		const char *q = skip_spaces(p + strlen(m));
		if (!is_member_start(q))
			continue;
		char **names = NULL;
		size_t n = 0;
		size_t len = scan_list(q, &names, &n, true, false);
		for (size_t i = 0; i < n; i++)
			if (!has_name(a->leads, a->n_leads, names[i]) && !is_issuer_name(names[i]))
				actors_push(&a->coop, &a->n_coop, names[i]);
		actors_free_names(names, n);
		if (sp && sp->n < 16) {
			sp->start[sp->n] = (size_t)(q - text);
			sp->end[sp->n++] = (size_t)(q - text) + len;
		}
		p = q + (len ? len - 1 : 0);
	}
}

/* After the first clause: "…. Giao Văn phòng Bộ tổng hợp …" and "…; Thuế tỉnh
 * rà soát …" name more agencies that act, each in a clause of its own. */
static void read_later(const char *text, const char *from, const struct spans *coop, struct actors *a)
{
	for (const char *p = from; *p; p++) {
		if (*p != '.' && *p != ';' && *p != ':')
			continue;
		const char *q = skip_spaces(p + 1);
		if (at_phrase_ci(q, "giao") || at_phrase_ci(q, "phân công")) {
			const char *r = skip_spaces(q + word_len(q));
			if (at_phrase(r, "công"))
				r = skip_spaces(r + strlen("công"));
			if (at_phrase(r, "cho"))
				r = skip_spaces(r + strlen("cho"));
			if (head_len(r, false))
				scan_list(r, &a->later, &a->n_later, false, false);
			continue;
		}
		if (*p == ':' || !head_len(q, false) || in_spans(coop, (size_t)(q - text)))
			continue;
		/* a clause with its own subject: it acts, unless it only cooperates */
		char **names = NULL;
		size_t n = 0, len = scan_list(q, &names, &n, false, false);
		const char *after = skip_spaces(q + len);
		static const char *const not_acting[] = { "đã", "đang", "phối hợp", "cùng", "có", "là", "được" };
		bool acts = n && word_char(after) && !is_cap_predicate(after) && is_predicate(after) &&
			    !at_any(after, not_acting, COUNT(not_acting), false) &&
			    !at_any(after, issuer_verbs, COUNT(issuer_verbs), false);
		bool joins = n && at_phrase(after, "phối hợp");
		for (size_t i = 0; i < n; i++) {
			if (is_issuer_name(names[i]) || speaker(a, names[i]))
				continue;
			if (acts)
				actors_push(&a->later, &a->n_later, names[i]);
			else if (joins && !has_name(a->leads, a->n_leads, names[i]))
				actors_push(&a->coop, &a->n_coop, names[i]);
		}
		actors_free_names(names, n);
	}
}

void actors_read(const char *text, struct actors *a)
{
	const char *p = skip_spaces(text);
	a->predicate = a->task = 0;
	p = skip_topic(p);
	p = skip_opener(p);
	p = skip_opener(p);
	const char *verb = at_any(p, assign_verbs, COUNT(assign_verbs), true);
	const char *end = NULL;
	if (verb) {
		const char *q = skip_spaces(p + strlen(verb));
		if (head_len(q, false)) {
			end = read_leads(q, a);
			a->how = ACTORS_ASSIGNED;
		}
	} else if (head_len(p, false)) {
		end = read_leads(p, a);
		const char *after = skip_spaces(end);
		bool had = a->n_leads > 0;
		/* the issuer speaking: "UBND tỉnh yêu cầu các sở …", "Bộ trưởng giao:" */
		const char *iv = at_any(after, issuer_verbs, COUNT(issuer_verbs), false);
		if (iv && had && iv_needs_issuer(iv) && !speaker(a, a->leads[0]))
			iv = NULL;
		if (iv || !had) {
			drop_leads(a);
			end = NULL;
			if (iv && (strcmp(iv, "yêu cầu") == 0 || strstr(iv, "đề nghị") || strcmp(iv, "giao") == 0)) {
				const char *q = skip_spaces(after + strlen(iv));
				if (head_len(q, false)) {
					end = read_leads(q, a);
					a->how = strcmp(iv, "giao") == 0 ? ACTORS_ASSIGNED : ACTORS_REQUESTED;
				}
			}
		} else if (*after == ':') {
			a->how = ACTORS_LABEL;
		} else if (*after == '\0' || *after == '(') {
			a->how = ACTORS_LABEL;
			a->only_names = true;
		} else {
			a->how = ACTORS_SUBJECT;
			/* a report of what was done, or a council's standing rules */
			static const char *const done[] = {
				"đã", "đang", "vẫn", "còn", "đạt", "đạt được", "cơ bản", "nhận được",
				"làm việc theo chế độ kiêm nhiệm", "hoạt động theo chế độ kiêm nhiệm", "sử dụng con dấu",
				"tự giải thể", "được hưởng",
			};
			a->descriptive = at_any(after, done, COUNT(done), false) != NULL;
		}
	}
	if (a->n_leads == 0)
		end = read_issuer_request(text, a);
	if (a->n_leads == 0) {
		drop_leads(a);
		a->how = ACTORS_NONE;
		end = NULL;
	}
	if (end) {
		const char *q = end;
		while (*q == ':' || *q == ' ' || *q == ',')
			q++;
		a->predicate = (size_t)(q - text);
		q = skip_role(end);
		while (*q == ':' || *q == ' ')
			q++;
		a->task = (size_t)(q - text);
	}
	struct spans coop = { .n = 0 };
	read_cooperating(text, a, &coop);
	read_later(text, end ? end : p, &coop, a);
}

static bool heading_names(const char *text, struct actors *a);

/* Whether lowercase s begins with phrase, in whatever case phrase is. */
static bool at_lower_phrase(const char *s, const char *phrase)
{
	char *low = text_lower_dup(phrase);
	size_t n = strlen(low);
	bool yes = n == strlen(phrase) && strncmp(s, low, n) == 0 && !word_char(s + n);
	free(low);
	return yes;
}

/* The longest entry of list that lowercase s begins with, or NULL. */
static const char *at_any_lower(const char *s, const char *const *list, size_t n)
{
	const char *best = NULL;
	for (size_t i = 0; i < n; i++)
		if ((!best || strlen(list[i]) > strlen(best)) && at_lower_phrase(s, list[i]))
			best = list[i];
	return best;
}

/* Text in capitals ("NHIỆM VỤ CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG") as a
 * sentence writes it: heads and departments as the lists spell them, the
 * word after a head and the words of a place capitalised, a group ("các
 * sở, ban, ngành") and the rest in small letters. */
static char *sentence_case(const char *caps)
{
	static const char *const before_name[] = { "của", "và", "với", "cho", "giao", "gồm", "đối với" };
	char *s = text_lower_dup(caps);
	bool proper_next = false, place = false, group = false, may_name = true;
	for (char *p = s; *p;) {
		if (!word_char(p)) {
			place = place && *p == ' ';
			may_name = may_name || *p != ' ';
			p++;
			continue;
		}
		const char *known = NULL;
		bool head = false;
		if (!place && (known = at_any_lower(p, departments, COUNT(departments))) == NULL && !group && may_name) {
			if (!(known = at_any_lower(p, titles, COUNT(titles))) &&
			    !(known = at_any_lower(p, heads_free, COUNT(heads_free))))
				known = at_any_lower(p, heads_named, COUNT(heads_named));
			head = known != NULL;
		}
		const char *unit = known || group ? NULL : at_any_lower(p, units, COUNT(units));
		size_t len = known ? strlen(known) : unit ? strlen(unit) : word_len(p);
		if (known)
			memcpy(p, known, len); /* at_any_lower matched it: the same letters, as long */
		else if (!unit && (p == s || proper_next || place))
			text_capitalise(p);
		place = place || unit;
		group = group || at_lower_phrase(p, "các");
		proper_next = head;
		/* a name begins a text, follows a head, punctuation or "của", "và" … */
		may_name = head || at_any(p, before_name, COUNT(before_name), false) != NULL;
		p += len;
	}
	return s;
}

bool actors_read_heading(const char *text, struct actors *a)
{
	char *recased = NULL;
	if (!text_has_lower(text))
		text = recased = sentence_case(text);
	bool named = heading_names(text, a);
	free(recased);
	return named;
}

/* actors_read_heading() on text in small letters. */
static bool heading_names(const char *text, struct actors *a)
{
	const char *p = skip_spaces(text);
	const char *verb = at_any(p, assign_verbs, COUNT(assign_verbs), false);
	if (verb)
		p = skip_spaces(p + strlen(verb));
	/* whose duties follow: "Trách nhiệm của Sở Y tế", "Nhiệm vụ, quyền
	 * hạn và nguyên tắc hoạt động của Hội đồng thẩm định" */
	if (at_phrase(p, "Trách nhiệm") || at_phrase(p, "Nhiệm vụ")) {
		const char *of = strstr(p, " của ");
		if (of && of - p < 120)
			p = skip_spaces(of + strlen(" của "));
	}
	if (!head_len(p, false))
		return false;
	char **names = NULL;
	size_t n = 0;
	size_t len = scan_list(p, &names, &n, false, true);
	const char *rest = skip_spaces(p + len);
	if (n == 0 || (*rest && *rest != '(' && *rest != ':')) {
		actors_free_names(names, n);
		return false;
	}
	actors_free_names(a->leads, a->n_leads);
	a->leads = NULL;
	a->n_leads = 0;
	for (size_t i = 0; i < n; i++)
		if (!is_issuer_name(names[i]))
			actors_push(&a->leads, &a->n_leads, names[i]);
	actors_free_names(names, n);
	a->how = a->n_leads ? ACTORS_LABEL : ACTORS_NONE;
	a->only_names = a->n_leads > 0;
	a->predicate = a->task = strlen(text);
	return a->n_leads > 0;
}


void actors_cooperating(const char *text, struct actors *a)
{
	read_cooperating(text, a, NULL);
}

size_t actors_list(const char *text, char ***names, size_t *n)
{
	size_t before = *n;
	const char *p = skip_spaces(text);
	/* each clause's subject: "Sở A tiến hành …; các sở … rà soát …" */
	for (;;) {
		p = skip_opener(skip_spaces(p));
		if (head_len(p, true)) {
			char **got = NULL;
			size_t ng = 0;
			size_t len = scan_list(p, &got, &ng, true, false);
			for (size_t i = 0; i < ng; i++)
				if (!is_issuer_name(got[i]))
					actors_push(names, n, got[i]);
			actors_free_names(got, ng);
			p += len;
		}
		const char *next = strpbrk(p, ";.");
		if (!next)
			break;
		p = next + 1;
	}
	return *n - before;
}

static void resolve_in(char **names, size_t n, const char *locality)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], "Tỉnh") == 0 || strcmp(names[i], "Thành phố") == 0) {
			free(names[i]);
			names[i] = xstrdup(locality);
		}
	}
}

void actors_resolve_locality(struct actors *a, const char *locality)
{
	if (!locality || !*locality)
		return;
	resolve_in(a->leads, a->n_leads, locality);
	resolve_in(a->later, a->n_later, locality);
}
