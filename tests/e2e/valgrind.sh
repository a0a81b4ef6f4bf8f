#!/usr/bin/env bash
# A scripted session under valgrind: the command line and the screen must show
# no invalid access and no leak (ncurses' own still-reachable memory aside).
. "$(dirname "$0")/lib.sh"
DB=$TMPD/tasks.db
VG=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --error-exitcode=99)

run_vg() { # name args...
	local name=$1; shift
	local rc=0
	"${VG[@]}" --log-file="$TMPD/vg-$name.log" "$HANCHOT" "$@" >/dev/null 2>&1 || rc=$?
	[ -f "$TMPD/vg-$name.log" ] || fail "valgrind did not run: $name"
	[ "$rc" -ne 99 ] || { cat "$TMPD/vg-$name.log"; fail "valgrind found errors or leaks: $name"; }
}
run_vg add1 --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách"
run_vg add2 --db "$DB" add --lead "Sở Nội vụ" --cooperating "Sở Y tế" --due 18/5/2024 "Công bố chỉ số"
run_vg badd --db "$DB" add --lead X --due 31/2/2024 "Việc"
run_vg list --db "$DB" --today 2024-05-17 list
run_vg tsv --db "$DB" --today 2024-05-17 list --format tsv
run_vg done --db "$DB" done 2 --date 2024-05-16
run_vg missing --db "$DB" done 99
# the reading of every fixture notice, and one saved
for f in "$(dirname "$0")"/../fixtures/*.expected.tsv; do
	n=${f%.expected.tsv}.md; [ -e "$n" ] || n=${f%.expected.tsv}.txt
	run_vg "read-$(basename "$n")" --db "$TMPD/import.db" import --dry-run --format tsv "$n"
done
run_vg import --db "$TMPD/import.db" import "$(dirname "$0")/../fixtures/thong-bao-ket-luan-chuyen-de-2026-05.md"
for f in "$(dirname "$0")"/valgrind_*.sh; do [ -e "$f" ] && . "$f"; done

# The screen: moves, status changes, a resize, quit.
start vg 100 20 "${VG[@]}" --log-file="$TMPD/vg-tui.log" "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "Báo cáo thu ngân sách" 60
for _ in 1 2 3; do keys j; keys k; done
keys d; wait_for "hoàn thành quá hạn" 30
keys o; wait_gone "hoàn thành quá hạn" 30
tmux -L "$SOCK" resize-window -t vg -x 40 -y 10 2>/dev/null || true
tmux -L "$SOCK" resize-window -t vg -x 100 -y 20 2>/dev/null || true
keys q; wait_exit 60
[ -f "$TMPD/vg-tui.log" ] || fail "valgrind did not run"
[ "$(exit_status)" -ne 99 ] || { cat "$TMPD/vg-tui.log"; fail "valgrind found errors or leaks in the screen"; }
echo "valgrind: 1 passed, 0 failed"
