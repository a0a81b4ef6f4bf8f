#include "tests/unit/testutil.h"

#include <stdio.h>

#include "core/date.h"
#include "core/deadline.h"
#include "core/task.h"

/* Most rows are read as in the fixture notice, dated 25/4/2024 (a Thursday). */
#define DOC 20240425
#define NOANCHOR 0

static civil_day ymd(int v)
{
	if (v == 0)
		return DATE_NONE;
	return date_from_ymd(v / 10000, v / 100 % 100, v % 100);
}

static struct deadline_options opts(int anchor)
{
	struct deadline_options o;
	deadline_options_init(&o);
	o.anchor = ymd(anchor);
	return o;
}

static size_t find(const char *text, int anchor, struct deadline *out, size_t max)
{
	struct deadline_options o = opts(anchor);
	return deadline_find_all(text, strlen(text), &o, out, max);
}

static void span_is(const char *text, const struct deadline *d, const char *want)
{
	assert_true(d->start <= d->end);
	assert_true(d->end <= strlen(text));
	char got[256];
	size_t n = d->end - d->start;
	assert_true(n < sizeof got);
	memcpy(got, text + d->start, n);
	got[n] = '\0';
	assert_string_equal(got, want);
}

#define D DEADLINE_DATE
#define REL DEADLINE_RELATIVE
#define REC DEADLINE_RECURRING
#define ONG DEADLINE_ONGOING

