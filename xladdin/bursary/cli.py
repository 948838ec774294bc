"""Command-line face of the bursary engine: ``assess``, ``explain``, ``rules list|show``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .. import rules as rules_mod
from ..errors import InputFileError, XladdinError, in_language
from ..io import limits, output
from ..io import redact as redact_mod
from ..io.formats import chf_text
from ..io.readers import describe, read_applicants
from ..io.stream import assess_file, streamable
from ..options import lang_option, reference_date_option
from ..schema import resolve_header
from .assess import assess_full, explain

console = Console()
DECISIONS_SHEET = {"fr": "Décisions", "en": "Decisions", "de": "Entscheide", output.KEYS: "Decisions"}


SHEET_OPTION = typer.Option(None, "--sheet", help="Feuille à lire (nom ou numéro) ; défaut : la seule feuille "
                                                   "visible qui contient des dossiers.")


def summary_table(assessment, title: str) -> Table:
    """Totals only: no individual's income or amount reaches the console."""
    if hasattr(assessment, "results"):
        r = assessment.results
        eligible, bursary, loan = int(r["eligible"].fillna(False).sum()), r["bursary"].sum(), r["loan"].sum()
    else:                                          # a streamed assessment keeps its totals, not its rows
        eligible, bursary, loan = assessment.eligible, assessment.bursary, assessment.loan
    table = Table(title=title, show_header=True)
    table.add_column("Indicateur")
    table.add_column("Valeur", justify="right")
    table.add_row("Dossiers lus", str(assessment.rows_read))
    table.add_row("Dossiers évalués", str(assessment.rows_assessed))
    table.add_row("Dossiers en erreur", str(assessment.rows_in_error))
    table.add_row("Éligibles", str(eligible))
    table.add_row("Non éligibles", str(assessment.rows_assessed - eligible))
    table.add_row("Total des bourses (CHF)", chf_text(float(bursary)))
    table.add_row("Total des prêts (CHF)", chf_text(float(loan)))
    table.add_row("Règles", ", ".join(rs.label for rs in assessment.rulesets))
    if assessment.rows_out_of_period:
        table.add_row("Hors période des règles (RULES-OUT-OF-PERIOD)", str(assessment.rows_out_of_period))
    return table


def assess_cmd(
    input: Path = typer.Argument(..., help="Liste des requérants (.csv, .xlsx, .xls, .ods)."),
    out: Path = typer.Option(..., "--out", "-o", help="Fichier des résultats (.csv ou .xlsx)."),
    rules: str = typer.Option("GE", "--rules", "-r", help="Canton (défaut GE : la version en vigueur à la date de chaque dossier) ou jeu de règles (GE-2025)."),
    reference_date: str = reference_date_option(),
    lang: str = lang_option(("fr", "en", "de"), help="Langue du fichier écrit et des messages : fr (défaut), "
                                                     "en ou de."),
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
    sheet: str = SHEET_OPTION,
    redact: bool = redact_mod.option(),
    max_file_mb: str = limits.MAX_FILE_MB_OPTION,
    max_rows: str = limits.MAX_ROWS_OPTION,
    max_columns: str = limits.MAX_COLUMNS_OPTION,
    max_cells: str = limits.MAX_CELLS_OPTION,
):
    """Évalue une liste de requérants et écrit une ligne de résultat par ligne lue (spec §5)."""
    chosen_limits = limits.from_options(max_file_mb, max_rows, max_columns, max_cells)
    output.check_command_output(out, (input,), (".csv", ".xlsx", ".parquet"))
    if sheet is None and streamable(input, out):   # a big CSV or Parquet list: chunk by chunk, constant memory
        with in_language(lang):
            assessment = assess_file(input, out, rules=rules, reference_date=reference_date,
                                     lang=lang if lang in ("en", "de") else "fr", redact=redact, limits=chosen_limits,
                                     mode=output.mode(lang, keys), csv_dialect=output.dialect(csv_dialect))
        _report(assessment.table, assessment, input, out, lang)
        return
    with in_language(lang):
        mode = output.mode(lang, keys)
        csv_dialect = output.dialect(csv_dialect)
        with output.os_errors(input, "read"):
            table = read_applicants(input, sheet=sheet, limits=chosen_limits)
        if table.frame.empty:
            raise InputFileError("file_no_rows", path=str(input))
        assessment = assess_full(table, rules=rules, reference_date=reference_date,
                                 lang=lang if lang in ("en", "de") else "fr", redact=redact)
        results = redact_mod.results(assessment.results) if redact else assessment.results
        output.write_table(results, out, lang=mode, csv_dialect=csv_dialect, protect=(input,),
                           sheet=DECISIONS_SHEET[mode], title=input.name,
                           rules=", ".join(rs.label for rs in assessment.rulesets), freeze_cols=1)
    _report(table, assessment, input, out, lang)


