"""A worksheet that writes whole rows rendered column by column (XlsxWriter, ``constant_memory`` mode).

XlsxWriter's ``write_string``/``write_number`` do a few microseconds of Python per cell (argument checks, a
per-row table, a format lookup, attribute escaping): for a 100 000-row report of 19 columns, most of the
report's time. :class:`RowSheet` is an XlsxWriter worksheet (``add_worksheet(name, worksheet_class=RowSheet)``)
that also takes a block of rows as columns: each distinct value of a column is rendered once into its cell's XML
(the bytes XlsxWriter's own cell writer produces for it, with its format), and each row is written with
XlsxWriter's row element. Everything else (header, widths, page setup, tables, packaging) is XlsxWriter's.
A test checks that the sheet's XML is byte for byte the one of the per-cell calls.
"""

from __future__ import annotations

import io
import math
import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellNumberTuple, CellStringTuple, Worksheet

# Text XlsxWriter writes as it is inside <t>…</t>: no character to escape (& < > and control characters, its
# _xHHHH_ escapes), no leading or trailing space (xml:space="preserve"), not a rich string (<r>…</r>).
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s\Z|^<r>")
_SHORT = 16383                 # at most this many characters: within Excel's 32 767 UTF-16 units


class RowSheet(Worksheet):
    """An XlsxWriter worksheet with :meth:`write_columns` (``constant_memory`` workbooks only)."""

    def cells(self, values: list, cell_format=None, quoted_format=None, dangerous=None) -> list:
        """Each value's cell XML after its reference (``' s="3"><v>12</v></c>'``), None for an empty cell.

        Numbers (int, float) are written as numbers, text as inline strings; a text for which ``dangerous(text)``
        is true gets ``quoted_format`` (the injection guard's quote prefix). Each distinct value is rendered once.
        """
        rendered: dict = {}
        out = []
        append = out.append
        for v in values:
            if v is None:
                append(None)
                continue
            key = (v.__class__, v)
            tail = rendered.get(key)
            if tail is None:
                fmt = quoted_format if dangerous is not None and type(v) is str and dangerous(v) else cell_format
                tail = rendered[key] = self._cell_tail(v, fmt)
            append(tail)
        return out

    def _cell_tail(self, value, fmt) -> str:
        style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        if type(value) is str:
            if len(value) <= _SHORT and not _SPECIAL.search(value):
                return f'{style} t="inlineStr"><is><t>{value}</t></is></c>'
            value = self._truncated(value)
            escaped = self._escape_control_characters(value)
            if escaped.startswith("<r>") and escaped.endswith("</r>"):
                # XlsxWriter would write it into the XML as rich-text markup; an applicant's text stays text
                return f'{style} t="inlineStr"><is><t>{self._escape_data(escaped)}</t></is></c>'
            return self._by_xlsxwriter(CellStringTuple(value, fmt))
        if type(value) is bool or not isinstance(value, (int, float)):
            raise TypeError(f"not a number or a text: {value!r}")
        if not math.isfinite(value):
            raise TypeError("NAN/INF not supported in write_number()")
        return f"{style}><v>{value:.16G}</v></c>"

    def _truncated(self, text: str) -> str:
        """Text cut to Excel's 32 767 UTF-16 units, as XlsxWriter's write_string cuts it."""
        if len(text) > self.xls_strmax // 2:
            from xlsxwriter.utility import _utf16_len, _utf16_truncate

            if _utf16_len(text) > self.xls_strmax:
                return _utf16_truncate(text, self.xls_strmax)
        return text

    def _by_xlsxwriter(self, cell) -> str:
        """A cell's XML as XlsxWriter's cell writer makes it (escapes, whitespace, control characters)."""
        held, self.fh = self.fh, io.StringIO()
        try:
            self._write_cell(0, 0, cell)
            xml = self.fh.getvalue()
        finally:
            self.fh = held
        prefix = '<c r="A1"'
        if not xml.startswith(prefix):                      # pragma: no cover - another XlsxWriter
            raise RuntimeError(f"unexpected cell XML from XlsxWriter: {xml[:40]!r}")
        return xml[len(prefix):]

    def write_columns(self, first_row: int, columns: list[tuple], heights: list | None = None) -> None:
        """Rows ``first_row``… from ``columns``: ``[(column number, values, format, quoted format, dangerous)]``
        (values of one length, None for an empty cell; see :meth:`cells`), each row ``heights[k]`` points high
        (None: the default height).

        Rows must come after every row written before (``constant_memory``: rows are written out in order).
        """
        if not self.constant_memory:
            raise ValueError("RowSheet.write_columns needs a constant_memory workbook")
        if not columns:
            return
        columns = sorted(columns, key=lambda c: c[0])
        n = len(columns[0][1])
        if n == 0:
            return
        if first_row <= self.previous_row and (first_row < self.previous_row or self.table.get(first_row)):
            raise ValueError(f"row {first_row} comes before rows already written")
        letters = [xl_col_to_name(c[0]) for c in columns]
        last_col = columns[-1][0]
        if self._check_dimensions(first_row + n - 1, last_col, ignore_row=True, ignore_col=True):
            raise ValueError("rows beyond the worksheet's limits")
        if first_row > self.previous_row:
            self._write_single_row(first_row)                  # the row held before (the header), as XlsxWriter does
        # rendered after the held row, column by column: formats get their numbers in the order XlsxWriter gives
        rendered = [self.cells(values, fmt, quoted, dangerous) for _, values, fmt, quoted, dangerous in columns]
        used = [c[0] for c, cells in zip(columns, rendered) if any(t is not None for t in cells)]
        infos: dict = {}
        low = high = None
        write = self.fh.write
        for k, cells in enumerate(zip(*rendered)):
            number = first_row + k
            r = str(number + 1)
            xml = "".join([f'<c r="{letter}{r}"{tail}' for letter, tail in zip(letters, cells) if tail is not None])
            height = heights[k] if heights is not None else None
            info = None
            if height is not None:
                info = infos.get(height)
                if info is None:                               # XlsxWriter's own row properties for this height
                    self.set_row(number, height)
                    info = infos[height] = self.row_info.pop(number)
                    self.row_sizes.pop(number, None)
            if not xml:
                if info is not None:                           # a row of no cell: its height, as set_row does
                    self._check_dimensions(number, self.dim_colmin if self.dim_colmin is not None else 0)
                    self._write_empty_row(number, None, info)
                continue
            if low is None:
                low = number
            high = number
            self._write_row(number, None, info)
            write(xml)
            write("</row>")
        if low is not None:                                    # the sheet's extent, as the cells' writes set it
            self._check_dimensions(low, used[0])
            self._check_dimensions(high, used[-1])
        self.previous_row = first_row + n - 1
