"""ZH-2021 (VAB LS 416.1): the worked examples of docs/rules/ZH.md §8 end to end, then one hand-worked case per step
of ZH.md §4 and per reason code of §3.2. Every figure is worked by hand in the comments ("§" = VAB, "Anh." = its
appendix). Common to all (ZH.md §8): Swiss, stipend domicile ZH, training year from 16.09.2024 → reference date
01.09.2024 (§ 6) and deadline 28.02.2025 (§ 29), application 15.10.2024."""

from __future__ import annotations

import pandas as pd
import pytest

import xladdin
from xladdin.bursary import model
from xladdin.rules import load

from .helpers import Canton

COMMON = {"nationality": "CH", "aid_domicile": "ZH", "recognised": True, "part_time_ratio": 1,
          "year_start": "2024-09-16", "application_date": "2024-10-15", "meal_days_per_week": 5}

WORKED = {
    "ZH-1": ({"birth_date": "2004-03-15", "programme_kind": "bachelor", "level": "tertiary",
              "regular_semesters": 6, "semesters_aided": 2, "housing": "parents", "earnings": 6000, "transport": 800,
              "parents": "together", "p1_adults": 2, "p1_children_gt10": 2, "p1_children_young_adult": 1,
              "p1_children_adult": 0, "p1_children_in_training": 2, "p1_income_total": 110000,
              "p1_net_wealth": 80000},
             {"eligible": True, "reasons": "", "parents_share": -3150, "needs": 8250, "resources": 4980,
              "shortfall": 3270, "aid": 3270, "bursary": 3270, "loan": 0, "entitlement_semesters": 8,
              "independence": "none"}),
    "ZH-2": ({"birth_date": "1997-05-10", "programme_kind": "bachelor", "level": "tertiary",
              "regular_semesters": 6, "semesters_aided": 0, "years_in_training": 4, "housing": "lease",
              "earnings": 15000, "wealth": 12000, "transport": 700, "parents": "together", "p1_adults": 2,
              "p1_children_in_training": 1, "p1_income_total": 50000, "p1_net_wealth": 0},
             {"eligible": True, "reasons": "ZH-BiG-§17i", "parents_share": 0, "needs": 31000, "resources": 20000,
              "shortfall": 11000, "aid": 11000, "bursary": 11000, "loan": 0}),
    "ZH-3": ({"birth_date": "2001-02-01", "programme_kind": "tertiary_b", "level": "tertiary",
              "regular_semesters": 6, "housing": "household", "student_children": 1, "earnings": 8000,
              "alimony": 6000, "other_income": 2400, "transport": 900, "childcare_costs": 12000, "parents": "apart",
              "p1_adults": 1, "p1_children_gt10": 1, "p1_children_in_training": 1, "p1_income_total": 70000,
              "p1_net_wealth": 20000, "p2_pays_alimony": True},
             {"eligible": True, "parents_share": 0, "needs": 54800, "resources": 14700, "shortfall": 40100,
              "aid": 20050, "bursary": 20050, "loan": 0}),
    "ZH-4": ({"birth_date": "2007-01-20", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "regular_semesters": 8, "housing": "parents", "transport": 780, "parents": "apart",
              "p1_adults": 1, "p1_children_gt10": 2, "p1_children_young_adult": 1, "p1_children_in_training": 2,
              "p1_income_total": 150000, "p1_imputed_rent": 24000, "p1_net_wealth": 200000,
              "p1_owner_occupied": True, "p2_adults": 2, "p2_children_in_training": 2, "p2_income_total": 60000,
              "p2_net_wealth": 0},
             {"eligible": True, "parents_share": 9140, "needs": 2980, "resources": 9140, "shortfall": -6160,
              "aid": 0, "bursary": 0, "loan": 0}),
    "ZH-5": ({"birth_date": "1988-02-02", "programme_kind": "bachelor", "level": "tertiary",
              "regular_semesters": 6, "housing": "lease", "earnings": 30000, "transport": 600, "parents": "together",
              "p1_adults": 2, "p1_income_total": 200000},
             {"eligible": True, "reasons": "ZH-VAB-§12-2;ZH-BiG-§17i;ZH-BiG-§17j", "parents_share": 0,
              "needs": 30900, "resources": 26600, "shortfall": 4300, "aid": 4300, "bursary": 0, "loan": 4300,
              "independence": "full"}),
}


