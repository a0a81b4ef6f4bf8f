# hanchot import: every fixture notice read as its hand-checked reading; the same
# reading from CRLF, BOM and NFD copies; saving in one transaction; re-import
# without duplicates; bad input refused with one line and nothing saved.
. "$(dirname "$0")/lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
CMP="python3 $(cd "$(dirname "$0")" && pwd)/import_compare.py"
DB=$TMPD/t.db
LAI=$FIX/thong-bao-ket-luan-lai-chau-2024-04.md

# 1. Each fixture matches its expected reading on every row.
n=0
for exp in "$FIX"/*.expected.tsv; do
	md=${exp%.expected.tsv}.md
	[ -e "$md" ] || md=${exp%.expected.tsv}.txt
	hc import --dry-run --format tsv "$md" > "$TMPD/got.tsv" || fail "import --dry-run $md"
	$CMP "$exp" "$TMPD/got.tsv" > "$TMPD/cmp.txt" || { cat "$TMPD/cmp.txt" >&2; fail "reading of $(basename "$md")"; }
	n=$((n + 1))
done
[ "$n" -ge 9 ] || fail "expected at least 9 fixtures, found $n"

# 1b. The reading says what to check: a lead not in the agency list, a lead
#     taken from the heading; what it is sure of says nothing.
printf 'THÔNG BÁO\n\n1. Sở Tài chính rà soát kinh phí.\n\n2. Trung tâm Thử nghiệm Vật liệu Mới rà soát mẫu.\n\n3. Sở Y tế:\n\n- Kiểm tra an toàn thực phẩm.\n' > "$TMPD/check.md"
hc import --dry-run --format tsv "$TMPD/check.md" > "$TMPD/check.tsv" || fail "import --dry-run check.md"
assert_eq "$(awk -F'\t' '$1 == "section" { print NF }' "$TMPD/check.tsv")" 7 "columns of the reading"
assert_eq "$(awk -F'\t' '$1 == "# check" && $2 == "1"' "$TMPD/check.tsv")" "" "check of a known lead"
assert_eq "$(awk -F'\t' '$1 == "# check" && $2 == "2" { print $3 }' "$TMPD/check.tsv")" "cơ quan chưa có trong danh sách" "check of an unknown lead"
assert_eq "$(awk -F'\t' '$1 == "# check" && $2 == "3 (1)" { print $3 }' "$TMPD/check.tsv")" "cơ quan lấy từ đề mục" "check of a heading's lead"
hc --lang en import --dry-run "$TMPD/check.md" | grep -qF "check: agency not in the list" || fail "no reason in the table"

# 1c. An agency the list knows is shown by its name in the list (what the
#     import stores), however the notice abbreviates it; others as written.
printf 'THÔNG BÁO\n\n1. Sở KH&CN chủ trì, phối hợp với Sở TN&MT và Trung tâm Dữ liệu Mới xây dựng nền tảng số.\n' > "$TMPD/short.md"
hc import --dry-run --format tsv "$TMPD/short.md" > "$TMPD/short.tsv" || fail "import --dry-run short.md"
assert_eq "$(awk -F'\t' '$1 == "1" { print $2 "|" $3 }' "$TMPD/short.tsv")" \
	"Sở Khoa học và Công nghệ|Sở Tài nguyên và Môi trường; Trung tâm Dữ liệu Mới" "agencies the list knows, by their names"

# 2. CRLF, BOM and NFD give the same reading.
hc import --dry-run --format tsv "$LAI" > "$TMPD/lf.tsv"
sed 's/$/\r/' "$LAI" > "$TMPD/crlf.md"
printf '\xef\xbb\xbf' | cat - "$LAI" > "$TMPD/bom.md"
python3 -c 'import sys,unicodedata; sys.stdout.write(unicodedata.normalize("NFD", open(sys.argv[1], encoding="utf-8").read()))' "$LAI" > "$TMPD/nfd.md"
for v in crlf bom nfd; do
	hc import --dry-run --format tsv "$TMPD/$v.md" > "$TMPD/$v.tsv" || fail "import $v"
	diff -u "$TMPD/lf.tsv" "$TMPD/$v.tsv" >&2 || fail "$v copy read differently"
done

# 3. --dry-run saves nothing; a real import saves one document and its 19 tasks.
hc --db "$DB" import --dry-run "$LAI" > /dev/null
[ ! -e "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT count(*) FROM task')" = 0 ] || fail "--dry-run saved tasks"
hc --db "$DB" --today 2024-04-26 import "$LAI" > "$TMPD/out.txt" || fail "import"
grep -qF "đã lưu thành văn bản 1" "$TMPD/out.txt" || fail "no saved line: $(cat "$TMPD/out.txt")"
assert_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM document')" 1 "documents"
assert_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM task WHERE document_id = 1')" 19 "tasks"
assert_eq "$(sqlite3 "$DB" "SELECT number || '|' || issued_date || '|' || signer FROM document")" "/TB-UBND|2024-04-25|Vương Thế Mẫn" "document row"
assert_eq "$(sqlite3 "$DB" "SELECT due_date || ' ' || due_precision FROM task WHERE section = 'I.2.2 (5)'")" "2024-09-30 quarter" "I.2.2 (5) due"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task_agency ta JOIN task t ON t.id = ta.task_id WHERE t.section = 'I.2.2 (6)' AND role = 'lead'")" 4 "I.2.2 (6) leads"
hc --db "$DB" list --format tsv > "$TMPD/list.tsv"
grep -qF "Sở Kế hoạch và Đầu tư" "$TMPD/list.tsv" || fail "list does not show imported tasks"

# 4. Re-import: same text, CRLF copy (same text once read), same number and date.
before=$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document; SELECT count(*) FROM task_event")
hc --db "$DB" import "$LAI" > "$TMPD/re.txt" || fail "re-import"
grep -qF "đã được nhập trước đây" "$TMPD/re.txt" || fail "re-import not recognised: $(cat "$TMPD/re.txt")"
grep -qF "không có việc nào thay đổi" "$TMPD/re.txt" || fail "re-import of the same text reports changes"
hc --db "$DB" import "$TMPD/crlf.md" > "$TMPD/re2.txt"
grep -qF "cùng nội dung" "$TMPD/re2.txt" || fail "CRLF copy not recognised as the same text"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document; SELECT count(*) FROM task_event")" "$before" "after re-import"
# an amended notice (same number and date): one deadline moved, a new bullet
sed -e 's/trình UBND tỉnh trước ngày 14\/5\/2024/trình UBND tỉnh trước ngày 20\/5\/2024/' \
    -e 's/^- Sở Tài nguyên và Môi trường ban hành/- Sở Y tế chủ trì kiểm tra an toàn thực phẩm.\n\n- Sở Tài nguyên và Môi trường ban hành/' "$LAI" > "$TMPD/amended.md"
hc --db "$DB" import "$TMPD/amended.md" > "$TMPD/am.txt" || fail "amended import"
grep -qF "cùng số và ngày" "$TMPD/am.txt" || fail "amended notice not recognised: $(cat "$TMPD/am.txt")"
grep -qF "I.2.1" "$TMPD/am.txt" || fail "changed deadline not offered: $(cat "$TMPD/am.txt")"
grep -qF -- "--update" "$TMPD/am.txt" || fail "no --update offer"
assert_eq "$(sqlite3 "$DB" "SELECT due_date FROM task WHERE section = 'I.2.1'")" "2024-05-14" "due before --update"
hc --db "$DB" import --update "$TMPD/amended.md" > "$TMPD/up.txt" || fail "import --update"
assert_eq "$(sqlite3 "$DB" "SELECT due_date FROM task WHERE section = 'I.2.1'")" "2024-05-20" "due after --update"
assert_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM document')" 1 "documents after --update"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task_event e JOIN task t ON t.id = e.task_id WHERE t.section = 'I.2.1' AND e.what = 'edit' AND e.reason LIKE 're-import%' AND e.old_value LIKE '2024-05-14%' AND e.new_value LIKE '2024-05-20%'")" 1 "deadline edit event"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM task')" -gt 19 ] || fail "the new bullet was not added"
# --update compares with what the previous import read: the clerk's extension
# survives the same notice, and a notice moving that deadline too is a
# conflict listed with both values, the clerk's kept.
hc --db "$DB" --today 2024-05-17 extend "$(sqlite3 "$DB" "SELECT id FROM task WHERE section = 'I.2.1'")" --to 30/6/2024 --reason "chờ ý kiến Bộ"
before=$(sqlite3 "$DB" "SELECT group_concat(version || ':' || ical_sequence) FROM task; SELECT count(*) FROM task_event")
hc --db "$DB" import --update "$TMPD/amended.md" > "$TMPD/up2.txt" || fail "import --update again"
grep -qF "không có việc nào thay đổi" "$TMPD/up2.txt" || fail "the same notice changed tasks: $(cat "$TMPD/up2.txt")"
assert_eq "$(sqlite3 "$DB" "SELECT group_concat(version || ':' || ical_sequence) FROM task; SELECT count(*) FROM task_event")" "$before" "tasks after the same notice"
sed -e 's/trước ngày 20\/5\/2024/trước ngày 25\/5\/2024/' -e 's/phấn đấu hết quý III/phấn đấu trước ngày 31\/8\/2024/' \
    -e 's/^- Sở Tài nguyên và Môi trường ban hành/- Sở Xây dựng ban hành/' "$TMPD/amended.md" > "$TMPD/amended2.md"
seq5=$(sqlite3 "$DB" "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (5)'")
seq7=$(sqlite3 "$DB" "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (8)'")
hc --db "$DB" import --update "$TMPD/amended2.md" > "$TMPD/up3.txt" || fail "import --update of a second amendment"
grep -F "I.2.1" "$TMPD/up3.txt" | grep -qF "xung đột" || fail "no conflict listed: $(cat "$TMPD/up3.txt")"
grep -qF "due: notice 2024-05-25 (day), task 2024-06-30 (day) (kept)" "$TMPD/up3.txt" || fail "conflict values: $(cat "$TMPD/up3.txt")"
assert_eq "$(sqlite3 "$DB" "SELECT due_date FROM task WHERE section = 'I.2.1'")" "2024-06-30" "the clerk's deadline after a conflict"
assert_eq "$(sqlite3 "$DB" "SELECT due_date FROM task WHERE section = 'I.2.2 (5)'")" "2024-08-31" "a deadline only the notice moved"
# one write per changed task: its calendar SEQUENCE moves by exactly one
assert_eq "$(sqlite3 "$DB" "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (5)'")" "$((seq5 + 1))" "SEQUENCE of a re-imported deadline"
assert_eq "$(sqlite3 "$DB" "SELECT ical_sequence FROM task WHERE section = 'I.2.2 (8)'")" "$((seq7 + 1))" "SEQUENCE of a re-imported lead and text"

# 5. Bad input: one line naming the file and the problem; nothing saved.
before=$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document")
bad() { # name expected-text (English chosen; test_cli_errors checks the Vietnamese)
	set +e; err=$("$HANCHOT" --lang en --db "$DB" import "$TMPD/$1" 2>&1 >/dev/null); rc=$?; set -e
	assert_eq "$rc" 1 "exit status for $1"
	[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "more than one line for $1: $err"
	printf '%s' "$err" | grep -qF "$TMPD/$1" || fail "message for $1 does not name the file: $err"
	printf '%s' "$err" | grep -qF -- "$2" || fail "message for $1 lacks '$2': $err"
}
: > "$TMPD/empty.md"; bad empty.md "empty"
printf '\n  \n\t\n' > "$TMPD/blank.md"; bad blank.md "empty"
head -c 4096 /dev/urandom > "$TMPD/random.bin"; printf '\0' >> "$TMPD/random.bin"; bad random.bin "binary"
iconv -f UTF-8 -t WINDOWS-1258 "$LAI" > "$TMPD/cp1258.md"; bad cp1258.md "Windows-1258"
bad cp1258.md "iconv -f WINDOWS-1258 -t UTF-8"
iconv -f UTF-8 -t TCVN5712-1 "$LAI" > "$TMPD/tcvn.md" 2>/dev/null || true
python3 - "$TMPD/tcvn3.md" <<'PY'
import sys
# TCVN3 (ABC) bytes of "Sở Tài chính, Cục Thuế tỉnh tăng cường quản lý thu ngân sách"
tc = {"ở":0xDD,"à":0xB5,"í":0xE3,"ụ":0xF4,"ế":0xD5,"ỉ":0xDE,"ă":0xA8,"ư":0xAD,"ờ":0xEA,"ả":0xB6,"ý":0xFD,"â":0xA9}
s = "Sở Tài chính, Cục Thuế tỉnh tăng cường quản lý thu ngân sách. " * 20
open(sys.argv[1], "wb").write(bytes(tc.get(c, ord(c)) if ord(c) > 127 and c in tc else ord(c) if ord(c) < 128 else 0x3f for c in s))
PY
bad tcvn3.md "TCVN3"
head -c 3000000 /dev/zero | tr '\0' 'a' > "$TMPD/big.md"; bad big.md "too large"
printf 'Một đoạn văn không giao việc cho ai.\n' > "$TMPD/none.md"; bad none.md "no assignment found"
bad missing.md "No such file"
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document")" "$before" "database after bad input"
set +e; "$HANCHOT" import 2>/dev/null; rc=$?; set -e
assert_eq "$rc" 2 "import without FILE"
set +e; "$HANCHOT" import --format xml "$LAI" 2>/dev/null; rc=$?; set -e
assert_eq "$rc" 2 "import --format xml"
echo "import: ok"
