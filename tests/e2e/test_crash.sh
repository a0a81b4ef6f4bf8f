# Crash safety: hundreds of writers killed with SIGKILL at random moments
# (adds, status changes, four at a time on one database), then the file must
# pass PRAGMA integrity_check, hold every change the program reported as saved,
# and no half-written task. Then SIGHUP and SIGTERM to the screen mid-change.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/crash.db
WRITERS=4 ROUNDS=${CRASH_ROUNDS:-250}
hc --db "$DB" add --lead "Văn phòng UBND tỉnh" "khởi tạo" >/dev/null

# writer K: a loop of add / done / reopen on its own tasks, each process
# killed after a random 0-15 ms (or let run). Logs what was reported saved:
#   add ID SUMMARY | status ID VALUE | lost ID (outcome unknown: killed)
writer() {
	local k=$1 log=$TMPD/log.$1 ids=() i op id rc out
	: > "$log"
	for ((i = 0; i < ROUNDS; i++)); do
		op=$((RANDOM % 4))
		if [ ${#ids[@]} -eq 0 ]; then op=0; fi
		id=${ids[$((RANDOM % (${#ids[@]} > 0 ? ${#ids[@]} : 1)))]:-0}
		case $op in
		0) "$HANCHOT" --db "$DB" add --lead "Sở số $k" --cooperating "Sở Y tế" --due 14/5/2024 \
			--section "w$k.$i" "việc $k/$i" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		1) "$HANCHOT" --db "$DB" done "$id" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		2) "$HANCHOT" --db "$DB" reopen "$id" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		3) "$HANCHOT" --db "$DB" extend "$id" --to "$((i % 28 + 1))/6/2024" --reason "lần $i" \
			>"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		esac
		local pid=$!
		# 3 in 4 are killed after 0-15 ms: inside the write on this machine.
		if ((RANDOM % 4)); then sleep "0.0$(printf %02d $((RANDOM % 16)))"; kill -KILL "$pid" 2>/dev/null || true; fi
		rc=0; wait "$pid" || rc=$?
		out=$(cat "$TMPD/out.$k")
		if [ "$rc" -eq 0 ]; then
			case $op in
			0) [ -n "$out" ] || { echo "BAD add reported success without an id" >>"$log"; continue; }
			   echo "add $out việc $k/$i" >>"$log"; ids+=("$out") ;;
			1) echo "status $id done" >>"$log" ;;
			2) echo "status $id in_progress" >>"$log" ;;
			3) echo "due $id 2024-06-$(printf %02d $((i % 28 + 1)))" >>"$log" ;;
			esac
		elif [ "$rc" -eq 137 ]; then
			[ "$op" -eq 0 ] || echo "lost $id" >>"$log"
		else
			echo "BAD exit $rc: $(cat "$TMPD/err.$k")" >>"$log"
		fi
	done
}
pids=()
for k in $(seq 1 $WRITERS); do writer "$k" 2>/dev/null & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done

cat "$TMPD"/log.* > "$TMPD/all.log"
! grep -m3 '^BAD' "$TMPD/all.log" || fail "a writer failed without being killed"
kills=$((WRITERS * ROUNDS - $(grep -c . "$TMPD/all.log" || true) + $(grep -c '^lost' "$TMPD/all.log" || true)))
echo "crash: $((WRITERS * ROUNDS)) writers, $(grep -c '^add\|^status' "$TMPD/all.log") reported saved, about $kills killed"

q() { sqlite3 -batch "$DB" "$1"; }
assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check"
assert_eq "$(q 'PRAGMA foreign_key_check' | wc -l)" 0 "foreign_key_check"
# No half-written task: each has its created event and a lead; no orphans.
assert_eq "$(q "SELECT count(*) FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = t.id AND e.what = 'created')")" 0 "tasks without a created event"
assert_eq "$(q "SELECT count(*) FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_agency a WHERE a.task_id = t.id AND a.role = 'lead')")" 0 "tasks without a lead"
assert_eq "$(q "SELECT count(*) FROM task_event e WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.id = e.task_id)")" 0 "events without a task"
# The row version counts the changes: 1 + its status events.
assert_eq "$(q "SELECT count(*) FROM task t WHERE version <> 1 + (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.what <> 'created')")" 0 "row versions out of step with events"
# Status and completion date agree with the last status event.
assert_eq "$(q "SELECT count(*) FROM task t WHERE status <> coalesce((SELECT new_value FROM task_event e WHERE e.task_id = t.id AND e.what = 'status' ORDER BY e.id DESC LIMIT 1), 'new')")" 0 "status differs from its last event"
assert_eq "$(q "SELECT count(*) FROM task WHERE (status = 'done') <> (completed_date IS NOT NULL)")" 0 "completion date without done"

