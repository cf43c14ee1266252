# SPDX-License-Identifier: LGPL-3.0-or-later
"""Tests of the datascale Python module (unittest, Debian's /usr/bin/python3).

Run from the build tree by `make check` (tests/python.sh), or by hand:

    DATASCALE_LIBRARY=$BUILD/src/.libs/libdatascale.so.2 PYTHONPATH=python \
        /usr/bin/python3 python/tests/test_datascale.py

The last line of output is "N passed, M failed".
"""

import ctypes
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from fractions import Fraction

import datascale

try:
    import numpy as np
except ImportError:  # tests/python.sh skips without NumPy; by hand, some tests skip
    np = None
try:
    import pandas as pd
    import datascale.pandas  # noqa: F401 (registers Series.ds)
except ImportError:
    pd = None

LIBRARY = os.environ.get("DATASCALE_LIBRARY", "")
PACKAGE_DIR = os.path.dirname(os.path.abspath(datascale.__file__))


def run_python(code, env_update=None, drop=()):
    """Runs `code` in a fresh interpreter (this one) and returns its stdout."""
    env = dict(os.environ)
    for k in drop:
        env.pop(k, None)
    env.update(env_update or {})
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=600)  # a hang detector: importing pandas on a loaded machine is slow
    if p.returncode != 0:
        raise AssertionError("subprocess failed (%d):\n%s%s" % (p.returncode, p.stdout, p.stderr))
    return p.stdout


class AcceptanceTest(unittest.TestCase):
    """The first acceptance checks of the Python module, exactly as they were set."""

    def test_tib(self):
        r = datascale.eval("1400 TB to TiB")
        self.assertEqual(r.value, 1273.2925824820995)
        self.assertEqual(r.exact, Fraction(1400 * 10**12, 2**40))
        self.assertEqual(r.unit, "TiB")

    def test_session_photo_4mb(self):
        s = datascale.Session()
        s.eval("photo = 4 MB")
        r = s.eval("1400 TB to photos")
        self.assertEqual(r.exact, 350000000)
        self.assertEqual(r.value, 350_000_000)

    def test_dimension_error(self):
        with self.assertRaises(datascale.Error):
            datascale.eval("1400 TB to seconds")

    def test_convert_list(self):
        self.assertEqual(list(datascale.convert([1, 2.5], "TB", "GB")), [1000, 2500])


class ResultTest(unittest.TestCase):

    def setUp(self):
        self.s = datascale.Session()

    def test_point(self):
        r = self.s.eval("1400 TB to TiB")
        self.assertTrue(r.ok)
        self.assertEqual(r.status, datascale.OK)
        self.assertEqual(r.input, "1400 TB to TiB")
        self.assertEqual(r.text, "≈ 1,273.29 TiB")
        self.assertEqual(r.terse, "1273.29")
        self.assertFalse(r.is_range)
        self.assertIsNone(r.low)
        self.assertIsNone(r.high)
        self.assertIsNone(r.name)
        self.assertIsNone(r.error)
        self.assertEqual(r.assumptions, [])
        self.assertEqual(len(r.warnings), 1)
        self.assertIn("read as TiB", r.warnings[0])
        self.assertIsInstance(r.warnings[0], str)
        self.assertEqual(float(r), 1273.2925824820995)
        self.assertEqual(str(r), "≈ 1,273.29 TiB")
        self.assertIn("1400 TB to TiB", repr(r))
        self.assertIn("value=1273.2925824820995", repr(r))

    def test_json_is_the_cli_row(self):
        r = self.s.eval("1400 TB to TiB")
        self.assertEqual(r.json["input"], "1400 TB to TiB")
        self.assertIs(r.json["ok"], True)
        self.assertEqual(r.json["value"], r.value)
        self.assertEqual(r.json["exact"], "42724609375/33554432")
        self.assertEqual(r.json["unit"], "TiB")
        self.assertEqual(r.json["text"], r.text)
        self.assertEqual(r.json["warnings"], r.warnings)
        self.assertNotIn("explain", r.json)

    def test_json_matches_command(self):
        cmd = os.environ.get("DATASCALE")
        if not cmd or not os.access(cmd, os.X_OK):
            self.skipTest("DATASCALE (the built command) not set")
        exprs = ["photo = 2.86 MB", "1400 TB to photos", "1400 TB / (1 MB .. 5 MB)",
                 "1400 mb", "sqrt(2)", "reset photo", "1400 TB to photos range"]
        args = [cmd, "--json", "--no-user-units"]
        for e in exprs:
            args += ["-e", e]
        out = subprocess.run(args, capture_output=True, text=True,
                             env=dict(os.environ, HOME=tempfile.gettempdir())).stdout
        rows = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(rows), len(exprs))
        for e, row in zip(exprs, rows):
            with self.subTest(expr=e):
                self.assertEqual(self.s.eval(e, errors="return").json, row)

    def test_catalogue_assumption(self):
        r = self.s.eval("1400 TB to photos")
        self.assertEqual(r.unit, "photos")
        self.assertEqual(r.exact, Fraction(1400 * 10**12, 3 * 10**6))
        self.assertEqual(len(r.assumptions), 1)
        a = r.assumptions[0]
        self.assertEqual(set(a), {"name", "value", "source"})
        self.assertEqual(a["name"], "photo")
        self.assertEqual(a["value"], "3 MB")
        self.assertIn("iPhone in Canada", a["source"])
        self.assertTrue(r.text.startswith("≈ 470 million photos"))

    def test_session_assumption_source(self):
        self.s.eval("photo = 2.86 MB")
        r = self.s.eval("1400 TB to photos")
        self.assertEqual(r.assumptions, [{"name": "photo", "value": "2.86 MB",
                                          "source": "set in this session"}])
        self.assertEqual(r.exact, Fraction(70000000000, 143))

    def test_assignment(self):
        r = self.s.eval("photo = 2.86 MB")
        self.assertEqual(r.name, "photo")
        self.assertEqual(r.exact, Fraction(286, 100))
        self.assertEqual(r.unit, "MB")
        self.assertEqual(r.text, "photo = 2.86 MB")
        self.assertEqual(r.json["name"], "photo")

    def test_range(self):
        r = self.s.eval("1400 TB / (1 MB .. 5 MB)")
        self.assertTrue(r.is_range)
        self.assertIsNone(r.value)
        self.assertIsNone(r.exact)
        self.assertEqual(r.low, Fraction(280000000))
        self.assertEqual(r.high, Fraction(1400000000))
        self.assertIsInstance(r.low, Fraction)
        self.assertEqual(r.text, "between 280 million and 1.4 billion")
        self.assertEqual(r.terse, "280000000..1400000000")
        with self.assertRaises(TypeError):
            float(r)
        self.assertIn("low=", repr(r))

    def test_inexact_range_bounds_are_floats(self):
        r = self.s.eval("sqrt(2 .. 3)")
        self.assertTrue(r.is_range)
        self.assertIsInstance(r.low, float)
        self.assertAlmostEqual(r.low, math.sqrt(2))
        self.assertAlmostEqual(r.high, math.sqrt(3))

    def test_inexact_point(self):
        r = self.s.eval("sqrt(2)")
        self.assertIsNone(r.exact)
        self.assertEqual(r.value, math.sqrt(2))
        self.assertEqual(r.unit, "")
        self.assertEqual(r.text, "≈ 1.41421")

    def test_command_result(self):
        r = self.s.reset()
        self.assertTrue(r.ok)
        self.assertIsNone(r.value)
        self.assertIsNone(r.exact)
        self.assertEqual(r.text, "reset: nothing was set; the catalogue values apply")
        with self.assertRaises(TypeError):
            float(r)

    def test_explain(self):
        r = self.s.eval("1400 TB to photos")
        text = r.explain()
        md = r.explain(markdown=True)
        self.assertIn("Derivation of: 1400 TB to photos", text)
        self.assertIn("iPhone in Canada", text)
        self.assertIsInstance(md, str)
        self.assertNotEqual(text, md)
        self.assertIn("photo", md)

    def test_display(self):
        r = self.s.eval("1400 TB to photos")
        h = r._repr_html_()
        self.assertIn("470 million photos", h)
        self.assertIn('<a href="https://www.iphoneincanada.ca/', h)
        self.assertIn("<table", h)
        m = r._repr_markdown_()
        self.assertIn("| photo | 3 MB |", m)
        self.assertIn("> note:", m)
        # The card by default: no JSON bundle that JupyterLab and Notebook 7
        # would rank above HTML.
        b = r._repr_mimebundle_()
        self.assertEqual(set(b), {"text/plain", "text/html"})
        self.assertEqual(b["text/plain"], r.text)
        b = r._repr_mimebundle_(include=["application/json"])
        self.assertEqual(b["application/json"], r.json)
        json.dumps(b["application/json"])  # serialisable
        self.assertEqual(set(r._repr_mimebundle_(include=["text/html"])), {"text/html"})
        self.assertNotIn("text/html", r._repr_mimebundle_(exclude=["text/html"]))

    def test_display_json_switch(self):
        r = self.s.eval("1 TB to GB")
        old = datascale.DISPLAY_JSON
        try:
            self.assertIs(old, False)
            datascale.DISPLAY_JSON = True
            self.assertIn("application/json", r._repr_mimebundle_())
            datascale.DISPLAY_JSON = False
            self.assertNotIn("application/json", r._repr_mimebundle_())
            self.assertIn("application/json",
                          r._repr_mimebundle_(include=["application/json"]))
        finally:
            datascale.DISPLAY_JSON = old

    def test_display_escapes(self):
        self.s.eval("widget = !widget", errors="return")
        r = self.s.eval("3 * 2 MB")
        self.assertNotIn("<script", r._repr_html_())
        e = self.s.eval("<script>", errors="return")
        self.assertFalse(e.ok)
        h = e._repr_html_()
        self.assertIn("&lt;script&gt;", h)
        self.assertNotIn("<script>", h)
        self.assertIn("**error**", e._repr_markdown_())

    def test_multiline_text_display(self):
        r = self.s.eval("1400 TB to equivalents")
        self.assertIn("\n", r.text)
        self.assertTrue(r._repr_markdown_().startswith("```"))
        self.assertGreater(len(r.assumptions), 5)

    def test_ipython_display(self):
        try:
            from IPython.core.formatters import DisplayFormatter
        except ImportError:
            self.skipTest("IPython not installed")
        data, _ = DisplayFormatter().format(self.s.eval("1400 TB to TiB"))
        for mime in ("text/plain", "text/html", "text/markdown"):
            self.assertIn(mime, data)
        # No JSON: JupyterLab and Notebook 7 would show it instead of the card.
        self.assertNotIn("application/json", data)
        self.assertEqual(data["text/plain"], "≈ 1,273.29 TiB")


