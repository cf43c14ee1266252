#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# characters.sh -- characters a reader cannot see: a byte-order mark at the
# start of a units file, invisible and bidi characters in units files, in
# messages and in the caret line (never echoed raw: shown as <U+XXXX>).
# Every character is written as UTF-8 bytes, so the tests do not depend on
# the locale.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE
BOM=$'\xef\xbb\xbf'
RLO=$'\xe2\x80\xae' # U+202E right-to-left override
ZWSP=$'\xe2\x80\x8b' # U+200B zero width space
RLM=$'\xe2\x80\x8f' # U+200F right-to-left mark

# Fails when stderr holds any raw character of the invisible set used here.
err_invisible_free() {
  if grep -q -e "$BOM" -e "$RLO" -e "$ZWSP" -e "$RLM" "$T/err"; then
    fail "$1" "stderr holds a raw invisible character"
  else pass "$1"; fi
}

# ---- a units file that starts with a byte-order mark ------------------------------
printf '%sphoto = 4 MB\n' "$BOM" >"$T/bom.units"
check "a units file with a byte-order mark: photo = 4 MB applies" 0 "250000" \
  "$D" -t -q --units-file="$T/bom.units" 1 TB to photos
printf '%s# saved by Notepad\r\nphoto = 4 MB\r\nalbum = 100 photos\r\n' "$BOM" >"$T/notepad.units"
check "byte-order mark, a comment and CRLF line ends (Notepad)" 0 "2500" \
  "$D" -t -q --units-file="$T/notepad.units" 1 TB to albums
mkdir -p "$XDG_CONFIG_HOME/datascale"
printf '%sphoto = 5 MB\n' "$BOM" >"$XDG_CONFIG_HOME/datascale/units"
chmod 600 "$XDG_CONFIG_HOME/datascale/units"
check "the user units file with a byte-order mark applies" 0 "200000" \
  "$D" -t -q 1 TB to photos
rm -f "$XDG_CONFIG_HOME/datascale/units"

# ---- invisible characters anywhere else in a units file are errors ----------------
printf 'album = 100 photos\n%sphoto = 4 MB\n' "$BOM" >"$T/bom2.units"
run "$D" --units-file="$T/bom2.units" 1 TB to photos
is_status "a byte-order mark at the start of line 2: status 2" 2
err_has "a byte-order mark at the start of line 2: named, at line 2 column 1" \
  "bom2.units:2:1: invisible character U+FEFF (byte-order mark) in a name"
err_invisible_free "a byte-order mark at the start of line 2: not echoed raw"
printf 'ph%soto = 4 MB\n' "$ZWSP" >"$T/zwsp.units"
run "$D" --units-file="$T/zwsp.units" 1 TB to photos
is_status "a zero width space inside a unit name: status 2" 2
err_has "a zero width space inside a unit name: named, at its column" \
  "zwsp.units:1:3: invisible character U+200B (zero width space) in a name"
err_invisible_free "a zero width space inside a unit name: not echoed raw"
printf 'photo/photos%s = 4 MB\n' "$RLM" >"$T/rlm.units"
run "$D" --units-file="$T/rlm.units" 1 TB to photos
is_status "a right-to-left mark after a plural: status 2" 2
err_has "a right-to-left mark after a plural: named" "rlm.units:1:13: invisible character U+200F (right-to-left mark) in a name"
printf 'photo = 4 MB\n[gizmo/giz%smos]\nsize: 2 MB\n' "$ZWSP" >"$T/item.units"
run "$D" --units-file="$T/item.units" 1 TB to gizmos
is_status "a zero width space in an item's plural: status 2" 2
err_has "a zero width space in an item's plural: named" "item.units:2:11: invisible character U+200B (zero width space) in a name"
printf 'photo = 4 %sMB\n' "$RLO" >"$T/rlo-def.units"
run "$D" --units-file="$T/rlo-def.units" 1 TB to photos
is_status "a right-to-left override in a definition: status 2" 2
err_has "a right-to-left override in a definition: named, at its column" \
  "rlo-def.units:1:11: invisible character U+202E (right-to-left override) in a name"
err_invisible_free "a right-to-left override in a definition: not echoed raw"
printf 'photo = 4 MB # %s a comment may hold anything\n' "$RLO" >"$T/rlo-comment.units"
check "an invisible character in a units-file comment is fine" 0 "250000" \
  "$D" -t -q --units-file="$T/rlo-comment.units" 1 TB to photos

# ---- messages and the caret line never echo them raw ------------------------------
run "$D" "1 ${RLO} MB"
is_status "a right-to-left override in an expression: status 1" 1
err_has "a right-to-left override: the message names it" "invisible character U+202E (right-to-left override)"
err_invisible_free "a right-to-left override: not echoed raw"
caret_at "a right-to-left override: shown as <U+202E>, caret under it" "1 <U+202E> MB" 3
run "$D" "1 MB + nosuch # ${RLO}evil"
is_status "a right-to-left override in a comment of a failing line: status 1" 1
err_invisible_free "a right-to-left override in a comment: not echoed raw"
caret_at "a right-to-left override in a comment: caret still under the name" "1 MB + nosuch # <U+202E>evil" 8
run "$D" "${BOM}1 MB + nosuch"
is_status "a byte-order mark before a failing line: status 1" 1
err_invisible_free "a byte-order mark before a failing line: not echoed raw"
caret_at "a byte-order mark before a failing line: caret under the name after <U+FEFF>" "<U+FEFF>1 MB + nosuch" 16
run "$D" "${BOM}1 MB + ${ZWSP}x"
err_has "a byte-order mark, then a zero width space: the second is the error" "invisible character U+200B (zero width space) in a name"
caret_at "a byte-order mark, then a zero width space: caret under the second" "<U+FEFF>1 MB + <U+200B>x" 16
run "$D" "${ZWSP}${ZWSP}x"
err_invisible_free "two zero width spaces: not echoed raw"
caret_at "two zero width spaces: caret under the first" "<U+200B><U+200B>x" 1
run "$D" "1 M${ZWSP}B"
caret_at "a zero width space in a name: caret under it" "1 M<U+200B>B" 4
run "$D" --json "1 ${RLO} MB"
json_ok "JSON: the message names U+202E and holds no raw invisible character" \
  'e = rows[0]["error"]; assert e["message"] == "invisible character U+202E (right-to-left override)", e; assert e["column"] == 3, e'
printf '1 %s MB\n' "$RLO" >"$T/rlo.txt"
run "$D" -f "$T/rlo.txt"
is_status "a right-to-left override in a batch line: status 1" 1
err_has "a right-to-left override in a batch line: FILE:LINE:COLUMN and the code point" \
  "rlo.txt:1:3: error: invisible character U+202E (right-to-left override)"
err_invisible_free "a right-to-left override in a batch line: not echoed raw"

# ---- file names in messages ---------------------------------------------------------
printf 'photo = = 4 MB\n' >"$T/x${RLO}y.units"
run "$D" --units-file="$T/x${RLO}y.units" 1 TB to photos
is_status "a broken units file whose name holds U+202E: status 2" 2
err_has "a broken units file whose name holds U+202E: the name shown with <U+202E>" "x<U+202E>y.units:1:"
err_invisible_free "a broken units file whose name holds U+202E: not echoed raw"

finish
