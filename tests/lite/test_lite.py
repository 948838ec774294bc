"""xlwings Lite: the functions run from the base install alone, registered with Lite's decorators.

The wheel is built from this checkout, installed with its base dependencies only into a fresh venv, and
``xladdin.excel.lite`` is imported there beside a stand-in ``xlwings`` module that records what is registered
(:mod:`tests.lite.fake_xlwings`). The answers must equal ``xladdin.assess`` and the engine's other entry points.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import xladdin
from xladdin.bursary.loans import loan_plan
from xladdin.credits import credits_acquired, weighted_average

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "workbooks" / "sample-applicants.csv"
OPTIONAL = ("xlwings", "fastapi", "uvicorn", "typer", "rich", "python-calamine", "xlsxwriter", "starlette",
            "click")
NEEDED = ("bursary", "bursary_row", "bursary_table", "eligibility", "entitlement_semesters", "loan_plan",
          "weighted_average", "credits_acquired", "bursary_explain", "bursary_compare", "supplement_range",
          "programme_check", "catalogue_lint", "whatif_table")


@pytest.fixture(scope="module")
def lite(tmp_path_factory):
    """The answers printed by ``lite_session.py`` in a fresh venv with the base install and the stand-in."""
    work = tmp_path_factory.mktemp("lite")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next((work / "dist").glob("xladdin-*.whl"))
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True)
    frozen = subprocess.run([str(python), "-m", "pip", "freeze"], check=True, capture_output=True, text=True).stdout
    stand_in = work / "stand-in" / "xlwings"
    stand_in.mkdir(parents=True)
    shutil.copy(HERE / "fake_xlwings.py", stand_in / "__init__.py")
    shutil.copy(HERE / "lite_session.py", work / "lite_session.py")
    run = subprocess.run([str(python), str(work / "lite_session.py"), str(SAMPLE)], cwd=work, capture_output=True,
                         text=True, env={"PYTHONPATH": str(work / "stand-in"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    answers = json.loads(run.stdout)
    answers["frozen"] = frozen.lower()
    return answers


@pytest.fixture(scope="module")
def expected():
    return xladdin.assess(str(SAMPLE), rules="GE-2025")


pytestmark = pytest.mark.slow


def test_base_install_has_no_optional_package(lite):
    names = {line.split("==")[0].split(" @ ")[0].strip() for line in lite["frozen"].splitlines()}
    assert {"numpy", "pandas", "openpyxl", "pyyaml", "xladdin"} <= names
    assert not names & set(OPTIONAL)
    assert lite["optional_modules"] == []


def test_every_udf_is_registered_with_its_arguments_and_french_docs(lite):
    from tests.lite.udf_meta import udf_descriptions

    registered = lite["registered"]
    assert set(NEEDED) <= set(registered)
    assert sorted(registered) == lite["exported"]
    for name, (args, docs, help_fr) in udf_descriptions().items():
        assert registered[name]["args"] == args, name
        assert registered[name]["docs"] == docs, name
        assert registered[name]["help"] == help_fr, name
        assert registered[name]["ret"]["convert"] == "raw"


def test_bursary_eligibility_entitlement_equal_assess(lite, expected):
    assert len(lite["bursary"]) == len(expected) == 300
    for i, row in expected.iterrows():
        if row.isna()["eligible"]:
            assert str(lite["bursary"][i]).startswith("#XLADDIN! "), row["applicant_id"]
            assert str(lite["eligibility"][i][0]).startswith("#XLADDIN! ")
            continue
        assert lite["bursary"][i] == int(row["bursary"]), row["applicant_id"]
        assert lite["eligibility"][i] == [bool(row["eligible"]), str(row["reasons"])]
        semesters = row["entitlement_semesters"]
        assert lite["entitlement"][i] == ("" if semesters != semesters else int(semesters))
    assert lite["bursary_headers"] == lite["bursary"][:5]


def test_bursary_table_and_row_equal_assess(lite, expected):
    header, *rows = lite["table"]
    assert header == list(expected.columns)
    assert len(rows) == len(expected)
    for got, (_, want) in zip(rows, expected.iterrows()):
        assert_cells_equal(got, want)
    for got, (_, want) in zip(lite["bursary_row"], expected.head(20).iterrows()):
        assert_cells_equal(got, want)


def assert_cells_equal(cells, row):
    for key, cell in zip(row.index, cells):
        want = row[key]
        if want is None or (isinstance(want, float) and math.isnan(want)):
            assert cell == "", (row["applicant_id"], key, cell)
        elif isinstance(want, (bool,)) or type(want).__name__ == "bool_":
            assert cell is bool(want), (row["applicant_id"], key, cell)
        elif isinstance(want, (int, float)) or hasattr(want, "dtype"):
            assert float(cell) == pytest.approx(float(want)), (row["applicant_id"], key, cell)
        else:
            assert str(cell).lstrip("'") == str(want), (row["applicant_id"], key, cell)


def test_loan_plan_and_credits_equal_the_engine(lite):
    plan = loan_plan(12000.0, 2027)
    header, *rows = lite["loan_plan"]
    assert header == ["Année", "Annuité", "Solde"]
    assert rows == plan.values.tolist()
    assert lite["weighted_average"] == [[weighted_average([12.0, 15.0, None], [5.0, 10.0, 3.0])]] == [[14.0]]
    assert lite["credits_acquired"] == [[credits_acquired([12.0, 8.0, "abs"], [5.0, 10.0, 3.0])]] == [[5.0]]


def test_a_bad_cell_shows_the_message(lite):
    assert lite["bad"].startswith("#XLADDIN! ")
    assert "pas une date" in lite["bad"]
