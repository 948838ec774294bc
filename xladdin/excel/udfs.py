"""The Excel functions of xladdin (xlwings UDFs): thin faces over the engine, no rule of their own.

Excel shows each function upper-cased under the add-in's namespace: ``=XLADDIN.BURSARY_TABLE(A1:BH2001)`` with
xlwings Server (Excel on the web, Mac, Windows), ``=BURSARY_TABLE(A1:BH2001)`` with the desktop add-in. The
``xlwings.conf`` sheet's *UDF Modules* entry names this module: ``xladdin.excel.udfs``.

Every argument is taken with xlwings' ``raw`` converter and every result returned ``raw``: the shaping and
cleaning is done by :mod:`xladdin.excel.convert` on whole columns, the values are read by the engine's parser.
A mistake never shows as a bare ``#VALUE!``: the cell reads ``#XLADDIN! <message>``. Descriptions shown in
Excel are French (the text given to :func:`guard`, and each argument's ``doc``); the docstrings are English.

Adding a function (e.g. the what-if table) is one decorated function below: ``@xw.func``, ``@xw.arg(...,
"raw", doc=...)`` per argument, ``@xw.ret("raw")``, ``@guard("French help")``.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
from types import SimpleNamespace

import numpy as np

from . import batch, cache, convert, decorators

_func, _arg, _ret = decorators()
xw = SimpleNamespace(func=_func, arg=_arg, ret=_ret)   # read as xlwings' own xw.func / xw.arg / xw.ret

DEFAULT_RULES = "GE"
CATEGORY = "xladdin"
log = logging.getLogger(__name__)

DOC_APPLICANT = ("Dossier : 2 lignes (en-têtes + valeurs) ou 2 colonnes (libellés + valeurs, formulaire "
                 "vertical), ou une ligne de valeurs avec l'argument headers.")
DOC_RULES = "Jeu de règles (défaut « GE » : celui en vigueur à la date de chaque dossier ; ou un id, p. ex. GE-2025)."
DOC_HEADERS = ("Facultatif : ligne d'en-têtes quand « applicant » n'est qu'une ligne de valeurs "
               "(p. ex. A$1:BH$1).")
DOC_LANG = "Langue des en-têtes et messages : fr (défaut), en, de (allemand), ou cle (clés du schéma)."


def guard(help_fr: str):
    """Catch every error of a UDF body and answer ``[["#XLADDIN! message"]]`` in the language of the function's
    ``lang`` argument (French without one); attach the French help text."""

    def wrap(func):
        signature = inspect.signature(func)
        names = list(signature.parameters)
        at = names.index("lang") if "lang" in names else None

        @functools.wraps(func)
        def run(*args):
            try:
                return func(*args)
            except Exception as exc:  # the cell shows the message; nothing reaches Excel as a bare #VALUE!
                if not isinstance(exc, convert.XladdinError):
                    log.exception("xladdin UDF %s failed", func.__name__)
                return [[convert.message(exc, _language(args[at] if at is not None and at < len(args) else None))]]

        run.help_fr = help_fr
        run.__signature__ = signature      # read by xlwings on every call: made once, not from the wrapped function
        return run

    return wrap


def _language(value) -> str:
    """The cell's language for a message; French when ``lang`` is itself what went wrong."""
    try:
        return convert.lang(value)
    except convert.XladdinError:
        return "fr"


def _engine():
    from ..bursary.assess import assess_full, explain

    return assess_full, explain


def _rules(rules) -> str:
    return convert.text(rules, "rules", DEFAULT_RULES)


def _assess_record(record: dict, rules, language: str) -> dict[str, object]:
    """One applicant's output row (``OUTPUT_COLUMNS`` order, None for an empty cell), read and assessed without a
    table (:func:`xladdin.bursary.assess.assess_one`: the engine's steps over one-element columns)."""
    rules_id, language = _rules(rules), convert.message_lang(language)
    row = batch.deferred_row(record, rules_id, language)      # a batch of calls: this row of its one table
    if row is not None:
        return row
    from ..bursary.assess import assess_one

    return assess_one(record, rules=rules_id, lang=language)


