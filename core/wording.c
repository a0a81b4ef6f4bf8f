#include "core/wording.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

size_t wording_count_words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool w = !strchr(" \t\f\v\r\n,;:.()", *s);
		n += w && !in;
		in = w;
	}
	return n;
}

/* Whether the heading's first words, folded, are one of words[0..n). */
static bool heading_starts(const char *text, const char *const *words, size_t n)
{
	char head[96];
	snprintf(head, sizeof head, "%s", text);
	char *f = text_fold_dup(head);
	/* "Yêu cầu đối với các tổ chức …" asks something of someone */
	bool yes = false, asks = text_starts_with(f, "yeu cau doi voi");
	for (size_t i = 0; i < n && !yes && !asks; i++)
		yes = text_starts_with(f, words[i]);
	free(f);
	return yes;
}

/* Headings under which nobody is asked to act: assessments, purposes,
 * targets, scope, funding. */
bool wording_no_task_heading(const char *text)
{
	static const char *const words[] = {
		"danh gia", "ket qua", "tinh hinh", "muc dich", "muc tieu", "yeu cau", "quan diem",
		"doi tuong", "pham vi", "kinh phi", "can cu", "nguyen tac", "boi canh", "han che",
		"ton tai", "nguyen nhan", "thoi gian thuc hien", "noi dung, hinh thuc", "chi tieu",
	};
	return heading_starts(text, words, COUNT(words));
}

/* An item that states a topic's rule ("Kinh phí hoạt động của Hội đồng:
 * thực hiện theo quy định hiện hành", "Phạm vi: …"): funding, scope or who
 * is covered, said before a colon. */
bool wording_topic_statement(const char *text)
{
	static const char *const words[] = { "kinh phi", "nguon kinh phi", "pham vi", "doi tuong" };
	const char *colon = strchr(text, ':');
	return colon && colon - text < 100 && heading_starts(text, words, COUNT(words));
}

/* Headings of a plan's preamble: whatever is under them asks nothing of
 * anyone, even when it names agencies ("Mục đích, yêu cầu", "Quan điểm");
 * so with a letter's reminder of the law ("Lưu ý quy định xử lý vi phạm
 * …:", "Các hành vi vi phạm …", "Mức xử phạt …"). */
bool wording_preamble_heading(const char *text)
{
	static const char *const words[] = {
		"muc dich", "yeu cau", "quan diem", "nguyen tac", "luu y quy dinh", "cac hanh vi vi pham",
		"muc xu phat",
	};
	return heading_starts(text, words, COUNT(words));
}

/* The article of a decision that sets up a council or a team and lists its
 * members ("Điều 1. Thành lập Hội đồng thẩm định …, gồm các thành viên
 * sau:"): who sits on it, not what anyone must do. */
bool wording_composition(const char *label, const char *text)
{
	static const char *const words[] = { "thanh lap", "kien toan", "thanh phan" };
	return text_starts_with(label, "Điều") && heading_starts(text, words, COUNT(words));
}

bool wording_praise(const char *text)
{
	static const char *const praise[] = {
		"Ghi nhận", "Biểu dương", "Đánh giá cao", "Hoan nghênh", "Khen ngợi", "Cảm ơn", "Chúc mừng",
		"Gửi lời", "Chia buồn", "Trân trọng cảm ơn",
	};
	for (size_t i = 0; i < COUNT(praise); i++)
		if (text_starts_with(text, praise[i]))
			return true;
	return false;
}

bool wording_asks_work(const char *text)
{
	static const char *const asks[] = {
		" cần ", "đề nghị", "Đề nghị", "yêu cầu", "Yêu cầu", "nhiệm vụ", "giải pháp", " giao ", "Giao ", " phải ",
	};
	for (size_t i = 0; i < COUNT(asks); i++)
		if (strstr(text, asks[i]))
			return true;
	return false;
}

/* "Trong quá trình thực hiện, nếu có khó khăn …": a condition, not a task;
 * "Quyết định này có hiệu lực …", "… chịu trách nhiệm thi hành Quyết định
 * này": a decision's closing articles, not tasks either. */
