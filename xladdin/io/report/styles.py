"""Cell formats shared by the report's sheets (XlsxWriter), created once per workbook."""

from __future__ import annotations

from .. import formats
from ..guard import XlsxTextWriter

SHEETS = {
    "fr": {"summary": "Résumé", "decisions": "Décisions", "errors": "Erreurs", "audit": "Audit"},
    "en": {"summary": "Summary", "decisions": "Decisions", "errors": "Errors", "audit": "Audit"},
    "de": {"summary": "Zusammenfassung", "decisions": "Entscheide", "errors": "Fehler", "audit": "Protokoll"},
}
SHEETS["keys"] = SHEETS["en"]
DECISIONS_TABLE = "Decisions"
ERRORS_TABLE = "Erreurs"


class Styles:
    def __init__(self, wb):
        self.wb = wb
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.subtitle = add({"italic": True, "font_color": "#595959"})
        self.section = add({"bold": True, "font_size": 12, "bottom": 1})
        self.head = add({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "text_wrap": True,
                         "valign": "top", "border": 1})
        self.label = add({"border": 1, "text_wrap": True, "valign": "top"})
        self.bold = add({"bold": True, "border": 1})
        self.chf = add({"num_format": formats.MONEY, "valign": "top"})
        self.chf_signed = self.chf                        # one money format, negatives "-1'965"
        self.int = add({"num_format": formats.INTEGER, "valign": "top"})
        self.int_left = add({"num_format": formats.INTEGER, "align": "left", "border": 1})
        self.cell = add({"valign": "top"})
        self.cell_wrap = add({"valign": "top", "text_wrap": True})
        self.label_wrap = add({"border": 1, "text_wrap": True, "valign": "top"})
        self.text = None
        self.chf_box = add({"num_format": formats.MONEY, "border": 1, "valign": "top"})
        self.chf_total = add({"num_format": formats.MONEY, "border": 1, "bold": True, "top": 2})
        self.int_box = add({"num_format": formats.INTEGER, "border": 1, "valign": "top"})
        self.int_total = add({"num_format": formats.INTEGER, "border": 1, "bold": True, "top": 2})
        self.total_label = add({"bold": True, "border": 1, "top": 2})
        self.ok = add({"bold": True, "font_color": "#006100", "bg_color": "#C6EFCE", "border": 1, "valign": "top"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.datetime = add({"num_format": formats.TIMESTAMP, "align": "left", "border": 1})
        self.writer = XlsxTextWriter(wb)

    def for_kind(self, kind: str):
        return {"chf": self.chf, "chf_signed": self.chf_signed, "int": self.int}.get(kind)
