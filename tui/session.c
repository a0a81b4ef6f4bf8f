#include "tui/session.h"

#include <assert.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/agency.h"
#include "core/countdown.h"
#include "core/err.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/notice.h"
#include "core/workday.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/backup.h"
#include "tui/log.h"
#include "tui/paths.h"

void session_init(struct session *s)
{
	memset(s, 0, sizeof *s);
	config_init(&s->config);
	s->today = DATE_NONE;
	s->lang = LANG_VI;
}

void session_release(struct session *s)
{
	db_close(s->db);
	free(s->db_path);
	free(s->config_path);
	config_release(&s->config);
	holiday_calendar_free(s->holidays);
	agency_table_free(s->agencies);
	memset(s, 0, sizeof *s);
}

/* The file named by --config must exist; the default one may be missing. */
static int load_config(struct session *s, char *err)
{
	if (s->config_path)
		return config_load(&s->config, s->config_path, false, err);
	char *path = paths_default_config();
	int rc = path ? config_load(&s->config, path, true, err) : 0;
	free(path);
	return rc;
}

/* The shipped holidays.tsv (when present: without it the computed rules
 * still apply), then the configuration's holidays_file. */
static int load_holidays(struct session *s, char *err)
{
	int rc = 0;
	s->holidays = holiday_calendar_new();
	char *shipped = paths_data_file("holidays.tsv");
	if (access(shipped, R_OK) == 0)
		rc = holiday_calendar_load(s->holidays, shipped, err);
	free(shipped);
	if (rc == 0 && s->config.holidays_file)
		rc = holiday_calendar_load(s->holidays, s->config.holidays_file, err);
	return rc;
}

int session_load(struct session *s, char *err)
{
	return load_config(s, err) || load_holidays(s, err) ? -1 : 0;
}

const struct agency_table *session_agencies(struct session *s)
{
	char err[ERR_MAX];
	if (s->agencies)
		return s->agencies;
	s->agencies = agency_table_new();
	char *path = paths_data_file("agencies.tsv");
	if (access(path, R_OK) == 0 && agency_table_load(s->agencies, path, err)) {
		agency_table_free(s->agencies); /* a damaged list flags everything: no list */
		s->agencies = agency_table_new();
	}
	free(path);
	return s->agencies;
}

static const struct agency_table *known_agencies(void *ctx) { return session_agencies(ctx); }

struct db *session_db(struct session *s, char *err)
{
	if (s->db)
		return s->db;
	assert(s->today != DATE_NONE); /* the day every change takes effect */
	if (!s->db_path) {
		s->db_path = paths_default_db();
		if (!s->db_path) {
			err_set(err, VI ? "không tìm được chỗ đặt cơ sở dữ liệu: hãy đặt HOME hoặc dùng --db"
				       : "cannot find a place for the database: set HOME or use --db");
			return NULL;
		}
		if (paths_make_parent(s->db_path, err))
			return NULL;
	}
	if (db_open(s->db_path, &s->db, err))
		return NULL;
	char *who = paths_user();
	db_set_actor(s->db, who);
	free(who);
	db_set_today(s->db, s->today);
	db_set_known_agencies(s->db, known_agencies, s);
	return s->db;
}

char *session_countdown(const struct session *s, civil_day due, civil_day today, char *buf)
{
	if (s->config.working_day_countdown)
		return countdown_format_workdays(due, today, s->holidays, s->lang, buf);
	return countdown_format(due, today, s->lang, buf);
}

civil_day session_warn_until(const struct session *s, civil_day day)
{
	return workday_add(s->holidays, day, s->config.warning_days);
}

int session_auto_backup(struct session *s, char *err)
{
	if (!s->db)
		return 0;
	int rc = db_backup_auto(s->db, s->config.backup_count, s->config.backup_hours, (int64_t)time(NULL), err);
	if (rc > 0)
		log_add("automatic backup written");
	return rc;
}

/* What an export wrote, for the log. */
static void log_export(const char *what, const char *path, const struct db_export_stats *st, int64_t since)
{
	log_add("%s '%s': %zu tasks (%zu copied, %zu serialised, %zu left out) in %lld ms", what, path, st->tasks,
		st->copied, st->built, st->skipped, (long long)(log_ms() - since));
}

