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

import pandas as pd

from ..errors import InputFileError, XladdinError
from . import output
from .readers import PARQUET_SUFFIXES, WORKBOOK_SUFFIXES, RawTable, read_applicants
from .report import prepare, write_report

SUFFIXES = WORKBOOK_SUFFIXES | {".csv"} | PARQUET_SUFFIXES


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
    rows_out_of_period: int = 0          # rows assessed under rules not valid on their date (RULES-OUT-OF-PERIOD)
    table: object = None                 # the RawTable read (what the console says was read)
    totals: dict[str, int] | None = None          # CHF: bursary, loan, aid

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_assessed + self.rows_in_error


def check_paths(input: Path, out: Path) -> None:
    """Refuse a report over the input (same path, or the same file through a link) and non-.xlsx reports."""
    if out.resolve() == input.resolve() or (out.exists() and input.exists() and os.path.samefile(out, input)):
        raise XladdinError("output_is_input", path=str(out))
    if out.suffix.lower() != ".xlsx":
        raise XladdinError("report_format", path=str(out))


def input_files(inputs, out: Path | None = None) -> list[Path]:
    """The files of ``inputs`` (paths, or folders whose lists and forms are taken in name order, leaving out
    hidden and lock files such as ``~$dossier.xlsx`` and the report being written)."""
    files: list[Path] = []
    for item in [inputs] if isinstance(inputs, (str, Path)) else list(inputs):
        item = Path(item)
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not p.name.startswith((".", "~$")) and (out is None or p.resolve() != out.resolve()))
            if not found:
                raise InputFileError("folder_empty", path=str(item))
            files.extend(found)
        else:
            files.append(item)
    return files


def read_batch(files: list[Path], *, sheet=None, limits=None) -> RawTable:
    """Several lists or forms as one table: one row per form (per list row), each keeping its file and line;
    columns by schema key, so that « Nom » in one file and last_name in another are one column."""
    from ..schema import resolve_header

    if len(files) == 1:
        return read_applicants(files[0], sheet=sheet, limits=limits)
    tables = [read_applicants(f, sheet=sheet, limits=limits) for f in files]
    frames, lines, cells, origins, read = [], [], [], [], []
    for path, t in zip(files, tables):
        keyed = {c: resolve_header(c) or c for c in t.frame.columns}
        frames.append(t.frame.rename(columns=keyed))
        n = len(t.frame)
        lines += [t.line_of(i) for i in range(n)]
        cells += t.cells or [None] * n
        origins += [path.name] * n
        read.append({"name": path.name, "path": str(path), "kind": t.kind, "sheet": t.sheet, "sha256": t.sha256,
                     "rows": n, "header_row": t.header_row, "format": t.file_format})
    frame = pd.concat(frames, ignore_index=True, sort=False).astype(object)
    frame = frame.where(frame.notna(), "")
    skipped = [f"{f.name} : {s}" for f, t in zip(files, tables) for s in t.skipped]
    if all(t.skipped == tables[0].skipped for t in tables) and tables[0].skipped:       # the same template
        skipped = [", ".join(tables[0].skipped) + " (dans chaque fichier)"]
    return RawTable(frame, source=f"{len(files)} fichiers", sha256="", file_format="lot", sheet=sheet or "",
                    lines=lines, kind="batch", cells=cells if any(cells) else None, origins=origins, files=read,
                    set_aside=[f"{f.name} : {note}" for f, t in zip(files, tables) for note in t.set_aside],
                    skipped=skipped)


