"""Errors sheet: one row per bad cell — spreadsheet line, file number, column, value as typed, message.

Lines are the input file's own line numbers (header = line 1, as Excel shows them), so a clerk can go straight
to the cell. Values are the applicant's text: written through the injection guard.
"""

from __future__ import annotations

from .. import output
from ..guard import is_dangerous
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
    """The error rows of ``data`` (by line, then column), from the sheet's row ``first`` on; returns how many.

    Written in blocks of rows rendered column by column (:class:`~xladdin.io.output.rows.RowSheet`); a long
    message's row grows to show it whole, on screen and on paper."""
    errors = data.errors
    page = _page(data)
    message = {"en": "message_en", "de": "message_de"}.get(data.lang, "message_fr")
    ordered = errors.sort_values(["line", "column"], kind="stable") if "line" in errors else errors
    line, applicant_id, column, value, text = (
        ordered[c].astype(object).tolist() if c in ordered else [None] * len(ordered)
        for c in ("line", "applicant_id", "column", "value", message))
    keys = [str(c) if c is not None else "" for c in column]
    labels = {k: output.header(k, data.lang) for k in dict.fromkeys(keys)}
    label = [labels[k] for k in keys]
    heights = [None if n <= 1 else 15 * n for n in (
        page.row_lines([None, None, la, None, None if v is None else str(v), None if t is None else str(t)])
        for la, v, t in zip(label, value, text))]
    columns = [(0, [None if v is None else int(v) for v in line], styles.int),
               (1, _shown(applicant_id), styles.cell), (2, _shown(label), styles.cell_wrap),
               (3, _shown(keys), styles.cell), (4, _shown(value), styles.cell_wrap),
               (5, _shown(text), styles.cell_wrap)]
    for start in range(0, len(ordered), BLOCK):
        stop = start + BLOCK
        ws.write_columns(first + start, [(j, values[start:stop], fmt, None if j == 0 else styles.writer.quoted(fmt),
                                          None if j == 0 else is_dangerous)
                                         for j, values, fmt in columns], heights[start:stop])
    return len(ordered)


BLOCK = 5000


def _shown(values: list) -> list:
    """A text column's cells: the value as text, None for an empty one (None, NaN, "")."""
    return [None if v is None or v != v or v == "" else str(v) for v in values]
