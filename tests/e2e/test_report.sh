# hanchot report over the golden fixture: exact figures as of fixed days
# (a task done late, one extended, one cancelled, one reopened), every format
# parsed by a real parser, and the same figures in CSV and HTML.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$HERE/../fixtures/report
DB=$TMPD/report.db
bash "$FIX/build.sh" "$HANCHOT" "$DB"
r() { "$HANCHOT" --db "$DB" --today 2024-06-03 "$@"; }

golden() { # expected-file args...
	local want=$1; shift
	r "$@" > "$TMPD/got" || fail "report $* exited $?"
	diff -u "$FIX/$want" "$TMPD/got" >&2 || fail "report $* differs from $want"
}
# 09/05: before the extension (task 3 still due 15/05), before the cancel
# (task 4 open), task 5 done that very day, task 1 due soon.
golden asof-2024-05-09.txt report --as-of 2024-05-09
# 21/05: task 1 done late, task 3 extended to 15/06, task 4 cancelled, task 5
# done (reopened only on 22/05), task 9 not created yet.
golden asof-2024-05-21.txt report --as-of 2024-05-21
# Today: task 5 reopened and overdue 24 days, task 9 exists.
golden today-2024-06-03.txt report
golden document-1-asof-2024-05-21.txt report --document 1 --as-of 2024-05-21
golden asof-2024-05-21-cooperating.en.md --lang en report --as-of 2024-05-21 --cooperating --format md
golden asof-2024-05-21.csv report --as-of 2024-05-21 --format csv

# The figures in words, so a wrong golden file cannot hide them.
grep -qxF "Tính đến ngày 21/05/2024, còn 1/7 việc đang triển khai quá hạn." "$FIX/asof-2024-05-21.txt" || fail "summary as of 21/05"
grep -qxF "Tính đến ngày 09/05/2024, còn 1/8 việc đang triển khai quá hạn." "$FIX/asof-2024-05-09.txt" || fail "summary as of 09/05"
grep -qxF "Tính đến ngày 03/06/2024, còn 2/8 việc đang triển khai quá hạn." "$FIX/today-2024-06-03.txt" || fail "summary today"
grep "^Tổng cộng" "$FIX/asof-2024-05-21.txt" | tr -s ' ' | grep -qxF "Tổng cộng 8 2 0 0 1 1 2 1 1 66,7%" || fail "total row as of 21/05"

# As of today from the audit trail equals the stored state of today.
r report --as-of 2024-06-03 | sed 2d > "$TMPD/replayed"
r report | sed 2d > "$TMPD/stored"
diff -u "$TMPD/stored" "$TMPD/replayed" >&2 || fail "replaying the whole trail does not give today's state"
# Before anything was assigned: nothing exists yet.
r report --as-of 2024-04-24 | grep -qF "chưa có việc nào được giao" || fail "report before the first task"

# CSV and HTML through real parsers, checked against the same figures.
for day in asof-2024-05-21:2024-05-21 today-2024-06-03:; do
	name=${day%%:*} asof=${day#*:}
	args=(report); [ -n "$asof" ] && args+=(--as-of "$asof")
	r "${args[@]}" --format csv --out "$TMPD/$name.csv"
	r "${args[@]}" --format html --out "$TMPD/$name.html"
	python3 "$HERE/report_check.py" csv "$TMPD/$name.csv" "$FIX/$name.json" >/dev/null || fail "csv $name: $(python3 "$HERE/report_check.py" csv "$TMPD/$name.csv" "$FIX/$name.json")"
	python3 "$HERE/report_check.py" html "$TMPD/$name.html" "$FIX/$name.json" >/dev/null || fail "html $name: $(python3 "$HERE/report_check.py" html "$TMPD/$name.html" "$FIX/$name.json")"
done
# The checker itself fails on the wrong figures.
if python3 "$HERE/report_check.py" csv "$TMPD/asof-2024-05-21.csv" "$FIX/today-2024-06-03.json" >/dev/null; then
	fail "report_check accepts wrong figures"
fi
# Escaping: the summary with < & " survives both formats as text.
grep -qF 'Báo cáo dịch sốt xuất huyết &lt;khẩn&gt; &amp; tay chân miệng' "$TMPD/today-2024-06-03.html" || fail "html escaping"
r report --document 1 --format csv | grep -qF '"Giải phóng mặt bằng dự án ""đường nội thị"", giai đoạn 2"' || fail "csv quoting"

# --out: written atomically, no temporary file left, readable mode.
ls "$TMPD" | grep -q '\.tmp-' && fail "temporary file left behind"
[ "$(stat -c %a "$TMPD/today-2024-06-03.csv")" = 644 ] || fail "report file mode $(stat -c %a "$TMPD/today-2024-06-03.csv")"
r report --out "$TMPD/today.txt" >"$TMPD/stdout"
[ -s "$TMPD/stdout" ] && fail "--out also printed to stdout"
cmp -s "$TMPD/today.txt" "$FIX/today-2024-06-03.txt" || fail "--out file differs from stdout"

# Filters.
r report --agency "Sở Y tế" --as-of 2024-05-21 | grep -c "^Sở " | grep -qx 1 || fail "--agency shows other rows"
r report --agency "Sở Y tế" --as-of 2024-05-21 | grep -qF "còn 1/2 việc" || fail "--agency figures"
r report --from 2024-05-01 --to 2024-05-31 | grep -qF "(0/1)" || fail "--from/--to keeps only task 9"
r report --from 2024-04-25 --to 2024-04-25 | grep "^Tổng cộng" | tr -s ' ' | grep -q "^Tổng cộng 8 " || fail "--from/--to keeps the notice"

# Bad input: one line, documented status, nothing written.
check() { # status text args...
	local want=$1 text=$2; shift 2
	set +e; err=$(r "$@" 2>&1 >/dev/null); rc=$?; set -e
	assert_eq "$rc" "$want" "exit status of: $*"
	echo "$err" | head -1 | grep -qF -- "$text" || fail "message for '$*' lacks '$text': $err"
	[ "$(echo "$err" | grep -c '^hanchot')" -eq 1 ] || fail "expected one error line for '$*': $err"
}
check 1 "report: không có cơ quan 'Sở Không Có'" report --agency "Sở Không Có"
check 1 "report: agency 'Sở Không Có' is not known" --lang en report --agency "Sở Không Có"
check 2 "--as-of: Ngày không hợp lệ: 2024-02-30" report --as-of 2024-02-30
check 2 "--from 31/05/2024 sau --to 01/05/2024" report --from 2024-05-31 --to 2024-05-01
check 2 "--format 'pdf': cần là table, md, csv hoặc html" report --format pdf
check 1 "không có văn bản 9" report --document 9
check 2 "--document 'x' không phải số dương" report --document x
check 1 "tệp báo cáo '$TMPD/none/r.csv'" report --format csv --out "$TMPD/none/r.csv"
check 2 "thừa tham số 'extra'" report extra
check 2 "unexpected argument 'extra'" --lang en report extra
