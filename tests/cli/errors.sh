#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# errors.sh -- exit status, error messages with a caret, and bad input
# (the README's "Command line" exit status, "Bad input").
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

# ---- exit status: 0 all ok, 1 any failed, 2 usage / I/O / definitions ----------
check "status 0 when every expression succeeds" 0 "2
4" "$D" -e 1+1 -e 2+2
check "status 1 when one of several fails (others still print)" 1 "2
4" "$D" -e 1+1 -e nosuchname -e 2+2
check "status 1 when the only expression fails" 1 "" "$D" nosuchname
check_fail "status 2 for a usage error" 2 "--help" "$D" --no-such-option
check_fail "status 2 when -f names a missing file" 2 "$T/missing.txt" "$D" -f "$T/missing.txt"
check_fail "status 2 when -f names a directory" 2 "$T" "$D" -f "$T"
run "$D" -e nosuchname -f "$T/missing.txt" -e 1+1
is_status "status 2 (I/O) wins over status 1 (failed line)" 2
is_out "after an unreadable -f, later -e still evaluate" "2"
printf 'thing = 3 nosuchunit\n' >"$T/broken.units"
check_fail "status 2 for a definitions-file error" 2 "broken.units:1:" "$D" --units-file="$T/broken.units" 1+1
if [ -w /dev/full ]; then
  : >"$T/out"
  timeout "$TIMEOUT" "$D" 1400 TB to GB </dev/null >/dev/full 2>"$T/err"
  RC=$?
  LAST_CMD="$D 1400 TB to GB >/dev/full"
  is_status "status 2 when stdout cannot be written (I/O error)" 2
  err_has "a write error is reported" "write error"
fi

# ---- a single failing expression: message and caret on stderr ---------------------
run "$D" '1 + * 2'
is_status "dangling operator: status 1" 1
is_out "dangling operator: nothing on stdout" ""
err_has "dangling operator: message names the operator" "'*'"
caret_at "dangling operator: caret under '*' (column 5)" "1 + * 2" 5
run "$D" '2 ^ ^ 3'
caret_at "doubled '^': caret under the second '^' (column 5)" "2 ^ ^ 3" 5
run "$D" '1 +'
is_status "expression ending in an operator: status 1" 1
err_has "expression ending in an operator: message says so" "end of line"
caret_at "expression ending in an operator: caret after the end (column 4)" "1 +" 4
run "$D" '(1 + 2'
is_status "unbalanced '(': status 1" 1
err_has "unbalanced '(': message" "unbalanced"
run "$D" '1 + 2)'
is_status "unbalanced ')': status 1" 1
err_has "unbalanced ')': message" "unbalanced"
caret_at "unbalanced ')': caret under ')' (column 6)" "1 + 2)" 6
run "$D" '1/0'
is_status "division by zero: status 1" 1
err_has "division by zero: message" "division by zero"
run "$D" '5 mb'
is_status "ambiguous 'mb': status 1" 1
err_has "ambiguous 'mb': asks 'did you mean'" "did you mean"
err_has "ambiguous 'mb': names Mb (megabit)" "Mb (megabit)"
err_has "ambiguous 'mb': names MB (megabyte)" "MB (megabyte)"
caret_at "ambiguous 'mb': caret under 'mb' (column 3)" "5 mb" 3
run "$D" '3 terabites'
is_status "unknown unit: status 1" 1
err_has "unknown unit: a suggestion" "did you mean"
caret_at "unknown unit: caret under the name (column 3)" "3 terabites" 3
run "$D" '1 GB / (0 .. 1)'
is_status "dividing by a range containing zero: status 1" 1
err_has "dividing by a range containing zero: message" "zero"
run "$D" 'sqrt(-1)'
is_status "sqrt of a negative: status 1" 1
out_lacks "sqrt of a negative: no NaN printed" "nan"
check_fail "an empty expression is an error" 1 "empty" "$D" ''
run "$D" $'1\t+ nosuchname'
caret_at "a tab before the error: the caret is still under the name" $'1\t+ nosuchname' 5
run "$D" '1 ± nosuchname'
caret_at "a multibyte character before the error: caret under the name" '1 ± nosuchname' 5

