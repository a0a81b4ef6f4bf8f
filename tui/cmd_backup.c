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

int cli_auto_backup(struct cli *cli, char *err)
{
	if (!cli->db)
		return 0;
	return db_backup_auto(cli->db, cli->config.backup_count, cli->config.backup_hours, (int64_t)time(NULL), err);
}

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	char err[ERR_MAX];
	if (argc > 2)
		return cli_usage_error("backup", "expected at most one FILE");
	if (argc == 2 && argv[1][0] == '-')
		return cli_usage_error("backup", "unknown option '%s'", argv[1]);
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	char *dest;
	if (argc == 2) {
		dest = xstrdup(argv[1]);
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

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	char err[ERR_MAX], saved[1024];
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("restore", "expected one FILE");
	const char *src = argv[1];
	/* Check the file before touching the database at all. */
	if (db_backup_check_file(src, err))
		return cli_error(EXIT_RUNTIME, "restore: %s", err);
	struct db *db = NULL;
	bool damaged = false;
	if (!cli->db_path && !(cli->db_path = paths_default_db()))
		return cli_error(EXIT_RUNTIME, "cannot find the database: set HOME or use --db");
	if (db_open(cli->db_path, &cli->db, err) != 0) {
		/* A damaged database cannot be opened: restoring it is the point. */
		if (!strstr(err, "is damaged"))
			return cli_error(EXIT_RUNTIME, "%s", err);
		damaged = true;
	} else {
		db = cli_db(cli);
		if (!db)
			return EXIT_RUNTIME;
	}
	int rc = damaged ? db_backup_restore_file(cli->db_path, src, saved, sizeof saved, err)
			 : db_backup_restore(db, src, cli->config.backup_count, saved, sizeof saved, err);
	if (rc)
		return cli_error(EXIT_RUNTIME, "restore: %s", err);
	cli_printf(cli->lang == LANG_EN ? "restored '%s'; the previous database is kept as '%s'\n"
				    : "đã khôi phục '%s'; dữ liệu trước đó được giữ ở '%s'\n",
	       src, saved);
	return EXIT_OK;
}
