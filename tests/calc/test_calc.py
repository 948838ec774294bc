"""LibreOffice Calc: the extension built by ``xladdin calc build``, installed with ``unopkg add`` in a throw-away
profile, computes the functions in real Calc cells, and every value equals ``xladdin.assess``: in formulas typed
into Calc, and in the same formulas of a workbook written as Excel writes them, opened in Calc
(test_excel_files.py says more of that one).

The workbook is the sample applicant list written to .xlsx (numbers as numbers, dates and yes/no as the text
clerks type); the formulas are typed into it through LibreOffice's API as a clerk types them (``=BURSARY(…)``,
array formulas for the spilling functions), recalculated by Calc, and read back (``calc_session.py``, run by
LibreOffice's own Python; tests/calc/office.py prepares the run).
"""

from __future__ import annotations

import pytest

import xladdin
from xladdin.bursary.loans import loan_plan

from .office import N, ROW_COLUMNS, assert_cells_equal, available, column

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not available, reason="LibreOffice not installed")]


@pytest.fixture(params=["typed in Calc", "opened from Excel"])
def workbook(request, calc):
    """The answers of one workbook: the same sheets, cells and arrays (F, R, L, T) in both."""
    return calc if request.param == "typed in Calc" else calc["books"][0]


def test_functions_are_calc_add_in_functions(calc):
    formula = calc["cells"]["F.A2"]["formula"]
    assert formula.startswith("=ORG.XLADDIN.CALC.FUNCTIONS.BURSARY(")     # Calc resolved it to the add-in


def test_bursary_and_eligibility_per_row_equal_assess(workbook, expected):
    for i, row in expected.iterrows():
        r = i + 2
        got = workbook["cells"][f"F.A{r}"]["value"]
        elig = workbook["arrays"][f"F.B{r}:C{r}"]["value"][0]
        if row.isna()["eligible"]:
            assert str(got).startswith("#XLADDIN! ") and str(elig[0]).startswith("#XLADDIN! ")
            continue
        assert got == float(row["bursary"]), row["applicant_id"]
        assert elig == [float(bool(row["eligible"])), str(row["reasons"])], row["applicant_id"]


def test_bursary_table_array_formula_equals_assess(workbook, expected):
    header, *rows = workbook["arrays"][f"T.A1:{column(len(expected.columns))}{N + 1}"]["value"]
    assert header == list(expected.columns)
    for got, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert_cells_equal(got, want)


def test_bursary_row_equals_assess(workbook, expected):
    width = column(len(expected.columns))
    for i, (_, want) in enumerate(expected.head(ROW_COLUMNS).iterrows()):
        assert_cells_equal(workbook["arrays"][f"R.A{i + 2}:{width}{i + 2}"]["value"][0], want)


def test_entitlement_loan_plan_and_credits(workbook, expected):
    assert workbook["cells"]["F.E2"]["value"] == float(expected.loc[0, "entitlement_semesters"])
    full_time = xladdin.assess([{"applicant_id": "—", "regular_semesters": 6, "part_time_ratio": 1}])
    assert workbook["cells"]["F.E3"]["value"] == float(full_time.loc[0, "entitlement_semesters"])
    assert workbook["cells"]["F.E4"]["value"] == 14.0
    assert workbook["cells"]["F.E5"]["value"] == 5.0
    plan = loan_plan(12000.0, 2027)
    header, *rows = next(iter(workbook["arrays"][a]["value"] for a in workbook["arrays"] if a.startswith("L.")))
    assert header == ["Année", "Annuité", "Solde"]
    assert rows == [[float(v) for v in r] for r in plan.values.tolist()]


def test_a_bad_cell_shows_the_message(workbook):
    got = workbook["cells"][f"F.A{N + 2}"]["value"]
    assert got.startswith("#XLADDIN! ") and "pas une date" in got


def test_the_saved_workbook_keeps_the_formulas(calc):
    import zipfile

    content = zipfile.ZipFile(calc["ods"]).read("content.xml").decode()
    assert "ORG.XLADDIN.CALC.FUNCTIONS.BURSARYTABLE(" in content.upper()
