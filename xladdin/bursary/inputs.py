"""Turn a table of cells (as clerks type them) into typed numpy columns, and every bad cell into an error.

Parsing is vectorised per column: a number column of 100 000 floats is taken as is; only the cells that are not
already numbers go through the text readers (:func:`read_number`, :func:`read_date`), over their distinct values.
A cell is read as the clerk meant it or refused: ``70.000`` is ambiguous in an amount column (thousands or
decimals?), ``01.03.68`` has no century, ``09/15/2025`` is a US date (a file of them is refused once). The rules,
for clerks: docs/reference/cells.md. Each bad cell becomes one error naming its line (as the spreadsheet shows
it, header = line 1), its column (French label and key), its value (never under ``--redact``) and what to type
instead, in French and English. Nothing is dropped: error rows are still in the table, flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import schema
from ..io.redact import MASK, REDACTED
from ..io.redact import active as redacting
from ..errors_de import CELLS as GERMAN_CELLS
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
    arrow_ids: object = None              # cols["applicant_id"] as an Arrow text array, when read as one

    def take(self, index: np.ndarray) -> Inputs:
        """The rows at ``index`` (used to run the rows of one rule set when several apply)."""
        return Inputs(len(index), {k: v[index] for k, v in self.cols.items()}, self.errors,
                      self.row_error[index], self.lines[index], self.present, self.unknown_columns)


ERROR_COLUMNS = ["position", "line", "applicant_id", "column", "value", "message_fr", "message_en", "message_de"]
CELL_MAX = 32_767                                     # characters an .xlsx cell holds (Excel's limit)
QUOTE_MAX = 60                                        # characters of a cell quoted in a message

# kind: (French, English); German in xladdin.errors_de.CELLS. {value} is the cell as typed (masked under --redact);
# {hint_fr}/{hint_en}/{hint_de} what to type instead (built from the value by _hint, generic under --redact).
_MESSAGES = {
    "required": ("valeur obligatoire manquante", "required value missing"),
    "missing_column": ("colonne obligatoire absente (ajoutez une colonne « N° de dossier »)",
                       "required column missing (add a column 'File number')"),
    "enum": ("valeur inconnue « {value} » (attendu : {allowed_fr})", "unknown value '{value}' (expected: {allowed_en})"),
    "bool": ("valeur oui/non illisible « {value} » (tapez oui ou non)",
             "unreadable yes/no value '{value}' (type yes or no)"),
    "number": ("nombre illisible « {value} » ({hint_fr})", "unreadable number '{value}' ({hint_en})"),
    "ambiguous": ("nombre ambigu « {value} » : milliers ou décimales ? ({hint_fr})",
                  "ambiguous number '{value}': thousands or decimals? ({hint_en})"),
    "digits": ("chiffres autres que 0-9 dans « {value} » (tapez le nombre avec les chiffres 0 à 9)",
               "digits other than 0-9 in '{value}' (type the number with the digits 0 to 9)"),
    "integer": ("nombre entier attendu, reçu « {value} » (tapez un nombre sans décimales, p. ex. 3)",
                "whole number expected, got '{value}' (type a number without decimals, e.g. 3)"),
    "min": ("valeur « {value} » inférieure au minimum {bound} (tapez {bound} ou plus)",
            "value '{value}' below the minimum {bound} (type {bound} or more)"),
    "min_excl": ("valeur « {value} » : doit être supérieure à {bound}{hint_fr}",
                 "value '{value}' must be greater than {bound}{hint_en}"),
    "max": ("valeur « {value} » supérieure au maximum {bound}{hint_fr}",
            "value '{value}' above the maximum {bound}{hint_en}"),
    "negative": ("montant négatif « {value} » (tapez un montant positif ou 0)",
                 "negative amount '{value}' (type a positive amount or 0)"),
    "date_range": ("date hors limites « {value} » (attendu entre {low} et {high})",
                   "date out of range '{value}' (expected between {low} and {high})"),
    "date": ("date illisible « {value} » (tapez jj.mm.aaaa, p. ex. 15.09.2025, ou aaaa-mm-jj)",
             "unreadable date '{value}' (type dd.mm.yyyy, e.g. 15.09.2025, or yyyy-mm-dd)"),
    "date_impossible": ("date impossible « {value} » : ce jour n'existe pas dans le calendrier",
                        "impossible date '{value}': no such day in the calendar"),
    "date_month_first": (("date impossible « {value} » : le 2e nombre dépasse 12 (date américaine mois/jour ? "
                          "tapez jour.mois.année, p. ex. 15.09.2025)"),
                         ("impossible date '{value}': the second number is above 12 (a US month/day date? type "
                          "day.month.year, e.g. 15.09.2025)")),
    "date_two_digit_year": ("année à deux chiffres dans « {value} » ({hint_fr})",
                            "two-digit year in '{value}' ({hint_en})"),
    "date_trailing": ("texte après la date « {value} » ({hint_fr})", "text after the date '{value}' ({hint_en})"),
    "birth_future": ("date de naissance dans le futur « {value} »", "birth date in the future '{value}'"),
    "birth_after_start": ("date de naissance « {value} » postérieure au début de la formation{start_fr}",
                          "birth date '{value}' after the start of the training{start_en}"),
    "country": ("code pays ISO à 2 lettres attendu, reçu « {value} » (p. ex. CH, FR, PT)",
                "2-letter ISO country code expected, got '{value}' (e.g. CH, FR, PT)"),
    "too_long": ("texte de {length} caractères, plus qu'une cellule n'en contient (32 767) : raccourcissez-le",
                 "text of {length} characters, more than a cell holds (32,767): shorten it"),
    "duplicate": ("n° de dossier en double « {value} » (déjà à la ligne {first})",
                  "duplicate file number '{value}' (already on line {first})"),
    "children_le10": ("« {value} » enfants de 10 ans ou moins, plus que le nombre d'enfants à charge",
                      "'{value}' children aged 10 or less, more than the dependent children"),
}


@lru_cache(maxsize=1024)
def column_name(key: str, lang: str = "fr") -> str:
    """A column as the clerk knows it: ``colonne « Date de naissance » (birth_date)``, ``Spalte «Geburtsdatum»``."""
    f = schema.BY_KEY.get(key)
    if lang == "en":
        return f"column '{f.label_en}' ({key})" if f else f"column {key}"
    if lang == "de":
        return f"Spalte «{f.label('de')}» ({key})" if f else f"Spalte {key}"
    return f"colonne « {f.label_fr} » ({key})" if f else f"colonne {key}"


def cell_message(line: int, key: str, text_fr: str, text_en: str, text_de: str | None = None) -> tuple[str, ...]:
    """The French and English message of one cell: ``ligne 5, colonne « … » (key) : …``; and the German one
    (``Zeile 5, Spalte «…» (key): …``) when ``text_de`` is given."""
    out = (f"ligne {line}, {column_name(key, 'fr')} : {text_fr}", f"line {line}, {column_name(key, 'en')}: {text_en}")
    return out if text_de is None else (*out, f"Zeile {line}, {column_name(key, 'de')}: {text_de}")


def message_column(lang: str) -> str:
    """The error list's column of messages in ``lang`` (French for a language it does not hold)."""
    return {"en": "message_en", "de": "message_de"}.get(lang, "message_fr")


