#include "db/agency.h"

#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/event.h"

static int no_such_agency(int64_t id, char *err)
{
	if (VI)
		return err_set(err, "không có cơ quan %lld", (long long)id);
	return err_set(err, "agency %lld does not exist", (long long)id);
}

int64_t db_agency_find(struct db *db, const char *name, char *err)
{
	static const char sql[] =
		"SELECT id FROM agency WHERE match_key = hc_agency_key(?1) "
		"UNION ALL SELECT agency_id FROM agency_alias WHERE match_key = hc_agency_key(?1) LIMIT 1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding an agency", err);
	return id;
}

/* The agency that does id's work today: id, or its successor's successor …
 * (a replaced agency's old name still matches, and new work goes on). */
static int64_t current_agency(struct db *db, int64_t id, char *err)
{
	static const char sql[] = "SELECT successor_id FROM agency WHERE id = ?1";
	for (int hops = 0; hops < 16; hops++) {
		sqlite3_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		int rc = sqlite3_step(st);
		int64_t next = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_fail(db, "finding an agency's successor", err);
		if (next == 0 || next == id)
			break;
		id = next;
	}
	return id;
}

int64_t db_agency_current(struct db *db, const char *name, char *err)
{
	int64_t id = db_agency_find(db, name, err);
	return id <= 0 ? id : current_agency(db, id, err);
}

static int64_t insert_agency(struct db *db, const char *name, const char *short_name, enum agency_kind kind,
			     char *err)
{
	static const char sql[] =
		"INSERT INTO agency(name, short_name, match_key, kind) VALUES (?1, ?2, hc_agency_key(?1), ?3)";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, short_name);
	db_bind_text(st, 3, agency_kind_name(kind));
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "adding an agency", err);
	return sqlite3_last_insert_rowid(db_sqlite(db));
}

/* Another spelling of agency id, unless it keys as the name or another
 * spelling already does. */
static int add_spelling(struct db *db, int64_t id, const char *alias, char *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO agency_alias(agency_id, alias, match_key) "
		"SELECT ?1, ?2, hc_agency_key(?2) WHERE hc_agency_key(?2) <> (SELECT match_key FROM agency WHERE id = ?1)";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, alias);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "adding an agency's other name", err);
}

/* name, which no agency of the database matches, as the known agency k:
 * under k's canonical name (stored already, or added now), with the name as
 * written and k's other spellings matching it. */
static int64_t ensure_known(struct db *db, const struct agency *k, const char *name, char *err)
{
	int64_t id = db_agency_current(db, k->name, err);
	if (id == 0)
		id = insert_agency(db, k->name, k->short_name, k->kind, err);
	if (id < 0 || add_spelling(db, id, name, err))
		return -1;
	for (size_t i = 0; i < k->n_aliases; i++)
		if (add_spelling(db, id, k->aliases[i], err))
			return -1;
	return id;
}

int64_t db_agency_ensure(struct db *db, const char *raw, char *err)
{
	char *name = text_entry(VI ? "tên cơ quan" : "agency name", raw ? raw : "", 0, err);
	if (!name)
		return -1;
	int64_t id = db_agency_current(db, name, err);
	if (id == 0) {
		const struct agency_table *known = db_known_agencies(db);
		const struct agency *k = known ? agency_table_match(known, name) : NULL;
		id = k ? ensure_known(db, k, name, err) : insert_agency(db, name, NULL, agency_kind_guess(name), err);
	}
	free(name);
	return id;
}

char *db_agency_name(struct db *db, int64_t id)
{
	static const char sql[] = "SELECT name FROM agency WHERE id = ?1";
	char err[ERR_MAX];
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	char *name = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_column_str(st, 0)) : NULL;
	sqlite3_reset(st);
	return name;
}

static int exec_id_text(struct db *db, const char *sql, int64_t id, const char *text, const char *what,
			char *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, text);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, what, err);
}

static int add_alias(struct db *db, int64_t id, const char *alias, char *err)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO agency_alias(agency_id, alias, match_key) VALUES (?1, ?2, hc_agency_key(?2))";
	return exec_id_text(db, sql, id, alias, "adding an alias", err);
}

int db_agency_rename(struct db *db, int64_t id, const char *raw, char *err)
{
	static const char sql[] = "UPDATE agency SET name = ?2, match_key = hc_agency_key(?2) WHERE id = ?1";
	char *new_name = text_entry(VI ? "tên cơ quan" : "agency name", raw ? raw : "", 0, err);
	if (!new_name)
		return -1;
	char *old = db_agency_name(db, id);
	if (!old) {
		free(new_name);
		return no_such_agency(id, err);
	}
	if (db_begin(db, err))
		goto fail_free;
	int64_t other = db_agency_find(db, new_name, err);
	if (other < 0)
		goto fail;
	if (other != 0 && other != id) {
		if (VI)
			err_set(err, "đã có cơ quan '%s'", new_name);
		else
			err_set(err, "agency '%s' already exists", new_name);
		goto fail;
	}
	if (exec_id_text(db, sql, id, new_name, "renaming an agency", err) ||
	    (strcmp(old, new_name) != 0 && add_alias(db, id, old, err)) || db_commit(db, err))
		goto fail;
	free(old);
	free(new_name);
	return 0;
fail:
	db_rollback(db);
fail_free:
	free(old);
	free(new_name);
	return -1;
}

