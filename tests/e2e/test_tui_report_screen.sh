# Issue 16 item 11: the report screen ready for the meeting: agencies most
# overdue first, "% đúng hạn" whole at 120 columns, a legend for the short
# headings, English headings apart; S saves into report_dir (default
# ~/hanchot-reports) under a dated name, never over a file already there,
# and says the full path; the HTML opens with bars (inline SVG, no script)
# and keeps narrow columns' words whole.
. "$(dirname "$0")/lib.sh"

DB=$TMPD/tasks.db
hc --db "$DB" import "$(dirname "$0")/../fixtures/thong-bao-ket-luan-lai-chau-2024-04.md" >/dev/null
export HOME=$TMPD

start vi 120 35 "$HANCHOT" --db "$DB" --today 2024-05-10
wait_for "19 việc"; keys Escape R; wait_for "Báo cáo tình hình thực hiện đến ngày 10/05/2024"
wait_for "Tính đến ngày 10/05/2024, còn 3/19 việc đang triển khai quá hạn."
screen | grep -qE '^Cơ quan .* Tổng +% đúng hạn$' || fail "'% đúng hạn' heading whole at 120 columns"
first=$(screen | sed -n 5p)
case $first in "Sở Thông tin và Truyền thông "*" 3 "*) ;; *) fail "most overdue first: '$first'";; esac
wait_for "Q.hạn: quá hạn · H.nay: đến hạn hôm nay"
wait_for "Đ.hạn: hoàn thành đúng hạn · Trễ: hoàn thành quá hạn · Huỷ: đã huỷ"
keys S; wait_for "Ghi báo cáo ra tệp (.csv, .html, .md, khác: bảng): $TMPD/hanchot-reports/bao-cao-2024-05-10.html"
keys Enter; wait_for "Đã ghi báo cáo ra $TMPD/hanchot-reports/bao-cao-2024-05-10.html"
keys S; wait_for "$TMPD/hanchot-reports/bao-cao-2024-05-10-2.html"
keys C-u "$TMPD/hanchot-reports/bao-cao-2024-05-10.html" Enter
wait_for "Tệp đã có, không ghi đè"
keys Escape; wait_gone "Ghi báo cáo ra tệp"
keys q; wait_exit

H=$TMPD/hanchot-reports/bao-cao-2024-05-10.html
grep -qF '<svg class="bars"' "$H" || fail "no bars in the HTML report"
grep -qi '<script' "$H" && fail "the HTML report has a script"
grep -qF 'overflow-wrap: anywhere' "$H" && fail "narrow columns still break words"
/usr/bin/python3 - "$H" <<'PY' || fail "the bars"
import re, sys, xml.dom.minidom
s = open(sys.argv[1], encoding="utf-8").read()
svg = xml.dom.minidom.parseString(re.search(r"<svg.*?</svg>", s, re.S).group(0))
texts = [t.firstChild.data for t in svg.getElementsByTagName("text") if t.firstChild]
assert texts[:2] == ["quá hạn", "đang mở"], texts[:2]
assert texts[2] == "Sở Thông tin và Truyền thông" and texts[3] == "3/3", texts[2:4]
assert s.index("<svg") < s.index("<table"), "the picture comes first"
PY

start en 120 35 "$HANCHOT" --db "$DB" --today 2024-05-10 --lang en
wait_for "19 tasks"; keys Escape R; wait_for "Progress report as of 10/05/2024"
screen | grep -qE ' Late +Today +Soon +Due +None +OnTime +Late\.d +Canc\. +Total +% on time$' || fail "English headings apart"
keys q; wait_exit
echo "test_tui_report_screen: all steps passed"
