#include "db/view.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "db/db_internal.h"

/* ---- folding ------------------------------------------------------------
 * A small static fold for search until core/text's text_fold lands: every
 * precomposed Vietnamese letter maps to its base letter, combining marks
 * (U+0300..U+036F, what NFD text carries) are dropped. */

#define FOLD_MAX 0x1f00
static unsigned char fold_map[FOLD_MAX];
static bool fold_ready;

static const struct {
	char base;
	const char *letters;
} fold_letters[] = {
	{ 'a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ" },
	{ 'e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ" },
	{ 'i', "ìíỉĩịÌÍỈĨỊ" },
	{ 'o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ" },
	{ 'u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ" },
	{ 'y', "ỳýỷỹỵỲÝỶỸỴ" },
	{ 'd', "đĐ" },
};

/* Decodes one UTF-8 sequence; returns its length (1 for an invalid byte,
 * with *cp = 0xfffd). */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0)
		n = 2, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 3, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 4, c &= 0x07;
	else {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return n;
}

static void fold_init(void)
{
	for (size_t i = 0; i < sizeof fold_letters / sizeof fold_letters[0]; i++) {
		const unsigned char *p = (const unsigned char *)fold_letters[i].letters;
		while (*p) {
			unsigned cp;
			p += utf8_next(p, &cp);
			if (cp < FOLD_MAX)
				fold_map[cp] = (unsigned char)fold_letters[i].base;
		}
	}
	fold_ready = true;
}

static size_t fold_into(const char *in, char *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	if (!fold_ready)
		fold_init();
	while (*s) {
		unsigned cp;
		size_t n = utf8_next(s, &cp);
		if (cp < 0x20 || cp == 0x7f)
			out[o++] = ' ';
		else if (cp < 0x80)
			out[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		else if (cp >= 0x300 && cp <= 0x36f)
			; /* combining mark */
		else if (cp < FOLD_MAX && fold_map[cp])
			out[o++] = (char)fold_map[cp];
		else {
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	out[o] = '\0';
	return o;
}

char *db_view_fold(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	fold_into(s, out);
	return out;
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	char small[512];
	size_t len = strlen(s);
	char *out = len < sizeof small ? small : xmalloc(len + 1);
	size_t n = fold_into(s, out);
	sqlite3_result_text(ctx, out, (int)n, SQLITE_TRANSIENT);
	if (out != small)
		free(out);
}

int db_view_init(struct db *db, char *err)
{
	if (sqlite3_create_function_v2(db_sqlite(db), "hc_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       sql_fold, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "registering the search function", err);
	return 0;
}

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
		free(list->items[i].name);
	free(list->items);
	memset(list, 0, sizeof *list);
}

#define ROW_COLS \
	"t.id, t.version, t.section, t.summary," \
	" (SELECT group_concat(name, '; ') FROM (SELECT a.name FROM task_agency ta" \
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
	" AND (?5 IS NULL OR instr(hc_fold(t.section || ' ' || t.summary), ?5) > 0)"

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

int db_view_count(struct db *db, const struct view_query *q, size_t *out, char *err)
{
	static const char sql[] = "SELECT count(*) FROM task t WHERE" FILTER;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	bind_query(st, q);
	return scalar(db, st, out, err);
}

int db_view_page(struct db *db, const struct view_query *q, size_t offset, size_t limit,
		 struct view_rows *out, char *err)
{
	sqlite3_stmt *st = db_prepare(db, page_sql[q->sort < SORT_COUNT ? q->sort : 0], err);
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

int db_view_totals(struct db *db, civil_day today, civil_day warn_until, struct view_totals *out,
		   char *err)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(o), 0), coalesce(sum(o AND d < ?1), 0),"
		" coalesce(sum(o AND d = ?1), 0), coalesce(sum(o AND d > ?1 AND d <= ?2), 0)"
		" FROM (SELECT status NOT IN ('done','cancelled') AS o, due_date AS d FROM task)";
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
		"SELECT a.id, a.name, coalesce(a.successor_id, 0), coalesce(c.open, 0), coalesce(c.late, 0)"
		" FROM agency a LEFT JOIN (SELECT ta.agency_id AS id, count(*) AS open,"
		"   sum(t.due_date < ?1) AS late FROM task t JOIN task_agency ta ON ta.task_id = t.id"
		"   AND ta.role = 'lead' WHERE " OPEN " GROUP BY ta.agency_id) c ON c.id = a.id"
		" ORDER BY coalesce(c.open, 0) DESC, a.name";
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
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading agencies", err);
}

int db_view_due_between(struct db *db, civil_day from, civil_day to, size_t limit,
			struct view_rows *out, size_t *count, char *err)
{
	static const char rows_sql[] =
		"SELECT " ROW_COLS " FROM task t WHERE " OPEN " AND t.due_date BETWEEN ?1 AND ?2"
		" ORDER BY t.due_date, t.id LIMIT ?3";
	static const char count_sql[] =
		"SELECT count(*) FROM task t WHERE " OPEN " AND t.due_date BETWEEN ?1 AND ?2";
	sqlite3_stmt *st = db_prepare(db, count_sql, err);
	if (!st)
		return -1;
	db_bind_day(st, 1, from);
	db_bind_day(st, 2, to);
	if (scalar(db, st, count, err))
		return -1;
	if (!(st = db_prepare(db, rows_sql, err)))
		return -1;
	db_bind_day(st, 1, from);
	db_bind_day(st, 2, to);
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	return read_rows(db, st, out, err);
}