bool wording_conditional(const char *text)
{
	static const char *const inside[] = {
		"thi hành Quyết định này", "chịu trách nhiệm thi hành", "này có hiệu lực", "có hiệu lực kể từ ngày", "nếu phát sinh khó khăn",
		"nếu có khó khăn", "nếu có vướng mắc", "nếu phát sinh vướng mắc",
	};
	static const char *const opening[] = {
		"Nếu ", "Trường hợp ", "Trong quá trình tổ chức thực hiện, nếu", "Trong quá trình thực hiện, nếu",
		"Trên đây là",
	};
	for (size_t i = 0; i < COUNT(inside); i++)
		if (strstr(text, inside[i]))
			return true;
	for (size_t i = 0; i < COUNT(opening); i++)
		if (text_starts_with(text, opening[i]))
			return true;
	return strstr(text, "khó khăn") && text_ends_with(text, "(nếu có).");
}

/* "Chủ tịch Hội đồng: Ông Đỗ Việt Bách - Trưởng Ban …": who holds an office
 * (a council's members, the attendees), not a task. */
bool wording_names_person(const char *what)
{
	while (*what == ' ' || *what == ':' || *what == '-')
		what++;
	static const char *const persons[] = { "Ông ", "Bà ", "Đồng chí ", "đồng chí ", "ông ", "bà " };
	for (size_t i = 0; i < COUNT(persons); i++)
		if (text_starts_with(what, persons[i]))
			return true;
	return false;
}

/* Words of what to do, leaving out "… thực hiện các nội dung sau:". */
size_t wording_content_words(const char *text)
{
	static const char *const filler[] = {
		"như", "sau", "cụ", "thể", "các", "một", "số", "nội", "dung", "nhiệm", "vụ", "thực", "hiện",
		"tập", "trung", "trong", "đó", "những", "chủ", "yếu", "trọng", "tâm", "công", "việc", "giải",
		"pháp", "gồm", "bao", "là", "và", "theo", "triển", "khai", "tổ", "chức", "sau:", "đây",
	};
	char *t = xstrdup(text);
	size_t n = strlen(t);
	for (;;) {
		while (n && strchr(" :,.\n", t[n - 1]))
			t[--n] = '\0';
		char *sp = strrchr(t, ' ');
		const char *w = sp ? sp + 1 : t;
		bool drop = false;
		for (size_t i = 0; i < COUNT(filler) && !drop; i++)
			drop = strcmp(w, filler[i]) == 0;
		if (!drop || !*w)
			break;
		n = (size_t)(w - t);
		t[n] = '\0';
	}
	size_t words = wording_count_words(t);
	free(t);
	return words;
}

/* Whether s begins with word, its first letter in either case. */
static bool starts_word_ci(const char *s, const char *word)
{
	char *low = text_lower_dup(s), *w = text_lower_dup(word);
	size_t n = strlen(w);
	bool yes = strncmp(low, w, n) == 0 && (low[n] == ' ' || low[n] == ',' || low[n] == '\0');
	free(low);
	free(w);
	return yes;
}

bool wording_imperative(const char *text)
{
	static const char *const openers[] = {
		"Ngoài ra", "Đồng thời", "Bên cạnh đó", "Mặt khác", "Trước mắt", "Sau đó", "Trong thời gian tới",
	};
	static const char *const asks[] = {
		"cần", "phải", "đề nghị", "lưu ý", "khẩn trương", "chủ động", "tiếp tục", "kịp thời", "tập trung",
	};
	const char *s = text;
	for (size_t i = 0; i < COUNT(openers); i++)
		if (text_starts_with(s, openers[i]) && s[strlen(openers[i])] == ',') {
			s += strlen(openers[i]) + 1;
			break;
		}
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < COUNT(asks); i++)
		if (starts_word_ci(s, asks[i]))
			return true;
	return false;
}

bool wording_quotes_rule(const char *text)
{
	static const char *const rules[] = {
		"Điều ", "Khoản ", "khoản ", "Nghị định", "Thông tư", "Luật ", "Quyết định số", "Nghị quyết số",
	};
	while (*text == ' ')
		text++;
	if (text_starts_with(text, "“") || text_starts_with(text, "\"") || text_starts_with(text, "„"))
		return true;
	const char *says = strstr(text, "quy định:");
	if (!says)
		says = strstr(text, "quy định như sau:");
	if (!says)
		return false;
	for (size_t i = 0; i < COUNT(rules); i++) {
		const char *r = strstr(text, rules[i]);
		if (r && r < says)
			return true;
	}
	return false;
}

