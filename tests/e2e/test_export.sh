# hanchot export from a real database file: libical-independent parsers
# (python3-icalendar via ical_check.py) and calcurse read what we wrote;
# re-export after one status change keeps UIDs and bumps only that SEQUENCE,
# and equals a from-scratch export; notes change nothing; filters; errors.
. "$(dirname "$0")/lib.sh"
CHECK="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/ical_check.py"
DB=$TMPD/tasks.db
export HANCHOT_DTSTAMP=20240517T013000Z
hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
uid() { sqlite3 "$DB" "SELECT uuid FROM task WHERE id = $1"; }
seq_of() { awk -v u="UID:$2" '$0 == u "\r" { f = 1 } f && /^SEQUENCE:/ { sub(/\r$/, ""); sub(/^SEQUENCE:/, ""); print; exit }' "$1"; }

S1='Báo cáo thu, chi; ngân sách \ quý II'
hc --db "$DB" add --lead "Sở Tài chính" --cooperating "Sở Kế hoạch và Đầu tư" --due 14/5/2024 --section I.1 "$S1" >/dev/null
hc --db "$DB" add --lead "Sở Nội vụ" --due 18/5/2024 "Công bố chỉ số cải cách hành chính" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 "Kế hoạch phòng dịch" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" "Thường xuyên kiểm tra" >/dev/null # no deadline: not exported
# a summary with a newline and a 300-character one, written straight into the file
LONG=$(python3 -c 'print(("Rà soát, bổ sung; " * 20)[:299] + ".")')
sqlite3 "$DB" "UPDATE task SET full_text = 'Dòng một' || char(10) || 'dòng hai, có \\ và ;' WHERE id = 2;
               UPDATE task SET summary = '$LONG' WHERE id = 3"

hc --db "$DB" export --out "$TMPD/a.ics"
hc --db "$DB" export >"$TMPD/stdout.ics"
cmp -s "$TMPD/a.ics" "$TMPD/stdout.ics" || fail "--out and stdout differ"
U1=$(uid 1) U2=$(uid 2) U3=$(uid 3)
cat >"$TMPD/spec" <<SPEC
calname	$(hex hanchot)
count	VEVENT	3
count	VALARM	3
comp	VEVENT	$U1	0	2024-05-14	-	-PT15H
comp	VEVENT	$U2	1	2024-05-18	-	-PT15H
comp	VEVENT	$U3	1	2024-05-22	-	-PT15H
text	VEVENT	$U1	SUMMARY	$(hex "Sở Tài chính: $S1 (I.1)")
text	VEVENT	$U3	SUMMARY	$(hex "SYT: $LONG")
categories	VEVENT	$U1	$(hex "Sở Tài chính")
calcurse	3	0
SPEC
$CHECK "$TMPD/a.ics" "$TMPD/spec" || fail "ical_check on the first export"
grep -q "X-LIC-ERROR" "$TMPD/a.ics" && fail "X-LIC-ERROR in output"
awk '{ if (length($0) > 76) exit 1 }' "$TMPD/a.ics" || fail "a line longer than 75 octets"
/usr/bin/python3 - "$TMPD/a.ics" "$U2" <<'PY' || fail "DESCRIPTION with newline, comma, backslash did not survive"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk('VEVENT') if str(c['UID']) == sys.argv[2]][0]
d = str(ev['DESCRIPTION'])
assert d.startswith('Dòng một\ndòng hai, có \\ và ;\n'), repr(d)
PY

# Twice with nothing changed: byte-identical.
hc --db "$DB" export --out "$TMPD/b.ics"
cmp -s "$TMPD/a.ics" "$TMPD/b.ics" || fail "two exports of an unchanged database differ"
# Unpinned DTSTAMP is each task's last exported change: still identical.
HANCHOT_DTSTAMP= hc --db "$DB" export --out "$TMPD/u1.ics"
HANCHOT_DTSTAMP= hc --db "$DB" export --out "$TMPD/u2.ics"
cmp -s "$TMPD/u1.ics" "$TMPD/u2.ics" || fail "unpinned exports of an unchanged database differ"

