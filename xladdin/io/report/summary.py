"""Summary sheet: counts, reasons, totals by level and kind of training, and the bursaries' distribution.

Every figure is a formula over the decisions table (``Decisions[Bourse]``...), so a manager who filters or
corrects the table sees the summary follow; each formula also carries the value computed here, so the sheet
reads correctly before any recalculation. Reason codes are those of spec bursary-GE §3 and §5.
"""

from __future__ import annotations

from .. import output
from .data import STATUS, ReportData
from .styles import DECISIONS_TABLE, Styles

REASON_LABELS = {
    "LBPE-3": ("Droit au chômage, AVS, AI ou exemption fiscale (LBPE art. 3 al. 2)",
               "Unemployment, AVS, AI or tax exemption (LBPE art. 3 al. 2)"),
    "LBPE-15": ("Personne non bénéficiaire (LBPE art. 15)", "Not a beneficiary (LBPE art. 15)"),
    "LBPE-16": ("Domicile déterminant hors de Genève (LBPE art. 16)", "Domicile for aid outside Geneva (LBPE art. 16)"),
    "LBPE-11": ("Formation sans droit ou non reconnue (LBPE art. 11, 12)",
                "Training without a right or not recognised (LBPE art. 11, 12)"),
    "LBPE-13": ("Demande hors délai (LBPE art. 13)", "Application out of time (LBPE art. 13)"),
    "LBPE-14": ("Durée du droit épuisée (LBPE art. 14 al. 1)", "Entitlement exhausted (LBPE art. 14 al. 1)"),
    "LBPE-14-loan": ("Prêt encore envisageable (LBPE art. 14 al. 2)", "Loan still possible (LBPE art. 14 al. 2)"),
    "LBPE-14-3": ("Plus de deux changements de filière (LBPE art. 14 al. 3)",
                  "More than two changes of course (LBPE art. 14 al. 3)"),
    "LBPE-17": ("Reconversion avant 25 ans (LBPE art. 17)", "Career change before 25 (LBPE art. 17)"),
    "LBPE-21": ("Renseignements manquants (LBPE art. 21 al. 1)", "Missing information (LBPE art. 21 al. 1)"),
    "LBPE-22-3": ("Bourse inférieure à 500 non octroyée (LBPE art. 22 al. 3) — éligible",
                  "Bursary under 500 not granted (LBPE art. 22 al. 3) — eligible"),
    "LBPE-22-4": ("Prêt réduit au plafond cumulé (LBPE art. 22 al. 4) — éligible",
                  "Loan cut at the cumulative ceiling (LBPE art. 22 al. 4) — eligible"),
}

REASON_LABELS_DE = {
    "LBPE-3": "Anspruch auf ALV, AHV, IV oder Steuerbefreiung (LBPE art. 3 al. 2)",
    "LBPE-15": "Nicht bezugsberechtigte Person (LBPE art. 15)",
    "LBPE-16": "Stipendienrechtlicher Wohnsitz ausserhalb Genf (LBPE art. 16)",
    "LBPE-11": "Ausbildung ohne Anspruch oder nicht anerkannt (LBPE art. 11, 12)",
    "LBPE-13": "Gesuch verspätet (LBPE art. 13)",
    "LBPE-14": "Anspruchsdauer ausgeschöpft (LBPE art. 14 al. 1)",
    "LBPE-14-loan": "Darlehen noch möglich (LBPE art. 14 al. 2)",
    "LBPE-14-3": "Mehr als zwei Ausbildungswechsel (LBPE art. 14 al. 3)",
    "LBPE-17": "Umschulung vor 25 Jahren (LBPE art. 17)",
    "LBPE-21": "Fehlende Angaben (LBPE art. 21 al. 1)",
    "LBPE-22-3": "Stipendium unter 500 nicht gewährt (LBPE art. 22 al. 3) — berechtigt",
    "LBPE-22-4": "Darlehen auf die Gesamtobergrenze gekürzt (LBPE art. 22 al. 4) — berechtigt",
}


