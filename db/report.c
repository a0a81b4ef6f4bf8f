#include "db/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/task.h"

/* What the queries load: tasks (with owned strings), agencies, assignments. */
struct loaded {
	struct report_task *tasks;
	size_t n_tasks, cap_tasks;
	struct report_agency *agencies;
	size_t n_agencies, cap_agencies;
	struct report_assign *assigns;
	size_t n_assigns, cap_assigns;
	civil_day *stored_completed; /* per task: task.completed_date */
	char *text;                  /* sections and summaries, NUL-separated */
	size_t n_text, cap_text;
	struct day_memo *days;       /* see column_day */
};

/* Copies s into the text arena; returns its offset (pointers are fixed up
 * once loading is done, since the arena moves as it grows). */
static size_t keep_text(struct loaded *l, const char *s, size_t len)
{
	size_t at = l->n_text;
	xgrow((void **)&l->text, &l->cap_text, l->n_text + len + 1, 1);
	memcpy(l->text + at, s, len);
	l->text[at + len] = '\0';
	l->n_text += len + 1;
	return at;
}

/* Days already parsed, by their text: a report reads a few hundred
 * distinct days some 300,000 times. Direct-mapped; a slot holds the ten
 * bytes of one text and what they parse to (DATE_NONE included). */
enum { DAY_MEMO = 1024 };
struct day_memo {
	uint64_t head[DAY_MEMO]; /* bytes 0..7 */
	uint16_t tail[DAY_MEMO]; /* bytes 8..9 */
	civil_day day[DAY_MEMO];
	bool used[DAY_MEMO];
};

/* A stored ISO day ("2024-05-14"), parsed without the locale-aware libc
 * number parsers and without a loop: this runs for every task and event of
 * a report. Anything but a valid day of exactly that form is DATE_NONE. */
static civil_day parse_day(const unsigned char *t)
{
	if (t[4] != '-' || t[7] != '-')
		return DATE_NONE;
	unsigned y0 = t[0] - (unsigned)'0', y1 = t[1] - (unsigned)'0', y2 = t[2] - (unsigned)'0',
		 y3 = t[3] - (unsigned)'0', m0 = t[5] - (unsigned)'0', m1 = t[6] - (unsigned)'0',
		 d0 = t[8] - (unsigned)'0', d1 = t[9] - (unsigned)'0';
	if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9))
		return DATE_NONE;
	int y = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3), m = (int)(m0 * 10 + m1), d = (int)(d0 * 10 + d1);
	return date_valid(y, m, d) ? date_from_ymd(y, m, d) : DATE_NONE;
}

/* The day in column col (parse_day), looked up in memo first. */
static civil_day column_day(sqlite3_stmt *st, int col, struct day_memo *memo)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t || sqlite3_column_bytes(st, col) != 10)
		return DATE_NONE;
	uint64_t head;
	uint16_t tail;
	memcpy(&head, t, sizeof head);
	memcpy(&tail, t + 8, sizeof tail);
	size_t k = (size_t)((head * 0x9E3779B97F4A7C15u + tail * 0xC2B2AE3D27D4EB4Fu) >> 54) & (DAY_MEMO - 1);
	if (memo->used[k] && memo->head[k] == head && memo->tail[k] == tail)
		return memo->day[k];
	memo->used[k] = true;
	memo->head[k] = head;
	memo->tail[k] = tail;
	return memo->day[k] = parse_day(t);
}

static void loaded_release(struct loaded *l)
{
	free(l->text);
	for (size_t i = 0; i < l->n_agencies; i++)
		free((char *)l->agencies[i].name);
	free(l->tasks);
	free(l->agencies);
	free(l->assigns);
	free(l->stored_completed);
	free(l->days);
}

/* The status in column col; NULL or unknown: new. */
static enum task_status column_status(sqlite3_stmt *st, int col)
{
	enum task_status s;
	return status_parse((const char *)sqlite3_column_text(st, col), &s) ? STATUS_NEW : s;
}

