"""Which sheet and which header row are read (issue 13 §3), through the real ``assess`` and ``import`` commands:
exit code, rows in = rows out, the sheet named on the console and in the report's Audit sheet."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.table import Table

from .conftest import KEYS, TEN, audit, decisions, fill, refused, run

BALANCE = "Lignes lues : 10 = évaluées : 8 + en erreur : 2 [OK]"


def _hidden_lists_first(path):
    """A dropdown-lists sheet, hidden, before the visible list (as the generated templates have it)."""
    wb = openpyxl.Workbook()
    lists = wb.active
    lists.title = "Listes"
    fill(lists, [{"applicant_id": "Z9", "programme_kind": "bachelor"}], keys=["applicant_id", "programme_kind"])
    lists.sheet_state = "hidden"
    fill(wb.create_sheet("Dossiers"), TEN)
    wb.save(path)
    return path


@pytest.mark.parametrize("command", ["assess", "import"])
def test_hidden_first_sheet_is_not_read(tmp_path, command):
    src = _hidden_lists_first(tmp_path / "liste.xlsx")
    out = tmp_path / "out.xlsx"
    code, text = run(command, src, "--out", out)
    assert code == 0, text
    assert "Feuille lue : « Dossiers »" in text and "Listes (masquée)" in text
    if command == "import":
        assert BALANCE in text
        assert audit(out)["Feuille"] == "Dossiers"
        assert "Listes (masquée)" in audit(out)["Feuilles non lues"]
        assert len(decisions(out)) == 10
    else:
        assert len(openpyxl.load_workbook(out).active["A"]) == 11           # header + one row per applicant


@pytest.mark.parametrize("to", ["ods", "xls"])
def test_hidden_first_sheet_in_other_formats(tmp_path, lo, to):
    """The same workbook saved by LibreOffice as .ods and .xls (read in the capped child process)."""
    src = lo(_hidden_lists_first(tmp_path / "liste.xlsx"), to)
    out = tmp_path / "rapport.xlsx"
    code, text = run("import", src, "--out", out)
    assert code == 0, text
    assert BALANCE in text
    assert audit(out)["Feuille"] == "Dossiers"


def test_two_data_sheets_are_refused_until_one_is_named(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "2025"
    fill(wb.active, TEN)
    fill(wb.create_sheet("2024"), TEN[:3])
    src = tmp_path / "deux.xlsx"
    wb.save(src)
    refused(src, tmp_path, "« 2025 », « 2024 »", "--sheet")
    code, text = run("import", src, "--out", tmp_path / "r.xlsx", "--sheet", "2024")
    assert code == 0, text
    assert "Lignes lues : 3 =" in text and audit(tmp_path / "r.xlsx")["Feuille"] == "2024"
    code, text = run("assess", src, "--out", tmp_path / "r.csv", "--sheet", "2025")
    assert code == 0 and "Feuille lue : « 2025 »" in text


def test_chartsheet_first(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    fill(ws, TEN)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=KEYS.index("regular_semesters") + 1, min_row=1, max_row=11),
                   titles_from_data=True)
    wb.create_chartsheet("Graphique", 0).add_chart(chart)
    src = tmp_path / "graphique.xlsx"
    wb.save(src)
    assert openpyxl.load_workbook(src).sheetnames[0] == "Graphique"
    out = tmp_path / "rapport.xlsx"
    code, text = run("import", src, "--out", out)
    assert code == 0, text
    assert BALANCE in text and "Graphique (graphique)" in text
    assert audit(out)["Feuille"] == "Dossiers"
    code, text = run("assess", src, "--out", tmp_path / "r.csv", "--sheet", "Graphique")
    assert code == 2 and "graphique" in text


def test_title_rows_above_the_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Bourses d'études 2025/26 — liste des dossiers"
    ws["A2"] = "Service des bourses, état au 15.09.2025"
    fill(ws, TEN, first_line=4)
    src = tmp_path / "titre.xlsx"
    wb.save(src)
    out = tmp_path / "rapport.xlsx"
    code, text = run("import", src, "--out", out)
    assert code == 0, text
    assert BALANCE in text and "en-tête ligne 4" in text
    assert audit(out)["Ligne d'en-tête"] == 4
    rows = decisions(out)
    assert [r["Ligne"] for r in rows] == list(range(5, 15))                 # the lines of the clerk's sheet
    assert {r["N° de dossier"]: r["Statut"] for r in rows}["A1"] == "éligible"
    errors = list(openpyxl.load_workbook(out)["Erreurs"].iter_rows(values_only=True))
    assert [r[0] for r in errors[1:] if r[0] is not None] == [8, 13]            # A4, B4
    code, text = run("assess", src, "--out", tmp_path / "r.csv")
    assert code == 0 and "Dossiers lus 10" in text


def test_csv_with_a_title_line(tmp_path):
    src = tmp_path / "titre.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        fh.write("Liste des dossiers, état au 15.09.2025\r\n\r\n")
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(KEYS)
        for row in TEN:
            writer.writerow(["" if row.get(k) is None else row.get(k) for k in KEYS])
    out = tmp_path / "rapport.xlsx"
    code, text = run("import", src, "--out", out)
    assert code == 0, text
    assert BALANCE in text and audit(out)["Ligne d'en-tête"] == 3
    assert decisions(out)[0]["Ligne"] == 4


def _table_with_totals(path, *, table_part: bool, label: str = "Total"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dossiers"
    rows = [dict(r, earnings=r.get("earnings", 0)) for r in TEN]
    last = fill(ws, rows)
    total = last + 1
    ws.cell(row=total, column=1, value=label)
    earnings = KEYS.index("earnings") + 1
    ws.cell(row=total, column=earnings, value=sum(r["earnings"] for r in rows))
    if table_part:
        letter = openpyxl.utils.get_column_letter(len(KEYS))
        table = Table(displayName="Dossiers2025", ref=f"A1:{letter}{total}", totalsRowCount=1)
        table._initialise_columns()
        ws.add_table(table)
    wb.save(path)
    return path, total


@pytest.mark.parametrize("table_part", [True, False], ids=["excel-table", "total-label"])
@pytest.mark.parametrize("command", ["assess", "import"])
def test_totals_row_is_not_an_applicant(tmp_path, table_part, command):
    src, total = _table_with_totals(tmp_path / "tableau.xlsx", table_part=table_part,
                                    label="Total" if table_part else "Totaux")
    out = tmp_path / "out.xlsx"
    code, text = run(command, src, "--out", out)
    assert code == 0, text
    assert f"ligne {total} : ligne de total, pas un dossier" in text
    if command == "import":
        assert BALANCE in text
        assert f"ligne {total}" in audit(out)["Lignes non lues (titres, totaux)"]
        assert [r["N° de dossier"] for r in decisions(out)][-1] == "B5"
    else:
        ids = [c.value for c in openpyxl.load_workbook(out).active["A"]][1:]
        assert len(ids) == 10 and "Total" not in ids


def test_a_total_label_whose_amounts_are_not_sums_stays_an_applicant(tmp_path):
    """« Total » as a file number with amounts of its own is read (and its line is a row like any other)."""
    src, total = _table_with_totals(tmp_path / "t.xlsx", table_part=False)
    wb = openpyxl.load_workbook(src)
    wb.active.cell(row=total, column=KEYS.index("earnings") + 1, value=1234)
    wb.save(src)
    code, text = run("import", src, "--out", tmp_path / "r.xlsx")
    assert code == 0 and "Lignes lues : 11 =" in text


def test_two_headers_meaning_the_same_column_are_refused(tmp_path):
    wb = openpyxl.Workbook()
    headers = {"p1_rdu": "Parent 1 : RDU"}
    keys = KEYS + ["p1_rdu", "p1_rdu_copy"]
    fill(wb.active, [dict(r, p1_rdu=50000, p1_rdu_copy=70000) for r in TEN], keys=keys,
         headers={"p1_rdu_copy": headers["p1_rdu"]})
    src = tmp_path / "doublon.xlsx"
    wb.save(src)
    refused(src, tmp_path, "« p1_rdu »", "« Parent 1 : RDU »", "même donnée p1_rdu")


def test_a_list_without_its_file_number_column_is_refused_as_a_file(tmp_path):
    wb = openpyxl.Workbook()
    fill(wb.active, TEN, keys=[k for k in KEYS if k != "applicant_id"])
    src = tmp_path / "sans-numero.xlsx"
    wb.save(src)
    refused(src, tmp_path, "colonne obligatoire absente", "« N° de dossier » (applicant_id)")


@pytest.mark.parametrize("command", [["compare", "--rules", "GE-2025,ZH-2021"], ["whatif", "--vary",
                                     "amounts.cap.tertiary=16000,17000"]])
def test_sheet_option_on_the_other_list_commands(tmp_path, command):
    src = _hidden_lists_first(tmp_path / "liste.xlsx")
    wb = openpyxl.load_workbook(src)
    fill(wb.create_sheet("Copie"), TEN)
    wb.save(src)
    code, text = run(command[0], src, *command[1:], "--out", tmp_path / "out.csv")
    assert code == 2 and "« Dossiers », « Copie »" in text
    code, text = run(command[0], src, *command[1:], "--out", tmp_path / "out.csv", "--sheet", "Copie")
    assert code == 0, text
    assert "Feuille lue : « Copie »" in text


def test_goalseek_and_explain_take_sheet(tmp_path):
    src = _hidden_lists_first(tmp_path / "liste.xlsx")
    wb = openpyxl.load_workbook(src)
    fill(wb.create_sheet("Copie"), TEN)
    wb.save(src)
    code, text = run("goalseek", src, "--param", "amounts.cap.tertiary", "--target", "30000", "--sheet", "Copie")
    assert code == 0 and "Feuille lue : « Copie »" in text, text
    code, text = run("explain", src, "--id", "A1")
    assert code == 2 and "--sheet" in text
    code, text = run("explain", src, "--id", "A1", "--sheet", "Copie")
    assert code == 0 and "16'740" in text, text


def test_a_row_holding_only_a_total_label_is_not_an_applicant(tmp_path):
    wb = openpyxl.Workbook()
    last = fill(wb.active, TEN)
    wb.active.cell(row=last + 1, column=KEYS.index("applicant_id") + 1, value="TOTAL")
    src = tmp_path / "total-seul.xlsx"
    wb.save(src)
    code, text = run("import", src, "--out", tmp_path / "r.xlsx")
    assert code == 0 and BALANCE in text and f"ligne {last + 1} : ligne de total" in text, text
