#include "tests/unit/testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/i18n.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define FIXTURE "fixtures/thong-bao-ket-luan-lai-chau-2024-04"

static struct agency_table *load_config(void)
{
	struct agency_table *t = agency_table_new();
	char err[ERR_MAX] = "";
	int rc = agency_table_load(t, "../config/agencies.tsv", err);
	if (rc != 0)
		fail_msg("%s", err);
	return t;
}

static bool same_key(const char *a, const char *b)
{
	char *ka = agency_key(a), *kb = agency_key(b);
	bool eq = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return eq;
}

static void test_key_equal(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "Sở Tài chính", "SỞ TÀI CHÍNH" },
		{ "Sở  Tài\tchính ", " sở tài chính" },
		{ "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT" },
		{ "Sở Kế hoạch và Đầu tư", "Sở KH & ĐT" },
		{ "Sở Kế hoạch và Đầu tư", "Sở KHĐT" },
		{ "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch & Đầu tư" },
		{ "Sở Kế hoạch và Đầu tư", "So\xCC\x9B\xCC\x89 Ke\xCC\x82\xCC\x81 hoa\xCC\xA3" "ch va\xCC\x80 \xC4\x90\xC3\xA2\xCC\x80u tu\xCC\x9B" },
		{ "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh" },
		{ "UBND tỉnh", "Ủy ban nhân dân tỉnh" },
		{ "UBND tỉnh", "Uỷ ban Nhân dân Tỉnh" },
		{ "HĐND tỉnh", "Hội đồng nhân dân tỉnh" },
		{ "Ủy ban MTTQ Việt Nam tỉnh", "Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh" },
		{ "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT" },
		{ "Sở Thông tin và Truyền thông", "Sở TT&TT" },
		{ "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH" },
		{ "Sở Lao động - Thương binh và Xã hội", "Sở LĐTB&XH" },
		{ "Sở Lao động - Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội" },
		{ "Sở Lao động - Thương binh và Xã hội", "Sở Lao động—Thương binh và Xã hội" },
		{ "Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội" },
		{ "Sở Giáo dục và Đào tạo", "Sở GD&ĐT" },
		{ "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL" },
		{ "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL" },
		{ "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hoá – Thể thao và Du lịch" },
		{ "Sở Tài nguyên và Môi trường", "Sở TN&MT" },
		{ "Sở Giao thông vận tải", "Sở GTVT" },
		{ "Sở Khoa học và Công nghệ", "Sở KH&CN" },
		{ "UBND thành phố Lai Châu", "UBND TP Lai Châu" },
		{ "UBND thành phố Lai Châu", "UBND TP. Lai Châu" },
		{ "các nhà máy thủy điện", "các nhà máy thuỷ điện" },
		{ "Hòa Bình", "Hoà Bình" },
		{ "Thanh Hóa", "Thanh Hoá" },
		{ "khỏe", "khoẻ" },
		{ "Tùy", "Tuỳ" },
		{ "Ban Chỉ huy phòng chống thiên tai & tìm kiếm cứu nạn",
		  "Ban chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn" },
		{ "(Sở Tài chính)", "Sở Tài chính" },
		{ "Văn phòng UBND tỉnh", "VP UBND tỉnh" },
	};
	for (size_t i = 0; i < COUNT(pairs); i++) {
		char *a = agency_key(pairs[i][0]), *b = agency_key(pairs[i][1]);
		if (strcmp(a, b) != 0)
			fail_msg("'%s' -> '%s' but '%s' -> '%s'", pairs[i][0], a, pairs[i][1], b);
		free(a);
		free(b);
	}
	char *k = agency_key("UBND Tỉnh");
	assert_string_equal(k, "uỷ ban nhân dân tỉnh");
	free(k);
	k = agency_key("");
	assert_string_equal(k, "");
	free(k);
}

