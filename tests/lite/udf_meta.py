"""What :mod:`xladdin.excel.udfs` declares about each function, read in this process (full install)."""

from __future__ import annotations

import inspect
import os


def udf_descriptions() -> dict:
    """``name -> ([[arg, default], …], {arg: doc}, French help)`` for every UDF."""
    os.environ.setdefault("XLWINGS_ON_SERVER", "true")
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    from xladdin.excel import udfs

    out = {}
    for name, value in vars(udfs).items():
        meta = getattr(value, "__xlfunc__", None)
        if meta is None or getattr(value, "__module__", "") != udfs.__name__:
            continue
        params = inspect.signature(value).parameters
        args = [[n, None if p.default is inspect.Parameter.empty else p.default] for n, p in params.items()]
        out[name] = (args, {a["name"]: a["doc"] for a in meta["args"]}, value.help_fr)
    return out
