#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libical/ical.h>

#include "core/date.h"
#include "core/err.h"
#include "core/ical.h"
#include "core/ical_text.h"
#include "core/strbuf.h"
#include "core/task.h"

#define PINNED 1714618800 /* 2024-05-02T03:00:00Z */

static const char *const two_alarms[] = { "-PT15H", "-P3D" };

/* ------------------------------------------------------------------ helpers */

struct mem {
	char *p;
	size_t len, cap;
	int fail_after; /* writes allowed before failing; -1: never fail */
};

static int mem_write(void *ctx, const char *data, size_t len)
{
	struct mem *m = ctx;
	if (m->fail_after == 0)
		return -1;
	if (m->fail_after > 0)
		m->fail_after--;
	if (m->len + len + 1 > m->cap) {
		m->cap = (m->len + len + 1) * 2;
		m->p = realloc(m->p, m->cap);
		assert_non_null(m->p);
	}
	memcpy(m->p + m->len, data, len);
	m->len += len;
	m->p[m->len] = '\0';
	return 0;
}

static void make_task(struct task *t, int id, const char *section, const char *summary,
		      civil_day due, enum task_status status)
{
	task_init(t);
	t->id = id;
	task_set_str(&t->section, section);
	task_set_str(&t->summary, summary);
	t->due = due;
	t->precision = due == DATE_NONE ? PRECISION_NONE : PRECISION_DAY;
	t->status = status;
	snprintf(t->uuid, sizeof t->uuid, "0b5e6f2a-1c3d-4e5f-8a9b-%012d", id);
	t->version = 1;
	t->updated_at = 1714500000 + id;
}

static struct ical_options opts(enum ical_kind kind)
{
	struct ical_options o = { .kind = kind, .alarms = two_alarms, .n_alarms = 2,
				  .calendar_name = "Hạn chót", .dtstamp = PINNED };
	return o;
}

/* Writes tasks[0..n) with sequences seq (NULL: all 0) through w as
 * db/export does: one batch begun and waited for. lens (NULL: not kept)
 * receives each task's octets. 0, or -1 with err. */
static int write_batch(struct ical_writer *w, const struct task *tasks, size_t n, const int64_t *seq,
		       size_t *lens, char *err)
{
	int64_t *zeros = calloc(n + 1, sizeof *zeros);
	size_t *own = calloc(n + 1, sizeof *own);
	int rc = ical_writer_begin_many(w, tasks, seq ? seq : zeros, n, lens ? lens : own, err);
	if (rc == 0)
		rc = ical_writer_wait(w, err);
	free(zeros);
	free(own);
	return rc;
}

/* The whole calendar for tasks[0..n) with sequences seq (NULL: all 0). */
static char *export(const struct task *tasks, size_t n, const int64_t *seq,
		    const struct ical_options *o)
{
	char err[ERR_MAX] = "";
	struct mem m = { .fail_after = -1 };
	struct ical_writer *w = ical_writer_new(o, mem_write, &m, err);
	assert_non_null(w);
	if (write_batch(w, tasks, n, seq, NULL, err) || ical_writer_finish(w, err))
		fail_msg("%s", err);
	ical_writer_free(w);
	return m.p;
}

/* One task's components as an export writes them, alone in a calendar: its
 * bytes between header and footer ("" without deadline). NULL with err
 * when the writer refuses the options or the task. */
static char *task_component(const struct task *t, int64_t seq, const struct ical_options *o, char *err)
{
	struct mem m = { .fail_after = -1 };
	struct ical_writer *w = ical_writer_new(o, mem_write, &m, err);
	if (!w)
		return NULL;
	size_t len = 0;
	int rc = write_batch(w, t, 1, &seq, &len, err);
	ical_writer_free(w);
	/* the batch is the last thing written, after the header */
	char *text = rc ? NULL : strndup(m.p + m.len - len, len);
	free(m.p);
	return text;
}

/* ical_text_refold_into() on a copy of text[0..len), as a new string. */
static char *refold(const char *text, size_t len, size_t *out_len)
{
	struct strbuf out = STRBUF_INIT;
	char *copy = strndup(text, len);
	ical_text_refold_into(&out, copy, len);
	free(copy);
	if (out_len)
		*out_len = out.len;
	return strbuf_take(&out);
}

/* Byte-level RFC 5545 rules, checked here independently of the code under test. */
static void assert_lines_ok(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), line_start = 0;
	assert_true(len >= 2);
	assert_memory_equal(text + len - 2, "\r\n", 2);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			assert_true(i + 1 < len && s[i + 1] == '\n'); /* no bare CR */
			size_t line_len = i - line_start;
			if (line_len > 75)
				fail_msg("line of %zu octets: %.80s", line_len, text + line_start);
			assert_true(line_len > 0);
			/* a fold never lands inside a UTF-8 character */
			if (i + 3 < len && s[i + 2] == ' ') {
				assert_false((s[i + 3] & 0xC0) == 0x80);
				assert_true(i + 3 < len && s[i + 3] != '\r'); /* continuation with content */
			}
			line_start = i + 2;
			i++;
			continue;
		}
		assert_int_not_equal(s[i], '\n'); /* no bare LF */
		if (s[i] < 0x20 && s[i] != '\t')
			fail_msg("control character 0x%02X at byte %zu", s[i], i);
		assert_int_not_equal(s[i], 0x7F);
	}
	/* every line, and every continuation, is valid UTF-8 on its own */
	for (size_t i = 0; i < len;) {
		size_t n = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
		assert_true(s[i] < 0x80 || s[i] >= 0xC2);
		for (size_t k = 1; k < n; k++)
			assert_true(i + k < len && (s[i + k] & 0xC0) == 0x80);
		i += n;
	}
	assert_null(strstr(text, "\r\r\n \n"));
	assert_null(strstr(text, "\r\n \r\n"));
	assert_null(strstr(text, "X-LIC-ERROR"));
}

static int count_errors(icalcomponent *c)
{
	int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
		print_message("X-LIC-ERROR in %s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(c)),
			      icalproperty_get_xlicerror(p));
	for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
	     k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += count_errors(k);
	return n;
}

/* Parses with libical: no X-LIC-ERROR, icalrestriction_check clean. */
static icalcomponent *parse_ok(const char *text)
{
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(count_errors(cal), 0);
	icalcomponent *checked = icalcomponent_new_clone(cal);
	assert_int_equal(icalrestriction_check(checked), 1);
	assert_int_equal(count_errors(checked), 0);
	icalcomponent_free(checked);
	return cal;
}

static icalcomponent *find_uid(icalcomponent *cal, icalcomponent_kind kind, const char *uid)
{
	for (icalcomponent *c = icalcomponent_get_first_component(cal, kind); c;
	     c = icalcomponent_get_next_component(cal, kind))
		if (strcmp(icalcomponent_get_uid(c), uid) == 0)
			return c;
	return NULL;
}

static const char *prop_text(icalcomponent *c, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(c, kind);
	assert_non_null(p);
	return icalvalue_get_text(icalproperty_get_value(p));
}

