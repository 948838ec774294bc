"""BE-2024 (ABV BSG 438.312, Stand 01.08.2024; ABG BSG 438.31 not held): docs/rules/BE.md.

First the worked examples of BE.md §8 end to end; then one hand-worked case (at least) per step of BE.md §4 and per
reason code of §3.2, each with its arithmetic and article. "Art." = ABV, "A1-1" = its appendix.

The hand cases start from BASE: Swiss, stipend domicile Bern, a first bachelor, 22 on the reference date (the start of
the training year, 19.08.2024, B17), alone on a lease (1 occupant, rent 9 000), orphan (no family budget), no income.
Its personal budget (Art. 31, 18-20, 28, 33):
    basic needs, 1 person 12 072 (A1-1 Abs. 1) + rent min(9 000, 10 009) (A1-1 Abs. 6) + health, 22 is a young
    adult (19-25 Jahre) 4 600 (A1-1 Abs. 7 b) + transport 600 (Art. 33 Abs. 1) + training costs min(1 000, 3 000)
    (Art. 28, A1-1 Abs. 4) = 27 272 needs (the health costs entered are above the flat rate, the maximum,
    Art. 20); resources 0; shortfall 27 272; not married: no division (Art. 32);
    year 1 of a tertiary training: all bursary (ABG 10 Abs. 2).
"""

from __future__ import annotations

import pandas as pd
import pytest

from xladdin import assess
from xladdin.bursary import engine
from xladdin.bursary.inputs import parse
from xladdin.rules import load

from .helpers import Canton

RULES = "BE-2024"
COMMON = {"nationality": "CH", "aid_domicile": "BE", "recognised": True, "year_start": "2024-08-19",
          "application_date": "2024-11-30"}
BASE = {**COMMON, "applicant_id": "H", "birth_date": "2002-01-15", "programme_kind": "bachelor", "level": "tertiary",
        "regular_semesters": 6, "semesters_completed": 0, "housing": "lease", "occupants": 1, "housing_costs": 9000,
        "transport": 600, "training_costs": 1000, "parents": "none",
        # ABV Art. 20 (B2): actual health costs above every flat rate, so the flat rates (the maxima) count, as in
        # the hand cases below; the cases of ABV Art. 20 itself enter lower ones.
        "health_costs": 30000, "p1_health_costs": 30000, "p2_health_costs": 30000}
BASE_NEEDS = 12072 + 9000 + 4600 + 600 + 1000          # 27 272


def run(rules=RULES, **changes) -> pd.Series:
    return assess([{**BASE, **changes}], rules=rules).iloc[0]


def cols(**changes):
    """Every step's columns for one applicant (the figures the trace shows)."""
    return engine.compute(parse(pd.DataFrame([{**BASE, **changes}])), load(RULES))


def check(row: pd.Series, **expected) -> None:
    for key, value in expected.items():
        got = row[key]
        if value is None:
            assert pd.isna(got), f"{key}: {got} != NA"
        else:
            assert got == value, f"{key}: {got} != {value}"


# ------------------------------------------------------------------------------------------------ BE.md §8

