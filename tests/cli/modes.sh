#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# modes.sh -- the ways of giving datascale expressions (the README's "Command line",
# "JSON Lines"): operands, -e, -f, stdin batch, the REPL on a terminal, and
# --json rows.
. "$(dirname "$0")/lib.sh"
D=$DATASCALE

# ---- operands: joined by spaces into one expression ----------------------
check "operands are one expression" 0 "1,400,000 GB" "$D" 1400 TB to GB
check "one operand holding the whole expression" 0 "1,400,000 GB" "$D" "1400 TB to GB"
check "operands split anywhere" 0 "1,400,000 GB" "$D" "1400 TB" "to GB"
check "grouping comma in an operand" 0 "1,400,000 GB" "$D" 1,400 TB to GB
check "operands after --" 0 "-3" "$D" -- -5 + 2
check "a negative first operand is not an option" 0 "-3 MB" "$D" -5 MB + 2 MB
run "$D" 1400 TB to GB
out_lines "operands give exactly one result line" 1
err_has "the decimal/binary note goes to stderr, not stdout" "1,433,600"
out_lacks "no note on stdout" "1024"
# The specification's own first example: catalogue items are ordinary units.
run "$D" 1400 TB to photos
is_status "'datascale 1400 TB to photos' succeeds (catalogue item)" 0
out_lines "'1400 TB to photos': one result line" 1
out_has "'1400 TB to photos' answers in photos" "photos"

# ---- -e: each one expression, in order, one session ----------------------
run "$D" -e 'photo = 4 MB' -e '1400 TB to photos'
is_status "-e photo = 4 MB -e '1400 TB to photos': status 0" 0
out_lines "-e photo = 4 MB -e '1400 TB to photos': two result lines" 2
assert "-e: the assignment prints 'photo = 4 MB'" test "$(head -n 1 "$T/out")" = "photo = 4 MB"
out_matches "-e: the assignment carries over to the next -e (350 million photos)" \
  '^(350,000,000|350 million) photos'
check "-e: the assignment carries over (--terse numbers)" 0 "4
350000000" "$D" -t -e 'photo = 4 MB' -e '1400 TB to photos'
check "-e runs in the order given" 0 "2
4
6" "$D" -e 1+1 -e 2+2 -e 3+3
check "--expression=EXPR long form" 0 "1,000 MB" "$D" --expression='1 GB to MB'
check "-eEXPR attached form" 0 "8" "$D" -e2^3
check "ans and _ carry the previous -e result" 0 "2 MB
6 MB
7 MB" "$D" -e '2 MB' -e 'ans * 3' -e '_ + 1 MB'
run "$D" -e 1+1 -e 'nosuchname' -e 2+2
is_status "-e: a failing expression gives status 1" 1
is_out "-e: the expressions after a failure are still evaluated" "2
4"
err_has "-e: the failure is reported on stderr" "nosuchname"

# ---- -f FILE --------------------------------------------------------------
cat >"$T/calc.txt" <<'EOF'
# sizes of things
x = 4 MB

   # an indented comment
1400 TB to GB
	
x * 3 # a trailing comment
EOF
check "-f FILE: one result per expression line" 0 "x = 4 MB
1,400,000 GB
12 MB" "$D" -f "$T/calc.txt"
check "--file=FILE long form" 0 "x = 4 MB
1,400,000 GB
12 MB" "$D" --file="$T/calc.txt"
printf 'y * 2\n' >"$T/second.txt"
printf 'y = 21\n' >"$T/first.txt"
check "-f repeated: files share one session, in order" 0 "y = 21
42" "$D" -f "$T/first.txt" -f "$T/second.txt"
run --in "$T/first.txt" "$D" -f - -f "$T/second.txt"
is_status "-f - then -f FILE: status 0" 0
is_out "-f - then -f FILE: stdin is read as a batch file" "y = 21
42"
check "-e and -f interleave in order, one session" 0 "y = 2
y = 21
42
84" "$D" -e 'y = 2' -f "$T/first.txt" -f "$T/second.txt" -e 'y * 4'
printf '1 + 1\nnosuchname\n2 + 2\n' >"$T/bad.txt"
run "$D" -f "$T/bad.txt"
is_status "-f with a bad line: status 1" 1
is_out "-f: every line is evaluated even after an error" "2
4"
err_has "-f: error names FILE:LINE:COLUMN" "$T/bad.txt:2:1:"
printf 'foo = 3\nfoo * 2' >"$T/noeol.txt"
check "-f: a last line without a newline is evaluated" 0 "foo = 3
6" "$D" -f "$T/noeol.txt"
printf '1 + 1\r\n2 + 2\r\n' >"$T/crlf.txt"
check "-f: CRLF line ends are accepted" 0 "2
4" "$D" -f "$T/crlf.txt"

