/* db/export: SEQUENCE moves only with exported content; tasks are spliced
 * from the previous file (equal to from-scratch exports after every kind of
 * change, falling back when the file or index is harmed, consistent against a
 * concurrent writer); filters; refresh is a no-op when nothing changed. */
#include "tests/unit/testdb.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/export.h"
#include "db/task.h"

struct mem {
	char *p;
	size_t len;
};

static int mem_write(void *ctx, const char *data, size_t len)
{
	struct mem *m = ctx;
	m->p = xrealloc(m->p, m->len + len + 1);
	memcpy(m->p + m->len, data, len);
	m->len += len;
	m->p[m->len] = '\0';
	return 0;
}

static const char *const alarms[] = { "-PT15H" };
static const struct ical_options opt = { .kind = ICAL_KIND_BOTH, .alarms = alarms, .n_alarms = 1,
					 .calendar_name = "Lịch", .dtstamp = 1715900000 };

struct fixture {
	struct testdb t;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char err[ERR_MAX];
	testdb_open(&f->t);
	db_set_clock(f->t.db, 1715900000);
	for (int i = 0; i < 3; i++) {
		struct task t;
		task_init(&t);
		task_set_str(&t.summary, i == 1 ? "Báo cáo, thu; chi \\ ngân sách" : "Kế hoạch");
		task_add_lead(&t, i == 2 ? "Sở Y tế" : "Sở Tài chính");
		t.due = i == 0 ? DATE_NONE : date_from_ymd(2024, 5, 14 + i);
		t.precision = PRECISION_DAY;
		assert_int_equal(db_task_add(f->t.db, &t, err), 0);
		task_release(&t);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	testdb_close(&f->t);
	free(f);
	return 0;
}

static int64_t sequence(struct db *db, int64_t id)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT ical_sequence FROM task WHERE id = ?1",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *export(struct db *db, struct db_export_stats *stats)
{
	struct mem m = { 0 };
	char err[ERR_MAX];
	assert_int_equal(db_export_write(db, &opt, NULL, mem_write, &m, NULL, stats, err), 0);
	return m.p;
}

/* The same, copying from the kept-current file at path. */
static char *export_from(struct db *db, const char *path, struct db_export_stats *stats)
{
	struct mem m = { 0 };
	char err[ERR_MAX];
	assert_int_equal(db_export_write(db, &opt, NULL, mem_write, &m, path, stats, err), 0);
	return m.p;
}

static void test_sequence_moves_with_content_only(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX];
	assert_int_equal(sequence(f->t.db, 2), 0);
	assert_int_equal(db_task_note(f->t.db, 2, "đã gọi điện", 0, err), 0);
	assert_int_equal(sequence(f->t.db, 2), 0);
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, DATE_NONE, 0, err), 0);
	assert_int_equal(sequence(f->t.db, 2), 1);
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, DATE_NONE, 0, err), 0); /* no-op */
	assert_int_equal(sequence(f->t.db, 2), 1);
	assert_int_equal(db_task_extend(f->t.db, 3, date_from_ymd(2024, 6, 1), "xin gia hạn", 0, err), 0);
	assert_int_equal(sequence(f->t.db, 3), 1);
	assert_int_equal(sequence(f->t.db, 2), 1);
	assert_int_equal(sqlite3_exec(db_sqlite(f->t.db), "UPDATE agency SET name = 'Sở Y tế tỉnh' WHERE name = 'Sở Y tế'",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sequence(f->t.db, 3), 2);
	assert_int_equal(sequence(f->t.db, 2), 1);
}

