# The import review shows what the reading is unsure of, and a text that
# assigns nothing still opens, its paragraphs offered to keep as tasks.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/r.db
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
q() { sqlite3 "$DB" "$1"; }
export HOME=$TMPD

# 1. Units the reading is unsure of are marked and say why (a lead from the
#    heading, the list's deadline); the selected unit's own words are shown.
start main 120 30 "$HANCHOT" --db "$DB" --today 2026-05-21
wait_for "i để nhập một thông báo"
keys i; wait_for "Tệp thông báo:"
keys "$FIX/thong-bao-ket-luan-chuyen-de-2026-05.md" Enter
wait_for "giữ 7/7 việc"
wait_for "việc cần xem (?)"
wait_for "Cần xem: cơ quan lấy từ đề mục"
wait_for "Nguyên văn: Chủ trì, phối hợp với UBND các xã, phường hoàn thành hồ sơ"
screen | grep -qE '^giữ \? +1\.a ' || fail "1.a is not marked '?'"
keys G; wait_for "Nguyên văn: Chủ tịch UBND các xã, phường có dự án"
wait_for "Cần xem: thời hạn chung của danh sách"
screen | grep -qF "cơ quan lấy từ đề mục" && fail "5 names its own lead, yet is said to take its heading's"
keys Escape c; wait_for "Đã bỏ nhập, không lưu gì"

# 2. Nothing assigned: the paragraphs are offered, dropped; one kept needs a
#    lead before it can be saved.
printf 'Ủy ban nhân dân tỉnh đề ra nhiệm vụ rà soát hồ sơ đất đai của các dự án chậm tiến độ.\n\nĐoạn thứ hai nói về tình hình chung của năm nay trên địa bàn.\n' > "$TMPD/none.md"
keys i; wait_for "Tệp thông báo:"
keys "$TMPD/none.md" Enter
wait_for "Không tìm thấy việc được giao"
screen | grep -qE '^bỏ \? +\(1\)' || fail "the first paragraph is not offered dropped and marked"
keys ' '; wait_for "giữ ?"
keys S; wait_for "chưa có cơ quan chủ trì" # in the screen's language
assert_eq "$(q 'SELECT count(*) FROM task')" 0 "saved without a lead"
keys L C-u "Sở Nội vụ" Enter; wait_for "Sở Nội vụ"
keys H C-u "30/6/2026" Enter; wait_for "30/06/2026"
keys S; wait_for "Đã lưu 1 việc"
assert_eq "$(q "SELECT a.name || '|' || t.due_date FROM task t JOIN task_agency ta ON ta.task_id = t.id JOIN agency a ON a.id = ta.agency_id")" "Sở Nội vụ|2026-06-30" "kept candidate"
keys q; wait_exit
