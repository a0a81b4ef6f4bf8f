# Two clerks in one group share a database on one machine: in a
# set-group-ID folder the files hanchot creates (database, log, backups,
# lock, indexes) take the folder's group and are group-writable, so the
# second clerk works without a warning; elsewhere they stay 0600 and the
# second clerk is told the real cause (permission denied, whose file). A
# database on a network file system is refused. Needs root (two users made
# with setpriv, no account needed); skipped otherwise.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "sharing: skipped (needs root and setpriv to act as two users)"
	exit 0
fi
GROUP=42420
chmod 0755 "$TMPD"
# as UID CMD...: runs CMD as user UID, member of GROUP, with a home of its own
as() {
	local uid=$1; shift
	mkdir -p "$TMPD/home$uid" && chown "$uid" "$TMPD/home$uid"
	env HOME="$TMPD/home$uid" XDG_CONFIG_HOME="$TMPD/home$uid/.config" XDG_DATA_HOME="$TMPD/home$uid/.local" \
		USER="u$uid" setpriv --reuid="$uid" --regid="$uid" --groups="$GROUP" --inh-caps=-all -- "$@"
}
if ! as 10001 "$HANCHOT" --version >/dev/null 2>&1; then
	echo "sharing: skipped (the program under test is not reachable by another user)"
	exit 0
fi

# A set-group-ID folder of the group.
S=$TMPD/shared
mkdir "$S" && chgrp "$GROUP" "$S" && chmod 2770 "$S"
mkdir -p "$TMPD/conf"
printf 'export_file = %s\n' "$S/lich.ics" >"$TMPD/conf/a"
as 10001 "$HANCHOT" --db "$S/t.db" --config "$TMPD/conf/a" add --lead "Sở Y tế" --due 22/5/2024 "Việc của A" >/dev/null 2>"$TMPD/err" ||
	fail "first clerk: $(cat "$TMPD/err")"
[ ! -s "$TMPD/err" ] || fail "first clerk warned: $(cat "$TMPD/err")"
# the first clerk keeps the screen open (its log and shared memory stay)
start a 100 20 env HOME="$TMPD/home10001" XDG_CONFIG_HOME="$TMPD/home10001/.config" \
	setpriv --reuid=10001 --regid=10001 --groups="$GROUP" --inh-caps=-all -- "$HANCHOT" --db "$S/t.db" --today 2024-05-17
wait_for "Việc của A"
for f in t.db t.db-wal t.db-shm t.db.backup.1 t.db.backup.lock; do
	[ -e "$S/$f" ] || fail "$f was not made"
	assert_eq "$(stat -c '%a %g' "$S/$f")" "660 $GROUP" "mode and group of $f"
done
for f in "$S"/t.db.ical-*; do
	assert_eq "$(stat -c '%g' "$f")" "$GROUP" "group of $(basename "$f")"
	[ "$(($(stat -c '0%a' "$f") & 0060))" = $((0060)) ] || fail "$(basename "$f") is not group read-write: $(stat -c %a "$f")"
done
# the second clerk: works, no warning (no backup refused on every command)
for i in 1 2; do
	as 10002 "$HANCHOT" --db "$S/t.db" add --lead "Sở Y tế" --due 23/5/2024 "Việc của B $i" >/dev/null 2>"$TMPD/err" ||
		fail "second clerk: $(cat "$TMPD/err")"
	[ ! -s "$TMPD/err" ] || fail "second clerk warned: $(cat "$TMPD/err")"
done
wait_for "Việc của B 2" # the screen sees the second clerk's writes
keys q; wait_exit
as 10002 "$HANCHOT" --db "$S/t.db" backup "$S/t.db.backup-b" >/dev/null 2>"$TMPD/err" || fail "second clerk's backup: $(cat "$TMPD/err")"
assert_eq "$(stat -c '%a %g' "$S/t.db.backup-b")" "660 $GROUP" "mode and group of a backup by the second clerk"
as 10001 "$HANCHOT" --db "$S/t.db" --config "$TMPD/conf/a" --today 2024-05-17 done 2 2>"$TMPD/err" ||
	fail "first clerk after the second: $(cat "$TMPD/err")"
[ ! -s "$TMPD/err" ] || fail "first clerk warned after the second: $(cat "$TMPD/err")"
assert_eq "$(sqlite3 "$S/t.db" "SELECT group_concat(who) FROM (SELECT DISTINCT who FROM task_event ORDER BY who)")" "u10001,u10002" "who wrote"

# A folder without the set-group-ID bit: private files, and the second
# clerk learns why, in one line.
P=$TMPD/private
mkdir "$P" && chgrp "$GROUP" "$P" && chmod 0770 "$P"
as 10001 "$HANCHOT" --db "$P/t.db" add --lead "Sở Y tế" "Việc của A" >/dev/null
assert_eq "$(stat -c '%a' "$P/t.db")" 600 "mode of a database in an ordinary folder"
rc=0
as 10002 "$HANCHOT" --db "$P/t.db" list >/dev/null 2>"$TMPD/err" || rc=$?
assert_eq "$rc" 1 "exit status of the second clerk"
[ "$(wc -l <"$TMPD/err")" = 1 ] || fail "not one line: $(cat "$TMPD/err")"
grep -qF "không có quyền" "$TMPD/err" || fail "the cause is not named: $(cat "$TMPD/err")"
grep -qF "chủ sở hữu 10001" "$TMPD/err" || fail "the owner is not named: $(cat "$TMPD/err")"
grep -qF "chmod g+s" "$TMPD/err" || fail "no way forward: $(cat "$TMPD/err")"
grep -qF "chỉ cho phép đọc" "$TMPD/err" && fail "permission denied told as read-only: $(cat "$TMPD/err")"
true
