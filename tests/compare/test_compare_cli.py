"""``xladdin compare``: real .xlsx in and out, totals only on the console, the input never written."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from xladdin.cli import app
from xladdin.io import formats

from .conftest import DANGEROUS

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _sheet(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_xlsx_two_sheets(hand_xlsx, tmp_path):
    before = digest(hand_xlsx)
    out = tmp_path / "comparaison.xlsx"
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE-2025,GE-2022", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert digest(hand_xlsx) == before
    wb = load_workbook(out)
    assert wb.sheetnames == ["Comparaison", "Résumé", "Erreurs"]     # a row not assessed: its message on Erreurs
    rows = _sheet(wb["Comparaison"])
    assert [r["N° de dossier"] for r in rows] == list("ABCDEFG")
    a = rows[0]
    assert (a["GE-2025 : éligible"], a["GE-2025 : bourse"], a["GE-2022 : bourse"], a["Écart d'aide (max − min)"]) \
        == ("oui", 16740, 16000, 740)
    assert rows[3]["GE-2025 : prêt"] == 16740 and rows[3]["GE-2022 : prêt"] == 16000      # D: master, loan
    f = rows[5]
    assert f["GE-2025 : éligible"] is None and f["GE-2025 : aide totale"] is None
    assert f["GE-2025 : motifs"] == "erreur : voir « Erreurs »"
    errors = _sheet(wb["Erreurs"])
    assert [(e["N° de dossier"], e["Jeu de règles"]) for e in errors] == [("F", "GE-2025"), ("F", "GE-2022")]
    assert errors[0]["Message"].startswith("ligne 7, colonne « Permis de séjour » (permit) : valeur inconnue « X »")
    # formula injection: the text reads back unchanged, stored as text with Excel's quote prefix
    g_cell = wb["Comparaison"].cell(row=8, column=3)
    assert g_cell.value == DANGEROUS and g_cell.data_type == "s" and g_cell.quotePrefix
    assert wb["Comparaison"]["E2"].number_format == formats.MONEY            # CHF columns: the one money format
    summary = {r["Jeu de règles"]: r for r in _sheet(wb["Résumé"])}
    assert (summary["GE-2025"]["Total des bourses (CHF)"], summary["GE-2025"]["Total des prêts (CHF)"]) == \
        (49290, 16740)
    assert summary["GE-2022"]["Aide moyenne par bénéficiaire (CHF)"] == 12800
    assert (summary["GE-2022"]["Dossiers évalués"], summary["GE-2022"]["Dossiers en erreur"]) == (6, 1)
    # console: totals per rule set, never a name or an individual's income
    assert "49'290" in res.output and "48'000" in res.output and "13'206" in res.output
    for private in ("Anne", "Bruno", "37'000", "HYPERLINK"):
        assert private not in res.output


def test_csv_in_english(hand_xlsx, tmp_path):
    out = tmp_path / "comparison.csv"
    res = runner.invoke(app, ["compare", str(hand_xlsx), "-r", "GE-2022,GE-2025", "-o", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Total bursaries (CHF)" in res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                                     # ';' and a BOM, as Excel opens it
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == ["File number", "Last name", "First name", "GE-2022: eligible"]
    assert rows[0][-1] == "Aid difference (max − min)"
    assert len(rows) == 1 + 7
    # GE-2022 named for 2025/26 rows: assessed, with the information code (issue 13)
    assert rows[1][3:8] == ["yes", "16000", "0", "16000", "RULES-OUT-OF-PERIOD"]
    assert rows[6][7].startswith("line 7, column 'Residence permit' (permit): unknown value 'X'")
    assert rows[7][2] == "'" + DANGEROUS                                     # CSV: leading apostrophe


def test_keys_for_machines(hand_xlsx, tmp_path):
    out = tmp_path / "comparison.csv"
    res = runner.invoke(app, ["compare", str(hand_xlsx), "-r", "GE-2022,GE-2025", "-o", str(out), "--keys",
                              "--csv-dialect", "comma"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][:4] == ["applicant_id", "last_name", "first_name", "GE-2022.eligible"]
    assert rows[1][3:8] == ["true", "16000", "0", "16000", "RULES-OUT-OF-PERIOD"]


def test_canton_keys_and_german(hand_xlsx, tmp_path):
    out = tmp_path / "vergleich.xlsx"
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE", "--out", str(out), "--lang", "de"])
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Vergleich", "Zusammenfassung", "Fehler"]
    rows = _sheet(wb["Vergleich"])
    assert rows[0]["GE: angewandte Regeln"] == "GE-2025 v1.0" and rows[0]["GE: Stipendium"] == 16740
    assert rows[5]["GE: Gründe"] == "Fehler: siehe «Fehler»"
    assert _sheet(wb["Fehler"])[0]["Meldung"].startswith("Zeile 7, Spalte «Aufenthaltsbewilligung» (permit)")


def test_as_resident_option(hand_xlsx, tmp_path):
    out = tmp_path / "c.csv"
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE-2025", "--out", str(out), "--as-resident"])
    assert res.exit_code == 0, res.output


def test_user_mistakes_are_messages(hand_xlsx, tmp_path):
    before = digest(hand_xlsx)
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE-2025", "--out", str(hand_xlsx)])
    assert res.exit_code == 2 and "ne peut pas être le fichier d'entrée" in res.output
    assert digest(hand_xlsx) == before
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE-2025,XX-2000", "--out",
                              str(tmp_path / "x.xlsx")])
    assert res.exit_code == 4 and "jeu de règles inconnu « XX-2000 »" in res.output
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", ",", "--out", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and "aucun jeu de règles à comparer" in res.output
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE", "--out", str(tmp_path / "x.xlsx"),
                              "--lang", "it"])
    assert res.exit_code == 2 and "fr, en ou de" in res.output
    res = runner.invoke(app, ["compare", str(hand_xlsx), "--rules", "GE", "--out", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and "format de sortie" in res.output
    res = runner.invoke(app, ["compare", str(tmp_path / "absent.xlsx"), "--rules", "GE", "--out",
                              str(tmp_path / "x.xlsx")])
    assert res.exit_code == 3 and "Traceback" not in res.output
    assert not (tmp_path / "x.xlsx").exists()


def test_real_process_on_the_sample(tmp_path):
    """The installed command, as a clerk runs it: exit 0, the file written, totals printed."""
    out = tmp_path / "sample.xlsx"
    exe = Path(sys.executable).with_name("xladdin")
    done = subprocess.run([str(exe), "compare", "workbooks/sample-applicants.csv", "--rules", "GE-2025,GE-2022",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "1'385'223" in done.stdout and "1'341'375" in done.stdout      # the two totals of bursaries
    assert len(_sheet(load_workbook(out)["Comparaison"])) == 300
