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
check 2 "thiếu --lead CƠ_QUAN" --db "$DB" add "Việc"
check 2 "missing --lead" --db "$DB" --lang en add "Việc"
check 1 "không có việc 99" --db "$DB" done 99
check 1 "task 99 does not exist" --db "$DB" --lang en done 99
check 2 "số việc 'abc' không phải số dương" --db "$DB" done abc
check 2 "task id 'abc' is not a positive number" --db "$DB" --lang en done abc
check 2 "--date: Ngày không hợp lệ: 2024-13-01 — tháng 13 không có" --db "$DB" done 1 --date 2024-13-01
check 1 "không có thư mục '/nonexistent-hanchot'" --db /nonexistent-hanchot/x.db list
check 1 "folder '/nonexistent-hanchot' does not exist" --lang en --db /nonexistent-hanchot/x.db list
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
check 1 "cấu hình '$TMPD/bad.conf', dòng 2: khoá 'warning_days': giá trị 'many' không phải số nguyên" --config "$TMPD/bad.conf" --db "$DB" list
check 1 "config '$TMPD/bad.conf', line 2: key 'warning_days': value 'many'" --lang en --config "$TMPD/bad.conf" --db "$DB" list
check 1 "cấu hình '$TMPD/none.conf': không có tệp hoặc thư mục này" --config "$TMPD/none.conf" --db "$DB" list
check 1 "config '$TMPD/none.conf': No such file" --lang en --config "$TMPD/none.conf" --db "$DB" list
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
# One language at a time, family by family: each error in Vietnamese when
# Vietnamese is chosen (here by default) and in English with --lang en.
both() { # status vietnamese english args...
	local want=$1 vi=$2 en=$3; shift 3
	check "$want" "$vi" "$@"
	check "$want" "$en" --lang en "$@"
}
both 2 "cần đúng một số việc" "expected one task ID" --db "$DB" done
both 2 "không có lệnh con 'x'" "unknown subcommand 'x'" --db "$DB" agencies x
both 2 "'3000' không phải năm từ 1800 đến 2199" "year '3000' is not a year from 1800 to 2199" --db "$DB" holidays 3000
both 2 "thiếu tệp thông báo" "missing FILE" --db "$DB" import
set +e; usage=$("$HANCHOT" --db "$DB" done 2>&1 | sed -n 2p); set -e
assert_eq "$usage" "cách dùng: hanchot done ID [--date DATE]" "the usage line in Vietnamese"
"$HANCHOT" --help | grep -qF "Không có lệnh thì mở màn hình theo dõi hạn." || fail "--help in Vietnamese"
"$HANCHOT" --lang en --help | grep -qF "With no command, opens the deadline screen." || fail "--help in English"
# import and notice errors
printf 'abc\0def' >"$TMPD/nhiphan.md"
both 1 "thông báo '$TMPD/nhiphan.md': dữ liệu nhị phân, không phải văn bản (byte NUL ở vị trí 3)" \
	"notice '$TMPD/nhiphan.md': binary data, not text (NUL byte at offset 3)" --db "$DB" import "$TMPD/nhiphan.md"
printf 'Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành khẩn trương triển khai thực hiện.\nGiám đốc Sở Tài chính chủ trì, báo cáo kết quả trước ngày 14/5/2024.\n' |
	iconv -f UTF-8 -t WINDOWS-1258 >"$TMPD/cp1258.md"
both 1 "không phải mã UTF-8: có vẻ là văn bản mã Windows-1258; hãy chuyển mã bằng: iconv -f WINDOWS-1258" \
	"not UTF-8: it looks like Windows-1258 text; convert it with: iconv -f WINDOWS-1258" --db "$DB" import "$TMPD/cp1258.md"
: >"$TMPD/rong.md"
both 1 "tệp rỗng: không có nội dung để đọc" "empty: there is no text to read" --db "$DB" import "$TMPD/rong.md"
both 1 "thông báo '$TMPD/khong.md': không có tệp hoặc thư mục này" "notice '$TMPD/khong.md': No such file or directory" \
	--db "$DB" import "$TMPD/khong.md"
printf 'Hôm nay trời đẹp, mọi người đi chơi.\n\nBuổi chiều có mưa nhỏ.\n' >"$TMPD/thuong.md"
both 1 "không tìm thấy việc được giao: 2 đoạn" "no assignment found: 2 paragraphs" --db "$DB" import "$TMPD/thuong.md"
printf '{\\rtf1 Th\\u244?ng b\\u225?o}' >"$TMPD/thu.rtf"
both 1 "tài liệu RTF, hanchot không đọc được: hãy chuyển đổi bằng: libreoffice" \
	"an RTF document, which hanchot does not read: convert it with: libreoffice" --db "$DB" import "$TMPD/thu.rtf"
# ... and from the reader (hanchot-extract, a process of its own)
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("a.txt", "x")' "$TMPD/nen.zip"
both 1 "tệp nén zip, không phải tài liệu Word hay OpenDocument: hãy giải nén" \
	"a zip archive, not a Word or OpenDocument document: unpack it" --db "$DB" import "$TMPD/nen.zip"
