"""``--redact``: exports that can be shared — names replaced by the file number (issue 7, personal data).

What an applicant list says about a person who can be named: last name, first name and birth date (the
quasi-identifier that, with the domicile, would name them again). With ``--redact``:

* ``last_name`` and ``first_name`` are replaced by the applicant's file number (``applicant_id``, the office's
  own pseudonym); a row without a file number gets empty names;
* birth dates appear in no export (results and reports carry the age's consequences, not the date);
* no message quotes a cell's value, whatever its column: the reader builds the message with the value masked
  (``ligne 5, colonne « Date de naissance » (birth_date) : date impossible (valeur masquée, --redact) : …``),
  never masks a finished text afterwards. Every column, because a cell is not always where its header says: a
  name with an unquoted ``;`` shifts the rest of its row, and the birth date lands under the nationality;
* amounts stay: they are what a shared decision list is for, and without a name they are no one's.

The input file is never changed; only what is written is.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd

PERSONAL = ("last_name", "first_name", "birth_date", "partner_birth_date")
NAMES = ("last_name", "first_name")
MASK = {"fr": "(masqué)", "en": "(redacted)", "de": "(verdeckt)"}
REDACTED = {"fr": "(valeur masquée, --redact)", "en": "(value redacted, --redact)", "de": "(Wert verdeckt, --redact)"}
_ACTIVE: ContextVar[bool] = ContextVar("xladdin_redact", default=False)
_PART = re.compile(r"^(?P<head>(?:ligne|line|Zeile) \d+, (?:colonne|column|Spalte) "
                   r"(?:(?:«[^»]*»|'[^']*') )?\(?(?P<key>\w+)\)?)\s?:.*$", re.DOTALL)


@contextmanager
def masking(on: bool = True):
    """Within the block, the reader masks every cell value in its messages (for faces that reach the reader
    through another module, e.g. ``compare``); ``assess_full(redact=True)`` does the same explicitly."""
    token = _ACTIVE.set(bool(on))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active() -> bool:
    return _ACTIVE.get()


def mask_message(text, lang: str = "fr"):
    """A second line of defence for messages built elsewhere: ``ligne 5, colonne « … » (birth_date) : …`` →
    ``… : valeur masquée (--redact)`` for a personal column. The reader's own messages under ``--redact`` never
    hold a value in the first place."""
    if not isinstance(text, str) or "colonne" not in text and "column" not in text and "Spalte" not in text:
        return text
    parts = []
    for part in text.split(" | "):
        m = _PART.match(part)
        if m and m.group("key") in PERSONAL and not any(mask in part for mask in REDACTED.values()):
            masked = {"line": ": value redacted (--redact)", "Zeile": ": Wert verdeckt (--redact)"}
            part = m.group("head") + masked.get(part.split(" ", 1)[0], " : valeur masquée (--redact)")
        parts.append(part)
    return " | ".join(parts)


def results(frame: pd.DataFrame) -> pd.DataFrame:
    """A result table (``xladdin assess``) ready to share: names → file number, personal values masked."""
    out = frame.copy()
    ids = out["applicant_id"] if "applicant_id" in out else None
    for key in NAMES:
        if key in out:
            out[key] = ids.where(ids.notna(), None) if ids is not None else None
    if "birth_date" in out:
        out = out.drop(columns="birth_date")
    if "reasons" in out:
        out["reasons"] = out["reasons"].map(mask_message).astype(out["reasons"].dtype)
    return out


def comparison(frame: pd.DataFrame) -> pd.DataFrame:
    """A side-by-side table (``xladdin compare``): names → file number, personal values masked in every rule
    set's ``<rules>.reasons`` column."""
    out = results(frame)
    for column in out.columns:
        if str(column).endswith(".reasons"):
            out[column] = out[column].map(mask_message).astype(out[column].dtype)
    return out


def errors(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """An error list (line, applicant_id, column, value, message_fr, message_en, message_de), personal values masked."""
    if frame is None or not len(frame) or "column" not in frame:
        return frame
    out = frame.copy()
    if "value" in out and lang in MASK and lang != "fr":      # the reader masks in French; the report in its language
        out["value"] = out["value"].astype(object).replace(MASK["fr"], MASK[lang])
    personal = out["column"].isin(PERSONAL).to_numpy()
    if personal.any():
        if "value" in out:
            out["value"] = out["value"].astype(object)
            out.loc[personal, "value"] = MASK.get(lang, MASK["fr"])
        for column in ("message_fr", "message_en", "message_de"):
            if column in out:
                out[column] = out[column].map(mask_message)
    return out


def report(data):
    """The batch report's data (:class:`xladdin.io.report.ReportData`) with names and personal values masked; the
    input file is named by its SHA-256 only (its name or folder may name a person)."""
    import dataclasses

    mask = MASK.get(data.lang, MASK["fr"])
    data.input_path = mask
    if data.source is not None and dataclasses.is_dataclass(data.source):
        data.source = dataclasses.replace(data.source, source=mask)
    ids = data.columns["applicant_id"]
    for key in NAMES:
        if key in data.columns:
            data.columns[key] = list(ids)
    data.columns["reasons"] = [mask_message(r) for r in data.columns["reasons"]]
    data.errors = errors(data.errors, data.lang)
    return data


def option():
    import typer

    return typer.Option(False, "--redact", help="Fichier à partager : noms et prénoms remplacés par le n° de dossier, "
                        "valeurs personnelles masquées dans les messages d'erreur (la date de naissance n'est jamais "
                        "exportée).")
