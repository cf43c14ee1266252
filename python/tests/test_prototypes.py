# SPDX-License-Identifier: LGPL-3.0-or-later
"""The ctypes declarations of python/datascale/_lib.py match include/datascale.h.

Every ds_ function the header declares has an entry in _lib._PROTOTYPES with
the same number of arguments and ctypes types that fit the C types, and
every entry is a function of the header. The header's constants (DS_E_*,
DS_LIMIT_*, DS_STYLE_*, DS_EXPLAIN_*) have the same values in _lib.py.

Neither the library nor the package is loaded: both files are read as text
(_lib.py through Python's ast), so this runs in every build, including
--disable-shared and sanitizer builds. Run by tests/prototypes.sh, or by
hand from the source tree:

    /usr/bin/python3 python/tests/test_prototypes.py

The last line of output is "N passed, M failed".
"""

import ast
import ctypes
import os
import re
import sys
import unittest

SRCDIR = os.environ.get("srcdir") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
HEADER = os.path.join(SRCDIR, "include", "datascale.h")
LIB_PY = os.path.join(SRCDIR, "python", "datascale", "_lib.py")

_P_DOUBLE = ctypes.POINTER(ctypes.c_double)
_P_VOID_P = ctypes.POINTER(ctypes.c_void_p)


def norm_type(words):
    """A C type from its words: "const char *", "ds_result **"."""
    base = " ".join(w for w in words if w != "*")
    stars = words.count("*")
    return base + (" " + "*" * stars if stars else "")


def read_header(path):
    """Returns ({name: (return type, [parameter types])}, {constant: value},
    {enum typedef names}) from the text of a C header: types as written,
    with single spaces and the parameter names removed."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)
    enums = set(re.findall(r"typedef\s+enum\s*\{[^}]*\}\s*(\w+)\s*;", text))
    constants = {}
    for body in re.findall(r"enum\s*\{([^}]*)\}", text):
        for name, value in re.findall(r"\b(DS_\w+)\s*=\s*(\d+)", body):
            constants[name] = int(value)
    functions = {}
    for ret, name, params in re.findall(r"([A-Za-z_][\w\s\*]*?)\b(ds_\w+)\s*\(([^()]*)\)\s*;", text):
        types = []
        for p in params.split(","):
            words = p.replace("*", " * ").split()
            if words == ["void"]:
                continue
            # drop the parameter's name: the last word, unless the type is one word
            if len(words) > 1 and re.match(r"^[A-Za-z_]\w*$", words[-1]):
                words = words[:-1]
            types.append(norm_type(words))
        functions[name] = (norm_type(ret.replace("*", " * ").split()), types)
    return functions, constants, enums


def read_lib_py(path):
    """Returns (_PROTOTYPES, {constant: value}, ABI) from _lib.py, evaluating
    only its ctypes aliases, its integer constants and the table."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    ns = {"ctypes": ctypes}
    constants = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not all(isinstance(t, ast.Name) for t in node.targets):
            continue
        names = [t.id for t in node.targets]
        if any(n.startswith("_c_") or n.startswith("_P") for n in names):
            exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), ns)
        elif isinstance(node.value, ast.Constant) and isinstance(node.value.value, int):
            for n in names:
                constants[n] = node.value.value
    return ns["_PROTOTYPES"], constants, constants.get("ABI")


def expected_ctype(ctype, enums, is_return):
    """The ctypes type that fits a C type of the header, or raises KeyError."""
    handles = ("ds_ctx *", "const ds_ctx *", "ds_result *", "const ds_result *", "ds_story *", "const ds_story *",
               "void *")
    if ctype in enums:
        return ctypes.c_int
    if ctype in handles:
        return ctypes.c_void_p
    if ctype == "char *" and is_return:
        return ctypes.c_void_p  # owned: the pointer must survive to reach ds_free()
    table = {
        "void": None,
        "int": ctypes.c_int,
        "long": ctypes.c_long,
        "size_t": ctypes.c_size_t,
        "double": ctypes.c_double,
        "const char *": ctypes.c_char_p,
        "const double *": _P_DOUBLE,
        "double *": _P_DOUBLE,
        "ds_result **": _P_VOID_P,
        "ds_story **": _P_VOID_P,
    }
    return table[ctype]


def type_name(t):
    return "None" if t is None else getattr(t, "__name__", repr(t))


