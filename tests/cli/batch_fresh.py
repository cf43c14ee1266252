#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Batch against fresh processes: a line's answer must not depend on the
lines evaluated before it in the same session (no assignments are used).

Writes COUNT random conversion lines (data sizes spelled every way: TB,
terabyte, terabytes, TiB, Tb, Tbit, kB, KB, catalogue items, rates, times),
runs them as one batch (`datascale --json -f`) and then runs each line of a
sample in a fresh process (`datascale --json -e LINE`), and compares the
JSON rows: text, exact value, unit, warnings and errors must be the same.
Both readings are tried (the default and --binary).

    batch_fresh.py [--count N] [--fresh K] [--seed S] [--mode decimal|binary|both]

--fresh K runs only K of the lines (chosen at random, the last line always
among them) in fresh processes; 0 means all of them. Prints the lines that
differ and exits 1 if any do. DATASCALE names the command (default
src/datascale).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

DATASCALE = os.environ.get("DATASCALE", "src/datascale")

PFX = [("K", "k", "kilo", "kibi"), ("M", "M", "mega", "mebi"), ("G", "G", "giga", "gibi"),
       ("T", "T", "tera", "tebi"), ("P", "P", "peta", "pebi"), ("E", "E", "exa", "exbi"),
       ("Z", "Z", "zetta", "zebi"), ("Y", "Y", "yotta", "yobi")]


def spellings():
    """Data-size spellings, and rate spellings, by kind."""
    size = ["B", "b", "bit", "bits", "byte", "bytes", "nibbles", "octets", "kB", "RB", "QB", "Mbyte",
            "photos", "songs", "emails", "hd_hours", "novels", "tweets"]
    for legacy, si, word, iec in PFX:
        iec_sym = ("K" if legacy == "K" else legacy) + "i"
        size += [legacy + "B", word + "byte", word + "bytes", iec_sym + "B", iec + "byte", iec + "bytes",
                 si + "b", si + "bit", word + "bit", word + "bits", legacy + "byte"]
    rate = ["Bps", "bps", "MBps", "Mbps", "GBps", "Gbps", "kbps", "TB/s", "terabytes/s", "GiB/s",
            "MB/h", "megabytes/hour", "gigabits/s", "KB/s", "kilobytes/day", "PB/year"]
    time = ["s", "ms", "min", "h", "hours", "days", "weeks", "years", "months", "milliseconds"]
    return size, rate, time


def number(rnd):
    k = rnd.randrange(6)
    if k == 0:
        return str(rnd.randrange(1, 10))
    if k == 1:
        return "{:,}".format(rnd.randrange(1, 10**7))
    if k == 2:
        return "%d.%d" % (rnd.randrange(0, 1000), rnd.randrange(1, 1000))
    if k == 3:
        return "(%d/%d)" % (rnd.randrange(1, 100), rnd.randrange(1, 100))
    if k == 4:
        return "%d.%de%d" % (rnd.randrange(1, 10), rnd.randrange(0, 100), rnd.randrange(-3, 13))
    return "(%d .. %d)" % (rnd.randrange(1, 5), rnd.randrange(5, 20))


def line(rnd, size, rate, time):
    k = rnd.randrange(10)
    a, b = rnd.choice(size), rnd.choice(size)
    if k < 5:
        return "%s %s to %s" % (number(rnd), a, b)
    if k == 5:
        return "%s %s + %s %s to %s" % (number(rnd), a, number(rnd), b, rnd.choice(size))
    if k == 6:
        return "%s %s to %s" % (number(rnd), rnd.choice(rate), rnd.choice(rate))
    if k == 7:
        return "%s %s / (%s %s) to %s" % (number(rnd), a, number(rnd), rnd.choice(rate), rnd.choice(time))
    if k == 8:
        return "%s %s" % (number(rnd), a)
    return "%s %s * %s %s to %s" % (number(rnd), rnd.choice(rate), number(rnd), rnd.choice(time), b)


KEYS = ("input", "ok", "text", "exact", "unit", "warnings", "error")


def rows_of(out):
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def pick(row):
    """The parts of a row that must not depend on the session (a batch row's
    error also says its line number)."""
    got = {k: row.get(k) for k in KEYS}
    if got["error"]:
        got["error"] = {k: got["error"].get(k) for k in ("message", "column")}
    return got


def run(args, stdin=None):
    env = dict(os.environ)
    env.pop("DATASCALE_UNITS_FILE", None)
    p = subprocess.run([DATASCALE, "--json", "--no-user-units"] + args, capture_output=True, text=True,
                       env=env, timeout=600)
    return rows_of(p.stdout)


def compare(lines, opts, sample):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as t:
        t.write("\n".join(lines) + "\n")
        name = t.name
    try:
        batch = run(opts + ["-f", name])
    finally:
        os.unlink(name)
    if len(batch) != len(lines):
        print("batch%s: %d lines but %d rows" % (" " + " ".join(opts) if opts else "", len(lines), len(batch)))
        return len(sample), len(sample)
    bad = 0
    for i in sample:
        fresh = run(opts + ["-e", lines[i]])
        want = pick(fresh[0]) if len(fresh) == 1 else None
        got = pick(batch[i])
        if want != got:
            bad += 1
            print("line %d%s: %s" % (i + 1, " (" + " ".join(opts) + ")" if opts else "", lines[i]))
            print("    fresh: %s" % json.dumps(want, ensure_ascii=False))
            print("    batch: %s" % json.dumps(got, ensure_ascii=False))
    return len(sample), bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=800)
    ap.add_argument("--fresh", type=int, default=0)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--mode", choices=("decimal", "binary", "both"), default="both")
    a = ap.parse_args()
    size, rate, time = spellings()
    total = bad = 0
    modes = {"decimal": [[]], "binary": [["--binary"]], "both": [[], ["--binary"]]}[a.mode]
    for opts in modes:
        rnd = random.Random("%d %s" % (a.seed, " ".join(opts)))
        lines = [line(rnd, size, rate, time) for _ in range(a.count)]
        sample = list(range(a.count))
        if a.fresh and a.fresh < a.count:
            sample = sorted(rnd.sample(range(a.count - 1), a.fresh - 1) + [a.count - 1])
        n, b = compare(lines, opts, sample)
        total += n
        bad += b
    print("%d lines compared with fresh processes, %d differ" % (total, bad))
    return 1 if bad or not total else 0


if __name__ == "__main__":
    sys.exit(main())
