"""Goal seek on the hand-made table: for a tertiary cap x between 16 740 and 38 840,
cost(x) = A1 + A2 + D at the cap + B + C = 3x + 10 000 + 12 550 = 3x + 22 550."""

from __future__ import annotations

import pytest

from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.errors import XladdinError
from xladdin.whatif import goal_seek, prepare, run


def test_reaches_the_budget_within_one_step(hand):
    target = 3 * 17240 + 22550 + 2                      # 74 272
    g = goal_seek(hand, "amounts.cap.tertiary", target)
    # 3 × 17 240 + 22 550 = 74 270 ≤ 74 272 < 74 273 = 3 × 17 241 + 22 550
    assert (g.value, g.reached_measure) == (17240, 74270)
    assert (g.next_value, g.next_measure) == (17241, 74273)
    assert g.direction == "increasing" and g.reached and g.monotone
    assert g.evaluations < 40


def test_target_below_the_current_cost(hand):
    g = goal_seek(hand, "amounts.cap.tertiary", 70_000)
    # 3x + 22 550 ≤ 70 000 -> x ≤ 15 816.67 -> 15 816 (cost 70 000 − 2 = 69 998)
    assert (g.value, g.reached_measure, g.next_value) == (15816, 69_998, 15817)
    assert g.flags.startswith("concordat art. 15 al. 1 b")         # 15 816 < 16 000


def test_other_measure_and_side(hand):
    # total bursary = 2x + 22 550 (D's loan left out); at least 60 000 -> x ≥ 18 725
    g = goal_seek(hand, "amounts.cap.tertiary", 60_000, measure="total_bursary", side="above")
    assert (g.value, g.reached_measure) == (18725, 60_000)
    assert g.next_value == 18724


def test_decreasing_measure():
    frame = prepare(synthetic_applicants(600, seed=3))
    base = run(frame, {"amounts.min_bursary": [500]}).baseline["total_cost"]
    g = goal_seek(frame, "amounts.min_bursary", base - 20_000)
    assert g.direction == "decreasing" and g.reached
    assert g.reached_measure <= base - 20_000 < g.next_measure
    assert g.next_value == g.value - 1


def test_unreachable_and_flat(hand):
    g = goal_seek(hand, "amounts.cap.tertiary", 10_000_000)
    # above x = 38 840 nobody is capped any more: at most 3 × 38 840 + 22 550 = 139 070
    assert not g.reached and g.reached_measure == 139_070
    with pytest.raises(XladdinError) as err:
        goal_seek(hand, "loans.repayment.start_offset_years", 80_000)
    assert err.value.code == "goalseek_flat"
    with pytest.raises(XladdinError) as err:
        goal_seek(hand, "training.rights.master", 80_000)
    assert err.value.code == "goalseek_not_numeric"
    with pytest.raises(XladdinError):
        goal_seek(hand, "amounts.cap.tertiary", 80_000, measure="happiness")
