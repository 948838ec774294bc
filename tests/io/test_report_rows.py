"""The decisions sheet written in blocks of rows (RowSheet) is the sheet XlsxWriter's per-cell calls make: the
same cells, formats, quote prefixes and row heights, byte for byte, on a list with errors and risky text."""

from __future__ import annotations

import datetime as dt
import zipfile

from xladdin.bursary.assess import assess_full
from xladdin.io.guard import is_dangerous
from xladdin.io.output.page import text_lines
from xladdin.io.readers import read_applicants
from xladdin.io.report import decisions, prepare, write_report

from .conftest import BASE, write_csv

RISKY = ["=HYPERLINK(\"http://evil\",\"x\")", " espace devant", "fin ", "A & B <c> \"q\"", "_x0041_", "@SUM(A1)",
         "\uff1dsosie", "-2+3", "+41", "Très long nom de famille " * 6, "ÉÀÜ ß", "<r>x</r>"]


def _per_cell(ws, data, how, first, progress=None):
    """The decisions rows as XlsxWriter's own calls write them, cell by cell: the reference."""
    keys, plan, page = how
    columns = [data.columns[k] for k in keys]
    wrapped = decisions._wrapping(page, columns)
    for i, row in enumerate(zip(*columns), start=first):
        lines = max((text_lines(row[j], width) if row[j] else 1 for j, width in wrapped), default=1)
        if lines > 1:
            ws.set_row(i, 15 * lines)
        for (j, numeric, fmt, quoted), v in zip(plan, row):
            if v is None:
                continue
            if numeric:
                ws.write_number(i, j, v, fmt)
            else:
                ws.write_string(i, j, v, quoted if is_dangerous(v) else fmt)


def test_decisions_sheet_is_the_per_cell_sheet(tmp_path, monkeypatch):
    rows = []
    for i in range(7000):                               # two blocks of rows and a part of one
        row = dict(BASE, applicant_id=f"A{i:05d}", last_name=f"Nom{i % 97}", first_name="Léa")
        if i % 500 == 3:
            row["part_time_ratio"] = "1,5"              # a row error
        if i % 600 < len(RISKY):
            row["last_name"] = RISKY[i % 600]
            row["first_name"] = RISKY[-1 - i % 600]
        rows.append(row)
    table = read_applicants(write_csv(tmp_path / "list.csv", rows))
    data = prepare(assess_full(table), table, started=dt.datetime(2026, 1, 5, 9, 30).astimezone())
    assert data.rows_in_error >= 14 and data.n == 7000
    parts = []
    for name, writer in (("rows", decisions.write_rows), ("cells", _per_cell)):
        monkeypatch.setattr(decisions, "write_rows", writer)
        out = tmp_path / f"{name}.xlsx"
        write_report(out, data)
        with zipfile.ZipFile(out) as z:
            parts.append({n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")})
    by_rows, by_cells = parts
    sheet = "xl/worksheets/sheet2.xml"                 # Décisions
    # one difference only: XlsxWriter writes the text « <r>x</r> » as rich-text markup (its cell then shows
    # « x »); the block writer keeps an applicant's text as text
    rich = b'<is><r>x</r></is>'
    assert by_cells[sheet].count(rich) > 0
    assert by_rows[sheet].count(rich) == 0
    assert by_rows[sheet] == by_cells[sheet].replace(rich, b"<is><t>&lt;r&gt;x&lt;/r&gt;</t></is>")
    assert by_rows[sheet].count(b"<row ") == 7001       # rows in = rows out, with the header
    assert b'customHeight="1"' in by_rows[sheet]
    others = ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml")      # Résumé, Erreurs (Audit: the time)
    assert [by_rows[n] for n in others] == [by_cells[n] for n in others]
