"""ABV (BE BSG 438.312) Art. 1-8, 36-37 ; ABG (BSG 438.31) Art. 7, 10, 12-14 — Bern's right, duration and
eligibility.

Variants ``BE`` of the slots ``right``, ``entitlement`` and ``eligibility`` (docs/rules/BE.md §3). Every rule cited
as ABG comes from the law (Stand 01.11.2021, held; BE.md §1, B21).

Reason codes (BE.md §3.2, in this order): ``BE-ABG-12`` beneficiaries, ``BE-ABG-13`` stipend domicile, ``BE-ABG-7``
training, ``BE-ABG-14-3`` changes of course, ``BE-ABG-14-4`` age 35 at the start of the training, ``BE-ABV-36-3``
more than 3 months late, ``BE-ABV-37`` an input the calculation needs is missing.

Parameters read: ``training.rights.<programme_kind>`` (B, L or -), ``eligibility.eu_efta`` (ISO codes separated by
spaces), ``eligibility.eu_efta_permits`` (the permits that mean living in Switzerland, separated by spaces),
``eligibility.permit_b_min_years``, ``eligibility.max_changes_of_course``, ``eligibility.age_limit``,
``deadline.first_half`` / ``deadline.second_half`` (``MM-DD``), ``deadline.max_late_months``.
Output besides the contract: ``late_months`` (calendar months past the deadline, 0 when on time), read by the
``flat_rates`` award (``award.late_reduction: twelfths``, ABV Art. 36 Abs. 2).
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_BURSARY, RIGHT_NONE, right_by_training, whole_years
from ..dates import months as month_index
from ..rule import any_of, rule

_BE = BY_KEY["aid_domicile"].values.index("BE")
_PERMITS = BY_KEY["permit"].values


@rule("ABG Art. 7, 10 ; ABV Art. 1-5",
      trace={"right": ("Droit selon la formation", "Right by training")}, slot="right", variant="BE")
def right(c, v):
    """ABV Art. 1-5, ABG Art. 7, 10 (BE.md §3.1, B15) — the training gives a bursary (B), a loan only
    (L, second trainings, ABV Art. 3) or nothing; an Umschulung (ABV Art. 5) turns B or L into B [reading]."""
    base = right_by_training(c, v)
    turned = c.true("reconversion") & (base != RIGHT_NONE)
    return {"right": np.where(turned, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": turned}


@rule("ABG Art. 10 Abs. 1, 14 Abs. 1 ; ABV Art. 8",
      trace={"entitlement_semesters": ("Durée du droit à une bourse (semestres)", "Bursary entitlement (semesters)")},
      slot="entitlement", variant="BE")
def entitlement(c, v):
    """ABG Art. 10 Abs. 1 — at secondary II a bursary for the regulatory duration (beyond it, a loan);
    at tertiary level no per-training limit in the texts, only the 12 training years of ABG 14 Abs. 1 (B18)."""
    return {"entitlement_semesters": np.where(c.is_("level", "secondary_ii"), c["regular_semesters"], np.nan)}


def _month_day(text: str) -> tuple[int, int]:
    month, day = str(text).split("-")
    return int(month), int(day)


def deadline(year_start: np.ndarray, first_half: str, second_half: str) -> np.ndarray:
    """ABV Art. 36 Abs. 1 — 30 June for a training year starting in January-June, 31 December for one starting in
    July-December, of the year it starts (B23)."""
    year = year_start.astype("datetime64[Y]")
    month = month_index(year_start) % 12 + 1
    out = []
    for text in (first_half, second_half):
        m, d = _month_day(text)
        out.append((year.astype("datetime64[M]") + np.timedelta64(m - 1, "M")).astype("datetime64[D]")
                   + np.timedelta64(d - 1, "D"))
    return np.where(month <= 6, out[0], out[1])


@rule("ABG Art. 7, 12-14 ; ABV Art. 36-37",
      trace={"deadline": ("Délai de dépôt de la demande", "Application deadline", "ABV Art. 36 Abs. 1"),
             "late_months": ("Mois de retard", "Months late", "ABV Art. 36 Abs. 2-3"),
             "age_at_training_start": ("Âge au début de la formation", "Age at the start of the training",
                                       "ABG Art. 14 Abs. 4"),
             "eligible": ("Éligible (ABG 7, 12-14 ; ABV 36-37)", "Eligible (ABG 7, 12-14; ABV 36-37)")},
      slot="eligibility", variant="BE")
def eligibility(c, v):
    """ABG Art. 7, 12-14, ABV Art. 36-37 — each failed condition is a reason code (BE.md §3.2)."""
    e = v.eligibility
    nationality = c["nationality"].astype(str)
    eu_efta = c.among("nationality", str(e.eu_efta).split())
    resident = np.isin(c["permit"], [_PERMITS.index(p) for p in str(e.eu_efta_permits).split()])
    beneficiary = ((nationality == "CH") | (eu_efta & resident) | c.is_("permit", "C")
                   | (c.is_("permit", "B") & (c["years_domicile_ch"] >= e.permit_b_min_years))
                   | c.true("refugee_or_stateless"))
    start = np.where(c.known("training_start"), c["training_start"], c["year_start"]).astype("datetime64[D]")
    age_start = whole_years(c["birth_date"], start)
    last_day = deadline(c["year_start"], v.deadline.first_half, v.deadline.second_half)
    dates_known = c.known("application_date") & c.known("year_start")
    months = (month_index(c["application_date"]) - month_index(last_day)).astype(float)
    late_months = np.where(dates_known & (c["application_date"] > last_day), months, 0.0)
    codes = {
        "BE-ABG-12": ~beneficiary,
        "BE-ABG-13": c["aid_domicile_final"] != _BE,
        "BE-ABG-7": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "BE-ABG-14-3": c["changes_of_course"] > e.max_changes_of_course,
        "BE-ABG-14-4": (age_start >= e.age_limit) & ~c.true("age_limit_exception"),
        "BE-ABV-36-3": late_months > v.deadline.max_late_months,
    }
    # ABV Art. 37: besides BE.md §3.2's list (level, housing, parents, the income of a needed budget), the birth date
    # (bands, own household, age limit, loans), the two dates (deadline) and, at secondary II, the regular duration
    # (the bursary/loan split) cannot be done without; a missing input never counts in the applicant's favour.
    codes["BE-ABV-37"] = (~c.known("level") | ~c.known("housing") | ~c.known("parents") | c["budget_missing"]
                          | ~c.known("birth_date") | ~dates_known
                          | (c.is_("level", "secondary_ii") & ~c.known("regular_semesters")))
    ineligible = any_of(codes.values(), c.n)
    return {"deadline": last_day, "late_months": late_months, "age_at_training_start": age_start,
            "eligible": ~ineligible, "codes": codes}
