"""What-if benchmark (issue 6): 100 scenarios × 10 000 applicants through ``xladdin.whatif.run``.

Prints scenario-applicant evaluations per second, the ratio to the one-by-one path (``xladdin.assess`` on a
one-row table per applicant per scenario: a sample of single calls is timed and extrapolated, as stated in the
output), a profile of one scenario (each engine step, the rule-set copy, the sums), and the figure a proposed
engine change would reach (prototype run here only; the engine is not modified).

    .venv/bin/python -m benchmarks.bench_whatif [--rows 10000] [--scenarios 100] [--sample 200]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from types import SimpleNamespace

import numpy as np

from xladdin import assess
from xladdin import rules as rules_mod
from xladdin.bursary import engine
from xladdin.bursary.rule import Columns
from xladdin.bursary.synthetic import synthetic_applicants
from benchmarks.timing import best
from xladdin.whatif import prepare, run, scenarios, standards

PARAM = "amounts.cap.tertiary"


def one_by_one(frame, values: list, sample: int) -> float:
    """Seconds per single call: ``xladdin.assess`` on a one-row table, rule set with the scenario's value."""
    ge = rules_mod.load("GE-2025")
    rng = np.random.default_rng(7)
    rows = rng.integers(0, len(frame), sample)
    picks = rng.integers(0, len(values), sample)
    assess(frame.iloc[[0]], rules=ge)                     # warm caches
    t0 = time.perf_counter()
    for row, pick in zip(rows, picks):
        assess(frame.iloc[[int(row)]], rules=ge.with_overrides({PARAM: values[int(pick)]}))
    return (time.perf_counter() - t0) / sample


class _Recorder:
    """Stands for ``RuleSet.v`` and notes every dotted parameter a step reads."""

    def __init__(self, node, path: str, seen: set):
        self._node, self._path, self._seen = node, path, seen

    def __getattr__(self, name):
        value = getattr(self._node, name)
        path = f"{self._path}.{name}" if self._path else name
        if isinstance(value, SimpleNamespace):
            return _Recorder(value, path, self._seen)
        self._seen.add(path)
        return value


def step_parameters(prepared, rs) -> list[set[str]]:
    """For each engine step, the parameters it reads (recorded on one run)."""
    c = Columns(prepared.n, prepared.inputs.cols)
    c["reference_date"] = engine.reference_dates(prepared.inputs, None).astype("datetime64[D]")
    reads = []
    for step in engine.STEPS:
        seen: set[str] = set()
        c.update(step(c, _Recorder(rs.v, "", seen)))
        reads.append(seen)
    return reads


def compute_from(prepared, rs, base: Columns, first: int) -> Columns:
    """PROTOTYPE of the proposed engine change: reuse the baseline's outputs of the steps before ``first``."""
    c = Columns(prepared.n, base)
    values = rs.v
    for step in engine.STEPS[first:]:
        c.update(step(c, values))
    c["reason_masks"] = {**c["codes"], "LBPE-14-loan": c["codes"]["LBPE-14"], **c["amount_codes"]}
    return c


