#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates the seed corpus of the fuzz targets from the sources.

    python3 tests/fuzz/mkcorpus.py [SRCDIR]

Writes, under SRCDIR/tests/fuzz/corpus/ (SRCDIR defaults to the tree this
script is in):

  eval/g-TEST-NNN   each expression line of tests/golden/TEST.test, one file
                    each (the line without its newline, as ds_eval gets it)
  json/g-TEST-NN    the same lines in batches of 8, newline-separated, so the
                    JSON target sees sessions (assignments, ans, reset)
  defs/units-NN     data/units.def cut into its "# ---" sections
  defs/catalog-NN   data/catalog.def, four [item] blocks a file
  defs/cli-NAME     tests/cli/defs/*.units (good and broken user files)

Only files whose names start with "g-", "units-", "catalog-" or "cli-" are
replaced; crashers (crash-*), inputs merged from fuzzing runs (f-*) and
hand-written seeds are kept. Inputs the fuzzers add while running go to a
separate directory, not here.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(SRC, "tests", "fuzz", "corpus")
GENERATED = ("g-", "units-", "catalog-", "cli-")


def golden_lines(path):
    """The expression of each case (the first line of a block)."""
    out, block = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n") + [""]
    for line in lines:
        if line.startswith("%options:"):
            continue
        if line.startswith("#") and not block:
            continue
        if line.strip() == "":
            if block:
                out.append(block[0])
                block = []
            continue
        block.append(line)
    return out


def clear(d):
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if name.startswith(GENERATED):
            os.remove(os.path.join(d, name))


def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode("utf-8"))


def main():
    ev, js, df = (os.path.join(OUT, t) for t in ("eval", "json", "defs"))
    for d in (ev, js, df):
        clear(d)
    counts = [0, 0, 0]
    for path in sorted(glob.glob(os.path.join(SRC, "tests", "golden", "*.test"))):
        stem = os.path.basename(path)[:-5]
        lines = golden_lines(path)
        for i, line in enumerate(lines, 1):
            write(ev, "g-%s-%03d" % (stem, i), line)
            counts[0] += 1
        for k in range(0, len(lines), 8):
            write(js, "g-%s-%02d" % (stem, k // 8 + 1), "\n".join(lines[k:k + 8]) + "\n")
            counts[1] += 1
    with open(os.path.join(SRC, "data", "units.def"), encoding="utf-8") as f:
        units = f.read()
    for i, part in enumerate(re.split(r"\n(?=# ---)", units), 1):
        write(df, "units-%02d" % i, part + "\n")
        counts[2] += 1
    with open(os.path.join(SRC, "data", "catalog.def"), encoding="utf-8") as f:
        catalog = f.read()
    blocks = re.split(r"\n(?=\[)", catalog)
    for i in range(0, len(blocks), 4):
        write(df, "catalog-%02d" % (i // 4 + 1), "\n".join(blocks[i:i + 4]) + "\n")
        counts[2] += 1
    for path in sorted(glob.glob(os.path.join(SRC, "tests", "cli", "defs", "*.units"))):
        with open(path, encoding="utf-8") as f:
            write(df, "cli-" + os.path.basename(path)[:-6], f.read())
        counts[2] += 1
    print("eval %d, json %d, defs %d seeds written" % tuple(counts))


if __name__ == "__main__":
    main()