/* The task query for one combination of filters. A single query with every
 * filter switched by its parameter ("?1 = 0 OR ...") kept SQLite from
 * flattening it and cost twice the plain scan, so each combination gets its
 * own text, built once (db_prepare keeps the pointer). Parameters: ?1
 * document, ?2 agency, ?3 cooperating, ?4 from, ?5 to. A task's assignment
 * day is its document's issued date, else the day of its first 'created'
 * event, else the day of created_at. */
enum { Q_DOCUMENT = 1, Q_AGENCY = 2, Q_FROM = 4, Q_TO = 8, Q_VARIANTS = 16 };

static const char *tasks_sql(unsigned q)
{
	static char sql[Q_VARIANTS][1024];
	static const char assigned[] =
		"COALESCE((SELECT d.issued_date FROM document d WHERE d.id = t.document_id),"
		" (SELECT e.on_date FROM task_event e WHERE e.task_id = t.id AND e.what = 'created'"
		" ORDER BY e.id LIMIT 1), substr(t.created_at, 1, 10))";
	if (!sql[q][0]) {
		const char *w[4];
		int n = 0;
		if (q & Q_DOCUMENT)
			w[n++] = "t.document_id = ?1";
		if (q & Q_AGENCY)
			w[n++] = "t.id IN (SELECT ta.task_id FROM task_agency ta"
				 " WHERE ta.agency_id = ?2 AND (?3 OR ta.role = 'lead'))";
		if ((q & Q_FROM) && (q & Q_TO))
			w[n++] = " BETWEEN ?4 AND ?5";
		else if (q & Q_FROM)
			w[n++] = " >= ?4";
		else if (q & Q_TO)
			w[n++] = " <= ?5";
		size_t len = (size_t)snprintf(sql[q], sizeof sql[q], "SELECT t.id, t.section, t.summary, t.status,"
					      " t.due_date, t.completed_date FROM task t");
		for (int k = 0; k < n; k++)
			len += (size_t)snprintf(sql[q] + len, sizeof sql[q] - len, "%s%s%s", k ? " AND " : " WHERE ",
						w[k][0] == ' ' ? assigned : "", w[k]);
		snprintf(sql[q] + len, sizeof sql[q] - len, " ORDER BY t.id");
	}
	return sql[q];
}

