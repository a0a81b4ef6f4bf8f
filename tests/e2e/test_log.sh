# The log a clerk can send: off by default; --log FILE or log_file in the
# configuration appends what the program did: its start, errors, exports,
# another process's writes read again on the screen, its end.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/l.db
LOG=$TMPD/hanchot.log
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
[ -e "$LOG" ] && fail "a log was written without being asked for"
ls "$TMPD" | grep -qi 'log' && fail "a log file appeared without being asked for: $(ls "$TMPD")"

# --log: start, the command's end, an error
hc --log "$LOG" --db "$DB" --today 2024-05-17 done 1
set +e; hc --log "$LOG" --db "$DB" done 99 2>/dev/null; set -e
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+ [0-9]+ start: hanchot .* done 1; database '"$DB"'$' "$LOG" ||
	fail "no start line: $(cat "$LOG")"
grep -qF "end: done, exit status 0" "$LOG" || fail "no end line: $(cat "$LOG")"
grep -qF "error: done: không có việc 99" "$LOG" || fail "the error is not logged: $(cat "$LOG")"
[ "$(stat -c %a "$LOG")" = 600 ] || fail "the log is readable by others: $(stat -c %a "$LOG")"

# log_file in the configuration, and an export with its figures
printf 'log_file = %s\nexport_file = %s\n' "$TMPD/conf.log" "$TMPD/live.ics" >"$TMPD/c.conf"
hc --config "$TMPD/c.conf" --db "$DB" reopen 1
grep -qE "export_file '$TMPD/live.ics': 1 tasks \(0 copied, 1 serialised, 0 left out\) in [0-9]+ ms" "$TMPD/conf.log" ||
	fail "the export is not logged: $(cat "$TMPD/conf.log")"
set +e; out=$(hc --log "$TMPD/no/such/dir.log" --db "$DB" list 2>&1); rc=$?; set -e
assert_eq "$rc" 1 "a log that cannot be opened"
grep -qF "tệp nhật ký '$TMPD/no/such/dir.log'" <<<"$out" || fail "the message does not name the log: $out"

# the screen: another process's write is read again, and logged
start scr 100 20 "$HANCHOT" --log "$TMPD/screen.log" --db "$DB" --today 2024-05-17
wait_for "Báo cáo thu ngân sách"
sqlite3 "$DB" "UPDATE task SET summary = 'Báo cáo quý' WHERE id = 1"
wait_for "Báo cáo quý"
keys q; wait_exit
grep -qF "another process wrote: the list read again" "$TMPD/screen.log" || fail "the reload is not logged: $(cat "$TMPD/screen.log")"
grep -qF "end: the screen, exit status 0" "$TMPD/screen.log" || fail "the screen's end is not logged"
