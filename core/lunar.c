#include "core/lunar.h"

#include <math.h>
#include <stdio.h>

#include "core/err.h"
#include "core/i18n.h"

/* Vietnam's time zone, in hours east of Greenwich. */
#define TZ_HOURS 7.0
/* Julian day number of 1970-01-01 (civil day 0). */
#define JDN_EPOCH 2440588
/* Mean synodic month and the Julian day of the mean new moon that starts
 * Meeus's lunation count (k = 0, January 1900). */
#define SYNODIC 29.530588853
#define LUNATION0 2415021.076998695

static const double PI = 3.14159265358979323846;

/* Julian day (with fraction, UT) of the k-th new moon after January 1900:
 * Meeus, Astronomical Algorithms, ch. 49 (the short series). */
static double new_moon_jd(int k)
{
	double T = k / 1236.85;
	double T2 = T * T, T3 = T2 * T;
	double dr = PI / 180;
	double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
	jd += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
	double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
	double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
	double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
	double c = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
	c += -0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
	c += -0.0004 * sin(dr * 3 * Mpr);
	c += 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
	c += -0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
	c += -0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
	c += 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
	double delta_t; /* ΔT in days */
	if (T < -11)
		delta_t = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 -
			  0.000000081 * T * T3;
	else
		delta_t = -0.000278 + 0.000265 * T + 0.000262 * T2;
	return jd + c - delta_t;
}

/* Civil day (local date in UTC+7) on which the k-th new moon falls. */
static civil_day new_moon_day(int k)
{
	return (civil_day)(floor(new_moon_jd(k) + 0.5 + TZ_HOURS / 24) - JDN_EPOCH);
}

/* Which 30° sector (0..11) the sun's apparent longitude is in at local
 * midnight starting `day`; sector 9 begins at the winter solstice (270°). */
