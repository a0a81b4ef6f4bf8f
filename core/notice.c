#include "core/notice.h"
#include "core/notice_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actors.h"
#include "core/deadline.h"
#include "core/err.h"
#include "core/intake.h"
#include "core/letterhead.h"
#include "core/names.h"
#include "core/outline.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/wording.h"
#include "core/words.h"
#include "core/xalloc.h"

/* ---- who acts, and which paragraphs are units ------------------------------ */

struct deadline_options reader_due_options(const struct reader *r)
{
	struct deadline_options opt;
	deadline_options_init(&opt);
	opt.anchor = r->n->issued;
	opt.not_before = r->cited;
	return opt;
}

/* The date written at s ("14/11/2025", "ngày 14 tháng 11 năm 2025"), or
 * DATE_NONE. */
static civil_day date_at(const char *s)
{
	/* the words date_parse() takes whole: "14/11/2025" is one, "ngày 14
	 * tháng 11 năm 2025" six */
	size_t words = text_starts_with(s, "ngày ") ? 6 : 1, len = 0;
	for (size_t w = 0; w < words && s[len]; w++) {
		len += strspn(s + len, " ");
		len += strcspn(s + len, " ");
	}
	while (len && strchr(",.;:)", s[len - 1]))
		len--;
	char word[64], err[ERR_MAX];
	civil_day d;
	if (!len || len >= sizeof word)
		return DATE_NONE;
	memcpy(word, s, len);
	word[len] = '\0';
	return date_parse(word, &d, err) == 0 ? d : DATE_NONE;
}

/* A letter copied without its date was written after what it cites: the
 * latest date in its opening paragraphs ("Thực hiện Kết luận … ngày
 * 12/11/2025 và ý kiến tại cuộc họp ngày 14/11/2025, …") stands for its
 * date when deadlines are read (DATE_NONE when it cites none). */
static civil_day cited_date(const struct outline *o, size_t from, size_t to)
{
	civil_day latest = DATE_NONE;
	for (size_t i = from; i < to && i < from + 6 && o->v[i].mark == OUTLINE_NONE; i++)
		for (const char *p = o->v[i].text; *p; p++) {
			if (p != o->v[i].text && p[-1] != ' ')
				continue;
			civil_day d = date_at(p);
			if (d != DATE_NONE && (latest == DATE_NONE || d > latest))
				latest = d;
		}
	return latest;
}

static bool under_preamble(const struct reader *r, size_t i)
{
	for (size_t p = r->o.v[i].parent; p != OUTLINE_ROOT; p = r->o.v[p].parent)
		if (r->o.v[p].mark != OUTLINE_NONE &&
		    (wording_preamble_heading(r->o.v[p].text) || wording_composition(r->o.v[p].label, r->o.v[p].text)))
			return true;
	return false;
}

static bool under_quotation(const struct reader *r, size_t i)
{
	for (size_t p = r->o.v[i].parent; p != OUTLINE_ROOT; p = r->o.v[p].parent)
		if (wording_quotes_rule(r->o.v[p].text))
			return true;
	return false;
}

/* Under "I. ĐÁNH GIÁ CHUNG" and the like, unless an introduction between
 * asks for work ("…, Thành phố cần tập trung thực hiện các nhiệm vụ sau:"). */
static bool under_no_task_heading(const struct reader *r, size_t i)
{
	for (size_t p = r->o.v[i].parent; p != OUTLINE_ROOT; p = r->o.v[p].parent) {
		const struct outline_para *h = &r->o.v[p];
		if (h->role == OUTLINE_LEAD_IN && wording_asks_work(h->text))
			return false;
		if (h->mark != OUTLINE_NONE && wording_no_task_heading(h->text))
			return true;
	}
	return false;
}

static bool has_deadline(const struct reader *r, const char *text)
{
	struct deadline_options opt = reader_due_options(r);
	struct deadline d;
	return deadline_pick(text, strlen(text), &opt, &d) && d.kind != DEADLINE_ONGOING;
}

void reader_copy_names(char ***dst, size_t *n, char *const *src, size_t count)
{
	for (size_t i = 0; i < count; i++)
		names_push(dst, n, src[i]);
}

char *reader_field_text(const struct reader *r, size_t f)
{
	const struct outline_para *p = &r->o.v[f];
	if (*p->field_value)
		return outline_flat(p->field_value);
	struct strbuf b = STRBUF_INIT;
	for (size_t j = f + 1; j < p->end; j++) {
		if (r->o.v[j].parent != f)
			continue;
		char *line = outline_flat(r->o.v[j].text);
		size_t n = strlen(line);
		while (n && strchr(" .;", line[n - 1]))
			line[--n] = '\0';
		char **names = NULL;
		size_t nn = 0, len = names_scan_list(line, &names, &nn, true, true);
		names_free(names, nn);
		bool only_names = nn && len == n;
		if (only_names) {
			if (b.len)
				strbuf_add(&b, "; ");
			strbuf_add(&b, line);
		}
		free(line);
		if (!only_names) {
			strbuf_truncate(&b, 0);
			break;
		}
	}
	return strbuf_take(&b);
}

/* The one unmarked paragraph of item i that is read with it, or SIZE_MAX. */
size_t reader_merged_child(const struct reader *r, size_t i)
{
	for (size_t j = i + 1; j < r->o.v[i].end; j++)
		if (r->o.v[j].parent == i && r->o.v[j].role == OUTLINE_MERGED)
			return j;
	return SIZE_MAX;
}

/* The field of item i with the given kind, or SIZE_MAX. */
size_t reader_field_child(const struct reader *r, size_t i, enum outline_field f)
{
	for (size_t j = i + 1; j < r->o.v[i].end; j++)
		if (r->o.v[j].parent == i && r->o.v[j].role == OUTLINE_FIELD && r->o.v[j].field == f)
			return j;
	return SIZE_MAX;
}

