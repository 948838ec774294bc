"""NE-2025 (LAF RSN 418.10, RLAF RSN 418.110, ALAF RSN 418.110.0; the social-aid norms of the arrêté RSN 831.02 NOT
held): the rows that need a norm are row errors naming it; what the held texts decide alone is assessed; and — with
norms given as a what-if, TEST VALUES that are NOT Neuchâtel's — the worked examples of docs/rules/NE.md §8 end to
end, the YAML cases of tests/cantons/data/ne_cases.yaml (one per step and per reason code, arithmetic in comments),
the concordat verdicts of NE.md §7 and issue 2's properties. Common: Swiss, domicile NE, training year from
18.08.2025 (reference date 01.08.2025), application 15.09.2025, 6 regular semesters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xladdin
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.compliance import check
from xladdin.rules import load

from .helpers import Canton, codes_named, load_cases

COMMON = {"nationality": "CH", "aid_domicile": "NE", "recognised": True, "year_start": "2025-08-18",
          "application_date": "2025-09-15", "regular_semesters": 6}

# Test values standing for the arrêté RSN 831.02 (maintenance norm art. 2 al. 2, suitable rent), yearly, by persons of
# the UER: invented for the arithmetic only; the rule set holds none of them (NE.md §6, [N8]).
NORMS = {"maintenance.norm.p1": 12000, "maintenance.norm.p2": 18000, "maintenance.norm.p3": 22000,
         "maintenance.norm.p4": 26000, "maintenance.norm.p5": 30000, "maintenance.norm.p6": 33000,
         "maintenance.norm.p7_plus": 36000, "housing.rent_norm.p1": 9000, "housing.rent_norm.p2": 12000,
         "housing.rent_norm.p3": 14000, "housing.rent_norm.p4": 16000, "housing.rent_norm.p5": 18000,
         "housing.rent_norm.p6": 19000, "housing.rent_norm.p7_plus": 20000}

WORKED = {
    # NE.md §8 NE-1: a minor at home, both parents, a sibling
    "NE-1": ({"birth_date": "2009-03-15", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "housing": "parents", "meals_out": 150, "transport": 540, "training_costs": 1500, "parents": "together",
              "p1_adults": 2, "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_rdu": 60000,
              "p1_health_premiums": 10000, "p1_taxes": 6000, "p1_housing_costs": 15600, "p1_taxable_wealth": 50000},
             {"eligible": True, "reasons": "", "parents_share": 0, "needs": 6390, "resources": 0, "shortfall": 6390,
              "cap": 24000, "bursary": 6400, "loan": 0, "aid": 6400, "entitlement_semesters": 8},
             ("maintenance.norm.p4", "housing.rent_norm.p4")),
    # NE-2: an adult (26 in 2025), married, own UER, earnings of the year before; the parents as third parties
    "NE-2": ({"birth_date": "1999-05-10", "programme_kind": "bachelor", "level": "tertiary", "housing": "household",
              "married": True, "student_rdu": 30000, "earnings": 14000, "health_premiums": 7200,
              "student_taxes": 1800, "housing_costs": 16800, "transport": 800, "training_costs": 1800,
              "parents": "together", "p1_adults": 2, "p1_dependent_children": 0, "p1_children_in_training": 1,
              "p1_rdu": 80000, "p1_health_premiums": 12000, "p1_taxes": 14000, "p1_housing_costs": 24000},
             {"eligible": True, "reasons": "NE-RLAF-32-2", "independence": "partial", "parents_share": 4350,
              "needs": 13700, "resources": 10750, "shortfall": 2950, "bursary": 2950, "loan": 0, "aid": 2950},
             ("maintenance.norm.p2", "housing.rent_norm.p2")),
    # NE-3: separated parents, an apprentice of 17 living with his mother; the father outside the UER
    "NE-3": ({"birth_date": "2008-04-02", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "apprenticeship": True, "housing": "parents", "earnings": 9600, "meals_out": 200, "transport": 720,
              "training_costs": 600, "parents": "apart", "p1_adults": 1, "p1_dependent_children": 1,
              "p1_children_in_training": 1, "p1_rdu": 42000, "p1_health_premiums": 7800, "p1_taxes": 1500,
              "p1_housing_costs": 14400, "p2_adults": 2, "p2_dependent_children": 1, "p2_children_in_training": 1,
              "p2_rdu": 75000, "p2_health_premiums": 11000, "p2_taxes": 11000, "p2_housing_costs": 18000},
             {"eligible": True, "reasons": "", "parents_share": 6750, "needs": 18420, "resources": 9630,
              "shortfall": 8790, "bursary": 8800, "loan": 0, "aid": 8800},
             ("maintenance.norm.p3", "housing.rent_norm.p3")),
    # NE-4: at the age limit — 36 at the start of the training (LAF art. 12): a loan; NE-4b one year younger
    "NE-4": ({"birth_date": "1989-06-30", "programme_kind": "tertiary_b", "level": "tertiary", "housing": "household",
              "health_premiums": 4200, "housing_costs": 12000, "earnings": 20000, "transport": 1000,
              "training_costs": 3000, "parents": "none"},
             {"eligible": True, "reasons": "NE-LAF-12", "needs": 30700, "resources": 11200, "shortfall": 19500,
              "bursary": 0, "loan": 4000, "aid": 4000},
             ("maintenance.norm.p1", "housing.rent_norm.p1")),
}
WORKED["NE-4b"] = ({**WORKED["NE-4"][0], "birth_date": "1990-06-30"},
                   {"eligible": True, "reasons": "", "needs": 30700, "resources": 11200, "shortfall": 19500,
                    "cap": 24000, "bursary": 19500, "loan": 0, "aid": 19500},
                   ("maintenance.norm.p1", "housing.rent_norm.p1"))


def with_norms():
    return load("NE-2025").with_overrides(NORMS)


NE = Canton(with_norms(), COMMON, WORKED, default="NE-1")          # the test norms given, as a what-if would


def result(example: str = "NE-1", norms: bool = True, **changes) -> dict:
    return NE.result(example, rules=None if norms else "NE-2025", **changes)


def test_the_norms_are_named_missing_never_invented():
    rs = load("NE-2025")
    assert len(rs.missing) == 14 and all(rs.parameters[n].value is None for n in rs.missing)
    assert all("RSN 831.02" in rs.parameters[n].note for n in rs.missing)
    assert str(rs.valid_from) == "2025-08-01"


# ---------------------------------------------------------------------------------------------------- NE.md §8

@pytest.mark.parametrize("example", sorted(WORKED))
def test_worked_example(example):
    NE.check_worked(example)


@pytest.mark.parametrize("example", sorted(WORKED))
def test_worked_example_without_the_norms_is_a_row_error_naming_them(example):
    got = result(example, norms=False)
    assert pd.isna(got["eligible"]) and pd.isna(got["aid"])
    for name in WORKED[example][2]:
        assert f"« {name} »" in got["reasons"], name
    assert "RSN 831.02" in got["reasons"]


def test_worked_examples_in_one_table_keep_order_and_rows():
    frame = NE.worked_table()
    assert frame["applicant_id"].tolist() == sorted(WORKED)
    assert frame["aid"].tolist() == [6400, 2950, 8800, 4000, 19500]


def test_step_figures_ne_1_and_ne_3():
    # NE-1: revenu 60 000 + 30 % × (50 000 − 4 × 10 000) = 63 000; dépenses 130 % × 26 000 = 33 800 + 15 600
    # + 10 000 + 6 000 = 65 400 (RLAF art. 23-29, ALAF art. 2); deficit 2 400; meals, travel, training 3 990.
    t = NE.trace("NE-1")
    assert t["Parent 1 (parents' UER or third party): determining income"] == 63000
    assert t["Parent 1 (parents' UER or third party): determining expenses"] == 65400
    assert t["UER deficit counted"] == 2400
    assert t["Training costs, travel, meals, taxes"] == 3990
    # NE-3: mother alone 90 % × 42 000 = 37 800 (art. 30); father outside the UER: 75 000 − (28 600 + 15 400
    # + 11 000 + 11 000) = 9 000 × 3/4 = 6 750 (art. 32, 39 al. 2); apprentice 4/5 × (9 600 − 6 000) = 2 880.
    t = NE.trace("NE-3")
    assert t["Parent 1 (parents' UER or third party): determining income"] == 37800
    assert t["Parent 2 (third party outside the UER): determining expenses"] == 66000
    assert t["Parents' expected prestation (3/4 or 1/4 of the surplus)"] == 6750
    assert t["Student's earnings counted (4/5 after the allowance)"] == 2880


def test_ne_2_own_uer_deficit_and_third_party_parents():
    # own UER of 2 without a child: 105 % × 18 000 = 18 900 + 13 200 (110 % × 12 000 < 16 800) + 7 200 + 1 800
    # = 41 100 − 30 000 = deficit 11 100 (art. 34 al. 2); parents: 80 000 − (23 400 + 13 200 + 12 000 + 14 000)
    # = 17 400 × 1/4 (26 in 2025, art. 32 al. 2) = 4 350.
    t = NE.trace("NE-2")
    assert t["Own UER: determining expenses"] == 41100 and t["UER deficit counted"] == 11100
    assert t["Parents' expected prestation (3/4 or 1/4 of the surplus)"] == 4350


# ---------------------------------------------------------------------------------------------------- YAML cases

CASES = Path(__file__).parent / "data" / "ne_cases.yaml"


@pytest.mark.parametrize("case", load_cases(CASES))
def test_case(case):
    """A case may run on the shipped rule set (``norms: false``), expect texts in ``reasons`` or an empty cell."""
    got = result(case.get("example", "NE-1"), norms=case.get("norms", True), **case.get("input", {}))
    for key, expected in case["output"].items():
        if key == "reasons_contain":
            for text in expected:
                assert text in got["reasons"], text
        elif expected is None:
            assert pd.isna(got[key]), f"{key}: {got[key]!r}"
        else:
            assert got[key] == expected, f"{key}: {got[key]!r} != {expected!r}"


def test_every_reason_code_has_a_case():
    assert set(load("NE-2025").reason_codes) <= codes_named(CASES)


# ---------------------------------------------------------------------------------------------------- NE.md §7

ALL_STANDARDS = ("CONC-5-1a", "CONC-5-1b", "CONC-5-1c", "CONC-5-1d", "CONC-5-1e", "CONC-12-2", "CONC-13-1",
                 "CONC-13-2", "CONC-15-1a", "CONC-15-1b", "CONC-15-2", "CONC-15-4", "CONC-19")


def test_rules_check_verdicts_match_the_spec():
    # NE.md §7: every profile of the concordat check needs a social-aid norm (RSN 831.02, not held), so every
    # standard is à vérifier, naming the missing amounts; none is declared not met on a text not held.
    report = check("NE-2025")
    assert {v.standard.id: v.status for v in report.verdicts} == {s: "review" for s in ALL_STANDARDS}
    assert report.exit_code == 0
    art15 = next(v for v in report.verdicts if v.standard.id == "CONC-15-1b")
    assert "maintenance.norm.p1 (missing)" in art15.unheld


def test_rules_check_with_the_norms_given_judges_the_standards():
    # NE.md §7, the verdicts the held texts give once the norms are there (here the test norms): a single person
    # without resources: 105 % × N1 + 110 % × L1 + the training costs up to 4 000, capped at 24 000 (+ 6 000 per
    # child) — with N1 = 12 000, L1 = 9 000: 12 600 + 9 900 + 4 000 = 26 500 → 24 000 ≥ 16 000. Art. 19: both
    # profiles of the probe are 26, and Neuchâtel reduces the parents' prestation to a quarter from 25 for everyone
    # (LAF art. 20 al. 2 a): the probe sees no difference between them, « faculté non utilisée ».
    verdicts = {v.standard.id: v.status for v in check(with_norms()).verdicts}
    assert verdicts == {**{s: "met" for s in ALL_STANDARDS}, "CONC-5-1e": "review", "CONC-19": "not_applicable"}


# ---------------------------------------------------------------------------------------------------- issue 2

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 150))
def test_money_invariants_with_the_norms_given(seed, n):
    table = synthetic_applicants(n, seed, canton="NE")
    r = xladdin.assess(table, rules=with_norms())
    assert list(r["applicant_id"]) == list(table["applicant_id"])            # rows and order kept
    assert r["eligible"].notna().all()
    assert (r[["aid", "bursary", "loan"]] >= 0).all().all() and (r["aid"] == r["bursary"] + r["loan"]).all()
    assert (r["bursary"].fillna(0) <= r["cap"].fillna(0)).all()              # LAF art. 21 (a loan row: no cap)
    half = r["reasons"].fillna("").str.contains("NE-RLAF-55-1")             # the second semester: half the year
    assert ((r["bursary"] == 0) | (r["bursary"] >= 200) | (half & (r["bursary"] >= 100))).all()   # RLAF art. 45
    assert (r["bursary"] % 25 == 0).all()                                    # 50 a year, or half of it (art. 55)
    assert (r["loan"] <= 10000).all()                                        # RLAF art. 49 al. 2
    assert (r.loc[~r["eligible"].astype(bool), ["aid", "bursary", "loan"]] == 0).all().all()
    assert (r["aid"] <= r["shortfall"].clip(lower=0) + 25).all()             # the shortfall, rounded to 50
    assert (r["loan"] <= r["needs"]).all()


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 100), delta=st.floats(0, 200_000))
def test_aid_does_not_increase_with_the_parents_rdu(seed, n, delta):
    table = synthetic_applicants(n, seed, canton="NE")
    richer = table.copy()
    for parent in ("p1_", "p2_"):
        richer[parent + "rdu"] = richer[parent + "rdu"] + delta
    rs = with_norms()
    before, after = xladdin.assess(table, rules=rs), xladdin.assess(richer, rules=rs)
    assert (after["aid"] <= before["aid"]).all()
    assert (after["eligible"] == before["eligible"]).all()


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 80))
def test_without_the_norms_nothing_is_paid_on_a_missing_amount(seed, n):
    """The rows assessed without the norms have the same result whatever the norms are (test norms, twice them)."""
    table = synthetic_applicants(n, seed, canton="NE")
    r = xladdin.assess(table, rules="NE-2025")
    assert list(r["applicant_id"]) == list(table["applicant_id"])
    errors = r["eligible"].isna()
    assert r.loc[errors, "reasons"].str.contains("RSN 831.02").all() and r.loc[errors, "aid"].isna().all()
    doubled = load("NE-2025").with_overrides({k: 2 * v for k, v in NORMS.items()})
    paid = ~errors & r["eligible"].fillna(False).astype(bool)
    for rules in (with_norms(), doubled):
        other = xladdin.assess(table, rules=rules)
        decided = ["eligible", "reasons", "bursary", "loan", "aid"]
        assert r.loc[~errors, decided].equals(other.loc[~errors, decided])
        amounts = ["parents_share", "needs", "resources", "shortfall"]          # shown for the eligible rows
        assert r.loc[paid, amounts].equals(other.loc[paid, amounts])


def test_each_row_is_assessed_as_if_alone():
    table = synthetic_applicants(40, 5, canton="NE")
    rs = with_norms()
    together = xladdin.assess(table, rules=rs)
    for i in range(len(table)):
        alone = xladdin.assess(table.iloc[[i]].reset_index(drop=True), rules=rs).iloc[0]
        assert together.iloc[i].fillna(-1).to_dict() == alone.fillna(-1).to_dict(), i


# ---------------------------------------------------------------------------------------------------- faces

def test_sample_list_one_named_case_per_reason_code():
    """workbooks/sample-applicants-NE.csv (scripts/make_sample_applicants.py, seeded): each refusal the held texts
    decide carries its code; the other named cases are row errors naming a norm of RSN 831.02 (not held); with the
    norms given they carry their code."""
    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-NE.csv"
    r = xladdin.assess(str(path), rules="NE-2025").set_index("applicant_id")
    assert len(r) == 300
    refusals = ["NE-LAF-7", "NE-LAF-8", "NE-LAF-14", "NE-LAF-9-2", "NE-RLAF-55", "NE-LAF-26"]
    for code in refusals:
        assert r.loc[code, "reasons"] == code, code
    others = [c for c in load("NE-2025").reason_codes if c not in refusals]
    for code in others:
        assert "RSN 831.02" in r.loc[code, "reasons"], code
    given_ = xladdin.assess(str(path), rules=with_norms()).set_index("applicant_id")
    for code in others:
        assert code in given_.loc[code, "reasons"].split(";"), (code, given_.loc[code, "reasons"])
    assert given_.loc["NE-ELIGIBLE", "reasons"] in ("", None) and given_.loc["NE-ELIGIBLE", "aid"] == 6400


def test_intake_form_cites_neuchatel_articles(tmp_path):
    """The NE form is in French and cites the LAF/RLAF (and the concordat), never a Geneva article."""
    import openpyxl

    from xladdin.excel.templates.intake import build

    path = tmp_path / "intake-ne.xlsx"
    build(path, rules="NE-2025")
    ws = openpyxl.load_workbook(path).worksheets[0]
    cited = {row[1]: row[3] for row in ws.iter_rows(values_only=True) if row[1]}
    assert cited["Unité économique de référence (UER) de la personne en formation"] == "RLAF art. 16, 18 al. 1"
    assert cited["Années de séjour légal dans le canton"] == "LAF art. 7 lit. c ; RLAF art. 5 al. 1"
    assert not any("LBPE" in str(article) or "RBPE" in str(article) for article in cited.values())


def test_compare_as_resident_across_every_rule_set():
    """The NE sample compared under every shipped rule set, each row as if domiciled in that canton: one row per
    applicant, NE's row errors kept (naming the norm), a total per rule set."""
    from xladdin import rules as rules_mod
    from xladdin.compare import compare

    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-NE.csv"
    ids = list(rules_mod.available())
    r = compare(str(path), ids, resident=True)
    assert len(r.rows) == 300 and r.rows["applicant_id"].tolist()[0] == "NE-ELIGIBLE"
    assert set(r.summary["rules"]) == set(ids)
    errors = r.rows["NE-2025.eligible"].isna()
    assert errors.any() and r.rows.loc[errors, "NE-2025.reasons"].str.contains("RSN 831.02").all()
    moved = r.rows.loc[r.rows["applicant_id"] == "NE-LAF-8", "NE-2025.reasons"].item()       # now a resident:
    assert "NE-LAF-8" not in moved and "maintenance.norm.p4" in moved                       # needs the norm
