"""Audit sheet: what was run on what — rule set and version, input file and its SHA-256, row counts, versions.

Enough to reproduce a decision later: the same file (checked by its SHA-256) with the same rule set version gives
the same report. Times are local (``dd.mm.yyyy hh:mm``), as the clerk's clock shows them.
"""

from __future__ import annotations

import datetime as dt
import platform
import re

from .. import output
from .data import ReportData
from .styles import Styles

LABELS = {
    "fr": {"item": "Élément", "value": "Valeur", "rules": "Jeu de règles", "version": "Version du jeu de règles",
           "label": "Règles appliquées", "title": "Titre", "overrides": "Paramètres modifiés",
           "file": "Fichier d'entrée", "path": "Chemin", "sha256": "SHA-256 du fichier d'entrée",
           "format": "Format", "encoding": "Encodage", "separator": "Séparateur", "sheet": "Feuille",
           "header_row": "Ligne d'en-tête", "read": "Lignes lues", "assessed": "Dossiers évalués",
           "errors": "Lignes en erreur", "error_cells": "Cellules en erreur",
           "check": "Contrôle : lues = évaluées + en erreur", "unknown": "Colonnes ignorées (inconnues du schéma)",
           "reference_date": "Date de référence", "xladdin": "Version de xladdin", "python": "Python",
           "xlsxwriter": "XlsxWriter", "started": "Début du traitement", "finished": "Fin de l'écriture",
           "ok": "OK", "gap": "ÉCART", "none": "aucune", "default": "1er septembre de l'année de début",
           "resplit": "Lignes relues avec l'autre séparateur", "kind": "Type de fichier",
           "kinds": {"applicants": "liste de dossiers", "form": "formulaire de saisie (un dossier)",
                     "batch": "lot de fichiers (une ligne par formulaire)"},
           "set_aside": "Lignes non lues (titres, totaux)", "skipped": "Feuilles non lues",
           "form_n": "Fichier {n}", "sheet_of": "feuille", "rows_of": "ligne(s)",
           "per_file": "un par fichier, ci-dessous"},
    "en": {"item": "Item", "value": "Value", "rules": "Rule set", "version": "Rule-set version",
           "label": "Rules applied", "title": "Title", "overrides": "Overridden parameters",
           "file": "Input file", "path": "Path", "sha256": "Input file SHA-256", "format": "Format",
           "encoding": "Encoding", "separator": "Separator", "sheet": "Sheet", "header_row": "Header line",
           "read": "Rows read", "assessed": "Applications assessed", "errors": "Rows in error",
           "error_cells": "Cells in error", "check": "Check: read = assessed + in error",
           "unknown": "Ignored columns (not in the schema)", "reference_date": "Reference date",
           "xladdin": "xladdin version", "python": "Python", "xlsxwriter": "XlsxWriter",
           "started": "Processing started", "finished": "Writing finished", "ok": "OK", "gap": "MISMATCH",
           "none": "(none)", "default": "1 September of the start year",
           "resplit": "Lines re-read with the other separator", "kind": "Kind of file",
           "kinds": {"applicants": "applicant list", "form": "intake form (one applicant)",
                     "batch": "batch of files (one row per form)"},
           "set_aside": "Lines not read (titles, totals)", "skipped": "Sheets not read",
           "form_n": "File {n}", "sheet_of": "sheet", "rows_of": "row(s)",
           "per_file": "one per file, below"},
    "de": {"item": "Element", "value": "Wert", "rules": "Regelwerk", "version": "Version des Regelwerks",
           "label": "Angewandte Regeln", "title": "Titel", "overrides": "Geänderte Parameter",
           "file": "Eingabedatei", "path": "Pfad", "sha256": "SHA-256 der Eingabedatei", "format": "Format",
           "encoding": "Kodierung", "separator": "Trennzeichen", "sheet": "Blatt", "header_row": "Kopfzeile",
           "read": "Gelesene Zeilen", "assessed": "Beurteilte Gesuche", "errors": "Zeilen mit Fehlern",
           "error_cells": "Zellen mit Fehlern", "check": "Kontrolle: gelesen = beurteilt + Fehler",
           "unknown": "Ignorierte Spalten (nicht im Schema)", "reference_date": "Stichtag",
           "xladdin": "xladdin-Version", "python": "Python", "xlsxwriter": "XlsxWriter",
           "started": "Beginn der Verarbeitung", "finished": "Ende des Schreibens", "ok": "OK", "gap": "ABWEICHUNG",
           "none": "keine", "default": "1. September des Anfangsjahres",
           "resplit": "Mit dem anderen Trennzeichen gelesene Zeilen", "kind": "Art der Datei",
           "kinds": {"applicants": "Gesuchsliste", "form": "Erfassungsformular (ein Gesuch)",
                     "batch": "Stapel von Formularen (eine Zeile pro Formular)"},
           "set_aside": "Nicht gelesene Zeilen (Titel, Summen)", "skipped": "Nicht gelesene Blätter",
           "form_n": "Gesuch {n}", "sheet_of": "Blatt", "rows_of": "Zeile(n)",
           "per_file": "eine pro Gesuch, unten"},
}
LABELS[output.KEYS] = LABELS["en"]
HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


