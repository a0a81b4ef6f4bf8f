#include "core/agency.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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
static char *abbrev_norm(const char *s, size_t len)
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

struct abbrev_set {
	char **abbr; /* normalised */
	char **expansion;
	size_t n, cap;
};

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
			builtin_norm[i] = abbrev_norm(builtin_abbrevs[i].abbr, strlen(builtin_abbrevs[i].abbr));
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
		char *norm = abbrev_norm(tok[j].s + tok[j].core_off, tok[j].core_len);
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

static bool starts_word(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

static bool starts_any(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts_word(s, list[i]))
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
	if (starts_any(f, ban_chi_huy_qs, COUNT(ban_chi_huy_qs)))
		return "ban chỉ huy";
	if (starts_any(f, bo_chi_huy, COUNT(bo_chi_huy)))
		return "bộ chỉ huy";
	if (starts_any(f, ban_chap_hanh, COUNT(ban_chap_hanh)))
		return "ban chấp hành";
	if (starts_any(f, ban_chi_huy, COUNT(ban_chi_huy)))
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

static char *key_build(const struct abbrev_set *extra, const char *name)
{
	char *prep = key_prepare(name);
	/* tokens */
	struct token *tok = NULL;
	size_t ntok = 0, captok = 0;
	for (char *p = prep; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *e = strchr(p, ' ');
		if (!e)
			e = p + strlen(p);
		xgrow((void **)&tok, &captok, ntok + 1, sizeof *tok);
		struct token *t = &tok[ntok++];
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
	/* abbreviations */
	struct strbuf ex = STRBUF_INIT;
	for (size_t i = 0; i < ntok; i++) {
		const struct token *t = &tok[i];
		char *norm = abbrev_norm(t->s + t->core_off, t->core_len);
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
	free(tok);
	free(prep);
	char *expanded = strbuf_take(&ex);
	/* punctuation, '&' and dashes to word breaks; tone placement per word */
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
	free(expanded);
	return strbuf_take(&out);
}

char *agency_key(const char *name)
{
	return key_build(NULL, name);
}

/* ---- kind guess ---------------------------------------------------------------- */

static const char *const group_preamble[] = {
	"ubnd", "uy", "ban", "nhan", "dan", "thu", "truong", "chu", "tich", "lanh", "dao",
	"giam", "doc", "hdnd", "hoi", "dong", "pho", "dai", "dien",
};

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncmp(w, list[i], n) == 0)
			return true;
	return false;
}

/* A collective addressee: "các …", or "các" after words such as UBND,
 * Thủ trưởng, Chủ tịch (f is folded). */
static bool folded_is_group(const char *f)
{
	const char *p = f;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 3 && strncmp(p, "cac", 3) == 0)
			return true;
		if (!word_in(p, n, group_preamble, COUNT(group_preamble)))
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
	if (folded_is_group(f))
		kind = AGENCY_NHOM;
	else if (starts_any(f, local, COUNT(local)))
		kind = AGENCY_UBND_HUYEN;
	else if (starts_any(f, armed, COUNT(armed)))
		kind = AGENCY_LUC_LUONG_VU_TRANG;
	else if (starts_word(f, "ban chap hanh"))
		kind = AGENCY_KHAC;
	else if (starts_any(f, dept, COUNT(dept)))
		kind = AGENCY_SO_BAN_NGANH;
	free(f);
	return kind;
}

/* ---- table ---------------------------------------------------------------------- */

