# SPDX-License-Identifier: LGPL-3.0-or-later
"""datascale: exact arithmetic on data sizes, from Python.

A pure-Python ctypes binding of libdatascale (no compiler needed):

    >>> import datascale
    >>> r = datascale.eval("1400 TB to TiB")
    >>> r.value, r.exact, r.unit
    (1273.2925824820995, Fraction(42724609375, 33554432), 'TiB')
    >>> s = datascale.Session(assume={"photo": "4 MB"})
    >>> s.eval("1400 TB to photos").exact
    Fraction(350000000, 1)
    >>> list(datascale.convert([1, 2.5], "TB", "GB"))
    [1000.0, 2500.0]

Errors raise datascale.Error (a ValueError) with .message, .column and
.status. Results display richly in Jupyter (the result card). `import
datascale.pandas` gives pandas Series a `.ds` accessor:
`s.ds.convert("TB", "photos")`, `s.ds.eval(to="TB")`.
"""

import ctypes
import json as _json
import math
import numbers
import operator
import sys
import threading
import weakref
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _digits
from . import _display
from . import _lib
from . import _userunits
from ._lib import (  # noqa: F401 (re-exported constants)
    OK, E_SYNTAX, E_INCOMPLETE, E_UNKNOWN, E_DIMENSION, E_DOMAIN, E_LIMIT,
    E_ENCODING, E_DEFS, E_NOMEM, E_CANCELLED, E_ARG,
    LIMIT_DEPTH, LIMIT_LINE, LIMIT_RESULT_BITS, LIMIT_DIGITS, LIMIT_PRECISION, LIMIT_WORK,
)

# Not "eval": `from datascale import *` must not shadow the builtin eval().
# datascale.eval stays the way to call it.
__all__ = [
    "reset", "convert", "read", "Session", "Result", "Error", "default_session",
    "register_pandas", "library_version", "library_path", "ABI",
    "OK", "E_SYNTAX", "E_INCOMPLETE", "E_UNKNOWN", "E_DIMENSION", "E_DOMAIN", "E_LIMIT",
    "E_ENCODING", "E_DEFS", "E_NOMEM", "E_CANCELLED", "E_ARG",
    "LIMIT_DEPTH", "LIMIT_LINE", "LIMIT_RESULT_BITS", "LIMIT_DIGITS", "LIMIT_PRECISION", "LIMIT_WORK",
]

#: The version of the loaded libdatascale ("MAJOR.MINOR.PATCH", its
#: ds_version()). The module ships with the library, so it is also the
#: module's version: configure.ac's AC_INIT is the one place it is written.
library_version = _lib.version
__version__ = library_version
#: The path (or soname) libdatascale was loaded from.
library_path = _lib.path
#: The ABI number of the loaded library (checked at import).
ABI = _lib.ABI

#: Whether the rich display of a Result includes application/json. Off by
#: default: JupyterLab and Notebook 7 rank their JSON viewer above HTML, so a
#: JSON bundle would hide the result card (its text, exact value, sources
#: and notes). A front end that asks for application/json by `include`
#: still gets it; Result.json holds the row either way.
DISPLAY_JSON = False

_lib_ = _lib.lib