static void exec_ok(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_sqlite(db), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* A from-scratch export (no recorded file to copy from), the index kept. */
static char *full(struct db *db)
{
	struct db_export_stats s;
	exec_ok(db, "CREATE TEMP TABLE saved AS SELECT * FROM ical_index; DELETE FROM ical_index");
	char *text = export(db, &s);
	assert_false(s.spliced);
	assert_int_equal(s.copied, 0);
	exec_ok(db, "INSERT INTO ical_index SELECT * FROM saved; DROP TABLE saved");
	return text;
}

/* Keeps path current (as export_file), writing it even when nothing changed,
 * and copying from its previous version. */
static int keep(struct fixture *f, const char *path, struct db_export_stats *s, char *err)
{
	bool written = false;
	exec_ok(f->t.db, "DELETE FROM ical_export"); /* what makes it write */
	int rc = db_export_refresh(f->t.db, &opt, path, &written, s, err);
	assert_true(rc || written);
	return rc;
}

/* Keeps path current; checks the file equals a from-scratch export. */
static void export_check(struct fixture *f, const char *path, struct db_export_stats *s)
{
	char err[ERR_MAX];
	assert_int_equal(keep(f, path, s, err), 0);
	char *got = test_slurp(path, NULL), *want = full(f->t.db);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void add_tasks(struct fixture *f, int n)
{
	char err[ERR_MAX];
	for (int i = 0; i < n; i++) {
		struct task t;
		task_init(&t);
		task_set_str(&t.summary, "Rà soát, báo cáo");
		task_set_str(&t.full_text, "Giao Sở Tài chính chủ trì; phối hợp các sở.");
		task_add_lead(&t, "Sở Tài chính");
		task_add_cooperating(&t, "Sở Y tế");
		t.due = date_from_ymd(2024, 6, 1 + i);
		t.precision = i % 2 ? PRECISION_MONTH : PRECISION_DAY;
		assert_int_equal(db_task_add(f->t.db, &t, err), 0);
		task_release(&t);
	}
}

static void test_splice_equals_full_export(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char err[ERR_MAX], path[128];
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	add_tasks(f, 6); /* ids 4..9 */
	export_check(f, path, &s);
	assert_false(s.spliced);
	assert_int_equal(s.tasks, 8);
	assert_int_equal(s.built, 8);
	/* nothing changed, then a note: everything copied */
	export_check(f, path, &s);
	assert_true(s.spliced);
	assert_int_equal(s.copied, 8);
	assert_int_equal(db_task_note(f->t.db, 5, "ghi chú", 0, err), 0);
	export_check(f, path, &s);
	assert_int_equal(s.copied, 8);
	/* one change of each kind: only the tasks it touches are rebuilt */
	struct {
		const char *what;
		size_t built, tasks;
	} steps[] = {
		{ "status", 1, 8 },	  { "extend", 1, 8 },	 { "summary", 1, 8 },
		{ "agency", 7, 8 },	  { "document", 2, 8 },	 { "delete", 0, 7 },
		{ "new task", 1, 8 },	  { "reused id", 1, 8 }, { "first and last", 2, 8 },
		{ "deadline removed", 0, 7 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const char *w = steps[i].what;
		if (!strcmp(w, "status"))
			assert_int_equal(db_task_set_status(f->t.db, 6, STATUS_DONE, DATE_NONE, 0, err), 0);
		else if (!strcmp(w, "extend"))
			assert_int_equal(db_task_extend(f->t.db, 7, date_from_ymd(2024, 7, 1), "gia hạn", 0, err), 0);
		else if (!strcmp(w, "summary"))
			exec_ok(f->t.db, "UPDATE task SET summary = 'Sửa, đổi; nội dung' WHERE id = 2");
		else if (!strcmp(w, "agency")) /* leads 3, cooperates on 4..9 */
			exec_ok(f->t.db, "UPDATE agency SET name = 'Sở Y tế tỉnh' WHERE name = 'Sở Y tế'");
		else if (!strcmp(w, "document"))
			exec_ok(f->t.db, "INSERT INTO document(id, kind, number, issued_date, imported_at)"
				       " VALUES (5, 'Thông báo', '12/TB-UBND', '2024-04-25', 'x');"
				       "UPDATE task SET document_id = 5 WHERE id IN (4, 8)");
		else if (!strcmp(w, "delete"))
			exec_ok(f->t.db, "DELETE FROM task WHERE id = 5");
		else if (!strcmp(w, "new task"))
			add_tasks(f, 1); /* id 10 */
		else if (!strcmp(w, "reused id")) /* same id, SEQUENCE 0 again, new uuid */
			exec_ok(f->t.db, "DELETE FROM task WHERE id = 10;"
				       "INSERT INTO task(id, summary, due_date, due_precision, uuid, created_at,"
				       " updated_at) VALUES (10, 'Khác', '2024-06-30', 'day',"
				       " '11111111-2222-4333-8444-555555555555', '2024-05-17T00:00:00Z',"
				       " '2024-05-17T00:00:00Z')");
		else if (!strcmp(w, "first and last"))
			exec_ok(f->t.db, "UPDATE task SET status = 'paused' WHERE id IN (2, 10)");
		else
			exec_ok(f->t.db, "UPDATE task SET due_date = NULL WHERE id = 9");
		export_check(f, path, &s);
		if (!s.spliced || s.built != steps[i].built || s.tasks != steps[i].tasks)
			fail_msg("%s: spliced %d, built %zu of %zu", w, s.spliced, s.built, s.tasks);
		assert_int_equal(s.copied + s.built, s.tasks);
	}
	/* a filtered one-off export copies what it shares with the kept file,
	 * and leaves no index of its own */
	struct db_export_filter flt;
	db_export_filter_init(&flt);
	flt.from = date_from_ymd(2024, 6, 3);
	char part[160];
	snprintf(part, sizeof part, "%s/part.ics", f->t.dir);
	int64_t rows = 0;
	assert_int_equal(db_export_file(f->t.db, &opt, &flt, part, path, &s, err), 0);
	assert_true(s.spliced);
	assert_int_equal(s.built, 0);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->t.db), "SELECT count(*) FROM ical_index", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	rows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(rows, 1);
	struct mem m = { 0 };
	assert_int_equal(db_export_write(f->t.db, &opt, &flt, mem_write, &m, NULL, &s, err), 0);
	assert_false(s.spliced);
	char *got = test_slurp(part, NULL);
	assert_string_equal(got, m.p);
	free(got);
	free(m.p);
}

static char *index_file(struct db *db)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT index_file FROM ical_index ORDER BY rowid DESC",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *p = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return p;
}

/* A recorded file that is gone, truncated, rewritten or touched, or an index
 * file gone or damaged, is not copied from: the export is complete and right
 * anyway. */
static void test_splice_falls_back(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char path[128], cmd[300], err[ERR_MAX];
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	add_tasks(f, 3);
	static const char *const harm[] = {
		"rm -f '%s'",
		"truncate -s -100 '%s'",
		"sed -i 's/Sở/Bộ/' '%s'",               /* same size, new inode */
		"touch -d '2001-01-01' '%s'",            /* same inode and size */
		"printf 'x' | dd of='%s' bs=1 seek=500 conv=notrunc status=none", /* same size, new mtime */
		"rm -f '%s'",                            /* the index file gone */
		"truncate -s -1 '%s'",                   /* the index file cut short */
		"printf '\\001' | dd of='%s' bs=1 seek=4 conv=notrunc status=none", /* one byte changed */
	};
	for (size_t i = 0; i < sizeof harm / sizeof harm[0]; i++) {
		export_check(f, path, &s);
		char *index = index_file(f->t.db);
		snprintf(cmd, sizeof cmd, harm[i], i < 5 ? path : index);
		free(index);
		assert_int_equal(system(cmd), 0);
		assert_int_equal(db_task_set_status(f->t.db, 4, i % 2 ? STATUS_DONE : STATUS_PAUSED, DATE_NONE, 0,
						    err), 0);
		export_check(f, path, &s);
		if (s.spliced || s.built != s.tasks)
			fail_msg("harm %zu: spliced %d, built %zu of %zu", i, s.spliced, s.built, s.tasks);
	}
	/* an index whose ranges point outside the file */
	exec_ok(f->t.db, "UPDATE ical_index SET size = size + 1000000");
	export_check(f, path, &s);
	assert_false(s.spliced);
	/* export to a sink copies from the kept file it is told of */
	char *a = export_from(f->t.db, path, &s);
	assert_true(s.spliced);
	assert_int_equal(s.built, 0);
	char *b = test_slurp(path, NULL);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* only the most recently kept files (colleagues' export_files) keep an
	 * index, and a spare (written twice); one-off exports keep none */
	for (int i = 0; i < DB_EXPORT_KEEP_FILES + 2; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s/c%d.ics", f->t.dir, i);
		assert_int_equal(keep(f, p, &s, err), 0);
		assert_false(s.spliced);
		assert_int_equal(keep(f, p, &s, err), 0);
		assert_true(s.spliced);
		snprintf(p, sizeof p, "%s/once%d.ics", f->t.dir, i);
		assert_int_equal(db_export_file(f->t.db, &opt, NULL, p, NULL, &s, err), 0);
	}
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->t.db), "SELECT count(*) FROM ical_index", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), DB_EXPORT_KEEP_FILES);
	sqlite3_finalize(st);
	snprintf(cmd, sizeof cmd, "test $(ls '%s' | grep -c '^t\\.db\\.ical-[0-9a-f]*$') = %d", f->t.dir,
		 DB_EXPORT_KEEP_FILES);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "test $(ls '%s' | grep -c '^t\\.db\\.ical-[0-9a-f]*\\.spare$') = %d", f->t.dir,
		 DB_EXPORT_KEEP_FILES);
	assert_int_equal(system(cmd), 0);
}

