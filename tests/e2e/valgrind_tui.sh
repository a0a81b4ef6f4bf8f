# Sourced by valgrind.sh: a longer session of the screen under valgrind — a few
# hundred keys across every screen and prompt, a resize, a day rollover
# (HANCHOT_CLOCK just before midnight) and another process writing.
VDB=$TMPD/tui-vg.db
VG_NOTICE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures" && pwd)/thong-bao-ket-luan-lai-chau-2024-04.md
for i in $(seq 1 30); do
	"$HANCHOT" --db "$VDB" add --lead "Sở số $((i % 5))" --due "$((i % 28 + 1))/5/2024" "Kế hoạch việc số $i" >/dev/null
done
start vgtui 110 24 env HANCHOT_CLOCK=2024-05-17T23:59:40 "${VG[@]}" --log-file="$TMPD/vg-tui-long.log" \
	"$HANCHOT" --db "$VDB"
wait_for "Kế hoạch việc số" 60
keys Escape
for round in 1 2 3 4 5; do
	for _ in 1 2 3 4 5 6; do keys j; done
	keys k PageDown PageUp G g Enter Escape
	keys p; keys w; keys z; keys o; keys u; keys u
	keys Space j Space d u
	keys e "30/6/2024" Enter "Lý do $round" Enter u
	keys D "16/5/2024" Enter u
	keys n "Ghi chú $round" Enter u
	keys c " " Enter C-u "Lý do huỷ $round" Enter u
	keys 1 2 3 Escape Enter J J K Escape
	keys / "ke hoach $round" BSpace BSpace Enter PageDown d u PageUp Escape
	keys f f f s s s f f f f f f f s
	keys Tab j j Enter Tab Tab g Enter Tab
	keys "?" Escape
	keys i "$VG_NOTICE" Enter j Space Enter j L C-u "Sở Tài chính; Cục Thuế tỉnh" Enter H C-u "1/7/2024" Enter Escape c
	keys R j j G g Escape x Escape
	keys a "Việc mới $round" Enter "so 1" Tab Enter "1/6/2024" Enter
	keys a "Việc hoàn tác $round" Enter "so 2" Enter "32/13" Enter C-u "9/6" Enter u
	keys A j j r Escape l "Tên khác $round" Enter u k Escape
	"$HANCHOT" --db "$VDB" done $((round + 10)) >/dev/null   # another process writes
	wait_for "Đã" 30 || true
done
tmux -L "$SOCK" resize-window -t vgtui -x 30 -y 8
tmux -L "$SOCK" resize-window -t vgtui -x 20 -y 4
tmux -L "$SOCK" resize-window -t vgtui -x 110 -y 24
wait_for "Thứ Bảy, 18/05/2024" 90   # the day rolled over under valgrind
keys A j m "so 3" Tab Enter c u Escape
tmux -L "$SOCK" resize-window -t vgtui -x 80 -y 24
keys Tab j Enter Escape
keys q
CUR=vgtui; wait_exit 120
[ -f "$TMPD/vg-tui-long.log" ] || fail "valgrind did not run (long session)"
[ "$(exit_status)" != 99 ] || { cat "$TMPD/vg-tui-long.log"; fail "valgrind found errors or leaks in the long session"; }
if grep -q "Invalid\|uninitialised\|definitely lost: [1-9]" "$TMPD/vg-tui-long.log"; then
	cat "$TMPD/vg-tui-long.log"; fail "valgrind: long session"
fi
echo "valgrind: long screen session clean"
