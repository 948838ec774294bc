"""What the Calc component calls, in LibreOffice's own Python: Calc's arguments in, the UDF called, cells out.

Calc hands an ``any`` argument as a float, a text, a range as a tuple of row tuples (empty cells ``None``), and
an omitted argument as ``None``; booleans and dates are numbers, as in Excel's serials. That is what
:mod:`xladdin.excel.convert` already reads, so the UDF gets the arguments untouched. The answer goes back as
rows of floats and texts, the only cell values Calc takes from an add-in: ``True`` → 1, a date → its serial
number, an empty cell → empty text.
"""

from __future__ import annotations

import datetime as dt
import math

from .functions import udfs

EPOCH = dt.date(1899, 12, 30)     # Calc's and Excel's day 0 (serial 1 = 1900-01-01 after Excel's leap bug)


def call(name: str, args: tuple) -> tuple:
    """Run the UDF ``name`` on Calc's arguments; every failure becomes the ``#XLADDIN!`` message cell."""
    module = udfs(plain=True)
    args = list(args)
    while args and args[-1] is None:          # omitted trailing arguments: the UDF's own defaults
        args.pop()
    try:
        result = getattr(module, name)(*args)
    except Exception as exc:                  # guard() already catches the UDF's errors; this is the rest
        from ..excel import convert

        result = [[convert.message(exc)]]
    return cells(result)


def cells(result) -> tuple:
    """Rows of the UDF's answer as a rectangle of Calc values (short rows padded with empty text)."""
    rows = result if isinstance(result, (list, tuple)) else [[result]]
    rows = [r if isinstance(r, (list, tuple)) else [r] for r in rows] or [[""]]
    width = max(len(r) for r in rows) or 1
    return tuple(tuple(value(v) for v in r) + ("",) * (width - len(r)) for r in rows)


def value(v):
    if v is None:
        return ""
    if isinstance(v, bool) or type(v).__name__ == "bool_":
        return 1.0 if v else 0.0
    if isinstance(v, dt.datetime):
        return (v - dt.datetime(EPOCH.year, EPOCH.month, EPOCH.day)).total_seconds() / 86400
    if isinstance(v, dt.date):
        return float((v - EPOCH).days)
    if isinstance(v, str):
        return v
    try:
        number = float(v)
    except (TypeError, ValueError):
        return str(v)
    return "" if math.isnan(number) else number
