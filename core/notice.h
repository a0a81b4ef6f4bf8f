/* notice: reading a conclusion notice (Thông báo kết luận, Chỉ thị, Công văn …)
 * into its metadata and its assignment units.
 *
 * The input is the text of the document, Markdown or plain, as a user saves
 * it: UTF-8 with or without a BOM, CRLF or LF, NFC or NFD. notice_check()
 * says whether bytes can be read at all (empty, binary, too large, not UTF-8:
 * it recognises the legacy Vietnamese encodings Windows-1258 and TCVN3 and
 * names them). notice_read() then finds:
 * - the metadata: kind ("THÔNG BÁO"), number and symbol ("123/TB-UBND",
 *   possibly blank as "/TB-UBND"), place and issue date, title, signer;
 * - the assignment units: one per numbered paragraph, lettered item or bullet
 *   that names who must act, with its section path ("I.2.2 (5)", lettered
 *   items as "1.a", bullets numbered in order as " (n)"), lead agencies (the
 *   "chủ trì" agency, "Giao X …", or the subject of the sentence), cooperating
 *   agencies ("phối hợp (với) …"), the deadline that the core phrase parser
 *   picks (the document date is the default year and the anchor), a one-line
 *   summary and the full text.
 * Review paragraphs, a numbered paragraph that only introduces its
 * sub-paragraphs, the opening and closing formulas, the signature and the
 * "Nơi nhận" list are not units.
 *
 * Everything here is pure: no I/O, no clock. A struct notice owns all its
 * strings; notice_init() zeroes one, notice_release() frees it. The edit
 * functions exist for a review screen: drop a unit, change its leads or its
 * deadline before the kept units are saved (db/document.h). */
#ifndef HANCHOT_NOTICE_H
#define HANCHOT_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/task.h"

/* Larger inputs are refused: a notice is a few tens of kilobytes. */
#define NOTICE_MAX_BYTES (2u * 1024 * 1024)

struct notice_unit {
	char *section;           /* "I.2.2 (5)" */
	char **leads;            /* agency names, in text order, at least one */
	size_t n_leads;
	char **cooperating;
	size_t n_cooperating;
	civil_day due;           /* DATE_NONE: no deadline */
	enum due_precision precision;
	char *due_phrase;        /* the words of the deadline, "" when none */
	char *recurrence;        /* RRULE of a recurring deadline, or NULL */
	char *summary;           /* one line */
	char *full_text;         /* the paragraph(s), NFC, emphasis removed */
	bool dropped;            /* set by notice_unit_drop(): not saved */
};

struct notice {
	char *kind;              /* "THÔNG BÁO", "" when not found */
	char *number;            /* "123/TB-UBND", "/TB-UBND", "" when absent */
	char *place;             /* "Lai Châu", "" when absent */
	civil_day issued;        /* DATE_NONE when absent */
	char *title;             /* the line(s) after the kind, "" when absent */
	char *signer;            /* "Vương Thế Mẫn", "" when not found */
	char *signer_title;      /* "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG", "" when not found */
	char *text;              /* the whole text as read: NFC, LF, no BOM */
	char hash[17];           /* 16 hex digits of a 64-bit FNV-1a hash of text */
	struct notice_unit *units;
	size_t n_units, cap_units;
	bool from_scan;          /* set by the caller: the text came (partly) from OCR,
				    so every unit must be checked; notice_read() leaves it false */
};

void notice_init(struct notice *n);
void notice_release(struct notice *n);

/* Checks that data[0, len) can be read as a notice. Fails (-1, with a one-line
 * message in err) when it is empty or only white space, larger than
 * NOTICE_MAX_BYTES, binary (NUL or other control bytes), or not UTF-8. For
 * text in a legacy Vietnamese encoding the message names it and *iconv_from
 * is set to the iconv(1) name to convert from ("WINDOWS-1258",
 * "TCVN5712-1"); otherwise *iconv_from is NULL. iconv_from may be NULL.
 * The message does not name the file: the caller prefixes it. */
int notice_check(const char *data, size_t len, const char **iconv_from, char *err);

/* Reads data[0, len) (checked with notice_check() first, which it calls)
 * into out (initialised by this function; the caller releases it even on
 * failure). Returns 0, or -1 with err set when the text cannot be read or
 * holds no assignment unit at all ("no assignment found: …"). */
int notice_read(const char *data, size_t len, struct notice *out, char *err);

/* Review edits. i must be < n->n_units. */
void notice_unit_drop(struct notice *n, size_t i, bool dropped);
/* Replaces the lead agencies with copies of names[0, count) (count >= 1). */
void notice_unit_set_leads(struct notice_unit *u, char *const *names, size_t count);
void notice_unit_set_cooperating(struct notice_unit *u, char *const *names, size_t count);
/* Replaces the deadline; due DATE_NONE clears it (precision becomes none). */
void notice_unit_set_due(struct notice_unit *u, civil_day due, enum due_precision precision,
			 const char *phrase);
/* How many units are not dropped. */
size_t notice_kept(const struct notice *n);

/* Fills t (task_init()ed by the caller) from unit u: section, summary, full
 * text, deadline, leads and cooperating agencies. */
void notice_unit_to_task(const struct notice_unit *u, struct task *t);

/* "Thông báo /TB-UBND ngày 25/04/2024" (kind in sentence case), newly
 * allocated. */
char *notice_label(const struct notice *n);

#endif