static ino_t inode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

/* A re-export overwrites the file the previous one replaced (kept next to
 * the database) instead of making a new one, unless a reader still has that
 * old version open: the reader then keeps it whole. */
static void test_reexport_reuses_spare(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char path[128], err[ERR_MAX];
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	add_tasks(f, 3);
	export_check(f, path, &s);
	ino_t first = inode_of(path);
	char *v1 = test_slurp(path, NULL);
	int reader = open(path, O_RDONLY);
	assert_true(reader >= 0);
	assert_int_equal(db_task_set_status(f->t.db, 4, STATUS_DONE, DATE_NONE, 0, err), 0);
	export_check(f, path, &s);
	ino_t second = inode_of(path);
	assert_true(second != first);
	char *index = index_file(f->t.db), spare[256];
	snprintf(spare, sizeof spare, "%s.spare", index);
	free(index);
	assert_true(inode_of(spare) == first); /* the first version, still read */
	assert_int_equal(db_task_set_status(f->t.db, 5, STATUS_DONE, DATE_NONE, 0, err), 0);
	export_check(f, path, &s);
	assert_true(inode_of(path) != first);
	size_t len = strlen(v1);
	char *again = malloc(len + 1);
	assert_int_equal(pread(reader, again, len + 1, 0), (ssize_t)len);
	assert_memory_equal(again, v1, len);
	free(again);
	free(v1);
	close(reader);
	/* once nobody reads it, the spare is written over */
	ino_t spare_now = inode_of(spare);
	assert_int_equal(db_task_set_status(f->t.db, 6, STATUS_DONE, DATE_NONE, 0, err), 0);
	export_check(f, path, &s);
	assert_true(inode_of(path) == spare_now);
}

