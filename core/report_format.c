#include "core/report_format.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

static const char *const format_names[REPORT_FORMAT_COUNT] = { "table", "md", "csv", "html" };

int report_format_parse(const char *name, enum report_format *out)
{
	for (int i = 0; i < REPORT_FORMAT_COUNT; i++)
		if (name && strcmp(name, format_names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

/* The class columns, in DESIGN.md's order. */
static const enum task_class column_classes[CLASS_COUNT] = {
	CLASS_NOT_DUE, CLASS_DUE_SOON, CLASS_DUE_TODAY, CLASS_OVERDUE, CLASS_NO_DEADLINE,
	CLASS_DONE_ON_TIME, CLASS_DONE_LATE, CLASS_CANCELLED,
};

/* --- output: a buffer in front of the FILE -------------------------------- */

/* A report is written in many small pieces (a cell, padding, a quote): they
 * are gathered here and reach stdio in large blocks. Errors show on the FILE
 * (ferror), which report_write checks at the end. */
#define SINK_SIZE 65536

struct sink {
	FILE *f;
	size_t n;
	char buf[SINK_SIZE];
};

static void sink_flush(struct sink *o)
{
	if (o->n)
		fwrite(o->buf, 1, o->n, o->f);
	o->n = 0;
}

static void put_mem(struct sink *o, const char *s, size_t len)
{
	if (len > SINK_SIZE - o->n) {
		sink_flush(o);
		if (len >= SINK_SIZE) {
			fwrite(s, 1, len, o->f);
			return;
		}
	}
	memcpy(o->buf + o->n, s, len);
	o->n += len;
}

static void put_str(struct sink *o, const char *s) { put_mem(o, s, strlen(s)); }

static void put_char(struct sink *o, char c)
{
	if (o->n == SINK_SIZE)
		sink_flush(o);
	o->buf[o->n++] = c;
}

static void put_spaces(struct sink *o, size_t n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		put_mem(o, spaces, k);
		n -= k;
	}
}

/* Writes s[0..len) with each byte that has an entry in esc replaced by it. */
static void put_escaped(struct sink *o, const char *s, size_t len, const char *const esc[256])
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *e = esc[(unsigned char)s[i]];
		if (!e)
			continue;
		put_mem(o, s + run, i - run);
		put_str(o, e);
		run = i + 1;
	}
	put_mem(o, s + run, len - run);
}

/* --- a grid of text cells: what every format draws ---------------------- */

/* A cell is a pointer and a length: to the report's own text when it needs
 * no change (the report outlives the grid), else to text made for it in
 * blocks that never move. */
struct block {
	struct block *next;
	size_t used, size;
	char text[];
};

struct grid {
	const char *caption;      /* may be NULL */
	size_t ncol, nrow;        /* nrow excludes the header */
	const char **head;        /* ncol, static strings */
	bool *numeric;            /* ncol: right-aligned */
	bool last_is_total;
	const char **text;        /* nrow * ncol, never NULL */
	size_t *len;              /* nrow * ncol */
	size_t cap_cells;
	struct block *blocks;     /* the newest first */
};

static void grid_init(struct grid *g, const char *caption, size_t ncol)
{
	memset(g, 0, sizeof *g);
	g->caption = caption;
	g->ncol = ncol;
	g->head = xcalloc(ncol, sizeof *g->head);
	g->numeric = xcalloc(ncol, sizeof *g->numeric);
}

static void grid_release(struct grid *g)
{
	free(g->head);
	free(g->numeric);
	free(g->text);
	free(g->len);
	while (g->blocks) {
		struct block *b = g->blocks;
		g->blocks = b->next;
		free(b);
	}
}

static void grid_head(struct grid *g, size_t col, const char *text, bool numeric)
{
	g->head[col] = text;
	g->numeric[col] = numeric;
}

/* Adds a row of empty cells; returns the index of its first cell, for the
 * cell_* functions (first + column). */
static size_t grid_row(struct grid *g)
{
	size_t first = g->nrow * g->ncol;
	xgrow((void **)&g->text, &g->cap_cells, first + g->ncol, sizeof *g->text);
	g->len = xrealloc(g->len, g->cap_cells * sizeof *g->len);
	for (size_t c = 0; c < g->ncol; c++) {
		g->text[first + c] = "";
		g->len[first + c] = 0;
	}
	g->nrow++;
	return first;
}

