"""Catalogue and students' programme sheets: the columns the credit checks read, dropdowns from the catalogue,
and a round trip through LibreOffice."""

from __future__ import annotations

import openpyxl

from xladdin.credits.catalogue import load_catalogue
from xladdin.credits.inputs import STUDENT_COLUMNS, STUDENT_OPTIONAL, parse_students
from xladdin.credits.output import column_key
from xladdin.credits.sheet import COLUMNS, read_catalogue_sheet
from xladdin.io.guard import set_cell


def test_catalogue_columns_are_the_readers(template):
    ws = openpyxl.load_workbook(template("catalogue")).worksheets[0]
    assert ws.title == "Catalogue" and list(ws.tables) == ["Catalogue"]
    heads = [c.value for c in ws[1]]
    assert heads[:4] == ["Type de ligne", "Code", "Groupe parent", "Intitulé"]
    assert [column_key(h, COLUMNS) for h in heads] == COLUMNS                  # the reader's columns, in words
    kinds = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith("A2:"))
    assert kinds.formula1 == '"programme,règle,groupe,cours,accès,priorité,prérequis"'
    assert "○ obligatoire" in ws.cell(row=1, column=COLUMNS.index("markers") + 1).comment.text


def test_catalogue_option_fills_the_sheet(tmp_path):
    """``xladdin template catalogue --catalogue APHM2M``: the sheet holds the catalogue (it used to be empty)."""
    from typer.testing import CliRunner

    from xladdin.cli import app

    out = tmp_path / "catalogue.xlsx"
    result = CliRunner().invoke(app, ["template", "catalogue", "--catalogue", "APHM2M", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("programme", "APHM2M") and len(rows) > 40
    assert read_catalogue_sheet(out).to_dict() == load_catalogue("APHM2M").to_dict()


def test_shipped_catalogue_round_trips_through_libreoffice(template, lo):
    path = template("catalogue", catalogue="APHM2M")
    shipped = load_catalogue("APHM2M").to_dict()
    assert read_catalogue_sheet(path).to_dict() == shipped
    assert read_catalogue_sheet(lo(path, "xlsx")).to_dict() == shipped


def test_programme_sheet_offers_the_catalogue(template):
    wb = openpyxl.load_workbook(template("programme"))
    assert wb.sheetnames[:2] == ["Programmes", "Cours"]
    ws = wb["Programmes"]
    heads = [c.value for c in ws[1]]
    assert heads[:4] == ["Matricule", "Diplôme antérieur", "Bloc", "Code du cours"]
    assert [column_key(h, STUDENT_COLUMNS + STUDENT_OPTIONAL) for h in heads] == list(STUDENT_COLUMNS + STUDENT_OPTIONAL)
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert formulas["B2"] == "=liste_diplomes" and formulas["C2"] == "=liste_blocs"
    assert formulas["D2"] == "=liste_cours" and formulas["E2"] == '"inscrit,supplément,valorisé"'
    codes = [r[0] for r in wb["Cours"].iter_rows(min_row=2, values_only=True)]
    assert codes == load_catalogue("APHM2M").course_table["course_code"].tolist()
    assert "MAPHD2122" in codes


def test_programme_filled_by_a_script_reads_back_identical(template, lo, tmp_path):
    path = template("programme")
    wb = openpyxl.load_workbook(path)
    ws = wb["Programmes"]
    rows = [("S1", "BA en communication", 1, "MAPHD2122", "inscrit", 14, 15, 30),
            ("S1", "BA en communication", 1, "MSPHD2136", "supplément", "ABS", 15, 30),
            ("S2", "BA en communication", 2, "MDRHD2104", "valorisé", 9.5, None, None)]
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            set_cell(ws.cell(row=r, column=c), v)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    saved = lo(filled, "xlsx")
    a = parse_students(filled, (1, 2))
    b = parse_students(saved, (1, 2))
    assert a.rows.equals(b.rows) and a.issues.equals(b.issues)
    assert list(b.rows["course_code"]) == ["MAPHD2122", "MSPHD2136", "MDRHD2104"]