# Unicode's Default_Ignorable_Code_Point, which holds every bidi control:
# the characters the library refuses in names. The caret line of an Error
# shows them as <U+XXXX>, so that it neither hides nor reorders text.
_INVISIBLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
              (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
              (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
              (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
              (0xE0000, 0xE0FFF))


def _shown(ch):
    cp = ord(ch)
    if cp >= 0xAD and any(lo <= cp <= hi for lo, hi in _INVISIBLE):
        return "<U+%04X>" % cp
    return ch


class Error(ValueError):
    """An expression or call that libdatascale refused.

    Attributes: message (str), column (1-based, in characters, or None),
    status (one of the E_* constants), status_name ("E_DIMENSION"...),
    input (the expression, or None), start/end (byte span in the input, or
    None) and result (the failed Result, for an evaluation).
    """

    def __init__(self, message: str, column: Optional[int] = None, status: int = E_ARG,
                 input: Optional[str] = None, start: Optional[int] = None,
                 end: Optional[int] = None, result: Optional["Result"] = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.status = status
        self.input = input
        self.start = start
        self.end = end
        self.result = result

    @property
    def status_name(self) -> str:
        return _lib.STATUS_NAMES.get(self.status, str(self.status))

    def __str__(self):
        s = self.message
        if self.column is not None:
            s += " (column %d)" % self.column
            if self.input is not None and "\n" not in self.input:
                shown = [_shown(c) for c in self.input]
                pad = sum(len(c) for c in shown[:self.column - 1])
                s += "\n  %s\n  %s^" % ("".join(shown), " " * pad)
        return s

    def __repr__(self):
        return "datascale.Error(%r, column=%r, status=%s)" % (
            self.message, self.column, self.status_name)


# An exact value ("N" or "N/D") as a Fraction, at any size (Python 3.11+
# refuses int(str) past 4,300 digits; see _digits).
_fraction = _digits.fraction


class Result:
    """One evaluated line. Every field is copied out of the library at once.

    value        float in `unit`; None for a range, a command or an error
    exact        fractions.Fraction, or None when not exactly rational
    low, high    a range's bounds (Fractions when exact, else floats); None for a point
    unit         the unit the number is in ("" when dimensionless)
    text         the human line exactly as the command prints it
    terse        the number alone, as `datascale --terse` prints it
    name         the name bound by an assignment, else None
    item         what a count counts ("photo"): a count of catalogue items, a
                 conversion to one, or a check of one; else None
    count        that count as a float (None for a range or no count)
    verdict      a check's verdict: "holds", "close", "plausible" or "off"; else None
    off          a check's relative difference, claimed / actual - 1 (float)
    actual       what the claim is measured against: the ratio A / C or A / B,
                 the count at the assumed size, or the size of the items (bytes)
    implied      a count check's size of one item the claim implies (bytes)
    reading      the reading of KB..QB the verdict was reached in
    assumptions  [{"name", "value", "source"}, ...] the result used
    warnings     [str, ...]
    json         the JSON Lines object as a dict (as `datascale --json` prints it;
                 the same keys for every row, docs/datascale-row.schema.json)
    ok, status   True and OK, unless obtained with errors="return"
    error        the Error when ok is False
    """

    input: str
    ok: bool
    status: int
    text: str
    terse: str
    unit: str
    value: Optional[float]
    exact: Optional[Fraction]
    is_range: bool
    low: Optional[Union[Fraction, float]]
    high: Optional[Union[Fraction, float]]
    name: Optional[str]
    assumptions: List[Dict[str, Optional[str]]]
    warnings: List[str]
    json: Dict[str, Any]
    error: Optional["Error"]

    __slots__ = ("input", "ok", "status", "text", "terse", "unit", "value", "exact",
                 "is_range", "low", "high", "name", "item", "count", "verdict", "off",
                 "actual", "implied", "reading", "assumptions", "warnings", "json",
                 "error", "rows", "_explain", "_explain_md", "__weakref__")

    @classmethod
    def _from_handle(cls, r, line=0):
        L = _lib_
        d = _lib.decode
        self = cls.__new__(cls)
        self.input = d(L.ds_result_input(r))
        self.status = L.ds_result_status(r)
        self.ok = bool(L.ds_result_ok(r))
        self.text = d(L.ds_result_text(r))
        self.terse = d(L.ds_result_terse(r))
        self.unit = d(L.ds_result_unit(r))
        self.is_range = bool(L.ds_result_is_range(r))
        value = L.ds_result_value(r)
        self.value = None if (self.is_range or math.isnan(value)) else value
        self.exact = _fraction(d(L.ds_result_exact(r)))
        if self.is_range:
            lo, hi = d(L.ds_result_low_exact(r)), d(L.ds_result_high_exact(r))
            self.low = _fraction(lo) if lo is not None else L.ds_result_low(r)
            self.high = _fraction(hi) if hi is not None else L.ds_result_high(r)
        else:
            self.low = self.high = None
        self.name = d(L.ds_result_name(r))
        self.item = d(L.ds_result_item(r))
        self.verdict = d(L.ds_result_verdict(r))
        self.reading = d(L.ds_result_reading(r))
        for field in ("count", "off", "actual", "implied"):
            x = getattr(L, "ds_result_" + field)(r)
            setattr(self, field, None if math.isnan(x) else x)
        self.warnings = [d(L.ds_result_warning(r, i))
                         for i in range(L.ds_result_warning_count(r))]
        self.assumptions = [
            {"name": d(L.ds_result_assumption_name(r, i)),
             "value": d(L.ds_result_assumption_value(r, i)),
             "source": d(L.ds_result_assumption_source(r, i))}
            for i in range(L.ds_result_assumption_count(r))]
        self._explain = d(L.ds_result_explain(r, 0))
        self._explain_md = d(L.ds_result_explain(r, 1))
        text = _lib.take_string(L.ds_result_json(r, line))
        self.json = _json.loads(text) if text else {}
        # The session keeps explanations on; .json is the row of `datascale --json`.
        self.json.pop("explain", None)
        # A sweep ("EXPR for NAME in ..."): one Result per value.
        self.rows = [cls._from_handle(L.ds_result_row(r, i), line)
                     for i in range(L.ds_result_row_count(r))]
        self.error = None
        if not self.ok:
            column = L.ds_result_error_column(r)
            self.error = Error(self.text, column if column > 0 else None, self.status,
                               self.input, result=self)
        return self

    def explain(self, markdown: bool = False) -> Optional[str]:
        """The derivation step by step (plain text, or Markdown); None when
        there is none (commands, errors)."""
        return self._explain_md if markdown else self._explain

    def __float__(self):
        if self.value is None:
            what = "a range" if self.is_range else "this result"
            raise TypeError("%s has no single value (%r)" % (what, self.text))
        return self.value

    def __str__(self):
        return self.text

    def __repr__(self):
        parts = ["%r" % self.input, "text=%r" % self.text]
        if self.is_range:
            parts.append("low=%s, high=%s" % (_repr_number(self.low), _repr_number(self.high)))
        elif self.value is not None:
            parts.append("value=%r" % self.value)
        if self.unit:
            parts.append("unit=%r" % self.unit)
        if not self.ok:
            parts.append("status=%s" % _lib.STATUS_NAMES.get(self.status, self.status))
        return "datascale.Result(%s)" % ", ".join(parts)

    def _repr_pretty_(self, p, cycle):
        p.text(self.text)

    def _repr_html_(self):
        return _display.html(self)

    def _repr_markdown_(self):
        return _display.markdown(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": self.text, "text/html": _display.html(self)}
        if DISPLAY_JSON or (include and "application/json" in include):
            bundle["application/json"] = self.json
        if include:
            bundle = {k: v for k, v in bundle.items() if k in include}
        if exclude:
            bundle = {k: v for k, v in bundle.items() if k not in exclude}
        return bundle


_numpy_module = False  # not looked for yet


def _numpy():
    global _numpy_module
    if _numpy_module is False:
        try:
            import numpy
        except ImportError:
            numpy = None
        _numpy_module = numpy
    return _numpy_module


def _encode_unit(u, what):
    if not isinstance(u, str):
        raise TypeError("%s must be a str (a unit expression such as 'TB')" % what)
    if "\0" in u:
        raise Error("NUL byte in the unit %r" % u, status=E_ENCODING)
    return u.encode("utf-8", "surrogatepass")


def _repr_number(x):
    """repr() of a bound: a Fraction of any size (repr of a Fraction past
    4,300 digits raises ValueError), or a float."""
    if isinstance(x, Fraction):
        return "Fraction(%s, %s)" % (_digits.int_to_str(x.numerator),
                                     _digits.int_to_str(x.denominator))
    return repr(x)


def _literal(value):
    """A Python value as datascale source text for an assignment: a str as
    it is, a number exactly (of any size)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("an assumption cannot be a bool")
    if isinstance(value, (float, Decimal)):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if not finite:
            raise ValueError("an assumption must be finite, not %r" % (value,))
        value = Fraction(value)  # exact: the double or decimal as it is
    elif isinstance(value, numbers.Integral):
        value = operator.index(value)
    elif isinstance(value, numbers.Rational):
        value = Fraction(operator.index(value.numerator), operator.index(value.denominator))
    else:
        raise TypeError("an assumption is a str expression (\"4 MB\") or a number, not %s"
                        % type(value).__name__)
    text = _digits.fraction_to_str(value)
    return "(%s)" % text if "/" in text else text


def _flag(value, what):
    """A setting that is on or off: True/False or 1/0 (NumPy's too), never a
    str ("false" would be true)."""
    if not isinstance(value, (str, bytes, bytearray)):
        try:
            if value == 1 or value == 0:
                return bool(value)
        except (TypeError, ValueError):  # an array, or an odd __eq__
            pass
    raise TypeError("%s is True or False, not %r" % (what, value))


def _c_text(text, what):
    """A str or bytes argument as the bytes C reads (str as UTF-8, lone
    surrogates passed through for the library to report)."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    raise TypeError("%s is a str, not %s" % (what, type(text).__name__))


def _c_string(text, what, none_ok=False):
    """A str argument as a NUL-terminated UTF-8 string for C (None passes
    when none_ok)."""
    if text is None and none_ok:
        return None
    if not isinstance(text, str):
        raise TypeError("%s must be a str%s, not %s"
                        % (what, " or None" if none_ok else "", type(text).__name__))
    if "\0" in text:
        raise Error("NUL byte in %s %r" % (what, text), status=E_ENCODING)
    return text.encode("utf-8", "surrogatepass")


_C_INT_MIN = -(1 << (8 * ctypes.sizeof(ctypes.c_int) - 1))
_C_INT_MAX = (1 << (8 * ctypes.sizeof(ctypes.c_int) - 1)) - 1
_C_LONG_MAX = (1 << (8 * ctypes.sizeof(ctypes.c_long) - 1)) - 1

# A context of its own for questions about the language itself (is this a
# name? what range may a limit take?), so that the answers come from the
# library and not from rules copied here. Created on first use, kept for the
# life of the process, used under _probe_lock.
_probe_ctx = None
_probe_lock = threading.Lock()
_limit_ranges = {}


def _probe():
    global _probe_ctx
    if _probe_ctx is None:
        with _lib.defs_lock:
            ctx = _lib_.ds_ctx_new()
        if not ctx:
            raise MemoryError("datascale: cannot create a context")
        _probe_ctx = ctx
    return _probe_ctx


def _limit_range(which):
    """(lowest, highest) value the library takes for limit `which`: read by
    setting 0 (its minimum) and the largest C long (its maximum), as the
    command does."""
    with _probe_lock:
        r = _limit_ranges.get(which)
        if r is None:
            ctx = _probe()
            old = _lib_.ds_ctx_limit(ctx, which, 0)
            lo = _lib_.ds_ctx_limit(ctx, which, _C_LONG_MAX)
            hi = _lib_.ds_ctx_limit(ctx, which, old)
            r = _limit_ranges[which] = (lo, hi)
        return r


def _probe_eval(line):
    """Evaluates a line in the probe context (under _probe_lock): (status,
    the name bound or None, error start, error end)."""
    ctx = _probe()
    out = ctypes.c_void_p()
    status = _lib_.ds_eval(ctx, line, len(line), ctypes.byref(out))
    if not out.value:  # only when memory ran out
        raise MemoryError("datascale: out of memory")
    bound = _lib.decode(_lib_.ds_result_name(out.value))
    _lib_.ds_result_free(out.value)
    return status, bound, _lib_.ds_ctx_error_start(ctx), _lib_.ds_ctx_error_end(ctx)


def _check_name(name):
    """Raises unless `name` reads as one name in datascale: the library
    itself evaluates "NAME = 0" in the probe context and must bind exactly
    `name`. A name it reads whole but refuses to bind (a function, ans)
    passes, so that the assignment reports the library's own message: the
    refusal spans the whole name, and "reset NAME" reads it as one name
    (whatever it then says of it)."""
    if not isinstance(name, str):
        raise TypeError("a name must be a str, not %s" % type(name).__name__)
    src = name.encode("utf-8", "surrogatepass")
    with _probe_lock:
        status, bound, start, end = _probe_eval(src + b" = 0")
        if status == OK:
            _probe_eval(b"reset")  # forget it again
            if bound == name:
                return
        elif status == E_SYNTAX and (start, end) == (0, len(src)):
            status, _, start, end = _probe_eval(b"reset " + src)
            if status == OK or (status == E_UNKNOWN and (start, end) == (6, 6 + len(src))):
                return
    raise ValueError("%r is not a datascale name (one word of letters, digits and '_'"
                     " that does not start with a digit)" % (name,))


class Session:
    """An independent datascale session: variables, settings and limits.

    Session(assume={"photo": "4 MB"}, binary=False, digits=None,
            exact_text=False, defs=None, warnings=True, decimal_comma=False,
            user_units=True)

    assume      assignments made first, NAME -> expression (str) or number
                (int, Fraction, float, Decimal: exactly, at any size); each
                NAME must be one datascale name (ValueError otherwise)
    binary      read KB MB GB TB ... as powers of 1024 (like --binary):
                True or False
    digits      significant digits of approximate results (like --digits),
                1 to 1000 (ValueError outside)
    exact_text  add the exact rational to .text (like --exact): True or False
    defs        extra definitions (text in the syntax of data/units.def)
    warnings    results carry warnings (Result.warnings); False skips them
                and the work of making them, for batch work
    decimal_comma  read and write numbers as 1.400,5 (like --decimal-comma):
                True or False; values, exact fractions and .terse keep the
                decimal point
    user_units  read the user's units file first, as the command does:
                $DATASCALE_UNITS_FILE, or ~/.config/datascale/units
                ($XDG_CONFIG_HOME/datascale/units); False goes without it
                (like --no-user-units). A file that cannot be read, is
                refused (a link, writable by others) or has an error raises
                datascale.Error. The path read is in .user_units_path.

    Lines "set digits 4", "set binary on", "set decimal-comma on" (and the
    limits: "set max-work 100") given to eval() change the session, as at
    the command's prompt and in its batch files.

    A session may be used from several threads: calls are serialised by a
    lock, except cancel(). Explanations are always recorded (Result.explain).
    """

    def __init__(self, assume: Optional[Mapping[str, Any]] = None, binary: bool = False,
                 digits: Optional[int] = None, exact_text: bool = False,
                 defs: Optional[Union[str, bytes]] = None, warnings: bool = True,
                 decimal_comma: bool = False, user_units: bool = True) -> None:
        with _lib.defs_lock:
            ctx = _lib_.ds_ctx_new()
        if not ctx:
            raise MemoryError("datascale: cannot create a context")
        self._ctx = ctx
        self._lock = threading.RLock()
        self._count = 0  # the lines evaluated, for Result.json["line"]
        self._finalizer = weakref.finalize(self, _lib_.ds_ctx_free, ctx)
        _lib_.ds_ctx_set_explain(ctx, _lib.EXPLAIN_TEXT)
        self.binary = binary
        self.decimal_comma = decimal_comma
        self.warnings = warnings
        if digits is not None:
            self.digits = digits
        exact_text = _flag(exact_text, "exact_text")
        _lib_.ds_ctx_set_style(ctx, _lib.STYLE_EXACT if exact_text else _lib.STYLE_NORMAL)
        self.user_units_path = None
        if _flag(user_units, "user_units"):
            self._load_user_units()
        if defs is not None:
            self.load_defs(defs)
        if assume is not None and not hasattr(assume, "items"):
            raise TypeError("assume is a dict of NAME -> value, not %s" % type(assume).__name__)
        _lib_.ds_ctx_set_source(self._ctx, b"Session(assume=...)")
        try:
            for name, value in (assume or {}).items():
                self.assume(name, value)
        finally:
            _lib_.ds_ctx_set_source(self._ctx, None)

    def _load_user_units(self):
        try:
            path, text = _userunits.read()
        except OSError as e:
            why = "%s: %s" % (e.filename, e.strerror) if e.filename and e.strerror else str(e)
            raise Error("%s (user_units=False goes without it)" % why, status=E_DEFS) from None
        if path is not None:
            self.load_defs(text, path)
            self.user_units_path = path

    # -- life cycle ---------------------------------------------------------
    def _handle(self):
        if not self._finalizer.alive:
            raise ValueError("datascale: this Session is closed")
        return self._ctx

    def close(self) -> None:
        """Frees the context now (it is freed anyway when the Session is
        garbage-collected)."""
        with self._lock:
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = "closed" if not self._finalizer.alive else (
            "binary=%r, digits=%r" % (self.binary, self.digits))
        return "datascale.Session(%s)" % state

    # -- evaluation ---------------------------------------------------------
    def eval(self, expr: Union[str, bytes], errors: str = "raise") -> "Result":
        """Evaluates one line and returns its Result. On an error, raises
        datascale.Error, or with errors="return" returns the failed Result
        (ok False, .error set). The lines a session evaluates are numbered
        1, 2, ... in Result.json["line"], as the command numbers its -e
        expressions."""
        with self._lock:
            self._count += 1
            line = self._count
        return self._eval(expr, errors, line)

    def _eval(self, expr, errors, line):
        if not isinstance(errors, str):
            raise TypeError("errors must be 'raise' or 'return', not %r" % (errors,))
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return', not %r" % (errors,))
        src = _c_text(expr, "an expression")
        out = ctypes.c_void_p()
        with self._lock:
            ctx = self._handle()
            status = _lib_.ds_eval(ctx, src, len(src), ctypes.byref(out))
            if not out.value:  # only when memory ran out
                message = _lib.decode(_lib_.ds_ctx_errmsg(ctx)) or _lib.strerror(status)
                raise Error(message, None, status or E_NOMEM, _lib.decode(src))
            try:
                result = Result._from_handle(out.value, line)
            finally:
                _lib_.ds_result_free(out.value)
            if status != OK:
                start = _lib_.ds_ctx_error_start(ctx)
                end = _lib_.ds_ctx_error_end(ctx)
                if result.error is not None:
                    result.error.start = start if start >= 0 else None
                    result.error.end = end if end >= 0 else None
        if status != OK and errors == "raise":
            raise result.error
        return result

    def assume(self, name: str, value: Union[str, int, float, Fraction, Decimal]) -> "Result":
        """Assigns NAME = value (a str expression or a number, exactly, of any
        size) and returns the assignment's Result. Same as eval("NAME =
        value"), but NAME must be one datascale name (ValueError otherwise),
        so nothing else can be written into the line."""
        _check_name(name)
        return self._eval("%s = %s" % (name, _literal(value)), "raise", 0)

    def sweep(self, expr: str, name: str, values: Any) -> List[Dict[str, Any]]:
        """Evaluates expr once for each value of the assumption NAME (a str
        expression such as "2 MB", or a number, exactly), as the line "expr
        for NAME in V1, V2, ..." does, and returns one record per value: the
        row `datascale --json` prints, a dict a pandas.DataFrame takes as it
        is ("input", "ok", "value", "unit", "text", "assumptions", ...,
        "verdict" for a check). At most 100 values. A value that fails is a
        record with ok False and its "error"; when every value fails,
        datascale.Error is raised."""
        _check_name(name)
        if not isinstance(expr, str):
            raise TypeError("an expression is a str, not %s" % type(expr).__name__)
        texts = [_literal(v) for v in values]
        if not texts:
            raise ValueError("sweep needs at least one value")
        for t in texts:
            if ", " in t or ",\t" in t or not t.strip():
                raise ValueError("a sweep value cannot be empty or contain ', ': %r" % (t,))
        result = self.eval("%s for %s in %s" % (expr, name, ", ".join(texts)))
        return [row.json for row in result.rows]

    def reset(self, name: Optional[str] = None) -> "Result":
        """Restores the catalogue value of NAME, or with no name forgets every
        variable of the session (the `reset` command)."""
        if name is None:
            return self.eval("reset")
        _check_name(name)
        return self.eval("reset %s" % name)

    def cancel(self) -> None:
        """Asks the evaluation running on this session (in another thread) to
        stop with E_CANCELLED."""
        if self._finalizer.alive:
            _lib_.ds_ctx_cancel(self._ctx)

    def load_defs(self, text: Union[str, bytes], name: str = "<python>") -> None:
        """Loads definitions (the syntax of data/units.def) from a string. On
        error nothing of it is kept and datascale.Error is raised."""
        if isinstance(text, str):
            data = text.encode("utf-8", "surrogatepass")
        elif isinstance(text, (bytes, bytearray)):
            data = bytes(text)
        else:
            raise TypeError("definitions are a str (or bytes), not %s" % type(text).__name__)
        cname = _c_string(name, "the name of the definitions")
        with self._lock:
            ctx = self._handle()
            with _lib.defs_lock:
                status = _lib_.ds_ctx_load_defs(ctx, data, len(data), cname)
            if status != OK:
                message = _lib.decode(_lib_.ds_ctx_errmsg(ctx)) or _lib.strerror(status)
                raise Error(message, None, status)

    # -- conversion of many numbers -----------------------------------------
    def _convert_raw(self, pin, pout, n, src, dst):
        with self._lock:
            ctx = self._handle()
            status = _lib_.ds_convert_many(ctx, pin, pout, n, src, dst)
            if status != OK:
                message = _lib.decode(_lib_.ds_ctx_errmsg(ctx)) or _lib.strerror(status)
                start = _lib_.ds_ctx_error_start(ctx)
                end = _lib_.ds_ctx_error_end(ctx)
                raise Error(message, None, status, None,
                            start if start >= 0 else None, end if end >= 0 else None)

    def convert(self, values: Any, from_unit: str, to_unit: str) -> Any:
        """Converts numbers from one unit to another in one library call
        (ds_convert_many): out = value * from_unit / to_unit, the factor exact
        and each element rounded once.

        values: a number, a list or tuple (or any iterable), a NumPy array or
        a pandas Series. Returns a float for a number, a Series for a Series,
        otherwise a NumPy array of the same shape when NumPy is importable and
        a list when not. Catalogue items and session variables are units too:
        convert(sizes, "TB", "photos")."""
        src = _encode_unit(from_unit, "from_unit")
        dst = _encode_unit(to_unit, "to_unit")
        np = _numpy()
        pd = sys.modules.get("pandas")
        if pd is not None and isinstance(values, pd.Series):
            if np is None:  # pandas always brings NumPy; keep the guard anyway
                raise ImportError("converting a Series needs NumPy")
            arr = np.array(values.to_numpy(dtype=np.float64, na_value=np.nan),
                           dtype=np.float64, order="C", copy=True)
            self._convert_array(np, arr, src, dst)
            return pd.Series(arr, index=values.index, name=values.name)
        if isinstance(values, numbers.Real):
            buf = (ctypes.c_double * 1)(float(values))
            self._convert_raw(buf, buf, 1, src, dst)
            return buf[0]
        if isinstance(values, (str, bytes)):
            raise TypeError("convert() takes numbers, not a string: use eval() for expressions")
        if values is None:
            raise TypeError("convert() takes a number or numbers, not None")
        if not hasattr(values, "__len__") and not hasattr(values, "__array__"):
            values = list(values)  # a generator or another one-pass iterable
        if np is not None:
            arr = np.array(values, dtype=np.float64, order="C", copy=True)
            self._convert_array(np, arr, src, dst)
            return arr
        seq = [float(v) for v in values]
        buf = (ctypes.c_double * len(seq))(*seq)
        self._convert_raw(buf, buf, len(seq), src, dst)
        return list(buf)

    def _convert_array(self, np, arr, src, dst):
        flat = arr.reshape(-1)  # a view: arr is C-contiguous
        p = flat.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        self._convert_raw(p, p, flat.size, src, dst)  # in place, as the API allows

    # -- settings -------------------------------------------------------------
    @property
    def binary(self) -> bool:
        """True when KB MB GB TB ... are read as powers of 1024."""
        with self._lock:
            return bool(_lib_.ds_ctx_binary(self._handle()))

    @binary.setter
    def binary(self, on: bool) -> None:
        on = _flag(on, "binary")
        with self._lock:
            _lib_.ds_ctx_set_binary(self._handle(), 1 if on else 0)

    @property
    def decimal_comma(self) -> bool:
        """True when numbers are read and written as 1.400,5: ',' is the
        decimal comma and '.' groups thousands. The line "set decimal-comma
        on|off" changes it too."""
        with self._lock:
            return bool(_lib_.ds_ctx_decimal_comma(self._handle()))

    @decimal_comma.setter
    def decimal_comma(self, on: bool) -> None:
        on = _flag(on, "decimal_comma")
        with self._lock:
            _lib_.ds_ctx_set_decimal_comma(self._handle(), 1 if on else 0)

    @property
    def warnings(self) -> bool:
        """True (the default) when results carry warnings (Result.warnings:
        another reading of KB..YB that changes the answer, calendar caveats).
        When False, results carry none and the library skips the second
        evaluation under the other reading of KB..YB unless the text needs
        it (a count of items): for batch work that discards the notes."""
        return self._warnings

    @warnings.setter
    def warnings(self, on: bool) -> None:
        with self._lock:
            status = _lib_.ds_ctx_set_warnings(self._handle(), 1 if on else 0)
            if status != OK:
                raise Error(_lib.strerror(status), None, status)
            self._warnings = bool(on)

    @property
    def digits(self) -> int:
        """Significant digits of approximate results (default 6)."""
        return self.limit(LIMIT_DIGITS)

    @digits.setter
    def digits(self, n: int) -> None:
        self.limit(LIMIT_DIGITS, n)

    def limit(self, which: Union[int, str], value: Optional[int] = None) -> int:
        """Reads a limit, or sets it and returns the value before. `which` is
        a LIMIT_* constant or one of "depth", "line", "result_bits", "digits",
        "precision", "work" (millions of steps one call may take: the library
        refuses a call past it, since Python cannot interrupt a ctypes call).
        `value` is an int in the library's range for that limit (as the
        command's options: digits 1 to 1000, depth 1 to 5000, ...); any other
        raises ValueError (TypeError for a float or a str) and changes
        nothing."""
        if isinstance(which, str):
            try:
                which = _lib.LIMITS[which]
            except KeyError:
                raise ValueError("unknown limit %r (one of %s)"
                                 % (which, ", ".join(_lib.LIMITS))) from None
        elif isinstance(which, bool) or not isinstance(which, numbers.Integral):
            raise TypeError("a limit is a LIMIT_* constant or a name such as 'digits', not %r"
                            % (which,))
        else:
            which = operator.index(which)
            if which not in _lib.LIMITS.values():
                raise ValueError("unknown limit id %r" % (which,))
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError("a limit is an int, not %s" % type(value).__name__)
            value = operator.index(value)
            lo, hi = _limit_range(which)
            if not lo <= value <= hi:
                name = [k for k, v in _lib.LIMITS.items() if v == which][0]
                raise ValueError("the limit %s wants a number from %d to %d, not %s"
                                 % (name, lo, hi, _digits.int_to_str(value)))
        with self._lock:
            old = _lib_.ds_ctx_limit(self._handle(), which, -1 if value is None else value)
        if old < 0:
            raise ValueError("unknown limit id %r" % (which,))
        return old

    # -- listings -------------------------------------------------------------
    def _lines(self, fn, *args):
        with self._lock:
            text = _lib.take_string(fn(self._handle(), *args))
        if text is None:
            raise MemoryError("datascale: out of memory")
        return [line for line in text.split("\n") if line]

    def read(self, text: Union[str, bytes], name: Optional[str] = None,
             problems: Optional[List[str]] = None) -> List[Dict[str, Any]]:
        """Reads a story (plain text, Markdown or HTML) and returns its
        data-size claims, checked in this session (its assumptions count),
        one dict per finding in the order of the text, with the keys of
        `datascale --read --json`: file, line, column, quote, kind
        ("quantity", "change", "equivalent", "time"), verdict ("holds",
        "close", "plausible", "off", "unchecked", "reported"), text (the
        reason), expression (the datascale line that reproduces it) and
        figures (the figures used: quote, line, column, value). `name` is
        the file name the findings cite. Bytes that are not text (invalid
        UTF-8, control bytes) and skipped HTML are appended to `problems`
        when a list is given, "LINE:COLUMN: what". Raises datascale.Error
        (E_ENCODING) for a binary file."""
        src = _c_text(text, "a story")
        nm = None if name is None else _c_string(name, "the name")
        out = ctypes.c_void_p()
        with self._lock:
            ctx = self._handle()
            status = _lib_.ds_read(ctx, src, len(src), nm, ctypes.byref(out))
            if status != OK:
                message = _lib.decode(_lib_.ds_ctx_errmsg(ctx)) or _lib.strerror(status)
                raise Error(message, None, status, None)
            try:
                rows = _lib.decode(_lib_.ds_story_json(out.value))
                if rows is None:
                    raise MemoryError("datascale: out of memory")
                if problems is not None:
                    for i in range(_lib_.ds_story_problem_count(out.value)):
                        problems.append(_lib.decode(_lib_.ds_story_problem(out.value, i)))
            finally:
                _lib_.ds_story_free(out.value)
        return [_json.loads(line) for line in rows.split("\n") if line]

    def completions(self, prefix: str = "") -> List[str]:
        """Every name starting with `prefix` that the language accepts
        (functions as "name("), sorted, without duplicates."""
        lines = self._lines(_lib_.ds_ctx_completions, _c_string(prefix, "the prefix"))
        return sorted(set(lines), key=lines.index)

    def units(self, filter: Optional[str] = None) -> List[str]:
        """Units and catalogue items with a word starting with `filter` (any
        case; several words match words in a row; None for all), each "name
        (spellings) = definition -- description"."""
        return self._lines(_lib_.ds_ctx_units, _c_string(filter, "the filter", none_ok=True) or None)

    def catalogue(self, filter: Optional[str] = None) -> List[Dict[str, Any]]:
        """The catalogue items (those with a word starting with `filter`, as
        in units()), one dict each, as `datascale --json --list` writes them:
        name, plural, spellings, definition, bytes, range, low, high (bytes),
        about, source, url, year, reading, compare, and overridden (the
        session's value of the item, or None). pandas.DataFrame takes the
        list as it is."""
        lines = self._lines(_lib_.ds_ctx_units_json, _c_string(filter, "the filter", none_ok=True) or None)
        rows = [_json.loads(line) for line in lines]
        return [{k: v for k, v in row.items() if k != "kind"} for row in rows if row["kind"] == "item"]

    def assumptions(self, changed: bool = False) -> List[str]:
        """Every assumption in force, "NAME = VALUE -- where it came from" (the
        catalogue's source and year, a units file's path and line, this
        session or Session(assume=...), with the catalogue value it
        replaced), one str a line: the REPL's `assumptions` listing. With
        changed=True only what differs from the catalogue (`assumptions
        changed`)."""
        return self._lines(_lib_.ds_ctx_assumptions_changed if changed else _lib_.ds_ctx_assumptions)


_default = None
_default_lock = threading.Lock()

#: Whether the default session (datascale.eval, reset, convert) reads the
#: user's units file, as the command does; set it to False before the first
#: call to go without (like the command's --no-user-units).
USER_UNITS = True


def default_session() -> "Session":
    """The module-level Session used by datascale.eval, reset and convert."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Session(user_units=USER_UNITS)
    return _default


def eval(expr: Union[str, bytes], errors: str = "raise") -> Result:  # noqa: A001 (not in __all__)
    """Evaluates one line in the default session (see Session.eval)."""
    return default_session().eval(expr, errors=errors)


def read(text: Union[str, bytes], name: Optional[str] = None,
         problems: Optional[List[str]] = None) -> List[Dict[str, Any]]:
    """Reads a story in the default session (see Session.read)."""
    return default_session().read(text, name=name, problems=problems)


def reset(name: Optional[str] = None) -> Result:
    """`reset` in the default session (see Session.reset)."""
    return default_session().reset(name)


def convert(values: Any, from_unit: str, to_unit: str, session: Optional["Session"] = None) -> Any:
    """Converts many numbers in one library call (see Session.convert)."""
    if session is not None and not isinstance(session, Session):
        raise TypeError("session must be a datascale.Session or None, not %s"
                        % type(session).__name__)
    return (session or default_session()).convert(values, from_unit, to_unit)


def strerror(status: int) -> str:
    """The library's short English description of a status code."""
    status = operator.index(status)
    return _lib.strerror(status if _C_INT_MIN <= status <= _C_INT_MAX else -1)


def register_pandas() -> bool:
    """Registers the pandas Series accessor `.ds` (the same as `import
    datascale.pandas`). Returns True."""
    import importlib
    importlib.import_module("datascale.pandas")
    return True