bool wording_closing_asks(const char *task)
{
	static const char *const formula[] = {
		"nghiêm", "túc", "triển", "khai", "thực", "hiện", "tổ", "chức", "quan", "tâm", "biết", "báo",
		"cáo", "kết", "quả", "theo", "đúng", "quy", "định", "các", "và", "để", "căn", "cứ", "phối", "hợp",
		"chỉ", "đạo", "khẩn", "trương", "kịp", "thời", "lãnh", "được", "giao", "nội", "dung", "trên",
	};
	/* the first sentence or clause: what follows ("Trong quá trình …") is not asked */
	size_t n = strcspn(task, ".;");
	char *t = text_lower_dup(task);
	t[n < strlen(t) ? n : strlen(t)] = '\0';
	size_t words = 0;
	for (char *w = strtok(t, " ,:()"); w; w = strtok(NULL, " ,:()")) {
		bool filler = false;
		for (size_t i = 0; i < COUNT(formula) && !filler; i++)
			filler = strcmp(w, formula[i]) == 0;
		words += !filler;
	}
	free(t);
	return words >= 5;
}

/* Whether every word of clause c is one of the formula's. */
static bool formula_words(char *c)
{
	static const char *const formula[] = {
		"chịu", "có", "trách", "nhiệm", "tổ", "chức", "triển", "khai", "thực", "hiện", "thi", "hành",
		"nghiêm", "túc", "hiệu", "quả", "đầy", "đủ", "kịp", "thời", "đúng", "quy", "định", "các", "nội",
		"dung", "và", "theo", "nêu", "trên", "đây", "này", "kế", "hoạch", "công", "văn", "quyết",
		"chỉ", "thị", "thông", "báo", "bản", "trong", "quá", "trình", "những", "địa", "bàn", "tỉnh",
		"thành", "phố",
	};
	char *save = NULL;
	for (char *w = strtok_r(c, " ,:()/", &save); w; w = strtok_r(NULL, " ,:()/", &save)) {
		bool known = false;
		for (size_t i = 0; i < COUNT(formula) && !known; i++)
			known = strcmp(w, formula[i]) == 0;
		if (!known)
			return false;
	}
	return true;
}

bool wording_formula(const char *task)
{
	char *t = text_lower_dup(task);
	bool back = false, acts = false, only = true;
	char *save = NULL;
	/* every clause must be formula, up to a condition ("…, nếu có vướng mắc …") */
	for (char *c = strtok_r(t, ".;", &save); c && only; c = strtok_r(NULL, ".;", &save)) {
		char *cond = strstr(c, "nếu ");
		if (cond)
			*cond = '\0';
		if (strstr(c, "trường hợp"))
			continue;
		back = back || strstr(c, "nêu trên") || strstr(c, "này") || strstr(c, "trên đây") ||
		       strstr(c, "nội dung trên");
		acts = acts || strstr(c, "thực hiện") || strstr(c, "thi hành") || strstr(c, "triển khai");
		only = formula_words(c);
	}
	free(t);
	return back && acts && only;
}

static size_t cp_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

char *wording_summary(const char *text, size_t predicate)
{
	const char *s = text + (predicate < strlen(text) ? predicate : 0);
	while (*s == ' ' || *s == ',' || *s == ':' || *s == ';' || *s == '-' || *s == '+')
		s++;
	if (!*s)
		s = text;
	size_t len = strlen(s);
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '.' && s[i + 1] == ' ' && i > 20) {
			len = i;
			break;
		}
	bool cut = false;
	if (cp_count(s, len) > 120) {
		size_t i = 0, cps = 0, last_space = 0;
		while (i < len && cps < 118) {
			if (s[i] == ' ')
				last_space = i;
			i++;
			while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			cps++;
		}
		len = last_space ? last_space : i;
		cut = true;
	}
	while (len && strchr(" ,;:./", s[len - 1])) /* "./." ends a letter */
		len--;
	struct strbuf b = STRBUF_INIT;
	strbuf_addn(&b, s, len);
	if (cut)
		strbuf_add(&b, "…");
	char *out = strbuf_take(&b);
	text_capitalise(out);
	return out;
}
