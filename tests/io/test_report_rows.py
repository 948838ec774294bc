"""The decisions and errors sheets written in blocks of rows (RowSheet) are the sheets XlsxWriter's per-cell
calls make: the same cells, formats, quote prefixes and row heights, byte for byte, on a list with errors and risky text."""

from __future__ import annotations

import datetime as dt
import zipfile

from xladdin.bursary.assess import assess_full
from xladdin.io.guard import is_dangerous
from xladdin.io.output.page import text_lines
from xladdin.io.readers import read_applicants
from xladdin.io import output
from xladdin.io.report import decisions, errors, prepare, write_report

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


def _errors_per_cell(ws, data, styles, first):
    """The error rows as XlsxWriter's own calls write them, cell by cell: the reference."""
    page = errors._page(data)
    ordered = data.errors.sort_values(["line", "column"], kind="stable")
    columns = [ordered[c].astype(object).tolist() for c in ("line", "applicant_id", "column", "value", "message_fr")]

    def text(i, j, v, fmt=None):
        if v is not None and v == v and v != "":
            styles.writer.write(ws, i, j, str(v), fmt or styles.cell)

    for i, (line, applicant_id, column, value, message) in enumerate(zip(*columns), start=first):
        ws.write_number(i, 0, int(line), styles.int)
        text(i, 1, applicant_id)
        key = str(column) if column is not None else ""
        label = output.header(key, data.lang)
        lines = page.row_lines([None, None, label, None, None if value is None else str(value),
                                None if message is None else str(message)])
        if lines > 1:
            ws.set_row(i, 15 * lines)
        text(i, 2, label, styles.cell_wrap)
        text(i, 3, key)
        text(i, 4, value, styles.cell_wrap)
        text(i, 5, message, styles.cell_wrap)
    return len(ordered)


def test_decisions_sheet_is_the_per_cell_sheet(tmp_path, monkeypatch):
    rows = []
    for i in range(7000):                               # two blocks of rows and a part of one
        row = dict(BASE, applicant_id=f"A{i:05d}", last_name=f"Nom{i % 97}", first_name="Léa")
        if i % 500 == 3:
            row["part_time_ratio"] = "1,5"              # a row error
        if i % 1000 == 7:
            row["part_time_ratio"] = "-0,5"             # a row error whose value looks like a formula
            row["applicant_id"] = f"=A{i}"
        if i % 600 < len(RISKY):
            row["last_name"] = RISKY[i % 600]
            row["first_name"] = RISKY[-1 - i % 600]
        rows.append(row)
    table = read_applicants(write_csv(tmp_path / "list.csv", rows))
    data = prepare(assess_full(table), table, started=dt.datetime(2026, 1, 5, 9, 30).astimezone())
    assert data.rows_in_error >= 21 and data.n == 7000
    parts = []
    for name, writer, errors_writer in (("rows", decisions.write_rows, errors.write_rows),
                                        ("cells", _per_cell, _errors_per_cell)):
        monkeypatch.setattr(decisions, "write_rows", writer)
        monkeypatch.setattr(errors, "write_rows", errors_writer)
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
    errors_sheet = "xl/worksheets/sheet3.xml"
    assert by_rows[errors_sheet].count(b"<row ") == data.rows_in_error + 1
    assert by_rows[errors_sheet] == by_cells[errors_sheet]
    assert b"<t>-0,5</t>" in by_rows[errors_sheet] and b"<t>=A7</t>" in by_rows[errors_sheet]
    assert by_rows["xl/worksheets/sheet1.xml"] == by_cells["xl/worksheets/sheet1.xml"]   # Résumé (Audit: the time)
