# `hanchot holidays YEAR`: announced years from the shipped file, computed
# lunar days for years no announcement covers, a user's extra file, bad input.
. "$(dirname "$0")/lib.sh"
out=$(hc --db "$TMPD/h.db" holidays 2024)
echo "$out" | grep -qP '^10/02/2024\tThứ Bảy\tnghỉ\tTết Nguyên đán\tmùng 1 Tết\tđã công bố$' || fail "mùng 1 Tết 2024 missing: $out"
echo "$out" | grep -qP '^04/05/2024\tThứ Bảy\tlàm bù\t' || fail "make-up Saturday 4/5/2024 missing"
echo "$out" | grep -qP '^18/04/2024\t.*\t10/3 âm lịch\t' || fail "Giỗ Tổ 2024 missing"
out=$(hc --db "$TMPD/h.db" holidays 2040)
echo "$out" | grep -qP '^12/02/2040\t.*\tmùng 1 Tết\ttính theo luật$' || fail "computed Tết 2040 missing: $out"
# A user's file adds a local day off through the config's holidays_file.
printf '2040-10-10\textra\tNgày thành lập tỉnh\n' > "$TMPD/mine.tsv"
printf 'holidays_file = %s\n' "$TMPD/mine.tsv" > "$TMPD/c.conf"
hc --config "$TMPD/c.conf" --db "$TMPD/h.db" holidays 2040 | grep -qF "Ngày thành lập tỉnh" || fail "user holidays file ignored"
# A bad line in it is an error naming the file and the line.
printf '2040-10-10\tholiday\tX\n' > "$TMPD/mine.tsv"
set +e; err=$(hc --config "$TMPD/c.conf" --db "$TMPD/h.db" holidays 2040 2>&1); rc=$?; set -e
assert_eq "$rc" 1 "exit status for a bad holidays file"
echo "$err" | grep -qF "$TMPD/mine.tsv:1: loại 'holiday' không phải off, work, extra hoặc yearly" || fail "bad holidays file message: $err"
err=$(hc --lang en --config "$TMPD/c.conf" --db "$TMPD/h.db" holidays 2040 2>&1) || true
echo "$err" | grep -qF "$TMPD/mine.tsv:1: kind 'holiday' is not off, work, extra or yearly" || fail "bad holidays file message in English: $err"
set +e; hc --db "$TMPD/h.db" holidays 20x4 2>/dev/null; rc=$?; set -e
assert_eq "$rc" 2 "exit status for a bad year"
