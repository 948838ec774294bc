"""Bulk import benchmark: 100 000 applicants from .xlsx to the batch report, against a floor measured in the
same run.

    .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--rounds 3] [--keep in.xlsx | --input in.xlsx]

* floor = reading the same input with python-calamine + writing the same cells as the report's decisions and
  errors sheets with the fastest writer available (XlsxWriter, ``constant_memory``, no formats);
* end-to-end = ``xladdin.io.bulk.run_import`` (read, validate, assess, write the four-sheet report);
* for information, a stricter floor: the same read, and the same cells written by the report's own block writer
  (:class:`xladdin.io.output.rows.RowSheet`, which writes faster than XlsxWriter's per-cell calls the floor uses).

Each measure runs in a fresh process (spawn) so its peak memory (max RSS) is its own. Prints the times, the
ratio end-to-end / floor (target ≤ 1.3: the median of the ratios of interleaved rounds), the same ratio of
processor time (steadier on a machine others load) and the peak memory; asserts nothing (timings are not tests).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def make_input(path: Path, rows: int) -> None:
    """Synthetic applicants (xladdin.bursary.synthetic) written as .xlsx, 1 % of them with a bad cell."""
    import numpy as np
    import xlsxwriter

    from xladdin.bursary.synthetic import synthetic_applicants

    frame = synthetic_applicants(rows, seed=2025)
    bad = np.arange(0, rows, 100)
    frame["part_time_ratio"] = frame["part_time_ratio"].astype(object)
    frame.loc[bad, "part_time_ratio"] = "1,5"                        # out of (0, 1]: a row error per 100
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet("Dossiers")
    ws.write_row(0, 0, list(frame.columns))
    columns = [frame[c].astype(object).tolist() for c in frame.columns]
    for i, row in enumerate(zip(*columns), start=1):
        for j, v in enumerate(row):
            if v is None or (isinstance(v, float) and v != v):
                continue
            if isinstance(v, str):
                ws.write_string(i, j, v)
            elif isinstance(v, (bool, np.bool_)):
                ws.write_boolean(i, j, bool(v))
            else:
                ws.write_number(i, j, float(v))
    wb.close()


def report_cells(src: Path) -> tuple[list[list], list[list]]:
    """The decisions and errors rows the report holds (values only), computed outside the timed runs."""
    from xladdin.bursary.assess import assess_full
    from xladdin.io.readers import read_table
    from xladdin.io.report.data import DECISION_COLUMNS, prepare

    table = read_table(src)
    data = prepare(assess_full(table), table)
    keys = [k for k, *_ in DECISION_COLUMNS]
    decisions = [list(r) for r in zip(*(data.columns[k] for k in keys))]
    e = data.errors
    errors = [list(r) for r in zip(e["line"].tolist(), e["applicant_id"].tolist(), e["column"].tolist(),
                                   e["column"].tolist(), e["value"].tolist(), e["message_fr"].tolist())]
    return [data.headers[k] for k in keys], decisions, errors


def floor(src: str, out: str, header: list, decisions: list, errors: list, queue) -> None:
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    start, cpu = time.perf_counter(), time.process_time()
    CalamineWorkbook.from_path(src).get_sheet_by_index(0).to_python()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    for name, rows in (("Décisions", [header] + decisions), ("Erreurs", errors)):
        ws = wb.add_worksheet(name)
        write_number, write_string = ws.write_number, ws.write_string
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    write_string(i, j, v)
                else:
                    write_number(i, j, v)
    wb.close()
    queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               time.process_time() - cpu))


def floor_rows(src: str, out: str, header: list, decisions: list, errors: list, queue) -> None:
    """The floor's read and cells, the cells written as the report writes its decisions: blocks of rows by
    RowSheet (no formats)."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    from xladdin.io.output.rows import RowSheet

    start, cpu = time.perf_counter(), time.process_time()
    CalamineWorkbook.from_path(src).get_sheet_by_index(0).to_python()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    for name, rows in (("Décisions", [header] + decisions), ("Erreurs", errors)):
        ws = wb.add_worksheet(name, worksheet_class=RowSheet)
        for first in range(0, len(rows), 5000):
            block = rows[first:first + 5000]
            ws.write_columns(first, [(j, list(c), None, None, None) for j, c in enumerate(zip(*block))])
    wb.close()
    queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               time.process_time() - cpu))


