"""VD-2023 (LAEF BLV 416.11, RLAEF BLV 416.11.1 and its 2023 scales): the worked examples of docs/rules/VD.md §8 end
to end, the traced figures of each step, the YAML cases of tests/cantons/data/vd_cases.yaml (one per step and per
reason code, arithmetic in comments) and the concordat verdicts of VD.md §7. Common to all: Swiss, domicile for
training aid VD, training year from 01.08.2024 (reference date 01.08.2024), application 01.07.2024."""

from __future__ import annotations

from pathlib import Path

import pytest

import xladdin
from xladdin.compliance import check

from .helpers import Canton, check_case, codes_named, load_cases

COMMON = {"nationality": "CH", "aid_domicile": "VD", "recognised": True, "part_time_ratio": 1,
          "year_start": "2024-08-01", "application_date": "2024-07-01"}

WORKED = {
    "VD-1": ({"birth_date": "2008-03-15", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "regular_semesters": 6, "training_category": "gymnasium", "housing": "parents",
              "transport_zones": "3", "meals_out": 100, "parents": "together", "p1_adults": 2,
              "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_charges_zone": "2", "p1_rdu": 60000,
              "p1_taxable_income": 45000},
             {"eligible": True, "reasons": "", "independence": "none", "parents_share": 9025, "needs": 17284,
              "resources": 9025, "shortfall": 8259, "bursary": 8259, "loan": 0, "aid": 8259,
              "entitlement_semesters": 8}),
    "VD-2": ({"birth_date": "2001-02-01", "programme_kind": "bachelor", "level": "tertiary", "regular_semesters": 6,
              "training_category": "university", "housing": "lease", "charges_zone": "1",
              "first_training_done": True, "years_independent": 2, "student_rdu": 12000, "taxable_income": 9000,
              "transport_zones": "AG", "meals_out": 150, "parents": "together", "p1_adults": 2,
              "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_charges_zone": "3",
              "p1_rdu": 100000, "p1_taxable_income": 80000, "p1_taxable_wealth": 900000},
             {"eligible": True, "reasons": "VD-LAEF-28;VD-LAEF-28-5", "independence": "partial",
              "parents_share": 19585, "needs": 32450, "resources": 31585, "shortfall": 865, "bursary": 649,
              "loan": 216, "aid": 865}),
    "VD-3": ({"birth_date": "2005-06-20", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "regular_semesters": 6, "training_category": "apprenticeship", "housing": "parents",
              "student_rdu": 6000, "transport_zones": "2", "meals_out": 200, "parents": "apart",
              "p1_adults": 1, "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_charges_zone": "2",
              "p1_rdu": 40000, "p1_taxable_income": 30000, "p2_adults": 2, "p2_dependent_children": 0,
              "p2_children_in_training": 1, "p2_charges_zone": "1", "p2_rdu": 60000, "p2_taxable_income": 90000},
             {"eligible": True, "reasons": "", "parents_share": 11950, "needs": 21548, "resources": 17950,
              "shortfall": 3598, "bursary": 3598, "loan": 0, "aid": 3598}),
    "VD-4": ({"birth_date": "1999-07-15", "programme_kind": "master", "level": "tertiary", "regular_semesters": 4,
              "training_category": "university", "housing": "lease", "charges_zone": "2",
              "first_training_done": True, "years_independent": 2, "student_rdu": 20000, "taxable_income": 15000,
              "parents": "together", "p1_adults": 2, "p1_dependent_children": 0, "p1_children_in_training": 1,
              "p1_charges_zone": "2", "p1_rdu": 200000, "p1_taxable_income": 150000},
             {"eligible": True, "reasons": "VD-LAEF-28-2", "independence": "full", "parents_share": 0,
              "needs": 28690, "resources": 20000, "shortfall": 8690, "bursary": 8690, "loan": 0, "aid": 8690,
              "entitlement_semesters": 6}),
}


VD = Canton("VD-2023", COMMON, WORKED, default="VD-1")
applicant, result, trace = VD.applicant, VD.result, VD.trace