static const char *cell(const struct grid *g, size_t i) { return g->text[i]; }

/* Room for n bytes and a NUL, for cell_done(). */
static char *cell_room(struct grid *g, size_t n)
{
	struct block *b = g->blocks;
	if (!b || b->size - b->used < n + 1) {
		size_t size = n + 1 > 65536 ? n + 1 : 65536;
		b = xmalloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = g->blocks;
		g->blocks = b;
	}
	return b->text + b->used;
}

/* The n bytes written at cell_room() become cell i. */
static void cell_done(struct grid *g, size_t i, size_t n)
{
	struct block *b = g->blocks;
	b->text[b->used + n] = '\0';
	g->text[i] = b->text + b->used;
	g->len[i] = n;
	b->used += n + 1;
}

static void cell_text(struct grid *g, size_t i, const char *s)
{
	size_t n = strlen(s);
	memcpy(cell_room(g, n), s, n);
	cell_done(g, i, n);
}

/* s (which outlives the grid) cleaned of control characters and bidi
 * overrides (text_sanitize): s itself when it has none. */
static void cell_clean(struct grid *g, size_t i, const char *s)
{
	size_t n = strlen(s);
	if (!text_needs_sanitize(s, n)) {
		g->text[i] = s;
		g->len[i] = n;
		return;
	}
	cell_done(g, i, text_sanitize(cell_room(g, n), s, n, 0));
}

/* A number in decimal, as printf's %lld would write it. */
static void cell_int(struct grid *g, size_t i, long long v)
{
	char digits[24];
	size_t n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		digits[n++] = '-';
	char *p = cell_room(g, n);
	for (size_t k = 0; k < n; k++)
		p[k] = digits[n - 1 - k];
	cell_done(g, i, n);
}

/* --- the report's grids --------------------------------------------------- */

static const char *tr(enum lang lang, const char *vi, const char *en) { return lang == LANG_EN ? en : vi; }

static void counts_row(struct grid *g, const char *name, const struct report_counts *c, enum lang lang)
{
	size_t row = grid_row(g);
	char share[16];
	cell_clean(g, row, name);
	cell_int(g, row + 1, c->total);
	for (size_t k = 0; k < CLASS_COUNT; k++)
		cell_int(g, row + 2 + k, c->n[column_classes[k]]);
	cell_text(g, row + 2 + CLASS_COUNT, report_format_share(c, lang, share));
}

static void agency_grid(struct grid *g, const struct report *r, enum lang lang)
{
	grid_init(g, NULL, 3 + CLASS_COUNT);
	grid_head(g, 0, tr(lang, "Đơn vị", "Agency"), false);
	grid_head(g, 1, tr(lang, "Tổng số", "Tasks"), true);
	for (size_t k = 0; k < CLASS_COUNT; k++)
		grid_head(g, 2 + k, class_label(column_classes[k], lang), true);
	grid_head(g, 2 + CLASS_COUNT, tr(lang, "Tỷ lệ đúng hạn", "On-time share"), true);
	for (size_t i = 0; i < r->n_rows; i++)
		counts_row(g, r->rows[i].agency, &r->rows[i].counts, lang);
	counts_row(g, tr(lang, "Tổng cộng", "Total"), &r->total, lang);
	g->last_is_total = true;
}

/* The day as date_format_dmy() writes it ("14/05/2024"), without printf:
 * this runs for every task line. */
static void cell_day(struct grid *g, size_t i, civil_day day)
{
	char buf[DATE_BUF];
	struct civil_date d;
	if (day == DATE_NONE || (d = date_to_ymd(day)).year < 0 || d.year > 9999 || d.month < 1 ||
	    d.month > 12 || d.day < 1 || d.day > 31) {
		cell_text(g, i, date_format_dmy(day, buf));
		return;
	}
	char *p = cell_room(g, 10);
	p[0] = (char)('0' + d.day / 10);
	p[1] = (char)('0' + d.day % 10);
	p[2] = '/';
	p[3] = (char)('0' + d.month / 10);
	p[4] = (char)('0' + d.month % 10);
	p[5] = '/';
	p[6] = (char)('0' + d.year / 1000);
	p[7] = (char)('0' + d.year / 100 % 10);
	p[8] = (char)('0' + d.year / 10 % 10);
	p[9] = (char)('0' + d.year % 10);
	cell_done(g, i, 10);
}

