/* cmd_publish: `hanchot publish`, keeping a CalDAV collection equal to the
 * calendar (db/publish), and the publish that follows a command's change. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "tui/cli.h"

/* "k of n" on stderr, rewritten in place on a terminal and at most ten
 * times a second; on a file or pipe every 100th request and the last. A
 * publish of a few requests says nothing. */
struct progress {
	bool tty, shown;
	struct timespec last;
};

enum { PROGRESS_FROM = 20 };

static void on_progress(void *ctx, size_t done, size_t total)
{
	struct progress *p = ctx;
	struct timespec now;
	if (total < PROGRESS_FROM)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - p->last.tv_sec) * 1000 + (now.tv_nsec - p->last.tv_nsec) / 1000000;
	if (p->tty && (ms >= 100 || done == total)) {
		fprintf(stderr, VI ? "\rhanchot: đang đồng bộ %zu/%zu" : "\rhanchot: publishing %zu of %zu", done, total);
		p->last = now;
		p->shown = true;
	} else if (!p->tty && (done % 100 == 0 || done == total)) {
		fprintf(stderr, VI ? "hanchot: đang đồng bộ %zu/%zu\n" : "hanchot: publishing %zu of %zu\n", done, total);
	}
}

static void on_warn(void *ctx, const char *line)
{
	struct progress *p = ctx;
	if (p->shown)
		fputc('\n', stderr);
	p->shown = false;
	cli_error(EXIT_OK, VI ? "cảnh báo: %s" : "warning: %s", line);
}

/* Publishes; 0, or -1 with err. */
static int publish(struct cli *cli, const struct session_publish_to *to, struct db_publish_stats *st, char *err)
{
	struct progress p = { .tty = isatty(STDERR_FILENO) };
	struct db_publish_report report = { on_progress, on_warn, &p };
	int rc = session_publish(cli->s, to, &report, st, err);
	if (p.shown)
		fputc('\n', stderr);
	return rc;
}

void cli_publish_after(struct cli *cli)
{
	char err[ERR_MAX];
	if (session_publishes(cli->s) && publish(cli, NULL, NULL, err))
		cli_error(EXIT_OK, VI ? "cảnh báo: chưa đồng bộ được (lần thay đổi sau hoặc `hanchot publish` sẽ thử lại): %s"
				      : "warning: not published (the next change or `hanchot publish` retries): %s", err);
}

static int publish_exec(struct cli *cli, const struct args *a)
{
	struct session_publish_to to = { args_text(a, "url", NULL), args_text(a, "user", NULL),
					 args_text(a, "password-file", NULL) };
	struct db_publish_stats st;
	char err[ERR_MAX];
	const char *url = to.url ? to.url : cli->s->config.publish_url;
	if (!url || !*url)
		return cli_usage_error(cli, VI ? "chưa có bộ lịch để đồng bộ: hãy đặt publish_url hoặc dùng --url"
					  : "no collection to publish to: set publish_url or give --url");
	ical_load_begin(); /* while the database opens */
	if (!cli_db(cli))
		return EXIT_RUNTIME;
	if (publish(cli, &to, &st, err))
		return cli_error(EXIT_RUNTIME, "%s", err);
	if (st.todo)
		cli_printf(VI ? "đã đồng bộ lên %s: tạo hoặc cập nhật %zu, xoá %zu\n"
			      : "published to %s: %zu created or updated, %zu deleted\n", url, st.put, st.deleted);
	else
		cli_printf(VI ? "đã đồng bộ lên %s: không có gì thay đổi\n" : "published to %s: nothing changed\n", url);
	return EXIT_OK;
}

static const struct opt_spec publish_opts[] = {
	{ "url", OPT_TEXT, NULL, 0 },
	{ "user", OPT_TEXT, NULL, 0 },
	{ "password-file", OPT_FILE, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

/* Not CMD_PUBLISH: it publishes itself, with its own options. */
const struct cmd_entry cmd_publish_entry = {
	.name = "publish",
	.usage = "publish [--url URL] [--user NAME] [--password-file FILE]",
	.args = { publish_opts, 0, 0, { NULL, NULL }, { NULL, NULL }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = publish_exec,
};
