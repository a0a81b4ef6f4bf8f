#include "tui/cli.h"

#include <assert.h>
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
#include "tui/log.h"
#include "tui/paths.h"

/* Every command, in the order --help lists them. */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_add_entry, &cmd_list_entry, &cmd_done_entry, &cmd_reopen_entry, &cmd_import_entry,
	&cmd_holidays_entry, &cmd_agencies_entry, &cmd_apply_successors_entry, &cmd_status_entry,
	&cmd_cancel_entry, &cmd_extend_entry, &cmd_report_entry, &cmd_backup_entry, &cmd_restore_entry,
	&cmd_export_entry, &cmd_publish_entry,
};
#define N_COMMANDS (sizeof cmd_table / sizeof cmd_table[0])

#define GLOBAL_OPTIONS "hanchot [--db PATH] [--today YYYY-MM-DD] [--config FILE] [--lang vi|en] [--log FILE] [COMMAND ...]\n"

/* --help, in the language of --lang or else the locale's (the configuration
 * is not read for it). */
static void print_usage(FILE *out)
{
	if (VI)
		fputs("cách dùng: " GLOBAL_OPTIONS "           hanchot --help | --version\n"
		      "Không có lệnh thì mở màn hình theo dõi hạn.\nCác lệnh:\n", out);
	else
		fputs("usage: " GLOBAL_OPTIONS "       hanchot --help | --version\n"
		      "With no command, opens the deadline screen.\nCommands:\n", out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  hanchot %s\n", cmd_table[i]->usage);
	if (VI)
		fputs("Biến môi trường: HANCHOT_DB (cơ sở dữ liệu), HANCHOT_TODAY (ngày hôm nay),\n"
		      "  HANCHOT_DTSTAMP (cố định DTSTAMP của bản xuất: số giây unix hoặc YYYYMMDDTHHMMSSZ).\n", out);
	else
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
	log_add("%s%s", code == EXIT_OK ? "" : "error: ", text);
	fputs("hanchot: ", stderr);
	put_clean(stderr, text, 0);
	fputc('\n', stderr);
	free(text);
	return code;
}

/* The command argv[0] names, or argv[0] and argv[1] for a subcommand
 * ("agencies apply-successors"); *words gets how many words it took. */
static const struct cmd_entry *find_command(int argc, char **argv, int *words)
{
	const struct cmd_entry *found = NULL;
	size_t len = strlen(argv[0]);
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const char *name = cmd_table[i]->name;
		if (strcmp(name, argv[0]) == 0 && !found) {
			found = cmd_table[i];
			*words = 1;
		} else if (argc > 1 && strncmp(name, argv[0], len) == 0 && name[len] == ' ' &&
			   strcmp(name + len + 1, argv[1]) == 0) {
			*words = 2;
			return cmd_table[i];
		}
	}
	return found;
}

int cli_usage_error(struct cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = vformat(fmt, ap);
	va_end(ap);
	assert(cli->cmd);
	log_add("error: %s: %s", cli->cmd->name, text);
	fprintf(stderr, "hanchot %s: ", cli->cmd->name);
	put_clean(stderr, text, 0);
	fputc('\n', stderr);
	free(text);
	fprintf(stderr, "%s: hanchot %s\n", i18n_messages() == LANG_VI ? "cách dùng" : "usage", cli->cmd->usage);
	return EXIT_USAGE;
}

int cli_parse_id(struct cli *cli, const char *what, const char *text, int64_t *id)
{
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || v <= 0) {
		if (i18n_messages() == LANG_VI)
			cli_usage_error(cli, "%s '%s' không phải số dương", strcmp(what, "task id") == 0 ? "số việc" : what,
					text);
		else
			cli_usage_error(cli, "%s '%s' is not a positive number", what, text);
		return -1;
	}
	*id = v;
	return 0;
}

