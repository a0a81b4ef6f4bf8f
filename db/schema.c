#include "db/schema.h"

/* Migration 6's task_tally: how a task row counts. state 0 open, 1 done on
 * time (or without dates to compare), 2 done late, 3 cancelled, as db/view's
 * class filters say; due_date is the open task's deadline ('' for none, and
 * for every closed task: their class does not move with the date). */
#define T_STATE(x) \
	"(CASE WHEN " x ".status NOT IN ('done','cancelled') THEN 0 WHEN " x ".status = 'cancelled'" \
	" THEN 3 WHEN " x ".completed_date > " x ".due_date THEN 2 ELSE 1 END)"
#define T_DUE(x) \
	"(CASE WHEN " x ".status NOT IN ('done','cancelled') THEN coalesce(" x ".due_date, '') ELSE '' END)"
/* The tally rows task row x counts in: agency 0 (every task) and each agency
 * leading it. */
#define T_AGENCIES(x) \
	"(SELECT 0 UNION ALL SELECT agency_id FROM task_agency WHERE task_id = " x ".id AND role = 'lead')"
/* Adds d (1 or -1) for task row x; a count that falls to zero is dropped. */
#define T_ADD(x, d) \
	"INSERT INTO task_tally(agency_id, state, due_date, n)" \
	"  SELECT a.agency_id, " T_STATE(x) ", " T_DUE(x) ", " d \
	"  FROM (SELECT 0 AS agency_id UNION ALL SELECT agency_id FROM task_agency" \
	"    WHERE task_id = " x ".id AND role = 'lead') a WHERE 1" \
	"  ON CONFLICT (agency_id, state, due_date) DO UPDATE SET n = n + excluded.n;" \
	"DELETE FROM task_tally WHERE n = 0 AND state = " T_STATE(x) " AND due_date = " T_DUE(x) \
	"  AND agency_id IN " T_AGENCIES(x) ";"
/* Adds d for agency a leading task id, when that task exists (it no longer
 * does while its deletion cascades to its agency links). */
#define T_LINK(a, id, d) \
	"INSERT INTO task_tally(agency_id, state, due_date, n)" \
	"  SELECT " a ", " T_STATE("t") ", " T_DUE("t") ", " d " FROM task t WHERE t.id = " id \
	"  ON CONFLICT (agency_id, state, due_date) DO UPDATE SET n = n + excluded.n;" \
	"DELETE FROM task_tally WHERE n = 0 AND agency_id = " a " AND (state, due_date) IN" \
	"  (SELECT " T_STATE("t") ", " T_DUE("t") " FROM task t WHERE t.id = " id ");"

/* Table and column names are DESIGN.md's: users query the file with sqlite3.
 * Dates are ISO text (YYYY-MM-DD), timestamps ISO UTC text. */
