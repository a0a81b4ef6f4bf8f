/* libFuzzer: the configuration parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char err[ERR_MAX];
	config_init(&c);
	config_parse(&c, (const char *)data, size, "fuzz", err);
	config_release(&c);
	return 0;
}
