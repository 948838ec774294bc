"""One LibreOffice run for the Calc tests: the extension built by ``xladdin calc build`` and installed with
``unopkg add`` in a throw-away profile; the applicant workbook (the sample list as .xlsx, numbers as numbers,
dates and yes/no as the text clerks type, one bad row last) with formulas typed into it through LibreOffice's API;
and workbooks that already hold the formulas, written with openpyxl as Excel writes them, opened, recalculated and
saved back as .xlsx (``calc_session.py``, run by LibreOffice's own Python).

unopkg refuses a user profile to root: as root the install runs as ``nobody``.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import xladdin
from tests.lite.lite_session import cell_value
from xladdin.bursary.loans import loan_plan
from xladdin.calc.extension import unopkg_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "workbooks" / "sample-applicants.csv"
LO_PYTHON = "/usr/bin/python3"
N = 300                       # applicants; the bad one is row N + 2
ROW_COLUMNS = 20              # applicants with a BURSARY_ROW formula

available = unopkg_path() is not None and Path(LO_PYTHON).exists()


def column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def install_extension(work: Path) -> Path:
    """Build the extension and install it into a new profile under ``work``; the profile's path."""
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
    return profile


def applicants() -> tuple[list[str], list[list]]:
    """The sample list's header and its first N rows, then a row whose birth date is no date."""
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, data = rows[0], rows[1:N + 1]
    bad = [("pas une date" if h == "birth_date" else v) for h, v in zip(header, data[0])]
    return header, [[cell_value(v) for v in row] for row in data + [bad]]


def data_sheet(book: openpyxl.Workbook, header, rows):
    sheet = book.active
    sheet.title = "Data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)


def typed_plan(header) -> dict:
    """Formulas a clerk types in Calc (Calc's syntax: ``;`` and ``Sheet.A1``)."""
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
        if i < ROW_COLUMNS:
            arrays[f"R.A{r}:{column(width)}{r}"] = f"=BURSARY_ROW({applicant};;{headers})"
    cells["F.E2"] = f"=ENTITLEMENT_SEMESTERS($Data.A1:{last}2)"
    cells["F.E3"] = "=ENTITLEMENT_SEMESTERS(6;1)"
    cells["F.E4"] = "=WEIGHTED_AVERAGE({12;15;\"abs\"};{5;10;3})"
    cells["F.E5"] = "=CREDITS_ACQUIRED({12;8;\"abs\"};{5;10;3})"
    arrays[f"L.A1:C{len(plan_rows) + 1}"] = "=LOAN_PLAN(12000;2027)"
    arrays[f"T.A1:{column(width)}{N + 1}"] = f'=BURSARY_TABLE($Data.A1:{last}{N + 1};"GE-2025";"key")'
    return {"sheets": ["F", "R", "L", "T"], "cells": cells, "arrays": arrays}


# Excel's spellings of the functions in a file (xladdin.calc.names), used in turn down the per-row formulas
SPELLINGS = ["{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "_xludf.{}", "_xll.{}", "{lower}",
             "_xldudf_XLADDIN_{}", "XLADDIN.{}"]


