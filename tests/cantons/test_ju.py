"""JU-2026 (LSF RSJU 416.31, OSF RSJU 416.311, DSF RSJU 416.311.1): the worked examples of docs/rules/JU.md §8 end to
end — with the texts held (the rows needing the LP minimum vital or the average rents are row errors naming them)
and with TEST amounts standing for those two sources (invented for the arithmetic only, NOT Jura's) — the YAML
cases of tests/cantons/data/ju_cases.yaml (one per step and per reason code, arithmetic in comments) and the
concordat verdicts of JU.md §7. Common: Swiss, domicile JU, training year from 17.08.2026 (reference date
01.08.2026), application 15.09.2026."""

from __future__ import annotations

from pathlib import Path

import pytest

import xladdin
from xladdin.compliance import check
from xladdin.rules import load

from .helpers import Canton, codes_named, load_cases

COMMON = {"nationality": "CH", "aid_domicile": "JU", "recognised": True, "part_time_ratio": 1,
          "year_start": "2026-08-17", "application_date": "2026-09-15", "regular_semesters": 6}

# Test values standing for the LP art. 93 base amounts and the OFS average rents (monthly), NOT Jura's.
TEST_AMOUNTS = {"family.maintenance.single": 1000, "family.maintenance.single_parent": 1200,
                "family.maintenance.couple": 1500, "family.maintenance.child_to_10": 300,
                "family.maintenance.child_over_10": 500, "family.rent_max.r2": 800, "family.rent_max.r3": 1000,
                "family.rent_max.r4": 1200, "family.rent_max.r5": 1400}

_PARENTS_TOGETHER = {"parents": "together", "p1_adults": 2, "p1_dependent_children": 1, "p1_children_le10": 1,
                     "p1_children_in_training": 1, "p1_income_total": 70000, "p1_taxes": 9000,
                     "p1_housing_costs": 18000}
EXAMPLES = {
    "JU-1": {"birth_date": "2010-03-15", "programme_kind": "initial_sec2", "level": "secondary_ii",
             "housing": "parents", "transport": 600, "meals_out": 100, **_PARENTS_TOGETHER},
    "JU-2": {"birth_date": "2000-05-10", "programme_kind": "bachelor", "level": "tertiary", "housing": "lease",
             "training_outside_canton": True, "first_training_done": True, "years_independent": 3,
             "housing_costs": 9000, "earnings": 10000, "transport": 1200, "training_costs": 1500,
             "parents": "together", "p1_adults": 2, "p1_dependent_children": 0, "p1_children_in_training": 1,
             "p1_income_total": 120000, "p1_taxes": 15000, "p1_housing_costs": 20000},
    "JU-3": {"birth_date": "2009-04-02", "programme_kind": "initial_sec2", "level": "secondary_ii",
             "housing": "parents", "transport": 800, "meals_out": 150, "parents": "apart",
             "p1_adults": 1, "p1_dependent_children": 0, "p1_children_in_training": 1, "p1_income_total": 40000,
             "p1_taxes": 3000, "p1_housing_costs": 14400,
             "p2_adults": 2, "p2_dependent_children": 0, "p2_children_in_training": 1, "p2_income_total": 60000,
             "p2_stepparent_income": 20000, "p2_taxes": 12000, "p2_housing_costs": 21600},
    "JU-4": {"birth_date": "2001-12-31", "programme_kind": "bachelor", "level": "tertiary", "housing": "parents",
             "transport": 600, "meals_out": 100, **_PARENTS_TOGETHER},
    "JU-5": {"birth_date": "2006-03-01", "programme_kind": "bachelor", "level": "tertiary", "housing": "lease",
             "training_outside_canton": True, "housing_costs": 8400, "transport": 1000, "parents": "none"},
}


JU = Canton("JU-2026", COMMON, {name: (inputs, {}) for name, inputs in EXAMPLES.items()}, default="JU-1")


def result(example: str = "JU-1", amounts: bool = True, **changes) -> dict:
    """``amounts``: with the TEST amounts standing for the missing ones; False: the rule set as held."""
    return JU.result(example, rules=load("JU-2026").with_overrides(TEST_AMOUNTS) if amounts else None, **changes)


def test_the_missing_amounts_are_named_never_invented():
    rs = load("JU-2026")
    assert rs.missing == tuple(TEST_AMOUNTS)
    assert all(rs.parameters[n].value is None for n in rs.missing)
    assert all("non détenu" in rs.parameters[n].note for n in rs.missing)
    assert rs.valid_from.isoformat() == "2026-08-01"


# ---------------------------------------------------------------------------------------------------- JU.md §8

def _needs(got: dict, *names: str) -> None:
    assert got["eligible"] is None or str(got["eligible"]) == "<NA>"
    for name in names:
        assert f"« {name} »" in got["reasons"], name


