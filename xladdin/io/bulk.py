"""Bulk import: read an applicant list, validate and assess every row, write the batch report.

Reconciliation is exact and checked: rows read = rows assessed + rows in error (spec bursary-GE §5: one result
per input row, nothing dropped); the counts are printed and written in the report's summary and audit sheets.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputFileError, XladdinError
from .readers import read_table
from .report import prepare, write_report


@dataclass
class ImportResult:
    input: Path
    out: Path
    rows_read: int
    rows_assessed: int
    rows_in_error: int
    error_cells: int
    eligible: int
    unknown_columns: list[str]
    ruleset_label: str
    cells: dict[str, str]

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_assessed + self.rows_in_error


def check_paths(input: Path, out: Path) -> None:
    """Refuse a report over the input (same path, or the same file through a link) and non-.xlsx reports."""
    if out.resolve() == input.resolve() or (out.exists() and input.exists() and os.path.samefile(out, input)):
        raise XladdinError("output_is_input", path=str(out))
    if out.suffix.lower() != ".xlsx":
        raise XladdinError("report_format", path=str(out))


def run_import(input: str | Path, out: str | Path, *, rules: str = "GE-2025", reference_date=None,
               lang: str = "fr", sheet: str | None = None, progress=None, limits=None,
               redact: bool = False, letters: str | Path | None = None) -> ImportResult:
    """Read ``input`` (.xlsx, .xls, .ods, .csv), assess it and write the report ``out`` (.xlsx).

    ``progress`` is an optional :class:`Stages` (the CLI's rich progress bar); nothing is printed here.
    ``limits`` (:class:`xladdin.io.limits.Limits`) bound what is read; ``redact`` writes names as file numbers
    and masks personal values in messages (:mod:`xladdin.io.redact`). ``letters`` (a folder) also writes each
    applicant's decision letter there (:mod:`xladdin.letters`) and names it in the decisions sheet.
    """
    from ..bursary.assess import assess_full

    input, out = Path(input), Path(out)
    check_paths(input, out)
    stages = progress or Stages()
    started = dt.datetime.now().astimezone()
    with stages.stage("read"):
        table = read_table(input, sheet=sheet, limits=limits)
    if table.frame.empty:
        raise InputFileError("file_no_rows", path=str(input))
    with stages.stage("assess", total=len(table.frame)):
        assessment = assess_full(table, rules=rules, reference_date=reference_date, lang=lang)
    if assessment.rows_read != len(table.frame):                       # pragma: no cover - engine contract
        raise RuntimeError(f"engine returned {assessment.rows_read} rows for {len(table.frame)} read")
    data = prepare(assessment, table, lang=lang, input_path=str(input), started=started,
                   reference_date=reference_date)
    if redact:
        from . import redact as redact_mod

        data = redact_mod.report(data)
    if letters is not None:
        from ..letters.cli import produce
        from .report.decisions import add_letters

        # letters in their office's language (GE fr, ZH and BE de), whatever the report's language
        _assessment, _letters, paths = produce(input, Path(letters), rules=rules, reference_date=reference_date,
                                               table=table)
        add_letters(data, {position: path.name for position, path in paths.items()})
    with stages.stage("report", total=data.n) as advance:
        cells = write_report(out, data, protect=(input,), progress=advance)
    return ImportResult(input, out, assessment.rows_read, assessment.rows_assessed, assessment.rows_in_error,
                        len(assessment.errors), data.eligible, list(assessment.unknown_columns),
                        ", ".join(rs.label for rs in data.rulesets), cells)


class Stages:
    """Progress of an import's stages; this base class shows nothing (the CLI's subclass draws rich bars)."""

    def stage(self, name: str, total: int | None = None):
        return nullcontext(lambda n: None)
