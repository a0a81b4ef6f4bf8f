/* cmd_report: `hanchot report` — the figures for the next meeting. */
#include <getopt.h>
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

int cli_report_to(struct cli *cli, const char *path, const struct report *r, enum report_format fmt,
		  char **written_to, char *err)
{
	struct file_output to;
	char sub[ERR_MAX];
	int rc;
	if (written_to)
		*written_to = NULL;
	if (file_output_resolve(path, &to, sub) || (cli->db && db_check_output(cli->db, &to, sub)))
		rc = err_set(err, "report file '%s': %s", path, sub);
	else
		rc = report_write_file(path, &to, r, fmt, cli->lang, err);
	if (rc == 0 && written_to) {
		*written_to = to.path;
		to.path = NULL;
	}
	file_output_release(&to);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "agency", required_argument, NULL, 'g' },
		{ "document", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "cooperating", no_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ 0, 0, 0, 0 },
	};
	struct report_filter f = { .as_of = cli->today, .from = DATE_NONE, .to = DATE_NONE };
	enum report_format fmt = REPORT_TABLE;
	bool fmt_given = false;
	const char *agency = NULL, *out_path = NULL;
	char err[ERR_MAX];
	struct report r;
	int c;

	report_init(&r);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (cli_parse_date("--as-of", optarg, &f.as_of))
				return EXIT_USAGE;
			f.historical = true;
			break;
		case 'g':
			agency = optarg;
			break;
		case 'd':
			if (cli_parse_id("report", "--document", optarg, &f.document_id))
				return EXIT_USAGE;
			break;
		case 'f':
			if (cli_parse_date("--from", optarg, &f.from))
				return EXIT_USAGE;
			break;
		case 't':
			if (cli_parse_date("--to", optarg, &f.to))
				return EXIT_USAGE;
			break;
		case 'F':
			if (report_format_parse(optarg, &fmt))
				return cli_usage_error("report", "--format '%s': expected table, md, csv or html", optarg);
			fmt_given = true;
			break;
		case 'c':
			f.cooperating = true;
			break;
		case 'o':
			if (!*optarg)
				return cli_usage_error("report", "--out needs a file name");
			out_path = optarg;
			break;
		default:
			return cli_usage_error("report", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
	if (out_path && !fmt_given) /* as the screen's S: r.html is HTML */
		fmt = report_format_for_path(out_path);
	if (f.from != DATE_NONE && f.to != DATE_NONE && f.from > f.to) {
		char a[DATE_BUF], b[DATE_BUF];
		return cli_usage_error("report", "--from %s is after --to %s", date_format_dmy(f.from, a),
				       date_format_dmy(f.to, b));
	}
	/* The due-soon window starts on the report day. */
	struct cli at = *cli;
	at.today = f.as_of;
	f.warn_until = cli_warn_until(&at);

	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	if (agency) {
		int64_t id = db_agency_find(db, agency, err);
		if (id < 0)
			return cli_error(EXIT_RUNTIME, "report: %s", err);
		if (id == 0)
			return cli_error(EXIT_RUNTIME, "report: agency '%s' is not known", agency);
		f.agency_id = id;
	}
	if (f.document_id) {
		char *label;
		int rc = db_report_document_label(db, f.document_id, &label, err);
		if (rc)
			return cli_error(EXIT_RUNTIME, "report: %s", err);
		free(label);
	}
	int code = EXIT_OK;
	if (db_report_build(db, &f, cli->lang, &r, err)) {
		code = cli_error(EXIT_RUNTIME, "report: %s", err);
		goto out;
	}
	if (out_path ? cli_report_to(cli, out_path, &r, fmt, NULL, err)
		     : report_write(stdout, &r, fmt, cli->lang, err))
		code = cli_error(EXIT_RUNTIME, "report: %s", err);
out:
	report_release(&r);
	return code;
}
