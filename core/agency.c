#include "core/agency.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency_internal.h"
#include "core/err.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- kinds ------------------------------------------------------------------ */

static const char *const kind_names[AGENCY_KIND_COUNT] = {
	"so_ban_nganh", "ubnd_huyen", "luc_luong_vu_trang", "nhom", "khac",
};

const char *agency_kind_name(enum agency_kind kind)
{
	return (unsigned)kind < AGENCY_KIND_COUNT ? kind_names[kind] : "?";
}

int agency_kind_parse(const char *name, enum agency_kind *out)
{
	for (int i = 0; i < AGENCY_KIND_COUNT; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (enum agency_kind)i;
			return 0;
		}
	}
	return -1;
}

/* ---- abbreviations ------------------------------------------------------------ */

struct abbrev {
	const char *abbr;      /* as written; compared after abbrev_norm */
	const char *expansion; /* lowercase NFC */
};

/* The abbreviations of Vietnamese administrative documents. BCH is not here:
 * bch_resolve() decides it from the words that follow. */
static const struct abbrev builtin_abbrevs[] = {
	{ "UBND", "ủy ban nhân dân" },
	{ "HĐND", "hội đồng nhân dân" },
	{ "MTTQ", "mặt trận tổ quốc" },
	{ "MTTQVN", "mặt trận tổ quốc việt nam" },
	{ "UBMTTQ", "ủy ban mặt trận tổ quốc" },
	{ "UBMTTQVN", "ủy ban mặt trận tổ quốc việt nam" },
	{ "UB", "ủy ban" },
	{ "KH&ĐT", "kế hoạch và đầu tư" },
	{ "NN&PTNT", "nông nghiệp và phát triển nông thôn" },
	{ "PTNT", "phát triển nông thôn" },
	{ "NN&MT", "nông nghiệp và môi trường" },
	{ "TT&TT", "thông tin và truyền thông" },
	{ "LĐ-TB&XH", "lao động thương binh và xã hội" },
	{ "GD&ĐT", "giáo dục và đào tạo" },
	{ "VH-TT&DL", "văn hóa thể thao và du lịch" },
	{ "TN&MT", "tài nguyên và môi trường" },
	{ "GTVT", "giao thông vận tải" },
	{ "KH&CN", "khoa học và công nghệ" },
	{ "DT&TG", "dân tộc và tôn giáo" },
	{ "TP", "thành phố" },
	{ "TX", "thị xã" },
	{ "VP", "văn phòng" },
	{ "CHQS", "chỉ huy quân sự" },
	{ "BCHQS", "bộ chỉ huy quân sự" },
	{ "BĐBP", "bộ đội biên phòng" },
	{ "ĐBQH", "đại biểu quốc hội" },
	{ "QH", "quốc hội" },
	{ "TW", "trung ương" },
	{ "BQL", "ban quản lý" },
	{ "BQLDA", "ban quản lý dự án" },
	{ "PCTT&TKCN", "phòng chống thiên tai và tìm kiếm cứu nạn" },
	{ "PCTT", "phòng chống thiên tai" },
	{ "TKCN", "tìm kiếm cứu nạn" },
	{ "BHXH", "bảo hiểm xã hội" },
	{ "KBNN", "kho bạc nhà nước" },
	{ "NHNN", "ngân hàng nhà nước" },
	{ "LĐLĐ", "liên đoàn lao động" },
	{ "HLHPN", "hội liên hiệp phụ nữ" },
	{ "CCB", "cựu chiến binh" },
	{ "TNCS", "thanh niên cộng sản" },
	{ "BCĐ", "ban chỉ đạo" },
	{ "PCT", "phó chủ tịch" },
	{ "CTMTQG", "chương trình mục tiêu quốc gia" },
};

/* Lowercase abbreviation with '&', '-', '.' and the dashes dropped. */
char *agency_abbrev_norm(const char *s, size_t len)
{
	char *low = xmalloc(len + 1);
	text_lower(low, s, len);
	struct strbuf b = STRBUF_INIT;
	size_t i = 0;
	while (low[i]) {
		uint32_t cp;
		size_t k = text_utf8_decode(low + i, strlen(low + i), &cp);
		if (!(cp == '&' || cp == '-' || cp == '.' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212))
			strbuf_addn(&b, low + i, k);
		i += k;
	}
	free(low);
	return strbuf_take(&b);
}

