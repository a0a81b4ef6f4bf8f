# A hostile environment: read-only file system, missing folder, full disk,
# damaged file, newer schema, a lock held past the busy timeout. Each gets one
# error line naming the file, exit status 1, and nothing already saved is lost.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/h.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" "Công bố chỉ số" >/dev/null
q() { sqlite3 -batch "$1" "$2"; }
snapshot() { q "$1" "SELECT group_concat(id || status || version, ',') FROM (SELECT * FROM task ORDER BY id)"; }
before=$(snapshot "$DB")

# check WANT-TEXT FILE-NAMED command...: exit 1, one line, naming the file.
check() {
	local text=$1 file=$2; shift 2
	set +e; err=$("$@" 2>&1 >/dev/null); rc=$?; set -e
	assert_eq "$rc" 1 "exit status of: $*"
	[ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] || fail "expected one line for '$*': $err"
	printf '%s' "$err" | grep -qF -- "$text" || fail "message for '$*' lacks '$text': $err"
	printf '%s' "$err" | grep -qF -- "$file" || fail "message for '$*' does not name '$file': $err"
}

# Missing folder.
check "không có thư mục" "$TMPD/none/x.db" "$HANCHOT" --db "$TMPD/none/x.db" list

# Newer schema: refused, file untouched.
cp "$DB" "$TMPD/newer.db"; q "$TMPD/newer.db" "PRAGMA user_version = 99"
check "mới hơn phiên bản hanchot này" "$TMPD/newer.db" "$HANCHOT" --db "$TMPD/newer.db" add --lead X "việc"
assert_eq "$(q "$TMPD/newer.db" 'PRAGMA user_version')" 99 "newer schema left alone"

# Damaged file: detected at start, pointing to the newest backup.
hc --db "$DB" backup "$DB.backup-manual" >/dev/null
cp "$DB" "$TMPD/bad.db"; cp "$DB.backup-manual" "$TMPD/bad.db.backup.1"
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$TMPD/bad.db" bs=1 conv=notrunc status=none
check "bị hỏng" "$TMPD/bad.db" "$HANCHOT" --db "$TMPD/bad.db" list
printf '%s' "$err" | grep -qF "hanchot restore '$TMPD/bad.db.backup.1'" || fail "no pointer to the backup: $err"
# A damaged page inside the task table is found by the first query.
cp "$DB" "$TMPD/bad2.db"; rm -f "$TMPD/bad2.db.backup"*
q "$TMPD/bad2.db" "PRAGMA journal_mode = DELETE" >/dev/null
root=$(q "$TMPD/bad2.db" "SELECT rootpage FROM sqlite_master WHERE name = 'task'")
dd if=/dev/urandom of="$TMPD/bad2.db" bs=4096 seek=$((root - 1)) count=1 conv=notrunc status=none
check "bị hỏng" "$TMPD/bad2.db" "$HANCHOT" --db "$TMPD/bad2.db" list
# ... and restore brings it back.
hc --db "$TMPD/bad.db" restore "$TMPD/bad.db.backup.1" >/dev/null || fail "restore of a damaged database failed"
assert_eq "$(snapshot "$TMPD/bad.db")" "$before" "restored content"
# restore refuses what is not a hanchot database, and changes nothing.
echo "not a database" > "$TMPD/junk.db"
check "không phải cơ sở dữ liệu hanchot" "$TMPD/junk.db" "$HANCHOT" --db "$DB" restore "$TMPD/junk.db"

# A lock held by another process past the 5 s busy timeout.
rm -f "$TMPD/locked"
( echo "BEGIN EXCLUSIVE; INSERT INTO agency(name) VALUES ('lock'); SELECT 'held';" ; 
  until [ -e "$TMPD/release" ]; do sleep 0.1; done; echo "ROLLBACK;" ) | sqlite3 -batch "$DB" > "$TMPD/locked" &
