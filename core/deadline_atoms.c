#include "core/deadline_atoms.h"

#include <stdint.h>

/* Token k is a year: 4 digits not glued to a symbol and not opening a range
 * ("2024-2025", "2024 - 2025"). Returns 1 with *y, 0 when k holds no number,
 * -1 when it holds one that is not a year (the phrase then is no date). */
int year_at(const struct scan *sc, size_t k, int *y)
{
	if (!tokens_is_num(&sc->tk, k))
		return 0;
	if (sc->tk.t[k].ndig != 4 || sc->tk.t[k].num < 1000)
		return -1;
	size_t f = k + 1;
	if (tokens_glued(&sc->tk, f) && (sc->tk.t[f].type != T_PUNCT || sc->tk.t[f].ch == '/'))
		return -1;
	if (tokens_is_punct(&sc->tk, f, '-') && tokens_is_num(&sc->tk, f + 1) && sc->tk.t[f + 1].ndig == 4)
		return -1;
	*y = sc->tk.t[k].num;
	return 1;
}

/* An optional year after a month or quarter at token k: "/2024" glued, or
 * "năm 2024". Sets *end past it. Returns false when something there looks
 * like a year but is not one ("/24", "năm 2024-2025"). */
static bool opt_year(const struct scan *sc, size_t k, int *y, size_t *end)
{
	*y = 0;
	*end = k;
	if (tokens_is_punct(&sc->tk, k, '/') && tokens_glued(&sc->tk, k)) {
		if (!tokens_glued(&sc->tk, k + 1) || year_at(sc, k + 1, y) != 1)
			return false;
		*end = k + 2;
		return true;
	}
	if (tokens_glued(&sc->tk, k) && sc->tk.t[k].type != T_PUNCT)
		return false; /* "7x" */
	if (tokens_word_is(&sc->tk, k, "năm")) {
		int r = year_at(sc, k + 1, y);
		if (r < 0)
			return false;
		if (r == 1)
			*end = k + 2;
		else if (tokens_word_is(&sc->tk, k + 1, "nay")) {
			*y = sc->fill_year > 0 ? sc->fill_year : -1;
			*end = k + 2;
		}
	}
	return true;
}

static int days_in(int y, int m)
{
	return date_days_in_month(y > 0 ? y : 2024, m); /* no year: allow 29/2 */
}

/* Day d of month m of year y (0: none given) as the atom of tokens [ts, te),
 * when it is a day of the calendar. */
