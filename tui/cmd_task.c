/* cmd_task: add and list — entering tasks and seeing them. */
#include <getopt.h>
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

int cmd_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lead", required_argument, NULL, 'l' },
		{ "cooperating", required_argument, NULL, 'c' },
		{ "due", required_argument, NULL, 'd' },
		{ "section", required_argument, NULL, 's' },
		{ 0, 0, 0, 0 },
	};
	struct task t;
	char err[ERR_MAX];
	int c, code = EXIT_OK;

	task_init(&t);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			task_add_lead(&t, optarg);
			break;
		case 'c':
			task_add_cooperating(&t, optarg);
			break;
		case 'd':
			if (cli_parse_date("--due", optarg, &t.due)) {
				code = EXIT_USAGE;
				goto out;
			}
			t.precision = PRECISION_DAY;
			task_set_str(&t.due_phrase, optarg);
			break;
		case 's':
			task_set_str(&t.section, optarg);
			break;
		default:
			code = cli_usage_error("add", "unknown option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (optind != argc - 1) {
		code = cli_usage_error("add", optind >= argc ? "missing SUMMARY" : "give SUMMARY as one argument (quote it)");
		goto out;
	}
	if (t.n_leads == 0) {
		code = cli_usage_error("add", "missing --lead AGENCY");
		goto out;
	}
	task_set_str(&t.summary, argv[optind]);
	task_set_str(&t.full_text, argv[optind]);
	struct db *db = cli_db(cli);
	if (!db) {
		code = EXIT_RUNTIME;
		goto out;
	}
	if (db_task_add(db, &t, err)) {
		code = cli_error(EXIT_RUNTIME, "%s", err);
		goto out;
	}
	printf("%lld\n", (long long)t.id);
out:
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
	enum task_class cls = status_classify(t->status, t->due, t->completed, cli->today, o->warn);
	if (o->n++ == 0 && !o->tsv)
		print_table_header(cli->lang);
	cd[0] = '\0';
	if (status_is_open(t->status))
		cli_countdown(cli, t->due, cli->today, cd);
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
		pad(stdout, class_label(cls, cli->lang), 20);
		putchar(' ');
		pad(stdout, t->leads, 24);
		putchar(' ');
		cli_put(stdout, t->summary);
		putchar('\n');
	}
	return 0;
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "open", no_argument, NULL, 'o' },
		{ 0, 0, 0, 0 },
	};
	struct list_out out = { .cli = cli };
	bool open_only = false;
	char err[ERR_MAX];
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f' && (strcmp(optarg, "table") == 0 || strcmp(optarg, "tsv") == 0))
			out.tsv = strcmp(optarg, "tsv") == 0;
		else if (c == 'f')
			return cli_usage_error("list", "--format '%s': expected table or tsv", optarg);
		else if (c == 'o')
			open_only = true;
		else
			return cli_usage_error("list", "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("list", "unexpected argument '%s'", argv[optind]);
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	out.warn = cli_warn_until(cli);
	if (out.tsv)
		puts("id\tsection\tstatus\tclass\tdue\tcountdown\tlead\tcooperating\tsummary");
	if (db_task_list_brief(db, open_only, print_row, &out, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (out.n == 0 && !out.tsv)
		puts(cli->lang == LANG_EN ? "No tasks." : "Chưa có việc nào.");
	return EXIT_OK;
}
