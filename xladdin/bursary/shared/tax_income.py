"""VAB (ZH LS 416.1) §§ 11-17, 23 ; ABV (BE BSG 438.312) Art. 14-24, 30 — the family side of the tax-based models.

Variants ``tax_income`` of the slots ``independence``, ``family_budgets`` and ``parents_share`` (docs/rules/ZH.md
§4 steps 0-3 and §5; docs/rules/BE.md §4 steps 0-3). One formula for both cantons; what differs is a parameter
or a string switch of the rule set, each with its article:

    R_b = income_share × max(0, Y − imputed_rent_share × EMW + ADD − EXCL − SEP) + ZL + wealth_rate × max(0, W − F)
    K_b = basic + housing + health + integration + [taxes] + [professional costs] + [§ 15 deductions]
    S_b = R_b − K_b ;  share_b = S_b / children in training (S_b > 0) | S_b / persons of the budget (S_b < 0)

Income items a canton does not know are inputs that canton's forms do not carry (``cantons=`` in the schema,
default 0): ``p*_income_addbacks`` is ZH only, ``p*_self_employed_pension`` BE only. Costs a canton does not
recognise are switched off by a boolean parameter (``family.costs.*``), because GE sheets carry ``p*_taxes``.

Outputs (the columns the student side and the eligibility steps read):

* ``independence`` slot — ``independence_code`` (int8: 0 none, 1 partial, 2 full), ``independent_full`` (bool:
  no family budget at all), ``surplus_factor`` (share of the surplus shares counted: 1, BE 0.5, 0 when full),
  ``deficit_factor`` (1, 0 when full), ``own_household_claimed`` (bool: housing is lease/household),
  ``own_household`` (bool: an own household is claimed and recognised, ZH § 23, BE Art. 30), ``with_parents``
  (bool: the student counts in p1's household — housing = parents, or an own household not recognised, R5/R6,
  B5/B7), ``partner_counted`` (bool: spouse, registered partner, or a de-facto partner the canton counts: ZH § 18
  Abs. 2 lit. c common child; BE Art. 32 Abs. 2 common child or 5 years), ``student_band`` (int8 health band of
  the student on the reference date: 0 child, 1 young adult, 2 adult, by ``student.health.*_from``), and
  ``notes``: ``codes.own_household`` (ZH-VAB-§23, BE-ABV-30) where the own household is not recognised, and, in
  the ``age_waiver`` mode, ``codes.parents_waived`` (ZH-VAB-§12-2) from the waiver age on.
* ``family_budgets`` slot — per budget n = 1, 2 (NaN where that budget does not exist): ``pn_resources``,
  ``pn_income``, ``pn_wealth``, ``pn_basic``, ``pn_housing``, ``pn_health``, ``pn_integration``, ``pn_other_costs``,
  ``pn_charges``, ``pn_balance``, ``pn_persons`` (``pn_integration`` also NaN where the canton has none),
  ``pn_share`` (0 where inactive or a deficit not counted;
  surplus shares before the independence factor); ``pn_active``, ``pn_missing`` (bool: the budget is needed and
  has no ``p*_income_total``, or, with ``family.health.mode`` = ``capped_actual``, no ``p*_health_costs``);
  ``budget_missing`` (bool: a budget is missing an input, or the student's own household has no ``health_costs``
  under ``student.health.mode`` = ``capped_actual``).
* ``parents_share`` slot — ``counted_surplus`` (≥ 0, a resource of the personal budget: Σ surplus shares ×
  ``surplus_factor``; ZH § 16 Abs. 2, § 19 Abs. 1 lit. a; BE Art. 23 Abs. 2-3), ``counted_deficit`` (≥ 0, a cost
  of the personal budget: the deficit share of the household the student lives in; ZH § 17 Abs. 2, § 20 Abs. 1;
  BE Art. 24 Abs. 2, 29), ``parents_share`` = counted_surplus − counted_deficit.

Parameters read (dotted names; ZH-2021.yaml has ZH's values, BE-2024.yaml must carry Bern's). Four are shared
with the student side (flat_rates.py) so that each legal quantity has one parameter: ``student.partner.de_facto``,
``cohabitation.min_years``, ``student.health.young_adult_from`` / ``.adult_from``.

====================================== ================================================= ==========================
name                                   ZH-2021                                           BE-2024
====================================== ================================================= ==========================
independence.mode                      ``age_waiver`` (§ 12 Abs. 2)                      ``partial_share`` (Art. 23
                                                                                         Abs. 3; ABG 15 Abs. 2)
parents.waiver_age                     35  [age_waiver only]                             –
independence.age / .work_years         –                                                 25 / 4  [partial_share]
independence.partial_factor            –                                                 0.5     [partial_share]
own_household.min_age                  25 (§ 23 Abs. 1)                                  20 (Art. 30 Abs. 1)
codes.own_household                   "ZH-VAB-§23"                                      "BE-ABV-30"
codes.parents_waived                   "ZH-VAB-§12-2"  [age_waiver only]                 –
student.partner.de_facto               ``common_child`` (§ 18 Abs. 2 lit. c)             ``common_child_or_years``
cohabitation.min_years                 –                                                 5 (Art. 32 Abs. 2)
student.health.young_adult_from        18 / 25 (Anh. 2.3, 4.3, R3)                       19 / 26 (A1-1 Abs. 7, B2)
  / .adult_from
family.income_share                    0.60 (§ 13 Abs. 1 lit. a)                         1 (Art. 15 Abs. 2)
family.imputed_rent_share              0.80 (§ 13 Abs. 1 lit. a Ziff. 1)                 1 (Art. 15 Abs. 6 lit. a)
family.wealth.base                     ``net_wealth`` (§ 13 Abs. 1 lit. c)               ``taxable_wealth`` (Art. 16)
family.wealth.rate                     0.10                                              0.15
family.wealth.allowance_mode           ``by_household`` (Anh. 1.1)                       ``self_employed`` (A1-1 9)
family.wealth.allowance.single, .single_owner, .couple, .couple_owner   [by_household]
family.wealth.allowance.self_employed  –                                                 30 000  [self_employed]
family.basic.mode                      ``adults_and_children`` (Anh. 2.1)                ``household_size`` (Art. 18)
family.basic.single, .couple, .child_1_2, .child_3_4, .child_5_plus   [adults_and_children]
family.basic.p1 … .p7, .per_extra_person                              [household_size]  (A1-1 Abs. 1)
family.housing.mode                    ``flat_by_persons`` (Anh. 2.2)                    ``actual_capped`` (Art. 19)
family.housing.p1 … .pK_plus           flat rates, p4_plus                               maxima, p5_plus (A1-1 Abs. 2)
family.health.mode                     ``flat_by_band`` (Anh. 2.3)                       ``capped_actual`` (Art. 20,
                                                                                         A1-1 7, B2)
family.health.adult/.young_adult/.child 4 400 / 2 600 / 600                              5 400 / 4 600 / 1 400
family.integration.mode                ``none``                                          ``per_person_capped``
family.integration.per_person / .income_allowance / .cap   –                             2 400 / 6 000 / 13 200
family.costs.taxes / .professional     false / false (§§ 14-15 list none)                true / true (Art. 22)
family.costs.deductions                true (§ 15 lit. a-c)                              false
family.surplus_divisor                 ``children_in_training`` (§ 16 Abs. 1, R4)        ``children_in_training``
family.deficit_counted                 ``student_in_household`` (§ 17 Abs. 1, R5)        ``student_in_household``
====================================== ================================================= ==========================

A table by persons (``family.housing``, ``family.basic`` in ``household_size`` mode) has keys ``p1``, ``p2`` ...;
its last key may be ``pK_plus`` (K persons or more), or a ``per_extra_person`` amount continues it.
"""

