#include "core/deadline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deadline_atoms.h"
#include "core/tokens.h"
#include "core/xalloc.h"

/* ---- prefixes ------------------------------------------------------------ */

enum effect { E_NONE, E_BEFORE, E_BY, E_UNTIL, E_NEG };

struct prefix {
	const char *words;
	enum effect eff;
};

/* The words before a date that make it a deadline (or rule it out). */
static const struct prefix date_prefixes[] = {
	{ "trước", E_BEFORE },
	{ "xong trước", E_BEFORE },
	{ "hoàn thành trước", E_BEFORE },
	{ "chậm nhất", E_BY },
	{ "chậm nhất là", E_BY },
	{ "chậm nhất vào", E_BY },
	{ "chậm nhất trong", E_BY },
	{ "muộn nhất", E_BY },
	{ "muộn nhất là", E_BY },
	{ "không quá", E_BY },
	{ "không muộn hơn", E_BY },
	{ "hạn", E_BY },
	{ "thời hạn", E_BY },
	{ "hạn chót", E_BY },
	{ "trong", E_BY },
	{ "ngay trong", E_BY },
	{ "hết", E_BY },
	{ "đến hết", E_BY },
	{ "đến", E_UNTIL },
	{ "tới", E_UNTIL },
	{ "từ", E_NEG },
	{ "kể từ", E_NEG },
	{ "tính từ", E_NEG },
	{ "bắt đầu từ", E_NEG },
	{ "tính đến", E_NEG },
	{ "tính đến hết", E_NEG },
	{ "tính tới", E_NEG },
	{ "so với", E_NEG },
	{ "sau", E_NEG },
	{ "cùng kỳ", E_NEG },
	{ NULL, E_NONE },
};

/* Labels that, followed by ':', introduce a deadline ("Thời hạn hoàn thành:
 * năm 2024", as plans write it in their tables). */
static const struct prefix label_prefixes[] = {
	{ "thời hạn", E_BY },
	{ "thời hạn hoàn thành", E_BY },
	{ "thời gian", E_BY },
	{ "thời gian hoàn thành", E_BY },
	{ "thời gian thực hiện", E_BY },
	{ "hạn", E_BY },
	{ "hạn chót", E_BY },
	{ "tiến độ", E_BY },
	{ "tiến độ hoàn thành", E_BY },
	{ NULL, E_NONE },
};

/* The words that make "10 ngày" a period to finish in. */
static const struct prefix relative_prefixes[] = {
	{ "trong", E_BY },
	{ "trong vòng", E_BY },
	{ "trong thời hạn", E_BY },
	{ "trong thời gian", E_BY },
	{ "trong hạn", E_BY },
	{ "chậm nhất", E_BY },
	{ "chậm nhất là", E_BY },
	{ "chậm nhất sau", E_BY },
	{ "chậm nhất trong", E_BY },
	{ "không quá", E_BY },
	{ "tối đa", E_BY },
	{ "thời hạn", E_BY },
	{ "sau", E_BY },
	{ NULL, E_NONE },
};

static const struct prefix recurring_prefixes[] = {
	{ "định kỳ", E_BY },
	{ "trước", E_BEFORE },
	{ "chậm nhất", E_BY },
	{ "chậm nhất là", E_BY },
	{ NULL, E_NONE },
};

/* The longest prefix of the table that ends just before token ps and starts
 * at or after lo. Sets *start to its first token (ps when none). */
static enum effect find_prefix(const struct scan *sc, size_t ps, size_t lo, const struct prefix *table,
			       size_t *start)
{
	enum effect eff = E_NONE;
	size_t best = 0;
	*start = ps;
	for (; table->words; table++) {
		size_t m = 1;
		for (const char *p = table->words; *p; p++)
			m += *p == ' ';
		if (m > ps - lo || m <= best)
			continue;
		if (tokens_words_at(&sc->tk, ps - m, table->words) == m) {
			best = m;
			eff = table->eff;
			*start = ps - m;
		}
	}
	return eff;
}

/* ---- resolving ------------------------------------------------------------ */

static bool working_day(const struct scan *sc, civil_day d)
{
	if (sc->opt.is_working_day)
		return sc->opt.is_working_day(sc->opt.ctx, d);
	enum weekday w = date_weekday(d);
	return w != SATURDAY && w != SUNDAY;
}

