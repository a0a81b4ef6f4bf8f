#!/usr/bin/env bash
# make bench: hanchot against calcurse and Taskwarrior on the same generated
# items (1,000 / 10,000 / 100,000 tasks; BENCH_SIZES to change), median of
# BENCH_RUNS runs (default 5) per operation, peak memory from /usr/bin/time -v.
set -euo pipefail
: "${HANCHOT:?set HANCHOT to the program under test}"
HERE=$(cd "$(dirname "$0")" && pwd)
SIZES=${BENCH_SIZES:-"1000 10000 100000"} RUNS=${BENCH_RUNS:-5}
export LC_ALL=C.UTF-8 TERM=xterm-256color
need=""
command -v calcurse >/dev/null || need="$need calcurse"
command -v task >/dev/null || need="$need taskwarrior"
[ -x /usr/bin/time ] || need="$need time"
command -v tmux >/dev/null || need="$need tmux"
if [ -n "$need" ]; then
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	echo "installing:$need" >&2
	$SUDO apt-get install -y -q $need >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q $need >/dev/null; }
fi
W=$(mktemp -d /tmp/hanchot-bench.XXXXXX)
SOCK=hanchot-bench-$$ FS_RUN=0
trap 'rm -rf "$W"' EXIT

# median_ms CMD...: median wall time of RUNS runs, in ms.
median_ms() {
	local i t0 t1 all=()
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
		all+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${all[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}
# peak_mib CMD...: maximum resident set size, MiB.
peak_mib() {
	/usr/bin/time -f %M -o "$W/rss" "$@" >/dev/null 2>&1 || true
	awk '{ printf "%.1f", $1 / 1024 }' "$W/rss"
}
# first_screen_ms TEXT CMD...: from start to TEXT on a tmux screen (median).
first_screen_ms() {
	local text=$1 i t0 t1 all=(); shift
	for ((i = 0; i < RUNS; i++)); do
		rm -f "$W"/*/calcurse/.calcurse.pid   # a killed calcurse leaves its lock
		t0=$(date +%s%N)
		local sock=$SOCK-$((++FS_RUN))
		tmux -L "$sock" -f /dev/null new-session -d -s fs -x 120 -y 40 "$@"
		local end=$((SECONDS + 30))
		until tmux -L "$sock" capture-pane -p -t fs 2>/dev/null | grep -qF -- "$text"; do
			if [ $SECONDS -ge $end ]; then # a peer that takes longer is reported, not fatal
				tmux -L "$sock" kill-server 2>/dev/null || true
				echo ">30000"; return 0
			fi
			sleep 0.005
		done
		t1=$(date +%s%N)
		tmux -L "$sock" kill-server 2>/dev/null || true
		all+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${all[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}
ratio() { case "$1$2" in *[!0-9.]*|'') echo -; return;; esac
	awk -v a="$1" -v b="$2" 'BEGIN { if (a <= 0) a = 1; printf "%.1fx", b / a }'; }

has_export=0; "$HANCHOT" --help | grep -q ' export' && has_export=1
printf '%-8s %-16s %10s %10s %10s %9s %9s\n' items operation hanchot calcurse task "cal/hc" "task/hc"
for n in $SIZES; do
	D=$W/$n
	HANCHOT=$HANCHOT bash "$HERE/gen.sh" "$n" "$D"
	H=("$HANCHOT" --db "$D/hanchot.db" --today 2024-06-01)
	C=(calcurse -D "$D/calcurse" --read-only)
	T=(env TASKRC="$D/taskrc" task)
	row() { printf '%-8s %-16s %10s %10s %10s %9s %9s\n' "$n" "$1" "$2" "$3" "$4" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")"; }
	h=$(median_ms "${H[@]}" list); c=$(median_ms "${C[@]}" -t); t=$(median_ms "${T[@]}" list)
	row "list (ms)" "$h" "$c" "$t"
	if [ "$has_export" = 1 ]; then
		h=$(median_ms "${H[@]}" export)
	else
		h=-1
	fi
	c=$(median_ms calcurse -D "$D/calcurse" --export=ical); t=$(median_ms "${T[@]}" export)
	[ "$h" = -1 ] && h=n/a
	row "export (ms)" "$h" "$c" "$t"
	h=$(first_screen_ms "việc" "${H[@]}"); c=$(first_screen_ms "Appointments" calcurse -D "$D/calcurse")
	row "first screen (ms)" "$h" "$c" "-"
	h=$(peak_mib "${H[@]}" list); c=$(peak_mib "${C[@]}" -t); t=$(peak_mib "${T[@]}" list)
	row "list peak (MiB)" "$h" "$c" "$t"
done
echo "(median of $RUNS runs; ratios are peer time / hanchot time: above 1x, hanchot is faster)"

# Then each module's own benchmark (screen keys, report, export);
# BENCH_MODULES=0 skips them.
[ "${BENCH_MODULES:-1}" = 1 ] || exit 0
for b in "$HERE"/bench_*.sh; do
	[ -e "$b" ] || continue
	echo; echo "== $(basename "$b")"
	bash "$b"
done
