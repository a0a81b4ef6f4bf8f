/* lunar: the Vietnamese lunar calendar (âm lịch), computed astronomically.
 *
 * Months begin on the day (in Vietnam's time zone, UTC+7) of the astronomical
 * new moon; month 11 is the month that contains the winter solstice; in a
 * lunar year of 13 months the first month after month 11 that contains no
 * major solar term (trung khí) is the leap month (tháng nhuận), numbered like
 * the month before it. This is the method Hồ Ngọc Đức published for the
 * Vietnamese calendar, using Jean Meeus's new moon and sun longitude series.
 * Because Vietnam counts days in UTC+7 and China in UTC+8, the two calendars
 * differ in some years (Tết 1985 was 21/1 in Vietnam, 20/2 in China; Tết 2007
 * was 17/2 in Vietnam, 18/2 in China).
 *
 * Lunar years LUNAR_MIN_YEAR..LUNAR_MAX_YEAR are supported (and solar days
 * from 1/1/LUNAR_MIN_YEAR to 31/12/LUNAR_MAX_YEAR). Every function is pure and
 * never fails except as documented; results are plain values the caller owns.
 * A small internal cache of the last lunar year computed makes day-by-day
 * scans cheap; core/ has no threads, so it is not locked. */
#ifndef HANCHOT_LUNAR_H
#define HANCHOT_LUNAR_H

#include <stdbool.h>

#include "core/date.h"

/* the accepted range of every date (core/date.h) */
#define LUNAR_MIN_YEAR DATE_MIN_YEAR
#define LUNAR_MAX_YEAR DATE_MAX_YEAR

struct lunar_date {
	int year;  /* lunar year: Tết of `year` falls in January/February of solar `year` */
	int month; /* 1..12 (month 12 is tháng Chạp, month 1 tháng Giêng) */
	int day;   /* 1..30 */
	bool leap; /* the leap copy of `month` */
};

/* The lunar date of a solar day. Returns 0, or -1 (leaving *out untouched)
 * when the day is outside the supported range. */
int lunar_from_solar(civil_day day, struct lunar_date *out);

/* The solar day of a lunar date. Returns 0, or -1 with a one-line message
 * when the date does not exist ("lunar date 30/12/2023 does not exist: month
 * 12 of 2023 has 29 days", "lunar year 2024 has no leap month 4") or is out of
 * range. err may be NULL. */
int lunar_to_solar(int lunar_year, int lunar_month, int lunar_day, bool leap_month,
		   civil_day *out, char *err);

/* The leap month of a lunar year (1..12), or 0 when the year has none or is
 * out of range. */
int lunar_leap_month(int lunar_year);

/* Mùng 1 Tết (1/1) of a lunar year; DATE_NONE when out of range. */
civil_day lunar_new_year(int lunar_year);

#endif
