#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/quickstart.sh -- the README's Quick start installs everything the
# test suite needs, and CI installs the same list. Fails when they drift:
# a package the suite's SKIP messages name must be in the README's command,
# and .ci/run may add to the README's list only the tools CI alone uses.
readme="$srcdir/README.md"
ci="$srcdir/.ci/run"
# CI alone uses these: clang (fuzzing), clang-format (make check-format);
# units, hyperfine, bc and valgrind (the benchmark, bench/run); emscripten,
# nodejs, npm and chromium (the WebAssembly build and its tests, make
# wasm-check).
ci_only="units clang clang-format hyperfine bc valgrind emscripten nodejs npm chromium"

# The packages named after "apt-get install -y" up to the next "&&".
pkgs_readme=$(sed -n '/^## Quick start/,/^## /p' "$readme" |
  grep 'apt-get install' | head -1 |
  sed 's/.*apt-get install -y//; s/&&.*//' | tr ' ' '\n' | grep -v '^-' | grep . | sort -u)
# In .ci/run: the first "apt-get install -y" command (its lines up to the
# one without a trailing backslash), and the words of wasm_pkgs="...".
pkgs_ci=$({
  awk '/apt-get install -y/ && !seen { on = 1; seen = 1 }
       on { print; if ($0 !~ /\\$/) on = 0 }' "$ci" | sed 's/.*install -y//'
  sed -n 's/.*wasm_pkgs="\([^"]*\)".*/\1/p' "$ci" | sed 's/\$wasm_pkgs//'
} | tr ' \\' '\n\n' | grep -v '^-' | grep . | sort -u)

fail=0
if test -z "$pkgs_readme" || test -z "$pkgs_ci"; then
  echo "FAIL: could not read the package lists (README Quick start, .ci/run)"
  exit 1
fi
for p in $pkgs_readme; do
  echo "$pkgs_ci" | grep -qx "$p" || { echo "FAIL: README installs $p, .ci/run does not"; fail=1; }
done
for p in $pkgs_ci; do
  echo "$pkgs_readme" | grep -qx "$p" && continue
  case " $ci_only " in *" $p "*) ;; *) echo "FAIL: .ci/run installs $p, the README's Quick start does not"; fail=1 ;; esac
done
# Every package a test names when it skips is in the README's command.
named=$(cat "$srcdir"/tests/*.sh "$srcdir"/tests/*/*.sh 2>/dev/null |
  grep -o 'Debian packages\{0,1\} [a-z0-9. -]*' | sed 's/Debian packages\{0,1\} //' | tr ' ' '\n' | grep . | sort -u)
for p in $named; do
  echo "$pkgs_readme" | grep -qx "$p" || { echo "FAIL: a test skips without $p; the Quick start does not install it"; fail=1; }
done
test "$fail" = 0 && echo "ok: Quick start installs $(echo $pkgs_readme | wc -w) packages; CI adds only: $ci_only"
exit $fail