/* The tasks in scope, by id; replay() drops the tasks created after as_of. */
static int load_tasks(struct db *db, const struct report_filter *f, struct loaded *l, char *err)
{
	unsigned q = (f->document_id ? Q_DOCUMENT : 0) | (f->agency_id ? Q_AGENCY : 0) |
		     (f->from != DATE_NONE ? Q_FROM : 0) | (f->to != DATE_NONE ? Q_TO : 0);
	sqlite3_stmt *st = db_prepare(db, tasks_sql(q), err);
	if (!st)
		return -1;
	if (q & Q_DOCUMENT)
		sqlite3_bind_int64(st, 1, f->document_id);
	if (q & Q_AGENCY) {
		sqlite3_bind_int64(st, 2, f->agency_id);
		sqlite3_bind_int(st, 3, f->cooperating);
	}
	if (q & Q_FROM)
		db_bind_day(st, 4, f->from);
	if (q & Q_TO)
		db_bind_day(st, 5, f->to);
	int rc;
	size_t cap_completed = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&l->tasks, &l->cap_tasks, l->n_tasks + 1, sizeof *l->tasks);
		xgrow((void **)&l->stored_completed, &cap_completed, l->n_tasks + 1,
		      sizeof *l->stored_completed);
		struct report_task *t = &l->tasks[l->n_tasks];
		t->id = sqlite3_column_int64(st, 0);
		/* offsets for now: see keep_text */
		t->section = (const char *)(uintptr_t)keep_text(l, db_column_str(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		t->summary = (const char *)(uintptr_t)keep_text(l, db_column_str(st, 2), (size_t)sqlite3_column_bytes(st, 2));
		/* replay() sets the status of a day in the past from the trail */
		t->status = f->historical ? STATUS_NEW : column_status(st, 3);
		t->due = column_day(st, 4, l->days);
		l->stored_completed[l->n_tasks] = column_day(st, 5, l->days);
		t->completed = t->status == STATUS_DONE ? l->stored_completed[l->n_tasks] : DATE_NONE;
		l->n_tasks++;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < l->n_tasks; i++) {
		l->tasks[i].section = l->text + (uintptr_t)l->tasks[i].section;
		l->tasks[i].summary = l->text + (uintptr_t)l->tasks[i].summary;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading tasks for the report", err);
	return 0;
}

static long find_task(const struct loaded *l, int64_t id)
{
	size_t lo = 0, hi = l->n_tasks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->tasks[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n_tasks && l->tasks[lo].id == id ? (long)lo : -1;
}

static long find_agency(const struct loaded *l, int64_t id)
{
	size_t lo = 0, hi = l->n_agencies;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->agencies[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n_agencies && l->agencies[lo].id == id ? (long)lo : -1;
}

/* Maps the ids of a sorted array to indexes with a table, when the ids are
 * dense enough (task and agency ids are row ids, mostly consecutive): looked
 * up once per assignment and per event, where a binary search showed. */
struct id_map {
	int64_t lo, hi; /* the table covers ids lo..hi */
	long *at;       /* index, or -1; NULL: no table, use binary search */
};

/* A table for ids lo..hi of n sorted items, all unset; false (and no table)
 * when the ids are too sparse for one. */
static bool id_map_init(struct id_map *m, size_t n, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)hi - (uint64_t)lo;
	m->at = NULL;
	m->lo = lo;
	m->hi = hi;
	if (n == 0 || hi < lo || span > 4 * (uint64_t)n + 1024)
		return false;
	m->at = xmalloc(((size_t)span + 1) * sizeof *m->at);
	for (size_t i = 0; i <= (size_t)span; i++)
		m->at[i] = -1;
	return true;
}

static void id_map_put(struct id_map *m, int64_t id, size_t index)
{
	m->at[(uint64_t)id - (uint64_t)m->lo] = (long)index;
}

static long id_map_find(const struct id_map *m, int64_t id)
{
	return id < m->lo || id > m->hi ? -1 : m->at[(uint64_t)id - (uint64_t)m->lo];
}

static int load_agencies(struct db *db, const struct report_filter *f, struct loaded *l, char *err)
{
	static const char agencies[] = "SELECT id, name FROM agency ORDER BY id";
	/* In the primary key's order: by task, like the tasks. The role is
	 * compared here, not in SQL (twice per row there). */
	static const char assigns[] = "SELECT task_id, agency_id, role, position FROM task_agency ORDER BY task_id";
	struct id_map am = { 0 };
	sqlite3_stmt *st = db_prepare(db, agencies, err);
	int rc, ret = -1;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&l->agencies, &l->cap_agencies, l->n_agencies + 1, sizeof *l->agencies);
		l->agencies[l->n_agencies].id = sqlite3_column_int64(st, 0);
		l->agencies[l->n_agencies].name = xstrdup(db_column_str(st, 1));
		l->n_agencies++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading agencies", err);
	if (l->n_agencies && id_map_init(&am, l->n_agencies, l->agencies[0].id, l->agencies[l->n_agencies - 1].id))
		for (size_t i = 0; i < l->n_agencies; i++)
			id_map_put(&am, l->agencies[i].id, i);
	if (!(st = db_prepare(db, assigns, err)))
		goto out;
	size_t next = 0; /* tasks before it have ids below the current row's */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *role = sqlite3_column_text(st, 2);
		bool lead = role && sqlite3_column_bytes(st, 2) == 4 && memcmp(role, "lead", 4) == 0;
		if (!lead && !f->cooperating)
			continue;
		int64_t task_id = sqlite3_column_int64(st, 0), agency_id = sqlite3_column_int64(st, 1);
		while (next < l->n_tasks && l->tasks[next].id < task_id)
			next++;
		if (next == l->n_tasks || l->tasks[next].id != task_id)
			continue;
		long a = am.at ? id_map_find(&am, agency_id) : find_agency(l, agency_id);
		if (a < 0)
			continue;
		xgrow((void **)&l->assigns, &l->cap_assigns, l->n_assigns + 1, sizeof *l->assigns);
		struct report_assign *as = &l->assigns[l->n_assigns++];
		as->task = next;
		as->agency = (size_t)a;
		as->role = lead ? REPORT_LEAD : REPORT_COOPERATING;
		as->position = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading assignments", err);
		goto out;
	}
	ret = 0;
out:
	free(am.at);
	return ret;
}

