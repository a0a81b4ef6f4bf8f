# Bad input on the command line: one line on stderr naming what was wrong, the
# documented exit status, and the database left as it was.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/tasks.db
hc --db "$DB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
before=$(sqlite3 "$DB" "SELECT group_concat(id||status||version) FROM task; SELECT count(*) FROM task_event")

check() { # expected-status expected-text args...
	local want=$1 text=$2; shift 2
	set +e; err=$("$HANCHOT" "$@" 2>&1 >/dev/null); rc=$?; set -e
	assert_eq "$rc" "$want" "exit status of: $*"
	echo "$err" | head -1 | grep -qF -- "$text" || fail "message for '$*' lacks '$text': $err"
	[ "$(echo "$err" | grep -c '^hanchot')" -eq 1 ] || fail "expected one error line for '$*': $err"
}
# one language at a time: a date's error in the screen's language (Vietnamese here)
check 2 "Ngày không hợp lệ: 31/2/2024 — tháng 2/2024 chỉ có 29 ngày" --db "$DB" add --lead X --due 31/2/2024 "Việc"
check 2 "Ngày không hợp lệ: 32/13/2024 — tháng 13 không có" --db "$DB" add --lead X --due 32/13/2024 "Việc"
check 2 "february 2024 has only 29 days" --db "$DB" --lang en add --lead X --due 31/2/2024 "Việc"
check 2 "Ngày không hợp lệ: 0/5/2024 — ngày 0 không có" --db "$DB" add --lead X --due 0/5/2024 "Việc"
check 2 "missing --lead" --db "$DB" add "Việc"
check 1 "không có việc 99" --db "$DB" done 99
check 1 "task 99 does not exist" --db "$DB" --lang en done 99
check 2 "số việc 'abc' không phải số dương" --db "$DB" done abc
check 2 "task id 'abc' is not a positive number" --db "$DB" --lang en done abc
check 2 "--date: Ngày không hợp lệ: 2024-13-01 — tháng 13 không có" --db "$DB" done 1 --date 2024-13-01
check 1 "folder '/nonexistent-hanchot' does not exist" --db /nonexistent-hanchot/x.db list
check 2 "không có lệnh 'frobnicate'" --db "$DB" frobnicate
check 2 "--today: Ngày không hợp lệ: 2024-02-30" --db "$DB" --today 2024-02-30 list
mkdir "$TMPD/ro"; cp "$DB" "$TMPD/ro/ro.db"; chmod 0444 "$TMPD/ro/ro.db"
if [ "$(id -u)" != 0 ]; then check 1 "read-only" --db "$TMPD/ro/ro.db" list; fi
after=$(sqlite3 "$DB" "SELECT group_concat(id||status||version) FROM task; SELECT count(*) FROM task_event")
assert_eq "$after" "$before" "database after bad input"

# The acceptance example of the foundation issue.
rm -f "$TMPD/x.db"
hc --db "$TMPD/x.db" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
hc --db "$TMPD/x.db" --today 2024-05-17 list | grep -F "Báo cáo thu ngân sách" | grep -qF "quá hạn 3 ngày" || fail "overdue by 3 days not shown"
HANCHOT_DB="$TMPD/x.db" HANCHOT_TODAY=2024-05-13 "$HANCHOT" list | grep -qF "ngày mai" || fail "HANCHOT_DB/HANCHOT_TODAY not honoured"

# A bad configuration file names file, line and key, and changes nothing.
printf 'language = en\nwarning_days = many\n' > "$TMPD/bad.conf"
check 1 "config '$TMPD/bad.conf', line 2: key 'warning_days': value 'many'" --config "$TMPD/bad.conf" --db "$DB" list
check 1 "config '$TMPD/none.conf': No such file" --config "$TMPD/none.conf" --db "$DB" list
printf 'language = en\n' > "$TMPD/en.conf"
hc --config "$TMPD/en.conf" --db "$DB" --today 2024-05-17 list | grep -qF "3 days overdue" || fail "language = en not applied"
mkdir -p "$XDG_CONFIG_HOME/hanchot"; cp "$TMPD/en.conf" "$XDG_CONFIG_HOME/hanchot/config"
hc --db "$DB" --today 2024-05-17 list | grep -qF "3 days overdue" || fail "default config path not read"
hc --lang vi --db "$DB" --today 2024-05-17 list | grep -qF "quá hạn 3 ngày" || fail "--lang does not override the config"

