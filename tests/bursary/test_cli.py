"""The command line, in-process (typer's CliRunner): exit codes, messages, files, inputs untouched."""

import json

import pandas as pd
from typer.testing import CliRunner

from xladdin.cli import app

from .conftest import BASE

runner = CliRunner()


def _input(tmp_path, rows):
    path = tmp_path / "in.csv"
    pd.DataFrame(rows).to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def test_assess_csv(tmp_path):
    src = _input(tmp_path, [BASE, dict(BASE, applicant_id="T2", permit="X")])
    before = src.read_bytes()
    out = tmp_path / "out" / "decisions.csv"
    result = runner.invoke(app, ["assess", str(src), "--rules", "GE-2025", "--out", str(out), "--keys",
                                 "--csv-dialect", "comma"])               # the machine form
    assert result.exit_code == 0, result.output
    assert "Dossiers lus" in result.output and "14'405" in result.output
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0] == ("applicant_id,eligible,reasons,independence,parents_share,needs,resources,shortfall,cap,"
                       "bursary,loan,aid,entitlement_semesters,rules")
    assert text[1] == "T1,true,,none,-1965,14405,0,14405,16740,14405,0,14405,8,GE-2025 v1.0"
    assert text[2].startswith("T2,,")
    assert src.read_bytes() == before


def test_assess_xlsx_reads_back(tmp_path):
    src = _input(tmp_path, [BASE])
    out = tmp_path / "d.xlsx"
    assert runner.invoke(app, ["assess", str(src), "--out", str(out)]).exit_code == 0
    back = pd.read_excel(out, engine="calamine")
    assert back.loc[0, "Bourse"] == 14405 and back.loc[0, "Éligible"] == "oui"


def test_assess_refuses_to_overwrite_its_input(tmp_path):
    src = _input(tmp_path, [BASE])
    before = src.read_bytes()
    result = runner.invoke(app, ["assess", str(src), "--out", str(src)])
    assert result.exit_code == 2 and "ne peut pas être le fichier d'entrée" in result.output
    assert src.read_bytes() == before


def test_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["assess", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 3 and "fichier introuvable" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.csv").exists()


def test_rules_show_json():
    result = runner.invoke(app, ["rules", "show", "GE-2025", "--json"])
    data = json.loads(result.output)
    assert data["amounts.cap.tertiary"] == {"value": 16740, "article": "LBPE art. 22 al. 1 a ; RBPE art. 17 al. 3 a",
                                            "valid_from": "2023-09-01", "unit": "CHF/year"}


def test_rules_list_and_show():
    assert "GE-2025" in runner.invoke(app, ["rules", "list"]).output
    assert "budget.housing.cap" in runner.invoke(app, ["rules", "show", "GE-2025"]).output


def test_explain(tmp_path):
    src = _input(tmp_path, [BASE, dict(BASE, applicant_id="T2")])
    result = runner.invoke(app, ["explain", str(src), "--id", "T2", "--json"])
    assert result.exit_code == 0, result.output
    trace = json.loads(result.output)
    assert {"step", "label", "amount", "article"} <= set(trace[0])
    result = runner.invoke(app, ["explain", str(src), "--id", "ZZ"])
    assert result.exit_code == 2 and "introuvable" in result.output