/* The kinds of event the replay reads, told apart by their first byte and
 * one strcmp rather than a strcmp per kind: this runs for every event. */
enum event_kind { EV_OTHER, EV_CREATED, EV_STATUS, EV_EXTEND };

static enum event_kind event_kind(const unsigned char *what)
{
	const char *w = (const char *)what;
	switch (w ? w[0] : 0) {
	case 's':
		return strcmp(w, "status") == 0 ? EV_STATUS : EV_OTHER;
	case 'e':
		return strcmp(w, "extend") == 0 ? EV_EXTEND : EV_OTHER;
	case 'c':
		return strcmp(w, "created") == 0 ? EV_CREATED : EV_OTHER;
	default:
		return EV_OTHER;
	}
}

/* Task i as event (row st, of kind) leaves it on as_of: an extension moves
 * the deadline (the first one also gives the deadline before any), a
 * status change sets the status, creation the first status. */
static void apply_event(struct loaded *l, size_t i, enum event_kind kind, sqlite3_stmt *st, civil_day as_of,
			unsigned char *extended, civil_day *created)
{
	struct report_task *t = &l->tasks[i];
	civil_day on = column_day(st, 2, l->days);
	bool in_effect = on != DATE_NONE && on <= as_of;
	switch (kind) {
	case EV_EXTEND:
		if (!extended[i]) {
			/* The deadline before any extension. */
			extended[i] = 1;
			t->due = column_day(st, 4, l->days);
		}
		if (in_effect)
			t->due = column_day(st, 3, l->days);
		break;
	case EV_CREATED:
		created[i] = on;
		t->status = column_status(st, 3);
		t->completed = DATE_NONE;
		if (t->status == STATUS_DONE)
			t->completed = l->stored_completed[i] != DATE_NONE ? l->stored_completed[i] : on;
		break;
	case EV_STATUS:
		if (in_effect) {
			t->status = column_status(st, 3);
			t->completed = t->status == STATUS_DONE ? on : DATE_NONE;
		}
		break;
	case EV_OTHER:
		break;
	}
}

/* Tasks created after as_of did not exist yet. */
static void drop_uncreated(struct loaded *l, const civil_day *created, civil_day as_of)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n_tasks; i++) {
		if (created[i] != DATE_NONE && created[i] > as_of)
			continue;
		l->tasks[n] = l->tasks[i];
		l->stored_completed[n] = l->stored_completed[i];
		n++;
	}
	l->n_tasks = n;
}

/* Replays the audit trail up to f->as_of over the loaded tasks (see the
 * header). One pass over task_event in rowid order, no sort; an event's
 * values are fetched (sqlite3_column_*) only when its kind and day make them
 * matter. SQLite's own pass over the rows is most of the time: a covering
 * index on the columns read here measured no faster than the table. */
static int replay(struct db *db, const struct report_filter *f, struct loaded *l, char *err)
{
	static const char sql[] =
		"SELECT task_id, what, on_date, new_value, old_value FROM task_event ORDER BY id";
	unsigned char *extended = xcalloc(l->n_tasks ? l->n_tasks : 1, 1);
	civil_day *created = xcalloc(l->n_tasks ? l->n_tasks : 1, sizeof *created);
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc, ret = -1;
	struct id_map tm = { 0 };
	if (l->n_tasks && id_map_init(&tm, l->n_tasks, l->tasks[0].id, l->tasks[l->n_tasks - 1].id))
		for (size_t i = 0; i < l->n_tasks; i++)
			id_map_put(&tm, l->tasks[i].id, i);
	if (!st)
		goto out;
	for (size_t i = 0; i < l->n_tasks; i++) {
		/* A task with no 'created' event (none should lack it) starts new. */
		l->tasks[i].status = STATUS_NEW;
		l->tasks[i].completed = DATE_NONE;
		created[i] = DATE_NONE; /* no 'created' event: kept */
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		long i = tm.at ? id_map_find(&tm, id) : find_task(l, id);
		if (i < 0)
			continue;
		/* The kinds that matter are picked here rather than with
		 * "what IN (...)", which SQLite checks with an index lookup per row. */
		enum event_kind kind = event_kind(sqlite3_column_text(st, 1));
		if (kind == EV_OTHER)
			continue;
		apply_event(l, (size_t)i, kind, st, f->as_of, extended, created);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading the history", err);
		goto out;
	}
	drop_uncreated(l, created, f->as_of);
	ret = 0;
out:
	free(tm.at);
	free(created);
	free(extended);
	return ret;
}

