/* ical: iCalendar (RFC 5545) export of tasks, serialised by libical.
 *
 * Each task with a deadline becomes an all-day VEVENT on its due date and/or a
 * VTODO with DUE, carrying the task's stored UUID, a caller-given SEQUENCE,
 * DTSTAMP, LAST-MODIFIED, SUMMARY ("✓ " when done, the leads' short names,
 * the summary, the section: "Sở KH&ĐT: Tập trung … (I.2.1)", on one line: line
 * breaks become spaces, as calcurse skips a multi-line SUMMARY), DESCRIPTION
 * (full text, agencies, source document, the deadline's wording or its
 * extension with the reason, status), one CATEGORIES line with the lead
 * agencies and VALARMs at the configured lead times (open tasks only). A
 * VTODO's STATUS is NEEDS-ACTION, IN-PROCESS, COMPLETED or CANCELLED; a
 * cancelled task has no VEVENT (Outlook and Google show cancelled events as
 * live ones). Tasks without a deadline produce nothing. Text is cleaned of control characters (and of white space
 * opening or ending a value, which libical's parser drops) and handed to libical;
 * the serialised text is then repaired for three libical 3.0.16 faults (a fold
 * landing inside the CRLF, unescaped , and ; in X-WR-CALNAME and CATEGORIES, raw
 * control characters) and re-folded here: CRLF, at most 75 octets per line,
 * never inside a UTF-8 character or an escape pair.
 *
 * The module is three files: core/ical_text (cleaning and folding text, no
 * libical), core/ical.c (the options and one task's components, with
 * libical) and core/ical_writer.c (the writer: a calendar streamed to a
 * sink, tasks serialised on a thread per processor).
 *
 * Output is streamed: the VCALENDAR header (VERSION, PRODID, NAME,
 * X-WR-CALNAME; no METHOD) goes to a sink when a writer starts, then batches
 * of tasks, then ical_writer_finish() writes the footer. A task's bytes depend only on
 * the task, its SEQUENCE and the options (ical_options_fingerprint()), never
 * on the tasks around it, so db/export copies an unchanged task's bytes from
 * the previous export: a re-export after one change is then mostly copying.
 *
 * UIDs: the VEVENT's UID is the task's uuid; the VTODO's is the uuid followed by
 * "-todo" (one calendar must not hold two components with one UID), the same
 * whatever the kind, so switching kinds keeps every UID stable.
 * Nothing here reads the clock: DTSTAMP comes from the options. */
#ifndef HANCHOT_ICAL_H
#define HANCHOT_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"
#include "core/task.h"

enum ical_kind {
	ICAL_KIND_EVENT = 1 << 0, /* all-day VEVENT (Google, Outlook, phones) */
	ICAL_KIND_TODO = 1 << 1,  /* VTODO (Thunderbird, Apple Reminders, todoman) */
	ICAL_KIND_BOTH = ICAL_KIND_EVENT | ICAL_KIND_TODO,
};

/* "event", "todo", "both"; static. */
const char *ical_kind_name(enum ical_kind kind);
/* Returns 0 and sets *out, or -1 with a message naming the text. */
int ical_kind_parse(const char *name, enum ical_kind *out, char *err);

/* What to export. A plain value: the caller owns every string; the writer
 * reads them in ical_writer_new() only (and keeps a copy). */
struct ical_options {
	enum ical_kind kind;       /* 0 means ICAL_KIND_EVENT */
	/* Alarm lead times, RFC 5545 durations counted from the start of the due
	 * day (local midnight): "-PT15H" is 09:00 the day before, "-P3D" three days
	 * before at midnight, "PT8H" 08:00 on the day. Outlook keeps only one alarm
	 * and Google drops them: put the one that matters first. No alarms are
	 * written for done or cancelled tasks. At most a year either way. */
	const char *const *alarms;
	size_t n_alarms;
	const char *calendar_name; /* NAME and X-WR-CALNAME; NULL: "Hạn chót" / "Deadlines" */
	/* DTSTAMP in unix seconds (tests pin it). 0: each task's updated_at, which
	 * RFC 5545 3.8.7.2 prescribes for a calendar without METHOD, and which keeps
	 * cached components valid from one export to the next. */
	int64_t dtstamp;
	enum lang lang;            /* description labels; LANG_VI ("Chủ trì:" …) by default */
};