/* The lead field, a paragraph of its own, that closes item i's list ("- …\n
 * - …\nTrách nhiệm chỉ đạo thực hiện: X."): it names who does each item
 * above it, which stay units of their own. SIZE_MAX when there is none. */
static size_t closing_lead_field(const struct reader *r, size_t i)
{
	size_t lf = reader_field_child(r, i, FIELD_LEAD);
	if (lf == SIZE_MAX || r->o.v[lf].mark != OUTLINE_NONE)
		return SIZE_MAX; /* a field among the item's bullets is one of its fields */
	for (size_t j = i + 1; j < lf; j++)
		if (r->o.v[j].parent == i && r->o.v[j].role != OUTLINE_FIELD && r->o.v[j].mark != OUTLINE_NONE)
			return lf;
	return SIZE_MAX;
}

/* Finds for each item the block of fields that closes its run of items
 * ("- …\n- …\nĐơn vị chủ trì: X.\nĐơn vị phối hợp: Y.\nThời gian thực
 * hiện: Z."): a block covers the items of one kind since the block before
 * it; an item of another kind, or a paragraph, between them breaks the run.
 * One pass backwards: a run is a list's items, so its block is known when
 * the pass reaches them. */
static void find_field_blocks(struct reader *r)
{
	enum { UNSEEN = -1, MIXED = -2 };
	size_t n = r->to - r->from;
	size_t *next = xmalloc((n + 1) * sizeof *next); /* per parent: the block after the run, or SIZE_MAX */
	int *run = xmalloc((n + 1) * sizeof *run);      /* per parent: the run's mark, UNSEEN or MIXED */
	for (size_t k = 0; k <= n; k++) {
		next[k] = SIZE_MAX;
		run[k] = UNSEEN;
	}
	for (size_t i = r->to; i-- > r->from;) {
		const struct outline_para *p = &r->o.v[i];
		r->nodes[i].block = SIZE_MAX;
		if (p->parent == OUTLINE_ROOT || p->parent < r->from || p->mark == OUTLINE_ROW)
			continue;
		size_t up = p->parent - r->from;
		if (p->role == OUTLINE_FIELD && p->mark == OUTLINE_NONE) {
			next[up] = i; /* going backwards: ends at the block's first field */
			run[up] = UNSEEN;
			continue;
		}
		if (p->mark == OUTLINE_NONE || p->role == OUTLINE_FIELD) {
			next[up] = SIZE_MAX;
			continue;
		}
		if (run[up] == UNSEEN || run[up] == (int)p->mark)
			r->nodes[i].block = next[up];
		else
			next[up] = SIZE_MAX;
		run[up] = run[up] == UNSEEN || run[up] == (int)p->mark ? (int)p->mark : MIXED;
	}
	free(next);
	free(run);
}

/* The field f of the block of fields that closes item j's run of items
 * (find_field_blocks()), or SIZE_MAX when there is none, it has no such
 * field, or j has fields of its own. */
size_t reader_trailing_field(const struct reader *r, size_t j, enum outline_field f)
{
	size_t k = r->nodes[j].block;
	if (k == SIZE_MAX)
		return SIZE_MAX;
	const struct outline_para *p = &r->o.v[j];
	for (size_t c = j + 1; c < p->end; c++)
		if (r->o.v[c].parent == j && r->o.v[c].role == OUTLINE_FIELD)
			return SIZE_MAX;
	size_t up = p->parent;
	for (; k < r->o.v[up].end && r->o.v[k].parent == up && r->o.v[k].role == OUTLINE_FIELD &&
	       r->o.v[k].mark == OUTLINE_NONE;
	     k++)
		if (r->o.v[k].field == f)
			return k;
	return SIZE_MAX;
}

/* Whether item j alone is closed by the block of fields right after it: the
 * item before it, if any, is closed by a block of its own. */
static bool alone_before_fields(const struct reader *r, size_t j)
{
	size_t up = r->o.v[j].parent, next = r->o.v[j].end;
	if (next >= r->o.v[up].end || r->o.v[next].role != OUTLINE_FIELD)
		return false;
	for (size_t k = j; k-- > up + 1;)
		if (r->o.v[k].parent == up)
			return r->o.v[k].role == OUTLINE_FIELD;
	return true;
}

static bool outline_ends_colon_text(const char *t)
{
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	return n && t[n - 1] == ':';
}

static bool ends_terminal(const char *t)
{
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == ')'))
		n--;
	return n && strchr(".;:!?", t[n - 1]);
}

/* "Xây dựng Quy chế … (Giao Công an tỉnh chủ trì, phối hợp với …).": who
 * acts, said in parentheses at the paragraph's end. The words inside (a
 * new string), or NULL when there are none that assign. */
static char *assignment_in_parens(const char *t)
{
	size_t n = strlen(t);
	while (n && strchr(" .;:", t[n - 1]))
		n--;
	if (!n || t[n - 1] != ')')
		return NULL;
	const char *open = NULL;
	int depth = 0;
	for (size_t k = n; k-- > 0;) {
		if (t[k] == ')')
			depth++;
		else if (t[k] == '(' && --depth == 0) {
			open = t + k;
			break;
		}
	}
	if (!open)
		return NULL;
	const char *in = open + 1;
	static const char *const assigns[] = { "Giao ", "giao ", "Đề nghị ", "đề nghị " };
	bool by_verb = false;
	for (size_t k = 0; k < COUNT(assigns) && !by_verb; k++)
		by_verb = text_starts_with(in, assigns[k]);
	if (!by_verb && !(names_head_len(in, false) && strstr(in, "chủ trì")))
		return NULL;
	return xstrndup(in, (size_t)(t + n - 1 - in));
}

