"""The Geneva bursary engine: the legal steps in order, over whole columns (no loop over applicants)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..rules import RuleSet
from . import amounts, budgets, domicile, eligibility
from .inputs import Inputs
from .rule import Columns

# The order of the law's reasoning; each step reads the inputs and the outputs of the steps before it.
STEPS = (
    eligibility.age,
    domicile.aid_domicile,
    budgets.independence,
    eligibility.right,
    eligibility.entitlement,
    budgets.parents_budgets,
    eligibility.eligibility,
    budgets.parents_share,
    budgets.student_needs,
    budgets.student_resources,
    amounts.amounts,
)

# Reason codes in the order spec §5 lists them.
REASON_CODES = ("LBPE-3", "LBPE-15", "LBPE-16", "LBPE-11", "LBPE-13", "LBPE-14", "LBPE-14-loan", "LBPE-14-3",
                "LBPE-17", "LBPE-21", "LBPE-22-3", "LBPE-22-4")


def reference_dates(inputs: Inputs, reference_date: dt.date | None) -> np.ndarray:
    """Spec §5: 1 September of the calendar year of ``year_start``, unless a date is given for the whole run."""
    if reference_date is not None:
        return np.full(inputs.n, np.datetime64(reference_date, "D"))
    years = inputs.cols["year_start"].astype("datetime64[Y]")
    return years.astype("datetime64[M]") + np.timedelta64(8, "M")


def compute(inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None) -> Columns:
    """Run every step over all rows; returns the inputs plus every step's outputs."""
    c = Columns(inputs.n, inputs.cols)
    c["reference_date"] = reference_dates(inputs, reference_date).astype("datetime64[D]")
    values = rules.v
    for step in STEPS:
        c.update(step(c, values))
    c["reason_masks"] = {**c["codes"], "LBPE-14-loan": c["codes"]["LBPE-14"], **c["amount_codes"]}
    return c


def reasons(c: Columns) -> np.ndarray:
    """The reason codes of each row joined by ';' (one string per distinct combination, so it stays fast)."""
    masks = c["reason_masks"]
    bits = np.zeros(c.n, dtype=np.int64)
    for i, code in enumerate(REASON_CODES):
        bits |= masks[code].astype(np.int64) << i
    unique, inverse = np.unique(bits, return_inverse=True)
    texts = np.array([";".join(code for i, code in enumerate(REASON_CODES) if b >> i & 1) for b in unique],
                     dtype=object)
    return texts[inverse]
