#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# csv.sh -- --csv (the README's "CSV for spreadsheets"): a header row, then
# one row per evaluated input: input, ok, value, unit, low, high, text,
# warnings; RFC 4180 quoting (a field with a comma, a double quote, CR or
# LF is quoted, its quotes doubled), CRLF between rows; errors are rows
# with ok false and the message in text; nothing on stderr. Python's csv
# module reads every row back, field for field the same as --json's.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE
H='input,ok,value,unit,low,high,text,warnings'

# Reads $T/out with the csv module and compares it with the JSON Lines in
# the file $1 (the same inputs under --json): every field, row by row.
cat >"$T/csvcheck.py" <<'EOF'
import csv, io, json, math, sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")  # strict: the output is UTF-8
rows = list(csv.reader(io.StringIO(text, newline="")))
assert rows and rows[0] == ["input", "ok", "value", "unit", "low", "high", "text", "warnings"], rows[:1]
jrows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(rows) - 1 == len(jrows), (len(rows) - 1, len(jrows))
# Records end in CRLF; a field holds a bare LF only inside quotes.
assert data.endswith(b"\r\n"), data[-20:]
def num(s):
    return float(s) if s else None
for row, j in zip(rows[1:], jrows):
    assert len(row) == 8, row
    inp, ok, value, unit, low, high, txt, warn = row
    # a control character (other than tab, CR and LF) is written as U+FFFD
    shown = "".join("\ufffd" if (ord(c) < 32 and c not in "\t\r\n") or 127 <= ord(c) < 160 else c
                    for c in j["input"])
    assert inp == shown, (inp, j["input"])
    assert ok == ("true" if j["ok"] else "false"), (ok, j)
    if j["ok"]:
        assert num(value) == j["value"], (value, j["value"])
        assert unit == j["unit"], (unit, j["unit"])
        assert num(low) == j.get("low") and num(high) == j.get("high"), (low, high, j)
        assert txt == j["text"], (txt, j["text"])
    else:
        assert (value, unit, low, high) == ("", "", "", ""), row
        assert txt == j["error"]["message"], (txt, j["error"])
    assert warn == "\n".join(j["warnings"]), (warn, j["warnings"])
print("%d rows read back" % (len(rows) - 1))
EOF
csv_same_as_json() { # NAME JSONFILE: $T/out read back equals the JSON rows
  local msg
  if msg=$("$PYTHON" "$T/csvcheck.py" "$T/out" "$2" 2>&1); then pass "$1 ($msg)"; else fail "$1" "$msg"; fi
}

# ---- the format, field by field ---------------------------------------------
run "$D" --csv 1400 TB to TiB
is_status "one-shot: status 0" 0
err_empty "one-shot: nothing on stderr (the note is in the row)"
assert "one-shot: a header and one row, CRLF" test "$(od -An -c "$T/out" | tr -s ' \n' ' ')" = \
  "$(printf '%s\r\n%s\r\n' "$H" '1400 TB to TiB,true,1273.2925824820995,TiB,,,"≈ 1,273.29 TiB","TB read as decimal (powers of 1000); if TB is read as TiB the result is 1,400 TiB"' | od -An -c | tr -s ' \n' ' ')"

run "$D" --csv -q -e '1,400 TB to GB' -e 'nosuchname' -e '1400 TB / (1 MB .. 5 MB)'
is_status "-e with an error: status 1" 1
err_empty "-e with an error: nothing on stderr"
assert "a comma in the input or the text: the field is quoted" \
  grep -qF '"1,400 TB to GB",true,1400000,GB,,,"1,400,000 GB","TB and GB read as decimal' "$T/out"
assert "an error: ok false, the message in text" \
  grep -qF $'nosuchname,false,,,,,unknown name \'nosuchname\',\r' "$T/out"
assert "a range: low and high, no value" \
  grep -qF '1400 TB / (1 MB .. 5 MB),true,,,280000000,1400000000,between 280 million and 1.4 billion,' "$T/out"

# A double quote in the input and in the message: quoted, quotes doubled.
run "$D" --csv '2 "MB"'
is_status "a quote in the input: status 1" 1
out_has "the quotes are doubled inside a quoted field" '"2 ""MB""",false'

# ---- tricky fields, read back by Python's csv module ------------------------
# A grouping comma, quotes, a note with a semicolon, two notes (a line feed
# inside one field), the multi-line text of equivalents, an error, a range,
# a carriage return inside a line, bytes that are not UTF-8, a control
# character, an over-long line, a comment line (no row).
{
  printf '%s\n' '1,400 TB to GB' '1 MB to KiB' '"quoted" MB' '5 MB/month to GB/year' '1400 TB to equivalents'
  printf '%s\n' '# a comment gives no row' '' 'x = 3 MB' 'x * 2' '1400 TB / (1 MB .. 5 MB)' 'nosuchname'
  printf '1 MB\r+ 1 MB\n'
  printf '2 MB \xff\xfe\n'
  printf '3 MB \x1b[31m\n'
  printf '4 MB, 5 MB\n'
  printf '%s\n' '1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1'
} >"$T/tricky.ds"
run --in "$T/tricky.ds" "$D" --max-line=100 --json
cp "$T/out" "$T/tricky.json"
run --in "$T/tricky.ds" "$D" --max-line=100 --csv
is_status "tricky batch from stdin: status 1 (errors)" 1
err_empty "tricky batch: nothing on stderr (notes are in the rows)"
csv_same_as_json "tricky batch: Python's csv module reads every field back as --json gives it" "$T/tricky.json"
out_has "two notes: one field, a line feed between them" \
  'MB and GB read as decimal (powers of 1000); if MB and GB are read as MiB and GiB the result is'
assert "the text of equivalents keeps its lines, quoted" grep -qF '"1,400 TB is about:' "$T/out"
assert "bytes that are not UTF-8 become U+FFFD" grep -qF $'2 MB \xef\xbf\xbd\xef\xbf\xbd,false' "$T/out"
assert "a control character becomes U+FFFD" grep -qF $'3 MB \xef\xbf\xbd[31m,false' "$T/out"
assert "no escape character is written" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$T/out"
assert "a carriage return inside a line is quoted" grep -qF $'"1 MB\r+ 1 MB",false' "$T/out"
out_matches "an over-long line: a row with its error in text" '^1 \+ 1 \+ .*,false,,,,,line too long: 117 bytes \(limit 100\),'


# The same rows from -f FILE and with -q (which keeps the notes in rows).
run "$D" --max-line=100 --csv -q -f "$T/tricky.ds"
csv_same_as_json "-f FILE -q: the same rows, notes included" "$T/tricky.json"

# An empty batch: the header alone.
run --in /dev/null "$D" --csv
is_status "empty batch: status 0" 0
assert "empty batch: the header alone" test "$(tr -d '\r' <"$T/out")" = "$H"

# Values: the shortest text that reads back as the same double.
run "$D" --csv -e '1/3' -e '1400 TB to TiB' -e '2^70' -e '10^-9'
assert "1/3 reads back exactly" grep -qF $'1/3,true,0.3333333333333333,,' "$T/out"
assert "a large value in full digits up to 17" grep -qF '1400 TB to TiB,true,1273.2925824820995,TiB' "$T/out"
assert "2^70 with an exponent" grep -qF '2^70,true,1.1805916207174113e+21,' "$T/out"

# ---- options that do not go with --csv ---------------------------------------
check_fail "--csv with --json: a usage error" 2 "--csv" "$D" --csv --json 1 MB
check_fail "--csv with --explain: a usage error" 2 "--csv" "$D" --csv --explain 1 MB

finish
