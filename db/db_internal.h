/* db_internal: what db/ modules share and nothing else includes. */
#ifndef HANCHOT_DB_INTERNAL_H
#define HANCHOT_DB_INTERNAL_H

#include <sqlite3.h>

#include "db/db.h"

sqlite3 *db_sqlite(struct db *db);
const char *db_actor(const struct db *db);
/* The current time as stored: "2024-05-17T08:30:00Z" (UTC). buf >= 24 bytes. */
char *db_timestamp(struct db *db, char *buf);
int64_t db_now(struct db *db);

/* Prepares sql (cached for the connection's life: statements are finalized in
 * db_close). Returns NULL and sets err on failure. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, char *err);
/* Sets err from the connection's last error, prefixed with what; returns -1. */
int db_fail(struct db *db, const char *what, char *err);

/* Binds text, or NULL when s is NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Binds a civil day as ISO text, NULL for DATE_NONE. */
void db_bind_day(sqlite3_stmt *st, int i, civil_day d);
civil_day db_column_day(sqlite3_stmt *st, int i);
/* Column text or "" (never NULL). */
const char *db_column_str(sqlite3_stmt *st, int i);

struct task;
/* Reads a task from st's columns first.. in db/task.c's TASK_COLUMNS order:
 * id, document_id, section, summary, full_text, due_date, due_precision,
 * due_phrase, recurrence, status, completed_date, uuid, version, updated_at,
 * lead names, cooperating names (joined by U+001F), document label. */
void db_task_read_row(sqlite3_stmt *st, int first, struct task *t);

#endif
