#!/usr/bin/env python3
"""Checks a `hanchot report` CSV or HTML file with real parsers.

usage: report_check.py csv|html FILE EXPECTED.json

EXPECTED.json: {"rows": {"AGENCY": [total, not_due, due_soon, due_today,
overdue, no_deadline, done_on_time, done_late, cancelled, "share"], ...},
"total": [...same...], "summary": "sentence", "overdue": [[id, days], ...]}
The CSV is read with the csv module (BOM, quoting); the HTML with
html.parser, and must be self-contained (no scripts, links or external
resources) with an A4 @page rule. Prints one line and exits 1 on a mismatch.
"""
import csv
import json
import sys
from html.parser import HTMLParser

TOTAL_NAMES = ("Tổng cộng", "Total")
AGENCY_HEADS = ("Đơn vị", "Agency")


def fail(msg):
    print("report_check: " + msg)
    sys.exit(1)


def tables_from_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("csv does not start with a UTF-8 byte-order mark")
    text = raw.decode("utf-8-sig")
    if "\n" in text.replace("\r\n", ""):
        fail("csv has a bare LF line end")
    records = list(csv.reader(text.splitlines(keepends=True), strict=True))
    # Parts are separated by empty records; a table is a run of records
    # with more than one field, lines of prose are single fields.
    tables, prose, cur = [], [], []
    for rec in records:
        if len(rec) > 1:
            cur.append(rec)
            continue
        if cur:
            tables.append(cur)
            cur = []
        if rec and rec[0]:
            prose.append(rec[0])
    if cur:
        tables.append(cur)
    return tables, prose


class Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.prose, self.style = [], [], ""
        self.cell = self.row = self.table = None
        self.text = None
        self.in_style = False
        self.bad = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object", "embed") or "src" in a or "href" in a:
            self.bad.append(tag)
        if tag == "style":
            self.in_style = True
        elif tag == "table":
            self.table = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag in ("p", "h1", "h2"):
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        elif tag == "table":
            self.tables.append(self.table)
            self.table = None
        elif tag == "tr":
            self.table.append(self.row)
            self.row = None
        elif tag in ("td", "th"):
            self.row.append(self.cell)
            self.cell = None
        elif tag in ("p", "h1", "h2") and self.text is not None:
            self.prose.append(self.text)
            self.text = None

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        elif self.cell is not None:
            self.cell += data
        elif self.text is not None:
            self.text += data


def tables_from_html(path):
    text = open(path, encoding="utf-8").read()
    p = Html()
    p.feed(text)
    p.close()
    if p.bad:
        fail("html is not self-contained: " + ", ".join(p.bad))
    if "url(" in p.style or "@import" in p.style:
        fail("html style loads an external resource")
    if "@page" not in p.style or "A4" not in p.style:
        fail("html has no A4 @page rule")
    if '<meta charset="utf-8">' not in text:
        fail("html does not declare utf-8")
    return p.tables, p.prose


def figures(row):
    return [int(x) for x in row[1:10]] + [row[10]]


def main():
    kind, path, expected_path = sys.argv[1:4]
    want = json.load(open(expected_path, encoding="utf-8"))
    tables, prose = (tables_from_csv if kind == "csv" else tables_from_html)(path)
    agencies = [t for t in tables if t and t[0] and t[0][0] in AGENCY_HEADS]
    if len(agencies) != 1:
        fail("expected one agency table, found %d" % len(agencies))
    body = agencies[0][1:]
    if not body or body[-1][0] not in TOTAL_NAMES:
        fail("the agency table's last row is not the total")
    for r in body:
        if len(r) != 11:
            fail("row %r has %d cells, expected 11" % (r[0], len(r)))
        f = figures(r)
        if sum(f[1:9]) != f[0]:
            fail("row %r: classes add up to %d, not %d" % (r[0], sum(f[1:9]), f[0]))
    got_rows = {r[0]: figures(r) for r in body[:-1]}
    if got_rows != want["rows"]:
        fail("agency rows differ:\n got  %r\n want %r" % (got_rows, want["rows"]))
    if figures(body[-1]) != want["total"]:
        fail("total differs: got %r, want %r" % (figures(body[-1]), want["total"]))
    if want["summary"] not in prose:
        fail("summary sentence %r not found in %r" % (want["summary"], prose))
    overdue = [t for t in tables if t and t[0] and t[0][0] == "ID" and len(t[0]) == 6]
    got_overdue = [[int(r[0]), int(r[5])] for r in overdue[0][1:]] if overdue else []
    if got_overdue != want["overdue"]:
        fail("overdue list differs: got %r, want %r" % (got_overdue, want["overdue"]))
    print("report_check: %s ok (%d agencies)" % (kind, len(got_rows)))


if __name__ == "__main__":
    main()
