#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# explain.sh -- --explain[=markdown], equivalents and the catalogue from the
# command line: the derivation names every unit in bytes with its
# reading, each assumption with source and year, the exact arithmetic and
# the rounding.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

run "$D" --explain 1400 TB to photos
is_status "--explain succeeds" 0
out_has "the result line comes first" "≈ 470 million photos (1,400 TB at 3 MB per photo)"
out_has "a heading" "Derivation of: 1400 TB to photos"
out_has "TB in bytes, read as decimal" "TB = 1,000,000,000,000 B (TB read as decimal"
out_has "the photo in bytes, from the catalogue" "photos = 3,000,000 B (catalogue: the size of one"
out_has "the assumption with what it is" "photo = 3 MB: a typical smartphone photo"
out_has "its source" "source: Apple's iOS 17 Settings text"
out_has "its year" "year: 2023"
out_has "its reading" "the source counts decimal"
out_has "its range" "plausible range: 2 MB .. 5 MB"
out_has "the exact arithmetic" "466,666,666.(6) = 1400000000/3 exactly"
out_has "the rounding rule" "rounded to 2 significant figures"
out_has "the reading caveat" "TB is read as decimal (powers of 1000) here"
out_has "the catalogue's size keeps its reading" "the size of one, decimal as its source counts, whatever the reading"

run "$D" --explain=markdown 100 Mbps to MB/s
is_status "--explain=markdown succeeds" 0
out_has "a Markdown heading" '## Derivation of `100 Mbps to MB/s`'
out_has "Markdown sections" "### 1. The units and names used, in base units"
out_has "Markdown list items" '- `Mbps` = 125,000'
out_has "the prefix reading" "(mega: 10^6, decimal)"

run "$D" --explain=yaml 1
is_status "--explain with an unknown format is a usage error" 2

run "$D" --json --explain 1 GB to MB
json_ok "--json carries the derivation" 'assert "Derivation of: 1 GB to MB" in rows[0]["explain"]'

run "$D" -e 'photo = 4 MB' --explain -e '1400 TB to photos'
out_has "a session assumption is explained as yours" "photo = 4 MB: set in this session"

run "$D" --binary -a 'photo=3 MB' -t 1400 TB to photos
is_out "the reports' 490 million: 1024-based TB and MB" "489335000"
run "$D" --binary -a 'photo=3 MB' --json 1400 TB to photos
json_ok "... exactly 489,335,466 2/3" 'assert rows[0]["exact"] == "1468006400/3"'

run "$D" 1400 TB to equivalents
is_status "to equivalents succeeds" 0
out_has "equivalents: a heading" "1,400 TB is about:"
out_has "equivalents: the Library of Congress" "140 Libraries of Congress (10 TB each: "
out_has "equivalents: photos" "≈ 470 million photos (3 MB each"
assert "equivalents: 8 to 12 items" test "$(grep -c '^  ' "$T/out")" -ge 8 -a "$(grep -c '^  ' "$T/out")" -le 12
run "$D" --explain 1400 TB to equivalents
out_has "equivalents: each item's arithmetic and the rounding applied" \
  "DVDs: 1,400 TB ÷ 4,700,372,992 B (4.7 GB) = 297,848.7… → ≈ 300,000 (rounded to 2 significant figures)"
out_has "equivalents: an \"up to\" size gives a minimum" \
  "hours of HD video: 1,400 TB ÷ 3,000,000,000 B (3 GB) = 466,666.7… → at least 470,000 (rounded to 2 significant figures; the size is an \"up to\" figure, so the count is a minimum)"
out_has "equivalents: the count over the plausible range" \
  "over its plausible range (2 MB .. 5 MB): 280,000,000 .. 700,000,000 (shown when it reads differently)"
out_has "equivalents: the rounding rule of counts and sizes" \
  "counts are rounded to 2 significant figures, or 3 when 2 would move the value by more than 1 %; sizes are shown"
out_lacks "equivalents: not the rule of plain results" "otherwise rounded to 6 significant digits"
run "$D" --explain=markdown 1400 TB to equivalents
out_has "Markdown: each equivalents line is an item of a nested list" \
  "    - ≈ 300,000 DVDs (4.7 GB each: single-layer)"
out_has "Markdown: the range of an item nested under its arithmetic" \
  "    - over its plausible range (1 GB .. 3 GB): 466,666.7… .. 1,400,000"
run "$D" compare 1400 TB
out_has "compare X is the same table" "1,400 TB is about:"
run "$D" -e 'photo = 4 MB' -e 'compare 1400 TB'
out_has "equivalents use the current assumption" "350 million photos (4 MB each"

run "$D" -e 'photo = 4 MB' -e 'reset photo' -e '1400 TB to photos'
out_has "reset NAME restores the catalogue value" "photo is back to 3 MB"
out_has "... and the count follows" "≈ 470 million photos (1,400 TB at 3 MB per photo)"

run "$D" -a 'song=4 MB' -t 1 GB to songs
is_out "--assume changes a catalogue item (plural too)" "250"

# A derivation of an exact result of millions of digits: written in full,
# never "out of memory" (the fuzzer found it).
run "$D" --exact --explain '1.4e152^20000 B'
is_status "--exact --explain of a 3-million-digit result: status 0" 0
out_has "its derivation is there" "Derivation of: 1.4e152^20000 B"
err_lacks "no out of memory" "out of memory"

finish