class ErrorTest(unittest.TestCase):

    def setUp(self):
        self.s = datascale.Session()

    def check(self, expr, status, column, fragment):
        with self.assertRaises(datascale.Error) as cm:
            self.s.eval(expr)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.status, status)
        self.assertEqual(e.column, column)
        self.assertIn(fragment, e.message)
        return e

    def test_dimension(self):
        e = self.check("1400 TB to seconds", datascale.E_DIMENSION, 1, "cannot convert")
        self.assertEqual(e.status_name, "E_DIMENSION")
        self.assertEqual(e.input, "1400 TB to seconds")
        self.assertEqual((e.start, e.end), (0, 18))
        self.assertIn("\n  1400 TB to seconds\n  ^", str(e))
        self.assertIn("status=E_DIMENSION", repr(e))

    def test_statuses(self):
        self.check("1 +", datascale.E_SYNTAX, 4, "expected")
        self.check("(1 +", datascale.E_INCOMPLETE, 5, "unbalanced")
        self.check("foo", datascale.E_UNKNOWN, 1, "unknown name")
        self.check("1400 mb", datascale.E_UNKNOWN, 6, "ambiguous")
        self.check("1/0", datascale.E_DOMAIN, 3, "division by zero")
        self.check("10^10^10", datascale.E_LIMIT, 1, "too large")
        self.check(b"\xff", datascale.E_ENCODING, 1, "UTF-8")
        self.check("a\0b", datascale.E_ENCODING, 2, "NUL")
        self.check("\ud800", datascale.E_ENCODING, 1, "UTF-8")

    def test_column_in_characters(self):
        with self.assertRaises(datascale.Error) as cm:
            self.s.eval("1 MB + ÷")
        self.assertEqual(cm.exception.column, 8)

    def test_errors_return(self):
        r = self.s.eval("1400 TB to seconds", errors="return")
        self.assertFalse(r.ok)
        self.assertEqual(r.status, datascale.E_DIMENSION)
        self.assertIsInstance(r.error, datascale.Error)
        self.assertIs(r.error.result, r)
        self.assertEqual(r.error.column, 1)
        self.assertIsNone(r.value)
        self.assertEqual(r.json["ok"], False)
        self.assertEqual(r.json["error"]["column"], 1)
        self.assertIn("status=E_DIMENSION", repr(r))
        with self.assertRaises(ValueError):
            self.s.eval("1", errors="ignore")

    def test_failed_line_keeps_session(self):
        self.s.eval("x = 2 MB")
        with self.assertRaises(datascale.Error):
            self.s.eval("x to seconds")
        self.assertEqual(self.s.eval("x * 3").exact, 6)

    def test_type_errors(self):
        with self.assertRaises(TypeError):
            self.s.eval(42)
        with self.assertRaises(TypeError):
            self.s.assume("photo", [1])

    def test_constants(self):
        self.assertEqual([datascale.OK, datascale.E_SYNTAX, datascale.E_INCOMPLETE,
                          datascale.E_UNKNOWN, datascale.E_DIMENSION, datascale.E_DOMAIN,
                          datascale.E_LIMIT, datascale.E_ENCODING, datascale.E_DEFS,
                          datascale.E_NOMEM, datascale.E_CANCELLED, datascale.E_ARG],
                         list(range(12)))
        self.assertEqual([datascale.LIMIT_DEPTH, datascale.LIMIT_LINE,
                          datascale.LIMIT_RESULT_BITS, datascale.LIMIT_DIGITS,
                          datascale.LIMIT_PRECISION], list(range(5)))
        for st in range(12):
            self.assertIsInstance(datascale.strerror(st), str)
            self.assertTrue(datascale.strerror(st))
        self.assertTrue(datascale.strerror(999))

    def test_invisible_characters(self):
        # A name never holds a character the reader cannot see; the message
        # and the caret line of str() show it as <U+XXXX>, never raw.
        e = self.check("1 \u202e MB", datascale.E_SYNTAX, 3, "invisible character U+202E (right-to-left override)")
        self.assertIn("\n  1 <U+202E> MB\n    ^", str(e))
        self.assertNotIn("\u202e", str(e))
        e = self.check("ph\u200boto = 4 MB", datascale.E_SYNTAX, 3, "U+200B (zero width space) in a name")
        e = self.check("\ufeff1 MB + nosuch", datascale.E_UNKNOWN, 9, "unknown name 'nosuch'")
        self.assertIn("\n  <U+FEFF>1 MB + nosuch\n  " + " " * 15 + "^", str(e))
        # A byte-order mark at the start of a line or of definitions is skipped.
        self.assertEqual(self.s.eval("\ufeff1 MB").exact, 1)
        self.s.load_defs("\ufeffphoto = 4 MB\n")
        self.assertEqual(self.s.eval("1 TB to photos").exact, 250000)
        with self.assertRaises(datascale.Error) as cm:
            self.s.load_defs("x = 1 MB\n\ufeffy = 2 MB\n", "mine")
        self.assertEqual(cm.exception.message, "mine:2:1: invisible character U+FEFF (byte-order mark) in a name")
        # A file name is quoted in messages: shown the same way.
        with self.assertRaises(datascale.Error) as cm:
            self.s.load_defs("foo = bar\n", "x\u202ey.units")
        self.assertIn("x<U+202E>y.units:1:", cm.exception.message)
        self.assertNotIn("\u202e", cm.exception.message)

    def test_spaces_and_mu(self):
        # Newsroom spellings: a no-break or thin space groups digits in
        # threes; the Greek mu is the micro prefix.
        self.assertEqual(self.s.eval("1\u00a0400 TB to GB").exact, 1400000)
        self.assertEqual(self.s.eval("1\u2009400\u2009000 B to kB").exact, 1400)
        self.assertEqual(self.s.eval("5\u202fMB").exact, 5)
        self.check("1\u00a040 TB", datascale.E_SYNTAX, 2, "U+00A0 (no-break space)")
        self.assertEqual(self.s.eval("5 \u03bcs to ns").exact, 5000)
        self.assertEqual(self.s.eval("1.e3").exact, 1000)


