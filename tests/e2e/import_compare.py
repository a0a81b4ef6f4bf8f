#!/usr/bin/env python3
"""Compares a reading of a notice (hanchot import --dry-run --format tsv) with a
hand-checked .expected.tsv, the way the expected file's header comment says:

- rows are matched by section; a missing or an extra section is a mismatch;
- lead and cooperating are compared as sets of names ('; ' between, '-' for
  none), names folded as the agency matcher does: case, diacritics, dashes,
  Ủy/Uỷ, '&'/'và' and abbreviations (UBND, HĐND, MTTQ, BCH, KH&ĐT …) do not
  matter;
- due and precision must be equal, unless an `# alt: SECTION<TAB>due=…<TAB>
  precision=…` line in the expected file allows the reading found;
- phrase and about are not compared (they are for people).

usage: import_compare.py EXPECTED.tsv ACTUAL.tsv
Prints one line per row and exits 1 on any mismatch."""
import re
import sys
import unicodedata

ABBREV = [  # folded abbreviation -> folded full words
    ("ubmttq", "uy ban mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("mttq", "mat tran to quoc"),
    ("bchqs", "bo chi huy quan su"),
    ("bch", "bo chi huy"),
    ("kh va dt", "ke hoach va dau tu"),
    ("khdt", "ke hoach va dau tu"),
    ("nn va ptnt", "nong nghiep va phat trien nong thon"),
    ("tt va tt", "thong tin va truyen thong"),
    ("ld tb va xh", "lao dong thuong binh va xa hoi"),
    ("gd va dt", "giao duc va dao tao"),
    ("tn va mt", "tai nguyen va moi truong"),
    ("vh tt va dl", "van hoa the thao va du lich"),
    ("gtvt", "giao thong van tai"),
    ("ca", "cong an"),
]


def fold(name):
    s = unicodedata.normalize("NFD", name)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D").lower()
    s = s.replace("&", " va ")
    s = re.sub(r"[\u2010-\u2015\-–—,.;:()/]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    words = " " + s + " "
    for short, full in ABBREV:
        words = words.replace(" " + short + " ", " " + full + " ")
    return re.sub(r"\s+", " ", words).strip()


def names(cell):
    cell = cell.strip()
    if cell in ("", "-"):
        return frozenset()
    return frozenset(fold(n) for n in cell.split(";") if n.strip())


def parse(text, where, strict=True):
    """Rows by section, `# alt:` lines by section, `# alt-lead:` lead sets by
    section, and the sections in order. A section that appears twice is an
    error naming where (a file, or the program's output) when strict, else
    the later row stands for it (a scorer must not stop on a hand reading's
    slip)."""
    rows, alts, alt_leads, header, order = {}, {}, {}, None, []
    for line in text.splitlines():
        if line.startswith("# alt:"):
            parts = line[len("# alt:"):].strip().split("\t")
            kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
            alts.setdefault(parts[0].strip(), []).append(kv)
            continue
        if line.startswith("# alt-lead:"):
            parts = line[len("# alt-lead:"):].strip().split("\t")
            if len(parts) >= 2:
                alt_leads.setdefault(parts[0].strip(), []).append(names(parts[1]))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        sec = " ".join(row.get("section", "").split())
        if sec in rows:
            if strict:
                raise SystemExit(f"{where}: section {sec} appears twice")
        else:
            order.append(sec)
        rows[sec] = row
    if header is None:
        raise SystemExit(f"{where}: no header line")
    return rows, alts, alt_leads, order


def read(path):
    with open(path, encoding="utf-8") as f:
        return parse(f.read(), path)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    exp, alts, _, order = read(sys.argv[1])
    act, _, _, act_order = read(sys.argv[2])
    bad = 0
    for sec in order:
        e = exp[sec]
        a = act.get(sec)
        if a is None:
            print(f"MISSING {sec}")
            bad += 1
            continue
        problems = []
        for col in ("lead", "cooperating"):
            if names(e.get(col, "-")) != names(a.get(col, "-")):
                problems.append(f"{col}: expected '{e.get(col)}', got '{a.get(col)}'")
        due_ok = (e.get("due"), e.get("precision")) == (a.get("due"), a.get("precision"))
        for alt in alts.get(sec, []):
            if (alt.get("due", e.get("due")), alt.get("precision", e.get("precision"))) == (
                    a.get("due"), a.get("precision")):
                due_ok = True
        if not due_ok:
            problems.append(f"due: expected {e.get('due')} {e.get('precision')}, "
                            f"got {a.get('due')} {a.get('precision')}")
        if problems:
            print(f"MISMATCH {sec}: " + "; ".join(problems))
            bad += 1
        else:
            print(f"ok {sec}")
    for sec in act_order:
        if sec not in exp:
            print(f"EXTRA {sec}: {act[sec].get('lead')}")
            bad += 1
    print(f"{len(order) - sum(1 for s in order if s not in act)} of {len(order)} expected rows found, "
          f"{bad} problem(s)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
