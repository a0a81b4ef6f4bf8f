#include "core/notice_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/strbuf.h"
#include "core/table.h"
#include "core/text.h"
#include "core/wording.h"
#include "core/xalloc.h"

/* ---- what a unit says ---------------------------------------------------------------- */

static void set_due(struct notice_unit *u, const char *text, const struct deadline *d)
{
	if (d->bare)
		u->doubts |= NOTICE_DOUBT_DUE_REFERENCE;
	free(u->due_phrase);
	u->due_phrase = xstrndup(text + d->start, d->end - d->start);
	u->due = d->due;
	u->precision = d->due == DATE_NONE ? PRECISION_NONE : d->precision;
	free(u->recurrence);
	u->recurrence = d->kind == DEADLINE_RECURRING && d->rule[0] ? xstrdup(d->rule) : NULL;
}

/* A time cell that is a year or a range of years ("2025", "2025 - 2030",
 * "Năm 2026-2030", "Giai đoạn 2026-2030"): the last year into year[5]. */
static bool time_year(const char *cell, char year[16])
{
	const char *p = cell;
	static const char *const words[] = { "Năm ", "năm ", "Giai đoạn ", "giai đoạn " };
	for (size_t i = 0; i < COUNT(words); i++)
		if (text_starts_with(p, words[i]))
			p += strlen(words[i]);
	const char *last = NULL;
	for (;;) {
		if (!(p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
		      p[3] >= '0' && p[3] <= '9') || (p[4] >= '0' && p[4] <= '9'))
			return false;
		last = p;
		p += 4;
		while (*p == ' ')
			p++;
		if (*p != '-' && !text_starts_with(p, "–"))
			break;
		p += *p == '-' ? 1 : strlen("–");
		while (*p == ' ')
			p++;
	}
	while (*p == '.' || *p == ' ')
		p++;
	if (*p)
		return false;
	memcpy(year, last, 4);
	year[4] = '\0';
	return true;
}

/* The unit's deadline from its words: a time field first ("Thời gian thực
 * hiện: Quý IV năm 2025"), then the rest. */
static bool pick_due(const struct reader *r, struct notice_unit *u, const char *time_field, const char *text)
{
	struct deadline_options opt = reader_due_options(r);
	struct deadline d;
	if (time_field) {
		/* a time column's "2025" or "2025-2030" is a year: the range's last */
		struct deadline_options field = opt;
		field.field = true;
		char year[16];
		char *labelled = time_year(time_field, year) ? xasprintf("Thời hạn: năm %s", year)
							     : xasprintf("Thời hạn: %s", time_field);
		bool ok = deadline_pick(labelled, strlen(labelled), &field, &d);
		if (ok && d.start >= strlen("Thời hạn: "))
			set_due(u, labelled, &d);
		else if (ok) {
			d.start = strlen("Thời hạn: ");
			set_due(u, labelled, &d);
		}
		free(labelled);
		if (ok)
			return true;
	}
	if (deadline_pick(text, strlen(text), &opt, &d)) {
		set_due(u, text, &d);
		return true;
	}
	return false;
}

static struct notice_unit *new_unit(struct notice *n, const char *section)
{
	xgrow((void **)&n->units, &n->cap_units, n->n_units + 1, sizeof *n->units);
	struct notice_unit *u = &n->units[n->n_units++];
	memset(u, 0, sizeof *u);
	u->section = xstrdup(section);
	u->due = DATE_NONE;
	u->precision = PRECISION_NONE;
	u->due_phrase = xstrdup("");
	return u;
}

/* The words of unit i: its paragraph, its merged paragraph, its fields and
 * the continuations under it, each on a line. */
