#!/usr/bin/env bash
# Benchmark of `hanchot export` on 100,000 tasks (N to change), generated with SQL:
# the first full export (cache empty), a one-off export after one status change
# (export_file, kept current by that change, is what it copies from), one with
# nothing changed, the export_file refresh after one change, and calcurse
# exporting N appointments in the same run for the ratio.
# Each figure is the median of RUNS runs (wall clock); peak memory is from
# /usr/bin/time -v. Usage: HANCHOT=./hanchot bash tests/bench/bench_export.sh
set -euo pipefail
: "${HANCHOT:?set HANCHOT to the program under test}"
N=${N:-100000}
RUNS=${RUNS:-5}
export LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent
unset HANCHOT_DTSTAMP HANCHOT_TODAY
TMPD=$(mktemp -d /tmp/hanchot-bench.XXXXXX)
trap 'rm -rf "$TMPD"' EXIT
DB=$TMPD/bench.db
for tool in sqlite3 /usr/bin/time calcurse; do
	command -v "$tool" >/dev/null || { echo "bench_export: $tool is missing (apt-get install sqlite3 time calcurse)" >&2; exit 2; }
done

"$HANCHOT" --db "$DB" list >/dev/null # creates the schema
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO agency(name, match_key) VALUES ('Sở Tài chính', 'so tai chinh'), ('Sở Kế hoạch và Đầu tư', 'so ke hoach va dau tu'),
  ('Sở Y tế', 'so y te'), ('UBND các huyện, thành phố', 'ubnd cac huyen, thanh pho');
INSERT INTO document(kind, number, issued_date, imported_at) VALUES ('Thông báo', '123/TB-UBND', '2024-04-25', '2024-04-25T08:00:00Z');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO task(id, document_id, section, summary, full_text, due_date, due_precision, due_phrase, status, uuid,
  created_at, updated_at, ical_modified)
SELECT i, 1, 'I.' || (i % 7) || '.' || (i % 13),
  'Giao Sở Tài chính chủ trì, phối hợp các đơn vị liên quan rà soát, báo cáo việc số ' || i,
  'Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư và UBND các huyện, thành phố rà soát, tổng hợp'
    || ' nhu cầu vốn; báo cáo UBND tỉnh trước ngày 14/5/2024 (việc số ' || i || ').',
  date('2024-01-01', '+' || (i % 700) || ' days'), 'day', 'trước ngày 14/5/2024',
  CASE WHEN i % 5 = 0 THEN 'done' ELSE 'in_progress' END,
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
  '2024-04-25T08:00:00Z', '2024-04-25T08:00:00Z', '2024-04-25T08:00:00Z'
FROM n;
INSERT INTO task_agency(task_id, agency_id, role, position) SELECT id, 1, 'lead', 0 FROM task;
INSERT INTO task_agency(task_id, agency_id, role, position) SELECT id, 2, 'cooperating', 0 FROM task;
INSERT INTO task_agency(task_id, agency_id, role, position) SELECT id, 4, 'cooperating', 1 FROM task;
UPDATE task SET completed_date = due_date WHERE status = 'done';
COMMIT;
SQL
# hanchot fills what plain SQL inserts leave (search keys) once, at its next
# start: done here, so that the first timed export measures the export alone
"$HANCHOT" --db "$DB" list --open >/dev/null

# median of the wall-clock seconds printed by the timed commands
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
# peak KiB of a command
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { print $2 }'; }

# export_file is kept current by every change; one-off exports copy from it
conf=$TMPD/hanchot.conf
printf 'export_file = %s\n' "$TMPD/kept.ics" >"$conf"
H=("$HANCHOT" --db "$DB" --config "$conf")
drop_cache() { sqlite3 "$DB" "DELETE FROM ical_index; DELETE FROM ical_export;"; }