/* "2. Đẩy mạnh hoàn thiện thể chế: Các bộ khẩn trương trình …": after a
 * topic and its colon, a sentence with a subject of its own. Where it
 * begins, or text itself. */
static const char *after_topic(const char *text)
{
	const char *colon = strchr(text, ':');
	if (!colon || colon - text > 300 || !colon[1] || memchr(text, '(', (size_t)(colon - text)))
		return text;
	const char *rest = colon + 1;
	while (*rest == ' ')
		rest++;
	size_t name = names_head_len(rest, false);
	if (!name || !text_starts_upper(rest))
		return text;
	/* "Thành phần: Trưởng Ban là Chủ tịch …" says who holds an office */
	char **names = NULL;
	size_t n = 0, len = names_scan_list(rest, &names, &n, false, false);
	names_free(names, n);
	const char *verb = rest + len;
	while (*verb == ' ')
		verb++;
	return words_at(verb, "là") || words_at(verb, "gồm") ? text : rest;
}

/* Where the last sentence of an introduction (text ending with ':') begins,
 * for when its first names nobody: "Nhằm … lao động. Sở Nội vụ đề nghị các
 * doanh nghiệp … nội dung sau:". A period after a capital ("TP. Hồ Chí
 * Minh") ends no sentence. text itself when it has one. */
static const char *last_sentence(const char *text)
{
	const char *from = text;
	if (!outline_ends_colon_text(text))
		return text;
	for (const char *p = text; (p = strstr(p, ". ")) != NULL; p++) {
		if (p == text)
			continue;
		const char *c = p - 1; /* the character before the period */
		while (c > text && ((unsigned char)*c & 0xc0) == 0x80)
			c--;
		bool word_end = *c == ')' || (*c >= '0' && *c <= '9') || !text_starts_upper(c);
		if (word_end && (*c == ')' || (unsigned char)*c >= 'a' || (*c >= '0' && *c <= '9')) &&
		    text_starts_upper(p + 2))
			from = p + 2;
	}
	return from;
}

/* Reads who acts in each paragraph. */
/* Who acts in paragraph i's own words (t, flat): its first words, else its
 * last sentence or what follows its topic, else a closing parenthesis;
 * a heading over items may be only names. */
static void read_paragraph_actors(const struct reader *r, size_t i, const char *t, struct actors *act)
{
	const struct outline_para *p = &r->o.v[i];
	/* a heading of names over its items: "1. Thủ trưởng các cơ quan tham mưu, quản lý …" */
	if (p->mark != OUTLINE_NONE && p->end > i + 1 && (!ends_terminal(t) || text_ends_with(t, ".")) &&
	    actors_read_heading(t, act))
		return;
	actors_read(t, act);
	const char *last = last_sentence(t);
	if (last == t && p->mark != OUTLINE_NONE && p->mark != OUTLINE_ROW)
		last = after_topic(t);
	if (!act->n_leads && last != t) {
		actors_release(act);
		actors_init(act);
		act->issuer = r->issuer;
		actors_read(last, act);
		/* where the predicate and the task begin, in the whole paragraph */
		if (act->n_leads) {
			act->predicate += (size_t)(last - t);
			act->task += (size_t)(last - t);
		}
	}
	/* "6. Xây dựng Quy chế … (Giao Công an tỉnh chủ trì, phối hợp với …)." */
	char *paren = act->n_leads ? NULL : assignment_in_parens(t);
	if (paren) {
		struct actors b;
		actors_init(&b);
		b.issuer = r->issuer;
		actors_read(paren, &b);
		if (b.n_leads && !b.descriptive) {
			b.predicate = b.task = 0; /* the work is the paragraph's words */
			actors_release(act);
			*act = b;
		} else {
			actors_release(&b);
		}
		free(paren);
	}
	/* "1.6. Trách nhiệm của các cơ quan quản lý cấp trên (…):" */
	if (!act->n_leads && p->mark != OUTLINE_NONE && p->end > i + 1)
		actors_read_heading(t, act);
}

/* A heading and its one paragraph (m): the paragraph says who acts, or the
 * heading does and the paragraph adds its partners. */
static void read_merged_actors(const struct reader *r, size_t m, struct node *nd)
{
	struct actors b;
	actors_init(&b);
	b.issuer = r->issuer;
	char *mt = outline_flat(r->o.v[m].text);
	actors_read(mt, &b);
	free(mt);
	if (b.n_leads && b.how != ACTORS_LABEL) {
		reader_copy_names(&b.coop, &b.n_coop, nd->act.coop, nd->act.n_coop);
		actors_release(&nd->act);
		nd->act = b;
		nd->merged_acts = true;
	} else {
		reader_copy_names(&nd->act.coop, &nd->act.n_coop, b.coop, b.n_coop);
		reader_copy_names(&nd->act.later, &nd->act.n_later, b.later, b.n_later);
		nd->act.only_names = false;
		nd->act.descriptive = nd->act.descriptive || b.descriptive;
		actors_release(&b);
	}
}