def mismatches(functions, enums, prototypes):
    """Every difference between the header's functions and a _PROTOTYPES
    table, as sentences (none when they match)."""
    out = []
    for name in sorted(set(functions) - set(prototypes)):
        out.append("%s: declared in datascale.h, missing from _lib.py" % name)
    for name in sorted(set(prototypes) - set(functions)):
        out.append("%s: in _lib.py, not a function of datascale.h" % name)
    for name, (ret, params) in sorted(functions.items()):
        if name not in prototypes:
            continue
        restype, argtypes = prototypes[name]
        try:
            want_ret = expected_ctype(ret, enums, True)
            want_args = [expected_ctype(p, enums, False) for p in params]
        except KeyError as e:
            out.append("%s: no ctypes type known for the C type %s (add it to expected_ctype)" % (name, e))
            continue
        if restype is not want_ret:
            out.append("%s returns %s: restype %s, not %s" % (name, ret, type_name(restype), type_name(want_ret)))
        if len(argtypes) != len(params):
            out.append("%s takes %d arguments in C, %d in _lib.py" % (name, len(params), len(argtypes)))
            continue
        for i, (got, want) in enumerate(zip(argtypes, want_args)):
            if got is not want:
                out.append("%s argument %d (%s): %s, not %s" % (name, i + 1, params[i], type_name(got),
                                                                type_name(want)))
    return out


class PrototypesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.functions, cls.constants, cls.enums = read_header(HEADER)
        cls.prototypes, cls.lib_constants, cls.abi = read_lib_py(LIB_PY)

    def test_header_read(self):
        self.assertGreaterEqual(len(self.functions), 40)
        self.assertEqual(self.functions["ds_eval"],
                         ("int", ["ds_ctx *", "const char *", "size_t", "ds_result **"]))
        self.assertEqual(self.functions["ds_result_json"], ("char *", ["const ds_result *", "long"]))
        self.assertEqual(self.functions["ds_version"], ("const char *", []))
        self.assertEqual(self.functions["ds_ctx_set_explain"], ("int", ["ds_ctx *", "ds_explain"]))
        self.assertEqual(self.enums, {"ds_style", "ds_explain", "ds_warnings"})

    def test_prototypes_match_header(self):
        self.assertEqual(mismatches(self.functions, self.enums, self.prototypes), [])

    def test_catches_mismatches(self):
        # the comparison itself, on altered copies of the table
        bad = dict(self.prototypes)
        del bad["ds_ctx_set_warnings"]
        bad["ds_ctx_set_explain"] = (None, [ctypes.c_void_p, ctypes.c_int])
        bad["ds_result_json"] = (ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_long])
        bad["ds_eval"] = (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t])
        bad["ds_convert_many"] = (ctypes.c_int, [ctypes.c_void_p, _P_DOUBLE, _P_DOUBLE, ctypes.c_int,
                                                 ctypes.c_char_p, ctypes.c_char_p])
        bad["ds_ctx_gone"] = (None, [])
        self.assertEqual(mismatches(self.functions, self.enums, bad), [
            "ds_ctx_set_warnings: declared in datascale.h, missing from _lib.py",
            "ds_ctx_gone: in _lib.py, not a function of datascale.h",
            "ds_convert_many argument 4 (size_t): c_int, not %s" % type_name(ctypes.c_size_t),
            "ds_ctx_set_explain returns int: restype None, not c_int",
            "ds_eval takes 4 arguments in C, 3 in _lib.py",
            "ds_result_json returns char *: restype c_char_p, not c_void_p",
        ])
        self.assertRaises(KeyError, expected_ctype, "struct tm *", self.enums, False)

    def test_same_constants(self):
        checked = 0
        for name, value in sorted(self.constants.items()):
            if name.endswith("_"):
                continue  # DS_LIMIT_COUNT_: a bound, not a value to pass
            short = name[len("DS_"):]
            with self.subTest(constant=name):
                self.assertIn(short, self.lib_constants, "%s has no %s in _lib.py" % (name, short))
                self.assertEqual(self.lib_constants[short], value, name)
                checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_abi(self):
        # make check passes configure's DS_ABI (configure.ac writes the header's)
        self.assertIsInstance(self.abi, int)
        if os.environ.get("DS_ABI"):
            self.assertEqual(self.abi, int(os.environ["DS_ABI"]),
                             "ABI in _lib.py is not configure.ac's DS_ABI")


if __name__ == "__main__":
    from runner import main
    sys.exit(main(__name__))