first=() ; re=() ; same=() ; refresh=() ; cal=()
for r in $(seq "$RUNS"); do
	drop_cache
	a=$(now); "${H[@]}" export --out "$TMPD/out.ics"; b=$(now); first+=("$(ms "$a" "$b")")
	"${H[@]}" --today 2024-05-17 done $((r * 7)) >/dev/null
	a=$(now); "${H[@]}" export --out "$TMPD/out.ics"; b=$(now); re+=("$(ms "$a" "$b")")
	a=$(now); "${H[@]}" export --out "$TMPD/out.ics"; b=$(now); same+=("$(ms "$a" "$b")")
	"${H[@]}" reopen $((r * 7)) >/dev/null
done
size=$(stat -c %s "$TMPD/out.ics")
events=$(grep -c '^BEGIN:VEVENT' "$TMPD/out.ics")
drop_cache
mem_first=$(peak "${H[@]}" export --out "$TMPD/out.ics")
"${H[@]}" --today 2024-05-17 done 3 >/dev/null
mem_re=$(peak "${H[@]}" export --out "$TMPD/out.ics")

# export_file kept current: refresh cost after one change
"${H[@]}" list --open >/dev/null
for r in $(seq "$RUNS"); do
	a=$(now); "$HANCHOT" --db "$DB" --config "$conf" reopen 3 >/dev/null; b=$(now); refresh+=("$(ms "$a" "$b")")
	"$HANCHOT" --db "$DB" --config "$conf" done 3 >/dev/null
done
a=$(now); for r in $(seq "$RUNS"); do "$HANCHOT" --db "$DB" --config "$conf" holidays 2024 >/dev/null; done; b=$(now)
noop_cmd=$(awk -v a="$a" -v b="$b" -v n="$RUNS" 'BEGIN { printf "%.0f", (b - a) * 1000 / n }')

# calcurse: N one-hour appointments in date order, exported to iCalendar
cdir=$TMPD/calcurse; mkdir -p "$cdir"
awk -v n="$N" 'BEGIN { split("31 29 31 30 31 30 31 31 30 31 30 31", ml, " ");
	for (i = 1; i <= n; i++) { doy = int((i - 1) * 366 / n); m = 1; while (doy >= ml[m]) { doy -= ml[m]; m++ }
	printf "%02d/%02d/2024 @ 08:00 -> %02d/%02d/2024 @ 09:00 |Giao Sở Tài chính chủ trì, phối hợp các đơn vị liên quan rà soát, báo cáo việc số %d\n", m, doy + 1, m, doy + 1, i } }' >"$cdir/apts"
: >"$cdir/todo"
for r in $(seq "$RUNS"); do
	a=$(now); calcurse -D "$cdir" -xical >"$TMPD/calcurse.ics" 2>/dev/null; b=$(now); cal+=("$(ms "$a" "$b")")
done
cal_events=$(grep -c '^BEGIN:VEVENT' "$TMPD/calcurse.ics" || true)

m_first=$(printf '%s\n' "${first[@]}" | median)
m_re=$(printf '%s\n' "${re[@]}" | median)
m_same=$(printf '%s\n' "${same[@]}" | median)
m_refresh=$(printf '%s\n' "${refresh[@]}" | median)
m_cal=$(printf '%s\n' "${cal[@]}" | median)
echo "bench_export: $N tasks, $events VEVENTs, $((size / 1024)) KiB, median of $RUNS runs"
echo "  first export (empty cache)        ${m_first} ms   peak $((mem_first / 1024)) MiB   (runs: ${first[*]})"
echo "  export after one status change   ${m_re} ms   peak $((mem_re / 1024)) MiB   (runs: ${re[*]})"
echo "  export, nothing changed          ${m_same} ms   (runs: ${same[*]})"
echo "  'reopen' + export_file refresh    ${m_refresh} ms   (runs: ${refresh[*]})"
echo "  command, export_file unchanged    ${noop_cmd} ms   ('holidays', no database: no refresh)"
echo "  calcurse -x ical, $cal_events appointments  ${m_cal} ms   (runs: ${cal[*]})"
awk -v r="$m_re" -v c="$m_cal" 'BEGIN { printf "  re-export / calcurse full export = %.2f\n", r / c }'
