/* testdb: a database in a temporary folder of its own, the set-up the unit
 * tests of db/ (and of what reads it) share. testdb_open() asserts that it
 * worked; testdb_close() closes the database (when open) and removes the
 * folder with everything in it. */
#ifndef HANCHOT_TESTDB_H
#define HANCHOT_TESTDB_H

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "core/err.h"
#include "db/db.h"
#include "tests/unit/testutil.h"

struct testdb {
	char dir[TESTDIR_SIZE]; /* test_mkdir()'s */
	char path[96]; /* dir/t.db */
	struct db *db;
};

/* A new database (every migration applied) whose user is "tester" and
 * whose today is 2024-05-17. */
static inline void testdb_open(struct testdb *t)
{
	char err[ERR_MAX];
	test_mkdir(t->dir);
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	if (db_open(t->path, &t->db, err))
		fail_msg("%s", err);
	db_set_actor(t->db, "tester");
	db_set_today(t->db, date_from_ymd(2024, 5, 17));
}

static inline void testdb_close(struct testdb *t)
{
	db_close(t->db);
	t->db = NULL;
	test_rmdir(t->dir);
}

#endif
