"""Spec credits-APHM2M §3 — annual programme checks (PAE-*), for many students at once.

Everything is a merge or a groupby over the whole table (students × courses): no Python loop over students.
Counting rules ([reading], see README "Credit checks"):

* a course listed twice counts once (the later line is PAE-DUPLICATE);
* the annual load is the credits of enrolled and supplementary courses; valorised credits are already acquired
  and count only towards PAE-VALORISED-MAX, group constraints and mandatory courses;
* a supplementary course is a course of a supplementary group, or any course with status ``supplement``;
* credits come from the catalogue; the optional ``credits`` column gives them only where the catalogue has none
  (courses the page names without credits, or not in the catalogue at all).
"""

from __future__ import annotations

import pandas as pd

from . import findings as F
from .catalogue import Catalogue, load_catalogue
from .inputs import Table, emit_issues, parse_students

SID = "student_id"


def prepare(cat: Catalogue, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(course rows joined with the catalogue, one row per student with the annual totals)."""
    rows = table.rows[table.rows[SID].ne("") & table.rows["course_code"].ne("")]
    rows = rows.merge(cat.course_table, on="course_code", how="left", indicator="_known")
    rows["known"] = rows["_known"].eq("both")
    rows["first_line"] = rows.groupby([SID, "course_code"], sort=False)["line"].transform("first")
    rows["counted"] = rows["line"].eq(rows["first_line"])
    given = rows["credits_in"].where(rows["credits_in"] > 0)
    rows["credits"] = rows["cat_credits"].astype("Float64").fillna(given)
    rows["credits_known"] = rows["credits"].notna()
    for col in ("supplementary_course", "not_organised", "priority", "required"):
        rows[col] = rows[col].astype("boolean").fillna(False).astype(bool)
    valorised = rows["status"].eq("valorised")
    rows["supp"] = (rows["status"].eq("supplement") | rows["supplementary_course"]) & ~valorised & rows["counted"]
    rows["load"] = rows["counted"] & ~valorised
    rows["valorised"] = rows["counted"] & valorised
    c = rows["credits"].fillna(0).astype(float)
    known = rows["credits_known"]
    totals = pd.DataFrame({
        SID: rows[SID],
        "load": c.where(rows["load"], 0.0), "load_unknown": rows["load"] & ~known,
        "supp": c.where(rows["supp"], 0.0), "supp_unknown": rows["supp"] & ~known,
        "supp_rows": rows["supp"],
        "valorised": c.where(rows["valorised"], 0.0),
        "other_master": rows["load"] & ~rows["supp"] & rows["known"] & ~rows["priority"],
    }).groupby(SID, sort=False).sum()
    students = table.students.merge(totals, left_on=SID, right_index=True, how="left")
    for col in totals.columns:
        students[col] = students[col].fillna(0)
    students["diploma_id"] = cat.match_diplomas(students["prior_diploma"].replace("", pd.NA))
    students = students.merge(cat.access_table, left_on="diploma_id", right_on="access_id", how="left")
    first_bloc, last_bloc = min(cat.blocs), max(cat.blocs)
    students["first_bloc"] = students["bloc"].eq(first_bloc).fillna(False).astype(bool)
    students["last_bloc"] = students["bloc"].eq(last_bloc).fillna(False).astype(bool)
    students["supp_year"] = students["first_bloc"] & (students["supp_rows"] > 0)
    return rows, students


def _credit_mismatch(rows: pd.DataFrame) -> pd.DataFrame:
    """INPUT-INVALID (warning): a ``credits`` cell that contradicts the catalogue."""
    bad = rows[rows["credits_in"].notna() & rows["cat_credits"].notna()
               & (rows["credits_in"] != rows["cat_credits"]).fillna(False)]
    cases = pd.DataFrame({
        SID: bad[SID], "line": bad["line"], "_order": bad["_order"], "column": "credits",
        "value": bad["credits_raw"],
        "problem_fr": "diffère des " + F.fmt_number(bad["cat_credits"]).astype(str) + " crédits du catalogue : "
                      "catalogue retenu",
        "problem_en": "differs from the catalogue's " + F.fmt_number(bad["cat_credits"]).astype(str) + " credits: "
                      "catalogue used",
    })
    return F.emit(cases, "INPUT-INVALID", subject="credits", severity=F.WARNING)


def unknown_and_duplicates(cat: Catalogue, rows: pd.DataFrame) -> list[pd.DataFrame]:
    unknown = rows[~rows["known"] & rows["counted"]].assign(
        subject=lambda d: d["course_code"], catalogue=cat.id,
        credits_fr=lambda d: F.fmt_number(d["credits_in"]).replace("", "inconnus"),
        credits_en=lambda d: F.fmt_number(d["credits_in"]).replace("", "unknown"))
    partial = not cat.complete
    dup = rows[~rows["counted"]].assign(subject=lambda d: d["course_code"])
    return [
        F.emit(unknown, "PAE-UNKNOWN-COURSE", "partial" if partial else "default",
               severity=F.WARNING if partial else F.ERROR, source=cat.origin and f"catalogue {cat.id}"),
        F.emit(dup, "PAE-DUPLICATE"),
    ]


def not_organised(rows: pd.DataFrame) -> pd.DataFrame:
    sub = rows[rows["counted"] & rows["not_organised"] & ~rows["valorised"]]
    return F.emit(sub.assign(subject=sub["course_code"]), "PAE-NOT-ORGANISED", source="course_source")


def mandatory_missing(cat: Catalogue, rows: pd.DataFrame, students: pd.DataFrame) -> pd.DataFrame:
    """Required courses of the student's bloc that the programme (any status) does not hold."""
    req = cat.required_courses
    wanted = students[students["bloc"].notna()][[SID, "_order", "bloc", "supp_year"]].merge(req, on="bloc")
    present = rows[rows["counted"]][[SID, "course_code"]].assign(_present=True)
    wanted = wanted.merge(present, on=[SID, "course_code"], how="left")
    missing = wanted[wanted["_present"].isna()].rename(columns={"course_code": "subject"})
    normal, supp = missing[~missing["supp_year"]], missing[missing["supp_year"]]
    return pd.concat([
        F.emit(normal, "PAE-MANDATORY-MISSING", source="course_source"),
        F.emit(supp, "PAE-MANDATORY-MISSING", "supplements", severity=F.INFO, source="course_source"),
    ])


def group_bounds(cat: Catalogue, rows: pd.DataFrame, students: pd.DataFrame) -> list[pd.DataFrame]:
    """PAE-GROUP-MIN / PAE-GROUP-MAX on credits and element counts.

    [reading] A maximum is checked in every bloc (one year may not exceed it). A minimum is checked only for a
    group whose courses all sit in one bloc, in that bloc, and when the page lists the whole group.
    """
    gt = cat.group_table
    counted = rows[rows["counted"] & rows["known"]]
    member = counted[[SID, "course_code", "credits"]].merge(cat.memberships, on="course_code")
    member["n_unknown"] = member["credits"].isna().astype(int)
    sums = member.groupby([SID, "group"], sort=False).agg(
        got_credits=("credits", "sum"), n_unknown=("n_unknown", "sum"), got_elements=("element", "nunique"),
    ).reset_index()
    sums = sums.merge(gt, on="group").merge(students[[SID, "_order"]], on=SID)
    out = []
    for kind, value, bound in (("credits", "got_credits", "max_credits"),
                               ("courses", "got_elements", "max_courses")):
        hit = sums[(sums[value] > sums[bound]).fillna(False)]
        out.append(F.emit(hit.assign(subject=hit["group"], value=hit[value].astype(float),
                                     bound=hit[bound].astype(float)), "PAE-GROUP-MAX", kind, source="source"))
    eligible = gt[gt["single_bloc"].notna() & gt["complete"] & gt["required"] & ~gt["supplementary"]
                  & (gt["min_credits"].notna() | gt["min_courses"].notna())]
    pairs = students[students["bloc"].notna()][[SID, "_order", "bloc", "supp_year"]].merge(
        eligible, left_on="bloc", right_on="single_bloc")
    pairs = pairs.merge(sums[[SID, "group", "got_credits", "got_elements", "n_unknown"]], on=[SID, "group"],
                        how="left")
    for col in ("got_credits", "got_elements", "n_unknown"):
        pairs[col] = pairs[col].fillna(0).astype(float)
    for kind, value, bound in (("credits", "got_credits", "min_credits"),
                               ("courses", "got_elements", "min_courses")):
        low = (pairs[value] < pairs[bound]).fillna(False)
        if kind == "credits":
            low &= pairs["n_unknown"].eq(0)
        hit = pairs[low].assign(subject=lambda d: d["group"], value=lambda d: d[value],
                                bound=lambda d: d[bound].astype(float))
        out.append(F.emit(hit[~hit["supp_year"]], "PAE-GROUP-MIN", kind, source="source"))
        out.append(F.emit(hit[hit["supp_year"]], "PAE-GROUP-MIN", kind + "_supplements", severity=F.INFO,
                          source="source"))
    return out


def supplements_range(cat: Catalogue, students: pd.DataFrame) -> list[pd.DataFrame]:
    """PAE-SUPPLEMENTS-RANGE: outside the diploma's or the jury's range (bloc 1), or over the maximum (any bloc).

    [reading] The ranges are about the supplementary courses the jury adds to bloc 1 (page: « au premier bloc
    annuel »); a later bloc is checked against the maximum only. Unknown credits make the total a lower bound:
    only a certain breach is reported.
    """
    s = students.assign(value=students["supp"].astype(float), certain_low=students["supp_unknown"].eq(0))
    top = float(cat.rule("supplements.max_credits"))
    over = s["value"] > top
    first = s["first_bloc"]
    dlo, dhi = s["dip_min"].astype("Float64"), s["dip_max"].astype("Float64")
    jlo, jhi = s["supplement_min"].astype("Float64"), s["supplement_max"].astype("Float64")

    def outside(lo, hi):
        return (((s["value"] < lo) & s["certain_low"]) | (s["value"] > hi)).fillna(False).astype(bool)

    diploma = s[first & ~over & dlo.notna() & outside(dlo, dhi)]
    jury = s[first & ~over & jlo.notna() & jhi.notna() & outside(jlo, jhi)]
    jury_vs = s[(dlo.notna() & jlo.notna() & jhi.notna() & ((jlo < dlo) | (jhi > dhi))).fillna(False)]
    over_rows = s[over]
    return [
        F.emit(diploma.assign(lo=diploma["dip_min"], hi=diploma["dip_max"], diploma=diploma["access_label"],
                              subject=diploma["prior_diploma"]),
               "PAE-SUPPLEMENTS-RANGE", "diploma", source="access_source"),
        F.emit(jury.assign(lo=jury["supplement_min"], hi=jury["supplement_max"]), "PAE-SUPPLEMENTS-RANGE", "jury",
               subject="supplement_min/max"),
        F.emit(jury_vs.assign(lo=jury_vs["supplement_min"], hi=jury_vs["supplement_max"], dlo=jury_vs["dip_min"],
                              dhi=jury_vs["dip_max"], diploma=jury_vs["access_label"]),
               "PAE-SUPPLEMENTS-RANGE", "jury_vs_diploma", subject="supplement_min/max", source="access_source"),
        F.emit(over_rows.assign(hi=top), "PAE-SUPPLEMENTS-RANGE", "over", subject="supplements",
               source=cat.rule_source("supplements.max_credits")),
    ]


def priority_fill(cat: Catalogue, rows: pd.DataFrame, students: pd.DataFrame) -> pd.DataFrame:
    """PAE-PRIORITY-FILL: supplements under 60 in bloc 1, a priority course missing while the year is filled
    with other master courses or stays under the annual minimum."""
    if not cat.priority_fill:
        return pd.DataFrame()
    below = float(cat.rule("priority_fill.below_credits"))
    minimum = float(cat.rule("annual_credits.min"))
    s = students[students["first_bloc"] & (students["supp_rows"] > 0) & (students["supp"] < below)
                 & ((students["other_master"] > 0) | (students["load"] < minimum))]
    wanted = s[[SID, "_order", "supp"]].merge(pd.DataFrame({"subject": list(cat.priority_fill)}), how="cross")
    present = rows[rows["counted"]][[SID, "course_code"]].rename(columns={"course_code": "subject"})
    wanted = wanted.merge(present.assign(_present=True), on=[SID, "subject"], how="left")
    missing = wanted[wanted["_present"].isna()].assign(value=lambda d: d["supp"].astype(float), below=below)
    return F.emit(missing, "PAE-PRIORITY-FILL", source=cat.priority_source)


def annual_credits(cat: Catalogue, students: pd.DataFrame) -> list[pd.DataFrame]:
    """PAE-CREDITS-LOW / PAE-CREDITS-HIGH on the annual load; PAE-VALORISED-MAX."""
    minimum, maximum = cat.rule("annual_credits.min"), cat.rule("annual_credits.max")
    s = students.assign(value=students["load"].astype(float), unknown=students["load_unknown"].astype(int))
    out = []
    if minimum is not None:
        low = s[s["value"] < float(minimum)].assign(bound=float(minimum))
        reduced = low["reduced_load"].astype(bool)
        end = low["last_bloc"] & ~reduced
        unknown = ~reduced & ~end & low["unknown"].gt(0)
        plain = ~reduced & ~end & ~unknown
        src = cat.rule_source("annual_credits.min")
        out += [F.emit(low[plain], "PAE-CREDITS-LOW", source=src),
                F.emit(low[unknown], "PAE-CREDITS-LOW", "unknown", severity=F.WARNING, source=src),
                F.emit(low[end], "PAE-CREDITS-LOW", "end_of_cycle", severity=F.INFO, source=src),
                F.emit(low[reduced], "PAE-CREDITS-LOW", "reduced_load", severity=F.INFO, source=src)]
    if maximum is not None:
        high = s[s["value"] > float(maximum)].assign(bound=float(maximum))
        out.append(F.emit(high, "PAE-CREDITS-HIGH", source=cat.rule_source("annual_credits.max")))
    top = float(cat.rule("valorisation.max_credits"))
    over = students[students["valorised"] > top].assign(value=lambda d: d["valorised"].astype(float), bound=top)
    out.append(F.emit(over, "PAE-VALORISED-MAX", source=cat.rule_source("valorisation.max_credits")))
    return out


def grade_findings(cat: Catalogue, table: Table) -> list[pd.DataFrame]:
    """TR-GRADE-RANGE: a grade outside 0–scale, or text; a status (abs, PP...) is reported as info."""
    scale = float(cat.rule("grading.scale"))
    rows = table.rows[table.rows[SID].ne("")]
    kind = rows["grade_kind"]
    out_of_range = kind.eq("number") & ~rows["grade"].between(0, scale).fillna(False)
    base = rows.assign(subject=rows["course_code"], value=rows["grade_raw"], scale=scale)
    src = "décret Paysage art. 139"
    return [
        F.emit(base[out_of_range], "TR-GRADE-RANGE", "range", source=src),
        F.emit(base[kind.eq("text")], "TR-GRADE-RANGE", "text", source=src),
        F.emit(base[kind.eq("status")], "TR-GRADE-RANGE", "status", severity=F.INFO, source=src),
    ]


def check_programmes(catalogue, students) -> pd.DataFrame:
    """PAE-* and TR-* findings for every student of ``students`` (path, RawTable, DataFrame or list of dicts).

    One row per finding with ``student_id, code, severity, subject, message_fr, message_en, source``; a student
    with no finding gets one ``OK`` row, so every input id appears. Bad cells are ``INPUT-INVALID`` rows.
    """
    cat = load_catalogue(catalogue)
    table = parse_students(students, cat.blocs)
    rows, studs = prepare(cat, table)
    parts = [emit_issues(table, SID), _credit_mismatch(rows)]
    parts += unknown_and_duplicates(cat, rows)
    parts.append(not_organised(rows))
    parts.append(mandatory_missing(cat, rows, studs))
    parts += group_bounds(cat, rows, studs)
    parts += supplements_range(cat, studs)
    parts.append(priority_fill(cat, rows, studs))
    parts += annual_credits(cat, studs)
    parts += grade_findings(cat, table)
    return F.assemble(parts, studs[[SID, "_order"]])