ZH = Canton("ZH-2021", COMMON, WORKED, default="ZH-1")
applicant, result, trace, reasons = ZH.applicant, ZH.result, ZH.trace, ZH.reasons


# ---------------------------------------------------------------------------------------------------- ZH.md §8

@pytest.mark.parametrize("example", sorted(WORKED))
def test_worked_example(example):
    # ZH.md §8: ZH-1..ZH-5, each with its arithmetic in the spec's tables.
    ZH.check_worked(example)


def test_worked_examples_in_one_table_keep_order_and_rows():
    frame = ZH.worked_table()
    assert frame["applicant_id"].tolist() == sorted(WORKED)
    assert frame["aid"].tolist() == [3270, 11000, 20050, 0, 4300]
    assert (frame["cap"].isna()).all()                                   # no cap in the VAB [R14]
    assert set(frame["rules"]) == {"ZH-2021 v1.0"}


def test_zh_1_family_budget_figures():
    # ZH-1, § 13: 0.60 × 110 000 = 66 000; 0.10 × (80 000 − 60 000 couple, Anh. 1.1.3) = 2 000 → 68 000.
    # § 14: basic 27 800 + 2 × 9 700 = 47 200; housing 4 persons 21 400; health 2 × 4 400 + 2 600 + 600 = 12 000.
    # K_b = 80 600; S_b = −12 600; the student lives there: 12 600 / 4 persons = 3 150 (§ 17 Abs. 1).
    t = trace("ZH-1")
    assert t["Family budget 1: countable income (share of taxed income + supplementary benefits)"] == 66000
    assert t["Family budget 1: share of wealth (above the allowance)"] == 2000
    assert t["Family budget 1: basic needs"] == 47200
    assert t["Family budget 1: housing"] == 21400
    assert t["Family budget 1: basic medical care"] == 12000
    assert t["Family budget 1: recognised costs"] == 80600
    assert t["Family budget 1: balance (resources − costs)"] == -12600
    assert t["Family budget 1: persons in the budget"] == 4
    assert t["Share of the family deficit (cost)"] == 3150
    assert "Family budget 2: resources" not in t                         # parents together: one budget


# ---------------------------------------------------------------------------------------------------- §4 step 0

def test_step0_no_budget_for_a_parent_paying_maintenance():
    # ZH-3, § 12 Abs. 1: p2 owes court-ordered maintenance → no budget for p2 (and its missing income is no gap).
    t = trace("ZH-3")
    assert "Family budget 2: resources" not in t
    assert t["Family budget 1: resources"] == 42000                      # 0.60 × 70 000; wealth 20 000 < 37 500


def test_step0_no_family_budget_from_35():
    # ZH-5, § 12 Abs. 2: 36 ≥ 35 → no family budget at all, even with p1_income_total 200 000; independence full.
    t = trace("ZH-5")
    assert "Family budget 1: resources" not in t
    assert t["Independence from the parents"] == "fully independent"        # the English label, not the code
    # 34 on the reference date (born 02.09.1989): the budget counts; 0.60 × 200 000 = 120 000 − K_b
    # (27 800 + 18 000 + 2 × 4 400 = 54 600) = 65 400 surplus / 1 child in training → bursary 0.
    younger = result("ZH-5", birth_date="1989-09-02")
    assert younger["parents_share"] == 65400 and younger["aid"] == 0
    assert "ZH-VAB-§12-2" not in younger["reasons"]


def test_step0_own_household_not_recognised_counts_the_student_in_p1():
    # § 23 Abs. 1 [R6]: 22 (born 01.05.2002), a lease, no compelling reason → ZH-VAB-§23; the student is added to
    # p1's household: 1 sibling + the student = 2 children, the student a young adult (18-24, R3).
    # R_b = 0.60 × 100 000 = 60 000. K_b = 27 800 + 2 × 9 700 + 21 400 (4 persons) + 2 × 4 400 + 2 600 + 600
    # = 80 600. S_b = −20 600 / 4 = −5 150, a cost (§ 17 Abs. 2, § 20 Abs. 1).
    # K_s = 5 150 + 1 200 + 1 500 + 0 + 1 600 = 9 450; R_s = EL 3 000 (Anh. 3.1.1) → aid 6 450.
    case = dict(birth_date="2002-05-01", housing="lease", semesters_aided=0, earnings=0, transport=0,
                p1_children_gt10=1, p1_children_young_adult=0, p1_children_in_training=2, p1_income_total=100000,
                p1_net_wealth=0)
    got = result(**case)
    assert got["reasons"] == "ZH-VAB-§23"
    assert (got["parents_share"], got["needs"], got["resources"], got["aid"]) == (-5150, 9450, 3000, 6450)
    t = trace(**case)
    assert t["Own household recognised"] == "no" and t["Counted in parent 1's household"] == "yes"
    assert t["Family budget 1: persons in the budget"] == 4


