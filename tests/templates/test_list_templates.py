"""Applicant list (an Excel table, one column per schema key) and what-if parameters sheet."""

from __future__ import annotations

import openpyxl
import pytest

from xladdin import rules, schema
from xladdin.excel.templates.applicants import headers
from xladdin.io import formats


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_applicants_table_has_every_key(template, lang):
    wb = openpyxl.load_workbook(template("applicants", lang))
    ws = wb.worksheets[0]
    assert list(ws.tables) == ["Dossiers"]
    table = ws.tables["Dossiers"]
    assert table.ref.startswith("A1:")
    names = [c.value for c in ws[1]]
    assert names == headers(lang) and len(names) == len(schema.fields_for("GE"))
    assert [schema.resolve_header(n) for n in names] == [f.key for f in schema.fields_for("GE")]
    assert ws.freeze_panes == "B2"


def test_applicants_columns_are_validated_and_formatted(template):
    ws = openpyxl.load_workbook(template("applicants")).worksheets[0]
    col = {schema.resolve_header(c.value): c.column_letter for c in ws[1]}
    rules_by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    level = next(dv for ref, dv in rules_by_range.items() if f"{col['level']}2:{col['level']}5001" in ref)
    assert level.type == "list" and level.formula1 == "=liste_level"
    amount = next(dv for ref, dv in rules_by_range.items() if f"{col['earnings']}2:" in ref)
    assert amount.type == "decimal" and amount.formula1 == "0"
    assert ws[f"{col['earnings']}2"].number_format == formats.CHF
    assert ws[f"{col['birth_date']}2"].number_format == formats.DATE
    assert ws.column_dimensions[col["earnings"]].number_format == formats.CHF


def test_whatif_lists_every_parameter(template):
    import datetime as dt

    from xladdin.whatif.scenarios import parameter_name

    wb = openpyxl.load_workbook(template("whatif", rules="GE-2025"))
    ws = wb.worksheets[0]
    flat = rules.load("GE-2025").flat()
    table = ws.tables["Parametres"]
    head = [c.value for c in ws[4]]
    assert head == ["Paramètre", "Valeur", "Scénario", "Unité", "Article", "En vigueur dès", "Note"]
    assert (ws["A3"].value, ws["B3"].value) == ("Règles", "GE-2025")
    rows = {parameter_name(r[0]): r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert set(rows) == set(flat) and table.ref == f"A4:G{4 + len(flat)}"
    cap = rows["amounts.cap.tertiary"]
    assert cap[0] == "Plafond tertiaire (amounts.cap.tertiary)"                  # its description first
    assert cap[1] == flat["amounts.cap.tertiary"].value and cap[4] == flat["amounts.cap.tertiary"].article
    assert cap[5] == dt.datetime.fromisoformat(flat["amounts.cap.tertiary"].valid_from)
    # a rights value "-" (LBPE art. 11 al. 3: nothing) stays text, never a formula
    assert rows["training.rights.doctorate"][1] == "-"
    assert ws["C5"].protection.locked is False and ws["B5"].protection.locked is not False
