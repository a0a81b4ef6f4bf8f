/* notice: reading a task-assigning document (Thông báo kết luận, Chỉ thị,
 * Công văn, Công điện, Kế hoạch …) into its metadata and its assignment units.
 *
 * The input is the text of the document as a user saves it or an extractor
 * gives it: UTF-8 with or without a BOM, CRLF or LF, NFC or NFD, Markdown or
 * one paragraph per line, with the no-break spaces, soft hyphens, zero-width
 * characters, page numbers and mid-sentence line breaks of text pasted from
 * Word or PDF. core/intake says whether bytes can be read at all and cleans
 * them; notice_read() then finds:
 * - the metadata: kind ("THÔNG BÁO"), number and symbol ("123/TB-UBND",
 *   possibly blank as "/TB-UBND"), place and issue date, title, signer, in
 *   either order and on lines of their own or a Word header table's;
 * - the assignment units: one per numbered paragraph, lettered item, bullet
 *   or paragraph that names who must act or sits under a heading or an
 *   introduction that does (core/outline gives the structure and the section
 *   paths, core/actors the agencies). A heading that names the agencies
 *   governs the items under it; an item laid out as fields ("Cơ quan thực
 *   hiện: …", "Cơ quan phối hợp: …", "Thời gian thực hiện: …") is one unit;
 *   a row of an assignment table ("STT | Nội dung | Cơ quan chủ trì | Cơ quan
 *   phối hợp | Thời hạn") is one unit. Items that name nobody take the
 *   notice's one addressee ("Kính gửi: Bộ Xây dựng", "… thông báo để UBND
 *   tỉnh Phú Thọ … thực hiện") when the notice is addressed to one.
 * - each unit's deadline, which the core phrase parser picks from the unit's
 *   words (the document date is the default year and the anchor); a unit
 *   without one takes its list's: the introduction's ("…, hoàn thành trong
 *   tháng 11, cụ thể:") or a report sentence after the list ("Báo cáo … gửi
 *   về UBND tỉnh trước ngày 12/6").
 * Not units: the letterhead, addressees, opening (Căn cứ, situation,
 * assessment) and closing formulas, conditions ("nếu có khó khăn …"),
 * purposes and targets that name nobody, the signature, "Nơi nhận",
 * footnotes.
 *
 * Every unit keeps the paragraph(s) it was read from, and says where the
 * reading is unsure (enum notice_doubt) so a clerk checks those first. When
 * nothing assigns work, the document's paragraphs are offered as candidate
 * units (dropped, without a lead) for the clerk to keep and complete.
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
	char *full_text;         /* the paragraph(s) it was read from, NFC */
	unsigned doubts;         /* enum notice_doubt flags: why to check it */
	bool dropped;            /* set by notice_unit_drop(): not saved */
};

/* Why a unit deserves a look before it is saved. */
enum notice_doubt {
	NOTICE_DOUBT_NO_LEAD = 1 << 0,       /* nobody named: a candidate paragraph */
	NOTICE_DOUBT_LEAD_UNKNOWN = 1 << 1,  /* a lead not in the agency list */
	NOTICE_DOUBT_LEAD_HEADING = 1 << 2,  /* the lead comes from the heading above */
	NOTICE_DOUBT_LEAD_ADDRESSEE = 1 << 3,/* nobody named: the notice's addressee */
	NOTICE_DOUBT_DUE_REFERENCE = 1 << 4, /* a date with no deadline word: maybe an event's or a document's */
	NOTICE_DOUBT_DUE_LIST = 1 << 5,      /* the deadline is the list's, not its own */
	NOTICE_DOUBT_FROM_SCAN = 1 << 6,     /* read from a scan: check the words */
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
	/* no unit names anyone: units are the body's paragraphs, all dropped,
	 * offered for the clerk to keep */
	bool candidates;
	struct notice_unit *units;
	size_t n_units, cap_units;
	bool from_scan;          /* set by the caller: the text came (partly) from OCR,
				    so every unit must be checked; notice_read() leaves it false */
};

void notice_init(struct notice *n);
void notice_release(struct notice *n);

/* Reads data[0, len) (checked with intake_check() first, which it calls)
 * into out (initialised by this function; the caller releases it even on
 * failure). Returns 0, or -1 with err set when the text cannot be read. A
 * text that assigns nothing is read with out->candidates set. */
int notice_read(const char *data, size_t len, struct notice *out, char *err);

/* Review edits. i must be < n->n_units. */
void notice_unit_drop(struct notice *n, size_t i, bool dropped);
/* Replaces the lead agencies with copies of names[0, count) (count >= 1). */
void notice_unit_set_leads(struct notice_unit *u, char *const *names, size_t count);
/* Replaces the deadline; due DATE_NONE clears it (precision becomes none). */
void notice_unit_set_due(struct notice_unit *u, civil_day due, enum due_precision precision,
			 const char *phrase);
/* The reasons of `doubts`, joined by "; " ("lead from the heading; deadline
 * of the list"), in Vietnamese or English, into buf (size bytes, always
 * NUL-terminated). "" when there is none. Returns buf. */
char *notice_doubts_text(unsigned doubts, bool english, char *buf, size_t size);

/* How many units are not dropped. */
size_t notice_kept(const struct notice *n);

/* Fills t (task_init()ed by the caller) from unit u: section, summary, full
 * text, deadline, leads and cooperating agencies. */
void notice_unit_to_task(const struct notice_unit *u, struct task *t);

/* "Thông báo /TB-UBND ngày 25/04/2024" (kind in sentence case), newly
 * allocated. */
char *notice_label(const struct notice *n);

#endif
