"""The what-if workbook (.xlsx) for the finance officer: scenarios with charts, the rule set's parameters (value,
unit, article, date in force, which vary), the breakdown by level and programme kind, and the concordat's minimum
standards. Every sheet through the output layer (:mod:`xladdin.io.output`): labels in the reader's language,
parameters with their description (``Plafond tertiaire (amounts.cap.tertiary)``), whole francs in the one money
format, A4 page setup; the charts below the scenario table, each on a page of its own.

Written with XlsxWriter through ``output.atomic_path`` (a crash never leaves half a file, the input is never
overwritten, an existing file keeps its mode); every text cell goes through ``io.guard``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..io import output
from . import standards
from .scenarios import GROUP_MEASURES, WhatIf

# The what-if tables' columns, in the three languages (fr, en, de), and how each is shown.
LABELS = {
    "scenario": ("Scénario", "Scenario", "Szenario"),
    "total_bursary": ("Total des bourses", "Total bursaries", "Total Stipendien"),
    "total_loan": ("Total des prêts", "Total loans", "Total Darlehen"),
    "total_cost": ("Coût total", "Total cost", "Gesamtkosten"),
    "recipients": ("Bénéficiaires", "Recipients", "Beziehende"),
    "mean_aid": ("Aide moyenne", "Mean aid", "Durchschnittlicher Beitrag"),
    "median_aid": ("Aide médiane", "Median aid", "Medianer Beitrag"),
    "new_recipients": ("Nouveaux bénéficiaires", "New recipients", "Neue Beziehende"),
    "lost_recipients": ("Bénéficiaires perdus", "Lost recipients", "Weggefallene Beziehende"),
    "winners": ("Gagnants", "Winners", "Gewinner"),
    "losers": ("Perdants", "Losers", "Verlierer"),
    "winners_gain": ("Gain des gagnants", "Winners' gain", "Mehrbetrag der Gewinner"),
    "losers_loss": ("Perte des perdants", "Losers' loss", "Minderbetrag der Verlierer"),
    "flags": ("Normes du concordat", "Concordat standards", "Konkordatsnormen"),
    "applicants": ("Dossiers", "Applicants", "Gesuche"),
    "measure": ("Mesure", "Measure", "Kennzahl"),
    "value": ("Valeur", "Value", "Wert"),
    "parameter": ("Paramètre", "Parameter", "Parameter"),
    "unit": ("Unité", "Unit", "Einheit"),
    "article": ("Article", "Article", "Artikel"),
    "valid_from": ("En vigueur dès", "Valid from", "Gültig ab"),
    "varied": ("Varié", "Varied", "Variiert"),
    "values_tested": ("Valeurs testées", "Values tested", "Getestete Werte"),
    "note": ("Note", "Note", "Bemerkung"),
    "standard": ("Norme", "Standard", "Norm"),
    "comparison": ("Comparaison", "Comparison", "Vergleich"),
    "threshold": ("Seuil", "Threshold", "Schwelle"),
    "status": ("Statut", "Status", "Status"),
    "description": ("Description", "Description", "Beschreibung"),
}
MONEY_COLUMNS = ("total_bursary", "total_loan", "total_cost", "mean_aid", "median_aid", "winners_gain", "losers_loss")
COUNT_COLUMNS = ("scenario", "recipients", "new_recipients", "lost_recipients", "winners", "losers", "applicants")
STATUS = {"ok": ("respectée", "met", "eingehalten"), "below": ("sous la norme", "below", "unterschritten"),
          "not_applicable": ("sans objet", "not applicable", "entfällt"),
          "review": ("à examiner", "to review", "zu prüfen")}
COMPARISON = {">=": ("au moins", "at least", "mindestens"), "<=": ("au plus", "at most", "höchstens"),
              "review": ("à examiner", "to review", "zu prüfen")}
# Registered under this face's own names (``whatif.status``), so the batch report's or the credit checks' columns
# of the same key keep their labels; files for machines (--keys) keep the plain keys.
SCOPE = "whatif."
_KINDS = {**{k: output.MONEY for k in MONEY_COLUMNS}, **{k: output.INTEGER for k in COUNT_COLUMNS},
          "varied": output.BOOL, "valid_from": output.DATE, "measure": output.ENUM}
output.register_labels(LABELS, kinds=_KINDS, scope=SCOPE,
                       values={"status": STATUS, "comparison": COMPARISON,
                               "measure": {k: LABELS[k] for k in GROUP_MEASURES}})


def scoped(frame: pd.DataFrame, kinds: dict[str, str], lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """``frame`` and ``kinds`` with this face's columns under its own names (for people; machines keep keys)."""
    if lang == output.KEYS:
        return frame, {**{c: _KINDS[c] for c in frame.columns if c in _KINDS}, **kinds}
    name = {c: SCOPE + c for c in frame.columns if c in LABELS}
    return frame.rename(columns=name), {name.get(k, k): v for k, v in kinds.items()}


