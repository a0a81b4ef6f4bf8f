#include "tui/noticefile.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/err.h"
#include "core/extract.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/intake.h"
#include "core/sniff.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "tui/paths.h"

/* The helper: $HANCHOT_EXTRACT, else hanchot-extract beside this program. */
static char *helper_path(void)
{
	const char *env = getenv("HANCHOT_EXTRACT");
	if (env && *env)
		return xstrdup(env);
	char *dir = paths_program_dir();
	char *path = dir ? xasprintf("%s/hanchot-extract", dir) : xstrdup("hanchot-extract");
	free(dir);
	return path;
}

struct child {
	pid_t pid;
	int out, err;
	struct strbuf text, lines;
	char error[ERR_MAX];
	bool done, cancelled, too_long;
};

/* One line the helper wrote on stderr. */
static void helper_line(struct child *c, const char *line, noticefile_progress progress, void *ctx,
			struct noticefile_text *t)
{
	size_t tag = strlen(NOTICEFILE_TAG);
	if (strncmp(line, NOTICEFILE_TAG, tag) != 0)
		return; /* a library's own message */
	line += tag;
	unsigned k, n;
	char fmt[8];
	if (line[0] == 'P' && sscanf(line, "P %u %u", &k, &n) == 2) {
		if (progress && !c->cancelled && progress(ctx, k, n)) {
			c->cancelled = true;
			kill(c->pid, SIGTERM);
		}
	} else if (line[0] == 'E' && line[1] == ' ') {
		snprintf(c->error, sizeof c->error, "%s", line + 2);
	} else if (line[0] == 'D' && sscanf(line, "D %7s %u", fmt, &n) == 2) {
		memcpy(t->format, fmt, sizeof t->format);
		t->scanned = n;
		c->done = true;
	}
}

static void child_exec(const char *helper, const char *path, int out[2], int err[2])
{
	int null = open("/dev/null", O_RDONLY);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(out[1], STDOUT_FILENO);
	dup2(err[1], STDERR_FILENO);
	for (int fd = 3; fd < 256; fd++)
		close(fd);
	/* Tesseract's OpenMP threads spin against each other on a busy
	 * machine: one thread reads a page three times faster under load */
	setenv("OMP_THREAD_LIMIT", "1", 0);
	struct rlimit cpu = { NOTICEFILE_CPU, NOTICEFILE_CPU + 5 };
	setrlimit(RLIMIT_CPU, &cpu);
	/* a backstop under the readers' own bounds: what they do not see (an
	 * image inline in a compressed page) fails to allocate past it */
	struct rlimit as = { (rlim_t)NOTICEFILE_AS << 20, (rlim_t)NOTICEFILE_AS << 20 };
	setrlimit(RLIMIT_AS, &as);
	signal(SIGPIPE, SIG_DFL);
	/* its errors in the chosen language too */
	char *argv[] = { (char *)"hanchot-extract", (char *)"--lang", (char *)(VI ? "vi" : "en"), (char *)path, NULL };
	execv(helper, argv);
	fprintf(stderr, VI ? NOTICEFILE_TAG "E không khởi động được chương trình đọc %s (%s): hãy dựng bằng make, "
					  "hoặc cài đặt cạnh hanchot (make install)\n"
			   : NOTICEFILE_TAG "E the helper %s cannot be started (%s): build it with make, or install it "
					  "beside hanchot (make install)\n",
		helper, err_reason(errno));
	_exit(127);
}

#define NO_READER (VI ? "không khởi động được trình đọc tệp (%s)" : "cannot start the reader (%s)")

/* Forks the helper on path, its stdout and stderr piped to c. */
static int start_helper(const char *path, struct child *c, char *err)
{
	int out[2], errp[2];
	if (pipe(out) != 0)
		return err_set(err, NO_READER, err_reason(errno));
	if (pipe(errp) != 0) {
		close(out[0]), close(out[1]);
		return err_set(err, NO_READER, err_reason(errno));
	}
	char *helper = helper_path();
	fflush(NULL);
	c->pid = fork();
	if (c->pid == 0)
		child_exec(helper, path, out, errp);
	close(out[1]);
	close(errp[1]);
	free(helper);
	if (c->pid < 0) {
		close(out[0]), close(errp[0]);
		return err_set(err, NO_READER, err_reason(errno));
	}
	c->out = out[0];
	c->err = errp[0];
	return 0;
}

/* Bytes from the helper's stdout (the text) or stderr (its lines). */
static void take_output(struct child *c, bool from_out, const char *buf, size_t n, noticefile_progress progress,
			void *ctx, struct noticefile_text *t)
{
	if (from_out) {
		if (c->text.len + n > EXTRACT_MAX_TEXT + 1) {
			c->too_long = true;
			kill(c->pid, SIGKILL);
		} else {
			strbuf_addn(&c->text, buf, n);
		}
		return;
	}
	strbuf_addn(&c->lines, buf, n);
	char *nl;
	while (c->lines.len && (nl = memchr(c->lines.p, '\n', c->lines.len))) {
		*nl = '\0';
		helper_line(c, c->lines.p, progress, ctx, t);
		size_t used = (size_t)(nl - c->lines.p) + 1;
		memmove(c->lines.p, nl + 1, c->lines.len - used);
		strbuf_truncate(&c->lines, c->lines.len - used);
	}
	if (c->lines.len > 4096)
		strbuf_truncate(&c->lines, 0); /* a library's endless line */
}

