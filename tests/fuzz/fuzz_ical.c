/* Fuzz target for core/ical: arbitrary bytes as task text and as serialised
 * iCalendar. Every component must be lines of at most 75 octets ending in
 * CRLF, with no control character and no fold inside a UTF-8 character, and
 * libical must read it back with no X-LIC-ERROR and the same SUMMARY. */
#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/ical.h"
#include "core/ical_text.h"
#include "core/task.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_lines(const char *s, size_t len, int allow_ctl)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') {
			if (i + 1 >= len || s[i + 1] != '\n' || i - start > 75 || i == start)
				abort();
			if (i + 3 < len && s[i + 2] == ' ' && ((unsigned char)s[i + 3] & 0xC0) == 0x80 &&
			    !allow_ctl)
				abort();
			start = i + 2;
			i++;
		} else if (c == '\n' || (!allow_ctl && ((c < 0x20 && c != '\t') || c == 0x7F))) {
			abort();
		}
	}
	if (len && start != len)
		abort();
}

static int errors(icalcomponent *c)
{
	int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);
	for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
	     k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += errors(k);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *field[4] = { "", "", "", "" };
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* fields separated by NUL bytes: section, summary, full text, lead */
	size_t k = 0, pos = 0;
	while (k < 4 && pos <= size) {
		field[k++] = copy + pos;
		pos += strlen(copy + pos) + 1;
	}

	size_t rlen;
	char *re = ical_refold((const char *)data, size, &rlen);
	check_lines(re, rlen, 1);
	size_t rlen2;
	char *re2 = ical_refold(re, rlen, &rlen2);
	if (rlen2 != rlen || memcmp(re, re2, rlen) != 0)
		abort(); /* re-folding is idempotent */
	free(re);
	free(re2);

	struct task t;
	task_init(&t);
	task_set_str(&t.section, field[0]);
	task_set_str(&t.summary, field[1]);
	task_set_str(&t.full_text, field[2]);
	if (*field[3])
		task_add_lead(&t, field[3]);
	t.due = 19857 + (size % 400);
	t.precision = (enum due_precision)(size % PRECISION_COUNT);
	t.status = (enum task_status)(size % STATUS_COUNT);
	memcpy(t.uuid, "0b5e6f2a-1c3d-4e5f-8a9b-000000000001", TASK_UUID_LEN + 1);
	t.updated_at = 1714500000;
	static const char *const alarms[] = { "-PT15H", "-P3D" };
	struct ical_options o = { .kind = ICAL_KIND_BOTH, .alarms = alarms, .n_alarms = 2,
				  .calendar_name = field[3], .dtstamp = 1714618800 };
	char err[ERR_MAX];
	char *text = ical_task_component(&t, 1, &o, err);
	if (!text)
		abort();
	size_t len = strlen(text);
	check_lines(text, len, 0);
	size_t doclen = len + 128;
	char *doc = malloc(doclen);
	snprintf(doc, doclen, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n%sEND:VCALENDAR\r\n", text);
	icalcomponent *cal = icalparser_parse_string(doc);
	if (!cal || errors(cal))
		abort();
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	if (!ev != (t.status == STATUS_CANCELLED))
		abort(); /* a cancelled task has its VTODO only */
	if (!ev)
		ev = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT);
	const char *summary = ev ? icalcomponent_get_summary(ev) : NULL;
	if (!summary || !*summary)
		abort();
	icalcomponent_free(cal);
	free(doc);
	free(text);
	task_release(&t);
	free(copy);
	return 0;
}
