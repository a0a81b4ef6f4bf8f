#include "tests/unit/testutil.h"

#include <locale.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* NFD spellings as macOS and Word write them. */
#define NFD_KE_HOACH "Ke\xCC\x82\xCC\x81 hoa\xCC\xA3\x63h"          /* Kế hoạch */
#define NFD_DAU_TU "\xC4\x90\x61\xCC\x86\xCC\x80u tu\xCC\x9B"       /* Đằu tư (breve+grave) */

static void test_utf8_valid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		bool ok;
		size_t bad;
	} cases[] = {
		{ "", 0, true, 0 },
		{ "Sở Tài chính", 14, true, 14 },
		{ "ab\x80", 3, false, 2 },                 /* lone continuation */
		{ "a\xC3", 2, false, 1 },                  /* truncated */
		{ "a\xC0\xAF", 3, false, 1 },              /* overlong '/' */
		{ "\xE0\x80\xAF", 3, false, 0 },           /* overlong 3-byte */
		{ "xy\xED\xA0\x80", 5, false, 2 },         /* surrogate */
		{ "\xF4\x90\x80\x80", 4, false, 0 },       /* > U+10FFFF */
		{ "\xF0\x9F\x98\x80!", 5, true, 5 },       /* emoji */
		{ "\xFF", 1, false, 0 },
		{ "ok\xE1\xBA", 4, false, 2 },             /* cut inside ạ */
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t bad = 999;
		assert_int_equal(text_utf8_valid(cases[i].s, cases[i].len, &bad), cases[i].ok);
		assert_int_equal(bad, cases[i].bad);
	}
}

static void test_decode_encode(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(text_utf8_decode("\xE1\xBB\x87", 3, &cp), 3);
	assert_int_equal(cp, 0x1EC7);
	assert_int_equal(text_utf8_decode("\xC3", 1, &cp), 1);
	assert_int_equal(cp, TEXT_BAD_CP);
	assert_int_equal(text_utf8_decode("", 0, &cp), 0);
	for (uint32_t v = 0; v <= 0x10FFFF; v += (v < 0x3000 ? 1 : 97)) {
		char buf[4];
		size_t n = text_utf8_encode(v, buf);
		if (v >= 0xD800 && v <= 0xDFFF) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_int_equal(text_utf8_decode(buf, n, &cp), n);
		assert_int_equal(cp, v);
	}
	char buf[4];
	assert_int_equal(text_utf8_encode(0x110000, buf), 0);
}

static void test_decompose_compose(void **state)
{
	(void)state;
	uint32_t d[4];
	assert_int_equal(text_decompose(0x1EC7, d), 3); /* ệ */
	assert_int_equal(d[0], 'e');
	assert_int_equal(d[1], 0x323);
	assert_int_equal(d[2], 0x302);
	assert_int_equal(text_decompose(0x1EF1, d), 3); /* ự = u + dot + horn? */
	assert_int_equal(d[0], 'u');
	assert_int_equal(text_decompose(0x111, d), 1); /* đ has no decomposition */
	assert_int_equal(text_compose('e', 0x302), 0xEA);
	assert_int_equal(text_compose(0xEA, 0x301), 0x1EBF);
	assert_int_equal(text_compose(0x1A1, 0x309), 0x1EDF); /* ở */
	assert_int_equal(text_compose('q', 0x301), 0);
	assert_int_equal(text_combining_class(0x31B), 216);
	assert_int_equal(text_combining_class(0x323), 220);
	assert_int_equal(text_combining_class(0x301), 230);
	assert_int_equal(text_combining_class('a'), 0);
}