/* A write that fails part way (here: past a file-size limit, while the
 * unchanged tasks are being copied) fails the export with the reason and
 * leaves the calendar as it was; the next export is whole again. */
static void test_failed_write_keeps_file(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char path[128], err[ERR_MAX] = "";
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	add_tasks(f, 300);
	export_check(f, path, &s);
	export_check(f, path, &s); /* the spare now exists: it is what fails */
	char *index = index_file(f->t.db), spare[256];
	snprintf(spare, sizeof spare, "%s.spare", index);
	free(index);
	assert_int_equal(access(spare, F_OK), 0);
	char *before = test_slurp(path, NULL);
	size_t size = strlen(before);
	assert_true(size > 100000);
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_DONE, DATE_NONE, 0, err), 0);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = size / 2;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	bool written;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = db_export_refresh(f->t.db, &opt, path, &written, &s, err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_equal(rc, -1);
	if (!strstr(err, "cal.ics': write failed: File too large"))
		fail_msg("error: %s", err);
	char *after = test_slurp(path, NULL);
	assert_string_equal(after, before);
	free(after);
	free(before);
	export_check(f, path, &s);
	assert_true(s.spliced);
	assert_int_equal(s.built, 1);
}

/* Long runs of unchanged tasks (over 4 MiB, many read buffers each) are
 * copied whole, before and after a changed task. */
