#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh -- helpers sourced by the command-line tests (tests/cli/*.sh).
#
# Environment (set by `make check`, with fallbacks for running a script by
# hand from the build directory):
#   DATASCALE  absolute path of the built command
#   srcdir     absolute source directory (read only: nothing is written there)
#   PYTHON     a Python 3 interpreter, used to validate JSON Lines
#
# Every script gets a private scratch directory $T (mktemp -d, removed on
# exit) and a private HOME / XDG_CONFIG_HOME inside it, so scripts running
# in parallel never see each other's user units file.
#
# Running a command:
#   run [--in FILE] [--env NAME=VALUE]... [--unset NAME]... CMD [ARG]...
#       runs CMD (under `timeout`) with stdin from FILE (default /dev/null);
#       sets $RC, and leaves stdout in $T/out, stderr in $T/err.
#
# Assertions on the last `run` (each counts one test):
#   is_status NAME N            exit status is N
#   is_out NAME TEXT            stdout is exactly TEXT plus a newline
#                               ("" means stdout is empty)
#   out_has NAME TEXT           stdout contains TEXT
#   out_lacks NAME TEXT         stdout does not contain TEXT
#   out_matches NAME ERE        a line of stdout matches the extended regex
#   err_has NAME TEXT           stderr contains TEXT
#   err_lacks NAME TEXT         stderr does not contain TEXT
#   err_empty NAME              nothing on stderr
#   out_lines NAME N            stdout has exactly N lines
#   json_ok NAME PYTHON-CODE    stdout is JSON Lines; runs the code with `rows`
#                               (the parsed objects) and `raw` (the lines)
#                               bound; an AssertionError fails the test
#   caret_at NAME EXPR COL      stderr shows EXPR on a line and, on the next
#                               line, a caret under its COL-th character
#   assert NAME CMD [ARG]...    CMD (a shell test) succeeds
#
#   run_tty [--env NAME=VALUE]... CMD...
#       runs CMD on a pseudo-terminal (stdin, stdout and stderr); what it
#       writes is in $T/out.
#
# Shorthands that run and assert at once (one test each):
#   check NAME STATUS STDOUT CMD...        exit status and exact stdout
#   check_fail NAME STATUS ERRTEXT CMD...  exit status, empty stdout,
#                                          stderr containing ERRTEXT
#
# `finish` prints "N passed, M failed" as the last line and exits 1 if any
# test failed.

set -u

: "${srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${DATASCALE:=$PWD/src/datascale}"
: "${PYTHON:=python3}"
export srcdir DATASCALE PYTHON

export DEFS="$srcdir/tests/cli/defs"
# `run` kills a command after TIMEOUT seconds: a hang detector, far above
# any honest run even on a loaded machine (no test asserts that something
# is fast).
TIMEOUT=${TIMEOUT:-300}

T=$(mktemp -d "${TMPDIR:-/tmp}/datascale-cli.XXXXXX") || {
  echo "cannot create a temporary directory"
  echo "0 passed, 1 failed"
  exit 1
}
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# A clean, private environment for the program.
export HOME="$T/home"
export XDG_CONFIG_HOME="$T/home/.config"
mkdir -p "$XDG_CONFIG_HOME"
unset DATASCALE_UNITS_FILE NO_COLOR XDG_STATE_HOME
export TERM=xterm

PASSED=0
FAILED=0
LAST_CMD=""
RC=0

if [ ! -x "$DATASCALE" ]; then
  echo "DATASCALE ($DATASCALE) is not an executable"
  echo "0 passed, 1 failed"
  exit 1
fi

# Quotes a command for messages.
_show_cmd() {
  local s="" a
  for a in "$@"; do s+=" $(printf '%q' "$a")"; done
  printf '%s' "${s# }" | head -c 300
}

# Shows a file's start, for failure messages.
_show_file() {
  local label=$1 f=$2
  if [ -s "$f" ]; then
    echo "    $label:"
    head -c 1200 "$f" | head -n 15 | cat -v | sed 's/^/    | /'
  else
    echo "    $label: (empty)"
  fi
}

pass() {
  PASSED=$((PASSED + 1))
  echo "ok $((PASSED + FAILED)) - $1"
}

fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL $((PASSED + FAILED)) - $1"
  shift
  local line
  for line in "$@"; do echo "    $line"; done
  if [ -n "$LAST_CMD" ]; then
    echo "    command: $LAST_CMD"
    echo "    status: $RC"
    _show_file stdout "$T/out"
    _show_file stderr "$T/err"
  fi
}

