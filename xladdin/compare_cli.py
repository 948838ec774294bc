"""Command-line face of the side-by-side comparison (concordat art. 1-2): ``xladdin compare``.

Only totals per rule set reach the console (no individual's amount or income); the input is never written to.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .compare import LANGS, SHEETS, compare
from .errors import XladdinError
from .io import output
from .io import redact as redact_mod
from .io.formats import chf_text
from .io.readers import describe, read_applicants
from .options import lang_option

console = Console()

_TITLES = {"fr": ("Comparaison de {name}", "Résultats écrits dans {out}", "Indicateur"),
           "en": ("Comparison of {name}", "Results written to {out}", "Measure"),
           "de": ("Vergleich von {name}", "Ergebnisse geschrieben nach {out}", "Kennzahl")}


def compare_cmd(
    input: Path = typer.Argument(..., help="Liste des requérants (.csv, .xlsx, .xls, .ods)."),
    rules: str = typer.Option(..., "--rules", "-r",
                              help="Jeux de règles séparés par des virgules (GE-2025,ZH-2021,BE-2024) ou cantons "
                                   "(GE,ZH : la version en vigueur à la date de chaque dossier)."),
    out: Path = typer.Option(..., "--out", "-o",
                             help="Fichier de sortie : .xlsx (comparaison + résumé) ou .csv (comparaison)."),
    lang: str = lang_option(("fr", "en", "de"), help="Langue des en-têtes et des messages : fr, en ou de."),
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
    resident: bool = typer.Option(False, "--as-resident",
                                  help="Évaluer chaque dossier comme domicilié (domicile déterminant) dans le "
                                       "canton de chaque jeu de règles (comparer les cantons pour une même "
                                       "personne)."),
    redact: bool = redact_mod.option(),
    sheet: str = typer.Option(None, "--sheet", help="Feuille à lire (nom ou numéro) ; défaut : la seule feuille "
                                                    "visible qui contient des dossiers."),
):
    """Compare plusieurs jeux de règles côte à côte : une ligne par dossier, un résumé par jeu de règles."""
    if lang not in LANGS:
        raise XladdinError("lang_fr_en_de", lang=lang)
    mode = output.mode(lang, keys)
    csv_dialect = output.dialect(csv_dialect)
    output.check_command_output(out, (input,))
    with output.os_errors(input, "read"):
        table = read_applicants(input, sheet=sheet)
    for line in describe(table, "en" if lang == "en" else "fr"):
        console.print(line, highlight=False)
    with redact_mod.masking(redact):
        result = compare(table, rules, lang=mode, resident=resident)
    if redact:
        result.rows = redact_mod.comparison(result.rows)
    index = LANGS.index(lang)
    more = {SHEETS["summary"][index]: result.labelled_summary()}
    shown, wide = result, ()
    if out.suffix.lower() in (".xlsx", ".xlsm"):       # a workbook: the messages on their own sheet
        errors = result.errors()
        if len(errors):
            shown = result.for_workbook()
            more[SHEETS["errors"][index]] = errors
            wide = (errors.columns[-1],)               # the message: a paragraph, wrapped wide
    output.write_table(shown.labelled_rows(), out, lang=mode, csv_dialect=csv_dialect, protect=(input,),
                       kinds=result.kinds(), sheet=SHEETS["rows"][index], title=input.name,
                       rules=", ".join(result.rules), freeze_cols=1, more_sheets=more, wide_keys=wide)
    title, written, measure = _TITLES[lang]
    console.print(summary_table(result, title.format(name=input.name), measure))
    console.print(written.format(out=out))


def summary_table(result, title: str, measure: str) -> Table:
    """One column per rule set, one row per total (counts and CHF sums only)."""
    summary = result.labelled_summary()
    table = Table(title=title, show_header=True)
    table.add_column(measure)
    for key in result.summary["rules"]:
        table.add_column(str(key), justify="right")
    for key, label in zip(result.summary.columns, summary.columns):
        if key == "rules":
            continue
        cells = []
        for value in result.summary[key]:
            cells.append(chf_text(value) if key.startswith(("total_", "mean_")) else str(value))
        table.add_row(label, *cells)
    return table


def register(app: typer.Typer) -> None:
    app.command("compare")(compare_cmd)
