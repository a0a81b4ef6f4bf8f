#define _GNU_SOURCE /* memmem() */

#include "db/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/db_internal.h"

/* ---- rows ---------------------------------------------------------------- */

void view_rows_release(struct view_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->items[i].section);
		free(rows->items[i].summary);
		free(rows->items[i].lead);
	}
	free(rows->items);
	memset(rows, 0, sizeof *rows);
}

void view_agencies_release(struct view_agencies *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->items[i].name), free(list->items[i].short_name);
	free(list->items);
	memset(list, 0, sizeof *list);
}

/* A row's lead: the agencies' short names where they have one ("Sở KH&ĐT"),
 * which fit the list's column; the detail pane shows the full names. */
#define ROW_COLS \
	"t.id, t.version, t.section, t.summary," \
	" (SELECT group_concat(name, '; ') FROM (SELECT coalesce(a.short_name, a.name) AS name FROM task_agency ta" \
	"   JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id = t.id AND ta.role = 'lead'" \
	"   ORDER BY ta.position))," \
	" t.due_date, t.completed_date, t.status"

#define OPEN "t.status NOT IN ('done','cancelled')"

/* ?1 filter, ?2 today, ?3 warn_until, ?4 agency, ?5 folded needle */
#define FILTER \
	" (?1 = -2 OR (?1 = -1 AND " OPEN ")" \
	"  OR (?1 = 0 AND " OPEN " AND t.due_date < ?2)" \
	"  OR (?1 = 1 AND " OPEN " AND t.due_date = ?2)" \
	"  OR (?1 = 2 AND " OPEN " AND t.due_date > ?2 AND t.due_date <= ?3)" \
	"  OR (?1 = 3 AND " OPEN " AND t.due_date > ?3)" \
	"  OR (?1 = 4 AND " OPEN " AND t.due_date IS NULL)" \
	"  OR (?1 = 5 AND t.status = 'done' AND (t.due_date IS NULL OR t.completed_date IS NULL" \
	"      OR t.completed_date <= t.due_date))" \
	"  OR (?1 = 6 AND t.status = 'done' AND t.completed_date > t.due_date)" \
	"  OR (?1 = 7 AND t.status = 'cancelled'))" \
	" AND (?4 = 0 OR EXISTS (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id" \
	"      AND ta.role = 'lead' AND ta.agency_id = ?4))" \
	" AND (?5 IS NULL OR instr(t.search_key, ?5) > 0 OR (t.search_key IS NULL AND t.id IN" \
	"      (SELECT id FROM task WHERE search_key IS NULL AND instr(" DB_SEARCH_KEY("task") ", ?5) > 0)))"

#define ORDER_URGENCY "(t.status IN ('done','cancelled')), (t.due_date IS NULL), t.due_date, t.id"
#define ORDER_SECTION "coalesce(t.document_id, 0), t.section, t.id"
#define ORDER_UPDATED "t.updated_at DESC, t.id DESC"

/* Sort keys as a column list: "(" KEY("t") ") < (SELECT " KEY("s") " ...)". */
#define KEY_URGENCY(x) "(" x ".status IN ('done','cancelled')), (" x ".due_date IS NULL), coalesce(" x ".due_date, ''), " x ".id"
#define KEY_SECTION(x) "coalesce(" x ".document_id, 0), " x ".section, " x ".id"
#define KEY_UPDATED(x) x ".updated_at, " x ".id"

static const char *const page_sql[SORT_COUNT] = {
	"SELECT " ROW_COLS " FROM task t WHERE" FILTER " ORDER BY " ORDER_URGENCY " LIMIT ?6 OFFSET ?7",
	"SELECT " ROW_COLS " FROM task t WHERE" FILTER " ORDER BY " ORDER_SECTION " LIMIT ?6 OFFSET ?7",
	"SELECT " ROW_COLS " FROM task t WHERE" FILTER " ORDER BY " ORDER_UPDATED " LIMIT ?6 OFFSET ?7",
};

/* A search that matches few rows: scanning the task_search index and sorting
 * the matches beats walking the ordered index with a table lookup per row
 * (tests/bench/RESULTS.md). With many matches the ordered index
 * finds a page sooner. (FILTER names a row's other columns only in a
 * subquery, so that index covers it.) */