/* HANCHOT_DTSTAMP: unix seconds or 20240517T083000Z; 0 / unset: each task's
 * last exported change. */
static int parse_dtstamp(const char *text, int64_t *out, char *err)
{
	*out = 0;
	if (!text || !*text)
		return 0;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (*end == '\0' && v >= 0) {
		*out = v;
		return 0;
	}
	struct tm tm = { 0 };
	char z = 0;
	if (sscanf(text, "%4d%2d%2dT%2d%2d%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &z) == 7 && z == 'Z' && strlen(text) == 16) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		*out = (int64_t)timegm(&tm);
		if (*out > 0)
			return 0;
	}
	return err_set(err, VI ? "HANCHOT_DTSTAMP '%.40s': cần số giây unix hoặc YYYYMMDDTHHMMSSZ"
			       : "HANCHOT_DTSTAMP '%.40s': expected unix seconds or YYYYMMDDTHHMMSSZ", text);
}

void session_export_options_release(struct session_export_options *o)
{
	for (size_t i = 0; i < o->n_alarms; i++)
		free(o->alarms[i]);
	free(o->alarms);
	memset(o, 0, sizeof *o);
}

int session_export_options_init(const struct session *s, struct session_export_options *o, char *err)
{
	const struct config *c = &s->config;
	const char *where = c->path ? c->path : "defaults";
	char inner[ERR_MAX];
	memset(o, 0, sizeof *o);
	if (ical_kind_parse(c->export_kind, &o->opt.kind, inner))
		return err_set(err, VI ? "cấu hình '%s': export_kind: %s" : "config '%s': export_kind: %s", where, inner);
	/* alarms: comma-separated durations, blanks around them ignored */
	for (const char *p = c->alarms ? c->alarms : ""; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t n = strcspn(p, ",");
		size_t k = n;
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k) {
			o->alarms = xrealloc(o->alarms, (o->n_alarms + 1) * sizeof *o->alarms);
			o->alarms[o->n_alarms++] = xstrndup(p, k);
		}
		p += n;
	}
	o->opt.alarms = (const char *const *)o->alarms;
	o->opt.n_alarms = o->n_alarms;
	o->opt.calendar_name = c->calendar_name;
	o->opt.lang = s->lang;
	if (parse_dtstamp(getenv("HANCHOT_DTSTAMP"), &o->opt.dtstamp, err))
		goto fail;
	if (ical_options_check(&o->opt, inner)) {
		err_set(err, VI ? "cấu hình '%s': alarms: %s" : "config '%s': alarms: %s", where, inner);
		goto fail;
	}
	return 0;
fail:
	session_export_options_release(o);
	return -1;
}

void session_export_warning(const struct db_export_stats *st, char *warning)
{
	warning[0] = '\0';
	if (st->skipped == 1)
		err_set(warning, VI ? "1 việc không được xuất: %s" : "1 task not exported: %s", st->skipped_why);
	else if (st->skipped)
		err_set(warning, VI ? "%zu việc không được xuất, việc đầu tiên: %s" : "%zu tasks not exported, the first: %s",
			st->skipped, st->skipped_why);
}

/* Notes the key of what the configuration puts in each component
 * (db_export_options_seen): changed alarms or language bump every task's
 * SEQUENCE. Not the kind: a VEVENT's text is the same with or without the
 * VTODO beside it (components that appear or go are new or gone, which no
 * SEQUENCE says); nor the calendar's name, which no component holds; nor a
 * DTSTAMP pinned for tests. */
static int options_seen(struct session *s, const struct session_export_options *o, char *err)
{
	struct ical_options opt = o->opt;
	opt.kind = ICAL_KIND_EVENT;
	opt.dtstamp = 0;
	opt.calendar_name = NULL;
	return db_export_options_seen(s->db, ical_options_fingerprint(&opt), err);
}

int session_calendar_seen(struct session *s, char *err)
{
	struct session_export_options o;
	if (!s->db)
		return 0;
	if (session_export_options_init(s, &o, err))
		return -1;
	int rc = options_seen(s, &o, err);
	session_export_options_release(&o);
	return rc;
}