static char *unit_text(const struct reader *r, size_t i, char **time_field)
{
	struct strbuf b = STRBUF_INIT;
	const struct outline_para *p = &r->o.v[i];
	char *flat = outline_flat(p->text);
	strbuf_add(&b, flat);
	free(flat);
	*time_field = NULL;
	for (size_t j = i + 1; j < p->end; j++) {
		const struct outline_para *c = &r->o.v[j];
		if (!r->nodes[j].absorbed || r->nodes[j].unit)
			continue;
		if (c->role == OUTLINE_FIELD && c->field == FIELD_TIME && !*time_field)
			*time_field = outline_flat(c->field_value);
		strbuf_add(&b, "\n");
		if (c->mark == OUTLINE_BULLET)
			strbuf_add(&b, "- ");
		else if (c->mark == OUTLINE_SUB)
			strbuf_add(&b, "+ ");
		else if (c->mark == OUTLINE_LABEL) {
			strbuf_add(&b, "(");
			strbuf_add(&b, c->label);
			strbuf_add(&b, ") ");
		}
		flat = outline_flat(c->text);
		strbuf_add(&b, flat);
		free(flat);
	}
	return strbuf_take(&b);
}

/* A list's introduction above unit i that sets a deadline for it
 * ("…, hoàn thành trong tháng 11 năm 2025, cụ thể:"). Only its last clause
 * asks ("Từ nay đến hết năm 2025 chỉ còn 2 tháng …; do vậy, yêu cầu …:"),
 * from its request on, and a purpose ("Để đạt mục tiêu … trong năm 2025,
 * …") sets no deadline. */
static bool inherited_due(const struct reader *r, size_t i, struct notice_unit *u)
{
	for (size_t p = r->o.v[i].parent; p != OUTLINE_ROOT; p = r->o.v[p].parent) {
		if (!outline_ends_colon(&r->o.v[p]))
			continue;
		char *t = outline_flat(r->o.v[p].text);
		const char *asks = strrchr(t, ';') ? strrchr(t, ';') + 1 : t;
		/* what comes before the request is its setting ("Từ nay đến ngày
		 * 19/12/2025 chỉ còn 01 tháng, …, Thủ tướng Chính phủ yêu cầu:") */
		static const char *const request[] = { " yêu cầu ", " yêu cầu:", " đề nghị ", " đề nghị:" };
		for (size_t k = 0; k < COUNT(request); k++) {
			const char *v = strstr(asks, request[k]);
			if (v) {
				asks = v;
				break;
			}
		}
		bool ok = !text_starts_with(t, "Để ") && !text_starts_with(t, "Nhằm ") && pick_due(r, u, NULL, asks);
		free(t);
		if (ok)
			return true;
	}
	return false;
}

/* Who cooperates in unit u of node i: its own words', its lead field's and
 * its "Cơ quan phối hợp:" field's agencies, its leads left out. */
static void unit_cooperating(const struct reader *r, size_t i, struct notice_unit *u)
{
	const struct node *nd = &r->nodes[i];
	char **coop = NULL;
	size_t n = 0;
	reader_copy_names(&coop, &n, nd->act.coop, nd->act.n_coop);
	size_t cf = reader_field_child(r, i, FIELD_COOP), lf = reader_field_child(r, i, FIELD_LEAD);
	if (cf == SIZE_MAX && lf == SIZE_MAX) {
		cf = reader_trailing_field(r, i, FIELD_COOP);
		lf = reader_trailing_field(r, i, FIELD_LEAD);
	}
	if (lf != SIZE_MAX)
		reader_copy_names(&coop, &n, r->nodes[lf].act.coop, r->nodes[lf].act.n_coop);
	if (cf != SIZE_MAX) {
		char *v = reader_field_text(r, cf);
		char **names = NULL;
		size_t nn = 0;
		actors_list(v, &names, &nn);
		for (size_t k = 0; k < nn; k++) {
			bool lead = false;
			for (size_t l = 0; l < u->n_leads; l++)
				lead = lead || strcmp(u->leads[l], names[k]) == 0;
			if (!lead)
				names_push(&coop, &n, names[k]);
		}
		names_free(names, nn);
		free(v);
	}
	/* "a) Chủ trì, phối hợp với các sở, ban, ngành …", a heading that names
	 * no lead, over bullets that name nobody: its co-operating agencies are
	 * theirs (not a heading's whose own lead co-operates: "(1) Bộ Y tế
	 * chỉ đạo …, phối hợp với …") */
	for (size_t up = r->o.v[i].parent; !n && !nd->act.n_leads && up != OUTLINE_ROOT; up = r->o.v[up].parent) {
		const struct node *h = &r->nodes[up];
		if (h->act.n_leads && !reader_only_roles(r, up))
			break;
		if (h->act.n_coop) {
			reader_copy_names(&coop, &n, h->act.coop, h->act.n_coop);
			break;
		}
	}
	u->cooperating = coop;
	u->n_cooperating = n;
}