static void test_nfc(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ NFD_KE_HOACH, "Kế hoạch" },
		{ "Ke\xCC\x81\xCC\x82", "Kế" },                 /* marks in the other order */
		{ "e\xCC\x82\xCC\xA3", "ệ" },                   /* circumflex then dot below */
		{ "e\xCC\xA3\xCC\x82", "ệ" },                   /* canonical order */
		{ "U\xCC\x9B\xCC\x89", "Ử" },                    /* horn + hook */
		{ "o\xCC\x9B\xCC\x80", "ờ" },
		{ "a\xCC\x86\xCC\x83", "ẵ" },
		{ "\xC3\xAA\xCC\x81", "ế" },                     /* precomposed ê + acute */
		{ "\xE1\xBA\xB9\xCC\x82", "ệ" },                 /* ẹ + circumflex */
		{ "D\xCC\x9B", "D\xCC\x9B" },                    /* no such letter: kept */
		{ "\xCC\x81" "abc", "\xCC\x81" "abc" },          /* orphan mark kept */
		{ "Sở Tài chính", "Sở Tài chính" },
		{ "plain ascii", "plain ascii" },
		{ "a\xFF" "e\xCC\x81", "a\xFF" "é" },           /* bad byte copied through */
		{ "", "" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char out[128];
		size_t len = strlen(cases[i].in);
		size_t n = text_nfc(out, cases[i].in, len);
		assert_true(n <= len);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	/* a cluster that would grow (ǘ + dot below) is left as written */
	const char *grow = "\xC7\x98\xCC\xA3";
	char out[16];
	assert_true(text_nfc(out, grow, strlen(grow)) <= strlen(grow));
	/* every precomposed Vietnamese letter survives NFD -> NFC */
	for (uint32_t cp = 0x1EA0; cp <= 0x1EF9; cp++) {
		uint32_t d[4];
		size_t n = text_decompose(cp, d);
		char nfd[16], back[16], want[4];
		size_t len = 0;
		for (size_t k = 0; k < n; k++)
			len += text_utf8_encode(d[k], nfd + len);
		text_nfc(back, nfd, len);
		size_t wl = text_utf8_encode(cp, want);
		assert_memory_equal(back, want, wl);
		assert_int_equal(back[wl], '\0');
	}
	char *dup = text_nfc_dup(NFD_DAU_TU);
	assert_string_equal(dup, "Đằu tư");
	free(dup);
}

static void test_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Kế hoạch", "ke hoach" },
		{ "Đầu tư", "dau tu" },
		{ NFD_KE_HOACH, "ke hoach" },
		{ NFD_DAU_TU, "dau tu" },
		{ "  Sở   Tài\tchính \n", "so tai chinh" },
		{ "ỦY BAN NHÂN DÂN", "uy ban nhan dan" },
		{ "Uỷ ban", "uy ban" },
		{ "đường Điện Biên Phủ", "duong dien bien phu" },
		{ "Thủy\xC2\xA0điện", "thuy dien" },               /* no-break space */
		{ "a\xE3\x80\x80" "b", "a b" },                       /* ideographic space */
		{ "x\x01y\x7F" "z", "xyz" },                          /* controls dropped */
		{ "bad\xFF" "byte", "bad?byte" },
		{ "ƠƯ ơư", "ou ou" },
		{ "", "" },
		{ "   ", "" },
		{ "漢字", "漢字" },
		{ "ΑΒΓ Жук", "αβγ жук" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char out[128];
		size_t len = strlen(cases[i].in);
		size_t n = text_fold(out, cases[i].in, len);
		assert_true(n <= len);
		assert_string_equal(out, cases[i].want);
	}
	char *dup = text_fold_dup("Sở Kế hoạch và Đầu tư");
	assert_non_null(strstr(dup, "ke hoach"));
	assert_non_null(strstr(dup, "dau tu"));
	free(dup);
}

static void test_lower(void **state)
{
	(void)state;
	char out[64];
	const char *in = "ỦY BAN Đà ƠƯ İ";
	text_lower(out, in, strlen(in));
	assert_string_equal(out, "ủy ban đà ơư i");
}

