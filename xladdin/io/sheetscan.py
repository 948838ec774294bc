"""Size a workbook's sheet from its XML before a spreadsheet library expands it (issue 7: bounded resources).

python-calamine builds a *dense* range from the first to the last filled cell: a 2 KB .xlsx holding ``A1`` and
``XFD1048576`` asks it for 17 billion cells, and the process aborts (Rust's allocator, no Python exception);
an .ods ``number-columns-repeated="16384"`` on a repeated row does the same. So the sheet's XML is read once,
streamed (decompressed chunk by chunk, never parsed into a tree), to find how far its *filled* cells reach;
the limits (:mod:`xladdin.io.limits`) are checked on that before calamine is called.

* Cells with a value (``<v>``, ``<is>``; ODS ``office:value-type``, ``<text:p>``) count; cells that only carry
  a format (a sheet formatted down to row 1 048 576) do not, nor does ``<dimension ref>``, which may lie.
* The few XML documents parsed as trees here (``_rels/.rels``, ``xl/workbook.xml`` and its relationships) go
  through ``defusedxml``; before anything, every XML part of the package is checked for a DTD (ECMA-376 Part 2,
  OPC M1.17: package XML never carries one), which is how entity attacks (billion laughs, external entities
  such as ``file:///etc/passwd``) begin.
* .xls (BIFF8) sheets stop at 65 536 × 256 cells, so their dense range is bounded; .xlsb is not scanned.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from ..errors import InputFileError

CHUNK = 1 << 22                     # 4 MB of decompressed XML at a time
MAX_CARRY = 1 << 28                 # a "row" longer than 256 MB is not a row
PROLOG_BYTES = 1 << 16              # where a DTD would have to be (before the root element)
MAX_TREE_PART = 16 << 20            # workbook.xml and relationships: small documents

_P = rb"(?:[A-Za-z_][\w.-]*:)?"     # any namespace prefix (<x:c>, as some .NET writers put it)
_HEAD = rb"<" + _P + rb"c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*(?<!/)>"
_TAIL = (rb"(?:\s*<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P + rb"f>))?\s*<" + _P + rb"(?:v>\s*[^<\s]|is\b)")
_VALUED = re.compile(_HEAD + _TAIL)
_VALUED_AT = re.compile(rb"[^>]*(?<!/)>" + _TAIL)                  # the rest of a cell tag, from after r="…"
_SHEETDATA_END = re.compile(rb"</" + _P + rb"sheetData>")
_ERROR_CELL = re.compile(rb"<" + _P + rb"c\b([^>]*?\st=\"e\"[^>]*)(?<!/)>\s*(?:<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P
                         + rb"f>)\s*)?<" + _P + rb"v>([^<]{1,64})</")
_REF = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
MAX_ERROR_CELLS = 1_000_000
_ROOT_OR_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY|<[A-Za-z_]", re.IGNORECASE)


@dataclass
class Extent:
    """How far a sheet's filled cells reach: 1-based lines and columns (0 when the sheet is empty).

    ``errors``: the sheet's error cells as ``(line, column, "#DIV/0!")``: python-calamine reads them as empty
    cells, which would let a ``#N/A`` in an amount column pass for "no amount" (see :func:`restore_errors`).
    """

    first_line: int = 0
    last_line: int = 0
    last_column: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def data_rows(self) -> int:
        """Lines below the first filled one (the header): what the row limit counts."""
        return max(self.last_line - self.first_line, 0)


# --- the package ----------------------------------------------------------------------------------------------

def check_xml_parts(archive: zipfile.ZipFile, path) -> None:
    """Refuse a package whose XML parts declare a DTD (entity attacks), reading only each part's prolog."""
    for info in archive.infolist():
        name = info.filename.lower()
        if not name.endswith((".xml", ".rels", ".vml")) or info.file_size == 0:
            continue
        with archive.open(info) as fh:
            head = fh.read(PROLOG_BYTES)
        found = _ROOT_OR_DTD.search(head)
        if found is None and len(head) == PROLOG_BYTES:
            raise InputFileError("file_corrupt", path=str(path),
                                 detail=f"{info.filename} : pas d'élément XML dans les {PROLOG_BYTES} premiers octets")
        if found is not None and found.group(0).upper() in (b"<!DOCTYPE", b"<!ENTITY"):
            raise InputFileError("file_xml_dtd", path=str(path), part=info.filename)


