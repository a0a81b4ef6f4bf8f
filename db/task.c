#include "db/task.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/recurrence.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/db_internal.h"
#include "db/event.h"

/* Agency names travel in one column, separated by the ASCII unit separator,
 * which cannot occur in a stored name (names are cleaned of control
 * characters before they are saved). */
#define NAME_SEP "\x1f"

#define TASK_COLUMNS \
	TASK_CORE_COLUMNS "," \
	" (SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM task_agency ta" \
	"   JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND ta.role = 'lead'" \
	"   ORDER BY ta.position))," \
	" (SELECT group_concat(name, char(31)) FROM (SELECT a.name FROM task_agency ta" \
	"   JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND ta.role = 'cooperating'" \
	"   ORDER BY ta.position))," \
	" " DOCUMENT_LABEL("t.document_id")

void task_list_release(struct task_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		task_release(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}

static void split_names(const char *joined, void (*add)(struct task *, const char *), struct task *t)
{
	if (!joined || !*joined)
		return;
	const char *p = joined;
	for (;;) {
		const char *sep = strchr(p, NAME_SEP[0]);
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		char *name = xstrndup(p, len);
		add(t, name);
		free(name);
		if (!sep)
			break;
		p = sep + 1;
	}
}

/* Reads the n digits at *p as a number; -1 when one is not a digit. */
static int digits(const char **p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

/* "2024-05-17T08:30:00Z" (as db_timestamp writes it; what follows the
 * seconds is not read) as Unix time; 0 when it is not one. By hand: sscanf
 * was a tenth of reading a task. */
static int64_t parse_timestamp(const char *ts)
{
	if (!ts)
		return 0;
	const char *p = ts;
	int f[6];
	static const char after[] = "--T::";
	for (int i = 0; i < 6; i++) {
		f[i] = digits(&p, i == 0 ? 4 : 2);
		if (f[i] < 0 || (i < 5 && *p++ != after[i]))
			return 0;
	}
	if (!date_valid(f[0], f[1], f[2]) || f[3] > 23 || f[4] > 59 || f[5] > 60)
		return 0;
	civil_day day = date_from_ymd(f[0], f[1], f[2]);
	return (int64_t)day * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
}

void db_task_read_core(sqlite3_stmt *st, int c, struct task *t)
{
	task_init(t);
	t->id = sqlite3_column_int64(st, c);
	t->document_id = sqlite3_column_int64(st, c + 1);
	t->section = xstrdup(db_column_str(st, c + 2));
	t->summary = xstrdup(db_column_str(st, c + 3));
	t->full_text = xstrdup(db_column_str(st, c + 4));
	t->due = db_column_day(st, c + 5);
	if (precision_parse(db_column_str(st, c + 6), &t->precision))
		t->precision = PRECISION_NONE;
	t->due_phrase = xstrdup(db_column_str(st, c + 7));
	if (sqlite3_column_type(st, c + 8) != SQLITE_NULL)
		t->recurrence = xstrdup(db_column_str(st, c + 8));
	if (status_parse(db_column_str(st, c + 9), &t->status))
		t->status = STATUS_NEW;
	t->completed = db_column_day(st, c + 10);
	snprintf(t->uuid, sizeof t->uuid, "%s", db_column_str(st, c + 11));
	t->version = sqlite3_column_int64(st, c + 12);
	t->updated_at = parse_timestamp(db_column_str(st, c + 13));
}

void db_task_read_row(sqlite3_stmt *st, int c, struct task *t)
{
	db_task_read_core(st, c, t);
	split_names((const char *)sqlite3_column_text(st, c + 14), task_add_lead, t);
	split_names((const char *)sqlite3_column_text(st, c + 15), task_add_cooperating, t);
	if (sqlite3_column_type(st, c + 16) != SQLITE_NULL)
		t->document_label = xstrdup(db_column_str(st, c + 16));
}

int db_task_query(struct db *db, const struct db_task_query *q, struct task_list *out, char *err)
{
	static const char sql[] =
		"SELECT " TASK_COLUMNS " FROM task t"
		" WHERE (?1 = 0 OR t.status NOT IN ('done','cancelled'))"
		"   AND (?2 = 0 OR t.id = ?2)"
		"   AND (?3 = 0 OR t.document_id = ?3)"
		"   AND (?4 = 0 OR EXISTS (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id"
		"        AND ta.agency_id = ?4 AND ta.role = 'lead'))"
		" ORDER BY t.status IN ('done','cancelled'), t.due_date IS NULL, t.due_date, t.id";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, q && q->open_only);
	sqlite3_bind_int64(st, 2, q ? q->task_id : 0);
	sqlite3_bind_int64(st, 3, q ? q->document_id : 0);
	sqlite3_bind_int64(st, 4, q ? q->agency_id : 0);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
		db_task_read_row(st, 0, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading tasks", err);
	return 0;
}

static int no_such_task(int64_t id, char *err)
{
	if (VI)
		return err_set(err, "không có việc %lld", (long long)id);
	return err_set(err, "task %lld does not exist", (long long)id);
}

int db_task_get(struct db *db, int64_t id, struct task *out, char *err)
{
	/* By primary key: the general query's "?2 = 0 OR t.id = ?2" scans. */
	static const char sql[] = "SELECT " TASK_COLUMNS " FROM task t WHERE t.id = ?1";
	task_init(out);
	if (id <= 0)
		return no_such_task(id, err), DB_NOT_FOUND;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_task_read_row(st, 0, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		no_such_task(id, err);
		return DB_NOT_FOUND;
	}
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a task", err), DB_ERROR;
	return 0;
}

/* Replaces *field (NULL: "") with its stored form (core/text's text_entry). */
static int clean_text(char **field, const char *what, unsigned flags, char *err)
{
	char *clean = text_entry(what, *field ? *field : "", flags, err);
	if (!clean)
		return -1;
	free(*field);
	*field = clean;
	return 0;
}

static void new_uuid(char out[TASK_UUID_LEN + 1])
{
	unsigned char b[16];
	sqlite3_randomness(sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, TASK_UUID_LEN + 1,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static int link_agencies(struct db *db, int64_t task_id, char *const *names, size_t n,
			 const char *role, char *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO task_agency(task_id, agency_id, role, position) VALUES (?1, ?2, ?3, ?4)";
	for (size_t i = 0; i < n; i++) {
		int64_t agency = db_agency_ensure(db, names[i], err);
		if (agency < 0)
			return -1;
		sqlite3_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, task_id);
		sqlite3_bind_int64(st, 2, agency);
		db_bind_text(st, 3, role);
		sqlite3_bind_int64(st, 4, (int64_t)i);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, "assigning an agency", err);
	}
	return 0;
}

int db_task_add(struct db *db, struct task *t, char *err)
{
	static const char sql[] =
		"INSERT INTO task(document_id, section, summary, full_text, due_date, due_precision,"
		" due_phrase, recurrence, status, completed_date, uuid, created_at, updated_at, version,"
		" search_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, 1, NULL)";
	/* once its agencies are linked: they are part of it */
	static const char key_sql[] = "UPDATE task SET search_key = " DB_SEARCH_KEY("task") " WHERE id = ?1";
	char ts[24];
	if (clean_text(&t->summary, VI ? "nội dung" : "summary", 0, err) ||
	    clean_text(&t->section, VI ? "mục" : "section", TEXT_OPTIONAL, err) ||
	    clean_text(&t->full_text, VI ? "toàn văn" : "full text", TEXT_OPTIONAL | TEXT_MULTILINE, err) ||
	    clean_text(&t->due_phrase, VI ? "cụm từ về hạn" : "deadline phrase", TEXT_OPTIONAL, err))
		return -1;
	if (t->n_leads == 0)
		return err_set(err, VI ? "việc '%s' chưa có cơ quan chủ trì" : "task '%s' has no lead agency", t->summary);
	civil_day days[2] = { t->due, t->status == STATUS_DONE ? t->completed : DATE_NONE };
	for (int i = 0; i < 2; i++)
		if (days[i] != DATE_NONE && !date_in_range(days[i])) {
			char d[DATE_BUF];
			return VI ? err_set(err, "việc %s%s'%s': %s %s nằm ngoài %d-%d", t->section ? t->section : "",
					    t->section && *t->section ? " " : "", t->summary, i ? "ngày hoàn thành" : "hạn",
					    date_format_dmy(days[i], d), DATE_MIN_YEAR, DATE_MAX_YEAR)
				  : err_set(err, "task %s%s'%s': %s %s is outside %d-%d", t->section ? t->section : "",
				       t->section && *t->section ? " " : "", t->summary,
				       i ? "completion date" : "due date", date_format_iso(days[i], d),
				       DATE_MIN_YEAR, DATE_MAX_YEAR);
		}
	if (db_begin(db, err))
		return -1;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		goto fail;
	if (!t->uuid[0])
		new_uuid(t->uuid);
	if (t->document_id)
		sqlite3_bind_int64(st, 1, t->document_id);
	db_bind_text(st, 2, t->section ? t->section : "");
	db_bind_text(st, 3, t->summary);
	db_bind_text(st, 4, t->full_text ? t->full_text : "");
	db_bind_day(st, 5, t->due);
	db_bind_text(st, 6, precision_name(t->due == DATE_NONE ? PRECISION_NONE : t->precision == PRECISION_NONE ? PRECISION_DAY : t->precision));
	db_bind_text(st, 7, t->due_phrase ? t->due_phrase : "");
	db_bind_text(st, 8, t->recurrence);
	db_bind_text(st, 9, status_name(t->status));
	db_bind_day(st, 10, t->status == STATUS_DONE ? t->completed : DATE_NONE);
	db_bind_text(st, 11, t->uuid);
	db_bind_text(st, 12, db_timestamp(db, ts));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "adding a task", err);
		goto fail;
	}
	t->id = sqlite3_last_insert_rowid(db_sqlite(db));
	t->version = 1;
	if (link_agencies(db, t->id, t->leads, t->n_leads, "lead", err) ||
	    link_agencies(db, t->id, t->cooperating, t->n_cooperating, "cooperating", err) ||
	    db_event_add(db, t->id, "created", NULL, status_name(t->status), NULL, DATE_NONE, err))
		goto fail;
	if (!(st = db_prepare(db, key_sql, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, t->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "indexing a task for search", err);
		goto fail;
	}
	if (db_commit(db, err))
		goto fail;
	return 0;
fail:
	db_rollback(db);
	t->id = 0;
	return -1;
}

/* Reads the stored status and version of task id inside the transaction. */
static int current_state(struct db *db, int64_t id, enum task_status *status, int64_t *version,
			 civil_day *completed, char *err)
{
	static const char sql[] = "SELECT status, version, completed_date FROM task WHERE id = ?1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (status_parse(db_column_str(st, 0), status))
			*status = STATUS_NEW;
		*version = sqlite3_column_int64(st, 1);
		*completed = db_column_day(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return no_such_task(id, err), DB_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a task", err);
	return 0;
}

/* Completing one period of a recurring task opens the next: a new task with
 * the same wording and agencies, due on the rule's next date. Reopening and
 * completing the same period again does not open it twice. */
static int open_next_period(struct db *db, int64_t id, char *err)
{
	static const char exists[] =
		"SELECT 1 FROM task WHERE document_id IS ?1 AND section = ?2 AND summary = ?3"
		" AND due_date = ?4 AND id <> ?5";
	struct task t, next;
	int rc = 0;
	if (db_task_get(db, id, &t, err))
		return -1;
	if (!t.recurrence || t.due == DATE_NONE)
		goto out;
	char why[ERR_MAX];
	civil_day due = recurrence_next(t.recurrence, t.due, why);
	if (due == DATE_NONE) {
		rc = err_set(err, VI ? "việc %lld: %s" : "task %lld: %s", (long long)id, why);
		goto out;
	}
	sqlite3_stmt *st = db_prepare(db, exists, err);
	if (!st) {
		rc = -1;
		goto out;
	}
	if (t.document_id)
		sqlite3_bind_int64(st, 1, t.document_id);
	db_bind_text(st, 2, t.section);
	db_bind_text(st, 3, t.summary);
	db_bind_day(st, 4, due);
	sqlite3_bind_int64(st, 5, id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		goto out;
	task_init(&next);
	next.document_id = t.document_id;
	task_set_str(&next.section, t.section);
	task_set_str(&next.summary, t.summary);
	task_set_str(&next.full_text, t.full_text);
	task_set_str(&next.due_phrase, t.due_phrase);
	task_set_str(&next.recurrence, t.recurrence);
	next.due = due;
	next.precision = t.precision;
	for (size_t i = 0; i < t.n_leads; i++)
		task_add_lead(&next, t.leads[i]);
	for (size_t i = 0; i < t.n_cooperating; i++)
		task_add_cooperating(&next, t.cooperating[i]);
	rc = db_task_add(db, &next, err);
	task_release(&next);
out:
	task_release(&t);
	return rc;
}

/* Starts a write on task id: checks it exists and, when asked, that nobody
 * changed it since expect_version. Leaves the transaction open on success and
 * reports the stored status and completion day. */
static int begin_change(struct db *db, int64_t id, int64_t expect_version,
			enum task_status *status, civil_day *completed, char *err)
{
	int64_t version = 0;
	int rc;
	if (db_begin(db, err))
		return DB_ERROR;
	if ((rc = current_state(db, id, status, &version, completed, err)))
		goto fail;
	if (expect_version && version != expect_version) {
		if (VI)
			err_set(err, "việc %lld vừa được người khác thay đổi: hãy tải lại và thử lại", (long long)id);
		else
			err_set(err, "task %lld was changed by someone else meanwhile: reload and try again", (long long)id);
		rc = DB_CONFLICT;
		goto fail;
	}
	return 0;
fail:
	db_rollback(db);
	return rc;
}

static int set_status(struct db *db, int64_t id, enum task_status status, civil_day completed,
		      const char *reason, int64_t expect_version, char *err);

int db_task_set_status(struct db *db, int64_t id, enum task_status status, civil_day completed,
		       int64_t expect_version, char *err)
{
	return set_status(db, id, status, completed, NULL, expect_version, err);
}

int db_task_cancel(struct db *db, int64_t id, const char *reason, int64_t expect_version, char *err)
{
	char *why = text_entry(VI ? "lý do" : "reason", reason ? reason : "", 0, err);
	if (!why)
		return err_set(err, VI ? "việc %lld: chưa ghi lý do: huỷ việc cần có lý do"
				       : "task %lld: the reason is blank: a cancellation needs a reason", (long long)id),
		       DB_ERROR;
	int rc = set_status(db, id, STATUS_CANCELLED, DATE_NONE, why, expect_version, err);
	free(why);
	return rc;
}

static int set_status(struct db *db, int64_t id, enum task_status status, civil_day completed,
		      const char *reason, int64_t expect_version, char *err)
{
	static const char sql[] =
		"UPDATE task SET status = ?2, completed_date = ?3, updated_at = ?4, version = version + 1"
		" WHERE id = ?1";
	assert((unsigned)status < STATUS_COUNT);
	enum task_status old = STATUS_NEW;
	civil_day old_completed = DATE_NONE;
	char ts[24];
	int ret;

	if ((ret = begin_change(db, id, expect_version, &old, &old_completed, err)))
		return ret;
	ret = DB_ERROR;
	if (status != STATUS_DONE)
		completed = DATE_NONE;
	else if (completed == DATE_NONE)
		completed = db_today(db);
	if (completed != DATE_NONE && (!date_in_range(completed) ||
				       (db_today(db) != DATE_NONE && completed > db_today(db)))) {
		char d[DATE_BUF], t[DATE_BUF];
		if (!date_in_range(completed))
			VI ? err_set(err, "việc %lld: ngày hoàn thành %s nằm ngoài %d-%d", (long long)id,
				     date_format_dmy(completed, d), DATE_MIN_YEAR, DATE_MAX_YEAR)
			   : err_set(err, "task %lld: completion date %s is outside %d-%d", (long long)id,
				     date_format_iso(completed, d), DATE_MIN_YEAR, DATE_MAX_YEAR);
		else if (VI)
			err_set(err, "việc %lld: ngày hoàn thành %s sau hôm nay (%s)", (long long)id,
				date_format_dmy(completed, d), date_format_dmy(db_today(db), t));
		else
			err_set(err, "task %lld: completion date %s is after today (%s)", (long long)id,
				date_format_iso(completed, d), date_format_iso(db_today(db), t));
		goto fail;
	}
	if (old == status && old_completed == completed)
		return db_commit(db, err) ? DB_ERROR : 0; /* nothing to write (in an outer transaction too) */
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, status_name(status));
	db_bind_day(st, 3, completed);
	db_bind_text(st, 4, db_timestamp(db, ts));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "changing a status", err);
		goto fail;
	}
	/* For done, the event's day is the completion day, so reports "as of" a
	 * date see the task done from the day it was finished. */
	if (db_event_add(db, id, "status", status_name(old), status_name(status), reason,
			 status == STATUS_DONE ? completed : DATE_NONE, err))
		goto fail;
	if (status == STATUS_DONE && old != STATUS_DONE && open_next_period(db, id, err))
		goto fail;
	if (db_commit(db, err))
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return ret;
}

