#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hostile-input corpus: every case must fail cleanly, fast and small.

    run.py [-v] [-k SUBSTRING] [CASES_FILE]

Each line of tests/hostile/cases.txt is one case:

    KIND [OPTIONS] | NAME | STATUS | EXPECT | INPUT

KIND says how the input reaches src/datascale (always with --no-user-units
and the OPTIONS, split as by a shell):

  line  one expression line. It runs three times: as a batch on standard
        input followed by the line "1 + 1", whose "2" must still be printed
        (a bad line never loses the lines after it); the same with --json,
        where every row must be a JSON object, the first row carrying the
        error (or not) and the second the value 2; and, when the input has
        no NUL or newline and is under 100 kB, as -e INPUT -e '1 + 1'.
  raw   the input is the whole of standard input (a multi-line batch).
  defs  the input is a definitions file, read with --units-file=FILE, then
        -e '1 + 1'. For an error, the message must start with
        FILE:LINE:COLUMN.
  args  INPUT is the rest of the command line, split as by a shell.
  user  the input is the user's own units file, $HOME/.config/datascale/units
        in a private HOME, read without --no-user-units, then -e '1 + 1'.
        OPTIONS may set it up: symlink (the file is a symlink to the real
        one), dangling (a symlink to nothing), fifo (a named pipe), dir (a
        directory), mode=OCTAL (of the file), dirmode=OCTAL (of
        .config/datascale); anything else is passed to datascale.

STATUS is the exit status: 0, 1 (an evaluation error), 2 (usage, I/O or a
definitions file), 3 (out of memory), or L, the status of a resource-limit
error ("result too large", "nested too deeply", "line too long"), which is
LIMIT_STATUS below. EXPECT is text that standard error must contain (or
standard output when STATUS is 0); "re:" makes it a regular expression, and
"-" expects nothing in particular. INPUT is text with Python escapes (\\xff,
\\0, \\n, \\\\), or "py: EXPR", a Python expression building big inputs at
test time (bytes or str; see the helpers below), so the repository holds no
megabyte files.

Every run must also use at most MAX_CPU seconds of CPU time and MAX_RSS_KB
of peak RSS, under ulimit -v 1 GiB and -s 8 MiB ("stack=KB" in OPTIONS
changes the stack), die of no signal, and print nothing of a sanitizer, GMP
or glibc abort. Under AddressSanitizer (detected from the binary) there is
no -v limit, and the time and RSS bounds are 10x and 4x.

The requirement is 1 s a case, but `make check` runs on shared, loaded
machines, where a bound near an honest run fails at random (5 s of wall
time did, at 5.7 s). So by default the bound is a hang detector, far above
any honest run, on the child's CPU time (user + system, from wait4), which
other programs on the machine barely change: MAX_CPU, 20 s
(HOSTILE_MAX_CPU). A child is also killed past MAX_CPU + 5 s of CPU
(RLIMIT_CPU) and, if it sits blocked, past HARD_TIMEOUT of wall time. The
run prints the slowest case by CPU and by wall time. HOSTILE_MAX_WALL=1
adds the requirement itself, 1 s of wall time a run, for a quiet machine.

