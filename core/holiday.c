#include "core/holiday.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/file.h"
#include "core/lunar.h"
#include "core/text.h"
#include "core/xalloc.h"

#define YEAR_MIN LUNAR_MIN_YEAR
#define YEAR_MAX LUNAR_MAX_YEAR
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)

enum line_kind { LINE_OFF, LINE_WORK, LINE_EXTRA, LINE_YEARLY };

static const char *const line_kind_names[] = { "off", "work", "extra", "yearly" };

/* One line of a holidays file. */
struct entry {
	enum line_kind kind;
	civil_day day;  /* the date; for LINE_YEARLY the first occurrence */
	int year, month, mday;
	char *name;
	char *sub_name; /* LINE_YEARLY: "Nghỉ bù <name>" */
	const char *file; /* one of holiday_calendar.files */
	int line;
};

/* One solar year's listed days, built on first use. */
struct year_cache {
	bool announced;
	struct holiday_day *days; /* sorted by day */
	size_t n;
	int16_t at[366];          /* day of year -> index in days, or -1 */
};

struct holiday_calendar {
	struct entry *entries;
	size_t n, cap;
	char **files;
	size_t nfiles, files_cap;
	struct year_cache *years[NYEARS];
};

struct holiday_calendar *holiday_calendar_new(void)
{
	return xcalloc(1, sizeof(struct holiday_calendar));
}

static void entry_release(struct entry *e)
{
	free(e->name);
	free(e->sub_name);
}

static void year_cache_free(struct year_cache *yc)
{
	if (yc) {
		free(yc->days);
		free(yc);
	}
}

static void caches_clear(struct holiday_calendar *cal)
{
	for (size_t i = 0; i < NYEARS; i++) {
		year_cache_free(cal->years[i]);
		cal->years[i] = NULL;
	}
}

void holiday_calendar_free(struct holiday_calendar *cal)
{
	if (!cal)
		return;
	caches_clear(cal);
	for (size_t i = 0; i < cal->n; i++)
		entry_release(&cal->entries[i]);
	free(cal->entries);
	for (size_t i = 0; i < cal->nfiles; i++)
		free(cal->files[i]);
	free(cal->files);
	free(cal);
}

/* ---- parsing -------------------------------------------------------------- */

struct entries {
	struct entry *v;
	size_t n, cap;
};

static void entries_release(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		entry_release(&es->v[i]);
	free(es->v);
	es->v = NULL;
	es->n = es->cap = 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims spaces off [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		(*s)++;
	while (*e > *s && is_space((*e)[-1]))
		(*e)--;
}

/* Copies at most `max` bytes of [s, s+n) into buf (of max+1 bytes) for an
 * error message: cut on a character boundary, control bytes shown as '?'. */
static const char *echo(const char *s, size_t n, char *buf, size_t max)
{
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
	buf[n] = '\0';
	return buf;
}

/* Checks a name: not empty, UTF-8, no control characters. */
static int check_name(const char *s, size_t n, const char *where, char *err)
{
	if (n == 0)
		return err_set(err, VI ? "%s: tên ngày nghỉ để trống" : "%s: the name is empty", where);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return err_set(err, VI ? "%s: tên có ký tự điều khiển" : "%s: the name contains a control character", where);
		uint32_t cp;
		i += text_utf8_decode(s + i, n - i, &cp);
		if (cp == TEXT_BAD_CP)
			return err_set(err, VI ? "%s: tên không phải UTF-8 hợp lệ" : "%s: the name is not valid UTF-8", where);
	}
	return 0;
}

