/* copier: copies byte ranges from files into one output file on a thread of
 * its own. Each range's place in the output is fixed when it is handed
 * over, so the caller goes on (writing other ranges, reading a database)
 * while the kernel copies: a re-export copies its unchanged tasks alongside
 * finding which tasks changed (figures: tests/bench/RESULTS.md). */
#ifndef HANCHOT_COPIER_H
#define HANCHOT_COPIER_H

#include <stdint.h>

struct copier;

/* Starts a copier writing into out. NULL, with errno, when no thread. */
struct copier *copier_new(int out);

/* Hands over the copy of bytes [off, off + len) of fd to offset dst of the
 * output; fd must stay open until copier_wait() or copier_free(). Returns 0,
 * or the errno of an earlier copy that failed (nothing more is copied then;
 * a source shorter than asked gives EIO). */
int copier_add(struct copier *c, int fd, uint64_t off, uint64_t dst, uint64_t len);

/* Waits until everything handed over is copied. Returns 0 or the errno. */
int copier_wait(struct copier *c);

/* Ends the thread; copies not started yet are dropped. NULL is ignored. */
void copier_free(struct copier *c);

#endif
