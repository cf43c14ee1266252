# SPDX-License-Identifier: GPL-3.0-or-later
# tests/pylib.sh -- sourced by tests/python.sh and tests/notebooks.sh: skip
# (77) when the library just built cannot be loaded into Python, fail when
# it should be there and is not.
case $DS_SAN_CFLAGS in
  *sanitize*)
    echo "SKIP: a library built with sanitizers cannot be loaded into Python"
    exit 77 ;;
esac
if ! test -f "$DATASCALE_LIBRARY"; then
  if test -n "$DS_LIBTOOL" && "$DS_LIBTOOL" --config 2>/dev/null | grep '^build_libtool_libs=no' >/dev/null; then
    echo "SKIP: no shared library in this build (--disable-shared)"
    exit 77
  fi
  echo "FAIL: $DATASCALE_LIBRARY not found (is DS_SONAME in Makefile.am right?)"
  exit 1
fi
