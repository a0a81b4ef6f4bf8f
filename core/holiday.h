/* holiday: Vietnam's public holidays, computed and announced.
 *
 * A holiday calendar answers "is this day a listed day off, or a make-up
 * working day, and what is it called?". It has two sources:
 *
 * Computed rules (Labor Code 2019, Art. 112), used for every year that no
 * loaded file announces:
 *   - 1/1 Tết Dương lịch;
 *   - Tết Nguyên đán, 5 days: the law lets the government place them each
 *     year; by default the last day of the lunar year and mùng 1–4;
 *   - Giỗ Tổ Hùng Vương, 10/3 of the lunar year;
 *   - 30/4 Ngày Chiến thắng and 1/5 Ngày Quốc tế Lao động;
 *   - 2/9 Quốc khánh plus one adjoining day: the law says "the day before or
 *     after" and since 2021 the government picks it each year; by default we
 *     take the day before, 1/9;
 *   - `yearly` lines of the loaded files (e.g. 24/11 Ngày Văn hóa Việt Nam);
 *   - a substitute day off (nghỉ bù) on the next working day for each of the
 *     above that falls on a Saturday or Sunday (Art. 112(3)).
 * Announced data, read from tab-separated files (config/holidays.tsv documents
 * the format in its header): one line per day, `DATE<TAB>KIND<TAB>NAME`,
 * KIND being `off` (a day off), `work` (a make-up working day, ngày làm bù),
 * `extra` (a day off added on top of whatever the year has, without making
 * the year announced) or `yearly` (a holiday every year on DATE's day and
 * month from DATE's year on, added to the computed rules). A year with any
 * `off` or `work` line is announced: those lines REPLACE the computed rules
 * for that year, since the government's notice is the truth. Several files
 * can be loaded; a later line for the same date (or the same day and month,
 * for `yearly`) replaces the earlier one, so a user's file adds to and
 * overrides the shipped one.
 *
 * Ordinary weekends are not listed: workday.h combines the two. Lookups are
 * fast: each year's days are computed once, on first use, and cached inside
 * the calendar (hence the const functions below may fill that cache; core/
 * has no threads). Years outside LUNAR_MIN_YEAR..LUNAR_MAX_YEAR have no
 * holidays. */
#ifndef HANCHOT_HOLIDAY_H
#define HANCHOT_HOLIDAY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

struct holiday_calendar;

enum holiday_kind {
	HOLIDAY_NONE, /* not listed: an ordinary weekday or weekend */
	HOLIDAY_OFF,  /* a day off: holiday, nghỉ bù, or announced */
	HOLIDAY_WORK, /* a make-up working day (ngày làm bù), usually a Saturday */
};

enum holiday_source {
	HOLIDAY_COMPUTED,  /* from the rules (built in, or a `yearly` file line) */
	HOLIDAY_ANNOUNCED, /* a dated line of a loaded file (`off`, `work`, `extra`) */
};

#define HOLIDAY_LUNAR_BUF 32

/* One listed day of a year. */
struct holiday_day {
	civil_day day;
	enum holiday_kind kind;     /* HOLIDAY_OFF or HOLIDAY_WORK */
	enum holiday_source source;
	bool substitute;            /* a computed nghỉ bù day */
	const char *name;           /* "Tết Nguyên đán", "Nghỉ bù Quốc khánh" … */
	const char *file;           /* file (as named when loaded) of a file line, else NULL */
	int line;                   /* its line number, else 0 */
	/* The lunar date for days in the Tết season and Giỗ Tổ, else "":
	 * "27 tháng Chạp", "30 Tết" / "29 Tết" (the last day of the lunar year),
	 * "mùng 1 Tết" … "mùng 10 Tết", "10/3 âm lịch". */
	char lunar[HOLIDAY_LUNAR_BUF];
};

/* A calendar with the computed rules only. The caller frees it with
 * holiday_calendar_free() (NULL is fine). Cannot fail (OOM is fatal). */
struct holiday_calendar *holiday_calendar_new(void);
void holiday_calendar_free(struct holiday_calendar *cal);

/* Adds a holidays file. Returns 0, or -1 with a message naming the file (and
 * the line and what is wrong with it: "config/holidays.tsv:12: kind 'of' is
 * not off, work, extra or yearly"); on error the calendar is unchanged.
 * Invalidates every pointer the calendar handed out before. */
int holiday_calendar_load(struct holiday_calendar *cal, const char *path, char *err);
/* The same for text already in memory; name_for_errors names it in messages
 * and in holiday_day.file. */
int holiday_calendar_load_text(struct holiday_calendar *cal, const char *text,
			       const char *name_for_errors, char *err);

/* What the calendar lists for a day: HOLIDAY_NONE, _OFF or _WORK. When out
 * is not NULL and the day is listed, *out describes it (its strings belong to
 * the calendar, valid until the next load or free). */
enum holiday_kind holiday_lookup(const struct holiday_calendar *cal, civil_day day,
				 struct holiday_day *out);

/* The listed days of a year (days off and make-up working days), by date.
 * Copies at most max of them into out (out may be NULL when max is 0) and
 * returns how many there are in all, so a caller can size its array. */
size_t holiday_list_year(const struct holiday_calendar *cal, int year, struct holiday_day *out,
			 size_t max);
/* The same without copying: *days points into the calendar's cache, valid
 * until the next load or free. Returns the count. */
size_t holiday_year_days(const struct holiday_calendar *cal, int year,
			 const struct holiday_day **days);

#endif