static int touch(struct db *db, int64_t id, char *err)
{
	static const char sql[] = "UPDATE task SET updated_at = ?2, version = version + 1 WHERE id = ?1";
	char ts[24];
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, db_timestamp(db, ts));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "updating a task", err);
}

/* Sets the deadline of task id to due (DATE_NONE: none) with an 'extend'
 * event giving reason. later_only: an extension, which moves a deadline
 * later; else an undo putting the old one back. */
static int set_due(struct db *db, int64_t id, civil_day due, const char *reason, int64_t expect_version,
		   bool later_only, char *err)
{
	static const char get[] = "SELECT due_date FROM task WHERE id = ?1";
	static const char set[] =
		"UPDATE task SET due_date = ?2, due_precision = ?4, updated_at = ?3, version = version + 1"
		" WHERE id = ?1";
	char old[DATE_BUF], new[DATE_BUF], ts[24];
	enum task_status status;
	civil_day completed;
	int rc;
	char *why = text_entry("reason", reason ? reason : "", 0, err);
	if (!why && VI)
		return err_set(err, "việc %lld: chưa ghi lý do: gia hạn cần có lý do", (long long)id), DB_ERROR;
	if (!why)
		return err_set(err, "task %lld: the reason is %s: a deadline change needs a reason",
			       (long long)id, reason && *reason ? "blank" : "missing"), DB_ERROR;
	if (due == DATE_NONE && later_only) {
		free(why);
		return err_set(err, VI ? "việc %lld: đổi hạn cần có hạn mới" : "task %lld: a deadline change needs a new date",
			       (long long)id), DB_ERROR;
	}
	if (due != DATE_NONE && !date_in_range(due)) {
		free(why);
		return (VI ? err_set(err, "việc %lld: hạn mới %s nằm ngoài %d-%d", (long long)id, date_format_dmy(due, new),
				     DATE_MIN_YEAR, DATE_MAX_YEAR)
			   : err_set(err, "task %lld: the new deadline %s is outside %d-%d", (long long)id,
				     date_format_iso(due, new), DATE_MIN_YEAR, DATE_MAX_YEAR)), DB_ERROR;
	}
	if ((rc = begin_change(db, id, expect_version, &status, &completed, err))) {
		free(why);
		return rc;
	}
	sqlite3_stmt *st = db_prepare(db, get, err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	civil_day old_due = sqlite3_step(st) == SQLITE_ROW ? db_column_day(st, 0) : DATE_NONE;
	sqlite3_reset(st);
	/* (a deadline outside the accepted range, stored before dates were
	 * checked, may be corrected to any date) */
	if (later_only && date_in_range(old_due) && due < old_due) {
		if (VI)
			err_set(err, "việc %lld: %s trước hạn hiện tại %s: gia hạn chỉ lùi hạn về sau", (long long)id,
				date_format_dmy(due, new), date_format_dmy(old_due, old));
		else
			err_set(err, "task %lld: %s is before the current deadline %s: an extension moves a deadline later",
				(long long)id, date_format_iso(due, new), date_format_iso(old_due, old));
		goto fail;
	}
	if (!(st = db_prepare(db, set, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	db_bind_day(st, 2, due);
	/* with the date, so the export's LAST-MODIFIED (set by a trigger) is now */
	db_bind_text(st, 3, db_timestamp(db, ts));
	db_bind_text(st, 4, due == DATE_NONE ? "none" : "day");
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "changing a deadline", err);
		goto fail;
	}
	if (db_event_add(db, id, "extend", old_due == DATE_NONE ? NULL : date_format_iso(old_due, old),
			 due == DATE_NONE ? NULL : date_format_iso(due, new), why, DATE_NONE, err) ||
	    db_commit(db, err))
		goto fail;
	free(why);
	return 0;
fail:
	free(why);
	db_rollback(db);
	return DB_ERROR;
}

int db_task_extend(struct db *db, int64_t id, civil_day new_due, const char *reason,
		   int64_t expect_version, char *err)
{
	return set_due(db, id, new_due, reason, expect_version, true, err);
}

int db_task_revert_due(struct db *db, int64_t id, civil_day due, const char *reason,
		       int64_t expect_version, char *err)
{
	return set_due(db, id, due, reason, expect_version, false, err);
}

int db_task_note(struct db *db, int64_t id, const char *note, int64_t expect_version, char *err)
{
	enum task_status status;
	civil_day completed;
	int rc;
	char *text = text_entry("note", note ? note : "", TEXT_MULTILINE, err);
	if (!text)
		return (VI ? err_set(err, "việc %lld: ghi chú để trống", (long long)id)
			   : err_set(err, "task %lld: the note is %s", (long long)id, note && *note ? "blank" : "empty")),
		       DB_ERROR;
	if ((rc = begin_change(db, id, expect_version, &status, &completed, err))) {
		free(text);
		return rc;
	}
	if (touch(db, id, err) || db_event_add(db, id, "note", NULL, text, NULL, DATE_NONE, err) ||
	    db_commit(db, err)) {
		db_rollback(db);
		rc = DB_ERROR;
	}
	free(text);
	return rc;
}

/* Runs sql (bound to id) on task id after checking expect_version. */
static int change_by_sql(struct db *db, int64_t id, int64_t expect_version, const char *sql, const char *what,
			 char *err)
{
	enum task_status status;
	civil_day completed;
	int rc;
	if ((rc = begin_change(db, id, expect_version, &status, &completed, err)))
		return rc;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st) {
		db_rollback(db);
		return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, what, err);
		db_rollback(db);
		return DB_ERROR;
	}
	return 0;
}

