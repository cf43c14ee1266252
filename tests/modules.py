#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The library's module graph: no circles, no file too long.

    modules.py [SRCDIR]

File A depends on module B when A (src/A.c or src/A.h) uses a name that
starts with B's stem and an underscore (units_lookup, stmt_result, defs_reader);
comments and strings are left out. The graph of src/*.c must have no cycle,
and no library file may be longer than MAX_LINES. With -v it prints the map,
one line a module with what it uses, lowest first.
"""
import os
import re
import sys

MAX_LINES = 900
GENERATED = {"units_data", "catalog_data"}


def strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def graph(src):
    stems = sorted(f[:-2] for f in os.listdir(src) if f.endswith(".c") and f[:-2] not in GENERATED)
    deps = {}
    for s in stems:
        text = ""
        for ext in (".c", ".h"):
            p = os.path.join(src, s + ext)
            if os.path.exists(p):
                text += strip(open(p, encoding="utf-8").read())
        used = set(re.findall(r"\b([a-z]+)_[a-z0-9_]*", text))
        deps[s] = sorted(u for u in used if u in stems and u != s)
    return stems, deps


def cycles(stems, deps):
    """Every cycle found by depth-first search, as a path."""
    colour = {s: 0 for s in stems}
    found = []

    def visit(s, path):
        colour[s] = 1
        for d in deps[s]:
            if colour[d] == 1:
                found.append(path[path.index(d):] + [d])
            elif colour[d] == 0:
                visit(d, path + [d])
        colour[s] = 2

    for s in stems:
        if colour[s] == 0:
            visit(s, [s])
    return found


def order(stems, deps):
    done, out = set(), []
    while len(out) < len(stems):
        for s in stems:
            if s not in done and all(d in done for d in deps[s]):
                done.add(s)
                out.append(s)
                break
        else:
            return out + [s for s in stems if s not in done]
    return out


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    src = args[0] if args else os.path.join(os.environ.get("srcdir", "."), "src")
    stems, deps = graph(src)
    passed = failed = 0
    found = cycles(stems, deps)
    for c in found:
        print("FAIL module cycle: " + " -> ".join(c))
        failed += 1
    if not found:
        print("ok - no cycle among %d modules" % len(stems))
        passed += 1
    for s in stems:
        n = sum(1 for _ in open(os.path.join(src, s + ".c"), encoding="utf-8"))
        if n > MAX_LINES:
            print("FAIL src/%s.c has %d lines (at most %d)" % (s, n, MAX_LINES))
            failed += 1
        else:
            passed += 1
    if verbose:
        for s in order(stems, deps):
            print("%-10s uses %s" % (s, ", ".join(deps[s]) or "-"))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
