#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# prototypes.sh -- the ctypes declarations of python/datascale/_lib.py match
# include/datascale.h (python/tests/test_prototypes.py). Both are read as
# text: neither the library nor NumPy is needed, so this runs in every
# build. Skips (77) only when /usr/bin/python3 is missing.
py=/usr/bin/python3
if ! test -x "$py"; then
  echo "SKIP: $py not found (Debian package python3)"
  exit 77
fi
exec "$py" "$srcdir/python/tests/test_prototypes.py" -v