int db_task_remove(struct db *db, int64_t id, int64_t expect_version, char *err)
{
	/* its agency links and history go with it (ON DELETE CASCADE) */
	int rc = change_by_sql(db, id, expect_version, "DELETE FROM task WHERE id = ?1", "removing a task", err);
	if (rc)
		return rc;
	if (db_commit(db, err)) {
		db_rollback(db);
		return DB_ERROR;
	}
	return 0;
}

int db_task_unnote(struct db *db, int64_t id, int64_t expect_version, char *err)
{
	static const char sql[] = "DELETE FROM task_event WHERE id = (SELECT max(id) FROM task_event"
				  " WHERE task_id = ?1 AND what = 'note')";
	int rc = change_by_sql(db, id, expect_version, sql, "removing a note", err);
	if (rc)
		return rc;
	if (touch(db, id, err) || db_commit(db, err)) {
		db_rollback(db);
		return DB_ERROR;
	}
	return 0;
}

/* ---- the brief list ------------------------------------------------------ */

/* Every row's text lives in one arena, addressed by offset: a malloc per
 * string cost more memory than the strings (and realloc of a block this
 * large moves pages, not bytes). */
struct arena {
	char *p;
	size_t len, cap;
};

static uint32_t arena_add(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	xgrow((void **)&a->p, &a->cap, a->len + n, 1);
	memcpy(a->p + a->len, s, n);
	a->len += n;
	return (uint32_t)(a->len - n);
}

