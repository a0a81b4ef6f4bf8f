#include "db/document.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
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
	static const char *const names[5] = { "document kind", "document number", "place", "title", "signer" };
	for (int i = 0; i < 5; i++) {
		char *clean = text_entry(names[i], fields[i] ? fields[i] : "", TEXT_OPTIONAL, err);
		if (!clean)
			return -1;
		sqlite3_bind_text(st, at[i], clean, -1, free);
	}
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
		return err_set(err, "nothing to save: every task of the notice was dropped");
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

static struct document_change *add_change(struct document_changes *c, enum document_change_kind kind,
					  const char *section, int64_t task_id)
{
	xgrow((void **)&c->items, &c->cap, c->n + 1, sizeof *c->items);
	struct document_change *ch = &c->items[c->n++];
	ch->kind = kind;
	ch->section = xstrdup(section);
	ch->task_id = task_id;
	ch->what = xstrdup("");
	return ch;
}

static void note_change(struct document_change *ch, const char *field, const char *old, const char *new)
{
	char *what = xasprintf("%s%s%s: %s -> %s", ch->what, *ch->what ? "; " : "", field, old, new);
	free(ch->what);
	ch->what = what;
	ch->kind = CHANGE_UPDATED;
}

static bool same_names(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static int exec_update(struct db *db, int64_t id, const char *column, const char *value, char *err)
{
	/* column comes from a fixed list below, never from data */
	char *sql = xasprintf("UPDATE task SET %s = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1", column);
	char ts[24];
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(db, "updating a task", err);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, value);
	db_bind_text(st, 3, db_timestamp(db, ts));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "updating a task", err);
}

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

/* Compares unit u with task t; with apply, writes the differences. */
static int compare_unit(struct db *db, const struct notice_unit *u, const struct task *t, bool apply,
			const char *reason, struct document_change *ch, char *err)
{
	char od[DATE_BUF], nd[DATE_BUF];
	const char *old_prec = precision_name(t->due == DATE_NONE ? PRECISION_NONE : t->precision);
	const char *new_prec = precision_name(u->due == DATE_NONE ? PRECISION_NONE : u->precision);
	if (strcmp(t->summary, u->summary) != 0) {
		note_change(ch, "summary", t->summary, u->summary);
		if (apply && (exec_update(db, t->id, "summary", u->summary, err) ||
			      db_event_add(db, t->id, "edit", t->summary, u->summary, reason, DATE_NONE, err)))
			return -1;
	}
	if (strcmp(t->full_text, u->full_text) != 0) {
		note_change(ch, "text", "…", "…");
		if (apply && (exec_update(db, t->id, "full_text", u->full_text, err) ||
			      db_event_add(db, t->id, "edit", "text", "text", reason, DATE_NONE, err)))
			return -1;
	}
	if (t->due != u->due || strcmp(old_prec, new_prec) != 0) {
		char *o = xasprintf("%s (%s)", date_format_iso(t->due, od), old_prec);
		char *nw = xasprintf("%s (%s)", date_format_iso(u->due, nd), new_prec);
		note_change(ch, "due", o, nw);
		int rc = 0;
		if (apply)
			rc = exec_update(db, t->id, "due_date", u->due == DATE_NONE ? NULL : nd, err) ||
			     exec_update(db, t->id, "due_precision", new_prec, err) ||
			     exec_update(db, t->id, "due_phrase", u->due_phrase, err) ||
			     db_event_add(db, t->id, "edit", o, nw, reason, DATE_NONE, err);
		free(o);
		free(nw);
		if (rc)
			return -1;
	}
	const char *roles[2] = { "lead", "cooperating" };
	char *const *old_names[2] = { t->leads, t->cooperating };
	size_t old_n[2] = { t->n_leads, t->n_cooperating };
	char *const *new_names[2] = { u->leads, u->cooperating };
	size_t new_n[2] = { u->n_leads, u->n_cooperating };
	for (int r = 0; r < 2; r++) {
		if (same_names(old_names[r], old_n[r], new_names[r], new_n[r]))
			continue;
		char *o = task_join(old_names[r], old_n[r], "; ");
		char *nw = task_join(new_names[r], new_n[r], "; ");
		note_change(ch, roles[r], o, nw);
		int rc = apply && (relink(db, t->id, roles[r], new_names[r], new_n[r], err) ||
				   exec_update(db, t->id, "section", t->section, err) ||
				   db_event_add(db, t->id, "assign", o, nw, reason, DATE_NONE, err));
		free(o);
		free(nw);
		if (rc)
			return -1;
	}
	return 0;
}

int db_document_reimport(struct db *db, int64_t doc_id, const struct notice *n, bool apply,
			 struct document_changes *out, char *err)
{
	static const char set_doc[] =
		"UPDATE document SET source_text = ?2, source_hash = ?3, title = ?4, signer = ?5 WHERE id = ?1";
	struct task_list tasks = { 0 };
	struct db_task_query q = { .document_id = doc_id };
	char *label = notice_label(n);
	char *reason = xasprintf("re-import of %s", label);
	int ret = -1;
	bool began = false;
	free(label);
	if (apply) {
		if (db_begin(db, err))
			goto out;
		began = true;
	}
	if (db_task_query(db, &q, &tasks, err))
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
		if (compare_unit(db, u, t, apply, reason, ch, err))
			goto out;
	}
	for (size_t k = 0; k < tasks.n; k++) {
		bool found = false;
		for (size_t i = 0; i < n->n_units && !found; i++)
			found = !n->units[i].dropped && strcmp(tasks.items[k].section, n->units[i].section) == 0;
		if (!found)
			add_change(out, CHANGE_GONE, tasks.items[k].section, tasks.items[k].id);
	}
	if (apply) {
		struct document_changes mine = { out->items + first, out->n - first, 0 };
		if (add_tasks(db, doc_id, n, &mine, err))
			goto out;
		sqlite3_stmt *st = db_prepare(db, set_doc, err);
		if (!st)
			goto out;
		sqlite3_bind_int64(st, 1, doc_id);
		db_bind_text(st, 2, n->text);
		db_bind_text(st, 3, n->hash);
		db_bind_text(st, 4, n->title);
		db_bind_text(st, 5, n->signer);
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
	task_list_release(&tasks);
	free(reason);
	return ret;
}
