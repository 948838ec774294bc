"""Property: more generous caps never cost less (LBPE 22 al. 1: aid = min(shortfall, cap))."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from xladdin import rules as rules_mod
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.whatif import prepare
from xladdin.whatif.scenarios import evaluate

GE = rules_mod.load("GE-2025")


@lru_cache(maxsize=8)
def table(seed: int):
    return prepare(synthetic_applicants(300, seed=seed))


def cost(seed: int, cap: int) -> float:
    return float(evaluate(table(seed), GE.with_overrides({"amounts.cap.tertiary": cap})).aid.sum())


@settings(max_examples=60, deadline=None)
@given(seed=st.sampled_from([1, 2, 3]), low=st.integers(0, 60_000), extra=st.integers(0, 20_000))
def test_total_cost_is_monotone_in_the_tertiary_cap(seed, low, extra):
    assert cost(seed, low) <= cost(seed, low + extra)
