#include "tui/cli.h"

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/countdown.h"
#include "core/err.h"
#include "core/text.h"
#include "core/workday.h"
#include "core/xalloc.h"
#include "tui/app.h"
#include "tui/paths.h"

static const struct cli_command commands[] = {
	{ "add", cmd_add, "add --lead AGENCY [--cooperating AGENCY]... [--due DATE] [--section S] SUMMARY" },
	{ "list", cmd_list, "list [--format table|tsv] [--open]" },
	{ "done", cmd_done, "done ID [--date DATE]" },
	{ "reopen", cmd_reopen, "reopen ID" },
	{ "import", cmd_import, "import FILE [--dry-run] [--update] [--format table|tsv] [--text]" },
	{ "holidays", cmd_holidays, "holidays YEAR" },
	{ "agencies", cmd_agencies, "agencies [--format table|tsv] | agencies apply-successors [--dry-run] [--date DATE]" },
	{ "status", cmd_status, "status ID new|in_progress|reported|done|paused|cancelled [--date DATE]" },
	{ "cancel", cmd_cancel, "cancel ID" },
	{ "extend", cmd_extend, "extend ID --to DATE --reason TEXT" },
	{ "report", cmd_report, "report [--as-of DATE] [--agency NAME] [--document ID] [--from DATE] [--to DATE] [--cooperating] [--format table|md|csv|html] [--out FILE]" },
	{ "backup", cmd_backup, "backup [FILE]" },
	{ "restore", cmd_restore, "restore FILE" },
	{ "export", cmd_export, "export [--out FILE|-] [--kind event|todo|both] [--agency NAME] "
				"[--document ID] [--open-only] [--from DATE] [--to DATE]" },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char global_usage[] =
	"usage: hanchot [--db PATH] [--today YYYY-MM-DD] [--config FILE] [--lang vi|en] [COMMAND ...]\n"
	"       hanchot --help | --version\n"
	"With no command, opens the deadline screen.\n"
	"Commands:\n";

static void print_usage(FILE *out)
{
	fputs(global_usage, out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  hanchot %s\n", commands[i].usage);
	fputs("Environment: HANCHOT_DB (database), HANCHOT_TODAY (today's date),\n"
	      "  HANCHOT_DTSTAMP (pins the export's DTSTAMP: unix seconds or YYYYMMDDTHHMMSSZ).\n", out);
}

/* Formats fmt into a new string. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *buf = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n >= 0)
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	else
		buf[0] = '\0';
	return buf;
}

/* Writes text cleaned by text_sanitize with flags. */
static void put_clean(FILE *out, const char *text, unsigned flags)
{
	size_t len = strlen(text);
	if (!(flags & TEXT_MULTILINE) && !text_needs_sanitize(text, len)) {
		fwrite(text, 1, len, out);
		return;
	}
	char *clean = xmalloc(len + 1);
	fwrite(clean, 1, text_sanitize(clean, text, len, flags), out);
	free(clean);
}

void cli_put(FILE *out, const char *s) { put_clean(out, s, 0); }

void cli_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	put_clean(stdout, text, TEXT_MULTILINE);
	free(text);
}

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	fputs("hanchot: ", stderr);
	put_clean(stderr, text, 0);
	fputc('\n', stderr);
	free(text);
	return code;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	fprintf(stderr, "hanchot %s: ", cmd);
	put_clean(stderr, text, 0);
	fputc('\n', stderr);
	free(text);
	const struct cli_command *c = find_command(cmd);
	if (c)
		fprintf(stderr, "usage: hanchot %s\n", c->usage);
	return EXIT_USAGE;
}

int cli_parse_id(const char *cmd, const char *what, const char *text, int64_t *id)
{
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || v <= 0) {
		cli_usage_error(cmd, "%s '%s' is not a positive number", what, text);
		return -1;
	}
	*id = v;
	return 0;
}

int cli_parse_date(const char *what, const char *text, civil_day *out)
{
	char err[ERR_MAX];
	if (date_parse(text, out, err)) {
		cli_error(EXIT_USAGE, "%s: %s", what, err);
		return -1;
	}
	return 0;
}

char *cli_countdown(struct cli *cli, civil_day due, civil_day today, char *buf)
{
	if (cli->config.working_day_countdown)
		return countdown_format_workdays(due, today, cli->holidays, cli->lang, buf);
	return countdown_format(due, today, cli->lang, buf);
}

civil_day cli_warn_until(struct cli *cli)
{
	return workday_add(cli_holidays(cli), cli->today, cli->config.warning_days);
}

/* Where the shipped data files are: $HANCHOT_DATADIR, the source tree the
 * program was built in (make run), or the installed share folder. */
char *cli_data_file(const char *leaf)
{
	const char *env = getenv("HANCHOT_DATADIR");
	if (env && *env)
		return xasprintf("%s/%s", env, leaf);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *local = xasprintf("%s/config/%s", exe, leaf);
			if (access(local, R_OK) == 0)
				return local;
			free(local);
		}
	}
	return xasprintf("%s/%s", HANCHOT_DATADIR, leaf);
}

const struct holiday_calendar *cli_holidays(struct cli *cli) { return cli->holidays; }

/* The shipped holidays.tsv (when present: without it the computed rules
 * still apply), then the configuration's holidays_file. */
