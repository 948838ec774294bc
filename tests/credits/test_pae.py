"""Spec §3 — annual programme checks (PAE-*): one test per code, with the boundary on each side."""

from __future__ import annotations

import pandas as pd

from xladdin.credits import check_programmes, with_rules

from .conftest import BA_ADMIN, CORE, FINALITE, MINI, PRIORITY, codes, frame, only, student

SUPP20 = ["MAPHD1301", "MSPHD1332"]                         # 10 + 10
SUPP35 = ["MAPHD1301", "MDRHD1304", "MSPHD1332", "MMTHD1327"]  # 10 + 5 + 10 + 10


def check(cat, *students):
    return check_programmes(cat, frame(*students))


def clean(sid="S1", extra=(), **kw):
    """A bloc 1 with supplements and nothing to say: 20 + 5 (+2 without credits) + 15 + 30 = 70 known credits."""
    return student(sid, supplements=SUPP20, enrolled=PRIORITY + CORE + FINALITE + list(extra), **kw)


def test_clean_programme_is_ok(cat):
    findings = check(cat, clean())
    assert findings[["student_id", "code", "severity"]].values.tolist() == [["S1", "OK", "info"]]
    assert findings.columns.tolist() == ["student_id", "code", "severity", "subject", "message_fr", "message_en",
                                         "source"]


def test_unknown_course(cat, make_catalogue):
    findings = check(cat, clean(extra=["MAPHD9999"]))
    found = only(findings, "PAE-UNKNOWN-COURSE")
    # header = line 1; the unknown course is the 14th data row → line 15
    assert found["subject"].tolist() == ["MAPHD9999"] and found["message_fr"].iloc[0].startswith("Ligne 15 :")
    # the page does not detail the whole programme: a warning, to be checked
    assert found["severity"].tolist() == ["warning"]
    complete = make_catalogue("""\
        programme: {code: C, total_credits: 60, blocs: [1]}
        groups: [{code: G, credits: 60, mandatory: true, courses: [{code: A1, credits: 60, blocs: [1]}]}]
    """)
    found = only(check(complete, student(enrolled=["A1", "ZZ1"])), "PAE-UNKNOWN-COURSE")
    assert found["severity"].tolist() == ["error"]           # a complete catalogue: certainly wrong


def test_duplicate_is_counted_once(cat):
    # 25 + 5 + 15 + 30 = 75 credits = the maximum; the duplicate MAPHD2221 (6) must not push it to 81
    rows = student(supplements=["MAPHD1301", "MSPHD1332", "MDRHD1304"], enrolled=PRIORITY + CORE + FINALITE
                   + ["MAPHD2221"])
    findings = check(cat, rows)
    assert codes(findings) == ["PAE-DUPLICATE"]
    assert only(findings, "PAE-DUPLICATE")["subject"].tolist() == ["MAPHD2221"]


def test_not_organised(make_catalogue):
    mini = make_catalogue(MINI)
    findings = check(mini, student(diploma="", enrolled=["C1", "O3", "O4", "O5"]))
    found = only(findings, "PAE-NOT-ORGANISED")
    # △ (exceptionally not organised) and ⊖ (not this year, next year); ⊕ (organised this year) is fine
    assert found["subject"].tolist() == ["O3", "O4"] and "△" in found["message_fr"].iloc[0]
    # a valorised course is already acquired: nothing to attend
    assert "PAE-NOT-ORGANISED" not in codes(check(mini, student(diploma="", enrolled=["C1", "O1"],
                                                                valorised=["O3"])))


def test_mandatory_missing(cat):
    # on dossier, no supplements: the five finalité courses sit in bloc 1; MAPHD2202 is missing
    rows = student(diploma="Tout master", enrolled=PRIORITY + CORE + FINALITE[:4])
    found = only(check(cat, rows), "PAE-MANDATORY-MISSING")
    assert found["subject"].tolist() == ["MAPHD2202"] and found["severity"].tolist() == ["error"]
    # a valorised course counts as present
    rows = student(diploma="Tout master", enrolled=PRIORITY + CORE + FINALITE[:4], valorised=["MAPHD2202"])
    assert "PAE-MANDATORY-MISSING" not in codes(check(cat, rows))
    # bloc 2: the page places no mandatory course there
    assert "PAE-MANDATORY-MISSING" not in codes(check(cat, student(diploma="Tout master", bloc=2,
                                                                   enrolled=["MSPHD2136"])))