/* d itself or the next working day (Art. 148); DATE_NONE past a year of
 * days off. */
static civil_day next_working_day(const struct scan *sc, civil_day d)
{
	for (int i = 0; i < 400; i++, d++)
		if (working_day(sc, d))
			return d;
	return DATE_NONE;
}

static civil_day add_months(civil_day from, int n)
{
	struct civil_date c = date_to_ymd(from);
	int m0 = c.month - 1 + n;
	int y = c.year + m0 / 12, m = m0 % 12 + 1;
	if (y > 9999)
		return DATE_NONE;
	int dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, c.day < dim ? c.day : dim);
}

/* The days [*first, *last] the atom names, for year y; false when invalid. */
static bool atom_period(const struct atom *a, int y, civil_day *first, civil_day *last,
			enum due_precision *prec)
{
	if (y < 1 || y > 9999)
		return false;
	enum atom_type t = a->type == A_PART ? a->of : a->type;
	switch (t) {
	case A_DAY:
		if (!date_valid(y, a->m, a->d))
			return false;
		*first = *last = date_from_ymd(y, a->m, a->d);
		*prec = PRECISION_DAY;
		break;
	case A_MONTH:
		*first = date_from_ymd(y, a->m, 1);
		*last = date_month_end(y, a->m);
		*prec = PRECISION_MONTH;
		break;
	case A_QUARTER:
		*first = date_from_ymd(y, a->m * 3 - 2, 1);
		*last = date_month_end(y, a->m * 3);
		*prec = PRECISION_QUARTER;
		break;
	case A_HALF:
		*first = date_from_ymd(y, a->m * 6 - 5, 1);
		*last = date_month_end(y, a->m * 6);
		*prec = PRECISION_HALF_YEAR;
		break;
	case A_YEAR:
		*first = date_from_ymd(y, 1, 1);
		*last = date_from_ymd(y, 12, 31);
		*prec = PRECISION_YEAR;
		break;
	case A_PART:
		return false;
	}
	if (a->type == A_PART) {
		civil_day d;
		if (t == A_QUARTER) { /* cuối quý: the quarter's last day */
			*first = *last;
			return true;
		}
		if (t == A_MONTH)
			d = a->part == PART_START ? *first
			    : a->part == PART_MIDDLE ? date_from_ymd(y, a->m, 15) : *last;
		else
			d = a->part == PART_START ? *first
			    : a->part == PART_MIDDLE ? date_from_ymd(y, 6, 30) : *last;
		*first = *last = d;
		*prec = PRECISION_DAY;
	}
	return true;
}

/* The atom's tokens are followed by '-' or "đến" and another date: it opens a
 * range ("07/5/1954-07/5/2024", "từ 1/5 đến 30/5"). */
static bool opens_range(const struct scan *sc, size_t te)
{
	static const char *const starts[] = { "ngày", "tháng", "quý", "năm", NULL };
	size_t k = te;
	if (tokens_is_punct(&sc->tk, k, '-'))
		k++;
	else if (tokens_word_is(&sc->tk, k, "đến") || tokens_word_is(&sc->tk, k, "tới"))
		k++;
	else
		return false;
	return tokens_is_num(&sc->tk, k) || tokens_any_word(&sc->tk, k, starts);
}

/* A date written after a document number: "Tờ trình số 759/TTr-STTT ngày
 * 23/4/2024", "Chỉ thị số 04/CT-UBND tỉnh ngày 17/4/2024", "Công văn số 45
 * ngày 3/5/2025". */
static bool after_document_number(const struct scan *sc, size_t ts, size_t lo)
{
	const struct tok *t = sc->tk.t;
	size_t k = ts;
	if (!tokens_word_is(&sc->tk, k, "ngày")) {
		if (k <= lo || !tokens_word_is(&sc->tk, k - 1, "ngày"))
			return false;
		k--;
	}
	for (int words = 0; k > lo; ) {
		if (tokens_is_punct(&sc->tk, k - 1, ',')) {
			k--;
			continue;
		}
		size_t g = k - 1; /* the glued group [g, k) */
		while (g > lo && t[g].glued)
			g--;
		bool slash = false, letters = false;
		for (size_t i = g; i < k; i++) {
			slash = slash || (t[i].type == T_PUNCT && t[i].ch == '/');
			letters = letters || t[i].type == T_WORD;
		}
		if (slash && letters)
			return true;
		if ((t[g].type == T_NUM || slash) && g > lo && tokens_word_is(&sc->tk, g - 1, "số"))
			return true;
		if (k - g != 1 || t[g].type != T_WORD || ++words > 3)
			return false;
		k = g;
	}
	return false;
}

