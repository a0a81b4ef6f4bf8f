#include "db/document.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/db_internal.h"
#include "db/event.h"
#include "db/task.h"

static bool has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

int64_t db_document_find(struct db *db, const struct notice *n, bool *same_text, char *err)
{
	static const char by_hash[] = "SELECT id FROM document WHERE source_hash = ?1 ORDER BY id LIMIT 1";
	static const char by_number[] =
		"SELECT id FROM document WHERE kind = ?1 AND number = ?2 AND issued_date IS ?3"
		" AND (?4 OR title = ?5) ORDER BY id LIMIT 1";
	int64_t id = 0;
	int rc;
	if (same_text)
		*same_text = false;
	sqlite3_stmt *st = db_prepare(db, by_hash, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, n->hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding a document", err);
	if (id) {
		if (same_text)
			*same_text = true;
		return id;
	}
	if (n->issued == DATE_NONE)
		return 0;
	if (!(st = db_prepare(db, by_number, err)))
		return -1;
	db_bind_text(st, 1, n->kind);
	db_bind_text(st, 2, n->number);
	db_bind_day(st, 3, n->issued);
	sqlite3_bind_int(st, 4, has_digit(n->number));
	db_bind_text(st, 5, n->title);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding a document", err);
	return id;
}

static int add_tasks(struct db *db, int64_t doc_id, const struct notice *n, const struct document_changes *only,
		     char *err)
{
	for (size_t i = 0; i < n->n_units; i++) {
		const struct notice_unit *u = &n->units[i];
		if (u->dropped)
			continue;
		if (only) {
			bool wanted = false;
			for (size_t k = 0; k < only->n; k++)
				wanted = wanted || (only->items[k].kind == CHANGE_NEW &&
						    strcmp(only->items[k].section, u->section) == 0);
			if (!wanted)
				continue;
		}
		struct task t;
		task_init(&t);
		notice_unit_to_task(u, &t);
		t.document_id = doc_id;
		int rc = db_task_add(db, &t, err);
		task_release(&t);
		if (rc)
			return -1;
	}
	return 0;
}

/* Binds n's text fields (kind, number, place, title, signer) to st's
 * parameters at the given places, as they are stored (text_entry). */
static int bind_document_texts(sqlite3_stmt *st, const struct notice *n, const int at[5], char *err)
{
	const char *fields[5] = { *n->kind ? n->kind : "THÔNG BÁO", n->number, n->place, n->title, n->signer };
	static const char *const names[2][5] = {
		{ "loại văn bản", "số văn bản", "địa danh", "trích yếu", "người ký" },
		{ "document kind", "document number", "place", "title", "signer" },
	};
	for (int i = 0; i < 5; i++) {
		char *clean = text_entry(names[i18n_messages()][i], fields[i] ? fields[i] : "", TEXT_OPTIONAL, err);
		if (!clean)
			return -1;
		sqlite3_bind_text(st, at[i], clean, -1, free);
	}
	return 0;
}

/* Every kept unit needs someone to do it: a candidate paragraph kept on the
 * review screen must be given its lead agency first. */
static int check_leads(const struct notice *n, char *err)
{
	for (size_t i = 0; i < n->n_units; i++)
		if (!n->units[i].dropped && n->units[i].n_leads == 0)
			return err_set(err, VI ? "việc %s chưa có cơ quan chủ trì: hãy giao cho một cơ quan hoặc bỏ việc này"
						: "task %s has no lead agency: give it one or drop it", n->units[i].section);
	return 0;
}

int db_document_save(struct db *db, const struct notice *n, int64_t *doc_id, char *err)
{
	static const char sql[] =
		"INSERT INTO document(kind, number, issued_date, place, title, signer, imported_at,"
		" source_text, source_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const int at[5] = { 1, 2, 4, 5, 6 };
	char ts[24];
	if (notice_kept(n) == 0)
		return err_set(err, VI ? "không có gì để lưu: mọi việc của thông báo đã bị bỏ"
					: "nothing to save: every task of the notice was dropped");
	if (check_leads(n, err))
		return -1;
	if (db_begin(db, err))
		return -1;
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st || bind_document_texts(st, n, at, err))
		goto fail;
	db_bind_day(st, 3, n->issued);
	db_bind_text(st, 7, db_timestamp(db, ts));
	db_bind_text(st, 8, n->text);
	db_bind_text(st, 9, n->hash);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, "saving a document", err);
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db_sqlite(db));
	if (add_tasks(db, id, n, NULL, err) || db_commit(db, err))
		goto fail;
	if (doc_id)
		*doc_id = id;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

