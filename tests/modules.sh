#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The library's module graph has no cycle and no file is too long
# (tests/modules.py).
exec "${PYTHON:-python3}" "$srcdir/tests/modules.py" "$srcdir/src"
