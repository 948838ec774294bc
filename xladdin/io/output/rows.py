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
from xlsxwriter.worksheet import CellStringTuple, Worksheet

# Text XlsxWriter writes as it is inside <t>…</t>: no character to escape (& < > and control characters, its
# _xHHHH_ escapes), no leading or trailing space (xml:space="preserve"), not a rich string (<r>…</r>).
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s\Z|^<r>")
_SHORT = 16383                 # at most this many characters: within Excel's 32 767 UTF-16 units


class RowSheet(Worksheet):
    """An XlsxWriter worksheet with :meth:`write_columns` (``constant_memory`` workbooks only)."""

    def cells(self, values: list, cell_format=None, quoted_format=None, dangerous=None) -> list:
        """Each value's cell XML after its reference (``' s="3"><v>12</v></c>'``), "" for an empty cell (None).

        Numbers (int, float) are written as numbers, text as inline strings; a text for which ``dangerous(text)``
        is true gets ``quoted_format`` (the injection guard's quote prefix). Each distinct value is rendered once.
        """
        distinct = dict.fromkeys(values)
        distinct.pop(None, None)
        types = set(map(type, distinct))
        if bool in types:                                # True and 1 are one key: rendered value by value
            return [self._cell_tail(v, cell_format, quoted_format, dangerous) if v is not None else ""
                    for v in values]
        if not distinct:
            return [""] * len(values)
        first = next(iter(distinct))
        if dangerous is not None and type(first) is str and dangerous(first):
            self._style(quoted_format)                   # formats numbered in the order their cells come
        style = self._style(cell_format)
        if types == {int}:                               # whole numbers (amounts, counts): always finite
            rendered = {v: f"{style}><v>{v:.16G}</v></c>" for v in distinct}
        elif types == {str}:                             # text, most of it written as it is
            plain, search, tail = f'{style} t="inlineStr"><is><t>', _SPECIAL.search, self._cell_tail
            rendered = {v: plain + v + "</t></is></c>"
                        if len(v) <= _SHORT and not search(v) and (dangerous is None or not dangerous(v))
                        else tail(v, cell_format, quoted_format, dangerous) for v in distinct}
        else:
            rendered = {v: self._cell_tail(v, cell_format, quoted_format, dangerous) for v in distinct}
        rendered[None] = ""
        return list(map(rendered.__getitem__, values))

    @staticmethod
    def _style(fmt) -> str:
        return f' s="{fmt._get_xf_index()}"' if fmt is not None else ""

    def _cell_tail(self, value, fmt, quoted_format=None, dangerous=None) -> str:
        if dangerous is not None and type(value) is str and dangerous(value):
            fmt = quoted_format
        style = self._style(fmt)
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
        last_col = columns[-1][0]
        if self._check_dimensions(first_row + n - 1, last_col, ignore_row=True, ignore_col=True):
            raise ValueError("rows beyond the worksheet's limits")
        if first_row > self.previous_row:
            self._write_single_row(first_row)                  # the row held before (the header), as XlsxWriter does
        # rendered after the held row, column by column: formats get their numbers in the order XlsxWriter gives
        numbers = list(map(str, range(first_row + 1, first_row + n + 1)))
        rendered, used = [], []
        for column, values, fmt, quoted, dangerous in columns:
            tails = self.cells(values, fmt, quoted, dangerous)
            letter = xl_col_to_name(column)
            rendered.append([f'<c r="{letter}{r}"{t}' if t else "" for r, t in zip(numbers, tails)])
            if any(tails):
                used.append(column)
        starts: dict = {}                                  # the <row> start tag after r="…", per height
        held, self.fh = self.fh, io.StringIO()            # the block's rows, written out in one piece
        try:
            low = high = None
            for k, xml in enumerate(map("".join, zip(*rendered))):
                height = heights[k] if heights is not None else None
                if not xml and height is None:
                    continue
                number = first_row + k
                if height not in starts:
                    starts[height] = self._row_start(number, height)
                if not xml:                                # a row of no cell: its height, as set_row does
                    self._check_dimensions(number, self.dim_colmin if self.dim_colmin is not None else 0)
                    self._write_empty_row(number, None, starts[height][1])
                    continue
                if low is None:
                    low = number
                high = number
                self.fh.write(f'<row r="{numbers[k]}"{starts[height][0]}{xml}</row>')
            held.write(self.fh.getvalue())
        finally:
            self.fh = held
        if low is not None:                                    # the sheet's extent, as the cells' writes set it
            self._check_dimensions(low, used[0])
            self._check_dimensions(high, used[-1])
        self.previous_row = first_row + n - 1

    def _row_start(self, number: int, height) -> tuple[str, object]:
        """XlsxWriter's <row> start tag for a row of ``height`` points (None: default) after its ``r="…"``, and
        the row properties it was made from."""
        info = None
        if height is not None:                             # XlsxWriter's own row properties for this height
            self.set_row(number, height)
            info = self.row_info.pop(number)
            self.row_sizes.pop(number, None)
        held, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(number, None, info)
            tag = self.fh.getvalue()
        finally:
            self.fh = held
        prefix = f'<row r="{number + 1}"'
        if not tag.startswith(prefix):                     # pragma: no cover - another XlsxWriter
            raise RuntimeError(f"unexpected row XML from XlsxWriter: {tag[:40]!r}")
        return tag[len(prefix):], info