def reason_label(code: str, lang: str) -> str:
    if lang == "de" and code in REASON_LABELS_DE:
        return REASON_LABELS_DE[code]
    fr, en = REASON_LABELS.get(code, ("", ""))
    return fr if lang == "fr" else en


T = {
    "fr": {"title": "Rapport de traitement — {name}", "sub": "Règles {rules} ; traité le {when}",
           "files": "Dossiers", "indicator": "Indicateur", "count": "Nombre", "read": "Lignes lues",
           "assessed": "Dossiers évalués", "eligible": "dont éligibles", "ineligible": "dont non éligibles",
           "errors": "Lignes en erreur (voir la feuille Erreurs)", "check": "Contrôle : lues = évaluées + en erreur",
           "reasons": "Motifs (dossiers évalués portant le code)", "code": "Code", "reason": "Motif",
           "rows": "Dossiers", "totals": "Totaux par niveau et type de formation (CHF)", "level": "Niveau",
           "kind": "Type de formation", "n_eligible": "Éligibles", "bursary": "Bourses", "loan": "Prêts",
           "aid": "Aide totale", "total": "Total", "dist": "Répartition des bourses octroyées (CHF par an)",
           "band": "Tranche", "from": "De", "to": "À (exclu)", "chart": "Bourses octroyées par tranche",
           "ok": "OK", "gap": "ÉCART"},
    "en": {"title": "Batch report — {name}", "sub": "Rules {rules}; processed on {when}",
           "files": "Applications", "indicator": "Indicator", "count": "Count", "read": "Rows read",
           "assessed": "Applications assessed", "eligible": "of which eligible", "ineligible": "of which not eligible",
           "errors": "Rows in error (see the Errors sheet)", "check": "Check: read = assessed + in error",
           "reasons": "Reasons (assessed applications carrying the code)", "code": "Code", "reason": "Reason",
           "rows": "Applications", "totals": "Totals by level and kind of training (CHF)", "level": "Level",
           "kind": "Kind of training", "n_eligible": "Eligible", "bursary": "Bursaries", "loan": "Loans",
           "aid": "Total aid", "total": "Total", "dist": "Distribution of the bursaries granted (CHF a year)",
           "band": "Band", "from": "From", "to": "To (excluded)", "chart": "Bursaries granted by band",
           "ok": "OK", "gap": "MISMATCH"},
    "de": {"title": "Verarbeitungsbericht — {name}", "sub": "Regeln {rules}; verarbeitet am {when}",
           "files": "Gesuche", "indicator": "Kennzahl", "count": "Anzahl", "read": "Gelesene Zeilen",
           "assessed": "Beurteilte Gesuche", "eligible": "davon berechtigt", "ineligible": "davon nicht berechtigt",
           "errors": "Zeilen mit Fehlern (siehe Blatt Fehler)", "check": "Kontrolle: gelesen = beurteilt + Fehler",
           "reasons": "Gründe (beurteilte Gesuche mit diesem Code)", "code": "Code", "reason": "Grund",
           "rows": "Gesuche", "totals": "Summen nach Stufe und Ausbildungsart (CHF)", "level": "Stufe",
           "kind": "Ausbildungsart", "n_eligible": "Berechtigt", "bursary": "Stipendien", "loan": "Darlehen",
           "aid": "Beiträge total", "total": "Total", "dist": "Verteilung der gewährten Stipendien (CHF pro Jahr)",
           "band": "Bereich", "from": "Von", "to": "Bis (ohne)", "chart": "Gewährte Stipendien nach Bereich",
           "ok": "OK", "gap": "ABWEICHUNG"},
}
T[output.KEYS] = T["en"]


WIDTHS = (34, 44, 11, 11, 12, 12, 12)


