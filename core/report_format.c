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

const char *report_format_name(enum report_format fmt)
{
	return (unsigned)fmt < REPORT_FORMAT_COUNT ? format_names[fmt] : "?";
}

/* The class columns, in DESIGN.md's order. */
static const enum task_class column_classes[CLASS_COUNT] = {
	CLASS_NOT_DUE, CLASS_DUE_SOON, CLASS_DUE_TODAY, CLASS_OVERDUE, CLASS_NO_DEADLINE,
	CLASS_DONE_ON_TIME, CLASS_DONE_LATE, CLASS_CANCELLED,
};

/* --- a grid of text cells: what every format draws ---------------------- */

struct grid {
	const char *caption; /* may be NULL */
	size_t ncol, nrow;   /* nrow excludes the header */
	char **head;         /* ncol */
	char **cells;        /* nrow * ncol, owned */
	bool *numeric;       /* ncol: right-aligned */
	bool last_is_total;
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
	for (size_t i = 0; i < g->ncol; i++)
		free(g->head[i]);
	for (size_t i = 0; i < g->nrow * g->ncol; i++)
		free(g->cells[i]);
	free(g->head);
	free(g->cells);
	free(g->numeric);
}

/* Cleans control characters (C0, DEL, C1) into spaces; newly allocated. */
static char *clean(const char *s)
{
	size_t n = strlen(s);
	char *o = xmalloc(n + 1), *p = o;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			*p++ = ' ';
		} else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9f) {
			*p++ = ' ';
			i++;
		} else {
			*p++ = (char)c;
		}
	}
	*p = '\0';
	return o;
}

static void grid_head(struct grid *g, size_t col, const char *text, bool numeric)
{
	g->head[col] = xstrdup(text);
	g->numeric[col] = numeric;
}

/* Adds a row; the caller then fills it with grid_set. */
static char **grid_row(struct grid *g)
{
	g->cells = xrealloc(g->cells, (g->nrow + 1) * g->ncol * sizeof *g->cells);
	char **row = g->cells + g->nrow * g->ncol;
	for (size_t i = 0; i < g->ncol; i++)
		row[i] = NULL;
	g->nrow++;
	return row;
}

static const char *cell(const struct grid *g, size_t r, size_t c)
{
	const char *s = g->cells[r * g->ncol + c];
	return s ? s : "";
}

/* --- the report's grids --------------------------------------------------- */

static const char *tr(enum lang lang, const char *vi, const char *en) { return lang == LANG_EN ? en : vi; }

