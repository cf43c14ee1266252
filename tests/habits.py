#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The repository explains itself.

    habits.py [SRCDIR]

No comment, test or document cites what a reader of the repository cannot
look up: a requirement id (R1, R11, R5/R7), an issue number ("issue 8"),
"SPEC", or a file outside the tree (DESIGN.md, shared/reference/...). Say
what the code does and why instead. In C and JavaScript only the comments
are read, so a variable named R0 is no citation.
"""
import os
import re
import sys

PATTERN = re.compile(r"\bR[1-9][0-9]?(/R[0-9]{1,2})?\b|\b[Ii]ssue[ -]#?[0-9]+\b|\bSPEC\b|DESIGN\.md|shared/reference|/work/shared")
ROOTS = ["README.md", "Makefile.am", "configure.ac", ".ci", "src", "include", "tests", "python", "docs", "data",
         "bench", "completions", "examples", "wasm"]
SUFFIXES = (".c", ".h", ".in", ".py", ".sh", ".md", ".test", ".txt", ".def", ".am", ".inc", ".ac", ".js", ".ts")
NAMES = ("run", "_datascale")
SKIP = ("tests/fuzz/corpus/", "bench/results", "tests/habits.py", "tests/habits.sh")
CODE = (".c", ".h", ".js", ".ts")


def comments(text):
    """The comments of C or JavaScript text, each at its own line number."""
    out = []
    for m in re.finditer(r"/\*.*?\*/|//[^\n]*|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'", text, flags=re.S):
        if m.group(0)[0] in "\"'":
            continue
        line = text.count("\n", 0, m.start()) + 1
        for i, part in enumerate(m.group(0).split("\n")):
            out.append((line + i, part))
    return out


def files(src):
    for root in ROOTS:
        p = os.path.join(src, root)
        if os.path.isfile(p):
            yield root
            continue
        for d, _, names in os.walk(p):
            for n in sorted(names):
                rel = os.path.relpath(os.path.join(d, n), src)
                if rel.startswith(SKIP) or not (n.endswith(SUFFIXES) or n in NAMES):
                    continue
                yield rel


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    hits, n = [], 0
    for rel in files(src):
        try:
            text = open(os.path.join(src, rel), encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue
        n += 1
        lines = comments(text) if rel.endswith(CODE) else enumerate(text.split("\n"), 1)
        for no, line in lines:
            if PATTERN.search(line):
                hits.append("%s:%d: %s" % (rel, no, line.strip()))
    if n == 0:
        print("FAIL: found no files to read under %s" % src)
        return 1
    for h in hits:
        print(h)
    if hits:
        print("FAIL: the lines above cite what the repository does not hold")
        print("0 passed, 1 failed")
        return 1
    print("ok - %d files cite no requirement id, issue number, SPEC or outside file" % n)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
