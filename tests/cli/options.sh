#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# options.sh -- the command's options (the README's "Command line", "Output for
# people"): --terse, --digits, --exact, --assume, --binary, --decimal-comma, --color and
# NO_COLOR, --quiet, --help, --version, bad options, the --max-* limits.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE
ESC=$'\033'

# ---- -t/--terse: the number only ------------------------------------------
check "-t prints the number only" 0 "1400000" "$D" -t 1400 TB to GB
check "--terse prints the number only" 0 "1400000" "$D" --terse 1400 TB to GB
check "--terse: no approximation sign" 0 "1.41421" "$D" --terse 'sqrt(2)'
check "--terse with --digits" 0 "0.667" "$D" --terse -d 3 '2/3'
check "--terse: an assignment prints its value" 0 "5" "$D" -t 'x = 5'
run "$D" -t 1400 TB to GB
err_has "--terse keeps the reading note on stderr" "1,433,600"
run "$D" -t nosuchname
is_status "--terse: a failure is still status 1" 1
is_out "--terse: a failure prints nothing on stdout" ""

# ---- -d/--digits=N: significant digits -------------------------------------
check "default: 6 significant digits" 0 "≈ 0.142857" "$D" '1/7'
check "-d 3" 0 "≈ 0.143" "$D" -d 3 '1/7'
check "-d3 (attached)" 0 "≈ 0.143" "$D" -d3 '1/7'
check "--digits=3" 0 "≈ 0.143" "$D" --digits=3 '1/7'
check "--digits 12" 0 "≈ 0.666666666667" "$D" --digits 12 '2/3'
check "--digits=2 rounds" 0 "≈ 0.67" "$D" --digits=2 '2/3'
check "--digits does not shorten a short exact result" 0 "1,400,000 GB" "$D" -d 2 1400 TB to GB
check "--digits applies to every -e" 0 "≈ 0.14
≈ 0.67" "$D" -d 2 -e '1/7' -e '2/3'
check_fail "--digits=abc is a usage error" 2 "abc" "$D" --digits=abc 1
check_fail "--digits=0 is a usage error" 2 "digits" "$D" --digits=0 1
check_fail "-d -3 is a usage error" 2 "digits" "$D" -d -3 1
check_fail "--digits=3x is a usage error" 2 "3x" "$D" --digits=3x 1
check_fail "--digits without a value is a usage error" 2 "digits" "$D" --digits

# ---- --exact: the rational and its full decimal expansion ------------------
run "$D" --exact '1/7'
is_status "--exact 1/7: status 0" 0
out_has "--exact 1/7: repeating part in parentheses" "0.(142857)"
out_has "--exact 1/7: the exact rational" "1/7"
run "$D" --exact '2/3'
out_has "--exact 2/3: 0.(6)" "0.(6)"
run "$D" --exact '1/12'
out_has "--exact 1/12: 0.08(3)" "0.08(3)"
run "$D" --exact '1/4'
out_has "--exact 1/4: a terminating decimal" "0.25"
out_lacks "--exact 1/4: no repeating part" "("
run "$D" --exact '1 GB / 7 to MB'
out_has "--exact with a unit: 142.(857142)" "142.(857142) MB"
out_has "--exact with a unit: 1000/7" "1000/7"
run "$D" --exact '1 GB to MB'
is_out "--exact on an integer result: just the number" "1,000 MB"
run "$D" --json --exact '1/7'
json_ok "--exact in --json: text shows the expansion, exact the rational" '
r = rows[0]; check_row(r)
assert r["exact"] == "1/7", r["exact"]
assert "0.(142857)" in r["text"], r["text"]
'