static void read_actors(struct reader *r)
{
	const char *locality = r->addressee && (text_starts_with(r->addressee, "Ủy ban nhân dân t") ||
						text_starts_with(r->addressee, "Uỷ ban nhân dân t") || text_starts_with(r->addressee, "UBND t"))
				       ? r->addressee
				       : NULL;
	for (size_t i = r->from; i < r->to; i++) {
		struct outline_para *p = &r->o.v[i];
		struct node *nd = &r->nodes[i];
		actors_init(&nd->act);
		nd->act.issuer = r->issuer;
		if (p->mark == OUTLINE_ROW || p->role == OUTLINE_MERGED)
			continue;
		if (p->role == OUTLINE_FIELD) {
			if (p->field != FIELD_LEAD)
				continue;
			/* "Cơ quan thực hiện: Sở A tiến hành …; các sở … rà soát …" */
			char *v = reader_field_text(r, i);
			actors_list(v, &nd->act.leads, &nd->act.n_leads);
			actors_cooperating(v, &nd->act);
			nd->act.how = nd->act.n_leads ? ACTORS_LABEL : ACTORS_NONE;
			free(v);
			continue;
		}
		char *t = outline_flat(p->text);
		read_paragraph_actors(r, i, t, &nd->act);
		free(t);
		size_t m = reader_merged_child(r, i);
		if (m != SIZE_MAX)
			read_merged_actors(r, m, nd);
		actors_resolve(&nd->act, locality, r->sole_to);
	}
}

/* What node i says must be done: its words after the agencies, and its
 * merged paragraph's. Newly allocated. */
static char *what_to_do(const struct reader *r, size_t i)
{
	const struct node *nd = &r->nodes[i];
	size_t m = reader_merged_child(r, i);
	char *t = outline_flat(r->o.v[i].text);
	char *mt = m != SIZE_MAX ? outline_flat(r->o.v[m].text) : xstrdup("");
	char *out;
	if (nd->merged_acts)
		out = xstrdup(mt + (nd->act.predicate < strlen(mt) ? nd->act.predicate : strlen(mt)));
	else
		out = xasprintf("%s %s", t + (nd->act.predicate < strlen(t) ? nd->act.predicate : strlen(t)), mt);
	free(t);
	free(mt);
	return out;
}

/* "Giao các sở quản lý chuyên ngành … gồm:" over bullets that are nothing
 * but agencies ("- Sở Công Thương (đối với cụm công nghiệp);"): the group is
 * those agencies, for what it introduces and for its heading's items. */
static void group_members(struct reader *r)
{
	for (size_t i = r->from; i < r->to; i++) {
		const struct outline_para *p = &r->o.v[i];
		if (!outline_ends_colon(p) || !(text_ends_with(p->text, "gồm:") || text_ends_with(p->text, "gồm :")))
			continue;
		char **members = NULL;
		size_t n = 0;
		bool all = p->end > i + 1;
		for (size_t j = i + 1; j < p->end && all; j++) {
			const struct node *c = &r->nodes[j];
			if (r->o.v[j].parent != i)
				continue;
			all = (c->act.only_names || c->act.how == ACTORS_LABEL) && c->act.n_leads;
			reader_copy_names(&members, &n, c->act.leads, c->act.n_leads);
		}
		if (all && n) {
			struct actors *targets[2] = { &r->nodes[i].act, NULL };
			size_t up = p->parent;
			if (up != OUTLINE_ROOT && (r->nodes[up].act.only_names || r->nodes[up].act.n_leads == 0))
				targets[1] = &r->nodes[up].act;
			for (size_t t = 0; t < 2 && targets[t]; t++) {
				names_free(targets[t]->leads, targets[t]->n_leads);
				targets[t]->leads = NULL;
				targets[t]->n_leads = 0;
				reader_copy_names(&targets[t]->leads, &targets[t]->n_leads, members, n);
				if (targets[t]->how == ACTORS_NONE)
					targets[t]->how = ACTORS_LABEL;
			}
		}
		names_free(members, n);
	}
}

/* A paragraph between two entries of a list that names nobody goes on the
 * entry above it ("- Cung ứng đầy đủ thuốc …\nThường xuyên rà soát kết quả
 * đấu thầu …\n- Thực hiện …"). */
static bool goes_on_entry(const struct reader *r, size_t i)
{
	const struct outline_para *p = &r->o.v[i];
	if (p->mark != OUTLINE_NONE || p->role != OUTLINE_ITEM || p->parent == OUTLINE_ROOT)
		return false;
	const struct outline_para *e = &r->o.v[p->parent];
	return (e->mark == OUTLINE_BULLET || e->mark == OUTLINE_SUB || e->mark == OUTLINE_LABEL) &&
	       !outline_ends_colon(e) && r->nodes[i].act.n_leads == 0;
}

/* "1. Bộ Tài chính chủ trì, phối hợp với các Bộ, cơ quan liên quan:": a
 * heading that says who leads and with whom, and nothing to do. */
bool reader_only_roles(const struct reader *r, size_t i)
{
	const struct node *nd = &r->nodes[i];
	if (!nd->act.n_leads || !nd->act.n_coop || nd->merged_acts)
		return false;
	char *t = outline_flat(r->o.v[i].text);
	const char *task = t + (nd->act.task < strlen(t) ? nd->act.task : strlen(t));
	bool nothing = wording_content_words(task) == 0 && outline_ends_colon_text(t);
	free(t);
	return nothing;
}

/* Whether item i says more than who acts ("Bộ Công an:" does not). */
static bool says_more(const struct reader *r, size_t i)
{
	char *what = what_to_do(r, i);
	bool more = wording_content_words(what) >= 2;
	free(what);
	return more;
}

/* A bullet that goes on its item's sentence ("… như sau:\n+ tổ chức …;"). */
static bool continuation(const struct reader *r, size_t i)
{
	const struct outline_para *p = &r->o.v[i];
	if (p->parent == OUTLINE_ROOT || p->mark == OUTLINE_NONE || p->mark == OUTLINE_ROW)
		return false;
	if (p->mark != OUTLINE_BULLET && p->mark != OUTLINE_SUB && p->mark != OUTLINE_LABEL)
		return false;
	/* "Bộ Công an: (1) tiếp tục …; (2) tham mưu …": numbered items after a
	 * heading that only names who acts are tasks of their own */
	if (p->mark == OUTLINE_LABEL && r->nodes[p->parent].act.n_leads && !says_more(r, p->parent))
		return false;
	return text_starts_lower(p->text) && outline_ends_colon(&r->o.v[p->parent]) && r->nodes[i].act.n_leads == 0;
}

