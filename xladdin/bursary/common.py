"""What every canton's steps use: the right codes, whole years between dates, the part-time stretch of a duration,
the right a training gives by its kind. Generic (no canton's article decides here); the articles are cited by the
steps that call these, in ``cantons/`` and ``shared/``."""

from __future__ import annotations

import numpy as np

from ..schema import BY_KEY
from .dates import year_month_day

RIGHT_NONE, RIGHT_LOAN, RIGHT_BURSARY = 0, 1, 2
RIGHT_CODES = {"-": RIGHT_NONE, "L": RIGHT_LOAN, "B": RIGHT_BURSARY}
RIGHT_LABELS = {RIGHT_NONE: ("aucun droit", "no right"), RIGHT_LOAN: ("prêt", "loan"),
                RIGHT_BURSARY: ("bourse", "bursary")}


def right_by_training(c, v) -> np.ndarray:
    """Each row's right (``RIGHT_*``, int8) read from the rule set's ``training.rights.<programme_kind>`` (B, L or
    -); a missing kind gives no right."""
    table = np.array([RIGHT_CODES[getattr(v.training.rights, kind)] for kind in BY_KEY["programme_kind"].values]
                     + [RIGHT_NONE], dtype=np.int8)                 # code -1 (missing) -> no right
    return table[c["programme_kind"]]


def swiss_or_eu_efta(c, eu_efta) -> np.ndarray:
    """Swiss nationals and the nationals of the rule set's EU/EFTA list (``eligibility.eu_efta``, ISO codes separated
    by spaces): the beneficiaries every canton names first (concordat art. 5 al. 1 a-b)."""
    return (c["nationality"].astype(str) == "CH") | c.among("nationality", str(eu_efta).split())


def whole_years(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole years from ``start`` to ``end`` (datetime64[D]); NaN where either is missing."""
    sy, sm, sd = year_month_day(start)
    ey, em, ed = year_month_day(end)
    # compare (month, day), not day of year, so leap years do not shift birthdays
    years = (ey - sy - ((em * 32 + ed) < (sm * 32 + sd))).astype(float)
    years[np.isnat(start) | np.isnat(end)] = np.nan
    return years


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


def right_with_reconversion(c, v) -> tuple[np.ndarray, np.ndarray]:
    """The right by training (:func:`right_by_training`), where a reconversion turns a loan into a bursary except
    after a master (doctorate, MAS); returns (right, lifted). The canton's step cites the article that says so."""
    base = right_by_training(c, v)
    lifted = c.true("reconversion") & (base == RIGHT_LOAN) & ~c.is_("programme_kind", "doctorate", "mas")
    return np.where(lifted, RIGHT_BURSARY, base).astype(np.int8), lifted
