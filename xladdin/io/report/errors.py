"""Errors sheet: one row per bad cell — spreadsheet line, file number, column, value as typed, message.

Lines are the input file's own line numbers (header = line 1, as Excel shows them), so a clerk can go straight
to the cell. Values are the applicant's text: written through the injection guard.
"""

from __future__ import annotations

from .. import output
from .data import ReportData
from .decisions import add_table, check_rows
from .styles import ERRORS_TABLE, Styles

HEADERS = {"fr": ("Ligne", "N° de dossier", "Colonne", "Clé", "Valeur", "Message"),
           "en": ("Line", "File number", "Column", "Key", "Value", "Message"),
           "de": ("Zeile", "Dossiernummer", "Spalte", "Schlüssel", "Wert", "Meldung"),
           output.KEYS: ("line", "applicant_id", "column", "key", "value", "message")}
WIDTHS = [6, 12, 22, 16, 16, 48]
NONE = {"fr": "Aucune erreur.", "en": "No error.", "de": "Keine Fehler.", output.KEYS: ""}


def write(wb, ws, data: ReportData, styles: Styles) -> None:
    begin(ws, data, styles, len(data.errors))
    if not len(data.errors):
        ws.write_string(1, 0, NONE[data.lang])
        return
    write_rows(ws, data, styles, 1)


def begin(ws, data: ReportData, styles: Styles, n_errors: int) -> None:
    """The sheet's table over ``n_errors`` rows (none without errors), its page, its header."""
    heads = HEADERS[data.lang]
    check_rows(n_errors)
    if n_errors:
        add_table(ws, n_errors, list(heads), ERRORS_TABLE, style="Table Style Medium 3")
    output.setup_xlsxwriter(ws, output.Page(title=data.title(data.sheet_names["errors"]), rules=data.rules_label,
                                            lang=data.lang, widths=list(WIDTHS), wrap={2, 4, 5}, landscape=True,
                                            when=data.started))
    for j, h in enumerate(heads):
        ws.write_string(0, j, h, styles.head)


def write_rows(ws, data: ReportData, styles: Styles, first: int) -> int:
    """The error rows of ``data`` (by line, then column), from the sheet's row ``first`` on; returns how many."""
    errors = data.errors
    message = "message_en" if data.lang == "en" else "message_fr"
    ordered = errors.sort_values(["line", "column"], kind="stable") if "line" in errors else errors
    columns = [ordered[c].astype(object).tolist() if c in ordered else [None] * len(ordered)
               for c in ("line", "applicant_id", "column", "value", message)]
    for i, (line, applicant_id, column, value, text) in enumerate(zip(*columns), start=first):
        if line is not None:
            ws.write_number(i, 0, int(line))
        _text(ws, styles, i, 1, applicant_id)
        key = str(column) if column is not None else ""
        _text(ws, styles, i, 2, output.header(key, data.lang), styles.cell_wrap)
        _text(ws, styles, i, 3, key)
        _text(ws, styles, i, 4, value, styles.cell_wrap)
        _text(ws, styles, i, 5, text, styles.cell_wrap)
    return len(ordered)


def _text(ws, styles: Styles, row: int, col: int, value, fmt=None) -> None:
    if value is None or value != value or value == "":
        return
    styles.writer.write(ws, row, col, str(value), fmt or styles.cell)