run() {
  local in=/dev/null envs=() unsets=()
  while [ $# -gt 0 ]; do
    case $1 in
    --in) in=$2; shift 2 ;;
    --env) envs+=("$2"); shift 2 ;;
    --unset) unsets+=(-u "$2"); shift 2 ;;
    *) break ;;
    esac
  done
  LAST_CMD=$(_show_cmd ${unsets[@]+"${unsets[@]}"} ${envs[@]+"${envs[@]}"} "$@")
  [ "$in" != /dev/null ] && LAST_CMD+=" < $in"
  env ${unsets[@]+"${unsets[@]}"} ${envs[@]+"${envs[@]}"} timeout -k 2 "$TIMEOUT" "$@" <"$in" >"$T/out" 2>"$T/err"
  RC=$?
  return 0
}

is_status() {
  if [ "$RC" -eq "$2" ]; then pass "$1"; else
    local why="expected exit status $2, got $RC"
    [ "$RC" -eq 124 ] && why+=" (timed out after ${TIMEOUT}s)"
    [ "$RC" -gt 128 ] && [ "$RC" -ne 124 ] && why+=" (killed by signal $((RC - 128)))"
    fail "$1" "$why"
  fi
}

is_out() {
  if [ -z "$2" ]; then : >"$T/expected"; else printf '%s\n' "$2" >"$T/expected"; fi
  if cmp -s "$T/expected" "$T/out"; then pass "$1"; else
    fail "$1" "stdout differs from the expected text:" "$(sed 's/^/  > /' "$T/expected" | head -n 15)"
  fi
}

out_has() {
  if grep -qF -e "$2" "$T/out"; then pass "$1"; else fail "$1" "stdout does not contain: $2"; fi
}

out_matches() {
  if grep -qE -e "$2" "$T/out"; then pass "$1"; else fail "$1" "no stdout line matches: $2"; fi
}

out_lacks() {
  if grep -qF -e "$2" "$T/out"; then fail "$1" "stdout contains: $2"; else pass "$1"; fi
}

err_has() {
  if grep -qF -e "$2" "$T/err"; then pass "$1"; else fail "$1" "stderr does not contain: $2"; fi
}

err_lacks() {
  if grep -qF -e "$2" "$T/err"; then fail "$1" "stderr contains: $2"; else pass "$1"; fi
}

err_empty() {
  if [ -s "$T/err" ]; then fail "$1" "stderr is not empty"; else pass "$1"; fi
}

out_lines() {
  local n
  n=$(wc -l <"$T/out")
  if [ "$n" -eq "$2" ]; then pass "$1"; else fail "$1" "expected $2 lines on stdout, got $n"; fi
}

assert() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "assertion failed: $(_show_cmd "$@")"; fi
}

# The Python side of json_ok: strict UTF-8, one JSON object per line,
# nothing else on stdout. `check_row(r)` validates the keys of one row.
cat >"$T/jsonlines.py" <<'EOF'
import json, sys

def check_row(r, batch=False):
    """The keys the JSON Lines format requires, by the kind of row."""
    assert isinstance(r, dict), "row is not an object: %r" % (r,)
    assert isinstance(r.get("input"), str), "input: %r" % (r.get("input"),)
    assert isinstance(r.get("ok"), bool), "ok: %r" % (r.get("ok"),)
    assert isinstance(r.get("warnings"), list), "warnings: %r" % (r.get("warnings"),)
    assert all(isinstance(w, str) for w in r["warnings"]), "warnings not strings"
    if r["ok"]:
        for k in ("value", "exact", "unit", "text", "assumptions"):
            assert k in r, "ok row without %r: %r" % (k, r)
        assert isinstance(r["unit"], str), "unit: %r" % (r["unit"],)
        assert isinstance(r["text"], str), "text: %r" % (r["text"],)
        assert isinstance(r["assumptions"], list), "assumptions: %r" % (r["assumptions"],)
        for a in r["assumptions"]:
            assert isinstance(a, dict) and {"name", "value", "source"} <= set(a), "assumption %r" % (a,)
        if r.get("low") is not None or r.get("high") is not None:
            assert r["value"] is None, "range with a value: %r" % (r,)
            for k in ("low", "high"):
                assert isinstance(r[k], (int, float)) and not isinstance(r[k], bool), "%s: %r" % (k, r)
            for k in ("low_exact", "high_exact"):
                assert k in r and (r[k] is None or isinstance(r[k], str)), "%s: %r" % (k, r)
        else:
            assert r["value"] is None or (isinstance(r["value"], (int, float)) and not isinstance(r["value"], bool)), "value: %r" % (r["value"],)
        assert r["exact"] is None or isinstance(r["exact"], str), "exact: %r" % (r["exact"],)
        if isinstance(r["exact"], str):
            import re
            assert re.fullmatch(r"-?[0-9]+(/[0-9]+)?", r["exact"]), "exact not N or N/D: %r" % (r["exact"],)
        assert r.get("error", None) is None, "ok row with an error: %r" % (r,)
    else:
        e = r.get("error")
        assert isinstance(e, dict), "failed row without an error object: %r" % (r,)
        assert isinstance(e.get("message"), str) and e["message"], "error.message: %r" % (e,)
        assert "column" in e and (e["column"] is None or (isinstance(e["column"], int) and e["column"] >= 1)), "error.column: %r" % (e,)
        if batch:
            assert isinstance(error_line(r), int), "batch error without a line: %r" % (r,)
    return True

