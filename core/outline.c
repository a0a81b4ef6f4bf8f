#include "core/outline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

void outline_init(struct outline *o) { memset(o, 0, sizeof *o); }

void outline_release(struct outline *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].label);
		free(o->v[i].text);
		free(o->v[i].section);
		free(o->v[i].field_value);
	}
	free(o->v);
	memset(o, 0, sizeof *o);
}

/* ---- one line ------------------------------------------------------------------ */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v'; }

/* Removes Markdown emphasis (* and __) and backslash escapes in place. */
static void strip_emphasis(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '*')
			continue;
		if (r[0] == '_' && r[1] == '_') {
			r++;
			continue;
		}
		if (r[0] == '\\' && r[1] && strchr("*_#-+.()[]\\|", r[1]))
			r++;
		*w++ = *r;
	}
	*w = '\0';
}

static bool is_roman(const char *s, size_t n)
{
	if (n == 0 || n > 7)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXL", s[i]))
			return false;
	return true;
}

static bool after_marker(char c) { return c == ' ' || c == '\t' || c == '\0'; }

/* "2.049", "3.071": a number with thousands separators, not "2.1". */
static bool thousands(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);
	while (dot) {
		size_t d = 0;
		while (dot + 1 + d < s + n && dot[1 + d] >= '0' && dot[1 + d] <= '9')
			d++;
		if (d == 3)
			return true;
		dot = memchr(dot + 1, '.', (size_t)(s + n - dot - 1));
	}
	return false;
}

/* The markers of an item, each recognised by a function that returns the
 * length of its marker at s (0: not that kind), sets *mark, and *label
 * (allocated) for those that carry one. */

/* "- ", "• ", "+ "; a dash glued to a capitalised word ("-Sở Tài chính") */
static size_t bullet_marker(const char *s, enum outline_mark *mark)
{
	static const char *const bullets[] = { "- ", "* ", "• ", "– ", "— ", "· ", "▪ ", "◦ ", "● ", "", "-\t" };
	for (size_t b = 0; b < COUNT(bullets); b++)
		if (*bullets[b] && text_starts_with(s, bullets[b])) {
			*mark = OUTLINE_BULLET;
			return strlen(bullets[b]);
		}
	if (s[0] == '+' && after_marker(s[1]) && s[1]) {
		*mark = OUTLINE_SUB;
		return 1;
	}
	if ((s[0] == '-' || s[0] == '+') && text_starts_upper(s + 1)) {
		*mark = s[0] == '+' ? OUTLINE_SUB : OUTLINE_BULLET;
		return 1;
	}
	return 0;
}

/* Whether a part's label is a capital letter ("B" of "B. NỘI DUNG"), a
 * level above the roman parts. */
static bool letter_part(const char *label) { return label[0] >= 'A' && label[0] <= 'Z' && !label[1] && !strchr("IVXL", label[0]); }

/* "II.", "IV)", "B. NỘI DUNG …" (a capital over a heading in capitals) and
 * "Điều 3." of a decision: parts, labelled as printed */
static size_t part_marker(const char *s, enum outline_mark *mark, char **label)
{
	size_t i = 0;
	if (s[0] >= 'A' && s[0] <= 'H' && s[1] == '.' && s[2] == ' ' && s[3] && !strchr("IVXL", s[0])) {
		size_t eol = strcspn(s + 3, "\n");
		char *line = xstrndup(s + 3, eol);
		bool capitals = !text_has_lower(line) && text_starts_upper(line);
		free(line);
		if (capitals) {
			*mark = OUTLINE_PART;
			*label = xstrndup(s, 1);
			return 2;
		}
	}
	while (s[i] && strchr("IVXL", s[i]))
		i++;
	if (i && is_roman(s, i) && (s[i] == '.' || s[i] == ')' || s[i] == '/') && after_marker(s[i + 1])) {
		*mark = OUTLINE_PART;
		*label = xstrndup(s, i);
		return i + 1;
	}
	if (text_starts_with(s, "Điều ") && s[strlen("Điều ")] >= '0' && s[strlen("Điều ")] <= '9') {
		size_t d = strlen("Điều ");
		while (s[d] >= '0' && s[d] <= '9')
			d++;
		if ((s[d] == '.' || s[d] == ':') && after_marker(s[d + 1])) {
			*mark = OUTLINE_PART;
			*label = xstrndup(s, d);
			return d + 1;
		}
	}
	return 0;
}

/* "2.", "2.1.", "3)", "1000." (not "2.163" of thousands) */
static size_t number_marker(const char *s, enum outline_mark *mark, int *depth, char **label)
{
	if (!(s[0] >= '0' && s[0] <= '9'))
		return 0;
	size_t i = 0;
	int parts = 0;
	for (;;) {
		size_t d = 0;
		while (s[i + d] >= '0' && s[i + d] <= '9')
			d++;
		if (d == 0 || d > 4)
			return 0;
		i += d;
		parts++;
		if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
			i++;
			continue;
		}
		break;
	}
	size_t end = i;
	if (s[i] == '.' || s[i] == ')' || s[i] == '/' || s[i] == ':')
		i++;
	else if (parts == 1 || thousands(s, end))
		return 0;
	if (!after_marker(s[i]))
		return 0;
	*mark = OUTLINE_NUM;
	*depth = parts;
	*label = xstrndup(s, end);
	return i;
}

