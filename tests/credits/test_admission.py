"""Spec §5 — admission: ADM-ACCESS, ADM-NON-EU-AVERAGE, ADM-DOSSIER-PREREQ, ADM-VALORISATION."""

from __future__ import annotations

import pandas as pd
import pytest

from xladdin.credits import admission, supplement_range
from xladdin.errors import XladdinError

from .conftest import codes, only

AID = "applicant_id"


def applicant(aid="A1", diploma="Tout master", region="eu", credits="300", average="14", derogation="",
              passed="MSPHD1332;MDRHD1304", **extra) -> dict:
    return {AID: aid, "prior_diploma": diploma, "degree_region": region, "degree_credits": credits,
            "average_20": average, "professional_derogation": derogation, "courses_passed": passed, **extra}


def run(cat, *rows):
    return admission(cat, pd.DataFrame(list(rows)).astype(object))


@pytest.mark.parametrize("diploma, severity, text", [
    ("BA en sciences administratives et gestion publique", "info", "Accès moyennant 15 à 30 crédits"),
    ("BA - assistant(e) social(e)", "info", "Accès moyennant 45 à 60 crédits"),
    ("Tout master", "info", "Accès sur dossier"),
    ("Diplôme de 2e cycle non universitaire", "error", "Aucune voie d'accès"),
    ("Bachelier en philosophie", "warning", "absent du tableau d'accès"),
])
def test_access(cat, diploma, severity, text):
    found = only(run(cat, applicant(diploma=diploma, credits="180")), "ADM-ACCESS")
    assert found["severity"].tolist() == [severity] and text in found["message_fr"].iloc[0]


def test_non_eu_average(cat):
    # the example: a non-European average of 11.9/20 is under 12/20
    found = only(run(cat, applicant(region="non_eu", credits="180", average="11.9")), "ADM-NON-EU-AVERAGE")
    assert found[["severity", "subject"]].values.tolist() == [["error", "average_20"]]
    assert "11.9/20, au moins 12/20" in found["message_fr"].iloc[0]
    # 12/20 exactly, and 60 % (= 12/20), pass
    assert "ADM-NON-EU-AVERAGE" not in codes(run(cat, applicant(region="non_eu", credits="180", average="12")))
    assert "ADM-NON-EU-AVERAGE" not in codes(run(cat, applicant(region="non_eu", credits="180", average="60 %")))
    # 59 % = 11.8/20 fails; a European degree is not concerned
    assert "ADM-NON-EU-AVERAGE" in codes(run(cat, applicant(region="non_eu", credits="180", average="59%")))
    assert "ADM-NON-EU-AVERAGE" not in codes(run(cat, applicant(average="11.9")))


def test_non_eu_derogation_is_a_warning(cat):
    found = only(run(cat, applicant(region="non_eu", average="11,5", derogation="oui")), "ADM-NON-EU-AVERAGE")
    assert found["severity"].tolist() == ["warning"] and "dérogation" in found["message_fr"].iloc[0]


def test_non_eu_missing_average_and_short_degree(cat):
    assert only(run(cat, applicant(region="non_eu", average="")), "ADM-NON-EU-AVERAGE")["severity"].tolist() == \
        ["error"]
    # a non-European degree needs at least 180 credits (first cycle)
    found = only(run(cat, applicant(region="non_eu", credits="120")), "ADM-ACCESS")
    assert found[["severity", "subject"]].values.tolist() == [["error", "degree_credits"]]


def test_dossier_prerequisites(cat):
    found = only(run(cat, applicant(passed="MSPHD1332")), "ADM-DOSSIER-PREREQ")
    assert found["subject"].tolist() == ["MDRHD1304"] and "Fondements de droit public, 5 crédits" in \
        found["message_fr"].iloc[0]
    found = only(run(cat, applicant(diploma="Toute licence en 4 années d'études", passed="")), "ADM-DOSSIER-PREREQ")
    assert found["subject"].tolist() == ["MSPHD1332", "MDRHD1304"]
    # codes separated by ";" with spaces or commas, any case
    assert "ADM-DOSSIER-PREREQ" not in codes(run(cat, applicant(passed=" msphd1332 , MDRHD1304")))
    # access with supplements: no dossier, no prerequisite
    assert "ADM-DOSSIER-PREREQ" not in codes(run(cat, applicant(diploma="BA en droit", passed="")))


def test_valorisation(cat):
    # a European 300-credit degree may valorise up to 60 credits
    found = only(run(cat, applicant(valorisation_credits="60")), "ADM-VALORISATION")
    assert found["severity"].tolist() == ["info"]
    found = only(run(cat, applicant(valorisation_credits="75")), "ADM-VALORISATION")
    assert found[["severity", "message_fr"]].values.tolist() == [["error", "75 crédits à valoriser : au plus 60."]]
    # a 180-credit degree, or a non-European one, may not valorise
    for row in (applicant(diploma="BA en droit", credits="180", valorisation_credits="30"),
                applicant(region="non_eu", credits="300", valorisation_credits="30")):
        found = only(run(cat, row), "ADM-VALORISATION")
        assert found["severity"].tolist() == ["error"] and "réservée aux grades européens" in \
            found["message_fr"].iloc[0]


def test_catalogue_without_access_table(make_catalogue):
    cat = make_catalogue("""\
        programme: {code: D, total_credits: 60, blocs: [1]}
        groups: [{code: G, credits: 60, mandatory: true, courses: [{code: A1, credits: 60}]}]
    """)
    findings = admission(cat, pd.DataFrame([applicant("A1", region="eu", credits="180"),
                                            applicant("A2", region="non_eu", credits="180", average="10")]))
    # no access table: A1 is "unlisted" (warning); A2 also fails the 12/20 average
    assert codes(findings, "A1", AID) == ["ADM-ACCESS"]
    assert codes(findings, "A2", AID) == ["ADM-ACCESS", "ADM-NON-EU-AVERAGE"]
    assert only(findings, "ADM-ACCESS")["severity"].tolist() == ["warning", "warning"]


def test_every_applicant_appears(cat):
    rows = [applicant("A1"), applicant("", credits="x"), applicant("A3", diploma="BA en droit", credits="180")]
    findings = run(cat, *rows)
    assert list(dict.fromkeys(findings[AID])) == ["A1", "", "A3"]
    # the row without an id is reported by its line (header = 1, so the second row is line 3)
    assert only(findings, "INPUT-INVALID")["message_fr"].tolist() == [
        "Ligne 3, colonne applicant_id : «  » est vide : ligne non contrôlée.",
        "Ligne 3, colonne degree_credits : « x » n'est pas un nombre de crédits : ignoré."]


def test_supplement_range(cat):
    assert supplement_range(cat, "BA en sciences administratives et gestion publique") == (15, 30, "supplements")
    assert supplement_range("APHM2M", "ba en sciences administratives") == (15, 30, "supplements")   # prefix
    assert supplement_range(cat, "BA en droit") == (45, 60, "supplements")
    assert supplement_range(cat, "Tout master") == (0, 60, "dossier")
    assert supplement_range(cat, "Diplôme de 2e cycle non universitaire") == (None, None, "none")
    with pytest.raises(XladdinError, match="absent du tableau d'accès"):
        supplement_range(cat, "BA en")                        # ambiguous prefix: not a match
