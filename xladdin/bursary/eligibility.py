"""Who may receive aid, for which training and for how long (LBPE art. 3, 11, 13-17)."""

from __future__ import annotations

import numpy as np

from ..schema import BY_KEY
from .rule import rule

RIGHT_NONE, RIGHT_LOAN, RIGHT_BURSARY = 0, 1, 2
_RIGHT_CODES = {"-": RIGHT_NONE, "L": RIGHT_LOAN, "B": RIGHT_BURSARY}
RIGHT_LABELS = {RIGHT_NONE: ("aucun droit", "no right"), RIGHT_LOAN: ("prêt", "loan"),
                RIGHT_BURSARY: ("bourse", "bursary")}


def _whole_years(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole years from ``start`` to ``end`` (datetime64[D]); NaN where either is missing."""
    sy = start.astype("datetime64[Y]").astype(float) + 1970
    ey = end.astype("datetime64[Y]").astype(float) + 1970
    # compare (month, day), not day of year, so leap years do not shift birthdays
    sm = start.astype("datetime64[M]").astype(float) % 12
    em = end.astype("datetime64[M]").astype(float) % 12
    sd = (start - start.astype("datetime64[M]").astype("datetime64[D]")).astype(float)
    ed = (end - end.astype("datetime64[M]").astype("datetime64[D]")).astype(float)
    before_birthday = (em < sm) | ((em == sm) & (ed < sd))
    years = ey - sy - before_birthday
    years[np.isnat(start) | np.isnat(end)] = np.nan
    return years


@rule("LBPE art. 17, 18 al. 3 et 5 (âge au 1er septembre de l'année académique)",
      trace={"age": ("Âge au jour de référence (années révolues)", "Age on the reference date (whole years)")},
      slot="age", variant="whole_years")
def age(c, v):
    """LBPE art. 17, 18 — age in whole years reached on the reference date."""
    return {"age": _whole_years(c["birth_date"], c["reference_date"])}


@rule("LBPE art. 11 ; LBPE art. 17 (reconversion)",
      trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="GE")
def right(c, v):
    """LBPE art. 11 — the training gives a bursary, a loan only, or nothing; a reconversion turns B or L into B.

    LBPE 11 al. 1 e and 17: the reconversion counts when the applicant is 25 or older or it is a first
    training (``first_training_done`` known and false).
    """
    table = np.array([_RIGHT_CODES[getattr(v.training.rights, kind)] for kind in BY_KEY["programme_kind"].values]
                     + [RIGHT_NONE], dtype=np.int8)                 # code -1 (missing) -> no right
    base = table[c["programme_kind"]]
    first_training = c.false("first_training_done")
    reconversion_ok = c.true("reconversion") & ((c["age"] >= v.eligibility.reconversion_min_age) | first_training)
    turned = reconversion_ok & (base != RIGHT_NONE)
    return {"right": np.where(turned, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": turned,
            "first_training": first_training}


def part_time_stretch(c, reasons: str) -> dict:
    """LBPE art. 14 al. 4, VAB § 5, concordat art. 16 al. 2 — the ratio a part-time load divides the regular
    duration by: ``part_time_ratio`` when ``part_time_reason`` is one of ``reasons`` (codes separated by spaces),
    else 1. ``reason_missing``: a ratio below 1 whose reason is not given (it is not guessed either way)."""
    ratio = c["part_time_ratio"]
    codes = str(reasons).split()
    listed = c.is_("part_time_reason", *codes) if codes else np.zeros(c.n, bool)
    return {"ratio": np.where(listed, ratio, 1.0), "reason_missing": (ratio < 1) & ~c.known("part_time_reason")}


def stretched(regular, ratio):
    return np.ceil(np.round(regular / ratio, 9))         # 6 / 0.6 is 10.000000000000002 in binary


@rule("LBPE art. 14 al. 1 et 4 ; RBPE art. 6",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="GE")
def entitlement(c, v):
    """LBPE art. 14 al. 1, 4 — regular duration, lengthened in proportion to a part-time load followed for
    professional, family or health reasons, + 2 semesters when the regular duration is 2 years or more.

    A ratio below 1 without its reason is not stretched (spec §3: a missing input never establishes a condition
    in the applicant's favour); when the regular entitlement is used up, the reason decides and is asked for
    (LBPE 21 instead of LBPE 14, in ``eligibility``)."""
    d = v.duration
    regular = c["regular_semesters"]
    part = part_time_stretch(c, d.part_time_reasons)
    extra = np.where(regular >= d.extra_semesters_min_regular, d.extra_semesters, 0)
    return {"entitlement_semesters": stretched(regular, part["ratio"]) + extra,
            "part_time_reason_missing": part["reason_missing"],
            "entitlement_if_listed": stretched(regular, c["part_time_ratio"]) + extra}


def _deadline(year_start: np.ndarray, months: int) -> np.ndarray:
    """``year_start`` + ``months`` calendar months, same day number (or the month's last day)."""
    month_start = year_start.astype("datetime64[M]")
    day = (year_start - month_start.astype("datetime64[D]")).astype("timedelta64[D]")
    target = month_start + np.timedelta64(months, "M")
    last_day = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(target.astype("datetime64[D]") + day, last_day)


@rule("LBPE art. 3 al. 2, 11, 13, 14, 15, 16, 17, 21",
      trace={"eligible": ("Éligible (conditions LBPE 3 à 17 et 21)", "Eligible (LBPE 3 to 17 and 21)")},
      slot="eligibility", variant="GE")
def eligibility(c, v):
    """LBPE art. 3, 11, 13-17 — each failed condition is a reason code (spec §3); LBPE 21 for missing data."""
    e = v.eligibility
    swiss = c["nationality"] == "CH"
    foreign_ok = ~swiss & (c.is_("permit", "C") | (c["years_domicile_ch"] >= e.foreign_min_years_domicile))
    beneficiary = (swiss | c.true("eu_efta_frontier_parent") | (swiss & c.true("parents_abroad")) | foreign_ok
                   | c.true("refugee_or_stateless"))
    deadline = _deadline(c["year_start"], e.application_deadline_months)
    beyond = c["semesters_aided"] >= c["entitlement_semesters"]
    # a part-time load without its reason, past the regular entitlement but within the stretched one: the reason
    # decides (LBPE 14 al. 4), so it is asked for (LBPE 21) rather than guessed
    reason_decides = c["part_time_reason_missing"] & beyond & (c["semesters_aided"] < c["entitlement_if_listed"])
    dates_known = c.known("application_date") & c.known("year_start")
    codes = {
        "LBPE-3": c.true("excluded_benefit"),
        "LBPE-15": ~beneficiary | c.true("study_stay_only"),
        "LBPE-16": c["aid_domicile_final"] != BY_KEY["aid_domicile"].values.index("GE"),
        "LBPE-11": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "LBPE-13": dates_known & (c["application_date"] > deadline),
        "LBPE-14": beyond & ~reason_decides,
        "LBPE-14-loan": beyond & ~reason_decides,   # spec §3: a loan may be considered
        "LBPE-14-3": c["changes_of_course"] > e.max_changes_of_course,
        "LBPE-17": c.true("reconversion") & ~((c["age"] >= e.reconversion_min_age) | c["first_training"]),
    }
    needs_parents = ~c["independent_full"]
    missing = (reason_decides | ~c.known("level") | ~c.known("housing") | (needs_parents & ~c.known("parents"))
               | c["budget_missing"] | ~c.known("regular_semesters") | ~dates_known)
    codes["LBPE-21"] = missing
    ineligible = np.zeros(len(missing), bool)
    for mask in codes.values():
        ineligible |= mask
    return {"eligible": ~ineligible, "codes": codes}
