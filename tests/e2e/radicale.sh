# A real CalDAV server for the publishing tests: Radicale (Debian radicale)
# on 127.0.0.1 at a free port, its storage and its password (htpasswd,
# plain) in the test's folder, stopped by its PID. Sourced after lib.sh.
# What is on the server is read with HTTP requests of our own (dav), never
# from hanchot's state.
RAD=$TMPD/radicale
mkdir -p "$RAD"
printf 'clerk:s3cret pass\n' >"$RAD/users"
RPORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$RAD/config" <<CONF
[server]
hosts = 127.0.0.1:$RPORT
[auth]
type = htpasswd
htpasswd_filename = $RAD/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $RAD/storage
[rights]
type = owner_only
[logging]
level = info
CONF
RPID=

# radicale_start: starts the server and polls its port until it answers.
radicale_start() {
	/usr/bin/python3 -m radicale --config "$RAD/config" >>"$RAD/log" 2>&1 &
	RPID=$!
	local end=$((SECONDS + 20))
	until /usr/bin/python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', $RPORT), 0.5)" 2>/dev/null; do
		kill -0 "$RPID" 2>/dev/null || fail "radicale did not start: $(tail -3 "$RAD/log")"
		[ "$SECONDS" -le "$end" ] || fail "radicale not listening on $RPORT within 20 s"
		sleep 0.05
	done
}

# radicale_stop: stops the server by its PID and waits for it to end.
radicale_stop() {
	[ -n "$RPID" ] || return 0
	kill "$RPID" 2>/dev/null || true
	wait "$RPID" 2>/dev/null || true
	RPID=
}
trap 'radicale_stop; cleanup' EXIT

# dav METHOD PATH [FILE]: one request to the server as the clerk; prints the
# status, then the ETag, then the body. PROPFIND asks for Depth 1.
dav() {
	/usr/bin/python3 - "$RPORT" "$@" <<'PY'
import base64, http.client, sys
port, method, path = sys.argv[1], sys.argv[2], sys.argv[3]
body = open(sys.argv[4], 'rb').read() if len(sys.argv) > 4 else None
h = {'Authorization': 'Basic ' + base64.b64encode(b'clerk:s3cret pass').decode()}
if method == 'PROPFIND':
    h['Depth'] = '1'
if body is not None:
    h['Content-Type'] = 'text/calendar; charset=utf-8'
c = http.client.HTTPConnection('127.0.0.1', int(port), timeout=20)
c.request(method, path, body=body, headers=h)
r = c.getresponse()
print(r.status)
print(r.getheader('ETag') or '-')
sys.stdout.write(r.read().decode('utf-8', 'replace'))
PY
}

# dav_names COLLECTION: the names of the .ics resources the server holds, sorted.
dav_names() {
	dav PROPFIND "$1" | tail -n +3 | grep -o '<href>[^<]*\.ics</href>' | sed 's|</href>||; s|.*/||' | sort
}

# dav_puts: PUT requests the server has received so far (its log).
dav_puts() { grep -c "PUT request for" "$RAD/log" || true; }
