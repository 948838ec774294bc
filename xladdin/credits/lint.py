"""Spec credits-APHM2M §2 — catalogue checks: CAT-CREDITS-MISMATCH, CAT-GROUP-IMPOSSIBLE, CAT-TOTAL.

A catalogue has a few dozen groups, so the tree is walked in Python; the per-student checks are the vectorised
ones. A group's reachable credits are an interval [lo, hi]: lo is what its required children must make, hi what
all its children can make (unbounded when a child's credits are unknown or the page does not list every child).
A constraint is reported only when it is *certainly* impossible.
"""

from __future__ import annotations

import math

import pandas as pd

from . import findings as F
from .catalogue import Catalogue, Group, load_catalogue

INF = math.inf


def _n(x: float) -> str:
    return "∞" if x == INF else F.fmt_number([x]).iloc[0]


def _group_range(group: Group, out: list[dict]) -> tuple[float, float]:
    """[lo, hi] credits of ``group`` in a valid programme; appends CAT-GROUP-IMPOSSIBLE cases to ``out``."""
    lo_children = hi_children = 0.0
    n_children = n_required = 0
    for course in group.courses:
        required = group.mandatory or course.mandatory is True
        credits = course.credits
        lo_children += (credits or 0) if required else 0
        hi_children += credits if credits is not None else INF
        n_children += 1
        n_required += required
    for child in group.groups:
        lo, hi = _group_range(child, out)
        required = group.mandatory or not child.optional
        lo_children += lo if required else 0
        hi_children += hi
        n_children += 1
        n_required += required
    if not group.complete:
        hi_children = INF

    def case(variant, lo, hi, **extra):
        out.append({"subject": group.code, "variant": variant, "lo": _n(lo), "hi": _n(hi),
                    "source": group.source, **extra})

    for lo, hi, fr, en in ((group.min_credits, group.max_credits, "crédits", "credits"),
                           (group.min_courses, group.max_courses, "éléments", "children")):
        if lo is not None and hi is not None and lo > hi:
            case("min_gt_max", lo, hi, what_fr=fr, what_en=en)
    if group.min_credits is not None and group.min_credits > hi_children:
        case("min_credits", group.min_credits, hi_children)
    if group.max_credits is not None and group.max_credits < lo_children:
        case("max_credits", lo_children, group.max_credits)
    if group.min_courses is not None and group.complete and group.min_courses > n_children:
        case("min_courses", group.min_courses, n_children)
    if group.max_courses is not None and group.max_courses < n_required:
        case("max_courses", n_required, group.max_courses)
    if group.credits is not None and not (lo_children <= group.credits <= hi_children):
        case("declared", lo_children, hi_children, credits=_n(group.credits))

    lo = max(lo_children, group.min_credits or 0, group.credits or 0)
    hi = min(hi_children, INF if group.max_credits is None else group.max_credits,
             INF if group.credits is None else group.credits)
    return lo, max(lo, hi)


def _credits_mismatch(cat: Catalogue) -> pd.DataFrame:
    rows = []
    for group, _, _ in cat.all_groups():
        for c in group.courses:
            if c.credits is not None:
                rows.append((c.code, c.credits, f"{group.code}", c.source))
    for p in cat.prerequisites:
        if p.credits is not None:
            rows.append((p.code, p.credits, "prérequis de l'accès sur dossier / dossier prerequisites",
                         p.source or cat.prerequisites_source))
    frame = pd.DataFrame(rows, columns=["subject", "credits", "place", "where"])
    if frame.empty:
        return frame.assign(values="", source="")
    distinct = frame.groupby("subject", sort=False)["credits"].nunique()
    frame = frame[frame["subject"].isin(distinct[distinct > 1].index)]
    frame = frame.assign(item=F.fmt_number(frame["credits"]).to_numpy() + " (" + frame["place"] + ")")
    return frame.groupby("subject", sort=False).agg(
        values=("item", ", ".join), source=("where", " | ".join)).reset_index()


def check_catalogue(catalogue) -> pd.DataFrame:
    """CAT-* findings of a catalogue (an id, a file or a :class:`Catalogue`): code, severity, subject, messages.

    The shipped APHM2M catalogue has one: MSPHD1332 at 10 credits (supplementary courses) and 6 (dossier
    prerequisites) → CAT-CREDITS-MISMATCH.
    """
    cat = load_catalogue(catalogue)
    parts = []
    mismatch = _credits_mismatch(cat)
    parts.append(F.emit(mismatch, "CAT-CREDITS-MISMATCH", source="source", id_column=None))

    impossible: list[dict] = []
    lo_total = hi_total = 0.0
    for group in cat.groups:
        lo, hi = _group_range(group, impossible)
        if not group.supplementary:
            lo_total += lo
            hi_total += hi
    cases = pd.DataFrame(impossible)
    for variant in ("min_gt_max", "min_credits", "max_credits", "min_courses", "max_courses", "declared"):
        if len(cases) and (cases["variant"] == variant).any():
            sub = cases[cases["variant"] == variant].fillna("")
            parts.append(F.emit(sub, "CAT-GROUP-IMPOSSIBLE", variant, source="source", id_column=None))

    if not (lo_total <= cat.total_credits <= hi_total):
        cases = pd.DataFrame([{"subject": cat.code, "lo": _n(lo_total), "hi": _n(hi_total),
                               "total": _n(cat.total_credits)}])
        parts.append(F.emit(cases, "CAT-TOTAL", "groups", source=cat.source, id_column=None))
    per_bloc = cat.total_credits / len(cat.blocs)
    ct = cat.course_table
    placed = ct[ct["required"] & (ct["blocs"].map(len) == 1)]
    if len(placed):
        sums = placed.assign(bloc=placed["blocs"].map(lambda b: b[0])).groupby("bloc")["cat_credits"].sum()
        over = sums[sums > per_bloc]
        if len(over):
            cases = pd.DataFrame({"subject": over.index.astype(str), "lo": F.fmt_number(over.to_numpy()),
                                  "hi": _n(per_bloc)})
            parts.append(F.emit(cases, "CAT-TOTAL", "bloc", source=cat.source, id_column=None))
    return F.assemble(parts, id_column=None)