class SessionTest(unittest.TestCase):

    def test_assume(self):
        s = datascale.Session(assume={"photo": "4 MB", "song": 5, "email": Fraction(1, 2),
                                      "book": 0.5})
        self.assertEqual(s.eval("1400 TB to photos").exact, 350000000)
        self.assertEqual(s.eval("song").exact, 5)
        self.assertEqual(s.eval("email").exact, Fraction(1, 2))
        self.assertEqual(s.eval("book").exact, Fraction(1, 2))
        r = s.assume("photo", "2 MB")
        self.assertEqual(r.name, "photo")
        self.assertEqual(s.eval("1400 TB to photos").exact, 700000000)
        with self.assertRaises(datascale.Error):
            datascale.Session(assume={"photo": "4 MB +"})
        with self.assertRaises(ValueError):
            s.assume("x", float("inf"))

    def test_reset(self):
        s = datascale.Session(assume={"photo": "4 MB"})
        r = s.reset("photo")
        self.assertEqual(r.text, "photo is back to 3 MB")
        self.assertEqual(s.eval("1400 TB to photos").exact, Fraction(1400000000, 3))
        s.eval("x = 1 GB")
        self.assertIn("forgotten", s.reset().text)
        with self.assertRaises(datascale.Error):
            s.eval("x")

    def test_what_if(self):
        s = datascale.Session()
        r = s.eval("1400 TB to photos with photo = 2 MB")
        self.assertEqual(r.exact, 700000000)
        self.assertTrue(r.text.startswith("with photo = 2 MB: 700 million photos"), r.text)
        self.assertEqual(r.assumptions,
                         [{"name": "photo", "value": "2 MB", "source": "this line only (with)"}])
        # the next line is back at the catalogue value, and ans is the what-if's
        self.assertEqual(s.eval("1400 TB to photos").exact, Fraction(1400000000, 3))
        self.assertEqual(s.eval("x * 2 with x = 3").exact, 6)
        with self.assertRaises(datascale.Error):
            s.eval("x")

    def test_read(self):
        story = ("ICE triples its cloud data\n"
                 "By January, ICE held nearly 1,400 terabytes in Azure, up from 400 terabytes in July 2025. "
                 "That data volume equals roughly 490 million images if it were all photos.\n")
        recs = datascale.read(story, name="ice.txt")
        self.assertEqual([(r["kind"], r["verdict"], r["quote"]) for r in recs],
                         [("change", "off", "triples"),
                          ("equivalent", "plausible", "roughly 490 million images if it were all photos")])
        self.assertEqual(recs[1]["expression"], "check 1400 TB = 490 million photos")
        self.assertEqual((recs[1]["file"], recs[1]["line"]), ("ice.txt", 2))
        self.assertEqual(recs[1]["figures"][0]["value"], "1400 TB")
        s = datascale.Session(assume={"photo": "2.86 MB"})
        self.assertEqual(s.read(story)[1]["verdict"], "holds")  # the session's assumption counts
        problems = []
        self.assertEqual(datascale.read(b"It holds \xff 2 TB.", problems=problems)[0]["quote"], "2 TB")
        self.assertEqual(problems, ["1:10: invalid UTF-8, read as a space"])
        self.assertEqual(datascale.read("No numbers here."), [])
        with self.assertRaises(datascale.Error) as e:
            datascale.read(b"\x00\x01binary")
        self.assertEqual(e.exception.status, datascale.E_ENCODING)
        with self.assertRaises(TypeError):
            datascale.read(42)

    def test_sweep(self):
        s = datascale.Session()
        recs = s.sweep("1400 TB to photos", "photo", ["2 MB", "3 MB", "5 MB"])
        self.assertEqual([r["exact"] for r in recs], ["700000000", "1400000000/3", "280000000"])
        self.assertEqual([r["input"] for r in recs],
                         ["1400 TB to photos with photo = %s" % v for v in ("2 MB", "3 MB", "5 MB")])
        self.assertEqual(recs[0]["assumptions"][0]["value"], "2 MB")
        r = s.eval("check 1400 TB = 490 million photos for photo in 2 MB, 2.86 MB")
        self.assertEqual([row.verdict for row in r.rows], ["off", "holds"])
        self.assertIn("verdict", r.text.splitlines()[0])
        steps = s.eval("1400 TB to photos for photo in 2 MB .. 5 MB step 1 MB")
        self.assertEqual([row.exact for row in steps.rows], [700000000, Fraction(1400000000, 3), 350000000, 280000000])
        self.assertEqual(s.eval("1400 TB to photos").exact, Fraction(1400000000, 3))
        # a row that fails says why; the others stand
        recs = s.sweep("1400 TB to photos", "photo", ["2 MB", "0 MB"])
        self.assertEqual([r["ok"] for r in recs], [True, False])
        with self.assertRaises(ValueError):
            s.sweep("1400 TB to photos", "photo", ["2 MB, 3 MB"])
        with self.assertRaises(datascale.Error):
            s.eval("1400 TB to photos for photo in 1 MB .. 1000 MB step 1 MB")

    def test_assume_source(self):
        s = datascale.Session(assume={"photo": "4 MB"})
        r = s.eval("1400 TB to photos")
        self.assertEqual(r.assumptions[0]["source"], "Session(assume=...)")
        s.eval("song = 5 MB")
        self.assertEqual(s.eval("1 song").assumptions[0]["source"], "set in this session")

    def test_sessions_are_independent(self):
        a = datascale.Session(assume={"photo": "4 MB"})
        b = datascale.Session()
        self.assertEqual(a.eval("1400 TB to photos").exact, 350000000)
        self.assertEqual(b.eval("1400 TB to photos").exact, Fraction(1400000000, 3))
        self.assertEqual(datascale.eval("1400 TB to photos").exact, Fraction(1400000000, 3))

    def test_binary(self):
        s = datascale.Session(binary=True)
        self.assertTrue(s.binary)
        self.assertEqual(s.eval("1 TB to GB").exact, 1024)
        s.binary = False
        self.assertFalse(s.binary)
        self.assertEqual(s.eval("1 TB to GB").exact, 1000)

    def test_decimal_comma(self):
        s = datascale.Session(decimal_comma=True)
        self.assertTrue(s.decimal_comma)
        r = s.eval("1.400,5 TB to TB")
        self.assertEqual(r.text, "1.400,5 TB")
        self.assertEqual(r.exact, Fraction(2801, 2))
        self.assertEqual(r.value, 1400.5)
        self.assertEqual(r.terse, "1400.5")
        # a number given to assume() is written so that it reads back the same
        self.assertEqual(s.assume("photo", Fraction(143, 50)).text, "photo = 2,86")
        s.decimal_comma = False
        self.assertFalse(s.decimal_comma)
        self.assertEqual(s.eval("1,400.5 TB to TB").text, "1,400.5 TB")
        s.eval("set decimal-comma on")
        self.assertTrue(s.decimal_comma)
        with self.assertRaises(TypeError):
            s.decimal_comma = "off"
        self.assertFalse(datascale.Session().decimal_comma)

    def test_digits(self):
        s = datascale.Session(digits=3)
        self.assertEqual(s.digits, 3)
        self.assertEqual(s.eval("1/3").text, "≈ 0.333")
        s.digits = 10
        self.assertEqual(s.eval("1/3").text, "≈ 0.3333333333")
        self.assertEqual(datascale.Session().digits, 6)

    def test_exact_text(self):
        s = datascale.Session(exact_text=True)
        self.assertEqual(s.eval("1/3").text, "0.(3) = 1/3")

    def test_limits(self):
        s = datascale.Session()
        self.assertEqual(s.limit("depth"), 1000)
        self.assertEqual(s.limit(datascale.LIMIT_DEPTH, 50), 1000)
        self.assertEqual(s.limit("depth"), 50)
        with self.assertRaises(datascale.Error) as cm:
            s.eval("(" * 60 + "1" + ")" * 60)
        self.assertEqual(cm.exception.status, datascale.E_LIMIT)
        self.assertEqual(s.limit("line"), 1 << 20)
        self.assertEqual(s.limit("result_bits"), 1 << 24)
        self.assertEqual(s.limit("precision"), 128)
        with self.assertRaises(ValueError):
            s.limit("nonsense")

    def test_work_limit(self):
        # Python cannot interrupt a ctypes call: the work budget bounds one.
        s = datascale.Session()
        self.assertEqual(s.limit("work"), 512)
        heavy = "*".join(["3"] * 40000)
        s.limit(datascale.LIMIT_WORK, 1)
        with self.assertRaises(datascale.Error) as cm:
            s.eval(heavy)
        self.assertEqual(cm.exception.status, datascale.E_LIMIT)
        self.assertIn("too much work", str(cm.exception))
        s.limit("work", 512)
        r = s.eval(heavy)
        # 3^40000 has 19,085 digits: past Python's int(str) limit of 4,300
        # (regression: the exact value raised ValueError).
        self.assertEqual(r.exact, Fraction(3) ** 40000)
        with self.assertRaises(ValueError):
            s.limit(99)
        with self.assertRaises(ValueError):
            s.limit("depth", -1)

    def test_defs(self):
        s = datascale.Session(defs="widget/widgets = !widget\ncrate/crates = 12 widgets\n")
        self.assertEqual(s.eval("3 crates to widgets").exact, 36)
        with self.assertRaises(datascale.Error) as cm:
            s.load_defs("foo = bar\n", "mydefs")
        self.assertEqual(cm.exception.status, datascale.E_DEFS)
        self.assertIn("mydefs:1:", cm.exception.message)
        with self.assertRaises(datascale.Error):
            s.eval("foo")

    def test_listings(self):
        s = datascale.Session(assume={"photo": "4 MB"})
        c = s.completions("phot")
        self.assertIn("photo", c)
        self.assertIn("photos", c)
        self.assertEqual(len(c), len(set(c)))
        self.assertTrue(all(x.startswith("phot") for x in c))
        self.assertIn("sqrt(", s.completions("sq"))
        # one function table for the evaluator and completion
        self.assertIn("growth(", s.completions("gro"))
        self.assertIn("project(", s.completions("proj"))
        u = s.units("floppy")
        self.assertEqual(len(u), 1)
        self.assertTrue(u[0].startswith("floppy (floppies"))
        self.assertGreater(len(s.units()), 50)
        lines = s.assumptions()
        self.assertIn("photo = 4 MB -- Session(assume=...); replaces the catalogue's 3 MB", lines)
        self.assertTrue(any(line.startswith("song = 6.72 MB -- catalogue: ") for line in lines))
        self.assertEqual(s.assumptions(changed=True),
                         ["photo = 4 MB -- Session(assume=...); replaces the catalogue's 3 MB"])
        cat = s.catalogue()
        self.assertGreaterEqual(len(cat), 70)
        photo = next(row for row in cat if row["name"] == "photo")
        self.assertEqual(photo["overridden"], "4 MB")
        self.assertEqual(photo["bytes"], 3000000)  # the catalogue's figure, not the session's
        self.assertEqual((photo["low"], photo["high"]), (2000000, 5000000))
        self.assertEqual(photo["plural"], "photos")
        self.assertIn("images", photo["spellings"])
        for row in cat:  # every item: a size in bytes inside its range, a source, a year
            self.assertLessEqual(row["low"], row["bytes"], row["name"])
            self.assertLessEqual(row["bytes"], row["high"], row["name"])
            self.assertTrue(row["source"] and row["year"], row["name"])
        self.assertEqual([row["name"] for row in s.catalogue("floppy")], ["floppy"])
        self.assertEqual(s.catalogue("no such thing"), [])

    def test_close(self):
        s = datascale.Session()
        s.close()
        s.close()  # twice is fine
        self.assertIn("closed", repr(s))
        with self.assertRaises(ValueError):
            s.eval("1")
        s.cancel()  # a no-op on a closed session
        with datascale.Session() as t:
            self.assertEqual(t.eval("2 + 2").exact, 4)
        with self.assertRaises(ValueError):
            t.eval("1")

    def test_default_session(self):
        d = datascale.default_session()
        self.assertIs(d, datascale.default_session())
        datascale.eval("dstest_var = 7 MB")
        self.assertEqual(d.eval("dstest_var").exact, 7)
        self.assertIn("forgotten", datascale.reset().text)
        with self.assertRaises(datascale.Error):
            datascale.eval("dstest_var")

    def test_cancel(self):
        s = datascale.Session()
        s.cancel()  # the flag clears when the next evaluation starts
        self.assertEqual(s.eval("2 + 2").exact, 4)
        # No work limit and a sum that takes many seconds: however loaded
        # the machine, a cancel lands before the sum could end on its own.
        s.limit("work", 1 << 20)
        out = {}

        def work():
            try:
                out["result"] = s.eval(" + ".join(["3^10000000 + 5^6000000 + 7^5000000"] * 20))
            except datascale.Error as e:
                out["error"] = e

        t = threading.Thread(target=work)
        t.start()
        while t.is_alive():  # until the evaluation has started and stopped
            s.cancel()
            t.join(0.01)
        self.assertIn("error", out)
        self.assertEqual(out["error"].status, datascale.E_CANCELLED)
        self.assertEqual(s.eval("1 TB to GB").exact, 1000)

    def test_threads(self):
        errors = []

        def work(k):
            try:
                s = datascale.Session(assume={"photo": "%d MB" % k})
                for _ in range(50):
                    r = s.eval("1400 TB to photos")
                    if r.exact != Fraction(1400 * 10**6, k):
                        errors.append((k, r.exact))
                    v = s.convert([k], "TB", "GB")
                    if list(v) != [k * 1000]:
                        errors.append((k, v))
            except Exception as e:  # pragma: no cover
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 9)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_shared_session_threads(self):
        s = datascale.Session()
        results = []

        def work():
            for _ in range(100):
                results.append(s.eval("1400 TB to TiB").exact)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [Fraction(1400 * 10**12, 2**40)] * 400)


