"""Excel faces of the engine: xlwings UDFs (desktop add-in), xlwings Server (Excel on the web, Mac, Windows).

* :mod:`xladdin.excel.udfs` — the functions Excel calls (``=XLADDIN.BURSARY_TABLE(A1:BH2001)``); the
  module the ``xlwings.conf`` sheet's *UDF Modules* entry names.
* :mod:`xladdin.excel.convert` — raw ranges in, cells out: headers, layouts, numbers, messages.
* :mod:`xladdin.excel.server` — the FastAPI app behind ``xladdin serve`` (custom-function endpoints, manifest,
  task pane), guarded by a bearer token.

No rule lives here: every number comes from :func:`xladdin.assess` and the other engine entry points.
"""

from __future__ import annotations

import os
import sys

LICENCE_HELP_FR = (
    "xlwings PRO (xlwings Server, fonctions Office.js) exige une clé de licence dans XLWINGS_LICENSE_KEY : "
    "« noncommercial » pour les administrations publiques et les établissements d'enseignement (licence "
    "PolyForm Noncommercial 1.0.0), sinon une clé commerciale (https://www.xlwings.org)."
)


def load_xlwings():
    """Import xlwings with the UDF decorators of the platform, and explain a missing PRO licence in French.

    On Windows with Excel (pywin32) xlwings' classic COM decorators are used, unless
    ``XLWINGS_ON_SERVER=true``; everywhere else the Office.js decorators of xlwings Server are the only ones
    that work, so that mode is switched on here.
    """
    if not sys.platform.startswith("win"):
        os.environ.setdefault("XLWINGS_ON_SERVER", "true")
    try:
        import xlwings
    except Exception as exc:  # xlwings raises its LicenseError while importing its server decorators
        if type(exc).__name__ == "LicenseError":
            from ..errors import XladdinError

            raise XladdinError("xlwings_licence", detail=str(exc)) from None
        raise
    return xlwings


_plain_host = False


def use_plain_decorators() -> None:
    """Called by a host that registers the functions itself (xlwings Lite, LibreOffice Calc) before it imports
    :mod:`udfs`: the UDFs then only carry their description (:mod:`xladdin.excel.plain`)."""
    global _plain_host
    _plain_host = True


def _xlwings_installed() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("xlwings") is not None
    except (ImportError, ValueError):
        return False


def decorators():
    """``(func, arg, ret)``: xlwings Server's (Office.js) decorators, or the classic COM ones on Windows.

    Taken from ``xlwings.server`` directly when serving, so the choice does not depend on whether something
    imported xlwings before ``XLWINGS_ON_SERVER`` was set. The recording decorators of
    :mod:`xladdin.excel.plain` for the base install (no xlwings) and for the hosts that register themselves.
    """
    if _plain_host or not _xlwings_installed():
        from . import plain

        return plain.func, plain.arg, plain.ret
    xlwings = load_xlwings()
    if os.environ.get("XLWINGS_ON_SERVER") == "true" or not sys.platform.startswith("win"):
        try:
            import xlwings.server as server
        except Exception as exc:
            if type(exc).__name__ == "LicenseError":
                from ..errors import XladdinError

                raise XladdinError("xlwings_licence", detail=str(exc)) from None
            raise
        return server.func, server.arg, server.ret
    return xlwings.func, xlwings.arg, xlwings.ret
