#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The repository cites nothing a reader of it cannot look up (requirement
# ids, issue numbers, SPEC, files outside the tree): tests/habits.py.
exec "${PYTHON:-python3}" "$srcdir/tests/habits.py" "$srcdir"
