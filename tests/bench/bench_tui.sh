#!/usr/bin/env bash
# bench_tui.sh: the screen at 1,000 / 10,000 / 100,000 tasks, through tmux:
# start to first full screen, and key reactions (move, mark done, search,
# page down within a search, mark done and undo while a search is shown),
# medians of several runs; peak memory (max RSS) of a session.
set -euo pipefail
: "${HANCHOT:?set HANCHOT}"
export LC_ALL=C.UTF-8 TERM=xterm-256color
D=$(mktemp -d /tmp/hanchot-bench.XXXXXX)
SOCK=hanchot-bench-$$
trap 'tmux -L $SOCK kill-server 2>/dev/null || true; rm -rf "$D"' EXIT
now() { date +%s%N; }
wait_text() { # text: polls capture-pane, returns when it appears
	local end=$(( $(now) + 20000000000 ))
	until tmux -L $SOCK capture-pane -p -t b | grep -qF -- "$1"; do
		[ "$(now)" -lt "$end" ] || { echo "timeout waiting for $1" >&2; return 1; }
	done
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }
RUNS=${RUNS:-5}
row() { printf "%-8s %10s %9s %9s %11s %12s %10s %9s %9s %9s %12s\n" "$@"; }
row tasks "first(ms)" "move(ms)" "done(ms)" "search(ms)" "search1(ms)" "erase(ms)" "pgdn(ms)" "sdone(ms)" "undo(ms)" "maxRSS(KiB)"
for n in ${SIZES:-1000 10000 100000}; do
	db=$D/b$n.db
	bash "$(dirname "$0")/gen_tui.sh" "$db" "$n"
	first=() move=() done_=() search=() search1=() erase=() pgdn=() sdone=() undo=()
	for r in $(seq "$RUNS"); do
		t0=$(now)
		tmux -L $SOCK -f /dev/null new-session -d -s b -x 120 -y 40 \
			"/usr/bin/time -f %M -o $D/rss $HANCHOT --db $db --today 2024-05-17"
		wait_text "$n việc"; t1=$(now); first+=($((t1 - t0)))
		tmux -L $SOCK send-keys -t b Escape
		# move: the selected row's section shows in the detail pane
		tmux -L $SOCK send-keys -t b Enter; wait_text "Lịch sử:"
		before=$(tmux -L $SOCK capture-pane -p -t b | grep -F '#' | head -1)
		t0=$(now); tmux -L $SOCK send-keys -t b j
		until [ "$(tmux -L $SOCK capture-pane -p -t b | grep -F '#' | head -1)" != "$before" ]; do :; done
		move+=($(( $(now) - t0 )))
		t0=$(now); tmux -L $SOCK send-keys -t b d; wait_text "Đã cập nhật 1 việc"; done_+=($(( $(now) - t0 )))
		tmux -L $SOCK send-keys -t b Escape /; wait_text "Tìm:"
		t0=$(now); tmux -L $SOCK send-keys -t b "quy hoach so 77" Enter
		wait_text 'Tìm "quy hoach so 77":'; search+=($(( $(now) - t0 )))
		# one key typed, then two erased below the needle first searched,
		# each accepted with Enter: each a fresh search of the corpus
		tmux -L $SOCK send-keys -t b /; wait_text "Tìm: quy hoach so 77"
		t0=$(now); tmux -L $SOCK send-keys -t b 7 Enter
		wait_text 'Tìm "quy hoach so 777":'; search1+=($(( $(now) - t0 )))
		tmux -L $SOCK send-keys -t b /; wait_text "Tìm: quy hoach so 777"
		t0=$(now); tmux -L $SOCK send-keys -t b BSpace BSpace Enter
		wait_text 'Tìm "quy hoach so 7":'; erase+=($(( $(now) - t0 )))
		# page down within the search: the first row of the list changes
		before=$(tmux -L $SOCK capture-pane -p -t b | sed -n 3p)
		t0=$(now); tmux -L $SOCK send-keys -t b NPage
		end=$(( $(now) + 20000000000 ))
		until [ "$(tmux -L $SOCK capture-pane -p -t b | sed -n 3p)" != "$before" ]; do
			[ "$(now)" -lt "$end" ] || { echo "timeout waiting for page down" >&2; exit 1; }
		done
		pgdn+=($(( $(now) - t0 )))
		# mark done on that page, then undo it, the search still shown
		if tmux -L $SOCK capture-pane -p -t b | grep -qF "Đã cập nhật 1 việc"; then
			echo "the message of the first change is still shown" >&2; exit 1
		fi
		t0=$(now); tmux -L $SOCK send-keys -t b d; wait_text "Đã cập nhật 1 việc"; sdone+=($(( $(now) - t0 )))
		t0=$(now); tmux -L $SOCK send-keys -t b u; wait_text "Đã hoàn tác: hoàn thành việc"; undo+=($(( $(now) - t0 )))
		tmux -L $SOCK send-keys -t b Escape q
		while tmux -L $SOCK has-session -t b 2>/dev/null; do :; done
		sqlite3 "$db" "UPDATE task SET status='new', completed_date=NULL WHERE status='done' AND completed_date='2024-05-17'"
	done
	med() { ms "$(printf '%s\n' "$@" | median)"; }
	row "$n" "$(med "${first[@]}")" "$(med "${move[@]}")" "$(med "${done_[@]}")" "$(med "${search[@]}")" \
		"$(med "${search1[@]}")" "$(med "${erase[@]}")" "$(med "${pgdn[@]}")" "$(med "${sdone[@]}")" \
		"$(med "${undo[@]}")" "$(cat "$D/rss" 2>/dev/null || echo ?)"
done
echo "(search: typing 15 characters and Enter at once; keys typed ahead are searched together)"
echo "(search1: one more key in the search prompt and Enter)"
echo "(erase: two keys erased below the first needle and Enter)"
echo "(pgdn: page down within that search; sdone: d on that page; undo: u after it)"
