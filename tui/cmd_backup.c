/* cmd_backup: backup and restore, and the automatic rotating backup that the
 * command line and the screen ask for after a write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/backup.h"
#include "tui/cli.h"
#include "tui/paths.h"

static int backup_exec(struct cli *cli, const struct args *a)
{
	char err[ERR_MAX];
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	char *dest;
	if (a->n_operands == 1) {
		dest = xstrdup(a->operands[0]);
	} else {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		dest = xasprintf("%s.backup-%s", db_path(db), stamp);
	}
	int code = EXIT_OK;
	if (db_backup_to(db, dest, err))
		code = cli_error(EXIT_RUNTIME, "%s", err);
	else
		cli_printf("%s\n", dest);
	free(dest);
	return code;
}

static int restore_exec(struct cli *cli, const struct args *a)
{
	char err[ERR_MAX], saved[1024];
	const char *src = a->operands[0];
	/* Check the file before touching the database at all. */
	if (db_backup_check_file(src, err))
		return cli_error(EXIT_RUNTIME, "%s: %s", VI ? "khôi phục" : "restore", err);
	struct db *db = NULL;
	bool damaged = false;
	if (!cli->s->db_path && !(cli->s->db_path = paths_default_db()))
		return cli_error(EXIT_RUNTIME, VI ? "không tìm thấy cơ sở dữ liệu: hãy đặt HOME hoặc dùng --db"
					   : "cannot find the database: set HOME or use --db");
	int opened = db_open(cli->s->db_path, &cli->s->db, err);
	if (opened != 0) {
		/* A damaged database cannot be opened: restoring it is the point. */
		if (opened != DB_OPEN_DAMAGED)
			return cli_error(EXIT_RUNTIME, "%s", err);
		damaged = true;
	} else {
		db = cli_db(cli);
		if (!db)
			return EXIT_RUNTIME;
	}
	int rc = damaged ? db_backup_restore_file(cli->s->db_path, src, saved, sizeof saved, err)
			 : db_backup_restore(db, src, cli->s->config.backup_count, saved, sizeof saved, err);
	if (rc)
		return cli_error(EXIT_RUNTIME, "%s: %s", VI ? "khôi phục" : "restore", err);
	cli_printf(cli->s->lang == LANG_EN ? "restored '%s'; the previous database is kept as '%s'\n"
				    : "đã khôi phục '%s'; dữ liệu trước đó được giữ ở '%s'\n",
	       src, saved);
	return EXIT_OK;
}

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "backup [FILE]",
	.args = { NULL, 0, 1, { NULL, NULL }, { "chỉ nhận tối đa một tệp", "expected at most one FILE" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = backup_exec,
};

/* No automatic backup after it: the database it replaced is kept already. */
const struct cmd_entry cmd_restore_entry = {
	.name = "restore",
	.usage = "restore FILE",
	.args = { NULL, 1, 1, { "cần đúng một tệp", "expected one FILE" }, { "cần đúng một tệp", "expected one FILE" }, false },
	.flags = CMD_REFRESH | CMD_PUBLISH,
	.exec = restore_exec,
};