/* text with every fold removed */
static char *unfold(const char *text)
{
	char *out = strdup(text), *o = out;
	for (const char *p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static char *hex(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 2 + 2);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", (unsigned char)s[i]);
	if (!n)
		strcpy(out, "-");
	return out;
}

/* Writes text and spec to a temporary directory and runs the python check;
 * returns its exit status. The files are kept (and named) when the status is
 * not the expected one. */
static int run_python_check_expect(const char *ics, const char *spec, int expect)
{
	char dir[TESTDIR_SIZE], ics_path[64], spec_path[64], cmd[256];
	test_mkdir(dir);
	snprintf(ics_path, sizeof ics_path, "%s/export.ics", dir);
	snprintf(spec_path, sizeof spec_path, "%s/spec.tsv", dir);
	FILE *f = fopen(ics_path, "wb");
	assert_non_null(f);
	fputs(ics, f);
	fclose(f);
	f = fopen(spec_path, "w");
	assert_non_null(f);
	fputs(spec, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 e2e/ical_check.py %s %s%s", ics_path, spec_path,
		 expect ? " >/dev/null" : "");
	int rc = system(cmd);
	assert_true(WIFEXITED(rc));
	rc = WEXITSTATUS(rc);
	if (rc == expect) {
		unlink(ics_path);
		unlink(spec_path);
		rmdir(dir);
	} else {
		print_message("ical_check.py exit %d: kept %s and %s\n", rc, ics_path, spec_path);
	}
	return rc;
}

static int run_python_check(const char *ics, const char *spec)
{
	return run_python_check_expect(ics, spec, 0);
}

struct spec {
	char *p;
	size_t len, cap;
};

static void spec_add(struct spec *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void spec_add(struct spec *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (s->len + (size_t)n + 1 > s->cap) {
		s->cap = (s->len + (size_t)n + 1) * 2;
		s->p = realloc(s->p, s->cap);
	}
	va_start(ap, fmt);
	vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

/* A 300-character Vietnamese summary with , ; \ and newlines. */
static char *long_summary(void)
{
	static const char piece[] = "Sở Tài chính, Cục Thuế; C:\\dữ liệu\\báo cáo\nđợt 2 ";
	char *out = calloc(1, 2000);
	size_t chars = 0, i = 0;
	while (chars < 299) {
		unsigned char c = (unsigned char)piece[i % (sizeof piece - 1)];
		size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		memcpy(out + strlen(out), piece + i % (sizeof piece - 1), n);
		i += n;
		chars++;
	}
	strcat(out, "!"); /* 300 characters; a value's trailing space would be dropped */
	return out;
}

/* -------------------------------------------------------------------- tests */

static void test_options_check(void **state)
{
	(void)state;
	static const struct {
		const char *alarm;
		bool ok;
	} cases[] = {
		{ "-PT15H", true },   { "-P3D", true },	     { "-P1W", true },	   { "PT8H", true },
		{ "+PT30M", true },   { "-P1DT2H", true },   { "-PT1H30M", true }, { "PT0S", true },
		{ "-P1DT2H3M4S", true }, { "", false },	     { "P", false },	   { "-PT", false },
		{ "-P1DT", false },   { "-PT15h", false },   { "15H", false },	   { "-P2W3D", false },
		{ "-PT1H30S", false }, { "-P400D", false },  { "-PT15H ", false }, { "-P1Y", false },
		{ "-PT9999999H", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *a[] = { "-PT15H", cases[i].alarm };
		struct ical_options o = { .alarms = a, .n_alarms = 2 };
		char err[ERR_MAX] = "";
		int rc = ical_options_check(&o, err);
		if (cases[i].ok != (rc == 0))
			fail_msg("alarm '%s': rc %d (%s)", cases[i].alarm, rc, err);
		if (rc) {
			char quoted[64];
			snprintf(quoted, sizeof quoted, "'%s'", cases[i].alarm);
			assert_non_null(strstr(err, quoted)); /* the message names the value */
			/* the writer refuses the same options */
			struct mem m = { .fail_after = -1 };
			assert_null(ical_writer_new(&o, mem_write, &m, err));
			assert_int_equal(m.len, 0);
			struct task t;
			make_task(&t, 1, "I", "x", date_from_ymd(2024, 5, 14), STATUS_NEW);
			assert_null(task_component(&t, 0, &o, err));
			task_release(&t);
		}
	}
	struct ical_options bad_kind = { .kind = 4 }, bad_stamp = { .dtstamp = -5 };
	char err[ERR_MAX];
	assert_int_equal(ical_options_check(&bad_kind, err), -1);
	assert_int_equal(ical_options_check(&bad_stamp, err), -1);

	enum ical_kind k;
	assert_int_equal(ical_kind_parse("todo", &k, err), 0);
	assert_int_equal(k, ICAL_KIND_TODO);
	assert_int_equal(ical_kind_parse("both", &k, err), 0);
	assert_int_equal(k, ICAL_KIND_BOTH);
	assert_int_equal(ical_kind_parse("vevent", &k, err), -1);
	assert_non_null(strstr(err, "'vevent'"));
	assert_string_equal(ical_kind_name(ICAL_KIND_EVENT), "event");
}

static void test_event_fields(void **state)
{
	(void)state;
	struct task t;
	make_task(&t, 7, "I.2.2 (5)", "Giải ngân vốn đầu tư công trên 60%",
		  date_from_ymd(2024, 9, 30), STATUS_IN_PROGRESS);
	t.precision = PRECISION_QUARTER;
	task_set_str(&t.full_text, "Đẩy nhanh tiến độ giải ngân.");
	task_set_str(&t.due_phrase, "hết quý III");
	task_set_str(&t.document_label, "Thông báo 123/TB-UBND ngày 25/04/2024");
	task_add_lead(&t, "Sở Kế hoạch và Đầu tư");
	task_add_lead(&t, "UBND các huyện, thành phố; thị xã");
	task_add_cooperating(&t, "các sở, ban, ngành");
	struct ical_options o = opts(ICAL_KIND_EVENT);
	char err[ERR_MAX];
	char *text = task_component(&t, 3, &o, err);
	assert_non_null(text);
	assert_lines_ok(text);
	assert_int_equal(strncmp(text, "BEGIN:VEVENT\r\n", 14), 0);
	assert_null(strstr(text, "VTODO"));

	/* VALARMs come after every other property of the event */
	const char *alarm = strstr(text, "BEGIN:VALARM");
	assert_non_null(alarm);
	assert_true(strstr(text, "TRANSP:") < alarm && strstr(text, "CATEGORIES") < alarm);
	assert_null(strstr(alarm, "END:VALARM\r\nSUMMARY"));

	char *doc = NULL;
	size_t n = strlen("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n") + strlen(text) + 20;
	doc = malloc(n);
	snprintf(doc, n, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n%sEND:VCALENDAR\r\n", text);
	icalcomponent *cal = parse_ok(doc);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), t.uuid);
	struct icaltimetype s = icalcomponent_get_dtstart(ev), e = icalcomponent_get_dtend(ev);
	assert_true(s.is_date && e.is_date);
	assert_int_equal(s.year * 10000 + s.month * 100 + s.day, 20240930);
	assert_int_equal(e.year * 10000 + e.month * 100 + e.day, 20241001);
	assert_int_equal(icalcomponent_get_sequence(ev), 3);
	struct icaltimetype stamp = icalcomponent_get_dtstamp(ev);
	assert_int_equal(icaltime_as_timet(stamp), PINNED);
	icalproperty *lm = icalcomponent_get_first_property(ev, ICAL_LASTMODIFIED_PROPERTY);
	assert_int_equal(icaltime_as_timet(icalproperty_get_lastmodified(lm)), t.updated_at);
	/* who leads first (short names where the database gives them), then
	 * what, then the section */
	assert_string_equal(icalcomponent_get_summary(ev),
			    "Sở Kế hoạch và Đầu tư; UBND các huyện, thành phố; thị xã: Giải ngân vốn đầu tư công trên 60% (I.2.2 (5))");
	/* the agencies in one CATEGORIES line (todoman drops a VTODO with two) */
	char *flat_cat = unfold(text);
	assert_non_null(strstr(flat_cat, "\r\nCATEGORIES:Sở Kế hoạch và Đầu tư,UBND các huyện\\, thành phố\\; thị xã\r\n"));
	assert_null(strstr(strstr(flat_cat, "CATEGORIES:") + 1, "CATEGORIES"));
	free(flat_cat);
	assert_string_equal(icalcomponent_get_description(ev),
			    "Đẩy nhanh tiến độ giải ngân.\n\n"
			    "Chủ trì: Sở Kế hoạch và Đầu tư; UBND các huyện, thành phố; thị xã\n"
			    "Phối hợp: các sở, ban, ngành\n"
			    "Văn bản: Thông báo 123/TB-UBND ngày 25/04/2024\n"
			    "Thời hạn: hết quý III\n"
			    "Thời hạn tính theo quý: hạn chót là ngày cuối quý, 30/09/2024.\n"
			    "Trạng thái: đang thực hiện");
	icalproperty *cat = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
	assert_string_equal(icalproperty_get_categories(cat), "Sở Kế hoạch và Đầu tư");
	cat = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY);
	assert_non_null(cat);
	assert_string_equal(icalproperty_get_categories(cat), "UBND các huyện, thành phố; thị xã");
	assert_null(icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY));

	const char *want_trig[] = { "-PT15H", "-P3D" };
	int k = 0;
	for (icalcomponent *a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); a;
	     a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT), k++) {
		icalproperty *act = icalcomponent_get_first_property(a, ICAL_ACTION_PROPERTY);
		assert_int_equal(icalproperty_get_action(act), ICAL_ACTION_DISPLAY);
		assert_string_equal(prop_text(a, ICAL_DESCRIPTION_PROPERTY), "Hạn chót 30/09/2024 – I.2.2 (5)");
		icalproperty *tr = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
		assert_null(icalproperty_get_first_parameter(tr, ICAL_RELATED_PARAMETER));
		char *d = icaldurationtype_as_ical_string_r(icalproperty_get_trigger(tr).duration);
		assert_string_equal(d, want_trig[k]);
		free(d);
	}
	assert_int_equal(k, 2);
	icalcomponent_free(cal);
	free(doc);

	/* English labels and the other precisions */
	o.lang = LANG_EN;
	t.precision = PRECISION_MONTH;
	free(text);
	text = task_component(&t, 3, &o, err);
	char *flat = unfold(text);
	assert_non_null(strstr(flat, "Lead: Sở Kế hoạch"));
	assert_non_null(strstr(flat, "\\nCooperating: "));
	assert_non_null(strstr(flat, "\\nDocument: "));
	assert_non_null(strstr(flat, "\\nThe deadline is a month: it falls on the month's last day\\, 30/09/2024."));
	assert_non_null(strstr(flat, "\\nStatus: in progress"));
	free(flat);
	free(text);
	o.lang = LANG_VI;
	static const char *const period[] = { [PRECISION_MONTH] = "cuối tháng", [PRECISION_QUARTER] = "cuối quý",
					      [PRECISION_HALF_YEAR] = "cuối của 6 tháng",
					      [PRECISION_YEAR] = "cuối năm" };
	for (int p = PRECISION_NONE; p < PRECISION_COUNT; p++) {
		t.precision = (enum due_precision)p;
		text = task_component(&t, 0, &o, err);
		/* compare on the libical-decoded value: folding may split the words */
		doc = malloc(strlen(text) + 64);
		snprintf(doc, strlen(text) + 64,
			 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n%sEND:VCALENDAR\r\n", text);
		cal = parse_ok(doc);
		const char *desc = icalcomponent_get_description(
			icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT));
		if (period[p])
			assert_non_null(strstr(desc, period[p]));
		else
			assert_null(strstr(desc, "hạn chót là ngày"));
		icalcomponent_free(cal);
		free(doc);
		free(text);
	}
	task_release(&t);
}