def test_ju_1_minor_at_home():
    # texts held: the parents' budget needs the couple's base amount, the children's, the 5-room average rent
    _needs(result("JU-1", amounts=False), "family.maintenance.couple", "family.maintenance.child_to_10",
           "family.maintenance.child_over_10", "family.rent_max.r5")
    # test amounts: maintenance 12 × (1 500 + 300 + 500) × 1.1 = 30 360; rent min(18 000, 12 × 1 400) = 16 800;
    # other 15 % × (30 360 + 16 800 + 9 000) = 8 424; balance 70 000 − 64 584 = 5 416; share 75 % / 1.25 = 3 249.6;
    # needs 1 300 + 600 + 10 × 100 + 3 600 = 6 500; receipts 1 500 + 3 249.6; shortfall 1 750
    got = result("JU-1")
    assert (got["eligible"], got["reasons"], got["parents_share"], got["needs"], got["resources"], got["shortfall"],
            got["cap"], got["bursary"], got["loan"]) == (True, "", 3250, 6500, 4750, 1750, 12000, 1750, 0)


def test_ju_2_adult_with_own_household_and_earnings():
    _needs(result("JU-2", amounts=False), "family.maintenance.couple", "family.rent_max.r3")
    # parents: couple 12 × 1 500 × 1.1 = 19 800; rent min(20 000, 12 × 1 000) = 12 000; other 15 % × 46 800 = 7 020;
    # balance 120 000 − 53 820 = 66 180; × 15 % (art. 48 b) = 9 927. Student: 2 000 + (1 500 − 1 000) + 1 200
    # + min(9 000, 7 800) + 6 000 + 4 800 = 22 300; receipts 50 % × 10 000 + 9 927 = 14 927; bursary 7 373
    got = result("JU-2")
    assert (got["eligible"], got["reasons"], got["independence"], got["parents_share"], got["needs"],
            got["resources"], got["bursary"]) == (True, "JU-OSF-48", "partial", 9927, 22300, 14927, 7373)


def test_ju_3_separated_parents_a_budget_each():
    _needs(result("JU-3", amounts=False), "family.maintenance.single_parent", "family.maintenance.couple",
           "family.rent_max.r3")
    # mother: 12 × (1 200 + 500) × 1.1 = 22 440 + 12 000 + 3 000 + 15 % = 43 056 > 40 000: no surplus;
    # father: 60 000 − 15 % × 20 000 = 57 000 − (19 800 + 12 000 + 12 000 + 6 570) = 6 630 × 0.6 = 3 978;
    # needs 1 300 + 800 + 1 500 + 3 600 = 7 200; receipts 1 500 + 3 978; bursary 1 722
    got = result("JU-3")
    assert (got["parents_share"], got["needs"], got["resources"], got["bursary"]) == (3978, 7200, 5478, 1722)
    # a maintenance fixed by a judge: only the mother's budget (OSF art. 38 al. 3): 7 200 − 1 500 = 5 700
    assert result("JU-3", p2_pays_alimony=True)["bursary"] == 5700


def test_ju_4_at_the_limit_of_25():
    # 25 on 31.12.2026, in the calendar year the training year begins: 15 % (OSF art. 48 a), not 75 % / 1.25
    # parents as JU-1: 5 416 × 15 % = 812.4; needs 2 000 + 600 + 1 000 + 4 800 = 8 400; receipts 2 000 + 812.4
    got = result("JU-4")
    assert (got["reasons"], got["parents_share"], got["needs"], got["resources"], got["bursary"]) == \
        ("JU-OSF-48", 812, 8400, 2812, 5588)
    # born a day later: 25 only in 2027, 5 416 × 0.6 = 3 249.6; shortfall 8 400 − 5 249.6 = 3 150
    later = result("JU-4", birth_date="2002-01-01")
    assert (later["reasons"], later["parents_share"], later["bursary"]) == ("", 3250, 3150)


def test_ju_5_decided_by_the_texts_held_alone():
    # no parents: 2 000 + 1 000 + min(8 400, 7 800) + 4 800 + 4 800 = 20 400; receipts 2 000; shortfall 18 400:
    # bursary 18 000 (OSF art. 36 c), the rest a loan (art. 27)
    got = result("JU-5", amounts=False)
    assert (got["eligible"], got["reasons"], got["needs"], got["resources"], got["shortfall"], got["bursary"],
            got["loan"]) == (True, "JU-OSF-36;JU-OSF-27", 20400, 2000, 18400, 18000, 400)


# ---------------------------------------------------------------------------------------------------- YAML cases

CASES = Path(__file__).parent / "data" / "ju_cases.yaml"


@pytest.mark.parametrize("case", load_cases(CASES))
def test_case(case):
    got = result(case.get("example", "JU-1"), amounts=case.get("amounts", True), **case.get("input", {}))
    for key, expected in case["output"].items():
        assert got[key] == expected, f"{key}: {got[key]!r} != {expected!r}"


def test_every_reason_code_has_a_case():
    assert set(load("JU-2026").reason_codes) <= codes_named(CASES)


# ---------------------------------------------------------------------------------------------------- JU.md §7

def test_rules_check_verdicts_match_the_spec():
    verdicts = {v.standard.id: v.status for v in check("JU-2026").verdicts}
    assert verdicts == {
        "CONC-5-1a": "met", "CONC-5-1b": "met", "CONC-5-1c": "met", "CONC-5-1d": "met", "CONC-5-1e": "review",
        "CONC-12-2": "met", "CONC-13-1": "review", "CONC-13-2": "met", "CONC-15-1a": "met",
        "CONC-15-1b": "met", "CONC-15-2": "review", "CONC-15-4": "met", "CONC-19": "review"}


