#include "core/letterhead.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actors.h"
#include "core/err.h"
#include "core/names.h"
#include "core/notice.h"
#include "core/outline.h"
#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static char *trim_dup(const char *s, size_t n)
{
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* The first line of s, newly allocated. */
static char *first_line(const char *s) { return trim_dup(s, strcspn(s, "\n")); }

static void set_str(char **field, char *value)
{
	free(*field);
	*field = value;
}

static const char *const kinds[] = {
	"THÔNG BÁO", "CHỈ THỊ", "CÔNG VĂN", "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "KẾT LUẬN",
	"CÔNG ĐIỆN", "NGHỊ QUYẾT", "TỜ TRÌNH", "CHƯƠNG TRÌNH", "HƯỚNG DẪN", "THÔNG TRI",
};

static const char *find_kind(const char *s)
{
	if (text_has_lower(s))
		return NULL;
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (text_starts_with(s, kinds[i]))
			return kinds[i];
	return NULL;
}

/* "Lai Châu, ngày 25 tháng 4 năm 2024" */
static bool place_date(const char *s, char **place, civil_day *day)
{
	const char *p = strstr(s, ", ngày ");
	if (!p)
		p = strstr(s, ", ngày");
	if (!p || p - s > 80)
		return false;
	char err[ERR_MAX];
	civil_day d;
	char *copy = xstrdup(p + 2);
	size_t len = strlen(copy);
	while (len && strchr(" .", copy[len - 1]))
		copy[--len] = '\0';
	int rc = date_parse(copy, &d, err);
	if (rc && text_starts_with(copy, "ngày")) {
		const char *q = copy + strlen("ngày");
		while (*q == ' ')
			q++;
		rc = date_parse(q, &d, err);
	}
	free(copy);
	if (rc)
		return false;
	*place = trim_dup(s, (size_t)(p - s));
	*day = d;
	return true;
}

static bool is_motto(const char *l)
{
	return text_starts_with(l, "CỘNG HÒA XÃ HỘI") || text_starts_with(l, "CỘNG HOÀ XÃ HỘI") || text_starts_with(l, "Độc lập - Tự do") ||
	       text_starts_with(l, "Độc lập – Tự do") || text_starts_with(l, "ĐỘC LẬP");
}

static bool is_signature_title(const char *s)
{
	char *line = first_line(s);
	bool yes = (text_starts_with(line, "TL.") || text_starts_with(line, "KT.") || text_starts_with(line, "TM.") || text_starts_with(line, "Q.") ||
		    text_starts_with(line, "TUQ.") || text_starts_with(line, "CHỦ TỊCH") || text_starts_with(line, "PHÓ CHỦ TỊCH") ||
		    text_starts_with(line, "CHÁNH VĂN PHÒNG") || text_starts_with(line, "GIÁM ĐỐC") || text_starts_with(line, "THỦ TƯỚNG") ||
		    text_starts_with(line, "BỘ TRƯỞNG") || text_starts_with(line, "PHÓ THỦ TƯỚNG") || text_starts_with(line, "CHỦ NHIỆM") ||
		    text_starts_with(line, "PHÓ GIÁM ĐỐC") || text_starts_with(line, "THỨ TRƯỞNG")) &&
		   !text_has_lower(line) && strlen(line) < 120;
	free(line);
	return yes;
}


/* Reads one line of the header into n; returns whether it was one. */
static bool header_line(struct notice *n, const char *l, bool *kind_line)
{
	*kind_line = false;
	if (!*n->number && (text_starts_with(l, "Số:") || text_starts_with(l, "Số :") || (text_starts_with(l, "Số ") && strchr(l, '/')))) {
		const char *v = l + strlen("Số");
		while (*v == ':' || *v == ' ')
			v++;
		set_str(&n->number, trim_dup(v, strlen(v)));
		return true;
	}
	char *place = NULL;
	civil_day d;
	if (n->issued == DATE_NONE && place_date(l, &place, &d)) {
		set_str(&n->place, place);
		n->issued = d;
		return true;
	}
	if (text_starts_with(l, "V/v") || text_starts_with(l, "V/V") || text_starts_with(l, "v/v")) {
		if (!*n->title) {
			const char *rest = l + 3;
			while (*rest == ':' || *rest == ' ')
				rest++;
			set_str(&n->title, xstrdup(rest));
		}
		return true;
	}
	const char *k = find_kind(l);
	if (k && !*n->kind) {
		set_str(&n->kind, xstrdup(k));
		*kind_line = true;
		return true;
	}
	return is_motto(l) || (!text_has_lower(l) && text_has_upper(l) && strlen(l) < 160);
}

static bool addressee_start(const char *t)
{
	char *l = first_line(t);
	size_t n = strlen(l), tail = strlen("điện:");
	bool yes = text_starts_with(t, "Kính gửi") || text_starts_with(t, "Đồng kính gửi") ||
		   (n >= tail && strcmp(l + n - tail, "điện:") == 0 && n < 120);
	free(l);
	return yes;
}

/* The names after "Kính gửi:" on its own line, or in the bullets under it. */
static void read_addressees(const struct outline *o, size_t *i, struct letterhead *h)
{
	const char *t = o->v[*i].text;
	const char *colon = strchr(t, ':');
	const char *inline_names = colon ? colon + 1 : "";
	while (*inline_names == ' ')
		inline_names++;
	if (*inline_names && (text_starts_with(t, "Kính gửi") || text_starts_with(t, "Đồng kính gửi"))) {
		char *flat = outline_flat(inline_names);
		actors_list(flat, &h->to, &h->n_to);
		free(flat);
	}
	bool same_line = *inline_names != '\0';
	size_t j = *i + 1;
	while (j < o->n && (o->v[j].mark == OUTLINE_BULLET || o->v[j].mark == OUTLINE_SUB)) {
		char *flat = outline_flat(o->v[j].text);
		actors_list(flat, &h->to, &h->n_to);
		free(flat);
		j++;
	}
	/* "Đồng kính gửi:" followed by its names on the next line */
	if (j == *i + 1 && !same_line && j < o->n && o->v[j].mark == OUTLINE_NONE && strlen(o->v[j].text) < 300)
		j++;
	*i = j;
}

/* A letterhead line that is an agency of its own ("SỞ NÔNG NGHIỆP …"), not
 * the rest of the line above ("TỈNH LAI CHÂU"). */
static bool names_agency(const char *line)
{
	static const char *const heads[] = { "so ", "bo ", "cuc ", "chi cuc ", "ban ", "van phong ",
					     "thanh tra ", "kho bac ", "cong an ", "trung tam " };
	char *f = text_fold_dup(line);
	bool agency = false;
	for (size_t i = 0; i < COUNT(heads) && !agency; i++)
		agency = text_starts_with(f, heads[i]);
	free(f);
	return agency;
}

/* Reads the lines of paragraph p (a header table's cells, or its lines):
 * the issuer's capitals, kind, number, place and date. *any: one of them is
 * a header line; *all: every one is. Returns whether p holds the kind, with
 * *rest_after_kind where the text after it begins. */
static bool header_lines(struct notice *n, struct letterhead *h, const struct outline_para *p, bool *any, bool *all,
			 const char **rest_after_kind)
{
	bool kind_line = false;
	char *lines = xstrdup(p->text);
	if (p->mark == OUTLINE_ROW)
		for (char *c = lines; *c; c++)
			if (*c == '|')
				*c = '\n';
	for (const char *l = lines; *l;) {
		size_t len = strcspn(l, "\n");
		char *line = trim_dup(l, len);
		bool k = false;
		if (*line && !*n->kind && !text_has_lower(line) && !is_motto(line) && !find_kind(line) &&
		    !strchr(line, ':') && strlen(line) < 120) {
			/* "ỦY BAN NHÂN DÂN" + "TỈNH LAI CHÂU" is one issuer; "ỦY BAN
			 * NHÂN DÂN TỈNH LÀO CAI" + "SỞ NÔNG NGHIỆP …": the Sở issues */
			char *joined = h->issuer && !names_agency(line) ? xasprintf("%s %s", h->issuer, line) : xstrdup(line);
			free(h->issuer);
			h->issuer = joined;
		}
		if (*line) {
			bool is = header_line(n, line, &k);
			*any = *any || is;
			*all = *all && is;
			if (k) {
				kind_line = true;
				*rest_after_kind = p->text + (l - lines) + strlen(n->kind);
			}
		}
		free(line);
		l += len + (l[len] == '\n');
	}
	free(lines);
	return kind_line;
}

/* Reads kind, number, place, date, title and addressees at the top and
 * returns where the body begins. */
/* Whether line is a letterhead's place and date ("Hà Nội, ngày …"). */
static bool dated_place(const char *line)
{
	char *place = NULL;
	civil_day d;
	bool yes = place_date(line, &place, &d);
	free(place);
	return yes;
}

static void read_header(struct notice *n, const struct outline *o, struct letterhead *h)
{
	size_t i = 0, misses = 0;
	bool found = false, title_open = false;
	h->body = 0;
	while (i < o->n && i < 80) {
		const struct outline_para *p = &o->v[i];
		if (p->mark != OUTLINE_NONE && p->mark != OUTLINE_ROW)
			break;
		if (p->mark == OUTLINE_NONE && addressee_start(p->text)) {
			read_addressees(o, &i, h);
			h->body = i;
			found = true;
			title_open = false;
			continue;
		}
		/* the title: the lines after the kind, in capitals or as a heading */
		if (title_open && p->mark == OUTLINE_NONE && (p->heading || !text_has_lower(p->text)) &&
		    strlen(p->text) < 600 && !text_starts_with(p->text, "Căn cứ")) {
			char *flat = outline_flat(p->text);
			set_str(&n->title, *n->title ? xasprintf("%s %s", n->title, flat) : xstrdup(flat));
			free(flat);
			h->body = ++i;
			continue;
		}
		title_open = false;
		bool any = false, all = true;
		const char *rest_after_kind = NULL;
		bool kind_line = header_lines(n, h, p, &any, &all, &rest_after_kind);
		if (kind_line) {
			/* the title on the rest of the kind's paragraph ("THÔNG BÁO\nKết luận …") */
			while (*rest_after_kind == ' ' || *rest_after_kind == '\n')
				rest_after_kind++;
			if (*rest_after_kind && !*n->title) {
				char *flat = outline_flat(rest_after_kind);
				set_str(&n->title, trim_dup(flat, strlen(flat)));
				free(flat);
			}
			title_open = true;
		}
		if (any && (all || p->mark == OUTLINE_ROW || kind_line)) {
			found = true;
			h->body = ++i;
			continue;
		}
		/* the subject written "Về …" instead of "V/v …", between the number
		 * and the place and date */
		if (found && !*n->title && n->issued == DATE_NONE && p->mark == OUTLINE_NONE && text_starts_with(p->text, "Về ") &&
		    strlen(p->text) < 300 && i + 1 < o->n && dated_place(o->v[i + 1].text)) {
			char *flat = outline_flat(p->text + strlen("Về "));
			set_str(&n->title, flat);
			h->body = ++i;
			continue;
		}
		/* before anything of a header: a file name, a link, a note (a
		 * copy's metadata line can be long) */
		if (!found && misses < 5 && (strlen(p->text) < 300 || p->heading)) {
			misses++;
			i++;
			continue;
		}
		break;
	}
	if (!found)
		h->body = 0;
	/* a letter without a kind: "Công văn" */
	if (!*n->kind && *n->title)
		set_str(&n->kind, xstrdup("CÔNG VĂN"));
}

static bool heading_like(const struct outline_para *p)
{
	return p->heading || !text_has_lower(p->text) ||
	       (p->mark != OUTLINE_NONE && strlen(p->text) < 160 && !text_ends_with(p->text, ".") && !text_ends_with(p->text, ";"));
}

/* "… thực hiện./.": the mark that ends a document, not a web address
 * ("https://example.vn/."). */
static bool ends_document(const char *text)
{
	if (!text_ends_with(text, "/."))
		return false;
	const char *last = strrchr(text, ' ');
	last = last ? last + 1 : text;
	return !strstr(last, "://") && !text_starts_with(last, "www.");
}

/* Where the body ends: "Nơi nhận", the signature, or the closing formula
 * (a paragraph ending "./."; an item ending so is the last of the body). The
 * closing paragraph is returned in *closing (or SIZE_MAX). */
static size_t body_end(const struct outline *o, size_t from, size_t *closing)
{
	*closing = SIZE_MAX;
	for (size_t i = from; i < o->n; i++) {
		const struct outline_para *p = &o->v[i];
		if (p->mark == OUTLINE_ROW)
			continue;
		/* "GIÁM ĐỐC SỞ CÔNG THƯƠNG" over the "Căn cứ …" of a decision is who
		 * decides, not a signature */
		bool enacting = i + 1 < o->n && (text_starts_with(o->v[i + 1].text, "Căn cứ") || text_starts_with(o->v[i + 1].text, "Theo đề nghị"));
		if (text_starts_with(p->text, "Nơi nhận") || (p->mark == OUTLINE_NONE && is_signature_title(p->text) && !enacting))
			return i;
		if (ends_document(p->text)) {
			if (p->mark != OUTLINE_NONE)
				return i + 1;
			/* the one paragraph of a heading ("VII. CHẾ ĐỘ BÁO CÁO") is its content */
			if (i > from && heading_like(&o->v[i - 1]) && o->v[i - 1].mark != OUTLINE_NONE)
				return i + 1;
			*closing = i;
			return i;
		}
	}
	return o->n;
}

/* The signer: the name under the signature title (same paragraph or next). */
static void read_signer(struct notice *n, const struct outline *o, size_t from)
{
	for (size_t i = from; i < o->n; i++) {
		const struct outline_para *p = &o->v[i];
		if (p->mark != OUTLINE_NONE || !is_signature_title(p->text))
			continue;
		char *title = xstrdup("");
		char *name = NULL;
		for (size_t j = i; j < o->n && !name && j < i + 6; j++) {
			const char *line = o->v[j].text;
			if (o->v[j].mark != OUTLINE_NONE)
				break;
			while (line && *line && !name) {
				char *l = first_line(line);
				if (text_has_lower(l)) {
					if (text_has_upper(l) && strlen(l) < 80 && !strchr(l, ':'))
						name = l;
					else
						free(l);
					break;
				}
				if (*l) {
					char *joined = xasprintf("%s%s%s", title, *title ? " " : "", l);
					free(title);
					title = joined;
				}
				free(l);
				line = strchr(line, '\n');
				if (line)
					line++;
			}
		}
		set_str(&n->signer_title, title);
		if (name)
			set_str(&n->signer, name);
		return;
	}
}

/* "… thông báo để Ủy ban nhân dân tỉnh Phú Thọ và các Bộ … biết, thực hiện":
 * the first addressee named. */
static char *closing_addressee(const char *closing)
{
	static const char *const says[] = { "thông báo để ", "thông báo cho ", "thông báo tới ", "thông báo đến " };
	for (size_t k = 0; k < COUNT(says); k++) {
		const char *p = strstr(closing, says[k]);
		if (!p)
			continue;
		char **names = NULL;
		size_t nn = 0;
		actors_list(p + strlen(says[k]), &names, &nn);
		char *first = nn ? xstrdup(names[0]) : NULL;
		names_free(names, nn);
		return first;
	}
	return NULL;
}

/* A group ("các sở", "UBND các huyện") is no one in particular. */
static bool specific(const char *name)
{
	return !strstr(name, "các ") && !text_starts_with(name, "Các ") && !text_starts_with(name, "Như trên") &&
	       !text_starts_with(name, "Thủ trưởng") && !text_starts_with(name, "Bộ trưởng, ");
}


/* A conclusion "… TẠI BUỔI LÀM VIỆC VỚI THÀNH PHỐ ĐÀ NẴNG VỀ …": the
 * locality's people's committee ("Ủy ban nhân dân thành phố Đà Nẵng"), whose
 * work the notice lists; NULL when the title names none. */
static char *visited_locality(const char *title)
{
	static const char *const units[] = { "tỉnh ", "thành phố ", "huyện ", "thị xã ", "quận ", "xã ", "phường " };
	char *low = text_lower_dup(title);
	char *at = strstr(low, "làm việc với ");
	char *out = NULL;
	if (at) {
		at += strlen("làm việc với ");
		if (text_starts_with(at, "lãnh đạo "))
			at += strlen("lãnh đạo ");
		if (text_starts_with(at, "ủy ban nhân dân ") || text_starts_with(at, "uỷ ban nhân dân "))
			at += strlen("ủy ban nhân dân ");
		for (size_t k = 0; k < COUNT(units) && !out; k++) {
			if (!text_starts_with(at, units[k]))
				continue;
			char *name = at + strlen(units[k]);
			size_t len = strcspn(name, ",;.()");
			char *end = strstr(name, " về ");
			if (end && (size_t)(end - name) < len)
				len = (size_t)(end - name);
			while (len && name[len - 1] == ' ')
				len--;
			if (!len)
				break;
			name[len] = '\0';
			/* title case: each word of the name capitalised */
			for (char *w = name; w; w = strchr(w, ' ')) {
				w += *w == ' ';
				text_capitalise(w);
			}
			out = xasprintf("Ủy ban nhân dân %s%s", units[k], name);
		}
	}
	free(low);
	return out;
}

/* The one addressee who acts when an item names nobody: the closing's
 * "thông báo để X …", else the letter's only addressee, else the locality a
 * conclusion was drawn with. */
static char *find_addressee(const struct notice *n, const struct outline *o, const struct letterhead *h)
{
	if (h->closing != SIZE_MAX) {
		char *c = outline_flat(o->v[h->closing].text);
		char *who = closing_addressee(c);
		free(c);
		if (who && specific(who))
			return who;
		free(who);
	}
	/* the one addressee, a group too: "Kính gửi: Các cơ sở đào tạo trực
	 * thuộc Bộ" is who the letter's items are for */
	if (h->n_to == 1 && !text_starts_with(h->to[0], "Như trên"))
		return xstrdup(h->to[0]);
	return h->n_to == 0 ? visited_locality(n->title) : NULL;
}


/* Whether the decision before paragraph end issues a document with it
 * ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …"). */
static bool issues_attached(const struct outline *o, size_t end)
{
	for (size_t i = 0; i < end && i < o->n; i++)
		if (strstr(o->v[i].text, "kèm theo Quyết định này"))
			return true;
	return false;
}

/* A plan issued by the decision it follows ("KẾ HOẠCH … (Ban hành kèm theo
 * Quyết định số …)" after the decision's signature, or only its title when
 * the decision says it issues one): where its body begins, or SIZE_MAX. */
static size_t annexed_body(const struct outline *o, size_t after)
{
	static const char *const kinds_annexed[] = { "KẾ HOẠCH", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "ĐỀ ÁN", "PHỤ LỤC" };
	bool issued = issues_attached(o, after);
	for (size_t i = after; i < o->n; i++) {
		const struct outline_para *p = &o->v[i];
		if (p->mark != OUTLINE_NONE || text_has_lower(p->text))
			continue;
		bool kind = false;
		for (size_t k = 0; k < COUNT(kinds_annexed) && !kind; k++)
			kind = text_starts_with(p->text, kinds_annexed[k]);
		/* the note may end the title's paragraph in text whose lines were joined;
		 * a list of a council's members ("DANH SÁCH THÀNH VIÊN …") asks nothing */
		bool members = false;
		for (size_t j = i; kind && j < o->n && j < i + 5; j++) {
			members = members || strstr(o->v[j].text, "THÀNH VIÊN") || strstr(o->v[j].text, "THÀNH PHẦN");
			if (strstr(o->v[j].text, "(Ban hành kèm theo") || strstr(o->v[j].text, "(Kèm theo") ||
			    strstr(o->v[j].text, "(kèm theo")) {
				if (!members)
					return j + 1;
				break;
			}
		}
		/* without its note: the title's lines in capitals, then the body
		 * (not "PHỤ LỤC", whose tables are read as tables) */
		if (kind && issued && !members && !text_starts_with(p->text, "PHỤ LỤC")) {
			size_t j = i + 1;
			while (j < o->n && o->v[j].mark == OUTLINE_NONE && !text_has_lower(o->v[j].text))
				j++;
			if (j < o->n)
				return j;
		}
	}
	return SIZE_MAX;
}

/* A letter copied without its letterhead names who speaks where it asks:
 * "…, Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh …". The agency just
 * before the verb in the body's first paragraphs, or NULL. */
static char *issuer_in_body(const struct outline *o, const struct letterhead *h)
{
	static const char *const verbs[] = { " kính đề nghị ", " đề nghị ", " yêu cầu ", " giao " };
	for (size_t i = h->body; i < h->end && i < h->body + 4; i++) {
		char *t = outline_flat(o->v[i].text);
		char *found = NULL;
		for (size_t v = 0; v < sizeof verbs / sizeof verbs[0] && !found; v++) {
			const char *p = strstr(t, verbs[v]);
			if (!p)
				continue;
			/* the name that ends right before the verb, in its sentence
			 * ("…, Bộ Văn hóa, Thể thao và Du lịch đề nghị …") */
			const char *sentence = p;
			while (sentence > t && sentence[-1] != '.' && sentence[-1] != ';')
				sentence--;
			for (const char *c = sentence; c < p && !found; c++) {
				if (c != t && c[-1] != ' ')
					continue;
				char **names = NULL;
				size_t n = 0, len = names_head_len(c, false) ? names_scan_list(c, &names, &n, false, false) : 0;
				names_free(names, n);
				if (n == 1 && c + len == p && p - c < 120)
					found = xstrndup(c, len);
			}
		}
		free(t);
		if (found)
			return found;
	}
	return NULL;
}

void letterhead_read(struct notice *n, const struct outline *o, struct letterhead *h)
{
	memset(h, 0, sizeof *h);
	read_header(n, o, h);
	h->end = body_end(o, h->body, &h->closing);
	read_signer(n, o, h->end);
	if (!h->issuer)
		h->issuer = issuer_in_body(o, h);
	h->addressee = find_addressee(n, o, h);
}

bool letterhead_annex(const struct outline *o, struct letterhead *h)
{
	size_t from = annexed_body(o, h->end);
	if (from == SIZE_MAX)
		return false;
	h->body = from;
	h->end = body_end(o, from, &h->closing);
	return true;
}

void letterhead_release(struct letterhead *h)
{
	names_free(h->to, h->n_to);
	free(h->issuer);
	free(h->addressee);
	memset(h, 0, sizeof *h);
}

const char *letterhead_kind_sentence(const char *kind)
{
	static const char *const sentence[] = {
		"Thông báo", "Chỉ thị", "Công văn", "Kế hoạch", "Quyết định", "Báo cáo", "Kết luận",
		"Công điện", "Nghị quyết", "Tờ trình", "Chương trình", "Hướng dẫn", "Thông tri",
	};
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return sentence[i];
	return "Văn bản";
}
