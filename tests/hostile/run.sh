#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/hostile/run.sh -- the hostile-input corpus (make check).
# Runs every case of tests/hostile/cases.txt through src/datascale under
# ulimit -v 1 GiB and -s 8 MiB; see run.py for the format and the checks.
# Options: -v (a line per case), -k SUBSTRING (only matching case names).
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
exec "${PYTHON:-python3}" "$srcdir/tests/hostile/run.py" "$@"