from __future__ import annotations

import numpy as np

from ..rule import nan_to_num, rule, select

INDEPENDENCE_NONE, INDEPENDENCE_PARTIAL, INDEPENDENCE_FULL = 0, 1, 2
BAND_CHILD, BAND_YOUNG_ADULT, BAND_ADULT = 0, 1, 2


def _switch(value: str, allowed: tuple[str, ...], name: str) -> str:
    """docs/rules/ZH.md §5, BE.md §5 (the choices table) — a string switch of the rule set; an unknown value is
    a rule-set error, never a silent default."""
    if value not in allowed:
        raise ValueError(f"parameter {name} = {value!r}: expected one of {', '.join(allowed)}")
    return value


def health_band(age: np.ndarray, band) -> np.ndarray:
    """VAB Anh. 2.3, 4.3 ; ABV A1-1 Abs. 7 — the health flat-rate band of a person by age on the reference date
    (0 child, 1 young adult, 2 adult); an unknown age is in the child band (the lowest cost: a missing input never
    helps)."""
    out = np.where(age >= band.adult_from, BAND_ADULT, np.where(age >= band.young_adult_from, BAND_YOUNG_ADULT,
                                                                 BAND_CHILD))
    return out.astype(np.int8)


def by_persons(table, persons: np.ndarray) -> np.ndarray:
    """VAB Anh. 2.2, 4.1-4.2 ; ABV A1-1 Abs. 1, 2, 6 — an amount by number of persons from a ``p1, p2, ...
    [pK_plus] [per_extra_person]`` parameter node (``pK_plus``: K persons or more)."""
    sizes: dict[int, float] = {}
    plus = None
    for key, value in vars(table).items():
        if key.startswith("p") and key[1:].isdigit():
            sizes[int(key[1:])] = float(value)
        elif key.startswith("p") and key.endswith("_plus") and key[1:-5].isdigit():
            plus = int(key[1:-5])
            sizes[plus] = float(value)
    top = max(sizes)
    extra = float(getattr(table, "per_extra_person", 0.0))
    n = nan_to_num(persons, nan=1.0)
    clipped = np.clip(n, min(sizes), top).astype(int)
    lookup = np.array([sizes.get(k, np.nan) for k in range(top + 1)])
    out = lookup[clipped]
    if plus is None:
        out = out + extra * np.maximum(0.0, n - top)
    return out


