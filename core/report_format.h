/* report_format: a struct report written as text for people and programs.
 *
 * Every format has the same parts in the same order: the title, the day and
 * scope; the agency table (one row per agency, a column per class in
 * DESIGN.md's order, the row total and the share done on time; a last row
 * "Tổng cộng" / "Total"); the summary sentence; the list of overdue tasks
 * with the days each is late; and, for a report on one document, the
 * follow-up list of all its tasks with their status.
 *
 *  - table: aligned columns for a terminal (display width of UTF-8 text).
 *  - md:    Markdown pipe tables (| and other markup in data escaped).
 *  - csv:   RFC 4180: UTF-8 with a byte-order mark (so Excel reads UTF-8),
 *           CRLF line ends, fields quoted when they hold a comma, quote, CR,
 *           LF or edge space, quotes doubled. Parts are separated by an empty
 *           record. A text field that starts with = + - @ gets a leading
 *           apostrophe so spreadsheets do not run it as a formula.
 *  - html:  one self-contained UTF-8 file (inline CSS, no scripts, images or
 *           links), @page A4 portrait with 15 mm margins, table headers
 *           repeated on each printed page, rows never split; all data escaped.
 * Control characters in data are replaced by spaces in every format.
 *
 * Writing never changes the report. Functions return 0, or -1 with a one-line
 * message in err when the output cannot be written. */
#ifndef HANCHOT_REPORT_FORMAT_H
#define HANCHOT_REPORT_FORMAT_H

#include <stdio.h>

#include "core/i18n.h"
#include "core/report.h"

enum report_format { REPORT_TABLE, REPORT_MD, REPORT_CSV, REPORT_HTML, REPORT_FORMAT_COUNT };

/* "table", "md", "csv", "html" -> *out; -1 when unknown. */
int report_format_parse(const char *name, enum report_format *out);
/* The format a file name asks for by its extension: .csv, .html or .htm,
 * .md; anything else is a text table. Cannot fail. */
enum report_format report_format_for_path(const char *path);

/* Writes r to out (not closed). -1: "writing the report: <reason>". */
int report_write(FILE *out, const struct report *r, enum report_format fmt, enum lang lang, char *err);

/* Writes r to the output `to` (core/file's file_output_resolve() of the path
 * the user gave, named by path in messages). A file is replaced atomically:
 * written into a temporary file in the same folder (what killed writers left
 * there is removed first), flushed to disk, then renamed over it, so a
 * reader never sees half a report and a failure leaves any old file as it
 * was; an existing file keeps its mode, a new one gets 0666 minus the umask.
 * A device, FIFO or socket is written into. -1 with "report file 'PATH':
 * <reason>". */
struct file_output;
int report_write_file(const char *path, const struct file_output *to, const struct report *r,
		      enum report_format fmt, enum lang lang, char *err);

#endif
