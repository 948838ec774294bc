"""LBPE (RSF 44.1) and RBPE (RSF 44.11) — Fribourg's model, variants ``FR`` (docs/rules/FR.md).

A family budget per parent from the tax assessment (net income, the add-backs of RBPE art. 17, 5 % of the taxable
wealth) against maintenance and rents of annex 1, supplements and taxes (art. 16-23); the surplus shared by the
children in post-compulsory training, a student with housing costs counting double, halved after 25 (art. 24); the
student's costs (art. 5, 28-29) against his resources and a minimum participation (art. 26-27); a bursary within
600 and 12 000 / 16 000 + 4 000 per child (art. 9), loans where the law says (art. 30-32).

Annex 1 is not in the copy held: its amounts are ``missing`` parameters (NaN here); the rows that need one are row
errors (``xladdin.bursary.missing``). Parent 1 is the parent the student lives with (RBPE art. 6 al. 2).
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_BURSARY, RIGHT_LOAN, RIGHT_NONE, right_by_training, swiss_or_eu_efta
from ..dates import months as month_index
from ..rule import any_of, nan_to_num, round_half_up, rule, select

_FR = BY_KEY["aid_domicile"].values.index("FR")


def _by_persons(node, persons: np.ndarray) -> np.ndarray:
    """Annex 1 amount by persons of the budget (1-4, then 5 and more) [F8]."""
    table = np.array([node.p1, node.p2, node.p3, node.p4, node.p5_plus], dtype=float)
    index = np.clip(nan_to_num(persons, nan=1), 1, 5).astype(int) - 1
    return np.where(np.isfinite(persons), table[index], np.nan)


def _by_level(node, c) -> np.ndarray:
    tertiary = c.is_("level", "tertiary")
    return np.where(tertiary, float(node.tertiary), float(node.secondary_ii))


def _housing_granted(c) -> np.ndarray:
    """RBPE art. 28 al. 2-3: housing costs for a student who cannot live with his parents for compelling reasons
    (more than an hour's journey, a household with his children, a conflict needing an official mediation)."""
    away = c.known("housing") & ~c.is_("housing", "parents")
    return (away & (c.true("own_household_reason") | (c["student_children"] > 0))) | c.is_("parents", "none")


@rule("LBPE art. 12 al. 4 ; RBPE art. 24 al. 2",
      trace={"independence_code": ("Plus de 25 ans (parents pris en compte à 50 %)", "Over 25 (parents at 50 %)",
                                   "RBPE art. 24 al. 2")}, slot="independence", variant="FR")
def independence(c, v):
    """RBPE art. 24 al. 2 — from the training year that starts after 25 completed, the parents' share counts 50 %
    (code 1); Fribourg has no full independence."""
    return {"independence_code": np.where(c["age"] >= v.family.older_age, 1, 0).astype(np.int8)}


@rule("LBPE art. 3, 7-8 ; RBPE art. 3, 30", trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="FR")
def right(c, v):
    """LBPE art. 7-8 — bursary, loan or nothing by the kind of training (FR.md §3.1)."""
    return {"right": right_by_training(c, v), "reconversion_ok": np.zeros(c.n, bool)}


@rule("RBPE art. 7 ; LBPE art. 9 al. 1",
      trace={"entitlement_semesters": ("Durée des bourses (semestres)", "Bursary duration (semesters)")},
      slot="entitlement", variant="FR")
def entitlement(c, v):
    """RBPE art. 7 — the regular duration + 2 semesters, + 1 under two years; part time: the minimal duration, so
    extended (al. 2)."""
    d = v.duration
    regular = c["regular_semesters"]
    extra = np.where(regular < d.short_below_semesters, d.short_extra_semesters, d.extra_semesters)
    return {"entitlement_semesters": regular + extra}


@rule("RBPE art. 16-23 ; annexe 1",
      trace={"p1_income": ("Parent 1 : revenus retenus", "Parent 1: income counted", "RBPE art. 17-18"),
             "p1_costs": ("Parent 1 : frais d'entretien, logement, suppléments, impôts",
                          "Parent 1: maintenance, housing, supplements, taxes", "RBPE art. 19-23"),
             "p2_income": ("Parent 2 : revenus retenus", "Parent 2: income counted", "RBPE art. 17-18"),
             "p2_costs": ("Parent 2 : frais d'entretien, logement, suppléments, impôts",
                          "Parent 2: maintenance, housing, supplements, taxes", "RBPE art. 19-23")},
      slot="family_budgets", variant="FR")
def family_budgets(c, v):
    """RBPE art. 16-23 — per parent (one common budget when together, art. 16 al. 2; one each when apart, al. 3;
    none for a parent owing a court-ordered maintenance, al. 5): net income + add-backs (art. 17 al. 1-2) + 70 % of
    an income taxed at source (al. 6) + 5 % of the taxable wealth (art. 18 al. 1); the student's pensions,
    maintenance and benefits when he lives there (art. 26 al. 1 b-c). Costs: maintenance and rent of annex 1 by
    persons (art. 19, 22), 100 a month per person (art. 20), 200 a month for a single parent with a child under 16
    (art. 21), taxes (art. 23). The income and wealth ceilings (art. 17 al. 3, 18 al. 3) refuse the bursary."""
    f = v.family
    out: dict[str, np.ndarray] = {}
    over_income = np.zeros(c.n, bool)
    over_wealth = np.zeros(c.n, bool)
    missing = np.zeros(c.n, bool)
    at_parents = c.is_("housing", "parents")
    for n in (1, 2):
        p = f"p{n}_"
        counted = (c.is_("parents", "together", "apart") if n == 1 else c.is_("parents", "apart")) \
            & ~c.true(p + "pays_alimony")
        net = c[p + "net_income"]
        wealth = nan_to_num(c[p + "taxable_wealth"])
        income = (net + nan_to_num(c[p + "income_addbacks"])
                  + f.source_taxed_share * nan_to_num(c[p + "source_taxed_gross"]) + f.wealth_share * wealth)
        if n == 1:
            income = income + np.where(at_parents, nan_to_num(c["pensions"]) + nan_to_num(c["alimony"])
                                       + nan_to_num(c["other_income"]), 0.0)
        persons = c[p + "family_persons"].astype(float)
        persons = np.where(persons < 1, np.nan, persons)
        single = (c[p + "adults"] == 1) & (c[p + "children_under_16"] > 0)
        costs = ((_by_persons(f.maintenance, persons) + _by_persons(f.housing, persons)) * (1 + f.increase)
                 + 12 * f.integration_month * persons + np.where(single, 12 * f.single_parent_month, 0.0)
                 + nan_to_num(c[p + "taxes"]))
        known = np.isfinite(net) & np.isfinite(persons)
        missing |= counted & ~known
        over_income |= counted & (nan_to_num(net) > f.income_ceiling)
        over_wealth |= counted & (wealth > f.wealth_ceiling)
        out[f"p{n}_income"] = np.where(counted, income, np.nan)
        out[f"p{n}_costs"] = np.where(counted, costs, np.nan)
        out[f"p{n}_balance"] = np.where(counted & known, income - costs, 0.0)
        out[f"p{n}_persons"] = persons
        out[f"p{n}_maintenance_housing"] = _by_persons(f.maintenance, persons) + _by_persons(f.housing, persons)
    out.update({"budget_missing": missing, "over_income": over_income, "over_wealth": over_wealth})
    return out


@rule("RBPE art. 24", trace={"parents_share": ("Part des parents", "Parents' share", "RBPE art. 24 al. 1-2"),
                             "counted_deficit": ("Part du découvert familial (frais)", "Share of the family deficit "
                                                 "(cost)", "RBPE art. 24 al. 3")},
      slot="parents_share", variant="FR")
def parents_share(c, v):
    """RBPE art. 24 — each surplus ÷ the children in post-compulsory training, the share of a student granted
    housing costs double (al. 1) [F7: the others live at home]; 50 % after 25 (al. 2). A deficit of the parent he
    lives with ÷ the persons of the family is his cost, unless he is granted housing costs (al. 3)."""
    housing = _housing_granted(c)
    share = np.zeros(c.n)
    for n in (1, 2):
        children = np.maximum(nan_to_num(c[f"p{n}_children_in_training"].astype(float), nan=1.0), 1.0)
        units = np.where(housing, children + 1, children)
        weight = np.where(housing, 2.0, 1.0)
        share += np.maximum(c[f"p{n}_balance"], 0.0) * weight / units
    older = c["independence_code"] == 1
    share = share * np.where(older, v.family.older_share, 1.0)
    deficit = np.where(~housing & (c["p1_balance"] < 0), -c["p1_balance"] / c["p1_persons"], 0.0)
    return {"parents_share": share, "counted_deficit": nan_to_num(deficit),
            "notes": {v.codes.older: older & ~c.is_("parents", "none")}}


def _months_in(c) -> np.ndarray:
    return month_index(c["application_date"]) - month_index(c["year_start"])


@rule("LBPE art. 3, 10 ; RBPE art. 2, 4, 8, 10, 17 al. 3, 18 al. 3",
      trace={"eligible": ("Éligible (LBPE art. 3, 10 ; RBPE art. 2, 8, 10, 17-18)",
                          "Eligible (LBPE art. 3, 10; RBPE art. 2, 8, 10, 17-18)")},
      slot="eligibility", variant="FR")
def eligibility(c, v):
    """Each failed condition is a reason code (FR.md §3.2)."""
    e = v.eligibility
    beneficiary = (swiss_or_eu_efta(c, e.eu_efta)
                   | c.is_("permit", "B", "C", "F", "S") | c.true("refugee_or_stateless"))
    months = _months_in(c)
    dates = c.known("application_date") & c.known("year_start")
    codes = {
        "FR-LBPE-10": ~beneficiary,
        "FR-RBPE-6": c["aid_domicile_final"] != _FR,
        "FR-LBPE-3": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "FR-RBPE-2": c.known("duration_months") & (c["part_time_ratio"] >= 1) & (c["duration_months"] < e.min_months),
        "FR-RBPE-8-3": c["changes_of_course"] > e.max_changes_per_level,
        "FR-RBPE-10-3": dates & (months >= 12 - e.last_months_refused),
        "FR-RBPE-17-3": c["over_income"],
        "FR-RBPE-18-3": c["over_wealth"],
    }
    codes["FR-RBPE-10-4"] = (~c.known("birth_date") | ~dates | ~c.known("regular_semesters") | ~c.known("level")
                             | ~c.known("housing") | ~c.known("parents") | c["budget_missing"])
    ineligible = any_of(codes.values(), c.n)
    second = dates & (months >= e.second_semester_month)
    return {"eligible": ~ineligible, "codes": codes, "second_semester": second}


@rule("RBPE art. 5, 28-29 ; annexe 1",
      trace={"s_instruction": ("Frais d'instruction (écolage, frais accessoires)", "Tuition (fees, incidentals)",
                               "RBPE art. 5 al. 1 ; annexe 1"),
             "s_living": ("Frais d'entretien de la personne en formation", "Student's living costs",
                          "RBPE art. 5 al. 2-3, 28-29 ; annexe 1")},
      slot="student_needs", variant="FR")
def student_needs(c, v):
    """RBPE art. 5, 28 — tuition up to annex 1; at his parents', meals away and over 25 the 15 % flat rate (art. 5
    al. 3) and the deficit share (art. 24 al. 3); with housing costs granted, his household's maintenance and rent
    up to annex 1, the integration supplement with a spouse or children (art. 29); transport and a placement up
    to annex 1; maintenance he owes is not modelled."""
    k = v.costs
    housing = _housing_granted(c)
    fees = np.minimum(nan_to_num(c["training_costs"]), _by_level(k.fees_max, c))
    instruction = fees + _by_level(k.incidentals, c)
    kids = c["student_children"].astype(float)
    partner = c.true("married") | (c.true("cohabiting_partner") & c.true("common_child"))
    persons = 1 + partner + kids
    f = v.family
    own = (_by_persons(f.maintenance, persons)
           + np.minimum(nan_to_num(c["housing_costs"]), _by_persons(f.housing, persons))
           + np.where(partner | (kids > 0), 12 * v.student.integration_month * persons, 0.0))
    meals = np.where(nan_to_num(c["meals_out"]) > 0, k.meals_max, 0.0)
    older = np.where(c["age"] > 25, k.over_25_flat * c["p1_maintenance_housing"] / c["p1_persons"], 0.0)
    at_home = meals + nan_to_num(older) + c["counted_deficit"]
    transport = np.where(nan_to_num(c["transport"]) > 0, np.minimum(nan_to_num(c["transport"]),
                                                                       k.transport_max), 0.0)
    placement = np.where(nan_to_num(c["placement_costs"]) > 0,
                         np.minimum(nan_to_num(c["placement_costs"]), k.placement_max), 0.0)
    living = np.where(housing, own, at_home) + transport + placement
    return {"s_instruction": instruction, "s_living": living, "needs": instruction + living,
            "persons": persons, "housing_granted": housing}


@rule("RBPE art. 26-27",
      trace={"participation": ("Participation minimale de la personne en formation", "Student's minimum "
                               "participation", "RBPE art. 26 al. 1 d-d2")},
      slot="student_resources", variant="FR")
def student_resources(c, v):
    """RBPE art. 26-27 — the parents' share; pensions less 10 %, maintenance and benefits when not living with the
    parents (else in their budget); a minimum participation of 2 200 (sec. II) or 3 300 (tertiary), in a dual,
    part-time or paid-placement training plus 65 % of the income above twice it; the spouse's (or a partner's with
    a common child) gross income at 70 %; 10 % of the taxable wealth."""
    s = v.student
    base = np.where(c.is_("level", "tertiary"), s.participation.tertiary, s.participation.secondary_ii)
    earns = c.true("apprenticeship") | (c["part_time_ratio"] < 1) | c.true("paid_placement")
    earnings = nan_to_num(c["earnings"])
    participation = base + np.where(earns, s.participation.earnings_share * np.maximum(earnings - 2 * base, 0), 0.0)
    at_parents = c.is_("housing", "parents")
    own = np.where(at_parents, 0.0, nan_to_num(c["pensions"]) * (1 - s.pension_deduction)
                   + nan_to_num(c["alimony"]) + nan_to_num(c["other_income"]))
    partner = c.true("married") | (c.true("cohabiting_partner") & c.true("common_child"))
    spouse = np.where(partner, s.spouse_share * nan_to_num(c["spouse_income"]), 0.0)
    wealth = s.wealth_share * nan_to_num(c["taxable_wealth"])
    return {"participation": participation,
            "resources": c["parents_share"] + own + participation + spouse + wealth}


@rule("RBPE art. 9, 10 al. 2, 30-32 ; LBPE art. 9 al. 5, 13",
      trace={"shortfall": ("Manque identifié (arrondi)", "Identified shortfall (rounded)", "LBPE art. 13"),
             "cap": ("Bourse maximale", "Maximum bursary", "RBPE art. 9 al. 2-3"),
             "bursary": ("Bourse", "Bursary", "RBPE art. 9"), "loan": ("Prêt", "Loan", "RBPE art. 30-32"),
             "aid": ("Subside total", "Total aid", "LBPE art. 13")},
      slot="amounts", variant="FR")
def amounts(c, v):
    """LBPE art. 13 ; RBPE art. 9 — the shortfall as a bursary up to the cap, not under 600, half for an
    application in the second semester (art. 10 al. 2); a loan for a loan-only training, beyond the entitlement
    (art. 30 al. 1 a), from 40 or after 11 years (LBPE art. 9 al. 5): adults only (art. 31), at least 1 500 and
    30 000 in all (art. 32)."""
    a = v.award
    eligible = c["eligible"]
    shortfall = round_half_up(c["needs"] - c["resources"])
    cap = _by_level(a.cap, c) + a.cap.per_child * nan_to_num(c["student_children"].astype(float))
    half = c["second_semester"]
    due = np.maximum(shortfall, 0.0) * np.where(half, a.second_semester_share, 1.0)
    as_loan = ((c["right"] == RIGHT_LOAN) | (c["semesters_aided"] >= c["entitlement_semesters"])
               | (c["age"] >= v.form.loan_age) | (nan_to_num(c["years_in_training"]) >= v.form.loan_after_years))
    bursary_right = (c["right"] == RIGHT_BURSARY) & ~as_loan
    bursary = round_half_up(np.where(eligible & bursary_right, np.minimum(due, cap), 0.0))
    codes = {v.codes.second_semester: eligible & half & (shortfall > 0),
             v.codes.cap: eligible & bursary_right & (due > cap)}
    small = eligible & (bursary > 0) & (bursary < a.minimum)
    codes[v.codes.minimum] = small
    bursary = np.where(small, 0.0, bursary)
    loan = round_half_up(np.where(eligible & as_loan, due, 0.0))
    minor = loan > 0
    minor &= c["age"] < v.loan.min_age
    codes[v.codes.loan_minor] = eligible & minor
    loan = np.where(minor, 0.0, loan)
    room = np.maximum(v.loan.ceiling - nan_to_num(c["loans_received"]), 0.0)
    limited = np.minimum(loan, room)
    limited = np.where(limited < v.loan.minimum, 0.0, limited)
    codes[v.codes.loan_limits] = eligible & (limited < loan)
    codes[v.codes.loan] = eligible & (limited > 0)
    return {"shortfall": shortfall, "cap": cap, "bursary": bursary, "loan": limited, "aid": bursary + limited,
            "amount_codes": codes}
