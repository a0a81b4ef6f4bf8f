#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void report_init(struct report *r)
{
	memset(r, 0, sizeof *r);
	r->as_of = DATE_NONE;
}

static void release_lines(struct report_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(lines[i].section);
		free(lines[i].summary);
		free(lines[i].leads);
	}
	free(lines);
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n_rows; i++)
		free(r->rows[i].agency);
	free(r->rows);
	release_lines(r->overdue, r->n_overdue);
	release_lines(r->tasks, r->n_tasks);
	free(r->scope);
	report_init(r);
}

static void count(struct report_counts *c, enum task_class cls)
{
	c->n[cls]++;
	c->total++;
}

/* Assignments grouped by task: first[i]..first[i+1] index `order`. */
struct by_task {
	size_t *first;
	size_t *order;
};

static void group_by_task(const struct report_input *in, struct by_task *g)
{
	g->first = xcalloc(in->n_tasks + 1, sizeof *g->first);
	g->order = xcalloc(in->n_assigns ? in->n_assigns : 1, sizeof *g->order);
	for (size_t i = 0; i < in->n_assigns; i++)
		g->first[in->assigns[i].task + 1]++;
	for (size_t i = 0; i < in->n_tasks; i++)
		g->first[i + 1] += g->first[i];
	size_t *fill = xcalloc(in->n_tasks + 1, sizeof *fill);
	for (size_t i = 0; i < in->n_assigns; i++) {
		size_t t = in->assigns[i].task;
		g->order[g->first[t] + fill[t]++] = i;
	}
	free(fill);
}

static char *join_leads(const struct report_input *in, const struct by_task *g, size_t task)
{
	size_t lo = g->first[task], hi = g->first[task + 1], len = 1;
	const struct report_assign *picked[64];
	size_t n = 0;
	for (size_t k = lo; k < hi && n < 64; k++) {
		const struct report_assign *a = &in->assigns[g->order[k]];
		if (a->role != REPORT_LEAD)
			continue;
		/* insertion by position: few leads per task */
		size_t j = n++;
		while (j > 0 && picked[j - 1]->position > a->position) {
			picked[j] = picked[j - 1];
			j--;
		}
		picked[j] = a;
		len += strlen(in->agencies[a->agency].name) + 2;
	}
	char *s = xmalloc(len);
	s[0] = '\0';
	for (size_t j = 0; j < n; j++) {
		if (j)
			strcat(s, "; ");
		strcat(s, in->agencies[picked[j]->agency].name);
	}
	return s;
}

static void fill_line(struct report_line *l, const struct report_input *in, const struct by_task *g,
		      size_t i, enum task_class cls, civil_day as_of)
{
	const struct report_task *t = &in->tasks[i];
	l->task_id = t->id;
	l->section = xstrdup(t->section ? t->section : "");
	l->summary = xstrdup(t->summary ? t->summary : "");
	l->leads = join_leads(in, g, i);
	l->status = t->status;
	l->cls = cls;
	l->due = t->due;
	l->completed = t->completed;
	l->days_late = 0;
	if (cls == CLASS_OVERDUE)
		l->days_late = (int)(as_of - t->due);
	else if (cls == CLASS_DONE_LATE)
		l->days_late = (int)(t->completed - t->due);
}

/* An overdue task, sorted before its line is made: the sort moves these
 * small keys instead of whole lines. */
struct overdue_key {
	int64_t id;
	int days_late;
	size_t task; /* index in the input */
};

/* Most days late first, then by id. */
static bool before(const struct overdue_key *x, const struct overdue_key *y)
{
	return x->days_late != y->days_late ? x->days_late > y->days_late : x->id < y->id;
}

/* A merge sort with the comparison inlined: qsort through a function
 * pointer cost more than the rest of the counting. */