def test_step0_compelling_reason_recognises_the_own_household():
    # § 23 Abs. 2: same student with a compelling reason → own household, p1's deficit ignored (§ 17 Abs. 1).
    # p1 without the student: 27 800 + 9 700 + 19 700 + 8 800 + 600 = 66 600 − 60 000 → deficit, ignored.
    # K_s = 12 000 + 9 600 + 2 600 (22) + 1 200 + 1 500 + 1 600 = 28 500; R_s = 3 000 → aid 25 500.
    case = dict(birth_date="2002-05-01", housing="lease", semesters_aided=0, earnings=0, transport=0,
                p1_children_gt10=1, p1_children_young_adult=0, p1_children_in_training=2, p1_income_total=100000,
                p1_net_wealth=0)
    got = result(**case, own_household_reason=True)
    assert (got["reasons"], got["parents_share"], got["needs"], got["aid"]) == ("", 0, 28500, 25500)
    # § 23 Abs. 2 lit. c: a household with a spouse is a compelling reason by itself (R6).
    married = result(**case, married=True)
    assert "ZH-VAB-§23" not in married["reasons"] and married["parents_share"] == 0


# ---------------------------------------------------------------------------------------------------- §4 step 1

SINGLE_PARENT = dict(birth_date="2005-03-01", housing="parents", semesters_aided=0, earnings=0, transport=0,
                     parents="apart", p1_adults=1, p1_children_gt10=1, p1_children_young_adult=1,
                     p1_children_in_training=1, p2_pays_alimony=True)


def test_step1_income_restrictions_exclusions_benefits_and_owner_wealth():
    # § 13 Abs. 1 lit. a Ziff. 1-3 and Abs. 2 [R1, R2]: 90 000 − 0.80 × 10 000 + 5 000 losses added back
    # − 12 000 meant for a sibling in training = 75 000; × 0.60 = 45 000; + ZL 3 000 (lit. b) = 48 000.
    # Wealth (lit. c, Anh. 1.1.2 single owner-occupier): 0.10 × (160 000 − 150 000) = 1 000. R_b = 49 000.
    # K_b = 18 500 + 9 700 + 18 000 (2 persons) + 4 400 + 2 600 (student 19) = 53 200; S_b = −4 200 / 2 = −2 100.
    t = trace(**SINGLE_PARENT, p1_income_total=90000, p1_imputed_rent=10000, p1_income_addbacks=5000,
              p1_income_excluded=12000, p1_supplementary_benefits=3000, p1_net_wealth=160000,
              p1_owner_occupied=True)
    assert t["Family budget 1: countable income (share of taxed income + supplementary benefits)"] == 48000
    assert t["Family budget 1: share of wealth (above the allowance)"] == 1000
    assert t["Family budget 1: resources"] == 49000
    assert t["Family budget 1: recognised costs"] == 53200
    assert t["Family budget 1: share (surplus / children in training, deficit / persons)"] == -2100


@pytest.mark.parametrize("adults, owner, wealth, counted", [
    (1, False, 50000, 1250),     # Anh. 1.1.1: 0.10 × (50 000 − 37 500)
    (1, True, 50000, 0),         # Anh. 1.1.2: below 150 000
    (2, False, 100000, 4000),    # Anh. 1.1.3: 0.10 × (100 000 − 60 000)
    (2, True, 200000, 2750),     # Anh. 1.1.4: 0.10 × (200 000 − 172 500)
])
def test_step1_wealth_allowances(adults, owner, wealth, counted):
    t = trace(**{**SINGLE_PARENT, "p1_adults": adults}, p1_owner_occupied=owner, p1_net_wealth=wealth,
              p1_income_total=50000)
    assert t["Family budget 1: share of wealth (above the allowance)"] == counted


