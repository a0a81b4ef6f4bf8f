#!/usr/bin/env python3
"""Scores a reading of a notice against its hand-checked .expected.tsv by
tasks, matched by section as import_compare.py matches them: a task is
right when its section is found and its leads, cooperating agencies and
deadline compare equal (import_compare's rules, its '# alt:' lines too).

usage: import_f1.py EXPECTED.tsv ACTUAL.tsv MIN_F1
Prints precision, recall and F1; exits 1 when F1 < MIN_F1."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import import_compare as ic  # noqa: E402


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    exp, alts, _, order = ic.read(sys.argv[1])
    act, _, _, act_order = ic.read(sys.argv[2])
    right = 0
    for sec in order:
        a = act.get(sec)
        if a is None:
            continue
        e = exp[sec]
        same = all(ic.names(e.get(c, "-")) == ic.names(a.get(c, "-")) for c in ("lead", "cooperating"))
        due_ok = (e.get("due"), e.get("precision")) == (a.get("due"), a.get("precision")) or any(
            (alt.get("due", e.get("due")), alt.get("precision", e.get("precision"))) == (a.get("due"), a.get("precision"))
            for alt in alts.get(sec, []))
        right += same and due_ok
    p = right / len(act_order) if act_order else 0.0
    r = right / len(order) if order else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"tasks: {right} right, {len(act_order)} read, {len(order)} expected; "
          f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    sys.exit(0 if f1 >= float(sys.argv[3]) else 1)


if __name__ == "__main__":
    main()