# One status change: same UIDs, only that SEQUENCE higher, equals a fresh export.
hc --db "$DB" --today 2024-05-17 done 2
hc --db "$DB" export --out "$TMPD/c.ics"
assert_eq "$(grep '^UID:' "$TMPD/a.ics" | sort)" "$(grep '^UID:' "$TMPD/c.ics" | sort)" "UIDs after done"
assert_eq "$(seq_of "$TMPD/c.ics" "$U1")" 0 "SEQUENCE of task 1"
assert_eq "$(seq_of "$TMPD/c.ics" "$U2")" 2 "SEQUENCE of task 2"
assert_eq "$(seq_of "$TMPD/c.ics" "$U3")" 1 "SEQUENCE of task 3"
sqlite3 "$DB" "DELETE FROM ical_index"
hc --db "$DB" export --out "$TMPD/fresh.ics"
cmp -s "$TMPD/c.ics" "$TMPD/fresh.ics" || fail "re-export differs from a from-scratch export"
sed -i "s/\t$U2\t1\t2024-05-18\t-\t-PT15H/\t$U2\t2\t2024-05-18\t-\t-/; s/^count\tVALARM\t3/count\tVALARM\t2/" "$TMPD/spec"
$CHECK "$TMPD/c.ics" "$TMPD/spec" || fail "ical_check after done"

# Kinds and filters.
hc --db "$DB" export --kind both --out "$TMPD/both.ics"
assert_eq "$(grep -c '^BEGIN:VTODO' "$TMPD/both.ics")" 3 "VTODOs with --kind both"
grep -q "^UID:$U2-todo" "$TMPD/both.ics" || fail "VTODO UID"
assert_eq "$(hc --db "$DB" export --open-only | grep -c '^BEGIN:VEVENT')" 2 "--open-only"
assert_eq "$(hc --db "$DB" export --agency 'Sở Y tế' | grep -c '^BEGIN:VEVENT')" 1 "--agency"
assert_eq "$(hc --db "$DB" export --from 2024-05-15 --to 2024-05-20 | grep -c '^BEGIN:VEVENT')" 1 "--from/--to"
assert_eq "$(hc --db "$DB" export --from 15/5/2024 | grep -c '^BEGIN:VEVENT')" 2 "--from"
sqlite3 "$DB" "INSERT INTO document(id, kind, number, issued_date, imported_at) VALUES (7, 'Thông báo', '123/TB-UBND', '2024-04-25', 'x'); UPDATE task SET document_id = 7 WHERE id = 3"
assert_eq "$(hc --db "$DB" export --document 7 | grep -c '^BEGIN:VEVENT')" 1 "--document"
assert_eq "$(seq_of <(hc --db "$DB" export --document 7) "$U3")" 2 "SEQUENCE after the document changed"

# Errors: one line, exit 2 for bad arguments, 1 for the rest, no file left.
expect_error() { # CODE TEXT ARGS... (English chosen)
	local code=$1 text=$2 rc=0; shift 2
	"$HANCHOT" --lang en --db "$DB" "$@" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
	assert_eq "$rc" "$code" "exit status of $*"
	grep -qF -- "$text" "$TMPD/err" || fail "$* said: $(cat "$TMPD/err")"
	[ "$(head -1 "$TMPD/err" | grep -c '^hanchot')" = 1 ] || fail "$*: message does not start with hanchot"
}
expect_error 2 "--agency 'Sở Không Có': no such agency" export --agency "Sở Không Có"
expect_error 2 "--from" export --from 2024-13-01
expect_error 2 "--from 2024-06-01 is after --to 2024-05-01" export --from 2024-06-01 --to 2024-05-01
expect_error 2 "--document 99: no such document" export --document 99
expect_error 2 "export kind 'week'" export --kind week
expect_error 1 "folder '$TMPD/nope' does not exist" export --out "$TMPD/nope/x.ics"
printf 'alarms = -PT15H, -PT15\n' >"$TMPD/bad.conf"
expect_error 1 "alarm '-PT15'" --config "$TMPD/bad.conf" export --out "$TMPD/bad.ics"
[ ! -e "$TMPD/bad.ics" ] || fail "a file was written despite a bad alarm"