def test_step1_missing_income_of_a_needed_budget_is_an_incomplete_file():
    # § 30 Abs. 1: p1's budget is needed (student 20, parents together) and has no tax assessment → ZH-VAB-§30.
    got = result(p1_income_total=None)
    assert not got["eligible"] and got["reasons"] == "ZH-VAB-§30" and got["aid"] == 0


# ---------------------------------------------------------------------------------------------------- §4 step 2

def test_step2_degressive_children_flat_housing_health_and_deductions():
    # Anh. 2.1: 2 adults, 6 children (3 ≤ 10, 3 > 10, the pupil of 16 among them, all in the child band):
    # 27 800 + 2 × 9 700 + 2 × 6 500 + 2 × 3 300 = 66 800. Anh. 2.2.4: 8 persons → 21 400.
    # Anh. 2.3: 2 × 4 400 + 6 × 600 = 12 400. § 15: deductions 5 000. K_b = 105 600.
    # R_b = 0.60 × 200 000 = 120 000; S_b = 14 400 / 3 children in training = 4 800 (§ 16 Abs. 1).
    case = dict(birth_date="2008-05-01", programme_kind="initial_sec2", level="secondary_ii", regular_semesters=8,
                semesters_aided=0, earnings=0, transport=0, p1_children_le10=3, p1_children_gt10=3,
                p1_children_young_adult=0, p1_children_in_training=3, p1_income_total=200000, p1_net_wealth=0,
                p1_recognised_deductions=5000)
    t = trace(**case)
    assert t["Family budget 1: basic needs"] == 66800
    assert t["Family budget 1: housing"] == 21400
    assert t["Family budget 1: basic medical care"] == 12400
    assert t["Family budget 1: taxes, professional costs, recognised deductions"] == 5000
    assert t["Family budget 1: recognised costs"] == 105600
    assert t["Family budget 1: share (surplus / children in training, deficit / persons)"] == 4800
    # No integration supplement in ZH (§ 14): not traced at all.
    assert "Family budget 1: integration supplement and income allowance" not in t


def test_step2_taxes_are_not_a_family_cost():
    # §§ 14-15 list no taxes: p1_taxes (a GE input) changes nothing. ZH-1 stays at −3 150.
    assert result(p1_taxes=20000)["parents_share"] == -3150


# ---------------------------------------------------------------------------------------------------- §4 step 3

def test_step3_surplus_shared_by_children_in_training_deficit_of_other_parent_ignored():
    # ZH-4: p1 surplus 83 480 − 65 200 = 18 280 / 2 = 9 140 (§ 16); p2 (the student does not live there):
    # 36 000 − 54 600 = −18 600, ignored (§ 17 Abs. 1, R5).
    t = trace("ZH-4")
    assert t["Family budget 1: resources"] == 83480 and t["Family budget 1: recognised costs"] == 65200
    assert t["Family budget 1: share (surplus / children in training, deficit / persons)"] == 9140
    assert t["Family budget 2: balance (resources − costs)"] == -18600
    assert t["Family budget 2: share (surplus / children in training, deficit / persons)"] == 0
    assert t["Parents' contribution (resource)"] == 9140


def test_step3_surplus_of_both_parents_adds_up():
    # ZH-4 with p2 earning 120 000: R_b 72 000 − 54 600 = 17 400 / 2 = 8 700; 9 140 + 8 700 = 17 840.
    assert result("ZH-4", p2_income_total=120000)["parents_share"] == 17840


# ---------------------------------------------------------------------------------------------------- §4 step 4

def test_step4_part_time_own_contribution():
    # Anh. 3.1.3 [R7]: part-time 50 %, reasonable workload 1 − 0.5 → max(36 000 × 0.5, 3 000) = 18 000;
    # § 19 lit. d: 0.66 × (20 000 − 18 000) = 1 320 → R_s = 19 320. Entitlement: no § 5 reason → 6 + 2 = 8.
    got = result(part_time_ratio=0.5, earnings=20000)
    assert got["resources"] == 19320 and got["entitlement_semesters"] == 8


CLAIM_MONTHS = ("Months of the period with a claim (from the month after the complete file, to the month of the "
                "45th birthday)")