WORDS = {
    "scenarios": ("Scénarios", "Scenarios", "Szenarien"),
    "charts": ("Graphiques", "Charts", "Diagramme"),
    "parameters": ("Paramètres", "Parameters", "Parameter"),
    "detail": ("Détail", "Breakdown", "Aufschlüsselung"),
    "concordat": ("Concordat", "Concordat", "Konkordat"),
    "title": ("Scénarios « et si »", "What-if scenarios", "Was-wäre-wenn-Szenarien"),
    "detail_title": ("Détail par degré et type de formation", "Breakdown by level and kind of training",
                     "Aufschlüsselung nach Stufe und Ausbildungsart"),
    "standards_title": ("Normes minimales du concordat (2009) — règles de référence",
                        "Minimum standards of the concordat (2009) — reference rules",
                        "Mindeststandards des Konkordats (2009) — Referenzregeln"),
    "baseline": ("Référence (règles inchangées) : coût total CHF {cost}, bourses {bursary}, prêts {loan}, "
                 "{recipients} bénéficiaires.",
                 "Baseline (rules unchanged): total cost CHF {cost}, bursaries {bursary}, loans {loan}, "
                 "{recipients} recipients.",
                 "Referenz (Regeln unverändert): Gesamtkosten CHF {cost}, Stipendien {bursary}, Darlehen {loan}, "
                 "{recipients} Beziehende."),
    "rows": ("{read} dossiers lus, {excluded} en erreur (exclus des chiffres). Gagnants et perdants : aide (bourse + "
             "prêt) comparée à la référence, dossier par dossier.",
             "{read} applicants read, {excluded} in error (left out of the figures). Winners and losers: aid "
             "(bursary + loan) compared with the baseline, applicant by applicant.",
             "{read} Gesuche gelesen, {excluded} fehlerhaft (nicht mitgezählt). Gewinner und Verlierer: Beitrag "
             "(Stipendium + Darlehen) im Vergleich zur Referenz, Gesuch für Gesuch."),
    "cost_by": ("Coût selon {name}", "Cost by {name}", "Kosten nach {name}"),
    "recipients_by": ("Bénéficiaires selon {name}", "Recipients by {name}", "Beziehende nach {name}"),
    "persons": ("personnes", "persons", "Personen"),
}
DETAIL_MEASURES = ("applicants", "recipients", "total_bursary", "total_loan", "total_cost", "winners", "losers")
MAX_SERIES = 8
# Pixels in Excel; LibreOffice draws the anchoring columns a third wider (xladdin.io.output.page): still one page.
CHART_WIDTH, CHART_HEIGHT = 680, 400
CHART_ROWS = 21                      # rows a chart covers (its page break comes after)


def _word(key: str, lang: str) -> str:
    fr, en, de = WORDS[key]
    return {"en": en, "de": de}.get(lang, fr)


def parameter_kind(ruleset, name: str) -> str:
    """How a parameter's values are shown: francs for amounts (unit CHF...), else a number or text."""
    p = ruleset.flat()[name]
    value = p.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return output.TEXT
    if str(p.unit).upper().startswith("CHF"):
        return output.MONEY
    return output.INTEGER if float(value).is_integer() else output.AVERAGE


def register_parameters(ruleset, names) -> dict[str, str]:
    """Teach the output layer the varied parameters as columns (``Plafond tertiaire (amounts.cap.tertiary)``);
    returns their kinds."""
    output.register_labels({n: {lang: output.parameter_label(n, ruleset, lang) for lang in output.LANGS}
                            for n in names})
    return {n: parameter_kind(ruleset, n) for n in names}


def scenario_table(result: WhatIf) -> pd.DataFrame:
    """The scenario table as the workbook and the CSV show it: one row per scenario (the baseline is the line
    below the table), the varied parameters first."""
    return result.scenarios.reset_index(drop=True)


