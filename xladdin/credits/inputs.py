"""Reading the students' and applicants' tables (issue 3 §4): raw cells → typed columns + INPUT-INVALID cases.

Whole columns are parsed at once (pandas string and numeric operations); a bad cell becomes an ``INPUT-INVALID``
finding naming its spreadsheet line (header = line 1), column and value, never an exception. Only a file that
cannot be a table (missing required columns, unreadable file) raises :class:`~xladdin.errors.XladdinError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import XladdinError
from ..io.readers import RawTable, read_table
from . import findings as F
from .catalogue import NO, YES

STUDENT_COLUMNS = ("student_id", "prior_diploma", "bloc", "course_code", "status", "grade", "supplement_min",
                   "supplement_max")
STUDENT_OPTIONAL = ("credits", "reduced_load")          # xladdin extensions, documented in the README
STUDENT_REQUIRED = ("student_id", "bloc", "course_code")
APPLICANT_COLUMNS = ("applicant_id", "prior_diploma", "degree_region", "degree_credits", "average_20",
                     "professional_derogation", "courses_passed")
APPLICANT_OPTIONAL = ("valorisation_credits",)
APPLICANT_REQUIRED = ("applicant_id", "prior_diploma", "degree_region")

STATUSES = {
    "": "enrolled", "enrolled": "enrolled", "inscrit": "enrolled", "inscrite": "enrolled",
    "supplement": "supplement", "supplément": "supplement", "supplementary": "supplement",
    "supplementaire": "supplement", "supplémentaire": "supplement",
    "valorised": "valorised", "valorized": "valorised", "valorisé": "valorised", "valorise": "valorised",
    "valorisée": "valorised", "exempted": "valorised", "dispensé": "valorised", "dispense": "valorised",
}
# [reading] texts the spec calls statuses ("abs., ABS, PP, etc."), compared without case and final dot.
GRADE_STATUSES = {"abs", "absent", "pp", "np", "a", "m"}
REGIONS = {"eu": "eu", "ue": "eu", "europe": "eu", "european": "eu", "européen": "eu", "europeen": "eu",
           "non_eu": "non_eu", "non-eu": "non_eu", "non eu": "non_eu", "hors_ue": "non_eu", "hors ue": "non_eu",
           "hors-ue": "non_eu", "hors europe": "non_eu", "non_ue": "non_eu"}


@dataclass
class Table:
    """A parsed input: one row per input row (``_pos``, ``line``), typed columns, and INPUT-INVALID cases."""

    rows: pd.DataFrame
    issues: pd.DataFrame
    source: str
    students: pd.DataFrame | None = None     # one row per student id (students' table only)


def header_key(name) -> str:
    return str(name).strip().casefold().replace(" ", "_").replace("-", "_")


def _raw(data, what: str) -> tuple[pd.DataFrame, int, str]:
    """(cells, header line, source name) of a path, RawTable, DataFrame or list of dicts."""
    if isinstance(data, (str, Path)):
        data = read_table(data)
    if isinstance(data, RawTable):
        return data.frame, data.header_row, data.source
    if isinstance(data, pd.DataFrame):
        return data.reset_index(drop=True), 1, what
    if isinstance(data, (list, tuple)):
        return pd.DataFrame(list(data)), 1, what
    raise XladdinError("credits_bad_input", what=what, kind=type(data).__name__)


def _columns(frame: pd.DataFrame, known: tuple, required: tuple, source: str) -> pd.DataFrame:
    mapping = {}
    for col in frame.columns:
        key = header_key(col)
        if key in known and key not in mapping.values():
            mapping[col] = key
    frame = frame[list(mapping)].rename(columns=mapping)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise XladdinError("credits_missing_columns", path=source, columns=", ".join(missing),
                           expected=", ".join(known))
    for col in known:
        if col not in frame.columns:
            frame[col] = ""
    return frame


def by_value(series: pd.Series, fn) -> pd.Series:
    """Apply ``fn`` (a whole-Series function) to the distinct values only, then spread the result back.

    A column of 100 000 cells holds a few dozen course codes, statuses or grades: cleaning the distinct values
    keeps the string work proportional to them, not to the rows.
    """
    series = pd.Series(series).astype(object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = pd.Series(list(uniques) + [None], dtype=object)
    done = np.asarray(pd.Series(fn(values)).astype(object), dtype=object)
    return pd.Series(done[codes], index=series.index, dtype=object)       # code -1 → the None slot


def _clean_text(values: pd.Series) -> pd.Series:
    t = values.astype("string").str.strip().str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)
    return t.fillna("").astype(object)


def _to_number(values: pd.Series) -> pd.Series:
    t = values.astype("string").str.replace(",", ".", regex=False).str.replace(r"[\s\u00a0']", "", regex=True)
    return pd.to_numeric(t, errors="coerce").astype(object)


def text(series: pd.Series) -> pd.Series:
    """Cells as trimmed text: ``1001.0`` (a number read from .xlsx) → ``1001``, empty/None → ``""``."""
    return by_value(series, _clean_text)


def number(series: pd.Series) -> pd.Series:
    """Numeric text (``12``, ``12,5``, ``12.5``) → Float64; anything else → NA."""
    return pd.to_numeric(by_value(series, _to_number), errors="coerce").astype("Float64")


def exact(value, name: str) -> Fraction:
    """One number (int, float, numeric text such as ``"37,5"``) as an exact decimal fraction, else an error.

    A float is read through its shortest repr (0.1 → 1/10), not as the binary double.
    """
    if isinstance(value, bool) or value is None:
        raise XladdinError("credits_bad_number", name=name, value="" if value is None else value)
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise XladdinError("credits_bad_number", name=name, value=value)
        return Fraction(repr(float(value)))
    try:
        return Fraction(str(value).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise XladdinError("credits_bad_number", name=name, value=value) from None


def _cases(rows: pd.DataFrame, mask, id_column: str, column: str, value, fr, en, severity=F.ERROR) -> pd.DataFrame:
    mask = pd.Series(mask, index=rows.index).fillna(False).astype(bool)
    sub = rows[mask]
    return pd.DataFrame({
        id_column: sub[id_column], "line": sub["line"], "_order": sub["_order"], "column": column,
        "value": sub[value] if isinstance(value, str) and value in sub.columns else value,
        "problem_fr": fr, "problem_en": en, "severity": severity,
    })


def _order(ids: pd.Series) -> pd.Series:
    """Position of each id's first appearance (the output keeps the input's order of students)."""
    codes, _ = pd.factorize(ids)
    return pd.Series(codes, index=ids.index)


def _flag(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    low = by_value(values, lambda u: u.fillna("").astype(str).str.casefold())
    yes = low.isin(YES)
    return yes, ~(yes | low.isin(NO) | low.eq(""))


def _raw_rows(data, what: str, columns: tuple, optional: tuple, required: tuple) -> tuple[pd.DataFrame, str]:
    """A table's cells as text, one ``<column>_raw`` per known column, with each row's position and line."""
    raw, header, source = _raw(data, what)
    if raw.shape[1] == 0:
        raise XladdinError("credits_missing_columns", path=source, columns=", ".join(required),
                           expected=", ".join(columns))
    frame = _columns(raw, columns + optional, required, source)
    n = len(frame)
    rows = pd.DataFrame({"_pos": np.arange(n), "line": np.arange(n) + header + 1})
    for col in frame.columns:
        rows[col + "_raw"] = text(frame[col]).to_numpy()
    return rows, source


def parse_students(data, blocs: tuple[int, ...]) -> Table:
    """The students' table: one row per student and course (spec §3 input)."""
    rows, source = _raw_rows(data, "students", STUDENT_COLUMNS, STUDENT_OPTIONAL, STUDENT_REQUIRED)
    rows["student_id"] = rows["student_id_raw"]
    rows["_order"] = _order(rows["student_id"])
    rows["course_code"] = by_value(rows["course_code_raw"],
                                   lambda u: u.fillna("").str.normalize("NFKC").str.upper()
                                   .str.replace(r"\s+", "", regex=True))
    rows["prior_diploma"] = rows["prior_diploma_raw"]
    status_key = by_value(rows["status_raw"], lambda u: u.fillna("").str.casefold())
    rows["status"] = status_key.map(STATUSES).fillna("enrolled")
    rows["credits_in"] = number(rows["credits_raw"])
    grade = rows["grade_raw"]
    rows["grade"] = number(grade)
    status_text = by_value(grade, lambda u: u.fillna("").str.casefold().str.rstrip(".").str.strip())
    rows["grade_kind"] = np.select(
        [grade.eq(""), rows["grade"].notna().to_numpy(dtype=bool), status_text.isin(GRADE_STATUSES)],
        ["empty", "number", "status"], "text")
    reduced, reduced_bad = _flag(rows["reduced_load_raw"])
    rows["reduced_load"] = reduced

    sid = "student_id"
    issues = [
        _cases(rows, rows[sid].eq(""), sid, "student_id", "student_id_raw",
               "est vide : ligne non contrôlée", "is empty: row not checked"),
        _cases(rows, rows[sid].ne("") & rows["course_code"].eq(""), sid, "course_code", "course_code_raw",
               "est vide : ligne non contrôlée", "is empty: row not checked"),
        _cases(rows, ~status_key.isin(list(STATUSES)), sid, "status", "status_raw",
               "n'est pas un statut (enrolled, supplement, valorised) : compté comme enrolled",
               "is not a status (enrolled, supplement, valorised): counted as enrolled"),
        _cases(rows, rows["credits_raw"].ne("") & ~(rows["credits_in"] > 0).fillna(False), sid, "credits",
               "credits_raw", "n'est pas un nombre de crédits positif : ignoré",
               "is not a positive number of credits: ignored"),
        _cases(rows, reduced_bad, sid, "reduced_load", "reduced_load_raw",
               "n'est pas oui/non : compté comme non", "is not yes/no: counted as no"),
    ]
    valid = rows[sid].ne("")

    # Per-student values (bloc, diploma, jury range): the first non-empty cell; another value is a warning.
    per = rows[valid]
    blocs_text = ", ".join(map(str, blocs))
    firsts = per[per["bloc_raw"].ne("")].groupby(sid, sort=False).head(1)
    bloc_num = number(firsts["bloc_raw"])
    bloc_ok = bloc_num.isin(list(blocs)).fillna(False).astype(bool)
    issues.append(_cases(firsts, ~bloc_ok, sid, "bloc", "bloc_raw",
                         f"n'est pas un bloc du programme ({blocs_text}) : contrôles par bloc omis",
                         f"is not a bloc of the programme ({blocs_text}): bloc checks skipped"))
    student_bloc = pd.Series(bloc_num.where(bloc_ok).astype("Int64").to_numpy(), index=firsts[sid].to_numpy())
    no_bloc = per.groupby(sid, sort=False).head(1)
    issues.append(_cases(no_bloc, ~no_bloc[sid].isin(firsts[sid]), sid, "bloc", "bloc_raw",
                         "est vide : contrôles par bloc omis", "is empty: bloc checks skipped"))
    for col, fr, en in (("bloc_raw", "diffère du bloc de la première ligne de l'étudiant : non retenu",
                         "differs from the bloc on the student's first line: not used"),
                        ("prior_diploma_raw", "diffère du diplôme de la première ligne de l'étudiant : non retenu",
                         "differs from the diploma on the student's first line: not used")):
        nonempty = per[per[col].ne("")]
        first_value = nonempty.groupby(sid, sort=False)[col].transform("first")
        issues.append(_cases(nonempty, nonempty[col].ne(first_value), sid, col.removesuffix("_raw"), col, fr, en,
                             F.WARNING))
    for col in ("supplement_min", "supplement_max"):
        values = number(per[col + "_raw"])
        bad = per[col + "_raw"].ne("") & ~(values >= 0).fillna(False)
        issues.append(_cases(per, bad, sid, col, col + "_raw",
                             "n'est pas un nombre de crédits : fourchette du jury ignorée",
                             "is not a number of credits: jury's range ignored"))
        per = per.assign(**{col: values.where(~bad)})
    per = per.assign(diploma_or_na=per["prior_diploma"].replace("", pd.NA))
    students = per.groupby(sid, sort=False).agg(
        _order=("_order", "first"), line=("line", "first"), prior_diploma=("diploma_or_na", "first"),
        supplement_min=("supplement_min", "first"), supplement_max=("supplement_max", "first"),
        reduced_load=("reduced_load", "any"),
    ).reset_index()
    diploma = students["prior_diploma"].astype(object)
    students["prior_diploma"] = diploma.where(diploma.notna(), "")
    students["bloc"] = students[sid].map(student_bloc).astype("Int64")
    swapped = (students["supplement_min"] > students["supplement_max"]).fillna(False)
    students["jury_range"] = F.fmt_number(students["supplement_min"]).astype(str) + "–" + \
        F.fmt_number(students["supplement_max"]).astype(str)
    issues.append(_cases(students, swapped, sid, "supplement_min", "jury_range",
                         "minimum au-dessus du maximum : fourchette du jury ignorée",
                         "minimum above maximum: jury's range ignored"))
    students.loc[swapped, ["supplement_min", "supplement_max"]] = pd.NA
    rows = rows.merge(students[[sid, "bloc"]], on=sid, how="left")
    issues = pd.concat([i for i in issues if len(i)], ignore_index=True) if any(len(i) for i in issues) else \
        pd.DataFrame(columns=[sid, "line", "_order", "column", "value", "problem_fr", "problem_en", "severity"])
    return Table(rows, issues, source, students)


