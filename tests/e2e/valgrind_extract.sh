# Sourced by valgrind.sh: the extraction helper under valgrind on each
# format (a text PDF, .docx, .odt, a small scan read by OCR) and on files it
# refuses (declarations, a cut zip, a damaged PDF), and the program's side
# (reading the helper's output) on a .docx.
EXTRACT=$(dirname "$HANCHOT")/hanchot-extract
RENDER="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/render_notice.py"
NOTICE=$(cd "$(dirname "$0")/../fixtures" && pwd)/thong-bao-ket-luan-lai-chau-2024-04.md
for f in docx odt pdf; do $RENDER $f "$NOTICE" "$TMPD/vg.$f" || fail "render $f"; done
/usr/bin/python3 - "$TMPD" <<'PY' || fail "making the valgrind files"
import sys, zipfile
from PIL import Image, ImageDraw, ImageFont
d = sys.argv[1]
im = Image.new("L", (1400, 260), 255)
draw = ImageDraw.Draw(im)
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 44)
draw.text((30, 40), "1. Sở Tài chính chủ trì, báo cáo trước ngày 30/6.", font=font, fill=0)
draw.text((30, 140), "2. Sở Y tế kiểm tra.", font=font, fill=0)
im.save(f"{d}/vg.png", dpi=(300, 300))
src = zipfile.ZipFile(f"{d}/vg.docx")
with zipfile.ZipFile(f"{d}/vg-laughs.docx", "w") as out:
    for n in src.namelist():
        out.writestr(n, src.read(n) if n != "word/document.xml" else
                     b'<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><w:document>&b;</w:document>')
raw = open(f"{d}/vg.docx", "rb").read()
open(f"{d}/vg-cut.docx", "wb").write(raw[: len(raw) // 2])
open(f"{d}/vg-broken.pdf", "wb").write(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n")
PY
run_vg_extract() { # name file
	local rc=0
	"${VG[@]}" --log-file="$TMPD/vg-x-$1.log" "$EXTRACT" "$2" >"$TMPD/vg-x-$1.out" 2>/dev/null || rc=$?
	[ -f "$TMPD/vg-x-$1.log" ] || fail "valgrind did not run: extract $1"
	[ "$rc" -ne 99 ] || { cat "$TMPD/vg-x-$1.log"; fail "valgrind found errors or leaks: extract $1"; }
}
for f in docx odt pdf png; do run_vg_extract "$f" "$TMPD/vg.$f"; done
grep -qF "2. Sở Y tế kiểm tra." "$TMPD/vg-x-png.out" || fail "the scan was not read under valgrind: $(cat "$TMPD/vg-x-png.out")"
for f in laughs.docx cut.docx broken.pdf; do run_vg_extract "$f" "$TMPD/vg-$f"; done
run_vg import-docx --db "$DB" import --dry-run "$TMPD/vg.docx"
