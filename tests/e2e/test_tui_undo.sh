# Issue 16, "never act on the wrong thing": undo is a stack of this screen's
# changes and says what it undid; a prompt's change stays on its task and is
# refused when another person changed or removed it meanwhile; the agencies
# screen follows a renamed agency, asks before a merge, and undoes all three;
# marks are shown, counted and cleared; dates and reasons are checked in the
# prompt, which stays open with the text.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 --section I.1 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 --section I.2 "Công bố chỉ số cải cách hành chính" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 --section I.3 "Kế hoạch phòng dịch" >/dev/null
hc --db "$DB" add --lead "Sở Công Thương" --due 30/6/2024 --section I.4 "Kế hoạch xúc tiến thương mại" >/dev/null
q() { sqlite3 "$DB" "$1"; }
wait_sql() {
	local end=$((SECONDS + 10))
	while [ "$SECONDS" -le "$end" ]; do
		[ "$(q "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	fail "$1: expected '$2', got '$(q "$1")'"
}

start main 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "4 việc · 4 đang mở · 1 quá hạn"
keys Escape; wait_gone "Tin đầu ngày"

# 1. p on I.1, then add a task, then undo twice: the add goes first, then the p
keys p; wait_for "Đã cập nhật 1 việc: đang thực hiện"
keys a; wait_for "Nội dung việc:"; keys "Việc thêm tay" Enter
wait_for "Cơ quan chủ trì"; keys "Sở Y tế" Enter
wait_for "Hạn (trống"; keys Enter; wait_for "Đã thêm việc 5"
keys u; wait_for "Đã hoàn tác: thêm việc 5"
assert_eq "$(q 'SELECT count(*) FROM task WHERE id=5')" 0 "undo add removes the task"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" in_progress "undo add leaves the older p"
keys g u; wait_for "Đã hoàn tác: đang thực hiện việc I.1"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" new "second undo reverts p"
# a note after a p: undo takes the note, then the p
keys g p; wait_for "Đã cập nhật 1 việc"
keys g n; wait_for "Ghi chú:"; keys "Đã gọi điện" Enter; wait_for "Đã ghi chú"
keys u; wait_for "Đã hoàn tác: ghi chú việc I.1"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE task_id=1 AND what='note'")" 0 "undo note"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" in_progress "undo note leaves the p"
keys u; wait_for "Đã hoàn tác: đang thực hiện việc I.1"
keys u; wait_for "Không có gì để hoàn tác"

# 2. a prompt remembers its task: another person's change refuses it
keys g n; wait_for "Ghi chú:"; keys "Nhắc lần hai"
hc --db "$DB" status 1 in_progress >/dev/null
keys Enter; wait_for "Việc 1 vừa được người khác thay đổi"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what='note'")" 0 "refused note written nowhere"
# ... and its removal too, never applying to the row now under the cursor
keys g e; wait_for "Hạn mới:"
q "DELETE FROM task WHERE id=1"
wait_gone "Báo cáo thu ngân sách"
keys "1/7/2024" Enter; wait_for "Lý do gia hạn:"; keys "Chờ số liệu" Enter
wait_for "Việc 1 không còn nữa"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what='extend'")" 0 "no extension written"

# 5. dates and reasons checked in the prompt, which stays open with the text
keys g D; wait_for "Ngày hoàn thành"; keys "20/5/2024" Enter
wait_for "Ngày hoàn thành 20/05/2024 sau hôm nay (17/05/2024)"
wait_for "Ngày hoàn thành (trống: hôm nay): 20/5/2024_"
keys C-u "16/5" Enter; wait_for "Đã cập nhật 1 việc: hoàn thành"
assert_eq "$(q "SELECT completed_date FROM task WHERE section='I.2'")" 2024-05-16 "short date 16/5"
keys u; wait_for "Đã hoàn tác: hoàn thành việc I.2"
keys g e; wait_for "Hạn mới:"; keys "1/5/24" Enter
wait_for "Hạn mới 01/05/2024 trước hạn hiện tại của việc I.2 (18/05/2024)"
wait_for "Hạn mới: 1/5/24_"
keys C-u "31/5/24" Enter; wait_for "Lý do gia hạn:"; keys "  " Enter
wait_for "Cần ghi lý do gia hạn"; keys C-u "Chờ ý kiến Bộ" Enter; wait_for "Đã gia hạn 1 việc"
assert_eq "$(q "SELECT due_date FROM task WHERE section='I.2'")" 2024-05-31 "extension 31/5/24"
keys u; wait_for "Đã hoàn tác: gia hạn việc I.2"
assert_eq "$(q "SELECT due_date FROM task WHERE section='I.2'")" 2024-05-18 "undo extension"
# the add form keeps the summary and lead when the date is wrong
keys a; wait_for "Nội dung việc:"; keys "Rà soát hồ sơ" Enter
wait_for "Cơ quan chủ trì"; keys "Sở Nội vụ" Enter
wait_for "Hạn (trống"; keys "32/13/2024" Enter; wait_for "Ngày không hợp lệ"
wait_for "Hạn (trống: không thời hạn): 32/13/2024_"
keys C-u "3/6" Enter; wait_for "Đã thêm việc"
assert_eq "$(q "SELECT due_date FROM task WHERE summary='Rà soát hồ sơ'")" 2024-06-03 "add after a wrong date"

# 4. marks: shown, counted, cleared by Esc; a status key says what changed
keys g Space Space; wait_for "2 đã chọn"
screen | grep -q '^\(.*│\)\?\* ' || fail "marked rows show a mark"
keys Escape; wait_for "Đã bỏ chọn 2 việc"; wait_gone "2 đã chọn"
keys g Space Space d; wait_for "Đã cập nhật 2 việc: hoàn thành"
keys u; wait_for "Đã hoàn tác: hoàn thành 2 việc"
keys g d; wait_for "Đã cập nhật 1 việc"
keys 1; wait_for "Lọc: đang mở"
keys Escape; keys G; wait_for "Lọc: tất cả"
keys Space d; wait_for "Không có gì thay đổi: 1 việc đã ở trạng thái hoàn thành"

# 6. the status line; 2 shows overdue only; a search under it is said; Esc clears both
keys 2; wait_for "Lọc: quá hạn"
keys / "ke hoach" Enter; wait_for 'Lọc: quá hạn · tìm "ke hoach": 0 việc'
keys Escape; wait_for "Hiện tất cả việc"; wait_for "Lọc: tất cả · sắp xếp: mức khẩn"
wait_for "Kế hoạch phòng dịch"

# 3. agencies: the cursor follows a renamed agency; merge asks; all three undo
keys A; wait_for "r đổi tên"
n=$(screen | grep -n "^Sở Công Thương" | head -1 | cut -d: -f1)
[ -n "$n" ] || fail "Sở Công Thương listed"
for _ in $(seq 4 "$n"); do keys j; done
keys r; wait_for "Tên mới: Sở Công Thương"
keys C-u "Sở Y tế" Enter; wait_for "đã có cơ quan 'Sở Y tế'" # in the screen's language
keys r; wait_for "Tên mới: Sở Công Thương"
keys C-u "Sở Xây dựng" Enter; wait_for "Đã đổi tên"
keys l; wait_for "Tên gọi khác:"; keys "SXD" Enter; wait_for "Đã thêm tên gọi khác"
assert_eq "$(q "SELECT a.name FROM agency_alias x JOIN agency a ON a.id = x.agency_id WHERE x.alias='SXD'")" "Sở Xây dựng" "alias on the renamed agency"
keys m; wait_for "Sáp nhập vào"; keys "Sở Y tế" Enter
wait_for "Sáp nhập Sở Xây dựng vào Sở Y tế? (c/k)"
keys k; wait_for "Không sáp nhập"
assert_eq "$(q "SELECT count(*) FROM agency WHERE successor_id IS NOT NULL")" 0 "k: no merge"
keys m; wait_for "Sáp nhập vào"; keys "Sở Y tế" Enter; wait_for "(c/k)"
keys c; wait_for "Đã chuyển 1 việc sang Sở Y tế"
keys u; wait_for "Đã hoàn tác: sáp nhập Sở Xây dựng vào Sở Y tế"
assert_eq "$(q "SELECT count(*) FROM agency WHERE successor_id IS NOT NULL")" 0 "merge undone"
assert_eq "$(hc --db "$DB" list --format tsv | awk -F'\t' '$2=="I.4" {print $7}')" "Sở Xây dựng" "task back with its agency"
keys u; wait_for 'Đã hoàn tác: tên gọi khác "SXD" của Sở Xây dựng'
assert_eq "$(q "SELECT count(*) FROM agency_alias WHERE alias='SXD'")" 0 "alias undone"
keys u; wait_for "Đã hoàn tác: đổi tên Sở Công Thương thành Sở Xây dựng"
assert_eq "$(q "SELECT count(*) FROM agency WHERE name='Sở Công Thương'")" 1 "rename undone"
assert_eq "$(q "SELECT count(*) FROM agency_alias WHERE alias='Sở Xây dựng'")" 0 "no alias left from the undone rename"
keys Escape; wait_gone "r đổi tên"
keys q; wait_exit
assert_eq "$(exit_status main)" 0 "exit status"
echo "test_tui_undo: all steps passed"