EXAMPLES = {
    "BE-1": ({"birth_date": "2005-04-02", "programme_kind": "bachelor", "level": "tertiary", "regular_semesters": 6,
              "semesters_completed": 0, "housing": "parents", "earnings": 4000, "transport": 900, "meals_out": 150,
              "training_costs": 1600, "parents": "together", "p1_adults": 2, "p1_children_gt10": 3,
              "p1_children_young_adult": 1, "p1_in_training": 2, "p1_children_in_training": 2,
              "p1_income_total": 100000, "p1_taxable_wealth": 10000, "p1_housing_costs": 24000, "p1_taxes": 10000,
              "p1_professional_costs": 6000, "p1_health_costs": 19000},
             {"eligible": True, "reasons": "", "independence": "none", "parents_share": 1640, "needs": 4000,
              "resources": 1640, "shortfall": 2360, "aid": 2360, "bursary": 2360, "loan": 0,
              "entitlement_semesters": None, "cap": None}),
    "BE-2": ({"birth_date": "1996-03-03", "programme_kind": "bachelor", "level": "tertiary", "regular_semesters": 6,
              "semesters_completed": 0, "first_training_done": True, "years_full_time_work": 5, "housing": "lease",
              "occupants": 1, "housing_costs": 12000, "earnings": 20000, "taxable_wealth": 8000, "transport": 700,
              "training_costs": 2400, "parents": "together", "p1_adults": 2, "p1_in_training": 0,
              "p1_children_in_training": 1, "p1_income_total": 80000, "p1_taxable_wealth": 20000,
              "p1_housing_costs": 20000, "p1_taxes": 7000, "p1_professional_costs": 4000, "health_costs": 5400,
              "p1_health_costs": 11200},
             {"eligible": True, "reasons": "", "independence": "partial", "parents_share": 10236, "needs": 30581,
              "resources": 25436, "shortfall": 5145, "aid": 5145, "bursary": 5145, "loan": 0}),
    "BE-3": ({"birth_date": "2000-06-20", "programme_kind": "tertiary_b", "level": "tertiary",
              "regular_semesters": 6, "semesters_completed": 0, "married": True, "partner_birth_date": "1998-01-10",
              "student_children": 1, "housing": "household", "housing_costs": 20000, "earnings": 5000,
              "spouse_income": 30000, "other_income": 2760, "transport": 1000, "training_costs": 2800,
              "childcare_costs": 6000, "parents": "together", "p1_adults": 2, "p1_in_training": 0,
              "p1_children_in_training": 1, "p1_income_total": 70000, "p1_taxable_wealth": 0,
              "p1_housing_costs": 18000, "p1_taxes": 5000, "p1_professional_costs": 4000, "health_costs": 11400,
              "p1_health_costs": 10800},
             {"eligible": True, "reasons": "", "independence": "none", "parents_share": 9472, "needs": 59912,
              "resources": 42232, "shortfall": 17680, "aid": 5893, "bursary": 5893, "loan": 0}),
    "BE-4": ({"birth_date": "2003-05-05", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "regular_semesters": 6, "semesters_completed": 0, "student_children": 1, "housing": "household",
              "housing_costs": 15000, "earnings": 6000, "other_income": 2760, "transport": 800,
              "training_costs": 1200, "childcare_costs": 9000, "parents": "none", "health_costs": 6000},
             {"eligible": True, "reasons": "", "parents_share": 0, "needs": 49004, "resources": 8760,
              "shortfall": 40244, "aid": 40244, "bursary": 40244, "loan": 0, "entitlement_semesters": 6}),
    # BE.md §8 BE-5 [B2]: 12 072 + 9 000 + min(1 800, 4 600) + 600 + 1 000 = 24 472; R_s 7 600 − 6 000 = 1 600.
    "BE-5": ({"birth_date": "2002-01-15", "programme_kind": "bachelor", "level": "tertiary", "regular_semesters": 6,
              "semesters_completed": 0, "housing": "lease", "occupants": 1, "housing_costs": 9000, "transport": 600,
              "training_costs": 1000, "earnings": 7600, "health_costs": 1800, "parents": "none"},
             {"eligible": True, "reasons": "", "needs": 24472, "resources": 1600, "shortfall": 22872, "aid": 22872,
              "bursary": 22872, "loan": 0}),
}
# BE-1b: BE-1 applied on 20.01.2025, one calendar month after the deadline of 31.12.2024 (Art. 36 Abs. 1 b):
#        round(2 360 × 11 / 12) = round(2 163.33) = 2 163 (Art. 36 Abs. 2, B14).
# BE-2b: BE-2 in its 4th year (6 semesters completed): bursary round(5 145 × 2/3) = 3 430, loan 1 715 (ABG 10 Abs. 2).
VARIANTS = {
    "BE-1b": ("BE-1", {"application_date": "2025-01-20"},
              {"eligible": True, "reasons": "BE-ABV-36-2", "needs": 4000, "resources": 1640, "shortfall": 2360,
               "aid": 2163, "bursary": 2163, "loan": 0}),
    "BE-2b": ("BE-2", {"semesters_completed": 6},
              {"eligible": True, "reasons": "BE-ABG-10", "shortfall": 5145, "aid": 5145, "bursary": 3430,
               "loan": 1715}),
    # BE-6: BE-5 without its health costs: a missing input (Art. 20, 37), not 0.
    "BE-6": ("BE-5", {"health_costs": None}, {"eligible": False, "reasons": "BE-ABV-37", "aid": 0, "bursary": 0}),
}


BE = Canton(RULES, COMMON, EXAMPLES)
_example_row = BE.applicant


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_worked_example(name):
    """BE.md §8: the arithmetic of each example is in the spec's table under it."""
    check(assess([_example_row(name)], rules=RULES).iloc[0], **EXAMPLES[name][1])


@pytest.mark.parametrize("name", list(VARIANTS))
def test_worked_example_variant(name):
    base, changes, expected = VARIANTS[name]
    check(assess([{**_example_row(base), **changes, "applicant_id": name}], rules=RULES).iloc[0], **expected)


def test_worked_examples_together_keep_rows_and_order():
    rows = [_example_row(n) for n in EXAMPLES]
    rows += [{**_example_row(base), **changes, "applicant_id": n} for n, (base, changes, _) in VARIANTS.items()]
    r = assess(rows, rules="BE")                       # by canton: BE-2024 is in force on 19.08.2024
    assert r["applicant_id"].tolist() == list(EXAMPLES) + list(VARIANTS)
    assert r["aid"].tolist() == [2360, 5145, 5893, 40244, 22872, 2163, 5145, 0]
    assert set(r["rules"]) == {"BE-2024 v1.0"}


