#include "tui/args.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"

void args_release(struct args *a)
{
	free(a->values);
	free(a->operands);
	memset(a, 0, sizeof *a);
}

static const struct opt_spec *find_spec(const struct args_spec *spec, const char *name, size_t len)
{
	for (const struct opt_spec *o = spec->opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

/* The index of text among choices ("table|tsv"), or -1. */
static int choice_index(const char *choices, const char *text)
{
	size_t len = strlen(text);
	int i = 0;
	for (const char *p = choices; *p; i++) {
		size_t n = strcspn(p, "|");
		if (n == len && strncmp(p, text, n) == 0)
			return i;
		p += n + (p[n] == '|');
	}
	return -1;
}

/* "expected table, md, csv or html" from "table|md|csv|html". */
static int choice_error(char *err, const struct opt_spec *o, const char *text)
{
	char list[256];
	size_t w = 0, n_choices = 1;
	for (const char *p = o->choices; *p; p++)
		n_choices += *p == '|';
	size_t i = 0;
	for (const char *p = o->choices; *p && w < sizeof list; i++) {
		size_t n = strcspn(p, "|");
		const char *sep = i == 0 ? "" : i + 1 == n_choices ? (VI ? " hoặc " : " or ") : ", ";
		w += (size_t)snprintf(list + w, sizeof list - w, "%s%.*s", sep, (int)n, p);
		p += n + (p[n] == '|');
	}
	if (VI)
		return err_set(err, "--%s '%.80s': cần là %s", o->name, text, list);
	return err_set(err, "--%s '%.80s': expected %s", o->name, text, list);
}

/* Checks text as a value of o into v. */
static int read_value(const struct opt_spec *o, const char *text, struct arg_value *v, char *err)
{
	char sub[ERR_MAX];
	char *end;
	v->text = text;
	switch (o->type) {
	case OPT_FLAG:
	case OPT_TEXT:
		return 0;
	case OPT_FILE:
		if (!*text)
			return VI ? err_set(err, "--%s cần tên tệp", o->name) : err_set(err, "--%s needs a file name", o->name);
		return 0;
	case OPT_DATE:
		if (date_parse(text, &v->day, sub))
			return err_set(err, "--%s: %s", o->name, sub);
		return 0;
	case OPT_ID:
		v->id = strtoll(text, &end, 10);
		if ((*text == '\0' || *end != '\0' || v->id <= 0) && VI)
			return err_set(err, "--%s '%.80s' không phải số dương", o->name, text);
		if (*text == '\0' || *end != '\0' || v->id <= 0)
			return err_set(err, "--%s '%.80s' is not a positive number", o->name, text);
		return 0;
	case OPT_CHOICE:
		v->choice = choice_index(o->choices, text);
		return v->choice < 0 ? choice_error(err, o, text) : 0;
	}
	return 0;
}

/* Reads the option word argv[*i] (and its value, maybe the next word). */
static int read_option(struct args *a, int argc, char **argv, int *i, char *err)
{
	const char *word = argv[*i];
	const char *name = word + 2, *eq = word[1] == '-' ? strchr(name, '=') : NULL;
	const struct opt_spec *o = word[1] == '-' ? find_spec(a->spec, name, eq ? (size_t)(eq - name) : strlen(name))
						  : NULL;
	if (!o)
		return VI ? err_set(err, "không có tuỳ chọn '%.80s'", word) : err_set(err, "unknown option '%.80s'", word);
	struct arg_value v = { .spec = o };
	const char *text = NULL;
	if (o->type == OPT_FLAG) {
		if (eq)
			return VI ? err_set(err, "tuỳ chọn '--%s' không nhận giá trị", o->name)
				  : err_set(err, "option '--%s' takes no value", o->name);
	} else if (eq) {
		text = eq + 1;
	} else if (*i + 1 < argc) {
		text = argv[++*i];
	} else {
		return VI ? err_set(err, "tuỳ chọn '--%s' cần một giá trị", o->name)
			  : err_set(err, "option '--%s' needs a value", o->name);
	}
	if (text && read_value(o, text, &v, err))
		return ARGS_BAD_VALUE;
	xgrow((void **)&a->values, &a->cap_values, a->n_values + 1, sizeof *a->values);
	a->values[a->n_values++] = v;
	return 0;
}

static int check_operands(const struct args *a, char *err)
{
	const struct args_spec *spec = a->spec;
	if (a->n_operands < spec->lower)
		return err_set(err, "%s", spec->missing[LANG_EN] ? spec->missing[i18n_messages()]
			       : VI ? "thiếu tham số" : "missing an argument");
	if (spec->upper >= 0 && a->n_operands > spec->upper) {
		char first[96];
		snprintf(first, sizeof first, "%.80s", a->operands[spec->upper]);
		const char *fmt = spec->extra[LANG_EN] ? spec->extra[i18n_messages()]
			: VI ? "thừa tham số '%s'" : "unexpected argument '%s'";
		return err_set(err, fmt, first);
	}
	return 0;
}

int args_parse(struct args *a, const struct args_spec *spec, int argc, char **argv, char *err)
{
	bool options = true;
	memset(a, 0, sizeof *a);
	a->spec = spec;
	a->operands = xmalloc(((size_t)argc + 1) * sizeof *a->operands);
	int i;
	for (i = 0; i < argc; i++) {
		const char *word = argv[i];
		if (options && strcmp(word, "--") == 0) {
			options = false;
		} else if (options && word[0] == '-' && word[1] != '\0') {
			int rc = read_option(a, argc, argv, &i, err);
			if (rc)
				return rc;
		} else if (spec->stop_at_operand) {
			break;
		} else {
			a->operands[a->n_operands++] = argv[i];
		}
	}
	a->used = i;
	a->operands[a->n_operands] = NULL;
	return spec->stop_at_operand ? 0 : check_operands(a, err);
}

/* The last value given for name, or NULL. */
static const struct arg_value *last(const struct args *a, const char *name)
{
	assert(find_spec(a->spec, name, strlen(name)) && "an option the command does not declare");
	for (size_t i = a->n_values; i-- > 0;)
		if (strcmp(a->values[i].spec->name, name) == 0)
			return &a->values[i];
	return NULL;
}

bool args_has(const struct args *a, const char *name) { return last(a, name) != NULL; }

const char *args_text(const struct args *a, const char *name, const char *fallback)
{
	const struct arg_value *v = last(a, name);
	return v ? v->text : fallback;
}

civil_day args_date(const struct args *a, const char *name, civil_day fallback)
{
	const struct arg_value *v = last(a, name);
	assert(!v || v->spec->type == OPT_DATE);
	return v ? v->day : fallback;
}

int64_t args_id(const struct args *a, const char *name, int64_t fallback)
{
	const struct arg_value *v = last(a, name);
	assert(!v || v->spec->type == OPT_ID);
	return v ? v->id : fallback;
}

int args_choice(const struct args *a, const char *name, int fallback)
{
	const struct arg_value *v = last(a, name);
	assert(!v || v->spec->type == OPT_CHOICE);
	return v ? v->choice : fallback;
}

size_t args_count(const struct args *a, const char *name)
{
	size_t n = 0;
	assert(find_spec(a->spec, name, strlen(name)));
	for (size_t i = 0; i < a->n_values; i++)
		n += strcmp(a->values[i].spec->name, name) == 0;
	return n;
}

const char *args_nth(const struct args *a, const char *name, size_t k)
{
	for (size_t i = 0; i < a->n_values; i++)
		if (strcmp(a->values[i].spec->name, name) == 0 && k-- == 0)
			return a->values[i].text;
	return NULL;
}