/* Every phrase of the brief: exactly one deadline in the sentence. */
static void test_phrases(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int anchor;
		enum deadline_kind kind;
		int due;
		enum due_precision prec;
		const char *span;
	} rows[] = {
		{ "trình UBND tỉnh trước ngày 14/5/2024.", DOC, D, 20240514, PRECISION_DAY, "trước ngày 14/5/2024" },
		{ "Báo cáo chậm nhất ngày 14/5/2024", DOC, D, 20240514, PRECISION_DAY, "chậm nhất ngày 14/5/2024" },
		/* an hour between the word and the date, on the document's own day */
		{ "gửi Báo cáo về Văn phòng Chính phủ trước 17 giờ ngày 25/4/2024 để tổng hợp", DOC, D, 20240425,
		  PRECISION_DAY, "trước 17 giờ ngày 25/4/2024" },
		{ "báo cáo trước 16h00 ngày 26/4/2024", DOC, D, 20240426, PRECISION_DAY, "trước 16h00 ngày 26/4/2024" },
		{ "hoàn thành chậm nhất 10 giờ 30 phút ngày 26/4/2024", DOC, D, 20240426, PRECISION_DAY,
		  "chậm nhất 10 giờ 30 phút ngày 26/4/2024" },
		{ "Hoàn thành, xong trước 30/6", DOC, D, 20240630, PRECISION_DAY, "xong trước 30/6" },
		{ "nộp hồ sơ ngày 14 tháng 5 năm 2024", DOC, D, 20240514, PRECISION_DAY, "ngày 14 tháng 5 năm 2024" },
		{ "Trình kết quả trong tháng 5/2024;", DOC, D, 20240531, PRECISION_MONTH, "trong tháng 5/2024" },
		{ "Tổ chức hội nghị tháng 7/2024", DOC, D, 20240731, PRECISION_MONTH, "tháng 7/2024" },
		{ "Nghị quyết trình HĐND tỉnh kỳ họp thứ 21 (tháng 7/2024) đảm bảo", DOC, D, 20240731, PRECISION_MONTH, "tháng 7/2024" },
		{ "hoàn thành trong quý III/2024", DOC, D, 20240930, PRECISION_QUARTER, "trong quý III/2024" },
		/* a year after a dash, ranges of quarters and of months: the last */
		{ "Thời gian hoàn thành: Quí IV-2024.", DOC, D, 20241231, PRECISION_QUARTER, "Thời gian hoàn thành: Quí IV-2024" },
		{ "Thời gian thực hiện: Quý II-III/2024.", DOC, D, 20240930, PRECISION_QUARTER, "Thời gian thực hiện: Quý II-III/2024" },
		{ "Thời gian thực hiện: Tháng 9 - 10/2024.", DOC, D, 20241031, PRECISION_MONTH, "Thời gian thực hiện: Tháng 9 - 10/2024" },
		{ "hoàn thành trong tháng 6-7 năm 2024", DOC, D, 20240731, PRECISION_MONTH, "trong tháng 6-7 năm 2024" },
		{ "phấn đấu hết quý III, khối lượng giải ngân đạt trên 60%.", DOC, D, 20240930, PRECISION_QUARTER, "hết quý III" },
		{ "Hoàn thành quý 2 năm 2024", 20240110, D, 20240630, PRECISION_QUARTER, "quý 2 năm 2024" },
		{ "trong quý 2 năm 2024", DOC, D, 20240630, PRECISION_QUARTER, "trong quý 2 năm 2024" },
		{ "Báo cáo 6 tháng đầu năm 2024", 20231215, D, 20240630, PRECISION_HALF_YEAR, "6 tháng đầu năm 2024" },
		{ "trong 6 tháng đầu năm 2024", DOC, D, 20240630, PRECISION_HALF_YEAR, "trong 6 tháng đầu năm 2024" },
		{ "triển khai trong 6 tháng cuối năm", DOC, D, 20241231, PRECISION_HALF_YEAR, "trong 6 tháng cuối năm" },
		{ "hoàn thành trong năm 2024", DOC, D, 20241231, PRECISION_YEAR, "trong năm 2024" },
		{ "Xong trước 30/4.", DOC, D, 20240430, PRECISION_DAY, "Xong trước 30/4" },
		{ "chậm nhất 30/4", DOC, D, 20240430, PRECISION_DAY, "chậm nhất 30/4" },
		{ "Theo dõi thường xuyên, kịp thời báo cáo", DOC, ONG, 0, PRECISION_NONE, "thường xuyên" },
		/* 25/4/2024 Thu: the 10 working days (Mon–Fri) are 26/4 … 9/5. */
		{ "trả lời trong 10 ngày làm việc kể từ ngày nhận được văn bản này.", DOC, REL, 20240509, PRECISION_DAY,
		  "trong 10 ngày làm việc kể từ ngày nhận được văn bản này" },
		/* 25/4 + 15 = 10/5 (Fri). */
		{ "báo cáo trong 15 ngày", DOC, REL, 20240510, PRECISION_DAY, "trong 15 ngày" },
		/* 25/4 + 16 = 11/5, a Saturday: moves to Monday 13/5 (Art. 148). */
		{ "trong vòng 16 ngày", DOC, REL, 20240513, PRECISION_DAY, "trong vòng 16 ngày" },
		{ "trong thời hạn 05 ngày làm việc kể từ ngày 02/5/2024", DOC, REL, 20240509, PRECISION_DAY,
		  "trong thời hạn 05 ngày làm việc kể từ ngày 02/5/2024" },
		{ "trong 2 tháng", DOC, REL, 20240625, PRECISION_DAY, "trong 2 tháng" },
		{ "đầu tháng 6 phải xong", DOC, D, 20240601, PRECISION_DAY, "đầu tháng 6" },
		{ "giữa tháng 6", DOC, D, 20240615, PRECISION_DAY, "giữa tháng 6" },
		{ "vào cuối tháng 6", DOC, D, 20240630, PRECISION_DAY, "cuối tháng 6" },
		{ "cuối tháng 2/2025", DOC, D, 20250228, PRECISION_DAY, "cuối tháng 2/2025" },
		{ "đầu năm 2025", DOC, D, 20250101, PRECISION_DAY, "đầu năm 2025" },
		{ "giữa năm 2024", DOC, D, 20240630, PRECISION_DAY, "giữa năm 2024" },
		{ "Đầu năm 2024", 20231201, D, 20240101, PRECISION_DAY, "Đầu năm 2024" },
		{ "cuối năm nay", DOC, D, 20241231, PRECISION_DAY, "cuối năm nay" },
		{ "trong năm nay", DOC, D, 20241231, PRECISION_YEAR, "trong năm nay" },
		{ "cuối năm 2024", DOC, D, 20241231, PRECISION_DAY, "cuối năm 2024" },
		{ "Cuối năm", DOC, D, 20241231, PRECISION_DAY, "Cuối năm" },
		{ "cuối quý II", DOC, D, 20240630, PRECISION_QUARTER, "cuối quý II" },
		{ "báo cáo định kỳ hằng quý", DOC, REC, 20240630, PRECISION_QUARTER, "định kỳ hằng quý" },
		{ "Báo cáo hằng tháng", DOC, REC, 20240430, PRECISION_MONTH, "hằng tháng" },
		{ "gửi báo cáo trước ngày 15 hằng tháng", DOC, REC, 20240515, PRECISION_DAY, "trước ngày 15 hằng tháng" },
		{ "ngày 20 hàng tháng", DOC, REC, 20240520, PRECISION_DAY, "ngày 20 hàng tháng" },
		{ "tổng kết hằng năm", DOC, REC, 20241231, PRECISION_YEAR, "hằng năm" },
		{ "giao ban thứ Hai hằng tuần", DOC, REC, 20240429, PRECISION_DAY, "thứ Hai hằng tuần" },
		{ "báo cáo hằng tuần", DOC, REC, 20240426, PRECISION_DAY, "hằng tuần" },
		{ "định kỳ 6 tháng", DOC, REC, 20240630, PRECISION_HALF_YEAR, "định kỳ 6 tháng" },
		{ "trước tháng 7/2024", DOC, D, 20240630, PRECISION_MONTH, "trước tháng 7/2024" },
		{ "trước quý III/2024", DOC, D, 20240630, PRECISION_QUARTER, "trước quý III/2024" },
		{ "đến hết ngày 30/6/2024", DOC, D, 20240630, PRECISION_DAY, "đến hết ngày 30/6/2024" },
		{ "đến hết năm 2024", DOC, D, 20241231, PRECISION_YEAR, "đến hết năm 2024" },
		{ "hạn chót 15/5/2024", DOC, D, 20240515, PRECISION_DAY, "hạn chót 15/5/2024" },
		{ "Thời hạn hoàn thành: năm 2024.", DOC, D, 20241231, PRECISION_YEAR, "Thời hạn hoàn thành: năm 2024" },
		{ "- Tiến độ: trước 30/6", DOC, D, 20240630, PRECISION_DAY, "trước 30/6" },
		{ "trước ngày 10/01", 20241220, D, 20250110, PRECISION_DAY, "trước ngày 10/01" },
		{ "TRƯỚC NGÀY 14/5/2024", DOC, D, 20240514, PRECISION_DAY, "TRƯỚC NGÀY 14/5/2024" },
		{ "trước ngày 14.5.2024", DOC, D, 20240514, PRECISION_DAY, "trước ngày 14.5.2024" },
		{ "trước ngày 29/02/2024", 20240101, D, 20240229, PRECISION_DAY, "trước ngày 29/02/2024" },
		{ "tháng 5 năm 2024", DOC, D, 20240531, PRECISION_MONTH, "tháng 5 năm 2024" },
		{ "(07/5/1954-07/5/2024)", DOC, D, 20240507, PRECISION_DAY, "07/5/2024" },
		/* a range in the future: its end is the deadline, its start is not */
		{ "diễn ra 01/6/2024 - 30/6/2024", DOC, D, 20240630, PRECISION_DAY, "30/6/2024" },
		{ "từ ngày 01/6/2024 đến ngày 30/6/2024", DOC, D, 20240630, PRECISION_DAY, "đến ngày 30/6/2024" },
		/* "kể từ …" runs to the end of the clause or line */
		{ "trong 10 ngày làm việc kể từ ngày nhận\nSở Tài chính", DOC, REL, 20240509, PRECISION_DAY,
		  "trong 10 ngày làm việc kể từ ngày nhận" },
		{ "trong quí IV/2024", DOC, D, 20241231, PRECISION_QUARTER, "trong quí IV/2024" },
		{ "hoàn thành trước 31/12/2024", DOC, D, 20241231, PRECISION_DAY, "hoàn thành trước 31/12/2024" },
		/* Without anchor, a month with its year is taken at its word. */
		{ "tháng 4 năm 2024", NOANCHOR, D, 20240430, PRECISION_MONTH, "tháng 4 năm 2024" },
		{ "trong 10 ngày làm việc", NOANCHOR, REL, 0, PRECISION_NONE, "trong 10 ngày làm việc" },
		{ "báo cáo hằng quý", NOANCHOR, REC, 0, PRECISION_NONE, "hằng quý" },
		/* yearly on a day: the first one on or after the anchor */
		{ "gửi Bộ trước ngày 30 tháng 6 hằng năm", 20251120, REC, 20260630, PRECISION_DAY,
		  "trước ngày 30 tháng 6 hằng năm" },
		{ "báo cáo ngày 15/12 hằng năm", DOC, REC, 20241215, PRECISION_DAY, "ngày 15/12 hằng năm" },
		/* the 31st of a month in a yearly day is that day, not "the month's last day" of no month */
		{ "định kỳ trước ngày 31 tháng 12 hàng năm gửi Bộ", DOC, REC, 20241231, PRECISION_DAY,
		  "trước ngày 31 tháng 12 hàng năm" },
		/* counted from another body's act: the day is not known yet */
		{ "trong 6 tháng kể từ khi Bộ Tài chính ban hành hướng dẫn", DOC, REL, 0, PRECISION_NONE,
		  "trong 6 tháng kể từ khi Bộ Tài chính ban hành hướng dẫn" },
		/* a year-less date already past at the anchor is next year's */
		{ "gửi Sở Tài chính trước ngày 05/7", 20260710, D, 20270705, PRECISION_DAY, "trước ngày 05/7" },
		/* … and so is one the sentence exempts for this year */
		{ "trước ngày 05/7 (riêng năm 2026 thực hiện báo cáo năm).", 20260601, D, 20270705, PRECISION_DAY,
		  "trước ngày 05/7" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deadline d[4];
		size_t n = find(rows[i].text, rows[i].anchor, d, 4);
		if (n != 1) {
			fprintf(stderr, "row %zu '%s': %zu deadlines\n", i, rows[i].text, n);
			fail();
		}
		char want[DATE_BUF], got[DATE_BUF];
		if (d[0].kind != rows[i].kind || d[0].due != ymd(rows[i].due) || d[0].precision != rows[i].prec)
			fprintf(stderr, "row %zu '%s': kind %d due %s prec %s\n", i, rows[i].text, d[0].kind,
				date_format_iso(d[0].due, got), precision_name(d[0].precision));
		assert_int_equal(d[0].kind, rows[i].kind);
		assert_string_equal(date_format_iso(d[0].due, got), date_format_iso(ymd(rows[i].due), want));
		assert_int_equal(d[0].precision, rows[i].prec);
		span_is(rows[i].text, &d[0], rows[i].span);
	}
}

