"""Read applicant lists, intake forms and other tables from .csv, .xlsx, .xlsm, .xls, .xlsb and .ods files.

Cells come back as read (text for CSV; numbers, dates and text for workbooks): parsing and validation are the
schema's job (``xladdin.bursary.inputs``), so a bad cell becomes a row error instead of a failed read.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..errors import InputFileError, XladdinError
from . import forms, isolated, kinds, sheetscan
from . import limits as _limits
from .limits import Limits

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}            # typed columns (what statistics offices exchange), via pyarrow
# Limits (file size, rows, columns, cells, unpacked size): xladdin.io.limits, configurable by option/environment.
DEFAULT_MAX_BYTES = Limits.max_bytes
DEFAULT_MAX_ROWS = Limits.max_rows
DEFAULT_MAX_UNPACKED = Limits.max_unpacked       # a workbook's parts, unpacked
MAX_RATIO = 200                                  # unpacked / packed, per part: beyond is a decompression bomb
ZIP_FORMATS = {".xlsx", ".xlsm", ".xlsb", ".ods"}
BINARY_FORMATS = {".xls", ".xlsb"}          # no XML to size a sheet from: read by xladdin.io.isolated


@dataclass
class RawTable:
    """A table as read, with what the audit needs to know about its file."""

    frame: pd.DataFrame
    source: str = ""
    sha256: str = ""
    file_format: str = ""
    encoding: str = ""
    separator: str = ""
    sheet: str = ""
    header_row: int = 1                     # 1-based line of the header in the file
    notes: list[str] = field(default_factory=list)
    lines: list[int] | None = None          # each data row's line, when they do not follow the header one by one
    kind: str = ""                          # what the file was read as: applicants, form (xladdin.io.kinds)
    set_aside: list[str] = field(default_factory=list)     # lines not read as applicants: titles, totals
    skipped: list[str] = field(default_factory=list)       # sheets not read: hidden, charts, empty
    cells: list[dict] | None = None         # per row, {schema key: line} of a form's fields
    origins: list[str] | None = None        # per row, its file (a batch of several files)
    files: list[dict] = field(default_factory=list)        # the files of a batch: name, kind, sheet, sha256, rows

    def line_of(self, position: int) -> int:
        """The file's line number (1-based, as a spreadsheet shows it) of data row ``position`` (0-based)."""
        if self.lines is not None:
            return self.lines[position]
        return self.header_row + 1 + position

    def rows(self, positions) -> RawTable:
        """Rows ``positions`` (0-based) only, each keeping its line, form fields and file."""
        positions = [int(p) for p in positions]
        return replace(self, frame=self.frame.iloc[positions].reset_index(drop=True),
                       lines=[self.line_of(p) for p in positions],
                       cells=[self.cells[p] for p in positions] if self.cells else None,
                       origins=[self.origins[p] for p in positions] if self.origins else None)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _opened(path, max_bytes, max_rows, limits) -> tuple[Path, Limits]:
    """The path, checked to exist, not empty and within the size limit, with the limits that apply."""
    path = Path(path)
    limits = _limits.current(limits)
    if max_bytes is not None or max_rows is not None:
        limits = replace(limits, max_bytes=max_bytes or limits.max_bytes, max_rows=max_rows or limits.max_rows)
    if not path.exists():
        raise InputFileError("file_missing", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputFileError("file_empty", path=str(path))
    _limits.check_size(path, size, limits)
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES and suffix not in CSV_SUFFIXES and suffix not in PARQUET_SUFFIXES:
        raise InputFileError("file_format", path=str(path), suffix=suffix or "(aucune)")
    return path, limits


def read_table(path: str | Path, *, sheet: str | int | None = None, max_bytes: int | None = None,
               max_rows: int | None = None, limits: Limits | None = None) -> RawTable:
    """Read the first visible worksheet (or ``sheet``) of a workbook, or a CSV file, into a DataFrame of raw
    cells, the header being the first non-empty row. Hidden sheets and chartsheets are read only when named.

    Applicant lists and intake forms are read by :func:`read_applicants` (which sheet, which header row, what
    kind of file); this is the plain table reader (credits files, catalogues).
    ``limits`` (default: :class:`~xladdin.io.limits.Limits` with the ``XLADDIN_MAX_*`` environment variables)
    bound the file size, data rows, columns and cells; a file beyond them is refused before it is expanded.
    """
    path, limits = _opened(path, max_bytes, max_rows, limits)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        table = read_parquet(path, limits)
    elif path.suffix.lower() in CSV_SUFFIXES:
        table = _read_csv(path, limits)
    else:
        book = Workbook(path, limits, sheet)
        chosen = book.pick(sheet)
        rows = book.rows(chosen.name)
        header_index = next((i for i, r in enumerate(rows) if any(c not in ("", None) for c in r)), None)
        table = _workbook_table(path, rows, header_index, limits)
        table.sheet = chosen.name
        table.skipped = book.skipped(chosen.name)
    table.source = path.name
    table.sha256 = sha256_of(path)
    return table


def read_applicants(path: str | Path, *, sheet: str | int | None = None, limits: Limits | None = None) -> RawTable:
    """Read an applicant list or a filled intake form (issue 13 §3-4), whatever the format.

    * Hidden sheets and chartsheets are never read unless ``sheet`` names them; of the visible worksheets, the
      one holding applicants is read; when several do, the file is refused with their names (``--sheet``).
    * The header row is the first row naming at least :data:`~xladdin.io.kinds.MIN_HEADER` schema columns
      (title rows above it are set aside); two headers meaning the same column, or no file-number column, refuse
      the file; a totals row (an Excel table's, or a « Total » row whose amounts are the sums) is no applicant.
    * An intake form is read as a one-row table; any other kind of file is refused with what it is.
    """
    path, limits = _opened(path, None, None, limits)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        table = read_parquet(path, limits)
        if table.frame.empty:
            raise InputFileError("file_no_rows", path=str(path))
        _check_columns(path, list(table.frame.columns), 0)
        table.kind = kinds.APPLICANTS
    elif path.suffix.lower() in CSV_SUFFIXES:
        if sheet is not None:
            raise InputFileError("sheet_missing", path=str(path), sheet=sheet, sheets="(fichier CSV : une seule table)")
        rows, encoding, separator = _csv_rows(path, limits)
        found = kinds.classify(rows)
        table = _applicants_of(path, rows, found, limits, csv_separator=separator)
        table.file_format, table.encoding, table.separator = "csv", encoding, separator
    else:
        table = _workbook_applicants(path, sheet, limits)
    table.source = path.name
    table.sha256 = sha256_of(path)
    return table


def parquet_file(path: Path, limits: Limits, whole: bool = True):
    """A Parquet file opened by pyarrow, its rows and columns checked against the limits from its footer (before
    a row is read); its cells too when it is to be read ``whole`` (a streamed file holds one chunk at a time)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:                                       # pragma: no cover - pyarrow is a dependency of [parquet]
        raise InputFileError("file_format", path=str(path), suffix=path.suffix) from None
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError for what is not Parquet
        raise InputFileError("file_corrupt", path=str(path), detail=str(exc)[:200]) from None
    meta = handle.metadata
    _limits.check_rows(path, meta.num_rows, limits)
    _limits.check_columns(path, meta.num_columns, limits)
    if whole:
        _limits.check_cells(path, meta.num_rows * meta.num_columns, limits)
    return handle


def parquet_frame(table) -> pd.DataFrame:
    """An Arrow table (a Parquet file, or one of its row groups) as a DataFrame of typed columns: numbers, yes/no,
    dates and codes stay what they are (the reader's typed path checks them); text is pandas' text."""
    import pyarrow as pa

    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow"),
                                         pa.large_string(): pd.StringDtype("pyarrow")}.get)


def read_parquet(path: Path, limits: Limits) -> RawTable:
    """A Parquet file: one table, its header the column names, line 2 the first row (as if it were a list)."""
    handle = parquet_file(path, limits)
    try:
        frame = parquet_frame(handle.read())
    except Exception as exc:  # a damaged page
        raise InputFileError("file_corrupt", path=str(path), detail=str(exc)[:200]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawTable(frame, file_format="parquet", header_row=1)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 (BOM or
    not), else Windows-1252 (Excel's "CSV" in Swiss and Belgian locales)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError("file_encoding", path=str(path)) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise InputFileError("file_encoding", path=str(path))   # cp1252 leaves 5 bytes undefined (0x81, 0x8d...)


def _separator(text: str) -> str:
    """The separator of the first line holding two or more of ``;`` ``,`` tab (a title line above the header may
    hold none, or one comma), among the first 20; ``,`` when none does."""
    counts = None
    for line in text.lstrip("\r\n").split("\n", 20)[:20]:
        here = {sep: line.count(sep) for sep in (";", ",", "\t")}
        if counts is None:
            counts = here
        if max(here.values()) >= 2:
            counts = here
            break
    separator = max((";", ",", "\t"), key=counts.get) if counts else ","
    return separator if counts and counts[separator] else ","


def _csv_rows(path: Path, limits: Limits) -> tuple[list[list[str]], str, str]:
    """(rows, encoding, separator) of a CSV file, its trailing empty lines cut."""
    data = path.read_bytes()
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError("file_binary", path=str(path))
    text, encoding = _decode(data, path)
    if "\x00" in text:
        raise InputFileError("file_binary", path=str(path))
    separator = _separator(text)
    # Trailing lines of nothing but separators (Excel exports the formatted area: ";;;;" down to row 5 000) are
    # not data, as trailing empty rows of a workbook are not: cut at C speed, before parsing.
    end = len(text.rstrip(separator + " \t\r\n"))
    newline = text.find("\n", end)
    if newline >= 0:
        text = text[:newline + 1]
    # Upper bounds on lines and fields, counted at C speed before any field is made: a line of 100 million
    # separators would otherwise become a list of 100 million strings.
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    _limits.check_cells(path, text.count(separator) + lines, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = []
    try:
        for row in reader:
            if len(rows) > limits.max_rows + 1:
                _limits.check_rows(path, lines - 1, limits)
            _limits.check_columns(path, len(row), limits)
            rows.append(row)
    except csv.Error as exc:                                # a field beyond csv's 128 KB limit
        raise InputFileError("csv_unreadable", path=str(path), detail=f"ligne {reader.line_num} : {exc}") from None
    return rows, encoding, separator


def _read_csv(path: Path, limits: Limits) -> RawTable:
    rows, encoding, separator = _csv_rows(path, limits)
    header_index = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
    _limits.check_shape(path, len(rows) - header_index - 1, max(map(len, rows[header_index:])), limits)
    notes = _other_separator(rows, header_index, separator)
    table = _frame(rows[header_index], rows[header_index + 1:], path)
    return RawTable(table, file_format="csv", encoding=encoding, separator=separator,
                    header_row=header_index + 1, notes=notes)


def _other_separator(rows: list[list[str]], header_index: int, separator: str, first_line: int | None = None
                     ) -> list[str]:
    """Rows pasted from a file with another separator (``A2,Zoé,CH`` under a ``;`` header) are split with it
    when that gives exactly the header's cells; otherwise they stay one cell (and become error rows).
    ``first_line``: the file's line of the row after the header (a chunk of a streamed file)."""
    shift = 0 if first_line is None else first_line - header_index - 2
    width = len(rows[header_index])
    notes = []
    if width < 2:
        return notes
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        if len(row) != 1:
            continue
        for other in (";", ",", "\t"):
            if other != separator and other in row[0]:
                parts = next(csv.reader([row[0]], delimiter=other))
                if len(parts) == width:
                    rows[i] = parts
                    notes.append(f"ligne {i + 1 + shift} : séparateur « {other} » au lieu de « {separator} »")
                    break
    return notes


def check_package(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> None:
    """Refuse a workbook package that is not a zip, or that would unpack beyond the limits (zip bomb), or whose
    XML declares a DTD (entity attacks: billion laughs, external entities).

    Sizes are read from the zip's directory, before any part is decompressed; then only each XML part's
    prolog is read (:func:`xladdin.io.sheetscan.check_xml_parts`).
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            if total > max_unpacked:
                raise InputFileError("file_bomb", path=str(path), **_limits.sizes(total, max_unpacked))
            for info in infos:
                if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    packed = max(info.compress_size, 1)
                    raise InputFileError("file_bomb_ratio", path=str(path), part=info.filename,
                                         ratio=_limits.count(info.file_size // packed), max_ratio=MAX_RATIO,
                                         **_limits.sizes(info.file_size, packed),
                                         packed=_limits.size_text(packed), packed_en=_limits.size_text(packed, "en"))
            sheetscan.check_xml_parts(archive, path)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        # zlib.error: damaged deflate data; NotImplementedError: unknown compression; RuntimeError: encrypted part
        raise InputFileError("file_corrupt", path=str(path), detail=f"archive zip illisible ({exc})") from None


def _check_extent(path: Path, extent: sheetscan.Extent, limits: Limits, *, chosen: bool = True) -> None:
    """The limits on a sheet sized from its XML; a sheet that is not read counts by its cells only."""
    if chosen:
        _limits.check_rows(path, extent.data_rows, limits, last_line=extent.last_line)
        _limits.check_columns(path, extent.last_column, limits)
    _limits.check_cells(path, extent.last_line * extent.last_column, limits,       # the range starts at A1
                        lines=extent.last_line, columns=extent.last_column)


@dataclass
class Sheet:
    """A sheet of a workbook as listed in it: its name, type (WorkSheet, ChartSheet...) and visibility."""

    name: str
    type: str = "WorkSheet"
    visible: str = "Visible"

    @property
    def table(self) -> bool:
        return self.type == "WorkSheet"

    @property
    def shown(self) -> bool:
        return self.visible == "Visible"

    def why_skipped(self) -> str:
        if not self.table:
            return "graphique" if self.type == "ChartSheet" else f"pas un tableau ({self.type})"
        return "masquée" if self.visible == "Hidden" else "très masquée"


def _meta_text(value) -> str:
    return str(value).rsplit(".", 1)[-1]


class Workbook:
    """An opened workbook: its sheets (type, visibility) and, on demand, the rows of one, sized from its XML
    before it is expanded. ``.xls``/``.xlsb`` are read by a capped child process (:mod:`xladdin.io.isolated`):
    the sheet ``sheet`` names, or every visible worksheet."""

    def __init__(self, path: Path, limits: Limits, sheet: str | int | None = None):
        import zipfile

        self.path, self.limits = path, limits
        self.suffix = path.suffix.lower()
        self.extents: dict[str, sheetscan.Extent] = {}
        self.parts: dict[str, str] = {}
        self.loaded: dict[str, list] | None = None
        if self.suffix in ZIP_FORMATS:
            check_package(path, limits.max_unpacked)
        try:
            if self.suffix == ".ods":            # calamine expands every table when it opens an .ods
                with zipfile.ZipFile(path) as archive:
                    for name, extent in sheetscan.ods_extents(archive, path):
                        _check_extent(path, extent, limits, chosen=False)
                        self.extents[name] = extent
            if self.suffix in BINARY_FORMATS:    # cannot be sized before reading: read by a capped child process
                meta, self.loaded = isolated.read_sheets(path, sheet)
                self.sheets = [Sheet(name, typ, visible) for name, typ, visible in meta]
                return
            if self.suffix in (".xlsx", ".xlsm"):
                with zipfile.ZipFile(path) as archive:
                    self.parts = dict(sheetscan.xlsx_sheet_parts(archive, path))
            from python_calamine import CalamineWorkbook

            self.book = CalamineWorkbook.from_path(str(path))
            self.sheets = [Sheet(m.name, _meta_text(m.typ), _meta_text(m.visible)) for m in self.book.sheets_metadata]
        except InputFileError:
            raise
        except Exception as exc:  # calamine raises its own types for corrupt zips and XML
            raise InputFileError("file_corrupt", path=str(path), detail=str(exc)[:200]) from None

    def pick(self, sheet: str | int | None) -> Sheet:
        """The sheet named or numbered (a number: 0-based from Python, « 2 » from the command line: the second),
        or else the first visible worksheet."""
        if not self.sheets:
            raise InputFileError("file_no_sheet", path=str(self.path))
        names = [s.name for s in self.sheets]
        if sheet is None:
            shown = [s for s in self.sheets if s.table and s.shown]
            if not shown:
                raise InputFileError("file_no_sheet", path=str(self.path))
            return shown[0]
        found = None
        if isinstance(sheet, int) and -len(names) <= sheet < len(names):
            found = self.sheets[sheet]
        elif isinstance(sheet, str):
            found = next((s for s in self.sheets if s.name == sheet), None) or next(
                (s for s in self.sheets if s.name.strip().casefold() == sheet.strip().casefold()), None)
            if found is None and sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
                found = self.sheets[int(sheet) - 1]
        if found is None:
            raise InputFileError("sheet_missing", path=str(self.path), sheet=sheet, sheets=", ".join(names))
        if not found.table:
            what = "un graphique" if found.type == "ChartSheet" else f"une feuille {found.type}"
            raise XladdinError("sheet_not_table", path=str(self.path), sheet=found.name, what=what,
                               what_en="a chart" if found.type == "ChartSheet" else f"a {found.type}")
        return found

    def skipped(self, chosen: str) -> list[str]:
        """The sheets not read by default, and why (hidden, chart)."""
        return [f"{s.name} ({s.why_skipped()})" for s in self.sheets if s.name != chosen and not (s.table and s.shown)]

    def rows(self, name: str) -> list[list]:
        """The rows of sheet ``name`` from line 1, column A, without its trailing empty rows."""
        path = self.path
        try:
            extent = None
            if self.loaded is not None:
                if name not in self.loaded:           # a sheet the child was not asked for: ask for it
                    self.loaded.update(isolated.read_sheets(path, name)[1])
                rows = self.loaded[name]
            else:
                if self.suffix in (".xlsx", ".xlsm"):     # A1 + XFD1048576 would make calamine abort the process
                    extent = _check_xlsx(path, self.parts.get(name), name, self.limits)
                elif name in self.extents:
                    extent = self.extents[name]
                    _check_extent(path, extent, self.limits)
                rows = self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if extent is not None and extent.errors:
                sheetscan.restore_errors(rows, extent.errors)
        except InputFileError:
            raise
        except Exception as exc:  # calamine raises its own types for corrupt zips and XML
            raise InputFileError("file_corrupt", path=str(path), detail=str(exc)[:200]) from None
        # Trailing empty rows (sheets formatted down to row 1 048 576) are not data; calamine already leaves out
        # cells that carry only a format, so this loop is short.
        while rows and all(c == "" or c is None for c in rows[-1]):
            rows.pop()
        return rows

    def totals_lines(self, name: str) -> list[int]:
        """Lines of the totals rows of the Excel tables on sheet ``name`` (.xlsx only)."""
        import zipfile

        part = self.parts.get(name)
        if not part:
            return []
        with zipfile.ZipFile(self.path) as archive:
            return sheetscan.xlsx_totals_lines(archive, part, self.path)


def _check_xlsx(path: Path, part: str | None, chosen: str, limits: Limits) -> sheetscan.Extent:
    """The chosen worksheet, sized from its XML before calamine builds its dense range."""
    import zipfile

    if not part:
        raise InputFileError("file_corrupt", path=str(path), detail=f"feuille « {chosen} » sans partie XML")
    with zipfile.ZipFile(path) as archive:
        extent = sheetscan.xlsx_extent(archive, part, path)
    _check_extent(path, extent, limits)
    return extent


def _workbook_table(path: Path, rows: list[list], header_index: int | None, limits: Limits) -> RawTable:
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
    _limits.check_shape(path, len(rows) - header_index - 1, len(rows[0]), limits, last_line=len(rows))
    table = _frame(rows[header_index], rows[header_index + 1:], path)
    return RawTable(table, file_format=path.suffix.lower().lstrip("."), header_row=header_index + 1)


def _workbook_applicants(path: Path, sheet: str | int | None, limits: Limits) -> RawTable:
    """The sheet of a workbook holding applicants (a list or a form), or a clear refusal."""
    book = Workbook(path, limits, sheet)
    names = [s.name for s in book.sheets]
    kind = kinds.workbook_kind(names)
    if kind is not None:
        raise kinds.refuse(path, kind, origin=_report_origin(book) if kind == kinds.REPORT else "")
    if sheet is not None:
        candidates = [book.pick(sheet)]
    else:
        candidates = [s for s in book.sheets if s.table and s.shown]
        if not candidates:
            raise InputFileError("file_no_sheet", path=str(path))
    seen = []
    for s in candidates:
        rows = book.rows(s.name)
        seen.append((s, rows, kinds.classify(rows)))
    holding = [x for x in seen if x[2].holds_applicants]
    if len(holding) > 1:
        listed = ", ".join(f"« {s.name} »" for s, _, _ in holding)
        raise XladdinError("sheet_several", path=str(path), sheets=listed, first=holding[0][0].name)
    if not holding:
        _refuse_nothing(path, seen)
    chosen, rows, found = holding[0]
    totals = book.totals_lines(chosen.name) if found.kind == kinds.APPLICANTS else []
    table = _applicants_of(path, rows, found, limits, totals=totals, where=chosen.name)
    table.file_format = path.suffix.lower().lstrip(".")
    table.sheet = chosen.name
    table.skipped = book.skipped(chosen.name) + [
        f"{s.name} ({'vide' if f.kind == kinds.EMPTY else 'sans dossiers'})" for s, _, f in seen if s is not chosen]
    return table


def _report_origin(book: Workbook) -> str:
    """The input file a batch report names in its Audit sheet (second row, « Fichier d'entrée »)."""
    try:
        for row in book.rows("Audit")[:20]:
            if len(row) > 1 and str(row[0]).strip() in ("Fichier d'entrée", "Input file"):
                return str(row[1]).strip()
    except XladdinError:
        pass
    return ""


def _refuse_nothing(path: Path, seen: list) -> None:
    """No sheet holds applicants: say what the file is instead."""
    for _s, _rows, found in seen:
        if found.kind in kinds.WHAT:
            raise kinds.refuse(path, found.kind, detail=found.detail)
    if any(found.kind == kinds.APPLICANTS for _, _, found in seen):
        raise InputFileError("file_no_rows", path=str(path))
    if all(found.kind == kinds.EMPTY for _, _, found in seen):
        raise InputFileError("file_no_header", path=str(path))
    where = ", ".join(f"de la feuille « {s.name} »" for s, _, _ in seen) if seen and seen[0][0] else "du fichier"
    where_en = ", ".join(f"sheet '{s.name}'" for s, _, _ in seen) if seen and seen[0][0] else "the file"
    raise XladdinError("file_not_list", path=str(path), rows=kinds.HEADER_SCAN, where=where, where_en=where_en,
                       minimum=kinds.MIN_HEADER)


def _applicants_of(path: Path, rows: list[list], found, limits: Limits, *, totals=(), where: str = "",
                   csv_separator: str = "") -> RawTable:
    """The RawTable of one sheet (or CSV file) recognised as ``found``: a list or a form; else a refusal."""
    if found.kind == kinds.FORM:
        frame, lines = forms.read_form(path, rows, found.labels)
        first = lines.get("applicant_id", min(lines.values()))
        return RawTable(frame, header_row=first - 1, kind=kinds.FORM, cells=[lines], lines=[first])
    if found.kind != kinds.APPLICANTS or not found.data_rows:
        _refuse_nothing(path, [(Sheet(where) if where else None, rows, found)])
    header = found.header
    _limits.check_shape(path, len(rows) - header - 1, max(map(len, rows[header:])), limits, last_line=len(rows))
    _check_columns(path, rows[header], header)
    notes = _other_separator(rows, header, csv_separator) if csv_separator else []
    set_aside = []
    if any(any(c not in ("", None) for c in row) for row in rows[:header]):
        set_aside.append(f"lignes 1 à {header} : titre au-dessus de l'en-tête" if header > 1
                         else "ligne 1 : titre au-dessus de l'en-tête")
    data = rows[header + 1:]
    drop = {line - header - 2 for line in totals if 0 <= line - header - 2 < len(data)}
    if not drop and data and _sums_row(rows[header], data):
        drop = {len(data) - 1}
    lines = None
    if drop:
        for pos in sorted(drop):
            set_aside.append(f"ligne {header + 2 + pos} : ligne de total, pas un dossier")
        keep = [i for i in range(len(data)) if i not in drop]
        if keep and keep[-1] != len(keep) - 1:
            lines = [header + 2 + i for i in keep]
        data = [data[i] for i in keep]
    frame = _frame(rows[header], data, path)
    return RawTable(frame, header_row=header + 1, notes=notes, lines=lines, kind=kinds.APPLICANTS,
                    set_aside=set_aside)


def _check_columns(path: Path, header: list, index: int) -> None:
    """Refuse a header where two columns mean the same input, or without the file-number column."""
    from ..schema import BY_KEY, resolve_header

    seen: dict[str, tuple[str, int]] = {}
    for c, name in enumerate(header):
        key = resolve_header(name) if name not in ("", None) else None
        if key is None:
            continue
        if key in seen:
            first, at = seen[key]
            if first == str(name).strip():
                raise InputFileError("duplicate_header", path=str(path), header=first)
            raise XladdinError("duplicate_meaning", path=str(path), key=key, first=first,
                               first_at=f"colonne {sheetscan.column_letters(at + 1)}", second=str(name).strip(),
                               second_at=f"colonne {sheetscan.column_letters(c + 1)}")
        seen[key] = (str(name).strip(), c)
    missing = [f for f in BY_KEY.values() if f.required and f.key not in seen]
    if missing:
        raise XladdinError("file_missing_columns", path=str(path), line=index + 1,
                           columns=", ".join(f"« {f.label_fr} » ({f.key})" for f in missing))


def cell_number(v) -> float | None:
    """A cell as a number of a totals row (the reader's rules), None when it is empty or not a number."""
    from ..bursary.inputs import text_number

    if v in ("", None) or isinstance(v, bool):
        return None
    x = float(v) if isinstance(v, (int, float)) else text_number(str(v))
    return None if x != x else x


def total_label(header: list, row: list, keys: list | None = None):
    """The « Total » (Totaux, Summe...) cell of a row that says it is a totals row: its file-number cell, or, that
    one empty, its first cell (where Excel writes it); None for any other row."""
    from ..schema import resolve_header

    keys = keys if keys is not None else [resolve_header(h) if h not in ("", None) else None for h in header]
    if "applicant_id" not in keys:
        return None
    at = keys.index("applicant_id")
    label = row[at] if at < len(row) and row[at] not in ("", None) else next(
        (c for c in row if c not in ("", None)), None)
    return label if kinds.is_total_label(label) else None


def _sums_row(header: list, data: list[list]) -> bool:
    """The last row is a totals row: its file-number cell (or, that one empty, its first cell) says « Total »
    (Totaux, Summe...), its other cells are numbers only, and each amount it holds is the sum of the column
    above (a row holding nothing but « Total » adds nothing up, and is no applicant either)."""
    from ..schema import AMOUNT, BY_KEY, resolve_header

    keys = [resolve_header(h) if h not in ("", None) else None for h in header]
    last = data[-1]
    label = total_label(header, last, keys)
    if label is None:
        return False

    number = cell_number
    others = [c for c, v in enumerate(last) if v not in ("", None) and v is not label]
    if any(number(last[c]) is None for c in others):
        return False                          # a date, a word: a row of an applicant, whatever its file number
    for c in others:
        key = keys[c] if c < len(keys) else None
        if key is None or BY_KEY[key].kind != AMOUNT:
            continue                          # counts and averages of other columns say nothing either way
        column = sum(x for row in data[:-1] if c < len(row) and (x := number(row[c])) is not None)
        if abs(column - number(last[c])) > 0.5:
            return False
    return True


def _frame(header: list, rows: list[list], path: Path) -> pd.DataFrame:
    names = [str(h).strip() if h not in (None, "") else f"colonne_{i + 1}" for i, h in enumerate(header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise InputFileError("duplicate_header", path=str(path), header=name)
        seen[name] = i
    width = len(names)
    if all(len(row) == width for row in rows):           # a regular file: every row as wide as the header
        return pd.DataFrame(rows, columns=names, dtype=object) if rows else pd.DataFrame(columns=names, dtype=object)
    fixed = []
    for row in rows:
        row = list(row)
        if len(row) > width and any(c not in ("", None) for c in row[width:]):
            # cells beyond the header are kept under generated names rather than dropped
            for j in range(width, len(row)):
                names.append(f"colonne_{j + 1}")
            width = len(names)
        fixed.append((row + [""] * width)[:width])
    fixed = [r + [""] * (width - len(r)) if len(r) < width else r for r in fixed]   # rows before a wider one
    frame = pd.DataFrame(fixed, columns=names, dtype=object) if fixed else pd.DataFrame(columns=names, dtype=object)
    return frame


def describe(table: RawTable, lang: str = "fr") -> list[str]:
    """What was read, for the console: the sheet (or form, or files), the header line, lines and sheets set
    aside. Nothing about an applicant."""
    en = lang == "en"
    out = []
    if table.files:
        names = ", ".join(f"{f['name']} ({kinds.LABEL.get(f['kind'], ('', ''))[1 if en else 0]})" for f in table.files)
        out.append(f"{'Files read' if en else 'Fichiers lus'} : {len(table.files)} — {names}")
    elif table.kind == kinds.FORM:
        sheet = f", {'sheet' if en else 'feuille'} « {table.sheet} »" if table.sheet else ""
        out.append(f"{'Intake form read' if en else 'Formulaire de saisie lu'} : {table.source}{sheet} "
                   f"({'one applicant' if en else 'un dossier'})")
    elif table.file_format == "parquet":
        out.append(f"{'Parquet file read' if en else 'Fichier Parquet lu'} : {table.source} "
                   f"({len(table.frame.columns)} {'columns' if en else 'colonnes'})")
    elif table.file_format == "csv":
        out.append(f"{'CSV file read' if en else 'Fichier CSV lu'} : {table.source} ({'separator' if en else 'séparateur'}"
                   f" « {table.separator} », {'header on line' if en else 'en-tête ligne'} {table.header_row})")
    else:
        out.append(f"{'Sheet read' if en else 'Feuille lue'} : « {table.sheet} » {'of' if en else 'de'} {table.source} "
                   f"({'header on line' if en else 'en-tête ligne'} {table.header_row})")
    if table.set_aside:
        out.append(f"{'Lines not read' if en else 'Lignes non lues'} : " + " ; ".join(table.set_aside))
    if table.skipped:
        out.append(f"{'Sheets not read' if en else 'Feuilles non lues'} : " + ", ".join(table.skipped))
    return out
