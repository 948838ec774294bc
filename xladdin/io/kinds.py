"""What a file is, before any row of it is read as an applicant (issue 13 §3-4).

A clerk hands the commands whatever is on the desk: an applicant list (one row per applicant, a header row
possibly below title rows), a filled intake form (one applicant, labels beside values), or a file xladdin itself
wrote (a batch report, a decisions or comparison file, a what-if workbook) or a credits file. Each sheet's cells
are looked at once, here, and the file is read as what it is, or refused with a message naming what it is and
which command takes it. The header row and a form's labels are recognised by the schema's keys and labels
(fr/en/de, :func:`xladdin.schema.resolve_header`), never by cell positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import schema
from ..errors import XladdinError

APPLICANTS, FORM, REPORT, DECISIONS, COMPARISON, WHATIF, CREDITS, CATALOGUE, UNKNOWN, EMPTY = (
    "applicants", "form", "report", "decisions", "comparison", "whatif", "credits", "catalogue", "unknown", "empty")

MIN_HEADER = 2             # known columns a row needs to be taken for the header row
HEADER_SCAN = 50           # lines searched for the header row (title rows above it)
MIN_FORM = 6               # distinct field labels, one below the other, that make a sheet an intake form
FORM_SCAN = 400            # lines searched for a form's labels
SURELY_LIST = 8            # a header row naming this many known columns is a list, not a form
MIN_OUTPUTS = 3            # result columns (eligible, bursary...) that make a list a file of results

# (French, English) description of each kind of file, and the command that takes it.
WHAT = {
    REPORT: (("un rapport de traitement xladdin (écrit par « xladdin import »)",
              "pour réévaluer, relancez la commande sur la liste d'origine{origin} ; les résultats se lisent dans "
              "sa feuille Décisions"),
             ("an xladdin batch report (written by 'xladdin import')",
              "to assess again, run the command on the original list{origin_en}; the results are in its "
              "Decisions sheet")),
    DECISIONS: (("un fichier de décisions xladdin (résultats de « xladdin assess »)",
                 "il contient des résultats, pas des dossiers : pour réévaluer, donnez la liste des dossiers dont il "
                 "est issu"),
                ("an xladdin decisions file (results of 'xladdin assess')",
                 "it holds results, not applicants: to assess again, give the applicant list it comes from")),
    COMPARISON: (("une comparaison xladdin (écrite par « xladdin compare »)",
                  "pour comparer à nouveau, donnez la liste des dossiers dont elle est issue"),
                 ("an xladdin comparison (written by 'xladdin compare')",
                  "to compare again, give the applicant list it comes from")),
    WHATIF: (("un classeur what-if xladdin (paramètres ou scénarios)",
              "il s'ouvre dans Excel avec l'add-in ; « xladdin whatif » prend une liste de dossiers et "
              "--vary PARAMÈTRE=VALEURS"),
             ("an xladdin what-if workbook (parameters or scenarios)",
              "open it in Excel with the add-in; 'xladdin whatif' takes an applicant list and "
              "--vary PARAMETER=VALUES")),
    CREDITS: (("un fichier de crédits ECTS ({detail})", "utilisez {command}"),
              ("an ECTS credits file ({detail_en})", "use {command_en}")),
    CATALOGUE: (("un catalogue de cours ECTS", "utilisez « xladdin credits lint » ou « xladdin credits check »"),
                ("an ECTS course catalogue", "use 'xladdin credits lint' or 'xladdin credits check'")),
}
# The same in German (Zurich, Bern: --lang de).
WHAT_DE = {
    REPORT: ("ein xladdin-Verarbeitungsbericht (geschrieben von «xladdin import»)",
             "für eine neue Berechnung starten Sie den Befehl mit der ursprünglichen Liste{origin_de}; die "
             "Ergebnisse stehen in ihrem Blatt Entscheide"),
    DECISIONS: ("eine xladdin-Entscheiddatei (Ergebnisse von «xladdin assess»)",
                "sie enthält Ergebnisse, keine Dossiers: für eine neue Berechnung geben Sie die Dossierliste an, "
                "aus der sie stammt"),
    COMPARISON: ("ein xladdin-Vergleich (geschrieben von «xladdin compare»)",
                 "für einen neuen Vergleich geben Sie die Dossierliste an, aus der er stammt"),
    WHATIF: ("eine xladdin-Was-wäre-wenn-Arbeitsmappe (Parameter oder Szenarien)",
             "sie öffnet sich in Excel mit dem Add-in; «xladdin whatif» nimmt eine Dossierliste und "
             "--vary PARAMETER=WERTE"),
    CREDITS: ("eine Datei mit ECTS-Kreditpunkten ({detail_de})", "verwenden Sie {command_de}"),
    CATALOGUE: ("ein ECTS-Kurskatalog", "verwenden Sie «xladdin credits lint» oder «xladdin credits check»"),
}
LABEL = {APPLICANTS: ("liste de dossiers", "applicant list"), FORM: ("formulaire de saisie", "intake form")}

_REPORT_SHEETS = ({"Résumé", "Décisions", "Erreurs", "Audit"}, {"Summary", "Decisions", "Errors", "Audit"},
                  {"Zusammenfassung", "Entscheide", "Fehler", "Protokoll"})
_WHATIF_SHEETS = {"Scénarios", "Scenarios", "Szenarien"}
_WHATIF_HEADS = {("parametre", "valeur"), ("parameter", "value"), ("parameter", "wert")}
_VALUE_WORDS = {"valeur", "value", "wert"}
TOTAL_WORDS = {"total", "totaux", "totals", "totale", "totalgeneral", "sommetotale", "somme", "summe", "gesamt",
               "gesamttotal", "sum", "grandtotal"}
_COMPARED = re.compile(r"^[A-Z]{2}(?:-\d{4})?\s*:\s*\S")         # "GE-2025 : éligible"


def _fold(text) -> str:
    return schema._fold(text)


def _outputs() -> set[str]:
    """Result columns of xladdin's own outputs (keys and labels): a list holding several is results."""
    names = set()
    for key in schema.OUTPUT_COLUMNS:
        if key in schema.BY_KEY:                        # applicant_id, independence: inputs as well
            continue
        names |= {key, schema.output_label(key, "fr"), schema.output_label(key, "en"), schema.output_label(key, "de")}
    names |= {"Statut", "Status"}
    return {_fold(n) for n in names}


