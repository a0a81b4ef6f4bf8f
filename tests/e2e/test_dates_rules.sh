# One range of dates (the lunar calendar's, 1800-2199) at every entry, one
# bad row never stopping an export, and the rules of a change: no completion
# after today, no "extension" to an earlier date, no reason made of spaces;
# on the command line and on the screen.
. "$(dirname "$0")/lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
DB=$TMPD/t.db
export HANCHOT_TODAY=2024-05-17
q() { sqlite3 "$DB" "$1"; }
# refused CODE TEXT CMD...: CMD exits CODE with one line on stderr holding TEXT.
refused() {
	local code=$1 text=$2 rc=0; shift 2
	"$@" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
	[ "$rc" = "$code" ] || fail "$*: exit $rc, expected $code: $(cat "$TMPD/err")"
	[ "$(wc -l <"$TMPD/err")" = 1 ] || fail "$*: not one line: $(cat "$TMPD/err")"
	grep -qF -- "$text" "$TMPD/err" || fail "$*: '$(cat "$TMPD/err")' lacks '$text'"
}

hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$DB" add --lead "Sở Y tế" --due 22/5/2024 "Kế hoạch phòng dịch" >/dev/null

# Dates outside 1800-2199, wherever they are typed.
refused 2 "năm 9999 nằm ngoài 1800-2199" hc --db "$DB" add --lead "Sở Y tế" --due 9999-12-31 "Việc"
refused 2 "năm 2200 nằm ngoài 1800-2199" hc --db "$DB" extend 1 --to 1/1/2200 --reason "lùi"
refused 2 "năm 1799 nằm ngoài 1800-2199" hc --db "$DB" done 1 --date 31/12/1799
refused 2 "năm 1 nằm ngoài 1800-2199" hc --db "$DB" --today 0001-01-01 list
refused 2 "năm 3000 nằm ngoài 1800-2199" hc --db "$DB" report --as-of 1/1/3000
refused 2 "năm 2500 nằm ngoài 1800-2199" hc --db "$DB" export --from 1/1/2500
# in a notice's text
sed 's|trình UBND tỉnh trước ngày 14/5/2024|trình UBND tỉnh trước ngày 14/5/9999|' \
	"$FIX/thong-bao-ket-luan-lai-chau-2024-04.md" >"$TMPD/n.md"
refused 1 "hạn 14/05/9999 nằm ngoài 1800-2199" hc --db "$DB" import "$TMPD/n.md"
grep -qF "I.2.1" "$TMPD/err" || fail "the notice's refusal does not name the section: $(cat "$TMPD/err")"
assert_eq "$(q 'SELECT count(*) FROM task')" 2 "tasks after the refused import"
assert_eq "$(q 'SELECT count(*) FROM document')" 0 "documents after the refused import"

# The rules of a change.
refused 1 "việc 1: ngày hoàn thành 18/05/2024 sau hôm nay (17/05/2024)" hc --db "$DB" done 1 --date 18/5/2024
refused 1 "completion date 2024-06-01 is after today" hc --db "$DB" --lang en status 1 done --date 2024-06-01
refused 1 "việc 1: 10/05/2024 trước hạn hiện tại 14/05/2024" hc --db "$DB" extend 1 --to 10/5/2024 --reason "sớm"
refused 1 "việc 1: chưa ghi lý do: gia hạn cần có lý do" hc --db "$DB" extend 1 --to 30/5/2024 --reason "   "
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what <> 'created'")" 0 "events after refused changes"
hc --db "$DB" extend 1 --to 30/5/2024 --reason "chờ số liệu"
hc --db "$DB" done 2 --date 16/5/2024

# A row no calendar can take (written by hand, or before dates were checked)
# is skipped with a warning naming it; the rest is exported and the kept-
# current calendar stays current.
q "UPDATE task SET due_date = '9999-12-31' WHERE id = 1"
hc --db "$DB" export --out "$TMPD/cal.ics" 2>"$TMPD/err" || fail "export stopped by one bad row: $(cat "$TMPD/err")"
grep -qF "cảnh báo: 1 việc không được xuất: việc 1: hạn 9999-12-31 nằm ngoài 1800-2199" "$TMPD/err" ||
	fail "export warning: $(cat "$TMPD/err")"
grep -qF "Kế hoạch phòng dịch" "$TMPD/cal.ics" || fail "the good task is not exported"
mkdir -p "$XDG_CONFIG_HOME/hanchot"
echo "export_file = $TMPD/live.ics" >"$XDG_CONFIG_HOME/hanchot/config"
hc --db "$DB" add --lead "Sở Nội vụ" --due 1/6/2024 "Tổng kết" >/dev/null 2>"$TMPD/err" ||
	fail "add with a bad row in the calendar: $(cat "$TMPD/err")"
grep -qF "cảnh báo: export_file '$TMPD/live.ics': 1 việc không được xuất: việc 1" "$TMPD/err" ||
	fail "export_file warning: $(cat "$TMPD/err")"
grep -qF "Tổng kết" "$TMPD/live.ics" || fail "export_file not kept current"
# the bad date can be corrected to an earlier one
hc --db "$DB" extend 1 --to 31/5/2024 --reason "sửa năm" 2>"$TMPD/err" || fail "correcting year 9999: $(cat "$TMPD/err")"
[ ! -s "$TMPD/err" ] || fail "warning after the correction: $(cat "$TMPD/err")"
grep -qF "Báo cáo thu ngân sách" "$TMPD/live.ics" || fail "the corrected task is not exported"
rm "$XDG_CONFIG_HOME/hanchot/config"

# The screen: the same rules in its prompts.
start main 120 24 "$HANCHOT" --db "$DB"
wait_for "3 việc"
keys Escape; wait_gone "Tin đầu ngày"
# refused in the prompt, which stays open with the text (Esc leaves it)
keys g D; wait_for "Ngày hoàn thành"
keys "20/5/2024" Enter; wait_for "Ngày hoàn thành 20/05/2024 sau hôm nay (17/05/2024)"
keys Escape; wait_gone "Ngày hoàn thành"
keys g e; wait_for "Hạn mới:"
keys "1/1/2200" Enter; wait_for "năm 2200 nằm ngoài 1800-2199"
keys Escape; wait_gone "Hạn mới:"
keys g e; wait_for "Hạn mới:"
keys "1/5/2024" Enter; wait_for "Hạn mới 01/05/2024 trước hạn hiện tại của việc"
keys Escape; wait_gone "Hạn mới:"
keys g e; wait_for "Hạn mới:"
keys "15/6/2024" Enter; wait_for "Lý do gia hạn:"
keys "   " Enter; wait_for "Cần ghi lý do gia hạn"
keys Escape
keys a; wait_for "Nội dung việc:"
keys "Việc mới" Enter; wait_for "Cơ quan chủ trì"
keys "Sở Y tế" Enter; wait_for "Hạn (trống"
keys "31/12/9999" Enter; wait_for "năm 9999 nằm ngoài 1800-2199"
keys Escape; wait_gone "Hạn (trống"
keys q; wait_exit
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what = 'extend'")" 2 "extensions after the screen's refusals"
assert_eq "$(q "SELECT count(*) FROM task")" 3 "tasks after the screen's refusals"
assert_eq "$(q "SELECT count(*) FROM task WHERE status = 'done'")" 1 "done tasks after the screen's refusals"
