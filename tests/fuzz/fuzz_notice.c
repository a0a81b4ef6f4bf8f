/* libFuzzer target for the notice reader: any bytes are checked, and those
 * that pass are read; every unit must have a section and a summary, and a
 * lead unless it is a candidate paragraph offered dropped. */
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/notice.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct notice n;
	char err[ERR_MAX];
	if (notice_read((const char *)data, size, &n, err) == 0) {
		for (size_t i = 0; i < n.n_units; i++) {
			const struct notice_unit *u = &n.units[i];
			if (!u->section || !u->summary || !u->full_text)
				abort();
			/* every text is whole UTF-8: no summary cut inside a character */
			if (!text_utf8_valid(u->summary, strlen(u->summary), NULL) ||
			    !text_utf8_valid(u->section, strlen(u->section), NULL) ||
			    !text_utf8_valid(u->due_phrase, strlen(u->due_phrase), NULL))
				abort();
			for (size_t k = 0; k < u->n_leads; k++)
				if (!text_utf8_valid(u->leads[k], strlen(u->leads[k]), NULL))
					abort();
			if (u->n_leads == 0 && !(u->dropped && (u->doubts & NOTICE_DOUBT_NO_LEAD)))
				abort();
		}
		/* dropping a kept unit keeps one fewer; candidates start dropped */
		size_t kept = notice_kept(&n);
		if (n.candidates && kept != 0)
			abort();
		if (n.n_units > 0) {
			bool was = n.units[0].dropped;
			notice_unit_drop(&n, 0, true);
			if (notice_kept(&n) != kept - !was)
				abort();
		}
	}
	notice_release(&n);
	return 0;
}
