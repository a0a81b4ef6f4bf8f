/* backup: copies of the database, made with SQLite's online backup API.
 *
 * A copy is taken while others keep working (it is one consistent read
 * transaction), written to a temporary name, synced and renamed into place,
 * so a copy on disk is always whole. Automatic copies rotate next to the
 * database: <db>.backup.1 is the newest, <db>.backup.N the oldest; whether
 * one is due is a single stat() of <db>.backup.1, so callers may ask after
 * every write. A restore checks the file first, keeps a copy of the current
 * database, and replaces the content in one write transaction: every other
 * connection sees either the old or the restored data, never a mix. */
#ifndef HANCHOT_DB_BACKUP_H
#define HANCHOT_DB_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* Writes a consistent copy of db to dest (core/file's file_output_resolve():
 * a file, or a symbolic link's target, is written to a temporary file next
 * to it and renamed into place; a device, FIFO or socket gets the copy poured
 * into it), with the mode of the database's private files
 * (file_private_mode()). The database's own files are refused
 * (db_check_output()). Fails with a one-line message naming dest. */
int db_backup_to(struct db *db, const char *dest, char *err);

/* The automatic rotating backup: when count > 0 and <db>.backup.1 is missing
 * or older than `hours` at time `now` (unix seconds), shifts .backup.1..N-1 up
 * one, drops what falls past count, and writes a new .backup.1. Another
 * process making the same backup at the same moment makes this one skip.
 * Returns 1 when a backup was written, 0 when none was due, -1 on failure. */
int db_backup_auto(struct db *db, int count, int hours, int64_t now, char *err);

/* The path of automatic backup n (1: newest) of the database at db_path,
 * newly allocated. */
char *db_backup_rotating_path(const char *db_path, int n);

/* The newest backup of the database at db_path that exists on disk
 * (automatic .backup.1 or a "before restore" copy, whichever is newer),
 * newly allocated; NULL when there is none. */
char *db_backup_newest(const char *db_path);

/* Checks that path is a readable hanchot database this program understands:
 * a SQLite file that passes PRAGMA quick_check, has the task and task_event
 * tables, and a schema version from 1 to DB_SCHEMA_VERSION. */
int db_backup_check_file(const char *path, char *err);

/* Replaces db's content with the database in src after db_backup_check_file.
 * First writes the current content to <db>.before-restore-YYYYMMDD-HHMMSS
 * (its path is put in saved, of `saved_size` bytes), keeping the `keep`
 * newest such copies (at least one) as the rotating backups do. The
 * replacement is one transaction. The connection should be closed and
 * reopened afterwards (the restored file may need migrating). */
int db_backup_restore(struct db *db, const char *src, int keep, char *saved, size_t saved_size, char *err);

/* The restore for a database that cannot be opened (damaged): checks src,
 * writes it to a temporary file next to the database, keeps the old file as <db>.damaged-STAMP
 * (path in saved) with its -wal, and renames the copy into place. */
int db_backup_restore_file(const char *db_path, const char *src, char *saved, size_t saved_size, char *err);

/* Removes what killed processes left next to the database at db_path: the
 * temporary files of backups, restores and export indexes
 * (file_temp_clean()), and those of older versions ("<db>.backup.new",
 * "<db>.restore.tmp", "<db>.….tmp" and their SQLite journals) once nobody
 * has touched them for FILE_TEMP_GRACE seconds. Cannot fail. */
void db_backup_clean(const char *db_path);

#endif
