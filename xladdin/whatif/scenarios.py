"""What-if scenarios over the real applicant list: parse once, then per scenario one engine run with the rule
set's values overridden (``RuleSet.with_overrides``), summed up against the unchanged rule set (baseline).

The runs go through ``engine.plan`` (``xladdin.bursary.reuse``): the baseline run records which parameters and
columns each step reads, and a scenario re-runs only the steps its changed parameters reach (the cap: the last
step only), with exactly the results of a full ``engine.compute`` (``reuse=False`` runs every step in full).

A recipient is a row with aid (bursary + loan) > 0. Rows with an input error are left out of every figure (they
have no decision, spec §5) and counted in ``WhatIf.rows_excluded``. Winners and losers compare each row's aid
with its aid under the baseline: a winner gets more, a loser less; ``winners_gain`` (≥ 0) and ``losers_loss``
(≤ 0) are the sums of those changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .. import rules as rules_mod
from ..bursary import engine
from ..bursary.assess import _as_date
from ..bursary.inputs import Inputs, parse, table_from
from ..errors import XladdinError
from ..rules import RuleSet
from ..schema import BY_KEY
from . import grid, standards

# The scenario table's columns after the varied parameters (issue 6; the CSV has them in this order).
MEASURES = ("total_bursary", "total_loan", "recipients", "mean_aid", "median_aid", "new_recipients",
            "lost_recipients", "winners", "losers")
EXTRA = ("winners_gain", "losers_loss", "total_cost", "flags")
# Measures of the breakdown by level and programme kind (long form: one row per group and measure).
GROUP_MEASURES = ("applicants", "total_bursary", "total_loan", "total_cost", "recipients", "mean_aid",
                  "new_recipients", "lost_recipients", "winners", "winners_gain", "losers", "losers_loss")
# Measures goal seek may aim at.
SEEKABLE = ("total_cost", "total_bursary", "total_loan", "recipients", "mean_aid", "median_aid")

_LEVELS = BY_KEY["level"].values
_KINDS = BY_KEY["programme_kind"].values


@dataclass
class Prepared:
    """An applicant table parsed once (``inputs.parse``), with what every scenario's figures need."""

    inputs: Inputs
    valid: np.ndarray                    # rows without an input error
    group: np.ndarray                    # (level, programme_kind) group code of each row
    groups: list[tuple[str, str]]        # the group codes' (level, programme_kind); "" = missing
    reference_date: dt.date | None = None
    source: object = None

    @property
    def n(self) -> int:
        return self.inputs.n

    @property
    def rows_excluded(self) -> int:
        return int((~self.valid).sum())

    @cached_property
    def applicants_per_group(self) -> np.ndarray:
        return np.bincount(self.group, weights=self.valid.astype(float), minlength=len(self.groups))


