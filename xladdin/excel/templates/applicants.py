"""Applicant list: one Excel table (ListObject), one column per schema key (spec bursary-GE §1), validated.

The header shows each field's label (``xladdin import`` and the UDFs match headers by key or by French/English
label); each column carries its dropdown or bounds and its Swiss format over ``validation_rows`` rows, so rows a
clerk adds or pastes are checked as they are typed. The header row and the file-number column stay frozen.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from ... import schema
from ...io import output
from . import common


def headers(lang: str = "fr", header: str = "label", canton: str = "GE") -> list[str]:
    """The list's column headers, in schema order: labels (default) or keys, of the fields the canton reads."""
    return [f.key if header == "key" else f.label(lang) for f in schema.fields_for(canton)]


def build(out: Path, lang: str = "fr", rows: list[dict] | None = None, rules: str = common.DEFAULT_RULES) -> Path:
    """Write the applicant list to ``out`` with the columns ``rules``' canton reads; ``rows`` ({key: cell value})
    fill the table (examples, tests)."""
    from ...io.guard import set_cell

    desc = common.load_description("applicants")
    canton = common.canton_of(rules)
    fields = common.fields_of(desc["fields"], canton)
    cite = common.citation_for(rules)
    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    lists = common.add_lists_sheet(wb, fields, lang)
    common.add_xlwings_conf(wb)
    names = headers(lang, desc.get("header", "label"), canton)
    validation_rows = int(desc.get("validation_rows", 5000))
    common.header_row(ws, 1, names)
    ws.row_dimensions[1].height = 45
    validations = common.Validations(ws, lists, lang)
    data = rows or []
    for i, f in enumerate(fields, start=1):
        letter = get_column_letter(i)
        head = ws.cell(row=1, column=i)
        head.comment = common.comment(f, lang, cite)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = min(30, max(11, len(names[i - 1]) * 0.9))
        fmt = common.number_format(f) or ("@" if f.kind == schema.TEXT else None)
        last = 1 + max(validation_rows, len(data))
        validations.add(f, f"{letter}2:{letter}{last}", f"{letter}2")
        for r, row in enumerate(data, start=2):
            c = ws.cell(row=r, column=i)
            set_cell(c, row.get(f.key))
            if fmt:
                c.number_format = fmt
        if fmt and not data:
            ws.cell(row=2, column=i).number_format = fmt
        if fmt:
            ws.column_dimensions[letter].number_format = fmt
    end = f"{get_column_letter(len(fields))}{1 + max(1, len(data))}"
    table = Table(displayName=desc["table"], ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    # A4 landscape; a list this wide prints across pages, its header row and file-number column on each
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(fields) + 1)]
    output.setup_openpyxl(ws, output.Page(title=ws.title, rules=rules, lang=lang, widths=widths, landscape=True,
                                          freeze_cols=column_index_from_string(desc.get("freeze", "B2")[0]) - 1))
    return common.save_atomic(wb, out)