# Atomic write: a full disk leaves the old file whole and no temporary file
# (a 64 KiB tmpfs: needs root to mount; skipped otherwise).
FULL=$TMPD/full
mkdir -p "$FULL"
if mount -t tmpfs -o size=64k tmpfs "$FULL" 2>/dev/null; then
	trap 'umount "$FULL" 2>/dev/null; cleanup' EXIT
	hc --db "$DB" export --out "$FULL/cal.ics"
	before=$(sha256sum <"$FULL/cal.ics")
	head -c 40000 /dev/zero >"$FULL/filler"
	big=$TMPD/big.db; cp "$DB" "$big"
	sqlite3 "$big" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
		INSERT INTO task(summary, full_text, due_date, due_precision, uuid, created_at, updated_at)
		SELECT 'Việc ' || i, printf('%.500c', 'x'), '2024-06-01', 'day', 'u-' || i, 'x', 'x' FROM n"
	rc=0
	"$HANCHOT" --db "$big" export --out "$FULL/cal.ics" 2>"$TMPD/err" || rc=$?
	assert_eq "$rc" 1 "exit status on a full disk"
	grep -q "tệp xuất '$FULL/cal.ics': không ghi được: ổ đĩa đã đầy" "$TMPD/err" ||
		fail "full disk said: $(cat "$TMPD/err")"
	assert_eq "$(sha256sum <"$FULL/cal.ics")" "$before" "old file after a failed write"
	assert_eq "$(ls -A "$FULL" | grep -c '^\.cal\.ics\.')" 0 "temporary files left"
	umount "$FULL"; trap cleanup EXIT
else
	echo "SKIP full-disk test: cannot mount a tmpfs (not root)" >&2
fi
hc --db "$DB" export --out "$TMPD/keep.ics"
chmod 0640 "$TMPD/keep.ics"
hc --db "$DB" export --out "$TMPD/keep.ics"
assert_eq "$(stat -c %a "$TMPD/keep.ics")" 640 "permissions kept"

# export_file is kept current after every change.
printf 'export_file = %s\nexport_kind = both\n' "$TMPD/kept.ics" >"$TMPD/kept.conf"
hc --db "$DB" --config "$TMPD/kept.conf" list >/dev/null
[ -s "$TMPD/kept.ics" ] || fail "export_file not written by the first command"
m1=$(stat -c %Y.%N "$TMPD/kept.ics" | cut -d' ' -f1; stat -c %y "$TMPD/kept.ics")
hc --db "$DB" --config "$TMPD/kept.conf" list >/dev/null
m2=$(stat -c %Y.%N "$TMPD/kept.ics" | cut -d' ' -f1; stat -c %y "$TMPD/kept.ics")
assert_eq "$m2" "$m1" "export_file rewritten with nothing changed"
hc --db "$DB" --config "$TMPD/kept.conf" --today 2024-05-17 done 1
assert_eq "$(seq_of "$TMPD/kept.ics" "$U1")" 1 "export_file SEQUENCE after done"
grep -q "STATUS:COMPLETED" "$TMPD/kept.ics" || fail "export_file has no completed VTODO"
hc --db "$DB" export --kind both >"$TMPD/direct.ics"
cmp -s "$TMPD/kept.ics" "$TMPD/direct.ics" || fail "export_file differs from a direct export"
# another process's change is picked up by the next command
sqlite3 "$DB" "UPDATE task SET status = 'cancelled' WHERE id = 3"
hc --db "$DB" --config "$TMPD/kept.conf" list >/dev/null
grep -q "^STATUS:CANCELLED" "$TMPD/kept.ics" || fail "export_file missed a change made elsewhere"

