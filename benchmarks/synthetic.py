"""Applicant tables as Excel hands them to a UDF (raw cells), for the Excel benchmarks and tests.

Starts from the engine's seeded synthetic applicants (``xladdin.bursary.synthetic``) and writes each cell the
way Office.js sends it in JSON: dates as Excel serial numbers, booleans as TRUE/FALSE, numbers as numbers,
empty cells as ``""``. With ``variants`` some cells are typed the way clerks type them (``oui``/``non``, Swiss
and French amounts ``12'000`` / ``12 000,00``, dates as ``dd.mm.yyyy`` text) and some headers are French
labels: the engine must read them as the same values, so the results equal ``xladdin.assess(frame)``.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import pandas as pd

from xladdin import schema
from xladdin.bursary.synthetic import synthetic_applicants

EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> float:
    """Excel's 1900 date system: 1 = 1900-01-01, 45901 = 2025-09-01."""
    return float((day - EXCEL_EPOCH).days)


def _swiss(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", "'")


def _french(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",")


def excel_cells(frame: pd.DataFrame, seed: int = 7, variants: bool = True) -> list[list]:
    """``frame`` (schema keys as columns) as a header row plus one row of raw Excel cells per applicant."""
    rng = random.Random(seed)
    header = []
    for i, key in enumerate(frame.columns):
        field = schema.BY_KEY.get(key)
        header.append(field.label_fr if variants and field is not None and i % 4 == 1 else key)
    kinds = [schema.BY_KEY[k].kind if k in schema.BY_KEY else schema.TEXT for k in frame.columns]
    rows = [header]
    for record in frame.itertuples(index=False, name=None):
        row = []
        for kind, value in zip(kinds, record):
            row.append(_cell(kind, value, rng, variants))
        rows.append(row)
    return rows


def _cell(kind: str, value, rng: random.Random, variants: bool):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if kind == schema.DATE and isinstance(value, str) and value:
        day = dt.datetime.strptime(value, "%d.%m.%Y").date()
        return value if variants and rng.random() < 0.1 else serial(day)
    if kind == schema.BOOL or isinstance(value, bool):
        if variants and rng.random() < 0.1:
            return "oui" if value else "non"
        return bool(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = float(value)
        if kind == schema.AMOUNT and variants and value.is_integer():
            r = rng.random()
            if r < 0.05:
                return _swiss(value)
            if r < 0.08:
                return _french(value)
        return value
    return value


def applicant_range(n: int = 10_000, seed: int = 2025,
                    variants: bool = True) -> tuple[pd.DataFrame, list[list]]:
    """The engine's synthetic applicants and the same applicants as an Excel range (header + ``n`` rows)."""
    frame = synthetic_applicants(n, seed)
    return frame, excel_cells(frame, seed, variants)
