#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the Python module's unittest suite (python/tests/test_datascale.py)
# under Debian's interpreter, against the library just built: the test
# environment sets DATASCALE_LIBRARY and PYTHONPATH (see Makefile.am).
# Skips (77) only when /usr/bin/python3 or NumPy is missing, or when this
# build has no loadable shared library (--disable-shared, or sanitizers).
py=/usr/bin/python3
if ! test -x "$py"; then
  echo "SKIP: $py not found (Debian package python3)"
  exit 77
fi
if ! "$py" -c 'import numpy' 2>/dev/null; then
  echo "SKIP: NumPy not found (Debian package python3-numpy)"
  exit 77
fi
. "$srcdir/tests/pylib.sh"
exec "$py" "$srcdir/python/tests/test_datascale.py" -v