/* Reads both pipes until the helper closes them; a helper silent for
 * NOTICEFILE_SILENCE seconds is killed. */
static void read_helper(struct child *c, noticefile_progress progress, void *ctx, struct noticefile_text *t)
{
	int silent_ms = 0;
	char buf[65536];
	while (c->out >= 0 || c->err >= 0) {
		struct pollfd pf[2] = { { c->out, POLLIN, 0 }, { c->err, POLLIN, 0 } };
		int rc = poll(pf, 2, 1000);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			silent_ms += 1000;
			if (silent_ms >= NOTICEFILE_SILENCE * 1000) {
				kill(c->pid, SIGKILL);
				snprintf(c->error, sizeof c->error, "the file has been read for %d s without progress: it may be "
					 "damaged or hostile; open it and save or print it to a new PDF", NOTICEFILE_SILENCE);
			}
			continue;
		}
		silent_ms = 0;
		for (int i = 0; i < 2; i++) {
			int *fd = i == 0 ? &c->out : &c->err;
			if (*fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t n = read(*fd, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(*fd);
				*fd = -1;
			} else {
				take_output(c, i == 0, buf, (size_t)n, progress, ctx, t);
			}
		}
	}
}

/* How the helper ended: 0, or -1 with why. */
static int helper_verdict(const struct child *c, int status, char *err)
{
	if (c->cancelled)
		return err_set(err, VI ? "đã huỷ" : "cancelled");
	if (c->too_long)
		return err_set(err, VI ? "nội dung dài hơn một thông báo (trên %u MiB)" : "more text than a notice has (over %u MiB)",
			       EXTRACT_MAX_TEXT >> 20);
	if (c->error[0])
		return err_set(err, "%s", c->error);
	if (WIFSIGNALED(status))
		return err_set(err, VI ? "trình đọc dừng lại ở tệp này (tín hiệu %d): tệp bị hỏng hoặc được tạo ra để gây hại; "
					 "hãy mở và lưu lại, hoặc in ra một tệp PDF mới"
				       : "the reader stopped on this file (signal %d): it is damaged or built to harm; open it "
					 "and save it again, or print it to a new PDF", WTERMSIG(status));
	if (!c->done || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(err, VI ? "trình đọc không đọc được tệp này (mã thoát %d)"
				       : "the reader failed on this file (exit status %d)",
			       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

static int run_helper(const char *path, noticefile_progress progress, void *ctx, struct noticefile_text *t,
		      char *err)
{
	struct child c = { .pid = -1 };
	int status = 0;
	if (start_helper(path, &c, err))
		return -1;
	read_helper(&c, progress, ctx, t);
	while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = helper_verdict(&c, status, err);
	if (rc == 0) {
		t->len = c.text.len;
		t->text = strbuf_take(&c.text);
	}
	strbuf_release(&c.text);
	strbuf_release(&c.lines);
	return rc;
}

int noticefile_extract(const char *path, noticefile_progress progress, void *ctx, struct noticefile_text *t,
		       char *err)
{
	char *data = NULL;
	size_t len = 0;
	memset(t, 0, sizeof *t);
	if (file_read_all(path, EXTRACT_MAX_BYTES, &data, &len, err))
		return -1;
	enum sniff_kind kind = sniff(data, len, path, err);
	if (kind == SNIFF_REFUSED) {
		free(data);
		return -1;
	}
	if (kind == SNIFF_TEXT) {
		snprintf(t->format, sizeof t->format, "text");
		t->text = data;
		t->len = len;
		return 0;
	}
	free(data);
	return run_helper(path, progress, ctx, t, err);
}

int noticefile_read(const char *path, noticefile_progress progress, void *ctx, struct notice *n, char *err)
{
	struct noticefile_text t;
	const char *from = NULL;
	int rc = -1;
	notice_init(n);
	if (noticefile_extract(path, progress, ctx, &t, err))
		goto out;
	char why[ERR_MAX];
	if (intake_check(t.text, t.len, &from, why)) {
		if (from && strcmp(t.format, "text") == 0)
			err_set(err, VI ? "%s; hãy chuyển mã bằng: iconv -f %s -t UTF-8 '%s' > '%s.utf8'"
					: "%s; convert it with: iconv -f %s -t UTF-8 '%s' > '%s.utf8'", why, from, path, path);
		else
			err_set(err, "%s", why);
		goto out;
	}
	notice_release(n);
	if (notice_read(t.text, t.len, n, err))
		goto out;
	n->from_scan = t.scanned > 0;
	for (size_t i = 0; n->from_scan && i < n->n_units; i++)
		n->units[i].doubts |= NOTICE_DOUBT_FROM_SCAN; /* the words themselves may be wrong */
	rc = 0;
out:
	free(t.text);
	return rc;
}