APPRENTICE = {"programme_kind": "initial_sec2", "level": "secondary_ii", "regular_semesters": 8, "semesters_aided": 0}


def test_step4_apprentices_pay_no_own_contribution_of_students():
    """VAB Anh. 3.1.1 [R7]: the own contribution of "Vollzeitstudierende (ab 19. Altersjahr)". ZH-1's person (20,
    living with the parents, deficit share 3 150, transport 800, earnings 6 000) at secondary II:
    needs 3 150 + 800 + 600 materials + 0 fees + 1 600 meals = 6 150 (Anh. 4.4).
    A pupil or student: 3 000 + 0.66 × (6 000 − 3 000) = 4 980 → aid 1 170.
    An apprentice (Lernende): no own contribution, 0.66 × 6 000 = 3 960 (§ 19 Abs. 1 lit. d) → aid 2 190.
    The former reading (switch apprentices: true): charged like a student, 1 170."""
    pupil = result(**APPRENTICE)
    apprentice = result(**APPRENTICE, apprenticeship=True)
    assert (pupil["needs"], pupil["resources"], pupil["aid"]) == (6150, 4980, 1170)
    assert (apprentice["needs"], apprentice["resources"], apprentice["aid"]) == (6150, 3960, 2190)
    assert trace(**APPRENTICE, apprenticeship=True)["Own contribution imputed"] == 0
    charged = load("ZH-2021").with_overrides({"student.own_contribution.apprentices": True})
    row = xladdin.assess([applicant(**APPRENTICE, apprenticeship=True)], rules=charged).iloc[0]
    assert (row["resources"], row["aid"]) == (4980, 1170)


@pytest.mark.parametrize("born, reason, own_contribution, code", [
    ("1998-05-01", False, 20000, True),    # 26: increased from 25 (BiG § 17 i, R8)
    ("1998-05-01", True, 3000, False),     # 26 with a § 17 h Abs. 2 reason: not before 28
    ("1996-05-01", True, 20000, True),     # 28 with a reason: increased
])
def test_step4_increased_own_contribution(born, reason, own_contribution, code):
    case = dict(birth_date=born, housing="lease", earnings=0, stipend_age_reason=reason)
    t = trace(**case)
    assert t["Own contribution imputed"] == own_contribution
    assert ("ZH-BiG-§17i" in reasons(**case)) is code


def test_step4_spouse_pensions_other_income_and_wealth():
    # § 19: married (own household), EL 3 000 (23, full time); spouse 0.66 × 30 000 = 19 800 (lit. e);
    # pensions 1 200 in full (lit. f, R9), other income 600; wealth 0.10 × (50 000 − 40 000 couple) = 1 000 (lit. g).
    # R_s = 3 000 + 19 800 + 1 200 + 600 + 1 000 = 25 600.
    got = result(birth_date="2001-02-01", housing="household", married=True, earnings=0, spouse_income=30000,
                 pensions=1200, other_income=600, wealth=50000)
    assert got["resources"] == 25600


# ---------------------------------------------------------------------------------------------------- §4 step 5

def test_step5_own_household_family_of_three_with_further_costs():
    # § 18: student (23), spouse (30: adult band), 1 child → 3 persons. Anh. 4.1.3 22 200, 4.2.3 19 800,
    # 4.3: 2 600 + 4 400 + 600 = 7 600; § 21: 1 200 + 1 500 + 0 + 1 600 × 3 / 5 = 960 (R11);
    # § 22: 1 000 paid + min(5 000, 4 000) + min(15 000, 10 100) = 15 100. K_s = 68 360.
    # R_s = 3 000 + 0.66 × 30 000 = 22 800. (68 360 − 22 800) / 3 = 15 186.67 → 15 187 (§ 26, R13).
    got = result(birth_date="2001-02-01", housing="household", married=True, partner_birth_date="1994-01-01",
                 student_children=1, earnings=0, spouse_income=30000, transport=0, meal_days_per_week=3,
                 alimony_paid=1000, illness_costs=5000, childcare_costs=15000)
    assert (got["needs"], got["resources"], got["shortfall"], got["aid"]) == (68360, 22800, 45560, 15187)