# ---------------------------------------------------------------------------------------------------- independence

@rule("VAB § 12 Abs. 2, § 18 Abs. 2, § 23 ; ABV Art. 23 Abs. 3, 30, 32 Abs. 2 ; ABG Art. 15 Abs. 2",
      trace={"independence_code": ("Indépendance à l'égard des parents", "Independence from the parents"),
             "surplus_factor": ("Part de l'excédent des parents prise en compte",
                                "Share of the parents' surplus counted"),
             "own_household": ("Ménage propre reconnu", "Own household recognised", "VAB § 23 ; ABV Art. 30"),
             "with_parents": ("Compté dans le ménage du parent 1", "Counted in parent 1's household",
                              "VAB § 17 Abs. 1, § 20 Abs. 1 ; ABV Art. 24, 29")},
      slot="independence", variant="tax_income")
def independence(c, v):
    """VAB § 12 Abs. 2 (ZH: no family budget from the 35th birthday) ; ABV Art. 23 Abs. 3 with ABG Art. 15 Abs. 2
    (BE: 50 % of the surplus share for a student 25 or older in a second training, or after 4 years of full-time
    work; a given ``independence`` partial or full means that 50 %) — how far the parents count. VAB § 23, ABV
    Art. 30: an own household counts from the age limit or for a compelling reason (own children, a spouse or a
    partner the canton counts, or ``own_household_reason``); otherwise the student is taken to live with p1."""
    mode = _switch(v.independence.mode, ("age_waiver", "partial_share"), "independence.mode")
    age = c["age"]
    n = c.n
    notes: dict[str, np.ndarray] = {}
    if mode == "age_waiver":
        # ZH R23: the independence input is ignored; § 12 Abs. 2 tested on the reference date (R21).
        waived = age >= v.parents.waiver_age
        code = np.where(waived, INDEPENDENCE_FULL, INDEPENDENCE_NONE).astype(np.int8)
        surplus = np.where(waived, 0.0, 1.0)
        notes[v.codes.parents_waived] = waived
    else:
        i = v.independence
        derived = ((age >= i.age) & c.true("first_training_done")) | (c["years_full_time_work"] >= i.work_years)
        given = c["independence"]
        partial = np.where(given >= 0, given >= INDEPENDENCE_PARTIAL, derived)     # BE B6: full counts as partial
        code = np.where(partial, INDEPENDENCE_PARTIAL, INDEPENDENCE_NONE).astype(np.int8)
        surplus = np.where(partial, float(i.partial_factor), 1.0)
    full = code == INDEPENDENCE_FULL

    de_facto = _switch(v.student.partner.de_facto, ("common_child", "common_child_or_years"),
                       "student.partner.de_facto")
    qualifying = c.true("common_child")
    if de_facto == "common_child_or_years":
        qualifying = qualifying | (c["cohabitation_years"] >= v.cohabitation.min_years)
    partner = c.true("married") | (c.true("cohabiting_partner") & qualifying)

    claimed = c.is_("housing", "lease", "household")
    reason = c.true("own_household_reason") | partner | (c["student_children"] > 0)
    recognised = claimed & ((age >= v.own_household.min_age) | reason)
    not_recognised = claimed & ~recognised
    notes[v.codes.own_household] = not_recognised
    return {"independence_code": code, "independent_full": full, "surplus_factor": surplus,
            "deficit_factor": np.where(full, 0.0, np.ones(n)), "own_household_claimed": claimed,
            "own_household": recognised, "with_parents": c.is_("housing", "parents") | not_recognised,
            "partner_counted": partner, "student_band": health_band(age, v.student.health), "notes": notes}


