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

import numpy as np
import pandas as pd

from .. import schema
from ..schema import AMOUNT, BOOL, DATE, ENUM, INT, RATIO, TEXT, _fold

TRUE_WORDS = {"true", "vrai", "oui", "yes", "ja", "wahr", "1", "1.0", "x", "o", "y"}
FALSE_WORDS = {"false", "faux", "non", "no", "nein", "falsch", "0", "0.0", "n"}
EXCEL_EPOCH = np.datetime64("1899-12-30")          # Excel's 1900 date system, serial 1 = 1900-01-01
_NUMBER_JUNK = re.compile(r"(?i)chf|fr\.|[\s\u00a0\u202f'’`]")
_DASH_CENTS = re.compile(r"[.,][-–—]+$")                 # "1'200.–": whole francs as Swiss invoices write them
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


def _blank(raw: np.ndarray) -> np.ndarray:
    """True where a cell is empty (None, NaN, NaT, or only spaces)."""
    if raw.dtype.kind == "f":
        return np.isnan(raw)
    s = pd.Series(raw, dtype=object)
    empty_text = s.map(lambda v: isinstance(v, str) and not v.strip())
    return np.array(s.isna() | empty_text, dtype=bool)


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


def _parse_distinct(f, series: pd.Series, errors: _Collector) -> np.ndarray:
    """Parse a column through its distinct values: a column of 100 000 cells has a few hundred of them.

    Number columns that are already numeric are taken as they are.
    """
    if series.dtype.kind in "fiu" and f.kind in (INT, AMOUNT, RATIO):
        raw = series.to_numpy(dtype=float, na_value=np.nan)
        return _PARSERS[f.kind](f, raw, np.isnan(raw), errors)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    distinct = np.empty(len(uniques) + 1, dtype=object)          # the last one stands for the empty cell
    distinct[:-1] = np.asarray(uniques, dtype=object)
    distinct[-1] = None
    codes = np.where(codes < 0, len(uniques), codes)
    parsed = _PARSERS[f.kind](f, distinct, _blank(distinct), _Expand(errors, codes, series.to_numpy(dtype=object)))
    return parsed[codes]


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
    ids = [_show(v).strip() or None for v in raw_ids]
    errors = _Collector(lines, ids)
    cols: dict[str, np.ndarray] = {}
    for f in schema.FIELDS:
        if f.key not in frame:
            cols[f.key] = _absent(f, n)              # nothing to parse: the field's "missing" value
        elif f.key == "applicant_id":              # per row: duplicates are a row-level question
            raw = frame[f.key].to_numpy(dtype=object)
            cols[f.key] = _parse_text(f, raw, _blank(raw), errors)
        else:
            cols[f.key] = _parse_distinct(f, frame[f.key], errors)
    _cross_checks(cols, errors, frame, n)
    if "applicant_id" not in frame and n:
        errors.add(np.ones(n, bool), "applicant_id", "missing_column", raw_ids)
    err = pd.DataFrame(errors.records, columns=ERROR_COLUMNS).sort_values(["position", "column"], kind="stable")
    row_error = np.zeros(n, bool)
    row_error[err["position"].to_numpy(dtype=int)] = True
    return Inputs(n, cols, err.reset_index(drop=True), row_error, np.asarray(lines), set(frame.columns), unknown)


def _parse_text(f, raw, blank, errors) -> np.ndarray:
    out = np.array([None if b else _show(v).strip() for v, b in zip(raw, blank)], dtype=object)
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


