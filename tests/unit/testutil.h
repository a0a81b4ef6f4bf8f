/* Shared includes for cmocka unit tests, and test_slurp(). */
#ifndef HANCHOT_TESTUTIL_H
#define HANCHOT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

#endif
