/* session: one run of the program, what the command line (tui/cli) and the
 * screen (tui/app) both stand on: the configuration, the database (opened on
 * first use), the holiday calendar, today and the language; what follows a
 * change (the automatic backup, keeping export_file current); writing an
 * export or a report to a file the user names; the countdown in the
 * configured style. Neither the command line nor the screen calls the
 * other: what both need is here. Nothing here prints. */
#ifndef HANCHOT_SESSION_H
#define HANCHOT_SESSION_H

#include <stdbool.h>

#include "core/agency.h"
#include "core/config.h"
#include "core/date.h"
#include "core/holiday.h"
#include "core/i18n.h"
#include "core/ical.h"
#include "core/report.h"
#include "core/report_format.h"
#include "db/db.h"
#include "db/export.h"
#include "db/publish.h"

/* The program's exit status. */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct session {
	char *db_path;     /* --db, $HANCHOT_DB; NULL: the default, made on first use */
	char *config_path; /* --config; NULL: the default, which may be missing */
	struct config config;
	civil_day today;   /* --today, $HANCHOT_TODAY, or the local date */
	enum lang lang;    /* --lang, else the configuration's, else the locale's */
	struct db *db;     /* opened by session_db() */
	struct holiday_calendar *holidays; /* loaded by session_load() */
	struct agency_table *agencies; /* the shipped agencies.tsv, read on first use */
};

/* An empty session (the defaults of the configuration), then what
 * session_release() frees. */
void session_init(struct session *s);
void session_release(struct session *s);

/* Reads the configuration (config_path, else the default file when it
 * exists) and the holidays (the shipped holidays.tsv, then the
 * configuration's holidays_file). 0, or -1 with a message naming the file,
 * line and key. */
int session_load(struct session *s, char *err);

/* The database, opened on first use (creating the default path's folder),
 * with the user and today set. NULL with a message on failure. */
struct db *session_db(struct session *s, char *err);

/* The countdown from today to due in the configured style: calendar days,
 * or working days when working_day_countdown is set. buf: COUNTDOWN_BUF. */
char *session_countdown(const struct session *s, civil_day due, civil_day today, char *buf);
/* The last day of the warning window that starts on day (working days). */
civil_day session_warn_until(const struct session *s, civil_day day);

/* The automatic rotating backup, after a write: one stat() when none is
 * due. 1 when a backup was written, 0 when none was due or the database is
 * not open, -1 with err on failure. */
int session_auto_backup(struct session *s, char *err);

/* Export options from the configuration (export_kind, alarms,
 * calendar_name), the language, and $HANCHOT_DTSTAMP (unix seconds or
 * YYYYMMDDTHHMMSSZ: pins DTSTAMP, for tests). Owns the alarm strings:
 * release with session_export_options_release(). 0, or -1 with a message
 * naming the configuration file and key. */
struct session_export_options {
	struct ical_options opt;
	char **alarms;
	size_t n_alarms;
};
int session_export_options_init(const struct session *s, struct session_export_options *o, char *err);
void session_export_options_release(struct session_export_options *o);

/* Notes the configured export options in the database
 * (db_export_options_seen()): when they changed the events' text since, every
 * task's SEQUENCE and DTSTAMP move on. Every export and publish calls it
 * first. 0 (also when the database is not open), or -1 with a message. */
int session_calendar_seen(struct session *s, char *err);

/* Re-exports the configured export_file when something changed (cheap when
 * nothing did; nothing to do when export_file is unset or the database is
 * not open). *written (may be NULL) says whether the file was rewritten.
 * warning (ERR_MAX bytes) is set to "" or, when tasks had to be left out, to
 * a line naming the first ("1 task not exported: task 4: due date
 * 9999-12-31 is outside 1800-2199"). 0, or -1 with a message. */
int session_export_refresh(struct session *s, bool *written, char *warning, char *err);

/* A one-off export (export --out, the screen's x) of what f selects into
 * path, copying unchanged tasks from export_file. A filtered export is
 * refused where it would replace export_file, the calendar others subscribe
 * to, with a part of it. *written_to (may be NULL) gets the full path
 * written (caller frees). 0, or -1 with a message naming the file. */
int session_export_to(struct session *s, const struct ical_options *opt, const struct db_export_filter *f,
		      const char *path, struct db_export_stats *stats, char **written_to, char *err);

/* The warning for an export's skipped tasks (see db_export_stats) into
 * warning (ERR_MAX bytes): "" when none was skipped. */
void session_export_warning(const struct db_export_stats *st, char *warning);

/* Where to publish: each field NULL takes the configuration's
 * (publish_url, publish_user, publish_password_file). */
struct session_publish_to {
	const char *url, *user, *password_file;
};

/* Whether changes are to be published (publish_url is set). */
bool session_publishes(const struct session *s);

/* Publishes the calendar (the configured export options, every task) to the
 * CalDAV collection (db/publish): the password read from the password file,
 * which must not be readable by others (mode 0600). to and report may be
 * NULL. 0 (also when no URL is configured or given), or -1 with a one-line
 * message naming the URL and the status, or the file. */
int session_publish(struct session *s, const struct session_publish_to *to, const struct db_publish_report *report,
		    struct db_publish_stats *stats, char *err);

/* Writes report r to path (report --out, the screen's S), refusing the
 * database's own files; *written_to as above. */
int session_report_to(struct session *s, const char *path, const struct report *r, enum report_format fmt,
		      char **written_to, char *err);

/* The agencies the program knows by name: the shipped agencies.tsv, read
 * on first use (a damaged or missing list is an empty one: every lead is
 * then flagged for a person to check). The database consults it when it adds
 * an agency (db_set_known_agencies). Never NULL. */
const struct agency_table *session_agencies(struct session *s);

struct notice;
/* Writes the agencies of n's units that session_agencies() knows, abbreviated,
 * by their names in it (what an import stores: "Sở KH&CN" is shown as "Sở
 * Khoa học và Công nghệ"), and flags the units whose lead agencies are
 * neither known nor, when the database is open, in it (groups such as "các
 * sở, ngành" are never flagged). */
void session_check_agencies(struct session *s, struct notice *n);

#endif
