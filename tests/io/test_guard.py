"""Spreadsheet formula injection: applicants' text that starts with = + - @ tab CR stays text in every writer."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from xladdin.io import guard

PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://evil","clic")',
            "=cmd|' /C calc'!A0"]
HARMLESS = ["1+1", "Rochat", "", "a=b", "CHF -5"]


@pytest.mark.parametrize("text", PAYLOADS)
def test_dangerous_text_is_detected(text):
    assert guard.is_dangerous(text)
    assert guard.csv_safe(text) == "'" + text
    assert guard.unguard(guard.csv_safe(text)) == text


@pytest.mark.parametrize("value", HARMLESS + [5, -5.0, None, True])
def test_other_values_are_left_alone(value):
    assert not guard.is_dangerous(value)
    assert guard.csv_safe(value) == value


def _sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_openpyxl_cells_are_text_with_quote_prefix(tmp_path):
    path = tmp_path / "guarded.xlsx"
    wb = openpyxl.Workbook()
    for i, text in enumerate(PAYLOADS, start=1):
        guard.set_cell(wb.active.cell(row=i, column=1), text)
    wb.save(path)
    assert "<f>" not in _sheet_xml(path)                  # no formula element at all
    back = openpyxl.load_workbook(path).active
    # openpyxl writes a raw CR, which XML parsing reads as LF, unless lxml is installed (docxtpl brings it), which
    # keeps the CR (XlsxWriter escapes it as _x000D_): still text either way.
    expected = [t.replace("\r", "\n") for t in PAYLOADS]
    got = [str(back.cell(row=i, column=1).value).replace("\r", "\n") for i in range(1, len(PAYLOADS) + 1)]
    assert got == expected
    assert all(back.cell(row=i, column=1).quotePrefix for i in range(1, len(PAYLOADS) + 1))


def test_xlsxwriter_cells_are_text_with_quote_prefix(tmp_path):
    path = tmp_path / "guarded.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, **guard.XLSXWRITER_OPTIONS})
    ws = wb.add_worksheet()
    writer = guard.XlsxTextWriter(wb)
    for i, text in enumerate(PAYLOADS):
        writer.write(ws, i, 0, text)
    wb.close()
    assert "<f>" not in _sheet_xml(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows] == PAYLOADS
    back = openpyxl.load_workbook(path).active
    assert all(back.cell(row=i, column=1).quotePrefix for i in range(1, len(PAYLOADS) + 1))


def test_libreoffice_shows_the_text_not_a_result(tmp_path, lo):
    """Opened in a real spreadsheet, "=1+1" reads "=1+1", never 2."""
    path = tmp_path / "guarded.xlsx"
    wb = openpyxl.Workbook()
    for i, text in enumerate(["=1+1", "+1+1", "@SUM(1,1)", "-1+1"], start=1):
        guard.set_cell(wb.active.cell(row=i, column=1), text)
    wb.save(path)
    out = lo(path, "xlsx", recalc=0)                      # recalculate everything on load
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows] == ["=1+1", "+1+1", "@SUM(1,1)", "-1+1"]


def test_csv_cells_get_an_apostrophe(tmp_path):
    path = tmp_path / "out.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([[guard.csv_safe(t)] for t in PAYLOADS[:4]])
    with open(path, encoding="utf-8") as fh:
        assert [r[0] for r in csv.reader(fh)] == ["'=1+1", "'+1+1", "'-1+1", "'@SUM(1,1)"]