static void test_todo_status_and_uids(void **state)
{
	(void)state;
	static const struct {
		enum task_status status;
		const char *ical;
		bool alarms;
	} cases[] = {
		{ STATUS_NEW, "NEEDS-ACTION", true },	  { STATUS_IN_PROGRESS, "IN-PROCESS", true },
		{ STATUS_REPORTED, "NEEDS-ACTION", true }, { STATUS_PAUSED, "NEEDS-ACTION", true },
		{ STATUS_DONE, "COMPLETED", false },	  { STATUS_CANCELLED, "CANCELLED", false },
	};
	struct task tasks[6];
	for (size_t i = 0; i < 6; i++) {
		make_task(&tasks[i], (int)i + 1, "II.1", "Quy chế", date_from_ymd(2024, 5, 7),
			  cases[i].status);
		if (cases[i].status == STATUS_DONE)
			tasks[i].completed = date_from_ymd(2024, 5, 6);
	}
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char *text = export(tasks, 6, NULL, &o);
	assert_lines_ok(text);
	icalcomponent *cal = parse_ok(text);
	/* a cancelled task has no event: Outlook and Google show cancelled ones */
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 5);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VTODO_COMPONENT), 6);
	static const char *const said[] = { "chưa thực hiện", "đang thực hiện", "chờ xác nhận", "tạm hoãn",
					    "hoàn thành", "đã huỷ" };
	for (size_t i = 0; i < 6; i++) {
		char uid[64];
		snprintf(uid, sizeof uid, "%s-todo", tasks[i].uuid);
		icalcomponent *td = find_uid(cal, ICAL_VTODO_COMPONENT, uid);
		icalcomponent *ev = find_uid(cal, ICAL_VEVENT_COMPONENT, tasks[i].uuid);
		assert_non_null(td);
		assert_true(ev ? cases[i].status != STATUS_CANCELLED : cases[i].status == STATUS_CANCELLED);
		assert_string_equal(icalproperty_status_to_string(icalcomponent_get_status(td)),
				    cases[i].ical);
		/* reported and paused are NEEDS-ACTION: the description says which */
		char line[80];
		snprintf(line, sizeof line, "Trạng thái: %s", said[i]);
		assert_non_null(strstr(icalcomponent_get_description(td), line));
		/* done where people look: the SUMMARY */
		const char *sum = icalcomponent_get_summary(td);
		assert_int_equal(strncmp(sum, "\u2713 ", 4) == 0, cases[i].status == STATUS_DONE);
		struct icaltimetype due = icalcomponent_get_due(td);
		assert_true(due.is_date);
		assert_int_equal(due.year * 10000 + due.month * 100 + due.day, 20240507);
		icalproperty *c = icalcomponent_get_first_property(td, ICAL_COMPLETED_PROPERTY);
		if (cases[i].status == STATUS_DONE) {
			assert_non_null(c);
			struct icaltimetype when = icalproperty_get_completed(c);
			assert_true(icaltime_is_utc(when));
			assert_int_equal(when.year * 10000 + when.month * 100 + when.day, 20240506);
		} else {
			assert_null(c);
		}
		int n = icalcomponent_count_components(td, ICAL_VALARM_COMPONENT);
		assert_int_equal(n, cases[i].alarms ? 2 : 0);
		if (ev)
			assert_int_equal(icalcomponent_count_components(ev, ICAL_VALARM_COMPONENT), n);
		for (icalcomponent *a = icalcomponent_get_first_component(td, ICAL_VALARM_COMPONENT); a;
		     a = icalcomponent_get_next_component(td, ICAL_VALARM_COMPONENT)) {
			icalproperty *tr = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
			icalparameter *rel = icalproperty_get_first_parameter(tr, ICAL_RELATED_PARAMETER);
			assert_non_null(rel);
			assert_int_equal(icalparameter_get_related(rel), ICAL_RELATED_END);
		}
		if (ev)
			assert_null(icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY));
	}
	icalcomponent_free(cal);
	free(text);

	/* todo only: the VTODO keeps the same UID it has with "both" */
	o = opts(ICAL_KIND_TODO);
	char err[ERR_MAX];
	text = task_component(&tasks[0], 0, &o, err);
	assert_null(strstr(text, "VEVENT"));
	char want[80];
	snprintf(want, sizeof want, "UID:%s-todo\r\n", tasks[0].uuid);
	assert_non_null(strstr(text, want));
	free(text);
	for (size_t i = 0; i < 6; i++)
		task_release(&tasks[i]);
}

