"""A workbook that already holds xladdin's formulas (written by Excel, openpyxl or xladdin's own lists), opened in
LibreOffice Calc with the extension installed: every function, in every spelling, is the add-in's (its values
equal ``xladdin.assess`` and the UDFs' answers, the bad row shows the ``#XLADDIN!`` message: test_calc.py checks
them for this workbook as for the typed one), and the workbook saved back as .xlsx calls the functions by the
names Excel reads (tests/calc/office.py writes the workbooks and runs Calc)."""

from __future__ import annotations

import openpyxl
import pytest

import xladdin

from .office import N, ROW_COLUMNS, available, column

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not available, reason="LibreOffice not installed")]
ADDIN = "=ORG.XLADDIN.CALC.FUNCTIONS."        # how Calc's API shows a formula that calls the add-in


@pytest.fixture(scope="module")
def book(calc):
    return calc["books"][0]


def test_every_formula_calls_the_add_in(book):
    formulas = [a["formula"] for a in book["cells"].values()]
    formulas += [a["formula"][1:] for a in book["arrays"].values() if a["formula"].startswith("{=")]
    assert len(formulas) == 2 * (N + 1) + ROW_COLUMNS + 6
    assert all(f.startswith(ADDIN) for f in formulas), [f for f in formulas if not f.startswith(ADDIN)][:3]


def test_opening_leaves_the_workbook_unmodified(book):
    assert book["modified"] is False


def test_the_saved_xlsx_calls_the_functions_by_their_excel_names(calc, expected):
    """Mixed spellings are saved as the desktop add-in and openpyxl write them: the bare name."""
    saved = openpyxl.load_workbook(calc["saved"][0])
    f, last = saved["F"], column(len(expected.columns))
    assert f["A2"].value.startswith("=BURSARY(Data!A2:")
    for r in range(2, N + 3):
        assert f[f"A{r}"].value.startswith("=BURSARY("), f[f"A{r}"].value
        assert f[f"B{r}"].value.text.startswith("=ELIGIBILITY("), r
    assert saved["R"]["A2"].value.text.startswith("=BURSARY_ROW(")
    table = saved["T"]["A1"].value
    assert table.text.startswith("=BURSARY_TABLE(") and table.ref == f"A1:{last}{N + 1}"
    assert saved["L"]["A1"].value.text == "=LOAN_PLAN(12000,2027)"
    assert [f[f"E{r}"].value.split("(")[0] for r in range(2, 6)] == [
        "=ENTITLEMENT_SEMESTERS", "=ENTITLEMENT_SEMESTERS", "=WEIGHTED_AVERAGE", "=CREDITS_ACQUIRED"]
    values = openpyxl.load_workbook(calc["saved"][0], data_only=True)["F"]
    assert values["A2"].value == expected.loc[0, "bursary"]          # the computed value is in the file too


def test_an_office_js_workbook_keeps_office_js_names(calc):
    book = calc["books"][1]
    assert book["cells"]["W.A1"]["value"] == 14.0
    full_time = xladdin.assess([{"applicant_id": "—", "regular_semesters": 6, "part_time_ratio": 1}])
    assert book["cells"]["W.A2"]["value"] == float(full_time.loc[0, "entitlement_semesters"])
    assert book["arrays"]["W.C1:E4"]["value"][0] == ["Année", "Annuité", "Solde"]
    saved = openpyxl.load_workbook(calc["saved"][1])["W"]
    assert saved["A1"].value.startswith("=_xldudf_XLADDIN_WEIGHTED_AVERAGE(")
    assert saved["A2"].value == "=_xldudf_XLADDIN_ENTITLEMENT_SEMESTERS(6,1)"
    assert saved["C1"].value.text == "=_xldudf_XLADDIN_LOAN_PLAN(12000,2027)"