static void test_long_runs(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char path[128], err[ERR_MAX];
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	static const char phrase[] = "Giao Sở Tài chính chủ trì, phối hợp; báo cáo\\UBND tỉnh. ";
	size_t n = 0, plen = strlen(phrase);
	char *text = xmalloc(32000 + plen + 1);
	while (n < 32000) {
		memcpy(text + n, phrase, plen);
		n += plen;
	}
	text[n] = '\0';
	for (int i = 0; i < 400; i++) {
		struct task t;
		task_init(&t);
		task_set_str(&t.summary, "Rà soát");
		task_set_str(&t.full_text, text);
		task_add_lead(&t, "Sở Tài chính");
		t.due = date_from_ymd(2024, 6, 1 + i % 28);
		assert_int_equal(db_task_add(f->t.db, &t, err), 0);
		task_release(&t);
	}
	free(text);
	export_check(f, path, &s);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 10 * 1024 * 1024); /* over 4 MiB on each side of the change */
	assert_int_equal(db_task_set_status(f->t.db, 200, STATUS_DONE, DATE_NONE, 0, err), 0);
	export_check(f, path, &s);
	assert_true(s.spliced);
	assert_int_equal(s.built, 1);
	assert_int_equal(s.copied, s.tasks - 1);
}

/* Another connection cannot change tasks while an export runs (it holds the
 * write lock), and what it changes afterwards reaches the next export. */
struct racer {
	struct mem m;
	sqlite3 *other;
	int tried, busy;
};

static int racing_write(void *ctx, const char *data, size_t len)
{
	struct racer *r = ctx;
	if (r->tried++ == 1) {
		int rc = sqlite3_exec(r->other, "UPDATE task SET status = 'cancelled' WHERE id = 3", NULL, NULL,
				      NULL);
		r->busy = rc == SQLITE_BUSY;
	}
	return mem_write(&r->m, data, len);
}