/* Recurrence rules and the relative period's parts. */
static void test_rules_and_units(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *rule;
		int count;
		enum deadline_unit unit;
		int day;
	} rows[] = {
		{ "định kỳ hằng quý", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", 3, DEADLINE_MONTHS, -1 },
		{ "báo cáo hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=-1", 1, DEADLINE_MONTHS, -1 },
		{ "trước ngày 15 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=15", 1, DEADLINE_MONTHS, 15 },
		{ "ngày 31 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=-1", 1, DEADLINE_MONTHS, -1 },
		{ "báo cáo hằng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", 12, DEADLINE_MONTHS, -1 },
		{ "ngày 30 tháng 6 hằng năm", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=30", 12, DEADLINE_MONTHS, 30 },
		{ "báo cáo hằng tuần", "FREQ=WEEKLY;BYDAY=FR", 1, DEADLINE_WEEKS, FRIDAY },
		{ "thứ Hai hằng tuần", "FREQ=WEEKLY;BYDAY=MO", 1, DEADLINE_WEEKS, MONDAY },
		{ "định kỳ 6 tháng", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", 6, DEADLINE_MONTHS, -1 },
		{ "trong 10 ngày làm việc", "", 10, DEADLINE_WORKING_DAYS, 0 },
		{ "trong 15 ngày", "", 15, DEADLINE_DAYS, 0 },
		{ "trong 2 tuần", "", 2, DEADLINE_WEEKS, 0 },
		{ "trong 3 tháng", "", 3, DEADLINE_MONTHS, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deadline d;
		assert_int_equal(find(rows[i].text, DOC, &d, 1), 1);
		assert_string_equal(d.rule, rows[i].rule);
		assert_int_equal(d.count, rows[i].count);
		assert_int_equal(d.unit, rows[i].unit);
		assert_int_equal(d.day, rows[i].day);
	}
}

/* References, horizons, malformed dates and numbers: no deadline at all. */
static void test_not_deadlines(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int anchor;
	} rows[] = {
		/* references to other documents (anchor-free, so the rule itself is tested) */
		{ "(Tờ trình số 759/TTr-STTT ngày 23/4/2024 của Sở Thông tin và Truyền thông)", NOANCHOR },
		{ "tại Chỉ thị số 04/CT-UBND tỉnh ngày 17/4/2024 về việc tăng cường", NOANCHOR },
		{ "thực hiện Nghị quyết số 111/2024/QH15 ngày 18/01/2024 của Quốc hội", NOANCHOR },
		{ "Quyết định số 1234/QĐ-UBND ngày 12 tháng 8 năm 2024", NOANCHOR },
		{ "Công văn số 45 ngày 3/5/2025 của Bộ", NOANCHOR },
		{ "Tờ trình số 759/TTr-STTT ngày 23/4/2024", DOC },
		/* past events and the document's own date */
		{ "Ngày 24/4/2024, Ủy ban nhân dân tỉnh tổ chức phiên họp thường kỳ tháng 4/2024.", DOC },
		{ "Lai Châu, ngày 25 tháng 4 năm 2024", DOC },
		{ "phiên họp UBND tỉnh thường kỳ tháng 4 năm 2024", DOC },
		{ "(07/5/1954-", DOC },
		{ "trước ngày 20/4/2024 các sở đã báo cáo", DOC },
		{ "đầu năm 2024", DOC },
		/* ranges and starting points */
		{ "từ ngày 1/5/2024", DOC },
		{ "kể từ ngày 01/7/2024", DOC },
		{ "tính đến ngày 30/6/2024", DOC },
		{ "sau ngày 15/5/2024", DOC },
		/* horizons */
		{ "Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2045", DOC },
		{ "đến năm 2030", DOC },
		{ "các Chương trình mục tiêu quốc gia giai đoạn 2024 - 2025", DOC },
		{ "giai đoạn 2026–2030", DOC },
		{ "năm học 2024-2025", DOC },
		/* years and months that are context, not deadlines */
		{ "kỳ thi tốt nghiệp THPT năm 2024 đảm bảo an toàn", DOC },
		{ "tăng so với cùng kỳ năm 2023, tăng 9 bậc so với năm 2022", DOC },
		{ "Chỉ số PAPI năm 2023 đạt kết quả cao", DOC },
		{ "tổ chức hội nghị đối thoại với doanh nghiệp năm 2024.", DOC },
		{ "Về nhiệm vụ tháng 5, UBND tỉnh yêu cầu", DOC },
		{ "so với tháng 5/2025", DOC },
		/* holidays: a date with no year and no deadline word */
		{ "nhất là trong dịp nghỉ lễ 30/4 và 1/5.", DOC },
		{ "kỷ niệm Ngày Quốc khánh 2/9", DOC },
		/* numbers that are not dates */
		{ "Sản lượng điện giảm 8,5%; giảm sâu (67,6%)", DOC },
		{ "còn 13/43 việc đang triển khai quá hạn", DOC },
		{ "xếp thứ 18/63 tỉnh, thành cả nước", DOC },
		{ "tại kỳ họp thứ 20 HĐND tỉnh", DOC },
		{ "đạt 10/12 chỉ tiêu", DOC },
		{ "1.000.000 đồng", DOC },
		{ "tăng 2.5.2024x", DOC },
		/* malformed dates */
		{ "trước ngày 31/2/2024", DOC },
		{ "trước ngày 32/5", DOC },
		{ "trước ngày 29/2/2023", NOANCHOR },
		{ "trước ngày 14/13/2024", DOC },
		{ "trước ngày 0/5/2024", DOC },
		{ "trước ngày 14/5/24", DOC },
		{ "trước ngày 123/5/2024", DOC },
		{ "trước ngày 14/5/20245", DOC },
		{ "trước ngày 12/5/2024/QĐ-UBND", DOC },
		{ "trong tháng 13/2024", DOC },
		{ "trong tháng 0", DOC },
		{ "trong quý V/2024", DOC },
		{ "hết quý IIII", DOC },
		{ "trong quý 5 năm 2024", DOC },
		{ "ngày 30 tháng 2 năm 2024", NOANCHOR },
		/* not a period, not a recurrence */
		{ "Trong tháng, các cấp, các ngành tập trung", DOC },
		{ "tiến độ chậm 10 ngày", DOC },
		{ "cập nhật hằng ngày", DOC },
		/* a period named alone, with nothing reported: which budget, which plans */
		{ "xây dựng dự toán kinh phí từ ngân sách hằng năm", DOC },
		{ "thành các chương trình, kế hoạch 5 năm và hằng năm để triển khai", DOC },
		{ "chuyên mục về bình đẳng giới hằng tháng", DOC },
		/* the part of a year naming which budget or months */
		{ "trình phê duyệt kinh phí trong dự toán đầu năm 2026", DOC },
		{ "kịch bản tăng trưởng cho những tháng cuối năm 2024", DOC },
		{ "thường kỳ", DOC },
		{ "trước hết, cần", DOC },
		{ "Nội dung: năm 2024", DOC },
		{ "Thời hạn: đến năm 2030", DOC },
		{ "", DOC },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deadline d[4];
		size_t n = find(rows[i].text, rows[i].anchor, d, 4);
		if (n != 0) {
			char b[DATE_BUF];
			fprintf(stderr, "row %zu '%s': found '%.*s' due %s\n", i, rows[i].text,
				(int)(d[0].end - d[0].start), rows[i].text + d[0].start, date_format_iso(d[0].due, b));
		}
		assert_int_equal(n, 0);
	}
}

static void test_before_option_and_year_fill(void **state)
{
	(void)state;
	struct deadline_options o = opts(DOC);
	struct deadline d;
	const char *t = "trình UBND tỉnh trước ngày 14/5/2024";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240514));
	o.before_means_day_before = true;
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240513));
	t = "chậm nhất ngày 14/5/2024"; /* not a "trước" phrase */
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240514));
	t = "trước ngày 15 hằng tháng";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_string_equal(d.rule, "FREQ=MONTHLY;BYMONTHDAY=14");

	/* default_year fills a missing year when there is no anchor ... */
	deadline_options_init(&o);
	o.default_year = 2025;
	t = "xong trước 30/6";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20250630));
	/* ... and without either, a year-less phrase is skipped. */
	o.default_year = 0;
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 0);
	/* An anchor no calendar reaches counts as none. */
	o = opts(0);
	o.anchor = INT32_MAX - 5;
	t = "trong 10 ngày";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, DATE_NONE);
	/* NULL options: the defaults. */
	t = "trước ngày 14/5/2024";
	assert_int_equal(deadline_find_all(t, strlen(t), NULL, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240514));
}