# ---- -a/--assume NAME=EXPR (repeatable) -------------------------------------
run "$D" -a photo=4MB 1400 TB to photos
is_status "-a NAME=EXPR: status 0" 0
out_matches "-a NAME=EXPR sets an assumption (350 million photos)" '^(350,000,000|350 million) photos'
check "-a NAME=EXPR (terse number)" 0 "350000000" "$D" -t -a photo=4MB 1400 TB to photos
check "--assume=NAME=EXPR" 0 "350000000" "$D" -t --assume='photo = 4 MB' 1400 TB to photos
check "--assume NAME=EXPR (separate)" 0 "350000000" "$D" -t --assume 'photo=4 MB' 1400 TB to photos
check "-a is repeatable" 0 "350000000
200000" "$D" -t -a photo=4MB -a song=5MB -e '1400 TB to photos' -e '1 TB to songs'
printf '1 GB to photos\n' >"$T/in1"
run --in "$T/in1" "$D" -t -a photo=4MB
is_out "-a applies to stdin batch lines" "250"
check "-a: a later -a for the same name wins" 0 "500" "$D" -t -a photo=4MB -a photo=2MB 1 GB to photos
check "-a: an assumption may use an earlier one" 0 "125" "$D" -t -a song=4MB -a album=2song 1 GB to albums
check_fail "-a without '=' is a usage error" 2 "NAME=EXPR" "$D" -a photo 1
check_fail "-a with an empty name is a usage error" 2 "NAME=EXPR" "$D" -a =4MB 1
check_fail "-a with a bad expression is an error (status 2)" 2 "nosuchunit" "$D" -a photo=4nosuchunit 1
run "$D" --json -a photo=4MB 1400 TB to photos
json_ok "--json: an --assume'd value is listed in assumptions" '
r = rows[0]; check_row(r)
assert r["value"] == 350000000, r["value"]
names = [a.get("name") for a in r["assumptions"]]
assert "photo" in names, r["assumptions"]
'

# ---- --binary: KB MB GB TB ... are powers of 1024 ---------------------------
check "--binary: 1 GB is 1,024 MB" 0 "1,024 MB" "$D" --binary 1 GB to MB
check "--binary: 1 KB is 1,024 B" 0 "1,024 B" "$D" --binary 1 KB to B
check "--binary: 1 GB in bytes" 0 "1,073,741,824 bytes" "$D" --binary 1 GB to bytes
check "--binary: 1 TB to GiB" 0 "1,024 GiB" "$D" --binary 1 TB to GiB
check "--binary: IEC units are unchanged" 0 "1,024 MiB" "$D" --binary 1 GiB to MiB
check "--binary: bits are not affected (Gbit stays SI)" 0 "1,000,000,000 bit" "$D" --binary 1 Gbit to bit
check "without --binary: 1 GB is 1,000 MB" 0 "1,000 MB" "$D" 1 GB to MB
check "without --binary: 1 KB is 1,000 B" 0 "1,000 B" "$D" 1 KB to B
run "$D" --binary 1 GB to bytes
err_has "--binary: the note gives the decimal reading too" "1,000,000,000"
run "$D" --binary --json 1 GB to bytes
json_ok "--binary --json: value and warning" '
r = rows[0]; check_row(r)
assert r["value"] == 1073741824 and r["exact"] == "1073741824", r
assert any("1,000,000,000" in w for w in r["warnings"]), r["warnings"]
'

# ---- --decimal-comma: 1.400,5 in and out --------------------------------------
check "--decimal-comma: 1.400,5 TB reads and prints as written" 0 "1.400,5 TB" "$D" --decimal-comma '1.400,5 TB to TB'
check "--decimal-comma: 2,5 MB" 0 "2,5 MB" "$D" --decimal-comma 2,5 MB
check "--decimal-comma: -a reads it too" 0 "2,86 MB" "$D" --decimal-comma -a 'photo=2,86 MB' -e 'photo to MB'
check_fail "--decimal-comma: 1.5 is an error, never a silent 15" 1 "write 1,5 for a decimal" "$D" --decimal-comma 1.5 TB
run "$D" --decimal-comma 1400 TB to GB
err_has "--decimal-comma: the note is written the same way" "1.433.600 GiB"
run "$D" --decimal-comma --json '1.400,5 TB to TB'
json_ok "--decimal-comma --json: the value and the exact fraction keep the point" '
r = rows[0]; check_row(r)
assert r["value"] == 1400.5 and r["exact"] == "2801/2" and r["text"] == "1.400,5 TB", r
'
check "--decimal-comma -t: the terse number keeps the point" 0 "1400.5" "$D" --decimal-comma -t '1.400,5 TB to TB'
check "without --decimal-comma: 1,400.5 TB" 0 "1,400.5 TB" "$D" '1,400.5 TB to TB'
check_fail "without --decimal-comma: 1.400,5 names it" 1 "use --decimal-comma" "$D" '1.400,5 TB'