/* The first five cells of a task line: ID, section, task, lead, due. */
static void line_cells(struct grid *g, size_t row, const struct report_line *l)
{
	cell_int(g, row, l->task_id);
	cell_clean(g, row + 1, l->section);
	cell_clean(g, row + 2, l->summary);
	cell_clean(g, row + 3, l->leads);
	cell_day(g, row + 4, l->due);
}

static void overdue_grid(struct grid *g, const struct report *r, enum lang lang, const char *caption)
{
	grid_init(g, caption, 6);
	grid_head(g, 0, "ID", true);
	grid_head(g, 1, tr(lang, "Mục", "Section"), false);
	grid_head(g, 2, tr(lang, "Nội dung", "Task"), false);
	grid_head(g, 3, tr(lang, "Chủ trì", "Lead"), false);
	grid_head(g, 4, tr(lang, "Hạn", "Due"), false);
	grid_head(g, 5, tr(lang, "Số ngày quá hạn", "Days overdue"), true);
	for (size_t i = 0; i < r->n_overdue; i++) {
		const struct report_line *l = &r->overdue[i];
		size_t row = grid_row(g);
		line_cells(g, row, l);
		cell_int(g, row + 5, l->days_late);
	}
}

static void followup_grid(struct grid *g, const struct report *r, enum lang lang, const char *caption)
{
	char done[DATE_BUF], cd[COUNTDOWN_BUF], note[64 + DATE_BUF];
	grid_init(g, caption, 8);
	grid_head(g, 0, "ID", true);
	grid_head(g, 1, tr(lang, "Mục", "Section"), false);
	grid_head(g, 2, tr(lang, "Nội dung", "Task"), false);
	grid_head(g, 3, tr(lang, "Chủ trì", "Lead"), false);
	grid_head(g, 4, tr(lang, "Hạn", "Due"), false);
	grid_head(g, 5, tr(lang, "Trạng thái", "Status"), false);
	grid_head(g, 6, tr(lang, "Tình hình", "Class"), false);
	grid_head(g, 7, tr(lang, "Ghi chú", "Note"), false);
	for (size_t i = 0; i < r->n_tasks; i++) {
		const struct report_line *l = &r->tasks[i];
		size_t row = grid_row(g);
		line_cells(g, row, l);
		cell_text(g, row + 5, status_label(l->status, lang));
		cell_text(g, row + 6, class_label(l->cls, lang));
		if (l->status == STATUS_DONE && l->completed != DATE_NONE) {
			snprintf(note, sizeof note, tr(lang, "xong ngày %s", "done %s"), date_format_dmy(l->completed, done));
			cell_text(g, row + 7, note);
		} else if (status_is_open(l->status)) {
			cell_text(g, row + 7, countdown_format(l->due, r->as_of, lang, cd));
		}
	}
}

/* --- the parts common to every format --------------------------------- */

struct parts {
	char *title, *day, *scope, *summary, *shared_note, *no_overdue;
	struct grid agencies, overdue, followup;
	bool has_followup;
};

