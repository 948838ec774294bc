"""Goal seek: the value of one rule-set parameter that brings a measure (total cost by default) to a target budget.

Monotone search, no derivative: the direction is read off the measure itself (does it rise or fall when the
parameter rises?), the target is bracketed by doubling steps from the current value, then bisected — on whole
numbers for parameters the rule set holds as integers (CHF amounts, years), to a relative 1e-6 otherwise.

``side="below"`` (a budget): the value whose measure is at most the target and closest to it; its neighbour one
step further (``next_value``) exceeds the target. ``side="above"``: at least the target (e.g. a number of
recipients to reach).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from .. import rules as rules_mod
from ..bursary import engine
from ..errors import XladdinError
from ..rules import RuleSet
from . import scenarios as sc

MAX_EVALUATIONS = 200


@dataclass
class GoalSeek:
    parameter: str
    measure: str
    target: float
    side: str
    value: object                  # the value found (the feasible end of the final bracket)
    reached_measure: float         # the measure at ``value``
    next_value: object             # one step further (the other end of the bracket), or None
    next_measure: float | None
    start_value: object
    start_measure: float
    direction: str                 # "increasing" or "decreasing": how the measure moves when the parameter rises
    evaluations: int               # engine runs over the whole table
    reached: bool                  # False: the target lies outside what the parameter can reach within bounds
    monotone: bool                 # False: the evaluated points were not monotone (the answer may not be unique)
    flags: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _feasible(value: float, target: float, side: str) -> bool:
    return value <= target if side == "below" else value >= target


def goal_seek(applicants, parameter: str, target: float, rules: str | RuleSet = "GE", measure: str = "total_cost",
              side: str = "below", lower=None, upper=None, reference_date=None, lang: str = "fr") -> GoalSeek:
    """Find ``parameter`` so that ``measure`` meets ``target`` (see module docstring)."""
    if side not in ("below", "above"):
        raise XladdinError("goalseek_bad_side", side=side)
    if measure not in sc.SEEKABLE:
        raise XladdinError("goalseek_bad_measure", measure=measure, allowed=", ".join(sc.SEEKABLE))
    prepared = sc.prepare(applicants, reference_date)
    rs = sc.resolve_rules(rules, prepared)
    start = rs.value(parameter)
    if isinstance(start, bool) or not isinstance(start, (int, float)):
        raise XladdinError("goalseek_not_numeric", name=parameter, value=start)
    integer = isinstance(start, int)
    if not (math.isfinite(target) and 0 <= target <= rules_mod.MAX_AMOUNT):
        raise XladdinError("amount_out_of_range", value=f"{target:g}", low="0", high="1 000 000 000 000")
    param = rs.flat()[parameter]
    domain = rules_mod.domain(param)                       # the parameter's own values bound the search
    for bound in (lower, upper):
        if bound is not None:
            rules_mod.check_value(param, float(bound), shown=f"{float(bound):g}")
    lo_bound = float(lower) if lower is not None else max(domain.low, 0.0)
    hi_bound = float(upper) if upper is not None else \
        min(max(abs(start) * 100.0, 1_000.0 if integer else 1.0), domain.high)
    if lo_bound > hi_bound:
        raise XladdinError("goalseek_bounds", lo=_fmt(lo_bound), hi=_fmt(hi_bound))
    start_clamped = min(max(float(start), lo_bound), hi_bound)
    cache: dict[float, float] = {}
    plan = engine.plan(prepared.inputs, rs, prepared.reference_date)     # re-runs only what the parameter reaches

    def f(x: float) -> float:
        x = int(round(x)) if integer else float(x)
        if x not in cache:
            if len(cache) >= MAX_EVALUATIONS:
                raise XladdinError("goalseek_too_many", count=MAX_EVALUATIONS, name=parameter)
            cache[x] = sc.measure(sc.evaluate(prepared, rs.with_overrides({parameter: x}), plan), measure)
        return cache[x]

    def clamp(x: float) -> float:
        x = min(max(x, lo_bound), hi_bound)
        return float(round(x)) if integer else x

    x0 = start_clamped
    f0 = f(x0)
    first_step = max(1.0, float(round(abs(x0) * 0.05))) if integer else (abs(x0) * 0.05 or 0.01)
    # 1. Direction: step away from x0 (up, then down), doubling until the measure moves.
    step, direction = first_step, None
    while direction is None:
        moved = False
        for sign in (1, -1):
            x1 = clamp(x0 + sign * step)
            if x1 == x0:
                continue
            moved = True
            if f(x1) != f0:
                direction = "increasing" if (f(x1) - f0) * sign > 0 else "decreasing"
                break
        if direction or not moved or step > hi_bound - lo_bound:
            break
        step *= 2
    if direction is None:
        raise XladdinError("goalseek_flat", name=parameter, measure=measure, lo=_fmt(lo_bound), hi=_fmt(hi_bound))
    rising = direction == "increasing"
    # 2. Bracket: move towards the boundary between feasible and infeasible values.
    ok0 = _feasible(f0, target, side)
    # below: a feasible point moves to raise the measure, an infeasible one to lower it; above: the reverse.
    raise_measure = ok0 == (side == "below")
    sign = 1 if raise_measure == rising else -1
    a, b, step = x0, None, first_step
    while True:
        nxt = clamp(a + sign * step)
        if nxt == a:
            break
        if _feasible(f(nxt), target, side) != ok0:
            b = nxt
            break
        a, step = nxt, step * 2
    if b is None:
        # The whole reachable range is on one side of the target.
        return _result(parameter, measure, target, side, a, f(a), None, None, start, f0, direction,
                       len(cache), reached=False, monotone=_monotone(cache, rising), rs=rs, lang=lang,
                       integer=integer)
    # 3. Bisect between a feasible and an infeasible point.
    good, bad = (a, b) if ok0 else (b, a)
    tol = 1.0 if integer else max(abs(x0), 1.0) * 1e-6
    while abs(bad - good) > tol:
        mid = (good + bad) / 2
        if integer:
            mid = math.floor(mid) if good < bad else math.ceil(mid)
            if mid in (good, bad):
                break
        if _feasible(f(mid), target, side):
            good = mid
        else:
            bad = mid
    return _result(parameter, measure, target, side, good, f(good), bad, f(bad), start, f0, direction, len(cache),
                   reached=True, monotone=_monotone(cache, rising), rs=rs, lang=lang, integer=integer)


def _monotone(cache: dict[float, float], rising: bool) -> bool:
    values = [cache[x] for x in sorted(cache)]
    pairs = list(itertools.pairwise(values))
    return all(b >= a for a, b in pairs) if rising else all(b <= a for a, b in pairs)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _result(parameter, measure, target, side, value, reached_measure, next_value, next_measure, start, start_measure,
            direction, evaluations, reached, monotone, rs: RuleSet, lang, integer) -> GoalSeek:
    from . import standards

    cast = (lambda x: int(round(x))) if integer else float
    return GoalSeek(parameter=parameter, measure=measure, target=float(target), side=side, value=cast(value),
                    reached_measure=reached_measure, next_value=None if next_value is None else cast(next_value),
                    next_measure=next_measure, start_value=start, start_measure=start_measure, direction=direction,
                    evaluations=evaluations, reached=reached, monotone=monotone,
                    flags=standards.flags(rs.with_overrides({parameter: cast(value)}), lang))
