"""Nothing the spreadsheet functions need imports an extra (command line, server, fast readers, xlwings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import json, sys

BLOCKED = {"typer", "click", "rich", "fastapi", "starlette", "uvicorn", "python_calamine", "xlsxwriter",
           "xlwings"}


class Blocked:
    """An import of an extra fails, as it does where the extras are not installed."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"blocked: {name}")


sys.meta_path.insert(0, Blocked())
from xladdin.excel import udfs
import xladdin

frame = xladdin.assess("workbooks/sample-applicants.csv")
header = list(frame.columns)
table = udfs.bursary_table([["applicant_id", "birth_date"], ["A1", "01.03.2005"]])
print(json.dumps({
    "table_header": table[0][:2],
    "loan": udfs.loan_plan(1000, 2027)[1],
    "average": udfs.weighted_average([[12, 15]], [[5, 10]]),
    "catalogue": udfs.catalogue_lint()[0],
    "rows": len(frame),
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED),
}, default=str))
'''


def test_udf_layer_imports_and_runs_with_the_extras_blocked():
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["loaded"] == []
    assert got["rows"] == 300
    assert got["table_header"] == ["N° de dossier", "Éligible"]
    assert got["loan"] == [2029, 100, 900] and got["average"] == [[14.0]]
    assert got["catalogue"][0] == "Code"
    assert not any("#XLADDIN!" in str(v) for v in (got["table_header"], got["catalogue"], got["loan"]))
    assert "ImportError" not in run.stderr
