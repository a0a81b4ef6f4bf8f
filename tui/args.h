/* args: the one option parser of the command line. A command (and the
 * program's own global options) describes its options in a table of
 * opt_spec and its operands in an args_spec; args_parse() reads argv
 * against it, checks every value by its type (a date, a positive id, one of
 * a few words, a file name) and keeps what it read for the command to ask:
 * args_has(), args_text(), args_date() ... The command then does its work
 * only. The way git's parse_options and tmux's args_parse work.
 *
 * Words: "--name VALUE" or "--name=VALUE"; options may come before, between
 * or after the operands; "--" ends the options; "-" alone is an operand. An
 * option given twice keeps the last value, unless it is OPT_MANY (each value
 * kept, in order). No terminal, no database: unit-tested in test_args.c. */
#ifndef HANCHOT_ARGS_H
#define HANCHOT_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum opt_type {
	OPT_FLAG,   /* --open: no value */
	OPT_TEXT,   /* --reason TEXT: any text, "" too */
	OPT_FILE,   /* --out FILE: a non-empty name */
	OPT_DATE,   /* --due DATE: any spelling date_parse() reads */
	OPT_ID,     /* --document ID: a positive number */
	OPT_CHOICE, /* --format table|tsv: one of choices */
};

enum { OPT_MANY = 1 << 0 }; /* opt_spec.flags: may be given more than once */

struct opt_spec {
	const char *name;    /* "due" for --due; NULL ends a table */
	enum opt_type type;
	const char *choices; /* OPT_CHOICE: "table|tsv"; args_choice() is the index */
	unsigned flags;
};

/* What a command accepts: options, then how many operands. */
struct args_spec {
	const struct opt_spec *opts; /* may be NULL: no options */
	int lower, upper;            /* operands allowed; upper -1: no limit */
	const char *missing[2];      /* fewer than lower: the message, [LANG_VI] and
					[LANG_EN] (one language at a time) */
	const char *extra[2];        /* more than upper: the message in each language,
					with one %s for the first operand too many
					("unexpected argument '%s'" when NULL) */
	bool stop_at_operand;        /* the first operand ends the options (global options
					before a command) */
};

struct arg_value {
	const struct opt_spec *spec;
	const char *text; /* the value as given (pointing into argv); NULL for a flag */
	civil_day day;    /* OPT_DATE */
	int64_t id;       /* OPT_ID */
	int choice;       /* OPT_CHOICE: index in choices */
};

/* What args_parse read. Owns its arrays, not the strings (argv's). */
struct args {
	const struct args_spec *spec;
	struct arg_value *values; /* in the order given */
	size_t n_values, cap_values;
	char **operands;
	int n_operands;
	int used; /* words read: with stop_at_operand, the index of the first operand */
};

/* Reads argv[0, argc) (without the program's or command's name) against
 * spec into a (which args_release() frees, whatever the result). Returns 0,
 * or with a one-line message naming the bad word: ARGS_MISUSE for words the
 * command does not take ("unknown option '--x'", "missing FILE": the caller
 * shows the usage too), ARGS_BAD_VALUE for a value that is not what its
 * option takes ("--due: date '31/2/2024': february 2024 has only 29 days",
 * "--format 'pdf': expected table or tsv"). */
enum { ARGS_MISUSE = -1, ARGS_BAD_VALUE = -2 };
int args_parse(struct args *a, const struct args_spec *spec, int argc, char **argv, char *err);
void args_release(struct args *a);

/* The values of option `name`, which must be in the spec (asserted). The
 * last one given counts; fallback when it was not given. */
bool args_has(const struct args *a, const char *name);
const char *args_text(const struct args *a, const char *name, const char *fallback);
civil_day args_date(const struct args *a, const char *name, civil_day fallback);
int64_t args_id(const struct args *a, const char *name, int64_t fallback);
int args_choice(const struct args *a, const char *name, int fallback);
/* An OPT_MANY option: how many times it was given, and the i-th value. */
size_t args_count(const struct args *a, const char *name);
const char *args_nth(const struct args *a, const char *name, size_t i);

#endif
