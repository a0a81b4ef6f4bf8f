#include "db/db_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/backup.h"
#include "db/schema.h"

struct cached_stmt {
	const char *sql; /* static text: compared by pointer, then by content */
	sqlite3_stmt *stmt;
};

struct db {
	sqlite3 *sql;
	char *path;
	char *actor;
	int64_t clock; /* 0: time() */
	civil_day today;
	int depth;     /* transaction nesting */
	struct cached_stmt *stmts;
	size_t n_stmts, cap_stmts;
	const struct agency_table *(*known)(void *ctx); /* db_set_known_agencies */
	void *known_ctx;
	bool damaged;  /* db_fail found damage (db_open's DB_OPEN_DAMAGED) */
};

sqlite3 *db_sqlite(struct db *db) { return db->sql; }
const char *db_actor(const struct db *db) { return db->actor; }
const char *db_path(const struct db *db) { return db->path; }
civil_day db_today(const struct db *db) { return db->today; }

void db_set_actor(struct db *db, const char *who)
{
	free(db->actor);
	db->actor = xstrdup(who && *who ? who : "?");
}

void db_set_clock(struct db *db, int64_t now) { db->clock = now; }

void db_set_known_agencies(struct db *db, const struct agency_table *(*known)(void *ctx), void *ctx)
{
	db->known = known;
	db->known_ctx = ctx;
}

const struct agency_table *db_known_agencies(struct db *db)
{
	return db->known ? db->known(db->known_ctx) : NULL;
}
void db_set_today(struct db *db, civil_day today) { db->today = today; }

int64_t db_now(struct db *db) { return db->clock ? db->clock : (int64_t)time(NULL); }

char *db_timestamp(struct db *db, char *buf)
{
	time_t t = (time_t)db_now(db);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

int db_fail(struct db *db, const char *what, char *err)
{
	int code = sqlite3_extended_errcode(db->sql) & 0xff;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
		/* Wherever it is found, damage gets one message and the way out. */
		char *backup = db_backup_newest(db->path);
		db->damaged = true;
		if (backup)
			err_set(err, VI ? "cơ sở dữ liệu '%s' bị hỏng (%s); hãy khôi phục bản sao lưu mới nhất: hanchot restore '%s'"
					: "database '%s' is damaged (%s); restore the newest backup: hanchot restore '%s'",
				db->path, sqlite3_errmsg(db->sql), backup);
		else
			err_set(err, VI ? "cơ sở dữ liệu '%s' bị hỏng (%s) và không có bản sao lưu nào bên cạnh"
					: "database '%s' is damaged (%s) and no backup was found next to it",
				db->path, sqlite3_errmsg(db->sql));
		free(backup);
		return -1;
	}
	if (code == SQLITE_FULL || (code == SQLITE_IOERR && sqlite3_system_errno(db->sql) == ENOSPC))
		return VI ? err_set(err, "cơ sở dữ liệu '%s': ổ đĩa đã đầy (chưa lưu được gì)", db->path)
			  : err_set(err, "database '%s': %s: the disk is full (nothing was saved)", db->path, what);
	/* what (the step, in English words) is named in English only */
	if (VI && code == SQLITE_BUSY)
		return err_set(err, "cơ sở dữ liệu '%s' đang bị khoá: một người khác đang ghi quá lâu; hãy thử lại", db->path);
	if (VI)
		return err_set(err, "cơ sở dữ liệu '%s': lỗi SQLite %d (%s)", db->path, code, sqlite3_errmsg(db->sql));
	return err_set(err, "database '%s': %s: %s", db->path, what, sqlite3_errmsg(db->sql));
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql, char *err)
{
	for (size_t i = 0; i < db->n_stmts; i++)
		if (db->stmts[i].sql == sql || strcmp(db->stmts[i].sql, sql) == 0) {
			sqlite3_reset(db->stmts[i].stmt);
			sqlite3_clear_bindings(db->stmts[i].stmt);
			return db->stmts[i].stmt;
		}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, "preparing a statement", err);
		return NULL;
	}
	xgrow((void **)&db->stmts, &db->cap_stmts, db->n_stmts + 1, sizeof *db->stmts);
	db->stmts[db->n_stmts].sql = sql;
	db->stmts[db->n_stmts].stmt = st;
	db->n_stmts++;
	return st;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_day(sqlite3_stmt *st, int i, civil_day d)
{
	char buf[DATE_BUF];
	if (d == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_format_iso(d, buf), -1, SQLITE_TRANSIENT);
}

