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
#include "core/strbuf.h"
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

/* ical_text_refold_into() on a copy of text[0..len), as a new string. */
static char *refold(const char *text, size_t len, size_t *out_len)
{
	struct strbuf out = STRBUF_INIT;
	char *copy = malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	ical_text_refold_into(&out, copy, len);
	free(copy);
	*out_len = out.len;
	return strbuf_take(&out);
}

static int sink(void *ctx, const char *data, size_t len)
{
	strbuf_addn(ctx, data, len);
	return 0;
}

/* The calendar of one task as the export writes it (one batch). */
static char *calendar(const struct task *t, int64_t seq, const struct ical_options *o, size_t *len)
{
	struct strbuf out = STRBUF_INIT;
	char err[ERR_MAX];
	size_t one;
	struct ical_writer *w = ical_writer_new(o, sink, &out, err);
	if (!w || ical_writer_begin_many(w, t, &seq, 1, &one, err) || ical_writer_wait(w, err) ||
	    ical_writer_finish(w, err))
		abort();
	ical_writer_free(w);
	*len = out.len;
	return strbuf_take(&out);
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
	char *re = refold((const char *)data, size, &rlen);
	check_lines(re, rlen, 1);
	size_t rlen2;
	char *re2 = refold(re, rlen, &rlen2);
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
	size_t len;
	char *text = calendar(&t, 1, &o, &len);
	check_lines(text, len, 0);
	icalcomponent *cal = icalparser_parse_string(text);
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
	free(text);
	task_release(&t);
	free(copy);
	return 0;
}