def write(result: WhatIf, out: str | Path, protect: tuple = (), lang: str = "fr") -> Path:
    """Write the what-if workbook to ``out`` atomically in ``lang`` (fr, en, de, or keys); returns the path."""
    import xlsxwriter

    from ..io import guard

    out = Path(out)
    kinds = register_parameters(result.rules, result.vary)
    rules_label = result.rules.label
    with output.atomic_path(out, protect) as tmp:
        book = xlsxwriter.Workbook(str(tmp), guard.XLSXWRITER_OPTIONS)
        try:
            tables = output.XlsxTable(book, lang)
            note = book.add_format({"italic": True, "font_color": "#555555", "text_wrap": True, "valign": "top"})
            _scenarios_sheet(book, tables, note, result, kinds, lang, rules_label)
            _parameters_sheet(tables, result, lang, rules_label)
            _breakdown_sheet(tables, result, kinds, lang, rules_label)
            _standards_sheet(tables, result, lang, rules_label)
        finally:
            book.close()
    return out


def _name(key: str, lang: str) -> str:
    return key if lang == output.KEYS else _word(key, lang)


def _short_flags(result: WhatIf, table: pd.DataFrame) -> list[str]:
    """The concordat articles each scenario falls short of (the values and thresholds are on the Concordat sheet
    and in the CSV): short enough for a narrow column."""
    out, seen = [], {}
    for combo in table[list(result.vary)].to_dict("records"):
        key = tuple(map(repr, combo.values()))
        if key not in seen:
            findings = standards.check(result.rules.with_overrides(combo))
            seen[key] = " ; ".join(dict.fromkeys(f.standard.article for f in findings if f.status == "below"))
        out.append(seen[key])
    return out


def _scenarios_sheet(book, tables, note, result: WhatIf, kinds: dict, lang: str, rules_label: str) -> None:
    table = scenario_table(result)
    if lang != output.KEYS:
        table = table.assign(flags=_short_flags(result, table))
    words = "fr" if lang == output.KEYS else lang
    shown, shown_kinds = scoped(table, kinds, lang)
    ws = tables.sheet(_name("scenarios", lang), shown, title=f"{_word('title', words)} — {rules_label}",
                      rules=rules_label, kinds=shown_kinds, freeze_cols=len(result.vary), wrap_keys=set(result.vary))
    _charts_sheet(book, tables, note, result, table, ws.get_name(), lang, rules_label)


def _charts_sheet(book, tables, note, result: WhatIf, table: pd.DataFrame, data_sheet: str, lang: str,
                  rules_label: str) -> None:
    """The baseline in words, then cost and recipients against the first varied parameter (one series per
    combination of the others), each chart on a page of its own: never cut across two pages."""
    words = "fr" if lang == output.KEYS else lang
    ws = book.add_worksheet(_name("charts", lang))
    output.setup_xlsxwriter(ws, output.Page(title=f"{_word('title', words)} — {rules_label}", rules=rules_label,
                                            lang=lang, widths=[10] * 10, header_rows=0, landscape=True))
    base = result.baseline
    lines = [_word("baseline", words).format(cost=output.money_text(base["total_cost"]),
                                             bursary=output.money_text(base["total_bursary"]),
                                             loan=output.money_text(base["total_loan"]),
                                             recipients=base["recipients"]),
             _word("rows", words).format(read=result.rows_read, excluded=result.rows_excluded)]
    for i, line in enumerate(lines):
        ws.merge_range(i, 0, i, 9, "", note)
        tables.write(ws, i, 0, line, note)
        ws.set_row(i, 32)
    names = list(result.vary)
    if not names or table.empty:
        return
    x_name = names[0]
    block = len(result.vary[x_name])
    blocks = len(table) // block
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in result.vary[x_name])
    col = {c: i for i, c in enumerate(table.columns)}
    x_label = output.parameter_label(x_name, result.rules, words if lang != output.KEYS else lang)

    def ref(column: str, start: int) -> list:
        return [data_sheet, 1 + start, col[column], start + block, col[column]]

    def chart(title: str, measures: tuple[str, ...], y_title: str, y_format: str, row: int) -> None:
        kind = {"type": "scatter", "subtype": "straight_with_markers"} if numeric else {"type": "column"}
        ch = book.add_chart(kind)
        for b in range(min(blocks, MAX_SERIES)):
            start = b * block
            others = ", ".join(f"{output.parameter_description(n, result.rules, words) or n} = "
                               f"{_short(table.iloc[start][n])}" for n in names[1:])
            for m in measures if blocks == 1 else measures[:1]:
                label = output.header(SCOPE + m, lang) + (f" ({others})" if others else "")
                ch.add_series({"name": label, "categories": ref(x_name, start), "values": ref(m, start),
                               **({"marker": {"type": "circle"}} if numeric else {})})
        ch.set_title({"name": title, "name_font": {"size": 12}})
        ch.set_x_axis({"name": x_label, "num_font": {"size": 9}, "name_font": {"size": 10},
                       **({"num_format": output.MONEY_FORMAT} if numeric else {})})
        ch.set_y_axis({"name": y_title, "num_format": y_format, "num_font": {"size": 9}, "name_font": {"size": 10}})
        ch.set_legend({"position": "bottom", "font": {"size": 9}})
        ch.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
        ws.insert_chart(row, 0, ch)

    first = len(lines) + 1                               # the first chart below the baseline, on the first page
    chart(_word("cost_by", words).format(name=x_label), ("total_cost", "total_bursary", "total_loan"), "CHF",
          output.MONEY_FORMAT, first)
    second = output.chart_anchor(ws, first + CHART_ROWS, gap=1)
    chart(_word("recipients_by", words).format(name=x_label), ("recipients", "new_recipients", "lost_recipients"),
          _word("persons", words), output.INTEGER_FORMAT, second)


