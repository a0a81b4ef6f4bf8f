#include "tui/prompt.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "tui/keymap.h"
#include "tui/term.h"

void prompt_open(struct prompt *p, enum msg_id label, int purpose, const char *initial)
{
	p->active = true;
	p->label = label;
	p->purpose = purpose;
	prompt_set(p, initial ? initial : "");
}

void prompt_close(struct prompt *p)
{
	p->active = false;
	p->text[0] = '\0';
	p->len = 0;
}

void prompt_set(struct prompt *p, const char *text)
{
	snprintf(p->text, sizeof p->text, "%s", text);
	p->len = strlen(p->text);
	/* never leave half a character at the end */
	while (p->len && (p->text[p->len - 1] & 0xc0) == 0x80 && strlen(text) > p->len) {
		size_t i = p->len;
		while (i && (p->text[i - 1] & 0xc0) == 0x80)
			i--;
		p->len = i ? i - 1 : 0;
		p->text[p->len] = '\0';
	}
}

enum prompt_result prompt_key(struct prompt *p, int key)
{
	if (key == '\n' || key == '\r' || key == (KEYMAP_FN | KEY_ENTER))
		return PROMPT_ACCEPT;
	if (key == 27)
		return PROMPT_CANCEL;
	if (key == '\t')
		return PROMPT_COMPLETE;
	if (key == 127 || key == 8 || key == (KEYMAP_FN | KEY_BACKSPACE)) {
		if (p->len == 0)
			return PROMPT_NONE;
		do
			p->len--;
		while (p->len && (p->text[p->len] & 0xc0) == 0x80);
		p->text[p->len] = '\0';
		return PROMPT_EDITED;
	}
	if (key == 21) { /* Ctrl-U */
		p->len = 0;
		p->text[0] = '\0';
		return PROMPT_EDITED;
	}
	if ((key & KEYMAP_FN) || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0) || key > 0x10ffff)
		return PROMPT_NONE;
	char buf[4];
	size_t n = text_utf8_encode((uint32_t)key, buf);
	if (n == 0 || p->len + n >= sizeof p->text)
		return PROMPT_NONE;
	memcpy(p->text + p->len, buf, n);
	p->len += n;
	p->text[p->len] = '\0';
	return PROMPT_EDITED;
}
