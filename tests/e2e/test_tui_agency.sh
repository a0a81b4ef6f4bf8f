# Issue 16 item 8, agency-first: the pane is sorted by overdue count (then
# open), has a legend for its figures, filters the list as the cursor moves,
# shows the short name where the full one would be cut; below 110 columns
# Tab opens an agency picker.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Y tế" --due 20/6/2024 "Kế hoạch phòng dịch" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 21/6/2024 "Kiểm tra an toàn thực phẩm" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/6/2024 "Tiêm chủng mở rộng" >/dev/null
hc --db "$DB" add --lead "Sở Thông tin và Truyền thông" --due 10/5/2024 "Chuyển đổi số" >/dev/null

start wide 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "4 việc"; keys Escape; wait_gone "Tin đầu ngày"
wait_for "quá hạn/mở"
# most overdue first: Sở TT&TT (1 late of 1) above Sở Y tế (0 of 3), by its short name
first=$(screen | sed -n 4p)
case $first in "Sở TT&TT"*1/1*) ;; *) fail "first agency row: '$first'";; esac
keys Tab j; wait_for "Lọc: tất cả · Sở Thông tin và Truyền thông"
wait_gone "Kế hoạch phòng dịch"
keys j; wait_for "Lọc: tất cả · Sở Y tế"; wait_for "Kế hoạch phòng dịch"; wait_gone "Chuyển đổi số"
keys Enter g; wait_for "Lọc: tất cả · Sở Y tế"
keys Escape; wait_for "Hiện tất cả việc"; wait_for "Chuyển đổi số"
keys q; wait_exit

# below 110 columns the pane is hidden: Tab picks an agency
start narrow 80 24 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "4 việc"; keys Escape; wait_gone "Tin đầu ngày"
keys Tab; wait_for "Chọn cơ quan"
keys j j; wait_for "Sở Y tế"
keys Enter; wait_gone "Chọn cơ quan"; wait_for "Lọc: tất cả · Sở Y tế"
screen | grep -qF "Chuyển đổi số" && fail "picked agency filters the list"
keys q; wait_exit
assert_eq "$(exit_status narrow)" 0 "exit status"
echo "test_tui_agency: all steps passed"