int db_agency_add_alias(struct db *db, int64_t id, const char *raw, char *err)
{
	char *alias = text_entry(VI ? "tên gọi khác" : "alias", raw ? raw : "", 0, err);
	if (!alias)
		return -1;
	if (db_begin(db, err))
		goto out;
	int64_t other = db_agency_find(db, alias, err);
	if (other < 0)
		goto fail;
	if (other != 0 && other != id) {
		if (VI)
			err_set(err, "'%s' đã là tên của một cơ quan khác", alias);
		else
			err_set(err, "'%s' already names another agency", alias);
		goto fail;
	}
	if ((other == 0 && add_alias(db, id, alias, err)) || db_commit(db, err))
		goto fail;
	free(alias);
	return 0;
fail:
	db_rollback(db);
out:
	free(alias);
	return -1;
}

void db_agency_moves_release(struct db_agency_moves *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->roles[i]);
	free(a->roles);
	free(a->ids);
	memset(a, 0, sizeof *a);
}

static int read_assignments(struct db *db, int64_t from, struct db_agency_moves *a, char *err)
{
	static const char sql[] =
		"SELECT ta.task_id, ta.role FROM task_agency ta JOIN task t ON t.id = ta.task_id"
		" WHERE ta.agency_id = ?1 AND t.status NOT IN ('done','cancelled') ORDER BY ta.task_id";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&a->ids, &a->cap, a->n + 1, sizeof *a->ids);
		xgrow((void **)&a->roles, &a->rcap, a->n + 1, sizeof *a->roles);
		a->ids[a->n] = sqlite3_column_int64(st, 0);
		a->roles[a->n++] = xstrdup(db_column_str(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading an agency's tasks", err);
}

/* Gives task id's role of from to `to`, with the row version bumped and an
 * 'assign' event naming both. */
static int move_assignment(struct db *db, int64_t id, const char *role, int64_t from, int64_t to,
			   const char *from_name, const char *to_name, char *err)
{
	static const char move_sql[] =
		"UPDATE OR REPLACE task_agency SET agency_id = ?3 WHERE task_id = ?1 AND role = ?2 AND agency_id = ?4";
	static const char touch_sql[] = "UPDATE task SET version = version + 1, updated_at = ?2 WHERE id = ?1";
	char ts[24];
	sqlite3_stmt *st = db_prepare(db, move_sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, role);
	sqlite3_bind_int64(st, 3, to);
	sqlite3_bind_int64(st, 4, from);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "moving a task", err);
	if (exec_id_text(db, touch_sql, id, db_timestamp(db, ts), "updating a task", err) ||
	    db_event_add(db, id, "assign", from_name, to_name, role, DATE_NONE, err))
		return -1;
	return 0;
}

static int record_successor(struct db *db, int64_t from, int64_t to, char *err)
{
	static const char sql[] = "UPDATE agency SET successor_id = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording the successor", err);
}

int db_agency_merge(struct db *db, int64_t from, int64_t to, struct db_agency_moves *moves, char *err)
{
	char *from_name = db_agency_name(db, from), *to_name = db_agency_name(db, to);
	struct db_agency_moves a = { 0 };
	int moved = -1;
	if (!from_name || !to_name) {
		no_such_agency(from_name ? to : from, err);
		goto out;
	}
	if (from == to) {
		if (VI)
			err_set(err, "không thể sáp nhập cơ quan '%s' vào chính nó", from_name);
		else
			err_set(err, "agency '%s' cannot merge into itself", from_name);
		goto out;
	}
	if (db_begin(db, err))
		goto out;
	int rc = read_assignments(db, from, &a, err);
	for (size_t i = 0; rc == 0 && i < a.n; i++)
		rc = move_assignment(db, a.ids[i], a.roles[i], from, to, from_name, to_name, err);
	if (rc || record_successor(db, from, to, err) || db_commit(db, err))
		db_rollback(db);
	else
		moved = (int)a.n;
out:
	if (moves && moved >= 0)
		*moves = a;
	else
		db_agency_moves_release(&a);
	free(from_name);
	free(to_name);
	return moved;
}

int db_agency_unmerge(struct db *db, int64_t from, int64_t to, const struct db_agency_moves *moves, char *err)
{
	static const char sql[] = "UPDATE agency SET successor_id = NULL WHERE id = ?1 AND successor_id = ?2";
	char *from_name = db_agency_name(db, from), *to_name = db_agency_name(db, to);
	int rc = -1;
	if (!from_name || !to_name) {
		no_such_agency(from_name ? to : from, err);
		goto out;
	}
	if (db_begin(db, err))
		goto out;
	rc = 0;
	for (size_t i = 0; rc == 0 && i < moves->n; i++)
		rc = move_assignment(db, moves->ids[i], moves->roles[i], to, from, to_name, from_name, err);
	sqlite3_stmt *st = rc ? NULL : db_prepare(db, sql, err);
	if (st) {
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, "undoing a merge", err);
		sqlite3_reset(st);
	}
	if (rc || !st || db_commit(db, err)) {
		db_rollback(db);
		rc = -1;
	}
out:
	free(from_name);
	free(to_name);
	return rc;
}

int db_agency_remove_alias(struct db *db, int64_t id, const char *alias, char *err)
{
	static const char sql[] = "DELETE FROM agency_alias WHERE agency_id = ?1 AND match_key = hc_agency_key(?2)";
	return exec_id_text(db, sql, id, alias, "removing an alias", err);
}

int db_agency_open_assignments(struct db *db, int64_t id, size_t *out, char *err)
{
	static const char sql[] =
		"SELECT count(*) FROM task_agency ta JOIN task t ON t.id = ta.task_id"
		" WHERE ta.agency_id = ?1 AND t.status NOT IN ('done','cancelled')";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, "counting an agency's tasks", err);
}