def test_be3_intermediate_figures():
    """BE-3: the personal budget's persons and costs (Art. 25, 31, A1-1 Abs. 1, 6, 7; Art. 32 Abs. 1)."""
    c = engine.compute(parse(pd.DataFrame([_example_row("BE-3")])), load(RULES))
    assert c["persons"][0] == 3                                          # student + spouse + child
    assert c["s_basic"][0] == 22452                                      # 3 persons
    assert c["s_housing"][0] == 16260                                    # min(20 000, 16 260)
    assert c["s_health"][0] == 4600 + 5400 + 1400                        # 24 young adult, spouse 26 adult, child
    assert c["s_further"][0] == 6000                                     # childcare, Art. 33 Abs. 3
    assert c["s_spouse"][0] == 30000 and c["s_earnings"][0] == 0         # 5 000 < 6 000 allowance
    assert c["divisor"][0] == 3                                          # 17 680 / 3 = 5 893.33 -> 5 893


def test_the_base_case():
    check(run(), eligible=True, reasons="", needs=BASE_NEEDS, resources=0, shortfall=BASE_NEEDS, aid=BASE_NEEDS,
          bursary=BASE_NEEDS, loan=0, cap=None, entitlement_semesters=None)


# ------------------------------------------------------------------------------------------------ step 0: budgets

PARENT_60K = {"p1_adults": 1, "p1_children_in_training": 1, "p1_income_total": 60000, "p1_housing_costs": 12000,
              "p1_taxes": 5000}


def test_step0_one_budget_per_parent_apart_none_for_a_parent_paying_maintenance():
    """Art. 14 Abs. 3-4: parents apart, p2 pays court-ordered maintenance to the student: no p2 budget (its income of
    500 000 is never read). p1 alone (the student lives on a lease, not in p1's household):
    R_b 60 000; K_b = 12 072 (1 person) + min(12 000, 13 536) + 5 400 + min(0 × 2 400 + 6 000, 13 200) + 5 000
    = 40 472; surplus 19 528 / 1 child in training = 19 528 (Art. 23 Abs. 1-2) -> aid 27 272 − 19 528 = 7 744."""
    changes = {"parents": "apart", **PARENT_60K, "p2_adults": 1, "p2_income_total": 500000, "p2_pays_alimony": True}
    c = cols(**changes)
    assert c["p1_active"][0] and not c["p2_active"][0]
    assert c["p1_charges"][0] == 40472
    check(run(**changes), parents_share=19528, resources=19528, shortfall=BASE_NEEDS - 19528, aid=7744)


UNDER_20 = {"birth_date": "2005-06-01", "parents": "together", "p1_adults": 2, "p1_income_total": 30000,
            "p1_housing_costs": 15000, "meals_out": 100}


def test_step0_own_household_under_20_without_reason_is_counted_in_p1s_household():
    """Art. 30 Abs. 1 [B7]: 19 on 19.08.2024, on a lease, no compelling reason -> BE-ABV-30, treated as living with
    p1 and added to p1's household (a young adult, in training). p1: persons 2 + 1 = 3;
    K_b = 22 452 + min(15 000, 16 260) + 2 × 5 400 + 4 600 + min(1 × 2 400 + 6 000, 13 200) = 61 252;
    S_b = 30 000 − 61 252 = −31 252; per head / 3 = −10 417.33 (Art. 24) -> a cost of the student (Art. 29).
    K_s = 10 417.33 + transport 600 + 100 meals × 10 (Art. 33 Abs. 2, A1-1 Abs. 5) + training 1 000 = 13 017.33;
    no basic needs, rent or health of her own."""
    c = cols(**UNDER_20)
    assert not c["own_household"][0] and c["with_parents"][0]
    assert c["p1_persons"][0] == 3 and c["p1_charges"][0] == 61252
    assert c["s_basic"][0] == 0 and c["s_housing"][0] == 0 and c["s_health"][0] == 0 and c["s_meals"][0] == 1000
    check(run(**UNDER_20), eligible=True, reasons="BE-ABV-30", parents_share=-10417, needs=13017, shortfall=13017,
          aid=13017, bursary=13017)


def test_step0_a_compelling_reason_makes_the_own_household_count():
    """Art. 30 Abs. 2: travel time over 1½ hours -> own household recognised. p1 (2 persons): K_b = 18 468 + 15 000
    + 10 800 + 6 000 = 50 268 > 30 000: a deficit, but the student does not live there: ignored (Art. 24 Abs. 1).
    Personal budget as BASE (19 is a young adult, 4 600); no meal rate in an own household (Art. 33 Abs. 2)."""
    check(run(**UNDER_20, own_household_reason=True), reasons="", parents_share=0, needs=BASE_NEEDS, aid=BASE_NEEDS)


def test_step0_own_household_counts_from_the_20th_birthday():
    """Art. 30 Abs. 1 "das 20. Lebensjahr vollendet": born 19.08.2004, 20 on the reference date 19.08.2024."""
    check(run(**{**UNDER_20, "birth_date": "2004-08-19"}), reasons="", needs=BASE_NEEDS, aid=BASE_NEEDS)


# ------------------------------------------------------------------------------------------------ step 1: income

