#include "core/actors.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/text.h"
#include "core/words.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Sentence openers: "Căn cứ …, Sở Y tế …". */
static const char *const openers[] = {
	"Căn cứ", "Trên cơ sở", "Trong thời gian tới", "Trong thời gian", "Thay mặt", "Đồng thời",
	"Ngoài ra", "Trong phạm vi", "Sau khi", "Trong quá trình", "Bên cạnh đó", "Theo đó",
	"Thực hiện", "Trường hợp", "Để", "Từ nay", "Trước mắt", "Trong tháng", "Trong năm",
	"Trong quý", "Cùng với", "Nhằm", "Riêng", "Đối với", "Trước", "Hằng năm", "Hàng năm",
	"Định kỳ", "Khi", "Tiếp theo", "Mặt khác", "Với", "Tuy nhiên", "Vì vậy", "Do đó", "Trên",
	"Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ tám", "Thứ chín",
	"Thứ mười", "Một là", "Hai là", "Ba là", "Bốn là", "Năm là", "Sáu là", "Cuối cùng",
};

/* What the issuer says of its own notice: "UBND tỉnh yêu cầu …",
 * "Bộ trưởng giao:". The first ones only when the speaker is the issuer. */
static const char *const issuer_verbs[] = {
	"giao", "yêu cầu", "đề nghị", "ban hành", "phân công", "quyết định", "chỉ thị",
	"kết luận", "thông báo", "có ý kiến", "nhất trí", "thống nhất", "điện", "kính đề nghị",
	"trân trọng đề nghị", "đã ban hành", "trân trọng cảm ơn",
};
#define ISSUER_ONLY_VERBS 7

/* ---- where a paragraph names who acts ---------------------------------------- */

void actors_init(struct actors *a)
{
	memset(a, 0, sizeof *a);
}

void actors_release(struct actors *a)
{
	names_free(a->leads, a->n_leads);
	names_free(a->coop, a->n_coop);
	names_free(a->later, a->n_later);
	memset(a, 0, sizeof *a);
}

static const char *const assign_verbs[] = {
	"Giao nhiệm vụ cho", "Giao cho", "Giao", "Đề nghị", "Yêu cầu", "Phân công", "Ủy quyền cho", "Uỷ quyền cho",
};

/* Skips a topic "Về …: " / "Đối với …: " at s. */
static const char *skip_topic(const char *s)
{
	if (!(words_at(s, "Về") || words_at(s, "Đối với") || words_at(s, "Riêng") || words_at(s, "Với")))
		return s;
	const char *colon = strchr(s, ':');
	if (colon && colon - s < 600 && (colon[1] == ' ' || colon[1] == '\0'))
		return words_skip(colon + 1);
	/* "Về việc …, đề nghị Thuế tỉnh …" */
	for (const char *c = strchr(s, ','); c && c - s < 600; c = strchr(c + 1, ',')) {
		const char *q = words_skip(c + 1);
		if (words_at_any(q, assign_verbs, COUNT(assign_verbs), true))
			return q;
	}
	return s;
}

/* Skips an opening phrase "Căn cứ …, " when an agency follows it. */
/* The next opening phrase after a comma in the same sentence ("…, căn cứ
 * …"), or NULL. */
static const char *next_opener(const char *s)
{
	static const char *const chained[] = { "căn cứ", "theo", "trên cơ sở", "thực hiện" };
	for (const char *p = s; *p && p - s < 400 && !strchr(":.;", *p); p++)
		if (*p == ',' && words_at_any(words_skip(p + 1), chained, COUNT(chained), false))
			return words_skip(p + 1);
	return NULL;
}

