"""Read applicant lists and other tables from .csv, .xlsx, .xlsm, .xls and .ods files.

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

from ..errors import InputFileError
from . import limits as _limits
from . import isolated, sheetscan
from .limits import Limits

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
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

    def line_of(self, position: int) -> int:
        """The file's line number (1-based, as a spreadsheet shows it) of data row ``position`` (0-based)."""
        return self.header_row + 1 + position


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_table(path: str | Path, *, sheet: str | int | None = None, max_bytes: int | None = None,
               max_rows: int | None = None, limits: Limits | None = None) -> RawTable:
    """Read the first sheet (or ``sheet``) of a workbook, or a CSV file, into a DataFrame of raw cells.

    ``limits`` (default: :class:`~xladdin.io.limits.Limits` with the ``XLADDIN_MAX_*`` environment variables)
    bound the file size, data rows, columns and cells; a file beyond them is refused before it is expanded.
    """
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
    if suffix in WORKBOOK_SUFFIXES:
        table = _read_workbook(path, sheet, limits)
    elif suffix in CSV_SUFFIXES:
        table = _read_csv(path, limits)
    else:
        raise InputFileError("file_format", path=str(path), suffix=suffix or "(aucune)")
    table.source = path.name
    table.sha256 = sha256_of(path)
    return table


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


def _read_csv(path: Path, limits: Limits) -> RawTable:
    data = path.read_bytes()
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError("file_binary", path=str(path))
    text, encoding = _decode(data, path)
    if "\x00" in text:
        raise InputFileError("file_binary", path=str(path))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(separator) == 0:
        separator = ","
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
    header_index = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
    _limits.check_shape(path, len(rows) - header_index - 1, max(map(len, rows[header_index:])), limits)
    notes = _other_separator(rows, header_index, separator)
    table = _frame(rows[header_index], rows[header_index + 1:], path)
    return RawTable(table, file_format="csv", encoding=encoding, separator=separator,
                    header_row=header_index + 1, notes=notes)


def _other_separator(rows: list[list[str]], header_index: int, separator: str) -> list[str]:
    """Rows pasted from a file with another separator (``A2,Zoé,CH`` under a ``;`` header) are split with it
    when that gives exactly the header's cells; otherwise they stay one cell (and become error rows)."""
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
                    notes.append(f"ligne {i + 1} : séparateur « {other} » au lieu de « {separator} »")
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


def _check_ods(path: Path, sheet: str | int | None, limits: Limits) -> sheetscan.Extent | None:
    """Every table of an .ods, sized before calamine opens it (it expands them all at once); returns the
    extent of the one to read."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        tables = sheetscan.ods_extents(archive, path)
    names = [name for name, _ in tables]
    if sheet is None:
        index = 0
    elif isinstance(sheet, int):
        index = sheet % len(names) if names else None
    else:
        index = names.index(sheet) if sheet in names else None
    for i, (_name, extent) in enumerate(tables):
        _check_extent(path, extent, limits, chosen=i == index)
    return tables[index][1] if index is not None and tables else None


def _xlsx_parts(path: Path) -> dict[str, str]:
    """``{sheet name: worksheet part}`` from the package's relationships (defusedxml)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return dict(sheetscan.xlsx_sheet_parts(archive, path))


def _check_xlsx(path: Path, part: str | None, chosen: str, limits: Limits) -> sheetscan.Extent:
    """The chosen worksheet, sized from its XML before calamine builds its dense range."""
    import zipfile

    if not part:
        raise InputFileError("file_corrupt", path=str(path), detail=f"feuille « {chosen} » sans partie XML")
    with zipfile.ZipFile(path) as archive:
        extent = sheetscan.xlsx_extent(archive, part, path)
    _check_extent(path, extent, limits)
    return extent


def _chosen_sheet(path: Path, names: list[str], sheet: str | int | None) -> str:
    """The sheet to read: the first, or the one named or numbered; a clear error otherwise."""
    if not names:
        raise InputFileError("file_no_sheet", path=str(path))
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and -len(names) <= sheet < len(names):
        return names[sheet]
    if sheet in names:
        return sheet
    raise InputFileError("sheet_missing", path=str(path), sheet=sheet, sheets=", ".join(names))


def _read_workbook(path: Path, sheet: str | int | None, limits: Limits) -> RawTable:
    suffix = path.suffix.lower()
    if suffix in ZIP_FORMATS:
        check_package(path, limits.max_unpacked)
    extent = None
    try:
        if suffix == ".ods":
            extent = _check_ods(path, sheet, limits)
        if suffix in BINARY_FORMATS:          # cannot be sized before reading: read by a capped child process
            names, chosen, rows = isolated.read_sheet(path, sheet)
            _chosen_sheet(path, names, sheet)
        else:
            parts = _xlsx_parts(path) if suffix in (".xlsx", ".xlsm") else None
            from python_calamine import CalamineWorkbook
            book = CalamineWorkbook.from_path(str(path))
            chosen = _chosen_sheet(path, book.sheet_names, sheet)
            if parts is not None:                 # A1 + XFD1048576 would make calamine abort the process
                extent = _check_xlsx(path, parts.get(chosen), chosen, limits)
            rows = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
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
    header_index = next((i for i, r in enumerate(rows) if any(c not in ("", None) for c in r)), None)
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
    _limits.check_shape(path, len(rows) - header_index - 1, len(rows[0]), limits, last_line=len(rows))
    table = _frame(rows[header_index], rows[header_index + 1:], path)
    return RawTable(table, file_format=path.suffix.lower().lstrip("."), sheet=chosen, header_row=header_index + 1)


def _frame(header: list, rows: list[list], path: Path) -> pd.DataFrame:
    names = [str(h).strip() if h not in (None, "") else f"colonne_{i + 1}" for i, h in enumerate(header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise InputFileError("duplicate_header", path=str(path), header=name)
        seen[name] = i
    width = len(names)
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
