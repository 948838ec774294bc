"""Former entry points of the result writers, kept for the faces not yet moved to :mod:`xladdin.io.output`.

They write the machine form (schema keys, ``true``/``false``, ``,``-separated CSV) through the output layer;
files for people are written with ``output.write_table(frame, out, lang=...)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .output import KEYS, atomic_path, write_table as _write_table
from .output import tables as _tables

__all__ = ["atomic_path", "write_csv", "write_xlsx", "write_xlsx_sheets", "write_table"]


def write_csv(frame: pd.DataFrame, path: Path, separator: str = ",") -> None:
    """CSV for machines: header = keys, booleans ``true``/``false``, amounts as whole francs, UTF-8."""
    _tables.write_csv(frame, path, lang=KEYS, dialect_name="comma" if separator == "," else "semicolon")


def write_xlsx(frame: pd.DataFrame, path: Path, sheet: str = "Décisions", amount_columns=(), lang: str = KEYS) -> None:
    """One sheet as an Excel table, set up for A4 (``amount_columns`` in the money format)."""
    write_xlsx_sheets({sheet: frame}, path, amount_columns, lang=lang)


def write_xlsx_sheets(sheets: dict[str, pd.DataFrame], path: Path, amount_columns=(), lang: str = KEYS) -> None:
    kinds = {c: _tables.MONEY for c in amount_columns}
    _tables.write_xlsx(sheets, path, lang=lang, kinds=kinds)


def write_table(frame: pd.DataFrame, out: str | Path, protect: tuple = (), amount_columns=(),
                more_sheets: dict[str, pd.DataFrame] | None = None, sheet: str = "Décisions",
                lang: str = KEYS) -> Path:
    """Write ``frame`` to ``out`` (.csv or .xlsx); the machine form unless ``lang`` is given."""
    kinds = {c: _tables.MONEY for c in amount_columns}
    return _write_table(frame, out, lang=lang, csv_dialect="comma" if lang == KEYS else "semicolon",
                        protect=protect, sheet=sheet, more_sheets=more_sheets, kinds=kinds or None)
