/* libFuzzer target: the text helpers never crash or write out of bounds; their
 * outputs keep their promises (no longer than the input, valid UTF-8 where
 * promised, no control left by the cleaner, whose text the width measures
 * as the sum of its characters' widths). */
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
	const char *s = (const char *)data;
	size_t len = size;

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
	size_t cols = 0;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp;
		k = text_utf8_decode(out + i, n - i, &cp);
		cols += (size_t)text_cp_width(cp);
	}
	check(text_width(out, n) == cols);
	n = text_sanitize(out, s, len, TEXT_MULTILINE);
	check(n <= len && text_utf8_valid(out, n, NULL) && !memchr(out, '\r', n));
	free(out);
	(void)text_width(s, len);
	return 0;
}
