/* table: assignment tables, as Markdown pipe rows ("| STT | Nội dung nhiệm
 * vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |"), in the body or an
 * appendix after the signature, and as the extraction of .docx, .odt and PDF
 * files writes them.
 *
 * A table is one when a header row names a lead column ("chủ trì", "thực
 * hiện", "đơn vị", "cơ quan", "trách nhiệm") and a content column ("nội
 * dung", "nhiệm vụ", "công việc"), in any order and wording; the number,
 * cooperating and time columns are read when present. Every row under it
 * with content is an assignment; rows with a label and no agency or time
 * are group rows ("I | Nhóm nhiệm vụ …", "1 | …" over "a)"), whose labels
 * head the section path of the rows under them ("I.1", "1.a"). A row
 * without a label is numbered by its position, "(3)". Cells keep their text
 * ("<br>" inside a cell becomes "; "); the agencies in them are read by the
 * caller (core/actors).
 *
 * Pure; struct table_rows owns its strings. */
#ifndef HANCHOT_TABLE_H
#define HANCHOT_TABLE_H

#include <stddef.h>

struct outline;

struct table_row {
	char *section;  /* "I.1", "1.a", "(3)" */
	char *what;     /* the content cell */
	char *who;      /* the lead cell */
	char *with;     /* the cooperating cell, "" when none */
	char *when;     /* the time cell, "" when none */
};

struct table_rows {
	struct table_row *v;
	size_t n, cap;
};

/* Appends the assignment rows of the tables among paragraphs [from, to) of o
 * (split; rows are its OUTLINE_ROW paragraphs) to out (zeroed by the caller). */
void table_read(const struct outline *o, size_t from, size_t to, struct table_rows *out);
void table_rows_release(struct table_rows *t);

#endif
