"""Engine throughput on 100 000 synthetic applicants, against a plain row-by-row Python version (same run).

Prints applicants per second for: the engine alone (engine.compute over parsed columns), the full
``assess`` path (parsing and validating the cells + engine + output table), and the row-by-row baseline
(benchmarks/rowwise.py over the same parsed inputs). Targets (issue 2): engine ≥ 1 000 000 / s on one core,
≥ 50× the row-by-row version. Run: .venv/bin/python -m benchmarks.bench_engine [N]
"""

from __future__ import annotations

import sys

from benchmarks.rowwise import assess_rows
from benchmarks.timing import best
from xladdin import assess
from xladdin.bursary import engine
from xladdin.bursary.inputs import parse
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.rules import load


def main(n: int = 100_000) -> dict:
    table = synthetic_applicants(n, seed=1)
    rules = load("GE-2025")
    inputs = parse(table)
    c = engine.compute(inputs, rules)
    t_engine = best(lambda: engine.compute(inputs, rules))[0]
    t_assess = best(lambda: assess(table), repeat=1)[0]
    t_rows = best(lambda: assess_rows(inputs, rules, c["reference_date"], c["aid_domicile_final"]), repeat=1)[0]
    figures = {
        "applicants": n,
        "engine_per_s": n / t_engine,
        "assess_per_s": n / t_assess,
        "rowwise_per_s": n / t_rows,
        "engine_vs_rowwise": t_rows / t_engine,
        "assess_vs_rowwise": t_rows / t_assess,
    }
    print(f"engine alone      : {figures['engine_per_s']:>12,.0f} applicants/s  ({t_engine * 1000:.1f} ms for {n:,})")
    print(f"assess (with I/O) : {figures['assess_per_s']:>12,.0f} applicants/s  ({t_assess:.2f} s)")
    print(f"row by row Python : {figures['rowwise_per_s']:>12,.0f} applicants/s  ({t_rows:.2f} s)")
    print(f"ratio engine / row-by-row: {figures['engine_vs_rowwise']:.0f}x   (target >= 50x, >= 1 000 000/s)")
    print(f"ratio assess / row-by-row: {figures['assess_vs_rowwise']:.1f}x")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