static void test_concurrent_writer(void **state)
{
	struct fixture *f = *state;
	struct db_export_stats s;
	char path[128], err[ERR_MAX];
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	add_tasks(f, 2);
	export_check(f, path, &s);
	struct racer r = { 0 };
	assert_int_equal(sqlite3_open(f->t.path, &r.other), SQLITE_OK);
	sqlite3_busy_timeout(r.other, 0);
	assert_int_equal(db_export_write(f->t.db, &opt, NULL, racing_write, &r, path, &s, err), 0);
	assert_true(r.busy);
	assert_true(s.spliced);
	char *before = test_slurp(path, NULL);
	assert_string_equal(r.m.p, before);
	/* the same change once the export is over */
	assert_int_equal(sqlite3_exec(r.other, "UPDATE task SET status = 'cancelled' WHERE id = 3", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(r.other);
	export_check(f, path, &s);
	assert_true(s.spliced);
	assert_int_equal(s.built, 1);
	char *after = test_slurp(path, NULL);
	assert_non_null(strstr(after, "STATUS:CANCELLED"));
	free(before);
	free(after);
	free(r.m.p);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct db_export_filter flt;
	struct mem m = { 0 };
	struct db_export_stats s;
	char err[ERR_MAX];
	db_export_filter_init(&flt);
	flt.from = date_from_ymd(2024, 5, 16);
	assert_int_equal(db_export_write(f->t.db, &opt, &flt, mem_write, &m, NULL, &s, err), 0);
	assert_int_equal(s.tasks, 1);
	flt.to = date_from_ymd(2024, 5, 1);
	assert_int_equal(db_export_write(f->t.db, &opt, &flt, mem_write, &m, NULL, &s, err), -1);
	assert_non_null(strstr(err, "is after --to"));
	db_export_filter_init(&flt);
	flt.document_id = 9;
	assert_int_equal(db_export_filter_check(f->t.db, &flt, err), -1);
	assert_string_equal(err, "--document 9: no such document");
	free(m.p);
}

/* Agencies and document labels come from one ordered pass over task_agency:
 * each task must get exactly what db_task_get (a query per task) reads, in
 * position order even where that is not agency id order, whether the export
 * builds every task or splices in a changed one. */
/* ics with its folds (CRLF and a space) taken out, newly allocated. */
static char *unfolded(const char *ics)
{
	char *flat = xstrdup(ics), *to = flat;
	for (const char *p = ics; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
			p += 2;
		else
			*to++ = *p;
	}
	*to = '\0';
	return flat;
}

static void test_links_match_task_get(void **state)
{
	struct fixture *f = *state;
	char err[ERR_MAX], path[128];
	static const char *const leads[][2] = { { "Sở Y tế", "Sở Tài chính" }, { "Sở Xây dựng", NULL },
						{ "Sở Tài chính", NULL } };
	static const char *const coop[][3] = { { "UBND huyện C", "UBND huyện B", "UBND huyện A" },
					       { NULL, NULL, NULL },
					       { "UBND huyện A", "Sở Y tế", NULL } };
	for (int i = 0; i < 3; i++) {
		struct task t;
		task_init(&t);
		task_set_str(&t.summary, "Phối hợp");
		for (int k = 0; k < 2 && leads[i][k]; k++)
			task_add_lead(&t, leads[i][k]);
		for (int k = 0; k < 3 && coop[i][k]; k++)
			task_add_cooperating(&t, coop[i][k]);
		t.due = date_from_ymd(2024, 8, 1 + i);
		t.precision = PRECISION_DAY;
		assert_int_equal(db_task_add(f->t.db, &t, err), 0); /* ids 4..6 */
		task_release(&t);
	}
	exec_ok(f->t.db, "INSERT INTO document(id, kind, number, issued_date, imported_at) VALUES"
		       " (7, 'Thông báo', '12/TB-UBND', '2024-04-25', '2024-04-25T08:00:00Z'),"
		       " (300, 'Kết luận', '3/KL', NULL, '2024-04-25T08:00:00Z')");
	/* the export reads labels a range of ids at a time, when a task first
	 * names a document of the range: 300's, then 7's (kept before it),
	 * then 300's again */
	exec_ok(f->t.db, "UPDATE task SET document_id = 300 WHERE id IN (2, 6);"
		       " UPDATE task SET document_id = 7 WHERE id = 5");
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	for (int round = 0; round < 2; round++) {
		struct db_export_stats s;
		assert_int_equal(keep(f, path, &s, err), 0);
		assert_int_equal(s.spliced, round == 1);
		struct mem want = { 0 };
		struct ical_writer *w = ical_writer_new(&opt, mem_write, &want, err);
		assert_non_null(w);
		struct task t[6];
		int64_t seq[6];
		size_t lens[6];
		for (int64_t id = 1; id <= 6; id++) {
			assert_int_equal(db_task_get(f->t.db, id, &t[id - 1], err), 0);
			seq[id - 1] = sequence(f->t.db, id);
		}
		assert_int_equal(ical_writer_begin_many(w, t, seq, 6, lens, err), 0);
		assert_int_equal(ical_writer_wait(w, err), 0);
		assert_int_equal(ical_writer_finish(w, err), 0);
		ical_writer_free(w);
		for (int i = 0; i < 6; i++)
			task_release(&t[i]);
		char *got = test_slurp(path, NULL);
		assert_non_null(strstr(got, "Chủ trì: Sở Y tế\\; Sở Tài chính"));
		assert_non_null(strstr(got, "Văn bản: Kết luận 3/KL"));
		char *flat = unfolded(got);
		assert_non_null(strstr(flat, "Văn bản: Thông báo 12/TB-UBND 2024-04-25"));
		free(flat);
		assert_string_equal(got, want.p);
		free(got);
		free(want.p);
		/* round 1 splices: only task 4 is rebuilt */
		assert_int_equal(db_task_set_status(f->t.db, 4, STATUS_DONE, DATE_NONE, 0, err), 0);
	}
}

static void test_refresh(void **state)
{
	struct fixture *f = *state;
	char path[128], err[ERR_MAX];
	bool written;
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_true(written);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_false(written);
	/* what a killed refresh left goes at the next one, written or not */
	char left[160];
	snprintf(left, sizeof left, "%s/.cal.ics.hanchot.AbC123", f->t.dir);
	close(open(left, O_WRONLY | O_CREAT, 0600));
	struct timespec old[2] = { { .tv_sec = time(NULL) - 3600 }, { .tv_sec = time(NULL) - 3600 } };
	assert_int_equal(utimensat(AT_FDCWD, left, old, 0), 0);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_false(written);
	assert_int_equal(access(left, F_OK), -1);
	assert_int_equal(db_task_note(f->t.db, 2, "ghi chú", 0, err), 0);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_false(written);
	assert_int_equal(db_task_set_status(f->t.db, 2, STATUS_IN_PROGRESS, DATE_NONE, 0, err), 0);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_true(written);
	unlink(path); /* the file went away: written again */
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, NULL, err), 0);
	assert_true(written);
	assert_int_equal(access(path, R_OK), 0);
	char bad[160];
	snprintf(bad, sizeof bad, "%s/no/cal.ics", f->t.dir);
	assert_int_equal(db_export_refresh(f->t.db, &opt, bad, &written, NULL, err), -1);
	assert_non_null(strstr(err, "does not exist"));
}

