/* libFuzzer: what the command line parses without a terminal — the date
 * arguments (--due, --date, --today) and --lang. Properties checked, not just
 * "no crash": a parsed date formats and parses back to itself (ISO and
 * d/m/y), and a failure leaves a one-line message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char err[ERR_MAX], buf[DATE_BUF];
	civil_day d, back;
	enum lang lang;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	if (date_parse(text, &d, err) == 0) {
		if (date_parse(date_format_iso(d, buf), &back, NULL) != 0 || back != d)
			abort();
		if (date_parse_iso(buf) != d)
			abort();
		if (date_parse(date_format_dmy(d, buf), &back, NULL) != 0 || back != d)
			abort();
	} else if (err[0] == '\0' || strchr(err, '\n') || strchr(err, '\r')) {
		abort(); /* a failure explains itself in one line */
	}
	if (i18n_lang_parse(text, &lang) == 0 && lang != LANG_VI && lang != LANG_EN)
		abort();
	free(text);
	return 0;
}