/* Validates the options (kind, every alarm duration, dtstamp range). Returns 0,
 * or -1 with a message naming the bad value ("alarm '-PT15': not an RFC 5545
 * duration (e.g. -PT15H, -P3D)"). */
int ical_options_check(const struct ical_options *opt, char *err);

/* A 64-bit fingerprint of everything in opt that changes a task's component
 * text (kind, alarms, dtstamp, language, and this module's output format):
 * a previous export's bytes are copied only under the same one. Cannot
 * fail. */
uint64_t ical_options_fingerprint(const struct ical_options *opt);

/* The sink: writes len bytes, returns 0, or -1 with errno set. */
typedef int (*ical_write_fn)(void *ctx, const char *data, size_t len);

struct ical_writer;

/* Starts opening libical on a thread of its own, for a command about to
 * export to overlap it with its other work; the first writer waits for it
 * (and says why when it failed). Optional: without it the writer opens
 * libical itself. Call before any other thread is started. */
void ical_load_begin(void);

/* Opens libical (once, before any thread of the writer starts), or waits for
 * ical_load_begin()'s thread to have. Returns 0, or -1 with a message saying
 * to install libical3. The writer calls it itself. */
int ical_load(char *err);

/* Checks and copies opt. Returns a writer to free with ical_writer_free(), or
 * NULL with a message when the options are invalid. Nothing is written yet,
 * and libical not needed yet: the caller may read its first tasks while
 * libical opens. */
struct ical_writer *ical_writer_new(const struct ical_options *opt, ical_write_fn write, void *ctx,
				    char *err);
/* Writes the VCALENDAR header through write(ctx, …) unless it is written:
 * ical_writer_begin_many() and ical_writer_finish() start with it; a caller
 * writing bytes of its own through the sink calls it first. Returns 0, or -1
 * with a message (libical missing, the sink failed now or before). */
int ical_writer_start(struct ical_writer *w, char *err);

/* Whether t can be written (with SEQUENCE sequence): it has a uuid, its dates
 * lie in the accepted range (core/date.h), the sequence fits. Returns 0 (also
 * for a task without deadline, which is simply not written), or -1 with a
 * message naming the task ("task 4: due date 9999-12-31 is outside
 * 1800-2199"). The writer fails on such a task; an export skips it. */
int ical_task_check(const struct task *t, int64_t sequence, char *err);

/* Serialises tasks[0..n) (sequences[i] being tasks[i]'s; a task without
 * deadline gives nothing) and writes them in order, in two halves so the
 * caller can prepare the next batch meanwhile: begin starts serialising on
 * up to one thread per processor (from 64 tasks) and returns at once (0, or
 * -1 with a message when a batch is already begun or the sink has failed);
 * tasks, sequences and lens stay the caller's and must not change until
 * ical_writer_wait() has written the batch: lens[i] then holds the octets
 * written for tasks[i]. wait returns 0 (also when no batch is begun), or -1
 * with the message of a bad task (the tasks before it are written) or of the
 * sink. After a sink failure every later call fails too. */
int ical_writer_begin_many(struct ical_writer *w, const struct task *tasks,
			   const int64_t *sequences, size_t n, size_t *lens, char *err);
int ical_writer_wait(struct ical_writer *w, char *err);
/* Writes a begun batch, then the footer. Returns 0, or -1 with a message
 * when this or any earlier write failed. Call once. */
int ical_writer_finish(struct ical_writer *w, char *err);
/* Frees the writer (NULL is fine); does not close the sink. */
void ical_writer_free(struct ical_writer *w);

/* ---- one task's text, for the writer (core/ical_writer.c) ----------------
 * The options checked once (ical_prepared), space one thread reuses from one
 * task to the next (ical_scratch), a task's components (folded, CRLF)
 * appended to out, and the calendar's header (appended) and footer (a new
 * string). */
struct strbuf;
struct ical_prepared;
struct ical_scratch;
struct ical_prepared *ical_prepared_new(const struct ical_options *opt, char *err); /* NULL: bad options */
void ical_prepared_free(struct ical_prepared *p);
struct ical_scratch *ical_scratch_new(void);
void ical_scratch_free(struct ical_scratch *s);
int ical_task_text(struct strbuf *out, const struct task *t, int64_t sequence, const struct ical_prepared *p,
		   struct ical_scratch *s, char *err);
void ical_calendar_text(const struct ical_options *opt, struct strbuf *header, char **footer); /* after ical_load() */

#endif
