"""The what-if workbook (.xlsx): scenarios with charts, the rule set's parameters (value, unit, article, date in
force, which vary), the breakdown by level and programme kind, and the concordat's minimum standards.

Written with XlsxWriter through ``io.writers.atomic_path`` (a crash never leaves half a file, the input is never
overwritten); every text cell goes through ``io.guard`` (a value such as ``-`` or ``=...`` stays text).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..io import guard
from ..io.formats import chf_text
from ..io.writers import atomic_path
from . import standards
from .scenarios import WhatIf

CHF_COLUMNS = {"total_bursary", "total_loan", "total_cost", "winners_gain", "losers_loss", "mean_aid", "median_aid"}
MAX_SERIES = 8
_LABELS = {
    "total_bursary": "Total des bourses", "total_loan": "Total des prêts", "total_cost": "Coût total",
    "recipients": "Bénéficiaires", "new_recipients": "Nouveaux bénéficiaires",
    "lost_recipients": "Bénéficiaires perdus",
}


class _Sheet:
    """Writes typed cells: text through the guard, numbers and booleans as such, blanks skipped."""

    def __init__(self, book, ws, text: guard.XlsxTextWriter, formats: dict):
        self.book, self.ws, self.text, self.formats = book, ws, text, formats

    def cell(self, row: int, col: int, value, fmt=None):
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return
        if isinstance(value, str):
            self.text.write(self.ws, row, col, value, fmt)
        elif isinstance(value, (bool, np.bool_)):
            self.ws.write_boolean(row, col, bool(value), fmt)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            self.ws.write_number(row, col, float(value), fmt)
        else:
            self.text.write(self.ws, row, col, str(value), fmt)

    def table(self, top: int, frame: pd.DataFrame, name: str, chf=(), widths: dict | None = None) -> None:
        """``frame`` as an Excel table whose header is on row ``top``."""
        for j, column in enumerate(frame.columns):
            fmt = self.formats["chf"] if column in chf else None
            for i, value in enumerate(frame[column].astype(object).to_numpy(), start=top + 1):
                self.cell(i, j, value, fmt)
            self.ws.set_column(j, j, (widths or {}).get(column, max(12, min(40, len(str(column)) + 2))))
        if len(frame.columns):
            self.ws.add_table(top, 0, top + max(len(frame), 1), len(frame.columns) - 1,
                              {"name": name, "style": "Table Style Light 9",
                               "columns": [{"header": str(c)} for c in frame.columns]})
            self.ws.freeze_panes(top + 1, 0)


def write(result: WhatIf, out: str | Path, protect: tuple = ()) -> Path:
    """Write the what-if workbook to ``out`` atomically; returns the path."""
    import xlsxwriter

    out = Path(out)
    with atomic_path(out, protect) as tmp:
        book = xlsxwriter.Workbook(str(tmp), guard.XLSXWRITER_OPTIONS)
        text = guard.XlsxTextWriter(book)
        formats = {"chf": book.add_format({"num_format": "#,##0"}), "bold": book.add_format({"bold": True}),
                   "title": book.add_format({"bold": True, "font_size": 14}),
                   "note": book.add_format({"italic": True, "font_color": "#555555"})}
        _scenarios_sheet(book, text, formats, result)
        _parameters_sheet(book, text, formats, result)
        _breakdown_sheet(book, text, formats, result)
        _standards_sheet(book, text, formats, result)
        book.close()
    return out


TABLE_TOP = 4


def _scenarios_sheet(book, text, formats, result: WhatIf) -> None:
    ws = book.add_worksheet("Scénarios")
    s = _Sheet(book, ws, text, formats)
    s.cell(0, 0, f"Scénarios — {result.rules.label}", formats["title"])
    base = result.baseline
    s.cell(1, 0, "Référence (règles inchangées) : coût total CHF "
                 f"{chf_text(base['total_cost'])}, bourses {chf_text(base['total_bursary'])}, prêts "
                 f"{chf_text(base['total_loan'])}, {base['recipients']} bénéficiaires.", formats["note"])
    s.cell(2, 0, f"{result.rows_read} dossiers lus, {result.rows_excluded} en erreur (exclus des chiffres). "
                 "Gagnants/perdants : aide (bourse + prêt) comparée à la référence, dossier par dossier.",
           formats["note"])
    s.table(TABLE_TOP, result.scenarios.reset_index(drop=True), "Scenarios", chf=CHF_COLUMNS,
            widths={"flags": 60})
    _charts(book, ws, result)


def _charts(book, ws, result: WhatIf) -> None:
    """Cost and recipients against the first varied parameter; one series per combination of the others."""
    table = result.scenarios.reset_index(drop=True)
    names = list(result.vary)
    if not names or table.empty:
        return
    x_name = names[0]
    block = len(result.vary[x_name])
    blocks = len(table) // block
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in result.vary[x_name])
    col = {c: i for i, c in enumerate(table.columns)}
    first = TABLE_TOP + 1

    def ref(column: str, start: int) -> list:
        return ["Scénarios", first + start, col[column], first + start + block - 1, col[column]]

    def chart(title: str, measures: tuple[str, ...], y_title: str, position: str) -> None:
        kind = {"type": "scatter", "subtype": "straight_with_markers"} if numeric else {"type": "column"}
        ch = book.add_chart(kind)
        for b in range(min(blocks, MAX_SERIES)):
            start = b * block
            others = ", ".join(f"{n}={_short(table.iloc[start][n])}" for n in names[1:])
            for m in measures if blocks == 1 else measures[:1]:
                label = _LABELS.get(m, m) + (f" ({others})" if others else "")
                ch.add_series({"name": label, "categories": ref(x_name, start), "values": ref(m, start),
                               **({"marker": {"type": "circle"}} if numeric else {})})
        ch.set_title({"name": title})
        ch.set_x_axis({"name": x_name})
        ch.set_y_axis({"name": y_title, "num_format": "#,##0"})
        ch.set_legend({"position": "bottom"})
        ch.set_size({"width": 620, "height": 340})
        ws.insert_chart(position, ch)

    anchor = len(table.columns) + 1
    from xlsxwriter.utility import xl_rowcol_to_cell

    chart(f"Coût selon {x_name}", ("total_cost", "total_bursary", "total_loan"), "CHF",
          xl_rowcol_to_cell(TABLE_TOP, anchor))
    chart(f"Bénéficiaires selon {x_name}", ("recipients", "new_recipients", "lost_recipients"), "personnes",
          xl_rowcol_to_cell(TABLE_TOP + 18, anchor))


def _parameters_sheet(book, text, formats, result: WhatIf) -> None:
    ws = book.add_worksheet("Paramètres")
    s = _Sheet(book, ws, text, formats)
    s.cell(0, 0, f"Paramètres — {result.rules.label} — {result.rules.title}", formats["title"])
    s.cell(1, 0, "Les paramètres variés sont marqués « oui » ; leurs valeurs testées figurent dans la colonne "
                 "« values_tested ».", formats["note"])
    rows = []
    for name, p in result.rules.flat().items():
        varied = name in result.vary
        rows.append({"parameter": name, "value": p.value, "unit": p.unit, "article": p.article,
                     "valid_from": p.valid_from, "varied": "oui" if varied else "non",
                     "values_tested": "; ".join(_short(v) for v in result.vary[name]) if varied else "",
                     "note": p.note})
    frame = pd.DataFrame(rows, columns=["parameter", "value", "unit", "article", "valid_from", "varied",
                                        "values_tested", "note"])
    order = {name: i for i, name in enumerate(result.vary)}           # varied first, in --vary order
    frame["_order"] = frame["parameter"].map(lambda n: order.get(n, len(order)))
    frame = frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    s.table(3, frame, "Parametres", widths={"parameter": 42, "article": 38, "values_tested": 30, "note": 50})


def _breakdown_sheet(book, text, formats, result: WhatIf) -> None:
    ws = book.add_worksheet("Détail")
    s = _Sheet(book, ws, text, formats)
    s.cell(0, 0, "Détail par degré et type de formation (format long : une ligne par groupe et mesure)",
           formats["title"])
    s.table(2, result.breakdown, "Detail", widths={"measure": 18, "programme_kind": 20})


def _standards_sheet(book, text, formats, result: WhatIf) -> None:
    ws = book.add_worksheet("Concordat")
    s = _Sheet(book, ws, text, formats)
    s.cell(0, 0, "Normes minimales du concordat (2009) — règles de référence", formats["title"])
    rows = [{"id": f.standard.id, "article": f.standard.article, "parameter": f.parameter,
             "comparison": f.standard.comparison, "threshold": f.standard.threshold, "value": f.value,
             "status": f.status, "description": f.standard.description_fr, "note": f.standard.note}
            for f in standards.check(result.rules)]
    frame = pd.DataFrame(rows, columns=["id", "article", "parameter", "comparison", "threshold", "value", "status",
                                        "description", "note"])
    s.table(2, frame, "Concordat", widths={"description": 70, "note": 50, "parameter": 34, "article": 26})




def _short(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
