/* cmd_task: add and list — entering tasks and seeing them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/task.h"
#include "tui/cli.h"

/* A column of the table: s as cli_put prints it, padded to width columns. */
static void pad(FILE *out, const char *s, int width)
{
	size_t len = strlen(s);
	char *clean = NULL;
	if (text_needs_sanitize(s, len)) {
		clean = text_sanitize_dup(s, 0);
		s = clean;
		len = strlen(s);
	}
	fwrite(s, 1, len, out);
	for (int n = (int)text_width(s, len); n < width; n++)
		fputc(' ', out);
	free(clean);
}

static void print_table_header(enum lang lang)
{
	bool en = lang == LANG_EN;
	printf("%-5s ", "ID");
	pad(stdout, en ? "SECTION" : "MỤC", 12);
	putchar(' ');
	pad(stdout, en ? "DUE" : "HẠN", 10);
	putchar(' ');
	pad(stdout, en ? "COUNTDOWN" : "CÒN LẠI", 16);
	putchar(' ');
	pad(stdout, en ? "CLASS" : "TÌNH TRẠNG", 20);
	putchar(' ');
	pad(stdout, en ? "LEAD" : "CHỦ TRÌ", 24);
	printf(" %s\n", en ? "SUMMARY" : "NỘI DUNG");
}

static int add_exec(struct cli *cli, const struct args *a)
{
	struct task t;
	char err[ERR_MAX];
	int code = EXIT_OK;

	if (args_count(a, "lead") == 0)
		return cli_usage_error(cli, "missing --lead AGENCY");
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
};

static int print_row(const struct task_brief *t, void *ctx)
{
	struct list_out *o = ctx;
	struct cli *cli = o->cli;
	char due[DATE_BUF], cd[COUNTDOWN_BUF];
	enum task_class cls = status_classify(t->status, t->due, t->completed, cli->s->today, o->warn);
	if (o->n++ == 0 && !o->tsv)
		print_table_header(cli->s->lang);
	cd[0] = '\0';
	if (status_is_open(t->status))
		session_countdown(cli->s, t->due, cli->s->today, cd);
	if (o->tsv) {
		printf("%lld\t", (long long)t->id);
		cli_put(stdout, t->section);
		printf("\t%s\t%s\t%s\t%s\t", status_name(t->status), class_key(cls), date_format_iso(t->due, due), cd);
		cli_put(stdout, t->leads);
		putchar('\t');
		cli_put(stdout, t->cooperating);
		putchar('\t');
		cli_put(stdout, t->summary);
		putchar('\n');
	} else {
		printf("%-5lld ", (long long)t->id);
		pad(stdout, t->section, 12);
		putchar(' ');
		pad(stdout, date_format_dmy(t->due, due), 10);
		putchar(' ');
		pad(stdout, cd, 16);
		putchar(' ');
		pad(stdout, class_label(cls, cli->s->lang), 20);
		putchar(' ');
		pad(stdout, t->leads, 24);
		putchar(' ');
		cli_put(stdout, t->summary);
		putchar('\n');
	}
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
	if (db_task_list_brief(db, args_has(a, "open"), print_row, &out, err))
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
	.args = { add_opts, 1, 1, "missing SUMMARY", "give SUMMARY as one argument (quote it)", false },
	.flags = CMD_BACKUP | CMD_REFRESH,
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
	.args = { list_opts, 0, 0, NULL, NULL, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = list_exec,
};