# ---------------------------------------------------------------------------------------------------- budgets

def _wealth_allowance(c, w, p: str, adults: np.ndarray) -> np.ndarray:
    """VAB Anh. 1.1 (by single/couple and owner-occupied home) ; ABV Art. 16 Abs. 1, A1-1 Abs. 9 (self-employed)."""
    mode = _switch(w.allowance_mode, ("by_household", "self_employed"), "family.wealth.allowance_mode")
    a = w.allowance
    if mode == "by_household":
        owner = c.true(p + "owner_occupied")
        couple = adults >= 2
        return select([couple & owner, couple, owner], [a.couple_owner, a.couple, a.single_owner], a.single)
    return np.where(c.true(p + "self_employed"), float(a.self_employed), 0.0)


def _basic(b, adults: np.ndarray, children: np.ndarray) -> np.ndarray:
    """VAB § 14 lit. a, Anh. 2.1 (adults, then 9 700 / 6 500 / 3 300 per child) ; ABV Art. 18, A1-1 Abs. 1
    (a table by household size)."""
    mode = _switch(b.mode, ("adults_and_children", "household_size"), "family.basic.mode")
    if mode == "household_size":
        return by_persons(b, adults + children)
    first = np.minimum(children, 2)
    second = np.minimum(np.maximum(children - 2, 0), 2)
    rest = np.maximum(children - 4, 0)
    return (np.where(adults >= 2, b.couple, b.single) + b.child_1_2 * first + b.child_3_4 * second
            + b.child_5_plus * rest)


