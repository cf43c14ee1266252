#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# units_file.sh -- extra definitions: --units-file, the user units file
# (${XDG_CONFIG_HOME:-~/.config}/datascale/units), DATASCALE_UNITS_FILE,
# --no-user-units; broken and cyclic files (the README's "Programs and files",
# "Command line", "Bad input"). Fixtures are in tests/cli/defs/.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE
G=$DEFS/good.units

# ---- --units-file adds units ----------------------------------------------------
run "$D" --units-file="$G" 1400 TB to photos
is_status "--units-file: photo = 4 MB, then 1400 TB to photos: status 0" 0
out_matches "--units-file: photo = 4 MB, then 1400 TB to photos (350 million)" '^(350,000,000|350 million) photos'
check "--units-file: photo = 4 MB, then 1400 TB to photos (terse)" 0 "350000000" \
  "$D" -t --units-file="$G" 1400 TB to photos
check "--units-file FILE (separate argument)" 0 "350000000" \
  "$D" -t --units-file "$G" 1400 TB to photos
check "--units-file: the singular 'photo' is the file's too" 0 "250" \
  "$D" -t --units-file="$G" 1 GB to photo
run "$D" --units-file="$G" '3 widget + 2 widget'
is_status "widget = !widget declares a dimension: widgets add" 0
out_has "widget = !widget: 3 + 2 widgets is 5" "5 widget"
run "$D" --units-file="$G" '1 widget + 1 MB'
is_status "a declared dimension does not mix with information: status 1" 1
err_has "a declared dimension does not mix with information: dimension message" "dimension"
err_has "a declared dimension does not mix with information: names widget" "widget"
run "$D" --units-file="$G" '1 widget to s'
is_status "a declared dimension does not convert to time: status 1" 1
run "$D" --units-file="$G" '2 crate to widget'
out_has "a unit built on a declared dimension (2 crates = 24 widgets)" "24 widget"
check "a unit built on another user unit (1 GB = 10 albums)" 0 "10" \
  "$D" -t -q --units-file="$G" 1 GB to albums
check "--units-file is repeatable: the second file uses the first" 0 "960 widgets" \
  "$D" --units-file="$G" --units-file="$DEFS/second.units" 2 pallets to widgets
printf '1 GB to photos\n' >"$T/in.txt"
run --in "$T/in.txt" "$D" -t -q --units-file="$G"
is_out "--units-file applies to stdin batch lines" "250"
check "an assignment overrides a units-file assumption" 0 "2
500" "$D" -t -q --units-file="$G" -e 'photo = 2 MB' -e '1 GB to photos'
check "--assume overrides a units-file assumption" 0 "500" \
  "$D" -t -q --units-file="$G" -a photo=2MB 1 GB to photos
run "$D" --json --units-file="$G" 1 GB to photos
json_ok "--json: the units-file assumption is the one used and listed" '
r = rows[0]; check_row(r)
assert r["value"] == 250, r["value"]
used = [a for a in r["assumptions"] if a.get("name") == "photo"]
assert used, r["assumptions"]
assert used[0]["value"].replace(" ", "") == "4MB", used[0]
'
# --binary is the reading of MB everywhere in the session, definitions included.
check "--binary applies to units-file definitions (8 MB / photo = 2)" 0 "2" \
  "$D" -q --binary --units-file="$G" '8 MB / photo'
check "--binary applies to units-file definitions (1 photo = 4 MiB)" 0 "4,194,304 B" \
  "$D" -q --binary --units-file="$G" '1 photo to B'

# ---- errors in a definitions file: FILE:LINE:COLUMN, status 2 ----------------------
check_fail "unknown name in a definition: status 2" 2 "$DEFS/unknown_name.units:3:11:" \
  "$D" --units-file="$DEFS/unknown_name.units" 1400 TB to GB