static const char *abbrev_lookup(const struct abbrev_set *extra, const char *norm)
{
	if (!*norm)
		return NULL;
	if (extra) {
		for (size_t i = extra->n; i-- > 0;)
			if (strcmp(extra->abbr[i], norm) == 0)
				return extra->expansion[i];
	}
	static char *builtin_norm[COUNT(builtin_abbrevs)];
	static bool ready;
	if (!ready) {
		for (size_t i = 0; i < COUNT(builtin_abbrevs); i++)
			builtin_norm[i] = agency_abbrev_norm(builtin_abbrevs[i].abbr, strlen(builtin_abbrevs[i].abbr));
		ready = true;
	}
	for (size_t i = 0; i < COUNT(builtin_abbrevs); i++)
		if (strcmp(builtin_norm[i], norm) == 0)
			return builtin_abbrevs[i].expansion;
	return NULL;
}

/* ---- key -------------------------------------------------------------------- */

static bool is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static bool is_ws(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

/* Punctuation that separates words in a key ('&' and dashes are handled apart). */
static bool is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp != '&' && cp != '-' && ((cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
						  (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E) ||
						  cp < 0x20 || cp == 0x7F);
	return (cp >= 0x2016 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB || cp == 0xB7 || cp == TEXT_BAD_CP ||
	       (cp >= 0x80 && cp < 0xA0);
}

static bool is_tone(uint32_t m)
{
	return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323;
}

static bool is_shape(uint32_t m)
{
	return m == 0x302 || m == 0x306 || m == 0x31B;
}

static bool is_vowel(uint32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Appends one lowercase NFC word with the tone of "oa", "oe", "uy" at the end
 * of the word placed on the second vowel (hòa -> hoà, thủy -> thuỷ). */
static void word_tone_add(struct strbuf *b, const char *w, size_t len)
{
	enum { MAXL = 24 };
	uint32_t base[MAXL], shape[MAXL], tone[MAXL];
	size_t n = 0, tones = 0, i = 0;
	while (i < len) {
		uint32_t cp, d[4];
		i += text_utf8_decode(w + i, len - i, &cp);
		if (n == MAXL || cp == TEXT_BAD_CP)
			goto asis;
		size_t k = text_decompose(cp, d);
		if (text_combining_class(d[0]) != 0)
			goto asis;
		base[n] = d[0], shape[n] = 0, tone[n] = 0;
		for (size_t j = 1; j < k; j++) {
			if (is_tone(d[j]) && !tone[n])
				tone[n] = d[j], tones++;
			else if (is_shape(d[j]) && !shape[n])
				shape[n] = d[j];
			else
				goto asis;
		}
		n++;
	}
	if (tones != 1 || n < 2)
		goto asis;
	size_t a = n - 2, z = n - 1;
	if (!is_vowel(base[z]) || !is_vowel(base[a]) || shape[a] || shape[z] || (n >= 3 && is_vowel(base[n - 3])))
		goto asis;
	if (!((base[a] == 'o' && (base[z] == 'a' || base[z] == 'e')) || (base[a] == 'u' && base[z] == 'y')))
		goto asis;
	if (tone[a]) {
		tone[z] = tone[a];
		tone[a] = 0;
	}
	for (size_t j = 0; j < n; j++) {
		uint32_t c = base[j];
		if (shape[j])
			c = text_compose(c, shape[j]);
		if (c && tone[j])
			c = text_compose(c, tone[j]);
		if (!c)
			goto asis;
		base[j] = c;
	}
	for (size_t j = 0; j < n; j++) {
		char enc[4];
		strbuf_addn(b, enc, text_utf8_encode(base[j], enc));
	}
	return;
asis:
	strbuf_addn(b, w, len);
}

struct token {
	const char *s; /* in the prepared string */
	size_t len;
	size_t core_off, core_len; /* without surrounding punctuation */
};

/* Folded ASCII of the words after token i (abbreviations expanded), at most 4. */
static char *following_folded(const struct abbrev_set *extra, const struct token *tok, size_t n, size_t i)
{
	struct strbuf b = STRBUF_INIT;
	for (size_t j = i + 1; j < n && j < i + 5; j++) {
		char *norm = agency_abbrev_norm(tok[j].s + tok[j].core_off, tok[j].core_len);
		const char *exp = abbrev_lookup(extra, norm);
		if (b.len)
			strbuf_add(&b, " ");
		if (exp)
			strbuf_add(&b, exp);
		else
			strbuf_addn(&b, tok[j].s, tok[j].len);
		free(norm);
	}
	char *raw = strbuf_take(&b);
	/* punctuation to spaces, then fold */
	for (char *p = raw; *p; p++)
		if ((unsigned char)*p < 0x80 && *p != ' ' && !(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') &&
		    !(*p >= 'A' && *p <= 'Z') && !((unsigned char)*p & 0x80))
			*p = ' ';
	char *f = text_fold_dup(raw);
	free(raw);
	return f;
}

bool agency_starts_word(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

bool agency_starts_any(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (agency_starts_word(s, list[i]))
			return true;
	return false;
}

static const char *bch_resolve(const char *f)
{
	static const char *const bo_chi_huy[] = {
		"bo doi bien phong", "bien phong", "quan su tinh", "quan su",
	};
	static const char *const ban_chi_huy_qs[] = {
		"quan su huyen", "quan su thanh pho", "quan su thi xa", "quan su xa", "quan su phuong",
		"quan su thi tran", "quan su quan", "quan su co quan", "quan su truong",
	};
	static const char *const ban_chap_hanh[] = {
		"doan", "hoi", "dang", "dang bo", "cong doan", "lien doan", "chi bo", "chi doan", "chi hoi",
		"tinh doan", "huyen doan", "thanh doan", "nghiep doan", "mat tran", "uy ban mat tran",
		"trung uong", "tinh uy", "huyen uy", "thanh uy", "hiep hoi", "thanh nien",
	};
	static const char *const ban_chi_huy[] = {
		"phong chong", "phong thu", "ung pho", "tim kiem", "cong trinh", "du an", "cac du an",
		"thi cong", "phong khong", "chien dich", "dien tap", "phong chay",
	};
	if (agency_starts_any(f, ban_chi_huy_qs, COUNT(ban_chi_huy_qs)))
		return "ban chỉ huy";
	if (agency_starts_any(f, bo_chi_huy, COUNT(bo_chi_huy)))
		return "bộ chỉ huy";
	if (agency_starts_any(f, ban_chap_hanh, COUNT(ban_chap_hanh)))
		return "ban chấp hành";
	if (agency_starts_any(f, ban_chi_huy, COUNT(ban_chi_huy)))
		return "ban chỉ huy";
	return NULL;
}

/* Lowercase NFC with dashes as '-', no space around '&' or '-', other white
 * space as single spaces. */
static char *key_prepare(const char *name)
{
	size_t len = strlen(name);
	char *nfc = xmalloc(len + 1);
	size_t n = text_nfc(nfc, name, len);
	char *low = xmalloc(n + 1);
	n = text_lower(low, nfc, n);
	free(nfc);
	struct strbuf b = STRBUF_INIT;
	bool pending = false;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = text_utf8_decode(low + i, n - i, &cp);
		if (is_ws(cp)) {
			pending = true;
		} else {
			bool joiner = cp == '&' || is_dash(cp);
			bool after_joiner = b.len && (b.p[b.len - 1] == '&' || b.p[b.len - 1] == '-');
			if (pending && b.len && !joiner && !after_joiner)
				strbuf_add(&b, " ");
			pending = false;
			if (is_dash(cp))
				strbuf_add(&b, "-");
			else if (cp == TEXT_BAD_CP)
				strbuf_add(&b, "?");
			else
				strbuf_addn(&b, low + i, k);
		}
		i += k;
	}
	free(low);
	return strbuf_take(&b);
}

/* The words of prep (changed: nothing), each with its core, the word
 * without the punctuation around it; *n gets how many (caller frees). */
static struct token *tokenize(char *prep, size_t *n)
{
	struct token *tok = NULL;
	size_t cap = 0;
	*n = 0;
	for (char *p = prep; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		xgrow((void **)&tok, &cap, *n + 1, sizeof *tok);
		struct token *t = &tok[(*n)++];
		t->s = p;
		t->len = (size_t)(e - p);
		size_t a = 0, z = t->len;
		while (a < z) {
			uint32_t cp;
			size_t k = text_utf8_decode(p + a, z - a, &cp);
			if (!is_punct(cp) && cp != '-')
				break;
			a += k;
		}
		while (z > a) {
			size_t back = z - 1;
			while (back > a && ((unsigned char)p[back] & 0xC0) == 0x80)
				back--;
			uint32_t cp;
			text_utf8_decode(p + back, z - back, &cp);
			if (!is_punct(cp) && cp != '-')
				break;
			z = back;
		}
		t->core_off = a;
		t->core_len = z - a;
		p = e;
	}
	return tok;
}

/* The words joined by spaces, each abbreviation expanded (BCH by the words
 * after it); caller frees. */
static char *expand_abbrevs(const struct abbrev_set *extra, const struct token *tok, size_t ntok)
{
	struct strbuf ex = STRBUF_INIT;
	for (size_t i = 0; i < ntok; i++) {
		const struct token *t = &tok[i];
		char *norm = agency_abbrev_norm(t->s + t->core_off, t->core_len);
		const char *exp = NULL;
		if (strcmp(norm, "bch") == 0) {
			char *f = following_folded(extra, tok, ntok, i);
			exp = bch_resolve(f);
			free(f);
		} else {
			exp = abbrev_lookup(extra, norm);
		}
		free(norm);
		if (ex.len)
			strbuf_add(&ex, " ");
		if (exp) {
			strbuf_addn(&ex, t->s, t->core_off);
			strbuf_add(&ex, exp);
			strbuf_addn(&ex, t->s + t->core_off + t->core_len, t->len - t->core_off - t->core_len);
		} else {
			strbuf_addn(&ex, t->s, t->len);
		}
	}
	return strbuf_take(&ex);
}

/* Punctuation, '&' ("và") and dashes to word breaks; the tone placed the
 * one way in each word (caller frees). */
static char *words_key(const char *expanded)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = strlen(expanded), i = 0, wstart = 0;
	bool in_word = false;
	while (i <= n) {
		uint32_t cp = 0;
		size_t k = 1;
		if (i < n)
			k = text_utf8_decode(expanded + i, n - i, &cp);
		bool brk = i == n || cp == ' ' || cp == '&' || cp == '-' || is_punct(cp);
		if (brk) {
			if (in_word) {
				if (out.len)
					strbuf_add(&out, " ");
				word_tone_add(&out, expanded + wstart, i - wstart);
				in_word = false;
			}
			if (cp == '&') {
				if (out.len)
					strbuf_add(&out, " ");
				strbuf_add(&out, "và");
			}
		} else if (!in_word) {
			in_word = true;
			wstart = i;
		}
		i += k;
	}
	return strbuf_take(&out);
}

char *agency_key_with(const struct abbrev_set *extra, const char *name)
{
	size_t ntok;
	char *prep = key_prepare(name);
	struct token *tok = tokenize(prep, &ntok);
	char *expanded = expand_abbrevs(extra, tok, ntok);
	free(tok);
	free(prep);
	char *key = words_key(expanded);
	free(expanded);
	return key;
}

char *agency_key(const char *name)
{
	return agency_key_with(NULL, name);
}

/* ---- kind guess ---------------------------------------------------------------- */

static const char *const group_preamble[] = {
	"ubnd", "uy", "ban", "nhan", "dan", "thu", "truong", "chu", "tich", "lanh", "dao",
	"giam", "doc", "hdnd", "hoi", "dong", "pho", "dai", "dien",
};

bool agency_word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncmp(w, list[i], n) == 0)
			return true;
	return false;
}

/* A collective addressee: "các …", or "các" after words such as UBND,
 * Thủ trưởng, Chủ tịch (f is folded). */
bool agency_folded_is_group(const char *f)
{
	const char *p = f;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 3 && strncmp(p, "cac", 3) == 0)
			return true;
		if (!agency_word_in(p, n, group_preamble, COUNT(group_preamble)))
			return false;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

enum agency_kind agency_kind_guess(const char *name)
{
	char *key = agency_key(name);
	char *f = text_fold_dup(key);
	free(key);
	enum agency_kind kind = AGENCY_KHAC;
	static const char *const local[] = {
		"uy ban nhan dan huyen", "uy ban nhan dan thanh pho", "uy ban nhan dan thi xa",
		"uy ban nhan dan quan", "uy ban nhan dan xa", "uy ban nhan dan phuong",
		"uy ban nhan dan thi tran", "uy ban nhan dan tp",
	};
	static const char *const armed[] = {
		"cong an", "bo chi huy", "ban chi huy quan su", "bo doi bien phong", "quan khu",
		"canh sat", "bo tu lenh", "luc luong vu trang", "don bien phong", "quan doi",
	};
	static const char *const dept[] = {
		"so", "ban", "van phong uy ban nhan dan", "van phong hoi dong nhan dan", "van phong doan",
		"thanh tra", "cuc", "chi cuc", "kho bac", "bao hiem xa hoi", "ngan hang nha nuoc",
		"thue", "dai phat thanh", "ban quan ly",
	};
	if (agency_folded_is_group(f))
		kind = AGENCY_NHOM;
	else if (agency_starts_any(f, local, COUNT(local)))
		kind = AGENCY_UBND_HUYEN;
	else if (agency_starts_any(f, armed, COUNT(armed)))
		kind = AGENCY_LUC_LUONG_VU_TRANG;
	else if (agency_starts_word(f, "ban chap hanh"))
		kind = AGENCY_KHAC;
	else if (agency_starts_any(f, dept, COUNT(dept)))
		kind = AGENCY_SO_BAN_NGANH;
	free(f);
	return kind;
}
