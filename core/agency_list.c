#include "core/agency.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency_internal.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- splitting lists ----------------------------------------------------------------- */

enum sep { SEP_START, SEP_SEMI, SEP_COMMA, SEP_VA };

struct piece {
	size_t start, end; /* trimmed span in the text */
	enum sep sep;      /* what came before it */
	char *fold;        /* folded words */
};

/* Words that make up collective addressees after "các": "các sở, ban, ngành,
 * đoàn thể tỉnh", "UBND các huyện, thị xã, thành phố", "các cơ quan, đơn vị". */
static const char *const group_vocab[] = {
	"so", "ban", "nganh", "doan", "the", "dia", "phuong", "don", "vi", "huyen", "thanh", "pho",
	"thi", "xa", "tran", "co", "quan", "tinh", "lien", "cac", "va", "doanh", "nghiep", "to",
	"chuc", "hoi", "ca", "nhan", "trung", "uong", "cap", "truc", "thuoc", "khac", "tw", "tp",
};

/* First words of an agency name (folded). */
static const char *const heads[] = {
	"so", "ubnd", "uy ban", "ban", "hdnd", "hoi dong", "mttq", "ubmttq", "mat tran", "bch",
	"bo", "cuc", "chi cuc", "cong an", "van phong", "vp", "thanh tra", "thu truong", "chu tich",
	"pho chu tich", "giam doc", "lanh dao", "tong cong ty", "cong ty", "tap doan", "kho bac",
	"kbnn", "bhxh", "bao hiem", "ngan hang", "nhnn", "truong", "benh vien", "dai phat thanh",
	"dai truyen thanh", "lien doan", "hoi", "tinh doan", "doan", "trung tam", "dien luc",
	"tinh uy", "huyen uy", "thanh uy", "dang uy", "toa an", "vien kiem sat", "thue", "hai quan",
	"buu dien", "nha may", "cang vu", "chi nhanh", "bql", "bqlda", "bcd", "quan khu",
	"bo chi huy", "tong cuc", "hoc vien", "dai hoc", "vien",
};

static bool all_words_in(const char *f, const char *const *list, size_t n)
{
	if (!*f)
		return false;
	for (const char *p = f;;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!agency_word_in(p, len, list, n))
			return false;
		if (!e)
			return true;
		p = e + 1;
	}
}

/* True when the word at s (up to a space or the end) is `want` (NFC lowercase). */
static bool word_is(const char *s, size_t len, const char *want)
{
	char nfc[32], low[32];
	if (len >= sizeof nfc)
		return false;
	size_t n = text_nfc(nfc, s, len);
	text_lower(low, nfc, n);
	return strcmp(low, want) == 0;
}

static bool sp(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims white space and stray punctuation around [*a, *b). */
static void trim_span(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && (sp((unsigned char)s[*a]) || strchr(":.-*+(", s[*a])))
		(*a)++;
	/* a leading "•" or "–" bullet */
	while (*b > *a && (sp((unsigned char)s[*b - 1]) || strchr(":.", s[*b - 1])))
		(*b)--;
	if (*b > *a && s[*b - 1] == ')') {
		/* keep ")" only when the span has its "(" */
		bool open = memchr(s + *a, '(', *b - *a) != NULL;
		if (!open)
			(*b)--;
	}
	while (*b > *a && sp((unsigned char)s[*b - 1]))
		(*b)--;
	/* a leading connective: "với", "cùng", "và" */
	static const char *const lead[] = { "với", "cùng", "và" };
	size_t e = *a;
	while (e < *b && !sp((unsigned char)s[e]))
		e++;
	for (size_t i = 0; i < COUNT(lead); i++) {
		if (e < *b && word_is(s + *a, e - *a, lead[i])) {
			*a = e;
			while (*a < *b && sp((unsigned char)s[*a]))
				(*a)++;
			break;
		}
	}
}

static char *fold_span(const char *s, size_t a, size_t b)
{
	/* punctuation to spaces, then fold */
	char *raw = xstrndup(s + a, b - a);
	for (char *p = raw; *p; p++)
		if (strchr(",;:.()&-/\"'", *p))
			*p = ' ';
	char *f = text_fold_dup(raw);
	free(raw);
	return f;
}

