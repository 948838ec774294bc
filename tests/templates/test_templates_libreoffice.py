"""Every template in a real spreadsheet program (LibreOffice headless): it opens and converts; the intake form
reads correctly without the add-in; a template filled in by a script and saved by LibreOffice imports back with
identical values."""

from __future__ import annotations

import openpyxl
import pytest

from xladdin import schema
from xladdin.bursary.assess import assess_full
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.excel.templates import KINDS, build
from xladdin.excel.templates.intake import applicant_from_file
from xladdin.io.bulk import run_import
from xladdin.io.guard import set_cell
from xladdin.io.soffice import CSV_AS_SHOWN, sheet_values


@pytest.mark.parametrize("kind", KINDS)
def test_template_opens_and_converts(template, lo, kind):
    path = template(kind)
    for target in ("pdf", "ods"):
        assert lo(path, target).stat().st_size > 0


def test_intake_reads_correctly_without_the_add_in(template, lo, tmp_path):
    """LibreOffice has no xladdin functions: the form still shows the values cached at generation time."""
    from tests.io.conftest import HAND_ROWS, write_csv

    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    path = template("intake", applicant=applicant_from_file(src, "A1"))
    shown = lo(path, CSV_AS_SHOWN)                     # the first sheet, as displayed
    rows = [line.split(";") for line in shown.read_text(encoding="utf-8").splitlines()]
    results = {r[1]: r[2] for r in rows if len(r) > 2 and r[1]}          # the result block is below the form
    # A1: needs 32 740, no resources, bursary = cap 16 740 (tests/io/conftest.py), shown the Swiss way
    assert results["Bourse"] == "16'740" and results["Besoins reconnus"] == "32'740"
    assert results["Éligible"] == "oui" and results["Règles"] == "GE-2025 v1.0"
    dates = {r[1]: r[2] for r in rows if len(r) > 2}
    assert dates["Date de naissance"] == "04.05.2003"


def _form_values(path) -> dict:
    wb = openpyxl.load_workbook(path)
    ws = wb["Dossier"]
    out = {}
    for row in ws.iter_rows(min_row=4, max_col=3, values_only=True):
        key = schema.resolve_header(row[1])
        if key:
            out[key] = row[2]
    return out


def test_intake_filled_by_a_script_and_saved_by_libreoffice(template, lo, tmp_path):
    from tests.io.conftest import HAND_ROWS, write_csv

    src = write_csv(tmp_path / "list.csv", HAND_ROWS)
    typed = applicant_from_file(src, "A2")
    path = template("intake")
    wb = openpyxl.load_workbook(path)
    ws = wb["Dossier"]
    for row in range(4, ws.max_row + 1):
        key = schema.resolve_header(ws.cell(row=row, column=2).value)
        if key and typed.get(key) is not None:
            set_cell(ws.cell(row=row, column=3), typed[key])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    saved = lo(filled, "xlsx")
    assert _form_values(saved) == _form_values(filled)
    before = assess_full([_form_values(filled)]).results
    after = assess_full([_form_values(saved)]).results
    assert after.equals(before) and int(after.loc[0, "bursary"]) == 10900


def test_applicant_list_filled_by_a_script_imports_back_identical(lo, tmp_path):
    """Synthetic applicants typed into the list template, saved by LibreOffice, give the same report."""
    frame = synthetic_applicants(60, seed=11)
    rows = [{k: (None if v != v else v) for k, v in r.items()} for r in frame.astype(object).to_dict("records")]
    rows[5]["last_name"] = "=1+1"                      # injected text survives as text
    path = build("applicants", tmp_path / "liste.xlsx", rows=rows)
    saved = lo(path, "xlsx")
    a = run_import(path, tmp_path / "a.xlsx")
    b = run_import(saved, tmp_path / "b.xlsx")
    assert (a.rows_read, a.rows_assessed, a.rows_in_error) == (b.rows_read, b.rows_assessed, b.rows_in_error) \
        == (60, 60 - a.rows_in_error, a.rows_in_error)
    assert sheet_values(tmp_path / "a.xlsx", "Décisions") == sheet_values(tmp_path / "b.xlsx", "Décisions")
    assert sheet_values(tmp_path / "a.xlsx", "Erreurs") == sheet_values(tmp_path / "b.xlsx", "Erreurs")
    assert assess_full(saved).inputs.equals(assess_full(path).inputs)
    assert sheet_values(saved, "Dossiers")[6][1] == "=1+1"


def test_a_german_zurich_form_reads_correctly_without_the_add_in(template, lo):
    """``--rules ZH-2021 --lang de``: German labels, sections and result labels; the engine's values cached and
    shown the Swiss way by LibreOffice (no add-in)."""
    from pathlib import Path

    import xladdin

    sample = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-ZH.csv"
    results = xladdin.assess(sample, rules="ZH-2021")
    first = results[results["aid"] > 0].iloc[0]
    path = template("intake", lang="de", rules="ZH-2021",
                    applicant=applicant_from_file(sample, first["applicant_id"], "de"))
    import csv

    text = lo(path, CSV_AS_SHOWN).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    shown = {r[1]: r[2] for r in rows if len(r) > 2 and r[1]}
    assert shown["Stipendium"] == f"{int(first['bursary']):,}".replace(",", "'")
    assert shown["Berechtigt"] == "ja" and shown["Regelwerk"] == "ZH-2021 v1.0"
    labels = {r[1]: (r[2], r[3]) for r in rows if len(r) > 3}
    assert labels["Elternteil 1: Total der Einkünfte (Steuerveranlagung)"][1] == "VAB § 13 Abs. 1 a"
    assert labels["Wohnsituation"][0] in ("bei den Eltern", "Mietvertrag", "eigener Haushalt")
    assert not any("LBPE" in article or "RBPE" in article for _, article in labels.values())   # Zurich's laws only