class ConvertTest(unittest.TestCase):

    def test_scalar(self):
        self.assertEqual(datascale.convert(3, "TB", "GB"), 3000.0)
        self.assertEqual(datascale.convert(Fraction(1, 2), "TB", "GB"), 500.0)
        self.assertIsInstance(datascale.convert(3, "TB", "GB"), float)

    def test_sequences(self):
        self.assertEqual(list(datascale.convert((1, 2), "GB", "MB")), [1000, 2000])
        self.assertEqual(list(datascale.convert((x for x in [1, 2]), "GB", "MB")), [1000, 2000])
        self.assertEqual(list(datascale.convert(range(3), "KiB", "B")), [0, 1024, 2048])
        self.assertEqual(len(datascale.convert([], "TB", "GB")), 0)

    def test_exact_factor(self):
        out = datascale.convert([1400], "TB", "TiB")
        self.assertEqual(out[0], 1273.2925824820995)
        out = datascale.convert([1], "GB", "GiB")
        self.assertEqual(out[0], float(Fraction(10**9, 2**30)))

    def test_rates_and_catalogue(self):
        self.assertEqual(list(datascale.convert([100], "Mbps", "MB/s")), [12.5])
        s = datascale.Session(assume={"photo": "4 MB"})
        self.assertEqual(list(s.convert([1400, 400], "TB", "photos")), [350e6, 100e6])
        self.assertEqual(list(datascale.convert([3], "MB", "photos")), [1.0])

    def test_nan_and_inf(self):
        out = datascale.convert([float("nan"), float("inf"), -2.0], "TB", "GB")
        self.assertTrue(math.isnan(out[0]))
        self.assertEqual(out[1], float("inf"))
        self.assertEqual(out[2], -2000.0)

    def test_errors(self):
        with self.assertRaises(datascale.Error) as cm:
            datascale.convert([1], "TB", "seconds")
        self.assertEqual(cm.exception.status, datascale.E_DIMENSION)
        self.assertIsNone(cm.exception.column)
        with self.assertRaises(datascale.Error) as cm:
            datascale.convert([1], "mb", "GB")
        self.assertEqual(cm.exception.status, datascale.E_UNKNOWN)
        self.assertIn("ambiguous", cm.exception.message)
        with self.assertRaises(datascale.Error) as cm:
            datascale.convert([], "TB", "nonsense_unit")
        self.assertEqual(cm.exception.status, datascale.E_UNKNOWN)
        with self.assertRaises(datascale.Error) as cm:
            datascale.convert([1], "TB", "0 GB")
        self.assertEqual(cm.exception.status, datascale.E_DOMAIN)
        with self.assertRaises(datascale.Error) as cm:
            datascale.convert([1], "TB\0", "GB")
        self.assertEqual(cm.exception.status, datascale.E_ENCODING)
        with self.assertRaises(TypeError):
            datascale.convert("12", "TB", "GB")
        with self.assertRaises(TypeError):
            datascale.convert([1], b"TB", "GB")

    @unittest.skipIf(np is None, "NumPy not installed")
    def test_numpy(self):
        a = np.array([[1.0, 2.0], [3.0, 4.0]])
        out = datascale.convert(a, "TB", "GB")
        self.assertIsInstance(out, np.ndarray)
        self.assertEqual(out.shape, (2, 2))
        self.assertEqual(out.tolist(), [[1000, 2000], [3000, 4000]])
        self.assertEqual(a.tolist(), [[1, 2], [3, 4]])  # the input is not touched
        ints = np.arange(5, dtype=np.int32)
        self.assertEqual(datascale.convert(ints, "GB", "MB").tolist(), [0, 1000, 2000, 3000, 4000])
        strided = np.arange(10.0)[::2]
        self.assertEqual(datascale.convert(strided, "GB", "MB").tolist(),
                         [0, 2000, 4000, 6000, 8000])
        self.assertEqual(datascale.convert(np.float64(2), "GB", "MB"), 2000.0)
        self.assertIsInstance(datascale.convert([1, 2.5], "TB", "GB"), np.ndarray)

    @unittest.skipIf(np is None, "NumPy not installed")
    def test_million(self):
        n = 1_000_000
        a = np.arange(n, dtype=np.float64)
        t0 = time.perf_counter()
        out = datascale.convert(a, "TB", "photos")
        elapsed = time.perf_counter() - t0
        sys.stderr.write("\n  convert of %d values (TB to photos): %.1f ms\n"
                         % (n, elapsed * 1000))
        self.assertEqual(out.shape, (n,))
        expected = a * 1e12 / 3e6
        self.assertTrue(np.allclose(out, expected, rtol=1e-15, atol=0))
        # Each element is the exactly rounded value: spot-check with Fractions.
        for i in (0, 1, 3, 7, 12345, 999_999):
            self.assertEqual(out[i], float(Fraction(i) * Fraction(10**12, 3 * 10**6)))
        t0 = time.perf_counter()
        out = datascale.convert(a.tolist(), "GB", "MB")
        sys.stderr.write("  convert of %d values from a list (GB to MB): %.1f ms\n"
                         % (n, (time.perf_counter() - t0) * 1000))
        self.assertEqual(out[-1], (n - 1) * 1000.0)

    def test_without_numpy(self):
        out = run_python(
            "import sys; sys.modules['numpy'] = None\n"
            "import datascale\n"
            "r = datascale.convert([1, 2.5], 'TB', 'GB')\n"
            "print(type(r).__name__, r, datascale.convert((), 'TB', 'GB'))\n")
        self.assertEqual(out.strip(), "list [1000.0, 2500.0] []")


