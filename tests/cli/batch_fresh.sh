#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# batch_fresh.sh -- a line's answer does not depend on the lines before it:
# 800 random conversions (TB, terabyte, TiB, Tb, kB, KB, items, rates) run
# as one batch, and a sample of them each in a fresh process, under both
# readings, give the same rows (tests/cli/batch_fresh.py; run it by hand
# with --fresh 0 to compare every line).
TIMEOUT=${TIMEOUT:-600} # a hang detector only: the run takes a few seconds
. "$(dirname "$0")/lib.sh"

run "$PYTHON" "$srcdir/tests/cli/batch_fresh.py" --count 800 --fresh 120 --seed 12
is_status "800 lines, 120 of them fresh, both readings: no difference" 0
out_has "every sampled line compared" "240 lines compared with fresh processes, 0 differ"

run "$PYTHON" "$srcdir/tests/cli/batch_fresh.py" --count 400 --fresh 60 --seed 7 --mode binary
is_status "another seed under --binary: no difference" 0
out_has "every sampled line compared" "60 lines compared with fresh processes, 0 differ"

finish
