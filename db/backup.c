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
#include "core/i18n.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/schema.h"

/* The messages, in the language chosen (core/i18n.h). */
#define BACKUP_ERROR (VI ? "bản sao lưu '%s': %s" : "backup '%s': %s")
#define RESTORING (VI ? "cơ sở dữ liệu '%s': khôi phục: %s" : "database '%s': restoring: %s")
#define RESTORE_FAILED \
	(VI ? "cơ sở dữ liệu '%s': khôi phục từ '%s': %s (chưa thay đổi gì)" \
	    : "database '%s': restoring from '%s': %s (nothing was changed)")

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

/* Writes a consistent copy of db into a new temporary file next to path
 * (core/file's file_temp_create(): locked while this process lives), in
 * rollback-journal mode, flushed to disk. Returns its descriptor, which
 * holds the lock until closed, and its name in *tmp; or -1 with a message
 * naming path (what = "backup"). */
static int write_copy(struct db *db, const char *path, mode_t mode, char **tmp, char *err)
{
	sqlite3 *out = NULL;
	const char *why = NULL;
	int fd = file_temp_create(path, mode, tmp), e;
	if (fd < 0)
		return err_set(err, BACKUP_ERROR, path, err_reason(errno));
	if (sqlite3_open_v2(*tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, path, sqlite3_errmsg(out));
		goto fail;
	}
	if (copy_all(out, db_sqlite(db), &why) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, path, why);
		goto fail;
	}
	/* A copy in rollback-journal mode is one self-contained file. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, path, sqlite3_errmsg(out));
		goto fail;
	}
	sqlite3_close(out);
	out = NULL;
	if (fsync(fd) != 0) {
		e = errno;
		err_set(err, BACKUP_ERROR, path, err_reason(e));
		goto fail;
	}
	return fd;
fail:
	if (out)
		sqlite3_close(out);
	/* our descriptor last: closing it earlier would drop SQLite's locks */
	close(fd);
	unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return -1;
}

/* Renames the copy at tmp (descriptor fd, from write_copy()) to path and
 * closes it; on failure removes it. Returns 0 or -1 with a message. */
static int place_copy(int fd, char *tmp, const char *path, char *err)
{
	int e = file_replace(tmp, path);
	if (e)
		unlink(tmp);
	close(fd); /* after the rename: file_temp_clean() never takes it for a leftover */
	free(tmp);
	return e ? err_set(err, BACKUP_ERROR, path, err_reason(e)) : 0;
}

/* Copies what fd holds from its start into out. Returns 0 or the errno. */
static int copy_into(int fd, int out)
{
	char buf[65536];
	off_t at = 0;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof buf, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return 0;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return w < 0 ? errno : EIO;
			done += w;
		}
		at += n;
	}
}

int db_backup_to(struct db *db, const char *dest, char *err)
{
	struct file_output to;
	char sub[ERR_MAX], *tmp = NULL;
	int rc = -1;
	if (file_output_resolve(dest, &to, sub) || db_check_output(db, &to, sub)) {
		err_set(err, BACKUP_ERROR, dest, sub);
		goto out;
	}
	if (to.stream) {
		/* the copy is made next to the database, then poured into it */
		int out = file_output_stream(&to, sub);
		if (out < 0) {
			err_set(err, BACKUP_ERROR, dest, sub);
			goto out;
		}
		int fd = write_copy(db, db_path(db), file_private_mode(db_path(db)), &tmp, err);
		int e = fd < 0 ? 0 : copy_into(fd, out);
		if (close(out) != 0 && !e)
			e = errno;
		if (fd >= 0) {
			unlink(tmp);
			close(fd);
			free(tmp);
		}
		if (fd >= 0 && e)
			err_set(err, BACKUP_ERROR, dest, err_reason(e));
		rc = fd < 0 || e ? -1 : 0;
		goto out;
	}
	char *dir = file_parent_dir(to.path);
	file_temp_clean(dir, strrchr(to.path, '/') + 1);
	free(dir);
	int fd = write_copy(db, to.path, file_private_mode(db_path(db)), &tmp, err);
	if (fd >= 0)
		rc = place_copy(fd, tmp, to.path, err);
out:
	file_output_release(&to);
	return rc;
}

char *db_backup_rotating_path(const char *db_path, int n)
{
	return xasprintf("%s.backup.%d", db_path, n);
}