civil_day db_column_day(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? date_parse_iso((const char *)t) : DATE_NONE;
}

const char *db_column_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static int exec(struct db *db, const char *sql, const char *what, char *err)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, what, err);
	return 0;
}

int db_begin(struct db *db, char *err)
{
	if (db->depth++ > 0)
		return 0;
	if (exec(db, "BEGIN IMMEDIATE", "starting a write", err)) {
		db->depth = 0;
		return -1;
	}
	return 0;
}

int db_commit(struct db *db, char *err)
{
	if (db->depth == 0 || --db->depth > 0)
		return 0;
	if (exec(db, "COMMIT", "saving", err)) {
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	db->depth = 0;
	sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* Whether name (in the database's folder) is one of the files of the
 * database called base. */
static bool own_name(const char *name, const char *base)
{
	static const char *const exact[] = { "", "-wal", "-shm", "-journal", ".backup.lock", ".backup.new",
					     ".restore.tmp" };
	static const char *const prefixed[] = { ".before-restore-", ".damaged-", ".ical-" };
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0)
		return false;
	const char *rest = name + n;
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strcmp(rest, exact[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++)
		if (strncmp(rest, prefixed[i], strlen(prefixed[i])) == 0)
			return true;
	return strncmp(rest, ".backup.", 8) == 0 && rest[8] && strspn(rest + 8, "0123456789") == strlen(rest + 8);
}

/* The database's name spelled as file_output_resolve() spells a file: the
 * real folder and the name; follow_links: the file it finally is. */
static char *db_spelling(const char *path, bool follow_links)
{
	char *out = NULL;
	if (follow_links) {
		out = realpath(path, NULL);
	} else {
		char *dir = file_parent_dir(path), *real = realpath(dir, NULL);
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		if (real)
			out = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
		free(real);
		free(dir);
	}
	return out;
}

int db_check_output(const struct db *db, const struct file_output *o, char *err)
{
	struct stat out, mine;
	if (o->stream)
		return 0;
	/* a second name of the database or its log */
	if (stat(o->path, &out) == 0) {
		static const char *const files[] = { "", "-wal" };
		for (size_t i = 0; i < 2; i++) {
			char *f = xasprintf("%s%s", db->path, files[i]);
			bool same = stat(f, &mine) == 0 && mine.st_dev == out.st_dev && mine.st_ino == out.st_ino;
			free(f);
			if (same)
				return err_set(err, VI ? "đây là tệp của chính cơ sở dữ liệu '%s%s': hãy chọn tên khác"
						       : "it is the database's own file '%s%s': choose another name", db->path,
					       files[i]);
		}
	}
	for (int follow = 0; follow < 2; follow++) {
		char *spelling = db_spelling(db->path, follow);
		if (!spelling)
			continue;
		char *dir = file_parent_dir(spelling), *odir = file_parent_dir(o->path);
		const char *base = strrchr(spelling, '/') + 1, *name = strrchr(o->path, '/') + 1;
		bool own = strcmp(dir, odir) == 0 && own_name(name, base);
		free(dir);
		free(odir);
		free(spelling);
		if (own)
			return err_set(err, VI ? "đây là tệp của chính cơ sở dữ liệu '%s': hãy chọn tên khác"
					       : "it is the database's own file '%s': choose another name", o->path);
	}
	return 0;
}

int64_t db_data_version(struct db *db)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int64_t v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* Rows written by another program have no search key: fold them now, once
 * (a read first, so an open that finds none takes no write lock). */
static int fill_search_keys(struct db *db, char *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM task WHERE search_key IS NULL LIMIT 1", -1, &st,
			       NULL) != SQLITE_OK)
		return db_fail(db, "checking search keys", err);
	int missing = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!missing)
		return 0;
	return exec(db, "UPDATE task SET search_key = " DB_SEARCH_KEY("task") " WHERE search_key IS NULL",
		    "filling search keys", err);
}