# ---- stdin batch: no operands and stdin not a terminal -------------------
run --in "$T/calc.txt" "$D"
is_status "stdin batch: status 0" 0
is_out "stdin batch: one result per expression line" "x = 4 MB
1,400,000 GB
12 MB"
run "$D"
is_status "empty stdin: status 0" 0
is_out "empty stdin: no output" ""
printf '\n  \n# only comments\n\t# and blanks\n' >"$T/blank.txt"
check "-f: only blank and comment lines: status 0, no output" 0 "" "$D" -f "$T/blank.txt"
run --in "$T/blank.txt" "$D"
is_status "stdin with only blanks and comments: status 0" 0
is_out "stdin with only blanks and comments: no output" ""
printf 'n = 5 # five\n# n = 6\nn * 2 # ten, not 12\n' >"$T/hash.txt"
run --in "$T/hash.txt" "$D"
is_out "a '#' later in a line starts a comment" "n = 5
10"
cat >"$T/mixed.txt" <<'EOF'
a = 10
# comment
a + nosuchthing

1 +
a * 2
2 ^ ^ 3
a * 3
EOF
run --in "$T/mixed.txt" "$D"
is_status "stdin batch with errors: status 1" 1
is_out "stdin batch: every line evaluated after errors, assignments kept" "a = 10
20
30"
err_has "stdin batch: error names <stdin>:LINE:COLUMN (unknown name)" "<stdin>:3:5:"
err_has "stdin batch: error names <stdin>:LINE:COLUMN (dangling operator)" "<stdin>:5:4:"
err_has "stdin batch: error names <stdin>:LINE:COLUMN (operator)" "<stdin>:7:5:"
run --in "$T/mixed.txt" "$D" -f -
err_has "-f - is also named <stdin>" "<stdin>:3:5:"
run --in "$T/mixed.txt" "$D" -q
is_status "stdin batch with -q: status still 1" 1
err_has "-q keeps error messages" "<stdin>:5:4:"

# ---- a coprocess: each answer arrives before the next line is written ----
# Answers are buffered, but flushed whenever the command would wait for
# input, so a program that writes a line and reads its answer never hangs.
# Bash unsets DSCO and DSCO_PID as soon as it reaps the coprocess, which may
# happen at any moment after it exits: keep copies of the pid and of the
# descriptors from the start. The read timeout is a hang detector only.
coproc DSCO { "$DATASCALE" --no-user-units 2>/dev/null; }
co_pid=$DSCO_PID
exec {co_out}<&"${DSCO[0]}" {co_in}>&"${DSCO[1]}"
co_answers=""
for q in "1 KB to B" "2 KiB to B" "nonsense_unit" "3 MB to kB"; do
  printf '%s\n' "$q" >&"$co_in"
  case $q in nonsense*) continue ;; esac # an error goes to stderr only
  if IFS= read -r -t 120 a <&"$co_out"; then co_answers="$co_answers$a;"; else co_answers="${co_answers}TIMEOUT;"; fi