def _quote(value) -> str:
    """A cell as a message quotes it: at most QUOTE_MAX characters (a 40 000-character cell is not repeated)."""
    text = _show(value)
    return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX] + "…"


def typed(x: float) -> str:
    """A number written the way the reader reads it back unambiguously: 70000, 1.5, 0.25."""
    return str(int(x)) if float(x).is_integer() else f"{x:.6f}".rstrip("0")


def swiss(x: float) -> str:
    """70000 -> 70'000 (whole francs)."""
    return f"{int(x):,}".replace(",", "'")


def _hint(kind: str, f, value, redact: bool) -> dict[str, str]:
    """What to type instead, in French, English and German; built from the value unless it is masked."""
    text = None if redact or not isinstance(value, str) else value.strip()
    if kind == "ambiguous":
        if text is not None:
            whole, dec = ambiguous_readings(text)
            return {"hint_fr": f"milliers : tapez {typed(whole)} ou {swiss(whole)} ; décimales : tapez {typed(dec)}",
                    "hint_en": f"thousands: type {typed(whole)} or {swiss(whole)}; decimals: type {typed(dec)}",
                    "hint_de": f"Tausender: tippen Sie {typed(whole)} oder {swiss(whole)}; Dezimalstellen: tippen Sie "
                               f"{typed(dec)}"}
        return {"hint_fr": "milliers : tapez 70000 ou 70'000 ; décimales : tapez 70.5",
                "hint_en": "thousands: type 70000 or 70'000; decimals: type 70.5",
                "hint_de": "Tausender: tippen Sie 70000 oder 70'000; Dezimalstellen: tippen Sie 70.5"}
    if kind == "number":
        if f is not None and f.kind == RATIO:
            return {"hint_fr": "tapez une part comme 0.6 ou 60 %", "hint_en": "type a share such as 0.6 or 60 %",
                    "hint_de": "tippen Sie einen Anteil wie 0.6 oder 60 %"}
        if f is not None and f.kind == INT:
            return {"hint_fr": "tapez un nombre entier, p. ex. 3", "hint_en": "type a whole number, e.g. 3",
                    "hint_de": "tippen Sie eine ganze Zahl, z. B. 3"}
        return {"hint_fr": "tapez un montant comme 70000, 70'000 ou 1234.50",
                "hint_en": "type an amount such as 70000, 70'000 or 1234.50",
                "hint_de": "tippen Sie einen Betrag wie 70000, 70'000 oder 1234.50"}
    if kind in ("max", "min_excl"):
        if f is not None and f.kind == RATIO:
            return {"hint_fr": " (une part : tapez 0.6 ou 60 % pour 60 %)",
                    "hint_en": " (a share: type 0.6 or 60 % for 60 %)",
                    "hint_de": " (ein Anteil: tippen Sie 0.6 oder 60 % für 60 %)"}
        return {"hint_fr": "", "hint_en": "", "hint_de": ""}
    if kind == "date_two_digit_year":
        m = _DATE_HEAD.match(text or "")
        if m:
            d, mo, yy = m.group(1), m.group(3), m.group(4)
            return {"hint_fr": f"tapez l'année en entier : {d}.{mo}.19{yy} ou {d}.{mo}.20{yy}",
                    "hint_en": f"type the whole year: {d}.{mo}.19{yy} or {d}.{mo}.20{yy}",
                    "hint_de": f"tippen Sie das ganze Jahr: {d}.{mo}.19{yy} oder {d}.{mo}.20{yy}"}
        return {"hint_fr": "tapez l'année en entier, p. ex. 01.03.1968",
                "hint_en": "type the whole year, e.g. 01.03.1968",
                "hint_de": "tippen Sie das ganze Jahr, z. B. 01.03.1968"}
    if kind == "date_trailing":
        m = _DATE_HEAD.match(text or "")
        if m:
            return {"hint_fr": f"ne laissez que la date : {m.group(0)}", "hint_en": f"leave the date only: {m.group(0)}",
                    "hint_de": f"lassen Sie nur das Datum stehen: {m.group(0)}"}
        return {"hint_fr": "ne laissez que la date, p. ex. 15.09.2025",
                "hint_en": "leave the date only, e.g. 15.09.2025",
                "hint_de": "lassen Sie nur das Datum stehen, z. B. 15.09.2025"}
    return {}


def _message(kind: str, line: int, column: str, *, f=None, raw=None, redact: bool = False,
             **kw) -> tuple[str, str, str]:
    """One cell's message in French, English and German. Under ``redact`` the cell's value is never formatted: the
    builder receives the raw value and writes MASK in its place, and builds no hint from it (issue 16: redaction by
    construction)."""
    fr, en = _MESSAGES[kind]
    de = GERMAN_CELLS[kind]
    if redact:                                 # no quote marks around the mask: it is not what was typed
        fr, en = fr.replace("« {value} »", "{value}"), en.replace("'{value}'", "{value_en}")
        de = de.replace("«{value}»", "{value_de}")
        kw.update(value=REDACTED["fr"], value_en=REDACTED["en"], value_de=REDACTED["de"])
    else:
        kw.setdefault("value", _quote(raw))
    kw.update(_hint(kind, f, raw, redact))
    return cell_message(line, column, fr.format(**kw), en.format(**kw), de.format(**kw))


class _Collector:
    """The errors of one table; ``redact`` masks every cell value a message would quote."""

    def __init__(self, lines: np.ndarray, ids: list, redact: bool = False):
        self.records: list[tuple] = []
        self.kinds: list[str] = []
        self.lines = lines
        self.ids = ids
        self.redact = redact
        self.day_first = 0                  # slashed text dates whose first number is a day above 12
        self.carry: Carry | None = None     # a streamed table's earlier chunks

    @property
    def root(self) -> _Collector:
        return self

    def add(self, mask: np.ndarray, column: str, kind: str, raw: np.ndarray, **kw) -> None:
        f = schema.BY_KEY.get(column)
        for pos in np.flatnonzero(mask):
            value = MASK["fr"] if self.redact else _quote(raw[pos])
            fr, en, de = _message(kind, int(self.lines[pos]), column, f=f, raw=raw[pos], redact=self.redact, **kw)
            self.records.append((int(pos), int(self.lines[pos]), self.ids[pos], column, value, fr, en, de))
            self.kinds.append(kind)


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
        self.root = inner.root

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
        self.root = inner.root

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
    typed_ = _typed_column(f, series, errors)
    if typed_ is not None:
        return typed_
    if f.kind == TEXT and f.key != "nationality" and (texts := _arrow_texts(series)) is not None:
        return _parse_text(f, _Cells(series), None, errors, texts)      # names: trimmed in one Arrow pass
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
    parsed = _PARSERS[f.kind](f, distinct, _blank(distinct), _Expand(errors, codes, _Cells(series)))
    return parsed[codes]


