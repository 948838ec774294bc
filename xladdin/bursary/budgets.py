"""Budgets: the parents' (RBPE art. 9, 12), independence (LBPE art. 18, RBPE art. 8), the student's (LBPE art.
19-20, RBPE art. 10-13)."""

from __future__ import annotations

import numpy as np

from .rule import rule

MONTHS = 12          # the minimum-vital norms are monthly amounts; budgets are annual


def _basic_amount(b, adults_two, has_children, le10, gt10) -> np.ndarray:
    """RBPE art. 12 al. 1 — monthly basic amount of the minimum-vital norms (NI ch. I), times 12."""
    household = np.where(adults_two, b.couple, np.where(has_children, b.single_parent, b.single))
    return MONTHS * (household + b.child_le10 * le10 + b.child_gt10 * gt10)


@rule("LBPE art. 18 al. 3-5 ; RBPE art. 8",
      trace={"independence_code": ("Indépendance financière", "Financial independence"),
             "surplus_factor": ("Part de l'excédent des parents prise en compte", "Share of the parents' surplus counted")},
      slot="independence", variant="GE")
def independence(c, v):
    """LBPE art. 18 al. 3-5, RBPE art. 8 — financial independence, given in the file or derived.

    Partial: 25 or older and either a first training done plus 2 years financially independent with at least
    30 000 net a year (RBPE 8 al. 2), or 4 years of full-time work. Full: 30 or older, not living with the
    parents, and the partial condition met before the training. A partial independence counts the parents'
    surplus at 50 % (RBPE 8 al. 1); a deficit counts in full [reading]; full independence: no parents' budget.
    """
    i = v.independence
    lives_with_parents = np.where(c.known("lives_with_parents"), c.true("lives_with_parents"),
                                  c.is_("housing", "parents"))
    partial_condition = (c["age"] >= i.partial_min_age) & (
        (c.true("first_training_done") & (c["years_independent"] >= i.min_years_independent)
         & (c["independent_income"] >= i.min_independent_income))
        | (c["years_full_time_work"] >= i.min_years_full_time_work))
    full_condition = partial_condition & (c["age"] >= i.full_min_age) & ~lives_with_parents
    derived = np.where(full_condition, 2, np.where(partial_condition, 1, 0))
    code = np.where(c["independence"] >= 0, c["independence"], derived).astype(np.int8)
    return {"independence_code": code, "independent_full": code == 2,
            "surplus_factor": np.choose(code, [1.0, i.partial_surplus_share, 0.0]),
            "deficit_factor": np.choose(code, [1.0, i.partial_deficit_share, 0.0])}


def _parent_budget(c, v, n: int) -> dict[str, np.ndarray]:
    """RBPE art. 9, 12 al. 1-4, LBPE art. 20 al. 1, LRDU art. 8 — one parents' budget and its share."""
    b = v.budget
    p = f"p{n}_"
    together, apart = c.is_("parents", "together"), c.is_("parents", "apart")
    exists = (together & (n == 1)) | apart
    active = exists & ~c.true(p + "pays_alimony") & ~c["independent_full"]
    rdu_known, income_known = c.known(p + "rdu"), c.known(p + "income")
    resources = np.where(rdu_known, c[p + "rdu"], c[p + "income"] + c[p + "net_wealth"] / v.resources.rdu_wealth_divisor)
    adults = np.where(c.known(p + "adults"), c[p + "adults"], np.where(together, 2, 1))
    le10, gt10 = c[p + "children_le10"], c[p + "children_gt10"]
    persons = adults + le10 + gt10
    basic = _basic_amount(b.basic, adults >= 2, (le10 + gt10) > 0, le10, gt10)
    housing = np.minimum(b.housing.household_base + b.housing.household_per_extra_person * (persons - 1),
                         b.housing.cap)
    integration = b.integration_supplement * c[p + "in_training"]
    charges = basic + housing + c[p + "health_premiums"] + integration + c[p + "taxes"]
    balance = resources - charges
    children = np.maximum(1, np.where(c.known(p + "children"), c[p + "children"], le10 + gt10))
    share = np.where(balance > 0, balance / children, balance / persons)
    nan = np.where(active, 1.0, np.nan)          # traced figures are blank where the budget does not exist
    return {p + "resources": resources * nan, p + "basic": basic * nan, p + "housing": housing * nan,
            p + "integration": integration * nan, p + "charges": charges * nan, p + "balance": balance * nan,
            p + "share": np.where(active, np.nan_to_num(share), 0.0), p + "active": active,
            p + "missing": active & ~rdu_known & ~income_known}


