# The first working screen: countdowns with diacritics, 'd' marks done, the
# change is saved with its event, and the terminal is restored on quit.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 "Công bố chỉ số cải cách hành chính" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 --cooperating "UBND các huyện, thành phố" "Kế hoạch phòng dịch" >/dev/null

start main 120 20 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "quá hạn 3 ngày"
wait_for "ngày mai"
wait_for "còn 5 ngày"
wait_for "Thứ Sáu, 17/05/2024"
wait_for "3 việc · 3 đang mở · 1 quá hạn"
screen | grep -F "Báo cáo thu ngân sách" | grep -qF "Sở Tài chính" || fail "lead agency missing from the row"

keys d   # the overdue task is selected first
wait_for "hoàn thành quá hạn"
wait_for "3 việc · 2 đang mở · 0 quá hạn"
keys q
wait_exit
assert_eq "$(exit_status)" 0 "exit status"

status=$(hc --db "$DB" --today 2024-05-17 list --format tsv | awk -F'\t' '$1 == 1 { print $3 "/" $4 }')
assert_eq "$status" "done/done_late" "task 1 after d"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task_event WHERE task_id=1 AND what='status' AND new_value='done' AND on_date='2024-05-17'")" 1 "done event"
assert_eq "$(sqlite3 "$DB" "SELECT status FROM task WHERE id=2")" new "other tasks untouched"
