/* deadline: the deadline phrases of Vietnamese administrative documents.
 *
 * deadline_find_all() reads one sentence or paragraph (UTF-8, NFC: the caller
 * normalises) and returns every deadline expression in it, in text order: a
 * date ("trước ngày 14/5/2024", "hết quý III", "cuối tháng 6"), work with no
 * deadline ("thường xuyên"), a relative period ("trong 10 ngày làm việc kể từ
 * ngày nhận được văn bản này") or a recurring rule ("trước ngày 15 hằng
 * tháng", "định kỳ hằng quý"). Each comes with its due date, its precision,
 * and the byte span of the words it came from. Nothing here allocates memory
 * that outlives a call, prints, or reads the clock.
 *
 * What is NOT a deadline, and is never returned:
 * - references: a date after a document number ("Tờ trình số 759/TTr-STTT
 *   ngày 23/4/2024", "Nghị quyết số 111/2024/QH15 ngày 18/01/2024"), the first
 *   date of a range ("07/5/1954" in "(07/5/1954-07/5/2024)", "từ ngày 1/5"),
 *   dates introduced by "từ", "kể từ", "tính đến", "so với", "sau";
 * - anything that falls due before opt->anchor (the document date): past
 *   events such as "Ngày 24/4/2024, Ủy ban nhân dân tỉnh tổ chức phiên họp";
 * - horizons: "đến năm 2030", "tầm nhìn đến năm 2045", year ranges
 *   ("giai đoạn 2026–2030" has no date at all);
 * - numbers that are not valid dates: "8,5%", "13/43", "31/2/2024", "32/5",
 *   "quý V", document symbols such as "12/5/2024/QĐ".
 *
 * When a bare date is a deadline. A "deadline word" directly before the date
 * makes it one: trước, xong trước, hoàn thành trước, chậm nhất (là/vào),
 * muộn nhất, không quá, hạn, thời hạn, hạn chót, trong, hết, đến, đến hết;
 * and a label with a colon ("Thời hạn hoàn thành: năm 2024", "Tiến độ:");
 * "đầu/giữa/cuối" are deadline words themselves. Without one:
 * - a full day date (14/5/2024, ngày 14 tháng 5 năm 2024) is a deadline when
 *   it falls strictly after the anchor (so the document's own date is not);
 * - a month, quarter or half-year with its year ("(tháng 7/2024)", "quý
 *   III/2024") is a deadline when the period starts strictly after the anchor:
 *   "phiên họp thường kỳ tháng 4 năm 2024" in a notice of 25/4/2024 names the
 *   current month, it does not set a deadline;
 * - a bare year ("kỳ thi tốt nghiệp THPT năm 2024", "năm 2023") never is:
 *   years name plans and reporting periods far more often than deadlines;
 * - a date without a year ("30/4", "tháng 5") never is: such dates name
 *   holidays and anniversaries ("dịp nghỉ lễ 30/4 và 1/5").
 * With anchor == DATE_NONE the "after the anchor" tests pass.
 *
 * Readings (Civil Code 2015, Art. 146–148):
 * - "đầu/giữa/cuối tháng M" is day 1, day 15, the last day of M; "đầu/giữa/
 *   cuối năm" is 1/1, 30/6, 31/12; "cuối quý" is the quarter's last day. These
 *   have day precision (quarter precision for "cuối quý").
 * - "trước ngày X": due X by default, which is how the secretariat tracks it
 *   (the fixture's hand-checked reading says 2024-05-14 for "trước ngày
 *   14/5/2024"); with before_means_day_before, due the day before X. It also
 *   applies to "trước ngày 15 hằng tháng". "trước tháng 7" / "trước quý III" /
 *   "trước năm 2025" always mean the end of the previous period.
 * - A period (month, quarter, half-year, year) falls due on its last day.
 * - A missing year is opt->default_year, or the anchor's year when that is 0;
 *   when the result would be before the anchor it is read as next year
 *   ("trước ngày 10/01" in a notice of 20/12/2024 is 10/01/2025).
 *   With neither a default year nor an anchor, year-less phrases are skipped.
 * - Relative periods count from the day after the anchor event. The event
 *   ("kể từ ngày nhận được văn bản này", "kể từ ngày ký") is taken to be
 *   opt->anchor, unless the phrase names a date ("kể từ ngày 2/5/2024").
 *   Calendar days, weeks and months end on the matching day (a month without
 *   it: its last day) and move to the next working day when that is not one;
 *   working days count only working days. With no anchor, due is DATE_NONE.
 * - Recurring deadlines carry an RFC 5545 RRULE whose DTSTART must be `due`,
 *   the first occurrence on or after the anchor (DATE_NONE without anchor):
 *     "ngày N hằng tháng"    FREQ=MONTHLY;BYMONTHDAY=N   (N = 31: -1)
 *     "hằng tháng"           FREQ=MONTHLY;BYMONTHDAY=-1
 *     "hằng quý"             FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1
 *     "định kỳ 6 tháng"      FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1
 *     "hằng năm"             FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31
 *     "ngày 30/6 hằng năm"   FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30
 *     "hằng tuần"            FREQ=WEEKLY;BYDAY=FR ("thứ Hai hằng tuần": MO)
 *   ("hàng" is accepted for "hằng"; periods are due on their last day, so the
 *   INTERVAL rules only work from that DTSTART.) "hằng ngày" is not a deadline.
 *   A period named alone ("hằng năm", "hằng tháng") is a deadline only where
 *   something is reported or sent in the same clause ("báo cáo … hằng năm");
 *   "ngân sách hằng năm", "kế hoạch 5 năm và hằng năm" name no deadline.
 * - "đầu/cuối năm" after a noun ("dự toán đầu năm 2026", "những tháng cuối
 *   năm 2025") says which budget or months, not when.
 * - A year-less date that has passed at the anchor is next year's ("trước
 *   ngày 05/7" in a letter of 10/7/2026 is 05/7/2027), and so is one whose
 *   year the sentence exempts ("… trước ngày 05/7 (riêng năm 2026 …)").
 */
