"""BE-2024 (ABV BSG 438.312), family side only — docs/rules/BE.md §4 steps 0-3, through ``xladdin.explain`` and
``xladdin.assess(..., rules="BE-2024")``. Figures of the worked examples BE-1..BE-3 (BE.md §8) and hand-worked
variations, arithmetic in the comments ("Art." = ABV, "A1-1" = its appendix). Common: Swiss, stipend domicile BE,
training year from 19.08.2024 (reference date, B17), application 30.11.2024 (deadline 31.12.2024)."""

from __future__ import annotations

import pytest

from .helpers import Canton
from .test_be import COMMON, EXAMPLES

BE_1, BE_2, BE_3 = (EXAMPLES[name][0] for name in ("BE-1", "BE-2", "BE-3"))      # BE.md §8, as in test_be.py

B1 = "Family budget 1: "


BE = Canton("BE-2024", COMMON, default="BE")


def trace(case: dict, **changes) -> dict:
    return BE.trace(**{**case, **changes})


def result(case: dict, **changes) -> dict:
    return BE.result(**{**case, **changes})


def test_be_1_family_budget():
    # Art. 15-16: R_b = 100 000 + 0.15 × 10 000 = 101 500. Art. 18: 5 persons 29 220. Art. 19: min(24 000, 25 260).
    # Art. 20: 2 × 5 400 + 4 600 (student 19) + 2 × 1 400 = 18 200. Art. 21: min(2 × 2 400 + 6 000, 13 200)
    # = 10 800. Art. 22: 10 000 + 6 000. K_b = 98 220; surplus 3 280 / 2 children in training = 1 640 (Art. 23).
    t = trace(BE_1)
    assert t[B1 + "resources"] == 101500
    assert t[B1 + "basic needs"] == 29220
    assert t[B1 + "housing"] == 24000
    assert t[B1 + "basic medical care"] == 18200
    assert t[B1 + "integration supplement and income allowance"] == 10800
    assert t[B1 + "taxes, professional costs, recognised deductions"] == 16000
    assert t[B1 + "recognised costs"] == 98220
    assert t[B1 + "share (surplus / children in training, deficit / persons)"] == 1640
    assert t["Parents' contribution (resource)"] == 1640
    assert t["Independence from the parents"] == "not independent"          # the English label, not the code


def test_be_2_partial_independence_halves_the_surplus():
    # R_b = 80 000 + 0.15 × 20 000 = 83 000. K_b = 18 468 + min(20 000, 16 260) + 2 × 5 400 + (0 + 6 000)
    # + 7 000 + 4 000 = 62 528; surplus 20 472 / 1; 28, first training done (ABG 15 Abs. 2) → 50 % = 10 236
    # (Art. 23 Abs. 3).
    t = trace(BE_2)
    assert (t[B1 + "resources"], t[B1 + "recognised costs"]) == (83000, 62528)
    assert t[B1 + "share (surplus / children in training, deficit / persons)"] == 20472
    assert t["Share of the parents' surplus counted"] == 0.5
    got = result(BE_2)
    assert (got["independence"], got["parents_share"]) == ("partial", 10236)


@pytest.mark.parametrize("changes, independence, share", [
    ({"independence": "none"}, "none", 20472),              # given none: 100 % [B6]
    ({"independence": "full"}, "partial", 10236),           # no full waiver in BE: full means 50 % [B6]
    ({"first_training_done": False, "years_full_time_work": 4}, "partial", 10236),   # 4 years' work (ABG 15 Abs. 2 b)
    ({"first_training_done": False, "years_full_time_work": 3}, "none", 20472),      # neither condition
])
def test_be_independence_given_or_derived(changes, independence, share):
    got = result(BE_2, **changes)
    assert (got["independence"], got["parents_share"]) == (independence, share)


def test_be_3_family_budget():
    # R_b 70 000; K_b = 18 468 + 16 260 + 10 800 + 6 000 + 5 000 + 4 000 = 60 528 → surplus 9 472 / 1.
    # 24 and married: an own household with a spouse (Art. 30 Abs. 2), the parents' budget without the student.
    t = trace(BE_3)
    assert (t[B1 + "resources"], t[B1 + "recognised costs"]) == (70000, 60528)
    assert t["Parents' share counted (+ surplus, − deficit)"] == 9472
    assert t["Own household recognised"] == "yes"


UNDER_20_LEASE = {**BE_1, "housing": "lease", "housing_costs": 9000, "p1_children_gt10": 2,
                  "p1_children_young_adult": 0, "p1_in_training": 1}


