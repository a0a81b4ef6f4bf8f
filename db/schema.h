/* schema: the numbered migrations that build the database.
 *
 * Migration N takes a database at user_version N-1 to N. They run in order
 * inside one transaction per migration; a new migration is appended, never
 * edited once released. */
#ifndef HANCHOT_SCHEMA_H
#define HANCHOT_SCHEMA_H

/* The SQL of migration `version` (1-based), NULL past the last. Static. */
const char *schema_migration(int version);
int schema_latest(void);

#endif