def _housing(c, h, p: str, persons: np.ndarray) -> np.ndarray:
    """VAB § 14 lit. b, Anh. 2.2 (a flat rate by persons) ; ABV Art. 19, A1-1 Abs. 2 (actual rent or mortgage
    interest, up to a maximum by persons; a missing amount is 0, B19)."""
    mode = _switch(h.mode, ("flat_by_persons", "actual_capped"), "family.housing.mode")
    table = by_persons(h, persons)
    if mode == "flat_by_persons":
        return table
    return np.minimum(nan_to_num(c[p + "housing_costs"]), table)


def _health(c, h, p: str, adults, young, adult_children, children) -> tuple[np.ndarray, np.ndarray]:
    """VAB § 14 lit. c, Anh. 2.3 — a flat rate per person by band (parents adults); ABV Art. 20, A1-1 Abs. 7
    (``capped_actual``, BE B2): the actual premiums after the premium reduction and dental costs
    (``p*_health_costs``), up to the flat rates of the budget's persons. Returns the amount and where the actual
    costs the mode needs are missing (a missing input, never 0)."""
    mode = _switch(h.mode, ("flat_by_band", "capped_actual"), "family.health.mode")
    flat = h.adult * (adults + adult_children) + h.young_adult * young + h.child * (children - young - adult_children)
    if mode == "flat_by_band":
        return flat, np.zeros(c.n, bool)
    return np.minimum(nan_to_num(c[p + "health_costs"]), flat), ~c.known(p + "health_costs")


def _integration(g, in_training: np.ndarray) -> np.ndarray:
    """ABV Art. 21 Abs. 1-3, A1-1 Abs. 3, 8 — integration supplement per person in training plus the income
    allowance, at most the cap per household (B3); ZH: none."""
    mode = _switch(g.mode, ("none", "per_person_capped"), "family.integration.mode")
    if mode == "none":
        return np.zeros(len(in_training))
    return np.minimum(g.per_person * in_training + g.income_allowance, g.cap)


def _parent_budget(c, v, n: int) -> dict[str, np.ndarray]:
    """One family budget (VAB §§ 11-17 ; ABV Art. 14-24): who is in it, its income, its costs, its share."""
    f = v.family
    p = f"p{n}_"
    together, apart = c.is_("parents", "together"), c.is_("parents", "apart")
    exists = (together & (n == 1)) | apart                              # VAB § 11 Abs. 2 ; ABV Art. 14 Abs. 2-3
    active = exists & ~c.true(p + "pays_alimony") & ~c["independent_full"]   # VAB § 12 ; ABV Art. 14 Abs. 4
    adults = np.where(c.known(p + "adults"), c[p + "adults"], np.where(together, 2.0, 1.0))

    # The student added to p1's household when an own household is not recognised (ZH R6, BE B7).
    added = (c["own_household_claimed"] & ~c["own_household"]).astype(float) if n == 1 else np.zeros(c.n)
    band = c["student_band"]
    children = c[p + "children_le10"] + c[p + "children_gt10"] + added
    young = c[p + "children_young_adult"] + added * (band == BAND_YOUNG_ADULT)
    adult_children = c[p + "children_adult"] + added * (band == BAND_ADULT)
    in_training = c[p + "in_training"] + added
    persons = adults + children

    # Income: VAB § 13 Abs. 1-2 (R1, R2) ; ABV Art. 15 Abs. 2, 6, Art. 16 (B1).
    income_known = c.known(p + "income_total")
    base = (nan_to_num(c[p + "income_total"]) - f.imputed_rent_share * c[p + "imputed_rent"]
            + c[p + "income_addbacks"] - c[p + "income_excluded"] - c[p + "self_employed_pension"])
    income = f.income_share * np.maximum(0.0, base) + c[p + "supplementary_benefits"]
    w = f.wealth
    wealth_key = _switch(w.base, ("net_wealth", "taxable_wealth"), "family.wealth.base")
    wealth = w.rate * np.maximum(0.0, c[p + wealth_key] - _wealth_allowance(c, w, p, adults))
    resources = income + wealth

    # Costs: VAB §§ 14-15 ; ABV Art. 17-22.
    basic = _basic(f.basic, adults, children)
    housing = _housing(c, f.housing, p, persons)
    health, health_missing = _health(c, f.health, p, adults, young, adult_children, children)
    integration = _integration(f.integration, in_training)
    k = f.costs
    other = (c[p + "taxes"] * bool(k.taxes) + c[p + "professional_costs"] * bool(k.professional)
             + c[p + "recognised_deductions"] * bool(k.deductions))
    charges = basic + housing + health + integration + other
    balance = resources - charges

    # Result: VAB §§ 16-17 ; ABV Art. 23-24.
    _switch(f.surplus_divisor, ("children_in_training",), "family.surplus_divisor")
    divisor = np.maximum(1.0, nan_to_num(c[p + "children_in_training"], nan=1.0))
    deficit_mode = _switch(f.deficit_counted, ("student_in_household", "always"), "family.deficit_counted")
    counted = c["with_parents"] & (n == 1) if deficit_mode == "student_in_household" else np.ones(c.n, bool)
    share = np.where(balance > 0, balance / divisor, np.where(counted, balance / persons, 0.0))
    nan = np.where(active, 1.0, np.nan)
    shown = nan if f.integration.mode != "none" else np.full(c.n, np.nan)      # no such cost: not traced
    return {p + "resources": resources * nan, p + "income": income * nan, p + "wealth": wealth * nan,
            p + "basic": basic * nan, p + "housing": housing * nan, p + "health": health * nan,
            p + "integration": integration * shown, p + "other_costs": other * nan, p + "charges": charges * nan,
            p + "balance": balance * nan, p + "persons": persons * nan,
            p + "share": np.where(active, nan_to_num(share), 0.0), p + "active": active,
            p + "missing": active & (~income_known | health_missing)}


