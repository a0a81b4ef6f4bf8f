/* cmd_task: add and list — entering tasks and seeing them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/task.h"
#include "tui/cli.h"

/* s as cli_put prints it (cleaned to one line) appended to line, then
 * spaces up to width display columns (0: none). The list is built a line at
 * a time and written with one fwrite: at thousands of rows, a stdio call per
 * cell and per padding space was most of printing it. */
static void add_cell(struct strbuf *line, const char *s, int width, bool cut)
{
	size_t len = strlen(s), start = line->len;
	if (text_needs_sanitize(s, len)) {
		strbuf_grow(line, len);
		line->len += text_sanitize(line->p + line->len, s, len, 0);
	} else {
		strbuf_addn(line, s, len);
	}
	int n = width ? (int)text_width(line->p + start, line->len - start) : 0;
	if (cut && n > width) { /* a long name is cut ("…"): the columns after it stay aligned */
		char *cell = xstrndup(line->p + start, line->len - start);
		strbuf_grow(line, (size_t)width * 4 + 4);
		line->len = start + text_truncate(line->p + start, (size_t)width * 4 + 4, cell, strlen(cell),
						  (size_t)width);
		free(cell);
		n = (int)text_width(line->p + start, line->len - start);
	}
	if (n < width) {
		strbuf_grow(line, (size_t)(width - n));
		memset(line->p + line->len, ' ', (size_t)(width - n));
		line->len += (size_t)(width - n);
		line->p[line->len] = '\0';
	}
}

/* The table's columns: id, section, due, countdown, class, lead, summary. */
#define COLUMNS 7
static const int column_width[COLUMNS] = { 5, 12, 10, 16, 20, 24, 0 };
static const bool column_cut[COLUMNS] = { false, false, false, false, false, true, false }; /* the lead */

static void print_table_header(struct strbuf *line, enum lang lang)
{
	bool en = lang == LANG_EN;
	const char *heads[] = { "ID", en ? "SECTION" : "MỤC", en ? "DUE" : "HẠN", en ? "COUNTDOWN" : "CÒN LẠI",
				en ? "CLASS" : "TÌNH TRẠNG", en ? "LEAD" : "CHỦ TRÌ", en ? "SUMMARY" : "NỘI DUNG" };
	strbuf_truncate(line, 0);
	for (size_t i = 0; i < COLUMNS; i++) {
		add_cell(line, heads[i], column_width[i], false);
		strbuf_addch(line, i + 1 < COLUMNS ? ' ' : '\n');
	}
	fwrite(line->p, 1, line->len, stdout);
}

static int add_exec(struct cli *cli, const struct args *a)
{
	struct task t;
	char err[ERR_MAX];
	int code = EXIT_OK;

	if (args_count(a, "lead") == 0)
		return cli_usage_error(cli, VI ? "thiếu --lead CƠ_QUAN" : "missing --lead AGENCY");
	task_init(&t);
	for (size_t i = 0; i < args_count(a, "lead"); i++)
		task_add_lead(&t, args_nth(a, "lead", i));
	for (size_t i = 0; i < args_count(a, "cooperating"); i++)
		task_add_cooperating(&t, args_nth(a, "cooperating", i));
	if (args_has(a, "due")) {
		t.due = args_date(a, "due", DATE_NONE);
		t.precision = PRECISION_DAY;
		task_set_str(&t.due_phrase, args_text(a, "due", NULL));
	}
	task_set_str(&t.section, args_text(a, "section", NULL));
	task_set_str(&t.summary, a->operands[0]);
	task_set_str(&t.full_text, a->operands[0]);
	struct db *db = cli_db(cli);
	if (!db)
		code = EXIT_RUNTIME;
	else if (db_task_add(db, &t, err))
		code = cli_error(EXIT_RUNTIME, "%s", err);
	else
		printf("%lld\n", (long long)t.id);
	task_release(&t);
	return code;
}

struct list_out {
	struct cli *cli;
	bool tsv;
	civil_day warn;
	size_t n;
	struct strbuf line; /* the row being built */
};

static int print_row(const struct task_brief *t, void *ctx)
{
	struct list_out *o = ctx;
	struct session *s = o->cli->s;
	struct strbuf *line = &o->line;
	char id[24], due[DATE_BUF], cd[COUNTDOWN_BUF];
	enum task_class cls = status_classify(t->status, t->due, t->completed, s->today, o->warn);
	if (o->n++ == 0 && !o->tsv)
		print_table_header(line, s->lang);
	cd[0] = '\0';
	if (status_is_open(t->status))
		session_countdown(s, t->due, s->today, cd);
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	strbuf_truncate(line, 0);
	if (o->tsv) {
		const char *cells[] = { id, t->section, status_name(t->status), class_key(cls), date_format_iso(t->due, due),
					cd, t->leads, t->cooperating, t->summary };
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			add_cell(line, cells[i], 0, false);
			strbuf_addch(line, i + 1 < sizeof cells / sizeof cells[0] ? '\t' : '\n');
		}
	} else {
		const char *cells[COLUMNS] = { id, t->section, date_format_dmy(t->due, due), cd,
					       class_label(cls, s->lang), t->leads, t->summary };
		for (size_t i = 0; i < COLUMNS; i++) {
			add_cell(line, cells[i], column_width[i], column_cut[i]);
			strbuf_addch(line, i + 1 < COLUMNS ? ' ' : '\n');
		}
	}
	fwrite(line->p, 1, line->len, stdout);
	return 0;
}

static int list_exec(struct cli *cli, const struct args *a)
{
	struct list_out out = { .cli = cli, .tsv = args_choice(a, "format", 0) == 1 };
	char err[ERR_MAX];
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	out.warn = session_warn_until(cli->s, cli->s->today);
	if (out.tsv)
		puts("id\tsection\tstatus\tclass\tdue\tcountdown\tlead\tcooperating\tsummary");
	int rc = db_task_list_brief(db, args_has(a, "open"), print_row, &out, err);
	strbuf_release(&out.line);
	if (rc)
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (out.n == 0 && !out.tsv)
		puts(cli->s->lang == LANG_EN ? "No tasks." : "Chưa có việc nào.");
	return EXIT_OK;
}

static const struct opt_spec add_opts[] = {
	{ "lead", OPT_TEXT, NULL, OPT_MANY },
	{ "cooperating", OPT_TEXT, NULL, OPT_MANY },
	{ "due", OPT_DATE, NULL, 0 },
	{ "section", OPT_TEXT, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.usage = "add --lead AGENCY [--cooperating AGENCY]... [--due DATE] [--section S] SUMMARY",
	.args = { add_opts, 1, 1, { "thiếu nội dung việc", "missing SUMMARY" },
		  { "nội dung việc phải là một tham số (đặt trong ngoặc kép)", "give SUMMARY as one argument (quote it)" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = add_exec,
};

static const struct opt_spec list_opts[] = {
	{ "format", OPT_CHOICE, "table|tsv", 0 },
	{ "open", OPT_FLAG, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "list [--format table|tsv] [--open]",
	.args = { list_opts, 0, 0, { NULL, NULL }, { NULL, NULL }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = list_exec,
};