err_has "unknown name in a definition: names it" "frobnicate"
check_fail "bad syntax in a definition: status 2, FILE:LINE:COLUMN" 2 "$DEFS/bad_syntax.units:3:13:" \
  "$D" --units-file="$DEFS/bad_syntax.units" 1400 TB to GB
check_fail "unknown @flag: status 2, FILE:LINE:COLUMN" 2 "$DEFS/bad_flag.units:2:14:" \
  "$D" --units-file="$DEFS/bad_flag.units" 1400 TB to GB
err_has "unknown @flag: says it is a flag" "flag"
check_fail "a line without '=': status 2, FILE:LINE:COLUMN" 2 "$DEFS/no_equals.units:2:1:" \
  "$D" --units-file="$DEFS/no_equals.units" 1400 TB to GB
check_fail "a name from a file not loaded: status 2" 2 "$DEFS/second.units:2:" \
  "$D" --units-file="$DEFS/second.units" 1400 TB to GB
check_fail "a broken file stops batch input too: nothing evaluated" 2 "$DEFS/bad_syntax.units:3:13:" \
  "$D" --units-file="$DEFS/bad_syntax.units" -f "$T/in.txt"
check_fail "a missing --units-file: status 2" 2 "$T/nope.units" "$D" --units-file="$T/nope.units" 1+1
check_fail "a directory as --units-file: status 2" 2 "$T" "$D" --units-file="$T" 1+1
check_fail "a good file then a broken one: status 2" 2 "$DEFS/bad_flag.units:2:14:" \
  "$D" --units-file="$G" --units-file="$DEFS/bad_flag.units" 1+1

# ---- cycles: detected, status 2, never a hang ------------------------------------------
for f in cycle2 cycle3 self self_plain; do
  check_fail "cycle ($f.units): status 2" 2 "cycle" "$D" --units-file="$DEFS/$f.units" 1+1
  assert "cycle ($f.units): the message names FILE:LINE:COLUMN" \
    grep -qE "$DEFS/$f\.units:[0-9]+:[0-9]+:" "$T/err"
done
err_has "self-reference: the cycle path is shown" "y -> y"

# ---- the user units file ------------------------------------------------------------------
U=$XDG_CONFIG_HOME/datascale/units
mkdir -p "$XDG_CONFIG_HOME/datascale"
printf '# my units\ngizmo = 7 kB\n' >"$U"
chmod 644 "$U"
check "the user units file is read" 0 "7,000 B" "$D" gizmo to B
printf '2 gizmo to B\n' >"$T/gizmo.txt"
check "the user units file applies to -f input" 0 "14,000 B" "$D" -f "$T/gizmo.txt"
run --in "$T/gizmo.txt" "$D"
is_out "the user units file applies to stdin lines" "14,000 B"
check_fail "--no-user-units: the user file is not read" 1 "gizmo" "$D" --no-user-units gizmo to B
check "--units-file and the user file together" 0 "7000
24" "$D" -t -q --units-file="$G" -e 'gizmo to B' -e '2 crate to widget'
chmod 600 "$U"
check "a user file readable by its owner only is read" 0 "7,000 B" "$D" gizmo to B
mkdir -p "$T/other/.config/datascale"
printf 'doohickey = 3 kB\n' >"$T/other/.config/datascale/units"
chmod 644 "$T/other/.config/datascale/units"
run --unset XDG_CONFIG_HOME --env HOME="$T/other" "$D" doohickey to B
is_status "without XDG_CONFIG_HOME: ~/.config/datascale/units is read (status)" 0
is_out "without XDG_CONFIG_HOME: ~/.config/datascale/units is read" "3,000 B"
run --env XDG_CONFIG_HOME="$T/nothing-here" "$D" 1+1
is_out "no user file at all: fine" "2"

