"""LibreOffice Calc: the extension built by ``xladdin calc build``, installed with ``unopkg add`` in a throw-away
profile, computes the functions in real Calc cells, and every value equals ``xladdin.assess``.

The workbook is the sample applicant list written to .xlsx (numbers as numbers, dates and yes/no as the text
clerks type); the formulas are typed into it through LibreOffice's API as a clerk types them (``=BURSARY(…)``,
array formulas for the spilling functions), recalculated by Calc, and read back (``calc_session.py``, run by
LibreOffice's own Python). unopkg refuses a user profile to root: as root the install runs as ``nobody``.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest

import xladdin
from xladdin.bursary.loans import loan_plan
from tests.lite.lite_session import cell_value
from xladdin.calc.extension import unopkg_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "workbooks" / "sample-applicants.csv"
LO_PYTHON = "/usr/bin/python3"
N = 300

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(unopkg_path() is None or not Path(LO_PYTHON).exists(),
                                 reason="LibreOffice (unopkg, python3-uno) not installed: make test installs it")]


def column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


@pytest.fixture(scope="module")
def calc():
    work = Path(tempfile.mkdtemp(prefix="xladdin-calc-"))   # under /tmp: pytest's own is closed to nobody
    os.chmod(work, 0o755)
    try:
        yield _calculate(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _calculate(work: Path) -> dict:
    oxt = work / "xladdin.oxt"
    subprocess.run([str(Path(sys.executable).with_name("xladdin")), "calc", "build", "--out", str(oxt)],
                   check=True, capture_output=True)
    profile = work / "profile"
    profile.mkdir()
    cmd = [unopkg_path(), "add", "--suppress-license", str(oxt), f"-env:UserInstallation={profile.as_uri()}"]
    if os.geteuid() == 0:                      # unopkg: "Cannot run unopkg as root without --shared"
        shutil.chown(profile, "nobody")
        os.chmod(oxt, 0o644)
        cmd = ["runuser", "-u", "nobody", "--", "env", f"HOME={profile}"] + cmd
    # cwd: unopkg's script changes back to the directory it was started in, which nobody may not enter (a clone
    # made with mktemp -d is 0700)
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, cwd=work)

    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, data = rows[0], rows[1:N + 1]
    bad = [("pas une date" if h == "birth_date" else v) for h, v in zip(header, data[0])]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(header)
    for row in data + [bad]:
        sheet.append([cell_value(v) for v in row])
    workbook = work / "applicants.xlsx"
    book.save(workbook)

    last = column(len(header))
    width = len(xladdin.assess(str(SAMPLE)).columns)
    plan_rows = loan_plan(12000.0, 2027)
    cells, arrays = {}, {}
    for i in range(N + 1):
        r = i + 2
        applicant = f"$Data.A{r}:{last}{r}"
        headers = f"$Data.$A$1:${last}$1"
        cells[f"F.A{r}"] = f'=BURSARY({applicant};"GE-2025";{headers})'
        arrays[f"F.B{r}:C{r}"] = f"=ELIGIBILITY({applicant};;{headers})"
        if i < 20:
            arrays[f"R.A{r}:{column(width)}{r}"] = f"=BURSARY_ROW({applicant};;{headers})"
    cells["F.E2"] = f"=ENTITLEMENT_SEMESTERS($Data.A1:{last}2)"
    cells["F.E3"] = "=ENTITLEMENT_SEMESTERS(6;1)"
    cells["F.E4"] = "=WEIGHTED_AVERAGE({12;15;\"abs\"};{5;10;3})"
    cells["F.E5"] = "=CREDITS_ACQUIRED({12;8;\"abs\"};{5;10;3})"
    arrays[f"L.A1:C{len(plan_rows) + 1}"] = "=LOAN_PLAN(12000;2027)"
    arrays[f"T.A1:{column(width)}{N + 1}"] = f'=BURSARY_TABLE($Data.A1:{last}{N + 1};"GE-2025";"key")'
    plan = work / "plan.json"
    plan.write_text(json.dumps({"sheets": ["F", "R", "L", "T"], "cells": cells, "arrays": arrays}))
    run = subprocess.run([LO_PYTHON, str(HERE / "calc_session.py"), str(profile), str(workbook),
                          str(work / "calculated.ods"), str(plan)], capture_output=True, text=True, timeout=900,
                         cwd=work)
    assert run.returncode == 0, run.stderr[-3000:]
    answers = json.loads(run.stdout)
    answers["ods"] = str(work / "calculated.ods")
    return answers


@pytest.fixture(scope="module")
def expected():
    return xladdin.assess(str(SAMPLE), rules="GE-2025")


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


def assert_cells_equal(cells, row):
    for key, cell in zip(row.index, cells, strict=True):
        want = row[key]
        if want is None or (isinstance(want, float) and math.isnan(want)):
            assert cell == "", (row["applicant_id"], key, cell)
        elif isinstance(want, (bool, int, float)) or hasattr(want, "dtype"):
            assert cell == pytest.approx(float(want)), (row["applicant_id"], key, cell)
        else:
            assert str(cell).lstrip("'") == str(want), (row["applicant_id"], key, cell)


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
