/* hanchot-extract: the helper that reads the files hanchot does not take as
 * text (.docx, .odt, PDF, scans) with core/extract. It runs as a process of
 * its own so that the program does not load the PDF, OCR and XML libraries
 * at every start (tests/bench/RESULTS.md), and so that a file that crashes or
 * hangs one of those libraries ends this process, not the user's screen.
 *
 * usage: hanchot-extract [--lang vi|en] FILE (the errors' language; English
 * when not given)
 * The text goes to stdout. Lines on stderr that start with NOTICEFILE_TAG
 * (tui/noticefile.h) say how it goes: "P k n" before scanned page k of n,
 * "E message" when the file cannot be read, "D format scanned" at the end.
 * Exit status 0, or 1 after an "E" line. Nothing else is ever printed by
 * hanchot itself; what a library might print is ignored by the reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/extract.h"
#include "core/file.h"
#include "core/i18n.h"
#include "tui/noticefile.h"

static int progress(void *ctx, unsigned k, unsigned n)
{
	(void)ctx;
	fprintf(stderr, NOTICEFILE_TAG "P %u %u\n", k, n);
	fflush(stderr);
	return 0;
}

static const char *format_word(enum extract_format f)
{
	switch (f) {
	case EXTRACT_DOCX: return "docx";
	case EXTRACT_ODT: return "odt";
	case EXTRACT_PDF: return "pdf";
	case EXTRACT_IMAGE: return "image";
	default: return "text";
	}
}

int main(int argc, char **argv)
{
	char err[ERR_MAX];
	char *data = NULL;
	size_t len = 0;
	struct extract_result r = { 0 };
	struct extract_options opt = { progress, NULL };
	int code = 1;
	enum lang lang = LANG_EN;
	if (argc == 4 && strcmp(argv[1], "--lang") == 0 && i18n_lang_parse(argv[2], &lang) == 0)
		argv += 2, argc -= 2;
	if (argc != 2) {
		fprintf(stderr, NOTICEFILE_TAG "E usage: hanchot-extract [--lang vi|en] FILE\n");
		return 2;
	}
	i18n_set_messages(lang);
	if (file_read_all(argv[1], EXTRACT_MAX_BYTES, &data, &len, err) ||
	    extract_text(data, len, argv[1], &opt, &r, err)) {
		fprintf(stderr, NOTICEFILE_TAG "E %s\n", err);
		goto out;
	}
	if (fwrite(r.text, 1, r.len, stdout) != r.len || fflush(stdout) != 0) {
		fprintf(stderr, NOTICEFILE_TAG "E %s\n", VI ? "không chuyển được nội dung đã đọc" : "cannot hand the text over");
		goto out;
	}
	fprintf(stderr, NOTICEFILE_TAG "D %s %u\n", format_word(r.format), r.scanned);
	code = 0;
out:
	extract_result_release(&r);
	free(data);
	return code;
}
