# SPDX-License-Identifier: LGPL-3.0-or-later
"""Loading libdatascale and declaring its C interface (ctypes).

The library is looked for, in order, at
  1. the path in the environment variable DATASCALE_LIBRARY (and only there
     when it is set: an explicit choice never falls back silently);
  2. libdatascale.so.<ABI> next to this file, in the package's directory (a
     package that carries its own copy of the library);
  3. the path written into _config.py by `make install` ($(libdir));
  4. the soname, libdatascale.so.<ABI>, through the dynamic loader (an
     installed libdatascale, as after `pip install ./python`);
  5. ctypes.util.find_library("datascale").
Every function of include/datascale.h gets its argtypes and restype here.
"""

import ctypes
import ctypes.util
import os
import threading

ABI = 2  # the DS_ABI this module was written for
SONAME = "libdatascale.so.%d" % ABI

# Status codes (enum in datascale.h).
OK = 0
E_SYNTAX = 1
E_INCOMPLETE = 2
E_UNKNOWN = 3
E_DIMENSION = 4
E_DOMAIN = 5
E_LIMIT = 6
E_ENCODING = 7
E_DEFS = 8
E_NOMEM = 9
E_CANCELLED = 10
E_ARG = 11

STATUS_NAMES = {
    OK: "OK", E_SYNTAX: "E_SYNTAX", E_INCOMPLETE: "E_INCOMPLETE", E_UNKNOWN: "E_UNKNOWN",
    E_DIMENSION: "E_DIMENSION", E_DOMAIN: "E_DOMAIN", E_LIMIT: "E_LIMIT",
    E_ENCODING: "E_ENCODING", E_DEFS: "E_DEFS", E_NOMEM: "E_NOMEM",
    E_CANCELLED: "E_CANCELLED", E_ARG: "E_ARG",
}

# Limits (ds_ctx_limit ids).
LIMIT_DEPTH = 0
LIMIT_LINE = 1
LIMIT_RESULT_BITS = 2
LIMIT_DIGITS = 3
LIMIT_PRECISION = 4
LIMIT_WORK = 5
LIMITS = {
    "depth": LIMIT_DEPTH, "line": LIMIT_LINE, "result_bits": LIMIT_RESULT_BITS,
    "digits": LIMIT_DIGITS, "precision": LIMIT_PRECISION, "work": LIMIT_WORK,
}

# Text styles (ds_style), explain modes (ds_explain) and warnings (ds_warnings).
STYLE_NORMAL = 0
STYLE_EXACT = 1
EXPLAIN_OFF = 0
EXPLAIN_TEXT = 1
EXPLAIN_MARKDOWN = 2
WARNINGS_OFF = 0
WARNINGS_ON = 1
WARNINGS_BATCH = 2

_c_char_p = ctypes.c_char_p
_c_void_p = ctypes.c_void_p
_c_int = ctypes.c_int
_c_long = ctypes.c_long
_c_size_t = ctypes.c_size_t
_c_double = ctypes.c_double
_PDOUBLE = ctypes.POINTER(ctypes.c_double)

