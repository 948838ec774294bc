"""Streaming benchmark: peak memory and rate of ``xladdin assess`` and ``xladdin import`` on big lists, CSV and
Parquet, against the one-piece path measured in the same run.

    .venv/bin/python -m benchmarks.bench_scale [--rows 100000 1000000] [--rounds 3] [--only CSV import]

Each measure runs in a fresh process (spawn), so its peak memory (``resource.getrusage`` max RSS of that child)
is its own. For every size below 1 000 000, rounds are interleaved (streamed CSV, one-piece CSV, streamed
Parquet, one-piece Parquet, then again) and medians printed; the 1 000 000-row case runs once per format,
streamed only (the one-piece path would hold the whole table: the reason streaming exists). Prints; asserts
nothing (timings and memory are not tests).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PIECE = 100_000


def make_inputs(folder: Path, rows: int) -> tuple[Path, Path]:
    """Synthetic applicants (seeded pieces of 100 000, distinct file numbers) as a ';' CSV of text cells and as
    a typed Parquet file (dates as dates, codes as categoricals), written piece by piece."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from xladdin.bursary.synthetic import as_typed, synthetic_applicants

    csv_path, parquet_path = folder / f"applicants-{rows}.csv", folder / f"applicants-{rows}.parquet"
    writer = None
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        for piece, start in enumerate(range(0, rows, PIECE)):
            frame = synthetic_applicants(min(PIECE, rows - start), seed=piece + 1)
            frame.to_csv(fh, sep=";", index=False, header=piece == 0)
            table = pa.Table.from_pandas(as_typed(frame), preserve_index=False)
            table = table.cast(pa.schema([f.with_type(pa.string()) if pa.types.is_dictionary(f.type) else f
                                          for f in table.schema]))
            if writer is None:
                writer = pq.ParquetWriter(parquet_path, table.schema)
            writer.write_table(table.cast(writer.schema))
    writer.close()
    return csv_path, parquet_path


def _child(src: str, out: str, streamed: bool, queue) -> None:
    os.environ.update({"XLADDIN_MAX_ROWS": "5000000", "XLADDIN_MAX_FILE_MB": "5000",
                       "XLADDIN_MAX_TABLE_CELLS": "500000000"})
    from xladdin.bursary.assess import assess_full
    from xladdin.io import stream
    from xladdin.io.bulk import run_import
    from xladdin.io.stream import assess_file
    from xladdin.io.writers import write_table
    from xladdin.rules import available

    available()                                          # the shipped rule sets, read once per process
    if out.endswith(".xlsx"):                            # the import's batch report
        if streamed:
            os.environ["XLADDIN_CHUNK_ROWS"] = str(stream.CHUNK_ROWS)     # in chunks, whatever the size
        else:
            stream.STREAM_BYTES = 1 << 62                # read in one piece, whatever the size
        start = time.perf_counter()
        result = run_import(src, out)
        queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                   result.rows_read))
        return
    start = time.perf_counter()                          # neither the imports nor the rule sets are timed
    if streamed:
        rows = assess_file(src, out).rows_read
    else:
        assessment = assess_full(src)
        write_table(assessment.results, out)
        rows = assessment.rows_read
    queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, rows))


def run(src: Path, out: Path, streamed: bool) -> tuple[float, int, int]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(str(src), str(out), streamed, queue))
    proc.start()
    while True:                                      # a child that fails must not leave the parent waiting
        try:
            got = queue.get(timeout=5)
            break
        except Exception:
            if not proc.is_alive():
                raise RuntimeError(f"the measure of {src} failed (exit {proc.exitcode})") from None
    proc.join()
    out.unlink(missing_ok=True)
    return got


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="the cases to run (by name: CSV, Parquet, import)")
    args = parser.parse_args(argv)
    figures = {}
    with tempfile.TemporaryDirectory(prefix="xladdin-scale-") as tmp:
        for rows in args.rows:
            csv_path, parquet_path = make_inputs(Path(tmp), rows)
            print(f"input: {rows:,} applicants, CSV {csv_path.stat().st_size / 1e6:.0f} MB, "
                  f"Parquet {parquet_path.stat().st_size / 1e6:.0f} MB")
            cases = [("CSV -> CSV", csv_path, ".csv"), ("Parquet -> Parquet", parquet_path, ".parquet"),
                     ("import CSV -> .xlsx", csv_path, ".xlsx"), ("import Parquet", parquet_path, ".xlsx")]
            if args.only:
                cases = [c for c in cases if any(word.lower() in c[0].lower() for word in args.only)]
            ways = [True] if rows >= 1_000_000 else [True, False]
            rounds = 1 if rows >= 1_000_000 else args.rounds
            got: dict = {}
            for _ in range(rounds):                             # interleaved: each case once per round
                for name, src, suffix in cases:
                    for streamed in ways:
                        one = run(src, Path(tmp) / f"out{suffix}", streamed)
                        got.setdefault((name, streamed), []).append(one)
                        print(f"    ({name}, {'streamed' if streamed else 'one piece'}: {one[0]:.2f} s, "
                              f"peak {one[1] / 1e6:.0f} MB)", flush=True)
            for (name, streamed), runs in got.items():
                seconds = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs) / 1e6
                assert all(r[2] == rows for r in runs)
                how = "streamed " if streamed else "one piece"
                figures[(rows, name, streamed)] = (rows / seconds, peak)
                print(f"  {name:<19} {how}: {rows / seconds:>10,.0f} applicants/s  ({seconds:6.2f} s), "
                      f"peak {peak:6.0f} MB  (median of {len(runs)})")
            for name, _, _ in cases:
                if (rows, name, False) in figures:
                    (r1, m1), (r0, m0) = figures[(rows, name, True)], figures[(rows, name, False)]
                    print(f"  {name:<19} streamed / one piece: rate {r1 / r0:.2f}x, peak memory {m1 / m0:.2f}x")
            csv_path.unlink()
            parquet_path.unlink()
    return figures


if __name__ == "__main__":
    main()