/* "(3)", "(i)", "(a)"; "a)", "b.", "đ/" */
static size_t label_marker(const char *s, enum outline_mark *mark, char **label)
{
	if (s[0] == '(') {
		size_t n = 1;
		while (n < 6 && ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'z')))
			n++;
		if (n > 1 && s[n] == ')' && after_marker(s[n + 1])) {
			*mark = OUTLINE_LABEL;
			*label = xstrndup(s + 1, n - 1);
			return n + 1;
		}
		return 0;
	}
	uint32_t cp;
	size_t n = text_utf8_decode(s, strnlen(s, 4), &cp);
	if (n && ((cp >= 'a' && cp <= 'z') || cp == 0x111) && (s[n] == ')' || s[n] == '.' || s[n] == '/') &&
	    s[n + 1] == ' ') {
		*mark = OUTLINE_LETTER;
		*label = xstrndup(s, n);
		return n + 1;
	}
	return 0;
}

/* "2.1.a." or "2.1.a)": a letter printed after its item's number, the
 * number said again; the letter is the label. */
static size_t numbered_letter_marker(const char *s, enum outline_mark *mark, char **label)
{
	size_t i = 0;
	while ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i && s[i - 1] != '.'))
		i++;
	if (!i || s[i - 1] != '.' || !(s[i] >= 'a' && s[i] <= 'z') || (s[i + 1] != '.' && s[i + 1] != ')') ||
	    !after_marker(s[i + 2]))
		return 0;
	*mark = OUTLINE_LETTER;
	*label = xstrndup(s + i, 1);
	return i + 2;
}

/* Recognises an item marker at the start of s. Sets *label (allocated) and
 * returns the offset of the text after it; 0 when s has no marker. */
static size_t item_marker(const char *s, enum outline_mark *mark, int *depth, char **label)
{
	*label = NULL;
	*mark = OUTLINE_NONE;
	*depth = 0;
	size_t i = bullet_marker(s, mark);
	if (!i)
		i = part_marker(s, mark, label);
	if (!i)
		i = numbered_letter_marker(s, mark, label);
	if (!i)
		i = number_marker(s, mark, depth, label);
	if (!i)
		i = label_marker(s, mark, label);
	if (!i)
		return 0;
	while (is_space(s[i]))
		i++;
	return i;
}

/* A line that is only a page number: "2", "- 2 -", "Trang 2", "2/5". */
static bool page_number(const char *s)
{
	const char *p = s;
	if (text_starts_with(p, "Trang "))
		p += strlen("Trang ");
	while (*p == '-' || is_space(*p))
		p++;
	size_t d = 0;
	while (p[d] >= '0' && p[d] <= '9')
		d++;
	if (d == 0 || d > 3)
		return false;
	p += d;
	if (*p == '/') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while (*p == '-' || is_space(*p))
		p++;
	return *p == '\0';
}

/* ---- lines into paragraphs ------------------------------------------------------------ */

struct line {
	char *s;          /* trimmed, heading marks and emphasis removed */
	size_t no;        /* 1-based */
	bool blank;
	bool heading;
	bool page_break;  /* a form feed or a page number came before it */
	bool hard_break;  /* ended with two spaces (Markdown line break) */
	bool row;         /* a table row */
	enum outline_mark mark;
	size_t cps;       /* code points */
};

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool ends_sentence(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '"' || s[n - 1] == '*'))
		n--;
	/* closing quotes ” */
	while (n >= 3 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
	       (unsigned char)s[n - 1] == 0x9d)
		n -= 3;
	return n && strchr(".:;!?", s[n - 1]);
}

/* Ends a sentence for good: '.', ':', '!', '?' (not ';' or ','). */
static bool ends_period(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '"' || s[n - 1] == '*'))
		n--;
	return n && strchr(".:!?", s[n - 1]);
}

/* Capitalised words that begin a sentence of what to do: a line that begins
 * with one is never the end of a heading broken in two. */
static bool begins_task(const char *s)
{
	static const char *const words[] = {
		"Chủ trì", "Phối hợp", "Tham mưu", "Thực hiện", "Tổ chức", "Triển khai", "Nghiên cứu",
		"Chủ động", "Theo dõi", "Tập trung", "Khẩn trương", "Rà soát", "Xây dựng", "Hướng dẫn",
		"Tiếp tục", "Căn cứ", "Trình", "Báo cáo", "Đề xuất", "Kiểm tra", "Hoàn thành", "Tăng cường",
		"Đẩy mạnh", "Bảo đảm", "Đảm bảo", "Giao", "Đề nghị", "Yêu cầu", "Có trách nhiệm", "Trên cơ sở",
	};
	for (size_t i = 0; i < COUNT(words); i++)
		if (text_starts_with(s, words[i]))
			return true;
	return false;
}

