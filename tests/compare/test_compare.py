"""``xladdin.compare``: one applicant table under several rule sets, every number the engine's own."""

from __future__ import annotations

import pandas as pd
import pytest

import xladdin
from xladdin import rules as rules_mod
from xladdin.compare import compare, parse_rules
from xladdin.errors import RulesError, XladdinError

from .conftest import COMMON

SAMPLE = "workbooks/sample-applicants.csv"


def _row(result, applicant_id):
    rows = result.rows
    return rows[rows["applicant_id"] == applicant_id].iloc[0]


def test_hand_table_side_by_side(hand):
    r = compare(hand, ["GE-2025", "GE-2022"])
    assert r.rows["applicant_id"].tolist() == list("ABCDEFG")          # every input row, in input order
    assert list(r.rows.columns) == [
        "applicant_id", "last_name", "first_name",
        "GE-2025.eligible", "GE-2025.bursary", "GE-2025.loan", "GE-2025.aid", "GE-2025.reasons",
        "GE-2022.eligible", "GE-2022.bursary", "GE-2022.loan", "GE-2022.aid", "GE-2022.reasons",
        "aid_difference"]
    a = _row(r, "A")
    # tertiary, shortfall 38 840: capped at 16 740 (GE-2025) and 16 000 (GE-2022, LBPE 22 al. 1 before 2023)
    assert (a["GE-2025.bursary"], a["GE-2022.bursary"], a["aid_difference"]) == (16740, 16000, 740)
    assert bool(a["GE-2025.eligible"]) and a["first_name"] == "Anne" and a["last_name"] == "Exemple"
    b = _row(r, "B")
    # 38 840 − (37 000 − 8 160) = 10 000, under both caps
    assert (b["GE-2025.aid"], b["GE-2022.aid"], b["aid_difference"]) == (10000, 10000, 0)
    c = _row(r, "C")
    assert (c["GE-2025.bursary"], c["GE-2022.bursary"], c["aid_difference"]) == (12550, 12000, 550)
    d = _row(r, "D")                                        # master: loan only (LBPE 11 al. 2 c)
    assert (d["GE-2025.bursary"], d["GE-2025.loan"], d["GE-2022.loan"]) == (0, 16740, 16000)
    e = _row(r, "E")
    assert not e["GE-2025.eligible"] and e["GE-2025.reasons"] == "LBPE-3" and e["GE-2022.aid"] == 0
    f = _row(r, "F")                                        # the bad cell: error under both, no difference
    assert pd.isna(f["GE-2025.eligible"]) and pd.isna(f["GE-2025.aid"]) and pd.isna(f["aid_difference"])
    assert f["GE-2025.reasons"].startswith("ligne 7, colonne « Permis de séjour » (permit) : valeur inconnue « X »")
    assert f["GE-2022.reasons"] == f["GE-2025.reasons"]


def test_hand_table_summary(hand):
    s = compare(hand, "GE-2025, GE-2022").summary.set_index("rules")
    assert s.loc["GE-2025"].to_dict() == {
        "applied": "GE-2025 v1.0", "rows_read": 7, "rows_assessed": 6, "rows_in_error": 1, "eligible": 5,
        "recipients": 5, "total_bursary": 49290, "total_loan": 16740, "total_aid": 66030, "mean_aid": 13206.0}
    assert s.loc["GE-2022"].to_dict() == {
        "applied": "GE-2022 v1.0", "rows_read": 7, "rows_assessed": 6, "rows_in_error": 1, "eligible": 5,
        "recipients": 5, "total_bursary": 48000, "total_loan": 16000, "total_aid": 64000, "mean_aid": 12800.0}


def test_english_and_german_messages_and_labels(hand):
    en = compare(hand, ["GE-2025", "GE-2022"], lang="en")
    assert _row(en, "F")["GE-2025.reasons"].startswith("line 7, column 'Residence permit' (permit): unknown value 'X'")
    assert en.labelled_rows().columns[:5].tolist() == ["File number", "Last name", "First name",
                                                      "GE-2025: eligible", "GE-2025: bursary"]
    de = compare(hand, ["GE-2025"], lang="de")
    assert de.labelled_rows().columns[3:6].tolist() == ["GE-2025: berechtigt", "GE-2025: Stipendium",
                                                       "GE-2025: Darlehen"]
    assert de.labelled_summary().columns[0] == "Regelwerk"
    fr = compare(hand, ["GE-2025"])
    assert fr.labelled_rows().columns[3] == "GE-2025 : éligible"              # French spacing before a colon