def _tree(archive: zipfile.ZipFile, part: str, path):
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        info = archive.getinfo(part)
    except KeyError:
        raise InputFileError("file_corrupt", path=str(path), detail=f"partie manquante : {part}") from None
    if info.file_size > MAX_TREE_PART:
        raise InputFileError("file_corrupt", path=str(path), detail=f"{part} démesuré ({info.file_size} octets)")
    try:
        return ET.fromstring(archive.read(part))
    except DefusedXmlException:
        raise InputFileError("file_xml_dtd", path=str(path), part=part) from None
    except (ET.ParseError, ValueError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise InputFileError("file_corrupt", path=str(path), detail=f"{part} : {exc}"[:200]) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _rels(archive: zipfile.ZipFile, part: str, path) -> dict[str, tuple[str, str]]:
    """``{Id: (type, part path)}`` of the relationships of ``part`` (targets resolved against its folder)."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    out = {}
    for rel in _tree(archive, rels_part, path):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return out


def xlsx_sheet_parts(archive: zipfile.ZipFile, path) -> list[tuple[str, str]]:
    """``[(sheet name, part path)]`` in the workbook's order, read from the package's relationships."""
    root_rels = _rels(archive, "", path)
    workbook = next((target for kind, target in root_rels.values() if kind.endswith("/officeDocument")), None)
    if workbook is None:
        raise InputFileError("file_corrupt", path=str(path), detail="partie manquante : xl/workbook.xml")
    tree = _tree(archive, workbook, path)
    rels = _rels(archive, workbook, path)
    out = []
    for element in tree.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        out.append((element.get("name", ""), rels.get(rid, ("", ""))[1]))
    return out


def xlsx_totals_lines(archive: zipfile.ZipFile, part: str, path) -> list[int]:
    """The lines of the totals rows of the Excel tables on worksheet ``part`` (``<tableParts>``, each table's
    ``ref`` and ``totalsRowCount``): a table's totals row sums its column, it is no applicant."""
    folder, name = posixpath.split(part)
    if posixpath.join(folder, "_rels", name + ".rels") not in archive.namelist():
        return []
    lines = []
    for kind, target in _rels(archive, part, path).values():
        if not kind.endswith("/table") or target not in archive.namelist():
            continue
        table = _tree(archive, target, path)
        count = int(table.get("totalsRowCount", "0") or 0)
        found = re.search(r"([0-9]+)$", table.get("ref", ""))
        if count > 0 and found is not None:
            last = int(found.group(1))
            lines.extend(range(last - count + 1, last + 1))
    return lines


# --- .xlsx / .xlsm: SpreadsheetML -------------------------------------------------------------------------------

def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16 384."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _greater_digits(n: int) -> str:
    """A regex for decimal numbers (no leading zero, at most 7 digits) greater than ``n``."""
    s = str(n)
    alternatives = [f"[1-9][0-9]{{{len(s)},6}}"] if len(s) < 7 else []
    for i, ch in enumerate(s):
        if ch != "9":
            low = int(ch) + 1
            alternatives.append(s[:i] + f"[{low}-9]" + f"[0-9]{{{len(s) - i - 1}}}")
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def _greater_letters(n: int) -> str:
    """A regex for column letters (at most 3) after column ``n`` (0 = any column)."""
    if n <= 0:
        return "[A-Z]{1,3}"
    s = column_letters(n)
    alternatives = [f"[A-Z]{{{len(s) + 1},3}}"] if len(s) < 3 else []
    for i, ch in enumerate(s):
        if ch != "Z":
            alternatives.append(s[:i] + f"[{chr(ord(ch) + 1)}-Z]" + f"[A-Z]{{{len(s) - i - 1}}}")
    return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


class _Beyond:
    """Finds filled cells beyond the extent seen so far (a later column, or a later line: unordered rows)."""

    def __init__(self):
        self.key = None
        self.pattern = None

    def search(self, extent: Extent, data: bytes, pos: int):
        key = (extent.last_line, extent.last_column)
        if key != self.key:
            self.key = key
            self.pattern = re.compile(("r=\"(?:(" + _greater_letters(extent.last_column) + ")([0-9]{1,7})|([A-Z]{1,3}+)("
                                       + _greater_digits(extent.last_line) + "))\"").encode())
        return self.pattern.search(data, pos)


def _last_valued(data: bytes):
    """The last filled cell of ``data`` (``(letters, digits)``), looking back from its last value tag."""
    end = -1
    for tail in (1 << 20, len(data)):                  # the last value tag is near the end: look there first
        start = max(0, len(data) - tail)
        end = max(data.rfind(m, start) for m in (b"<v>", b":v>", b"<is>", b":is>", b"<is ", b":is "))
        if end >= 0 or start == 0:
            break
    if end < 0:
        return None
    for back in (1 << 15, 1 << 20, len(data)):
        start = max(0, end - back)
        last = None
        for last in _VALUED.finditer(data, start, min(len(data), end + 64)):
            pass
        if last is not None:
            return last.group(1), last.group(2)
        if start == 0:
            return None
    return None


def _update(extent: Extent, letters: bytes, digits: bytes) -> None:
    line, column = int(digits), column_number(letters)
    extent.last_line = max(extent.last_line, line)
    extent.last_column = max(extent.last_column, column)
    if extent.first_line == 0 or line < extent.first_line:
        extent.first_line = line


def _scan_block(data: bytes, extent: Extent, beyond: _Beyond) -> bool:
    """Extend ``extent`` by the filled cells of ``data``; False when it holds values none of which has an
    ``r`` reference (the caller then reads it cell by cell)."""
    if b't="e"' in data and len(extent.errors) < MAX_ERROR_CELLS:     # error cells: rare, looked at one by one
        for m in _ERROR_CELL.finditer(data):
            ref = _REF.search(b" " + m.group(1))
            if ref is not None:
                text = m.group(2).decode("utf-8", "replace").strip()
                extent.errors.append((int(ref.group(2)), column_number(ref.group(1)), text))
    if extent.first_line == 0:
        first = _VALUED.search(data)
        if first is not None:
            _update(extent, first.group(1), first.group(2))
    last = _last_valued(data)
    if last is None:
        return not (b"<v>" in data or b":v>" in data or b"<is>" in data or b":is>" in data)
    _update(extent, *last)
    pos = 0
    while True:                                   # cells beyond what the last one says: rare, checked one by one
        hit = beyond.search(extent, data, pos)
        if hit is None:
            return True
        pos = hit.end()
        if hit.start() == 0 or data[hit.start() - 1] not in b" \t\r\n" or not _VALUED_AT.match(data, pos):
            continue
        letters, digits = (hit.group(1), hit.group(2)) if hit.group(1) else (hit.group(3), hit.group(4))
        _update(extent, letters, digits)


def restore_errors(rows: list[list], errors: list[tuple[int, int, str]]) -> None:
    """Put error cells' text (``#N/A``) back into rows read by calamine from line 1, column A (it gives ``""``),
    so that an error in an amount column is a row error, not a missing amount."""
    for line, column, text in errors:
        if 0 < line <= len(rows) and 0 < column <= len(rows[line - 1]) and rows[line - 1][column - 1] in ("", None):
            rows[line - 1][column - 1] = text


_TOKEN = re.compile(rb"<" + _P + rb"(row|c)(?=[\s>/])([^>]*?)(/?)>|</" + _P + rb"row>")
_ROW_R = re.compile(rb"\sr=\"([0-9]{1,7})\"")
_CELL_R = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_RLESS = re.compile(rb"<" + _P + rb"(?:c|row)(?=[\s>/])(?![^>]*\sr=\")")
_TAIL_AT = re.compile(_TAIL)


class _Exact:
    """Cell by cell, as calamine places them: a row or cell without ``r`` follows the previous one. Used for
    sheets written without references (allowed, rare), where the fast path would not see them."""

    def __init__(self, line: int = 0):
        self.line, self.column = line, 0

    def scan(self, data: bytes, extent: Extent) -> None:
        for m in _TOKEN.finditer(data):
            kind = m.group(1)
            if kind is None:                                   # </row>
                self.column = 0
            elif kind == b"row":
                ref = _ROW_R.search(m.group(2))
                self.line = int(ref.group(1)) if ref else self.line + 1
                self.column = 0
            else:
                ref = _CELL_R.search(m.group(2))
                if ref:
                    self.line, self.column = int(ref.group(2)), column_number(ref.group(1))
                else:
                    self.column += 1
                if not m.group(3) and _TAIL_AT.match(data, m.end()):
                    extent.last_line = max(extent.last_line, self.line)
                    extent.last_column = max(extent.last_column, self.column)
                    if extent.first_line == 0 or self.line < extent.first_line:
                        extent.first_line = self.line


def xlsx_extent(archive: zipfile.ZipFile, part: str, path) -> Extent:
    """How far the filled cells of worksheet ``part`` reach, streaming its XML once.

    Cells and rows are found by their ``r`` references (fast). From the first 4 MB block whose first 64 KB hold a
    row or a cell without one, or which has values but no referenced one, the sheet is read cell by cell
    (:class:`_Exact`): slower, and only for writers that leave references out.
    """
    extent, beyond, exact = Extent(), _Beyond(), None
    try:
        fh = archive.open(part)
    except KeyError:
        raise InputFileError("file_corrupt", path=str(path), detail=f"partie manquante : {part}") from None
    try:
        with fh:
            carry, started = b"", False
            while True:
                chunk = fh.read(CHUNK)
                data = carry + chunk
                if not started:
                    start = data.find(b"sheetData")
                    if start < 0 and chunk and len(data) < MAX_CARRY:
                        carry = data
                        continue
                    started = True
                    data = data[max(start, 0):]
                end = _SHEETDATA_END.search(data) if b"sheetData>" in data else None
                last = end is not None or not chunk
                if last:
                    block = data[: end.start()] if end is not None else data
                else:
                    cut = data.rfind(b"row>")                 # after a row, or else after a cell: never inside one
                    cut = cut + 4 if cut >= 0 else data.rfind(b"c>") + 2
                    if cut < 2:
                        if len(data) < MAX_CARRY:
                            carry = data
                            continue
                        cut = len(data)
                    block, carry = data[:cut], data[cut:]
                if exact is None and _RLESS.search(block, 0, block.rfind(b">", 0, 1 << 16) + 1):   # each block's
                    exact = _Exact(extent.last_line)                                         # first 64 KB
                if exact is None and not _scan_block(block, extent, beyond):
                    exact = _Exact(extent.last_line)           # values, none referenced: cell by cell from here
                if exact is not None:
                    exact.scan(block, extent)
                if last:
                    return extent
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise InputFileError("file_corrupt", path=str(path), detail=f"{part} : {exc}"[:200]) from None


# --- .ods: OpenDocument ----------------------------------------------------------------------------------------

_ODS_TABLE_NAMED = re.compile(rb"<table:table\b[^>]*?\stable:name=\"([^\"]*)\"[^>]*>")
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
_ODS_ROW_END = b"</table:table-row>"
_ODS_TABLE_END = b"</table:table>"
_ODS_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="([0-9]+)"')
_ODS_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="([0-9]+)"')
_ODS_VALUE_MARKS = (b"office:value-type=", b"<text:p", b"calcext:value-type=")


class _Stream:
    """Decompressed bytes of one part, read in chunks; ``drop`` forgets what has been scanned."""

    def __init__(self, fh):
        self.fh, self.data, self.done = fh, b"", False

    def more(self) -> bool:
        if self.done:
            return False
        chunk = self.fh.read(CHUNK)
        if not chunk:
            self.done = True
            return False
        self.data += chunk
        if len(self.data) > MAX_CARRY:
            raise ValueError("élément XML de plus de 256 Mo")
        return True

    def drop(self, pos: int) -> None:
        self.data = self.data[pos:]


_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_ERROR_TEXT = re.compile(rb"\s*<text:p>([^<]{1,64})</text:p>")


def _ods_errors(inner: bytes, line: int, times: int, extent: Extent) -> None:
    """Error cells of a row (``calcext:value-type="error"``, text ``#DIV/0!``): calamine reads them as empty."""
    column = 0
    for m in _ODS_CELL.finditer(inner):
        repeated = _ODS_COLUMNS_REPEATED.search(m.group(1))
        span = int(repeated.group(1)) if repeated else 1
        if b'value-type="error"' in m.group(1) and not m.group(2):
            text = _ODS_ERROR_TEXT.match(inner, m.end())
            if text is not None:
                message = text.group(1).decode("utf-8", "replace").strip()
                for r in range(min(times, 1000)):
                    for c in range(min(span, 1000)):
                        if len(extent.errors) < MAX_ERROR_CELLS:
                            extent.errors.append((line + 1 + r, column + 1 + c, message))
        column += span


def _ods_row_width(inner: bytes) -> int:
    """Columns up to the row's last filled cell, repeated cells counted as many times as they repeat."""
    mark = max(inner.rfind(m) for m in _ODS_VALUE_MARKS)
    if mark < 0:
        return 0
    tag_end = inner.find(b">", mark)
    if tag_end > 0 and inner[tag_end - 1:tag_end] == b"/" and inner.rfind(b"<", 0, mark) == inner.rfind(
            b"<table:", 0, mark):
        cut = tag_end + 1                                      # a self-closing cell holding its value
    else:
        close = inner.find(b"</table:table-cell>", mark)
        cut = close + 19 if close >= 0 else len(inner)
    head = inner[:cut]
    cells = head.count(b"<table:table-cell") + head.count(b"<table:covered-table-cell")
    return cells + sum(int(n) - 1 for n in _ODS_COLUMNS_REPEATED.findall(head) if int(n) > 1)


def ods_extents(archive: zipfile.ZipFile, path) -> list[tuple[str, Extent]]:
    """``[(table name, extent)]`` of every table of ``content.xml``, in order; a row repeated
    ``number-rows-repeated`` times and a cell ``number-columns-repeated`` times count as such.

    Every table, not only the one to read: calamine expands all the tables of an .ods when it opens it.
    """
    import html

    tables: list[tuple[str, Extent]] = []
    try:
        with archive.open("content.xml") as fh:
            s = _Stream(fh)
            extent = None
            line = 0
            while True:
                row = _ODS_ROW.search(s.data)
                table = _ODS_TABLE_NAMED.search(s.data)
                if table is not None and (row is None or table.start() < row.start()):
                    extent, line = Extent(), 0
                    tables.append((html.unescape(table.group(1).decode("utf-8", "replace")), extent))
                    s.drop(table.end())
                    continue
                if row is None:
                    s.drop(max(0, len(s.data) - 256))
                    if not s.more():
                        return tables
                    continue
                if row.group(2):                                # <table:table-row .../>: an empty row
                    inner, end = b"", row.end()
                else:
                    close = s.data.find(_ODS_ROW_END, row.end())
                    if close < 0:
                        if not s.more():
                            return tables
                        continue
                    inner, end = s.data[row.end():close], close + len(_ODS_ROW_END)
                repeated = _ODS_ROWS_REPEATED.search(row.group(1))
                times = int(repeated.group(1)) if repeated else 1
                width = _ods_row_width(inner)
                if width and extent is not None and b'value-type="error"' in inner:
                    _ods_errors(inner, line, times, extent)
                if width and extent is not None:
                    extent.first_line = extent.first_line or line + 1
                    extent.last_line = line + times
                    extent.last_column = max(extent.last_column, width)
                line += times
                s.drop(end)
    except KeyError:
        raise InputFileError("file_corrupt", path=str(path), detail="partie manquante : content.xml") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise InputFileError("file_corrupt", path=str(path), detail=f"content.xml : {exc}"[:200]) from None