/* The text of a line that is not blank, Markdown emphasis removed, and its
 * marker: found before emphasis is removed ("* item") or after ("**3. …**"). */
static char *line_text(const char *a, enum outline_mark *mark)
{
	int depth;
	char *label;
	size_t off = item_marker(a, mark, &depth, &label);
	free(label);
	char *body = xstrdup(a);
	strip_emphasis(off ? body + off : body);
	if (!off) {
		char *t = body;
		while (is_space(*t))
			t++;
		memmove(body, t, strlen(t) + 1);
		item_marker(body, mark, &depth, &label);
		free(label);
	}
	return body;
}

static void read_lines(const char *text, struct line **out, size_t *count)
{
	struct line *ls = NULL;
	size_t n = 0, cap = 0, no = 0;
	bool page_break = false;
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		no++;
		bool hard = len >= 2 && p[len - 1] == ' ' && p[len - 2] == ' ';
		char *s = xstrndup(p, len);
		p += len + (eol ? 1 : 0);
		/* trim */
		char *a = s;
		while (is_space(*a))
			a++;
		size_t l = strlen(a);
		while (l && is_space(a[l - 1]))
			a[--l] = '\0';
		if (strchr(a, '\f')) {
			page_break = true;
			char *f;
			while ((f = strchr(a, '\f')))
				*f = ' ';
			while (is_space(*a))
				a++;
		}
		if (*a && page_number(a)) {
			page_break = true;
			free(s);
			continue;
		}
		xgrow((void **)&ls, &cap, n + 1, sizeof *ls);
		struct line *ln = &ls[n++];
		memset(ln, 0, sizeof *ln);
		ln->no = no;
		ln->hard_break = hard;
		if (*a == '#') {
			char *h = a;
			while (*h == '#')
				h++;
			if (*h == ' ' || *h == '\0') {
				ln->heading = true;
				a = h;
				while (is_space(*a))
					a++;
			}
		}
		if (*a == '|') {
			if (strspn(a, "|-: \t") == strlen(a)) { /* a table's separator row (|---|:--|) */
				n--;
				free(s);
				continue;
			}
			ln->row = true;
			ln->mark = OUTLINE_ROW;
			ln->s = xstrdup(a);
			free(s);
			continue;
		}
		bool blank = *a == '\0' || strcmp(a, "---") == 0 || strcmp(a, "***") == 0 || strcmp(a, "___") == 0;
		ln->blank = blank;
		if (!blank) {
			ln->s = line_text(a, &ln->mark);
			ln->cps = cp_count(ln->s);
			ln->page_break = page_break;
			page_break = false;
		} else {
			ln->s = xstrdup("");
		}
		free(s);
	}
	*out = ls;
	*count = n;
}

/* The width a hard-wrapped text was wrapped at, or 0 when lines are paragraphs. */
static size_t wrap_width(const struct line *ls, size_t n)
{
	size_t *w = NULL, k = 0;
	for (size_t i = 0; i < n; i++)
		if (!ls[i].blank && !ls[i].row)
			k++;
	if (k < 8)
		return 0;
	w = xmalloc(k * sizeof *w);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (!ls[i].blank && !ls[i].row)
			w[k++] = ls[i].cps;
	/* the 90th percentile by counting: widths are small numbers */
	size_t hist[512] = { 0 };
	for (size_t i = 0; i < k; i++)
		hist[w[i] < 511 ? w[i] : 511]++;
	size_t acc = 0, p90 = 0;
	for (size_t v = 0; v < 512; v++) {
		acc += hist[v];
		if (acc * 10 >= k * 9) {
			p90 = v;
			break;
		}
	}
	size_t near = 0;
	for (size_t i = 0; i < k; i++)
		near += w[i] * 10 >= p90 * 8 && w[i] <= p90 + 2;
	free(w);
	if (p90 < 40 || p90 > 140 || near * 10 < k * 4)
		return 0;
	return p90;
}

static void add_para(struct outline *o, const struct line *first, char *text, bool heading)
{
	xgrow((void **)&o->v, &o->cap, o->n + 1, sizeof *o->v);
	struct outline_para *p = &o->v[o->n++];
	memset(p, 0, sizeof *p);
	size_t off = 0;
	if (first->row) {
		p->mark = OUTLINE_ROW;
		p->label = xstrdup("");
	} else {
		off = item_marker(text, &p->mark, &p->depth, &p->label);
		if (!p->label)
			p->label = xstrdup("");
	}
	p->text = xstrdup(text + off);
	free(text);
	p->line = first->no;
	p->heading = heading;
	p->parent = OUTLINE_ROOT;
	p->section = xstrdup("");
}

/* Where "(k) " begins in t at or after from, preceded by sep ("; ", ". "
 * or, for the first, ": "); NULL when it does not. */
static const char *inline_label(const char *t, const char *from, int k)
{
	char want[16];
	snprintf(want, sizeof want, "(%d) ", k);
	for (const char *p = strstr(from, want); p; p = strstr(p + 1, want)) {
		if (p - t < 2 || p[-1] != ' ')
			continue;
		char sep = p[-2];
		if (k == 1 ? sep == ':' : sep == ';' || sep == '.')
			return p;
	}
	return NULL;
}

