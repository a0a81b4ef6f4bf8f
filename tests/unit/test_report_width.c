/* The table format lines its columns up by display width: whatever script
 * a cell holds (Vietnamese, wide CJK, combining marks, zero-width and
 * invalid bytes), each column starts at the same display column on every
 * line, as text_width() measures it. */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/report.h"
#include "core/report_format.h"
#include "core/text.h"

static const char *const texts[] = {
	"Sở Tài chính",        /* Vietnamese: U+1EDF and Latin-1 */
	"Ủy ban Ỹ ỹ",          /* U+1EE6, U+1EF8 (the end of the fast path's block) */
	"漢字 Hà",             /* wide */
	"\xe1\x84\x80 jamo",     /* U+1100, wide: the same lead byte as Vietnamese */
	"e\xcc\x81 tone",      /* a combining acute */
	"a\xc2\xa0" "b",       /* no-break space */
	"Ḁ ḁ",                 /* U+1E00: before the Vietnamese block */
	"Жук",                 /* Cyrillic */
	"\xca\xbc" "apostrophe", /* U+02BC */
	"x\xe2\x80\x8by",      /* zero-width space */
	"bad \xff byte",       /* invalid UTF-8 */
	"c1 \xc2\x85 control", /* NEL, cleaned to a space */
	"",
	"plain",
};
#define N (sizeof texts / sizeof texts[0])

/* The display column where the due date (dd/mm/2024) starts on line. */
static long due_column(const char *line)
{
	const char *p = strstr(line, "/2024");
	if (!p || p - line < 5)
		return -1;
	return (long)text_width(line, (size_t)(p - 5 - line));
}

static void test_table_columns(void **state)
{
	(void)state;
	struct report r;
	report_init(&r);
	r.as_of = date_from_ymd(2024, 6, 1);
	r.overdue = calloc(N * N, sizeof *r.overdue);
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < N; j++) {
			struct report_line *l = &r.overdue[r.n_overdue++];
			l->task_id = (int64_t)(i * N + j + 1);
			l->section = strdup(texts[i]);
			l->summary = strdup(texts[j]);
			l->leads = strdup(texts[(i + j) % N]);
			l->status = STATUS_IN_PROGRESS;
			l->cls = CLASS_OVERDUE;
			l->due = date_from_ymd(2024, 5, 1 + (int)(j % 28));
			l->completed = DATE_NONE;
			l->days_late = (int)(r.as_of - l->due);
		}
	char *buf = NULL, err[ERR_MAX];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(report_write(f, &r, REPORT_TABLE, LANG_EN, err), 0);
	fclose(f);
	/* The overdue table: its header line starts with "ID"; the column
	 * after the lead ("Due") starts where every row's date does. */
	char *list = strstr(buf, "\nOverdue tasks (");
	assert_non_null(list);
	char *head = strchr(list + 1, '\n') + 1;
	char *due_head = strstr(head, "Due");
	assert_non_null(due_head);
	long want = (long)text_width(head, (size_t)(due_head - head));
	size_t rows = 0;
	for (char *line = strchr(head, '\n') + 1; *line; rows++) {
		char *end = strchr(line, '\n');
		assert_non_null(end);
		*end = '\0';
		if (rows > 0) { /* after the rule */
			long got = due_column(line);
			if (got != want)
				fail_msg("row %zu: due date at column %ld, want %ld: %s", rows, got, want, line);
		}
		line = end + 1;
	}
	assert_int_equal(rows, N * N + 1);
	free(buf);
	report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
