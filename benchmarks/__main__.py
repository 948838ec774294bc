"""Run every benchmark: .venv/bin/python -m benchmarks (each prints ratios measured in the same run)."""

import importlib
import pkgutil
from pathlib import Path

for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
    if info.name.startswith("bench_"):
        print(f"\n=== {info.name} ===")
        module = importlib.import_module(f"benchmarks.{info.name}")
        module.main()