# ---------------------------------------------------------------------------------------------------- VD.md §8

@pytest.mark.parametrize("example", sorted(WORKED))
def test_worked_example(example):
    VD.check_worked(example)


def test_worked_examples_in_one_table_keep_order_and_rows():
    frame = VD.worked_table()
    assert frame["applicant_id"].tolist() == sorted(WORKED)
    assert frame["aid"].tolist() == [8259, 865, 3598, 8690]
    assert frame["cap"].isna().all()                                     # no cap in the texts [V14]
    assert set(frame["rules"]) == {"VD-2023 v1.0"}


def test_vd_4b_one_month_later_is_only_partially_independent():
    # RLAEF art. 33 al. 2: 25 on 15.08.2024 → independent from 01.09.2024, after the reference date 01.08.2024.
    # Parents' cell 2A zone 2: 2 770 × 12 = 33 240 + 2 × 4 090 + 12.5 % × 150 000 (« > 140'000 », 2A) = 60 170;
    # capacity 200 000 − 60 170 = 139 830 × 50 % = 69 915 > needs 28 690 → nothing.
    got = result("VD-4", birth_date="1999-08-15")
    assert (got["independence"], got["parents_share"], got["aid"], got["reasons"]) == \
        ("partial", 69915, 0, "VD-LAEF-28")


# ---------------------------------------------------------------------------------------------------- §4 steps

def test_step3_parents_budget_figures_vd_3():
    # VD-3: p1 1A + 2E zone 2 = 3 690; 12 × 3 690 × 2/3 = 29 520 + 4 090 + 1 170 + 4.6 % × 30 000 = 36 160.
    # p2 2A zone 1 = 2 870 × 12 = 34 440 + 8 180 + 10.3 % × 90 000 = 51 890.
    t = trace("VD-3")
    assert t["Parent 1: normal charges (year)"] == 36160
    assert t["Parent 1: financial capacity"] == 3840
    assert t["Parent 2: normal charges (year)"] == 51890
    assert t["Parent 2: financial capacity"] == 8110
    assert t["Parents' contribution"] == 11950


def test_step5_student_figures_vd_1():
    # VD-1: 4 310 / 4 × 12 = 12 930; < 18: 1 170; gymnase 1 500 + 3 zones 684 + meals 1 000 = 3 184.
    t = trace("VD-1")
    assert t["Student: basic normal charges (year)"] == 12930
    assert t["Student: complementary charges"] == 1170
    assert t["Student: tax charge"] == 0
    assert t["Training costs (studies, transport, meals, lodging)"] == 3184


def test_step3_deficit_of_a_parent_is_not_carried():
    # VD-3 with the mother's RDU at 20 000: capacity 20 000 − 36 160 < 0 → 0; the father's 8 110 alone.
    assert result("VD-3", p1_rdu=20000)["parents_share"] == 8110


def test_step3_parent_paying_fixed_maintenance_leaves_the_unit():
    # LAEF art. 24 al. 1: the father pays 6 000 fixed by a court: his cell is not counted, the 6 000 is a resource.
    # resources 6 000 (RDU) + 6 000 + 3 840 = 15 840; needs 21 548 → 5 708.
    got = result("VD-3", p2_pays_alimony=True, alimony=6000)
    assert (got["parents_share"], got["resources"], got["aid"]) == (3840, 15840, 5708)


def test_step3_other_children_in_training_share_the_surplus():
    # VD-1 with the sibling also in post-compulsory training: he leaves the parents' budget too (RLAEF art. 21
    # al. 1): 12 × 4 310 × 2/4 = 25 860 + 8 180 (no child left) + 2 835 = 36 875; capacity 23 125 / 2 = 11 563
    # (11 562.5 rounded half up in the output).
    got = result("VD-1", p1_children_in_training=2)
    assert got["parents_share"] == 11563


