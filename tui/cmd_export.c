/* cmd_export: `hanchot export`, the export options from the configuration,
 * and keeping the configured export_file current. */
#include <getopt.h>
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

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ "agency", required_argument, NULL, 'a' },
		{ "document", required_argument, NULL, 'd' },
		{ "open-only", no_argument, NULL, 'O' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ 0, 0, 0, 0 },
	};
	struct db_export_filter f;
	struct cli_export_options o = { 0 };
	const char *out = NULL, *kind = NULL, *agency = NULL;
	char err[ERR_MAX];
	int c, code = EXIT_OK;

	db_export_filter_init(&f);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'a':
			agency = optarg;
			break;
		case 'd':
			if (cli_parse_id("export", "--document", optarg, &f.document_id))
				return EXIT_USAGE;
			break;
		case 'O':
			f.open_only = true;
			break;
		case 'f':
			if (cli_parse_date("--from", optarg, &f.from))
				return EXIT_USAGE;
			break;
		case 't':
			if (cli_parse_date("--to", optarg, &f.to))
				return EXIT_USAGE;
			break;
		default:
			return cli_usage_error("export", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	if (f.from != DATE_NONE && f.to != DATE_NONE && f.from > f.to) {
		char a[DATE_BUF], b[DATE_BUF];
		return cli_usage_error("export", "--from %s is after --to %s", date_format_iso(f.from, a),
				       date_format_iso(f.to, b));
	}
	if (cli_export_options_init(cli, &o, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (kind && ical_kind_parse(kind, &o.opt.kind, err)) {
		code = cli_usage_error("export", "--kind: %s", err);
		goto out;
	}
	struct db *db = cli_db(cli);
	if (!db) {
		code = EXIT_RUNTIME;
		goto out;
	}
	if (agency) {
		int64_t id = db_agency_find(db, agency, err);
		if (id < 0) {
			code = cli_error(EXIT_RUNTIME, "%s", err);
			goto out;
		}
		if (id == 0) {
			code = cli_usage_error("export", "--agency '%s': no such agency", agency);
			goto out;
		}
		f.agency_id = id;
	}
	if (db_export_filter_check(db, &f, err)) {
		code = cli_usage_error("export", "%s", err);
		goto out;
	}
	int rc;
	struct db_export_stats stats;
	if (!out || strcmp(out, "-") == 0) {
		rc = db_export_write(db, &o.opt, &f, stdout_write, stdout, cli->config.export_file, &stats, err);
		if (rc == 0 && fflush(stdout) != 0)
			rc = err_set(err, "calendar export: write failed on standard output");
	} else {
		rc = cli_export_to(cli, &o.opt, &f, out, &stats, NULL, err);
	}
	if (rc) {
		code = cli_error(EXIT_RUNTIME, "%s", err);
	} else {
		char warning[ERR_MAX];
		cli_export_warning(&stats, warning);
		if (*warning)
			cli_error(EXIT_OK, "warning: %s", warning);
	}
out:
	cli_export_options_release(&o);
	return code;
}
