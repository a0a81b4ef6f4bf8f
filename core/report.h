/* report: where every agency stands on a given day — the figures of the
 * monthly follow-up report (issue 7) and of the TUI report screen.
 *
 * The caller (db/report.c) gives the tasks as they stood on the report day
 * (status, due date and completion day already replayed from the audit trail
 * when the day is in the past) and their agency assignments; report_compute()
 * classifies each task with status_classify() on that day and counts.
 *
 * What the figures mean (the numbers a meeting will quote):
 *  - A task is counted in the row of each agency that leads it; with
 *    `cooperating`, also in the row of each agency that cooperates on it. An
 *    agency is counted once per task even when it has both roles.
 *  - "Tổng cộng" / "Total" counts each task once. When a task has several
 *    lead agencies (or `cooperating` is on), the rows add up to more than the
 *    total; report.shared_tasks is then true and the formats say so.
 *  - counts.total is every task in the row, all classes including cancelled,
 *    so a row's class columns add up to it.
 *  - The share done on time is done_on_time / (done_on_time + done_late), in
 *    tenths of a percent, over the tasks that are done on the report day; it
 *    is undefined (-1) when none is done.
 *  - The summary sentence "còn 13/43 việc đang triển khai quá hạn": 13 is the
 *    number of open tasks (not done, not cancelled) whose due date, as
 *    extended by that day, is before the report day (class quá hạn); 43 is
 *    the number of tasks assigned on that day in the report's scope, minus the
 *    cancelled ones (counts.total - n[CLASS_CANCELLED] of the total row).
 *
 * Ownership: struct report owns every string and array in it; report_init()
 * zeroes it, report_release() frees it. Nothing here can fail except by
 * running out of memory, which is fatal (xalloc). */
#ifndef HANCHOT_REPORT_H
#define HANCHOT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/i18n.h"
#include "core/status.h"

/* --- input: tasks as they stood on the report day ---------------------- */

struct report_task {
	int64_t id;
	enum task_status status; /* on the report day */
	civil_day due;           /* on the report day (after extensions up to it) */
	civil_day completed;     /* completion day when done, else DATE_NONE */
	const char *section;     /* borrowed from the caller; may be NULL */
	const char *summary;     /* borrowed; may be NULL */
};

enum report_role { REPORT_LEAD, REPORT_COOPERATING };

/* One agency's role on one task. `task` and `agency` index the arrays of
 * struct report_input; `position` orders lead names as the document wrote them. */
struct report_assign {
	size_t task, agency;
	enum report_role role;
	int position;
};

struct report_agency {
	int64_t id;
	const char *name; /* borrowed */
};

struct report_input {
	const struct report_task *tasks;
	size_t n_tasks;
	const struct report_agency *agencies; /* rows come out in this order */
	size_t n_agencies;
	const struct report_assign *assigns;
	size_t n_assigns;
};

struct report_options {
	civil_day as_of;       /* the report day: classification "today" */
	civil_day warn_until;  /* last day of the due-soon window from as_of */
	bool cooperating;      /* count cooperating roles too */
	int64_t only_agency;   /* non-zero: only this agency's row (id) */
	bool list_all;         /* also fill report.tasks with every task (follow-up list) */
};

/* --- output: the figures ----------------------------------------------- */

struct report_counts {
	unsigned n[CLASS_COUNT];
	unsigned total; /* sum of n[] */
};

struct report_row {
	int64_t agency_id;
	char *agency;
	struct report_counts counts;
};

/* One task in the overdue list or the follow-up list. */
struct report_line {
	int64_t task_id;
	char *section;  /* never NULL */
	char *summary;  /* never NULL */
	char *leads;    /* lead names joined with "; ", never NULL */
	enum task_status status;
	enum task_class cls;
	civil_day due, completed;
	int days_late;  /* as_of - due for an overdue task, completed - due when done late, else 0 */
};

struct report {
	civil_day as_of;
	bool historical;        /* replayed from the audit trail (--as-of) */
	bool cooperating;
	bool shared_tasks;      /* rows add up to more than the total (see above) */
	char *scope;            /* what the report covers, set by the caller; may be NULL */
	struct report_row *rows;
	size_t n_rows;
	struct report_counts total;
	struct report_line *overdue; /* most days late first, then id */
	size_t n_overdue;
	struct report_line *tasks;   /* every task, by id (only with list_all) */
	size_t n_tasks;
	bool has_task_list;
};

void report_init(struct report *r);
void report_release(struct report *r);

/* Fills r (initialised, empty) from in. Cannot fail. */
void report_compute(struct report *r, const struct report_input *in, const struct report_options *opt);

/* The share done on time in tenths of a percent (0..1000), or -1 when no task
 * is done. Rounded half up. */
int report_on_time_permille(const struct report_counts *c);
/* "66,7%" (vi) / "66.7%" (en) / "—" when undefined, into buf (>= 16 bytes). */
char *report_format_share(const struct report_counts *c, enum lang lang, char *buf);

/* The two numbers of the summary sentence (see the header comment). */
unsigned report_overdue_open(const struct report *r);
unsigned report_assigned(const struct report *r);

/* The summary sentence, newly allocated:
 * "Tính đến ngày 17/05/2024, còn 13/43 việc đang triển khai quá hạn."
 * "As of 17/05/2024, 13/43 tasks still being carried out are overdue." */
char *report_summary(const struct report *r, enum lang lang);

#endif
