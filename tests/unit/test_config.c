#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/config.h"
#include "core/err.h"

static int parse(struct config *c, const char *text, char *err)
{
	return config_parse(c, text, strlen(text), "test.conf", err);
}

static void test_defaults(void **state)
{
	(void)state;
	struct config c;
	config_init(&c);
	assert_int_equal(c.lang, LANG_VI);
	assert_int_equal(c.warning_days, 3);
	assert_false(c.before_means_day_before);
	assert_string_equal(c.alarms, "-PT15H");
	assert_null(c.export_file);
	config_release(&c);
}

static void test_values(void **state)
{
	(void)state;
	struct config c;
	char err[ERR_MAX];
	config_init(&c);
	assert_int_equal(parse(&c, "# comment\n\nlanguage = en\r\nwarning_days=5\n  color = no\n"
				   "export_file = /tmp/a b.ics\nkey.done = x\nkey.quit = F10\n", err), 0);
	assert_int_equal(c.lang, LANG_EN);
	assert_int_equal(c.warning_days, 5);
	assert_false(c.color);
	assert_string_equal(c.export_file, "/tmp/a b.ics");
	assert_null(c.publish_url);
	assert_false(c.publish_allow_http);
	assert_int_equal(c.n_bindings, 2);
	assert_string_equal(c.bindings[1].action, "quit");
	assert_string_equal(c.bindings[1].key, "F10");
	assert_int_equal(c.bindings[1].line, 8);
	assert_string_equal(c.path, "test.conf");
	assert_int_equal(parse(&c, "publish_url = https://cloud.example.org/remote.php/dav/calendars/thuy/hanchot/\n"
				   "publish_user = thuy\npublish_password_file = /home/thuy/.pw\npublish_allow_http = yes\n", err), 0);
	assert_string_equal(c.publish_url, "https://cloud.example.org/remote.php/dav/calendars/thuy/hanchot/");
	assert_string_equal(c.publish_user, "thuy");
	assert_string_equal(c.publish_password_file, "/home/thuy/.pw");
	assert_true(c.publish_allow_http);
	config_release(&c);
}

/* One language at a time: the same errors in Vietnamese when it is chosen. */
static void test_errors_in_vietnamese(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "language = en\nwarnig_days = 3\n", "cấu hình 'test.conf', dòng 2: không có khoá 'warnig_days'" },
		{ "warning_days = abc\n", "cấu hình 'test.conf', dòng 1: khoá 'warning_days': giá trị 'abc' không phải số nguyên từ 0 đến 60" },
		{ "color = maybe\n", "khoá 'color': giá trị 'maybe' không phải true hoặc false" },
		{ "just words\n", "dòng 1: cần dạng 'khoá = giá trị', gặp 'just words'" },
	};
	i18n_set_messages(LANG_VI);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config c;
		char err[ERR_MAX] = "";
		config_init(&c);
		assert_int_equal(parse(&c, cases[i].text, err), -1);
		config_release(&c);
		if (!strstr(err, cases[i].msg))
			fail_msg("case %zu: got '%s'", i, err);
	}
	i18n_set_messages(LANG_EN);
}

static void test_errors_name_file_line_key(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "language = en\nwarnig_days = 3\n", "config 'test.conf', line 2: unknown key 'warnig_days'" },
		{ "warning_days = abc\n", "config 'test.conf', line 1: key 'warning_days': value 'abc' is not a whole number from 0 to 60" },
		{ "warning_days = 61\n", "value '61' is not a whole number from 0 to 60" },
		{ "warning_days = \n", "value '' is not a whole number" },
		{ "\n\ncolor = maybe\n", "line 3: key 'color': value 'maybe' is not true or false" },
		{ "language = fr\n", "key 'language': value 'fr' is not vi or en" },
		{ "date_format = mdy\n", "key 'date_format': value 'mdy' is not dmy or iso" },
		{ "export_kind = journal\n", "key 'export_kind': value 'journal' is not one of event|todo|both" },
		{ "just words\n", "line 1: expected 'key = value'" },
		{ "key.done =\n", "key 'key.done': no key given" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config c;
		char err[ERR_MAX] = "";
		config_init(&c);
		assert_int_equal(parse(&c, cases[i].text, err), -1);
		if (!strstr(err, cases[i].msg))
			fail_msg("case %zu: got '%s'", i, err);
		/* Nothing of a bad file is applied. */
		assert_int_equal(c.lang, LANG_VI);
		assert_int_equal(c.warning_days, 3);
		assert_null(c.path);
		config_release(&c);
	}
}

static void test_shipped_file_is_the_defaults(void **state)
{
	(void)state;
	struct config shipped, defaults;
	char err[ERR_MAX];
	config_init(&shipped);
	config_init(&defaults);
	assert_int_equal(config_load(&shipped, "../config/hanchot.conf", false, err), 0);
	assert_int_equal(shipped.lang, defaults.lang);
	assert_int_equal(shipped.warning_days, defaults.warning_days);
	assert_int_equal(shipped.working_day_countdown, defaults.working_day_countdown);
	assert_int_equal(shipped.before_means_day_before, defaults.before_means_day_before);
	assert_int_equal(shipped.color, defaults.color);
	assert_string_equal(shipped.alarms, defaults.alarms);
	assert_string_equal(shipped.export_kind, defaults.export_kind);
	assert_null(shipped.export_file);
	assert_int_equal(shipped.backup_count, defaults.backup_count);
	config_release(&shipped);
	config_release(&defaults);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct config c;
	char err[ERR_MAX];
	config_init(&c);
	assert_int_equal(config_load(&c, "/nonexistent/hanchot.conf", true, err), 0);
	assert_int_equal(config_load(&c, "/nonexistent/hanchot.conf", false, err), -1);
	assert_non_null(strstr(err, "config '/nonexistent/hanchot.conf': No such file"));
	config_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors_name_file_line_key),
		cmocka_unit_test(test_errors_in_vietnamese),
		cmocka_unit_test(test_shipped_file_is_the_defaults),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