/* Adds the paragraph t, or, when it enumerates items inside itself after a
 * colon ("a) Bộ Khoa học và Công nghệ: (1) trình …; (2) chủ trì …; (3) …"),
 * its words up to the colon and then each "(n) …" as paragraphs of their
 * own, as if printed on lines of their own. */
static void add_paras(struct outline *o, const struct line *first, char *t, bool heading)
{
	const char *at[64];
	size_t n = 0;
	if (!first->row && !heading)
		for (const char *p = inline_label(t, t, 1); p && n < 64; p = inline_label(t, p + 1, (int)n + 1))
			at[n++] = p;
	if (n < 2) {
		add_para(o, first, t, heading);
		return;
	}
	add_para(o, first, xstrndup(t, (size_t)(at[0] - 1 - t)), heading);
	for (size_t k = 0; k < n; k++) {
		size_t len = k + 1 < n ? (size_t)(at[k + 1] - at[k]) - 2 : strlen(at[k]);
		if (k + 1 < n && at[k][len] == '.')
			len++; /* "… (2) x. (3) y": the sentence's period stays */
		add_para(o, first, xstrndup(at[k], len), false);
	}
	free(t);
}

/* Whether line i goes on the paragraph of the non-blank line `prev` before
 * it (`gap`: blank lines between them); sets *sep to what joins them. */
static bool goes_on(const struct line *ls, size_t n, size_t i, size_t prev, bool gap, bool markdown, size_t wrap,
		    const char **sep)
{
	const struct line *l = &ls[i], *p = &ls[prev];
	*sep = " ";
	if (l->row || p->row || l->mark != OUTLINE_NONE || l->heading || p->heading)
		return false;
	bool lower = text_starts_lower(l->s);
	if (markdown) {
		/* lines of one block are one paragraph; a block that goes on in
		 * lowercase after a blank line was cut by a page break */
		*sep = gap ? " " : "\n";
		return !gap || lower;
	}
	if (lower && !ends_period(p->s))
		return true; /* a sentence broken across lines (after a ';' too: a list in a sentence) */
	if (l->s[0] >= '0' && l->s[0] <= '9' && !ends_sentence(p->s))
		return true; /* "… cắt giảm\n2.049 ĐKKD": a number that is no item's */
	if (l->page_break && !ends_sentence(p->s))
		return true; /* a page break inside a sentence */
	if (wrap && p->cps * 10 >= wrap * 8 && !ends_sentence(p->s) && !begins_task(l->s))
		return true; /* the next line of a hard-wrapped paragraph */
	/* a heading broken in two, before its list */
	return p->mark != OUTLINE_NONE && !ends_sentence(p->s) && !ends_sentence(l->s) && text_starts_upper(l->s) &&
	       !begins_task(l->s) && l->cps <= 120 && i + 1 < n && !ls[i + 1].blank && ls[i + 1].mark != OUTLINE_NONE;
}

/* How line s leaves a quotation opened before it: curly quotes nest, a
 * straight one opens or closes. */
static int quote_depth(const char *s, int depth)
{
	for (; *s; s++) {
		if (strncmp(s, "“", 3) == 0)
			depth++;
		else if (strncmp(s, "”", 3) == 0 && depth > 0)
			depth--;
		else if (*s == '"')
			depth = depth > 0 ? depth - 1 : depth + 1;
	}
	return depth;
}

/* A quotation over several lines ("… quy định:\n\"1. …\n2. ….\"") belongs
 * to the paragraph that opens it or announces it: its numbered lines are the quoted rule's,
 * not items of this text. Sets seps[] for the lines up to the one that
 * closes it, when one does within 100 lines (a stray mark takes nothing). */
static void join_quotations(const struct line *ls, size_t n, const char **seps)
{
	for (size_t i = 0; i < n; i++) {
		if (ls[i].blank || ls[i].row || quote_depth(ls[i].s, 0) <= 0)
			continue;
		int depth = quote_depth(ls[i].s, 0);
		size_t close = SIZE_MAX;
		for (size_t j = i + 1; j < n && j <= i + 100 && close == SIZE_MAX; j++)
			if (!ls[j].blank && (depth = quote_depth(ls[j].s, depth)) <= 0)
				close = j;
		if (close == SIZE_MAX)
			continue;
		/* "… quy định:" on the line before the quotation's first */
		size_t before = i;
		while (before > 0 && ls[before - 1].blank)
			before--;
		if (before > 0 && (ls[i].s[0] == '"' || strncmp(ls[i].s, "“", 3) == 0) &&
		    text_ends_with(ls[before - 1].s, ":"))
			seps[i] = " ";
		for (size_t j = i + 1; j <= close; j++)
			if (!ls[j].blank)
				seps[j] = " ";
		i = close;
	}
}