done
exec {co_in}>&-
[ -n "${DSCO[1]:-}" ] && exec {DSCO[1]}>&-
wait "$co_pid" 2>/dev/null
exec {co_out}<&-
assert "coprocess: each answer comes before the next line is written" test "$co_answers" = "1,000 B;2,048 B;3,000 kB;"
# ---- stdin batch interrupted by SIGINT --------------------------
# Ctrl-C in batch mode: exit status 130 (not death by the signal), after
# writing the answers of the lines already evaluated -- in --json mode too,
# where they sit in the stdout buffer. Regression: the default action killed
# the process and the JSON rows of answered lines were lost. sigint.py
# feeds "1 + 1" and "2 + 2" (and, for "busy", a line that takes seconds),
# waits until the command has read them all and sits in read() on stdin
# again (its SIGINT handler installed) or is busy computing (0.3 s of CPU
# time), sends SIGINT and prints the status. Every wait is on an event, with
# a hang detector of 120 s, never a fixed delay.
cat >"$T/sigint.py" <<'EOF'
import fcntl, glob, os, platform, signal, struct, subprocess, sys, termios, time
mode, wait, out, err = sys.argv[1:5]
cmd = sys.argv[5:]
slow = "+".join("ln(%d)" % p for p in range(3, 400, 2)) + "\n"
# read(2) and pselect6(2) in /proc/PID/task/TID/syscall: the batch reader
# waits for input in pselect (nfds 1: stdin alone), then reads
READ = {"x86_64": 0, "aarch64": 63, "i686": 3, "i386": 3, "armv7l": 3, "riscv64": 63}.get(platform.machine())
PSELECT = {"x86_64": 270, "aarch64": 72, "i686": 308, "i386": 308, "armv7l": 335, "riscv64": 72}.get(platform.machine())
with open(out, "wb") as fo, open(err, "wb") as fe:
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=fo, stderr=fe,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    p.stdin.write(b"1 + 1\n2 + 2\n" + (slow.encode() if wait == "busy" else b""))
    p.stdin.flush()
    deadline = time.time() + 120

    def caught():  # the batch has installed its SIGINT handler
        with open("/proc/%d/status" % p.pid) as f:
            cgt = [l for l in f if l.startswith("SigCgt:")][0].split()[1]
        return int(cgt, 16) & (1 << (signal.SIGINT - 1))

    def unread():  # bytes still in the pipe to its stdin
        return struct.unpack("i", fcntl.ioctl(p.stdin.fileno(), termios.FIONREAD, b"\0" * 4))[0]

    def reading_stdin():  # a thread of it blocks in read(0, ...) or waits on stdin in pselect
        for path in glob.glob("/proc/%d/task/*/syscall" % p.pid):
            try:
                with open(path) as f:
                    fields = f.read().split()
            except OSError:
                continue
            if len(fields) > 1 and fields[0] == str(READ) and int(fields[1], 16) == 0:
                return True
            if len(fields) > 1 and fields[0] == str(PSELECT) and int(fields[1], 16) == 1:
                return True
        return False

    def can_see_syscalls():
        try:
            with open("/proc/%d/syscall" % p.pid) as f:
                f.read()
            return READ is not None
        except OSError:
            return False

    exact = can_see_syscalls()
    while time.time() < deadline and p.poll() is None:
        if wait == "read":
            if caught() and unread() == 0 and (reading_stdin() if exact else time.sleep(0.5) is None):
                break
        else:
            with open("/proc/%d/stat" % p.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[11]) + int(fields[12]) >= 0.3 * os.sysconf("SC_CLK_TCK"):
                break
        time.sleep(0.02)
    p.send_signal(signal.SIGINT)
    try:
        rc = p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = "hung"
    p.stdin.close()
print(rc)
EOF
# sigint MODE WAIT OPTION...: runs sigint.py; sets RC as a shell would
# (128 + N for death by signal N) and KILLED to yes or no.
sigint() {
  local mode=$1 wait=$2
  shift 2
  LAST_CMD="sigint.py $mode $wait $D $*"
  RC=$("$PYTHON" "$T/sigint.py" "$mode" "$wait" "$T/out" "$T/err" "$D" "$@")
  KILLED=no
  if [ "$RC" = hung ]; then RC=124; elif [ "$RC" -lt 0 ]; then RC=$((128 - RC)) KILLED=yes; fi
  return 0
}
sigint text read
is_status "SIGINT while batch mode reads: exit status 130" 130
assert "SIGINT while batch mode reads: an exit, not death by the signal" test "$KILLED" = no
is_out "SIGINT while batch mode reads: the answers so far" "2
4"
err_has "SIGINT while batch mode reads: says so" "interrupted"
sigint json read --json
is_status "SIGINT while --json batch reads: exit status 130" 130
json_ok "SIGINT while --json batch reads: the rows so far, flushed" \
  'assert [r["text"] for r in rows] == ["2", "4"], rows'
