"""OWASP "CSV injection" — applicants' text is written as text, never as a formula, by every writer.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel and
LibreOffice as a formula when typed, pasted or opened from CSV (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``,
``@SUM(...)``). Every writer of xladdin (templates, batch reports, CSV exports, the UDFs' spills) passes
applicants' text through this module:

* in .xlsx (openpyxl or XlsxWriter) the value is stored as a string cell (``t="s"``/``inlineStr``), never as
  ``<f>``, and carries Excel's *quote prefix* style (what Excel itself sets when a user types ``'=1+1``) so that
  editing the cell later (F2, Enter) keeps it text; the stored value is unchanged, so it reads back identical;
* in CSV, where a cell has no type, a leading apostrophe is added (OWASP's recommendation);
* for values handed back to Excel through xlwings (UDF spills), :func:`text_for_excel` adds the same apostrophe.

Look-alikes are escaped too: the fullwidth and small forms ``＝ ﹦ ＋ ﹢ － ﹣ ＠ ﹫`` (they become ``= + - @``
under Unicode compatibility normalisation, which some spreadsheet or import step may apply; LibreOffice does not
evaluate them, Excel's behaviour is not documented), and any of these signs after invisible format characters
(zero-width space, byte order mark, word joiner, soft hyphen…: Unicode category Cf), which a cell shows as
nothing.

Numbers, dates and booleans are never touched: only ``str`` values can carry a formula.
"""

from __future__ import annotations

import unicodedata

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: object) -> bool:
    """True when ``value`` is text a spreadsheet could read as a formula: it starts with = + - @ tab CR, a
    compatibility look-alike of one (``＝``, ``﹦``…), or one of these after invisible format characters."""
    return isinstance(value, str) and (value.startswith(DANGEROUS_PREFIXES) or
                                       (value[:1] >= "\x80" and starts_with_lookalike(value)))


def starts_with_lookalike(text: str) -> bool:
    """The slow half of :func:`is_dangerous`, for text whose first character is not ASCII."""
    for char in text:
        if unicodedata.category(char) != "Cf":
            return unicodedata.normalize("NFKC", char).startswith(DANGEROUS_PREFIXES)
    return False


def csv_safe(value: object) -> object:
    """The value to put in a CSV cell: dangerous text gets a leading apostrophe; anything else is unchanged."""
    if is_dangerous(value):
        return "'" + value
    return value


def text_for_excel(value: object) -> object:
    """A value returned to Excel as a cell value (UDF, xlwings): dangerous text is prefixed with ``'``.

    Excel shows a leading apostrophe as the text marker, not as a character, so the clerk sees the text itself.
    """
    return csv_safe(value)


def unguard(value: object) -> object:
    """Undo :func:`csv_safe` on a value read back from a CSV file xladdin wrote (``'=x`` → ``=x``)."""
    if isinstance(value, str) and value.startswith("'") and is_dangerous(value[1:]):
        return value[1:]
    return value


# --- openpyxl -----------------------------------------------------------------------------------------------

def set_cell(cell, value, *, number_format: str | None = None):
    """Put ``value`` into an openpyxl cell; text is always a string cell, quote-prefixed when dangerous.

    Use this for any value that came from an applicant or a file; formulas that xladdin writes itself are set
    with ``cell.value = "=..."`` directly.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"            # openpyxl would otherwise store "=..." as a formula
        if is_dangerous(value):
            cell.quotePrefix = True
    if number_format:
        cell.number_format = number_format
    return cell


def write_only_cell(ws, value, *, style=None):
    """An openpyxl ``WriteOnlyCell`` holding ``value`` as text when it is text (for write-only workbooks)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if is_dangerous(value):
            cell.quotePrefix = True
    if style is not None:
        cell.style = style
    return cell


# --- XlsxWriter ---------------------------------------------------------------------------------------------

XLSXWRITER_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
"""Workbook options every XlsxWriter workbook of xladdin is created with: ``write()`` never parses text."""


class XlsxTextWriter:
    """Writes applicant text into an XlsxWriter worksheet as a string, quote-prefixed when dangerous.

    One instance per workbook: it owns the quote-prefix variants of the formats it is given.
    """

    def __init__(self, workbook):
        self.workbook = workbook
        self._quoted: dict[int, object] = {}
        self._plain_quoted = workbook.add_format({"quote_prefix": True})

    def quoted(self, fmt=None):
        """The quote-prefixed variant of ``fmt`` (created once)."""
        if fmt is None:
            return self._plain_quoted
        key = id(fmt)
        if key not in self._quoted:
            props = {k: v for k, v in _format_properties(fmt).items()}
            props["quote_prefix"] = True
            self._quoted[key] = self.workbook.add_format(props)
        return self._quoted[key]

    def write(self, ws, row: int, col: int, value: str, fmt=None):
        if is_dangerous(value):
            return ws.write_string(row, col, value, self.quoted(fmt))
        return ws.write_string(row, col, value, fmt)


def _format_properties(fmt) -> dict:
    """The user-visible properties of an XlsxWriter Format, to clone it (number format, bold, colours...)."""
    props = {}
    if getattr(fmt, "num_format", 0):
        props["num_format"] = fmt.num_format
    if getattr(fmt, "bold", 0):
        props["bold"] = True
    if getattr(fmt, "italic", 0):
        props["italic"] = True
    if getattr(fmt, "text_wrap", 0):
        props["text_wrap"] = True
    if getattr(fmt, "text_h_align", 0):
        props["align"] = {1: "left", 2: "center", 3: "right"}.get(fmt.text_h_align, "left")
    if getattr(fmt, "fg_color", 0):
        props["bg_color"] = fmt.fg_color
    if getattr(fmt, "font_color", 0):
        props["font_color"] = fmt.font_color
    return props