_OUTPUT_NAMES = _outputs()


def _credits_columns() -> dict[str, str]:
    """{column: what it is} of the credits files (xladdin.credits), less the columns the bursary schema shares."""
    from ..credits.inputs import APPLICANT_COLUMNS, APPLICANT_OPTIONAL, STUDENT_COLUMNS, STUDENT_OPTIONAL

    out = {c: "admission" for c in APPLICANT_COLUMNS + APPLICANT_OPTIONAL}
    out.update({c: "students" for c in STUDENT_COLUMNS + STUDENT_OPTIONAL})
    return {c: what for c, what in out.items() if schema.resolve_header(c) is None}


@dataclass
class Found:
    """What one sheet (or a CSV file) holds."""

    kind: str
    header: int | None = None            # 0-based index of the header row of a list
    known: int = 0                       # known columns in it
    data_rows: int = 0
    labels: list[tuple[int, int, str]] = field(default_factory=list)   # a form's (row, column, key), 0-based
    detail: str = ""                     # credits: students or admission

    @property
    def holds_applicants(self) -> bool:
        return (self.kind == APPLICANTS and self.data_rows > 0) or self.kind == FORM


def _text(value) -> str | None:
    return value.strip() or None if type(value) is str else None


def _known(row) -> list[tuple[int, str]]:
    out = []
    for i, v in enumerate(row):
        text = _text(v)
        if text is not None and not text.startswith("#"):         # an error cell (#NAME?) names nothing
            key = schema.resolve_header(text)
            if key is not None:
                out.append((i, key))
    return out


def find_header(rows: list[list]) -> tuple[int | None, int]:
    """(index, known columns) of the header row: the first of the first :data:`HEADER_SCAN` rows naming at least
    :data:`MIN_HEADER` known columns; else the first non-empty row when it names one (a one-column list)."""
    first = None
    for i, row in enumerate(rows[:HEADER_SCAN]):
        known = len(_known(row))
        if known >= MIN_HEADER:
            return i, known
        if first is None and any(c not in ("", None) for c in row):
            first = (i, known)
    if first is not None and first[1] >= 1:
        return first
    return None, 0


def _form_labels(rows: list[list]) -> list[tuple[int, int, str]]:
    """(row, column, key) of every cell of the first :data:`FORM_SCAN` rows naming a schema field, in the columns
    naming at least :data:`MIN_FORM` different fields (an intake form's label columns)."""
    by_column: dict[int, list[tuple[int, int, str]]] = {}
    for r, row in enumerate(rows[:FORM_SCAN]):
        for c, key in _known(row):
            by_column.setdefault(c, []).append((r, c, key))
    # distinct fields: a list's column of enum codes (« parents », a housing code that is also a key) repeats one
    return sorted(x for found in by_column.values() if len({key for _, _, key in found}) >= MIN_FORM for x in found)