class _Cells:
    """The cells of a typed column as a message quotes them, made one by one and only for the rows in error: a
    column of 100 000 datetimes is not turned into 100 000 Python objects to quote none of them."""

    def __init__(self, series: pd.Series):
        self.series = series

    def __getitem__(self, pos):
        value = self.series.iloc[int(pos)]
        return None if value is pd.NaT or value is pd.NA else value


def _typed_column(f, series: pd.Series, errors) -> np.ndarray | None:
    """A column that already holds the schema's type, checked with whole-column operations and passed through;
    None when it does not (text and mixed cells go to the cell parser).

    Numbers (float, int, nullable Int64) in a number column: no separator to read, so no ``70.000`` ambiguity, but
    whole numbers, bounds and the 10¹² ceiling hold. Booleans (bool, nullable boolean), or numbers 0/1, in a
    yes/no column. Datetimes in a date column: the day, within 1900-2199 (a time of day is ignored, as in
    text). A categorical in an enum column: its categories read like cells (code or label), so an unknown one is
    refused on each of its rows with the message a typed one gets. Birth-date checks come after, for every path."""
    kind, dtype = f.kind, series.dtype
    numeric = dtype.kind in "fiu" and not isinstance(dtype, pd.CategoricalDtype)
    plain = isinstance(dtype, np.dtype)                    # numpy's own: no missing value can hide in it
    if plain and kind == BOOL and dtype.kind == "b":
        return series.to_numpy().astype(float)
    if plain and kind in (INT, AMOUNT, RATIO) and dtype.kind in "iu":
        num = series.to_numpy().astype(float)
        if _within(f, num):                                   # whole numbers within every bound: all read
            return num
    if kind in (INT, AMOUNT, RATIO) and numeric:
        num = series.to_numpy(dtype=float, na_value=np.nan, copy=True)      # checked and changed in place
        return _check_number(f, num, np.isnan(num), num, errors, whole=dtype.kind in "iu" or f.kind != INT)
    if kind == BOOL and (dtype.kind == "b" or numeric):
        out = series.to_numpy(dtype=float, na_value=np.nan, copy=True)
        blank = np.isnan(out)
        bad = ~blank & (out != 0) & (out != 1)
        errors.add(bad, f.key, "bool", _Cells(series))
        out[bad] = np.nan
        return np.where(blank, float(f.default), out) if f.default is not None else out
    if kind == DATE and dtype.kind == "M":
        days = series.dt.tz_localize(None) if getattr(dtype, "tz", None) is not None else series
        out = days.to_numpy().astype("datetime64[D]")             # a new array: the caller's is not changed
        outside = ~np.isnat(out) & ((out < DATE_RANGE[0]) | (out > DATE_RANGE[1]))
        errors.add(outside, f.key, "date_range", _Cells(series), low="01.01.1900", high="31.12.2199")
        out[outside] = NAT
        return out
    if kind == ENUM and isinstance(dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        categories = series.cat.categories
        distinct = np.empty(len(categories) + 1, dtype=object)          # the last one stands for the empty cell
        distinct[:-1] = np.asarray(categories, dtype=object)
        distinct[-1] = None
        codes = np.where(codes < 0, len(categories), codes)
        parsed = _parse_enum(f, distinct, _blank(distinct), _Expand(errors, codes, _Cells(series)))
        return parsed[codes]
    return None


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
        sub_num, sub_problem, sub_blank = _parse_subset(f, raw, rest, errors)
        _report_numbers(f, sub_problem, raw[rest], _Subset(errors, rest, n, raw))
        num[rest] = sub_num
        blank[rest] = sub_blank
    return _check_number(f, num, blank, raw, errors)


def _parse_subset(f, raw: np.ndarray, index: np.ndarray, errors: _Collector):
    """The cells at ``index`` through their distinct values: dates parsed; numbers as (values, problem, blank)."""
    sub = raw[index]
    codes, uniques = pd.factorize(sub, use_na_sentinel=True)
    distinct = np.empty(len(uniques) + 1, dtype=object)          # the last one stands for the empty cell
    distinct[:-1] = np.asarray(uniques, dtype=object)
    distinct[-1] = None
    codes = np.where(codes < 0, len(uniques), codes)
    blank = _blank(distinct)
    if f.kind == DATE:
        return _parse_date(f, distinct, blank, _Expand(_Subset(errors, index, len(raw), raw), codes, sub))[codes]
    values, problem = _to_number(distinct, blank, f)
    return values[codes], problem[codes], blank[codes]


# The plain spellings, read over a whole column by Arrow (RE2 and its number parser) instead of cell by cell: what
# read_number / read_date read them as, with no problem to report. Any other spelling (spaces inside, CHF, commas,
# 70.000, slashes, impossible days) is left to the cell readers, which give its value or its message.
_PLAIN_NUMBER_RE = r"^[+-]?(?:[0-9]+|[0-9]{1,3}(?:'[0-9]{3})+)(?:\.[0-9]+)?$"       # 12345, -12345.5, 12'345.50
_PLAIN_AMBIGUOUS_RE = r"^[+-]?[1-9][0-9]{0,2}\.[0-9]{3}$"                           # 70.000: left to read_number
_PLAIN_DATE_RE = (r"^(?P<a>[0-9]{1,4})(?P<s>[.-])(?P<b>[0-9]{1,2})(?P<t>[.-])(?P<c>[0-9]{1,4})"
                  r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$")       # 15.09.2025, 2025-09-15 08:30


PLAIN_MIN = 64        # below this many text cells, reading them one by one costs less than an Arrow pass


def _plain_first(raw: np.ndarray, blank: np.ndarray, reader, target: np.ndarray, at=None) -> np.ndarray:
    """Read the text cells of ``raw`` in a plain spelling with ``reader`` (:func:`plain_numbers`,
    :func:`plain_dates`) over the whole array, into ``target`` (at ``at``: the cells' positions there, by default
    their own); return the positions (in ``raw``) of the cells left for the cell reader."""
    n = len(raw)
    if n < PLAIN_MIN or not _arrow():
        return np.arange(n)
    texts = np.flatnonzero((np.fromiter(map(type, raw), dtype=object, count=n) == str) & ~blank)
    if len(texts) < PLAIN_MIN:
        return np.arange(n)
    got, read = reader(raw[texts])
    target[texts[read] if at is None else at[texts[read]]] = got[read]
    left = np.ones(n, dtype=bool)
    left[texts[read]] = False
    return np.flatnonzero(left)


@lru_cache(maxsize=1)
def _arrow() -> bool:
    """pyarrow is installed (not in xlwings Lite's browser Python: there every cell goes to the cell reader)."""
    try:
        import pyarrow.compute  # noqa: F401
    except ImportError:
        return False
    return True


def _arrow_trimmed(cells: np.ndarray):
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.utf8_trim(pa.array(cells, type=pa.string(), from_pandas=True), characters=PY_SPACES)


def plain_numbers(cells: np.ndarray, decimals: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Text cells in the plain spellings of a number (``12345``, ``-12345.5``, ``12'345``, ``12'345.50``), read
    over the whole array: (values, read). ``read`` is False where the cell is in another spelling (or ambiguous,
    ``70.000``, unless ``decimals``): :func:`read_number` reads those; where it is True the value is the one
    :func:`read_number` gives (a property test draws the spellings)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.full(len(cells), np.nan)
    if not len(cells):
        return values, np.zeros(0, dtype=bool)
    trimmed = _arrow_trimmed(cells)
    ok = pc.fill_null(pc.match_substring_regex(trimmed, _PLAIN_NUMBER_RE), False)
    if not decimals:
        ok = pc.and_(ok, pc.invert(pc.fill_null(pc.match_substring_regex(trimmed, _PLAIN_AMBIGUOUS_RE), False)))
    read = ok.to_numpy(zero_copy_only=False)
    if read.any():
        body = pc.replace_substring_regex(pc.filter(trimmed, ok), r"^\+|'", "")
        values[read] = pc.cast(body, pa.float64()).to_numpy(zero_copy_only=False)
    return values, read


def plain_dates(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Text cells in the plain spellings of a date (``15.09.2025``, ``1.9.2025``, ``15-09-2025``, ``2025-09-15``,
    with or without a time), read over the whole array: (days, read). ``read`` is False where the cell is in
    another spelling (slashes, whose order is evidence of a US file; two-digit years) or is no day of the calendar:
    :func:`read_date` reads or refuses those."""
    import pyarrow as pa
    import pyarrow.compute as pc

    days = np.full(len(cells), NAT)
    if not len(cells):
        return days, np.zeros(0, dtype=bool)
    parts = pc.extract_regex(_arrow_trimmed(cells), _PLAIN_DATE_RE)
    matched = pc.fill_null(pc.invert(pc.is_null(parts)), False).to_numpy(zero_copy_only=False)
    if not matched.any():
        return days, matched
    parts = pc.filter(parts, pa.array(matched))
    group = {k: parts.field(k) for k in "asbtc"}
    length = {k: pc.utf8_length(group[k]).to_numpy() for k in "abc"}
    number = {k: pc.cast(group[k], pa.int64()).to_numpy() for k in "abc"}
    same = pc.equal(group["s"], group["t"]).to_numpy(zero_copy_only=False)
    year_first = (length["a"] == 4) & (length["c"] <= 2)
    day_first = (length["c"] == 4) & (length["a"] <= 2)
    year = np.where(year_first, number["a"], number["c"])
    month = number["b"]
    day = np.where(year_first, number["c"], number["a"])
    ok = same & (year_first | day_first) & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    months = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    got = months.astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
    ok &= got.astype("datetime64[M]") == months                 # 31.02.2004 runs into March: not a day
    found = np.flatnonzero(matched)
    read = np.zeros(len(cells), dtype=bool)
    read[found[ok]] = True
    days[found[ok]] = got[ok]
    return days, read


class SeenIds:
    """The file numbers of a streamed table's earlier chunks, each with the line of its first row, kept as sorted
    arrays of UTF-8 bytes (about 20 bytes a number, where a dict of Python strings takes some 150: a million
    numbers stay small). Arrays are merged as they come (two of a size make one), so a lookup searches a few."""

    def __init__(self):
        self.parts: list[tuple[np.ndarray, np.ndarray]] = []        # (sorted keys, their lines), largest first

    def __bool__(self) -> bool:
        return bool(self.parts)

    @staticmethod
    def _keys(ids) -> np.ndarray:
        # a closing byte: numpy drops trailing NUL bytes of its byte strings, a number ending in one stays itself
        return np.array([v.encode("utf-8", "surrogatepass") + b"\x01" for v in ids], dtype=bytes)

    def lines_of(self, ids: np.ndarray) -> np.ndarray:
        """The line of the first row of each file number in an earlier chunk; 0 where it was not seen."""
        out = np.zeros(len(ids), dtype=np.int64)
        present = np.flatnonzero(pd.notna(ids))
        if not self.parts or not len(present):
            return out
        keys = self._keys(ids[present])
        found = np.zeros(len(present), dtype=np.int64)
        for sorted_keys, lines in self.parts:
            # a key longer than the part's width is cut for the search; it cannot equal any key there
            pos = np.minimum(np.searchsorted(sorted_keys, keys.astype(sorted_keys.dtype)), len(sorted_keys) - 1)
            hit = (sorted_keys[pos] == keys) & (found == 0)
            found[hit] = lines[pos[hit]]
        out[present] = found
        return out

    def add(self, ids: np.ndarray, lines: np.ndarray) -> None:
        """The file numbers of one chunk (its rows' lines): those not seen before, at their first row."""
        present = pd.notna(ids)
        new = np.flatnonzero(present & (self.lines_of(ids) == 0)
                             & ~pd.Series(ids, dtype=object).duplicated(keep="first").to_numpy())
        if not len(new):
            return
        keys = self._keys(ids[new])
        order = np.argsort(keys, kind="stable")
        part = (keys[order], np.asarray(lines)[new][order])
        while self.parts and len(self.parts[-1][0]) <= len(part[0]):         # binary merging: few parts
            last = self.parts.pop()
            width = max(last[0].dtype.itemsize, part[0].dtype.itemsize)
            keys = np.concatenate([last[0].astype(f"S{width}"), part[0].astype(f"S{width}")])
            order = np.argsort(keys, kind="stable")
            part = (keys[order], np.concatenate([last[1], part[1]])[order])
        self.parts.append(part)


@dataclass
class Carry:
    """What one chunk of a streamed table hands to the next, so that the chunks read as the whole table would:
    the file numbers seen so far (a number seen in an earlier chunk is a duplicate of its line there) and the
    evidence of US month/day dates (the whole file is refused only when no chunk shows a day-first date)."""

    seen: SeenIds = field(default_factory=lambda: SeenIds())     # file numbers -> line of their first row
    month_first: list = field(default_factory=list)     # error records of slashed dates read month first
    day_first: int = 0

    def refuse_us_dates(self, redact: bool = False) -> None:
        """At the end of the stream: refuse the file when its slashed dates were evidently month first."""
        collector = _Collector(np.zeros(0, np.int64), [], redact)
        collector.records, collector.kinds = list(self.month_first), ["date_month_first"] * len(self.month_first)
        collector.day_first = self.day_first
        _month_first(collector, redact)


def parse(frame: pd.DataFrame, lines: np.ndarray | None = None, redact: bool | None = None,
          today: dt.date | None = None, carry: Carry | None = None) -> Inputs:
    """Parse a DataFrame whose headers are schema keys or labels (fr/en/de) into typed columns and errors.

    ``redact``: no message quotes a cell's value (``--redact``; None: as :func:`xladdin.io.redact.masking` says).
    ``today`` bounds birth dates (default: the
    machine's date). Raises ``dates_month_first`` when the table's slashed dates are evidently US month/day ones
    (one message for the file instead of one per row). ``carry``: the state a streamed table's earlier chunks
    left (:class:`Carry`); the US-date decision is then left to the end of the stream."""
    n = len(frame)
    redact = redacting() if redact is None else redact
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
    id_texts = _arrow_texts(frame["applicant_id"]) if "applicant_id" in frame else None
    if id_texts is not None:
        raw_ids = _Cells(frame["applicant_id"])
        trimmed, lengths = id_texts
        id_texts = (trimmed, lengths, trimmed.to_numpy(zero_copy_only=False).astype(object))
        ids = id_texts[2].copy()
        ids[lengths == 0] = None
        for pos in np.flatnonzero(lengths > CELL_MAX):
            ids[pos] = ids[pos][:QUOTE_MAX] + "…"
    else:
        raw_ids = frame["applicant_id"].to_numpy(dtype=object) if "applicant_id" in frame else np.full(n, None, object)
        ids = [v if v is None or len(v) <= CELL_MAX else v[:QUOTE_MAX] + "…" for v in map(_text_cell, raw_ids)]
    errors = _Collector(lines, ids, redact)
    errors.carry = carry
    cols: dict[str, np.ndarray] = {}
    absent: dict[tuple, np.ndarray] = {}
    arrow_ids = None
    for f in schema.FIELDS:
        if f.key not in frame:                      # nothing to parse: the field's "missing" value, one read-only
            if (f.kind, f.default) not in absent:   # array shared by the absent fields alike (a GE list lacks 70)
                absent[f.kind, f.default] = _absent(f, n)
                absent[f.kind, f.default].flags.writeable = False
            cols[f.key] = absent[f.kind, f.default]
        elif f.key == "applicant_id":              # per row: duplicates are a row-level question
            cols[f.key] = _parse_text(f, raw_ids, None, errors, id_texts)
            if id_texts is not None:
                arrow_ids = _without_long(*id_texts[:2])
        else:
            cols[f.key] = _parse_distinct(f, frame[f.key], errors)
    if carry is None:
        _month_first(errors, redact)
    else:
        carry.month_first.extend(r for r, kind in zip(errors.records, errors.kinds) if kind == "date_month_first")
        carry.day_first += errors.day_first
        carry.seen.add(cols["applicant_id"], np.asarray(lines))
    _cross_checks(cols, errors, frame, n, today or dt.date.today())
    if "applicant_id" not in frame and n:
        errors.add(np.ones(n, bool), "applicant_id", "missing_column", raw_ids)
    err = pd.DataFrame(errors.records, columns=ERROR_COLUMNS)
    row_error = np.zeros(n, bool)
    if len(err):                                          # (sorting an empty table still costs a few ms)
        err = err.sort_values(["position", "column"], kind="stable").reset_index(drop=True)
        row_error[err["position"].to_numpy(dtype=int)] = True
    return Inputs(n, cols, err, row_error, np.asarray(lines), set(frame.columns), unknown, arrow_ids)


def _text_cell(value) -> str | None:
    """A cell as trimmed text; None when it is empty."""
    if type(value) is str:
        return value.strip() or None
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return _show(value).strip() or None


# What Python's str.strip() removes (str.isspace), so that a column trimmed by Arrow reads as one trimmed cell by cell.
PY_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
             "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _arrow_texts(series: pd.Series):
    """A column of Arrow-backed strings (pandas' own string type when pyarrow is installed), trimmed by Arrow over
    the whole column: (trimmed texts, null where empty; their lengths). None for any other column."""
    if not isinstance(series.dtype, pd.StringDtype) or series.dtype.storage != "pyarrow":
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim(pa.chunked_array(series.array.__arrow_array__()), characters=PY_SPACES)
    lengths = pc.utf8_length(trimmed).fill_null(0).to_numpy().astype(np.int64)
    return pc.if_else(pa.array(lengths == 0), pa.scalar(None, pa.string()), trimmed), lengths


def _parse_text(f, raw, blank, errors, texts: tuple | None = None) -> np.ndarray:
    """Trimmed text (None for empty cells); ``texts``: the column already trimmed, with its lengths."""
    if texts is not None:
        return _parse_arrow_text(f, raw, errors, *texts)
    out = np.fromiter(map(_text_cell, raw), dtype=object, count=len(raw))
    lengths = np.fromiter((0 if v is None else len(v) for v in out), dtype=np.int64, count=len(out))
    blank = lengths == 0
    if f.required:
        errors.add(blank, f.key, "required", raw)
    long = lengths > CELL_MAX                     # an .xlsx cell would cut it: refused, never cut (issue 16)
    for length in np.unique(lengths[long]) if long.any() else ():     # np.unique costs even on nothing
        errors.add(long & (lengths == length), f.key, "too_long", raw, length=f"{length:,}".replace(",", " "))
    out[long] = None
    if f.key == "nationality":
        upper = np.array([None if v is None else v.upper() for v in out], dtype=object)
        bad = np.array([v is not None and not ISO2.match(v) for v in upper], dtype=bool)
        errors.add(bad, f.key, "country", raw)
        upper[bad] = None
        return upper
    if f.key == "applicant_id":
        _duplicates(f, out, errors)
    return out


def _duplicates(f, out: np.ndarray, errors) -> None:
    """A file number seen on an earlier line: an error of the later row, naming the first line."""
    if len(out) < 2 and errors.root.carry is None:           # one row: no earlier line to repeat
        return
    ids = pd.Series(out, dtype=object)
    dup = (ids.duplicated(keep="first") & ids.notna()).to_numpy(copy=True)
    carry = errors.root.carry
    earlier = carry.seen.lines_of(out) if carry is not None and carry.seen else None
    if earlier is not None:                              # seen in an earlier chunk of a streamed table
        dup |= earlier > 0
    if dup.any():
        first_line = dict(zip(ids[~dup & ids.notna()], errors.lines[np.flatnonzero(~dup & ids.notna().to_numpy())]))
        for pos in np.flatnonzero(dup):
            first = earlier[pos] if earlier is not None and earlier[pos] else first_line[out[pos]]
            fr, en, de = _message("duplicate", int(errors.lines[pos]), f.key, raw=out[pos], redact=errors.redact,
                                  first=int(first))
            errors.records.append((int(pos), int(errors.lines[pos]), out[pos], f.key,
                                   MASK["fr"] if errors.redact else out[pos], fr, en, de))
            errors.kinds.append("duplicate")


def _without_long(trimmed, lengths: np.ndarray):
    """A column trimmed by Arrow with its cells over an .xlsx cell's length made empty (they are refused)."""
    long = lengths > CELL_MAX
    if not long.any():
        return trimmed
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.if_else(pa.array(long), pa.scalar(None, pa.string()), trimmed)


def _parse_arrow_text(f, raw, errors, trimmed, lengths: np.ndarray, python: np.ndarray | None = None):
    """:func:`_parse_text` over a column trimmed by Arrow: the file number as Python text (messages and outputs
    quote it, duplicates are looked for; ``python``: the column already made Python text), other text (names)
    kept as an Arrow-backed array, never made into 100 000 Python strings that nothing reads."""
    import pyarrow.compute as pc

    blank = lengths == 0
    if f.required:
        errors.add(blank, f.key, "required", raw)
    long = lengths > CELL_MAX
    for length in np.unique(lengths[long]) if long.any() else ():     # np.unique costs even on nothing
        errors.add(long & (lengths == length), f.key, "too_long", raw, length=f"{length:,}".replace(",", " "))
    trimmed = _without_long(trimmed, lengths)
    if f.key != "applicant_id":
        return pd.array(trimmed, dtype=pd.StringDtype("pyarrow"))
    out = python if python is not None else trimmed.to_numpy(zero_copy_only=False).astype(object)
    out[blank | long] = None
    distinct = len(pc.unique(trimmed)) - (trimmed.null_count > 0)           # unique() counts null as a value
    if errors.root.carry is not None or distinct < len(trimmed) - trimmed.null_count:
        _duplicates(f, out, errors)
    return out


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SIGNED = re.compile(r"([+-]?)(.*)", re.DOTALL)
_WHOLE = re.compile(r"[0-9]+[.,]?")
_ONE_SEPARATOR = re.compile(r"([0-9]*)[.,]([0-9]+)")
_AMBIGUOUS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")          # 70.000, 1,500: thousands or decimals?
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*")  # 1.234.567: thousands only
_EXPONENT = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")


def holds_decimals(f) -> bool:
    """A column whose values are decimals by nature: a ratio (0.6), a count of years (1.5 years). There ``1.500``
    is 1.5; in an amount or a count it is ambiguous (1500 or 1.5?) and refused."""
    return f is not None and (f.kind == RATIO or (f.kind == AMOUNT and "years" in f.key))


@lru_cache(maxsize=65536)
def read_number(text: str, decimals: bool = False, percent: bool = False) -> tuple[float, str | None]:
    """A number as clerks type it, and what is wrong with it: ``(value, None)`` or ``(NaN, problem)``.

    Read: ``70000``, ``70'000``, ``70’000``, ``70 000`` (space, no-break or narrow no-break space), ``CHF 70'000.–``,
    ``70'000.50``, ``70.000,50``, ``1,234.50``, ``1.234.567``, ``1234,5``, ``0.500``, ``1e5``; with ``percent``
    (a ratio column) ``60 %`` is 0.6. Problems: ``"ambiguous"`` (one ``.`` or ``,`` followed by exactly three
    digits, ``70.000``, unless ``decimals``: the column holds decimals by nature), ``"digits"`` (digits other
    than ASCII 0-9: ``٧٠``, ``７０``, ``²``), ``"number"`` (anything else: words, ``inf``, ``1_000``, ``60 %`` in
    an amount column)."""
    stripped = text.strip()
    if any(c.isnumeric() and not ("0" <= c <= "9") for c in stripped):
        return np.nan, "digits"
    junkless = _NUMBER_JUNK.sub("", stripped).replace("\u2212", "-")                          # U+2212 minus
    cleaned = _DASH_CENTS.sub("", junkless)
    whole_francs = cleaned != junkless              # "70,000.–": the dash is the decimals, the comma thousands
    share = percent and cleaned.endswith("%")
    if share:
        cleaned = cleaned[:-1]
    sign, body = _SIGNED.fullmatch(cleaned).groups()
    if not body or not body[0] in "0123456789.,":
        return np.nan, "number"
    if _WHOLE.fullmatch(body):
        value = float(body.rstrip(".,"))
    elif _EXPONENT.fullmatch(body):
        value = float(body)
    elif "," in body and "." in body:                # the last one is the decimal separator, the other groups
        if whole_francs:
            return np.nan, "number"
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        whole, _, cents = body.rpartition(decimal)
        if not cents.isdigit() or not cents.isascii() or not _GROUPED.fullmatch(whole) or decimal in whole:
            return np.nan, "number"
        value = float(whole.replace("," if decimal == "." else ".", "") + "." + cents)
    elif _ONE_SEPARATOR.fullmatch(body):
        if whole_francs:                             # "12.5.–": decimals twice
            if not _AMBIGUOUS.fullmatch(body):
                return np.nan, "number"
            value = float(body.replace(",", "").replace(".", ""))
        elif _AMBIGUOUS.fullmatch(body) and not (decimals or share):
            return np.nan, "ambiguous"
        else:
            value = float(body.replace(",", "."))
    elif _GROUPED.fullmatch(body):                   # the same separator twice or more: thousands
        value = float(body.replace(",", "").replace(".", ""))
    else:
        return np.nan, "number"
    value = -value if sign == "-" else value
    return (value / 100 if share else value), None


def ambiguous_readings(text: str) -> tuple[float, float]:
    """``70.000`` -> (70000, 70.0): the two readings a message offers."""
    body = _DASH_CENTS.sub("", _NUMBER_JUNK.sub("", text))
    digits = body.lstrip("+-")
    whole, dec = float(digits.replace(",", "").replace(".", "")), float(digits.replace(",", "."))
    return (-whole, -dec) if body.startswith("-") else (whole, dec)


def text_number(text: str, decimals: bool = False) -> float:
    """A number typed as text by the rules of :func:`read_number`; NaN when it is refused."""
    return read_number(text, decimals)[0]


def _to_number(raw: np.ndarray, blank: np.ndarray, f=None) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from cells; returns (values with NaN for blank/bad, problem per cell: None or a message kind).
    Booleans are not numbers."""
    problem = np.full(len(raw), None, dtype=object)
    if raw.dtype.kind == "f":
        return raw.copy(), problem
    decimals, percent = holds_decimals(f), f is not None and f.kind == RATIO
    num = np.full(len(raw), np.nan)
    todo = _plain_first(raw, blank, lambda cells: plain_numbers(cells, decimals), num)
    for i in todo:
        v = raw[i]
        if blank[i]:
            continue
        if type(v) is bool or type(v) is np.bool_:
            problem[i] = "number"
        elif isinstance(v, (int, float, np.integer, np.floating)):
            num[i] = float(v)
            if num[i] != num[i]:
                problem[i] = "number"
        else:
            num[i], problem[i] = read_number(v if isinstance(v, str) else str(v), decimals, percent)
    return num, problem


def _report_numbers(f, problem: np.ndarray, raw: np.ndarray, errors) -> None:
    for kind in ("number", "ambiguous", "digits"):
        errors.add(problem == kind, f.key, kind, raw)


def _parse_number(f, raw, blank, errors) -> np.ndarray:
    num, problem = _to_number(raw, blank, f)
    _report_numbers(f, problem, raw, errors)
    return _check_number(f, num, blank, raw, errors)


def _within(f, num: np.ndarray) -> bool:
    """Every number of the column within the field's bounds and the 10¹² ceiling (two passes, no mask)."""
    low, high = np.fmin.reduce(num, initial=np.inf), np.fmax.reduce(num, initial=-np.inf)
    if low > high:                                       # all empty
        return True
    if not (-PLAUSIBLE_MAX <= low and high <= PLAUSIBLE_MAX):
        return False
    if f.minimum is not None and (low <= f.minimum if f.min_exclusive else low < f.minimum):
        return False
    return f.maximum is None or high <= f.maximum


def _check_number(f, num, blank, raw, errors, whole: bool = False) -> np.ndarray:
    """Whole numbers, bounds and the default of empty cells (``num`` is changed in place; ``whole``: the column
    holds integers, which need no check for a fraction)."""
    if whole and _within(f, num):                  # a typed column within every bound: nothing to refuse
        if f.default is not None:
            num[blank] = float(f.default)
        return num
    if f.kind == INT and not whole:
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
    if bad.any():                                   # the allowed values are spelt out only for a message
        errors.add(bad, f.key, "enum", raw, allowed_fr=", ".join(f.value_label(v, "fr") for v in f.values),
                   allowed_en=", ".join(f.value_label(v, "en") for v in f.values),
                   allowed_de=", ".join(f.value_label(v, "de") for v in f.values))
    codes[bad] = -1
    return codes


_DATE_HEAD = re.compile(r"([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})")
_TIME = re.compile(r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?")
NAT = np.datetime64("NaT", "D")


def _serial_dates(num: np.ndarray) -> np.ndarray:
    """Excel serials (1900 system, whole days) as dates; NaT for anything else."""
    out = np.full(len(num), np.datetime64("NaT"), dtype="datetime64[D]")
    serial = np.isfinite(num) & (num >= 1) & (num < 2958466)
    serial[serial] = np.abs(num[serial] - np.round(num[serial])) < 1e-9
    out[serial] = EXCEL_EPOCH + num[serial].astype("int64").astype("timedelta64[D]")
    return out


def _parse_date(f, raw, blank, errors) -> np.ndarray:
    """Dates from Excel serials, date objects, or text (:func:`read_date`)."""
    n = len(raw)
    if raw.dtype.kind == "f":
        out = _serial_dates(raw)
        bad = np.isnat(out) & ~blank
        errors.add(bad, f.key, "date", raw)
    else:
        out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        is_dt = np.fromiter((isinstance(v, (dt.date, pd.Timestamp, np.datetime64)) for v in raw), bool, n)
        if is_dt.any():
            out[is_dt] = pd.to_datetime(pd.Series(raw[is_dt], dtype=object), errors="coerce").to_numpy().astype(
                "datetime64[D]")
        errors.add(is_dt & np.isnat(out) & ~blank, f.key, "date", raw)
        rest = np.flatnonzero(~is_dt & ~blank)
        rest = rest[_plain_first(raw[rest], blank[rest], plain_dates, out, rest)]
        if len(rest):
            num = np.array([_date_number(v) for v in raw[rest]], dtype=float)
            parsed = _serial_dates(num)
            problem = np.full(len(rest), None, dtype=object)
            problem[~np.isnan(num) & np.isnat(parsed)] = "date"
            textual = np.flatnonzero(np.isnan(num))
            for i in textual:
                parsed[i], problem[i], slash = read_date(str(raw[rest[i]]))
                errors.root.day_first += slash < 0
            out[rest] = parsed
            for kind in ("date", "date_impossible", "date_month_first", "date_two_digit_year", "date_trailing"):
                mask = np.zeros(n, dtype=bool)
                mask[rest[problem == kind]] = True
                errors.add(mask, f.key, kind, raw)
    outside = ~np.isnat(out) & ((out < DATE_RANGE[0]) | (out > DATE_RANGE[1]))
    errors.add(outside, f.key, "date_range", raw, low="01.01.1900", high="31.12.2199")
    out[outside] = np.datetime64("NaT")
    return out


@lru_cache(maxsize=8192)
def read_date(text: str) -> tuple[np.datetime64, str | None, int]:
    """A date typed as text: ``(date, None, slash)`` or ``(NaT, problem, slash)``.

    Read: ``15.09.2025``, ``1.9.2025``, ``15/09/2025`` (day first, as in Switzerland), ``15-09-2025``,
    ``2025-09-15``, ``2025/09/15``, and any of them followed by a time (``2025-09-15 00:00:00``, ``…T08:30``).
    Problems: ``"date_two_digit_year"`` (``01.03.68``: refused, no century is guessed), ``"date_trailing"``
    (``12.03.2001 blah``), ``"date_impossible"`` (``31.02.2004``), ``"date_month_first"`` (``09/15/2025``: the
    second number above 12, a US date), ``"date"`` (no date at all). ``slash`` is the evidence a ``a/b/yyyy``
    date gives of its order: -1 day first (``15/09/2025``), 1 month first (``09/15/2025``), else 0."""
    text = text.strip()
    m = _DATE_HEAD.match(text)
    if not m:
        return NAT, "date", 0
    if not _TIME.fullmatch(text[m.end():]):
        return NAT, "date_trailing", 0
    a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
    slash = 0
    if len(a) == 4 and len(c) <= 2:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        day, month, year = int(a), int(b), int(c)
        if sep == "/":
            slash = -1 if day > 12 >= month else (1 if month > 12 >= day else 0)
    elif len(c) == 2 and len(a) <= 2:
        return NAT, "date_two_digit_year", 0
    else:
        return NAT, "date", 0
    try:
        return np.datetime64(dt.date(year, month, day), "D"), None, slash
    except ValueError:
        return NAT, ("date_month_first" if slash > 0 else "date_impossible"), slash


def date_value(value) -> dt.date | None:
    """One date given outside a table (``--reference-date``, a function's argument) by the same rules as a cell:
    ``dt.date``, an Excel serial, or text, between 1900 and 2199; None when empty. Raises ``ValueError`` naming
    the problem (a message kind of the reader)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        got, problem = np.datetime64(value, "D"), None
    else:
        got, problem = _date_text_or_serial(value)
    if problem is None and not DATE_RANGE[0] <= got <= DATE_RANGE[1]:
        problem = "date_range"
    if problem is not None:
        raise ValueError(problem)
    return got.astype(dt.date)


def _date_text_or_serial(value) -> tuple[np.datetime64, str | None]:
    number = _date_number(value)
    if not np.isnan(number):
        got = _serial_dates(np.array([number]))[0]
        return got, (None if not np.isnat(got) else "date")
    got, problem, _ = read_date(str(value))
    return got, problem


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


def _month_first(errors: _Collector, redact: bool) -> None:
    """Slashed dates whose second number exceeds 12 while no first number does: the file was written month first
    (US). Reading the others day first would swap half the rows' days and months, so the file is refused with one
    message (issue 13)."""
    evidence = [i for i, kind in enumerate(errors.kinds) if kind == "date_month_first"]
    if not evidence or errors.day_first:
        return
    from ..errors import XladdinError

    _pos, line, _id, column, value, *_messages = errors.records[evidence[0]]
    raise XladdinError("dates_month_first", count=len(evidence), line=line, column=column_name(column, "fr"),
                       column_en=column_name(column, "en"), column_de=column_name(column, "de"),
                       value=MASK["fr"] if redact else value)


def _cross_checks(cols, errors, frame, n, today: dt.date) -> None:
    """Constraints between fields of one row."""
    le10, total = cols["student_children_le10"], cols["student_children"]
    bad = le10 > total
    if bad.any():
        raw = _Cells(frame["student_children_le10"]) if "student_children_le10" in frame else le10
        errors.add(bad, "student_children_le10", "children_le10", raw)
    now = np.datetime64(today, "D")
    for key in ("birth_date", "partner_birth_date"):
        if key not in frame:
            continue
        born, raw = cols[key], _Cells(frame[key])
        future = ~np.isnat(born) & (born > now)
        errors.add(future, key, "birth_future", raw)
        if key != "birth_date":
            continue
        for start_key in ("year_start", "training_start"):          # born on or after the training starts
            start = cols[start_key]
            late = ~future & ~np.isnat(born) & ~np.isnat(start) & (born >= start)
            for day in np.unique(start[late]) if late.any() else ():
                text = day.astype(dt.date).strftime("%d.%m.%Y")
                fr = en = de = ""
                if not errors.redact:
                    fr, en = f" ({column_name(start_key, 'fr')} : {text})", f" ({column_name(start_key, 'en')}: {text})"
                    de = f" ({column_name(start_key, 'de')}: {text})"
                errors.add(late & (start == day), key, "birth_after_start", raw, start_fr=fr, start_en=en,
                           start_de=de)
            born = np.where(late, NAT, born)
        cols[key] = np.where(future, NAT, born)


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


# --- one applicant (an Excel cell's formula) ----------------------------------------------------------------

_NO_ERRORS = pd.DataFrame({c: np.array([], dtype=np.int64 if c in ("position", "line") else object)
                           for c in ERROR_COLUMNS})
"""The errors of a row without any: one shared empty table (faces replace ``Inputs.errors``, never change it)."""


@lru_cache(maxsize=1)
def _absent_row() -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """Every field's "missing" value as a read-only one-row column (what a field the row lacks reads as), in the
    schema's order, and each field's place in that order."""
    cols = {}
    for f in schema.FIELDS:
        cols[f.key] = _absent(f, 1)
        cols[f.key].flags.writeable = False
    return cols, {f.key: i for i, f in enumerate(schema.FIELDS)}


class _RowCollector(_Collector):
    """The errors of one row: a check that finds nothing (nearly all of them) costs a look at one flag."""

    def add(self, mask: np.ndarray, column: str, kind: str, raw: np.ndarray, **kw) -> None:
        if mask[0]:
            super().add(mask, column, kind, raw, **kw)


class _RowCells:
    """The raw cells of one applicant, read the way :func:`_cross_checks` reads a table (``key in frame``,
    ``_Cells(frame[key])[0]``)."""

    def __init__(self, cells: dict):
        self.cells = cells

    def __contains__(self, key) -> bool:
        return key in self.cells

    def __getitem__(self, key):
        return _OneCell(self.cells[key])


@dataclass
class _OneCell:
    value: object

    @property
    def iloc(self) -> tuple:
        return (self.value,)


_READ: dict[tuple, np.ndarray] = {}
"""Cells read without a message, by (field, type, value): a list's rows repeat most of their cells (no, 0, CH,
the same dates), and the reading of a cell depends on nothing else (messages do; they are never kept)."""
READ_MAX = 20_000


def _memo_key(key: str, kind: type, value) -> tuple | None:
    if kind is float and value == 0:
        return key, kind, repr(value)               # 0.0 and -0.0 are equal, yet not the same cell
    if kind in (str, float, int, bool, type(None)):
        return key, kind, value
    return None                                     # dates, entities: read each time


def _remember(memo: tuple, column: np.ndarray) -> None:
    if len(_READ) >= READ_MAX:
        _READ.clear()
    column.flags.writeable = False                  # shared by every row that has this cell
    _READ[memo] = column


def _one_cell(value) -> np.ndarray:
    raw = np.empty(1, dtype=object)
    raw[0] = value
    return raw


def parse_record(record: dict, line: int = 2, redact: bool | None = None, today: dt.date | None = None) -> Inputs:
    """One applicant (``{header or key: cell}``, as an Excel function receives it) into the typed columns of
    :func:`parse`, without a table: each present field goes through the parser its cell takes in a table column
    (a number cell as a typed column, :func:`_typed_column`; a date serial as :func:`_parse_numeric_first` reads
    it; anything else through its kind's cell parser, ``_PARSERS``) over a one-element column, then the same row
    checks: the same values and messages as :func:`parse` over a one-row table, without DataFrame or factorize.
    ``line``: the line messages name (2: the row under its header)."""
    redact = redacting() if redact is None else redact
    absent, order = _absent_row()
    lines = np.array([line], dtype=np.int64)
    cells: dict[str, object] = {}
    unknown: list[str] = []
    for name, value in record.items():
        key = name if name in order else schema.resolve_header(name)     # a key stands for itself
        if key is None or key in cells:
            unknown.append(str(name))
        else:
            cells[key] = value
    raw_ids = _one_cell(cells.get("applicant_id"))
    ids = [v if v is None or len(v) <= CELL_MAX else v[:QUOTE_MAX] + "…" for v in map(_text_cell, raw_ids)]
    errors = _RowCollector(lines, ids, redact)
    cols = dict(absent)
    for key in sorted(cells, key=order.__getitem__):       # the schema's order, as parse() reads the columns
        f, value = schema.BY_KEY[key], cells[key]
        kind = type(value)
        if key == "applicant_id":
            cols[key] = _parse_text(f, raw_ids, None, errors)
            continue
        memo = _memo_key(key, kind, value)
        got = _READ.get(memo) if memo is not None else None
        if got is not None:
            cols[key] = got
            continue
        before = len(errors.records), errors.day_first
        if f.kind in (INT, AMOUNT, RATIO) and (kind is float or kind is int):
            num = np.array([value], dtype=float)              # no text to read: checked as a typed column
            cols[key] = _check_number(f, num, np.isnan(num), num, errors,
                                      whole=f.kind != INT or float(value).is_integer())
        elif f.kind == DATE and kind is float:                 # an Excel serial
            num = np.array([value])
            cols[key] = _parse_date(f, num, np.isnan(num), errors)
        else:
            raw = _one_cell(value)
            cols[key] = _PARSERS[f.kind](f, raw, _blank(raw), errors)
        if memo is not None and (len(errors.records), errors.day_first) == before:
            _remember(memo, cols[key])
    _month_first(errors, redact)
    _cross_checks(cols, errors, _RowCells(cells), 1, today or dt.date.today())
    if "applicant_id" not in cells:
        errors.add(np.ones(1, bool), "applicant_id", "missing_column", raw_ids)
    if errors.records:
        records = sorted(errors.records, key=lambda r: r[3])        # by column, stable: as parse() sorts them
        err = pd.DataFrame(records, columns=ERROR_COLUMNS)
    else:
        err = _NO_ERRORS
    return Inputs(1, cols, err, np.array([bool(errors.records)]), lines, set(cells), unknown)


def forget_read_cells() -> None:
    """Drop the remembered readings of :func:`parse_record` (a cold start, for a benchmark)."""
    _READ.clear()
