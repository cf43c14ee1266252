#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The library in a program that runs under a comma-decimal locale
# (de_DE.UTF-8): its JSON rows keep the decimal point and its numbers read
# the same (tests/locale/numeric.c). Skips (77) only when the locale is not
# installed.
if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\{0,1\}8'; then
  echo "SKIP: the de_DE.UTF-8 locale is not installed (Debian package locales-all)"
  exit 77
fi
if ! test -x tests/locale/numeric; then
  echo "FAIL: tests/locale/numeric was not built"
  exit 1
fi
exec tests/locale/numeric