/* Who acts in each paragraph: its own agencies, else its heading's. */
/* "b) Chủ trì, phối hợp" (or "… phối hợp với:") naming nobody over items
 * that each begin with the partner ("- Sở Tài chính … tham mưu …"). */
static bool partners_follow(const struct reader *r, size_t heading)
{
	static const char *const forms[] = { "Chủ trì, phối hợp", "Chủ trì, phối hợp với", "Chủ trì phối hợp với" };
	if (heading == OUTLINE_ROOT || r->o.v[heading].mark == OUTLINE_NONE)
		return false;
	char *t = outline_flat(r->o.v[heading].text);
	size_t n = strlen(t);
	while (n && strchr(" :.", t[n - 1]))
		t[--n] = '\0';
	bool yes = false;
	for (size_t k = 0; k < COUNT(forms) && !yes; k++)
		yes = strcmp(t, forms[k]) == 0;
	free(t);
	return yes;
}

static void inherit_leads(struct reader *r)
{
	for (size_t i = r->from; i < r->to; i++) {
		struct node *nd = &r->nodes[i];
		const struct outline_para *p = &r->o.v[i];
		if (p->mark == OUTLINE_ROW || p->role == OUTLINE_MERGED)
			continue;
		if (nd->act.n_leads && p->mark != OUTLINE_NONE && partners_follow(r, p->parent)) {
			/* the agencies the item names co-operate with the heading's lead */
			reader_copy_names(&nd->act.coop, &nd->act.n_coop, nd->act.leads, nd->act.n_leads);
			names_free(nd->act.leads, nd->act.n_leads);
			nd->act.leads = NULL;
			nd->act.n_leads = 0;
			nd->act.how = ACTORS_NONE;
		}
		size_t tf = reader_trailing_field(r, i, FIELD_LEAD);
		bool field_leads = tf != SIZE_MAX && r->nodes[tf].act.n_leads;
		if (field_leads && (alone_before_fields(r, i) || !nd->act.n_leads || nd->act.how == ACTORS_NONE)) {
			/* "- …\nĐơn vị chủ trì: X." names who does the item (or the
			 * items it closes that name nobody) */
			reader_copy_names(&nd->leads, &nd->n_leads, r->nodes[tf].act.leads, r->nodes[tf].act.n_leads);
		} else if (nd->act.n_leads && nd->act.how != ACTORS_NONE) {
			reader_copy_names(&nd->leads, &nd->n_leads, nd->act.leads, nd->act.n_leads);
		} else if (p->parent != OUTLINE_ROOT && r->nodes[p->parent].n_passed &&
			   !(p->mark == OUTLINE_NONE && r->o.v[p->parent].mark != OUTLINE_NONE &&
			     text_ends_with(r->o.v[p->parent].text, "."))) {
			const struct node *up = &r->nodes[p->parent];
			reader_copy_names(&nd->leads, &nd->n_leads, up->passed, up->n_passed);
			nd->doubts |= NOTICE_DOUBT_LEAD_HEADING;
		}
		/* what the items under it take: the agencies its closing field or its
		 * own words name, or its heading's */
		size_t closing = closing_lead_field(r, i);
		if (closing != SIZE_MAX && r->nodes[closing].act.n_leads)
			reader_copy_names(&nd->passed, &nd->n_passed, r->nodes[closing].act.leads, r->nodes[closing].act.n_leads);
		else if (nd->act.n_leads && nd->act.how != ACTORS_NONE && !nd->merged_acts)
			reader_copy_names(&nd->passed, &nd->n_passed, nd->act.leads, nd->act.n_leads);
		else if (p->parent != OUTLINE_ROOT && !nd->merged_acts)
			reader_copy_names(&nd->passed, &nd->n_passed, r->nodes[p->parent].passed, r->nodes[p->parent].n_passed);
		/* "…. Giao Văn phòng Bộ tổng hợp …": a second agency later on */
		reader_copy_names(&nd->leads, &nd->n_leads, nd->act.later, nd->act.n_later);
	}
}

/* An item laid out as fields ("Cơ quan thực hiện: …"): the fields are part
 * of it, and so is whatever sits under them, except the agencies listed one
 * per line under an empty "Cơ quan thực hiện:" (each its own unit). */
static void absorb_fields(struct reader *r, size_t i, size_t lead_field)
{
	const struct outline_para *p = &r->o.v[i];
	bool split = !*r->o.v[lead_field].field_value && !r->nodes[lead_field].act.n_leads &&
		     r->o.v[lead_field].end > lead_field + 1;
	for (size_t j = i + 1; j < p->end; j++) {
		bool under_lead = j > lead_field && j < r->o.v[lead_field].end;
		if (split && under_lead && r->o.v[j].parent == lead_field)
			continue;
		r->nodes[j].absorbed = true;
	}
}

/* "… thẩm định hồ sơ, bao gồm:" over items that name nobody: they list what
 * the task covers ("- cấp mới …; - cấp lại …"), so they are read with it. */
static bool enumerates(const struct reader *r, size_t i)
{
	const struct outline_para *p = &r->o.v[i];
	if (p->end <= i + 1 || !(text_ends_with(p->text, "gồm:") || text_ends_with(p->text, "gồm :")))
		return false;
	for (size_t j = i + 1; j < p->end; j++)
		if (r->nodes[j].act.n_leads)
			return false;
	char *what = what_to_do(r, i);
	bool says = wording_content_words(what) >= 3;
	free(what);
	return says;
}

