# Sourced by valgrind.sh: the paths of issue 15 under valgrind (each run
# costs ~3 s): a re-import that applies, keeps and lists conflicts, a
# filtered export that copies from export_file and skips a bad row, a
# report through a symbolic link, a backup into a pipe, a restore.
VO=$TMPD/vo
mkdir -p "$VO"
VO_NOTICE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures" && pwd)/thong-bao-ket-luan-lai-chau-2024-04.md
printf 'export_file = %s\n' "$VO/live.ics" >"$VO/conf"
"$HANCHOT" --db "$VO/o.db" --config "$VO/conf" --today 2024-04-26 import "$VO_NOTICE" >/dev/null
"$HANCHOT" --db "$VO/o.db" --config "$VO/conf" --today 2024-05-01 extend 1 --to 30/6/2024 --reason "chờ ý kiến"
sed -e 's|trước ngày 14/5/2024|trước ngày 20/5/2024|' -e 's|phấn đấu hết quý III|phấn đấu trước ngày 31/8/2024|' \
	"$VO_NOTICE" >"$VO/amended.md"
run_vg o-update --db "$VO/o.db" --config "$VO/conf" import --update "$VO/amended.md"
sqlite3 "$VO/o.db" "UPDATE task SET due_date = '9999-12-31' WHERE id = 3"
run_vg o-export --db "$VO/o.db" --config "$VO/conf" export --agency "Sở Kế hoạch và Đầu tư" --out "$VO/part.ics"
ln -s r.html "$VO/r-link.html"
run_vg o-html --db "$VO/o.db" report --out "$VO/r-link.html"
run_vg o-pipe --db "$VO/o.db" backup /dev/stdout
"$HANCHOT" --db "$VO/o.db" backup "$VO/b.db" >/dev/null
run_vg o-restore --db "$VO/o.db" restore "$VO/b.db"
