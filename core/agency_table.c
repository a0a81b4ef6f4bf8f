#include "core/agency.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency_internal.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- table ---------------------------------------------------------------------- */

struct agency_table {
	struct agency **items;
	size_t n, cap;
	/* key -> item index, open addressing */
	char **keys;
	size_t *vals;
	size_t slots, used;
	struct abbrev_set abbrevs;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t map_get(const struct agency_table *t, const char *key)
{
	if (!t->slots)
		return SIZE_MAX;
	size_t i = (size_t)hash_str(key) & (t->slots - 1);
	while (t->keys[i]) {
		if (strcmp(t->keys[i], key) == 0)
			return t->vals[i];
		i = (i + 1) & (t->slots - 1);
	}
	return SIZE_MAX;
}

static void map_put_owned(struct agency_table *t, char *key, size_t val);

static void map_grow(struct agency_table *t)
{
	char **oldk = t->keys;
	size_t *oldv = t->vals, olds = t->slots;
	t->slots = olds ? olds * 2 : 64;
	t->keys = xcalloc(t->slots, sizeof *t->keys);
	t->vals = xcalloc(t->slots, sizeof *t->vals);
	t->used = 0;
	for (size_t i = 0; i < olds; i++)
		if (oldk[i])
			map_put_owned(t, oldk[i], oldv[i]);
	free(oldk);
	free(oldv);
}

/* Takes ownership of key; the key must not be present yet. */
static void map_put_owned(struct agency_table *t, char *key, size_t val)
{
	if ((t->used + 1) * 2 > t->slots)
		map_grow(t);
	size_t i = (size_t)hash_str(key) & (t->slots - 1);
	while (t->keys[i])
		i = (i + 1) & (t->slots - 1);
	t->keys[i] = key;
	t->vals[i] = val;
	t->used++;
}

struct agency_table *agency_table_new(void)
{
	return xcalloc(1, sizeof(struct agency_table));
}

void agency_table_free(struct agency_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		struct agency *a = t->items[i];
		free(a->name);
		free(a->short_name);
		for (size_t j = 0; j < a->n_aliases; j++)
			free(a->aliases[j]);
		free(a->aliases);
		free(a);
	}
	free(t->items);
	for (size_t i = 0; i < t->slots; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->vals);
	for (size_t i = 0; i < t->abbrevs.n; i++) {
		free(t->abbrevs.abbr[i]);
		free(t->abbrevs.expansion[i]);
	}
	free(t->abbrevs.abbr);
	free(t->abbrevs.expansion);
	free(t);
}

char *agency_table_key(const struct agency_table *t, const char *name)
{
	return agency_key_with(t ? &t->abbrevs : NULL, name);
}

/* Index of the entry whose key equals that of name, or SIZE_MAX. */
static size_t find_by_name(const struct agency_table *t, const char *name)
{
	if (!name || !*name)
		return SIZE_MAX;
	char *key = agency_table_key(t, name);
	size_t idx = map_get(t, key);
	free(key);
	return idx;
}

static void put_key(struct agency_table *t, const char *name, size_t idx)
{
	char *key = agency_table_key(t, name);
	if (*key && map_get(t, key) == SIZE_MAX)
		map_put_owned(t, key, idx);
	else
		free(key);
}

const struct agency *agency_table_add(struct agency_table *t, const char *name,
				      const char *short_name, enum agency_kind kind, int64_t id)
{
	size_t idx = find_by_name(t, name);
	if (idx == SIZE_MAX)
		idx = find_by_name(t, short_name);
	if (idx != SIZE_MAX) {
		if (!t->items[idx]->id)
			t->items[idx]->id = id;
		return t->items[idx];
	}
	struct agency *a = xcalloc(1, sizeof *a);
	a->name = xstrdup(name);
	a->short_name = short_name && *short_name ? xstrdup(short_name) : NULL;
	a->kind = kind;
	a->id = id;
	xgrow((void **)&t->items, &t->cap, t->n + 1, sizeof *t->items);
	t->items[t->n] = a;
	put_key(t, name, t->n);
	if (a->short_name)
		put_key(t, a->short_name, t->n);
	t->n++;
	return a;
}

int agency_table_add_alias(struct agency_table *t, const char *name, const char *alias, char *err)
{
	size_t idx = find_by_name(t, name);
	if (idx == SIZE_MAX)
		return err_set(err, VI ? "không có cơ quan '%s'" : "agency '%s': not known", name);
	char *key = agency_table_key(t, alias);
	if (!*key) {
		free(key);
		return err_set(err, VI ? "cơ quan '%s': tên gọi khác để trống" : "agency '%s': empty alias", name);
	}
	size_t other = map_get(t, key);
	if (other != SIZE_MAX && other != idx) {
		free(key);
		return err_set(err, VI ? "tên gọi khác '%s' đã là tên của '%s'" : "alias '%s' already names '%s'", alias, t->items[other]->name);
	}
	struct agency *a = t->items[idx];
	a->aliases = xrealloc(a->aliases, (a->n_aliases + 1) * sizeof *a->aliases);
	a->aliases[a->n_aliases++] = xstrdup(alias);
	if (other == SIZE_MAX)
		map_put_owned(t, key, idx);
	else
		free(key);
	return 0;
}