#define FEW_MATCHES 2000
static const char *const search_page_sql[SORT_COUNT] = {
	"SELECT " ROW_COLS " FROM task t INDEXED BY task_search WHERE" FILTER " ORDER BY " ORDER_URGENCY " LIMIT ?6 OFFSET ?7",
	"SELECT " ROW_COLS " FROM task t INDEXED BY task_search WHERE" FILTER " ORDER BY " ORDER_SECTION " LIMIT ?6 OFFSET ?7",
	"SELECT " ROW_COLS " FROM task t INDEXED BY task_search WHERE" FILTER " ORDER BY " ORDER_UPDATED " LIMIT ?6 OFFSET ?7",
};

static const char *const before_sql[SORT_COUNT] = {
	"SELECT count(*) FROM task t WHERE" FILTER " AND (" KEY_URGENCY("t") ") < (SELECT "
	KEY_URGENCY("s") " FROM task s WHERE s.id = ?6)",
	"SELECT count(*) FROM task t WHERE" FILTER " AND (" KEY_SECTION("t") ") < (SELECT "
	KEY_SECTION("s") " FROM task s WHERE s.id = ?6)",
	"SELECT count(*) FROM task t WHERE" FILTER " AND (" KEY_UPDATED("t") ") > (SELECT "
	KEY_UPDATED("s") " FROM task s WHERE s.id = ?6)",
};

static void bind_query(sqlite3_stmt *st, const struct view_query *q)
{
	sqlite3_bind_int(st, 1, q->filter);
	db_bind_day(st, 2, q->today);
	db_bind_day(st, 3, q->warn_until);
	sqlite3_bind_int64(st, 4, q->agency_id);
	db_bind_text(st, 5, q->search && *q->search ? q->search : NULL);
}

static void read_row(sqlite3_stmt *st, struct view_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->section = xstrdup(db_column_str(st, 2));
	r->summary = xstrdup(db_column_str(st, 3));
	r->lead = xstrdup(db_column_str(st, 4));
	r->due = db_column_day(st, 5);
	r->completed = db_column_day(st, 6);
	if (status_parse(db_column_str(st, 7), &r->status))
		r->status = STATUS_NEW;
}

static int read_rows(struct db *db, sqlite3_stmt *st, struct view_rows *out, char *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
		read_row(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading tasks", err);
}

static int scalar(struct db *db, sqlite3_stmt *st, size_t *out, char *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, "counting tasks", err);
}

static int quick_count(struct db *db, const struct view_query *q, size_t *out, char *err);

int db_view_count(struct db *db, const struct view_query *q, size_t *out, char *err)
{
	static const char sql[] = "SELECT count(*) FROM task t WHERE" FILTER;
	int quick = quick_count(db, q, out, err);
	if (quick <= 0)
		return quick;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_query(st, q);
	return scalar(db, st, out, err);
}

/* ---- the search corpus -------------------------------------------------------
 * Tasks in the order the task_search index gave them, their keys NUL-separated
 * in one buffer at increasing offsets, so a search runs memmem over the whole
 * buffer and finds the task of a hit by bisecting the offsets. (The agency
 * filter reads the agency's lead tasks at search time: an index range.) */
struct corpus_task {
	int64_t id;
	civil_day due, completed;
	uint32_t key;          /* offset of the folded search key in keys */
	unsigned char status;  /* enum task_status */
};

/* Loading runs in parts (so the screen can answer a key in between): the
 * keys an outside edit cleared, then the task_search index from key `from`
 * on; a part ends only between two different keys, where the next one
 * starts. */
enum corpus_stage { LOAD_CLEARED, LOAD_KEYS, LOADED };

struct view_corpus {
	struct corpus_task *tasks;
	size_t n, cap;
	char *keys;           /* under 4 GiB: offsets are 32-bit */
	size_t keys_len, keys_cap;
	int64_t changes, data_version;
	size_t total;        /* tasks in the database when the load began */
	enum corpus_stage stage;
	char *from;          /* LOAD_KEYS: the first key of the next part */
};

static void corpus_clear(struct view_corpus *c)
{
	free(c->tasks);
	free(c->keys);
	free(c->from);
	memset(c, 0, sizeof *c);
}

void view_corpus_free(struct view_corpus *c)
{
	if (!c)
		return;
	corpus_clear(c);
	free(c);
}

/* Rows this connection has written since it opened (triggers' included). */
static int64_t changes(struct db *db) { return sqlite3_total_changes64(db_sqlite(db)); }

