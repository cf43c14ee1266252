#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the benchmark inputs: N random data-size conversions, as datascale
lines (`N UNIT to UNIT`) and as GNU units input (`N UNIT` then `UNIT`)."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
out = sys.argv[2] if len(sys.argv) > 2 else "bench"
units = ["kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB"]
rng = random.Random(2026)
with open(out + ".ds", "w") as ds, open(out + ".units", "w") as gu:
    for _ in range(n):
        a, f, t = rng.randint(1, 99999), rng.choice(units), rng.choice(units)
        ds.write("%d %s to %s\n" % (a, f, t))
        gu.write("%d %s\n%s\n" % (a, f, t))