def parse_applicants(data) -> Table:
    """The applicants' table: one row per applicant (spec §5 input)."""
    rows, source = _raw_rows(data, "applicants", APPLICANT_COLUMNS, APPLICANT_OPTIONAL, APPLICANT_REQUIRED)
    aid = "applicant_id"
    rows[aid] = rows["applicant_id_raw"]
    rows["_order"] = np.arange(len(rows))
    rows["prior_diploma"] = rows["prior_diploma_raw"]
    rows["region"] = by_value(rows["degree_region_raw"], lambda u: u.fillna("").str.casefold().map(REGIONS))
    rows["degree_credits"] = number(rows["degree_credits_raw"])
    avg_text = rows["average_20_raw"]
    percent = avg_text.str.endswith("%")
    avg = number(avg_text.str.rstrip("%").str.strip())
    rows["average_20"] = avg.where(~percent, avg / 5)          # 60 % of 20 = 12/20
    derogation, derogation_bad = _flag(rows["professional_derogation_raw"])
    rows["derogation"] = derogation
    rows["valorisation_credits"] = number(rows["valorisation_credits_raw"])
    rows["courses_passed"] = by_value(rows["courses_passed_raw"], lambda u: u.fillna("").str.normalize("NFKC")
                                      .str.upper().str.replace(r"\s+", "", regex=True)
                                      .str.replace(",", ";", regex=False))

    first_line = rows.groupby(aid, sort=False)["line"].transform("first")
    rows["first_line"] = first_line
    issues = [
        _cases(rows, rows[aid].eq(""), aid, "applicant_id", "applicant_id_raw", "est vide : ligne non contrôlée",
               "is empty: row not checked"),
        _cases(rows, rows[aid].ne("") & rows["line"].ne(first_line), aid, "applicant_id", "applicant_id_raw",
               "figure déjà sur une ligne précédente : les deux lignes sont contrôlées",
               "is already on an earlier line: both rows are checked", F.WARNING),
        _cases(rows, rows["region"].isna(), aid, "degree_region", "degree_region_raw",
               "n'est pas eu ou non_eu : contrôles hors Europe omis",
               "is not eu or non_eu: non-European checks skipped"),
        _cases(rows, rows["degree_credits_raw"].ne("") & ~(rows["degree_credits"] >= 0).fillna(False), aid,
               "degree_credits", "degree_credits_raw", "n'est pas un nombre de crédits : ignoré",
               "is not a number of credits: ignored"),
        _cases(rows, avg_text.ne("") & ~rows["average_20"].between(0, 20).fillna(False), aid, "average_20",
               "average_20_raw", "n'est pas une moyenne sur 20 (0–20, ou un pourcentage) : ignorée",
               "is not an average on 20 (0–20, or a percentage): ignored"),
        _cases(rows, derogation_bad, aid, "professional_derogation", "professional_derogation_raw",
               "n'est pas oui/non : compté comme non", "is not yes/no: counted as no"),
        _cases(rows, rows["valorisation_credits_raw"].ne("") & ~(rows["valorisation_credits"] >= 0).fillna(False),
               aid, "valorisation_credits", "valorisation_credits_raw", "n'est pas un nombre de crédits : ignoré",
               "is not a number of credits: ignored"),
    ]
    rows.loc[~(rows["degree_credits"] >= 0).fillna(False), "degree_credits"] = pd.NA
    rows.loc[~rows["average_20"].between(0, 20).fillna(False), "average_20"] = pd.NA
    rows.loc[~(rows["valorisation_credits"] >= 0).fillna(False), "valorisation_credits"] = pd.NA
    issues = pd.concat([i for i in issues if len(i)], ignore_index=True) if any(len(i) for i in issues) else \
        pd.DataFrame(columns=[aid, "line", "_order", "column", "value", "problem_fr", "problem_en", "severity"])
    return Table(rows, issues, source)


def emit_issues(table: Table, id_column: str) -> pd.DataFrame:
    return F.emit(table.issues.assign(subject=table.issues["column"]), "INPUT-INVALID",
                  severity=table.issues["severity"], id_column=id_column)
