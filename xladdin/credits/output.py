"""Writing result tables of the credit checks through the output layer (:mod:`xladdin.io.output`): headers and
values in the registrar's language (``--lang fr|en|de``, or ``--keys`` for machines), averages to 2 decimals,
credits as numbers, A4 page setup, CSV as a Swiss Excel opens it; through a temporary file, never over an input.

The labels of every column the credit checks read or write live here (:data:`LABELS`), so the sheets xladdin
writes (a catalogue export, the templates) head their columns in words and the readers take those words back
(:func:`column_key`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import XladdinError
from ..io import output

# key: (fr, en, de). Findings, transcripts, the catalogue sheet, the students' and applicants' tables.
LABELS = {
    # findings
    "student_id": ("Matricule", "Student number", "Matrikelnummer"),
    "applicant_id": ("N° de candidat", "Applicant number", "Bewerbernummer"),
    "code": ("Code", "Code", "Code"),
    "severity": ("Gravité", "Severity", "Schweregrad"),
    "subject": ("Objet", "Subject", "Gegenstand"),
    "message": ("Message", "Message", "Meldung"),
    "message_fr": ("Message (français)", "Message (French)", "Meldung (Französisch)"),
    "message_en": ("Message (anglais)", "Message (English)", "Meldung (Englisch)"),
    "source": ("Source", "Source", "Quelle"),
    # transcript
    "bloc": ("Bloc", "Bloc", "Block"),
    "rows": ("Lignes", "Rows", "Zeilen"),
    "courses": ("Cours", "Courses", "Kurse"),
    "credits_enrolled": ("Crédits inscrits", "Credits enrolled", "Eingeschriebene Credits"),
    "credits_graded": ("Crédits notés", "Credits graded", "Benotete Credits"),
    "credits_acquired": ("Crédits acquis", "Credits acquired", "Erworbene Credits"),
    "credits_failed": ("Crédits non acquis", "Credits failed", "Nicht erworbene Credits"),
    "credits_not_graded": ("Crédits sans note", "Credits not graded", "Credits ohne Note"),
    "credits_supplementary_acquired": ("Crédits supplémentaires acquis", "Supplementary credits acquired",
                                       "Erworbene Zusatzcredits"),
    "credits_valorised": ("Crédits valorisés", "Credits valorised", "Angerechnete Credits"),
    "credits_toward_degree": ("Crédits comptant pour le diplôme", "Credits toward the degree",
                              "Credits für den Abschluss"),
    "credits_remaining": ("Crédits restants", "Credits remaining", "Verbleibende Credits"),
    "weighted_average": ("Moyenne pondérée", "Weighted average", "Gewichteter Durchschnitt"),
    "courses_unknown_credits": ("Cours aux crédits inconnus", "Courses with unknown credits",
                                "Kurse mit unbekannten Credits"),
    "grade_issues": ("Notes illisibles ou hors échelle", "Unreadable or out-of-scale grades",
                     "Unlesbare Noten oder ausserhalb der Skala"),
    # catalogue sheet (xladdin.credits.sheet.COLUMNS)
    "kind": ("Type de ligne", "Row kind", "Zeilenart"),
    "parent": ("Groupe parent", "Parent group", "Übergeordnete Gruppe"),
    "title": ("Intitulé", "Title", "Titel"),
    "credits": ("Crédits", "Credits", "Credits"),
    "min_credits": ("Crédits min.", "Min. credits", "Min. Credits"),
    "max_credits": ("Crédits max.", "Max. credits", "Max. Credits"),
    "min_courses": ("Cours min.", "Min. courses", "Min. Kurse"),
    "max_courses": ("Cours max.", "Max. courses", "Max. Kurse"),
    "mandatory": ("Obligatoire", "Mandatory", "Obligatorisch"),
    "optional": ("Optionnel", "Optional", "Wahlweise"),
    "supplementary": ("Supplémentaire", "Supplementary", "Zusätzlich"),
    "complete": ("Liste complète", "Complete list", "Vollständige Liste"),
    "term": ("Quadrimestre", "Term", "Semester"),
    "hours": ("Heures", "Hours", "Stunden"),
    "blocs": ("Blocs", "Blocs", "Blöcke"),
    "year": ("Année académique", "Academic year", "Studienjahr"),
    "language": ("Langue", "Language", "Sprache"),
    "teachers": ("Enseignants", "Teachers", "Lehrende"),
    "markers": ("Marqueurs", "Markers", "Markierungen"),
    "exchange": ("Échange", "Exchange", "Austausch"),
    "mode": ("Mode d'accès", "Access mode", "Zulassungsart"),
    "supplement_min": ("Compléments min.", "Supplements min.", "Zusatzleistungen min."),
    "supplement_max": ("Compléments max.", "Supplements max.", "Zusatzleistungen max."),
    "region": ("Région du diplôme", "Degree region", "Region des Abschlusses"),
    "aliases": ("Autres intitulés", "Other names", "Andere Bezeichnungen"),
    "value": ("Valeur", "Value", "Wert"),
    "note": ("Remarque", "Note", "Bemerkung"),
    # students' and applicants' tables (xladdin.credits.inputs)
    "prior_diploma": ("Diplôme antérieur", "Prior diploma", "Früherer Abschluss"),
    "course_code": ("Code du cours", "Course code", "Kurscode"),
    "status": ("Statut", "Status", "Status"),
    "grade": ("Note sur 20", "Grade out of 20", "Note (von 20)"),
    "reduced_load": ("Allègement", "Reduced load", "Reduziertes Pensum"),
    "degree_region": ("Région du diplôme", "Degree region", "Region des Abschlusses"),
    "degree_credits": ("Crédits du diplôme", "Degree credits", "Credits des Abschlusses"),
    "average_20": ("Moyenne sur 20", "Average out of 20", "Durchschnitt (von 20)"),
    "professional_derogation": ("Dérogation professionnelle", "Professional derogation", "Berufliche Ausnahme"),
    "courses_passed": ("Cours réussis", "Courses passed", "Bestandene Kurse"),
    "valorisation_credits": ("Crédits à valoriser", "Credits to valorise", "Anzurechnende Credits"),
}
VALUES = {
    "severity": {"error": ("erreur", "error", "Fehler"), "warning": ("avertissement", "warning", "Warnung"),
                 "info": ("information", "information", "Hinweis")},
    "kind": {"programme": ("programme", "programme", "Programm"), "rule": ("règle", "rule", "Regel"),
             "group": ("groupe", "group", "Gruppe"), "course": ("cours", "course", "Kurs"),
             "access": ("accès", "access", "Zulassung"), "priority": ("priorité", "priority", "Priorität"),
             "prerequisite": ("prérequis", "prerequisite", "Voraussetzung")},
    "mode": {"direct": ("direct", "direct", "direkt"), "supplements": ("compléments", "supplements",
                                                                       "Zusatzleistungen"),
             "dossier": ("dossier", "dossier", "Dossier"), "none": ("aucun", "none", "keine")},
    "region": {"eu": ("UE", "EU", "EU"), "non_eu": ("hors UE", "non-EU", "ausserhalb EU")},
    "status": {"enrolled": ("inscrit", "enrolled", "eingeschrieben"),
               "supplement": ("supplément", "supplement", "Zusatz"),
               "valorised": ("valorisé", "valorised", "angerechnet")},
}
KINDS = {**{k: output.ENUM for k in VALUES},
         **{k: output.BOOL for k in ("mandatory", "optional", "supplementary", "complete", "exchange",
                                     "reduced_load", "professional_derogation")},
         **{k: output.INTEGER for k in ("bloc", "rows", "courses", "courses_unknown_credits", "grade_issues",
                                        "min_courses", "max_courses")},
         "weighted_average": output.AVERAGE, "average_20": output.AVERAGE}
CREDIT_COLUMNS = ("credits_enrolled", "credits_graded", "credits_acquired", "credits_failed", "credits_not_graded",
                  "credits_supplementary_acquired", "credits_valorised", "credits_toward_degree",
                  "credits_remaining")
ACQUIRED = "acquired_"                  # transcript: credits acquired per group of the catalogue, acquired_<GROUP>
ACQUIRED_LABEL = ("Crédits acquis : {group}", "Credits acquired: {group}", "Erworbene Credits: {group}")

# Registered under this face's own names (``credits.status``): the schema's ``applicant_id`` or the batch
# report's ``status`` keep their own labels. Files for machines (--keys) keep the plain keys.
SCOPE = "credits."
output.register_labels(LABELS, kinds=KINDS, values=VALUES, scope=SCOPE)


def scoped(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """``frame`` with its columns under this face's names (for people), and their kinds."""
    kinds = {**{c: KINDS[c] for c in frame.columns if c in KINDS}, **kinds_for(frame)}
    if lang == output.KEYS:
        return frame, {k: v for k, v in kinds.items() if v != output.ENUM}       # codes stay codes
    return frame.rename(columns=lambda c: SCOPE + str(c)), {SCOPE + k: v for k, v in kinds.items()}


