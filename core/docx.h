/* docx: Word documents (Office Open XML: .docx, .docm, .dotx) to the plain
 * text of core/plain.
 *
 * The main part is found through [Content_Types].xml, its numbering and
 * styles through its relationships. The body is read in document order:
 * paragraphs with their runs joined; line breaks kept; tabs as spaces;
 * deleted (tracked) text, hidden text, field instructions and the fallback
 * copy of alternate content left out; text boxes as paragraphs of their own;
 * tables through plain's table functions (cells spanning columns, tables in
 * cells). Word's automatic numbering (numbering.xml, directly on a paragraph
 * or through its style: "1.", "2.1.", "a)", "I.", "-") is written back as
 * the label a reader sees at the start of the paragraph: counters per list,
 * restarts, start values and overrides, legal numbering, bullets (a symbol
 * font's bullet becomes "-", "+" below the first level). Headers, footers,
 * footnotes and comments are not read.
 *
 * Bounds are those of core/zipxml and the output's (core/plain); lists,
 * styles and levels past fixed counts are ignored, never trusted. Errors are
 * one line without the file name. */
#ifndef HANCHOT_DOCX_H
#define HANCHOT_DOCX_H

#include "core/plain.h"
#include "core/zipxml.h"

enum docx_kind {
	DOCX_NONE,          /* no [Content_Types].xml: not an Office Open XML package */
	DOCX_WORD,          /* a word-processing document */
	DOCX_SPREADSHEET,   /* .xlsx */
	DOCX_PRESENTATION,  /* .pptx */
	DOCX_OTHER,         /* some other Office Open XML package */
};

/* What kind of package z is. When DOCX_WORD, *main_part (when not NULL) is
 * set to the main part's entry name ("word/document.xml"), which the
 * caller frees. Cannot fail: an unreadable [Content_Types].xml is
 * DOCX_OTHER. */
enum docx_kind docx_detect(struct zipxml *z, char **main_part);

/* Writes the text of the Word document in z (whose main part is main_part)
 * to out. Fails (-1, err) when a part that must be read cannot be. */
int docx_read(struct zipxml *z, const char *main_part, struct plain *out, char *err);

#endif
