#include "core/caldav.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* called through lib: no type-checking macros around the real names */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* ---------------------------------------------------------------- libcurl */

/* Opened on first use, not linked: libcurl and OpenSSL would cost every
 * start of the program, and only publishing needs them. */
#define LIBCURL_SONAME "libcurl.so.4"
#define LIBCURL_FUNCTIONS(X)                                                                       \
	X(curl_global_init)                                                                        \
	X(curl_easy_init)                                                                          \
	X(curl_easy_setopt)                                                                        \
	X(curl_easy_perform)                                                                       \
	X(curl_easy_getinfo)                                                                       \
	X(curl_easy_cleanup)                                                                       \
	X(curl_easy_strerror)                                                                      \
	X(curl_easy_escape)                                                                        \
	X(curl_free)                                                                               \
	X(curl_slist_append)                                                                       \
	X(curl_slist_free_all)

static struct {
#define LIBCURL_MEMBER(f) __typeof__(f) *f;
	LIBCURL_FUNCTIONS(LIBCURL_MEMBER)
#undef LIBCURL_MEMBER
} lib;
static bool lib_loaded;

static int load_libcurl(char *err)
{
	if (lib_loaded)
		return 0;
	void *h = dlopen(LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return err_set(err, VI ? "đồng bộ: không nạp được libcurl (%s): hãy cài libcurl4"
				       : "publish: cannot load libcurl (%s): install libcurl4", dlerror());
#define LIBCURL_LOAD(f)                                                                            \
	if (!(*(void **)&lib.f = dlsym(h, #f)))                                                    \
		return err_set(err, "publish: libcurl has no %s: install libcurl4", #f);
	LIBCURL_FUNCTIONS(LIBCURL_LOAD)
#undef LIBCURL_LOAD
	if (lib.curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return err_set(err, VI ? "đồng bộ: libcurl không khởi động được" : "publish: libcurl did not start");
	lib_loaded = true;
	return 0;
}

/* ------------------------------------------------------------------ client */

struct caldav {
	CURL *curl;
	char *url, *user, *password;
	bool http_ok;
	long timeout;
	struct caldav_reply *reply; /* of the request being made */
};

/* The host of an http(s) URL is this machine. */
static bool loopback(const char *url)
{
	const char *h = strstr(url, "://") + 3;
	size_t n = strcspn(h, "/?#");
	const char *at = memchr(h, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	if (n >= 5 && strncmp(h, "[::1]", 5) == 0)
		return n == 5 || h[5] == ':';
	size_t host = strcspn(h, ":/?#");
	if (host > n)
		host = n;
	if (host == 9 && strncasecmp(h, "localhost", 9) == 0)
		return true;
	return host > 4 && strncmp(h, "127.", 4) == 0 && strspn(h, "0123456789.") == host;
}

struct caldav *caldav_new(const struct caldav_login *login, char *err)
{
	const char *url = login->url ? login->url : "";
	bool https = strncasecmp(url, "https://", 8) == 0, http = strncasecmp(url, "http://", 7) == 0;
	if (!https && !http)
		return err_set(err, VI ? "đồng bộ '%.200s': không phải địa chỉ http:// hay https://"
				       : "publish '%.200s': not an http:// or https:// URL", url), NULL;
	if (strcspn(url + (https ? 8 : 7), "/?#") == 0)
		return err_set(err, VI ? "đồng bộ '%.200s': thiếu tên máy chủ" : "publish '%.200s': no host", url), NULL;
	if (http && !login->allow_http && !loopback(url))
		return err_set(err, VI ? "đồng bộ '%.200s': http thường tới máy khác sẽ gửi mật khẩu không mã hoá: "
					 "hãy dùng https://, hoặc đặt publish_allow_http = true"
				       : "publish '%.200s': plain http to another machine sends the password "
					 "in clear: use https://, or set publish_allow_http = true", url), NULL;
	if (load_libcurl(err))
		return NULL;
	struct caldav *c = xcalloc(1, sizeof *c);
	if (!(c->curl = lib.curl_easy_init())) {
		free(c);
		return err_set(err, VI ? "đồng bộ '%.200s': libcurl không mở được kết nối"
				       : "publish '%.200s': libcurl could not start a connection", url), NULL;
	}
	size_t n = strlen(url);
	c->url = xmalloc(n + 2);
	memcpy(c->url, url, n + 1);
	if (n && url[n - 1] != '/')
		strcpy(c->url + n, "/");
	c->user = login->user ? xstrdup(login->user) : NULL;
	c->password = login->password ? xstrdup(login->password) : NULL;
	c->http_ok = http;
	c->timeout = login->timeout > 0 ? login->timeout : 60;
	return c;
}

void caldav_free(struct caldav *c)
{
	if (!c)
		return;
	lib.curl_easy_cleanup(c->curl);
	if (c->password)
		memset(c->password, 0, strlen(c->password));
	free(c->url);
	free(c->user);
	free(c->password);
	free(c);
}

const char *caldav_url(const struct caldav *c) { return c->url; }

/* The ETag header of the answer (the last one, when redirects were many). */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct caldav *c = ctx;
	size_t len = size * n;
	if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		const char *v = data + 5;
		size_t k = len - 5;
		while (k && (*v == ' ' || *v == '\t'))
			v++, k--;
		while (k && (v[k - 1] == '\r' || v[k - 1] == '\n' || v[k - 1] == ' '))
			k--;
		if (k < sizeof c->reply->etag) {
			memcpy(c->reply->etag, v, k);
			c->reply->etag[k] = '\0';
		}
	}
	return len;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	(void)ctx;
	return size * n; /* read and dropped: the status says enough */
}

/* One request: method on url with headers and body (NULL: none). */
static int request(struct caldav *c, const char *method, const char *url, struct curl_slist *headers,
		   const char *body, size_t len, struct caldav_reply *r, char *err)
{
	CURL *h = c->curl;
	memset(r, 0, sizeof *r);
	c->reply = r;
	lib.curl_easy_setopt(h, CURLOPT_URL, url);
	lib.curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, c->http_ok ? "http" : "https");
	lib.curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L); /* libcurl's defaults, said here */
	lib.curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	lib.curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	lib.curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	lib.curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout);
	lib.curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	lib.curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	lib.curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	lib.curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
	lib.curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	lib.curl_easy_setopt(h, CURLOPT_USERAGENT, "hanchot");
	if (c->user) {
		/* Basic, sent at once: probing for the scheme would double every request */
		lib.curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		lib.curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		lib.curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
	}
	if (body) {
		lib.curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		lib.curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	} else {
		lib.curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
		lib.curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
		lib.curl_easy_setopt(h, CURLOPT_HTTPGET, 1L); /* no body, then the method above */
		lib.curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	CURLcode rc = lib.curl_easy_perform(h);
	c->reply = NULL;
	if (rc != CURLE_OK)
		return err_set(err, VI ? "đồng bộ '%.200s': %s" : "publish '%.200s': %s", url, lib.curl_easy_strerror(rc));
	lib.curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	return 0;
}

/* The resource's URL: the collection's, then name escaped. */
static char *resource_url(const struct caldav *c, const char *name)
{
	char *esc = lib.curl_easy_escape(c->curl, name, 0);
	struct strbuf b = STRBUF_INIT;
	strbuf_add(&b, c->url);
	strbuf_add(&b, esc ? esc : "");
	lib.curl_free(esc);
	return strbuf_take(&b);
}

static struct curl_slist *precondition(struct curl_slist *h, enum caldav_cond cond, const char *etag)
{
	char line[CALDAV_ETAG_MAX + 16];
	if (cond == CALDAV_CREATE)
		return lib.curl_slist_append(h, "If-None-Match: *");
	if (cond == CALDAV_MATCH && etag && *etag) {
		snprintf(line, sizeof line, "If-Match: %s", etag);
		return lib.curl_slist_append(h, line);
	}
	return h;
}

int caldav_put(struct caldav *c, const char *name, const char *body, size_t len, enum caldav_cond cond,
	       const char *etag, struct caldav_reply *r, char *err)
{
	char *url = resource_url(c, name);
	struct curl_slist *h = lib.curl_slist_append(NULL, "Content-Type: text/calendar; charset=utf-8");
	h = lib.curl_slist_append(h, "Expect:"); /* no waiting for "100 Continue" */
	h = precondition(h, cond, etag);
	int rc = request(c, "PUT", url, h, body, len, r, err);
	lib.curl_slist_free_all(h);
	free(url);
	return rc;
}

int caldav_delete(struct caldav *c, const char *name, enum caldav_cond cond, const char *etag,
		  struct caldav_reply *r, char *err)
{
	char *url = resource_url(c, name);
	struct curl_slist *h = precondition(NULL, cond, etag);
	int rc = request(c, "DELETE", url, h, NULL, 0, r, err);
	lib.curl_slist_free_all(h);
	free(url);
	return rc;
}

static void xml_escape_into(struct strbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': strbuf_add(b, "&amp;"); break;
		case '<': strbuf_add(b, "&lt;"); break;
		case '>': strbuf_add(b, "&gt;"); break;
		default: strbuf_addch(b, *s);
		}
	}
}

int caldav_make_collection(struct caldav *c, const char *display_name, char *err)
{
	static const char find[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
				   "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>";
	struct caldav_reply r;
	struct curl_slist *h = lib.curl_slist_append(NULL, "Depth: 0");
	h = lib.curl_slist_append(h, "Content-Type: application/xml; charset=utf-8");
	int rc = request(c, "PROPFIND", c->url, h, find, sizeof find - 1, &r, err);
	if (rc == 0 && r.status != 404 && (r.status < 200 || r.status > 299))
		rc = caldav_status_error(c->url, r.status, err);
	if (rc == 0 && r.status == 404) {
		struct strbuf b = STRBUF_INIT;
		strbuf_add(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
			       "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
			       "<D:set><D:prop><D:displayname>");
		xml_escape_into(&b, display_name);
		strbuf_add(&b, "</D:displayname></D:prop></D:set></C:mkcalendar>");
		struct curl_slist *mh = lib.curl_slist_append(NULL, "Content-Type: application/xml; charset=utf-8");
		rc = request(c, "MKCALENDAR", c->url, mh, b.p, b.len, &r, err);
		lib.curl_slist_free_all(mh);
		strbuf_release(&b);
		if (rc == 0 && (r.status < 200 || r.status > 299))
			rc = caldav_status_error(c->url, r.status, err);
	}
	lib.curl_slist_free_all(h);
	return rc;
}

int caldav_status_error(const char *url, long status, char *err)
{
	if (VI) {
		const char *vi = status == 401   ? "chưa được xác thực: hãy kiểm tra publish_user và tệp mật khẩu"
				 : status == 403 ? "bị cấm: tài khoản này không được ghi vào đó"
				 : status == 404 ? "không tìm thấy: hãy kiểm tra publish_url"
				 : status == 409 ? "xung đột: thư mục chứa bộ lịch không tồn tại"
				 : status == 412 ? "điều kiện không thỏa"
				 : status >= 500 ? "máy chủ bị lỗi"
						 : "bị từ chối";
		return err_set(err, "đồng bộ '%.300s': HTTP %ld %s", url, status, vi);
	}
	const char *why = status == 401   ? "unauthorized: check publish_user and the password file"
			  : status == 403 ? "forbidden: this login may not write there"
			  : status == 404 ? "not found: check publish_url"
			  : status == 409 ? "conflict: the folder above the collection does not exist"
			  : status == 412 ? "precondition failed"
			  : status >= 500 ? "the server failed"
					  : "refused";
	return err_set(err, "publish '%.300s': HTTP %ld %s", url, status, why);
}
