"""Catalogue and students' programme sheets for the credit checks (spec credits-APHM2M §1 and §3).

The columns are those :mod:`xladdin.credits` reads (``xladdin.credits.sheet.COLUMNS`` for a catalogue,
``STUDENT_COLUMNS`` + ``STUDENT_OPTIONAL`` for students' programmes), in that order, headed by their labels in
the sheet's language (``xladdin.credits.output.LABELS``; the readers take the keys and every label back);
``templates/catalogue.yaml`` and ``templates/programme.yaml`` give each column's help and validation. A
programme sheet's course codes, prior diplomas and blocs are dropdowns from the catalogue (default APHM2M), whose
courses are listed on a protected reference sheet. ``--catalogue`` fills a catalogue sheet with that catalogue.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...credits import output as credits_words
from ...io import output
from ...io.guard import set_cell
from . import common


def build_catalogue(out: Path, lang: str = "fr", catalogue: str | None = None) -> Path:
    """An empty catalogue sheet, or (``catalogue``) a shipped catalogue laid out as the sheet reader reads it."""
    from ...credits.catalogue import load_catalogue
    from ...credits.sheet import COLUMNS, catalogue_rows

    desc = common.load_description("catalogue")
    _same_columns(desc, COLUMNS, "catalogue")
    rows = []
    title = common.text(desc["sheet"], lang)
    if catalogue:
        frame = catalogue_rows(catalogue)
        rows = [{k: _shown(k, v, lang) for k, v in r.items()} for r in frame.to_dict("records")]
        title = f"{title} {load_catalogue(catalogue).id}"
    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    lists = common.add_lists_sheet(wb, [], lang)
    common.add_xlwings_conf(wb)
    _table(wb, ws, desc, COLUMNS, rows, lang, lists, title)
    return common.save_atomic(wb, out)


def _shown(key: str, value, lang: str):
    """A catalogue cell as the sheet shows it: coded values and yes/no in words of the sheet's language."""
    from ...credits.output import VALUES

    if value is None or value != value or value == "":
        return None
    if key in VALUES:
        return credits_words.value_label(key, value, lang)
    if isinstance(value, str) and value in ("oui", "non"):
        return output.yes_no(value, lang)
    return value


def build_programme(out: Path, lang: str = "fr", catalogue: str | None = None) -> Path:
    """Students' annual programmes, one row per student and course, with the catalogue's courses to pick from."""
    from ...credits.catalogue import load_catalogue
    from ...credits.inputs import STUDENT_COLUMNS, STUDENT_OPTIONAL

    desc = common.load_description("programme")
    columns = list(STUDENT_COLUMNS + STUDENT_OPTIONAL)
    _same_columns(desc, columns, "programme")
    cat = load_catalogue(catalogue or desc["catalogue"])
    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    lists = common.add_lists_sheet(wb, [], lang)
    lists.update(_catalogue_lists(wb, cat, desc, lang))
    common.add_xlwings_conf(wb)
    _table(wb, ws, desc, columns, [], lang, lists, f"{common.text(desc['sheet'], lang)} — {cat.id}")
    courses = common.text(desc["courses_sheet"], lang)
    wb.move_sheet(courses, offset=1 - wb.sheetnames.index(courses))          # right after the programmes
    return common.save_atomic(wb, out)


def _plain(value):
    return None if value is None or pd.isna(value) else str(value)


def _same_columns(desc: dict, columns, kind: str) -> None:
    if list(desc["columns"]) != list(columns):
        raise ValueError(f"templates/{kind}.yaml columns {list(desc['columns'])} differ from the reader's "
                         f"{list(columns)}")