static void test_no_deadline_skipped_and_bad_tasks(void **state)
{
	(void)state;
	struct task t[3];
	make_task(&t[0], 1, "I.2.2 (1)", "thường xuyên", DATE_NONE, STATUS_NEW);
	make_task(&t[1], 2, "I.2.1", "dự thảo", date_from_ymd(2024, 5, 14), STATUS_NEW);
	make_task(&t[2], 3, "I.2.4", "không hạn", DATE_NONE, STATUS_DONE);
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char err[ERR_MAX];
	char *c = task_component(&t[0], 0, &o, err);
	assert_string_equal(c, "");
	free(c);

	struct mem m = { .fail_after = -1 };
	struct ical_writer *w = ical_writer_new(&o, mem_write, &m, err);
	size_t lens[3];
	assert_int_equal(write_batch(w, t, 3, NULL, lens, err), 0);
	assert_int_equal(lens[0], 0);
	assert_true(lens[1] > 0);
	assert_int_equal(lens[2], 0);
	assert_int_equal(ical_writer_finish(w, err), 0);
	ical_writer_free(w);
	icalcomponent *cal = parse_ok(m.p);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VTODO_COMPONENT), 1);
	icalcomponent_free(cal);
	free(m.p);

	/* no uuid, negative sequence, absurd dates: an error naming the task */
	t[1].uuid[0] = '\0';
	assert_null(task_component(&t[1], 0, &o, err));
	assert_non_null(strstr(err, "uuid"));
	snprintf(t[1].uuid, sizeof t[1].uuid, "u-1");
	assert_null(task_component(&t[1], -1, &o, err));
	assert_non_null(strstr(err, "u-1"));
	assert_null(task_component(&t[1], (int64_t)INT32_MAX + 1, &o, err));
	t[1].due = INT32_MAX - 5;
	assert_null(task_component(&t[1], 0, &o, err));
	assert_non_null(strstr(err, "due date"));
	for (int i = 0; i < 3; i++)
		task_release(&t[i]);
}

/* Byte rules for adversarial text, and the text decoded back exactly. */
static void test_folding_and_exact_text(void **state)
{
	(void)state;
	char *summary = long_summary();
	static const char *const texts[] = {
		"ữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữữ",
		"a\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\",
		",;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;,;",
		"a\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nz",
		"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
		"Tiếng Việt có dấu: Ủy ban nhân dân tỉnh Lai Châu, Sở Văn hóa – Thể thao và Du lịch",
	};
	size_t n = sizeof texts / sizeof texts[0] + 1;
	struct task *t = calloc(n, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		make_task(&t[i], (int)i + 1, "", i ? texts[i - 1] : summary,
			  date_from_ymd(2024, 5, 14) + (int)i, STATUS_NEW);
		task_set_str(&t[i].section, i % 2 ? "x" : ""); /* shifts the fold positions */
		task_set_str(&t[i].full_text, i ? texts[i - 1] : summary);
	}
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char *text = export(t, n, NULL, &o);
	assert_lines_ok(text);
	icalcomponent *cal = parse_ok(text);
	/* the description holds the text exactly; the SUMMARY too, on one line */
	char *one_line[sizeof texts / sizeof texts[0] + 1];
	for (size_t i = 0; i < n; i++) {
		const char *want = i ? texts[i - 1] : summary;
		one_line[i] = strdup(want);
		for (char *c = one_line[i]; *c; c++)
			if (*c == '\n')
				*c = ' ';
		icalcomponent *ev = find_uid(cal, ICAL_VEVENT_COMPONENT, t[i].uuid);
		const char *got = icalcomponent_get_summary(ev);
		size_t len = strlen(got);
		if (*t[i].section) { /* "… (x)" */
			assert_true(len > 4 && strcmp(got + len - 4, " (x)") == 0);
			len -= 4;
		}
		assert_int_equal(len, strlen(one_line[i]));
		assert_memory_equal(got, one_line[i], len);
		const char *desc = icalcomponent_get_description(ev);
		assert_int_equal(strncmp(desc, want, strlen(want)), 0);
		assert_int_equal(strncmp(desc + strlen(want), "\n\nTrạng thái: ", 16), 0);
	}
	icalcomponent_free(cal);

	/* the same through python3-icalendar, and every item into calcurse */
	struct spec s = { 0 };
	spec_add(&s, "count\tVEVENT\t%zu\ncount\tVTODO\t%zu\ncount\tVALARM\t%zu\n", n, n, 4 * n);
	spec_add(&s, "calcurse\t%zu\t%zu\n", n, n);
	char *hex_status_line = hex("Trạng thái: chưa thực hiện");
	for (size_t i = 0; i < n; i++) {
		char *h = hex(one_line[i]), *d = hex(i ? texts[i - 1] : summary);
		spec_add(&s, "text\tVEVENT\t%s\tSUMMARY\t%s%s\n", t[i].uuid, h, *t[i].section ? "20287829" : "");
		spec_add(&s, "text\tVTODO\t%s-todo\tDESCRIPTION\t%s0a0a%s\n", t[i].uuid, d,
			 hex_status_line);
		free(h);
		free(d);
		free(one_line[i]);
	}
	free(hex_status_line);
	assert_int_equal(run_python_check(text, s.p), 0);
	free(s.p);
	free(text);
	for (size_t i = 0; i < n; i++)
		task_release(&t[i]);
	free(t);
	free(summary);
}

/* libical 3.0.16 folds inside the CRLF when a value's last folded piece is
 * 73-74 octets with no space, ';' or ':'. */