/* Holiday callback: 30/4 and 1/5/2024 off, Saturday 4/5/2024 worked. */
static bool test_workday(void *ctx, civil_day d)
{
	int *calls = ctx;
	(*calls)++;
	if (d == ymd(20240430) || d == ymd(20240501))
		return false;
	if (d == ymd(20240504))
		return true;
	enum weekday w = date_weekday(d);
	return w != SATURDAY && w != SUNDAY;
}

static bool never_working(void *ctx, civil_day d)
{
	(void)ctx;
	(void)d;
	return false;
}

/* An undated letter: dates up to the latest it cites are references, later
 * ones deadlines; nothing else is resolved from it (no anchor). */
static void test_not_before(void **state)
{
	(void)state;
	struct deadline_options o = opts(NOANCHOR);
	o.not_before = ymd(20251114);
	struct deadline d;
	const char *t = "ý kiến tại cuộc họp Bộ Chính trị ngày 14/11/2025";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 0);
	t = "hoàn thành trước ngày 14/11/2025";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 0);
	t = "hoàn thành trước ngày 30/11/2025";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20251130));
	o.not_before = DATE_NONE;
	t = "ý kiến tại cuộc họp Bộ Chính trị ngày 14/11/2025";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
}

/* A deadline field keeps a dated deadline before the document's date (a
 * plan issued after one of its dates); running text does not, nor a field's
 * year-less or bare date that could be any year's. */
