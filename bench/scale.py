#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How datascale's cost grows with the size of its input (bench/run, part 3).

  bench/scale.py DATASCALE [--quick]

Three series, each timed as the median of a few runs of the command:
  - powers: 2^(2^k) B to QB for k up to the result-size limit (2^24 bits),
    then past it, where the limit must answer at once;
  - literals of 10^3 .. 10^6 digits ("1000...0 B to QB"), then one past the
    line-length limit (1 MiB);
  - batches of 10^3 .. 10^6 lines (random N UNIT to UNIT), per line.
Each row prints the time and the factor over the row before, next to the
factor of the input's growth: GMP's multiplication is near-linear, so a
doubling of the size should cost a little more than double, no worse.
"""
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, stdin=None):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t, p.returncode, p.stderr.decode(errors="replace")


def median_time(cmd, runs, path=None):
    times, rc, err = [], 0, ""
    for _ in range(runs):
        if path:
            with open(path, "rb") as f:
                dt, rc, err = run(cmd, f)
        else:
            dt, rc, err = run(cmd)
        times.append(dt)
    return statistics.median(times), rc, err


def row(label, secs, prev, growth, note=""):
    factor = "" if prev is None else "x%.2f" % (secs / prev)
    print("  %-28s %9.2f ms %8s  (input x%s)%s" % (label, secs * 1e3, factor, growth, note))


def main():
    ds = sys.argv[1]
    quick = "--quick" in sys.argv
    runs = 3 if quick else 5
    base = [ds, "--no-user-units"]
    tmp = tempfile.mkdtemp()

    print("powers: 2^(2^k) B to QB (result-size limit 2^24 bits)")
    prev = None
    for k in range(14, 24) if not quick else range(18, 24, 2):
        secs, rc, err = median_time(base + ["-e", "2^(2^%d) B to QB" % k], runs)
        row("k=%d (%d bits)" % (k, 1 << k), secs, prev, 2 if not quick else 4, "" if rc == 0 else "  status %d" % rc)
        prev = secs
    for k in (24, 30, 62):
        secs, rc, err = median_time(base + ["-e", "2^(2^%d) B to QB" % k], runs)
        print("  %-28s %9.2f ms  status %d: %s" % ("k=%d (past the limit)" % k, secs * 1e3, rc, err.splitlines()[0][:70]))

    print("literals: 10^n as n+1 digits, B to QB (line limit 1 MiB)")
    prev = None
    for n in (1000, 10000, 100000, 1000000):
        path = os.path.join(tmp, "lit%d" % n)
        with open(path, "w") as f:
            f.write("1" + "0" * n + " B to QB\n")
        secs, rc, err = median_time(base + ["-q"], runs, path)
        row("%d digits" % n, secs, prev, 10, "" if rc == 0 else "  status %d" % rc)
        prev = secs
    path = os.path.join(tmp, "lit-over")
    with open(path, "w") as f:
        f.write("1" + "0" * (2 << 20) + " B to QB\n")
    secs, rc, err = median_time(base + ["-q"], runs, path)
    print("  %-28s %9.2f ms  status %d: %s" % ("2 Mi digits (past the limit)", secs * 1e3, rc, err.splitlines()[0][:70]))

    print("batches: N random conversions through stdin")
    units = ["kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB"]
    rng = random.Random(2026)
    prev = None
    for n in (1000, 10000, 100000, 1000000) if not quick else (1000, 10000, 100000):
        path = os.path.join(tmp, "batch%d" % n)
        with open(path, "w") as f:
            for _ in range(n):
                f.write("%d %s to %s\n" % (rng.randint(1, 99999), rng.choice(units), rng.choice(units)))
        secs, rc, err = median_time(base + ["-q"], 3 if n < 1000000 else 1, path)
        row("%d lines (%.2f us/line)" % (n, secs / n * 1e6), secs, prev, 10)
        prev = secs


if __name__ == "__main__":
    main()