static void test_fold_inside_crlf(void **state)
{
	(void)state;
	for (size_t len = 140; len <= 160; len++) {
		char value[200];
		memset(value, 'x', len);
		value[len] = '\0';
		/* libical alone, to show that this input does hit the fault */
		icalproperty *p = icalproperty_new_summary(value);
		char *raw = icalproperty_as_ical_string_r(p);
		bool faulty = strstr(raw, "\r\r\n \n") || strstr(raw, "\r\n \r\n");
		if (len == 147 || len == 148) { /* 8 + 74 + 73|74 octets: 74-octet pieces after "SUMMARY:" */
#if ICAL_MAJOR_VERSION < 4
			assert_true(faulty);
#endif
		}
		free(raw);
		icalproperty_free(p);

		struct task t;
		make_task(&t, 1, "", value, date_from_ymd(2024, 5, 14), STATUS_NEW);
		task_set_str(&t.full_text, value);
		struct ical_options o = opts(ICAL_KIND_BOTH);
		char *text = export(&t, 1, NULL, &o);
		assert_lines_ok(text);
		icalcomponent *cal = parse_ok(text);
		icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
		assert_string_equal(icalcomponent_get_summary(ev), value);
		icalcomponent_free(cal);
		if (len == 147) {
			char *h = hex(value), spec[1024];
			snprintf(spec, sizeof spec, "text\tVEVENT\t%s\tSUMMARY\t%s\ncount\tVEVENT\t1\n", t.uuid, h);
			assert_int_equal(run_python_check(text, spec), 0);
			free(h);
		}
		free(text);
		task_release(&t);
	}
}

static void test_refold_repairs(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "SUMMARY:abc\r\r\n \nUID:1\r\n", "SUMMARY:abc\r\nUID:1\r\n" },
		{ "SUMMARY:abc\r\n \r\nUID:1\r\n", "SUMMARY:abc\r\nUID:1\r\n" },
		{ "SUMMARY:a\r\n b\r\n\tc\nUID:1", "SUMMARY:abc\r\nUID:1\r\n" },
		{ "X-WR-CALNAME;VALUE=TEXT:a, b; c\\, d\\\\\r\n", "X-WR-CALNAME;VALUE=TEXT:a\\, b\\; c\\, d\\\\\r\n" },
		{ "CATEGORIES:UBND các huyện, thành phố; x\r\n", "CATEGORIES:UBND các huyện\\, thành phố\\; x\r\n" },
		{ "DESCRIPTION:a, b; c\r\n", "DESCRIPTION:a, b; c\r\n" },
		{ "A:1\r\n\r\n\r\nB:2\r\n", "A:1\r\nB:2\r\n" },
		{ "A:1\n\r \nB:2", "A:1\r\nB:2\r\n" }, /* found by fuzz_ical */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		char *out = refold(cases[i].in, strlen(cases[i].in), &len);
		assert_string_equal(out, cases[i].out);
		assert_int_equal(len, strlen(cases[i].out));
		free(out);
	}
	/* not UTF-8 (found by fuzz_ical): still lines of at most 75 octets */
	char junk[400] = "X:";
	memset(junk + 2, 0xBA, 300);
	size_t jlen;
	char *folded = refold(junk, strlen(junk), &jlen);
	for (char *l = folded, *e; (e = strstr(l, "\r\n")); l = e + 2)
		assert_true(e - l <= 75);
	assert_int_equal(jlen, 302 + 3 * 4 + 2); /* 5 lines */
	free(folded);

	/* a fold is never placed between a backslash and the character it escapes */
	for (size_t pre = 60; pre < 80; pre++) {
		char line[256] = "DESCRIPTION:";
		size_t k = strlen(line);
		while (k < pre)
			line[k++] = 'a';
		strcpy(line + k, "\\\\\\n\\;\\,\\\\\\\\zzzzzzzzzzzzzzzzzzzzzzzz\r\n");
		char *out = refold(line, strlen(line), NULL);
		assert_lines_ok(out);
		for (char *f = strstr(out, "\r\n "); f; f = strstr(f + 1, "\r\n ")) {
			size_t run = 0;
			while (f - run > out && f[-1 - (long)run] == '\\')
				run++;
			assert_int_equal(run % 2, 0);
		}
		char *again = refold(out, strlen(out), NULL); /* idempotent */
		assert_string_equal(again, out);
		free(again);
		free(out);
	}
}

static void test_control_characters_cleaned(void **state)
{
	(void)state;
	/* the cleaning itself is core/text's text_sanitize (test_text.c); here, that
	 * the export runs every value through it */
	struct task t;
	make_task(&t, 1, " I\x01.1", "\v Word\vline\x01 \r\nnext\fpage \n", date_from_ymd(2024, 5, 14), STATUS_NEW);
	task_set_str(&t.full_text, "tab\there\x1b[31m red");
	task_add_lead(&t, "Sở\vTài chính");
	struct ical_options o = opts(ICAL_KIND_BOTH);
	o.calendar_name = "Lịch\x01 hạn\r\nchót";
	char *text = export(&t, 1, NULL, &o);
	assert_lines_ok(text);
	icalcomponent *cal = parse_ok(text);
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(ev), "Sở Tài chính: Word line  next page (I.1)");
	assert_int_equal(strncmp(icalcomponent_get_description(ev), "tab\there[31m red\n\n", 18), 0);
	icalproperty *cat = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
	assert_string_equal(icalproperty_get_categories(cat), "Sở Tài chính");
	icalcomponent_free(cal);
	char *h = hex("Lịch hạn chót"), spec[512];
	snprintf(spec, sizeof spec, "calname\t%s\ncount\tVEVENT\t1\ncount\tVTODO\t1\n", h);
	assert_int_equal(run_python_check(text, spec), 0);
	free(h);
	free(text);
	task_release(&t);
}

