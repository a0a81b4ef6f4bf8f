# What the calendar says, read back by python3-icalendar (not libical): VTODO
# statuses as RFC 5545 means them, done in the SUMMARY, cancelled tasks out of
# the event feed, the extension and its reason, the lead's short name first,
# one CATEGORIES line, a configuration change bumping SEQUENCE and DTSTAMP, a
# summary cleaning down to nothing.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/tasks.db
hc() { "$HANCHOT" --db "$DB" --today 2024-05-10 "$@"; }
uid() { sqlite3 "$DB" "SELECT uuid FROM task WHERE id = $1"; }

hc add --lead "Sở Kế hoạch và Đầu tư" --due 30/9/2024 --section VI.9 "Báo cáo vốn đầu tư công" >/dev/null # 1
hc add --lead "Sở Tài chính" --due 20/5/2024 "Đang làm" >/dev/null                                          # 2
hc add --lead "Sở Tài chính" --due 21/5/2024 "Chờ xác nhận" >/dev/null                                     # 3
hc add --lead "Sở Tài chính" --due 22/5/2024 "Tạm hoãn" >/dev/null                                         # 4
hc add --lead "Sở Tài chính" --due 23/5/2024 "Đã xong" >/dev/null                                          # 5
hc add --lead "Sở Tài chính" --due 24/5/2024 "Huỷ bỏ" >/dev/null                                           # 6
hc add --lead "Sở Tài chính" --lead "Sở Văn hóa, Thể thao và Du lịch" --due 25/5/2024 "Hai cơ quan" >/dev/null # 7
hc add --lead "Sở Y tế" --due 26/5/2024 --section VI.10 "x" >/dev/null                                    # 8
sqlite3 "$DB" "UPDATE task SET summary = char(1) || char(2) || ' ', full_text = char(27) WHERE id = 8"
hc status 2 in_progress
hc status 3 reported
hc status 4 paused
hc done 5 --date 2024-05-09
hc cancel 6
hc extend 1 --to 15/10/2024 --reason "Chờ vốn bổ sung"

check() { # FILE: python3-icalendar's reading against what a clerk expects
	/usr/bin/python3 - "$1" "$(uid 1)" "$(uid 2)" "$(uid 3)" "$(uid 4)" "$(uid 5)" "$(uid 6)" "$(uid 7)" "$(uid 8)" <<'PY'
import sys, icalendar
data = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(data)
u = [None] + sys.argv[2:]
ev = {str(c['UID']): c for c in cal.walk('VEVENT')}
td = {str(c['UID']): c for c in cal.walk('VTODO')}
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
def st(i):
    return str(td[u[i] + '-todo'].get('STATUS'))
want(st(2) == 'IN-PROCESS', 'in progress: %s' % st(2))
want(st(3) == 'NEEDS-ACTION' and 'Trạng thái: chờ xác nhận' in str(td[u[3] + '-todo']['DESCRIPTION']), 'reported')
want(st(4) == 'NEEDS-ACTION' and 'Trạng thái: tạm hoãn' in str(td[u[4] + '-todo']['DESCRIPTION']), 'paused')
want(st(1) == 'NEEDS-ACTION', 'new: %s' % st(1))
want(str(ev[u[5]]['SUMMARY']).startswith('✓ Sở Tài chính: '), 'done summary: %s' % ev[u[5]]['SUMMARY'])
want(not ev[u[5]].walk('VALARM'), 'done with an alarm')
want(st(5) == 'COMPLETED', 'done VTODO')
want(u[6] not in ev, 'a cancelled task in the event feed')
want(st(6) == 'CANCELLED', 'cancelled VTODO: %s' % st(6))
d1 = str(ev[u[1]]['DESCRIPTION'])
want('Thời hạn: 15/10/2024 (gia hạn từ 30/09/2024: Chờ vốn bổ sung)' in d1, 'extension: %r' % d1)
want(str(ev[u[1]]['DTSTART'].to_ical().decode()) == '20241015', 'extended date')
want(str(ev[u[1]]['SUMMARY']) == 'Sở KH&ĐT: Báo cáo vốn đầu tư công (VI.9)', 'lead short name: %s' % ev[u[1]]['SUMMARY'])
want(str(ev[u[7]]['SUMMARY']) == 'Sở Tài chính; Sở VH-TT&DL: Hai cơ quan', 'two leads: %s' % ev[u[7]]['SUMMARY'])
# one line, its values split at unescaped commas (python3-icalendar 5.0 also
# splits at "\,", inside a name: read the line as written)
want(not isinstance(ev[u[7]]['CATEGORIES'], list), 'two CATEGORIES properties')
from icalendar.parser import Contentlines
raw = [l for l in Contentlines.from_ical(data.decode()) if l.startswith('CATEGORIES:Sở Tài chính,')]
want(raw and raw[0] == 'CATEGORIES:Sở Tài chính,Sở Văn hóa\\, Thể thao và Du lịch', 'categories: %r' % raw)
want(str(ev[u[8]]['SUMMARY']) == 'SYT: mục VI.10', 'empty summary: %s' % ev[u[8]]['SUMMARY'])
want(b'VI.10:' not in data, 'a dangling "VI.10:"')
for k in ev:
    n = ev[k].to_ical().count(b'\r\nCATEGORIES')
    want(n == 1, '%s has %d CATEGORIES lines' % (k, n))
if bad:
    print('\n'.join(bad), file=sys.stderr)
    sys.exit(1)
PY
}

