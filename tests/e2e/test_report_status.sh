# status, cancel and extend: each change is one audit-trail event dated the
# day it takes effect, and bad input changes nothing.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/s.db
h() { "$HANCHOT" --db "$DB" --today "$@"; }
h 2024-05-01 add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
h 2024-05-01 add --lead "Sở Y tế" --due 20/5/2024 "Kế hoạch phòng dịch" >/dev/null
q() { sqlite3 "$DB" "$1"; }

h 2024-05-03 status 1 in_progress
assert_eq "$(q "SELECT status FROM task WHERE id=1")" in_progress "status set"
h 2024-05-06 status 1 reported --date 2024-05-05
assert_eq "$(q "SELECT on_date FROM task_event WHERE task_id=1 AND new_value='reported'")" 2024-05-05 "--date for a status"
h 2024-05-16 status 1 done --date 2024-05-15
assert_eq "$(q "SELECT status||' '||completed_date FROM task WHERE id=1")" "done 2024-05-15" "done with a date"
assert_eq "$(q "SELECT on_date FROM task_event WHERE task_id=1 AND new_value='done'")" 2024-05-15 "done event day"
h 2024-05-10 extend 2 --to 2024-06-15 --reason "chờ hướng dẫn"
assert_eq "$(q "SELECT due_date FROM task WHERE id=2")" 2024-06-15 "extended"
assert_eq "$(q "SELECT old_value||'>'||new_value||' '||reason||' '||on_date FROM task_event WHERE task_id=2 AND what='extend'")" \
	"2024-05-20>2024-06-15 chờ hướng dẫn 2024-05-10" "extend event"
h 2024-05-12 cancel 2
assert_eq "$(q "SELECT status FROM task WHERE id=2")" cancelled "cancelled"
# The report sees each change on its day.
h 2024-06-01 report --as-of 2024-05-09 --format csv | grep -q '^Sở Y tế,1,1,' || fail "task 2 not due on 09/05"
h 2024-06-01 report --as-of 2024-05-11 --format csv | grep -q '^Sở Y tế,1,1,' || fail "task 2 extended on 11/05"
h 2024-06-01 report --as-of 2024-05-12 --format csv | grep -q '^Sở Y tế,1,0,0,0,0,0,0,0,1,' || fail "task 2 cancelled on 12/05"
h 2024-06-01 report --as-of 2024-05-15 --format csv | grep -q '^Sở Tài chính,1,0,0,0,0,0,0,1,0,' || fail "task 1 done late on 15/05"
h 2024-06-01 report --as-of 2024-05-14 --format csv | grep -q '^Sở Tài chính,1,0,0,1,0,' || fail "task 1 due today on 14/05"

before=$(q "SELECT group_concat(id||status||version||due_date) FROM task; SELECT count(*) FROM task_event")
check() { # status text args...
	local want=$1 text=$2; shift 2
	set +e; err=$("$HANCHOT" --db "$DB" "$@" 2>&1 >/dev/null); rc=$?; set -e
	assert_eq "$rc" "$want" "exit status of: $*"
	echo "$err" | head -1 | grep -qF -- "$text" || fail "message for '$*' lacks '$text': $err"
	[ "$(echo "$err" | grep -c '^hanchot')" -eq 1 ] || fail "expected one error line for '$*': $err"
}
check 2 "trạng thái 'finished' không phải một trong" status 1 finished
check 2 "status 'finished' is not one of" --lang en status 1 finished
check 2 "cần số việc và trạng thái" status 1
check 2 "expected a task ID and a status" --lang en status 1
check 1 "không có việc 9" status 9 done
check 2 "số việc 'x' không phải số dương" cancel x
check 1 "không có việc 7" cancel 7
check 2 "thiếu --reason LÝ_DO: gia hạn cần ghi lý do" extend 1 --to 2024-07-01
check 2 "missing --reason" --lang en extend 1 --to 2024-07-01
check 2 "thiếu --to NGÀY" extend 1 --reason "vì"
check 2 "--to: Ngày không hợp lệ: 2024-02-30" extend 1 --to 2024-02-30 --reason "vì"
check 1 "không có việc 8" extend 8 --to 2024-07-01 --reason "vì"
assert_eq "$(q "SELECT group_concat(id||status||version||due_date) FROM task; SELECT count(*) FROM task_event")" "$before" "database after bad input"