# ---- dimension clash ------------------------------------------------------------------
run "$D" 1400 TB to seconds
is_status "1400 TB to seconds: status 1" 1
is_out "1400 TB to seconds: nothing on stdout" ""
err_has "1400 TB to seconds: a dimension message" "dimension"
err_has "1400 TB to seconds: names information" "information"
err_has "1400 TB to seconds: names time" "time"
check_fail "adding bytes and seconds: dimension error" 1 "dimension" "$D" '1 MB + 1 s'

# ---- results too large: refused at once -------------------------------------------------
# "At once" is measured in work, not seconds: with the work limit at its
# minimum (a million steps, about a millisecond) the error must still be
# "too large", so the size was refused before any real work was done.
for e in '10^10^10' '10^10^10^10' '2^(2^62)' '(10^10^10) MB to GB' '1/10^10^10'; do
  run "$D" "$e"
  is_status "'$e' fails with status 1 (no crash, no hang)" 1
  err_has "'$e': size-limit message" "too large"
  run "$D" --max-work=1 "$e"
  err_has "'$e' fails at once (too large, within a million steps of work)" "too large"
done
run "$D" --json '10^10^10'
json_ok "--json '10^10^10': an error row" 'assert rows[0]["ok"] is False and "too large" in rows[0]["error"]["message"], rows'

# ---- invalid UTF-8, NUL and control bytes: that line only -------------------------
printf '1 + 1\n2 \377\376 3\n3 + 3\n4 \000 4\n5 + 5\n6 \001 6\n7 + 7\n\303\050\n8 + 8\n9 \033[31m 9\n10 + 10\n' >"$T/bytes.txt"
run "$D" -f "$T/bytes.txt"
is_status "bad bytes in batch: status 1" 1
is_out "bad bytes in batch: every other line is evaluated" "2
6
10
14
16
20"
err_has "invalid UTF-8: FILE:LINE names line 2" "$T/bytes.txt:2:"
err_has "invalid UTF-8: message" "UTF-8"
err_has "NUL byte: FILE:LINE names line 4" "$T/bytes.txt:4:"
err_has "control byte 0x01: FILE:LINE names line 6" "$T/bytes.txt:6:"
err_has "truncated UTF-8 sequence: FILE:LINE names line 8" "$T/bytes.txt:8:"
err_has "ESC byte: FILE:LINE names line 10" "$T/bytes.txt:10:"
assert "bad bytes in batch: five errors on stderr" test "$(grep -c 'error' "$T/err")" -eq 5
run --in "$T/bytes.txt" "$D"
is_status "bad bytes on stdin: status 1" 1
is_out "bad bytes on stdin: every other line is evaluated" "2
6
10
14
16
20"
err_has "bad bytes on stdin: named <stdin>:LINE" "<stdin>:4:"
run --in "$T/bytes.txt" "$D" --json
is_status "bad bytes --json: status 1" 1
json_ok "bad bytes --json: valid UTF-8 JSON, one row per line, in order" '
assert len(rows) == 11, len(rows)
for r in rows: check_row(r, batch=True)
assert [r["ok"] for r in rows] == [True, False] * 5 + [True], [r["ok"] for r in rows]
assert [error_line(r) for r in rows if not r["ok"]] == [2, 4, 6, 8, 10]
assert [r["value"] for r in rows if r["ok"]] == [2, 6, 10, 14, 16, 20]
'
run "$D" $'\xff'
is_status "invalid UTF-8 operand: status 1" 1
err_has "invalid UTF-8 operand: message" "UTF-8"
# Diagnostics must not pass the raw bad bytes on to the terminal.
stderr_clean() {
  "$PYTHON" -c '
import sys
b = open(sys.argv[1], "rb").read()
b.decode("utf-8")
bad = [c for c in b if c < 32 and c not in (9, 10)]
sys.exit(1 if bad else 0)' "$T/err" 2>/dev/null
}
run "$D" --color=never $'1 + \033[2J2'
is_status "ESC in an operand: status 1" 1
assert "ESC in an operand: the diagnostic does not echo the raw ESC" stderr_clean
run "$D" --color=never $'2 \xff 3'
assert "invalid UTF-8 operand: the diagnostic is valid UTF-8" stderr_clean
run "$D" --color=never $'1 + \x01'
assert "control byte in an operand: the diagnostic has no raw control byte" stderr_clean

