"""Turn a table of cells (as clerks type them) into typed numpy columns, and every bad cell into an error.

Parsing is vectorised per column: a number column of 100 000 floats is taken as is; only the cells that are not
already numbers go through the text normalisation (Swiss ``12'345.50``, French ``12 345,50``, ``CHF 1'200.–``).
Each bad cell becomes one error naming its line (as the spreadsheet shows it, header = line 1), its column and
its value, in French and English. Nothing is dropped: error rows are still in the table, flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import schema
from ..schema import AMOUNT, BOOL, DATE, ENUM, INT, RATIO, TEXT, _fold

TRUE_WORDS = {"true", "vrai", "oui", "yes", "ja", "wahr", "1", "1.0", "x", "o", "y"}
FALSE_WORDS = {"false", "faux", "non", "no", "nein", "falsch", "0", "0.0", "n"}
_BOOL_WORDS = {**dict.fromkeys(TRUE_WORDS, 1.0), **dict.fromkeys(FALSE_WORDS, 0.0)}
EXCEL_EPOCH = np.datetime64("1899-12-30")          # Excel's 1900 date system, serial 1 = 1900-01-01
PLAUSIBLE_MAX = 1e12          # no amount (CHF) or count reaches it; beyond, int64 outputs would overflow (issue 7)
DATE_RANGE = (np.datetime64("1900-01-01"), np.datetime64("2199-12-31"))   # Excel cannot hold earlier dates
_NUMBER_JUNK = re.compile(r"(?i)chf|fr\.|[\s\u00a0\u202f'’`]")
_DASH_CENTS = re.compile(r"[.,][-–—]+$")                 # "1'200.–": whole francs as Swiss invoices write them
SMALL = 32             # up to this many rows the column-wise tricks (factorize, type masks) cost more than they save
ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass
class Inputs:
    """Typed columns of one applicant table; ``n`` rows, in input order.

    numbers: float64 (NaN = missing), booleans: float64 1/0/NaN, enums: int16 codes into the field's ``values``
    (-1 = missing), dates: datetime64[D] (NaT = missing), text: object arrays.
    """

    n: int
    cols: dict[str, np.ndarray]
    errors: pd.DataFrame
    row_error: np.ndarray                 # bool: the row has at least one error
    lines: np.ndarray                     # spreadsheet line of each row
    present: set[str] = field(default_factory=set)   # schema keys that had a column
    unknown_columns: list[str] = field(default_factory=list)

    def take(self, index: np.ndarray) -> Inputs:
        """The rows at ``index`` (used to run the rows of one rule set when several apply)."""
        return Inputs(len(index), {k: v[index] for k, v in self.cols.items()}, self.errors,
                      self.row_error[index], self.lines[index], self.present, self.unknown_columns)


ERROR_COLUMNS = ["position", "line", "applicant_id", "column", "value", "message_fr", "message_en"]

_MESSAGES = {
    "required": ("valeur obligatoire manquante", "required value missing"),
    "missing_column": ("colonne obligatoire absente", "required column missing"),
    "enum": ("valeur inconnue « {value} » (attendu : {allowed})", "unknown value '{value}' (expected: {allowed})"),
    "bool": ("valeur oui/non illisible « {value} »", "unreadable yes/no value '{value}'"),
    "number": ("nombre illisible « {value} »", "unreadable number '{value}'"),
    "integer": ("nombre entier attendu, reçu « {value} »", "whole number expected, got '{value}'"),
    "min": ("valeur « {value} » inférieure au minimum {bound}", "value '{value}' below the minimum {bound}"),
    "min_excl": ("valeur « {value} » : doit être supérieure à {bound}", "value '{value}' must be greater than {bound}"),
    "max": ("valeur « {value} » supérieure au maximum {bound}", "value '{value}' above the maximum {bound}"),
    "negative": ("montant négatif « {value} »", "negative amount '{value}'"),
    "date_range": ("date hors limites « {value} » (attendu entre {low} et {high})",
                   "date out of range '{value}' (expected between {low} and {high})"),
    "date": ("date illisible « {value} » (attendu jj.mm.aaaa ou aaaa-mm-jj)",
             "unreadable date '{value}' (expected dd.mm.yyyy or yyyy-mm-dd)"),
    "country": ("code pays ISO à 2 lettres attendu, reçu « {value} »", "2-letter ISO country code expected, got '{value}'"),
    "duplicate": ("n° de dossier en double « {value} » (déjà à la ligne {first})",
                  "duplicate file number '{value}' (already on line {first})"),
    "children_le10": ("« {value} » enfants de 10 ans ou moins, plus que le nombre d'enfants à charge",
                      "'{value}' children aged 10 or less, more than the dependent children"),
}


def _message(kind: str, line: int, column: str, **kw) -> tuple[str, str]:
    fr, en = _MESSAGES[kind]
    return (f"ligne {line}, colonne {column} : " + fr.format(**kw),
            f"line {line}, column {column}: " + en.format(**kw))


class _Collector:
    def __init__(self, lines: np.ndarray, ids: list):
        self.records: list[tuple] = []
        self.lines = lines
        self.ids = ids

    def add(self, mask: np.ndarray, column: str, kind: str, raw: np.ndarray, **kw) -> None:
        for pos in np.flatnonzero(mask):
            value = _show(raw[pos])
            fr, en = _message(kind, int(self.lines[pos]), column, value=value, **kw)
            self.records.append((int(pos), int(self.lines[pos]), self.ids[pos], column, value, fr, en))


def _show(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _is_blank(value) -> bool:
    """An empty cell: None, NaN, NaT, NA, or text of spaces only."""
    if value is None:
        return True
    if type(value) is str:
        return not value.strip()
    if isinstance(value, float):
        return value != value
    return bool(pd.isna(value)) if isinstance(value, (np.generic, type(pd.NA), type(pd.NaT))) else False


def _blank(raw: np.ndarray) -> np.ndarray:
    """True where a cell is empty (None, NaN, NaT, or only spaces)."""
    if raw.dtype.kind == "f":
        return np.isnan(raw)
    return np.fromiter(map(_is_blank, raw), dtype=bool, count=len(raw))


class _Expand:
    """An error collector over a column's distinct values that records errors against the rows."""

    def __init__(self, inner: _Collector, codes: np.ndarray, raw_rows: np.ndarray):
        self.inner, self.codes, self.raw_rows = inner, codes, raw_rows

    def add(self, mask, column, kind, raw, **kw) -> None:
        if mask.any():
            self.inner.add(mask[self.codes], column, kind, self.raw_rows, **kw)


