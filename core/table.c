#include "core/table.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outline.h"
#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

enum column { COL_NONE, COL_NO, COL_CONTENT, COL_LEAD, COL_COOP, COL_DUE };

/* The cells of a row "| a | b |", trimmed, into cells[] (at most max). */
static size_t row_cells(const char *row, char **cells, size_t max)
{
	size_t n = 0;
	const char *p = row;
	if (*p == '|')
		p++;
	while (*p && n < max) {
		size_t cap = strlen(p) + 1, w = 0;
		char *c = xmalloc(cap * 2 + 1); /* "<br>" (4 bytes) becomes "; " (2): never longer than twice */
		while (*p && *p != '|') {
			if (p[0] == '\\' && p[1] == '|')
				p++;
			/* a line break inside a cell, as converters write it */
			static const char *const br[] = { "<br />", "<br/>", "<br>" };
			size_t skip = 0;
			for (size_t k = 0; k < COUNT(br) && !skip; k++)
				if (strncmp(p, br[k], strlen(br[k])) == 0)
					skip = strlen(br[k]);
			if (skip) {
				c[w++] = ';';
				c[w++] = ' ';
				p += skip;
				continue;
			}
			c[w++] = *p++;
		}
		c[w] = '\0';
		char *flat = outline_flat(c);
		cells[n++] = trim_dup(flat, strlen(flat));
		free(flat);
		free(c);
		if (*p == '|')
			p++;
		if (!*p)
			break;
	}
	return n;
}

static enum column column_of(const char *header)
{
	char *f = text_fold_dup(header);
	enum column c = COL_NONE;
	if (strcmp(f, "stt") == 0 || strcmp(f, "tt") == 0 || text_starts_with(f, "so thu tu") || strcmp(f, "so tt") == 0)
		c = COL_NO;
	else if (text_starts_with(f, "ket qua") || text_starts_with(f, "san pham") || text_starts_with(f, "dau ra"))
		c = COL_NONE; /* "Kết quả thực hiện": what is delivered, not who */
	else if (strstr(f, "phoi hop"))
		c = COL_COOP;
	else if (strstr(f, "chu tri") || strstr(f, "thuc hien") || strstr(f, "don vi") || strstr(f, "co quan") ||
		 strstr(f, "trach nhiem"))
		c = strstr(f, "thoi gian") ? COL_DUE : COL_LEAD;
	else if (strstr(f, "thoi han") || strstr(f, "thoi gian") || strstr(f, "tien do") || strstr(f, "hoan thanh"))
		c = COL_DUE;
	else if (strstr(f, "noi dung") || strstr(f, "nhiem vu") || strstr(f, "cong viec") || strstr(f, "ten "))
		c = COL_CONTENT;
	free(f);
	return c;
}

#define MAX_CELLS 16

/* The level of a table row's label: 0 Roman, 1 number, 2 letter; -1 none. */
static int label_level(const char *label)
{
	if (!*label)
		return -1;
	bool roman = true, digits = true;
	for (const char *c = label; *c; c++) {
		roman = roman && strchr("IVXL", *c);
		digits = digits && ((*c >= '0' && *c <= '9') || *c == '.');
	}
	if (roman)
		return 0;
	if (digits)
		return 1;
	uint32_t cp;
	size_t n = text_utf8_decode(label, strlen(label), &cp);
	return n && !label[n] && ((cp >= 'a' && cp <= 'z') || cp == 0x111) ? 2 : -1;
}

/* The columns a header row names (cols[0, *nc)), when it names a lead and
 * a content column: a table of assignments. */
static bool header_row(const char *row, enum column *cols, size_t *nc)
{
	char *cells[MAX_CELLS];
	bool lead = false, content = false;
	*nc = row_cells(row, cells, MAX_CELLS);
	size_t host = SIZE_MAX; /* "Cơ quan chủ trì" among several who-columns */
	for (size_t c = 0; c < *nc; c++) {
		cols[c] = column_of(cells[c]);
		lead = lead || cols[c] == COL_LEAD;
		content = content || cols[c] == COL_CONTENT;
		if (cols[c] == COL_LEAD && host == SIZE_MAX) {
			char *f = text_fold_dup(cells[c]);
			if (strstr(f, "chu tri"))
				host = c;
			free(f);
		}
		free(cells[c]);
	}
	/* "Người đứng đầu chịu trách nhiệm | Cơ quan chủ trì": the agency leads */
	for (size_t c = 0; host != SIZE_MAX && c < *nc; c++)
		if (cols[c] == COL_LEAD && c != host)
			cols[c] = COL_NONE;
	return lead && content;
}

