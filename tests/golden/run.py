#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden tests for the datascale language and output.

Each tests/golden/*.test file is a list of cases separated by blank lines:

    # a comment
    1400 TB to GB           <- the expression (one line)
    1,400,000 GB            <- the text line expected (exactly)

An expectation line may also be:

    error: MESSAGE          the line fails with exactly this message
    error@COL: MESSAGE      ... at this 1-based column
    error~: TEXT            the line fails with a message containing TEXT
    error~@COL: TEXT        ... at this 1-based column (for messages whose
                            exact wording is not settled yet)
    json: {"key": value}    these keys of the JSON row have these values
    warning: TEXT           one of the warnings contains TEXT
    nowarning: TEXT         no warning contains TEXT
    explain: TEXT           the derivation (--explain) contains TEXT
    noexplain: TEXT         the derivation does not contain TEXT

`run.py --update FILE...` rewrites the expectations of the failing cases
with what the command now gives (text lines, json keys, exact error
messages, and a warning line where the row has one warning): for a change
of wording across many cases, to be read in `git diff` before committing.

A file may start with "%options: --binary -d 3" to pass options. All cases
of a file run in one session (assignments carry over), through
`datascale --json --no-user-units -f FILE`.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

DATASCALE = os.environ.get("DATASCALE", "src/datascale")


def parse(path):
    options, cases, block = [], [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines.append("")
    for no, line in enumerate(lines, 1):
        if line.startswith("%options:"):
            options = shlex.split(line[len("%options:"):])
            continue
        if line.startswith("#") and not block:
            continue
        if line.strip() == "":
            if block:
                cases.append(block)
                block = []
            continue
        block.append((no, line))
    return options, cases


def check(case, row):
    (no, expr), expects = case[0], case[1:]
    problems = []
    if row.get("input") != expr:
        return ["row does not match input %r: %r" % (expr, row.get("input"))]
    for _, exp in expects:
        if exp.startswith("error"):
            head, _, msg = exp.partition(": ")
            if row.get("ok"):
                problems.append("expected an error, got %r" % row.get("text"))
                continue
            err = row.get("error", {})
            if head.startswith("error~"):
                if msg not in (err.get("message") or ""):
                    problems.append("error message\n      want one containing %r\n      got  %r" % (msg, err.get("message")))
            elif err.get("message") != msg:
                problems.append("error message\n      want %r\n      got  %r" % (msg, err.get("message")))
            if "@" in head and str(err.get("column")) != head.split("@")[1]:
                problems.append("error column: want %s, got %s" % (head.split("@")[1], err.get("column")))
        elif exp.startswith("json: "):
            want = json.loads(exp[6:])
            for k, v in want.items():
                if row.get(k) != v:
                    problems.append("json %s: want %r, got %r" % (k, v, row.get(k)))
        elif exp.startswith("warning: "):
            text = exp[9:]
            if not any(text in w for w in row.get("warnings", [])):
                problems.append("no warning contains %r: %r" % (text, row.get("warnings")))
        elif exp.startswith("nowarning: "):
            text = exp[11:]
            if any(text in w for w in row.get("warnings", [])):
                problems.append("a warning contains %r: %r" % (text, row.get("warnings")))
        elif exp.startswith("explain: ") or exp.startswith("noexplain: "):
            want = not exp.startswith("no")
            text = exp.partition(": ")[2]
            if (text in (row.get("explain") or "")) != want:
                problems.append("the derivation %s %r:\n%s" % ("lacks" if want else "contains", text,
                                                                row.get("explain")))
        else:
            if not row.get("ok"):
                problems.append("unexpected error: %r" % row.get("error"))
            elif row.get("text") != exp:
                problems.append("text\n      want %r\n      got  %r" % (exp, row.get("text")))
    return problems


def updated(case, row):
    """The expectation lines of a case rewritten to what row gives."""
    out = []
    for no, exp in case[1:]:
        if exp.startswith("json: "):
            want = json.loads(exp[6:])
            exp = "json: " + json.dumps({k: row.get(k) for k in want}, ensure_ascii=False)
        elif exp.startswith("error") and not row.get("ok") and "~" not in exp.split(":")[0]:
            head = exp.partition(": ")[0]
            exp = "%s: %s" % (head, row.get("error", {}).get("message"))
        elif exp.startswith("warning: ") and len(row.get("warnings", [])) == 1:
            text = exp[9:]
            if not any(text in w for w in row["warnings"]):
                exp = "warning: " + row["warnings"][0]
        elif not exp.startswith(("warning: ", "nowarning: ", "explain: ", "noexplain: ", "error")) and row.get("ok"):
            exp = row.get("text")
        out.append((no, exp))
    return out


def run_file(path, update=False):
    options, cases = parse(path)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
        for case in cases:
            t.write(case[0][1] + "\n")
        name = t.name
    try:
        p = subprocess.run([DATASCALE, "--json", "--no-user-units"] + options + ["-f", name],
                           capture_output=True, timeout=120)
    finally:
        os.unlink(name)
    rows = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    passed = failed = 0
    if len(rows) != len(cases):
        print("FAIL %s: %d cases but %d rows (stderr: %s)" % (path, len(cases), len(rows), p.stderr[:300]))
        return 0, len(cases)
    fixes = {}
    for case, row in zip(cases, rows):
        problems = check(case, row)
        if problems and update:
            for no, exp in updated(case, row):
                fixes[no] = exp
        if problems:
            failed += 1
            print("FAIL %s:%d: %s" % (os.path.basename(path), case[0][0], case[0][1]))
            for pr in problems:
                print("    " + pr)
        else:
            passed += 1
    if fixes:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for no, exp in fixes.items():
            lines[no - 1] = exp
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return passed, failed


def main(paths):
    update = "--update" in paths
    paths = [p for p in paths if p != "--update"]
    tp = tf = 0
    for path in paths:
        p, f = run_file(path, update)
        print("%s: %d passed, %d failed" % (os.path.basename(path), p, f))
        tp += p
        tf += f
    print("%d passed, %d failed" % (tp, tf))
    return 1 if tf or not tp else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
