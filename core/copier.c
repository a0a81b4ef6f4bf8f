#include "core/copier.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/file.h"
#include "core/os.h"
#include "core/xalloc.h"

struct copy_job {
	int fd;
	uint64_t off, dst, len;
};

struct copier {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* a job or the end, for the thread */
	pthread_cond_t idle; /* nothing left to copy, for copier_wait() */
	struct copy_job *jobs;
	size_t n, next, cap;
	int out;
	int failed; /* errno of the first failure, 0 if none */
	bool busy, closing;
	char *buf;  /* once a kernel copy (os_copy) is refused: read and written */
};

/* Copies one job, FILE_WRITEBACK_BYTES at a time, starting the writeback of
 * each step: in the kernel when it can, else read and written. Returns 0 or
 * the errno. */
static int copy_range(struct copier *c, const struct copy_job *j)
{
	off_t in = (off_t)j->off, to = (off_t)j->dst;
	uint64_t len = j->len;
	while (len) {
		size_t step = len < FILE_WRITEBACK_BYTES ? (size_t)len : FILE_WRITEBACK_BYTES;
		off_t at = to;
		ssize_t n;
		if (!c->buf) {
			n = os_copy(j->fd, &in, c->out, &to, step);
			if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL ||
				      errno == EOPNOTSUPP || errno == EBADF)) {
				c->buf = xmalloc(FILE_WRITEBACK_BYTES);
				continue;
			}
		} else {
			n = pread(j->fd, c->buf, step, in);
			if (n > 0) {
				if (file_write_at(c->out, c->buf, (size_t)n, (uint64_t)to))
					return errno;
				in += n;
				to += n;
			}
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? EIO : errno;
		file_writeback(c->out, (uint64_t)at, (uint64_t)n);
		len -= (uint64_t)n;
	}
	return 0;
}

static void *copier_run(void *arg)
{
	struct copier *c = arg;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (c->next == c->n && !c->closing) {
			c->busy = false;
			pthread_cond_broadcast(&c->idle);
			pthread_cond_wait(&c->wake, &c->lock);
		}
		if (c->next == c->n)
			break;
		struct copy_job j = c->jobs[c->next++];
		bool skip = c->failed != 0; /* the output is abandoned */
		c->busy = true;
		pthread_mutex_unlock(&c->lock);
		int e = skip ? 0 : copy_range(c, &j);
		pthread_mutex_lock(&c->lock);
		if (e && !c->failed)
			c->failed = e;
	}
	c->busy = false;
	pthread_cond_broadcast(&c->idle);
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

struct copier *copier_new(int out)
{
	struct copier *c = xcalloc(1, sizeof *c);
	c->out = out;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	pthread_cond_init(&c->idle, NULL);
	int e = pthread_create(&c->thread, NULL, copier_run, c);
	if (e) {
		pthread_cond_destroy(&c->idle);
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		free(c);
		errno = e;
		return NULL;
	}
	return c;
}

int copier_add(struct copier *c, int fd, uint64_t off, uint64_t dst, uint64_t len)
{
	pthread_mutex_lock(&c->lock);
	int failed = c->failed;
	if (!failed && len) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 64;
			c->jobs = xrealloc(c->jobs, c->cap * sizeof *c->jobs);
		}
		c->jobs[c->n++] = (struct copy_job){ .fd = fd, .off = off, .dst = dst, .len = len };
		pthread_cond_signal(&c->wake);
	}
	pthread_mutex_unlock(&c->lock);
	return failed;
}

int copier_wait(struct copier *c)
{
	pthread_mutex_lock(&c->lock);
	while (c->next < c->n || c->busy)
		pthread_cond_wait(&c->idle, &c->lock);
	int failed = c->failed;
	pthread_mutex_unlock(&c->lock);
	return failed;
}

void copier_free(struct copier *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	if (!c->failed)
		c->failed = ECANCELED;
	c->closing = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->idle);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c->jobs);
	free(c->buf);
	free(c);
}