# ---- --color and NO_COLOR ------------------------------------------------------
run "$D" --color=always nosuchname
is_status "--color=always: the error still gives status 1" 1
err_has "--color=always: stderr has escape codes" "${ESC}["
run "$D" --color nosuchname
err_has "--color (no value) means always" "${ESC}["
run "$D" --color=never nosuchname
err_lacks "--color=never: no escape codes on stderr" "$ESC"
run "$D" nosuchname
err_lacks "default (not a terminal): no escape codes on stderr" "$ESC"
run "$D" --color=auto nosuchname
err_lacks "--color=auto (not a terminal): no escape codes" "$ESC"
run --env NO_COLOR=1 "$D" nosuchname
err_lacks "NO_COLOR=1: no escape codes" "$ESC"
run --env NO_COLOR=1 "$D" --color=auto 1400 TB to GB
err_lacks "NO_COLOR=1 --color=auto: no escape codes in notes" "$ESC"
out_lacks "NO_COLOR=1 --color=auto: no escape codes on stdout" "$ESC"
run "$D" --color=always --json nosuchname 1
out_lacks "--color=always --json: no escape codes on stdout" "$ESC"
json_ok "--color=always --json: still valid JSON" 'assert len(rows) == 1 and rows[0]["ok"] is False'
run "$D" --color=always --json -e '1400 TB to GB' -e 'sqrt(2)'
out_lacks "--color=always --json: no escape codes in results" "$ESC"
err_lacks "--color=always --json: nothing coloured on stderr" "$ESC"
run "$D" --color=always --terse 1400 TB to GB
is_out "--color=always --terse: the bare number, no escape codes" "1400000"
run "$D" --color=never 1400 TB to GB
out_lacks "--color=never: no escape codes on stdout" "$ESC"
err_lacks "--color=never: no escape codes in notes" "$ESC"
check_fail "--color=sometimes is a usage error" 2 "sometimes" "$D" --color=sometimes 1
# on a terminal (stdout and stderr are a pty)
run_tty "$D" nosuchname
is_status "on a terminal: the error gives status 1" 1
out_has "on a terminal: the error is coloured by default" "${ESC}["
run_tty --env NO_COLOR=1 "$D" nosuchname
out_has "on a terminal with NO_COLOR=1: the error is shown" "nosuchname"
out_lacks "on a terminal with NO_COLOR=1: no escape codes" "$ESC"
run_tty --env NO_COLOR=1 "$D" --color=auto 1400 TB to GB
out_lacks "on a terminal with NO_COLOR=1: no escape codes in results or notes" "$ESC"
run_tty "$D" --color=never nosuchname 1400 TB to GB
out_lacks "on a terminal with --color=never: no escape codes" "$ESC"
run_tty "$D" --json nosuchname
out_lacks "on a terminal with --json: no escape codes" "$ESC"
run_tty "$D" --json -e '1400 TB to GB' -e '1 GB to photos'
out_lacks "on a terminal with --json: no escape codes in results" "$ESC"
run_tty "$D" -q --terse -e '1400 TB to GB' -e '1/7'
out_lacks "on a terminal with --terse: no escape codes" "$ESC"
is_out "on a terminal with --terse: the bare numbers" "1400000
0.142857"

