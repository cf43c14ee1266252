#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/fuzz/replay.sh -- replays the committed fuzz corpus (make check).
#
# Each fuzz target's seed corpus tests/fuzz/corpus/TARGET/ (golden-test
# lines, definitions chunks, and every crasher the fuzzers ever found) runs
# through the standalone driver tests/fuzz/replay_TARGET, which calls the
# same LLVMFuzzerTestOneInput that libFuzzer does. A target aborts on any
# broken invariant, and under --enable-sanitizers on any ASan/UBSan report.
# An invariant that a bug named in DS_KNOWN_BUGS still breaks (see
# Makefile.am) is reported, with a reproducer, and does not fail the run.
# The last line is "N passed, M failed" (one per target).
set -u
srcdir=${srcdir:-.}
if [ -n "${DATASCALE:-}" ]; then top=$(cd "$(dirname "$DATASCALE")/.." && pwd); else top=.; fi
passed=0 failed=0
for t in eval defs json read; do
  bin=$top/tests/fuzz/replay_$t
  dir=$srcdir/tests/fuzz/corpus/$t
  n=$(find "$dir" -maxdepth 1 -type f | wc -l)
  if [ ! -x "$bin" ]; then
    echo "FAIL $t: $bin is not built"
    failed=$((failed + 1))
  elif out=$("$bin" "$dir" 2>&1) && [ "$(printf '%s\n' "$out" | tail -1)" = "replayed $n inputs" ] &&
    ! printf '%s\n' "$out" | grep -v '^fuzz: ' | grep -qv "^replayed $n inputs\$"; then
    echo "ok   $t: replayed $n inputs"
    printf '%s\n' "$out" | grep '^fuzz: ' | sed 's/^/     /'
    passed=$((passed + 1))
  else
    echo "FAIL $t ($n inputs):"
    printf '%s\n' "$out" | tail -40
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