struct agency_table {
	struct agency **items;
	size_t n, cap;
	/* key -> item index, open addressing */
	char **keys;
	size_t *vals;
	size_t slots, used;
	struct abbrev_set abbrevs;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t map_get(const struct agency_table *t, const char *key)
{
	if (!t->slots)
		return SIZE_MAX;
	size_t i = (size_t)hash_str(key) & (t->slots - 1);
	while (t->keys[i]) {
		if (strcmp(t->keys[i], key) == 0)
			return t->vals[i];
		i = (i + 1) & (t->slots - 1);
	}
	return SIZE_MAX;
}

static void map_put_owned(struct agency_table *t, char *key, size_t val);

static void map_grow(struct agency_table *t)
{
	char **oldk = t->keys;
	size_t *oldv = t->vals, olds = t->slots;
	t->slots = olds ? olds * 2 : 64;
	t->keys = xcalloc(t->slots, sizeof *t->keys);
	t->vals = xcalloc(t->slots, sizeof *t->vals);
	t->used = 0;
	for (size_t i = 0; i < olds; i++)
		if (oldk[i])
			map_put_owned(t, oldk[i], oldv[i]);
	free(oldk);
	free(oldv);
}

/* Takes ownership of key; the key must not be present yet. */
static void map_put_owned(struct agency_table *t, char *key, size_t val)
{
	if ((t->used + 1) * 2 > t->slots)
		map_grow(t);
	size_t i = (size_t)hash_str(key) & (t->slots - 1);
	while (t->keys[i])
		i = (i + 1) & (t->slots - 1);
	t->keys[i] = key;
	t->vals[i] = val;
	t->used++;
}

struct agency_table *agency_table_new(void)
{
	return xcalloc(1, sizeof(struct agency_table));
}

void agency_table_free(struct agency_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		struct agency *a = t->items[i];
		free(a->name);
		free(a->short_name);
		for (size_t j = 0; j < a->n_aliases; j++)
			free(a->aliases[j]);
		free(a->aliases);
		free(a);
	}
	free(t->items);
	for (size_t i = 0; i < t->slots; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->vals);
	for (size_t i = 0; i < t->abbrevs.n; i++) {
		free(t->abbrevs.abbr[i]);
		free(t->abbrevs.expansion[i]);
	}
	free(t->abbrevs.abbr);
	free(t->abbrevs.expansion);
	free(t);
}

char *agency_table_key(const struct agency_table *t, const char *name)
{
	return key_build(t ? &t->abbrevs : NULL, name);
}

size_t agency_table_count(const struct agency_table *t)
{
	return t->n;
}

const struct agency *agency_table_get(const struct agency_table *t, size_t i)
{
	return i < t->n ? t->items[i] : NULL;
}

/* Index of the entry whose key equals that of name, or SIZE_MAX. */
static size_t find_by_name(const struct agency_table *t, const char *name)
{
	if (!name || !*name)
		return SIZE_MAX;
	char *key = agency_table_key(t, name);
	size_t idx = map_get(t, key);
	free(key);
	return idx;
}

static void put_key(struct agency_table *t, const char *name, size_t idx)
{
	char *key = agency_table_key(t, name);
	if (*key && map_get(t, key) == SIZE_MAX)
		map_put_owned(t, key, idx);
	else
		free(key);
}

const struct agency *agency_table_add(struct agency_table *t, const char *name,
				      const char *short_name, enum agency_kind kind, int64_t id)
{
	size_t idx = find_by_name(t, name);
	if (idx == SIZE_MAX)
		idx = find_by_name(t, short_name);
	if (idx != SIZE_MAX) {
		if (!t->items[idx]->id)
			t->items[idx]->id = id;
		return t->items[idx];
	}
	struct agency *a = xcalloc(1, sizeof *a);
	a->name = xstrdup(name);
	a->short_name = short_name && *short_name ? xstrdup(short_name) : NULL;
	a->kind = kind;
	a->id = id;
	xgrow((void **)&t->items, &t->cap, t->n + 1, sizeof *t->items);
	t->items[t->n] = a;
	put_key(t, name, t->n);
	if (a->short_name)
		put_key(t, a->short_name, t->n);
	t->n++;
	return a;
}

int agency_table_add_alias(struct agency_table *t, const char *name, const char *alias, char *err)
{
	size_t idx = find_by_name(t, name);
	if (idx == SIZE_MAX)
		return err_set(err, "agency '%s': not known", name);
	char *key = agency_table_key(t, alias);
	if (!*key) {
		free(key);
		return err_set(err, "agency '%s': empty alias", name);
	}
	size_t other = map_get(t, key);
	if (other != SIZE_MAX && other != idx) {
		free(key);
		return err_set(err, "alias '%s' already names '%s'", alias, t->items[other]->name);
	}
	struct agency *a = t->items[idx];
	a->aliases = xrealloc(a->aliases, (a->n_aliases + 1) * sizeof *a->aliases);
	a->aliases[a->n_aliases++] = xstrdup(alias);
	if (other == SIZE_MAX)
		map_put_owned(t, key, idx);
	else
		free(key);
	return 0;
}

