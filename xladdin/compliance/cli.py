"""Command-line face of the concordat check (concordat of 2009 art. 1 a): ``xladdin rules check RULESET``.

Exit codes: 0 when no standard is *not met* (with ``--strict``: and none is left *à vérifier*), 1
(:data:`~.report.EXIT_NOT_MET`) otherwise; 2 bad option, 4 unknown rule set, as every command.
"""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from ..errors import XladdinError
from ..options import lang_option
from .report import STATUS_LABELS, check, status_label

console = Console()
_STYLE = {"met": "green", "not_met": "bold red", "not_applicable": "dim", "review": "yellow"}
_HEAD = {"fr": ("Norme", "Concordat", "Canton", "Statut", "Constat", "Normes minimales du concordat (2009) — {label}",
                "code de sortie"),
         "en": ("Standard", "Concordat", "Canton", "Status", "Finding", "Concordat minimum standards (2009) — {label}",
                "exit code"),
         "de": ("Norm", "Konkordat", "Kanton", "Status", "Befund", "Mindeststandards des Konkordats (2009) — {label}",
                "Exit-Code")}


def check_cmd(
    ruleset: str = typer.Argument(..., help="Id du jeu de règles (GE-2025) ou canton (GE, en vigueur aujourd'hui)."),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON (verdicts, profils, montants)."),
    lang: str = lang_option(("fr", "en", "de")),
    strict: bool = typer.Option(False, "--strict", help="Code de sortie 1 aussi pour une norme « à vérifier »."),
):
    """Contrôle un jeu de règles contre les normes minimales du concordat (art. 5, 12, 13, 15, 19).

    Chaque norme : respectée, non respectée, sans objet ou à vérifier (textes détenus insuffisants), avec
    l'article du concordat et celui du canton. Code de sortie 1 si une norme n'est pas respectée, sinon 0.
    """
    if lang not in _HEAD:
        raise XladdinError("lang_fr_en_de", lang=lang)
    report = check(ruleset, strict=strict)
    if as_json:
        typer.echo(json.dumps(report.as_json(lang), ensure_ascii=False, indent=1, default=str))
        raise typer.Exit(report.exit_code)
    head = _HEAD[lang]
    table = Table(title=head[5].format(label=report.rules.label), show_lines=True)
    table.add_column(head[0], no_wrap=True)
    table.add_column(head[1])
    table.add_column(f"{head[2]} ({report.rules.canton})")
    table.add_column(head[3])
    table.add_column(head[4], ratio=1)
    for v in report.verdicts:
        table.add_row(v.standard.id, v.standard.article, v.canton_article,
                      f"[{_STYLE[v.status]}]{status_label(v.status, lang)}[/]", v.detail("en" if lang == "en" else "fr"))
    console.print(table)
    colon = ": " if lang != "fr" else " : "
    counts = ", ".join(f"{status_label(s, lang)}{colon}{report.count(s)}" for s in STATUS_LABELS)
    console.print(f"{counts} — {head[6]} {report.exit_code}")
    raise typer.Exit(report.exit_code)
