"""Raw Excel ranges in, cells out — the one place that knows how Excel hands values to Python.

Excel gives UDFs (xlwings ``raw`` converter) nested lists (Office.js, JSON) or tuples (COM on Windows): empty
cells as ``None`` or ``""``, every number as a float, dates as serial numbers (Office.js) or ``datetime``
(COM), booleans as ``True``/``False``, error cells as objects (Office.js ``{"type": "Error", ...}``) or
integers (COM). This module only shapes and cleans; the engine's parser (``xladdin.bursary.inputs``) reads the
values (oui/non, ``1 234,50``, ``12'000``, ``01.09.2025``, Excel serials), so a sheet and a CSV file give the
same result.

Whole columns are handled at once (numpy object arrays), never cell by cell through xlwings' converters: on
10 000 × 60 cells that is the difference between ~0.05 s and ~20 s.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import schema
from ..bursary import inputs
from ..errors import XladdinError

ERROR_PREFIX = "#XLADDIN! "
MAX_CELLS = int(os.environ.get("XLADDIN_MAX_CELLS", "800000"))
"""Largest range a function accepts (10 000 applicants × 80 columns); beyond, a message asks to split it."""

# Office.js error cells arrive as {"type": "Error", "errorType": "NotAvailable", ...}; COM gives integers.
_COM_ERRORS = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
               -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!"}
_PLAIN = (str, float, int, bool, type(None))


# --- shapes -------------------------------------------------------------------------------------------------

def matrix(value, name: str = "range") -> list[list]:
    """Any argument as a list of rows: a single cell ``x`` → ``[[x]]``, a 1-D list → one row.

    Raises ``excel_too_many_cells`` beyond :data:`MAX_CELLS`, before anything else is done with the range.
    """
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        return [[value]]
    if not value:
        return [[None]]
    if not isinstance(value[0], (list, tuple)):
        value = [value]
    width = max(map(len, value))
    cells = len(value) * width
    if cells > MAX_CELLS:
        raise XladdinError("excel_too_many_cells", cells=f"{cells:,}".replace(",", " "),
                           limit=f"{MAX_CELLS:,}".replace(",", " "))
    if min(map(len, value)) == width:
        return value if isinstance(value, list) else list(value)      # rows are not copied
    return [list(r) + [None] * (width - len(r)) for r in value]


def cell(value):
    """One cell as the engine's parser expects it: plain Python values, errors as their ``#N/A`` text."""
    if isinstance(value, _PLAIN):
        if isinstance(value, int) and not isinstance(value, bool) and value in _COM_ERRORS:
            return _COM_ERRORS[value]
        return value
    if isinstance(value, dict):                     # Office.js entity, formatted number or error
        if value.get("type") == "Error":
            return value.get("basicValue") or "#" + str(value.get("errorType", "VALUE")).upper() + "!"
        return cell(value.get("basicValue"))
    if isinstance(value, dt.datetime):                           # COM: pywintypes datetime, time zone UTC
        return dt.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (np.floating, np.integer, np.bool_)):
        return value.item()
    return str(value)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def _plain(rows) -> bool:
    """True when every cell is text, a number, a boolean or empty: nothing to clean (the usual case).

    Office.js sends whole numbers as JSON integers; COM (tuples of tuples) uses integers only for error cells,
    so integers there go through :func:`cell`.
    """
    kinds = set(map(type, itertools.chain.from_iterable(rows)))
    if kinds <= {str, float, bool, type(None)}:
        return True
    return kinds <= {str, float, int, bool, type(None)} and isinstance(rows[0], list)


def _blank_rows(rows) -> np.ndarray:
    """Rows whose every cell is empty. ``any(row)`` (C speed) settles most rows: only rows of falsy cells
    (``""``, None, 0, FALSE) are looked at cell by cell."""
    blank = np.zeros(len(rows), dtype=bool)
    for i, row in enumerate(rows):
        if not any(row):
            blank[i] = all(is_empty(c) for c in row)
    return blank


# --- applicant tables ---------------------------------------------------------------------------------------

@dataclass
class Table:
    """An applicant table read from a range whose first row is the header."""

    frame: pd.DataFrame                  # one column per recognised header (schema key), one row per data row
    blank: np.ndarray                    # rows with no value in any recognised column: answered with blanks
    unknown: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.frame)


