"""BURSARY_TABLE over 10 000 applicants through xlwings' server dispatch, against an identity UDF (raw).

Each timed call is what the xlwings Server does for one Excel call: parse the JSON body Excel posts, run
``xlwings.server.custom_functions_call`` on it, and serialise ``{"result": ...}``. The identity function takes
and returns the same 10 000-row range with xlwings' ``raw`` converter, so the ratio is the price of the
assessment itself (target: ≤ 2×). ``cold`` clears the result cache before each call; ``cached`` is a
recalculation with unchanged arguments. The calls are interleaved round by round and the ratio is the median of
the rounds' ratios, so a busy neighbour does not bias it. Printed, never asserted (timings depend on the machine).

Per cell: a clerk's list with one ``=BURSARY(A2:BH2;;A$1:BH$1)`` per row makes Excel send one call per row. The
second section times 2 000 such one-applicant calls (value row plus header row, cold cache) against one
``BURSARY_TABLE`` over the same 2 000 rows (target: ≤ 30×), and 2 000 identity calls with the same arguments
(the price of xlwings' dispatch alone); it prints the median time of one call.

A third section, the batched web bridge: the same 2 000 per-row formulas as the bridge
(``xladdin/excel/static/functions.js``) sends them, in requests to ``custom-functions-batch`` of at most a quarter
of ``XLADDIN_MAX_CELLS`` argument cells each, answered by :func:`xladdin.excel.batch.answer` (JSON in and out),
against one BURSARY_TABLE over the same 2 000 rows through the dispatch above (target: ≤ 3×).

The dispatch is set up as ``xladdin serve`` sets it up when it starts (:func:`xladdin.excel.server.create_app`):
xlwings' lookup of Pyodide's ``JsNull`` on every argument, which outside Pyodide searches all of ``sys.path``
each time (about 40 µs an argument), is settled once (:func:`xladdin.excel.batch.no_pyodide`).
``--raw-dispatch`` leaves it unsettled, as a bare ``xlwings.server.custom_functions_call`` is.

    .venv/bin/python benchmarks/bench_udf.py [--rows 10000] [--repeat 7] [--cells 2000] [--cell-repeat 5]
                                             [--only table|cells|batched] [--raw-dispatch]
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
from xladdin.bursary.inputs import forget_read_cells  # noqa: E402
from xladdin.excel import batch, cache, convert, udfs  # noqa: E402
from xladdin.excel.server import function_names  # noqa: E402


@server.func
@server.arg("values", "raw")
@server.ret("raw")
def identity(values):
    """Return the range as received."""
    return values


@server.func
@server.arg("applicant", "raw")
@server.arg("rules", "raw")
@server.arg("headers", "raw")
@server.ret("raw")
def identity_cell(applicant, rules=None, headers=None):
    """Return the applicant's value row as received (the arguments of a per-row BURSARY call)."""
    return applicant


IDENTITY = types.ModuleType("bench_identity")
IDENTITY.identity = identity
IDENTITY.identity_cell = identity_cell


def body(func_name: str, cells: list[list]) -> bytes:
    args = [cells] if func_name == "identity" else [cells, None, None]
    return json.dumps({"func_name": func_name, "args": args,
                       "caller_address": "Office.js[Bench.xlsx]Feuil1!A1", "version": xlwings.__version__,
                       "runtime": "1.4", "client": "Office.js"}).encode()


LOOP = asyncio.new_event_loop()       # one event loop for every call, as the server's (uvicorn) runs them all


def serve_once(raw: bytes, module) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = json.loads(raw)
    result = LOOP.run_until_complete(server.custom_functions_call(data, module))
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
    parser.add_argument("--cells", type=int, default=2_000, help="rows of the per-cell and batched sections")
    parser.add_argument("--cell-repeat", type=int, default=5, help="rounds of the per-cell and batched sections")
    parser.add_argument("--only", choices=("table", "cells", "batched"), help="run one section only")
    parser.add_argument("--raw-dispatch", action="store_true",
                        help="leave xlwings' per-argument Pyodide lookup unsettled (xladdin serve settles it)")
    args = parser.parse_args(argv)
    if not args.raw_dispatch:
        batch.no_pyodide()                                          # as xladdin serve does when it starts
    print("dispatch: " + ("bare xlwings.server.custom_functions_call (Pyodide looked up on every argument)"
                          if args.raw_dispatch else "as xladdin serve runs it (Pyodide lookup settled at start)"))
    got = table_section(args) if args.only in (None, "table") else {}
    if args.only in (None, "cells"):
        got.update(cells_section(args.cells, args.cell_repeat))
    if args.only in (None, "batched"):
        got.update(batched_bridge(args.cells, args.cell_repeat))
    return got


