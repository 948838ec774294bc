"""What every generated template shares: descriptions, styles, dropdown lists, validation, xlwings.conf, saving.

Every field's label, help, article, allowed values, bounds and cell format come from :mod:`xladdin.schema`;
the YAML descriptions under ``templates/`` only say which fields go where.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from ... import schema
from ...io import formats
from ...io.guard import set_cell
from ...io.yamlfile import load_yaml
from ...schema import AMOUNT, BOOL, DATE, ENUM, INT, RATIO, TEXT

UDF_MODULE = "xladdin.excel.udfs"
ADDIN_NAMESPACE = "XLADDIN"
LISTS_SHEET = {"fr": "Listes", "en": "Lists", "de": "Listen"}
YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no"), "de": ("ja", "nein")}
# The few words the templates write themselves (labels, help, values and articles come from xladdin.schema).
WORDS = {
    "empty": {"fr": "Vide = ", "en": "Empty = ", "de": "Leer = "},
    "choose": {"fr": "Choisir une valeur de la liste.", "en": "Choose a value from the list.",
               "de": "Einen Wert aus der Liste wählen."},
    "whole": {"fr": "nombre entier", "en": "whole number", "de": "ganze Zahl"},
    "number": {"fr": "nombre", "en": "number", "de": "Zahl"},
    "and": {"fr": "et", "en": "and", "de": "und"},
    "enter": {"fr": "Saisir un {what} {bound}.", "en": "{what} {bound}", "de": "Eine {what} {bound} eingeben."},
    "date": {"fr": "Saisir une date jj.mm.aaaa.", "en": "Enter a date dd.mm.yyyy.", "de": "Ein Datum TT.MM.JJJJ eingeben."},
    "iso2": {"fr": "Code pays ISO à 2 lettres (CH, FR, ...).", "en": "2-letter ISO code (CH, FR, ...).",
             "de": "ISO-Ländercode mit 2 Buchstaben (CH, DE, ...)."},
    "bool_list": {"fr": "oui_non", "en": "yes_no", "de": "ja_nein"},
}
LANGS = ("fr", "en", "de")

INPUT_FILL = PatternFill("solid", start_color="FFF2CC")       # the yellow clerks know as "fill this in"
RESULT_FILL = PatternFill("solid", start_color="E2EFDA")
HEADER_FILL = PatternFill("solid", start_color="1F4E78")
SECTION_FILL = PatternFill("solid", start_color="DDEBF7")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, size=11, color="595959")     # prints at 8 pt or more once fitted (>= 73 %)
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)


# --- descriptions ---------------------------------------------------------------------------------------------

def templates_dir() -> Path:
    """Where the YAML template descriptions live: ``$XLADDIN_TEMPLATES`` or the repository's ``templates/``."""
    env = os.environ.get("XLADDIN_TEMPLATES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "templates"


def load_description(kind: str) -> dict:
    """The YAML description of a template kind (``templates/<kind>.yaml``), read by the bounded loader."""
    path = templates_dir() / f"{kind}.yaml"
    desc = load_yaml(path)
    if desc.get("kind") != kind:
        raise ValueError(f"{path}: kind is {desc.get('kind')!r}, expected {kind!r}")
    return desc


def text(node, lang: str) -> str:
    """A ``{fr: ..., en: ...}`` node in the chosen language (French when a language is missing)."""
    if isinstance(node, dict):
        return str(node.get(lang) or node.get("fr") or "")
    return "" if node is None else str(node)


DEFAULT_RULES = "GE"


def canton_of(rules: str | None) -> str:
    """The canton a template is for: that of its rule set or canton key (``ZH-2021``, ``BE``); Geneva by default."""
    from ... import rules as rules_mod

    return rules_mod.canton_of(rules) if rules else "GE"


def citation_for(rules: str | None):
    """How a form cites a field's article: the parts that cite the canton's own laws (a Geneva form shows
    ``LBPE art. 18 al. 6``, not Zurich's VAB; a Zurich form ``VAB § 23 Abs. 2``, not Geneva's LBPE)."""
    from ... import rules as rules_mod

    ruleset = rules_mod.load(rules or DEFAULT_RULES)
    if canton_of(rules) == "GE":
        return lambda article, field=None: ruleset.own_citation(article)

    geneva = frozenset(rules_mod.load("GE").laws) - {"concordat"}      # the intercantonal text is everyone's

    def cite(article: str, field: schema.Field | None = None) -> str:
        # The rule set's own article for an input (its ``inputs:`` block) wins: a shared field cites the canton's text.
        if field is not None and field.key in ruleset.inputs:
            return ruleset.inputs[field.key]
        # A field first written for Geneva cites Geneva's LBPE, RBPE…: never this canton's laws of the same
        # abbreviation (Fribourg's LBPE and RBPE are other laws); its other parts (VAB, ABV) stay.
        if field is not None and (not field.cantons or field.cantons[0] == "GE"):
            return ruleset.own_citation(article, exclude=geneva)
        return ruleset.own_citation(article)

    return cite


def fields_of(selector, canton: str = "GE") -> list[schema.Field]:
    """Fields named by a description: ``all``, ``{group: name}`` (the fields the canton reads) or a list of keys
    (unknown keys are errors)."""
    if selector == "all":
        return list(schema.fields_for(canton))
    if isinstance(selector, dict) and "group" in selector:
        return [f for f in schema.fields_for(canton) if f.group == selector["group"]]
    unknown = [k for k in selector if k not in schema.BY_KEY]
    if unknown:
        raise ValueError(f"unknown schema keys in template description: {unknown}")
    return [schema.BY_KEY[k] for k in selector]


# --- cells ----------------------------------------------------------------------------------------------------

def number_format(f: schema.Field) -> str | None:
    return {AMOUNT: formats.CHF, DATE: formats.DATE, INT: formats.INTEGER, RATIO: formats.RATIO}.get(f.kind)


def choices(f: schema.Field, lang: str) -> list[str]:
    """What a dropdown offers for a field: value labels of an enum (the engine reads labels and codes), oui/non."""
    if f.kind == BOOL:
        return list(YES_NO[lang])
    if f.kind == ENUM:
        return [f.value_label(code, lang) for code in f.values]
    return []


def cell_value(f: schema.Field, value, lang: str):
    """A parsed input value as the template shows it (label for a code, oui/non, a date, an int when whole)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:      # NaN
        return None
    if f.kind == BOOL:
        return YES_NO[lang][0] if bool(value) else YES_NO[lang][1]
    if f.kind == ENUM:
        if isinstance(value, str):
            code = value
        else:
            code = f.values[int(value)] if int(value) >= 0 else None
        return f.value_label(code, lang) if code else None
    if f.kind == DATE:
        import numpy as np
        if isinstance(value, np.datetime64):
            if np.isnat(value):
                return None
            return value.astype("datetime64[D]").astype(dt.date)
        return value
    if f.kind in (AMOUNT, INT, RATIO):
        number = float(value)
        return int(number) if number.is_integer() else number
    return str(value)


def help_text(f: schema.Field, lang: str, cite=None) -> str:
    """The comment on a field's label: its help (French or English; a German form keeps to the label, the
    default and the article), what an empty cell means, the article (as ``cite``, see :func:`citation_for`)."""
    parts = [f.help(lang)] if f.help(lang) and lang != "de" else []
    if f.default is not None and f.kind != TEXT:
        shown = cell_value(f, f.default, lang)
        parts.append(WORDS["empty"][lang] + str(shown))
    article = cite(f.article, f) if cite else f.article      # the field: its canton's article, not a namesake
    if article:
        parts.append(article)
    return "\n".join(parts)


def comment(f: schema.Field, lang: str, cite=None) -> Comment | None:
    body = help_text(f, lang, cite)
    if not body:
        return None
    c = Comment(body, "xladdin")
    c.width, c.height = 300, 110
    return c


class Validations:
    """Data validations of one sheet, one rule object per (kind, bounds), each applied to many cells."""

    def __init__(self, ws, lists: dict[str, str], lang: str):
        self.ws, self.lists, self.lang = ws, lists, lang
        self._rules: dict[tuple, DataValidation] = {}

    def add(self, f: schema.Field, ref: str, first_cell: str) -> None:
        rule = self._rule(f, first_cell)
        if rule is not None:
            rule.add(ref)

    def _rule(self, f: schema.Field, first_cell: str) -> DataValidation | None:
        lang = self.lang
        if f.kind in (ENUM, BOOL):
            key = ("list", f.key if f.kind == ENUM else "bool")
            if key not in self._rules:
                source = self.lists[f.key if f.kind == ENUM else "__bool__"]
                dv = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
                dv.error = WORDS["choose"][lang]
                self._finish(dv, key)
            return self._rules[key]
        if f.kind in (INT, AMOUNT, RATIO):
            lo = f.minimum if f.minimum is not None else -1e12
            hi = f.maximum if f.maximum is not None else 1e12
            key = ("num", f.kind, lo, hi, f.min_exclusive, first_cell if f.min_exclusive else "")
            if key not in self._rules:
                if f.min_exclusive:
                    # "greater than lo and at most hi" is not one of the built-in operators: a custom rule.
                    dv = DataValidation(type="custom", allow_blank=True,
                                        formula1=f"AND(ISNUMBER({first_cell}),{first_cell}>{_n(lo)},"
                                                 f"{first_cell}<={_n(hi)})")
                else:
                    dv = DataValidation(type="whole" if f.kind == INT else "decimal", operator="between",
                                        formula1=_n(lo), formula2=_n(hi), allow_blank=True)
                bound = (f"> {_n(lo)}" if f.min_exclusive else f">= {_n(lo)}") + \
                    (f" {WORDS['and'][lang]} <= {_n(hi)}" if f.maximum is not None else "")
                what = WORDS["whole" if f.kind == INT else "number"][lang]
                dv.error = WORDS["enter"][lang].format(what=what, bound=bound)
                self._finish(dv, key)
            return self._rules[key]
        if f.kind == DATE:
            key = ("date",)
            if key not in self._rules:
                dv = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                                    formula2="DATE(2100,12,31)", allow_blank=True)
                dv.error = WORDS["date"][lang]
                self._finish(dv, key)
            return self._rules[key]
        if f.key == "nationality":
            key = ("iso2",)
            if key not in self._rules:
                dv = DataValidation(type="textLength", operator="equal", formula1="2", allow_blank=True)
                dv.error = WORDS["iso2"][lang]
                self._finish(dv, key)
            return self._rules[key]
        return None

    def _finish(self, dv: DataValidation, key: tuple) -> None:
        dv.errorTitle = "xladdin"
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        self.ws.add_data_validation(dv)
        self._rules[key] = dv


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# --- sheets every template carries ----------------------------------------------------------------------------

def add_lists_sheet(wb, fields: list[schema.Field], lang: str) -> dict[str, str]:
    """A hidden sheet with one column per dropdown; returns {field key or "__bool__": defined name}."""
    ws = wb.create_sheet(LISTS_SHEET[lang])
    names: dict[str, str] = {}
    columns = [("__bool__", WORDS["bool_list"][lang], list(YES_NO[lang]))]
    seen = set()
    for f in fields:
        if f.kind == ENUM and f.key not in seen:
            seen.add(f.key)
            columns.append((f.key, f"liste_{f.key}", choices(f, lang)))
    for i, (key, name, values) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.cell(row=1, column=i, value=key if key != "__bool__" else name).font = Font(bold=True)
        for j, v in enumerate(values, start=2):
            set_cell(ws.cell(row=j, column=i), v)
        ref = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
        names[key] = name
        ws.column_dimensions[letter].width = max(12, max(len(v) for v in values) + 2)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return names


def add_xlwings_conf(wb) -> None:
    """The ``xlwings.conf`` sheet: xlwings reads its UDF module from here (desktop add-in, *Import Functions*)."""
    ws = wb.create_sheet("xlwings.conf")
    ws["A1"], ws["B1"] = "UDF Modules", UDF_MODULE
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 28
    ws.sheet_state = "hidden"


def header_row(ws, row: int, labels: list[str], widths: list[float] | None = None, col: int = 1) -> None:
    for i, label in enumerate(labels):
        c = ws.cell(row=row, column=col + i, value=label)
        c.font, c.fill, c.border = HEADER_FONT, HEADER_FILL, BOX
        c.alignment = Alignment(vertical="center", wrap_text=True)
        if widths:
            ws.column_dimensions[get_column_letter(col + i)].width = widths[i]


def title(ws, heading: str, subtitle: str = "") -> None:
    ws["A1"] = heading
    ws["A1"].font = TITLE_FONT
    if subtitle:
        ws["A2"] = subtitle
        ws["A2"].font = NOTE_FONT


def set_calculation(wb) -> None:
    """Keep the cached values: no full recalculation on load, calc engine id of a current Excel.

    With ``fullCalcOnLoad`` (openpyxl's default) Excel and LibreOffice would recompute the add-in's formulas on
    opening and show ``#NAME?`` where the add-in is absent; the values written at generation time stay instead.
    """
    wb.calculation.fullCalcOnLoad = False
    wb.calculation.calcId = 191029


# --- saving ---------------------------------------------------------------------------------------------------

def save_atomic(wb, out: Path, cached: dict[str, dict[str, object]] | None = None) -> Path:
    """Save to a temporary file beside ``out``, add the formulas' cached values, then rename onto ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".xlsx", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        if cached:
            inject_cached_values(Path(tmp), cached)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


_SHEET_REL = re.compile(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"')
_REL = re.compile(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"')


def inject_cached_values(path: Path, cached: dict[str, dict[str, object]]) -> None:
    """Write cached values (``<v>``) into formula cells openpyxl saved without one.

    openpyxl stores a formula as ``<f>...</f><v/>``; Excel and LibreOffice show that cell's value only after a
    recalculation, which cannot happen where the add-in is missing. ``cached`` maps a sheet title to
    ``{cell reference: value}`` (number, bool or text).
    """
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
        infos = {i.filename: i for i in zin.infolist()}
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    rels = {rid: target for target, rid in _REL.findall(parts["xl/_rels/workbook.xml.rels"].decode("utf-8"))}
    for name, rid in _SHEET_REL.findall(workbook):
        title = name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        if title not in cached:
            continue
        target = rels[rid].lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        xml = parts[target].decode("utf-8")
        for ref, value in cached[title].items():
            xml = _inject(xml, ref, value)
        parts[target] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(infos[name], data)


def _inject(xml: str, ref: str, value) -> str:
    pattern = re.compile(rf'<c r="{ref}"((?: [a-z]+="[^"]*")*)><f>(.*?)</f><v\s*/>(?:</v>)?</c>|'
                         rf'<c r="{ref}"((?: [a-z]+="[^"]*")*)><f>(.*?)</f><v></v></c>', re.DOTALL)
    m = pattern.search(xml)
    if not m:
        raise ValueError(f"no formula cell {ref} to cache a value in")
    attrs = (m.group(1) if m.group(1) is not None else m.group(3)) or ""
    formula = m.group(2) if m.group(2) is not None else m.group(4)
    attrs = re.sub(r' t="[^"]*"', "", attrs)
    if value is None or value == "":
        t, v = ' t="str"', ""
    elif isinstance(value, bool):
        t, v = ' t="b"', "1" if value else "0"
    elif isinstance(value, (int, float)):
        t, v = "", repr(float(value)) if isinstance(value, float) and not value.is_integer() else str(int(value))
    else:
        t, v = ' t="str"', escape(str(value))
    return xml[:m.start()] + f'<c r="{ref}"{attrs}{t}><f>{formula}</f><v>{v}</v></c>' + xml[m.end():]