static void add_row(struct table_rows *out, char *section, const char *what, const char *who, const char *with,
		    const char *when)
{
	xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
	out->v[out->n++] = (struct table_row){ section, xstrdup(what), xstrdup(who), xstrdup(with), xstrdup(when) };
}

/* A table being read: its group labels and the row a label-less row goes on. */
struct reading {
	/* group rows ("I | Nhóm nhiệm vụ …", "1 | …" over "a) …") give the path
	 * of the rows under them, one level a kind of label */
	char *groups[3];
	/* a row without a label after a labelled one continues it: the cells
	 * merged over both (rowspan) are written in the first only */
	size_t labelled, continued;
	size_t k; /* rows read, for those without a label: "(3)" */
};

/* The section of a row labelled label (level label_level()). */
static char *row_section(const struct reading *t, const char *label, int level)
{
	if (!*label)
		return xasprintf("(%zu)", t->k);
	char *section = xstrdup("");
	for (int g = 0; g < 3; g++) {
		if (!t->groups[g] || g >= level)
			continue;
		char *s2 = *section ? xasprintf("%s.%s", section, t->groups[g]) : xstrdup(t->groups[g]);
		free(section);
		section = s2;
	}
	char *full = *section ? xasprintf("%s.%s", section, label) : xstrdup(label);
	free(section);
	return full;
}

/* One row under the header: a group row, a continuation or an assignment. */
static void read_row(struct reading *t, const char *row, const enum column *cols, size_t nc, struct table_rows *out)
{
	char *cells[MAX_CELLS];
	size_t m = row_cells(row, cells, MAX_CELLS);
	const char *no = "", *what = "", *who = "", *with = "", *when = "";
	for (size_t c = 0; c < m && c < nc; c++) {
		switch (cols[c]) {
		case COL_NO: no = cells[c]; break;
		case COL_CONTENT: what = cells[c]; break;
		case COL_LEAD: who = cells[c]; break;
		case COL_COOP: with = cells[c]; break;
		case COL_DUE: when = cells[c]; break;
		default: break;
		}
	}
	char *label = xstrndup(no, strcspn(no, ".)"));
	int level = label_level(label);
	if (*label && !*who && !*when && level >= 0) {
		for (int g = level; g < 3; g++) {
			free(t->groups[g]);
			t->groups[g] = NULL;
		}
		t->groups[level] = xstrdup(label);
		t->labelled = SIZE_MAX;
	} else if (*what && !*label && t->labelled != SIZE_MAX) {
		const struct table_row *prev = &out->v[out->n - 1];
		char *section = xasprintf("%s (%zu)", out->v[t->labelled].section, ++t->continued + 1);
		char *pwho = xstrdup(prev->who), *pwith = xstrdup(prev->with), *pwhen = xstrdup(prev->when);
		t->k++;
		add_row(out, section, what, *who ? who : pwho, *with ? with : pwith, *when ? when : pwhen);
		free(pwho);
		free(pwith);
		free(pwhen);
	} else if (*what) {
		t->k++;
		add_row(out, row_section(t, label, level), what, who, with, when);
		t->labelled = *label ? out->n - 1 : SIZE_MAX;
		t->continued = 0;
	}
	free(label);
	for (size_t c = 0; c < m; c++)
		free(cells[c]);
}

/* Reads the assignment tables among paragraphs [from, to): a header row
 * that names a lead column, then one unit a row. */
void table_read(const struct outline *o, size_t from, size_t to, struct table_rows *out)
{
	for (size_t i = from; i < to; i++) {
		enum column cols[MAX_CELLS];
		size_t nc;
		if (o->v[i].mark != OUTLINE_ROW || !header_row(o->v[i].text, cols, &nc))
			continue;
		struct reading t = { .labelled = SIZE_MAX };
		size_t j;
		for (j = i + 1; j < to && o->v[j].mark == OUTLINE_ROW; j++)
			read_row(&t, o->v[j].text, cols, nc, out);
		for (int g = 0; g < 3; g++)
			free(t.groups[g]);
		i = j - 1;
	}
}

void table_rows_release(struct table_rows *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].section);
		free(t->v[i].what);
		free(t->v[i].who);
		free(t->v[i].with);
		free(t->v[i].when);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}
