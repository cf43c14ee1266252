#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# batch_notes.sh -- notes in a batch (the README's "Notes in a batch"): in
# text mode a note that repeats is written once, where it first occurs, and
# a summary line at the end of the batch gives the count of the other lines
# it applies to; -q writes no note; --json keeps every row's warnings.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

# 1,000 conversions that each get the decimal-reading note for MB, with a
# different figure on every line ("if read as 1024-based the result is N").
for i in $(seq 1 1000); do echo "$i MB to KiB"; done >"$T/mb.ds"

run --in "$T/mb.ds" "$D"
is_status "1,000 lines with a repeated note: status 0" 0
out_lines "every line has its answer" 1000
assert "the answers are the same as with -q" \
  sh -c '"$1" -q <"$2" | cmp -s - "$3"' sh "$D" "$T/mb.ds" "$T/out"
assert "two lines on stderr: the note and its summary" test "$(wc -l <"$T/err")" -eq 2
assert "the note is the first line's, whole" test "$(head -n 1 "$T/err")" = \
  "<stdin>:1: note: MB read as decimal (powers of 1000); if MB is read as MiB the result is 1,024 KiB"
assert "the summary counts the 999 other lines" test "$(tail -n 1 "$T/err")" = \
  "<stdin>: note: MB read as decimal (powers of 1000) (on 999 more lines)"
err_lacks "the second line's figure is not written" "2,048 KiB"

# The note comes right after the answer it belongs to (a reader of both
# streams sees it at once), the summary at the end of the batch.
run --in "$T/mb.ds" sh -c '"$1" 2>&1' sh "$D"
assert "merged output: answer 1, its note, answer 2" test "$(sed -n '1p;3p' "$T/out" | tr '\n' '|')" = \
  "976.5625 KiB|1,953.125 KiB|"
assert "merged output: the note is line 2" test "$(sed -n 2p "$T/out" | cut -d: -f1-3)" = "<stdin>:1: note"
assert "merged output: the summary is the last line" test "$(tail -n 1 "$T/out")" = \
  "<stdin>: note: MB read as decimal (powers of 1000) (on 999 more lines)"

# -q: no notes and no summary.
run --in "$T/mb.ds" "$D" -q
is_status "-q: status 0" 0
out_lines "-q: every answer" 1000
err_empty "-q: nothing on stderr"

# --json: every row keeps its own warnings, nothing on stderr.
run --in "$T/mb.ds" "$D" --json
is_status "--json: status 0" 0
err_empty "--json: nothing on stderr"
json_ok "--json: 1,000 rows, each with its own note" '
assert len(rows) == 1000, len(rows)
for i, r in enumerate(rows, 1):
    assert len(r["warnings"]) == 1, r
    assert r["warnings"][0].startswith("MB read as decimal"), r
assert rows[0]["warnings"][0].endswith("1,024 KiB"), rows[0]
assert rows[1]["warnings"][0].endswith("2,048 KiB"), rows[1]
'

# Several notes: each written where it first occurs, the summaries in that
# order; a note that occurs once has no summary; errors are all written.
cat >"$T/mixed.ds" <<'EOF'
1 year to s
1 MB to KiB
nosuchname
2 TB to GiB
2 years to s
3 MB to KiB
nosuchname
4 MB to KiB
EOF
run --in "$T/mixed.ds" "$D"
is_status "mixed batch: status 1 (two errors)" 1
out_lines "mixed batch: six answers" 6
assert "mixed batch: stderr in order" test "$(sed 's/; .*//; s/\(error\):.*/\1/' "$T/err" | tr '\n' '|')" = \
  "<stdin>:1: note: a year is the mean Gregorian year (365.2425 days) and a month a twelfth of it (30.436875 days)|<stdin>:2: note: MB read as decimal (powers of 1000)|<stdin>:3:1: error|<stdin>:4: note: TB read as decimal (powers of 1000)|<stdin>:7:1: error|<stdin>: note: a year is the mean Gregorian year (365.2425 days) and a month a twelfth of it (30.436875 days) (on 1 more line)|<stdin>: note: MB read as decimal (powers of 1000) (on 2 more lines)|"
err_lacks "mixed batch: no summary for the note that occurs once" "TB read as decimal (powers of 1000) (on"

# After the note on MB is given, a line that reads MB the same way counts,
# even one whose number the other reading would not change (1 MB to MB):
# its figure is not worked out.
printf '%s\n' '1 MB to MB' '1 MB to KiB' '1 MB to MB' '2 MB' >"$T/same.ds"
run --in "$T/same.ds" "$D"
assert "the first note is the first line that changes" test "$(head -n 1 "$T/err" | cut -d: -f1-3)" = "<stdin>:2: note"
assert "the lines after it that read MB count" test "$(tail -n 1 "$T/err")" = \
  "<stdin>: note: MB read as decimal (powers of 1000) (on 2 more lines)"
run --in "$T/same.ds" "$D" --json
json_ok "--json: only the line that changes has the note" '
assert [len(r["warnings"]) for r in rows] == [0, 1, 0, 0], rows
'

# Each batch input has its own notes; -e expressions are not a batch.
cp "$T/mixed.ds" "$T/second.ds"
run "$D" -f "$T/mixed.ds" -e '5 MB to KiB' -e '6 MB to KiB' -f "$T/second.ds"
assert "two files: each writes its notes and summaries" \
  test "$(grep -c ': note: MB read as decimal (powers of 1000) (on 2 more lines)' "$T/err")" -eq 2
assert "two files: the summaries name their file" \
  test "$(grep -c "^$T/second.ds: note: MB read" "$T/err")" -eq 1
assert "-e: each expression writes its note" test "$(grep -c '^datascale: note: MB read' "$T/err")" -eq 2

# 10,000 lines, two notes: still two notes and two summaries.
for i in $(seq 1 5000); do echo "$i GB to GiB"; echo "$i month to day"; done >"$T/big.ds"
run --in "$T/big.ds" "$D"
is_status "10,000 lines: status 0" 0
assert "10,000 lines: four lines on stderr" test "$(wc -l <"$T/err")" -eq 4
err_has "10,000 lines: the count has grouping commas" "(on 4,999 more lines)"

finish
