/* db/document: imported notices and the tasks read from them.
 *
 * A notice read by core/notice becomes one `document` row (with its source
 * text and the hash of that text) and one task per kept unit, saved in ONE
 * transaction: either everything is saved or nothing is. Importing the same
 * notice again is recognised (same text, or same number and issue date) so
 * that nothing is duplicated; db_document_reimport() says which tasks
 * changed and, when asked, updates them (with their audit events). */
#ifndef HANCHOT_DB_DOCUMENT_H
#define HANCHOT_DB_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/notice.h"
#include "db/db.h"

/* An earlier import of the notice n: the document with the same source hash,
 * else one with the same kind, number and issue date (only when the number
 * holds a digit: a blank "/TB-UBND" number also needs the same title).
 * Returns its id, 0 when none, -1 with err on a database error. *same_text
 * (may be NULL) says whether the match was on the text itself. */
int64_t db_document_find(struct db *db, const struct notice *n, bool *same_text, char *err);

/* Saves n and its kept (not dropped) units as tasks, all in one transaction.
 * Sets *doc_id (may be NULL). Refuses (-1, err) a notice with no kept unit;
 * on any failure nothing is saved. Agencies unknown to the database are
 * created through db_agency_ensure() (matched on their key). */
int db_document_save(struct db *db, const struct notice *n, int64_t *doc_id, char *err);

enum document_change_kind {
	CHANGE_UNCHANGED, /* nothing of the notice's to apply to the task */
	CHANGE_UPDATED,   /* the notice changed its summary, text, deadline or agencies */
	CHANGE_NEW,       /* a unit with no task of the same section */
	CHANGE_GONE,      /* a task whose section the new reading lacks (kept as is) */
};

struct document_change {
	enum document_change_kind kind;
	char *section;
	int64_t task_id;  /* 0 for CHANGE_NEW before it is applied */
	char *what;       /* "due: 2024-05-07 (day) -> 2024-05-10 (day); lead: …", "" when none */
	/* fields the notice and the clerk both changed, kept as the clerk has
	 * them: "due: notice 2024-05-20 (day), task 2024-06-30 (day) (kept)";
	 * "" when none (any kind may have some) */
	char *conflicts;
};

struct document_changes {
	struct document_change *items;
	size_t n, cap;
};
void document_changes_release(struct document_changes *c);
/* How many changes are of kind k; how many have conflicts. */
size_t document_changes_count(const struct document_changes *c, enum document_change_kind k);
size_t document_changes_conflicts(const struct document_changes *c);

/* Compares the kept units of n with what the previous import of document
 * doc_id read (its stored source text, read again) and with the document's
 * tasks, matched by section, field by field (summary, text, deadline, lead
 * and cooperating agencies), and appends one change per section to out
 * (caller releases):
 * - a field the notice did not change is left as the task has it, so what
 *   the clerk changed since (an extension, agencies) is kept, and an
 *   unchanged notice changes nothing;
 * - a field the notice changed and the clerk did not is updated;
 * - a field both changed is a conflict: listed with both values, the
 *   clerk's kept.
 * With apply, in one transaction: each changed task gets its agencies
 * relinked and ONE update of its row (its calendar SEQUENCE moves by one) and
 * one 'edit' or 'assign' event per field, the reason naming the re-import;
 * new units are added as tasks; a changed text becomes the document's source
 * text. Tasks whose section vanished are left alone (reported GONE). Status,
 * completion, notes and history are never touched. */
int db_document_reimport(struct db *db, int64_t doc_id, const struct notice *n, bool apply,
			 struct document_changes *out, char *err);

#endif