FAMILY_INCOME = {"parents": "together", "p1_adults": 2, "p1_income_total": 100000, "p1_imputed_rent": 12000,
                 "p1_income_excluded": 6000, "p1_self_employed_pension": 2000, "p1_supplementary_benefits": 3000,
                 "p1_taxable_wealth": 130000, "p1_self_employed": True}


def test_step1_family_income_and_wealth():
    """Art. 15 Abs. 2, 6 a-d: 100 000 − imputed rent 12 000 − maintenance for the student 6 000 − self-employed
    pension 2 000 + supplementary benefits 3 000 = 83 000; Art. 16 Abs. 1, A1-1 Abs. 9: 0.15 × (130 000 − 30 000)
    = 15 000 for a self-employed parent; R_b = 98 000."""
    c = cols(**FAMILY_INCOME)
    assert (c["p1_income"][0], c["p1_wealth"][0], c["p1_resources"][0]) == (83000, 15000, 98000)
    # Not self-employed: no allowance, 0.15 × 130 000 = 19 500.
    c = cols(**{**FAMILY_INCOME, "p1_self_employed": False})
    assert c["p1_wealth"][0] == 19500 and c["p1_resources"][0] == 102500


# ------------------------------------------------------------------------------------------------ step 2: costs

def test_step2_family_living_costs():
    """Art. 17-22 for 2 adults and 2 children (one aged 19-25), 4 in training, rent 30 000:
    basic 4 persons 25 836 (A1-1 Abs. 1) + rent min(30 000, 19 932) (A1-1 Abs. 2) + health 2 × 5 400 + 4 600 + 1 400
    = 16 800 (A1-1 Abs. 7) + min(4 × 2 400 + 6 000, 13 200) = 13 200 (Art. 21 Abs. 3) + taxes 8 000 + professional
    costs 3 000 (Art. 22) = 86 768."""
    c = cols(parents="together", p1_adults=2, p1_children_gt10=2, p1_children_young_adult=1, p1_in_training=4,
             p1_income_total=0, p1_housing_costs=30000, p1_taxes=8000, p1_professional_costs=3000)
    assert (c["p1_basic"][0], c["p1_housing"][0], c["p1_health"][0], c["p1_integration"][0],
            c["p1_other_costs"][0]) == (25836, 19932, 16800, 13200, 11000)
    assert c["p1_charges"][0] == 86768


# ------------------------------------------------------------------------------------------------ step 3: result

def test_step3_deficit_per_head_is_a_cost_when_the_student_lives_there():
    """Art. 24, 29: the student (22) lives with both parents. 4 persons: K_b = 25 836 + min(15 000, 19 932)
    + 2 × 5 400 + 4 600 + 1 400 + min(2 400 + 6 000, 13 200) + 1 000 + 2 000 = 69 036; S_b = 40 000 − 69 036
    = −29 036 / 4 = −7 259. K_s = 7 259 + 600 + 100 × 10 + 1 000 = 9 859 = aid."""
    row = run(housing="parents", meals_out=100, parents="together", p1_adults=2, p1_children_gt10=2,
              p1_children_young_adult=1, p1_in_training=1, p1_income_total=40000, p1_housing_costs=15000,
              p1_taxes=1000, p1_professional_costs=2000)
    check(row, parents_share=-7259, needs=9859, resources=0, aid=9859)


def test_step3_only_the_deficit_of_the_household_the_student_lives_in_counts():
    """Art. 24 Abs. 1 [B5]: parents apart, the student (22) lives with p1. p1 (2 persons): K_b = 18 468 + 12 000
    + 5 400 + 4 600 + min(2 400 + 6 000, 13 200) + 5 000 = 53 868; surplus 60 000 − 53 868 = 6 132. p2 alone:
    K_b = 12 072 + 12 000 + 5 400 + 6 000 = 35 472 > 20 000: a deficit, ignored. K_s = 600 + 1 000 = 1 600;
    R_s = 6 132: shortfall −4 532, no aid."""
    row = run(housing="parents", parents="apart", **{**PARENT_60K, "p1_children_gt10": 1,
                                                     "p1_children_young_adult": 1, "p1_in_training": 1},
              p2_adults=1, p2_income_total=20000, p2_housing_costs=12000)
    check(row, eligible=True, parents_share=6132, needs=1600, resources=6132, shortfall=-4532, aid=0, bursary=0)


def test_step3_half_the_surplus_under_abg_15_2_given_as_partial_or_full():
    """Art. 23 Abs. 3, ABG 15 Abs. 2 [B6]: BE-2's parents, surplus 83 000 − 62 528 = 20 472; `full` given counts as
    partial (Bern has no full waiver): 20 472 × 0.5 = 10 236. `none` given: the whole 20 472."""
    family = {k: v for k, v in EXAMPLES["BE-2"][0].items() if k.startswith("p")}
    check(run(independence="full", **family), independence="partial", parents_share=10236)
    check(run(independence="none", **family), independence="none", parents_share=20472)


# ------------------------------------------------------------------------------------------------ step 4: income

