/* db/agency: agencies as stored in the database. */
#ifndef HANCHOT_DB_AGENCY_H
#define HANCHOT_DB_AGENCY_H

#include <stdint.h>

#include "db/db.h"

/* The id of the agency called name (matched on its key, so spelling variants
 * find the same agency), creating it when unknown. Returns the id, or -1 with
 * err set. Call inside a transaction. */
int64_t db_agency_ensure(struct db *db, const char *name, char *err);

/* The id of an existing agency matching name; 0 when none, -1 on error. */
int64_t db_agency_find(struct db *db, const char *name, char *err);

#endif
