#!/usr/bin/env bash
# make bench: hanchot against calcurse and Taskwarrior on the same generated
# items (1,000 / 10,000 / 100,000 tasks over 2,000 notices and 80 agencies;
# BENCH_SIZES to change), one table: each operation at each size, the median
# wall time of BENCH_RUNS runs (default 5), peer / hanchot ratios, and the
# peak memory (largest maximum resident set size of those runs, /usr/bin/time).
#   start-up   program start to its first full screen, through tmux (hanchot:
#              the header with the totals; calcurse: its todo panel filled)
#   list open  hanchot list --open | calcurse -t | task list (the open items)
#   export     hanchot export --out FILE (iCalendar; "cold": its component
#              cache emptied before each run, "warm": as a user re-exports)
#              | calcurse -xical (every item: events and todos)
#              | task export (JSON, Taskwarrior's only export format)
#   report     hanchot report (the meeting report; no peer equivalent)
#   import     hanchot import of the fixture notice into the big database
#              (removed again between runs)
#   received   import --dry-run of the files an office receives (no database):
#              the fixture notice made 10 pages long as a PDF with a text
#              layer, the notice as .docx, and one A4 page of it scanned at
#              300 dpi (PNG, read by OCR); made with the test renderer
#              (python3-docx, -odf, -reportlab, -pil; skipped when missing)
#   publish    hanchot publish of 1,000 tasks to a CalDAV server on this
#              machine answering at once (tests/bench/bench_publish.sh):
#              every resource created, one change, nothing changed
#   key: ...   reaction to a key in a running screen, through tmux: move to
#              the next task (detail pane follows), mark done, a 10-character
#              search typed at once (filtered count and page redrawn)
# Every output is checked (item counts); a figure whose output was wrong is
# printed as ERR. The load average is printed: the machine may be shared.
# BENCH_DETAIL=1 then runs each module's own benchmark (tests/bench/bench_*.sh).
set -euo pipefail
: "${HANCHOT:?set HANCHOT to the program under test}"
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURE=$HERE/../fixtures/thong-bao-ket-luan-lai-chau-2024-04.md
SIZES=${BENCH_SIZES:-"1000 10000 100000"} RUNS=${BENCH_RUNS:-5}
export LC_ALL=C.UTF-8 TERM=xterm-256color
unset HANCHOT_DB HANCHOT_TODAY HANCHOT_DTSTAMP
need=""
command -v calcurse >/dev/null || need="$need calcurse"
command -v task >/dev/null || need="$need taskwarrior"
[ -x /usr/bin/time ] || need="$need time"
command -v tmux >/dev/null || need="$need tmux"
command -v sqlite3 >/dev/null || need="$need sqlite3"
command -v radicale >/dev/null || need="$need radicale"
if [ -n "$need" ]; then
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	echo "installing:$need" >&2
	$SUDO apt-get install -y -q $need >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q $need >/dev/null; }
fi
W=$(mktemp -d /tmp/hanchot-bench.XXXXXX)
export XDG_CONFIG_HOME=$W/config XDG_DATA_HOME=$W/data # the defaults, not the user's configuration
printf 'export_file = %s\n' "$W/kept.ics" >"$W/kept.conf"
SOCK=hanchot-bench-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$W"' EXIT
BENCH_START=$SECONDS
now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }
maxkib() { sort -n | tail -1; }
mib() { case "$1" in ''|*[!0-9]*) echo -;; *) awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }';; esac; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# measure PRE CMD...: runs PRE (untimed, may be :) then CMD, RUNS times; sets
# MS (median wall ms) and KIB (largest max RSS). CMD's stdout goes to $W/out.
measure() {
	local pre=$1 i t0 t1 walls=() rss=(); shift
	for ((i = 0; i < RUNS; i++)); do
		$pre
		t0=$(now)
		/usr/bin/time -f %M -o "$W/rss" "$@" >"$W/out" 2>"$W/err" || true
		t1=$(now)
		walls+=($(((t1 - t0) / 1000000))); rss+=("$(tail -1 "$W/rss")")
	done
	MS=$(printf '%s\n' "${walls[@]}" | median); KIB=$(printf '%s\n' "${rss[@]}" | maxkib)
}

