"""Geneva (LBPE, RBPE): the canton's own variants ``GE`` of every slot from independence to the award (spec GE;
rule sets GE-2022 to GE-2026).

Independence (LBPE art. 18 al. 3-5, RBPE art. 8), the right the training gives (LBPE art. 11, 17), its duration
(LBPE art. 14), the parents' budgets (RBPE art. 9, 12), eligibility (LBPE art. 3, 11, 13-17, 21), the parents'
share (RBPE art. 8-9), the student's budget (LBPE art. 19-20, RBPE art. 10-13) and the award from shortfall to
payout: cap, bursary or loan, minimum bursary, loan ceiling (LBPE art. 19, 22). Reference date, age and domicile
use the shared variants ``september_1``, ``whole_years`` and ``concordat_art_6``.
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from .. import dates
from ..common import RIGHT_BURSARY, RIGHT_LOAN, RIGHT_NONE, part_time_stretch, right_by_training, stretched
from ..rule import any_of, nan_to_num, round_half_up, rule, select

_GE = BY_KEY["aid_domicile"].values.index("GE")

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
            "surplus_factor": np.array([1.0, i.partial_surplus_share, 0.0])[code],      # code: 0, 1 or 2
            "deficit_factor": np.array([1.0, i.partial_deficit_share, 0.0])[code]}


@rule("LBPE art. 11 ; LBPE art. 17 (reconversion)",
      trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="GE")
def right(c, v):
    """LBPE art. 11 — the training gives a bursary, a loan only, or nothing; a reconversion turns B or L into B.

    LBPE 11 al. 1 e and 17: the reconversion counts when the applicant is 25 or older or it is a first
    training (``first_training_done`` known and false).
    """
    base = right_by_training(c, v)
    first_training = c.false("first_training_done")
    reconversion_ok = c.true("reconversion") & ((c["age"] >= v.eligibility.reconversion_min_age) | first_training)
    turned = reconversion_ok & (base != RIGHT_NONE)
    return {"right": np.where(turned, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": turned,
            "first_training": first_training}


@rule("LBPE art. 14 al. 1 et 4 ; RBPE art. 6",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="GE")
def entitlement(c, v):
    """LBPE art. 14 al. 1, 4 — regular duration, lengthened in proportion to a part-time load followed for
    professional, family or health reasons, + 2 semesters when the regular duration is 2 years or more.

    A ratio below 1 without its reason is not stretched (spec §3: a missing input never establishes a condition
    in the applicant's favour); when the regular entitlement is used up, the reason decides and is asked for
    (LBPE 21 instead of LBPE 14, in ``eligibility``)."""
    d = v.duration
    regular = c["regular_semesters"]
    part = part_time_stretch(c, d.part_time_reasons)
    extra = np.where(regular >= d.extra_semesters_min_regular, d.extra_semesters, 0)
    return {"entitlement_semesters": stretched(regular, part["ratio"]) + extra,
            "part_time_reason_missing": part["reason_missing"],
            "entitlement_if_listed": stretched(regular, c["part_time_ratio"]) + extra}


def _deadline(year_start: np.ndarray, months: int) -> np.ndarray:
    """``year_start`` + ``months`` calendar months, same day number (or the month's last day)."""
    missing = np.isnat(year_start)
    start = np.where(missing, 0, dates.months(year_start))
    day = (year_start - dates.first_days(start)).astype("timedelta64[D]")       # NaT where the start is missing
    target = start + months
    last_day = dates.first_days(target + 1) - np.timedelta64(1, "D")
    return np.minimum(dates.first_days(target) + day, last_day)


@rule("LBPE art. 3 al. 2, 11, 13, 14, 15, 16, 17, 21",
      trace={"eligible": ("Éligible (conditions LBPE 3 à 17 et 21)", "Eligible (LBPE 3 to 17 and 21)")},
      slot="eligibility", variant="GE")
def eligibility(c, v):
    """LBPE art. 3, 11, 13-17 — each failed condition is a reason code (spec §3); LBPE 21 for missing data."""
    e = v.eligibility
    # Swiss (with parents abroad too), a child of an EU/EFTA frontier worker, a foreigner with a C permit or the
    # years of domicile, a refugee or stateless person
    beneficiary = ((c["nationality"] == "CH") | c.true("eu_efta_frontier_parent") | c.is_("permit", "C")
                   | (c["years_domicile_ch"] >= e.foreign_min_years_domicile) | c.true("refugee_or_stateless"))
    deadline = _deadline(c["year_start"], e.application_deadline_months)
    beyond = c["semesters_aided"] >= c["entitlement_semesters"]
    # a part-time load without its reason, past the regular entitlement but within the stretched one: the reason
    # decides (LBPE 14 al. 4), so it is asked for (LBPE 21) rather than guessed
    reason_decides = c["part_time_reason_missing"] & beyond & (c["semesters_aided"] < c["entitlement_if_listed"])
    dates_unknown = c.unknown("application_date") | c.unknown("year_start")
    over = beyond & ~reason_decides
    codes = {
        "LBPE-3": c.true("excluded_benefit"),
        "LBPE-15": ~beneficiary | c.true("study_stay_only"),
        "LBPE-16": c["aid_domicile_final"] != _GE,
        "LBPE-11": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "LBPE-13": c["application_date"] > deadline,       # false where either date is unknown (NaT)
        "LBPE-14": over,
        "LBPE-14-loan": over.copy(),                 # spec §3: a loan may be considered
        "LBPE-14-3": c["changes_of_course"] > e.max_changes_of_course,
        "LBPE-17": c.true("reconversion") & ~((c["age"] >= e.reconversion_min_age) | c["first_training"]),
    }
    missing = (reason_decides | c.unknown("level") | c.unknown("housing")
               | (c.unknown("parents") & ~c["independent_full"])
               | c["budget_missing"] | c.unknown("regular_semesters") | dates_unknown)
    codes["LBPE-21"] = missing
    ineligible = any_of(codes.values(), c.n)
    return {"eligible": ~ineligible, "codes": codes}


def _parent_budget(c, v, n: int) -> dict[str, np.ndarray]:
    """RBPE art. 9, 12 al. 1-4, LBPE art. 20 al. 1, LRDU art. 8 — one parents' budget and its share."""
    b = v.budget
    p = f"p{n}_"
    together, apart = c.is_("parents", "together"), c.is_("parents", "apart")
    exists = (together | apart) if n == 1 else apart
    active = exists & ~(c.true(p + "pays_alimony") | c["independent_full"])
    if not active.any():               # no row has this budget (parents together: no second one): all blank
        return _no_budget(p, active)
    rdu_known, income_known = c.known(p + "rdu"), c.known(p + "income")
    resources = np.where(rdu_known, c[p + "rdu"], c[p + "income"] + c[p + "net_wealth"] / v.resources.rdu_wealth_divisor)
    adults = np.where(c.known(p + "adults"), c[p + "adults"], together + 1)       # together: 2, else 1
    le10, gt10 = c[p + "children_le10"], c[p + "children_gt10"]
    kids = le10 + gt10
    persons = adults + kids                       # whole numbers: the order of the sum does not matter
    basic = _basic_amount(b.basic, adults >= 2, kids > 0, le10, gt10)
    housing = np.minimum(b.housing.household_base + b.housing.household_per_extra_person * (persons - 1),
                         b.housing.cap)
    integration = b.integration_supplement * c[p + "in_training"]
    charges = basic + housing + c[p + "health_premiums"] + integration + c[p + "taxes"]
    balance = resources - charges
    children = np.maximum(1, np.where(c.known(p + "children"), c[p + "children"], kids))
    share = nan_to_num(np.where(balance > 0, balance / children, balance / persons))
    missing = ~(rdu_known | income_known)
    if not active.all():                         # traced figures are blank where the budget does not exist
        nan = np.where(active, 1.0, np.nan)
        resources, basic, housing = resources * nan, basic * nan, housing * nan
        integration, charges, balance = integration * nan, charges * nan, balance * nan
        share, missing = np.where(active, share, 0.0), active & missing
    return {p + "resources": resources, p + "basic": basic, p + "housing": housing, p + "integration": integration,
            p + "charges": charges, p + "balance": balance, p + "share": share, p + "active": active,
            p + "missing": missing}


def _no_budget(p: str, active: np.ndarray) -> dict[str, np.ndarray]:
    """What :func:`_parent_budget` gives where the budget does not exist: blank figures, no share, nothing missing."""
    blank = np.full(len(active), np.nan)
    out = {p + key: blank.copy() for key in ("resources", "basic", "housing", "integration", "charges", "balance")}
    return {**out, p + "share": np.zeros(len(active)), p + "active": active, p + "missing": active.copy()}


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
    extra = occupants - 1
    housing = select(
        [c.is_("housing", "lease"), c.is_("housing", "household")],
        [(b.housing.lease_base + b.housing.lease_per_extra_person * extra) / occupants,
         b.housing.household_base + b.housing.household_per_extra_person * extra], 0.0)
    housing = np.minimum(housing, b.housing.cap)
    meals = np.full(c.n, float(b.meals))
    training = c.lookup("level", {"secondary_ii": b.training.secondary_ii, "tertiary": b.training.tertiary})
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


@rule("LBPE art. 19 al. 2, 22 al. 1-4 ; RBPE art. 17 al. 3",
      trace={"shortfall": ("Découvert (besoins − ressources, arrondi au franc)", "Shortfall (needs − resources, rounded)",
                           "LBPE art. 19 al. 2"),
             "cap": ("Plafond (niveau ou reconversion + 4 000 par enfant)", "Cap (level or reconversion + 4,000 per child)",
                     "LBPE art. 22 al. 1-2 ; RBPE art. 17 al. 3"),
             "bursary": ("Bourse (0 si moins de 500)", "Bursary (0 under 500)", "LBPE art. 22 al. 3"),
             "loan": ("Prêt (dans la limite de 50 000)", "Loan (within the 50,000 ceiling)", "LBPE art. 22 al. 4"),
             "aid": ("Aide totale", "Total aid", "LBPE art. 22")},
      slot="amounts", variant="GE")
def amounts(c, v):
    """LBPE art. 19 al. 2, 22 — aid = min(shortfall, cap); a bursary under 500 is not granted (al. 3); a loan is
    limited to what remains of the 50 000 ceiling, except in reconversion (al. 4)."""
    a = v.amounts
    shortfall = round_half_up(c["needs"] - c["resources"])
    level_cap = c.lookup("level", {"secondary_ii": a.cap.secondary_ii, "tertiary": a.cap.tertiary}, np.nan)
    cap = np.where(c["reconversion_ok"], a.cap.reconversion, level_cap) + a.cap.per_child * c["student_children"]
    eligible = c["eligible"]
    aid = np.where(eligible & (shortfall > 0), np.minimum(shortfall, cap), 0.0)
    aid = nan_to_num(aid)
    is_bursary, is_loan = c["right"] == RIGHT_BURSARY, c["right"] == RIGHT_LOAN
    too_small = eligible & is_bursary & (aid > 0) & (aid < a.min_bursary)
    bursary = np.where(is_bursary & ~too_small, aid, 0.0)
    ceiling_rest = np.floor(np.maximum(0.0, a.loan_ceiling - c["loans_received"]))
    ceiling_applies = is_loan & ~c["reconversion_ok"]
    loan = np.where(is_loan, np.where(ceiling_applies, np.minimum(aid, ceiling_rest), aid), 0.0)
    cut = eligible & ceiling_applies & (aid > ceiling_rest)
    return {"shortfall": shortfall, "cap": cap, "bursary": bursary, "loan": loan, "aid": bursary + loan,
            "amount_codes": {"LBPE-22-3": too_small, "LBPE-22-4": cut}}