/* Parses one non-comment line into *e. */
static int parse_line(const char *s, const char *end, const char *where, struct entry *e,
		      char *err)
{
	const char *field[3], *field_end[3];
	size_t nf = 0;
	const char *p = s;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (nf < 3) {
			field[nf] = p;
			field_end[nf] = fe;
		}
		nf++;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (nf != 3)
		return err_set(err, VI ? "%s: cần 3 trường cách nhau bằng Tab (ngày, loại, tên), có %zu"
				       : "%s: expected 3 tab-separated fields (date, kind, name), found %zu",
			       where, nf);
	for (int i = 0; i < 3; i++)
		trim(&field[i], &field_end[i]);

	char buf[48];
	size_t dlen = (size_t)(field_end[0] - field[0]);
	if (dlen == 0)
		return err_set(err, VI ? "%s: ngày để trống" : "%s: the date is empty", where);
	if (dlen >= sizeof buf)
		return err_set(err, VI ? "%s: ngày quá dài" : "%s: the date is too long", where);
	echo(field[0], dlen, buf, sizeof buf - 1);
	char msg[ERR_MAX];
	if (date_parse(buf, &e->day, msg) != 0)
		return err_set(err, "%s: %s", where, msg);
	struct civil_date c = date_to_ymd(e->day);
	if (c.year < YEAR_MIN || c.year > YEAR_MAX)
		return err_set(err, VI ? "%s: ngày '%s': năm %d nằm ngoài %d-%d" : "%s: date '%s': year %d is outside %d-%d", where, buf, c.year,
			       YEAR_MIN, YEAR_MAX);
	e->year = c.year;
	e->month = c.month;
	e->mday = c.day;

	size_t klen = (size_t)(field_end[1] - field[1]);
	int kind = -1;
	for (int i = 0; i < 4; i++)
		if (klen == strlen(line_kind_names[i]) &&
		    memcmp(field[1], line_kind_names[i], klen) == 0)
			kind = i;
	if (kind < 0) {
		char shown[24];
		return err_set(err, VI ? "%s: loại '%s' không phải off, work, extra hoặc yearly"
				    : "%s: kind '%s' is not off, work, extra or yearly", where,
			       echo(field[1], klen, shown, 20));
	}
	e->kind = (enum line_kind)kind;
	if (e->kind == LINE_YEARLY && e->month == 2 && e->mday == 29)
		return err_set(err, VI ? "%s: ngày nghỉ hằng năm vào 29/2 không có ở mọi năm"
				    : "%s: a yearly holiday on 29/2 does not occur every year", where);

	size_t nlen = (size_t)(field_end[2] - field[2]);
	if (check_name(field[2], nlen, where, err) != 0)
		return -1;
	e->name = xstrndup(field[2], nlen);
	e->sub_name = e->kind == LINE_YEARLY ? xasprintf("Nghỉ bù %s", e->name) : NULL;
	return 0;
}

static bool same_key(const struct entry *a, const struct entry *b)
{
	if ((a->kind == LINE_YEARLY) != (b->kind == LINE_YEARLY))
		return false;
	if (a->kind == LINE_YEARLY)
		return a->month == b->month && a->mday == b->mday;
	return a->day == b->day;
}

static int parse_text(const char *text, const char *name, const char *file, struct entries *out,
		      char *err)
{
	const char *p = text;
	int lineno = 0;
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) /* a byte order mark */
		p += 3;
	while (*p) {
		const char *eol = strchr(p, '\n');
		const char *end = eol ? eol : p + strlen(p);
		const char *next = eol ? eol + 1 : end;
		lineno++;
		if (end > p && end[-1] == '\r')
			end--;
		const char *q = p;
		while (q < end && is_space(*q))
			q++;
		if (q == end || *q == '#') {
			p = next;
			continue;
		}
		char where[ERR_MAX / 2];
		snprintf(where, sizeof where, "%s:%d", name, lineno);
		struct entry e = { 0 };
		if (parse_line(p, end, where, &e, err) != 0) {
			entry_release(&e);
			return -1;
		}
		for (size_t i = 0; i < out->n; i++)
			if (same_key(&out->v[i], &e)) {
				char d[DATE_BUF];
				if (e.kind == LINE_YEARLY)
					err_set(err, VI ? "%s: ngày nghỉ hằng năm %d/%d đã có ở dòng %d"
						: "%s: a yearly holiday on %d/%d is already on line %d",
						where, e.mday, e.month, out->v[i].line);
				else
					err_set(err, VI ? "%s: ngày %s đã có ở dòng %d" : "%s: %s is already listed on line %d",
						where, VI ? date_format_dmy(e.day, d) : date_format_iso(e.day, d),
						out->v[i].line);
				entry_release(&e);
				return -1;
			}
		e.file = file;
		e.line = lineno;
		xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = e;
		p = next;
	}
	return 0;
}

