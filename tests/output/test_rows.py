"""RowSheet (xladdin.io.output.rows): rows written column by column make the same sheet, byte for byte, as
XlsxWriter's own per-cell calls; its refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin.io.guard import XLSXWRITER_OPTIONS, XlsxTextWriter, is_dangerous
from xladdin.io.output.rows import RowSheet

TRICKY = ["plain", " leading", "trailing ", "a & b < c > d \"q\" 'a'", "bell\x07", "_x0041_ literal", "line\nnext",
          "\ttab", "=SUM(A1)", "+41 22", "-5", "@cmd", "\uff1dlook-alike", "\u200b=hidden", "émoji 😀", "x" * 40000,
          "😀" * 20000, "", "\ufffe", "Très long nom " * 12, "ÉÀÜ ß"]
NUMBERS = [0, 1, -1965, 2 ** 53 + 1, 1.5, -0.25, 1e20, 123456789.123, 3]


def _books(tmp_path: Path, columns: list[list], heights: list, blocks: int = 1) -> tuple[bytes, bytes]:
    """The decisions-like sheet written per cell (XlsxWriter's calls) and by RowSheet; their sheet XML."""
    out = []
    for way in ("cells", "rows"):
        path = tmp_path / f"{way}.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(tmp_path), **XLSXWRITER_OPTIONS})
        ws = wb.add_worksheet("S", worksheet_class=RowSheet if way == "rows" else None)
        text = wb.add_format({"valign": "top"})
        number = wb.add_format({"num_format": "#,##0", "valign": "top"})
        quoted = XlsxTextWriter(wb).quoted(text)
        ws.set_row(0, 30)
        for j, fmt in enumerate((text, number, quoted)):            # formats numbered in the same order
            ws.write_string(0, j, f"head {j}", fmt)
        n = len(columns[0])
        formats = [number if all(v is None or type(v) is not str for v in c) else text for c in columns]
        if way == "cells":
            for i in range(n):
                if heights[i] is not None:
                    ws.set_row(i + 1, heights[i])
                for j, column in enumerate(columns):
                    v = column[i]
                    if v is None:
                        continue
                    if type(v) is str:
                        ws.write_string(i + 1, j, v, quoted if is_dangerous(v) else formats[j])
                    else:
                        ws.write_number(i + 1, j, v, formats[j])
        else:
            step = max(1, -(-n // blocks))
            for start in range(0, n, step):
                stop = min(n, start + step)
                ws.write_columns(1 + start, [(j, c[start:stop], formats[j], quoted, is_dangerous)
                                             for j, c in enumerate(columns)], heights[start:stop])
        wb.close()
        with zipfile.ZipFile(path) as z:
            out.append((z.read("xl/worksheets/sheet1.xml"), z.read("xl/styles.xml")))
    return out[0], out[1]


def test_the_same_sheet_as_cell_by_cell(tmp_path):
    texts = TRICKY * 3
    n = len(texts)
    columns = [list(range(2, n + 2)), texts, [NUMBERS[i % len(NUMBERS)] if i % 4 else None for i in range(n)],
               [None] * n, [t if i % 2 else None for i, t in enumerate(reversed(texts))]]
    heights = [None if i % 3 else 15 * (1 + i % 4) for i in range(n)]
    by_cells, by_rows = _books(tmp_path, columns, heights, blocks=4)
    assert by_rows == by_cells


def test_rows_of_no_cell_keep_their_height(tmp_path):
    """A row of no cell but a height is written with its height (per cell, constant_memory XlsxWriter loses a
    row that only has attributes between two rows of cells); the rest is the same."""
    columns = [[None, 1, None], [None, "a", None]]
    by_cells, by_rows = _books(tmp_path, columns, [30, None, None])
    assert by_rows[0].replace(b'<row r="2" ht="30" customHeight="1"/>', b"") == by_cells[0]
    assert by_rows[1] == by_cells[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.one_of(st.none(), st.text(max_size=12)),
                          st.one_of(st.none(), st.integers(-10 ** 12, 10 ** 12),
                                    st.floats(allow_nan=False, allow_infinity=False)),
                          st.sampled_from([None, 30, 45])), min_size=1, max_size=30),
       st.integers(1, 4))
def test_any_values_the_same_sheet(tmp_path, rows, blocks):
    texts = [r[0] for r in rows]
    numbers = [r[1] for r in rows]
    heights = [r[2] if r[0] is not None or r[1] is not None else None for r in rows]   # (see the test above)
    by_cells, by_rows = _books(tmp_path, [texts, numbers], heights, blocks=blocks)
    assert by_rows == by_cells


def test_a_rich_string_lookalike_is_text(tmp_path):
    """XlsxWriter writes a text « <r>…</r> » into the XML as it is (rich text markup); applicants' text is
    escaped, so the cell reads back as typed."""
    import openpyxl

    path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(tmp_path)})
    ws = wb.add_worksheet("S", worksheet_class=RowSheet)
    ws.write_columns(0, [(0, ["<r>x</r>", "a"], None, None, None)])
    wb.close()
    assert [c.value for c in openpyxl.load_workbook(path).active["A"]] == ["<r>x</r>", "a"]


def test_refusals(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"), {"constant_memory": True, "tmpdir": str(tmp_path)})
    ws = wb.add_worksheet("S", worksheet_class=RowSheet)
    ws.write_columns(1, [(0, [1, 2, 3], None, None, None)])
    with pytest.raises(ValueError):                       # rows are written out in order
        ws.write_columns(2, [(0, [4], None, None, None)])
    with pytest.raises(TypeError):
        ws.write_columns(10, [(0, [float("nan")], None, None, None)])
    with pytest.raises(TypeError):
        ws.write_columns(11, [(0, [object()], None, None, None)])
    wb.close()
    memory = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    with pytest.raises(ValueError):
        memory.add_worksheet("S", worksheet_class=RowSheet).write_columns(0, [(0, [1], None, None, None)])
    memory.close()
