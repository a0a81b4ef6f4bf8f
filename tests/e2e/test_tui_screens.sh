# The screen's import review (keep, drop, correct a deadline, save; abandon),
# the example notice on the empty screen, the report screen and its file, and
# the export key with the list's filter.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/s.db
NOTICE=$(cd "$(dirname "$0")/../fixtures" && pwd)/thong-bao-ket-luan-lai-chau-2024-04.md
q() { sqlite3 "$DB" "$1"; }
export HOME=$TMPD

# 1. Review: drop I.2.2 (1), move I.2.2 (2)'s deadline to 20/6/2024, keep the rest, save.
start main 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "i để nhập một thông báo"
keys i; wait_for "Tệp thông báo:"
keys "$NOTICE" Enter
wait_for "giữ 19/19 việc"
keys j ' '; wait_for "giữ 18/19 việc"
keys j H C-u "20/6/2024" Enter; wait_for "20/06/2024"
keys S; wait_for "Đã lưu 18 việc (văn bản 1)"
assert_eq "$(q 'SELECT count(*) FROM task')" 18 "saved tasks"
assert_eq "$(q "SELECT count(*) FROM task WHERE section = 'I.2.2 (1)'")" 0 "dropped unit saved"
assert_eq "$(q "SELECT due_date FROM task WHERE section = 'I.2.2 (2)'")" 2024-06-20 "corrected deadline"
assert_eq "$(q "SELECT due_date || ' ' || due_precision FROM task WHERE section = 'I.2.2 (5)'")" "2024-09-30 quarter" "kept reading"

# 2. A second import abandoned with Esc saves nothing.
before=$(q 'SELECT count(*) FROM task; SELECT count(*) FROM document; SELECT count(*) FROM task_event')
keys i; wait_for "Tệp thông báo:"
keys "$(cd "$(dirname "$NOTICE")" && pwd)/chi-thi-phong-chong-thien-tai-2024-05.md" Enter
wait_for "Xem lại trước khi lưu"
# the footer says what space and Enter do; Enter shows a unit's full text
wait_for "space giữ/bỏ việc  enter xem nguyên văn"
keys Enter; wait_for "phó thiên tai theo cấp độ rủi ro"; keys j; wait_gone "phó thiên tai theo cấp độ rủi ro"
# Esc, h, Left and q ask before a reviewed import is lost
keys ' ' Escape; wait_for "Bỏ bản đọc này, không lưu gì? (c/k)"
keys k; wait_for "Tiếp tục xem lại"
keys h; wait_for "Bỏ bản đọc này, không lưu gì? (c/k)"; keys n; wait_for "Tiếp tục xem lại"
keys Left; wait_for "Bỏ bản đọc này"; keys c; wait_for "Đã bỏ nhập, không lưu gì"
assert_eq "$(q 'SELECT count(*) FROM task; SELECT count(*) FROM document; SELECT count(*) FROM task_event')" "$before" "abandoned import"
# The same notice again: said at once, not after S.
keys i; wait_for "Tệp thông báo:"; keys "$NOTICE" Enter
wait_for "Thông báo này đã được nhập (văn bản 1)"
keys Escape c; wait_for "Đã bỏ nhập"
# A file that is not a notice: one line in the footer, nothing saved.
printf '\x00\x01binary' > "$TMPD/bin.md"
keys i; wait_for "Tệp thông báo:"; keys "$TMPD/bin.md" Enter
wait_for "$TMPD/bin.md: dữ liệu nhị phân" # in the screen's language
assert_eq "$(q 'SELECT count(*) FROM task; SELECT count(*) FROM document; SELECT count(*) FROM task_event')" "$before" "bad file"