/* A row no calendar can take (a date out of range, written before dates
 * were checked or by hand) is left out with a warning naming it; the other
 * tasks are exported, to a sink, to a file and to the kept-current file. */
static void test_bad_row_skipped(void **state)
{
	struct fixture *f = *state;
	char path[128], err[ERR_MAX];
	struct db_export_stats s;
	struct mem m = { 0 };
	bool written;
	exec_ok(f->t.db, "UPDATE task SET due_date = '9999-12-31' WHERE id = 2");
	assert_int_equal(db_export_write(f->t.db, &opt, NULL, mem_write, &m, NULL, &s, err), 0);
	assert_int_equal(s.tasks, 1);
	assert_int_equal(s.skipped, 1);
	assert_string_equal(s.skipped_why, "task 2: due date 9999-12-31 is outside 1800-2199");
	assert_non_null(strstr(m.p, "DTSTART;VALUE=DATE:20240516"));
	assert_null(strstr(m.p, "9999"));
	snprintf(path, sizeof path, "%s/cal.ics", f->t.dir);
	assert_int_equal(db_export_file(f->t.db, &opt, NULL, path, NULL, &s, err), 0);
	assert_int_equal(s.skipped, 1);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, &s, err), 0);
	assert_true(written);
	assert_int_equal(s.skipped, 1);
	assert_string_equal(s.skipped_why, "task 2: due date 9999-12-31 is outside 1800-2199");
	/* fixed: exported again, nothing skipped */
	assert_int_equal(db_task_extend(f->t.db, 2, date_from_ymd(2024, 6, 3), "sửa năm", 0, err), 0);
	assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, &s, err), 0);
	assert_int_equal(s.skipped, 0);
	assert_string_equal(s.skipped_why, "");
	char *text = test_slurp(path, NULL);
	assert_non_null(strstr(text, "DTSTART;VALUE=DATE:20240603"));
	free(text);
	free(m.p);
}

static uint64_t fnv(const void *data, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (const unsigned char *p = data, *end = p + n; p < end; p++)
		h = (h ^ *p) * UINT64_C(1099511628211);
	return h;
}

static size_t varint(unsigned char *out, uint64_t v)
{
	size_t n = 0;
	do {
		out[n] = (unsigned char)((v & 0x7F) | (v >> 7 ? 0x80 : 0));
		v >>= 7;
		n++;
	} while (v);
	return n;
}