# ---- -q/--quiet: no notes on stderr -----------------------------------------
run "$D" 1400 TB to GB
err_has "without -q: a note on stderr" "note"
run "$D" -q 1400 TB to GB
is_out "-q: the result is unchanged" "1,400,000 GB"
err_empty "-q: no notes on stderr"
run "$D" --quiet --binary 1 GB to bytes
err_empty "--quiet: no notes on stderr"
printf '1400 TB to GB\n1 GB to MB\n' >"$T/notes.txt"
run "$D" -q -f "$T/notes.txt"
err_empty "-q with -f: no notes on stderr"
is_out "-q with -f: results unchanged" "1,400,000 GB
1,000 MB"
run "$D" -q nosuchname
is_status "-q: a failure is status 1" 1
err_has "-q: errors are still reported" "nosuchname"
run "$D" -q --json 1400 TB to GB
json_ok "-q --json: warnings stay in the row" 'assert rows[0]["warnings"], rows[0]'

# ---- --help and --version ---------------------------------------------------------
run "$D" --help
is_status "--help: status 0" 0
err_empty "--help: nothing on stderr"
out_has "--help: usage line on stdout" "Usage: datascale"
missing=""
for o in --json --terse --digits --exact --explain --assume --binary --units-file \
  --no-user-units --color --quiet --help --version; do
  grep -qe "$o" "$T/out" || missing+=" $o"
done
assert "--help lists every documented option (missing:${missing:- none})" test -z "$missing"
out_has "--help says what a year is (365.2425 days)" "365.2425"
run "$D" --help 1400 TB to GB
is_status "--help with operands: status 0" 0
out_lacks "--help with operands: nothing evaluated" "1,400,000"
run "$D" --version
is_status "--version: status 0" 0
err_empty "--version: nothing on stderr"
head -n 1 "$T/out" >"$T/first"
assert "--version: first line is 'datascale (libdatascale) X.Y.Z'" \
  grep -qxE 'datascale \(libdatascale\) [0-9]+\.[0-9]+\.[0-9]+' "$T/first"
