/* task_links: the agencies and calendar facts of tasks read in
 * id order (a list, an export, a publish): one ordered pass over
 * task_agency beside the task scan instead of a query per task; agency
 * names are read once into a table by id (they are few, tasks many).
 * Declared in db_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/task.h"

/* A name by id: agencies are few (tens), tasks many. */
struct named {
	int64_t id;
	char *name;
};

struct named_table {
	struct named *v;
	size_t n, cap;
};

/* One task's link, as the cursor gives it. */
struct link {
	bool lead;
	int64_t position, agency_id;
};

struct db_task_links {
	struct db *db;
	struct named_table agencies;
	sqlite3_stmt *cursor; /* task_id, is lead, position, agency_id; NULL when done */
	bool has_row;
	struct link *links; /* the current task's, sorted by role and position */
	size_t n_links, cap_links;
	/* for a calendar (db_task_links_for_calendar): short names, and the
	 * extensions' cursor (task_id, old_value, new_value, reason) */
	bool calendar;
	struct named_table shorts;
	sqlite3_stmt *extensions;
	bool has_extension;
};

/* Reads sql's (id, name) rows, which come in id order, into out. */
static int load_names(struct db *db, const char *sql, struct named_table *out, char *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n].id = sqlite3_column_int64(st, 0);
		out->v[out->n++].name = xstrdup(db_column_str(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading names", err);
}

/* The name of id in t (loaded in id order), or NULL. */
static const char *name_of(const struct named_table *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else if (t->v[mid].id > id)
			hi = mid;
		else
			return t->v[mid].name;
	}
	return NULL;
}

struct db_task_links *db_task_links_new(struct db *db, char *err)
{
	static const char agencies_sql[] = "SELECT id, name FROM agency ORDER BY id";
	struct db_task_links *l = xcalloc(1, sizeof *l);
	l->db = db;
	if (load_names(db, agencies_sql, &l->agencies, err)) {
		db_task_links_free(l);
		return NULL;
	}
	return l;
}

int db_task_links_seek(struct db_task_links *l, int64_t first_id, int64_t last_id, char *err)
{
	/* in primary key order: sorting by position too would make SQLite sort
	 * every task's few rows with a sorter of its own, which costs more than
	 * the rest of reading it */
	static const char links_sql[] =
		"SELECT task_id, role = 'lead', position, agency_id FROM task_agency"
		" WHERE task_id BETWEEN ?1 AND ?2 ORDER BY task_id, role";
	l->has_row = false;
	if (!(l->cursor = db_prepare(l->db, links_sql, err)))
		return -1;
	sqlite3_bind_int64(l->cursor, 1, first_id);
	sqlite3_bind_int64(l->cursor, 2, last_id);
	if (!l->calendar)
		return 0;
	/* the partial index task_event_extend (migration 8): extensions are few;
	 * one to the same date changed nothing (and bumped no SEQUENCE) */
	static const char ext_sql[] =
		"SELECT task_id, old_value, new_value, reason FROM task_event"
		" WHERE what = 'extend' AND task_id BETWEEN ?1 AND ?2"
		" AND old_value IS NOT new_value ORDER BY task_id, id";
	l->has_extension = false;
	if (!(l->extensions = db_prepare(l->db, ext_sql, err)))
		return -1;
	sqlite3_bind_int64(l->extensions, 1, first_id);
	sqlite3_bind_int64(l->extensions, 2, last_id);
	return 0;
}

int db_task_links_for_calendar(struct db_task_links *l, char *err)
{
	static const char sql[] = "SELECT id, coalesce(nullif(short_name, ''), name) FROM agency ORDER BY id";
	l->calendar = true;
	return load_names(l->db, sql, &l->shorts, err);
}

/* The calendar's part of t: its leads' short names, and the extension its
 * deadline came from: the task's last 'extend' event, when it moved the
 * deadline later to the one it has now (not an undo, not a deadline changed
 * since by an import). */
static int fill_calendar(struct db_task_links *l, struct task *t, char *err)
{
	struct strbuf label = STRBUF_INIT;
	for (size_t i = 0; i < l->n_links; i++) {
		const char *name = l->links[i].lead ? name_of(&l->shorts, l->links[i].agency_id) : NULL;
		if (name) {
			if (label.len)
				strbuf_add(&label, "; ");
			strbuf_add(&label, name);
		}
	}
	if (label.len)
		t->lead_label = strbuf_take(&label);
	strbuf_release(&label);
	civil_day from = DATE_NONE, to = DATE_NONE;
	while (l->extensions) {
		if (!l->has_extension) {
			int rc = sqlite3_step(l->extensions);
			if (rc != SQLITE_ROW) {
				sqlite3_reset(l->extensions);
				l->extensions = NULL;
				if (rc != SQLITE_DONE)
					return db_fail(l->db, "reading deadline extensions", err);
				break;
			}
			l->has_extension = true;
		}
		int64_t task_id = sqlite3_column_int64(l->extensions, 0);
		if (task_id > t->id)
			break;
		if (task_id == t->id) {
			from = db_column_day(l->extensions, 1);
			to = db_column_day(l->extensions, 2);
			task_set_str(&t->extend_reason, (const char *)sqlite3_column_text(l->extensions, 3));
		}
		l->has_extension = false;
	}
	if (from != DATE_NONE && to == t->due && from < to)
		t->extended_from = from;
	else
		task_set_str(&t->extend_reason, NULL);
	return 0;
}

static int link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	if (x->lead != y->lead)
		return x->lead ? -1 : 1;
	return (x->position > y->position) - (x->position < y->position);
}

int db_task_links_fill(struct db_task_links *l, struct task *t, char *err)
{
	l->n_links = 0;
	while (l->cursor) {
		if (!l->has_row) {
			int rc = sqlite3_step(l->cursor);
			if (rc != SQLITE_ROW) {
				sqlite3_reset(l->cursor);
				l->cursor = NULL;
				if (rc != SQLITE_DONE)
					return db_fail(l->db, "reading task agencies", err);
				break;
			}
			l->has_row = true;
		}
		int64_t task_id = sqlite3_column_int64(l->cursor, 0);
		if (task_id > t->id)
			break;
		if (task_id == t->id) {
			xgrow((void **)&l->links, &l->cap_links, l->n_links + 1, sizeof *l->links);
			l->links[l->n_links++] = (struct link){
				.lead = sqlite3_column_int(l->cursor, 1),
				.position = sqlite3_column_int64(l->cursor, 2),
				.agency_id = sqlite3_column_int64(l->cursor, 3),
			};
		}
		l->has_row = false;
	}
	if (l->n_links > 1)
		qsort(l->links, l->n_links, sizeof *l->links, link_cmp);
	for (size_t i = 0; i < l->n_links; i++) {
		const char *name = name_of(&l->agencies, l->links[i].agency_id);
		if (name)
			(l->links[i].lead ? task_add_lead : task_add_cooperating)(t, name);
	}
	return l->calendar ? fill_calendar(l, t, err) : 0;
}

static void named_release(struct named_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
}

void db_task_links_free(struct db_task_links *l)
{
	if (!l)
		return;
	if (l->cursor)
		sqlite3_reset(l->cursor);
	if (l->extensions)
		sqlite3_reset(l->extensions);
	named_release(&l->agencies);
	named_release(&l->shorts);
	free(l->links);
	free(l);
}