/* Nothing written since the load began. */
static bool corpus_current(struct db *db, const struct view_corpus *c)
{
	return c->changes == changes(db) && c->data_version == db_data_version(db);
}

bool db_view_corpus_fresh(struct db *db, const struct view_corpus *c)
{
	return c && corpus_current(db, c);
}

static void corpus_add_key(struct view_corpus *c, const char *key, size_t len)
{
	xgrow((void **)&c->keys, &c->keys_cap, c->keys_len + len + 1, 1);
	memcpy(c->keys + c->keys_len, key, len);
	c->keys[c->keys_len + len] = '\0';
	c->keys_len += len + 1;
}

/* Reads st's columns status, due_date, completed_date (1, 2, 3) into t. */
static void corpus_read_state(struct corpus_task *t, sqlite3_stmt *st)
{
	enum task_status status;
	if (status_parse(db_column_str(st, 1), &status))
		status = STATUS_NEW;
	t->status = (unsigned char)status;
	t->due = db_column_day(st, 2);
	t->completed = db_column_day(st, 3);
}

/* Adds the task of st's columns id, status, due_date, completed_date, key. */
static void corpus_add_task(struct view_corpus *c, sqlite3_stmt *st)
{
	xgrow((void **)&c->tasks, &c->cap, c->n + 1, sizeof *c->tasks);
	struct corpus_task *t = &c->tasks[c->n++];
	t->id = sqlite3_column_int64(st, 0);
	corpus_read_state(t, st);
	t->key = (uint32_t)c->keys_len;
	corpus_add_key(c, db_column_str(st, 4), (size_t)sqlite3_column_bytes(st, 4));
}

/* One part of the load: about `rows` rows (0: all that is left). */
static int corpus_load_part(struct db *db, struct view_corpus *c, size_t rows, char *err)
{
	/* A key an outside edit cleared (the next db_open fills it in). */
	static const char cleared_sql[] =
		"SELECT id, status, due_date, completed_date, " DB_SEARCH_KEY("task")
		" FROM task INDEXED BY task_search_missing WHERE search_key IS NULL";
	static const char keys_sql[] =
		"SELECT id, status, due_date, completed_date, search_key FROM task INDEXED BY task_search"
		" WHERE search_key >= ?1 ORDER BY search_key";
	size_t n = 0;
	sqlite3_stmt *st;
	int rc;
	switch (c->stage) {
	case LOAD_CLEARED:
		if (!(st = db_prepare(db, cleared_sql, err)))
			return -1;
		xgrow((void **)&c->tasks, &c->cap, c->total, sizeof *c->tasks);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			corpus_add_task(c, st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, "reading search keys", err);
		c->from = xstrdup("");
		c->stage = LOAD_KEYS;
		return 0;
	case LOAD_KEYS:
		if (!(st = db_prepare(db, keys_sql, err)))
			return -1;
		sqlite3_bind_text(st, 1, c->from, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *key = db_column_str(st, 4);
			if (rows && n >= rows && strcmp(key, c->tasks[c->n - 1].key + c->keys) != 0)
				break; /* the next part starts with this key */
			corpus_add_task(c, st);
			n++;
		}
		if (rc == SQLITE_ROW) {
			free(c->from);
			c->from = xstrdup(db_column_str(st, 4));
		}
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 0;
		if (rc != SQLITE_DONE)
			return db_fail(db, "reading search keys", err);
		c->stage = LOADED;
		return 0;
	case LOADED:
		break;
	}
	return 0;
}

/* Tasks in the database now (task_tally's total). */
static int task_total(struct db *db, size_t *out, char *err)
{
	static const char sql[] = "SELECT coalesce(sum(n), 0) FROM task_tally WHERE agency_id = 0";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	return st ? scalar(db, st, out, err) : -1;
}

int db_view_corpus_load(struct db *db, struct view_corpus **c, size_t rows, char *err)
{
	if (!*c) {
		*c = xmalloc(sizeof **c);
		memset(*c, 0, sizeof **c);
		(*c)->stage = LOADED; /* and stale: starts over below */
		(*c)->changes = -1;
	}
	if ((*c)->stage == LOADED && corpus_current(db, *c))
		return 0;
	if ((*c)->stage == LOADED || !corpus_current(db, *c)) {
		corpus_clear(*c);
		/* Recorded first: a write while loading makes it start over. */
		(*c)->changes = changes(db);
		(*c)->data_version = db_data_version(db);
		if (task_total(db, &(*c)->total, err)) {
			view_corpus_free(*c);
			*c = NULL;
			return -1;
		}
	}
	do {
		if (corpus_load_part(db, *c, rows, err)) {
			view_corpus_free(*c);
			*c = NULL;
			return -1;
		}
	} while (!rows && (*c)->stage != LOADED);
	return (*c)->stage != LOADED;
}

