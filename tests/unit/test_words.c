/* words: a word at a time through Vietnamese text. */
#include "tests/unit/testutil.h"

#include "core/words.h"

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(words_len("Sở, ban"), strlen("Sở"));
	assert_int_equal(words_len("“Sở”"), 0); /* a curly quote is punctuation */
	assert_int_equal(words_len("tế…"), strlen("tế"));
	assert_string_equal(words_skip(" \t\nSở"), "Sở");
	assert_true(words_char("ế"));
	assert_false(words_char(";"));
}

static void test_phrases(void **state)
{
	(void)state;
	assert_true(words_at("chủ trì, phối hợp", "chủ trì"));
	assert_false(words_at("chủ trìa", "chủ trì"));  /* whole words only */
	assert_false(words_at("Chủ trì", "chủ trì"));
	assert_true(words_at_ci("Chủ trì", "chủ trì"));
	assert_true(words_at_ci("Đề nghị Sở", "đề nghị"));
	static const char *const list[] = { "Giao", "Giao cho" };
	assert_string_equal(words_at_any("Giao cho Sở", list, 2, false), "Giao");
	assert_null(words_at_any("Giaoo", list, 2, false));
	assert_true(words_at_lower("bộ tài chính", "Bộ Tài chính"));
	assert_false(words_at_lower("bộ tài chínhh", "Bộ Tài chính"));
	assert_int_equal(words_at_nocase("Thông tin và truyền thông, Y tế", "Thông tin và Truyền thông"),
			 strlen("Thông tin và truyền thông"));
	assert_int_equal(words_at_nocase("Thông tin và truyền thông", "Thông tin và Truyền thông hóa"), 0);
	assert_int_equal(words_at_nocase("Tài chínhh", "Tài chính"), 0);
	static const char *const heads[] = { "Hội đồng", "Hội đồng nhân dân" };
	assert_string_equal(words_at_any_lower("hội đồng nhân dân tỉnh", heads, 2), "Hội đồng nhân dân"); /* the longest */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_phrases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
