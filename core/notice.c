#include "core/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/deadline.h"
#include "core/err.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- small helpers -------------------------------------------------------- */

struct buf {
	char *p;
	size_t n, cap;
};

static void buf_addn(struct buf *b, const char *s, size_t n)
{
	xgrow((void **)&b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void buf_add(struct buf *b, const char *s) { buf_addn(b, s, strlen(s)); }

static char *buf_take(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }

static char *trim_dup(const char *s, size_t n)
{
	while (n && (is_space(*s) || *s == '\n'))
		s++, n--;
	while (n && (is_space(s[n - 1]) || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

static bool starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Decodes the code point at s (valid UTF-8); sets *len to its byte length. */
static unsigned decode(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*len = u[0] ? 1 : 0;
		return u[0];
	}
	if (u[0] < 0xe0 && u[1]) {
		*len = 2;
		return ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
	}
	if (u[0] < 0xf0 && u[1] && u[2]) {
		*len = 3;
		return ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
	}
	if (u[1] && u[2] && u[3]) {
		*len = 4;
		return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) | ((u[2] & 0x3fu) << 6) | (u[3] & 0x3fu);
	}
	*len = 1;
	return 0xfffd;
}

/* Lowercase and uppercase letters of Latin scripts used in Vietnamese. */
static bool cp_lower(unsigned c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (c >= 0xdf && c <= 0xff)
		return c != 0xf7;
	if (c >= 0x100 && c <= 0x17f)
		return c & 1;
	if (c == 0x1a1 || c == 0x1b0)
		return true;
	if (c >= 0x1ea0 && c <= 0x1ef9)
		return c & 1;
	return false;
}

static bool cp_upper(unsigned c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xc0 && c <= 0xde)
		return c != 0xd7;
	if (c >= 0x100 && c <= 0x17f)
		return !(c & 1);
	if (c == 0x1a0 || c == 0x1af)
		return true;
	if (c >= 0x1ea0 && c <= 0x1ef9)
		return !(c & 1);
	return false;
}

static bool starts_lower(const char *s)
{
	size_t n;
	return cp_lower(decode(s, &n));
}

static bool has_lower(const char *s)
{
	size_t n;
	for (; *s; s += n ? n : 1)
		if (cp_lower(decode(s, &n)))
			return true;
	return false;
}

static bool has_upper(const char *s)
{
	size_t n;
	for (; *s; s += n ? n : 1)
		if (cp_upper(decode(s, &n)))
			return true;
	return false;
}

/* Uppercases the first letter in place when it has a same-length capital. */
static void capitalise(char *s)
{
	size_t n;
	unsigned c = decode(s, &n);
	if (n == 1 && c >= 'a' && c <= 'z') {
		s[0] = (char)(c - 32);
	} else if (n == 2 && c >= 0x100 && c <= 0x17f && (c & 1)) {
		c--;
		s[0] = (char)(0xc0 | (c >> 6)), s[1] = (char)(0x80 | (c & 0x3f));
	} else if (n == 3 && c >= 0x1ea0 && c <= 0x1ef9 && (c & 1)) {
		c--;
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f)), s[2] = (char)(0x80 | (c & 0x3f));
	}
}

/* Number of code points. */
static size_t cp_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void push(char ***names, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return;
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	(*names)[(*n)++] = xstrdup(name);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- checking the bytes --------------------------------------------------- */

/* Legacy Vietnamese 8-bit encodings. TCVN3 (the ".Vn" fonts) puts ă â ê ô ơ
 * ư đ at 0xA8–0xAE, where Windows-1258 has rare symbols; Windows-1258 writes
 * tones as combining marks (0xCC 0xEC 0xDE 0xD2 0xF2) after the letter. */
static const char *guess_legacy(const unsigned char *s, size_t len)
{
	size_t tcvn = 0, cp1258 = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = s[i];
		if (c >= 0xa8 && c <= 0xae)
			tcvn++;
		if ((c == 0xcc || c == 0xec || c == 0xde || c == 0xd2 || c == 0xf2) && i > 0 &&
		    (((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') || s[i - 1] >= 0xc0))
			cp1258++;
	}
	if (tcvn > cp1258 && tcvn >= 3)
		return "TCVN5712-1";
	if (cp1258 > tcvn && cp1258 >= 3)
		return "WINDOWS-1258";
	return NULL;
}

int notice_check(const char *data, size_t len, const char **iconv_from, char *err)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t controls = 0, bad = 0;
	if (iconv_from)
		*iconv_from = NULL;
	if (len > NOTICE_MAX_BYTES)
		return err_set(err, "too large (%zu bytes; a notice is at most %u bytes)", len,
			       NOTICE_MAX_BYTES);
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		s += 3, len -= 3;
	bool blank = true;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == 0)
			return err_set(err, "binary data, not text (NUL byte at offset %zu)", i);
		if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
			controls++;
		if (s[i] > ' ')
			blank = false;
	}
	if (blank)
		return err_set(err, "empty: there is no text to read");
	if (controls * 100 > len || controls > 64)
		return err_set(err, "binary data, not text (%zu control bytes)", controls);
	if (!text_utf8_valid((const char *)s, len, &bad)) {
		const char *legacy = guess_legacy(s, len);
		if (iconv_from)
			*iconv_from = legacy;
		if (legacy)
			return err_set(err, "not UTF-8: it looks like %s text",
				       strcmp(legacy, "WINDOWS-1258") == 0 ? "Windows-1258" : "TCVN3 (ABC)");
		return err_set(err, "not UTF-8 text (invalid byte 0x%02x at offset %zu)", s[bad], bad);
	}
	return 0;
}

/* ---- blocks: the text as a list of paragraphs and items ------------------- */

enum block_kind {
	B_PARA,   /* a paragraph */
	B_PART,   /* "I. …" */
	B_NUM,    /* "2.1. …" */
	B_LETTER, /* "a) …" */
	B_BULLET, /* "- …" */
	B_SUB,    /* "+ …" under a "-" bullet */
};

struct block {
	enum block_kind kind;
	bool heading;   /* a Markdown heading line */
	char *label;    /* "I", "2.1", "a"; "" for others */
	char *text;     /* without marker, emphasis or heading marks */
};

struct blocks {
	struct block *v;
	size_t n, cap;
};

static void blocks_release(struct blocks *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].label);
		free(b->v[i].text);
	}
	free(b->v);
}

