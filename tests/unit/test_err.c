/* err: the system's reason in the messages' language (one language at a time). */
#include "tests/unit/testutil.h"

#include <errno.h>

#include "core/i18n.h"

static void test_reason_follows_the_language(void **state)
{
	(void)state;
	char err[ERR_MAX];
	assert_string_equal(err_reason(ENOENT), strerror(ENOENT));
	i18n_set_messages(LANG_VI);
	assert_string_equal(err_reason(ENOENT), "không có tệp hoặc thư mục này");
	assert_string_equal(err_reason(EACCES), "không có quyền truy cập");
	assert_string_equal(err_reason(ENOSPC), "ổ đĩa đã đầy");
	/* one not in the list still says no English */
	assert_string_equal(err_reason(ECHILD), "lỗi hệ thống số 10");
	/* and a missing file read by the core says so in Vietnamese */
	char *data;
	size_t len;
	assert_int_equal(file_read_all("/nonexistent-hanchot/x", 100, &data, &len, err), -1);
	assert_string_equal(err, "không có tệp hoặc thư mục này");
	i18n_set_messages(LANG_EN);
	assert_string_equal(err_reason(EACCES), strerror(EACCES));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reason_follows_the_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
