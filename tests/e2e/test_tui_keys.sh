# The screen's key paths: status keys, undo, extend with a required reason,
# note, search without diacritics, filter, sort, marks, add form, help,
# agencies screen (merge), hooks not yet available.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 "Công bố chỉ số cải cách hành chính" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 "Kế hoạch phòng dịch" >/dev/null
hc --db "$DB" add --lead "Sở Kế hoạch và Đầu tư" --due 30/6/2024 "Kế hoạch đầu tư công" >/dev/null
q() { sqlite3 "$DB" "$1"; }
# wait_sql SQL VALUE: polls the database until SQL gives VALUE.
wait_sql() {
	local end=$((SECONDS + 10))
	while [ "$SECONDS" -le "$end" ]; do
		[ "$(q "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	fail "$1: expected '$2', got '$(q "$1")'"
}

start main 120 24 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "4 việc · 4 đang mở · 1 quá hạn"
keys Escape            # dismiss the digest
wait_gone "Tin đầu ngày"

# p / w / z / c / o on task 1, then undo
keys p; wait_sql 'SELECT status FROM task WHERE id=1' in_progress
keys w; wait_sql "SELECT status FROM task WHERE id=1" reported; wait_for "quá hạn 3 ngày · "
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" reported "w"
keys u; wait_for "Đã hoàn tác: chờ xác nhận việc 1"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" in_progress "undo w"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE task_id=1 AND what='status'")" 3 "undo writes its own event"
keys z; wait_sql "SELECT status FROM task WHERE id=1" paused
# c asks the reason, as an extension does; a blank one is refused in the prompt
keys c; wait_for "Lý do huỷ việc:"
keys " " Enter; wait_for "Cần ghi lý do huỷ việc"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" paused "blank cancel reason"
keys "Sở đề nghị dừng" Enter
wait_sql "SELECT status FROM task WHERE id=1" cancelled; wait_for "đã huỷ"
assert_eq "$(q "SELECT reason FROM task_event WHERE task_id=1 AND what='status' ORDER BY id DESC LIMIT 1")" "Sở đề nghị dừng" "cancel reason"
keys G; keys o; wait_for "4 việc · 4 đang mở"
assert_eq "$(q 'SELECT status FROM task WHERE id=1')" in_progress "o"

# extend: the reason is required
keys g e; wait_for "Hạn mới:"
keys "30/5/2024" Enter; wait_for "Lý do gia hạn:"
keys Enter; wait_for "Cần ghi lý do gia hạn"
keys "Chờ số liệu quý" Enter; wait_for "Đã gia hạn"
assert_eq "$(q "SELECT due_date FROM task WHERE id=1")" 2024-05-30 "extend"
assert_eq "$(q "SELECT reason FROM task_event WHERE task_id=1 AND what='extend'")" "Chờ số liệu quý" "reason"
keys u; wait_for "Đã hoàn tác: gia hạn việc 1"
assert_eq "$(q "SELECT due_date FROM task WHERE id=1")" 2024-05-14 "undo extend"

# note, detail pane with history
keys g n; wait_for "Ghi chú:"
keys "Đã nhắc qua điện thoại" Enter; wait_for "Đã ghi chú"
keys Enter; wait_for "Lịch sử:"
wait_for "Đã nhắc qua điện thoại"
wait_for "Chủ trì: Sở Tài chính"
keys Escape; wait_gone "Lịch sử:"

# D: done on a typed date
keys g D; wait_for "Ngày hoàn thành"
keys "16/5/2024" Enter; wait_for "Đã cập nhật 1 việc"
assert_eq "$(q 'SELECT completed_date FROM task WHERE id=1')" 2024-05-16 "done on a date"