# Every reported add is there with its text; the last reported status of a
# task holds unless a later change to it was killed (its outcome is unknown).
q "SELECT id || ' ' || summary FROM task" | sort > "$TMPD/have"
grep '^add' "$TMPD/all.log" | cut -d' ' -f2- | sort > "$TMPD/want"
missing=$(comm -13 "$TMPD/have" "$TMPD/want")
[ -z "$missing" ] || fail "reported adds missing: $missing"
for k in $(seq 1 $WRITERS); do
	awk '$1 == "status" { last[$2] = $3 } $1 == "lost" { delete last[$2] }
	     END { for (id in last) print id, last[id] }' "$TMPD/log.$k"
done | sort > "$TMPD/want_status"
q "SELECT id || ' ' || status FROM task" | sort > "$TMPD/have_status"
wrong=$(comm -13 "$TMPD/have_status" "$TMPD/want_status")
[ -z "$wrong" ] || fail "reported status changes lost: $wrong"
[ "$(wc -l < "$TMPD/want")" -ge $((WRITERS * ROUNDS / 20)) ] || fail "too few writes survived to prove anything"
# Deadline extensions: the last reported new date holds unless a later change was killed.
for k in $(seq 1 $WRITERS); do
	awk '$1 == "due" { last[$2] = $3 } $1 == "lost" { delete last[$2] }
	     END { for (id in last) print id, last[id] }' "$TMPD/log.$k"
done | sort > "$TMPD/want_due"
q "SELECT id || ' ' || due_date FROM task" | sort > "$TMPD/have_due"
wrong=$(comm -13 "$TMPD/have_due" "$TMPD/want_due")
[ -z "$wrong" ] || fail "reported extensions lost: $wrong"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what = 'extend' AND (reason IS NULL OR reason = '')")" 0 "extensions without a reason"

# Imports killed at random moments: a notice is saved whole or not at all.
NOTICE="$(dirname "$0")/../fixtures/thong-bao-ket-luan-lai-chau-2024-04.md"
units=$("$HANCHOT" import --dry-run --format tsv "$NOTICE" | grep -vc '^#\|^section')
imported=0
for i in $(seq 1 40); do
	sed "s|^Số: /TB-UBND|Số: $i/TB-UBND|" "$NOTICE" > "$TMPD/notice.md"
	"$HANCHOT" --db "$DB" --today 2024-04-26 import "$TMPD/notice.md" >/dev/null 2>&1 & pid=$!
	if ((RANDOM % 4)); then sleep "0.0$(printf %02d $((RANDOM % 40 / 10 + RANDOM % 10)))"; kill -KILL "$pid" 2>/dev/null || true; fi
	rc=0; wait "$pid" 2>/dev/null || rc=$?
	[ "$rc" -eq 0 ] && imported=$((imported + 1))
	[ "$rc" -eq 0 ] || [ "$rc" -eq 137 ] || fail "import exited $rc without being killed"
done
assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check after imports"
half=$(q "SELECT count(*) FROM document d WHERE (SELECT count(*) FROM task t WHERE t.document_id = d.id) <> $units")
assert_eq "$half" 0 "documents saved with only part of their tasks"
[ "$(q 'SELECT count(*) FROM document')" -ge "$imported" ] || fail "a reported import is missing"
echo "crash: 40 imports, $imported reported saved, $(q 'SELECT count(*) FROM document') documents, none partial"

# SIGHUP (an SSH drop) and SIGTERM to the screen right after a change. The
# exit status is written by a wrapper shell (tmux may reap late).
for sig in HUP TERM; do
	start "tui$sig" 120 20 "$HANCHOT" --db "$DB" --today 2024-05-17
	wait_for "hanchot"
	pid=""; end=$((SECONDS + 10))
	until [ -n "$pid" ] || [ $SECONDS -gt $end ]; do
		pid=$(pgrep -n -f -- "--db $DB --today 2024-05-17" | grep -vx "$$" || true)
	done
	[ -n "$pid" ] || fail "cannot find the screen's process"
	before=$(q "SELECT count(*) FROM task_event")
	keys d
	kill -"$sig" "$pid"
	wait_exit
	assert_eq "$(exit_status)" 0 "exit status after SIG$sig"
	assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check after SIG$sig"
	after=$(q "SELECT count(*) FROM task_event")
	[ "$after" -ge "$before" ] || fail "events lost after SIG$sig"
	# The terminal is given back: the screen left the alternate screen.
	[ "$(tmux -L "$SOCK" display-message -p -t "$CUR" '#{alternate_on}')" = 0 ] || fail "terminal not restored after SIG$sig"
done
assert_eq "$(q "SELECT count(*) FROM task t WHERE status <> coalesce((SELECT new_value FROM task_event e WHERE e.task_id = t.id AND e.what = 'status' ORDER BY e.id DESC LIMIT 1), 'new')")" 0 "status differs from its last event after signals"