# make check sets PACKAGE_VERSION; by hand, read it from the build directory.
: "${PACKAGE_VERSION:=$(sed -n 's/^#define DS_VERSION "\([^"]*\)".*/\1/p' include/datascale_version.h 2>/dev/null)}"
assert "--version: the version is AC_INIT's (${PACKAGE_VERSION:-unknown})" grep -qxF "datascale (libdatascale) $PACKAGE_VERSION" "$T/first"

# ---- bad options: usage errors, status 2 ---------------------------------------
check_fail "unknown long option: status 2" 2 "--help" "$D" --bogus 1+1
check_fail "unknown short option: status 2" 2 "--help" "$D" -z 1+1
check_fail "-e without its argument: status 2" 2 "--help" "$D" -e
check_fail "-f without its argument: status 2" 2 "--help" "$D" -f
check_fail "--json=yes (no argument allowed): status 2" 2 "json" "$D" --json=yes 1
check_fail "--assume without its argument: status 2" 2 "assume" "$D" --assume

# ---- --explain (the option list) ------------------------------------------------
run "$D" --explain 1400 TB to GB
is_status "--explain: status 0" 0
assert "--explain: the first line is the result" test "$(head -n 1 "$T/out")" = "1,400,000 GB"
assert "--explain: a derivation follows the result" test "$(wc -l <"$T/out")" -gt 3
out_has "--explain: the derivation names the decimal reading" "decimal"
run "$D" -q --explain 1400 TB to photos
is_status "--explain with a catalogue item: status 0" 0
out_has "--explain with a catalogue item: names its source" "source"
out_has "--explain with a catalogue item: names its year" "year"
run "$D" --explain=markdown 1400 TB to GB
is_status "--explain=markdown: status 0" 0
out_matches "--explain=markdown: Markdown headings" '^#+ '
check_fail "--explain=bogus: usage error" 2 "bogus" "$D" --explain=bogus 1
run "$D" --json --explain -e '1 GB to MB' -e 'nosuchname'
json_ok "--explain --json: still exactly one JSON object per line" '
assert len(rows) == 2, len(rows)
for r in rows: check_row(r)
'
run "$D" --explain nosuchname
is_status "--explain with a failing expression: status 1" 1
is_out "--explain with a failing expression: nothing on stdout" ""

# ---- --max-depth / --max-bits / --max-line ------------------------------------------
check "--max-depth=10 allows 6 levels" 0 "1" "$D" --max-depth=10 '((((((1))))))'
check_fail "--max-depth=5 refuses 6 levels" 1 "nested too deeply" "$D" --max-depth=5 '((((((1))))))'
check "--max-bits=64 allows 2^60" 0 "1,152,921,504,606,846,976" "$D" --max-bits=64 '2^60'
check_fail "--max-bits=64 refuses 2^100" 1 "too large" "$D" --max-bits=64 '2^100'
run "$D" --json '2^100'
is_status "default --max-bits allows 2^100" 0
json_ok "default --max-bits: 2^100 is exact" 'assert rows[0]["exact"] == str(2 ** 100), rows[0]'
check "--max-line=20 allows a 13-byte line" 0 "7" "$D" --max-line=20 '1+1+1+1+1+1+1'
check_fail "--max-line=10 refuses a 13-byte line" 1 "too long" "$D" --max-line=10 '1+1+1+1+1+1+1'
printf '1+1+1+1+1+1+1\n2+2\n' >"$T/maxline.txt"
run "$D" --max-line=10 -f "$T/maxline.txt"
is_status "--max-line in batch: status 1" 1
is_out "--max-line in batch: the next line is evaluated" "4"
err_has "--max-line in batch: FILE:LINE of the long line" "$T/maxline.txt:1:"
# --max-work: the work one line may do, in millions of steps.
check_fail "--max-work=1 stops a line of large products" 1 "too much work" \
  "$D" --max-work=1 '2^(2^20) * 3^(2^19) * 5^(2^18)'
run "$D" --max-work=100000 '2^(2^20) * 3^(2^19) * 5^(2^18)'
is_status "--max-work raised lets the same line finish" 0
check_fail "--max-work above its range is a usage error" 2 \
  "--max-work wants a number from 1 to 1048576, not '99999999'" "$D" --max-work=99999999 1
for o in --max-depth --max-bits --max-line --max-work; do
  check_fail "$o=0 is a usage error" 2 "$o" "$D" "$o=0" 1
  check_fail "$o=abc is a usage error" 2 "$o" "$D" "$o=abc" 1
  check_fail "$o=-5 is a usage error" 2 "$o" "$D" "$o=-5" 1
done

# ---- a limit out of its range is an error, not silently clamped -----------
# Regression: --precision=99999999 ran at the largest precision (2^20 bits,
# then 1.7 s for ln(3)) and said nothing; a careful user expects to hear.
check_fail "--precision above its range is a usage error" 2 \
  "--precision wants a number from 53 to 262144, not '99999999'" "$D" --precision=99999999 'ln(3)'
check_fail "--precision below its range is a usage error" 2 \
  "--precision wants a number from 53 to 262144, not '10'" "$D" --precision=10 'ln(3)'
check "--precision at the top of its range works" 0 "≈ 1.09861" "$D" --precision=262144 'ln(3)'
check "--precision at the bottom of its range works" 0 "≈ 1.09861" "$D" --precision=53 'ln(3)'
check_fail "--max-depth above its range is a usage error" 2 \
  "--max-depth wants a number from 1 to 5000, not '5001'" "$D" --max-depth=5001 1
check_fail "--max-line above its range is a usage error" 2 \
  "--max-line wants a number from 1 to 16777216, not '16777217'" "$D" --max-line=16777217 1

finish
