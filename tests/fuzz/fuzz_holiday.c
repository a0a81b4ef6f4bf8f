/* libFuzzer: the holidays file parser, then lookups over the years it names. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/holiday.h"
#include "core/workday.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char err[ERR_MAX];
	memcpy(text, data, size);
	text[size] = '\0';
	struct holiday_calendar *cal = holiday_calendar_new();
	if (holiday_calendar_load_text(cal, text, "fuzz", err) == 0) {
		civil_day d = date_from_ymd(2024, 1, 1);
		(void)workday_count(cal, d, d + 400);
		(void)workday_add(cal, d, 30);
	}
	holiday_calendar_free(cal);
	free(text);
	return 0;
}