def read_table(value, name: str = "table") -> Table:
    """A range with a header row (schema keys or their French/English/German labels) → :class:`Table`.

    Columns whose header is not in the schema are ignored (listed in ``unknown``); when two headers name the
    same field, the first wins. Cells are passed to the engine as they are.
    """
    rows = matrix(value, name)
    header = [cell(h) for h in rows[0]]
    keys = [schema.resolve_header(h) if not is_empty(h) else None for h in header]
    data = rows[1:]
    if not any(keys):
        if all(is_empty(h) for h in header) and not any(not is_empty(c) for r in data for c in r):
            raise XladdinError("excel_empty", what=name)
        raise XladdinError("excel_no_header")
    if not data:
        raise XladdinError("no_rows")
    if not _plain(data):
        data = [[cell(c) for c in r] for r in data]
    grid = np.array(data, dtype=object)                          # rows are padded to one width by matrix()
    if grid.ndim != 2:                                             # a cell holding a list (not from Excel)
        grid = np.empty((len(data), len(header)), dtype=object)
        for i, r in enumerate(data):
            grid[i, :] = [c if not isinstance(c, (list, tuple)) else str(c) for c in r]
    columns, seen, unknown = {}, set(), []
    for j, key in enumerate(keys):
        if key is None or key in seen:
            if not is_empty(header[j]):
                unknown.append(str(header[j]))
            continue
        seen.add(key)
        columns[key] = grid[:, j]
    n = len(data)
    # dtype=object: cells stay as they came (pandas would otherwise scan every text column to infer a str dtype)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False, dtype=object)
    return Table(frame, _blank_rows(data), unknown)


def header_frame(value, name: str = "table") -> pd.DataFrame:
    """A range whose first row is the header as a DataFrame of raw cells, for tables outside the applicant
    schema (students' programmes); empty and repeated headers are dropped, fully empty rows are kept."""
    rows = matrix(value, name)
    header = [cell(h) for h in rows[0]]
    if all(is_empty(h) for h in header):
        raise XladdinError("excel_empty", what=name)
    if len(rows) < 2:
        raise XladdinError("no_rows")
    keep, seen = [], set()
    for j, h in enumerate(header):
        label = "" if is_empty(h) else str(int(h) if isinstance(h, float) and h.is_integer() else h).strip()
        if label and label not in seen:
            seen.add(label)
            keep.append((j, label))
    data = rows[1:] if _plain(rows[1:]) else [[cell(c) for c in r] for r in rows[1:]]
    grid = np.array(data, dtype=object).reshape(len(data), -1)
    return pd.DataFrame({label: grid[:, j] for j, label in keep}, index=pd.RangeIndex(len(data)))


def read_applicant(value, headers=None, name: str = "applicant") -> dict[str, object]:
    """One applicant as ``{schema key: cell}`` from the layouts an intake sheet uses.

    * 2 rows: header row (keys or labels) over a value row — a row of an applicant table;
    * 2 columns: labels (or keys) in the first column, values in the second — the vertical intake form;
    * 1 row plus ``headers`` (a separate header row, e.g. ``A$1:BH$1``) — a formula copied down a table.

    A 2 × 2 range is read in the direction whose first line holds more known labels. Labels that are not
    schema fields (section titles, notes) are ignored; empty values are left out (schema defaults apply).
    """
    rows = matrix(value, name)
    n_rows, n_cols = len(rows), len(rows[0])
    head = [h for r in matrix(headers, "headers") for h in r] if headers is not None else ()
    if any(not is_empty(h) for h in head):
        values = [c for r in rows for c in r]
        if len(values) != len(head):
            raise XladdinError("excel_shape", name=name, rows=n_rows, cols=n_cols,
                               expected=f"autant de valeurs que d'en-têtes ({len(head)})",
                               expected_en=f"as many values as headers ({len(head)})",
                               expected_de=f"so viele Werte wie Spaltenköpfe ({len(head)})")
        labels = head
    else:
        row_keys = header_keys(rows[0]) if n_rows == 2 else ()
        col_keys = header_keys(r[0] for r in rows) if n_cols == 2 else ()
        by_row = sum(k is not None for k in row_keys) if n_rows == 2 else -1
        by_col = sum(k is not None for k in col_keys) if n_cols == 2 else -1
        if by_row < 0 and by_col < 0:
            if all(is_empty(c) for r in rows for c in r):
                raise XladdinError("excel_empty", what=name)
            raise XladdinError("excel_layout", rows=n_rows, cols=n_cols)
        if max(by_row, by_col) == 0:
            raise XladdinError("excel_no_header")
        if by_row >= by_col:
            labels, values = rows[0], rows[1]
        else:
            labels, values = [r[0] for r in rows], [r[1] for r in rows]
    record: dict[str, object] = {}
    for key, raw in zip(header_keys(labels), values):
        if key is None or key in record:
            continue
        kind = type(raw)
        if kind is float:                            # the usual cells first: a number (NaN: empty) or text
            if raw == raw:
                record[key] = raw
        elif kind is str:
            if raw.strip():
                record[key] = raw
        else:
            raw = cell(raw)
            if not is_empty(raw):
                record[key] = raw
    if not record:
        raise XladdinError("excel_empty", what=name)
    record.setdefault("applicant_id", "—")
    return record