static void test_calendar_header(void **state)
{
	(void)state;
	struct ical_options o = opts(ICAL_KIND_EVENT);
	const char *name = "Hạn chót, UBND tỉnh; Văn phòng \\ 2024";
	o.calendar_name = name;
	char *text = export(NULL, 0, NULL, &o);
	assert_lines_ok(text);
	assert_int_equal(strncmp(text, "BEGIN:VCALENDAR\r\n", 17), 0);
	assert_non_null(strstr(text, "\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(text, "\r\nPRODID:-//hanchot//hanchot "));
	assert_non_null(strstr(text, "\r\nNAME:Hạn chót\\, UBND tỉnh\\; Văn phòng \\\\ 2024\r\n"));
	assert_non_null(strstr(text, "X-WR-CALNAME;VALUE=TEXT:Hạn chót\\, UBND tỉnh\\; Văn phòng \\\\ 2024\r\n"));
	assert_null(strstr(text, "METHOD"));
	assert_null(strstr(text, "ORGANIZER"));
	size_t len = strlen(text);
	assert_string_equal(text + len - 15, "END:VCALENDAR\r\n");
	icalcomponent *cal = parse_ok(text);
	icalproperty *p = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
	assert_string_equal(icalproperty_get_name(p), name);
	icalcomponent_free(cal);
	char *h = hex(name), spec[512];
	snprintf(spec, sizeof spec, "calname\t%s\ncount\tVEVENT\t0\n", h);
	assert_int_equal(run_python_check(text, spec), 0);
	free(h);
	free(text);

	o.calendar_name = NULL;
	o.lang = LANG_EN;
	text = export(NULL, 0, NULL, &o);
	assert_non_null(strstr(text, "\r\nNAME:Deadlines\r\n"));
	assert_non_null(strstr(text, "//EN\r\n"));
	free(text);
}

/* Tasks like the fixture notice's, checked by python3-icalendar and calcurse. */
static const struct {
	const char *section, *summary, *lead, *coop, *due;
	enum due_precision precision;
	enum task_status status;
} fixture[] = {
	{ "I.2.1", "Dự thảo kế hoạch thực hiện Quy hoạch tỉnh", "Sở Kế hoạch và Đầu tư",
	  "các sở, ngành, địa phương", "2024-05-14", PRECISION_DAY, STATUS_IN_PROGRESS },
	{ "I.2.2 (1)", "Sản xuất nông nghiệp; Nghị quyết Sâm Lai Châu", "Sở Nông nghiệp và Phát triển nông thôn",
	  "UBND các huyện, thành phố", NULL, PRECISION_NONE, STATUS_NEW },
	{ "I.2.2 (5)", "Giải ngân vốn đầu tư công trên 60%", "Sở Kế hoạch và Đầu tư",
	  "các sở, ban, ngành liên quan", "2024-09-30", PRECISION_QUARTER, STATUS_NEW },
	{ "I.2.3 (2)", "Hoạt động kỷ niệm 70 năm chiến thắng Điện Biên Phủ",
	  "Sở Văn hóa – Thể thao và Du lịch", NULL, "2024-05-07", PRECISION_DAY, STATUS_DONE },
	{ "I.2.6", "Nội dung trình Tỉnh ủy, HĐND tỉnh kỳ họp thứ 21", "Thủ trưởng các sở, ban, ngành tỉnh",
	  NULL, "2024-07-31", PRECISION_MONTH, STATUS_REPORTED },
	{ "II.1", "Quy chế Đài Truyền thanh cấp xã", "Sở Thông tin và Truyền thông", NULL,
	  "2024-05-07", PRECISION_DAY, STATUS_CANCELLED },
	{ "II.2", "Quy chế Cụm Thông tin điện tử công cộng", "Sở Thông tin và Truyền thông", NULL,
	  "2024-05-07", PRECISION_DAY, STATUS_PAUSED },
};
#define N_FIXTURE (sizeof fixture / sizeof fixture[0])

static void fixture_tasks(struct task *t)
{
	for (size_t i = 0; i < N_FIXTURE; i++) {
		civil_day due = fixture[i].due ? date_parse_iso(fixture[i].due) : DATE_NONE;
		make_task(&t[i], (int)i + 1, fixture[i].section, fixture[i].summary, due, fixture[i].status);
		t[i].precision = fixture[i].precision;
		task_add_lead(&t[i], fixture[i].lead);
		if (fixture[i].coop)
			task_add_cooperating(&t[i], fixture[i].coop);
		task_set_str(&t[i].document_label, "Thông báo /TB-UBND ngày 25/04/2024");
		if (fixture[i].status == STATUS_DONE)
			t[i].completed = due;
	}
}

static void spec_fixture(struct spec *s, const struct task *t, const int64_t *seq)
{
	static const char *const todo_status[] = {
		[STATUS_NEW] = "NEEDS-ACTION", [STATUS_IN_PROGRESS] = "IN-PROCESS",
		[STATUS_REPORTED] = "NEEDS-ACTION", [STATUS_PAUSED] = "NEEDS-ACTION",
		[STATUS_DONE] = "COMPLETED", [STATUS_CANCELLED] = "CANCELLED",
	};
	size_t dated = 0, alarms = 0, todos = 0;
	for (size_t i = 0; i < N_FIXTURE; i++) {
		if (t[i].due == DATE_NONE)
			continue;
		bool open = t[i].status != STATUS_DONE && t[i].status != STATUS_CANCELLED;
		bool event = t[i].status != STATUS_CANCELLED;
		dated += event;
		alarms += open ? 4 : 0;
		char date[DATE_BUF], mdy[16];
		date_format_iso(t[i].due, date);
		struct civil_date c = date_to_ymd(t[i].due);
		snprintf(mdy, sizeof mdy, "%02d/%02d/%04d", c.month, c.day, c.year);
		const char *trig = open ? "-PT15H,-P3D" : "-";
		if (event)
			spec_add(s, "comp\tVEVENT\t%s\t%lld\t%s\t-\t%s\n", t[i].uuid, (long long)seq[i], date, trig);
		spec_add(s, "comp\tVTODO\t%s-todo\t%lld\t%s\t%s\t%s\n", t[i].uuid, (long long)seq[i], date,
			 todo_status[t[i].status], trig);
		char sum[512];
		snprintf(sum, sizeof sum, "%s%s: %s (%s)", t[i].status == STATUS_DONE ? "\u2713 " : "", t[i].leads[0],
			 t[i].summary, t[i].section);
		char *h = hex(sum), *cat = hex(t[i].leads[0]);
		spec_add(s, "text\tVTODO\t%s-todo\tSUMMARY\t%s\n", t[i].uuid, h);
		spec_add(s, "categories\tVTODO\t%s-todo\t%s\n", t[i].uuid, cat);
		if (event)
			spec_add(s, "calcurse-event\t%s\t%s\n", mdy, h);
		free(h);
		free(cat);
		todos++;
	}
	spec_add(s, "count\tVEVENT\t%zu\ncount\tVTODO\t%zu\ncount\tVALARM\t%zu\n", dated, todos, alarms);
	spec_add(s, "calcurse\t%zu\t%zu\n", dated, todos);
}

static void test_fixture_python_and_calcurse(void **state)
{
	(void)state;
	struct task t[N_FIXTURE];
	int64_t seq[N_FIXTURE];
	fixture_tasks(t);
	for (size_t i = 0; i < N_FIXTURE; i++)
		seq[i] = (int64_t)i % 3;
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char *text = export(t, N_FIXTURE, seq, &o);
	assert_lines_ok(text);
	icalcomponent *cal = parse_ok(text);
	icalcomponent_free(cal);
	struct spec s = { 0 };
	spec_fixture(&s, t, seq);
	assert_int_equal(run_python_check(text, s.p), 0);

	/* the check can fail: a wrong SEQUENCE, a wrong calcurse count */
	char *wrong = strdup(s.p), *p = strstr(wrong, "\t0\t2024-05-14");
	assert_non_null(p);
	p[1] = '5';
	assert_int_equal(run_python_check_expect(text, wrong, 1), 1);
	free(wrong);
	struct spec bad = { 0 };
	spec_add(&bad, "calcurse\t99\t0\n");
	assert_int_equal(run_python_check_expect(text, bad.p, 1), 1);
	free(bad.p);
	free(s.p);
	free(text);
	for (size_t i = 0; i < N_FIXTURE; i++)
		task_release(&t[i]);
}

/* Re-export after one status change: same UIDs, only that SEQUENCE higher;
 * every other task's bytes are those of the first export (what db/export
 * copies from it), only the changed task's are new. */
static void test_reexport_and_cache(void **state)
{
	(void)state;
	struct task t[N_FIXTURE];
	int64_t seq[N_FIXTURE] = { 0 };
	fixture_tasks(t);
	struct ical_options o = opts(ICAL_KIND_BOTH);
	o.dtstamp = 0; /* each task's updated_at: an unchanged task's bytes stay valid */
	char *first = export(t, N_FIXTURE, seq, &o);
	char *again = export(t, N_FIXTURE, seq, &o);
	assert_string_equal(first, again); /* byte-identical for identical input */
	free(again);

	char err[ERR_MAX];
	char *before[N_FIXTURE];
	for (size_t i = 0; i < N_FIXTURE; i++)
		before[i] = task_component(&t[i], seq[i], &o, err);

	t[2].status = STATUS_DONE;
	t[2].completed = date_from_ymd(2024, 9, 1);
	t[2].updated_at += 1000;
	seq[2] = 1;
	char *second = export(t, N_FIXTURE, seq, &o);
	char *now = task_component(&t[2], seq[2], &o, err);
	assert_true(strcmp(now, before[2]) != 0);
	/* the second export is the first with task 3's bytes replaced */
	char *at = strstr(first, before[2]);
	assert_non_null(at);
	size_t head = (size_t)(at - first);
	assert_memory_equal(second, first, head);
	assert_memory_equal(second + head, now, strlen(now));
	assert_string_equal(second + head + strlen(now), at + strlen(before[2]));
	free(now);

	icalcomponent *a = parse_ok(first), *b = parse_ok(second);
	icalcomponent_kind kinds[] = { ICAL_VEVENT_COMPONENT, ICAL_VTODO_COMPONENT };
	for (int k = 0; k < 2; k++) {
		assert_int_equal(icalcomponent_count_components(a, kinds[k]),
				 icalcomponent_count_components(b, kinds[k]));
		for (icalcomponent *x = icalcomponent_get_first_component(a, kinds[k]); x;
		     x = icalcomponent_get_next_component(a, kinds[k])) {
			icalcomponent *y = find_uid(b, kinds[k], icalcomponent_get_uid(x));
			assert_non_null(y);
			bool changed = strncmp(icalcomponent_get_uid(x), t[2].uuid, strlen(t[2].uuid)) == 0;
			assert_int_equal(icalcomponent_get_sequence(y),
					 icalcomponent_get_sequence(x) + (changed ? 1 : 0));
		}
	}
	icalcomponent_free(a);
	icalcomponent_free(b);
	struct spec s = { 0 };
	spec_fixture(&s, t, seq);
	assert_int_equal(run_python_check(second, s.p), 0);
	free(s.p);

	/* the options fingerprint changes with what changes the component text */
	uint64_t fp = ical_options_fingerprint(&o);
	struct ical_options o2 = o;
	o2.calendar_name = "khác";
	assert_true(ical_options_fingerprint(&o2) == fp);
	const char *other[] = { "-PT15H", "-P2D" };
	o2.alarms = other;
	assert_true(ical_options_fingerprint(&o2) != fp);
	o2 = o;
	o2.lang = LANG_EN;
	assert_true(ical_options_fingerprint(&o2) != fp);

	for (size_t i = 0; i < N_FIXTURE; i++) {
		free(before[i]);
		task_release(&t[i]);
	}
	free(first);
	free(second);
}

/* A batch serialised on several threads is byte for byte what one task at a
 * time gives, in order, with each task's length; a bad task in the middle
 * stops the batch after the tasks before it; a batch can be begun while the
 * caller prepares the next. */
/* Components are written property by property, recurring properties copied
 * from their first serialisation: the text must be exactly what libical
 * writes for the whole component (re-folded as ical_text_refold_into() does), checked by
 * reading each component back with libical and serialising it whole, over
 * tasks that vary everything a property depends on, in one writer (so
 * copies are reused across tasks) and on their own. */
/* text without its CATEGORIES lines (and their folds), in place: libical
 * reads our one line of several values as several properties and writes
 * them one a line; the values are compared on their own. */
static void drop_categories(char *text)
{
	char *w = text;
	bool dropping = false;
	for (char *r = text; *r;) {
		char *eol = strstr(r, "\r\n");
		size_t n = eol ? (size_t)(eol + 2 - r) : strlen(r);
		if (*r != ' ')
			dropping = strncmp(r, "CATEGORIES", 10) == 0;
		if (!dropping) {
			memmove(w, r, n);
			w += n;
		}
		r += n;
	}
	*w = '\0';
}

static void test_components_as_libical_writes_them(void **state)
{
	(void)state;
	static const enum task_status statuses[] = { STATUS_NEW, STATUS_IN_PROGRESS, STATUS_DONE,
						     STATUS_CANCELLED, STATUS_PAUSED };
	static const char *const leads[] = { "Sở Tài chính", "Sở Kế hoạch, Đầu tư; và \\ khác",
					     "UBND các huyện, thành phố" };
	enum { N = 40 };
	struct task tasks[N];
	int64_t seq[N];
	for (int i = 0; i < N; i++) {
		make_task(&tasks[i], i + 1, i % 4 ? "II.3" : "",
			  i % 6 == 5 ? "" : "Báo cáo, tổng hợp; \\ kết quả\nthực hiện",
			  date_from_ymd(2024, 1 + i % 3, 1 + i % 5), statuses[i % 5]);
		task_set_str(&tasks[i].full_text, i % 3 ? "Giao Sở Tài chính chủ trì,\nphối hợp; báo cáo." : "");
		for (int k = 0; k <= i % 3; k++)
			task_add_lead(&tasks[i], leads[(i + k) % 3]);
		if (i % 2)
			task_add_cooperating(&tasks[i], "Sở Y tế");
		tasks[i].precision = (enum due_precision)(i % PRECISION_COUNT);
		tasks[i].completed = i % 7 == 2 ? date_from_ymd(2024, 2, 1 + i % 3) : DATE_NONE;
		tasks[i].updated_at = i % 9 == 4 ? 0 : 1714500000 + (i % 4) * 3600;
		seq[i] = i % 3;
	}
	for (int variant = 0; variant < 2; variant++) {
		struct ical_options o = opts(ICAL_KIND_BOTH);
		if (variant)
			o.dtstamp = 0; /* DTSTAMP from each task's last change */
		char *cal = export(tasks, N, seq, &o);
		char err[ERR_MAX] = "";
		for (int i = 0; i < N; i++) {
			char *one = task_component(&tasks[i], seq[i], &o, err);
			assert_non_null(one);
			/* the same text inside the calendar, after copies were made */
			assert_non_null(strstr(cal, one));
			/* each component as libical writes it */
			for (const char *c = one; *c;) {
				const char *end = strstr(c, strncmp(c, "BEGIN:VEVENT", 12) == 0
								? "\r\nEND:VEVENT\r\n"
								: "\r\nEND:VTODO\r\n");
				assert_non_null(end);
				end = strstr(end + 2, "\r\n") + 2;
				char *piece = strndup(c, (size_t)(end - c));
				icalcomponent *parsed = icalparser_parse_string(piece);
				assert_non_null(parsed);
				char *again = icalcomponent_as_ical_string_r(parsed);
				char *refolded = refold(again, strlen(again), NULL);
				/* the leads, in order, from one CATEGORIES line */
				icalproperty *cat = icalcomponent_get_first_property(parsed, ICAL_CATEGORIES_PROPERTY);
				for (size_t k = 0; k < tasks[i].n_leads; k++) {
					assert_non_null(cat);
					assert_string_equal(icalproperty_get_categories(cat), tasks[i].leads[k]);
					cat = icalcomponent_get_next_property(parsed, ICAL_CATEGORIES_PROPERTY);
				}
				assert_null(cat);
				assert_null(strstr(strstr(piece, "\r\nCATEGORIES") + 2, "\r\nCATEGORIES"));
				drop_categories(refolded);
				drop_categories(piece);
				if (strcmp(refolded, piece) != 0)
					fail_msg("task %d differs from libical's whole component:\n%s\n---\n%s", i + 1,
						 piece, refolded);
				free(refolded);
				free(again);
				icalcomponent_free(parsed);
				free(piece);
				c = end;
			}
			free(one);
		}
		free(cal);
	}
	for (int i = 0; i < N; i++)
		task_release(&tasks[i]);
}

/* More recurring properties than a thread keeps (dates spread over years):
 * the kept texts are emptied and made again, and every task is still written
 * as it is on its own. */
static void test_kept_properties_overflow(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct task *tasks = calloc(N, sizeof *tasks);
	int64_t *seq = calloc(N, sizeof *seq);
	assert_non_null(tasks);
	assert_non_null(seq);
	for (int i = 0; i < N; i++) {
		make_task(&tasks[i], i + 1, "I", "Việc", date_from_ymd(2024, 1, 1) + i * 3, STATUS_NEW);
		seq[i] = i;
	}
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char *cal = export(tasks, N, seq, &o);
	char err[ERR_MAX] = "";
	size_t pos = 0;
	for (int i = 0; i < N; i++) {
		char *one = task_component(&tasks[i], seq[i], &o, err);
		assert_non_null(one);
		const char *at = strstr(cal + pos, one);
		assert_ptr_not_equal(at, NULL);
		pos = (size_t)(at - cal) + strlen(one);
		free(one);
		task_release(&tasks[i]);
	}
	free(cal);
	free(tasks);
	free(seq);
}

static void test_batches(void **state)
{
	(void)state;
	enum { N = 700 };
	static struct task tasks[N];
	static int64_t seq[N];
	static size_t lens[N];
	static const enum task_status statuses[] = { STATUS_NEW, STATUS_DONE, STATUS_CANCELLED };
	char summary[64];
	for (int i = 0; i < N; i++) {
		snprintf(summary, sizeof summary, "Việc %d, báo cáo; tổng hợp", i);
		make_task(&tasks[i], i + 1, "II.1", summary,
			  i % 50 == 7 ? DATE_NONE : date_from_ymd(2024, 1 + i % 12, 1 + i % 28),
			  statuses[i % 3]);
		seq[i] = i % 5;
	}
	struct ical_options o = opts(ICAL_KIND_BOTH);
	char *want = export(tasks, N, seq, &o);
	char err[ERR_MAX] = "";
	struct mem m = { .fail_after = -1 };
	struct ical_writer *w = ical_writer_new(&o, mem_write, &m, err);
	assert_non_null(w);
	assert_int_equal(ical_writer_start(w, err), 0);
	size_t header = m.len, sum = 0;
	/* two batches, the second begun and then waited for */
	assert_int_equal(write_batch(w, tasks, 300, seq, lens, err), 0);
	assert_int_equal(ical_writer_begin_many(w, tasks + 300, seq + 300, N - 300, lens + 300, err), 0);
	size_t one_len;
	assert_int_equal(ical_writer_begin_many(w, tasks, seq, 1, &one_len, err), -1);
	assert_string_equal(err, "calendar export: a batch is already being serialised");
	assert_int_equal(ical_writer_wait(w, err), 0);
	assert_int_equal(ical_writer_finish(w, err), 0);
	ical_writer_free(w);
	assert_string_equal(m.p, want);
	size_t written = 0;
	for (int i = 0; i < N; i++)
		written += lens[i] > 0;
	assert_int_equal(written, N - N / 50); /* every 50th task has no deadline */
	for (int i = 0; i < N; i++) {
		char *one = task_component(&tasks[i], seq[i], &o, err);
		assert_non_null(one);
		assert_int_equal(lens[i], strlen(one));
		assert_memory_equal(m.p + header + sum, one, lens[i]);
		sum += lens[i];
		free(one);
	}
	free(m.p);

	/* task 500 has no uuid: 0..499 are written, then the error */
	tasks[500].uuid[0] = '\0';
	m = (struct mem){ .fail_after = -1 };
	w = ical_writer_new(&o, mem_write, &m, err);
	assert_int_equal(write_batch(w, tasks, N, seq, NULL, err), -1);
	assert_string_equal(err, "task 501: no uuid to use as UID");
	size_t prefix = header;
	for (int i = 0; i < 500; i++)
		prefix += lens[i];
	assert_int_equal(m.len, prefix);
	assert_memory_equal(m.p, want, prefix);
	ical_writer_free(w);
	free(m.p);
	free(want);
	for (int i = 0; i < N; i++)
		task_release(&tasks[i]);
}

static void test_sink_failure(void **state)
{
	(void)state;
	struct task t;
	make_task(&t, 1, "I", "x", date_from_ymd(2024, 5, 14), STATUS_NEW);
	struct ical_options o = opts(ICAL_KIND_EVENT);
	char err[ERR_MAX] = "";
	/* nothing is written before the first bytes: the header fails then */
	struct mem m = { .fail_after = 0 };
	struct ical_writer *w = ical_writer_new(&o, mem_write, &m, err);
	assert_non_null(w);
	assert_int_equal(m.len, 0);
	assert_int_equal(ical_writer_finish(w, err), -1);
	assert_non_null(strstr(err, "write failed"));
	ical_writer_free(w);

	m = (struct mem){ .fail_after = 1 };
	w = ical_writer_new(&o, mem_write, &m, err);
	assert_non_null(w);
	assert_int_equal(write_batch(w, &t, 1, NULL, NULL, err), -1);
	assert_non_null(strstr(err, "write failed"));
	assert_int_equal(write_batch(w, &t, 1, NULL, NULL, err), -1); /* stays failed */
	assert_non_null(strstr(err, "an earlier write failed"));
	assert_int_equal(ical_writer_finish(w, err), -1);
	ical_writer_free(w);
	free(m.p);
	task_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_check),
		cmocka_unit_test(test_event_fields),
		cmocka_unit_test(test_todo_status_and_uids),
		cmocka_unit_test(test_no_deadline_skipped_and_bad_tasks),
		cmocka_unit_test(test_folding_and_exact_text),
		cmocka_unit_test(test_fold_inside_crlf),
		cmocka_unit_test(test_refold_repairs),
		cmocka_unit_test(test_control_characters_cleaned),
		cmocka_unit_test(test_calendar_header),
		cmocka_unit_test(test_fixture_python_and_calcurse),
		cmocka_unit_test(test_reexport_and_cache),
		cmocka_unit_test(test_components_as_libical_writes_them),
		cmocka_unit_test(test_kept_properties_overflow),
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