sigint json busy --json --precision=262144 --max-work=1048576
is_status "SIGINT during a long --json line: exit status 130" 130
assert "SIGINT during a long --json line: an exit, not death by the signal" test "$KILLED" = no
json_ok "SIGINT during a long --json line: the rows answered, none for the line cut short" \
  'assert [r["text"] for r in rows] == ["2", "4"], rows'
err_has "SIGINT during a long line: says so" "interrupted"
sigint text busy --precision=262144 --max-work=1048576
is_status "SIGINT during a long line: exit status 130" 130
is_out "SIGINT during a long line: the answers before it" "2
4"

# ---- the REPL when stdin is a terminal -----------------------------------
cat >"$T/tty_session.py" <<'EOF'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--no-user-units"])
out = b""
def read_until(token, secs=120):  # a hang detector: returns when token shows
    global out
    end = time.time() + secs
    while token not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                return
            if not d:
                return
            out += d
def prompts():
    return out.count(b"> ")
read_until(b"> ")
os.write(fd, b"6 * 7\n")
read_until(b"42")
# wait for the next prompt: readline has the terminal again
end = time.time() + 120
while prompts() < 2 and time.time() < end:
    read_until(b"\0", 0.1)
status = None
for attempt in range(2):
    os.write(fd, b"\x04")  # Ctrl-D ends the session
    end = time.time() + 60
    while time.time() < end:
        p, st = os.waitpid(pid, os.WNOHANG)
        if p:
            status = os.waitstatus_to_exitcode(st)
            break
        read_until(b"\0", 0.1)
    if status is not None:
        break
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r", ""))
sys.stdout.write("\nexit=%s\n" % status)
EOF
run "$PYTHON" "$T/tty_session.py" "$D"
out_has "stdin a terminal: the REPL prompts" "> "
out_has "stdin a terminal: the REPL evaluates a line" "42"
out_has "stdin a terminal: Ctrl-D ends the REPL with status 0" "exit=0"
printf '6 * 7\n' >"$T/six.txt"
run --in "$T/six.txt" "$D"
is_out "stdin not a terminal: no prompt, just the result" "42"

# ---- --json ------------------------------------------------------------------
run "$D" --json 1400 TB to GB
is_status "--json: status 0" 0
err_empty "--json: nothing on stderr (notes become warnings)"
json_ok "--json: one row with the documented keys" '
assert len(rows) == 1, len(rows)
r = rows[0]; check_row(r)
assert r["input"] == "1400 TB to GB", r["input"]
assert r["ok"] is True
assert r["value"] == 1400000, r["value"]
assert r["exact"] == "1400000", r["exact"]
assert r["unit"] == "GB", r["unit"]
assert r["text"] == "1,400,000 GB", r["text"]
assert any("1,433,600" in w for w in r["warnings"]), r["warnings"]
'
run "$D" --json 'sqrt(2)'
json_ok "--json: exact is null for sqrt(2)" '
r = rows[0]; check_row(r)
assert len(rows) == 1
assert r["exact"] is None, r["exact"]
assert abs(r["value"] - 2 ** 0.5) < 1e-12, r["value"]
assert r["unit"] == "", r["unit"]
'
run "$D" --json '1 MB .. 5 MB to kB'
json_ok "--json: a range has value null, low/high and their exact strings" '
r = rows[0]; check_row(r)
assert r["value"] is None, r["value"]
assert r["low"] == 1000 and r["high"] == 5000, (r["low"], r["high"])
assert r["low_exact"] == "1000" and r["high_exact"] == "5000", (r["low_exact"], r["high_exact"])
assert r["unit"] == "kB", r["unit"]
'
run "$D" --json '1 GB / 7 to MB'
json_ok "--json: exact is a reduced rational N/D" '
r = rows[0]; check_row(r)
assert r["exact"] == "1000/7", r["exact"]
assert abs(r["value"] - 1000 / 7) < 1e-9, r["value"]
'
run "$D" --json '6/4'
json_ok "--json: 6/4 is exact 3/2 (reduced)" 'assert rows[0]["exact"] == "3/2", rows[0]["exact"]'
run "$D" --json 'photo = 4 MB'
json_ok "--json: an assignment names the variable" '
r = rows[0]; check_row(r)
assert r.get("name") == "photo", r
'
run "$D" --json 1400 TB to photos
json_ok "--json: a catalogue item used is listed with its value and source" '
r = rows[0]; check_row(r)
photo = [a for a in r["assumptions"] if a["name"] in ("photo", "photos")]
assert photo, r["assumptions"]
assert photo[0]["value"] and photo[0]["source"], photo[0]
'
run "$D" --json -a photo=4MB 1400 TB to photos
json_ok "--json: an --assume value replaces the catalogue one in assumptions" '
r = rows[0]; check_row(r)
assert r["value"] == 350000000, r["value"]
photo = [a for a in r["assumptions"] if a["name"] in ("photo", "photos")]
assert len(photo) == 1 and photo[0]["value"].replace(" ", "") == "4MB", r["assumptions"]
'
run "$D" --json 'nosuchname + 1'
is_status "--json: a failing expression gives status 1" 1
err_empty "--json: the error is not on stderr"
json_ok "--json: the error is a JSON object on stdout" '
assert len(rows) == 1, len(rows)
r = rows[0]; check_row(r)
assert r["ok"] is False and r["input"] == "nosuchname + 1"
assert "nosuchname" in r["error"]["message"], r["error"]
assert r["error"]["column"] == 1, r["error"]
'
# "text" is the human line exactly as printed without --json
for e in '1400 TB to GB' '1/7' '1 MB .. 5 MB' '2 hours to min' 'sqrt(2)' '1400 TB to photos'; do
  run "$D" "$e"
  cp "$T/out" "$T/plain"
  run "$D" --json "$e"
  json_ok "--json: text equals the plain output for '$e'" "