int db_view_corpus_update(struct db *db, struct view_corpus *c, const int64_t *ids, size_t n, char *err)
{
	static const char row_sql[] =
		"SELECT id, status, due_date, completed_date, search_key FROM task WHERE id = ?1";
	size_t total = 0;
	sqlite3_stmt *st;
	/* A task added or removed too (a recurring task's next period):
	 * stale. (Another process's write stays visible in data_version.) */
	if (!c)
		return 0;
	if (task_total(db, &total, err))
		goto fail;
	if (total != c->total)
		goto stale;
	if (!(st = db_prepare(db, row_sql, err)))
		goto fail;
	for (size_t k = 0; k < n; k++) {
		size_t i = 0;
		while (i < c->n && c->tasks[i].id != ids[k])
			i++;
		sqlite3_bind_int64(st, 1, ids[k]);
		int rc = sqlite3_step(st);
		/* a task not read yet is read as it is now */
		const char *key = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : db_column_str(st, 4);
		bool ok = rc == SQLITE_ROW && key &&
			  (i < c->n ? strcmp(key, c->keys + c->tasks[i].key) == 0 : c->stage <= LOAD_KEYS);
		if (ok && i < c->n) {
			corpus_read_state(&c->tasks[i], st);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_fail(db, "reading a task", err);
			goto fail;
		}
		if (!ok)
			goto stale;
	}
	c->changes = changes(db);
	return 0;
stale:
	c->changes = -1;
	return 0;
fail:
	c->changes = -1;
	return -1;
}