static void decide_units(struct reader *r)
{
	/* fields and continuations are read with their item */
	for (size_t i = r->from; i < r->to; i++) {
		const struct outline_para *p = &r->o.v[i];
		if (p->role == OUTLINE_FIELD || p->role == OUTLINE_MERGED || p->role == OUTLINE_NOTE || p->mark == OUTLINE_ROW)
			r->nodes[i].absorbed = true;
		else if (continuation(r, i) || goes_on_entry(r, i))
			r->nodes[i].absorbed = true;
		size_t lf = reader_field_child(r, i, FIELD_LEAD);
		if (lf != SIZE_MAX && p->role != OUTLINE_FIELD && closing_lead_field(r, i) == SIZE_MAX)
			absorb_fields(r, i, lf);
		if (!r->nodes[i].absorbed && enumerates(r, i)) {
			r->nodes[i].enumerates = true;
			for (size_t j = i + 1; j < p->end; j++)
				r->nodes[j].absorbed = true;
		}
	}
	for (size_t i = r->to; i-- > r->from;) {
		struct node *nd = &r->nodes[i];
		const struct outline_para *p = &r->o.v[i];
		if (nd->absorbed) {
			if (nd->below && p->parent != OUTLINE_ROOT)
				r->nodes[p->parent].below = true;
			continue;
		}
		char *t = outline_flat(p->text);
		char *what = what_to_do(r, i);
		size_t lf = reader_field_child(r, i, FIELD_LEAD);
		bool introduces = !nd->enumerates && (p->role == OUTLINE_LEAD_IN || (p->mark == OUTLINE_NONE && outline_ends_colon(p)));
		if (introduces || under_preamble(r, i) ||
		    wording_quotes_rule(t) || under_quotation(r, i)) {
			nd->unit = false;
		} else if (lf != SIZE_MAX) {
			/* the item's leads are the field's, unless they are listed under it */
			const struct node *f = &r->nodes[lf];
			if (f->act.n_leads) {
				names_free(nd->leads, nd->n_leads);
				nd->leads = NULL;
				nd->n_leads = 0;
				reader_copy_names(&nd->leads, &nd->n_leads, f->act.leads, f->act.n_leads);
				nd->doubts &= ~(unsigned)NOTICE_DOUBT_LEAD_HEADING;
			}
			nd->unit = !nd->below && nd->n_leads > 0;
		} else if (nd->below) {
			bool own = nd->act.how == ACTORS_SUBJECT || nd->act.how == ACTORS_ASSIGNED;
			nd->unit = own && !nd->act.descriptive && !reader_only_roles(r, i) &&
				   (wording_content_words(what) >= 15 || has_deadline(r, what));
		} else if (nd->n_leads) {
			bool names_only = nd->act.only_names || wording_content_words(what) < 2 || wording_names_person(what) ||
					  wording_formula(what);
			bool asked_closing = r->asked_closing && i + 1 == r->to; /* "Trên đây là …, đề nghị X …" */
			/* a topic's rule under a heading that names who ("6. Kinh phí
			 * hoạt động của Hội đồng: theo quy định") asks nothing of it */
			bool topic = !nd->act.n_leads && wording_topic_statement(t);
			nd->unit = !nd->act.descriptive && !names_only && !wording_praise(t) && !topic &&
				   (!wording_conditional(t) || asked_closing);
		} else if (r->addressee && (p->mark != OUTLINE_NONE || wording_imperative(t)) && !nd->act.descriptive &&
			   !wording_conditional(t) && !wording_praise(t) &&
			   !under_no_task_heading(r, i) && !wording_no_task_heading(t) && wording_count_words(t) >= 3 &&
			   !outline_ends_colon(p)) {
			/* names nobody: the notice's one addressee acts */
			names_push(&nd->leads, &nd->n_leads, r->addressee);
			nd->doubts |= NOTICE_DOUBT_LEAD_ADDRESSEE;
			nd->unit = true;
		}
		free(what);
		free(t);
		if ((nd->unit || nd->below) && p->parent != OUTLINE_ROOT)
			r->nodes[p->parent].below = true;
	}
}

/* ---- the document --------------------------------------------------------------------- */

void notice_init(struct notice *n)
{
	memset(n, 0, sizeof *n);
	n->kind = xstrdup("");
	n->number = xstrdup("");
	n->place = xstrdup("");
	n->title = xstrdup("");
	n->signer = xstrdup("");
	n->signer_title = xstrdup("");
	n->text = xstrdup("");
	n->issued = DATE_NONE;
}

static void unit_release(struct notice_unit *u)
{
	free(u->section);
	names_free(u->leads, u->n_leads);
	names_free(u->cooperating, u->n_cooperating);
	free(u->due_phrase);
	free(u->recurrence);
	free(u->summary);
	free(u->full_text);
}

void notice_release(struct notice *n)
{
	free(n->kind);
	free(n->number);
	free(n->place);
	free(n->title);
	free(n->signer);
	free(n->signer_title);
	free(n->text);
	for (size_t i = 0; i < n->n_units; i++)
		unit_release(&n->units[i]);
	free(n->units);
	memset(n, 0, sizeof *n);
	n->issued = DATE_NONE;
}

/* After the last item of a list, a paragraph with its own agency follows an
 * item that was a whole assignment of its own: it is the list's. */
