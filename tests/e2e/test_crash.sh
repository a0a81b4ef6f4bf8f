# Crash safety: hundreds of writers killed with SIGKILL at random moments
# (add, done, reopen, status, extend, import of a notice; four at a time on
# one database), then the file must pass PRAGMA integrity_check, hold every
# change the program reported as saved, and no half-written task or
# half-imported notice. Then SIGHUP and SIGTERM to the screen mid-change and
# in the middle of typing an extension: no half-written change.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/crash.db
WRITERS=4 ROUNDS=${CRASH_ROUNDS:-250}
NOTICE=$(dirname "$0")/../fixtures/thong-bao-ket-luan-lai-chau-2024-04.md
STATUSES=(new in_progress reported "done" paused cancelled)
hc --db "$DB" add --lead "Văn phòng UBND tỉnh" "khởi tạo" >/dev/null
q() { sqlite3 -batch "$DB" "$1"; }

# notice NUMBER: the fixture notice under its own number (and so its own
# text): every import is a new document, never a duplicate of an earlier one.
notice() { sed "s|^Số: /TB-UBND|Số: $1/TB-UBND|" "$NOTICE"; }
# A document's fingerprint: its tasks (section, due date, summary, number of
# agencies, events, version) in order, one line per document.
fingerprints() {
	sqlite3 -batch -separator $'\t' "$1" "SELECT t.document_id, printf('%08d', t.id), t.section || '|' || coalesce(t.due_date, '-')
		|| '|' || t.summary || '|' || (SELECT count(*) FROM task_agency a WHERE a.task_id = t.id)
		|| '|' || (SELECT group_concat(what) FROM task_event e WHERE e.task_id = t.id) || '|' || t.version
		FROM task t WHERE t.document_id IS NOT NULL" |
		sort -t$'\t' -k1,1n -k2,2 | awk -F'\t' '$1 != d { if (d != "") print s; d = $1; s = "" } { s = s $3 ";" } END { if (d != "") print s }'
}
# The whole notice imported once into an empty database: what every
# document of the crash database must look like.
notice REF > "$TMPD/ref.md"
hc --db "$TMPD/ref.db" import "$TMPD/ref.md" >/dev/null
REF_SIG=$(fingerprints "$TMPD/ref.db")
REF_TASKS=$(sqlite3 "$TMPD/ref.db" "SELECT count(*) FROM task")
[ "$REF_TASKS" -ge 10 ] || fail "the reference import made only $REF_TASKS tasks"

# writer K: a loop of add / done / reopen / status / extend / import, each
# process killed after a random 0-15 ms (0-30 ms for an import) or let run.
# Logs what was reported saved, and what may or may not have happened:
#   add ID SUMMARY | status ID VALUE | due ID YYYY-MM-DD | import NUMBER
#   lost ID status | lost ID due (killed: that field of ID is unknown)
writer() {
	local k=$1 log=$TMPD/log.$1 ids=() i op id rc out st due num pid delay
	: > "$log"
	for ((i = 0; i < ROUNDS; i++)); do
		op=$((RANDOM % 7))
		if [ ${#ids[@]} -eq 0 ] && [ "$op" -ne 6 ]; then op=0; fi
		id=${ids[$((RANDOM % (${#ids[@]} > 0 ? ${#ids[@]} : 1)))]:-0}
		delay=$((RANDOM % 16))
		case $op in
		0) "$HANCHOT" --db "$DB" add --lead "Sở số $k" --cooperating "Sở Y tế" --due 14/5/2024 \
			--section "w$k.$i" "việc $k/$i" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		1) "$HANCHOT" --db "$DB" done "$id" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		2) "$HANCHOT" --db "$DB" reopen "$id" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		3|4) st=${STATUSES[$((RANDOM % 6))]}
		   "$HANCHOT" --db "$DB" status "$id" "$st" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		5) due=$(date -d "2024-06-01 + $i days" +%F) # later each time: an extension moves a deadline later
		   "$HANCHOT" --db "$DB" extend "$id" --to "$due" --reason "lý do $k/$i" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		6) num=$k$(printf %03d "$i"); notice "$num" > "$TMPD/notice.$k.md"; delay=$((RANDOM % 31))
		   "$HANCHOT" --db "$DB" import "$TMPD/notice.$k.md" >"$TMPD/out.$k" 2>"$TMPD/err.$k" & ;;
		esac
		pid=$!
		# 3 in 4 are killed after 0-15 ms (an import 0-30 ms): inside the write on this machine.
		if ((RANDOM % 4)); then sleep "0.0$(printf %02d "$delay")"; kill -KILL "$pid" 2>/dev/null || true; fi
		rc=0; wait "$pid" || rc=$?
		out=$(cat "$TMPD/out.$k")
		if [ "$rc" -eq 0 ]; then
			case $op in
			0) [ -n "$out" ] || { echo "BAD add reported success without an id" >>"$log"; continue; }
			   echo "add $out việc $k/$i" >>"$log"; ids+=("$out") ;;
			1) echo "status $id done" >>"$log" ;;
			2) echo "status $id in_progress" >>"$log" ;;
			3|4) echo "status $id $st" >>"$log" ;;
			5) echo "due $id $due" >>"$log" ;;
			6) echo "import $num" >>"$log" ;;
			esac
		elif [ "$rc" -eq 137 ]; then
			case $op in
			1|2|3|4) echo "lost $id status" >>"$log" ;;
			5) echo "lost $id due" >>"$log" ;;
			esac
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
count() { grep -c "$1" "$TMPD/all.log" || true; }
echo "crash: $((WRITERS * ROUNDS)) writers, $(count '^add\|^status\|^due\|^import') reported saved" \
	"($(count '^add') adds, $(count '^status') status changes, $(count '^due') extensions, $(count '^import') imports)," \
	"$(count '^lost') status/extension writers killed, $(q 'SELECT count(*) FROM document') documents"

assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check"
assert_eq "$(q 'PRAGMA foreign_key_check' | wc -l)" 0 "foreign_key_check"
# No half-written task: each has exactly one created event (its first) and a
# lead; no orphans.
assert_eq "$(q "SELECT count(*) FROM task t WHERE (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.what = 'created') <> 1")" 0 "tasks without exactly one created event"
assert_eq "$(q "SELECT count(*) FROM task t WHERE (SELECT what FROM task_event e WHERE e.task_id = t.id ORDER BY e.id LIMIT 1) <> 'created'")" 0 "tasks whose first event is not 'created'"
assert_eq "$(q "SELECT count(*) FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_agency a WHERE a.task_id = t.id AND a.role = 'lead')")" 0 "tasks without a lead"
assert_eq "$(q "SELECT count(*) FROM task_event e WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.id = e.task_id)")" 0 "events without a task"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what NOT IN ('created', 'status', 'extend')")" 0 "events of a kind no writer makes"
# The row version counts the changes: 1 + its status and extension events.
assert_eq "$(q "SELECT count(*) FROM task t WHERE version <> 1 + (SELECT count(*) FROM task_event e WHERE e.task_id = t.id AND e.what <> 'created')")" 0 "row versions out of step with events"
# Status and due date agree with the last status / extension event, and each
# event starts from where the one before it ended (no change without its event).
assert_eq "$(q "SELECT count(*) FROM task t WHERE status <> coalesce((SELECT new_value FROM task_event e WHERE e.task_id = t.id AND e.what = 'status' ORDER BY e.id DESC LIMIT 1), 'new')")" 0 "status differs from its last event"
assert_eq "$(q "SELECT count(*) FROM task_event e WHERE e.what = 'status' AND e.old_value IS NOT coalesce((SELECT p.new_value FROM task_event p WHERE p.task_id = e.task_id AND p.what = 'status' AND p.id < e.id ORDER BY p.id DESC LIMIT 1), 'new')")" 0 "status events that do not chain"
assert_eq "$(q "SELECT count(*) FROM task t WHERE t.document_id IS NULL AND t.due_date IS NOT coalesce((SELECT new_value FROM task_event e WHERE e.task_id = t.id AND e.what = 'extend' ORDER BY e.id DESC LIMIT 1), CASE t.id WHEN 1 THEN NULL ELSE '2024-05-14' END)")" 0 "due date differs from its last extension"
assert_eq "$(q "SELECT count(*) FROM task_event e JOIN task t ON t.id = e.task_id WHERE e.what = 'extend' AND (e.reason IS NULL OR e.reason = '' OR e.old_value IS NOT coalesce((SELECT p.new_value FROM task_event p WHERE p.task_id = e.task_id AND p.what = 'extend' AND p.id < e.id ORDER BY p.id DESC LIMIT 1), '2024-05-14'))")" 0 "extension events that do not chain or lack a reason"
assert_eq "$(q "SELECT count(*) FROM task WHERE (status = 'done') <> (completed_date IS NOT NULL)")" 0 "completion date without done"

