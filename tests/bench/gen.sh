#!/usr/bin/env bash
# gen.sh N DIR: the same N tasks (over 2,000 notices and 80 agencies) as a
# hanchot database (DIR/hanchot.db, by one recursive-CTE INSERT per table), a
# calcurse folder (DIR/calcurse: todos and all-day appointments) and
# Taskwarrior data (DIR/task, imported from JSON).
set -euo pipefail
N=$1 DIR=$2
: "${HANCHOT:?}"
mkdir -p "$DIR"
DB=$DIR/hanchot.db
rm -f "$DB"*
"$HANCHOT" --db "$DB" list >/dev/null   # creates the schema
sqlite3 -batch "$DB" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < 80)
INSERT INTO agency(id, name, short_name, match_key) SELECT i, 'Sở số ' || i, 'S' || i, 'so so ' || i FROM a;
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 2000)
INSERT INTO document(id, number, issued_date, title, imported_at)
SELECT i, i || '/TB-UBND', date('2020-01-01', '+' || (i % 1800) || ' days'), 'Thông báo kết luận số ' || i, '2024-01-01T00:00:00Z' FROM d;
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < $N)
INSERT INTO task(id, document_id, section, summary, full_text, due_date, due_precision, status, completed_date, uuid, created_at, updated_at)
SELECT i, 1 + i % 2000, 'I.' || (i % 9) || '.' || (i % 7), 'Việc số ' || i || ': báo cáo kết quả thực hiện nhiệm vụ được giao',
       'Giao Sở số ' || (1 + i % 80) || ' chủ trì thực hiện nhiệm vụ số ' || i,
       date('2024-01-01', '+' || (i % 730) || ' days'), 'day',
       CASE WHEN i % 3 = 0 THEN 'done' WHEN i % 5 = 0 THEN 'in_progress' ELSE 'new' END,
       CASE WHEN i % 3 = 0 THEN date('2024-01-01', '+' || (i % 700) || ' days') END,
       printf('%08x-0000-4000-8000-%012x', i, i), '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM t;
INSERT INTO task_agency(task_id, agency_id, role) SELECT id, 1 + id % 80, 'lead' FROM task;
INSERT INTO task_agency(task_id, agency_id, role) SELECT id, 1 + (id * 7) % 80, 'cooperating' FROM task WHERE (id * 7) % 80 <> id % 80;
INSERT INTO task_event(task_id, at, on_date, who, what) SELECT id, created_at, '2024-01-01', 'bench', 'created' FROM task;
COMMIT;
SQL
# calcurse: open tasks as todos, every task as an all-day event, each file in
# the order calcurse itself saves it (todos by priority then text, events by
# day then text): calcurse inserts each item it reads into a sorted list, so a
# file out of order costs it quadratic time (minutes at 100,000 items) that no
# real user's file would.
mkdir -p "$DIR/calcurse"
sqlite3 -batch "$DB" "SELECT '[' || (1 + id % 9) || '] ' || summary FROM task WHERE status NOT IN ('done','cancelled') ORDER BY 1 + id % 9, summary" > "$DIR/calcurse/todo"
sqlite3 -batch "$DB" "SELECT strftime('%m/%d/%Y', due_date) || ' [1] ' || summary FROM task ORDER BY due_date, summary" > "$DIR/calcurse/apts"
: > "$DIR/calcurse/conf"   # calcurse's defaults (an empty file is valid: checked with -xical)
# Taskwarrior: the same tasks through `task import`.
if command -v task >/dev/null; then
	mkdir -p "$DIR/task"
	printf 'data.location=%s/task\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$DIR" > "$DIR/taskrc"
	sqlite3 -batch "$DB" "SELECT json_object('uuid', uuid, 'description', summary, 'project', 'S' || (1 + id % 80),
		'due', strftime('%Y%m%dT000000Z', due_date), 'entry', '20240101T000000Z',
		'status', CASE status WHEN 'done' THEN 'completed' ELSE 'pending' END) FROM task" > "$DIR/task.json"
	TASKRC=$DIR/taskrc task import "$DIR/task.json" >/dev/null 2>&1
fi