int holiday_calendar_load_text(struct holiday_calendar *cal, const char *text,
			       const char *name_for_errors, char *err)
{
	const char *name = name_for_errors ? name_for_errors : "holidays";
	char *file = xstrdup(name);
	struct entries es = { 0 };
	if (parse_text(text, name, file, &es, err) != 0) {
		entries_release(&es);
		free(file);
		return -1;
	}
	xgrow((void **)&cal->files, &cal->files_cap, cal->nfiles + 1, sizeof *cal->files);
	cal->files[cal->nfiles++] = file;
	for (size_t i = 0; i < es.n; i++) {
		size_t j = 0;
		while (j < cal->n && !same_key(&cal->entries[j], &es.v[i]))
			j++;
		if (j < cal->n) {
			entry_release(&cal->entries[j]);
		} else {
			xgrow((void **)&cal->entries, &cal->cap, cal->n + 1, sizeof *cal->entries);
			cal->n++;
		}
		cal->entries[j] = es.v[i];
	}
	free(es.v); /* the entries moved into the calendar */
	caches_clear(cal);
	return 0;
}

int holiday_calendar_load(struct holiday_calendar *cal, const char *path, char *err)
{
	char *buf, sub[ERR_MAX];
	size_t len;
	if (file_read_all(path, 16u << 20, &buf, &len, sub))
		return err_set(err, VI ? "không đọc được tệp ngày nghỉ '%s': %s" : "cannot read holidays file '%s': %s", path, sub);
	int rc = memchr(buf, '\0', len) ? err_set(err, VI ? "tệp ngày nghỉ '%s' không phải văn bản (có byte NUL)"
							 : "holidays file '%s' is not text (it contains a NUL byte)", path)
					 : holiday_calendar_load_text(cal, buf, path, err);
	free(buf);
	return rc;
}

/* ---- computing a year ----------------------------------------------------- */

/* A holiday the rules give, before substitutes. */
struct cand {
	civil_day day;
	const char *name, *sub_name;
	const char *file;
	int line;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static void cand_add(struct cands *cs, civil_day day, civil_day from, const char *name,
		     const char *sub_name, const char *file, int line)
{
	if (day == DATE_NONE || day < from)
		return;
	for (size_t i = 0; i < cs->n; i++)
		if (cs->v[i].day == day)
			return; /* the first rule names a day two rules give */
	xgrow((void **)&cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
	cs->v[cs->n++] = (struct cand){ day, name, sub_name, file, line };
}

static bool is_weekend(civil_day d)
{
	enum weekday w = date_weekday(d);
	return w == SATURDAY || w == SUNDAY;
}

/* The rule holidays of solar year `year` falling on or after `from`. */
static void rule_days(const struct holiday_calendar *cal, int year, civil_day from,
		      struct cands *cs)
{
	static const char tet[] = "Tết Nguyên đán", tet_sub[] = "Nghỉ bù Tết Nguyên đán";
	cand_add(cs, date_from_ymd(year, 1, 1), from, "Tết Dương lịch", "Nghỉ bù Tết Dương lịch",
		 NULL, 0);
	civil_day ny = lunar_new_year(year);
	if (ny != DATE_NONE)
		for (int i = -1; i <= 3; i++) /* the last day of the lunar year, mùng 1-4 */
			cand_add(cs, ny + i, from, tet, tet_sub, NULL, 0);
	civil_day gio_to;
	if (lunar_to_solar(year, 3, 10, false, &gio_to, NULL) == 0)
		cand_add(cs, gio_to, from, "Giỗ Tổ Hùng Vương", "Nghỉ bù Giỗ Tổ Hùng Vương", NULL, 0);
	cand_add(cs, date_from_ymd(year, 4, 30), from, "Ngày Chiến thắng",
		 "Nghỉ bù Ngày Chiến thắng", NULL, 0);
	cand_add(cs, date_from_ymd(year, 5, 1), from, "Ngày Quốc tế Lao động",
		 "Nghỉ bù Ngày Quốc tế Lao động", NULL, 0);
	/* The adjoining day: the day before by default (see holiday.h). */
	cand_add(cs, date_from_ymd(year, 9, 1), from, "Quốc khánh (ngày liền kề)",
		 "Nghỉ bù Quốc khánh", NULL, 0);
	cand_add(cs, date_from_ymd(year, 9, 2), from, "Quốc khánh", "Nghỉ bù Quốc khánh", NULL, 0);
	for (size_t i = 0; i < cal->n; i++) {
		const struct entry *e = &cal->entries[i];
		if (e->kind == LINE_YEARLY && year >= e->year)
			cand_add(cs, date_from_ymd(year, e->month, e->mday), from, e->name,
				 e->sub_name, e->file, e->line);
	}
}

static int cand_cmp(const void *a, const void *b)
{
	civil_day x = ((const struct cand *)a)->day, y = ((const struct cand *)b)->day;
	return (x > y) - (x < y);
}

static int day_cmp(const void *a, const void *b)
{
	civil_day x = ((const struct holiday_day *)a)->day;
	civil_day y = ((const struct holiday_day *)b)->day;
	return (x > y) - (x < y);
}

struct dlist {
	struct holiday_day *v;
	size_t n, cap;
};

static struct holiday_day *dlist_add(struct dlist *l, civil_day day, enum holiday_kind kind,
				     enum holiday_source source, const char *name,
				     const char *file, int line)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct holiday_day *h = &l->v[l->n++];
	memset(h, 0, sizeof *h);
	h->day = day;
	h->kind = kind;
	h->source = source;
	h->name = name;
	h->file = file;
	h->line = line;
	return h;
}

static bool cands_have(const struct cands *cs, civil_day d)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->v[i].day == d)
			return true;
	return false;
}