static void test_field_keeps_past_dates(void **state)
{
	(void)state;
	struct deadline_options o = opts(DOC);
	struct deadline d;
	const char *t = "Thời gian hoàn thành: Trước ngày 15/4/2024.";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 0);
	o.field = true;
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240415));
	t = "Thời gian hoàn thành: Trước ngày 15/4.";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20250415)); /* the next 15/4 */
	t = "Ngày 15/4/2024 Sở đã báo cáo.";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 0);
}

static void test_working_day_callback(void **state)
{
	(void)state;
	int calls = 0;
	struct deadline_options o = opts(DOC);
	o.is_working_day = test_workday;
	o.ctx = &calls;
	struct deadline d;
	/* 26/4 F, 29/4 M, (30/4, 1/5 off), 2/5 Th, 3/5 F, 4/5 Sa (worked): 4/5. */
	const char *t = "trong 5 ngày làm việc";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240504));
	assert_true(calls > 0);
	/* 25/4 + 5 = 30/4, a holiday: next working day 2/5. */
	t = "trong 5 ngày";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240502));
	/* A calendar with no working day at all must not hang: unresolved. */
	o.is_working_day = never_working;
	t = "trong 10 ngày làm việc";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, DATE_NONE);
	assert_int_equal(d.precision, PRECISION_NONE);
	/* Month end: 31/1 + 1 month has no 31/2: its last day, 29/2/2024 (Thu). */
	o = opts(20240131);
	t = "trong 1 tháng";
	assert_int_equal(deadline_find_all(t, strlen(t), &o, &d, 1), 1);
	assert_int_equal(d.due, ymd(20240229));
}

