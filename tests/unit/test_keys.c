/* The key map, the list position and the prompt: no terminal needed. */
#include "tests/unit/testutil.h"

#include <locale.h>
#include <stdlib.h>

#include "core/config.h"
#include "core/err.h"
#include "tui/keymap.h"
#include "tui/listpos.h"
#include "tui/prompt.h"
#include "tui/term.h"

static void defaults(void **state)
{
	(void)state;
	struct keymap km;
	keymap_init(&km);
	static const struct { int key; enum action a; } rows[] = {
		{ 'j', ACT_DOWN }, { KEYMAP_FN | KEY_DOWN, ACT_DOWN }, { 'k', ACT_UP }, { 'g', ACT_TOP },
		{ 'G', ACT_BOTTOM }, { '\t', ACT_PANE }, { '\n', ACT_DETAIL }, { 'p', ACT_PROGRESS },
		{ 'w', ACT_REPORTED }, { 'd', ACT_DONE }, { 'z', ACT_PAUSE }, { 'c', ACT_CANCEL },
		{ 'o', ACT_REOPEN }, { 'e', ACT_EXTEND }, { 'n', ACT_NOTE }, { 'u', ACT_UNDO },
		{ '/', ACT_SEARCH }, { 'f', ACT_FILTER }, { 's', ACT_SORT }, { 'a', ACT_ADD },
		{ ' ', ACT_MARK }, { 'i', ACT_IMPORT }, { 'x', ACT_EXPORT }, { 'R', ACT_REPORT },
		{ '?', ACT_HELP }, { 'q', ACT_QUIT }, { 'Q', ACT_NONE }, { 0x1ea1, ACT_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(keymap_lookup(&km, rows[i].key), rows[i].a);
	char buf[64];
	assert_string_equal(keymap_describe(&km, ACT_DOWN, buf, sizeof buf), "j/down");
	assert_string_equal(keymap_describe(&km, ACT_MARK, buf, sizeof buf), "space");
}

static void parse_keys(void **state)
{
	(void)state;
	char buf[16];
	assert_int_equal(keymap_parse_key("x"), 'x');
	assert_int_equal(keymap_parse_key("pgdn"), KEYMAP_FN | KEY_NPAGE);
	assert_int_equal(keymap_parse_key("F5"), KEYMAP_FN | KEY_F(5));
	assert_int_equal(keymap_parse_key("space"), ' ');
	assert_int_equal(keymap_parse_key("đ"), 0x111);
	assert_int_equal(keymap_parse_key("xy"), -1);
	assert_int_equal(keymap_parse_key("F13"), -1);
	assert_int_equal(keymap_parse_key(""), -1);
	assert_string_equal(keymap_key_name(KEYMAP_FN | KEY_F(2), buf), "F2");
	assert_string_equal(keymap_key_name('\t', buf), "tab");
}

static int apply(struct keymap *km, const char *text, char *err)
{
	struct config c;
	config_init(&c);
	if (config_parse(&c, text, strlen(text), "test.conf", err)) {
		config_release(&c);
		return -2;
	}
	keymap_init(km);
	int rc = keymap_apply_config(km, &c, err);
	config_release(&c);
	return rc;
}

static void rebinding(void **state)
{
	(void)state;
	struct keymap km;
	char err[ERR_MAX];
	assert_int_equal(apply(&km, "key.extend = E\n", err), 0);
	assert_int_equal(keymap_lookup(&km, 'E'), ACT_EXTEND);
	assert_int_equal(apply(&km, "key.quit = x\nkey.done = F5\nkey.done = D\n", err), 0);
	assert_int_equal(keymap_lookup(&km, 'x'), ACT_QUIT);   /* taken from export */
	assert_int_equal(keymap_lookup(&km, 'q'), ACT_NONE);   /* replaced */
	assert_int_equal(keymap_lookup(&km, KEYMAP_FN | KEY_F(5)), ACT_DONE);
	assert_int_equal(keymap_lookup(&km, 'D'), ACT_DONE);   /* taken from done_on */
	assert_int_equal(keymap_lookup(&km, 'd'), ACT_NONE);

	static const struct { const char *text, *want; } bad[] = {
		{ "# c\nkey.frob = x\n", "line 2: key.frob: unknown action 'frob'" },
		{ "key.quit = banana\n", "line 1: key.quit: unknown key 'banana'" },
		{ "key.quit = y\nkey.done = y\n", "line 2: key.done: 'y' is already bound to quit on line 1" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(apply(&km, bad[i].text, err), -1);
		if (!strstr(err, bad[i].want))
			fail_msg("got '%s', want '%s'", err, bad[i].want);
	}
}

static void list_moves(void **state)
{
	(void)state;
	struct listpos lp = { 0 };
	listpos_set(&lp, 100, 10);
	assert_int_equal(lp.sel, 0);
	listpos_move(&lp, -1);
	assert_int_equal(lp.sel, 0);
	listpos_move(&lp, 12);
	assert_int_equal(lp.sel, 12);
	assert_int_equal(lp.top, 3);
	listpos_page(&lp, 1);
	assert_int_equal(lp.top, 12);
	assert_int_equal(lp.sel, 21);
	listpos_end(&lp);
	assert_int_equal(lp.sel, 99);
	assert_int_equal(lp.top, 90);
	listpos_page(&lp, -1);
	assert_int_equal(lp.top, 81);
	listpos_home(&lp);
	assert_int_equal(lp.sel + lp.top, 0);
	listpos_select(&lp, 500);
	assert_int_equal(lp.sel, 99);
	listpos_set(&lp, 5, 10); /* list shrank under the selection */
	assert_int_equal(lp.sel, 4);
	assert_int_equal(lp.top, 0);
	listpos_set(&lp, 0, 10);
	assert_int_equal(lp.sel, 0);
	listpos_move(&lp, 1);
	assert_int_equal(lp.sel, 0);
	listpos_set(&lp, 50, 0); /* a zero-height window still holds the selection */
	listpos_select(&lp, 20);
	assert_int_equal(lp.top, 20);
	/* the moving keys every list shares, and only those */
	listpos_set(&lp, 100, 10);
	listpos_home(&lp);
	assert_true(listpos_act(&lp, ACT_DOWN));
	assert_int_equal(lp.sel, 1);
	assert_true(listpos_act(&lp, ACT_PGDN));
	assert_int_equal(lp.sel, 10);
	assert_true(listpos_act(&lp, ACT_BOTTOM));
	assert_int_equal(lp.sel, 99);
	assert_true(listpos_act(&lp, ACT_UP));
	assert_int_equal(lp.sel, 98);
	assert_true(listpos_act(&lp, ACT_TOP));
	assert_int_equal(lp.sel, 0);
	assert_false(listpos_act(&lp, ACT_MARK));
	assert_int_equal(lp.sel, 0);
}

static void prompt_editing(void **state)
{
	(void)state;
	struct prompt p;
	prompt_open(&p, M_PROMPT_NOTE, 1, NULL);
	assert_int_equal(prompt_key(&p, 'K'), PROMPT_EDITED);
	assert_int_equal(prompt_key(&p, 0x1ebf), PROMPT_EDITED); /* ế */
	assert_string_equal(p.text, "Kế");
	assert_int_equal(prompt_key(&p, 127), PROMPT_EDITED);
	assert_string_equal(p.text, "K");
	assert_int_equal(prompt_key(&p, 7), PROMPT_NONE);        /* control: ignored */
	assert_int_equal(prompt_key(&p, 0x9b), PROMPT_NONE);     /* C1 control */
	assert_int_equal(prompt_key(&p, '\t'), PROMPT_COMPLETE);
	assert_int_equal(prompt_key(&p, 21), PROMPT_EDITED);
	assert_string_equal(p.text, "");
	assert_int_equal(prompt_key(&p, KEYMAP_FN | KEY_BACKSPACE), PROMPT_NONE);
	assert_int_equal(prompt_key(&p, '\r'), PROMPT_ACCEPT);
	assert_int_equal(prompt_key(&p, 27), PROMPT_CANCEL);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults), cmocka_unit_test(parse_keys), cmocka_unit_test(rebinding),
		cmocka_unit_test(list_moves), cmocka_unit_test(prompt_editing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