@unittest.skipIf(pd is None, "pandas not installed")
class PandasTest(unittest.TestCase):

    def test_catalogue_frame(self):
        df = pd.DataFrame(datascale.Session().catalogue())
        self.assertGreaterEqual(len(df), 70)
        self.assertTrue((df["low"] <= df["bytes"]).all() and (df["bytes"] <= df["high"]).all())
        self.assertEqual(df.set_index("name").loc["dvd", "plural"], "dvds")
        self.assertEqual(str(df["year"].dtype), "int64")

    def test_accessor_convert(self):
        s = pd.Series([400, 1400], index=["jul", "jan"], name="tb")
        out = s.ds.convert("TB", "photos")
        self.assertIsInstance(out, pd.Series)
        self.assertEqual(list(out.index), ["jul", "jan"])
        self.assertEqual(out.name, "tb")
        self.assertEqual(out["jan"], 1400e12 / 3e6)
        sess = datascale.Session(assume={"photo": "4 MB"})
        self.assertEqual(s.ds.convert("TB", "photos", session=sess).tolist(), [100e6, 350e6])
        self.assertEqual(s.tolist(), [400, 1400])

    def test_accessor_missing_values(self):
        s = pd.Series([1, None, 3], dtype="Int64")
        out = s.ds.convert("GB", "MB")
        self.assertEqual(out[0], 1000.0)
        self.assertTrue(math.isnan(out[1]))

    def test_convert_series_directly(self):
        out = datascale.convert(pd.Series([1.0, 2.0]), "TB", "GB")
        self.assertIsInstance(out, pd.Series)
        self.assertEqual(out.tolist(), [1000, 2000])

    def test_accessor_eval(self):
        exprs = pd.Series(["photo = 4 MB", "1400 TB to photos", "1400 mb",
                           "1400 TB / (1 MB .. 5 MB)"])
        df = exprs.ds.eval()
        self.assertEqual(list(df.columns),
                         ["ok", "value", "unit", "exact", "low", "high", "text", "warnings",
                          "assumptions", "error"])
        # The unit of the first row that has one (MB) is every row's.
        self.assertEqual(df.attrs["unit"], "MB")
        self.assertEqual(df.ok.tolist(), [True, False, False, False])
        self.assertEqual(df.error[1], "1400 TB to photos is in photos, not MB (the column's unit)")
        self.assertIn("ambiguous", df.error[2])
        self.assertIn("dimension", df.error[3])
        df = exprs.ds.eval(to="photos")
        self.assertEqual(df.ok.tolist(), [False, True, False, False])
        self.assertEqual(df.exact[1], 350000000)
        self.assertIn("ambiguous", df.error[2])
        df = pd.Series(["1400 TB / (1 MB .. 5 MB)"]).ds.eval()
        self.assertTrue(math.isnan(df.value[0]))
        self.assertEqual(df.low[0], 280000000)
        with self.assertRaises(TypeError):
            exprs.ds.eval(session="default")
        with self.assertRaises(TypeError):
            exprs.ds.convert("TB", "GB", session=1)

    def test_accessor_eval_one_unit_and_caveats(self):
        # "1400 TB" and "400 TB" used to come out as 1.4 (PB) and 400 (TB).
        exprs = pd.Series(["1400 TB", "400 TB", "1400 TB to photos"], index=["jan", "jul", "p"])
        df = exprs.ds.eval(to="TB")
        self.assertEqual(df.attrs["unit"], "TB")
        self.assertEqual(df.unit.tolist(), ["TB", "TB", None])
        self.assertEqual(df.value[["jan", "jul"]].tolist(), [1400, 400])
        self.assertIn("not TB", df.error["p"])
        df = pd.Series(["1 hour", "1400 TB"]).ds.eval(to="TB")
        self.assertEqual(df.ok.tolist(), [False, True])
        self.assertIn("dimension mismatch", df.error[0])
        # Without to=, the first row's unit: 1400 TB is shown as 1.4 PB.
        df = pd.Series(["1400 TB", "400 TB"]).ds.eval()
        self.assertEqual(df.unit.tolist(), ["PB", "PB"])
        self.assertEqual(df.value.tolist(), [1.4, 0.4])
        self.assertEqual(df.exact.tolist(), [Fraction(7, 5), Fraction(2, 5)])
        df = pd.Series(["1400 TB", "400 TB to photos"]).ds.eval(to="photos")
        self.assertEqual(df.exact.tolist(), [Fraction(1400000000, 3), Fraction(400000000, 3)])
        self.assertTrue(any("read as TiB" in w for w in df.warnings[0]), df.warnings[0])
        self.assertEqual(df.assumptions[1][0]["name"], "photo")
        self.assertIn("source", df.assumptions[1][0])
        with self.assertRaises(TypeError):
            pd.Series(["1 TB"]).ds.eval(to=5)

    def test_registration(self):
        # `import datascale` neither imports pandas nor hooks its import;
        # `import datascale.pandas` registers the accessor.
        out = run_python("import sys, datascale\n"
                         "assert 'pandas' not in sys.modules\n"
                         "assert not any('datascale' in type(f).__module__ for f in sys.meta_path)\n"
                         "import pandas as pd\n"
                         "print(hasattr(pd.Series([1.0]), 'ds'))\n"
                         "import datascale.pandas\n"
                         "print(pd.Series([1.0]).ds.convert('TB', 'GB').tolist())\n")
        self.assertEqual(out.split(), ["False", "[1000.0]"])
        out = run_python("import pandas as pd, datascale\n"
                         "datascale.register_pandas()\n"
                         "print(pd.Series([2.0]).ds.convert('TB', 'GB').tolist())\n")
        self.assertEqual(out.strip(), "[2000.0]")

    def test_read_json_lines(self):
        # The README's recipe: JSON Lines rows from Result.json read by pandas.
        import io
        rows = [datascale.eval(e, errors="return").json
                for e in ["1400 TB to TiB", "1400 mb", "1 MB .. 2 MB", "1400 TB to photos"]]
        df = pd.DataFrame(rows)
        self.assertEqual(df.exact[0], "42724609375/33554432")
        self.assertEqual(Fraction(df.exact[0]), Fraction(1400 * 10**12, 2**40))
        self.assertIsNone(df.exact[1])  # not 'nan'
        self.assertFalse(df.ok[1])
        self.assertEqual({tuple(r) for r in rows}, {tuple(rows[0])})  # the same keys
        sources = pd.json_normalize(rows, "assumptions", ["input"])
        self.assertEqual(sources.name.tolist(), ["photo"])


