"""Page setup of every sheet xladdin writes: A4, the orientation that fits, fit to width at a readable size,
repeated header rows, frozen panes, column widths from the content, a header and footer (title, rule set,
page x / y, date). One plan (:class:`Page`), applied to an XlsxWriter or an openpyxl sheet.

Sizes: a column of width ``w`` (Excel's unit: digits of the default 11 pt font) is ``7 w + 5`` pixels at 96 dpi
in Calibri, and about ``9.6 w + 5`` where Calibri is missing and a wider font stands in (LibreOffice on a server
with only DejaVu). Printed text must stay at 8 pt or more, so a sheet may be shrunk to 75 % at most:

- a sheet that fits one page wide even in the wider font is fitted to the page width (any font, any program);
- a wider one (narrowed wrapped text columns first) gets a fixed print scale at which it fits one page wide in
  Calibri (Excel); in a wider font it continues on a second page, its first columns repeated — never below 8 pt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from .words import KEYS, timestamp_text

A4 = 9                                   # paper code of A4 in both libraries
MARGIN_IN = 0.5                          # left/right margins (inches)
FONT_PT = 11                             # the workbook's default font
MIN_PT = 8                               # smallest printed text allowed
MIN_SCALE = 0.75                         # ≥ 8/11, with a little room for the renderer's rounding
PORTRAIT_IN = 8.27 - 2 * MARGIN_IN
LANDSCAPE_IN = 11.69 - 2 * MARGIN_IN
MIN_WIDTH, MAX_WIDTH = 5, 50
WRAP_MIN = 12                             # a wrapped text column is never narrower

PAGE_WORDS = {"fr": ("Page", "/", "Règles"), "en": ("Page", "of", "Rules"), "de": ("Seite", "/", "Regeln"),
              KEYS: ("Page", "/", "Rules")}


DIGIT_PX = 7.0                           # Calibri 11 at 96 dpi
WIDE_DIGIT_PX = 9.6                      # the stand-in font where Calibri is missing (measured: DejaVu Sans)


def px(width: float, digit: float = DIGIT_PX) -> float:
    return digit * width + 5


def capacity(landscape: bool, scale: float = MIN_SCALE) -> float:
    """Pixels of column width one page holds at ``scale``."""
    return (LANDSCAPE_IN if landscape else PORTRAIT_IN) * 96 / scale


def text_lines(text, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters (digits) wide (see :func:`_text_lines`);
    a column's repeated texts (levels, statuses, reasons) are counted once."""
    return _text_lines(text, width) if type(text) is str else _text_lines.__wrapped__(text, width)