def _cells(row: dict[str, object]) -> list:
    return ["" if v is None else v for v in row.values()]


def _one(name: str, args: tuple, build):
    """Shared path of the one-applicant functions: cache on the raw arguments, read the applicant, assess."""
    return cache.cached(name, args, build)


# --- bursaries ----------------------------------------------------------------------------------------------

@xw.func(category=CATEGORY)
@xw.arg("applicant", "raw", doc=DOC_APPLICANT)
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("headers", "raw", doc=DOC_HEADERS)
@xw.ret("raw")
@guard("Bourse annuelle (CHF) d'un dossier (LBPE art. 19-22) ; un dossier en erreur affiche le message.")
def bursary(applicant, rules=DEFAULT_RULES, headers=None):
    """Annual bursary (CHF) of one applicant: 0 when ineligible or loan-only, a message for bad input."""

    def build():
        return _bursary_cells(_assess_record(convert.read_applicant(applicant, headers), rules, "fr"))

    return _one("bursary", (applicant, rules, headers), build)


def _bursary_cells(row: dict) -> list[list]:
    if row["eligible"] is None:
        return [[convert.row_message(row["reasons"])]]
    return [[int(row["bursary"])]]


@xw.func(category=CATEGORY)
@xw.arg("applicant", "raw", doc=DOC_APPLICANT)
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("headers", "raw", doc=DOC_HEADERS)
@xw.arg("with_header", "raw", doc="Facultatif : VRAI pour ajouter la ligne d'en-têtes (défaut FAUX).")
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Ligne de résultat complète d'un dossier (colonnes de xladdin.assess : éligible, motifs, besoins, "
       "ressources, découvert, plafond, bourse, prêt, aide, semestres, règles).")
def bursary_row(applicant, rules=DEFAULT_RULES, headers=None, with_header=False, lang="fr"):
    """The whole result row of one applicant, in the order of ``xladdin.schema.OUTPUT_COLUMNS``.

    One row by default (so ``INDEX(BURSARY_ROW(dossier), k)`` picks output ``k``); a header row on top when
    ``with_header`` is true.
    """

    def build():
        language = convert.lang(lang)
        row = _assess_record(convert.read_applicant(applicant, headers), rules, language)
        cells = [_cells(row)]
        if convert.flag(with_header, "with_header"):
            cells.insert(0, convert.output_header(row, language))
        return _safe_ids(cells, 0)

    return _one("bursary_row", (applicant, rules, headers, with_header, lang), build)


@xw.func(category=CATEGORY)
@xw.arg("table", "raw",
        doc="Tableau des dossiers : première ligne = en-têtes (clés ou libellés), une ligne par dossier.")
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Évalue tout un tableau de dossiers en un appel : une ligne d'en-têtes puis une ligne de résultat par "
       "dossier, dans l'ordre (les lignes vides restent vides).")
def bursary_table(table, rules=DEFAULT_RULES, lang="fr"):
    """Assess a whole applicant table in one call and spill a header row plus one result row per input row.

    Never drops a row: an empty input row gives an empty output row, a row with bad input gives its id and the
    message in ``reasons``, so the spill stays aligned with the input.
    """
    return cache.cached("bursary_table", (table, rules, lang), lambda: _table(table, rules, lang))


def _table(table, rules, lang) -> list[list]:
    language = convert.lang(lang)
    rules_id = _rules(rules)
    read = convert.read_table(table)
    assess_full, _ = _engine()
    results = assess_full(read.frame, rules=rules_id, lang=convert.message_lang(language)).results
    columns = [convert.column_cells(results[c]) for c in results.columns]
    columns[0] = _safe_column(columns[0])
    if read.blank.any():
        for column in columns:
            column[read.blank] = ""
    return [convert.output_header(results.columns, language)] + convert.rows_of(columns)