void document_changes_release(struct document_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].section);
		free(c->items[i].what);
		free(c->items[i].conflicts);
	}
	free(c->items);
	memset(c, 0, sizeof *c);
}

size_t document_changes_count(const struct document_changes *c, enum document_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->items[i].kind == k;
	return n;
}

size_t document_changes_conflicts(const struct document_changes *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += *c->items[i].conflicts != '\0';
	return n;
}

static struct document_change *add_change(struct document_changes *c, enum document_change_kind kind,
					  const char *section, int64_t task_id)
{
	xgrow((void **)&c->items, &c->cap, c->n + 1, sizeof *c->items);
	struct document_change *ch = &c->items[c->n++];
	ch->kind = kind;
	ch->section = xstrdup(section);
	ch->task_id = task_id;
	ch->what = xstrdup("");
	ch->conflicts = xstrdup("");
	return ch;
}

/* Appends "field: old -> new" to *list ("; " between). */
static void note(char **list, const char *field, const char *old, const char *new)
{
	char *s = xasprintf("%s%s%s: %s -> %s", *list, **list ? "; " : "", field, old, new);
	free(*list);
	*list = s;
}

/* ---- one unit as the database would hold it ------------------------------- */

/* The fields a re-import compares, in their stored form: texts cleaned as
 * db_task_add stores them, the deadline with its stored precision, agencies
 * as the ids doing their work today (0: not an agency yet). */
struct fields {
	char *text[2]; /* summary, full text */
	civil_day due;
	enum due_precision precision;
	char *phrase;
	int64_t *ids[2]; /* lead, cooperating */
	size_t n_ids[2];
	char *names[2];  /* "; "-joined, for messages */
};

enum { F_SUMMARY, F_TEXT, F_DUE, F_LEAD, F_COOPERATING, F_COUNT };
static const char *const field_names[F_COUNT] = { "summary", "text", "due", "lead", "cooperating" };

static void fields_release(struct fields *f)
{
	for (int r = 0; r < 2; r++) {
		free(f->text[r]);
		free(f->ids[r]);
		free(f->names[r]);
	}
	free(f->phrase);
	memset(f, 0, sizeof *f);
}

static enum due_precision stored_precision(civil_day due, enum due_precision p)
{
	return due == DATE_NONE ? PRECISION_NONE : p == PRECISION_NONE ? PRECISION_DAY : p;
}

/* A reading's unit in stored form. */
static int unit_fields(struct db *db, const struct notice_unit *u, struct fields *f, char *err)
{
	memset(f, 0, sizeof *f);
	if (!(f->text[0] = text_entry(VI ? "nội dung" : "summary", u->summary, 0, err)) ||
	    !(f->text[1] = text_entry(VI ? "toàn văn" : "full text", u->full_text, TEXT_OPTIONAL | TEXT_MULTILINE, err)) ||
	    !(f->phrase = text_entry(VI ? "cụm từ về hạn" : "deadline phrase", u->due_phrase, TEXT_OPTIONAL, err)))
		return -1;
	f->due = u->due;
	f->precision = stored_precision(u->due, u->precision);
	char *const *names[2] = { u->leads, u->cooperating };
	size_t n[2] = { u->n_leads, u->n_cooperating };
	for (int r = 0; r < 2; r++) {
		f->ids[r] = xcalloc(n[r] ? n[r] : 1, sizeof *f->ids[r]);
		f->n_ids[r] = n[r];
		for (size_t i = 0; i < n[r]; i++)
			if ((f->ids[r][i] = db_agency_current(db, names[r][i], err)) < 0)
				return -1;
		f->names[r] = task_join(names[r], n[r], "; ");
	}
	return 0;
}