/* The index of the task whose key holds offset off in c->keys. */
static size_t corpus_task_at(const struct view_corpus *c, size_t off)
{
	size_t lo = 0, hi = c->n; /* tasks[lo].key <= off < tasks[hi].key */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->tasks[mid].key <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The tasks an agency leads, by increasing id (an index range:
 * task_agency_agency holds (agency_id, role, task_id)); *ids is the caller's. */
static int lead_tasks(struct db *db, int64_t agency_id, int64_t **ids, size_t *n, char *err)
{
	static const char sql[] =
		"SELECT task_id FROM task_agency INDEXED BY task_agency_agency"
		" WHERE agency_id = ?1 AND role = 'lead' ORDER BY task_id";
	size_t cap = 0;
	int rc;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading an agency's tasks", err);
}

static bool id_in(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return true;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Whether a task passes the class filter: core's status_classify decides. */
static bool filter_passes(int filter, const struct corpus_task *t, civil_day today, civil_day warn_until)
{
	if (filter == FILTER_ALL)
		return true;
	if (filter == FILTER_OPEN)
		return status_is_open((enum task_status)t->status);
	return (int)status_classify((enum task_status)t->status, t->due, t->completed, today, warn_until) == filter;
}

/* A match in urgency order: closed, undated, due date, id (the task_urgency
 * index's order, ORDER_URGENCY). */
struct match {
	int64_t id;
	int rank;     /* 0 open and dated, 1 open undated, 2 closed dated, 3 closed undated */
	civil_day due;
};

static int match_cmp(const struct match *a, const struct match *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The tasks of c that q matches (class filter, agency, folded needle: none
 * is every task), in c's order; *out is the caller's. */
static int corpus_matches(struct db *db, const struct view_corpus *c, const struct view_query *q,
			  struct match **out, size_t *n, char *err)
{
	const char *needle = q->search && *q->search ? q->search : NULL;
	size_t nlen = needle ? strlen(needle) : 0, n_led = 0, cap = 0;
	const char *p = c->keys, *end = c->keys + c->keys_len, *hit;
	int64_t *led = NULL;
	*out = NULL;
	*n = 0;
	if (q->agency_id && lead_tasks(db, q->agency_id, &led, &n_led, err))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		if (needle) { /* the next hit: a memmem pass over the keys */
			if (p >= end || !(hit = memmem(p, (size_t)(end - p), needle, nlen)))
				break;
			i = corpus_task_at(c, (size_t)(hit - c->keys));
			p = i + 1 < c->n ? c->keys + c->tasks[i + 1].key : end;
		}
		const struct corpus_task *t = &c->tasks[i];
		if (!filter_passes(q->filter, t, q->today, q->warn_until) ||
		    (q->agency_id && !id_in(led, n_led, t->id)))
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct match){ t->id, !status_is_open((enum task_status)t->status) * 2 +
						 (t->due == DATE_NONE), t->due };
	}
	free(led);
	return 0;
}

static int match_qcmp(const void *a, const void *b) { return match_cmp(a, b); }

static void match_swap(struct match *a, struct match *b)
{
	struct match t = *a;
	*a = *b;
	*b = t;
}

/* Reorders m[lo, hi) so that m[k] holds what sorting would put there, with
 * smaller matches before it and larger ones after: quickselect, Hoare's
 * partition around the median of the first, middle and last (ids make every
 * match distinct). */
static void select_nth(struct match *m, size_t lo, size_t hi, size_t k)
{
	while (hi - lo > 1) {
		size_t mid = lo + (hi - 1 - lo) / 2;
		if (match_cmp(&m[mid], &m[lo]) < 0)
			match_swap(&m[mid], &m[lo]);
		if (match_cmp(&m[hi - 1], &m[lo]) < 0)
			match_swap(&m[hi - 1], &m[lo]);
		if (match_cmp(&m[hi - 1], &m[mid]) < 0)
			match_swap(&m[hi - 1], &m[mid]);
		struct match pivot = m[mid];
		ptrdiff_t i = (ptrdiff_t)lo - 1, j = (ptrdiff_t)hi;
		for (;;) {
			do
				i++;
			while (match_cmp(&m[i], &pivot) < 0);
			do
				j--;
			while (match_cmp(&m[j], &pivot) > 0);
			if (i >= j)
				break;
			match_swap(&m[i], &m[j]);
		}
		/* m[lo, j] <= pivot <= m[j + 1, hi), lo <= j < hi - 1 */
		if (k <= (size_t)j)
			hi = (size_t)j + 1;
		else
			lo = (size_t)j + 1;
	}
}

/* Whether c can answer q in the order of its sort: loaded in full, nothing
 * written since, urgency order (the corpus holds no section nor update time). */
static bool corpus_answers(struct db *db, const struct view_corpus *c, const struct view_query *q,
			   bool ordered)
{
	return c && c->stage == LOADED && corpus_current(db, c) && (!ordered || q->sort == SORT_URGENCY);
}

int db_view_corpus_count(struct db *db, const struct view_corpus *c, const struct view_query *q,
			 size_t *out, char *err)
{
	struct match *m;
	size_t n;
	if (!corpus_answers(db, c, q, false))
		return 1;
	if (corpus_matches(db, c, q, &m, &n, err))
		return -1;
	free(m);
	*out = n;
	return 0;
}

int db_view_corpus_page(struct db *db, const struct view_corpus *c, const struct view_query *q,
			size_t offset, size_t limit, struct view_rows *out, size_t *count, char *err)
{
	static const char row_sql[] = "SELECT " ROW_COLS " FROM task t WHERE t.id = ?1";
	struct match *m;
	size_t n;
	if (!corpus_answers(db, c, q, true))
		return 1;
	if (corpus_matches(db, c, q, &m, &n, err))
		return -1;
	size_t from = offset < n ? offset : n, to = limit < n - from ? from + limit : n;
	if (from < to) {
		select_nth(m, 0, n, from);
		if (to < n)
			select_nth(m, from, n, to);
		qsort(m + from, to - from, sizeof *m, match_qcmp);
	}
	sqlite3_stmt *st = db_prepare(db, row_sql, err);
	if (!st) {
		free(m);
		return -1;
	}
	for (size_t i = from; i < to; i++) {
		sqlite3_bind_int64(st, 1, m[i].id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
			read_row(st, &out->items[out->n++]);
		}
		sqlite3_reset(st);
	}
	free(m);
	if (count)
		*count = n;
	return 0;
}

int db_view_corpus_index_of(struct db *db, const struct view_corpus *c, const struct view_query *q,
			    int64_t id, size_t *pos, char *err)
{
	struct match *m, *self = NULL;
	size_t n, before = 0;
	if (!corpus_answers(db, c, q, true))
		return 1;
	if (corpus_matches(db, c, q, &m, &n, err))
		return -1;
	for (size_t i = 0; i < n && !self; i++)
		if (m[i].id == id)
			self = &m[i];
	for (size_t i = 0; self && i < n; i++)
		before += match_cmp(&m[i], self) < 0;
	free(m);
	if (!self)
		return -2;
	*pos = before;
	return 0;
}

int db_view_window(struct db *db, const struct view_query *q, size_t offset, size_t limit,
		   struct view_rows *out, size_t *count, struct view_corpus **c, char *err)
{
	if (c && q->search && *q->search && q->sort == SORT_URGENCY) {
		/* the first window of a search reads the corpus on the spot */
		if (offset == 0 && db_view_corpus_load(db, c, 0, err) < 0)
			return -1;
		int rc = db_view_corpus_page(db, *c, q, offset, limit, out, count, err);
		if (rc <= 0)
			return rc;
	}
	if (db_view_count(db, q, count, err))
		return -1;
	struct view_query hinted = *q;
	hinted.count_hint = *count;
	return db_view_page(db, &hinted, offset, limit, out, err);
}

int db_view_page(struct db *db, const struct view_query *q, size_t offset, size_t limit,
		 struct view_rows *out, char *err)
{
	bool few = q->search && *q->search && q->count_hint && q->count_hint <= FEW_MATCHES;
	const char *const *sqls = few ? search_page_sql : page_sql;
	sqlite3_stmt *st = db_prepare(db, sqls[q->sort < SORT_COUNT ? q->sort : 0], err);
	if (!st)
		return -1;
	bind_query(st, q);
	sqlite3_bind_int64(st, 6, (int64_t)limit);
	sqlite3_bind_int64(st, 7, (int64_t)offset);
	return read_rows(db, st, out, err);
}

int db_view_index_of(struct db *db, const struct view_query *q, int64_t id, size_t *pos, char *err)
{
	static const char match[] = "SELECT count(*) FROM task t WHERE" FILTER " AND t.id = ?6";
	size_t n = 0;
	sqlite3_stmt *st = db_prepare(db, match, err);
	if (!st)
		return -1;
	bind_query(st, q);
	sqlite3_bind_int64(st, 6, id);
	if (scalar(db, st, &n, err))
		return -1;
	if (n == 0)
		return -2;
	if (!(st = db_prepare(db, before_sql[q->sort < SORT_COUNT ? q->sort : 0], err)))
		return -1;
	bind_query(st, q);
	sqlite3_bind_int64(st, 6, id);
	return scalar(db, st, pos, err);
}

/* Counts come from task_tally (db/schema.c, migration 6): per agency (0 for
 * every task), state (0 open, 1 done on time, 2 done late, 3 cancelled) and
 * open deadline ('' for none and for closed tasks). A count is a sum over
 * the rows of one agency with state (-1: any) and ?3 <= due_date < ?4, ISO
 * dates comparing as text: '' < "0" < any date < "A". */
static const char tally_sql[] =
	"SELECT coalesce(sum(n), 0) FROM task_tally WHERE agency_id = ?1 AND (?2 < 0 OR state = ?2)"
	" AND due_date >= ?3 AND due_date < ?4";

static int tally(struct db *db, int64_t agency_id, int state, civil_day from, civil_day to,
		 const char *lo, const char *hi, size_t *out, char *err)
{
	char a[DATE_BUF], b[DATE_BUF];
	sqlite3_stmt *st = db_prepare(db, tally_sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, state);
	sqlite3_bind_text(st, 3, from == DATE_NONE ? lo : date_format_iso(from, a), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, to == DATE_NONE ? hi : date_format_iso(to, b), -1, SQLITE_TRANSIENT);
	return scalar(db, st, out, err);
}

/* The count for a query without a search, from the tally; 1 when it needs
 * the general query. */
static int quick_count(struct db *db, const struct view_query *q, size_t *out, char *err)
{
	const civil_day N = DATE_NONE;
	int64_t ag = q->agency_id;
	if (q->search && *q->search)
		return 1;
	switch (q->filter) {
	case FILTER_ALL: return tally(db, ag, -1, N, N, "", "A", out, err);
	case FILTER_OPEN: return tally(db, ag, 0, N, N, "", "A", out, err);
	case CLASS_OVERDUE: return tally(db, ag, 0, N, q->today, "0", "A", out, err);
	case CLASS_DUE_TODAY: return tally(db, ag, 0, q->today, q->today + 1, "", "A", out, err);
	case CLASS_DUE_SOON: return tally(db, ag, 0, q->today + 1, q->warn_until + 1, "", "A", out, err);
	case CLASS_NOT_DUE: return tally(db, ag, 0, q->warn_until + 1, N, "", "A", out, err);
	case CLASS_NO_DEADLINE: return tally(db, ag, 0, N, N, "", "0", out, err);
	case CLASS_DONE_ON_TIME: return tally(db, ag, 1, N, N, "", "A", out, err);
	case CLASS_DONE_LATE: return tally(db, ag, 2, N, N, "", "A", out, err);
	case CLASS_CANCELLED: return tally(db, ag, 3, N, N, "", "A", out, err);
	default: return 1;
	}
}

int db_view_totals(struct db *db, civil_day today, civil_day warn_until, struct view_totals *out,
		   char *err)
{
	static const char sql[] =
		"SELECT coalesce(sum(n), 0), coalesce(sum(n) FILTER (WHERE state = 0), 0),"
		" coalesce(sum(n) FILTER (WHERE state = 0 AND due_date >= '0' AND due_date < ?1), 0),"
		" coalesce(sum(n) FILTER (WHERE state = 0 AND due_date = ?1), 0),"
		" coalesce(sum(n) FILTER (WHERE state = 0 AND due_date > ?1 AND due_date <= ?2), 0)"
		" FROM task_tally WHERE agency_id = 0";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_day(st, 1, today);
	db_bind_day(st, 2, warn_until);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->all = (size_t)sqlite3_column_int64(st, 0);
		out->open = (size_t)sqlite3_column_int64(st, 1);
		out->overdue = (size_t)sqlite3_column_int64(st, 2);
		out->due_today = (size_t)sqlite3_column_int64(st, 3);
		out->due_soon = (size_t)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, "counting tasks", err);
}

