"""BURSARY_TABLE over 10 000 applicants through xlwings' server dispatch, against an identity UDF (raw).

Each timed call is what the xlwings Server does for one Excel call: parse the JSON body Excel posts, run
``xlwings.server.custom_functions_call`` on it, and serialise ``{"result": ...}``. The identity function takes
and returns the same 10 000-row range with xlwings' ``raw`` converter, so the ratio is the price of the
assessment itself (target: ≤ 2×). ``cold`` clears the result cache before each call; ``cached`` is a
recalculation with unchanged arguments. The calls are interleaved round by round and the ratio is the median of
the rounds' ratios, so a busy neighbour does not bias it. Printed, never asserted (timings depend on the machine).

A second section, the batched web bridge: 2 000 per-row formulas ``=XLADDIN.BURSARY(A2:BH2;;A$1:BH$1)`` as the
bridge (``xladdin/excel/static/functions.js``) sends them, in requests to ``custom-functions-batch`` of at most a
quarter of ``XLADDIN_MAX_CELLS`` argument cells each, answered by :func:`xladdin.excel.batch.answer` (JSON in and
out), against one BURSARY_TABLE over the same 2 000 rows through the dispatch above (target: <= 3x).

    .venv/bin/python benchmarks/bench_udf.py [--rows 10000] [--repeat 7] [--batched-rows 2000]
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
from xladdin.excel import batch, cache, convert, udfs  # noqa: E402
from xladdin.excel.server import function_names  # noqa: E402


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
    parser.add_argument("--batched-rows", type=int, default=2000)
    parser.add_argument("--only-batched", action="store_true", help="the batched web bridge's section only")
    args = parser.parse_args(argv)
    if args.only_batched:
        return batched_bridge(args.batched_rows, args.repeat)

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
            "engine": t_engine, "ratio_cold": ratio_cold, "ratio_cached": ratio_cached,
            **batched_bridge(args.batched_rows, args.repeat)}


# --- the batched web bridge ---------------------------------------------------------------------------------

def bridge_bodies(func_name: str, calls: list[list], max_cells: int = convert.MAX_CELLS) -> list[bytes]:
    """The request bodies the bridge posts for ``calls`` made in the same tick: a new request when the next
    call's argument cells would pass a quarter of ``max_cells`` (as ``cellsOf`` and ``call`` in functions.js)."""
    def cells_of(args):
        return sum(len(a) * max(len(a[0]), 1) if isinstance(a, list) and a and isinstance(a[0], list)
                   else len(a) if isinstance(a, list) else 1 for a in args)

    limit, groups, size = max(1, max_cells // 4), [[]], 0
    for args in calls:
        n = cells_of(args)
        if groups[-1] and size + n > limit:
            groups.append([])
            size = 0
        groups[-1].append(args)
        size += n
    return [json.dumps({"func_name": func_name, "calls": group,
                        "caller_addresses": [f"Feuil1!BI{i + 2}" for i in range(len(group))],
                        "version": xlwings.__version__, "runtime": "1.4", "client": "Office.js"}).encode()
            for group in groups]


def serve_batch(bodies: list[bytes], names: set[str]) -> tuple[float, list]:
    start = time.perf_counter()
    results = []
    for raw in bodies:
        status, content, _ = batch.answer(raw, names, udfs)
        results.extend(json.loads(content)["results"])
    return time.perf_counter() - start, results


def batched_bridge(rows: int, repeat: int) -> dict:
    """2 000 per-row BURSARY formulas through the batched bridge against one BURSARY_TABLE, same rows."""
    frame, cells = applicant_range(rows, seed=2025)
    cells = json.loads(json.dumps(cells))
    head = cells[0]
    bodies = bridge_bodies("bursary", [[[row], None, [head]] for row in cells[1:]])
    table_body = body("bursary_table", cells)
    names = function_names(udfs)
    cache.results.clear()
    _, got = serve_batch(bodies, names)                                   # warm-up, and the answers checked
    _, table = serve_once(table_body, udfs)
    import xladdin

    assert [r[0][0] for r in got] == [int(v) for v in xladdin.assess(frame)["bursary"]]
    assert len(json.loads(table)["result"]) == rows + 1
    batched, tables = [], []
    for _ in range(repeat):
        cache.results.clear()
        batched.append(serve_batch(bodies, names)[0])
        cache.results.clear()
        tables.append(serve_once(table_body, udfs)[0])
    ratio = statistics.median(b / t for b, t in zip(batched, tables))
    t_batched, t_table = statistics.median(batched), statistics.median(tables)
    print(f"Batched web bridge: {rows} per-row BURSARY formulas (value row + header row each), "
          f"{len(bodies)} request(s), {sum(map(len, bodies)) / 1e6:.1f} MB of JSON, {repeat} interleaved rounds")
    print(f"  bursary_table, one call         {t_table:7.3f} s")
    print(f"  bursary x {rows}, batched        {t_batched:7.3f} s   ratio {ratio:5.2f}x  (target <= 3x)")
    return {"batched": t_batched, "batched_table": t_table, "ratio_batched": ratio,
            "batched_requests": len(bodies)}


if __name__ == "__main__":
    main()
