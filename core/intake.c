#include "core/intake.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/notice.h"
#include "core/text.h"
#include "core/xalloc.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }

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

int intake_check(const char *data, size_t len, const char **iconv_from, char *err)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t controls = 0, bad = 0;
	if (iconv_from)
		*iconv_from = NULL;
	if (len > NOTICE_MAX_BYTES)
		return err_set(err, VI ? "quá lớn (%zu byte; một thông báo tối đa %u byte)"
				       : "too large (%zu bytes; a notice is at most %u bytes)", len, NOTICE_MAX_BYTES);
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		s += 3, len -= 3;
	bool blank = true;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == 0)
			return err_set(err, VI ? "dữ liệu nhị phân, không phải văn bản (byte NUL ở vị trí %zu)"
					       : "binary data, not text (NUL byte at offset %zu)", i);
		if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
			controls++;
		if (s[i] > ' ')
			blank = false;
	}
	if (blank)
		return err_set(err, VI ? "tệp rỗng: không có nội dung để đọc" : "empty: there is no text to read");
	if (controls * 100 > len || controls > 64)
		return err_set(err, VI ? "dữ liệu nhị phân, không phải văn bản (%zu byte điều khiển)"
				       : "binary data, not text (%zu control bytes)", controls);
	if (!text_utf8_valid((const char *)s, len, &bad)) {
		const char *legacy = guess_legacy(s, len);
		if (iconv_from)
			*iconv_from = legacy;
		if (legacy)
			return err_set(err, VI ? "không phải mã UTF-8: có vẻ là văn bản mã %s" : "not UTF-8: it looks like %s text",
				       strcmp(legacy, "WINDOWS-1258") == 0 ? "Windows-1258" : "TCVN3 (ABC)");
		return err_set(err, VI ? "không phải văn bản UTF-8 (byte không hợp lệ 0x%02x ở vị trí %zu)"
			       : "not UTF-8 text (invalid byte 0x%02x at offset %zu)", s[bad], bad);
	}
	return 0;
}

/* ---- the text as read ----------------------------------------------------- */

/* LF line ends, no BOM, NFC; no-break and other spaces as ' ', soft hyphens
 * and zero-width characters removed, a form feed on a line of its own. */
char *intake_clean(const char *data, size_t len)
{
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, len -= 3;
	/* NFD text (from macOS or Word) reads exactly like NFC. */
	char *nfc = xmalloc(len + 1);
	size_t m = text_nfc(nfc, data, len);
	char *out = xmalloc(3 * m + 1);
	size_t w = 0;
	for (size_t i = 0; i < m;) {
		unsigned char c = (unsigned char)nfc[i];
		uint32_t cp;
		size_t n = text_utf8_decode(nfc + i, m - i, &cp);
		if (c == '\r') {
			out[w++] = '\n';
			i += (i + 1 < m && nfc[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c == '\f') {
			memcpy(out + w, "\n\f\n", 3);
			w += 3;
			i++;
			continue;
		}
		if (cp == 0xa0 || cp == 0x202f || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x3000 || c == '\t' ||
		    c == '\v') {
			out[w++] = ' ';
		} else if (cp == 0xad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff) {
			/* soft hyphen, zero-width space and joiners, word joiner, BOM */
		} else if (cp == 0x2028 || cp == 0x2029) {
			out[w++] = '\n';
		} else {
			memcpy(out + w, nfc + i, n);
			w += n;
		}
		i += n ? n : 1;
	}
	out[w] = '\0';
	free(nfc);
	return out;
}

/* FNV-1a over the text with spaces at line ends and blank lines at the end
 * left out, so that copies differing only in those count as the same text. */
void intake_hash(const char *s, char out[17])
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