def _budget_trace(n: int) -> dict[str, tuple[str, str, str]]:
    """VAB §§ 11-17 ; ABV Art. 14-24 — the traced figures of family budget ``n`` with their paragraphs."""
    b, e = f"Budget familial {n}", f"Family budget {n}"
    return {
        f"p{n}_income": (f"{b} : revenus imputables (part des revenus fiscaux + prestations complémentaires)",
                         f"{e}: countable income (share of taxed income + supplementary benefits)",
                         "VAB § 13 Abs. 1 lit. a-b, Abs. 2 ; ABV Art. 15 Abs. 2, 6"),
        f"p{n}_wealth": (f"{b} : part de la fortune (au-delà de la franchise)", f"{e}: share of wealth (above the allowance)",
                         "VAB § 13 Abs. 1 lit. c, Anh. 1.1 ; ABV Art. 16, A1-1 Abs. 9"),
        f"p{n}_resources": (f"{b} : ressources", f"{e}: resources", "VAB § 13 ; ABV Art. 15-16"),
        f"p{n}_basic": (f"{b} : besoins de base", f"{e}: basic needs", "VAB § 14 lit. a, Anh. 2.1 ; ABV Art. 18, A1-1 Abs. 1"),
        f"p{n}_housing": (f"{b} : logement", f"{e}: housing", "VAB § 14 lit. b, Anh. 2.2 ; ABV Art. 19, A1-1 Abs. 2"),
        f"p{n}_health": (f"{b} : soins médicaux de base", f"{e}: basic medical care",
                         "VAB § 14 lit. c, Anh. 2.3 ; ABV Art. 20, A1-1 Abs. 7"),
        f"p{n}_integration": (f"{b} : supplément d'intégration et franchise de revenu",
                              f"{e}: integration supplement and income allowance", "ABV Art. 21, A1-1 Abs. 3, 8"),
        f"p{n}_other_costs": (f"{b} : impôts, frais professionnels, déductions reconnues",
                              f"{e}: taxes, professional costs, recognised deductions", "VAB § 15 ; ABV Art. 22"),
        f"p{n}_charges": (f"{b} : coûts reconnus", f"{e}: recognised costs", "VAB §§ 14-15 ; ABV Art. 17-22"),
        f"p{n}_balance": (f"{b} : solde (ressources − coûts)", f"{e}: balance (resources − costs)",
                          "VAB §§ 16-17 ; ABV Art. 23-24"),
        f"p{n}_persons": (f"{b} : personnes du budget", f"{e}: persons in the budget", "VAB § 11 ; ABV Art. 14 Abs. 1"),
        f"p{n}_share": (f"{b} : part (excédent / enfants en formation, découvert / personnes)",
                        f"{e}: share (surplus / children in training, deficit / persons)",
                        "VAB § 16 Abs. 1, § 17 Abs. 1 ; ABV Art. 23 Abs. 1, 24 Abs. 1"),
    }