def _to_number(raw: np.ndarray, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from cells; returns (values with NaN for blank/bad, bad mask)."""
    if raw.dtype.kind == "f":
        return raw.copy(), np.zeros(len(raw), bool)
    s = pd.Series(raw, dtype=object)
    is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in raw), bool, len(raw))
    num = np.array(pd.to_numeric(s.where(~is_bool), errors="coerce"), dtype=float)
    todo = np.isnan(num) & ~blank
    if todo.any():
        texts = pd.Series(raw[todo], dtype=object).astype(str).str.strip()
        cleaned = texts.str.replace(_NUMBER_JUNK, "", regex=True).str.replace(_DASH_CENTS, "", regex=True)
        both = cleaned.str.contains(",", regex=False) & cleaned.str.contains(".", regex=False)
        # "1.234,50" (comma last) or "1,234.50" (dot last): the last separator is the decimal one.
        comma_last = cleaned.str.rfind(",") > cleaned.str.rfind(".")
        cleaned = cleaned.where(~(both & comma_last), cleaned.str.replace(".", "", regex=False))
        cleaned = cleaned.where(~(both & ~comma_last), cleaned.str.replace(",", "", regex=False))
        cleaned = cleaned.str.replace(",", ".", regex=False)
        num[todo] = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(num) & ~blank
    num[bad] = np.nan
    return num, bad


def _parse_number(f, raw, blank, errors) -> np.ndarray:
    num, bad = _to_number(raw, blank)
    errors.add(bad, f.key, "number", raw)
    if f.kind == INT:
        frac = ~np.isnan(num) & (np.abs(num - np.round(num)) > 1e-9)
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
    if f.default is not None:
        num = np.where(blank, float(f.default), num)
    return num


def _parse_bool(f, raw, blank, errors) -> np.ndarray:
    out = np.full(len(raw), np.nan)
    s = pd.Series(raw, dtype=object)
    text = s.map(lambda v: str(v).strip().lower() if v is not None else "")
    out[text.isin(TRUE_WORDS).to_numpy()] = 1.0
    out[text.isin(FALSE_WORDS).to_numpy()] = 0.0
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
            for name in (code, f.value_labels_fr.get(code, ""), f.value_labels_en.get(code, "")):
                if name:
                    index.setdefault(_fold(name), i)
        _ENUM_INDEX[f.key] = index
    return _ENUM_INDEX[f.key]


def _parse_enum(f, raw, blank, errors) -> np.ndarray:
    index = _enum_index(f)
    s = pd.Series(raw, dtype=object)
    folded = s.map(lambda v: _fold(v) if v is not None and not (isinstance(v, float) and np.isnan(v)) else "")
    codes = np.array(folded.map(index), dtype=float)
    bad = np.isnan(codes) & ~blank
    errors.add(bad, f.key, "enum", raw, allowed=", ".join(f.values))
    codes = np.where(np.isnan(codes), -1, codes).astype(np.int16)
    return codes


def _parse_date(f, raw, blank, errors) -> np.ndarray:
    n = len(raw)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    is_dt = np.fromiter((isinstance(v, (dt.date, pd.Timestamp, np.datetime64)) for v in raw), bool, n)
    if is_dt.any():
        out[is_dt] = pd.to_datetime(pd.Series(raw[is_dt], dtype=object), errors="coerce").to_numpy().astype(
            "datetime64[D]")
    rest = ~is_dt & ~blank
    if rest.any():
        s = pd.Series(raw[rest], dtype=object)
        num = np.array(pd.to_numeric(s, errors="coerce"), dtype=float)
        parsed = np.full(len(s), np.datetime64("NaT"), dtype="datetime64[D]")
        serial = ~np.isnan(num) & (num >= 1) & (num < 2958466) & (np.abs(num - np.round(num)) < 1e-9)
        parsed[serial] = EXCEL_EPOCH + num[serial].astype("int64").astype("timedelta64[D]")
        text = s.astype(str).str.strip().str.split(" ").str[0]
        for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%Y/%m/%d"):
            missing = np.isnat(parsed) & np.isnan(num)
            if not missing.any():
                break
            got = pd.to_datetime(text[missing], format=fmt, errors="coerce").to_numpy().astype("datetime64[D]")
            parsed[missing] = got
        out[rest] = parsed
    bad = np.isnat(out) & ~blank
    errors.add(bad, f.key, "date", raw)
    return out


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
    from ..io.readers import RawTable, read_table

    if isinstance(applicants, (str, bytes)) or hasattr(applicants, "__fspath__"):
        applicants = read_table(applicants)
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
