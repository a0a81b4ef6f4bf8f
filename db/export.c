#include "db/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/copier.h"
#include "core/file.h"
#include "core/task.h"
#include "core/xalloc.h"
#include "db/db_internal.h"


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
		return err_set(err, "--from %s is after --to %s", date_format_iso(f->from, a),
			       date_format_iso(f->to, b));
	if (f->document_id < 0)
		return err_set(err, "--document %" PRId64 ": no such document", f->document_id);
	if (f->document_id > 0) {
		sqlite3_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, f->document_id);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return err_set(err, "--document %" PRId64 ": no such document", f->document_id);
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

/* ------------------------------------------------------------- the index */

/* One task's components in an export file: bytes [off, off + len). */
struct ix_entry {
	int64_t id, seq;
	uint64_t uuid_hash, off, len;
};

/* An index is stored as a BLOB: a format byte, the first entry's offset,
 * the number of entries, then per entry the id's increase over the previous
 * one, the SEQUENCE and the length (LEB128 varints) and the low 32 bits of
 * the uuid hash (4 bytes, little-endian). Entries
 * are contiguous in the file (nothing but tasks lies between its header and
 * footer), so offsets follow from the lengths: ~8 bytes a task. */
#define IX_FORMAT 1

struct ix {
	struct ix_entry *e;
	size_t n, cap;
};

static void ix_add(struct ix *x, const struct ix_entry *e)
{
	if (x->n == x->cap) {
		void *p = x->e;
		xgrow(&p, &x->cap, x->n + 1, sizeof *x->e);
		x->e = p;
	}
	x->e[x->n++] = *e;
}

struct bytes {
	unsigned char *p;
	size_t len, cap;
};

static void put_varint(struct bytes *b, uint64_t v)
{
	if (b->len + 10 > b->cap) {
		void *p = b->p;
		xgrow(&p, &b->cap, b->len + 10, 1);
		b->p = p;
	}
	do {
		unsigned char c = v & 0x7F;
		v >>= 7;
		b->p[b->len++] = (unsigned char)(c | (v ? 0x80 : 0));
	} while (v);
}

static void put_u32(struct bytes *b, uint32_t v)
{
	put_varint(b, 0); /* makes room */
	b->len--;
	if (b->len + 4 > b->cap) {
		void *p = b->p;
		xgrow(&p, &b->cap, b->len + 4, 1);
		b->p = p;
	}
	for (int k = 0; k < 4; k++)
		b->p[b->len++] = (unsigned char)(v >> (8 * k));
}

/* Reads a varint from [*p, end); returns -1 when it runs off the end. */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*p == end)
			return -1;
		unsigned char c = *(*p)++;
		*v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return -1;
}

static uint64_t fnv64(const void *data, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (const unsigned char *p = data, *end = p + n; p < end; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return h;
}

/* A task deleted and another created under its id starts again at SEQUENCE
 * 0: the uuid (new for every task) tells them apart. */
static uint64_t uuid_hash(const char *uuid)
{
	uuid = uuid ? uuid : "";
	return fnv64(uuid, strlen(uuid)) & 0xFFFFFFFF; /* 32 bits are stored */
}

/* The index of the export file at key: next to the database (shared by
 * everyone who uses it, never in the folder a calendar or phone syncs). */
static char *index_path(struct db *db, const char *key)
{
	return xasprintf("%s.ical-%016" PRIx64, db_path(db), fnv64(key, strlen(key)));
}

/* The spare of the export file whose index is at ipath (core/file.h): next
 * to the database too, so a synced folder holds only the calendar. */
static char *spare_path(const char *ipath)
{
	return xasprintf("%s.spare", ipath);
}

/* Reads the whole index file (a regular file of at most 1 GiB, not empty);
 * NULL when it cannot. */
static unsigned char *read_index(const char *path, size_t *len)
{
	struct stat st;
	char *p = NULL;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    file_read_all(path, 1u << 30, &p, len, NULL) || *len == 0) {
		free(p);
		return NULL;
	}
	return (unsigned char *)p;
}

/* A previous export file to copy unchanged tasks from. */
struct source {
	int fd;     /* -1: none */
	struct ix ix;
	size_t next; /* merge cursor: tasks come in id order */
};