def _parameters_sheet(tables, result: WhatIf, lang: str, rules_label: str) -> None:
    words = "fr" if lang == output.KEYS else lang
    rows = []
    for name, p in result.rules.flat().items():
        varied = name in result.vary
        rows.append({"parameter": output.parameter_label(name, result.rules, lang), "value": _short(p.value),
                     "unit": p.unit, "article": p.article, "valid_from": _date(p.valid_from), "varied": varied,
                     "values_tested": "; ".join(_short(v) for v in result.vary[name]) if varied else "",
                     "note": p.note, "_name": name})
    frame = pd.DataFrame(rows, columns=["parameter", "value", "unit", "article", "valid_from", "varied",
                                        "values_tested", "note", "_name"])
    order = {name: i for i, name in enumerate(result.vary)}           # varied first, in --vary order
    frame["_order"] = frame["_name"].map(lambda n: order.get(n, len(order)))
    frame = frame.sort_values(["_order", "_name"], kind="stable").drop(columns=["_order", "_name"])
    frame, kinds = scoped(frame.reset_index(drop=True), {"value": output.TEXT}, lang)
    tables.sheet(_name("parameters", lang), frame,
                 title=f"{_word('parameters', words)} — {rules_label} — {result.rules.title}", rules=rules_label,
                 kinds=kinds, freeze_cols=1)


def _breakdown_sheet(tables, result: WhatIf, kinds: dict, lang: str, rules_label: str) -> None:
    """The breakdown one row per scenario and group, its main measures side by side, to fit a page's width
    (``--breakdown FILE.csv`` writes every measure, in long form)."""
    words = "fr" if lang == output.KEYS else lang
    long = result.breakdown
    if long.empty:
        return
    index = ["scenario", *result.vary, "level", "programme_kind"]          # scenario: keeps the grid's order
    wide = long.pivot_table(index=index, columns="measure", values="value", sort=False, dropna=False,
                            aggfunc="first").reset_index()
    wide = wide[[*index, *[m for m in DETAIL_MEASURES if m in wide.columns]]]
    wide.columns.name = None
    wide = wide[wide["applicants"].fillna(0) > 0].drop(columns="scenario").reset_index(drop=True)
    wide, kinds = scoped(wide, kinds, lang)
    tables.sheet(_name("detail", lang), wide, title=f"{_word('detail_title', words)} — {rules_label}",
                 rules=rules_label, kinds=kinds, freeze_cols=len(result.vary), wrap_keys=set(result.vary))


def _standards_sheet(tables, result: WhatIf, lang: str, rules_label: str) -> None:
    words = "fr" if lang == output.KEYS else lang
    rows = [{"article": f.standard.article,
             "parameter": output.parameter_label(f.parameter, result.rules, lang) if f.parameter else "",
             "comparison": f.standard.comparison, "threshold": _amount(f.standard.threshold, f.standard.unit),
             "value": _amount(f.value, f.standard.unit), "status": f.status,
             "description": f.standard.description_en if words == "en" else f.standard.description_fr,
             "note": f.standard.note}
            for f in standards.check(result.rules)]
    frame = pd.DataFrame(rows, columns=["article", "parameter", "comparison", "threshold", "value", "status",
                                        "description", "note"])
    frame, kinds = scoped(frame, {"comparison": output.ENUM, "status": output.ENUM, "threshold": output.TEXT,
                                  "value": output.TEXT}, lang)
    tables.sheet(_name("concordat", lang), frame, title=_word("standards_title", words), rules=rules_label,
                 kinds=kinds)


def _amount(value, unit: str) -> str:
    """A threshold or a value of the concordat's table: francs written the Swiss way, other units as numbers."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if str(unit).upper().startswith("CHF"):
        return f"{output.money_text(value)} {unit}"
    return f"{_short(value)} {unit}".strip()


def _date(value):
    """A parameter's date in force (ISO text in the rule set) as a date, shown dd.mm.yyyy."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return value


def _short(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