static bool is_roman(const char *s, size_t n)
{
	if (n == 0 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXL", s[i]))
			return false;
	return true;
}

/* Recognises an item marker at the start of line s (emphasis already removed).
 * Sets *label (allocated, or NULL) and returns the offset of the text after it. */
static size_t item_marker(const char *s, enum block_kind *kind, char **label)
{
	size_t i = 0;
	*label = NULL;
	*kind = B_PARA;
	if ((s[0] == '-' || s[0] == '+' || s[0] == '*') && (s[1] == ' ' || s[1] == '\t')) {
		*kind = s[0] == '+' ? B_SUB : B_BULLET;
		i = 2;
		goto text;
	}
	/* "–" (en dash) bullets are common in pasted text */
	if (starts(s, "\xe2\x80\x93 ") || starts(s, "\xe2\x80\xa2 ")) {
		*kind = B_BULLET;
		i = 4;
		goto text;
	}
	while (s[i] && strchr("IVXL", s[i]))
		i++;
	if (i && is_roman(s, i) && s[i] == '.' && (s[i + 1] == ' ' || s[i + 1] == '\0')) {
		*kind = B_PART;
		*label = xstrndup(s, i);
		i++;
		goto text;
	}
	i = 0;
	if (s[0] >= '0' && s[0] <= '9') {
		size_t parts = 0;
		for (;;) {
			size_t d = 0;
			while (s[i + d] >= '0' && s[i + d] <= '9')
				d++;
			if (d == 0 || d > 3)
				return 0;
			i += d;
			parts++;
			if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
				i++;
				continue;
			}
			break;
		}
		size_t end = i;
		if (s[i] == '.' || s[i] == ')')
			i++;
		else if (parts == 1)
			return 0;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\0')
			return 0;
		*kind = B_NUM;
		*label = xstrndup(s, end);
		goto text;
	}
	/* a) b) … đ) */
	size_t n = 0;
	unsigned c = decode(s, &n);
	if (n && ((c >= 'a' && c <= 'z') || c == 0x111) && (s[n] == ')' || s[n] == '.') &&
	    s[n + 1] == ' ') {
		*kind = B_LETTER;
		*label = xstrndup(s, n);
		i = n + 1;
		goto text;
	}
	return 0;
text:
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

/* Removes Markdown emphasis (* and __) and backslash escapes from s in place. */
static void strip_emphasis(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '*')
			continue;
		if (r[0] == '_' && r[1] == '_') {
			r++;
			continue;
		}
		if (r[0] == '\\' && r[1] && strchr("*_#-+.()[]\\", r[1]))
			r++;
		*w++ = *r;
	}
	*w = '\0';
}

/* Appends text with its line breaks turned into spaces. */
static void buf_add_flat(struct buf *b, const char *text)
{
	size_t start = b->n;
	buf_add(b, text);
	for (size_t i = start; i < b->n; i++)
		if (b->p[i] == '\n')
			b->p[i] = ' ';
}

static void add_block(struct blocks *bs, enum block_kind kind, bool heading, char *label, struct buf *text)
{
	xgrow((void **)&bs->v, &bs->cap, bs->n + 1, sizeof *bs->v);
	struct block *b = &bs->v[bs->n++];
	b->kind = kind;
	b->heading = heading;
	b->label = label ? label : xstrdup("");
	char *t = buf_take(text);
	b->text = trim_dup(t, strlen(t));
	free(t);
}

/* Splits the text into blocks. A blank line ends a block; a line with an item
 * marker or a heading starts one; other lines continue the current block.
 * A block that starts with a lowercase letter continues the paragraph before
 * it: it was split by a page break. */
static void split_blocks(const char *text, struct blocks *bs)
{
	struct buf cur = { 0 };
	enum block_kind kind = B_PARA;
	bool heading = false, open = false;
	char *label = NULL;
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		bool hard_break = n >= 2 && p[n - 1] == ' ' && p[n - 2] == ' ';
		char *line = trim_dup(p, n);
		p += n + (eol ? 1 : 0);
		bool is_heading = false;
		char *s = line;
		if (*s == '#') {
			while (*s == '#')
				s++;
			if (*s == ' ' || *s == '\0')
				is_heading = true;
			else
				s = line;
		}
		while (*s == ' ')
			s++;
		if (*s == '\0' || strcmp(s, "---") == 0 || strcmp(s, "***") == 0 || strcmp(s, "___") == 0) {
			/* blank line or a thematic break */
			if (open) {
				add_block(bs, kind, heading, label, &cur);
				label = NULL;
				open = false;
			}
			free(line);
			continue;
		}
		/* item markers are read before emphasis is removed ("* item") and after
		 * ("**3. Đối với …**") */
		enum block_kind k;
		char *lab;
		size_t off = item_marker(s, &k, &lab);
		strip_emphasis(s + off);
		if (k == B_PARA) {
			strip_emphasis(s);
			while (*s == ' ')
				s++;
			off = item_marker(s, &k, &lab);
		}
		char *body = s + off;
		if (k != B_PARA || is_heading || !open) {
			if (k == B_PARA && !is_heading && !open && bs->n > 0 && starts_lower(body)) {
				/* the rest of the previous block, after a page break */
				struct block *prev = &bs->v[bs->n - 1];
				struct buf joined = { 0 };
				buf_add(&joined, prev->text);
				buf_add(&joined, " ");
				buf_add(&joined, body);
				free(prev->text);
				prev->text = buf_take(&joined);
				free(line);
				continue;
			}
			if (open)
				add_block(bs, kind, heading, label, &cur);
			kind = k;
			label = lab;
			heading = is_heading;
			open = true;
			buf_add(&cur, body);
		} else {
			buf_add(&cur, cur.n && cur.p[cur.n - 1] != '\n' ? "\n" : "");
			buf_add(&cur, body);
		}
		if (hard_break && cur.n)
			buf_add(&cur, "\n");
		free(line);
	}
	if (open)
		add_block(bs, kind, heading, label, &cur);
	free(cur.p);
}

