"""Command-line face of the credit checks: ``xladdin credits check|lint|transcript|admission|export``.

A thin face: it reads the files, calls :mod:`xladdin.credits`, writes the result and prints counts only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from ..io import output
from ..io.readers import read_table
from ..options import lang_option
from . import findings as F
from .admission import admission
from .catalogue import load_catalogue
from .lint import check_catalogue
from .output import findings_for_people, write_frame
from .pae import check_programmes
from .sheet import write_catalogue_sheet
from .transcript import transcript

app = typer.Typer(help="Crédits ECTS : catalogues de programmes, programmes annuels (PAE), relevés de notes et "
                       "admission (spec credits-APHM2M).", no_args_is_help=True, add_completion=False)
console = Console()

LANG = lang_option(("fr", "en", "de"), help="Langue du fichier écrit : fr (défaut), en ou de.")
CATALOGUE_HELP = "Catalogue livré (APHM2M) ou fichier catalogue (.yaml, .csv, .xlsx)."
OUT_HELP = "Fichier de sortie (.csv ou .xlsx) ; jamais le fichier d'entrée."


# Sheet names and titles of the files written, per language (keys: the French words).
WORDS = {"findings": ("Constatations", "Findings", "Feststellungen"), "transcripts": ("Relevés", "Transcripts",
                                                                                      "Notenauszüge"),
         "programmes": ("Programmes annuels", "Annual programmes", "Jahresprogramme"),
         "admission": ("Admission", "Admission", "Zulassung")}


def _word(key: str, lang: str) -> str:
    fr, en, de = WORDS[key]
    return {"en": en, "de": de}.get(lang, fr)


def _protect(catalogue: str, *inputs: Path) -> tuple:
    path = Path(catalogue)
    return (*inputs, path) if path.exists() else inputs


def _summary(findings: pd.DataFrame, title: str, id_column: str | None, read: int) -> None:
    """Counts by code and severity: no name, grade or message reaches the console."""
    table = Table(title=title)
    for name, justify in (("code", "left"), ("gravité", "left"), ("nombre", "right")):
        table.add_column(name, justify=justify)
    for row in F.counts(findings).itertuples(index=False):
        style = {"error": "red", "warning": "yellow"}.get(row.severity, "")
        table.add_row(row.code, f"[{style}]{row.severity}[/]" if style else row.severity, str(row.count))
    console.print(table)
    if id_column:
        console.print(f"{read} lignes lues, {findings[id_column].nunique()} identifiants, "
                      f"{len(findings)} constatations.")


@app.command("check")
def check_cmd(
    catalogue: str = typer.Argument(..., help=CATALOGUE_HELP),
    students: Path = typer.Argument(..., help="Programmes annuels, une ligne par étudiant et cours (.csv, .xlsx)"),
    out: Path = typer.Option(None, "--out", "-o", help=OUT_HELP),
    lang: str = LANG,
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
):
    """Contrôle les programmes annuels (PAE-*) et les notes (TR-*) : une ligne par constatation."""
    cat = load_catalogue(catalogue)
    table = read_table(students)
    findings = check_programmes(cat, table)
    if out:
        shown = output.mode(lang, keys)
        write_frame(findings_for_people(findings, shown), out, _protect(catalogue, students), lang=shown,
                    csv_dialect=csv_dialect, sheet=_word("findings", shown), rules=cat.id,
                    title=f"{_word('programmes', shown)} — {students.name}")
    _summary(findings, f"Programmes annuels — {cat.id} — {students.name}", "student_id", len(table.frame))
    if out:
        console.print(f"Constatations écrites dans {out}")


@app.command("lint")
def lint_cmd(catalogue: str = typer.Argument(..., help=CATALOGUE_HELP)):
    """Contrôle un catalogue (CAT-*) : crédits contradictoires, groupes impossibles, total."""
    cat = load_catalogue(catalogue)
    findings = check_catalogue(cat)
    n_courses = len(cat.course_table)
    console.print(f"{cat.id} — {cat.title} : {n_courses} cours connus, {len(cat.group_table)} groupes, "
                  f"{len(cat.access)} entrées d'accès.")
    table = Table(title=f"Contrôle du catalogue {cat.id}")
    for name in ("code", "gravité", "sujet", "message"):
        table.add_column(name)
    for row in findings.itertuples(index=False):
        table.add_row(row.code, row.severity, row.subject, row.message_fr)
    console.print(table if len(findings) else "Aucune constatation.")


@app.command("transcript")
def transcript_cmd(
    catalogue: str = typer.Argument(..., help=CATALOGUE_HELP),
    students: Path = typer.Argument(..., help="Programmes annuels avec notes (.csv, .xlsx)."),
    out: Path = typer.Option(None, "--out", "-o", help=OUT_HELP),
    lang: str = LANG,
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
):
    """Relevé par étudiant : crédits acquis (≥ 10/20), moyenne pondérée, restant dû, progression par groupe."""
    cat = load_catalogue(catalogue)
    table = read_table(students)
    frame = transcript(cat, table)
    if out:
        shown = output.mode(lang, keys)
        write_frame(frame, out, _protect(catalogue, students), sheet=_word("transcripts", shown), lang=shown,
                    csv_dialect=csv_dialect, rules=cat.id, title=f"{_word('transcripts', shown)} — {students.name}")
    summary = Table(title=f"Relevés — {cat.id} — {students.name}")
    summary.add_column("indicateur")
    summary.add_column("valeur", justify="right")
    summary.add_row("Lignes lues", str(len(table.frame)))
    summary.add_row("Étudiants", str(len(frame)))
    summary.add_row("Crédits acquis (total)", F.fmt_number([frame["credits_acquired"].sum()]).iloc[0])
    summary.add_row("Notes illisibles ou hors échelle", str(int(frame["grade_issues"].sum())))
    console.print(summary)
    if out:
        console.print(f"Relevés écrits dans {out}")


@app.command("admission")
def admission_cmd(
    catalogue: str = typer.Argument(..., help=CATALOGUE_HELP),
    applicants: Path = typer.Argument(..., help="Candidats : une ligne par candidat (.csv, .xlsx)."),
    out: Path = typer.Option(None, "--out", "-o", help=OUT_HELP),
    lang: str = LANG,
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
):
    """Contrôle l'admission (ADM-*) : mode d'accès, moyenne hors Europe, prérequis du dossier, valorisation."""
    cat = load_catalogue(catalogue)
    table = read_table(applicants)
    findings = admission(cat, table)
    if out:
        shown = output.mode(lang, keys)
        write_frame(findings_for_people(findings, shown), out, _protect(catalogue, applicants), lang=shown,
                    csv_dialect=csv_dialect, sheet=_word("findings", shown), rules=cat.id,
                    title=f"{_word('admission', shown)} — {applicants.name}")
    _summary(findings, f"Admission — {cat.id} — {applicants.name}", "applicant_id", len(table.frame))
    if out:
        console.print(f"Constatations écrites dans {out}")


@app.command("export")
def export_cmd(
    catalogue: str = typer.Argument(..., help=CATALOGUE_HELP),
    out: Path = typer.Option(..., "--out", "-o", help="Feuille de sortie (.csv ou .xlsx)."),
    lang: str = LANG,
    keys: bool = output.KEYS_OPTION,
    csv_dialect: str = output.CSV_DIALECT_OPTION,
):
    """Exporte un catalogue vers une feuille (une ligne par élément), relisible par les autres commandes."""
    cat = load_catalogue(catalogue)
    write_catalogue_sheet(cat, out, protect=_protect(catalogue), lang=output.mode(lang, keys),
                          csv_dialect=csv_dialect)
    console.print(f"Catalogue {cat.id} écrit dans {out}")
