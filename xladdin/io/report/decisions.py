"""Decisions sheet: one row per input row, in input order (spec §5: nothing dropped), as an Excel table.

Written with XlsxWriter's ``constant_memory`` mode in blocks of rows rendered column by column
(:class:`~xladdin.io.output.rows.RowSheet`: one block in memory at a time), CHF columns in the Swiss format,
autofilter and frozen header and file number. Applicants' text goes through the injection guard.
"""

from __future__ import annotations

from .. import output
from ..output.page import text_lines
from ..guard import is_dangerous
from .data import DECISION_COLUMNS, ReportData
from .styles import DECISIONS_TABLE, Styles

# Text columns that may narrow and wrap so that the sheet prints one landscape page wide at 8 pt or more.
# Each with the narrowest it may get (characters).
WRAP = {"applicant_id": 12, "last_name": 10, "first_name": 10, "programme_kind": 14, "level": 10, "status": 9,
        "reasons": 10, "independence": 10, "rules": 9}

# Columns a run adds when it has them: ``letter``, the decision letter written in the same run (import --letters).
EXTRA_COLUMNS = ("letter",)
LETTER_HEADERS = {"fr": "Lettre", "en": "Letter", "de": "Brief"}


def add_table(ws, n_rows: int, headers: list[str], name: str, style: str = "Table Style Medium 2") -> None:
    """Declare an Excel table over the header and ``n_rows`` rows of a ``constant_memory`` worksheet.

    XlsxWriter refuses ``add_table`` in ``constant_memory`` mode because it would write the header cells itself,
    and it records every cell of a table's range to detect overlaps (19 × 100 000 entries: seconds and hundreds
    of MB). A table part is only a reference to a range: it is declared over the header and one row, with the
    mode switched off for the call (before any row is written), then given its full range; the header cells are
    written again by the caller as streamed inline strings.
    """
    from xlsxwriter.utility import xl_range

    streaming = getattr(ws, "constant_memory", False)
    ws.constant_memory = False
    try:
        result = ws.add_table(0, 0, 1, len(headers) - 1,
                              {"name": name, "style": style, "columns": [{"header": h} for h in headers]})
    finally:
        ws.constant_memory = streaming
    if result not in (None, 0):
        raise RuntimeError(f"XlsxWriter refused the table {name} ({result})")
    full = xl_range(0, 0, max(n_rows, 1), len(headers) - 1)
    table = ws.tables[-1]
    for key in ("range", "a_range", "autofilter"):
        if table.get(key):
            table[key] = full
    if streaming:
        ws.table.clear()            # the header cells add_table stored; the caller streams them again


XLSX_ROWS = 1_048_576                 # rows of an .xlsx sheet (Excel's limit), the header's included


def write(wb, ws, data: ReportData, styles: Styles, progress=None) -> None:
    plan = begin(ws, data, styles, data.n)
    write_rows(ws, data, plan, 1, progress)
    if progress is not None:
        progress(data.n % PROGRESS_STEP)


PROGRESS_STEP = 5000


def begin(ws, data: ReportData, styles: Styles, n_rows: int) -> tuple:
    """The sheet's table over ``n_rows`` rows, its page set up for the columns of ``data`` (its first rows when
    the report is written in parts), the header; returns how to write the rows (:func:`write_rows`)."""
    check_rows(n_rows)
    keys = [k for k, *_ in DECISION_COLUMNS] + [k for k in EXTRA_COLUMNS if k in data.columns]
    headers = [data.headers[k] for k in keys]
    add_table(ws, n_rows, headers, DECISIONS_TABLE)
    widths = [output.content_width(_sample(data.columns[k], data.kinds[k]), h, header_lines=3)
              for k, h in zip(keys, headers)]
    page = output.setup_xlsxwriter(ws, output.Page(
        title=data.title(data.sheet_names["decisions"]), rules=data.rules_label, lang=data.lang, widths=widths,
        wrap={j for j, k in enumerate(keys) if k in WRAP},
        min_widths={j: WRAP[k] for j, k in enumerate(keys) if k in WRAP}, freeze_cols=2, landscape=True,
        when=data.started))
    ws.set_row(0, 15 * page.header_lines(headers))
    for j, h in enumerate(headers):
        ws.write_string(0, j, h, styles.head)
    plan = []
    for j, key in enumerate(keys):
        kind = data.kinds[key]
        fmt = styles.for_kind(kind) or (styles.cell_wrap if j in page.wrap else styles.cell)
        plan.append((j, kind != "text", fmt, styles.writer.quoted(fmt)))
    return keys, plan, page


