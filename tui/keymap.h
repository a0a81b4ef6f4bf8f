/* keymap: keys to actions, through one table.
 *
 * Each action has a stable name (used in the configuration as
 * `key.ACTION = KEY`), a description from the message catalogue and default
 * keys. A key is an int: a Unicode character, or KEYMAP_FN | a curses KEY_*
 * code for function keys. Handlers receive actions, never keys, so they can
 * be tested without a terminal. */
#ifndef HANCHOT_KEYMAP_H
#define HANCHOT_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "tui/msg.h"

#define KEYMAP_FN 0x1000000

#define ACTION_LIST(X) \
	X(ACT_DOWN, "down", M_ACT_DOWN) \
	X(ACT_UP, "up", M_ACT_UP) \
	X(ACT_PGDN, "pgdn", M_ACT_PGDN) \
	X(ACT_PGUP, "pgup", M_ACT_PGUP) \
	X(ACT_TOP, "top", M_ACT_TOP) \
	X(ACT_BOTTOM, "bottom", M_ACT_BOTTOM) \
	X(ACT_PANE, "pane", M_ACT_PANE) \
	X(ACT_DETAIL, "detail", M_ACT_DETAIL) \
	X(ACT_DETAIL_DOWN, "detail_down", M_ACT_DETAIL_DOWN) \
	X(ACT_DETAIL_UP, "detail_up", M_ACT_DETAIL_UP) \
	X(ACT_PROGRESS, "progress", M_ACT_PROGRESS) \
	X(ACT_REPORTED, "reported", M_ACT_REPORTED) \
	X(ACT_DONE, "done", M_ACT_DONE) \
	X(ACT_DONE_ON, "done_on", M_ACT_DONE_ON) \
	X(ACT_PAUSE, "pause", M_ACT_PAUSE) \
	X(ACT_CANCEL, "cancel", M_ACT_CANCEL) \
	X(ACT_REOPEN, "reopen", M_ACT_REOPEN) \
	X(ACT_EXTEND, "extend", M_ACT_EXTEND) \
	X(ACT_NOTE, "note", M_ACT_NOTE) \
	X(ACT_UNDO, "undo", M_ACT_UNDO) \
	X(ACT_SEARCH, "search", M_ACT_SEARCH) \
	X(ACT_FILTER, "filter", M_ACT_FILTER) \
	X(ACT_SHOW_OPEN, "show_open", M_ACT_SHOW_OPEN) \
	X(ACT_SHOW_OVERDUE, "show_overdue", M_ACT_SHOW_OVERDUE) \
	X(ACT_SHOW_SOON, "show_soon", M_ACT_SHOW_SOON) \
	X(ACT_SORT, "sort", M_ACT_SORT) \
	X(ACT_ADD, "add", M_ACT_ADD) \
	X(ACT_MARK, "mark", M_ACT_MARK) \
	X(ACT_IMPORT, "import", M_ACT_IMPORT) \
	X(ACT_EXPORT, "export", M_ACT_EXPORT) \
	X(ACT_REPORT, "report", M_ACT_REPORT) \
	X(ACT_AGENCIES, "agencies", M_ACT_AGENCIES) \
	X(ACT_RENAME, "rename", M_ACT_RENAME) \
	X(ACT_ALIAS, "alias", M_ACT_ALIAS) \
	X(ACT_MERGE, "merge", M_ACT_MERGE) \
	X(ACT_SAVE, "save", M_ACT_SAVE) \
	X(ACT_EDIT_LEADS, "edit_leads", M_ACT_EDIT_LEADS) \
	X(ACT_EDIT_DUE, "edit_due", M_ACT_EDIT_DUE) \
	X(ACT_EXAMPLE, "example", M_ACT_EXAMPLE) \
	X(ACT_HELP, "help", M_ACT_HELP) \
	X(ACT_BACK, "back", M_ACT_BACK) \
	X(ACT_QUIT, "quit", M_ACT_QUIT)

#define ACTION_ENUM(id, name, m) id,
enum action { ACT_NONE, ACTION_LIST(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

#define KEYMAP_KEYS 3 /* keys per action */

struct keymap {
	int keys[ACT_COUNT][KEYMAP_KEYS]; /* 0: unused slot */
};

/* Fills km with the default bindings. Cannot fail. */
void keymap_init(struct keymap *km);

/* Applies the configuration's key.ACTION = KEY lines. The first line for an
 * action replaces its default keys, later ones add; a key taken by a line
 * leaves the actions it was a default for. Errors name the file and line:
 * "config 'F', line 3: key.frob: unknown action 'frob'". Returns 0 or -1. */
int keymap_apply_config(struct keymap *km, const struct config *c, char *err);

/* The action bound to key, or ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, int key);

/* "j", "down", "F5", "space" … into buf (at least 16 bytes). */
char *keymap_key_name(int key, char *buf);
/* Parses a key name (see config/hanchot.conf); -1 when unknown. */
int keymap_parse_key(const char *name);

/* The action's description id. */
enum msg_id keymap_action_msg(enum action a);
/* "j/down" — the action's keys joined with '/' into buf of size n. */
char *keymap_describe(const struct keymap *km, enum action a, char *buf, size_t n);

#endif