static int user_version(struct db *db, int *out, char *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "reading the schema version", err);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading the schema version", err);
	return 0;
}

static int migrate(struct db *db, char *err)
{
	int version;
	if (user_version(db, &version, err))
		return -1;
	if (version > schema_latest())
		return err_set(err, VI ? "cơ sở dữ liệu '%s' có lược đồ phiên bản %d, mới hơn phiên bản hanchot này "
					 "hiểu được (%d): hãy dùng hanchot mới hơn"
				       : "database '%s' has schema version %d, newer than this hanchot "
					 "understands (%d): use a newer hanchot", db->path, version, schema_latest());
	while (version < schema_latest()) {
		char pragma[64];
		if (db_begin(db, err))
			return -1;
		/* Re-read inside the write lock: another process may have migrated. */
		if (user_version(db, &version, err))
			goto fail;
		if (version >= schema_latest()) {
			db_rollback(db);
			break;
		}
		version++;
		if (exec(db, schema_migration(version), "creating the schema", err))
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
		if (exec(db, pragma, "recording the schema version", err))
			goto fail;
		if (db_commit(db, err))
			return -1;
	}
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* hc_fold(text): core/text's search key ("Kế hoạch" -> "ke hoach"). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	char *out = xmalloc(len + 1);
	size_t n = text_fold(out, s, len);
	sqlite3_result_text(ctx, out, (int)n, free);
}

/* hc_agency_key(name): core/agency's match key, so SQL can compare names the
 * way a person would. */
static void sql_agency_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *name = sqlite3_value_text(argv[0]);
	if (!name) {
		sqlite3_result_null(ctx);
		return;
	}
	char *key = agency_key((const char *)name);
	sqlite3_result_text(ctx, key, -1, free);
}

/* Creates a missing database file before SQLite opens it, private to those
 * who share it: 0600, or 0660 in a set-group-ID folder (file_private_mode:
 * the file takes the folder's group). SQLite gives its -wal and -shm the
 * database's mode. */
