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

/* A task's search key, as SQL over task row t: the folded section,
 * summary, full text, every agency's name and short name (lead and
 * cooperating) and the document's number: what a clerk remembers of a task
 * ("so ke hoach" finds Sở Kế hoạch và Đầu tư's tasks). Triggers clear it
 * when one of these changes (db/schema.c); it is filled in again by the
 * writer, else at the next open, and folded on the fly meanwhile. */
#define DB_SEARCH_KEY(t) \
	"hc_fold(" t ".section || ' ' ||" \
	/* the full text, which holds the summary when read from a notice */ \
	" CASE WHEN instr(coalesce(" t ".full_text, ''), " t ".summary) > 0 THEN " t ".full_text" \
	" ELSE " t ".summary || ' ' || coalesce(" t ".full_text, '') END || ' ' ||" \
	" coalesce((SELECT group_concat(a.name || ' ' || coalesce(a.short_name, ''), ' ')" \
	" FROM task_agency ta JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = " t ".id), '') || ' ' ||" \
	" coalesce((SELECT d.number FROM document d WHERE d.id = " t ".document_id), ''))"

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

/* The columns of a task row without its links (agencies, document):
 * id, document_id, section, summary, full_text, due_date, due_precision,
 * due_phrase, recurrence, status, completed_date, uuid, version, updated_at. */
#define TASK_CORE_COLUMNS TASK_CORE_COLUMNS_WITH("t.updated_at")
/* ... with another expression for updated_at (the export's last change). */
#define TASK_CORE_COLUMNS_WITH(updated_at)                                                         \
	"t.id, t.document_id, t.section, t.summary, t.full_text, t.due_date, t.due_precision,"     \
	" t.due_phrase, t.recurrence, t.status, t.completed_date, t.uuid, t.version, " updated_at
/* A document's label ("Thông báo 123/TB-UBND 2024-04-25"): DOCUMENT_LABEL_OF the row d,
 * DOCUMENT_LABEL by the id in id_column. */
#define DOCUMENT_LABEL_OF(d)                                                                       \
	d ".kind || ' ' || " d ".number || CASE WHEN " d ".issued_date IS NULL THEN '' ELSE ' ' || " d     \
	".issued_date END"
#define DOCUMENT_LABEL(id_column) "(SELECT " DOCUMENT_LABEL_OF("d") " FROM document d WHERE d.id = " id_column ")"

struct task;
/* Reads TASK_CORE_COLUMNS from st's columns first.. into t (task_init()ed). */
void db_task_read_core(sqlite3_stmt *st, int first, struct task *t);
/* Reads a task from st's columns first.. in db/task.c's TASK_COLUMNS order:
 * TASK_CORE_COLUMNS, then lead names, cooperating names (joined by U+001F),
 * document label. */
void db_task_read_row(sqlite3_stmt *st, int first, struct task *t);

/* Agencies and document labels for tasks read in increasing id order, from
 * one ordered pass over task_agency instead of a correlated subquery per task
 * (which was the bulk of reading every task). */
struct db_task_links;
/* Loads agency names (the document labels when a task first has a
 * document: listing tasks without them reads none). NULL with a message on failure;
 * free with db_task_links_free(). */
struct db_task_links *db_task_links_new(struct db *db, char *err);
/* Starts the pass over tasks first_id..last_id. Returns 0 or -1. */
int db_task_links_seek(struct db_task_links *l, int64_t first_id, int64_t last_id, char *err);
/* Adds t's agencies and document label; t->id is within the sought range and
 * not below the previous call's. Returns 0 or -1 with a message. */
int db_task_links_fill(struct db_task_links *l, struct task *t, char *err);
void db_task_links_free(struct db_task_links *l);
/* Makes l fill what a calendar shows too (task.lead_label, extended_from,
 * extend_reason), from the next db_task_links_seek() on. 0 or -1. */
int db_task_links_for_calendar(struct db_task_links *l, char *err);

/* Links that fill what a calendar shows (short names, extensions): free
 * with db_task_links_free(); NULL with a message. */
struct db_task_links *db_export_links(struct db *db, char *err);
/* Task id as the calendar shows it (db/export's columns, links from
 * db_export_links(), ids in increasing order) into t (task_init()ed) and
 * its SEQUENCE: 1, 0 when there is no such task, or -1 with a message. */
int db_export_read_task(struct db *db, struct db_task_links *links, int64_t id, struct task *t, int64_t *sequence,
			char *err);

#endif
