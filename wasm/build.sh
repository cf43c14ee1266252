#!/bin/sh
# SPDX-License-Identifier: LGPL-3.0-or-later
# wasm/build.sh SRCDIR BUILDDIR -- builds libdatascale for WebAssembly: GMP
# and MPFR from Debian's source packages with emscripten (once; the result
# is kept in BUILDDIR/wasm-build/deps), then the library and wasm/api.js
# linked into one ES module with the wasm binary inside, and the npm package
# around it in BUILDDIR/wasm-build/pkg. `make wasm` runs it from a
# configured build directory, which provides include/datascale_version.h
# and the embedded data files (src/units_data.c, src/catalog_data.c).
#
# Needs Debian's emscripten and, for the sources, a deb-src line for the
# release (apt-get source gmp mpfr4). Environment:
#   DS_WASM_DEPS     where GMP and MPFR are built and kept (default
#                    BUILDDIR/wasm-build/deps); share it between build trees
#   DS_WASM_SOURCES  a directory holding the source packages already
#                    (gmp_*.dsc, mpfr4_*.dsc and their tarballs)
#   DS_WASM_JOBS     parallel jobs (default: the number of processors)
set -eu
srcdir=$(cd "$1" && pwd)
builddir=$(cd "$2" && pwd)
out=$builddir/wasm-build
deps=${DS_WASM_DEPS:-$out/deps}
jobs=${DS_WASM_JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$out" "$deps"
deps=$(cd "$deps" && pwd)

# Debian's emscripten runs its JavaScript tools with the system node, and
# finds acorn in /usr/share/nodejs only when node looks there by itself
# (Debian's node does; another node, such as NodeSource's, does not).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EMCC_SKIP_SANITY_CHECK=1
command -v emcc >/dev/null || { echo "wasm/build.sh: emcc not found (Debian package emscripten)" >&2; exit 1; }
clang=$(command -v clang-14 || command -v clang) || { echo "wasm/build.sh: clang not found" >&2; exit 1; }

now() { date +%s; }
t0=$(now)

# emcc starts a Python program for every file it compiles; configure runs
# hundreds of compilers and GMP has hundreds of files. The wrapper sends a
# compile-only call (-c, -E, -S) straight to clang with the flags emcc would
# give it (emcc --cflags), and everything else (links) to emcc.
cc=$out/emcc-fast
cflags=$(emcc --cflags)
cat > "$cc.tmp" <<EOF
#!/bin/sh
# Written by wasm/build.sh: compile-only calls go to clang with emcc's flags.
for a; do
  case \$a in -c|-E|-S) exec "$clang" $cflags "\$@" ;; esac
done
exec emcc "\$@"
EOF
chmod +x "$cc.tmp" && mv "$cc.tmp" "$cc"

# ---- GMP and MPFR, built once -------------------------------------------
# Each library is configured, built and installed into $prefix once; its
# stamp says it is there. Sources come from Debian's source packages.
prefix=$deps/prefix
if ! test -f "$deps/src/.done"; then
  rm -rf "$deps/src"
  mkdir -p "$deps/src"
  if test -n "${DS_WASM_SOURCES:-}"; then
    cp "$DS_WASM_SOURCES"/gmp_* "$DS_WASM_SOURCES"/mpfr4_* "$deps/src/"
  else
    (cd "$deps/src" && apt-get source --download-only gmp mpfr4) || {
      echo "wasm/build.sh: 'apt-get source gmp mpfr4' failed: add a deb-src line for your release, e.g." >&2
      echo "  echo 'deb-src http://deb.debian.org/debian bookworm main' > /etc/apt/sources.list.d/deb-src.list && apt-get update" >&2
      exit 1
    }
  fi
  (cd "$deps/src" && for d in gmp_*.dsc mpfr4_*.dsc; do dpkg-source --no-check -x "$d" >/dev/null; done)
  # Debian's GMP leaves out the manual and patches configure.ac and
  # Makefile.am not to build it, then runs autoreconf; the same edit on the
  # generated files spares that.
  for d in "$deps"/src/gmp-*/; do
    sed -i 's| doc/Makefile | |' "$d/configure"
    sed -i 's/^\(SUBDIRS = .*\) doc$/\1/' "$d/Makefile.in"
  done
  touch "$deps/src/.done"
fi
gmpsrc=$(ls -d "$deps"/src/gmp-*/ | head -1)
mpfrsrc=$(ls -d "$deps"/src/mpfr4-*/ | head -1)
build=$("$gmpsrc/config.guess")

