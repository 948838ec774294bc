"""The intake form: every schema field once, dropdowns, protection, help with the article, Swiss formats,
and result cells holding the add-in's formulas with the engine's values cached."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from xladdin import schema
from xladdin.excel.templates.intake import applicant_from_file, udf_formula
from xladdin.io import formats


def _fields(ws):
    """{key: row} of the form, from its labels (column B) as the UDFs resolve them, down to the result block."""
    out = {}
    for row in range(4, ws.max_row + 1):
        if ws.cell(row=row, column=2).value is None:          # the empty row above the results
            break
        key = schema.resolve_header(ws.cell(row=row, column=2).value)
        if key:
            assert key not in out, f"{key} twice"
            out[key] = row
    return out


def _results(path, data_only=False) -> dict:
    """{label: value} of the result block, below the form in its label and value columns."""
    ws = openpyxl.load_workbook(path, data_only=data_only).worksheets[0]
    start = max(_fields(ws).values()) + 3                      # an empty row, the block's title
    return {ws.cell(row=r, column=2).value: ws.cell(row=r, column=3).value for r in range(start, start + 13)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_schema_field_once(template, lang):
    ws = openpyxl.load_workbook(template("intake", lang)).worksheets[0]
    assert set(_fields(ws)) == {f.key for f in schema.fields_for("GE")}


def test_the_form_range_is_what_the_udfs_read(template):
    wb = openpyxl.load_workbook(template("intake"))
    ws = wb["Dossier"]
    rows = _fields(ws)
    assert wb.defined_names["dossier"].attr_text == f"'Dossier'!$B${min(rows.values())}:$C${max(rows.values())}"
    assert max(rows.values()) - min(rows.values()) + 1 == len(schema.fields_for("GE"))     # contiguous, nothing else inside


def test_inputs_unlocked_everything_else_protected(template):
    ws = openpyxl.load_workbook(template("intake"))["Dossier"]
    assert ws.protection.sheet
    for key, row in _fields(ws).items():
        assert ws.cell(row=row, column=3).protection.locked is False, key
        assert ws.cell(row=row, column=2).protection.locked is not False
    bottom = max(_fields(ws).values())
    assert ws.cell(row=bottom + 3, column=3).protection.locked is not False      # result formulas are protected


def test_dropdowns_come_from_the_hidden_lists(template):
    wb = openpyxl.load_workbook(template("intake"))
    ws, lists = wb["Dossier"], wb["Listes"]
    assert lists.sheet_state == "hidden"
    rows = _fields(ws)
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = dv
    level = by_cell[f"C{rows['level']}"]
    assert level.type == "list" and level.formula1 == "=liste_level"
    ref = wb.defined_names["liste_level"].attr_text
    values = [row[0].value for row in lists[ref.split("!")[1].replace("$", "")]]
    assert values == ["secondaire II", "tertiaire", "secondaire I (adultes)"]
    assert by_cell[f"C{rows['recognised']}"].formula1 == "=oui_non"
    ratio = by_cell[f"C{rows['part_time_ratio']}"]
    assert ratio.type == "custom" and ">0" in ratio.formula1 and "<=1" in ratio.formula1
    assert by_cell[f"C{rows['earnings']}"].type == "decimal"
    assert by_cell[f"C{rows['occupants']}"].type == "whole" and by_cell[f"C{rows['occupants']}"].formula1 == "1"
    assert by_cell[f"C{rows['birth_date']}"].type == "date"


def test_help_comments_cite_the_article(template):
    ws = openpyxl.load_workbook(template("intake"))["Dossier"]
    rows = _fields(ws)
    note = ws.cell(row=rows["birth_date"], column=2).comment.text
    assert "1er septembre" in note and "LBPE art. 17, 18 al. 3 et 5" in note
    assert "Vide = 1" in ws.cell(row=rows["part_time_ratio"], column=2).comment.text
    assert ws.cell(row=rows["wealth"], column=4).value == "LBPE art. 19 al. 4 ; LRDU art. 8"


def test_swiss_formats(template):
    ws = openpyxl.load_workbook(template("intake"))["Dossier"]
    rows = _fields(ws)
    assert ws.cell(row=rows["earnings"], column=3).number_format == formats.CHF
    assert formats.CHF == formats.MONEY                  # the one money format (shown 1'234 in LibreOffice)
    assert ws.cell(row=rows["birth_date"], column=3).number_format == "dd.mm.yyyy"


def test_result_formulas_desktop_and_web():
    assert udf_formula("bursary", "bursary", "dossier", "desktop") == "=bursary(dossier)"
    assert udf_formula("bursary", "bursary", "dossier", "web") == "=XLADDIN.BURSARY(dossier)"
    # loan is output 11 of OUTPUT_COLUMNS
    assert udf_formula("bursary_row", "loan", "dossier", "desktop") == "=INDEX(bursary_row(dossier),1,11)"
    assert udf_formula("eligibility", "eligible", "dossier", "web") == "=INDEX(XLADDIN.ELIGIBILITY(dossier),1,1)"


def test_prefilled_form_caches_the_engine_results(template, tmp_path):
    from tests.io.conftest import HAND_ROWS, write_csv

    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    applicant = applicant_from_file(src, "A2")
    path = template("intake", applicant=applicant)
    ws = openpyxl.load_workbook(path)["Dossier"]
    rows = _fields(ws)
    assert ws.cell(row=rows["programme_kind"], column=3).value == "Premier bachelor (université, EPF, HES)"
    assert ws.cell(row=rows["recognised"], column=3).value == "oui"
    assert ws.cell(row=rows["birth_date"], column=3).value == dt.datetime(2003, 5, 4)
    assert ws.cell(row=rows["earnings"], column=3).value == 30000
    results = _results(path)
    assert results["Bourse"] == "=bursary(dossier)"
    cached = _results(path, data_only=True)
    assert cached["Indépendance"] == "aucune"                  # the label, not the code
    # A2: needs 32 740, resources 30 000 − 8 160 = 21 840, bursary 10 900 (tests/io/conftest.py)
    assert cached["Bourse"] == 10900 and cached["Ressources"] == 21840 and cached["Éligible"] == "oui"
    assert cached["Règles"] == "GE-2025 v1.0"


def test_xlwings_conf_names_the_udf_module(template):
    wb = openpyxl.load_workbook(template("intake"))
    conf = wb["xlwings.conf"]
    assert (conf["A1"].value, conf["B1"].value) == ("UDF Modules", "xladdin.excel.udfs")


def test_a_zurich_form_asks_what_the_vab_reads_and_passes_its_rule_set(template):
    """``--rules ZH-2021``: the Zurich fields (tax assessment, own contribution...), not Geneva's RDU; every
    result formula names ZH-2021; prefilled from the Zurich sample, the cached values are the engine's."""
    import xladdin

    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-ZH.csv"
    first = xladdin.assess(sample, rules="ZH-2021").iloc[0]
    applicant = applicant_from_file(sample, first["applicant_id"])
    path = template("intake", rules="ZH-2021", applicant=applicant)
    ws = openpyxl.load_workbook(path)["Dossier"]
    rows = _fields(ws)
    assert set(rows) == {f.key for f in schema.fields_for("ZH")}
    assert "p1_income_total" in rows and "meal_days_per_week" in rows
    assert "p1_rdu" not in rows and "student_taxes" not in rows and "p1_taxable_wealth" not in rows
    results = _results(path)
    assert results["Bourse"] == '=bursary(dossier,"ZH-2021")'
    assert results["Éligible"] == '=INDEX(eligibility(dossier,"ZH-2021"),1,1)'
    cached = _results(path, data_only=True)
    assert cached["Bourse"] == int(first["bursary"]) and cached["Règles"] == "ZH-2021 v1.0"


def test_a_bern_applicant_list_has_the_abv_columns(template):
    from xladdin.excel.templates.applicants import headers

    ws = openpyxl.load_workbook(template("applicants", rules="BE")).worksheets[0]
    names = [c.value for c in ws[1]]
    assert names == headers("fr", canton="BE")
    keys = [schema.resolve_header(n) for n in names]
    assert "p1_taxable_wealth" in keys and "semesters_completed" in keys and "p1_rdu" not in keys
