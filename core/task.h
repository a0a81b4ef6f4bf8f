/* task: one assignment to follow, as a plain value.
 *
 * struct task holds everything the screens, reports and exports show about a
 * task; db/ fills it, core computes on it. It owns its strings: task_init()
 * zeroes, task_release() frees them (and leaves the struct re-initialised). */
#ifndef HANCHOT_TASK_H
#define HANCHOT_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

/* How exactly the deadline is known. A month/quarter/half-year/year deadline
 * falls due on that period's last day. */
enum due_precision {
	PRECISION_NONE,
	PRECISION_DAY,
	PRECISION_MONTH,
	PRECISION_QUARTER,
	PRECISION_HALF_YEAR,
	PRECISION_YEAR,
	PRECISION_COUNT
};

/* Stored names: "none", "day", "month", "quarter", "half-year", "year". */
const char *precision_name(enum due_precision p);
int precision_parse(const char *name, enum due_precision *out);

#define TASK_UUID_LEN 36

struct task {
	int64_t id;
	int64_t document_id;      /* 0: entered by hand */
	char *section;            /* "I.2.2 (5)", never NULL after db load */
	char *summary;
	char *full_text;
	civil_day due;            /* DATE_NONE: no deadline */
	enum due_precision precision;
	char *due_phrase;         /* the words the deadline came from */
	char *recurrence;         /* NULL: not recurring */
	enum task_status status;
	civil_day completed;      /* DATE_NONE unless done */
	char uuid[TASK_UUID_LEN + 1];
	int64_t version;          /* bumped on every change */
	int64_t updated_at;       /* unix seconds of the last change */
	char **leads;             /* lead agency names, in document order */
	size_t n_leads;
	char **cooperating;
	size_t n_cooperating;
	char *document_label;     /* "Thông báo 123/TB-UBND ngày 25/04/2024", or NULL */
	/* What the calendar shows of the leads: their short names ("Sở KH&ĐT"),
	 * the name itself where an agency has none, joined "; "; NULL: not read
	 * (the names in leads are shown). */
	char *lead_label;
	/* When the current deadline came from an extension: the deadline it
	 * replaced and the reason given; DATE_NONE / NULL otherwise or not read. */
	civil_day extended_from;
	char *extend_reason;
};

void task_init(struct task *t);
void task_release(struct task *t);
/* Replaces *field with a copy of value (NULL stays NULL). */
void task_set_str(char **field, const char *value);
void task_add_lead(struct task *t, const char *name);
void task_add_cooperating(struct task *t, const char *name);
/* Names joined with sep, newly allocated ("" when none). */
char *task_join(char *const *names, size_t n, const char *sep);

#endif