/* Decodes and checks an index against the file's size: ids increasing,
 * ranges inside the file. Returns 0, or -1 when it cannot be trusted. */
static int ix_decode(const unsigned char *blob, size_t bytes, uint64_t size, struct ix *x)
{
	const unsigned char *p = blob, *end = blob + bytes;
	uint64_t off, n, id = 0;
	if (!blob || bytes < 3 || *p++ != IX_FORMAT || get_varint(&p, end, &off) || off > size ||
	    get_varint(&p, end, &n) || n > bytes)
		return -1;
	while (p < end) {
		struct ix_entry e;
		uint64_t d, seq;
		if (get_varint(&p, end, &d) || d == 0 || d > (uint64_t)INT64_MAX - id ||
		    get_varint(&p, end, &seq) || seq > INT64_MAX || get_varint(&p, end, &e.len) ||
		    e.len == 0 || e.len > size - off || end - p < 4)
			return -1;
		id += d;
		e.id = (int64_t)id;
		e.seq = (int64_t)seq;
		e.uuid_hash = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
		p += 4;
		e.off = off;
		off += e.len;
		ix_add(x, &e);
	}
	return x->n == n ? 0 : -1;
}

static int64_t mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* The previous export of the file at key, when it is still the very file
 * recorded (same device, inode, size and modification time) and its index
 * file (derived from key, next to the database) has the recorded checksum.
 * The table only says what to expect: the files opened are named by key,
 * which the caller derived from its own path, never by a row. Anything amiss
 * (file gone, changed, truncated, index damaged) means no source: every task
 * is serialised. Returns 0 (src->fd < 0 when none), or -1 with a message on
 * database trouble. */
static int source_open(struct db *db, int64_t fp, const char *key, struct source *src, char *err)
{
	static const char sql[] =
		"SELECT dev, ino, size, mtime, checksum FROM ical_index WHERE path = ?1 AND fingerprint = ?2";
	struct stat st;
	memset(src, 0, sizeof *src);
	src->fd = -1;
	if (!key)
		return 0;
	sqlite3_stmt *q = db_prepare(db, sql, err);
	if (!q)
		return -1;
	db_bind_text(q, 1, key);
	sqlite3_bind_int64(q, 2, fp);
	int rc = sqlite3_step(q);
	int64_t want[5] = { 0 };
	for (int i = 0; rc == SQLITE_ROW && i < 5; i++)
		want[i] = sqlite3_column_int64(q, i);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : db_fail(db, "reading the export index", err);
	int fd = open(key, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || want[0] != (int64_t)st.st_dev ||
	    want[1] != (int64_t)st.st_ino || want[2] != (int64_t)st.st_size || want[3] != mtime_ns(&st)) {
		close(fd);
		return 0;
	}
	struct ix x = { 0 };
	size_t len = 0;
	char *ipath = index_path(db, key);
	unsigned char *blob = read_index(ipath, &len);
	free(ipath);
	if (!blob || (int64_t)fnv64(blob, len) != want[4] || ix_decode(blob, len, (uint64_t)st.st_size, &x)) {
		free(blob);
		free(x.e);
		close(fd);
		return 0;
	}
	free(blob);
	src->fd = fd;
	src->ix = x;
	src->next = 0;
	return 0;
}

static void source_close(struct source *src)
{
	if (src->fd >= 0)
		close(src->fd);
	free(src->ix.e);
	src->fd = -1;
	src->ix.e = NULL;
}

/* The entry for task id when it still holds (seq, uuid), else NULL. */
static const struct ix_entry *source_find(struct source *src, int64_t id, int64_t seq, uint64_t uh)
{
	if (src->fd < 0)
		return NULL;
	while (src->next < src->ix.n && src->ix.e[src->next].id < id)
		src->next++;
	if (src->next == src->ix.n)
		return NULL;
	const struct ix_entry *e = &src->ix.e[src->next];
	return e->id == id && e->seq == seq && e->uuid_hash == uh ? e : NULL;
}

/* Writes blob to path: to a temporary file renamed over it. No fsync: the
 * checksum recorded in the database tells a damaged file. Returns 0 or -1. */
