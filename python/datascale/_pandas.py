"""The pandas Series accessor `.ds`, registered without importing pandas.

If pandas is already imported when datascale is, the accessor is registered
at once; otherwise a one-shot import hook registers it right after pandas is
first imported, so `import datascale` stays fast and works without pandas.
"""

import importlib.abc
import importlib.util
import sys
import threading

_registered = False
_lock = threading.Lock()


def _define(pd):
    import datascale

    @pd.api.extensions.register_series_accessor("ds")
    class DatascaleAccessor:
        """`s.ds.convert("TB", "photos")`: the whole column in one library
        call; `s.ds.eval()`: a Series of expressions evaluated into a table."""

        def __init__(self, series):
            self._s = series

        def convert(self, from_unit, to_unit, session=None):
            """The Series converted from `from_unit` to `to_unit` (same index
            and name; NaN stays NaN). Raises datascale.Error for bad units."""
            return datascale.convert(self._s, from_unit, to_unit, session=session)

        def eval(self, session=None):
            """Evaluates each element as an expression, in order, in one
            session (a new one unless given). Returns a DataFrame with the
            index of the Series and the columns ok, value, exact, low, high,
            unit, text and error (the message, None when ok)."""
            if session is not None and not isinstance(session, datascale.Session):
                raise TypeError("session must be a datascale.Session or None, not %s"
                                % type(session).__name__)
            s = session if session is not None else datascale.Session()
            rows = []
            for expr in self._s:
                r = s.eval(str(expr), errors="return")
                rows.append({
                    "ok": r.ok, "value": r.value, "exact": r.exact, "low": r.low,
                    "high": r.high, "unit": r.unit, "text": r.text,
                    "error": None if r.ok else r.error.message,
                })
            columns = ["ok", "value", "exact", "low", "high", "unit", "text", "error"]
            frame = pd.DataFrame.from_records(rows, columns=columns, index=self._s.index)
            frame["value"] = frame["value"].astype("float64")
            return frame

    return DatascaleAccessor


def _register_now(pd):
    global _registered
    with _lock:
        if _registered:
            return
        _registered = True
    _define(pd)


class _PandasHook(importlib.abc.MetaPathFinder):
    """Waits for `import pandas`, then registers the accessor after pandas
    has finished importing. Removes itself on first use."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "pandas":
            return None
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        spec = importlib.util.find_spec("pandas")
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_then_register(module):
            exec_module(module)
            try:
                _register_now(module)
            except Exception as e:  # never break `import pandas`
                import warnings
                warnings.warn("datascale: cannot register the pandas accessor: %s" % e)

        loader.exec_module = exec_then_register
        return spec


def register(lazy=False):
    """Registers the `.ds` Series accessor. With lazy=True and pandas not yet
    imported, registers it when pandas is first imported. Returns True when
    registered now."""
    if _registered:
        return True
    pd = sys.modules.get("pandas")
    if pd is not None and hasattr(pd, "api"):
        _register_now(pd)
        return True
    if lazy:
        if importlib.util.find_spec("pandas") is not None and \
                not any(isinstance(f, _PandasHook) for f in sys.meta_path):
            sys.meta_path.insert(0, _PandasHook())
        return False
    import pandas
    _register_now(pandas)
    return True