static int rotate_and_write(struct db *db, int count, char *err)
{
	const char *path = db_path(db);
	char *first = db_backup_rotating_path(path, 1), *tmp;
	int rc = -1;
	/* Write first: a failed backup (full disk) must not push out old ones. */
	int fd = write_copy(db, first, file_private_mode(path), &tmp, err);
	if (fd < 0)
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
			err_set(err, BACKUP_ERROR, to, err_reason(errno));
			free(from);
			free(to);
			unlink(tmp);
			close(fd);
			free(tmp);
			goto out;
		}
		free(from);
		free(to);
	}
	if (place_copy(fd, tmp, first, err) == 0)
		rc = 1;
out:
	free(first);
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
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, file_private_mode(lock));
	if (fd >= 0)
		fchmod(fd, file_private_mode(lock)); /* whatever the umask: colleagues rotate too */
	free(lock);
	if (fd < 0) {
		rc = err_set(err, BACKUP_ERROR, first, err_reason(errno));
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
		err_set(err, BACKUP_ERROR, path, err_reason(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(err, VI ? "bản sao lưu '%s' không phải là tệp" : "backup '%s' is not a file", path);
		goto out;
	}
	if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, path, sqlite3_errmsg(s));
		goto out;
	}
	src = scalar_text(s, "PRAGMA quick_check", buf, sizeof buf);
	if (src == SQLITE_NOTADB) {
		err_set(err, VI ? "'%s' không phải cơ sở dữ liệu hanchot (không phải tệp SQLite)"
				: "'%s' is not a hanchot database (not an SQLite file)", path);
		goto out;
	}
	if (src != SQLITE_OK || strcmp(buf, "ok") != 0) {
		err_set(err, VI ? "bản sao lưu '%s' bị hỏng: %s" : "backup '%s' is damaged: %s", path, src != SQLITE_OK ? sqlite3_errstr(src) : buf);
		goto out;
	}
	if (scalar_text(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('task','task_event')",
			buf, sizeof buf) != SQLITE_OK || strcmp(buf, "2") != 0) {
		err_set(err, VI ? "'%s' không phải cơ sở dữ liệu hanchot (không có bảng việc)"
				: "'%s' is not a hanchot database (no task tables)", path);
		goto out;
	}
	if (scalar_text(s, "PRAGMA user_version", buf, sizeof buf) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, path, sqlite3_errmsg(s));
		goto out;
	}
	int version = atoi(buf);
	if (version < 1) {
		err_set(err, VI ? "'%s' không phải cơ sở dữ liệu hanchot (lược đồ phiên bản %d)"
				: "'%s' is not a hanchot database (schema version %d)", path, version);
		goto out;
	}
	if (version > schema_latest()) {
		err_set(err, VI ? "'%s' có lược đồ phiên bản %d, mới hơn phiên bản hanchot này hiểu được (%d): "
				  "hãy dùng hanchot mới hơn"
				: "'%s' has schema version %d, newer than this hanchot understands (%d): "
				  "use a newer hanchot", path, version, schema_latest());
		goto out;
	}
	rc = 0;
out:
	if (s)
		sqlite3_close(s);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes all but the `keep` newest copies restores made next to the
 * database at path (.before-restore-STAMP[-N]: the stamp sorts by time). */
static void rotate_restore_copies(const char *path, int keep)
{
	char *dir = file_parent_dir(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *prefix = xasprintf("%s.before-restore-", base), **names = NULL;
	size_t n = 0, cap = 0, plen = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		const char *rest = e->d_name + plen;
		if (strncmp(e->d_name, prefix, plen) != 0 || strspn(rest, "0123456789-") != strlen(rest) ||
		    strlen(rest) < 15)
			continue; /* a copy, not its -wal, -journal or a temporary file */
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		/* "…-HHMMSS" before "…-HHMMSS-2": pad the count so names sort */
		const char *dash = strchr(rest + 9, '-');
		names[n++] = dash ? xasprintf("%.15s-%04d\t%s", rest, atoi(dash + 1), e->d_name)
				  : xasprintf("%.15s-0000\t%s", rest, e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i + (size_t)keep < n) {
			char *old = xasprintf("%s/%s", dir, strchr(names[i], '\t') + 1);
			unlink(old);
			free(old);
		}
		free(names[i]);
	}
	free(names);
	free(prefix);
	free(dir);
}