/* names joined with "; " */
static uint32_t arena_add_names(struct arena *a, char *const *names, size_t n)
{
	if (n == 0)
		return arena_add(a, "");
	char *joined = task_join(names, n, "; ");
	uint32_t off = arena_add(a, joined);
	free(joined);
	return off;
}

struct brief_row {
	int64_t id;
	uint32_t section, summary, leads, cooperating; /* offsets in the arena */
	civil_day due, completed;
	enum task_status status;
	bool closed;
};

/* Open before closed, dated before undated, by due date, then id: the
 * ORDER BY of db_task_query. */
static int brief_cmp(const void *pa, const void *pb)
{
	const struct brief_row *a = pa, *b = pb;
	if (a->closed != b->closed)
		return a->closed - b->closed;
	bool au = a->due == DATE_NONE, bu = b->due == DATE_NONE;
	if (au != bu)
		return au - bu;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int db_task_list_brief(struct db *db, bool open_only, int (*fn)(const struct task_brief *, void *),
		       void *ctx, char *err)
{
	static const char tasks_sql[] =
		"SELECT id, section, summary, due_date, completed_date, status FROM task"
		" WHERE ?1 = 0 OR status NOT IN ('done','cancelled') ORDER BY id";
	struct brief_row *rows = NULL;
	struct arena text = { 0 };
	size_t n = 0, cap = 0;
	int ret = -1, rc;
	struct db_task_links *links = db_task_links_new(db, err);
	if (!links || db_task_links_seek(links, 1, INT64_MAX, err))
		goto out;
	sqlite3_stmt *st = db_prepare(db, tasks_sql, err);
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (text.len > UINT32_MAX - 65536) { /* ~4 GiB of text: offsets would wrap */
			sqlite3_reset(st);
			err_set(err, VI ? "quá nhiều việc để liệt kê một lần" : "too many tasks to list at once");
			goto out;
		}
		xgrow((void **)&rows, &cap, n + 1, sizeof *rows);
		struct brief_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->section = arena_add(&text, db_column_str(st, 1));
		r->summary = arena_add(&text, db_column_str(st, 2));
		r->due = db_column_day(st, 3);
		r->completed = db_column_day(st, 4);
		if (status_parse(db_column_str(st, 5), &r->status))
			r->status = STATUS_NEW;
		r->closed = !status_is_open(r->status);
		struct task t; /* only its agencies */
		task_init(&t);
		t.id = r->id;
		if (db_task_links_fill(links, &t, err)) {
			task_release(&t);
			sqlite3_reset(st);
			goto out;
		}
		r->leads = arena_add_names(&text, t.leads, t.n_leads);
		r->cooperating = arena_add_names(&text, t.cooperating, t.n_cooperating);
		task_release(&t);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading tasks", err);
		goto out;
	}
	qsort(rows, n, sizeof *rows, brief_cmp);
	ret = 0;
	for (size_t k = 0; k < n; k++) {
		const struct brief_row *r = &rows[k];
		struct task_brief b = {
			.id = r->id,
			.section = text.p + r->section,
			.summary = text.p + r->summary,
			.leads = text.p + r->leads,
			.cooperating = text.p + r->cooperating,
			.due = r->due,
			.completed = r->completed,
			.status = r->status,
		};
		if (fn(&b, ctx))
			break;
	}
out:
	db_task_links_free(links);
	free(rows);
	free(text.p);
	return ret;
}
