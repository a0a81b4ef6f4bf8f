#include "core/workday.h"

#include "core/lunar.h"

static bool is_weekend(civil_day d)
{
	enum weekday w = date_weekday(d);
	return w == SATURDAY || w == SUNDAY;
}

bool workday_is_working(const struct holiday_calendar *cal, civil_day d)
{
	if (d == DATE_NONE)
		return false;
	switch (cal ? holiday_lookup(cal, d, NULL) : HOLIDAY_NONE) {
	case HOLIDAY_OFF:
		return false;
	case HOLIDAY_WORK:
		return true;
	case HOLIDAY_NONE:
		break;
	}
	return !is_weekend(d);
}

static civil_day day_min(void)
{
	return date_from_ymd(1, 1, 1);
}

static civil_day day_max(void)
{
	return date_from_ymd(9999, 12, 31);
}

civil_day workday_add(const struct holiday_calendar *cal, civil_day from, int n)
{
	if (from == DATE_NONE)
		return DATE_NONE;
	civil_day d = from, lo = day_min(), hi = day_max();
	int step = n > 0 ? 1 : -1;
	long left = n > 0 ? n : -(long)n;
	while (left > 0) {
		d += step;
		if (d < lo || d > hi)
			return DATE_NONE;
		if (workday_is_working(cal, d))
			left--;
	}
	return d;
}

/* Mondays..Fridays from a fixed Monday up to d, as a difference-friendly
 * count: weekdays in (a, b] = weekdays_to(b) - weekdays_to(a). */
static long weekdays_to(civil_day d)
{
	long x = (long)d - 4; /* day 4, 1970-01-05, was a Monday */
	long q = x >= 0 ? x / 7 : -((-x + 6) / 7);
	long r = x - 7 * q; /* 0 = Monday … 6 = Sunday */
	return 5 * q + (r < 5 ? r + 1 : 5);
}

int workday_count(const struct holiday_calendar *cal, civil_day from, civil_day to)
{
	if (from == DATE_NONE || to == DATE_NONE || from == to)
		return 0;
	if (to < from)
		return -workday_count(cal, to, from);
	long n = weekdays_to(to) - weekdays_to(from);
	if (cal) {
		int y0 = date_to_ymd(from).year, y1 = date_to_ymd(to).year;
		if (y0 < LUNAR_MIN_YEAR)
			y0 = LUNAR_MIN_YEAR;
		if (y1 > LUNAR_MAX_YEAR)
			y1 = LUNAR_MAX_YEAR;
		for (int y = y0; y <= y1; y++) {
			const struct holiday_day *days;
			size_t nd = holiday_year_days(cal, y, &days);
			for (size_t i = 0; i < nd; i++) {
				civil_day d = days[i].day;
				if (d <= from || d > to)
					continue;
				if (days[i].kind == HOLIDAY_OFF && !is_weekend(d))
					n--;
				else if (days[i].kind == HOLIDAY_WORK && is_weekend(d))
					n++;
			}
		}
	}
	return (int)n;
}
