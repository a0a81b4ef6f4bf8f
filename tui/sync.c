#include "tui/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/i18n.h"
#include "tui/log.h"

void sync_init(struct sync *y)
{
	memset(y, 0, sizeof *y);
	y->err_fd = -1;
}

void sync_changed(struct sync *y, const struct session *s)
{
	if (session_publishes(s))
		y->stale = true;
}

bool sync_due(const struct sync *y) { return y->stale && !y->pid; }

/* In the child: `hanchot [--db DB] [--config FILE] --lang L publish`, this
 * program again (never one found on PATH), stdout and stdin on /dev/null,
 * stderr into err_fd (or /dev/null). Does not return. */
static void child_exec(const struct session *s, int err_fd)
{
	const char *argv[10];
	int n = 0, null = open("/dev/null", O_RDWR);
	argv[n++] = "hanchot";
	if (s->db_path) {
		argv[n++] = "--db";
		argv[n++] = s->db_path;
	}
	if (s->config_path) {
		argv[n++] = "--config";
		argv[n++] = s->config_path;
	}
	argv[n++] = "--lang";
	argv[n++] = s->lang == LANG_EN ? "en" : "vi";
	argv[n++] = "publish";
	argv[n] = NULL;
	/* a screen gone meanwhile must not end the publish half-way */
	signal(SIGPIPE, SIG_IGN);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(err_fd >= 0 ? err_fd : null, STDERR_FILENO);
	}
	execv("/proc/self/exe", (char *const *)argv);
	fprintf(stderr, VI ? "hanchot: đồng bộ: không chạy lại được chương trình: %s\n"
			   : "hanchot: publish: cannot start this program again: %s\n", err_reason(errno));
	_exit(1);
}

/* A file without a name for the child's stderr: unlike a pipe it never
 * fills up and holds the child while the screen is busy elsewhere. */
static int anonymous_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/hanchot-publish-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	return fd;
}

/* Forks the child; its stderr into a file kept in *err_fd (when err_fd). */
static pid_t spawn(const struct session *s, int *err_fd, char *err)
{
	int fd = -1;
	if (err_fd && (fd = anonymous_file()) < 0)
		return err_set(err, VI ? "đồng bộ: không có tệp cho thông báo của lần đồng bộ chạy nền: %s"
				       : "publish: no file for the background publish's messages: %s", err_reason(errno));
	pid_t pid = fork();
	if (pid == 0)
		child_exec(s, fd);
	int e = errno;
	if (pid < 0) {
		if (fd >= 0)
			close(fd);
		return err_set(err, VI ? "đồng bộ: không khởi động được lần đồng bộ chạy nền: %s"
				       : "publish: cannot start the background publish: %s", err_reason(e));
	}
	if (err_fd)
		*err_fd = fd;
	return pid;
}

int sync_start(struct sync *y, const struct session *s, char *err)
{
	if (!sync_due(y))
		return 0;
	pid_t pid = spawn(s, &y->err_fd, err);
	if (pid < 0) {
		y->failed = true;
		return -1;
	}
	log_add("background publish started (process %d)", (int)pid);
	y->pid = pid;
	y->stale = false;
	return 0;
}

/* The child's last line on stderr (its error; warnings come before it). */
static void read_error(struct sync *y)
{
	char buf[4096];
	off_t end = y->err_fd >= 0 ? lseek(y->err_fd, 0, SEEK_END) : -1;
	off_t from = end > (off_t)sizeof buf - 1 ? end - (off_t)sizeof buf + 1 : 0;
	ssize_t n = end > 0 ? pread(y->err_fd, buf, sizeof buf - 1, from) : -1;
	y->error[0] = '\0';
	if (n > 0) {
		buf[n] = '\0';
		while (n > 0 && buf[n - 1] == '\n')
			buf[--n] = '\0';
		const char *last = strrchr(buf, '\n');
		const char *line = last ? last + 1 : buf;
		if (strncmp(line, "hanchot: ", 9) == 0)
			line += 9;
		size_t len = strlen(line);
		if (len >= sizeof y->error) /* on a character boundary */
			for (len = sizeof y->error - 1; len && ((unsigned char)line[len] & 0xC0) == 0x80; len--)
				;
		memcpy(y->error, line, len);
		y->error[len] = '\0';
	}
	if (y->err_fd >= 0)
		close(y->err_fd);
	y->err_fd = -1;
}

bool sync_reaped(struct sync *y, pid_t pid, int status)
{
	if (!y->pid || pid != y->pid)
		return false;
	y->pid = 0;
	read_error(y);
	y->failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	if (y->failed && !y->error[0])
		snprintf(y->error, sizeof y->error,
			 VI ? "hanchot: đồng bộ kết thúc với mã %d" : "hanchot: publish ended with status %d", status);
	log_add("background publish %s%s%s", y->failed ? "failed" : "done", y->failed ? ": " : "", y->error);
	return true;
}

void sync_finish(struct sync *y, const struct session *s)
{
	char err[ERR_MAX];
	if (y->err_fd >= 0)
		close(y->err_fd); /* the running child keeps writing into it */
	y->err_fd = -1;
	if (y->stale && spawn(s, NULL, err) < 0)
		log_add("%s", err);
	y->stale = false;
}
