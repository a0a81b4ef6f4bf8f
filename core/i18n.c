#include "core/i18n.h"

#include <string.h>

static enum lang messages = LANG_EN;

void i18n_set_messages(enum lang lang) { messages = lang; }

enum lang i18n_messages(void) { return messages; }

int i18n_lang_parse(const char *text, enum lang *out)
{
	if (!text)
		return -1;
	if (strncmp(text, "vi", 2) == 0 && (text[2] == '\0' || text[2] == '_' || text[2] == '.' || text[2] == '-')) {
		*out = LANG_VI;
		return 0;
	}
	if (strncmp(text, "en", 2) == 0 && (text[2] == '\0' || text[2] == '_' || text[2] == '.' || text[2] == '-')) {
		*out = LANG_EN;
		return 0;
	}
	return -1;
}
