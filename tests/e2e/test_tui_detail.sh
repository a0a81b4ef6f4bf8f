# Issue 16, "show what the screen is doing": status markers in the list, the
# detail pane's deadline with the extension that set it, dates as
# dd/mm/yyyy in the history, the pane scrolling to a long history at 80x24;
# the status line at the smallest size.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 --section I.2.1 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 --section I.2.2 "Công bố chỉ số" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 20/5/2024 --section I.2.3 "Kế hoạch phòng dịch" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 21/5/2024 --section I.2.4 "Kiểm tra an toàn thực phẩm" >/dev/null
hc --db "$DB" add --lead "Sở Kế hoạch và Đầu tư" --cooperating "Sở Xây dựng" --due 30/6/2024 --section II.1 "Tổng hợp vốn ODA" >/dev/null
hc --db "$DB" extend 1 --to 31/5/2024 --reason "Chờ số liệu quý" >/dev/null
# (the command line has no note: as another program would)
for i in 1 2 3 4 5 6 7 8; do sqlite3 "$DB" "INSERT INTO task_event(task_id, at, on_date, who, what, new_value) VALUES (1, '2024-05-1${i}T00:00:00Z', '2024-05-1$i', 'an', 'note', 'Ghi chú số $i')"; done
hc --db "$DB" status 2 paused >/dev/null
hc --db "$DB" status 3 in_progress >/dev/null
hc --db "$DB" status 4 reported >/dev/null

start main 80 24 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "5 việc"; keys Escape; wait_gone "Tin đầu ngày"
screen | grep -qF " ‖I.2.2" || fail "paused marker"
screen | grep -qF " »I.2.3" || fail "in progress marker"
screen | grep -qF " ↑I.2.4" || fail "reported marker"
wait_for "Lọc: tất cả · sắp xếp: mức khẩn"
n=$(screen | grep -n "I.2.1" | head -1 | cut -d: -f1)
for _ in $(seq 4 "$n"); do keys j; done
keys Enter; wait_for "#1 I.2.1 Báo cáo thu ngân sách"
wait_for "Hạn: 31/05/2024 — gia hạn từ 14/05/2024: Chờ số liệu quý"
wait_for "▼ còn nữa (J/])"
wait_for "Ghi chú số 8" # the history newest first
screen | grep -qF "tạo việc" && fail "the whole history fits already: the test shows no scrolling"
keys J J J J; wait_for "tạo việc"; wait_gone "▼ còn nữa"
wait_for "gia hạn 14/05/2024 → 31/05/2024 · Chờ số liệu quý"
keys K K K K; wait_for "#1 I.2.1"
# search covers the agencies, lead and cooperating, with or without diacritics
keys Escape / "so ke hoach" Enter; wait_for 'Tìm "so ke hoach": 1 việc'; wait_for "Tổng hợp vốn ODA"
keys / C-u "Sở Xây dựng" Enter; wait_for 'Tìm "Sở Xây dựng": 1 việc'
# ? lists every binding at 80x24, the new ones and the last one included
keys "?"; wait_for "Phím tắt"
wait_for "2         lọc: việc quá hạn"; wait_for "J/]"; wait_for "q         thoát"
keys Escape; wait_gone "Phím tắt"
keys q; wait_exit

# the smallest screen keeps the status line
start small 30 6 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "Lọc: tất cả"
keys 2; wait_for "Lọc: quá hạn"
keys q; wait_exit
assert_eq "$(exit_status small)" 0 "exit status"
echo "test_tui_detail: all steps passed"
