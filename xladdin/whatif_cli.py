"""Command-line face of the what-if engine: ``xladdin whatif`` (scenario tables) and ``xladdin goalseek``.

Only totals reach the console (no individual's amount); the input file is never written to.
"""

from __future__ import annotations

import json
from decimal import InvalidOperation
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .errors import XladdinError
from .io.formats import chf_text
from .io.readers import describe, read_applicants
from .io.writers import write_table
from .options import lang_option, reference_date_option
from .whatif import goalseek as goalseek_mod
from .whatif import grid, scenarios
from .whatif.scenarios import SEEKABLE

console = Console()
SHOWN_ROWS = 40
SHEET_OPTION = typer.Option(None, "--sheet", help="Feuille à lire (nom ou numéro) ; défaut : la seule feuille "
                                                   "visible qui contient des dossiers.")


def _value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def whatif_cmd(
    input: Path = typer.Argument(..., help="Liste des requérants (.csv, .xlsx, .xls, .ods)."),
    vary: list[str] = typer.Option(..., "--vary", "-v",
                                   help="PARAM=V1,V2,... ou PARAM=DÉBUT:FIN:PAS (fin incluse) ; répétable (grille)."),
    out: Path = typer.Option(..., "--out", "-o",
                             help="Tableau des scénarios : .xlsx (classeur avec graphiques) ou .csv."),
    rules: str = typer.Option("GE", "--rules", "-r", help="Jeu de règles de référence (GE-2025) ou canton."),
    reference_date: str = reference_date_option(),
    breakdown: Path = typer.Option(None, "--breakdown",
                                   help="Avec --out .csv : écrit aussi le détail par degré et type de formation."),
    lang: str = lang_option(help="Langue des signalements : fr ou en."),
    sheet: str = SHEET_OPTION,
):
    """Calcule des scénarios « et si » sur toute la liste : coût, bénéficiaires, gagnants et perdants."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise XladdinError("output_format", path=str(out))
    specs = grid.parse_specs(vary)
    table = read_applicants(input, sheet=sheet)
    for line in describe(table, lang):
        console.print(line, highlight=False)
    result = scenarios.run(table, specs, rules=rules, reference_date=reference_date, lang=lang,
                           breakdown=suffix == ".xlsx" or breakdown is not None)
    if suffix == ".xlsx":
        from .whatif import workbook

        workbook.write(result, out, protect=(input,))
    else:
        write_table(result.scenarios.reset_index(drop=True), out, protect=(input,))
        if breakdown is not None:
            write_table(result.breakdown, breakdown, protect=(input, out))
    console.print(_summary(result, f"Scénarios sur {input.name} — {result.rules.label}"))
    if result.rows_excluded:
        console.print(f"[yellow]{result.rows_excluded} dossier(s) en erreur exclu(s) des chiffres "
                      f"(voir « xladdin assess »).")
    flagged = int((result.scenarios["flags"] != "").sum())
    if flagged:
        console.print(f"[yellow]{flagged} scénario(s) sous les normes minimales du concordat (colonne flags).")
    console.print(f"Scénarios écrits dans {out}")


def _summary(result, title: str) -> Table:
    """Cost and recipients per scenario (the first SHOWN_ROWS), the baseline first; parameters by the last part of
    their name (the full names are in the caption; every figure is in the file)."""
    names = list(result.vary)
    table = Table(title=title, caption="Paramètres : " + ", ".join(names))
    table.add_column("n°", justify="right", no_wrap=True)
    for name in names:
        table.add_column(name.rsplit(".", 1)[-1], justify="right", no_wrap=True)
    table.add_column("coût total", justify="right", no_wrap=True)
    for name in ("bénéf.", "nouv.", "perdus"):
        table.add_column(name, justify="right")
    table.add_column("concordat")
    base = result.baseline
    table.add_row("réf.", *[_value(base[n]) for n in names], chf_text(base["total_cost"]), str(base["recipients"]),
                  "—", "—", "ok" if not base["flags"] else "sous norme")
    for i, row in enumerate(result.scenarios.head(SHOWN_ROWS).to_dict(orient="records")):
        table.add_row(str(i), *[_value(row[n]) for n in names], chf_text(row["total_cost"]), str(row["recipients"]),
                      str(row["new_recipients"]), str(row["lost_recipients"]),
                      "ok" if not row["flags"] else "sous norme")
    if len(result.scenarios) > SHOWN_ROWS:
        table.caption += f" — {SHOWN_ROWS} premiers scénarios sur {len(result.scenarios)} (tous dans le fichier)"
    return table


def goalseek_cmd(
    input: Path = typer.Argument(..., help="Liste des requérants (.csv, .xlsx, .xls, .ods)."),
    param: str = typer.Option(..., "--param", "-p",
                              help="Paramètre à chercher (nom pointé, p. ex. amounts.cap.tertiary)."),
    target: str = typer.Option(..., "--target", "-t", help="Montant visé (p. ex. 40'000'000)."),
    measure: str = typer.Option("total_cost", "--measure", "-m", help=f"Mesure visée : {', '.join(SEEKABLE)}."),
    side: str = typer.Option("below", "--side", help="below : au plus la cible (budget) ; above : au moins."),
    lower: float = typer.Option(None, "--min", help="Valeur minimale du paramètre (défaut 0)."),
    upper: float = typer.Option(None, "--max",
                                help="Valeur maximale du paramètre (défaut 100 × la valeur actuelle)."),
    rules: str = typer.Option("GE", "--rules", "-r", help="Jeu de règles de référence (GE-2025) ou canton."),
    reference_date: str = reference_date_option(),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON."),
    lang: str = lang_option(help="Langue des signalements : fr ou en."),
    sheet: str = SHEET_OPTION,
):
    """Cherche la valeur d'un paramètre qui amène le coût total (ou une autre mesure) au budget visé."""
    try:
        amount = float(grid.number(target))
    except InvalidOperation:
        raise XladdinError("bad_amount", value=target) from None
    table = read_applicants(input, sheet=sheet)
    if not as_json:
        for line in describe(table, lang):
            console.print(line, highlight=False)
    result = goalseek_mod.goal_seek(table, param, amount, rules=rules, measure=measure, side=side, lower=lower,
                                    upper=upper, reference_date=reference_date, lang=lang)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=1, default=str))
    else:
        t = Table(title=f"Recherche de valeur cible — {param}")
        t.add_column("Indicateur")
        t.add_column("Valeur", justify="right")
        money = measure != "recipients"
        shown = chf_text if money else (lambda x: _value(float(x)))
        t.add_row(f"Cible ({measure}, {'au plus' if side == 'below' else 'au moins'})", shown(amount))
        t.add_row(f"Valeur actuelle de {param}", _value(result.start_value))
        t.add_row(f"{measure} actuel", shown(result.start_measure))
        t.add_row(f"Valeur trouvée de {param}", _value(result.value))
        t.add_row(f"{measure} atteint", shown(result.reached_measure))
        if result.next_value is not None:
            t.add_row(f"Valeur suivante ({_value(result.next_value)}) : {measure}", shown(result.next_measure))
        t.add_row("Sens", "croissant" if result.direction == "increasing" else "décroissant")
        t.add_row("Évaluations du tableau", str(result.evaluations))
        t.add_row("Concordat", result.flags or "ok")
        console.print(t)
    if not result.monotone:
        console.print("[yellow]La mesure n'est pas monotone sur les points évalués : la valeur n'est peut-être pas "
                      "unique.")
    if not result.reached:
        raise XladdinError("goalseek_unreachable", name=param, measure=measure, target=chf_text(amount),
                           value=_value(result.value), reached=chf_text(result.reached_measure))


def register(app: typer.Typer) -> None:
    app.command("whatif")(whatif_cmd)
    app.command("goalseek")(goalseek_cmd)