# configure, make and make install of one library in $deps/NAME; its output
# is in configure.out and make.out there, and their tails on failure.
dep_build() {
  name=$1
  shift
  test -f "$prefix/.$name-done" && return 0
  echo "wasm/build.sh: building $name for wasm in $deps/$name"
  rm -rf "$deps/$name"
  mkdir -p "$deps/$name"
  (cd "$deps/$name" && "$@" --build="$build" --host=none --disable-shared --enable-static --prefix="$prefix" \
    CC="$cc" CFLAGS=-O2 AR=emar RANLIB=emranlib >configure.out 2>&1 &&
    make -j"$jobs" >make.out 2>&1 && make install >>make.out 2>&1) || {
    tail -30 "$deps/$name/configure.out" "$deps/$name/make.out" 2>/dev/null >&2
    exit 1
  }
  touch "$prefix/.$name-done"
}
# GMP in generic C (no assembly) for a 32-bit target: limbs are 32 bits.
# The programs it runs while it builds are built for this machine.
dep_build gmp "$gmpsrc/configure" --disable-assembly --disable-cxx CC_FOR_BUILD=gcc
t1=$(now)
dep_build mpfr "$mpfrsrc/configure" --disable-thread-safe --disable-decimal-float --disable-float128 --with-gmp="$prefix"
t2=$(now)
echo "wasm/build.sh: GMP and MPFR ready in $prefix ($((t2 - t0)) s)"

# ---- libdatascale and the module ------------------------------------------
for f in include/datascale_version.h src/units_data.c src/catalog_data.c; do
  test -f "$builddir/$f" || { echo "wasm/build.sh: $builddir/$f is missing: run make in the build directory first" >&2; exit 1; }
done
obj=$out/obj
pkg=$out/pkg
mkdir -p "$obj" "$pkg"
t3=$(now)
# The library's sources with the flags of the native build (warnings as
# errors: a warning here is a portability problem, such as a long taken
# for 64 bits), for a 32-bit target whose long and GMP limbs are 32 bits.
warn="-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wpointer-arith -Wundef -Wvla -Werror"
{
  echo "CFLAGS = -std=c11 -O2 $warn -fvisibility=hidden -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \\"
  echo "  -I$srcdir/include -I$builddir/include -I$srcdir/src -I$prefix/include -MMD -MP"
  printf 'all:'
  for c in "$srcdir"/src/*.c "$builddir/src/units_data.c" "$builddir/src/catalog_data.c"; do
    printf ' %s.o' "$(basename "$c" .c)"
  done
  echo
  for c in "$srcdir"/src/*.c "$builddir/src/units_data.c" "$builddir/src/catalog_data.c"; do
    printf '%s.o: %s\n\t%s $(CFLAGS) -c %s -o $@\n' "$(basename "$c" .c)" "$c" "$cc" "$c"
  done
  echo "-include *.d"
} > "$obj/Makefile"
make -s -C "$obj" -j"$jobs"
objs=$(ls "$obj"/*.o)

# Every function of the public header, and what api.js uses of the runtime.
exports=$(sed -n 's/.*[ *]\(ds_[a-z_]*\)(.*/_\1/p' "$srcdir/include/datascale.h" | sort -u | tr '\n' ',')_malloc,_free
# One file: the wasm binary inside (SINGLE_FILE), a factory function
# (MODULARIZE) followed by api.js, which exports the API. Only the web and
# worker loaders are built in: the binary comes from the file itself, so
# Node (18 and later) runs that code too, and emscripten 3.1.6's Node loader
# does not work in an ES module. Memory grows as GMP needs it (up to 2 GiB).
# The C stack has 4 MiB: with stack checks built in, the golden corpus and
# the hostile corpus ran in 256 KiB (the engine's own stack bounds the
# nesting first: api.js). (The output is named .js: for a .mjs name emcc
# would add an export of its own.)
emcc -O2 -o "$out/datascale.js" $objs "$prefix/lib/libmpfr.a" "$prefix/lib/libgmp.a" \
  -sMODULARIZE=1 -sEXPORT_NAME=datascaleCore -sSINGLE_FILE=1 -sENVIRONMENT=web,worker \
  -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=4194304 \
  -sEXPORTED_FUNCTIONS="$exports" -sEXPORTED_RUNTIME_METHODS=UTF8ToString \
  -sINCOMING_MODULE_JS_API=[] -sFILESYSTEM=0 \
  --extern-post-js "$srcdir/wasm/api.js"
t4=$(now)

# ---- the npm package ------------------------------------------------------
version=$(sed -n 's/^#define DS_VERSION "\([^"]*\)".*/\1/p' "$builddir/include/datascale_version.h")
cp "$out/datascale.js" "$pkg/datascale.mjs"
cp "$srcdir/wasm/datascale.d.ts" "$srcdir/wasm/README.md" "$pkg/"
sed "s/@VERSION@/$version/" "$srcdir/wasm/package.json.in" > "$pkg/package.json"
size=$(wc -c < "$pkg/datascale.mjs")
gz=$(gzip -9 < "$pkg/datascale.mjs" | wc -c)
echo "wasm/build.sh: $pkg/datascale.mjs: $size bytes ($gz gzipped); library and link $((t4 - t3)) s, in all $((t4 - t0)) s"
