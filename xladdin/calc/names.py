"""The names xladdin's functions carry in Excel files, and the name Calc gives them (standard library only: the
Calc component imports this module in LibreOffice's own Python).

In an .xlsx file a formula calls a function by the name the writing program used:

* ``BURSARY(…)`` — the desktop add-in (xlwings' VBA functions are called by their own name), openpyxl, and the
  lists xladdin writes; any case (Calc reads ``bursary`` as well).
* ``_xldudf_XLADDIN_BURSARY(…)`` — Excel's own spelling of an Office.js custom function (xlwings Server, Excel
  on the web): ``_xldudf_`` then the add-in's namespace and the function, the dot made an underscore.
* ``XLADDIN.BURSARY(…)`` — the same function as Excel shows it, which openpyxl and xladdin's web-face lists write.
* ``_xludf.BURSARY(…)`` and ``_xll.BURSARY(…)`` — Excel's prefixes for a user-defined function whose name it
  also knows as a built-in one, and for an XLL add-in's function.

LibreOffice maps an imported name to an add-in function through the add-in's compatibility name
(``XCompatibilityNames``; ``BURSARY``), and writes that name back on export, in the versions that read them
for OOXML. Older versions (7.4 among them) read every one of these as an unknown function (``#NAME?``) and
write the add-in's programmatic name (``ORG.XLADDIN.CALC.FUNCTIONS.BURSARY``) back into an .xlsx; the component
then re-enters the formulas after loading (:func:`to_calc`) and rewrites the saved file (:func:`excel_names`).
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import zipfile
from xml.sax.saxutils import escape, unescape

NAMESPACE = "XLADDIN"                      # the Office.js add-in's namespace (xladdin.excel.server.NAMESPACE)
PROGRAMMATIC = "ORG.XLADDIN.CALC.FUNCTIONS."   # the add-in's service name, upper case, then the method
PLAIN, OFFICE_JS = "plain", "office.js"


def _call_pattern(displays) -> re.Pattern:
    return _compiled(tuple(displays))


@functools.lru_cache(maxsize=8)
def _compiled(displays: tuple) -> re.Pattern:
    names = "|".join(sorted((re.escape(d) for d in displays), key=len, reverse=True))
    prefix = rf"(?P<prefix>_xludf\.|_xll\.|_xldudf_{NAMESPACE}_|{NAMESPACE}\.)?"
    return re.compile(rf"(?<![\w.$]){prefix}(?P<name>{names})(?=\s*\()", re.IGNORECASE)


def _outside_strings(formula: str, replace) -> str:
    """Apply ``replace`` to the parts of ``formula`` outside its "text" literals."""
    parts = formula.split('"')
    return '"'.join(replace(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def to_calc(formula: str, displays) -> tuple[str | None, str | None]:
    """The formula with every Excel spelling of a function of ``displays`` (``BURSARY``, …) written as Calc
    reads it (``BURSARY``), and the file's spelling (``plain`` or ``office.js``); ``(None, None)`` when the
    formula calls none of them by such a name."""
    pattern = _call_pattern(displays)
    by_upper = {d.upper(): d for d in displays}
    found = []

    def fix(text: str) -> str:
        def one(m: re.Match) -> str:
            prefix = (m.group("prefix") or "").upper()
            found.append(OFFICE_JS if prefix.startswith(("_XLDUDF_", NAMESPACE + ".")) else PLAIN)
            return by_upper[m.group("name").upper()]

        return pattern.sub(one, text)

    out = _outside_strings(formula, fix)
    if not found:
        return None, None
    return out, (OFFICE_JS if OFFICE_JS in found else PLAIN)


def excel_name(display: str, style: str = PLAIN) -> str:
    """The name an .xlsx file gives the function ``display`` for the add-in of ``style``."""
    return f"_xldudf_{NAMESPACE}_{display}" if style == OFFICE_JS else display


# The elements of an .xlsx part that hold formulas: cells (f, x14's xm:f), conditional formats and validations
# (formula, formula1, formula2), defined names; text and cached values are data and stay as they are.
FORMULA_ELEMENT = re.compile(r"(<(?P<tag>(?:\w+:)?(?:f|formula[12]?|definedName))\b[^>]*>)([^<]*)(</(?P=tag)>)")


def excel_names(xml: str, methods: dict[str, str], style: str = PLAIN) -> str:
    """A saved part's XML with the add-in's programmatic names (``ORG.XLADDIN.CALC.FUNCTIONS.BURSARYTABLE``) in
    its formulas made the Excel names (``BURSARY_TABLE``); ``methods``: UNO method → display name. For the
    Office.js style the bare names a LibreOffice that writes compatibility names wrote get its prefix too."""
    by_upper = {m.upper(): d for m, d in methods.items()}
    pattern = re.compile(re.escape(PROGRAMMATIC) + r"(?P<method>\w+)(?=\s*\()", re.IGNORECASE)

    def one(m: re.Match) -> str:
        display = by_upper.get(m.group("method").upper())
        return m.group(0) if display is None else excel_name(display, style)

    bare = _call_pattern(methods.values())

    def office_js(m: re.Match) -> str:      # a bare name LibreOffice wrote itself (its compatibility name)
        return m.group(0) if m.group("prefix") else excel_name(by_display[m.group("name").upper()], OFFICE_JS)

    by_display = {d.upper(): d for d in methods.values()}

    def element(m: re.Match) -> str:
        text = unescape(m.group(3), {"&quot;": "\"", "&apos;": "'"})
        new = pattern.sub(one, text)
        if style == OFFICE_JS:
            new = _outside_strings(new, lambda part: bare.sub(office_js, part))
        if new == text:
            return m.group(0)
        return m.group(1) + escape(new, {'"': "&quot;"}) + m.group(4)

    return FORMULA_ELEMENT.sub(element, xml)


def rewrite_xlsx(path: str, methods: dict[str, str], style: str = PLAIN) -> bool:
    """Give the formulas of the .xlsx (or .xlsm) at ``path`` the Excel names of the functions for ``style``; the
    file is replaced by a complete new one (written beside it, then renamed), and only if a formula named one
    otherwise. Returns whether it was rewritten."""
    marker = PROGRAMMATIC.encode().lower()
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    changed = False
    parts = []
    for info, data in items:
        if info.filename.startswith("xl/") and info.filename.endswith(".xml") and (
                marker in data.lower() or style == OFFICE_JS):
            text = excel_names(data.decode("utf-8"), methods, style)
            changed = changed or text.encode("utf-8") != data
            data = text.encode("utf-8")
        parts.append((info, data))
    if not changed:
        return False
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".xladdin-", suffix=".xlsx", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info, data in parts:
                dst.writestr(info, data)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True