def check_rows(n_rows: int) -> None:
    """Refuse a sheet of more rows than an .xlsx holds (XlsxWriter would drop the rows beyond, silently)."""
    if n_rows + 1 > XLSX_ROWS:
        from ...errors import XladdinError

        raise XladdinError("report_too_many_rows", rows=n_rows, limit=XLSX_ROWS - 1)


def write_rows(ws, data: ReportData, how: tuple, first: int, progress=None) -> None:
    """The decision rows of ``data``, from the sheet's row ``first`` on, in blocks of rows rendered column by
    column (:class:`~xladdin.io.output.rows.RowSheet`): each distinct value of a column is rendered once."""
    keys, plan, page = how
    columns = [data.columns[k] for k in keys]
    wrapped = _wrapping(page, columns)
    for start in range(0, data.n, PROGRESS_STEP):
        stop = min(start + PROGRESS_STEP, data.n)
        block = [c[start:stop] for c in columns]
        ws.write_columns(first + start, [(j, values, fmt, quoted, None if numeric else is_dangerous)
                                         for (j, numeric, fmt, quoted), values in zip(plan, block)],
                         _heights(block, wrapped))
        if progress is not None and stop - start == PROGRESS_STEP:
            progress(PROGRESS_STEP)


def _heights(block: list, wrapped: list) -> list | None:
    """Each row's height: 15 points a line of its most wrapped text (wrapped text shows whole, in print too),
    None for a row of one line; None for all when no text of these columns wraps."""
    if not wrapped:
        return None
    lines = None
    for j, width in wrapped:
        counted: dict = {}
        column = [counted[v] if v in counted else counted.setdefault(v, text_lines(v, width) if v else 1)
                  for v in block[j]]
        lines = column if lines is None else list(map(max, lines, column))
    return [15 * n if n > 1 else None for n in lines]


def _wrapping(page, columns: list) -> list[tuple[int, float]]:
    """The wrapped columns (with their text width) where a text of these rows may take more than one line, as
    :meth:`Page.row_lines` counts them: a column whose texts are all shorter than its line is left out."""
    out = []
    for j in sorted(page.wrap):
        width = page.widths[j] - 1
        room = max(1.0, width * 1.25)
        if any(v is not None and (type(v) is not str or len(v) > room or "\n" in v) for v in columns[j]):
            out.append((j, width))
    return out


def set_table_rows(ws, n_rows: int) -> None:
    """Give the sheet's table (declared before its rows were known) its ``n_rows`` rows."""
    from xlsxwriter.utility import xl_range

    table = ws.tables[-1]
    full = xl_range(0, 0, max(n_rows, 1), len(table["columns"]) - 1)
    for key in ("range", "a_range", "autofilter"):
        if table.get(key):
            table[key] = full


def _sample(values: list, kind: str) -> list:
    """What a column shows, for its width: money and counts as grouped text, a few thousand rows at most."""
    head = values[:2000]
    if kind == "text":
        return head
    return [None if v is None else output.money_text(v) for v in head]


def add_letters(data: ReportData, letters: dict[int, str]) -> None:
    """The ``letter`` column: each decision row's letter file (by row position), empty for a row without one."""
    data.columns["letter"] = [letters.get(i) for i in range(data.n)]
    data.headers["letter"] = LETTER_HEADERS.get(data.lang, LETTER_HEADERS["en"])
    data.kinds["letter"] = "text"
