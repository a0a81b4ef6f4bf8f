#include "db/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/schema.h"

/* Runs a backup from src to dst in one step (one read transaction on src, one
 * write transaction on dst), retrying while either side is busy. */
static int copy_all(sqlite3 *dst, sqlite3 *src, const char **why)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc;
	if (!b) {
		*why = sqlite3_errmsg(dst);
		return sqlite3_extended_errcode(dst);
	}
	for (int tries = 0;; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 50) {
			sqlite3_sleep(100);
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	*why = sqlite3_errstr(rc);
	return rc;
}

int db_backup_to(struct db *db, const char *dest, char *err)
{
	char *tmp = xasprintf("%s.tmp", dest);
	sqlite3 *out = NULL;
	const char *why = NULL;
	int rc = -1, e;

	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(err, "backup '%s': %s", dest, strerror(errno));
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", dest, sqlite3_errmsg(out));
		goto out;
	}
	if (copy_all(out, db_sqlite(db), &why) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", dest, why);
		goto out;
	}
	/* A copy in rollback-journal mode is one self-contained file. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", dest, sqlite3_errmsg(out));
		goto out;
	}
	sqlite3_close(out);
	out = NULL;
	if ((e = file_sync(tmp, false)) != 0) {
		err_set(err, "backup '%s': %s", dest, strerror(e));
		goto out;
	}
	if ((e = file_replace(tmp, dest)) != 0) {
		err_set(err, "backup '%s': %s", dest, strerror(e));
		goto out;
	}
	rc = 0;
out:
	if (out)
		sqlite3_close(out);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

char *db_backup_rotating_path(const char *db_path, int n)
{
	return xasprintf("%s.backup.%d", db_path, n);
}

static int rotate_and_write(struct db *db, int count, char *err)
{
	const char *path = db_path(db);
	char *fresh = xasprintf("%s.backup.new", path);
	int rc = -1;
	/* Write first: a failed backup (full disk) must not push out old ones. */
	if (db_backup_to(db, fresh, err))
		goto out;
	for (int n = count + 1;; n++) { /* copies past a lowered backup_count */
		char *p = db_backup_rotating_path(path, n);
		int gone = unlink(p) != 0 && errno == ENOENT;
		free(p);
		if (gone)
			break;
	}
	for (int n = count - 1; n >= 1; n--) {
		char *from = db_backup_rotating_path(path, n), *to = db_backup_rotating_path(path, n + 1);
		if (rename(from, to) != 0 && errno != ENOENT) {
			err_set(err, "backup '%s': %s", to, strerror(errno));
			free(from);
			free(to);
			goto out;
		}
		free(from);
		free(to);
	}
	char *first = db_backup_rotating_path(path, 1);
	if (rename(fresh, first) != 0) {
		err_set(err, "backup '%s': %s", first, strerror(errno));
		free(first);
		goto out;
	}
	free(first);
	rc = 1;
out:
	if (rc < 0)
		unlink(fresh);
	free(fresh);
	return rc;
}

static bool due(const char *first, int hours, int64_t now)
{
	struct stat st;
	if (stat(first, &st) != 0)
		return true;
	int64_t age = now - (int64_t)st.st_mtime;
	/* A clock set back (age < 0) also makes a fresh copy. */
	return age < 0 || age >= (int64_t)hours * 3600;
}

int db_backup_auto(struct db *db, int count, int hours, int64_t now, char *err)
{
	if (count <= 0)
		return 0;
	char *first = db_backup_rotating_path(db_path(db), 1);
	bool is_due = due(first, hours, now);
	int rc = 0;
	if (!is_due)
		goto out;
	/* One process rotates at a time; the others skip (the copy is made). */
	char *lock = xasprintf("%s.backup.lock", db_path(db));
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lock);
	if (fd < 0) {
		rc = err_set(err, "backup '%s': %s", first, strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		if (due(first, hours, now))
			rc = rotate_and_write(db, count, err);
		flock(fd, LOCK_UN);
	}
	close(fd);
out:
	free(first);
	return rc;
}

char *db_backup_newest(const char *db_path)
{
	char *dir = file_parent_dir(db_path);
	const char *slash = strrchr(db_path, '/');
	const char *base = slash ? slash + 1 : db_path;
	size_t nbase = strlen(base);
	char *best = NULL;
	time_t best_time = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		goto out;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name, *rest;
		if (strncmp(name, base, nbase) != 0)
			continue;
		rest = name + nbase;
		bool rotating = strncmp(rest, ".backup.", 8) == 0 && rest[8] >= '1' && rest[8] <= '9' &&
				strspn(rest + 8, "0123456789") == strlen(rest + 8);
		bool saved = (strncmp(rest, ".before-restore-", 16) == 0 || strncmp(rest, ".backup-", 8) == 0) &&
			     !strstr(rest, ".tmp") && !strstr(rest, "-wal") && !strstr(rest, "-shm");
		if (!rotating && !saved)
			continue;
		char *full = xasprintf("%s/%s", dir, name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && (!best || st.st_mtime > best_time)) {
			free(best);
			best = full;
			best_time = st.st_mtime;
		} else {
			free(full);
		}
	}
	closedir(d);
