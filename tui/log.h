/* log: what the program did, for a clerk to send when something went wrong
 * (tmux's -v log). Off unless --log FILE or the configuration's log_file
 * names a file; then each line is appended to it: the local time to the
 * millisecond, the process id, and what happened: the start (program,
 * command, database), errors and warnings, another process's writes read
 * again, exports and backups with their times, the end. Text from data is
 * cleaned to one line. One log per process; nothing here fails the program:
 * a log that cannot be written is dropped after log_open's message. */
#ifndef HANCHOT_LOG_H
#define HANCHOT_LOG_H

#include <stdbool.h>
#include <stdint.h>

/* Opens path for appending (created with mode 0600). 0, or -1 with a
 * message naming the file. */
int log_open(const char *path, char *err);
void log_close(void);
/* Whether a log is open: callers that would compute something only for the
 * log ask first. */
bool log_on(void);
/* Appends one line (nothing when no log is open). */
void log_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Milliseconds of a monotonic clock, for the durations the log reports. */
int64_t log_ms(void);

#endif
