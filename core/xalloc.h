/* xalloc: allocation that never returns NULL.
 *
 * Running out of memory is fatal. Before exiting, the hook set with
 * xalloc_set_fatal_hook() runs (the TUI uses it to restore the terminal), then a
 * one-line message goes to stderr and the process exits with status 1.
 * Every function returns memory the caller owns and frees with free(). */
#ifndef HANCHOT_XALLOC_H
#define HANCHOT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows *array (of *capacity items of item_size bytes) to hold at least need items. */
void xgrow(void **array, size_t *capacity, size_t need, size_t item_size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void xalloc_set_fatal_hook(void (*hook)(void));
/* Runs the hook, prints "hanchot: <msg>" and exits 1. */
void xalloc_fatal(const char *msg) __attribute__((noreturn));

#endif
