"""Credit functions through xlwings' dispatch give the numbers of ``xladdin.credits`` (spec credits §4-5)."""

from __future__ import annotations

import pandas as pd
from conftest import call

import xladdin.credits as credits

GRADES = [[12.0], [15.0], ["abs"], [""], [8.0]]
CREDITS = [[5.0], [10.0], [5.0], [5.0], [5.0]]


def test_weighted_average():
    # graded courses: 12 on 5 credits, 15 on 10, 8 on 5 → (60 + 150 + 40) / 20 = 12.5; "abs" and blank skipped
    assert call("weighted_average", GRADES, CREDITS) == [[12.5]]
    assert credits.weighted_average([12, 15, "abs", "", 8], [5, 10, 5, 5, 5]) == 12.5
    # grades typed as French decimal text
    assert call("weighted_average", [["12,5"], ["14"]], [[5.0], [5.0]]) == [[13.25]]
    # nothing graded: an empty cell
    assert call("weighted_average", [["abs"]], [[5.0]]) == [[""]]


def test_credits_acquired():
    # 12/20 and 15/20 pass (5 + 10), 8/20 does not (décret Paysage art. 139) → 15
    assert call("credits_acquired", GRADES, CREDITS) == [[15.0]]
    # a row of grades against a row of credits (horizontal ranges)
    assert call("credits_acquired", [[10.0, 9.5]], [[6.0, 4.0]]) == [[6.0]]


def test_credit_messages():
    assert call("weighted_average", [[12.0]], [[5.0], [3.0]])[0][0].startswith("#XLADDIN! ")
    assert call("weighted_average", [["douze"]], [[5.0]]) == \
        [["#XLADDIN! grade : nombre illisible « douze »"]]
    assert call("credits_acquired", [[25.0]], [[5.0]])[0][0].startswith("#XLADDIN! ")


def test_supplement_range():
    # the access table: BA en sciences administratives et gestion publique → 15 to 30 supplementary credits
    got = call("supplement_range", "BA en sciences administratives et gestion publique")
    assert got == [[15, 30, "supplements"]]
    direct = credits.supplement_range("APHM2M", "BA en sciences administratives et gestion publique")
    assert got[0][:2] == list(direct[:2])
    assert call("supplement_range", "Tout master", "APHM2M-2024-2025") == [[0, 60, "dossier"]]
    assert call("supplement_range", "Diplôme de 2e cycle non universitaire") == [["", "", "none"]]
    assert call("supplement_range", "inconnu")[0][0].startswith("#XLADDIN! diplôme « inconnu »")
    assert call("supplement_range", None) == [["#XLADDIN! plage vide : diploma"]]


def test_catalogue_argument_never_names_a_server_file():
    for name in ("/etc/passwd", "..\\secret.xlsx", "catalogue.yaml", "C:secret"):
        got = call("catalogue_lint", name)
        assert got[0][0].startswith("#XLADDIN! catalogue : valeur inconnue"), name


def test_catalogue_lint_equals_check_catalogue():
    expected = credits.check_catalogue("APHM2M")
    got = call("catalogue_lint")
    assert got[0] == ["Code", "Gravité", "Objet", "Message", "Source"]
    assert [r[0] for r in got[1:]] == expected["code"].tolist()
    assert "CAT-CREDITS-MISMATCH" in expected["code"].tolist()            # MSPHD1332: 10 and 6 credits
    assert call("catalogue_lint", None, "en")[1][3] == expected["message_en"].iloc[0]


def test_programme_check_equals_check_programmes():
    table = [["student_id", "bloc", "course_code", "prior_diploma", "grade"],
             ["S1", 1.0, "MSPHD1332", "", ""],
             ["S1", 1.0, "XX999", "", ""],
             ["S2", 2.0, "MAPHD2221", "", 14.0],
             ["S3", 1.0, "MAPHD2221", "", 25.0]]
    frame = pd.DataFrame(table[1:], columns=table[0])
    expected = credits.check_programmes("APHM2M", frame)
    got = call("programme_check", table)
    assert got[0] == ["Étudiant", "Code", "Gravité", "Objet", "Message", "Source"]
    assert [r[:4] for r in got[1:]] == expected[["student_id", "code", "severity", "subject"]].values.tolist()
    assert [r[4] for r in got[1:]] == expected["message_fr"].tolist()
    assert "PAE-UNKNOWN-COURSE" in expected["code"].tolist() and "TR-GRADE-RANGE" in expected["code"].tolist()
    assert call("programme_check", [["x", "y"], [1, 2]])[0][0].startswith("#XLADDIN! ")
    assert call("programme_check", [["student_id", "bloc", "course_code"]]) == \
        [["#XLADDIN! le tableau ne contient aucune ligne"]]