def header_keys(labels) -> tuple:
    """The schema key each header cell stands for (None: not a field), remembered per header row: a formula
    copied down a list sends the same ``A$1:BH$1`` with every row."""
    labels = tuple(labels)
    try:
        return _header_keys(labels)
    except TypeError:                                # an unhashable cell (an Office.js entity): read each time
        return _resolve_keys(labels)


def _resolve_keys(labels: tuple) -> tuple:
    return tuple(schema.resolve_header(cell(label)) if not is_empty(label) else None for label in labels)


_header_keys = functools.lru_cache(maxsize=64)(_resolve_keys)


# --- scalar arguments ---------------------------------------------------------------------------------------



def number(value, name: str, default=None) -> float | None:
    """A number from a cell: floats as they come, text by the cell reader's rules (``1 234,50``, ``12'000``,
    ``CHF 900.–``; ``70.000`` refused as ambiguous unless ``name`` is a field holding decimals by nature, such as
    ``part_time_ratio``, where ``60 %`` is 0.6), so an argument and a table cell read alike."""
    value = single(value, name)
    if is_empty(value):
        if default is None:
            raise XladdinError("excel_empty", what=name)
        return default
    if isinstance(value, bool):
        raise XladdinError("excel_bad_number", name=name, value=value)
    if isinstance(value, (int, float)):
        return _bounded(float(value), name, value)
    field_ = schema.BY_KEY.get(name)
    return _read_number(str(value), name, inputs.holds_decimals(field_),
                        field_ is not None and field_.kind == schema.RATIO)


def _read_number(text: str, name: str, decimals: bool, percent: bool = False) -> float:
    got, problem = inputs.read_number(text, decimals, percent)
    if problem == "ambiguous":
        whole, decimal = inputs.ambiguous_readings(text)
        raise XladdinError("excel_ambiguous_number", name=name, value=text, whole=inputs.typed(whole),
                           swiss=inputs.swiss(whole), decimal=inputs.typed(decimal))
    if problem is not None:
        raise XladdinError("excel_bad_number", name=name, value=text)
    return _bounded(got, name, text)


def _bounded(got: float, name: str, value) -> float:
    """A number within ±10¹² (the readers' bound: no amount or count reaches it), else a refusal."""
    if not abs(got) <= inputs.PLAUSIBLE_MAX:                # also NaN and infinities
        raise XladdinError("excel_out_of_range", name=name, value=value, low="-1 000 000 000 000",
                           high="1 000 000 000 000")
    return got


def text_number(text: str, decimals: bool = False) -> float | None:
    """``"1 234,50"`` → 1234.5; ``"12'000"`` → 12000; ``"1.234,5"`` → 1234.5; None when it is refused
    (the engine's own reading of typed numbers, :func:`xladdin.bursary.inputs.read_number`: ``70.000`` is
    ambiguous unless ``decimals``)."""
    got = inputs.text_number(text, decimals)
    return None if math.isnan(got) else got


def numbers(value, name: str) -> np.ndarray:
    """A range of numbers (grades, credits: decimals by nature, so ``12.500`` is 12.5) as a float column; blanks
    are NaN; unreadable text is an error."""
    flat = [cell(c) for r in matrix(value, name) for c in r]
    out = np.full(len(flat), np.nan)
    for i, v in enumerate(flat):
        if is_empty(v):
            continue
        if isinstance(v, bool):
            raise XladdinError("excel_bad_number", name=name, value=v)
        out[i] = _bounded(float(v), name, v) if isinstance(v, (int, float)) else _read_number(str(v), name, True)
    return out


def texts(value, name: str) -> list[str | None]:
    """A range of text cells (course codes, statuses), flattened row by row; blanks are None."""
    out = []
    for r in matrix(value, name):
        for c in r:
            c = cell(c)
            if is_empty(c):
                out.append(None)
            elif isinstance(c, float) and c.is_integer():
                out.append(str(int(c)))
            else:
                out.append(str(c).strip())
    return out


def to_scalar(value):
    """The single value of a 1 × 1 range (xlwings already does this for Office.js; COM may not)."""
    while isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    return value