static int load_holidays(struct cli *cli, char *err)
{
	int rc = 0;
	cli->holidays = holiday_calendar_new();
	char *shipped = cli_data_file("holidays.tsv");
	if (access(shipped, R_OK) == 0)
		rc = holiday_calendar_load(cli->holidays, shipped, err);
	free(shipped);
	if (rc == 0 && cli->config.holidays_file)
		rc = holiday_calendar_load(cli->holidays, cli->config.holidays_file, err);
	return rc;
}

struct db *cli_db(struct cli *cli)
{
	char err[ERR_MAX];
	if (cli->db)
		return cli->db;
	if (!cli->db_path) {
		cli->db_path = paths_default_db();
		if (!cli->db_path) {
			cli_error(EXIT_RUNTIME, "cannot find a place for the database: set HOME or use --db");
			return NULL;
		}
		if (paths_make_parent(cli->db_path, err)) {
			cli_error(EXIT_RUNTIME, "%s", err);
			return NULL;
		}
	}
	if (db_open(cli->db_path, &cli->db, err)) {
		cli_error(EXIT_RUNTIME, "%s", err);
		return NULL;
	}
	char *who = paths_user();
	db_set_actor(cli->db, who);
	free(who);
	db_set_today(cli->db, cli->today);
	return cli->db;
}

/* Vietnamese unless the locale asks for English (LC_ALL, LC_MESSAGES, LANG:
 * the first one set decides, as setlocale does). */
static enum lang locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	enum lang lang = LANG_VI;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			if (i18n_lang_parse(v, &lang))
				lang = LANG_VI;
			return lang;
		}
	}
	return LANG_VI;
}

/* The file named by --config must exist; the default one may be missing. */
static int load_config(struct cli *cli, char *err)
{
	if (cli->config_path)
		return config_load(&cli->config, cli->config_path, false, err);
	char *path = paths_default_config();
	int rc = path ? config_load(&cli->config, path, true, err) : 0;
	free(path);
	return rc;
}

static civil_day local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "today", required_argument, NULL, 'T' },
		{ "config", required_argument, NULL, 'C' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0, 0, 0, 0 },
	};
	struct cli cli = { .lang = LANG_VI, .today = DATE_NONE };
	bool lang_given = false;
	char err[ERR_MAX];
	const char *today_text = getenv("HANCHOT_TODAY");
	const char *env_db = getenv("HANCHOT_DB");
	int code = EXIT_OK, c;

	setlocale(LC_ALL, "");
	config_init(&cli.config);
	if (env_db && *env_db)
		cli.db_path = xstrdup(env_db);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			free(cli.db_path);
			cli.db_path = xstrdup(optarg);
			break;
		case 'T':
			today_text = optarg;
			break;
		case 'C':
			free(cli.config_path);
			cli.config_path = xstrdup(optarg);
			break;
		case 'L':
			if (i18n_lang_parse(optarg, &cli.lang)) {
				code = cli_error(EXIT_USAGE, "--lang '%s': expected vi or en", optarg);
				goto out;
			}
			lang_given = true;
			break;
		case 'h':
			print_usage(stdout);
			goto out;
		case 'V':
			printf("hanchot %s\n", HANCHOT_VERSION);
			goto out;
		default:
			code = cli_error(EXIT_USAGE, "unknown option '%s' (see hanchot --help)", argv[optind - 1]);
			goto out;
		}
	}
	if (load_config(&cli, err) || load_holidays(&cli, err)) {
		code = cli_error(EXIT_RUNTIME, "%s", err);
		goto out;
	}
	if (!lang_given)
		cli.lang = cli.config.lang_set ? cli.config.lang : locale_lang();
	if (today_text && *today_text) {
		if (cli_parse_date("--today", today_text, &cli.today)) {
			code = EXIT_USAGE;
			goto out;
		}
	} else {
		cli.today = local_today();
	}

	if (optind >= argc) {
		code = app_run(&cli, today_text && *today_text);
		goto out;
	}
	const struct cli_command *cmd = find_command(argv[optind]);
	if (!cmd) {
		code = cli_error(EXIT_USAGE, "unknown command '%s' (see hanchot --help)", argv[optind]);
		goto out;
	}
	argc -= optind;
	argv += optind;
	optind = 0; /* glibc: restart getopt for the subcommand */
	code = cmd->run(&cli, argc, argv);
	if (code == EXIT_OK && strcmp(cmd->name, "restore") != 0 && cli_auto_backup(&cli, err) < 0)
		cli_error(EXIT_OK, "warning: automatic backup failed: %s", err);
	/* Keep export_file current: one place for every command, its own or
	 * another process's changes; cheap when nothing changed. The command's
	 * work is saved either way, so a failure here is a warning. */
	if (code == EXIT_OK && cli.db && cmd->run != cmd_export) {
		bool written;
		char warning[ERR_MAX];
		if (cli_export_refresh(&cli, &written, warning, err))
			cli_error(EXIT_OK, "warning: export_file not updated: %s", err);
		else if (*warning)
			cli_error(EXIT_OK, "warning: export_file '%s': %s", cli.config.export_file, warning);
	}
out:
	db_close(cli.db);
	free(cli.db_path);
	free(cli.config_path);
	config_release(&cli.config);
	holiday_calendar_free(cli.holidays);
	return code;
}