@xw.func(category=CATEGORY)
@xw.arg("applicant", "raw", doc=DOC_APPLICANT)
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("headers", "raw", doc=DOC_HEADERS)
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Explication du calcul d'un dossier : une ligne par étape (étape, libellé, montant, article).")
def bursary_explain(applicant, rules=DEFAULT_RULES, headers=None, lang="fr"):
    """The trace of one applicant: header, then one row per step (step, label, amount, article)."""

    def build():
        language = convert.lang(lang)
        _, explain = _engine()
        trace = explain(convert.read_applicant(applicant, headers), rules=_rules(rules),
                        lang=convert.message_lang(language))
        header = {"fr": ["Étape", "Libellé", "Montant", "Article"], "en": ["Step", "Label", "Amount", "Article"],
                  "de": ["Schritt", "Bezeichnung", "Betrag", "Artikel"], "key": list(trace.columns)}[language]
        return convert.frame_cells(trace, header)

    return _one("bursary_explain", (applicant, rules, headers, lang), build)


@xw.func(category=CATEGORY)
@xw.arg("applicant", "raw", doc=DOC_APPLICANT)
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("headers", "raw", doc=DOC_HEADERS)
@xw.ret("raw")
@guard("Éligibilité d'un dossier : VRAI/FAUX puis les codes de motif (LBPE-15;LBPE-16…), sur une ligne.")
def eligibility(applicant, rules=DEFAULT_RULES, headers=None):
    """Eligibility of one applicant as one row ``[eligible, reason codes]``; a message for bad input."""

    def build():
        return _eligibility_cells(_assess_record(convert.read_applicant(applicant, headers), rules, "fr"))

    return _one("eligibility", (applicant, rules, headers), build)


def _eligibility_cells(row: dict) -> list[list]:
    if row["eligible"] is None:
        return [[convert.row_message(row["reasons"]), ""]]
    return [[row["eligible"], row["reasons"]]]


# The functions of (applicant, rules, headers) whose cells come from the applicant's French result row alone: a
# batch of per-row formulas reads their rows as one table (xladdin.excel.batch) and shapes each with these.
ROW_CELLS = {"bursary": _bursary_cells, "eligibility": _eligibility_cells}


@xw.func(category=CATEGORY)
@xw.arg("applicant_or_semesters", "raw",
        doc="Un dossier (plage), ou la durée réglementaire de la formation en semestres.")
@xw.arg("part_time_ratio", "raw", doc="Facultatif : taux d'études (0 < taux ≤ 1, défaut 1).")
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("part_time_reason", "raw",
        doc="Facultatif : motif du temps partiel (professionnel, familial, santé, autre) ; requis si taux < 1.")
@xw.ret("raw")
@guard("Nombre de semestres de droit à l'aide (LBPE art. 14 al. 1 et 4 ; RBPE art. 6).")
def entitlement_semesters(applicant_or_semesters, part_time_ratio=None, rules=DEFAULT_RULES, part_time_reason=None):
    """Entitlement (LBPE art. 14) from an applicant range, or from a regular duration, a ratio and its reason
    (LBPE 14 al. 4 stretches the duration only for professional, family or health reasons)."""

    def build():
        value = convert.to_scalar(applicant_or_semesters)
        if isinstance(value, (list, tuple)):
            record = convert.read_applicant(applicant_or_semesters)
            if not convert.is_empty(convert.to_scalar(part_time_ratio)):
                record["part_time_ratio"] = convert.number(part_time_ratio, "part_time_ratio")
        else:
            record = {"applicant_id": "—",
                      "regular_semesters": convert.number(value, "applicant_or_semesters"),
                      "part_time_ratio": convert.number(part_time_ratio, "part_time_ratio", default=1.0)}
        if not convert.is_empty(convert.to_scalar(part_time_reason)):
            record["part_time_reason"] = convert.text(part_time_reason, "part_time_reason")
        ratio = record.get("part_time_ratio")
        if isinstance(ratio, (int, float)) and ratio < 1 and convert.is_empty(record.get("part_time_reason")):
            raise convert.XladdinError("part_time_reason_needed", ratio=convert.text(ratio, "part_time_ratio"))
        row = _assess_record(record, rules, "fr")
        if row["eligible"] is None:
            return [[convert.row_message(row["reasons"])]]
        semesters = row["entitlement_semesters"]
        return [[semesters if semesters is not None else ""]]

    return _one("entitlement_semesters", (applicant_or_semesters, part_time_ratio, rules, part_time_reason), build)


