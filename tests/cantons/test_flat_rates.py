"""The student side shared by ZH-2021 and BE-2024 (xladdin/bursary/shared/flat_rates.py): the traced figures of
the personal budget and the award (ZH.md §4 steps 4-6, BE.md §4 steps 4-6), step by step.

Zurich's figures are those of the worked examples of docs/rules/ZH.md §8 ("§" = VAB, "Anh." = its appendix);
tests/cantons/test_zh.py checks the same examples end to end and the family side.
"""

from __future__ import annotations

import pandas as pd
import pytest

import xladdin
from xladdin.bursary import engine
from xladdin.bursary.inputs import parse
from xladdin.rules import load

from .test_zh import COMMON, WORKED

STUDENT_FIGURES = ("own_contribution", "s_earnings", "s_wealth", "resources", "persons", "s_basic", "s_housing",
                   "s_health", "s_deficit", "s_training", "s_transport", "s_meals", "s_further", "needs",
                   "shortfall", "divisor", "aid", "bursary", "loan")

ZH_FIGURES = {
    # ZH-1, 20, with her parents: EL 3 000 (Anh. 3.1.1, from 18 [R3]); 0.66 × (6 000 − 3 000) = 1 980 (§ 19 d);
    # deficit share 3 150 (§ 20 Abs. 1); materials 1 200 + fees 1 500 (Anh. 4.4.1-2), transport 800, meals 1 600
    # (Anh. 4.4.3, 5 days); 8 250 − 4 980 = 3 270, one person (§ 26).
    "ZH-1": (3000, 1980, 0, 4980, 1, 0, 0, 0, 3150, 2700, 800, 1600, 0, 8250, 3270, 1, 3270, 3270, 0),
    # ZH-2, 27, own household: EL increased 20 000 (Anh. 3.1.2, BiG § 17 i [R8]); 0.66 × max(0, 15 000 − 20 000) = 0;
    # wealth 12 000 under the 20 000 allowance (Anh. 3.2.1); 12 000 + 9 600 + 4 400 (adult from 25 [R3]) + 2 700
    # + 700 + 1 600 = 31 000.
    "ZH-2": (20000, 0, 0, 20000, 1, 12000, 9600, 4400, 0, 2700, 700, 1600, 0, 31000, 11000, 1, 11000, 11000, 0),
    # ZH-3, 23, with her child: 2 persons (§ 18 Abs. 2 d); R_s = maintenance 6 000 + EL 3 000 + 0.66 × 5 000
    # + other income 2 400 = 14 700; 18 300 + 18 000 + 2 600 + 600 + 2 700 + 900 + 1 600 + min(12 000, 10 100)
    # (§ 22 c, Anh. 4.5.2) = 54 800; 40 100 / 2 = 20 050.
    "ZH-3": (3000, 3300, 0, 14700, 2, 18300, 18000, 3200, 0, 2700, 900, 1600, 10100, 54800, 40100, 2, 20050,
             20050, 0),
    # ZH-4, 17, with her mother: no EL under 18; the surplus share 9 140 is her income; secondary II: materials 600,
    # no fees [R24]; 600 + 780 + 1 600 = 2 980 < 9 140: no claim (§ 25).
    "ZH-4": (0, 0, 0, 9140, 1, 0, 0, 0, 0, 600, 780, 1600, 0, 2980, -6160, 1, 0, 0, 0),
    # ZH-5, 36: EL 20 000 + 0.66 × (30 000 − 20 000) = 26 600; 30 900 − 26 600 = 4 300, a loan from 35 (BiG § 17 j).
    "ZH-5": (20000, 6600, 0, 26600, 1, 12000, 9600, 4400, 0, 2700, 600, 1600, 0, 30900, 4300, 1, 4300, 0, 4300),
}


def columns(row: dict, rules: str):
    return engine.compute(parse(pd.DataFrame([row])), load(rules))