/* A task as stored. */
static int task_fields(struct db *db, const struct task *t, struct fields *f, char *err)
{
	static const char sql[] =
		"SELECT agency_id FROM task_agency WHERE task_id = ?1 AND role = ?2 ORDER BY position";
	static const char *const roles[2] = { "lead", "cooperating" };
	memset(f, 0, sizeof *f);
	f->text[0] = xstrdup(t->summary);
	f->text[1] = xstrdup(t->full_text);
	f->phrase = xstrdup(t->due_phrase);
	f->due = t->due;
	f->precision = stored_precision(t->due, t->precision);
	for (int r = 0; r < 2; r++) {
		sqlite3_stmt *st = db_prepare(db, sql, err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, t->id);
		db_bind_text(st, 2, roles[r]);
		size_t cap = 0;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			xgrow((void **)&f->ids[r], &cap, f->n_ids[r] + 1, sizeof *f->ids[r]);
			f->ids[r][f->n_ids[r]++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, "reading a task's agencies", err);
	}
	f->names[0] = task_join(t->leads, t->n_leads, "; ");
	f->names[1] = task_join(t->cooperating, t->n_cooperating, "; ");
	return 0;
}

static bool same_field(const struct fields *a, const struct fields *b, int k)
{
	switch (k) {
	case F_SUMMARY:
	case F_TEXT:
		return strcmp(a->text[k], b->text[k]) == 0;
	case F_DUE:
		return a->due == b->due && a->precision == b->precision;
	default: {
		int r = k - F_LEAD;
		return a->n_ids[r] == b->n_ids[r] &&
		       (!a->n_ids[r] || memcmp(a->ids[r], b->ids[r], a->n_ids[r] * sizeof *a->ids[r]) == 0);
	}
	}
}

/* A field's value for a message ("2024-05-14 (day)", the names, the text). */
static char *field_text(const struct fields *f, int k)
{
	char d[DATE_BUF];
	if (k == F_DUE)
		return xasprintf("%s (%s)", date_format_iso(f->due, d), precision_name(f->precision));
	if (k == F_TEXT)
		return xstrdup("…");
	return xstrdup(k == F_SUMMARY ? f->text[0] : f->names[k - F_LEAD]);
}

/* ---- applying one task's changes ------------------------------------------ */

static int relink(struct db *db, int64_t id, const char *role, char *const *names, size_t n, char *err)
{
	static const char del[] = "DELETE FROM task_agency WHERE task_id = ?1 AND role = ?2";
	static const char ins[] =
		"INSERT OR IGNORE INTO task_agency(task_id, agency_id, role, position) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_prepare(db, del, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, role);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "changing agencies", err);
	for (size_t i = 0; i < n; i++) {
		int64_t agency = db_agency_ensure(db, names[i], err);
		if (agency < 0)
			return -1;
		if (!(st = db_prepare(db, ins, err)))
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, agency);
		db_bind_text(st, 3, role);
		sqlite3_bind_int64(st, 4, (int64_t)i);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, "changing agencies", err);
	}
	return 0;
}

/* Writes the fields marked in apply (F_* bits) from the new reading to task
 * t: agencies first, then ONE update of the row, so its calendar SEQUENCE
 * moves by exactly one however many fields changed (the task_agency
 * triggers bump it per row; the update puts it at one past where it was),
 * and one audit event per field. */
