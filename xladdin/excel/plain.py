"""UDF decorators that only record, for hosts that are not xlwings' own: xlwings Lite and LibreOffice Calc.

They write the same ``__xlfunc__`` description xlwings' Office.js decorators write (name, arguments with their
converter options and ``doc``, return options, function options), and change nothing else: the function stays
a plain Python function. :mod:`xladdin.excel.lite` and :mod:`xladdin.calc` read that description to register
the functions with their host, so the argument docs and defaults are written once, in :mod:`udfs`.
"""

from __future__ import annotations

import inspect


def _meta(f) -> dict:
    if not hasattr(f, "__xlfunc__"):
        names = list(inspect.signature(f).parameters)
        args = [{"name": n, "doc": "", "options": {}} for n in names]
        f.__xlfunc__ = {"name": f.__name__, "args": args, "argmap": {a["name"]: a for a in args},
                        "ret": {"doc": f.__doc__ or "", "options": {}}, "options": {}}
    return f.__xlfunc__


def func(f=None, **options):
    def inner(f):
        _meta(f)["options"].update(options)
        return f

    return inner if f is None else inner(f)


def arg(name: str, convert=None, doc: str = "", **options):
    def inner(f):
        meta = _meta(f)
        if name not in meta["argmap"]:
            raise TypeError(f"{f.__name__} has no argument {name!r}")
        entry = meta["argmap"][name]
        entry["doc"] = doc or entry["doc"]
        entry["options"].update(options, **({"convert": convert} if convert is not None else {}))
        return f

    return inner


def ret(convert=None, **options):
    def inner(f):
        _meta(f)["ret"]["options"].update(options, **({"convert": convert} if convert is not None else {}))
        return f

    return inner