@pytest.mark.parametrize("changes, resources, aid", [
    # Art. 26 Abs. 3, A1-1 Abs. 10: 10 000 − 6 000 allowance at tertiary level = 4 000; 27 272 − 4 000 = 23 272.
    ({"earnings": 10000}, 4000, 23272),
    # [B10] an apprentice's wage counts in full: secondary II, 10 000; training min(1 000, 2 000): needs unchanged.
    ({"earnings": 10000, "programme_kind": "initial_sec2", "level": "secondary_ii"}, 10000, 17272),
    # Art. 27 Abs. 1 [B11]: 15 % of the taxable wealth, no allowance: 0.15 × 10 000 = 1 500; the GE/ZH `wealth`
    # (net wealth) is not read.
    ({"taxable_wealth": 10000, "wealth": 50000}, 1500, 25772),
    # Art. 26 Abs. 2: maintenance, pensions and other income (EL, allowances) in full: 3 000 + 2 000 + 1 000.
    ({"alimony": 3000, "pensions": 2000, "other_income": 1000}, 6000, 21272),
])
def test_step4_personal_income(changes, resources, aid):
    check(run(**changes), resources=resources, aid=aid)


def test_step4_a_de_facto_partner_counts_after_five_years_or_with_a_common_child():
    """Art. 32 Abs. 2, Art. 25-26: a partner counted is a person of the budget, with her income (spouse_income
    20 000), and the shortfall is divided per head (Art. 32 Abs. 1). No shared-flat reduction (entered: no).
    5 years: needs 18 468 (2 persons) + min(9 000, 13 536) + 2 × 4 600 (partner without birth date: the student's
    band) + 600 + 1 000 = 38 268; 38 268 − 20 000 = 18 268 / 2 = 9 134.
    4 years, no common child: not counted, nor her income: BASE, 27 272.
    1 year with their common child (a child of the student): 3 persons, 22 452 + min(9 000, 16 260) + 4 600 × 2
    + 1 400 + 1 600 = 43 652; 23 652 / 3 = 7 884."""
    partner = {"cohabiting_partner": True, "spouse_income": 20000, "shared_housing": False, "occupants": 2}
    check(run(**partner, cohabitation_years=5), needs=38268, resources=20000, shortfall=18268, aid=9134)
    check(run(**partner, cohabitation_years=4), needs=BASE_NEEDS, resources=0, aid=BASE_NEEDS)
    check(run(**partner, cohabitation_years=1, common_child=True, student_children=1), needs=43652,
          shortfall=23652, aid=7884)


# ------------------------------------------------------------------------------------------------ step 5: costs

@pytest.mark.parametrize("changes, needs", [
    # A1-1 Abs. 1 [B8]: 1 person in a shared flat (default: lease with 2 occupants): 12 072 − 2 838 = 9 234.
    ({"occupants": 2}, BASE_NEEDS - 2838),
    ({"occupants": 2, "shared_housing": False}, BASE_NEEDS),
    ({"housing": "household", "occupants": 2}, BASE_NEEDS),        # not a shared flat by default
    ({"occupants": 1, "shared_housing": True}, BASE_NEEDS - 2838),  # an institution or boarding school, entered
    # Art. 19, 31, A1-1 Abs. 6: rent 12 000 capped at 10 009 for 1 person: 27 272 + 1 009 = 28 281.
    ({"housing_costs": 12000}, BASE_NEEDS + 1009),
    # [B19] no rent entered counts 0: 27 272 − 9 000.
    ({"housing_costs": None}, BASE_NEEDS - 9000),
    # A1-1 Abs. 7 [B2]: born 19.08.1999, 25 on 19.08.2024: young adult 4 600; born 19.08.1998, 26: adult 5 400.
    ({"birth_date": "1999-08-19"}, BASE_NEEDS),
    ({"birth_date": "1998-08-19"}, BASE_NEEDS + 800),
    # Art. 28 Abs. 3, A1-1 Abs. 4: secondary II fees 2 500 capped at 2 000 (instead of 1 000 here).
    ({"programme_kind": "initial_sec2", "level": "secondary_ii", "training_costs": 2500}, BASE_NEEDS + 1000),
    # Art. 28 Abs. 3: tertiary fees 4 200 capped at 3 000.
    ({"training_costs": 4200}, BASE_NEEDS + 2000),
    # Art. 33 Abs. 2: the meal rate only for students living with their parents.
    ({"meals_out": 100}, BASE_NEEDS),
    # Art. 33 Abs. 3 [B20]: childcare only for students with children (BE-3, BE-4 have them).
    ({"childcare_costs": 5000}, BASE_NEEDS),
])
def test_step5_personal_costs(changes, needs):
    check(run(**changes), needs=needs)


