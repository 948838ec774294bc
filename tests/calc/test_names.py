"""The names of the functions in Excel files (xladdin.calc.names): every spelling Excel and openpyxl write is read
as Calc's name, text literals are left alone, and a saved .xlsx gets Excel's names back."""

from __future__ import annotations

import os
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xladdin.calc import names
from xladdin.calc.functions import catalogue

DISPLAYS = [f["display"] for f in catalogue()]
METHODS = {f["method"]: f["display"] for f in catalogue()}


@pytest.mark.parametrize("spelling, style", [
    ("BURSARY_TABLE", names.PLAIN), ("bursary_table", names.PLAIN), ("Bursary_Table", names.PLAIN),
    ("_xludf.BURSARY_TABLE", names.PLAIN), ("_xll.BURSARY_TABLE", names.PLAIN),
    ("XLADDIN.BURSARY_TABLE", names.OFFICE_JS), ("_xldudf_XLADDIN_BURSARY_TABLE", names.OFFICE_JS),
    ("_xldudf_xladdin_bursary_table", names.OFFICE_JS),
])
def test_every_file_spelling_is_read_as_calc_name(spelling, style):
    assert names.to_calc(f"={spelling}(Data.A1:BH301;\"GE-2025\")", DISPLAYS) == \
        ('=BURSARY_TABLE(Data.A1:BH301;"GE-2025")', style)


def test_names_in_text_other_functions_and_calc_names_are_left_alone():
    for formula in ('=IF(A1;"BURSARY(A1)";0)', "=SUM(A1:A3)", "=ORG.XLADDIN.CALC.FUNCTIONS.BURSARY(A1)",
                    "=MY_BURSARY(A1)", "=BURSARY", "=Sheet.BURSARY(A1)"):
        assert names.to_calc(formula, DISPLAYS) == (None, None), formula


def test_nested_calls_and_the_longest_name_win():
    got, style = names.to_calc('=INDEX(bursary_row(A2:BH2;;A$1:BH$1);1;3)+BURSARY(A2:BH2)', DISPLAYS)
    assert got == "=INDEX(BURSARY_ROW(A2:BH2;;A$1:BH$1);1;3)+BURSARY(A2:BH2)" and style == names.PLAIN


def test_a_workbook_mixing_spellings_counts_as_office_js_per_formula():
    _, style = names.to_calc("=BURSARY(A2)+_xldudf_XLADDIN_BURSARY(A3)", DISPLAYS)
    assert style == names.OFFICE_JS


@given(st.text(alphabet='ABCDEFGHIJ;:()"$.+ 0123456789', max_size=40))
def test_formulas_without_the_names_are_never_changed(formula):
    assert names.to_calc("=" + formula, DISPLAYS) == (None, None)


def test_saved_xml_gets_excel_names():
    xml = ('<f>ORG.XLADDIN.CALC.FUNCTIONS.BURSARYTABLE(Data!A1:BH301,&quot;GE-2025&quot;)+'
           'org.xladdin.calc.functions.weightedAverage({1,2},{3,4})</f><f>ORG.XLADDIN.CALC.FUNCTIONS.OTHER(1)</f>')
    assert names.excel_names(xml, METHODS) == ('<f>BURSARY_TABLE(Data!A1:BH301,&quot;GE-2025&quot;)+'
                                               'WEIGHTED_AVERAGE({1,2},{3,4})</f>'
                                               '<f>ORG.XLADDIN.CALC.FUNCTIONS.OTHER(1)</f>')
    assert names.excel_names(xml, METHODS, names.OFFICE_JS).startswith("<f>_xldudf_XLADDIN_BURSARY_TABLE(")


def _book(path, formula):
    book = openpyxl.Workbook()
    book.active["A1"] = formula
    book.active["B1"] = "ORG.XLADDIN.CALC.FUNCTIONS.BURSARY( as text"
    book.save(path)


def test_rewrite_xlsx_gives_the_file_excel_names(tmp_path):
    path = tmp_path / "liste.xlsx"
    _book(path, "=ORG.XLADDIN.CALC.FUNCTIONS.ELIGIBILITY(A2:BH2,,A1:BH1)")
    os.chmod(path, 0o640)
    assert names.rewrite_xlsx(str(path), METHODS) is True
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "=ELIGIBILITY(A2:BH2,,A1:BH1)"
    assert sheet["B1"].value == "ORG.XLADDIN.CALC.FUNCTIONS.BURSARY( as text"     # shared strings: data, not formula
    assert oct(os.stat(path).st_mode & 0o777) == "0o640"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.xlsx"]                  # no temporary file left


def test_rewrite_xlsx_leaves_a_file_without_them_untouched(tmp_path):
    path = tmp_path / "liste.xlsx"
    _book(path, "=SUM(1,2)")
    before = path.read_bytes()
    assert names.rewrite_xlsx(str(path), METHODS) is False
    assert path.read_bytes() == before


def test_rewrite_xlsx_refuses_a_broken_file_and_keeps_it(tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(zipfile.BadZipFile):
        names.rewrite_xlsx(str(path), METHODS)
    assert path.read_bytes() == b"not a zip"


def test_office_js_style_also_prefixes_bare_names_and_keeps_text():
    """A LibreOffice that writes compatibility names saves ``BURSARY``; an Office.js workbook wants its names."""
    xml = ('<c r="A1"><f>IF(A2,BURSARY(Data!A2:BH2),&quot;BURSARY(x)&quot;)+_xldudf_XLADDIN_LOAN_PLAN(1,2)</f>'
           '<v>3</v></c><c r="A2" t="s"><v>0</v></c>')
    assert names.excel_names(xml, METHODS, names.OFFICE_JS) == (
        '<c r="A1"><f>IF(A2,_xldudf_XLADDIN_BURSARY(Data!A2:BH2),&quot;BURSARY(x)&quot;)'
        '+_xldudf_XLADDIN_LOAN_PLAN(1,2)</f><v>3</v></c><c r="A2" t="s"><v>0</v></c>')
    assert names.excel_names(xml, METHODS) == xml              # plain style: nothing to do


def test_rewrite_xlsx_office_js_style(tmp_path):
    path = tmp_path / "liste.xlsx"
    _book(path, "=WEIGHTED_AVERAGE({1,2},{3,4})")
    assert names.rewrite_xlsx(str(path), METHODS, names.OFFICE_JS) is True
    assert openpyxl.load_workbook(path).active["A1"].value == "=_xldudf_XLADDIN_WEIGHTED_AVERAGE({1,2},{3,4})"
    assert names.rewrite_xlsx(str(path), METHODS, names.OFFICE_JS) is False