int agency_table_add_abbrev(struct agency_table *t, const char *abbr, const char *expansion, char *err)
{
	if (!*abbr || strpbrk(abbr, " \t"))
		return err_set(err, "abbreviation '%s': expected one word", abbr);
	if (!expansion || !*expansion)
		return err_set(err, "abbreviation '%s': empty expansion", abbr);
	char *norm = abbrev_norm(abbr, strlen(abbr));
	if (!*norm || strcmp(norm, "bch") == 0) {
		free(norm);
		return err_set(err, "abbreviation '%s' cannot be redefined (it depends on the words after it)",
			       abbr);
	}
	struct abbrev_set *s = &t->abbrevs;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->abbr = xrealloc(s->abbr, s->cap * sizeof *s->abbr);
		s->expansion = xrealloc(s->expansion, s->cap * sizeof *s->expansion);
	}
	s->abbr[s->n] = norm;
	char *nfc = text_nfc_dup(expansion);
	s->expansion[s->n] = text_lower_dup(nfc);
	free(nfc);
	s->n++;
	return 0;
}

/* Byte offset of the last word "tỉnh" in key (after a space) when at most four
 * words (a province's name) follow it, or 0. */
static size_t last_tinh(const char *key)
{
	size_t at = 0;
	for (const char *p = strstr(key, " tỉnh"); p; p = strstr(p + 1, " tỉnh")) {
		char c = p[strlen(" tỉnh")];
		if (c == '\0' || c == ' ')
			at = (size_t)(p - key);
	}
	size_t words = 0;
	for (const char *p = key + at + 1; at && *p; p++)
		words += *p == ' ';
	return words <= 4 ? at : 0;
}

const struct agency *agency_table_match(const struct agency_table *t, const char *text)
{
	char *key = agency_table_key(t, text);
	size_t idx = SIZE_MAX;
	if (*key) {
		idx = map_get(t, key);
		if (idx == SIZE_MAX) {
			char *plus = xasprintf("%s tỉnh", key);
			idx = map_get(t, plus);
			free(plus);
		}
		size_t cut = last_tinh(key);
		if (idx == SIZE_MAX && cut) {
			key[cut] = '\0';
			idx = map_get(t, key);
			if (idx == SIZE_MAX) {
				char *plus = xasprintf("%s tỉnh", key);
				idx = map_get(t, plus);
				free(plus);
			}
		}
	}
	free(key);
	return idx == SIZE_MAX ? NULL : t->items[idx];
}

/* ---- files ------------------------------------------------------------------------ */

/* The lists are a few hundred lines; a file far larger is not one. */
#define LIST_MAX_BYTES (16u << 20)

