"""What a column, a value or a parameter is called in the reader's language (fr, en, de), or its key (machines).

Labels come from the schema (fields and assessment outputs) and from the tables other faces register with
:func:`register_labels` (compare, credits, what-if); a parameter's description comes from the rule set's labels
(``xladdin/rules/labels.yaml``).
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from pathlib import Path

import yaml

from ... import schema
from ...errors import XladdinError
from ..formats import money_text

LANGS = ("fr", "en", "de")
KEYS = "keys"                           # the machine mode: schema keys, codes, true/false
MODES = LANGS + (KEYS,)

# Column kinds: how a value is shown and which number format its cell takes.
TEXT, MONEY, INTEGER, AVERAGE, DATE, TIMESTAMP, BOOL, ENUM = (
    "text", "money", "integer", "average", "date", "timestamp", "bool", "enum")

YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no"), "de": ("ja", "nein"), KEYS: ("true", "false")}

# Extra labels registered by the faces: key -> {"fr": ..., "en": ..., "de": ...}; kinds likewise.
_LABELS: dict[str, dict[str, str]] = {}
_KINDS: dict[str, str] = {}
_VALUES: dict[str, dict[str, dict[str, str]]] = {}

_OUTPUT_KINDS = {**{k: MONEY for k in schema.OUTPUT_AMOUNTS}, "eligible": BOOL, "independence": ENUM,
                 "entitlement_semesters": INTEGER, "applicant_id": TEXT, "reasons": TEXT, "rules": TEXT}
_FIELD_KINDS = {schema.AMOUNT: MONEY, schema.INT: INTEGER, schema.RATIO: AVERAGE, schema.DATE: DATE,
                schema.BOOL: BOOL, schema.ENUM: ENUM, schema.TEXT: TEXT}
# Fields stored as amounts that are in fact counts of years: shown as integers, never as francs.
_YEARS = {"years_independent", "years_full_time_work"}


def mode(lang: str | None = "fr", keys: bool = False) -> str:
    """The output mode of a command: ``keys`` when ``--keys`` is given, else the checked ``--lang``."""
    if keys:
        return KEYS
    lang = (lang or "fr").strip().lower()
    if lang in ("cle", "clé", "key"):
        return KEYS
    if lang not in MODES:
        raise XladdinError("lang_fr_en_de", lang=lang)
    return lang


def register_labels(labels: dict[str, dict[str, str] | tuple], kinds: dict[str, str] | None = None,
                    values: dict[str, dict[str, dict[str, str] | tuple]] | None = None, scope: str = "") -> None:
    """Teach the output layer the columns of a face: ``{key: {"fr":…, "en":…, "de":…}}`` or ``(fr, en, de)``;
    ``kinds`` ``{key: MONEY|INTEGER|…}``; ``values`` ``{key: {code: {"fr":…, …}}}`` for enum-like columns.
    ``scope`` (``"credits."``) registers every key under the face's own name, so that a column of the same key
    elsewhere (the schema's ``applicant_id``, the batch report's ``status``) keeps its own label."""
    for key, label in labels.items():
        _LABELS[scope + key] = _as_langs(label)
    _KINDS.update({scope + key: k for key, k in (kinds or {}).items()})
    for key, codes in (values or {}).items():
        _VALUES.setdefault(scope + key, {}).update({code: _as_langs(v) for code, v in codes.items()})


def _as_langs(label) -> dict[str, str]:
    if isinstance(label, dict):
        return dict(label)
    fr, en, *de = label
    return {"fr": fr, "en": en, "de": de[0] if de else fr}


def header(key: str, lang: str = "fr") -> str:
    """A column's header: its label in ``lang`` (a schema field, an assessment output or a registered column);
    the key itself in the machine mode, or when nothing knows it."""
    if lang == KEYS:
        return key
    if key in _LABELS:
        labels = _LABELS[key]
        return labels.get(lang) or labels.get("fr") or key
    if key in schema.BY_KEY:                # an input field first: what is written can be read back
        return schema.BY_KEY[key].label(lang)
    if key in schema.OUTPUT_LABELS:
        return schema.output_label(key, lang)
    return key


def kind(key: str) -> str:
    """How a column is shown (MONEY, INTEGER, AVERAGE, DATE, TIMESTAMP, BOOL, ENUM, TEXT)."""
    if key in _KINDS:
        return _KINDS[key]
    if key in _OUTPUT_KINDS:
        return _OUTPUT_KINDS[key]
    if key in _YEARS:
        return INTEGER
    if key in schema.BY_KEY:
        return _FIELD_KINDS.get(schema.BY_KEY[key].kind, TEXT)
    return TEXT


def yes_no(value, lang: str = "fr") -> str:
    """``oui``/``non`` (``yes/no``, ``ja/nein``; ``true/false`` for machines); empty for an unknown value."""
    if is_blank(value):
        return ""
    yes, no = YES_NO.get(lang, YES_NO["fr"])
    if isinstance(value, str):
        low = value.strip().lower()
        if low in ("true", "1", "oui", "yes", "ja", "vrai"):
            return yes
        if low in ("false", "0", "non", "no", "nein", "faux"):
            return no
        return value
    return yes if bool(value) else no


def value_label(key: str, code, lang: str = "fr") -> str:
    """An enum value's label in ``lang`` (``none`` → ``aucune`` for independence); the code for machines."""
    if is_blank(code):
        return ""
    code = str(code)
    if lang == KEYS:
        return code
    if key in _VALUES and code in _VALUES[key]:
        labels = _VALUES[key][code]
        return labels.get(lang) or labels.get("fr") or code
    field = schema.BY_KEY.get(key)
    return field.value_label(code, lang) if field is not None else code


