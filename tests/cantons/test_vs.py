"""VS-2023 (LBPE RS/VS 416.1, OBPE RS/VS 416.100; the department's flat rates NOT held): the worked examples of
docs/rules/VS.md §8 — as held (what the texts decide alone, and the row errors naming the flat rates the others need)
and with the illustration amounts of VS.md §8 standing for the department's (NOT Valais' amounts, for the arithmetic
only) —, the YAML cases of tests/cantons/data/vs_cases.yaml (one per step and per reason code, arithmetic in
comments) and the concordat verdicts of VS.md §7. Common: Swiss, domicile VS, training year from 18.08.2025,
application 15.09.2025, regular duration 6 semesters."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import xladdin
from xladdin.compliance import check
from xladdin.rules import load

from .helpers import Canton, load_cases

COMMON = {"nationality": "CH", "aid_domicile": "VS", "recognised": True, "part_time_ratio": 1,
          "year_start": "2025-08-18", "application_date": "2025-09-15", "regular_semesters": 6}

# VS.md §8: illustration amounts standing for the department's flat rates (invented for the arithmetic only).
DEPT = {"maintenance.p1": 12000, "maintenance.p2": 18000, "maintenance.p3": 22000, "maintenance.p4": 26000,
        "maintenance.p5_plus": 30000, "housing.p1": 9000, "housing.p2": 12000, "housing.p3": 14000,
        "housing.p4": 16000, "housing.p5_plus": 18000, "family.health.per_person": 3000,
        "family.misc.adult": 1000, "family.misc.child": 500, "award.tertiary_bursary_share": 1.0}

WORKED = {
    # a minor at home, parents together, a sibling of 12
    "VS-1": ({"birth_date": "2009-03-10", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "housing": "parents", "meals_out": 150, "transport": 600, "parents": "together", "p1_adults": 2,
              "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_income_2400": 58000,
              "p1_assets": 150000, "p1_real_estate": 300000, "p1_debts": 200000},
             {"eligible": True, "reasons": "", "independence": "none", "parents_share": 500, "needs": 5300,
              "resources": 500, "shortfall": 4800, "cap": 12000, "bursary": 4800, "loan": 0, "aid": 4800,
              "entitlement_semesters": 8}),
    # an adult with his own household (married, one child) and earnings, partly independent of his parents
    "VS-2": ({"birth_date": "1997-05-02", "programme_kind": "bachelor", "level": "tertiary", "housing": "household",
              "married": True, "student_children": 1, "housing_costs": 20000, "gross_earnings": 24000,
              "spouse_income": 36000, "first_training_done": True, "years_independent": 3, "training_costs": 1500,
              "transport": 1000, "parents": "together", "p1_adults": 2, "p1_dependent_children": 0,
              "p1_children_in_training": 1, "p1_income_2400": 100000},
             {"eligible": True, "reasons": "VS-LBPE-18;VS-OBPE-23", "independence": "partial",
              "parents_share": 6200, "needs": 54500, "resources": 48200, "shortfall": 6300, "cap": 20000,
              "bursary": 4200, "loan": 2100, "aid": 6300}),
    # separated parents: a gymnasium pupil of 17 with her mother; the father remarried
    "VS-3": ({"birth_date": "2008-01-20", "programme_kind": "initial_sec2", "level": "secondary_ii",
              "housing": "parents", "meals_out": 200, "transport": 900, "parents": "apart", "p1_adults": 1,
              "p1_dependent_children": 1, "p1_children_in_training": 1, "p1_income_2400": 45000, "p2_adults": 2,
              "p2_dependent_children": 0, "p2_children_in_training": 1, "p2_income_2400": 50000},
             {"eligible": True, "reasons": "VS-OBPE-14-2", "parents_share": 6000, "needs": 7267,
              "resources": 6000, "shortfall": 1267, "bursary": 1267, "loan": 0, "aid": 1267}),
    # at a limit: a CAS whose costs are exactly 4 000 and whose gross income is exactly 40 000 (OBPE art. 28)
    "VS-4": ({"birth_date": "1990-06-01", "programme_kind": "continuing_education", "level": "tertiary",
              "housing": "lease", "gross_earnings": 40000, "training_costs": 4000, "parents": "none"},
             {"eligible": True, "reasons": "VS-OBPE-28", "parents_share": 0, "needs": 4000, "resources": 0,
              "shortfall": 4000, "cap": 16000, "bursary": 0, "loan": 4000, "aid": 4000}),
}


# The rule set with the illustration amounts (most steps need them) — VS-2023 as held with ``held=True``.
VS = Canton(load("VS-2023").with_overrides(DEPT), COMMON, WORKED, default="VS-1")
applicant, trace = VS.applicant, VS.trace


def result(example: str = "VS-1", held: bool = False, **changes) -> dict:
    return VS.result(example, rules="VS-2023" if held else None, **changes)


def test_the_department_amounts_are_named_missing_never_invented():
    rs = load("VS-2023")
    assert len(rs.missing) == 14 and all(rs.parameters[n].value is None for n in rs.missing)
    assert all("département" in rs.parameters[n].note for n in rs.missing)
    assert rs.valid_from.isoformat() == "2023-07-01"


# ---------------------------------------------------------------------------------------------------- VS.md §8

@pytest.mark.parametrize("example", sorted(WORKED))
def test_worked_example_with_the_illustration_amounts(example):
    VS.check_worked(example)


@pytest.mark.parametrize("example, needed", [
    ("VS-1", {"maintenance.p4", "housing.p4", "family.health.per_person", "family.misc.adult", "family.misc.child"}),
    ("VS-2", {"maintenance.p2", "maintenance.p3", "housing.p2", "housing.p3", "family.health.per_person",
              "family.misc.adult", "family.misc.child"}),
    ("VS-3", {"maintenance.p2", "maintenance.p3", "housing.p2", "housing.p3", "family.health.per_person",
              "family.misc.adult", "family.misc.child"}),
])
def test_worked_example_as_held_is_a_row_error_naming_the_flat_rates(example, needed):
    got = result(example, held=True)
    assert str(got["eligible"]) in ("<NA>", "None") and str(got["aid"]) in ("<NA>", "None", "nan")
    named = {name for name in load("VS-2023").missing if f"« {name} »" in got["reasons"]}
    assert named == needed, got["reasons"]


def test_vs_4_is_decided_by_the_held_texts_alone():
    # OBPE art. 28: no family budget, no department amount — the same result with or without the flat rates
    held, illustrated = result("VS-4", held=True), result("VS-4")
    assert {k: held[k] for k in WORKED["VS-4"][1]} == WORKED["VS-4"][1]
    assert held["aid"] == illustrated["aid"] == 4000


@pytest.mark.parametrize("changes, reasons", [
    ({"training_costs": 3999}, "VS-OBPE-28-3"),            # « inférieurs à 4'000 francs »
    ({"gross_earnings": 40001}, "VS-OBPE-28-4"),           # « supérieur à 40'000 francs »
    ({"training_costs": 20000}, "VS-OBPE-28;VS-OBPE-7"),   # 16 000 at most a year (al. 3)
])
def test_vs_4_on_either_side_of_its_limits(changes, reasons):
    got = result("VS-4", held=True, **changes)
    assert got["reasons"] == reasons
    assert got["aid"] == (16000 if "VS-OBPE-7" in reasons else 0)


def test_vs_3b_a_father_paying_a_court_fixed_maintenance_has_no_budget():
    # OBPE art. 11 al. 4: no budget for the father; his 6 000 is the pupil's income: 6 000 − max(30 %, 6 000) = 0;
    # needs 7 266.67 (the mother's deficit share), resources 0 → 7 267.
    got = result("VS-3", p2_pays_alimony=True, alimony=6000)
    assert (got["parents_share"], got["resources"], got["aid"], got["reasons"]) == (0, 0, 7267, "")


def test_worked_examples_in_one_table_keep_order_and_rows():
    frame = VS.worked_table()
    assert frame["applicant_id"].tolist() == sorted(WORKED)
    assert frame["aid"].tolist() == [4800, 6300, 1267, 4000]


# ---------------------------------------------------------------------------------------------------- §4 steps

def test_step_family_budget_figures_vs_1():
    # VS-1: 58 000 + 5 % × (150 000 + 50 % × 200 000 − 200 000) = 60 500; costs 26 000 + 16 000 + 4 × 3 000
    # + 2 × 1 000 + 2 × 500 + 1 200 + 1 800 = 60 000.
    t = trace("VS-1")
    assert t["Parent 1: income counted"] == 60500
    assert t["Parent 1: family costs"] == 60000
    assert t["Parent 1: family budget"] == 500


def test_step_student_figures_vs_2():
    # VS-2: 3 000 flat; 1 000 transport; rent min(20 000, 14 000); own budget of 3: 22 000 + 9 000 + 2 000 + 500
    # + 1 200 + 1 800 = 36 500; own income 60 000 − 18 000 = 42 000.
    t = trace("VS-2")
    assert t["Training costs (flat rate and fees above 6 000)"] == 3000
    assert t["Lodging away from the family"] == 14000
    assert t["Student's maintenance (own budget)"] == 36500
    assert t["Own income after the allowance"] == 42000


def test_step_parents_deficit_and_remarried_father_vs_3():
    # mother: 45 000 − (22 000 + 14 000 + 9 000 + 1 000 + 1 000 + 3 000 = 50 000) = −5 000 / 3 persons = 1 666.67
    # father: 50 000 − (18 000 + 12 000 + 6 000 + 2 000 = 38 000) = 12 000 / 1 × 50 % = 6 000
    t = trace("VS-3")
    assert t["Parent 1: family budget"] == -5000 and t["Parent 2: family budget"] == 12000
    assert round(t["Share of the family deficit (cost)"], 2) == 1666.67
    assert t["Parents' share"] == 6000


# ---------------------------------------------------------------------------------------------------- YAML cases

CASES = Path(__file__).parent / "data" / "vs_cases.yaml"


@pytest.mark.parametrize("case", load_cases(CASES))
def test_case(case):
    got = result(case.get("example", "VS-1"), held=case.get("held", False), **case.get("input", {}))
    for key, expected in case["output"].items():
        assert got[key] == expected, f"{key}: {got[key]!r} != {expected!r}"


def test_every_reason_code_has_a_case():
    named = {code for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))
             for code in str(case["output"].get("reasons", "")).split(";") if code}
    assert set(load("VS-2023").reason_codes) <= named


# ---------------------------------------------------------------------------------------------------- VS.md §7

STANDARDS = ("CONC-5-1a", "CONC-5-1b", "CONC-5-1c", "CONC-5-1d", "CONC-5-1e", "CONC-12-2", "CONC-13-1",
             "CONC-13-2", "CONC-15-1a", "CONC-15-1b", "CONC-15-2", "CONC-15-4", "CONC-19")


def test_rules_check_verdicts_match_the_spec():
    # VS.md §7: every profile needs the department's flat rates (maintenance, housing, health, miscellaneous), so
    # every standard is à vérifier, naming them; none is declared not met on a text not held.
    report = check("VS-2023")
    assert {v.standard.id: v.status for v in report.verdicts} == {s: "review" for s in STANDARDS}
    assert report.exit_code == 0
    art15 = next(v for v in report.verdicts if v.standard.id == "CONC-15-1b")
    assert "maintenance.p1 (missing)" in art15.unheld


def test_rules_check_with_the_illustration_amounts_judges_the_standards():
    # VS.md §7, last column: with amounts standing for the department's, the engine pays the profiles.
    verdicts = {v.standard.id: v.status for v in check(load("VS-2023").with_overrides(DEPT)).verdicts}
    assert verdicts == {**{s: "met" for s in STANDARDS}, "CONC-5-1e": "review"}


# ---------------------------------------------------------------------------------------------------- faces

def test_intake_form_cites_valais_not_genevas_laws_of_the_same_name(tmp_path):
    """Valais' LBPE shares Geneva's abbreviation: the VS form cites only the articles written for Valais (and the
    concordat), never a Geneva article; French first, German on request (Valais is bilingual)."""
    import openpyxl

    from xladdin.excel.templates.intake import build

    path = tmp_path / "intake-vs.xlsx"
    build(path, rules="VS-2023")
    ws = openpyxl.load_workbook(path).worksheets[0]
    cited = {row[1]: row[3] for row in ws.iter_rows(values_only=True) if row[1]}
    assert cited["Date de naissance"] == "LBPE art. 13 al. 4, 18 al. 1 a ; OBPE art. 23 al. 1 f"
    assert cited["Parent 1 : revenu net avant déductions personnelles (chiffre 2400)"] == \
        "OBPE art. 12 al. 1 a ; art. 6 al. 1"
    assert cited["Domicile déterminant (canton)"] == "LBPE art. 5 al. 3, 6 ; concordat art. 6"
    from xladdin.schema import fields_for

    rs = load("VS-2023")
    assert set(rs.inputs) <= {f.key for f in fields_for("VS")}         # the inputs block names real VS inputs
    geneva_only = {"LBPE art. 15 al. 1", "LBPE art. 11", "RBPE art. 12 al. 2", "LBPE art. 16 al. 1 a"}
    assert not geneva_only & set(cited.values())
    german = tmp_path / "intake-vs-de.xlsx"
    build(german, rules="VS-2023", lang="de")
    labels = {row[1] for row in openpyxl.load_workbook(german).worksheets[0].iter_rows(values_only=True) if row[1]}
    assert "Elternteil 1: Nettoeinkommen vor Sozialabzügen (Ziffer 2400)" in labels


def test_sample_list_one_named_case_per_reason_code():
    """workbooks/sample-applicants-VS.csv: each refusal and each further-training case is decided by the texts held
    and carries its code; the cases that need the department's flat rates are row errors naming them; with the
    illustration amounts given they carry their code."""
    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-VS.csv"
    r = xladdin.assess(str(path), rules="VS-2023").set_index("applicant_id")
    assert len(r) == 300
    held = ["VS-LBPE-5", "VS-LBPE-5-2", "VS-LBPE-6", "VS-LBPE-7", "VS-LBPE-13-3", "VS-OBPE-32", "VS-OBPE-28-3",
            "VS-OBPE-28-4", "VS-LBPE-19", "VS-OBPE-28"]
    for code in held:
        assert r.loc[code, "reasons"] == code, code
    assert r.loc["VS-OBPE-28", "loan"] == 4000
    others = [c for c in load("VS-2023").reason_codes if c not in held]
    for code in others + ["VS-NEEDS-FLAT-RATES"]:
        assert "département" in r.loc[code, "reasons"], code
    given = xladdin.assess(str(path), rules=load("VS-2023").with_overrides(DEPT)).set_index("applicant_id")
    for code in others:
        assert code in given.loc[code, "reasons"].split(";"), (code, given.loc[code, "reasons"])


def test_compare_as_resident_across_every_rule_set():
    """The Valais list compared under every shipped rule set, each row as if domiciled there: one row per
    applicant in order, the Valais row errors kept (named), totals per rule set equal to assess's."""
    from xladdin import rules as rules_mod
    from xladdin.compare import compare

    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-VS.csv"
    ids = list(rules_mod.available())
    assert "VS-2023" in ids
    import pandas as pd

    r = compare(str(path), ids, resident=True)
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table = xladdin.assess(frame.assign(aid_domicile="VS"), rules="VS-2023")     # every row resident in Valais
    assert len(r.rows) == len(table) == 300
    assert r.rows["VS-2023.eligible"].isna().sum() == table["eligible"].isna().sum() > 0
    summary = r.summary.set_index("rules")
    assert set(ids) <= set(summary.index)
    assert summary.loc["VS-2023", "total_aid"] == table["aid"].sum()
