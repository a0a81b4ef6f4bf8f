/* cmd_export: `hanchot export`, the export options from the configuration,
 * and keeping the configured export_file current. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/export.h"
#include "tui/cli.h"

static int stdout_write(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

/* The filter the options ask for (opening the database): EXIT_OK, or the
 * exit status after printing why they do not make one. */
static int read_filter(struct cli *cli, const struct args *a, struct db_export_filter *f)
{
	char err[ERR_MAX];
	db_export_filter_init(f);
	f->document_id = args_id(a, "document", 0);
	f->open_only = args_has(a, "open-only");
	f->from = args_date(a, "from", DATE_NONE);
	f->to = args_date(a, "to", DATE_NONE);
	if (f->from != DATE_NONE && f->to != DATE_NONE && f->from > f->to) {
		char from[DATE_BUF], to[DATE_BUF];
		return cli_usage_error(cli, VI ? "--from %s sau --to %s" : "--from %s is after --to %s",
				       date_format_iso(f->from, from), date_format_iso(f->to, to));
	}
	if (!cli_db(cli))
		return EXIT_RUNTIME;
	const char *agency = args_text(a, "agency", NULL);
	if (agency) {
		int64_t id = db_agency_find(cli->s->db, agency, err);
		if (id <= 0)
			return id < 0 ? cli_error(EXIT_RUNTIME, "%s", err)
				      : cli_usage_error(cli, VI ? "--agency '%s': không có cơ quan này" : "--agency '%s': no such agency", agency);
		f->agency_id = id;
	}
	if (db_export_filter_check(cli->s->db, f, err))
		return cli_usage_error(cli, "%s", err);
	return EXIT_OK;
}

static int export_exec(struct cli *cli, const struct args *a)
{
	struct db_export_filter f;
	struct db_export_stats stats;
	struct session_export_options o;
	const char *out = args_text(a, "out", "-");
	char err[ERR_MAX], warning[ERR_MAX];
	int rc;

	ical_load_begin(); /* while the database opens */
	if (session_export_options_init(cli->s, &o, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	/* the words of the configuration's export_kind */
	if (args_has(a, "kind") && ical_kind_parse(args_text(a, "kind", NULL), &o.opt.kind, err))
		rc = cli_usage_error(cli, "--kind: %s", err);
	else
		rc = read_filter(cli, a, &f);
	if (rc != EXIT_OK) {
		session_export_options_release(&o);
		return rc;
	}
	if (strcmp(out, "-") == 0) {
		rc = session_calendar_seen(cli->s, err) ? -1
		   : db_export_write(cli->s->db, &o.opt, &f, stdout_write, stdout, cli->s->config.export_file, &stats, err);
		if (rc == 0 && fflush(stdout) != 0)
			rc = err_set(err, VI ? "xuất lịch: không ghi được ra đầu ra chuẩn" : "calendar export: write failed on standard output");
	} else {
		rc = session_export_to(cli->s, &o.opt, &f, out, &stats, NULL, err);
	}
	session_export_options_release(&o);
	if (rc)
		return cli_error(EXIT_RUNTIME, "%s", err);
	session_export_warning(&stats, warning);
	if (*warning)
		cli_error(EXIT_OK, VI ? "cảnh báo: %s" : "warning: %s", warning);
	return EXIT_OK;
}

static const struct opt_spec export_opts[] = {
	{ "out", OPT_FILE, NULL, 0 },
	{ "kind", OPT_TEXT, NULL, 0 },
	{ "agency", OPT_TEXT, NULL, 0 },
	{ "document", OPT_ID, NULL, 0 },
	{ "open-only", OPT_FLAG, NULL, 0 },
	{ "from", OPT_DATE, NULL, 0 },
	{ "to", OPT_DATE, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

/* Not CMD_REFRESH: it writes a calendar itself, from the database as it is. */
const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "export [--out FILE|-] [--kind event|todo|both] [--agency NAME] [--document ID] [--open-only] "
		 "[--from DATE] [--to DATE]",
	.args = { export_opts, 0, 0, { NULL, NULL }, { NULL, NULL }, false },
	.flags = CMD_BACKUP,
	.exec = export_exec,
};
