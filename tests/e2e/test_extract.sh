# hanchot import of the files an office receives (issue 14): the fixture
# notices rendered as .docx, .odt, PDF and scans read as their text does;
# assignment tables as pipe rows; OCR with a progress line and every unit
# flagged; the formats hanchot does not read and hostile files refused with
# one line, bounded in time and memory, nothing saved; the screen's `i`.
. "$(dirname "$0")/lib.sh"
E2E=$(cd "$(dirname "$0")" && pwd)
FIX=$(cd "$E2E/../fixtures" && pwd)
RENDER="/usr/bin/python3 $E2E/render_notice.py"
CMP="python3 $E2E/import_compare.py"
F1="python3 $E2E/import_f1.py"
EXTRACT=$(dirname "$HANCHOT")/hanchot-extract
DB=$TMPD/t.db
LAI=$FIX/thong-bao-ket-luan-lai-chau-2024-04.md
LAI_EXP=${LAI%.md}.expected.tsv
[ -x "$EXTRACT" ] || fail "no helper at $EXTRACT"

# 1. The seed notice as .docx (header as a two-column table, Word's own
#    numbering), .odt and PDF reads exactly as its Markdown does.
# every rendered file made by one Python
set -- docx "$LAI" "$TMPD/lai.docx" odt "$LAI" "$TMPD/lai.odt" pdf "$LAI" "$TMPD/lai.pdf"
for md in "$FIX"/*.md; do
	[ -e "${md%.md}.expected.tsv" ] && [ "$md" != "$LAI" ] || continue
	for f in docx odt pdf; do set -- "$@" $f "$md" "$TMPD/$(basename "${md%.md}").$f"; done
done
for f in docx odt pdf; do set -- "$@" table$f "$FIX/ke-hoach-phan-cong-2026-06.md" "$TMPD/kh.$f"; done
$RENDER "$@" || fail "rendering the fixtures"
hc import --dry-run --format tsv "$LAI" > "$TMPD/md.tsv"
for f in docx odt pdf; do
	hc import --dry-run --format tsv "$TMPD/lai.$f" > "$TMPD/$f.tsv" || fail "import $f"
	diff -u "$TMPD/md.tsv" "$TMPD/$f.tsv" >&2 || fail "lai.$f read differently from its text"
	$CMP "$LAI_EXP" "$TMPD/$f.tsv" > "$TMPD/cmp.txt" || { cat "$TMPD/cmp.txt" >&2; fail "lai.$f against the hand reading"; }
done
# ... and the files are what they claim: Word numbering and a header table,
# page numbers and a running footer in the PDF (which the reading dropped)
/usr/bin/python3 - "$TMPD/lai.docx" "$TMPD/lai.pdf" <<'PY' || fail "rendered files are not what the test needs"
import sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
assert doc.count("<w:numPr>") >= 30, doc.count("<w:numPr>")
assert "<w:tbl>" in doc and "Số: /TB-UBND" in doc
assert "1. Trong tháng" not in doc and "2.1. Về" not in doc  # the labels come from numbering.xml
pdf = open(sys.argv[2], "rb").read()
assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 3
PY
hc import --text "$TMPD/lai.pdf" > "$TMPD/pdf.txt"
grep -qx "Số: /TB-UBND" "$TMPD/pdf.txt" || fail "the number is not a line of its own"
grep -qx "Lai Châu, ngày 25 tháng 4 năm 2024" "$TMPD/pdf.txt" || fail "the place and date are not a line of their own"
! grep -q "bản điện tử" "$TMPD/pdf.txt" || fail "the running footer was kept"
! grep -qx "[0-9][0-9]*" "$TMPD/pdf.txt" || fail "a page number was kept"
hc import --text "$TMPD/lai.docx" > "$TMPD/docx.txt"
grep -qx "Số: /TB-UBND" "$TMPD/docx.txt" || fail "docx: the number is not a line of its own"
grep -q "^2.1. Về kế hoạch triển khai Quy hoạch tỉnh" "$TMPD/docx.txt" || fail "docx: numbering label missing"

# The other fixtures, each format, against their hand readings.
for md in "$FIX"/*.md; do
	exp=${md%.md}.expected.tsv
	[ -e "$exp" ] && [ "$md" != "$LAI" ] || continue
	for f in docx odt pdf; do
		hc import --dry-run --format tsv "$TMPD/$(basename "${md%.md}").$f" > "$TMPD/other.tsv" || fail "import $(basename "$md") $f"
		$CMP "$exp" "$TMPD/other.tsv" > "$TMPD/cmp.txt" || { cat "$TMPD/cmp.txt" >&2; fail "$(basename "$md") as $f"; }
	done
done

# The content decides, not the name.
cp "$TMPD/lai.pdf" "$TMPD/thong-bao.txt"
cp "$TMPD/lai.docx" "$TMPD/thong-bao"
for v in thong-bao.txt thong-bao; do
	hc import --dry-run --format tsv "$TMPD/$v" | diff -q "$TMPD/md.tsv" - >/dev/null || fail "$v read differently"
done

# 2. An assignment table: its rows, in order, as pipe rows (from the PDF's
#    layout too: columns where the cells' lines overlap, rows where the
#    space grows or the STT column has a number).
KH=$FIX/ke-hoach-phan-cong-2026-06.md
grep '^| [0-9S]' "$KH" > "$TMPD/rows.want"
[ "$(wc -l < "$TMPD/rows.want")" -eq 5 ] || fail "fixture table"
for f in docx odt pdf; do
	hc import --text "$TMPD/kh.$f" > "$TMPD/kh.txt" || fail "extract table $f"
	grep '^|' "$TMPD/kh.txt" > "$TMPD/rows.got"
	diff -u "$TMPD/rows.want" "$TMPD/rows.got" >&2 || fail "table rows from $f"
	grep -B1 '^| STT' "$TMPD/kh.txt" | head -1 | grep -qx '' || fail "no blank line before the table ($f)"
	grep -A1 '^| 4 ' "$TMPD/kh.txt" | tail -1 | grep -qx '' || fail "no blank line after the table ($f)"
done

# 3. Saving from a .docx; the same notice from its PDF is not saved twice.
hc --db "$DB" --today 2024-04-26 import "$TMPD/lai.docx" > "$TMPD/out.txt" || fail "import docx"
grep -qF "đã lưu thành văn bản 1" "$TMPD/out.txt" || fail "docx not saved: $(cat "$TMPD/out.txt")"
assert_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM task')" 19 "tasks from docx"
hc --db "$DB" import "$TMPD/lai.pdf" > "$TMPD/re.txt" || fail "re-import as pdf"
grep -qF "đã được nhập trước đây" "$TMPD/re.txt" || fail "the PDF of the same notice was not recognised"
assert_eq "$(sqlite3 "$DB" 'SELECT count(*) FROM task; SELECT count(*) FROM document')" "19
1" "after re-import"

# 4. Scans: the seed on three pages at 300 dpi as an image-only PDF, read by
#    OCR with a progress line; every unit flagged; tasks F1 >= 0.85.
$RENDER scanpdf "$LAI" "$TMPD/scan.pdf" --font 7.5 || fail "render scan"
start=$SECONDS
hc import --dry-run --format tsv "$TMPD/scan.pdf" > "$TMPD/scan.tsv" 2> "$TMPD/scan.err" || { cat "$TMPD/scan.err" >&2; fail "import scan"; }
secs=$((SECONDS - start))
for k in 1 2 3; do grep -qF "trang $k/3" "$TMPD/scan.err" || fail "no progress line for page $k: $(cat "$TMPD/scan.err")"; done
$F1 "$LAI_EXP" "$TMPD/scan.tsv" 0.85 > "$TMPD/f1.txt" || { cat "$TMPD/f1.txt" "$TMPD/scan.tsv" >&2; fail "scan F1 below 0.85"; }
echo "scan: $(cat "$TMPD/f1.txt") in ${secs}s"
# the header's two columns, one OCR line, give the number and the date apart
assert_eq "$(head -1 "$TMPD/scan.tsv")" "$(head -1 "$TMPD/md.tsv") source=scan" "the scan's document line"
rows=$(grep -cv '^#\|^section' "$TMPD/scan.tsv")
assert_eq "$(grep -c $'^# check\t.*từ bản quét, cần kiểm tra' "$TMPD/scan.tsv")" "$rows" "rows flagged in tsv"
# The text formats are never flagged.
! grep -q "bản quét\|source=scan" "$TMPD/pdf.tsv" || fail "a text PDF flagged as a scan"

# PNG, JPEG and a two-page TIFF (small pages: a few lines each).
printf 'Số: 7/TB-UBND\n\nLai Châu, ngày 2 tháng 5 năm 2024\n\nTHÔNG BÁO\n\nKết luận của Chủ tịch UBND tỉnh\n\n1. Giao Sở Tài chính chủ trì rà soát dự toán, báo cáo trước ngày 30/5/2024.\n\n2. Sở Xây dựng kiểm tra các công trình, hoàn thành trong tháng 6/2024.\n' > "$TMPD/small.md"
$RENDER png "$TMPD/small.md" "$TMPD/small" --font 12 || fail "render png"
/usr/bin/python3 - "$TMPD" <<'PY' || fail "crop pages"
import sys
from PIL import Image
d = sys.argv[1]
im = Image.open(f"{d}/small-1.png")
top = im.crop((0, 0, im.width, 1500))
top.save(f"{d}/small.png", dpi=(300, 300))
top.convert("RGB").save(f"{d}/small.jpg", quality=90, dpi=(300, 300))
top.save(f"{d}/small.tif", save_all=True, append_images=[top], dpi=(300, 300))
PY
for img in small.png small.jpg small.tif; do
	hc --lang en import --dry-run "$TMPD/$img" > "$TMPD/img.txt" 2> "$TMPD/img.err" || { cat "$TMPD/img.err" >&2; fail "import $img"; }
	grep -qF "Sở Tài chính" "$TMPD/img.txt" || fail "$img: $(cat "$TMPD/img.txt")"
	assert_eq "$(grep -c '^ *check: .*from a scan, check' "$TMPD/img.txt")" "$(grep -c '^  [0-9I]' "$TMPD/img.txt")" "$img units flagged"
done
grep -qF "page 2 of 2" "$TMPD/img.err" || fail "the TIFF's second page: $(cat "$TMPD/img.err")"
hc import --dry-run "$TMPD/small.tif" >/dev/null 2>"$TMPD/img.err" || fail "import small.tif in Vietnamese"
grep -qF "hanchot: OCR '$TMPD/small.tif': trang 2/2" "$TMPD/img.err" || fail "progress in Vietnamese: $(cat "$TMPD/img.err")"
assert_eq "$(grep -c '^  [0-9]' "$TMPD/img.txt")" 4 "units from a two-page TIFF (each page read)"

# 5. What hanchot does not read, and hostile files: one line naming the file
#    and the way forward, exit 1, nothing saved, bounded in time and memory.
/usr/bin/python3 - "$TMPD" "$TMPD/lai.docx" <<'PY' || fail "making bad files"
import io, struct, sys, zipfile, zlib
d, docx = sys.argv[1], sys.argv[2]
def cfb(stream):  # a compound file with a stream of that name (UTF-16LE in its directory)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 600
open(f"{d}/old.doc", "wb").write(cfb("WordDocument"))
open(f"{d}/locked.docx", "wb").write(cfb("EncryptedPackage") + cfb("EncryptionInfo"))
open(f"{d}/letter.rtf", "wb").write(b"{\\rtf1\\ansi S\\'f4 123/TB-UBND}")
open(f"{d}/scan.gif", "wb").write(b"GIF89a" + b"\0" * 100)
z = zipfile.ZipFile(docx)
parts = {n: z.read(n) for n in z.namelist()}
def variant(name, **replace):
    with zipfile.ZipFile(f"{d}/{name}", "w", zipfile.ZIP_DEFLATED) as out:
        for n, data in parts.items():
            out.writestr(n, replace.get(n.replace("/", "_").replace(".", "_").replace("[", "").replace("]", ""), data))
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
lol = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)) + \
    b']><w:document ' + W + b'><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
variant("laughs.docx", word_document_xml=lol)
variant("xxe.docx", word_document_xml=b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document '
        + W + b'><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
# a zip bomb: document.xml unpacks to 200 MB of white space (packed ~200 KB)
with zipfile.ZipFile(f"{d}/bomb.docx", "w", zipfile.ZIP_DEFLATED) as out:
    out.writestr("[Content_Types].xml", parts["[Content_Types].xml"])
    with out.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(b"<w:document " + W + b"><w:body>")
        chunk = b" " * (1 << 20)
        for _ in range(200):
            f.write(chunk)
raw = open(docx, "rb").read()
open(f"{d}/cut.docx", "wb").write(raw[: len(raw) // 2])
with zipfile.ZipFile(f"{d}/sheet.xlsx", "w") as out:
    out.writestr("[Content_Types].xml", '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
# PDFs: 10,000 pages; a page tree that contains itself; damaged
def pdf(objs):
    out, at = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        at.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % a for a in at)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(10000))
open(f"{d}/pages.pdf", "wb").write(pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 10000 /Kids [" + kids + b"] >>"]
                                      + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * 10000))
open(f"{d}/loop.pdf", "wb").write(pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>",
                                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >>",
                                      b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /X 4 0 R >> >> /Length 5 >>\nstream\n/X Do\nendstream",
                                      b"<< /Length 5 >>\nstream\n/X Do\nendstream"]))
open(f"{d}/broken.pdf", "wb").write(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n")
# a 20,000 x 20,000 image (400 MB decoded) on a page to scan, as an image
# object and inline in a compressed page (a 1.3 KB file)
c = zlib.compressobj(9)
img = b"".join(c.compress(b"\xff" * (1 << 20)) for _ in range(400)) + c.flush()
page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>"
open(f"{d}/image.pdf", "wb").write(pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>", page,
    b"<< /Length 29 >>\nstream\nq 595 0 0 842 0 0 cm /Im Do Q\nendstream",
    b"<< /Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8 "
    b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(img) + img + b"\nendstream"]))
inline = zlib.compress(b"q 595 0 0 842 0 0 cm BI /W 20000 /H 20000 /CS /G /BPC 8 /F /Fl ID " + img + b" EI Q")
open(f"{d}/inline.pdf", "wb").write(pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(inline) + inline + b"\nendstream"]))
# a PNG that claims 30,000 x 30,000 pixels
ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
chunk = lambda t, b: struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
open(f"{d}/huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100000)) + chunk(b"IEND", b""))
PY
/usr/bin/python3 - "$TMPD/locked.pdf" <<'PY' || fail "encrypted pdf"
import sys
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas
c = canvas.Canvas(sys.argv[1], encrypt=pdfencrypt.StandardEncryption("mat-khau", strength=128))
c.drawString(72, 720, "So 123/TB-UBND")
c.showPage()
c.save()
PY
before=$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document")
bad() { # file expected-text (English chosen; test_cli_errors checks the Vietnamese)
	local t0=$SECONDS
	set +e; err=$(timeout 60 "$HANCHOT" --lang en --db "$DB" import "$TMPD/$1" 2>&1 >/dev/null); rc=$?; set -e
	err=$(printf '%s\n' "$err" | grep -v "^hanchot: OCR '.*': page [0-9]* of [0-9]*$") # progress, not the error
	assert_eq "$rc" 1 "exit status for $1 ($err)"
	[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "more than one line for $1: $err"
	printf '%s' "$err" | grep -qF "$TMPD/$1" || fail "message for $1 does not name the file: $err"
	printf '%s' "$err" | grep -qF -- "$2" || fail "message for $1 lacks '$2': $err"
	[ $((SECONDS - t0)) -le 20 ] || fail "$1 took $((SECONDS - t0)) s"
}
bad old.doc "a Word 97-2003 document (.doc), which hanchot does not read: convert it with: libreoffice --headless --convert-to docx '$TMPD/old.doc'"
bad letter.rtf "an RTF document, which hanchot does not read: convert it with: libreoffice --headless --convert-to docx"
bad locked.docx "a password-protected Office document"
bad locked.pdf "an encrypted PDF that needs a password to open"
bad locked.pdf "qpdf --password=PASSWORD --decrypt"
bad scan.gif "an image in GIF format"
bad sheet.xlsx "an Excel spreadsheet (.xlsx), not a notice"
bad cut.docx "damaged zip archive"
bad laughs.docx "document type or entity declaration"
bad xxe.docx "document type or entity declaration"
bad bomb.docx "a zip bomb?"
bad pages.pdf "a PDF of 10000 pages"
bad broken.pdf "a damaged PDF"
bad huge.png "an image of 30000 × 30000 pixels"
bad image.pdf "a scanned PDF holding an image of 20000 × 20000 pixels"
bad inline.pdf "a PDF without text: its pages are blank or cannot be drawn" # poppler fails to allocate under the helper's cap
assert_eq "$(sqlite3 "$DB" "SELECT count(*) FROM task; SELECT count(*) FROM document")" "$before" "database after bad files"
# the looping PDF: read to an end (no text: an error), not a hang
set +e; timeout 60 "$HANCHOT" import --dry-run "$TMPD/loop.pdf" >/dev/null 2>"$TMPD/loop.err"; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "loop.pdf: exit $rc: $(cat "$TMPD/loop.err")"
# memory on each hostile file (maximum resident set of hanchot and its
# reader, KiB)
for f in bomb.docx laughs.docx pages.pdf loop.pdf huge.png image.pdf inline.pdf; do
	/usr/bin/time -o "$TMPD/rss" -f "%M" "$HANCHOT" import --dry-run "$TMPD/$f" >/dev/null 2>&1 || true
	kib=$(tail -1 "$TMPD/rss")
	[ "$kib" -le 65536 ] || fail "$f: the reader used $kib KiB (more than 64 MiB)"
	echo "hostile $f: ${kib} KiB"
done
# a crash of the reader is a damaged file, not a crash of hanchot
printf '#!/bin/sh\nkill -SEGV $$\n' > "$TMPD/crash.sh"; chmod +x "$TMPD/crash.sh"
set +e; err=$(HANCHOT_EXTRACT="$TMPD/crash.sh" "$HANCHOT" import --dry-run "$TMPD/lai.docx" 2>&1 >/dev/null); rc=$?; set -e
assert_eq "$rc" 1 "exit status when the reader crashes"
printf '%s' "$err" | grep -qF "trình đọc dừng lại ở tệp này (tín hiệu 11" || fail "crash message: $err"
set +e; err=$(HANCHOT_EXTRACT="$TMPD/none" "$HANCHOT" import --dry-run "$TMPD/lai.docx" 2>&1 >/dev/null); set -e
printf '%s' "$err" | grep -qF "không khởi động được chương trình đọc" || fail "missing helper message: $err"

# 6. The screen: `i` reads a scan with "page k of n" in the footer, and the
#    review flags every unit.
$RENDER png "$LAI" "$TMPD/page" --font 7.5 --pages 1 || fail "render page"
start tui 120 30 "$HANCHOT" --lang en --db "$TMPD/tui.db" --today 2024-04-26
wait_for "No tasks yet"
keys i
wait_for "Notice file"
keys "$TMPD/page-1.png" Enter
wait_for "page 1 of 1" 20
wait_for "[from a scan, check]" 60
keys Escape; wait_for "Abandon this reading, saving nothing? (y/n)"
keys y
wait_for "Import abandoned"
keys i
wait_for "Notice file"
keys "$TMPD/lai.odt" Enter
wait_for "I.2.2 (5)" 20
screen | grep -qF "from a scan" && fail "an .odt flagged as a scan"
keys S
wait_for "Saved 19 tasks" 20
keys q
wait_exit
echo "extract: ok"
