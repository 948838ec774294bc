"""Spec credits-APHM2M §4 — transcripts: credits acquired at 10/20 (décret Paysage art. 139), credit-weighted
average (page « Evaluation » : « pondérées par leurs crédits respectifs »), credits remaining, group progress.

The scalar helpers (:func:`weighted_average`, :func:`credits_acquired`) serve the Excel functions and use exact
rational arithmetic; :func:`transcript` and :func:`group_progress` work on a whole table at once.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from ..errors import XladdinError
from .catalogue import load_catalogue
from .inputs import GRADE_STATUSES, exact, parse_students
from .pae import SID, prepare

PASS_MARK = 10
SCALE = 20


# --- scalar helpers (UDFs) ----------------------------------------------------------------------------------

def _flatten(values) -> list:
    """A cell, a list, a 2-D range (lists of lists, as xlwings passes it), an array or a Series → a flat list."""
    if values is None or isinstance(values, (str, int, float, Fraction)):
        return [values]
    if isinstance(values, (pd.Series, pd.Index, np.ndarray)):
        values = np.asarray(values, dtype=object).ravel().tolist()
    out = []
    for v in values:
        if isinstance(v, (list, tuple, np.ndarray)):
            out.extend(_flatten(v))
        else:
            out.append(v)
    return out


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str)
                                                                                and not value.strip())


def _grade(value) -> Fraction | None:
    """A grade as an exact fraction; a status (abs, PP…) → None; other text → error."""
    if isinstance(value, str) and value.strip().casefold().rstrip(".") in GRADE_STATUSES:
        return None
    return exact(value, "grade")


def _graded(grades, credits, scale: float) -> list[tuple[Fraction, Fraction]]:
    """(grade, credits) pairs of the graded courses; blanks and statuses are skipped, anything else checked."""
    g, c = _flatten(grades), _flatten(credits)
    if len(g) != len(c):
        raise XladdinError("credits_length_mismatch", a="grades", b="credits", n=len(g), m=len(c))
    pairs = []
    for grade, weight in zip(g, c):
        if _blank(grade):
            continue
        value = _grade(grade)
        if value is None:
            continue
        if not 0 <= value <= Fraction(str(scale)):
            raise XladdinError("credits_out_of_range", name="grade", value=grade, expected=f"0–{scale:g}")
        w = exact(None if _blank(weight) else weight, "credits")
        if w <= 0:
            raise XladdinError("credits_out_of_range", name="credits", value=weight, expected="> 0")
        pairs.append((value, w))
    return pairs


def weighted_average(grades, credits, scale: float = SCALE) -> float | None:
    """Credit-weighted average of the graded courses (page « Evaluation »); None when nothing is graded.

    Blank cells and statuses (abs, ABS, PP…) are not grades and are skipped; a grade outside 0–20, text that is
    neither, or missing credits for a grade raise :class:`XladdinError`. Exact arithmetic: 12 on 5 credits and
    15 on 10 credits → (12×5 + 15×10) / 15 = 210 / 15 = 14.
    """
    pairs = _graded(grades, credits, scale)
    total = sum(w for _, w in pairs)
    if not total:
        return None
    return float(sum(g * w for g, w in pairs) / total)


def credits_acquired(grades, credits, pass_mark: float = PASS_MARK, scale: float = SCALE) -> float:
    """Credits of the courses graded ``pass_mark``/20 or more (décret Paysage art. 139)."""
    bar = Fraction(str(pass_mark))
    return float(sum((w for g, w in _graded(grades, credits, scale) if g >= bar), Fraction(0)))


# --- whole tables -------------------------------------------------------------------------------------------

def _graded_rows(cat, students):
    table = parse_students(students, cat.blocs)
    rows, studs = prepare(cat, table)
    scale, bar = float(cat.rule("grading.scale")), float(cat.rule("grading.pass_mark"))
    rows["graded"] = (rows["load"] & rows["credits_known"] & rows["grade_kind"].eq("number")
                      & rows["grade"].between(0, scale).fillna(False)).astype(bool)
    rows["acquired"] = rows["graded"] & (rows["grade"] >= bar).fillna(False).astype(bool)
    return table, rows, studs


def group_progress(catalogue, students) -> pd.DataFrame:
    """Per student and group: credits acquired (grades ≥ 10 and valorised), credits the group requires, ratio.

    Long format: ``student_id, group, title, credits_acquired, credits_required, progress``.
    """
    cat = load_catalogue(catalogue)
    _, rows, studs = _graded_rows(cat, students)
    return _progress(cat, rows, studs)


def _progress(cat, rows, studs) -> pd.DataFrame:
    gt = cat.group_table
    done = rows[(rows["acquired"] | (rows["valorised"] & rows["credits_known"])) & rows["known"]]
    got = done[[SID, "course_code", "credits"]].merge(cat.memberships, on="course_code").groupby(
        [SID, "group"], sort=False)["credits"].sum().rename("credits_acquired")
    grid = studs[[SID, "_order"]].merge(gt[["group", "title", "credits", "min_credits"]], how="cross")
    grid = grid.merge(got, left_on=[SID, "group"], right_index=True, how="left")
    grid["credits_acquired"] = grid["credits_acquired"].fillna(0).astype(float)
    grid["credits_required"] = grid["credits"].fillna(grid["min_credits"]).astype("Float64")
    grid["progress"] = (grid["credits_acquired"] / grid["credits_required"]).where(grid["credits_required"] > 0)
    return grid.sort_values(["_order"], kind="stable")[
        [SID, "group", "title", "credits_acquired", "credits_required", "progress"]].reset_index(drop=True)


TRANSCRIPT_COLUMNS = [
    SID, "bloc", "rows", "courses", "credits_enrolled", "credits_graded", "credits_acquired", "credits_failed",
    "credits_not_graded", "credits_supplementary_acquired", "credits_valorised", "credits_toward_degree",
    "credits_remaining", "weighted_average", "courses_unknown_credits", "grade_issues",
]


def transcript(catalogue, grades) -> pd.DataFrame:
    """One row per student: credits enrolled, graded, acquired (≥ 10/20), failed, not graded, supplementary
    acquired, valorised, counted towards the degree, remaining to the programme's total (120), the
    credit-weighted average, and ``acquired_<GROUP>`` per group of the catalogue.

    ``grades`` is the students' table (with its ``grade`` column). Supplementary credits do not count towards the
    degree; valorised credits do. Rows without a student id are gathered under the empty id, so every input row
    is counted in ``rows``.
    """
    cat = load_catalogue(catalogue)
    table, rows, studs = _graded_rows(cat, grades)
    c = rows["credits"].fillna(0).astype(float)
    g = rows["grade"].fillna(0).astype(float)
    supp = rows["supp"]
    degree_valorised = rows["valorised"] & ~rows["supplementary_course"]
    per = pd.DataFrame({
        SID: rows[SID],
        "courses": rows["counted"].astype(int),
        "credits_enrolled": c.where(rows["load"], 0.0),
        "credits_graded": c.where(rows["graded"], 0.0),
        "credits_acquired": c.where(rows["acquired"], 0.0),
        "credits_failed": c.where(rows["graded"] & ~rows["acquired"], 0.0),
        "credits_not_graded": c.where(rows["load"] & ~rows["graded"], 0.0),
        "credits_supplementary_acquired": c.where(rows["acquired"] & supp, 0.0),
        "credits_valorised": c.where(rows["valorised"], 0.0),
        "credits_toward_degree": c.where((rows["acquired"] & ~supp) | degree_valorised, 0.0),
        "_points": (g * c).where(rows["graded"], 0.0),
        "courses_unknown_credits": (rows["counted"] & ~rows["credits_known"]).astype(int),
    }).groupby(SID, sort=False).sum()
    scale = float(cat.rule("grading.scale"))
    all_rows = table.rows
    bad = (all_rows["grade_kind"].eq("text") | (all_rows["grade_kind"].eq("number")
                                                & ~all_rows["grade"].between(0, scale).fillna(False)))
    counts = pd.DataFrame({SID: all_rows[SID], "rows": 1, "grade_issues": bad.astype(int),
                           "_order": all_rows["_order"]}).groupby(SID, sort=False).agg(
        rows=("rows", "sum"), grade_issues=("grade_issues", "sum"), _order=("_order", "first"))
    out = counts.join(studs.set_index(SID)[["bloc"]]).join(per)
    for col in per.columns:
        out[col] = out[col].fillna(0)
    out["credits_remaining"] = np.maximum(float(cat.total_credits) - out["credits_toward_degree"], 0.0)
    out["weighted_average"] = (out["_points"] / out["credits_graded"]).where(out["credits_graded"] > 0)
    out["courses"] = out["courses"].astype(int)
    out["courses_unknown_credits"] = out["courses_unknown_credits"].astype(int)
    out = out.reset_index().sort_values("_order", kind="stable")
    progress = _progress(cat, rows, studs)
    wide = progress.pivot_table(index=SID, columns="group", values="credits_acquired", sort=False)
    wide = wide.reindex(columns=[g for g in cat.group_table["group"]]).add_prefix("acquired_")
    out = out.merge(wide, left_on=SID, right_index=True, how="left")
    for col in wide.columns:
        out[col] = out[col].fillna(0.0)
    return out[TRANSCRIPT_COLUMNS + list(wide.columns)].reset_index(drop=True)