static int write_index(struct db *db, const char *path, const struct bytes *blob)
{
	struct stat st;
	char *tmp;
	/* readable by whoever may open the database */
	int fd = file_temp_create(path, stat(db_path(db), &st) == 0 ? st.st_mode & 0666 : 0600, &tmp);
	if (fd < 0)
		return -1;
	bool ok = file_write_at(fd, blob->p, blob->len, 0) == 0;
	if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* Removes the index files and spares next to the database that belong to no
 * file ical_index still records: those of forgotten files, of one-off
 * exports before only the kept-current file had one, of another options'
 * export. Names are compared, never read from the table: a row names a file
 * only through the hash in its derived name. */
static int drop_stray_indexes(struct db *db, char *err)
{
	static const char sql[] = "SELECT path FROM ical_index";
	char *dir = file_parent_dir(db_path(db));
	const char *base = strrchr(db_path(db), '/') ? strrchr(db_path(db), '/') + 1 : db_path(db);
	char **keep = NULL;
	size_t n = 0, cap = 0, blen = strlen(base);
	int rc;
	sqlite3_stmt *q = db_prepare(db, sql, err);
	if (!q) {
		free(dir);
		return -1;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		xgrow((void **)&keep, &cap, n + 1, sizeof *keep);
		char *ipath = index_path(db, db_column_str(q, 0));
		keep[n++] = xstrdup(strrchr(ipath, '/') ? strrchr(ipath, '/') + 1 : ipath);
		free(ipath);
	}
	sqlite3_reset(q);
	DIR *d = rc == SQLITE_DONE ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		/* <db>.ical-<16 hex digits>, and its .spare */
		const char *name = e->d_name;
		if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".ical-", 6) != 0 ||
		    strspn(name + blen + 6, "0123456789abcdef") != 16)
			continue;
		const char *rest = name + blen + 22;
		if (*rest && strcmp(rest, ".spare") != 0)
			continue;
		bool kept = false;
		for (size_t i = 0; i < n && !kept; i++)
			kept = strncmp(name, keep[i], blen + 22) == 0;
		if (!kept) {
			char *path = xasprintf("%s/%s", dir, name);
			unlink(path);
			free(path);
		}
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(keep[i]);
	free(keep);
	free(dir);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading the export index", err);
}

/* Records the file just written (identity from its descriptor, so a file
 * put there by someone else afterwards never inherits the index) and keeps
 * the indexes of the DB_EXPORT_KEEP_FILES most recently written files. An
 * index that cannot be written is not an error: the next export of the file
 * serialises everything. */
static int record_index(struct db *db, const char *key, const char *ipath, int64_t fp,
			const struct stat *st, const struct ix *x, char *err)
{
	static const char ins[] =
		"INSERT OR REPLACE INTO ical_index(path, fingerprint, dev, ino, size, mtime, index_file,"
		" checksum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	static const char del[] = "DELETE FROM ical_index WHERE path = ?1";
	static const char old[] =
		"DELETE FROM ical_index WHERE rowid NOT IN (SELECT rowid FROM ical_index ORDER BY rowid DESC LIMIT ?1)";
	struct bytes blob = { 0 };
	put_varint(&blob, IX_FORMAT);
	put_varint(&blob, x->n ? x->e[0].off : 0);
	put_varint(&blob, x->n);
	for (size_t i = 0; i < x->n; i++) {
		put_varint(&blob, (uint64_t)(x->e[i].id - (i ? x->e[i - 1].id : 0)));
		put_varint(&blob, (uint64_t)x->e[i].seq);
		put_varint(&blob, x->e[i].len);
		put_u32(&blob, (uint32_t)x->e[i].uuid_hash);
	}
	bool written = write_index(db, ipath, &blob) == 0;
	sqlite3_stmt *q = db_prepare(db, written ? ins : del, err);
	int rc = -1;
	if (!q)
		goto out;
	db_bind_text(q, 1, key);
	if (written) {
		sqlite3_bind_int64(q, 2, fp);
		sqlite3_bind_int64(q, 3, (int64_t)st->st_dev);
		sqlite3_bind_int64(q, 4, (int64_t)st->st_ino);
		sqlite3_bind_int64(q, 5, (int64_t)st->st_size);
		sqlite3_bind_int64(q, 6, mtime_ns(st));
		db_bind_text(q, 7, ipath);
		sqlite3_bind_int64(q, 8, (int64_t)fnv64(blob.p, blob.len));
	}
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, "recording the export index", err);
		goto out;
	}
	/* forget the least recently written files */
	if (!(q = db_prepare(db, old, err))) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int(q, 1, DB_EXPORT_KEEP_FILES);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, "dropping old export indexes", err);
		goto out;
	}
	rc = drop_stray_indexes(db, err);