int db_view_agencies(struct db *db, civil_day today, struct view_agencies *out, char *err)
{
	static const char sql[] =
		"SELECT a.id, a.name, coalesce(a.successor_id, 0), coalesce(c.open, 0), coalesce(c.late, 0),"
		" a.short_name"
		" FROM agency a LEFT JOIN (SELECT agency_id AS id, sum(n) AS open,"
		"   sum(n) FILTER (WHERE due_date >= '0' AND due_date < ?1) AS late FROM task_tally"
		"   WHERE agency_id > 0 AND state = 0 GROUP BY agency_id) c ON c.id = a.id"
		" ORDER BY coalesce(c.late, 0) DESC, coalesce(c.open, 0) DESC, a.name";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	db_bind_day(st, 1, today);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
		struct view_agency *a = &out->items[out->n++];
		a->id = sqlite3_column_int64(st, 0);
		a->name = xstrdup(db_column_str(st, 1));
		a->successor_id = sqlite3_column_int64(st, 2);
		a->open = (size_t)sqlite3_column_int64(st, 3);
		a->overdue = (size_t)sqlite3_column_int64(st, 4);
		a->short_name = sqlite3_column_type(st, 5) == SQLITE_NULL || !*db_column_str(st, 5)
					? NULL : xstrdup(db_column_str(st, 5));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading agencies", err);
}

int db_view_due_between(struct db *db, civil_day from, civil_day to, size_t limit,
			struct view_rows *out, size_t *count, char *err)
{
	/* A range of the task_urgency index: (closed, undated, due_date, id). */
	static const char rows_sql[] =
		"SELECT " ROW_COLS " FROM task t WHERE (t.status IN ('done','cancelled')) = 0"
		" AND (t.due_date IS NULL) = 0 AND t.due_date BETWEEN ?1 AND ?2"
		" ORDER BY t.due_date, t.id LIMIT ?3";
	if (from > to) {
		*count = 0;
		return 0;
	}
	if (tally(db, 0, 0, from, to + 1, "", "A", count, err))
		return -1;
	sqlite3_stmt *st = db_prepare(db, rows_sql, err);
	if (!st)
		return -1;
	db_bind_day(st, 1, from);
	db_bind_day(st, 2, to);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	return read_rows(db, st, out, err);
}
