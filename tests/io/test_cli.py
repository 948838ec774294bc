"""``xladdin import`` and ``xladdin template`` in-process (typer's CliRunner): exit codes, messages, files."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from xladdin.cli import app

from .conftest import HAND_ROWS, sha256, write_csv, write_xlsx

runner = CliRunner()


def test_import_prints_the_reconciliation(tmp_path):
    src = write_xlsx(tmp_path / "liste.xlsx", HAND_ROWS)
    before = sha256(src)
    out = tmp_path / "rapport.xlsx"
    result = runner.invoke(app, ["import", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Lignes lues : 5 = évaluées : 4 + en erreur : 1 [OK]" in result.output
    assert "Rapport écrit dans" in result.output
    assert openpyxl.load_workbook(out).sheetnames == ["Résumé", "Décisions", "Erreurs", "Audit"]
    assert sha256(src) == before


def test_import_refuses_to_overwrite_its_input(tmp_path):
    src = write_xlsx(tmp_path / "liste.xlsx", HAND_ROWS)
    before = sha256(src)
    result = runner.invoke(app, ["import", str(src), "--out", str(src)])
    assert result.exit_code == 2
    assert "ne peut pas être le fichier d'entrée" in result.output
    assert sha256(src) == before


def test_import_of_a_missing_file_is_a_message(tmp_path):
    result = runner.invoke(app, ["import", str(tmp_path / "absent.csv"), "--out", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 3 and "fichier introuvable" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_import_report_must_be_xlsx(tmp_path):
    src = write_csv(tmp_path / "liste.csv", HAND_ROWS)
    result = runner.invoke(app, ["import", str(src), "--out", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_import_in_english(tmp_path):
    src = write_csv(tmp_path / "liste.csv", HAND_ROWS)
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["import", str(src), "--out", str(out), "--lang", "en", "--quiet"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == ["Summary", "Decisions", "Errors", "Audit"]


@pytest.mark.parametrize("kind", ["intake", "applicants", "catalogue", "programme", "whatif"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_template_kinds(tmp_path, kind, lang):
    out = tmp_path / f"{kind}.xlsx"
    result = runner.invoke(app, ["template", kind, "--out", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert "xlwings.conf" in wb.sheetnames
    assert wb["xlwings.conf"]["A1"].value == "UDF Modules" and wb["xlwings.conf"]["B1"].value == "xladdin.excel.udfs"


def test_template_unknown_kind(tmp_path):
    result = runner.invoke(app, ["template", "budget", "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "modèle inconnu « budget »" in result.output


def test_intake_prefilled_from_a_list(tmp_path):
    src = write_csv(tmp_path / "liste.csv", HAND_ROWS)
    out = tmp_path / "dossier.xlsx"
    result = runner.invoke(app, ["template", "intake", "--out", str(out), "--from", str(src), "--id", "A2"])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Dossier"]
    assert ws["C4"].value == "A2"
    missing = runner.invoke(app, ["template", "intake", "--out", str(out), "--from", str(src), "--id", "Z9"])
    assert missing.exit_code == 2 and "Z9" in missing.output