def _absent(f, n: int) -> np.ndarray:
    """The column of a field the table does not have: its default, else missing (same as empty cells)."""
    if f.kind in (INT, AMOUNT, RATIO, BOOL):
        return np.full(n, np.nan if f.default is None else float(f.default))
    if f.kind == ENUM:
        return np.full(n, -1, dtype=np.int16)
    if f.kind == DATE:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    return np.full(n, None, dtype=object)


class _Subset:
    """An error collector for the cells at ``index`` of a column, recording errors against the whole column."""

    def __init__(self, inner: _Collector, index: np.ndarray, n: int, raw_rows: np.ndarray):
        self.inner, self.index, self.n, self.raw_rows = inner, index, n, raw_rows

    def add(self, mask, column, kind, raw, **kw) -> None:
        if mask.any():
            full = np.zeros(self.n, dtype=bool)
            full[self.index[mask]] = True
            self.inner.add(full, column, kind, self.raw_rows, **kw)


def _parse_distinct(f, series: pd.Series, errors: _Collector) -> np.ndarray:
    """Parse one column the cheapest way its kind allows, with the same results and messages cell by cell.

    Numbers and dates: one C-level conversion of the whole column; only the cells it cannot read (text such as
    ``12'345.50``, blanks, booleans) go through the text normalisation. Text: one pass. Enums and yes/no: through
    the column's distinct values (a column of 100 000 cells has a handful).
    """
    if series.dtype.kind in "fiu" and f.kind in (INT, AMOUNT, RATIO):
        raw = series.to_numpy(dtype=float, na_value=np.nan)
        return _PARSERS[f.kind](f, raw, np.isnan(raw), errors)
    if len(series) <= SMALL:                   # a few rows (one Excel cell's applicant): the parsers cell by cell
        raw = series.to_numpy(dtype=object)
        return _PARSERS[f.kind](f, raw, _blank(raw), errors)
    if f.kind in (INT, AMOUNT, RATIO, DATE):
        return _parse_numeric_first(f, series.to_numpy(dtype=object), errors)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if f.kind == TEXT and len(uniques) > len(series) // 4:      # names: nearly all distinct, read them in one pass
        return _parse_text(f, series.to_numpy(dtype=object), None, errors)
    distinct = np.empty(len(uniques) + 1, dtype=object)          # the last one stands for the empty cell
    distinct[:-1] = np.asarray(uniques, dtype=object)
    distinct[-1] = None
    codes = np.where(codes < 0, len(uniques), codes)
    parsed = _PARSERS[f.kind](f, distinct, _blank(distinct), _Expand(errors, codes, series.to_numpy(dtype=object)))
    return parsed[codes]