def _fit_row(ws, row: int, *cells: tuple[str, float]) -> None:
    """Give a row the height its wrapped texts need (Excel and LibreOffice do not grow it on opening)."""
    lines = max(-(-len(text) // max(1, int(width - 2))) for text, width in cells)
    if lines > 1:
        ws.set_row(row, 15 * lines)


def ref(data: ReportData, key: str) -> str:
    """Structured reference to a decisions column: ``Decisions[Bourse]``."""
    return f"{DECISIONS_TABLE}[{data.headers[key]}]"


def write(wb, ws, data: ReportData, styles: Styles) -> dict[str, str]:
    """Write the summary; returns {name: cell} of the key figures (for tests and the audit sheet)."""
    t = T[data.lang]
    ok, no, err = STATUS[data.lang]
    cells: dict[str, str] = {}
    output.setup_xlsxwriter(ws, output.Page(title=data.title(data.sheet_names["summary"]), rules=data.rules_label,
                                            lang=data.lang, widths=list(WIDTHS), header_rows=0,
                                            freeze_rows=0, landscape=True, when=data.started,
                                            page_breaks=True))
    name = data.file_name
    when = output.timestamp_text(data.started) if data.started else ""
    rules = data.rules_label
    styles.writer.write(ws, 0, 0, t["title"].format(name=name), styles.title)
    ws.write_string(1, 0, t["sub"].format(rules=rules, when=when), styles.subtitle)

    # Counts -------------------------------------------------------------------------------------------------
    r = 3
    ws.write_string(r, 0, t["files"], styles.section)
    r += 1
    ws.write_string(r, 0, t["indicator"], styles.head)
    ws.write_string(r, 1, t["count"], styles.head)
    status = ref(data, "status")
    rows = [
        ("read", f"=COUNT({ref(data, 'line')})", data.rows_read),
        ("assessed", f'=COUNTIF({status},"{ok}")+COUNTIF({status},"{no}")', data.rows_assessed),
        ("eligible", f'=COUNTIF({status},"{ok}")', data.eligible),
        ("ineligible", f'=COUNTIF({status},"{no}")', data.ineligible),
        ("errors", f'=COUNTIF({status},"{err}")', data.rows_in_error),
    ]
    for key, formula, value in rows:
        r += 1
        _fit_row(ws, r, (t[key], WIDTHS[0]))
        ws.write_string(r, 0, t[key], styles.label)
        ws.write_formula(r, 1, formula, styles.int_box, value)
        cells[key] = _a1(r, 1)
    r += 1
    balanced = data.rows_read == data.rows_assessed + data.rows_in_error
    _fit_row(ws, r, (t["check"], WIDTHS[0]))
    ws.write_string(r, 0, t["check"], styles.label)
    ws.write_formula(r, 1, f'=IF({cells["read"]}={cells["assessed"]}+{cells["errors"]},"{t["ok"]}","{t["gap"]}")',
                     styles.ok, t["ok"] if balanced else t["gap"])
    cells["check"] = _a1(r, 1)

    # Reasons ------------------------------------------------------------------------------------------------
    r += 2
    ws.write_string(r, 0, t["reasons"], styles.section)
    r += 1
    for j, h in enumerate((t["code"], t["reason"], t["rows"])):
        ws.write_string(r, j, h, styles.head)
    reasons = ref(data, "reasons")
    for code, count in data.reason_counts:
        r += 1
        _fit_row(ws, r, (reason_label(code, data.lang), WIDTHS[1]))
        ws.write_string(r, 0, code, styles.label)
        ws.write_string(r, 1, reason_label(code, data.lang), styles.label_wrap)
        ws.write_formula(r, 2, f'=SUMPRODUCT(({status}<>"{err}")*ISNUMBER(SEARCH(";"&{_a1(r, 0)}&";",'
                               f'";"&{reasons}&";")))', styles.int_box, count)
        cells[f"reason:{code}"] = _a1(r, 2)

    # Totals by level and kind -------------------------------------------------------------------------------
    r += 2
    ws.write_string(r, 0, t["totals"], styles.section)
    r += 1
    heads = (t["level"], t["kind"], t["rows"], t["n_eligible"], t["bursary"], t["loan"], t["aid"])
    for j, h in enumerate(heads):
        ws.write_string(r, j, h, styles.head)
    level, kind = ref(data, "level"), ref(data, "programme_kind")
    first = r + 1
    for g in data.groups:
        r += 1
        crit = f"{level},{_a1(r, 0, absolute_col=True)},{kind},{_a1(r, 1, absolute_col=True)}"
        _fit_row(ws, r, (g["level"], WIDTHS[0]), (g["kind"], WIDTHS[1]))
        ws.write_string(r, 0, g["level"], styles.label)
        ws.write_string(r, 1, g["kind"], styles.label)
        ws.write_formula(r, 2, f"=COUNTIFS({crit})", styles.int_box, g["rows"])
        ws.write_formula(r, 3, f'=COUNTIFS({crit},{status},"{ok}")', styles.int_box, g["eligible"])
        for j, key in ((4, "bursary"), (5, "loan"), (6, "aid")):
            ws.write_formula(r, j, f"=SUMIFS({ref(data, key)},{crit})", styles.chf_box, g[key])
    last = r
    r += 1
    ws.write_string(r, 0, t["total"], styles.total_label)
    ws.write_blank(r, 1, None, styles.total_label)
    sums = {2: data.rows_read, 3: data.eligible, 4: data.totals["bursary"], 5: data.totals["loan"],
            6: data.totals["aid"]}
    for j, value in sums.items():
        fmt = styles.int_total if j < 4 else styles.chf_total
        if last >= first:
            ws.write_formula(r, j, f"=SUM({_a1(first, j)}:{_a1(last, j)})", fmt, value)
        else:
            ws.write_number(r, j, 0, fmt)
    cells.update(total_rows=_a1(r, 2), total_eligible=_a1(r, 3), total_bursary=_a1(r, 4),
                 total_loan=_a1(r, 5), total_aid=_a1(r, 6))

    # Distribution and chart ---------------------------------------------------------------------------------
    r += 2
    ws.write_string(r, 0, t["dist"], styles.section)
    r += 1
    for j, h in enumerate((t["band"], t["from"], t["to"], t["rows"])):
        ws.write_string(r, j, h, styles.head)
    bursary = ref(data, "bursary")
    band_first = r + 1
    for label, low, high, count in data.bands:
        r += 1
        ws.write_string(r, 0, label, styles.label)
        ws.write_number(r, 1, low, styles.chf_box)
        if high is None:
            ws.write_blank(r, 2, None, styles.chf_box)
            formula = f'=COUNTIF({bursary},">="&{_a1(r, 1)})'
        else:
            ws.write_number(r, 2, high, styles.chf_box)
            formula = f'=COUNTIFS({bursary},">="&{_a1(r, 1)},{bursary},"<"&{_a1(r, 2)})'
        ws.write_formula(r, 3, formula, styles.int_box, count)
    band_last = r
    chart = wb.add_chart({"type": "column"})
    sheet = ws.get_name()
    font = {"size": 11}
    chart.add_series({"name": t["chart"], "categories": [sheet, band_first, 0, band_last, 0],
                      "values": [sheet, band_first, 3, band_last, 3], "fill": {"color": "#1F4E78"},
                      "data_labels": {"value": True, "font": font}})
    chart.set_title({"name": t["chart"], "name_font": {"size": 13, "bold": True}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"name": "CHF", "name_font": font, "num_font": {"size": 11, "rotation": -45}})
    chart.set_y_axis({"name": t["rows"], "name_font": font, "num_font": font})
    # below the tables, after a page break: the chart prints whole, on a page of its own
    ws.insert_chart(output.chart_anchor(ws, band_last), 0, chart, {"x_scale": 1.45, "y_scale": 1.4})
    ws.activate()
    return cells


def _a1(row: int, col: int, absolute_col: bool = False) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col, col_abs=absolute_col)
