#include "db/publish.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/task.h"
#include "core/xalloc.h"
#include "db/db_internal.h"
#include "db/export.h"

/* A resource caldav_resource says is in the collection. */
struct resource {
	char *name, *etag; /* etag NULL: the server gave none */
	int64_t task_id, sequence, options;
	bool seen;         /* the feed still holds it */
};

/* A resource to put: task_id's component of kind, named name. */
struct wanted {
	int64_t task_id;
	enum ical_kind kind;
	char *name;
	struct resource *old; /* NULL: new */
};

/* What the server took, to record: a resource put (etag), or deleted. */
struct done {
	char *name, *etag;
	int64_t task_id, sequence;
	bool deleted;
};

/* Results are recorded DONE_BATCH at a time, each batch one short
 * transaction: one commit (an fsync) per request would cost more than the
 * request, and a transaction held across requests would hold other
 * writers as long as the server takes. */
#define DONE_BATCH 64

/* One publish as it goes. */
struct pub {
	struct db *db;
	struct caldav *dav;
	const char *url;
	int64_t key;
	struct resource *have;
	size_t n_have;
	struct wanted *put;
	size_t n_put, cap_put;
	struct ical_prepared *prep[2]; /* event only, todo only */
	struct ical_scratch *scratch;
	struct db_task_links *links; /* read once, for every task put */
	struct strbuf header, text;
	char *footer;
	const struct db_publish_report *report;
	struct db_publish_stats *stats;
	size_t done;
	const char *calendar_name;
	bool made;     /* the collection was checked (made when missing) */
	struct done pending[DONE_BATCH];
	size_t n_pending;
};

static void pub_release(struct pub *p)
{
	for (size_t i = 0; i < p->n_have; i++) {
		free(p->have[i].name);
		free(p->have[i].etag);
	}
	for (size_t i = 0; i < p->n_put; i++)
		free(p->put[i].name);
	free(p->have);
	free(p->put);
	ical_prepared_free(p->prep[0]);
	ical_prepared_free(p->prep[1]);
	ical_scratch_free(p->scratch);
	db_task_links_free(p->links);
	strbuf_release(&p->header);
	strbuf_release(&p->text);
	free(p->footer);
}

/* Whether the last complete publish to the collection saw this generation
 * with these options: then nothing is to be sent. *gen: the generation now. */
static int is_fresh(struct pub *p, int64_t *gen, bool *fresh, char *err)
{
	static const char sql[] = "SELECT s.generation, c.options, c.generation FROM ical_state s"
				  " LEFT JOIN caldav_collection c ON c.url = ?1 WHERE s.id = 1";
	sqlite3_stmt *st = db_prepare(p->db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, p->url);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*gen = sqlite3_column_int64(st, 0);
		*fresh = sqlite3_column_type(st, 1) != SQLITE_NULL && sqlite3_column_int64(st, 1) == p->key &&
			 sqlite3_column_int64(st, 2) == *gen;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(p->db, "reading the publish state", err);
}

int db_publish_is_fresh(struct db *db, const char *url, const struct ical_options *opt, bool *fresh, char *err)
{
	size_t n = strlen(url);
	char *slashed = xmalloc(n + 2);
	memcpy(slashed, url, n + 1);
	if (n && url[n - 1] != '/')
		strcpy(slashed + n, "/");
	struct pub p = { .db = db, .url = slashed, .key = (int64_t)db_export_options_key(opt) };
	int64_t gen;
	*fresh = false;
	int rc = is_fresh(&p, &gen, fresh, err);
	free(slashed);
	return rc;
}

static int load_resources(struct pub *p, char *err)
{
	static const char sql[] = "SELECT name, etag, task_id, sequence, options FROM caldav_resource"
				  " WHERE url = ?1 ORDER BY name";
	size_t cap = 0;
	sqlite3_stmt *st = db_prepare(p->db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, p->url);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&p->have, &cap, p->n_have + 1, sizeof *p->have);
		struct resource *r = &p->have[p->n_have++];
		r->name = xstrdup(db_column_str(st, 0));
		r->etag = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL : xstrdup(db_column_str(st, 1));
		r->task_id = sqlite3_column_int64(st, 2);
		r->sequence = sqlite3_column_int64(st, 3);
		r->options = sqlite3_column_int64(st, 4);
		r->seen = false;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(p->db, "reading the publish state", err);
}