static int sun_sector(civil_day day)
{
	double jd = (double)day + JDN_EPOCH - 0.5 - TZ_HOURS / 24;
	double T = (jd - 2451545.0) / 36525;
	double T2 = T * T;
	double dr = PI / 180;
	double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
	double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
	double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
	DL += (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
	double L = (L0 + DL) * dr;
	L -= 2 * PI * floor(L / (2 * PI));
	return (int)floor(L / PI * 6);
}

/* Lunation index of the new moon nearest to `day`. */
static int lunation_near(civil_day day)
{
	return (int)floor(((double)day + JDN_EPOCH - LUNATION0) / SYNODIC + 0.5);
}

/* First day of lunar month 11 (the month holding the winter solstice) of the
 * lunar year that ends in solar year `year`. */
static civil_day month11_start(int year)
{
	civil_day dec31 = date_from_ymd(year, 12, 31);
	int k = (int)floor(((double)dec31 + JDN_EPOCH - 2415021) / SYNODIC);
	civil_day nm = new_moon_day(k);
	if (sun_sector(nm) >= 9) /* that new moon is past the solstice */
		nm = new_moon_day(k - 1);
	return nm;
}

/* The months from month 11 of lunar year `year - 1` (inclusive) to month 11 of
 * `year` (exclusive): 12 or 13 of them. Index 0 is month 11, 1 is month 12,
 * 2 is month 1 of `year` and so on; in a 13-month span the month at index
 * `leap` is the leap copy of the month before it. */
struct span {
	int year;
	int count;          /* 12 or 13 */
	int leap;           /* index of the leap month, 0 when none */
	civil_day start[14]; /* start[count] is the next month 11 */
};

static void span_build(int year, struct span *s)
{
	civil_day a = month11_start(year - 1);
	civil_day b = month11_start(year);
	int k = lunation_near(a);
	s->year = year;
	s->count = b - a > 365 ? 13 : 12;
	for (int j = 0; j < s->count; j++)
		s->start[j] = new_moon_day(k + j);
	s->start[0] = a;
	s->start[s->count] = b;
	s->leap = 0;
	if (s->count == 13) {
		/* The first month with no major solar term: the sun stays in one
		 * sector from its first day to the next month's first day. */
		s->leap = 12;
		for (int j = 1; j < 13; j++)
			if (sun_sector(s->start[j]) == sun_sector(s->start[j + 1])) {
				s->leap = j;
				break;
			}
	}
}

/* One-entry cache: day-by-day scans stay within one span. */
static const struct span *span_get(int year)
{
	static struct span cache;
	static bool valid;
	if (!valid || cache.year != year) {
		span_build(year, &cache);
		valid = true;
	}
	return &cache;
}

static bool year_in_range(int y)
{
	return y >= LUNAR_MIN_YEAR && y <= LUNAR_MAX_YEAR;
}

int lunar_from_solar(civil_day day, struct lunar_date *out)
{
	if (day == DATE_NONE || day < date_from_ymd(LUNAR_MIN_YEAR, 1, 1) ||
	    day > date_from_ymd(LUNAR_MAX_YEAR, 12, 31))
		return -1;
	int y = date_to_ymd(day).year;
	const struct span *s = span_get(y);
	if (day >= s->start[s->count])
		s = span_get(y + 1);
	int j = 0;
	while (j + 1 < s->count && s->start[j + 1] <= day)
		j++;
	int base = s->leap && j >= s->leap ? j - 1 : j; /* 0 = month 11 */
	out->month = (base + 10) % 12 + 1;
	out->year = base < 2 ? s->year - 1 : s->year;
	out->day = (int)(day - s->start[j]) + 1;
	out->leap = s->leap != 0 && j == s->leap;
	return 0;
}

/* Index within span of (month, leap), or -1 when there is no such month. */
static int span_index(const struct span *s, int month, bool leap)
{
	int base = (month + 1) % 12; /* month 11 -> 0, 12 -> 1, 1 -> 2 … */
	if (leap)
		return s->leap && s->leap - 1 == base ? s->leap : -1;
	return s->leap && base >= s->leap ? base + 1 : base;
}

/* The span holding lunar (year, month) (months 11 and 12 belong to the
 * next span). */
static const struct span *span_of_month(int year, int month)
{
	return span_get(month >= 11 ? year + 1 : year);
}

int lunar_to_solar(int lunar_year, int lunar_month, int lunar_day, bool leap_month,
		   civil_day *out, char *err)
{
	const char *nhuan = leap_month ? " nhuận" : "";
	if (!year_in_range(lunar_year))
		return err_set(err, VI ? "năm âm lịch %d nằm ngoài khoảng %d-%d" : "lunar year %d is out of range (%d-%d)", lunar_year,
			       LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
	if (lunar_month < 1 || lunar_month > 12)
		return err_set(err, VI ? "không có tháng âm lịch %d" : "lunar month %d does not exist", lunar_month);
	const struct span *s = span_of_month(lunar_year, lunar_month);
	int j = span_index(s, lunar_month, leap_month);
	if (j < 0) {
		int lm = lunar_leap_month(lunar_year);
		if (lm)
			return err_set(err, VI ? "năm âm lịch %d không có tháng %d nhuận (tháng nhuận là tháng %d)"
				       : "lunar year %d has no leap month %d (its leap month is %d)",
				       lunar_year, lunar_month, lm);
		return err_set(err, VI ? "năm âm lịch %d không có tháng %d nhuận (năm này không có tháng nhuận)"
				       : "lunar year %d has no leap month %d (it has no leap month)",
			       lunar_year, lunar_month);
	}
	int len = (int)(s->start[j + 1] - s->start[j]);
	if (lunar_day < 1 || lunar_day > len)
		return err_set(err, VI ? "không có ngày âm lịch %d/%d%s/%d: tháng này có %d ngày"
			       : "lunar date %d/%d%s/%d does not exist: the month has %d days",
			       lunar_day, lunar_month, nhuan, lunar_year, len);
	*out = s->start[j] + lunar_day - 1;
	return 0;
}

int lunar_leap_month(int lunar_year)
{
	if (!year_in_range(lunar_year))
		return 0;
	/* A leap 1..10 of `lunar_year` sits in span lunar_year at index 3..12; a
	 * leap 11 or 12 sits in span lunar_year + 1 at index 1 or 2. */
	const struct span *s = span_get(lunar_year);
	if (s->leap >= 3) /* index 3 is leap 1 … index 12 is leap 10 */
		return s->leap - 2;
	s = span_get(lunar_year + 1);
	if (s->leap == 1 || s->leap == 2) /* leap 11 / leap 12 */
		return s->leap + 10;
	return 0;
}

civil_day lunar_new_year(int lunar_year)
{
	civil_day d;
	return lunar_to_solar(lunar_year, 1, 1, false, &d, NULL) == 0 ? d : DATE_NONE;
}