def end_to_end(src: str, out: str, queue) -> None:
    from xladdin.io.bulk import run_import

    start, cpu = time.perf_counter(), time.process_time()
    result = run_import(src, out)
    seconds = time.perf_counter() - start
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, result.rows_read,
               result.rows_assessed, result.rows_in_error, time.process_time() - cpu))


def _run(target, *args):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    got = queue.get()
    proc.join()
    return got


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--input", type=Path, help="an .xlsx made before (by --keep), instead of making one")
    parser.add_argument("--keep", type=Path, help="keep the input made here, for a later --input")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="xladdin-bench-") as tmp:
        src = args.input or args.keep or Path(tmp) / "applicants.xlsx"
        if not args.input:
            t = time.perf_counter()
            make_input(src, args.rows)
            print(f"input: {args.rows} applicants, {src.stat().st_size / 1e6:.1f} MB .xlsx "
                  f"(made in {time.perf_counter() - t:.1f} s)")
        header, decisions, errors = report_cells(src)
        ratios, cpu_ratios, floors, ends, strict = [], [], [], [], []
        for _ in range(args.rounds):                     # interleaved: the machine's load falls on both alike
            floor_s, floor_kb, floor_cpu = _run(floor, str(src), str(Path(tmp) / "floor.xlsx"), header, decisions,
                                                errors)
            e2e_s, e2e_kb, read, assessed, in_error, e2e_cpu = _run(end_to_end, str(src),
                                                                    str(Path(tmp) / "report.xlsx"))
            rows_s, _kb, rows_cpu = _run(floor_rows, str(src), str(Path(tmp) / "floor-rows.xlsx"), header, decisions,
                                         errors)
            strict.append((e2e_s / rows_s, e2e_cpu / rows_cpu))
            ratios.append(e2e_s / floor_s)
            cpu_ratios.append(e2e_cpu / floor_cpu)
            floors.append((floor_s, floor_kb))
            ends.append((e2e_s, e2e_kb))
            print(f"  round: floor {floor_s:6.2f} s, import {e2e_s:6.2f} s, ratio {e2e_s / floor_s:.2f}; processor "
                  f"time {floor_cpu:.2f} s and {e2e_cpu:.2f} s, ratio {e2e_cpu / floor_cpu:.2f}; stricter floor "
                  f"{rows_s:.2f} s ({rows_cpu:.2f} s of processor time)", flush=True)
        floor_s, floor_kb = statistics.median(f[0] for f in floors), statistics.median(f[1] for f in floors)
        e2e_s, e2e_kb = statistics.median(e[0] for e in ends), statistics.median(e[1] for e in ends)
        print(f"floor (calamine read + XlsxWriter write of the same cells): {floor_s:6.2f} s, "
              f"peak {floor_kb / 1024:.0f} MB  (median of {args.rounds})")
        print(f"xladdin import (read, validate, assess, 4-sheet report):    {e2e_s:6.2f} s, "
              f"peak {e2e_kb / 1024:.0f} MB")
        print(f"rows read {read} = assessed {assessed} + in error {in_error}")
        print(f"ratio end-to-end / floor: {statistics.median(ratios):.2f} (median of {args.rounds} interleaved "
              f"rounds; target <= 1.3)")
        print(f"ratio of processor time (what a loaded machine's waits do not change): "
              f"{statistics.median(cpu_ratios):.2f} (median)")
        wall, cpu = statistics.median(r for r, _ in strict), statistics.median(c for _, c in strict)
        print(f"for information, against the stricter floor (cells written by the report's block writer): "
              f"{wall:.2f}, processor time {cpu:.2f} (medians)")


if __name__ == "__main__":
    main()