void outline_split(const char *text, struct outline *o)
{
	struct line *ls;
	size_t n;
	read_lines(text, &ls, &n);
	size_t blanks = 0, lines = 0;
	for (size_t i = 0; i < n; i++) {
		blanks += ls[i].blank;
		lines += !ls[i].blank;
	}
	/* Markdown: paragraphs between blank lines; otherwise a line is a paragraph */
	bool markdown = blanks * 10 >= lines * 3;
	size_t wrap = markdown ? 0 : wrap_width(ls, n);
	/* which lines go on the one before, then each run copied once */
	const char **seps = xcalloc(n + 1, sizeof *seps);
	size_t prev = SIZE_MAX;
	bool gap = false;
	for (size_t i = 0; i < n; i++) {
		if (ls[i].blank) {
			gap = true;
			continue;
		}
		const char *sep = NULL;
		if (prev != SIZE_MAX && goes_on(ls, n, i, prev, gap, markdown, wrap, &sep))
			seps[i] = sep;
		prev = i;
		gap = false;
	}
	join_quotations(ls, n, seps);
	for (size_t i = 0; i < n;) {
		if (ls[i].blank) {
			i++;
			continue;
		}
		size_t len = strlen(ls[i].s), end = i + 1;
		for (size_t j = i + 1; j < n && (ls[j].blank || seps[j]); j++)
			if (!ls[j].blank) {
				len += strlen(seps[j]) + strlen(ls[j].s);
				end = j + 1;
			}
		char *t = xmalloc(len + 1), *w = t;
		for (size_t j = i; j < end; j++) {
			if (ls[j].blank)
				continue;
			if (j > i) {
				w = stpcpy(w, seps[j]);
			}
			w = stpcpy(w, ls[j].s);
		}
		add_paras(o, &ls[i], t, ls[i].heading);
		i = end;
	}
	free(seps);
	for (size_t i = 0; i < n; i++)
		free(ls[i].s);
	free(ls);
}

/* ---- the tree ----------------------------------------------------------------------- */

bool outline_ends_colon(const struct outline_para *p)
{
	size_t n = strlen(p->text);
	while (n && (p->text[n - 1] == ' ' || p->text[n - 1] == '\n' || p->text[n - 1] == '*'))
		n--;
	/* "… một số nhiệm vụ như sau.": a colon written as a period */
	static const char as_follows[] = "như sau.";
	size_t k = strlen(as_follows);
	return n && (p->text[n - 1] == ':' || (n >= k && strncmp(p->text + n - k, as_follows, k) == 0));
}

