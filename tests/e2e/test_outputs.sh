# Where outputs go (export --out, report --out, backup FILE, the screen's
# x): a file is replaced atomically, a symbolic link's target replaced in
# its folder, a device, FIFO or /dev/stdout written into, a folder refused,
# the database's own files refused however they are spelled; a report's
# format follows its extension; a filtered export never replaces
# export_file; what killed exports and restores left is cleaned up, and
# restore copies rotate.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/t.db
export HANCHOT_TODAY=2024-05-17
q() { sqlite3 "$DB" "$1"; }
# refused TEXT CMD...: CMD exits 1 with one line holding TEXT.
refused() {
	local text=$1 rc=0; shift
	"$@" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
	[ "$rc" = 1 ] || fail "$*: exit $rc, expected 1: $(cat "$TMPD/err")"
	[ "$(wc -l <"$TMPD/err")" = 1 ] || fail "$*: not one line: $(cat "$TMPD/err")"
	grep -qF -- "$text" "$TMPD/err" || fail "$*: '$(cat "$TMPD/err")' lacks '$text'"
}
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 "Kế hoạch phòng dịch" >/dev/null

# Devices (made here: the machine's own are not risked) are written into.
if [ "$(id -u)" = 0 ] && mknod "$TMPD/null" c 1 3 2>/dev/null && mknod "$TMPD/full" c 1 7; then
	hc --db "$DB" report --out "$TMPD/null"
	hc --db "$DB" export --out "$TMPD/null"
	hc --db "$DB" backup "$TMPD/null" >/dev/null
	refused "ổ đĩa đã đầy" hc --db "$DB" export --out "$TMPD/full"
	[ -c "$TMPD/null" ] && [ -c "$TMPD/full" ] || fail "a device was replaced by a file"
	assert_eq "$(ls -A "$TMPD" | grep -c hanchot || true)" 0 "temporary files left by writes into devices"
else
	echo "outputs: device checks skipped (mknod needs root)" >&2
fi
# A FIFO is written into (its reader gets the calendar), /dev/stdout too.
mkfifo "$TMPD/fifo"
cat "$TMPD/fifo" >"$TMPD/from-fifo" &
reader=$!
hc --db "$DB" export --out "$TMPD/fifo"
wait "$reader"
[ -p "$TMPD/fifo" ] || fail "the FIFO was replaced"
assert_eq "$(grep -c '^BEGIN:VEVENT' "$TMPD/from-fifo")" 2 "events read from the FIFO"
assert_eq "$(hc --db "$DB" export --out /dev/stdout | grep -c '^BEGIN:VEVENT')" 2 "events written to /dev/stdout"
hc --db "$DB" report --out /dev/stdout --format csv | grep -qF "Sở Tài chính" || fail "report to /dev/stdout"
# A symbolic link: its target is replaced in the target's folder.
mkdir "$TMPD/real"
ln -s real/cal.ics "$TMPD/link.ics"
hc --db "$DB" export --out "$TMPD/link.ics"
[ -L "$TMPD/link.ics" ] || fail "the symbolic link was replaced"
assert_eq "$(grep -c '^BEGIN:VEVENT' "$TMPD/real/cal.ics")" 2 "events in the link's target"
ln -s real/r.html "$TMPD/r-link.html"
hc --db "$DB" report --out "$TMPD/r-link.html"
[ -L "$TMPD/r-link.html" ] && grep -qi "<html" "$TMPD/real/r.html" || fail "report through a link"
# A folder is an error.
refused "tệp xuất '$TMPD': đây là một thư mục" hc --db "$DB" export --out "$TMPD"
refused "đây là một thư mục" hc --db "$DB" report --out "$TMPD/real"
refused "đây là một thư mục" hc --db "$DB" backup "$TMPD/real"

# The database's own files, however spelled.
before=$(q "SELECT count(*) FROM task"; sha256sum <"$DB")
ln -s t.db "$TMPD/alias.db"
for target in "$DB" "$TMPD/./t.db" "$TMPD/real/../t.db" "$TMPD/alias.db" "$DB-wal" "$DB-shm" "$DB.backup.1"; do
	refused "tệp của chính cơ sở dữ liệu" hc --db "$DB" export --out "$target"
	refused "tệp của chính cơ sở dữ liệu" hc --db "$DB" report --out "$target"
	refused "tệp của chính cơ sở dữ liệu" hc --db "$DB" backup "$target"
done
(cd "$TMPD" && refused "tệp của chính cơ sở dữ liệu" "$HANCHOT" --db t.db backup t.db)
(cd "$TMPD/real" && refused "tệp của chính cơ sở dữ liệu" "$HANCHOT" --db ../t.db export --out ../t.db)
assert_eq "$(q "SELECT count(*) FROM task"; sha256sum <"$DB")" "$before" "the database after refused outputs"
assert_eq "$(q "PRAGMA integrity_check")" ok "integrity after refused outputs"

# A report's format comes from its extension unless --format says otherwise.
hc --db "$DB" report --out "$TMPD/r.html"
grep -qi "<!doctype html" "$TMPD/r.html" || fail "report --out r.html is not HTML: $(head -2 "$TMPD/r.html")"
hc --db "$DB" report --out "$TMPD/r.md"
grep -q "^| " "$TMPD/r.md" || fail "report --out r.md is not Markdown"
hc --db "$DB" report --out "$TMPD/r2.html" --format csv
grep -qi "<html" "$TMPD/r2.html" && fail "--format csv was not kept for r2.html"

