# Sourced by valgrind.sh: publishing to a real Radicale under valgrind (the
# first publish, an update, a server-side edit overwritten, a deletion, a
# wrong password, the server stopped).
. "$(dirname "$0")/radicale.sh"
radicale_start
PDB=$TMPD/publish.db # its own: the screen session after it expects valgrind.sh's tasks as they were
"$HANCHOT" --db "$PDB" add --lead "Sở Tài chính" --due 14/5/2024 "Báo cáo thu ngân sách" >/dev/null
"$HANCHOT" --db "$PDB" add --lead "Sở Nội vụ" --due 18/5/2024 "Công bố chỉ số" >/dev/null
printf 's3cret pass\n' >"$TMPD/pw"; printf 'wrong\n' >"$TMPD/badpw"; chmod 600 "$TMPD/pw" "$TMPD/badpw"
PUB=(--db "$PDB" publish --url "http://127.0.0.1:$RPORT/clerk/vg/" --user clerk --password-file "$TMPD/pw")
run_vg publish1 "${PUB[@]}"
"$HANCHOT" --db "$PDB" done 2 >/dev/null
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240514\r\nSUMMARY:edited\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
	"$(sqlite3 "$PDB" 'SELECT uuid FROM task WHERE id = 1')" >"$TMPD/edit.ics"
dav PUT "/clerk/vg/$(sqlite3 "$PDB" 'SELECT uuid FROM task WHERE id = 1').ics" "$TMPD/edit.ics" >/dev/null
sqlite3 "$PDB" "UPDATE task SET summary = summary || '.' WHERE id = 1"
run_vg publish2 "${PUB[@]}"
sqlite3 "$PDB" "UPDATE task SET due_date = NULL WHERE id = 2"
run_vg publish3 "${PUB[@]}"
sqlite3 "$PDB" "UPDATE task SET summary = summary || '.' WHERE id = 1"
run_vg publish-401 --db "$PDB" publish --url "http://127.0.0.1:$RPORT/clerk/vg/" --user clerk --password-file "$TMPD/badpw"
radicale_stop
run_vg publish-down "${PUB[@]}"
