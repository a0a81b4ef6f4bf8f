/* cmd_status: done, reopen, status, cancel, extend — changing where a task stands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "db/task.h"
#include "tui/cli.h"
#include "tui/msg.h"

/* What was done, in the chosen language, with the task's summary: "Đã hoàn
 * thành việc 5: Báo cáo thu ngân sách". */
static void say_done(struct cli *cli, enum msg_id what, int64_t id, const char *arg)
{
	struct task t;
	char err[ERR_MAX], line[ERR_MAX * 2];
	if (db_task_get(cli_db(cli), id, &t, err))
		return;
	snprintf(line, sizeof line, msg(what, cli->s->lang), (long long)id, arg ? arg : "");
	size_t n = strlen(line);
	snprintf(line + n, sizeof line - n, ": %s", t.summary);
	cli_put(stdout, line);
	putchar('\n');
	task_release(&t);
}

static enum msg_id said_for(enum task_status st)
{
	return st == STATUS_DONE ? M_CLI_DONE : st == STATUS_CANCELLED ? M_CLI_CANCELLED
	       : st == STATUS_IN_PROGRESS ? M_CLI_IN_PROGRESS : M_CLI_STATUS;
}

/* Sets the status; `day` (DATE_NONE: today) is the day it takes effect: the
 * completion day for done, the day recorded in the audit trail otherwise. */
static int set_status(struct cli *cli, int64_t id, enum task_status st, civil_day day)
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
		return cli_error(EXIT_RUNTIME, "%s: %s", cli->cmd->name, err);
	say_done(cli, said_for(st), id, status_label(st, cli->s->lang));
	return EXIT_OK;
}

/* The task ID operand; prints the usage error when it is not one. */
static int task_id(struct cli *cli, const struct args *a, int64_t *id)
{
	return cli_parse_id(cli, "task id", a->operands[0], id);
}

static int status_exec(struct cli *cli, const struct args *a)
{
	enum task_status st;
	int64_t id;
	if (task_id(cli, a, &id))
		return EXIT_USAGE;
	if (status_parse(a->operands[1], &st))
		return cli_usage_error(cli, VI ? "trạng thái '%s' không phải một trong new, in_progress, reported, done, "
					    "paused, cancelled"
					  : "status '%s' is not one of new, in_progress, reported, done, paused, cancelled",
				       a->operands[1]);
	return set_status(cli, id, st, args_date(a, "date", DATE_NONE));
}

static int cancel_exec(struct cli *cli, const struct args *a)
{
	int64_t id;
	if (task_id(cli, a, &id))
		return EXIT_USAGE;
	return set_status(cli, id, STATUS_CANCELLED, DATE_NONE);
}

static int extend_exec(struct cli *cli, const struct args *a)
{
	const char *reason = args_text(a, "reason", NULL);
	char err[ERR_MAX];
	int64_t id;
	if (task_id(cli, a, &id))
		return EXIT_USAGE;
	if (!args_has(a, "to"))
		return cli_usage_error(cli, VI ? "thiếu --to NGÀY" : "missing --to DATE");
	if (!reason || !*reason)
		return cli_usage_error(cli, VI ? "thiếu --reason LÝ_DO: gia hạn cần ghi lý do"
					  : "missing --reason TEXT: a deadline change needs a reason");
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	civil_day to = args_date(a, "to", DATE_NONE);
	char day[DATE_BUF];
	if (db_task_extend(db, id, to, reason, 0, err))
		return cli_error(EXIT_RUNTIME, "extend: %s", err);
	say_done(cli, M_CLI_EXTENDED, id, date_format_dmy(to, day));
	return EXIT_OK;
}

static int done_exec(struct cli *cli, const struct args *a)
{
	int64_t id;
	if (task_id(cli, a, &id))
		return EXIT_USAGE;
	return set_status(cli, id, STATUS_DONE, args_date(a, "date", cli->s->today));
}

/* Back to "in progress": the agency is working on it again. */
static int reopen_exec(struct cli *cli, const struct args *a)
{
	int64_t id;
	if (task_id(cli, a, &id))
		return EXIT_USAGE;
	return set_status(cli, id, STATUS_IN_PROGRESS, DATE_NONE);
}

static const struct opt_spec date_opts[] = {
	{ "date", OPT_DATE, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct opt_spec extend_opts[] = {
	{ "to", OPT_DATE, NULL, 0 },
	{ "reason", OPT_TEXT, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

#define ONE_ID { "cần đúng một số việc", "expected one task ID" }
#define ONE_TASK(opts) { opts, 1, 1, ONE_ID, ONE_ID, false }

const struct cmd_entry cmd_done_entry = {
	.name = "done",
	.usage = "done ID [--date DATE]",
	.args = ONE_TASK(date_opts),
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = done_exec,
};

const struct cmd_entry cmd_reopen_entry = {
	.name = "reopen",
	.usage = "reopen ID",
	.args = ONE_TASK(NULL),
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = reopen_exec,
};

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "status ID new|in_progress|reported|done|paused|cancelled [--date DATE]",
	.args = { date_opts, 2, 2, { "cần số việc và trạng thái", "expected a task ID and a status" }, { "cần số việc và trạng thái", "expected a task ID and a status" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = status_exec,
};

const struct cmd_entry cmd_cancel_entry = {
	.name = "cancel",
	.usage = "cancel ID",
	.args = ONE_TASK(NULL),
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = cancel_exec,
};

const struct cmd_entry cmd_extend_entry = {
	.name = "extend",
	.usage = "extend ID --to DATE --reason TEXT",
	.args = ONE_TASK(extend_opts),
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = extend_exec,
};
