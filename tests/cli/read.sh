#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# read.sh -- the reader of stories from the shell: --read FILE (and - for
# stdin, repeatable), "datascale read FILE", --json rows with their keys,
# --explain=markdown, --strict, and bad input: a missing file, a binary
# file, invalid UTF-8 (reported with its place, the rest read), no claim.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE
R=$srcdir/tests/read/reports

cd "$R" || exit 1
run "$D" --no-user-units --read 004_f9b2485286367948.txt
is_status "--read: status 0 whatever the verdicts" 0
out_has "--read: FILE:LINE:COLUMN, kind, quote and verdict" \
  '004_f9b2485286367948.txt:3:17: change "almost three times": off'
out_has "--read: the reason" "1,400 TB is 3.5 × 400 TB; the claim (almost 3 ×) is 14 % low — off: it is more, not almost."
out_has "--read: the figures it used" 'figures: "Nearly 1,400 TB" (line 3) and "400 TB" (line 3)'
out_has "--read: the line that reproduces it" "datascale: check 1400 TB = almost 3 * 400 TB"
out_has "--read: a hyphenated more-than-three-fold holds" 'change "a more‑than‑three‑fold jump": holds'

run "$D" --no-user-units --strict --read 004_f9b2485286367948.txt
is_status "--strict: status 1 when a claim is off" 1
run "$D" --no-user-units --strict --read 001_285bd21b09ce0e8c.txt
is_status "--strict: status 0 when none is off" 0

run "$D" --no-user-units read 002_9a3643c61aa1e660.txt
is_status "datascale read FILE: status 0" 0
out_has "datascale read FILE: the same findings" '002_9a3643c61aa1e660.txt:3:43: change "more than tripled": holds'

run --in 000_d212ad5c7e7b0d81.txt "$D" --no-user-units --read -
is_status "--read -: status 0" 0
out_has "--read -: stdin is named -" '-:2:99: change "tripled": unchecked'
out_has "unchecked says what the claim implies" "the claim implies a start near 467 TB"

run "$D" --no-user-units --read 001_285bd21b09ce0e8c.txt --read 003_7d2db43e078a63ad.txt
is_status "--read twice: status 0" 0
out_has "--read twice: the first file" "001_285bd21b09ce0e8c.txt:2:258: change"
out_has "--read twice: the second file" "003_7d2db43e078a63ad.txt:2:175: change"
out_has "a vague start is reported, not judged" \
  'a vague start ("the hundreds of terabytes"): reported, not judged; 1.4 PB is 1,400 TB.'

run "$D" --no-user-units --json --read 002_9a3643c61aa1e660.txt
is_status "--read --json: status 0" 0
cat >"$T/rows.py" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert len(rows) == 3, rows
for r in rows:
    for k in ("file", "line", "column", "quote", "kind", "verdict", "text", "expression", "figures"):
        assert k in r, (k, r)
    assert r["file"] == "002_9a3643c61aa1e660.txt", r
r = rows[2]
assert r["kind"] == "equivalent" and r["verdict"] == "plausible", r
assert r["quote"] == "roughly 490 million images if it were all photos", r
assert r["expression"] == "check 1400 TB = 490 million photos", r
assert "490 million is 1,400 TiB ÷ 3 MiB" in r["text"], r
assert r["figures"] == [{"quote": "nearly 1,400 terabytes", "line": 6, "column": 132, "value": "1400 TB"}], r
assert [x["verdict"] for x in rows[:2]] == ["off", "holds"], rows
PY
assert "--json: a row per finding, with its keys and figures" "$PYTHON" "$T/rows.py" "$T/out"

run "$D" --no-user-units --explain=markdown --read 002_9a3643c61aa1e660.txt
is_status "--explain=markdown: status 0" 0
out_has "markdown: a title" "# Fact-check: 002_9a3643c61aa1e660.txt"
out_has "markdown: a summary" "3 findings: 1 holds, 1 plausible and 1 off."
out_has "markdown: a section per finding" '## 2. "more than tripled" — holds'
out_has "markdown: the line to reproduce it" '- Reproduce with datascale: `check 1400 TB > 3 * 400 TB`'

# an assumption moves the verdict: at 2.86 MB a photo, 490 million holds
run "$D" --no-user-units --assume 'photo=2.86 MB' --json --read 002_9a3643c61aa1e660.txt
assert "--assume moves the verdict of an equivalent" grep -q '"kind":"equivalent","verdict":"holds"' "$T/out"

cd "$T" || exit 1
# ---- bad input ---------------------------------------------------------------
run "$D" --no-user-units --read no-such-file.txt
is_status "a missing file: status 2" 2
err_has "a missing file: says why" "no-such-file.txt: No such file or directory"

printf 'ELF\0\0\0\1 1400 TB tripled' >bin.dat
run "$D" --no-user-units --read bin.dat
is_status "a binary file: status 2" 2
err_has "a binary file: says so and where" "a binary file, not text (a NUL byte at line 1, column 4)"

printf 'Title\nThe archive \xff\xfe holds 2 TB, up from 1 TB: it doubled.\n' >bad.txt
run "$D" --no-user-units --read bad.txt
is_status "invalid UTF-8: status 0, the rest read" 0
err_has "invalid UTF-8: reported with its place" "bad.txt:2:13: invalid UTF-8, read as a space"
out_has "invalid UTF-8: the claim after it is still found" 'bad.txt:2:45: change "doubled": holds'

printf 'The council met on Monday and voted 7 to 2.\n' >none.txt
run "$D" --no-user-units --read none.txt
is_status "no claim: status 0" 0
is_out "no claim: a clear line" "none.txt: no data-size claims found"

: >empty.txt
run "$D" --no-user-units --read empty.txt
is_status "an empty file: status 0" 0
is_out "an empty file: no claims" "empty.txt: no data-size claims found"

printf '<html><body><p>The leak holds 1.4&nbsp;TB, up from 700 GB &mdash; it <b>doubled</b>.</p></body></html>\n' >s.html
run "$D" --no-user-units --read s.html
is_status "HTML: status 0" 0
out_has "HTML: tags and entities skipped in the quotes" 'figures: "1.4 TB" (line 1) and "700 GB" (line 1)'
err_has "HTML: says tags were skipped" "s.html: HTML tags skipped"

printf 'See <https://example.org/x> for the 2 TB archive.\n' >angle.txt
run "$D" --no-user-units --read angle.txt
err_lacks "plain text with <...> is not HTML" "HTML tags skipped"

run "$D" --no-user-units --csv --read none.txt
is_status "--csv with --read: a usage error" 2
err_has "--csv with --read: says why" "--csv does not go with --read"

finish