class LoaderTest(unittest.TestCase):

    def test_version_and_abi(self):
        # make check passes configure's DS_ABI: the module's ABI must be it
        self.assertEqual(datascale.ABI, int(os.environ.get("DS_ABI", datascale._lib.lib.ds_abi())))
        self.assertRegex(datascale.library_version, r"^\d+\.\d+\.\d+$")
        self.assertEqual(datascale.__version__, datascale.library_version)
        if LIBRARY:
            self.assertEqual(datascale.library_path, LIBRARY)

    def test_all_exports_exist(self):
        for name in datascale.__all__:
            self.assertTrue(hasattr(datascale, name), name)

    def test_prototypes_declared(self):
        from datascale import _lib
        for name in _lib._PROTOTYPES:
            fn = getattr(_lib.lib, name)
            self.assertIsNotNone(fn.argtypes, name)

    def test_bad_library_path(self):
        p = subprocess.run([sys.executable, "-c", "import datascale"],
                           env=dict(os.environ, DATASCALE_LIBRARY="/nonexistent/libdatascale.so.1"),
                           capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("ImportError", p.stderr)
        self.assertIn("/nonexistent/libdatascale.so.1", p.stderr)

    @unittest.skipUnless(LIBRARY, "DATASCALE_LIBRARY not set")
    def test_installed_config_path(self):
        # A package with _config.py (as `make install` writes it) finds the
        # library without DATASCALE_LIBRARY.
        with tempfile.TemporaryDirectory() as tmp:
            pkg = os.path.join(tmp, "datascale")
            shutil.copytree(PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__",
                                                                             "_config.py"))
            with open(os.path.join(pkg, "_config.py"), "w") as f:
                f.write("LIBRARY = %r\n" % LIBRARY)
            out = run_python("import datascale; print(datascale.library_path);"
                             "print(datascale.eval('1 TB to GB').exact)",
                             env_update={"PYTHONPATH": tmp}, drop=("DATASCALE_LIBRARY",))
            self.assertEqual(out.split(), [LIBRARY, "1000"])

    @unittest.skipUnless(LIBRARY, "DATASCALE_LIBRARY not set")
    def test_soname_fallback(self):
        with tempfile.TemporaryDirectory() as tmp:
            pkg = os.path.join(tmp, "datascale")
            shutil.copytree(PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__",
                                                                             "_config.py"))
            out = run_python("import datascale; print(datascale.library_path)",
                             env_update={"PYTHONPATH": tmp,
                                         "LD_LIBRARY_PATH": os.path.dirname(LIBRARY)},
                             drop=("DATASCALE_LIBRARY",))
            self.assertEqual(out.strip(), "libdatascale.so.%d" % datascale.ABI)

    def test_ds_free_only(self):
        # Owned strings go back through ds_free; borrowed ones are copied.
        from datascale import _lib
        self.assertIs(_lib.lib.ds_result_json.restype, ctypes.c_void_p)
        self.assertIs(_lib.lib.ds_ctx_completions.restype, ctypes.c_void_p)
        self.assertIsNone(_lib.take_string(None))