static const char *const migrations[] = {
	/* 1: the data model of DESIGN.md */
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  short_name TEXT,"
	"  kind TEXT NOT NULL DEFAULT 'so_ban_nganh'"
	"    CHECK (kind IN ('so_ban_nganh','ubnd_huyen','luc_luong_vu_trang','nhom','khac')),"
	"  successor_id INTEGER REFERENCES agency(id),"
	"  match_key TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX agency_match_key ON agency(match_key);"
	"CREATE TABLE agency_alias ("
	"  id INTEGER PRIMARY KEY,"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,"
	"  alias TEXT NOT NULL,"
	"  match_key TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE document ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL DEFAULT 'THÔNG BÁO',"
	"  number TEXT NOT NULL DEFAULT '',"
	"  issued_date TEXT,"
	"  place TEXT NOT NULL DEFAULT '',"
	"  title TEXT NOT NULL DEFAULT '',"
	"  signer TEXT NOT NULL DEFAULT '',"
	"  imported_at TEXT NOT NULL,"
	"  source_text TEXT NOT NULL DEFAULT '',"
	"  source_hash TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX document_source_hash ON document(source_hash);"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  document_id INTEGER REFERENCES document(id),"
	"  section TEXT NOT NULL DEFAULT '',"
	"  summary TEXT NOT NULL,"
	"  full_text TEXT NOT NULL DEFAULT '',"
	"  due_date TEXT,"
	"  due_precision TEXT NOT NULL DEFAULT 'none'"
	"    CHECK (due_precision IN ('none','day','month','quarter','half-year','year')),"
	"  due_phrase TEXT NOT NULL DEFAULT '',"
	"  recurrence TEXT,"
	"  status TEXT NOT NULL DEFAULT 'new'"
	"    CHECK (status IN ('new','in_progress','reported','done','paused','cancelled')),"
	"  completed_date TEXT,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE INDEX task_document ON task(document_id);"
	"CREATE INDEX task_urgency ON task(status IN ('done','cancelled'), due_date IS NULL, due_date, id);"
	"CREATE TABLE task_agency ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id),"
	"  role TEXT NOT NULL CHECK (role IN ('lead','cooperating')),"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (task_id, role, agency_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX task_agency_agency ON task_agency(agency_id, role);"
	"CREATE TABLE task_event ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  at TEXT NOT NULL,"
	"  on_date TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  what TEXT NOT NULL"
	"    CHECK (what IN ('created','status','extend','note','edit','assign')),"
	"  old_value TEXT,"
	"  new_value TEXT,"
	"  reason TEXT"
	");"
	"CREATE INDEX task_event_task ON task_event(task_id, id);",

	/* 2: calendar export. task.ical_sequence is the iCalendar SEQUENCE, bumped
	 * by triggers whenever something the export shows changes (status, dates,
	 * texts, section, agencies, the source document), never by notes;
	 * task.ical_modified is when that happened (LAST-MODIFIED). Triggers rather
	 * than calls in each writer, so changes made by any module, or by hand
	 * with sqlite3, still reach the calendar. ical_state.generation moves on
	 * every such change and every task added or deleted: a cheap "did anything
	 * change" for keeping an export file current. ical_cache holds each task's
	 * serialised components per export-options fingerprint; a row is valid
	 * while its sequence equals the task's. ical_export records what was last
	 * written to each kept-current file. */
	"ALTER TABLE task ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE task ADD COLUMN ical_modified TEXT;"
	"UPDATE task SET ical_modified = updated_at;"
	"CREATE TABLE ical_state ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  generation INTEGER NOT NULL"
	");"
	"INSERT INTO ical_state(id, generation) VALUES (1, 0);"
	"CREATE TABLE ical_cache ("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  fingerprint INTEGER NOT NULL,"
	"  sequence INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  PRIMARY KEY (task_id, fingerprint)"
	");"
	"CREATE TABLE ical_cache_use ("
	"  fingerprint INTEGER PRIMARY KEY,"
	"  used_at TEXT NOT NULL"
	");"
	"CREATE TABLE ical_export ("
	"  path TEXT PRIMARY KEY,"
	"  options INTEGER NOT NULL,"
	"  generation INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  mtime INTEGER NOT NULL"
	");"
	"CREATE TRIGGER task_ical_insert AFTER INSERT ON task BEGIN"
	"  UPDATE task SET ical_modified = NEW.updated_at WHERE id = NEW.id AND ical_modified IS NULL;"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER task_ical_delete AFTER DELETE ON task BEGIN"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER task_ical_change AFTER UPDATE OF document_id, section, summary, full_text,"
	"  due_date, due_precision, due_phrase, recurrence, status, completed_date, uuid ON task"
	"  WHEN OLD.document_id IS NOT NEW.document_id OR OLD.section IS NOT NEW.section"
	"    OR OLD.summary IS NOT NEW.summary OR OLD.full_text IS NOT NEW.full_text"
	"    OR OLD.due_date IS NOT NEW.due_date OR OLD.due_precision IS NOT NEW.due_precision"
	"    OR OLD.due_phrase IS NOT NEW.due_phrase OR OLD.recurrence IS NOT NEW.recurrence"
	"    OR OLD.status IS NOT NEW.status OR OLD.completed_date IS NOT NEW.completed_date"
	"    OR OLD.uuid IS NOT NEW.uuid BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1, ical_modified = NEW.updated_at"
	"    WHERE id = NEW.id;"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	/* Agencies linked while a task is being created (before its 'created'
	 * event) are part of its first version, not a change. */
	"CREATE TRIGGER task_agency_ical_insert AFTER INSERT ON task_agency"
	"  WHEN EXISTS (SELECT 1 FROM task_event WHERE task_id = NEW.task_id AND what = 'created') BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.task_id;"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER task_agency_ical_delete AFTER DELETE ON task_agency BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = OLD.task_id;"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER task_agency_ical_update AFTER UPDATE ON task_agency BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id IN (OLD.task_id, NEW.task_id);"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER agency_ical_rename AFTER UPDATE OF name ON agency"
	"  WHEN OLD.name IS NOT NEW.name BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	"    WHERE id IN (SELECT task_id FROM task_agency WHERE agency_id = NEW.id);"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"CREATE TRIGGER document_ical_change AFTER UPDATE OF kind, number, issued_date ON document"
	"  WHEN OLD.kind IS NOT NEW.kind OR OLD.number IS NOT NEW.number"
	"    OR OLD.issued_date IS NOT NEW.issued_date BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE document_id = NEW.id;"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;",
	/* 3: agencies match on core/agency's key (case, spacing, dashes, Ủy/Uỷ,
	 * NFC/NFD, abbreviations), through the SQL function db_open registers.
	 * Two aliases that now share a key keep the first. */
	"UPDATE agency SET match_key = hc_agency_key(name);"
	"UPDATE OR IGNORE agency_alias SET match_key = hc_agency_key(alias);",
	/* 4: search without diacritics, without folding every row per key: the
	 * folded section and summary. An edit made outside hanchot (the sqlite3
	 * shell has no hc_fold) clears it; the search folds such a row on the fly
	 * and the next db_open fills it in. The trigger is plain SQL, so such
	 * edits keep working. */
	"ALTER TABLE task ADD COLUMN search_key TEXT;"
	"UPDATE task SET search_key = hc_fold(section || ' ' || summary);"
	"CREATE TRIGGER task_search_key AFTER UPDATE OF section, summary ON task BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id = NEW.id;"
	"END;"
	"CREATE INDEX task_search_missing ON task(id) WHERE search_key IS NULL;",
	/* 5: calendar export by splicing. Filling ical_cache with every task's
	 * text cost more than serialising it (tests/bench/RESULTS.md); instead each export file's own bytes are reused:
	 * ical_index records, per file written, its identity (device, inode,
	 * size, mtime in ns) and where its index of (task id, SEQUENCE, uuid
	 * hash, length) per task lies (a file next to the database, with its
	 * checksum), so the next export of that file copies the byte ranges of
	 * unchanged tasks from it. task_ical_scan covers
	 * the columns that decide which tasks to copy, so a re-export reads an
	 * index a tenth of the table's size. */
	"DROP TABLE IF EXISTS ical_cache;"
	"DROP TABLE IF EXISTS ical_cache_use;"
	"CREATE TABLE ical_index ("
	"  path TEXT PRIMARY KEY,"
	"  fingerprint INTEGER NOT NULL,"
	"  dev INTEGER NOT NULL,"
	"  ino INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  mtime INTEGER NOT NULL,"
	"  index_file TEXT NOT NULL,"
	"  checksum INTEGER NOT NULL"
	");"
	"CREATE INDEX task_ical_scan ON task(id, ical_sequence, uuid, due_date, status, document_id);",
	/* 6: the screen's counts without counting the task table. task_tally
	 * holds how many tasks there are per (agency, state, open deadline):
	 * agency 0 for every task, else per agency leading it, so the header
	 * totals, the class filters' counts and the agency pane are sums over a
	 * few hundred rows, not counts of the tasks. Kept by triggers, so every writer (this program, an
	 * import, a merge, the sqlite3 shell) keeps it right. */
	"CREATE TABLE task_tally ("
	"  agency_id INTEGER NOT NULL,"
	"  state INTEGER NOT NULL,"
	"  due_date TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (agency_id, state, due_date)"
	") WITHOUT ROWID;"
	"INSERT INTO task_tally(agency_id, state, due_date, n)"
	"  SELECT 0, " T_STATE("t") ", " T_DUE("t") ", count(*) FROM task t GROUP BY 2, 3;"
	"INSERT INTO task_tally(agency_id, state, due_date, n)"
	"  SELECT ta.agency_id, " T_STATE("t") ", " T_DUE("t") ", count(*) FROM task t"
	"  JOIN task_agency ta ON ta.task_id = t.id AND ta.role = 'lead' GROUP BY 1, 2, 3;"
	"CREATE TRIGGER task_tally_insert AFTER INSERT ON task BEGIN " T_ADD("NEW", "1") " END;"
	/* Before the row goes, while its agency links still say who led it. */
	"CREATE TRIGGER task_tally_delete BEFORE DELETE ON task BEGIN " T_ADD("OLD", "-1") " END;"
	"CREATE TRIGGER task_tally_update AFTER UPDATE OF id, status, completed_date, due_date ON task"
	"  WHEN OLD.id IS NOT NEW.id OR " T_STATE("OLD") " IS NOT " T_STATE("NEW")
	"    OR " T_DUE("OLD") " IS NOT " T_DUE("NEW") " BEGIN "
	T_ADD("OLD", "-1") T_ADD("NEW", "1") " END;"
	"CREATE TRIGGER task_agency_tally_insert AFTER INSERT ON task_agency WHEN NEW.role = 'lead' BEGIN "
	T_LINK("NEW.agency_id", "NEW.task_id", "1") " END;"
	"CREATE TRIGGER task_agency_tally_delete AFTER DELETE ON task_agency WHEN OLD.role = 'lead' BEGIN "
	T_LINK("OLD.agency_id", "OLD.task_id", "-1") " END;"
	/* UPDATE OR REPLACE (an agency merge) deletes the row it collides with
	 * without firing delete triggers: count that row out first. */
	"CREATE TRIGGER task_agency_tally_replace BEFORE UPDATE ON task_agency"
	"  WHEN NEW.role = 'lead'"
	"    AND (NEW.task_id, NEW.role, NEW.agency_id) IS NOT (OLD.task_id, OLD.role, OLD.agency_id)"
	"    AND EXISTS (SELECT 1 FROM task_agency WHERE task_id = NEW.task_id AND role = 'lead'"
	"      AND agency_id = NEW.agency_id) BEGIN "
	T_LINK("NEW.agency_id", "NEW.task_id", "-1") " END;"
	"CREATE TRIGGER task_agency_tally_update_old AFTER UPDATE ON task_agency"
	"  WHEN OLD.role = 'lead'"
	"    AND (NEW.task_id, NEW.role, NEW.agency_id) IS NOT (OLD.task_id, OLD.role, OLD.agency_id) BEGIN "
	T_LINK("OLD.agency_id", "OLD.task_id", "-1") " END;"
	"CREATE TRIGGER task_agency_tally_update_new AFTER UPDATE ON task_agency"
	"  WHEN NEW.role = 'lead'"
	"    AND (NEW.task_id, NEW.role, NEW.agency_id) IS NOT (OLD.task_id, OLD.role, OLD.agency_id) BEGIN "
	T_LINK("NEW.agency_id", "NEW.task_id", "1") " END;"
	/* A search reads this index instead of the table: the search key and
	 * what the class filters test, a fraction of a row's size. */
	"CREATE INDEX task_search ON task(search_key, status, due_date, completed_date);",
	/* 7: search covers what a clerk remembers: the full text, the agencies
	 * (lead and cooperating, name and short name) and the document's
	 * number too (DB_SEARCH_KEY). A change to any of them clears the key;
	 * db_open folds the cleared ones again. */
	"DROP TRIGGER task_search_key;"
	"CREATE TRIGGER task_search_key AFTER UPDATE OF section, summary, full_text, document_id ON task BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id = NEW.id;"
	"END;"
	"CREATE TRIGGER task_agency_search_insert AFTER INSERT ON task_agency BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id = NEW.task_id;"
	"END;"
	"CREATE TRIGGER task_agency_search_delete AFTER DELETE ON task_agency BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id = OLD.task_id;"
	"END;"
	"CREATE TRIGGER task_agency_search_update AFTER UPDATE ON task_agency BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id IN (OLD.task_id, NEW.task_id);"
	"END;"
	"CREATE TRIGGER agency_search_rename AFTER UPDATE OF name, short_name ON agency"
	"  WHEN OLD.name IS NOT NEW.name OR OLD.short_name IS NOT NEW.short_name BEGIN"
	"  UPDATE task SET search_key = NULL WHERE id IN (SELECT task_id FROM task_agency WHERE agency_id = NEW.id);"
	"END;"
	"CREATE TRIGGER document_search_number AFTER UPDATE OF number ON document"
	"  WHEN OLD.number IS NOT NEW.number BEGIN"
	"  UPDATE task SET search_key = NULL WHERE document_id = NEW.id;"
	"END;"
	"UPDATE task SET search_key = NULL;",
	/* 8: what the calendar shows, and publishing it. The SUMMARY begins with
	 * the leads' short names, so a new short name is a change like a new
	 * name; the DESCRIPTION shows the extension the deadline came from, read
	 * in one ordered pass over this partial index (extensions are few).
	 * ical_state.options is the key of the configured export options last
	 * seen (db_export_options_seen): a configuration that changes the text
	 * bumps every task's SEQUENCE; in a database that already has tasks it
	 * starts at 0, a key no configuration has, so that the first export after
	 * this version (whose events say more) bumps them too. caldav_collection and caldav_resource are
	 * what db/publish last put in a CalDAV collection: per collection the
	 * options and ical_state generation of its last complete publish (the
	 * cheap "nothing changed"), per resource (NAME.ics, NAME a component's
	 * UID) the task, SEQUENCE and options its text was built from and the
	 * ETag the server gave it. */
	"CREATE INDEX task_event_extend ON task_event(task_id, id) WHERE what = 'extend';"
	"DROP TRIGGER agency_ical_rename;"
	"CREATE TRIGGER agency_ical_rename AFTER UPDATE OF name, short_name ON agency"
	"  WHEN OLD.name IS NOT NEW.name OR OLD.short_name IS NOT NEW.short_name BEGIN"
	"  UPDATE task SET ical_sequence = ical_sequence + 1,"
	"    ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	"    WHERE id IN (SELECT task_id FROM task_agency WHERE agency_id = NEW.id);"
	"  UPDATE ical_state SET generation = generation + 1;"
	"END;"
	"ALTER TABLE ical_state ADD COLUMN options INTEGER;"
	"UPDATE ical_state SET options = 0 WHERE EXISTS (SELECT 1 FROM task);"
	"CREATE TABLE caldav_collection ("
	"  url TEXT PRIMARY KEY,"
	"  options INTEGER NOT NULL,"
	"  generation INTEGER NOT NULL"
	");"
	"CREATE TABLE caldav_resource ("
	"  url TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  task_id INTEGER NOT NULL,"
	"  sequence INTEGER NOT NULL,"
	"  options INTEGER NOT NULL,"
	"  etag TEXT,"
	"  PRIMARY KEY (url, name)"
	") WITHOUT ROWID;",
};

const char *schema_migration(int version)
{
	if (version < 1 || version > schema_latest())
		return 0;
	return migrations[version - 1];
}

int schema_latest(void) { return (int)(sizeof migrations / sizeof migrations[0]); }
