/* libFuzzer target: agency keys, kind guesses, matching, list splitting and the
 * table/successor file parsers must never crash or read/write out of bounds,
 * and split names must be pieces of the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct agency_table *table;

static const char config[] =
	"abbrev\tSKHĐT\tSở Kế hoạch và Đầu tư\n"
	"agency\tso_ban_nganh\tSở Kế hoạch và Đầu tư\tSở KH&ĐT\n"
	"agency\tso_ban_nganh\tSở Tài chính\t-\n"
	"agency\tso_ban_nganh\tCục Thuế tỉnh\t-\n"
	"agency\tluc_luong_vu_trang\tBộ Chỉ huy Bộ đội Biên phòng tỉnh\t-\n"
	"agency\tnhom\tUBND các huyện, thành phố\t-\n"
	"agency\tnhom\tcác sở, ban, ngành liên quan\t-\n"
	"agency\tso_ban_nganh\tVăn phòng Đoàn ĐBQH và HĐND tỉnh\t-\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!table) {
		table = agency_table_new();
		char err[ERR_MAX];
		if (agency_table_load_string(table, config, "fuzz", err) != 0)
			abort();
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	char *k1 = agency_key(s);
	char *k2 = agency_key(k1);
	if (!text_utf8_valid(k1, strlen(k1), NULL))
		abort();
	free(k2);
	free(k1);
	(void)agency_kind_guess(s);
	const struct agency *a = agency_table_match(table, s);
	if (a && !a->name)
		abort();

	size_t n;
	char **names = agency_split_list(s, size & 1 ? table : NULL, &n);
	for (size_t i = 0; i < n; i++) {
		if (!names[i] || !names[i][0])
			abort();
		(void)agency_table_match(table, names[i]);
	}
	if (names[n] != NULL)
		abort();
	agency_list_free(names);

	/* the file parsers, on a fresh table each time */
	struct agency_table *t = agency_table_new();
	char err[ERR_MAX];
	if (agency_table_load_string(t, s, "fuzz", err) != 0 && !strstr(err, "fuzz:"))
		abort();
	(void)agency_table_match(t, s);
	agency_table_free(t);
	struct agency_successors succ;
	agency_successors_init(&succ);
	(void)agency_successors_load_string(&succ, s, "fuzz", err);
	agency_successors_release(&succ);
	free(s);
	return 0;
}
