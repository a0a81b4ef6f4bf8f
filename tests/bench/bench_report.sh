#!/usr/bin/env bash
# Benchmark: `hanchot report` over 100,000 tasks and 80 agencies.
# The database is created by hanchot (schema), then filled with SQL (a
# recursive CTE): each task has a 'created' event, a third a status change,
# a tenth a deadline extension, a quarter a cooperating agency, so --as-of
# has a real audit trail to replay. Prints the median of RUNS runs (ms).
# usage: [BENCH_DB=FILE] HANCHOT=./hanchot bash tests/bench/bench_report.sh [TASKS] [RUNS]
set -euo pipefail
: "${HANCHOT:=./hanchot}"
N=${1:-100000} RUNS=${2:-7} TARGET_MS=200
TMPD=$(mktemp -d /tmp/hanchot-bench.XXXXXX)
trap 'rm -rf "$TMPD"' EXIT
export XDG_CONFIG_HOME=$TMPD/config
DB=${BENCH_DB:-$TMPD/bench.db} # BENCH_DB: keep the database there
rm -f "$DB" "$DB-wal" "$DB-shm"
"$HANCHOT" --db "$DB" list >/dev/null # creates the schema
sqlite3 "$DB" <<SQL
BEGIN;
WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < 80)
INSERT INTO agency(id, name, match_key) SELECT i, 'Cơ quan số ' || i, 'cơ quan số ' || i FROM a; -- agency_key's form
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < $N)
INSERT INTO task(id, section, summary, due_date, due_precision, status, completed_date, uuid, created_at, updated_at)
SELECT i, 'I.' || (i % 9), 'Nhiệm vụ số ' || i || ' của kết luận',
  CASE WHEN i % 11 = 0 THEN NULL ELSE date('2024-01-01', '+' || (i % 365) || ' days') END,
  CASE WHEN i % 11 = 0 THEN 'none' ELSE 'day' END,
  CASE WHEN i % 3 = 0 THEN 'done' WHEN i % 29 = 0 THEN 'cancelled' ELSE 'in_progress' END,
  CASE WHEN i % 3 = 0 THEN date('2024-01-01', '+' || (i % 365 + i % 7 - 3) || ' days') END,
  lower(hex(randomblob(16))), '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM t;
INSERT INTO task_agency(task_id, agency_id, role, position) SELECT id, 1 + id % 80, 'lead', 0 FROM task;
INSERT INTO task_agency(task_id, agency_id, role, position)
  SELECT id, 1 + (id * 7) % 80, 'cooperating', 1 FROM task WHERE id % 4 = 0 AND (id * 7) % 80 != id % 80;
INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value)
  SELECT id, '2024-01-01T00:00:00Z', date('2023-12-01', '+' || (id % 30) || ' days'), 'bench', 'created', NULL, 'new' FROM task;
INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value, reason)
  SELECT id, '2024-01-01T00:00:00Z', date('2024-01-01', '+' || (id % 200) || ' days'), 'bench', 'extend',
    date('2024-01-01', '+' || (id % 365 - 20) || ' days'), due_date, 'bench' FROM task WHERE id % 10 = 0 AND due_date IS NOT NULL;
INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value)
  SELECT id, '2024-01-01T00:00:00Z', date('2024-01-01', '+' || (id % 300) || ' days'), 'bench', 'status', 'new', 'in_progress' FROM task WHERE status != 'new';
INSERT INTO task_event(task_id, at, on_date, who, what, old_value, new_value)
  SELECT id, '2024-01-01T00:00:00Z', coalesce(completed_date, '2024-06-01'), 'bench', 'status', 'in_progress', status FROM task WHERE status IN ('done', 'cancelled');
COMMIT;
SQL
echo "bench_report: $(sqlite3 "$DB" "SELECT count(*) FROM task") tasks, $(sqlite3 "$DB" "SELECT count(*) FROM agency") agencies, $(sqlite3 "$DB" "SELECT count(*) FROM task_event") events, $(sqlite3 "$DB" "SELECT count(*) FROM task_agency") assignments"

# median_ms args...: runs the report RUNS times; prints "WALL CPU", the
# medians in ms of wall-clock and of user+system CPU time (CPU time is what
# to compare when other jobs share the machine).
median_ms() {
	local walls=() cpus=() t
	"$HANCHOT" --db "$DB" --today 2024-09-30 "$@" >/dev/null # warm the page cache
	for ((k = 0; k < RUNS; k++)); do
		t=$( { /usr/bin/time -f "%e %U %S" "$HANCHOT" --db "$DB" --today 2024-09-30 "$@" >/dev/null; } 2>&1 )
		walls+=($(echo "$t" | awk '{ printf "%d", $1 * 1000 }'))
		cpus+=($(echo "$t" | awk '{ printf "%d", ($2 + $3) * 1000 }'))
	done
	med() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
	echo "$(med "${walls[@]}") $(med "${cpus[@]}")"
}
echo "bench_report: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
status=0
for args in "report" "report --as-of 2024-06-30" "report --cooperating" "report --format csv" "report --format html" "report --agency"; do
	# shellcheck disable=SC2086
	if [ "$args" = "report --agency" ]; then set -- $(median_ms report --agency "Cơ quan số 7"); args="report --agency 'Cơ quan số 7'"
	else set -- $(median_ms $args); fi
	verdict=ok; [ "$1" -le "$TARGET_MS" ] || { verdict="over the ${TARGET_MS} ms target"; [ "$args" = report ] && status=1; }
	printf 'bench_report: %-31s median %4d ms wall, %4d ms cpu (%d runs)  %s\n' "$args" "$1" "$2" "$RUNS" "$verdict"
done
exit $status
