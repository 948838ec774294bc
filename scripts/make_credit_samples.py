"""Write the synthetic APHM2M samples: workbooks/credits-students.csv and workbooks/credits-applicants.csv.

Seeded, so running it again gives the same files (tests/credits check that). Usage:
    .venv/bin/python scripts/make_credit_samples.py [--seed 20240914] [--out workbooks]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xladdin.credits.samples import applicants_sample, students_sample

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240914)
    parser.add_argument("--out", type=Path, default=ROOT / "workbooks")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("credits-students.csv", students_sample(args.seed)),
                        ("credits-applicants.csv", applicants_sample(args.seed))):
        path = args.out / name
        frame.to_csv(path, index=False, lineterminator="\n")
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(frame)} lignes")


if __name__ == "__main__":
    main()