int agency_table_add_abbrev(struct agency_table *t, const char *abbr, const char *expansion, char *err)
{
	if (!*abbr || strpbrk(abbr, " \t"))
		return err_set(err, VI ? "chữ viết tắt '%s': cần đúng một từ" : "abbreviation '%s': expected one word", abbr);
	if (!expansion || !*expansion)
		return err_set(err, VI ? "chữ viết tắt '%s': thiếu dạng đầy đủ" : "abbreviation '%s': empty expansion", abbr);
	char *norm = agency_abbrev_norm(abbr, strlen(abbr));
	if (!*norm || strcmp(norm, "bch") == 0) {
		free(norm);
		return err_set(err, VI ? "không định nghĩa lại được chữ viết tắt '%s' (nghĩa của nó tùy các từ theo sau)"
			       : "abbreviation '%s' cannot be redefined (it depends on the words after it)",
			       abbr);
	}
	struct abbrev_set *s = &t->abbrevs;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->abbr = xrealloc(s->abbr, s->cap * sizeof *s->abbr);
		s->expansion = xrealloc(s->expansion, s->cap * sizeof *s->expansion);
	}
	s->abbr[s->n] = norm;
	char *nfc = text_nfc_dup(expansion);
	s->expansion[s->n] = text_lower_dup(nfc);
	free(nfc);
	s->n++;
	return 0;
}

/* Byte offset of the last word "tỉnh" in key (after a space) when at most four
 * words (a province's name) follow it, or 0. */
static size_t last_tinh(const char *key)
{
	size_t at = 0;
	for (const char *p = strstr(key, " tỉnh"); p; p = strstr(p + 1, " tỉnh")) {
		char c = p[strlen(" tỉnh")];
		if (c == '\0' || c == ' ')
			at = (size_t)(p - key);
	}
	size_t words = 0;
	for (const char *p = key + at + 1; at && *p; p++)
		words += *p == ' ';
	return words <= 4 ? at : 0;
}

const struct agency *agency_table_match(const struct agency_table *t, const char *text)
{
	char *key = agency_table_key(t, text);
	size_t idx = SIZE_MAX;
	if (*key) {
		idx = map_get(t, key);
		if (idx == SIZE_MAX) {
			char *plus = xasprintf("%s tỉnh", key);
			idx = map_get(t, plus);
			free(plus);
		}
		size_t cut = last_tinh(key);
		if (idx == SIZE_MAX && cut) {
			key[cut] = '\0';
			idx = map_get(t, key);
			if (idx == SIZE_MAX) {
				char *plus = xasprintf("%s tỉnh", key);
				idx = map_get(t, plus);
				free(plus);
			}
		}
	}
	free(key);
	return idx == SIZE_MAX ? NULL : t->items[idx];
}

/* ---- files ------------------------------------------------------------------------ */

/* The lists are a few hundred lines; a file far larger is not one. */
#define LIST_MAX_BYTES (16u << 20)