def test_mandatory_missing_in_a_supplement_year_is_information(cat):
    rows = student(supplements=SUPP20, enrolled=PRIORITY + CORE + FINALITE[:4])
    found = only(check(cat, rows), "PAE-MANDATORY-MISSING")
    assert found[["subject", "severity"]].values.tolist() == [["MAPHD2202", "info"]]


def test_group_min(cat, make_catalogue):
    rows = student(diploma="Tout master", enrolled=PRIORITY + CORE + FINALITE[:4])
    found = only(check(cat, rows), "PAE-GROUP-MIN")
    # finalité: 4 × 6 = 24 credits < 30
    assert found["subject"].tolist() == ["FINALITE-MPPP"] and "24 crédits au programme, au moins 30" in \
        found["message_fr"].iloc[0]
    mini = make_catalogue(MINI)
    found = only(check(mini, student(diploma="", enrolled=["C1"])), "PAE-GROUP-MIN")
    assert found["subject"].tolist() == ["OPT"] and "0 crédits au programme, au moins 10" in found["message_fr"].iloc[0]
    assert "PAE-GROUP-MIN" not in codes(check(mini, student(diploma="", enrolled=["C1", "O1"])))   # 10 = 10
    assert "PAE-GROUP-MIN" not in codes(check(mini, student(diploma="", bloc=2, enrolled=["C2"])))  # not its bloc


def test_group_max(make_catalogue):
    mini = make_catalogue(MINI)
    findings = check(mini, student(diploma="", enrolled=["C1", "O1", "O2", "O5"]))
    found = only(findings, "PAE-GROUP-MAX")
    # 3 options × 10 = 30 credits > 20; 3 children > 2
    assert found["message_fr"].tolist() == ["Groupe OPT : 30 crédits au programme, au plus 20 permis.",
                                            "Groupe OPT : 3 éléments au programme, au plus 2 permis."]
    assert "PAE-GROUP-MAX" not in codes(check(mini, student(diploma="", enrolled=["C1", "O1", "O2"])))  # 20, 2


def test_supplements_range_diploma(cat):
    # the example: BA en sciences administratives with 35 supplementary credits (range 15–30)
    rows = student(diploma="BA en sciences administratives", supplements=SUPP35, enrolled=PRIORITY + CORE)
    found = only(check(cat, rows), "PAE-SUPPLEMENTS-RANGE")
    assert found["severity"].tolist() == ["error"]
    assert "35 crédits d'enseignements supplémentaires, hors de la fourchette 15–30" in found["message_fr"].iloc[0]
    # 30 and 15 are inside; 10 is under 15
    for supps, expected in ((["MAPHD1301", "MSPHD1332", "MMTHD1327"], False), (["MAPHD1301", "MDRHD1304"], False),
                            (["MAPHD1301"], True)):
        got = "PAE-SUPPLEMENTS-RANGE" in codes(check(cat, student(supplements=supps, enrolled=PRIORITY + CORE)))
        assert got is expected, supps
    # BA en droit: 45–60, so 35 is under
    rows = student(diploma="BA en droit", supplements=SUPP35, enrolled=PRIORITY + CORE)
    assert "45–60" in only(check(cat, rows), "PAE-SUPPLEMENTS-RANGE")["message_fr"].iloc[0]


def test_supplements_over_60_any_bloc(cat):
    # 35 + 15 + 12 = 62 imposed supplementary credits (the jury may impose master courses as supplements)
    for bloc in (1, 2):
        rows = student(diploma="BA en droit", bloc=bloc, supplements=SUPP35 + CORE + FINALITE[:2])
        found = only(check(cat, rows), "PAE-SUPPLEMENTS-RANGE")
        assert found["message_fr"].tolist() == ["62 crédits d'enseignements supplémentaires : plus que le maximum "
                                                "de 60."], bloc


def test_supplements_jury_range(cat):
    # 35 + 5 + 5 = 45: inside the diploma's 45–60 but under the jury's 50–60
    rows = student(diploma="BA en droit", supplements=SUPP35 + ["MSPHD2136", "MDRHD2104"], jury=("50", "60"))
    found = only(check(cat, rows), "PAE-SUPPLEMENTS-RANGE")
    assert [m.split(",")[0] for m in found["message_fr"]] == \
        ["45 crédits d'enseignements supplémentaires"] and "imposée par le jury" in found["message_fr"].iloc[0]
    # a jury range outside the diploma's range is itself reported
    rows = student(supplements=SUPP20, enrolled=PRIORITY + CORE + FINALITE, jury=("10", "20"))
    found = only(check(cat, rows), "PAE-SUPPLEMENTS-RANGE")
    assert "Fourchette du jury 10–20 hors de la fourchette 15–30" in found["message_fr"].iloc[0]


