#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the reader of stories over each article of the corpora given.

Every article (*.txt, *.md, *.html) has beside it NAME.expect: one line per
finding, "LINE:COLUMN KIND VERDICT QUOTE", in the order of the text. The
findings of `datascale --read ARTICLE --json` must be exactly those. Then,
for every finding: the JSON row has every documented key; its quote is
the text's own words (white space folded); and its expression, run as a
datascale line, succeeds and (for a check) gives the same verdict, so a
fact-checker can reproduce it. --update rewrites the .expect files.
"""
import json
import os
import re
import subprocess
import sys

DS = os.environ.get("DATASCALE", "src/datascale")
KEYS = ["file", "line", "column", "quote", "kind", "verdict", "text", "expression", "figures"]
VERDICTS = {"holds", "close", "plausible", "off", "unchecked", "reported"}


def run(args, stdin=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run([DS, "--no-user-units"] + args, input=stdin, capture_output=True, env=env, timeout=120)


def fold(s):
    return re.sub(r"\s+", " ", s)


def check_article(path, update):
    errors = []
    d, name = os.path.split(path)
    p = subprocess.run([DS, "--no-user-units", "--read", name, "--json"], cwd=d or ".", capture_output=True,
                       timeout=120, env=dict(os.environ, LC_ALL="C.UTF-8"))
    if p.returncode != 0:
        return [f"{path}: exit {p.returncode}: {p.stderr.decode()}"]
    rows = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]
    got = [f'{r["line"]}:{r["column"]} {r["kind"]} {r["verdict"]} {r["quote"]}' for r in rows]
    exp_path = os.path.splitext(path)[0] + ".expect"
    if update:
        with open(exp_path, "w", encoding="utf-8") as f:
            f.write("".join(g + "\n" for g in got))
    with open(exp_path, encoding="utf-8") as f:
        want = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    if got != want:
        errors.append(f"{path}: findings differ\n  want: " + "\n        ".join(want) + "\n  got:  " + "\n        ".join(got))
    with open(path, encoding="utf-8", errors="replace") as f:
        text = fold(f.read())
    lines = []
    for r in rows:
        missing = [k for k in KEYS if k not in r]
        if missing:
            errors.append(f"{path}: a row lacks {missing}: {r}")
            continue
        if r["verdict"] not in VERDICTS:
            errors.append(f"{path}: unknown verdict {r['verdict']}")
        if not path.endswith(".html") and r["quote"] not in text:
            errors.append(f"{path}: quote not in the text: {r['quote']!r}")
        if not r["text"]:
            errors.append(f"{path}: empty text: {r}")
        if r["expression"]:
            lines.append((r["expression"], r["verdict"] if r["expression"].startswith("check ") else None))
    if lines:
        p = run(["--json", "-f", "-"], stdin="".join(e + "\n" for e, _ in lines).encode())
        out = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
        for (expr, verdict), o in zip(lines, out):
            if not o.get("ok"):
                errors.append(f"{path}: expression fails: {expr}: {o.get('error')}")
            elif verdict and o.get("verdict") != verdict:
                errors.append(f"{path}: {expr} gives {o.get('verdict')}, the finding says {verdict}")
    return errors


def main(argv):
    update = "--update" in argv
    paths = [a for a in argv if a != "--update"]
    arts = []
    for p in paths:
        if os.path.isdir(p):
            arts += sorted(os.path.join(p, f) for f in os.listdir(p) if re.search(r"\.(txt|md|html)$", f))
        else:
            arts.append(p)
    errors, n = [], 0
    for a in arts:
        errors += check_article(a, update)
        n += 1
    for e in errors:
        print("FAIL:", e)
    print(f"{n} articles, {len(errors)} failures")
    return 1 if errors or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