int db_report_document_label(struct db *db, int64_t id, char **label, char *err)
{
	static const char sql[] = "SELECT kind, number, issued_date FROM document WHERE id = ?1";
	*label = NULL;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char day[DATE_BUF];
		civil_day issued = db_column_day(st, 2);
		const char *number = db_column_str(st, 1);
		*label = xasprintf("%s%s%s%s%s", db_column_str(st, 0), *number ? " " : "", number,
				   issued == DATE_NONE ? "" : " ",
				   issued == DATE_NONE ? "" : date_format_dmy(issued, day));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, VI ? "không có văn bản %lld"
				: "document %lld does not exist", (long long)id), DB_NOT_FOUND;
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a document", err), DB_ERROR;
	return 0;
}

static void add_scope(char **scope, const char *part)
{
	char *s = *scope ? xasprintf("%s · %s", *scope, part) : xstrdup(part);
	free(*scope);
	*scope = s;
}

static int describe(struct db *db, const struct report_filter *f, enum lang lang,
		    const struct loaded *l, struct report *r, char *err)
{
	char a[DATE_BUF], b[DATE_BUF];
	bool en = lang == LANG_EN;
	if (f->agency_id) {
		long i = find_agency(l, f->agency_id);
		if (i >= 0)
			add_scope(&r->scope, l->agencies[i].name);
	}
	if (f->document_id) {
		char *label;
		if (db_report_document_label(db, f->document_id, &label, err))
			return -1;
		add_scope(&r->scope, label);
		free(label);
	}
	if (f->from != DATE_NONE || f->to != DATE_NONE) {
		char *p;
		date_format_dmy(f->from, a);
		date_format_dmy(f->to, b);
		if (f->from != DATE_NONE && f->to != DATE_NONE)
			p = xasprintf(en ? "assigned %s to %s" : "giao từ ngày %s đến ngày %s", a, b);
		else if (f->from != DATE_NONE)
			p = xasprintf(en ? "assigned from %s" : "giao từ ngày %s", a);
		else
			p = xasprintf(en ? "assigned up to %s" : "giao đến ngày %s", b);
		add_scope(&r->scope, p);
		free(p);
	}
	return 0;
}

int db_report_build(struct db *db, const struct report_filter *f, enum lang lang,
		    struct report *out, char *err)
{
	struct loaded l = { 0 };
	sqlite3 *s = db_sqlite(db);
	bool own_txn = sqlite3_get_autocommit(s);
	int ret = DB_ERROR;

	/* One read transaction: every query sees the same snapshot. */
	if (own_txn && sqlite3_exec(s, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "starting a read", err);
	l.days = xcalloc(1, sizeof *l.days);
	/* replay() drops tasks, so it runs before assignments refer to them. */
	if (load_tasks(db, f, &l, err) || (f->historical && replay(db, f, &l, err)) ||
	    load_agencies(db, f, &l, err) || describe(db, f, lang, &l, out, err))
		goto out;
	struct report_input in = {
		.tasks = l.tasks, .n_tasks = l.n_tasks,
		.agencies = l.agencies, .n_agencies = l.n_agencies,
		.assigns = l.assigns, .n_assigns = l.n_assigns,
	};
	struct report_options opt = {
		.as_of = f->as_of, .warn_until = f->warn_until, .cooperating = f->cooperating,
		.only_agency = f->agency_id, .list_all = f->document_id != 0,
	};
	report_compute(out, &in, &opt);
	out->historical = f->historical;
	ret = 0;
out:
	if (own_txn)
		sqlite3_exec(s, "COMMIT", NULL, NULL, NULL);
	loaded_release(&l);
	return ret;
}
