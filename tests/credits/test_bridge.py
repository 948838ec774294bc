"""Spec §6 — bridge to bursaries: ceil(total / c × 2) semesters in exact arithmetic, part_time_ratio = c / 60."""

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


def test_part_time_ratio_and_fields(cat):
    assert part_time_ratio(45) == 0.75 and part_time_ratio(60) == 1 and part_time_ratio(75) == 1
    assert bursary_fields(cat, 30) == {"regular_semesters": 8, "part_time_ratio": 0.5}


@pytest.mark.parametrize("value", [0, -5, "trente", None, float("nan"), True])
def test_bad_credits_per_year(value):
    with pytest.raises(XladdinError):
        regular_semesters(120, value)
