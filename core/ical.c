#include "core/ical.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "core/date.h"
#include "core/err.h"
#include "core/status.h"
#include "core/ical_text.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

#ifndef HANCHOT_VERSION
#define HANCHOT_VERSION "0"
#endif

/* Bump when the component text changes for the same task and options, so
 * cached components (keyed with ical_options_fingerprint()) are rebuilt. */
#define ICAL_FORMAT 2

#define MAX_UNIX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */
#define MAX_ALARM_SECONDS (366 * 86400)

/* ---------------------------------------------------------------- libical */

/* libical is opened when the first calendar or component is made, not
 * linked: linked, it and what it needs (ICU, libstdc++) cost every start of
 * the program a few milliseconds (tests/bench/RESULTS.md), which the commands
 * that write no calendar (list, report, the screen's start) need not pay. The
 * code calls it through lib, which holds every function it uses. */
#define LIBICAL_SONAME "libical.so.3"
#define LIBICAL_FUNCTIONS(X)                                                                       \
	X(icalcomponent_add_property) \
	X(icalcomponent_as_ical_string_r) \
	X(icalcomponent_free) \
	X(icalcomponent_new) \
	X(icalparameter_new_related) \
	X(icalproperty_add_parameter) \
	X(icalproperty_as_ical_string_r) \
	X(icalproperty_free) \
	X(icalproperty_new) \
	X(icalproperty_new_action) \
	X(icalproperty_new_categories) \
	X(icalproperty_new_completed) \
	X(icalproperty_new_dtend) \
	X(icalproperty_new_dtstamp) \
	X(icalproperty_new_dtstart) \
	X(icalproperty_new_due) \
	X(icalproperty_new_lastmodified) \
	X(icalproperty_new_name) \
	X(icalproperty_new_prodid) \
	X(icalproperty_new_sequence) \
	X(icalproperty_new_status) \
	X(icalproperty_new_transp) \
	X(icalproperty_new_trigger) \
	X(icalproperty_new_version) \
	X(icalproperty_set_value) \
	X(icalproperty_set_x_name) \
	X(icaltime_from_timet_with_zone) \
	X(icaltime_null_date) \
	X(icaltime_null_time) \
	X(icaltimezone_get_utc_timezone) \
	X(icalvalue_new_text)

static struct {
#define LIBICAL_MEMBER(f) __typeof__(f) *f;
	LIBICAL_FUNCTIONS(LIBICAL_MEMBER)
#undef LIBICAL_MEMBER
} lib;
static bool lib_loaded;

/* Opening libical relocates ICU and libstdc++ too, a visible part of a small
 * export (tests/bench/RESULTS.md): a command about to export starts it on a
 * thread of its own (ical_load_begin()), beside opening the database, and
 * the first calendar made waits for it. */
static struct {
	pthread_t thread;
	bool started;
	int rc;
	char err[ERR_MAX];
} loading;

static int load_now(char *err);

static void *load_thread(void *arg)
{
	(void)arg;
	loading.rc = load_now(loading.err);
	return NULL;
}

/* Waits for ical_load_begin()'s thread; 0, or -1 when it failed. */
static int load_wait(void)
{
	if (!loading.started)
		return 0;
	pthread_join(loading.thread, NULL);
	loading.started = false;
	return loading.rc;
}

/* A command that fails before it exports still lets the thread finish
 * opening libical before the program ends. */
static void load_wait_at_exit(void) { load_wait(); }

void ical_load_begin(void)
{
	static bool registered;
	if (lib_loaded || loading.started)
		return;
	if (!registered && atexit(load_wait_at_exit) != 0)
		return;
	registered = true;
	if (pthread_create(&loading.thread, NULL, load_thread, NULL) == 0)
		loading.started = true;
}

int ical_load(char *err)
{
	if (load_wait())
		return err_set(err, "%s", loading.err);
	return load_now(err);
}