static void test_several_and_max(void **state)
{
	(void)state;
	const char *t = "Báo cáo trước ngày 14/5/2024; hoàn thành trong quý III/2024 và báo cáo hằng tháng.";
	struct deadline d[3];
	assert_int_equal(find(t, DOC, d, 3), 3);
	assert_int_equal(d[0].precision, PRECISION_DAY);
	assert_int_equal(d[1].precision, PRECISION_QUARTER);
	assert_int_equal(d[2].kind, DEADLINE_RECURRING);
	assert_true(d[0].end <= d[1].start && d[1].end <= d[2].start);
	/* max limits what is stored, not what is counted. */
	struct deadline one[2];
	memset(one, 0x5a, sizeof one);
	assert_int_equal(find(t, DOC, one, 1), 3);
	assert_int_equal(one[0].due, ymd(20240514));
	assert_int_equal(one[1].start, (size_t)0x5a5a5a5a5a5a5a5aULL);
	assert_int_equal(find(t, DOC, NULL, 0), 3);
	/* Not NUL-terminated: only len bytes are read. */
	char buf[32];
	memcpy(buf, "trước ngày 14/5/2024999", 26);
	assert_int_equal(deadline_find_all(buf, strlen("trước ngày 14/5/2024"), NULL, d, 1), 1);
	assert_int_equal(d[0].due, ymd(20240514));
}

