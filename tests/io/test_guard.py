"""Spreadsheet formula injection: applicants' text that starts with = + - @ tab CR (or a Unicode look-alike of one)
stays text in every writer; catalogue codes cannot hide a look-alike letter."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

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
    # openpyxl writes a raw CR, which XML parsing reads as LF (XlsxWriter escapes it as _x000D_): still text.
    expected = [t.replace("\r", "\n") for t in PAYLOADS]
    assert [back.cell(row=i, column=1).value for i in range(1, len(PAYLOADS) + 1)] == expected
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


# --- Unicode look-alikes (issue 16 §7) ------------------------------------------------------------------------

LOOKALIKES = ["＝1+1", "﹦1+1", "＋1+1", "﹢1", "－1+1", "﹣1", "＠SUM(1,1)", "﹫SUM(1,1)", "\u200b=1+1", "\ufeff=1+1",
              "\u2060+1+1", "\u00ad-1+1", "\u200b\ufeff@SUM(1,1)", "\u200b\t=1+1", '\u200b=HYPERLINK("http://x","y")']
LOOKALIKE_HARMLESS = ["Ärger", "é=1", "\u200b", "\u200bRochat", "−5", "Ｒochat", "日本"]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_are_dangerous(text):
    assert guard.is_dangerous(text)
    assert guard.csv_safe(text) == "'" + text and guard.unguard("'" + text) == text


@pytest.mark.parametrize("text", LOOKALIKE_HARMLESS)
def test_other_unicode_text_is_left_alone(text):
    assert not guard.is_dangerous(text) and guard.csv_safe(text) == text


def test_lookalikes_through_the_real_commands(tmp_path):
    """``xladdin assess`` (CSV and .xlsx) and ``xladdin import`` (report): a look-alike file number comes out
    apostrophed in CSV and quote-prefixed text in the workbooks, never a formula."""
    from typer.testing import CliRunner

    from xladdin.cli import app

    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants.csv"
    lines = sample.read_text(encoding="utf-8-sig").splitlines()
    ids = LOOKALIKES[:len(lines) - 1]
    rows = [lines[0]] + [i.replace(";", ",") + ";" + line.split(";", 1)[1] for i, line in zip(ids, lines[1:])]
    src = tmp_path / "dossiers.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["assess", str(src), "--out", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "r.csv", encoding="utf-8") as fh:
        got = [r[0] for r in csv.reader(fh)][1:len(ids) + 1]
    assert got == ["'" + i.replace(";", ",") for i in ids]
    for out in ("r.xlsx",):
        result = runner.invoke(app, ["assess", str(src), "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
        assert "<f>" not in _sheet_xml(tmp_path / out)
        ws = openpyxl.load_workbook(tmp_path / out).active
        cells = [ws.cell(row=r, column=1) for r in range(2, len(ids) + 2)]
        assert [c.value for c in cells] == ids and all(c.quotePrefix for c in cells)
    result = runner.invoke(app, ["import", str(src), "--out", str(tmp_path / "rapport.xlsx")])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(tmp_path / "rapport.xlsx")
    found = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in ids]
    assert found and all(c.quotePrefix and c.data_type == "s" for c in found)


def _catalogue_with_code(tmp_path, code: str) -> Path:
    from xladdin.credits.catalogue import CATALOGUE_DIR

    text = (CATALOGUE_DIR / "APHM2M-2024-2025.yaml").read_text(encoding="utf-8")
    first = re.search(r"code: (\w+\d+)\s*$", text, re.M)
    path = tmp_path / "catalogue.yaml"
    path.write_text(text[:first.start(1)] + code + text[first.end(1):], encoding="utf-8")
    return path, first.group(1)


def test_a_course_code_mixing_scripts_is_refused(tmp_path):
    """``credits lint`` on a catalogue whose first course code has a Cyrillic А in place of a Latin A."""
    from typer.testing import CliRunner

    from xladdin.cli import app

    path, code = _catalogue_with_code(tmp_path, "")
    spoofed = code.replace("A", "\u0410", 1) if "A" in code else code[:1] + "\u0410" + code[1:]
    path, _ = _catalogue_with_code(tmp_path, spoofed)
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["credits", "lint", str(path)])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert "mêlant des écritures (LATIN, CYRILLIC)" in text and "U+0410 CYRILLIC CAPITAL LETTER A" in text


def test_a_fullwidth_course_code_is_the_same_course(tmp_path):
    from xladdin.credits.catalogue import load_catalogue

    path, code = _catalogue_with_code(tmp_path, "")
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in code)          # ＬＡＮＧ… fullwidth
    path, _ = _catalogue_with_code(tmp_path, wide)
    original = load_catalogue("APHM2M")
    assert load_catalogue(str(path)).course_table["course_code"].tolist() == \
        original.course_table["course_code"].tolist()
