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

#include "tui/args.h"
#include "tui/session.h"

struct cmd_entry;

struct cli {
	struct session *s;           /* what the command works on */
	const struct cmd_entry *cmd; /* the command running */
};

/* What cli_main does around a command that succeeded. */
enum cmd_flag {
	CMD_BACKUP = 1 << 0,  /* takes the automatic backup after it, when one is due */
	CMD_REFRESH = 1 << 1, /* brings export_file up to date after it (its own
				 changes or another process's) */
	CMD_PUBLISH = 1 << 2, /* publishes to publish_url after it (tui/cmd_publish) */
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
	cmd_backup_entry, cmd_restore_entry, cmd_publish_entry;

/* Publishes to the configured collection after a command that changed
 * tasks: progress on stderr, a warning for each task overwritten and, on
 * failure, a warning (the command's change is saved). */
void cli_publish_after(struct cli *cli);

/* Runs the program: parses global options, then a subcommand or the TUI. */
int cli_main(int argc, char **argv);

/* The session's database (session_db()); prints the error and returns NULL
 * when it cannot be opened. */
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

/* Parses a positive id (a task's) given as `what`; prints the usage error
 * and returns -1 when it is not one. */
int cli_parse_id(struct cli *cli, const char *what, const char *text, int64_t *id);

#endif