#ifndef HANCHOT_DEADLINE_H
#define HANCHOT_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/task.h"

enum deadline_kind {
	DEADLINE_DATE,      /* a day or a period: due is set */
	DEADLINE_ONGOING,   /* "thường xuyên": no due date, precision none */
	DEADLINE_RELATIVE,  /* "trong 10 ngày làm việc": count + unit */
	DEADLINE_RECURRING, /* "hằng quý": rule, due = first occurrence */
};

enum deadline_unit {
	DEADLINE_UNIT_NONE,
	DEADLINE_DAYS,         /* calendar days */
	DEADLINE_WORKING_DAYS,
	DEADLINE_WEEKS,
	DEADLINE_MONTHS,
};

#define DEADLINE_RULE_MAX 64

struct deadline {
	enum deadline_kind kind;
	civil_day due;                 /* DATE_NONE when not known */
	enum due_precision precision;  /* PRECISION_NONE when due is DATE_NONE */
	size_t start, end;             /* byte span [start, end) in the text */
	bool bare;                     /* DATE: no deadline word before it ("… (07/5/2024)"): it may
					* be an event's or a cited document's date */
	/* RELATIVE: the period ("10" DEADLINE_WORKING_DAYS). RECURRING: every
	 * `count` units (MONTHS 1, 3, 6, 12 or WEEKS 1). Otherwise 0 / NONE. */
	int count;
	enum deadline_unit unit;
	/* RECURRING: day of the month (1..31, -1 the last) for MONTHS, day of the
	 * week (enum weekday) for WEEKS. Otherwise 0. */
	int day;
	int month;                     /* RECURRING yearly on a day ("30/6 hằng năm"): 1..12; else 0 */
	char rule[DEADLINE_RULE_MAX];  /* RECURRING: RRULE value; else "" */
};

struct deadline_options {
	int default_year;     /* fills a missing year; 0: the anchor's year */
	civil_day anchor;     /* document date; DATE_NONE (or past 9000): unknown */
	bool before_means_day_before; /* "trước ngày X" due X-1 (default: X) */
	/* text is a deadline field ("Thời gian hoàn thành: …"): a dated deadline
	 * before the anchor is kept (a plan issued after one of its dates) */
	bool field;
	/* without an anchor: a date before this one (the latest the document
	 * cites) is a reference, not a deadline; DATE_NONE: none */
	civil_day not_before;
	/* Whether d is a working day; NULL: Monday to Friday. */
	bool (*is_working_day)(void *ctx, civil_day d);
	void *ctx;
};

/* Defaults: no default year, no anchor, "trước ngày X" due X, not a field,
 * no not_before, Mon–Fri. */
void deadline_options_init(struct deadline_options *opt);

/* Finds the deadlines in text[0, len) (need not be NUL-terminated), in text
 * order, and stores the first `max` of them in out (out may be NULL when max
 * is 0). opt NULL means the defaults. Returns how many there are, which may
 * exceed max. Never fails: text that holds no deadline gives 0. */
size_t deadline_find_all(const char *text, size_t len, const struct deadline_options *opt,
			 struct deadline *out, size_t max);

/* The one deadline that governs a task paragraph, into *out:
 * 1. the earliest day-precision date (kind DATE or resolved RELATIVE);
 * 2. else the earliest other dated one (month, quarter, half-year, year;
 *    at equal dates the finer precision);
 * 3. else the first RECURRING, 4. else the first unresolved RELATIVE,
 * 5. else ONGOING.
 * Returns false (and leaves *out alone) when the text has no deadline. */
bool deadline_pick(const char *text, size_t len, const struct deadline_options *opt,
		   struct deadline *out);

#endif