def _parse_numeric_first(f, raw: np.ndarray, errors: _Collector) -> np.ndarray:
    """Float cells (what Excel and the readers give for numbers and date serials) taken as they are; the other
    cells (text such as ``12'345.50``, blanks, booleans, date objects) through the kind's own parser over their
    distinct values, their errors reported at their own lines."""
    n = len(raw)
    is_float = np.fromiter(map(type, raw), dtype=object, count=n) == float
    num = np.full(n, np.nan)
    num[is_float] = raw[is_float].astype(float)
    blank = is_float & np.isnan(num)
    rest = np.flatnonzero(~is_float)
    if f.kind == DATE:
        out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        direct = np.flatnonzero(is_float)
        out[direct] = _parse_date(f, num[direct], blank[direct], _Subset(errors, direct, n, raw))
        if len(rest):
            out[rest] = _parse_subset(f, raw, rest, errors)
        return out
    if len(rest):
        sub_num, sub_bad, sub_blank = _parse_subset(f, raw, rest, errors)
        _Subset(errors, rest, n, raw).add(sub_bad, f.key, "number", raw[rest])
        num[rest] = sub_num
        blank[rest] = sub_blank
    return _check_number(f, num, blank, raw, errors)


def _parse_subset(f, raw: np.ndarray, index: np.ndarray, errors: _Collector):
    """The cells at ``index`` through their distinct values: dates parsed; numbers as (values, bad, blank)."""
    sub = raw[index]
    codes, uniques = pd.factorize(sub, use_na_sentinel=True)
    distinct = np.empty(len(uniques) + 1, dtype=object)          # the last one stands for the empty cell
    distinct[:-1] = np.asarray(uniques, dtype=object)
    distinct[-1] = None
    codes = np.where(codes < 0, len(uniques), codes)
    blank = _blank(distinct)
    if f.kind == DATE:
        return _parse_date(f, distinct, blank, _Expand(_Subset(errors, index, len(raw), raw), codes, sub))[codes]
    values, bad = _to_number(distinct, blank)
    return values[codes], bad[codes], blank[codes]