static void set_span(const struct scan *sc, struct deadline *out, size_t ts, size_t te)
{
	out->start = sc->tk.t[ts].s;
	out->end = sc->tk.t[te - 1].e;
}

static void clear(struct deadline *d, enum deadline_kind kind)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->due = DATE_NONE;
	d->precision = PRECISION_NONE;
}

/* "dự toán đầu năm 2026", "những tháng cuối năm": the part of the year
 * says which budget or months, not when. */
static bool attributive(const struct scan *sc, size_t ts, size_t lo)
{
	static const char *const nouns[] = { "tháng", "toán", "sách", "hoạch", "phí", "kỳ", NULL };
	return ts > lo && tokens_any_word(&sc->tk, ts - 1, nouns);
}

/* "(riêng năm 2026 …)" after the date in its sentence: that year is exempt. */
static bool year_exempted(const struct scan *sc, size_t te, int y)
{
	for (size_t k = te; k + 2 < sc->tk.n; k++) {
		if (tokens_is_punct(&sc->tk, k, '.') || tokens_is_punct(&sc->tk, k, ';'))
			return false;
		int yy;
		if (tokens_word_is(&sc->tk, k, "riêng") && tokens_word_is(&sc->tk, k + 1, "năm") && year_at(sc, k + 2, &yy) == 1 && yy == y)
			return true;
	}
	return false;
}

/* Where an hour written just before token k begins ("17 giờ", "10 giờ 30
 * phút", "16h00", "16:30"), or k when there is none. */
static size_t hour_before(const struct scan *sc, size_t k, size_t lo)
{
	const struct tokens *tk = &sc->tk;
	size_t i = k;
	if (i > lo && tokens_word_is(tk, i - 1, "phút"))
		i--;
	/* the minutes after "giờ", "h" or ":" */
	if (i >= lo + 3 && tokens_small_num(tk, i - 1, 2) &&
	    (tokens_word_is(tk, i - 2, "giờ") || tokens_word_is(tk, i - 2, "h") || tokens_is_punct(tk, i - 2, ':')))
		i--;
	else if (i != k)
		return k; /* "phút" without its number */
	if (i >= lo + 2 && (tokens_word_is(tk, i - 1, "giờ") || tokens_word_is(tk, i - 1, "h") ||
			    tokens_is_punct(tk, i - 1, ':')) &&
	    tokens_small_num(tk, i - 2, 2) && tk->t[i - 2].num <= 24)
		return i - 2;
	return k;
}

/* A date atom with what precedes it: a deadline into *out, or false. */
static bool resolve_date(const struct scan *sc, const struct atom *a, size_t lo, struct deadline *out)
{
	size_t ps;
	enum effect eff = find_prefix(sc, a->ts, lo, date_prefixes, &ps);
	size_t hour = eff == E_NONE ? hour_before(sc, a->ts, lo) : a->ts;
	if (hour < a->ts) /* "trước 17 giờ ngày 27/11/2025" */
		eff = find_prefix(sc, hour, lo, date_prefixes, &ps);
	if (eff == E_NONE && a->ts > lo && tokens_is_punct(&sc->tk, a->ts - 1, ':'))
		eff = find_prefix(sc, a->ts - 1, lo, label_prefixes, &ps);
	civil_day anchor = sc->opt.anchor;
	if (eff == E_NEG || opens_range(sc, a->te))
		return false;
	if (eff == E_UNTIL)
		eff = a->type == A_YEAR ? E_NEG : E_BY; /* "đến năm 2030": a horizon */
	if (eff == E_NEG)
		return false;
	if (a->type == A_PART && attributive(sc, a->ts, lo))
		return false;
	bool bare = eff == E_NONE && a->type != A_PART;
	if (bare && (!a->year_given || a->type == A_YEAR))
		return false;

	int y = a->year_given ? a->y : sc->fill_year;
	civil_day first, last;
	enum due_precision prec;
	if (!atom_period(a, y, &first, &last, &prec))
		return false;
	if (!a->year_given && anchor != DATE_NONE && (last < anchor || year_exempted(sc, a->te, y))) {
		if (!atom_period(a, y + 1, &first, &last, &prec))
			return false;
	}
	civil_day due = last;
	if (eff == E_BEFORE && a->type != A_PART) {
		if (a->type != A_DAY)
			due = first - 1;
		else if (sc->opt.before_means_day_before)
			due = last - 1;
	}
	/* an undated letter's references: dates up to the latest it cites */
	civil_day floor = anchor != DATE_NONE ? anchor : sc->opt.not_before;
	if (bare) {
		if (floor != DATE_NONE && (a->type == A_DAY ? last <= floor : first <= floor))
			return false;
		if (a->type == A_DAY && after_document_number(sc, a->ts, lo))
			return false;
	}
	/* the anchor's own day can be a deadline; a cited day is what was cited */
	bool past = anchor != DATE_NONE ? due < anchor : floor != DATE_NONE && due <= floor;
	if (past && !(sc->opt.field && a->year_given && !bare))
		return false;
	clear(out, DEADLINE_DATE);
	out->due = due;
	out->precision = prec;
	out->bare = bare;
	set_span(sc, out, eff == E_NONE ? a->ts : ps, a->te);
	return true;
}

