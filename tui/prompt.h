/* prompt: the one-line text input in the footer (dates, reasons, notes,
 * search, form fields). Plain state and a key function: no terminal needed. */
#ifndef HANCHOT_PROMPT_H
#define HANCHOT_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/msg.h"

#define PROMPT_MAX 1024

enum prompt_result { PROMPT_NONE, PROMPT_EDITED, PROMPT_ACCEPT, PROMPT_CANCEL, PROMPT_COMPLETE };

struct prompt {
	bool active;
	enum msg_id label;
	int purpose;          /* what the caller will do with the text */
	char text[PROMPT_MAX];
	size_t len;
};

/* Opens the prompt with label and an initial text (may be NULL). */
void prompt_open(struct prompt *p, enum msg_id label, int purpose, const char *initial);
void prompt_close(struct prompt *p);
/* Replaces the text (completion). */
void prompt_set(struct prompt *p, const char *text);
/* Feeds one key (a character, or KEYMAP_FN | curses code): Enter accepts,
 * Esc cancels, Backspace deletes a character, Ctrl-U clears, Tab asks for
 * completion; control characters are ignored. */
enum prompt_result prompt_key(struct prompt *p, int key);

#endif