@rule("VAB §§ 11-17, Anh. 1-2 ; ABV Art. 14-24, A1-1", trace={**_budget_trace(1), **_budget_trace(2)},
      slot="family_budgets", variant="tax_income")
def family_budgets(c, v):
    """VAB § 11 Abs. 2, § 12 ; ABV Art. 14 — one budget for parents together (p1), one per parent apart, none for a
    parent paying court-ordered maintenance, none when the parents do not count (ZH § 12 Abs. 2). A surplus is
    divided by the children in training (VAB § 16 Abs. 1, ABV Art. 23 Abs. 1); a deficit by the persons of the
    budget, only for the household the student lives in (VAB § 17 Abs. 1, ABV Art. 24 Abs. 1)."""
    out = {**_parent_budget(c, v, 1), **_parent_budget(c, v, 2)}
    # ABV Art. 20, 31 (BE B2): the student's own household counts its actual health costs; none entered is a
    # missing input of the personal budget, reported with the budgets' (BE-ABV-37).
    own_health = _switch(v.student.health.mode, ("flat_by_band", "capped_actual"), "student.health.mode")
    student_missing = c["own_household"] & ~c.known("health_costs") if own_health == "capped_actual" else False
    out["budget_missing"] = out["p1_missing"] | out["p2_missing"] | student_missing
    return out


# ---------------------------------------------------------------------------------------------------- parents' share

@rule("VAB § 16 Abs. 2, § 17 Abs. 2 ; ABV Art. 23 Abs. 2-3, 24 Abs. 2",
      trace={"counted_surplus": ("Participation des parents (ressource)", "Parents' contribution (resource)",
                                 "VAB § 16 Abs. 2, § 19 Abs. 1 lit. a ; ABV Art. 23 Abs. 2-3"),
             "counted_deficit": ("Part du découvert familial (coût)", "Share of the family deficit (cost)",
                                 "VAB § 17 Abs. 2, § 20 Abs. 1 ; ABV Art. 24 Abs. 2, 29"),
             "parents_share": ("Part des parents prise en compte (+ excédent, − découvert)",
                               "Parents' share counted (+ surplus, − deficit)")},
      slot="parents_share", variant="tax_income")
def parents_share(c, v):
    """VAB § 16 Abs. 2 ; ABV Art. 23 Abs. 2-3 — surplus shares are a resource of the personal budget (× the
    independence factor: BE 50 %); VAB § 17 Abs. 2, ABV Art. 24 Abs. 2 — the deficit share counted is a cost."""
    surplus = np.maximum(c["p1_share"], 0) + np.maximum(c["p2_share"], 0)
    deficit = 0.0 - (np.minimum(c["p1_share"], 0) + np.minimum(c["p2_share"], 0))     # 0.0 −: never −0
    counted_surplus = surplus * c["surplus_factor"]
    counted_deficit = deficit * c["deficit_factor"]
    return {"counted_surplus": counted_surplus, "counted_deficit": counted_deficit,
            "parents_share": counted_surplus - counted_deficit}