/* ---- relative periods ----------------------------------------------------- */

static bool clause_end(const struct scan *sc, size_t k)
{
	static const uint32_t ends[] = { ',', ';', '.', ':', '(', ')', '!', '?', '[', ']', 0 };
	if (sc->tk.t[k].nl)
		return true;
	if (sc->tk.t[k].type != T_PUNCT)
		return false;
	for (const uint32_t *e = ends; *e; e++)
		if (sc->tk.t[k].ch == *e)
			return true;
	return false;
}

static civil_day resolve_relative(const struct scan *sc, civil_day from, int n, enum deadline_unit unit)
{
	if (from == DATE_NONE || from < date_from_ymd(1, 1, 1) || from > date_from_ymd(9000, 12, 31))
		return DATE_NONE;
	switch (unit) {
	case DEADLINE_DAYS:
		return next_working_day(sc, from + n);
	case DEADLINE_WEEKS:
		return next_working_day(sc, from + 7 * n);
	case DEADLINE_MONTHS: {
		civil_day d = add_months(from, n);
		return d == DATE_NONE ? d : next_working_day(sc, d);
	}
	case DEADLINE_WORKING_DAYS: {
		civil_day d = from;
		for (int k = 0, i = 0; i < 3 * n + 400; i++) {
			d++;
			if (working_day(sc, d) && ++k == n)
				return d;
		}
		return DATE_NONE;
	}
	case DEADLINE_UNIT_NONE:
		break;
	}
	return DATE_NONE;
}

/* trong [vòng|thời hạn …] N ngày [làm việc] | tuần | tháng [kể từ …]. */
static bool relative_at(const struct scan *sc, size_t k, size_t lo, size_t *te, struct deadline *out)
{
	if (!tokens_small_num(&sc->tk, k, 3) || tokens_glued(&sc->tk, k) || sc->tk.t[k].num < 1)
		return false;
	int n = sc->tk.t[k].num;
	enum deadline_unit unit;
	size_t e = k + 2;
	if (tokens_word_is(&sc->tk, k + 1, "ngày")) {
		unit = DEADLINE_DAYS;
		if (tokens_words_at(&sc->tk, k + 2, "làm việc") == 2) {
			unit = DEADLINE_WORKING_DAYS;
			e = k + 4;
		}
		if (tokens_is_num(&sc->tk, e) && unit == DEADLINE_DAYS)
			return false; /* "trong 2 ngày 14 và 15/5" */
	} else if (tokens_word_is(&sc->tk, k + 1, "tuần")) {
		unit = DEADLINE_WEEKS;
	} else if (tokens_word_is(&sc->tk, k + 1, "tháng")) {
		static const char *const not_after[] = { "đầu", "cuối", "giữa", NULL };
		if (tokens_is_num(&sc->tk, k + 2) || tokens_any_word(&sc->tk, k + 2, not_after))
			return false;
		unit = DEADLINE_MONTHS;
	} else {
		return false;
	}
	size_t ps;
	if (find_prefix(sc, k, lo, relative_prefixes, &ps) == E_NONE)
		return false;

	civil_day from = sc->opt.anchor;
	size_t f = e;
	if (tokens_words_at(&sc->tk, f, "kể từ") == 2 || tokens_words_at(&sc->tk, f, "tính từ") == 2)
		f += 2;
	else if (tokens_word_is(&sc->tk, f, "từ"))
		f += 1;
	if (f != e) {
		struct atom a;
		if (day_atom(sc, f, &a)) {
			int y = a.year_given ? a.y : sc->fill_year;
			civil_day first, last;
			enum due_precision prec;
			if (!atom_period(&a, y, &first, &last, &prec))
				return false;
			from = first;
			e = a.te;
		} else {
			/* counted from an event: the document's own ("ngày ký", "văn bản
			 * này", "ngày nhận được") is the anchor; another's ("khi Bộ … ban
			 * hành") is not known */
			bool own = false;
			e = f;
			for (int i = 0; e < sc->tk.n && i < 16 && !clause_end(sc, e); i++, e++)
				own = own || tokens_word_is(&sc->tk, e, "này") || tokens_words_at(&sc->tk, e, "ngày ký") == 2 ||
				      tokens_words_at(&sc->tk, e, "nhận được") == 2 || tokens_words_at(&sc->tk, e, "ngày nhận") == 2;
			if (tokens_word_is(&sc->tk, f, "khi") && !own)
				from = DATE_NONE;
		}
	}
	clear(out, DEADLINE_RELATIVE);
	out->count = n;
	out->unit = unit;
	out->due = resolve_relative(sc, from, n, unit);
	out->precision = out->due == DATE_NONE ? PRECISION_NONE : PRECISION_DAY;
	set_span(sc, out, ps, e);
	*te = e;
	return true;
}