plain = open('$T/plain', encoding='utf-8').read()
assert rows[0]['text'] + '\n' == plain, (rows[0]['text'], plain)
"
done
run "$D" --json -e 1+1 -e nosuchname -e '2 MB'
json_ok "--json with several -e: one row each, in order" '
assert [r["input"] for r in rows] == ["1+1", "nosuchname", "2 MB"], [r["input"] for r in rows]
assert [r["ok"] for r in rows] == [True, False, True]
for r in rows: check_row(r)
'
run --in "$T/mixed.txt" "$D" --json
is_status "--json batch with errors: status 1" 1
err_empty "--json batch: nothing on stderr"
json_ok "--json batch: one row per evaluated line, errors carry their line" '
assert len(rows) == 6, len(rows)
for r in rows: check_row(r, batch=True)
assert [r["input"] for r in rows] == ["a = 10", "a + nosuchthing", "1 +", "a * 2", "2 ^ ^ 3", "a * 3"], [r["input"] for r in rows]
assert [r["ok"] for r in rows] == [True, False, False, True, False, True]
assert [error_line(r) for r in rows if not r["ok"]] == [3, 5, 7], [error_line(r) for r in rows if not r["ok"]]
assert [r["error"]["column"] for r in rows if not r["ok"]] == [5, 4, 5]
assert [r["value"] for r in rows if r["ok"]] == [10, 20, 30]
'

# 1,000 lines, every third one bad: 1,000 rows, in order.
"$PYTHON" - "$T/thousand.txt" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 1001):
        f.write("%d +\n" % i if i % 3 == 0 else "%d * 2\n" % i)
EOF
run --in "$T/thousand.txt" "$D" --json
is_status "--json 1,000 lines, every third bad: status 1" 1
err_empty "--json 1,000 lines: nothing on stderr"
json_ok "--json 1,000 lines: 1,000 rows in input order" '
assert len(rows) == 1000, len(rows)
for i, r in enumerate(rows, 1):
    check_row(r, batch=True)
    if i % 3 == 0:
        assert r["input"] == "%d +" % i, (i, r["input"])
        assert r["ok"] is False, (i, r)
        assert error_line(r) == i, (i, r)
    else:
        assert r["input"] == "%d * 2" % i, (i, r["input"])
        assert r["ok"] is True and r["value"] == 2 * i and r["exact"] == str(2 * i), (i, r)
