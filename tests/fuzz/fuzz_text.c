/* libFuzzer target: the text helpers never crash or write out of bounds; their
 * outputs keep their promises (no longer than the input, valid UTF-8 where
 * promised, truncation never wider than asked). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	/* first byte: truncate width; second: output buffer size */
	size_t width = data[0] % 64;
	size_t outsize = data[1] % 80;
	const char *s = (const char *)data + 2;
	size_t len = size - 2;

	size_t bad;
	bool valid = text_utf8_valid(s, len, &bad);
	check(valid ? bad == len : bad < len);
	if (!valid) {
		uint32_t cp;
		check(text_utf8_decode(s + bad, len - bad, &cp) == 1 && cp == TEXT_BAD_CP);
	}

	/* exact-size heap buffers so ASan catches any overrun */
	char *out = malloc(len + 1);
	size_t n = text_nfc(out, s, len);
	check(n <= len && out[n] == '\0');
	if (valid)
		check(text_utf8_valid(out, n, NULL));
	/* NFC is idempotent */
	char *again = malloc(n + 1);
	size_t n2 = text_nfc(again, out, n);
	if (valid)
		check(n2 == n && memcmp(again, out, n) == 0);
	free(again);

	n = text_lower(out, s, len);
	check(n <= len && out[n] == '\0');
	n = text_fold(out, s, len);
	check(n <= len && out[n] == '\0' && text_utf8_valid(out, n, NULL));
	check(n == 0 || (out[0] != ' ' && out[n - 1] != ' '));
	n = text_sanitize(out, s, len, 0);
	check(n <= len && text_utf8_valid(out, n, NULL));
	for (size_t i = 0; i < n; i++)
		check((unsigned char)out[i] >= 0x20 && out[i] != 0x7F);
	n = text_sanitize(out, s, len, TEXT_MULTILINE);
	check(n <= len && text_utf8_valid(out, n, NULL) && !memchr(out, '\r', n));
	free(out);

	char *tr = malloc(outsize ? outsize : 1);
	n = text_truncate(tr, outsize, s, len, width);
	if (outsize) {
		check(n < outsize && tr[n] == '\0');
		check(text_utf8_valid(tr, n, NULL));
		check(text_width(tr, n) <= width);
	} else {
		check(n == 0);
	}
	free(tr);
	(void)text_width(s, len);
	return 0;
}
