"""Spec §6 (corrected) — bridge to bursaries: the plan's regular duration (4 semesters for 120 credits) whatever
the pace, and part_time_ratio = c / 60 only for a reduced load with a reason of LBPE art. 14 al. 4; exact
arithmetic for the semesters a pace takes."""

from __future__ import annotations

import math

import pytest

from xladdin.credits import bursary_fields, part_time_ratio, regular_semesters
from xladdin.errors import XladdinError


@pytest.mark.parametrize("total, per_year, semesters", [
    (120, 60, 4),          # 120 / 60 × 2 = 4
    (120, 45, 6),          # 120 / 45 × 2 = 5.33… → 6
    (120, 40, 6),          # exactly 6, never 7
    (120, 30, 8),
    (180, 36, 10),         # 180 / 36 × 2 = 10 exactly
    (120, 37.5, 7),        # 120 / 37.5 × 2 = 6.4 → 7
    (60, "22,5", 6),       # 60 / 22.5 × 2 = 5.33… → 6 (French decimal text)
])
def test_regular_semesters(total, per_year, semesters):
    assert regular_semesters(total, per_year) == semesters


def test_float_ceil_trap_is_avoided():
    # 21 / 1.4 × 2 is exactly 30, but in binary floats it is 30.000000000000004, whose ceil is 31
    assert 21 / 1.4 * 2 == 30.000000000000004 and math.ceil(21 / 1.4 * 2) == 31
    assert regular_semesters(21, 1.4) == 30
    assert regular_semesters(34.5, 4.6) == 15           # float: 15.000000000000002 → 16


def test_part_time_ratio():
    assert part_time_ratio(45) == 0.75 and part_time_ratio(60) == 1 and part_time_ratio(75) == 1


# The corrected table of §6: c, regular_semesters, part_time_ratio with a listed reason, without one.
TABLE = [(60, 4, 1.0, 1.0), (45, 4, 0.75, 1.0), (30, 4, 0.5, 1.0), (20, 4, 1 / 3, 1.0)]


@pytest.mark.parametrize("c, semesters, listed, other", TABLE)
def test_bridge_table_of_section_6(cat, c, semesters, listed, other):
    for reason in ("professional", "family", "santé"):              # codes or the clerk's words
        got = bursary_fields(cat, c, reason)
        assert got["regular_semesters"] == semesters and got["part_time_ratio"] == pytest.approx(listed)
    for reason in ("other", "aucun"):
        got = bursary_fields(cat, c, reason)
        assert (got["regular_semesters"], got["part_time_ratio"]) == (semesters, other)


# The same students through the Geneva engine (GE-2025): entitlement = ceil(4 / r) + 2 (LBPE 14 al. 1, 4), the
# part-time load counted once; without a listed reason, 4 + 2 = 6 at any pace.
ENTITLEMENT = {60: (6, 6), 45: (8, 6), 30: (10, 6), 20: (14, 6)}   # ceil(4/0.75)=6, 4/0.5=8, ceil(4/(1/3))=12


@pytest.mark.parametrize("c", [60, 45, 30, 20])
def test_bridge_feeds_the_engine_once(cat, c):
    from xladdin import assess
    from tests.bursary.conftest import BASE

    rows = [dict(BASE, applicant_id=f"{reason}", programme_kind="master",
                 **bursary_fields(cat, c, reason)) for reason in ("health", "other")]
    got = assess(rows, rules="GE-2025")
    assert got["entitlement_semesters"].tolist() == list(ENTITLEMENT[c])


def test_a_reduced_load_without_its_reason_is_asked_for(cat):
    """No reason given: c / 60 and an empty reason; the engine asks for it once it decides (LBPE 21)."""
    from xladdin import assess
    from tests.bursary.conftest import BASE

    fields = bursary_fields(cat, 30)
    assert fields == {"regular_semesters": 4, "part_time_ratio": 0.5, "part_time_reason": None}
    # 6 semesters aided ≥ 4 + 2, < ceil(4 / 0.5) + 2 = 10: a listed reason would give the 7th, another would not
    got = assess([dict(BASE, programme_kind="master", semesters_aided=6, **fields)], rules="GE-2025").iloc[0]
    assert (got["eligible"], got["reasons"]) == (False, "LBPE-21")
    assert bursary_fields(cat, 60) == {"regular_semesters": 4, "part_time_ratio": 1.0, "part_time_reason": None}


def test_an_unknown_reason_is_refused_with_the_readers_message(cat):
    with pytest.raises(XladdinError) as err:
        bursary_fields(cat, 30, "fatigue")
    assert "valeur inconnue « fatigue »" in str(err.value) and "professionnel, familial, santé" in str(err.value)


@pytest.mark.parametrize("value", [0, -5, "trente", None, float("nan"), True])
def test_bad_credits_per_year(value):
    with pytest.raises(XladdinError):
        regular_semesters(120, value)