def test_be_own_household_under_20_not_recognised_student_added_to_p1():
    # Art. 30 Abs. 1 [B7]: 19, a lease, no compelling reason → BE-ABV-30; the student is added to p1's household
    # (2 siblings + the student; a young adult of 19, A1-1 Abs. 7 b) and to its persons in training (1 + 1):
    # exactly BE-1's budget → surplus 3 280 / 2 = 1 640; the student's costs are those of living at home:
    # 900 + 150 × 10 + min(1 600, 3 000) = 4 000 (Art. 33, 28), aid 4 000 − 1 640 = 2 360 as in BE-1.
    got = result(UNDER_20_LEASE)
    assert "BE-ABV-30" in got["reasons"].split(";") and got["eligible"]
    assert (got["parents_share"], got["needs"], got["aid"]) == (1640, 4000, 2360)
    t = trace(UNDER_20_LEASE)
    assert t[B1 + "persons in the budget"] == 5 and t[B1 + "integration supplement and income allowance"] == 10800


def test_be_own_household_with_a_reason_keeps_the_student_out_of_p1():
    # Art. 30 Abs. 2: a compelling reason → own household. p1 without the student: 4 persons,
    # 25 836 + min(24 000, 19 932) + 2 × 5 400 + 2 × 1 400 + min(2 400 + 6 000, 13 200) + 16 000
    # = 25 836 + 19 932 + 13 600 + 8 400 + 16 000 = 83 768; surplus 101 500 − 83 768 = 17 732 / 2 = 8 866.
    got = result(UNDER_20_LEASE, own_household_reason=True)
    assert "BE-ABV-30" not in got["reasons"] and got["parents_share"] == 8866
    # 20 on the reference date (born 19.08.2004): recognised by age alone (Art. 30 Abs. 1), same budget.
    assert result(UNDER_20_LEASE, birth_date="2004-08-19")["parents_share"] == 8866


def test_be_deficit_per_head_only_where_the_student_lives_and_not_halved():
    # Art. 24: 2 adults, the student (19) and a sibling (15). R_b = 50 000. K_b = 25 836 (4 persons)
    # + min(20 000, 19 932) + 2 × 5 400 + 4 600 + 1 400 + min(2 × 2 400 + 6 000, 13 200) + 2 000 + 3 000
    # = 25 836 + 19 932 + 16 800 + 10 800 + 5 000 = 78 368; deficit −28 368 / 4 = −7 092, a cost (Art. 29).
    case = {**BE_1, "p1_children_gt10": 2, "p1_in_training": 2, "p1_income_total": 50000, "p1_taxable_wealth": 0,
            "p1_housing_costs": 20000, "p1_taxes": 2000, "p1_professional_costs": 3000}
    assert result(case)["parents_share"] == -7092
    assert result(case, independence="partial")["parents_share"] == -7092     # B6: a deficit counts in full
    # The same deficit in the budget of a parent the student does not live with is ignored (B5).
    apart = {**case, "parents": "apart", "p1_adults": 1, "p1_children_gt10": 0, "p1_children_young_adult": 0,
             "p1_in_training": 0, "p1_income_total": 200000, "p1_taxes": 0, "p1_professional_costs": 0,
             "p2_adults": 2, "p2_children_gt10": 1, "p2_in_training": 1, "p2_income_total": 20000}
    t = trace(apart)
    assert t["Family budget 2: balance (resources − costs)"] < 0
    assert t["Family budget 2: share (surplus / children in training, deficit / persons)"] == 0


def test_be_income_deductions_and_self_employed_wealth_allowance():
    # Art. 15 Abs. 2, 6: 100 000 − 12 000 imputed rent (lit. a) − 6 000 maintenance for the student (lit. b)
    # − 4 000 self-employed pension (lit. c-d) + 2 000 EL = 80 000.
    # Art. 16, A1-1 Abs. 9: 0.15 × (50 000 − 30 000 self-employed) = 3 000; not self-employed 0.15 × 50 000 = 7 500.
    case = {**BE_1, "p1_income_total": 100000, "p1_imputed_rent": 12000, "p1_income_excluded": 6000,
            "p1_self_employed_pension": 4000, "p1_supplementary_benefits": 2000, "p1_taxable_wealth": 50000}
    t = trace(case, p1_self_employed=True)
    assert t[B1 + "countable income (share of taxed income + supplementary benefits)"] == 80000
    assert t[B1 + "share of wealth (above the allowance)"] == 3000
    assert trace(case)[B1 + "share of wealth (above the allowance)"] == 7500


def test_be_no_budget_for_a_parent_paying_maintenance():
    # Art. 14 Abs. 4: p2 pays court-ordered maintenance to the student → no budget (and no missing income).
    case = {**BE_1, "parents": "apart", "p2_pays_alimony": True}
    t = trace(case)
    assert "Family budget 2: resources" not in t
    assert "BE-ABV-37" not in result(case)["reasons"]
