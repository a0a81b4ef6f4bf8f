#!/usr/bin/python3
"""Renders a Markdown notice (tests/fixtures/*.md) as the files an office
receives, for the import tests: .docx (python3-docx), .odt (python3-odf),
a PDF with a text layer (python3-reportlab, DejaVu fonts), and page images
of a scan (python3-pil) as PNG, JPEG, TIFF or an image-only PDF.

usage: render_notice.py FORMAT NOTICE.md OUT [--pages N] [--font PT]
       render_notice.py FORMAT NOTICE.md OUT FORMAT NOTICE.md OUT ...
FORMAT: docx | odt | pdf | png | jpeg | tiff | scanpdf | tabledocx | tableodt
        | tablepdf
  docx     the header (issuer | motto, number | place and date) as a
           borderless two-column table; "I.", "1.", "2.1.", "a)", "-", "+"
           items as Word's automatic numbering (numbering.xml), each label
           checked against what Word would number and written out instead
           when the two differ; headings in heading styles; bold kept.
  odt      the same header table; bullets as an automatic list (bullet
           "•"), numbered items as written.
  pdf      A4, justified paragraphs with a first-line indent, the header
           table, page numbers at the top from page 2, a running footer.
  png/jpeg A4 pages at 300 dpi (OUT is a prefix: OUT-1.png …); --pages
           limits them; --font sets the size in points (default 10.5).
  tiff     the pages as one multi-page TIFF.
  scanpdf  the pages as an image-only PDF (no text layer), one per page.
  table*   NOTICE.md holds a pipe table (the assignment table): written as
           a real table of the format, paragraphs around it as paragraphs.
Markdown read: blank lines separate blocks; '#' headings; '**'/'*'
emphasis; a line ending in two spaces is a line break; '- ', '+ ', 'N. '
lines start items; '| a | b |' lines form a table."""
import re
import sys

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
KINDS = ("THÔNG BÁO", "CHỈ THỊ", "CÔNG VĂN", "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO")
ISSUER = ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


# ---- reading the Markdown ---------------------------------------------------

class Para:
    def __init__(self, lines, heading=0, bold=False):
        self.lines = lines          # line breaks inside the paragraph
        self.heading = heading
        self.bold = bold
        self.hard = False

    @property
    def text(self):
        return " ".join(self.lines)


def strip_emphasis(s):
    return s.replace("***", "").replace("**", "").replace("*", "").replace("\\", "")


ITEM = re.compile(r"^(- |\+ |\d+(\.\d+)*[.)] |[IVX]+\. |[a-zđ]\) )")


def read_md(path):
    """Returns (header: dict, body: list of Para or ('table', rows))."""
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text)
    paras = []
    for block in blocks:
        raw = block.split("\n")
        if not block.strip():
            continue
        if all(l.strip().startswith("|") for l in raw if l.strip()):
            rows = []
            for l in raw:
                l = l.strip()
                if not l or re.fullmatch(r"\|[\s:|-]+\|", l):
                    continue
                cells = re.split(r"(?<!\\)\|", l.strip("|"))
                rows.append([c.strip().replace("\\|", "|") for c in cells])
            paras.append(("table", rows))
            continue
        cur = None
        for line in raw:
            if not line.strip():
                continue
            heading = 0
            m = re.match(r"^(#+)\s+", line)
            if m:
                heading = len(m.group(1))
                line = line[m.end():]
            hard = line.endswith("  ")
            s = line.strip()
            if s.startswith("* "):
                s = "- " + s[2:]  # a Markdown "*" bullet reads as a "-" bullet
            bold = s.startswith("**") and s.rstrip().endswith("**") or s.startswith("***")
            s = strip_emphasis(s).strip()
            if cur is None or heading or ITEM.match(s):
                cur = Para([s], heading, bold)
                paras.append(cur)
            elif cur.hard:
                cur.lines.append(s)
            else:
                cur.lines[-1] += " " + s
            cur.hard = hard
    header = {"issuer": None, "motto": None, "number": None, "date": None}
    body = []
    in_header = True
    for p in paras:
        if in_header and isinstance(p, Para):
            t = p.text
            if t.startswith(KINDS) or p.heading:
                in_header = False
            elif t.startswith("Số"):
                header["number"] = p.lines
                continue
            elif re.search(r", ngày ", t) and len(t) < 80:
                header["date"] = p.lines
                continue
            elif t.startswith("CỘNG HÒA"):
                header["motto"] = p.lines
                continue
            elif t.isupper():
                header["issuer"] = p.lines
                continue
            else:
                in_header = False
        body.append(p)
    header["issuer"] = header["issuer"] or ISSUER
    header["motto"] = header["motto"] or MOTTO
    return header, body


