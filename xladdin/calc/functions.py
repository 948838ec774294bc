"""The functions the Calc add-in offers: every UDF of :mod:`xladdin.excel.udfs`, described as the UDF describes
itself (its ``__xlfunc__``: argument names and French docs; its ``help_fr``)."""

from __future__ import annotations

import inspect

from ..excel import use_plain_decorators

SERVICE = "org.xladdin.calc.Functions"          # the add-in's UNO service and implementation name
INTERFACE = "org.xladdin.calc.XFunctions"       # the interface of the functions (xladdin.idl / xladdin.rdb)
JOB = "org.xladdin.calc.ExcelNames"             # the job that gives Excel's names their functions (names.py)


def uno_name(name: str) -> str:
    """UNO identifiers have no underscore: ``bursary_table`` → ``bursaryTable``."""
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def udfs(plain: bool = False):
    """The UDF module. ``plain``: for a process that is no xlwings host (LibreOffice's Python, the ``calc``
    commands), the UDFs carry only their description and xlwings is not imported."""
    if plain:
        use_plain_decorators()
    from ..excel import udfs as module

    return module


def catalogue(plain: bool = False) -> list[dict]:
    """One entry per UDF, in source order: ``name`` (the UDF's), ``method`` (the UNO method's), ``display``
    (upper case, as in Excel), ``help``, ``args`` (``name``, ``uno``, ``doc``, ``optional``)."""
    module = udfs(plain)
    out = []
    for name, value in vars(module).items():
        meta = getattr(value, "__xlfunc__", None)
        if meta is None or getattr(value, "__module__", "") != module.__name__:
            continue
        params = inspect.signature(value).parameters
        args = [{"name": a["name"], "uno": uno_name(a["name"]), "doc": a["doc"],
                 "optional": params[a["name"]].default is not inspect.Parameter.empty} for a in meta["args"]]
        out.append({"name": name, "method": uno_name(name), "display": name.upper(), "help": getattr(value, "help_fr", "") or "",
                    "args": args})
    return out