# export, output paths, backup and restore
both 2 "--agency 'Sở Không Có': không có cơ quan này" "--agency 'Sở Không Có': no such agency" --db "$DB" export --agency "Sở Không Có"
both 1 "tệp xuất '$TMPD/khong/x.ics': không có thư mục '$TMPD/khong'" "export file '$TMPD/khong/x.ics': folder '$TMPD/khong' does not exist" \
	--db "$DB" export --out "$TMPD/khong/x.ics"
both 1 "khôi phục: '$TMPD/thuong.md' không phải cơ sở dữ liệu hanchot" "restore: '$TMPD/thuong.md' is not a hanchot database" \
	--db "$DB" restore "$TMPD/thuong.md"
both 1 "bản sao lưu '$TMPD/khong/b.db': không có thư mục" "backup '$TMPD/khong/b.db': folder" --db "$DB" backup "$TMPD/khong/b.db"
both 2 "--kind: kiểu xuất 'week': cần event, todo hoặc both" "--kind: export kind 'week': expected event, todo or both" \
	--db "$DB" export --kind week
# publishing (no server needed for these)
both 2 "chưa có bộ lịch để đồng bộ: hãy đặt publish_url hoặc dùng --url" \
	"no collection to publish to: set publish_url or give --url" --db "$DB" publish
both 1 "đồng bộ 'ftp://x/': không phải địa chỉ http:// hay https://" "publish 'ftp://x/': not an http:// or https:// URL" \
	--db "$DB" publish --url ftp://x/
# the key bindings of the configuration, read when the screen starts
printf 'key.done = Ctrl-Q-Z\n' >"$TMPD/keys.conf"
both 1 "cấu hình '$TMPD/keys.conf', dòng 1: key.done: không có phím 'Ctrl-Q-Z'" \
	"config '$TMPD/keys.conf', line 1: key.done: unknown key 'Ctrl-Q-Z'" --config "$TMPD/keys.conf" --db "$DB"
# the warnings: a task no calendar can take, left out of the kept-current calendar
cp "$DB" "$TMPD/w9.db"; sqlite3 "$TMPD/w9.db" "UPDATE task SET due_date = '9999-12-31' WHERE id = 1"
printf 'export_file = %s\n' "$TMPD/w9.ics" >"$TMPD/w9.conf"
warn=$("$HANCHOT" --config "$TMPD/w9.conf" --db "$TMPD/w9.db" add --lead X "Việc khác" 2>&1 >/dev/null)
assert_eq "$warn" "hanchot: cảnh báo: export_file '$TMPD/w9.ics': 1 việc không được xuất: việc 1: hạn 9999-12-31 nằm ngoài 1800-2199" "warning in Vietnamese"
warn=$("$HANCHOT" --lang en --config "$TMPD/w9.conf" --db "$TMPD/w9.db" add --lead X "Việc khác" 2>&1 >/dev/null)
assert_eq "$warn" "hanchot: warning: export_file '$TMPD/w9.ics': 1 task not exported: task 1: due date 9999-12-31 is outside 1800-2199" "warning in English"

# No English leaks with Vietnamese chosen: the first line of every error
# above (and of the other families') holds none of the English messages' words.
leaks() { # args...: prints the error's first line when it has an English word
	local err
	set +e; err=$("$HANCHOT" "$@" 2>&1 >/dev/null | head -1); set -e
	printf '%s\n' "$err" | grep -iwE "is|not|no|expected|missing|unknown|cannot|does|exist|found|empty|binary|text|file|folder|warning|usage|too|large|give|needs|only|without|damaged|restore:|backup|notice|config|value|database|task|the" || true
}
out=""
for cmd in "done" "agencies x" "holidays 3000" "import" "import $TMPD/nhiphan.md" "import $TMPD/cp1258.md" \
	"import $TMPD/rong.md" "import $TMPD/khong.md" "import $TMPD/nen.zip" "import $TMPD/thuong.md" "import $TMPD/thu.rtf" \
	"export --out $TMPD/khong/x.ics" "restore $TMPD/thuong.md" "backup $TMPD/khong/b.db" "done 99" "done abc" \
	"extend 1 --to 2024-07-01" "extend 1 --reason x" "status 1 finished" "status 1" "add" "add --lead X a b" \
	"report --from 2024-05-31 --to 2024-05-01" "frobnicate" "publish" "publish --url ftp://x/"; do
	# shellcheck disable=SC2086 # the words are the arguments
	out+=$(leaks --db "$DB" $cmd)
done
out+=$(leaks --db /nonexistent-hanchot/x.db list)
out+=$(leaks --config "$TMPD/bad.conf" --db "$DB" list)
out+=$(leaks --config "$TMPD/none.conf" --db "$DB" list)
out+=$(leaks --config "$TMPD/keys.conf" --db "$DB")
[ -z "$out" ] || fail "English with Vietnamese chosen: $out"
echo "test_cli_errors: all steps passed"