static void parts_init(struct parts *p, const struct report *r, enum lang lang)
{
	char day[DATE_BUF];
	memset(p, 0, sizeof *p);
	date_format_dmy(r->as_of, day);
	p->title = xstrdup(tr(lang, "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "TASK PROGRESS REPORT"));
	p->day = xasprintf(tr(lang, "Tính đến ngày %s%s%s", "As of %s%s%s"), day,
			   r->historical ? tr(lang, " (theo nhật ký thay đổi)", " (from the audit trail)") : "",
			   r->cooperating ? tr(lang, "; tính cả đơn vị phối hợp", "; cooperating agencies included") : "");
	if (r->scope) {
		char *s = text_sanitize_dup(r->scope, 0);
		p->scope = xasprintf("%s%s", tr(lang, "Phạm vi: ", "Scope: "), s);
		free(s);
	}
	p->summary = report_summary(r, lang);
	if (r->shared_tasks)
		p->shared_note = xstrdup(tr(lang,
			"Việc có nhiều đơn vị được tính ở mỗi đơn vị; dòng Tổng cộng tính mỗi việc một lần.",
			"A task with several agencies counts in each agency's row; the Total row counts it once."));
	agency_grid(&p->agencies, r, lang);
	char *cap = xasprintf(tr(lang, "Việc quá hạn (%zu)", "Overdue tasks (%zu)"), r->n_overdue);
	overdue_grid(&p->overdue, r, lang, cap);
	if (r->n_overdue == 0)
		p->no_overdue = xstrdup(tr(lang, "Không có việc quá hạn.", "No task is overdue."));
	p->has_followup = r->has_task_list;
	if (p->has_followup) {
		char *fcap = xasprintf(tr(lang, "Danh sách theo dõi (%zu việc)", "Follow-up list (%zu tasks)"), r->n_tasks);
		followup_grid(&p->followup, r, lang, fcap);
	}
}

static void parts_release(struct parts *p)
{
	free(p->title);
	free(p->day);
	free(p->scope);
	free(p->summary);
	free(p->shared_note);
	free(p->no_overdue);
	free((char *)p->overdue.caption);
	grid_release(&p->agencies);
	grid_release(&p->overdue);
	if (p->has_followup) {
		free((char *)p->followup.caption);
		grid_release(&p->followup);
	}
}

/* --- table -------------------------------------------------------------- */

/* Writes s (len bytes, n columns by text_width) padded to w columns. */
static void put_padded(struct sink *o, const char *s, size_t len, size_t n, size_t w, bool right, bool last)
{
	if (right && n < w)
		put_spaces(o, w - n);
	put_mem(o, s, len);
	if (!right && !last && n < w)
		put_spaces(o, w - n);
}

static void table_rule(struct sink *o, size_t total)
{
	for (size_t k = 0; k < total; k++)
		put_mem(o, "─", sizeof "─" - 1);
	put_char(o, '\n');
}

/* One line of cells: texts s, lengths len, display widths n; column widths w. */
static void table_cells(struct sink *o, const struct grid *g, const char *const *s, const size_t *len,
			const size_t *n, const size_t *w)
{
	size_t last = g->ncol; /* no trailing blanks: stop at the last non-empty cell */
	while (last > 1 && len[last - 1] == 0)
		last--;
	for (size_t c = 0; c < last; c++) {
		if (c)
			put_mem(o, "  ", 2);
		put_padded(o, s[c], len[c], n[c], w[c], g->numeric[c], c + 1 == last);
	}
	put_char(o, '\n');
}

static void table_grid(struct sink *o, const struct grid *g)
{
	size_t ncol = g->ncol, ncell = g->nrow * ncol, total = 0;
	size_t *w = xcalloc(ncol, sizeof *w), *head_len = xcalloc(ncol, sizeof *head_len);
	size_t *head_n = xcalloc(ncol, sizeof *head_n), *n = xcalloc(ncell ? ncell : 1, sizeof *n);
	const char **s = xcalloc(ncol, sizeof *s);
	if (g->caption) {
		put_str(o, g->caption);
		put_char(o, '\n');
	}
	for (size_t c = 0; c < ncol; c++) {
		head_len[c] = strlen(g->head[c]);
		w[c] = head_n[c] = text_width(g->head[c], head_len[c]);
	}
	for (size_t i = 0; i < ncell; i++) {
		n[i] = text_width(cell(g, i), g->len[i]);
		if (n[i] > w[i % ncol])
			w[i % ncol] = n[i];
	}
	for (size_t c = 0; c < ncol; c++)
		total += w[c] + (c ? 2 : 0);
	table_cells(o, g, g->head, head_len, head_n, w);
	table_rule(o, total);
	for (size_t r = 0; r < g->nrow; r++) {
		if (g->last_is_total && r > 0 && r + 1 == g->nrow)
			table_rule(o, total);
		for (size_t c = 0; c < ncol; c++)
			s[c] = cell(g, r * ncol + c);
		table_cells(o, g, s, g->len + r * ncol, n + r * ncol, w);
	}
	free(w);
	free(head_len);
	free(head_n);
	free(n);
	free(s);
}

static void write_table(struct sink *o, const struct parts *p)
{
	put_str(o, p->title);
	put_char(o, '\n');
	put_str(o, p->day);
	put_char(o, '\n');
	if (p->scope) {
		put_str(o, p->scope);
		put_char(o, '\n');
	}
	put_char(o, '\n');
	table_grid(o, &p->agencies);
	if (p->shared_note) {
		put_char(o, '(');
		put_str(o, p->shared_note);
		put_str(o, ")\n");
	}
	put_char(o, '\n');
	put_str(o, p->summary);
	put_str(o, "\n\n");
	if (p->no_overdue) {
		put_str(o, p->no_overdue);
		put_char(o, '\n');
	} else {
		table_grid(o, &p->overdue);
	}
	if (p->has_followup) {
		put_char(o, '\n');
		table_grid(o, &p->followup);
	}
}

/* --- markdown ------------------------------------------------------------- */

static const char *const md_escapes[256] = {
	['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_", ['['] = "\\[",
	[']'] = "\\]", ['|'] = "\\|", ['<'] = "\\<", ['>'] = "\\>", ['#'] = "\\#",
};

static void md_text(struct sink *o, const char *s) { put_escaped(o, s, strlen(s), md_escapes); }

static void md_grid(struct sink *o, const struct grid *g)
{
	if (g->caption) {
		put_str(o, "## ");
		md_text(o, g->caption);
		put_str(o, "\n\n");
	}
	put_char(o, '|');
	for (size_t c = 0; c < g->ncol; c++) {
		put_char(o, ' ');
		md_text(o, g->head[c]);
		put_str(o, " |");
	}
	put_str(o, "\n|");
	for (size_t c = 0; c < g->ncol; c++)
		put_str(o, g->numeric[c] ? " ---: |" : " --- |");
	put_char(o, '\n');
	for (size_t r = 0; r < g->nrow; r++) {
		bool bold = g->last_is_total && r + 1 == g->nrow;
		put_char(o, '|');
		for (size_t c = 0, i = r * g->ncol; c < g->ncol; c++, i++) {
			put_str(o, bold ? " **" : " ");
			put_escaped(o, cell(g, i), g->len[i], md_escapes);
			put_str(o, bold ? "** |" : " |");
		}
		put_char(o, '\n');
	}
	put_char(o, '\n');
}

static void write_md(struct sink *o, const struct parts *p)
{
	put_str(o, "# ");
	md_text(o, p->title);
	put_str(o, "\n\n");
	md_text(o, p->day);
	put_str(o, "\n\n");
	if (p->scope) {
		md_text(o, p->scope);
		put_str(o, "\n\n");
	}
	md_grid(o, &p->agencies);
	if (p->shared_note) {
		put_char(o, '_');
		md_text(o, p->shared_note);
		put_str(o, "_\n\n");
	}
	put_str(o, "**");
	md_text(o, p->summary);
	put_str(o, "**\n\n");
	if (p->no_overdue) {
		put_str(o, "## ");
		md_text(o, p->overdue.caption);
		put_str(o, "\n\n");
		md_text(o, p->no_overdue);
		put_str(o, "\n\n");
	} else {
		md_grid(o, &p->overdue);
	}
	if (p->has_followup)
		md_grid(o, &p->followup);
}

/* --- csv ------------------------------------------------------------------ */

static const char *const csv_escapes[256] = { ['"'] = "\"\"" };

static void csv_field(struct sink *o, const char *s, size_t n, bool numeric)
{
	bool formula = !numeric && n > 0 && strchr("=+-@", s[0]);
	bool quote = formula || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		put_char(o, '"');
	if (formula)
		put_char(o, '\'');
	put_escaped(o, s, n, csv_escapes);
	if (quote)
		put_char(o, '"');
}

static void csv_line(struct sink *o, const char *s)
{
	csv_field(o, s, strlen(s), false);
	put_str(o, "\r\n");
}

static void csv_grid(struct sink *o, const struct grid *g)
{
	if (g->caption)
		csv_line(o, g->caption);
	for (size_t c = 0; c < g->ncol; c++) {
		if (c)
			put_char(o, ',');
		csv_field(o, g->head[c], strlen(g->head[c]), false);
	}
	put_str(o, "\r\n");
	for (size_t r = 0; r < g->nrow; r++) {
		for (size_t c = 0, i = r * g->ncol; c < g->ncol; c++, i++) {
			if (c)
				put_char(o, ',');
			csv_field(o, cell(g, i), g->len[i], g->numeric[c]);
		}
		put_str(o, "\r\n");
	}
}

static void write_csv(struct sink *o, const struct parts *p)
{
	put_str(o, "\xef\xbb\xbf");
	csv_line(o, p->title);
	csv_line(o, p->day);
	if (p->scope)
		csv_line(o, p->scope);
	put_str(o, "\r\n");
	csv_grid(o, &p->agencies);
	if (p->shared_note)
		csv_line(o, p->shared_note);
	put_str(o, "\r\n");
	csv_line(o, p->summary);
	put_str(o, "\r\n");
	if (p->no_overdue) {
		csv_line(o, p->overdue.caption);
		csv_line(o, p->no_overdue);
	} else {
		csv_grid(o, &p->overdue);
	}
	if (p->has_followup) {
		put_str(o, "\r\n");
		csv_grid(o, &p->followup);
	}
}

/* --- html ----------------------------------------------------------------- */

static const char *const html_escapes[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

static void html_text(struct sink *o, const char *s) { put_escaped(o, s, strlen(s), html_escapes); }

static void html_grid(struct sink *o, const struct grid *g, const char *cls)
{
	if (g->caption) {
		put_str(o, "<h2>");
		html_text(o, g->caption);
		put_str(o, "</h2>\n");
	}
	put_str(o, "<table class=\"");
	put_str(o, cls);
	put_str(o, "\">\n<thead><tr>");
	for (size_t c = 0; c < g->ncol; c++) {
		put_str(o, g->numeric[c] ? "<th class=\"n\">" : "<th>");
		html_text(o, g->head[c]);
		put_str(o, "</th>");
	}
	put_str(o, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < g->nrow; r++) {
		bool total = g->last_is_total && r + 1 == g->nrow;
		put_str(o, total ? "<tr class=\"total\">" : "<tr>");
		for (size_t c = 0, i = r * g->ncol; c < g->ncol; c++, i++) {
			put_str(o, g->numeric[c] ? "<td class=\"n\">" : "<td>");
			put_escaped(o, cell(g, i), g->len[i], html_escapes);
			put_str(o, "</td>");
		}
		put_str(o, "</tr>\n");
	}
	put_str(o, "</tbody>\n</table>\n");
}

static const char html_style[] =
	"@page { size: A4 portrait; margin: 15mm; }\n"
	"body { font-family: \"Times New Roman\", \"DejaVu Serif\", serif; font-size: 11pt; color: #000;"
	" background: #fff; margin: 0 auto; max-width: 180mm; }\n"
	"h1 { font-size: 14pt; text-align: center; margin: 0 0 4pt; }\n"
	"h2 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }\n"
	"p { margin: 4pt 0; }\n"
	"p.day { text-align: center; font-style: italic; }\n"
	"p.summary { font-weight: bold; margin: 10pt 0; }\n"
	"table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4pt 0; }\n"
	/* break-word, not anywhere: a narrow column keeps its words whole
	 * ("Mục", not "Mụ c"); only a word longer than a line is cut */
	"th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top;"
	" overflow-wrap: break-word; hyphens: none; }\n"
	"svg.bars { display: block; width: 100%; height: auto; margin: 6pt 0; }\n"
	"th { background: #eee; font-weight: bold; }\n"
	"th { text-align: center; }\n"
	"td.n { text-align: right; white-space: nowrap; }\n"
	"tr.total td { font-weight: bold; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"@media print { body { max-width: none; } th { -webkit-print-color-adjust: exact;"
	" print-color-adjust: exact; } }\n";

/* Open tasks of a row: every class not closed. */
static unsigned open_of(const struct report_counts *c)
{
	return c->n[CLASS_OVERDUE] + c->n[CLASS_DUE_TODAY] + c->n[CLASS_DUE_SOON] + c->n[CLASS_NOT_DUE] +
	       c->n[CLASS_NO_DEADLINE];
}

static int by_overdue(const void *pa, const void *pb)
{
	const struct report_row *a = *(const struct report_row *const *)pa, *b = *(const struct report_row *const *)pb;
	if (a->counts.n[CLASS_OVERDUE] != b->counts.n[CLASS_OVERDUE])
		return a->counts.n[CLASS_OVERDUE] > b->counts.n[CLASS_OVERDUE] ? -1 : 1;
	if (open_of(&a->counts) != open_of(&b->counts))
		return open_of(&a->counts) > open_of(&b->counts) ? -1 : 1;
	return strcmp(a->agency, b->agency);
}

/* The picture the meeting's page opens with: per agency, most overdue
 * first, its open tasks as an outlined bar and the overdue ones as a black
 * bar over it: inline SVG, no script, black and white on A4. */
static void html_bars(struct sink *o, const struct report *r, enum lang lang)
{
	const struct report_row **rows = xmalloc((r->n_rows ? r->n_rows : 1) * sizeof *rows);
	size_t n = 0;
	unsigned max = 1;
	for (size_t i = 0; i < r->n_rows; i++)
		if (open_of(&r->rows[i].counts)) {
			rows[n++] = &r->rows[i];
			max = open_of(&r->rows[i].counts) > max ? open_of(&r->rows[i].counts) : max;
		}
	qsort(rows, n, sizeof *rows, by_overdue);
	const int row_h = 16, label_w = 230, bar_w = 330, top = 22;
	char buf[512];
	snprintf(buf, sizeof buf,
		 "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 %zu\" role=\"img\""
		 " font-family=\"Times New Roman, DejaVu Serif, serif\" font-size=\"10\">\n"
		 "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"#000\"/>"
		 "<text x=\"%d\" y=\"13\">%s</text>"
		 "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"#fff\" stroke=\"#000\"/>"
		 "<text x=\"%d\" y=\"13\">%s</text>\n",
		 (size_t)top + n * (size_t)row_h + 4, label_w, label_w + 14, tr(lang, "quá hạn", "overdue"),
		 label_w + 90, label_w + 104, tr(lang, "đang mở", "open"));
	put_str(o, buf);
	for (size_t i = 0; i < n; i++) {
		unsigned open = open_of(&rows[i]->counts), late = rows[i]->counts.n[CLASS_OVERDUE];
		int y = top + (int)i * row_h;
		put_str(o, "<text x=\"");
		snprintf(buf, sizeof buf, "%d\" y=\"%d\" text-anchor=\"end\">", label_w - 6, y + 11);
		put_str(o, buf);
		char *name = text_sanitize_dup(rows[i]->agency, 0); /* as the table's cells are */
		html_text(o, name);
		free(name);
		/* whole units: a decimal comma of the locale would break the SVG */
		unsigned wo = (unsigned)bar_w * open / max, wl = (unsigned)bar_w * late / max;
		snprintf(buf, sizeof buf,
			 "</text><rect x=\"%d\" y=\"%d\" width=\"%u\" height=\"11\" fill=\"#fff\" stroke=\"#000\"/>"
			 "<rect x=\"%d\" y=\"%d\" width=\"%u\" height=\"11\" fill=\"#000\"/>"
			 "<text x=\"%u\" y=\"%d\">%u/%u</text>\n",
			 label_w, y + 2, wo, label_w, y + 2, wl, (unsigned)label_w + wo + 4, y + 11, late, open);
		put_str(o, buf);
	}
	put_str(o, "</svg>\n");
	free(rows);
}

static void write_html(struct sink *o, const struct parts *p, const struct report *r, enum lang lang)
{
	put_str(o, "<!DOCTYPE html>\n<html lang=\"");
	put_str(o, lang == LANG_EN ? "en" : "vi");
	put_str(o, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_text(o, p->title);
	put_str(o, "</title>\n<style>\n");
	put_str(o, html_style);
	put_str(o, "</style>\n</head>\n<body>\n<h1>");
	html_text(o, p->title);
	put_str(o, "</h1>\n<p class=\"day\">");
	html_text(o, p->day);
	put_str(o, "</p>\n");
	if (p->scope) {
		put_str(o, "<p class=\"scope\">");
		html_text(o, p->scope);
		put_str(o, "</p>\n");
	}
	html_bars(o, r, lang);
	html_grid(o, &p->agencies, "agencies");
	if (p->shared_note) {
		put_str(o, "<p class=\"note\">");
		html_text(o, p->shared_note);
		put_str(o, "</p>\n");
	}
	put_str(o, "<p class=\"summary\">");
	html_text(o, p->summary);
	put_str(o, "</p>\n");
	if (p->no_overdue) {
		put_str(o, "<h2>");
		html_text(o, p->overdue.caption);
		put_str(o, "</h2>\n<p class=\"none\">");
		html_text(o, p->no_overdue);
		put_str(o, "</p>\n");
	} else {
		html_grid(o, &p->overdue, "overdue");
	}
	if (p->has_followup)
		html_grid(o, &p->followup, "followup");
	put_str(o, "</body>\n</html>\n");
}

#define REPORT_FILE (VI ? "tệp báo cáo '%s': %s" : "report file '%s': %s")

/* --- entry points ------------------------------------------------------- */

int report_write(FILE *out, const struct report *r, enum report_format fmt, enum lang lang, char *err)
{
	struct parts p;
	struct sink *o = xmalloc(sizeof *o);
	o->f = out;
	o->n = 0;
	parts_init(&p, r, lang);
	switch (fmt) {
	case REPORT_MD: write_md(o, &p); break;
	case REPORT_CSV: write_csv(o, &p); break;
	case REPORT_HTML: write_html(o, &p, r, lang); break;
	default: write_table(o, &p); break;
	}
	sink_flush(o);
	free(o);
	parts_release(&p);
	if (fflush(out) != 0 || ferror(out))
		return err_set(err, VI ? "ghi báo cáo: %s" : "writing the report: %s", err_reason(errno ? errno : EIO));
	return 0;
}

int report_write_file(const char *path, const struct file_output *to, const struct report *r,
		      enum report_format fmt, enum lang lang, char *err)
{
	char *tmp = NULL, sub[ERR_MAX];
	FILE *f = NULL;
	int ret = -1, fd;
	if (to->stream) {
		fd = file_output_stream(to, sub);
	} else {
		mode_t mode = to->mode;
		if (!to->exists) {
			mode_t mask = umask(0);
			umask(mask);
			mode = 0666 & ~mask;
		}
		char *dir = file_parent_dir(to->path);
		file_temp_clean(dir, strrchr(to->path, '/') + 1);
		free(dir);
		fd = file_temp_create(to->path, mode, &tmp);
		snprintf(sub, sizeof sub, "%s", err_reason(errno));
	}
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		err_set(err, REPORT_FILE, path, fd < 0 ? sub : err_reason(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (report_write(f, r, fmt, lang, sub)) {
		err_set(err, REPORT_FILE, path, sub);
		goto out;
	}
	if (fflush(f) != 0 || (!to->stream && fsync(fileno(f)) != 0)) {
		err_set(err, REPORT_FILE, path, err_reason(errno));
		goto out;
	}
	int rc = tmp ? file_replace(tmp, to->path) : 0; /* while still open: locked */
	if (rc != 0) {
		err_set(err, REPORT_FILE, path, err_reason(rc));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rc = fclose(f);
	f = NULL;
	if (rc != 0) {
		err_set(err, REPORT_FILE, path, err_reason(errno));
		goto out;
	}
	ret = 0;
out:
	if (f)
		fclose(f);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return ret;
}

enum report_format report_format_for_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	enum report_format f;
	if (dot && strcmp(dot, ".htm") == 0)
		return REPORT_HTML;
	if (dot && report_format_parse(dot + 1, &f) == 0)
		return f;
	return REPORT_TABLE;
}
