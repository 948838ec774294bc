"""Every message names the line of the clerk's file (issue 13 §5): ``explain --id`` the same line as ``import``,
whatever title rows sit above the header."""

from __future__ import annotations

import openpyxl

from .conftest import TEN, fill, run


def test_explain_names_the_same_line_as_import(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Dossiers de la rentrée"
    fill(ws, TEN, first_line=3)                              # A4 (part_time_ratio 1.5) on line 7, B4 on line 12
    src = tmp_path / "liste.xlsx"
    wb.save(src)
    out = tmp_path / "rapport.xlsx"
    code, text = run("import", src, "--out", out)
    assert code == 0, text
    errors = {r[1]: (r[0], r[-1]) for r in openpyxl.load_workbook(out)["Erreurs"].iter_rows(values_only=True)
              if r[0] is not None and r[1] in ("A4", "B4")}
    assert errors["A4"][0] == 7 and errors["B4"][0] == 12
    for applicant, (line, message) in errors.items():
        assert message.startswith(f"ligne {line},")
        code, text = run("explain", src, "--id", applicant)
        assert code == 0, text
        assert f"ligne {line}, colonne « Taux d'études » (part_time_ratio)" in text
        code, text = run("explain", src, "--id", applicant, "--json")
        assert f"ligne {line}," in text


def test_a_list_of_one_applicant_keeps_its_line(tmp_path):
    src = tmp_path / "un.csv"
    src.write_text("Dossier à revoir\n\napplicant_id;part_time_ratio;birth_date\nZ1;2;01.01.2000\n", encoding="utf-8")
    code, text = run("explain", src)
    assert code == 0 and "ligne 4, colonne « Taux d'études » (part_time_ratio)" in text, text
