#include "core/ical.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* A batch is cut into pieces of PIECE tasks that threads take in turn (the
 * thread waiting for the batch takes some too), each into its own buffer;
 * the pieces are then written in order. libical keeps its per-call state in
 * thread-specific storage, and the options are read-only. */
#define PIECE 32
/* Below this many tasks a batch is not worth a thread. */
#define MIN_THREADED 64
#define MAX_THREADS 8

struct piece {
	struct strbuf out;
	size_t done; /* tasks serialised: all of the piece's, unless rc */
	int rc;
	char err[ERR_MAX];
};

/* One thread's part: its scratch space (and kept properties) stays with it. */
struct worker {
	struct ical_writer *w;
	struct ical_scratch *scratch; /* made when the worker first works */
};

struct ical_writer {
	ical_write_fn write;
	void *ctx;
	struct ical_prepared *prep;
	size_t n_threads; /* threads a batch may start: one per processor */
	/* the batch begun and not yet written */
	const struct task *tasks;
	const int64_t *sequences;
	size_t *lens;
	size_t n;
	struct piece *pieces;
	size_t n_pieces, cap_pieces;
	atomic_size_t next_piece;
	struct worker workers[MAX_THREADS + 1]; /* [0]: the waiting thread */
	pthread_t threads[MAX_THREADS];
	size_t n_started;
	bool pending;
	/* the header is written when the first bytes are: libical, which makes
	 * it, may still be opening (ical_load_begin()) while the caller reads
	 * its first tasks */
	struct ical_options header_opt; /* name and language; name owned */
	bool started;
	char *footer;
	int write_errno; /* 0, or errno of the first sink failure */
	bool failed;
};

static int sink(struct ical_writer *w, const char *data, size_t len, char *err)
{
	if (w->failed)
		return err_set(err, VI ? "xuất lịch: một lần ghi trước đó đã lỗi: %s" : "calendar export: an earlier write failed: %s",
			       err_reason(w->write_errno ? w->write_errno : EIO));
	if (len == 0)
		return 0;
	errno = 0;
	if (w->write(w->ctx, data, len) != 0) {
		w->failed = true;
		w->write_errno = errno ? errno : EIO;
		return err_set(err, VI ? "xuất lịch: không ghi được: %s" : "calendar export: write failed: %s",
			       err_reason(w->write_errno));
	}
	return 0;
}

struct ical_writer *ical_writer_new(const struct ical_options *opt, ical_write_fn write, void *ctx,
				    char *err)
{
	struct ical_prepared *prep = ical_prepared_new(opt, err);
	if (!prep)
		return NULL;
	struct ical_writer *w = xcalloc(1, sizeof *w);
	w->write = write;
	w->ctx = ctx;
	w->prep = prep;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	w->n_threads = cpus <= 1 ? 0 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
	w->header_opt = (struct ical_options){ .lang = opt->lang,
					       .calendar_name = opt->calendar_name ? xstrdup(opt->calendar_name) : NULL };
	return w;
}

int ical_writer_start(struct ical_writer *w, char *err)
{
	if (w->started || w->failed)
		return sink(w, NULL, 0, err); /* 0, or says why */
	if (ical_load(err))
		return -1;
	struct strbuf header = STRBUF_INIT;
	ical_calendar_text(&w->header_opt, &header, &w->footer);
	int rc = sink(w, header.p, header.len, err);
	strbuf_release(&header);
	w->started = rc == 0;
	return rc;
}

/* Serialises pieces of the pending batch until none is left. */
static void *serialise_pieces(void *arg)
{
	struct worker *k = arg;
	struct ical_writer *w = k->w;
	size_t i;
	while ((i = atomic_fetch_add(&w->next_piece, 1)) < w->n_pieces) {
		struct piece *pc = &w->pieces[i];
		size_t first = i * PIECE, n = w->n - first < PIECE ? w->n - first : PIECE;
		strbuf_truncate(&pc->out, 0);
		pc->rc = 0;
		if (!k->scratch)
			k->scratch = ical_scratch_new();
		for (pc->done = 0; pc->done < n; pc->done++) {
			size_t t = first + pc->done, before = pc->out.len;
			pc->rc = ical_task_text(&pc->out, &w->tasks[t], w->sequences[t], w->prep, k->scratch,
						pc->err);
			if (pc->rc)
				break;
			w->lens[t] = pc->out.len - before;
		}
	}
	return NULL;
}

int ical_writer_begin_many(struct ical_writer *w, const struct task *tasks,
			   const int64_t *sequences, size_t n, size_t *lens, char *err)
{
	if (w->pending)
		return err_set(err, "calendar export: a batch is already being serialised");
	if (ical_writer_start(w, err))
		return -1;
	w->tasks = tasks;
	w->sequences = sequences;
	w->lens = lens;
	w->n = n;
	w->n_pieces = (n + PIECE - 1) / PIECE;
	if (w->n_pieces > w->cap_pieces) {
		w->pieces = xrealloc(w->pieces, w->n_pieces * sizeof *w->pieces);
		memset(w->pieces + w->cap_pieces, 0, (w->n_pieces - w->cap_pieces) * sizeof *w->pieces);
		w->cap_pieces = w->n_pieces;
	}
	atomic_store(&w->next_piece, 0);
	w->n_started = 0;
	for (size_t i = 1; n >= MIN_THREADED && i <= w->n_threads; i++) {
		w->workers[i].w = w;
		if (pthread_create(&w->threads[w->n_started], NULL, serialise_pieces, &w->workers[i]))
			break; /* the waiting thread does the rest */
		w->n_started++;
	}
	w->pending = true;
	return 0;
}

int ical_writer_wait(struct ical_writer *w, char *err)
{
	if (!w->pending)
		return 0;
	w->pending = false;
	w->workers[0].w = w;
	serialise_pieces(&w->workers[0]);
	for (size_t i = 0; i < w->n_started; i++)
		pthread_join(w->threads[i], NULL);
	/* in task order: everything before the first bad task is written */
	for (size_t i = 0; i < w->n_pieces; i++) {
		struct piece *pc = &w->pieces[i];
		if (sink(w, pc->out.p, pc->out.len, err))
			return -1;
		if (pc->rc)
			return err_set(err, "%s", pc->err);
	}
	return 0;
}

int ical_writer_finish(struct ical_writer *w, char *err)
{
	if (ical_writer_wait(w, err) || ical_writer_start(w, err) || sink(w, w->footer, strlen(w->footer), err))
		return -1;
	return 0;
}

void ical_writer_free(struct ical_writer *w)
{
	if (!w)
		return;
	if (w->pending) { /* the threads read the writer */
		atomic_store(&w->next_piece, SIZE_MAX / 2);
		for (size_t i = 0; i < w->n_started; i++)
			pthread_join(w->threads[i], NULL);
	}
	ical_prepared_free(w->prep);
	for (size_t i = 0; i <= MAX_THREADS; i++)
		ical_scratch_free(w->workers[i].scratch);
	for (size_t i = 0; i < w->cap_pieces; i++)
		strbuf_release(&w->pieces[i].out);
	free(w->pieces);
	free(w->footer);
	free((char *)w->header_opt.calendar_name);
	free(w);
}
