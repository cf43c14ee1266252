#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# settings.sh -- "set" lines outside the prompt: a batch file, -e and
# --json change the binary reading, the digits and the limits for the
# lines after them, as the prompt's `set` does (the library runs them).
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

printf '%s\n' '1400 TB to TiB' 'set digits 4' '1400 TB to TiB' '# a comment' \
  'set binary on   # the 1024 reading' '1 TB to GB' 'set binary off' '1 TB to GB' \
  'set decimal-comma on' '1,5 MB to kB' >"$T/set.ds"
run --in "$T/set.ds" "$D" -q
is_status "a batch with set lines: status 0" 0
is_out "set digits, set binary and set decimal-comma act on the lines after them" \
"≈ 1,273.29 TiB
digits 4, precision 128, max-bits 16777216, max-depth 1000, max-line 1048576, max-work 512, binary off, decimal-comma off
≈ 1,273 TiB
binary on: KB MB GB TB PB EB ZB YB are powers of 1024
1,024 GB
binary off: KB MB GB TB PB EB ZB YB are powers of 1000
1,000 GB
decimal comma on: ',' is the decimal comma and '.' groups thousands (1.400,5)
1.500 kB"

run "$D" -q -e 'set max-work 1' -e '1 MB'
is_status "set max-work with -e" 0
out_has "set max-work 1 is in force" "max-work 1,"

run --in "$T/set.ds" "$D" --json
json_ok "the rows of set lines: a command with no value" '
assert [r["ok"] for r in rows] == [True] * 9, rows
s = rows[1]
assert s["value"] is None and s["exact"] is None and s["unit"] == "", s
assert s["text"].startswith("digits 4, "), s
assert rows[2]["text"] == "≈ 1,273 TiB", rows[2]
assert rows[4]["value"] == 1024 and rows[6]["value"] == 1000, rows'

# A bad value is an error at its column; nothing changes.
printf 'set digits 0\nset binary maybe\nset precision 99999999\nset max-line\n1400 TB to TiB\n' >"$T/bad.ds"
run --in "$T/bad.ds" "$D" -q
is_status "bad set lines: status 1" 1
err_has "set digits 0 names the range" "<stdin>:1:12: error: set digits wants a number from 1 to 1000, not '0'"
err_has "set binary wants on or off" "<stdin>:2:12: error: set binary wants on or off, not 'maybe'"
err_has "set precision past its ceiling" "set precision wants a number from 53 to 262144, not '99999999'"
err_has "set max-line wants a value" "<stdin>:4:13: error: set max-line wants one value"
is_out "the digits did not change" "≈ 1,273.29 TiB"

# "set" stays a name the language may bind.
check "a variable named set" 0 "set = 5
10" "$D" -q -e 'set = 5' -e 'set * 2'

finish
