"""BURSARY_TABLE over 10 000 applicants through xlwings' server dispatch, against an identity UDF (raw).

Each timed call is what the xlwings Server does for one Excel call: parse the JSON body Excel posts, run
``xlwings.server.custom_functions_call`` on it, and serialise ``{"result": ...}``. The identity function takes
and returns the same 10 000-row range with xlwings' ``raw`` converter, so the ratio is the price of the
assessment itself (target: ≤ 2×). ``cold`` clears the result cache before each call; ``cached`` is a
recalculation with unchanged arguments. The calls are interleaved round by round and the ratio is the median of
the rounds' ratios, so a busy neighbour does not bias it. Printed, never asserted (timings depend on the machine).

    .venv/bin/python benchmarks/bench_udf.py [--rows 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import types
from pathlib import Path

os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xlwings  # noqa: E402
import xlwings.server as server  # noqa: E402

from benchmarks.synthetic import applicant_range  # noqa: E402
from xladdin.excel import cache, convert, udfs  # noqa: E402


@server.func
@server.arg("values", "raw")
@server.ret("raw")
def identity(values):
    """Return the range as received."""
    return values


IDENTITY = types.ModuleType("bench_identity")
IDENTITY.identity = identity


def body(func_name: str, cells: list[list]) -> bytes:
    args = [cells] if func_name == "identity" else [cells, None, None]
    return json.dumps({"func_name": func_name, "args": args,
                       "caller_address": "Office.js[Bench.xlsx]Feuil1!A1", "version": xlwings.__version__,
                       "runtime": "1.4", "client": "Office.js"}).encode()


def serve_once(raw: bytes, module) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = json.loads(raw)
    result = asyncio.run(server.custom_functions_call(data, module))
    out = json.dumps({"result": result}, ensure_ascii=False, allow_nan=False).encode()
    return time.perf_counter() - start, out


def interleaved(bodies: dict[str, tuple[bytes, object, object]], repeat: int) -> dict[str, list[float]]:
    """Each round times every call once, one after the other, so a neighbour's load hits all alike; the ratio
    of a round is then comparable to the ratio of another."""
    times: dict[str, list[float]] = {name: [] for name in bodies}
    for _ in range(repeat):
        for name, (raw, module, before) in bodies.items():
            if before:
                before()
            times[name].append(serve_once(raw, module)[0])
    return times


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    frame, cells = applicant_range(args.rows, seed=2025)
    cells = json.loads(json.dumps(cells))                          # exactly what JSON gives the server
    identity_body, table_body = body("identity", cells), body("bursary_table", cells)
    _, answer = serve_once(table_body, udfs)                         # warm-up (imports, rule set loading)
    assert len(json.loads(answer)["result"]) == args.rows + 1

    times = interleaved({"identity": (identity_body, IDENTITY, None),
                         "cold": (table_body, udfs, cache.results.clear),
                         "cached": (table_body, udfs, None)}, args.repeat)
    t_identity, t_cold, t_cached = (statistics.median(times[k]) for k in ("identity", "cold", "cached"))
    ratio_cold = statistics.median(c / i for c, i in zip(times["cold"], times["identity"]))
    ratio_cached = statistics.median(c / i for c, i in zip(times["cached"], times["identity"]))

    start = time.perf_counter()
    table = convert.read_table(cells)
    t_convert = time.perf_counter() - start
    from xladdin.bursary.assess import assess_full

    start = time.perf_counter()
    assess_full(table.frame)
    t_engine = time.perf_counter() - start

    n_rows, n_cols = len(cells) - 1, len(cells[0])
    print(f"BURSARY_TABLE, {n_rows} applicants × {n_cols} columns, {len(table_body) / 1e6:.1f} MB of JSON, "
          f"through xlwings.server.custom_functions_call (JSON in and out included), "
          f"{args.repeat} interleaved rounds: median time, median of the per-round ratios")
    print(f"  identity (raw in, raw out)      {t_identity:7.3f} s")
    print(f"  bursary_table, cold             {t_cold:7.3f} s   ratio {ratio_cold:5.2f}x"
          "  (target <= 2x)")
    print(f"  bursary_table, cached           {t_cached:7.3f} s   ratio {ratio_cached:5.2f}x")
    print(f"  of which: range -> DataFrame    {t_convert:7.3f} s   (xladdin.excel.convert.read_table)")
    print(f"            engine                {t_engine:7.3f} s   (assess_full on that DataFrame)")
    return {"identity": t_identity, "cold": t_cold, "cached": t_cached, "convert": t_convert,
            "engine": t_engine, "ratio_cold": ratio_cold, "ratio_cached": ratio_cached}


if __name__ == "__main__":
    main()