class LimitRangeTest(unittest.TestCase):
    """Integers handed to C never wrap around: a value outside the C type or
    the library's range is refused, and nothing changes."""

    def test_limit_past_c_long(self):
        s = datascale.Session()
        with self.assertRaises(ValueError) as cm:
            s.limit("depth", 2**70)  # was 1: 2**70 wrapped to 0, then clamped
        self.assertIn("depth", str(cm.exception))
        self.assertIn("1 to 5000", str(cm.exception))
        self.assertEqual(s.limit("depth"), 1000)
        with self.assertRaises(ValueError):
            s.limit("work", 2**64 + 512)
        self.assertEqual(s.limit("work"), 512)

    def test_digits_past_c_long(self):
        s = datascale.Session()
        with self.assertRaises(ValueError) as cm:
            s.digits = 2**64 + 3  # was 3
        self.assertIn("1 to 1000", str(cm.exception))
        self.assertEqual(s.digits, 6)
        with self.assertRaises(ValueError):
            datascale.Session(digits=2**64 + 3)

    def test_limit_outside_library_range(self):
        # Refused like the command's options, not moved into the range.
        s = datascale.Session()
        for name, bad in (("digits", 1001), ("digits", 0), ("depth", 5001),
                          ("precision", 52), ("line", 0)):
            with self.assertRaises(ValueError, msg="%s=%d" % (name, bad)):
                s.limit(name, bad)
        self.assertEqual(s.limit("digits"), 6)
        self.assertEqual(s.limit("digits", 1000), 6)
        self.assertEqual(s.limit("digits", 1), 1000)
        self.assertEqual(s.digits, 1)
        self.assertEqual(s.limit("precision", 53), 128)
        if np is not None:
            s.limit("depth", np.int64(70))
            self.assertEqual(s.limit("depth"), 70)

    def test_limit_types(self):
        s = datascale.Session()
        for bad in (2.5, 50.0, "50", True, None if False else b"5"):
            with self.assertRaises(TypeError, msg=repr(bad)):
                s.limit("depth", bad)
        with self.assertRaises(TypeError):
            s.digits = 3.7
        self.assertEqual(s.limit("depth"), 1000)
        self.assertEqual(s.digits, 6)

    def test_limit_id_past_c_int(self):
        s = datascale.Session()
        s.limit("digits", 9)
        for bad in (2**32 + 3, -2**32 + 3, 6, -1):  # 2**32 + 3 wrapped to 3 (digits)
            with self.assertRaises(ValueError, msg=repr(bad)):
                s.limit(bad)
        with self.assertRaises(TypeError):
            s.limit(True)
        with self.assertRaises(TypeError):
            s.limit(None)
        with self.assertRaises(ValueError):
            s.limit("digits ")
        self.assertEqual(s.limit(datascale.LIMIT_DIGITS), 9)

    def test_flags(self):
        for bad in ("false", "no", 2, None, [1]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                datascale.Session(binary=bad)
            with self.assertRaises(TypeError, msg=repr(bad)):
                datascale.Session(exact_text=bad)
        s = datascale.Session(binary=1)
        self.assertTrue(s.binary)
        with self.assertRaises(TypeError):
            s.binary = "off"
        self.assertTrue(s.binary)
        s.binary = 0
        self.assertFalse(s.binary)
        if np is not None:
            s.binary = np.True_
            self.assertTrue(s.binary)

    def test_strerror_past_c_int(self):
        self.assertEqual(datascale.strerror(2**32 + 1), datascale.strerror(999))
        self.assertNotEqual(datascale.strerror(2**32 + 1), datascale.strerror(1))


class BigNumberTest(unittest.TestCase):
    """Values past Python's 4,300-digit int/str limit go both ways."""

    def test_range_bounds(self):
        r = datascale.eval("1 .. 10^5000")  # raised ValueError (4300 digits)
        self.assertEqual(r.low, 1)
        self.assertEqual(r.high, 10**5000)
        self.assertIsInstance(r.high, Fraction)
        r = datascale.eval("-10^5000/3 .. 1/10^5000")
        self.assertEqual(r.low, Fraction(-10**5000, 3))
        self.assertEqual(r.high, Fraction(1, 10**5000))
        self.assertIn("low=", repr(r))
        self.assertIn(r.input, r._repr_html_())

    def test_assume_big_int(self):
        s = datascale.Session(assume={"x": 10**5000})  # raised ValueError
        self.assertEqual(s.eval("x").exact, 10**5000)
        self.assertEqual(s.assume("y", -(7**9000)).exact, -(7**9000))
        self.assertEqual(s.assume("z", Fraction(3**9000, 2**9000 + 1)).exact,
                         Fraction(3**9000, 2**9000 + 1))
        self.assertEqual(s.eval("x / z").exact, Fraction(10**5000) / Fraction(3**9000, 2**9000 + 1))

    def test_assume_other_numbers(self):
        s = datascale.Session()
        self.assertEqual(s.assume("a", Fraction(-1, 3)).exact, Fraction(-1, 3))
        self.assertEqual(s.assume("b", 0.1).exact, Fraction(0.1))
        from decimal import Decimal
        self.assertEqual(s.assume("c", Decimal("1.25")).exact, Fraction(5, 4))
        with self.assertRaises(ValueError):
            s.assume("d", Decimal("NaN"))
        with self.assertRaises(TypeError):
            s.assume("e", True)
        if np is not None:
            self.assertEqual(s.assume("f", np.int64(-12)).exact, -12)
            self.assertEqual(s.assume("g", np.float64(0.5)).exact, Fraction(1, 2))

    def test_display_of_big_exact(self):
        r = datascale.eval("10^5000 + 1")
        self.assertEqual(r.exact, 10**5000 + 1)
        self.assertIn("0001", r._repr_html_())
        self.assertIn("0001", r._repr_markdown_())
        r = datascale.eval("1/(10^5000 + 1)")
        self.assertIn("1/1000", r._repr_markdown_())

    def test_digit_conversions(self):
        from datascale import _digits
        values = [0, 1, -1, 9, 10, 10**4299, 10**4300, -10**4300, 10**5000 - 1, 10**5000,
                  7**20000, -(3**30001), 2**100000 + 12345, (10**60000 + 1) * 10**3000]
        for v in values:
            text = _digits.int_to_str(v)
            self.assertEqual(text, format(v, "d") if abs(v) < 10**4000 else text)
            self.assertEqual(_digits.str_to_int(text), v)
        self.assertEqual(_digits.int_to_str(10**5000), "1" + "0" * 5000)
        self.assertEqual(_digits.int_to_str(-(10**5000) + 7), "-" + "9" * 4999 + "3")
        self.assertEqual(_digits.str_to_int("0" * 5000 + "12"), 12)
        self.assertEqual(_digits.fraction("-" + "9" * 5000 + "/7"), Fraction(-(10**5000 - 1), 7))
        self.assertIsNone(_digits.fraction(None))


class ArgumentTest(unittest.TestCase):
    """Names are checked by the library's own reading, and None or a wrong
    type gets a TypeError that says what is wanted."""

    def test_name_injection(self):
        s = datascale.Session()
        with self.assertRaises(ValueError) as cm:
            s.assume("x = 1 # ", "2")  # assigned x = 1 and dropped the rest
        self.assertIn("x = 1 # ", str(cm.exception))
        with self.assertRaises(datascale.Error):
            s.eval("x")
        with self.assertRaises(ValueError):
            datascale.Session(assume={"x = 1 # ": "2"})
        for bad in ("", " x", "x ", "1x", "x y", "x=1", "x\n", "x\0", "(x)", "x + 1",
                    "x # c", "%", "*", "\ud800", "x" * (2 << 20)):
            with self.assertRaises(ValueError, msg=repr(bad[:20])):
                s.assume(bad, 1)
        self.assertEqual(s.assumptions(), datascale.Session().assumptions())
        self.assertEqual(s.catalogue(), datascale.Session().catalogue())

    def test_good_names(self):
        s = datascale.Session()
        for good in ("x", "x_1", "_x", "photo", "photos", "é", "hd_hour", "Größe"):
            self.assertEqual(s.assume(good, 2).name, good)
        # A name the library refuses to bind gets the library's message.
        with self.assertRaises(datascale.Error) as cm:
            s.assume("sqrt", 2)
        self.assertIn("function", cm.exception.message)
        with self.assertRaises(datascale.Error) as cm:
            s.assume("ans", 2)
        self.assertIn("previous result", cm.exception.message)

    def test_name_types(self):
        s = datascale.Session()
        for bad in (None, 5, b"x", ["x"]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                s.assume(bad, 1)
            if bad is not None:
                with self.assertRaises(TypeError, msg=repr(bad)):
                    s.reset(bad)
        with self.assertRaises(TypeError):
            datascale.Session(assume=[("x", 1)])
        with self.assertRaises(TypeError):
            s.assume("x", None)

    def test_reset_name(self):
        s = datascale.Session(assume={"photo": "4 MB", "x": 1})
        with self.assertRaises(ValueError):
            s.reset("photo x")
        with self.assertRaises(ValueError):
            s.reset("")
        self.assertEqual(s.eval("x").exact, 1)
        self.assertEqual(s.reset("photo").text, "photo is back to 3 MB")

    def test_listings_types(self):
        s = datascale.Session()
        with self.assertRaises(TypeError) as cm:
            s.completions(None)  # was AttributeError
        self.assertIn("prefix", str(cm.exception))
        for bad in (5, b"ph"):
            with self.assertRaises(TypeError):
                s.completions(bad)
            with self.assertRaises(TypeError):
                s.units(bad)
        with self.assertRaises(ValueError):
            s.completions("ph\0zz")  # was read as "ph"
        with self.assertRaises(ValueError):
            s.units("ph\0zz")
        self.assertEqual(s.completions(), sorted(set(s.completions())))
        self.assertEqual(s.units(""), s.units(None))

    def test_load_defs_types(self):
        s = datascale.Session()
        for bad in (None, 5, ["x = 1"]):
            with self.assertRaises(TypeError, msg=repr(bad)):
                s.load_defs(bad)  # 5 was read as five NUL bytes
        with self.assertRaises(TypeError):
            s.load_defs("widget = !widget\n", None)
        with self.assertRaises(ValueError):
            s.load_defs("widget = !widget\n", "my\0defs")
        s.load_defs(b"widget = !widget\n", "bytes")
        self.assertEqual(s.eval("3 widget").exact, 3)

    def test_convert_types(self):
        s = datascale.Session()
        with self.assertRaises(TypeError):
            s.convert(None, "TB", "GB")
        with self.assertRaises(TypeError):
            s.convert([1], None, "GB")
        with self.assertRaises(TypeError):
            datascale.convert([1], "TB", "GB", session="default")
        with self.assertRaises(TypeError):
            s.eval(None)
        with self.assertRaises(TypeError):
            s.eval("1", errors=None)

    def test_equivalents_text_keeps_parentheses(self):
        r = datascale.eval("(1 TB) + (2 TB) to equivalents")
        self.assertTrue(r.text.startswith("(1 TB) + (2 TB) is about:"), r.text[:40])
class FactsTest(unittest.TestCase):
    """A check and a count as facts: verdict, off, actual, implied, reading, item, count."""

    def test_check_count(self):
        r = datascale.Session().eval("check 1400 TB = 490 million photos")
        self.assertEqual(r.verdict, "plausible")
        self.assertEqual(r.item, "photo")
        self.assertAlmostEqual(r.implied, 1400e12 / 490e6)
        self.assertAlmostEqual(r.actual, 1400e12 / 3e6)
        self.assertAlmostEqual(r.off, 0.05)
        self.assertEqual(r.reading, "TB is read as TiB and the 3 MB photo as 3 MiB")
        self.assertEqual(r.json["verdict"], "plausible")

    def test_check_ratio(self):
        r = datascale.Session().eval("check 1400 TB is more than three times 400 TB")
        self.assertEqual((r.verdict, r.actual, r.implied, r.item), ("holds", 3.5, None, None))
        self.assertAlmostEqual(r.off, 3 / 3.5 - 1)
        self.assertEqual(r.reading, "decimal")
        self.assertEqual(datascale.Session().eval("check 1400 TB is almost 3 * 400 TB").verdict, "off")

    def test_count(self):
        s = datascale.Session()
        r = s.eval("490 million photos")
        self.assertEqual((r.item, r.count, r.verdict), ("photo", 490e6, None))
        r = s.eval("1400 TB to photos")
        self.assertEqual(r.item, "photo")
        self.assertAlmostEqual(r.count, 1400e12 / 3e6)
        self.assertEqual(s.eval("1400 TB / 490 million photos").unit, "MB per photo")
        self.assertIsNone(s.eval("1400 TB").item)


class WarningsTest(unittest.TestCase):
    """Session(warnings=...) and .warnings: ds_ctx_set_warnings."""

    def test_on_by_default(self):
        s = datascale.Session()
        self.assertIs(s.warnings, True)
        r = s.eval("1400 TB to GB")
        self.assertEqual(len(r.warnings), 1)
        self.assertIn("read as TiB", r.warnings[0])

    def test_off(self):
        s = datascale.Session(warnings=False)
        self.assertIs(s.warnings, False)
        r = s.eval("1400 TB to GB")
        self.assertEqual(r.text, "1,400,000 GB")
        self.assertEqual(r.warnings, [])
        self.assertEqual(r.json["warnings"], [])
        self.assertEqual(s.eval("1 year to days").warnings, [])  # no calendar note either
        # a count of items still gives the other reading in its text
        self.assertIn("if TB is read as TiB", s.eval("1 TB to photos").text)
        s.warnings = True
        self.assertEqual(len(s.eval("1400 TB to GB").warnings), 1)
        s.warnings = 0
        self.assertIs(s.warnings, False)
        self.assertEqual(s.eval("1400 TB to GB").warnings, [])

    def test_closed(self):
        s = datascale.Session()
        s.close()
        with self.assertRaises(ValueError):
            s.warnings = False


class NewsroomWordingTest(unittest.TestCase):
    """Money and rates read as a newsroom writes them in `text`; `value`,
    `exact` and `unit` stay machine-readable, the unit a unit expression."""

    def test_money_and_rates(self):
        from fractions import Fraction
        s = datascale.Session()
        r = s.eval("$7.5 billion")
        self.assertEqual((r.text, r.exact, r.unit), ("$7.5 billion", Fraction(7500000000), "USD"))
        r = s.eval("1400 TB * $0.018 per GB per month")
        self.assertEqual((r.text, r.exact, r.unit), ("$25,200 a month", Fraction(25200), "USD/month"))
        r = s.eval("1400 TB / 6 months")
        self.assertEqual((r.text, r.exact, r.unit), ("\u2248 233.333 TB a month", Fraction(700, 3), "TB/month"))
        # the unit converts back: the same value in the unit given
        self.assertEqual(s.eval("1400 TB / 6 months to " + r.unit).exact, r.exact)
        self.assertEqual(s.convert([233], "TB/month", "TB/month"), [233])

    def test_unusual_unit_note(self):
        r = datascale.Session().eval("1400 TB / 1 Gbit / s")
        self.assertEqual((r.text, r.unit), ("11,200,000 1/s", "1/s"))
        self.assertTrue(any("grouped as 1400 TB / (1 Gbit / s) it gives" in w for w in r.warnings), r.warnings)


class SetLineTest(unittest.TestCase):
    """Lines "set ..." in Session.eval act as at the command's prompt."""

    def test_set_digits_binary_decimal_comma(self):
        s = datascale.Session(user_units=False)
        self.assertEqual(s.eval("1400 TB to TiB").text, "\u2248 1,273.29 TiB")
        r = s.eval("set digits 4")
        self.assertTrue(r.ok)
        self.assertIsNone(r.value)
        self.assertEqual(r.unit, "")
        self.assertTrue(r.text.startswith("digits 4, "), r.text)
        self.assertEqual(s.digits, 4)
        self.assertEqual(s.eval("1400 TB to TiB").text, "\u2248 1,273 TiB")
        s.eval("set binary on")
        self.assertTrue(s.binary)
        self.assertEqual(s.eval("1 TB to GB").value, 1024)
        s.eval("set binary off  # back to decimal")
        self.assertFalse(s.binary)
        s.eval("set decimal-comma on")
        self.assertTrue(s.decimal_comma)
        self.assertEqual(s.eval("1,5 MB to kB").value, 1500)

    def test_bad_set_line(self):
        s = datascale.Session(user_units=False)
        with self.assertRaises(datascale.Error) as c:
            s.eval("set digits 0")
        self.assertEqual(c.exception.message, "set digits wants a number from 1 to 1000, not '0'")
        self.assertEqual(c.exception.column, 12)
        self.assertEqual(s.digits, 6)
        r = s.eval("set binary maybe", errors="return")
        self.assertFalse(r.ok)
        self.assertEqual(r.json["error"]["message"], "set binary wants on or off, not 'maybe'")

    def test_set_is_still_a_name(self):
        s = datascale.Session(user_units=False)
        s.eval("set = 5")
        self.assertEqual(s.eval("set * 2").value, 10)


class UserUnitsTest(unittest.TestCase):
    """The module reads the user's units file as the command does."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="ds-userunits-")
        os.chmod(self.tmp, 0o700)
        self.dir = os.path.join(self.tmp, "datascale")
        os.mkdir(self.dir, 0o700)
        self.file = os.path.join(self.dir, "units")
        with open(self.file, "w") as f:
            f.write("doohickey = 5 MB\n")
        os.chmod(self.file, 0o600)
        self.env = {k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "DATASCALE_UNITS_FILE")}
        os.environ["XDG_CONFIG_HOME"] = self.tmp
        os.environ.pop("DATASCALE_UNITS_FILE", None)

    def tearDown(self):
        for k, v in self.env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(self.tmp)

    def test_same_answer_as_the_command(self):
        s = datascale.Session()
        self.assertEqual(s.user_units_path, self.file)
        r = s.eval("1400 TB to doohickeys")
        self.assertEqual(r.value, 280_000_000)
        command = os.environ.get("DATASCALE")
        if command:
            out = subprocess.run([command, "--json", "1400 TB to doohickeys"], capture_output=True,
                                 text=True, timeout=600).stdout
            self.assertEqual(json.loads(out)["text"], r.text)

    def test_switch_off(self):
        s = datascale.Session(user_units=False)
        self.assertIsNone(s.user_units_path)
        with self.assertRaises(datascale.Error):
            s.eval("1400 TB to doohickeys")

    def test_named_by_the_environment(self):
        other = os.path.join(self.tmp, "other.units")
        with open(other, "w") as f:
            f.write("gizmo = 7 MB\n")
        os.environ["DATASCALE_UNITS_FILE"] = other
        s = datascale.Session()
        self.assertEqual(s.eval("7 MB to gizmos").value, 1)
        os.environ["DATASCALE_UNITS_FILE"] = other + ".missing"
        with self.assertRaises(datascale.Error) as c:
            datascale.Session()
        self.assertIn("user_units=False", c.exception.message)

    def test_refused_when_writable_by_others(self):
        os.chmod(self.file, 0o666)
        with self.assertRaises(datascale.Error) as c:
            datascale.Session()
        self.assertIn("writable by others", c.exception.message)
        self.assertIsNotNone(datascale.Session(user_units=False))

    def test_error_in_the_file(self):
        with open(self.file, "w") as f:
            f.write("doohickey = 5 frobs\n")
        with self.assertRaises(datascale.Error) as c:
            datascale.Session()
        self.assertIn(self.file, c.exception.message)

    def test_default_session_switch(self):
        out = run_python("import datascale\n"
                         "datascale.USER_UNITS = False\n"
                         "r = datascale.eval('1400 TB to doohickeys', errors='return')\n"
                         "print(r.ok)\n")
        self.assertEqual(out, "False\n")
        out = run_python("import datascale\n"
                         "print(datascale.eval('1400 TB to doohickeys').value)\n")
        self.assertEqual(out, "280000000.0\n")


class LocaleTest(unittest.TestCase):
    """Under a comma-decimal locale the rows still parse and read the same."""

    def test_de_de(self):
        import locale
        saved = locale.setlocale(locale.LC_ALL, None)
        for name in ("de_DE.UTF-8", "de_DE.utf8"):
            try:
                locale.setlocale(locale.LC_ALL, name)
                break
            except locale.Error:
                continue
        else:
            self.skipTest("the de_DE.UTF-8 locale is not installed (Debian package locales-all)")
        try:
            self.assertEqual(locale.localeconv()["decimal_point"], ",")
            s = datascale.Session(user_units=False)
            r = s.eval("1400 TB to TiB")
            self.assertEqual(r.json["value"], 1273.2925824820995)
            self.assertEqual(r.value, 1273.2925824820995)
            self.assertEqual(s.eval("1.5 MB").json["value"], 1.5)
            r = s.eval("1 MB .. 2.5 MB")
            self.assertEqual((r.json["low"], r.json["high"]), (1, 2.5))
            self.assertEqual(s.eval("2.86 MB").text, "2.86 MB")
        finally:
            locale.setlocale(locale.LC_ALL, saved)


if __name__ == "__main__":
    from runner import main
    sys.exit(main(__name__))
