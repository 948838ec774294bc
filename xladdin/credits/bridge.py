"""Spec credits-APHM2M §6 — bridge to bursaries: regular duration and study-load ratio of a programme followed
at ``c`` credits a year (feeds ``regular_semesters`` and ``part_time_ratio``, LBPE 14 al. 4, concordat art. 16).

Exact rational arithmetic: 120 / 40 × 2 is exactly 6 semesters, never 6.000000000000001 rounded up to 7.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..errors import XladdinError
from .catalogue import load_catalogue
from .inputs import exact

FULL_TIME_CREDITS = 60


def _positive(value, name: str) -> Fraction:
    """A positive number (int, float, or numeric text such as ``"37,5"``) as an exact decimal fraction."""
    number = exact(value, name)
    if number <= 0:
        raise XladdinError("credits_out_of_range", name=name, value=value, expected="> 0")
    return number


def regular_semesters(total_credits, credits_per_year) -> int:
    """ceil(total / c × 2) semesters (spec §6): 120 credits at 60 a year → 4; at 45 → ceil(5.33…) = 6."""
    total = _positive(total_credits, "total_credits")
    per_year = _positive(credits_per_year, "credits_per_year")
    return math.ceil(total / per_year * 2)


def part_time_ratio(credits_per_year) -> float:
    """c / 60 (spec §6), at most 1: the bursary's ``part_time_ratio`` is a share of a full-time load."""
    return float(min(_positive(credits_per_year, "credits_per_year") / FULL_TIME_CREDITS, Fraction(1)))


def bursary_fields(catalogue, credits_per_year) -> dict:
    """``{"regular_semesters", "part_time_ratio"}`` for the bursary schema, from a catalogue's total credits.

    [reading] Both values follow spec §6 literally. The bursary's entitlement (LBPE 14) already divides
    ``regular_semesters`` by ``part_time_ratio``; feeding both counts the part-time load twice — see README.
    """
    cat = load_catalogue(catalogue)
    return {"regular_semesters": regular_semesters(cat.total_credits, credits_per_year),
            "part_time_ratio": part_time_ratio(credits_per_year)}