def table_section(args) -> dict:
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
        forget_read_cells()                                          # cold: no cell read before this round
        batched.append(serve_batch(bodies, names)[0])
        cache.results.clear()
        tables.append(serve_once(table_body, udfs)[0])
    ratio = statistics.median(b / t for b, t in zip(batched, tables))
    t_batched, t_table = statistics.median(batched), statistics.median(tables)
    print(f"\nBatched web bridge: {rows} per-row BURSARY formulas (value row + header row each), "
          f"{len(bodies)} request(s), {sum(map(len, bodies)) / 1e6:.1f} MB of JSON, {repeat} interleaved rounds")
    print(f"  bursary_table, one call         {t_table:7.3f} s")
    print(f"  bursary x {rows}, batched        {t_batched:7.3f} s   ratio {ratio:5.2f}x  (target <= 3x)")
    return {"batched": t_batched, "batched_table": t_table, "ratio_batched": ratio,
            "batched_requests": len(bodies)}


def cell_body(func_name: str, row: list, header: list) -> bytes:
    """What Excel posts for ``=BURSARY(A2:BH2;;A$1:BH$1)``: the value row, an omitted rule set, the header row."""
    return json.dumps({"func_name": func_name, "args": [[row], None, [header]],
                       "caller_address": "Office.js[Bench.xlsx]Feuil1!BI2", "version": xlwings.__version__,
                       "runtime": "1.4", "client": "Office.js"}).encode()


def cells_section(rows: int, repeat: int) -> dict:
    """2 000 one-applicant BURSARY calls against one BURSARY_TABLE over the same rows and 2 000 identity calls."""
    _, cells = applicant_range(rows, seed=2025)
    cells = json.loads(json.dumps(cells))
    header = cells[0]
    table_body = body("bursary_table", cells)
    per_row = [cell_body("bursary", row, header) for row in cells[1:]]
    identity_rows = [cell_body("identity_cell", row, header) for row in cells[1:]]
    serve_once(table_body, udfs)                                     # warm-up
    for raw in per_row[:20]:
        serve_once(raw, udfs)
    table, calls, identities, one_call = [], [], [], []
    for _ in range(repeat):
        cache.results.clear()
        table.append(serve_once(table_body, udfs)[0])
        cache.results.clear()
        forget_read_cells()                                          # cold: no cell read before this round
        spent = [serve_once(raw, udfs)[0] for raw in per_row]
        one_call.extend(spent)
        calls.append(sum(spent))
        identities.append(sum(serve_once(raw, IDENTITY)[0] for raw in identity_rows))
    ratio = statistics.median(c / t for c, t in zip(calls, table))
    ratio_identity = statistics.median(i / t for i, t in zip(identities, table))
    t_call = statistics.median(one_call)
    print(f"\nPer cell: {rows} one-applicant BURSARY calls (value row + header row, cold cache) against one "
          f"BURSARY_TABLE over the same rows, through xlwings.server.custom_functions_call, {repeat} interleaved "
          "rounds: median time, median of the per-round ratios")
    print(f"  bursary_table, {rows} rows        {statistics.median(table):7.3f} s")
    print(f"  {rows} × bursary (one row each)  {statistics.median(calls):7.3f} s   ratio {ratio:6.1f}x"
          "  (target <= 30x)")
    print(f"  {rows} × identity                {statistics.median(identities):7.3f} s   ratio {ratio_identity:6.1f}x")
    print(f"  one bursary call, median        {t_call * 1000:7.2f} ms")
    return {"cells_table": statistics.median(table), "cells_calls": statistics.median(calls),
            "cells_identity": statistics.median(identities), "ratio_cells": ratio,
            "ratio_cells_identity": ratio_identity, "cell_call": t_call}


if __name__ == "__main__":
    main()