# ---------------------------------------------------------------------------------------------------- sample list

def test_sample_list_has_one_named_case_per_reason_code():
    """workbooks/sample-applicants-JU.csv (scripts/make_sample_applicants.py, seeded): every named case carries the
    code it is named for, decided by the texts held; the case with parents is a row error naming the LP minimum
    vital; rows in = rows out."""
    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-JU.csv"
    r = xladdin.assess(str(path), rules="JU-2026")
    assert len(r) == 300
    named = r.set_index("applicant_id")
    for code in load("JU-2026").reason_codes:
        assert code in (named.loc[code, "reasons"] or "").split(";"), code
    assert named.loc["JU-ELIGIBLE", "reasons"] in ("", None) and named.loc["JU-ELIGIBLE", "bursary"] == 9000
    assert "family.maintenance.couple" in named.loc["JU-PARENTS-NEED-LP", "reasons"]


# ---------------------------------------------------------------------------------------------------- letters

def test_decision_letters_quote_the_jura_texts():
    """xladdin/letters/texts/JU.yaml: every named case of the sample gets its letter in French with its reasons'
    articles, semester instalments (OSF art. 67) and the remedies of LSF art. 38 naming the Code de procédure
    administrative (not held: no time limit quoted); the row needing the LP minimum vital gets none, with why."""
    from xladdin.letters.context import build_letters

    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-JU.csv"
    ids = list(("JU-ELIGIBLE", "JU-OSF-36", "JU-LSF-22", "JU-OSF-65-3", "JU-PARENTS-NEED-LP"))
    _assessment, letters = build_letters(path, rules="JU-2026", ids=ids)
    by_id = {letter.applicant_id: letter for letter in letters}
    assert all(by_id[i].produced for i in ids[:4]) and not by_id["JU-PARENTS-NEED-LP"].produced
    capped = by_id["JU-OSF-36"].context
    assert capped["lang"] == "fr" and [r["article"] for r in capped["reasons"]] == ["OSF art. 36 al. 1-3", "OSF art. 27"]
    assert [i["amount"] for i in capped["instalments"]] == ["9'000", "9'000"]
    remedies = capped["remedies"] if isinstance(capped["remedies"], str) else str(capped["remedies"])
    assert "LSF art. 38" in remedies and "RSJU 175.1" in remedies and "jours" not in remedies
    refused = by_id["JU-LSF-22"].context
    assert refused["decision"]["granted"] is False and refused["reasons"][0]["article"] == "LSF art. 22 ; OSF art. 24"


# ---------------------------------------------------------------------------------------------------- compare

def test_compare_the_jura_list_as_resident_across_every_rule_set():
    """The JU sample as if each applicant lived in each canton: one row per applicant, the rows JU-2026 cannot assess
    (the LP minimum vital) kept as errors, a total per rule set equal to assess's."""
    from xladdin import rules as rules_mod
    from xladdin.compare import compare

    path = Path(__file__).resolve().parents[2] / "workbooks" / "sample-applicants-JU.csv"
    ids = list(rules_mod.available())
    assert "JU-2026" in ids
    r = compare(str(path), ids, resident=True)
    assert len(r.rows) == 300 and r.rows["applicant_id"].tolist()[:2] == ["JU-ELIGIBLE", "JU-LSF-10"]
    import pandas as pd

    table = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    held = xladdin.assess(table.assign(aid_domicile="JU"), rules="JU-2026")
    assert r.rows["JU-2026.eligible"].isna().tolist() == held["eligible"].isna().tolist()
    s = r.summary.set_index("rules")
    assert set(ids) <= set(s.index)
    assert s.loc["JU-2026", "total_bursary"] == held["bursary"].sum()


# ---------------------------------------------------------------------------------------------------- intake form

def test_intake_form_cites_the_jura_texts(tmp_path):
    """``xladdin template intake --rules JU-2026``: French labels, every field the JU model reads with its LSF, OSF
    or DSF article (and the concordat's for the domicile), never another canton's law."""
    import openpyxl

    from xladdin.excel.templates.intake import build

    path = tmp_path / "intake-ju.xlsx"
    build(path, rules="JU-2026")
    ws = openpyxl.load_workbook(path).worksheets[0]
    cited = {row[1]: row[3] for row in ws.iter_rows(values_only=True) if row[1]}
    assert cited["Nationalité (ISO)"] == "LSF art. 10 al. 1"
    assert cited["Formation suivie hors du canton"] == "OSF art. 54 al. 1"
    assert cited["Parent 1 : total des revenus (taxation fiscale)"] == "OSF art. 32, 39-40"
    assert cited["Domicile déterminant (canton)"] == "concordat art. 6 ; LSF art. 11 ; OSF art. 8"
    laws = {part.split()[0] for text in cited.values() if text and text != "Article" for part in str(text).split(" ; ")}
    assert laws <= {"LSF", "OSF", "DSF", "concordat"}, laws