def single(value, name: str):
    """The value of an argument that must be one cell; a larger range is a readable error."""
    value = to_scalar(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        shape = matrix(value, name)
        raise XladdinError("excel_shape", name=name, rows=len(shape), cols=len(shape[0]),
                           expected="une seule cellule attendue", expected_en="a single cell expected",
                           expected_de="eine einzige Zelle erwartet")
    return cell(value)


def text(value, name: str, default: str | None = None) -> str | None:
    """A single text cell (rule-set id, language); numbers written without a trailing ``.0``."""
    value = single(value, name)
    if is_empty(value):
        return default
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def choice(value, name: str, allowed: dict[str, str], default: str) -> str:
    """One of ``allowed`` (folded text → canonical value), e.g. the output language."""
    got = text(value, name)
    if got is None:
        return default
    key = schema._fold(got)
    if key not in allowed:
        allowed_values = ", ".join(sorted(set(allowed.values())))
        raise XladdinError("excel_bad_choice", name=name, value=got, allowed=allowed_values)
    return allowed[key]


def flag(value, name: str, default: bool = False) -> bool:
    """A yes/no argument: TRUE/FALSE, 1/0, oui/non, vrai/faux, yes/no."""
    value = single(value, name)
    if is_empty(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    folded = schema._fold(value)
    if folded in {"oui", "vrai", "true", "yes", "ja", "1", "x"}:
        return True
    if folded in {"non", "faux", "false", "no", "nein", "0"}:
        return False
    raise XladdinError("excel_bad_choice", name=name, value=value, allowed="oui, non")


LANGS = {"fr": "fr", "francais": "fr", "french": "fr", "en": "en", "anglais": "en", "english": "en",
         "de": "de", "deutsch": "de", "allemand": "de", "german": "de",
         "cle": "key", "cles": "key", "key": "key", "keys": "key"}


def lang(value) -> str:
    """``fr`` (default), ``en``, ``de`` (German headers and messages), or ``key`` (schema keys as headers,
    messages in French)."""
    return choice(value, "lang", LANGS, "fr")


def message_lang(language: str) -> str:
    """The language of the messages for a cell's ``lang``: fr, en or de (French for ``key``)."""
    return language if language in ("en", "de") else "fr"


# --- results to cells ---------------------------------------------------------------------------------------

def column_cells(series: pd.Series) -> np.ndarray:
    """A result column as plain Python cells: NA → "" (an empty cell), numpy scalars → int/float/bool."""
    if isinstance(series.dtype, (pd.Int64Dtype, pd.BooleanDtype)):     # Python ints / bools already, NA → ""
        return series.to_numpy(dtype=object, na_value="")
    values = series.to_numpy(dtype=object, na_value=None)
    missing = pd.isna(series).to_numpy()
    if missing.any():
        values = values.copy()
        values[missing] = ""
    kinds = set(map(type, values))
    if not kinds <= {str, float, int, bool}:
        values = np.array([_plain_cell(v) for v in values], dtype=object)
    return values


def _plain_cell(v):
    if isinstance(v, np.generic):
        return v.item()
    return v if isinstance(v, (str, float, int, bool)) else str(v)


def rows_of(columns: list[np.ndarray]) -> list[list]:
    """Columns of plain cells as a list of rows (one C-level ``tolist`` of a 2-D object array)."""
    if not columns or not len(columns[0]):
        return []
    grid = np.empty((len(columns[0]), len(columns)), dtype=object)
    for j, column in enumerate(columns):
        grid[:, j] = column
    return grid.tolist()


def frame_cells(frame: pd.DataFrame, header: list[str] | None = None) -> list[list]:
    """A DataFrame as rows of cells, optionally under a header row."""
    rows = rows_of([column_cells(frame[c]) for c in frame.columns])
    return ([list(header)] if header is not None else []) + rows


def output_header(keys, language: str) -> list[str]:
    """Header of the engine's output columns: French or English labels, or the keys themselves."""
    if language == "key":
        return list(keys)
    return [schema.output_label(k, language) if k in schema.OUTPUT_LABELS else k for k in keys]


def message(exc: BaseException, language: str = "fr") -> str:
    """The readable cell text for an error: ``#XLADDIN! permit : valeur inconnue « X » (attendu : ...)``."""
    if isinstance(exc, XladdinError):
        # the message in the cell's language (XladdinError.text)
        text_ = exc.text(message_lang(language))
    else:
        said = {"en": "internal error", "de": "interner Fehler"}.get(language, "erreur interne")
        text_ = f"{said} ({type(exc).__name__}: {exc})"
    return ERROR_PREFIX + text_[:240]


_LINE_PREFIX = re.compile(r"^(ligne|line|Zeile) \d+(, | : |: )")


def row_message(reasons: str) -> str:
    """An engine row error (``ligne 2, colonne « Permis de séjour » (permit) : valeur inconnue …``, or a row's
    own ``ligne 2 : GE-2025 : le montant …``) for a one-applicant cell, without the line
    (``colonne « Permis de séjour » (permit) : …``)."""
    parts = [_LINE_PREFIX.sub("", p.strip()) for p in str(reasons).split(" | ")]
    return ERROR_PREFIX + " | ".join(parts)[:240]
