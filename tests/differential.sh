#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/differential.sh -- random conversions against an exact reference
# computed in Python (tests/differential.py), and the same lines in another
# order in one session.
exec "${PYTHON:-/usr/bin/python3}" "$srcdir/tests/differential.py" "$DATASCALE"