# 3. The report screen shows the command's figures; S writes a CSV.
keys R; wait_for "Báo cáo tình hình thực hiện đến ngày 17/05/2024"
want=$(hc --db "$DB" --today 2024-05-17 report | grep -F "còn " | head -1)
sentence=$(echo "$want" | grep -oE 'còn [0-9]+/[0-9]+ việc đang triển khai quá hạn')
[ -n "$sentence" ] || fail "no summary sentence from hanchot report: $want"
wait_for "$sentence"
total_cli=$(hc --db "$DB" --today 2024-05-17 report --format csv | tr -d '\r' | grep '^"\?Tổng cộng' | head -1)
keys S; wait_for "Ghi báo cáo ra tệp"
keys C-u "$TMPD/r.csv" Enter; wait_for "Đã ghi báo cáo ra $TMPD/r.csv"
/usr/bin/python3 - "$TMPD/r.csv" "$total_cli" <<'PY' || fail "report CSV from the screen"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
total = [r for r in rows if r and r[0] == "Tổng cộng"]
assert total, rows
want = next(csv.reader([sys.argv[2].lstrip("\ufeff")]))
assert total[0] == want, (total[0], want)
PY
keys Escape; wait_for "Chủ trì"

# 4. Export with the list's filter: open tasks only.
keys f; wait_for "Lọc: đang mở"
keys x; wait_for "Xuất các việc đang hiện (lọc/tìm) ra tệp .ics: $TMPD/hanchot-loc.ics"
keys C-u "$TMPD/open.ics" Enter; wait_for "Đã xuất"
want=$(q "SELECT count(*) FROM task WHERE status NOT IN ('done','cancelled') AND due_date IS NOT NULL")
/usr/bin/python3 - "$TMPD/open.ics" "$want" <<'PY' || fail "exported calendar"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [c for c in cal.walk("VEVENT")]
assert len(events) == int(sys.argv[2]), (len(events), sys.argv[2])
PY
# A search: exactly the tasks shown, the undated ones said; the live
# export_file is never written over with a part of the calendar.
hc --db "$DB" add --lead "Sở Y tế" "Kế hoạch không thời hạn" >/dev/null
keys / C-u "ke hoach" Enter; wait_for 'tìm "ke hoach":'
want=$(q "SELECT count(*) FROM task WHERE status NOT IN ('done','cancelled') AND due_date IS NOT NULL AND search_key LIKE '%ke hoach%'")
undated=$(q "SELECT count(*) FROM task WHERE status NOT IN ('done','cancelled') AND due_date IS NULL AND search_key LIKE '%ke hoach%'")
[ "$want" -gt 0 ] && [ "$undated" -gt 0 ] || fail "the search shows no dated and undated tasks: $want $undated"
keys x; wait_for "Xuất các việc đang hiện (lọc/tìm)"
keys C-u "$TMPD/search.ics" Enter; wait_for "Đã xuất $want việc ra $TMPD/search.ics; $undated việc không có hạn không xuất được"
[ "$(grep -c '^BEGIN:VEVENT' "$TMPD/search.ics")" = "$want" ] || fail "search export: $(grep -c '^BEGIN:VEVENT' "$TMPD/search.ics") events, want $want"
keys Escape; wait_for "Hiện tất cả việc"
keys q; wait_exit
assert_eq "$(exit_status)" 0 "exit status"

# 5. The empty screen offers the bundled example: one key, then save.
start empty 120 30 "$HANCHOT" --db "$TMPD/e.db" --today 2024-05-17
wait_for "E để nhập thông báo mẫu"
keys E; wait_for "giữ 19/19 việc"
keys S; wait_for "Đã lưu 19 việc"
assert_eq "$(sqlite3 "$TMPD/e.db" 'SELECT count(*) FROM task')" 19 "example imported"
keys q; wait_exit

# 6. Screens stack: help over the agencies screen returns to the agencies
# screen, not to the list; Esc there returns to the list; a report screen
# opened again is built again.
start stack 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "Chủ trì"
keys A; wait_for "Cơ quan: r đổi tên"
keys '?'; wait_for "Phím tắt (nhấn phím bất kỳ để đóng)"
keys j; wait_for "Cơ quan: r đổi tên"
screen | grep -qF "Chủ trì" && fail "help returned to the list, not to the agencies screen"
keys Escape; wait_for "Chủ trì"; wait_gone "Cơ quan: r đổi tên"
keys R; wait_for "Báo cáo tình hình thực hiện đến ngày 17/05/2024"
keys Escape; wait_for "Chủ trì"
keys R; wait_for "Báo cáo tình hình thực hiện đến ngày 17/05/2024"
keys q; wait_exit
assert_eq "$(exit_status)" 0 "exit status from the report screen"