static int read_file(const char *path, char **out, char *err)
{
	char sub[ERR_MAX];
	size_t len;
	if (file_read_all(path, LIST_MAX_BYTES, out, &len, sub))
		return err_set(err, "%s: cannot open: %s", path, sub);
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

#define MAX_FIELDS 8

/* Calls fn for each non-comment line, split at tabs into trimmed fields. */
static int each_line(const char *text, const char *origin, char *err,
		     int (*fn)(void *ctx, char **f, size_t nf, char *msg), void *ctx)
{
	size_t lineno = 0;
	const char *p = text;
	int rc = 0;
	while (*p && rc == 0) {
		lineno++;
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup(p, len);
		p = e ? e + 1 : p + len;
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		size_t bad;
		char *l = trim(line);
		if (!text_utf8_valid(line, n, &bad)) {
			rc = err_set(err, "%s:%zu: invalid UTF-8 at byte %zu", origin, lineno, bad + 1);
		} else if (*l && *l != '#') {
			char *f[MAX_FIELDS];
			size_t nf = 0;
			for (char *q = l;;) {
				char *tab = strchr(q, '\t');
				if (tab)
					*tab = '\0';
				if (nf < MAX_FIELDS)
					f[nf] = trim(q);
				nf++;
				if (!tab)
					break;
				q = tab + 1;
			}
			char msg[ERR_MAX];
			if (fn(ctx, f, nf, msg) != 0)
				rc = err_set(err, "%s:%zu: %s", origin, lineno, msg);
		}
		free(line);
	}
	return rc;
}

static int agencies_line(void *ctx, char **f, size_t nf, char *msg)
{
	struct agency_table *t = ctx;
	if (strcmp(f[0], "abbrev") == 0) {
		if (nf != 3)
			return err_set(msg, "abbrev: expected 3 tab-separated fields, found %zu", nf);
		return agency_table_add_abbrev(t, f[1], f[2], msg);
	}
	if (strcmp(f[0], "agency") != 0)
		return err_set(msg, "unknown record '%s' (expected agency or abbrev)", f[0]);
	if (nf < 4 || nf > 5)
		return err_set(msg, "agency: expected 4 or 5 tab-separated fields, found %zu", nf);
	enum agency_kind kind;
	if (agency_kind_parse(f[1], &kind) != 0)
		return err_set(msg,
			       "unknown kind '%s' (expected so_ban_nganh, ubnd_huyen, luc_luong_vu_trang, nhom or khac)",
			       f[1]);
	if (!*f[2])
		return err_set(msg, "empty agency name");
	const char *short_name = strcmp(f[3], "-") == 0 ? NULL : f[3];
	size_t other = find_by_name(t, f[2]);
	if (other == SIZE_MAX && short_name)
		other = find_by_name(t, short_name);
	if (other != SIZE_MAX)
		return err_set(msg, "agency '%s' is already listed as '%s'", f[2], t->items[other]->name);
	char *key = agency_table_key(t, f[2]);
	bool empty = !*key;
	free(key);
	if (empty)
		return err_set(msg, "agency name '%s' has no letters", f[2]);
	agency_table_add(t, f[2], short_name, kind, 0);
	if (nf == 5 && *f[4]) {
		for (char *a = f[4];;) {
			char *bar = strchr(a, '|');
			if (bar)
				*bar = '\0';
			char *alias = trim(a);
			if (*alias && agency_table_add_alias(t, f[2], alias, msg) != 0)
				return -1;
			if (!bar)
				break;
			a = bar + 1;
		}
	}
	return 0;
}

int agency_table_load_string(struct agency_table *t, const char *text, const char *origin, char *err)
{
	return each_line(text, origin, err, agencies_line, t);
}

int agency_table_load(struct agency_table *t, const char *path, char *err)
{
	char *text;
	if (read_file(path, &text, err) != 0)
		return -1;
	int rc = agency_table_load_string(t, text, path, err);
	free(text);
	return rc;
}

/* ---- successors ---------------------------------------------------------------------- */

void agency_successors_init(struct agency_successors *s)
{
	memset(s, 0, sizeof *s);
}

void agency_successors_release(struct agency_successors *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].from);
		free(s->items[i].to);
		free(s->items[i].note);
	}
	free(s->items);
	agency_successors_init(s);
}

static int successors_line(void *ctx, char **f, size_t nf, char *msg)
{
	struct agency_successors *s = ctx;
	if (nf < 3 || nf > 5)
		return err_set(msg, "expected 3 to 5 tab-separated fields, found %zu", nf);
	if (!*f[0] || !*f[1])
		return err_set(msg, "empty agency name");
	civil_day day;
	char derr[ERR_MAX];
	if (date_parse(f[2], &day, derr) != 0)
		return err_set(msg, "effective date '%s': %s", f[2], derr);
	bool partial = false;
	if (nf >= 4 && *f[3] && strcmp(f[3], "all") != 0) {
		if (strcmp(f[3], "part") != 0)
			return err_set(msg, "share '%s': expected all or part", f[3]);
		partial = true;
	}
	char *a = agency_key(f[0]), *b = agency_key(f[1]);
	bool same = strcmp(a, b) == 0;
	free(a);
	free(b);
	if (same)
		return err_set(msg, "agency '%s' cannot succeed itself", f[0]);
	xgrow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items);
	struct agency_successor *it = &s->items[s->n++];
	it->from = xstrdup(f[0]);
	it->to = xstrdup(f[1]);
	it->effective = day;
	it->partial = partial;
	it->note = xstrdup(nf == 5 ? f[4] : "");
	return 0;
}

int agency_successors_load_string(struct agency_successors *s, const char *text, const char *origin,
				  char *err)
{
	return each_line(text, origin, err, successors_line, s);
}