@pytest.mark.parametrize("example", sorted(ZH_FIGURES))
def test_zurich_student_side_figures(example):
    c = columns({"applicant_id": example, **COMMON, **WORKED[example][0]}, "ZH-2021")
    got = {key: float(c[key][0]) for key in STUDENT_FIGURES}
    assert got == dict(zip(STUDENT_FIGURES, map(float, ZH_FIGURES[example])))


def test_zurich_meals_by_days_and_the_cap_on_illness_costs():
    """Anh. 4.4.3 [R11]: 3 days a week, 1 600 × 3 / 5 = 960; § 22 b, Anh. 4.5.1: illness costs 6 000 capped at
    4 000, only in an own household (ZH-1 lives with her parents: 0)."""
    base = {"applicant_id": "M", **COMMON, **WORKED["ZH-1"][0], "meal_days_per_week": 3, "illness_costs": 6000}
    c = columns(base, "ZH-2021")
    assert c["s_meals"][0] == 960 and c["s_further"][0] == 0
    c = columns({**base, **WORKED["ZH-2"][0], "meal_days_per_week": 3, "illness_costs": 6000}, "ZH-2021")
    assert c["s_meals"][0] == 960 and c["s_further"][0] == 4000


def test_a_spouse_income_counts_only_for_a_partner_in_the_budget():
    """VAB § 19 Abs. 1 e ("der übrigen erfassten Personen"), ABV Art. 26 Abs. 1: the income of a cohabiting
    partner without a common child (ZH § 18 Abs. 2 c) is not counted: ZH-2 with such a partner earning 30 000 keeps
    R_s 20 000; married, 0.66 × 30 000 = 19 800 more, and the wealth allowance is the couple's 40 000."""
    row = {"applicant_id": "P", **COMMON, **WORKED["ZH-2"][0], "spouse_income": 30000, "wealth": 45000}
    c = columns({**row, "cohabiting_partner": True}, "ZH-2021")
    assert c["s_spouse"][0] == 0 and c["s_wealth"][0] == 2500          # 0.10 × (45 000 − 20 000)
    c = columns({**row, "married": True, "housing": "household"}, "ZH-2021")
    assert c["s_spouse"][0] == 19800 and c["s_wealth"][0] == 500        # 0.10 × (45 000 − 40 000)


def test_one_student_under_both_cantons():
    """The same person (22, alone on a lease for a compelling reason, rent 9 000, fees 1 000, transport 600, no
    income, orphan) under each canton's personal budget (without the reason Zurich would not recognise the own
    household before 25, § 23 Abs. 1):
    ZH: 12 000 + 9 600 (flat rent) + 2 600 + 1 200 + 1 500 + 600 + 1 600 = 29 100, less the imputed EL 3 000:
        26 100 (§§ 19-21, Anh. 3-4);
    BE: 12 072 + min(9 000, 10 009) + 4 600 + min(1 000, 3 000) + 600 = 27 272, no own contribution (Art. 26-33)."""
    person = {"applicant_id": "X", "nationality": "CH", "recognised": True, "birth_date": "2002-01-15",
              "programme_kind": "bachelor", "level": "tertiary", "regular_semesters": 6, "housing": "lease",
              "own_household_reason": True, "housing_costs": 9000, "training_costs": 1000, "transport": 600, "parents": "none"}
    zh = xladdin.assess([{**person, "aid_domicile": "ZH", "year_start": "2024-09-16",
                          "application_date": "2024-10-15"}], rules="ZH-2021").iloc[0]
    be = xladdin.assess([{**person, "aid_domicile": "BE", "year_start": "2024-08-19", "health_costs": 4600,
                          "application_date": "2024-11-30"}], rules="BE-2024").iloc[0]
    assert (zh["needs"], zh["resources"], zh["aid"]) == (29100, 3000, 26100)
    assert (be["needs"], be["resources"], be["aid"]) == (27272, 0, 27272)


def test_an_unknown_switch_value_is_an_error_not_a_default():
    rs = load("BE-2024").with_overrides({"award.divisor": "sometimes"})
    with pytest.raises(ValueError, match="award.divisor"):
        xladdin.assess([{"applicant_id": "S", **COMMON, **WORKED["ZH-1"][0], "aid_domicile": "BE"}], rules=rs)