static int apply_fields(struct db *db, const struct task *t, const struct fields *cur, const struct fields *new,
			const struct notice_unit *u, unsigned apply, const char *reason, char *err)
{
	static const char seq_sql[] = "SELECT ical_sequence FROM task WHERE id = ?1";
	static const char upd_sql[] =
		"UPDATE task SET summary = ?2, full_text = ?3, due_date = ?4, due_precision = ?5,"
		" due_phrase = ?6, updated_at = ?7, version = version + 1,"
		" ical_sequence = ?8, ical_modified = ?7 WHERE id = ?1";
	static const char *const roles[2] = { "lead", "cooperating" };
	char ts[24];
	sqlite3_stmt *st = db_prepare(db, seq_sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, t->id);
	int rc = sqlite3_step(st);
	int64_t seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a task", err);
	char *const *names[2] = { u->leads, u->cooperating };
	size_t n[2] = { u->n_leads, u->n_cooperating };
	for (int r = 0; r < 2; r++)
		if ((apply & (1u << (F_LEAD + r))) && relink(db, t->id, roles[r], names[r], n[r], err))
			return -1;
	const struct fields *sum = apply & (1u << F_SUMMARY) ? new : cur;
	const struct fields *txt = apply & (1u << F_TEXT) ? new : cur;
	const struct fields *due = apply & (1u << F_DUE) ? new : cur;
	/* the change trigger adds one when the row's exported columns change */
	bool row_changes = apply & ((1u << F_SUMMARY) | (1u << F_TEXT) | (1u << F_DUE));
	if (!(st = db_prepare(db, upd_sql, err)))
		return -1;
	sqlite3_bind_int64(st, 1, t->id);
	db_bind_text(st, 2, sum->text[0]);
	db_bind_text(st, 3, txt->text[1]);
	db_bind_day(st, 4, due->due);
	db_bind_text(st, 5, precision_name(due->precision));
	db_bind_text(st, 6, due->phrase);
	db_bind_text(st, 7, db_timestamp(db, ts));
	sqlite3_bind_int64(st, 8, row_changes ? seq : seq + 1);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "updating a task", err);
	for (int k = 0; k < F_COUNT; k++) {
		if (!(apply & (1u << k)))
			continue;
		char *o = field_text(cur, k), *nw = field_text(new, k);
		const char *what = k >= F_LEAD ? "assign" : "edit";
		if (k == F_TEXT) { /* the texts are long: the event names the field */
			free(o);
			free(nw);
			o = xstrdup("text");
			nw = xstrdup("text");
		}
		rc = db_event_add(db, t->id, what, o, nw, reason, DATE_NONE, err);
		free(o);
		free(nw);
		if (rc)
			return -1;
	}
	return 0;
}

/* ---- the re-import -------------------------------------------------------- */

/* The previous import's reading of document doc_id: its stored text read
 * again (by this program's reader, like the new one). An empty or unreadable
 * text gives a reading without units. base is zeroed by the caller and
 * holds a reading to release afterwards, whatever happens. */