def excel_book(path: Path, header, rows) -> dict:
    """The applicant workbook with the formulas in its cells as Excel writes them (``,`` and ``Data!A1``), written
    with openpyxl: per-row BURSARY, ELIGIBILITY and BURSARY_ROW (array formulas for the spilling ones),
    BURSARY_TABLE and LOAN_PLAN as array formulas, ENTITLEMENT_SEMESTERS, WEIGHTED_AVERAGE, CREDITS_ACQUIRED.
    Returns what to read back, in Calc's addresses."""
    book = openpyxl.Workbook()
    data_sheet(book, header, rows)
    last = column(len(header))
    width = len(xladdin.assess(str(SAMPLE)).columns)
    plan_rows = len(loan_plan(12000.0, 2027)) + 1
    f, r_sheet, l_sheet, t_sheet = (book.create_sheet(name) for name in ("F", "R", "L", "T"))
    read = {"cells": [], "arrays": []}
    for i in range(N + 1):
        r = i + 2
        applicant, headers = f"Data!A{r}:{last}{r}", f"Data!$A$1:${last}$1"
        name = SPELLINGS[i % len(SPELLINGS)]
        bursary = name.format("BURSARY", lower="bursary")
        f[f"A{r}"] = f'={bursary}({applicant},"GE-2025",{headers})'
        f[f"B{r}"] = ArrayFormula(f"B{r}:C{r}", f"=ELIGIBILITY({applicant},,{headers})")
        read["cells"].append(f"F.A{r}")
        read["arrays"].append(f"F.B{r}:C{r}")
        if i < ROW_COLUMNS:
            r_sheet[f"A{r}"] = ArrayFormula(f"A{r}:{column(width)}{r}", f"=BURSARY_ROW({applicant},,{headers})")
            read["arrays"].append(f"R.A{r}:{column(width)}{r}")
    f["E2"] = f"=ENTITLEMENT_SEMESTERS(Data!A1:{last}2)"
    f["E3"] = "=ENTITLEMENT_SEMESTERS(6,1)"
    f["E4"] = '=WEIGHTED_AVERAGE({12,15,"abs"},{5,10,3})'
    f["E5"] = '=CREDITS_ACQUIRED({12,8,"abs"},{5,10,3})'
    read["cells"] += ["F.E2", "F.E3", "F.E4", "F.E5"]
    l_sheet["A1"] = ArrayFormula(f"A1:C{plan_rows}", "=LOAN_PLAN(12000,2027)")
    t_sheet["A1"] = ArrayFormula(f"A1:{column(width)}{N + 1}", f'=BURSARY_TABLE(Data!A1:{last}{N + 1},"GE-2025","key")')
    read["arrays"] += [f"L.A1:C{plan_rows}", f"T.A1:{column(width)}{N + 1}"]
    book.save(path)
    return read


def office_js_book(path: Path) -> dict:
    """A small workbook whose functions were all written by the Office.js add-in (``_xldudf_XLADDIN_…``, and
    ``XLADDIN.…`` as xladdin's web-face lists write them)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "W"
    sheet["A1"] = '=_xldudf_XLADDIN_WEIGHTED_AVERAGE({12,15,"abs"},{5,10,3})'
    sheet["A2"] = "=XLADDIN.ENTITLEMENT_SEMESTERS(6,1)"
    sheet["C1"] = ArrayFormula("C1:E4", "=_xldudf_XLADDIN_LOAN_PLAN(12000,2027)")
    book.save(path)
    return {"cells": ["W.A1", "W.A2"], "arrays": ["W.C1:E4"]}


def run(work: Path) -> dict:
    """Everything in one LibreOffice run; the answers of ``calc_session.py`` plus the files it wrote."""
    profile = install_extension(work)
    header, rows = applicants()
    book = openpyxl.Workbook()
    data_sheet(book, header, rows)
    workbook = work / "applicants.xlsx"
    book.save(workbook)
    plan = typed_plan(header)
    excel = dict(excel_book(work / "from-excel.xlsx", header, rows), path=str(work / "from-excel.xlsx"),
                 save_as=str(work / "saved" / "from-excel.xlsx"))
    office_js = dict(office_js_book(work / "office-js.xlsx"), path=str(work / "office-js.xlsx"),
                     save_as=str(work / "saved" / "office-js.xlsx"))
    plan["books"] = [excel, office_js]
    (work / "saved").mkdir()
    (work / "plan.json").write_text(json.dumps(plan))
    cmd = [LO_PYTHON, str(HERE / "calc_session.py"), str(profile), str(workbook), str(work / "calculated.ods"),
           str(work / "plan.json")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=work)
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout)
    answers["ods"] = str(work / "calculated.ods")
    answers["saved"] = [excel["save_as"], office_js["save_as"]]
    return answers


def assert_cells_equal(cells, row):
    for key, cell in zip(row.index, cells, strict=True):
        want = row[key]
        if want is None or (isinstance(want, float) and math.isnan(want)):
            assert cell == "", (row["applicant_id"], key, cell)
        elif isinstance(want, (bool, int, float)) or hasattr(want, "dtype"):
            assert cell == pytest.approx(float(want)), (row["applicant_id"], key, cell)
        else:
            assert str(cell).lstrip("'") == str(want), (row["applicant_id"], key, cell)