static void test_width(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t want;
	} cases[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "Kế hoạch", 8 },
		{ NFD_KE_HOACH, 8 },               /* combining marks take no column */
		{ "漢字", 4 },                       /* wide */
		{ "ＡＢ", 4 },                       /* fullwidth */
		{ "한국", 4 },                       /* Hangul syllables */
		{ "\xF0\x9F\x98\x80", 2 },          /* emoji */
		{ "a\tb\nc\x1b", 3 },               /* C0 controls */
		{ "a\xC2\x85" "b", 2 },             /* C1 */
		{ "a\xE2\x80\x8B" "b", 2 },         /* zero-width space */
		{ "a\xE2\x80\xAE" "b", 2 },         /* RLO */
		{ "x\xFF", 2 },                     /* invalid byte: 1 */
		{ "…", 1 },
	};
	for (size_t i = 0; i < COUNT(cases); i++)
		assert_int_equal(text_width(cases[i].in, strlen(cases[i].in)), cases[i].want);
	assert_int_equal(text_cp_width(0x301), 0);
	assert_int_equal(text_cp_width(0x4E00), 2);
	assert_int_equal(text_cp_width(0x1EC7), 1);
	assert_int_equal(text_cp_width(0), 0);
	/* the letters measured without decoding measure as text_cp_width says,
	 * at both ends of their blocks and just past them */
	static const uint32_t edges[] = { 0x9F, 0xA0, 0xAD, 0x2FF, 0x300, 0x36F, 0x1DFF, 0x1E00,
					  0x1E7F, 0x1E80, 0x1EFF, 0x1F00, 0x1100, 0x115F };
	for (size_t i = 0; i < COUNT(edges); i++) {
		char buf[4];
		size_t n = text_utf8_encode(edges[i], buf);
		assert_int_equal(text_width(buf, n), (size_t)text_cp_width(edges[i]));
	}
}

static void test_truncate(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t width;
		const char *want;
	} cases[] = {
		{ "Sở Tài chính", 20, "Sở Tài chính" },
		{ "Sở Tài chính", 12, "Sở Tài chính" },
		{ "Sở Tài chính", 11, "Sở Tài chí…" },
		{ "Sở Tài chính", 1, "…" },
		{ "Sở Tài chính", 0, "" },
		{ NFD_KE_HOACH, 3, "Ke\xCC\x82\xCC\x81…" },  /* keeps ê's marks with it */
		{ NFD_KE_HOACH, 8, NFD_KE_HOACH },
		{ "漢字漢字", 5, "漢字…" },
		{ "漢字漢字", 4, "漢…" },                     /* a wide char never half-shown */
		{ "漢字漢字", 2, "…" },
		{ "ab\xFF" "cd", 5, "ab?cd" },
		{ "ab\xFF" "cdef", 4, "ab?…" },
		{ "", 3, "" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char out[64];
		size_t n = text_truncate(out, sizeof out, cases[i].in, strlen(cases[i].in), cases[i].width);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(out));
		assert_true(text_width(out, n) <= cases[i].width);
		assert_true(text_utf8_valid(out, n, NULL));
	}
	/* the byte budget also limits: never a half character */
	char small[6];
	size_t n = text_truncate(small, sizeof small, "Đầu tư công", 19, 40);
	assert_true(n <= 5);
	assert_true(text_utf8_valid(small, n, NULL));
	assert_string_equal(small, "Đ…");
	assert_int_equal(text_truncate(small, 0, "abc", 3, 3), 0);
}

static void test_sanitize(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		unsigned flags;
		const char *want;
	} cases[] = {
		{ "Sở Tài chính", 0, "Sở Tài chính" },
		{ "a\tb\nc\rd", 0, "a b c d" },
		{ "a\tb\r\nc", TEXT_MULTILINE, "a\tb\nc" },
		{ "\x1b[31mred\x1b[0m", 0, "[31mred[0m" },     /* ESC gone: no escape sequence */
		{ "x\x01\x02\x07\x08\x1f" "y", 0, "xy" },
		{ "del\x7F!", 0, "del!" },
		{ "c1\xC2\x80\xC2\x9B\xC2\x9F!", 0, "c1!" },
		{ "\xE2\x80\xAA" "a\xE2\x80\xAB" "b\xE2\x80\xAC" "c\xE2\x80\xAD" "d\xE2\x80\xAE" "e", 0, "abcde" },
		{ "\xE2\x81\xA6" "f\xE2\x81\xA7" "g\xE2\x81\xA8" "h\xE2\x81\xA9", 0, "fgh" },
		{ "ok\xC2\xA0nbsp", 0, "ok\xC2\xA0nbsp" },      /* U+00A0 is not a control */
		{ "bad\xFF\xC3", 0, "bad??" },
		{ NFD_KE_HOACH, 0, NFD_KE_HOACH },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char out[128];
		size_t len = strlen(cases[i].in);
		size_t n = text_sanitize(out, cases[i].in, len, cases[i].flags);
		assert_true(n <= len);
		assert_string_equal(out, cases[i].want);
		/* needs_sanitize says exactly when the single-line form differs */
		text_sanitize(out, cases[i].in, len, 0);
		assert_int_equal(text_needs_sanitize(cases[i].in, len), strcmp(out, cases[i].in) != 0);
	}
	assert_false(text_needs_sanitize("Ủy ban \xE2\x80\xA7 ok", 13)); /* U+2027 is no control */
	assert_true(text_needs_sanitize("Ủy ban \xE2\x80\xA9 ok", 13));  /* U+2029 is a line break */
	assert_true(text_needs_sanitize("a\x9B" "b", 3));
	/* an embedded NUL is a C0 control too */
	char out[8];
	assert_int_equal(text_sanitize(out, "a\0b", 3, 0), 2);
	assert_string_equal(out, "ab");
	char *dup = text_sanitize_dup("x\ny", 0);
	assert_string_equal(dup, "x y");
	free(dup);
}