static bool stands_alone(void *ctx, const char *item, const char *para)
{
	const struct reader *r = ctx;
	if (r->asked_closing && strcmp(para, r->asked_closing) == 0)
		return true; /* what the letter asks at its end is asked of the letter's addressee */
	struct actors a, b;
	actors_init(&a);
	actors_init(&b);
	a.issuer = b.issuer = r->issuer;
	actors_read(item, &a);
	actors_read(para, &b);
	/* the list's report sentence: "Báo cáo kết quả … gửi về UBND tỉnh trước ngày …" */
	bool report = b.how == ACTORS_NONE && (strstr(para, "báo cáo") || strstr(para, "Báo cáo") || strstr(para, "gửi")) &&
		      has_deadline(r, para);
	bool own = (a.how == ACTORS_SUBJECT || a.how == ACTORS_ASSIGNED) && ends_terminal(item) &&
		   !outline_ends_colon_text(item) &&
		   (b.how == ACTORS_SUBJECT || b.how == ACTORS_ASSIGNED || b.how == ACTORS_REQUESTED || report);
	actors_release(&a);
	actors_release(&b);
	return own;
}

/* Where the trailing "(n)" of a section begins, or NULL: "II.1 (3)". */
static const char *position_label(const char *section, unsigned *n)
{
	const char *open = strrchr(section, '(');
	char close;
	if (!open || (open != section && open[-1] != ' ') || sscanf(open, "(%u%c", n, &close) != 2 || close != ')' ||
	    open[strlen(open) - 1] != ')')
		return NULL;
	return open;
}

/* A unit's section and position, sorted by both to find clashes. */
struct placed {
	const char *section;
	size_t index;
};