def _other_kind(rows: list[list]) -> Found | None:
    """A credits file, a course catalogue or a what-if parameter sheet, from its first rows."""
    credits = _credits_columns()
    for row in rows[:HEADER_SCAN]:
        names = [str(c).strip().casefold().replace(" ", "_") for c in row if _text(c)]
        hits = [credits[n] for n in names if n in credits]
        if len(hits) >= 2:
            detail = max(set(hits), key=hits.count)
            return Found(CREDITS, detail=detail)
        if "kind" in names and "code" in names:
            return Found(CATALOGUE)
        if len(names) >= 2 and (_fold(names[0]), _fold(names[1])) in _WHATIF_HEADS:
            return Found(WHATIF)
    return None


def classify(rows: list[list]) -> Found:
    """What the rows of one sheet (or CSV file) hold."""
    if not any(any(c not in ("", None) for c in row) for row in rows[:FORM_SCAN]):
        return Found(EMPTY)
    header, known = find_header(rows)
    if header is not None:
        names = [_fold(c) for c in rows[header] if _text(c)]
        outputs = sum(n in _OUTPUT_NAMES for n in names)
        if outputs >= MIN_OUTPUTS and outputs >= known:     # a list may carry last year's bursary beside its inputs
            return Found(DECISIONS, header, known)
        if sum(bool(_COMPARED.match(str(c).strip())) for c in rows[header] if _text(c)) >= 2:
            return Found(COMPARISON, header, known)
    if known < SURELY_LIST:
        labels = _form_labels(rows)
        if len(labels) > max(known, MIN_FORM - 1):
            return Found(FORM, labels=labels)
    if header is not None and (known >= MIN_HEADER or _other_kind(rows[header:header + 1]) is None):
        return Found(APPLICANTS, header, known, len(rows) - header - 1)
    return _other_kind(rows) or Found(UNKNOWN)


def workbook_kind(names: list[str]) -> str | None:
    """A file xladdin wrote, known by its sheets: a batch report, a what-if workbook of scenarios."""
    present = set(names)
    if any(sheets <= present for sheets in _REPORT_SHEETS):
        return REPORT
    if present & _WHATIF_SHEETS:
        return WHATIF
    return None


def refuse(path, kind: str, *, detail: str = "", origin: str = "") -> XladdinError:
    """The exit-2 error for a file that is not an applicant list: what it is, which command takes it."""
    (what, hint), (what_en, hint_en) = WHAT[kind]
    command = {"admission": "« xladdin credits admission »"}.get(
        detail, "« xladdin credits check » ou « xladdin credits transcript »")
    command_en = {"admission": "'xladdin credits admission'"}.get(
        detail, "'xladdin credits check' or 'xladdin credits transcript'")
    detail_fr = {"students": "programmes annuels d'étudiants", "admission": "candidats à l'admission"}.get(detail, "")
    detail_en = {"students": "students' annual programmes", "admission": "admission candidates"}.get(detail, "")
    detail_de = {"students": "Jahresprogramme von Studierenden", "admission": "Zulassungskandidaten"}.get(detail, "")
    command_de = {"admission": "«xladdin credits admission»"}.get(
        detail, "«xladdin credits check» oder «xladdin credits transcript»")
    fill = dict(detail=detail_fr, detail_en=detail_en, detail_de=detail_de, command=command, command_en=command_en,
                command_de=command_de, origin=f" « {origin} » (nommée dans sa feuille Audit)" if origin else "",
                origin_en=f" '{origin}' (named in its Audit sheet)" if origin else "",
                origin_de=f" «{origin}» (genannt in ihrem Blatt Protokoll)" if origin else "")
    what_de, hint_de = WHAT_DE[kind]
    return XladdinError("file_kind", path=str(path), what=what.format(**fill), hint=hint.format(**fill),
                        what_en=what_en.format(**fill), hint_en=hint_en.format(**fill),
                        what_de=what_de.format(**fill), hint_de=hint_de.format(**fill))


def value_columns(rows: list[list], labels: list[tuple[int, int, str]]) -> dict[int, int]:
    """{label column: value column}: the column headed « Valeur » (Value, Wert) right of the labels, above them;
    else the column just right of the labels."""
    heads = [(r, c) for r, row in enumerate(rows[:FORM_SCAN]) for c, v in enumerate(row)
             if _text(v) and _fold(v) in _VALUE_WORDS]
    out = {}
    for column in sorted({c for _, c, _ in labels}):
        first = min(r for r, c, _ in labels if c == column)
        right = sorted(c for r, c in heads if r < first and c > column)
        out[column] = right[0] if right and right[0] - column <= 3 else column + 1
    return out


def is_total_label(value) -> bool:
    text = _text(value) if not isinstance(value, str) else value.strip()
    return bool(text) and _fold(text) in TOTAL_WORDS
