#include "db/export.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/task.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/export_index.h"

void db_export_filter_init(struct db_export_filter *f)
{
	memset(f, 0, sizeof *f);
	f->from = f->to = DATE_NONE;
}

int db_export_filter_check(struct db *db, const struct db_export_filter *f, char *err)
{
	static const char sql[] = "SELECT 1 FROM document WHERE id = ?1";
	char a[DATE_BUF], b[DATE_BUF];
	if (f->from != DATE_NONE && f->to != DATE_NONE && f->from > f->to)
		return err_set(err, VI ? "--from %s sau --to %s" : "--from %s is after --to %s", date_format_iso(f->from, a),
			       date_format_iso(f->to, b));
	if (f->document_id < 0)
		return err_set(err, VI ? "--document %" PRId64 ": không có văn bản này" : "--document %" PRId64 ": no such document", f->document_id);
	if (f->document_id > 0) {
		sqlite3_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, f->document_id);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, VI ? "--document %" PRId64 ": không có văn bản này" : "--document %" PRId64 ": no such document", f->document_id);
		if (rc != SQLITE_ROW)
			return db_fail(db, "reading documents", err);
	}
	return 0;
}

uint64_t db_export_options_key(const struct ical_options *opt)
{
	uint64_t h = ical_options_fingerprint(opt);
	const char *name = opt->calendar_name ? opt->calendar_name : "";
	for (const unsigned char *p = (const unsigned char *)name;; p++) {
		h = (h ^ *p) * UINT64_C(1099511628211);
		if (!*p)
			break;
	}
	return h;
}

/* Runs sql (no result rows) with ?1 bound to text (when not NULL). */
static int run(struct db *db, const char *sql, const char *text, char *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	if (text)
		db_bind_text(st, 1, text);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "noting the export options", err);
}

