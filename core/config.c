#include "core/config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/xalloc.h"

enum kind { K_INT, K_BOOL, K_LANG, K_DATE_STYLE, K_STRING, K_CHOICE };

static const struct option_def {
	const char *key;
	enum kind kind;
	size_t offset;
	int min, max;        /* K_INT */
	const char *choices; /* K_CHOICE: "a|b|c" */
} options[] = {
	{ "language", K_LANG, offsetof(struct config, lang), 0, 0, NULL },
	{ "warning_days", K_INT, offsetof(struct config, warning_days), 0, 60, NULL },
	{ "working_day_countdown", K_BOOL, offsetof(struct config, working_day_countdown), 0, 0, NULL },
	{ "before_means_day_before", K_BOOL, offsetof(struct config, before_means_day_before), 0, 0, NULL },
	{ "date_format", K_DATE_STYLE, offsetof(struct config, date_style), 0, 0, NULL },
	{ "color", K_BOOL, offsetof(struct config, color), 0, 0, NULL },
	{ "bell", K_BOOL, offsetof(struct config, bell), 0, 0, NULL },
	{ "notify", K_BOOL, offsetof(struct config, notify), 0, 0, NULL },
	{ "export_file", K_STRING, offsetof(struct config, export_file), 0, 0, NULL },
	{ "export_kind", K_CHOICE, offsetof(struct config, export_kind), 0, 0, "event|todo|both" },
	{ "alarms", K_STRING, offsetof(struct config, alarms), 0, 0, NULL },
	{ "calendar_name", K_STRING, offsetof(struct config, calendar_name), 0, 0, NULL },
	{ "publish_url", K_STRING, offsetof(struct config, publish_url), 0, 0, NULL },
	{ "publish_user", K_STRING, offsetof(struct config, publish_user), 0, 0, NULL },
	{ "publish_password_file", K_STRING, offsetof(struct config, publish_password_file), 0, 0, NULL },
	{ "publish_allow_http", K_BOOL, offsetof(struct config, publish_allow_http), 0, 0, NULL },
	{ "holidays_file", K_STRING, offsetof(struct config, holidays_file), 0, 0, NULL },
	{ "log_file", K_STRING, offsetof(struct config, log_file), 0, 0, NULL },
	{ "report_dir", K_STRING, offsetof(struct config, report_dir), 0, 0, NULL },
	{ "backup_count", K_INT, offsetof(struct config, backup_count), 0, 1000, NULL },
	{ "backup_hours", K_INT, offsetof(struct config, backup_hours), 1, 24 * 365, NULL },
};

void config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->lang = LANG_VI;
	c->warning_days = 3;
	c->color = true;
	c->export_kind = xstrdup("event");
	c->alarms = xstrdup("-PT15H");
	c->calendar_name = xstrdup("hanchot");
	c->backup_count = 7;
	c->backup_hours = 24;
}

static void release_bindings(struct config_binding *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].action);
		free(b[i].key);
	}
	free(b);
}

void config_release(struct config *c)
{
	free(c->export_file);
	free(c->report_dir);
	free(c->export_kind);
	free(c->alarms);
	free(c->calendar_name);
	free(c->publish_url);
	free(c->publish_user);
	free(c->publish_password_file);
	free(c->holidays_file);
	free(c->log_file);
	free(c->path);
	release_bindings(c->bindings, c->n_bindings);
	memset(c, 0, sizeof *c);
}

