#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# repl.sh -- the REPL's pseudo-terminal tests (tests/repl/test_repl.py),
# run with Debian's /usr/bin/python3 and its pty module. Skipped (exit 77)
# when that interpreter is missing. `timeout` bounds the whole run; the
# script bounds every wait on its own as well. Both are hang detectors, far
# above an honest run on a loaded machine.
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
  echo "SKIP: $PY not found"
  exit 77
fi
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${DATASCALE:=$PWD/src/datascale}"
exec timeout -k 5 900 "$PY" -B "$srcdir/tests/repl/test_repl.py" "$DATASCALE"