def is_blank(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, float) and math.isnan(value) or (isinstance(value, str) and not value.strip())


def text(value, column_kind: str, lang: str = "fr", key: str = "") -> str:
    """A value as text for people (CSV, console, messages): labels, ``oui/non``, ``dd.mm.yyyy``, whole francs.

    Money in CSV stays a plain whole number (``-1965``): a spreadsheet opens it as a number and groups it itself;
    ``money_text`` (``-1'965``) is for running text.
    """
    if is_blank(value):
        return ""
    if column_kind == BOOL:
        return yes_no(value, lang)
    if column_kind == ENUM:
        return value_label(key, value, lang)
    if column_kind in (MONEY, INTEGER, AVERAGE):
        number = number_value(value, column_kind)
        if isinstance(number, str):
            return number
        return f"{number:.2f}" if column_kind == AVERAGE else (str(number) if isinstance(number, int)
                                                               else f"{number:g}")
    if column_kind == DATE:
        return date_text(value)
    if column_kind == TIMESTAMP:
        return timestamp_text(value)
    return str(value)


def number_value(value, column_kind: str):
    """A number as its kind keeps it: money in whole francs, a count as an integer (a fraction a clerk typed,
    2.5 years, is kept), an average to 2 decimals; text that is not a number stays text."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if column_kind == MONEY:
        return int(round(number))
    if column_kind == AVERAGE:
        return round(number, 2)
    return int(number) if number.is_integer() else number


def date_text(value) -> str:
    """``dd.mm.yyyy`` (a date, a datetime, a pandas Timestamp or ISO text); other text as it is."""
    if is_blank(value):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
    return value.strftime("%d.%m.%Y")


def timestamp_text(value: dt.datetime | None = None) -> str:
    """Local time ``dd.mm.yyyy hh:mm`` (now when no value; an aware time is converted to local time)."""
    value = value or dt.datetime.now()
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.strftime("%d.%m.%Y %H:%M")


def local_naive(value: dt.datetime | None = None) -> dt.datetime:
    """A local time without offset, for an .xlsx cell formatted ``dd.mm.yyyy hh:mm`` (Excel has no time zones)."""
    value = value or dt.datetime.now()
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(second=0, microsecond=0)


# --- parameters of a rule set ------------------------------------------------------------------------------

LABELS_FILE = Path(__file__).resolve().parents[2] / "rules" / "labels.yaml"


@lru_cache(maxsize=1)
def _parameter_labels() -> dict[str, dict[str, str]]:
    """``rules/labels.yaml``: {canton or "*": {dotted name: description}} in French (German/English optional)."""
    if not LABELS_FILE.exists():
        return {}
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8")) or {}
    return data


def parameter_description(name: str, ruleset=None, lang: str = "fr") -> str:
    """The description of a parameter from the rule set's labels (``Plafond tertiaire``), '' if none."""
    data = _parameter_labels()
    canton = getattr(ruleset, "canton", None) or (str(ruleset).split("-")[0].upper() if ruleset else "")
    for scope in (canton, "*"):
        entry = (data.get(scope) or {}).get(name)
        if entry:
            if isinstance(entry, dict):
                return entry.get(lang) or entry.get("fr") or ""
            return str(entry)
    return ""


def parameter_label(name: str, ruleset=None, lang: str = "fr") -> str:
    """A parameter as people read it: ``Plafond tertiaire (amounts.cap.tertiary)``; the name for machines."""
    if lang == KEYS:
        return name
    description = parameter_description(name, ruleset, lang)
    return f"{description} ({name})" if description else name


__all__ = ["LANGS", "KEYS", "MODES", "TEXT", "MONEY", "INTEGER", "AVERAGE", "DATE", "TIMESTAMP", "BOOL", "ENUM",
           "mode", "register_labels", "header", "kind", "yes_no", "value_label", "text", "date_text",
           "timestamp_text", "local_naive", "money_text", "number_value", "parameter_label", "parameter_description",
           "is_blank"]
