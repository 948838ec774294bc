"""The faces: ``xladdin whatif`` and ``xladdin goalseek`` run in-process; the input file is never written."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile

from openpyxl import load_workbook
from typer.testing import CliRunner

from xladdin.cli import app

runner = CliRunner()
HEAD = ["total_bursary", "total_loan", "recipients", "mean_aid", "median_aid", "new_recipients", "lost_recipients",
        "winners", "losers"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_whatif_csv(hand_csv, tmp_path):
    """French CSV as a Swiss Excel opens it: ';', BOM, labels (parameters with their description), whole francs."""
    before = digest(hand_csv)
    out = tmp_path / "scenarios.csv"
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary=15000:17000:1000",
                              "--vary", "budget.meals=3200,0", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert digest(hand_csv) == before
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:4] == ["Plafond tertiaire (amounts.cap.tertiary)", "Frais de repas (budget.meals)",
                           "Total des bourses", "Total des prêts"]
    assert len(rows) == 1 + 3 * 2
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    # cap 16 000, meals 3 200: A1, A2 at 16 000 + B 10 000 + C 12 550 = 54 550 bursaries
    assert body[1]["Plafond tertiaire (amounts.cap.tertiary)"] == "16000" and body[1]["Total des bourses"] == "54550"
    assert body[0]["Normes du concordat"].startswith("concordat art. 15 al. 1 b")
    assert "sous norme" in res.output


def test_whatif_csv_for_machines(hand_csv, tmp_path):
    """--keys --csv-dialect comma: the schema's keys and ',' as before."""
    out = tmp_path / "scenarios.csv"
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary=15000:17000:1000",
                              "--vary", "budget.meals=3200,0", "--out", str(out), "--keys", "--csv-dialect", "comma"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][:11] == ["amounts.cap.tertiary", "budget.meals", *HEAD]


def test_whatif_workbook(hand_csv, tmp_path):
    out = tmp_path / "whatif.xlsx"
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary=15000,16740,18000",
                              "--vary", "training.rights.master=L,-", "--out", str(out)])
    assert res.exit_code == 0, res.output
    names = zipfile.ZipFile(out).namelist()
    assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
    wb = load_workbook(out)
    assert wb.sheetnames == ["Scénarios", "Graphiques", "Paramètres", "Détail", "Concordat"]
    params = wb["Paramètres"]
    header = [c.value for c in params[1]]
    assert header[:7] == ["Paramètre", "Valeur", "Unité", "Article", "En vigueur dès", "Varié", "Valeurs testées"]
    first = {header[i]: c.value for i, c in enumerate(params[2])}
    assert first["Paramètre"] == "Plafond tertiaire (amounts.cap.tertiary)" and first["Varié"] == "oui"
    assert first["Article"] == "LBPE art. 22 al. 1 a ; RBPE art. 17 al. 3 a"
    assert first["En vigueur dès"].date().isoformat() == "2023-09-01"
    assert first["Valeurs testées"] == "15000; 16740; 18000"
    sheet = wb["Scénarios"]
    cols = [c.value for c in sheet[1]]
    rows = [{cols[i]: c.value for i, c in enumerate(r)} for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 6
    # "-" (no right) is written as text, never as a formula (io.guard)
    dash = [r for r in rows if r["Droit : master (training.rights.master)"] == "-"]
    assert len(dash) == 3 and all(r["Total des prêts"] == 0 for r in dash)
    assert rows[0]["Normes du concordat"] == "concordat art. 15 al. 1 b"
    assert sheet.cell(row=2, column=cols.index("Total des bourses") + 1).number_format == "[$-100C]#,##0"
    charts = wb["Graphiques"]
    assert charts["A1"].value.startswith("Référence (règles inchangées) : coût total CHF 72'770")


def test_goalseek_json(hand_csv):
    before = digest(hand_csv)
    res = runner.invoke(app, ["goalseek", str(hand_csv), "--param", "amounts.cap.tertiary", "--target", "74'272",
                              "--json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)
    assert (got["value"], got["reached_measure"], got["next_value"]) == (17240, 74270.0, 17241)
    assert digest(hand_csv) == before


def test_goalseek_table_and_unreachable(hand_csv):
    res = runner.invoke(app, ["goalseek", str(hand_csv), "--param", "amounts.cap.tertiary", "--target", "74272"])
    assert res.exit_code == 0 and "17240" in res.output
    res = runner.invoke(app, ["goalseek", str(hand_csv), "--param", "amounts.cap.tertiary", "--target", "1e7"])
    assert res.exit_code == 2 and "hors d'atteinte" in res.output


def test_user_mistakes(hand_csv, tmp_path):
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary", "--out",
                              str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "--vary attend" in res.output
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "amounts.cap.tertiary=1", "--out", str(hand_csv)])
    assert res.exit_code == 2 and "fichier d'entrée" in res.output
    res = runner.invoke(app, ["whatif", str(hand_csv), "--vary", "nope=1", "--out", str(tmp_path / "x.csv")])
    assert res.exit_code == 4 and "paramètre inconnu" in res.output
    res = runner.invoke(app, ["goalseek", str(hand_csv), "--param", "amounts.cap.tertiary", "--target", "beaucoup"])
    assert res.exit_code == 2 and "montant illisible" in res.output