# Re-exports of export_file write into the file the previous one replaced,
# kept next to the database (*.spare), unless a reader still has it open:
# that reader keeps its version whole, and a later export reuses the file
# once it is free. One-off exports keep neither an index nor a spare.
printf 'export_file = %s\n' "$TMPD/s.ics" >"$TMPD/s.conf"
sc() { hc --db "$DB" --config "$TMPD/s.conf" "$@"; }
sc --today 2024-05-17 reopen 2 >/dev/null
sc --today 2024-05-17 done 2
spare=$(sqlite3 "$DB" "SELECT index_file FROM ical_index WHERE path = '$TMPD/s.ics'").spare
[ -f "$spare" ] || fail "no spare next to the database after two exports"
old=$(sha256sum <"$TMPD/s.ics")
exec 9<"$TMPD/s.ics"
sc --today 2024-05-17 reopen 2 >/dev/null
sc --today 2024-05-17 done 2
assert_eq "$(sha256sum <&9)" "$old" "what a reader of the old version reads"
exec 9<&-
free_spare=$(stat -c %i "$spare")
sc --today 2024-05-17 reopen 2 >/dev/null
assert_eq "$(stat -c %i "$TMPD/s.ics")" "$free_spare" "inode of the re-export (the spare, reused)"
# four processes changing tasks at once: each keeps the file whole
pids=""
sc status 1 in_progress & pids="$pids $!"
sc status 2 reported & pids="$pids $!"
sc status 3 paused & pids="$pids $!"
sc add --lead "Sở Xây dựng" --due 1/7/2024 "Việc mới" >/dev/null & pids="$pids $!"
for p in $pids; do wait "$p" || fail "a concurrent change failed"; done
hc --db "$DB" export >"$TMPD/direct.ics"
cmp -s "$TMPD/s.ics" "$TMPD/direct.ics" || fail "concurrent changes left a file unlike a direct export"
assert_eq "$(ls -A "$TMPD" | grep -c '^\.s\.ics\.')" 0 "temporary files left"
# one-off exports add no index or spare; those they left before go
before=$(ls "$TMPD" | grep -c '^tasks\.db\.ical-' || true)
hc --db "$DB" export --out "$TMPD/once.ics"
hc --db "$DB" export --out "$TMPD/once.ics"
assert_eq "$(ls "$TMPD" | grep -c '^tasks\.db\.ical-' || true)" "$before" "index files after one-off exports"
touch "$TMPD/tasks.db.ical-0123456789abcdef" "$TMPD/tasks.db.ical-0123456789abcdef.spare"
sc --today 2024-05-17 done 3
[ ! -e "$TMPD/tasks.db.ical-0123456789abcdef" ] && [ ! -e "$TMPD/tasks.db.ical-0123456789abcdef.spare" ] ||
	fail "an index file no kept file records was left beside the database"
assert_eq "$(ls "$TMPD" | grep -c '^tasks\.db\.ical-' || true)" "$((2 * $(sqlite3 "$DB" 'SELECT count(*) FROM ical_index')))" \
	"index files beside the kept export files"

# On the screen a change marks export_file stale; it is written once no key
# is waiting (not before the screen answers the key), and is current when the
# screen closes.
printf 'export_file = %s\nexport_kind = both\n' "$TMPD/screen.ics" >"$TMPD/screen.conf"
hc --db "$DB" --config "$TMPD/screen.conf" --today 2024-05-17 reopen 2
seq0=$(seq_of "$TMPD/screen.ics" "$U2")
[ -n "$seq0" ] || fail "fixture: task 2 is not in export_file"
start scr 120 30 "$HANCHOT" --db "$DB" --config "$TMPD/screen.conf" --today 2024-05-17
wait_for "Chủ trì"
keys / "$(sqlite3 "$DB" "SELECT summary FROM task WHERE id = 2")" Enter
keys d; wait_for "Đã cập nhật 1 việc"
end=$((SECONDS + 10))
until [ "$(seq_of "$TMPD/screen.ics" "$U2")" = $((seq0 + 1)) ]; do
	[ "$SECONDS" -le "$end" ] || fail "export_file not written after a change on the screen"
	sleep 0.05
done
keys q; wait_exit
hc --db "$DB" export --kind both >"$TMPD/direct.ics"
cmp -s "$TMPD/screen.ics" "$TMPD/direct.ics" || fail "export_file after the screen differs from a direct export"

# Without a usable libical (a library of its name without its functions,
# found first) an export fails with one line that names what is missing, and
# the file it would have replaced stays as it was; libical is opened on a
# thread of its own while the database opens, and its failure still reaches
# the user.
mkdir -p "$TMPD/nolib"
echo 'int hanchot_not_libical;' >"$TMPD/nolib/stand_in.c"
cc -shared -fPIC -o "$TMPD/nolib/libical.so.3" "$TMPD/nolib/stand_in.c" || fail "cannot build the stand-in library"
hc --db "$DB" export --out "$TMPD/nolib.ics"
cp "$TMPD/nolib.ics" "$TMPD/nolib.before"
for lang in vi en; do
	if out=$(LD_LIBRARY_PATH="$TMPD/nolib" hc --db "$DB" --lang "$lang" export --out "$TMPD/nolib.ics" 2>&1); then
		fail "an export without libical succeeded"
	fi
	case $lang:$out in
	vi:*"libical không có hàm icalcomponent_add_property: hãy cài libical3"*) ;;
	en:*"libical has no icalcomponent_add_property: install libical3"*) ;;
	*) fail "an export without libical ($lang) said: $out" ;;
	esac
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "lines of the error without libical"
	cmp -s "$TMPD/nolib.ics" "$TMPD/nolib.before" || fail "a failed export changed the file it would replace"
done
