#include "db/export_index.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/export.h"


/* An index is stored as a BLOB: a format byte, the first entry's offset,
 * the number of entries, then per entry the id's increase over the previous
 * one, the SEQUENCE and the length (LEB128 varints) and the low 32 bits of
 * the uuid hash (4 bytes, little-endian). Entries
 * are contiguous in the file (nothing but tasks lies between its header and
 * footer), so offsets follow from the lengths: ~8 bytes a task. */
#define IX_FORMAT 1


void export_index_add(struct export_index *x, const struct export_entry *e)
{
	assert(x->n == 0 || e->id > x->e[x->n - 1].id); /* in id order: offsets follow from lengths */
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
uint64_t export_index_uuid_hash(const char *uuid)
{
	uuid = uuid ? uuid : "";
	return fnv64(uuid, strlen(uuid)) & 0xFFFFFFFF; /* 32 bits are stored */
}

/* The index of the export file at key: next to the database (shared by
 * everyone who uses it, never in the folder a calendar or phone syncs). */
char *export_index_path(struct db *db, const char *key)
{
	return xasprintf("%s.ical-%016" PRIx64, db_path(db), fnv64(key, strlen(key)));
}

/* The spare of the export file whose index is at ipath (core/file.h): next
 * to the database too, so a synced folder holds only the calendar. */
char *export_index_spare_path(const char *ipath)
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

/* Decodes and checks an index against the file's size: ids increasing,
 * ranges inside the file. Returns 0, or -1 when it cannot be trusted. */
static int ix_decode(const unsigned char *blob, size_t bytes, uint64_t size, struct export_index *x)
{
	const unsigned char *p = blob, *end = blob + bytes;
	uint64_t off, n, id = 0;
	if (!blob || bytes < 3 || *p++ != IX_FORMAT || get_varint(&p, end, &off) || off > size ||
	    get_varint(&p, end, &n) || n > bytes)
		return -1;
	while (p < end) {
		struct export_entry e;
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
		export_index_add(x, &e);
	}
	return x->n == n ? 0 : -1;
}

int64_t export_index_mtime(const struct stat *st)
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
int export_index_open_source(struct db *db, int64_t fp, const char *key, struct export_source *src, char *err)
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
	    want[1] != (int64_t)st.st_ino || want[2] != (int64_t)st.st_size || want[3] != export_index_mtime(&st)) {
		close(fd);
		return 0;
	}
	struct export_index x = { 0 };
	size_t len = 0;
	char *ipath = export_index_path(db, key);
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

void export_index_close_source(struct export_source *src)
{
	if (src->fd >= 0)
		close(src->fd);
	free(src->ix.e);
	src->fd = -1;
	src->ix.e = NULL;
}

/* The entry for task id when it still holds (seq, uuid), else NULL. */
const struct export_entry *export_index_find(struct export_source *src, int64_t id, int64_t seq, uint64_t uh)
{
	if (src->fd < 0)
		return NULL;
	while (src->next < src->ix.n && src->ix.e[src->next].id < id)
		src->next++;
	if (src->next == src->ix.n)
		return NULL;
	const struct export_entry *e = &src->ix.e[src->next];
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
		char *ipath = export_index_path(db, db_column_str(q, 0));
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
int export_index_record(struct db *db, const char *key, const char *ipath, int64_t fp,
			const struct stat *st, const struct export_index *x, char *err)
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
		sqlite3_bind_int64(q, 6, export_index_mtime(st));
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

