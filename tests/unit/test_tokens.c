/* tokens: a phrase cut into words, numbers and punctuation. */
#include "tests/unit/testutil.h"

#include "core/tokens.h"

static void test_cut(void **state)
{
	(void)state;
	const char *s = "Trước ngày 14/5/2024 –\nQUÝ III";
	struct tokens tk;
	tokens_cut(&tk, s, strlen(s));
	/* Trước ngày 14 / 5 / 2024 - QUÝ III */
	assert_int_equal(tk.n, 10);
	assert_true(tokens_word_is(&tk, 0, "trước"));
	assert_int_equal(tokens_words_at(&tk, 0, "trước ngày"), 2);
	assert_int_equal(tokens_words_at(&tk, 0, "trước năm"), 0);
	assert_true(tokens_is_num(&tk, 2));
	assert_int_equal(tk.t[2].num, 14);
	assert_true(tokens_is_punct(&tk, 3, '/'));
	assert_true(tokens_glued(&tk, 3));
	assert_false(tokens_glued(&tk, 2));
	assert_true(tokens_small_num(&tk, 4, 2));
	assert_false(tokens_small_num(&tk, 6, 2)); /* 2024: four digits */
	assert_true(tokens_is_punct(&tk, 7, '-')); /* every dash is '-' */
	assert_true(tk.t[8].nl);
	assert_true(tokens_word_is(&tk, 8, "quý")); /* any case */
	static const char *const romans[] = { "i", "ii", "iii", "iv", NULL };
	assert_true(tokens_any_word(&tk, 9, romans));
	assert_false(tokens_word_is(&tk, 10, "quý")); /* past the end */
	tokens_release(&tk);
}

static void test_bad_bytes(void **state)
{
	(void)state;
	const char s[] = "ng\xffy 5";
	struct tokens tk;
	tokens_cut(&tk, s, strlen(s));
	/* a malformed byte is punctuation between two words */
	assert_int_equal(tk.n, 4);
	assert_true(tokens_word_is(&tk, 0, "ng"));
	assert_int_equal(tk.t[1].type, T_PUNCT);
	tokens_release(&tk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_bad_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