out:
	free(blob.p);
	return rc;
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
	" ORDER BY t.id"

/* Every column of every task, in one pass (no previous file to copy from). */
static const char full_sql[] = "SELECT " TASK_COLS TASK_FILTER;
/* Only what decides whether a task can be copied; the rest by id. */
static const char light_sql[] = "SELECT t.id, t.ical_sequence, t.uuid" TASK_FILTER;
static const char one_sql[] = "SELECT " TASK_COLS " FROM task t WHERE t.id = ?1";

/* Where the calendar goes: built text through write(), byte ranges of the
 * source through copy() (NULL: read and write()n). pos counts every byte. */
struct out {
	ical_write_fn write;
	void *ctx;
	int (*copy)(void *ctx, int fd, uint64_t off, uint64_t len);
	uint64_t pos;
	char *buf; /* for copying without copy() */
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
	if (o->copy) {
		if (o->copy(o->ctx, fd, off, len))
			goto fail;
		o->pos += len;
		return 0;
	}
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
			return err_set(err, "calendar export: reading the previous export: %s",
				       strerror(errno));
		}
		if (out_write(o, o->buf, (size_t)n))
			goto fail;
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
fail:
	return err_set(err, "calendar export: write failed: %s", strerror(errno ? errno : EIO));
}

static void bind_filter(sqlite3_stmt *st, const struct db_export_filter *f)
{
	sqlite3_bind_int(st, 2, f->open_only);
	sqlite3_bind_int64(st, 3, f->document_id);
	sqlite3_bind_int64(st, 4, f->agency_id);
	db_bind_day(st, 5, f->from);
	db_bind_day(st, 6, f->to);
}

/* Tasks to serialise together (on other threads: see
 * ical_writer_begin_many()), with the index entries they will get. Two
 * alternate: one is read from the database while the other is serialised. */
#define BATCH 1024

struct batch {
	struct task tasks[BATCH];
	int64_t sequences[BATCH];
	struct ix_entry entries[BATCH];
	size_t lens[BATCH];
	size_t n;
};

struct batches {
	struct batch b[2];
	struct batch *filling, *serialising; /* serialising: NULL or begun */
};

static void batch_release(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		task_release(&b->tasks[i]);
	b->n = 0;
}

/* Queues the task in the TASK_COLS row st, to go where e says; a task no
 * calendar can take is counted in stats and left out (returns 1). */
static int batch_add(struct batch *b, sqlite3_stmt *st, struct db_task_links *links,
		     const struct ix_entry *e, struct db_export_stats *stats, char *err)
{
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
static int batches_wait(struct batches *q, struct ical_writer *w, struct out *o, struct ix *ix,
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
			ix_add(ix, &b->entries[i]);
	}
	batch_release(b);
	return rc;
}

/* Starts serialising the filled batch (after the one before it is written). */
static int batches_begin(struct batches *q, struct ical_writer *w, struct out *o, struct ix *ix,
			 char *err)
{
	if (batches_wait(q, w, o, ix, err))
		return -1;
	if (!q->filling->n)
		return 0;
	struct batch *b = q->filling;
	if (ical_writer_begin_many(w, b->tasks, b->sequences, b->n, b->lens, err))
		return -1;
	q->serialising = b;
	q->filling = b == &q->b[0] ? &q->b[1] : &q->b[0];
	return 0;
}

