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

/* HANCHOT_DTSTAMP: unix seconds or 20240517T083000Z; 0 / unset: each task's
 * last exported change. */
static int parse_dtstamp(const char *text, int64_t *out, char *err)
{
	*out = 0;
	if (!text || !*text)
		return 0;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*end == '\0' && v >= 0) {
		*out = v;
		return 0;
	}
	struct tm tm = { 0 };
	char z = 0;
	if (sscanf(text, "%4d%2d%2dT%2d%2d%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &z) == 7 && z == 'Z' && strlen(text) == 16) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		*out = (int64_t)timegm(&tm);
		if (*out > 0)
			return 0;
	}
	return err_set(err, "HANCHOT_DTSTAMP '%.40s': expected unix seconds or YYYYMMDDTHHMMSSZ", text);
}

void cli_export_options_release(struct cli_export_options *o)
{
	for (size_t i = 0; i < o->n_alarms; i++)
		free(o->alarms[i]);
	free(o->alarms);
	memset(o, 0, sizeof *o);
}

int cli_export_options_init(struct cli *cli, struct cli_export_options *o, char *err)
{
	const struct config *c = &cli->config;
	const char *where = c->path ? c->path : "defaults";
	char inner[ERR_MAX];
	memset(o, 0, sizeof *o);
	if (ical_kind_parse(c->export_kind, &o->opt.kind, inner))
		return err_set(err, "config '%s': export_kind: %s", where, inner);
	/* alarms: comma-separated durations, blanks around them ignored */
	for (const char *p = c->alarms ? c->alarms : ""; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t n = strcspn(p, ",");
		size_t k = n;
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k) {
			o->alarms = xrealloc(o->alarms, (o->n_alarms + 1) * sizeof *o->alarms);
			o->alarms[o->n_alarms++] = xstrndup(p, k);
		}
		p += n;
	}
	o->opt.alarms = (const char *const *)o->alarms;
	o->opt.n_alarms = o->n_alarms;
	o->opt.calendar_name = c->calendar_name;
	o->opt.lang = cli->lang;
	if (parse_dtstamp(getenv("HANCHOT_DTSTAMP"), &o->opt.dtstamp, err))
		goto fail;
	if (ical_options_check(&o->opt, inner)) {
		err_set(err, "config '%s': alarms: %s", where, inner);
		goto fail;
	}
	return 0;
fail:
	cli_export_options_release(o);
	return -1;
}

void cli_export_warning(const struct db_export_stats *s, char *warning)
{
	warning[0] = '\0';
	if (s->skipped == 1)
		err_set(warning, "1 task not exported: %s", s->skipped_why);
	else if (s->skipped)
		err_set(warning, "%zu tasks not exported, the first: %s", s->skipped, s->skipped_why);
}

int cli_export_refresh(struct cli *cli, bool *written, char *warning, char *err)
{
	struct cli_export_options o;
	struct db_export_stats stats;
	const char *path = cli->config.export_file;
	if (written)
		*written = false;
	warning[0] = '\0';
	if (!path || !*path || !cli->db)
		return 0;
	if (cli_export_options_init(cli, &o, err))
		return -1;
	int rc = db_export_refresh(cli->db, &o.opt, path, written, &stats, err);
	cli_export_options_release(&o);
	if (rc == 0)
		cli_export_warning(&stats, warning);
	return rc;
}

static bool filtered(const struct db_export_filter *f)
{
	return f->agency_id || f->document_id || f->open_only || f->from != DATE_NONE || f->to != DATE_NONE;
}

int cli_export_to(struct cli *cli, const struct ical_options *opt, const struct db_export_filter *f,
		  const char *path, struct db_export_stats *stats, char **written_to, char *err)
{
	struct file_output to, kept;
	char sub[ERR_MAX];
	const char *live = cli->config.export_file;
	if (written_to)
		*written_to = NULL;
	if (file_output_resolve(path, &to, sub)) {
		file_output_release(&to);
		return err_set(err, "export file '%s': %s", path, sub);
	}
	bool replaces_live = false;
	if (filtered(f) && live && *live && !to.stream) {
		replaces_live = file_output_resolve(live, &kept, sub) == 0 && !kept.stream &&
				strcmp(kept.path, to.path) == 0;
		file_output_release(&kept);
	}
	int rc = replaces_live
		 ? err_set(err, "export file '%s' is the calendar kept current (export_file): a filtered "
				"export would replace it with a part of it; choose another file", path)
		 : db_export_file(cli->db, opt, f, path, live, stats, err);
	if (rc == 0 && written_to) {
		*written_to = to.path;
		to.path = NULL;
	}
	file_output_release(&to);
	return rc;
}

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
		return cli_usage_error(cli, "--from %s is after --to %s", date_format_iso(f->from, from),
				       date_format_iso(f->to, to));
	}
	if (!cli_db(cli))
		return EXIT_RUNTIME;
	const char *agency = args_text(a, "agency", NULL);
	if (agency) {
		int64_t id = db_agency_find(cli->db, agency, err);
		if (id <= 0)
			return id < 0 ? cli_error(EXIT_RUNTIME, "%s", err)
				      : cli_usage_error(cli, "--agency '%s': no such agency", agency);
		f->agency_id = id;
	}
	if (db_export_filter_check(cli->db, f, err))
		return cli_usage_error(cli, "%s", err);
	return EXIT_OK;
}

static int export_exec(struct cli *cli, const struct args *a)
{
	struct db_export_filter f;
	struct db_export_stats stats;
	struct cli_export_options o;
	const char *out = args_text(a, "out", "-");
	char err[ERR_MAX], warning[ERR_MAX];
	int rc;

	if (cli_export_options_init(cli, &o, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	/* the words of the configuration's export_kind */
	if (args_has(a, "kind") && ical_kind_parse(args_text(a, "kind", NULL), &o.opt.kind, err))
		rc = cli_usage_error(cli, "--kind: %s", err);
	else
		rc = read_filter(cli, a, &f);
	if (rc != EXIT_OK) {
		cli_export_options_release(&o);
		return rc;
	}
	if (strcmp(out, "-") == 0) {
		rc = db_export_write(cli->db, &o.opt, &f, stdout_write, stdout, cli->config.export_file, &stats, err);
		if (rc == 0 && fflush(stdout) != 0)
			rc = err_set(err, "calendar export: write failed on standard output");
	} else {
		rc = cli_export_to(cli, &o.opt, &f, out, &stats, NULL, err);
	}
	cli_export_options_release(&o);
	if (rc)
		return cli_error(EXIT_RUNTIME, "%s", err);
	cli_export_warning(&stats, warning);
	if (*warning)
		cli_error(EXIT_OK, "warning: %s", warning);
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
	.args = { export_opts, 0, 0, NULL, NULL, false },
	.flags = CMD_BACKUP,
	.exec = export_exec,
};
