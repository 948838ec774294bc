"""xladdin's spreadsheet functions in xlwings Lite (Python in Excel through Pyodide: no local Python, no server).

In the add-in's ``main.py``::

    from xladdin.excel.lite import *   # BURSARY, BURSARY_TABLE, ELIGIBILITY, … appear in Excel

Each function of :mod:`xladdin.excel.udfs` is registered here with xlwings Lite's own decorators (``from
xlwings import func, arg, ret``), under its own name, with its arguments, defaults, French argument docs and
French description as :mod:`udfs` declares them: nothing about a function is written twice. The UDFs
themselves carry only the recording decorators of :mod:`xladdin.excel.plain`, so importing them needs nothing
but the base install (numpy, pandas, openpyxl, PyYAML, defusedxml).
"""

from __future__ import annotations

import inspect

from xlwings import arg, func, ret  # xlwings Lite's decorators (the Office.js ones)

from . import use_plain_decorators

use_plain_decorators()

from . import udfs  # noqa: E402  (after the switch above)


def _register(udf):
    """A new function with ``udf``'s name and signature, decorated with Lite's ``func``/``arg``/``ret``.

    A new function object, because the UDF already carries a ``__xlfunc__`` description, which Lite's ``func``
    would take as its own and not fill in.
    """

    def call(*args, **kwargs):
        return udf(*args, **kwargs)

    meta = udf.__xlfunc__
    call.__name__ = call.__qualname__ = udf.__name__
    call.__module__ = __name__
    call.__doc__ = getattr(udf, "help_fr", None) or udf.__doc__
    call.__signature__ = inspect.signature(udf)
    call = func(call)
    for argument in meta["args"]:
        call = arg(argument["name"], doc=argument["doc"], **argument["options"])(call)
    return ret(**meta["ret"]["options"])(call)


FUNCTIONS = {name: _register(value) for name, value in vars(udfs).items()
             if callable(value) and hasattr(value, "__xlfunc__") and getattr(value, "__module__", "") == udfs.__name__}
globals().update(FUNCTIONS)
__all__ = sorted(FUNCTIONS)
