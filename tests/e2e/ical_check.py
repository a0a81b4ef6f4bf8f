#!/usr/bin/python3
"""ical_check.py - check an iCalendar export with parsers that are not libical.

    /usr/bin/python3 tests/e2e/ical_check.py FILE.ics SPEC

Reads FILE.ics with python3-icalendar (Debian) and, when SPEC asks, imports it
into calcurse; compares what they read with SPEC, a TAB-separated list of
expectations written by tests/unit/test_ical.c. Texts in SPEC are hex-encoded
UTF-8 so any character (newline, tab, backslash) passes through unchanged.

    calname   HEX                      X-WR-CALNAME and NAME decode to this
    count     VEVENT|VTODO|VALARM  N   number of such components
    comp      KIND UID SEQ DATE STATUS TRIGGERS
              KIND VEVENT: all-day DTSTART DATE, DTEND the next day;
              KIND VTODO: DUE DATE, STATUS (or -); TRIGGERS: comma-joined
              durations of its VALARMs in order (or -); every VALARM has
              ACTION:DISPLAY and a DESCRIPTION, VTODO triggers RELATED=END
    text      KIND UID PROP HEX        PROP (SUMMARY, DESCRIPTION) decodes to HEX
    categories KIND UID HEX,HEX...     the CATEGORIES values, in order
    calcurse  EVENTS TODOS             calcurse -i imports that many, skips none
    calcurse-event MM/DD/YYYY HEX      calcurse stored this all-day item

Generic checks: one VCALENDAR with VERSION 2.0 and PRODID, no METHOD, every
VEVENT/VTODO has UID and DTSTAMP, no UID twice. Exit 0 when everything
matches, 1 listing every mismatch, 2 on usage errors or a missing tool.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile


def die(msg):
    print("ical_check: " + msg, file=sys.stderr)
    sys.exit(2)


def unhex(h):
    return bytes.fromhex(h).decode("utf-8") if h != "-" else ""


def text(v):
    return "" if v is None else str(v)


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def rfc_unescape(raw):
    """RFC 5545 3.3.11 TEXT decoding, left to right."""
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def raw_values(data):
    """(KIND, UID, PROP) -> the value as written, unfolded by python-icalendar."""
    from icalendar.parser import Contentlines
    raw, stack = {}, []
    for line in Contentlines.from_ical(data):
        if not line:
            continue
        # split at the first ":" outside quotes (Contentline.parts() would
        # already decode some escapes and not others)
        quoted, cut = False, None
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == ":" and not quoted:
                cut = i
                break
        if cut is None:
            continue
        name, value = re.split(r"[;:]", line[:cut + 1], 1)[0].upper(), line[cut + 1:]
        if name == "BEGIN":
            stack.append((value.upper(), []))
        elif name == "END" and stack:
            kind, plist = stack.pop()
            if kind in ("VEVENT", "VTODO"):
                uid = next((v for (n, v) in plist if n == "UID"), "")
                for n, v in plist:
                    raw.setdefault((kind, uid, n), v)
        elif stack:
            stack[-1][1].append((name, value))
    return raw


def load_spec(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append((n, line.split("\t")))
    return rows


def categories_of(comp):
    out = []
    for v in as_list(comp.get("CATEGORIES")):
        cats = getattr(v, "cats", None)
        out += [str(c) for c in cats] if cats is not None else [str(v)]
    return out


def check_calendar(cal, data, spec, errs):
    if cal.name != "VCALENDAR":
        errs.append("top-level component is %s" % cal.name)
    if text(cal.get("VERSION")) != "2.0":
        errs.append("VERSION is %r" % text(cal.get("VERSION")))
    if "PRODID" not in cal:
        errs.append("no PRODID")
    if "METHOD" in cal:
        errs.append("METHOD present: %s" % text(cal.get("METHOD")))
    comps = {}
    counts = {"VEVENT": 0, "VTODO": 0, "VALARM": 0}
    raw = None
    for c in cal.walk():
        if c.name in counts:
            counts[c.name] += 1
        if c.name in ("VEVENT", "VTODO"):
            uid = text(c.get("UID"))
            for req in ("UID", "DTSTAMP"):
                if req not in c:
                    errs.append("%s %s lacks %s" % (c.name, uid, req))
            if uid in {u for (_, u) in comps}:
                errs.append("UID %s used twice" % uid)
            comps[(c.name, uid)] = c

    for n, f in spec:
        what = "spec line %d (%s)" % (n, f[0])
        try:
            if f[0] == "calname":
                want = unhex(f[1])
                for p in ("X-WR-CALNAME", "NAME"):
                    if text(cal.get(p)) != want:
                        errs.append("%s: %s is %r, expected %r" % (what, p, text(cal.get(p)), want))
            elif f[0] == "count":
                if counts.get(f[1]) != int(f[2]):
                    errs.append("%s: %d %s, expected %s" % (what, counts.get(f[1], 0), f[1], f[2]))
            elif f[0] == "comp":
                kind, uid, seq, date, status, triggers = f[1:7]
                c = comps.get((kind, uid))
                if c is None:
                    errs.append("%s: no %s with UID %s" % (what, kind, uid))
                    continue
                check_comp(what, c, kind, seq, date, status, triggers, errs)
            elif f[0] == "text":
                kind, uid, prop, want = f[1], f[2], f[3], unhex(f[4])
                c = comps.get((kind, uid))
                got = text(c.get(prop)) if c is not None else None
                if got != want and "\\" in want:
                    # python3-icalendar 4.0.3 (Debian 12) unescapes with chained
                    # str.replace ('\\n' before '\\\\'), so a backslash before n, N,
                    # ',' ';' or another backslash decodes wrongly: decode its
                    # unfolded content line with the RFC rules instead.
                    if raw is None:
                        raw = raw_values(data)
                    r = raw.get((kind, uid, prop))
                    got = rfc_unescape(r) if r is not None else None
                if got != want:
                    errs.append("%s: %s %s %s is %r, expected %r" % (what, kind, uid, prop, got, want))
            elif f[0] == "categories":
                kind, uid = f[1], f[2]
                want = [unhex(h) for h in f[3].split(",")] if f[3] != "-" else []
                c = comps.get((kind, uid))
                got = categories_of(c) if c is not None else None
                # python3-icalendar 4.0.3 (Debian 12) splits CATEGORIES at escaped
                # commas too ("a\\, b" -> "a", " b"): compare the joined text.
                if got is None or ",".join(got) != ",".join(want):
                    errs.append("%s: %s %s CATEGORIES %r, expected %r" % (what, kind, uid, got, want))
        except (IndexError, ValueError) as e:
            die("%s: malformed (%s)" % (what, e))


def check_comp(what, c, kind, seq, date, status, triggers, errs):
    want_day = datetime.date.fromisoformat(date)
    if text(c.get("SEQUENCE")) != seq:
        errs.append("%s: SEQUENCE %r, expected %s" % (what, text(c.get("SEQUENCE")), seq))
    if kind == "VEVENT":
        start, end = c.get("DTSTART"), c.get("DTEND")
        s = start.dt if start is not None else None
        e = end.dt if end is not None else None
        if not isinstance(s, datetime.date) or isinstance(s, datetime.datetime) or s != want_day:
            errs.append("%s: DTSTART %r, expected the date %s" % (what, s, date))
        if not isinstance(e, datetime.date) or isinstance(e, datetime.datetime) \
                or e != want_day + datetime.timedelta(days=1):
            errs.append("%s: DTEND %r, expected the day after %s" % (what, e, date))
    else:
        due = c.get("DUE")
        d = due.dt if due is not None else None
        if not isinstance(d, datetime.date) or isinstance(d, datetime.datetime) or d != want_day:
            errs.append("%s: DUE %r, expected the date %s" % (what, d, date))
        if status != "-" and text(c.get("STATUS")) != status:
            errs.append("%s: STATUS %r, expected %s" % (what, text(c.get("STATUS")), status))
        if status == "COMPLETED" and "COMPLETED" not in c:
            errs.append("%s: STATUS COMPLETED without a COMPLETED date-time" % what)
    alarms = [a for a in c.subcomponents if a.name == "VALARM"]
    got = []
    for a in alarms:
        trig = a.get("TRIGGER")
        got.append(trig.to_ical().decode() if trig is not None else "?")
        if text(a.get("ACTION")) != "DISPLAY":
            errs.append("%s: VALARM ACTION %r" % (what, text(a.get("ACTION"))))
        if not text(a.get("DESCRIPTION")):
            errs.append("%s: VALARM without DESCRIPTION" % what)
        rel = str((getattr(trig, "params", {}) or {}).get("RELATED", "START")).upper()
        if rel != ("END" if kind == "VTODO" else "START"):
            errs.append("%s: VALARM TRIGGER RELATED=%s on a %s" % (what, rel, kind))
    want = triggers.split(",") if triggers != "-" else []
    if got != want:
        errs.append("%s: alarm triggers %r, expected %r" % (what, got, want))


def check_calcurse(path, spec, errs):
    rows = [f for (_, f) in spec if f[0] in ("calcurse", "calcurse-event")]
    if not rows:
        return
    exe = shutil.which("calcurse")
    if not exe:
        die("calcurse is not installed (Debian package calcurse)")
    with tempfile.TemporaryDirectory(prefix="ical-check-calcurse-") as d:
        env = dict(os.environ, HOME=d, TMPDIR=d, TZ="UTC")
        r = subprocess.run([exe, "-D", d, "-C", d, "-i", os.path.abspath(path)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=env, timeout=120)
        out = r.stdout.decode("utf-8", "replace")
        m = re.search(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped", out)
        if not m:
            errs.append("calcurse printed no import report (exit %d): %s" % (r.returncode, out[-300:]))
            return
        apps, events, todos, skipped = map(int, m.groups())
        apts = ""
        if os.path.exists(os.path.join(d, "apts")):
            with open(os.path.join(d, "apts"), encoding="utf-8", errors="replace") as f:
                apts = f.read()
        stored = set()
        for line in apts.splitlines():
            m2 = re.match(r"(\d\d/\d\d/\d{4}) \[\d+\] (?:>[0-9a-f]+ )?(.*)$", line)
            if m2:
                stored.add((m2.group(1), m2.group(2)))
        for f in rows:
            if f[0] == "calcurse":
                if (apps + events, todos, skipped) != (int(f[1]), int(f[2]), 0):
                    errs.append("calcurse imported %d events / %d todos / %d skipped, expected %s / %s / 0"
                                % (apps + events, todos, skipped, f[1], f[2]))
            elif (f[1], unhex(f[2])) not in stored:
                errs.append("calcurse did not store the all-day item %s %r" % (f[1], unhex(f[2])))


def main(argv):
    if len(argv) != 3:
        die("usage: ical_check.py FILE.ics SPEC")
    try:
        import icalendar
    except ImportError:
        die("python3-icalendar is not installed for %s" % sys.executable)
    with open(argv[1], "rb") as f:
        data = f.read()
    spec = load_spec(argv[2])
    errs = []
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parser exception is a failure
        print("python-icalendar cannot parse %s: %s" % (argv[1], str(e)[:200]))
        return 1
    check_calendar(cal, data, spec, errs)
    check_calcurse(argv[1], spec, errs)
    for e in errs:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
