#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every examples/*.ds through the built command and compares the output
# with examples/*.out: the worked examples in the docs cannot drift.
pass=0 fail=0
for ds in "$srcdir"/examples/*.ds; do
  out="${ds%.ds}.out"
  if "$DATASCALE" --no-user-units -q -f "$ds" 2>&1 | diff -u "$out" - >"${TMPDIR:-/tmp}/ds-example.$$" 2>&1; then
    pass=$((pass + 1))
    echo "ok - $(basename "$ds")"
  else
    fail=$((fail + 1))
    echo "FAIL - $(basename "$ds")"
    cat "${TMPDIR:-/tmp}/ds-example.$$"
  fi
done
rm -f "${TMPDIR:-/tmp}/ds-example.$$"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
