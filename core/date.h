/* date: civil (calendar) days, with no time zone arithmetic.
 *
 * A civil_day counts days from 1970-01-01 (day 0, a Thursday); DATE_NONE means
 * "no date". struct civil_date is the year/month/day view of the same value.
 * All functions are pure: none reads the clock. The caller passes `today`. */
#ifndef HANCHOT_DATE_H
#define HANCHOT_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/i18n.h"

typedef int32_t civil_day;
#define DATE_NONE INT32_MIN

struct civil_date {
	int year, month, day; /* month 1..12, day 1..31 */
};

enum weekday { SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY };

bool date_is_leap(int year);
/* Days in month (1..12) of year; 0 for a month out of range. */
int date_days_in_month(int year, int month);
/* True when year 1..9999, month 1..12 and day within the month. */
bool date_valid(int year, int month, int day);

/* The one range of dates hanchot accepts, wherever a date enters it (the
 * command line, the screen's prompts, a notice's text, the database): the
 * years the lunar calendar covers (core/lunar.h), so that every accepted
 * date has working days, a countdown and a calendar entry. */
#define DATE_MIN_YEAR 1800
#define DATE_MAX_YEAR 2199
/* True when day lies in 1/1/DATE_MIN_YEAR .. 31/12/DATE_MAX_YEAR (DATE_NONE
 * is not). Cannot fail. */
bool date_in_range(civil_day day);
/* Day number of a valid date (unchecked: validate first). */
civil_day date_from_ymd(int year, int month, int day);
struct civil_date date_to_ymd(civil_day day);
enum weekday date_weekday(civil_day day);

/* Checks year/month/day, the year within the accepted range, and explains
 * what is wrong in err ("february 2024 has only 29 days", "year 9999 is outside
 * 1800-2199"). Returns 0 and sets *out, or -1. `what` names the text being
 * checked in the message. */
int date_make(int year, int month, int day, const char *what, civil_day *out, char *err);

/* Parses a whole string as one date: "14/5/2024", "07/05/2024", "2024-05-14",
 * "ngày 14 tháng 5 năm 2024" (surrounding spaces allowed). Returns 0 or -1 with
 * a one-line message naming the text. */
int date_parse(const char *text, civil_day *out, char *err);
/* date_parse, and the short forms a clerk types: "9/5" (in today's year),
 * "9/5/24" (in today's century). */
int date_parse_near(const char *text, civil_day today, civil_day *out, char *err);

/* Formats into buf (at least DATE_BUF bytes). DATE_NONE formats as "-". */
#define DATE_BUF 16
char *date_format_dmy(civil_day day, char *buf);  /* 14/05/2024 */
char *date_format_iso(civil_day day, char *buf);  /* 2024-05-14 */
/* Parses exactly "YYYY-MM-DD" (how dates are stored); DATE_NONE when invalid. */
civil_day date_parse_iso(const char *text);

/* "Thứ Hai" … "Chủ nhật" / "Monday" … "Sunday". Static strings. */
const char *date_weekday_name(enum weekday wd, enum lang lang);
/* "Thứ Ba, 14/05/2024" into buf of at least DATE_LONG_BUF bytes. */
#define DATE_LONG_BUF 48
char *date_format_long(civil_day day, enum lang lang, char *buf);

/* Last day of a month / quarter (1..4) / year. */
civil_day date_month_end(int year, int month);

#endif
