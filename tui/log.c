#include "tui/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"

static FILE *log_file;

int log_open(const char *path, char *err)
{
	log_close();
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(err, VI ? "tệp nhật ký '%s': %s" : "log file '%s': %s", path, err_reason(errno));
	log_file = fdopen(fd, "a");
	if (!log_file) {
		close(fd);
		return err_set(err, VI ? "tệp nhật ký '%s': %s" : "log file '%s': %s", path, err_reason(errno));
	}
	return 0;
}

void log_close(void)
{
	if (log_file)
		fclose(log_file);
	log_file = NULL;
}

bool log_on(void) { return log_file != NULL; }

int64_t log_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void log_add(const char *fmt, ...)
{
	char text[2048], stamp[32];
	struct timespec now;
	struct tm tm;
	if (!log_file)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	clock_gettime(CLOCK_REALTIME, &now);
	localtime_r(&now.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	char *line = text_sanitize_dup(text, 0); /* one line, whatever the data held */
	/* a failed write is not the program's failure: the log is dropped */
	if (fprintf(log_file, "%s.%03ld %ld %s\n", stamp, now.tv_nsec / 1000000, (long)getpid(), line) < 0 ||
	    fflush(log_file) != 0)
		log_close();
	free(line);
}