/* ---- recurring and ongoing ----------------------------------------------- */

static const char *const byday[] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

static void recurring_first(const struct scan *sc, struct deadline *d)
{
	civil_day a = sc->opt.anchor;
	d->due = DATE_NONE;
	if (a == DATE_NONE)
		return;
	struct civil_date c = date_to_ymd(a);
	if (d->month) {
		for (int y = c.year; y <= c.year + 1 && d->due == DATE_NONE; y++)
			if (d->day <= date_days_in_month(y, d->month) && date_from_ymd(y, d->month, d->day) >= a)
				d->due = date_from_ymd(y, d->month, d->day);
	} else if (d->unit == DEADLINE_WEEKS) {
		civil_day x = a;
		while ((int)date_weekday(x) != d->day)
			x++;
		d->due = x;
	} else if (d->day > 0) {
		for (int i = 0; i < 24 && d->due == DATE_NONE; i++) {
			int m0 = c.month - 1 + i, y = c.year + m0 / 12, m = m0 % 12 + 1;
			if (d->day <= date_days_in_month(y, m) && date_from_ymd(y, m, d->day) >= a)
				d->due = date_from_ymd(y, m, d->day);
		}
	} else {
		int m = ((c.month - 1) / d->count + 1) * d->count;
		d->due = date_month_end(c.year, m);
	}
}

