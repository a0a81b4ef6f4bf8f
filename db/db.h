/* db: the SQLite file that holds hanchot's data.
 *
 * db_open() opens (creating when missing: mode 0600, or 0660 in a
 * set-group-ID folder so that a group of colleagues can share it) and migrates the
 * database to the current schema through numbered migrations keyed on
 * PRAGMA user_version; it turns on WAL, foreign keys and a busy timeout, so
 * several people can share one file. The handle also carries who is acting
 * (recorded in task_event), the wall clock used for timestamps and the civil
 * "today" used for the day a change takes effect; the program sets them. */
#ifndef HANCHOT_DB_H
#define HANCHOT_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

struct db;

#define DB_SCHEMA_VERSION 8

/* Opens path, first removing what killed processes left beside it
 * (db_backup_clean()). Fails with a one-line message naming the file when
 * the folder is missing or on a network file system (NFS, SMB/CIFS: SQLite's
 * write-ahead log is not safe there), the file is not a database, is
 * read-only or is someone else's that the user may not write (the message
 * says whose, and how to share), or its schema is newer than this program.
 * *out is owned by the caller (db_close). Returns 0, DB_OPEN_DAMAGED when
 * the file is a damaged database (restoring it is the way out), or -1. */
#define DB_OPEN_DAMAGED (-2)
int db_open(const char *path, struct db **out, char *err);
void db_close(struct db *db);

/* Who acts ("thuy"), the clock (unix seconds; 0: read time() at each change)
 * and today (the day a change takes effect). Strings are copied. */
void db_set_actor(struct db *db, const char *who);
void db_set_clock(struct db *db, int64_t now);
void db_set_today(struct db *db, civil_day today);
civil_day db_today(const struct db *db);

/* The agencies the program knows by name (config/agencies.tsv), read only
 * when an agency is first added (a command that adds none does not pay for
 * reading them): known(ctx) returns the table (not owned by
 * db; NULL when there is none). An agency that db_agency_ensure adds and one
 * of them names is stored under its canonical name, with its short name,
 * kind and other spellings. Without it, agencies are stored as written. */
struct agency_table;
void db_set_known_agencies(struct db *db, const struct agency_table *(*known)(void *ctx), void *ctx);
const struct agency_table *db_known_agencies(struct db *db);

/* Transactions. Writes go through BEGIN IMMEDIATE so two writers wait for
 * each other (busy timeout) instead of failing half-way. Nesting is counted:
 * only the outermost commit writes. */
int db_begin(struct db *db, char *err);
int db_commit(struct db *db, char *err);
void db_rollback(struct db *db);

/* Refuses an output (core/file's file_output_resolve()) that would write
 * over one of the database's own files: the database, its -wal, -shm and
 * -journal, its backups (.backup.N, .backup.lock, .before-restore-…,
 * .damaged-…) and export indexes (.ical-…), however the path was spelled
 * (relative, through a symbolic link, a second hard link). Returns 0, or -1
 * with a message that does not name the output ("it is the database's own
 * file 'x.db-wal': choose another name"). */
struct file_output;
int db_check_output(const struct db *db, const struct file_output *o, char *err);

/* PRAGMA data_version: changes when another connection commits. */
int64_t db_data_version(struct db *db);
/* The path given to db_open. */
const char *db_path(const struct db *db);

#endif
