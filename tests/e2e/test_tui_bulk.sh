# A change to several marked tasks is one transaction: all or none. A task
# refused on the way (changed by someone else meanwhile) leaves none changed
# and the message names it and why; a kill in the middle leaves none changed.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/t.db
export HANCHOT_TODAY=2024-05-17
q() { sqlite3 "$DB" "$1"; }
for i in 1 2 3; do
	hc --db "$DB" add --lead "Sở Y tế" --due "2$i/5/2024" "Việc số $i" >/dev/null
done

start main 120 20 "$HANCHOT" --db "$DB"
wait_for "3 việc · 3 đang mở"
keys Escape; wait_gone "Tin đầu ngày"
# mark the three (space marks and moves down), then another process changes
# the third before the status key
keys g Space Space Space; wait_for "3 việc được chọn"
hc --db "$DB" status 3 in_progress
keys d; wait_for "Không việc nào được thay đổi: việc 3 bị từ chối (vừa được người khác thay đổi)"
assert_eq "$(q "SELECT group_concat(status) FROM (SELECT status FROM task ORDER BY id)")" "new,new,in_progress" "statuses after a refused bulk change"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what = 'status'")" 1 "status events after a refused bulk change"
# all of them when none is refused, and undone together
keys g Space Space Space; wait_for "3 việc được chọn"
keys d; wait_for "Đã cập nhật 3 việc"
assert_eq "$(q "SELECT group_concat(status) FROM task")" "done,done,done" "statuses after a bulk change"
keys u; wait_for "Đã hoàn tác: hoàn thành 3 việc"
assert_eq "$(q "SELECT group_concat(status) FROM (SELECT status FROM task ORDER BY id)")" "new,new,in_progress" "statuses after undo"
keys q; wait_exit

# Killed in the middle: a trigger makes the third task's update slow; once
# the program is busy inside it (the first two are updated, not committed)
# it is killed: none of the three is done.
q "CREATE TRIGGER slow AFTER UPDATE OF status ON task WHEN NEW.id = 3 BEGIN
     SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c
       WHERE x < 300000000) SELECT x FROM c); END"
start kill 120 20 "$HANCHOT" --db "$DB"
wait_for "3 việc · 3 đang mở"
keys Escape; wait_gone "Tin đầu ngày"
pid=$(pgrep -P "$(tmux -L "$SOCK" display-message -p -t kill '#{pane_pid}')" -x hanchot)
cpu() { awk '{ print $14 }' "/proc/$pid/stat"; }
idle=$(cpu)
keys g Space Space Space; wait_for "3 việc được chọn"
keys d
end=$((SECONDS + 20))
until [ "$(($(cpu) - idle))" -ge 30 ]; do
	[ "$SECONDS" -le "$end" ] || fail "the program never got busy in the slow update"
	sleep 0.05
done
kill -KILL "$pid"
wait_exit
assert_eq "$(q "SELECT group_concat(status) FROM (SELECT status FROM task ORDER BY id)")" "new,new,in_progress" "statuses after a kill in the middle"
assert_eq "$(q "PRAGMA integrity_check")" ok "integrity after the kill"
