"""A plain row-by-row Python implementation of the Geneva rules (spec §3-§4), written independently.

Two uses: the benchmark's baseline (same rules, one applicant at a time, plain Python), and an oracle the
test suite compares the vectorised engine against on thousands of synthetic applicants. It reads the same
parsed inputs (``xladdin.bursary.inputs.parse``) and the same rule-set values, so only the rules differ.
"""

from __future__ import annotations

import math

import numpy as np

from xladdin.schema import BY_KEY

KINDS = BY_KEY["programme_kind"].values
CANTONS = BY_KEY["aid_domicile"].values


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def assess_row(r: dict, v, ref) -> dict:
    """One applicant: ``r`` maps schema keys to parsed scalars (codes for enums, NaN for missing)."""
    e, b, a, i = v.eligibility, v.budget, v.amounts, v.independence
    enum = lambda key: BY_KEY[key].values[r[key]] if r[key] >= 0 else None  # noqa: E731
    true = lambda key: r[key] == 1  # noqa: E731
    # age on the reference date
    birth = r["birth_date"]
    age = math.nan
    if not np.isnat(birth) and ref is not None:
        bd, rd = birth.astype(object), ref
        age = rd.year - bd.year - ((rd.month, rd.day) < (bd.month, bd.day))
    # independence
    lwp = true("lives_with_parents") if not _nan(r["lives_with_parents"]) else enum("housing") == "parents"
    partial = age >= i.partial_min_age and (
        (true("first_training_done") and r["years_independent"] >= i.min_years_independent
         and r["independent_income"] >= i.min_independent_income)
        or r["years_full_time_work"] >= i.min_years_full_time_work)
    full = partial and age >= i.full_min_age and not lwp
    indep = enum("independence") or ("full" if full else "partial" if partial else "none")
    sf = {"none": 1.0, "partial": i.partial_surplus_share, "full": 0.0}[indep]
    df = {"none": 1.0, "partial": i.partial_deficit_share, "full": 0.0}[indep]
    # right
    kind = enum("programme_kind")
    base = getattr(v.training.rights, kind) if kind else "-"
    first_training = r["first_training_done"] == 0
    reco = true("reconversion") and (age >= e.reconversion_min_age or first_training) and base != "-"
    right = "B" if reco else base
    # entitlement
    reg = r["regular_semesters"]
    ratio = r["part_time_ratio"]
    reason = enum("part_time_reason")
    listed = reason in str(v.duration.part_time_reasons).split()
    extra = v.duration.extra_semesters if not _nan(reg) and reg >= v.duration.extra_semesters_min_regular else 0
    ent = math.ceil(round(reg / (ratio if listed else 1.0), 9)) + extra if not _nan(reg) else math.nan
    ent_listed = math.ceil(round(reg / ratio, 9)) + extra if not _nan(reg) else math.nan
    # a ratio below 1 without its reason: asked for (LBPE 21) when it decides, never guessed
    reason_decides = ratio < 1 and reason is None and ent <= r["semesters_aided"] < ent_listed
    # parents' budgets
    parents = enum("parents")
    surplus = deficit = 0.0
    missing_budget = False
    for n in (1, 2):
        p = f"p{n}_"
        if not ((parents == "together" and n == 1) or parents == "apart") or true(p + "pays_alimony") or indep == "full":
            continue
        if _nan(r[p + "rdu"]) and _nan(r[p + "income"]):
            missing_budget = True
        res = r[p + "rdu"] if not _nan(r[p + "rdu"]) else r[p + "income"] + r[p + "net_wealth"] / v.resources.rdu_wealth_divisor
        adults = r[p + "adults"] if not _nan(r[p + "adults"]) else (2 if parents == "together" else 1)
        kids = r[p + "children_le10"] + r[p + "children_gt10"]
        persons = adults + kids
        monthly = b.basic.couple if adults >= 2 else b.basic.single_parent if kids > 0 else b.basic.single
        basic = 12 * (monthly + b.basic.child_le10 * r[p + "children_le10"] + b.basic.child_gt10 * r[p + "children_gt10"])
        housing = min(b.housing.household_base + b.housing.household_per_extra_person * (persons - 1), b.housing.cap)
        charges = basic + housing + r[p + "health_premiums"] + b.integration_supplement * r[p + "in_training"] + r[p + "taxes"]
        balance = res - charges
        children = max(1, r[p + "children"] if not _nan(r[p + "children"]) else kids)
        share = balance / children if balance > 0 else balance / persons
        if _nan(share):
            share = 0.0
        if share > 0:
            surplus += share
        else:
            deficit += share
    # student's budget
    housing_kind = enum("housing")
    kids, le10 = r["student_children"], r["student_children_le10"]
    monthly = b.basic.couple if true("married") else b.basic.single_parent if kids > 0 else b.basic.single
    basic = 12 * (monthly + b.basic.child_le10 * le10 + b.basic.child_gt10 * (kids - le10))
    if housing_kind == "parents" and not b.basic.student_with_parents:
        basic = 0.0
    occ = r["occupants"]
    housing = {"lease": (b.housing.lease_base + b.housing.lease_per_extra_person * (occ - 1)) / occ,
               "household": b.housing.household_base + b.housing.household_per_extra_person * (occ - 1)}.get(housing_kind, 0.0)
    housing = min(housing, b.housing.cap)
    level = enum("level")
    training = {"secondary_ii": b.training.secondary_ii, "tertiary": b.training.tertiary}.get(level, 0.0)
    needs = (basic + housing + r["health_premiums"] + r["transport"] + r["student_taxes"] + b.meals + training
             - deficit * df)
    resources = (max(0.0, r["earnings"] - v.resources.earnings_allowance) + r["spouse_income"] + r["alimony"]
                 + r["pensions"] + r["wealth"] / v.resources.student_wealth_divisor + surplus * sf)
    # eligibility
    swiss = r["nationality"] == "CH"
    beneficiary = (swiss or true("eu_efta_frontier_parent") or true("refugee_or_stateless")
                   or (not swiss and (enum("permit") == "C" or r["years_domicile_ch"] >= e.foreign_min_years_domicile)))
    codes = []
    if true("excluded_benefit"):
        codes.append("LBPE-3")
    if not beneficiary or true("study_stay_only"):
        codes.append("LBPE-15")
    if r["aid_domicile_final"] != CANTONS.index("GE"):
        codes.append("LBPE-16")
    if right == "-" or not true("recognised"):
        codes.append("LBPE-11")
    ys, ad = r["year_start"], r["application_date"]
    dates_known = not np.isnat(ys) and not np.isnat(ad)
    if dates_known:
        y, m, d = ys.astype(object).year, ys.astype(object).month, ys.astype(object).day
        m2, y2 = (m - 1 + e.application_deadline_months) % 12 + 1, y + (m - 1 + e.application_deadline_months) // 12
        import calendar
        last = calendar.monthrange(y2, m2)[1]
        deadline = np.datetime64(f"{y2:04d}-{m2:02d}-{min(d, last):02d}")
        if ad > deadline:
            codes.append("LBPE-13")
    if r["semesters_aided"] >= ent and not reason_decides:
        codes += ["LBPE-14", "LBPE-14-loan"]
    if r["changes_of_course"] > e.max_changes_of_course:
        codes.append("LBPE-14-3")
    if true("reconversion") and not (age >= e.reconversion_min_age or first_training):
        codes.append("LBPE-17")
    if (level is None or housing_kind is None or (indep != "full" and parents is None) or missing_budget
            or _nan(reg) or not dates_known or reason_decides):
        codes.append("LBPE-21")
    eligible = not codes
    shortfall = math.floor(round(needs - resources, 6) + 0.5)
    cap = (a.cap.reconversion if reco else {"secondary_ii": a.cap.secondary_ii, "tertiary": a.cap.tertiary}.get(level, math.nan)) \
        + a.cap.per_child * kids
    aid = min(shortfall, cap) if eligible and shortfall > 0 else 0.0
    aid = 0.0 if _nan(aid) else aid
    bursary = loan = 0.0
    if right == "B":
        if 0 < aid < a.min_bursary:
            codes.append("LBPE-22-3")
        else:
            bursary = aid
    elif right == "L":
        rest = math.floor(max(0.0, a.loan_ceiling - r["loans_received"]))
        loan = aid if reco else min(aid, rest)
        if eligible and not reco and aid > rest:
            codes.append("LBPE-22-4")
    return {"eligible": eligible, "reasons": ";".join(codes), "independence": indep, "shortfall": shortfall,
            "cap": cap, "bursary": bursary, "loan": loan, "aid": bursary + loan, "entitlement_semesters": ent}


def assess_rows(inputs, rules, reference_dates, domiciles) -> list[dict]:
    """Every row of parsed ``inputs``, one at a time."""
    v = rules.v
    keys = list(inputs.cols)
    out = []
    for pos in range(inputs.n):
        row = {k: inputs.cols[k][pos] for k in keys}
        row = {k: (float(x) if isinstance(x, (np.floating, np.integer)) and not isinstance(x, np.int16) else
                   int(x) if isinstance(x, np.int16) else x) for k, x in row.items()}
        row["aid_domicile_final"] = int(domiciles[pos])
        ref = reference_dates[pos]
        out.append(assess_row(row, v, None if np.isnat(ref) else ref.astype(object)))
    return out
