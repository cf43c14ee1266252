#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rows of --json against the JSON Schema in docs/, and the README's
# recipes that read them (tests/jsonrows.py). Skips (77) only when Debian's
# python3-jsonschema or pandas is missing.
py=/usr/bin/python3
if ! test -x "$py" || ! "$py" -c 'import jsonschema' 2>/dev/null; then
  echo "SKIP: the jsonschema module not found (Debian package python3-jsonschema)"
  exit 77
fi
if ! "$py" -c 'import pandas' 2>/dev/null; then
  echo "SKIP: pandas not found (Debian package python3-pandas)"
  exit 77
fi
exec "$py" "$srcdir/tests/jsonrows.py"