/* ---- agency lists --------------------------------------------------------- */

/* Words that begin the name of an agency or a group of agencies. */
static const char *const heads[] = {
	"Sở ", "Ban ", "Cục ", "Chi cục ", "UBND ", "Ủy ban ", "Uỷ ban ", "HĐND ", "Hội đồng ",
	"Công an ", "Bộ Chỉ huy ", "BCH ", "Bộ đội ", "Văn phòng ", "Thủ trưởng ", "Chủ tịch ",
	"Giám đốc ", "Thanh tra ", "Kho bạc ", "Ngân hàng ", "Đài ", "Báo ", "Trường ",
	"Tổng Công ty ", "Tổng công ty ", "Công ty ", "Liên đoàn ", "Liên minh ", "Hội ",
	"Tỉnh đoàn", "Đoàn ", "Bảo hiểm ", "BHXH ", "Viện ", "Trung tâm ", "Mặt trận ", "MTTQ ",
	"Ủy ban MTTQ", "Hải quan ", "Cảng vụ ", "Bệnh viện ", "Điện lực ", "Quỹ ", "Tòa án ",
	"Toà án ", "Cơ quan ", "Lãnh đạo ", "Thường trực ", "Đảng ủy ", "Đảng uỷ ",
	"các sở", "Các sở", "các cơ quan", "Các cơ quan", "các đơn vị", "Các đơn vị", "các huyện",
	"Các huyện", "các địa phương", "Các địa phương", "các nhà máy", "Các nhà máy", "các ban",
	"Các ban", "các ngành", "Các ngành", "các tổ chức", "Các tổ chức", "các doanh nghiệp",
	"Các doanh nghiệp", "các xã", "Các xã", "các hội", "Các hội", "các Ban", "các Sở", "Các Sở",
	"các chủ đầu tư", "Các chủ đầu tư", "các hội, đoàn thể", "các đoàn thể", "Các đoàn thể",
};

/* Verbs and markers that end a list of agencies: the predicate begins. */
static const char *const predicate[] = {
	"chủ trì", "phối hợp", "tập trung", "khẩn trương", "theo dõi", "theo chức năng", "theo",
	"tăng cường", "ban hành", "đẩy nhanh", "đẩy mạnh", "nghiên cứu", "triển khai", "tham mưu",
	"chủ động", "hoàn chỉnh", "hoàn thiện", "hoàn thành", "tiếp thu", "tiếp tục", "rà soát",
	"thực hiện", "tổ chức", "xây dựng", "chỉ đạo", "báo cáo", "kiểm tra", "đôn đốc", "quan tâm",
	"bám sát", "chuẩn bị", "nắm", "đảm bảo", "bảo đảm", "lập", "hướng dẫn", "đề xuất",
	"cung cấp", "giải quyết", "xử lý", "thẩm định", "cập nhật", "tổng hợp", "nâng cao", "sớm",
	"kịp thời", "cần", "phải", "thống nhất", "làm việc", "giám sát", "tuyên truyền", "vận động",
	"huy động", "tháo gỡ", "duy trì", "căn cứ", "lựa chọn", "tiến hành", "đánh giá", "bố trí",
	"phân bổ", "giải ngân", "khảo sát", "điều chỉnh", "bổ sung", "quyết liệt", "nghiêm túc",
	"tích cực", "có trách nhiệm", "trình", "ra soát", "xem xét", "rà", "soát xét", "chịu trách nhiệm",
	"nhất trí", "yêu cầu", "đề nghị", "khẩn", "thường xuyên", "định kỳ",
	"trước", "trong", "hằng", "hàng", "đôn", "phát động", "kiện toàn", "sắp xếp", "thanh tra",
	"lồng ghép", "ưu tiên", "mở", "dừng", "thu", "chi", "gửi", "nộp", "đăng", "đưa",
	"phát triển", "thu hoạch", "gieo", "trồng", "phát hành", "kiểm soát", "quản lý", "vận hành",
	"bảo vệ", "ứng phó", "sẵn sàng", "chấp hành", "công bố", "tiếp nhận", "phê duyệt",
	"thông báo", "khắc phục", "tăng", "giảm", "nghiệm thu", "quyết toán", "thẩm tra",
};

/* The issuer: never a lead of its own notice. */
static const char *const issuers[] = {
	"UBND tỉnh", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh", "Chủ tịch UBND tỉnh",
	"Chủ tịch Ủy ban nhân dân tỉnh", "Thường trực UBND tỉnh", "Lãnh đạo UBND tỉnh",
	"UBND tỉnh Lai Châu",
};

static bool word_end(char c) { return c == '\0' || c == ' ' || c == ',' || c == ';' || c == ':' || c == '.'; }

static size_t match_head(const char *s)
{
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t n = strlen(heads[i]);
		if (strncmp(s, heads[i], n) == 0 && (heads[i][n - 1] == ' ' || word_end(s[n])))
			return n;
	}
	return 0;
}

