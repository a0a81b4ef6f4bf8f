/* task_links: the agencies, documents and calendar facts of tasks read in
 * id order (a list, an export, a publish): one ordered pass over
 * task_agency beside the task scan instead of a query per task; agency
 * names are read once into a table by id (they are few, tasks many), the
 * documents' labels a range of ids at a time. Declared in db_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/task.h"

/* A name by id: agencies and documents are few (tens, thousands), tasks many. */
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

/* Documents' labels are read DOCUMENT_RANGE ids at a time, when a task first
 * names a document of the range: tasks come in id order and a notice's tasks
 * together, so an export reads each label it needs once, without a query or a
 * join per task, and without reading every document before its first task. */
#define DOCUMENT_RANGE 256

struct db_task_links {
	struct db *db;
	struct named_table agencies;
	struct named_table documents; /* the labels read, by id */
	int64_t *ranges;              /* the ranges read (id / DOCUMENT_RANGE), sorted */
	size_t n_ranges, cap_ranges;
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

static void named_release(struct named_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
}

/* Appends st's (id, name) rows, which come in id order, to out. */
static int read_names(struct db *db, sqlite3_stmt *st, struct named_table *out, char *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n].id = sqlite3_column_int64(st, 0);
		out->v[out->n++].name = xstrdup(db_column_str(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading names", err);
}

static int load_names(struct db *db, const char *sql, struct named_table *out, char *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	return st ? read_names(db, st, out, err) : -1;
}

/* Where id is or would go in t (kept in id order). */
static size_t name_slot(const struct named_table *t, int64_t id)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The name of id in t, or NULL. */
static const char *name_of(const struct named_table *t, int64_t id)
{
	size_t at = name_slot(t, id);
	return at < t->n && t->v[at].id == id ? t->v[at].name : NULL;
}

/* Where range is or would go in l's sorted ranges. */
static size_t range_slot(const struct db_task_links *l, int64_t range)
{
	size_t lo = 0, hi = l->n_ranges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->ranges[mid] < range)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Reads the labels of the documents in id's range, once. */
static int read_document_range(struct db_task_links *l, int64_t id, char *err)
{
	static const char sql[] = "SELECT o.id, " DOCUMENT_LABEL_OF("o") " FROM document o"
				  " WHERE o.id BETWEEN ?1 AND ?2 ORDER BY o.id";
	int64_t range = id / DOCUMENT_RANGE;
	size_t at = range_slot(l, range);
	if (at < l->n_ranges && l->ranges[at] == range)
		return 0;
	sqlite3_stmt *st = db_prepare(l->db, sql, err);
	struct named_table got = { 0 };
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, range * DOCUMENT_RANGE);
	sqlite3_bind_int64(st, 2, range * DOCUMENT_RANGE + DOCUMENT_RANGE - 1);
	if (read_names(l->db, st, &got, err)) {
		named_release(&got);
		return -1;
	}
	/* the range's ids all fall between two kept ones: inserted as a block */
	struct named_table *docs = &l->documents;
	size_t to = name_slot(docs, range * DOCUMENT_RANGE);
	xgrow((void **)&docs->v, &docs->cap, docs->n + got.n, sizeof *docs->v);
	memmove(docs->v + to + got.n, docs->v + to, (docs->n - to) * sizeof *docs->v);
	if (got.n)
		memcpy(docs->v + to, got.v, got.n * sizeof *got.v);
	docs->n += got.n;
	free(got.v);
	xgrow((void **)&l->ranges, &l->cap_ranges, l->n_ranges + 1, sizeof *l->ranges);
	memmove(l->ranges + at + 1, l->ranges + at, (l->n_ranges - at) * sizeof *l->ranges);
	l->ranges[at] = range;
	l->n_ranges++;
	return 0;
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

/* Makes the next row of *cursor (rows in task order, read one ahead) the
 * current one unless *has_row already holds it: 1 when there is one, 0 when
 * the rows are done (*cursor reset and set to NULL), -1 with err. */
static int peek_row(struct db *db, sqlite3_stmt **cursor, bool *has_row, const char *what, char *err)
{
	if (!*cursor)
		return 0;
	if (*has_row)
		return 1;
	int rc = sqlite3_step(*cursor);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(*cursor);
		*cursor = NULL;
		return rc == SQLITE_DONE ? 0 : db_fail(db, what, err);
	}
	*has_row = true;
	return 1;
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
	int more;
	while ((more = peek_row(l->db, &l->extensions, &l->has_extension, "reading deadline extensions", err)) > 0) {
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
	if (more < 0)
		return -1;
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
	if (t->document_id > 0) {
		if (read_document_range(l, t->document_id, err))
			return -1;
		const char *label = name_of(&l->documents, t->document_id);
		if (label)
			t->document_label = xstrdup(label);
	}
	l->n_links = 0;
	int more;
	while ((more = peek_row(l->db, &l->cursor, &l->has_row, "reading task agencies", err)) > 0) {
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
	if (more < 0)
		return -1;
	if (l->n_links > 1)
		qsort(l->links, l->n_links, sizeof *l->links, link_cmp);
	for (size_t i = 0; i < l->n_links; i++) {
		const char *name = name_of(&l->agencies, l->links[i].agency_id);
		if (name)
			(l->links[i].lead ? task_add_lead : task_add_cooperating)(t, name);
	}
	return l->calendar ? fill_calendar(l, t, err) : 0;
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
	named_release(&l->documents);
	free(l->ranges);
	named_release(&l->shorts);
	free(l->links);
	free(l);
}
