/* export_index: where each task's components lie in an export file, so the
 * next export copies the bytes of unchanged tasks (db/export.c). Internal to
 * db/: the index of a file is stored next to the database (its name derived
 * from the file's, never read from the table), its identity and checksum in
 * the table ical_index (see db/export.h). */
#ifndef HANCHOT_DB_EXPORT_INDEX_H
#define HANCHOT_DB_EXPORT_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "db/db.h"

/* One task's components in an export file: bytes [off, off + len). */
struct export_entry {
	int64_t id, seq;
	uint64_t uuid_hash, off, len;
};

struct export_index {
	struct export_entry *e;
	size_t n, cap;
};

/* A previous export to copy from, with the merge cursor of its entries. */
struct export_source {
	int fd;     /* -1: none */
	struct export_index ix;
	size_t next; /* merge cursor: tasks come in id order */
};

/* Appends e (entries are added in id order). */
void export_index_add(struct export_index *x, const struct export_entry *e);
/* The 32 bits of a task's uuid hash that an index stores. */
uint64_t export_index_uuid_hash(const char *uuid);
/* The index file of the export file at key, and its spare (core/file.h),
 * next to the database: new strings the caller frees. */
char *export_index_path(struct db *db, const char *key);
char *export_index_spare_path(const char *ipath);
/* A file's modification time in nanoseconds, as ical_index records it. */
int64_t export_index_mtime(const struct stat *st);

/* The previous export of the file at key (fp: ical_options_fingerprint()),
 * when it is still the very file recorded (same device, inode, size and
 * modification time) and its index file has the recorded checksum. Anything
 * amiss means no source (src->fd < 0): every task is serialised. 0, or -1
 * with a message on database trouble. Close with export_index_close_source. */
int export_index_open_source(struct db *db, int64_t fp, const char *key, struct export_source *src, char *err);
void export_index_close_source(struct export_source *src);
/* The entry for task id when it still holds (seq, uuid hash), else NULL;
 * ids must come in increasing order. */
const struct export_entry *export_index_find(struct export_source *src, int64_t id, int64_t seq, uint64_t uh);
/* Records the file at key just written (st from its descriptor) with index x
 * in ipath, keeping the indexes of the DB_EXPORT_KEEP_FILES most recently
 * written files. 0, or -1 with a message. */
int export_index_record(struct db *db, const char *key, const char *ipath, int64_t fp, const struct stat *st,
			const struct export_index *x, char *err);

#endif