/* The shared database is data, not instructions: whoever can write it can
 * plant ical_index rows naming any file as an export and any file as its
 * index. A colleague's export then must neither copy such a file into the
 * calendar nor delete files through the rows. */
static void test_planted_index_rows_are_ignored(void **state)
{
	struct fixture *f = *state;
	char path[128], secret[128], index[128], spare[160], err[ERR_MAX];
	struct db_export_stats s;
	struct stat st;
	bool written;
	/* a private file of the victim's, and an index claiming it holds task 2 */
	snprintf(secret, sizeof secret, "%s/private/id_rsa", f->t.dir);
	snprintf(index, sizeof index, "%s/private/notes.txt", f->t.dir);
	snprintf(spare, sizeof spare, "%s.spare", index);
	*strrchr(secret, '/') = '\0';
	assert_int_equal(mkdir(secret, 0700), 0);
	*strchr(secret + strlen(secret), '\0') = '/';
	FILE *fp = fopen(secret, "w");
	fputs("BEGIN:VEVENT\r\nSUMMARY:SECRET KEY MATERIAL\r\nEND:VEVENT\r\n", fp);
	fclose(fp);
	chmod(secret, 0600);
	fp = fopen(spare, "w");
	fputs("the victim's own file", fp);
	fclose(fp);
	assert_int_equal(stat(secret, &st), 0);
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->t.db), "SELECT uuid FROM task WHERE id = 2", -1, &q, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	const char *uuid = (const char *)sqlite3_column_text(q, 0);
	uint32_t uh = (uint32_t)fnv(uuid, strlen(uuid));
	sqlite3_finalize(q);
	unsigned char blob[64];
	size_t n = 0;
	blob[n++] = 1;                        /* format */
	n += varint(blob + n, 0);             /* first offset */
	n += varint(blob + n, 1);             /* one entry */
	n += varint(blob + n, 2);             /* task 2 */
	n += varint(blob + n, 0);             /* SEQUENCE 0 */
	n += varint(blob + n, (uint64_t)st.st_size);
	for (int k = 0; k < 4; k++)
		blob[n++] = (unsigned char)(uh >> (8 * k));
	fp = fopen(index, "wb");
	fwrite(blob, 1, n, fp);
	fclose(fp);
	char *sql = xasprintf("INSERT INTO ical_index(path, fingerprint, dev, ino, size, mtime, index_file, checksum)"
			      " VALUES ('%s', %lld, %lld, %lld, %lld, %lld, '%s', %lld)", secret,
			      (long long)ical_options_fingerprint(&opt), (long long)st.st_dev, (long long)st.st_ino,
			      (long long)st.st_size,
			      (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec, index,
			      (long long)fnv(blob, n));
	exec_ok(f->t.db, sql);
	free(sql);
	/* a sink export, a one-off file, the kept-current file (whose index
	 * keeping forgets old rows): nothing of the secret, nothing deleted */
	char *text = export(f->t.db, &s);
	assert_null(strstr(text, "SECRET"));
	free(text);
	snprintf(path, sizeof path, "%s/once.ics", f->t.dir);
	assert_int_equal(db_export_file(f->t.db, &opt, NULL, path, NULL, &s, err), 0);
	text = test_slurp(path, NULL);
	assert_null(strstr(text, "SECRET"));
	free(text);
	for (int i = 0; i < DB_EXPORT_KEEP_FILES + 1; i++) {
		snprintf(path, sizeof path, "%s/kept%d.ics", f->t.dir, i);
		assert_int_equal(db_export_refresh(f->t.db, &opt, path, &written, &s, err), 0);
		text = test_slurp(path, NULL);
		assert_null(strstr(text, "SECRET"));
		free(text);
	}
	assert_int_equal(access(secret, F_OK), 0);
	assert_int_equal(access(index, F_OK), 0);
	assert_int_equal(access(spare, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sequence_moves_with_content_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_splice_equals_full_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_splice_falls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reexport_reuses_spare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_keeps_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_match_task_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_index_rows_are_ignored, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
