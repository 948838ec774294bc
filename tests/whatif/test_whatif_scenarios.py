"""What-if scenarios on the hand-made table (see conftest for every amount)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from xladdin.bursary.assess import assess_full
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.errors import RulesError, XladdinError
from xladdin.whatif import MEASURES, parse_spec, parse_specs, run, whatif_table

from .conftest import BASE_BURSARY, BASE_LOAN


def test_baseline_matches_paper(hand):
    r = run(hand, {"amounts.cap.tertiary": [16740]})
    # 16 740 + 16 740 + 10 000 + 12 550 = 56 030 bursaries; D's loan 16 740; E ineligible
    assert r.baseline["total_bursary"] == BASE_BURSARY == r.scenarios.loc[0, "total_bursary"]
    assert r.baseline["total_loan"] == BASE_LOAN
    assert r.baseline["recipients"] == 5
    # median of 10 000, 12 550, 16 740, 16 740, 16 740 = 16 740; mean 72 770 / 5 = 14 554
    assert r.baseline["median_aid"] == 16740 and r.baseline["mean_aid"] == 14554
    assert r.scenarios.loc[0, ["winners", "losers", "new_recipients", "lost_recipients"]].tolist() == [0, 0, 0, 0]


def test_raising_the_tertiary_cap_by_1000(hand):
    r = run(hand, {"amounts.cap.tertiary": [17740]})
    row = r.scenarios.iloc[0]
    # A1 and A2 are tertiary bursary recipients at the cap (shortfall 38 840 ≥ 17 740): + 1 000 each = + 2 000;
    # B (10 000, under the cap) and C (secondary II cap) do not move.
    assert row["total_bursary"] - BASE_BURSARY == 1000 * 2
    # D (master, loan only, LBPE 11 al. 2 c) is at the cap too: its loan rises by 1 000.
    assert row["total_loan"] - BASE_LOAN == 1000
    assert (row["winners"], row["winners_gain"], row["losers"]) == (3, 3000, 0)
    assert row["total_cost"] == 72_770 + 3000
    assert row["mean_aid"] == (72_770 + 3000) / 5 and row["median_aid"] == 17740


def test_lower_housing_flat_rate_loses_recipients(hand):
    r = run(hand, {"budget.housing.lease_base": [3000, 2400]})
    at_3000, at_2400 = r.scenarios.iloc[0], r.scenarios.iloc[1]
    # lease 3 000: needs − 9 000; B's shortfall 10 000 − 9 000 = 1 000 (≥ 500: still paid); A1, A2, C, D stay
    # above their caps (38 840 − 9 000 = 29 840 ≥ 16 740; 37 800 − 9 000 = 28 800 ≥ 12 550).
    assert (at_3000["lost_recipients"], at_3000["losers"], at_3000["losers_loss"]) == (0, 1, -9000)
    # lease 2 400: B's shortfall 10 000 − 9 600 = 400 < 500: no bursary (LBPE 22 al. 3): one recipient lost.
    assert (at_2400["lost_recipients"], at_2400["recipients"], at_2400["losers_loss"]) == (1, 4, -10000)
    assert at_2400["total_bursary"] == BASE_BURSARY - 10000


def test_breakdown_long_form_adds_up(hand):
    r = run(hand, {"amounts.cap.tertiary": [16740, 17740]})
    d = r.breakdown
    assert list(d.columns) == ["scenario", "amounts.cap.tertiary", "level", "programme_kind", "measure", "value"]
    wide = d.pivot_table(index=["scenario", "level", "programme_kind"], columns="measure", values="value")
    # scenario 1: bachelor bursaries 17 740 + 17 740 + 10 000 = 45 480; master loans 17 740; sec. II 12 550
    assert wide.loc[(1, "tertiary", "bachelor"), "total_bursary"] == 45_480
    assert wide.loc[(1, "tertiary", "master"), "total_loan"] == 17_740
    assert wide.loc[(1, "secondary_ii", "initial_sec2"), "total_bursary"] == 12_550
    assert wide.loc[(1, "tertiary", "bachelor"), "applicants"] == 4          # A1, A2, B, E
    totals = wide.groupby(level="scenario").sum()
    for column in ("total_bursary", "total_loan", "recipients", "winners", "winners_gain"):
        assert totals[column].tolist() == r.scenarios[column].tolist()


def test_grid_first_parameter_varies_fastest(hand):
    r = run(hand, {"amounts.cap.tertiary": [16000, 17000, 18000], "budget.meals": [3200, 0]})
    assert len(r.scenarios) == 6
    assert r.scenarios["amounts.cap.tertiary"].tolist() == [16000, 17000, 18000] * 2
    assert r.scenarios["budget.meals"].tolist() == [3200] * 3 + [0] * 3
    assert list(r.scenarios.columns[:2 + len(MEASURES)]) == ["amounts.cap.tertiary", "budget.meals", *MEASURES]
    assert r.evaluations == 6 * 6


def test_rows_in_error_are_left_out(hand):
    bad = pd.concat([hand, hand.iloc[[0]].assign(applicant_id="X", earnings="beaucoup")], ignore_index=True)
    r = run(bad, {"amounts.cap.tertiary": [17740]})
    assert r.rows_read == 7 and r.rows_excluded == 1
    assert r.scenarios.loc[0, "total_bursary"] == BASE_BURSARY + 2000


def test_same_figures_as_assess_with_overrides():
    frame = synthetic_applicants(400, seed=11)
    vary = {"amounts.cap.tertiary": [15000, 19000], "budget.housing.lease_base": [9000]}
    r = run(frame, vary)
    for row in r.scenarios.to_dict(orient="records"):
        overrides = {k: row[k] for k in vary}
        res = assess_full(frame, overrides=overrides).results
        assert row["total_bursary"] == int(res["bursary"].sum())
        assert row["total_loan"] == int(res["loan"].sum())
        assert row["recipients"] == int((res["aid"] > 0).sum())
        assert row["median_aid"] == float(np.median(res["aid"][res["aid"] > 0].to_numpy(dtype=float)))


def test_whatif_table_for_the_udf(hand):
    out = whatif_table(hand, {"amounts.cap.tertiary": [16000.0, 18000.0]})
    assert isinstance(out, pd.DataFrame) and len(out) == 2
    assert out["amounts.cap.tertiary"].tolist() == [16000, 18000]       # Excel's floats back to the CHF integer
    assert out.columns[-1] == "flags"


@pytest.mark.parametrize("spec, name, values", [
    ("amounts.cap.tertiary=16000,18000", "amounts.cap.tertiary", ["16000", "18000"]),
    ("amounts.cap.tertiary=16'000:18'000:1'000", "amounts.cap.tertiary", ["16000", "17000", "18000"]),
    ("independence.partial_surplus_share=0.4:0.6:0.1", "independence.partial_surplus_share", ["0.4", "0.5", "0.6"]),
    ("amounts.cap.tertiary=18000:16000:-1000", "amounts.cap.tertiary", ["18000", "17000", "16000"]),
])
def test_vary_specs(spec, name, values):
    assert parse_spec(spec) == (name, values)


@pytest.mark.parametrize("spec", ["amounts.cap.tertiary", "=1,2", "amounts.cap.tertiary=", "x=1:2",
                                  "x=1:5:0", "x=5:1:1", "x=a:b:c"])
def test_bad_vary_specs(spec):
    with pytest.raises(XladdinError):
        parse_spec(spec)


def test_parameter_named_twice_and_unknown(hand):
    with pytest.raises(XladdinError):
        parse_specs(["amounts.cap.tertiary=1", "amounts.cap.tertiary=2"])
    with pytest.raises(RulesError):
        run(hand, {"amounts.cap.tertiery": [1]})
    with pytest.raises(RulesError):
        run(hand, {"amounts.cap.tertiary": ["beaucoup"]})
