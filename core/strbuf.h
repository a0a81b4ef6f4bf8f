/* strbuf: the growable string of the whole program, always NUL-terminated:
 * every piece of text built a bit at a time is built in one (git's strbuf).
 *
 * struct strbuf is a value the caller owns: STRBUF_INIT or strbuf_init(),
 * then strbuf_release() (or strbuf_take(), which hands the string over and
 * leaves the buffer empty). Growing never fails: out of memory is fatal
 * (core/xalloc). */
#ifndef HANCHOT_STRBUF_H
#define HANCHOT_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *p;    /* NULL until something is added; strbuf_str() is never NULL */
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *b);
void strbuf_release(struct strbuf *b);
/* Makes room for `more` bytes after len: b->p then holds at least
 * len + more + 1 bytes, for a caller that writes into b->p + len itself and
 * then sets len (keeping the NUL after it). */
void strbuf_grow(struct strbuf *b, size_t more);
void strbuf_addn(struct strbuf *b, const char *s, size_t n);
void strbuf_add(struct strbuf *b, const char *s);
void strbuf_addch(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shortens to len bytes (len <= b->len). */
void strbuf_truncate(struct strbuf *b, size_t len);
/* The string ("" when empty); valid until the next change. */
const char *strbuf_str(const struct strbuf *b);
/* The string, which the caller then owns and frees ("" allocated when
 * empty); the buffer is left empty. */
char *strbuf_take(struct strbuf *b);

#endif