static bool match_predicate(const char *s)
{
	for (size_t i = 0; i < sizeof predicate / sizeof predicate[0]; i++) {
		size_t n = strlen(predicate[i]);
		if (strncmp(s, predicate[i], n) == 0 && word_end(s[n]))
			return true;
	}
	return false;
}

static bool is_issuer(const char *name)
{
	for (size_t i = 0; i < sizeof issuers / sizeof issuers[0]; i++)
		if (strcmp(name, issuers[i]) == 0)
			return true;
	return false;
}

/* Whether the word that ends at s[i] is w. */
static bool word_before(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i >= n && strncmp(s + i - n, w, n) == 0 && (i == n || s[i - n - 1] == ' ');
}

/* When s begins a list of agencies, returns the length of the list: up to
 * the predicate (a verb in lowercase), a colon, a full stop, or a semicolon
 * that is not followed by another name. 0 when s does not begin with a name. */
static size_t scan_list(const char *s)
{
	if (!match_head(s))
		return 0;
	size_t i = 0, words = 0;
	for (;;) {
		char c = s[i];
		if (c == '\0' || c == ':' || c == '(' || c == '\n')
			break;
		if (c == '.' && (s[i + 1] == ' ' || s[i + 1] == '\0' || s[i + 1] == '\n'))
			break;
		if (c == ';' || c == ',') {
			const char *next = s + i + 1;
			while (*next == ' ')
				next++;
			if (c == ';' && !match_head(next))
				break;
			if (c == ',' && match_predicate(next))
				break;
			if (match_head(next))
				words = (size_t)-1; /* the space before the next name */
			i++;
			continue;
		}
		if (c == ' ') {
			words++;
			/* the word right after the head belongs to the name ("Ban quản lý"),
			 * and "công trình", "Chương trình" are nouns */
			if (words > 1 && match_predicate(s + i + 1) &&
			    !(starts(s + i + 1, "trình") && (word_before(s, i, "công") || word_before(s, i, "Chương") ||
							    word_before(s, i, "chương"))))
				break;
			i++;
			continue;
		}
		i++;
	}
	while (i && (s[i - 1] == ' ' || s[i - 1] == ','))
		i--;
	return i;
}

/* ---- reading a unit ------------------------------------------------------- */

struct actors {
	char **leads;
	size_t n_leads;
	char **coop;
	size_t n_coop;
	const char *after;  /* where the predicate of the subject begins (summary) */
};

static void actors_release(struct actors *a)
{
	free_names(a->leads, a->n_leads);
	free_names(a->coop, a->n_coop);
}

/* "UBND các huyện Tân Uyên, Than Uyên" names two agencies: UBND huyện Tân
 * Uyên and UBND huyện Than Uyên. Pushes them and returns true, or false when
 * name is not of that form ("UBND các huyện, thành phố" is a group). */
static bool distribute(const char *name, char ***names, size_t *n)
{
	static const char *const forms[][2] = {
		{ "UBND các huyện ", "UBND huyện " }, { "UBND các xã ", "UBND xã " },
		{ "Ủy ban nhân dân các huyện ", "Ủy ban nhân dân huyện " },
	};
	for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		if (!starts(name, forms[f][0]))
			continue;
		const char *rest = name + strlen(forms[f][0]);
		/* every part must be a proper name */
		char **parts = NULL;
		size_t np = 0;
		const char *p = rest;
		bool ok = true;
		while (ok && *p) {
			size_t len = strcspn(p, ",");
			const char *and = strstr(p, " và ");
			if (and && (size_t)(and - p) < len)
				len = (size_t)(and - p);
			char *part = trim_dup(p, len);
			size_t cl;
			ok = *part && cp_upper(decode(part, &cl));
			if (ok)
				push(&parts, &np, part);
			free(part);
			p += len;
			if (starts(p, " và "))
				p += strlen(" và ");
			else if (*p == ',')
				p++;
		}
		if (ok && np >= 2) {
			for (size_t i = 0; i < np; i++) {
				char *full = xasprintf("%s%s", forms[f][1], parts[i]);
				push(names, n, full);
				free(full);
			}
		}
		free_names(parts, np);
		if (ok && np >= 2)
			return true;
	}
	return false;
}

static void add_list(const char *s, size_t len, char ***names, size_t *n, bool skip_issuer)
{
	char *list = xstrndup(s, len);
	size_t nt = 0;
	char **tmp = agency_split_list(list, NULL, &nt);
	for (size_t i = 0; i < nt; i++)
		if (!(skip_issuer && is_issuer(tmp[i])) && !distribute(tmp[i], names, n))
			push(names, n, tmp[i]);
	agency_list_free(tmp);
	free(list);
}

/* Skips a topic such as "Về kế hoạch triển khai Quy hoạch tỉnh: " at the
 * start of a paragraph. */
static const char *skip_topic(const char *s)
{
	if (starts(s, "Về ") || starts(s, "Đối với ") || starts(s, "Riêng ")) {
		const char *nl = strchr(s, '\n');
		const char *colon = strchr(s, ':');
		if (colon && (!nl || colon < nl) && colon - s < 400 &&
		    (colon[1] == ' ' || colon[1] == '\n' || colon[1] == '\0'))
			return colon[1] == ' ' ? colon + 2 : colon + 1;
	}
	return s;
}

static bool is_word_start(const char *text, const char *p)
{
	return p == text || p[-1] == ' ' || p[-1] == '\n' || p[-1] == ';' || p[-1] == ',' || p[-1] == '(';
}

