/* libFuzzer target for the deadline phrase parser: arbitrary bytes must never
 * crash it, make it read outside the input, or loop; every span it returns
 * lies within the input and in text order. The first byte picks options. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/deadline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool odd_days(void *ctx, civil_day d)
{
	(void)ctx;
	return d % 3 != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct deadline_options opt;
	deadline_options_init(&opt);
	uint8_t flags = data[0];
	if (flags & 1)
		opt.anchor = date_from_ymd(2024, 4, 25);
	if (flags & 2)
		opt.default_year = 2024;
	opt.before_means_day_before = flags & 4;
	if (flags & 8)
		opt.is_working_day = odd_days;
	/* A copy of exactly the input, so ASan sees any read past its end. */
	size_t len = size - 1;
	char *text = malloc(len ? len : 1);
	if (!text)
		return 0;
	memcpy(text, data + 1, len);

	struct deadline out[16];
	size_t n = deadline_find_all(text, len, &opt, out, 16);
	size_t prev_end = 0;
	for (size_t i = 0; i < n && i < 16; i++) {
		if (out[i].start > out[i].end || out[i].end > len || out[i].start < prev_end)
			abort();
		prev_end = out[i].end;
	}
	struct deadline best;
	if (deadline_pick(text, len, &opt, &best) != (n > 0))
		abort();
	free(text);
	return 0;
}