/* The fixture's assignment units (tests/../fixtures expected.tsv), as the
 * notice importer will pass them to deadline_pick. */
static void test_pick_fixture(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int due;
		enum due_precision prec;
	} rows[] = {
		{ "2.1. Về kế hoạch triển khai Quy hoạch tỉnh: Sở Kế hoạch và Đầu tư chủ trì, phối hợp các sở, ngành, "
		  "địa phương tập trung hoàn chỉnh dự thảo kế hoạch thực hiện Quy hoạch tỉnh, đồng thời bám sát hướng "
		  "dẫn, chỉ đạo của Bộ Kế hoạch và Đầu tư; trình UBND tỉnh trước ngày 14/5/2024.",
		  20240514, PRECISION_DAY },
		{ "- Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với UBND các huyện, thành phố: Tập trung "
		  "chỉ đạo phát triển sản xuất nông nghiệp, theo dõi sát diễn biến thời tiết. Hoàn chỉnh Nghị quyết phát "
		  "triển Sâm Lai Châu theo ý kiến của Tỉnh ủy. Đẩy mạnh thực hiện chương trình xây dựng nông thôn mới theo "
		  "chỉ đạo của UBND tỉnh tại Chỉ thị số 04/CT-UBND tỉnh ngày 17/4/2024 về việc tăng cường công tác.",
		  0, PRECISION_NONE },
		{ "- Sở Kế hoạch và Đầu tư chủ trì, phối hợp các sở, ban, ngành liên quan; UBND các huyện, thành phố: "
		  "Chủ động triển khai quyết liệt, hiệu quả các giải pháp đẩy mạnh giải ngân vốn đầu tư công; phấn đấu "
		  "hết quý III, khối lượng giải ngân đạt trên 60%. Tập trung xây dựng, tham mưu UBND tỉnh Tờ trình và dự "
		  "thảo Nghị quyết lựa chọn cấp huyện thực hiện thí điểm cơ chế phân cấp trong quản lý, tổ chức thực "
		  "hiện các Chương trình mục tiêu quốc gia giai đoạn 2024 - 2025 thực hiện Nghị quyết số 111/2024/QH15 "
		  "ngày 18/01/2024 của Quốc hội về một số cơ chế chính sách đặc thù.",
		  20240930, PRECISION_QUARTER },
		{ "- Sở Giáo dục và Đào tạo tập trung triển khai tốt công tác chuẩn bị tổ chức kỳ thi tốt nghiệp THPT "
		  "năm 2024 đảm bảo an toàn, khách quan, minh bạch, đúng quy chế.",
		  0, PRECISION_NONE },
		{ "- Sở Văn hóa – Thể thao và Du lịch, Sở Thông tin và Truyền thông, các sở, ngành liên quan; UBND các "
		  "huyện, thành phố nghiên cứu tổ chức các hoạt động phù hợp hưởng ứng kỷ niệm 70 năm chiến thắng Điện "
		  "Biên Phủ (07/5/1954-07/5/2024); chuẩn bị tốt các điều kiện tổ chức Tết Độc lập quy mô cấp tỉnh tại "
		  "huyện Than Uyên, Tuần Văn hoá – Du lịch Lai Châu năm 2024 tại Thành phố Đà Nẵng.",
		  20240507, PRECISION_DAY },
		{ "2.4. Về cải cách hành chính: Sở Nội vụ, Sở Kế hoạch và Đầu tư tham mưu UBND tỉnh tổ chức công bố kết "
		  "quả xếp hạng Chỉ số đánh giá năng lực cạnh tranh cấp sở, ban, ngành và địa phương (DDCI) năm 2023 của "
		  "các sở, ban ngành tỉnh, UBND các huyện, thành phố; tổ chức hội nghị đối thoại với doanh nghiệp năm 2024.",
		  0, PRECISION_NONE },
		{ "- Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, BCH Bộ đội Biên phòng tỉnh: Chủ động nắm tình hình, kịp thời "
		  "báo cáo UBND tỉnh các vấn đề, vụ việc phát sinh, nhất là trong dịp nghỉ lễ 30/4 và 1/5. Tăng cường "
		  "công tác quản lý, sử dụng vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo.",
		  0, PRECISION_NONE },
		{ "2.6. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các huyện, thành phố theo chức năng, nhiệm vụ "
		  "bám sát chương trình làm việc; chủ động chuẩn bị tốt các nội dung trình Tỉnh ủy, các dự thảo Nghị "
		  "quyết trình HĐND tỉnh kỳ họp thứ 21 (tháng 7/2024) đảm bảo tiến độ, chất lượng.",
		  20240731, PRECISION_MONTH },
		{ "1. Tờ trình đề nghị ban hành Quyết định quy chế quản lý, hoạt động của Đài Truyền thanh cấp xã trên "
		  "địa bàn tỉnh Lai Châu (Tờ trình số 759/TTr-STTT ngày 23/4/2024 của Sở Thông tin và Truyền thông).\n\n"
		  "Giao Sở Thông tin và Truyền thông tiếp thu các ý kiến tham gia về bố cục dự thảo quy chế; hoàn chỉnh, "
		  "trình UBND tỉnh ban hành trước ngày 07/5/2024.",
		  20240507, PRECISION_DAY },
		{ "UBND tỉnh nhất trí thông qua; giao Sở Giáo dục và Đào tạo, Văn phòng UBND tỉnh hoàn chỉnh, trình UBND "
		  "tỉnh ban hành.",
		  0, PRECISION_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deadline_options o = opts(DOC);
		struct deadline d;
		memset(&d, 0, sizeof d);
		d.due = 777;
		bool got = deadline_pick(rows[i].text, strlen(rows[i].text), &o, &d);
		if (rows[i].due == 0) {
			if (got)
				fprintf(stderr, "row %zu: unexpected '%.*s'\n", i, (int)(d.end - d.start),
					rows[i].text + d.start);
			assert_false(got);
			assert_int_equal(d.due, 777);
			continue;
		}
		assert_true(got);
		assert_int_equal(d.due, ymd(rows[i].due));
		assert_int_equal(d.precision, rows[i].prec);
	}
}

