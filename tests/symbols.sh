#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# symbols.sh -- libdatascale exports its API and nothing else.
#
#  1. The shared library's dynamic symbols and the static archive's global
#     symbols are exactly the ds_* functions declared in datascale.h (the
#     archive is what `make install` installs).
#  2. tests/symbols/clash, a program with its own buf_init, map_get,
#     parse_line... (linked with the archive when there is one), builds and
#     gets the library's answers.
# Skips (77) when configure could not hide the internals (it said so).
# Environment from make check: srcdir, NM, DS_HIDE_INTERNALS.
set -u
: "${NM:=nm}"
if test "${DS_HIDE_INTERNALS:-no}" != yes; then
  echo "SKIP: configure found no way to hide the library's internals (-fvisibility=hidden, objcopy --localize-hidden)"
  exit 77
fi
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
T=$(mktemp -d "${TMPDIR:-/tmp}/datascale-symbols.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

# The API: every "TYPE ds_name(" that starts a line of the header.
sed -n 's/^[A-Za-z][^(]*[ *]\(ds_[a-z_]*\)(.*/\1/p' "$srcdir/include/datascale.h" | sort -u >"$T/api"
n=$(wc -l <"$T/api")
if test "$n" -ge 40; then ok "datascale.h declares $n functions"; else bad "datascale.h: only $n functions found"; fi

# Defined global symbols of an object, archive or library: "ADDR TYPE NAME".
defined() { $NM "$@" 2>/dev/null | awk 'NF == 3 && $2 ~ /^[A-TV-Z]$/ {print $3}' | sort -u; }

# exports LIB WHAT NM-OPTION: LIB defines exactly the functions of datascale.h.
exports() {
  test -f "$1" || return 0
  checked=1
  defined "$3" --defined-only "$1" >"$T/lib"
  if cmp -s "$T/api" "$T/lib"; then
    ok "$2 exports the $n functions of datascale.h and nothing else"
  else
    bad "$2 exports other names than datascale.h declares (< header only, > $2 only):"
    diff "$T/api" "$T/lib" | sed -n 's/^[<>] /  &/p' | head -40
  fi
}
checked=0
exports src/.libs/libdatascale.so libdatascale.so -D
exports src/.libs/libdatascale.a libdatascale.a -g
test "$checked" = 1 || bad "neither src/.libs/libdatascale.so nor src/.libs/libdatascale.a was built"

if test -x tests/symbols/clash; then
  tests/symbols/clash >"$T/out" 2>&1
  rc=$?
  printf '%s\n' \
    "1400 TB to GB => 1,400,000 GB" \
    "photo = 4 MB => photo = 4 MB" \
    "2 photos to MB => 8 MB" \
    "3 KiB to B => 3,072 B" \
    "own functions: 21; own data: not the library's units" >"$T/want"
  if test "$rc" = 0 && cmp -s "$T/want" "$T/out"; then
    ok "a program with its own buf_init, map_get... links the library and gets its answers"
  else
    bad "tests/symbols/clash (status $rc):"
    diff "$T/want" "$T/out" | head -20
  fi
else
  bad "tests/symbols/clash was not built"
fi

echo "$pass passed, $fail failed"
test "$fail" = 0