# ---- over-long lines ------------------------------------------------------------------
"$PYTHON" -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("1 + 1\n" + "1" * (2 * 1024 * 1024) + "\n2 + 2\n")' "$T/long.txt"
run "$D" -f "$T/long.txt"
is_status "a 2 MiB line: status 1" 1
is_out "a 2 MiB line: refused, and the lines around it evaluated" "2
4"
err_has "a 2 MiB line: FILE:LINE names line 2" "$T/long.txt:2:"
err_has "a 2 MiB line: 'too long' message" "too long"
assert "a 2 MiB line: the error message is short (no echo of the line)" test "$(wc -c <"$T/err")" -lt 2000
run --in "$T/long.txt" "$D" --json
is_status "a 2 MiB line --json: status 1" 1
json_ok "a 2 MiB line --json: three rows, the middle one an error" '
assert len(rows) == 3, len(rows)
assert [r["ok"] for r in rows] == [True, False, True]
assert error_line(rows[1]) == 2 and "too long" in rows[1]["error"]["message"], rows[1]["error"]
'

# ---- nesting thousands deep -----------------------------------------------------------
"$PYTHON" -c '
import sys
n = 100000
with open(sys.argv[1], "w") as f:
    f.write("(" * n + "1" + ")" * n + "\n")
    f.write("3 * 3\n")
    f.write("-" * n + "1\n")
    f.write("sqrt(" * n + "4" + ")" * n + "\n")
    f.write("2" + "^1" * n + "\n")
    f.write("(" * n + "\n")
    f.write("4 * 4\n")' "$T/deep.txt"
run --in "$T/deep.txt" "$D"
is_status "100,000 nested parentheses: status 1 (no crash)" 1
is_out "deep nesting: refused, other lines evaluated" "9
16"
err_has "100,000 nested parentheses: 'nested too deeply'" "<stdin>:1:"
err_has "deep nesting: message" "nested too deeply"
assert "deep nesting: each of the five deep lines is refused" test "$(grep -c 'error' "$T/err")" -eq 5
run --in "$T/deep.txt" "$D" --json
is_status "deep nesting --json: status 1" 1
json_ok "deep nesting --json: seven rows, in order" '
assert len(rows) == 7, len(rows)
assert [r["ok"] for r in rows] == [False, True, False, False, False, False, True], [r["ok"] for r in rows]
'
"$PYTHON" -c '
import sys
sys.stdout.write("(" * 20000 + "1" + ")" * 20000)' >"$T/deep_arg"
run "$D" "$(cat "$T/deep_arg")"
is_status "20,000 nested parentheses as an operand: status 1" 1
err_has "20,000 nested parentheses as an operand: message" "nested too deeply"

# ---- allocation failure: a clean exit 3, never SIGABRT ---------------
# At the largest --max-bits (2^28) a number and the temporaries of one
# operation fit the GMP budget of 1 GiB, so memory runs out here through
# ulimit -v instead: malloc fails first (150 MB: the line needs over 220 MB,
# the command starts in far less). AddressSanitizer reserves terabytes
# of address space and cannot run under ulimit -v: there it is skipped.
if grep -q __asan_init "$D" 2>/dev/null; then
  pass "out of memory: exit status 3 (skipped under AddressSanitizer)"
  pass "out of memory: a clear message (skipped under AddressSanitizer)"
else
  run bash -c 'ulimit -v 150000 && exec "$@"' sh "$D" --max-bits=268435456 --max-work=1048576 '2^(268435456-100)'
  is_status "out of memory: exit status 3" 3
  err_has "out of memory: a clear message" "out of memory"
fi
# Regression: at --max-bits=2^32 this ran into the GMP budget (exit 3); a
# value that large is now refused before anything is computed.
run "$D" --max-bits=4294967296 '2^4294967000'
is_status "--max-bits above its range: status 2" 2
err_has "--max-bits above its range: the range" "--max-bits wants a number from 64 to 268435456, not '4294967296'"
run "$D" --max-bits=268435456 '10^(10^9)'
is_status "10^(10^9) at the largest --max-bits: a size error at once" 1
err_has "10^(10^9) at the largest --max-bits: the message" "result too large"

finish