# DATASCALE_UNITS_FILE overrides the user file
printf 'gadget = 9 kB\n' >"$T/env.units"
chmod 644 "$T/env.units"
run --env DATASCALE_UNITS_FILE="$T/env.units" "$D" gadget to B
is_out "DATASCALE_UNITS_FILE is read" "9,000 B"
run --env DATASCALE_UNITS_FILE="$T/env.units" "$D" gizmo to B
is_status "DATASCALE_UNITS_FILE replaces the user file (gizmo unknown)" 1
err_has "DATASCALE_UNITS_FILE replaces the user file: unknown name" "gizmo"
run --env DATASCALE_UNITS_FILE="$T/no-such.units" "$D" 1+1
is_status "DATASCALE_UNITS_FILE naming a missing file: status 2" 2
err_has "DATASCALE_UNITS_FILE naming a missing file: names it" "$T/no-such.units"
run --env DATASCALE_UNITS_FILE="$DEFS/unknown_name.units" "$D" 1+1
is_status "DATASCALE_UNITS_FILE with an error: status 2" 2
err_has "DATASCALE_UNITS_FILE with an error: FILE:LINE:COLUMN" "$DEFS/unknown_name.units:3:11:"

# errors in the user file
printf 'gizmo = 7 kB\nbroken = 2 * * 3\n' >"$U"
chmod 644 "$U"
check_fail "an error in the user file: status 2, FILE:LINE:COLUMN" 2 "$U:2:" "$D" 1+1
check "--no-user-units skips a broken user file" 0 "2" "$D" --no-user-units 1+1
printf 'p = q\nq = p\n' >"$U"
check_fail "a cycle in the user file: status 2" 2 "cycle" "$D" 1+1

# unsafe user files are refused
printf 'gizmo = 7 kB\n' >"$U"
for mode in 664 620 646 602 666; do
  chmod "$mode" "$U"
  check_fail "a user file with mode $mode (writable by others) is refused: status 2" 2 "$U" "$D" 1+1
done
chmod 664 "$U"
check "--no-user-units: a group-writable user file is not even opened" 0 "2" "$D" --no-user-units 1+1
chmod 644 "$U"
mv "$U" "$T/real.units"
chmod 644 "$T/real.units"
ln -s "$T/real.units" "$U"
check_fail "a user file that is a symlink is refused: status 2" 2 "$U" "$D" 1+1
check "--no-user-units: a symlinked user file is not opened" 0 "2" "$D" --no-user-units 1+1
rm -f "$U"
check "after removing the user file: fine again" 0 "2" "$D" 1+1

# ---- names a units file cannot define ----------------------------------------------
# Keywords, functions, ans and _ mean something else wherever they are written, so a
# unit by that name would be defined and silently never used.
R=$T/reserved.units
for w in ans _ sqrt growth project max log2 to in as per check range auto reset compare iec words \
  equivalents; do
  printf 'gizmo = 7 kB\n%s = 5 MB\n' "$w" >"$R"
  check_fail "a unit named '$w' is refused with FILE:LINE:COLUMN" 2 "$R:2:1: '$w' " \
    "$D" --units-file="$R" 1+1
  err_has "a unit named '$w': says it cannot name a unit" "cannot name a unit"
done
printf 'gizmo/to = 7 kB\n' >"$R"
check_fail "a reserved plural is refused at its column" 2 "$R:1:7: 'to' is a word of the language" \
  "$D" --units-file="$R" 1+1
printf 'gizmo gz sqrt = 7 kB\n' >"$R"
check_fail "a reserved symbol is refused at its column" 2 "$R:1:10: 'sqrt' is a function" \
  "$D" --units-file="$R" 1+1
printf '# items\n[range]\nsize: 1 MB\n' >"$R"
check_fail "a catalogue item named 'range' is refused" 2 "$R:2:2: 'range' is a word of the language" \
  "$D" --units-file="$R" 1+1
printf '[scan/check]\nsize: 1 MB\n' >"$R"
check_fail "a catalogue item's plural 'check' is refused" 2 "$R:1:7: 'check' is a word of the language" \
  "$D" --units-file="$R" 1+1
