#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every golden file (tests/golden/*.test) through the built command.
exec "${PYTHON:-/usr/bin/python3}" "$srcdir/tests/golden/run.py" "$srcdir"/tests/golden/*.test
