#!/usr/bin/env bash
# bench_publish.sh [N]: hanchot publish of N tasks (default 1,000; one VEVENT
# each) to a CalDAV server on this machine, wall ms and hanchot's own CPU ms:
#   first      every resource created (N PUTs with If-None-Match: *)
#   one change a publish after one task changed (1 PUT with If-Match)
#   unchanged  a publish with nothing changed (no request)
# against Radicale (Debian radicale: the server the tests use, its storage in
# a temporary folder) and against a null server (python3 http.server
# answering every PUT with 201 and an ETag), which shows hanchot's own rate.
# RUNS (default 3) runs of each, medians; SERVERS="radicale null" (the default)
# or either alone. BENCH_ROWS=1 prints make bench's rows instead of a table.
set -euo pipefail
: "${HANCHOT:?set HANCHOT to the program under test}"
N=${1:-1000} RUNS=${RUNS:-3} SERVERS=${SERVERS:-"radicale null"}
W=$(mktemp -d /tmp/hanchot-bench-publish.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
export XDG_CONFIG_HOME=$W/config XDG_DATA_HOME=$W/data
unset HANCHOT_DTSTAMP
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
	local end=$((SECONDS + 20))
	until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 0.5)" 2>/dev/null; do
		[ "$SECONDS" -le "$end" ] || { echo "bench_publish: no server on port $1" >&2; exit 1; }
		sleep 0.05
	done
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# The servers.
printf 'bench:pass\n' >"$W/users"
printf 'pass\n' >"$W/pw"; chmod 600 "$W/pw"
RPORT=$(free_port)
printf '[server]\nhosts = 127.0.0.1:%s\n[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\n[storage]\nfilesystem_folder = %s\n[logging]\nlevel = warning\n' \
	"$RPORT" "$W/users" "$W/storage" >"$W/radicale.conf"
/usr/bin/python3 -m radicale --config "$W/radicale.conf" >"$W/radicale.log" 2>&1 &
PIDS+=($!)
NPORT=$(free_port)
/usr/bin/python3 - "$NPORT" >"$W/null.log" 2>&1 <<'PY' &
import http.server, sys, uuid
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def answer(self, code):
        n = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(n)
        self.send_response(code)
        self.send_header('ETag', '"%s"' % uuid.uuid4().hex)
        self.send_header('Content-Length', '0')
        self.end_headers()
    def do_PUT(self): self.answer(201)
    def do_DELETE(self): self.answer(204)
    def do_PROPFIND(self): self.answer(207)
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
PIDS+=($!)
wait_port "$RPORT"
wait_port "$NPORT"

# The tasks (one SQL pass, as tests/bench/gen.sh makes them).
DB=$W/hanchot.db
"$HANCHOT" --db "$DB" list >/dev/null
sqlite3 -batch "$DB" <<SQL
BEGIN;
WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < 80)
INSERT INTO agency(id, name, short_name, match_key) SELECT i, 'Sở số ' || i, 'S' || i, 'so so ' || i FROM a;
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < $N)
INSERT INTO task(id, section, summary, full_text, due_date, due_precision, status, uuid, created_at, updated_at)
SELECT i, 'I.' || (i % 9), 'Việc số ' || i || ': báo cáo kết quả thực hiện nhiệm vụ được giao',
       'Giao Sở số ' || (1 + i % 80) || ' chủ trì thực hiện nhiệm vụ số ' || i,
       date('2024-01-01', '+' || (i % 730) || ' days'), 'day', 'new',
       printf('%08x-0000-4000-8000-%012x', i, i), '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM t;
INSERT INTO task_agency(task_id, agency_id, role) SELECT id, 1 + id % 80, 'lead' FROM task;
COMMIT;
SQL

# run URL: one publish; sets MS (wall) and CPU (user + system ms); checks its line.
run() {
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%U %S' -o "$W/cpu" "$HANCHOT" --db "$DB" --lang en publish --url "$1" --user bench --password-file "$W/pw" \
		>"$W/out" 2>"$W/err" || { echo "bench_publish: $(cat "$W/err")" >&2; exit 1; }
	t1=$(date +%s%N)
	MS=$(((t1 - t0) / 1000000))
	CPU=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$W/cpu")
}
# bench NAME URL-PREFIX: RUNS rounds, each on a new collection.
bench() {
	local name=$1 base=$2 i first=() firstc=() one=() onec=() none=() nonec=()
	for ((i = 0; i < RUNS; i++)); do
		run "$base/bench/run$i/"; first+=("$MS"); firstc+=("$CPU")
		grep -q ": $N created or updated" "$W/out" || { echo "bench_publish: first publish: $(cat "$W/out")" >&2; exit 1; }
		sqlite3 "$DB" "UPDATE task SET status = CASE status WHEN 'new' THEN 'in_progress' ELSE 'new' END WHERE id = 7"
		run "$base/bench/run$i/"; one+=("$MS"); onec+=("$CPU")
		grep -q ": 1 created or updated" "$W/out" || { echo "bench_publish: one change: $(cat "$W/out")" >&2; exit 1; }
		run "$base/bench/run$i/"; none+=("$MS"); nonec+=("$CPU")
		grep -q "nothing changed" "$W/out" || { echo "bench_publish: unchanged: $(cat "$W/out")" >&2; exit 1; }
	done
	local m
	for m in first one none; do
		local -n w=$m c=${m}c
		local label=$([ $m = first ] && echo "all new" || { [ $m = one ] && echo "1 change" || echo "unchanged"; })
		if [ "${BENCH_ROWS:-0}" = 1 ]; then
			printf '%-7s %-19s %9s %9s %9s %8s %8s %7s %7s %7s\n' "$N" \
				"$([ "$name" = null ] && echo publish || echo "$name"): $label" \
				"$(printf '%s\n' "${w[@]}" | median)" - - - - - - -
		else
			printf '%-10s %-11s %10s %10s\n' "$name" "$label" "$(printf '%s\n' "${w[@]}" | median)" \
				"$(printf '%s\n' "${c[@]}" | median)"
		fi
	done
}
[ "${BENCH_ROWS:-0}" = 1 ] || printf '%-10s %-11s %10s %10s\n' server publish "wall ms" "hc cpu ms"
case " $SERVERS " in *" radicale "*) bench radicale "http://127.0.0.1:$RPORT" ;; esac
case " $SERVERS " in *" null "*) bench null "http://127.0.0.1:$NPORT" ;; esac
[ "${BENCH_ROWS:-0}" = 1 ] ||
	echo "(N=$N tasks, one VEVENT each; medians of $RUNS; load average $(cut -d' ' -f1-3 /proc/loadavg))"