static bool extra_on(const struct holiday_calendar *cal, civil_day d)
{
	for (size_t i = 0; i < cal->n; i++)
		if (cal->entries[i].kind == LINE_EXTRA && cal->entries[i].day == d)
			return true;
	return false;
}

static bool year_is_announced(const struct holiday_calendar *cal, int year)
{
	for (size_t i = 0; i < cal->n; i++)
		if ((cal->entries[i].kind == LINE_OFF || cal->entries[i].kind == LINE_WORK) &&
		    cal->entries[i].year == year)
			return true;
	return false;
}

/* Rules and their substitute days, kept when they fall in `year`. */
static void computed_days(const struct holiday_calendar *cal, int year, struct dlist *l)
{
	civil_day first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);
	struct cands cs = { 0 };
	rule_days(cal, year, first, &cs);
	/* A December holiday of a computed previous year may push its
	 * substitute into January. */
	if (year > YEAR_MIN && !year_is_announced(cal, year - 1))
		rule_days(cal, year - 1, date_from_ymd(year - 1, 12, 1), &cs);
	qsort(cs.v, cs.n, sizeof cs.v[0], cand_cmp);
	size_t first_sub = l->n; /* substitutes given so far are l->v[first_sub..] */
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.v[i];
		if (c->day >= first)
			dlist_add(l, c->day, HOLIDAY_OFF, HOLIDAY_COMPUTED, c->name, c->file, c->line);
		if (!is_weekend(c->day))
			continue;
		civil_day s = c->day + 1;
		for (;;) {
			bool busy = is_weekend(s) || cands_have(&cs, s) || extra_on(cal, s);
			for (size_t t = first_sub; t < l->n && !busy; t++)
				busy = l->v[t].substitute && l->v[t].day == s;
			if (!busy)
				break;
			s++;
		}
		/* Substitutes outside the year are kept while computing and
		 * dropped below: the next year computes its own. */
		dlist_add(l, s, HOLIDAY_OFF, HOLIDAY_COMPUTED, c->sub_name, c->file, c->line)
			->substitute = true;
	}
	free(cs.v);
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].day >= first && l->v[i].day <= last)
			l->v[k++] = l->v[i];
	l->n = k;
}