struct db *cli_db(struct cli *cli)
{
	char err[ERR_MAX];
	struct db *db = session_db(cli->s, err);
	if (!db)
		cli_error(EXIT_RUNTIME, "%s", err);
	return db;
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

static civil_day local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const struct opt_spec global_opts[] = {
	{ "db", OPT_TEXT, NULL, 0 },
	{ "today", OPT_TEXT, NULL, 0 }, /* parsed with $HANCHOT_TODAY, which it overrides */
	{ "config", OPT_TEXT, NULL, 0 },
	{ "lang", OPT_CHOICE, "vi|en", 0 },
	{ "log", OPT_FILE, NULL, 0 },
	{ "help", OPT_FLAG, NULL, 0 },
	{ "version", OPT_FLAG, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};
static const struct args_spec global_spec = { global_opts, 0, -1, { NULL, NULL }, { NULL, NULL }, true };

/* The global options, the configuration and the holidays into cli: EXIT_OK,
 * or the exit status after printing why not. *today_given: --today or
 * $HANCHOT_TODAY fixed the date. */
static int set_up(struct session *s, const struct args *a, bool *today_given)
{
	char err[ERR_MAX];
	const char *env_db = getenv("HANCHOT_DB");
	const char *today = args_text(a, "today", getenv("HANCHOT_TODAY"));
	const char *db = args_text(a, "db", env_db && *env_db ? env_db : NULL);
	s->db_path = db ? xstrdup(db) : NULL;
	s->config_path = args_has(a, "config") ? xstrdup(args_text(a, "config", NULL)) : NULL;
	if (args_has(a, "lang") && i18n_lang_parse(args_text(a, "lang", NULL), &s->lang) == 0)
		i18n_set_messages(s->lang); /* the configuration's own errors in it too */
	if (session_load(s, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (!args_has(a, "lang")) /* --lang, one of its choices, was read above */
		s->lang = s->config.lang_set ? s->config.lang : locale_lang();
	i18n_set_messages(s->lang); /* the core's own messages too: one language at a time */
	*today_given = today && *today;
	if (*today_given && date_parse(today, &s->today, err))
		return cli_error(EXIT_USAGE, "--today: %s", err);
	if (!*today_given)
		s->today = local_today();
	const char *log = args_text(a, "log", s->config.log_file);
	if (log && log_open(log, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	return EXIT_OK;
}

/* The log's first line: the program, what it was asked, on which database. */
static void log_start(const struct session *s, int argc, char **argv)
{
	char line[1024];
	size_t w = 0;
	if (!log_on())
		return;
	for (int i = 1; i < argc && w < sizeof line; i++)
		w += (size_t)snprintf(line + w, sizeof line - w, "%s%s", i > 1 ? " " : "", argv[i]);
	log_add("start: hanchot %s %s; database %s", HANCHOT_VERSION, w ? line : "(the screen)",
		s->db_path ? s->db_path : "(the default)");
}

/* After a command that succeeded: what its entry's flags ask for. The
 * command's work is saved either way, so a failure here is a warning. */
static void after_command(struct cli *cli)
{
	struct session *s = cli->s;
	char err[ERR_MAX], warning[ERR_MAX];
	bool written;
	if ((cli->cmd->flags & CMD_BACKUP) && session_auto_backup(s, err) < 0)
		cli_error(EXIT_OK, VI ? "cảnh báo: không sao lưu tự động được: %s" : "warning: automatic backup failed: %s", err);
	/* Keep export_file current: one place for every command, its own or
	 * another process's changes; cheap when nothing changed. */
	if (!(cli->cmd->flags & CMD_REFRESH) || !s->db)
		return;
	if (session_export_refresh(s, &written, warning, err))
		cli_error(EXIT_OK, VI ? "cảnh báo: chưa cập nhật được export_file: %s" : "warning: export_file not updated: %s",
			  err);
	else if (*warning)
		cli_error(EXIT_OK, VI ? "cảnh báo: export_file '%s': %s" : "warning: export_file '%s': %s",
			  s->config.export_file, warning);
	if (cli->cmd->flags & CMD_PUBLISH)
		cli_publish_after(cli);
}

/* Reads the command's options and runs it. */
static int run_command(struct session *s, int argc, char **argv)
{
	struct cli cli = { .s = s };
	struct args a;
	char err[ERR_MAX];
	int words, code;
	cli.cmd = find_command(argc, argv, &words);
	if (!cli.cmd)
		return i18n_messages() == LANG_VI
			       ? cli_error(EXIT_USAGE, "không có lệnh '%s' (xem hanchot --help)", argv[0])
			       : cli_error(EXIT_USAGE, "unknown command '%s' (see hanchot --help)", argv[0]);
	int rc = args_parse(&a, &cli.cmd->args, argc - words, argv + words, err);
	if (rc == ARGS_BAD_VALUE)
		code = cli_error(EXIT_USAGE, "%s: %s", cli.cmd->name, err);
	else if (rc)
		code = cli_usage_error(&cli, "%s", err);
	else
		code = cli.cmd->exec(&cli, &a);
	args_release(&a);
	if (code == EXIT_OK)
		after_command(&cli);
	log_add("end: %s, exit status %d", cli.cmd->name, code);
	return code;
}

/* The screen, after its own start-up errors (printed before the terminal
 * is taken). */
static int run_screen(struct session *s, bool today_given)
{
	char err[ERR_MAX];
	int code = app_run(s, today_given, err);
	if (code != EXIT_OK)
		cli_error(code, "%s", err);
	log_add("end: the screen, exit status %d", code);
	return code;
}

/* --help follows --lang too. */
static void help_language(const struct args *a)
{
	enum lang lang;
	if (args_has(a, "lang") && i18n_lang_parse(args_text(a, "lang", NULL), &lang) == 0)
		i18n_set_messages(lang);
}

int cli_main(int argc, char **argv)
{
	struct session s;
	struct args a;
	char err[ERR_MAX];
	bool today_given = false;
	int code;

	setlocale(LC_ALL, "");
	i18n_set_messages(locale_lang()); /* the global options' errors; set_up decides */
	session_init(&s);
	if (args_parse(&a, &global_spec, argc - 1, argv + 1, err))
		code = cli_error(EXIT_USAGE, "%s (%s hanchot --help)", err, i18n_messages() == LANG_VI ? "xem" : "see");
	else if (args_has(&a, "help"))
		code = (help_language(&a), print_usage(stdout), EXIT_OK);
	else if (args_has(&a, "version"))
		code = (printf("hanchot %s\n", HANCHOT_VERSION), EXIT_OK);
	else if ((code = set_up(&s, &a, &today_given)) == EXIT_OK) {
		log_start(&s, argc, argv);
		code = a.used + 1 >= argc ? run_screen(&s, today_given)
					   : run_command(&s, argc - 1 - a.used, argv + 1 + a.used);
	}
	args_release(&a);
	session_release(&s);
	log_close();
	return code;
}