static void test_pick_order(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum deadline_kind kind;
		int due;
		enum due_precision prec;
	} rows[] = {
		/* a day beats an earlier month end */
		{ "hoàn thành trong tháng 5/2024, báo cáo trước ngày 14/6/2024", D, 20240614, PRECISION_DAY },
		/* the earliest of several days */
		{ "trước ngày 30/6/2024 và trước ngày 14/5/2024", D, 20240514, PRECISION_DAY },
		/* a resolved relative period is a day */
		{ "trong quý III/2024; báo cáo trong 10 ngày làm việc", REL, 20240509, PRECISION_DAY },
		/* the earliest period, finer precision on a tie */
		{ "trong năm 2024, trong quý IV/2024", D, 20241231, PRECISION_QUARTER },
		{ "trong quý IV/2024, trong tháng 9/2024", D, 20240930, PRECISION_MONTH },
		/* a date beats a rule, a rule beats "thường xuyên" */
		{ "thường xuyên theo dõi; báo cáo hằng quý; hoàn thành trong năm 2024", D, 20241231, PRECISION_YEAR },
		{ "thường xuyên theo dõi, báo cáo hằng quý", REC, 20240630, PRECISION_QUARTER },
		{ "thường xuyên theo dõi", ONG, 0, PRECISION_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct deadline_options o = opts(DOC);
		struct deadline d;
		assert_true(deadline_pick(rows[i].text, strlen(rows[i].text), &o, &d));
		assert_int_equal(d.kind, rows[i].kind);
		assert_int_equal(d.due, ymd(rows[i].due));
		assert_int_equal(d.precision, rows[i].prec);
	}
	/* Unresolved relative (no anchor) only when nothing else. */
	struct deadline d;
	const char *t = "trong 10 ngày làm việc; định kỳ hằng quý";
	assert_true(deadline_pick(t, strlen(t), NULL, &d));
	assert_int_equal(d.kind, DEADLINE_RECURRING);
	t = "thường xuyên; trong 10 ngày làm việc";
	assert_true(deadline_pick(t, strlen(t), NULL, &d));
	assert_int_equal(d.kind, DEADLINE_RELATIVE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_rules_and_units),
		cmocka_unit_test(test_not_deadlines),
		cmocka_unit_test(test_before_option_and_year_fill),
		cmocka_unit_test(test_field_keeps_past_dates),
		cmocka_unit_test(test_not_before),
		cmocka_unit_test(test_working_day_callback),
		cmocka_unit_test(test_several_and_max),
		cmocka_unit_test(test_pick_fixture),
		cmocka_unit_test(test_pick_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