/* Finds who must act in the text of a unit. */
static void find_actors(const char *text, struct actors *a)
{
	memset(a, 0, sizeof *a);
	/* the subject of a paragraph */
	for (const char *para = text; para && *para;) {
		const char *s = skip_topic(para);
		size_t n = scan_list(s);
		if (n) {
			char *list = xstrndup(s, n);
			bool issuer = is_issuer(list);
			free(list);
			if (!issuer) {
				add_list(s, n, &a->leads, &a->n_leads, true);
				if (!a->after)
					a->after = s + n;
			}
		}
		if (a->n_leads)
			break;
		para = strchr(para, '\n');
		if (para)
			para++;
	}
	/* "Giao X …", "… giao X …"; "(UBND tỉnh) yêu cầu X …" */
	static const char *const verbs[] = { "Giao ", "giao ", "Yêu cầu ", "yêu cầu ", "Đề nghị ", "đề nghị " };
	for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
		const char *p = text;
		while ((p = strstr(p, verbs[v]))) {
			const char *s = p + strlen(verbs[v]);
			if (is_word_start(text, p)) {
				bool ok = v < 2;
				if (!ok) {
					/* yêu cầu / đề nghị: at a sentence start or after the issuer */
					const char *q = p;
					while (q > text && q[-1] == ' ')
						q--;
					ok = q == text || q[-1] == '\n' || q[-1] == '.' || q[-1] == ';' || q[-1] == ':';
					for (size_t i = 0; !ok && i < sizeof issuers / sizeof issuers[0]; i++) {
						size_t len = strlen(issuers[i]);
						ok = (size_t)(q - text) >= len && strncmp(q - len, issuers[i], len) == 0;
					}
				}
				size_t n = ok ? scan_list(s) : 0;
				if (n) {
					add_list(s, n, &a->leads, &a->n_leads, true);
					if (!a->after)
						a->after = s + n;
				}
			}
			p = s;
		}
	}
	if (a->n_leads == 0)
		return;
	/* "phối hợp (với) X …" */
	const char *p = text;
	while ((p = strstr(p, "phối hợp "))) {
		const char *s = p + strlen("phối hợp ");
		if (starts(s, "chặt chẽ "))
			s += strlen("chặt chẽ ");
		if (starts(s, "với "))
			s += strlen("với ");
		size_t n = scan_list(s);
		if (n) {
			char **tmp = NULL;
			size_t nt = 0;
			add_list(s, n, &tmp, &nt, true);
			for (size_t i = 0; i < nt; i++) {
				bool lead = false;
				for (size_t k = 0; k < a->n_leads; k++)
					lead = lead || strcmp(a->leads[k], tmp[i]) == 0;
				if (!lead)
					push(&a->coop, &a->n_coop, tmp[i]);
			}
			free_names(tmp, nt);
		}
		p = s;
	}
}

/* One line: the predicate after the agencies, else the text; at most 120
 * characters, cut at a word. */
static char *make_summary(const char *text, const struct actors *a)
{
	const char *s = text;
	/* a unit that opens with a title ("Tờ trình …") is summed up by it */
	const char *nl = strchr(text, '\n');
	if (!a->after || (nl && a->after > nl && cp_count(text, (size_t)(nl - text)) > 60))
		s = skip_topic(text);
	else
		s = a->after;
	for (;;) {
		while (*s == ' ' || *s == ',' || *s == ':' || *s == ';' || *s == '\n')
			s++;
		if ((*s == '-' || *s == '+') && s[1] == ' ') {
			s += 2;
			continue;
		}
		if (starts(s, "chủ trì")) {
			s += strlen("chủ trì");
			continue;
		}
		if (starts(s, "phối hợp ")) {
			const char *t = s + strlen("phối hợp ");
			if (starts(t, "với "))
				t += strlen("với ");
			size_t n = scan_list(t);
			if (n) {
				s = t + n;
				continue;
			}
		}
		if (starts(s, "theo chức năng, nhiệm vụ được giao ")) {
			s += strlen("theo chức năng, nhiệm vụ được giao ");
			continue;
		}
		if (starts(s, "theo chức năng, nhiệm vụ ")) {
			s += strlen("theo chức năng, nhiệm vụ ");
			continue;
		}
		break;
	}
	size_t len = strcspn(s, "\n");
	/* the first sentence */
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '.' && s[i + 1] == ' ' && i > 20) {
			len = i;
			break;
		}
	bool cut = false;
	if (cp_count(s, len) > 120) {
		size_t i = 0, cps = 0, last_space = 0;
		while (i < len && cps < 118) {
			if (s[i] == ' ')
				last_space = i;
			i++;
			while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			cps++;
		}
		len = last_space ? last_space : i;
		cut = true;
	}
	while (len && strchr(" ,;:.", s[len - 1]))
		len--;
	struct buf b = { 0 };
	buf_addn(&b, s, len);
	if (cut)
		buf_add(&b, "…");
	char *out = buf_take(&b);
	capitalise(out);
	return out;
}

static void add_unit(struct notice *n, const char *section, const char *text, civil_day anchor)
{
	struct actors a;
	find_actors(text, &a);
	if (a.n_leads == 0) {
		actors_release(&a);
		return;
	}
	xgrow((void **)&n->units, &n->cap_units, n->n_units + 1, sizeof *n->units);
	struct notice_unit *u = &n->units[n->n_units++];
	memset(u, 0, sizeof *u);
	u->section = xstrdup(section);
	u->leads = a.leads, u->n_leads = a.n_leads;
	u->cooperating = a.coop, u->n_cooperating = a.n_coop;
	u->full_text = xstrdup(text);
	u->summary = make_summary(text, &a);
	u->due = DATE_NONE;
	u->precision = PRECISION_NONE;
	struct deadline_options opt;
	struct deadline d;
	deadline_options_init(&opt);
	opt.anchor = anchor;
	if (deadline_pick(text, strlen(text), &opt, &d)) {
		u->due_phrase = xstrndup(text + d.start, d.end - d.start);
		u->due = d.due;
		u->precision = d.due == DATE_NONE ? PRECISION_NONE : d.precision;
		if (d.kind == DEADLINE_RECURRING && d.rule[0])
			u->recurrence = xstrdup(d.rule);
	} else {
		u->due_phrase = xstrdup("");
	}
}

