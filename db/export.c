#include "db/export.h"

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

/* ------------------------------------------------------------- the export */

/* The task's columns are read only for rows the cache does not cover. */
#define MISS(x) "CASE WHEN c.text IS NULL THEN " x " END"

static const char query_sql[] =
	"SELECT t.ical_sequence, c.text, t.id,"
	" " MISS("t.document_id") ", " MISS("t.section") ", " MISS("t.summary") ","
	" " MISS("t.full_text") ", " MISS("t.due_date") ", " MISS("t.due_precision") ","
	" " MISS("t.due_phrase") ", " MISS("t.recurrence") ", " MISS("t.status") ","
	" " MISS("t.completed_date") ", " MISS("t.uuid") ", " MISS("t.version") ","
	" " MISS("coalesce(t.ical_modified, t.updated_at)") ","
	" " MISS("(SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM task_agency ta"
		 " JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND ta.role = 'lead'"
		 " ORDER BY ta.position))") ","
	" " MISS("(SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM task_agency ta"
		 " JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND ta.role = 'cooperating'"
		 " ORDER BY ta.position))") ","
	" " MISS("(SELECT d.kind || ' ' || d.number || CASE WHEN d.issued_date IS NULL THEN ''"
		 " ELSE ' ' || d.issued_date END FROM document d WHERE d.id = t.document_id)")
	" FROM task t LEFT JOIN ical_cache c"
	"   ON c.task_id = t.id AND c.fingerprint = ?1 AND c.sequence = t.ical_sequence"
	" WHERE t.due_date IS NOT NULL"
	"   AND (?2 = 0 OR t.status NOT IN ('done','cancelled'))"
	"   AND (?3 = 0 OR t.document_id = ?3)"
	"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id"
	"        AND ta.agency_id = ?4 AND ta.role = 'lead'))"
	"   AND (?5 IS NULL OR t.due_date >= ?5)"
	"   AND (?6 IS NULL OR t.due_date <= ?6)"
	" ORDER BY t.id";

static int store(struct db *db, int64_t task_id, int64_t fp, int64_t seq, const char *text, char *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO ical_cache(task_id, fingerprint, sequence, text) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, fp);
	sqlite3_bind_int64(st, 3, seq);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "caching a calendar entry", err);
}

/* Marks fp as used now and drops the cache of option sets beyond the
 * DB_EXPORT_KEEP_OPTIONS most recently used. */
static int note_use(struct db *db, int64_t fp, char *err)
{
	static const char use[] =
		"INSERT OR REPLACE INTO ical_cache_use(fingerprint, used_at) VALUES (?1, ?2)";
	static const char old[] =
		"SELECT fingerprint FROM ical_cache_use ORDER BY used_at DESC, rowid DESC LIMIT -1 OFFSET ?1";
	static const char drop_cache[] = "DELETE FROM ical_cache WHERE fingerprint = ?1";
	static const char drop_use[] = "DELETE FROM ical_cache_use WHERE fingerprint = ?1";
	char ts[24];
	sqlite3_stmt *st = db_prepare(db, use, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, fp);
	db_bind_text(st, 2, db_timestamp(db, ts));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "recording the export options", err);
	for (;;) {
		if (!(st = db_prepare(db, old, err)))
			return -1;
		sqlite3_bind_int(st, 1, DB_EXPORT_KEEP_OPTIONS);
		rc = sqlite3_step(st);
		int64_t stale = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return db_fail(db, "reading the export options", err);
		const char *const drops[] = { drop_cache, drop_use };
		for (size_t i = 0; i < 2; i++) {
			if (!(st = db_prepare(db, drops[i], err)))
				return -1;
			sqlite3_bind_int64(st, 1, stale);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				return db_fail(db, "dropping an old export cache", err);
		}
	}
}

