# The screen publishes in the background after a change (publish_url set):
# the change reaches a real Radicale without a key waiting for it; a server
# that accepts and never answers leaves "đang đồng bộ" in the header while
# keys go on working, then "lỗi đồng bộ" with the reason once it is gone; a
# stopped server is retried by the next change.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/radicale.sh"
DB=$TMPD/tasks.db
COLL=/clerk/hanchot/
printf 's3cret pass\n' >"$TMPD/pw"
chmod 600 "$TMPD/pw"
conf() { # FILE PORT
	printf 'publish_url = http://127.0.0.1:%s%s\npublish_user = clerk\npublish_password_file = %s\n' \
		"$2" "$COLL" "$TMPD/pw" >"$1"
}
uid() { sqlite3 "$DB" "SELECT uuid FROM task WHERE id = $1"; }
# on_server ID TEXT [SECONDS]: polls the server until task ID's event holds TEXT
on_server() {
	local end=$((SECONDS + ${3:-15}))
	while [ "$SECONDS" -le "$end" ]; do
		dav GET "$COLL$(uid "$1").ics" | tr -d '\r' | grep -q -- "$2" && return 0
		sleep 0.1
	done
	fail "task $1's event on the server has no '$2' within ${3:-15}s: $(dav GET "$COLL$(uid "$1").ics")"
}
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 "Công bố chỉ số cải cách hành chính" >/dev/null
radicale_start
conf "$TMPD/conf" "$RPORT"
hc --db "$DB" --config "$TMPD/conf" publish >/dev/null
assert_eq "$(dav_puts)" 2 "PUTs of the first publish"

# A change on the screen reaches the server by itself.
start main 120 16 "$HANCHOT" --db "$DB" --config "$TMPD/conf" --today 2024-05-10
wait_for "2 việc · 2 đang mở"
keys Escape d
wait_for "1 đang mở"
on_server 1 "^SUMMARY:✓ Sở Tài chính: Báo cáo thu ngân sách"
wait_gone "đang đồng bộ"
assert_eq "$(dav_puts)" 3 "PUTs after one change (events only: one)"
screen | grep -q "lỗi đồng bộ" && fail "lỗi đồng bộ after a publish that worked"

# The server stopped: the next change says it could not publish...
radicale_stop
keys G o # the done task is last
wait_for "2 đang mở"
wait_for "lỗi đồng bộ"
wait_for "Couldn't connect to server"
# ...and once it is back, the next change publishes both.
radicale_start
keys j d
wait_for "1 đang mở"
on_server 2 "^SUMMARY:✓ SNV: "
on_server 1 "^SUMMARY:Sở Tài chính: Báo cáo thu ngân sách"
wait_gone "lỗi đồng bộ"
keys q
wait_exit

# A server that accepts and never answers: the header says so, keys still work.
HPORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8); held = []
while True:
    held.append(s.accept()[0])' "$HPORT" &
HANG=$!
trap 'kill $HANG 2>/dev/null || true; radicale_stop; cleanup' EXIT
until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $HPORT), 0.5)" 2>/dev/null; do sleep 0.05; done
conf "$TMPD/hang.conf" "$HPORT"
start hang 120 16 "$HANCHOT" --db "$DB" --config "$TMPD/hang.conf" --today 2024-05-10
wait_for "2 việc · 1 đang mở"
keys Escape g d
wait_for "0 đang mở"
wait_for "đang đồng bộ"
keys G o # answered while the publish hangs
wait_for "1 đang mở"
keys j k
wait_for "đang đồng bộ"
kill "$HANG"; wait "$HANG" 2>/dev/null || true
wait_for "lỗi đồng bộ" 20
keys q
wait_exit
echo "test_tui_publish: ok"