def test_canton_key_takes_the_version_in_force_per_row():
    """``GE``: the rule set in force on each row's reference date (1 September of the year of year_start)."""
    rows = [
        {**COMMON, "applicant_id": "NOW", "first_name": "a", "programme_kind": "bachelor", "level": "tertiary"},
        # 2022/23: GE-2022 applies, cap 16 000
        {**COMMON, "applicant_id": "Y2022", "first_name": "b", "programme_kind": "bachelor", "level": "tertiary",
         "year_start": "15.09.2022", "application_date": "01.10.2022"},
        # 2019/20: no Geneva rule set in force; the row stays, with the message
        {**COMMON, "applicant_id": "Y2019", "first_name": "c", "programme_kind": "bachelor", "level": "tertiary",
         "year_start": "15.09.2019", "application_date": "01.10.2019"},
        {**COMMON, "applicant_id": "BAD", "first_name": "d", "programme_kind": "bachelor", "level": "tertiary",
         "permit": "X"},
    ]
    r = compare(rows, ["GE", "GE-2025"])
    assert r.rows["applicant_id"].tolist() == ["NOW", "Y2022", "Y2019", "BAD"]
    assert r.rows["GE.aid"].tolist()[:2] == [16740, 16000]
    assert r.rows["GE.rules"].tolist()[:2] == ["GE-2025 v1.0", "GE-2022 v1.0"]
    assert "GE-2025.rules" not in r.rows                       # an id names its version already
    y2019 = _row(r, "Y2019")
    assert pd.isna(y2019["GE.eligible"])
    assert y2019["GE.reasons"] == "ligne 4, colonne « Début de l'année de formation » (year_start) : aucun jeu de règles GE en vigueur au 01.09.2019"
    assert y2019["GE-2025.aid"] == 16740                       # an explicit id assesses it
    assert _row(r, "BAD")["GE.reasons"].startswith("ligne 5, colonne « Permis de séjour » (permit)")   # the cell error, its own line
    # GE: 16 740 + 16 000 = 32 740 over 2 rows assessed; the summary names both versions
    ge = r.summary.set_index("rules").loc["GE"]
    assert (ge["rows_assessed"], ge["rows_in_error"], ge["total_bursary"]) == (2, 2, 32740)
    assert ge["applied"] == "GE-2025 v1.0 (1), GE-2022 v1.0 (1)"
    # the difference is taken over the rule sets that assessed the row: Y2022 16 740 − 16 000
    diff = r.rows["aid_difference"]
    assert (diff.iloc[0], diff.iloc[1]) == (0, 740) and pd.isna(diff.iloc[2])   # Y2019: one rule set only


def test_as_resident_moves_the_domicile(hand):
    moved = hand.assign(aid_domicile="VD")
    kept = compare(moved, ["GE-2025"])
    assert set(kept.rows["GE-2025.reasons"].iloc[:5]) == {"LBPE-16", "LBPE-3;LBPE-16"}   # domicile elsewhere
    resident = compare(moved, ["GE-2025"], resident=True)
    assert resident.rows["GE-2025.aid"].tolist()[:4] == [16740, 10000, 12550, 16740]


def test_rule_list_is_checked():
    assert parse_rules(" GE-2025 ; GE-2022,GE-2025, ") == ["GE-2025", "GE-2022"]
    assert parse_rules("ge") == ["ge"]
    with pytest.raises(RulesError):
        parse_rules("GE-2025,XX-1999")
    with pytest.raises(XladdinError) as err:
        parse_rules(" , ")
    assert err.value.code == "compare_no_rules"


def test_every_rule_set_equals_assess():
    """For every shipped rule set (ZH-2021 and BE-2024 included once they ship), the columns are assess's."""
    ids = list(rules_mod.available())
    r = compare(SAMPLE, ids)
    for rid in ids:
        expected = xladdin.assess(SAMPLE, rules=rid)
        for measure in ("eligible", "bursary", "loan", "aid", "reasons"):
            got = r.rows[f"{rid}.{measure}"].astype(object).where(r.rows[f"{rid}.{measure}"].notna(), None)
            want = expected[measure].astype(object).where(expected[measure].notna(), None)
            assert got.tolist() == want.tolist(), (rid, measure)
        s = r.summary.set_index("rules").loc[rid]
        assert s["total_bursary"] == expected["bursary"].sum() and s["total_loan"] == expected["loan"].sum()


def test_sample_ge_2025_against_ge_2022():
    # measured on the shipped sample (300 rows): the 2023 indexation of the caps costs CHF 50 508 a year
    s = compare(SAMPLE, ["GE-2025", "GE-2022"]).summary.set_index("rules")
    assert (s.loc["GE-2025", "total_bursary"], s.loc["GE-2025", "total_loan"]) == (1385223, 218185)
    assert (s.loc["GE-2022", "total_bursary"], s.loc["GE-2022", "total_loan"]) == (1341375, 211525)
    assert s.loc["GE-2025", "total_aid"] - s.loc["GE-2022", "total_aid"] == 50508


# --- Zurich and Bern: run once their rule sets ship (the lead checks they do) --------------------------------

