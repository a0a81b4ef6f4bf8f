/* caldav: a CalDAV (RFC 4791) client for one calendar collection, through
 * libcurl: making the collection, putting and deleting its resources with the
 * preconditions that keep a server-side edit from being lost unseen.
 *
 * libcurl is opened when the first client is made (as core/ical opens
 * libical), so the commands that publish nothing do not load it and
 * OpenSSL. One client keeps its connection open from one request to the
 * next (HTTP keep-alive). HTTPS certificates are checked; plain http:// is
 * refused unless the host is this machine (localhost, 127.0.0.0/8, ::1) or
 * allow_http is set. Redirects are not followed, and a resource name is
 * URL-escaped, so a request never leaves the collection. Nothing here reads
 * the database or prints. */
#ifndef HANCHOT_CALDAV_H
#define HANCHOT_CALDAV_H

#include <stdbool.h>
#include <stddef.h>

struct caldav_login {
	const char *url;      /* the collection, http(s)://…/ (a missing final '/' is added) */
	const char *user;     /* NULL: no authentication */
	const char *password; /* with user */
	bool allow_http;      /* plain HTTP to another machine */
	long timeout;         /* seconds a request may take; 0: 60 */
};

struct caldav;

/* A client for login's collection (the strings are copied). NULL with a
 * message naming the URL when it is not http(s), is plain HTTP to another
 * machine without allow_http, or libcurl cannot be loaded. Free with
 * caldav_free(). */
struct caldav *caldav_new(const struct caldav_login *login, char *err);
void caldav_free(struct caldav *c);
/* The collection's URL, ending in '/'. */
const char *caldav_url(const struct caldav *c);

#define CALDAV_ETAG_MAX 256

/* What the server answered: the HTTP status and the ETag header ("" when
 * none, or longer than CALDAV_ETAG_MAX - 1). */
struct caldav_reply {
	long status;
	char etag[CALDAV_ETAG_MAX];
};

/* The precondition of a PUT or DELETE. */
enum caldav_cond {
	CALDAV_ANY,    /* none: overwrite, delete whatever is there */
	CALDAV_CREATE, /* If-None-Match: * (only when the resource does not exist) */
	CALDAV_MATCH,  /* If-Match: the ETag given (only when nobody changed it since) */
};

/* PUTs body (text/calendar) as the resource name (e.g. "UID.ics") of the
 * collection, or DELETEs it. Returns 0 with r filled whatever the status, or
 * -1 with a message naming the URL when no answer came (no route, refused,
 * timed out, TLS failure). */
int caldav_put(struct caldav *c, const char *name, const char *body, size_t len, enum caldav_cond cond,
	       const char *etag, struct caldav_reply *r, char *err);
int caldav_delete(struct caldav *c, const char *name, enum caldav_cond cond, const char *etag,
		  struct caldav_reply *r, char *err);

/* Makes the collection when it does not exist (PROPFIND, then MKCALENDAR
 * with display_name). Returns 0, or -1 with a message naming the URL and the
 * status ("publish 'https://…/': HTTP 401 (…)") or why no answer came. */
int caldav_make_collection(struct caldav *c, const char *display_name, char *err);

/* A message for an HTTP status that is not success, naming url: "publish
 * 'URL': HTTP 401 unauthorized: check publish_user and the password file".
 * Returns -1. */
int caldav_status_error(const char *url, long status, char *err);

#endif
