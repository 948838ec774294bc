"""Credit checks throughput: 10 000 synthetic APHM2M student programmes (≈ 12 course rows each) in one go.

Prints programmes per second for ``check_programmes`` (PAE-* and TR-*) and ``transcript``, and the rows per
second they imply. No target is asserted (tests never assert on time). Run:
    .venv/bin/python benchmarks/bench_credits.py [N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run as a script from anywhere

from benchmarks.timing import best  # noqa: E402
from xladdin.credits import check_programmes, load_catalogue, transcript  # noqa: E402
from xladdin.credits.samples import random_students  # noqa: E402


def main(n: int = 10_000) -> dict:
    cat = load_catalogue("APHM2M")
    students = random_students(n, seed=1)
    findings = check_programmes(cat, students)            # warm-up (catalogue tables are cached)
    assert findings["student_id"].nunique() == n
    t_check, _ = best(lambda: check_programmes(cat, students))
    t_transcript, _ = best(lambda: transcript(cat, students))
    figures = {
        "programmes": n, "rows": len(students), "findings": len(findings),
        "check_seconds": round(t_check, 3), "check_programmes_per_s": round(n / t_check),
        "transcript_seconds": round(t_transcript, 3), "transcript_programmes_per_s": round(n / t_transcript),
    }
    print(f"{n} programmes ({len(students)} course rows, {len(findings)} findings)")
    print(f"check_programmes : {t_check:.3f} s  → {n / t_check:,.0f} programmes/s "
          f"({len(students) / t_check:,.0f} rows/s)")
    print(f"transcript       : {t_transcript:.3f} s  → {n / t_transcript:,.0f} programmes/s")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
