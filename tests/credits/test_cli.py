"""``xladdin credits …`` in-process (typer's CliRunner): exit codes, the files written, inputs untouched."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from typer.testing import CliRunner

from xladdin.cli import app
from xladdin.credits import check_programmes
from xladdin.credits.samples import applicants_sample, students_sample

from .conftest import frame, student

runner = CliRunner()
FINDING_COLUMNS = ["code", "severity", "subject", "message_fr", "message_en", "source"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def students_csv(tmp_path):
    path = tmp_path / "students.csv"
    students_sample().to_csv(path, index=False)
    return path


@pytest.fixture
def applicants_csv(tmp_path):
    path = tmp_path / "applicants.csv"
    applicants_sample().to_csv(path, index=False)
    return path


def read_csv(path, **kw) -> pd.DataFrame:
    """A CSV as xladdin writes it for people: ';' and a BOM."""
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    return pd.read_csv(path, dtype=str, keep_default_na=False, sep=";", encoding="utf-8-sig", **kw)


def test_check_csv(tmp_path, students_csv):
    before = digest(students_csv)
    out = tmp_path / "out" / "findings.csv"
    result = runner.invoke(app, ["credits", "check", "APHM2M", str(students_csv), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "PAE-SUPPLEMENTS-RANGE" in result.output and "Constatations écrites" in result.output
    back = read_csv(out)
    assert back.columns.tolist() == ["Matricule", "Code", "Gravité", "Objet", "Message", "Source"]
    assert set(back["Gravité"]) <= {"erreur", "avertissement", "information"}
    # every student id of the input is in the output
    ids = set(pd.read_csv(students_csv, dtype=str, keep_default_na=False)["student_id"])
    assert set(back["Matricule"]) == ids
    assert digest(students_csv) == before


def test_check_csv_for_machines(tmp_path, students_csv):
    out = tmp_path / "findings.csv"
    result = runner.invoke(app, ["credits", "check", "APHM2M", str(students_csv), "--out", str(out), "--keys",
                                 "--csv-dialect", "comma"])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert back.columns.tolist() == ["student_id"] + FINDING_COLUMNS
    assert set(back["severity"]) <= {"error", "warning", "info"}


def test_check_xlsx_in_and_out(tmp_path):
    src = tmp_path / "students.xlsx"
    frame(student(1001, bloc=2, enrolled=["MSPHD2136"], grades={"MSPHD2136": 12.5})).to_excel(src, index=False)
    before = digest(src)
    out = tmp_path / "findings.xlsx"
    result = runner.invoke(app, ["credits", "check", "APHM2M", str(src), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    back = pd.read_excel(out, engine="calamine", dtype=str)
    assert set(back["Student number"]) == {"1001"}          # a number typed in Excel is read back as the id 1001
    assert "Message" in back and not back["Message"].str.contains("Ligne").any()
    assert digest(src) == before


def test_transcript(tmp_path, students_csv):
    out = tmp_path / "transcript.xlsx"
    result = runner.invoke(app, ["credits", "transcript", "APHM2M", str(students_csv), "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = pd.read_excel(out, engine="calamine")
    assert back["Matricule"].fillna("").astype(str).is_unique
    assert {"Crédits acquis", "Moyenne pondérée", "Crédits restants", "Crédits acquis : FINALITE-MPPP"} <= set(back)
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    head = [c.value for c in ws[1]]
    average = ws.cell(row=2, column=head.index("Moyenne pondérée") + 1)
    assert average.number_format == "0.00" and average.value == round(average.value, 2)


def test_admission(tmp_path, applicants_csv):
    before = digest(applicants_csv)
    out = tmp_path / "admission.csv"
    result = runner.invoke(app, ["credits", "admission", "APHM2M", str(applicants_csv), "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = read_csv(out)
    assert back.columns.tolist() == ["N° de candidat", "Code", "Gravité", "Objet", "Message", "Source"]
    assert "ADM-NON-EU-AVERAGE" in set(back["Code"]) and digest(applicants_csv) == before


@pytest.mark.parametrize("lang", ["fr", "en", "de"])
def test_lint_and_export(tmp_path, lang):
    result = runner.invoke(app, ["credits", "lint", "APHM2M"])
    assert result.exit_code == 0 and "CAT-CREDITS-MISMATCH" in result.output and "MSPHD1332" in result.output
    sheet = tmp_path / "aphm2m.xlsx"
    assert runner.invoke(app, ["credits", "export", "APHM2M", "--out", str(sheet), "--lang", lang]).exit_code == 0
    # the exported sheet, in any language, is a catalogue the other commands accept
    result = runner.invoke(app, ["credits", "lint", str(sheet)])
    assert result.exit_code == 0 and "CAT-CREDITS-MISMATCH" in result.output
    from xladdin.credits import load_catalogue, read_catalogue_sheet

    assert read_catalogue_sheet(sheet).to_dict() == load_catalogue("APHM2M").to_dict()


def test_catalogue_sheet_gives_the_same_findings(tmp_path, students_csv):
    sheet = tmp_path / "aphm2m.csv"
    runner.invoke(app, ["credits", "export", "APHM2M", "--out", str(sheet)])
    out = tmp_path / "f.csv"
    assert runner.invoke(app, ["credits", "check", str(sheet), str(students_csv), "--out", str(out)]).exit_code == 0
    expected = check_programmes("APHM2M", students_csv)
    back = read_csv(out)
    assert back["Code"].tolist() == expected["code"].tolist()


def test_refuses_to_overwrite_its_input(students_csv):
    before = digest(students_csv)
    result = runner.invoke(app, ["credits", "check", "APHM2M", str(students_csv), "--out", str(students_csv)])
    assert result.exit_code == 2 and "ne peut pas être le fichier d'entrée" in result.output
    assert digest(students_csv) == before


@pytest.mark.parametrize("args, message", [
    (["credits", "check", "NOPE", "{students}"], "catalogue inconnu « NOPE »"),
    (["credits", "check", "APHM2M", "{missing}"], "fichier introuvable"),
    (["credits", "check", "APHM2M", "{students}", "--out", "{tmp}/x.txt"], "format de sortie non pris en charge"),
    (["credits", "admission", "APHM2M", "{students}"], "colonnes manquantes"),
    (["credits", "lint", "{bad_yaml}"], "catalogue"),
])
def test_user_mistakes_are_messages_not_tracebacks(tmp_path, students_csv, args, message):
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("programme: [unclosed", encoding="utf-8")
    values = {"students": students_csv, "missing": tmp_path / "none.csv", "tmp": tmp_path, "bad_yaml": bad_yaml}
    result = runner.invoke(app, [a.format(**values) for a in args])
    assert result.exit_code in (2, 3), result.output
    assert message in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
