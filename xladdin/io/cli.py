"""Command-line face of templates and bulk import: ``xladdin template KIND`` and ``xladdin import INPUT``."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..errors import XladdinError, in_language
from ..options import lang_option, reference_date_option
from . import limits, output
from .bulk import Stages, run_import
from .readers import describe
from .redact import option as redact_option

console = Console()
err_console = Console(stderr=True)

STAGE_LABELS = {"read": "Lecture du fichier", "assess": "Validation et calcul", "report": "Écriture du rapport"}
PROGRESS_MIN_ROWS = 2000          # below this an import is instant: no bar


class RichStages(Stages):
    """Draws one rich progress bar per stage of an import on stderr (long files only)."""

    def __init__(self, progress: Progress):
        self.progress = progress

    @contextmanager
    def stage(self, name: str, total: int | None = None):
        task = self.progress.add_task(STAGE_LABELS.get(name, name), total=total or None)

        def advance(n: int) -> None:
            self.progress.advance(task, n)

        yield advance
        self.progress.update(task, total=total or 1, completed=total or 1)


def template_cmd(
    kind: str = typer.Argument(..., help="intake | applicants | catalogue | programme | whatif"),
    out: Path = typer.Option(..., "--out", "-o", help="Classeur à écrire (.xlsx)."),
    lang: str = lang_option(("fr", "en", "de"), help="Langue des libellés : fr (défaut), en ou de."),
    rules: str = typer.Option("GE", "--rules", "-r",
                              help="Jeu de règles ou canton (GE-2025, ZH-2021, BE) : les champs que ce canton lit "
                                   "(intake, applicants), les résultats du formulaire, le what-if."),
    face: str = typer.Option("desktop", "--formulas",
                             help="Formules du formulaire : desktop (=bursary(...), xlwings) ou web "
                                  "(=XLADDIN.BURSARY(...), Excel sur le web)."),
    from_file: Path = typer.Option(None, "--from", help="intake : pré-remplir depuis une liste de dossiers."),
    applicant_id: str = typer.Option(None, "--id", help="intake : n° de dossier à reprendre de --from."),
    catalogue: str = typer.Option(None, "--catalogue", help="programme : catalogue dont les cours sont proposés ; catalogue : catalogue recopié dans la feuille."),
):
    """Génère un modèle de classeur (formulaire de saisie, liste de dossiers, catalogue, programme, what-if)."""
    from ..excel.templates import KINDS, build

    if kind not in KINDS:
        raise XladdinError("template_kind", kind=kind, available=", ".join(KINDS))
    if lang not in ("fr", "en", "de"):
        raise XladdinError("template_lang", lang=lang)
    if out.suffix.lower() != ".xlsx":
        raise XladdinError("report_format", path=str(out))
    options: dict = {}
    if kind == "intake":
        options.update(face=face, rules=rules)
        if from_file is not None:
            from ..excel.templates.intake import applicant_from_file

            if applicant_id is None:
                raise XladdinError("applicant_not_found", applicant_id="(--id)", path=str(from_file))
            options["applicant"] = applicant_from_file(from_file, applicant_id, lang)
    elif kind in ("whatif", "applicants"):
        options["rules"] = rules
    elif kind in ("programme", "catalogue") and catalogue:
        options["catalogue"] = catalogue
    path = build(kind, out, lang=lang, **options)
    console.print(f"Modèle « {kind} » écrit dans {path}")


def import_cmd(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT...",
                                        help="Liste de dossiers ou formulaire de saisie (.xlsx, .xls, .ods, .csv) ; "
                                             "plusieurs fichiers ou un dossier : un seul rapport, une ligne par "
                                             "formulaire."),
    out: Path = typer.Option(..., "--out", "-o", help="Rapport à écrire (.xlsx) ; jamais le fichier d'entrée."),
    rules: str = typer.Option("GE", "--rules", "-r", help="Canton (défaut GE : la version en vigueur à la date de chaque dossier) ou jeu de règles (GE-2025)."),
    reference_date: str = reference_date_option(),
    lang: str = lang_option(("fr", "en", "de"), help="Langue du rapport : fr (défaut), en ou de."),
    keys: bool = output.KEYS_OPTION,
    sheet: str = typer.Option(None, "--sheet", help="Feuille à lire (nom ou numéro) ; défaut : la seule feuille "
                                                    "visible qui contient des dossiers."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Sans barre de progression."),
    redact: bool = redact_option(),
    max_file_mb: str = limits.MAX_FILE_MB_OPTION,
    max_rows: str = limits.MAX_ROWS_OPTION,
    max_columns: str = limits.MAX_COLUMNS_OPTION,
    max_cells: str = limits.MAX_CELLS_OPTION,
    letters: Path = typer.Option(None, "--letters",
                                 help="Dossier où écrire aussi la lettre de décision de chaque requérant ; le "
                                      "rapport nomme la lettre de chaque ligne."),
):
    """Importe une liste de dossiers, valide chaque ligne, évalue les dossiers valides, écrit le rapport."""
    mode = output.mode(lang, keys)
    size = sum(p.stat().st_size for p in inputs if p.is_file())
    show = not quiet and size > PROGRESS_MIN_ROWS * 200
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, transient=False, disable=not show)
    with in_language(lang), progress:
        result = run_import(inputs[0] if len(inputs) == 1 else inputs, out, rules=rules,
                            reference_date=reference_date, lang=mode, sheet=sheet,
                            messages=lang if lang in ("en", "de") else "fr",
                            progress=RichStages(progress), redact=redact,
                            limits=limits.from_options(max_file_mb, max_rows, max_columns, max_cells),
                            letters=letters)
    for line in describe(result.table, lang):
        console.print(line, highlight=False)
    said = IMPORT_SAID.get(lang, IMPORT_SAID["fr"])
    if result.unknown_columns:
        console.print("[yellow]" + said["unknown"] + ", ".join(result.unknown_columns))
    console.print(said["rules"].format(result.ruleset_label))
    if result.rows_out_of_period:
        console.print("[yellow]" + said["period"].format(result.rows_out_of_period))
    console.print(said["eligible"].format(result.eligible, result.error_cells))
    if result.totals:
        t = result.totals
        console.print(said["totals"].format(*(output.money_text(t[k]) for k in ("bursary", "loan", "aid"))))
    console.print(said["rows"].format(result.rows_read, result.rows_assessed, result.rows_in_error,
                                      "OK" if result.balanced else said["gap"]))
    console.print(said["written"].format(result.out))
    if letters is not None:
        console.print(said["letters"].format(letters))
    if not result.balanced:                                          # pragma: no cover - engine contract
        raise typer.Exit(1)


# What ``xladdin import`` prints, in the report's language (counts and totals only, never an applicant's data).
IMPORT_SAID = {
    "fr": {"unknown": "Colonnes ignorées (inconnues du schéma) : ", "rules": "Règles : {}",
           "period": "Hors période des règles (RULES-OUT-OF-PERIOD) : {}",
           "eligible": "Éligibles : {} ; cellules en erreur : {}",
           "totals": "Bourses : CHF {} ; prêts : CHF {} ; aide totale : CHF {}",
           "rows": "Lignes lues : {} = évaluées : {} + en erreur : {} [{}]", "gap": "ÉCART",
           "written": "Rapport écrit dans {}", "letters": "Lettres de décision écrites dans {}"},
    "en": {"unknown": "Columns left out (not in the schema): ", "rules": "Rules: {}",
           "period": "Outside the rules' period (RULES-OUT-OF-PERIOD): {}",
           "eligible": "Eligible: {}; cells in error: {}",
           "totals": "Bursaries: CHF {}; loans: CHF {}; total aid: CHF {}",
           "rows": "Rows read: {} = assessed: {} + in error: {} [{}]", "gap": "GAP",
           "written": "Report written to {}", "letters": "Decision letters written to {}"},
    "de": {"unknown": "Nicht gelesene Spalten (nicht im Schema): ", "rules": "Regeln: {}",
           "period": "Ausserhalb der Geltungsdauer der Regeln (RULES-OUT-OF-PERIOD): {}",
           "eligible": "Anspruchsberechtigt: {}; fehlerhafte Zellen: {}",
           "totals": "Stipendien: CHF {}; Darlehen: CHF {}; Ausbildungsbeiträge total: CHF {}",
           "rows": "Gelesene Zeilen: {} = berechnet: {} + fehlerhaft: {} [{}]", "gap": "DIFFERENZ",
           "written": "Bericht geschrieben in {}", "letters": "Entscheidbriefe geschrieben in {}"},
}


def register(app: typer.Typer) -> None:
    app.command("template")(template_cmd)
    app.command("import")(import_cmd)