/* The deadline of unit u from its own words (own), its time field, or else
 * its list's introduction. */
static void unit_due(const struct reader *r, size_t i, struct notice_unit *u, const char *time_field, const char *own)
{
	if (pick_due(r, u, time_field, own) && u->due != DATE_NONE)
		return;
	struct notice_unit listed = *u;
	listed.due_phrase = xstrdup("");
	listed.recurrence = NULL;
	if (inherited_due(r, i, &listed)) {
		free(u->due_phrase);
		free(u->recurrence);
		u->due_phrase = listed.due_phrase;
		u->recurrence = listed.recurrence;
		u->due = listed.due;
		u->precision = listed.precision;
		u->doubts |= NOTICE_DOUBT_DUE_LIST;
	} else {
		free(listed.due_phrase);
		free(listed.recurrence);
	}
}

/* The summary of node i's unit: what the text that named the agencies says
 * they must do; under a heading of names, its paragraph. */
static char *unit_summary(const struct reader *r, size_t i)
{
	const struct node *nd = &r->nodes[i];
	size_t m = reader_merged_child(r, i);
	const char *from = r->o.v[i].text;
	size_t at = nd->act.task;
	char *item = outline_flat(from);
	if (m != SIZE_MAX && (nd->merged_acts || nd->act.how == ACTORS_LABEL || nd->act.how == ACTORS_NONE ||
			      at >= strlen(item))) {
		from = r->o.v[m].text;
		at = nd->merged_acts ? at : 0;
	}
	free(item);
	char *first = outline_flat(from);
	char *summary = wording_summary(first, at);
	free(first);
	return summary;
}

void units_emit(struct reader *r)
{
	for (size_t i = r->from; i < r->to; i++) {
		struct node *nd = &r->nodes[i];
		if (!nd->unit)
			continue;
		nd->unit_index = r->n->n_units;
		struct notice_unit *u = new_unit(r->n, r->o.v[i].section);
		u->leads = nd->leads;
		u->n_leads = nd->n_leads;
		nd->leads = NULL;
		nd->n_leads = 0;
		unit_cooperating(r, i, u);
		char *time_field = NULL;
		char *own = unit_text(r, i, &time_field);
		size_t tf = time_field ? SIZE_MAX : reader_trailing_field(r, i, FIELD_TIME);
		if (tf != SIZE_MAX)
			time_field = outline_flat(r->o.v[tf].field_value);
		size_t m = reader_merged_child(r, i);
		if (m != SIZE_MAX) {
			char *mt = outline_flat(r->o.v[m].text), *both = xasprintf("%s\n%s", own, mt);
			free(mt);
			free(own);
			own = both;
		}
		unit_due(r, i, u, time_field, own);
		free(time_field);
		u->full_text = own;
		u->summary = unit_summary(r, i);
		u->doubts |= nd->doubts;
	}
}

/* Whether text holds a deadline that recurs ("trước ngày 30 tháng 11 hằng
 * năm", "Định kỳ hằng năm (trước ngày 30/11)"): a report on the whole plan
 * every year, not a date for each of its items. */
static bool recurs(const char *text, const struct deadline_options *opt)
{
	struct deadline all[8];
	size_t n = deadline_find_all(text, strlen(text), opt, all, 8);
	for (size_t i = 0; i < n && i < 8; i++)
		if (all[i].kind == DEADLINE_RECURRING)
			return true;
	return false;
}

/* "Báo cáo … gửi về UBND tỉnh trước ngày 12/6/2026." after a list: the
 * deadline of the units of that list that have none of their own. */
