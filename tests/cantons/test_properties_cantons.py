"""Issue 2's invariants for the cantonal rule sets (ZH-2021, BE-2024, VD-2023, JU-2026, NE-2025, VS-2023) over
random synthetic applicants shaped for them (``synthetic_applicants(..., canton=)``); hypothesis draws the seed, the
size and the perturbation.

Minimums: BE-2024 has one, on bursary + loan together (ABV Art. 38 Abs. 2, [B13]): the aid is 0 or at least 500;
VS-2023 too (OBPE art. 7 al. 3, [S10]). ZH-2021 has none ([R14]), nor VD-2023 ([V14]). JU-2026 and VS-2023 have
maxima (CAPPED below). VS-2023 runs with the illustration amounts of docs/rules/VS.md §8 standing for the
department's flat rates, which the texts held do not give (tests/cantons/test_vs.py also checks it as held).
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin import assess
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.rules import load

from .test_ne import NORMS as NE_TEST_NORMS
from .test_vs import DEPT

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULE_SETS = {"ZH": "ZH-2021", "BE": "BE-2024", "VD": "VD-2023", "JU": "JU-2026", "VS": "VS-2023"}
# The parents' income each model reads: the tax assessment (ZH, BE, JU; VS code 2400, OBPE art. 12), the RDU of the
# LHPS (VD, LAEF art. 22).
INCOME = {"ZH": "income_total", "BE": "income_total", "VD": "rdu", "JU": "income_total", "VS": "income_2400"}
# JU-2026 names the LP minimum vital and the average rents missing (docs/rules/JU.md §6): the properties run over it
# with the TEST amounts of tests/cantons/test_ju.py standing for them (not Jura's), so that every row is computed;
# test_missing_amounts_are_row_errors_only_where_needed runs it as held.
TEST_AMOUNTS = {"JU": {"family.maintenance.single": 1000, "family.maintenance.single_parent": 1200,
                       "family.maintenance.couple": 1500, "family.maintenance.child_to_10": 300,
                       "family.maintenance.child_over_10": 500, "family.rent_max.r2": 800,
                       "family.rent_max.r3": 1000, "family.rent_max.r4": 1200, "family.rent_max.r5": 1400},
                # VS-2023: the department's flat rates, the illustration amounts of docs/rules/VS.md §8
                "VS": DEPT}
# JU-2026 has maxima (OSF art. 36), VS-2023 a full aid (OBPE art. 7-8): the bursary stays within them; the
# others have none.
CAPPED = {"JU", "VS"}
# NE-2025 names the social-aid norms of RSN 831.02 missing (docs/rules/NE.md §6): the test norms of test_ne.py (not
# Neuchâtel's) stand for them (test_ne.py runs it as held). It caps the bursary (LAF art. 21) and pays it from 200 a
# year rounded to the nearest 50, half for a second-semester application (RLAF art. 45, 55 al. 1); a loan has no
# minimum.
RULE_SETS["NE"] = "NE-2025"
INCOME["NE"] = "rdu"
TEST_AMOUNTS["NE"] = NE_TEST_NORMS
CAPPED.add("NE")
ROUNDED = {"NE": 25}                # how far a rounded bursary may pass the shortfall


def ruleset(canton: str):
    rs = load(RULE_SETS[canton])
    return rs.with_overrides(TEST_AMOUNTS[canton]) if canton in TEST_AMOUNTS else rs


def _minimum(rules) -> float:
    return float(load(rules).value("award.minimum"))


@pytest.mark.parametrize("canton", sorted(RULE_SETS))
@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 300))
def test_money_invariants(canton, seed, n):
    rules = ruleset(canton)
    table = synthetic_applicants(n, seed, canton=canton)
    r = assess(table, rules=rules)
    assert list(r["applicant_id"]) == list(table["applicant_id"])           # count and order preserved
    assert r["eligible"].notna().all()                                       # the generator makes no bad cell
    assert (r["aid"] >= 0).all() and (r["bursary"] >= 0).all() and (r["loan"] >= 0).all()   # never negative
    assert (r["aid"] == r["bursary"] + r["loan"]).all()
    if canton in CAPPED:
        assert (r["bursary"] <= r["cap"]).all()                              # never above the maximum
    else:
        assert r["cap"].isna().all()                                         # no cap in the others
    minimum = _minimum(rules)
    if canton == "NE":                                                       # on the yearly bursary, halved
        half = r["reasons"].fillna("").str.contains("NE-RLAF-55-1")
        assert ((r["bursary"] == 0) | (r["bursary"] >= minimum) | (half & (r["bursary"] >= minimum / 2))).all()
    else:
        assert ((r["aid"] == 0) | (r["aid"] >= minimum)).all()               # 0 or at least the minimum
    assert (r.loc[~r["eligible"].astype(bool), ["aid", "bursary", "loan"]] == 0).all().all()   # ineligible: nothing
    assert (r["aid"] <= r["shortfall"].clip(lower=0) + ROUNDED.get(canton, 0)).all()   # never more than the shortfall


@pytest.mark.parametrize("canton", sorted(RULE_SETS))
@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 200), delta=st.floats(0, 300_000))
def test_aid_does_not_increase_with_the_parents_income(canton, seed, n, delta):
    table = synthetic_applicants(n, seed, canton=canton)
    richer = table.copy()
    for parent in ("p1_", "p2_"):
        richer[parent + INCOME[canton]] = richer[parent + INCOME[canton]] + delta
    before, after = assess(table, rules=ruleset(canton)), assess(richer, rules=ruleset(canton))
    assert (after["aid"] <= before["aid"]).all()
    assert (after["eligible"] == before["eligible"]).all()                   # income never decides eligibility


@pytest.mark.parametrize("canton", sorted(RULE_SETS))
@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 150))
def test_rows_order_and_bad_cells_preserved(canton, seed, n):
    table = synthetic_applicants(n, seed, canton=canton)
    rng = np.random.default_rng(seed)
    bad = rng.random(n) < 0.3
    table.loc[bad, "housing"] = "tent"
    r = assess(table, rules=ruleset(canton))
    assert r["applicant_id"].tolist() == table["applicant_id"].tolist()
    assert r["eligible"].isna().to_numpy().tolist() == bad.tolist()
    assert r.loc[bad, "reasons"].str.contains("housing").all()
    assert r.loc[bad, "aid"].isna().all()


# Rule sets with amounts the texts held do not give, and the words their row errors name them by.
AS_HELD = {"FR-2026": "annexe 1", "VS-2023": "département"}


@pytest.mark.parametrize("rules", sorted(AS_HELD))
@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 80))
def test_as_held_rows_are_kept_and_nothing_is_paid_on_a_missing_amount(rules, seed, n):
    """Without the amounts not held: every row kept in order; a row that needs one is an error naming where it
    is missing, with no amount; the others (what the held texts decide) keep the money invariants."""
    table = synthetic_applicants(n, seed, canton=rules[:2])
    r = assess(table, rules=rules)
    assert list(r["applicant_id"]) == list(table["applicant_id"])
    errors = r["eligible"].isna()
    assert r.loc[errors, "reasons"].str.contains(AS_HELD[rules]).all()
    assert r.loc[errors, "aid"].isna().all()
    assessed = r[~errors]
    assert (assessed[["aid", "bursary", "loan"]] >= 0).all().all()
    assert (assessed["aid"] == assessed["bursary"] + assessed["loan"]).all()
    assert ((assessed["aid"] == 0) | (assessed["aid"] >= _minimum(rules))).all()
    assert (assessed.loc[~assessed["eligible"].astype(bool), "aid"] == 0).all()


@pytest.mark.parametrize("canton", sorted(RULE_SETS))
def test_each_row_is_assessed_as_if_alone(canton):
    """Vectorised over the table or one row at a time: the same results (no row leaks into another)."""
    rules = ruleset(canton)
    table = synthetic_applicants(40, 5, canton=canton)
    together = assess(table, rules=rules)
    for i in range(len(table)):
        alone = assess(table.iloc[[i]].reset_index(drop=True), rules=rules).iloc[0]
        assert together.iloc[i].fillna(-1).to_dict() == alone.fillna(-1).to_dict(), i


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 150))
def test_missing_amounts_are_row_errors_only_where_needed(seed, n):
    """JU-2026 as held: rows and order kept; a row is a row error naming a missing amount, or exactly the row the
    test amounts give (the amount did not matter to it)."""
    table = synthetic_applicants(n, seed, canton="JU")
    held, filled = assess(table, rules="JU-2026"), assess(table, rules=ruleset("JU"))
    assert held["applicant_id"].tolist() == table["applicant_id"].tolist()
    errors = held["eligible"].isna()
    assert held.loc[errors, "reasons"].str.contains("non détenu").all()
    same = ["eligible", "reasons", "bursary", "loan", "aid"]           # an ineligible row: its outcome only
    assert held.loc[~errors, same].fillna(-1).equals(filled.loc[~errors, same].fillna(-1))
    eligible = ~errors & held["eligible"].fillna(False).astype(bool)
    amounts = ["needs", "resources", "shortfall", "parents_share"]
    assert held.loc[eligible, amounts].fillna(-1).equals(filled.loc[eligible, amounts].fillna(-1))


def test_geneva_draw_is_unchanged():
    """The canton argument leaves Geneva's synthetic applicants (and so the sample list and the demo numbers) as
    they were: the fingerprint of the draw that scripts/make_sample_applicants.py makes (300, seed 2025), taken
    from the generator before the argument was added (pandas' row hashes, summed modulo 2^61)."""
    table = synthetic_applicants(300, 2025)
    assert table.equals(synthetic_applicants(300, 2025, canton="GE"))
    assert int(pd.util.hash_pandas_object(table, index=True).sum() % 2**61) == 788298265525578797
    assert "p1_rdu" in table.columns and "p1_income_total" not in table.columns
