/* db/view: what the all-day screen reads, a window at a time.
 *
 * The screen never loads the whole task table: it asks for the number of
 * tasks matching its filter, for the rows of the visible window (LIMIT /
 * OFFSET in one of a few orders, the default one following the task_urgency
 * index), for the position of a task in that order (to keep the selection on
 * the same task after a reload), and for aggregate counts (header totals,
 * per-agency counts, the morning digest). Counts without a search are sums
 * over task_tally (kept by triggers, db/schema.c), not counts of task rows.
 *
 * Search is diacritic- and case-insensitive: the needle is folded with
 * core/text's text_fold ("Kế hoạch" and "ke hoach" both fold to "ke hoach")
 * and compared with task.search_key, the folded section and summary (NULL
 * after an edit made outside hanchot: then folded on the fly by hc_fold()).
 * A search in urgency order (what the screen shows when a search is typed),
 * a search's count and a task's position in urgency order can be answered
 * from the search corpus in memory (db_view_corpus_*); the rest is SQL.
 * Every function returns 0, or -1 with a one-line message in err. */
#ifndef HANCHOT_DB_VIEW_H
#define HANCHOT_DB_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"
#include "db/db.h"

enum view_sort { SORT_URGENCY, SORT_SECTION, SORT_UPDATED, SORT_COUNT };

/* A class filter: FILTER_ALL, FILTER_OPEN, or FILTER_CLASS + enum task_class. */
enum { FILTER_ALL = -2, FILTER_OPEN = -1, FILTER_CLASS = 0 };

struct view_query {
	int filter;           /* FILTER_ALL, FILTER_OPEN or a task_class */
	int64_t agency_id;    /* 0: every agency; else tasks it leads */
	const char *search;   /* folded needle (text_fold), NULL or "": none */
	enum view_sort sort;
	civil_day today, warn_until;
	size_t count_hint;    /* rows it matched when last counted (0: unknown) */
};

/* One row of the task list: just what a list line shows. Owns its strings. */
struct view_row {
	int64_t id, version;
	char *section, *summary, *lead; /* lead: short names (else names) joined with "; " */
	civil_day due, completed;
	enum task_status status;
};

struct view_rows {
	struct view_row *items;
	size_t n, cap;
};
void view_rows_release(struct view_rows *rows);

struct view_totals {
	size_t all, open, overdue, due_today, due_soon;
};

struct view_agency {
	int64_t id;
	char *name;
	char *short_name; /* NULL when it has none */
	int64_t successor_id;
	size_t open, overdue;
};

struct view_agencies {
	struct view_agency *items;
	size_t n, cap;
};
void view_agencies_release(struct view_agencies *list);

int db_view_count(struct db *db, const struct view_query *q, size_t *out, char *err);
/* Appends up to limit rows from offset, in q->sort order, to out. */
int db_view_page(struct db *db, const struct view_query *q, size_t offset, size_t limit,
		 struct view_rows *out, char *err);
/* The search corpus: for every task its id, status, dates, lead agencies and
 * folded search key (keys in one buffer), read from the task_search index
 * (its size and speed: tests/bench/RESULTS.md), so that a search in urgency
 * order is a memmem pass in C instead of a pass of SQLite. Valid while
 * nothing was written (checked: this connection's changes and PRAGMA
 * data_version). Opaque; NULL is an empty, stale corpus. */
struct view_corpus;
/* Loads a part of *c, about `rows` tasks (0: all of it), unless it is fresh:
 * a write since the load began makes it start over. Returns 1 while more is
 * to load, 0 once *c is fresh, -1 with a message on failure (then *c is
 * freed and NULL). Free with view_corpus_free. */
int db_view_corpus_load(struct db *db, struct view_corpus **c, size_t rows, char *err);
/* After this connection changed the status, dates or notes of tasks
 * ids[0, n) and nothing else of the corpus (db_task_set_status,
 * db_task_extend, db_task_note), with c fresh before: rereads those tasks so
 * that c stays fresh (a load under way goes on). When anything else changed
 * (another process wrote, a task was added or removed, a key changed) c is
 * left stale instead. Returns 0, or -1 with a message (c stale). */
int db_view_corpus_update(struct db *db, struct view_corpus *c, const int64_t *ids, size_t n, char *err);
/* Whether nothing was written since c's load began (it may be under way
 * still: db_view_corpus_load says when it is done). */
bool db_view_corpus_fresh(struct db *db, const struct view_corpus *c);
void view_corpus_free(struct view_corpus *c);

/* Answers from c, without a pass of SQL, what db_view_count,
 * db_view_page (with the count in *count unless count is NULL) and
 * db_view_index_of answer, when c can: loaded in full, nothing written since
 * (db_view_corpus_fresh), and for a page or a position q in urgency order.
 * Each is a pass over c, the visible rows then read by id. Return 0 with the answer (index_of: -2 when
 * id does not match q, as db_view_index_of), 1 when c cannot answer (ask
 * SQL), or -1 with a message. */
int db_view_corpus_count(struct db *db, const struct view_corpus *c, const struct view_query *q,
			 size_t *out, char *err);
int db_view_corpus_page(struct db *db, const struct view_corpus *c, const struct view_query *q,
			size_t offset, size_t limit, struct view_rows *out, size_t *count, char *err);
int db_view_corpus_index_of(struct db *db, const struct view_corpus *c, const struct view_query *q,
			    int64_t id, size_t *pos, char *err);

/* Both at once: the rows from offset (as db_view_page) and the number of
 * matching tasks (as db_view_count). A search in urgency order is answered
 * from *c when c is not NULL: at offset 0 (a search's first window) *c is
 * reloaded first when stale; at another offset only when fresh. */
int db_view_window(struct db *db, const struct view_query *q, size_t offset, size_t limit,
		   struct view_rows *out, size_t *count, struct view_corpus **c, char *err);
/* Position of task id in q's order; DB_NOT_FOUND-like -2 when it does not match q. */
int db_view_index_of(struct db *db, const struct view_query *q, int64_t id, size_t *pos, char *err);

int db_view_totals(struct db *db, civil_day today, civil_day warn_until, struct view_totals *out,
		   char *err);
/* Every agency with its open and overdue lead tasks, most overdue first,
 * then most open. */
int db_view_agencies(struct db *db, civil_day today, struct view_agencies *out, char *err);

/* Open tasks due between from and to (inclusive), urgency order: up to limit
 * rows appended to out, and their total number in *count. */
int db_view_due_between(struct db *db, civil_day from, civil_day to, size_t limit,
			struct view_rows *out, size_t *count, char *err);

#endif