@lru_cache(maxsize=4096)
def _text_lines(text, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters (digits) wide: words kept whole, a
    line holding about 1.25 characters per digit width (text is narrower than digits, in Calibri as in DejaVu)."""
    room = max(1.0, width * 1.25)
    count = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines, used = lines + 1, float(len(word))
            else:
                used += len(word) + (1 if used else 0)
            while used > room:                       # a word longer than the line breaks inside
                lines, used = lines + 1, used - room
        count += lines
    return max(1, count)


def content_width(values, header: str = "", minimum: float = MIN_WIDTH, maximum: float = MAX_WIDTH,
                  header_lines: int = 2) -> float:
    """A column's width from its longest value (the header may wrap over ``header_lines`` lines)."""
    longest = 0
    for i, v in enumerate(values):
        if i > 2000:                     # a sample is enough for a long column
            break
        if v is None:
            continue
        s = v if isinstance(v, str) else _shown(v)
        longest = max(longest, max((len(line) for line in s.splitlines()), default=0))
    head = min(max((len(w) for w in str(header).split()), default=0), 10)   # longer words may break
    head = max(head, -(-len(str(header)) // header_lines))
    return float(min(maximum, max(minimum, longest + 1, head + 1)))


def _shown(v) -> str:
    if isinstance(v, float):
        return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, (dt.date, dt.datetime)):
        return "00.00.0000 00:00" if isinstance(v, dt.datetime) else "00.00.0000"
    return str(v)


@dataclass
class Page:
    """How a sheet prints. ``widths`` are column widths; ``wrap`` the text columns allowed to narrow and wrap."""

    title: str
    rules: str = ""
    lang: str = "fr"
    widths: list[float] = field(default_factory=list)
    header_rows: int = 1                  # rows repeated on every page (0: none)
    freeze_cols: int = 0                  # columns frozen on screen (and repeated when printing across pages)
    freeze_rows: int | None = None        # default: the header rows
    landscape: bool | None = None         # None: the orientation that fits
    wrap: set[int] = field(default_factory=set)
    when: dt.datetime | None = None
    min_widths: dict[int, float] = field(default_factory=dict)   # a wrapped column's own minimum
    page_breaks: bool = False             # the sheet has manual page breaks (a chart after the tables): a fixed
                                          # scale, since "fit to width" makes Excel and LibreOffice ignore them
    fit_width: bool = True                # fit to the page width (else: the fixed ``scale``)
    scale: int = 100                      # print scale (percent) when not fitted to width

    def total(self, digit: float = WIDE_DIGIT_PX) -> float:
        return sum(px(w, digit) for w in self.widths)

    def plan(self) -> Page:
        """Choose the orientation, narrow wrapped columns if needed, choose fit to width or a fixed scale."""
        if self.landscape is None:
            self.landscape = self.total() > capacity(False)
        room = capacity(self.landscape)
        widths = list(self.widths)
        self._narrow(room, WIDE_DIGIT_PX)
        self.fit_width = self.total() <= room
        if self.fit_width and self.page_breaks:
            self.fit_width = False
            self.scale = int(max(MIN_SCALE, min(1.0, capacity(self.landscape, 1.0) / self.total())) * 100)
        elif not self.fit_width:                 # too wide for the stand-in font: fit Calibri at a fixed scale
            self.widths = widths
            self._narrow(room, DIGIT_PX)
            needed = capacity(self.landscape, 1.0) / self.total(DIGIT_PX)
            self.scale = int(max(MIN_SCALE, min(1.0, needed)) * 100)
        return self

    def _narrow(self, room: float, digit: float) -> None:
        """The wrapped columns give up width in proportion to what they have above their minimum (a long
        description stays wider than an article), no column below its own minimum."""
        excess = (self.total(digit) - room) / digit
        if excess <= 0 or not self.wrap:
            return
        excess += 0.5                            # half a character to spare: exactly full is not "fits"
        floor = {j: min(self.widths[j], self.min_widths.get(j, WRAP_MIN)) for j in self.wrap}
        spare = sum(self.widths[j] - floor[j] for j in self.wrap)
        keep = max(0.0, 1 - excess / spare) if spare else 1.0
        for j in self.wrap:
            self.widths[j] = floor[j] + (self.widths[j] - floor[j]) * keep

    def header_lines(self, heads) -> int:
        """Lines the wrapped header row needs, counted in the wider stand-in font (so nothing is cut)."""
        lines = 1
        for h, w in zip(heads, self.widths):
            per_line = max(1, int((w - 1) * DIGIT_PX / WIDE_DIGIT_PX))
            words, line, n = str(h).split(), 0, 1
            for word in words:
                size = len(word)
                if line and line + 1 + size > per_line:
                    n, line = n + 1, 0
                line = line + (1 if line else 0) + size
                while line > per_line:
                    n, line = n + 1, line - per_line
            lines = max(lines, n)
        return lines

    def row_lines(self, texts) -> int:
        """How many lines a row's wrapped cells take (``texts``: one value per column, None for none)."""
        lines = 1
        for j in self.wrap:
            v = texts[j] if j < len(texts) else None
            if v:
                lines = max(lines, text_lines(v, self.widths[j] - 1))
        return lines

    def header_text(self) -> str:
        title = _escape(self.title)[:120]
        rules = _escape(self.rules)[:120]
        if rules and len(title) + len(rules) > (HEADER_CHARS_LANDSCAPE if self.landscape else HEADER_CHARS_PORTRAIT):
            return f'&L&"-,Bold"{title}\n&"-,Regular"{rules}'     # side by side they would overprint: two lines
        return f'&L&"-,Bold"{title}' + (f"&R{rules}" if rules else "")

    def footer_text(self) -> str:
        page, of, _ = PAGE_WORDS.get(self.lang, PAGE_WORDS["fr"])
        return f"&L{_escape(timestamp_text(self.when))}&R{page} &P {of} &N"


# Characters of header text an A4 line holds beside each other (title left, rule sets right), in the wide stand-in
# font LibreOffice prints with.
HEADER_CHARS_PORTRAIT, HEADER_CHARS_LANDSCAPE = 80, 125


def _escape(text: str) -> str:
    return str(text).replace("&", "&&")


def setup_xlsxwriter(ws, page: Page) -> Page:
    """Apply ``page`` to an XlsxWriter worksheet (call before its rows are written in constant_memory mode)."""
    page.plan()
    for j, w in enumerate(page.widths):
        ws.set_column(j, j, w)
    ws.set_paper(A4)
    if page.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.75, bottom=0.75)
    ws.set_header(page.header_text(), {"margin": 0.3})
    ws.set_footer(page.footer_text(), {"margin": 0.3})
    freeze_rows = page.header_rows if page.freeze_rows is None else page.freeze_rows
    if freeze_rows or page.freeze_cols:
        ws.freeze_panes(freeze_rows, page.freeze_cols)
    if page.header_rows:
        ws.repeat_rows(0, page.header_rows - 1)
    if page.fit_width:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(page.scale)
        if page.freeze_cols:
            ws.repeat_columns(0, page.freeze_cols - 1)
    return page


def setup_openpyxl(ws, page: Page) -> Page:
    """Apply ``page`` to an openpyxl worksheet; widths default to the content of its cells."""
    from openpyxl.utils import get_column_letter

    if not page.widths:
        page.widths = openpyxl_widths(ws, page.header_rows)
    page.plan()
    for j, w in enumerate(page.widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if page.landscape else "portrait"
    ws.page_margins.left = ws.page_margins.right = MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.left.text = _escape(page.title)[:120]
    ws.oddHeader.left.font = "-,Bold"
    if page.rules:
        ws.oddHeader.right.text = _escape(page.rules)[:90]
    page_word, of, _ = PAGE_WORDS.get(page.lang, PAGE_WORDS["fr"])
    ws.oddFooter.left.text = _escape(timestamp_text(page.when))
    ws.oddFooter.right.text = f"{page_word} &P {of} &N"
    freeze_rows = page.header_rows if page.freeze_rows is None else page.freeze_rows
    if freeze_rows or page.freeze_cols:
        ws.freeze_panes = ws.cell(row=freeze_rows + 1, column=page.freeze_cols + 1).coordinate
    if page.header_rows:
        ws.print_title_rows = f"1:{page.header_rows}"
    if page.fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.page_setup.scale = page.scale
        if page.freeze_cols:
            ws.print_title_cols = f"A:{get_column_letter(page.freeze_cols)}"
    return page


def openpyxl_widths(ws, header_rows: int = 1) -> list[float]:
    """Column widths from an openpyxl sheet's content (headers may wrap over two lines)."""
    widths = []
    for j, column in enumerate(ws.iter_cols(values_only=True), start=1):
        head = " ".join(str(v) for v in column[:header_rows] if v is not None)
        widths.append(content_width(column[header_rows:], head))
    return widths


def chart_anchor(ws, last_row: int, gap: int = 2) -> int:
    """The row where a chart goes below a table ending at ``last_row`` (XlsxWriter): a page break before it,
    so the chart is never cut across two pages."""
    row = last_row + gap
    breaks = list(getattr(ws, "hbreaks", []) or [])
    ws.set_h_pagebreaks(sorted(set(breaks + [row])))
    return row + 1            # one row below the break: a chart on the boundary would print a sliver before it


__all__ = ["Page", "setup_xlsxwriter", "setup_openpyxl", "content_width", "openpyxl_widths", "chart_anchor",
           "MIN_PT", "A4"]
