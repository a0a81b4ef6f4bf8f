/* Shared includes for cmocka unit tests, test_slurp() and the temporary
 * folder a test works in. */
#ifndef HANCHOT_TESTUTIL_H
#define HANCHOT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"

/* The whole file at path (the program's file_read_all), NUL-terminated; its
 * length in *len when len is not NULL. Fails the test when it cannot. */
static inline char *test_slurp(const char *path, size_t *len)
{
	char *data, err[ERR_MAX];
	size_t n;
	if (file_read_all(path, 1u << 28, &data, &n, err))
		fail_msg("%s: %s", path, err);
	if (len)
		*len = n;
	return data;
}

/* A new temporary folder, /tmp/hanchot-test-XXXXXX, named in dir (which
 * holds TESTDIR_SIZE bytes); test_rmdir() removes it with all it holds.
 * Each fails the test when it cannot. */
#define TESTDIR_SIZE 32
static inline void test_mkdir(char *dir)
{
	snprintf(dir, TESTDIR_SIZE, "/tmp/hanchot-test-XXXXXX");
	if (!mkdtemp(dir))
		fail_msg("cannot make a temporary folder: %s", strerror(errno));
}

static inline void test_rmdir(const char *dir)
{
	char cmd[TESTDIR_SIZE + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

#endif
