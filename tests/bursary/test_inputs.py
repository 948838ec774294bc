"""Bad input: one clear error per bad cell naming line, column and value; other rows still assessed."""

import datetime as dt

import pandas as pd

from xladdin import assess
from xladdin.bursary import assess_full

from .conftest import BASE


def _two(bad: dict):
    return assess([dict(BASE, applicant_id="OK1"), dict(BASE, applicant_id="BAD", **bad)])


def test_unknown_permit_names_line_column_and_value():
    r = _two({"permit": "X"})
    assert r.loc[0, "eligible"] == True  # noqa: E712  (the good row is still assessed)
    assert pd.isna(r.loc[1, "eligible"])
    assert r.loc[1, "reasons"].startswith("ligne 3, colonne « Permis de séjour » (permit) : valeur inconnue « X »")
    assert pd.isna(r.loc[1, "bursary"])


def test_english_messages_are_available():
    r = assess([dict(BASE, permit="X")], lang="en")
    assert r.loc[0, "reasons"].startswith("line 2, column 'Residence permit' (permit): unknown value 'X'")


def test_negative_income():
    r = _two({"p1_rdu": -5})
    assert "colonne « Parent 1 : RDU » (p1_rdu) : montant négatif « -5 »" in r.loc[1, "reasons"]


def test_not_a_date():
    r = _two({"birth_date": "32.13.2000"})
    assert "colonne « Date de naissance » (birth_date) : date impossible « 32.13.2000 »" in r.loc[1, "reasons"]
    r = _two({"birth_date": "le premier mars"})
    assert "colonne « Date de naissance » (birth_date) : date illisible « le premier mars »" in r.loc[1, "reasons"]


def test_duplicate_id_points_to_the_first():
    r = assess([dict(BASE, applicant_id="A"), dict(BASE, applicant_id="B"), dict(BASE, applicant_id="A")])
    assert r["eligible"].isna().tolist() == [False, False, True]
    assert "n° de dossier en double « A » (déjà à la ligne 2)" in r.loc[2, "reasons"]


def test_missing_required_column_errors_every_row_but_drops_none():
    rows = [{k: v for k, v in BASE.items() if k != "applicant_id"}] * 3
    r = assess(rows)
    assert len(r) == 3 and r["eligible"].isna().all()
    assert r["reasons"].str.contains("colonne « N° de dossier » (applicant_id) : colonne obligatoire absente",
                                    regex=False).all()


def test_ratio_outside_its_domain():
    r = _two({"part_time_ratio": 1.5})
    assert "colonne « Taux d'études » (part_time_ratio) : valeur « 1.5 » supérieure au maximum 1" in r.loc[1, "reasons"]
    r = _two({"part_time_ratio": 0})
    assert "doit être supérieure à 0" in r.loc[1, "reasons"]


def test_several_errors_in_one_row_are_all_reported():
    r = _two({"permit": "X", "housing": "castle"})
    assert "permit" in r.loc[1, "reasons"] and "housing" in r.loc[1, "reasons"] and " | " in r.loc[1, "reasons"]


def test_cells_as_clerks_type_them():
    """Swiss and French number formats, oui/non, dd.mm.yyyy, datetimes and Excel serials, labels for codes."""
    clerk = dict(BASE, p1_rdu="CHF 70'000.–", health_premiums="5 600,00", recognised="Oui",
                 birth_date=dt.datetime(2005, 3, 1), application_date=45931,   # serial 45931 = 01.10.2025
                 housing="chez les parents", level="tertiaire")
    a, b = assess([BASE]).iloc[0], assess([clerk]).iloc[0]
    assert a.drop("rules").tolist() == b.drop("rules").tolist()


def test_headers_by_label():
    frame = pd.DataFrame([BASE]).rename(columns={"applicant_id": "N° de dossier", "p1_rdu": "Parent 1 : RDU",
                                                 "level": "Level"})
    assert assess(frame).loc[0, "bursary"] == 14405


def test_reconciliation_counts():
    a = assess_full([dict(BASE, applicant_id=str(i), permit="X" if i % 3 == 0 else "none") for i in range(10)])
    assert (a.rows_read, a.rows_assessed, a.rows_in_error) == (10, 6, 4)
    assert list(a.errors.columns) == ["position", "line", "applicant_id", "column", "value", "message_fr",
                                      "message_en", "message_de"]
    assert a.errors["line"].tolist() == [2, 5, 8, 11]


def test_explain_lists_steps_with_articles():
    from xladdin import explain
    trace = explain(BASE)
    labels = dict(zip(trace["label"], trace["amount"]))
    assert labels["Besoins reconnus (total)"] == 14405
    assert labels["Bourse (0 si moins de 500)"] == 14405
    assert trace.loc[trace["label"] == "Étudiant : repas", "article"].item() == "RBPE art. 12 al. 6"
    assert (trace["article"].iloc[:-1] != "").all()