/* ---- the document --------------------------------------------------------- */

static const char *const kinds[] = {
	"THÔNG BÁO", "CHỈ THỊ", "CÔNG VĂN", "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "KẾT LUẬN",
	"CÔNG ĐIỆN", "NGHỊ QUYẾT", "TỜ TRÌNH",
};

static const char *find_kind(const char *s)
{
	if (has_lower(s))
		return NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (starts(s, kinds[i]))
			return kinds[i];
	return NULL;
}

/* "Lai Châu, ngày 25 tháng 4 năm 2024" */
static bool place_date(const char *s, char **place, civil_day *day)
{
	const char *p = strstr(s, ", ngày ");
	if (!p || p - s > 80)
		return false;
	char err[ERR_MAX];
	civil_day d;
	const char *date = p + 2;
	char *copy = xstrdup(date);
	size_t len = strlen(copy);
	while (len && strchr(" .", copy[len - 1]))
		copy[--len] = '\0';
	int rc = date_parse(copy, &d, err);
	if (rc && starts(copy, "ngày "))
		rc = date_parse(copy + strlen("ngày "), &d, err);
	free(copy);
	if (rc)
		return false;
	*place = trim_dup(s, (size_t)(p - s));
	*day = d;
	return true;
}

/* The first line of s, newly allocated. */
static char *first_line(const char *s) { return trim_dup(s, strcspn(s, "\n")); }

static bool is_signature_title(const char *s)
{
	char *line = first_line(s);
	bool yes = (starts(line, "TL.") || starts(line, "KT.") || starts(line, "TM.") || starts(line, "Q.") ||
		    starts(line, "TUQ.") || starts(line, "CHỦ TỊCH") || starts(line, "PHÓ CHỦ TỊCH") ||
		    starts(line, "CHÁNH VĂN PHÒNG") || starts(line, "GIÁM ĐỐC")) && !has_lower(line);
	free(line);
	return yes;
}