# ---- Word -------------------------------------------------------------------

NUMBERING = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61607;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
</w:numbering>"""


def roman(n):
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


class WordLists:
    """What Word would number, to check each label before leaving it to Word."""

    def __init__(self):
        self.count = [0, 0, 0, 0]

    def label(self, lvl):
        c = list(self.count)
        c[lvl] += 1
        for k in range(lvl + 1, 4):
            c[k] = 0
        shown = {0: roman(c[0]) + ".", 1: f"{max(c[1], 1)}.", 2: f"{max(c[1], 1)}.{c[2]}.",
                 3: "abcdefghijklmnopqrstuvwxyz"[c[3] - 1] + ")" if c[3] <= 26 else "?"}[lvl]
        return shown, c

    def take(self, lvl, written):
        shown, c = self.label(lvl)
        if shown != written:
            return False
        self.count = c
        return True


def item_level(text):
    """(numId, ilvl, label, rest) for an item Word would number, else None."""
    for pat, num, lvl in ((r"^([IVX]+\.) ", 90, 0), (r"^(\d+\.\d+\.) ", 90, 2), (r"^(\d+\.) ", 90, 1),
                          (r"^([a-z]\)) ", 90, 3), (r"^(-) ", 91, 0), (r"^(\+) ", 91, 1)):
        m = re.match(pat, text)
        if m:
            return num, lvl, m.group(1), text[m.end():]
    return None


def docx_numbering(doc):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    part = doc.part.numbering_part
    part._element = parse_xml(NUMBERING)
    return RT


def set_num(paragraph, num_id, ilvl):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    il = OxmlElement("w:ilvl")
    il.set(qn("w:val"), str(ilvl))
    ni = OxmlElement("w:numId")
    ni.set(qn("w:val"), str(num_id))
    numpr.append(il)
    numpr.append(ni)
    ppr.insert(0, numpr)


def add_lines(paragraph, lines, bold=False):
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if i + 1 < len(lines):
            run.add_break()


def no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tblpr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        b.append(e)
    tblpr.append(b)


def write_docx(header, body, out):
    import docx
    doc = docx.Document()
    docx_numbering(doc)
    t = doc.add_table(rows=2, cols=2)
    no_borders(t)
    for (r, c), key in (((0, 0), "issuer"), ((0, 1), "motto"), ((1, 0), "number"), ((1, 1), "date")):
        cell = t.cell(r, c)
        lines = header[key] or []
        add_lines(cell.paragraphs[0], lines, bold=key in ("issuer", "motto"))
    lists = WordLists()
    for p in body:
        if isinstance(p, tuple):
            rows = p[1]
            tab = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            tab.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    tab.cell(i, j).text = val
            continue
        style = f"Heading {min(p.heading, 3)}" if p.heading else None
        item = item_level(p.lines[0])
        para = doc.add_paragraph(style=style)
        lines = list(p.lines)
        automatic = bool(item) and (item[0] != 90 or lists.take(item[1], item[2]))
        if automatic:
            set_num(para, item[0], item[1])
            lines[0] = item[3]
        add_lines(para, lines, bold=p.bold)
    doc.save(out)


# ---- OpenDocument -----------------------------------------------------------

def write_odt(header, body, out):
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties, ListLevelProperties
    from odf.table import Table, TableColumn, TableRow, TableCell
    from odf.text import P, H, List, ListItem, ListStyle, ListLevelStyleBullet, LineBreak, Span
    doc = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    bullets = ListStyle(name="Bullets")
    for lvl, ch in ((1, "•"), (2, "+")):
        b = ListLevelStyleBullet(level=lvl, bulletchar=ch)
        b.addElement(ListLevelProperties(minlabelwidth="0.5cm"))
        bullets.addElement(b)
    doc.automaticstyles.addElement(bullets)

    def para(lines, heading=0, is_bold=False):
        e = H(outlinelevel=heading) if heading else P()
        for i, line in enumerate(lines):
            if is_bold:
                e.addElement(Span(stylename=bold, text=line))
            else:
                e.addText(line)
            if i + 1 < len(lines):
                e.addElement(LineBreak())
        return e

    t = Table(name="Header")
    t.addElement(TableColumn(numbercolumnsrepeated=2))
    for keys in (("issuer", "motto"), ("number", "date")):
        row = TableRow()
        for k in keys:
            c = TableCell()
            c.addElement(para(header[k] or []))
            row.addElement(c)
        t.addElement(row)
    doc.text.addElement(t)
    open_list = None
    for p in body:
        if isinstance(p, tuple):
            open_list = None
            rows = p[1]
            tab = Table(name="Assignments")
            tab.addElement(TableColumn(numbercolumnsrepeated=max(len(r) for r in rows)))
            for row in rows:
                tr = TableRow()
                for val in row:
                    c = TableCell()
                    c.addElement(P(text=val))
                    tr.addElement(c)
                tab.addElement(tr)
            doc.text.addElement(tab)
            continue
        first = p.lines[0]
        if first.startswith("- ") and not p.heading:
            if open_list is None:
                open_list = List(stylename=bullets)
                doc.text.addElement(open_list)
            item = ListItem()
            item.addElement(para([first[2:]] + p.lines[1:], 0, p.bold))
            open_list.addElement(item)
            continue
        open_list = None
        doc.text.addElement(para(p.lines, min(p.heading, 3), p.bold))
    doc.save(out)


# ---- PDF with text ----------------------------------------------------------

def fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))


def write_pdf(header, body, out):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape
    fonts()
    base = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=14, alignment=TA_JUSTIFY,
                          firstLineIndent=1 * cm, spaceAfter=5)
    head = ParagraphStyle("head", parent=base, fontName="DejaVu-Bold", alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    grid = ParagraphStyle("grid", parent=cell, fontSize=9, leading=11)

    def html(lines):
        return "<br/>".join(escape(l) for l in lines)

    story = []
    hdr = [[Paragraph(f"<b>{html(header['issuer'])}</b>", cell), Paragraph(f"<b>{html(header['motto'])}</b>", cell)],
           [Paragraph(html(header["number"] or [""]), cell), Paragraph(f"<i>{html(header['date'] or [''])}</i>", cell)]]
    story.append(Table(hdr, colWidths=[7 * cm, 10 * cm]))
    for p in body:
        if isinstance(p, tuple):
            rows = [[Paragraph(escape(v), grid) for v in r] for r in p[1]]
            t = Table(rows, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
            continue
        style = head if p.heading or (p.bold and p.text.isupper()) else base
        text = html(p.lines)
        story.append(Paragraph(f"<b>{text}</b>" if p.bold and style is base else text, style))

    def page(canvas, doc_):
        canvas.saveState()
        canvas.setFont("DejaVu", 9)
        if doc_.page > 1:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, str(doc_.page))
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, "Văn phòng UBND tỉnh - bản điện tử")
        canvas.restoreState()

    SimpleDocTemplate(out, pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm, title="notice").build(story, onFirstPage=page, onLaterPages=page)


# ---- scans ------------------------------------------------------------------

def render_pages(header, body, font_pt=10.5, max_pages=None):
    from PIL import Image, ImageDraw, ImageFont
    dpi = 300
    W, H = 2480, 3508
    px = font_pt * dpi / 72
    f = ImageFont.truetype(FONT, int(px))
    fb = ImageFont.truetype(FONT_BOLD, int(px))
    left, right, top, bottom = 300, 2480 - 220, 240, 3508 - 240
    lead = int(px * 1.45)
    pages = []
    img = draw = None
    y = 0

    def new_page():
        nonlocal img, draw, y
        img = Image.new("L", (W, H), 255)
        draw = ImageDraw.Draw(img)
        pages.append(img)
        y = top

    def line(text, x, font, centre=False, width=None):
        nonlocal y
        if y + lead > bottom:
            new_page()
        if centre:
            w = draw.textlength(text, font=font)
            x = x + ((width or (right - left)) - w) / 2
        draw.text((x, y), text, fill=0, font=font)

    def wrap(text, font, width, indent):
        words, out, cur = text.split(" "), [], ""
        for w in words:
            trial = (cur + " " + w) if cur else w
            room = width - (indent if not out else 0)
            if draw.textlength(trial, font=font) <= room or not cur:
                cur = trial
            else:
                out.append(cur)
                cur = w
        if cur:
            out.append(cur)
        return out

    new_page()
    half = (right - left) // 2
    for key_l, key_r in (("issuer", "motto"), ("number", "date")):
        ll, rl = header[key_l] or [], header[key_r] or []
        y0 = y
        for t in ll:
            line(t, left - 100, fb if key_l == "issuer" else f, True, half)
            y += lead
        y1 = y
        y = y0
        for t in rl:
            line(t, left + half - 60, fb if key_r == "motto" else f, True, half + 160)
            y += lead
        y = max(y, y1) + lead // 2
    y += lead
    for p in body:
        if isinstance(p, tuple):
            continue
        font = fb if p.heading or p.bold else f
        centre = bool(p.heading) and p.text.isupper()
        for li, text in enumerate(p.lines):
            indent = 0 if centre or li else 110
            for k, piece in enumerate(wrap(text, font, right - left, indent)):
                line(piece, left + (indent if k == 0 else 0), font, centre)
                y += lead
        y += lead // 2
    if max_pages:
        pages = pages[:max_pages]
    return pages


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        raise SystemExit(__doc__)
    # several FORMAT NOTICE OUT triples at once (one start of Python)
    if len(args) > 3 and not args[3].startswith("--"):
        if len(args) % 3:
            raise SystemExit(__doc__)
        for i in range(0, len(args), 3):
            render(*args[i:i + 3], {})
        return
    render(*args[:3], dict(zip(args[3::2], args[4::2])))


def render(fmt, src, out, opts):
    header, body = read_md(src)
    if fmt in ("docx", "tabledocx"):
        write_docx(header, body, out)
    elif fmt in ("odt", "tableodt"):
        write_odt(header, body, out)
    elif fmt in ("pdf", "tablepdf"):
        write_pdf(header, body, out)
    elif fmt in ("png", "jpeg", "tiff", "scanpdf"):
        pages = render_pages(header, body, float(opts.get("--font", 10.5)), int(opts.get("--pages", 0)) or None)
        if fmt == "png":
            for i, p in enumerate(pages):
                p.save(f"{out}-{i + 1}.png", dpi=(300, 300))
        elif fmt == "jpeg":
            for i, p in enumerate(pages):
                p.save(f"{out}-{i + 1}.jpg", dpi=(300, 300), quality=85)
        elif fmt == "tiff":
            pages[0].save(out, save_all=True, append_images=pages[1:], dpi=(300, 300), compression="tiff_lzw")
        else:
            from reportlab.lib.pagesizes import A4
            from reportlab.lib.utils import ImageReader
            from reportlab.pdfgen import canvas
            c = canvas.Canvas(out, pagesize=A4)
            for p in pages:
                c.drawImage(ImageReader(p.convert("RGB")), 0, 0, A4[0], A4[1])
                c.showPage()
            c.save()
    else:
        raise SystemExit(f"unknown format {fmt}")


if __name__ == "__main__":
    main()