printf '[scan/scans]\nsize: 1 MB\naliases: page, ans\n' >"$R"
check_fail "an alias 'ans' is refused" 2 "$R:3:16: 'ans' names the previous result" \
  "$D" --units-file="$R" 1+1
printf 'answer/answers = 42 B\ntoe/toes = 3 B\nsquare_root = 2 B\n' >"$R"
check "names that only start like a reserved word are fine" 0 "126 B" \
  "$D" -q --units-file="$R" '3 answers to B'

# ---- redefining the byte --------------------------------------------------------------
# A redefinition keeps the prefixes and the reading of the unit it replaces unless it
# gives flags of its own, so TB still means 10^12 (or 2^40 under --binary) of the byte.
printf 'byte = 8 bit\n' >"$R"
check "byte = 8 bit: TB is still 10^12 bytes" 0 "1,000,000,000,000 B" \
  "$D" -q --units-file="$R" '1 TB to B'
check "byte = 8 bit: under --binary TB is still 2^40 bytes" 0 "1,099,511,627,776 B" \
  "$D" -q --binary --units-file="$R" '1 TB to B'
check "byte = 8 bit: kB, KiB and terabytes still work" 0 "3,000 B
1,024 B
8,000,000,000,000 bits" "$D" -q --units-file="$R" -e '3 kB to B' -e '1 KiB to B' -e '1 terabyte to bits'
check "byte = 8 bit: still shown in bytes" 0 "8 kB" "$D" -q --units-file="$R" '8000 bytes'
printf 'byte/bytes B = 10 bit\n' >"$R"
check "byte = 10 bit: TB is 10^12 of the new byte" 0 "10,000,000,000,000 bit" \
  "$D" -q --units-file="$R" '1 TB to bit'
check "byte = 10 bit: under --binary TB is 2^40 of the new byte" 0 "10,995,116,277,760 bit" \
  "$D" -q --binary --units-file="$R" '1 TB to bit'
printf 'byte = 8 bit @si-up\n' >"$R"
check "a redefinition with flags of its own takes only those (no KiB)" 1 "" \
  "$D" -q --units-file="$R" '1 KiB to B'
printf 'minute/minutes min mins = 60 s\n' >"$R"
check "min, a function's name, may be defined again as the minute's symbol" 0 "120 s" \
  "$D" -q --units-file="$R" '2 min to s'
printf 'month = 30 day\n' >"$R"
run "$D" --units-file="$R" '2 months to days'
is_out "month = 30 day: 2 months are 60 days" "60 days"
err_lacks "month = 30 day: no note about the mean Gregorian month" "Gregorian"
# ---- the user units file and the directories holding it must be the user's --
# A file, or a directory between $XDG_CONFIG_HOME (~/.config) and the file,
# owned by another user (root aside) is refused like one writable by others:
# its owner could change what every result means.
printf 'gizmo = 7 kB\n' >"$U"
chmod 644 "$U"
chmod 755 "$XDG_CONFIG_HOME" "$XDG_CONFIG_HOME/datascale"
chmod 775 "$XDG_CONFIG_HOME"
check_fail "a group-writable \$XDG_CONFIG_HOME above the user file is refused: status 2" 2 \
  "$XDG_CONFIG_HOME" "$D" 1+1
