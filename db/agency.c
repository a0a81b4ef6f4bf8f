#include "db/agency.h"

#include "core/err.h"
#include "db/db_internal.h"

int64_t db_agency_find(struct db *db, const char *name, char *err)
{
	static const char sql[] =
		"SELECT id FROM agency WHERE name = ?1 OR match_key = ?1 "
		"UNION ALL SELECT agency_id FROM agency_alias WHERE match_key = ?1 LIMIT 1";
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

int64_t db_agency_ensure(struct db *db, const char *name, char *err)
{
	static const char sql[] = "INSERT INTO agency(name, match_key) VALUES (?1, ?1)";
	if (!name || !*name)
		return err_set(err, "agency name is empty");
	int64_t id = db_agency_find(db, name, err);
	if (id != 0)
		return id;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "adding an agency", err);
	return sqlite3_last_insert_rowid(db_sqlite(db));
}
