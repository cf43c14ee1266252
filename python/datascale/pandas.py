# SPDX-License-Identifier: LGPL-3.0-or-later
"""The pandas Series accessor `.ds`, registered by importing this module:

    import datascale.pandas   # noqa: F401 (registers Series.ds)

as pint-pandas does. `import datascale` alone never imports pandas and
never touches its import machinery.
"""

from typing import Any, Dict, List, Optional

import pandas as pd

import datascale

__all__ = ["DatascaleAccessor"]

#: The columns of Series.ds.eval(), in order.
EVAL_COLUMNS = ["ok", "value", "unit", "exact", "low", "high", "text", "warnings",
                "assumptions", "error"]


@pd.api.extensions.register_series_accessor("ds")
class DatascaleAccessor:
    """`s.ds.convert("TB", "photos")`: the whole column in one library call;
    `s.ds.eval(to="TB")`: a Series of expressions evaluated into a table."""

    def __init__(self, series: "pd.Series") -> None:
        self._s = series

    def convert(self, from_unit: str, to_unit: str,
                session: Optional["datascale.Session"] = None) -> "pd.Series":
        """The Series converted from `from_unit` to `to_unit` (same index
        and name; NaN stays NaN). Raises datascale.Error for bad units."""
        return datascale.convert(self._s, from_unit, to_unit, session=session)

    def eval(self, to: Optional[str] = None,
             session: Optional["datascale.Session"] = None) -> "pd.DataFrame":
        """Evaluates each element as an expression, in order, in one session
        (a new one unless given), and returns a DataFrame with the index of
        the Series and the columns:

        ok           True when the element evaluated
        value        a float in `unit` (NaN for a range or a failure)
        unit         the same for every row with a number: `to`, or without
                     `to` the unit of the first row that has one; a row in
                     another unit is converted ("(EXPR) to UNIT"), or fails
                     when it cannot be (another dimension); None for a
                     command or a failed row
        exact        the exact value (fractions.Fraction), or None
        low, high    a range's bounds, else None
        text         the line the command prints
        warnings     the notes of the row (a list of str: the other reading
                     of KB..YB, calendar caveats, ...)
        assumptions  the catalogue items and variables the row used (a list
                     of {"name", "value", "source"})
        error        the message of a failed row, else None

        A row that cannot be given in that unit (another dimension) fails
        with the library's message. frame.attrs["unit"] is the unit."""
        if session is not None and not isinstance(session, datascale.Session):
            raise TypeError("session must be a datascale.Session or None, not %s"
                            % type(session).__name__)
        if to is not None and not isinstance(to, str):
            raise TypeError("to must be a str (a unit such as 'TB') or None, not %s"
                            % type(to).__name__)
        s = session if session is not None else datascale.Session()
        unit = to
        rows: List[Dict[str, Any]] = []
        for expr in self._s:
            line = str(expr)
            r = s.eval(line, errors="return")
            number = r.ok and (r.value is not None or r.is_range)
            if number and unit is None and r.unit:
                unit = r.unit
            elif number and unit is not None and r.unit != unit:
                # In the column's unit: the library converts it, or says why
                # it cannot (another dimension). A line with a conversion of
                # its own cannot be put in parentheses.
                c = s.eval("(%s) to %s" % (line, unit), errors="return")
                if c.ok or c.status != datascale.E_SYNTAX:
                    r = c
                else:
                    rows.append(self._failed(r, "%s is in %s, not %s (the column's unit)"
                                             % (line, r.unit or "no unit", unit)))
                    continue
            number = r.ok and (r.value is not None or r.is_range)
            rows.append({
                "ok": r.ok, "value": r.value, "unit": r.unit if number else None,
                "exact": r.exact, "low": r.low, "high": r.high, "text": r.text,
                "warnings": list(r.warnings), "assumptions": list(r.assumptions),
                "error": None if r.ok else r.error.message,
            })
        frame = pd.DataFrame.from_records(rows, columns=EVAL_COLUMNS, index=self._s.index)
        frame["value"] = frame["value"].astype("float64")
        frame.attrs["unit"] = unit
        return frame

    @staticmethod
    def _failed(r: "datascale.Result", message: str) -> Dict[str, Any]:
        return {"ok": False, "value": None, "unit": None, "exact": None, "low": None,
                "high": None, "text": message, "warnings": list(r.warnings),
                "assumptions": list(r.assumptions), "error": message}