static int by_section(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	int c = strcmp(x->section, y->section);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int by_index(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

/* Gives unit i the next "(n)" free under its section's prefix. */
static void renumber(struct notice *n, size_t first, size_t i)
{
	unsigned k;
	const char *lab = position_label(n->units[i].section, &k);
	if (!lab)
		return;
	size_t prefix = (size_t)(lab - n->units[i].section);
	unsigned top = k;
	for (size_t j = first; j < n->n_units; j++) {
		unsigned m;
		const char *l = position_label(n->units[j].section, &m);
		if (j != i && l && (size_t)(l - n->units[j].section) == prefix &&
		    strncmp(n->units[j].section, n->units[i].section, prefix) == 0 && m > top)
			top = m;
	}
	char *renamed = xasprintf("%.*s(%u)", (int)prefix, n->units[i].section, top + 1);
	free(n->units[i].section);
	n->units[i].section = renamed;
}

/* Two units never share a section: a paragraph numbered among paragraphs
 * ("(2)" after a lead-in) that meets a bullet of the same number under the
 * same heading takes the next number free there. The clashes are found by
 * sorting (a notice may hold 10,000 units), then renumbered in text order
 * (each new number is above every number under its prefix: no new clash). */
static void distinct_sections(struct notice *n, size_t first)
{
	size_t count = n->n_units - first, clashes = 0;
	if (count < 2)
		return;
	struct placed *v = xmalloc(count * sizeof *v);
	for (size_t k = 0; k < count; k++)
		v[k] = (struct placed){ n->units[first + k].section, first + k };
	qsort(v, count, sizeof *v, by_section);
	/* the later units of each run of one section, kept at the front */
	for (size_t k = 1; k < count; k++)
		if (strcmp(v[k].section, v[k - 1].section) == 0)
			v[clashes++] = v[k];
	qsort(v, clashes, sizeof *v, by_index);
	for (size_t k = 0; k < clashes; k++)
		renumber(n, first, v[k].index);
	free(v);
}

/* Reads the units of the body [r->from, r->to). */
static void read_body(struct reader *r)
{
	outline_build(&r->o, r->from, r->to, stands_alone, r);
	find_field_blocks(r);
	read_actors(r);
	group_members(r);
	inherit_leads(r);
	decide_units(r);
	units_emit(r);
	units_list_deadlines(r);
	for (size_t i = r->from; i < r->to; i++) {
		actors_release(&r->nodes[i].act);
		names_free(r->nodes[i].leads, r->nodes[i].n_leads);
		names_free(r->nodes[i].passed, r->nodes[i].n_passed);
	}
}

/* One agency by name as the subject that acts ("Văn phòng Chính phủ theo
 * dõi, đôn đốc …"), not a group ("Các sở, ngành … tổ chức thực hiện") nor
 * the issuer speaking ("Bộ … yêu cầu các đơn vị …", "… trân trọng thông
 * báo"). task: the words after the subject. */
static bool named_subject(const struct actors *a, const char *task)
{
	static const char *const group[] = { "các", "những" };
	static const char *const speaking[] = { "yêu cầu", "đề nghị", "trân trọng", "giao", "thông báo", "kính" };
	return a->how == ACTORS_SUBJECT && a->n_leads == 1 &&
	       !words_at_any(a->leads[0], group, COUNT(group), true) &&
	       !words_at_any(task, speaking, COUNT(speaking), true);
}

/* A closing that asks someone for work of its own ("Cục Hóa chất đề nghị
 * Sở Công Thương … chủ động nghiên cứu các quy định …./."), not the
 * formula: it is read as the body's last paragraph. */
static bool closing_asks(const struct reader *r)
{
	if (r->closing == SIZE_MAX)
		return false;
	char *t = outline_flat(r->o.v[r->closing].text);
	struct actors a;
	actors_init(&a);
	a.issuer = r->issuer;
	actors_read(t, &a);
	bool asks = a.n_leads && (a.how == ACTORS_REQUESTED || a.how == ACTORS_ASSIGNED || named_subject(&a, t + a.task)) &&
		    !a.descriptive && (!wording_conditional(t) || text_starts_with(t, "Trên đây")) && wording_closing_asks(t + a.task);
	actors_release(&a);
	free(t);
	return asks;
}

int notice_read(const char *data, size_t len, struct notice *out, char *err)
{
	notice_init(out);
	if (intake_check(data, len, NULL, err))
		return -1;
	free(out->text);
	out->text = intake_clean(data, len);
	intake_hash(out->text, out->hash);
	struct reader r = { .n = out, .closing = SIZE_MAX };
	struct letterhead h;
	outline_init(&r.o);
	outline_split(out->text, &r.o);
	letterhead_read(out, &r.o, &h);
	r.issuer = h.issuer;
	r.addressee = h.addressee;
	r.sole_to = h.n_to == 1 ? h.to[0] : NULL;
	r.cited = out->issued == DATE_NONE ? cited_date(&r.o, h.body, h.end) : DATE_NONE;
	r.nodes = xcalloc(r.o.n + 1, sizeof *r.nodes);
	do {
		r.from = h.body;
		r.to = h.end;
		r.closing = h.closing;
		if (closing_asks(&r)) {
			r.asked_closing = outline_flat(r.o.v[r.closing].text);
			r.to = r.closing + 1;
			r.closing = SIZE_MAX;
		}
		size_t first = out->n_units;
		read_body(&r);
		distinct_sections(out, first);
		free(r.asked_closing);
		r.asked_closing = NULL;
	} while (letterhead_annex(&r.o, &h));
	units_read_tables(&r);
	if (out->n_units == 0)
		units_offer_candidates(&r);
	letterhead_release(&h);
	free(r.nodes);
	outline_release(&r.o);
	return 0;
}

void notice_unit_drop(struct notice *n, size_t i, bool dropped)
{
	if (i < n->n_units)
		n->units[i].dropped = dropped;
}

static void set_names(char ***names, size_t *n, char *const *src, size_t count)
{
	names_free(*names, *n);
	*names = NULL;
	*n = 0;
	for (size_t i = 0; i < count; i++)
		if (src[i] && *src[i])
			names_push(names, n, src[i]);
}

void notice_unit_set_leads(struct notice_unit *u, char *const *names, size_t count)
{
	set_names(&u->leads, &u->n_leads, names, count);
	if (u->n_leads)
		u->doubts &= ~(unsigned)(NOTICE_DOUBT_NO_LEAD | NOTICE_DOUBT_LEAD_UNKNOWN | NOTICE_DOUBT_LEAD_HEADING |
					 NOTICE_DOUBT_LEAD_ADDRESSEE);
}

void notice_unit_set_due(struct notice_unit *u, civil_day due, enum due_precision precision,
			 const char *phrase)
{
	u->due = due;
	u->precision = due == DATE_NONE ? PRECISION_NONE : precision == PRECISION_NONE ? PRECISION_DAY : precision;
	free(u->due_phrase);
	u->due_phrase = xstrdup(phrase ? phrase : "");
	free(u->recurrence);
	u->recurrence = NULL;
	u->doubts &= ~(unsigned)(NOTICE_DOUBT_DUE_REFERENCE | NOTICE_DOUBT_DUE_LIST);
}

char *notice_doubts_text(unsigned doubts, bool english, char *buf, size_t size)
{
	static const struct {
		unsigned flag;
		const char *vi, *en;
	} reasons[] = {
		{ NOTICE_DOUBT_NO_LEAD, "không nêu cơ quan nào", "names no agency" },
		{ NOTICE_DOUBT_LEAD_UNKNOWN, "cơ quan chưa có trong danh sách", "agency not in the list" },
		{ NOTICE_DOUBT_LEAD_HEADING, "cơ quan lấy từ đề mục", "agency from the heading" },
		{ NOTICE_DOUBT_LEAD_ADDRESSEE, "cơ quan là nơi nhận văn bản", "agency is the addressee" },
		{ NOTICE_DOUBT_DUE_REFERENCE, "ngày có thể chỉ là mốc sự kiện hoặc văn bản dẫn chiếu",
		  "the date may only name an event or a cited document" },
		{ NOTICE_DOUBT_DUE_LIST, "thời hạn chung của danh sách", "deadline of the whole list" },
		{ NOTICE_DOUBT_FROM_SCAN, "đọc từ bản quét, cần kiểm tra", "from a scan, check" },
	};
	size_t w = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < COUNT(reasons); i++) {
		if (!(doubts & reasons[i].flag))
			continue;
		int k = snprintf(buf + w, size > w ? size - w : 0, "%s%s", w ? "; " : "",
				 english ? reasons[i].en : reasons[i].vi);
		if (k > 0)
			w += (size_t)k;
		if (w >= size)
			break;
	}
	return buf;
}

size_t notice_kept(const struct notice *n)
{
	size_t k = 0;
	for (size_t i = 0; i < n->n_units; i++)
		k += !n->units[i].dropped;
	return k;
}

void notice_unit_to_task(const struct notice_unit *u, struct task *t)
{
	task_set_str(&t->section, u->section);
	task_set_str(&t->summary, u->summary);
	task_set_str(&t->full_text, u->full_text);
	task_set_str(&t->due_phrase, u->due_phrase);
	task_set_str(&t->recurrence, u->recurrence);
	t->due = u->due;
	t->precision = u->precision;
	for (size_t i = 0; i < u->n_leads; i++)
		task_add_lead(t, u->leads[i]);
	for (size_t i = 0; i < u->n_cooperating; i++)
		task_add_cooperating(t, u->cooperating[i]);
}

char *notice_label(const struct notice *n)
{
	char date[DATE_BUF];
	struct strbuf b = STRBUF_INIT;
	strbuf_add(&b, letterhead_kind_sentence(n->kind));
	if (*n->number) {
		strbuf_add(&b, " ");
		strbuf_add(&b, n->number);
	}
	if (n->issued != DATE_NONE) {
		strbuf_add(&b, " ngày ");
		strbuf_add(&b, date_format_dmy(n->issued, date));
	}
	return strbuf_take(&b);
}
