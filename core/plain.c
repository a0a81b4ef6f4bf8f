#include "core/plain.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

struct plain_cell {
	struct strbuf text;        /* paragraphs separated by '\n' */
	unsigned span;
};

struct plain_row {
	struct plain_cell *cells;
	size_t n, cap;
};

void plain_init(struct plain *p, size_t max)
{
	memset(p, 0, sizeof *p);
	p->max = max;
}

static void free_rows(struct plain *p)
{
	for (size_t i = 0; i < p->n_rows; i++) {
		for (size_t c = 0; c < p->rows[i].n; c++)
			strbuf_release(&p->rows[i].cells[c].text);
		free(p->rows[i].cells);
	}
	free(p->rows);
	p->rows = NULL;
	p->n_rows = p->cap_rows = 0;
	p->collected = 0;
}

void plain_release(struct plain *p)
{
	strbuf_release(&p->out);
	strbuf_release(&p->para);
	free_rows(p);
	memset(p, 0, sizeof *p);
}

static bool room(struct plain *p, size_t more)
{
	if (p->out.len + p->para.len + p->collected + more > p->max)
		p->full = true;
	return !p->full;
}

void plain_text(struct plain *p, const char *s, size_t n)
{
	if (!room(p, n))
		return;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			strbuf_addch(&p->para, ' ');
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			i++;
		} else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) {
			strbuf_addch(&p->para, ' '); /* no-break space */
			i += 2;
		} else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9f) {
			i += 2; /* C1 control */
		} else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xad) {
			i += 2; /* soft hyphen: invisible unless a line breaks there */
		} else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0x8b || (unsigned char)s[i + 2] == 0xa8 ||
			    (unsigned char)s[i + 2] == 0xa9)) {
			/* a zero-width space goes; line and paragraph separators are spaces */
			if ((unsigned char)s[i + 2] != 0x8b)
				strbuf_addch(&p->para, ' ');
			i += 3;
		} else {
			strbuf_addch(&p->para, (char)c);
			i++;
		}
	}
}

void plain_break(struct plain *p)
{
	if (room(p, 1))
		strbuf_addch(&p->para, '\n');
}

/* The paragraph's lines without spaces at their ends; "" when blank. */
static void tidy(struct strbuf *para, struct strbuf *to, char sep)
{
	const char *s = strbuf_str(para);
	bool first = true;
	while (*s) {
		size_t n = strcspn(s, "\n");
		const char *a = s, *b = s + n;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if (b > a) {
			if (!first)
				strbuf_addch(to, sep);
			strbuf_addn(to, a, (size_t)(b - a));
			first = false;
		}
		s += n + (s[n] == '\n');
	}
	strbuf_truncate(para, 0);
}

static struct plain_cell *cur_cell(struct plain *p)
{
	if (p->n_rows == 0 || p->rows[p->n_rows - 1].n == 0)
		return NULL;
	struct plain_row *r = &p->rows[p->n_rows - 1];
	return &r->cells[r->n - 1];
}

void plain_para_end(struct plain *p)
{
	if (p->table_depth > 0) {
		struct plain_cell *c = cur_cell(p);
		if (!c) {
			strbuf_truncate(&p->para, 0);
			return;
		}
		/* paragraphs apart by a blank line, line breaks kept */
		size_t before = c->text.len;
		if (before)
			strbuf_add(&c->text, "\n\n");
		tidy(&p->para, &c->text, '\n');
		if (c->text.len == before + (before ? 2 : 0))
			strbuf_truncate(&c->text, before);
		p->collected += c->text.len - before;
		return;
	}
	size_t before = p->out.len;
	tidy(&p->para, &p->out, '\n');
	if (p->out.len > before)
		strbuf_add(&p->out, "\n\n");
}

void plain_blank(struct plain *p)
{
	if (p->out.len && !(p->out.len >= 2 && p->out.p[p->out.len - 1] == '\n' && p->out.p[p->out.len - 2] == '\n'))
		strbuf_addch(&p->out, '\n');
}

void plain_table_begin(struct plain *p)
{
	plain_para_end(p);
	if (p->table_depth++ > 0)
		return;
	free_rows(p);
}

void plain_row_begin(struct plain *p)
{
	if (p->table_depth != 1)
		return;
	xgrow((void **)&p->rows, &p->cap_rows, p->n_rows + 1, sizeof *p->rows);
	memset(&p->rows[p->n_rows++], 0, sizeof *p->rows);
}

void plain_cell_begin(struct plain *p, unsigned span)
{
	plain_para_end(p);
	if (p->table_depth != 1 || p->n_rows == 0)
		return;
	struct plain_row *r = &p->rows[p->n_rows - 1];
	xgrow((void **)&r->cells, &r->cap, r->n + 1, sizeof *r->cells);
	struct plain_cell *c = &r->cells[r->n++];
	strbuf_init(&c->text);
	c->span = span ? span : 1;
}

void plain_cell_span(struct plain *p, unsigned span)
{
	if (p->table_depth != 1)
		return;
	struct plain_cell *c = cur_cell(p);
	if (c && span >= 1 && span <= 64)
		c->span = span;
}

void plain_cell_end(struct plain *p) { plain_para_end(p); }

void plain_row_end(struct plain *p) { plain_para_end(p); }

