#!/usr/bin/env python3
"""Scores the notice reading on a folder of real documents with hand readings.

usage: score.py HANCHOT DIR [-v]

Every NAME.txt (or NAME.md) in DIR that has a NAME.expected.tsv beside it is
read with `HANCHOT import --dry-run --format tsv FILE`, on a scratch database,
and compared with the hand reading the way import_compare.py compares one
fixture:

- units match by section ("II.2.b (1)"); units expected/read/matched give
  precision, recall and tasks F1;
- lead, cooperating and due are counted over the matched units: a lead set is
  right when it equals the reading's or an `# alt-lead:` set; a deadline is
  right when (due, precision) equals the reading's or an `# alt:` line's;
- a false deadline is a matched unit read with a date where the hand reading
  (and every alt line) has none;
- a rejected document is one the import refused (non-zero exit).

Prints one line per document and a total line (micro-averaged over units).
With -v, the mismatches of each document follow its line."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_compare import names, parse  # noqa: E402


def no_due(value):
    return value in (None, "", "-")


def score_document(hanchot, path, expected_path, db):
    with open(expected_path, encoding="utf-8") as f:
        exp, alts, alt_leads, order = parse(f.read(), expected_path, strict=False)
    env = dict(os.environ, HANCHOT_DB=db, LC_ALL="C.UTF-8")
    env.pop("HANCHOT_TODAY", None)
    run = subprocess.run([hanchot, "import", "--dry-run", "--format", "tsv", path],
                         capture_output=True, text=True, env=env)
    s = {"expected": len(order), "read": 0, "matched": 0, "lead": 0, "coop": 0, "due": 0,
         "false_due": 0, "rejected": 0, "notes": []}
    if run.returncode != 0:
        s["rejected"] = 1
        s["notes"].append("REJECTED " + run.stderr.strip())
        return s
    act, _, _, act_order = parse(run.stdout, path + " (as read)", strict=False)
    s["read"] = len(act_order)
    for sec in order:
        e, a = exp[sec], act.get(sec)
        if a is None:
            s["notes"].append(f"MISSING {sec}: {e.get('lead')}")
            continue
        s["matched"] += 1
        lead = names(a.get("lead", "-"))
        if lead == names(e.get("lead", "-")) or lead in alt_leads.get(sec, []):
            s["lead"] += 1
        else:
            s["notes"].append(f"LEAD {sec}: expected '{e.get('lead')}', got '{a.get('lead')}'")
        if names(a.get("cooperating", "-")) == names(e.get("cooperating", "-")):
            s["coop"] += 1
        else:
            s["notes"].append(f"COOP {sec}: expected '{e.get('cooperating')}', "
                              f"got '{a.get('cooperating')}'")
        got = (a.get("due"), a.get("precision"))
        fine = [(e.get("due"), e.get("precision"))]
        fine += [(alt.get("due", e.get("due")), alt.get("precision", e.get("precision")))
                 for alt in alts.get(sec, [])]
        if got in fine:
            s["due"] += 1
        else:
            s["notes"].append(f"DUE {sec}: expected {e.get('due')} {e.get('precision')}, "
                              f"got {got[0]} {got[1]} ({a.get('phrase')})")
            if not no_due(got[0]) and all(no_due(d) for d, _ in fine):
                s["false_due"] += 1
    for sec in act_order:
        if sec not in exp:
            s["notes"].append(f"EXTRA {sec}: {act[sec].get('lead')} | {act[sec].get('about')}")
    return s


def ratio(a, b):
    return a / b if b else 1.0


def line(name, s):
    p, r = ratio(s["matched"], s["read"]), ratio(s["matched"], s["expected"])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    m = s["matched"]
    return (f"{name:<44} exp {s['expected']:3} read {s['read']:3} match {m:3}  "
            f"F1 {f1:.2f} (P {p:.2f} R {r:.2f})  lead {ratio(s['lead'], m):.2f}  "
            f"coop {ratio(s['coop'], m):.2f}  due {ratio(s['due'], m):.2f}  "
            f"false-due {s['false_due']}  rejected {s['rejected']}")


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 2:
        raise SystemExit(__doc__)
    hanchot, folder = os.path.abspath(args[0]), args[1]
    docs = []
    for entry in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(entry)
        expected = os.path.join(folder, stem + ".expected.tsv")
        if ext in (".txt", ".md") and not stem.endswith(".expected") and os.path.exists(expected):
            docs.append((stem, os.path.join(folder, entry), expected))
    if not docs:
        raise SystemExit(f"score: no document with a .expected.tsv in {folder}")
    total = {k: 0 for k in ("expected", "read", "matched", "lead", "coop", "due",
                            "false_due", "rejected")}
    with tempfile.TemporaryDirectory() as tmp:
        for stem, path, expected in docs:
            s = score_document(hanchot, path, expected, os.path.join(tmp, "score.db"))
            print(line(stem[:44], s))
            if verbose:
                for note in s["notes"]:
                    print("    " + note)
            for k in total:
                total[k] += s[k]
    print(line(f"TOTAL ({len(docs)} documents)", total))


if __name__ == "__main__":
    main()