def test_step5_health_costs_actual_net_premiums_capped_at_the_flat_rate():
    """ABV Art. 20, 31, A1-1 Abs. 7 [B2]: the actual premiums after the premium reduction (and dental costs), "im
    Rahmen der ... Pauschalen". Student alone (22, young adult: flat rate 4 600), earnings 7 600 (7 600 − 6 000
    allowance = 1 600 counted, Art. 26 Abs. 3).
    Net premiums 1 800: needs 12 072 + 9 000 + 1 800 + 600 + 1 000 = 24 472; aid 24 472 − 1 600 = 22 872.
    The flat rate alone (the former default, switch `flat_by_band`): 27 272 − 1 600 = 25 672.
    Premiums 3 000: 27 272 − 1 600 = 25 672 needs, aid 24 072; premiums above the flat rate: the flat rate."""
    check(run(earnings=7600, health_costs=1800), eligible=True, reasons="", needs=24472, resources=1600,
          aid=22872, bursary=22872)
    flat = load(RULES).with_overrides({"student.health.mode": "flat_by_band"})
    check(run(rules=flat, earnings=7600, health_costs=1800), needs=BASE_NEEDS, aid=25672)
    check(run(earnings=7600, health_costs=3000), needs=BASE_NEEDS - 1600, aid=24072)
    check(run(earnings=7600, health_costs=4601), needs=BASE_NEEDS, aid=25672)
    c = cols(earnings=7600, health_costs=1800)
    assert c["s_health"][0] == 1800


def test_step5_missing_health_costs_are_a_missing_input_not_0():
    """ABV Art. 20, 37 [B2, B19]: no health costs entered for the student's own household, or for a family budget
    that counts: the row is not assessed (BE-ABV-37, the duty to inform), never computed with 0. Living with the
    parents, the student's own costs are not asked (they are in the family budget, Art. 29)."""
    check(run(health_costs=None), eligible=False, reasons="BE-ABV-37", aid=0)
    check(run(health_costs=None, housing="parents", parents="together", p1_adults=2, p1_children_gt10=1,
              p1_children_young_adult=1, p1_income_total=40000), eligible=True)
    check(run(parents="together", p1_adults=2, p1_income_total=40000, p1_health_costs=None),
          eligible=False, reasons="BE-ABV-37")
    # A parent paying court-ordered maintenance has no budget (Art. 14 Abs. 4): nothing of it is needed.
    check(run(parents="apart", p1_adults=1, p1_income_total=40000, p2_pays_alimony=True, p2_health_costs=None),
          eligible=True)


# ------------------------------------------------------------------------------------------------ step 6: amount

def earn(shortfall: int) -> int:
    """Earnings that leave BASE a given shortfall (the first 6 000 are free at tertiary level, A1-1 Abs. 10)."""
    return BASE_NEEDS - shortfall + 6000


@pytest.mark.parametrize("changes, expected", [
    # Art. 36 Abs. 2 [B14]: 31.03.2025 is 3 months after the deadline of 31.12.2024: round(27 272 × 9 / 12) = 20 454.
    ({"application_date": "2025-03-31"}, {"eligible": True, "aid": 20454, "reasons": "BE-ABV-36-2"}),
    # A training year starting on 03.02.2025 (first half): deadline 30.06.2025 (Art. 36 Abs. 1 a); 15.07.2025 is 1
    # month late: round(27 272 × 11 / 12) = round(24 999.33) = 24 999 (the student is 23: still young adult).
    ({"year_start": "2025-02-03", "application_date": "2025-07-15"}, {"aid": 24999, "reasons": "BE-ABV-36-2"}),
    ({"year_start": "2025-02-03", "application_date": "2025-06-30"}, {"aid": BASE_NEEDS, "reasons": ""}),
    # Art. 38 Abs. 2: shortfall 400 (earnings 32 872 − 6 000 = 26 872) -> not granted; 500 -> granted.
    ({"earnings": earn(400)}, {"eligible": True, "shortfall": 400, "aid": 0, "reasons": "BE-ABV-38-2"}),
    ({"earnings": earn(500)}, {"shortfall": 500, "aid": 500, "bursary": 500, "reasons": ""}),
    # [B13] the minimum after the reduction: round(540 × 9 / 12) = 405 < 500 -> 0.
    ({"earnings": earn(540), "application_date": "2025-03-15"},
     {"shortfall": 540, "aid": 0, "reasons": "BE-ABV-36-2;BE-ABV-38-2"}),
    # ABG 10 Abs. 1 (2nd sentence), ABV Art. 3: a second training gives a loan only.
    ({"programme_kind": "second_sec2", "level": "secondary_ii"},
     {"aid": BASE_NEEDS, "bursary": 0, "loan": BASE_NEEDS, "reasons": "BE-ABG-10", "entitlement_semesters": 6}),
    # ABV Art. 5: an Umschulung turns it into a bursary.
    ({"programme_kind": "second_sec2", "level": "secondary_ii", "reconversion": True},
     {"bursary": BASE_NEEDS, "loan": 0, "reasons": ""}),
    # ABG 14 Abs. 1, ABV Art. 7 Abs. 1 b: from 12 training years (Art. 8) a loan to finish the training.
    ({"years_in_training": 12}, {"bursary": 0, "loan": BASE_NEEDS, "reasons": "BE-ABG-14-1"}),
    ({"years_in_training": 11}, {"bursary": BASE_NEEDS, "loan": 0, "reasons": ""}),
    # ABG 10 Abs. 1, 3: secondary II beyond the regulatory duration (6 of 6 semesters done) -> loan.
    ({"programme_kind": "initial_sec2", "level": "secondary_ii", "semesters_completed": 6},
     {"bursary": 0, "loan": BASE_NEEDS, "reasons": "BE-ABG-10", "entitlement_semesters": 6}),
    ({"programme_kind": "initial_sec2", "level": "secondary_ii", "semesters_completed": 5},
     {"bursary": BASE_NEEDS, "loan": 0, "reasons": ""}),
    # ABG 10 Abs. 2: tertiary, 4th year: bursary round(27 272 × 2/3) = round(18 181.33) = 18 181, loan 9 091.
    ({"semesters_completed": 6}, {"aid": BASE_NEEDS, "bursary": 18181, "loan": 9091, "reasons": "BE-ABG-10"}),
    ({"semesters_completed": 5}, {"bursary": BASE_NEEDS, "loan": 0}),
    # ABG 11 Abs. 1: 50 000 − 45 000.50 received leaves 4 999 (floored): loan 4 999 of 27 272.
    ({"programme_kind": "second_sec2", "level": "secondary_ii", "loans_received": 45000.5},
     {"loan": 4999, "aid": 4999, "reasons": "BE-ABG-10;BE-ABG-11"}),
    # Art. 38 Abs. 2 on what is granted: a 4th-year shortfall of 600 is 400 bursary + 200 loan; the ceiling is used
    # up, so 400 would be granted: under 500, nothing is.
    ({"earnings": earn(600), "semesters_completed": 6, "loans_received": 50000},
     {"aid": 0, "bursary": 0, "loan": 0, "reasons": "BE-ABV-38-2;BE-ABG-10;BE-ABG-11"}),
])
def test_step6_amount(changes, expected):
    check(run(**changes), **expected)


