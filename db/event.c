#include "db/event.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "db/db_internal.h"

int db_event_add(struct db *db, int64_t task_id, const char *what, const char *old_value,
		 const char *new_value, const char *reason, civil_day on_date, char *err)
{
	static const char sql[] =
		"INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value, reason) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	char ts[24];
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	if (on_date == DATE_NONE)
		on_date = db_today(db);
	sqlite3_bind_int64(st, 1, task_id);
	db_bind_text(st, 2, db_timestamp(db, ts));
	db_bind_day(st, 3, on_date);
	db_bind_text(st, 4, db_actor(db));
	db_bind_text(st, 5, what);
	db_bind_text(st, 6, old_value);
	db_bind_text(st, 7, new_value);
	db_bind_text(st, 8, reason);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "recording the change", err);
	return 0;
}

static char *dup_or_null(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

int db_event_list(struct db *db, int64_t task_id, struct task_event_list *out, char *err)
{
	static const char sql[] =
		"SELECT id, at, on_date, who, what, old_value, new_value, reason "
		"FROM task_event WHERE task_id = ?1 ORDER BY id";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
		struct task_event *e = &out->items[out->n++];
		e->id = sqlite3_column_int64(st, 0);
		e->at = xstrdup(db_column_str(st, 1));
		e->on_date = db_column_day(st, 2);
		e->who = xstrdup(db_column_str(st, 3));
		e->what = xstrdup(db_column_str(st, 4));
		e->old_value = dup_or_null(st, 5);
		e->new_value = dup_or_null(st, 6);
		e->reason = dup_or_null(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading the history", err);
	return 0;
}

void task_event_list_release(struct task_event_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct task_event *e = &list->items[i];
		free(e->at);
		free(e->who);
		free(e->what);
		free(e->old_value);
		free(e->new_value);
		free(e->reason);
	}
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}