def test_step5_own_household_with_a_child_and_a_spouse():
    # VD-4 married, one child, spouse earning 30 000: cell 2A + 1E zone 2 = 3 800 / 3 persons = 1 266.67 a month.
    # student: 12 × 1 266.67 = 15 200; child: 15 200 × ½ + 1 170 × ½ = 8 185; 3 720; tax 2A+1E « > 10'000 »
    # 2.9 % × 15 000 = 435; university 2 500 → needs 30 040.
    # spouse: 30 000 − (15 200 + 4 090 + 8 185) = 2 525 surplus → resources 22 525 → 7 515.
    got = result("VD-4", married=True, student_children=1, spouse_income=30000, housing="household")
    assert (got["needs"], got["resources"], got["aid"]) == (30040, 22525, 7515)


def test_step5_imposed_part_time_reduces_basic_charges_only():
    # VD-4 at 50 % imposed (RLAEF art. 41 al. 1): basic 21 720 × 0.5 = 10 860; reduced study costs 1 800;
    # needs 10 860 + 3 720 + 750 + 1 800 = 17 130; entitlement ⌈4 / 0.5⌉ + 2 = 10.
    got = result("VD-4", part_time_ratio=0.5)
    assert (got["needs"], got["entitlement_semesters"]) == (17130, 10)
    # for social reasons (LAEF art. 31 al. 2) the basic charges are not reduced: 21 720 + 3 720 + 750 + 1 800
    assert result("VD-4", part_time_ratio=0.5, part_time_special_reasons=True)["needs"] == 27990


def test_step5_separate_lodging_replaces_meals():
    # VD-3 with a separate lodging (RLAEF art. 39): rent 8 000 → 6 000 (12 × 500); board 340 × 11 (dual) = 3 740;
    # no meals (art. 39 al. 6): training 600 + 468 + 6 000 + 3 740 = 10 808; needs 14 760 + 3 720 + 10 808 = 29 288.
    got = result("VD-3", separate_lodging=True, housing_costs=8000)
    assert got["needs"] == 29288


def test_step7_in_year_application_counts_the_months_after_it():
    # VD-1 applied 15.10.2024: Aug-Oct lost (RLAEF art. 47 al. 1) → 8 259 × 9 / 12 = 6 194.25 → 6 194.
    got = result("VD-1", application_date="2024-10-15")
    assert (got["aid"], got["reasons"]) == (6194, "VD-RLAEF-47")


# ---------------------------------------------------------------------------------------------------- YAML cases

CASES = Path(__file__).parent / "data" / "vd_cases.yaml"


@pytest.mark.parametrize("case", load_cases(CASES))
def test_case(case):
    check_case(VD, case)


def test_every_reason_code_has_a_case():
    from xladdin.rules import load

    assert set(load("VD-2023").reason_codes) <= codes_named(CASES)


# ---------------------------------------------------------------------------------------------------- VD.md §7

def test_rules_check_verdicts_match_the_spec():
    verdicts = {v.standard.id: v.status for v in check("VD-2023").verdicts}
    assert verdicts == {
        "CONC-5-1a": "met", "CONC-5-1b": "met", "CONC-5-1c": "met", "CONC-5-1d": "met", "CONC-5-1e": "review",
        "CONC-12-2": "not_applicable", "CONC-13-1": "met", "CONC-13-2": "met", "CONC-15-1a": "met",
        "CONC-15-1b": "met", "CONC-15-2": "met", "CONC-15-4": "met", "CONC-19": "met"}
    assert check("VD-2023").exit_code == 0


# ---------------------------------------------------------------------------------------------------- sample list

def test_sample_list_has_one_named_case_per_reason_code():
    """workbooks/sample-applicants-VD.csv (scripts/make_sample_applicants.py, seeded): every named case carries the
    code it is named for (and the eligible base case none), rows in = rows out."""
    from xladdin.rules import load

    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-VD.csv"
    r = xladdin.assess(str(path), rules="VD-2023")
    assert len(r) == 300 and r["eligible"].notna().all()
    named = r.set_index("applicant_id")
    for code in load("VD-2023").reason_codes:
        assert code in (named.loc[code, "reasons"] or "").split(";"), code
    assert named.loc["VD-ELIGIBLE", "reasons"] in ("", None) and named.loc["VD-ELIGIBLE", "aid"] == 8259