def test_priority_fill(cat):
    # supplements 20 < 60, bloc 1 filled with other master courses (core + finalité), no priority course
    found = only(check(cat, student(supplements=SUPP20, enrolled=CORE + FINALITE)), "PAE-PRIORITY-FILL")
    assert found["subject"].tolist() == ["MSSHD2101", "MMTHD2102", "MSPHD2136"]
    assert (found["severity"] == "warning").all()
    # priority courses first: none missing → nothing
    assert "PAE-PRIORITY-FILL" not in codes(check(cat, clean()))
    # no supplements (access on dossier): the rule does not apply
    assert "PAE-PRIORITY-FILL" not in codes(check(cat, student(diploma="Tout master", enrolled=CORE + FINALITE)))


def test_credits_low(cat):
    # 20 + 5 + 15 = 40 < 60, every credit known → error
    rows = student(supplements=SUPP20, enrolled=["MSPHD2136"] + CORE)
    found = only(check(cat, rows), "PAE-CREDITS-LOW")
    assert found[["severity", "message_fr"]].values.tolist() == [
        ["error", "Programme annuel de 40 crédits, sous le minimum de 60."]]
    # courses without known credits: a lower bound, a warning
    rows = student(diploma="Tout master", enrolled=PRIORITY + CORE + FINALITE[:4])
    assert only(check(cat, rows), "PAE-CREDITS-LOW")["severity"].tolist() == ["warning"]
    # last bloc (end of cycle) or a reduced-load decision: allowed, information only
    assert only(check(cat, student(diploma="Tout master", bloc=2, enrolled=["MSPHD2136"])),
                "PAE-CREDITS-LOW")["severity"].tolist() == ["info"]
    rows = student(diploma="Tout master", enrolled=CORE + FINALITE, reduced_load="oui")
    assert "allègement" in only(check(cat, rows), "PAE-CREDITS-LOW")["message_fr"].iloc[0]
    # exactly 60: 10 + 10 + 5 + 5 + 30 = 60
    rows = student(supplements=SUPP20, enrolled=["MSPHD2136", "MDRHD2104"] + FINALITE)
    assert "PAE-CREDITS-LOW" not in codes(check(cat, rows))


def test_credits_high(cat):
    base = dict(supplements=["MAPHD1301", "MSPHD1332", "MDRHD1304"], enrolled=["MSPHD2136"] + CORE + FINALITE)
    # 25 + 5 + 15 + 30 = 75 = the maximum: fine
    assert "PAE-CREDITS-HIGH" not in codes(check(cat, student(**base)))
    # + MSSHD2101, whose credits the page does not give, at 1 credit from the optional ``credits`` column → 76
    rows = student(**base) + student(enrolled=["MSSHD2101"], credits="1")
    found = only(check(cat, rows), "PAE-CREDITS-HIGH")
    assert found["message_fr"].tolist() == ["Programme annuel de 76 crédits, au-delà du maximum de 75."]
    # no maximum in the catalogue: no check
    assert "PAE-CREDITS-HIGH" not in codes(check(with_rules(cat, **{"annual_credits.max": None}), rows))


def test_valorised_max(cat):
    # 15 + 30 + 5 + 15 = 65 valorised credits > 60
    rows = student(diploma="Tout master", bloc=2, valorised=CORE + FINALITE + ["MSPHD2136"]) + \
        student(diploma="Tout master", bloc=2, valorised=["HORS-1"], credits="15")
    found = only(check(cat, rows), "PAE-VALORISED-MAX")
    assert found["message_fr"].tolist() == ["65 crédits valorisés, plus que le maximum de 60."]
    rows = student(diploma="Tout master", bloc=2, valorised=CORE + FINALITE + ["MSPHD2136"]) + \
        student(diploma="Tout master", bloc=2, valorised=["HORS-1"], credits="10")           # 60: fine
    assert "PAE-VALORISED-MAX" not in codes(check(cat, rows))


def test_many_students_in_input_order(cat):
    students = [clean(f"S{i:03d}") if i % 2 else student(f"S{i:03d}", supplements=SUPP35, enrolled=CORE)
                for i in range(200)]
    findings = check(cat, *students)
    ids = list(dict.fromkeys(findings["student_id"]))
    assert ids == [f"S{i:03d}" for i in range(200)]
    ok = findings[findings["code"] == "OK"]["student_id"]
    assert set(ok) == {f"S{i:03d}" for i in range(1, 200, 2)}
    assert isinstance(findings, pd.DataFrame) and findings.notna().all().all()
