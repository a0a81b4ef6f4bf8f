#include "core/task.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static const char *const precision_names[PRECISION_COUNT] = {
	"none", "day", "month", "quarter", "half-year", "year",
};

const char *precision_name(enum due_precision p)
{
	return (unsigned)p < PRECISION_COUNT ? precision_names[p] : "none";
}

int precision_parse(const char *name, enum due_precision *out)
{
	for (int i = 0; i < PRECISION_COUNT; i++)
		if (name && strcmp(name, precision_names[i]) == 0) {
			*out = (enum due_precision)i;
			return 0;
		}
	return -1;
}

void task_init(struct task *t)
{
	memset(t, 0, sizeof *t);
	t->due = DATE_NONE;
	t->completed = DATE_NONE;
	t->extended_from = DATE_NONE;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void task_release(struct task *t)
{
	free(t->section);
	free(t->summary);
	free(t->full_text);
	free(t->due_phrase);
	free(t->recurrence);
	free(t->document_label);
	free(t->lead_label);
	free(t->extend_reason);
	free_names(t->leads, t->n_leads);
	free_names(t->cooperating, t->n_cooperating);
	task_init(t);
}

void task_set_str(char **field, const char *value)
{
	free(*field);
	*field = value ? xstrdup(value) : NULL;
}

static void push_name(char ***names, size_t *n, const char *name)
{
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(name);
}

void task_add_lead(struct task *t, const char *name) { push_name(&t->leads, &t->n_leads, name); }

void task_add_cooperating(struct task *t, const char *name)
{
	push_name(&t->cooperating, &t->n_cooperating, name);
}

char *task_join(char *const *names, size_t n, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + seplen;
	char *out = xmalloc(len), *p = out;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		size_t l = strlen(names[i]);
		memcpy(p, names[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}