# A filtered export never replaces export_file (spelled as written or
# through a link); the whole calendar may be written there.
mkdir -p "$XDG_CONFIG_HOME/hanchot"
echo "export_file = $TMPD/live.ics" >"$XDG_CONFIG_HOME/hanchot/config"
hc --db "$DB" list >/dev/null
live=$(sha256sum <"$TMPD/live.ics")
ln -s live.ics "$TMPD/live-link.ics"
refused "là lịch được cập nhật liên tục (export_file)" hc --db "$DB" export --agency "Sở Y tế" --out "$TMPD/live.ics"
refused "là lịch được cập nhật liên tục (export_file)" hc --db "$DB" export --open-only --out "$TMPD/live-link.ics"
assert_eq "$(sha256sum <"$TMPD/live.ics")" "$live" "export_file after refused filtered exports"
hc --db "$DB" export --agency "Sở Y tế" --out "$TMPD/part.ics"
hc --db "$DB" export --out "$TMPD/live.ics"
assert_eq "$(grep -c '^BEGIN:VEVENT' "$TMPD/live.ics")" 2 "export_file after an unfiltered export"
# the screen: x offers another file for a part, refuses export_file for
# it, and says where it wrote, with the full path
start main 140 20 env HOME="$TMPD" "$HANCHOT" --db "$DB"
wait_for "2 việc"
keys Escape; wait_gone "Tin đầu ngày"
keys Tab j Enter; wait_for "Báo cáo thu ngân sách"; wait_gone "Kế hoạch phòng dịch"
keys x; wait_for "$TMPD/hanchot-loc.ics"
keys C-u "$TMPD/live-link.ics" Enter; wait_for "là lịch được cập nhật liên tục"
keys x; wait_for "$TMPD/hanchot-loc.ics"
keys C-u "$TMPD/real/../part2.ics" Enter; wait_for "Đã xuất 1 việc ra $TMPD/part2.ics"
keys q; wait_exit
rm "$XDG_CONFIG_HOME/hanchot/config"

# Leftovers of killed writers: a database big enough that writing takes a
# while; each writer is killed once its temporary file shows.
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
   INSERT INTO task(summary, full_text, due_date, due_precision, uuid, created_at, updated_at)
   SELECT 'Việc ' || i, printf('%.600c', 'x'), '2024-06-01', 'day', 'u-' || i, 'x', 'x' FROM n"
# kill_when PATTERN DIR CMD...: runs CMD, kills it with SIGKILL once a file
# matching PATTERN shows in DIR; tries again when CMD was too quick.
kill_when() {
	local pattern=$1 dir=$2 try pid; shift 2
	for try in 1 2 3 4 5 6; do
		"$@" >/dev/null 2>&1 & pid=$!
		while kill -0 "$pid" 2>/dev/null; do
			if ls -A "$dir" | grep -q -- "$pattern"; then
				kill -KILL "$pid"; wait "$pid" 2>/dev/null || true; return 0
			fi
			sleep 0.002
		done
		wait "$pid" 2>/dev/null || true
	done
	fail "never caught $* writing '$pattern'"
}
# ages the leftovers past the time a live writer may take to lock its file
age() { find "$@" -maxdepth 1 -name '*hanchot*' -exec touch -d '1 hour ago' {} +; }
OUT=$TMPD/other
mkdir "$OUT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256m tmpfs "$OUT" 2>/dev/null; then
	trap 'umount "$OUT" 2>/dev/null; cleanup' EXIT # another file system: no spare, a temporary file
fi
for i in 1 2 3; do kill_when '^\.cal\.ics\.hanchot\.' "$OUT" "$HANCHOT" --db "$DB" export --out "$OUT/cal.ics"; done
[ "$(ls -A "$OUT" | grep -c '^\.cal\.ics\.hanchot\.')" -ge 1 ] || fail "no leftover to clean"
age "$OUT"
hc --db "$DB" export --out "$OUT/cal.ics"
assert_eq "$(ls -A "$OUT" | grep -c hanchot || true)" 0 "leftovers of killed exports after the next export"
umount "$OUT" 2>/dev/null || true
trap cleanup EXIT
hc --db "$DB" backup "$TMPD/saved.db" >/dev/null
kill_when '^\.t\.db\.before-restore-.*\.hanchot\.' "$TMPD" "$HANCHOT" --db "$DB" restore "$TMPD/saved.db"
age "$TMPD"
hc --db "$DB" list --open >/dev/null
assert_eq "$(ls -A "$TMPD" | grep -c hanchot || true)" 0 "leftovers of a killed restore after the next command"

# Each restore keeps a copy of what it replaced: as many as backups.
mkdir -p "$XDG_CONFIG_HOME/hanchot"
echo "backup_count = 2" >"$XDG_CONFIG_HOME/hanchot/config"
q "DELETE FROM task WHERE id > 2"
hc --db "$DB" backup "$TMPD/small.db" >/dev/null
for i in 1 2 3; do hc --db "$DB" restore "$TMPD/small.db" >/dev/null; done
assert_eq "$(ls "$TMPD" | grep -c '^t\.db\.before-restore-[0-9-]*$')" 2 "restore copies kept"
assert_eq "$(ls "$TMPD" | grep -c '^t\.db\.before-restore-.*[^0-9-]')" 0 "restore copies' logs or temporary files left"
