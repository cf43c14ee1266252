#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The reader of stories: the five source reports and the corpus of
# articles (tests/read/*/NAME.expect says what each must give).
exec "${PYTHON:-/usr/bin/python3}" "$srcdir/tests/read/run.py" "$srcdir/tests/read/reports" "$srcdir/tests/read/corpus"