def _catalogue_lists(wb, cat, desc: dict, lang: str) -> dict[str, str]:
    """The catalogue's courses on a visible, protected reference sheet; access labels and blocs as lists."""
    ws = wb.create_sheet(common.text(desc["courses_sheet"], lang))
    heads = {"fr": ["Code", "Intitulé", "Crédits", "Blocs", "Groupe", "Marqueurs"],
             "en": ["Code", "Title", "Credits", "Blocs", "Group", "Markers"],
             "de": ["Code", "Titel", "Credits", "Blöcke", "Gruppe", "Markierungen"]}[lang]
    common.header_row(ws, 1, heads, [13, 46, 8, 8, 22, 10])
    courses = cat.course_table
    for r, row in enumerate(courses.itertuples(index=False), start=2):
        credits = None if pd.isna(row.cat_credits) else float(row.cat_credits)
        blocs = "; ".join(str(b) for b in row.blocs) if isinstance(row.blocs, tuple) else None
        values = [row.course_code, _plain(row.title), credits, blocs, _plain(row.group), _plain(row.markers)]
        for c, v in enumerate(values, start=1):
            set_cell(ws.cell(row=r, column=c), v)
    for row in ws.iter_rows(min_row=2, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output.setup_openpyxl(ws, output.Page(title=f"{common.text(desc['courses_sheet'], lang)} — {cat.id}",
                                          rules=cat.id, lang=lang, widths=[13, 46, 8, 8, 22, 12], wrap={1, 4}))
    ws.protection.sheet = True
    names = {}
    last = len(courses) + 1
    wb.defined_names["liste_cours"] = DefinedName("liste_cours", attr_text=f"{quote_sheetname(ws.title)}!$A$2:$A${last}")
    names["courses"] = "liste_cours"
    lists = wb[common.LISTS_SHEET[lang]]
    for name, values in (("liste_diplomes", [a.label for a in cat.access]),
                         ("liste_blocs", [str(b) for b in cat.blocs])):
        col = lists.max_column + 1
        lists.cell(row=1, column=col, value=name)
        for i, v in enumerate(values, start=2):
            set_cell(lists.cell(row=i, column=col), v)
        letter = get_column_letter(col)
        wb.defined_names[name] = DefinedName(
            name, attr_text=f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(values) + 1}")
    names["access"], names["blocs"] = "liste_diplomes", "liste_blocs"
    return names


def _table(wb, ws, desc: dict, columns, rows: list[dict], lang: str, lists: dict[str, str], title: str) -> None:
    n_rows = int(desc.get("validation_rows", 2000))
    common.header_row(ws, 1, [credits_words.header(key, lang) for key in columns])
    ws.row_dimensions[1].height = 30
    last = 1 + max(n_rows, len(rows))
    for i, key in enumerate(columns, start=1):
        spec = desc["columns"][key] or {}
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = spec.get("width", 12)
        head = ws.cell(row=1, column=i)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        help_text = common.text(spec, lang)
        if help_text:
            note = Comment(help_text, "xladdin")
            note.width, note.height = 300, 100
            head.comment = note
        dv = _validation(spec, lang, lists, f"{letter}2", key)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{last}")
        for r, row in enumerate(rows, start=2):
            set_cell(ws.cell(row=r, column=i), row.get(key))
    end = f"{get_column_letter(len(columns))}{1 + max(1, len(rows))}"
    table = Table(displayName=desc["table"], ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    widths = [(desc["columns"][key] or {}).get("width", 12) for key in columns]
    wrap = {i for i, key in enumerate(columns) if (desc["columns"][key] or {}).get("width", 12) >= 24}
    page = output.Page(title=title, lang=lang, widths=widths, wrap=wrap,
                       freeze_cols=column_index_from_string(desc.get("freeze", "B2")[0]) - 1)
    output.setup_openpyxl(ws, page)
    for r, row in enumerate(rows, start=2):              # filled rows (a shipped catalogue): text wraps whole
        for i in wrap:
            ws.cell(row=r, column=i + 1).alignment = Alignment(wrap_text=True, vertical="top")
        lines = page.row_lines([row.get(key) for key in columns])
        if lines > 1:
            ws.row_dimensions[r].height = 15 * lines


VALIDATION_WORDS = {
    "allowed": {"fr": "Valeurs permises : ", "en": "Allowed values: ", "de": "Erlaubte Werte: "},
    "between": {"fr": "Nombre entre {lo} et {hi}.", "en": "Number between {lo} and {hi}.",
                "de": "Zahl zwischen {lo} und {hi}."},
}


def _validation(spec: dict, lang: str, lists: dict[str, str], first: str, key: str = "") -> DataValidation | None:
    if "list" in spec:
        values = spec["list"]
        if isinstance(values, dict):
            values = values.get(lang) or values["fr"]
        else:                                          # codes: offered in the sheet's words (règle, compléments)
            values = [credits_words.value_label(key, v, lang) for v in values]
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.error = VALIDATION_WORDS["allowed"][lang] + ", ".join(values)
    elif spec.get("yes_no"):
        dv = DataValidation(type="list", formula1=f"={lists['__bool__']}", allow_blank=True)
        dv.error = " / ".join(common.YES_NO[lang])
    elif "from" in spec:
        dv = DataValidation(type="list", formula1=f"={lists[spec['from']]}", allow_blank=True)
        dv.error = common.WORDS["choose"][lang]
    elif "number" in spec or "whole" in spec:
        lo, hi = spec.get("number") or spec.get("whole")
        dv = DataValidation(type="whole" if "whole" in spec else "decimal", operator="between",
                            formula1=str(lo), formula2=str(hi), allow_blank=True)
        dv.error = VALIDATION_WORDS["between"][lang].format(lo=lo, hi=hi)
    else:
        return None
    dv.errorTitle = "xladdin"
    dv.showErrorMessage = True
    dv.errorStyle = "warning" if spec.get("warn") else "stop"
    return dv
