#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test_repl.py -- drives datascale's REPL through a pseudo-terminal.

Usage: test_repl.py PATH-TO-DATASCALE

Each session runs the command on a pty (Python's pty module) with a
private HOME and XDG_STATE_HOME under a temporary directory, types lines,
and waits (with a timeout, always) for the output and the next prompt.
Covers the README's "The REPL": assignments and conversions, the
commands, completion, continuation lines, Ctrl-C at the prompt and during a
computation, Ctrl-D, the history file (modes, symlink refusal, truncation,
long lines, DATASCALE_HISTFILE), and a piped run (no prompt, no escape
codes, no history).

Completion and history need GNU readline; in a --with-readline=no build
those checks are skipped. The last line of output is "N passed, M failed";
the exit status is 1 when anything failed.
"""
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import termios
import time
import traceback

if len(sys.argv) != 2:
    sys.exit("usage: test_repl.py PATH-TO-DATASCALE")
DS = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="datascale-repl.")
# Every wait is for an event (some output, a prompt, an exit), bounded by
# TIMEOUT: a hang detector, far above any honest wait even on a loaded
# machine. Nothing here asserts that something is fast in seconds of wall
# time; the one bound on speed (Ctrl-C stops a computation) is in CPU time.
TIMEOUT = float(os.environ.get("REPL_TIMEOUT", "120"))

passed = failed = skipped = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok %d - %s" % (passed + failed, name))
    else:
        failed += 1
        print("FAIL %d - %s" % (passed + failed, name))
        if detail:
            for line in str(detail)[-1500:].splitlines():
                print("    | " + line)
    sys.stdout.flush()
    return cond


def skip(name, why):
    global skipped
    skipped += 1
    print("skip - %s (%s)" % (name, why))


ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\x07")


def clean(data):
    """Terminal output as plain text: no escape codes, no CR, no bell."""
    text = data.decode("utf-8", "replace")
    return ANSI.sub("", text).replace("\r", "")


def base_env(**extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "INPUTRC": "/dev/null",
        "HOME": os.path.join(TMP, "home"),
        "XDG_CONFIG_HOME": os.path.join(TMP, "home", ".config"),
        "XDG_STATE_HOME": os.path.join(TMP, "state"),
    }
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "LD_LIBRARY_PATH"):
        if k in os.environ:
            env[k] = os.environ[k]
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


class Session:
    """datascale on a pseudo-terminal."""

    def __init__(self, env=None, umask=None, args=("--no-user-units",)):
        env = env or base_env()
        os.makedirs(env["HOME"], exist_ok=True)
        pid, fd = pty.fork()
        if pid == 0:  # the child: stdin, stdout and stderr are the pty
            try:
                if umask is not None:
                    os.umask(umask)
                os.execve(DS, [DS] + list(args), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        self.buf = b""
        self.mark = 0
        self.status = None

    def _read(self, secs):
        end = time.time() + secs
        while True:
            left = end - time.time()
            if left <= 0:
                return
            r, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if not r:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                time.sleep(0.05)
                return
            if not data:
                return
            self.buf += data

    def text(self):
        """What the program wrote since the last send."""
        return clean(self.buf[self.mark:])

    def all_text(self):
        return clean(self.buf)

    def wait(self, pred, secs=None):
        """Reads until pred(text since the last send) holds; False on timeout."""
        end = time.time() + (secs or TIMEOUT)
        while time.time() < end:
            if pred(self.text()):
                return True
            if self.exited():
                self._read(0.1)
                return pred(self.text())
            self._read(0.05)
        return pred(self.text())

    def settle(self, secs=0.3):
        self._read(secs)

    def send(self, data):
        self.mark = len(self.buf)
        if isinstance(data, str):
            data = data.encode()
        # write in pieces, reading the echo in between, so a long line can
        # never fill both directions of the pty and block
        for i in range(0, len(data), 256):
            os.write(self.fd, data[i:i + 256])
            self._read(0.01)

    def line(self, text, want=None, prompt="> "):
        """Types a line; waits for `want` (a regex) and then the prompt."""
        self.send(text + "\n")

        def done(out):
            if want is not None and not re.search(want, out):
                return False
            return out.endswith("\n" + prompt) or out.endswith("\n" + prompt.rstrip())

        self.wait(done)
        return self.text()

    def exited(self):
        if self.status is None:
            p, st = os.waitpid(self.pid, os.WNOHANG)
            if p:
                self.status = os.waitstatus_to_exitcode(st)
        return self.status is not None

    def close(self, secs=None):
        """Ctrl-D (twice if needed); returns the exit status (-9 if it had
        to be killed)."""
        for _ in range(2):
            if self.exited():
                break
            self.send(b"\x04")
            end = time.time() + (secs or TIMEOUT) / 2
            while time.time() < end and not self.exited():
                self._read(0.05)
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -9
        self._read(0.05)
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        return self.status


def cpu_seconds(pid):
    """CPU time (user + system) used so far by a running process."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_of_run(args):
    """CPU time (user + system) of a whole run of the command."""
    p = subprocess.Popen([DS] + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=base_env())
    _, _, ru = os.wait4(p.pid, 0)
    p.returncode = 0
    return ru.ru_utime + ru.ru_stime


def has_readline():
    try:
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")  # only the text matters here
        out = subprocess.run([DS, "--version"], stdout=subprocess.PIPE, env=env, timeout=TIMEOUT).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"readline" in out


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def hist_lines(path):
    """The lines of a history file (["<no file>"] when there is none)."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return ["<no file>"]


# The first line of every history file datascale writes; a file without it
# is not datascale's and is never read or changed.
HIST_MARK = "# datascale history v1"


def hist_entries(path):
    """The entries of a history file, after its first line (the mark)."""
    lines = hist_lines(path)
    return lines[1:] if lines and lines[0] == HIST_MARK else ["<no mark line: %r>" % lines[:1]] + lines


def write_hist(path, entries, mark=True, end="\n"):
    with open(path, "w") as f:
        f.write((HIST_MARK + "\n" if mark else "") + "\n".join(entries) + end)


def vm_hwm_kb(pid):
    """Peak resident memory of a running process, from /proc (None if unknown)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for l in f:
                if l.startswith("VmHWM:"):
                    return int(l.split()[1])
    except OSError:
        pass
    return None


READLINE = has_readline()
STATE = os.path.join(TMP, "state")
HIST = os.path.join(STATE, "datascale", "history")
# a sum of many slow terms: the evaluator polls the cancel flag between them
TERM = "3^1000000/7^500000"
SLOW = " + ".join([TERM] * 60)


def version():
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    out = subprocess.run([DS, "--version"], stdout=subprocess.PIPE, env=env, timeout=TIMEOUT).stdout
    return out.decode().split("\n")[0].split()[-1]  # "datascale (libdatascale) 0.1.0"


BANNER = "type help for help, quit to leave"


def session_main():
    # umask 0277 would leave 0500/0400 without an explicit chmod
    s = Session(umask=0o277)
    check("the REPL shows the prompt '> '", s.wait(lambda t: t.endswith("> ")), s.all_text())
    check("the REPL starts with a one-line banner: the version, help and quit",
          re.fullmatch(r"datascale %s \u2014 %s\n> " % (re.escape(version()), BANNER), s.all_text()),
          s.all_text())

    out = s.line("photo = 4 MB", r"photo = 4 MB")
    check("photo = 4 MB is assigned", "photo = 4 MB" in out, out)
    out = s.line("1400 TB to photos", r"photos")
    check("1400 TB to photos is 350 million photos", "350 million photos" in out, out)
    out = s.line("assumptions", r"photo")
    check("assumptions lists photo = 4 MB as set in this session, with the value it replaced",
          re.search(r"(?m)^photo = 4 MB -- set in this session; replaces the catalogue's 3 MB$", out), out)
    check("assumptions lists the other catalogue items too", re.search(r"(?m)^song = ", out), out[:500])
    out = s.line("assumptions changed", r"photo")
    check("assumptions changed lists what differs from the catalogue: photo = 4 MB",
          re.search(r"(?m)^photo = 4 MB.*set in this session", out), out)
    check("... and only that", not re.search(r"(?m)^song = ", out) and len(out.strip().splitlines()) == 3, out)
    out = s.line("explain", r"4 MB")
    check("explain prints the derivation of the last result",
          "1400 TB to photos" in out and "4 MB" in out and len(out.splitlines()) >= 5, out)
    story = os.path.join(os.environ.get("srcdir", "."), "tests", "read", "reports", "002_9a3643c61aa1e660.txt")
    out = s.line("read " + story, r"490 million images if it were all photos.*\n(.*\n)*.*datascale: check")
    check("read FILE checks the story's claims", 'change "more than tripled": holds' in out, out)
    check("read FILE: the session's photo = 4 MB counts", "At the assumed 4 MB per photo" in out, out)
    out = s.line("ans", r"photos")
    check("read FILE leaves ans as it was", "350 million photos" in out, out)

    # ---- completion -----------------------------------------------------
    if READLINE:
        out = s.line("1 tebib\t to B", r"1,099,511,627,776 B")
        check("1 tebib<Tab> completes to tebibyte", "1,099,511,627,776 B" in out, out)
        out = s.line("1 tebibi\t to B", r"1[0-9,]* B")
        check("1 tebibi<Tab> completes to tebibit", "137,438,953,472 B" in out, out)
        out = s.line("assump\t", r"replaces")
        check("a command completes at the start of a line (assump<Tab>)", "assumptions" in out, out)
        out = s.line("sqr\t1024)", r"\n32\n")
        check("a function completes with its parenthesis (sqr<Tab> -> sqrt()", "sqrt(1024)" in out, out)
        out = s.line("grow\t1 MB, 3 MB, 7 days)", r"doubles every")
        check("growth completes with its parenthesis (grow<Tab> -> growth()", "growth(1 MB" in out, out)
        out = s.line("proj\t1 MB, 10%/day, 2 days)", r"MB")
        check("project completes with its parenthesis (proj<Tab> -> project()", "project(1 MB" in out and "1.21 MB" in out, out)
        out = s.line("help ti\t", r"365\.2425")
        check("help topics complete (help ti<Tab>)", "help time" in out, out)
        s.send("set binary o\t\t")
        ok = s.wait(lambda t: re.search(r"off\s+on", t))
        check("set binary o<Tab><Tab> offers on and off", ok, s.text())
        s.send("\x15")
        s.settle()
        out = s.line("help verd\t", r"d = claimed")
        check("help topics complete: the rules (help verd<Tab> -> help verdicts)", "help verdicts" in out, out)
        out = s.line("help grow\t", r"compound")
        check("help topics complete: the functions (help grow<Tab> -> help growth)", "help growth" in out, out)
        out = s.line("help wi\t", r"this line only")
        check("help topics complete: the commands (help wi<Tab> -> help with)", "help with" in out, out)
        s.send("set \t\t")
        ok = s.wait(lambda t: all(w in t for w in ("digits", "binary", "decimal-comma", "precision", "max-bits",
                                                   "max-depth", "max-line", "max-work")))
        check("set <Tab><Tab> offers every setting", ok, s.text())
        s.send("\x15")
        s.settle()
        out = s.line("set max-w\t512", r"max-work 512,")
        check("set max-w<Tab> completes max-work", "set max-work 512" in out, out)
        out = s.line("set decimal-comma of\t", r"decimal comma off")
        check("set decimal-comma of<Tab> completes off", "set decimal-comma off" in out, out)
        s.send("assumptions ch\t")
        ok = s.wait(lambda t: "assumptions changed" in t)
        check("assumptions ch<Tab> completes changed", ok, s.text())
        s.send("\x15")
        s.settle()
        out = s.line("1400 TB to HEI\ts", r"HEIC photos \(")
        check("to HEI<Tab> completes the display name HEIC photo(s)", "to HEIC photos" in out, out)
        out = s.line("1400 TB to hours of H\t", r"hours of HD video \(")
        check("to hours of H<Tab> completes a display name of several words (hours of HD video)",
              "to hours of HD video" in out, out)
        out = s.line("1400 TB to Librari\t", r"Libraries of Congress \(")
        check("to Librari<Tab> completes Libraries of Congress", "to Libraries of Congress" in out, out)
    else:
        skip("completion", "built without readline")

    # ---- Ctrl-C ---------------------------------------------------------
    s.send("12345 +")
    s.wait(lambda t: "12345 +" in t)
    s.send("\x03")
    ok = s.wait(lambda t: t.endswith("\n> "))
    check("Ctrl-C at the prompt shows a fresh prompt", ok, s.text())
    check("... after the word 'interrupted' on a line of its own (never '^Cinterrupted')",
          s.text().endswith("\ninterrupted\n> ") and "Cinterrupted" not in s.text(), repr(s.text()))
    out = s.line("6 * 7", r"\n42\n")
    check("Ctrl-C at the prompt cleared the line and the session goes on",
          re.search(r"(?m)^42$", out) and "12387" not in out, out)

    # CPU time of one term (about 0.4 s here): uninterrupted, the sum of
    # 60 takes 60 times that. Ctrl-C is sent once the session has spent
    # 0.3 s of CPU on the sum, so it is surely computing.
    term = cpu_of_run(["--no-user-units", "--max-work=1048576", "-e", TERM])
    s.line("set max-work 1048576", r"max-work 1048576,")  # slow, not refused
    c0 = cpu_seconds(s.pid)
    s.send(SLOW + "\n")
    end = time.time() + TIMEOUT
    while cpu_seconds(s.pid) < c0 + 0.3 and time.time() < end:
        s._read(0.02)
    c1 = cpu_seconds(s.pid)
    s.send("\x03")
    ok = s.wait(lambda t: "interrupted" in t and t.endswith("\n> "))
    c2 = cpu_seconds(s.pid)
    check("Ctrl-C during a computation prints 'interrupted'", ok, s.text())
    check("... on a line of its own, then the prompt on a clean line (never '^Cinterrupted')",
          ok and re.search(r"(?m)^interrupted\n> $", s.text()) and "Cinterrupted" not in s.text(), repr(s.text()))
    check("... and stops it well before the end (CPU after Ctrl-C under 10 terms' worth)",
          ok and c2 - c1 < 10 * term + 1 and c2 - c0 < 30 * term + 1,
          "one term %.2f s of CPU; the sum used %.2f s, %.2f s of it after Ctrl-C" % (term, c2 - c0, c2 - c1))
    out = s.line("6 * 8", r"\n48\n")
    check("the session goes on after an interrupted computation", re.search(r"(?m)^48$", out), out)

    # ---- continuation lines ----------------------------------------------
    out = s.line("(1 +", None, prompt="... ")
    check("an open parenthesis at the end of a line asks for more ('... ')", out.endswith("... "), out)
    out = s.line("2) * 3", r"\n9\n")
    check("the continuation line completes the expression ((1 + 2) * 3 = 9)", re.search(r"(?m)^9$", out), out)
    out = s.line("max(1,", None, prompt="... ")
    out = s.line("", None, prompt="... ")
    check("an empty continuation line keeps asking", out.endswith("... "), out)
    out = s.line("7)", r"\n7\n")
    check("lines are joined with a space (max(1, 7) = 7)", re.search(r"(?m)^7$", out), out)
    s.line("(1 +", None, prompt="... ")
    s.send("\x03")
    ok = s.wait(lambda t: t.endswith("\n> "))
    check("Ctrl-C at '... ' abandons the expression and shows '> '", ok, s.text())
    out = s.line("5 + 5", r"\n10\n")
    check("after abandoning, the next line stands alone (5 + 5 = 10)",
          re.search(r"(?m)^10$", out), out)

    # ---- errors -----------------------------------------------------------
    out = s.line("1 +* 2", r"\^")
    check("an error shows the line with a caret under the column",
          re.search(r"error: .*\n  1 \+\* 2\n     \^", out), out)
    out = s.line("(1 + 2) * 3 to GB", r"error")
    check("a dimension error on a complete line is an error, not a continuation", "... " not in out, out)
    out = s.line("explain photo", r"usage")
    check("a command with arguments it does not take shows its usage", "usage: explain" in out, out)
    out = s.line("set digits 0", r"error")
    check("set digits refuses 0", "1 to 1000" in out, out)

    # ---- commands ---------------------------------------------------------
    out = s.line("set digits 3", r"digits 3")
    check("set digits 3", "digits 3" in out, out)
    out = s.line("1 TB to GiB", r"GiB")
    check("set digits 3 shows 3 significant digits", "931 GiB" in out and "931.3" not in out, out)
    s.line("set digits 6", r"digits 6")
    out = s.line("set binary on", r"binary on")
    check("set binary on", "1024" in out, out)
    out = s.line("1 KB to B", r" B\n")
    check("with binary on, 1 KB is 1,024 B", re.search(r"(?m)^1,024 B$", out), out)
    s.line("set binary off", r"binary off")
    out = s.line("1 KB to B", r" B\n")
    check("with binary off, 1 KB is 1,000 B", re.search(r"(?m)^1,000 B$", out), out)
    out = s.line("set", r"binary o")
    check("set alone shows the settings", "digits 6," in out and "max-depth 1000," in out and "binary off" in out, out)
    check("set alone shows the decimal comma", "decimal-comma off" in out, out)
    out = s.line("set decimal-comma on", r"decimal comma on")
    check("set decimal-comma on", "(1.400,5)" in out, out)
    out = s.line("1.400,5 TB to TB", r" TB\n")
    check("with the decimal comma, 1.400,5 TB reads and prints as written", re.search(r"(?m)^1\.400,5 TB$", out), out)
    out = s.line("set", r"decimal-comma o")
    check("set shows the decimal comma on", "decimal-comma on" in out, out)
    out = s.line("set decimal-comma off", r"decimal comma off")
    out = s.line("1,400.5 TB to TB", r" TB\n")
    check("with the decimal comma off, 1,400.5 TB", re.search(r"(?m)^1,400\.5 TB$", out), out)
    out = s.line("set max-depth 5", r"max-depth 5,")
    check("set max-depth changes a limit", "max-depth 5," in out, out)
    out = s.line("((((((1))))))", r"nested too deeply")
    check("... and the limit applies", "nested too deeply" in out, out)
    out = s.line("set max-depth 1000", r"max-depth 1000,")
    out = s.line("set max-work 1", r"max-work 1,")
    check("set max-work changes the work limit", "max-work 1," in out, out)
    out = s.line("2^(2^20) * 3^(2^19)", r"too much work")
    check("... and the work limit applies", "too much work" in out, out)
    out = s.line("set max-work 512", r"max-work 512,")
    out = s.line("set precision 10", r"from 53 to")
    check("set precision out of range is an error", "set precision wants a number from 53 to" in out, out)
    out = s.line("set precision 99999999", r"from 53 to")
    check("set precision above the library's ceiling is an error",
          "set precision wants a number from 53 to 262144, not '99999999'" in out, out)
    out = s.line("set", r"binary o")
    check("... and leaves the precision as it was", "precision 128," in out, out)

    out = s.line("help", r"Commands")
    check("help lists the commands", all(w in out for w in ("units [FILTER]", "assumptions", "explain",
                                                           "set digits N", "set binary on|off",
                                                           "set decimal-comma on|off",
                                                           "reset [NAME]", "quit")), out)
    out = s.line("help time", r"365\.2425")
    check("help time: the mean Gregorian year and a twelfth of it",
          "365.2425 days" in out and "30.436875" in out, out)
    for topic, word in (("numbers", "decimal-comma"), ("units", "KiB"), ("ranges", "between 1 and 5 MB"),
                        ("assumptions", "reset photo"), ("binary", "1024"), ("commands", "(units)"), ("keys", "Ctrl-C"),
                        ("names", "hours of HD video"), ("estimates", "steady compound growth"), ("results", "$25,200 a month")):
        out = s.line("help " + topic, re.escape(word))
        check("help %s" % topic, word in out, out)
    out = s.line("help nonsense", r"error")
    check("help on an unknown topic names the topics", "topics:" in out, out)
    out = s.line("units floppy", r"floppy")
    check("units FILTER lists the matching units and items", re.search(r"(?m)^floppy \(", out), out)
    out = s.line("units zzzqqq", r"no unit")
    check("units FILTER with no match says so", "no unit or item matches" in out, out)
    out = s.line("units ms", r"no unit")
    check("units FILTER matches words from their start, not letters inside them (items, streams)",
          "no unit or item matches 'ms'" in out, out)
    out = s.line("reset photo", r"photo")
    check("reset NAME is passed to the language", "photo" in out and "error" not in out, out)
    out = s.line("1400 TB to photos", r"photos")
    check("after reset photo, the catalogue value applies", "3 MB per photo" in out, out)
    out = s.line("assumptions changed", r"\n> ")
    check("after reset photo, assumptions changed lists nothing, and says so",
          "photo = " not in out and "differs from the catalogue" in out, out)
    out = s.line("assumptions changed now", r"usage")
    check("assumptions with another argument shows the usage", "usage: assumptions" in out, out)

    # a variable named like a command stays reachable
    out = s.line("units = 5 MB", r"units = 5 MB")
    check("a name that collides with a command can be assigned (units = 5 MB)", "units = 5 MB" in out, out)
    out = s.line("(units) to kB", r"kB")
    check("(units) is the variable, not the command", "5,000 kB" in out, out)
    out = s.line("units * 2", r"MB")
    check("units * 2 is an expression", "10 MB" in out, out)
    out = s.line("units", r"floppy")
    check("units alone is still the command", re.search(r"(?m)^floppy \(", out), out)

    out = s.line("7 * 6", r"\n42\n")
    status = s.close()
    check("Ctrl-D leaves with status 0", status == 0, "status %s\n%s" % (status, s.text()))
    return s


def session_history_checks():
    if not READLINE:
        skip("history", "built without readline")
        return
    ok = check("the history file exists after Ctrl-D", os.path.isfile(HIST), HIST)
    if not ok:
        return
    check("the history file is 0600 (even under umask 0277)", mode(HIST) == 0o600, oct(mode(HIST)))
    d = os.path.dirname(HIST)
    check("the history directory is 0700 (even under umask 0277)", mode(d) == 0o700, oct(mode(d)))
    check("the history file starts with its mark line", hist_lines(HIST)[:1] == [HIST_MARK], hist_lines(HIST)[:2])
    lines = hist_entries(HIST)
    check("the history holds the lines typed", "photo = 4 MB" in lines and "1400 TB to photos" in lines, lines)
    check("a continued expression is one history entry", "(1 + 2) * 3" in lines, lines)
    check("abandoned lines are not in the history", not any("12345" in l for l in lines), lines)
    check("the history's last entry is the last line", lines and lines[-1] == "7 * 6", lines[-3:])

    # a new session reads it: Ctrl-P recalls the last line
    s = Session()
    s.wait(lambda t: t.endswith("> "))
    out = s.line("\x10", r"\n42\n")
    check("a new session reads the history (Ctrl-P recalls 7 * 6)", re.search(r"(?m)^42$", out), out)
    long_expr = " + ".join(["0"] * 1300)  # 5,197 bytes
    out = s.line(long_expr, r"\n0\n")
    check("a 5 KB line evaluates", re.search(r"(?m)^0$", out), out[-300:])
    s.line("1 + 1", r"\n2\n")
    check("second session: Ctrl-D status 0", s.close() == 0)
    lines = hist_entries(HIST)
    check("lines over 4 KiB are not recorded", max(len(l) for l in lines) <= 4096 and lines[-1] == "1 + 1",
          [len(l) for l in lines[-3:]])

    # truncation to 1,000 entries
    write_hist(HIST, ["1 + %d" % i for i in range(1200)])
    os.chmod(HIST, 0o644)
    s = Session()
    s.wait(lambda t: t.endswith("> "))
    s.line("2 + 2", r"\n4\n")
    check("third session: Ctrl-D status 0", s.close() == 0)
    lines = hist_entries(HIST)
    check("the history is truncated to 1,000 entries", len(lines) == 1000, len(lines))
    check("truncation keeps the newest entries", lines[-1] == "2 + 2" and lines[-2] == "1 + 1199", lines[-2:])
    check("a history file made 0644 by hand is 0600 again", mode(HIST) == 0o600, oct(mode(HIST)))


def session_symlink():
    if not READLINE:
        skip("history symlink", "built without readline")
        return
    state = os.path.join(TMP, "state-link")
    os.makedirs(os.path.join(state, "datascale"), mode=0o700)
    target = os.path.join(TMP, "target")
    with open(target, "w") as f:
        f.write("secret\n")
    link = os.path.join(state, "datascale", "history")
    os.symlink(target, link)
    s = Session(env=base_env(XDG_STATE_HOME=state))
    s.wait(lambda t: t.endswith("> "))
    check("a symlinked history file is refused with a warning",
          re.search(r"warning: .*symbolic link", s.all_text()), s.all_text())
    s.line("1 + 1", r"\n2\n")
    check("symlink: the session works and Ctrl-D gives status 0", s.close() == 0)
    with open(target) as f:
        check("symlink: the link's target is untouched", f.read() == "secret\n")
    check("symlink: the link is still a link", os.path.islink(link))

    # a group-writable history directory is refused too
    state = os.path.join(TMP, "state-gw")
    os.makedirs(os.path.join(state, "datascale"))
    os.chmod(os.path.join(state, "datascale"), 0o770)
    s = Session(env=base_env(XDG_STATE_HOME=state))
    s.wait(lambda t: t.endswith("> "))
    s.line("1 + 1", r"\n2\n")
    s.close()
    check("a group-writable history directory is refused with a warning",
          re.search(r"warning: .*history is off", s.all_text()), s.all_text())
    check("group-writable directory: no history written",
          not os.path.exists(os.path.join(state, "datascale", "history")))


def session_histfile_env():
    if not READLINE:
        skip("DATASCALE_HISTFILE", "built without readline")
        return
    state = os.path.join(TMP, "state-off")
    s = Session(env=base_env(XDG_STATE_HOME=state, DATASCALE_HISTFILE=""))
    s.wait(lambda t: t.endswith("> "))
    s.line("1 + 1", r"\n2\n")
    out = s.line("help keys", r"History")
    check("DATASCALE_HISTFILE= : help keys says history is off", "History: off" in out, out)
    check("DATASCALE_HISTFILE= : Ctrl-D status 0", s.close() == 0)
    check("DATASCALE_HISTFILE= disables history (nothing written)", not os.path.exists(state),
          os.listdir(state) if os.path.exists(state) else "")

    priv = os.path.join(TMP, "priv")
    os.makedirs(priv, mode=0o700)
    path = os.path.join(priv, "hist")
    s = Session(env=base_env(XDG_STATE_HOME=state, DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    s.line("3 + 3", r"\n6\n")
    s.close()
    check("DATASCALE_HISTFILE=PATH writes that file, 0600",
          os.path.isfile(path) and mode(path) == 0o600 and hist_lines(path) == [HIST_MARK, "3 + 3"],
          os.path.exists(path) and (oct(mode(path)), hist_lines(path)))
    check("DATASCALE_HISTFILE=PATH: nothing under XDG_STATE_HOME", not os.path.exists(state))

    # a relative XDG_STATE_HOME is ignored: ~/.local/state is used
    home = os.path.join(TMP, "home-rel")
    s = Session(env=base_env(HOME=home, XDG_STATE_HOME="relative/state"))
    s.wait(lambda t: t.endswith("> "))
    s.line("4 + 4", r"\n8\n")
    s.close()
    check("a relative XDG_STATE_HOME is ignored (~/.local/state is used)",
          os.path.isfile(os.path.join(home, ".local", "state", "datascale", "history")))


def session_histfile_not_ours():
    """A history file datascale did not write (its first line is not the
    mark) is never read, written, truncated or chmod'ed: the REPL warns and
    keeps no history. Regression: DATASCALE_HISTFILE=/etc/passwd (or any
    file of the user's) got the session's lines appended, was truncated to
    its last 1,000 lines and made 0600, without a word."""
    if not READLINE:
        skip("history file not datascale's", "built without readline")
        return
    priv = os.path.join(TMP, "priv-foreign")
    os.makedirs(priv, mode=0o700)
    cases = [
        ("a file of the user's", b"root:x:0:0:root:/root:/bin/bash\n" + b"daemon:x:1:1::/:/bin/false\n" * 1500, 0o644),
        ("an empty file", b"", 0o640),
        ("a plain list of lines (no mark line)", b"1 + 1\n2 + 2\n", 0o600),
        ("a file whose mark line is not the first", b"1 + 1\n" + HIST_MARK.encode() + b"\n", 0o600),
        ("a file without a newline", b"secret", 0o604),
    ]
    for i, (what, data, m) in enumerate(cases):
        path = os.path.join(priv, "file%d" % i)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, m)
        before = os.stat(path)
        s = Session(env=base_env(DATASCALE_HISTFILE=path))
        s.wait(lambda t: t.endswith("> "))
        out = s.line("1+1", r"\n2\n")
        s.send("quit\n")
        status = s.close()
        text = s.all_text()
        check("%s as DATASCALE_HISTFILE: a warning says it is not datascale's" % what,
              re.search(r"warning: history file .*file%d.* not written by datascale" % i, text), text)
        check("%s as DATASCALE_HISTFILE: the session works, status 0" % what,
              status == 0 and re.search(r"(?m)^2$", out), "status %s\n%s" % (status, text))
        with open(path, "rb") as f:
            after = f.read()
        st = os.stat(path)
        check("%s as DATASCALE_HISTFILE: byte-identical afterwards" % what, after == data,
              "%d bytes, ends %r" % (len(after), after[-60:]))
        check("%s as DATASCALE_HISTFILE: mode %s kept" % (what, oct(m)), stat.S_IMODE(st.st_mode) == m,
              oct(stat.S_IMODE(st.st_mode)))
        check("%s as DATASCALE_HISTFILE: the same file (not replaced)" % what,
              (st.st_ino, st.st_mtime_ns) == (before.st_ino, before.st_mtime_ns))
        check("%s as DATASCALE_HISTFILE: no file left beside it" % what,
              sorted(os.listdir(priv)) == ["file%d" % k for k in range(i + 1)], os.listdir(priv))

    # the default place too: a history there that datascale did not write
    state = os.path.join(TMP, "state-foreign")
    os.makedirs(os.path.join(state, "datascale"), mode=0o700)
    path = os.path.join(state, "datascale", "history")
    with open(path, "wb") as f:
        f.write(b"notes of mine\n")
    s = Session(env=base_env(XDG_STATE_HOME=state))
    s.wait(lambda t: t.endswith("> "))
    s.line("1+1", r"\n2\n")
    s.close()
    with open(path, "rb") as f:
        check("a default history file without the mark line is left as it was", f.read() == b"notes of mine\n")
    check("... with a warning", "not written by datascale" in s.all_text(), s.all_text())


def session_history_big():
    """What is read of the history at start is bounded: only the tail that
    can hold the 1,000 entries kept. Regression: a 200 MB history cost 3.8 s
    and 202 MB at every start; one without a newline was never truncated."""
    if not READLINE:
        skip("big history files", "built without readline")
        return
    priv = os.path.join(TMP, "priv-big")
    os.makedirs(priv, mode=0o700)
    path = os.path.join(priv, "hist")
    # 64 MiB of entries: 5,000,000 of them
    with open(path, "w") as f:
        f.write(HIST_MARK + "\n")
        chunk = "".join("%d + 1\n" % i for i in range(100000))
        for _ in range(50):
            f.write(chunk)
        f.write("6 * 9\n")
    size = os.path.getsize(path)
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    out = s.line("\x10", r"\n54\n")
    check("a %d MB history: its last entry is recalled (Ctrl-P)" % (size >> 20), re.search(r"(?m)^54$", out), out)
    hwm = vm_hwm_kb(s.pid)
    check("a %d MB history: the REPL's peak RSS stays small (%s kB, under 24 MB)" % (size >> 20, hwm),
          hwm is None or hwm < 24 * 1024, hwm)
    s.line("7 * 7", r"\n49\n")
    check("a big history: Ctrl-D status 0", s.close() == 0)
    lines = hist_entries(path)
    check("a big history is truncated to its last 1,000 entries when saved",
          len(lines) == 1000 and lines[-1] == "7 * 7" and lines[-2] == "6 * 9" and lines[-3] == "99999 + 1",
          (len(lines), lines[:2], lines[-3:]))
    check("... and is still 0600", mode(path) == 0o600, oct(mode(path)))

    # a history whose last line has no newline, and is long: the entries
    # before it are kept, it is dropped (longer than 4 KiB), the file is
    # rewritten. (Entries more than about 4 MB from the end are not read.)
    write_hist(path, ["1 + 1", "2 + 2", "x" * (1 << 20)], end="")
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    out = s.line("\x10", r"\n4\n")
    check("a history ending in a 1 MiB line without a newline: the entry before it is recalled",
          re.search(r"(?m)^4$", out), out)
    s.line("3 + 3", r"\n6\n")
    s.close()
    check("... and the file is rewritten without it",
          hist_lines(path) == [HIST_MARK, "1 + 1", "2 + 2", "3 + 3"], [l[:40] for l in hist_lines(path)])

    # one 32 MiB line without a newline after the mark line: nothing to
    # read, and saving truncates it
    write_hist(path, ["y" * (32 << 20)], end="")
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    s.line("5 + 5", r"\n10\n")
    s.close()
    check("a history of one 32 MiB line without a newline is truncated when saved",
          hist_lines(path) == [HIST_MARK, "5 + 5"], os.path.getsize(path))

    # the last entry has no newline and is short: it is an entry
    write_hist(path, ["1 + 2", "8 * 8"], end="")
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    out = s.line("\x10", r"\n64\n")
    check("a last entry without a newline is read", re.search(r"(?m)^64$", out), out)
    s.line("2 + 5", r"\n7\n")
    s.close()
    check("... and kept, with the new one after it",
          hist_lines(path) == [HIST_MARK, "1 + 2", "8 * 8", "2 + 5"], hist_lines(path))

    # entries written meanwhile by another session are kept
    write_hist(path, ["1 + 3"])
    a = Session(env=base_env(DATASCALE_HISTFILE=path))
    a.wait(lambda t: t.endswith("> "))
    a.line("2 + 3", r"\n5\n")
    b = Session(env=base_env(DATASCALE_HISTFILE=path))
    b.wait(lambda t: t.endswith("> "))
    b.line("3 + 3", r"\n6\n")
    b.close()
    a.close()
    check("two sessions: both sessions' entries are kept, in the order they were entered",
          hist_lines(path) == [HIST_MARK, "1 + 3", "2 + 3", "3 + 3"], hist_lines(path))


def wait_exit(s):
    """Waits (bounded) for the session to end on its own; its exit status,
    or -9 after killing it."""
    end = time.time() + TIMEOUT
    while time.time() < end and not s.exited():
        time.sleep(0.05)
    if not s.exited():
        os.kill(s.pid, signal.SIGKILL)
        os.waitpid(s.pid, 0)
        s.status = -9
    return s.status


def session_history_now():
    """Each entry is in the history file as soon as it is entered, so a
    session ended by closing its terminal (SIGHUP) or by SIGTERM loses
    nothing; on those signals the file is also cut down to its last 1,000
    entries, as at quit. Regression: history was written at quit and
    Ctrl-D only, and closing the terminal lost the whole session."""
    if not READLINE:
        skip("history written at once", "built without readline")
        return
    priv = os.path.join(TMP, "priv-now")
    os.makedirs(priv, mode=0o700)
    path = os.path.join(priv, "hist")
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    s.line("1 + 1", r"\n2\n")
    check("the first entry is in a new history file at once, 0600",
          os.path.isfile(path) and hist_lines(path) == [HIST_MARK, "1 + 1"] and mode(path) == 0o600,
          os.path.exists(path) and hist_lines(path))
    s.line("2 * 21", r"\n42\n")
    s.line("help check", r"plausible")
    check("each entry is added as soon as it is entered (the session still runs)",
          hist_lines(path) == [HIST_MARK, "1 + 1", "2 * 21", "help check"], hist_lines(path))
    os.close(s.fd)  # the terminal is closed: the kernel sends SIGHUP
    s.fd = None
    status = wait_exit(s)
    check("a session whose terminal is closed ends (SIGHUP), status %s" % status, status == -signal.SIGHUP, status)
    check("... and keeps its history", hist_lines(path) == [HIST_MARK, "1 + 1", "2 * 21", "help check"],
          hist_lines(path))
    check("... 0600, nothing left beside it", mode(path) == 0o600 and os.listdir(priv) == ["hist"],
          (oct(mode(path)), os.listdir(priv)))

    # SIGHUP and SIGTERM end the session as quit does: the file is cut to
    # its last 1,000 entries
    for sig in (signal.SIGHUP, signal.SIGTERM):
        write_hist(path, ["1 + %d" % i for i in range(1200)])
        s = Session(env=base_env(DATASCALE_HISTFILE=path))
        s.wait(lambda t: t.endswith("> "))
        s.line("3 + 3", r"\n6\n")
        s.line("4 + 4", r"\n8\n")
        os.kill(s.pid, sig)
        status = wait_exit(s)
        os.close(s.fd)
        name = signal.Signals(sig).name
        lines = hist_entries(path)
        check("%s: the session ends by the signal (status %s)" % (name, status), status == -sig, status)
        check("%s: the history keeps the session's entries, cut to the last 1,000" % name,
              len(lines) == 1000 and lines[-2:] == ["3 + 3", "4 + 4"] and lines[-3] == "1 + 1199",
              (len(lines), lines[-3:]))
        check("%s: nothing left beside the history file" % name, os.listdir(priv) == ["hist"], os.listdir(priv))

    # a history file replaced meanwhile by one that is not datascale's is
    # never written: a warning, and history is off for the session
    write_hist(path, ["1 + 2"])
    s = Session(env=base_env(DATASCALE_HISTFILE=path))
    s.wait(lambda t: t.endswith("> "))
    s.line("5 + 5", r"\n10\n")
    with open(path, "w") as f:
        f.write("notes of mine\n")
    out = s.line("6 + 6", r"\n12\n")
    check("a history file replaced by a foreign one during a session: a warning",
          "not written by datascale" in out, out)
    s.line("7 + 7", r"\n14\n")
    check("... Ctrl-D status 0", s.close() == 0)
    with open(path) as f:
        check("... and the foreign file is left as it is", f.read() == "notes of mine\n")


def session_long_continuation():
    """A block of continuation lines costs time in proportion to its size.
    Regression: every continuation line parsed the whole block again, so
    pasting "(", N lines of "1 +" and "1)" was quadratic (40,000 lines:
    23 s). Big blocks are now evaluated when their parentheses close; short
    ones (under 4 KiB) still at every line, so a mistake typed at '... '
    is reported at once."""
    s = Session(env=base_env(XDG_STATE_HOME=os.path.join(TMP, "state-cont")))
    s.wait(lambda t: t.endswith("> "))
    n = 5000
    s.send("(\n" + "1 +\n" * n + "1)\n")
    ok = s.wait(lambda t: re.search(r"(?m)^5,001$", t) and t.endswith("\n> "), max(TIMEOUT, 60))
    check("( then %d lines of '1 +' then 1): 5,001" % n, ok, s.text()[-300:])
    check("... asked for each continuation line ('... ')", s.text().count("... ") >= n, s.text().count("... "))

    # a pasted block (bracketed paste: one line holding newlines)
    s.send("\x1b[200~(\n" + "2 +\n" * n + "2)\x1b[201~\n")
    ok = s.wait(lambda t: re.search(r"(?m)^10,002$", t) and t.endswith("\n> "), max(TIMEOUT, 60))
    check("the same pasted as one block (bracketed paste): 10,002", ok, s.text()[-300:])

    # a mistake in a big block is reported when its parentheses close, as
    # one error, and what follows is a new expression
    s.send("(\n" + "1 +\n" * 2000 + "* 3 +\n" + "1 +\n" * 2000 + "1)\n")
    ok = s.wait(lambda t: "error" in t and t.endswith("\n> "), max(TIMEOUT, 60))
    check("a mistake in a big block: one error when the block closes",
          ok and s.text().count("error") == 1 and "expected" in s.text(), s.text()[-400:])
    out = s.line("6 * 7", r"\n42\n")
    check("... and the next line stands alone", re.search(r"(?m)^42$", out), out)

    # closing more parentheses than were opened ends a big block at once
    s.send("(\n" + "1 +\n" * 2000 + "1)) + (\n")
    ok = s.wait(lambda t: "unbalanced ')'" in t and t.endswith("\n> "), max(TIMEOUT, 60))
    check("a big block with one ')' too many: the error at once", ok, s.text()[-300:])

    # a short block: a mistake on a continuation line is reported at once
    s.line("(1 +", None, prompt="... ")
    out = s.line("* 2", r"error")
    check("a short block: a mistake on a continuation line is an error at once",
          "error" in out and out.endswith("\n> "), out)
    # a '#' comment runs to the end of the joined block: the block stays open
    s.line("(1 + # one", None, prompt="... ")
    out = s.line("2)", None, prompt="... ")
    check("a '#' on a continuation line: what follows is a comment, more is asked", out.endswith("... "), out)
    s.send("\x03")
    s.wait(lambda t: t.endswith("\n> "))
    out = s.line("5 + 5", r"\n10\n")
    check("... Ctrl-C abandons it", re.search(r"(?m)^10$", out), out)
    check("long continuation: Ctrl-D status 0", s.close() == 0)


def session_quiet():
    """-q: no banner; the prompt is the first thing written."""
    s = Session(env=base_env(XDG_STATE_HOME=os.path.join(TMP, "state-quiet")), args=("--no-user-units", "-q"))
    ok = s.wait(lambda t: t.endswith("> "))
    check("-q: no banner, the prompt comes first", ok and s.all_text() == "> ", s.all_text())
    out = s.line("6 * 7", r"\n42\n")
    check("-q: the session works", re.search(r"(?m)^42$", out), out)
    check("-q: Ctrl-D status 0", s.close() == 0)


def session_keys_without_readline():
    """Ctrl-C and Ctrl-D also work with the getline() fallback; run always."""
    s = Session(env=base_env(XDG_STATE_HOME=os.path.join(TMP, "state-keys")))
    s.wait(lambda t: t.endswith("> "))
    s.send("\x03")
    ok = s.wait(lambda t: t.endswith("\n> "))
    check("Ctrl-C on an empty prompt keeps the session", ok, s.text())
    out = s.line("2 ^ 10", r"\n1,?024\n")
    check("... which still evaluates", re.search(r"(?m)^1,?024$", out), out)
    s.line("(2 +", None, prompt="... ")
    check("Ctrl-D at a continuation prompt leaves with status 0", s.close() == 0)


def piped_run():
    state = os.path.join(TMP, "state-pipe")
    env = base_env(XDG_STATE_HOME=state)
    try:
        p = subprocess.run([DS, "--no-user-units"], input=b"6 * 7\nphoto = 4 MB\n1 +* 2\nhelp\n",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        check("a piped run finishes", False, "timeout")
        return
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    check("piped: the results, one a line", out.startswith("42\nphoto = 4 MB\n"), out)
    check("piped: no prompt", "> " not in out and "... " not in out, out)
    check("piped: no banner", BANNER not in out and BANNER not in err, out + err)
    check("piped: no escape codes on stdout or stderr", "\x1b" not in out and "\x1b" not in err, repr(out + err))
    check("piped: no history written", not os.path.exists(state))
    check("piped: errors give status 1 (batch mode)", p.returncode == 1, p.returncode)


def main():
    global failed
    try:
        if not os.access(DS, os.X_OK):
            check("%s is an executable" % DS, False)
            return
        session_main()
        session_history_checks()
        session_symlink()
        session_histfile_env()
        session_histfile_not_ours()
        session_history_big()
        session_history_now()
        session_long_continuation()
        session_quiet()
        session_keys_without_readline()
        piped_run()
    except Exception:  # a bug in the test itself is a failure, not a crash
        traceback.print_exc(file=sys.stdout)
        check("the test ran to its end", False)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
        if skipped:
            print("%d skipped" % skipped)
        print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
