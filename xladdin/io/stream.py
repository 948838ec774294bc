"""Assess a big list chunk by chunk: CSV by rows (decoded as it is read), Parquet by row groups; results written
as each chunk is assessed (CSV or Parquet), so the memory held is one chunk's, whatever the number of rows.

The chunks read as the whole file would: the same reader (:mod:`xladdin.io.readers`: encoding, separator,
header row, rows pasted with another separator, trailing empty rows, a last « Total » row whose amounts are the
sums), each chunk parsed and assessed by ``assess_full`` with the lines of the file, a file number seen in an
earlier chunk reported as a duplicate of its line there, and US month/day dates judged over the whole file
(:class:`xladdin.bursary.inputs.Carry`). Rows read = rows assessed + rows in error, as in one piece.

Chunk size: ``chunk_rows`` or ``XLADDIN_CHUNK_ROWS`` (default 20 000 rows).
"""

from __future__ import annotations

import codecs
import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError
from . import kinds
from . import limits as _limits
from .readers import (CSV_SUFFIXES, PARQUET_SUFFIXES, RawTable, _check_columns, _frame, _opened, _other_separator,
                      _separator, _sums_row, cell_number, parquet_file, parquet_frame, sha256_of,
                      total_label)
from .writers import atomic_path

CHUNK_ROWS = 20_000
STREAM_BYTES = 50_000_000          # inputs above this size are streamed by ``assess`` (smaller: read in one piece)
STREAM_OUTPUTS = {".csv", ".parquet"}


def chunk_rows(value: int | None = None) -> int:
    """The rows of a chunk: ``value``, else ``XLADDIN_CHUNK_ROWS``, else 20 000."""
    return int(value or os.environ.get("XLADDIN_CHUNK_ROWS") or CHUNK_ROWS)


def streamable(input: Path, out: Path) -> bool:
    """``assess`` streams a CSV or Parquet input into a CSV or Parquet output when the input is big (or a chunk
    size is set)."""
    return (input.suffix.lower() in CSV_SUFFIXES | PARQUET_SUFFIXES and out.suffix.lower() in STREAM_OUTPUTS
            and input.is_file() and (bool(os.environ.get("XLADDIN_CHUNK_ROWS")) or input.stat().st_size > STREAM_BYTES))


@dataclass
class Streamed:
    """What the console and the caller need of a streamed assessment: the counts, the totals, the rule sets."""

    rows_read: int = 0
    rows_in_error: int = 0
    eligible: int = 0
    bursary: int = 0
    loan: int = 0
    rows_out_of_period: int = 0
    chunks: int = 0
    rulesets: list = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    table: RawTable | None = None                 # the file as described to the clerk (no rows)

    @property
    def rows_assessed(self) -> int:
        return self.rows_read - self.rows_in_error

    def add(self, assessment) -> None:
        r = assessment.results
        self.rows_read += len(r)
        self.rows_in_error += int(r["eligible"].isna().sum())
        self.eligible += int(r["eligible"].fillna(False).sum())
        self.bursary += int(r["bursary"].sum())
        self.loan += int(r["loan"].sum())
        self.rows_out_of_period += assessment.rows_out_of_period
        self.chunks += 1
        add_new(self.rulesets, self.unknown_columns, assessment.rulesets, assessment.unknown_columns)


def add_new(rulesets: list, columns: list, more_rulesets, more_columns) -> None:
    """A chunk's rule sets (by label) and unknown columns added to those of the chunks before, in order."""
    for rs in more_rulesets:
        if rs.label not in [x.label for x in rulesets]:
            rulesets.append(rs)
    for name in more_columns:
        if name not in columns:
            columns.append(name)


class _Writer:
    """The results file, written chunk by chunk: CSV as the output layer writes it (labels in ``lang``, the Swiss
    dialect by default) or Parquet (one row group per chunk, the first chunk's schema)."""

    def __init__(self, path: Path, suffix: str, lang: str = "fr", csv_dialect: str | None = None):
        self.path, self.suffix = path, suffix           # the temporary path's own suffix is not the format
        self.lang, self.csv_dialect = lang, csv_dialect
        self.handle = self.parquet = None

    def write(self, frame: pd.DataFrame) -> None:
        if self.suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self.parquet is None:
                self.parquet = pq.ParquetWriter(self.path, table.schema)
            self.parquet.write_table(table.cast(self.parquet.schema))
            return
        from .output.tables import DEFAULT_DIALECT, CsvWriter

        if self.handle is None:
            self.handle = CsvWriter(self.path, lang=self.lang, dialect_name=self.csv_dialect or DEFAULT_DIALECT)
        self.handle.write(frame)

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        if self.handle is not None:
            self.handle.close()


