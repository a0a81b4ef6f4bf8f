# hanchot publish against a real CalDAV server (Radicale on 127.0.0.1), each
# result read back from the server with requests of our own: the first
# publish, one change (one PUT), a deadline removed (DELETE), a cancelled task
# (its event deleted, its VTODO CANCELLED), a wrong password, the server
# stopped (an error, then the next publish sends the rest), an event edited on
# the server (a warning naming the task, then overwritten); the password
# file's mode, plain http to another machine, progress.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radicale.sh"
DB=$TMPD/tasks.db
COLL=/clerk/hanchot/
URL=http://127.0.0.1:$RPORT$COLL
printf 's3cret pass\n' >"$TMPD/pw"
chmod 600 "$TMPD/pw"
cat >"$TMPD/conf" <<CONF
export_kind = both
publish_url = $URL
publish_user = clerk
publish_password_file = $TMPD/pw
CONF
hc() { "$HANCHOT" --db "$DB" --config "$TMPD/conf" --today 2024-05-10 "$@"; }
uid() { sqlite3 "$DB" "SELECT uuid FROM task WHERE id = $1"; }
# get ID [-todo]: the body of the task's resource on the server, unfolded
get() { dav GET "$COLL$(uid "$1")${2:-}.ics" | tail -n +3 | tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g'; }

radicale_start
# Tasks made before publishing is configured: nothing is sent.
"$HANCHOT" --db "$DB" --today 2024-05-10 add --lead "Sở Kế hoạch và Đầu tư" --due 30/9/2024 --section VI.9 "Báo cáo vốn" >/dev/null
"$HANCHOT" --db "$DB" --today 2024-05-10 add --lead "Sở Tài chính" --due 20/5/2024 "Quyết toán" >/dev/null
"$HANCHOT" --db "$DB" --today 2024-05-10 add --lead "Sở Y tế" --due 21/5/2024 "Phòng dịch" >/dev/null
"$HANCHOT" --db "$DB" --today 2024-05-10 add --lead "Sở Y tế" "Thường xuyên" >/dev/null # no deadline: no resource
assert_eq "$(dav_puts)" 0 "requests before publishing"

# First publish: the collection is made, one resource per component.
out=$(hc publish) || fail "first publish failed"
assert_eq "$out" "đã đồng bộ lên $URL: tạo hoặc cập nhật 6, xoá 0" "first publish's line"
want=$(for i in 1 2 3; do echo "$(uid $i).ics"; echo "$(uid $i)-todo.ics"; done | sort)
assert_eq "$(dav_names "$COLL")" "$want" "resources on the server"
get 1 | grep -q "^SUMMARY:Sở KH&ĐT: Báo cáo vốn (VI.9)$" || fail "task 1's event on the server: $(get 1)"
get 1 -todo | grep -q "^STATUS:NEEDS-ACTION$" || fail "task 1's VTODO on the server"
puts=$(dav_puts)
assert_eq "$puts" 6 "PUTs of the first publish"

# Nothing changed: no request at all.
assert_eq "$(hc publish)" "đã đồng bộ lên $URL: không có gì thay đổi" "second publish"
assert_eq "$(dav_puts)" "$puts" "PUTs with nothing changed"

# One change through a command: it publishes before it exits, one task's two
# resources (event and VTODO) and nothing else.
hc done 2 --date 2024-05-09
assert_eq "$(dav_puts)" $((puts + 2)) "PUTs after one change"
get 2 | grep -q "^SUMMARY:✓ Sở Tài chính: Quyết toán$" || fail "done not on the server: $(get 2)"
get 2 -todo | grep -q "^STATUS:COMPLETED$" || fail "the VTODO is not COMPLETED on the server"
puts=$(dav_puts)

# A deadline removed (by hand, in the database): the task leaves the calendar.
sqlite3 "$DB" "UPDATE task SET due_date = NULL, due_precision = 'none' WHERE id = 3"
hc publish >/dev/null
want=$(for i in 1 2; do echo "$(uid $i).ics"; echo "$(uid $i)-todo.ics"; done | sort)
assert_eq "$(dav_names "$COLL")" "$want" "resources after a deadline was removed"
grep -q "DELETE request for '$COLL$(uid 3).ics'" "$RAD/log" || fail "no DELETE for task 3"

# Cancelled: the event goes (phones show cancelled events as live), the VTODO says CANCELLED.
hc cancel 1
want=$(echo "$(uid 1)-todo.ics"; echo "$(uid 2).ics"; echo "$(uid 2)-todo.ics")
assert_eq "$(dav_names "$COLL")" "$(echo "$want" | sort)" "resources after a cancel"
get 1 -todo | grep -q "^STATUS:CANCELLED$" || fail "the cancelled task's VTODO on the server: $(get 1 -todo)"
hc reopen 1

# A wrong password: one line naming the URL and the status, exit 1 (after a
# change made without publishing: with nothing to send, nothing is asked).
"$HANCHOT" --db "$DB" --today 2024-05-10 status 2 in_progress
printf 'wrong\n' >"$TMPD/bad"
chmod 600 "$TMPD/bad"
rc=0
hc publish --password-file "$TMPD/bad" >/dev/null 2>"$TMPD/err" || rc=$?
assert_eq "$rc" 1 "exit status with a wrong password"
assert_eq "$(wc -l <"$TMPD/err")" 1 "lines said for a wrong password"
grep -q "đồng bộ '$URL': HTTP 401 chưa được xác thực" "$TMPD/err" || fail "wrong password said: $(cat "$TMPD/err")"
# the password file must be private
chmod 644 "$TMPD/bad"
rc=0
hc publish --password-file "$TMPD/bad" >/dev/null 2>"$TMPD/err" || rc=$?
assert_eq "$rc" 1 "exit status with a readable password file"
grep -q "tệp mật khẩu '$TMPD/bad': quyền 0644 cho người khác đọc được: chmod 600" "$TMPD/err" ||
	fail "password file mode said: $(cat "$TMPD/err")"
# plain http to another machine is refused before anything is sent
rc=0
hc publish --url http://192.0.2.1/dav/cal/ >/dev/null 2>"$TMPD/err" || rc=$?
assert_eq "$rc" 1 "exit status for plain http to another machine"
grep -q "http thường tới máy khác" "$TMPD/err" || fail "plain http said: $(cat "$TMPD/err")"

# The server stopped: a change is saved and says it was not published; publish
# fails with one line and exit 1; once the server is back, the rest goes.
radicale_stop
hc done 1 --date 2024-05-09 2>"$TMPD/err" || fail "a change failed because the server is down"
grep -q "cảnh báo: chưa đồng bộ được .*$URL" "$TMPD/err" || fail "server down, the change said: $(cat "$TMPD/err")"
assert_eq "$(sqlite3 "$DB" "SELECT status FROM task WHERE id = 1")" done "the change saved with the server down"
rc=0
hc publish >/dev/null 2>"$TMPD/err" || rc=$?
assert_eq "$rc" 1 "exit status with the server down"
assert_eq "$(wc -l <"$TMPD/err")" 1 "lines said with the server down"
grep -q "đồng bộ '$URL.*': Couldn't connect to server" "$TMPD/err" || fail "server down said: $(cat "$TMPD/err")"
radicale_start
hc publish >/dev/null || fail "publish after the server came back"
get 1 | grep -q "^SUMMARY:✓ Sở KH&ĐT" || fail "what was not sent was not sent later: $(get 1)"
assert_eq "$(hc publish)" "đã đồng bộ lên $URL: không có gì thay đổi" "publish after the retry"

# Someone edits the event in their calendar: the next change of that task
# overwrites it, with a warning naming the task.
get 2 | sed 's/^SUMMARY:.*/SUMMARY:Sửa trên điện thoại/' | sed 's/$/\r/' >"$TMPD/edited.ics"
case $(dav PUT "$COLL$(uid 2).ics" "$TMPD/edited.ics" | sed -n 1p) in 2??) ;; *) fail "the edit on the server was refused" ;; esac
get 2 | grep -q "^SUMMARY:Sửa trên điện thoại$" || fail "the edit is not on the server"
hc status 2 reported 2>"$TMPD/err"
grep -q "cảnh báo: việc 2 (Quyết toán): đã bị sửa hoặc xoá trên máy chủ: đã ghi đè" "$TMPD/err" ||
	fail "a server-side edit said: $(cat "$TMPD/err")"
get 2 | grep -q "^SUMMARY:Sở Tài chính: Quyết toán$" || fail "the server-side edit was not overwritten: $(get 2)"
get 2 -todo | grep -q "^DESCRIPTION:.*chờ xác nhận" || fail "the VTODO after the overwrite"

# A long publish says how far it is: 25 tasks to another collection.
for i in $(seq 25); do echo "INSERT INTO task(summary, due_date, due_precision, uuid, created_at, updated_at)
	VALUES ('Việc $i', '2024-06-01', 'day', 'bulk-$i', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"; done | sqlite3 "$DB"
hc publish --url "http://127.0.0.1:$RPORT/clerk/other/" >/dev/null 2>"$TMPD/err" || fail "publish to another collection: $(cat "$TMPD/err")"
grep -q "đang đồng bộ 54/54" "$TMPD/err" || fail "no progress: $(cat "$TMPD/err")"
assert_eq "$(dav_names /clerk/other/ | wc -l)" 54 "resources in the other collection"
echo "test_publish: ok"
