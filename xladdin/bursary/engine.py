"""The bursary engine: the rule set's model steps in order, over whole columns (no loop over applicants)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..rules import RuleSet
from . import model
from .inputs import Inputs
from .reference import september_first
from .rule import Columns


def reference_dates(inputs: Inputs, reference_date: dt.date | None) -> np.ndarray:
    """Spec GE §5: 1 September of the calendar year of ``year_start``, unless a date is given for the whole run.

    Used to pick, per row, the rule-set version in force (``rules="GE"``); each model then reads its own
    reference date (the ``reference_date`` slot)."""
    if reference_date is not None:
        return np.full(inputs.n, np.datetime64(reference_date, "D"))
    return september_first(inputs.cols["year_start"])


def compute(inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None) -> Columns:
    """Run every step of the rule set's model over all rows; returns the inputs plus every step's outputs."""
    c = Columns(inputs.n, inputs.cols)
    c.fixed_reference_date = reference_date
    values = rules.v
    notes: dict[str, np.ndarray] = {}
    for step in model.steps(rules):
        out = step(c, values)
        notes.update(out.pop("notes", {}))      # information codes a step raises (the row stays eligible)
        c.update(out)
    c["reason_masks"] = {**c["codes"], **c["amount_codes"], **notes}
    c.reason_codes = rules.reason_codes
    return c


def reasons(c: Columns) -> np.ndarray:
    """The reason codes of each row joined by ';', in the rule set's order (one string per distinct combination,
    so it stays fast)."""
    masks = c["reason_masks"]
    order = [code for code in c.reason_codes if code in masks] + [code for code in masks if code not in c.reason_codes]
    bits = np.zeros(c.n, dtype=np.int64)
    for i, code in enumerate(order):
        bits |= masks[code].astype(np.int64) << i
    unique, inverse = np.unique(bits, return_inverse=True)
    texts = np.array([";".join(code for i, code in enumerate(order) if b >> i & 1) for b in unique], dtype=object)
    return texts[inverse]