int db_backup_restore(struct db *db, const char *src, int keep, char *saved, size_t saved_size, char *err)
{
	sqlite3 *in = NULL;
	const char *why = NULL;
	int rc = -1;
	char stamp[32], *tmp;
	struct tm tm;
	time_t now = (time_t)db_now(db);

	if (db_backup_check_file(src, err))
		return -1;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(saved, saved_size, "%s.before-restore-%s", db_path(db), stamp);
	for (int n = 2; access(saved, F_OK) == 0 && n < 100; n++)
		snprintf(saved, saved_size, "%s.before-restore-%s-%d", db_path(db), stamp, n);
	int fd = write_copy(db, saved, file_private_mode(db_path(db)), &tmp, err);
	if (fd < 0 || place_copy(fd, tmp, saved, err))
		return -1;
	rotate_restore_copies(db_path(db), keep > 0 ? keep : 1);
	if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(err, BACKUP_ERROR, src, sqlite3_errmsg(in));
		goto out;
	}
	/* One write transaction on the live database: atomic for every reader. */
	if (copy_all(db_sqlite(db), in, &why) != SQLITE_OK) {
		err_set(err, RESTORE_FAILED, db_path(db), src, why);
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
	char *tmp = NULL;
	char *wal = xasprintf("%s-wal", db_path), *shm = xasprintf("%s-shm", db_path);
	char *saved_wal = NULL;
	sqlite3 *in = NULL, *out = NULL;
	const char *why = NULL;
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	int rc = -1, e, fd = -1;

	if (db_backup_check_file(src, err))
		goto out;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(saved, saved_size, "%s.damaged-%s", db_path, stamp);
	fd = file_temp_create(db_path, file_private_mode(db_path), &tmp);
	if (fd < 0) {
		err_set(err, RESTORING, db_path, err_reason(errno));
		goto out;
	}
	if (sqlite3_open_v2(src, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, VI ? "cơ sở dữ liệu '%s': khôi phục từ '%s': không mở được"
				: "database '%s': restoring from '%s': cannot open", db_path, src);
		goto out;
	}
	if (copy_all(out, in, &why) != SQLITE_OK ||
	    sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(err, RESTORE_FAILED, db_path, src, why ? why : sqlite3_errmsg(out));
		goto out;
	}
	sqlite3_close(out);
	out = NULL;
	if ((e = file_sync(tmp, false)) != 0) {
		err_set(err, VI ? "cơ sở dữ liệu '%s': khôi phục: %s (chưa thay đổi gì)"
				: "database '%s': restoring: %s (nothing was changed)", db_path, err_reason(e));
		goto out;
	}
	/* Keep the damaged file (a hard link) and its log, then swap in one rename. */
	if (link(db_path, saved) != 0 && errno != ENOENT) {
		err_set(err, VI ? "cơ sở dữ liệu '%s': giữ một bản ở '%s': %s (chưa thay đổi gì)"
				: "database '%s': keeping a copy as '%s': %s (nothing was changed)", db_path, saved,
			err_reason(errno));
		goto out;
	}
	saved_wal = xasprintf("%s-wal", saved);
	if (rename(wal, saved_wal) != 0 && errno != ENOENT) {
		err_set(err, VI ? "cơ sở dữ liệu '%s': chuyển nhật ký sang bên: %s" : "database '%s': moving its log aside: %s",
			db_path, err_reason(errno));
		goto out;
	}
	unlink(shm);
	if ((e = file_replace(tmp, db_path)) != 0) {
		err_set(err, RESTORING, db_path, err_reason(e));
		goto out;
	}
	rc = 0;
out:
	if (out)
		sqlite3_close(out);
	if (in)
		sqlite3_close(in);
	if (rc && tmp)
		unlink(tmp);
	if (fd >= 0)
		close(fd); /* last: SQLite's own locks on the file go with any descriptor */
	free(tmp);
	free(wal);
	free(shm);
	free(saved_wal);
	return rc;
}

void db_backup_clean(const char *db_path)
{
	char *dir = file_parent_dir(db_path);
	const char *base = strrchr(db_path, '/') ? strrchr(db_path, '/') + 1 : db_path;
	size_t blen = strlen(base);
	file_temp_clean(dir, base);
	/* the names temporary files had before they were locked */
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		size_t n = strlen(name);
		if (n > 8 && strcmp(name + n - 8, "-journal") == 0)
			n -= 8;
		if (strncmp(name, base, blen) != 0 || name[blen] != '.' ||
		    !((n == blen + 11 && strncmp(name + blen, ".backup.new", 11) == 0) ||
		      (n > blen + 4 && strncmp(name + n - 4, ".tmp", 4) == 0)))
			continue;
		char *path = xasprintf("%s/%s", dir, name);
		if (file_temp_dead(path))
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
}