# No half-import: every document holds the whole notice, exactly as a clean
# import makes it; each notice number at most once; every reported import is there.
assert_eq "$(q "SELECT count(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.document_id = d.id)")" 0 "documents without tasks"
fingerprints "$DB" > "$TMPD/sigs"
assert_eq "$(wc -l < "$TMPD/sigs")" "$(q 'SELECT count(*) FROM document')" "documents fingerprinted"
bad=$(grep -vxF -- "$REF_SIG" "$TMPD/sigs" | head -3 || true)
[ -z "$bad" ] || fail "half-imported or altered documents (expected $REF_TASKS tasks as in a clean import): $bad"
assert_eq "$(q "SELECT count(*) FROM (SELECT number FROM document GROUP BY number HAVING count(*) > 1)")" 0 "notices imported twice"
grep '^import' "$TMPD/all.log" | awk '{ print $2 "/TB-UBND" }' | sort > "$TMPD/want_docs"
q "SELECT number FROM document" | sort > "$TMPD/have_docs"
missing=$(comm -13 "$TMPD/have_docs" "$TMPD/want_docs")
[ -z "$missing" ] || fail "reported imports missing: $missing"

# Every reported add is there with its text; the last reported status and
# due date of a task hold unless a later change to it was killed (unknown).
q "SELECT id || ' ' || summary FROM task WHERE document_id IS NULL" | sort > "$TMPD/have"
grep '^add' "$TMPD/all.log" | cut -d' ' -f2- | sort > "$TMPD/want"
missing=$(comm -13 "$TMPD/have" "$TMPD/want")
[ -z "$missing" ] || fail "reported adds missing: $missing"
for field in status due; do
	for k in $(seq 1 $WRITERS); do
		awk -v f="$field" '$1 == f { last[$2] = $3 } $1 == "lost" && $3 == f { delete last[$2] }
		     END { for (id in last) print id, last[id] }' "$TMPD/log.$k"
	done | sort > "$TMPD/want_$field"
	col=$field; [ "$field" = due ] && col=due_date
	q "SELECT id || ' ' || $col FROM task WHERE $col IS NOT NULL" | sort > "$TMPD/have_$field"
	wrong=$(comm -13 "$TMPD/have_$field" "$TMPD/want_$field")
	[ -z "$wrong" ] || fail "reported $field changes lost: $wrong"
done
[ "$(wc -l < "$TMPD/want")" -ge $((WRITERS * ROUNDS / 40)) ] || fail "too few adds survived to prove anything"
[ "$(wc -l < "$TMPD/want_due")" -ge 5 ] || fail "too few extensions survived to prove anything"
[ "$(wc -l < "$TMPD/want_docs")" -ge 3 ] || fail "too few imports survived to prove anything"

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

# SIGHUP and SIGTERM while an extension is being typed (date given, reason
# half typed): nothing is written, not the new date without its reason.
for sig in HUP TERM; do
	start "edit$sig" 120 20 "$HANCHOT" --db "$DB" --today 2024-05-17
	wait_for "hanchot"
	pid=""; end=$((SECONDS + 10))
	until [ -n "$pid" ] || [ $SECONDS -gt $end ]; do
		pid=$(pgrep -n -f -- "--db $DB --today 2024-05-17" | grep -vx "$$" || true)
	done
	[ -n "$pid" ] || fail "cannot find the screen's process"
	before=$(q "SELECT (SELECT count(*) FROM task_event) || ' ' || (SELECT total(version) FROM task) || ' ' || (SELECT group_concat(id || '=' || coalesce(due_date, '-')) FROM task)")
	keys e
	wait_for "Hạn mới:"
	keys "31/12/2024" Enter
	wait_for "Lý do gia hạn:"
	keys "đang gõ dở lý do"
	wait_for "đang gõ dở"
	kill -"$sig" "$pid"
	wait_exit
	assert_eq "$(exit_status)" 0 "exit status after SIG$sig in the extension prompt"
	assert_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check after SIG$sig in the extension prompt"
	after=$(q "SELECT (SELECT count(*) FROM task_event) || ' ' || (SELECT total(version) FROM task) || ' ' || (SELECT group_concat(id || '=' || coalesce(due_date, '-')) FROM task)")
	[ "$after" = "$before" ] || fail "SIG$sig in the extension prompt changed the database"
	assert_eq "$(q "SELECT count(*) FROM task_event WHERE reason LIKE '%đang gõ%'")" 0 "half-typed reason saved after SIG$sig"
	[ "$(tmux -L "$SOCK" display-message -p -t "$CUR" '#{alternate_on}')" = 0 ] || fail "terminal not restored after SIG$sig"
done