def _budget_trace(n: int) -> dict[str, tuple[str, str, str]]:
    b = f"Budget parents {n}"
    e = f"Parents' budget {n}"
    return {f"p{n}_resources": (f"{b} : ressources (RDU, ou revenu + fortune / 15)", f"{e}: resources (RDU)",
                                "LBPE art. 18 al. 2 ; LRDU art. 8 al. 2"),
            f"p{n}_basic": (f"{b} : montant de base (12 × normes NI)", f"{e}: basic amount (12 × norms)",
                            "RBPE art. 12 al. 1 ; NI-2026 ch. I"),
            f"p{n}_housing": (f"{b} : logement (forfait par personnes)", f"{e}: housing (flat rate)",
                              "RBPE art. 12 al. 2 b-d"),
            f"p{n}_integration": (f"{b} : supplément d'intégration", f"{e}: integration supplement",
                                  "RBPE art. 12 al. 4"),
            f"p{n}_charges": (f"{b} : charges (base + logement + primes + intégration + impôts)",
                              f"{e}: charges", "LBPE art. 20 al. 1"),
            f"p{n}_balance": (f"{b} : solde (ressources − charges)", f"{e}: balance", "RBPE art. 9 al. 4"),
            f"p{n}_share": (f"{b} : part (excédent / enfants, découvert / personnes)",
                            f"{e}: share (surplus / children, deficit / persons)", "RBPE art. 9 al. 4")}


@rule("RBPE art. 9, 12 al. 1-4 ; LBPE art. 18 al. 6, 20 al. 1 ; LRDU art. 8 al. 2",
      trace={**_budget_trace(1), **_budget_trace(2)}, slot="family_budgets", variant="GE")
def parents_budgets(c, v):
    """RBPE art. 9 — a joint budget for parents together, one per parent apart, none for a parent paying
    court-ordered maintenance (LBPE 18 al. 6) or under full independence (LBPE 18 al. 5). A surplus is divided by
    the parent's children, a deficit by the persons of the household (RBPE 9 al. 4)."""
    out = {**_parent_budget(c, v, 1), **_parent_budget(c, v, 2)}
    out["budget_missing"] = out["p1_missing"] | out["p2_missing"]
    return out


@rule("RBPE art. 8 al. 1, 9 al. 4",
      trace={"parents_share": ("Part des parents prise en compte (+ excédent, − découvert)",
                               "Parents' share counted (+ surplus, − deficit)")},
      slot="parents_share", variant="GE")
def parents_share(c, v):
    """RBPE art. 9 al. 4, 8 al. 1 — surplus shares count as the student's resources (× the independence
    factor), deficit shares as the student's charges."""
    shares = c["p1_share"] + c["p2_share"]
    surplus = np.maximum(c["p1_share"], 0) + np.maximum(c["p2_share"], 0)
    deficit = shares - surplus
    counted_surplus = surplus * c["surplus_factor"]
    counted_deficit = deficit * c["deficit_factor"]
    return {"parents_share": counted_surplus + counted_deficit, "counted_surplus": counted_surplus,
            "counted_deficit": 0.0 - counted_deficit}


