"""A workbook that already holds xladdin's formulas (written by Excel, openpyxl or xladdin's own lists), opened in
LibreOffice Calc with the extension installed: every function is the add-in's, every value equals
``xladdin.assess`` or the UDF's answer, a bad cell shows the ``#XLADDIN!`` message, and the workbook saved back as
.xlsx calls the functions by the names Excel reads (tests/calc/office.py writes the workbooks and runs Calc)."""

from __future__ import annotations

import openpyxl
import pytest

import xladdin
from xladdin.bursary.loans import loan_plan

from .office import N, ROW_COLUMNS, SPELLINGS, assert_cells_equal, available, column

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


def test_bursary_in_every_spelling_and_eligibility_equal_assess(book, expected):
    for i, row in expected.iterrows():
        r = i + 2
        got = book["cells"][f"F.A{r}"]["value"]
        elig = book["arrays"][f"F.B{r}:C{r}"]["value"][0]
        if row.isna()["eligible"]:
            assert str(got).startswith("#XLADDIN! ") and str(elig[0]).startswith("#XLADDIN! ")
            continue
        assert got == float(row["bursary"]), (row["applicant_id"], SPELLINGS[i % len(SPELLINGS)])
        assert elig == [float(bool(row["eligible"])), str(row["reasons"])], row["applicant_id"]


def test_bursary_table_and_bursary_row_equal_assess(book, expected):
    header, *rows = book["arrays"][f"T.A1:{column(len(expected.columns))}{N + 1}"]["value"]
    assert header == list(expected.columns)
    for got, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert_cells_equal(got, want)
    width = column(len(expected.columns))
    for i, (_, want) in enumerate(expected.head(ROW_COLUMNS).iterrows()):
        assert_cells_equal(book["arrays"][f"R.A{i + 2}:{width}{i + 2}"]["value"][0], want)


def test_entitlement_loan_plan_and_credits(book, expected):
    assert book["cells"]["F.E2"]["value"] == float(expected.loc[0, "entitlement_semesters"])
    full_time = xladdin.assess([{"applicant_id": "—", "regular_semesters": 6, "part_time_ratio": 1}])
    assert book["cells"]["F.E3"]["value"] == float(full_time.loc[0, "entitlement_semesters"])
    assert book["cells"]["F.E4"]["value"] == 14.0
    assert book["cells"]["F.E5"]["value"] == 5.0
    header, *rows = next(a["value"] for k, a in book["arrays"].items() if k.startswith("L."))
    assert header == ["Année", "Annuité", "Solde"]
    assert rows == [[float(v) for v in r] for r in loan_plan(12000.0, 2027).values.tolist()]


def test_a_bad_cell_shows_the_message(book):
    got = book["cells"][f"F.A{N + 2}"]["value"]
    assert got.startswith("#XLADDIN! ") and "pas une date" in got


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
