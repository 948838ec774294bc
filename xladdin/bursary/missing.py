"""What a text does not hold is named, not invented: the rows that need an amount marked ``missing: true``.

A rule set may carry a parameter whose amount is not in the texts held (an annex of amounts missing from the copy):
``value: null``, ``missing: true`` and a ``note`` naming the annex. The engine sees it as NaN (``RuleSet.v``). A row
*needs* it when its result depends on it: the model is run twice with every missing amount at 0, once with that one
at a very large amount instead, and the rows whose outcome (eligibility, reason codes, and the amounts of an eligible
row) differ are the rows that need it. They become row errors naming the parameter and its annex (``assess``); every other row is assessed
as usual, so ``rules check``, ``compare`` and the batch faces serve what the texts held decide.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..rules import RuleSet
from . import engine
from .inputs import Inputs

_PROBE_HIGH = 1e9           # far above any amount a scale holds: a row whose outcome moves between 0 and it needs it
_OUTCOME = ("needs", "resources", "parents_share", "shortfall", "bursary", "loan", "aid",
            "entitlement_semesters")


def _outcome(c) -> list[np.ndarray]:
    """What a row's result shows: eligibility and reasons, and its amounts when it is eligible (an ineligible row
    shows none, so an amount it would have had does not make it depend on the parameter)."""
    eligible = np.asarray(c["eligible"], dtype=bool)
    cols = [np.where(eligible, np.nan_to_num(np.asarray(c[key], dtype=float), nan=-1.0), 0.0) for key in _OUTCOME]
    return [eligible] + cols + [np.asarray(engine.reasons(c), dtype=object)]


def rows_needing(inputs: Inputs, rules: RuleSet, reference_date: dt.date | None = None) -> dict[str, np.ndarray]:
    """For each missing parameter of ``rules``, a boolean mask of the rows whose outcome depends on it."""
    names = rules.missing
    if not names or inputs.n == 0:
        return {}
    low = {name: 0.0 for name in names}
    with np.errstate(all="ignore"):
        base = _outcome(engine.compute(inputs, rules.filled(low), reference_date))
        out = {}
        for name in names:
            other = _outcome(engine.compute(inputs, rules.filled({**low, name: _PROBE_HIGH}), reference_date))
            moved = np.zeros(inputs.n, dtype=bool)
            for a, b in zip(base, other):
                moved |= a != b
            out[name] = moved
    return out