/* The export proper; runs inside the caller's transaction. */
static int write_calendar(struct db *db, const struct ical_options *opt,
			  const struct db_export_filter *f, ical_write_fn write, void *ctx,
			  struct db_export_stats *stats, char *err)
{
	struct db_export_filter all;
	struct db_export_stats local = { 0 };
	struct ical_writer *w = NULL;
	int ret = -1, rc;
	int64_t fp = (int64_t)ical_options_fingerprint(opt);
	if (!f) {
		db_export_filter_init(&all);
		f = &all;
	}
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (db_export_filter_check(db, f, err) || note_use(db, fp, err))
		return -1;
	if (!(w = ical_writer_new(opt, write, ctx, err)))
		return -1;
	sqlite3_stmt *st = db_prepare(db, query_sql, err);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, fp);
	sqlite3_bind_int(st, 2, f->open_only);
	sqlite3_bind_int64(st, 3, f->document_id);
	sqlite3_bind_int64(st, 4, f->agency_id);
	db_bind_day(st, 5, f->from);
	db_bind_day(st, 6, f->to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			const char *text = (const char *)sqlite3_column_text(st, 1);
			if (ical_writer_add_text(w, text, (size_t)sqlite3_column_bytes(st, 1), err))
				goto reset;
			stats->cached++;
		} else {
			struct task t;
			int64_t seq = sqlite3_column_int64(st, 0);
			/* LAST-MODIFIED: the last exported change, not the last note */
			db_task_read_row(st, 2, &t);
			int64_t id = t.id;
			char *text = ical_task_component(&t, seq, opt, err);
			task_release(&t);
			if (!text)
				goto reset;
			if (*text && store(db, id, fp, seq, text, err)) {
				free(text);
				goto reset;
			}
			int wrc = ical_writer_add_text(w, text, strlen(text), err);
			free(text);
			if (wrc)
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
	if (ical_writer_finish(w, err))
		goto out;
	ret = 0;
	goto out;
reset:
	sqlite3_reset(st);
out:
	ical_writer_free(w);
	return ret;
}

int db_export_write(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		    ical_write_fn write, void *ctx, struct db_export_stats *stats, char *err)
{
	if (ical_options_check(opt, err))
		return -1;
	if (db_begin(db, err))
		return -1;
	int rc = write_calendar(db, opt, f, write, ctx, stats, err);
	/* keep the cache filled so far even when the output failed */
	char err2[ERR_MAX];
	if (db_commit(db, rc ? err2 : err))
		return -1;
	return rc;
}

/* ------------------------------------------------------------ atomic files */

struct file_sink {
	int fd;
	char *buf;
	size_t len, cap;
};

