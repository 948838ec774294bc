"""Engine throughput on 100 000 synthetic applicants, against a plain row-by-row Python version (same run).

Prints applicants per second for: the engine alone (engine.compute over parsed columns); the public API
``xladdin.assess`` on a typed DataFrame (dates as datetimes, codes as categoricals, numbers as numbers: the typed
fast path of the reader, issue 20) and on the same table as text (every cell read by the cell parser); and the
row-by-row baseline (benchmarks/rowwise.py over the same parsed inputs). Rounds are interleaved (the machine's
load falls on all alike); medians. Targets: engine and typed ``assess`` ≥ 1 000 000 / s on one core, ≥ 50× the
row-by-row version. Each figure is given in wall-clock time and in this process's processor time (what "on one
core" means; on a machine others load, wall-clock time also counts their turns on the core).
Run: .venv/bin/python -m benchmarks.bench_engine [N] [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.rowwise import assess_rows
from xladdin import assess
from xladdin.bursary import engine
from xladdin.bursary.inputs import parse
from xladdin.bursary.synthetic import as_typed, synthetic_applicants
from xladdin.rules import load


def _seconds(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _both(func) -> tuple[float, float]:
    """(wall-clock, processor) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(n: int = 100_000, rounds: int = 5) -> dict:
    table = synthetic_applicants(n, seed=1)
    typed = as_typed(table)
    rules = load("GE-2025")
    inputs = parse(table)
    c = engine.compute(inputs, rules)
    assess(typed)                                                  # warm: rule sets loaded, caches filled
    t_rows = _seconds(lambda: assess_rows(inputs, rules, c["reference_date"], c["aid_domicile_final"]))
    runs = {"engine": [], "typed": [], "text": []}
    cpu = {"engine": [], "typed": [], "text": []}
    calls = {"engine": lambda: engine.compute(inputs, rules), "typed": lambda: assess(typed),
             "text": lambda: assess(table)}
    for _ in range(rounds):                                        # interleaved: one of each per round
        for key, call in calls.items():
            wall, proc = _both(call)
            runs[key].append(wall)
            cpu[key].append(proc)
    t = {k: statistics.median(v) for k, v in runs.items()}
    p = {k: statistics.median(v) for k, v in cpu.items()}
    figures = {
        "applicants": n,
        "engine_per_s": n / t["engine"],
        "assess_typed_per_s": n / t["typed"],
        "assess_per_s": n / t["text"],
        "rowwise_per_s": n / t_rows,
        "engine_per_cpu_s": n / p["engine"],
        "assess_typed_per_cpu_s": n / p["typed"],
        "assess_per_cpu_s": n / p["text"],
        "engine_vs_rowwise": t_rows / t["engine"],
        "assess_typed_vs_rowwise": t_rows / t["typed"],
        "assess_vs_rowwise": t_rows / t["text"],
        "typed_vs_engine": statistics.median(e / ty for e, ty in zip(runs["engine"], runs["typed"])),
    }
    print(f"engine alone                 : {figures['engine_per_s']:>12,.0f} applicants/s  "
          f"({t['engine'] * 1000:.1f} ms for {n:,}, median of {rounds}; processor time "
          f"{figures['engine_per_cpu_s']:,.0f}/s)")
    print(f"xladdin.assess, typed frame  : {figures['assess_typed_per_s']:>12,.0f} applicants/s  "
          f"({t['typed'] * 1000:.1f} ms; processor time {figures['assess_typed_per_cpu_s']:,.0f}/s)")
    print(f"xladdin.assess, text cells   : {figures['assess_per_s']:>12,.0f} applicants/s  ({t['text']:.2f} s; "
          f"processor time {figures['assess_per_cpu_s']:,.0f}/s)")
    print(f"row by row Python            : {figures['rowwise_per_s']:>12,.0f} applicants/s  ({t_rows:.2f} s)")
    print(f"ratio engine / row-by-row: {figures['engine_vs_rowwise']:.0f}x   (target >= 50x, >= 1 000 000/s)")
    print(f"ratio typed assess / row-by-row: {figures['assess_typed_vs_rowwise']:.0f}x   (target >= 50x, "
          f">= 1 000 000/s)")
    print(f"ratio text assess / row-by-row: {figures['assess_vs_rowwise']:.1f}x")
    print(f"typed assess / engine alone (median of rounds): {figures['typed_vs_engine']:.2f}")
    return figures


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