def _as_wide(text: str) -> str:
    """``text`` with each digest (SHA-256) made as long as the room its hex digits take: a row's lines are counted
    at 1.25 text characters a digit's width, and hex digits are each as wide as a digit."""
    return HEX_DIGEST.sub(lambda m: "0" * -(-len(m.group()) * 5 // 4), text)


def items(data: ReportData) -> list[tuple[str, object]]:
    """The audit rows as (label, value), in the sheet's order."""
    import xlsxwriter

    t = LABELS[data.lang]
    src = data.source
    rs = data.ruleset
    now = dt.datetime.now().astimezone()
    started = data.started.astimezone() if data.started else now
    rows: list[tuple[str, object]] = [
        (t["rules"], rs.id if rs is not None else ""),
        (t["version"], rs.version if rs is not None else ""),
        (t["label"], ", ".join(r.label for r in data.rulesets) if data.rulesets else ""),
        (t["title"], getattr(rs, "title", "")),
        (t["overrides"], ", ".join(f"{k}={v}" for k, v in sorted(getattr(rs, "overrides", {}).items()))
         or t["none"]),
        (t["reference_date"], output.date_text(data.reference_date) if data.reference_date else t["default"]),
        (t["file"], src.source if src is not None else data.input_path),
        (t["path"], data.input_path),
        (t["sha256"], (src.sha256 or t["per_file"]) if src is not None else ""),
        (t["format"], src.file_format if src is not None else ""),
    ]
    if src is not None and src.file_format == "csv":
        rows += [(t["encoding"], src.encoding), (t["separator"], src.separator),
                 (t["resplit"], " ; ".join(getattr(src, "notes", None) or []) or t["none"])]
    elif src is not None and not getattr(src, "files", None):          # a batch names each file's sheet below
        rows += [(t["sheet"], src.sheet)]
    if src is not None and not getattr(src, "files", None):
        rows += [(t["header_row"], src.header_row)]
    rows += _what_was_read(src, t)
    balanced = data.rows_read == data.rows_assessed + data.rows_in_error
    rows += [
        (t["read"], data.rows_read),
        (t["assessed"], data.rows_assessed),
        (t["errors"], data.rows_in_error),
        (t["error_cells"], len(data.errors) if data.error_cells is None else data.error_cells),
        (t["check"], t["ok"] if balanced else t["gap"]),
        (t["unknown"], ", ".join(data.unknown_columns) or t["none"]),
        (t["xladdin"], xladdin_version()),
        (t["python"], platform.python_version()),
        (t["xlsxwriter"], xlsxwriter.__version__),
        (t["started"], output.local_naive(started)),
        (t["finished"], output.local_naive(now)),
    ]
    return rows


def _what_was_read(src, t: dict) -> list[tuple[str, object]]:
    """Which kind of file, which lines and sheets were set aside, and each file of a batch (issue 13 §3-4)."""
    if src is None or not getattr(src, "kind", ""):
        return []
    rows: list[tuple[str, object]] = [(t["kind"], t["kinds"].get(src.kind, src.kind))]
    for n, f in enumerate(getattr(src, "files", None) or [], start=1):
        sheet = f", {t['sheet_of']} « {f['sheet']} »" if f.get("sheet") else ""
        kind = t["kinds"].get(f["kind"], f["kind"])
        rows.append((t["form_n"].format(n=n), f"{f['name']} ({kind}{sheet}, {f['rows']} {t['rows_of']}) — "
                                               f"SHA-256 {f['sha256']}"))
    rows.append((t["set_aside"], " ; ".join(src.set_aside) or t["none"]))
    rows.append((t["skipped"], ", ".join(src.skipped) or t["none"]))
    return rows


def xladdin_version() -> str:
    try:
        from ... import __version__
        return __version__
    except ImportError:                      # an editable install seen as a namespace package
        from importlib.metadata import version
        return version("xladdin")


def write(wb, ws, data: ReportData, styles: Styles) -> None:
    t = LABELS[data.lang]
    # counts left-aligned in a column that fits the page: they print beside their label, never off the page
    page = output.setup_xlsxwriter(ws, output.Page(
        title=data.title(data.sheet_names["audit"]), rules=data.rules_label, lang=data.lang, widths=[34, 58],
        wrap={0, 1}, min_widths={0: 34, 1: 58}, landscape=False, when=data.started))
    ws.write_string(0, 0, t["item"], styles.head)
    ws.write_string(0, 1, t["value"], styles.head)
    for i, (label, value) in enumerate(items(data), start=1):
        lines = page.row_lines([label, _as_wide(value) if isinstance(value, str) else None])
        if lines > 1:
            ws.set_row(i, 15 * lines)          # a long path or the SHA-256 shows whole, on screen and on paper
        ws.write_string(i, 0, label, styles.label_wrap)
        if isinstance(value, dt.datetime):
            ws.write_datetime(i, 1, value, styles.datetime)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(i, 1, value, styles.int_left)
        else:
            styles.writer.write(ws, i, 1, str(value), styles.label_wrap)
