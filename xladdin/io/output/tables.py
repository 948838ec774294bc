"""Result tables for people (or machines): CSV as a Swiss Excel opens it, .xlsx ready to print.

A table is a pandas DataFrame whose columns are keys (schema fields, assessment outputs, or keys a face
registered with :func:`register_labels`). The writers put the labels of the chosen language in the header and
show each value by its kind (:func:`words.kind`): enum labels, ``oui/non``, whole francs, ``dd.mm.yyyy``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import XladdinError
from .. import formats, guard
from .files import atomic_path, temp_folder
from .page import Page, content_width, setup_xlsxwriter
from .words import (AVERAGE, BOOL, DATE, ENUM, INTEGER, KEYS, MONEY, TEXT, TIMESTAMP, header, is_blank, kind,
                    local_naive, number_value, text, value_label, yes_no)

# --csv-dialect: name -> (separator, byte-order mark)
CSV_DIALECTS = {"semicolon": (";", True), "comma": (",", False)}
DEFAULT_DIALECT = "semicolon"
WRAPPED_MAX = 30                 # a long text column (messages, reasons) wraps within this width
WIDE_MAX = 90                    # ... or this one, for the paragraphs of a messages sheet (``wide_keys``)
NUMBER_FORMATS = {MONEY: formats.MONEY, INTEGER: formats.INTEGER, AVERAGE: formats.AVERAGE, DATE: formats.DATE,
                  TIMESTAMP: formats.TIMESTAMP}


def dialect(name: str | None) -> str:
    """A checked ``--csv-dialect`` (``semicolon``: ``;`` + BOM, the default; ``comma``: ``,`` without BOM)."""
    name = (name or DEFAULT_DIALECT).strip().lower()
    aliases = {";": "semicolon", ",": "comma", "excel": "semicolon", "rfc4180": "comma"}
    name = aliases.get(name, name)
    if name not in CSV_DIALECTS:
        raise XladdinError("csv_dialect", dialect=name)
    return name


def kinds_of(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, str]:
    return {c: (kinds or {}).get(c) or kind(str(c)) for c in frame.columns}


def write_csv(frame: pd.DataFrame, path: str | Path, *, lang: str = "fr", dialect_name: str = DEFAULT_DIALECT,
              kinds: dict[str, str] | None = None) -> None:
    """Write ``frame`` as CSV: labelled header, values as people read them, applicants' text guarded.

    Money and counts are plain whole numbers (a spreadsheet opens them as numbers), dates ``dd.mm.yyyy``.
    """
    with CsvWriter(path, lang=lang, dialect_name=dialect_name, kinds=kinds) as writer:
        writer.write(frame)


class CsvWriter:
    """One CSV written in parts (a streamed assessment writes one part per chunk): the header from the first part,
    every part's values as :func:`write_csv` writes them."""

    def __init__(self, path: str | Path, *, lang: str = "fr", dialect_name: str = DEFAULT_DIALECT,
                 kinds: dict[str, str] | None = None):
        separator, bom = CSV_DIALECTS[dialect(dialect_name)]
        self.lang, self.given_kinds, self.kinds = lang, kinds, None
        self.handle = open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8")
        self.writer = csv.writer(self.handle, delimiter=separator)

    def write(self, frame: pd.DataFrame) -> None:
        if self.kinds is None:
            self.kinds = kinds_of(frame, self.given_kinds)
            self.writer.writerow([header(str(c), self.lang) for c in frame.columns])
        columns = [_csv_column(frame[c], self.kinds[c], self.lang, str(c)) for c in frame.columns]
        self.writer.writerows(zip(*columns))

    def close(self) -> None:
        self.handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_FORMULA_STARTS = frozenset(guard.DANGEROUS_PREFIXES)


