/* cmd_agency: `hanchot agencies` lists agencies with their open and overdue
 * counts; `hanchot agencies apply-successors` applies the reorganisation in
 * successors.tsv (shipped; 2025: Sở KH&ĐT into Sở Tài chính …): each agency
 * with a successor in force moves its open tasks there, keeping who they were
 * assigned to in the history. Partial successors (share "part") are listed,
 * not applied: which tasks go is a person's decision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/err.h"
#include "db/agency.h"
#include "db/view.h"
#include "tui/cli.h"
#include "tui/paths.h"
#include "core/text.h"

/* printf's field width for s in width display columns: printf counts
 * bytes ("ĐANG MỞ" is 7 columns, 10 bytes). */
static int field(const char *s, int width) { return width + (int)(strlen(s) - text_width(s, strlen(s))); }

static int list_agencies(struct cli *cli, bool tsv)
{
	struct view_agencies list = { 0 };
	char err[ERR_MAX];
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	if (db_view_agencies(db, cli->s->today, &list, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	bool en = cli->s->lang == LANG_EN;
	const char *open_h = en ? "OPEN" : "ĐANG MỞ", *late_h = en ? "OVERDUE" : "QUÁ HẠN";
	if (tsv)
		puts("id\tname\topen\toverdue\tsuccessor_id");
	else
		printf("%-5s %*s %*s  %s\n", "ID", field(open_h, 7), open_h, field(late_h, 9), late_h,
		       en ? "AGENCY" : "CƠ QUAN");
	for (size_t i = 0; i < list.n; i++) {
		const struct view_agency *a = &list.items[i];
		if (tsv)
			printf("%lld\t", (long long)a->id);
		else
			printf("%-5lld %7zu %9zu  ", (long long)a->id, a->open, a->overdue);
		cli_put(stdout, a->name);
		if (tsv)
			printf("\t%zu\t%zu\t%lld", a->open, a->overdue, (long long)a->successor_id);
		putchar('\n');
	}
	view_agencies_release(&list);
	return EXIT_OK;
}

static int apply_successors_exec(struct cli *cli, const struct args *a)
{
	struct agency_successors succ;
	civil_day day = args_date(a, "date", cli->s->today);
	bool dry = args_has(a, "dry-run");
	char err[ERR_MAX];
	int code = EXIT_OK;

	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	agency_successors_init(&succ);
	char *path = paths_data_file("successors.tsv");
	if (agency_successors_load(&succ, path, err)) {
		code = cli_error(EXIT_RUNTIME, "%s", err);
		goto out;
	}
	bool en = cli->s->lang == LANG_EN;
	int said = 0;
	for (size_t i = 0; i < succ.n; i++) {
		const struct agency_successor *s = &succ.items[i];
		int64_t from = db_agency_find(db, s->from, err);
		if (from < 0) {
			code = cli_error(EXIT_RUNTIME, "%s", err);
			goto out;
		}
		size_t n = 0;
		if (from == 0 || s->effective > day)
			continue;
		if (db_agency_open_assignments(db, from, &n, err)) {
			code = cli_error(EXIT_RUNTIME, "%s", err);
			goto out;
		}
		if (n == 0)
			continue;
		said++;
		if (s->partial) {
			cli_printf(en ? "%s -> %s: part of the work only (%s): %zu open assignments left for a person to move\n"
				  : "%s -> %s: chỉ một phần nhiệm vụ (%s): %zu phân công đang mở cần chuyển thủ công\n",
			       s->from, s->to, s->note, n);
			continue;
		}
		if (dry) {
			cli_printf(en ? "%s -> %s: would move %zu open assignments\n" : "%s -> %s: sẽ chuyển %zu phân công đang mở\n",
			       s->from, s->to, n);
			continue;
		}
		if (db_begin(db, err)) {
			code = cli_error(EXIT_RUNTIME, "%s", err);
			goto out;
		}
		int64_t to = db_agency_ensure(db, s->to, err);
		int moved = to > 0 ? db_agency_merge(db, from, to, NULL, err) : -1;
		if (moved < 0 || db_commit(db, err)) {
			db_rollback(db);
			code = cli_error(EXIT_RUNTIME, "%s", err);
			goto out;
		}
		cli_printf(en ? "%s -> %s: moved %d open assignments\n" : "%s -> %s: đã chuyển %d phân công đang mở\n", s->from,
		       s->to, moved);
	}
	if (!said)
		puts(en ? "No open task belongs to a replaced agency." : "Không có việc đang mở nào của cơ quan đã được thay thế.");
out:
	free(path);
	agency_successors_release(&succ);
	return code;
}

static int agencies_exec(struct cli *cli, const struct args *a)
{
	return list_agencies(cli, args_choice(a, "format", 0) == 1);
}

static const struct opt_spec agencies_opts[] = {
	{ "format", OPT_CHOICE, "table|tsv", 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_agencies_entry = {
	.name = "agencies",
	.usage = "agencies [--format table|tsv]",
	.args = { agencies_opts, 0, 0, { NULL, NULL }, { "không có lệnh con '%s'", "unknown subcommand '%s'" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = agencies_exec,
};

static const struct opt_spec successors_opts[] = {
	{ "dry-run", OPT_FLAG, NULL, 0 },
	{ "date", OPT_DATE, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_apply_successors_entry = {
	.name = "agencies apply-successors",
	.usage = "agencies apply-successors [--dry-run] [--date DATE]",
	.args = { successors_opts, 0, 0, { NULL, NULL }, { NULL, NULL }, false },
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = apply_successors_exec,
};