def parse(frame: pd.DataFrame, lines: np.ndarray | None = None) -> Inputs:
    """Parse a DataFrame whose headers are schema keys or labels (fr/en/de) into typed columns and errors."""
    n = len(frame)
    if lines is None:
        lines = np.arange(n) + 2                        # header on line 1
    rename, unknown = {}, []
    for col in frame.columns:
        key = schema.resolve_header(col)
        if key is None or key in rename.values():
            unknown.append(str(col))
        else:
            rename[col] = key
    frame = frame[list(rename)].rename(columns=rename)
    raw_ids = frame["applicant_id"].to_numpy(dtype=object) if "applicant_id" in frame else np.full(n, None, object)
    ids = list(map(_text_cell, raw_ids))
    errors = _Collector(lines, ids)
    cols: dict[str, np.ndarray] = {}
    for f in schema.FIELDS:
        if f.key not in frame:
            cols[f.key] = _absent(f, n)              # nothing to parse: the field's "missing" value
        elif f.key == "applicant_id":              # per row: duplicates are a row-level question
            cols[f.key] = _parse_text(f, frame[f.key].to_numpy(dtype=object), None, errors)
        else:
            cols[f.key] = _parse_distinct(f, frame[f.key], errors)
    _cross_checks(cols, errors, frame, n)
    if "applicant_id" not in frame and n:
        errors.add(np.ones(n, bool), "applicant_id", "missing_column", raw_ids)
    err = pd.DataFrame(errors.records, columns=ERROR_COLUMNS).sort_values(["position", "column"], kind="stable")
    row_error = np.zeros(n, bool)
    row_error[err["position"].to_numpy(dtype=int)] = True
    return Inputs(n, cols, err.reset_index(drop=True), row_error, np.asarray(lines), set(frame.columns), unknown)


def _text_cell(value) -> str | None:
    """A cell as trimmed text; None when it is empty."""
    if type(value) is str:
        return value.strip() or None
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return _show(value).strip() or None


def _parse_text(f, raw, blank, errors) -> np.ndarray:
    out = np.fromiter(map(_text_cell, raw), dtype=object, count=len(raw))
    blank = np.fromiter((v is None for v in out), dtype=bool, count=len(out))
    if f.required:
        errors.add(blank, f.key, "required", raw)
    if f.key == "nationality":
        upper = np.array([None if v is None else v.upper() for v in out], dtype=object)
        bad = np.array([v is not None and not ISO2.match(v) for v in upper], dtype=bool)
        errors.add(bad, f.key, "country", raw)
        upper[bad] = None
        return upper
    if f.key == "applicant_id":
        ids = pd.Series(out, dtype=object)
        dup = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
        if dup.any():
            first_line = dict(zip(ids[~dup & ids.notna()], errors.lines[np.flatnonzero(~dup & ids.notna().to_numpy())]))
            for pos in np.flatnonzero(dup):
                fr, en = _message("duplicate", int(errors.lines[pos]), f.key, value=out[pos],
                                  first=int(first_line[out[pos]]))
                errors.records.append((int(pos), int(errors.lines[pos]), out[pos], f.key, out[pos], fr, en))
    return out


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def text_number(text: str) -> float:
    """A number as clerks type it: ``12'345.50``, ``12 345,50``, ``1.234,50``, ``CHF 1'200.–``; NaN if unreadable.

    Of a comma and a dot, the last one is the decimal separator; a lone comma is decimal. Only plain ASCII
    digits count (no ``inf``, no ``1_000``).
    """
    cleaned = _DASH_CENTS.sub("", _NUMBER_JUNK.sub("", text.strip()))
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "") if cleaned.rfind(",") > cleaned.rfind(".") else cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    return float(cleaned) if _PLAIN_NUMBER.fullmatch(cleaned) else np.nan