err_has "a group-writable \$XDG_CONFIG_HOME: says it is writable by others" "writable by others"
chmod 755 "$XDG_CONFIG_HOME"
check "the user file in directories of the user's is read" 0 "7,000 B" "$D" gizmo to B
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
  chown nobody "$U"
  check_fail "a user file owned by another user is refused: status 2" 2 "$U" "$D" 1+1
  err_has "a user file owned by another user: says so" "another user"
  check "--no-user-units: a user file owned by another user is not opened" 0 "2" "$D" --no-user-units 1+1
  chown 0 "$U"
  chown nobody "$XDG_CONFIG_HOME/datascale"
  check_fail "a datascale directory owned by another user is refused: status 2" 2 "$XDG_CONFIG_HOME/datascale" \
    "$D" 1+1
  err_has "a datascale directory owned by another user: says so" "another user"
  chown 0 "$XDG_CONFIG_HOME/datascale"
  chown nobody "$XDG_CONFIG_HOME"
  check_fail "an \$XDG_CONFIG_HOME owned by another user is refused: status 2" 2 "$XDG_CONFIG_HOME" "$D" 1+1
  chown 0 "$XDG_CONFIG_HOME"
  mkdir -p "$T/other2/.config/datascale"
  printf 'doohickey = 3 kB\n' >"$T/other2/.config/datascale/units"
  chown nobody "$T/other2/.config"
  run --unset XDG_CONFIG_HOME --env HOME="$T/other2" "$D" 1+1
  is_status "without XDG_CONFIG_HOME: a ~/.config owned by another user is refused" 2
  err_has "without XDG_CONFIG_HOME: names ~/.config" "$T/other2/.config"
  check "the user file is read again once everything is the user's" 0 "7,000 B" "$D" gizmo to B
else
  echo "skip - ownership of the user units file (needs root and a 'nobody' user to chown to)"
fi
rm -f "$U"


# ---- catalogue blocks: display names, short description, "up to" bound -----
printf '[scan/scans]\nsize: 25 MB\nrange: 10 MB .. 40 MB\nabout: one archival page scan\ndisplay: archival scan / archival scans\nshort: TIFF page, our archive\nbound: upper\nsource: s\nyear: 2025\ncompare: yes\n' >"$T/scan.def"
check "a block's display name reads back as a target, and its count is a minimum" 0 \
  "at least 56 million archival scans (1,400 TB at up to 25 MB per archival scan); at least 62 million if TB is read as TiB" \
  "$D" -q --units-file="$T/scan.def" 1400 TB to archival scans
run "$D" -q --units-file="$T/scan.def" compare 1400 TB
out_has "an equivalents line with the block's name, size and short description" \
  "at least 56 million archival scans (25 MB each: TIFF page, our archive); up to 140 million"
printf '[scan/scans]\nsize: 25 MB\ndisplay: archival scan\n' >"$T/bad.def"
check_fail "a display without a plural is refused: status 2" 2 "display must be SINGULAR / PLURAL" \
  "$D" --units-file="$T/bad.def" 1+1
printf "[scan/scans]\nsize: 25 MB\ndisplay: banker's box / banker's boxes\n" >"$T/bad.def"
check_fail "a display name that cannot be typed is refused: status 2" 2 "letters, digits, spaces and hyphens" \
  "$D" --units-file="$T/bad.def" 1+1
printf '[scan/scans]\nsize: 25 MB\nbound: lower\n' >"$T/bad.def"
check_fail "an unknown bound is refused: status 2" 2 "bound must be upper or typical" \
  "$D" --units-file="$T/bad.def" 1+1

# An item whose plausible range starts at 0 B: no upper count, and no
# division by zero (the fuzzer's crash-0256cf7f).
printf '[pod/pods]\nsize: 96 kbit/s * 1 h\nrange: 96 kbit/s * 0 h .. 128 kbit/s * 1 h\nsource: s\nyear: 2025\ncompare: yes\n' >"$T/zero.def"
run "$D" -q --json --no-user-units --units-file="$T/zero.def" '1400 TB to equivalents'
is_status "a range from 0 B: status 0" 0
assert "a range from 0 B: the count's high end is null" \
  /usr/bin/python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); p = [e for e in r["equivalents"] if e["name"] == "pod"][0]; sys.exit(p["high"] is not None)' "$T/out"

# A units file past the command's 16 MiB is refused at once, and the
# message says what the limit is (not only "File too large").
truncate -s $((16 * 1024 * 1024 + 1)) "$T/huge.def"
check_fail "a units file over 16 MiB is refused: status 2, the limit named" 2 "larger than 16 MiB" \
  "$D" --units-file="$T/huge.def" 1+1
rm -f "$T/huge.def"

finish
