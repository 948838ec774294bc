"""Read applicant lists and other tables from .csv, .xlsx, .xlsm, .xls and .ods files.

Cells come back as read (text for CSV; numbers, dates and text for workbooks): parsing and validation are the
schema's job (``xladdin.bursary.inputs``), so a bad cell becomes a row error instead of a failed read.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputFileError

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ROWS = 1_100_000
DEFAULT_MAX_UNPACKED = 1024 * 1024 * 1024        # a workbook's parts, unpacked
MAX_RATIO = 200                                  # unpacked / packed, per part: beyond is a decompression bomb
ZIP_FORMATS = {".xlsx", ".xlsm", ".xlsb", ".ods"}


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


def read_table(path: str | Path, *, sheet: str | int | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               max_rows: int = DEFAULT_MAX_ROWS) -> RawTable:
    """Read the first sheet (or ``sheet``) of a workbook, or a CSV file, into a DataFrame of raw cells."""
    path = Path(path)
    if not path.exists():
        raise InputFileError("file_missing", path=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputFileError("file_empty", path=str(path))
    if size > max_bytes:
        raise InputFileError("file_too_large", path=str(path), size=size, limit=max_bytes)
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        table = _read_workbook(path, sheet, max_rows)
    elif suffix in CSV_SUFFIXES:
        table = _read_csv(path, max_rows)
    else:
        raise InputFileError("file_format", path=str(path), suffix=suffix or "(aucune)")
    table.source = path.name
    table.sha256 = sha256_of(path)
    return table


def _read_csv(path: Path, max_rows: int) -> RawTable:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; kept for clarity
        raise InputFileError("file_encoding", path=str(path))
    if "\x00" in text:
        raise InputFileError("file_binary", path=str(path))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(separator) == 0:
        separator = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = []
    for row in reader:
        if len(rows) > max_rows:
            raise InputFileError("too_many_rows", path=str(path), limit=max_rows)
        rows.append(row)
    header_index = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
    table = _frame(rows[header_index], rows[header_index + 1:], path)
    return RawTable(table, file_format="csv", encoding=encoding.replace("-sig", ""), separator=separator,
                    header_row=header_index + 1)


def check_package(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED) -> None:
    """Refuse a workbook package that is not a zip, or that would unpack beyond the limits (zip bomb).

    Read from the zip's directory only, before any part is decompressed.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputFileError("file_corrupt", path=str(path), detail=f"archive zip illisible ({exc})") from None
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise InputFileError("file_bomb", path=str(path), size=total, limit=max_unpacked)
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputFileError("file_bomb", path=str(path), size=info.file_size, limit=max_unpacked)


def _read_workbook(path: Path, sheet: str | int | None, max_rows: int) -> RawTable:
    if path.suffix.lower() in ZIP_FORMATS:
        check_package(path)
    try:
        from python_calamine import CalamineWorkbook
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if not names:
            raise InputFileError("file_no_sheet", path=str(path))
        if sheet is None:
            chosen = names[0]
        elif isinstance(sheet, int):
            chosen = names[sheet]
        elif sheet in names:
            chosen = sheet
        else:
            raise InputFileError("sheet_missing", path=str(path), sheet=sheet, sheets=", ".join(names))
        rows = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except InputFileError:
        raise
    except Exception as exc:  # calamine raises its own types for corrupt zips and XML
        raise InputFileError("file_corrupt", path=str(path), detail=str(exc)[:200]) from None
    # Trailing empty rows (sheets formatted down to row 1 048 576) are not data.
    while rows and all(c == "" or c is None for c in rows[-1]):
        rows.pop()
    if len(rows) > max_rows + 1:
        raise InputFileError("too_many_rows", path=str(path), limit=max_rows)
    header_index = next((i for i, r in enumerate(rows) if any(c not in ("", None) for c in r)), None)
    if header_index is None:
        raise InputFileError("file_no_header", path=str(path))
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