int agency_successors_load(struct agency_successors *s, const char *path, char *err)
{
	char *text;
	if (read_file(path, &text, err) != 0)
		return -1;
	int rc = agency_successors_load_string(s, text, path, err);
	free(text);
	return rc;
}

/* ---- splitting lists ----------------------------------------------------------------- */

enum sep { SEP_START, SEP_SEMI, SEP_COMMA, SEP_VA };

struct piece {
	size_t start, end; /* trimmed span in the text */
	enum sep sep;      /* what came before it */
	char *fold;        /* folded words */
};

/* Words that make up collective addressees after "các": "các sở, ban, ngành,
 * đoàn thể tỉnh", "UBND các huyện, thị xã, thành phố", "các cơ quan, đơn vị". */
static const char *const group_vocab[] = {
	"so", "ban", "nganh", "doan", "the", "dia", "phuong", "don", "vi", "huyen", "thanh", "pho",
	"thi", "xa", "tran", "co", "quan", "tinh", "lien", "cac", "va", "doanh", "nghiep", "to",
	"chuc", "hoi", "ca", "nhan", "trung", "uong", "cap", "truc", "thuoc", "khac", "tw", "tp",
};

/* First words of an agency name (folded). */
static const char *const heads[] = {
	"so", "ubnd", "uy ban", "ban", "hdnd", "hoi dong", "mttq", "ubmttq", "mat tran", "bch",
	"bo", "cuc", "chi cuc", "cong an", "van phong", "vp", "thanh tra", "thu truong", "chu tich",
	"pho chu tich", "giam doc", "lanh dao", "tong cong ty", "cong ty", "tap doan", "kho bac",
	"kbnn", "bhxh", "bao hiem", "ngan hang", "nhnn", "truong", "benh vien", "dai phat thanh",
	"dai truyen thanh", "lien doan", "hoi", "tinh doan", "doan", "trung tam", "dien luc",
	"tinh uy", "huyen uy", "thanh uy", "dang uy", "toa an", "vien kiem sat", "thue", "hai quan",
	"buu dien", "nha may", "cang vu", "chi nhanh", "bql", "bqlda", "bcd", "quan khu",
	"bo chi huy", "tong cuc", "hoc vien", "dai hoc", "vien",
};

static bool all_words_in(const char *f, const char *const *list, size_t n)
{
	if (!*f)
		return false;
	for (const char *p = f;;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (!word_in(p, len, list, n))
			return false;
		if (!e)
			return true;
		p = e + 1;
	}
}

/* True when the word at s (up to a space or the end) is `want` (NFC lowercase). */
static bool word_is(const char *s, size_t len, const char *want)
{
	char nfc[32], low[32];
	if (len >= sizeof nfc)
		return false;
	size_t n = text_nfc(nfc, s, len);
	text_lower(low, nfc, n);
	return strcmp(low, want) == 0;
}

static bool sp(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims white space and stray punctuation around [*a, *b). */
static void trim_span(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && (sp((unsigned char)s[*a]) || strchr(":.-*+(", s[*a])))
		(*a)++;
	/* a leading "•" or "–" bullet */
	while (*b > *a && (sp((unsigned char)s[*b - 1]) || strchr(":.", s[*b - 1])))
		(*b)--;
	if (*b > *a && s[*b - 1] == ')') {
		/* keep ")" only when the span has its "(" */
		bool open = memchr(s + *a, '(', *b - *a) != NULL;
		if (!open)
			(*b)--;
	}
	while (*b > *a && sp((unsigned char)s[*b - 1]))
		(*b)--;
	/* a leading connective: "với", "cùng", "và" */
	static const char *const lead[] = { "với", "cùng", "và" };
	size_t e = *a;
	while (e < *b && !sp((unsigned char)s[e]))
		e++;
	for (size_t i = 0; i < COUNT(lead); i++) {
		if (e < *b && word_is(s + *a, e - *a, lead[i])) {
			*a = e;
			while (*a < *b && sp((unsigned char)s[*a]))
				(*a)++;
			break;
		}
	}
}

static char *fold_span(const char *s, size_t a, size_t b)
{
	/* punctuation to spaces, then fold */
	char *raw = xstrndup(s + a, b - a);
	for (char *p = raw; *p; p++)
		if (strchr(",;:.()&-/\"'", *p))
			*p = ' ';
	char *f = text_fold_dup(raw);
	free(raw);
	return f;
}