lockpid=$!
end=$((SECONDS + 10)); until grep -q held "$TMPD/locked" 2>/dev/null || [ $SECONDS -gt $end ]; do sleep 0.05; done
grep -q held "$TMPD/locked" || fail "sqlite3 did not take the lock"
start_t=$(date +%s)
check "đang bị khoá" "$DB" "$HANCHOT" --db "$DB" done 2
waited=$(($(date +%s) - start_t))
[ "$waited" -ge 4 ] || fail "gave up after ${waited}s, before the busy timeout"
hc --db "$DB" list >/dev/null || fail "reading must not wait for a writer (WAL)"
touch "$TMPD/release"; wait "$lockpid"
assert_eq "$(snapshot "$DB")" "$before" "database after the lock"

# Read-only file system (root ignores file modes: a read-only bind mount).
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir "$TMPD/ro"; cp "$DB" "$TMPD/ro/r.db"
	set +e
	err=$(unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && exec "$2" --db "$1/r.db" done 1' \
		sh "$TMPD/ro" "$HANCHOT" 2>&1 >/dev/null); rc=$?
	set -e
	assert_eq "$rc" 1 "exit status on a read-only file system"
	[ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] || fail "expected one line: $err"
	printf '%s' "$err" | grep -qF "$TMPD/ro/r.db" || fail "read-only message does not name the file: $err"
	printf '%s' "$err" | grep -qF "chỉ cho phép đọc" || fail "read-only message: $err"
	assert_eq "$(snapshot "$TMPD/ro/r.db")" "$before" "database on the read-only file system"

	# Full disk: a 1 MiB tmpfs filled up after the first tasks.
	cat > "$TMPD/full.sh" <<'SH'
set -e
d=$1 h=$2
mount -t tmpfs -o size=1m tmpfs "$d"
"$h" --db "$d/f.db" add --lead "Sở Tài chính" "trước khi đầy" >/dev/null
"$h" --db "$d/f.db" add --lead "Sở Nội vụ" "thứ hai" >/dev/null
dd if=/dev/zero of="$d/fill" bs=4k status=none 2>/dev/null || true
set +e
"$h" --db "$d/f.db" add --lead "Sở Y tế" --section "$(head -c 3000 /dev/zero | tr '\0' x)" "khi đầy" 2>"$d/../full.err" >/dev/null
echo "rc=$?"
"$h" --db "$d/f.db" done 1 2>>"$d/../full.err2" >/dev/null
echo "rc2=$?"
rm -f "$d/fill"
sqlite3 -batch "$d/f.db" "PRAGMA integrity_check; SELECT group_concat(summary || ':' || status, ',') FROM task;"
SH
	mkdir "$TMPD/full"
	out=$(unshare -m sh "$TMPD/full.sh" "$TMPD/full" "$HANCHOT" 2>&1) || fail "full-disk script failed: $out"
	printf '%s\n' "$out" | grep -qx "rc=1" || fail "add on a full disk: $out $(cat "$TMPD/full.err")"
	[ "$(grep -c . "$TMPD/full.err")" -eq 1 ] || fail "expected one line on a full disk: $(cat "$TMPD/full.err")"
	grep -qF "ổ đĩa đã đầy" "$TMPD/full.err" || fail "full disk not named: $(cat "$TMPD/full.err")"
	grep -qF "$TMPD/full/f.db" "$TMPD/full.err" || fail "full-disk message does not name the file: $(cat "$TMPD/full.err")"
	printf '%s\n' "$out" | grep -qx ok || fail "integrity after a full disk: $out"
	printf '%s\n' "$out" | grep -qF "trước khi đầy:" || fail "task lost on a full disk: $out"
	! printf '%s\n' "$out" | grep -qF ",khi đầy:" || fail "a failed add was saved: $out"
	echo "full disk: $(cat "$TMPD/full.err") / done: $(grep -o 'rc2=.' <<<"$out") $(cat "$TMPD/full.err2" 2>/dev/null)"
else
	echo "hostile: read-only and full-disk checks skipped (need root and unshare -m)"
fi