/* Writes every queued task: o->pos is then where the next bytes go. */
static int batches_flush(struct batches *q, struct ical_writer *w, struct out *o, struct ix *ix,
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

/* Unchanged tasks are copied in runs of up to RUN_BYTES, so that a file's
 * copier starts early instead of after the whole scan. */
#define RUN_BYTES (4u << 20)

/* The export proper; runs inside the caller's transaction. Copies the bytes
 * of tasks src still holds (same id, SEQUENCE and uuid) and serialises the
 * rest; notes where each task went in ix (may be NULL). */
static int write_calendar(struct db *db, const struct ical_options *opt,
			  const struct db_export_filter *f, struct out *o, struct source *src,
			  struct ix *ix, struct db_export_stats *stats, char *err)
{
	struct db_export_filter all;
	struct db_export_stats local = { 0 };
	struct ical_writer *w = NULL;
	struct db_task_links *links = NULL;
	struct batches *queue = NULL;
	sqlite3_stmt *st = NULL;
	int ret = -1, rc;
	if (!f) {
		db_export_filter_init(&all);
		f = &all;
	}
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	stats->spliced = src && src->fd >= 0;
	if (db_export_filter_check(db, f, err))
		return -1;
	if (!(w = ical_writer_new(opt, out_write, o, err)))
		return -1;
	if (ix && stats->spliced && src->ix.n >= ix->cap) { /* no growing 100,000 entries */
		ix->cap = src->ix.n + 64;
		ix->e = xrealloc(ix->e, ix->cap * sizeof *ix->e);
	}
	queue = xcalloc(1, sizeof *queue);
	queue->filling = &queue->b[0];
	/* a splice reads agencies only for the tasks it rebuilds: often none */
	if (!stats->spliced && (!(links = db_task_links_new(db, err)) ||
				db_task_links_seek(links, 1, INT64_MAX, err)))
		goto out;
	if (!(st = db_prepare(db, stats->spliced ? light_sql : full_sql, err)))
		goto out;
	bind_filter(st, f);
	/* a run of source bytes not copied yet; never at the same time as a
	 * batch of tasks not written yet */
	uint64_t run_off = 0, run_len = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ix_entry e = { .id = sqlite3_column_int64(st, 0),
				      .seq = sqlite3_column_int64(st, 1) };
		e.uuid_hash = uuid_hash((const char *)sqlite3_column_text(st, 2));
		const struct ix_entry *old = stats->spliced ? source_find(src, e.id, e.seq, e.uuid_hash)
							    : NULL;
		if (old) {
			if (batches_flush(queue, w, o, ix, err))
				goto reset;
			if (run_len && run_off + run_len != old->off) {
				if (out_copy(o, src->fd, run_off, run_len, err))
					goto reset;
				run_len = 0;
			}
			if (!run_len)
				run_off = old->off;
			e.off = o->pos + run_len;
			e.len = old->len;
			run_len += old->len;
			stats->copied++;
			if (ix && e.len)
				ix_add(ix, &e);
			if (run_len >= RUN_BYTES) {
				if (out_copy(o, src->fd, run_off, run_len, err))
					goto reset;
				run_len = 0;
			}
		} else {
			if (out_copy(o, src ? src->fd : -1, run_off, run_len, err))
				goto reset;
			run_len = 0;
			int brc;
			if (stats->spliced) {
				sqlite3_stmt *one = db_prepare(db, one_sql, err);
				if (!one || (!links && !(links = db_task_links_new(db, err))) ||
				    db_task_links_seek(links, e.id, e.id, err))
					goto reset;
				sqlite3_bind_int64(one, 1, e.id);
				int orc = sqlite3_step(one);
				brc = orc == SQLITE_ROW ? batch_add(queue->filling, one, links, &e, stats, err) : 0;
				sqlite3_reset(one);
				if (orc != SQLITE_ROW) {
					db_fail(db, "reading a task to export", err);
					goto reset;
				}
			} else {
				brc = batch_add(queue->filling, st, links, &e, stats, err);
			}
			if (brc < 0)
				goto reset;
			if (brc > 0)
				continue; /* skipped */
			if (queue->filling->n == BATCH && batches_begin(queue, w, o, ix, err))
				goto reset;
			stats->built++;
		}
		stats->tasks++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading tasks to export", err);
		goto out;
	}
	if (batches_flush(queue, w, o, ix, err) ||
	    out_copy(o, src ? src->fd : -1, run_off, run_len, err))
		goto out;
	if (ical_writer_finish(w, err))
		goto out;
	ret = 0;
	goto out;
reset:
	sqlite3_reset(st);
out:
	batches_free(queue, w);
	db_task_links_free(links);
	ical_writer_free(w);
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
	struct source src = { .fd = -1 };
	if (ical_options_check(opt, err))
		return -1;
	if (db_begin(db, err))
		return -1;
	char *key = file_key(copy_from);
	int rc = source_open(db, (int64_t)ical_options_fingerprint(opt), key, &src, err);
	free(key);
	if (rc == 0)
		rc = write_calendar(db, opt, f, &o, &src, NULL, stats, err);
	source_close(&src);
	free(o.buf);
	if (rc) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ------------------------------------------------------------ atomic files */

/* The new export file: built text is buffered and written at its place,
 * copied ranges go to the copier. pos counts every byte placed. */
struct file_sink {
	int fd;
	char *buf;
	size_t len, cap;
	uint64_t pos;
	uint64_t unkicked; /* start of the text written since the last kick */
	struct copier *copier; /* started at the first copy */
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

/* Places bytes [off, off + len) of fd next: handed to the copier. */
static int sink_copy(void *ctx, int fd, uint64_t off, uint64_t len)
{
	struct file_sink *s = ctx;
	if (flush_sink(s))
		return -1;
	if (!s->copier && !(s->copier = copier_new(s->fd)))
		return sink_failed(s, errno);
	int e = copier_add(s->copier, fd, off, s->pos, len);
	if (e)
		return sink_failed(s, e);
	s->pos += len;
	s->unkicked = s->pos; /* the copier kicks what it copies */
	return 0;
}

/* Writes what is buffered and waits for the copies: the file is then whole. */
static int sink_finish(struct file_sink *s)
{
	if (flush_sink(s))
		return -1;
	int e = s->copier ? copier_wait(s->copier) : 0;
	return e ? sink_failed(s, e) : 0;
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

/* Exports into path (file_output_resolve(): a file is replaced atomically, a
 * device, FIFO or socket written into), copying unchanged tasks from the
 * previous export of copy_from when it is still intact. keep: path is the
 * kept-current export_file: it is copied from itself, its index recorded
 * (and its spare used), and what was written noted in ical_export for
 * db_export_refresh(). All inside one transaction. */
static int export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		       const char *path, const char *copy_from, bool keep, struct db_export_stats *stats,
		       char *err)
{
	struct stat st;
	struct file_output to;
	char *dir = NULL, *tmp = NULL, *src_key = NULL, *ipath = NULL, *spare_at = NULL, sub[ERR_MAX];
	struct file_spare spare = { .fd = -1 };
	struct file_sink sink = { .fd = -1 };
	struct out o = { .write = sink_write, .ctx = &sink, .copy = sink_copy };
	struct source src = { .fd = -1 };
	struct ix ix = { 0 };
	int ret = -1, stream_fd = -1;
	bool began = false;
	int64_t fp = (int64_t)ical_options_fingerprint(opt);

	if (!path || !*path)
		return err_set(err, "no export file given");
	if (ical_options_check(opt, err))
		return -1;
	if (file_output_resolve(path, &to, sub) || db_check_output(db, &to, sub)) {
		err_set(err, "export file '%s': %s", path, sub);
		goto out;
	}
	if (keep && to.stream) {
		err_set(err, "export file '%s': not a file (a device, FIFO or socket cannot be kept current)", path);
		goto out;
	}
	mode_t mode = to.mode;
	if (!to.exists) {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (!to.stream) {
		dir = file_parent_dir(to.path);
		file_temp_clean(dir, strrchr(to.path, '/') + 1); /* what killed exports left */
	}
	src_key = keep ? xstrdup(to.path) : file_key(copy_from);
	if (keep) {
		ipath = index_path(db, to.path);
		spare_at = spare_path(ipath);
	}
	if (db_begin(db, err))
		goto out;
	began = true;
	if (to.stream) {
		if ((stream_fd = file_output_stream(&to, sub)) < 0) {
			err_set(err, "export file '%s': %s", path, sub);
			goto out;
		}
		o = (struct out){ .write = stream_write, .ctx = &stream_fd };
	} else {
		/* under the write lock: processes sharing the database take turns
		 * with the spare (and with evicting it) */
		sink.fd = keep ? file_spare_open(&spare, spare_at, to.path, mode) : -1;
		if (sink.fd < 0 && (sink.fd = file_temp_create(to.path, mode, &tmp)) < 0) {
			err_set(err, "export file '%s': cannot write in folder '%s': %s", path, dir, strerror(errno));
			goto out;
		}
		sink.cap = 1 << 18;
		sink.buf = xmalloc(sink.cap);
	}
	if (source_open(db, fp, src_key, &src, err))
		goto out;
	if (write_calendar(db, opt, f, &o, &src, keep ? &ix : NULL, stats, err)) {
		if (sink.io_errno)
			err_set(err, "export file '%s': write failed: %s", path, strerror(sink.io_errno));
		goto out;
	}
	if (to.stream) {
		int e = close(stream_fd) != 0 ? errno : 0;
		stream_fd = -1;
		if (e) {
			err_set(err, "export file '%s': write failed: %s", path, strerror(e));
			goto out;
		}
		began = false;
		if (db_commit(db, err))
			goto out;
		ret = 0;
		goto out;
	}
	/* the identity recorded is the descriptor's: no race with the rename;
	 * the truncation drops what a longer old version left in the spare */
	if (sink_finish(&sink) || ftruncate(sink.fd, (off_t)sink.pos) != 0 || fsync(sink.fd) != 0 ||
	    fstat(sink.fd, &st) != 0) {
		err_set(err, "export file '%s': write failed: %s", path, strerror(errno));
		goto out;
	}
	int e;
	if (spare.fd >= 0) {
		e = file_spare_swap(&spare, to.path);
		file_spare_close(&spare);
	} else {
		/* renamed while still open: its lock keeps file_temp_clean() away */
		e = file_replace(tmp, to.path);
		if (e == 0) {
			free(tmp);
			tmp = NULL;
		}
		if (close(sink.fd) != 0 && !e)
			e = errno;
	}
	sink.fd = -1;
	if (e != 0) {
		err_set(err, "export file '%s': cannot replace it: %s", path, strerror(e));
		goto out;
	}
	if (keep) {
		static const char gen_sql[] = "SELECT generation FROM ical_state WHERE id = 1";
		static const char rec_sql[] =
			"INSERT OR REPLACE INTO ical_export(path, options, generation, size, mtime)"
			" VALUES (?1, ?2, ?3, ?4, ?5)";
		if (record_index(db, to.path, ipath, fp, &st, &ix, err))
			goto out;
		sqlite3_stmt *q = db_prepare(db, gen_sql, err);
		if (!q)
			goto out;
		int64_t gen = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
		sqlite3_reset(q);
		if (!(q = db_prepare(db, rec_sql, err)))
			goto out;
		db_bind_text(q, 1, to.path);
		sqlite3_bind_int64(q, 2, (int64_t)db_export_options_key(opt));
		sqlite3_bind_int64(q, 3, gen);
		sqlite3_bind_int64(q, 4, (int64_t)st.st_size);
		sqlite3_bind_int64(q, 5, mtime_ns(&st));
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			db_fail(db, "recording the export file", err);
			goto out;
		}
	}
	began = false;
	if (db_commit(db, err))
		goto out;
	ret = 0;
out:
	copier_free(sink.copier); /* before the descriptors it uses are closed */
	/* nothing to keep: a failed export changes nothing in the database */
	if (began)
		db_rollback(db);
	if (spare.fd >= 0)
		file_spare_close(&spare);
	else if (sink.fd >= 0)
		close(sink.fd);
	if (stream_fd >= 0)
		close(stream_fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	source_close(&src);
	file_output_release(&to);
	free(ix.e);
	free(sink.buf);
	free(dir);
	free(src_key);
	free(ipath);
	free(spare_at);
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
		return err_set(err, "no export file given");
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
				sqlite3_column_int64(q, 3) == mtime_ns(&st);
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