hc export --kind both --out "$TMPD/a.ics"
check "$TMPD/a.ics" || fail "what the calendar says"
# --kind event: the cancelled task is nowhere
hc export --out "$TMPD/e.ics"
grep -q "Huỷ bỏ" "$TMPD/e.ics" && fail "a cancelled task in the event-only feed"

# The same through the splice (export_file after one change): equal to a fresh export.
printf 'export_file = %s\nexport_kind = both\n' "$TMPD/kept.ics" >"$TMPD/kept.conf"
hc --config "$TMPD/kept.conf" list >/dev/null
hc --config "$TMPD/kept.conf" reopen 5
hc --config "$TMPD/kept.conf" done 5 --date 2024-05-09
sqlite3 "$DB" "DELETE FROM ical_index"
hc --config "$TMPD/kept.conf" export --kind both --out "$TMPD/fresh.ics"
cmp -s "$TMPD/kept.ics" "$TMPD/fresh.ics" || fail "export_file after a change differs from a fresh export"
check "$TMPD/kept.ics" || fail "what export_file says"

# An "extension" to the same date changes nothing: the extension shown stays.
hc export --kind both --out "$TMPD/a0.ics"
hc extend 1 --to 15/10/2024 --reason "Nhầm"
hc export --kind both --out "$TMPD/a.ics"
check "$TMPD/a.ics" || fail "after an extension to the same date"
cmp -s "$TMPD/a0.ics" "$TMPD/a.ics" || fail "an extension to the same date changed the calendar: $(diff "$TMPD/a0.ics" "$TMPD/a.ics")"

seq_of() { awk -v u="UID:$2" '$0 == u "\r" { f = 1 } f && /^'"$3"':/ { sub(/\r$/, ""); sub(/^[A-Z]+:/, ""); print; exit }' "$1"; }
# A new short name changes the SUMMARY: SEQUENCE moves.
s1=$(seq_of "$TMPD/a.ics" "$(uid 1)" SEQUENCE)
sqlite3 "$DB" "UPDATE agency SET short_name = 'Sở TC-KH' WHERE name = 'Sở Kế hoạch và Đầu tư'"
hc export --kind both --out "$TMPD/b.ics"
assert_eq "$(seq_of "$TMPD/b.ics" "$(uid 1)" SEQUENCE)" $((s1 + 1)) "SEQUENCE after a new short name"
grep -q "^SUMMARY:Sở TC-KH: " "$TMPD/b.ics" || fail "the new short name is not in the SUMMARY"

# A configuration that changes the events' text (alarms, language) bumps every
# SEQUENCE and DTSTAMP once; exporting again with it bumps nothing.
s2=$(seq_of "$TMPD/b.ics" "$(uid 2)" SEQUENCE)
# the last change an hour ago, so the bump's "now" is seen to move DTSTAMP
sqlite3 "$DB" "UPDATE task SET ical_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 hour')"
hc export --out "$TMPD/b2.ics"
d2=$(seq_of "$TMPD/b2.ics" "$(uid 2)" DTSTAMP)
printf 'alarms = -P1D\n' >"$TMPD/alarm.conf"
hc --config "$TMPD/alarm.conf" export --out "$TMPD/c.ics"
assert_eq "$(seq_of "$TMPD/c.ics" "$(uid 2)" SEQUENCE)" $((s2 + 1)) "SEQUENCE after new alarms"
[ "$(seq_of "$TMPD/c.ics" "$(uid 2)" DTSTAMP)" != "$d2" ] || fail "DTSTAMP did not move with new alarms"
grep -q "^TRIGGER:-P1D" "$TMPD/c.ics" || fail "the new alarm is not there"
hc --config "$TMPD/alarm.conf" export --out "$TMPD/d.ics"
assert_eq "$(seq_of "$TMPD/d.ics" "$(uid 2)" SEQUENCE)" $((s2 + 1)) "SEQUENCE after the same configuration again"
hc --config "$TMPD/alarm.conf" --lang en export --out "$TMPD/en.ics"
assert_eq "$(seq_of "$TMPD/en.ics" "$(uid 2)" SEQUENCE)" $((s2 + 2)) "SEQUENCE after another language"
# the kind alone changes no component's text
hc --config "$TMPD/alarm.conf" --lang en export --kind both --out "$TMPD/en2.ics"
assert_eq "$(seq_of "$TMPD/en2.ics" "$(uid 2)" SEQUENCE)" $((s2 + 2)) "SEQUENCE after another kind"
echo "test_calendar: ok"