def test_step6_no_loan_to_a_minor():
    """ABV Art. 9 Abs. 1 [B26]: 17 (born 15.01.2007), own household for a compelling reason, a second training
    (loan only): the loan is dropped, not turned into a bursary. A first training at 17 keeps its bursary:
    12 072 + 9 000 + 1 400 (child band, 0-18) + 600 + min(1 000, 2 000) = 24 072."""
    minor = {"birth_date": "2007-01-15", "own_household_reason": True, "level": "secondary_ii"}
    check(run(**minor, programme_kind="second_sec2"), eligible=True, aid=0, loan=0,
          reasons="BE-ABG-10;BE-ABV-9")
    check(run(**minor, programme_kind="initial_sec2"), aid=24072, bursary=24072, reasons="")


def test_step6_division_per_head_only_for_couples():
    """Art. 32 Abs. 1 [B9]: a single parent (1 child) is not divided: 18 468 + 9 000 + 4 600 + 1 400 + 600 + 1 000
    = 35 068 in full; married (spouse without birth date: the student's band), 3 persons: 22 452 + 9 000 + 4 600 × 2
    + 1 400 + 1 600 = 43 652 / 3 = 14 550.67 -> 14 551."""
    check(run(student_children=1, housing="household"), needs=35068, aid=35068)
    check(run(student_children=1, housing="household", married=True), needs=43652, aid=14551)


def test_step6_entitlement_and_cap():
    """[B18] tertiary: no per-training limit (NA); secondary II: the regulatory duration. No cap (BE.md §4)."""
    check(run(), entitlement_semesters=None, cap=None)
    check(run(programme_kind="initial_sec2", level="secondary_ii", regular_semesters=8), entitlement_semesters=8)


# ------------------------------------------------------------------------------------------------ §3.2 codes

