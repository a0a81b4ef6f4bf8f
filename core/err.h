/* err: one-line error messages for expected failures.
 *
 * A function that can fail on bad input takes `char *err` (a buffer of ERR_MAX
 * bytes, or NULL when the caller does not want the text) and returns nonzero
 * (or NULL/false) on failure. Messages are one line, lowercase, naming the
 * subject: "date '31/2/2024': february 2024 has 29 days". */
#ifndef HANCHOT_ERR_H
#define HANCHOT_ERR_H

#define ERR_MAX 512

/* Formats into err (when not NULL); always returns -1 so callers can
 * `return err_set(err, ...)`. */
int err_set(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The system's reason for errnum (strerror) in the messages' language
 * (core/i18n.h): "không có tệp hoặc thư mục này" for ENOENT when Vietnamese. */
const char *err_reason(int errnum);

#endif
