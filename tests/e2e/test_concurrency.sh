# Concurrency: CLI writers and two screens change tasks of one database at
# once. No lost update, no "database is locked" for ordinary waits, and both
# screens converge on what the database holds.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/shared.db
for i in $(seq 1 12); do
	hc --db "$DB" add --lead "Sở $((i % 3))" --due "$((i + 1))/5/2024" "việc chung $i" >/dev/null
done
start a 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "12 việc"
A=$CUR
start b 120 30 "$HANCHOT" --db "$DB" --today 2024-05-17
wait_for "12 việc"
B=$CUR

# Four CLI writers: each adds its own tasks and flips the shared ones.
writer() {
	local k=$1 i out
	for i in $(seq 1 15); do
		out=$("$HANCHOT" --db "$DB" add --lead "Sở $k" --due 20/5/2024 "writer $k task $i" 2>&1) ||
			{ echo "add: $out"; return 1; }
		echo "$out" >> "$TMPD/ids.$k"
		"$HANCHOT" --db "$DB" done $(((i + k) % 12 + 1)) 2>&1 >/dev/null | sed 's/^/done: /'
		"$HANCHOT" --db "$DB" reopen $(((i * k) % 12 + 1)) 2>&1 >/dev/null | sed 's/^/reopen: /'
	done
}
pids=()
for k in 1 2 3 4; do writer "$k" > "$TMPD/err.$k" 2>&1 & pids+=($!); done
# Meanwhile both screens press keys: moves and status changes.
for i in $(seq 1 20); do
	CUR=$A; keys j; keys d
	CUR=$B; keys k; keys o
done
for p in "${pids[@]}"; do wait "$p" || fail "a writer failed: $(cat "$TMPD"/err.*)"; done
if grep -h . "$TMPD"/err.* | grep -m3 .; then fail "writers reported errors (locked?)"; fi

q() { sqlite3 -batch "$DB" "$1"; }
assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check"
assert_eq "$(q 'SELECT count(*) FROM task')" 72 "tasks (12 + 4 x 15: no add lost)"
assert_eq "$(cat "$TMPD"/ids.* | sort -n | uniq | wc -l)" 60 "distinct ids printed"
# No lost update: every change left its event and bumped the version once.
assert_eq "$(q "SELECT count(*) FROM task t WHERE version <> 1 + (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.what <> 'created')")" 0 "versions out of step with events"
assert_eq "$(q "SELECT count(*) FROM task t WHERE status <> coalesce((SELECT new_value FROM task_event e WHERE e.task_id = t.id AND e.what = 'status' ORDER BY e.id DESC LIMIT 1), 'new')")" 0 "status differs from its last event"
# A screen message about a lock would be a failure too.
for s in "$A" "$B"; do screen "$s" | grep -qi "locked" && fail "'database is locked' shown on screen $s"; done

# Both screens converge to the database's totals (they poll data_version).
open=$(q "SELECT count(*) FROM task WHERE status NOT IN ('done','cancelled')")
CUR=$A; wait_for "72 việc · $open đang mở"
CUR=$B; wait_for "72 việc · $open đang mở"
# And a last write from outside shows up in both.
hc --db "$DB" done 72 >/dev/null
open=$((open - 1))
CUR=$A; wait_for "72 việc · $open đang mở"
CUR=$B; wait_for "72 việc · $open đang mở"
CUR=$A; keys q; CUR=$B; keys q