# tmux: one server for the whole run; each screen in its own session.
tmux -L "$SOCK" -f /dev/null new-session -d -s hold -x 120 -y 40 "sleep 100000"
capture() { tmux -L "$SOCK" capture-pane -p -t "$1" 2>/dev/null; }
# wait_text SESSION TEXT: polls the screen until TEXT shows (30 s at most).
wait_text() {
	local end=$(($(now) + 30000000000))
	until capture "$1" | grep -qF -- "$2"; do
		[ "$(now)" -lt "$end" ] || { echo "bench: '$2' did not appear on the screen" >&2; return 1; }
	done
}
# peak_now SESSION: the peak resident set (VmHWM, KiB) so far of the program
# running in SESSION (started with exec, so it is the pane's process).
peak_now() { awk '/^VmHWM:/ { print $2 }' "/proc/$(tmux -L "$SOCK" display-message -p -t "$1" '#{pane_pid}')/status" 2>/dev/null || echo 0; }
# first_screen TEXT PRE CMD...: start to TEXT on the screen; sets MS and KIB
# (the peak memory up to the first screen).
first_screen() {
	local text=$1 pre=$2 i t0 t1 walls=() rss=(); shift 2
	for ((i = 0; i < RUNS; i++)); do
		$pre
		t0=$(now)
		tmux -L "$SOCK" new-session -d -s fs -x 120 -y 40 "exec $*"
		if wait_text fs "$text"; then t1=$(now); walls+=($(((t1 - t0) / 1000000))); else walls+=(999999); fi
		rss+=("$(peak_now fs)")
		tmux -L "$SOCK" kill-session -t fs 2>/dev/null || true
	done
	MS=$(printf '%s\n' "${walls[@]}" | median); KIB=$(printf '%s\n' "${rss[@]}" | maxkib)
	[ "$MS" != 999999 ] || MS=ERR
}

ratio() { case "$1$2" in *[!0-9]*|'') echo -; return;; esac
	awk -v a="$1" -v b="$2" 'BEGIN { if (a <= 0) a = 1; printf "%.1fx", b / a }'; }
FMT='%-7s %-19s %9s %9s %9s %8s %8s %7s %7s %7s\n'
row() { # size op hc_ms cal_ms task_ms hc_kib cal_kib task_kib
	printf "$FMT" "$1" "$2" "$3" "$4" "$5" "$(ratio "$3" "$4")" "$(ratio "$3" "$5")" "$(mib "$6")" "$(mib "$7")" "$(mib "$8")"
}
WARN=()
# ok COND-RESULT WHAT: a wrong output turns the figure into ERR.
check() { if [ "$1" != "$2" ]; then WARN+=("$3: expected $2, got $1"); return 1; fi; }

