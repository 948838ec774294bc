"""``xladdin decisions INPUT --out DIR``: one decision letter per applicant (.docx, and PDF on request)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import typer
from rich.console import Console

from .. import options
from ..errors import XladdinError, in_language
from .context import LetterData, build_letters
from .render import render_letters

console = Console()

SUMMARY_NAME = "summary.csv"
SUMMARY_HEADS = {"fr": ("Ligne", "N° de dossier", "Lettre", "Produite", "Motif"),
                 "de": ("Zeile", "Dossier-Nr.", "Brief", "Erstellt", "Grund"),
                 "en": ("Line", "File number", "Letter", "Produced", "Reason")}
YES_NO = {"fr": ("oui", "non"), "de": ("ja", "nein"), "en": ("yes", "no")}


def write_summary(out_dir: Path, letters: list[LetterData], paths: dict[int, Path], lang: str) -> Path:
    """``summary.csv`` in the letters' folder: every row read, its letter or why none was produced (';' and a
    BOM, as a Swiss Excel opens it); written whole under a temporary name, then renamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(SUMMARY_HEADS[lang])
    yes, no = YES_NO[lang]
    for letter in letters:
        path = paths.get(letter.position)
        writer.writerow((letter.line, letter.applicant_id, path.name if path else "", yes if path else no,
                         "" if path else letter.reason_not_produced))
    target = out_dir / SUMMARY_NAME
    handle, temporary = tempfile.mkstemp(prefix=".summary-", suffix=".csv.part", dir=out_dir)
    with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
        stream.write(buffer.getvalue())
    os.replace(temporary, target)
    return target


def produce(input: Path, out: Path, *, rules: str = "GE-2025", reference_date=None, lang: str | None = None,
            ids: list[str] | None = None, pdf: bool = False, one_pdf: Path | None = None,
            template: Path | None = None, force: bool = False, sheet: str | None = None, table=None):
    """Assess ``input`` and write its letters into ``out``; returns (assessment, letters, {position: .docx})."""
    from . import pdf as pdf_mod

    if lang is not None and lang not in ("fr", "de", "en"):
        raise XladdinError("lang_fr_en_de", lang=lang)
    if one_pdf is not None and Path(one_pdf).suffix.lower() != ".pdf":
        raise XladdinError("one_pdf_format", path=str(one_pdf))
    if table is None:                 # a list, an intake form, or a folder of them: read as import reads them
        from ..io.bulk import input_files, read_batch

        table = read_batch(input_files(input), sheet=sheet)
    assessment, letters = build_letters(table, rules, reference_date=reference_date, lang=lang, ids=ids)
    if ids:
        found = {letter.applicant_id for letter in letters}
        absent = [i for i in ids if i not in found]
        if absent:
            raise XladdinError("letter_ids_missing", path=str(input), ids=", ".join(absent))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = render_letters(letters, out, template=template, force=force)
    ordered = [paths[letter.position] for letter in letters if letter.position in paths]
    if pdf:
        pdfs = pdf_mod.to_pdf(ordered, force=force)
        if one_pdf is not None:
            pdf_mod.merge(pdfs, Path(one_pdf), force=force)
    elif one_pdf is not None:
        pdf_mod.merged(ordered, Path(one_pdf), force=force)
    write_summary(out, letters, paths, lang or (letters[0].lang if letters else "fr"))
    return assessment, letters, paths


def decisions_cmd(
    input: Path = typer.Argument(..., help="Liste des requérants, formulaire de saisie (.csv, .xlsx, .xls, .ods) "
                                           "ou dossier de formulaires."),
    out: Path = typer.Option(..., "--out", "-o", help="Dossier où écrire les lettres (créé au besoin)."),
    rules: str = typer.Option("GE-2025", "--rules", "-r", help="Jeu de règles (GE-2025, ZH-2021, BE-2024) ou canton."),
    reference_date: str = options.reference_date_option(),
    lang: str = options.lang_option(("fr", "en", "de"), default=None,
                                    help="Langue des lettres : fr, de ou en (défaut : celle de l'office, GE fr, "
                                         "ZH et BE de)."),
    ids: list[str] = typer.Option(None, "--id", help="N° de dossier à traiter (répétable) ; défaut : tous."),
    pdf: bool = typer.Option(False, "--pdf", help="Chaque lettre aussi en PDF (LibreOffice)."),
    one_pdf: Path = typer.Option(None, "--one-pdf", help="Un seul PDF de toutes les lettres, pour l'impression."),
    template: Path = typer.Option(None, "--template", help="Modèle .docx de l'office (remplace le modèle livré)."),
    force: bool = typer.Option(False, "--force", help="Remplacer les lettres déjà présentes dans le dossier."),
    sheet: str = typer.Option(None, "--sheet", help="Feuille à lire (défaut : la première)."),
):
    """Écrit une lettre de décision par requérant : décision, montants, motifs et articles, feuille de calcul,
    voies de droit ; les lignes en erreur n'ont pas de lettre et sont listées dans summary.csv."""
    with in_language("en" if lang == "en" else "fr"):
        _assessment, letters, paths = produce(input, out, rules=rules, reference_date=reference_date, lang=lang,
                                              ids=ids, pdf=pdf, one_pdf=one_pdf, template=template, force=force,
                                              sheet=sheet)
    missing = [letter for letter in letters if not letter.produced]
    console.print(f"Lettres écrites : {len(paths)} dans {out}" + (" (.docx et .pdf)" if pdf else ""))
    if one_pdf is not None:
        console.print(f"Toutes les lettres dans un PDF : {one_pdf}")
    if missing:
        console.print(f"[yellow]Lignes sans lettre (erreur de saisie) : {len(missing)}")
        for letter in missing:
            console.print(f"  ligne {letter.line}, dossier {letter.applicant_id or '—'} : {letter.reason_not_produced}",
                          markup=False, highlight=False)
    console.print(f"Résumé : {out / SUMMARY_NAME}")


def register(app: typer.Typer) -> None:
    app.command("decisions")(decisions_cmd)
