"""What-if benchmark (issue 6): 100 scenarios × 10 000 applicants through ``xladdin.whatif.run``.

Everything is measured in this run, on this machine, as the best of several runs for every figure (fast and slow
paths alike; the what-if runs are interleaved round by round, so that a busy moment of a shared machine does not
fall on one side of a ratio only):

- ``run`` as shipped: one baseline run recorded by ``engine.plan``, then per scenario only the engine steps the
  varied parameter reaches (``xladdin.bursary.reuse``);
- ``run(..., reuse=False)``: every engine step for every scenario (the plain engine) — the scenario table and the
  breakdown must be identical to the first, or the benchmark stops;
- one by one: ``xladdin.assess`` (the single-applicant function, a one-row table) per applicant and scenario, and,
  as a stricter floor, ``engine.compute`` on one pre-parsed row (no parsing, no output frame); a sample of calls is
  timed and EXTRAPOLATED to scenarios × applicants, as the output says;
- a profile of one scenario, and the same table for parameters read by earlier steps.

    .venv/bin/python -m benchmarks.bench_whatif [--rows 10000] [--scenarios 100] [--sample 200]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np
import pandas as pd

from benchmarks.timing import best
from xladdin import assess
from xladdin import rules as rules_mod
from xladdin.bursary import engine
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.whatif import prepare, run, scenarios, standards

PARAM = "amounts.cap.tertiary"
# Parameters read by earlier steps (more of the engine runs again per scenario): name -> values.
OTHERS = {
    "budget.housing.lease_base": lambda s: [9_000 + 50 * i for i in range(s)],
    "eligibility.adult_age": lambda s: [16 + i % 10 for i in range(s)],
    "training.rights.master": lambda s: ["B", "L", "-"] * (s // 3) + ["B"] * (s % 3),
}


def interleaved(funcs: dict, rounds: int = 5) -> dict[str, tuple[float, object]]:
    """The fastest of ``rounds`` runs of each function (seconds) and its last result, the functions taking turns."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    out: dict[str, object] = {}
    for _ in range(rounds):
        for name, func in funcs.items():
            start = time.perf_counter()
            out[name] = func()
            times[name].append(time.perf_counter() - start)
    return {name: (min(times[name]), out[name]) for name in funcs}


def one_by_one(frame, rs, values: list, sample: int) -> float:
    """Seconds per call of ``xladdin.assess`` on a one-row table, rule set with the scenario's value (best of 3
    batches of ``sample`` calls)."""
    rng = np.random.default_rng(7)
    rows = rng.integers(0, len(frame), sample)
    picks = rng.integers(0, len(values), sample)
    singles = [frame.iloc[[int(row)]] for row in rows]            # the row tables are cut outside the timing
    assess(singles[0], rules=rs)                                  # warm caches

    def batch():
        for one, pick in zip(singles, picks):
            assess(one, rules=rs.with_overrides({PARAM: values[int(pick)]}))

    return best(batch)[0] / sample


def one_by_one_engine(prepared, rs, values: list, sample: int) -> float:
    """Seconds per call of ``engine.compute`` on one already parsed row (best of 3 batches)."""
    rng = np.random.default_rng(7)
    rows = rng.integers(0, prepared.n, sample)
    picks = rng.integers(0, len(values), sample)
    singles = [prepared.inputs.take(np.array([row])) for row in rows]

    def batch():
        for one, pick in zip(singles, picks):
            engine.compute(one, rs.with_overrides({PARAM: values[int(pick)]}))

    return best(batch)[0] / sample


def same(a, b) -> bool:
    """Two what-if results have the same scenario table and breakdown."""
    try:
        pd.testing.assert_frame_equal(a.scenarios, b.scenarios, check_exact=True)
        pd.testing.assert_frame_equal(a.breakdown, b.breakdown, check_exact=True)
    except AssertionError as exc:
        print(exc)
        return False
    return a.baseline == b.baseline