def _csv_column(series: pd.Series, column_kind: str, lang: str, key: str) -> list:
    """A column's cells as :func:`_csv_cell` writes them. A typed column (results: whole francs, yes/no, codes)
    has few distinct values for its length: each is shown once. An object column may hold ``True`` and ``1``,
    which are equal as keys but shown differently: cell by cell."""
    if series.dtype == object or len(series) < 64:
        return [_csv_cell(v, column_kind, lang, key) for v in series.astype(object).to_numpy()]
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if column_kind == TEXT:              # text starting with a printable ASCII character other than = + - @ is as is
        shown = [v if type(v) is str and "!" <= v[:1] <= "~" and v[0] not in _FORMULA_STARTS
                 else _csv_cell(v, column_kind, lang, key) for v in np.asarray(uniques, dtype=object)]
    elif column_kind in (MONEY, INTEGER) and series.dtype.kind in "iu" and len(uniques):   # whole numbers as they are
        shown = list(map(str, np.asarray(uniques, dtype=np.int64).tolist()))
    else:
        shown = [_csv_cell(v, column_kind, lang, key) for v in np.asarray(uniques, dtype=object)]
    shown.append(_csv_cell(None, column_kind, lang, key))             # code -1: the empty cell
    return np.array(shown, dtype=object)[codes].tolist()


def _csv_cell(value, column_kind: str, lang: str, key: str):
    if is_blank(value):
        return ""
    if lang == KEYS and column_kind == BOOL:
        return yes_no(value, KEYS)
    shown = text(value, column_kind, lang, key)
    return guard.csv_safe(shown) if column_kind == TEXT or column_kind == ENUM else shown


class XlsxTable:
    """Writes DataFrames as labelled, typed, print-ready sheets into one XlsxWriter workbook."""

    def __init__(self, book, lang: str = "fr"):
        self.book = book
        self.lang = lang
        self.text = guard.XlsxTextWriter(book)
        self.head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "font_color": "#FFFFFF",
                                     "bg_color": "#1F4E78", "border": 1})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.plain = book.add_format({"valign": "top"})
        self.numbers = {k: book.add_format({"num_format": f, "valign": "top"}) for k, f in NUMBER_FORMATS.items()}

    def sheet(self, name: str, frame: pd.DataFrame, *, title: str, rules: str = "", kinds=None, freeze_cols: int = 0,
              landscape: bool | None = None, when=None, table_style: str = "Table Style Light 9", wrap_keys=(),
              wide_keys=()):
        """One sheet: header of labels, one row per frame row, an Excel table with filters, page set up.

        ``wrap_keys``: more columns that may narrow (their header wraps) when the table is too wide for the page,
        such as a number column headed by a long label (``Plafond tertiaire (amounts.cap.tertiary)``).
        ``wide_keys``: text columns of paragraphs (messages) that wrap at ``WIDE_MAX`` rather than ``WRAPPED_MAX``."""
        ws = self.book.add_worksheet(name[:31])
        kinds = kinds_of(frame, kinds)
        keys = [str(c) for c in frame.columns]
        heads = _unique([header(k, self.lang) for k in keys])
        shown = {k: [self.value(v, kinds[k], k) for v in frame[c].astype(object).to_numpy()]
                 for k, c in zip(keys, frame.columns)}
        widths = [content_width(shown[k], h) for k, h in zip(keys, heads)]
        wrap = {j for j, k in enumerate(keys) if (kinds[k] in (TEXT, ENUM) or k in wrap_keys) and widths[j] > 18}
        widths = [min(w, WIDE_MAX if keys[j] in wide_keys else WRAPPED_MAX) if j in wrap else w
                  for j, w in enumerate(widths)]
        page = setup_xlsxwriter(ws, Page(title=title, rules=rules, lang=self.lang, widths=widths, wrap=wrap,
                                         freeze_cols=freeze_cols, landscape=landscape, when=when))
        n_rows, n_cols = len(frame), len(keys)
        if n_cols:
            ws.add_table(0, 0, max(n_rows, 1), n_cols - 1,
                         {"columns": [{"header": h, "header_format": self.head} for h in heads],
                          "style": table_style})
            ws.set_row(0, 15 * page.header_lines(heads))
        for j, k in enumerate(keys):
            fmt = self.numbers.get(kinds[k]) or (self.wrap if j in page.wrap else self.plain)
            for i, v in enumerate(shown[k], start=1):
                self.write(ws, i, j, v, self.numbers[AVERAGE] if isinstance(v, float) and kinds[k] == INTEGER
                           else fmt)
        if page.wrap:
            columns = [shown[k] for k in keys]
            for i, row in enumerate(zip(*columns), start=1):
                lines = page.row_lines(row)
                if lines > 1:
                    ws.set_row(i, 15 * lines)        # wrapped text shows whole, on screen and on paper
        return ws

    def value(self, v, column_kind: str, key: str):
        """A cell's value: numbers stay numbers (with the kind's format), words in the sheet's language."""
        if is_blank(v):
            return None
        if column_kind == BOOL:
            return yes_no(v, self.lang)
        if column_kind == ENUM:
            return value_label(key, v, self.lang)
        if column_kind in (MONEY, INTEGER, AVERAGE):
            return number_value(v, column_kind)
        if column_kind == DATE:
            if isinstance(v, str):
                return text(v, DATE, self.lang)
            return v.date() if isinstance(v, (dt.datetime, pd.Timestamp)) else v
        if column_kind == TIMESTAMP:
            return local_naive(pd.Timestamp(v).to_pydatetime()) if not isinstance(v, str) else v
        if isinstance(v, (np.integer, np.floating)):
            return v.item()
        return str(v)

    def write(self, ws, row: int, col: int, v, fmt=None) -> None:
        if v is None:
            return
        if isinstance(v, str):
            self.text.write(ws, row, col, v, fmt)
        elif isinstance(v, dt.datetime):
            ws.write_datetime(row, col, v, fmt)
        elif isinstance(v, dt.date):
            ws.write_datetime(row, col, dt.datetime(v.year, v.month, v.day), fmt)
        else:
            ws.write_number(row, col, v, fmt)