def assess_file(input, out, rules: str = "GE", reference_date=None, lang: str = "fr", redact: bool | None = None,
                chunk: int | None = None, limits=None, mode: str | None = None,
                csv_dialect: str | None = None) -> Streamed:
    """Assess the CSV or Parquet list ``input`` chunk by chunk into ``out`` (.csv or .parquet), never over the
    input; returns the counts and totals. The output appears only when every chunk is written."""
    from ..bursary.assess import assess_full
    from ..bursary.inputs import Carry
    from . import redact as redact_mod

    path, limits = _opened(input, None, None, limits)
    out = Path(out)
    size = chunk_rows(chunk)
    for attempt in _encodings(path):
        done = Streamed()
        carry = Carry()
        try:
            with atomic_path(out, protect=(path,)) as tmp:
                writer = _Writer(tmp, out.suffix.lower(), lang=mode or lang, csv_dialect=csv_dialect)
                try:
                    for table in _chunks(path, size, limits, attempt, done):
                        assessment = assess_full(table, rules=rules, reference_date=reference_date, lang=lang,
                                                 redact=redact, carry=carry)
                        done.add(assessment)
                        writer.write(redact_mod.results(assessment.results) if redact else assessment.results)
                    carry.refuse_us_dates(bool(redact))
                    if done.rows_read == 0:
                        raise InputFileError("file_no_rows", path=str(path))
                finally:
                    writer.close()
        except UnicodeDecodeError:
            continue                       # not UTF-8 after all: read again as Windows-1252
        done.table.source, done.table.sha256 = path.name, sha256_of(path)
        return done
    raise InputFileError("file_encoding", path=str(path))


