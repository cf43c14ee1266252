#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# sweep.sh -- "EXPR for NAME in V1, V2, ..." and "... LOW .. HIGH step S":
# a table in text, one row per value in --json and --csv, from -e, a
# batch file and the shell; ans stays; a failed row fails the status but
# not the others.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

check "a sweep of three photo sizes: an aligned table" 0 \
"photo  result
2 MB   700 million photos (1,400 TB at 2 MB per photo); ≈ 730 million if TB and MB are read as TiB and MiB
3 MB   ≈ 470 million photos (1,400 TB at 3 MB per photo); ≈ 490 million if TB and MB are read as TiB and MiB
5 MB   280 million photos (1,400 TB at 5 MB per photo); ≈ 294 million if TB and MB are read as TiB and MiB" \
  "$D" '1400 TB to photos for photo in 2 MB, 3 MB, 5 MB'

run "$D" --json '1400 TB to photos for photo in 2 MB, 3 MB, 5 MB'
is_status "--json sweep: status 0" 0
json_ok "--json: three rows, each with its assumption" '
assert len(rows) == 3, rows
assert [r["exact"] for r in rows] == ["700000000", "1400000000/3", "280000000"], rows
assert [r["assumptions"][0]["value"] for r in rows] == ["2 MB", "3 MB", "5 MB"], rows
assert all(r["assumptions"][0]["source"] == "this line only (with)" for r in rows), rows
assert rows[0]["input"] == "1400 TB to photos with photo = 2 MB", rows[0]
assert all(r["line"] == 1 for r in rows), rows'

run "$D" --csv '1400 TB to photos for photo in 2 MB, 5 MB'
is_status "--csv sweep: status 0" 0
out_lines "--csv: a header and one line per value" 3
out_has "--csv: the row of 2 MB" '1400 TB to photos with photo = 2 MB,true,700000000,photos'

check "a stepped sweep" 0 \
"photo  result
2 MB   700 million photos (1,400 TB at 2 MB per photo); ≈ 730 million if TB and MB are read as TiB and MiB
3 MB   ≈ 470 million photos (1,400 TB at 3 MB per photo); ≈ 490 million if TB and MB are read as TiB and MiB
4 MB   350 million photos (1,400 TB at 4 MB per photo); ≈ 370 million if TB and MB are read as TiB and MiB
5 MB   280 million photos (1,400 TB at 5 MB per photo); ≈ 294 million if TB and MB are read as TiB and MiB" \
  "$D" '1400 TB to photos for photo in 2 MB .. 5 MB step 1 MB'

run "$D" 'check 1400 TB = 490 million photos for photo in 2 MB, 2.86 MB, 3 MB'
is_status "a sweep of a check: status 0" 0
out_matches "a check's table has a verdict column" '^photo +verdict +result$'
out_matches "2.86 MB holds" '^2\.86 MB +holds +1,400 TB = 490 million photos implies'
out_matches "2 MB is off" '^2 MB +off +'

# ans is what it was before the sweep; the session's values too.
run "$D" -e '10 TB' -e '5 * photo for photo in 1 MB, 2 MB' -e 'ans' -e '1 photo to MB'
is_status "-e: status 0" 0
out_has "ans after a sweep is the line before's" "
10 TB
3 MB"

# A failed row says why; the others stand; the status is 1.
run "$D" '1400 TB to photos for photo in 2 MB, 0 MB'
is_status "a failed row: status 1" 1
out_has "the failed row in the table" "0 MB   error: cannot convert to a zero quantity"
out_has "the good row in the table" "2 MB   700 million photos"
run "$D" --json '1400 TB to photos for photo in 2 MB, 0 MB'
json_ok "--json: the failed row is a row" '
assert [r["ok"] for r in rows] == [True, False], rows'

# Every row failed: the line failed, at the expression.
run "$D" '1400 TB to photoss for photo in 2 MB, 3 MB'
is_status "every row failed: status 1" 1
err_has "the error of the expression" "unknown name 'photoss'"
caret_at "at its column in the line" '1400 TB to photoss for photo in 2 MB, 3 MB' 12

# Limits and mistakes: clear errors.
check_fail "more than 100 values" 1 "at most 100 values in one sweep" \
  "$D" '1400 TB to photos for photo in 1 MB .. 1000 MB step 1 MB'
check_fail "a step of another kind" 1 "the range and its step must be single values of one kind" \
  "$D" '1400 TB to photos for photo in 1 MB .. 5 MB step 1 s'
check_fail "a step that goes the wrong way" 1 "the step must go from the start of the range to its end" \
  "$D" '1400 TB to photos for photo in 5 MB .. 1 MB step 1 MB'
check_fail "a step that gives inexact values" 1 "not exact" \
  "$D" '1400 TB to photos for photo in 1 MB .. 2 MB step (1/3) MB'
check_fail "a misspelt unit in the range: the error says which (the fuzzer found an empty message)" 1 \
  "unknown name 'MBB'" "$D" 'x for x in 1 MB .. 2 MBB step 1 MB'
check_fail "no values" 1 "'for NAME in' wants values" "$D" '1400 TB to photos for photo in '

# A batch file: sweeps and what-ifs among other lines, each line numbered.
printf '%s\n' '1400 TB to photos with photo = 2 MB' '1400 TB to photos for photo in 2 MB, 5 MB' '1400 TB to photos' >"$T/b.ds"
run --in "$T/b.ds" "$D" --json
json_ok "a batch: a row for the what-if, two for the sweep, one after" '
assert [r["line"] for r in rows] == [1, 2, 2, 3], rows
assert rows[3]["exact"] == "1400000000/3", rows[3]'
run --in "$T/b.ds" "$D" -q
is_status "a batch with a sweep: status 0" 0
out_lines "a batch: the what-if, a table of three lines, the last line" 5

finish