static void recurring_rule(struct deadline *d)
{
	if (d->month)
		snprintf(d->rule, sizeof d->rule, "FREQ=YEARLY;BYMONTH=%d;BYMONTHDAY=%d", d->month, d->day);
	else if (d->unit == DEADLINE_WEEKS)
		snprintf(d->rule, sizeof d->rule, "FREQ=WEEKLY;BYDAY=%s", byday[d->day]);
	else if (d->count == 12)
		snprintf(d->rule, sizeof d->rule, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31");
	else if (d->count == 1)
		snprintf(d->rule, sizeof d->rule, "FREQ=MONTHLY;BYMONTHDAY=%d", d->day);
	else
		snprintf(d->rule, sizeof d->rule, "FREQ=MONTHLY;INTERVAL=%d;BYMONTHDAY=-1", d->count);
}

/* Something is reported or sent before token k in its clause: "báo cáo
 * … hằng năm", "định kỳ hằng quý". */
static bool reporting_before(const struct scan *sc, size_t k, size_t lo)
{
	static const char *const verbs[] = { "báo cáo", "gửi", "nộp", "tổng hợp", "định kỳ", "cập nhật",
					     "thống kê", "kiểm kê", "công bố", "đánh giá", "tổng kết", "sơ kết",
					     "giao ban", NULL };
	for (size_t j = k; j-- > lo;) {
		if (tokens_is_punct(&sc->tk, j, '.') || tokens_is_punct(&sc->tk, j, ';') || tokens_is_punct(&sc->tk, j, ':') || sc->tk.t[j + 1].nl)
			return false;
		for (const char *const *v = verbs; *v; v++)
			if (tokens_words_at(&sc->tk, j, *v))
				return true;
	}
	return false;
}

/* "(trước) ngày 30 tháng 6 hằng năm", "ngày 30/6 hằng năm": yearly on a day. */
static bool yearly_day_at(const struct scan *sc, size_t k, size_t *e, int *day, int *month)
{
	static const char *const every[] = { "hằng", "hàng", NULL };
	struct atom a;
	if (!day_atom(sc, k, &a) || a.year_given || !tokens_any_word(&sc->tk, a.te, every) || !tokens_word_is(&sc->tk, a.te + 1, "năm"))
		return false;
	*day = a.d;
	*month = a.m;
	*e = a.te + 2;
	return true;
}

static bool recurring_at(const struct scan *sc, size_t k, size_t lo, size_t *te, struct deadline *out)
{
	static const char *const every[] = { "hằng", "hàng", NULL };
	static const char *const weekdays[] = { "chủ nhật", "hai", "ba", "tư", "năm", "sáu", "bảy" };
	int count = 0, day = 0, month = 0;
	enum deadline_unit unit = DEADLINE_MONTHS;
	enum due_precision prec = PRECISION_DAY;
	size_t e = 0;

	if (yearly_day_at(sc, k, &e, &day, &month)) {
		count = 12;
	} else if (tokens_word_is(&sc->tk, k, "ngày") && tokens_small_num(&sc->tk, k + 1, 2) && tokens_any_word(&sc->tk, k + 2, every) &&
	    tokens_word_is(&sc->tk, k + 3, "tháng")) {
		day = sc->tk.t[k + 1].num;
		if (day < 1 || day > 31)
			return false;
		count = 1;
		e = k + 4;
	} else if (tokens_word_is(&sc->tk, k, "thứ") && tokens_any_word(&sc->tk, k + 2, every) && tokens_word_is(&sc->tk, k + 3, "tuần")) {
		for (int w = MONDAY; w <= SATURDAY; w++)
			if (tokens_word_is(&sc->tk, k + 1, weekdays[w]))
				day = w;
		if (!day)
			return false;
		count = 1;
		unit = DEADLINE_WEEKS;
		e = k + 4;
	} else if (tokens_any_word(&sc->tk, k, every)) {
		count = 1;
		day = -1;
		if (tokens_word_is(&sc->tk, k + 1, "tháng"))
			prec = PRECISION_MONTH;
		else if (tokens_word_is(&sc->tk, k + 1, "quý") || tokens_word_is(&sc->tk, k + 1, "quí"))
			count = 3, prec = PRECISION_QUARTER;
		else if (tokens_word_is(&sc->tk, k + 1, "năm"))
			count = 12, prec = PRECISION_YEAR;
		else if (tokens_word_is(&sc->tk, k + 1, "tuần"))
			unit = DEADLINE_WEEKS, day = FRIDAY;
		else
			return false;
		if (!reporting_before(sc, k, lo))
			return false;
		e = k + 2;
	} else if (tokens_words_at(&sc->tk, k, "định kỳ") == 2 && tokens_small_num(&sc->tk, k + 2, 2) && tokens_word_is(&sc->tk, k + 3, "tháng")) {
		count = sc->tk.t[k + 2].num;
		if (count != 1 && count != 2 && count != 3 && count != 4 && count != 6 && count != 12)
			return false;
		day = -1;
		prec = count == 3 ? PRECISION_QUARTER : count == 6 ? PRECISION_HALF_YEAR
			: count == 12 ? PRECISION_YEAR : PRECISION_MONTH;
		e = k + 4;
		if (tokens_words_at(&sc->tk, e, "một lần") == 2)
			e += 2;
	} else {
		return false;
	}
	size_t ps;
	enum effect eff = find_prefix(sc, k, lo, recurring_prefixes, &ps);
	if (eff == E_BEFORE && day > 0 && unit == DEADLINE_MONTHS && sc->opt.before_means_day_before)
		day = day == 1 ? -1 : day - 1;
	if (unit == DEADLINE_MONTHS && day == 31 && !month)
		day = -1; /* monthly on the 31st: each month's last day */
	clear(out, DEADLINE_RECURRING);
	out->count = count;
	out->unit = unit;
	out->day = day;
	out->month = month;
	recurring_rule(out);
	recurring_first(sc, out);
	out->precision = out->due == DATE_NONE ? PRECISION_NONE : prec;
	set_span(sc, out, ps, e);
	*te = e;
	return true;
}

static bool ongoing_at(const struct scan *sc, size_t k, size_t *te, struct deadline *out)
{
	if (tokens_words_at(&sc->tk, k, "thường xuyên") != 2)
		return false;
	clear(out, DEADLINE_ONGOING);
	set_span(sc, out, k, k + 2);
	*te = k + 2;
	return true;
}

/* ---- the scan --------------------------------------------------------------- */

/* The dates that may start at token k; "6 tháng đầu năm" is tried before
 * the relative periods ("trong 6 tháng"), and so is not here. */
static bool date_at(const struct scan *sc, size_t k, struct atom *a)
{
	return day_atom(sc, k, a) || month_atom(sc, k, a) || quarter_atom(sc, k, a) || year_atom(sc, k, a) ||
	       part_atom(sc, k, a);
}

void deadline_options_init(struct deadline_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->anchor = DATE_NONE;
	opt->not_before = DATE_NONE;
}

size_t deadline_find_all(const char *text, size_t len, const struct deadline_options *opt,
			 struct deadline *out, size_t max)
{
	struct scan sc = { .tk = { .text = text } };
	if (opt)
		sc.opt = *opt;
	else
		deadline_options_init(&sc.opt);
	if (sc.opt.anchor != DATE_NONE &&
	    (sc.opt.anchor < date_from_ymd(1, 1, 1) || sc.opt.anchor > date_from_ymd(9000, 12, 31)))
		sc.opt.anchor = DATE_NONE; /* out of any calendar we count in */
	sc.fill_year = sc.opt.default_year;
	if (sc.fill_year <= 0 && sc.opt.anchor != DATE_NONE)
		sc.fill_year = date_to_ymd(sc.opt.anchor).year;
	if (sc.fill_year < 1 || sc.fill_year > 9998)
		sc.fill_year = 0;
	if (!text)
		return 0;
	tokens_cut(&sc.tk, text, len);

	size_t found = 0, lo = 0, k = 0;
	while (k < sc.tk.n) {
		struct deadline d;
		struct atom a;
		size_t te = k;
		bool hit = false;
		if (recurring_at(&sc, k, lo, &te, &d) || ongoing_at(&sc, k, &te, &d)) {
			hit = true;
		} else if (half_atom(&sc, k, &a)) {
			te = a.te;
			hit = resolve_date(&sc, &a, lo, &d);
		} else if (relative_at(&sc, k, lo, &te, &d)) {
			hit = true;
		} else if (date_at(&sc, k, &a)) {
			te = a.te;
			hit = resolve_date(&sc, &a, lo, &d);
		}
		if (te == k) {
			k++;
			continue;
		}
		if (hit) {
			if (found < max)
				out[found] = d;
			found++;
		}
		k = lo = te;
	}
	tokens_release(&sc.tk);
	return found;
}

/* ---- pick ----------------------------------------------------- */

static int rank(const struct deadline *d)
{
	if (d->due != DATE_NONE && d->kind != DEADLINE_RECURRING)
		return d->precision == PRECISION_DAY ? 0 : 1;
	switch (d->kind) {
	case DEADLINE_RECURRING:
		return 2;
	case DEADLINE_RELATIVE:
		return 3;
	case DEADLINE_ONGOING:
		return 4;
	case DEADLINE_DATE:
		break;
	}
	return 5;
}

bool deadline_pick(const char *text, size_t len, const struct deadline_options *opt, struct deadline *out)
{
	size_t n = deadline_find_all(text, len, opt, NULL, 0);
	if (n == 0)
		return false;
	struct deadline *all = xmalloc(n * sizeof *all);
	deadline_find_all(text, len, opt, all, n);
	const struct deadline *best = &all[0];
	for (size_t i = 1; i < n; i++) {
		const struct deadline *d = &all[i];
		int rd = rank(d), rb = rank(best);
		if (rd < rb || (rd == rb && rd <= 1 &&
				(d->due < best->due || (d->due == best->due && d->precision < best->precision))))
			best = d;
	}
	*out = *best;
	free(all);
	return true;
}