/* The lunar label of a listed day (see struct holiday_day). */
static void lunar_label(civil_day d, char *buf)
{
	struct lunar_date l, next;
	buf[0] = '\0';
	if (lunar_from_solar(d, &l) != 0)
		return;
	if (l.month == 12) {
		if (lunar_from_solar(d + 1, &next) == 0 && next.month == 1 && next.day == 1)
			snprintf(buf, HOLIDAY_LUNAR_BUF, "%d Tết", l.day);
		else if (l.day >= 23)
			snprintf(buf, HOLIDAY_LUNAR_BUF, "%d tháng Chạp", l.day);
	} else if (l.month == 1 && !l.leap && l.day <= 10) {
		snprintf(buf, HOLIDAY_LUNAR_BUF, "mùng %d Tết", l.day);
	} else if (l.month == 3 && !l.leap && l.day == 10) {
		snprintf(buf, HOLIDAY_LUNAR_BUF, "10/3 âm lịch");
	}
}

static struct year_cache *year_build(const struct holiday_calendar *cal, int year)
{
	struct year_cache *yc = xcalloc(1, sizeof *yc);
	struct dlist l = { 0 };
	yc->announced = year_is_announced(cal, year);
	if (!yc->announced)
		computed_days(cal, year, &l);
	for (size_t i = 0; i < cal->n; i++) {
		const struct entry *e = &cal->entries[i];
		if (e->kind == LINE_YEARLY || e->year != year)
			continue;
		enum holiday_kind k = e->kind == LINE_WORK ? HOLIDAY_WORK : HOLIDAY_OFF;
		size_t j = 0;
		while (j < l.n && l.v[j].day != e->day)
			j++;
		if (j < l.n) { /* an `extra` line names a computed day */
			l.v[j].kind = k;
			l.v[j].source = HOLIDAY_ANNOUNCED;
			l.v[j].substitute = false;
			l.v[j].name = e->name;
			l.v[j].file = e->file;
			l.v[j].line = e->line;
		} else {
			dlist_add(&l, e->day, k, HOLIDAY_ANNOUNCED, e->name, e->file, e->line);
		}
	}
	qsort(l.v, l.n, sizeof *l.v, day_cmp);
	civil_day first = date_from_ymd(year, 1, 1);
	memset(yc->at, 0xFF, sizeof yc->at); /* every index -1 */
	for (size_t i = 0; i < l.n; i++) {
		lunar_label(l.v[i].day, l.v[i].lunar);
		yc->at[l.v[i].day - first] = (int16_t)i;
	}
	yc->days = l.v;
	yc->n = l.n;
	return yc;
}

/* The cache of a year, built on first use; NULL outside the range. The cache
 * is not part of the calendar's value, so const callers may fill it. */
static const struct year_cache *year_get(const struct holiday_calendar *ccal, int year)
{
	if (!ccal || year < YEAR_MIN || year > YEAR_MAX)
		return NULL;
	struct holiday_calendar *cal = (struct holiday_calendar *)ccal;
	struct year_cache **slot = &cal->years[year - YEAR_MIN];
	if (!*slot)
		*slot = year_build(cal, year);
	return *slot;
}

/* ---- queries -------------------------------------------------------------- */

enum holiday_kind holiday_lookup(const struct holiday_calendar *cal, civil_day day,
				 struct holiday_day *out)
{
	if (day == DATE_NONE)
		return HOLIDAY_NONE;
	struct civil_date c = date_to_ymd(day);
	const struct year_cache *yc = year_get(cal, c.year);
	if (!yc)
		return HOLIDAY_NONE;
	int i = yc->at[day - date_from_ymd(c.year, 1, 1)];
	if (i < 0)
		return HOLIDAY_NONE;
	if (out)
		*out = yc->days[i];
	return yc->days[i].kind;
}

size_t holiday_year_days(const struct holiday_calendar *cal, int year,
			 const struct holiday_day **days)
{
	const struct year_cache *yc = year_get(cal, year);
	*days = yc ? yc->days : NULL;
	return yc ? yc->n : 0;
}

size_t holiday_list_year(const struct holiday_calendar *cal, int year, struct holiday_day *out,
			 size_t max)
{
	const struct holiday_day *days;
	size_t n = holiday_year_days(cal, year, &days);
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = days[i];
	return n;
}
