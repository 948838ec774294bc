"""Writing result tables of the credit checks: .csv or .xlsx, through a temporary file, never over an input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import XladdinError
from ..io.writers import atomic_path, write_csv, write_xlsx


def write_frame(frame: pd.DataFrame, out: str | Path, protect: tuple = (), sheet: str = "Constatations") -> Path:
    """Write ``frame`` to ``out`` (.csv or .xlsx, sheet ``sheet``); text stays text (CSV-injection guard)."""
    out = Path(out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise XladdinError("output_format", path=str(out))
    with atomic_path(out, tuple(p for p in protect if p)) as tmp:
        if out.suffix.lower() == ".csv":
            write_csv(frame, tmp)
        else:
            write_xlsx(frame, tmp, sheet=sheet)
    return out