The last line of output is "N passed, M failed"; the status is 0 when no
case failed.
"""
import codecs
import json
import os
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time

LIMIT_STATUS = 1  # exit status of a resource-limit error
# Timings are for benchmarks, not for `make check` (see the docstring): the
# default bound is a hang detector on CPU time; HOSTILE_MAX_WALL=1 checks
# the 1 s requirement on a quiet machine.
MAX_CPU = float(os.environ.get("HOSTILE_MAX_CPU", "20"))  # CPU seconds per run
MAX_WALL = float(os.environ["HOSTILE_MAX_WALL"]) if os.environ.get("HOSTILE_MAX_WALL") else None
MAX_RSS_KB = 256 * 1024
AS_LIMIT = 1 << 30  # ulimit -v 1048576
STACK_KB = 8192  # ulimit -s 8192
STATUSES = {"0": 0, "1": 1, "2": 2, "3": 3, "L": LIMIT_STATUS}
# Signs of a crash that must never appear on standard error.
CRASH = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error:|gmp: |GNU MP: |Cannot allocate memory|"
                   r"\*\*\* .* \*\*\*|Aborted|Segmentation fault|core dumped|MPFR assertion")

HERE = os.path.dirname(os.path.abspath(__file__))
DATASCALE = os.environ.get("DATASCALE", "src/datascale")


# ---- helpers for "py:" inputs ---------------------------------------------

def nest(open_, close, n, inner="1"):
    """open_ n times, inner, close n times."""
    return open_ * n + inner + close * n


def chain(term, op, n):
    """term op term op ... (n terms)."""
    return op.join([term] * n)


def lines(*parts):
    return "\n".join(parts) + "\n"


MiB = 1 << 20
PY_ENV = {"nest": nest, "chain": chain, "lines": lines, "MiB": MiB, "KiB": 1024}


def decode_input(field):
    if field.startswith("py:"):
        v = eval(field[3:].strip(), dict(PY_ENV))  # the manifest is part of the test suite
        return v.encode("utf-8") if isinstance(v, str) else bytes(v)
    return codecs.escape_decode(field.encode("utf-8"))[0]


# ---- running one command ---------------------------------------------------

def is_asan(path):
    try:
        with open(path, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


ASAN = is_asan(DATASCALE)
CPU = MAX_CPU * (10 if ASAN else 1)
WALL = MAX_WALL * (20 if ASAN else 1) if MAX_WALL else None
RSS_KB = MAX_RSS_KB * (4 if ASAN else 1)
# Only a child that sits blocked (no CPU used) meets this: the others stop
# at RLIMIT_CPU first, however loaded the machine is.
HARD_TIMEOUT = max(600.0, 3 * CPU)


class Run:
    pass


def valid_utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def run(args, stdin=b"", stack_kb=STACK_KB, as_limit=AS_LIMIT):
    """stdin: bytes, or a function that makes them. A function's bytes are
    written to the input file and dropped before the fork: the child's peak
    RSS (ru_maxrss) counts what this process held when it forked."""
    r = Run()
    with tempfile.TemporaryFile() as fin, tempfile.TemporaryFile() as fout, tempfile.TemporaryFile() as ferr:
        fin.write(stdin() if callable(stdin) else stdin)
        stdin = None
        fin.seek(0)

        def limits():
            if not ASAN:
                resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit))
            resource.setrlimit(resource.RLIMIT_STACK, (stack_kb * 1024, stack_kb * 1024))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            cpu = int(CPU) + 5
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        t0 = time.monotonic()
        p = subprocess.Popen([DATASCALE] + args, stdin=fin, stdout=fout, stderr=ferr, preexec_fn=limits, env=env)
        killer = threading.Timer(HARD_TIMEOUT, p.kill)
        killer.start()
        _, status, ru = os.wait4(p.pid, 0)
        r.wall = time.monotonic() - t0
        r.cpu = ru.ru_utime + ru.ru_stime
        killer.cancel()
        p.returncode = r.status = os.waitstatus_to_exitcode(status)
        r.rss_kb = ru.ru_maxrss
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
        r.out = out.decode("utf-8", "replace")
        r.err = err.decode("utf-8", "replace")
        r.bad_utf8 = [name for name, b in (("stdout", out), ("stderr", err)) if not valid_utf8(b)]
    return r


# ---- the cases -------------------------------------------------------------

class Case:
    def __init__(self, no, kind, opts, name, status, expect, data):
        self.no, self.kind, self.opts, self.name = no, kind, opts, name
        self.status, self.expect, self.data = status, expect, data
        self.whole_file = False
        self.as_limit = AS_LIMIT


def parse(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = re.split(r"\s\|(?=\s|$)", line, maxsplit=4)
            if len(parts) != 5:
                raise SystemExit("%s:%d: expected KIND | NAME | STATUS | EXPECT | INPUT" % (path, no))
            head = shlex.split(parts[0])
            status = parts[2].strip()
            if status not in STATUSES or head[0] not in CHECKS:
                raise SystemExit("%s:%d: bad kind or status" % (path, no))
            cases.append(Case(no, head[0], head[1:], parts[1].strip(), STATUSES[status], parts[3].strip(),
                              parts[4].strip()))
    return cases


def has_expect(expect, text):
    if expect == "-":
        return True
    if expect.startswith("re:"):
        return re.search(expect[3:].strip(), text) is not None
    return expect in text


def raw_expect(expect, out, err):
    """For raw cases: terms joined by " && ", each on "out:" (stdout),
    "err:" (stderr) or, without a prefix, on either."""
    bad = []
    for term in expect.split(" && "):
        term = term.strip()
        if term.startswith("out:"):
            ok = has_expect(term[4:].strip(), out)
        elif term.startswith("err:"):
            ok = has_expect(term[4:].strip(), err)
        else:
            ok = has_expect(term, out) or has_expect(term, err)
        if not ok:
            bad.append(term)
    return bad


class Checker:
    def __init__(self, case):
        self.case = case
        self.problems = []
        self.max_wall = 0.0
        self.max_cpu = 0.0
        self.max_rss = 0
        self.rss_limit = RSS_KB

    def fail(self, mode, msg):
        self.problems.append("%s: %s" % (mode, msg))

    def common(self, mode, r, status):
        self.max_wall = max(self.max_wall, r.wall)
        self.max_cpu = max(self.max_cpu, r.cpu)
        self.max_rss = max(self.max_rss, r.rss_kb)
        if r.status < 0:
            self.fail(mode, "killed by signal %d" % -r.status)
        elif r.status != status:
            self.fail(mode, "exit status %d, expected %d" % (r.status, status))
        if r.cpu > CPU:
            self.fail(mode, "used %.2f s of CPU (hang detector: %.0f s)" % (r.cpu, CPU))
        if WALL is not None and r.wall > WALL:
            self.fail(mode, "took %.2f s (HOSTILE_MAX_WALL: %.1f s)" % (r.wall, WALL))
        if r.rss_kb > self.rss_limit:
            self.fail(mode, "peak RSS %d MB (limit %d MB)" % (r.rss_kb // 1024, self.rss_limit // 1024))
        m = CRASH.search(r.err)
        if m:
            self.fail(mode, "crash text on stderr: %r" % m.group(0))
        for stream in r.bad_utf8:  # whatever the input, the output is text
            self.fail(mode, "%s is not valid UTF-8" % stream)

    def expect_text(self, mode, text, where):
        if not has_expect(self.case.expect, text):
            self.fail(mode, "%s lacks %r; it was: %s" % (where, self.case.expect, short(text)))


def short(s, n=300):
    s = s.strip()
    return repr(s if len(s) <= n else s[:n] + "...")


def opts_of(case, c=None):
    """(datascale options, stack size) from the OPTIONS field. Pseudo-options:
    stack=KB (ulimit -s), rss=MB (a larger RSS bound, only for the case that
    proves allocation failure is a clean exit), as=MB (ulimit -v, for raw
    and args cases that prove memory stays bounded: the RSS measured counts
    what the runner held when it forked, so it cannot show a small bound),
    whole-file (defs: an error about the file as a whole, so no
    LINE:COLUMN)."""
    args, stack = ["--no-user-units"], STACK_KB
    for o in case.opts:
        if o.startswith("stack="):
            stack = int(o[6:])
        elif o.startswith("rss="):
            if c:
                c.rss_limit = int(o[4:]) * 1024
        elif o.startswith("as="):
            case.as_limit = int(o[3:]) << 20
        elif o == "whole-file":
            case.whole_file = True
        else:
            args.append(o)
    return args, stack


def check_line(case, c):
    args, stack = opts_of(case, c)
    data = decode_input(case.data)
    st = case.status
    where = "stderr" if st else "stdout"

    r = run(args, data + b"\n1 + 1\n", stack)
    c.common("batch", r, st)
    c.expect_text("batch", r.err if st else r.out, where)
    if not r.out.endswith("2\n"):
        c.fail("batch", "the next line's result '2' is missing; stdout ends: %s" % short(r.out[-200:]))
    if st and not re.search(r"<stdin>:1:\d+: ", r.err):
        c.fail("batch", "the error does not name <stdin>:1:COLUMN: %s" % short(r.err))

    r = run(args + ["--json"], data + b"\n1 + 1\n", stack)
    c.common("json", r, st)
    rows = []
    # JSON Lines rows end at "\n" only (U+2028 inside a string is not a row end).
    for i, text in enumerate(r.out.split("\n")[:-1] if r.out.endswith("\n") else r.out.split("\n")):
        try:
            rows.append(json.loads(text))
        except ValueError:
            c.fail("json", "row %d is not JSON: %s" % (i + 1, short(text)))
    if len(rows) != 2:
        c.fail("json", "%d rows for 2 lines" % len(rows))
    elif not isinstance(rows[0], dict) or not isinstance(rows[1], dict):
        c.fail("json", "rows are not objects")
    else:
        if rows[0].get("ok") is not (st == 0):
            c.fail("json", "first row ok=%r" % rows[0].get("ok"))
        if st:
            err = rows[0].get("error") or {}
            c.expect_text("json", str(err.get("message", "")), "error.message")
            if err.get("line") != 1:
                c.fail("json", "error.line is %r" % err.get("line"))
        else:
            c.expect_text("json", str(rows[0].get("text", "")), "text")
        if rows[1].get("ok") is not True or rows[1].get("value") != 2:
            c.fail("json", "the next row is not the value 2: %s" % short(json.dumps(rows[1])))

    if b"\0" not in data and b"\n" not in data and len(data) < 100000:
        r = run(args + ["-e", data, "-e", "1 + 1"], b"", stack)
        c.common("-e", r, st)
        c.expect_text("-e", r.err if st else r.out, where)
        if not r.out.endswith("2\n"):
            c.fail("-e", "the next expression's '2' is missing; stdout: %s" % short(r.out[-200:]))


def check_raw(case, c):
    args, stack = opts_of(case, c)
    r = run(args, lambda: decode_input(case.data), stack, case.as_limit)
    c.common("raw", r, case.status)
    for term in raw_expect(case.expect, r.out, r.err):
        c.fail("raw", "%r not found; stdout: %s; stderr: %s" % (term, short(r.out[-300:]), short(r.err[:300])))


def check_defs(case, c):
    args, stack = opts_of(case, c)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "hostile.units")
        with open(path, "wb") as f:
            f.write(decode_input(case.data))
        r = run(args + ["--units-file=" + path, "-e", "1 + 1"], b"", stack)
    c.common("defs", r, case.status)
    if case.status == 0:
        c.expect_text("defs", r.out, "stdout")
    else:
        c.expect_text("defs", r.err, "stderr")
    if case.status == 2:
        if case.whole_file:
            if "hostile.units: " not in r.err:
                c.fail("defs", "the error does not name the file: %s" % short(r.err))
        elif not re.search(r"hostile\.units:\d+:\d+: ", r.err):
            c.fail("defs", "the error does not name FILE:LINE:COLUMN: %s" % short(r.err))


def check_args(case, c):
    args, stack = opts_of(case, c)
    r = run(args + shlex.split(case.data), b"", stack, case.as_limit)
    c.common("args", r, case.status)
    c.expect_text("args", r.err if case.status else r.out, "stderr" if case.status else "stdout")


def check_user(case, c):
    setup = {"symlink", "dangling", "fifo", "dir"}
    flags = [o for o in case.opts if o in setup or o.startswith(("mode=", "dirmode="))]
    case.opts = [o for o in case.opts if o not in flags]
    args, stack = opts_of(case, c)
    args.remove("--no-user-units")
    with tempfile.TemporaryDirectory() as home:
        d = os.path.join(home, ".config", "datascale")
        os.makedirs(d)
        path = os.path.join(d, "units")
        real = os.path.join(home, "real.units")
        with open(real, "wb") as f:
            f.write(decode_input(case.data))
        if "symlink" in flags:
            os.symlink(real, path)
        elif "dangling" in flags:
            os.symlink(os.path.join(home, "nothing"), path)
        elif "fifo" in flags:
            os.mkfifo(path)
        elif "dir" in flags:
            os.mkdir(path)
        else:
            os.rename(real, path)
        for fl in flags:
            if fl.startswith("mode="):
                os.chmod(path, int(fl[5:], 8))
            elif fl.startswith("dirmode="):
                os.chmod(d, int(fl[8:], 8))
        saved = {k: os.environ.get(k) for k in ("HOME", "XDG_CONFIG_HOME", "DATASCALE_UNITS_FILE")}
        os.environ["HOME"] = home
        os.environ.pop("XDG_CONFIG_HOME", None)
        os.environ.pop("DATASCALE_UNITS_FILE", None)
        try:
            r = run(args + ["-e", "1 + 1"], b"", stack)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    c.common("user", r, case.status)
    if case.status == 0:
        c.expect_text("user", r.out, "stdout")
    else:
        c.expect_text("user", r.err, "stderr")
        if case.status == 2 and "/.config/datascale/units" not in r.err:
            c.fail("user", "the error does not name the units file: %s" % short(r.err))


CHECKS = {"line": check_line, "raw": check_raw, "defs": check_defs, "args": check_args, "user": check_user}


def main(argv):
    verbose, only, path = False, None, os.path.join(HERE, "cases.txt")
    i = 0
    while i < len(argv):
        if argv[i] == "-v":
            verbose = True
        elif argv[i] == "-k":
            i += 1
            only = argv[i]
        else:
            path = argv[i]
        i += 1
    cases = parse(path)
    names = [c.name for c in cases]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise SystemExit("duplicate case names: %s" % ", ".join(dups))
    passed = failed = 0
    worst_wall, worst_cpu, worst_rss = (0.0, ""), (0.0, ""), (0, "")
    print("datascale: %s%s" % (DATASCALE, " (AddressSanitizer: no -v limit, bounds relaxed)" if ASAN else ""))
    print("bounds: %.0f s of CPU a run%s, %d MB of RSS" % (CPU, "" if WALL is None else ", %.1f s of wall time" % WALL,
                                                          RSS_KB // 1024))
    for case in cases:
        if only and only not in case.name:
            continue
        c = Checker(case)
        try:
            CHECKS[case.kind](case, c)
        except Exception as e:  # a broken case is a failure, not a crash of the runner
            c.fail("runner", "%s: %s" % (type(e).__name__, e))
        worst_wall = max(worst_wall, (c.max_wall, case.name))
        worst_cpu = max(worst_cpu, (c.max_cpu, case.name))
        worst_rss = max(worst_rss, (c.max_rss, case.name))
        if c.problems:
            failed += 1
            print("FAIL %s (%s:%d)" % (case.name, os.path.basename(path), case.no))
            for p in c.problems:
                print("     " + p)
        else:
            passed += 1
            if verbose:
                print("ok   %s (%.3f s CPU, %.3f s wall, %d MB)" % (case.name, c.max_cpu, c.max_wall,
                                                                  c.max_rss // 1024))
    print("max CPU time %.3f s (%s); max wall time %.3f s (%s); max RSS %d MB (%s)"
          % (worst_cpu[0], worst_cpu[1], worst_wall[0], worst_wall[1], worst_rss[0] // 1024, worst_rss[1]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
