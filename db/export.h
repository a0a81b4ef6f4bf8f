/* db/export: iCalendar export of the database's tasks, copying what has not
 * changed from the previous export of the kept-current file.
 *
 * The kept-current file (the configuration's export_file, through
 * db_export_refresh()) is recorded in the table ical_index (migration 5):
 * its identity (device, inode, size, modification time) and the checksum of
 * its index, a file next to the database whose name is derived from the
 * export file's (never read from the table: anyone who can write the shared
 * database can write its rows) that holds, per exported task, its id,
 * SEQUENCE (task.ical_sequence), a hash of its uuid and the byte range of its
 * components. Triggers (migration 2) bump the SEQUENCE whenever something the
 * export shows changes (status, dates, texts, section, agencies, source
 * document; not notes), so the next export copies the ranges of the tasks
 * whose (id, SEQUENCE, uuid) are unchanged straight from that file
 * (coalesced into runs, read and written) and serialises only the others
 * with libical: a re-export after one change is mostly copying. The
 * same bytes come out as from a full export (components depend only on the
 * task, its SEQUENCE and ical_options_fingerprint()). Other exports (to
 * standard output, a one-off file) copy from the kept-current file when the
 * caller names it, and record nothing. A recorded file that is gone,
 * replaced, truncated or touched (identity differs), or a damaged index, is
 * simply not used: every task is serialised. The indexes of the
 * DB_EXPORT_KEEP_FILES most recently kept files (colleagues sharing the
 * database may keep files of their own) are kept; other index files next to
 * the database are removed.
 *
 * LAST-MODIFIED (and DTSTAMP unless the options pin it) is task.ical_modified,
 * the time of the last exported change, so an unchanged database exports to
 * byte-identical text. Tasks are written in id order. Only tasks with a
 * deadline are exported.
 *
 * An export runs inside one write transaction (it records the index), so it
 * sees one consistent state and no other hanchot writes the same file
 * meanwhile; other writers wait for it (busy timeout). */
#ifndef HANCHOT_DB_EXPORT_H
#define HANCHOT_DB_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "core/ical.h"
#include "db/db.h"

#define DB_EXPORT_KEEP_FILES 4

/* Which tasks to export. Zero / DATE_NONE fields do not filter; use
 * db_export_filter_init() for "everything". */
struct db_export_filter {
	int64_t agency_id;   /* 0: any; else tasks this agency leads */
	int64_t document_id; /* 0: any */
	bool open_only;      /* leave out done and cancelled tasks */
	civil_day from, to;  /* due date within [from, to]; DATE_NONE: open-ended */
	const char *search;  /* NULL: any; else a folded needle (db/view.h's search) */
};

void db_export_filter_init(struct db_export_filter *f);

/* Checks the filter against the database: the document exists, from <= to.
 * Returns 0, or -1 with a message naming the bad value ("--document 42: no
 * such document", "--from 2024-06-01 is after --to 2024-05-01"). */
int db_export_filter_check(struct db *db, const struct db_export_filter *f, char *err);

struct db_export_stats {
	size_t tasks;  /* tasks written */
	size_t copied; /* of which copied from a previous export */
	size_t built;  /* of which serialised now */
	bool spliced;  /* a previous export was usable (copied may still be 0) */
	/* Tasks left out because no calendar can take them (ical_task_check():
	 * a stored date out of range): one bad row never stops an export. */
	size_t skipped;
	char skipped_why[ERR_MAX]; /* the first one's reason, naming it; "" when none */
};

/* Writes the whole calendar (header, matching tasks, footer) through
 * write(ctx, …), copying from the kept-current file copy_from (may be NULL).
 * stats may be NULL (then skipped tasks go unreported). Returns 0, or -1 with
 * a message (bad options, database trouble, sink failure). */
int db_export_write(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		    ical_write_fn write, void *ctx, const char *copy_from, struct db_export_stats *stats,
		    char *err);

/* The same into path (core/file's file_output_resolve()): a file, or the
 * target of a symbolic link, is replaced atomically: written to a temporary
 * file in the same folder, flushed to disk (fsync), renamed over it, and the
 * folder synced, so a reader sees the old file or the new one, never a part;
 * an existing file's permissions are kept, a new one gets 0666 less the
 * umask; what killed exports left there is removed first. A device, FIFO or
 * socket is written into. A folder, a disk and the database's own files
 * (db_check_output()) are refused. On failure the temporary file is removed
 * and path is untouched; the message names the file ("export file
 * '/x/y.ics': folder '/x' does not exist"). */
int db_export_file(struct db *db, const struct ical_options *opt, const struct db_export_filter *f,
		   const char *path, const char *copy_from, struct db_export_stats *stats, char *err);

/* Keeps the file at path current with the whole calendar (no filter). When
 * nothing the export shows changed since this function last wrote it (same
 * options, same ical_state generation, the file still has the size and
 * modification time written) it only reads two small rows and stat()s the
 * file. Otherwise it rewrites the file as db_export_file() does, copying
 * from its previous version (through its spare when it can: core/file.h),
 * and records what it wrote. A device, FIFO or socket cannot be kept
 * current. *written (may be NULL) says whether it wrote; stats (may be
 * NULL) what, all zero when it did not. Returns 0, or -1 with a message. */
int db_export_refresh(struct db *db, const struct ical_options *opt, const char *path, bool *written,
		      struct db_export_stats *stats, char *err);

/* What changes the text of a whole export for the same tasks: the options
 * fingerprint and the calendar name. Cannot fail. */
uint64_t db_export_options_key(const struct ical_options *opt);

/* Notes that the configuration now exports with options key (a fingerprint
 * of what the configured options put in each component: alarms, language,
 * this program's output format). When it differs from the key noted before,
 * every task's SEQUENCE is bumped
 * and its LAST-MODIFIED (and unpinned DTSTAMP) set to now, as for any change,
 * so calendars take the new text instead of keeping the old. The first key
 * noted bumps nothing. A read when nothing changed. 0, or -1 with a message. */
int db_export_options_seen(struct db *db, uint64_t key, char *err);

#endif
