# A search scrolled past its first window, a change and its undo while the
# search is shown: the rows on screen are always a run of SQL's urgency order
# of the matching tasks (what the search corpus answers must equal it), and
# the count after the change follows the change.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
for i in $(seq 1 30); do
	hc --db "$DB" add --lead "Sở số $((i % 3))" --due "$((10 + i % 7))/5/2024" "Rà soát quy hoạch số $i" >/dev/null
	[ $((i % 3)) -eq 0 ] && hc --db "$DB" add --lead "Sở số 1" "Báo cáo số $i" >/dev/null
done
hc --db "$DB" add --lead "Sở số 1" "Rà soát quy hoạch không hạn" >/dev/null

# The matching tasks in urgency order, by SQL.
order() {
	sqlite3 "$DB" "SELECT summary FROM task WHERE summary LIKE '%quy hoạch%'
		ORDER BY status IN ('done','cancelled'), due_date IS NULL, due_date, id"
}
# rows_ok [MIN]: the list rows on screen (at least MIN of them) are a run of
# SQL's order; prints the first row.
rows_ok() {
	screen | grep -oE 'Rà soát quy hoạch (số [0-9]+|không hạn)' > "$TMPD/shown"
	order > "$TMPD/order"
	python3 - "$TMPD/shown" "$TMPD/order" "${1:-1}" <<'PY'
import sys
shown = open(sys.argv[1]).read().split("\n")[:-1]
order = open(sys.argv[2]).read().split("\n")[:-1]
if len(shown) < int(sys.argv[3]) or shown[0] not in order:
    sys.exit(1)
i = order.index(shown[0])
sys.exit(0 if order[i:i + len(shown)] == shown else 1)
PY
}
# wait_rows FIRST_NOT MIN: polls until the rows shown are a run of SQL's
# order of at least MIN rows, the first of them not FIRST_NOT.
wait_rows() {
	local end=$((SECONDS + 10))
	while [ "$SECONDS" -le "$end" ]; do
		if rows_ok "$2" && [ "$(head -1 "$TMPD/shown")" != "$1" ]; then return 0; fi
		sleep 0.05
	done
	fail "the rows shown are not a run of SQL's order (or did not move from '$1')"
}

start s 100 14 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "41 việc"
keys Escape /
wait_for "Tìm:"
keys "quy hoach" Enter
wait_for 'Tìm "quy hoach"'
wait_rows "" 5
first=$(head -1 "$TMPD/shown")
assert_eq "$first" "$(order | head -1)" "the first window starts with the first match"
# page down: the second window, from the corpus
keys NPage
wait_rows "$first" 5
second=$(head -1 "$TMPD/shown")
# mark the selected task done: it leaves the open part, the rows follow SQL
keys d
wait_for "Đã cập nhật 1 việc"
wait_rows "" 5
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE status = 'done'")" 1 "one task done"
# the header's open count follows the change
wait_for "40 đang mở"
keys u
wait_for "Đã hoàn tác: hoàn thành việc"
wait_for "41 đang mở"
wait_rows "" 5
assert_eq "$(head -1 "$TMPD/shown")" "$second" "after the undo the second window is shown again"
# the last window: page down again
keys NPage
wait_rows "$second" 1
keys q; wait_exit
assert_eq "$(exit_status s)" 0 "exit status"
echo ok