int db_export_options_seen(struct db *db, uint64_t key, char *err)
{
	static const char get_sql[] = "SELECT options FROM ical_state WHERE id = 1";
	char ts[24], num[32];
	sqlite3_stmt *st = db_prepare(db, get_sql, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	bool first = rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL;
	bool same = rc == SQLITE_ROW && !first && sqlite3_column_int64(st, 0) == (int64_t)key;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading the export state", err);
	if (same)
		return 0;
	snprintf(num, sizeof num, "%" PRId64, (int64_t)key);
	if (db_begin(db, err))
		return -1;
	if ((!first && (run(db, "UPDATE task SET ical_sequence = ical_sequence + 1, ical_modified = ?1",
			    db_timestamp(db, ts), err) ||
			run(db, "UPDATE ical_state SET generation = generation + 1", NULL, err))) ||
	    run(db, "UPDATE ical_state SET options = CAST(?1 AS INTEGER) WHERE id = 1", num, err)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ------------------------------------------------------------- the export */

/* LAST-MODIFIED is the last exported change, not the last note. */
#define TASK_COLS                                                                                  \
	"t.id, t.ical_sequence, t.uuid, "                                                          \
	TASK_CORE_COLUMNS_WITH("coalesce(t.ical_modified, t.updated_at)")

#define TASK_FILTER                                                                                \
	" FROM task t WHERE t.due_date IS NOT NULL"                                                \
	"   AND (?2 = 0 OR t.status NOT IN ('done','cancelled'))"                                  \
	"   AND (?3 = 0 OR t.document_id = ?3)"                                                    \
	"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id"           \
	"        AND ta.agency_id = ?4 AND ta.role = 'lead'))"                                     \
	"   AND (?5 IS NULL OR t.due_date >= ?5)"                                                  \
	"   AND (?6 IS NULL OR t.due_date <= ?6)"                                                  \
	"   AND (?7 IS NULL OR instr(coalesce(t.search_key, " DB_SEARCH_KEY("t") "), ?7) > 0)"       \
	" ORDER BY t.id"

/* Every column of every task, in one pass (no previous file to copy from). */
static const char full_sql[] = "SELECT " TASK_COLS TASK_FILTER;
/* Only what decides whether a task can be copied; the rest by id. */
static const char light_sql[] = "SELECT t.id, t.ical_sequence, t.uuid" TASK_FILTER;
static const char one_sql[] = "SELECT " TASK_COLS " FROM task t WHERE t.id = ?1";

/* Where the calendar goes: built text and the byte ranges copied from the
 * previous export, all through write(). pos counts every byte. */
struct out {
	ical_write_fn write;
	void *ctx;
	uint64_t pos;
	char *buf; /* for reading a range to copy */
};

static int out_write(void *ctx, const char *data, size_t len)
{
	struct out *o = ctx;
	if (o->write(o->ctx, data, len))
		return -1;
	o->pos += len;
	return 0;
}

#define COPY_CHUNK (1 << 18)

static int out_copy(struct out *o, int fd, uint64_t off, uint64_t len, char *err)
{
	if (len == 0)
		return 0;
	errno = 0;
	if (!o->buf)
		o->buf = xmalloc(COPY_CHUNK);
	while (len) {
		size_t want = len < COPY_CHUNK ? (size_t)len : COPY_CHUNK;
		ssize_t n = pread(fd, o->buf, want, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO; /* shorter than recorded */
			return err_set(err, VI ? "xuất lịch: đọc bản xuất trước: %s" : "calendar export: reading the previous export: %s",
				       err_reason(errno));
		}
		if (out_write(o, o->buf, (size_t)n))
			return err_set(err, VI ? "xuất lịch: không ghi được: %s" : "calendar export: write failed: %s",
				       err_reason(errno ? errno : EIO));
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
}

static void bind_filter(sqlite3_stmt *st, const struct db_export_filter *f)
{
	sqlite3_bind_int(st, 2, f->open_only);
	sqlite3_bind_int64(st, 3, f->document_id);
	sqlite3_bind_int64(st, 4, f->agency_id);
	db_bind_day(st, 5, f->from);
	db_bind_day(st, 6, f->to);
	db_bind_text(st, 7, f->search && *f->search ? f->search : NULL);
}

/* Tasks to serialise together (on other threads: see
 * ical_writer_begin_many()), with the index entries they will get. Two
 * alternate: one is read from the database while the other is serialised. */
#define BATCH 1024

struct batch {
	struct task tasks[BATCH];
	int64_t sequences[BATCH];
	struct export_entry entries[BATCH];
	size_t lens[BATCH];
	size_t n;
};

struct batches {
	struct batch b[2];
	struct batch *filling, *serialising; /* serialising: NULL or begun */
	size_t limit; /* tasks the filling batch takes: FIRST_BATCH, doubling up to BATCH */
};

/* The first batch is small, so that serialising starts early and the next
 * batches are read meanwhile even in a small export. */
#define FIRST_BATCH 128

static void batch_release(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		task_release(&b->tasks[i]);
	b->n = 0;
}

/* Queues the task in the TASK_COLS row st, to go where e says; a task no
 * calendar can take is counted in stats and left out (returns 1). */
static int batch_add(struct batch *b, sqlite3_stmt *st, struct db_task_links *links,
		     const struct export_entry *e, struct db_export_stats *stats, char *err)
{
	assert(b->n < BATCH);
	struct task *t = &b->tasks[b->n];
	char why[ERR_MAX];
	db_task_read_core(st, 3, t);
	if (ical_task_check(t, e->seq, why)) {
		if (!stats->skipped++)
			snprintf(stats->skipped_why, sizeof stats->skipped_why, "%s", why);
		task_release(t); /* the next fill passes over its agencies */
		return 1;
	}
	if (db_task_links_fill(links, t, err)) {
		task_release(t);
		return -1;
	}
	b->sequences[b->n] = e->seq;
	b->entries[b->n++] = *e;
	return 0;
}

/* Waits for the batch being serialised and writes it, noting where each
 * task went in ix. */
static int batches_wait(struct batches *q, struct ical_writer *w, struct out *o, struct export_index *ix,
			char *err)
{
	struct batch *b = q->serialising;
	if (!b)
		return 0;
	q->serialising = NULL;
	uint64_t pos = o->pos;
	int rc = ical_writer_wait(w, err);
	for (size_t i = 0; rc == 0 && i < b->n; i++) {
		b->entries[i].off = pos;
		b->entries[i].len = b->lens[i];
		pos += b->lens[i];
		if (ix && b->lens[i])
			export_index_add(ix, &b->entries[i]);
	}
	batch_release(b);
	return rc;
}

/* Starts serialising the filled batch (after the one before it is written). */
static int batches_begin(struct batches *q, struct ical_writer *w, struct out *o, struct export_index *ix,
			 char *err)
{
	if (batches_wait(q, w, o, ix, err))
		return -1;
	if (!q->filling->n)
		return 0;
	struct batch *b = q->filling;
	if (ical_writer_begin_many(w, b->tasks, b->sequences, b->n, b->lens, err))
		return -1;
	q->limit = q->limit * 2 < BATCH ? q->limit * 2 : BATCH;
	q->serialising = b;
	q->filling = b == &q->b[0] ? &q->b[1] : &q->b[0];
	return 0;
}

/* Writes every queued task: o->pos is then where the next bytes go. */
static int batches_flush(struct batches *q, struct ical_writer *w, struct out *o, struct export_index *ix,
			 char *err)
{
	return batches_begin(q, w, o, ix, err) || batches_wait(q, w, o, ix, err) ? -1 : 0;
}

static void batches_free(struct batches *q, struct ical_writer *w)
{
	if (!q)
		return;
	if (q->serialising) { /* the writer's threads read its tasks */
		char ignored[ERR_MAX];
		ical_writer_wait(w, ignored);
	}
	batch_release(&q->b[0]);
	batch_release(&q->b[1]);
	free(q);
}

/* One export as it goes: where its bytes go, what it copies from and what it
 * notes; the tasks being serialised; a run of source bytes not copied yet
 * (never at the same time as a batch of tasks not written yet). */
struct run {
	struct db *db;
	struct out *o;
	struct export_source *src;
	struct export_index *ix;
	struct db_export_stats *stats;
	struct ical_writer *w;
	struct batches *queue;
	struct db_task_links *links;
	uint64_t run_off, run_len;
};

/* Copies the run of source bytes noted so far. */
static int copy_run(struct run *r, char *err)
{
	if (out_copy(r->o, r->src ? r->src->fd : -1, r->run_off, r->run_len, err))
		return -1;
	r->run_len = 0;
	return 0;
}

/* Task e is as the source holds it (old): its bytes join the run. */
static int copy_task(struct run *r, struct export_entry *e, const struct export_entry *old, char *err)
{
	if (ical_writer_start(r->w, err) || batches_flush(r->queue, r->w, r->o, r->ix, err))
		return -1;
	if (r->run_len && r->run_off + r->run_len != old->off && copy_run(r, err))
		return -1;
	if (!r->run_len)
		r->run_off = old->off;
	e->off = r->o->pos + r->run_len;
	e->len = old->len;
	r->run_len += old->len;
	r->stats->copied++;
	if (r->ix && e->len)
		export_index_add(r->ix, e);
	return 0;
}

struct db_task_links *db_export_links(struct db *db, char *err)
{
	struct db_task_links *l = db_task_links_new(db, err);
	if (l && db_task_links_for_calendar(l, err)) {
		db_task_links_free(l);
		return NULL;
	}
	return l;
}

int db_export_read_task(struct db *db, struct db_task_links *links, int64_t id, struct task *t, int64_t *sequence,
			char *err)
{
	sqlite3_stmt *one = db_prepare(db, one_sql, err);
	int rc = -1;
	if (!one || db_task_links_seek(links, id, id, err))
		goto out;
	sqlite3_bind_int64(one, 1, id);
	int step = sqlite3_step(one);
	if (step == SQLITE_ROW) {
		*sequence = sqlite3_column_int64(one, 1);
		db_task_read_core(one, 3, t);
		rc = db_task_links_fill(links, t, err) ? -1 : 1;
	} else {
		rc = step == SQLITE_DONE ? 0 : db_fail(db, "reading a task to publish", err);
	}
	sqlite3_reset(one);
out:
	return rc;
}

/* Reads task e->id whole (a splice read only its id, SEQUENCE and uuid)
 * into the filling batch: as batch_add. */
static int add_by_id(struct run *r, const struct export_entry *e, char *err)
{
	sqlite3_stmt *one = db_prepare(r->db, one_sql, err);
	if (!one || (!r->links && !(r->links = db_export_links(r->db, err))) ||
	    db_task_links_seek(r->links, e->id, e->id, err))
		return -1;
	sqlite3_bind_int64(one, 1, e->id);
	int orc = sqlite3_step(one);
	int brc = orc == SQLITE_ROW ? batch_add(r->queue->filling, one, r->links, e, r->stats, err) : 0;
	sqlite3_reset(one);
	return orc == SQLITE_ROW ? brc : db_fail(r->db, "reading a task to export", err);
}

/* Task e (row st) changed since the source, or there is none: queued to
 * serialise (0), left out as no calendar can take it (1), or -1. */
static int build_task(struct run *r, sqlite3_stmt *st, const struct export_entry *e, char *err)
{
	if (copy_run(r, err))
		return -1;
	int brc = r->stats->spliced ? add_by_id(r, e, err) : batch_add(r->queue->filling, st, r->links, e, r->stats, err);
	if (brc)
		return brc;
	if (r->queue->filling->n == r->queue->limit && batches_begin(r->queue, r->w, r->o, r->ix, err))
		return -1;
	r->stats->built++;
	return 0;
}

/* Every task the statement st selects, copied or built, in id order. */
static int each_task(struct run *r, sqlite3_stmt *st, char *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct export_entry e = { .id = sqlite3_column_int64(st, 0), .seq = sqlite3_column_int64(st, 1) };
		e.uuid_hash = export_index_uuid_hash((const char *)sqlite3_column_text(st, 2));
		const struct export_entry *old =
			r->stats->spliced ? export_index_find(r->src, e.id, e.seq, e.uuid_hash) : NULL;
		int trc = old ? copy_task(r, &e, old, err) : build_task(r, st, &e, err);
		if (trc < 0) {
			sqlite3_reset(st);
			return -1;
		}
		r->stats->tasks += trc == 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, "reading tasks to export", err);
}

/* The export proper; runs inside the caller's transaction. Copies the bytes
 * of tasks src still holds (same id, SEQUENCE and uuid) and serialises the
 * rest; notes where each task went in ix (may be NULL). */
static int write_calendar(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
			  struct out *o, struct export_source *src, struct export_index *ix,
			  struct db_export_stats *stats, char *err)
{
	struct db_export_filter all;
	struct db_export_stats local = { 0 };
	struct run r = { .db = db, .o = o, .src = src, .ix = ix, .stats = stats ? stats : &local };
	sqlite3_stmt *st;
	int ret = -1;
	if (!f) {
		db_export_filter_init(&all);
		f = &all;
	}
	memset(r.stats, 0, sizeof *r.stats);
	r.stats->spliced = src && src->fd >= 0;
	if (db_export_filter_check(db, f, err) || !(r.w = ical_writer_new(opt, out_write, o, err)))
		return -1;
	if (ix && r.stats->spliced && src->ix.n >= ix->cap) { /* no growing 100,000 entries */
		ix->cap = src->ix.n + 64;
		ix->e = xrealloc(ix->e, ix->cap * sizeof *ix->e);
	}
	r.queue = xcalloc(1, sizeof *r.queue);
	r.queue->filling = &r.queue->b[0];
	r.queue->limit = FIRST_BATCH;
	/* a splice reads agencies only for the tasks it rebuilds: often none */
	if (!r.stats->spliced && (!(r.links = db_export_links(db, err)) ||
				  db_task_links_seek(r.links, 1, INT64_MAX, err)))
		goto out;
	if (!(st = db_prepare(db, r.stats->spliced ? light_sql : full_sql, err)))
		goto out;
	bind_filter(st, f);
	if (each_task(&r, st, err) || batches_flush(r.queue, r.w, o, ix, err) || copy_run(&r, err) ||
	    ical_writer_finish(r.w, err))
		goto out;
	ret = 0;
out:
	batches_free(r.queue, r.w);
	db_task_links_free(r.links);
	ical_writer_free(r.w);
	return ret;
}

/* A file's key in ical_index: its name as file_output_resolve() spells it
 * (links followed, real folder), or NULL when path is no file to copy from. */
static char *file_key(const char *path)
{
	struct file_output o = { .fd = -1 };
	char err[ERR_MAX], *key = NULL;
	if (path && *path && file_output_resolve(path, &o, err) == 0 && !o.stream) {
		key = o.path;
		o.path = NULL;
	}
	file_output_release(&o);
	return key;
}

int db_export_write(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		    ical_write_fn write, void *ctx, const char *copy_from, struct db_export_stats *stats,
		    char *err)
{
	struct out o = { .write = write, .ctx = ctx };
	struct export_source src = { .fd = -1 };
	if (ical_options_check(opt, err))
		return -1;
	if (db_begin(db, err))
		return -1;
	char *key = file_key(copy_from);
	int rc = export_index_open_source(db, (int64_t)ical_options_fingerprint(opt), key, &src, err);
	free(key);
	if (rc == 0)
		rc = write_calendar(db, opt, f, &o, &src, NULL, stats, err);
	export_index_close_source(&src);
	free(o.buf);
	if (rc) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ------------------------------------------------------------ atomic files */

/* The new export file, written through a buffer. pos counts every byte
 * placed. */
struct file_sink {
	int fd;
	char *buf;
	size_t len, cap;
	uint64_t pos;
	uint64_t unkicked; /* start of the text written since the last kick */
	int io_errno;  /* errno of the first failure, 0 if none */
};

static int sink_failed(struct file_sink *s, int e)
{
	if (!s->io_errno)
		s->io_errno = e ? e : EIO;
	errno = s->io_errno;
	return -1;
}

static int flush_raw(struct file_sink *s, const char *p, size_t len)
{
	if (file_write_at(s->fd, p, len, s->pos))
		return sink_failed(s, errno);
	s->pos += len;
	if (s->pos - s->unkicked >= FILE_WRITEBACK_BYTES) {
		file_writeback(s->fd, s->unkicked, s->pos - s->unkicked);
		s->unkicked = s->pos;
	}
	return 0;
}

static int flush_sink(struct file_sink *s)
{
	if (flush_raw(s, s->buf, s->len))
		return -1;
	s->len = 0;
	return 0;
}

static int sink_write(void *ctx, const char *data, size_t len)
{
	struct file_sink *s = ctx;
	if (s->len + len > s->cap && flush_sink(s))
		return -1;
	if (len >= s->cap)
		return flush_raw(s, data, len);
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	return 0;
}


/* Writes a stream output: all of it, whatever write() takes at a time. */
static int stream_write(void *ctx, const char *data, size_t len)
{
	int fd = *(int *)ctx;
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Where an export into a named output goes, as it goes: the output
 * resolved, and either the stream written into or the file written (the
 * spare of the kept-current file, else a temporary file) and renamed over
 * it; for the kept-current file, its index's path. */
struct target {
	struct file_output to;
	mode_t mode;
	char *dir, *tmp, *ipath, *spare_at;
	struct file_spare spare;
	struct file_sink sink;
	int stream_fd;
};

/* Resolves path (before the transaction): what it is, its permissions,
 * what killed exports left next to it. */
static int target_resolve(struct db *db, const char *path, bool keep, struct target *t, char *err)
{
	char sub[ERR_MAX];
	if (file_output_resolve(path, &t->to, sub) || db_check_output(db, &t->to, sub))
		return err_set(err, VI ? "tệp xuất '%s': %s" : "export file '%s': %s", path, sub);
	if (keep && t->to.stream)
		return err_set(err, VI ? "tệp xuất '%s': không phải tệp (không thể cập nhật liên tục một thiết bị, FIFO hay socket)"
			       : "export file '%s': not a file (a device, FIFO or socket cannot be kept current)", path);
	t->mode = t->to.mode;
	if (!t->to.exists) {
		mode_t mask = umask(0);
		umask(mask);
		t->mode = 0666 & ~mask;
	}
	if (!t->to.stream) {
		t->dir = file_parent_dir(t->to.path);
		file_temp_clean(t->dir, strrchr(t->to.path, '/') + 1);
	}
	if (keep) {
		t->ipath = export_index_path(db, t->to.path);
		t->spare_at = export_index_spare_path(t->ipath);
	}
	return 0;
}

/* Opens what the export writes (inside the transaction) and points o at it. */
static int target_open(struct target *t, const char *path, bool keep, struct out *o, char *err)
{
	char sub[ERR_MAX];
	if (t->to.stream) {
		if ((t->stream_fd = file_output_stream(&t->to, sub)) < 0)
			return err_set(err, VI ? "tệp xuất '%s': %s" : "export file '%s': %s", path, sub);
		*o = (struct out){ .write = stream_write, .ctx = &t->stream_fd };
		return 0;
	}
	/* under the write lock: processes sharing the database take turns with
	 * the spare (and with evicting it) */
	t->sink.fd = keep ? file_spare_open(&t->spare, t->spare_at, t->to.path, t->mode) : -1;
	if (t->sink.fd < 0 && (t->sink.fd = file_temp_create(t->to.path, t->mode, &t->tmp)) < 0)
		return err_set(err, VI ? "tệp xuất '%s': không ghi được vào thư mục '%s': %s"
				       : "export file '%s': cannot write in folder '%s': %s", path, t->dir, err_reason(errno));
	t->sink.cap = 1 << 18;
	t->sink.buf = xmalloc(t->sink.cap);
	*o = (struct out){ .write = sink_write, .ctx = &t->sink };
	return 0;
}

/* The file written whole and flushed, then in place of the old one; *st is
 * its identity, from the descriptor (no race with the rename). A stream is
 * closed. */
static int target_finish(struct target *t, const char *path, struct stat *st, char *err)
{
	int e;
	if (t->to.stream) {
		e = close(t->stream_fd) != 0 ? errno : 0;
		t->stream_fd = -1;
		return e ? err_set(err, VI ? "tệp xuất '%s': không ghi được: %s" : "export file '%s': write failed: %s", path, err_reason(e)) : 0;
	}
	/* the truncation drops what a longer old version left in the spare */
	if (flush_sink(&t->sink) || ftruncate(t->sink.fd, (off_t)t->sink.pos) != 0 || fsync(t->sink.fd) != 0 ||
	    fstat(t->sink.fd, st) != 0)
		return err_set(err, VI ? "tệp xuất '%s': không ghi được: %s" : "export file '%s': write failed: %s", path,
			       err_reason(errno));
	if (t->spare.fd >= 0) {
		e = file_spare_swap(&t->spare, t->to.path);
		file_spare_close(&t->spare);
	} else {
		/* renamed while still open: its lock keeps file_temp_clean() away */
		e = file_replace(t->tmp, t->to.path);
		if (e == 0) {
			free(t->tmp);
			t->tmp = NULL;
		}
		if (close(t->sink.fd) != 0 && !e)
			e = errno;
	}
	t->sink.fd = -1;
	return e ? err_set(err, VI ? "tệp xuất '%s': không thay thế được: %s" : "export file '%s': cannot replace it: %s", path,
			   err_reason(e)) : 0;
}

static void target_close(struct target *t)
{
	if (t->spare.fd >= 0)
		file_spare_close(&t->spare);
	else if (t->sink.fd >= 0)
		close(t->sink.fd);
	if (t->stream_fd >= 0)
		close(t->stream_fd);
	if (t->tmp)
		unlink(t->tmp);
	free(t->tmp);
	file_output_release(&t->to);
	free(t->sink.buf);
	free(t->dir);
	free(t->ipath);
	free(t->spare_at);
}

/* Notes in ical_export what the kept-current file at key now holds, for
 * db_export_refresh() to tell that nothing changed since. */
static int record_export(struct db *db, const char *key, const struct ical_options *opt, const struct stat *st,
			 char *err)
{
	static const char gen_sql[] = "SELECT generation FROM ical_state WHERE id = 1";
	static const char rec_sql[] = "INSERT OR REPLACE INTO ical_export(path, options, generation, size, mtime)"
				      " VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *q = db_prepare(db, gen_sql, err);
	if (!q)
		return -1;
	int64_t gen = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_reset(q);
	if (!(q = db_prepare(db, rec_sql, err)))
		return -1;
	db_bind_text(q, 1, key);
	sqlite3_bind_int64(q, 2, (int64_t)db_export_options_key(opt));
	sqlite3_bind_int64(q, 3, gen);
	sqlite3_bind_int64(q, 4, (int64_t)st->st_size);
	sqlite3_bind_int64(q, 5, export_index_mtime(st));
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording the export file", err);
}

/* Exports into path (file_output_resolve(): a file is replaced atomically, a
 * device, FIFO or socket written into), copying unchanged tasks from the
 * previous export of copy_from when it is still intact. keep: path is the
 * kept-current export_file: it is copied from itself, its index recorded
 * (and its spare used), and what was written noted in ical_export for
 * db_export_refresh(). All inside one transaction: a failed export changes
 * nothing in the database. */
static int export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		       const char *path, const char *copy_from, bool keep, struct db_export_stats *stats,
		       char *err)
{
	struct target t = { .stream_fd = -1, .spare = { .fd = -1 }, .sink = { .fd = -1 } };
	struct export_source src = { .fd = -1 };
	struct export_index ix = { 0 };
	struct out o = { 0 };
	struct stat st;
	int64_t fp = (int64_t)ical_options_fingerprint(opt);
	char *src_key = NULL;
	int ret = -1;

	if (!path || !*path)
		return err_set(err, VI ? "chưa có tên tệp xuất" : "no export file given");
	if (ical_options_check(opt, err) || target_resolve(db, path, keep, &t, err) || db_begin(db, err))
		goto out;
	src_key = keep ? xstrdup(t.to.path) : file_key(copy_from);
	if (target_open(&t, path, keep, &o, err) || export_index_open_source(db, fp, src_key, &src, err))
		goto fail;
	if (write_calendar(db, opt, f, &o, &src, keep ? &ix : NULL, stats, err)) {
		if (t.sink.io_errno)
			err_set(err, VI ? "tệp xuất '%s': không ghi được: %s" : "export file '%s': write failed: %s", path,
				err_reason(t.sink.io_errno));
		goto fail;
	}
	if (target_finish(&t, path, &st, err) ||
	    (keep && (export_index_record(db, t.to.path, t.ipath, fp, &st, &ix, err) ||
		      record_export(db, t.to.path, opt, &st, err))))
		goto fail;
	ret = db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	target_close(&t);
	export_index_close_source(&src);
	free(o.buf);
	free(ix.e);
	free(src_key);
	return ret;
}

int db_export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		   const char *path, const char *copy_from, struct db_export_stats *stats, char *err)
{
	return export_file(db, opt, f, path, copy_from, false, stats, err);
}

int db_export_refresh(struct db *db, const struct ical_options *opt, const char *path, bool *written,
		      struct db_export_stats *stats, char *err)
{
	static const char sql[] =
		"SELECT e.options, e.generation, e.size, e.mtime, s.generation"
		" FROM ical_state s LEFT JOIN ical_export e ON e.path = ?1 WHERE s.id = 1";
	struct stat st;
	bool fresh = false;
	if (written)
		*written = false;
	if (stats)
		memset(stats, 0, sizeof *stats);
	if (!path || !*path)
		return err_set(err, VI ? "chưa có tên tệp xuất" : "no export file given");
	char *key = file_key(path);
	if (key) { /* what a killed refresh left, even when nothing is to be written */
		char *dir = file_parent_dir(key);
		file_temp_clean(dir, strrchr(key, '/') + 1);
		free(dir);
	}
	sqlite3_stmt *q = key ? db_prepare(db, sql, err) : NULL;
	if (key && !q) {
		free(key);
		return -1;
	}
	int rc = SQLITE_ROW;
	if (q) {
		db_bind_text(q, 1, key);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL && stat(key, &st) == 0 &&
		    S_ISREG(st.st_mode))
			fresh = sqlite3_column_int64(q, 0) == (int64_t)db_export_options_key(opt) &&
				sqlite3_column_int64(q, 1) == sqlite3_column_int64(q, 4) &&
				sqlite3_column_int64(q, 2) == (int64_t)st.st_size &&
				sqlite3_column_int64(q, 3) == export_index_mtime(&st);
		sqlite3_reset(q);
	}
	free(key);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading the export state", err);
	if (fresh)
		return 0;
	int ret = export_file(db, opt, NULL, path, NULL, true, stats, err);
	if (ret == 0 && written)
		*written = true;
	return ret;
}
