"""Bad input: unknown codes, grades like ``abs`` or ``21``, credits as text, a bloc that does not exist — findings
naming the row (header = line 1), or a clear error for a file that is not a table; never a crash."""

from __future__ import annotations

import pandas as pd
import pytest

from xladdin.credits import admission, check_programmes, transcript
from xladdin.errors import XladdinError

from .conftest import CORE, codes, frame, only, student


def test_bad_cells_become_findings_naming_the_line(cat):
    rows = student("S1", enrolled=CORE) + [
        {"student_id": "S1", "prior_diploma": "", "bloc": "1", "course_code": "MAPHD2221", "status": "enroled",
         "grade": "", "supplement_min": "", "supplement_max": ""},
        {"student_id": "S1", "prior_diploma": "", "bloc": "1", "course_code": "XYZ1", "status": "", "grade": "",
         "supplement_min": "quinze", "supplement_max": "", "credits": "six"},
        {"student_id": "S2", "prior_diploma": "", "bloc": "3", "course_code": "MAPHD2221", "status": "",
         "grade": "", "supplement_min": "", "supplement_max": ""},
    ]
    findings = check_programmes(cat, frame(rows))
    messages = only(findings, "INPUT-INVALID")["message_fr"].tolist()
    assert "Ligne 5, colonne status : « enroled » n'est pas un statut (enrolled, supplement, valorised) : compté " \
           "comme enrolled." in messages
    assert "Ligne 6, colonne credits : « six » n'est pas un nombre de crédits positif : ignoré." in messages
    assert "Ligne 6, colonne supplement_min : « quinze » n'est pas un nombre de crédits : fourchette du jury " \
           "ignorée." in messages
    assert "Ligne 7, colonne bloc : « 3 » n'est pas un bloc du programme (1, 2) : contrôles par bloc omis." in messages
    assert only(findings, "PAE-UNKNOWN-COURSE")["subject"].tolist() == ["XYZ1"]


def test_inconsistent_student_values_are_warnings(cat):
    rows = student("S1", enrolled=CORE[:1]) + student("S1", bloc=2, diploma="BA en droit", enrolled=CORE[1:2])
    found = only(check_programmes(cat, frame(rows)), "INPUT-INVALID")
    assert found["subject"].tolist() == ["bloc", "prior_diploma"] and (found["severity"] == "warning").all()


def test_credits_column_against_the_catalogue(cat):
    rows = student("S1", enrolled=["MAPHD2221"], credits="7")
    found = only(check_programmes(cat, frame(rows)), "INPUT-INVALID")
    assert found[["severity", "message_fr"]].values.tolist() == [
        ["warning", "Ligne 2, colonne credits : « 7 » diffère des 6 crédits du catalogue : catalogue retenu."]]


def test_missing_required_columns_is_an_error(cat):
    with pytest.raises(XladdinError, match="colonnes manquantes dans students : bloc"):
        check_programmes(cat, pd.DataFrame({"student_id": ["S1"], "course_code": ["MAPHD2221"]}))
    with pytest.raises(XladdinError, match="colonnes manquantes"):
        admission(cat, pd.DataFrame({"applicant_id": ["A1"]}))
    with pytest.raises(XladdinError, match="attendu un fichier"):
        check_programmes(cat, 42)


def test_headers_are_matched_without_case_or_spaces(cat):
    df = pd.DataFrame({" Student ID": ["S1"], "BLOC": [1], "Course-Code": ["msphd2136"], "Grade": ["12"]})
    findings = check_programmes(cat, df)
    assert set(findings["student_id"]) == {"S1"} and "PAE-UNKNOWN-COURSE" not in codes(findings)


def test_empty_table_and_list_of_dicts(cat):
    empty = pd.DataFrame(columns=["student_id", "bloc", "course_code"])
    assert check_programmes(cat, empty).empty and transcript(cat, empty).empty
    rows = student("S1", enrolled=["MSPHD2136"])
    assert set(check_programmes(cat, rows)["student_id"]) == {"S1"}


def test_file_errors_are_user_errors(cat, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(XladdinError, match="vide"):
        check_programmes(cat, empty)
    with pytest.raises(XladdinError, match="introuvable"):
        check_programmes(cat, tmp_path / "absent.csv")
