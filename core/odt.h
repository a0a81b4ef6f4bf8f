/* odt: OpenDocument text (.odt, .ott, as LibreOffice writes them) to the
 * plain text of core/plain.
 *
 * content.xml is read in document order: paragraphs and headings with their
 * spans joined, white space collapsed as ODF says (text:s, text:tab and
 * text:line-break kept), notes, annotations and tracked deletions left out,
 * text boxes as paragraphs of their own, tables through plain's table
 * functions. Automatic lists get their visible labels back: numbers in the
 * list style's format with its prefix, suffix and displayed levels,
 * continued lists, start values, bullets (as in core/docx), and numbered
 * headings from the outline style. List styles come from styles.xml and
 * content.xml's automatic styles.
 *
 * Bounds are those of core/zipxml and core/plain. Errors are one line
 * without the file name. */
#ifndef HANCHOT_ODT_H
#define HANCHOT_ODT_H

#include <stdbool.h>

#include "core/plain.h"
#include "core/zipxml.h"

enum odt_kind {
	ODT_NONE,      /* no OpenDocument mimetype */
	ODT_TEXT,      /* application/vnd.oasis.opendocument.text (or its template) */
	ODT_OTHER,     /* a spreadsheet, presentation, drawing … */
};

/* What the package's mimetype entry says. *mimetype (when not NULL) is set
 * to it for ODT_OTHER (caller frees), else NULL. Cannot fail. */
enum odt_kind odt_detect(struct zipxml *z, char **mimetype);

/* Writes the text of the document in z to out. Fails (-1, err) when
 * content.xml cannot be read. */
int odt_read(struct zipxml *z, struct plain *out, char *err);

#endif