echo "hanchot benchmark: $($HANCHOT --version | head -1), calcurse $(calcurse --version | head -1 | awk '{ print $2 }'), Taskwarrior $(task --version)"
echo "machine: $(nproc) cores, load average at start $(load); median of $RUNS runs (wall ms), peak = largest max RSS"
"$HANCHOT" --db "$W/ref.db" import "$FIXTURE" >/dev/null # what one import of the notice makes
REF_TASKS=$(sqlite3 "$W/ref.db" "SELECT count(*) FROM task")
printf "$FMT" items operation hanchot calcurse task cal/hc task/hc "hc MiB" "cal MiB" "task MiB"
for n in $SIZES; do
	D=$W/$n
	HANCHOT=$HANCHOT bash "$HERE/gen.sh" "$n" "$D"
	DB=$D/hanchot.db
	H=("$HANCHOT" --db "$DB" --today 2024-06-01)
	T=(env TASKRC="$D/taskrc" task)
	open=$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE status NOT IN ('done', 'cancelled')")
	clear_lock() { rm -f "$D/calcurse/.calcurse.pid"; }   # a killed calcurse leaves its lock

	# start-up to the first full screen
	first_screen "$n việc" : "${H[@]}"; h=$MS hk=$KIB
	first_screen "Việc số" clear_lock calcurse -D "$D/calcurse"; c=$MS ck=$KIB
	row "$n" "start-up" "$h" "$c" - "$hk" "$ck" -

	# list of the open items
	measure : "${H[@]}" list --open; h=$MS hk=$KIB
	check "$(($(wc -l < "$W/out") - 1))" "$open" "$n hanchot list --open (lines)" || h=ERR
	measure : calcurse -D "$D/calcurse" --read-only -t; c=$MS ck=$KIB
	check "$(grep -c 'Việc số' "$W/out")" "$open" "$n calcurse -t (todos)" || c=ERR
	measure : "${T[@]}" list; t=$MS tk=$KIB
	check "$(grep -c 'Việc số' "$W/out")" "$open" "$n task list (tasks)" || t=ERR
	row "$n" "list open" "$h" "$c" "$t" "$hk" "$ck" "$tk"

	# export: iCalendar (hanchot, calcurse), JSON (Taskwarrior); warm: the
	# configured export_file is current, a one-off export copies from it
	drop_cache() { sqlite3 "$DB" "DELETE FROM ical_index; DELETE FROM ical_export;"; }
	measure drop_cache "${H[@]}" export --out "$W/h.ics"; h=$MS hk=$KIB
	check "$(grep -c '^BEGIN:VEVENT' "$W/h.ics")" "$n" "$n hanchot export cold (VEVENTs)" || h=ERR
	measure : calcurse -D "$D/calcurse" -xical; c=$MS ck=$KIB
	check "$(grep -c '^BEGIN:VEVENT' "$W/out")/$(grep -c '^BEGIN:VTODO' "$W/out")" "$n/$open" "$n calcurse -xical (VEVENTs/VTODOs)" || c=ERR
	measure : "${T[@]}" export; t=$MS tk=$KIB
	check "$(grep -c '"uuid":' "$W/out")" "$n" "$n task export (JSON objects)" || t=ERR
	row "$n" "export (cold)" "$h" "$c" "$t" "$hk" "$ck" "$tk"
	"${H[@]}" --config "$W/kept.conf" list --open >/dev/null # export_file written
	measure : "${H[@]}" --config "$W/kept.conf" export --out "$W/h.ics"; h=$MS hk=$KIB
	check "$(grep -c '^BEGIN:VEVENT' "$W/h.ics")" "$n" "$n hanchot export warm (VEVENTs)" || h=ERR
	row "$n" "export (warm)" "$h" "$c" "$t" "$hk" "$ck" "$tk"

	# report (hanchot only)
	measure : "${H[@]}" report; h=$MS hk=$KIB
	check "$(grep -c '^Sở số' "$W/out")" 80 "$n hanchot report (agency rows)" || h=ERR
	row "$n" "report" "$h" - - "$hk" - -

	# import of the fixture notice into the big database, removed between runs
	unimport() { sqlite3 "$DB" "PRAGMA foreign_keys = ON; BEGIN;
		DELETE FROM task WHERE document_id IN (SELECT id FROM document WHERE number = '/TB-UBND');
		DELETE FROM document WHERE number = '/TB-UBND';
		DELETE FROM agency_alias WHERE agency_id > 80; DELETE FROM agency WHERE id > 80; COMMIT;"; }
	measure unimport "${H[@]}" import "$FIXTURE"; h=$MS hk=$KIB
	check "$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE document_id = (SELECT id FROM document WHERE number = '/TB-UBND')")" \
		"$REF_TASKS" "$n hanchot import (tasks)" || h=ERR
	unimport
	row "$n" "import notice" "$h" - - "$hk" - -

	# key reactions in a running screen
	moves=() dones=() searches=() rss=()
	for ((i = 0; i < RUNS; i++)); do
		tmux -L "$SOCK" new-session -d -s k -x 120 -y 40 "exec ${H[*]}"
		wait_text k "$n việc"
		tmux -L "$SOCK" send-keys -t k Escape Enter; wait_text k "Lịch sử:"
		before=$(capture k | grep -F '#' | head -1)
		t0=$(now); tmux -L "$SOCK" send-keys -t k j
		end=$(($(now) + 30000000000))
		until [ "$(capture k | grep -F '#' | head -1)" != "$before" ]; do
			[ "$(now)" -lt "$end" ] || { echo "bench: the detail pane did not follow 'j'" >&2; exit 1; }
		done
		moves+=($((($(now) - t0) / 1000000)))
		t0=$(now); tmux -L "$SOCK" send-keys -t k d; wait_text k "Đã cập nhật 1 việc"; dones+=($((($(now) - t0) / 1000000)))
		tmux -L "$SOCK" send-keys -t k Escape /; wait_text k "Tìm:"
		t0=$(now); tmux -L "$SOCK" send-keys -t k "viec so 77" Enter
		wait_text k 'Tìm "viec so 77":'; searches+=($((($(now) - t0) / 1000000)))
		rss+=("$(peak_now k)")
		tmux -L "$SOCK" send-keys -t k Escape q
		end=$((SECONDS + 10))
		while tmux -L "$SOCK" has-session -t k 2>/dev/null; do
			[ $SECONDS -lt $end ] || { echo "bench: the screen did not quit on 'q'" >&2; exit 1; }
			sleep 0.01
		done
		# undo the 'done' behind hanchot's back, so each run starts alike
		sqlite3 "$DB" "BEGIN; UPDATE task SET status = (SELECT old_value FROM task_event ORDER BY id DESC LIMIT 1),
			completed_date = NULL, version = version - 1 WHERE id = (SELECT task_id FROM task_event ORDER BY id DESC LIMIT 1);
			DELETE FROM task_event WHERE id = (SELECT max(id) FROM task_event); COMMIT;"
	done
	hk=$(printf '%s\n' "${rss[@]}" | maxkib)
	row "$n" "key: move" "$(printf '%s\n' "${moves[@]}" | median)" - - "$hk" - -
	row "$n" "key: done" "$(printf '%s\n' "${dones[@]}" | median)" - - "$hk" - -
	row "$n" "key: search" "$(printf '%s\n' "${searches[@]}" | median)" - - "$hk" - -
	echo "        (load average after $n items: $(load))"
	rm -rf "$D"
