#include "core/strbuf.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void strbuf_init(struct strbuf *b) { memset(b, 0, sizeof *b); }

void strbuf_release(struct strbuf *b)
{
	free(b->p);
	strbuf_init(b);
}

void strbuf_grow(struct strbuf *b, size_t more)
{
	if (more >= (size_t)-1 - b->len - 1)
		xalloc_fatal("out of memory");
	xgrow((void **)&b->p, &b->cap, b->len + more + 1, 1);
}

void strbuf_addn(struct strbuf *b, const char *s, size_t n)
{
	assert(!b->p || b->len < b->cap);
	strbuf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void strbuf_add(struct strbuf *b, const char *s) { strbuf_addn(b, s, strlen(s)); }

void strbuf_addch(struct strbuf *b, char c) { strbuf_addn(b, &c, 1); }

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	strbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void strbuf_truncate(struct strbuf *b, size_t len)
{
	assert(len <= b->len);
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

const char *strbuf_str(const struct strbuf *b) { return b->p ? b->p : ""; }

char *strbuf_take(struct strbuf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	strbuf_init(b);
	return p;
}