def error_line(r):
    """The error object carries "line" in batch (accepted at the top level too)."""
    e = r.get("error") or {}
    return e.get("line", r.get("line"))

data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as ex:
    print("    stdout is not UTF-8: %s" % ex)
    sys.exit(1)
if text and not text.endswith("\n"):
    print("    stdout does not end with a newline")
    sys.exit(1)
raw = text.split("\n")[:-1] if text else []
rows = []
for i, line in enumerate(raw, 1):
    try:
        rows.append(json.loads(line))
    except ValueError as ex:
        print("    stdout line %d is not JSON (%s): %.200r" % (i, ex, line))
        sys.exit(1)
env = {"rows": rows, "raw": raw, "check_row": check_row, "error_line": error_line, "json": json}
try:
    exec(sys.argv[2], env)
except AssertionError as ex:
    print("    assertion failed: %s" % (str(ex)[:500] or "(no message)"))
    sys.exit(1)
except Exception as ex:
    print("    %s: %s" % (type(ex).__name__, str(ex)[:500]))
    sys.exit(1)
EOF

json_ok() {
  local msg
  if msg=$("$PYTHON" "$T/jsonlines.py" "$T/out" "$2" 2>&1); then pass "$1"; else fail "$1" "$msg"; fi
}

cat >"$T/caret.py" <<'EOF'
import sys
err = open(sys.argv[1], "rb").read().decode("utf-8", "replace").split("\n")
expr, col = sys.argv[2], int(sys.argv[3])
for i, line in enumerate(err[:-1]):
    if line.endswith(expr) and line.strip():
        # the display column of the COL-th character of the expression
        prefix = line[: len(line) - len(expr)]
        target = len((prefix + expr[: col - 1]).expandtabs(8))
        caret = err[i + 1].expandtabs(8)
        if caret.strip() != "^":
            continue
        at = caret.index("^")
        if at == target:
            sys.exit(0)
        print("    caret at display column %d, expected %d (under character %d of %r)"
              % (at + 1, target + 1, col, expr))
        sys.exit(1)
print("    no line showing %r followed by a caret line" % expr)
sys.exit(1)
EOF

# run_tty [--env NAME=VALUE]... CMD...: like run, but stdin, stdout and
# stderr are one pseudo-terminal; everything written lands in $T/out.
cat >"$T/tty_run.py" <<'EOF'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
out = b""
end = time.time() + 300  # a hang detector, as TIMEOUT in `run`
status = None
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            d = b""
        out += d
        if d:
            continue
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        status = os.waitstatus_to_exitcode(st)
        break
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    status = 124
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
sys.exit(status & 255)
EOF

run_tty() {
  local envs=()
  while [ $# -gt 0 ] && [ "$1" = --env ]; do envs+=("$2"); shift 2; done
  LAST_CMD="(on a terminal) $(_show_cmd ${envs[@]+"${envs[@]}"} "$@")"
  env ${envs[@]+"${envs[@]}"} "$PYTHON" "$T/tty_run.py" "$@" </dev/null >"$T/out" 2>"$T/err"
  RC=$?
  return 0
}

caret_at() {
  local msg
  if msg=$("$PYTHON" "$T/caret.py" "$T/err" "$2" "$3" 2>&1); then pass "$1"; else fail "$1" "$msg"; fi
}

check() {
  local name=$1 status=$2 expected=$3
  shift 3
  run "$@"
  if [ -z "$expected" ]; then : >"$T/expected"; else printf '%s\n' "$expected" >"$T/expected"; fi
  if [ "$RC" -eq "$status" ] && cmp -s "$T/expected" "$T/out"; then pass "$name"; else
    fail "$name" "expected exit status $status and stdout:" "$(sed 's/^/  > /' "$T/expected" | head -n 15)"
  fi
}

check_fail() {
  local name=$1 status=$2 text=$3
  shift 3
  run "$@"
  local why=()
  [ "$RC" -eq "$status" ] || why+=("expected exit status $status, got $RC")
  [ -s "$T/out" ] && why+=("expected nothing on stdout")
  grep -qF -e "$text" "$T/err" || why+=("stderr does not contain: $text")
  if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}