static int previous_reading(struct db *db, int64_t doc_id, struct notice *base, char *err)
{
	static const char sql[] = "SELECT source_text FROM document WHERE id = ?1";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, doc_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *text = db_column_str(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		char why[ERR_MAX];
		if (len && notice_read(text, len, base, why)) /* (which initialises base) */
			notice_release(base);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(err, VI ? "không có văn bản %lld"
				: "document %lld does not exist", (long long)doc_id)
					 : db_fail(db, "reading a document", err);
	return 0;
}

static const struct notice_unit *unit_of(const struct notice *n, const char *section)
{
	for (size_t i = 0; i < n->n_units; i++)
		if (!n->units[i].dropped && strcmp(n->units[i].section, section) == 0)
			return &n->units[i];
	return NULL;
}

/* Compares unit u (new reading), its previous reading b (NULL: none) and
 * task t field by field: what the notice changed and the clerk did not is
 * applied (with apply) and noted in ch->what; what both changed, differently,
 * is a conflict noted in ch->conflicts and left as the clerk has it; what
 * only the clerk changed is kept without a word. */
static int compare_unit(struct db *db, const struct notice_unit *u, const struct notice_unit *b,
			const struct task *t, bool apply, const char *reason, struct document_change *ch,
			char *err)
{
	struct fields cur, new, base;
	unsigned changed = 0;
	int rc = -1;
	memset(&base, 0, sizeof base);
	if (task_fields(db, t, &cur, err) || unit_fields(db, u, &new, err) ||
	    (b && unit_fields(db, b, &base, err)))
		goto out;
	for (int k = 0; k < F_COUNT; k++) {
		if (same_field(&new, &cur, k) || (b && same_field(&new, &base, k)))
			continue; /* nothing to do, or the notice did not change it */
		char *o = field_text(&cur, k), *nw = field_text(&new, k);
		if (b && same_field(&cur, &base, k)) {
			note(&ch->what, field_names[k], o, nw);
			changed |= 1u << k;
		} else { /* both changed it, or no previous reading tells who did */
			char *c = xasprintf("%s%s%s: notice %s, task %s (kept)", ch->conflicts,
					    *ch->conflicts ? "; " : "", field_names[k], nw, o);
			free(ch->conflicts);
			ch->conflicts = c;
		}
		free(o);
		free(nw);
	}
	if (changed)
		ch->kind = CHANGE_UPDATED;
	rc = changed && apply ? apply_fields(db, t, &cur, &new, u, changed, reason, err) : 0;
out:
	fields_release(&cur);
	fields_release(&new);
	fields_release(&base);
	return rc;
}

int db_document_reimport(struct db *db, int64_t doc_id, const struct notice *n, bool apply,
			 struct document_changes *out, char *err)
{
	static const char set_doc[] =
		"UPDATE document SET source_text = ?2, source_hash = ?3, kind = ?4, number = ?5, place = ?6,"
		" title = ?7, signer = ?8 WHERE id = ?1 AND source_hash IS NOT ?3";
	static const int at[5] = { 4, 5, 6, 7, 8 };
	struct task_list tasks = { 0 };
	struct db_task_query q = { .document_id = doc_id };
	struct notice base = { .issued = DATE_NONE }; /* no units, nothing to free */
	char *label = notice_label(n);
	char *reason = xasprintf("re-import of %s", label);
	int ret = -1;
	bool began = false;
	free(label);
	if (check_leads(n, err))
		goto out;
	if (apply) {
		if (db_begin(db, err))
			goto out;
		began = true;
	}
	if (previous_reading(db, doc_id, &base, err) || db_task_query(db, &q, &tasks, err))
		goto out;
	size_t first = out->n;
	for (size_t i = 0; i < n->n_units; i++) {
		const struct notice_unit *u = &n->units[i];
		if (u->dropped)
			continue;
		const struct task *t = NULL;
		for (size_t k = 0; k < tasks.n && !t; k++)
			if (strcmp(tasks.items[k].section, u->section) == 0)
				t = &tasks.items[k];
		if (!t) {
			add_change(out, CHANGE_NEW, u->section, 0);
			continue;
		}
		struct document_change *ch = add_change(out, CHANGE_UNCHANGED, u->section, t->id);
		if (compare_unit(db, u, unit_of(&base, u->section), t, apply, reason, ch, err))
			goto out;
	}
	for (size_t k = 0; k < tasks.n; k++)
		if (!unit_of(n, tasks.items[k].section))
			add_change(out, CHANGE_GONE, tasks.items[k].section, tasks.items[k].id);
	if (apply) {
		struct document_changes mine = { out->items + first, out->n - first, 0 };
		if (add_tasks(db, doc_id, n, &mine, err))
			goto out;
		/* the text read this time becomes the previous reading (unchanged:
		 * nothing is written) */
		sqlite3_stmt *st = db_prepare(db, set_doc, err);
		if (!st || bind_document_texts(st, n, at, err))
			goto out;
		sqlite3_bind_int64(st, 1, doc_id);
		db_bind_text(st, 2, n->text);
		db_bind_text(st, 3, n->hash);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_fail(db, "updating a document", err);
			goto out;
		}
		if (db_commit(db, err))
			goto out;
		began = false;
	}
	ret = 0;
out:
	if (began)
		db_rollback(db);
	notice_release(&base);
	task_list_release(&tasks);
	free(reason);
	return ret;
}