# search without diacritics, incremental
keys /; wait_for "Tìm:"
keys "ke hoach"; wait_gone "Công bố chỉ số"
screen | grep -qF "Kế hoạch phòng" || fail "search: Kế hoạch phòng dịch"
screen | grep -qF "Kế hoạch đầu tư" || fail "search: Kế hoạch đầu tư công"
keys Enter; wait_for 'Tìm "ke hoach": 2 việc'
keys Escape; wait_for "Công bố chỉ số"
# typed ahead with Enter in one burst: the count is the whole text's
keys / "ke hoach dau" Enter; wait_for 'Tìm "ke hoach dau": 1 việc'
screen | grep -qF "Kế hoạch phòng" && fail "search typed ahead: Kế hoạch phòng dịch still listed"
keys Escape; wait_for "Công bố chỉ số"
# typed ahead and cancelled in one burst: no search left behind
keys / "zzz" Escape; wait_gone "Tìm:"
screen | grep -qF "Kế hoạch phòng" || fail "search cancelled while typed ahead: list not restored"
# a search after a change made here, after its undo and after another
# process's write answers from what the database holds now
keys / "ke hoach" Enter; wait_for 'Tìm "ke hoach": 2 việc'
keys g d; wait_for "Đã cập nhật 1 việc: hoàn thành"
keys f; wait_for "Lọc: đang mở"; wait_gone "Kế hoạch phòng"
screen | grep -qF "Kế hoạch đầu tư" || fail "search after a change: Kế hoạch đầu tư công"
keys u; wait_for "Đã hoàn tác: hoàn thành việc"
keys / Enter; wait_for 'Tìm "ke hoach": 2 việc'
q "UPDATE task SET status = 'cancelled' WHERE summary = 'Kế hoạch đầu tư công'"
keys / Enter; wait_for 'Tìm "ke hoach": 1 việc'
wait_gone "Kế hoạch đầu tư"
q "UPDATE task SET status = 'new' WHERE summary = 'Kế hoạch đầu tư công'"
keys / Enter; wait_for 'Tìm "ke hoach": 2 việc'
for _ in 1 2 3 4 5 6 7 8 9; do keys f; done
wait_for "Lọc: tất cả"
keys Escape; wait_for "Công bố chỉ số"

# filter by class: all -> open -> overdue
keys f; wait_for "Lọc: đang mở"
wait_gone "Báo cáo thu ngân sách"
keys f; wait_for "Lọc: quá hạn"
wait_for "Không có việc nào khớp."
for _ in 1 2 3 4 5 6 7 8; do keys f; done
wait_for "Lọc: tất cả"
keys s; wait_for "Sắp xếp: văn bản, mục"
keys s s; wait_for "Sắp xếp: mức khẩn"

# marks: two tasks done at once, one undo for both
keys g Space Space; wait_for "2 việc được chọn"
keys d; wait_for "Đã cập nhật 2 việc"
assert_eq "$(q "SELECT count(*) FROM task WHERE status='done'")" 3 "marked done"
keys u; wait_for "Đã hoàn tác: hoàn thành 2 việc"
assert_eq "$(q "SELECT count(*) FROM task WHERE status='done'")" 1 "marked undo"

# add form with agency completion
keys a; wait_for "Nội dung việc:"
keys "Rà soát quy hoạch" Enter; wait_for "Cơ quan chủ trì"
keys "y te" Tab; wait_for "Sở Y tế"
keys Enter; wait_for "Hạn (trống"
keys "1/6/2024" Enter; wait_for "Đã thêm việc 5"
assert_eq "$(hc --db "$DB" list --format tsv | awk -F'\t' '$1==5 {print $7}')" "Sở Y tế" "added lead"

# import, export and report open their prompts and screen (tested in
# test_tui_screens.sh); Esc leaves each. Then help.
keys i; wait_for "Tệp thông báo:"; keys Escape; wait_gone "Tệp thông báo:"
keys x; wait_for "Xuất lịch (.ics) ra tệp:"; keys Escape; wait_gone "Xuất lịch"
keys R; wait_for "Báo cáo tình hình thực hiện"; keys Escape; wait_gone "Báo cáo tình hình"
keys "?"; wait_for "Phím tắt"
screen | grep -qF "hoàn tác" || fail "help lists undo"
keys Escape; wait_gone "Phím tắt"

# Tab to the agency pane, pick an agency
keys Tab j Enter; wait_for "5 việc"
# agencies screen: merge KH&ĐT into Tài chính
keys A; wait_for "r đổi tên"
for _ in 1 2 3 4 5 6; do
	screen | grep -F "Sở Kế hoạch và Đầu tư" | grep -q "" && break
done
keys G
i=0; while ! screen | grep -F "Sở Kế hoạch và Đầu tư" | grep -q "mở" && [ $i -lt 5 ]; do i=$((i+1)); done
# select the KH&ĐT line by moving from the top until it is reversed is hard to see: use its rank
keys g
n=$(screen | grep -n "Sở Kế hoạch và Đầu tư" | head -1 | cut -d: -f1)
for _ in $(seq 4 "$n"); do keys j; done
keys m; wait_for "Sáp nhập vào"
keys "tai chinh" Tab; wait_for "Sáp nhập vào (Tab: gợi ý): Sở Tài chính"
keys Enter; wait_for "Sáp nhập Sở Kế hoạch và Đầu tư vào Sở Tài chính? (c/k)"
keys c; wait_for "Đã chuyển 1 việc sang Sở Tài chính"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what='assign' AND old_value='Sở Kế hoạch và Đầu tư'")" 1 "assign event"
keys Escape; wait_gone "r đổi tên"
keys q; wait_exit
assert_eq "$(exit_status main)" 0 "exit status"
echo "test_tui_keys: all steps passed"