static void sort_overdue(struct overdue_key *a, size_t n)
{
	struct overdue_key *tmp = xmalloc((n ? n : 1) * sizeof *tmp), *src = a, *dst = tmp;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = before(&src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct overdue_key *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	free(tmp);
}

void report_compute(struct report *r, const struct report_input *in, const struct report_options *opt)
{
	struct by_task g;
	/* per-agency counts, indexed like in->agencies */
	struct report_counts *acc = xcalloc(in->n_agencies ? in->n_agencies : 1, sizeof *acc);
	size_t *seen = xcalloc(in->n_agencies ? in->n_agencies : 1, sizeof *seen); /* task+1 last counted */
	struct overdue_key *late = NULL;
	size_t n_late = 0, cap_late = 0;

	group_by_task(in, &g);
	r->as_of = opt->as_of;
	r->cooperating = opt->cooperating;
	if (opt->list_all) {
		r->has_task_list = true;
		r->tasks = xcalloc(in->n_tasks ? in->n_tasks : 1, sizeof *r->tasks);
	}
	for (size_t i = 0; i < in->n_tasks; i++) {
		const struct report_task *t = &in->tasks[i];
		enum task_class cls = status_classify(t->status, t->due, t->completed, opt->as_of,
						      opt->warn_until);
		unsigned rows_hit = 0;
		for (size_t k = g.first[i]; k < g.first[i + 1]; k++) {
			const struct report_assign *a = &in->assigns[g.order[k]];
			if (a->role == REPORT_COOPERATING && !opt->cooperating)
				continue;
			if (opt->only_agency && in->agencies[a->agency].id != opt->only_agency)
				continue;
			if (seen[a->agency] == i + 1)
				continue;
			seen[a->agency] = i + 1;
			count(&acc[a->agency], cls);
			rows_hit++;
		}
		count(&r->total, cls);
		if (rows_hit > 1)
			r->shared_tasks = true;
		if (cls == CLASS_OVERDUE) {
			xgrow((void **)&late, &cap_late, n_late + 1, sizeof *late);
			late[n_late++] = (struct overdue_key){ t->id, (int)(opt->as_of - t->due), i };
		}
		if (opt->list_all)
			fill_line(&r->tasks[r->n_tasks++], in, &g, i, cls, opt->as_of);
	}
	sort_overdue(late, n_late);
	if (n_late) {
		r->overdue = xcalloc(n_late, sizeof *r->overdue);
		for (size_t k = 0; k < n_late; k++)
			fill_line(&r->overdue[r->n_overdue++], in, &g, late[k].task, CLASS_OVERDUE, opt->as_of);
	}
	free(late);

	size_t n_rows = 0;
	for (size_t a = 0; a < in->n_agencies; a++)
		n_rows += acc[a].total > 0;
	r->rows = xcalloc(n_rows ? n_rows : 1, sizeof *r->rows);
	for (size_t a = 0; a < in->n_agencies; a++) {
		if (acc[a].total == 0)
			continue;
		struct report_row *row = &r->rows[r->n_rows++];
		row->agency_id = in->agencies[a].id;
		row->agency = xstrdup(in->agencies[a].name);
		row->counts = acc[a];
	}
	free(acc);
	free(seen);
	free(g.first);
	free(g.order);
}

int report_on_time_permille(const struct report_counts *c)
{
	unsigned on = c->n[CLASS_DONE_ON_TIME], done = on + c->n[CLASS_DONE_LATE];
	if (done == 0)
		return -1;
	return (int)(((unsigned long long)on * 1000 + done / 2) / done);
}

char *report_format_share(const struct report_counts *c, enum lang lang, char *buf)
{
	int p = report_on_time_permille(c);
	if (p < 0)
		snprintf(buf, 16, "—");
	else
		snprintf(buf, 16, "%d%c%d%%", p / 10, lang == LANG_EN ? '.' : ',', p % 10);
	return buf;
}

unsigned report_overdue_open(const struct report *r) { return r->total.n[CLASS_OVERDUE]; }

unsigned report_assigned(const struct report *r)
{
	return r->total.total - r->total.n[CLASS_CANCELLED];
}

char *report_summary(const struct report *r, enum lang lang)
{
	char day[DATE_BUF];
	unsigned late = report_overdue_open(r), all = report_assigned(r);
	date_format_dmy(r->as_of, day);
	if (lang == LANG_EN) {
		if (all == 0)
			return xasprintf("As of %s, no task has been assigned.", day);
		if (late == 0)
			return xasprintf("As of %s, no task being carried out is overdue (0/%u).", day, all);
		return xasprintf("As of %s, %u/%u tasks still being carried out are overdue.", day, late, all);
	}
	if (all == 0)
		return xasprintf("Tính đến ngày %s, chưa có việc nào được giao.", day);
	if (late == 0)
		return xasprintf("Tính đến ngày %s, không có việc nào đang triển khai quá hạn (0/%u).", day, all);
	return xasprintf("Tính đến ngày %s, còn %u/%u việc đang triển khai quá hạn.", day, late, all);
}
