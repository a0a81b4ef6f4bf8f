/* db/export: iCalendar export of the database's tasks, with a cache.
 *
 * Each exported task's components (core/ical.h) are kept in the table
 * ical_cache keyed by (task id, options fingerprint) together with the task's
 * SEQUENCE (task.ical_sequence) they were built from; a row is used only while
 * that sequence is still the task's. Triggers (migration 2) bump the sequence
 * whenever something the export shows changes (status, dates, texts, section,
 * agencies, source document; not notes), so a re-export after one change
 * re-serialises that task and copies the rest. The cache lives in the database
 * rather than in a side file so that it is read in the same snapshot as the
 * tasks (several people share one file), goes away with its task (ON DELETE
 * CASCADE), and needs no second file to lock, name or clean up. The cache for
 * at most DB_EXPORT_KEEP_OPTIONS option sets is kept; older ones are dropped.
 *
 * LAST-MODIFIED (and DTSTAMP unless the options pin it) is task.ical_modified,
 * the time of the last exported change, so an unchanged database exports to
 * byte-identical text. Tasks are written in id order. Only tasks with a
 * deadline are exported.
 *
 * An export runs inside one write transaction (it fills the cache), so it sees
 * one consistent state; other writers wait for it (busy timeout). */
#ifndef HANCHOT_DB_EXPORT_H
#define HANCHOT_DB_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/ical.h"
#include "db/db.h"

#define DB_EXPORT_KEEP_OPTIONS 4

/* Which tasks to export. Zero / DATE_NONE fields do not filter; use
 * db_export_filter_init() for "everything". */
struct db_export_filter {
	int64_t agency_id;   /* 0: any; else tasks this agency leads */
	int64_t document_id; /* 0: any */
	bool open_only;      /* leave out done and cancelled tasks */
	civil_day from, to;  /* due date within [from, to]; DATE_NONE: open-ended */
};

void db_export_filter_init(struct db_export_filter *f);

/* Checks the filter against the database: the document exists, from <= to.
 * Returns 0, or -1 with a message naming the bad value ("--document 42: no
 * such document", "--from 2024-06-01 is after --to 2024-05-01"). */
int db_export_filter_check(struct db *db, const struct db_export_filter *f, char *err);

struct db_export_stats {
	size_t tasks;  /* tasks written */
	size_t cached; /* of which copied from the cache */
	size_t built;  /* of which serialised now (and cached) */
};

/* Writes the whole calendar (header, matching tasks, footer) through
 * write(ctx, …). stats may be NULL. Returns 0, or -1 with a message (bad
 * options, database trouble, sink failure). Cache rows built before a sink
 * failure are kept: they are valid whatever happened to the output. */
int db_export_write(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		    ical_write_fn write, void *ctx, struct db_export_stats *stats, char *err);

/* The same into the file at path, atomically: written to a temporary file in
 * the same folder, flushed to disk (fsync), renamed over path, and the folder
 * synced, so a reader sees the old file or the new one, never a part. An
 * existing file's permissions are kept; a new one gets 0666 less the umask.
 * On failure the temporary file is removed and path is untouched; the message
 * names the file ("export file '/x/y.ics': folder '/x' does not exist"). */
int db_export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		   const char *path, struct db_export_stats *stats, char *err);

/* Keeps the file at path current with the whole calendar (no filter). When
 * nothing the export shows changed since this function last wrote it (same
 * options, same ical_state generation, the file still has the size and
 * modification time written) it only reads two small rows and stat()s the
 * file. Otherwise it rewrites the file as db_export_file() does and records
 * what it wrote. *written (may be NULL) says whether it wrote. Returns 0, or
 * -1 with a message. */
int db_export_refresh(struct db *db, const struct ical_options *opt, const char *path, bool *written,
		      char *err);

/* What changes the text of a whole export for the same tasks: the options
 * fingerprint and the calendar name. Cannot fail. */
uint64_t db_export_options_key(const struct ical_options *opt);

#endif
