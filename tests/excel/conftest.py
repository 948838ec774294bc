"""Excel faces: UDFs called through xlwings' real server dispatch, and the xlwings Server over HTTP.

xlwings must be imported in server mode with a PRO licence key: ``noncommercial`` (PolyForm Noncommercial,
which covers public administrations and educational institutions).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:                       # benchmarks.synthetic (Excel-shaped applicant ranges)
    sys.path.insert(0, str(ROOT))

import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

from xladdin.excel import cache, udfs  # noqa: E402


def payload(func_name: str, *args) -> dict:
    """The body Excel's custom-functions runtime posts (as xladdin's JS bridge sends it), through JSON."""
    body = {"func_name": func_name, "args": list(args), "caller_address": "Office.js[Dossiers.xlsx]Feuil1!A1",
            "version": xlwings.__version__, "runtime": "1.4", "client": "Office.js"}
    return json.loads(json.dumps(body))


def call(func_name: str, *args):
    """One UDF call through ``xlwings.server.custom_functions_call``, the way the server dispatches it."""
    return asyncio.run(xlwings.server.custom_functions_call(payload(func_name, *args), udfs))


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.results.clear()
    yield
    cache.results.clear()


@pytest.fixture(scope="session")
def applicants():
    """300 synthetic applicants: the engine's DataFrame and the same rows as Excel cells (JSON round trip)."""
    from benchmarks.synthetic import applicant_range

    frame, cells = applicant_range(300, seed=11)
    return frame, json.loads(json.dumps(cells))