int session_export_refresh(struct session *s, bool *written, char *warning, char *err)
{
	struct session_export_options o;
	struct db_export_stats stats;
	const char *path = s->config.export_file;
	if (written)
		*written = false;
	warning[0] = '\0';
	if (!path || !*path || !s->db)
		return 0;
	if (session_export_options_init(s, &o, err))
		return -1;
	int64_t t0 = log_ms();
	bool wrote = false;
	int rc = options_seen(s, &o, err) ? -1 : db_export_refresh(s->db, &o.opt, path, &wrote, &stats, err);
	session_export_options_release(&o);
	if (rc == 0)
		session_export_warning(&stats, warning);
	if (rc == 0 && wrote)
		log_export("export_file", path, &stats, t0);
	if (written)
		*written = wrote;
	return rc;
}

static bool filtered(const struct db_export_filter *f)
{
	return f->agency_id || f->document_id || f->open_only || f->from != DATE_NONE || f->to != DATE_NONE ||
	       (f->search && *f->search);
}

int session_export_to(struct session *s, const struct ical_options *opt, const struct db_export_filter *f,
		      const char *path, struct db_export_stats *stats, char **written_to, char *err)
{
	struct file_output to, kept;
	char sub[ERR_MAX];
	const char *live = s->config.export_file;
	if (written_to)
		*written_to = NULL;
	if (file_output_resolve(path, &to, sub)) {
		file_output_release(&to);
		return err_set(err, VI ? "tệp xuất '%s': %s" : "export file '%s': %s", path, sub);
	}
	bool replaces_live = false;
	if (filtered(f) && live && *live && !to.stream) {
		replaces_live = file_output_resolve(live, &kept, sub) == 0 && !kept.stream &&
				strcmp(kept.path, to.path) == 0;
		file_output_release(&kept);
	}
	int64_t t0 = log_ms();
	int rc = session_calendar_seen(s, err) ? -1
		 : replaces_live
		 ? err_set(err, VI ? "tệp xuất '%s' là lịch được cập nhật liên tục (export_file): bản xuất có lọc sẽ "
				     "thay nó bằng một phần; hãy chọn tệp khác"
				   : "export file '%s' is the calendar kept current (export_file): a filtered "
				     "export would replace it with a part of it; choose another file", path)
		 : db_export_file(s->db, opt, f, path, live, stats, err);
	if (rc == 0 && stats)
		log_export("export", to.path ? to.path : path, stats, t0);
	if (rc == 0 && written_to) {
		*written_to = to.path;
		to.path = NULL;
	}
	file_output_release(&to);
	return rc;
}

bool session_publishes(const struct session *s) { return s->config.publish_url && *s->config.publish_url; }

/* The password: the first line of path, a file only its owner reads (the
 * password never goes on a command line, which others can see, nor in the
 * configuration). A new string, or NULL with a message naming the file. */
#define PASSWORD_FILE (VI ? "tệp mật khẩu '%s': %s" : "password file '%s': %s")

static char *read_password(const char *path, char *err)
{
	struct stat st;
	char *data = NULL, sub[ERR_MAX];
	size_t len;
	if (stat(path, &st) != 0)
		return err_set(err, PASSWORD_FILE, path, err_reason(errno)), NULL;
	if (!S_ISREG(st.st_mode))
		return err_set(err, VI ? "tệp mật khẩu '%s': không phải tệp" : "password file '%s': not a file", path), NULL;
	if (st.st_mode & 077)
		return err_set(err, VI ? "tệp mật khẩu '%s': quyền %04o cho người khác đọc được: chmod 600 '%s'"
				       : "password file '%s': mode %04o lets others read it: chmod 600 '%s'", path,
			       (unsigned)(st.st_mode & 07777), path), NULL;
	if (file_read_all(path, 4096, &data, &len, sub))
		return err_set(err, PASSWORD_FILE, path, sub), NULL;
	data[strcspn(data, "\r\n")] = '\0';
	return data;
}

/* Publishes with opt to login's collection (its password read from
 * pwfile): nothing when nothing changed since the last complete publish
 * there (no password read, no libcurl loaded, no request). */
