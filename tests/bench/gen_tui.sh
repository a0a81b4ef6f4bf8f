#!/usr/bin/env bash
# gen_tui.sh DB N: a database of N tasks over 60 agencies (SQL generation with
# a recursive CTE; the schema comes from hanchot itself).
set -euo pipefail
db=$1 n=$2
rm -f "$db" "$db-wal" "$db-shm"
"$HANCHOT" --db "$db" add --lead "Sở 0" "seed" >/dev/null
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
DELETE FROM task_event; DELETE FROM task_agency; DELETE FROM task; DELETE FROM agency;
WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < 60)
INSERT INTO agency(id, name, match_key) SELECT i, 'Sở số ' || i, 'Sở số ' || i FROM a;
WITH RECURSIVE t(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM t WHERE i < $n)
INSERT INTO task(id, section, summary, full_text, due_date, due_precision, status, completed_date,
                 uuid, created_at, updated_at)
SELECT i, 'I.' || (i % 9) || '.' || (i % 7),
       CASE i % 3 WHEN 0 THEN 'Kế hoạch đầu tư công số ' WHEN 1 THEN 'Báo cáo thu ngân sách số '
       ELSE 'Rà soát quy hoạch số ' END || i, 'Nội dung đầy đủ của việc ' || i,
       CASE WHEN i % 10 = 0 THEN NULL ELSE date('2024-05-17', ((i * 7919) % 400 - 200) || ' days') END,
       CASE WHEN i % 10 = 0 THEN 'none' ELSE 'day' END,
       CASE i % 5 WHEN 0 THEN 'done' WHEN 1 THEN 'in_progress' ELSE 'new' END,
       CASE WHEN i % 5 = 0 THEN '2024-05-01' END,
       lower(hex(randomblob(16))), '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z'
FROM t;
INSERT INTO task_agency(task_id, agency_id, role, position) SELECT id, 1 + id % 60, 'lead', 0 FROM task;
INSERT INTO task_event(task_id, at, on_date, who, what, new_value)
  SELECT id, '2024-05-01T00:00:00Z', '2024-05-01', 'bench', 'created', 'new' FROM task;
COMMIT;
ANALYZE;
SQL
