#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Executes every examples/*.ipynb headless with Debian's Jupyter
# (`jupyter execute`, nbclient), against the library just built. A failing
# cell (its asserts check the story's numbers) fails the test. Skips (77) only
# when Jupyter is missing, or when this build has no loadable shared library
# (--disable-shared, or sanitizers).
jupyter=
for j in /usr/bin/jupyter jupyter; do
  if command -v "$j" >/dev/null 2>&1 && "$j" execute --help >/dev/null 2>&1; then
    jupyter=$j
    break
  fi
done
if test -z "$jupyter"; then
  echo "SKIP: jupyter execute not found (Debian packages jupyter-nbconvert python3-nbclient python3-ipykernel)"
  exit 77
fi
. "$srcdir/tests/pylib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-notebooks.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for nb in "$srcdir"/examples/*.ipynb; do
  test -f "$nb" || continue
  # A private HOME and Jupyter/IPython/Matplotlib state in the temporary
  # directory; no terminal, no stdin.
  if env HOME="$tmp" IPYTHONDIR="$tmp/ipython" JUPYTER_CONFIG_DIR="$tmp/jupyter" \
      JUPYTER_DATA_DIR="$tmp/jupyter-data" JUPYTER_RUNTIME_DIR="$tmp/jupyter-runtime" \
      MPLCONFIGDIR="$tmp/matplotlib" MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1 \
      "$jupyter" execute --timeout=300 "$nb" </dev/null >"$tmp/out" 2>&1; then
    pass=$((pass + 1))
    echo "ok - $(basename "$nb")"
  else
    fail=$((fail + 1))
    echo "FAIL - $(basename "$nb")"
    cat "$tmp/out"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