def run_import(input, out: str | Path, *, rules: str = "GE", reference_date=None,
               lang: str = "fr", sheet: str | None = None, progress=None, limits=None,
               redact: bool = False, messages: str | None = None,
               letters: str | Path | None = None) -> ImportResult:
    """Read ``input`` (.xlsx, .xls, .ods, .csv; a list or an intake form; or several of them, or a folder), assess
    it and write the report ``out`` (.xlsx).

    ``lang``: the report's language (fr, en, de, or keys); ``messages``: the cells' error messages' language
    (default: English for ``lang="en"``, French otherwise).
    ``progress`` is an optional :class:`Stages` (the CLI's rich progress bar); nothing is printed here.
    ``limits`` (:class:`xladdin.io.limits.Limits`) bound what is read; ``redact`` writes names as file numbers
    and masks personal values in messages (:mod:`xladdin.io.redact`). ``letters`` (a folder) also writes each
    applicant's decision letter there (:mod:`xladdin.letters`) and names it in the decisions sheet.
    """
    from ..bursary.assess import assess_full

    out = Path(out)
    output.check_output(out)                     # a folder, a name too long, a file open in a spreadsheet
    files = input_files(input, out)
    for path in files:
        check_paths(path, out)
    if out.suffix.lower() != ".xlsx":
        raise XladdinError("report_format", path=str(out))
    shown = Path(input) if isinstance(input, (str, Path)) else (files[0] if len(files) == 1 else None)
    input_path = str(shown) if shown is not None else ", ".join(str(f) for f in files)
    stages = progress or Stages()
    started = dt.datetime.now().astimezone()
    if len(files) == 1 and letters is None and streamable(files[0]):
        return _import_streamed(files[0], out, input_path, rules=rules, reference_date=reference_date, lang=lang,
                                messages=messages, redact=redact, limits=limits, stages=stages, started=started)
    with stages.stage("read"), output.os_errors(input_path, "read"):
        table = read_batch(files, sheet=sheet, limits=limits)
    if table.frame.empty:
        raise InputFileError("file_no_rows", path=input_path)
    with stages.stage("assess", total=len(table.frame)):
        assessment = assess_full(table, rules=rules, reference_date=reference_date,
                                 lang="en" if (messages or lang) == "en" else "fr", redact=redact)
    if assessment.rows_read != len(table.frame):                       # pragma: no cover - engine contract
        raise RuntimeError(f"engine returned {assessment.rows_read} rows for {len(table.frame)} read")
    data = prepare(assessment, table, lang=lang, input_path=input_path, started=started,
                   reference_date=reference_date)
    if redact:
        from . import redact as redact_mod

        data = redact_mod.report(data)
    if letters is not None:
        from ..letters.cli import produce
        from .report.decisions import add_letters

        # letters in their office's language (GE, VD, FR fr; ZH and BE de), whatever the report's language
        _assessment, _letters, paths = produce(input_path, Path(letters), rules=rules, reference_date=reference_date,
                                               table=table)
        add_letters(data, {position: path.name for position, path in paths.items()})
    with stages.stage("report", total=data.n) as advance:
        cells = write_report(out, data, protect=tuple(files), progress=advance)
    return ImportResult(files[0] if len(files) == 1 else Path(input_path), out, assessment.rows_read,
                        assessment.rows_assessed, assessment.rows_in_error, len(assessment.errors), data.eligible,
                        list(assessment.unknown_columns), ", ".join(rs.label for rs in data.rulesets), cells,
                        assessment.rows_out_of_period, table, dict(data.totals))


def streamable(path: Path) -> bool:
    """A CSV or Parquet list is imported in chunks when it is big (or a chunk size is set): the memory held is
    one chunk's (:mod:`xladdin.io.stream`)."""
    from .stream import CSV_SUFFIXES, STREAM_BYTES

    return (path.suffix.lower() in CSV_SUFFIXES | PARQUET_SUFFIXES and path.is_file()
            and (bool(os.environ.get("XLADDIN_CHUNK_ROWS")) or path.stat().st_size > STREAM_BYTES))


def _import_streamed(path: Path, out: Path, input_path: str, *, rules, reference_date, lang, messages, redact,
                     limits, stages, started) -> ImportResult:
    """:func:`run_import` chunk by chunk: each chunk read, assessed and its decision and error rows written; the
    summary and audit from the running totals. Same rows, lines, messages and reconciliation as in one piece."""
    import dataclasses

    from ..bursary.assess import assess_full
    from ..bursary.inputs import Carry
    from . import redact as redact_mod
    from .readers import _opened, sha256_of
    from .report.streamed import StreamedReport
    from .stream import Streamed, _chunks, _encodings, chunk_rows

    path, limits = _opened(path, None, None, limits)
    for attempt in _encodings(path):
        done, carry = Streamed(), Carry()
        try:
            with stages.stage("assess") as advance, output.os_errors(input_path, "read"), \
                    StreamedReport(out, protect=(path,), lang=lang, progress=advance) as report:
                for table in _chunks(path, chunk_rows(), limits, attempt, done):
                    assessment = assess_full(table, rules=rules, reference_date=reference_date,
                                             lang="en" if (messages or lang) == "en" else "fr", redact=redact,
                                             carry=carry)
                    done.add(assessment)
                    data = prepare(assessment, table, lang=lang, input_path=input_path, started=started,
                                   reference_date=reference_date)
                    report.add(redact_mod.report(data) if redact else data)
                carry.refuse_us_dates(bool(redact))
                if done.rows_read == 0:
                    raise InputFileError("file_no_rows", path=input_path)
                source = done.table
                source.source, source.sha256 = path.name, sha256_of(path)
                if redact:
                    source = dataclasses.replace(source, source=redact_mod.MASK.get(lang, redact_mod.MASK["fr"]))
                data = report.finish(source)
        except UnicodeDecodeError:
            continue                       # not UTF-8 after all: read again as Windows-1252
        return ImportResult(path, out, data.rows_read, data.rows_assessed, data.rows_in_error, data.error_cells,
                            data.eligible, list(data.unknown_columns), data.rules_label, report.cells,
                            done.rows_out_of_period, done.table, dict(data.totals))
    raise InputFileError("file_encoding", path=str(path))


class Stages:
    """Progress of an import's stages; this base class shows nothing (the CLI's subclass draws rich bars)."""

    def stage(self, name: str, total: int | None = None):
        return nullcontext(lambda n: None)