static void set_str(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* Reads the header lines of block b: number, place and date, "V/v" title. */
static bool header_block(struct notice *n, const struct block *b)
{
	bool found = false;
	for (const char *line = b->text; line && *line;) {
		char *l = first_line(line);
		if (!*n->number && (starts(l, "Số:") || (starts(l, "Số ") && strchr(l, '/')))) {
			const char *v = l + (starts(l, "Số:") ? strlen("Số:") : strlen("Số "));
			set_str(&n->number, trim_dup(v, strlen(v)));
			found = true;
		} else if (n->issued == DATE_NONE) {
			char *place = NULL;
			civil_day d;
			if (place_date(l, &place, &d)) {
				set_str(&n->place, place);
				n->issued = d;
				found = true;
			}
		}
		if (!*n->title && (starts(l, "V/v ") || starts(l, "V/v:"))) {
			/* the subject line of a letter may run on to the next lines */
			const char *rest = line + strlen("V/v");
			while (*rest == ':' || *rest == ' ')
				rest++;
			struct buf t = { 0 };
			buf_add_flat(&t, rest);
			set_str(&n->title, trim_dup(t.p, t.n));
			free(t.p);
			free(l);
			return true;
		}
		free(l);
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return found;
}

static void read_metadata(struct notice *n, const struct blocks *bs, size_t *body_start, size_t *body_end)
{
	size_t kind_at = bs->n, header_last = 0;
	bool any_header = false;
	*body_start = 0;
	*body_end = bs->n;
	for (size_t i = 0; i < bs->n && i < 16; i++) {
		const struct block *b = &bs->v[i];
		if (b->kind != B_PARA)
			break;
		char *line = first_line(b->text);
		const char *k = find_kind(line);
		free(line);
		if (k) {
			kind_at = i;
			set_str(&n->kind, xstrdup(k));
			break;
		}
		if (header_block(n, b))
			header_last = i, any_header = true;
	}
	if (kind_at < bs->n) {
		*body_start = kind_at + 1;
		/* the title: the lines after the kind in its block, or the next block */
		const char *rest = bs->v[kind_at].text + strlen(n->kind);
		while (*rest == ' ' || *rest == '\n')
			rest++;
		struct buf t = { 0 };
		if (*rest)
			buf_add_flat(&t, rest);
		if (kind_at + 1 < bs->n && bs->v[kind_at + 1].kind == B_PARA &&
		    (bs->v[kind_at + 1].heading || !*rest) && !starts(bs->v[kind_at + 1].text, "Ngày ") &&
		    !starts(bs->v[kind_at + 1].text, "Căn cứ") && strlen(bs->v[kind_at + 1].text) < 400) {
			if (t.n)
				buf_add(&t, " ");
			buf_add_flat(&t, bs->v[kind_at + 1].text);
			*body_start = kind_at + 2;
		}
		if (t.n)
			set_str(&n->title, buf_take(&t));
		/* a number or date written after the kind */
		for (size_t i = *body_start; i < bs->n && i < *body_start + 3; i++)
			if (bs->v[i].kind == B_PARA && header_block(n, &bs->v[i]) && i == *body_start)
				(*body_start)++;
	} else {
		*body_start = any_header ? header_last + 1 : 0;
		if (*n->title)
			set_str(&n->kind, xstrdup("CÔNG VĂN"));
	}
	/* the addressees of a letter ("Kính gửi: - …") are not tasks */
	for (size_t i = *body_start; i < bs->n && i < *body_start + 3; i++) {
		if (bs->v[i].kind == B_PARA && starts(bs->v[i].text, "Kính gửi")) {
			size_t j = i + 1;
			while (j < bs->n && (bs->v[j].kind == B_BULLET || bs->v[j].kind == B_SUB))
				j++;
			*body_start = j;
			break;
		}
	}
	/* the end of the body: the closing formula, the signature or "Nơi nhận" */
	for (size_t i = *body_start; i < bs->n; i++) {
		const struct block *b = &bs->v[i];
		if (starts(b->text, "Nơi nhận") || is_signature_title(b->text)) {
			*body_end = i;
			break;
		}
		size_t len = strlen(b->text);
		if (len >= 3 && strcmp(b->text + len - 3, "./.") == 0 && b->kind == B_PARA) {
			*body_end = i;
			break;
		}
	}
	/* the signer: the name under the signature title (same block or next) */
	for (size_t i = *body_end; i < bs->n; i++) {
		const struct block *b = &bs->v[i];
		if (!is_signature_title(b->text))
			continue;
		struct buf t = { 0 };
		const char *line = b->text;
		char *name = NULL;
		while (line && *line) {
			char *l = first_line(line);
			if (has_lower(l) && !name) {
				name = l;
			} else {
				if (!name) {
					if (t.n)
						buf_add(&t, " ");
					buf_add(&t, l);
				}
				free(l);
			}
			line = strchr(line, '\n');
			if (line)
				line++;
		}
		set_str(&n->signer_title, buf_take(&t));
		for (size_t j = i + 1; !name && j < bs->n; j++) {
			const struct block *s = &bs->v[j];
			char *l = first_line(s->text);
			if (s->kind == B_PARA && has_lower(l) && has_upper(l) && strlen(l) < 80 && !strchr(l, ':'))
				name = l;
			else
				free(l);
		}
		if (name)
			set_str(&n->signer, name);
		break;
	}
}


/* A numbered paragraph, lettered item or part, with what follows it. */
struct head {
	size_t block;       /* its block; SIZE_MAX for the text before any */
	int level;          /* part 0, "2" 1, "2.1" 2, letter: its number + 1 */
	char *path;
	bool container;     /* has numbered children: it only introduces them */
};

static int num_level(const char *label)
{
	int level = 1;
	for (const char *c = label; *c; c++)
		level += *c == '.';
	return level;
}

static void read_units(struct notice *n, const struct blocks *bs, size_t from, size_t to)
{
	struct head *hs = NULL;
	size_t nh = 0, ch = 0;
	char *part = NULL, *num = NULL;
	int num_lvl = 0;
	/* the heads and their paths */
	xgrow((void **)&hs, &ch, 1, sizeof *hs);
	hs[nh++] = (struct head){ SIZE_MAX, -1, xstrdup(""), false };
	for (size_t i = from; i < to; i++) {
		const struct block *b = &bs->v[i];
		struct head h = { i, 0, NULL, false };
		if (b->kind == B_PART) {
			free(part);
			part = xstrdup(b->label);
			free(num);
			num = NULL;
			num_lvl = 0;
			h.level = 0;
			h.path = xstrdup(part);
		} else if (b->kind == B_NUM) {
			h.level = num_lvl = num_level(b->label);
			free(num);
			num = part ? xasprintf("%s.%s", part, b->label) : xstrdup(b->label);
			h.path = xstrdup(num);
		} else if (b->kind == B_LETTER) {
			h.level = num_lvl + 1;
			h.path = num ? xasprintf("%s.%s", num, b->label)
				     : part ? xasprintf("%s.%s", part, b->label) : xstrdup(b->label);
		} else {
			continue;
		}
		for (size_t k = nh; k-- > 0;)
			if (hs[k].level < h.level) {
				hs[k].container = true;
				break;
			}
		xgrow((void **)&hs, &ch, nh + 1, sizeof *hs);
		hs[nh++] = h;
	}
	/* each head's own text, bullets and paragraphs */
	for (size_t k = 0; k < nh; k++) {
		size_t first = hs[k].block == SIZE_MAX ? from : hs[k].block + 1;
		size_t last = k + 1 < nh ? hs[k + 1].block : to;
		struct buf all = { 0 };
		size_t units_before = n->n_units, bullet = 0;
		if (hs[k].block != SIZE_MAX)
			buf_add_flat(&all, bs->v[hs[k].block].text);
		for (size_t i = first; i < last; i++) {
			const struct block *b = &bs->v[i];
			if (all.n)
				buf_add(&all, "\n");
			buf_add(&all, b->kind == B_BULLET ? "- " : b->kind == B_SUB ? "+ " : "");
			buf_add_flat(&all, b->text);
			if (b->kind != B_BULLET)
				continue;
			struct buf bt = { 0 };
			buf_add_flat(&bt, b->text);
			while (i + 1 < last && bs->v[i + 1].kind == B_SUB) {
				i++;
				buf_add(&bt, "\n+ ");
				buf_add_flat(&bt, bs->v[i].text);
				buf_add(&all, "\n+ ");
				buf_add_flat(&all, bs->v[i].text);
			}
			bullet++;
			char *section = *hs[k].path ? xasprintf("%s (%zu)", hs[k].path, bullet)
						    : xasprintf("(%zu)", bullet);
			add_unit(n, section, bt.p, n->issued);
			free(section);
			free(bt.p);
		}
		if (n->n_units == units_before && !hs[k].container && hs[k].block != SIZE_MAX)
			add_unit(n, hs[k].path, all.p ? all.p : "", n->issued);
		free(all.p);
	}
	for (size_t k = 0; k < nh; k++)
		free(hs[k].path);
	free(hs);
	free(part);
	free(num);
}

void notice_init(struct notice *n)
{
	memset(n, 0, sizeof *n);
	n->kind = xstrdup("");
	n->number = xstrdup("");
	n->place = xstrdup("");
	n->title = xstrdup("");
	n->signer = xstrdup("");
	n->signer_title = xstrdup("");
	n->text = xstrdup("");
	n->issued = DATE_NONE;
}

static void unit_release(struct notice_unit *u)
{
	free(u->section);
	free_names(u->leads, u->n_leads);
	free_names(u->cooperating, u->n_cooperating);
	free(u->due_phrase);
	free(u->recurrence);
	free(u->summary);
	free(u->full_text);
}

void notice_release(struct notice *n)
{
	free(n->kind);
	free(n->number);
	free(n->place);
	free(n->title);
	free(n->signer);
	free(n->signer_title);
	free(n->text);
	for (size_t i = 0; i < n->n_units; i++)
		unit_release(&n->units[i]);
	free(n->units);
	memset(n, 0, sizeof *n);
	n->issued = DATE_NONE;
}

/* LF line ends, no BOM, NFC. */
static char *clean_text(const char *data, size_t len)
{
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, len -= 3;
	char *lf = xmalloc(len + 1);
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\r') {
			lf[w++] = '\n';
			if (i + 1 < len && data[i + 1] == '\n')
				i++;
		} else if (data[i] == '\f') {
			lf[w++] = '\n';
		} else {
			lf[w++] = data[i];
		}
	}
	lf[w] = '\0';
	/* NFD text (from macOS or Word) reads exactly like NFC. */
	char *nfc = xmalloc(w + 1);
	nfc[text_nfc(nfc, lf, w)] = '\0';
	free(lf);
	return nfc;
}