static void test_key_different(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "Sở Tài chính", "Sở Tư pháp" },
		{ "UBND huyện Tam Đường", "UBND các huyện, thành phố" },
		{ "UBND các huyện", "UBND các huyện, thành phố" },
		{ "Sở Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư" },
		{ "Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư" },
		{ "Bộ Chỉ huy Quân sự tỉnh", "Ban Chỉ huy Quân sự huyện" },
		{ "Công an tỉnh", "Công an huyện" },
		{ "hòa", "hỏa" },
		{ "hoa", "hóa" },
		{ "Sở Nông nghiệp và Môi trường", "Sở Tài nguyên và Môi trường" },
		{ "Sở Y tế", "Sở Y tê" },
		{ "UBND tỉnh", "HĐND tỉnh" },
	};
	for (size_t i = 0; i < COUNT(pairs); i++)
		if (same_key(pairs[i][0], pairs[i][1]))
			fail_msg("'%s' and '%s' should differ", pairs[i][0], pairs[i][1]);
}

static void test_bch(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "BCH Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" },
		{ "BCH BĐBP tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" },
		{ "BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh" },
		{ "BCH Quân sự huyện Sìn Hồ", "Ban Chỉ huy Quân sự huyện Sìn Hồ" },
		{ "BCH Đoàn tỉnh", "Ban Chấp hành Đoàn tỉnh" },
		{ "BCH Hội Nông dân tỉnh", "Ban Chấp hành Hội Nông dân tỉnh" },
		{ "BCH Hội Liên hiệp Phụ nữ", "Ban Chấp hành Hội Liên hiệp Phụ nữ" },
		{ "BCH Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh" },
		{ "BCH Công đoàn ngành", "Ban Chấp hành Công đoàn ngành" },
		{ "BCH phòng chống thiên tai và TKCN", "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn" },
		{ "BCH PCTT&TKCN tỉnh", "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh" },
		{ "B.C.H Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh" },
		{ "BCH công trình thủy điện", "Ban Chỉ huy công trình thủy điện" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char *a = agency_key(cases[i].text), *b = agency_key(cases[i].want);
		if (strcmp(a, b) != 0)
			fail_msg("'%s' -> '%s', want '%s'", cases[i].text, a, b);
		free(a);
		free(b);
	}
	/* unresolved: stays "bch", equal to nothing written out */
	char *k = agency_key("BCH xyz");
	assert_string_equal(k, "bch xyz");
	free(k);
	assert_false(same_key("BCH Quân sự tỉnh", "Ban Chấp hành Quân sự tỉnh"));
	assert_false(same_key("BCH Đoàn tỉnh", "Bộ Chỉ huy Đoàn tỉnh"));
}

