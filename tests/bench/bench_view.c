/* bench_view.c: in-process times of db/view's SQL and search-corpus answers
 * on a database of bench/gen_tui.sh (the search "quy hoach so 7"): count,
 * the window at offset 37, a task's position with and without the search.
 * `make bench` builds it as build/bench_view:
 *   make build/bench_view && HANCHOT=./hanchot bash tests/bench/gen_tui.sh /tmp/b.db 100000 &&
 *   build/bench_view /tmp/b.db */
#define _POSIX_C_SOURCE 200809L /* clock_gettime() */

#include <stdio.h>
#include <time.h>

#include "core/err.h"
#include "db/db.h"
#include "db/view.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct db *db;
	char err[ERR_MAX];
	struct view_corpus *c = NULL;
	if (argc != 2 || db_open(argv[1], &db, err)) {
		fprintf(stderr, "usage: bench_view DB (%s)\n", argc == 2 ? err : "");
		return 1;
	}
	civil_day today = date_from_ymd(2024, 5, 17);
	struct view_query q = { .filter = FILTER_ALL, .today = today, .warn_until = today + 7,
				.search = "quy hoach so 7" };
	double t = now_ms();
	if (db_view_corpus_load(db, &c, 0, err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("corpus load %.1f ms\n", now_ms() - t);
	for (int r = 0; r < 3; r++) {
		size_t n = 0, pos = 0;
		struct view_rows w = { 0 };
		struct view_query all = q;
		t = now_ms();
		db_view_count(db, &q, &n, err);
		printf("count: SQL %.1f ms, ", now_ms() - t);
		t = now_ms();
		db_view_corpus_count(db, c, &q, &n, err);
		printf("corpus %.1f ms (%zu)\n", now_ms() - t, n);
		q.count_hint = n;
		t = now_ms();
		db_view_page(db, &q, 37, 37, &w, err);
		printf("window at 37: SQL %.1f ms, ", now_ms() - t);
		int64_t id = w.n > 5 ? w.items[5].id : 1;
		view_rows_release(&w);
		t = now_ms();
		db_view_corpus_page(db, c, &q, 37, 37, &w, NULL, err);
		printf("corpus %.1f ms\n", now_ms() - t);
		view_rows_release(&w);
		for (int s = 0; s < 2; s++) {
			all.search = s ? NULL : q.search;
			t = now_ms();
			db_view_index_of(db, &all, id, &pos, err);
			printf("position %s: SQL %.1f ms, ", s ? "without the search" : "with the search", now_ms() - t);
			t = now_ms();
			db_view_corpus_index_of(db, c, &all, id, &pos, err);
			printf("corpus %.1f ms\n", now_ms() - t);
		}
	}
	view_corpus_free(c);
	db_close(db);
	return 0;
}
