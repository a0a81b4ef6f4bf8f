/* core/caldav: which URLs a password may be sent to, and the requests as a
 * server receives them (a one-request server on a loopback socket, in a
 * thread): the precondition headers, Basic authentication, the body, the
 * ETag read back, an escaped resource name; no answer is an error naming the
 * URL. */
#include "tests/unit/testutil.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/caldav.h"

static void test_urls(void **state)
{
	(void)state;
	static const struct {
		const char *url;
		bool allow_http, ok;
		const char *why;
	} cases[] = {
		{ "https://cloud.example.org/remote.php/dav/calendars/thuy/hanchot/", false, true, NULL },
		{ "http://127.0.0.1:5232/thuy/hanchot/", false, true, NULL },
		{ "http://127.8.9.10/c/", false, true, NULL },
		{ "http://localhost/c/", false, true, NULL },
		{ "http://LOCALHOST:80/c/", false, true, NULL },
		{ "http://[::1]:5232/c/", false, true, NULL },
		{ "http://user@127.0.0.1/c/", false, true, NULL },
		{ "http://192.168.1.5/dav/", false, false, "plain http to another machine" },
		{ "http://localhost.example.org/c/", false, false, "plain http to another machine" },
		{ "http://127.0.0.1.example.org/c/", false, false, "plain http to another machine" },
		{ "http://evil@192.168.1.5/c/", false, false, "plain http to another machine" },
		{ "http://192.168.1.5/dav/", true, true, NULL },
		{ "ftp://127.0.0.1/c/", false, false, "not an http:// or https:// URL" },
		{ "cloud.example.org/c/", false, false, "not an http:// or https:// URL" },
		{ "https:///c/", false, false, "no host" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char err[ERR_MAX] = "";
		struct caldav_login l = { .url = cases[i].url, .allow_http = cases[i].allow_http };
		struct caldav *c = caldav_new(&l, err);
		if (cases[i].ok != (c != NULL))
			fail_msg("%s: %s", cases[i].url, c ? "accepted" : err);
		if (!c) {
			assert_non_null(strstr(err, cases[i].why));
			assert_non_null(strstr(err, cases[i].url));
		}
		caldav_free(c);
	}
	/* the collection's URL ends in '/' */
	char err[ERR_MAX];
	struct caldav_login l = { .url = "http://127.0.0.1/thuy/hanchot" };
	struct caldav *c = caldav_new(&l, err);
	assert_string_equal(caldav_url(c), "http://127.0.0.1/thuy/hanchot/");
	caldav_free(c);
	caldav_status_error("https://x/c/", 403, err);
	assert_string_equal(err, "publish 'https://x/c/': HTTP 403 forbidden: this login may not write there");
}

/* A server for one request: what it received, what it answers. */
struct server {
	int fd, port;
	const char *answer;
	char got[8192];
	pthread_t thread;
};

static void *serve_one(void *arg)
{
	struct server *s = arg;
	int c = accept(s->fd, NULL, NULL);
	size_t n = 0;
	while (c >= 0 && n < sizeof s->got - 1) {
		ssize_t k = read(c, s->got + n, sizeof s->got - 1 - n);
		if (k <= 0)
			break;
		n += (size_t)k;
		s->got[n] = '\0';
		char *end = strstr(s->got, "\r\n\r\n");
		const char *cl = strstr(s->got, "Content-Length: ");
		if (end && (size_t)(end + 4 - s->got) + (cl ? strtoul(cl + 16, NULL, 10) : 0) <= n)
			break;
	}
	if (c >= 0) {
		if (write(c, s->answer, strlen(s->answer)) < 0)
			s->got[0] = '\0';
		close(c);
	}
	return NULL;
}

static void server_start(struct server *s, const char *answer)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	memset(s, 0, sizeof *s);
	s->answer = answer;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(s->fd, 1), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&s->thread, NULL, serve_one, s), 0);
}

static void server_wait(struct server *s)
{
	pthread_join(s->thread, NULL);
	close(s->fd);
}

static void test_requests(void **state)
{
	(void)state;
	struct server s;
	char url[128], err[ERR_MAX];
	struct caldav_reply r;

	/* a creation: If-None-Match: *, Basic authentication, the body, the ETag */
	server_start(&s, "HTTP/1.1 201 Created\r\nETag: \"abc-1\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/thuy/hanchot", s.port);
	struct caldav_login l = { .url = url, .user = "thuy", .password = "mật khẩu" };
	struct caldav *c = caldav_new(&l, err);
	assert_non_null(c);
	const char *body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
	assert_int_equal(caldav_put(c, "a b.ics", body, strlen(body), CALDAV_CREATE, NULL, &r, err), 0);
	server_wait(&s);
	assert_int_equal(r.status, 201);
	assert_string_equal(r.etag, "\"abc-1\"");
	assert_non_null(strstr(s.got, "PUT /thuy/hanchot/a%20b.ics HTTP/1.1\r\n"));
	assert_non_null(strstr(s.got, "\r\nIf-None-Match: *\r\n"));
	assert_null(strstr(s.got, "If-Match"));
	assert_null(strstr(s.got, "Expect:"));
	assert_non_null(strstr(s.got, "\r\nAuthorization: Basic dGh1eTpt4bqtdCBraOG6qXU=\r\n"));
	assert_non_null(strstr(s.got, "\r\nContent-Type: text/calendar; charset=utf-8\r\n"));
	assert_non_null(strstr(s.got, body));

	/* an update: If-Match on the ETag; a 412 is the caller's to decide */
	server_start(&s, "HTTP/1.1 412 Precondition Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
	caldav_free(c);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/thuy/hanchot/", s.port);
	c = caldav_new(&l, err);
	assert_int_equal(caldav_put(c, "x.ics", body, strlen(body), CALDAV_MATCH, "\"abc-1\"", &r, err), 0);
	server_wait(&s);
	assert_int_equal(r.status, 412);
	assert_string_equal(r.etag, "");
	assert_non_null(strstr(s.got, "\r\nIf-Match: \"abc-1\"\r\n"));

	/* a deletion, no body */
	server_start(&s, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
	caldav_free(c);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/thuy/hanchot/", s.port);
	c = caldav_new(&l, err);
	assert_int_equal(caldav_delete(c, "x.ics", CALDAV_ANY, NULL, &r, err), 0);
	server_wait(&s);
	assert_int_equal(r.status, 204);
	assert_non_null(strstr(s.got, "DELETE /thuy/hanchot/x.ics HTTP/1.1\r\n"));
	assert_null(strstr(s.got, "If-"));
	caldav_free(c);

	/* nobody listening: an error naming the URL */
	int port = s.port; /* closed now */
	snprintf(url, sizeof url, "http://127.0.0.1:%d/thuy/hanchot/", port);
	c = caldav_new(&l, err);
	assert_int_equal(caldav_put(c, "x.ics", body, strlen(body), CALDAV_ANY, NULL, &r, err), -1);
	char want[160];
	snprintf(want, sizeof want, "publish 'http://127.0.0.1:%d/thuy/hanchot/x.ics': ", port);
	assert_non_null(strstr(err, want));
	caldav_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
