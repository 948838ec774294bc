"""What-if parameters sheet: every dotted parameter of a rule set with its value, article and date in force.

One row per ``xladdin.rules.load(rules).flat()`` entry; the *Scénario* column is the only input (yellow,
unlocked): a clerk types an alternative value there and the what-if engine reads the table ``Parametres``. Each
numeric parameter's cell accepts only its domain (:func:`xladdin.rules.domain`: an amount 0–10¹², a rate 0–1…).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...io.guard import set_cell
from . import common


def build(out: Path, lang: str = "fr", rules: str = "GE") -> Path:
    from ... import rules as rules_mod

    desc = common.load_description("whatif")
    ruleset = rules_mod.load(rules)
    params = ruleset.flat()
    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    common.add_xlwings_conf(wb)
    heading = ("Paramètres du jeu de règles " if lang == "fr" else "Rule-set parameters ") + ruleset.id
    common.title(ws, heading, f"{ruleset.label} — {ruleset.title}")
    head = int(desc.get("header_row", 4))
    columns = desc["columns"]
    common.header_row(ws, head, [common.text(c, lang) for c in columns], [c.get("width", 14) for c in columns])
    ws.cell(row=3, column=1, value="rules").font = common.NOTE_FONT
    ws.cell(row=3, column=2, value=ruleset.id).font = Font(bold=True)
    checks: dict = {}
    for r, (name, p) in enumerate(sorted(params.items()), start=head + 1):
        values = {"name": name, "value": p.value, "scenario": None, "unit": p.unit, "article": p.article,
                  "valid_from": p.valid_from, "note": p.note}
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i)
            set_cell(cell, values[c["key"]])
            if c.get("input"):
                cell.fill, cell.protection = common.INPUT_FILL, common.UNLOCKED
                domain = rules_mod.domain(p)
                if domain is not None:                # the parameter's domain, as the what-if engine checks it
                    if domain not in checks:
                        checks[domain] = DataValidation(
                            type="whole" if domain.integer else "decimal", operator="between",
                            formula1=_n(domain.low), formula2=_n(domain.high), allow_blank=True,
                            showErrorMessage=True, errorTitle="xladdin",
                            error=("Tapez " if lang == "fr" else "Type ") + domain.text(lang))
                        ws.add_data_validation(checks[domain])
                    checks[domain].add(cell)
    last = head + len(params)
    table = Table(displayName=desc["table"], ref=f"A{head}:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"B{head + 1}"
    return common.save_atomic(wb, out)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