/* FNV-1a over the text with spaces at line ends and blank lines at the end
 * left out, so that copies differing only in those count as the same text. */
static void hash_text(const char *s, char out[17])
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t end = strlen(s);
	while (end && (s[end - 1] == '\n' || is_space(s[end - 1])))
		end--;
	for (size_t i = 0; i < end;) {
		size_t len = strcspn(s + i, "\n");
		if (i + len > end)
			len = end - i;
		size_t keep = len;
		while (keep && is_space(s[i + keep - 1]))
			keep--;
		for (size_t k = 0; k < keep; k++) {
			h ^= (unsigned char)s[i + k];
			h *= 0x100000001b3ull;
		}
		h ^= '\n';
		h *= 0x100000001b3ull;
		i += len + 1;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int notice_read(const char *data, size_t len, struct notice *out, char *err)
{
	struct blocks bs = { 0 };
	size_t from, to;
	notice_init(out);
	if (notice_check(data, len, NULL, err))
		return -1;
	free(out->text);
	out->text = clean_text(data, len);
	hash_text(out->text, out->hash);
	split_blocks(out->text, &bs);
	read_metadata(out, &bs, &from, &to);
	read_units(out, &bs, from, to);
	blocks_release(&bs);
	if (out->n_units == 0)
		return err_set(err, "no assignment found: no numbered paragraph or bullet names an agency that must act");
	return 0;
}

void notice_unit_drop(struct notice *n, size_t i, bool dropped)
{
	if (i < n->n_units)
		n->units[i].dropped = dropped;
}

static void set_names(char ***names, size_t *n, char *const *src, size_t count)
{
	free_names(*names, *n);
	*names = NULL;
	*n = 0;
	for (size_t i = 0; i < count; i++)
		if (src[i] && *src[i])
			push(names, n, src[i]);
}

void notice_unit_set_leads(struct notice_unit *u, char *const *names, size_t count)
{
	set_names(&u->leads, &u->n_leads, names, count);
}

void notice_unit_set_cooperating(struct notice_unit *u, char *const *names, size_t count)
{
	set_names(&u->cooperating, &u->n_cooperating, names, count);
}

void notice_unit_set_due(struct notice_unit *u, civil_day due, enum due_precision precision,
			 const char *phrase)
{
	u->due = due;
	u->precision = due == DATE_NONE ? PRECISION_NONE : precision == PRECISION_NONE ? PRECISION_DAY : precision;
	free(u->due_phrase);
	u->due_phrase = xstrdup(phrase ? phrase : "");
	free(u->recurrence);
	u->recurrence = NULL;
}

size_t notice_kept(const struct notice *n)
{
	size_t k = 0;
	for (size_t i = 0; i < n->n_units; i++)
		k += !n->units[i].dropped;
	return k;
}

void notice_unit_to_task(const struct notice_unit *u, struct task *t)
{
	task_set_str(&t->section, u->section);
	task_set_str(&t->summary, u->summary);
	task_set_str(&t->full_text, u->full_text);
	task_set_str(&t->due_phrase, u->due_phrase);
	task_set_str(&t->recurrence, u->recurrence);
	t->due = u->due;
	t->precision = u->precision;
	for (size_t i = 0; i < u->n_leads; i++)
		task_add_lead(t, u->leads[i]);
	for (size_t i = 0; i < u->n_cooperating; i++)
		task_add_cooperating(t, u->cooperating[i]);
}

char *notice_label(const struct notice *n)
{
	/* "THÔNG BÁO" -> "Thông báo": the kinds are a fixed list */
	static const char *const sentence[] = {
		"Thông báo", "Chỉ thị", "Công văn", "Kế hoạch", "Quyết định", "Báo cáo", "Kết luận",
		"Công điện", "Nghị quyết", "Tờ trình",
	};
	const char *kind = "Văn bản";
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(n->kind, kinds[i]) == 0)
			kind = sentence[i];
	char date[DATE_BUF];
	struct buf b = { 0 };
	buf_add(&b, kind);
	if (*n->number) {
		buf_add(&b, " ");
		buf_add(&b, n->number);
	}
	if (n->issued != DATE_NONE) {
		buf_add(&b, " ngày ");
		buf_add(&b, date_format_dmy(n->issued, date));
	}
	return buf_take(&b);
}