void units_list_deadlines(struct reader *r)
{
	size_t last_parent = SIZE_MAX - 1, last_t = 0;
	for (size_t t = r->from; t <= r->to && t < r->o.n; t++) {
		bool closing = t == r->closing;
		if (t == r->to && !closing)
			break;
		const struct outline_para *p = &r->o.v[t];
		if (p->mark != OUTLINE_NONE || (t < r->to && (r->nodes[t].unit || r->nodes[t].absorbed)))
			continue;
		if (!strstr(p->text, "báo cáo") && !strstr(p->text, "Báo cáo") && !strstr(p->text, "gửi"))
			continue;
		char *text = outline_flat(p->text);
		struct deadline_options opt = reader_due_options(r);
		struct deadline d;
		bool ok = deadline_pick(text, strlen(text), &opt, &d) && d.due != DATE_NONE &&
			  d.precision == PRECISION_DAY && !recurs(text, &opt);
		if (ok) {
			/* the units of the list: from the start of its item (or the last
			 * such paragraph of the item) to this paragraph */
			size_t parent = closing ? OUTLINE_ROOT : p->parent;
			size_t lo = parent == OUTLINE_ROOT ? r->from : parent + 1;
			if (last_parent == parent && last_t > lo)
				lo = last_t;
			last_parent = parent;
			last_t = t;
			for (size_t i = lo; i < t && i < r->to; i++) {
				if (!r->nodes[i].unit)
					continue;
				struct notice_unit *u = &r->n->units[r->nodes[i].unit_index];
				if (u->due == DATE_NONE) {
					set_due(u, text, &d);
					u->doubts |= NOTICE_DOUBT_DUE_LIST;
				}
			}
		}
		free(text);
	}
}

/* Nothing names anyone: the body's paragraphs, offered for the clerk. */
void units_offer_candidates(struct reader *r)
{
	for (size_t i = r->from; i < r->to; i++) {
		const struct outline_para *p = &r->o.v[i];
		if (p->mark == OUTLINE_ROW || wording_count_words(p->text) < 5 || p->role == OUTLINE_LEAD_IN)
			continue;
		struct notice_unit *u = new_unit(r->n, *p->section ? p->section : "-");
		u->full_text = outline_flat(p->text);
		u->summary = wording_summary(u->full_text, 0);
		u->doubts = NOTICE_DOUBT_NO_LEAD;
		u->dropped = true;
		pick_due(r, u, NULL, u->full_text);
	}
	r->n->candidates = true;
}

/* ---- assignment tables ------------------------------------------------------ */

/* A table row's unit: its agencies from their cells, its deadline from its time. */
static void table_unit(struct reader *r, const struct table_row *row)
{
	struct notice_unit *u = new_unit(r->n, row->section);
	actors_list(row->who, &u->leads, &u->n_leads);
	char **coop = NULL;
	size_t ncoop = 0;
	actors_list(row->with, &coop, &ncoop);
	for (size_t c = 0; c < ncoop; c++)
		names_push(&u->cooperating, &u->n_cooperating, coop[c]);
	names_free(coop, ncoop);
	if (u->n_leads == 0 && *row->who) {
		names_push(&u->leads, &u->n_leads, row->who);
		u->doubts |= NOTICE_DOUBT_LEAD_UNKNOWN;
	}
	if (u->n_leads == 0) {
		u->doubts |= NOTICE_DOUBT_NO_LEAD;
		u->dropped = true;
	}
	u->full_text = xasprintf("%s%s%s%s%s%s%s", row->what, *row->who ? "\n" : "", row->who, *row->with ? "\n" : "",
				 row->with, *row->when ? "\n" : "", row->when);
	u->summary = wording_summary(row->what, 0);
	pick_due(r, u, *row->when ? row->when : NULL, row->what);
}

void units_read_tables(struct reader *r)
{
	struct table_rows rows = { 0 };
	table_read(&r->o, 0, r->o.n, &rows);
	for (size_t i = 0; i < rows.n; i++)
		table_unit(r, &rows.v[i]);
	table_rows_release(&rows);
}