def header(key: str, lang: str) -> str:
    """A credits column's header in ``lang`` (its key for machines)."""
    return key if lang == output.KEYS else output.header(SCOPE + key, lang)


def value_label(key: str, code, lang: str) -> str:
    """A coded value of a credits column in ``lang`` (``rule`` → ``règle``)."""
    return output.value_label(SCOPE + key, code, lang)


def column_key(header, known) -> str | None:
    """The key a column header stands for among ``known`` keys: the key itself or its label in any language
    (``Matricule``, ``Student number``), compared without case, accents' spaces or dashes as the readers do."""
    folded = _fold(header)
    for key in known:
        if folded == _fold(key) or any(folded == _fold(label) for label in LABELS.get(key, ())):
            return key
    return None


def value_code(key: str, value) -> str:
    """A coded value as written in any language (``règle``, ``Regel``) back to its code (``rule``)."""
    folded = _fold(value)
    for code, labels in VALUES.get(key, {}).items():
        if folded == _fold(code) or any(folded == _fold(label) for label in labels):
            return code
    return str(value).strip()


def _fold(text) -> str:
    return str(text).strip().casefold().replace(" ", "_").replace("-", "_")


def findings_for_people(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Findings with one message, in the reader's language (German readers get the French one); both for
    machines."""
    if lang == output.KEYS or "message_fr" not in findings:
        return findings
    message = findings["message_en"] if lang == "en" else findings["message_fr"]
    out = findings.drop(columns=["message_fr", "message_en"])
    out.insert(out.columns.get_loc("subject") + 1, "message", message)
    return out


def kinds_for(frame: pd.DataFrame) -> dict[str, str]:
    """Credit columns whole when every value is, else to 2 decimals (a 2.5-credit course); the per-group
    columns of a transcript named after their group."""
    kinds = {}
    for column in frame.columns:
        if column in CREDIT_COLUMNS or str(column).startswith(ACQUIRED) or column == "credits":
            values = pd.to_numeric(frame[column], errors="coerce").dropna()
            whole = bool(((values % 1) == 0).all())
            kinds[column] = output.INTEGER if whole else output.AVERAGE
        if str(column).startswith(ACQUIRED):
            group = str(column)[len(ACQUIRED):]
            output.register_labels({column: tuple(label.format(group=group) for label in ACQUIRED_LABEL)},
                                   scope=SCOPE)
    return kinds


def write_frame(frame: pd.DataFrame, out: str | Path, protect: tuple = (), sheet: str = "Constatations", *,
                lang: str = "fr", csv_dialect: str = output.DEFAULT_DIALECT, title: str = "", rules: str = "",
                freeze_cols: int = 1) -> Path:
    """Write ``frame`` to ``out`` (.csv or .xlsx, sheet ``sheet``) for people in ``lang`` (or keys)."""
    out = Path(out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise XladdinError("output_format", path=str(out))
    frame, kinds = scoped(frame, lang)
    return output.write_table(frame, out, lang=lang, csv_dialect=csv_dialect, protect=tuple(p for p in protect if p),
                              sheet=sheet, title=title or sheet, rules=rules, kinds=kinds, freeze_cols=freeze_cols)