def prepare(applicants, reference_date=None) -> Prepared:
    """Read (DataFrame, list of dicts, path or RawTable) and parse the table once for all scenarios."""
    if isinstance(applicants, Prepared):
        return applicants
    frame, lines, raw = table_from(applicants)
    if len(frame) == 0:
        raise XladdinError("no_rows")
    inputs = parse(frame, lines)
    level = inputs.cols["level"].astype(np.int64) + 1              # 0 = missing
    kind = inputs.cols["programme_kind"].astype(np.int64) + 1
    code = level * (len(_KINDS) + 1) + kind
    used, group = np.unique(code, return_inverse=True)
    labels = [(("",) + _LEVELS)[c // (len(_KINDS) + 1)] for c in used]
    kinds = [(("",) + _KINDS)[c % (len(_KINDS) + 1)] for c in used]
    return Prepared(inputs, ~inputs.row_error, group.astype(np.int64), list(zip(labels, kinds)),
                    _as_date(reference_date), raw)


def resolve_rules(rules: str | RuleSet, prepared: Prepared) -> RuleSet:
    """A rule set by id; a canton (``GE``) only when every row's reference date falls under the same version."""
    if isinstance(rules, RuleSet) or not rules_mod.is_canton(rules):
        return rules_mod.load(rules)
    refs = engine.reference_dates(prepared.inputs, prepared.reference_date, rules_mod.load(rules))
    refs = np.unique(refs[~np.isnat(refs) & prepared.valid])
    ids = {rules_mod.load(rules, day.astype(dt.date)).id for day in refs}
    if len(ids) > 1:
        raise XladdinError("whatif_several_rulesets", rules=rules, ids=", ".join(sorted(ids)))
    return rules_mod.load(ids.pop()) if ids else rules_mod.load(rules)


@dataclass
class Outcome:
    """The amounts of one scenario, one entry per row (0 for rows in error)."""

    aid: np.ndarray
    bursary: np.ndarray
    loan: np.ndarray

    _moves: tuple = field(default=(), repr=False, compare=False)

    @cached_property
    def paid(self) -> np.ndarray:
        """Recipients: aid (bursary + loan) > 0."""
        return self.aid > 0

    def moves(self, base: Outcome) -> tuple[np.ndarray, np.ndarray]:
        """The rows whose aid differs from ``base``'s (winners and losers) and the change of each (summary and
        breakdown share them)."""
        if not self._moves or self._moves[0] is not base:
            moved = np.flatnonzero(self.aid != base.aid)
            self._moves = (base, moved, self.aid[moved] - base.aid[moved])
        return self._moves[1], self._moves[2]


def outcome(prepared: Prepared, c) -> Outcome:
    """The amounts of an engine run, rows in error set to 0 (and NaN to 0, infinities to the largest float, as
    ``np.nan_to_num`` does: only when there is one)."""
    valid = prepared.valid
    bursary, loan = np.where(valid, c["bursary"], 0.0), np.where(valid, c["loan"], 0.0)
    if not (np.isfinite(bursary).all() and np.isfinite(loan).all()):
        bursary, loan = np.nan_to_num(bursary), np.nan_to_num(loan)
    return Outcome(bursary + loan, bursary, loan)


def evaluate(prepared: Prepared, rules: RuleSet, plan=None) -> Outcome:
    """One scenario: the vectorised engine over all rows (no loop over applicants); with ``plan``
    (``engine.plan`` of the baseline) only the steps the changed parameters reach are run again."""
    if plan is not None:
        return outcome(prepared, plan.compute(rules))
    return outcome(prepared, engine.compute(prepared.inputs, rules, prepared.reference_date))


def measure(outcome: Outcome, name: str) -> float:
    """One figure of a scenario (what goal seek aims at)."""
    if name == "total_cost":
        return float(outcome.aid.sum())
    if name == "total_bursary":
        return float(outcome.bursary.sum())
    if name == "total_loan":
        return float(outcome.loan.sum())
    paid = outcome.aid[outcome.aid > 0]
    if name == "recipients":
        return float(len(paid))
    if name == "mean_aid":
        return float(paid.mean()) if len(paid) else 0.0
    if name == "median_aid":
        return float(np.median(paid)) if len(paid) else 0.0
    raise XladdinError("goalseek_bad_measure", measure=name, allowed=", ".join(SEEKABLE))


def summary(outcome: Outcome, base: Outcome) -> dict[str, object]:
    """The scenario's totals and its changes against the baseline."""
    aid = outcome.aid
    paid, base_paid = outcome.paid, base.paid
    amounts = aid[paid]
    moved, change = outcome.moves(base)
    win, lose = change > 0, change < 0
    count = len(amounts)
    return {
        "total_bursary": int(round(outcome.bursary.sum())),
        "total_loan": int(round(outcome.loan.sum())),
        "recipients": count,
        "mean_aid": round(float(amounts.mean()), 2) if count else 0.0,
        "median_aid": float(np.median(amounts)) if count else 0.0,
        "new_recipients": int(np.count_nonzero(paid[moved] & ~base_paid[moved])),
        "lost_recipients": int(np.count_nonzero(base_paid[moved] & ~paid[moved])),
        "winners": int(np.count_nonzero(win)),
        "losers": int(np.count_nonzero(lose)),
        "winners_gain": int(round(change[win].sum())),
        "losers_loss": int(round(change[lose].sum())),
        "total_cost": int(round(aid.sum())),
    }


def _group_sums(prepared: Prepared, outcome: Outcome, base: Outcome) -> np.ndarray:
    """GROUP_MEASURES per (level, programme_kind) group: an array (groups × measures), np.bincount on the group
    codes computed once in ``prepare``; the changes against the baseline are summed over the rows that moved."""
    g, size = prepared.group, len(prepared.groups)

    def total(weights, rows=None) -> np.ndarray:
        if rows is None:
            return np.bincount(g, weights=weights, minlength=size)
        return np.bincount(g[rows], weights=weights, minlength=size)

    aid = outcome.aid
    paid, base_paid = outcome.paid, base.paid
    moved, change = outcome.moves(base)
    rise, fall = change > 0, change < 0
    up, down = moved[rise], moved[fall]
    recipients = np.bincount(g[paid], minlength=size).astype(float)
    cost = total(aid)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(recipients > 0, cost / recipients, 0.0)
    columns = {
        "applicants": prepared.applicants_per_group, "total_bursary": total(outcome.bursary),
        "total_loan": total(outcome.loan), "total_cost": cost, "recipients": recipients, "mean_aid": np.round(mean, 2),
        "new_recipients": total(None, moved[paid[moved] & ~base_paid[moved]]).astype(float),
        "lost_recipients": total(None, moved[base_paid[moved] & ~paid[moved]]).astype(float),
        "winners": total(None, up).astype(float), "winners_gain": total(change[rise], up),
        "losers": total(None, down).astype(float), "losers_loss": total(change[fall], down),
    }
    return np.column_stack([columns[m] for m in GROUP_MEASURES])


@dataclass
class WhatIf:
    """The scenario table, its breakdown (long form) and the baseline they are measured against."""

    scenarios: pd.DataFrame
    breakdown: pd.DataFrame
    baseline: dict[str, object]
    rules: RuleSet
    vary: dict[str, list]
    rows_read: int = 0
    rows_excluded: int = 0
    evaluations: int = 0                   # scenario × applicant evaluations (rows in error included)
    extra: dict = field(default_factory=dict)


def run(applicants, vary: dict[str, list], rules: str | RuleSet = "GE", reference_date=None,
        breakdown: bool = True, lang: str = "fr", reuse: bool = True) -> WhatIf:
    """Every scenario of the grid ``vary`` ({dotted name: [values]}) over the whole table; ``reuse=False`` runs
    every engine step for every scenario (same figures, slower: the benchmark's in-run reference)."""
    prepared = prepare(applicants, reference_date)
    rs = resolve_rules(rules, prepared)
    vary = grid.typed(rs, vary)
    combos = grid.scenarios(vary)
    plan = engine.plan(prepared.inputs, rs, prepared.reference_date) if reuse else None
    base = outcome(prepared, plan.base) if plan is not None else evaluate(prepared, rs)
    baseline = {**{name: rs.value(name) for name in vary}, **summary(base, base),
                "flags": standards.flags(rs, lang)}
    rows, sums = [], []
    for combo in combos:
        scenario_rules = rs.with_overrides(combo)
        result = evaluate(prepared, scenario_rules, plan)
        rows.append({**combo, **summary(result, base), "flags": standards.flags(scenario_rules, lang)})
        if breakdown:
            sums.append(_group_sums(prepared, result, base))
    columns = list(vary) + list(MEASURES) + list(EXTRA)
    table = pd.DataFrame(rows, columns=columns)
    table.index.name = "scenario"
    detail = _long(prepared, vary, combos, sums) if breakdown else pd.DataFrame()
    return WhatIf(table, detail, baseline, rs, vary, prepared.n, prepared.rows_excluded, prepared.n * len(combos))


def _long(prepared: Prepared, vary: dict, combos: list[dict], sums: list[np.ndarray]) -> pd.DataFrame:
    """Breakdown in long form: scenario, the varied parameters, level, programme_kind, measure, value; groups
    with no applicant (all rows in error) are left out."""
    cube = np.stack(sums) if sums else np.zeros((0, len(prepared.groups), len(GROUP_MEASURES)))
    s, g, m = cube.shape
    present = cube[0, :, 0] > 0 if s else np.zeros(g, bool)
    cube = cube[:, present, :]
    groups = [grp for grp, keep in zip(prepared.groups, present) if keep]
    g = len(groups)
    scen = np.repeat(np.arange(s), g * m)
    out = {"scenario": scen}
    for name in vary:
        values = np.array([combo[name] for combo in combos], dtype=object)
        out[name] = values[scen] if s else values
    out["level"] = np.tile(np.repeat(np.array([grp[0] for grp in groups], dtype=object), m), s)
    out["programme_kind"] = np.tile(np.repeat(np.array([grp[1] for grp in groups], dtype=object), m), s)
    out["measure"] = np.tile(np.array(GROUP_MEASURES, dtype=object), s * g)
    out["value"] = cube.reshape(-1)
    frame = pd.DataFrame(out)
    for name in vary:
        frame[name] = frame[name].infer_objects()
    return frame


def whatif_table(table_frame, vary: dict[str, list], rules: str = "GE") -> pd.DataFrame:
    """The Excel UDF ``whatif_table``: one row per scenario (the varied parameters, then the measures and flags).

    ``table_frame``: the applicant range as a DataFrame (headers = schema keys or fr/en labels); ``vary``:
    {dotted parameter name: [values]}, several names give their grid.
    """
    return run(table_frame, vary, rules=rules, breakdown=False).scenarios.reset_index(drop=True)