static int by_name(const void *key, const void *item)
{
	return strcmp(key, ((const struct resource *)item)->name);
}

/* Notes the component kind of task (id, uuid, sequence) as part of the feed:
 * to put when the collection does not hold it as it is now. */
static void want(struct pub *p, int64_t id, const char *uuid, int64_t sequence, enum ical_kind kind)
{
	char name[TASK_UUID_LEN + 16];
	snprintf(name, sizeof name, "%s%s.ics", uuid, kind == ICAL_KIND_TODO ? "-todo" : "");
	struct resource *r = bsearch(name, p->have, p->n_have, sizeof *p->have, by_name);
	if (r)
		r->seen = true;
	if (r && r->task_id == id && r->sequence == sequence && r->options == p->key)
		return;
	xgrow((void **)&p->put, &p->cap_put, p->n_put + 1, sizeof *p->put);
	p->put[p->n_put++] = (struct wanted){ .task_id = id, .kind = kind, .name = xstrdup(name), .old = r };
}

/* The feed: what an unfiltered export writes (core/ical: a cancelled task
 * has a VTODO but no VEVENT). */
static int scan_tasks(struct pub *p, enum ical_kind kind, char *err)
{
	static const char sql[] = "SELECT id, uuid, ical_sequence, status = 'cancelled' FROM task"
				  " WHERE due_date IS NOT NULL ORDER BY id";
	sqlite3_stmt *st = db_prepare(p->db, sql, err);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *uuid = db_column_str(st, 1);
		/* a name the calendar's UID can be (a uuid edited by hand may not) */
		if (!*uuid || strlen(uuid) > TASK_UUID_LEN || strcspn(uuid, "/\\?#%\"<> ") != strlen(uuid))
			continue;
		int64_t id = sqlite3_column_int64(st, 0), seq = sqlite3_column_int64(st, 2);
		if ((kind & ICAL_KIND_EVENT) && !sqlite3_column_int(st, 3))
			want(p, id, uuid, seq, ICAL_KIND_EVENT);
		if (kind & ICAL_KIND_TODO)
			want(p, id, uuid, seq, ICAL_KIND_TODO);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(p->db, "reading tasks to publish", err);
}

/* Records what is pending, in one transaction. */
static int flush(struct pub *p, char *err)
{
	static const char put_sql[] = "INSERT OR REPLACE INTO caldav_resource(url, name, task_id, sequence, options, etag)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char del_sql[] = "DELETE FROM caldav_resource WHERE url = ?1 AND name = ?2";
	int rc = 0;
	if (!p->n_pending)
		return 0;
	if (db_begin(p->db, err))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < p->n_pending; i++) {
		const struct done *d = &p->pending[i];
		sqlite3_stmt *st = db_prepare(p->db, d->deleted ? del_sql : put_sql, err);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_text(st, 1, p->url);
		db_bind_text(st, 2, d->name);
		if (!d->deleted) {
			sqlite3_bind_int64(st, 3, d->task_id);
			sqlite3_bind_int64(st, 4, d->sequence);
			sqlite3_bind_int64(st, 5, p->key);
			db_bind_text(st, 6, d->etag);
		}
		int step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE)
			rc = db_fail(p->db, "recording what was published", err);
	}
	if (rc == 0)
		rc = db_commit(p->db, err);
	else
		db_rollback(p->db);
	for (size_t i = 0; i < p->n_pending; i++) {
		free(p->pending[i].name);
		free(p->pending[i].etag);
	}
	p->n_pending = 0;
	return rc;
}

/* Notes what the server took (etag "" or NULL: none given); recorded by
 * the next flush. */
static int record(struct pub *p, const char *name, int64_t task_id, int64_t sequence, const char *etag,
		  bool deleted, char *err)
{
	p->pending[p->n_pending++] = (struct done){ .name = xstrdup(name), .etag = etag && *etag ? xstrdup(etag) : NULL,
						    .task_id = task_id, .sequence = sequence, .deleted = deleted };
	return p->n_pending == DONE_BATCH ? flush(p, err) : 0;
}

