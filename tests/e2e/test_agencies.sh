# Agencies: spelling variants name one agency; the 2025 reorganisation moves
# open tasks to the successor, leaves finished ones, keeps the history.
. "$(dirname "$0")/lib.sh"
DB=$TMPD/a.db
NOTICE="$(dirname "$0")/../fixtures/thong-bao-ket-luan-lai-chau-2024-04.md"
q() { sqlite3 "$DB" "$1"; }
hc --db "$DB" --today 2025-05-17 import "$NOTICE" >/dev/null
# A hand-entered task written another way lands on the same agency.
hc --db "$DB" --today 2025-05-17 add --lead "SỞ KH&ĐT" "Báo cáo vốn đầu tư công" >/dev/null
assert_eq "$(q "SELECT count(*) FROM agency WHERE match_key = (SELECT match_key FROM agency WHERE name = 'Sở Kế hoạch và Đầu tư')")" 1 "one agency for both spellings"
khdt=$(q "SELECT id FROM agency WHERE name = 'Sở Kế hoạch và Đầu tư'")
done_id=$(q "SELECT t.id FROM task t JOIN task_agency ta ON ta.task_id = t.id WHERE ta.agency_id = $khdt ORDER BY t.id LIMIT 1")
hc --db "$DB" --today 2025-05-17 done "$done_id" >/dev/null
open_before=$(q "SELECT count(*) FROM task_agency ta JOIN task t ON t.id = ta.task_id WHERE ta.agency_id = $khdt AND t.status NOT IN ('done','cancelled')")
[ "$open_before" -ge 2 ] || fail "fixture: expected open tasks for Sở KH&ĐT, got $open_before"

hc --db "$DB" agencies --format tsv | awk -F'\t' -v id="$khdt" '$1 == id { print $2 }' | grep -qx "Sở Kế hoạch và Đầu tư" || fail "agencies list"
events=$(q "SELECT count(*) FROM task_event")
hc --db "$DB" --today 2025-05-17 agencies apply-successors --dry-run | grep -qF "Sở Kế hoạch và Đầu tư -> Sở Tài chính: sẽ chuyển $open_before phân công" || fail "dry run"
assert_eq "$(q "SELECT count(*) FROM task_event")" "$events" "dry run wrote nothing"
# Before the reorganisation took effect nothing moves.
hc --db "$DB" --today 2025-05-17 agencies apply-successors --date 2024-12-31 | grep -qF "Không có việc" || fail "applied before its date"

hc --db "$DB" --today 2025-05-17 agencies apply-successors >/dev/null
tc=$(q "SELECT id FROM agency WHERE name = 'Sở Tài chính'")
assert_eq "$(q "SELECT count(*) FROM task_agency ta JOIN task t ON t.id = ta.task_id WHERE ta.agency_id = $khdt AND t.status NOT IN ('done','cancelled')")" 0 "open tasks left behind"
assert_eq "$(q "SELECT count(*) FROM task_agency WHERE task_id = $done_id AND agency_id = $khdt")" 1 "a done task keeps its agency"
assert_eq "$(q "SELECT count(*) FROM task_event WHERE what = 'assign' AND old_value = 'Sở Kế hoạch và Đầu tư' AND new_value = 'Sở Tài chính'")" "$open_before" "assign events"
assert_eq "$(q "SELECT successor_id FROM agency WHERE id = $khdt")" "$tc" "successor recorded"
# Partial successors are reported, not applied; a second run has nothing left.
hc --db "$DB" --today 2025-05-17 agencies apply-successors | grep -qF "Không có việc" || fail "second run moved something"
# The old name still matches, and new work goes to the successor.
new=$(hc --db "$DB" --today 2025-05-17 add --lead "Sở Kế hoạch & Đầu tư" "Việc mới")
assert_eq "$(q "SELECT agency_id FROM task_agency WHERE task_id = $new")" "$tc" "new task of an old name"
assert_eq "$(q "SELECT count(*) FROM agency WHERE name LIKE 'Sở K%ầu tư'")" 1 "old name matched, no new agency"
set +e; hc --db "$DB" agencies frobnicate 2>/dev/null; rc=$?; set -e
assert_eq "$rc" 2 "unknown subcommand"

# An agency the shipped agencies.tsv knows is stored under its canonical
# name, short name and kind, however the notice or the clerk wrote it; the
# task list on the screen shows the short name, the detail pane the name.
DB2=$TMPD/k.db
hc --db "$DB2" --today 2024-05-17 add --lead "Sở Văn hóa – Thể thao và Du lịch" --due 30/5/2024 "Tổ chức lễ hội" >/dev/null
assert_eq "$(sqlite3 "$DB2" "SELECT name || '|' || short_name || '|' || kind FROM agency")" \
	"Sở Văn hóa, Thể thao và Du lịch|Sở VH-TT&DL|so_ban_nganh" "canonical name from agencies.tsv"
hc --db "$DB2" --today 2024-05-17 add --lead "SỞ VH-TT&DL" "Việc hai" >/dev/null
assert_eq "$(sqlite3 "$DB2" "SELECT count(*) FROM agency")" 1 "short name matched the stored agency"
start list 120 20 "$HANCHOT" --db "$DB2" --today 2024-05-17
wait_for "Tổ chức lễ hội"
screen | grep -F "Tổ chức lễ hội" | grep -qF "Sở VH-TT&DL" || fail "the list does not show the short name"
keys Enter; wait_for "Chủ trì: Sở Văn hóa, Thể thao và Du lịch"
keys q; wait_exit
