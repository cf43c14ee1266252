#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Python package installed the normal way: a fresh venv (with Debian's
# setuptools, --system-site-packages), `pip install --no-index
# --no-build-isolation` of a copy of python/, then the module imported from
# the venv, outside the source tree, finds the library built here: by
# DATASCALE_LIBRARY, by its soname, and next to itself. Skips (77) only
# when venv and ensurepip are missing, or when this build has no loadable
# shared library (--disable-shared, or sanitizers).
py=/usr/bin/python3
if ! test -x "$py" || ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "SKIP: python3 -m venv needs venv and ensurepip (Debian package python3-venv)"
  exit 77
fi
. "$srcdir/tests/pylib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-pip.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() {
  echo "FAIL - $1"
  fail=1
}

"$py" -m venv --system-site-packages "$tmp/venv" >"$tmp/log" 2>&1 || {
  cat "$tmp/log"
  echo "FAIL - python3 -m venv"
  exit 1
}
# pip builds in the directory it is given: a copy, as the source tree may
# be read-only (make distcheck).
cp -R "$srcdir/python" "$tmp/src"
rm -rf "$tmp/src/tests"
if (cd "$tmp" && env -u PYTHONPATH PIP_DISABLE_PIP_VERSION_CHECK=1 "$tmp/venv/bin/pip" install --no-index \
  --no-build-isolation "$tmp/src") >"$tmp/log" 2>&1; then
  ok "pip install --no-index --no-build-isolation ./python"
else
  cat "$tmp/log"
  bad "pip install --no-index --no-build-isolation ./python"
fi

# Runs Python code in the venv, from another directory, without the
# source tree on the path.
vpy() { (cd "$tmp" && env -u PYTHONPATH "$@"); }

out=$(vpy "$tmp/venv/bin/python" -c 'import datascale; print(datascale.eval("1400 TB to photos").text)' 2>&1)
case $out in
  "≈ 470 million photos (1,400 TB at 3 MB per photo); ≈ 510 million if TB is read as TiB") ok "the newsroom line, with DATASCALE_LIBRARY" ;;
  *) bad "the newsroom line, with DATASCALE_LIBRARY: $out" ;;
esac

out=$(vpy "$tmp/venv/bin/python" -c '
import datascale, os, sys
assert datascale.__file__.startswith(sys.prefix), datascale.__file__
d = os.path.dirname(datascale.__file__)
assert os.path.exists(os.path.join(d, "py.typed")), "no py.typed"
import importlib.metadata as m
print(m.version("datascale-calc"))
' 2>&1)
if test "$out" = "$PACKAGE_VERSION"; then
  ok "installed in the venv, typed, version $out (configure.ac's)"
else
  bad "installed in the venv, typed, with configure.ac's version $PACKAGE_VERSION: $out"
fi

out=$(vpy "$tmp/venv/bin/python" -c 'import builtins; from datascale import *; print(eval("1 + 1"), eval is builtins.eval)' 2>&1)
test "$out" = "2 True" && ok "import * keeps the builtin eval" || bad "import * keeps the builtin eval: $out"

# By the soname: the dynamic loader finds libdatascale.so.N (here through
# LD_LIBRARY_PATH, as it would in /usr/lib after make install).
libdir=$(dirname "$DATASCALE_LIBRARY")
out=$(vpy env -u DATASCALE_LIBRARY LD_LIBRARY_PATH="$libdir" "$tmp/venv/bin/python" -c \
  'import datascale; print(datascale.library_path, datascale.eval("1400 TB to TiB").value)' 2>&1)
test "$out" = "$(basename "$DATASCALE_LIBRARY") 1273.2925824820995" && ok "found by its soname: $out" ||
  bad "found by its soname: $out"

# Next to itself: a copy of the library in the package's directory.
pkg=$(vpy "$tmp/venv/bin/python" -c 'import os, datascale; print(os.path.dirname(datascale.__file__))')
cp "$DATASCALE_LIBRARY" "$pkg/"
out=$(vpy env -u DATASCALE_LIBRARY "$tmp/venv/bin/python" -c 'import datascale; print(datascale.library_path)' 2>&1)
test "$out" = "$pkg/$(basename "$DATASCALE_LIBRARY")" && ok "found next to the module" || bad "found next to the module: $out"

exit $fail
