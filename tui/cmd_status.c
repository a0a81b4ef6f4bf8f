/* cmd_status: done, reopen, status, cancel, extend — changing where a task stands. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "db/task.h"
#include "tui/cli.h"

/* Sets the status; `day` (DATE_NONE: today) is the day it takes effect: the
 * completion day for done, the day recorded in the audit trail otherwise. */
static int set_status(struct cli *cli, const char *cmd, int64_t id, enum task_status st, civil_day day)
{
	char err[ERR_MAX];
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	civil_day today = db_today(db);
	if (st != STATUS_DONE && day != DATE_NONE)
		db_set_today(db, day);
	int rc = db_task_set_status(db, id, st, day, 0, err);
	db_set_today(db, today);
	if (rc)
		return cli_error(EXIT_RUNTIME, "%s: %s", cmd, err);
	return EXIT_OK;
}

int cmd_status(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ 0, 0, 0, 0 },
	};
	civil_day day = DATE_NONE;
	enum task_status st;
	int64_t id;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			if (cli_parse_date("--date", optarg, &day))
				return EXIT_USAGE;
		} else {
			return cli_usage_error("status", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("status", "expected a task ID and a status");
	if (cli_parse_id("status", "task id", argv[optind], &id))
		return EXIT_USAGE;
	if (status_parse(argv[optind + 1], &st))
		return cli_usage_error("status", "status '%s' is not one of new, in_progress, reported, done, paused, cancelled",
				       argv[optind + 1]);
	return set_status(cli, "status", id, st, day);
}

int cmd_cancel(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	if (argc != 2)
		return cli_usage_error("cancel", "expected one task ID");
	if (cli_parse_id("cancel", "task id", argv[1], &id))
		return EXIT_USAGE;
	return set_status(cli, "cancel", id, STATUS_CANCELLED, DATE_NONE);
}

int cmd_extend(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ 0, 0, 0, 0 },
	};
	civil_day to = DATE_NONE;
	const char *reason = NULL;
	char err[ERR_MAX];
	int64_t id;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't') {
			if (cli_parse_date("--to", optarg, &to))
				return EXIT_USAGE;
		} else if (c == 'r') {
			reason = optarg;
		} else {
			return cli_usage_error("extend", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("extend", "expected one task ID");
	if (cli_parse_id("extend", "task id", argv[optind], &id))
		return EXIT_USAGE;
	if (to == DATE_NONE)
		return cli_usage_error("extend", "missing --to DATE");
	if (!reason || !*reason)
		return cli_usage_error("extend", "missing --reason TEXT: a deadline change needs a reason");
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	if (db_task_extend(db, id, to, reason, 0, err))
		return cli_error(EXIT_RUNTIME, "extend: %s", err);
	return EXIT_OK;
}

int cmd_done(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ 0, 0, 0, 0 },
	};
	civil_day day = cli->today;
	int64_t id;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			if (cli_parse_date("--date", optarg, &day))
				return EXIT_USAGE;
		} else {
			return cli_usage_error("done", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("done", "expected one task ID");
	if (cli_parse_id("done", "task id", argv[optind], &id))
		return EXIT_USAGE;
	return set_status(cli, "done", id, STATUS_DONE, day);
}

/* Back to "in progress": the agency is working on it again. */
int cmd_reopen(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	if (argc != 2)
		return cli_usage_error("reopen", "expected one task ID");
	if (cli_parse_id("reopen", "task id", argv[1], &id))
		return EXIT_USAGE;
	return set_status(cli, "reopen", id, STATUS_IN_PROGRESS, DATE_NONE);
}
