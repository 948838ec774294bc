"""The bursary engine: the rule set's model steps in order, over whole columns (no loop over applicants)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..memory import keep_freed_memory
from ..rules import RuleSet
from . import model
from .inputs import Inputs
from .rule import Columns
from .shared.reference_date import september_first


def reference_dates(inputs: Inputs, reference_date: dt.date | None, rules: RuleSet | None = None) -> np.ndarray:
    """Each row's reference date, which picks the rule-set version in force (``rules="GE"``): the rule set's own
    ``reference_date`` variant (a canton's newest version stands for the canton), Geneva's 1 September of the
    year of ``year_start`` without one; a date given for the whole run wins."""
    if reference_date is not None:
        return np.full(inputs.n, np.datetime64(reference_date, "D"))
    if rules is None:
        return september_first(inputs.cols["year_start"])
    c = Columns(inputs.n, inputs.cols)
    return model.steps(rules)[model.SLOTS.index("reference_date")](c, values_of(rules))["reference_date"]


_CONSTANT: dict[int, tuple] = {}


def constant(rules: RuleSet, name: str):
    """``getattr(rules, name)`` for a derived property of a rule set (``v``: the parameters as a namespace,
    ``missing``, ``label``), made once per rule set: an Excel cell's one applicant would otherwise rebuild it on
    every call."""
    got = _CONSTANT.get(id(rules))
    if got is None or got[0] is not rules:              # the rule set is kept with it, so its id stays its own
        if len(_CONSTANT) >= 64:
            _CONSTANT.clear()
        got = _CONSTANT[id(rules)] = (rules, {})
    known = got[1]
    if name not in known:
        known[name] = getattr(rules, name)
    return known[name]


def values_of(rules: RuleSet):
    """The rule set's parameters as a namespace (``rules.v``), made once."""
    return constant(rules, "v")


def compute(inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None) -> Columns:
    """Run every step of the rule set's model over all rows; returns the inputs plus every step's outputs."""
    keep_freed_memory()                         # the steps' large arrays: their pages kept for the next ones
    c = Columns(inputs.n, inputs.cols)
    c.fixed_reference_date = reference_date
    values = values_of(rules)
    notes: dict[str, np.ndarray] = {}
    for step in model.steps(rules):
        out = step(c, values)
        notes.update(out.pop("notes", {}))      # information codes a step raises (the row stays eligible)
        c.update(out)
    return finish(c, rules, notes)


def finish(c: Columns, rules: RuleSet, notes: dict[str, np.ndarray]) -> Columns:
    """The reason masks (codes, amount codes, notes) in the rule set's order of codes, after the last step."""
    c["reason_masks"] = {**c["codes"], **c["amount_codes"], **notes}
    c.reason_codes = rules.reason_codes
    return c


def plan(inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None):
    """What-if (issue 6): the baseline run of ``inputs`` under ``rules``, whose ``.compute(other_rules)`` re-runs
    only the steps a changed parameter reaches (same result as ``compute``; see ``xladdin.bursary.reuse``)."""
    from .reuse import Plan

    return Plan(inputs, rules, reference_date)


def reasons(c: Columns) -> np.ndarray:
    """The reason codes of each row joined by ';', in the rule set's order (one string per distinct combination,
    so it stays fast)."""
    texts, codes = reason_table(c)
    return texts[codes]


def reason_table(c: Columns) -> tuple[np.ndarray, np.ndarray]:
    """:func:`reasons` as its distinct texts and each row's index among them (an output column is made from these
    without a string per row)."""
    masks = c["reason_masks"]
    order = [code for code in c.reason_codes if code in masks] + [code for code in masks if code not in c.reason_codes]
    if c.n == 1:                                         # one applicant: its codes in that order
        return np.array([";".join(code for code in order if masks[code][0])], dtype=object), np.zeros(1, np.intp)
    bits = np.zeros(c.n, dtype=np.int64)
    for i, code in enumerate(order):
        bits |= masks[code].astype(np.int64) << i

    inverse, unique = pd.factorize(bits)                 # hashing: no sort of the whole column
    texts = np.array([";".join(code for i, code in enumerate(order) if b >> i & 1) for b in unique], dtype=object)
    return texts, inverse
