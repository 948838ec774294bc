"""Write result tables (CSV or .xlsx) atomically, never over the input, with applicants' text kept as text."""

from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import XladdinError
from . import guard


@contextmanager
def atomic_path(out: str | Path, protect: tuple[str | Path, ...] = ()):
    """Yield a temporary path beside ``out``; rename it over ``out`` only when the block succeeds.

    A crash never leaves half a file, and ``out`` may not be one of the ``protect``ed input files.
    """
    out = Path(out)
    for path in protect:
        if path and Path(path).exists() and out.exists() and os.path.samefile(out, path):
            raise XladdinError("output_is_input", path=str(out))
        if path and Path(path).resolve() == out.resolve():
            raise XladdinError("output_is_input", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _cell(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (np.integer,)):
        return int(value)
    return guard.csv_safe(value)


def write_csv(frame: pd.DataFrame, path: Path, separator: str = ",") -> None:
    """CSV as the spec asks: header = keys, booleans ``true``/``false``, amounts as whole francs, UTF-8."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=separator)
        writer.writerow(frame.columns)
        columns = [frame[c].astype(object).to_numpy() for c in frame.columns]
        for row in zip(*columns):
            writer.writerow([_cell(v) for v in row])


def write_xlsx(frame: pd.DataFrame, path: Path, sheet: str = "Décisions", amount_columns=()) -> None:
    """One sheet as an Excel table with a frozen header; CHF columns in Swiss format (1'234)."""
    write_xlsx_sheets({sheet: frame}, path, amount_columns)


def write_xlsx_sheets(sheets: dict[str, pd.DataFrame], path: Path, amount_columns=()) -> None:
    """Several sheets, each an Excel table with a frozen header (sheet names cut to Excel's 31 characters)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": False, **guard.XLSXWRITER_OPTIONS})
    text = guard.XlsxTextWriter(book)
    chf = book.add_format({"num_format": "#,##0"})
    for sheet, frame in sheets.items():
        _xlsx_sheet(book.add_worksheet(sheet[:31]), text, chf, frame, amount_columns)
    book.close()


def _xlsx_sheet(ws, text, chf, frame: pd.DataFrame, amount_columns) -> None:
    n_rows, n_cols = frame.shape
    for j, name in enumerate(frame.columns):
        col = frame[name].astype(object).to_numpy()
        fmt = chf if name in amount_columns else None
        for i, value in enumerate(col, start=1):
            if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
                continue
            if isinstance(value, str):
                text.write(ws, i, j, value, fmt)
            elif isinstance(value, (bool, np.bool_)):
                ws.write_boolean(i, j, bool(value))
            else:
                ws.write_number(i, j, float(value), fmt)
    if n_cols:
        ws.add_table(0, 0, max(n_rows, 1), n_cols - 1,
                     {"columns": [{"header": str(c)} for c in frame.columns], "style": "Table Style Light 9"})
        ws.freeze_panes(1, 0)
        ws.set_column(0, n_cols - 1, 14)


def write_table(frame: pd.DataFrame, out: str | Path, protect: tuple = (), amount_columns=(),
                more_sheets: dict[str, pd.DataFrame] | None = None, sheet: str = "Décisions") -> Path:
    """Write ``frame`` to ``out`` (.csv or .xlsx) through a temporary file; returns the path.

    In .xlsx, ``frame`` is the sheet ``sheet`` and each of ``more_sheets`` follows it (a CSV holds ``frame`` only).
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".parquet"}:
        raise XladdinError("output_format", path=str(out))
    with atomic_path(out, protect) as tmp:
        if suffix == ".parquet":
            write_parquet(frame, tmp)
        elif suffix == ".csv":
            write_csv(frame, tmp)
        else:
            write_xlsx_sheets({sheet: frame, **(more_sheets or {})}, tmp, amount_columns=amount_columns)
    return out


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """The table as Parquet (pyarrow): typed columns (booleans, whole francs as integers, text), no index; what
    statistics offices read back as they are. Text needs no guard against formulas: no spreadsheet opens it."""
    frame.to_parquet(path, index=False, engine="pyarrow")