static void piece_add(struct piece **ps, size_t *n, size_t *cap, const char *s, size_t a, size_t b, enum sep sep)
{
	trim_span(s, &a, &b);
	xgrow((void **)ps, cap, *n + 1, sizeof **ps);
	struct piece *p = &(*ps)[(*n)++];
	p->start = a;
	p->end = b;
	p->sep = sep;
	p->fold = fold_span(s, a, b);
}

/* Cuts text at ';', ',' and the word "và" into pieces. */
static struct piece *cut_pieces(const char *s, size_t *count)
{
	struct piece *ps = NULL;
	size_t n = 0, cap = 0, len = strlen(s), start = 0;
	enum sep sep = SEP_START;
	size_t i = 0;
	while (i < len) {
		char c = s[i];
		if (c == ';' || c == ',') {
			piece_add(&ps, &n, &cap, s, start, i, sep);
			sep = c == ';' ? SEP_SEMI : SEP_COMMA;
			start = ++i;
			continue;
		}
		if (sp((unsigned char)c)) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < len && !sp((unsigned char)s[e]) && s[e] != ',' && s[e] != ';')
			e++;
		bool before = i > start && sp((unsigned char)s[i - 1]);
		bool after = e < len && sp((unsigned char)s[e]);
		if (before && after && word_is(s + i, e - i, "và")) {
			piece_add(&ps, &n, &cap, s, start, i, sep);
			sep = SEP_VA;
			start = e;
		}
		i = e;
	}
	piece_add(&ps, &n, &cap, s, start, len, sep);
	*count = n;
	return ps;
}

struct item {
	size_t start, end;
	bool group;
};

static bool known_exact(const struct agency_table *t, const char *s, size_t a, size_t b)
{
	/* no agency name is this long: skip the key (keeps splitting linear) */
	if (!t || b - a > 300)
		return false;
	char *span = xstrndup(s + a, b - a);
	char *key = agency_table_key(t, span);
	bool found = agency_table_has_key(t, key);
	free(key);
	free(span);
	return found;
}

char **agency_split_list(const char *text, const struct agency_table *known, size_t *count)
{
	size_t np;
	struct piece *ps = cut_pieces(text, &np);
	struct item *items = NULL;
	size_t ni = 0, cap = 0;
	for (size_t i = 0; i < np; i++) {
		struct piece *p = &ps[i];
		if (p->start >= p->end || !*p->fold)
			continue;
		bool start_new;
		if (ni == 0 || p->sep == SEP_START || p->sep == SEP_SEMI) {
			start_new = true;
		} else {
			struct item *cur = &items[ni - 1];
			if (known_exact(known, text, cur->start, p->end))
				start_new = false;
			else if (agency_starts_word(p->fold, "cac"))
				start_new = true;
			else if (cur->group && all_words_in(p->fold, group_vocab, COUNT(group_vocab)))
				start_new = false;
			else if (agency_starts_any(p->fold, heads, COUNT(heads)))
				start_new = true;
			else
				start_new = false;
		}
		if (start_new) {
			xgrow((void **)&items, &cap, ni + 1, sizeof *items);
			items[ni].start = p->start;
			items[ni].end = p->end;
			items[ni].group = agency_folded_is_group(p->fold);
			ni++;
		} else {
			items[ni - 1].end = p->end;
		}
	}
	char **names = xmalloc((ni + 1) * sizeof *names);
	for (size_t i = 0; i < ni; i++) {
		/* white space runs (line breaks of the document) become one space */
		struct strbuf b = STRBUF_INIT;
		bool pending = false;
		for (size_t k = items[i].start; k < items[i].end; k++) {
			if (sp((unsigned char)text[k])) {
				pending = true;
				continue;
			}
			if (pending && b.len)
				strbuf_add(&b, " ");
			pending = false;
			strbuf_addn(&b, text + k, 1);
		}
		names[i] = strbuf_take(&b);
	}
	names[ni] = NULL;
	for (size_t i = 0; i < np; i++)
		free(ps[i].fold);
	free(ps);
	free(items);
	if (count)
		*count = ni;
	return names;
}

void agency_list_free(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}