def profile(prepared, rs, values: list, repeat: int = 20) -> dict[str, float]:
    """Milliseconds per scenario for each part of one scenario's evaluation."""
    cost: dict[str, float] = defaultdict(float)
    base = scenarios.evaluate(prepared, rs)
    for i in range(repeat):
        t = time.perf_counter()
        scenario_rules = rs.with_overrides({PARAM: values[i % len(values)]})
        v = scenario_rules.v
        cost["rule set copy + values (with_overrides, .v)"] += time.perf_counter() - t
        t = time.perf_counter()
        c = Columns(prepared.n, prepared.inputs.cols)
        c["reference_date"] = engine.reference_dates(prepared.inputs, None).astype("datetime64[D]")
        cost["engine: reference dates"] += time.perf_counter() - t
        for step in engine.STEPS:
            t = time.perf_counter()
            c.update(step(c, v))
            cost[f"engine: {step.__name__}"] += time.perf_counter() - t
        t = time.perf_counter()
        outcome = scenarios.Outcome(c["bursary"] + c["loan"], c["bursary"], c["loan"])
        scenarios.summary(outcome, base)
        cost["whatif: scenario sums (summary)"] += time.perf_counter() - t
        t = time.perf_counter()
        scenarios._group_sums(prepared, outcome, base)
        cost["whatif: breakdown (bincount)"] += time.perf_counter() - t
        t = time.perf_counter()
        standards.flags(scenario_rules)
        cost["whatif: concordat flags"] += time.perf_counter() - t
    return {k: v / repeat * 1000 for k, v in cost.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--scenarios", type=int, default=100)
    ap.add_argument("--sample", type=int, default=200)
    args = ap.parse_args()
    n, s = args.rows, args.scenarios
    values = [15_000 + 100 * i for i in range(s)]
    frame = synthetic_applicants(n, seed=2025)
    evaluations = n * s

    t_parse, prepared = best(lambda: prepare(frame), repeat=1)
    t_run, result = best(lambda: run(prepared, {PARAM: values}))
    t_lean, _ = best(lambda: run(prepared, {PARAM: values}, breakdown=False))
    per_call = one_by_one(frame, values, args.sample)
    t_single = per_call * evaluations

    print(f"What-if: {s} scenarios × {n} applicants = {evaluations:,} scenario-applicant evaluations "
          f"({PARAM} = {values[0]}..{values[-1]})")
    print(f"  parse once ............................ {t_parse:8.3f} s")
    print(f"  scenarios (run, with breakdown) ....... {t_run:8.3f} s  -> {evaluations / t_run:12,.0f} evaluations/s")
    print(f"  scenarios (run, no breakdown) ......... {t_lean:8.3f} s  -> {evaluations / t_lean:12,.0f} evaluations/s")
    print(f"  end to end (parse + run) .............. {t_parse + t_run:8.3f} s  -> "
          f"{evaluations / (t_parse + t_run):12,.0f} evaluations/s")
    print(f"  one by one: xladdin.assess on a one-row table, {args.sample} calls timed, "
          f"{per_call * 1000:.2f} ms/call, EXTRAPOLATED to {evaluations:,} calls: {t_single:,.0f} s")
    print(f"  ratio one-by-one / what-if ............ {t_single / t_run:10,.0f} ×  (end to end: "
          f"{t_single / (t_parse + t_run):,.0f} ×)")
    print(f"  target: ≥ 5,000,000 evaluations/s and ≥ 100 ×: "
          f"{'met' if evaluations / t_run >= 5e6 else 'NOT met'} / {'met' if t_single / t_run >= 100 else 'NOT met'}")

    rs = rules_mod.load("GE-2025")
    prof = profile(prepared, rs, values)
    total = sum(prof.values())
    print(f"\nProfile of one scenario ({n} applicants), ms per scenario (mean of 20):")
    for name, ms in sorted(prof.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<48} {ms:7.3f} ms  {100 * ms / total:5.1f} %")
    print(f"  {'total':<48} {total:7.3f} ms  -> {n / (total / 1000):12,.0f} evaluations/s")

    # Proposed engine change, measured with a prototype: steps that read none of the varied parameters and
    # none of the outputs of a step that does are computed once (baseline) and reused.
    reads = step_parameters(prepared, rs)
    first = next(i for i, r in enumerate(reads) if PARAM in r)
    base_c = engine.compute(prepared.inputs, rs)
    check = engine.compute(prepared.inputs, rs.with_overrides({PARAM: values[-1]}))
    proto = compute_from(prepared, rs.with_overrides({PARAM: values[-1]}), base_c, first)
    assert all(np.array_equal(check[k], proto[k], equal_nan=True) for k in ("bursary", "loan", "aid", "eligible"))
    base_out = scenarios.evaluate(prepared, rs)

    def proto_run():
        for value in values:
            scenario_rules = rs.with_overrides({PARAM: value})
            c = compute_from(prepared, scenario_rules, base_c, first)
            bursary = np.where(prepared.valid, np.nan_to_num(c["bursary"]), 0.0)
            loan = np.where(prepared.valid, np.nan_to_num(c["loan"]), 0.0)
            outcome = scenarios.Outcome(bursary + loan, bursary, loan)
            scenarios.summary(outcome, base_out)
            scenarios._group_sums(prepared, outcome, base_out)
            standards.flags(scenario_rules)

    t_proto, _ = best(proto_run)
    print(f"\nProposed engine change (prototype, this benchmark only): {PARAM} is first read by step "
          f"{first + 1}/{len(engine.STEPS)} ({engine.STEPS[first].__name__}); reusing steps 1-{first} of the baseline:")
    print(f"  scenarios ............................. {t_proto:8.3f} s  -> {evaluations / t_proto:12,.0f} evaluations/s"
          f"  ({t_single / t_proto:,.0f} × one by one)")
    for i, r in enumerate(reads):
        print(f"  step {i + 1:2d} {engine.STEPS[i].__name__:<18} reads {len(r):2d} parameters")
    assert len(result.scenarios) == s


if __name__ == "__main__":
    main()