done
# Publishing 1,000 tasks to a CalDAV server on this machine that answers at
# once (a null server: hanchot's own speed; Radicale's own cost per request is
# measured by tests/bench/bench_publish.sh).
if command -v radicale >/dev/null; then
	HANCHOT=$HANCHOT RUNS=$RUNS SERVERS=null BENCH_ROWS=1 bash "$HERE/bench_publish.sh" 1000 || WARN+=("publish: bench_publish.sh failed")
fi
# Reading notices: generated ones of 100 and 10,000 assignments and 2 MB of
# headings alone (import --dry-run; no peer reads notices).
for spec in "units 100" "units 10000" "headings 2000000"; do
	set -- $spec
	python3 "$HERE/gen_notice.py" "$1" "$2" "$W/notice.txt"
	measure : "$HANCHOT" import --dry-run --format tsv "$W/notice.txt"; h=$MS hk=$KIB
	want=$([ "$1" = units ] && echo "$2" || echo 0)
	check "$(grep -cv '^#\|^section' "$W/out" || true)" "$want" "reading $spec (units)" || h=ERR
	row "$(du -k "$W/notice.txt" | cut -f1)K" "read notice: $([ "$1" = units ] && echo "$2 tasks" || echo "headings")" "$h" - - "$hk" - -
done
# received files: the same for every size, so measured once
RENDER="/usr/bin/python3 $HERE/../e2e/render_notice.py"
if /usr/bin/python3 -c 'import docx, odf, reportlab, PIL' 2>/dev/null; then
	/usr/bin/python3 - "$FIXTURE" "$W/long.md" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
i = src.index("#### I.")
j = src.index("UBND tỉnh yêu cầu các sở, ban, ngành tỉnh; UBND các huyện, thành phố và các đơn vị")
open(sys.argv[2], "w", encoding="utf-8").write(src[:i] + src[i:j] * 3 + src[j:])  # 10 pages
PY
	$RENDER pdf "$W/long.md" "$W/long.pdf"
	$RENDER docx "$FIXTURE" "$W/notice.docx"
	$RENDER png "$FIXTURE" "$W/scan" --pages 1
	pages=$(/usr/bin/python3 -c 'import re,sys; print(len(re.findall(rb"/Type /Page\b(?!s)", open(sys.argv[1],"rb").read())))' "$W/long.pdf")
	units() { grep -cv '^#\|^section' "$W/out" || true; }
	measure : "$HANCHOT" import --dry-run --format tsv "$W/long.pdf"; h=$MS hk=$KIB
	check "$(units)" "$((3 * REF_TASKS))" "hanchot import of a $pages-page PDF (units)" || h=ERR
	row - "import PDF, ${pages} p." "$h" - - "$hk" - -
	measure : "$HANCHOT" import --dry-run --format tsv "$W/notice.docx"; h=$MS hk=$KIB
	check "$(units)" "$REF_TASKS" "hanchot import of a .docx (units)" || h=ERR
	row - "import .docx" "$h" - - "$hk" - -
	measure : "$HANCHOT" import --dry-run --format tsv "$W/scan-1.png"; h=$MS hk=$KIB
	[ "$(units)" -ge 1 ] || { WARN+=("hanchot import of a scanned page: no unit read"); h=ERR; }
	row - "import scan, 1 p." "$h" - - "$hk" - -
else
	echo "(received files skipped: python3-docx, python3-odf, python3-reportlab, python3-pil are not installed)"
fi
echo "ratios: peer time / hanchot time (above 1x, hanchot is faster). calcurse's export holds its todos"
echo "as VTODOs too; hanchot exports one all-day VEVENT (with alarms) per task; task's export is JSON."
echo "whole run: $((SECONDS - BENCH_START)) s; load average at the end $(load)"
if [ ${#WARN[@]} -gt 0 ]; then
	printf 'WRONG OUTPUT: %s\n' "${WARN[@]}" >&2
	exit 1
fi

# Then, on request, each module's own detailed benchmark (screen keys, report, export).
if [ "${BENCH_DETAIL:-0}" = 1 ]; then
	for b in "$HERE"/bench_*.sh; do
		[ -e "$b" ] || continue
		echo; echo "== $(basename "$b")"
		bash "$b"
	done
fi