def test_step5_health_bands_at_18_and_25():
    # Anh. 4.3 [R3]: at 18 (born 01.09.2006) young adult 2 600; at 25 (born 01.09.1999) adult 4 400.
    young = trace(birth_date="2006-09-01", housing="lease", own_household_reason=True, earnings=0)
    adult = trace(birth_date="1999-09-01", housing="lease", earnings=0)
    assert young["Student: basic medical care"] == 2600
    assert adult["Student: basic medical care"] == 4400
    # 17 (born 02.09.2006): child band 600 and no own contribution (Anh. 3.1.1 "ab 19. Altersjahr").
    child = trace(birth_date="2006-09-02", housing="lease", own_household_reason=True, earnings=0)
    assert child["Student: basic medical care"] == 600 and child["Own contribution imputed"] == 0


def test_step5_compulsory_schooling_counts_training_costs_only():
    # § 24: a pupil of 15 in the first years of a Langgymnasium, living with parents in deficit
    # (0.60 × 50 000 = 30 000 − (27 800 + 9 700 + 19 700 + 8 800 + 600 = 66 600) → −36 600 / 3 = −12 200):
    # the deficit share is not a cost; K_s = 600 + 0 + 500 + 1 600 = 2 700; EL 0 (under 18) → aid 2 700.
    got = result(birth_date="2009-05-01", programme_kind="initial_sec2", level="secondary_ii", regular_semesters=8,
                 semesters_aided=0, in_compulsory_schooling=True, earnings=0, transport=500,
                 p1_children_gt10=1, p1_children_young_adult=0, p1_children_in_training=1,
                 p1_income_total=50000, p1_net_wealth=0)
    assert (got["needs"], got["resources"], got["aid"]) == (2700, 0, 2700)


# ---------------------------------------------------------------------------------------------------- §4 step 6

def test_step6_no_claim_when_income_exceeds_costs():
    # § 25: ZH-4, 9 140 > 2 980 → no claim.
    got = result("ZH-4")
    assert got["shortfall"] == -6160 and got["aid"] == 0 and got["eligible"]


def test_step6_short_contribution_period():
    # § 7 Abs. 3 [R16]: ZH-1 for 6 months → round(3 270 × 6 / 12) = 1 635.
    assert result(period_months=6)["aid"] == 1635


@pytest.mark.parametrize("complete, months, aid", [
    # BiG § 18 Abs. 2, VAB § 6: ZH-1's training year starts on 16.09.2024, so its period runs from 01.09.2024 to
    # 31.08.2025 (12 months, § 7 Abs. 2); the claim starts on the 1st of the month after the complete file (§ 30).
    ("2024-08-28", 12, 3270),      # complete before the year began: nothing lost
    ("2024-09-30", 11, 2998),      # claim from 01.10.2024: September lost, round(3 270 × 11 / 12) = round(2 997.5)
    ("2024-11-20", 9, 2453),       # claim from 01.12.2024: Sep-Nov lost, round(3 270 × 9 / 12) = round(2 452.5)
    ("2025-08-05", 0, 0),          # claim from 01.09.2025: the whole training year lost
    (None, 12, 3270),              # no date: complete before the training year [R28]
])
def test_step6_claim_from_the_month_after_the_complete_file(complete, months, aid):
    got = result(file_complete_date=complete)
    assert got["eligible"] and got["shortfall"] == 3270 and got["aid"] == aid
    assert ("ZH-BiG-§18-2" in got["reasons"]) is (months < 12)
    t = trace(file_complete_date=complete)
    assert t[CLAIM_MONTHS] == months


@pytest.mark.parametrize("born, months, loan", [
    # BiG § 17 Abs. 2 with VAB § 7 Abs. 4: the right ends with the 45th birthday, the period at the end of that
    # month. ZH-5 (over 35: a loan, shortfall 4 300) born 10.01.1980: 44 on 01.09.2024, 45 on 10.01.2025: months
    # September to January = 5, round(4 300 × 5 / 12) = round(1 791.67) = 1 792.
    ("1980-01-10", 5, 1792),
    ("1979-09-02", 1, 358),        # 45 on 02.09.2024: September only, round(4 300 / 12) = round(358.33)
    ("1980-09-01", 12, 4300),      # 45 on 01.09.2025, after the period: the whole year
])
def test_step6_the_period_ends_with_the_month_of_the_45th_birthday(born, months, loan):
    got = result("ZH-5", birth_date=born)
    assert got["eligible"] and got["shortfall"] == 4300 and (got["bursary"], got["loan"]) == (0, loan)
    assert ("ZH-VAB-§7-4" in got["reasons"]) is (months < 12)
    t = trace("ZH-5", birth_date=born)
    assert t[CLAIM_MONTHS] == months