static int publish_with(struct session *s, struct caldav_login *login, const char *pwfile,
			const struct ical_options *opt, const struct db_publish_report *report,
			struct db_publish_stats *stats, char *err)
{
	bool fresh = false;
	char *password = NULL;
	if (db_publish_is_fresh(s->db, login->url, opt, &fresh, err) || fresh)
		return fresh ? 0 : -1;
	if (login->user && !pwfile)
		return err_set(err, VI ? "đồng bộ '%s': có người dùng (%s) nhưng thiếu tệp mật khẩu: hãy đặt "
					 "publish_password_file hoặc dùng --password-file"
				       : "publish '%s': a user (%s) but no password file: set publish_password_file or "
					 "give --password-file", login->url, login->user);
	if (pwfile && !(password = read_password(pwfile, err)))
		return -1;
	login->password = password;
	struct caldav *dav = caldav_new(login, err);
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	if (!dav)
		return -1;
	int64_t t0 = log_ms();
	int rc = db_publish(s->db, dav, opt, report, stats, err);
	if (rc == 0 && stats && stats->todo)
		log_add("published to '%s': %zu put, %zu deleted in %lld ms", caldav_url(dav), stats->put,
			stats->deleted, (long long)(log_ms() - t0));
	else if (rc)
		log_add("publish failed: %s", err);
	caldav_free(dav);
	return rc;
}

int session_publish(struct session *s, const struct session_publish_to *to, const struct db_publish_report *report,
		    struct db_publish_stats *stats, char *err)
{
	const struct config *c = &s->config;
	struct session_publish_to none = { 0 };
	struct session_export_options o;
	struct db_publish_stats local;
	if (!to)
		to = &none;
	struct caldav_login login = { .url = to->url ? to->url : c->publish_url,
				      .user = to->user ? to->user : c->publish_user,
				      .allow_http = c->publish_allow_http };
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (!login.url || !*login.url || !s->db)
		return 0;
	if (session_export_options_init(s, &o, err))
		return -1;
	int rc = options_seen(s, &o, err) ? -1
		 : publish_with(s, &login, to->password_file ? to->password_file : c->publish_password_file,
				&o.opt, report, stats, err);
	session_export_options_release(&o);
	return rc;
}

int session_report_to(struct session *s, const char *path, const struct report *r, enum report_format fmt,
		      char **written_to, char *err)
{
	struct file_output to;
	char sub[ERR_MAX];
	int rc;
	if (written_to)
		*written_to = NULL;
	if (file_output_resolve(path, &to, sub) || (s->db && db_check_output(s->db, &to, sub)))
		rc = err_set(err, VI ? "tệp báo cáo '%s': %s" : "report file '%s': %s", path, sub);
	else
		rc = report_write_file(path, &to, r, fmt, s->lang, err);
	if (rc == 0 && written_to) {
		*written_to = to.path;
		to.path = NULL;
	}
	file_output_release(&to);
	return rc;
}

/* *name as the table writes it, when it is the table's name abbreviated
 * ("Sở KH&CN", "Sở Khoa học & Công nghệ"): not a name it only matches,
 * whose words say more ("Ủy ban nhân dân tỉnh Phú Thọ" for "UBND tỉnh"). */
static void known_spelling(const struct agency_table *known, char **name)
{
	const struct agency *a = agency_table_match(known, *name);
	if (!a || strcmp(a->name, *name) == 0)
		return;
	char *written = agency_table_key(known, *name), *canonical = agency_table_key(known, a->name);
	if (strcmp(written, canonical) == 0) {
		free(*name);
		*name = xstrdup(a->name);
	}
	free(written);
	free(canonical);
}

void session_check_agencies(struct session *s, struct notice *n)
{
	char err[ERR_MAX];
	const struct agency_table *known = session_agencies(s);
	for (size_t i = 0; i < n->n_units; i++) {
		struct notice_unit *u = &n->units[i];
		for (size_t k = 0; k < u->n_leads; k++)
			known_spelling(known, &u->leads[k]);
		for (size_t k = 0; k < u->n_cooperating; k++)
			known_spelling(known, &u->cooperating[k]);
		for (size_t k = 0; k < u->n_leads; k++) {
			const char *lead = u->leads[k];
			if (agency_kind_guess(lead) == AGENCY_NHOM || agency_table_match(known, lead) ||
			    (s->db && db_agency_find(s->db, lead, err) > 0))
				continue;
			u->doubts |= NOTICE_DOUBT_LEAD_UNKNOWN;
		}
	}
}