# name: (restype, argtypes). Owned `char *` results are declared c_void_p so
# that the pointer survives to be handed back to ds_free().
_PROTOTYPES = {
    "ds_version": (_c_char_p, []),
    "ds_abi": (_c_int, []),
    "ds_free": (None, [_c_void_p]),
    "ds_strerror": (_c_char_p, [_c_int]),
    "ds_ctx_new": (_c_void_p, []),
    "ds_ctx_free": (None, [_c_void_p]),
    "ds_ctx_limit": (_c_long, [_c_void_p, _c_int, _c_long]),
    "ds_ctx_set_binary": (_c_int, [_c_void_p, _c_int]),
    "ds_ctx_binary": (_c_int, [_c_void_p]),
    "ds_ctx_set_decimal_comma": (_c_int, [_c_void_p, _c_int]),
    "ds_ctx_decimal_comma": (_c_int, [_c_void_p]),
    "ds_ctx_set_style": (_c_int, [_c_void_p, _c_int]),
    "ds_ctx_set_warnings": (_c_int, [_c_void_p, _c_int]),
    "ds_ctx_set_explain": (_c_int, [_c_void_p, _c_int]),
    "ds_ctx_completions": (_c_void_p, [_c_void_p, _c_char_p]),
    "ds_ctx_units": (_c_void_p, [_c_void_p, _c_char_p]),
    "ds_ctx_assumptions": (_c_void_p, [_c_void_p]),
    "ds_ctx_units_json": (_c_void_p, [_c_void_p, _c_char_p]),
    "ds_ctx_load_defs": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _c_char_p]),
    "ds_eval": (_c_int, [_c_void_p, _c_char_p, _c_size_t, ctypes.POINTER(_c_void_p)]),
    "ds_ctx_cancel": (None, [_c_void_p]),
    "ds_ctx_errcode": (_c_int, [_c_void_p]),
    "ds_ctx_errmsg": (_c_char_p, [_c_void_p]),
    "ds_ctx_error_start": (_c_long, [_c_void_p]),
    "ds_ctx_error_end": (_c_long, [_c_void_p]),
    "ds_convert_many": (_c_int, [_c_void_p, _PDOUBLE, _PDOUBLE, _c_size_t, _c_char_p, _c_char_p]),
    "ds_result_free": (None, [_c_void_p]),
    "ds_result_ok": (_c_int, [_c_void_p]),
    "ds_result_status": (_c_int, [_c_void_p]),
    "ds_result_input": (_c_char_p, [_c_void_p]),
    "ds_result_text": (_c_char_p, [_c_void_p]),
    "ds_result_terse": (_c_char_p, [_c_void_p]),
    "ds_result_unit": (_c_char_p, [_c_void_p]),
    "ds_result_value": (_c_double, [_c_void_p]),
    "ds_result_exact": (_c_char_p, [_c_void_p]),
    "ds_result_is_range": (_c_int, [_c_void_p]),
    "ds_result_low": (_c_double, [_c_void_p]),
    "ds_result_high": (_c_double, [_c_void_p]),
    "ds_result_low_exact": (_c_char_p, [_c_void_p]),
    "ds_result_high_exact": (_c_char_p, [_c_void_p]),
    "ds_result_name": (_c_char_p, [_c_void_p]),
    "ds_result_verdict": (_c_char_p, [_c_void_p]),
    "ds_result_off": (_c_double, [_c_void_p]),
    "ds_result_actual": (_c_double, [_c_void_p]),
    "ds_result_implied": (_c_double, [_c_void_p]),
    "ds_result_reading": (_c_char_p, [_c_void_p]),
    "ds_result_item": (_c_char_p, [_c_void_p]),
    "ds_result_count": (_c_double, [_c_void_p]),
    "ds_result_row_count": (_c_size_t, [_c_void_p]),
    "ds_ctx_set_source": (_c_int, [_c_void_p, _c_char_p]),
    "ds_ctx_assumptions_changed": (_c_void_p, [_c_void_p]),
    "ds_result_row": (_c_void_p, [_c_void_p, _c_size_t]),
    "ds_result_warning_count": (_c_size_t, [_c_void_p]),
    "ds_result_warning": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_result_assumption_count": (_c_size_t, [_c_void_p]),
    "ds_result_assumption_name": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_result_assumption_value": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_result_assumption_source": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_result_error_column": (_c_long, [_c_void_p]),
    "ds_result_explain": (_c_char_p, [_c_void_p, _c_int]),
    "ds_result_json": (_c_void_p, [_c_void_p, _c_long]),
    "ds_read": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _c_char_p, ctypes.POINTER(_c_void_p)]),
    "ds_story_free": (None, [_c_void_p]),
    "ds_story_count": (_c_size_t, [_c_void_p]),
    "ds_story_off_count": (_c_size_t, [_c_void_p]),
    "ds_story_kind": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_verdict": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_quote": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_reason": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_expression": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_line": (_c_long, [_c_void_p, _c_size_t]),
    "ds_story_column": (_c_long, [_c_void_p, _c_size_t]),
    "ds_story_problem_count": (_c_size_t, [_c_void_p]),
    "ds_story_problem": (_c_char_p, [_c_void_p, _c_size_t]),
    "ds_story_text": (_c_char_p, [_c_void_p]),
    "ds_story_json": (_c_char_p, [_c_void_p]),
    "ds_story_markdown": (_c_char_p, [_c_void_p]),
}


def _candidates():
    """Yields (how, path) in the order the library is looked for."""
    env = os.environ.get("DATASCALE_LIBRARY")
    if env:
        yield "DATASCALE_LIBRARY", env
        return
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)
    if os.path.exists(beside):
        yield "next to the module", beside
    try:
        from ._config import LIBRARY  # written by `make install`
    except ImportError:
        LIBRARY = None
    if LIBRARY:
        yield "the installed path (_config.py)", LIBRARY
    yield "the soname", SONAME
    found = ctypes.util.find_library("datascale")
    if found:
        yield "ctypes.util.find_library", found


def _load():
    tried = []
    for how, path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s): %s" % (path, how, e))
            continue
        return lib, path
    raise ImportError(
        "datascale: cannot load libdatascale; tried:\n  " + "\n  ".join(tried)
        + "\nSet DATASCALE_LIBRARY to the path of libdatascale.so.%d." % ABI)


def _declare(lib):
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError("datascale: %s lacks the function %s" % (lib._name, name)) from None
        fn.restype = restype
        fn.argtypes = argtypes


lib, path = _load()
_declare(lib)
_abi = lib.ds_abi()
if _abi != ABI:
    raise ImportError("datascale: %s has ABI %d, but this module needs ABI %d"
                      % (path, _abi, ABI))
version = lib.ds_version().decode("ascii")


# libdatascale parses catalogue aliases with strtok() (src/defs.c), which
# is not reentrant: ds_ctx_new() and ds_ctx_load_defs() running in two threads
# at once can fail. Until the library uses strtok_r(), they are serialised.
defs_lock = threading.Lock()


def decode(b):
    """A borrowed `const char *` (bytes or None) as str (or None)."""
    return None if b is None else b.decode("utf-8", "replace")


def take_string(p):
    """An owned `char *` (an address or None) as str; frees it with ds_free."""
    if not p:
        return None
    try:
        return ctypes.string_at(p).decode("utf-8", "replace")
    finally:
        lib.ds_free(p)


def strerror(status):
    return decode(lib.ds_strerror(status))