char *outline_flat(const char *text)
{
	char *s = xstrdup(text);
	for (char *c = s; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return s;
}

/* A note in parentheses on a line of its own ("(Chi tiết tại Phụ lục kèm
 * theo)"): it goes with what is above it and takes no number. */
static bool is_note(const struct outline_para *p)
{
	size_t n = strlen(p->text);
	while (n && (p->text[n - 1] == '.' || p->text[n - 1] == ' '))
		n--;
	return p->mark == OUTLINE_NONE && n > 2 && n < 240 && p->text[0] == '(' && p->text[n - 1] == ')' &&
	       memchr(p->text, ')', n - 1) == NULL;
}

/* Whether paragraph i is somewhere under paragraph p. */
static bool under(const struct outline *o, size_t i, size_t p)
{
	for (size_t q = o->v[i].parent; q != OUTLINE_ROOT; q = o->v[q].parent)
		if (q == p)
			return true;
	return false;
}

/* Rank of an item: what may contain what (twice the level, so that a list
 * introduction can sit between two levels). */
static int rank(const struct outline_para *p)
{
	switch (p->mark) {
	case OUTLINE_PART: return letter_part(p->label) ? 0 : 1;
	case OUTLINE_NUM: return 2 + 2 * p->depth;
	case OUTLINE_LETTER: return 20;
	case OUTLINE_LABEL: return 22;
	case OUTLINE_BULLET: return 24;
	case OUTLINE_SUB: return 26;
	default: return 30;
	}
}

static bool same_kind(const struct outline_para *a, const struct outline_para *b)
{
	return a->mark == b->mark && (a->mark != OUTLINE_NUM || a->depth == b->depth) &&
	       (a->mark != OUTLINE_PART || letter_part(a->label) == letter_part(b->label));
}

static const struct {
	const char *label;
	enum outline_field field;
} field_labels[] = {
	{ "Cơ quan thực hiện/chủ trì", FIELD_LEAD }, { "Cơ quan chủ trì thực hiện", FIELD_LEAD },
	{ "Cơ quan chủ trì, phối hợp", FIELD_LEAD },
	{ "Cơ quan chủ trì tham mưu thực hiện", FIELD_LEAD }, { "Đơn vị chủ trì tham mưu thực hiện", FIELD_LEAD },
	{ "Cơ quan chủ trì tham mưu", FIELD_LEAD }, { "Đơn vị chủ trì tham mưu", FIELD_LEAD },
	{ "Đơn vị chủ trì thực hiện", FIELD_LEAD }, { "Cơ quan, đơn vị thực hiện", FIELD_LEAD },
	{ "Cơ quan, đơn vị chủ trì", FIELD_LEAD }, { "Cơ quan thực hiện", FIELD_LEAD },
	{ "Cơ quan chủ trì", FIELD_LEAD }, { "Đơn vị thực hiện", FIELD_LEAD }, { "Đơn vị chủ trì", FIELD_LEAD },
	{ "Trách nhiệm chỉ đạo thực hiện", FIELD_LEAD }, { "Trách nhiệm chỉ đạo", FIELD_LEAD },
	{ "Trách nhiệm thực hiện", FIELD_LEAD }, { "Cơ quan chịu trách nhiệm", FIELD_LEAD },
	{ "Đơn vị chịu trách nhiệm", FIELD_LEAD }, { "Chủ trì thực hiện", FIELD_LEAD }, { "Chủ trì", FIELD_LEAD },
	{ "Cơ quan, đơn vị phối hợp", FIELD_COOP }, { "Cơ quan phối hợp thực hiện", FIELD_COOP },
	{ "Đơn vị phối hợp thực hiện", FIELD_COOP }, { "Cơ quan phối hợp", FIELD_COOP },
	{ "Đơn vị phối hợp", FIELD_COOP }, { "Phối hợp thực hiện", FIELD_COOP }, { "Phối hợp", FIELD_COOP },
	{ "Thời gian thực hiện", FIELD_TIME }, { "Thời gian hoàn thành", FIELD_TIME },
	{ "Thời hạn hoàn thành", FIELD_TIME }, { "Thời hạn thực hiện", FIELD_TIME },
	{ "Thời gian hoàn tất", FIELD_TIME }, { "Thời hạn hoàn tất", FIELD_TIME },
	{ "Thời điểm hoàn thành", FIELD_TIME }, { "Tiến độ thực hiện", FIELD_TIME },
	{ "Tiến độ hoàn thành", FIELD_TIME }, { "Thời hạn", FIELD_TIME }, { "Thời gian", FIELD_TIME },
	{ "Tiến độ", FIELD_TIME }, { "Nội dung thực hiện", FIELD_CONTENT }, { "Nội dung công việc", FIELD_CONTENT },
	{ "Nội dung, biện pháp", FIELD_CONTENT }, { "Nội dung, giải pháp", FIELD_CONTENT },
	{ "Nội dung", FIELD_CONTENT }, { "Nhiệm vụ", FIELD_CONTENT }, { "Sản phẩm", FIELD_OTHER },
	{ "Kết quả", FIELD_OTHER },
	{ "Kinh phí", FIELD_OTHER }, { "Hình thức", FIELD_OTHER }, { "Số lượng", FIELD_OTHER },
	{ "Địa điểm", FIELD_OTHER }, { "Đối tượng", FIELD_OTHER }, { "Phạm vi", FIELD_OTHER },
};

/* "Cơ quan thực hiện: …" → FIELD_LEAD, value "…"; a label alone ("Cơ quan
 * chủ trì", the list under it) → its field, value "". */
static enum outline_field field_of(const char *text, const char **value)
{
	for (size_t i = 0; i < COUNT(field_labels); i++) {
		size_t n = strlen(field_labels[i].label);
		if (strncmp(text, field_labels[i].label, n) != 0)
			continue;
		const char *p = text + n;
		while (*p == ' ')
			p++;
		/* alone, only a label that cannot be a heading's title ("1. Nội
		 * dung", "1. Nhiệm vụ" head their items) */
		enum outline_field f = field_labels[i].field;
		bool bare_ok = f == FIELD_LEAD || f == FIELD_COOP || f == FIELD_TIME || strchr(field_labels[i].label, ',');
		if (bare_ok && (!*p || (*p == '.' && !p[1]))) {
			*value = p + (*p == '.');
			return f;
		}
		if (*p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\n')
			p++;
		*value = p;
		return field_labels[i].field;
	}
	return FIELD_NONE;
}

/* Nearest ancestor that is an item with a path of its own (not a list
 * introduction, not a field), or OUTLINE_ROOT. */
static size_t scope_of(const struct outline *o, size_t i)
{
	size_t p = o->v[i].parent;
	while (p != OUTLINE_ROOT &&
	       (o->v[p].mark == OUTLINE_NONE || o->v[p].role == OUTLINE_FIELD || o->v[p].mark == OUTLINE_ROW))
		p = o->v[p].parent;
	return p;
}

static void set_section(struct outline_para *p, char *s)
{
	free(p->section);
	p->section = s;
}

static char *child_path(const char *base, const char *label, bool paren)
{
	if (!*base)
		return paren ? xasprintf("(%s)", label) : xstrdup(label);
	return paren ? xasprintf("%s (%s)", base, label) : xasprintf("%s.%s", base, label);
}

/* Whether, after the unmarked paragraphs from i on (the next marked one is
 * next_marked, or to), it is another entry of entry's list: the paragraphs
 * are inside the list. */
static bool list_goes_on(const struct outline *o, size_t i, size_t next_marked, size_t to, size_t entry)
{
	const char *value;
	if (field_of(o->v[i].text, &value) != FIELD_NONE)
		return false; /* a block of fields after entries is about them all */
	return next_marked < to && same_kind(&o->v[next_marked], &o->v[entry]);
}

/* Links paragraphs [from, to) to their items: a stack of open items by rank. */
static void link_items(struct outline *o, size_t from, size_t to)
{
	size_t *stack = xmalloc((to - from + 1) * sizeof *stack);
	int *ranks = xmalloc((to - from + 1) * sizeof *ranks);
	/* per paragraph, the first marked one at or after it (to: none): one
	 * backward pass, not a scan per paragraph of a long run */
	size_t *next_marked = xmalloc((to - from + 1) * sizeof *next_marked);
	next_marked[to - from] = to;
	for (size_t i = to; i-- > from;)
		next_marked[i - from] = o->v[i].mark != OUTLINE_NONE ? i : next_marked[i - from + 1];
	size_t sp = 0;
	for (size_t i = from; i < to; i++) {
		struct outline_para *p = &o->v[i];
		p->parent = OUTLINE_ROOT;
		p->end = i + 1;
		p->role = OUTLINE_ITEM;
		if (p->mark == OUTLINE_ROW) {
			p->parent = sp ? stack[sp - 1] : OUTLINE_ROOT;
			continue;
		}
		if (p->mark == OUTLINE_NONE) {
			/* a paragraph belongs to the nearest item that is not a list entry,
			 * unless the entry introduces it ("- Về …:" then paragraphs) or
			 * the list goes on after it (the entry's text goes on) */
			while (sp && (o->v[stack[sp - 1]].mark == OUTLINE_NONE ||
				      (rank(&o->v[stack[sp - 1]]) >= 22 && !outline_ends_colon(&o->v[stack[sp - 1]]) &&
				       !list_goes_on(o, i, next_marked[i - from], to, stack[sp - 1]))))
				sp--;
			p->parent = sp ? stack[sp - 1] : OUTLINE_ROOT;
			bool list_follows = i + 1 < to && o->v[i + 1].mark != OUTLINE_NONE && o->v[i + 1].mark != OUTLINE_ROW &&
					    o->v[i + 1].mark != OUTLINE_PART;
			if (outline_ends_colon(p) && list_follows) {
				p->role = OUTLINE_LEAD_IN;
				int r = sp ? ranks[sp - 1] + 1 : 1;
				stack[sp] = i;
				ranks[sp++] = r;
			}
			continue;
		}
		int r = rank(p);
		size_t k = sp;
		while (k && !(same_kind(&o->v[stack[k - 1]], p) && o->v[stack[k - 1]].mark != OUTLINE_NONE))
			k--;
		if (k)
			sp = k - 1; /* a sibling of an open item of its kind */
		else
			while (sp && ranks[sp - 1] >= r)
				sp--;
		p->parent = sp ? stack[sp - 1] : OUTLINE_ROOT;
		stack[sp] = i;
		ranks[sp++] = r;
	}
	free(stack);
	free(ranks);
	free(next_marked);
}

/* Paragraphs after the last item of the top list that stand on their own
 * ("Văn phòng Chính phủ theo dõi, đôn đốc …") are the list's, not that item's. */
static void free_trailing(struct outline *o, size_t from, size_t to, outline_alone_fn *alone, void *ctx)
{
	size_t last = OUTLINE_ROOT;
	for (size_t i = from; i < to; i++) {
		size_t up = o->v[i].parent; /* through the top list's introduction */
		while (up != OUTLINE_ROOT && o->v[up].mark == OUTLINE_NONE)
			up = o->v[up].parent;
		if (up == OUTLINE_ROOT && o->v[i].mark != OUTLINE_NONE && o->v[i].mark != OUTLINE_ROW)
			last = i;
	}
	/* the paragraphs after the list's last marked line: those under its last
	 * item, at any depth, may stand on their own */
	size_t tail = to;
	while (tail > from && o->v[tail - 1].mark == OUTLINE_NONE)
		tail--;
	if (last == OUTLINE_ROOT)
		return;
	for (size_t i = last + 1; i < to; i++) {
		bool in_last = o->v[i].parent == last || under(o, i, last);
		bool trailing = i >= tail && in_last;
		if (!trailing && o->v[i].parent != last)
			continue;
		if (!trailing && o->v[i].mark != OUTLINE_NONE) {
			if (tail <= i)
				break;
			i = tail - 1; /* on to what follows the item's list */
			continue;
		}
		char *a = outline_flat(o->v[last].text), *b = outline_flat(o->v[i].text);
		bool own = alone(ctx, a, b);
		free(a);
		free(b);
		if (!own)
			break;
		for (size_t j = i; j < to; j++)
			if (o->v[j].mark == OUTLINE_NONE && (o->v[j].parent == last || (trailing && under(o, j, last))))
				o->v[j].parent = OUTLINE_ROOT;
		break;
	}
}

/* "b) Cơ quan thực hiện:" with nothing after it, over "- Đơn vị chủ trì:
 * …" and "- Đơn vị phối hợp: …": those fields are the item's own, as if
 * written beside "a) Nhiệm vụ:" and "c) Thời gian thực hiện:". */
static void lift_sub_fields(struct outline *o, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		struct outline_para *f = &o->v[i];
		if (f->role != OUTLINE_FIELD || *f->field_value || f->end <= i + 1)
			continue;
		bool all_fields = true;
		for (size_t j = i + 1; j < f->end && all_fields; j++)
			all_fields = o->v[j].parent != i || o->v[j].role == OUTLINE_FIELD;
		if (!all_fields)
			continue;
		for (size_t j = i + 1; j < f->end; j++)
			if (o->v[j].parent == i)
				o->v[j].parent = f->parent;
		f->field = FIELD_OTHER; /* its heading only */
	}
}

/* Fields of an item, notes, and the one paragraph of an item. */
static void set_roles(struct outline *o, size_t from, size_t to)
{
	size_t *paras = xcalloc(to - from + 1, sizeof *paras);
	for (size_t i = from; i < to; i++) {
		struct outline_para *p = &o->v[i];
		const char *value;
		if (p->parent != OUTLINE_ROOT && p->mark != OUTLINE_PART && p->mark != OUTLINE_ROW &&
		    (p->field = field_of(p->text, &value)) != FIELD_NONE) {
			p->role = OUTLINE_FIELD;
			p->field_value = xstrdup(value);
			continue;
		}
		if (p->role == OUTLINE_ITEM && is_note(p))
			p->role = OUTLINE_NOTE;
		if (p->mark == OUTLINE_NONE && p->role == OUTLINE_ITEM && p->parent != OUTLINE_ROOT)
			paras[p->parent - from]++;
	}
	for (size_t i = from; i < to; i++) {
		struct outline_para *p = &o->v[i];
		if (p->mark == OUTLINE_NONE && p->role == OUTLINE_ITEM && p->parent != OUTLINE_ROOT &&
		    o->v[p->parent].mark != OUTLINE_NONE && paras[p->parent - from] == 1)
			p->role = OUTLINE_MERGED;
	}
	free(paras);
	lift_sub_fields(o, from, to);
}

/* The section paths; bullets count among bullets, paragraphs among paragraphs. */
static void set_sections(struct outline *o, size_t from, size_t to)
{
	size_t *bullets = xcalloc(to - from + 1, sizeof *bullets), *paragraphs = xcalloc(to - from + 1, sizeof *paragraphs);
	size_t root_bullets = 0, root_paragraphs = 0;
	for (size_t i = from; i < to; i++) {
		struct outline_para *p = &o->v[i];
		size_t sc = scope_of(o, i);
		const char *base = sc == OUTLINE_ROOT ? "" : o->v[sc].section;
		size_t *count = p->mark == OUTLINE_NONE ? (sc == OUTLINE_ROOT ? &root_paragraphs : &paragraphs[sc - from])
							: (sc == OUTLINE_ROOT ? &root_bullets : &bullets[sc - from]);
		char num[24];
		switch (p->mark) {
		case OUTLINE_PART: /* "I" of its own, "B.I" under a lettered part */
			set_section(p, child_path(base, p->label, false));
			break;
		case OUTLINE_NUM: {
			/* "3.1" under "3" replaces it: II.3 → II.3.1 */
			size_t a = sc;
			while (a != OUTLINE_ROOT && o->v[a].mark == OUTLINE_NUM) {
				size_t l = strlen(o->v[a].label);
				if (strncmp(p->label, o->v[a].label, l) == 0 && p->label[l] == '.') {
					size_t up = scope_of(o, a);
					base = up == OUTLINE_ROOT ? "" : o->v[up].section;
					break;
				}
				a = scope_of(o, a);
			}
			set_section(p, child_path(base, p->label, false));
			break;
		}
		case OUTLINE_LETTER:
			set_section(p, child_path(base, p->label, false));
			break;
		case OUTLINE_LABEL:
			set_section(p, child_path(base, p->label, true));
			break;
		case OUTLINE_ROW:
			set_section(p, xstrdup(base));
			break;
		default:
			if (p->role == OUTLINE_MERGED) {
				set_section(p, xstrdup(o->v[p->parent].section));
			} else if (p->role == OUTLINE_FIELD || p->role == OUTLINE_NOTE) {
				set_section(p, xstrdup(base));
			} else if (p->role == OUTLINE_LEAD_IN) {
				++*count; /* a paragraph among paragraphs, its list's bullets among bullets */
				set_section(p, xstrdup(base));
			} else {
				snprintf(num, sizeof num, "%zu", ++*count);
				set_section(p, child_path(base, num, true));
			}
			break;
		}
	}
	free(bullets);
	free(paragraphs);
}

void outline_build(struct outline *o, size_t from, size_t to, outline_alone_fn *alone, void *ctx)
{
	link_items(o, from, to);
	if (alone)
		free_trailing(o, from, to, alone, ctx);
	for (size_t i = to; i-- > from;) {
		size_t q = o->v[i].parent;
		if (q != OUTLINE_ROOT && o->v[i].end > o->v[q].end)
			o->v[q].end = o->v[i].end;
	}
	set_roles(o, from, to);
	set_sections(o, from, to);
}
