/* cli: the command line. Global options, the table of commands, and what
 * they share. Each command is one struct cmd_entry (name, usage, options,
 * flags, function) defined in its tui/cmd_*.c file beside its function;
 * cli_main reads the options of every command with the one parser of
 * tui/args and then runs the function, which does the command's work only.
 * The commands call the same core/db functions as the screens.
 *
 * Exit status: 0 success, 1 runtime error (bad data, database trouble),
 * 2 usage error. Errors are one line on stderr: "hanchot: <what was wrong>". */
#ifndef HANCHOT_CLI_H
#define HANCHOT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/config.h"
#include "core/date.h"
#include "core/holiday.h"
#include "core/ical.h"
#include "core/report_format.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/export.h"
#include "tui/args.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cmd_entry;

struct cli {
	char *db_path;     /* --db, $HANCHOT_DB, or the default */
	char *config_path; /* --config or the default */
	struct config config;
	civil_day today;   /* --today, $HANCHOT_TODAY, or the local date */
	enum lang lang;    /* --lang, else the configuration's */
	struct db *db;     /* opened by cli_db() */
	struct holiday_calendar *holidays; /* loaded at start */
	const struct cmd_entry *cmd; /* the command running */
};

/* What cli_main does around a command that succeeded. */
enum cmd_flag {
	CMD_BACKUP = 1 << 0,  /* takes the automatic backup after it, when one is due */
	CMD_REFRESH = 1 << 1, /* brings export_file up to date after it (its own
				 changes or another process's) */
};

/* A command. exec runs with the options read and checked: it returns the
 * exit status, having printed any error. */
struct cmd_entry {
	const char *name;  /* "list"; "agencies apply-successors": a command and its subcommand */
	const char *usage; /* one line, after "hanchot " */
	struct args_spec args;
	unsigned flags;    /* enum cmd_flag */
	int (*exec)(struct cli *cli, const struct args *a);
};

extern const struct cmd_entry cmd_add_entry, cmd_list_entry, cmd_done_entry, cmd_reopen_entry,
	cmd_status_entry, cmd_cancel_entry, cmd_extend_entry, cmd_import_entry, cmd_export_entry,
	cmd_report_entry, cmd_holidays_entry, cmd_agencies_entry, cmd_apply_successors_entry,
	cmd_backup_entry, cmd_restore_entry;

/* Runs the program: parses global options, then a subcommand or the TUI. */
int cli_main(int argc, char **argv);

/* The database, opened on first use (creating its folder for the default
 * path). Prints the error and returns NULL on failure. */
struct db *cli_db(struct cli *cli);

/* Text from data reaches a terminal only through these: what text_sanitize
 * removes (C0 and C1 controls, DEL, bidi overrides) never gets out, so a name
 * holding an escape sequence cannot retitle a window, clear the screen, write
 * the clipboard or hide rows. cli_printf prints like printf to stdout, TAB
 * and LF kept; cli_put prints one cell (TAB, LF and CR become spaces). */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_put(FILE *out, const char *s);

/* Prints "hanchot: <fmt>" to stderr, cleaned to one line; returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "hanchot <cmd>: <fmt>" (cleaned to one line) and the running
 * command's usage; returns EXIT_USAGE. */
int cli_usage_error(struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The holiday calendar, loaded at start: the shipped holidays.tsv, then the
 * configuration's holidays_file. */
const struct holiday_calendar *cli_holidays(struct cli *cli);

/* The path of a shipped data file (holidays.tsv, successors.tsv,
 * example-notice.md): under $HANCHOT_DATADIR, else the config/ folder next to
 * the program (a source tree), else the installed share folder. Caller frees. */
char *cli_data_file(const char *leaf);

/* Parses a positive id (a task's) given as `what`; prints the usage error
 * and returns -1 when it is not one. */
int cli_parse_id(struct cli *cli, const char *what, const char *text, int64_t *id);

/* The countdown from today to due in the configured style: calendar days, or
 * working days when working_day_countdown is set. buf: COUNTDOWN_BUF bytes. */
char *cli_countdown(struct cli *cli, civil_day due, civil_day today, char *buf);

/* The last day of the warning window that starts today (working days). */
civil_day cli_warn_until(struct cli *cli);

struct notice;
/* Flags the units of n whose lead agencies are neither in the shipped
 * agencies.tsv nor, when db is not NULL, in the database (groups such as
 * "các sở, ngành" are never flagged). tui/cmd_import.c */
void import_flag_unknown_leads(struct notice *n, struct db *db);

/* The automatic rotating backup (tui/cmd_backup.c), to call after a write:
 * one stat() when none is due. Returns 1 when a backup was written, 0 when
 * none was due or the database is not open, -1 with err on failure. */
int cli_auto_backup(struct cli *cli, char *err);

/* Export options from the configuration (export_kind, alarms, calendar_name),
 * the language, and $HANCHOT_DTSTAMP (unix seconds or YYYYMMDDTHHMMSSZ: pins
 * DTSTAMP, for tests). Owns the alarm strings: release with
 * cli_export_options_release(). Returns 0, or -1 with a message naming the
 * configuration file and key (tui/cmd_export.c). */
struct cli_export_options {
	struct ical_options opt;
	char **alarms;
	size_t n_alarms;
};
int cli_export_options_init(struct cli *cli, struct cli_export_options *o, char *err);
void cli_export_options_release(struct cli_export_options *o);

/* Re-exports the configured export_file when something changed (cheap when
 * nothing did; nothing to do when export_file is unset or the database is not
 * open). cli_main calls it after every command that opened the database; the
 * screen calls it after a change. *written (may be NULL) says whether the file
 * was rewritten. warning (ERR_MAX bytes) is set to "" or, when tasks had to
 * be left out, to a line naming the first ("1 task not exported: task 4: due
 * date 9999-12-31 is outside 1800-2199"). Returns 0, or -1 with a message. */
int cli_export_refresh(struct cli *cli, bool *written, char *warning, char *err);

/* A one-off export (export --out, the screen's x) of what f selects into
 * path, copying unchanged tasks from export_file. A filtered export is
 * refused where it would replace export_file, the calendar others
 * subscribe to, with a part of it. *written_to (may be NULL) gets the full
 * path written (caller frees). Returns 0, or -1 with a message naming the
 * file. */
int cli_export_to(struct cli *cli, const struct ical_options *opt, const struct db_export_filter *f,
		  const char *path, struct db_export_stats *stats, char **written_to, char *err);

/* Writes report r to path (report --out, the screen's S), refusing the
 * database's own files; *written_to as above (tui/cmd_report.c). */
int cli_report_to(struct cli *cli, const char *path, const struct report *r, enum report_format fmt,
		  char **written_to, char *err);

/* The warning for an export's skipped tasks (see db_export_stats) into
 * warning (ERR_MAX bytes): "" when none was skipped. */
void cli_export_warning(const struct db_export_stats *s, char *warning);

#endif
