import datetime as dt

import pytest

from xladdin import assess
from xladdin.bursary import loan_plan
from xladdin.errors import RulesError
from xladdin.rules import available, load

from .conftest import BASE


def test_loan_plan_ten_thousand():
    # RBPE 18 al. 1: end of studies 2026 → 1/10 a year 2028-2031 (1 000), then 1/5 a year 2032-2034 (2 000)
    plan = loan_plan(10_000, 2026)
    assert plan["year"].tolist() == list(range(2028, 2035))
    assert plan["installment"].tolist() == [1000] * 4 + [2000] * 3
    assert plan["remaining"].tolist() == [9000, 8000, 7000, 6000, 4000, 2000, 0]


def test_loan_plan_rounds_to_francs_and_repays_exactly():
    # 12 345: 1 234.50 → 1 235 (× 4 = 4 940), 2 469 × 2 = 4 938, last 12 345 − 9 878 = 2 467
    plan = loan_plan(12_345, 2026)
    assert plan["installment"].tolist() == [1235] * 4 + [2469, 2469, 2467]
    assert plan["installment"].sum() == 12_345


def test_rule_set_states_its_validity_and_articles():
    rs = load("GE-2025")
    assert (rs.valid_from, rs.valid_to) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    p = rs.flat()["amounts.cap.tertiary"]
    assert (p.value, p.valid_from) == (16740, "2023-09-01") and "RBPE art. 17 al. 3" in p.article
    assert all(p.article for p in rs.flat().values())


def test_canton_picks_the_rule_set_in_force():
    assert load("GE", dt.date(2025, 10, 1)).id == "GE-2025"
    with pytest.raises(RulesError):
        load("GE", dt.date(1990, 1, 1))
    with pytest.raises(RulesError):
        load("XX-2025")


def test_overrides_change_the_result_without_code():
    rs = load("GE-2025").with_overrides({"amounts.cap.tertiary": 18000})
    r = assess([dict(BASE, housing="lease")], rules=rs).iloc[0]
    assert r["cap"] == 18000 and r["bursary"] == 18000 and "amounts.cap.tertiary=18000" in r["rules"]
    with pytest.raises(RulesError):
        load("GE-2025").with_overrides({"amounts.cap.nope": 1})


def test_every_shipped_rule_set_loads():
    assert "GE-2025" in available()


def test_ge_2022_marks_carried_amounts():
    rs = load("GE-2022")
    flat = rs.flat()
    assert flat["amounts.cap.tertiary"].value == 16000 and not flat["amounts.cap.tertiary"].carried
    assert flat["resources.earnings_allowance"].carried          # RBPE 11 before 2023 is not in our texts
    assert flat["amounts.cap.per_child"].value == 4000 and not flat["amounts.cap.per_child"].carried


def test_mixed_years_are_assessed_each_under_its_rule_set():
    rows = [dict(BASE, applicant_id="Y21", year_start="15.09.2021", application_date="01.10.2021", housing="lease"),
            dict(BASE, applicant_id="Y25", housing="lease")]
    r = assess(rows, rules="GE")
    assert r["rules"].tolist() == ["GE-2022 v1.0", "GE-2025 v1.0"]
    assert r["cap"].tolist() == [16000, 16740]


def test_every_shipped_rule_set_names_a_known_variant_for_every_slot():
    """The canton-generic model: a rule set picks one registered variant per slot (xladdin/bursary/model.py)."""
    from xladdin.bursary import model
    from xladdin.rules import available

    for rs in available().values():
        assert model.check_choices(rs.id, rs.choices) == []
        assert len(model.steps(rs)) == len(model.SLOTS)
        assert rs.reason_codes, rs.id


def test_a_rule_set_with_an_unknown_variant_is_reported():
    from xladdin.bursary import model

    problems = model.check_choices("XX-1", {"age": "lunar_years"})
    assert "XX-1: slot 'age' has no variant 'lunar_years' (known: whole_years)" in problems
    assert "XX-1: model slot 'amounts' has no variant" in problems


def test_one_amount_used_in_two_places_is_one_value():
    """ABV A1-1 Abs. 1 and 7 serve the family budget and the personal budget alike: BE-2024 holds them once
    (``student.basic.* same_as family.basic.*``), so a what-if on the family table moves both, and varying the
    alias itself is refused with a message naming the parameter to vary."""
    import pytest

    from xladdin.errors import RulesError
    from xladdin.rules import load

    be = load("BE-2024")
    assert be.value("student.basic.p3") == be.value("family.basic.p3") == 22452
    assert be.flat()["student.health.child"].as_json()["same_as"] == "family.health.child"
    moved = be.with_overrides({"family.basic.p3": 23000, "family.health.child": 1500})
    assert moved.value("student.basic.p3") == 23000 and moved.value("student.health.child") == 1500
    with pytest.raises(RulesError) as err:
        be.with_overrides({"student.basic.p3": 23000})
    assert err.value.text("fr") == ("student.basic.p3 reprend la valeur de family.basic.p3 (le même montant de la "
                                    "loi) : faites varier family.basic.p3")
