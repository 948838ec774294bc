"""What-if parameters sheet: every dotted parameter of a rule set with its value, article and date in force.

One row per ``xladdin.rules.load(rules).flat()`` entry, the parameter shown with its description
(``Plafond tertiaire (amounts.cap.tertiary)``); the *Scénario* column is the only input (yellow, unlocked): the
values to test, ``15000; 16000`` or ``15000:18000:1000``. ``xladdin whatif LIST --scenarios FILE.xlsx`` reads
the filled sheet back (``xladdin.whatif.scenarios.read_scenarios``): each filled row varies its parameter. A
numeric parameter's cell tells its domain when selected (:func:`xladdin.rules.domain`: an amount 0–10¹², a rate
0–1…); the values are checked against it when the file is read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...io import output
from ...io.guard import set_cell
from . import common

RULES_WORD = {"fr": "Règles", "en": "Rules", "de": "Regeln"}
PROMPT = {"fr": "Valeurs à tester : {domain} ; plusieurs séparées par « ; » (15000; 16000) ou DÉBUT:FIN:PAS.",
          "en": "Values to test: {domain}; several separated by ';' (15000; 16000) or START:STOP:STEP.",
          "de": "Zu testende Werte: {domain}; mehrere durch « ; » getrennt (15000; 16000) oder START:ENDE:SCHRITT."}


def build(out: Path, lang: str = "fr", rules: str = "GE") -> Path:
    from ... import rules as rules_mod

    desc = common.load_description("whatif")
    ruleset = rules_mod.load(rules)
    params = ruleset.flat()
    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    common.add_xlwings_conf(wb)
    heading = common.text(desc["title"], lang).format(rules=ruleset.id)
    common.title(ws, heading, common.text(desc["subtitle"], lang))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(desc["columns"]))   # within the page
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 30
    head = int(desc.get("header_row", 4))
    columns = desc["columns"]
    common.header_row(ws, head, [common.text(c, lang) for c in columns])
    ws.row_dimensions[head].height = 30
    ws.cell(row=3, column=1, value=RULES_WORD[lang]).font = common.NOTE_FONT     # read back by --scenarios
    ws.cell(row=3, column=2, value=ruleset.id).font = Font(bold=True)
    wrap = {i for i, c in enumerate(columns) if c.get("wrap")}
    page = output.Page(title=heading, rules=ruleset.label, lang=lang, widths=[c.get("width", 14) for c in columns],
                       header_rows=head, wrap=wrap)
    page.plan()
    top = Alignment(vertical="top")
    checks: dict = {}
    for r, (name, p) in enumerate(sorted(params.items()), start=head + 1):
        values = {"name": output.parameter_label(name, ruleset, lang), "value": _shown(p.value), "scenario": None,
                  "unit": p.unit, "article": p.article, "valid_from": _date(p.valid_from), "note": p.note}
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i)
            set_cell(cell, values[c["key"]])
            cell.alignment = Alignment(vertical="top", wrap_text=True) if i - 1 in wrap else top
            if c.get("input"):
                cell.fill, cell.protection = common.INPUT_FILL, common.UNLOCKED
                cell.number_format = "@"                 # "15000; 16000" stays text, a range is not a time
                domain = rules_mod.domain(p)
                if domain is not None:       # a prompt, not a number check: the cell takes lists and ranges
                    if domain not in checks:
                        checks[domain] = DataValidation(allow_blank=True, showInputMessage=True, promptTitle="xladdin",
                                                        prompt=PROMPT[lang].format(domain=domain.text(lang)))
                        ws.add_data_validation(checks[domain])
                    checks[domain].add(cell)
            if c["key"] == "valid_from":
                cell.number_format = output.DATE_FORMAT
            if c["key"] == "value" and str(p.unit).upper().startswith("CHF"):
                cell.number_format = output.MONEY_FORMAT
        lines = page.row_lines([values[c["key"]] for c in columns])
        if lines > 1:
            ws.row_dimensions[r].height = 15 * lines
    last = head + len(params)
    table = Table(displayName=desc["table"], ref=f"A{head}:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    output.setup_openpyxl(ws, page)
    ws.freeze_panes = f"B{head + 1}"
    ws.print_title_rows = f"{head}:{head}"
    return common.save_atomic(wb, out)


def _shown(value):
    """A parameter's value in a cell: numbers as numbers, a list as its items."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    return value


def _date(value):
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return value
