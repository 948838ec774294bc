"""Spec §2 — catalogue checks: CAT-CREDITS-MISMATCH, CAT-GROUP-IMPOSSIBLE, CAT-TOTAL."""

from __future__ import annotations

import pytest

from xladdin.credits import check_catalogue

from .conftest import MINI, codes, only


def test_shipped_catalogue_has_exactly_the_page_inconsistency(cat):
    findings = check_catalogue(cat)
    assert codes(findings) == ["CAT-CREDITS-MISMATCH"]
    row = findings.iloc[0]
    # MSPHD1332: 10 credits in the supplementary courses, 6 in the dossier prerequisites
    assert row["subject"] == "MSPHD1332" and row["severity"] == "warning"
    assert "10 (SUPPLEMENTAIRES), 6 (prérequis" in row["message_fr"]
    assert "several credit values" in row["message_en"] and "Prérequis minimum" in row["source"]
    # MDRHD1304 is 5 and 5: no finding
    assert "MDRHD1304" not in findings["subject"].tolist()


def test_credits_mismatch_between_two_groups(make_catalogue):
    cat = make_catalogue("""\
        programme: {code: X, total_credits: 20, blocs: [1]}
        groups:
          - {code: A, credits: 10, courses: [{code: K1, credits: 10, markers: ○}]}
          - {code: B, credits: 10, courses: [{code: K1, credits: 6, markers: ○}, {code: K2, credits: 4, markers: ○}]}
    """)
    found = only(check_catalogue(cat), "CAT-CREDITS-MISMATCH")
    assert found["subject"].tolist() == ["K1"] and "10 (A), 6 (B)" in found["message_fr"].iloc[0]


@pytest.mark.parametrize("group, expected", [
    # at least 30 credits, but its children offer 10 + 10 = 20
    ("{code: G, min_credits: 30, courses: [{code: A1, credits: 10}, {code: A2, credits: 10}]}", "au moins 30"),
    # at most 5 credits, but a mandatory child alone makes 10
    ("{code: G, max_credits: 5, courses: [{code: A1, credits: 10, markers: ○}]}", "au plus 5 crédits"),
    # at least 3 children, it has 2
    ("{code: G, min_courses: 3, courses: [{code: A1, credits: 10}, {code: A2, credits: 10}]}", "au moins 3 élé"),
    # at most 1 child, 2 are mandatory
    ("{code: G, max_courses: 1, mandatory: true, courses: [{code: A1, credits: 10}, {code: A2, credits: 10}]}",
     "au plus 1 élé"),
    # minimum above maximum
    ("{code: G, min_credits: 20, max_credits: 10, courses: [{code: A1, credits: 20}]}", "minimum 20 supérieur"),
    # a mandatory group announced at 30 whose children make 10 + 10
    ("{code: G, credits: 30, mandatory: true, courses: [{code: A1, credits: 10}, {code: A2, credits: 10}]}",
     "annoncé à 30"),
])
def test_group_impossible(make_catalogue, group, expected):
    cat = make_catalogue(f"""\
        programme: {{code: X, total_credits: 20, blocs: [1]}}
        groups:
          - {group}
          - {{code: REST, credits: 20, complete: false}}
    """)
    found = only(check_catalogue(cat), "CAT-GROUP-IMPOSSIBLE")
    assert found["subject"].tolist() == ["G"] and expected in found["message_fr"].iloc[0]
    assert (found["severity"] == "error").all()


def test_group_possible_when_credits_are_unknown(make_catalogue):
    """A child without credits (like MSPHD1334 on the page) could make up the minimum: no finding."""
    cat = make_catalogue("""\
        programme: {code: X, total_credits: 30, blocs: [1]}
        groups:
          - {code: G, min_credits: 30, courses: [{code: A1, credits: 10}, {code: A2}]}
    """)
    assert "CAT-GROUP-IMPOSSIBLE" not in codes(check_catalogue(cat))


def test_total_groups_cannot_make_the_programme(make_catalogue):
    # 30 + 60 = 90 credits of groups for a 120-credit programme
    cat = make_catalogue("""\
        programme: {code: X, total_credits: 120, blocs: [1, 2]}
        groups:
          - {code: A, credits: 30, mandatory: true, courses: [{code: A1, credits: 30}]}
          - {code: B, credits: 60, complete: true, courses: [{code: B1, credits: 60}]}
    """)
    found = only(check_catalogue(cat), "CAT-TOTAL")
    assert "90 à 90 crédits, pas les 120" in found["message_fr"].iloc[0]


def test_total_bloc_overfull(make_catalogue):
    # bloc 1 holds 70 mandatory credits; a 120-credit, 2-bloc programme has 60 a bloc
    cat = make_catalogue("""\
        programme: {code: X, total_credits: 120, blocs: [1, 2]}
        groups:
          - code: A
            mandatory: true
            courses: [{code: A1, credits: 40, blocs: [1]}, {code: A2, credits: 30, blocs: [1]},
                      {code: A3, credits: 50, blocs: [2]}]
    """)
    found = only(check_catalogue(cat), "CAT-TOTAL")
    assert found["subject"].tolist() == ["1"] and "70 crédits obligatoires" in found["message_fr"].iloc[0]


def test_clean_catalogue_has_no_finding(make_catalogue):
    assert check_catalogue(make_catalogue(MINI)).empty


def test_supplementary_group_does_not_count_towards_the_total(make_catalogue):
    # 60 programme credits + 35 supplementary credits: the programme's 60 are met, the supplements are extra
    cat = make_catalogue("""\
        programme: {code: X, total_credits: 60, blocs: [1]}
        groups:
          - {code: A, credits: 60, mandatory: true, courses: [{code: A1, credits: 60, blocs: [1]}]}
          - {code: S, supplementary: true, courses: [{code: S1, credits: 35, blocs: [1], markers: ⌘}]}
    """)
    assert check_catalogue(cat).empty
