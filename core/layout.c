#include "core/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

void layout_init(struct layout *l) { memset(l, 0, sizeof *l); }

void layout_release(struct layout *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->lines[i].text);
	free(l->lines);
	free(l->page_h);
	free(l->page_w);
	memset(l, 0, sizeof *l);
}

int layout_page(struct layout *l, double width, double height)
{
	if (l->pages == l->cap_pages) {
		l->cap_pages = l->cap_pages ? 2 * l->cap_pages : 16;
		l->page_h = xrealloc(l->page_h, (size_t)l->cap_pages * sizeof *l->page_h);
		l->page_w = xrealloc(l->page_w, (size_t)l->cap_pages * sizeof *l->page_w);
	}
	l->page_w[l->pages] = width > 0 ? width : 1;
	l->page_h[l->pages] = height > 0 ? height : 1;
	return l->pages++;
}

static size_t cps(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

void layout_line(struct layout *l, int page, double x0, double y0, double x1, double y1, const char *text,
		 size_t n)
{
	while (n && (*text == ' ' || *text == '\t'))
		text++, n--;
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	if (n == 0 || page < 0 || page >= l->pages)
		return;
	xgrow((void **)&l->lines, &l->cap, l->n + 1, sizeof *l->lines);
	struct layout_line *ln = &l->lines[l->n++];
	memset(ln, 0, sizeof *ln);
	ln->page = page;
	ln->seq = l->n - 1;
	ln->x0 = x0 < x1 ? x0 : x1;
	ln->x1 = x0 < x1 ? x1 : x0;
	ln->y0 = y0 < y1 ? y0 : y1;
	ln->y1 = y0 < y1 ? y1 : y0;
	ln->text = xstrndup(text, n);
	size_t word = strcspn(ln->text, " ");
	size_t all = cps(ln->text, strlen(ln->text));
	ln->first_word = all ? (ln->x1 - ln->x0) * (double)cps(ln->text, word) / (double)all : 0;
}

/* ---- page headers and footers ----------------------------------------------- */

/* "2", "- 2 -", "Trang 2/5", "Page 2 of 5", "2/5" */
static bool page_number(const char *s)
{
	static const char *const words[] = { "Trang", "trang", "TRANG", "Page", "page", "of", "trên", "/", "-",
					     "\xe2\x80\x93", " " };
	bool digit = false;
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			digit = true;
			s++;
			continue;
		}
		size_t i;
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strncmp(s, words[i], strlen(words[i])) == 0)
				break;
		if (i == sizeof words / sizeof words[0])
			return false;
		s += strlen(words[i]);
	}
	return digit;
}

/* The text with each run of digits as '#'. */
static char *shape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *w = out;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (w == out || w[-1] != '#')
				*w++ = '#';
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
	return out;
}

static bool in_margin(const struct layout *l, const struct layout_line *ln)
{
	double h = l->page_h[ln->page];
	return ln->y1 < 0.1 * h || ln->y0 > 0.9 * h;
}

static void mark_margins(struct layout *l)
{
	char **shapes = xcalloc(l->n + 1, sizeof *shapes);
	for (size_t i = 0; i < l->n; i++) {
		struct layout_line *a = &l->lines[i];
		if (!in_margin(l, a))
			continue;
		if (page_number(a->text))
			a->margin = true;
		else
			shapes[i] = shape(a->text);
	}
	for (size_t i = 0; i < l->n && l->pages > 1; i++) {
		struct layout_line *a = &l->lines[i];
		if (!shapes[i] || a->margin)
			continue;
		double ya = (a->y0 + a->y1) / 2 / l->page_h[a->page];
		for (size_t j = i + 1; j < l->n; j++) {
			struct layout_line *b = &l->lines[j];
			if (!shapes[j] || b->page == a->page)
				continue;
			double yb = (b->y0 + b->y1) / 2 / l->page_h[b->page];
			if (yb - ya > 0.03 || ya - yb > 0.03 || strcmp(shapes[i], shapes[j]) != 0)
				continue;
			a->margin = b->margin = true;
		}
	}
	for (size_t i = 0; i < l->n; i++)
		free(shapes[i]);
	free(shapes);
}

