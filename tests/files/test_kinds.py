"""Files that are not applicant lists (issue 13 §4): each refused with exit 2, naming what it is and the command
that takes it, by ``assess``, ``import`` and ``explain``; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run

WORKBOOKS = Path(__file__).resolve().parents[2] / "workbooks"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The files xladdin writes from the demo list, made by the real commands."""
    folder = tmp_path_factory.mktemp("made")
    demo = WORKBOOKS / "sample-applicants.csv"
    commands = {
        "decisions.xlsx": ("assess", demo, "--out"),                     # the demo's decisions file (README)
        "decisions.csv": ("assess", demo, "--out"),
        "rapport.xlsx": ("import", demo, "--quiet", "--out"),
        "whatif.xlsx": ("template", "whatif", "--out"),
        "scenarios.xlsx": ("whatif", demo, "--vary", "amounts.cap.tertiary=16000,17000", "--out"),
        "comparaison.xlsx": ("compare", demo, "--rules", "GE-2025,ZH-2021", "--out"),
    }
    for name, args in commands.items():
        code, text = run(*args, folder / name)
        assert code == 0, text
    return folder


KINDS = {
    "rapport.xlsx": ("un rapport de traitement xladdin", "« sample-applicants.csv »"),
    "decisions.xlsx": ("un fichier de décisions xladdin", "xladdin assess"),
    "decisions.csv": ("un fichier de décisions xladdin", "xladdin assess"),
    "whatif.xlsx": ("un classeur what-if xladdin", "--vary"),
    "scenarios.xlsx": ("un classeur what-if xladdin", "--vary"),
    "comparaison.xlsx": ("une comparaison xladdin", "xladdin compare"),
    "credits-students.csv": ("un fichier de crédits ECTS", "xladdin credits check"),
    "credits-applicants.csv": ("un fichier de crédits ECTS", "xladdin credits admission"),
}


@pytest.mark.parametrize("command", ["assess", "import", "explain"])
@pytest.mark.parametrize("name", list(KINDS))
def test_not_an_applicant_list(made, tmp_path, name, command):
    src = WORKBOOKS / name if name.startswith("credits") else made / name
    out = tmp_path / "out.xlsx"
    code, text = run(command, src, *(["--out", out] if command != "explain" else ["--id", "X"]))
    assert code == 2, text
    what, hint = KINDS[name]
    assert "n'est pas une liste de dossiers : ce fichier est " + what in text
    assert hint in text
    assert "[OK]" not in text and not out.exists()


def test_not_a_list_at_all(tmp_path):
    src = tmp_path / "notes.csv"
    src.write_text("Réunion du 3 mars;;\nordre du jour;budget;\n", encoding="utf-8")
    code, text = run("import", src, "--out", tmp_path / "r.xlsx")
    assert code == 2 and "n'est pas une liste de dossiers" in text and "N° de dossier" in text


def test_a_list_carrying_some_result_columns_is_still_a_list(tmp_path):
    """Last year's « Bourse », « Prêt » and « Motifs » kept beside the inputs do not make a list a results file."""
    import openpyxl

    from .conftest import KEYS, TEN, fill

    wb = openpyxl.Workbook()
    fill(wb.active, TEN, keys=KEYS + ["Bourse", "Prêt", "Motifs"])
    src = tmp_path / "avec-anciens-resultats.xlsx"
    wb.save(src)
    code, text = run("import", src, "--out", tmp_path / "r.xlsx")
    assert code == 0 and "Lignes lues : 10 =" in text, text
    assert "Colonnes ignorées (inconnues du schéma) : Bourse, Prêt, Motifs" in text
