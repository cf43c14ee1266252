#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# wasm/check.sh SRCDIR BUILDDIR -- tests the module and package that
# wasm/build.sh made in BUILDDIR/wasm-build/pkg against the native command
# BUILDDIR/src/datascale: the API (test/api.mjs), the golden corpus row for
# row (test/corpus.mjs), the example notebook (test/notebook.mjs), the
# example page in headless Chromium (test/browser.mjs), and `npm pack`: the
# package installs offline into an empty project and gives the command's
# row. Prints the module's size and its speed under Node for the record.
# `make wasm-check` runs it; it is not part of `make check`.
set -eu
srcdir=$(cd "$1" && pwd)
builddir=$(cd "$2" && pwd)
pkg=$builddir/wasm-build/pkg
DATASCALE=${DATASCALE:-$builddir/src/datascale}
export DATASCALE
test -f "$pkg/datascale.mjs" || { echo "wasm/check.sh: no $pkg/datascale.mjs: run make wasm first" >&2; exit 1; }
fail=0
run() {
  echo "== $1"
  shift
  "$@" || { echo "FAIL: $*"; fail=1; }
}
run "API" node "$srcdir/wasm/test/api.mjs" "$pkg"
run "golden corpus, wasm against native" node "$srcdir/wasm/test/corpus.mjs" "$pkg" "$srcdir"/tests/golden/*.test
run "Observable notebook" node "$srcdir/wasm/test/notebook.mjs" "$pkg" "$srcdir/wasm/examples/observable.js"
if command -v "${CHROMIUM:-chromium}" >/dev/null; then
  run "example page in headless Chromium" node "$srcdir/wasm/test/browser.mjs" "$pkg" "$srcdir/wasm/examples/index.html"
else
  echo "FAIL: no Chromium to open the example page (Debian package chromium; CHROMIUM names another)"
  fail=1
fi

# npm pack, then the package by its name in a project of its own.
if command -v npm >/dev/null; then
  echo "== npm pack"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if (cd "$tmp" && npm pack --silent "$pkg" > packed && mkdir app && cd app && echo '{"name":"app","private":true}' > package.json &&
      npm install --offline --silent --no-audit --no-fund "../$(cat ../packed)"); then
    tgz=$tmp/$(cat "$tmp/packed")
    echo "$(basename "$tgz"): $(wc -c < "$tgz") bytes; $(tar tzf "$tgz" | tr '\n' ' ')"
    got=$(cd "$tmp/app" && node --input-type=module -e '
      import datascale from "datascale";
      const ds = await datascale();
      console.log(ds.session().evalJSON("1400 TB to photos"));')
    want=$("$DATASCALE" --json --no-user-units 1400 TB to photos)
    if test "$got" = "$want"; then echo "ok - the installed package gives the command's row: $got"
    else echo "FAIL: the installed package gives"; echo "  $got"; echo "the command"; echo "  $want"; fail=1; fi
  else
    echo "FAIL: npm pack or npm install of the package"; fail=1
  fi
else
  echo "FAIL: no npm for npm pack (Debian package npm)"
  fail=1
fi

echo "== for the record (not a test)"
echo "datascale.mjs: $(wc -c < "$pkg/datascale.mjs") bytes, $(gzip -9 < "$pkg/datascale.mjs" | wc -c) gzipped"
node --input-type=module -e '
  const { default: datascale } = await import(process.argv[1]);
  let t = performance.now();
  const ds = await datascale();
  const load = performance.now() - t;
  const s = ds.session();
  const n = 10000;
  t = performance.now();
  s.eval("1400 TB to photos");
  const first = performance.now() - t;
  for (let i = 0; i < 1000; i++) s.eval("1400 TB to photos"); // the engine compiles the hot code
  t = performance.now();
  for (let i = 0; i < n; i++) s.eval("1400 TB to photos");
  const many = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 1000; i++) ds.eval("1400 TB to photos");
  const fresh = performance.now() - t;
  console.log("load %s ms, first evaluation %s ms; then %d evaluations in one session %s s (%s us each); 1000 one-shot ds.eval() %s s",
    load.toFixed(0), first.toFixed(0), n, (many / 1000).toFixed(2), (many * 1000 / n).toFixed(0), (fresh / 1000).toFixed(2));
' "$pkg/datascale.mjs" || true
exit $fail
