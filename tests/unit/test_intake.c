/* intake: the text as the notice reader takes it, and its hash. (What is
 * refused is tested with the reader, in test_notice.) */
#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/intake.h"

static void test_clean(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\xef\xbb\xbfSở Y tế\r\nrà soát\r", "Sở Y tế\nrà soát\n" },       /* BOM, CRLF, CR */
		{ "So\xcc\x9b\xcc\x89 Y te\xcc\x82\xcc\x81", "Sở Y tế" },          /* NFD becomes NFC */
		{ "trước\xc2\xa0ngày\xe2\x80\xaf" "14/5", "trước ngày 14/5" },      /* no-break spaces */
		{ "hoàn\xc2\xadthành\xe2\x80\x8b", "hoànthành" },                /* soft hyphen, zero width */
		{ "trang 1\ftrang 2", "trang 1\n\f\ntrang 2" },                   /* a form feed alone */
		{ "a\xe2\x80\xa8" "b", "a\nb" },                                   /* line separator */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = intake_clean(cases[i].in, strlen(cases[i].in));
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("case %zu: '%s', expected '%s'", i, got, cases[i].out);
		free(got);
	}
}

static void test_hash(void **state)
{
	(void)state;
	char a[17], b[17], c[17];
	intake_hash("Sở Y tế\nrà soát\n", a);
	intake_hash("Sở Y tế  \nrà soát\n\n\n", b); /* spaces at line ends, blank lines at the end */
	intake_hash("Sở Y tế\nrà soát kỹ\n", c);
	assert_int_equal(strlen(a), 16);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
