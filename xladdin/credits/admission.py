"""Spec credits-APHM2M §5 — admission: ADM-ACCESS, ADM-NON-EU-AVERAGE, ADM-DOSSIER-PREREQ, ADM-VALORISATION.

Sources on the page: « Conditions d'accès » (access table), « Accès sur dossier » (non-European degrees: 12/20,
derogation for professional experience; valorisation: European second-cycle degree of 300 credits, 60 credits at
most), « Diplômés du 2° cycle universitaire » (prerequisites MSPHD1332 and MDRHD1304).
"""

from __future__ import annotations

import pandas as pd

from ..errors import XladdinError
from . import findings as F
from .catalogue import load_catalogue
from .inputs import emit_issues, parse_applicants

AID = "applicant_id"


def _access(cat, rows: pd.DataFrame) -> pd.DataFrame:
    """The access entry of each applicant: by diploma; [reading] a non-European degree takes the catalogue's
    non-European entry (the page's only route for it is the AUF dossier)."""
    rows = rows.assign(diploma_id=cat.match_diplomas(rows["prior_diploma"].replace("", pd.NA)))
    non_eu_ids = [a.id for a in cat.access if a.region == "non_eu"]
    if non_eu_ids:
        rows.loc[rows["region"].eq("non_eu").fillna(False), "diploma_id"] = non_eu_ids[0]
    return rows.merge(cat.access_table, left_on="diploma_id", right_on="access_id", how="left")


def admission(catalogue, applicants) -> pd.DataFrame:
    """ADM-* findings, one row per finding with ``applicant_id, code, severity, subject, message_fr, message_en,
    source``; every applicant appears (``OK`` when nothing applies); bad cells are ``INPUT-INVALID`` rows."""
    cat = load_catalogue(catalogue)
    table = parse_applicants(applicants)
    rows = _access(cat, table.rows[table.rows[AID].ne("")])
    via_region = rows["region"].eq("non_eu").fillna(False) & rows["access_region"].eq("non_eu").fillna(False)
    rows = rows.assign(diploma=rows["prior_diploma"].where(
        ~via_region, rows["prior_diploma"] + " ; " + rows["access_label"].fillna("")))
    parts = [emit_issues(table, AID)]

    non_eu = rows["region"].eq("non_eu").fillna(False).astype(bool)
    min_credits = float(cat.rule("non_eu.min_degree_credits"))
    short = non_eu & (rows["degree_credits"] < min_credits).fillna(False).astype(bool)
    mode = rows["mode"].fillna("")
    for variant, mask in (("supplements", mode.eq("supplements")), ("dossier", mode.eq("dossier") & ~short),
                          ("direct", mode.eq("direct")), ("none", mode.eq("none")), ("unlisted", mode.eq(""))):
        sub = rows[mask].assign(lo=lambda d: d["dip_min"], hi=lambda d: d["dip_max"],
                                subject=lambda d: d["prior_diploma"])
        severity = {"none": F.ERROR, "unlisted": F.WARNING}.get(variant)
        parts.append(F.emit(sub, "ADM-ACCESS", variant, severity=severity, source="access_source", id_column=AID))
    sub = rows[short].assign(value=lambda d: d["degree_credits"], bound=min_credits)
    parts.append(F.emit(sub, "ADM-ACCESS", "non_eu_credits", severity=F.ERROR, subject="degree_credits",
                        source=cat.rule_source("non_eu.min_degree_credits"), id_column=AID))

    bound = float(cat.rule("non_eu.min_average_20"))
    src = cat.rule_source("non_eu.min_average_20")
    avg = rows["average_20"]
    low = non_eu & (avg < bound).fillna(False).astype(bool)
    missing = non_eu & avg.isna()
    derog = rows["derogation"].astype(bool)
    for variant, mask, severity in (("default", low & ~derog, F.ERROR), ("derogation", low & derog, F.WARNING),
                                    ("missing", missing & ~derog, F.ERROR),
                                    ("derogation", missing & derog, F.WARNING)):
        sub = rows[mask].assign(value=avg[mask].astype("Float64"), bound=bound)
        if variant == "derogation":
            sub = sub.assign(value=sub["value"].astype(object).where(sub["value"].notna(), "?"))
        parts.append(F.emit(sub, "ADM-NON-EU-AVERAGE", variant, severity=severity, subject="average_20",
                            source=src, id_column=AID))

    dossier = rows[mode.eq("dossier")]
    if len(dossier) and cat.prerequisites:
        prereq = pd.DataFrame([{"subject": p.code, "title": p.title, "credits": p.credits}
                               for p in cat.prerequisites])
        tokens = dossier[["line"]].assign(subject=dossier["courses_passed"].str.split(";")).explode("subject")
        wanted = dossier[[AID, "_order", "line"]].merge(prereq, how="cross").merge(
            tokens.assign(_passed=True).drop_duplicates(), on=["line", "subject"], how="left")
        missing = wanted[wanted["_passed"].isna()]
        parts.append(F.emit(missing, "ADM-DOSSIER-PREREQ", source=cat.prerequisites_source,
                            id_column=AID))

    regions = set(str(cat.rule("valorisation.regions")).split(";"))
    need = float(cat.rule("valorisation.min_degree_credits"))
    top = float(cat.rule("valorisation.max_credits"))
    src = cat.rule_source("valorisation.max_credits")
    eligible = rows["region"].isin(regions) & (rows["degree_credits"] >= need).fillna(False).astype(bool)
    asked = rows["valorisation_credits"]
    wants = (asked > 0).fillna(False).astype(bool)
    over = (asked > top).fillna(False).astype(bool)
    cases = rows.assign(value=asked, bound=top, min_credits=need)
    parts += [
        F.emit(cases[wants & ~eligible], "ADM-VALORISATION", "not_eligible", subject="valorisation_credits",
               source=cat.rule_source("valorisation.min_degree_credits"), id_column=AID),
        F.emit(cases[eligible & over], "ADM-VALORISATION", "over", subject="valorisation_credits", source=src,
               id_column=AID),
        F.emit(cases[eligible & ~over], "ADM-VALORISATION", "eligible", severity=F.INFO,
               subject="valorisation_credits", source=src, id_column=AID),
    ]
    everyone = rows[[AID, "_order"]].drop_duplicates(AID)
    return F.assemble(parts, everyone, id_column=AID)


def supplement_range(catalogue, prior_diploma: str) -> tuple[float | None, float | None, str]:
    """(min, max, mode) of supplementary credits for a prior diploma (page « Conditions d'accès »).

    ``("supplements")`` gives the page's range (BA en sciences administratives et gestion publique: 15–30);
    ``dossier`` gives 0–60 (« compléments de formation pour un maximum de 60 crédits »); ``none`` gives
    (None, None). An unknown diploma raises :class:`XladdinError` listing the table's entries.
    """
    cat = load_catalogue(catalogue)
    found = cat.match_diplomas(pd.Series([prior_diploma], dtype=object)).iloc[0]
    if not isinstance(found, str):
        raise XladdinError("credits_unknown_diploma", diploma=prior_diploma, programme=cat.id,
                           available="; ".join(a.label for a in cat.access))
    entry = next(a for a in cat.access if a.id == found)
    lo, hi = entry.supplement_min, entry.supplement_max
    if entry.mode == "direct":
        lo, hi = lo or 0, hi or 0
    return lo, hi, entry.mode

