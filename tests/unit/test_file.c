#include "tests/unit/testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/file.h"

static void test_parent_dir(void **state)
{
	(void)state;
	static const struct { const char *path, *dir; } rows[] = {
		{ "/var/lib/hanchot.db", "/var/lib" }, { "/hanchot.db", "/" }, { "hanchot.db", "." },
		{ "a/b", "a" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *d = file_parent_dir(rows[i].path);
		assert_string_equal(d, rows[i].dir);
		free(d);
	}
}

static void test_replace(void **state)
{
	(void)state;
	char dir[] = "/tmp/hanchot-file-XXXXXX", tmp[64], path[64], buf[8] = "";
	assert_non_null(mkdtemp(dir));
	snprintf(tmp, sizeof tmp, "%s/.new", dir);
	snprintf(path, sizeof path, "%s/file", dir);
	FILE *f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	f = fopen(tmp, "w");
	fputs("new", f);
	fclose(f);
	assert_int_equal(file_replace(tmp, path), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "new");
	/* A missing temporary file is an error, and the file stays as it was. */
	assert_int_equal(file_replace(tmp, path), ENOENT);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(file_sync(dir, true), 0);
	assert_int_equal(file_sync("/nonexistent-hanchot", true), ENOENT);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parent_dir),
		cmocka_unit_test(test_replace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