@rule("LBPE art. 19 al. 4, 20 ; RBPE art. 10, 12, 13",
      trace={"s_basic": ("Étudiant : montant de base", "Student: basic amount", "LBPE art. 20 al. 1 a ; RBPE art. 12 al. 1"),
             "s_housing": ("Étudiant : logement", "Student: housing", "RBPE art. 12 al. 2 a, b, d"),
             "health_premiums": ("Étudiant : primes d'assurance-maladie", "Student: health premiums",
                                 "LBPE art. 20 al. 1 c ; RBPE art. 12 al. 3"),
             "transport": ("Étudiant : transport", "Student: transport", "RBPE art. 12 al. 5"),
             "student_taxes": ("Étudiant : impôts", "Student: taxes", "LBPE art. 20 al. 1 e"),
             "s_meals": ("Étudiant : repas", "Student: meals", "RBPE art. 12 al. 6"),
             "s_training": ("Étudiant : forfait de formation", "Student: training flat rate", "RBPE art. 13 al. 1"),
             "counted_deficit": ("Étudiant : découvert des parents (charge)", "Student: parents' deficit (charge)",
                                 "RBPE art. 9 al. 4 b"),
             "needs": ("Besoins reconnus (total)", "Recognised needs (total)", "LBPE art. 19 al. 1, 20")},
      slot="student_needs", variant="GE")
def student_needs(c, v):
    """LBPE art. 20, RBPE art. 12-13 — the student's recognised costs of living and training."""
    b = v.budget
    with_parents = c.is_("housing", "parents")
    children = c["student_children"]
    le10 = c["student_children_le10"]
    basic = _basic_amount(b.basic, c.true("married"), children > 0, le10, children - le10)
    if not b.basic.student_with_parents:
        basic = np.where(with_parents, 0.0, basic)
    occupants = c["occupants"]
    housing = np.select(
        [c.is_("housing", "lease"), c.is_("housing", "household")],
        [(b.housing.lease_base + b.housing.lease_per_extra_person * (occupants - 1)) / occupants,
         b.housing.household_base + b.housing.household_per_extra_person * (occupants - 1)], 0.0)
    housing = np.minimum(housing, b.housing.cap)
    meals = np.full(c.n, float(b.meals))
    training = np.select([c.is_("level", "secondary_ii"), c.is_("level", "tertiary")],
                         [b.training.secondary_ii, b.training.tertiary], 0.0)
    needs = (basic + housing + c["health_premiums"] + c["transport"] + c["student_taxes"] + meals + training
             + c["counted_deficit"])
    return {"s_basic": basic, "s_housing": housing, "s_meals": meals, "s_training": training, "needs": needs}


@rule("LBPE art. 19 al. 4 ; RBPE art. 9 al. 4 a, 10 al. 2, 11 ; LRDU art. 8 al. 2",
      trace={"s_earnings": ("Étudiant : revenu moins la franchise", "Student: earnings less allowance", "RBPE art. 11"),
             "spouse_income": ("Conjoint : revenu", "Spouse: income", "RBPE art. 10 al. 2"),
             "alimony": ("Pension alimentaire reçue", "Maintenance received", "LBPE art. 19 al. 4"),
             "pensions": ("Rentes d'assurances sociales", "Social-insurance pensions", "LBPE art. 19 al. 4"),
             "s_wealth": ("Fortune (un quinzième)", "Wealth (one fifteenth)", "LBPE art. 19 al. 4 ; LRDU art. 8 al. 2"),
             "counted_surplus": ("Excédent des parents (ressource)", "Parents' surplus (resource)",
                                 "RBPE art. 9 al. 4 a ; RBPE art. 8 al. 1"),
             "resources": ("Ressources (total)", "Resources (total)", "LBPE art. 19 al. 4")},
      slot="student_resources", variant="GE")
def student_resources(c, v):
    """LBPE art. 19 al. 4, RBPE art. 11 — earnings above the 8 160 allowance, spouse's income, maintenance,
    pensions, a fifteenth of wealth [reading] and the parents' surplus as counted."""
    r = v.resources
    earnings = np.maximum(0.0, c["earnings"] - r.earnings_allowance)
    wealth = c["wealth"] / r.student_wealth_divisor
    resources = earnings + c["spouse_income"] + c["alimony"] + c["pensions"] + wealth + c["counted_surplus"]
    return {"s_earnings": earnings, "s_wealth": wealth, "resources": resources}
