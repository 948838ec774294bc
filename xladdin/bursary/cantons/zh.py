"""VAB (ZH LS 416.1) §§ 2, 5, 29, 30 ; BiG (LS 410.1) §§ 17-17 f — Zurich's right, duration and eligibility.

Variants ``ZH`` of the slots ``right``, ``entitlement`` and ``eligibility`` (docs/rules/ZH.md §3). Every rule
cited as BiG comes from the law (§§ 16-19 b, compilation 1.1.2021, held; ZH.md §1).

Reason codes (ZH.md §3.2, in this order): ``ZH-BiG-§17`` beneficiaries, ``ZH-BiG-§17-2`` age 45, ``ZH-BiG-§17a``
stipend domicile, ``ZH-BiG-§17d`` training, ``ZH-VAB-§2`` three months, ``ZH-VAB-§29`` deadline, ``ZH-BiG-§17e``
duration, ``ZH-BiG-§17e-2`` twelve years, ``ZH-BiG-§17f-2`` abandoned trainings, ``ZH-VAB-§30`` incomplete file.

Parameters read: ``training.rights.<programme_kind>`` (B or -), ``eligibility.eu_efta`` (ISO codes separated by
spaces, R25), ``eligibility.permit_b_min_years``, ``eligibility.max_age``, ``duration.max_training_years``,
``eligibility.max_trainings_abandoned``, ``period.min_training_months``, ``deadline.months``,
``duration.extra_semesters``, ``duration.extra_min_semesters``, ``parents.waiver_age``.
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_NONE, part_time_stretch, right_by_training, stretched
from ..rule import any_of, rule

_ZH = BY_KEY["aid_domicile"].values.index("ZH")


@rule("BiG § 17 d Abs. 1 ; VAB §§ 3-4",
      trace={"right": ("Droit selon la formation", "Right by training")}, slot="right", variant="ZH")
def right(c, v):
    """BiG § 17 d Abs. 1 lit. a-d (ZH.md §3.1, R18) — the training gives aid (B) or nothing; no
    first/second-training distinction and no reconversion rule in the texts."""
    return {"right": right_by_training(c, v), "reconversion_ok": np.zeros(c.n, bool)}


@rule("VAB § 5 ; BiG § 17 e Abs. 1",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="ZH")
def entitlement(c, v):
    """BiG § 17 e Abs. 1 — the regular duration + 2 semesters when it is 4 semesters or more; VAB § 5: a
    part-time training lengthens it (duration / ratio) only for special reasons, "namentlich soziale, familiäre und
    gesundheitliche Gründe": a listed ``part_time_reason`` (``duration.part_time_reasons``) or another special
    reason the office recognises (``part_time_special_reasons``). A ratio below 1 with neither is not stretched;
    when that decides the claim, the reason is asked for (VAB § 30, in ``eligibility``)."""
    regular = c["regular_semesters"]
    d = v.duration
    part = part_time_stretch(c, d.part_time_reasons)
    special = c.true("part_time_special_reasons")
    ratio = np.where(special, c["part_time_ratio"], part["ratio"])
    extra = np.where(regular >= d.extra_min_semesters, d.extra_semesters, 0)
    return {"entitlement_semesters": stretched(regular, ratio) + extra,
            "part_time_reason_missing": part["reason_missing"] & ~special,
            "entitlement_if_listed": stretched(regular, c["part_time_ratio"]) + extra}


def deadline(year_start: np.ndarray, months: int) -> np.ndarray:
    """VAB § 29 Abs. 1 with § 6 — the last day of the ``months``-th month of the training year, its starting month
    counted as the first (start September → end of February; R17)."""
    first = year_start.astype("datetime64[M]")
    return (first + np.timedelta64(months, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")


@rule("BiG §§ 17-17 f ; VAB §§ 2, 29, 30",
      trace={"deadline": ("Délai de dépôt de la demande", "Application deadline", "VAB § 29 Abs. 1, § 6"),
             "eligible": ("Éligible (BiG § 17-17 f ; VAB §§ 2, 29, 30)", "Eligible (BiG § 17-17 f; VAB §§ 2, 29, 30)")},
      slot="eligibility", variant="ZH")
def eligibility(c, v):
    """BiG §§ 17-17 f, VAB §§ 2, 29, 30 — each failed condition is a reason code (ZH.md §3.2)."""
    e = v.eligibility
    age = c["age"]
    nationality = c["nationality"].astype(str)
    eu_efta = c.among("nationality", str(e.eu_efta).split())
    beneficiary = ((nationality == "CH") | eu_efta | c.is_("permit", "C")
                   | (c.is_("permit", "B") & (c["years_domicile_ch"] >= e.permit_b_min_years))
                   | c.true("refugee_or_stateless"))
    duration = np.where(c.known("duration_months"), c["duration_months"], 6.0 * c["regular_semesters"])
    last_day = deadline(c["year_start"], v.deadline.months)
    dates_known = c.known("application_date") & c.known("year_start")
    beyond = c["semesters_aided"] >= c["entitlement_semesters"]
    # part time without its reason, past the regular entitlement but within the stretched one: VAB § 5 decides
    reason_decides = c["part_time_reason_missing"] & beyond & (c["semesters_aided"] < c["entitlement_if_listed"])
    codes = {
        "ZH-BiG-§17": ~beneficiary,
        "ZH-BiG-§17-2": age >= e.max_age,
        "ZH-BiG-§17a": c["aid_domicile_final"] != _ZH,
        "ZH-BiG-§17d": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "ZH-VAB-§2": duration < v.period.min_training_months,
        "ZH-VAB-§29": dates_known & (c["application_date"] > last_day),
        "ZH-BiG-§17e": beyond & ~reason_decides,
        "ZH-BiG-§17e-2": c["years_in_training"] >= v.duration.max_training_years,
        "ZH-BiG-§17f-2": c["trainings_abandoned"] >= e.max_trainings_abandoned,
    }
    # VAB § 30 Abs. 1: the file is not complete without what the calculation needs. Besides ZH.md §3.2's list
    # (level, housing, parents below the waiver age, the income of a needed budget), the birth date, the regular
    # duration and the two dates (age, entitlement and deadline cannot be checked without them).
    needs_parents = ~(age >= v.parents.waiver_age)
    codes["ZH-VAB-§30"] = (~c.known("level") | ~c.known("housing") | (needs_parents & ~c.known("parents"))
                           | c["budget_missing"] | ~c.known("birth_date") | ~c.known("regular_semesters")
                           | ~dates_known | reason_decides)
    ineligible = any_of(codes.values(), c.n)
    return {"deadline": last_day, "eligible": ~ineligible, "codes": codes}
