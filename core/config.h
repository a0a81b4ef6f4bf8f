/* config: the configuration file.
 *
 * A file of `key = value` lines; `#` starts a comment line; blank lines are
 * ignored. Every key and its default is documented in config/hanchot.conf.
 * An unknown key or a bad value is an error naming the file, the line and the
 * key, and nothing of that file is applied. Key bindings are `key.ACTION = KEY`
 * pairs kept as written; the screen checks the action and key names and
 * reports a bad one with the line recorded here. */
#ifndef HANCHOT_CONFIG_H
#define HANCHOT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"

enum date_style { DATE_STYLE_DMY, DATE_STYLE_ISO };

struct config_binding {
	char *action;
	char *key;
	int line;
};

struct config {
	enum lang lang;
	bool lang_set;                /* the file named a language */
	int warning_days;             /* the due-soon window, in working days */
	bool working_day_countdown;   /* countdowns in working days */
	bool before_means_day_before; /* "trước ngày X": due X-1 instead of X */
	enum date_style date_style;
	bool color;                   /* false: monochrome even on a colour terminal */
	bool bell;                    /* ring on the morning digest */
	bool notify;                  /* notify-send on the morning digest */
	char *export_file;            /* re-exported after every change; NULL: off */
	char *export_kind;            /* event | todo | both */
	char *alarms;                 /* comma-separated ISO 8601 durations */
	char *calendar_name;
	char *publish_url;            /* the CalDAV collection kept equal to the tasks; NULL: off */
	char *publish_user;
	char *publish_password_file;  /* mode 0600, the password on its first line */
	bool publish_allow_http;      /* plain HTTP to a host that is not this machine */
	char *holidays_file;          /* extra days off / make-up days; NULL: none */
	char *log_file;               /* what the program did, appended (tui/log.h); NULL: none */
	char *report_dir;             /* where the screen's S saves reports; NULL: ~/hanchot-reports */
	int backup_count;             /* rotating backups kept; 0: off */
	int backup_hours;             /* hours between automatic backups */
	struct config_binding *bindings;
	size_t n_bindings;
	char *path;                   /* the file read, for messages; NULL: defaults */
};

/* Fills c with the defaults. */
void config_init(struct config *c);
void config_release(struct config *c);

/* Reads text (the contents of a file called name) on top of c. On error
 * returns -1 with "config 'NAME', line N: ..." in err and leaves c unchanged. */
int config_parse(struct config *c, const char *text, size_t len, const char *name, char *err);

/* Reads the file at path. missing_ok: a missing file is not an error. */
int config_load(struct config *c, const char *path, bool missing_ok, char *err);

#endif
