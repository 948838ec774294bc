"""Intake form for one applicant (LBPE art. 21 al. 1: the applicant's duty to inform, field by field).

Layout (``templates/intake.yaml``): one row per schema field, grouped in sections; labels in one column and
values in the next, so the form's label/value range is exactly what the UDFs read as a 2-column range (the
defined name ``dossier``). Input cells are yellow, unlocked and validated (dropdowns from the hidden lists
sheet); everything else is protected. The result cells hold the add-in's formulas *and* the values the engine
computes for the form's content at generation time, so the file reads correctly where the add-in is absent.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from ... import schema
from ...io import formats, output
from ...io.guard import set_cell
from . import common

OUTPUT_AMOUNTS = set(schema.OUTPUT_AMOUNTS)
SIGNED_OUTPUTS = {"parents_share", "shortfall"}
EMPTY = "—"


def udf_formula(udf: str, output: str, range_name: str, face: str, rules: str | None = None) -> str:
    """The add-in formula of a result cell: ``bursary(dossier)``, ``INDEX(bursary_row(dossier),1,k)``...

    ``bursary_row`` returns one row in the order of ``OUTPUT_COLUMNS``, ``eligibility`` the row
    ``[eligible, reasons]`` (xladdin.excel.udfs).

    ``face`` is ``desktop`` (xlwings imports the functions under their Python names) or ``web``
    (Office.js custom functions under the add-in's namespace, ``XLADDIN.BURSARY``). ``rules`` (another rule set
    than the functions' default, ``ZH-2021``) is passed as their second argument.
    """
    name = udf if face == "desktop" else f"{common.ADDIN_NAMESPACE}.{udf.upper()}"
    call = f"{name}({range_name})" if rules is None else f'{name}({range_name},"{rules}")'   # rules: 2nd argument
    if udf == "bursary_row":
        return f"=INDEX({call},1,{schema.OUTPUT_COLUMNS.index(output) + 1})"
    if udf == "eligibility":                       # one row: eligible, reason codes
        return f"=INDEX({call},1,1)"
    return f"={call}"


def result_value(results_row: dict | None, output: str, lang: str):
    """The value a result cell shows for the engine's output (the cached value of its formula).

    Text, never a boolean (LibreOffice recalculates a formula whose cached value is a boolean or empty, which
    shows ``#NAME?`` where the add-in is absent): eligibility reads ``oui``/``non``, nothing reads ``—``.
    """
    if results_row is None:
        return EMPTY
    value = results_row.get(output)
    if value is None or value != value or str(value) == "<NA>":
        if output == "eligible":                      # a row error: the UDF shows the message instead
            return str(results_row.get("reasons") or EMPTY)
        return EMPTY
    if output == "eligible":
        return common.YES_NO[lang][0] if bool(value) else common.YES_NO[lang][1]
    if output in OUTPUT_AMOUNTS or output == "entitlement_semesters":
        return int(value)
    if output in schema.BY_KEY and schema.BY_KEY[output].kind == schema.ENUM:      # independence: its label
        return schema.BY_KEY[output].value_label(str(value), lang)
    return str(value) or EMPTY


def build(out: Path, lang: str = "fr", *, face: str = "desktop", applicant: dict | None = None,
          rules: str = "GE") -> Path:
    """Write the intake form to ``out``; ``applicant`` ({key: value as the form shows it}) pre-fills it.

    :func:`applicant_from_file` makes such a dict from one row of an applicant list.
    """
    desc = common.load_description("intake")
    lay = desc["layout"]
    canton = common.canton_of(rules)
    cite = common.citation_for(rules)
    sections = [(common.text(s["title"], lang), common.fields_of(s, canton)) for s in desc["sections"]]
    every = [f for _, fields in sections for f in fields]
    missing = {f.key for f in schema.fields_for(canton)} - {f.key for f in every}
    if missing:
        raise ValueError(f"intake form description leaves out schema keys: {sorted(missing)}")

    wb = Workbook()
    ws = wb.active
    ws.title = common.text(desc["sheet"], lang)
    lists = common.add_lists_sheet(wb, every, lang)
    common.add_xlwings_conf(wb)
    common.set_calculation(wb)
    common.title(ws, common.text(desc["title"], lang), common.text(desc["subtitle"], lang))
    col = {k: column_index_from_string(lay[k]) for k in ("section", "label", "value", "article")}
    first = int(lay["first_row"])
    common.header_row(ws, first - 1, {"fr": ["", "Champ", "Valeur", "Article"],      # sections: written upwards
                                      "en": ["", "Field", "Value", "Article"],
                                      "de": ["", "Feld", "Wert", "Artikel"]}[lang],
                      widths := [lay["widths"][lay[k]] for k in ("section", "label", "value", "article")],
                      col=col["section"])
    validations = common.Validations(ws, lists, lang)
    row = first
    for heading, fields in sections:
        if not fields:
            continue
        c = ws.cell(row=row, column=col["section"], value=heading)
        c.font, c.fill = Font(bold=True, size=10), common.SECTION_FILL
        # written upwards down the section's rows, so the section column takes no width from the labels
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True, text_rotation=90)
        if len(fields) > 1:                      # one cell down the section: the label column stays narrow
            ws.merge_cells(start_row=row, start_column=col["section"], end_row=row + len(fields) - 1,
                           end_column=col["section"])
        for f in fields:
            label = ws.cell(row=row, column=col["label"], value=f.label(lang))
            label.border = common.BOX
            label.alignment = Alignment(wrap_text=True, vertical="top")
            if f.required:
                label.font = Font(bold=True)
            label.comment = common.comment(f, lang, cite)
            value = ws.cell(row=row, column=col["value"])
            value.fill, value.border, value.protection = common.INPUT_FILL, common.BOX, common.UNLOCKED
            fmt = common.number_format(f)
            if fmt:
                value.number_format = fmt
            if f.kind == schema.TEXT:
                value.number_format = "@"
            value.alignment = Alignment(horizontal="left", vertical="top")
            if applicant is not None:
                set_cell(value, applicant.get(f.key))
            validations.add(f, value.coordinate, value.coordinate)
            art = ws.cell(row=row, column=col["article"], value=cite(f.article, f))
            art.font = common.NOTE_FONT
            art.alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(output.text_lines(label.value, widths[1] - 1), output.text_lines(art.value, widths[3] - 2))
            if lines > 1:                            # spreadsheets do not grow a row for wrapped text on opening
                ws.row_dimensions[row].height = 14.5 * lines
            row += 1
    last = row - 1
    label_letter, value_letter = lay["label"], lay["value"]
    ref = f"{quote_sheetname(ws.title)}!${label_letter}${first}:${value_letter}${last}"
    wb.defined_names[lay["range_name"]] = DefinedName(lay["range_name"], attr_text=ref)

    results_row = _assess(applicant, rules, lang) if applicant and applicant.get("applicant_id") else None
    formula_rules = None if rules == common.DEFAULT_RULES else rules
    cached = _results(ws, desc["results"], last + 1 + int(desc["results"].get("gap", 1)), lay["range_name"], face,
                      lang, results_row, formula_rules)

    ws.protection.sheet = True
    ws.protection.formatColumns = False          # let clerks widen columns
    # A4 portrait with the layer's header and footer; then two pages tall, results on the second
    output.setup_openpyxl(ws, output.Page(title=common.text(desc["title"], lang), rules=rules, lang=lang,
                                          widths=widths, header_rows=first - 1, landscape=False))
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 2
    ws.page_margins.top = ws.page_margins.bottom = 0.45         # room for a hundred rows at a readable size
    ws.page_margins.header = ws.page_margins.footer = 0.15
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first - 1}:{first - 1}"
    return common.save_atomic(wb, out, {ws.title: cached})


def _results(ws, spec: dict, row: int, range_name: str, face: str, lang: str, results_row: dict | None,
             rules: str | None = None) -> dict:
    """The result block from ``row`` down (its title, then one label and formula per output); returns the values
    to cache in its formula cells."""
    label_col = column_index_from_string(spec["label"])
    value_col = column_index_from_string(spec["value"])
    common.header_row(ws, row, [common.text(spec["title"], lang), ""], col=label_col)
    ws.merge_cells(start_row=row, start_column=label_col, end_row=row, end_column=value_col)
    row += 1
    cached: dict[str, object] = {}
    for item in spec["cells"]:
        output = item["output"]
        label = ws.cell(row=row, column=label_col, value=schema.output_label(output, lang))
        label.border, label.alignment = common.BOX, Alignment(vertical="top")
        c = ws.cell(row=row, column=value_col, value=udf_formula(item["udf"], output, range_name, face, rules))
        c.fill, c.border = common.RESULT_FILL, common.BOX
        if output in OUTPUT_AMOUNTS:
            c.number_format = formats.CHF_SIGNED if output in SIGNED_OUTPUTS else formats.CHF
        if output == "reasons":                    # the reasons may be long: across the value and article columns
            ws.merge_cells(start_row=row, start_column=value_col, end_row=row, end_column=value_col + 1)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 45
        cached[c.coordinate] = result_value(results_row, output, lang)
        row += 1
    note = ws.cell(row=row, column=label_col, value=common.text(spec.get("note"), lang))
    note.font = common.NOTE_FONT
    if spec.get("letter"):      # where the decision letter comes from (xladdin decisions, no UDF)
        ws.cell(row=row + 2, column=label_col, value=common.text(spec["letter"], lang)).font = common.NOTE_FONT
    return cached


def _assess(applicant: dict, rules: str, lang: str) -> dict:
    from ...bursary.assess import assess_full

    got = assess_full([{k: v for k, v in applicant.items()}], rules=rules, lang=lang)
    return got.results.iloc[0].to_dict()


def applicant_from_file(path, applicant_id: str, lang: str = "fr") -> dict:
    """One applicant of a list (.csv/.xlsx), as the intake form shows it (labels, oui/non, dates).

    The row is parsed by the engine (so the form shows what the engine understood), then each value is turned
    back into what a clerk would type. Raises ``applicant_not_found`` when no row has that file number.
    """
    from ...bursary.assess import assess_full
    from ...errors import XladdinError

    got = assess_full(path)
    ids = got.inputs["applicant_id"].astype(object).tolist()
    if applicant_id not in ids:
        raise XladdinError("applicant_not_found", applicant_id=applicant_id, path=str(path))
    row = got.inputs.iloc[ids.index(applicant_id)]
    return {f.key: common.cell_value(f, row[f.key], lang) for f in schema.FIELDS if f.key in row}