static void counts_row(struct grid *g, const char *name, const struct report_counts *c, enum lang lang)
{
	char **row = grid_row(g), share[16];
	row[0] = clean(name);
	row[1] = xasprintf("%u", c->total);
	for (size_t k = 0; k < CLASS_COUNT; k++)
		row[2 + k] = xasprintf("%u", c->n[column_classes[k]]);
	row[2 + CLASS_COUNT] = xstrdup(report_format_share(c, lang, share));
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

static void overdue_grid(struct grid *g, const struct report *r, enum lang lang, const char *caption)
{
	char due[DATE_BUF];
	grid_init(g, caption, 6);
	grid_head(g, 0, "ID", true);
	grid_head(g, 1, tr(lang, "Mục", "Section"), false);
	grid_head(g, 2, tr(lang, "Nội dung", "Task"), false);
	grid_head(g, 3, tr(lang, "Chủ trì", "Lead"), false);
	grid_head(g, 4, tr(lang, "Hạn", "Due"), false);
	grid_head(g, 5, tr(lang, "Số ngày quá hạn", "Days overdue"), true);
	for (size_t i = 0; i < r->n_overdue; i++) {
		const struct report_line *l = &r->overdue[i];
		char **row = grid_row(g);
		row[0] = xasprintf("%lld", (long long)l->task_id);
		row[1] = clean(l->section);
		row[2] = clean(l->summary);
		row[3] = clean(l->leads);
		row[4] = xstrdup(date_format_dmy(l->due, due));
		row[5] = xasprintf("%d", l->days_late);
	}
}

static void followup_grid(struct grid *g, const struct report *r, enum lang lang, const char *caption)
{
	char due[DATE_BUF], done[DATE_BUF], cd[COUNTDOWN_BUF];
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
		char **row = grid_row(g);
		row[0] = xasprintf("%lld", (long long)l->task_id);
		row[1] = clean(l->section);
		row[2] = clean(l->summary);
		row[3] = clean(l->leads);
		row[4] = xstrdup(date_format_dmy(l->due, due));
		row[5] = xstrdup(status_label(l->status, lang));
		row[6] = xstrdup(class_label(l->cls, lang));
		if (l->status == STATUS_DONE && l->completed != DATE_NONE)
			row[7] = xasprintf(tr(lang, "xong ngày %s", "done %s"), date_format_dmy(l->completed, done));
		else if (status_is_open(l->status))
			row[7] = xstrdup(countdown_format(l->due, r->as_of, lang, cd));
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
		char *s = clean(r->scope);
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

/* Display columns of UTF-8 text: one per character, none for combining
 * marks U+0300–U+036F (what Vietnamese needs). */
static void put_padded(FILE *out, const char *s, size_t w, bool right, bool last)
{
	size_t n = text_width(s, strlen(s));
	if (right)
		for (; n < w; n++)
			fputc(' ', out);
	fputs(s, out);
	if (!right && !last)
		for (; n < w; n++)
			fputc(' ', out);
}

static void table_rule(FILE *out, size_t total)
{
	for (size_t k = 0; k < total; k++)
		fputs("─", out);
	fputc('\n', out);
}

static void table_cells(FILE *out, const struct grid *g, char *const *cells, const size_t *w)
{
	size_t n = g->ncol; /* no trailing blanks: stop at the last non-empty cell */
	while (n > 1 && (!cells[n - 1] || !*cells[n - 1]))
		n--;
	for (size_t c = 0; c < n; c++) {
		if (c)
			fputs("  ", out);
		put_padded(out, cells[c] ? cells[c] : "", w[c], g->numeric[c], c + 1 == n);
	}
	fputc('\n', out);
}

static void table_grid(FILE *out, const struct grid *g)
{
	size_t *w = xcalloc(g->ncol, sizeof *w), total = 0;
	if (g->caption)
		fprintf(out, "%s\n", g->caption);
	for (size_t c = 0; c < g->ncol; c++) {
		w[c] = text_width(g->head[c], strlen(g->head[c]));
		for (size_t r = 0; r < g->nrow; r++) {
			const char *text = cell(g, r, c);
			size_t n = text_width(text, strlen(text));
			if (n > w[c])
				w[c] = n;
		}
		total += w[c] + (c ? 2 : 0);
	}
	table_cells(out, g, g->head, w);
	table_rule(out, total);
	for (size_t r = 0; r < g->nrow; r++) {
		if (g->last_is_total && r > 0 && r + 1 == g->nrow)
			table_rule(out, total);
		table_cells(out, g, g->cells + r * g->ncol, w);
	}
	free(w);
}

static void write_table(FILE *out, const struct parts *p)
{
	fprintf(out, "%s\n%s\n", p->title, p->day);
	if (p->scope)
		fprintf(out, "%s\n", p->scope);
	fputc('\n', out);
	table_grid(out, &p->agencies);
	if (p->shared_note)
		fprintf(out, "(%s)\n", p->shared_note);
	fprintf(out, "\n%s\n\n", p->summary);
	if (p->no_overdue)
		fprintf(out, "%s\n", p->no_overdue);
	else
		table_grid(out, &p->overdue);
	if (p->has_followup) {
		fputc('\n', out);
		table_grid(out, &p->followup);
	}
}

/* --- markdown ------------------------------------------------------------- */

static void md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]|<>#", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void md_grid(FILE *out, const struct grid *g)
{
	if (g->caption) {
		fputs("## ", out);
		md_text(out, g->caption);
		fputs("\n\n", out);
	}
	fputc('|', out);
	for (size_t c = 0; c < g->ncol; c++) {
		fputc(' ', out);
		md_text(out, g->head[c]);
		fputs(" |", out);
	}
	fputs("\n|", out);
	for (size_t c = 0; c < g->ncol; c++)
		fputs(g->numeric[c] ? " ---: |" : " --- |", out);
	fputc('\n', out);
	for (size_t r = 0; r < g->nrow; r++) {
		bool bold = g->last_is_total && r + 1 == g->nrow;
		fputc('|', out);
		for (size_t c = 0; c < g->ncol; c++) {
			fputs(bold ? " **" : " ", out);
			md_text(out, cell(g, r, c));
			fputs(bold ? "** |" : " |", out);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void write_md(FILE *out, const struct parts *p)
{
	fputs("# ", out);
	md_text(out, p->title);
	fputs("\n\n", out);
	md_text(out, p->day);
	fputs("\n\n", out);
	if (p->scope) {
		md_text(out, p->scope);
		fputs("\n\n", out);
	}
	md_grid(out, &p->agencies);
	if (p->shared_note) {
		fputc('_', out);
		md_text(out, p->shared_note);
		fputs("_\n\n", out);
	}
	fputs("**", out);
	md_text(out, p->summary);
	fputs("**\n\n", out);
	if (p->no_overdue) {
		fputs("## ", out);
		md_text(out, p->overdue.caption);
		fputs("\n\n", out);
		md_text(out, p->no_overdue);
		fputs("\n\n", out);
	} else {
		md_grid(out, &p->overdue);
	}
	if (p->has_followup)
		md_grid(out, &p->followup);
}

/* --- csv ------------------------------------------------------------------ */

static void csv_field(FILE *out, const char *s, bool numeric)
{
	size_t n = strlen(s);
	bool formula = !numeric && n > 0 && strchr("=+-@", s[0]);
	bool quote = formula || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')) || strpbrk(s, ",\"\r\n");
	if (quote)
		fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	if (quote)
		fputc('"', out);
}

static void csv_line(FILE *out, const char *s)
{
	csv_field(out, s, false);
	fputs("\r\n", out);
}

static void csv_grid(FILE *out, const struct grid *g)
{
	if (g->caption)
		csv_line(out, g->caption);
	for (size_t c = 0; c < g->ncol; c++) {
		if (c)
			fputc(',', out);
		csv_field(out, g->head[c], false);
	}
	fputs("\r\n", out);
	for (size_t r = 0; r < g->nrow; r++) {
		for (size_t c = 0; c < g->ncol; c++) {
			if (c)
				fputc(',', out);
			csv_field(out, cell(g, r, c), g->numeric[c]);
		}
		fputs("\r\n", out);
	}
}

static void write_csv(FILE *out, const struct parts *p)
{
	fputs("\xef\xbb\xbf", out);
	csv_line(out, p->title);
	csv_line(out, p->day);
	if (p->scope)
		csv_line(out, p->scope);
	fputs("\r\n", out);
	csv_grid(out, &p->agencies);
	if (p->shared_note)
		csv_line(out, p->shared_note);
	fputs("\r\n", out);
	csv_line(out, p->summary);
	fputs("\r\n", out);
	if (p->no_overdue) {
		csv_line(out, p->overdue.caption);
		csv_line(out, p->no_overdue);
	} else {
		csv_grid(out, &p->overdue);
	}
	if (p->has_followup) {
		fputs("\r\n", out);
		csv_grid(out, &p->followup);
	}
}

/* --- html ----------------------------------------------------------------- */

static void html_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

static void html_grid(FILE *out, const struct grid *g, const char *cls)
{
	if (g->caption) {
		fputs("<h2>", out);
		html_text(out, g->caption);
		fputs("</h2>\n", out);
	}
	fprintf(out, "<table class=\"%s\">\n<thead><tr>", cls);
	for (size_t c = 0; c < g->ncol; c++) {
		fputs(g->numeric[c] ? "<th class=\"n\">" : "<th>", out);
		html_text(out, g->head[c]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < g->nrow; r++) {
		bool total = g->last_is_total && r + 1 == g->nrow;
		fputs(total ? "<tr class=\"total\">" : "<tr>", out);
		for (size_t c = 0; c < g->ncol; c++) {
			fputs(g->numeric[c] ? "<td class=\"n\">" : "<td>", out);
			html_text(out, cell(g, r, c));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
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
	"th, td { border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top;"
	" overflow-wrap: anywhere; }\n"
	"th { background: #eee; font-weight: bold; }\n"
	"th { text-align: center; }\n"
	"td.n { text-align: right; white-space: nowrap; }\n"
	"tr.total td { font-weight: bold; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"@media print { body { max-width: none; } th { -webkit-print-color-adjust: exact;"
	" print-color-adjust: exact; } }\n";

static void write_html(FILE *out, const struct parts *p, enum lang lang)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		lang == LANG_EN ? "en" : "vi");
	html_text(out, p->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	html_text(out, p->title);
	fputs("</h1>\n<p class=\"day\">", out);
	html_text(out, p->day);
	fputs("</p>\n", out);
	if (p->scope) {
		fputs("<p class=\"scope\">", out);
		html_text(out, p->scope);
		fputs("</p>\n", out);
	}
	html_grid(out, &p->agencies, "agencies");
	if (p->shared_note) {
		fputs("<p class=\"note\">", out);
		html_text(out, p->shared_note);
		fputs("</p>\n", out);
	}
	fputs("<p class=\"summary\">", out);
	html_text(out, p->summary);
	fputs("</p>\n", out);
	if (p->no_overdue) {
		fputs("<h2>", out);
		html_text(out, p->overdue.caption);
		fputs("</h2>\n<p class=\"none\">", out);
		html_text(out, p->no_overdue);
		fputs("</p>\n", out);
	} else {
		html_grid(out, &p->overdue, "overdue");
	}
	if (p->has_followup)
		html_grid(out, &p->followup, "followup");
	fputs("</body>\n</html>\n", out);
}

/* --- entry points ------------------------------------------------------- */

int report_write(FILE *out, const struct report *r, enum report_format fmt, enum lang lang, char *err)
{
	struct parts p;
	parts_init(&p, r, lang);
	switch (fmt) {
	case REPORT_MD: write_md(out, &p); break;
	case REPORT_CSV: write_csv(out, &p); break;
	case REPORT_HTML: write_html(out, &p, lang); break;
	default: write_table(out, &p); break;
	}
	parts_release(&p);
	if (fflush(out) != 0 || ferror(out))
		return err_set(err, "writing the report: %s", strerror(errno ? errno : EIO));
	return 0;
}

int report_write_file(const char *path, const struct report *r, enum report_format fmt,
		      enum lang lang, char *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	char sub[ERR_MAX];
	FILE *f = NULL;
	int ret = -1, fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(err, "report file '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
		err_set(err, "report file '%s': %s", path, strerror(errno));
		close(fd);
		goto out;
	}
	if (report_write(f, r, fmt, lang, sub)) {
		err_set(err, "report file '%s': %s", path, sub);
		goto out;
	}
	if (fsync(fileno(f)) != 0) {
		err_set(err, "report file '%s': %s", path, strerror(errno));
		goto out;
	}
	int rc = fclose(f);
	f = NULL;
	if (rc != 0) {
		err_set(err, "report file '%s': %s", path, strerror(errno));
		goto out;
	}
	if ((rc = file_replace(tmp, path)) != 0) {
		err_set(err, "report file '%s': %s", path, strerror(rc));
		goto out;
	}
	ret = 0;
out:
	if (f)
		fclose(f);
	if (ret)
		unlink(tmp);
	free(tmp);
	return ret;
}