/* Line breaks however written are one break each: LF on several lines, a
 * space on one (what a calendar's SUMMARY and DESCRIPTION get too). */
static void test_sanitize_lines(void **state)
{
	(void)state;
	static const struct {
		const char *in, *multi, *single;
	} cases[] = {
		{ "a\vb", "a\nb", "a b" },
		{ "a\x01" "b\x7f" "c", "abc", "abc" },
		{ "a\r\nb\rc\fd", "a\nb\nc\nd", "a b c d" },
		{ "a\bb\tc", "ab\tc", "ab c" },
		{ "x\xc2\x85y\xc2\xa0z", "xy\xc2\xa0z", "xy\xc2\xa0z" }, /* C1 NEL dropped, NBSP kept */
		{ "bad \xff\xc3z \xed\xa0\x80 end", "bad ??z ??? end", "bad ??z ??? end" },
		{ "l\xe2\x80\xa8m\xe2\x80\xa9n\xef\xbf\xbd", "l\nm\nn\xef\xbf\xbd", "l m n\xef\xbf\xbd" },
		{ "S\xe2\x80\xaet\xe1\xba\xbf Y\xe2\x81\xa6!\xe2\x80\xac", "Stế Y!", "Stế Y!" },
		/* Vietnamese, precomposed and with combining marks, is kept; a
		 * sequence cut short is not (the copy without decoding) */
		{ "Kế hoạch e\xcc\x81 \xc3\x80", "Kế hoạch e\xcc\x81 \xc3\x80", "Kế hoạch e\xcc\x81 \xc3\x80" },
		{ "a\xe1\xba" "b\xc3", "a??b?", "a??b?" },
		{ "\xe1\xba\xbf\xe1\xbb\xb9\xdf\xbf", "\xe1\xba\xbf\xe1\xbb\xb9\xdf\xbf",
		  "\xe1\xba\xbf\xe1\xbb\xb9\xdf\xbf" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char *m = text_sanitize_dup(cases[i].in, TEXT_MULTILINE), *s = text_sanitize_dup(cases[i].in, 0);
		assert_string_equal(m, cases[i].multi);
		assert_string_equal(s, cases[i].single);
		free(m);
		free(s);
	}
	/* a sequence cut off by len is not read past it */
	char out[8];
	assert_int_equal(text_sanitize(out, "a\xe1\xba\xbf", 3, 0), 3);
	assert_string_equal(out, "a??");
	assert_int_equal(text_sanitize(out, "b\r\n", 2, TEXT_MULTILINE), 2);
	assert_string_equal(out, "b\n");
}

/* What is stored: valid UTF-8 only, no control or bidi characters, NFC,
 * trimmed, and never blank. */
static void test_entry(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		unsigned flags;
		const char *want; /* NULL: refused */
		const char *why;
	} cases[] = {
		{ "Sở Tài chính", 0, "Sở Tài chính", NULL },
		{ "  Sở Y tế \t", 0, "Sở Y tế", NULL },
		{ NFD_KE_HOACH, 0, "Kế hoạch", NULL },
		{ "Sở\x1b]0;owned\x07 Y tế", 0, "Sở]0;owned Y tế", NULL },
		{ "x\xC2\x9B" "2J y", 0, "x2J y", NULL },
		{ "a\xE2\x80\xAE" "b", 0, "ab", NULL },
		{ "dòng 1\r\ndòng 2\x1b", TEXT_MULTILINE, "dòng 1\ndòng 2", NULL },
		{ "dòng 1\ndòng 2", 0, "dòng 1 dòng 2", NULL },
		{ "lone \x9B byte", 0, NULL, "summary: not valid UTF-8 (byte 6)" },
		{ "\xC3", 0, NULL, "summary: not valid UTF-8 (byte 1)" },
		{ "", 0, NULL, "summary is blank" },
		{ "   \t ", 0, NULL, "summary is blank" },
		{ "\xC2\xA0\xE3\x80\x80", 0, NULL, "summary is blank" },           /* no-break, ideographic */
		{ "\xE2\x80\x8B\xE2\x80\x8D\xEF\xBB\xBF", 0, NULL, "summary is blank" }, /* zero width */
		{ "\x1b\x07\x7f", 0, NULL, "summary is blank" },
		{ "\xCC\x81", 0, NULL, "summary is blank" },                        /* a lone mark */
		{ " \xE2\x80\x8B ", TEXT_OPTIONAL, "", NULL },
		{ "\x9B", TEXT_OPTIONAL, NULL, "summary: not valid UTF-8 (byte 1)" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char err[ERR_MAX] = "";
		char *got = text_entry("summary", cases[i].in, cases[i].flags, err);
		if (cases[i].want) {
			assert_non_null(got);
			assert_string_equal(got, cases[i].want);
		} else {
			assert_null(got);
			assert_string_equal(err, cases[i].why);
		}
		free(got);
	}
}

/* Core must not depend on the C locale. */
static void test_locale_independent(void **state)
{
	(void)state;
	char a[64], b[64];
	const char *in = "ĐẦU TƯ 漢";
	text_fold(a, in, strlen(in));
	size_t wa = text_width(in, strlen(in));
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	text_fold(b, in, strlen(in));
	assert_string_equal(a, b);
	assert_int_equal(text_width(in, strlen(in)), wa);
	setlocale(LC_ALL, "C");
	assert_string_equal(a, "dau tu 漢");
}

/* Letter case of Vietnamese text: what the reader of notices asks of a word. */
static void test_case(void **state)
{
	(void)state;
	assert_true(text_starts_upper("Ủy ban"));
	assert_true(text_starts_upper("Đài"));
	assert_false(text_starts_upper("đài"));
	assert_true(text_starts_lower("đơn vị"));
	assert_true(text_starts_lower("ủy ban"));
	assert_true(text_starts_lower("ơn"));
	assert_false(text_starts_lower("1. Sở"));
	assert_false(text_starts_lower(""));
	assert_false(text_starts_upper("\xff"));
	assert_true(text_has_lower("THÔNG BÁO kết luận"));
	assert_false(text_has_lower("THÔNG BÁO 123/TB"));
	assert_true(text_has_upper("số 123 của Sở"));
	assert_false(text_has_upper("không có chữ hoa"));
	char s[] = "ủy ban nhân dân", t[] = "đơn vị", u[] = "123";
	text_capitalise(s);
	text_capitalise(t);
	text_capitalise(u);
	assert_string_equal(s, "Ủy ban nhân dân");
	assert_string_equal(t, "Đơn vị");
	assert_string_equal(u, "123");
	assert_int_equal(text_cp_upper(0x1b0), 0x1af); /* ư */
	assert_int_equal(text_cp_upper('A'), 'A');
}

static void test_ends_with(void **state)
{
	(void)state;
	assert_true(text_ends_with("thực hiện./.", "./."));
	assert_true(text_ends_with("thực hiện./. \n\t", "./."));
	assert_false(text_ends_with("./. thực hiện", "./."));
	assert_false(text_ends_with("/.", "./."));
	assert_true(text_ends_with("anything", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_ends_with),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_decode_encode),
		cmocka_unit_test(test_decompose_compose),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_lower),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_truncate), cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_lines),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_locale_independent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