@xw.func(category=CATEGORY)
@xw.arg("amount", "raw", doc="Montant du prêt (CHF).")
@xw.arg("end_year", "raw", doc="Année de fin des études (p. ex. 2027).")
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Plan de remboursement d'un prêt d'études, sans intérêt (RBPE art. 18) : année, annuité, solde.")
def loan_plan(amount, end_year, rules=DEFAULT_RULES, lang="fr"):
    """Interest-free repayment plan of a loan (RBPE art. 18): header, then year, installment, remaining."""
    return cache.cached("loan_plan", (amount, end_year, rules, lang), lambda: _loan_plan(amount, end_year, rules, lang))


def _loan_plan(amount, end_year, rules, lang) -> list[list]:
    from ..bursary.loans import loan_plan as plan

    language = convert.lang(lang)
    value = convert.number(amount, "amount")                               # within ±10¹², as the readers
    if value < 0:
        raise convert.XladdinError("excel_out_of_range", name="amount", value=convert.to_scalar(amount), low="0",
                                   high="1 000 000 000 000")
    year = convert.number(end_year, "end_year")
    if not year.is_integer() or not 1900 <= year <= 2200:
        raise convert.XladdinError("excel_bad_number", name="end_year", value=convert.to_scalar(end_year))
    frame = plan(value, int(year), rules=_rules(rules))
    header = {"fr": ["Année", "Annuité", "Solde"], "en": ["Year", "Installment", "Remaining"],
              "de": ["Jahr", "Rate", "Restschuld"], "key": list(frame.columns)}[language]
    return convert.frame_cells(frame, header)


@xw.func(category=CATEGORY)
@xw.arg("table", "raw",
        doc="Tableau des dossiers : première ligne = en-têtes (clés ou libellés), une ligne par dossier.")
@xw.arg("rules", "raw",
        doc="Jeux de règles à comparer, séparés par des virgules (GE-2025,ZH-2021,BE-2024) ou une plage d'ids ; "
            "un canton (GE) = la version en vigueur à la date de chaque dossier.")
@xw.arg("lang", "raw", doc="Langue des en-têtes et messages : fr (défaut), en, de, ou cle (clés).")
@xw.arg("summary", "raw", doc="Facultatif : VRAI pour le résumé par jeu de règles au lieu des dossiers (défaut FAUX).")
@xw.arg("as_resident", "raw",
        doc="Facultatif : VRAI pour évaluer chaque dossier comme domicilié dans le canton de chaque jeu de règles.")
@xw.ret("raw")
@guard("Compare des jeux de règles côte à côte : en-têtes puis une ligne par dossier (éligible, bourse, prêt, aide "
       "totale et motifs par jeu de règles ; écart d'aide max − min), dans l'ordre (les lignes vides restent vides).")
def bursary_compare(table, rules, lang="fr", summary=False, as_resident=False):
    """Spill a side-by-side comparison: header, then one row per input row with each rule set's results.

    Every number is the engine's (``xladdin.compare.compare`` runs ``assess_full`` once per rule set); with
    ``summary`` true the spill is the summary instead (one row per rule set: counts and totals).
    """
    return cache.cached("bursary_compare", (table, rules, lang, summary, as_resident),
                        lambda: _compare(table, rules, lang, summary, as_resident))


def _compare(table, rules, lang, summary, as_resident) -> list[list]:
    from .. import compare as compare_mod
    from ..io.readers import RawTable

    language = convert.lang(lang)
    names = [n for n in convert.texts(rules, "rules") if n]
    if not names:
        raise convert.XladdinError("compare_no_rules")
    read = convert.read_table(table)
    keep = np.flatnonzero(~read.blank)
    if not len(keep):
        raise convert.XladdinError("no_rows")
    rows = compare_mod.subset(RawTable(frame=read.frame), keep)
    result = compare_mod.compare(rows, ",".join(names), lang="fr" if language == "key" else language,
                                 resident=convert.flag(as_resident, "as_resident"))
    if convert.flag(summary, "summary"):
        header = list(result.summary.columns) if language == "key" else list(result.labelled_summary().columns)
        return convert.frame_cells(result.summary, header)
    header = list(result.rows.columns) if language == "key" else list(result.labelled_rows().columns)
    columns = []
    for key in result.rows.columns:
        values = convert.column_cells(result.rows[key])
        if key in ("applicant_id",) + compare_mod.NAME_KEYS:
            values = _safe_column(values)
        full = np.full(read.n, "", dtype=object)
        full[keep] = values
        columns.append(full)
    return [header] + [list(r) for r in zip(*columns)]