def _unique(heads: list[str]) -> list[str]:
    """Excel tables need distinct headers: a repeated label gets a number."""
    seen: dict[str, int] = {}
    out = []
    for h in heads:
        n = seen.get(h.lower(), 0)
        seen[h.lower()] = n + 1
        out.append(h if not n else f"{h} ({n + 1})")
    return out


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path, *, lang: str = "fr", title: str = "",
               rules: str = "", kinds: dict[str, str] | None = None, freeze_cols: int = 0, wide_keys=()) -> None:
    """Several sheets, each a labelled Excel table set up for A4; each page's header reads ``<sheet> — <title>``
    (``title``: what the file is about, e.g. the input file's name) and ``rules``."""
    import xlsxwriter

    with temp_folder(path) as scratch:           # XlsxWriter's part files beside the output, removed on every exit
        book = xlsxwriter.Workbook(str(path), {"tmpdir": str(scratch), **guard.XLSXWRITER_OPTIONS})
        try:
            tables = XlsxTable(book, lang)
            for name, frame in sheets.items():
                tables.sheet(name, frame, title=f"{name} — {title}" if title else name, rules=rules, kinds=kinds,
                             freeze_cols=freeze_cols, wide_keys=wide_keys)
        finally:
            book.close()


def write_table(frame: pd.DataFrame, out: str | Path, *, lang: str = "fr", csv_dialect: str = DEFAULT_DIALECT,
                protect: tuple = (), sheet: str = "Décisions", title: str = "", rules: str = "",
                more_sheets: dict[str, pd.DataFrame] | None = None, kinds: dict[str, str] | None = None,
                freeze_cols: int = 0, wide_keys=()) -> Path:
    """Write ``frame`` to ``out`` (.csv or .xlsx) through a temporary file beside it; returns the path.

    In .xlsx, ``frame`` is the sheet ``sheet`` and each of ``more_sheets`` follows it (a CSV holds ``frame``).
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".parquet"}:
        raise XladdinError("output_format", path=str(out))
    csv_dialect = dialect(csv_dialect)
    with atomic_path(out, protect) as tmp:
        if suffix == ".parquet":        # typed columns for programs (statistics offices): keys, no labels
            frame.to_parquet(tmp, index=False, engine="pyarrow")
        elif suffix == ".csv":
            write_csv(frame, tmp, lang=lang, dialect_name=csv_dialect, kinds=kinds)
        else:
            write_xlsx({sheet: frame, **(more_sheets or {})}, tmp, lang=lang, title=title, rules=rules,
                       kinds=kinds, freeze_cols=freeze_cols, wide_keys=wide_keys)
    return out


__all__ = ["CSV_DIALECTS", "DEFAULT_DIALECT", "NUMBER_FORMATS", "dialect", "write_csv", "write_xlsx",
           "write_table", "XlsxTable", "kinds_of", "CsvWriter"]