def _need(*ids):
    missing = [i for i in ids if i not in rules_mod.available()]
    if missing:
        pytest.skip(f"rule set(s) not yet available: {', '.join(missing)}")


ZH_BASE = {"nationality": "CH", "aid_domicile": "ZH", "recognised": True, "part_time_ratio": 1,
           "year_start": "2024-09-16", "application_date": "2024-10-15", "meal_days_per_week": 5}
BE_BASE = {"nationality": "CH", "aid_domicile": "BE", "recognised": True, "year_start": "2024-08-19",
           "application_date": "2024-11-30"}
# docs/rules/ZH.md §8 ZH-1 and ZH-5, docs/rules/BE.md §8 BE-1 and BE-4 (their arithmetic is there)
ZH_CASES = [
    ({**ZH_BASE, "applicant_id": "ZH-1", "birth_date": "2004-03-15", "programme_kind": "bachelor",
      "level": "tertiary", "regular_semesters": 6, "semesters_aided": 2, "housing": "parents", "earnings": 6000,
      "transport": 800, "parents": "together", "p1_adults": 2, "p1_children_gt10": 2, "p1_children_young_adult": 1,
      "p1_children_adult": 0, "p1_children_in_training": 2, "p1_income_total": 110000, "p1_net_wealth": 80000},
     {"bursary": 3270, "loan": 0}),
    ({**ZH_BASE, "applicant_id": "ZH-5", "birth_date": "1988-02-02", "programme_kind": "bachelor",
      "level": "tertiary", "regular_semesters": 6, "housing": "lease", "earnings": 30000, "transport": 600,
      "parents": "together", "p1_adults": 2, "p1_income_total": 200000},
     {"bursary": 0, "loan": 4300}),
]
BE_CASES = [
    ({**BE_BASE, "applicant_id": "BE-1", "birth_date": "2005-04-02", "programme_kind": "bachelor",
      "level": "tertiary", "regular_semesters": 6, "semesters_completed": 0, "housing": "parents",
      "earnings": 4000, "transport": 900, "meals_out": 150, "training_costs": 1600, "parents": "together",
      "p1_adults": 2, "p1_children_gt10": 3, "p1_children_young_adult": 1, "p1_in_training": 2,
      "p1_children_in_training": 2, "p1_income_total": 100000, "p1_taxable_wealth": 10000,
      "p1_housing_costs": 24000, "p1_taxes": 10000, "p1_professional_costs": 6000, "p1_health_costs": 19000},
     {"bursary": 2360, "loan": 0}),
    ({**BE_BASE, "applicant_id": "BE-4", "birth_date": "2003-05-05", "programme_kind": "initial_sec2",
      "level": "secondary_ii", "regular_semesters": 6, "semesters_completed": 0, "student_children": 1,
      "housing": "household", "housing_costs": 15000, "earnings": 6000, "other_income": 2760, "transport": 800,
      "training_costs": 1200, "childcare_costs": 9000, "parents": "none", "health_costs": 6000},
     {"bursary": 40244, "loan": 0}),
]


def test_zh_2021_be_2024_side_by_side_with_ge():
    """ZH-2021 and BE-2024 next to GE-2025 on the cantons' worked examples (domiciled in ZH or BE)."""
    _need("ZH-2021", "BE-2024")
    cases = ZH_CASES + BE_CASES
    rows = [c for c, _ in cases]
    r = compare(rows, ["GE-2025", "ZH-2021", "BE-2024"])
    for (case, want), (_, row) in zip(cases, r.rows.iterrows()):
        canton = case["aid_domicile"]
        rid = {"ZH": "ZH-2021", "BE": "BE-2024"}[canton]
        assert (row[f"{rid}.bursary"], row[f"{rid}.loan"]) == (want["bursary"], want["loan"]), case["applicant_id"]
        assert row["GE-2025.reasons"].split(";").count("LBPE-16") == 1      # not domiciled in Geneva
    for rid in ("GE-2025", "ZH-2021", "BE-2024"):
        expected = xladdin.assess(rows, rules=rid)
        assert r.rows[f"{rid}.aid"].tolist() == expected["aid"].tolist(), rid
    assert r.summary["rules"].tolist() == ["GE-2025", "ZH-2021", "BE-2024"]


def test_canton_keys_zh_be():
    _need("ZH-2021", "BE-2024")
    rows = [c for c, _ in ZH_CASES + BE_CASES]
    r = compare(rows, "GE,ZH,BE")
    assert [c for c in r.rows.columns if c.endswith(".rules")] == ["GE.rules", "ZH.rules", "BE.rules"]
    zh = xladdin.assess(rows, rules="ZH")
    assert r.rows["ZH.aid"].astype(object).where(r.rows["ZH.aid"].notna(), None).tolist() == \
        zh["aid"].astype(object).where(zh["aid"].notna(), None).tolist()