static void progress(struct pub *p)
{
	p->done++;
	if (p->report && p->report->progress)
		p->report->progress(p->report->ctx, p->done, p->stats->todo);
}

/* "task 12 (Sở KH&ĐT: Báo cáo vốn…): changed on the server, overwritten" */
static void warn(struct pub *p, int64_t task_id, const char *summary, const char *what)
{
	char line[ERR_MAX];
	size_t n = summary ? strlen(summary) : 0;
	if (n > 60) /* on a character boundary */
		for (n = 60; n && ((unsigned char)summary[n] & 0xC0) == 0x80; n--)
			;
	p->stats->overwritten++;
	if (!p->report || !p->report->warn)
		return;
	if (n)
		snprintf(line, sizeof line, VI ? "việc %" PRId64 " (%.*s%s): %s" : "task %" PRId64 " (%.*s%s): %s", task_id, (int)n, summary,
			 summary[n] ? "…" : "", what);
	else
		snprintf(line, sizeof line, VI ? "việc %" PRId64 ": %s" : "task %" PRId64 ": %s", task_id, what);
	p->report->warn(p->report->ctx, line);
}

static bool success(long status) { return status >= 200 && status <= 299; }

/* The resource's whole text: a VCALENDAR holding the one component. */
static int build(struct pub *p, const struct wanted *w, struct task *t, int64_t sequence, char *err)
{
	strbuf_truncate(&p->text, 0);
	strbuf_addn(&p->text, p->header.p, p->header.len);
	size_t at = p->text.len;
	if (ical_task_text(&p->text, t, sequence, p->prep[w->kind == ICAL_KIND_TODO], p->scratch, err))
		return -1;
	if (p->text.len == at)
		return 1; /* nothing to write (no longer in the feed) */
	strbuf_add(&p->text, p->footer);
	return 0;
}

/* PUTs w: created with If-None-Match: *, updated with If-Match on the ETag
 * last seen; a 412 (edited or made on the server) is overwritten. */
static int put_one(struct pub *p, const struct wanted *w, char *err)
{
	struct task t;
	struct caldav_reply r;
	int64_t sequence = 0;
	task_init(&t);
	int rc = db_export_read_task(p->db, p->links, w->task_id, &t, &sequence, err);
	if (rc == 1)
		rc = build(p, w, &t, sequence, err);
	else if (rc == 0)
		rc = 1; /* deleted meanwhile: the next publish removes it */
	if (rc == 1)
		rc = 0;
	else if (rc == 0) {
		enum caldav_cond cond = !w->old ? CALDAV_CREATE : w->old->etag ? CALDAV_MATCH : CALDAV_ANY;
		rc = caldav_put(p->dav, w->name, p->text.p, p->text.len, cond, w->old ? w->old->etag : NULL, &r, err);
		if (rc == 0 && (r.status == 404 || r.status == 409) && !p->made) {
			/* the collection is gone (removed on the server, a new server) */
			p->made = true;
			rc = caldav_make_collection(p->dav, p->calendar_name, err);
			if (rc == 0)
				rc = caldav_put(p->dav, w->name, p->text.p, p->text.len, cond,
						w->old ? w->old->etag : NULL, &r, err);
		}
		if (rc == 0 && r.status == 412) {
			warn(p, t.id, t.summary,
			     cond == CALDAV_CREATE ? (VI ? "đã có trên máy chủ: đã thay" : "already on the server: replaced")
			     : VI ? "đã bị sửa hoặc xoá trên máy chủ: đã ghi đè"
				  : "changed or removed on the server: overwritten");
			rc = caldav_put(p->dav, w->name, p->text.p, p->text.len, CALDAV_ANY, NULL, &r, err);
		}
		if (rc == 0 && !success(r.status))
			rc = caldav_status_error(caldav_url(p->dav), r.status, err);
		if (rc == 0 && !(rc = record(p, w->name, w->task_id, sequence, r.etag, false, err)))
			p->stats->put++;
	}
	task_release(&t);
	return rc;
}