def _report(table, assessment, input: Path, out: Path, lang: str) -> None:
    """What was read, the totals, the columns left out, where the results are; exit 1 if rows went missing."""
    for line in describe(table, lang):
        console.print(line, highlight=False)
    console.print(summary_table(assessment, f"Évaluation de {input.name}"))
    if assessment.unknown_columns:
        console.print(f"[yellow]Colonnes ignorées (inconnues du schéma) : {', '.join(assessment.unknown_columns)}")
    console.print(f"Résultats écrits dans {out}")
    if assessment.rows_read != assessment.rows_assessed + assessment.rows_in_error:  # pragma: no cover
        raise typer.Exit(1)


def explain_cmd(
    input: Path = typer.Argument(..., help="Fichier contenant le dossier (.csv, .xlsx)."),
    applicant_id: str = typer.Option(None, "--id", help="N° de dossier (facultatif si le fichier n'a qu'une ligne)."),
    rules: str = typer.Option("GE", "--rules", "-r", help="Jeu de règles ou canton."),
    reference_date: str = reference_date_option(),
    lang: str = lang_option(help="fr ou en."),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON."),
    sheet: str = SHEET_OPTION,
):
    """Explique le calcul d'un dossier, étape par étape, avec l'article de chaque montant."""
    with in_language(lang):
        table = read_applicants(input, sheet=sheet)
        frame = table.frame
        positions = list(range(len(frame)))
        id_column = next((c for c in frame.columns if resolve_header(c) == "applicant_id"), None)
        if applicant_id is not None:
            if id_column is None:
                raise XladdinError("applicant_not_found", applicant_id=applicant_id, path=str(input))
            ids = frame[id_column].map(lambda v: str(v).strip().removesuffix(".0"))
            positions = [i for i, same in enumerate(ids == applicant_id) if same]
            if not positions:
                raise XladdinError("applicant_not_found", applicant_id=applicant_id, path=str(input))
        if len(positions) != 1:
            raise XladdinError("explain_one_row", rows=len(positions))
        # the row keeps its line in the clerk's file (and a form's fields theirs): messages name those lines
        trace = explain(table.rows(positions), rules=rules, reference_date=reference_date, lang=lang)
    if as_json:
        typer.echo(json.dumps(trace.to_dict(orient="records"), ensure_ascii=False, default=str, indent=1))
        return
    for line in describe(table, lang):
        console.print(line, highlight=False)
    shown = Table(title=f"Explication — dossier {applicant_id or ''}".strip())
    for name in ("step", "label", "amount", "article"):
        shown.add_column(name, justify="right" if name in ("step", "amount") else "left")
    for row in trace.itertuples(index=False):
        amount = chf_text(row.amount) if isinstance(row.amount, (int, float)) else str(row.amount)
        shown.add_row(str(row.step), row.label, amount, row.article)
    console.print(shown)


rules_app = typer.Typer(help="Jeux de règles : paramètres datés avec leur article.", no_args_is_help=True)


@rules_app.command("list")
def rules_list():
    """Liste les jeux de règles livrés et leur période de validité."""
    table = Table(title="Jeux de règles")
    for name in ("id", "version", "canton", "valable du", "au", "titre"):
        table.add_column(name)
    for rs in rules_mod.available().values():
        table.add_row(rs.id, rs.version, rs.canton, rs.valid_from.strftime("%d.%m.%Y"),
                      rs.valid_to.strftime("%d.%m.%Y") if rs.valid_to else "—", rs.title)
    console.print(table)


@rules_app.command("show")
def rules_show(
    ruleset: str = typer.Argument(..., help="Id du jeu de règles (GE-2025) ou canton (GE, en vigueur aujourd'hui)."),
    as_json: bool = typer.Option(False, "--json", help="JSON : {nom: {value, article, valid_from}}."),
):
    """Affiche chaque paramètre d'un jeu de règles avec sa valeur, son article et sa date d'effet."""
    rs = rules_mod.load(ruleset)
    if as_json:
        typer.echo(json.dumps({name: p.as_json() for name, p in rs.flat().items()}, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{rs.label} — {rs.title} (du {rs.valid_from:%d.%m.%Y} au "
                        f"{rs.valid_to:%d.%m.%Y})" if rs.valid_to else rs.label)
    table.add_column("paramètre", no_wrap=True)
    for name in ("valeur", "unité", "article", "dès le", "note"):
        table.add_column(name)
    for name, p in rs.flat().items():
        note = " ; ".join(x for x in (f"= {p.same_as}" if p.same_as else "", p.note) if x)
        table.add_row(name, "— manquant" if p.missing else str(p.value), p.unit, p.article, p.valid_from, note)
    console.print(table)
    model_table = Table(title="Modèle de calcul : variante retenue à chaque étape")
    for name in ("étape", "variante", "article"):
        model_table.add_column(name)
    for slot, variant in rs.choices.items():
        model_table.add_row(slot, variant, rs.choice_articles.get(slot, ""))
    console.print(model_table)


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_cmd)
    app.command("explain")(explain_cmd)
    from ..compliance.cli import check_cmd
    rules_app.command("check")(check_cmd)          # concordat minimum standards
    app.add_typer(rules_app, name="rules")
