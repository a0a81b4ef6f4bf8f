/* db/publish: keeps a CalDAV collection equal to the calendar export, one
 * resource per component (NAME.ics, NAME its UID: the task's uuid for the
 * VEVENT, uuid-todo for the VTODO, as core/ical writes them), sending only
 * what changed since the last publish to that collection.
 *
 * What was put is recorded per resource in caldav_resource (migration 8):
 * the task, the SEQUENCE and options key its text was built from, the ETag
 * the server answered. A resource whose task's SEQUENCE or the options
 * changed is PUT again with If-Match on that ETag; a new one with
 * If-None-Match: *; one whose task left the feed (deleted, no deadline,
 * cancelled in the event feed) is DELETEd. A 412 (someone edited the event on
 * the server) is overwritten, with a warning naming the task. After a
 * complete publish caldav_collection notes the ical_state generation, so the
 * next publish with nothing changed sends no request at all. A refusal or a
 * network failure stops the publish with a message; what was done is
 * recorded, so the next publish sends the rest. */
#ifndef HANCHOT_DB_PUBLISH_H
#define HANCHOT_DB_PUBLISH_H

#include <stddef.h>

#include "core/caldav.h"
#include "core/ical.h"
#include "db/db.h"

struct db_publish_stats {
	size_t put;         /* resources created or updated */
	size_t deleted;
	size_t overwritten; /* of put and deleted: changed on the server, overwritten */
	size_t todo;        /* requests this publish had to make */
};

/* Told about the publish as it goes: progress(ctx, k, n) after each
 * request (k of n); warn(ctx, line) for each resource overwritten. Either
 * may be NULL. */
struct db_publish_report {
	void (*progress)(void *ctx, size_t done, size_t total);
	void (*warn)(void *ctx, const char *line);
	void *ctx;
};

/* Publishes to dav's collection (made first when this database has never
 * published there) what an unfiltered export with opt writes. Returns 0, or
 * -1 with a message naming the URL and the HTTP status or network error.
 * stats may be NULL. */
int db_publish(struct db *db, struct caldav *dav, const struct ical_options *opt,
	       const struct db_publish_report *report, struct db_publish_stats *stats, char *err);

/* Whether a publish to url (as given or as caldav_url() spells it) with opt
 * has nothing to send: the last one there was complete and nothing the
 * calendar shows changed since. Two small reads. 0, or -1 with a message. */
int db_publish_is_fresh(struct db *db, const char *url, const struct ical_options *opt, bool *fresh, char *err);

#endif