/* A deep copy, so a failed parse leaves the caller's config untouched. */
static void copy(struct config *dst, const struct config *src)
{
	*dst = *src;
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (options[i].kind == K_STRING || options[i].kind == K_CHOICE) {
			char **p = (char **)((char *)dst + options[i].offset);
			if (*p)
				*p = xstrdup(*p);
		}
	dst->path = src->path ? xstrdup(src->path) : NULL;
	dst->bindings = NULL;
	dst->n_bindings = 0;
	if (src->n_bindings) {
		dst->bindings = xmalloc(src->n_bindings * sizeof *dst->bindings);
		for (size_t i = 0; i < src->n_bindings; i++) {
			dst->bindings[i].action = xstrdup(src->bindings[i].action);
			dst->bindings[i].key = xstrdup(src->bindings[i].key);
			dst->bindings[i].line = src->bindings[i].line;
		}
		dst->n_bindings = src->n_bindings;
	}
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static bool in_choices(const char *value, const char *choices)
{
	size_t n = strlen(value);
	for (const char *p = choices; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, value, n) == 0)
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

static int set_value(struct config *c, const struct option_def *o, const char *value,
		     const char *where, char *err)
{
	void *field = (char *)c + o->offset;
	switch (o->kind) {
	case K_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (!*value || *end || errno || v < o->min || v > o->max)
			return err_set(err, VI ? "%s: khoá '%s': giá trị '%s' không phải số nguyên từ %d đến %d"
					       : "%s: key '%s': value '%s' is not a whole number from %d to %d",
				       where, o->key, value, o->min, o->max);
		*(int *)field = (int)v;
		return 0;
	}
	case K_BOOL:
		if (strcmp(value, "true") == 0 || strcmp(value, "yes") == 0 || strcmp(value, "on") == 0)
			*(bool *)field = true;
		else if (strcmp(value, "false") == 0 || strcmp(value, "no") == 0 || strcmp(value, "off") == 0)
			*(bool *)field = false;
		else
			return err_set(err, VI ? "%s: khoá '%s': giá trị '%s' không phải true hoặc false"
					       : "%s: key '%s': value '%s' is not true or false", where, o->key, value);
		return 0;
	case K_LANG:
		if (i18n_lang_parse(value, (enum lang *)field))
			return err_set(err, VI ? "%s: khoá '%s': giá trị '%s' không phải vi hoặc en"
					       : "%s: key '%s': value '%s' is not vi or en", where, o->key, value);
		c->lang_set = true;
		return 0;
	case K_DATE_STYLE:
		if (strcmp(value, "dmy") == 0)
			*(enum date_style *)field = DATE_STYLE_DMY;
		else if (strcmp(value, "iso") == 0)
			*(enum date_style *)field = DATE_STYLE_ISO;
		else
			return err_set(err, VI ? "%s: khoá '%s': giá trị '%s' không phải dmy hoặc iso"
					       : "%s: key '%s': value '%s' is not dmy or iso", where, o->key, value);
		return 0;
	case K_CHOICE:
		if (!in_choices(value, o->choices))
			return err_set(err, VI ? "%s: khoá '%s': giá trị '%s' không thuộc %s"
					       : "%s: key '%s': value '%s' is not one of %s", where, o->key, value, o->choices);
		/* fall through */
	case K_STRING: {
		char **p = field;
		free(*p);
		*p = *value ? xstrdup(value) : NULL;
		return 0;
	}
	}
	return 0;
}

static int parse_line(struct config *c, char *line, const char *where, int lineno, char *err)
{
	char *s = trim(line);
	if (*s == '\0' || *s == '#')
		return 0;
	char *eq = strchr(s, '=');
	if (!eq)
		return err_set(err, VI ? "%s: cần dạng 'khoá = giá trị', gặp '%.60s'"
				       : "%s: expected 'key = value', got '%.60s'", where, s);
	*eq = '\0';
	char *key = trim(s), *value = trim(eq + 1);
	if (strncmp(key, "key.", 4) == 0 && key[4]) {
		if (!*value)
			return err_set(err, VI ? "%s: khoá '%s': thiếu phím" : "%s: key '%s': no key given", where, key);
		c->bindings = xrealloc(c->bindings, (c->n_bindings + 1) * sizeof *c->bindings);
		c->bindings[c->n_bindings].action = xstrdup(key + 4);
		c->bindings[c->n_bindings].key = xstrdup(value);
		c->bindings[c->n_bindings].line = lineno;
		c->n_bindings++;
		return 0;
	}
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (strcmp(options[i].key, key) == 0)
			return set_value(c, &options[i], value, where, err);
	return err_set(err, VI ? "%s: không có khoá '%.60s'" : "%s: unknown key '%.60s'", where, key);
}

int config_parse(struct config *c, const char *text, size_t len, const char *name, char *err)
{
	struct config work;
	int lineno = 0;
	copy(&work, c);
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *line = xstrndup(text + pos, n);
		char where[PATH_MAX + 64];
		lineno++;
		snprintf(where, sizeof where, VI ? "cấu hình '%s', dòng %d" : "config '%s', line %d", name, lineno);
		if (strlen(line) != n) {
			free(line);
			err_set(err, VI ? "%s: chứa byte NUL" : "%s: contains a NUL byte", where);
			goto fail;
		}
		int rc = parse_line(&work, line, where, lineno, err);
		free(line);
		if (rc)
			goto fail;
		pos += n + (nl ? 1 : 0);
	}
	free(work.path);
	work.path = xstrdup(name);
	config_release(c);
	*c = work;
	return 0;
fail:
	config_release(&work);
	return -1;
}

int config_load(struct config *c, const char *path, bool missing_ok, char *err)
{
	char *buf, sub[ERR_MAX];
	size_t len;
	if (missing_ok && access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (file_read_all(path, 1 << 20, &buf, &len, sub))
		return err_set(err, VI ? "cấu hình '%s': %s" : "config '%s': %s", path, sub);
	int rc = config_parse(c, buf, len, path, err);
	free(buf);
	return rc;
}
