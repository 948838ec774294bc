"""The reference date on which ages and the rule set in force are read: one variant per canton's text."""

from __future__ import annotations

import numpy as np

from ..dates import first_days, month_starts, months
from ..rule import rule

_TRACE = {"reference_date": ("Jour de référence", "Reference date")}


def _fixed_or(c, dates: np.ndarray) -> dict[str, np.ndarray]:
    """A date given for the whole run (``reference_date=``) wins over the rule set's own."""
    if c.fixed_reference_date is not None:
        dates = np.full(c.n, np.datetime64(c.fixed_reference_date, "D"))
    return {"reference_date": dates.astype("datetime64[D]")}


def september_first(year_start: np.ndarray) -> np.ndarray:
    """1 September of the calendar year of ``year_start`` (NaT where it is missing)."""
    missing = np.isnat(year_start)
    month = months(year_start)                                  # months since January 1970
    september = first_days(np.where(missing, 8, month - month % 12 + 8))
    if missing.any():
        september[missing] = np.datetime64("NaT")
    return september


@rule("spec GE §5 ; LBPE art. 17, 18 (âge au 1er septembre de l'année académique)", trace=_TRACE,
      slot="reference_date", variant="september_1")
def september_1(c, v):
    """Geneva: 1 September of the calendar year in which the training year starts."""
    return _fixed_or(c, september_first(c["year_start"]))


@rule("VAB § 6, § 8 Abs. 1 (Beginn des Ausbildungsjahres)", trace=_TRACE, slot="reference_date",
      variant="month_start")
def month_start(c, v):
    """Zurich: the first day of the month in which the training year starts (docs/rules/ZH.md R22)."""
    return _fixed_or(c, month_starts(c["year_start"]))


@rule("ABV Art. 26 Abs. 1 (Verhältnisse im Ausbildungsjahr)", trace=_TRACE, slot="reference_date",
      variant="year_start")
def year_start(c, v):
    """Bern: the day the training year starts (docs/rules/BE.md B17)."""
    return _fixed_or(c, c["year_start"].astype("datetime64[D]"))