'
run --in "$T/thousand.txt" "$D"
out_lines "plain batch of 1,000 lines: 667 results on stdout" 667
run --in "$T/thousand.txt" "$D" -q
assert "plain batch of 1,000 lines: 333 errors on stderr" test "$(grep -c '^<stdin>:[0-9]*:[0-9]*: .*error' "$T/err")" -eq 333

# ---- a byte-order mark at the very start of a batch input is skipped -------
printf '\xef\xbb\xbfx = 4 MB\nx * 2\n' >"$T/bom.txt"
check "-f: a byte-order mark at the start of the file is skipped" 0 "x = 4 MB
8 MB" "$D" -f "$T/bom.txt"
run --in "$T/bom.txt" "$D"
is_out "stdin: a byte-order mark at the start is skipped" "x = 4 MB
8 MB"
printf '\xef\xbb\xbfx * 3\n' >"$T/bom2.txt"
check "-f twice: the mark is skipped at the start of each file" 0 "x = 4 MB
8 MB
12 MB" "$D" -f "$T/bom.txt" -f "$T/bom2.txt"
run "$D" --json -f "$T/bom.txt"
json_ok "--json: the first row's input has no byte-order mark" \
  'assert [r["input"] for r in rows] == ["x = 4 MB", "x * 2"], [r["input"] for r in rows]'
printf '1 + 1\n\xef\xbb\xbf2 + 2\n' >"$T/bom-late.txt"
run "$D" -f "$T/bom-late.txt"
# The library skips a byte-order mark at the start of any line it is given.
is_status "a byte-order mark at the start of line 2 is skipped too: status 0" 0
out_has "a byte-order mark at the start of line 2: both lines answered" "4"
printf '\xef\xbb\n' >"$T/bom-part.txt"
run "$D" -f "$T/bom-part.txt"
is_status "two bytes of a byte-order mark are not skipped: an error" 1

# ---- an endless line: refused in bounded memory, the input abandoned ------
# A pipe that never sends an end of line (here "1 + 1", then "x" forever):
# the line past --max-line is counted and dropped as it comes, and after a
# GiB without an end of line the input is abandoned (status 2). Memory
# stays that of a short batch: the peak RSS is measured, and the process
# runs under a 512 MiB address-space limit (none under AddressSanitizer)
# so that a reader that stores the line fails here instead of filling the
# machine.
cat >"$T/endless.py" <<'EOF'
import os, resource, subprocess, sys
ds = sys.argv[1]
asan = b"__asan_init" in open(ds, "rb").read()
def limits():
    if not asan:
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
with open(sys.argv[2], "wb") as fo, open(sys.argv[3], "wb") as fe:
    p = subprocess.Popen([ds, "--no-user-units"], stdin=subprocess.PIPE, stdout=fo, stderr=fe, preexec_fn=limits)
    chunk = b"x" * (1 << 20)
    sent = 0
    try:
        p.stdin.write(b"1 + 1\n")
        while sent < (4 << 30):  # the reader gives up after 1 GiB; 4 GiB means it never did
            p.stdin.write(chunk)
            sent += len(chunk)
        p.stdin.close()
    except BrokenPipeError:
        pass
    _, status, ru = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), ru.ru_maxrss // 1024, "asan" if asan else "")
EOF
read -r RC rss_mb asan < <("$PYTHON" "$T/endless.py" "$D" "$T/out" "$T/err" 2>/dev/null)
LAST_CMD="endless.py: 1 + 1, then 'x' without an end of line"
is_status "an endless line: status 2 (the input is abandoned)" 2
is_out "an endless line: the line before it is answered" "2"
err_has "an endless line: its error names <stdin>:2:1" "<stdin>:2:1: error: line too long: more than 1073741824 bytes (limit 1048576)"
err_has "an endless line: says the rest of the input is not read" \
  "datascale: error: <stdin>: no end of line in the first 1073741824 bytes; the rest of the input is not read"
if [ -n "$asan" ]; then limit_mb=200; else limit_mb=24; fi
assert "an endless line: peak RSS ${rss_mb:-?} MB, within ${limit_mb} MB" test "${rss_mb:-9999}" -le "$limit_mb"