def test_step6_no_claim_from_45_on_the_reference_date():
    # BiG § 17 Abs. 2: born 01.09.1979, 45 on 01.09.2024 (the reference date, § 6): no right (ZH-BiG-§17-2).
    got = result("ZH-5", birth_date="1979-09-01")
    assert not got["eligible"] and "ZH-BiG-§17-2" in got["reasons"] and got["aid"] == 0


def test_step6_late_file_and_short_period_together():
    # § 7 Abs. 3 and BiG § 18 Abs. 2: a period of 10 months (training ends in June 2025), file complete on
    # 20.11.2024: 10 − 3 = 7 months, round(3 270 × 7 / 12) = round(1 907.5) = 1 908.
    assert result(period_months=10, file_complete_date="2024-11-20")["aid"] == 1908


@pytest.mark.parametrize("born, bursary, loan", [
    ("1989-09-02", 4300, 0),        # 34 on 01.09.2024: bursary (EL 20 000 from 25, still ZH-5's figures)
    ("1989-09-01", 0, 4300),        # 35 that day: a loan (BiG § 17 j Abs. 2, R15), no family budget (§ 12 Abs. 2)
])
def test_step6_bursary_or_loan_by_age(born, bursary, loan):
    got = result("ZH-5", birth_date=born, parents="none")
    assert (got["bursary"], got["loan"], got["aid"]) == (bursary, loan, 4300)


# ---------------------------------------------------------------------------------------------------- §3.2 codes

@pytest.mark.parametrize("changes, ok", [
    ({"nationality": "US", "permit": "B", "years_domicile_ch": 3}, False),   # permit B, under 5 years [R19]
    ({"nationality": "US", "permit": "B", "years_domicile_ch": 5}, True),
    ({"nationality": "US", "permit": "C"}, True),
    ({"nationality": "DE", "permit": "none"}, True),                          # EU/EFTA [R25]
    ({"nationality": "US", "permit": "F", "refugee_or_stateless": True}, True),
])
def test_code_beneficiaries(changes, ok):
    # BiG § 17 Abs. 1 (not held)
    assert ("ZH-BiG-§17" not in reasons(**changes)) is ok


def test_code_age_45():
    # BiG § 17 Abs. 2: 45 on 01.09.2024 (born 01.09.1979) → ineligible; 44 (born 02.09.1979) → eligible.
    assert reasons("ZH-5", birth_date="1979-09-01")[0] == "ZH-BiG-§17-2"
    assert "ZH-BiG-§17-2" not in reasons("ZH-5", birth_date="1979-09-02")


def test_code_stipend_domicile():
    # BiG § 17 a: stipend domicile GE → not Zurich's applicant.
    got = result(aid_domicile="GE")
    assert got["reasons"] == "ZH-BiG-§17a" and got["aid"] == 0


@pytest.mark.parametrize("changes", [{"programme_kind": "doctorate"}, {"recognised": False}])
def test_code_training(changes):
    # BiG § 17 d [R18]: a doctorate gives nothing; an unrecognised training neither.
    assert reasons(**changes) == ["ZH-BiG-§17d"]


def test_code_minimum_duration():
    # § 2: at least three months.
    assert reasons(duration_months=2) == ["ZH-VAB-§2"]
    assert reasons(duration_months=3) == []


def test_code_deadline():
    # § 29 Abs. 1 [R17]: start September 2024 → last day 28.02.2025; one day later: not considered (Abs. 3).
    assert reasons(application_date="2025-02-28") == []
    assert reasons(application_date="2025-03-01") == ["ZH-VAB-§29"]


def test_code_duration():
    # BiG § 17 e Abs. 1: 6 + 2 = 8 semesters; 8 aided → exhausted. § 5: part-time 50 % for a health reason
    # → ceil(6 / 0.5) + 2 = 14 semesters, so 8 aided still leaves some.
    assert reasons(semesters_aided=8) == ["ZH-BiG-§17e"]
    got = result(semesters_aided=8, part_time_ratio=0.5, part_time_special_reasons=True)
    assert got["entitlement_semesters"] == 14 and "ZH-BiG-§17e" not in got["reasons"]