out:
	free(dir);
	return best;
}

static int scalar_text(sqlite3 *s, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", t ? (const char *)t : "");
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		buf[0] = '\0';
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int db_backup_check_file(const char *path, char *err)
{
	struct stat st;
	sqlite3 *s = NULL;
	char buf[256];
	int rc = -1, src;

	if (stat(path, &st) != 0) {
		err_set(err, "backup '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(err, "backup '%s' is not a file", path);
		goto out;
	}
	if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", path, sqlite3_errmsg(s));
		goto out;
	}
	src = scalar_text(s, "PRAGMA quick_check", buf, sizeof buf);
	if (src == SQLITE_NOTADB) {
		err_set(err, "'%s' is not a hanchot database (not an SQLite file)", path);
		goto out;
	}
	if (src != SQLITE_OK || strcmp(buf, "ok") != 0) {
		err_set(err, "backup '%s' is damaged: %s", path, src != SQLITE_OK ? sqlite3_errstr(src) : buf);
		goto out;
	}
	if (scalar_text(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('task','task_event')",
			buf, sizeof buf) != SQLITE_OK || strcmp(buf, "2") != 0) {
		err_set(err, "'%s' is not a hanchot database (no task tables)", path);
		goto out;
	}
	if (scalar_text(s, "PRAGMA user_version", buf, sizeof buf) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", path, sqlite3_errmsg(s));
		goto out;
	}
	int version = atoi(buf);
	if (version < 1) {
		err_set(err, "'%s' is not a hanchot database (schema version %d)", path, version);
		goto out;
	}
	if (version > schema_latest()) {
		err_set(err, "'%s' has schema version %d, newer than this hanchot understands (%d): "
			"use a newer hanchot", path, version, schema_latest());
		goto out;
	}
	rc = 0;
out:
	if (s)
		sqlite3_close(s);
	return rc;
}

int db_backup_restore(struct db *db, const char *src, char *saved, size_t saved_size, char *err)
{
	sqlite3 *in = NULL;
	const char *why = NULL;
	int rc = -1;
	char stamp[32];
	struct tm tm;
	time_t now = (time_t)db_now(db);

	if (db_backup_check_file(src, err))
		return -1;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(saved, saved_size, "%s.before-restore-%s", db_path(db), stamp);
	for (int n = 2; access(saved, F_OK) == 0 && n < 100; n++)
		snprintf(saved, saved_size, "%s.before-restore-%s-%d", db_path(db), stamp, n);
	if (db_backup_to(db, saved, err))
		return -1;
	if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, "backup '%s': %s", src, sqlite3_errmsg(in));
		goto out;
	}
	/* One write transaction on the live database: atomic for every reader. */
	if (copy_all(db_sqlite(db), in, &why) != SQLITE_OK) {
		err_set(err, "database '%s': restoring from '%s': %s (nothing was changed)", db_path(db), src, why);
		goto out;
	}
	rc = 0;
out:
	if (in)
		sqlite3_close(in);
	return rc;
}

int db_backup_restore_file(const char *db_path, const char *src, char *saved, size_t saved_size, char *err)
{
	char *tmp = xasprintf("%s.restore.tmp", db_path);
	char *wal = xasprintf("%s-wal", db_path), *shm = xasprintf("%s-shm", db_path);
	char *saved_wal = NULL;
	sqlite3 *in = NULL, *out = NULL;
	const char *why = NULL;
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	int rc = -1, e;

	if (db_backup_check_file(src, err))
		goto out;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(saved, saved_size, "%s.damaged-%s", db_path, stamp);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(err, "database '%s': restoring: %s", db_path, strerror(errno));
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, "database '%s': restoring from '%s': cannot open", db_path, src);
		goto out;
	}
	if (copy_all(out, in, &why) != SQLITE_OK ||
	    sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(err, "database '%s': restoring from '%s': %s (nothing was changed)", db_path, src,
			why ? why : sqlite3_errmsg(out));
		goto out;
	}
	sqlite3_close(out);
	out = NULL;
	if ((e = file_sync(tmp, false)) != 0) {
		err_set(err, "database '%s': restoring: %s (nothing was changed)", db_path, strerror(e));
		goto out;
	}
	/* Keep the damaged file (a hard link) and its log, then swap in one rename. */
	if (link(db_path, saved) != 0 && errno != ENOENT) {
		err_set(err, "database '%s': keeping a copy as '%s': %s (nothing was changed)", db_path, saved,
			strerror(errno));
		goto out;
	}
	saved_wal = xasprintf("%s-wal", saved);
	if (rename(wal, saved_wal) != 0 && errno != ENOENT) {
		err_set(err, "database '%s': moving its log aside: %s", db_path, strerror(errno));
		goto out;
	}
	unlink(shm);
	if ((e = file_replace(tmp, db_path)) != 0) {
		err_set(err, "database '%s': restoring: %s", db_path, strerror(e));
		goto out;
	}
	rc = 0;
out:
	if (out)
		sqlite3_close(out);
	if (in)
		sqlite3_close(in);
	if (rc)
		unlink(tmp);
	free(tmp);
	free(wal);
	free(shm);
	free(saved_wal);
	return rc;
}