# ---- SIGINT while stdout is a full pipe ------------------------------------
# The command writes to a pipe that nobody reads until it is full and the
# command is blocked writing (every thread asleep). SIGINT arrives then;
# afterwards the pipe is read to its end. Every row computed before the
# signal must come out whole: the output is complete lines, the rows are
# those of lines 1..K in order with the right values, and nothing says
# "write error". Regression: the interrupted write() dropped the rest of
# stdio's buffer, so the output ended mid-row, and the status said
# "write error: Interrupted system call". No timing: the script waits for
# states (a full pipe, a sleeping process), with a hang detector only.
"$PYTHON" - "$T/lines200k.txt" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 200001):
        f.write("%d + 1\n" % i)
EOF
cat >"$T/fullpipe.py" <<'EOF'
import array, fcntl, os, signal, subprocess, sys, termios, time
ds, inp, mode, outp, errp = sys.argv[1:6]
r, w = os.pipe()
size = fcntl.fcntl(w, 1032)  # F_GETPIPE_SZ
args = [ds, "--no-user-units", "-f", inp] + (["--json"] if mode == "json" else [])
with open(errp, "wb") as fe:
    p = subprocess.Popen(args, stdout=w, stderr=fe,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
os.close(w)

def queued():
    n = array.array("i", [0])
    fcntl.ioctl(r, termios.FIONREAD, n)
    return n[0]

def blocked_writing():
    """Every thread asleep, with the pipe holding data: with -f FILE as
    input, the one wait is a write to the pipe (a thread's wchan says so
    where the kernel tells; the work may run on a thread of its own)."""
    try:
        wchans = []
        for t in os.listdir("/proc/%d/task" % p.pid):
            if open("/proc/%d/task/%s/stat" % (p.pid, t)).read().rsplit(")", 1)[1].split()[0] != "S":
                return False
            wchans.append(open("/proc/%d/task/%s/wchan" % (p.pid, t)).read())
    except OSError:
        return False
    told = [w for w in wchans if w not in ("", "0")]
    return queued() >= size // 2 and (not told or any("pipe" in w for w in told))

deadline = time.time() + 60  # a hang detector, not a timing
while time.time() < deadline and p.poll() is None and not blocked_writing():
    time.sleep(0.01)
blocked = p.poll() is None and blocked_writing()
p.send_signal(signal.SIGINT)
out = b""
with os.fdopen(r, "rb") as f:
    while True:
        d = f.read(65536)
        if not d:
            break
        out += d
rc = p.wait()
with open(outp, "wb") as fo:
    fo.write(out)
print(rc, "blocked" if blocked else "not-blocked")
EOF
for mode in json text; do
  read -r RC blocked < <("$PYTHON" "$T/fullpipe.py" "$D" "$T/lines200k.txt" "$mode" "$T/out" "$T/err")
  LAST_CMD="fullpipe.py $mode: $D -f lines200k.txt, stdout a full pipe, SIGINT"
  assert "SIGINT, $mode, stdout a full pipe: the command was blocked writing when signalled" test "$blocked" = blocked
  is_status "SIGINT, $mode, stdout a full pipe: exit status 130" 130
  err_has "SIGINT, $mode, stdout a full pipe: says interrupted" "interrupted"
  err_lacks "SIGINT, $mode, stdout a full pipe: no write error" "write error"
  if [ "$mode" = json ]; then
    json_ok "SIGINT, json, stdout a full pipe: whole rows of lines 1..K in order" '
assert 0 < len(rows) < 200000, len(rows)
for i, r in enumerate(rows, 1):
    assert r["input"] == "%d + 1" % i and r["value"] == i + 1, (i, r)
'
  else
    "$PYTHON" - "$T/out" >"$T/check" 2>&1 <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), data[-80:]
lines = data.decode().split("\n")[:-1]
assert 0 < len(lines) < 200000, len(lines)
for i, l in enumerate(lines, 1):
    assert l == "{:,}".format(i + 1), (i, l)
EOF
    assert "SIGINT, text, stdout a full pipe: whole lines, the answers to lines 1..K in order ($(tail -c 200 "$T/check"))" \
      test ! -s "$T/check"
  fi
done

finish