static const char *skip_opener(const char *s)
{
	if (!words_at_any(s, openers, COUNT(openers), false))
		return s;
	int depth = 0, inner = 0;
	bool chained = false;
	for (const char *p = s; *p && p - s < 400; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if ((*p == ':' || *p == '.' || *p == ';') && !depth)
			return s;
		else if (*p == ',' && !depth) {
			/* the opening phrase ends at its first comma, unless another one
			 * follows it: "Trên cơ sở các nhiệm vụ, giải pháp …, căn cứ chức
			 * năng, nhiệm vụ được phân công, Bộ trưởng …" */
			const char *q = words_skip(p + 1);
			if (names_head_len(q, false) || words_at_ci(q, "giao") || words_at_ci(q, "đề nghị"))
				return q;
			const char *next = next_opener(q);
			if (next) {
				p = next, chained = true, inner = 0;
				continue;
			}
			/* "căn cứ chức năng, nhiệm vụ được phân công, …": a chained
			 * phrase may list a word or two before its end */
			if (!chained || ++inner > 2)
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
					by_issuer = words_at(w, speakers[k]);
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
			const char *q = words_skip(p + strlen(verbs[v]));
			if (by_issuer && names_head_len(q, false)) {
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
		p = words_skip(p);
		while (*p == ',')
			p = words_skip(p + 1);
		if (words_at(p, "chủ trì")) {
			p += strlen("chủ trì");
			continue;
		}
		static const char *const with[] = { "phối hợp chặt chẽ với", "phối hợp với", "phối hợp cùng", "phối hợp" };
		const char *w = words_at_any(p, with, COUNT(with), false);
		if (w && names_is_member_start(words_skip(p + strlen(w)))) {
			char **names = NULL;
			size_t nn = 0;
			const char *q = words_skip(p + strlen(w));
			p = q + names_scan_list(q, &names, &nn, true, false);
			names_free(names, nn);
			continue;
		}
		static const char *const roles[] = {
			"theo chức năng, nhiệm vụ và thẩm quyền", "theo chức năng, nhiệm vụ, thẩm quyền",
			"theo chức năng, nhiệm vụ, quyền hạn", "theo chức năng, nhiệm vụ và quyền hạn",
			"theo chức năng, nhiệm vụ được giao",
			"theo chức năng nhiệm vụ được giao", "theo chức năng, nhiệm vụ", "theo chức năng nhiệm vụ",
		};
		const char *r = words_at_any(p, roles, COUNT(roles), false);
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
	size_t len = names_scan_list(p, &a->leads, &a->n_leads, false, false);
	/* the issuer is never a lead of its own notice */
	size_t w = 0;
	for (size_t i = 0; i < a->n_leads; i++) {
		if (names_is_issuer(a->leads[i]))
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
	return names_is_issuer(name);
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
	names_free(a->leads, a->n_leads);
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

/* Whether the marker at p follows "tham mưu (cho) <a committee>": "tham mưu
 * UBND tỉnh phối hợp Bộ Y tế triển khai …" says whom the committee is to
 * work with, not who works with the task's lead. */
static bool advised_body_acts(const char *text, const char *p)
{
	static const char advise[] = "tham mưu";
	const char *m = NULL;
	for (const char *q = text; (q = strstr(q, advise)) && q < p; q += strlen(advise))
		m = q;
	if (!m)
		return false;
	const char *body = words_skip(m + strlen(advise));
	if (words_at(body, "cho"))
		body = words_skip(body + strlen("cho"));
	if (body >= p || memchr(body, ',', (size_t)(p - body)) || memchr(body, ';', (size_t)(p - body)) ||
	    memchr(body, '.', (size_t)(p - body)))
		return false;
	char *name = xstrndup(body, (size_t)(p - body));
	bool acts = issuer_like(name);
	free(name);
	return acts;
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
		const char *m = words_at_any(p, markers, COUNT(markers), true);
		if (!m)
			continue;
		const char *q = words_skip(p + strlen(m));
		/* "phối hợp với cơ quan chủ trì": the lead itself, by its role */
		static const char *const the_lead[] = { "cơ quan chủ trì", "đơn vị chủ trì" };
		if (!names_is_member_start(q) || advised_body_acts(text, p) ||
		    words_at_any(q, the_lead, COUNT(the_lead), false))
			continue;
		char **names = NULL;
		size_t n = 0;
		size_t len = names_scan_list(q, &names, &n, true, false);
		for (size_t i = 0; i < n; i++)
			if (!has_name(a->leads, a->n_leads, names[i]) && !names_is_issuer(names[i]))
				names_push(&a->coop, &a->n_coop, names[i]);
		names_free(names, n);
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
		const char *q = words_skip(p + 1);
		if (words_at_ci(q, "giao") || words_at_ci(q, "phân công")) {
			const char *r = words_skip(q + words_len(q));
			if (words_at(r, "công"))
				r = words_skip(r + strlen("công"));
			if (words_at(r, "cho"))
				r = words_skip(r + strlen("cho"));
			if (names_head_len(r, false))
				names_scan_list(r, &a->later, &a->n_later, false, false);
			continue;
		}
		if (*p == ':' || !names_head_len(q, false) || in_spans(coop, (size_t)(q - text)))
			continue;
		/* a clause with its own subject: it acts, unless it only cooperates */
		char **names = NULL;
		size_t n = 0, len = names_scan_list(q, &names, &n, false, false);
		const char *after = words_skip(q + len);
		static const char *const not_acting[] = { "đã", "đang", "phối hợp", "cùng", "có", "là", "được" };
		bool acts = n && words_char(after) && !names_is_cap_predicate(after) && names_is_predicate(after) &&
			    !words_at_any(after, not_acting, COUNT(not_acting), false) &&
			    !words_at_any(after, issuer_verbs, COUNT(issuer_verbs), false);
		bool joins = n && words_at(after, "phối hợp");
		for (size_t i = 0; i < n; i++) {
			if (names_is_issuer(names[i]) || speaker(a, names[i]))
				continue;
			if (acts)
				names_push(&a->later, &a->n_later, names[i]);
			else if (joins && !has_name(a->leads, a->n_leads, names[i]))
				names_push(&a->coop, &a->n_coop, names[i]);
		}
		names_free(names, n);
	}
}

void actors_read(const char *text, struct actors *a)
{
	const char *p = words_skip(text);
	a->predicate = a->task = 0;
	p = skip_topic(p);
	p = skip_opener(p);
	p = skip_opener(p);
	const char *verb = words_at_any(p, assign_verbs, COUNT(assign_verbs), true);
	const char *end = NULL;
	if (verb) {
		const char *q = words_skip(p + strlen(verb));
		if (names_head_len(q, false)) {
			end = read_leads(q, a);
			a->how = ACTORS_ASSIGNED;
		}
	} else if (names_head_len(p, false)) {
		end = read_leads(p, a);
		const char *after = words_skip(end);
		bool had = a->n_leads > 0;
		/* the issuer speaking: "UBND tỉnh yêu cầu các sở …", "Bộ trưởng giao:" */
		const char *iv = words_at_any(after, issuer_verbs, COUNT(issuer_verbs), false);
		if (iv && had && iv_needs_issuer(iv) && !speaker(a, a->leads[0]))
			iv = NULL;
		if (iv || !had) {
			drop_leads(a);
			end = NULL;
			if (iv && (strcmp(iv, "yêu cầu") == 0 || strstr(iv, "đề nghị") || strcmp(iv, "giao") == 0)) {
				const char *q = words_skip(after + strlen(iv));
				if (names_head_len(q, false)) {
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
			a->descriptive = words_at_any(after, done, COUNT(done), false) != NULL;
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

bool actors_read_heading(const char *text, struct actors *a)
{
	char *recased = NULL;
	const char *verb = words_at_any(words_skip(text), assign_verbs, COUNT(assign_verbs), false);
	char small[8] = ""; /* the title's first letter, as written */
	uint32_t cp;
	if (!text_has_lower(text)) {
		text = recased = names_sentence_case(text);
	} else if (verb) {
		/* "Giao người đứng đầu các cơ quan …": a title after the verb in
		 * small letters, read as a title and given back as written */
		const char *q = words_skip(words_skip(text) + strlen(verb));
		size_t n = text_utf8_decode(q, strlen(q), &cp);
		if (text_starts_lower(q) && n < sizeof small) {
			char *copy = xstrdup(text);
			text_capitalise(copy + (q - text));
			const char *title = copy + (q - text);
			if (names_head_len(title, false) && text_utf8_decode(title, strlen(title), &cp) == n) {
				text = recased = copy;
				memcpy(small, q, n);
				small[n] = '\0';
			} else {
				free(copy);
			}
		}
	}
	/* "11. Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm" */
	static const char *const duty[] = { " có trách nhiệm", " chịu trách nhiệm" };
	size_t len = strlen(text);
	while (len && (text[len - 1] == ':' || text[len - 1] == ' '))
		len--;
	for (size_t k = 0; k < COUNT(duty); k++) {
		size_t d = strlen(duty[k]);
		if (len > d && strncmp(text + len - d, duty[k], d) == 0) {
			char *cut = xstrndup(text, len - d);
			free(recased);
			text = recased = cut;
			break;
		}
	}
	bool named = heading_names(text, a);
	if (named && *small && a->n_leads && text_starts_upper(a->leads[0]) &&
	    text_utf8_decode(a->leads[0], strlen(a->leads[0]), &cp) == strlen(small))
		memcpy(a->leads[0], small, strlen(small));
	free(recased);
	return named;
}

/* Cuts name before a role set after a dash: "Sở Tài chính - Cơ quan thường
 * trực Ban Chỉ đạo" is Sở Tài chính (a dash inside a name, "Văn hóa - Thể
 * thao", is followed by no such words). */
static void cut_role(char *name)
{
	static const char *const roles[] = { "cơ quan thường trực", "cơ quan chủ trì", "cơ quan đầu mối",
					     "thường trực", "đầu mối" };
	for (char *d = name; (d = strchr(d, ' ')) != NULL; d++) {
		const char *after = d + 1;
		if (*after == '-')
			after += 1;
		else if (strncmp(after, "–", strlen("–")) == 0)
			after += strlen("–");
		else
			continue;
		if (*after != ' ')
			continue;
		if (words_at_any(after + 1, roles, COUNT(roles), true)) {
			*d = '\0';
			return;
		}
	}
}

/* "Trách nhiệm của đối tượng thực hiện kiểm kê:" says whose duties follow
 * with a noun of those who act that is no agency's: the words up to '(' or
 * ':' are the one lead when they are a short phrase ("Nhiệm vụ của các năm
 * tiếp theo" names nobody). */
static bool duties_of(const char *p, struct actors *a)
{
	static const char *const who[] = {
		"đối tượng", "người", "cá nhân", "tổ chức", "đơn vị", "cơ quan", "bộ phận", "cán bộ",
		"công chức", "chủ", "thành viên", "hộ", "doanh nghiệp", "cơ sở",
	};
	const char *head = words_at(p, "các") || words_at(p, "những") ? words_skip(p + words_len(p)) : p;
	size_t len = strcspn(p, "(:");
	while (len && (p[len - 1] == ' ' || p[len - 1] == '.'))
		len--;
	if (!len || len > 80 || !words_at_any(head, who, COUNT(who), false) || memchr(p, ',', len) ||
	    memchr(p, ';', len))
		return false;
	names_free(a->leads, a->n_leads);
	a->leads = NULL;
	a->n_leads = 0;
	char *name = xstrndup(p, len);
	names_push(&a->leads, &a->n_leads, name);
	free(name);
	a->how = ACTORS_LABEL;
	a->only_names = true;
	return true;
}

/* actors_read_heading() on text in small letters. */
static bool heading_names(const char *text, struct actors *a)
{
	const char *p = words_skip(text);
	const char *verb = words_at_any(p, assign_verbs, COUNT(assign_verbs), false);
	if (verb) {
		p = words_skip(p + strlen(verb));
		if (*p == ':') /* "Đề nghị: Hiệp hội Doanh nghiệp tỉnh, …" */
			p = words_skip(p + 1);
	}
	/* whose duties follow: "Trách nhiệm của Sở Y tế", "Nhiệm vụ, quyền
	 * hạn và nguyên tắc hoạt động của Hội đồng thẩm định"; what is asked
	 * of whom: "Yêu cầu đối với các tổ chức, cá nhân …" */
	bool whose = false;
	if (words_at(p, "Trách nhiệm") || words_at(p, "Nhiệm vụ")) {
		const char *of = strstr(p, " của ");
		if (of && of - p < 120) {
			p = words_skip(of + strlen(" của "));
			whose = true;
		}
	} else if (verb && strcmp(verb, "Yêu cầu") == 0 && words_at(p, "đối với")) {
		p = words_skip(p + strlen("đối với"));
	}
	if (!names_head_len(p, false)) {
		if (!whose || !duties_of(p, a))
			return false;
		a->predicate = a->task = strlen(text);
		return true;
	}
	char **names = NULL;
	size_t n = 0;
	size_t len = names_scan_list(p, &names, &n, false, true);
	const char *rest = words_skip(p + len);
	if (n == 0 || (*rest && *rest != '(' && *rest != ':' && strcmp(rest, ".") != 0)) {
		names_free(names, n);
		return false;
	}
	names_free(a->leads, a->n_leads);
	a->leads = NULL;
	a->n_leads = 0;
	for (size_t i = 0; i < n; i++) {
		cut_role(names[i]);
		if (!names_is_issuer(names[i]))
			names_push(&a->leads, &a->n_leads, names[i]);
	}
	names_free(names, n);
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
	const char *p = words_skip(text);
	/* each clause's subject: "Sở A tiến hành …; các sở … rà soát …" */
	for (;;) {
		p = skip_opener(words_skip(p));
		if (names_head_len(p, true)) {
			char **got = NULL;
			size_t ng = 0;
			size_t len = names_scan_list(p, &got, &ng, true, false);
			for (size_t i = 0; i < ng; i++)
				if (!names_is_issuer(got[i]))
					names_push(names, n, got[i]);
			names_free(got, ng);
			p += len;
		}
		const char *next = strpbrk(p, ";.");
		if (!next)
			break;
		p = next + 1;
	}
	return *n - before;
}

static void resolve_in(char **names, size_t n, const char *locality, const char *addressee)
{
	for (size_t i = 0; i < n; i++) {
		const char *to = NULL;
		if (strcmp(names[i], "Tỉnh") == 0 || strcmp(names[i], "Thành phố") == 0)
			to = locality;
		else if (strncmp(names[i], "Quý ", strlen("Quý ")) == 0)
			to = addressee;
		if (to && *to) {
			free(names[i]);
			names[i] = xstrdup(to);
		}
	}
}

void actors_resolve(struct actors *a, const char *locality, const char *addressee)
{
	resolve_in(a->leads, a->n_leads, locality, addressee);
	resolve_in(a->later, a->n_later, locality, addressee);
}