/* ---- paragraphs ---------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of v[0, n), n > 0; sorts v. */
static double quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof *v, cmp_double);
	size_t i = (size_t)(q * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

struct stats {
	double h, leading, left, right;
};

static bool body(const struct layout_line *ln) { return !ln->margin && !ln->table; }

static struct stats measure(const struct layout *l)
{
	struct stats s = { 10, 12, 0, 0 };
	double *v = xmalloc((l->n + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (body(&l->lines[i]))
			v[n++] = l->lines[i].y1 - l->lines[i].y0;
	if (n)
		s.h = quantile(v, n, 0.5);
	if (s.h <= 0)
		s.h = 1;
	n = 0;
	const struct layout_line *prev = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct layout_line *ln = &l->lines[i];
		if (!body(ln))
			continue;
		if (prev && prev->page == ln->page) {
			double d = ln->y0 - prev->y0;
			if (d > 0.5 * s.h && d < 3 * s.h)
				v[n++] = d;
		}
		prev = ln;
	}
	/* the distance inside a paragraph: the smallest one that recurs (most
	 * paragraphs may be one line, spaced wider) */
	s.leading = n ? quantile(v, n, 0.5) : 1.2 * s.h;
	for (size_t i = 0; i + 1 < n; i++)
		if (v[i + 1] - v[i] <= 0.15 * s.h) {
			s.leading = v[i];
			break;
		}
	n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (body(&l->lines[i]))
			v[n++] = l->lines[i].x1;
	s.right = n ? quantile(v, n, 0.9) : 0;
	n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (body(&l->lines[i]))
			v[n++] = l->lines[i].x0;
	s.left = n ? quantile(v, n, 0.1) : 0;
	free(v);
	return s;
}

static bool ends_sentence(const char *t)
{
	size_t n = strlen(t);
	return n && strchr(".:;!?", t[n - 1]);
}

/* Whether t starts with a list item's label: "- ", "+ ", "• ", "2. ",
 * "2.1. ", "a) ", "IV. ". */
static bool starts_item(const char *t)
{
	if ((t[0] == '-' || t[0] == '+') && t[1] == ' ')
		return true;
	if (strncmp(t, "\xe2\x80\xa2 ", 4) == 0 || strncmp(t, "\xe2\x80\x93 ", 4) == 0)
		return true;
	size_t i = 0;
	if (t[0] >= '0' && t[0] <= '9') {
		while ((t[i] >= '0' && t[i] <= '9') || (t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9'))
			i++;
		return (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ';
	}
	if (t[0] >= 'a' && t[0] <= 'z')
		return t[1] == ')' && t[2] == ' ';
	while (t[i] && strchr("IVX", t[i]))
		i++;
	return i > 0 && i < 6 && t[i] == '.' && t[i + 1] == ' ';
}

/* Whether b's first word would have fitted at the end of line a. */
static bool next_word_fits(const struct stats *s, const struct layout_line *a, const struct layout_line *b)
{
	return a->x1 + 0.3 * s->h + b->first_word < s->right - 0.3 * s->h;
}

static bool new_paragraph(const struct stats *s, const struct layout_line *a, const struct layout_line *b)
{
	double ha = a->y1 - a->y0, hb = b->y1 - b->y0;
	if (a->page != b->page)
		return next_word_fits(s, a, b) || ends_sentence(a->text);
	if (b->y0 < a->y0 - 0.5 * s->h)
		return true; /* back up: another column */
	if (b->y0 - a->y0 < 0.5 * s->h)
		return true; /* beside it */
	if (b->y0 - a->y0 > s->leading + 0.4 * s->h)
		return true;
	if (ha > 0 && hb > 0 && (ha > 1.35 * hb || hb > 1.35 * ha))
		return true;
	/* a sentence ends and a list item's label begins the next line */
	if (ends_sentence(a->text) && starts_item(b->text))
		return true;
	/* indented more than the line before: a paragraph's first line, unless
	 * the line before ran to the margin (a hanging indent goes on) */
	if (b->x0 > a->x0 + s->h && b->x0 > s->left + s->h)
		return a->x1 < s->right - 1.5 * s->h;
	/* a paragraph's next line starts at the margin, under the line before,
	 * or (centred) on the same middle: anything else is another block */
	double ma = (a->x0 + a->x1) / 2, mb = (b->x0 + b->x1) / 2;
	if (fabs(b->x0 - s->left) > s->h && fabs(b->x0 - a->x0) > s->h && fabs(mb - ma) > s->h)
		return true;
	return next_word_fits(s, a, b);
}


/* ---- tables ---------------------------------------------------------------- */

struct band {
	size_t first, n;     /* its lines: by_y[first, first + n) */
	double y0, widest;
};

static const struct layout_line *by_y_lines;

static int cmp_y(const void *a, const void *b)
{
	const struct layout_line *x = &by_y_lines[*(const size_t *)a], *y = &by_y_lines[*(const size_t *)b];
	if (x->y0 != y->y0)
		return x->y0 < y->y0 ? -1 : 1;
	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Columns: the spans where the pieces of bands [b0, b1) overlap. Returns
 * how many (at most max), sorted left to right. */
static int columns(const struct layout *l, const size_t *by_y, const struct band *bands, size_t b0, size_t b1,
		   double (*span)[2], int max)
{
	int n = 0;
	for (size_t b = b0; b < b1; b++) {
		if (bands[b].n < 3)
			continue;
		for (size_t k = 0; k < bands[b].n; k++) {
			const struct layout_line *ln = &l->lines[by_y[bands[b].first + k]];
			int hit = -1;
			for (int c = 0; c < n; c++)
				if (ln->x0 < span[c][1] && ln->x1 > span[c][0])
					hit = c;
			if (hit < 0 && n < max) {
				span[n][0] = ln->x0, span[n][1] = ln->x1;
				n++;
			} else if (hit >= 0) {
				span[hit][0] = fmin(span[hit][0], ln->x0);
				span[hit][1] = fmax(span[hit][1], ln->x1);
			}
		}
	}
	/* spans that grew into each other are one column */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (span[i][0] < span[j][1] && span[i][1] > span[j][0]) {
				span[i][0] = fmin(span[i][0], span[j][0]);
				span[i][1] = fmax(span[i][1], span[j][1]);
				span[j][0] = span[n - 1][0], span[j][1] = span[n - 1][1];
				n--, j = i;
			}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && span[j][0] < span[j - 1][0]; j--) {
			double t0 = span[j][0], t1 = span[j][1];
			span[j][0] = span[j - 1][0], span[j][1] = span[j - 1][1];
			span[j - 1][0] = t0, span[j - 1][1] = t1;
		}
	return n;
}

/* The one column line ln is under, or -1. */
static int column_of(const struct layout_line *ln, double (*span)[2], int n, double h)
{
	int hit = -1;
	for (int c = 0; c < n; c++)
		if (ln->x0 < span[c][1] + 0.5 * h && ln->x1 > span[c][0] - 0.5 * h) {
			if (hit >= 0)
				return -1;
			hit = c;
		}
	return hit;
}

#define MAX_COLS 32

/* The lines of one table found on a page: by_y its lines in reading order,
 * bands of them at one height, the columns' spans. */
struct table_run {
	struct layout *l;
	const struct stats *s;
	size_t *by_y;
	struct band *bands;
	double span[MAX_COLS][2];
	int cols;
};

/* The lines of [from, to) that are not margins, in bands of one height;
 * *nb gets how many bands (by_y and the bands: the caller frees). */
static struct band *bands_of(struct layout *l, size_t from, size_t to, const struct stats *s, size_t **by_y,
			     size_t *nb)
{
	size_t n = 0;
	*by_y = xmalloc((to - from + 1) * sizeof **by_y);
	for (size_t i = from; i < to; i++)
		if (!l->lines[i].margin)
			(*by_y)[n++] = i;
	by_y_lines = l->lines;
	qsort(*by_y, n, sizeof **by_y, cmp_y);
	struct band *bands = xmalloc((n + 1) * sizeof *bands);
	*nb = 0;
	for (size_t k = 0; k < n; k++) {
		const struct layout_line *ln = &l->lines[(*by_y)[k]];
		double h = ln->y1 - ln->y0;
		if (*nb == 0 || ln->y0 > bands[*nb - 1].y0 + 0.35 * (h > 0 ? h : s->h))
			bands[(*nb)++] = (struct band){ k, 0, ln->y0, 0 };
		bands[*nb - 1].n++;
		bands[*nb - 1].widest = fmax(bands[*nb - 1].widest, ln->x1 - ln->x0);
	}
	return bands;
}

static int column_at(struct table_run *r, size_t b, size_t k)
{
	return column_of(&r->l->lines[r->by_y[r->bands[b].first + k]], r->span, r->cols, r->s->h);
}

/* The band where the table from b0 ends: every piece under one column,
 * before b1. */
static size_t table_end(struct table_run *r, size_t b0, size_t b1)
{
	size_t end = b0;
	for (; end < b1; end++) {
		bool fits = true;
		for (size_t k = 0; k < r->bands[end].n && fits; k++)
			fits = column_at(r, end, k) >= 0;
		if (!fits)
			break;
	}
	return end;
}

/* The distance between lines inside a cell: the smallest that recurs. */
static double line_distance(const struct table_run *r, size_t b0, size_t end)
{
	double *d = xmalloc((end - b0 + 1) * sizeof *d), tl;
	size_t nd = 0;
	for (size_t b = b0 + 1; b < end; b++)
		d[nd++] = r->bands[b].y0 - r->bands[b - 1].y0;
	tl = nd ? quantile(d, nd, 0.5) : r->s->h;
	for (size_t i = 0; i + 1 < nd; i++)
		if (d[i + 1] - d[i] <= 0.15 * r->s->h) {
			tl = d[i];
			break;
		}
	free(d);
	return tl;
}

/* Marks the lines of bands [b0, end) as rows and columns of table number
 * table: a row begins where the space grows, or where a narrow first column
 * (STT: numbers that never wrap) has a line. */
static void mark_table(struct table_run *r, size_t b0, size_t end, int table)
{
	double tl = line_distance(r, b0, end), first_w = 0, h = r->s->h;
	for (size_t b = b0; b < end; b++)
		for (size_t k = 0; k < r->bands[b].n; k++) {
			const struct layout_line *ln = &r->l->lines[r->by_y[r->bands[b].first + k]];
			if (column_at(r, b, k) == 0)
				first_w = fmax(first_w, ln->x1 - ln->x0);
		}
	bool stt = first_w < 3 * h;
	int row = 0;
	for (size_t b = b0; b < end; b++) {
		bool col0 = false;
		for (size_t k = 0; k < r->bands[b].n; k++)
			col0 |= column_at(r, b, k) == 0;
		if (b > b0 && (r->bands[b].y0 - r->bands[b - 1].y0 > tl + 0.3 * h || (stt && col0)))
			row++;
		for (size_t k = 0; k < r->bands[b].n; k++) {
			struct layout_line *ln = &r->l->lines[r->by_y[r->bands[b].first + k]];
			ln->table = table;
			ln->row = row;
			ln->col = column_at(r, b, k);
		}
	}
}

static void find_tables_on(struct layout *l, size_t from, size_t to, const struct stats *s, int *tables)
{
	struct table_run r = { .l = l, .s = s };
	size_t nb;
	r.bands = bands_of(l, from, to, s, &r.by_y, &nb);
	double narrow = 0.6 * (s->right - s->left > 0 ? s->right - s->left : 1);
	for (size_t b0 = 0; b0 < nb;) {
		if (r.bands[b0].n < 3 || r.bands[b0].widest > narrow) {
			b0++;
			continue;
		}
		size_t b1 = b0 + 1;
		while (b1 < nb && r.bands[b1].widest <= narrow && r.bands[b1].y0 - r.bands[b1 - 1].y0 < 4 * s->h)
			b1++;
		r.cols = columns(l, r.by_y, r.bands, b0, b1, r.span, MAX_COLS);
		size_t end = table_end(&r, b0, b1), wide = 0;
		for (size_t b = b0; b < end; b++)
			wide += r.bands[b].n >= 3;
		if (r.cols < 3 || wide < 2) {
			b0++;
			continue;
		}
		mark_table(&r, b0, end, ++*tables);
		b0 = end;
	}
	free(r.bands);
	free(r.by_y);
}

static void find_tables(struct layout *l, const struct stats *s)
{
	int tables = 0;
	for (size_t i = 0; i < l->n;) {
		size_t j = i;
		while (j < l->n && l->lines[j].page == l->lines[i].page)
			j++;
		find_tables_on(l, i, j, s, &tables);
		i = j;
	}
}

/* Writes table t (its lines all in l) through plain's table functions. */
static void write_table(const struct layout *l, int t, struct plain *out)
{
	int rows = 0, cols = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->lines[i].table == t) {
			rows = l->lines[i].row + 1 > rows ? l->lines[i].row + 1 : rows;
			cols = l->lines[i].col + 1 > cols ? l->lines[i].col + 1 : cols;
		}
	plain_table_begin(out);
	for (int r = 0; r < rows; r++) {
		plain_row_begin(out);
		for (int c = 0; c < cols; c++) {
			plain_cell_begin(out, 1);
			/* the cell's lines top to bottom (they are in reading order) */
			bool any = false;
			for (size_t i = 0; i < l->n; i++) {
				const struct layout_line *ln = &l->lines[i];
				if (ln->table != t || ln->row != r || ln->col != c)
					continue;
				if (any)
					plain_text(out, " ", 1);
				plain_text(out, ln->text, strlen(ln->text));
				any = true;
			}
			plain_para_end(out);
			plain_cell_end(out);
		}
		plain_row_end(out);
	}
	plain_table_end(out);
}

static bool lowercase_start(const char *t)
{
	uint32_t cp;
	size_t n = text_utf8_decode(t, strlen(t), &cp);
	return n && cp != TEXT_BAD_CP && text_cp_lower(cp) == cp && cp >= 'a' &&
	       (cp > 0x7f || (cp >= 'a' && cp <= 'z'));
}

static int by_page(const void *a, const void *b)
{
	const struct layout_line *x = a, *y = b;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void layout_write(struct layout *l, struct plain *out)
{
	if (l->n)
		qsort(l->lines, l->n, sizeof *l->lines, by_page);
	mark_margins(l);
	struct stats s = measure(l);
	find_tables(l, &s);
	s = measure(l); /* the body's figures, without the tables' */
	const struct layout_line *prev = NULL;
	int written = 0;
	for (size_t i = 0; i < l->n && !plain_full(out); i++) {
		const struct layout_line *ln = &l->lines[i];
		if (ln->margin)
			continue;
		if (ln->table) {
			if (ln->table > written) {
				plain_para_end(out);
				write_table(l, ln->table, out);
				written = ln->table;
			}
			prev = NULL;
			continue;
		}
		const char *t = ln->text;
		if (prev && new_paragraph(&s, prev, ln)) {
			plain_para_end(out);
		} else if (prev) {
			size_t pn = strlen(prev->text);
			bool hyphen = pn >= 2 && prev->text[pn - 1] == '-' && prev->text[pn - 2] != ' ' &&
				      prev->text[pn - 2] != '-' && lowercase_start(t);
			bool soft = pn >= 2 && (unsigned char)prev->text[pn - 2] == 0xc2 &&
				    (unsigned char)prev->text[pn - 1] == 0xad;
			if (!hyphen && !soft)
				plain_text(out, " ", 1);
		}
		size_t n = strlen(t);
		/* a hyphen that breaks a word is dropped with the line end */
		if (i + 1 < l->n && n >= 2 && t[n - 1] == '-' && t[n - 2] != ' ' && t[n - 2] != '-') {
			size_t j = i + 1;
			while (j < l->n && l->lines[j].margin)
				j++;
			if (j < l->n && l->lines[j].table)
				j = l->n;
			if (j < l->n && lowercase_start(l->lines[j].text) && !new_paragraph(&s, ln, &l->lines[j]))
				n--;
		}
		plain_text(out, t, n);
		prev = ln;
	}
	plain_para_end(out);
}