def _to_number(raw: np.ndarray, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from cells; returns (values with NaN for blank/bad, bad mask). Booleans are not numbers."""
    if raw.dtype.kind == "f":
        return raw.copy(), np.zeros(len(raw), bool)
    num = np.full(len(raw), np.nan)
    for i, v in enumerate(raw):
        if blank[i] or type(v) is bool or type(v) is np.bool_:
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            num[i] = float(v)
        elif isinstance(v, str):
            num[i] = text_number(v)
        else:
            num[i] = text_number(str(v))
    bad = np.isnan(num) & ~blank
    return num, bad


def _parse_number(f, raw, blank, errors) -> np.ndarray:
    num, bad = _to_number(raw, blank)
    errors.add(bad, f.key, "number", raw)
    return _check_number(f, num, blank, raw, errors)


def _check_number(f, num, blank, raw, errors) -> np.ndarray:
    """Whole numbers, bounds and the default of empty cells (``num`` is changed in place)."""
    if f.kind == INT:
        finite = np.isfinite(num)                     # inf − inf is no fraction (and no numpy warning)
        frac = finite.copy()
        frac[finite] = np.abs(num[finite] - np.round(num[finite])) > 1e-9
        errors.add(frac, f.key, "integer", raw)
        num[frac] = np.nan
    if f.minimum is not None:
        below = (num <= f.minimum) if f.min_exclusive else (num < f.minimum)
        below &= ~np.isnan(num)
        kind = "min_excl" if f.min_exclusive else ("negative" if f.minimum == 0 and f.kind == AMOUNT else "min")
        errors.add(below, f.key, kind, raw, bound=_show(float(f.minimum)))
        num[below] = np.nan
    if f.maximum is not None:
        above = ~np.isnan(num) & (num > f.maximum)
        errors.add(above, f.key, "max", raw, bound=_show(float(f.maximum)))
        num[above] = np.nan
    absurd = ~np.isnan(num) & ~(np.abs(num) <= PLAUSIBLE_MAX)     # 1e300, 1e400 = inf: beyond any amount or count
    errors.add(absurd, f.key, "max", raw, bound=_show(PLAUSIBLE_MAX))
    num[absurd] = np.nan
    if f.default is not None:
        num = np.where(blank, float(f.default), num)
    return num


def _parse_bool(f, raw, blank, errors) -> np.ndarray:
    out = np.fromiter((np.nan if v is None else _BOOL_WORDS.get(str(v).strip().lower(), np.nan) for v in raw),
                      dtype=float, count=len(raw))
    bad = np.isnan(out) & ~blank
    errors.add(bad, f.key, "bool", raw)
    if f.default is not None:
        out = np.where(blank, float(f.default), out)
    return out


_ENUM_INDEX: dict[str, dict[str, int]] = {}


def _enum_index(f) -> dict[str, int]:
    if f.key not in _ENUM_INDEX:
        index: dict[str, int] = {}
        for i, code in enumerate(f.values):
            for name in (code, f.value_labels_fr.get(code, ""), f.value_labels_en.get(code, ""),
                         f.value_labels_de.get(code, "")):
                if name:
                    index.setdefault(_fold(name), i)
        _ENUM_INDEX[f.key] = index
    return _ENUM_INDEX[f.key]


def _parse_enum(f, raw, blank, errors) -> np.ndarray:
    index = _enum_index(f)
    codes = np.fromiter((-1 if b else index.get(_fold(v), -2) for v, b in zip(raw, blank)), dtype=np.int16,
                        count=len(raw))
    bad = codes == -2
    errors.add(bad, f.key, "enum", raw, allowed=", ".join(f.values))
    codes[bad] = -1
    return codes


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%Y/%m/%d")


def _serial_dates(num: np.ndarray) -> np.ndarray:
    """Excel serials (1900 system, whole days) as dates; NaT for anything else."""
    out = np.full(len(num), np.datetime64("NaT"), dtype="datetime64[D]")
    serial = np.isfinite(num) & (num >= 1) & (num < 2958466)
    serial[serial] = np.abs(num[serial] - np.round(num[serial])) < 1e-9
    out[serial] = EXCEL_EPOCH + num[serial].astype("int64").astype("timedelta64[D]")
    return out


def _parse_date(f, raw, blank, errors) -> np.ndarray:
    """Dates from Excel serials, date objects, or text ``jj.mm.aaaa`` / ``aaaa-mm-jj`` (and a few variants)."""
    n = len(raw)
    if raw.dtype.kind == "f":
        out = _serial_dates(raw)
    else:
        out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        is_dt = np.fromiter((isinstance(v, (dt.date, pd.Timestamp, np.datetime64)) for v in raw), bool, n)
        if is_dt.any():
            out[is_dt] = pd.to_datetime(pd.Series(raw[is_dt], dtype=object), errors="coerce").to_numpy().astype(
                "datetime64[D]")
        rest = np.flatnonzero(~is_dt & ~blank)
        if len(rest):
            num = np.array([_date_number(v) for v in raw[rest]], dtype=float)
            parsed = _serial_dates(num)
            textual = np.flatnonzero(np.isnan(num))
            if len(textual):
                parsed[textual] = np.array([_text_date(str(v)) for v in raw[rest][textual]], dtype="datetime64[D]")
            out[rest] = parsed
    bad = np.isnat(out) & ~blank
    errors.add(bad, f.key, "date", raw)
    outside = ~np.isnat(out) & ((out < DATE_RANGE[0]) | (out > DATE_RANGE[1]))
    errors.add(outside, f.key, "date_range", raw, low="01.01.1900", high="31.12.2199")
    out[outside] = np.datetime64("NaT")
    return out


@lru_cache(maxsize=8192)
def _text_date(text: str) -> np.datetime64:
    """A date typed as text (``15.09.2025``, ``2025-09-15``, ``15/09/2025``, ``15.09.25``, ``2025/09/15``; a time
    after a space is ignored); NaT when no format reads it."""
    head = text.strip().split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return np.datetime64(dt.datetime.strptime(head, fmt).date(), "D")
        except ValueError:
            continue
    return np.datetime64("NaT", "D")


def _date_number(value) -> float:
    """A cell that is a number (an Excel serial, possibly as text), else NaN."""
    if isinstance(value, (bool, np.bool_)):
        return np.nan                     # a yes/no cell is not a date
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    text = str(value).strip()
    return float(text) if _PLAIN_NUMBER.fullmatch(text) else np.nan


_PARSERS = {TEXT: _parse_text, INT: _parse_number, AMOUNT: _parse_number, RATIO: _parse_number,
            BOOL: _parse_bool, ENUM: _parse_enum, DATE: _parse_date}


def _cross_checks(cols, errors, frame, n) -> None:
    """Constraints between fields of one row."""
    le10, total = cols["student_children_le10"], cols["student_children"]
    bad = le10 > total
    if bad.any():
        raw = frame["student_children_le10"].to_numpy(dtype=object) if "student_children_le10" in frame else le10
        errors.add(bad, "student_children_le10", "children_le10", raw)


def code_of(key: str, value: str) -> int:
    """The integer code of an enum value (for the engine's comparisons)."""
    return schema.BY_KEY[key].values.index(value)


def table_from(applicants) -> tuple[pd.DataFrame, np.ndarray | None, object]:
    """Accept a DataFrame, a list of dicts, a dict, a path or a RawTable; return (frame, lines, raw_table)."""
    from ..io.readers import RawTable, read_applicants

    if isinstance(applicants, (str, bytes)) or hasattr(applicants, "__fspath__"):
        applicants = read_applicants(applicants)
    if isinstance(applicants, RawTable):
        lines = np.array([applicants.line_of(i) for i in range(len(applicants.frame))], dtype=np.int64)
        return applicants.frame, lines, applicants
    if isinstance(applicants, dict):
        applicants = [applicants]
    if isinstance(applicants, list):
        return pd.DataFrame.from_records(applicants), None, None
    if isinstance(applicants, pd.DataFrame):
        return applicants, None, None
    raise TypeError(f"applicants must be a DataFrame, list of dicts, path or RawTable, not {type(applicants)}")