/* DELETEs r, which left the feed (If-Match on its ETag; an edited one goes
 * all the same: its task is gone from the calendar). */
static int delete_one(struct pub *p, const struct resource *r, char *err)
{
	struct caldav_reply reply;
	enum caldav_cond cond = r->etag ? CALDAV_MATCH : CALDAV_ANY;
	int rc = caldav_delete(p->dav, r->name, cond, r->etag, &reply, err);
	if (rc == 0 && reply.status == 412) {
		warn(p, r->task_id, NULL, VI ? "đã bị sửa trên máy chủ: vẫn xoá, vì việc đã rời khỏi lịch"
					       : "changed on the server: deleted all the same, as it left the calendar");
		rc = caldav_delete(p->dav, r->name, CALDAV_ANY, NULL, &reply, err);
	}
	if (rc == 0 && !success(reply.status) && reply.status != 404)
		rc = caldav_status_error(caldav_url(p->dav), reply.status, err);
	if (rc == 0 && !(rc = record(p, r->name, r->task_id, 0, NULL, true, err)))
		p->stats->deleted++;
	return rc;
}

static int note_complete(struct pub *p, int64_t gen, char *err)
{
	static const char sql[] = "INSERT OR REPLACE INTO caldav_collection(url, options, generation) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = db_prepare(p->db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, p->url);
	sqlite3_bind_int64(st, 2, p->key);
	sqlite3_bind_int64(st, 3, gen);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(p->db, "recording what was published", err);
}

/* What the resources are built with: options for one kind each, the header
 * and footer around a component. */
static int prepare(struct pub *p, const struct ical_options *opt, char *err)
{
	if (ical_load(err))
		return -1;
	struct ical_options one = *opt;
	one.kind = ICAL_KIND_EVENT;
	if (!(p->prep[0] = ical_prepared_new(&one, err)))
		return -1;
	one.kind = ICAL_KIND_TODO;
	if (!(p->prep[1] = ical_prepared_new(&one, err)))
		return -1;
	p->scratch = ical_scratch_new();
	ical_calendar_text(opt, &p->header, &p->footer);
	return (p->links = db_export_links(p->db, err)) ? 0 : -1;
}

int db_publish(struct db *db, struct caldav *dav, const struct ical_options *opt,
	       const struct db_publish_report *report, struct db_publish_stats *stats, char *err)
{
	struct db_publish_stats local;
	struct pub p = { .db = db, .dav = dav, .url = caldav_url(dav), .report = report,
			 .stats = stats ? stats : &local, .header = STRBUF_INIT, .text = STRBUF_INIT };
	int64_t gen = 0;
	bool fresh = false;
	int rc = -1;
	memset(p.stats, 0, sizeof *p.stats);
	if (ical_options_check(opt, err))
		return -1;
	p.key = (int64_t)db_export_options_key(opt);
	if (is_fresh(&p, &gen, &fresh, err))
		return -1;
	if (fresh)
		return 0;
	p.calendar_name = opt->calendar_name ? opt->calendar_name : "hanchot";
	p.made = false;
	if (load_resources(&p, err) ||
	    (!p.n_have && (p.made = true) && caldav_make_collection(dav, p.calendar_name, err)) ||
	    scan_tasks(&p, opt->kind ? opt->kind : ICAL_KIND_EVENT, err))
		goto out;
	for (size_t i = 0; i < p.n_have; i++)
		p.stats->todo += !p.have[i].seen;
	p.stats->todo += p.n_put;
	if (p.n_put && prepare(&p, opt, err))
		goto out;
	for (size_t i = 0; i < p.n_put; i++, progress(&p))
		if (put_one(&p, &p.put[i], err))
			goto out;
	for (size_t i = 0; i < p.n_have; i++)
		if (!p.have[i].seen) {
			if (delete_one(&p, &p.have[i], err))
				goto out;
			progress(&p);
		}
	rc = flush(&p, err) ? -1 : note_complete(&p, gen, err);
out:
	if (rc) { /* what the server took is kept all the same */
		char ignored[ERR_MAX];
		flush(&p, ignored);
	}
	pub_release(&p);
	return rc;
}
