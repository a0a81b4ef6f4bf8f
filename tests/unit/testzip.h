/* Builds zip archives in memory for the .docx / .odt tests (libzip). */
#ifndef HANCHOT_TESTZIP_H
#define HANCHOT_TESTZIP_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* entries: name, content pairs, NULL-terminated. Stored (not deflated)
 * when store is set. Returns the archive's bytes (caller frees), *len. */
static char *testzip_make(const char *const *entries, int store, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		abort();
	zip_source_keep(src);
	for (size_t i = 0; entries[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(za, entries[i + 1], strlen(entries[i + 1]), 0);
		zip_int64_t idx = zip_file_add(za, entries[i], s, ZIP_FL_ENC_UTF_8);
		if (idx < 0)
			abort();
		if (store)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0)
		abort();
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		abort();
	char *buf = malloc(st.size + 1);
	zip_int64_t n = zip_source_read(src, buf, st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	if (n < 0)
		abort();
	*len = (size_t)n;
	return buf;
}

#endif