# --- credits (xladdin.credits) ------------------------------------------------------------------------------

DEFAULT_CATALOGUE = "APHM2M"
DOC_CATALOGUE = "Catalogue du programme (défaut APHM2M, sa dernière année ; ou un id : APHM2M-2024-2025)."
FINDING_HEADER = {"fr": ["Étudiant", "Code", "Gravité", "Objet", "Message", "Source"],
                  "en": ["Student", "Code", "Severity", "Subject", "Message", "Source"]}


def _credits():
    from .. import credits

    return credits


def _catalogue(value):
    """A shipped catalogue by code or id; a file path only on the desk (a cell never names a server file)."""
    name = convert.text(value, "catalogue", DEFAULT_CATALOGUE)
    on_server = os.environ.get("XLWINGS_ON_SERVER") == "true"
    if on_server and (any(sep in name for sep in "/\\:") or "." in name):
        raise convert.XladdinError("excel_bad_choice", name="catalogue", value=name,
                                   allowed="un catalogue livré, p. ex. APHM2M")
    return _credits().load_catalogue(name)


def _findings(frame, language: str, with_student: bool) -> list[list]:
    message = "message_en" if language == "en" else "message_fr"
    columns = (["student_id"] if with_student else []) + ["code", "severity", "subject", message, "source"]
    header = FINDING_HEADER["en" if language == "en" else "fr"][(0 if with_student else 1):]
    if language == "key":
        header = columns
    return convert.frame_cells(frame[columns], header)


@xw.func(category=CATEGORY)
@xw.arg("grades", "raw", doc="Notes sur 20 (une par cours ; vide, abs. ou PP = non noté).")
@xw.arg("credits", "raw", doc="Crédits ECTS de chaque cours, dans le même ordre que les notes.")
@xw.ret("raw")
@guard("Moyenne des notes pondérée par les crédits (page « Évaluation » du programme) ; vide si rien n'est "
       "noté.")
def weighted_average(grades, credits):
    """Credit-weighted average of the graded courses; an empty cell when nothing is graded."""
    got = _credits().weighted_average(_values(grades), _values(credits))
    return [["" if got is None else got]]


@xw.func(category=CATEGORY)
@xw.arg("grades", "raw", doc="Notes sur 20 (une par cours).")
@xw.arg("credits", "raw", doc="Crédits ECTS de chaque cours, dans le même ordre que les notes.")
@xw.ret("raw")
@guard("Crédits acquis : ceux des cours notés 10/20 ou plus (décret Paysage art. 139).")
def credits_acquired(grades, credits):
    """Credits of the courses graded 10/20 or more (décret Paysage art. 139)."""
    return [[_credits().credits_acquired(_values(grades), _values(credits))]]


@xw.func(category=CATEGORY)
@xw.arg("diploma", "raw", doc="Diplôme d'accès (libellé du tableau d'accès du programme).")
@xw.arg("catalogue", "raw", doc=DOC_CATALOGUE)
@xw.ret("raw")
@guard("Crédits supplémentaires imposés pour un diplôme d'accès : minimum, maximum, mode d'accès (une "
       "ligne).")
def supplement_range(diploma, catalogue=DEFAULT_CATALOGUE):
    """Supplementary credits for a prior diploma as one row: ``[minimum, maximum, access mode]``."""
    name = convert.text(diploma, "diploma")
    if name is None:
        raise convert.XladdinError("excel_empty", what="diploma")
    lo, hi, mode = _credits().supplement_range(_catalogue(catalogue), name)
    return [["" if lo is None else lo, "" if hi is None else hi, mode]]