static int create_private(const char *path, char *err)
{
	mode_t mode = file_private_mode(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd >= 0) {
		fchmod(fd, mode); /* whatever the umask */
		close(fd);
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	return err_set(err, VI ? "không tạo được cơ sở dữ liệu '%s': %s" : "cannot create database '%s': %s", path,
		       err_reason(errno));
}

#define CANNOT_OPEN (VI ? "không mở được cơ sở dữ liệu '%s': %s" : "cannot open database '%s': %s")

/* Why path cannot be written: a read-only file system, a file that is the
 * user's own but read-only, or one of someone else's that they may not
 * write (the usual case of a colleague's database in an unshared folder). */
static int cannot_write(const char *path, int e, char *err)
{
	struct stat st;
	if (e == EROFS)
		return err_set(err, VI ? "không mở được cơ sở dữ liệu '%s': hệ thống tệp chỉ cho phép đọc"
				       : "cannot open database '%s': the file system is read-only", path);
	if (stat(path, &st) != 0 || e != EACCES)
		return err_set(err, CANNOT_OPEN, path, err_reason(e));
	if (st.st_uid == geteuid())
		return err_set(err, VI ? "không mở được cơ sở dữ liệu '%s': tệp chỉ cho phép đọc (quyền %04o)"
				       : "cannot open database '%s': the file is read-only (mode %04o)", path,
			       (unsigned)(st.st_mode & 07777));
	struct passwd *pw = getpwuid(st.st_uid);
	struct group *gr = getgrgid(st.st_gid);
	char owner[64], group[64];
	snprintf(owner, sizeof owner, "%s", pw ? pw->pw_name : "");
	snprintf(group, sizeof group, "%s", gr ? gr->gr_name : "");
	return err_set(err, VI ? "không mở được cơ sở dữ liệu '%s': không có quyền (chủ sở hữu %s%s%u, nhóm %s%s%u, "
				 "quyền %04o): để dùng chung, hãy để cơ sở dữ liệu trong một thư mục của nhóm tạo bằng "
				 "chmod g+s (README: Sharing with colleagues)"
			       : "cannot open database '%s': permission denied (owner %s%s%u, group %s%s%u, mode %04o): "
				 "to share a database, keep it in a folder of your group made with chmod g+s "
				 "(README: Sharing with colleagues)", path, owner, *owner ? " " : "", (unsigned)st.st_uid, group,
		       *group ? " " : "", (unsigned)st.st_gid, (unsigned)(st.st_mode & 07777));
}

int db_open(const char *path, struct db **out, char *err)
{
	struct stat st;
	*out = NULL;
	if (!path || !*path)
		return err_set(err, VI ? "chưa có đường dẫn cơ sở dữ liệu" : "no database path given");
	char *dir = file_parent_dir(path);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		err_set(err, VI ? "không mở được cơ sở dữ liệu '%s': không có thư mục '%s'"
				: "cannot open database '%s': folder '%s' does not exist", path, dir);
		free(dir);
		return -1;
	}
	const char *net = file_network_fs(dir);
	free(dir);
	if (net)
		return err_set(err, VI ? "không mở được cơ sở dữ liệu '%s': nó nằm trên hệ thống tệp mạng (%s), nơi nhật ký "
					 "ghi trước của SQLite không an toàn và có thể mất thay đổi; hãy để trên ổ đĩa của "
					 "chính máy chủ và dùng chung qua SSH (README: Sharing with colleagues)"
				       : "cannot open database '%s': it is on a network file system (%s), where SQLite's "
					 "write-ahead log is not safe and changes can be lost; keep it on the server's own "
					 "disk and share it over SSH (README: Sharing with colleagues)", path, net);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(err, CANNOT_OPEN, path, VI ? "đây là một thư mục" : "it is a folder");
	if (create_private(path, err))
		return -1;
	db_backup_clean(path); /* what killed processes left next to it */
	if (access(path, W_OK) != 0)
		return cannot_write(path, errno, err);

	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->actor = xstrdup("?");
	db->today = DATE_NONE;
	if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_fail(db, "opening", err);
		goto fail;
	}
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, 5000);
	/* A file that is not a database fails on its first read (the header);
	 * a damaged schema on reading sqlite_master. Both cost a page or two;
	 * the full PRAGMA quick_check reads the whole file, so it is left to
	 * restore (damage found later by any query gets the same message). */
	if (exec(db, "PRAGMA foreign_keys = ON", "setting foreign keys", err))
		goto fail;
	{
		int v;
		if (user_version(db, &v, err) ||
		    exec(db, "SELECT count(*) FROM sqlite_master", "reading the schema", err))
			goto fail;
	}
	if (exec(db, "PRAGMA journal_mode = WAL", "turning on the write-ahead log", err) ||
	    exec(db, "PRAGMA synchronous = FULL", "setting synchronous writes", err))
		goto fail;
	if (sqlite3_create_function_v2(db->sql, "hc_agency_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       NULL, sql_agency_key, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db->sql, "hc_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold,
				       NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, "registering functions", err);
		goto fail;
	}
	if (migrate(db, err) || fill_search_keys(db, err))
		goto fail;
	*out = db;
	return 0;
fail:;
	int rc = db->damaged ? DB_OPEN_DAMAGED : -1;
	db_close(db);
	return rc;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n_stmts; i++)
		sqlite3_finalize(db->stmts[i].stmt);
	free(db->stmts);
	sqlite3_close(db->sql);
	free(db->path);
	free(db->actor);
	free(db);
}
