"""LibreOffice Calc: the extension built by ``xladdin calc build``, installed with ``unopkg add`` in a throw-away
profile, computes the functions in real Calc cells, and every value equals ``xladdin.assess``.

The workbook is the sample applicant list written to .xlsx (numbers as numbers, dates and yes/no as the text
clerks type); the formulas are typed into it through LibreOffice's API as a clerk types them (``=BURSARY(…)``,
array formulas for the spilling functions), recalculated by Calc, and read back (``calc_session.py``, run by
LibreOffice's own Python; tests/calc/office.py prepares the run).
"""

from __future__ import annotations

import pytest

import xladdin
from xladdin.bursary.loans import loan_plan

from .office import N, assert_cells_equal, available, column

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not available, reason="LibreOffice not installed")]


def test_functions_are_calc_add_in_functions(calc):
    formula = calc["cells"]["F.A2"]["formula"]
    assert formula.startswith("=ORG.XLADDIN.CALC.FUNCTIONS.BURSARY(")     # Calc resolved it to the add-in


def test_bursary_and_eligibility_per_row_equal_assess(calc, expected):
    for i, row in expected.iterrows():
        r = i + 2
        got = calc["cells"][f"F.A{r}"]["value"]
        elig = calc["arrays"][f"F.B{r}:C{r}"]["value"][0]
        if row.isna()["eligible"]:
            assert str(got).startswith("#XLADDIN! ") and str(elig[0]).startswith("#XLADDIN! ")
            continue
        assert got == float(row["bursary"]), row["applicant_id"]
        assert elig == [float(bool(row["eligible"])), str(row["reasons"])], row["applicant_id"]


def test_bursary_table_array_formula_equals_assess(calc, expected):
    header, *rows = calc["arrays"][f"T.A1:{column(len(expected.columns))}{N + 1}"]["value"]
    assert header == list(expected.columns)
    for got, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert_cells_equal(got, want)


def test_bursary_row_equals_assess(calc, expected):
    width = column(len(expected.columns))
    for i, (_, want) in enumerate(expected.head(20).iterrows()):
        assert_cells_equal(calc["arrays"][f"R.A{i + 2}:{width}{i + 2}"]["value"][0], want)


def test_entitlement_loan_plan_and_credits(calc, expected):
    assert calc["cells"]["F.E2"]["value"] == float(expected.loc[0, "entitlement_semesters"])
    full_time = xladdin.assess([{"applicant_id": "—", "regular_semesters": 6, "part_time_ratio": 1}])
    assert calc["cells"]["F.E3"]["value"] == float(full_time.loc[0, "entitlement_semesters"])
    assert calc["cells"]["F.E4"]["value"] == 14.0
    assert calc["cells"]["F.E5"]["value"] == 5.0
    plan = loan_plan(12000.0, 2027)
    header, *rows = next(iter(calc["arrays"][a]["value"] for a in calc["arrays"] if a.startswith("L.")))
    assert header == ["Année", "Annuité", "Solde"]
    assert rows == [[float(v) for v in r] for r in plan.values.tolist()]


def test_a_bad_cell_shows_the_message(calc):
    got = calc["cells"][f"F.A{N + 2}"]["value"]
    assert got.startswith("#XLADDIN! ") and "pas une date" in got


def test_the_saved_workbook_keeps_the_formulas(calc):
    import zipfile

    content = zipfile.ZipFile(calc["ods"]).read("content.xml").decode()
    assert "ORG.XLADDIN.CALC.FUNCTIONS.BURSARYTABLE(" in content.upper()