static void test_kinds(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum agency_kind kind;
	} cases[] = {
		{ "Sở Tài chính", AGENCY_SO_BAN_NGANH },
		{ "Ban Dân tộc tỉnh", AGENCY_SO_BAN_NGANH },
		{ "Cục Thuế tỉnh", AGENCY_SO_BAN_NGANH },
		{ "Văn phòng UBND tỉnh", AGENCY_SO_BAN_NGANH },
		{ "UBND huyện Tam Đường", AGENCY_UBND_HUYEN },
		{ "UBND TP Lai Châu", AGENCY_UBND_HUYEN },
		{ "Ủy ban nhân dân xã Bản Bo", AGENCY_UBND_HUYEN },
		{ "Công an tỉnh", AGENCY_LUC_LUONG_VU_TRANG },
		{ "BCH Bộ đội Biên phòng tỉnh", AGENCY_LUC_LUONG_VU_TRANG },
		{ "Bộ Chỉ huy Quân sự tỉnh", AGENCY_LUC_LUONG_VU_TRANG },
		{ "UBND các huyện, thành phố", AGENCY_NHOM },
		{ "các sở, ban, ngành liên quan", AGENCY_NHOM },
		{ "Các đơn vị liên quan", AGENCY_NHOM },
		{ "Thủ trưởng các sở, ban, ngành tỉnh", AGENCY_NHOM },
		{ "Chủ tịch UBND các huyện, thành phố", AGENCY_NHOM },
		{ "Ban quản lý dự án các công trình giao thông", AGENCY_SO_BAN_NGANH },
		{ "UBND tỉnh", AGENCY_KHAC },
		{ "Tổng Công ty Điện lực Việt Nam", AGENCY_KHAC },
		{ "BCH Đoàn tỉnh", AGENCY_KHAC },
		{ "", AGENCY_KHAC },
	};
	for (size_t i = 0; i < COUNT(cases); i++)
		if (agency_kind_guess(cases[i].name) != cases[i].kind)
			fail_msg("'%s': guessed %s, want %s", cases[i].name,
				 agency_kind_name(agency_kind_guess(cases[i].name)), agency_kind_name(cases[i].kind));
	enum agency_kind k;
	for (int i = 0; i < AGENCY_KIND_COUNT; i++) {
		assert_int_equal(agency_kind_parse(agency_kind_name((enum agency_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(agency_kind_parse("sở", &k), -1);
	assert_string_equal(agency_kind_name(AGENCY_KIND_COUNT), "?");
}

/* Checks one "agency" line of the shipped file (fields split at tabs)
 * against the loaded table: its name, short name and aliases all find the
 * entry, which has the kind stated, and the guess agrees with that kind. */
static void check_config_line(const struct agency_table *t, char **f, size_t n)
{
	const struct agency *a = agency_table_match(t, f[2]);
	if (!a || strcmp(a->name, f[2]) != 0)
		fail_msg("'%s' does not find its own entry", f[2]);
	enum agency_kind k;
	assert_int_equal(agency_kind_parse(f[1], &k), 0);
	if (a->kind != k || agency_kind_guess(a->name) != k)
		fail_msg("'%s': guessed %s, config says %s", a->name, agency_kind_name(agency_kind_guess(a->name)),
			 agency_kind_name(k));
	if (strcmp(f[3], "-") != 0) {
		assert_string_equal(a->short_name, f[3]);
		assert_ptr_equal(agency_table_match(t, f[3]), a);
	}
	for (char *alias = n > 4 ? strtok(f[4], "|") : NULL; alias; alias = strtok(NULL, "|")) {
		alias += strspn(alias, " ");
		alias[strcspn(alias, "\r")] = '\0';
		for (size_t e = strlen(alias); e && alias[e - 1] == ' ';)
			alias[--e] = '\0';
		assert_ptr_equal(agency_table_match(t, alias), a);
	}
}

/* The shipped table loads: every agency it lists is found by each of its
 * names, with its kind, which the guess agrees with. */
static void test_config_table(void **state)
{
	(void)state;
	struct agency_table *t = load_config();
	char *text = test_slurp("../config/agencies.tsv", NULL), *save = NULL;
	size_t agencies = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "agency\t", 7) != 0)
			continue;
		char *f[5] = { 0 };
		size_t n = 0;
		for (char *p = line; p && n < 5; n++) {
			f[n] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		assert_true(n >= 4);
		check_config_line(t, f, n);
		agencies++;
	}
	assert_true(agencies >= 50);
	free(text);
	static const struct {
		const char *text, *want; /* want NULL: no match */
	} cases[] = {
		{ "Sở KH&ĐT", "Sở Kế hoạch và Đầu tư" },
		{ "SKHĐT", "Sở Kế hoạch và Đầu tư" },
		{ "Sở Tài chính tỉnh Lai Châu", "Sở Tài chính" },
		{ "Sở Tài chính tỉnh", "Sở Tài chính" },
		{ "Cục Thuế", "Cục Thuế tỉnh" },
		{ "Công an tỉnh Lai Châu", "Công an tỉnh" },
		{ "Ủy ban nhân dân các huyện, thành phố", "UBND các huyện, thành phố" },
		{ "UBND các huyện, thị xã, thành phố", "UBND các huyện, thành phố" },
		{ "BCH Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" },
		{ "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh" },
		{ "Sở Văn hóa – Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch" },
		{ "Sở Công thương", "Sở Công Thương" },
		{ "Sở Tư pháp", "Sở Tư pháp" },
		{ "Sở Tài chính, Cục Thuế tỉnh", NULL },
		{ "Bộ Tài chính", NULL },
		{ "", NULL },
		{ "Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các huyện, thành phố", NULL },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		const struct agency *a = agency_table_match(t, cases[i].text);
		if (!cases[i].want) {
			if (a)
				fail_msg("'%s' should match nothing, matched '%s'", cases[i].text, a->name);
			continue;
		}
		if (!a || strcmp(a->name, cases[i].want) != 0)
			fail_msg("'%s' matched '%s', want '%s'", cases[i].text, a ? a->name : "(none)", cases[i].want);
	}
	agency_table_free(t);
}

static void test_runtime_add(void **state)
{
	(void)state;
	struct agency_table *t = load_config();
	const struct agency *known = agency_table_match(t, "Sở Kế hoạch và Đầu tư");
	/* the database knows an agency from the config: same entry, id filled */
	const struct agency *a = agency_table_add(t, "Sở KH&ĐT", NULL, AGENCY_SO_BAN_NGANH, 7);
	assert_ptr_equal(a, known);
	assert_string_equal(a->name, "Sở Kế hoạch và Đầu tư");
	assert_int_equal(a->id, 7);
	/* and a new one */
	assert_null(agency_table_match(t, "Trường Cao đẳng Cộng đồng Lai Châu"));
	const struct agency *b = agency_table_add(t, "Trường Cao đẳng Cộng đồng Lai Châu", "CĐCĐ", AGENCY_KHAC, 9);
	assert_ptr_equal(agency_table_match(t, "trường cao đẳng cộng đồng lai châu"), b);
	assert_ptr_equal(agency_table_match(t, "CĐCĐ"), b);
	char err[ERR_MAX];
	assert_int_equal(agency_table_add_alias(t, "Trường Cao đẳng Cộng đồng Lai Châu", "Trường CĐCĐ", err), 0);
	assert_ptr_equal(agency_table_match(t, "Trường CĐCĐ"), b);
	assert_int_equal(agency_table_add_alias(t, "Không có", "x", err), -1);
	assert_non_null(strstr(err, "not known"));
	assert_int_equal(agency_table_add_alias(t, "Sở Tài chính", "Sở Tư pháp", err), -1);
	assert_non_null(strstr(err, "already names"));
	/* abbreviations added at run time */
	assert_int_equal(agency_table_add_abbrev(t, "CĐCĐLC", "Trường Cao đẳng Cộng đồng Lai Châu", err), 0);
	assert_ptr_equal(agency_table_match(t, "CĐCĐLC"), b);
	assert_int_equal(agency_table_add_abbrev(t, "B.C.H", "x", err), -1);
	assert_int_equal(agency_table_add_abbrev(t, "A B", "x", err), -1);
	assert_int_equal(agency_table_add_abbrev(t, "AB", "", err), -1);
	agency_table_free(t);
	agency_table_free(NULL);
}

static void test_file_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "# c\nagency\tso_ban_nganh\tSở A\t-\nfoo\tbar\n", "t.tsv:3: unknown record 'foo'" },
		{ "agency\tso_ban_nganh\tSở A\n", "t.tsv:1: agency: expected 4 or 5 tab-separated fields, found 3" },
		{ "\n\nagency\tsở\tSở A\t-\n", "t.tsv:3: unknown kind 'sở'" },
		{ "agency\tkhac\t\t-\n", "t.tsv:1: empty agency name" },
		{ "agency\tkhac\t-- ; --\t-\n", "t.tsv:1: agency name '-- ; --' has no letters" },
		{ "agency\tso_ban_nganh\tSở KH&ĐT\t-\nagency\tso_ban_nganh\tSở Kế hoạch và Đầu tư\t-\n",
		  "t.tsv:2: agency 'Sở Kế hoạch và Đầu tư' is already listed as 'Sở KH&ĐT'" },
		{ "agency\tkhac\tA\t-\nagency\tkhac\tB\t-\tX | A\n", "t.tsv:2: alias 'A' already names 'A'" },
		{ "agency\tkhac\tA\xFF\t-\n", "t.tsv:1: invalid UTF-8 at byte 14" },
		{ "abbrev\tBCH\tBan chỉ huy\n", "t.tsv:1: abbreviation 'BCH' cannot be redefined" },
		{ "abbrev\tX Y\tz\n", "t.tsv:1: abbreviation 'X Y': expected one word" },
		{ "abbrev\tXY\n", "t.tsv:1: abbrev: expected 3 tab-separated fields, found 2" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		struct agency_table *t = agency_table_new();
		char err[ERR_MAX] = "";
		assert_int_equal(agency_table_load_string(t, cases[i].text, "t.tsv", err), -1);
		if (strncmp(err, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("got '%s', want '%s'", err, cases[i].want);
		agency_table_free(t);
	}
	struct agency_table *t = agency_table_new();
	char err[ERR_MAX] = "";
	assert_int_equal(agency_table_load(t, "fixtures/no-such-file.tsv", err), -1);
	assert_string_equal(err, "fixtures/no-such-file.tsv: cannot open: No such file or directory");
	/* one language at a time: Vietnamese when it is chosen */
	i18n_set_messages(LANG_VI);
	assert_int_equal(agency_table_load(t, "fixtures/no-such-file.tsv", err), -1);
	assert_string_equal(err, "fixtures/no-such-file.tsv: không mở được: không có tệp hoặc thư mục này");
	assert_int_equal(agency_table_load_string(t, "abbrev\tXY\n", "t.tsv", err), -1);
	i18n_set_messages(LANG_EN);
	assert_string_equal(err, "t.tsv:1: abbrev: cần 3 trường cách nhau bằng Tab, có 2");
	/* CRLF, spaces around fields, comments and aliases are fine */
	assert_int_equal(agency_table_load_string(t, "# x\r\n\r\nagency\t khac \tA\t-\tB | C\r\nabbrev\tQQ\tA\r\n", "t", err), 0);
	const struct agency *only = agency_table_match(t, "A");
	assert_non_null(only);
	assert_ptr_equal(agency_table_match(t, "C"), only);
	assert_ptr_equal(agency_table_match(t, "QQ"), only);
	agency_table_free(t);
}

/* ---- splitting: every lead/cooperating cell of the fixture ---------------- */

struct cell_case {
	const char *section;
	const char *lead, *coop; /* as the notice writes them; coop NULL: '-' */
};

/* The words of the notice that name the lead and cooperating agencies. */
static const struct cell_case fixture_cells[] = {
	{ "I.2.1", "Sở Kế hoạch và Đầu tư", "các sở, ngành, địa phương" },
	{ "I.2.2 (1)", "Sở Nông nghiệp và Phát triển nông thôn", "với UBND các huyện, thành phố" },
	{ "I.2.2 (2)", "Sở Kế hoạch và Đầu tư", NULL },
	{ "I.2.2 (3)", "Sở Công Thương", "với Tổng Công ty Điện lực Việt Nam, các nhà máy thủy điện" },
	{ "I.2.2 (4)", "Sở Tài chính, Cục Thuế tỉnh", NULL },
	{ "I.2.2 (5)", "Sở Kế hoạch và Đầu tư", "các sở, ban, ngành liên quan; UBND các huyện, thành phố" },
	{ "I.2.2 (6)",
	  "Sở Giao thông vận tải, Ban quản lý dự án các công trình giao thông, UBND huyện Tam Đường; UBND các huyện, thành phố",
	  NULL },
	{ "I.2.2 (7)", "Sở Tài nguyên và Môi trường", NULL },
	{ "I.2.3 (1)", "Sở Giáo dục và Đào tạo", NULL },
	{ "I.2.3 (2)",
	  "Sở Văn hóa – Thể thao và Du lịch, Sở Thông tin và Truyền thông, các sở, ngành liên quan; UBND các huyện, thành phố",
	  NULL },
	{ "I.2.3 (3)", "Sở Lao động - Thương binh và Xã hội", NULL },
	{ "I.2.3 (4)", "Sở Xây dựng", "với Sở Lao động - Thương binh và Xã hội, Ủy ban MTTQ Việt Nam tỉnh" },
	{ "I.2.4", "Sở Nội vụ, Sở Kế hoạch và Đầu tư", NULL },
	{ "I.2.5 (1)", "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, BCH Bộ đội Biên phòng tỉnh", NULL },
	{ "I.2.5 (2)", "Bộ Chỉ huy Quân sự tỉnh", "các đơn vị liên quan; UBND các huyện" },
	{ "I.2.6", "Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các huyện, thành phố", NULL },
	{ "II.1", "Sở Thông tin và Truyền thông", NULL },
	{ "II.2", "Sở Thông tin và Truyền thông", NULL },
	{ "II.3", "Sở Giáo dục và Đào tạo, Văn phòng UBND tỉnh", NULL },
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split `text`, compare with the '; '-separated expected cell as a set of keys;
 * every name must also be a known agency. */
static void check_split(const struct agency_table *known, const struct agency_table *config, const char *section,
			const char *text, const char *cell)
{
	size_t n;
	char **names = agency_split_list(text, known, &n);
	char *want[16];
	size_t nw = 0;
	if (strcmp(cell, "-") != 0) {
		char *copy = strdup(cell);
		char *save = NULL;
		for (char *p = strtok_r(copy, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
			assert_true(nw < 16);
			want[nw++] = agency_key(p);
		}
		free(copy);
	}
	if (n != nw) {
		for (size_t i = 0; i < n; i++)
			print_message("  got: %s\n", names[i]);
		fail_msg("%s: '%s' split into %zu names, want %zu (%s)", section, text, n, nw, cell);
	}
	char *got[16];
	for (size_t i = 0; i < n; i++) {
		got[i] = agency_key(names[i]);
		if (!agency_table_match(config, names[i]))
			fail_msg("%s: '%s' is not a known agency", section, names[i]);
		/* names are kept as written: each is a piece of the text */
		assert_non_null(strstr(text, names[i]));
	}
	qsort(got, n, sizeof *got, cmp_str);
	qsort(want, nw, sizeof *want, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(got[i], want[i]) != 0)
			fail_msg("%s: got '%s', want '%s'", section, got[i], want[i]);
		free(got[i]);
		free(want[i]);
	}
	agency_list_free(names);
}

static void test_split_fixture(void **state)
{
	(void)state;
	struct agency_table *config = load_config();
	char *notice = test_slurp(FIXTURE ".md", NULL);
	char *tsv = test_slurp(FIXTURE ".expected.tsv", NULL);
	size_t rows = 0;
	bool header = true;
	char *save = NULL;
	for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		if (header) {
			header = false;
			continue;
		}
		char *col[7];
		size_t nc = 0;
		for (char *p = line; nc < 7;) {
			col[nc++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		assert_int_equal(nc, 7);
		const struct cell_case *c = NULL;
		for (size_t i = 0; i < COUNT(fixture_cells); i++)
			if (strcmp(fixture_cells[i].section, col[0]) == 0)
				c = &fixture_cells[i];
		if (!c)
			fail_msg("no split case for section %s", col[0]);
		/* the cases are the notice's own words */
		assert_non_null(strstr(notice, c->lead));
		if (c->coop)
			assert_non_null(strstr(notice, c->coop));
		for (int with_table = 0; with_table < 2; with_table++) {
			const struct agency_table *known = with_table ? config : NULL;
			check_split(known, config, col[0], c->lead, col[1]);
			check_split(known, config, col[0], c->coop ? c->coop : "", col[2]);
			/* the expected cells themselves ('; ' between) split the same way */
			check_split(known, config, col[0], col[1], col[1]);
		}
		rows++;
	}
	assert_int_equal(rows, COUNT(fixture_cells));
	free(notice);
	free(tsv);
	agency_table_free(config);
}

static void test_split_more(void **state)
{
	(void)state;
	struct agency_table *config = load_config();
	static const struct {
		const char *text;
		const char *want[6];
	} cases[] = {
		{ "Sở Tài chính và Cục Thuế tỉnh", { "Sở Tài chính", "Cục Thuế tỉnh" } },
		{ "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", { "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế" } },
		{ "các sở, ban, ngành tỉnh; UBND các huyện, thành phố và các đơn vị có liên quan",
		  { "các sở, ban, ngành tỉnh", "UBND các huyện, thành phố", "các đơn vị có liên quan" } },
		{ "Văn phòng Đoàn ĐBQH và HĐND tỉnh", { "Văn phòng Đoàn ĐBQH và HĐND tỉnh" } },
		{ "Sở Nội vụ và Sở Tư pháp", { "Sở Nội vụ", "Sở Tư pháp" } },
		{ "UBND các huyện, thành phố, Sở Y tế", { "UBND các huyện, thành phố", "Sở Y tế" } },
		{ "  Sở Tài chính,\n  Cục Thuế\n tỉnh.  ", { "Sở Tài chính", "Cục Thuế tỉnh" } },
		{ "cùng các sở, ban, ngành, đoàn thể tỉnh", { "các sở, ban, ngành, đoàn thể tỉnh" } },
		{ "Sở Tài chính va\xCC\x80 Cục Thuế tỉnh", { "Sở Tài chính", "Cục Thuế tỉnh" } }, /* NFD "và" */
		{ "- Sở Kế hoạch và Đầu tư:", { "Sở Kế hoạch và Đầu tư" } },
		{ "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh",
		  { "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh" } },
		{ ",,;; ", { NULL } },
		{ "", { NULL } },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		size_t n;
		char **names = agency_split_list(cases[i].text, config, &n);
		size_t nw = 0;
		while (nw < 6 && cases[i].want[nw])
			nw++;
		if (n != nw)
			fail_msg("'%s': %zu names, want %zu", cases[i].text, n, nw);
		for (size_t k = 0; k < n; k++)
			assert_string_equal(names[k], cases[i].want[k]);
		assert_null(names[n]);
		agency_list_free(names);
	}
	agency_list_free(NULL);
	agency_table_free(config);
}

/* The whole (not partial) successor the list gives `name` on `day`, as
 * `agencies apply-successors` reads it; NULL when none. */
static const struct agency_successor *successor_of(const struct agency_successors *s, const char *name,
						 civil_day day)
{
	char *key = agency_key(name);
	const struct agency_successor *found = NULL;
	for (size_t i = 0; i < s->n && !found; i++) {
		char *from = agency_key(s->items[i].from);
		if (!s->items[i].partial && s->items[i].effective <= day && strcmp(from, key) == 0)
			found = &s->items[i];
		free(from);
	}
	free(key);
	return found;
}

static void test_successors(void **state)
{
	(void)state;
	struct agency_successors s;
	agency_successors_init(&s);
	char err[ERR_MAX] = "";
	if (agency_successors_load(&s, "../config/successors.tsv", err) != 0)
		fail_msg("%s", err);
	assert_true(s.n >= 8);
	civil_day eff = date_from_ymd(2025, 3, 1);
	static const struct {
		const char *from, *to;
	} cases[] = {
		{ "Sở KH&ĐT", "Sở Tài chính" },
		{ "Sở NN&PTNT", "Sở Nông nghiệp và Môi trường" },
		{ "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường" },
		{ "Sở TT&TT", "Sở Khoa học và Công nghệ" },
		{ "Sở GTVT", "Sở Xây dựng" },
		{ "Cục Thuế tỉnh", "Thuế tỉnh" },
		{ "Sở LĐ-TB&XH", "Sở Nội vụ" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		const struct agency_successor *it = successor_of(&s, cases[i].from, eff);
		assert_non_null(it);
		assert_string_equal(it->to, cases[i].to);
		assert_int_equal(it->effective, eff);
		assert_null(successor_of(&s, cases[i].from, eff - 1));
	}
	assert_null(successor_of(&s, "Sở Tài chính", eff));
	bool part_to_yte = false;
	for (size_t i = 0; i < s.n; i++)
		if (s.items[i].partial && strcmp(s.items[i].to, "Sở Y tế") == 0)
			part_to_yte = true;
	assert_true(part_to_yte);
	/* every name in the file is a known agency */
	struct agency_table *t = load_config();
	for (size_t i = 0; i < s.n; i++) {
		assert_non_null(agency_table_match(t, s.items[i].from));
		assert_non_null(agency_table_match(t, s.items[i].to));
	}
	agency_table_free(t);
	agency_successors_release(&s);

	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "A\tB\n", "s.tsv:1: expected 3 to 5 tab-separated fields, found 2" },
		{ "# x\nA\tB\t2025-02-30\n", "s.tsv:2: effective date '2025-02-30': " },
		{ "A\tB\t2025-03-01\thalf\n", "s.tsv:1: share 'half': expected all or part" },
		{ "Sở KH&ĐT\tSở Kế hoạch và Đầu tư\t2025-03-01\n", "s.tsv:1: agency 'Sở KH&ĐT' cannot succeed itself" },
		{ "\tB\t2025-03-01\n", "s.tsv:1: empty agency name" },
	};
	for (size_t i = 0; i < COUNT(bad); i++) {
		agency_successors_init(&s);
		assert_int_equal(agency_successors_load_string(&s, bad[i].text, "s.tsv", err), -1);
		if (strncmp(err, bad[i].want, strlen(bad[i].want)) != 0)
			fail_msg("got '%s', want '%s'", err, bad[i].want);
		agency_successors_release(&s);
	}
	assert_int_equal(agency_successors_load(&s, "fixtures/none.tsv", err), -1);
	assert_non_null(strstr(err, "fixtures/none.tsv: cannot open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_equal),
		cmocka_unit_test(test_key_different),
		cmocka_unit_test(test_bch),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_config_table),
		cmocka_unit_test(test_runtime_add),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_split_fixture),
		cmocka_unit_test(test_split_more),
		cmocka_unit_test(test_successors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
