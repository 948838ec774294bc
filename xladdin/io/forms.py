"""A filled intake form read as one dossier (issue 13 §4), and errors placed on the form's own lines.

The form (``xladdin template intake``) is vertical: one field per row, its label (fr/en/de, as the schema
writes it) beside its value. It is found by its labels (:func:`xladdin.io.kinds.classify`), not by cell
positions, so a form laid out again (another page layout, another language, a clerk's own copy) still reads.
The dossier becomes a one-row table of schema keys, read by the same parser as a list; each field keeps the
line it sits on, so a message names the form's line of the field, as it names a list's line of the row.
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import XladdinError
from . import kinds
from .sheetscan import column_letters


def read_form(path, rows: list[list], labels: list[tuple[int, int, str]]) -> tuple[pd.DataFrame, dict[str, int]]:
    """(one-row frame of schema keys, {key: line of its field}) of a form whose labels are ``labels``."""
    values_at = kinds.value_columns(rows, labels)
    record: dict[str, object] = {}
    lines: dict[str, int] = {}
    where: dict[str, str] = {}
    texts: dict[str, str] = {}
    for r, c, key in labels:
        cell = f"{column_letters(c + 1)}{r + 1}"
        if key in record:
            raise XladdinError("duplicate_meaning", path=str(path), key=key, first=texts[key], first_at=where[key],
                               second=str(rows[r][c]).strip(), second_at=cell)
        v = values_at[c]
        record[key] = rows[r][v] if v < len(rows[r]) else ""
        lines[key] = r + 1
        where[key] = cell
        texts[key] = str(rows[r][c]).strip()
    if all(v in ("", None) for v in record.values()):
        raise XladdinError("form_empty", path=str(path))
    return pd.DataFrame([record], dtype=object), lines


_LINE = re.compile(r"\b(ligne|line|Zeile) \d+")


def relocate(inputs, raw) -> None:
    """Errors of rows read from forms name the line of the field in the form; in a batch of several files,
    each message names its file too (``dupont.xlsx, ligne 9, colonne birth_date : ...``)."""
    cells = getattr(raw, "cells", None)
    origins = getattr(raw, "origins", None)
    if (not cells and not origins) or not len(inputs.errors):
        return
    errors = inputs.errors.copy()
    for i in errors.index:
        pos, column = int(errors.at[i, "position"]), errors.at[i, "column"]
        fields = cells[pos] if cells and pos < len(cells) and cells[pos] else {}
        line = int(fields.get(column, errors.at[i, "line"]))
        origin = f"{origins[pos]}, " if origins and pos < len(origins) and origins[pos] else ""
        errors.at[i, "line"] = line
        for name in ("message_fr", "message_en", "message_de"):
            errors.at[i, name] = _LINE.sub(lambda m: f"{origin}{m.group(1)} {line}", str(errors.at[i, name]),
                                           count=1)
    inputs.errors = errors
