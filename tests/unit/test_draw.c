/* tui/draw measures text as the report and the command line do: the width
 * of what it draws is text_width of the text as text_sanitize cleans it,
 * whatever the text holds (controls, bidi overrides, wide letters,
 * combining marks, invalid bytes). */
#include "tests/unit/testutil.h"

#include <stdlib.h>

#include "core/text.h"
#include "tui/draw.h"

static void test_columns_are_text_width(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "Sở Tài chính", 12 },
		{ "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", 8 },   /* NFD: marks take no column */
		{ "漢字 Hà", 7 },                                 /* wide letters take two */
		{ "a\x1b[31mb", 6 },                              /* ESC dropped, "[31m" shown */
		{ "a\tb\nc", 5 },                                 /* TAB and LF: a space each */
		{ "x\xe2\x80\xaey\xe2\x81\xa6z", 3 },             /* bidi overrides dropped */
		{ "c1 \xc2\x85!", 4 },                            /* a C1 control dropped */
		{ "bad \xff", 5 },                                /* an invalid byte: '?' */
		{ "", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *clean = text_sanitize_dup(cases[i].text, 0);
		assert_int_equal(draw_columns(cases[i].text), cases[i].want);
		assert_int_equal(draw_columns(cases[i].text), (int)text_width(clean, strlen(clean)));
		free(clean);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_are_text_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
