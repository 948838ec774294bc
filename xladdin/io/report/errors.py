"""Errors sheet: one row per bad cell — spreadsheet line, file number, column, value as typed, message.

Lines are the input file's own line numbers (header = line 1, as Excel shows them), so a clerk can go straight
to the cell. Values are the applicant's text: written through the injection guard.
"""

from __future__ import annotations

from ... import schema
from .data import ReportData
from .decisions import add_table
from .styles import ERRORS_TABLE, Styles

HEADERS = {"fr": ("Ligne", "N° de dossier", "Colonne", "Clé", "Valeur", "Message"),
           "en": ("Line", "File number", "Column", "Key", "Value", "Message")}
WIDTHS = (7, 14, 34, 22, 22, 90)


def write(wb, ws, data: ReportData, styles: Styles) -> None:
    errors = data.errors
    heads = HEADERS[data.lang]
    for j, w in enumerate(WIDTHS):
        ws.set_column(j, j, w)
    if len(errors):
        add_table(ws, len(errors), list(heads), ERRORS_TABLE, style="Table Style Medium 3")
    ws.freeze_panes(1, 0)
    for j, h in enumerate(heads):
        ws.write_string(0, j, h, styles.head)
    if not len(errors):
        ws.write_string(1, 0, "Aucune erreur." if data.lang == "fr" else "No error.")
        return
    message = "message_en" if data.lang == "en" else "message_fr"
    ordered = errors.sort_values(["line", "column"], kind="stable") if "line" in errors else errors
    columns = [ordered[c].astype(object).tolist() if c in ordered else [None] * len(ordered)
               for c in ("line", "applicant_id", "column", "value", message)]
    for i, (line, applicant_id, column, value, text) in enumerate(zip(*columns), start=1):
        if line is not None:
            ws.write_number(i, 0, int(line))
        _text(ws, styles, i, 1, applicant_id)
        key = str(column) if column is not None else ""
        label = schema.BY_KEY[key].label(data.lang) if key in schema.BY_KEY else key
        _text(ws, styles, i, 2, label)
        _text(ws, styles, i, 3, key)
        _text(ws, styles, i, 4, value)
        _text(ws, styles, i, 5, text)


def _text(ws, styles: Styles, row: int, col: int, value) -> None:
    if value is None or value != value or value == "":
        return
    styles.writer.write(ws, row, col, str(value))
