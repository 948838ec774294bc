"""The one timing helper of the benchmarks: the fastest of a few runs, measured in the same process."""

from __future__ import annotations

import time


def best(func, repeat: int = 3) -> tuple[float, object]:
    """The fastest of ``repeat`` runs of ``func()`` (seconds) and the last result."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - start)
    return min(times), out