static int read_file(const char *path, char **out, char *err)
{
	char sub[ERR_MAX];
	size_t len;
	if (file_read_all(path, LIST_MAX_BYTES, out, &len, sub))
		return err_set(err, VI ? "%s: không mở được: %s" : "%s: cannot open: %s", path, sub);
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

#define MAX_FIELDS 8

/* Calls fn for each non-comment line, split at tabs into trimmed fields. */
static int each_line(const char *text, const char *origin, char *err,
		     int (*fn)(void *ctx, char **f, size_t nf, char *msg), void *ctx)
{
	size_t lineno = 0;
	const char *p = text;
	int rc = 0;
	while (*p && rc == 0) {
		lineno++;
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup(p, len);
		p = e ? e + 1 : p + len;
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		size_t bad;
		char *l = trim(line);
		if (!text_utf8_valid(line, n, &bad)) {
			rc = err_set(err, VI ? "%s:%zu: không phải UTF-8 hợp lệ ở byte %zu" : "%s:%zu: invalid UTF-8 at byte %zu", origin, lineno, bad + 1);
		} else if (*l && *l != '#') {
			char *f[MAX_FIELDS];
			size_t nf = 0;
			for (char *q = l;;) {
				char *tab = strchr(q, '\t');
				if (tab)
					*tab = '\0';
				if (nf < MAX_FIELDS)
					f[nf] = trim(q);
				nf++;
				if (!tab)
					break;
				q = tab + 1;
			}
			char msg[ERR_MAX];
			if (fn(ctx, f, nf, msg) != 0)
				rc = err_set(err, "%s:%zu: %s", origin, lineno, msg);
		}
		free(line);
	}
	return rc;
}

static int agencies_line(void *ctx, char **f, size_t nf, char *msg)
{
	struct agency_table *t = ctx;
	if (strcmp(f[0], "abbrev") == 0) {
		if (nf != 3)
			return err_set(msg, VI ? "abbrev: cần 3 trường cách nhau bằng Tab, có %zu"
			       : "abbrev: expected 3 tab-separated fields, found %zu", nf);
		return agency_table_add_abbrev(t, f[1], f[2], msg);
	}
	if (strcmp(f[0], "agency") != 0)
		return err_set(msg, VI ? "không có loại dòng '%s' (cần agency hoặc abbrev)"
			       : "unknown record '%s' (expected agency or abbrev)", f[0]);
	if (nf < 4 || nf > 5)
		return err_set(msg, VI ? "agency: cần 4 hoặc 5 trường cách nhau bằng Tab, có %zu"
			       : "agency: expected 4 or 5 tab-separated fields, found %zu", nf);
	enum agency_kind kind;
	if (agency_kind_parse(f[1], &kind) != 0)
		return err_set(msg,
			       VI ? "không có loại '%s' (cần so_ban_nganh, ubnd_huyen, luc_luong_vu_trang, nhom hoặc khac)"
			       : "unknown kind '%s' (expected so_ban_nganh, ubnd_huyen, luc_luong_vu_trang, nhom or khac)",
			       f[1]);
	if (!*f[2])
		return err_set(msg, VI ? "tên cơ quan để trống" : "empty agency name");
	const char *short_name = strcmp(f[3], "-") == 0 ? NULL : f[3];
	size_t other = find_by_name(t, f[2]);
	if (other == SIZE_MAX && short_name)
		other = find_by_name(t, short_name);
	if (other != SIZE_MAX)
		return err_set(msg, VI ? "cơ quan '%s' đã có trong danh sách là '%s'"
			       : "agency '%s' is already listed as '%s'", f[2], t->items[other]->name);
	char *key = agency_table_key(t, f[2]);
	bool empty = !*key;
	free(key);
	if (empty)
		return err_set(msg, VI ? "tên cơ quan '%s' không có chữ cái nào" : "agency name '%s' has no letters", f[2]);
	agency_table_add(t, f[2], short_name, kind, 0);
	if (nf == 5 && *f[4]) {
		for (char *a = f[4];;) {
			char *bar = strchr(a, '|');
			if (bar)
				*bar = '\0';
			char *alias = trim(a);
			if (*alias && agency_table_add_alias(t, f[2], alias, msg) != 0)
				return -1;
			if (!bar)
				break;
			a = bar + 1;
		}
	}
	return 0;
}

int agency_table_load_string(struct agency_table *t, const char *text, const char *origin, char *err)
{
	return each_line(text, origin, err, agencies_line, t);
}

int agency_table_load(struct agency_table *t, const char *path, char *err)
{
	char *text;
	if (read_file(path, &text, err) != 0)
		return -1;
	int rc = agency_table_load_string(t, text, path, err);
	free(text);
	return rc;
}

/* ---- successors ---------------------------------------------------------------------- */

void agency_successors_init(struct agency_successors *s)
{
	memset(s, 0, sizeof *s);
}

void agency_successors_release(struct agency_successors *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].from);
		free(s->items[i].to);
		free(s->items[i].note);
	}
	free(s->items);
	agency_successors_init(s);
}

static int successors_line(void *ctx, char **f, size_t nf, char *msg)
{
	struct agency_successors *s = ctx;
	if (nf < 3 || nf > 5)
		return err_set(msg, VI ? "cần 3 đến 5 trường cách nhau bằng Tab, có %zu" : "expected 3 to 5 tab-separated fields, found %zu", nf);
	if (!*f[0] || !*f[1])
		return err_set(msg, VI ? "tên cơ quan để trống" : "empty agency name");
	civil_day day;
	char derr[ERR_MAX];
	if (date_parse(f[2], &day, derr) != 0)
		return err_set(msg, VI ? "ngày hiệu lực '%s': %s" : "effective date '%s': %s", f[2], derr);
	bool partial = false;
	if (nf >= 4 && *f[3] && strcmp(f[3], "all") != 0) {
		if (strcmp(f[3], "part") != 0)
			return err_set(msg, VI ? "phần chuyển giao '%s': cần all hoặc part" : "share '%s': expected all or part", f[3]);
		partial = true;
	}
	char *a = agency_key(f[0]), *b = agency_key(f[1]);
	bool same = strcmp(a, b) == 0;
	free(a);
	free(b);
	if (same)
		return err_set(msg, VI ? "cơ quan '%s' không thể kế thừa chính nó" : "agency '%s' cannot succeed itself", f[0]);
	xgrow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items);
	struct agency_successor *it = &s->items[s->n++];
	it->from = xstrdup(f[0]);
	it->to = xstrdup(f[1]);
	it->effective = day;
	it->partial = partial;
	it->note = xstrdup(nf == 5 ? f[4] : "");
	return 0;
}

int agency_successors_load_string(struct agency_successors *s, const char *text, const char *origin,
				  char *err)
{
	return each_line(text, origin, err, successors_line, s);
}

int agency_successors_load(struct agency_successors *s, const char *path, char *err)
{
	char *text;
	if (read_file(path, &text, err) != 0)
		return -1;
	int rc = agency_successors_load_string(s, text, path, err);
	free(text);
	return rc;
}

bool agency_table_has_key(const struct agency_table *t, const char *key)
{
	return *key && map_get(t, key) != SIZE_MAX;
}
