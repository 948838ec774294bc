"""Spec credits-APHM2M §6 — bridge to bursaries: the bursary fields of a student who follows a programme at ``c``
credits a year.

``regular_semesters`` is the plan's regular duration whatever the pace (RBPE art. 6 al. 1, LBPE art. 14 al. 1):
4 semesters for 120 credits. A reduced load (``c`` < 60) gives ``part_time_ratio`` = c / 60 only when it is
followed for one of the reasons of LBPE art. 14 al. 4 (professional, family or health; concordat art. 16 al. 2:
social, family or health), given as ``part_time_reason``; for another reason the ratio is 1 (the entitlement is the
regular one). A reduced load whose reason is not given keeps c / 60 and no reason: the bursary engine asks for the
reason when it decides the entitlement (LBPE 21), it is never guessed. The bursary engine divides the regular
duration by the ratio once (LBPE-14): the load is counted once.

Exact rational arithmetic: 120 / 40 × 2 is exactly 6 semesters, never 6.000000000000001 rounded up to 7.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

from .. import rules as rules_mod
from ..errors import XladdinError
from ..schema import BY_KEY
from .catalogue import load_catalogue
from .inputs import exact

FULL_TIME_CREDITS = 60


def _positive(value, name: str) -> Fraction:
    """A positive number (int, float, or numeric text such as ``"37,5"``) as an exact decimal fraction."""
    number = exact(value, name)
    if number <= 0:
        raise XladdinError("credits_out_of_range", name=name, value=value, expected="> 0")
    return number


def regular_semesters(total_credits, credits_per_year=FULL_TIME_CREDITS) -> int:
    """ceil(total / c × 2) semesters: at the full-time load (60, the default) the plan's regular duration (120
    credits → 4, spec §6); at another pace, the semesters it takes (120 at 45 → ceil(5.33…) = 6)."""
    total = _positive(total_credits, "total_credits")
    per_year = _positive(credits_per_year, "credits_per_year")
    return math.ceil(total / per_year * 2)


def part_time_ratio(credits_per_year) -> float:
    """c / 60, at most 1: the share of a full-time load (the bursary's ``part_time_ratio`` is in (0, 1])."""
    return float(min(_positive(credits_per_year, "credits_per_year") / FULL_TIME_CREDITS, Fraction(1)))


def reason_code(reason) -> str | None:
    """``part_time_reason`` as the bursary schema reads it (code or fr/en/de word: ``santé``, ``familiär``…);
    None when not given. Read by the applicants' reader itself, so the bridge accepts what a list accepts."""
    from ..bursary.inputs import parse

    if reason is None or (isinstance(reason, float) and math.isnan(reason)) or not str(reason).strip():
        return None
    parsed = parse(pd.DataFrame({"applicant_id": ["bridge"], "part_time_reason": [reason]}))
    if len(parsed.errors):
        raise XladdinError("credits_part_time_reason", detail=parsed.errors["message_fr"].iloc[0])
    return BY_KEY["part_time_reason"].values[int(parsed.cols["part_time_reason"][0])]


def bursary_fields(catalogue, credits_per_year, part_time_reason=None, rules="GE") -> dict:
    """``{"regular_semesters", "part_time_ratio", "part_time_reason"}`` for the bursary schema (spec §6).

    The listed reasons are the rule set's (``duration.part_time_reasons``; Geneva: LBPE 14 al. 4).

    ====  =================  ==============================  =======================
    c     regular_semesters  part_time_ratio, listed reason  another reason
    ====  =================  ==============================  =======================
    60    4                  1                               1
    45    4                  0.75                            1
    30    4                  0.5                             1
    20    4                  0.333…                          1
    ====  =================  ==============================  =======================
    """
    cat = load_catalogue(catalogue)
    ratio = part_time_ratio(credits_per_year)
    reason = reason_code(part_time_reason)
    listed = str(rules_mod.load(rules).value("duration.part_time_reasons")).split()
    if reason is not None and reason not in listed:
        ratio = 1.0                              # LBPE 14 al. 4 stretches the duration only for its reasons
    return {"regular_semesters": regular_semesters(cat.total_credits), "part_time_ratio": ratio,
            "part_time_reason": reason}