@xw.func(category=CATEGORY)
@xw.arg("table", "raw", doc="Programmes annuels : en-têtes student_id, bloc, course_code (+ prior_diploma, "
                            "status, grade, credits…), une ligne par étudiant et cours.")
@xw.arg("catalogue", "raw", doc=DOC_CATALOGUE)
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Contrôle des programmes annuels (PAE) et relevés : une ligne par constat (code, gravité, objet, "
       "message, source) ; « OK » pour un étudiant sans constat.")
def programme_check(table, catalogue=DEFAULT_CATALOGUE, lang="fr"):
    """Check students' annual programmes (PAE-*, TR-*) and spill one row per finding."""
    language = convert.lang(lang)

    def build():
        frame = convert.header_frame(table, "table")
        return _findings(_credits().check_programmes(_catalogue(catalogue), frame), language, True)

    return cache.cached("programme_check", (table, catalogue, lang), build)


@xw.func(category=CATEGORY)
@xw.arg("catalogue", "raw", doc=DOC_CATALOGUE)
@xw.arg("lang", "raw", doc=DOC_LANG)
@xw.ret("raw")
@guard("Contrôle d'un catalogue de programme (CAT-*) : crédits contradictoires, groupes impossibles, totaux.")
def catalogue_lint(catalogue=DEFAULT_CATALOGUE, lang="fr"):
    """Lint a programme catalogue (CAT-*) and spill its findings."""
    language = convert.lang(lang)
    return _findings(_credits().check_catalogue(_catalogue(catalogue)), language, False)


def _values(value) -> list:
    """A range of cells as one flat list, cleaned (Office.js error cells → their #N/A text)."""
    return [convert.cell(c) for r in convert.matrix(value, "range") for c in r]



# --- helpers ------------------------------------------------------------------------------------------------

def _safe_column(values: np.ndarray) -> np.ndarray:
    """Applicants' ids are their text: one that looks like a formula gets the text marker (io.guard)."""
    from ..io.guard import is_dangerous, text_for_excel

    if any(map(is_dangerous, values)):
        values = np.array([text_for_excel(v) for v in values], dtype=object)
    return values


def _safe_ids(rows: list[list], column: int) -> list[list]:
    from ..io.guard import text_for_excel

    for r in rows:
        r[column] = text_for_excel(r[column])
    return rows


def _describe_in_french() -> None:
    """Excel shows ``__xlfunc__["ret"]["doc"]`` as the function's description: make it the French help."""
    for value in list(globals().values()):
        meta = getattr(value, "__xlfunc__", None)
        if meta is not None and getattr(value, "help_fr", None):
            meta["ret"]["doc"] = value.help_fr



@xw.func(category=CATEGORY)
@xw.arg("table", "raw",
        doc="Tableau des dossiers : première ligne = en-têtes (clés ou libellés), une ligne par dossier.")
@xw.arg("parameters", "raw",
        doc="Paramètres à faire varier : une ligne par paramètre, son nom pointé (p. ex. amounts.cap.tertiary) "
            "puis les valeurs à essayer dans les cellules suivantes.")
@xw.arg("rules", "raw", doc=DOC_RULES)
@xw.ret("raw")
@guard("Table de scénarios : pour chaque combinaison des valeurs, coût total des bourses et prêts, "
       "bénéficiaires, aide moyenne et médiane, nouveaux et perdus, gagnants et perdants, drapeaux du concordat.")
def whatif_table(table, parameters, rules=DEFAULT_RULES):
    """Spill a what-if scenario table: one row per combination of the varied parameters' values."""

    def build():
        from ..whatif import whatif_table as scenarios

        vary = {}
        for row in convert.matrix(parameters, "parameters"):
            cells = [c for c in row if c not in (None, "")]
            if cells:
                vary[str(cells[0]).strip()] = cells[1:]
        if not vary:
            raise convert.XladdinError("whatif_no_parameter")
        read = convert.read_table(table)
        result = scenarios(read.frame, vary, rules=_rules(rules))
        return convert.frame_cells(result, [str(c) for c in result.columns])

    return cache.cached("whatif_table", (table, parameters, rules), build)


_describe_in_french()                 # last: every function above, the what-if table included
