/* cmd_report: `hanchot report` — the figures for the next meeting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/report.h"
#include "core/report_format.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/report.h"
#include "db/task.h"
#include "tui/cli.h"

/* The filter the options ask for (opening the database): EXIT_OK, or the
 * exit status after printing why they do not make one. */
static int read_filter(struct cli *cli, const struct args *a, struct report_filter *f)
{
	char err[ERR_MAX];
	*f = (struct report_filter){ .as_of = args_date(a, "as-of", cli->s->today), .historical = args_has(a, "as-of"),
				     .document_id = args_id(a, "document", 0), .from = args_date(a, "from", DATE_NONE),
				     .to = args_date(a, "to", DATE_NONE), .cooperating = args_has(a, "cooperating") };
	if (f->from != DATE_NONE && f->to != DATE_NONE && f->from > f->to) {
		char from[DATE_BUF], to[DATE_BUF];
		return cli_usage_error(cli, VI ? "--from %s sau --to %s" : "--from %s is after --to %s",
				       date_format_dmy(f->from, from), date_format_dmy(f->to, to));
	}
	f->warn_until = session_warn_until(cli->s, f->as_of); /* the due-soon window starts on the report day */
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	const char *agency = args_text(a, "agency", NULL);
	if (agency) {
		int64_t id = db_agency_find(db, agency, err);
		if (id < 0)
			return cli_error(EXIT_RUNTIME, "report: %s", err);
		if (id == 0)
			return cli_error(EXIT_RUNTIME, VI ? "report: không có cơ quan '%s'" : "report: agency '%s' is not known",
					 agency);
		f->agency_id = id;
	}
	char *label;
	if (f->document_id && db_report_document_label(db, f->document_id, &label, err))
		return cli_error(EXIT_RUNTIME, "report: %s", err);
	if (f->document_id)
		free(label);
	return EXIT_OK;
}

static int report_exec(struct cli *cli, const struct args *a)
{
	struct report_filter f;
	struct report r;
	const char *out_path = args_text(a, "out", NULL);
	enum report_format fmt = REPORT_TABLE;
	char err[ERR_MAX];
	int code = read_filter(cli, a, &f);

	if (code != EXIT_OK)
		return code;
	if (args_has(a, "format")) /* one of its choices: cannot fail */
		report_format_parse(args_text(a, "format", NULL), &fmt);
	else if (out_path) /* as the screen's S: r.html is HTML */
		fmt = report_format_for_path(out_path);
	report_init(&r);
	if (db_report_build(cli->s->db, &f, cli->s->lang, &r, err) ||
	    (out_path ? session_report_to(cli->s, out_path, &r, fmt, NULL, err)
		      : report_write(stdout, &r, fmt, cli->s->lang, err)))
		code = cli_error(EXIT_RUNTIME, "report: %s", err);
	report_release(&r);
	return code;
}

static const struct opt_spec report_opts[] = {
	{ "as-of", OPT_DATE, NULL, 0 },
	{ "agency", OPT_TEXT, NULL, 0 },
	{ "document", OPT_ID, NULL, 0 },
	{ "from", OPT_DATE, NULL, 0 },
	{ "to", OPT_DATE, NULL, 0 },
	{ "cooperating", OPT_FLAG, NULL, 0 },
	{ "format", OPT_CHOICE, "table|md|csv|html", 0 },
	{ "out", OPT_FILE, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "report [--as-of DATE] [--agency NAME] [--document ID] [--from DATE] [--to DATE] [--cooperating] "
		 "[--format table|md|csv|html] [--out FILE]",
	.args = { report_opts, 0, 0, { NULL, NULL }, { NULL, NULL }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = report_exec,
};
