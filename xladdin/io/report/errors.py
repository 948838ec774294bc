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
WIDTHS = [6, 14, 22, 16, 16, 48]
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
    output.setup_xlsxwriter(ws, _page(data))
    for j, h in enumerate(heads):
        ws.write_string(0, j, h, styles.head)


def _page(data: ReportData) -> output.Page:
    """The sheet's page: A4 landscape, its widths, the wrapped columns (label, value, message)."""
    page = output.Page(title=data.title(data.sheet_names["errors"]), rules=data.rules_label, lang=data.lang,
                       widths=list(WIDTHS), wrap={2, 4, 5}, landscape=True, when=data.started)
    page.plan()
    return page


def write_rows(ws, data: ReportData, styles: Styles, first: int) -> int:
    """The error rows of ``data`` (by line, then column), from the sheet's row ``first`` on; returns how many."""
    errors = data.errors
    page = _page(data)
    message = {"en": "message_en", "de": "message_de"}.get(data.lang, "message_fr")
    ordered = errors.sort_values(["line", "column"], kind="stable") if "line" in errors else errors
    columns = [ordered[c].astype(object).tolist() if c in ordered else [None] * len(ordered)
               for c in ("line", "applicant_id", "column", "value", message)]
    for i, (line, applicant_id, column, value, text) in enumerate(zip(*columns), start=first):
        if line is not None:
            ws.write_number(i, 0, int(line), styles.int)
        _text(ws, styles, i, 1, applicant_id)
        key = str(column) if column is not None else ""
        label = output.header(key, data.lang)
        lines = page.row_lines([None, None, label, None, None if value is None else str(value),
                                None if text is None else str(text)])
        if lines > 1:
            ws.set_row(i, 15 * lines)            # a long message shows whole, on screen and on paper
        _text(ws, styles, i, 2, label, styles.cell_wrap)
        _text(ws, styles, i, 3, key)
        _text(ws, styles, i, 4, value, styles.cell_wrap)
        _text(ws, styles, i, 5, text, styles.cell_wrap)
    return len(ordered)


def _text(ws, styles: Styles, row: int, col: int, value, fmt=None) -> None:
    if value is None or value != value or value == "":
        return
    styles.writer.write(ws, row, col, str(value), fmt or styles.cell)
