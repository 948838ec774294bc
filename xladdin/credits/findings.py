"""Spec credits-APHM2M — findings: code, severity, subject, French and English message, source.

Every message lives here, French first, keyed by (code, variant). :func:`emit` turns a table of cases (one row
per finding) into findings without a row loop: a template such as ``"ligne {line} : {value}"`` is filled by
concatenating whole columns.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
COLUMNS = ["code", "severity", "subject", "message_fr", "message_en", "source"]

SPEC = "spec crédits"
PAGE = "page APHM2M"

# code: (default severity, default source, {variant: (French, English)})
CODES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "CAT-CREDITS-MISMATCH": (WARNING, f"{SPEC} §2", {
        "default": ("Le cours {subject} a plusieurs valeurs de crédits dans le catalogue : {values}.",
                    "Course {subject} has several credit values in the catalogue: {values}."),
    }),
    "CAT-GROUP-IMPOSSIBLE": (ERROR, f"{SPEC} §2", {
        "min_gt_max": ("Groupe {subject} : minimum {lo} supérieur au maximum {hi} ({what_fr}).",
                       "Group {subject}: minimum {lo} above maximum {hi} ({what_en})."),
        "min_credits": ("Groupe {subject} : au moins {lo} crédits exigés, ses éléments en offrent au plus {hi}.",
                        "Group {subject}: at least {lo} credits required, its children offer at most {hi}."),
        "max_credits": ("Groupe {subject} : au plus {hi} crédits permis, ses éléments obligatoires en font {lo}.",
                        "Group {subject}: at most {hi} credits allowed, its mandatory children make {lo}."),
        "min_courses": ("Groupe {subject} : au moins {lo} éléments exigés, il n'en a que {hi}.",
                        "Group {subject}: at least {lo} children required, it has only {hi}."),
        "max_courses": ("Groupe {subject} : au plus {hi} éléments permis, {lo} sont obligatoires.",
                        "Group {subject}: at most {hi} children allowed, {lo} are mandatory."),
        "declared": ("Groupe {subject} : annoncé à {credits} crédits, ses éléments permettent {lo} à {hi} crédits.",
                     "Group {subject}: announced at {credits} credits, its children allow {lo} to {hi} credits."),
    }),
    "CAT-TOTAL": (ERROR, f"{SPEC} §2", {
        "groups": ("Les groupes du programme permettent {lo} à {hi} crédits, pas les {total} crédits du programme.",
                   "The programme's groups allow {lo} to {hi} credits, not the programme's {total} credits."),
        "bloc": ("Bloc {subject} : {lo} crédits obligatoires placés, plus que les {hi} crédits d'un bloc annuel.",
                 "Bloc {subject}: {lo} mandatory credits placed, more than the {hi} credits of an annual bloc."),
    }),
    "PAE-UNKNOWN-COURSE": (ERROR, f"{SPEC} §3", {
        "default": ("Ligne {line} : le cours {subject} n'est pas dans le catalogue {catalogue}.",
                    "Line {line}: course {subject} is not in catalogue {catalogue}."),
        "partial": ("Ligne {line} : le cours {subject} n'est pas dans le catalogue {catalogue}, qui ne détaille pas "
                    "tout le programme ; à vérifier (crédits {credits_fr}).",
                    "Line {line}: course {subject} is not in catalogue {catalogue}, which does not detail the whole "
                    "programme; to be checked (credits {credits_en})."),
    }),
    "PAE-DUPLICATE": (ERROR, f"{SPEC} §3", {
        "default": ("Ligne {line} : le cours {subject} figure déjà ligne {first_line} ; cette ligne n'est pas "
                    "comptée.",
                    "Line {line}: course {subject} is already on line {first_line}; this line is not counted."),
    }),
    "PAE-NOT-ORGANISED": (ERROR, f"{SPEC} §3", {
        "default": ("Ligne {line} : le cours {subject} n'est pas organisé cette année ({markers}).",
                    "Line {line}: course {subject} is not organised this year ({markers})."),
    }),
    "PAE-MANDATORY-MISSING": (ERROR, f"{SPEC} §3", {
        "default": ("Cours obligatoire {subject} ({title}) du bloc {bloc} absent du programme annuel.",
                    "Mandatory course {subject} ({title}) of bloc {bloc} missing from the annual programme."),
        "supplements": ("Cours obligatoire {subject} ({title}) du bloc {bloc} absent : admis pour une année "
                        "d'enseignements supplémentaires, à suivre ensuite.",
                        "Mandatory course {subject} ({title}) of bloc {bloc} missing: accepted in a year of "
                        "supplementary courses, to be taken later."),
    }),
    "PAE-GROUP-MIN": (ERROR, f"{SPEC} §3", {
        "credits": ("Groupe {subject} : {value} crédits au programme, au moins {bound} exigés.",
                    "Group {subject}: {value} credits in the programme, at least {bound} required."),
        "courses": ("Groupe {subject} : {value} éléments au programme, au moins {bound} exigés.",
                    "Group {subject}: {value} children in the programme, at least {bound} required."),
        "credits_supplements": ("Groupe {subject} : {value} crédits au programme, au moins {bound} exigés ; admis "
                                "pour une année d'enseignements supplémentaires.",
                                "Group {subject}: {value} credits in the programme, at least {bound} required; "
                                "accepted in a year of supplementary courses."),
        "courses_supplements": ("Groupe {subject} : {value} éléments au programme, au moins {bound} exigés ; admis "
                                "pour une année d'enseignements supplémentaires.",
                                "Group {subject}: {value} children in the programme, at least {bound} required; "
                                "accepted in a year of supplementary courses."),
    }),
    "PAE-GROUP-MAX": (ERROR, f"{SPEC} §3", {
        "credits": ("Groupe {subject} : {value} crédits au programme, au plus {bound} permis.",
                    "Group {subject}: {value} credits in the programme, at most {bound} allowed."),
        "courses": ("Groupe {subject} : {value} éléments au programme, au plus {bound} permis.",
                    "Group {subject}: {value} children in the programme, at most {bound} allowed."),
    }),
    "PAE-SUPPLEMENTS-RANGE": (ERROR, f"{SPEC} §3", {
        "diploma": ("{value} crédits d'enseignements supplémentaires, hors de la fourchette {lo}–{hi} du diplôme "
                    "« {diploma} ».",
                    "{value} supplementary credits, outside the {lo}–{hi} range of the diploma '{diploma}'."),
        "jury": ("{value} crédits d'enseignements supplémentaires, hors de la fourchette {lo}–{hi} imposée par le "
                 "jury.",
                 "{value} supplementary credits, outside the {lo}–{hi} range imposed by the jury."),
        "jury_vs_diploma": ("Fourchette du jury {lo}–{hi} hors de la fourchette {dlo}–{dhi} du diplôme "
                            "« {diploma} ».",
                            "The jury's range {lo}–{hi} is outside the {dlo}–{dhi} range of the diploma "
                            "'{diploma}'."),
        "over": ("{value} crédits d'enseignements supplémentaires : plus que le maximum de {hi}.",
                 "{value} supplementary credits: more than the maximum of {hi}."),
    }),
    "PAE-PRIORITY-FILL": (WARNING, f"{SPEC} §3", {
        "default": ("Enseignements supplémentaires sous {below} crédits ({value}) : le bloc 1 doit être complété en "
                    "priorité par {subject}, absent du programme.",
                    "Supplementary courses under {below} credits ({value}): bloc 1 must be completed first with "
                    "{subject}, missing from the programme."),
    }),
    "PAE-CREDITS-LOW": (ERROR, f"{SPEC} §3", {
        "default": ("Programme annuel de {value} crédits, sous le minimum de {bound}.",
                    "Annual programme of {value} credits, under the minimum of {bound}."),
        "unknown": ("Programme annuel d'au moins {value} crédits connus ({unknown} cours sans crédits connus), "
                    "sous le minimum de {bound} : à vérifier.",
                    "Annual programme of at least {value} known credits ({unknown} courses without known credits), "
                    "under the minimum of {bound}: to be checked."),
        "end_of_cycle": ("Programme annuel de {value} crédits, sous {bound} : admis seulement s'il termine le cycle "
                         "(dernier bloc).",
                         "Annual programme of {value} credits, under {bound}: allowed only if it completes the "
                         "cycle (last bloc)."),
        "reduced_load": ("Programme annuel de {value} crédits, sous {bound} : admis par la décision d'allègement.",
                         "Annual programme of {value} credits, under {bound}: allowed by the reduced-load "
                         "decision."),
    }),
    "PAE-CREDITS-HIGH": (ERROR, f"{SPEC} §3", {
        "default": ("Programme annuel de {value} crédits, au-delà du maximum de {bound}.",
                    "Annual programme of {value} credits, above the maximum of {bound}."),
    }),
    "PAE-VALORISED-MAX": (ERROR, f"{SPEC} §3", {
        "default": ("{value} crédits valorisés, plus que le maximum de {bound}.",
                    "{value} valorised credits, more than the maximum of {bound}."),
    }),
    "TR-GRADE-RANGE": (ERROR, f"{SPEC} §4", {
        "range": ("Ligne {line} : note {value} du cours {subject} hors de l'échelle 0–{scale} ; non comptée.",
                  "Line {line}: grade {value} of course {subject} outside the 0–{scale} scale; not counted."),
        "text": ("Ligne {line} : « {value} » n'est pas une note (cours {subject}) ; non comptée.",
                 "Line {line}: '{value}' is not a grade (course {subject}); not counted."),
        "status": ("Ligne {line} : « {value} » est un statut, pas une note (cours {subject}) : hors moyenne, crédits "
                   "non acquis.",
                   "Line {line}: '{value}' is a status, not a grade (course {subject}): not averaged, credits not "
                   "acquired."),
    }),
    "ADM-ACCESS": (INFO, f"{SPEC} §5", {
        "supplements": ("Accès moyennant {lo} à {hi} crédits d'enseignements supplémentaires ({diploma}).",
                        "Access with {lo} to {hi} supplementary credits ({diploma})."),
        "dossier": ("Accès sur dossier ({diploma}) : direct, avec compléments (60 crédits au plus) ou refusé.",
                    "Access on dossier ({diploma}): direct, with complements (at most 60 credits) or refused."),
        "direct": ("Accès direct ({diploma}).", "Direct access ({diploma})."),
        "none": ("Aucune voie d'accès prévue pour « {diploma} » : s'adresser à la faculté.",
                 "No access route for '{diploma}': contact the faculty."),
        "unlisted": ("Diplôme « {diploma} » absent du tableau d'accès de la page : la faculté décide.",
                     "Diploma '{diploma}' is not in the page's access table: the faculty decides."),
        "non_eu_credits": ("Grade hors Europe de {value} crédits : au moins {bound} exigés (1er cycle).",
                           "Non-European degree of {value} credits: at least {bound} required (first cycle)."),
    }),
    "ADM-NON-EU-AVERAGE": (ERROR, f"{SPEC} §5", {
        "default": ("Grade hors Europe : moyenne {value}/20, au moins {bound}/20 exigés (appliqué strictement).",
                    "Non-European degree: average {value}/20, at least {bound}/20 required (strictly applied)."),
        "missing": ("Grade hors Europe : moyenne inconnue, au moins {bound}/20 exigés.",
                    "Non-European degree: average unknown, at least {bound}/20 required."),
        "derogation": ("Grade hors Europe : moyenne {value}/20 sous {bound}/20, dérogation pour expérience "
                       "professionnelle à attester.",
                       "Non-European degree: average {value}/20 under {bound}/20, professional-experience "
                       "derogation to be documented."),
    }),
    "ADM-DOSSIER-PREREQ": (ERROR, f"{SPEC} §5", {
        "default": ("Accès sur dossier : prérequis {subject} ({title}, {credits} crédits) non réussi.",
                    "Access on dossier: prerequisite {subject} ({title}, {credits} credits) not passed."),
    }),
    "ADM-VALORISATION": (ERROR, f"{SPEC} §5", {
        "eligible": ("Valorisation possible, par décision du jury, de {bound} crédits au plus.",
                     "Up to {bound} credits may be valorised by decision of the jury."),
        "not_eligible": ("{value} crédits à valoriser : la valorisation est réservée aux grades européens de 2e "
                         "cycle ({min_credits} crédits).",
                         "{value} credits to valorise: valorisation is only for European second-cycle degrees "
                         "({min_credits} credits)."),
        "over": ("{value} crédits à valoriser : au plus {bound}.", "{value} credits to valorise: at most {bound}."),
    }),
    "INPUT-INVALID": (ERROR, "xladdin", {
        "default": ("Ligne {line}, colonne {column} : « {value} » {problem_fr}.",
                    "Line {line}, column {column}: '{value}' {problem_en}."),
    }),
    "OK": (INFO, "", {
        "default": ("Aucune constatation.", "No finding."),
    }),
}

_FIELD = re.compile(r"\{(\w+)\}")


def fmt_number(values) -> pd.Series:
    """Numbers as a clerk writes them: ``10`` not ``10.0``, ``7.5``; missing → empty text."""
    s = pd.Series(values, dtype="Float64") if not isinstance(values, pd.Series) else values.astype("Float64")
    rounded = s.round(2)
    whole = rounded.eq(rounded.round(0)).fillna(False).astype(bool)
    as_int = rounded.round(0).astype("Int64").astype("string")
    as_float = rounded.astype("string")
    out = as_float.where(~whole, as_int)
    return out.fillna("").astype(object)


def render(template: str, cases: pd.DataFrame) -> pd.Series:
    """Fill ``{name}`` fields from the columns of ``cases``, whole columns at a time."""
    parts = _FIELD.split(template)
    out = pd.Series("", index=cases.index, dtype=object)
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                out = out + part
        else:
            col = cases[part]
            if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
                col = fmt_number(col)
            out = out + col.astype(object).where(col.notna(), "").astype(str)
    return out


def emit(cases: pd.DataFrame, code: str, variant: str = "default", *, subject=None, severity=None,
         source=None, id_column: str | None = "student_id") -> pd.DataFrame:
    """One finding per row of ``cases``.

    ``subject`` is a literal; without it, the ``subject`` column of ``cases`` (or empty). ``source`` is a column
    name of ``cases`` or a literal, appended to the code's default source. ``severity`` is a literal, a Series,
    or None for the code's default. Columns ``_order`` (the student's position) and ``line`` are kept for
    sorting when ``cases`` has them.
    """
    default_severity, default_source, variants = CODES[code]
    fr, en = variants[variant]
    n = len(cases)
    out = pd.DataFrame(index=cases.index)
    if id_column:
        out[id_column] = cases[id_column].astype(object) if n else pd.Series(dtype=object)
    out["code"] = code
    if severity is None:
        out["severity"] = default_severity
    else:
        out["severity"] = severity
    if subject is None and "subject" in cases.columns:
        out["subject"] = cases["subject"].astype(object)
    else:
        out["subject"] = subject or ""
    out["message_fr"] = render(fr, cases) if n else pd.Series(dtype=object)
    out["message_en"] = render(en, cases) if n else pd.Series(dtype=object)
    if source is None:
        out["source"] = default_source
    elif isinstance(source, str) and source in cases.columns:
        extra = cases[source].astype(object).fillna("").astype(str)
        out["source"] = np.where(extra.str.len() > 0, default_source + " ; " + extra, default_source) \
            if n else pd.Series(dtype=object)
    else:
        out["source"] = f"{default_source} ; {source}" if default_source else source
    out["_order"] = cases["_order"] if "_order" in cases.columns else 0
    out["_line"] = cases["line"] if "line" in cases.columns else 0
    return out


def assemble(parts: list[pd.DataFrame], everyone: pd.DataFrame | None = None, id_column: str | None = "student_id"
             ) -> pd.DataFrame:
    """Concatenate findings, add one ``OK`` row for every id of ``everyone`` that has none, and sort.

    Order: by the id's first appearance in the input, then by check order (the order of ``parts``), then line.
    ``everyone`` has the id column and ``_order``.
    """
    columns = ([id_column] if id_column else []) + COLUMNS
    parts = [p.assign(_part=i) for i, p in enumerate(parts) if len(p)]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns + ["_order", "_line"])
    if everyone is not None and id_column:
        seen = frame[id_column].astype(object) if len(frame) else pd.Series(dtype=object)
        missing = everyone[~everyone[id_column].isin(seen)]
        if len(missing):
            ok = emit(missing, "OK", subject="", id_column=id_column)
            ok["_part"] = len(parts)
            frame = pd.concat([frame, ok], ignore_index=True)
    if "_part" not in frame.columns:
        frame["_part"] = 0
    frame = frame.sort_values(["_order", "_part", "_line"], kind="stable")
    frame = frame[columns].reset_index(drop=True)
    for name in columns:
        frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
    return frame


def counts(findings: pd.DataFrame) -> pd.DataFrame:
    """Number of findings by code and severity (the console summary)."""
    if findings.empty:
        return pd.DataFrame(columns=["code", "severity", "count"])
    table = findings.groupby(["code", "severity"], sort=True).size().rename("count").reset_index()
    return table