# working_day_countdown counts working days, skipping the weekend and 30/4-1/5.
rm -f "$TMPD/w.db"
hc --db "$TMPD/w.db" add --lead "Sở Tài chính" --due 3/5/2024 "Việc sau kỳ nghỉ" >/dev/null
printf 'working_day_countdown = true\n' > "$TMPD/w.conf"
hc --lang vi --db "$TMPD/w.db" --today 2024-04-26 list | grep -qF "còn 7 ngày" || fail "calendar-day countdown"
hc --lang vi --config "$TMPD/w.conf" --db "$TMPD/w.db" --today 2024-04-26 list | grep -qF "còn 2 ngày làm việc" || fail "working-day countdown: $(hc --config "$TMPD/w.conf" --db "$TMPD/w.db" --today 2024-04-26 list)"

# The language: English when the locale says so, unless the configuration or --lang names one.
rm -f "$XDG_CONFIG_HOME/hanchot/config"
LC_ALL=en_US.UTF-8 hc --db "$TMPD/x.db" --today 2024-05-17 list | grep -qF "3 days overdue" || fail "English locale"
LC_ALL=vi_VN.UTF-8 hc --db "$TMPD/x.db" --today 2024-05-17 list | grep -qF "quá hạn 3 ngày" || fail "Vietnamese locale"
LC_ALL=C.UTF-8 hc --db "$TMPD/x.db" --today 2024-05-17 list | grep -qF "quá hạn 3 ngày" || fail "C locale: Vietnamese by default"
printf 'language = vi\n' > "$TMPD/vi.conf"
LC_ALL=en_US.UTF-8 hc --config "$TMPD/vi.conf" --db "$TMPD/x.db" --today 2024-05-17 list | grep -qF "quá hạn 3 ngày" || fail "config language over the locale"

# The command line says what it did, in the chosen language; agencies and
# list align Vietnamese columns by display width and cut long lead names.
rm -f "$TMPD/s.db"
hc --db "$TMPD/s.db" add --lead "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu" --due 20/5/2024 "Báo cáo du lịch" >/dev/null
assert_eq "$(hc --db "$TMPD/s.db" --today 2024-05-17 extend 1 --to 31/5/2024 --reason "chờ số liệu")" \
	"Đã gia hạn việc 1 đến 31/05/2024: Báo cáo du lịch" "extend says what it did"
assert_eq "$(hc --db "$TMPD/s.db" --today 2024-05-17 done 1)" "Đã hoàn thành việc 1: Báo cáo du lịch" "done says what it did"
assert_eq "$(hc --db "$TMPD/s.db" --lang en reopen 1)" "Task 1: in progress: Báo cáo du lịch" "reopen in English"
header=$(hc --db "$TMPD/s.db" agencies | head -1)
row=$(hc --db "$TMPD/s.db" agencies | sed -n 2p)
# the figures end in the same display column as their headings
[ "$(printf '%s' "${header%%  CƠ QUAN}" | wc -m)" = "$(printf '%s' "${row%%  Sở*}" | wc -m)" ] || fail "agencies columns: '$header' / '$row'"
line=$(hc --db "$TMPD/s.db" --today 2024-05-17 list | sed -n 2p)
echo "$line" | grep -qF "Sở Văn hóa, Thể thao và… Báo cáo du lịch" || fail "list: long lead not cut to its column: $line"
echo "test_cli_errors: all steps passed"