@pytest.mark.parametrize("changes, eligible, reasons", [
    # ABG 12 Abs. 1: a non-EU national with permit B needs 5 years' domicile; with C at once.
    ({"nationality": "XK", "permit": "B", "years_domicile_ch": 3}, False, "BE-ABG-12"),
    ({"nationality": "XK", "permit": "B", "years_domicile_ch": 5}, True, ""),
    ({"nationality": "XK", "permit": "C", "years_domicile_ch": 1}, True, ""),
    # ABG 12 Abs. 1 b: an EU national living in Switzerland (permit B), at once; a frontier worker (G) does not.
    ({"nationality": "DE", "permit": "B", "years_domicile_ch": 0}, True, ""),
    ({"nationality": "DE", "permit": "G", "years_domicile_ch": 0}, False, "BE-ABG-12"),
    ({"nationality": "XK", "permit": "F", "refugee_or_stateless": True}, True, ""),
    # ABG 13: the stipend domicile must be Bern; when empty it is derived (parents' domicile, concordat art. 6).
    ({"aid_domicile": "ZH"}, False, "BE-ABG-13"),
    ({"aid_domicile": None, "parents": "together", "p1_canton": "BE", "p2_canton": "BE", "p1_income_total": 0},
     True, ""),
    # ABG 7: a doctorate is not a recognised training (Abs. 2 c), nor an unrecognised one; a master is B (ABV 2 Abs. 3).
    ({"programme_kind": "doctorate"}, False, "BE-ABG-7"),
    ({"recognised": False}, False, "BE-ABG-7"),
    ({"programme_kind": "master"}, True, ""),
    # ABG 14 Abs. 3: a repeated change of course ends the right; one is allowed.
    ({"changes_of_course": 2}, False, "BE-ABG-14-3"),
    ({"changes_of_course": 1}, True, ""),
    # ABG 14 Abs. 4: 35 completed at the start of the training (born 15.01.1989: 35 on 19.08.2024) -> no new right;
    # a training started at 34 (21.08.2023) keeps it; an exception (re-entry after a family phase) too.
    ({"birth_date": "1989-01-15"}, False, "BE-ABG-14-4"),
    ({"birth_date": "1989-01-15", "training_start": "2023-08-21"}, True, ""),
    ({"birth_date": "1989-01-15", "age_limit_exception": True}, True, ""),
    # ABV Art. 36 Abs. 3: more than 3 months late (01.04.2025 is 4 calendar months after December).
    ({"application_date": "2025-04-01"}, False, "BE-ABV-36-3"),
    # ABV Art. 37: what the calculation needs.
    ({"housing": None}, False, "BE-ABV-37"),
    ({"level": None}, False, "BE-ABV-37"),
    ({"parents": None}, False, "BE-ABV-37"),
    ({"parents": "together", "p1_adults": 2}, False, "BE-ABV-37"),            # no p1_income_total
    ({"birth_date": None}, False, "BE-ABV-37;BE-ABV-30"),   # age unknown: the own household is not shown either
    ({"application_date": None}, False, "BE-ABV-37"),
    ({"programme_kind": "initial_sec2", "level": "secondary_ii", "regular_semesters": None}, False, "BE-ABV-37"),
    ({"regular_semesters": None}, True, ""),                                   # tertiary: not needed
])
def test_reason_codes(changes, eligible, reasons):
    row = run(**changes)
    check(row, eligible=eligible, reasons=reasons)
    if not eligible:
        assert row["aid"] == 0 and row["bursary"] == 0 and row["loan"] == 0


def test_reason_codes_follow_the_rule_sets_order():
    """BE.md §3.2: ineligibility codes first, in the table's order."""
    row = run(nationality="XK", permit="B", years_domicile_ch=1, aid_domicile="ZH", changes_of_course=3,
              application_date="2025-06-01")
    assert row["reasons"] == "BE-ABG-12;BE-ABG-13;BE-ABG-14-3;BE-ABV-36-3"


def test_every_code_of_the_spec_is_declared_in_order():
    assert load(RULES).reason_codes == (
        "BE-ABG-12", "BE-ABG-13", "BE-ABG-7", "BE-ABG-14-3", "BE-ABG-14-4", "BE-ABV-36-3", "BE-ABV-37",
        "BE-ABV-30", "BE-ABV-36-2", "BE-ABV-38-2", "BE-ABG-10", "BE-ABG-14-1", "BE-ABV-9", "BE-ABG-11")


def test_parameters_carry_article_date_and_readings():
    """Every parameter has a reference and a valid_from; the amounts of A1-1 Abs. 1 and 5 changed on 01.08.2024."""
    flat = load(RULES).flat()
    assert all(p.article and p.valid_from for p in flat.values())
    assert flat["student.basic.p1"].value == 12072 and flat["student.basic.p1"].valid_from == "2024-08-01"
    assert flat["meals.per_meal"].value == 10 and flat["meals.per_meal"].valid_from == "2024-08-01"
    assert flat["student.housing.p1"].valid_from == "2012-08-01"
    assert flat["award.minimum"].value == 500
    # the same A1-1 Abs. 1 table for both budgets
    assert all(flat[f"family.basic.p{k}"].value == flat[f"student.basic.p{k}"].value for k in range(1, 8))
    readings = [p for p in flat.values() if p.note.startswith("[reading")]
    assert len(readings) >= 15


def test_explain_shows_bern_articles():
    trace = __import__("xladdin").explain({**_example_row("BE-3")}, rules=RULES)
    aid = trace[trace["label"] == "Aide totale"]
    assert aid["amount"].iloc[0] == 5893
    assert (trace["article"].str.contains("ABV|ABG|A1-1|concordat")
            | (trace["article"] == "")).all()


def test_no_zurich_claim_months_in_a_bern_trace():
    """BiG § 18 Abs. 2 and § 17 Abs. 2 are Zurich's: Bern has no period factor (ABV Art. 38 Abs. 1), so its trace
    shows no months of claim (a late application is reduced by twelfths instead, Art. 36 Abs. 2)."""
    from xladdin import explain
    labels = explain({**BASE, "applicant_id": "T"}, rules=RULES, lang="en")["label"].tolist()
    assert not any(label.startswith("Months of the period") for label in labels)
    assert "Late-application reduction ((12 − months late) / 12)" in labels
