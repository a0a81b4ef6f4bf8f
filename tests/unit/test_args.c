/* The command line's one option parser (tui/args) and the command table it
 * reads: table-driven, no database, no terminal. */
#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "tui/args.h"
#include "tui/cli.h"

static const struct opt_spec opts[] = {
	{ "due", OPT_DATE, NULL, 0 },
	{ "lead", OPT_TEXT, NULL, OPT_MANY },
	{ "out", OPT_FILE, NULL, 0 },
	{ "document", OPT_ID, NULL, 0 },
	{ "format", OPT_CHOICE, "table|md|csv|html", 0 },
	{ "open", OPT_FLAG, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};
static const struct args_spec one_file = { opts, 1, 1, { "thiếu tệp", "missing FILE" }, { "chỉ một tệp, không thêm '%s'", "give one FILE, not '%s' too" }, false };

/* Splits line at spaces into argv (no quoting: the cases need none). */
static int split(char *line, char **argv)
{
	int n = 0;
	for (char *w = strtok(line, " "); w; w = strtok(NULL, " "))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

/* Each line is parsed; a refused one gives exactly this message. */
static void refused(void **state)
{
	(void)state;
	enum { M = ARGS_MISUSE, V = ARGS_BAD_VALUE };
	static const struct {
		const char *line;
		int rc;
		const char *message;
	} rows[] = {
		{ "f --bogus", M, "unknown option '--bogus'" },
		{ "f -x", M, "unknown option '-x'" },
		{ "f --due", M, "option '--due' needs a value" },
		{ "f --open=yes", M, "option '--open' takes no value" },
		{ "f --due 31/2/2024", V, "--due: date '31/2/2024': february 2024 has only 29 days" },
		{ "f --document 0", V, "--document '0' is not a positive number" },
		{ "f --document 7x", V, "--document '7x' is not a positive number" },
		{ "f --format pdf", V, "--format 'pdf': expected table, md, csv or html" },
		{ "f --out=", V, "--out needs a file name" },
		{ "--open", M, "missing FILE" },
		{ "f g", M, "give one FILE, not 'g' too" },
		{ "f -- --open", M, "give one FILE, not '--open' too" },
		{ "f --du 1/1/2024", M, "unknown option '--du'" }, /* no abbreviations */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char line[128], *argv[16], err[ERR_MAX] = "";
		struct args a;
		snprintf(line, sizeof line, "%s", rows[i].line);
		int argc = split(line, argv);
		int rc = args_parse(&a, &one_file, argc, argv, err);
		if (rc != rows[i].rc || strcmp(err, rows[i].message) != 0)
			fail_msg("'%s': rc %d, message '%s', expected %d '%s'", rows[i].line, rc, err, rows[i].rc,
				 rows[i].message);
		args_release(&a);
	}
}

static void values(void **state)
{
	(void)state;
	char line[] = "--lead A f.ics --due=14/5/2024 --lead B --format csv --format=md --open --document 12";
	char *argv[16], err[ERR_MAX];
	struct args a;
	int argc = split(line, argv);
	assert_int_equal(args_parse(&a, &one_file, argc, argv, err), 0);
	assert_int_equal(a.n_operands, 1);
	assert_string_equal(a.operands[0], "f.ics");
	assert_int_equal(args_date(&a, "due", DATE_NONE), date_from_ymd(2024, 5, 14));
	assert_string_equal(args_text(&a, "due", NULL), "14/5/2024");
	assert_int_equal(args_count(&a, "lead"), 2);
	assert_string_equal(args_nth(&a, "lead", 0), "A");
	assert_string_equal(args_nth(&a, "lead", 1), "B");
	assert_null(args_nth(&a, "lead", 2));
	assert_int_equal(args_choice(&a, "format", -1), 1); /* the last one given */
	assert_true(args_has(&a, "open"));
	assert_int_equal(args_id(&a, "document", 0), 12);
	assert_false(args_has(&a, "out"));
	assert_string_equal(args_text(&a, "out", "-"), "-");
	args_release(&a);

	/* "-" is an operand; "--" ends the options */
	char line2[] = "-- -";
	argc = split(line2, argv);
	assert_int_equal(args_parse(&a, &one_file, argc, argv, err), 0);
	assert_string_equal(a.operands[0], "-");
	args_release(&a);
}

/* Global options stop at the first operand: the command's name. */
static void stop_at_operand(void **state)
{
	(void)state;
	static const struct opt_spec global[] = { { "db", OPT_TEXT, NULL, 0 }, { NULL, 0, NULL, 0 } };
	static const struct args_spec spec = { global, 0, -1, { NULL, NULL }, { NULL, NULL }, true };
	char line[] = "--db x.db list --db y.db";
	char *argv[8], err[ERR_MAX];
	struct args a;
	int argc = split(line, argv);
	assert_int_equal(args_parse(&a, &spec, argc, argv, err), 0);
	assert_int_equal(a.used, 2);
	assert_string_equal(args_text(&a, "db", NULL), "x.db");
	args_release(&a);
}

/* Every command's entry is whole, its options named once, and its choices
 * well formed: a table mistake shows here, not when a user types it. */
static void command_table(void **state)
{
	(void)state;
	const struct cmd_entry *const all[] = {
		&cmd_add_entry, &cmd_list_entry, &cmd_done_entry, &cmd_reopen_entry, &cmd_status_entry,
		&cmd_cancel_entry, &cmd_extend_entry, &cmd_import_entry, &cmd_export_entry, &cmd_report_entry,
		&cmd_holidays_entry, &cmd_agencies_entry, &cmd_apply_successors_entry, &cmd_backup_entry,
		&cmd_restore_entry,
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const struct cmd_entry *e = all[i];
		assert_non_null(e->exec);
		assert_int_equal(strncmp(e->usage, e->name, strlen(e->name)), 0);
		assert_true(e->args.upper < 0 || e->args.upper >= e->args.lower);
		if (e->args.lower > 0)
			assert_non_null(e->args.missing);
		for (const struct opt_spec *o = e->args.opts; o && o->name; o++) {
			char word[64];
			snprintf(word, sizeof word, "--%s", o->name);
			if (!strstr(e->usage, word))
				fail_msg("%s: %s missing from its usage line", e->name, word);
			assert_true((o->type == OPT_CHOICE) == (o->choices != NULL));
			for (const struct opt_spec *p = o + 1; p->name; p++)
				assert_string_not_equal(o->name, p->name);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused),
		cmocka_unit_test(values),
		cmocka_unit_test(stop_at_operand),
		cmocka_unit_test(command_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