static int load_now(char *err)
{
	if (lib_loaded)
		return 0;
	void *h = dlopen(LIBICAL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return err_set(err, VI ? "xuất lịch: không nạp được libical (%s): hãy cài libical3"
				       : "calendar export: cannot load libical (%s): install libical3", dlerror());
#define LIBICAL_LOAD(f)                                                                            \
	if (!(*(void **)&lib.f = dlsym(h, #f)))                                                    \
		return err_set(err, VI ? "xuất lịch: libical không có hàm %s: hãy cài libical3"            \
				       : "calendar export: libical has no %s: install libical3", #f);
	LIBICAL_FUNCTIONS(LIBICAL_LOAD)
#undef LIBICAL_LOAD
	lib_loaded = true;
	return 0;
}

/* Serialises c with libical and appends the repaired, re-folded text. */
static void serialise_into(struct strbuf *out, icalcomponent *c)
{
	char *s = lib.icalcomponent_as_ical_string_r(c);
	if (s) {
		ical_text_refold_into(out, s, strlen(s));
		free(s);
	}
}

/* ------------------------------------------------------------------ options */

const char *ical_kind_name(enum ical_kind kind)
{
	switch (kind) {
	case ICAL_KIND_TODO:
		return "todo";
	case ICAL_KIND_BOTH:
		return "both";
	default:
		return "event";
	}
}

int ical_kind_parse(const char *name, enum ical_kind *out, char *err)
{
	static const enum ical_kind kinds[] = { ICAL_KIND_EVENT, ICAL_KIND_TODO, ICAL_KIND_BOTH };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (name && strcmp(name, ical_kind_name(kinds[i])) == 0) {
			*out = kinds[i];
			return 0;
		}
	return err_set(err, VI ? "kiểu xuất '%.60s': cần event, todo hoặc both" : "export kind '%.60s': expected event, todo or both",
		       name ? name : "");
}

struct ical_prepared {
	enum ical_kind kind;
	enum lang lang;
	int64_t dtstamp;
	size_t n_alarms;
	struct icaldurationtype *alarms;
};

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Up to 6 digits; returns the number of characters read (0: none). */
static size_t read_number(const char *p, unsigned *out)
{
	size_t k = 0;
	*out = 0;
	while (is_digit(p[k]) && k < 7)
		*out = *out * 10 + (unsigned)(p[k++] - '0');
	return k > 6 ? 0 : k;
}

/* RFC 5545 3.3.6: [+-]P (nW | nD [T…] | T…), T (nH [nM [nS]] | nM [nS] | nS). */
static int parse_duration(const char *s, struct icaldurationtype *out, char *err)
{
	struct icaldurationtype d;
	memset(&d, 0, sizeof d);
	const char *p = s;
	unsigned v;
	size_t k;
	if (*p == '+' || *p == '-')
		d.is_neg = *p++ == '-';
	if (*p++ != 'P')
		goto bad;
	if (is_digit(*p)) {
		if (!(k = read_number(p, &v)))
			goto bad;
		p += k;
		if (*p == 'W') {
			d.weeks = v;
			p++;
			if (*p)
				goto bad;
		} else if (*p == 'D') {
			d.days = v;
			p++;
		} else
			goto bad;
	} else if (*p != 'T')
		goto bad;
	if (*p == 'T') {
		p++;
		int last = 0; /* 1 H, 2 M, 3 S */
		while (*p) {
			if (!(k = read_number(p, &v)))
				goto bad;
			p += k;
			int unit = *p == 'H' ? 1 : *p == 'M' ? 2 : *p == 'S' ? 3 : 0;
			if (!unit || (last && unit != last + 1))
				goto bad;
			if (unit == 1)
				d.hours = v;
			else if (unit == 2)
				d.minutes = v;
			else
				d.seconds = v;
			last = unit;
			p++;
		}
		if (!last)
			goto bad;
	}
	if (*p)
		goto bad;
	uint64_t total = (uint64_t)d.weeks * 604800 + (uint64_t)d.days * 86400 +
			 (uint64_t)d.hours * 3600 + (uint64_t)d.minutes * 60 + d.seconds;
	if (total > MAX_ALARM_SECONDS)
		return err_set(err, VI ? "nhắc hạn '%.60s': cách hạn hơn một năm" : "alarm '%.60s': more than a year from the deadline", s);
	*out = d;
	return 0;
bad:
	return err_set(err, VI ? "nhắc hạn '%.60s': không phải khoảng thời gian RFC 5545 (ví dụ -PT15H, -P3D, -P1W)"
			  : "alarm '%.60s': not an RFC 5545 duration (e.g. -PT15H, -P3D, -P1W)", s);
}

static int prepare(const struct ical_options *opt, struct ical_prepared *p, char *err)
{
	memset(p, 0, sizeof *p);
	p->kind = opt->kind ? opt->kind : ICAL_KIND_EVENT;
	if (p->kind != ICAL_KIND_EVENT && p->kind != ICAL_KIND_TODO && p->kind != ICAL_KIND_BOTH)
		return err_set(err, "export kind %d: expected event, todo or both", (int)opt->kind);
	if (opt->lang != LANG_VI && opt->lang != LANG_EN)
		return err_set(err, "export language %d: expected vi or en", (int)opt->lang);
	p->lang = opt->lang;
	if (opt->dtstamp < 0 || opt->dtstamp > MAX_UNIX)
		return err_set(err, "dtstamp %" PRId64 ": outside years 1970..9999", opt->dtstamp);
	p->dtstamp = opt->dtstamp;
	if (opt->n_alarms && !opt->alarms)
		return err_set(err, "alarms: %zu announced but none given", opt->n_alarms);
	p->alarms = opt->n_alarms ? xcalloc(opt->n_alarms, sizeof *p->alarms) : NULL;
	for (size_t i = 0; i < opt->n_alarms; i++) {
		if (parse_duration(opt->alarms[i] ? opt->alarms[i] : "", &p->alarms[i], err)) {
			free(p->alarms);
			p->alarms = NULL;
			return -1;
		}
	}
	p->n_alarms = opt->n_alarms;
	return 0;
}

int ical_options_check(const struct ical_options *opt, char *err)
{
	struct ical_prepared p;
	if (prepare(opt, &p, err))
		return -1;
	free(p.alarms);
	return 0;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * UINT64_C(1099511628211);
	return h;
}

uint64_t ical_options_fingerprint(const struct ical_options *opt)
{
	uint64_t h = UINT64_C(14695981039346656037);
	int64_t fields[] = { ICAL_FORMAT, opt->kind ? opt->kind : ICAL_KIND_EVENT, opt->lang,
			     opt->dtstamp, (int64_t)opt->n_alarms };
	h = fnv(h, fields, sizeof fields);
	for (size_t i = 0; opt->alarms && i < opt->n_alarms; i++) {
		const char *a = opt->alarms[i] ? opt->alarms[i] : "";
		h = fnv(h, a, strlen(a) + 1);
	}
	return h;
}

/* --------------------------------------------------------------- components */

struct labels {
	const char *lead, *coop, *doc, *deadline, *status, *remind, *untitled;
	const char *extended, *section; /* "gia hạn từ " DATE: REASON, "mục " SECTION */
	const char *period[PRECISION_COUNT];
};

static const struct labels labels_vi = {
	"Chủ trì: ", "Phối hợp: ", "Văn bản: ", "Thời hạn: ", "Trạng thái: ", "Hạn chót ",
	"(không có nội dung)", "gia hạn từ ", "mục ",
	{
		[PRECISION_MONTH] = "Thời hạn tính theo tháng: hạn chót là ngày cuối tháng, %s.",
		[PRECISION_QUARTER] = "Thời hạn tính theo quý: hạn chót là ngày cuối quý, %s.",
		[PRECISION_HALF_YEAR] = "Thời hạn tính theo 6 tháng: hạn chót là ngày cuối của 6 tháng, %s.",
		[PRECISION_YEAR] = "Thời hạn tính theo năm: hạn chót là ngày cuối năm, %s.",
	},
};

static const struct labels labels_en = {
	"Lead: ", "Cooperating: ", "Document: ", "Deadline: ", "Status: ", "Deadline ",
	"(no summary)", "extended from ", "section ",
	{
		[PRECISION_MONTH] = "The deadline is a month: it falls on the month's last day, %s.",
		[PRECISION_QUARTER] = "The deadline is a quarter: it falls on the quarter's last day, %s.",
		[PRECISION_HALF_YEAR] = "The deadline is a half-year: it falls on its last day, %s.",
		[PRECISION_YEAR] = "The deadline is a year: it falls on the year's last day, %s.",
	},
};

/* Properties whose text depends on one or two values (a date, SEQUENCE,
 * TRIGGER, a CATEGORIES name...) recur from task to task: each is serialised
 * by libical once and then copied, since libical's cost per property is most
 * of an export's. An entry is keyed by what its text depends on. */
enum prop_key {
	KEY_NONE, /* not kept */
	KEY_DTSTAMP, KEY_SEQUENCE, KEY_LAST_MODIFIED, KEY_DTSTART, KEY_DTEND, KEY_DUE,
	KEY_CATEGORY, KEY_CATEGORIES, KEY_TRANSP, KEY_STATUS, KEY_COMPLETED, KEY_ACTION, KEY_TRIGGER,
	KEY_TRIGGER_END,
};

struct prop_text {
	enum prop_key kind; /* KEY_NONE: a free slot */
	int64_t num;
	char *str;          /* NULL when only num matters */
	char *text;         /* the re-folded lines */
	size_t len;
	uint64_t hash;
};

/* The kept texts' table grows from PROP_SLOTS_MIN (powers of two) as an
 * export needs it (a table of the largest size cost every serialising
 * thread of a small export page faults it did not need); at PROP_SLOTS_MAX
 * it is emptied when half full. */
#define PROP_SLOTS_MIN 256
#define PROP_SLOTS_MAX 8192

/* The TEXT properties every task has its own value of. */
enum text_prop { TEXT_UID, TEXT_SUMMARY, TEXT_DESCRIPTION, TEXT_ALARM, TEXT_PROPS };

/* Scratch space reused from one task to the next (one per thread). */
struct ical_scratch {
	struct strbuf summary, description, alarm, tmp;
	struct prop_text *props; /* cap_props slots, or NULL until needed */
	size_t n_props, cap_props;
	icalproperty *text[TEXT_PROPS]; /* made once, given each task's value */
};

static void props_clear(struct ical_scratch *s)
{
	for (size_t i = 0; i < s->cap_props; i++) {
		free(s->props[i].str);
		free(s->props[i].text);
	}
	if (s->props)
		memset(s->props, 0, s->cap_props * sizeof *s->props);
	s->n_props = 0;
}

static void scratch_release(struct ical_scratch *s)
{
	strbuf_release(&s->summary);
	strbuf_release(&s->description);
	strbuf_release(&s->alarm);
	strbuf_release(&s->tmp);
	props_clear(s);
	free(s->props);
	for (size_t i = 0; i < TEXT_PROPS; i++)
		if (s->text[i])
			lib.icalproperty_free(s->text[i]);
	memset(s, 0, sizeof *s);
}

static uint64_t prop_hash(enum prop_key kind, int64_t num, const char *str)
{
	uint64_t h = (UINT64_C(14695981039346656037) ^ (uint64_t)kind) * UINT64_C(1099511628211);
	h = (h ^ (uint64_t)num) * UINT64_C(1099511628211);
	for (const unsigned char *c = (const unsigned char *)str; c && *c; c++)
		h = (h ^ *c) * UINT64_C(1099511628211);
	return h ^ h >> 29;
}

/* The slot of (kind, num, str) with hash h: its entry, or the free slot to
 * fill. */
static struct prop_text *prop_find(struct prop_text *props, size_t cap, uint64_t h, enum prop_key kind,
				   int64_t num, const char *str)
{
	for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct prop_text *e = &props[i];
		if (e->kind == KEY_NONE ||
		    (e->hash == h && e->kind == kind && e->num == num && (str ? e->str && !strcmp(e->str, str) : !e->str)))
			return e;
	}
}

/* Makes room for one more entry: the table made, doubled, or (at its
 * largest) emptied, never more than half full. */
static void props_reserve(struct ical_scratch *s)
{
	if (s->n_props + 1 <= s->cap_props / 2)
		return;
	if (s->cap_props >= PROP_SLOTS_MAX) {
		props_clear(s);
		return;
	}
	size_t cap = s->cap_props ? s->cap_props * 2 : PROP_SLOTS_MIN;
	/* written before it is read: calloc's untouched pages would first be
	 * read as the shared zero page, and the write after it costs every
	 * other thread's processor a TLB flush */
	struct prop_text *props = xmalloc(cap * sizeof *props);
	memset(props, 0, cap * sizeof *props);
	for (size_t i = 0; i < s->cap_props; i++) {
		const struct prop_text *e = &s->props[i];
		if (e->kind != KEY_NONE)
			*prop_find(props, cap, e->hash, e->kind, e->num, e->str) = *e;
	}
	free(s->props);
	s->props = props;
	s->cap_props = cap;
}

/* The slot of (kind, num, str): its entry, or the free slot to fill (NULL
 * when nothing is kept yet). */
static struct prop_text *prop_slot(struct ical_scratch *s, enum prop_key kind, int64_t num,
				   const char *str)
{
	return s->props ? prop_find(s->props, s->cap_props, prop_hash(kind, num, str), kind, num, str) : NULL;
}

/* Appends the kept text of (kind, num, str); false when there is none yet. */
static bool emit_kept(struct ical_scratch *s, struct strbuf *out, enum prop_key kind, int64_t num,
		      const char *str)
{
	const struct prop_text *e = prop_slot(s, kind, num, str);
	if (!e || e->kind == KEY_NONE)
		return false;
	strbuf_addn(out, e->text, e->len);
	return true;
}

/* Keeps text[0..len) under (kind, num, str). */
static void keep_text(struct ical_scratch *s, enum prop_key kind, int64_t num, const char *str,
		      const char *text, size_t len)
{
	props_reserve(s);
	uint64_t h = prop_hash(kind, num, str);
	struct prop_text *e = prop_find(s->props, s->cap_props, h, kind, num, str);
	*e = (struct prop_text){ .kind = kind, .num = num, .str = str ? xstrdup(str) : NULL,
				 .text = xmalloc(len + 1), .len = len, .hash = h };
	memcpy(e->text, text, len);
	s->n_props++;
}

/* Serialises p with libical, appends it re-folded, and keeps the text under
 * (kind, num, str) unless kind is KEY_NONE. */
static void emit_prop(struct ical_scratch *s, struct strbuf *out, icalproperty *p, enum prop_key kind,
		      int64_t num, const char *str)
{
	size_t start = out->len;
	char *text = lib.icalproperty_as_ical_string_r(p);
	if (text) {
		ical_text_refold_into(out, text, strlen(text));
		free(text);
	}
	if (kind != KEY_NONE)
		keep_text(s, kind, num, str, out->p + start, out->len - start);
}

/* libical 3.0.16 numbers the lists it makes in unguarded globals
 * (pvl_newlist, pvl_new_element: write-only tags, but a data race between
 * threads all the same), so properties are made under this lock. Few are:
 * recurring ones are copied, the others made once per thread (emit_text()). */
static pthread_mutex_t making = PTHREAD_MUTEX_INITIALIZER;

/* The property made by `make` (evaluated only when its text is not kept yet,
 * under the lock), kept by key. */
#define EMIT(s, out, kind, num, str, make)                                                         \
	do {                                                                                       \
		if (!emit_kept(s, out, kind, num, str)) {                                          \
			pthread_mutex_lock(&making);                                               \
			icalproperty *made_ = (make);                                              \
			pthread_mutex_unlock(&making);                                             \
			emit_prop(s, out, made_, kind, num, str);                                  \
			lib.icalproperty_free(made_);                                                  \
		}                                                                                  \
	} while (0)

/* A TEXT property with this task's value, through the thread's own property. */
static void emit_text(struct ical_scratch *s, struct strbuf *out, enum text_prop which, const char *value)
{
	static const icalproperty_kind kinds[TEXT_PROPS] = {
		[TEXT_UID] = ICAL_UID_PROPERTY,
		[TEXT_SUMMARY] = ICAL_SUMMARY_PROPERTY,
		[TEXT_DESCRIPTION] = ICAL_DESCRIPTION_PROPERTY,
		[TEXT_ALARM] = ICAL_DESCRIPTION_PROPERTY,
	};
	if (!s->text[which]) {
		pthread_mutex_lock(&making);
		s->text[which] = lib.icalproperty_new(kinds[which]);
		pthread_mutex_unlock(&making);
	}
	lib.icalproperty_set_value(s->text[which], lib.icalvalue_new_text(value));
	emit_prop(s, out, s->text[which], KEY_NONE, 0, NULL);
}

static void add_names(struct strbuf *b, const char *label, char *const *names, size_t n)
{
	if (!n)
		return;
	if (b->len)
		strbuf_addch(b, '\n');
	strbuf_add(b, label);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_add(b, "; ");
		ical_text_clean_into(b, names[i], true);
	}
}

static void add_line(struct strbuf *b, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	if (b->len)
		strbuf_addch(b, '\n');
	strbuf_add(b, label);
	ical_text_clean_into(b, text, true);
}

static bool has_text(const char *s) { return s && *s; }

/* What the task asks, on one line: its summary, else its full text when
 * the summary cleans down to nothing. */
static void add_body(struct strbuf *b, const struct task *t)
{
	size_t start = b->len;
	ical_text_value_into(b, t->summary, true);
	if (b->len == start)
		ical_text_value_into(b, t->full_text, true);
}

/* SUMMARY: "✓ " when done, who leads (short names), what to do, the
 * section: "Sở KH&ĐT: Tập trung hoàn chỉnh … (I.2.1)", as a phone's month
 * view shows its first words. One line (calcurse skips an item whose
 * SUMMARY holds a line break), never empty (libical rejects that). */
static void build_summary(struct ical_scratch *s, const struct task *t, const struct labels *l)
{
	/* s->alarm is free until build_texts() writes the alarm's text */
	struct strbuf *sum = &s->summary, *sec = &s->tmp, *what = &s->alarm;
	strbuf_truncate(sum, 0);
	if (t->status == STATUS_DONE)
		strbuf_add(sum, "\u2713 ");
	size_t head = sum->len;
	if (t->lead_label)
		ical_text_value_into(sum, t->lead_label, true);
	for (size_t i = 0; !t->lead_label && i < t->n_leads; i++) {
		if (sum->len > head)
			strbuf_add(sum, "; ");
		ical_text_value_into(sum, t->leads[i], true);
	}
	if (sum->len > head)
		strbuf_add(sum, ": ");
	strbuf_truncate(sec, 0);
	ical_text_value_into(sec, t->section, true);
	strbuf_truncate(what, 0);
	add_body(what, t);
	if (what->len) {
		strbuf_add(sum, what->p);
		if (sec->len)
			strbuf_addf(sum, " (%s)", sec->p);
	} else if (sec->len) {
		strbuf_add(sum, l->section); /* "mục VI.9", not "VI.9:" */
		strbuf_add(sum, sec->p);
	} else {
		strbuf_add(sum, l->untitled);
	}
}

/* "Thời hạn: 15/10/2024 (gia hạn từ 30/09/2024: Chờ vốn bổ sung)" after an
 * extension, else the deadline's own words. */
static void add_deadline(struct strbuf *d, const struct task *t, const struct labels *l, const char *date)
{
	if (t->extended_from == DATE_NONE) {
		add_line(d, l->deadline, t->due_phrase);
		return;
	}
	char from[DATE_BUF];
	if (d->len)
		strbuf_addch(d, '\n');
	strbuf_add(d, l->deadline);
	strbuf_add(d, date);
	strbuf_add(d, " (");
	strbuf_add(d, l->extended);
	strbuf_add(d, date_format_dmy(t->extended_from, from));
	if (has_text(t->extend_reason)) {
		strbuf_add(d, ": ");
		ical_text_clean_into(d, t->extend_reason, true);
	}
	strbuf_addch(d, ')');
}

static void build_texts(struct ical_scratch *s, const struct task *t, const struct ical_prepared *p)
{
	const struct labels *l = p->lang == LANG_EN ? &labels_en : &labels_vi;
	char date[DATE_BUF];
	date_format_dmy(t->due, date);
	build_summary(s, t, l);

	struct strbuf *d = &s->description;
	strbuf_truncate(d, 0);
	if (has_text(t->full_text)) {
		ical_text_value_into(d, t->full_text, false);
		if (d->len)
			strbuf_addch(d, '\n');
	}
	add_names(d, l->lead, t->leads, t->n_leads);
	add_names(d, l->coop, t->cooperating, t->n_cooperating);
	add_line(d, l->doc, t->document_label);
	add_deadline(d, t, l, date);
	if ((unsigned)t->precision < PRECISION_COUNT && l->period[t->precision]) {
		char sentence[256];
		snprintf(sentence, sizeof sentence, l->period[t->precision], date);
		if (d->len)
			strbuf_addch(d, '\n');
		strbuf_add(d, sentence);
	}
	add_line(d, l->status, status_label(t->status, p->lang));
	ical_text_trim_end(d);

	/* Clients show the event's SUMMARY with the alarm; RFC 5545 requires a
	 * DESCRIPTION, kept short: the date and the section. */
	strbuf_truncate(&s->alarm, 0);
	strbuf_add(&s->alarm, l->remind);
	strbuf_add(&s->alarm, date);
	if (has_text(t->section)) {
		strbuf_add(&s->alarm, " – ");
		ical_text_clean_into(&s->alarm, t->section, true);
	}
}

static struct icaltimetype utc_time(int64_t t)
{
	return lib.icaltime_from_timet_with_zone((time_t)t, 0, lib.icaltimezone_get_utc_timezone());
}

static struct icaltimetype ical_date(civil_day day)
{
	struct civil_date c = date_to_ymd(day);
	struct icaltimetype t = lib.icaltime_null_date();
	t.year = c.year;
	t.month = c.month;
	t.day = c.day;
	return t;
}

/* A stored day as text for a message: "?" past what a date can spell. */
static const char *day_text(civil_day d, char buf[DATE_BUF])
{
	if (d < date_from_ymd(1, 1, 1) || d > date_from_ymd(9999, 12, 31))
		return "?";
	return date_format_iso(d, buf);
}

int ical_task_check(const struct task *t, int64_t sequence, char *err)
{
	char d[DATE_BUF];
	if (t->due == DATE_NONE)
		return 0;
	if (!t->uuid[0])
		return err_set(err, "task %" PRId64 ": no uuid to use as UID", t->id);
	/* the accepted range (core/date.h) */
	if (!date_in_range(t->due))
		return err_set(err, VI ? "việc %" PRId64 ": hạn %s nằm ngoài %d-%d"
				: "task %" PRId64 ": due date %s is outside %d-%d", t->id,
			       day_text(t->due, d), DATE_MIN_YEAR, DATE_MAX_YEAR);
	if (t->completed != DATE_NONE && !date_in_range(t->completed))
		return err_set(err, VI ? "việc %" PRId64 ": ngày hoàn thành %s nằm ngoài %d-%d"
				       : "task %" PRId64 ": completion date %s is outside %d-%d", t->id,
			       day_text(t->completed, d), DATE_MIN_YEAR, DATE_MAX_YEAR);
	if (sequence < 0 || sequence > INT32_MAX)
		return err_set(err, "task %s: sequence %" PRId64 " out of range", t->uuid, sequence);
	return 0;
}

static void emit_common(struct strbuf *out, const char *uid, const struct task *t, int seq,
			const struct ical_prepared *p, struct ical_scratch *s)
{
	emit_text(s, out, TEXT_UID, uid);
	int64_t stamp = p->dtstamp;
	bool have_mod = t->updated_at > 0 && t->updated_at <= MAX_UNIX;
	if (!stamp && have_mod)
		stamp = t->updated_at;
	EMIT(s, out, KEY_DTSTAMP, stamp, NULL, lib.icalproperty_new_dtstamp(utc_time(stamp)));
	EMIT(s, out, KEY_SEQUENCE, seq, NULL, lib.icalproperty_new_sequence(seq));
	if (have_mod)
		EMIT(s, out, KEY_LAST_MODIFIED, t->updated_at, NULL,
		     lib.icalproperty_new_lastmodified(utc_time(t->updated_at)));
}

/* The lead agencies in one CATEGORIES line (todoman 4.1 drops a VTODO with
 * two), each name serialised by libical on its own, then joined. */
static void emit_categories(struct strbuf *out, const struct task *t, struct ical_scratch *s)
{
	/* the key: the cleaned names joined by U+001F, which cleaning removes */
	struct strbuf *key = &s->tmp;
	size_t n = 0;
	strbuf_truncate(key, 0);
	for (size_t i = 0; i < t->n_leads; i++) {
		size_t at = key->len;
		if (at)
			strbuf_addch(key, '\x1f');
		size_t name = key->len;
		ical_text_value_into(key, t->leads[i], true);
		if (key->len == name)
			strbuf_truncate(key, at);
		else
			n++;
	}
	if (!n || emit_kept(s, out, KEY_CATEGORIES, 0, key->p))
		return;
	char *names = xstrdup(key->p), **props = xcalloc(n, sizeof *props), *next = names;
	for (size_t i = 0; i < n; i++) {
		char *name = strsep(&next, "\x1f");
		struct strbuf one = STRBUF_INIT;
		EMIT(s, &one, KEY_CATEGORY, 0, name, lib.icalproperty_new_categories(name));
		props[i] = strbuf_take(&one);
	}
	size_t start = out->len;
	ical_text_join_categories(out, props, n);
	keep_text(s, KEY_CATEGORIES, 0, key->p, out->p + start, out->len - start);
	for (size_t i = 0; i < n; i++)
		free(props[i]);
	free(props);
	free(names);
}

static void emit_texts(struct strbuf *out, const struct task *t, struct ical_scratch *s)
{
	emit_text(s, out, TEXT_SUMMARY, s->summary.p);
	if (s->description.len)
		emit_text(s, out, TEXT_DESCRIPTION, s->description.p);
	emit_categories(out, t, s);
}

static void emit_alarms(struct strbuf *out, const struct task *t, const struct ical_prepared *p,
			struct ical_scratch *s, bool related_end)
{
	if (!status_is_open(t->status))
		return;
	enum prop_key trigger = related_end ? KEY_TRIGGER_END : KEY_TRIGGER;
	for (size_t i = 0; i < p->n_alarms; i++) {
		strbuf_add(out, "BEGIN:VALARM\r\n");
		EMIT(s, out, KEY_ACTION, 0, NULL, lib.icalproperty_new_action(ICAL_ACTION_DISPLAY));
		if (!emit_kept(s, out, trigger, (int64_t)i, NULL)) {
			struct icaltriggertype tr;
			memset(&tr, 0, sizeof tr);
			tr.time = lib.icaltime_null_time();
			tr.duration = p->alarms[i];
			pthread_mutex_lock(&making);
			icalproperty *trig = lib.icalproperty_new_trigger(tr);
			if (related_end)
				lib.icalproperty_add_parameter(trig, lib.icalparameter_new_related(ICAL_RELATED_END));
			pthread_mutex_unlock(&making);
			emit_prop(s, out, trig, trigger, (int64_t)i, NULL);
			lib.icalproperty_free(trig);
		}
		emit_text(s, out, TEXT_ALARM, s->alarm.p);
		strbuf_add(out, "END:VALARM\r\n");
	}
}

/* Appends t's components to out. Returns 0 (nothing appended when t has no
 * deadline) or -1 with a message. */
static int build_task(struct strbuf *out, const struct task *t, int64_t sequence,
		      const struct ical_prepared *p, struct ical_scratch *s, char *err)
{
	if (t->due == DATE_NONE)
		return 0;
	if (ical_task_check(t, sequence, err))
		return -1;

	char uid[TASK_UUID_LEN + 16];
	strbuf_truncate(&s->tmp, 0);
	ical_text_clean_into(&s->tmp, t->uuid, true);
	snprintf(uid, sizeof uid, "%s", s->tmp.p);
	build_texts(s, t, p);

	/* Each component is written property by property, in the order
	 * libical would write the component (properties, then VALARMs). */
	/* Outlook and Google show a STATUS:CANCELLED event as a live one: a
	 * cancelled task leaves the event feed (its VTODO says CANCELLED) */
	if ((p->kind & ICAL_KIND_EVENT) && t->status != STATUS_CANCELLED) {
		strbuf_add(out, "BEGIN:VEVENT\r\n");
		emit_common(out, uid, t, (int)sequence, p, s);
		EMIT(s, out, KEY_DTSTART, t->due, NULL, lib.icalproperty_new_dtstart(ical_date(t->due)));
		EMIT(s, out, KEY_DTEND, t->due, NULL, lib.icalproperty_new_dtend(ical_date(t->due + 1)));
		emit_texts(out, t, s);
		EMIT(s, out, KEY_TRANSP, 0, NULL, lib.icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
		emit_alarms(out, t, p, s, false);
		strbuf_add(out, "END:VEVENT\r\n");
	}
	if (p->kind & ICAL_KIND_TODO) {
		char todo_uid[sizeof uid + 8];
		snprintf(todo_uid, sizeof todo_uid, "%s-todo", uid);
		strbuf_add(out, "BEGIN:VTODO\r\n");
		emit_common(out, todo_uid, t, (int)sequence, p, s);
		EMIT(s, out, KEY_DUE, t->due, NULL, lib.icalproperty_new_due(ical_date(t->due)));
		emit_texts(out, t, s);
		/* reported and paused are NEEDS-ACTION: the DESCRIPTION's status
		 * line says which */
		enum icalproperty_status st = t->status == STATUS_DONE ? ICAL_STATUS_COMPLETED
					      : t->status == STATUS_CANCELLED ? ICAL_STATUS_CANCELLED
					      : t->status == STATUS_IN_PROGRESS ? ICAL_STATUS_INPROCESS
									       : ICAL_STATUS_NEEDSACTION;
		EMIT(s, out, KEY_STATUS, st, NULL, lib.icalproperty_new_status(st));
		if (t->status == STATUS_DONE) {
			/* A civil date as an instant: noon UTC keeps the same calendar
			 * day from UTC-11 to UTC+11 (Vietnam is UTC+7). */
			int64_t when = t->completed != DATE_NONE ? (int64_t)t->completed * 86400 + 43200
								 : t->updated_at;
			if (when > 0 && when <= MAX_UNIX)
				EMIT(s, out, KEY_COMPLETED, when, NULL,
				     lib.icalproperty_new_completed(utc_time(when)));
		}
		emit_alarms(out, t, p, s, true);
		strbuf_add(out, "END:VTODO\r\n");
	}
	return 0;
}

/* ---------------------------------------------------- for the writer (ical_writer.c) */

struct ical_prepared *ical_prepared_new(const struct ical_options *opt, char *err)
{
	struct ical_prepared *p = xmalloc(sizeof *p);
	if (prepare(opt, p, err)) {
		free(p);
		return NULL;
	}
	return p;
}

void ical_prepared_free(struct ical_prepared *p)
{
	if (p)
		free(p->alarms);
	free(p);
}

struct ical_scratch *ical_scratch_new(void) { return xcalloc(1, sizeof(struct ical_scratch)); }

void ical_scratch_free(struct ical_scratch *s)
{
	if (s)
		scratch_release(s);
	free(s);
}

int ical_task_text(struct strbuf *out, const struct task *t, int64_t sequence, const struct ical_prepared *p,
		   struct ical_scratch *s, char *err)
{
	assert(lib_loaded); /* after ical_load */
	return build_task(out, t, sequence, p, s, err);
}

void ical_calendar_text(const struct ical_options *opt, struct strbuf *header, char **footer)
{
	assert(lib_loaded); /* after ical_load */
	const char *name = opt->calendar_name ? opt->calendar_name
			 : opt->lang == LANG_EN   ? "Deadlines"
						  : "Hạn chót";
	struct strbuf cb = STRBUF_INIT;
	ical_text_value_into(&cb, name, true);
	if (cb.len == 0)
		strbuf_add(&cb, opt->lang == LANG_EN ? "Deadlines" : "Hạn chót");
	char *clean = strbuf_take(&cb);
	icalcomponent *cal = lib.icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	lib.icalcomponent_add_property(cal, lib.icalproperty_new_version("2.0"));
	lib.icalcomponent_add_property(cal, lib.icalproperty_new_prodid(
		opt->lang == LANG_EN ? "-//hanchot//hanchot " HANCHOT_VERSION "//EN"
				     : "-//hanchot//hanchot " HANCHOT_VERSION "//VI"));
	lib.icalcomponent_add_property(cal, lib.icalproperty_new_name(clean));
	/* A TEXT value (not an X value) so libical escapes '\' and newlines;
	 * refold_into() escapes the ',' and ';' that libical 3.0.16 leaves. */
	icalproperty *x = lib.icalproperty_new(ICAL_X_PROPERTY);
	lib.icalproperty_set_x_name(x, "X-WR-CALNAME");
	lib.icalproperty_set_value(x, lib.icalvalue_new_text(clean));
	lib.icalcomponent_add_property(cal, x);
	serialise_into(header, cal);
	lib.icalcomponent_free(cal);
	free(clean);
	/* The last line is END:VCALENDAR: it becomes the footer. */
	size_t cut = header->len >= 2 ? header->len - 2 : 0;
	while (cut > 0 && !(header->p[cut - 1] == '\n' && header->p[cut] != ' '))
		cut--;
	*footer = xstrdup(header->p + cut);
	strbuf_truncate(header, cut);
}
