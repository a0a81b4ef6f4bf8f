# Text from data never reaches a terminal as a control: names and texts
# planted with escape sequences (window title, clear screen, OSC 52
# clipboard, conceal), C1 controls and bidi overrides come out of list,
# agencies, report, import and the screen without them; what is typed in is
# stored clean, and invalid UTF-8 is refused.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/t.db
export HANCHOT_TODAY=2024-05-17
q() { sqlite3 "$DB" "$1"; }
E=$'\e' BEL=$'\a' CSI1=$'\xc2\x9b' RLO=$'\xe2\x80\xae' LRI=$'\xe2\x81\xa6'
# clean FILE WHAT: FILE holds no ESC, BEL, C1 control or bidi override.
clean() {
	python3 - "$1" "$2" <<'EOF' || fail "$2 lets a control from data through"
import sys
text = open(sys.argv[1], 'rb').read().decode('utf-8')  # a lone byte fails here
for i, c in enumerate(text):
    if (ord(c) < 0x20 and c not in '\t\n\r') or 0x7f <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e \
            or 0x2066 <= ord(c) <= 0x2069:
        print("%s: U+%04X at character %d" % (sys.argv[2], ord(c), i), file=sys.stderr)
        sys.exit(1)
EOF
}

hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 "Kế hoạch phòng dịch" >/dev/null
# Planted by anyone who can write the shared file (sqlite3 checks nothing).
q "UPDATE agency SET name = 'Sở ${E}]0;pwned${BEL}Tài ${E}[2J${E}]52;c;cm0gLXJm${BEL}chính' WHERE id = 1"
q "UPDATE agency SET name = 'Sở ${RLO}tế Y${LRI} ${CSI1}8m' WHERE id = 2"
q "UPDATE task SET summary = '${E}[8mẨn${E}[0m thu ${RLO}ngân sách', section = 'I.${CSI1}1' WHERE id = 1"

for args in "list" "list --format tsv" "agencies" "agencies --format tsv" "report" \
	"report --format md" "report --format csv" "report --format html"; do
	# shellcheck disable=SC2086
	hc --db "$DB" $args >"$TMPD/out" 2>&1 || fail "$args failed: $(cat "$TMPD/out")"
	clean "$TMPD/out" "$args"
done
hc --db "$DB" list >"$TMPD/out"
grep -qF "[8mẨn[0m thu ngân sách" "$TMPD/out" || fail "list lost the text around the controls: $(cat "$TMPD/out")"
# an error message naming data is cleaned too
hc --db "$DB" agencies >/dev/null
hc --db "$DB" export --agency "$(q 'SELECT name FROM agency WHERE id = 2')" >/dev/null 2>"$TMPD/err" || true
clean "$TMPD/err" "an error naming an agency"

# A notice carrying the same (valid UTF-8: C1 and bidi characters) is read,
# printed and saved without them.
cat >"$TMPD/n.md" <<EOF
UBND TỈNH LAI CHÂU

Số: 12/TB-UBND

THÔNG BÁO

Kết luận của Chủ tịch UBND tỉnh ${RLO}tại cuộc họp

1. Giao Sở Xây ${CSI1}2J dựng ${LRI}chủ trì, phối hợp Sở Tài chính rà soát quy hoạch; báo cáo UBND tỉnh trước ngày 30/5/2024.
EOF
for args in "--dry-run" "--dry-run --format tsv" "" "--update"; do
	# shellcheck disable=SC2086
	hc --db "$DB" import $args "$TMPD/n.md" >"$TMPD/out" 2>&1 || fail "import $args failed: $(cat "$TMPD/out")"
	clean "$TMPD/out" "import $args"
done
q "SELECT name FROM agency WHERE id > 2; SELECT summary || full_text FROM task WHERE document_id IS NOT NULL; SELECT title FROM document" >"$TMPD/out"
clean "$TMPD/out" "what the import stored"

# Typed in: controls removed, invalid UTF-8 and blank names refused.
hc --db "$DB" add --lead "Sở Nội vụ${E}]0;x${BEL}" --section "II${E}[2J" "Tổng kết ${RLO}năm" >/dev/null
assert_eq "$(q "SELECT count(*) FROM agency WHERE name = 'Sở Nội vụ]0;x'")" 1 "agency stored clean"
assert_eq "$(q "SELECT section || '|' || summary FROM task WHERE id = (SELECT max(id) FROM task)")" "II[2J|Tổng kết năm" "task stored clean"
n=$(q "SELECT count(*) FROM task")
out=$(hc --db "$DB" add --lead "Sở Y tế" $'lone \x9b byte' 2>&1) && fail "a lone 0x9B byte was accepted"
assert_eq "$out" "hanchot: nội dung: không phải UTF-8 hợp lệ (byte 6)" "invalid UTF-8"
out=$(hc --lang en --db "$DB" add --lead "Sở Y tế" $'lone \x9b byte' 2>&1) && fail "a lone 0x9B byte was accepted"
assert_eq "$out" "hanchot: summary: not valid UTF-8 (byte 6)" "invalid UTF-8 (English)"
out=$(hc --db "$DB" add --lead $' \u200b\u00a0 ' "Việc" 2>&1) && fail "a blank agency name was accepted"
assert_eq "$out" "hanchot: tên cơ quan để trống" "blank name"
out=$(hc --lang en --db "$DB" add --lead $' \u200b\u00a0 ' "Việc" 2>&1) && fail "a blank agency name was accepted"
assert_eq "$out" "hanchot: agency name is blank" "blank name (English)"
assert_eq "$(q "SELECT count(*) FROM task")" "$n" "tasks after the refusals"

# The screen: no escape sequence, no bidi override from data.
q "UPDATE agency SET name = 'Sở ${RLO}tế Y${LRI}' WHERE id = 2"
start main 140 20 "$HANCHOT" --db "$DB"
wait_for "Kế hoạch phòng dịch"
keys Escape
wait_for "Sở tế Y"
tmux -L "$SOCK" capture-pane -p -e -t main >"$TMPD/pane"
python3 - "$TMPD/pane" <<'EOF' || fail "the screen shows a bidi override from data"
import sys
data = open(sys.argv[1], 'rb').read()
sys.exit(1 if b'\xe2\x80\xae' in data or b'\xe2\x81\xa6' in data else 0)
EOF
keys q; wait_exit
