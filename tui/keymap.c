#include "tui/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/term.h"

#define FN(k) (KEYMAP_FN | (k))

#define ACTION_ROW(id, name, m) [id] = { name, m },
static const struct {
	const char *name;
	enum msg_id msg;
} actions[ACT_COUNT] = { [ACT_NONE] = { "none", M_ACT_BACK }, ACTION_LIST(ACTION_ROW) };

static const struct {
	enum action action;
	int keys[KEYMAP_KEYS];
} defaults[] = {
	{ ACT_DOWN, { 'j', FN(KEY_DOWN) } },
	{ ACT_UP, { 'k', FN(KEY_UP) } },
	{ ACT_PGDN, { FN(KEY_NPAGE) } },
	{ ACT_PGUP, { FN(KEY_PPAGE) } },
	{ ACT_TOP, { 'g', FN(KEY_HOME) } },
	{ ACT_BOTTOM, { 'G', FN(KEY_END) } },
	{ ACT_PANE, { '\t' } },
	{ ACT_DETAIL, { '\n', '\r', FN(KEY_ENTER) } },
	{ ACT_DETAIL_DOWN, { 'J', ']' } },
	{ ACT_DETAIL_UP, { 'K', '[' } },
	{ ACT_PROGRESS, { 'p' } },
	{ ACT_REPORTED, { 'w' } },
	{ ACT_DONE, { 'd' } },
	{ ACT_DONE_ON, { 'D' } },
	{ ACT_PAUSE, { 'z' } },
	{ ACT_CANCEL, { 'c' } },
	{ ACT_REOPEN, { 'o' } },
	{ ACT_EXTEND, { 'e' } },
	{ ACT_NOTE, { 'n' } },
	{ ACT_UNDO, { 'u' } },
	{ ACT_SEARCH, { '/' } },
	{ ACT_FILTER, { 'f' } },
	{ ACT_SHOW_OPEN, { '1' } },
	{ ACT_SHOW_OVERDUE, { '2' } },
	{ ACT_SHOW_SOON, { '3' } },
	{ ACT_SORT, { 's' } },
	{ ACT_ADD, { 'a' } },
	{ ACT_MARK, { ' ' } },
	{ ACT_IMPORT, { 'i' } },
	{ ACT_EXPORT, { 'x' } },
	{ ACT_REPORT, { 'R' } },
	{ ACT_AGENCIES, { 'A' } },
	{ ACT_RENAME, { 'r' } },
	{ ACT_ALIAS, { 'l' } },
	{ ACT_MERGE, { 'm' } },
	{ ACT_SAVE, { 'S' } },
	{ ACT_EDIT_LEADS, { 'L' } },
	{ ACT_EDIT_DUE, { 'H' } },
	{ ACT_EXAMPLE, { 'E' } },
	{ ACT_HELP, { '?', FN(KEY_F(1)) } },
	{ ACT_BACK, { 27, FN(KEY_LEFT), 'h' } },
	{ ACT_QUIT, { 'q' } },
};

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "up", FN(KEY_UP) }, { "down", FN(KEY_DOWN) }, { "left", FN(KEY_LEFT) },
	{ "right", FN(KEY_RIGHT) }, { "pgup", FN(KEY_PPAGE) }, { "pgdn", FN(KEY_NPAGE) },
	{ "home", FN(KEY_HOME) }, { "end", FN(KEY_END) }, { "enter", '\n' }, { "tab", '\t' },
	{ "space", ' ' }, { "esc", 27 }, { "backspace", FN(KEY_BACKSPACE) },
};

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		memcpy(km->keys[defaults[i].action], defaults[i].keys, sizeof defaults[i].keys);
}

int keymap_parse_key(const char *name)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(named[i].name, name) == 0)
			return named[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1]) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12)
			return FN(KEY_F((int)n));
	}
	/* One printable character (UTF-8). */
	uint32_t cp;
	size_t len = strlen(name);
	if (len == 0 || text_utf8_decode(name, len, &cp) != len || cp == TEXT_BAD_CP || cp < 0x21 || cp == 0x7f)
		return -1;
	return (int)cp;
}