def test_code_twelve_training_years():
    # BiG § 17 e Abs. 2 [R20]
    assert reasons(years_in_training=12) == ["ZH-BiG-§17e-2"]
    assert reasons(years_in_training=11.5) == []


def test_code_abandoned_trainings():
    # BiG § 17 f Abs. 2
    assert reasons(trainings_abandoned=2) == ["ZH-BiG-§17f-2"]
    assert reasons(trainings_abandoned=1) == []


@pytest.mark.parametrize("changes, incomplete", [
    ({"housing": None}, True),
    ({"level": None}, True),
    ({"birth_date": None}, True),
    ({"parents": None}, True),                                  # 20: the parents count
    ({"p1_income_total": None}, True),
])
def test_code_incomplete_file(changes, incomplete):
    # § 30 Abs. 1: the file is complete when what the calculation needs is there.
    assert ("ZH-VAB-§30" in reasons(**changes)) is incomplete


def test_code_incomplete_file_parents_not_needed_from_35():
    # § 12 Abs. 2: from 35 the parents' situation is not needed.
    assert "ZH-VAB-§30" not in reasons("ZH-5", parents=None, p1_income_total=None)


def test_information_codes_do_not_make_ineligible():
    # ZH-VAB-§23, ZH-VAB-§12-2, ZH-BiG-§17i, ZH-BiG-§17j are information and amount codes (ZH.md §3.2).
    assert result("ZH-5")["eligible"]
    assert result(birth_date="2002-05-01", housing="lease")["eligible"]


# ---------------------------------------------------------------------------------------------------- rule set

def test_rule_set_is_complete_and_cited():
    rs = load("ZH-2021")
    assert rs.canton == "ZH" and str(rs.valid_from) == "2021-01-01"
    assert model.check_choices(rs.id, rs.choices) == []
    flat = rs.flat()
    assert all(p.article and p.valid_from for p in flat.values())
    # ZH.md §6, a few amounts as the appendix states them
    assert flat["family.basic.couple"].value == 27800 and "Anh. 2.1.2" in flat["family.basic.couple"].article
    assert flat["student.housing.p5_plus"].value == 24000
    assert flat["further.childcare_max"].value == 10100
    readings = [p for p in flat.values() if "[reading" in p.note]
    assert len(readings) >= 20


def test_rules_zh_picks_zh_2021_for_a_2024_training_year():
    frame = xladdin.assess([applicant()], rules="ZH")
    assert frame.loc[0, "rules"] == "ZH-2021 v1.0" and frame.loc[0, "aid"] == 3270


def test_explain_cites_zurich_law():
    frame = xladdin.explain(applicant(), rules="ZH-2021", lang="en")
    assert isinstance(frame, pd.DataFrame)
    by_label = dict(zip(frame["label"], frame["article"]))
    assert by_label["Reference date"].startswith("VAB § 6")
    assert "LBPE" not in " ".join(frame["article"])                    # no Geneva article in a Zurich trace
    assert by_label["Application deadline"] == "VAB § 29 Abs. 1, § 6"


def test_a_zurich_list_with_german_headers_is_read():
    """Zurich and Bern lists are in German: every field has a German label the reader resolves (Geburtsdatum,
    Elternteil 1: Total der Einkünfte ...) and the enums take German words (bei den Eltern, zusammen, Tertiärstufe)."""
    from xladdin import schema
    from xladdin.bursary.synthetic import synthetic_applicants

    rows = synthetic_applicants(20, seed=4, canton="ZH")
    german = rows.copy()
    for key in ("programme_kind", "level", "housing", "parents"):             # values in words, in German
        german[key] = german[key].map(lambda code, f=schema.BY_KEY[key]: f.value_label(code, "de"))
    assert german.loc[0, "parents"] in ("zusammen", "getrennt", "keine")
    german = german.rename(columns={k: schema.BY_KEY[k].label("de") for k in rows.columns})
    assert all(schema.resolve_header(c) == k for c, k in zip(german.columns, rows.columns))
    assert xladdin.assess(german, rules="ZH-2021").equals(xladdin.assess(rows, rules="ZH-2021"))
