/* db/agency: agencies as stored in the database. */
#ifndef HANCHOT_DB_AGENCY_H
#define HANCHOT_DB_AGENCY_H

#include <stdint.h>

#include "db/db.h"

/* The id of the agency called name (matched on its key, so spelling variants
 * find the same agency), creating it when unknown; an agency that was merged
 * into a successor gives the successor, so new work goes where it is done now.
 * A new agency one of the known agencies names (db_set_known_agencies) takes
 * its canonical name, short name and kind, and its other spellings and the
 * name as written as aliases. Returns the id, or -1 with err set. Call
 * inside a transaction. */
int64_t db_agency_ensure(struct db *db, const char *name, char *err);

/* The id of an existing agency matching name; 0 when none, -1 on error. */
int64_t db_agency_find(struct db *db, const char *name, char *err);

/* The agency that does the work of the one name matches today (its successor
 * when it was merged, as db_agency_ensure gives): the id, 0 when name matches
 * none, -1 on error. Creates nothing. */
int64_t db_agency_current(struct db *db, const char *name, char *err);

/* How many open tasks name agency id, in any role: what a merge would move. */
int db_agency_open_assignments(struct db *db, int64_t id, size_t *out, char *err);

/* The agency's current name into a new string (caller frees); NULL when
 * unknown. */
char *db_agency_name(struct db *db, int64_t id);

/* Renames agency id; the old name stays as an alias so it still matches.
 * Fails ("agency 'X' already exists") when another agency has that name. */
int db_agency_rename(struct db *db, int64_t id, const char *new_name, char *err);

/* Adds another spelling that matches agency id. Fails when the alias already
 * names an agency. */
int db_agency_add_alias(struct db *db, int64_t id, const char *alias, char *err);

/* Removes an alias of agency id (an undo of db_agency_add_alias or of a
 * rename's old name). */
int db_agency_remove_alias(struct db *db, int64_t id, const char *alias, char *err);
/* The assignments a merge moved: task and role. */
struct db_agency_moves {
	int64_t *ids;
	char **roles;
	size_t n, cap, rcap;
};
void db_agency_moves_release(struct db_agency_moves *m);
/* Merges agency from into its successor to: from's open tasks are assigned to
 * to (an 'assign' task_event per task keeps who had them, and bumps the row
 * version), closed tasks keep their history, and from records to as its
 * successor. What moved goes to *moves (may be NULL; release it). Returns the
 * number of tasks moved, or -1 with err. */
int db_agency_merge(struct db *db, int64_t from, int64_t to, struct db_agency_moves *moves, char *err);
/* Undoes a merge: the moves go back to from (audited), from has no
 * successor again. 0 or -1 with err. */
int db_agency_unmerge(struct db *db, int64_t from, int64_t to, const struct db_agency_moves *moves, char *err);

#endif