static void piece_add(struct piece **ps, size_t *n, size_t *cap, const char *s, size_t a, size_t b, enum sep sep)
{
	trim_span(s, &a, &b);
	xgrow((void **)ps, cap, *n + 1, sizeof **ps);
	struct piece *p = &(*ps)[(*n)++];
	p->start = a;
	p->end = b;
	p->sep = sep;
	p->fold = fold_span(s, a, b);
}

/* Cuts text at ';', ',' and the word "và" into pieces. */
static struct piece *cut_pieces(const char *s, size_t *count)
{
	struct piece *ps = NULL;
	size_t n = 0, cap = 0, len = strlen(s), start = 0;
	enum sep sep = SEP_START;
	size_t i = 0;
	while (i < len) {
		char c = s[i];
		if (c == ';' || c == ',') {
			piece_add(&ps, &n, &cap, s, start, i, sep);
			sep = c == ';' ? SEP_SEMI : SEP_COMMA;
			start = ++i;
			continue;
		}
		if (sp((unsigned char)c)) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < len && !sp((unsigned char)s[e]) && s[e] != ',' && s[e] != ';')
			e++;
		bool before = i > start && sp((unsigned char)s[i - 1]);
		bool after = e < len && sp((unsigned char)s[e]);
		if (before && after && word_is(s + i, e - i, "và")) {
			piece_add(&ps, &n, &cap, s, start, i, sep);
			sep = SEP_VA;
			start = e;
		}
		i = e;
	}
	piece_add(&ps, &n, &cap, s, start, len, sep);
	*count = n;
	return ps;
}

struct item {
	size_t start, end;
	bool group;
};

static bool known_exact(const struct agency_table *t, const char *s, size_t a, size_t b)
{
	/* no agency name is this long: skip the key (keeps splitting linear) */
	if (!t || b - a > 300)
		return false;
	char *span = xstrndup(s + a, b - a);
	char *key = agency_table_key(t, span);
	bool found = *key && map_get(t, key) != SIZE_MAX;
	free(key);
	free(span);
	return found;
}

char **agency_split_list(const char *text, const struct agency_table *known, size_t *count)
{
	size_t np;
	struct piece *ps = cut_pieces(text, &np);
	struct item *items = NULL;
	size_t ni = 0, cap = 0;
	for (size_t i = 0; i < np; i++) {
		struct piece *p = &ps[i];
		if (p->start >= p->end || !*p->fold)
			continue;
		bool start_new;
		if (ni == 0 || p->sep == SEP_START || p->sep == SEP_SEMI) {
			start_new = true;
		} else {
			struct item *cur = &items[ni - 1];
			if (known_exact(known, text, cur->start, p->end))
				start_new = false;
			else if (starts_word(p->fold, "cac"))
				start_new = true;
			else if (cur->group && all_words_in(p->fold, group_vocab, COUNT(group_vocab)))
				start_new = false;
			else if (starts_any(p->fold, heads, COUNT(heads)))
				start_new = true;
			else
				start_new = false;
		}
		if (start_new) {
			xgrow((void **)&items, &cap, ni + 1, sizeof *items);
			items[ni].start = p->start;
			items[ni].end = p->end;
			items[ni].group = folded_is_group(p->fold);
			ni++;
		} else {
			items[ni - 1].end = p->end;
		}
	}
	char **names = xmalloc((ni + 1) * sizeof *names);
	for (size_t i = 0; i < ni; i++) {
		/* white space runs (line breaks of the document) become one space */
		struct strbuf b = STRBUF_INIT;
		bool pending = false;
		for (size_t k = items[i].start; k < items[i].end; k++) {
			if (sp((unsigned char)text[k])) {
				pending = true;
				continue;
			}
			if (pending && b.len)
				strbuf_add(&b, " ");
			pending = false;
			strbuf_addn(&b, text + k, 1);
		}
		names[i] = strbuf_take(&b);
	}
	names[ni] = NULL;
	for (size_t i = 0; i < np; i++)
		free(ps[i].fold);
	free(ps);
	free(items);
	if (count)
		*count = ni;
	return names;
}

void agency_list_free(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}