static bool day_at(struct atom *a, int y, int m, int d, size_t ts, size_t te)
{
	if (m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return false;
	a->type = A_DAY;
	a->y = y, a->m = m, a->d = d;
	a->year_given = y > 0;
	a->ts = ts;
	a->te = te;
	return true;
}

/* d/m/yyyy, d.m.yyyy, d-m-yyyy or d/m at token k, all glued together and not
 * part of a longer number or document symbol. */
static bool numeric_date(const struct scan *sc, size_t k, struct atom *a)
{
	const struct tok *t = sc->tk.t;
	if (!tokens_small_num(&sc->tk, k, 2))
		return false;
	if (k > 0 && t[k].glued) {
		const struct tok *p = &t[k - 1];
		if (p->type != T_PUNCT || p->ch == '/' || p->ch == '.' || p->ch == ',')
			return false;
		/* "1954-07/5/2024" is a range; "QĐ-12/5" is a symbol */
		if (p->ch == '-' && p->glued && k >= 2 && t[k - 2].type != T_NUM)
			return false;
	}
	size_t sp = k + 1;
	if (!(tokens_is_punct(&sc->tk, sp, '/') || tokens_is_punct(&sc->tk, sp, '.') || tokens_is_punct(&sc->tk, sp, '-')) || !tokens_glued(&sc->tk, sp) ||
	    !tokens_glued(&sc->tk, sp + 1) || !tokens_small_num(&sc->tk, sp + 1, 2))
		return false;
	uint32_t sep = t[sp].ch;
	int d = t[k].num, m = t[sp + 1].num, y = 0;
	size_t e = sp + 2;
	if (tokens_is_punct(&sc->tk, e, sep) && tokens_glued(&sc->tk, e) && tokens_is_num(&sc->tk, e + 1) && tokens_glued(&sc->tk, e + 1)) {
		if (t[e + 1].ndig != 4 || t[e + 1].num < 1000)
			return false;
		y = t[e + 1].num;
		e += 2;
	} else if (sep != '/') {
		return false;
	}
	if (e < sc->tk.n && t[e].glued) {
		const struct tok *f = &t[e];
		if (f->type != T_PUNCT || f->ch == '/' || f->ch == '%')
			return false;
		if (tokens_glued(&sc->tk, e + 1) && t[e + 1].type != T_PUNCT && !(f->ch == '-' && t[e + 1].type == T_NUM))
			return false; /* "1/5,5", "1/5.3", "1/5-QĐ" */
	}
	return day_at(a, y, m, d, k, e);
}

/* [ngày] d/m[/yyyy] or ngày d tháng m [năm yyyy]. */
bool day_atom(const struct scan *sc, size_t k, struct atom *a)
{
	if (numeric_date(sc, k, a))
		return true;
	if (!tokens_word_is(&sc->tk, k, "ngày"))
		return false;
	if (numeric_date(sc, k + 1, a)) {
		a->ts = k;
		return true;
	}
	if (!tokens_small_num(&sc->tk, k + 1, 2) || !tokens_word_is(&sc->tk, k + 2, "tháng") || !tokens_small_num(&sc->tk, k + 3, 2))
		return false;
	int d = sc->tk.t[k + 1].num, m = sc->tk.t[k + 3].num, y;
	size_t e;
	if (!opt_year(sc, k + 4, &y, &e) || y < 0)
		return false;
	return day_at(a, y, m, d, k, e);
}

/* tháng m [/yyyy | năm yyyy], not "6 tháng" (a length of time); a range of
 * months "tháng 11 - 12/2025" is its last month. */
bool month_atom(const struct scan *sc, size_t k, struct atom *a)
{
	if (!tokens_word_is(&sc->tk, k, "tháng") || (k > 0 && sc->tk.t[k - 1].type == T_NUM))
		return false;
	if (!tokens_small_num(&sc->tk, k + 1, 2) || tokens_glued(&sc->tk, k + 1))
		return false;
	int m = sc->tk.t[k + 1].num, y;
	size_t e, at = k + 2;
	if (tokens_is_punct(&sc->tk, at, '-') && tokens_small_num(&sc->tk, at + 1, 2) &&
	    sc->tk.t[at + 1].num > m && sc->tk.t[at + 1].num <= 12) {
		m = sc->tk.t[at + 1].num;
		at += 2;
	}
	if (m < 1 || m > 12 || !opt_year(sc, at, &y, &e) || y < 0)
		return false;
	a->type = A_MONTH;
	a->m = m, a->y = y, a->d = 0;
	a->year_given = y > 0;
	a->ts = k;
	a->te = e;
	return true;
}

/* The quarter number at token k: I..IV or 1..4. */
static int quarter_num(const struct scan *sc, size_t k)
{
	static const char *const roman[] = { "i", "ii", "iii", "iv" };
	for (int q = 0; q < 4; q++)
		if (tokens_word_is(&sc->tk, k, roman[q]))
			return q + 1;
	if (tokens_small_num(&sc->tk, k, 1) && sc->tk.t[k].num >= 1 && sc->tk.t[k].num <= 4)
		return sc->tk.t[k].num;
	return 0;
}

/* quý q [/yyyy | -yyyy | năm yyyy]; a range of quarters is its last. */
bool quarter_atom(const struct scan *sc, size_t k, struct atom *a)
{
	if (!tokens_word_is(&sc->tk, k, "quý") && !tokens_word_is(&sc->tk, k, "quí"))
		return false;
	int q = quarter_num(sc, k + 1), y;
	size_t e;
	if (!q || tokens_glued(&sc->tk, k + 1))
		return false;
	size_t at = k + 2;
	if (tokens_is_punct(&sc->tk, at, '-') && quarter_num(sc, at + 1) > q) {
		q = quarter_num(sc, at + 1); /* "Quý I-II/2025": the range's last */
		at += 2;
	}
	if (tokens_is_punct(&sc->tk, at, '-') && tokens_glued(&sc->tk, at) && tokens_glued(&sc->tk, at + 1) &&
	    year_at(sc, at + 1, &y) == 1)
		e = at + 2; /* "Quý IV-2025" */
	else if (!opt_year(sc, at, &y, &e) || y < 0)
		return false;
	a->type = A_QUARTER;
	a->m = q, a->y = y, a->d = 0;
	a->year_given = y > 0;
	a->ts = k;
	a->te = e;
	return true;
}

/* 6 tháng đầu/cuối năm [yyyy]. */
bool half_atom(const struct scan *sc, size_t k, struct atom *a)
{
	bool six = (tokens_small_num(&sc->tk, k, 2) && sc->tk.t[k].num == 6) || tokens_word_is(&sc->tk, k, "sáu");
	if (!six || !tokens_word_is(&sc->tk, k + 1, "tháng"))
		return false;
	int h = tokens_word_is(&sc->tk, k + 2, "đầu") ? 1 : tokens_word_is(&sc->tk, k + 2, "cuối") ? 2 : 0;
	if (!h || !tokens_word_is(&sc->tk, k + 3, "năm"))
		return false;
	int y = 0;
	size_t e = k + 4;
	int r = year_at(sc, e, &y);
	if (r < 0)
		return false;
	if (r == 1)
		e++;
	a->type = A_HALF;
	a->m = h, a->y = y, a->d = 0;
	a->year_given = y > 0;
	a->ts = k;
	a->te = e;
	return true;
}

/* năm yyyy, năm nay. */
bool year_atom(const struct scan *sc, size_t k, struct atom *a)
{
	if (!tokens_word_is(&sc->tk, k, "năm"))
		return false;
	int y;
	if (year_at(sc, k + 1, &y) != 1) {
		if (!tokens_word_is(&sc->tk, k + 1, "nay") || sc->fill_year <= 0)
			return false;
		y = sc->fill_year;
	}
	a->type = A_YEAR;
	a->y = y, a->m = a->d = 0;
	a->year_given = true;
	a->ts = k;
	a->te = k + 2;
	return true;
}

/* đầu/giữa/cuối tháng m [năm], đầu/giữa/cuối năm [yyyy], cuối quý q [năm]
 * (Civil Code Art. 146). */
bool part_atom(const struct scan *sc, size_t k, struct atom *a)
{
	enum part p;
	if (tokens_word_is(&sc->tk, k, "đầu"))
		p = PART_START;
	else if (tokens_word_is(&sc->tk, k, "giữa"))
		p = PART_MIDDLE;
	else if (tokens_word_is(&sc->tk, k, "cuối"))
		p = PART_END;
	else
		return false;
	struct atom in;
	if (month_atom(sc, k + 1, &in) || (p == PART_END && quarter_atom(sc, k + 1, &in))) {
		*a = in;
	} else if (tokens_word_is(&sc->tk, k + 1, "năm")) {
		int y = 0;
		size_t e = k + 2;
		int r = year_at(sc, e, &y);
		if (r < 0)
			return false;
		if (r == 1)
			e++;
		else if (tokens_word_is(&sc->tk, e, "nay") && sc->fill_year > 0)
			y = sc->fill_year, e++;
		a->y = y;
		a->m = a->d = 0;
		a->year_given = y > 0;
		a->te = e;
		a->type = A_YEAR;
	} else {
		return false;
	}
	a->of = a->type;
	a->type = A_PART;
	a->part = p;
	a->ts = k;
	return true;
}
