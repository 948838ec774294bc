"""Catalogue and students' programme sheets for the credit checks (spec credits-APHM2M §1 and §3).

The columns are those :mod:`xladdin.credits` reads (``xladdin.credits.sheet.COLUMNS`` for a catalogue,
``STUDENT_COLUMNS`` + ``STUDENT_OPTIONAL`` for students' programmes), in that order, with the keys as headers
(the readers match them exactly); ``templates/catalogue.yaml`` and ``templates/programme.yaml`` give each
column's help and validation. A programme sheet's course codes, prior diplomas and blocs are dropdowns from the
catalogue (default APHM2M), whose courses are listed on a protected reference sheet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...io.guard import set_cell
from . import common


def build_catalogue(out: Path, lang: str = "fr", catalogue: str | None = None) -> Path:
    """An empty catalogue sheet, or (``catalogue``) a shipped catalogue laid out as the sheet reader reads it."""
    from ...credits.sheet import COLUMNS, catalogue_rows

    desc = common.load_description("catalogue")
    _same_columns(desc, COLUMNS, "catalogue")
    rows = []
    if catalogue:
        frame = catalogue_rows(catalogue)
        rows = [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in frame.to_dict("records")]
    wb = Workbook()
    ws = wb.active
    ws.title = desc["sheet"]
    lists = common.add_lists_sheet(wb, [], lang)
    common.add_xlwings_conf(wb)
    _table(wb, ws, desc, COLUMNS, rows, lang, lists)
    return common.save_atomic(wb, out)


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
    _table(wb, ws, desc, columns, [], lang, lists)
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
    heads = (["Code", "Intitulé", "Crédits", "Blocs", "Groupe", "Marqueurs"] if lang == "fr" else
             ["Code", "Title", "Credits", "Blocs", "Group", "Markers"])
    common.header_row(ws, 1, heads, [13, 46, 8, 8, 22, 10])
    courses = cat.course_table
    for r, row in enumerate(courses.itertuples(index=False), start=2):
        credits = None if pd.isna(row.cat_credits) else float(row.cat_credits)
        blocs = "; ".join(str(b) for b in row.blocs) if isinstance(row.blocs, tuple) else None
        values = [row.course_code, _plain(row.title), credits, blocs, _plain(row.group), _plain(row.markers)]
        for c, v in enumerate(values, start=1):
            set_cell(ws.cell(row=r, column=c), v)
    ws.freeze_panes = "A2"
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


def _table(wb, ws, desc: dict, columns, rows: list[dict], lang: str, lists: dict[str, str]) -> None:
    n_rows = int(desc.get("validation_rows", 2000))
    common.header_row(ws, 1, list(columns))
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
        dv = _validation(spec, lang, lists, f"{letter}2")
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{last}")
        for r, row in enumerate(rows, start=2):
            set_cell(ws.cell(row=r, column=i), row.get(key))
    end = f"{get_column_letter(len(columns))}{1 + max(1, len(rows))}"
    table = Table(displayName=desc["table"], ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = desc.get("freeze", "B2")


def _validation(spec: dict, lang: str, lists: dict[str, str], first: str) -> DataValidation | None:
    fr = lang != "en"
    if "list" in spec:
        values = spec["list"]
        if isinstance(values, dict):
            values = values.get(lang) or values["fr"]
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        dv.error = ("Valeurs permises : " if fr else "Allowed values: ") + ", ".join(values)
    elif spec.get("yes_no"):
        dv = DataValidation(type="list", formula1=f"={lists['__bool__']}", allow_blank=True)
        dv.error = "oui ou non" if fr else "yes or no"
    elif "from" in spec:
        dv = DataValidation(type="list", formula1=f"={lists[spec['from']]}", allow_blank=True)
        dv.error = "Choisir une valeur de la liste." if fr else "Choose a value from the list."
    elif "number" in spec or "whole" in spec:
        lo, hi = spec.get("number") or spec.get("whole")
        dv = DataValidation(type="whole" if "whole" in spec else "decimal", operator="between",
                            formula1=str(lo), formula2=str(hi), allow_blank=True)
        dv.error = (f"Nombre entre {lo} et {hi}." if fr else f"Number between {lo} and {hi}.")
    else:
        return None
    dv.errorTitle = "xladdin"
    dv.showErrorMessage = True
    dv.errorStyle = "warning" if spec.get("warn") else "stop"
    return dv