def _encodings(path: Path) -> list[str | None]:
    """The encodings to try, as the reader does: UTF-16 with a BOM, else UTF-8 (BOM or not), else Windows-1252.
    Parquet: none."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return [None]
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    return ["utf-8-sig", "cp1252"]


def _chunks(path: Path, size: int, limits, encoding: str | None, done: Streamed):
    if encoding is None:
        yield from _parquet_chunks(path, size, limits, done)
    else:
        yield from _csv_chunks(path, size, limits, encoding, done)


def _parquet_chunks(path: Path, size: int, limits, done: Streamed):
    handle = parquet_file(path, limits, whole=False)
    names = [str(c).strip() for c in handle.schema_arrow.names]
    _check_columns(path, names, 0)
    done.table = RawTable(pd.DataFrame(columns=names), file_format="parquet", header_row=1, kind=kinds.APPLICANTS)
    line = 2
    for batch in handle.iter_batches(batch_size=size):
        frame = parquet_frame(batch)
        frame.columns = names
        yield RawTable(frame, header_row=1, lines=list(range(line, line + len(frame))))
        line += len(frame)


def _csv_chunks(path: Path, size: int, limits, encoding: str, done: Streamed):
    """Chunks of a CSV file read as :func:`xladdin.io.readers.read_applicants` reads it whole."""
    with open(path, "rb") as fh:
        if b"\x00" in fh.read(1 << 16) and encoding != "utf-16":
            raise InputFileError("file_binary", path=str(path))
    with open(path, encoding=encoding, errors="strict", newline="") as text:
        head = text.read(1 << 16)
        separator = _separator(head)
        text.seek(0)
        reader = csv.reader(text, delimiter=separator)
        rows = []
        try:
            for row in reader:                                   # the header (title lines above it, if any)
                rows.append(row)
                if len(rows) >= kinds.HEADER_SCAN:
                    break
            found = kinds.classify(rows)
            if found.kind == kinds.FORM:                    # an intake form: one applicant, read in one piece
                from .readers import read_applicants

                done.table = read_applicants(path, limits=limits)
                yield done.table
                return
            if found.kind != kinds.APPLICANTS or not found.data_rows:
                from .readers import _refuse_nothing
                _refuse_nothing(path, [(None, rows, found)])
            header_index = found.header
            header = rows[header_index]
            _check_columns(path, header, header_index)
            set_aside = []
            if any(any(c not in ("", None) for c in row) for row in rows[:header_index]):
                set_aside.append(f"lignes 1 à {header_index} : titre au-dessus de l'en-tête" if header_index > 1
                                 else "ligne 1 : titre au-dessus de l'en-tête")
            done.table = RawTable(pd.DataFrame(columns=[str(h) for h in header]), file_format="csv",
                                  encoding=encoding.replace("-sig", ""), separator=separator,
                                  header_row=header_index + 1, kind=kinds.APPLICANTS, set_aside=set_aside)
            pending = rows[header_index + 1:]
            rest = _rows(reader, path, limits, header_index + 1 + len(pending))
            yield from _csv_tables(path, header, header_index, separator, pending, rest, size, done,
                                   _may_end_with_total(path, encoding))
        except csv.Error as exc:
            raise InputFileError("csv_unreadable", path=str(path), detail=f"ligne {reader.line_num} : {exc}") from None


def _rows(reader, path: Path, limits, already: int):
    """The rows after the first ones, each checked against the column and row limits."""
    count = already
    for row in reader:
        count += 1
        if count - 1 > limits.max_rows + 1:
            _limits.check_rows(path, count - 1, limits)
        _limits.check_columns(path, len(row), limits)
        yield row


TAIL_BYTES = 1 << 16
_TOTAL_STEMS = ("tota", "som", "sum", "gesamt")          # in every word of kinds.TOTAL_WORDS, folded


def _may_end_with_total(path: Path, encoding: str) -> bool:
    """Whether the file's last row may be a « Total » row: a word of one in its last 64 KB (accents and case
    folded), or a last row longer than that. False spares summing the amount columns of every chunk."""
    import unicodedata

    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - TAIL_BYTES) & ~1)               # even: a UTF-16 file is read from a whole unit
        tail = fh.read().decode(encoding.replace("-sig", ""), errors="replace")
    folded = unicodedata.normalize("NFKD", tail).encode("ascii", "ignore").decode().lower()
    return size > TAIL_BYTES and "\n" not in tail.rstrip() or any(stem in folded for stem in _TOTAL_STEMS)


def _csv_tables(path: Path, header, header_index: int, separator: str, pending: list, rest, size: int,
                done: Streamed, summed: bool = True):
    """The data rows as tables of ``size`` rows. Empty rows are held until a row with a cell follows (trailing
    empty rows are not data); the last row is held to the end (a « Total » row is set aside); the amount columns
    are summed as they go by (what a totals row is checked against), unless ``summed`` is False: the file's
    last row cannot be a « Total » row."""
    line = header_index + 2                        # the file's line of the next data row
    batch: list = []
    empties: list = []
    sums = _Sums(header)
    last = None

    def flush(last_one: bool = False):
        nonlocal batch, line
        fixed = [header, *batch]
        done.table.notes.extend(_other_separator(fixed, 0, separator, first_line=line))
        batch = fixed[1:]
        frame = _frame(header, batch, path)
        if summed and not last_one:                # what a totals row at the end is checked against
            sums.add([frame.iloc[:, c].to_numpy() for c in sums.columns])
        table = RawTable(frame, header_row=header_index + 1, lines=list(range(line, line + len(batch))))
        line += len(batch)
        batch = []
        return table

    for row in _chain(pending, rest):
        if not any(c.strip() for c in row):
            empties.append(row)
            continue
        if last is not None:
            batch.append(last)
        batch.extend(empties)
        empties = []
        last = row
        if len(batch) >= size:
            yield flush()
    if last is not None:
        batch_sums = _Sums(header)
        if summed and total_label(header, last) is not None:   # only a « Total » row is checked against sums
            batch_sums.add([[row[c] if c < len(row) else "" for row in batch] for c in batch_sums.columns])
        if summed and _sums_row(header, [sums.row(batch_sums), last]):
            done.table.set_aside.append(f"ligne {line + len(batch)} : ligne de total, pas un dossier")
        else:
            batch.append(last)
    if batch:
        yield flush(last_one=True)


def _chain(first: list, rest):
    yield from first
    yield from rest


class _Sums:
    """The running sums of the amount columns of a CSV file (read as a totals row reads them)."""

    def __init__(self, header: list):
        from ..schema import AMOUNT, BY_KEY, resolve_header

        keys = [resolve_header(h) if h not in ("", None) else None for h in header]
        self.width = len(header)
        self.columns = [c for c, k in enumerate(keys) if k is not None and BY_KEY[k].kind == AMOUNT]
        self.totals = np.zeros(len(self.columns))

    def add(self, columns: list) -> None:
        """Add the cells of the amount columns (one sequence per column of ``self.columns``)."""
        from ..bursary.inputs import plain_numbers

        for j, column in enumerate(columns):
            cells = np.asarray(column, dtype=object)
            values, read = plain_numbers(cells)                   # 12345, 12'345.50: over the whole column
            self.totals[j] += float(values[read].sum())
            codes, uniques = pd.factorize(cells[~read])           # the other spellings: the totals row's reader
            values = np.array([cell_number(v) if cell_number(v) is not None else 0.0 for v in uniques], dtype=float)
            self.totals[j] += float(values[codes[codes >= 0]].sum()) if len(values) else 0.0

    def row(self, more: _Sums) -> list:
        """One row holding the sums so far (with ``more``'s), in the amount columns."""
        out = [""] * self.width
        for j, c in enumerate(self.columns):
            out[c] = float(self.totals[j] + more.totals[j])
        return out