static int flush_sink(struct file_sink *s)
{
	size_t off = 0;
	while (off < s->len) {
		ssize_t n = write(s->fd, s->buf + off, s->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	s->len = 0;
	return 0;
}

static int sink_write(void *ctx, const char *data, size_t len)
{
	struct file_sink *s = ctx;
	if (s->len + len > s->cap && flush_sink(s))
		return -1;
	if (len >= s->cap) {
		struct file_sink direct = { .fd = s->fd, .buf = (char *)data, .len = len };
		return flush_sink(&direct);
	}
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	return 0;
}

/* Exports into path atomically; when record is set, notes what was written in
 * ical_export inside the same transaction. */
static int export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		       const char *path, struct db_export_stats *stats, const char *record, char *err)
{
	struct stat st;
	char *dir = NULL, *tmp = NULL;
	struct file_sink sink = { .fd = -1 };
	int ret = -1;
	bool began = false;

	if (!path || !*path)
		return err_set(err, "no export file given");
	if (ical_options_check(opt, err))
		return -1;
	dir = file_parent_dir(path);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(err, "export file '%s': folder '%s' does not exist", path, dir);
		goto out;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		err_set(err, "export file '%s' is a folder", path);
		goto out;
	}
	mode_t mode;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	sink.fd = mkstemp(tmp);
	if (sink.fd < 0) {
		err_set(err, "export file '%s': cannot write in folder '%s': %s", path, dir, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (fchmod(sink.fd, mode) != 0) {
		err_set(err, "export file '%s': %s", path, strerror(errno));
		goto out;
	}
	sink.cap = 1 << 18;
	sink.buf = xmalloc(sink.cap);

	if (db_begin(db, err))
		goto out;
	began = true;
	if (write_calendar(db, opt, f, sink_write, &sink, stats, err))
		goto fail_commit;
	if (flush_sink(&sink) || fsync(sink.fd) != 0) {
		err_set(err, "export file '%s': write failed: %s", path, strerror(errno));
		goto fail_commit;
	}
	if (close(sink.fd) != 0) {
		sink.fd = -1;
		err_set(err, "export file '%s': write failed: %s", path, strerror(errno));
		goto fail_commit;
	}
	sink.fd = -1;
	if (rename(tmp, path) != 0) {
		err_set(err, "export file '%s': cannot replace it: %s", path, strerror(errno));
		goto fail_commit;
	}
	free(tmp);
	tmp = NULL;
	file_sync(dir, true);
	if (record) {
		static const char gen_sql[] = "SELECT generation FROM ical_state WHERE id = 1";
		static const char rec_sql[] =
			"INSERT OR REPLACE INTO ical_export(path, options, generation, size, mtime)"
			" VALUES (?1, ?2, ?3, ?4, ?5)";
		sqlite3_stmt *q = db_prepare(db, gen_sql, err);
		if (!q)
			goto fail_commit;
		int64_t gen = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
		sqlite3_reset(q);
		if (stat(path, &st) != 0) {
			err_set(err, "export file '%s': %s", path, strerror(errno));
			goto fail_commit;
		}
		if (!(q = db_prepare(db, rec_sql, err)))
			goto fail_commit;
		db_bind_text(q, 1, record);
		sqlite3_bind_int64(q, 2, (int64_t)db_export_options_key(opt));
		sqlite3_bind_int64(q, 3, gen);
		sqlite3_bind_int64(q, 4, (int64_t)st.st_size);
		sqlite3_bind_int64(q, 5, (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			db_fail(db, "recording the export file", err);
			goto fail_commit;
		}
	}
	began = false;
	if (db_commit(db, err))
		goto out;
	ret = 0;
	goto out;
fail_commit:
	/* the cache rows built are valid whatever happened to the file */
	if (began) {
		char err2[ERR_MAX];
		began = false;
		db_commit(db, err2);
	}
out:
	if (began)
		db_rollback(db);
	if (sink.fd >= 0)
		close(sink.fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(sink.buf);
	free(dir);
	return ret;
}

int db_export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		   const char *path, struct db_export_stats *stats, char *err)
{
	return export_file(db, opt, f, path, stats, NULL, err);
}

/* The folder's real path and the file name: one key for one file, whatever
 * the working folder. */
static char *canonical(const char *path)
{
	char *dir = file_parent_dir(path);
	char *real = realpath(dir, NULL);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *out = xasprintf("%s/%s", real ? real : dir, base);
	free(real);
	free(dir);
	return out;
}

int db_export_refresh(struct db *db, const struct ical_options *opt, const char *path, bool *written,
		      char *err)
{
	static const char sql[] =
		"SELECT e.options, e.generation, e.size, e.mtime, s.generation"
		" FROM ical_state s LEFT JOIN ical_export e ON e.path = ?1 WHERE s.id = 1";
	struct stat st;
	bool fresh = false;
	if (written)
		*written = false;
	if (!path || !*path)
		return err_set(err, "no export file given");
	char *key = canonical(path);
	sqlite3_stmt *q = db_prepare(db, sql, err);
	if (!q) {
		free(key);
		return -1;
	}
	db_bind_text(q, 1, key);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode))
		fresh = sqlite3_column_int64(q, 0) == (int64_t)db_export_options_key(opt) &&
			sqlite3_column_int64(q, 1) == sqlite3_column_int64(q, 4) &&
			sqlite3_column_int64(q, 2) == (int64_t)st.st_size &&
			sqlite3_column_int64(q, 3) ==
				(int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW) {
		free(key);
		return db_fail(db, "reading the export state", err);
	}
	if (fresh) {
		free(key);
		return 0;
	}
	int ret = export_file(db, opt, NULL, path, NULL, key, err);
	free(key);
	if (ret == 0 && written)
		*written = true;
	return ret;
}