char *keymap_key_name(int key, char *buf)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, 16, "%s", named[i].name);
			return buf;
		}
	if (key == '\r' || key == FN(KEY_ENTER))
		snprintf(buf, 16, "enter");
	else if (key & KEYMAP_FN) {
		int k = key & ~KEYMAP_FN;
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, 16, "F%d", k - KEY_F0);
		else
			snprintf(buf, 16, "#%d", k);
	} else {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(buf, (wchar_t)key, &st);
		if (n == (size_t)-1 || n > 8)
			snprintf(buf, 16, "U+%04X", (unsigned)key);
		else
			buf[n] = '\0';
	}
	return buf;
}

static enum action find_action(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

static void unbind_key(struct keymap *km, int key)
{
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < KEYMAP_KEYS; i++)
			if (km->keys[a][i] == key) {
				memmove(&km->keys[a][i], &km->keys[a][i + 1],
					(size_t)(KEYMAP_KEYS - 1 - i) * sizeof(int));
				km->keys[a][KEYMAP_KEYS - 1] = 0;
				i--;
			}
}

int keymap_apply_config(struct keymap *km, const struct config *c, char *err)
{
	bool replaced[ACT_COUNT] = { false };
	int set_by_line[ACT_COUNT * KEYMAP_KEYS]; /* for duplicate detection */
	int set_keys[ACT_COUNT * KEYMAP_KEYS];
	enum action set_action[ACT_COUNT * KEYMAP_KEYS];
	size_t n_set = 0;
	const char *file = c->path ? c->path : "(defaults)";
	for (size_t b = 0; b < c->n_bindings; b++) {
		const struct config_binding *cb = &c->bindings[b];
		enum action a = find_action(cb->action);
		if (a == ACT_NONE)
			return err_set(err, VI ? "cấu hình '%s', dòng %d: key.%s: không có thao tác '%s'"
					       : "config '%s', line %d: key.%s: unknown action '%s'", file,
				       cb->line, cb->action, cb->action);
		int key = keymap_parse_key(cb->key);
		if (key < 0)
			return err_set(err, VI ? "cấu hình '%s', dòng %d: key.%s: không có phím '%s'"
					       : "config '%s', line %d: key.%s: unknown key '%s'", file,
				       cb->line, cb->action, cb->key);
		for (size_t i = 0; i < n_set; i++)
			if (set_keys[i] == key && set_action[i] != a)
				return err_set(err, VI ? "cấu hình '%s', dòng %d: key.%s: '%s' đã được gán cho %s ở dòng %d"
						       : "config '%s', line %d: key.%s: '%s' is already bound to %s on line %d",
					       file, cb->line, cb->action, cb->key, actions[set_action[i]].name,
					       set_by_line[i]);
		if (!replaced[a]) {
			memset(km->keys[a], 0, sizeof km->keys[a]);
			replaced[a] = true;
		}
		unbind_key(km, key);
		int slot = 0;
		while (slot < KEYMAP_KEYS && km->keys[a][slot])
			slot++;
		if (slot == KEYMAP_KEYS)
			return err_set(err, VI ? "cấu hình '%s', dòng %d: key.%s: mỗi thao tác tối đa %d phím"
					       : "config '%s', line %d: key.%s: at most %d keys per action", file,
				       cb->line, cb->action, KEYMAP_KEYS);
		km->keys[a][slot] = key;
		if (n_set < sizeof set_keys / sizeof set_keys[0]) {
			set_keys[n_set] = key;
			set_action[n_set] = a;
			set_by_line[n_set++] = cb->line;
		}
	}
	return 0;
}

enum action keymap_lookup(const struct keymap *km, int key)
{
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < KEYMAP_KEYS && km->keys[a][i]; i++)
			if (km->keys[a][i] == key)
				return (enum action)a;
	return ACT_NONE;
}

enum msg_id keymap_action_msg(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].msg : M_ACT_BACK;
}

char *keymap_describe(const struct keymap *km, enum action a, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < KEYMAP_KEYS && km->keys[a][i]; i++) {
		char name[16];
		if (km->keys[a][i] == '\r' || km->keys[a][i] == FN(KEY_ENTER))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s", used ? "/" : "", keymap_key_name(km->keys[a][i], name));
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}