def profile(prepared, rs, values: list, repeat: int = 20) -> dict[str, float]:
    """Milliseconds per scenario for each part of one scenario's evaluation, as ``run`` does it."""
    cost: dict[str, float] = defaultdict(float)
    plan = engine.plan(prepared.inputs, rs, prepared.reference_date)
    base = scenarios.outcome(prepared, plan.base)
    for i in range(repeat):
        t = time.perf_counter()
        scenario_rules = rs.with_overrides({PARAM: values[i % len(values)]})
        cost["rule set copy (with_overrides)"] += time.perf_counter() - t
        t = time.perf_counter()
        c = plan.compute(scenario_rules)
        cost["engine: steps the change reaches (plan.compute)"] += time.perf_counter() - t
        t = time.perf_counter()
        result = scenarios.outcome(prepared, c)
        cost["whatif: amounts of valid rows (outcome)"] += time.perf_counter() - t
        t = time.perf_counter()
        scenarios.summary(result, base)
        cost["whatif: scenario figures (summary)"] += time.perf_counter() - t
        t = time.perf_counter()
        scenarios._group_sums(prepared, result, base)
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
    rs = rules_mod.load("GE-2025")

    t_parse, prepared = best(lambda: prepare(frame), repeat=1)
    timed = interleaved({"run": lambda: run(prepared, {PARAM: values}),
                         "lean": lambda: run(prepared, {PARAM: values}, breakdown=False),
                         "plain": lambda: run(prepared, {PARAM: values}, reuse=False)})
    (t_run, result), (t_lean, _), (t_plain, plain) = timed["run"], timed["lean"], timed["plain"]
    if not same(result, plain):
        raise SystemExit("the what-if table differs from the plain engine's: not measuring the real thing")
    per_call = one_by_one(frame, rs, values, args.sample)
    per_engine = one_by_one_engine(prepared, rs, values, args.sample)
    t_single, t_single_engine = per_call * evaluations, per_engine * evaluations

    def rate(t: float) -> str:
        return f"{t:8.3f} s  -> {evaluations / t:12,.0f} evaluations/s"

    print(f"What-if: {s} scenarios × {n} applicants = {evaluations:,} scenario-applicant evaluations "
          f"({PARAM} = {values[0]}..{values[-1]}); best of 5 interleaved runs each")
    print(f"  parse once ................................... {t_parse:8.3f} s")
    print(f"  run (with breakdown) ......................... {rate(t_run)}")
    print(f"  run (no breakdown) ........................... {rate(t_lean)}")
    print(f"  end to end (parse + run) ..................... {rate(t_parse + t_run)}")
    print(f"  plain engine: run(reuse=False), same table ... {rate(t_plain)}")
    print(f"  one by one: xladdin.assess on a one-row table, {args.sample} calls timed (best of 3 batches), "
          f"{per_call * 1000:.2f} ms/call, EXTRAPOLATED to {evaluations:,} calls: {t_single:,.0f} s")
    print(f"  one by one, engine only: engine.compute on one parsed row, {per_engine * 1000:.3f} ms/call, "
          f"EXTRAPOLATED: {t_single_engine:,.0f} s")
    print(f"  ratio plain engine / run ..................... {t_plain / t_run:10,.1f} ×")
    print(f"  ratio one-by-one (assess) / run .............. {t_single / t_run:10,.0f} ×  (end to end: "
          f"{t_single / (t_parse + t_run):,.0f} ×)")
    print(f"  ratio one-by-one (engine only) / run ......... {t_single_engine / t_run:10,.0f} ×")
    print(f"  target: ≥ 5,000,000 evaluations/s and ≥ 100 × one by one: "
          f"{'met' if evaluations / t_run >= 5e6 else 'NOT met'} / {'met' if t_single / t_run >= 100 else 'NOT met'}")

    prof = profile(prepared, rs, values)
    total = sum(prof.values())
    print(f"\nProfile of one scenario ({n} applicants), ms per scenario (mean of 20):")
    for name, ms in sorted(prof.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<50} {ms:7.3f} ms  {100 * ms / total:5.1f} %")
    print(f"  {'total':<50} {total:7.3f} ms  -> {n / (total / 1000):12,.0f} evaluations/s")

    plan = engine.plan(prepared.inputs, rs, prepared.reference_date)
    steps = plan.steps
    print(f"\nSteps run again per scenario (of {len(steps)}; the rest is the baseline's), and the rate with breakdown:")
    for name, make in {PARAM: lambda _: values, **OTHERS}.items():
        vals = make(s)
        changed = plan.changed(rs.with_overrides({name: vals[-1] if vals[-1] != rs.value(name) else vals[0]}))
        again = [step.__name__ for step, flag in zip(steps, plan.reruns(changed)) if flag]
        if name == PARAM:
            t_other, t_other_plain = t_run, t_plain
        else:
            timed = interleaved({"run": lambda name=name, vals=vals: run(prepared, {name: vals}),
                                 "plain": lambda name=name, vals=vals: run(prepared, {name: vals}, reuse=False)},
                                rounds=3)
            (t_other, got), (t_other_plain, want) = timed["run"], timed["plain"]
            if not same(got, want):
                raise SystemExit(f"{name}: the what-if table differs from the plain engine's")
        print(f"  {name:<28} {len(again):2d}: {', '.join(again):<58} {s * n / t_other:12,.0f} evaluations/s "
              f"({t_other_plain / t_other:4.1f} × plain)")
    assert len(result.scenarios) == s


if __name__ == "__main__":
    main()