static bool cell_is(const char *text, const char *const *words, size_t n)
{
	char *folded = text_fold_dup(text);
	bool yes = false;
	for (size_t i = 0; i < n && !yes; i++) {
		size_t w = strlen(words[i]);
		yes = strncmp(folded, words[i], w) == 0 && (folded[w] == '\0' || folded[w] == ' ');
	}
	free(folded);
	return yes;
}

/* A data table's header row names its columns: "STT", "Nội dung", "Cơ quan
 * chủ trì", "Thời hạn" … */
static bool header_row(const struct plain_row *r)
{
	static const char *const words[] = {
		"stt", "tt", "so tt", "noi dung", "nhiem vu", "co quan", "don vi", "thoi han", "thoi gian",
		"chu tri", "phoi hop", "ghi chu", "ket qua", "san pham",
	};
	for (size_t c = 0; c < r->n; c++)
		if (r->cells[c].text.len < 60 && cell_is(strbuf_str(&r->cells[c].text), words, sizeof words / sizeof words[0]))
			return true;
	return false;
}

static void write_cell(struct strbuf *out, const char *s)
{
	strbuf_addch(out, ' ');
	for (; *s; s++) {
		if (*s == '|')
			strbuf_add(out, "\\|");
		else if (*s != '\n')
			strbuf_addch(out, *s);
		else if (s[1] != '\n')
			strbuf_addch(out, ' ');
	}
	strbuf_add(out, " |");
}

void plain_table_end(struct plain *p)
{
	plain_para_end(p);
	if (p->table_depth == 0 || --p->table_depth > 0)
		return;
	size_t cols = 0;
	for (size_t i = 0; i < p->n_rows; i++) {
		size_t w = 0;
		for (size_t c = 0; c < p->rows[i].n; c++)
			w += p->rows[i].cells[c].span;
		if (w > cols)
			cols = w;
	}
	size_t first = 0;
	while (first < p->n_rows && p->rows[first].n == 0)
		first++;
	bool layout = cols <= 2 && !(first < p->n_rows && header_row(&p->rows[first]));
	size_t keep = p->collected;
	p->collected = 0;
	if (!room(p, keep + 4 * p->n_rows * (cols + 1))) {
		free_rows(p);
		return;
	}
	if (!layout)
		plain_blank(p);
	for (size_t i = 0; i < p->n_rows; i++) {
		struct plain_row *r = &p->rows[i];
		bool any = false;
		for (size_t c = 0; c < r->n; c++)
			any |= r->cells[c].text.len > 0;
		if (!any)
			continue;
		if (layout) {
			for (size_t c = 0; c < r->n; c++) {
				if (r->cells[c].text.len == 0)
					continue;
				strbuf_addn(&p->out, r->cells[c].text.p, r->cells[c].text.len);
				strbuf_add(&p->out, "\n\n");
			}
			continue;
		}
		strbuf_addch(&p->out, '|');
		for (size_t c = 0; c < r->n; c++) {
			write_cell(&p->out, strbuf_str(&r->cells[c].text));
			for (unsigned k = 1; k < r->cells[c].span; k++)
				write_cell(&p->out, "");
		}
		strbuf_addch(&p->out, '\n');
	}
	if (!layout)
		plain_blank(p);
	free_rows(p);
}

void plain_format_number(struct strbuf *out, int n, enum plain_numfmt f)
{
	static const struct {
		int value;
		const char *upper, *lower;
	} roman[] = {
		{ 1000, "M", "m" }, { 900, "CM", "cm" }, { 500, "D", "d" }, { 400, "CD", "cd" }, { 100, "C", "c" },
		{ 90, "XC", "xc" }, { 50, "L", "l" }, { 40, "XL", "xl" }, { 10, "X", "x" }, { 9, "IX", "ix" },
		{ 5, "V", "v" }, { 4, "IV", "iv" }, { 1, "I", "i" },
	};
	if (f == PLAIN_NO_NUMBER)
		return;
	if (n < 1 || n > 3999 || f == PLAIN_DECIMAL || f == PLAIN_DECIMAL_ZERO) {
		strbuf_addf(out, f == PLAIN_DECIMAL_ZERO && n >= 0 && n < 10 ? "0%d" : "%d", n);
		return;
	}
	if (f == PLAIN_UPPER_ROMAN || f == PLAIN_LOWER_ROMAN) {
		for (size_t i = 0; i < sizeof roman / sizeof roman[0]; i++)
			for (; n >= roman[i].value; n -= roman[i].value)
				strbuf_add(out, f == PLAIN_UPPER_ROMAN ? roman[i].upper : roman[i].lower);
		return;
	}
	char letter = (char)((f == PLAIN_UPPER_LETTER ? 'A' : 'a') + (n - 1) % 26);
	for (int k = 0; k <= (n - 1) / 26 && k < 40; k++)
		strbuf_addch(out, letter);
}

const char *plain_bullet(const char *shown, int level)
{
	static const char *const keep[] = { "-", "\xe2\x80\x93", "+", "*", "\xe2\x80\xa2" };
	for (size_t i = 0; shown && i < sizeof keep / sizeof keep[0]; i++)
		if (strcmp(shown, keep[i]) == 0)
			return keep[i];
	return level == 0 ? "-" : "+";
}

bool plain_full(const struct plain *p) { return p->full; }

char *plain_take(struct plain *p, size_t *len)
{
	while (p->table_depth > 0)
		plain_table_end(p);
	plain_para_end(p);
	*len = p->out.len;
	return strbuf_take(&p->out);
}
