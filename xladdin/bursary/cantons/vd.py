"""LAEF (BLV 416.11) and RLAEF (BLV 416.11.1, annexe « Barèmes » 2023) — Vaud's model, variants ``VD``.

Vaud sets a *revenu déterminant* (the RDU of the LHPS, an input) against *charges normales* by zone and family cell
(RLAEF art. 34, annexe 1): a monthly basic amount from the scale, a yearly complementary amount per person by age,
and a tax charge, a percentage of the net taxable income. The parents' separate budget (RLAEF art. 20-22) gives a
surplus divided by the children in post-compulsory training; the student's own budget (art. 23-27) sets needs
(charges, study costs) against resources; the allocation is the difference (art. 23 al. 5). docs/rules/VD.md.

Conventions (VD.md §2): ``p*_dependent_children`` are the household's dependent children other than the student;
parent 1 is the parent the student is attached to (RLAEF art. 6); ``p*_children_in_training`` counts the parent's
children in post-compulsory training, the student included.
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_BURSARY, RIGHT_LOAN, RIGHT_NONE, right_by_training, swiss_or_eu_efta
from ..dates import months as month_index
from ..rule import any_of, round_half_up, round_to, rule

_VD = BY_KEY["aid_domicile"].values.index("VD")
_CATEGORIES = BY_KEY["training_category"].values


def _zone_index(c, key: str) -> np.ndarray:
    """0-2 for zones 1-3, -1 when missing."""
    return c[key].astype(np.int64)


def _family_month(v, zone: np.ndarray, adults: np.ndarray, children: np.ndarray) -> np.ndarray:
    """RLAEF annexe 1.1.1: the monthly basic normal charges of a cell of 1 or 2 adults and 0-9 children [V8]."""
    f = v.charges.family
    table = np.array([[[getattr(getattr(getattr(f, f"zone{z}"), f"a{a}"), f"e{e}") for e in range(10)]
                       for a in (1, 2)] for z in (1, 2, 3)], dtype=float)
    ok = (zone >= 0) & np.isfinite(adults) & np.isfinite(children)
    zi = np.clip(zone, 0, 2)
    ai = np.clip(np.nan_to_num(adults, nan=1), 1, 2).astype(int) - 1
    ei = np.clip(np.nan_to_num(children, nan=0), 0, 9).astype(int)
    return np.where(ok, table[zi, ai, ei], np.nan)


def _own_month(v, zone: np.ndarray, couple: np.ndarray) -> np.ndarray:
    """RLAEF annexe 1.1.2: the student's own lodging, alone or with a spouse (the couple's total)."""
    o = v.charges.own
    single = np.array([o.single.zone1, o.single.zone2, o.single.zone3], dtype=float)
    pair = np.array([o.couple.zone1, o.couple.zone2, o.couple.zone3], dtype=float)
    zi = np.clip(zone, 0, 2)
    return np.where(zone >= 0, np.where(couple, pair[zi], single[zi]), np.nan)


def _tax_charge(v, taxable: np.ndarray, adults: np.ndarray, children: np.ndarray) -> np.ndarray:
    """RLAEF art. 34 al. 4 ; annexe 1.3 — rate (by band of the net taxable income and cell) × taxable income [V11]."""
    t = v.charges.tax
    bands = np.array([getattr(t.bands, f"b{i}") for i in range(1, 16)], dtype=float)
    rows = {(1, 0): t.a1, (2, 0): t.a2}
    rows.update({(1, e): getattr(t, f"a1e{e}") for e in range(1, 6)})
    rows.update({(2, e): getattr(t, f"a2e{e}") for e in range(1, 6)})
    table = np.zeros((2, 6, 16))
    for (a, e), row in rows.items():
        table[a - 1, e, 1:] = [getattr(row, f"b{i}") for i in range(1, 16)]
    band = np.searchsorted(bands, np.nan_to_num(taxable), side="left")      # "> 10 000": 10 000 itself is band 0
    ai = np.clip(np.nan_to_num(adults, nan=1), 1, 2).astype(int) - 1
    ei = np.clip(np.nan_to_num(children, nan=0), 0, 5).astype(int)
    return table[ai, ei, band] / 100.0 * np.nan_to_num(taxable)


def _complementary(v, minors, young, adults) -> np.ndarray:
    """RLAEF art. 34 al. 3 ; annexe 1.2 — yearly, per person by age band."""
    k = v.charges.complementary
    return minors * k.minor + young * k.young + adults * k.adult


def _band_counts(age: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The student as one person of the band of his age (< 18, 18-25, > 25) [V10]."""
    minor = age < 18
    adult = age > 25
    return minor.astype(float), (~minor & ~adult).astype(float), adult.astype(float)


def _own_lodging(c) -> np.ndarray:
    """LAEF art. 29 al. 3 ; RLAEF art. 24 al. 2 — the student's own lodging counts when he is (partially)
    independent, or lives away with a reason of art. 29 al. 3 (two years paying it alone or established dissent:
    ``own_household_reason``; a family with a child of his own), or has no parents' cell to be a part of."""
    away = c.known("housing") & ~c.is_("housing", "parents")
    reason = c.true("own_household_reason") | (c["student_children"] > 0)
    return (c["independence_code"] >= 1) | (away & reason) | c.is_("parents", "none")


# ---------------------------------------------------------------------------------------------------- status

@rule("LAEF art. 28 ; RLAEF art. 33",
      trace={"independence_code": ("Statut (0 dépendant, 1 partiellement, 2 indépendant)",
                                   "Status (0 dependent, 1 partially, 2 independent)", "LAEF art. 28 al. 1-2")},
      slot="independence", variant="VD")
def independence(c, v):
    """LAEF art. 28 — partially independent: adult, a first training (or 4 years of work, al. 3), 2 years of
    independent earnings (al. 1); independent: the same from 25 (al. 2). The age counts from the first day of the
    month after the birthday (RLAEF art. 33 al. 2). An ``independence`` given in the file wins."""
    i = v.independence
    born = c["birth_date"].astype("datetime64[M]")
    ref = c["reference_date"]

    def reached(years: int) -> np.ndarray:
        first = (born + np.timedelta64(12 * years + 1, "M")).astype("datetime64[D]")
        return ~np.isnat(born) & ~np.isnat(ref) & (first <= ref)

    work = np.nan_to_num(c["years_independent"])
    training = c.true("first_training_done") | (work >= i.work_years_as_training)
    base = training & (work >= i.work_years)
    derived = np.where(base & reached(i.full_age), 2, np.where(base & reached(i.adult_age), 1, 0))
    given = c["independence"]
    code = np.where(given >= 0, given, derived).astype(np.int8)
    return {"independence_code": code}


@rule("LAEF art. 10, 15-16", trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="VD")
def right(c, v):
    """LAEF art. 10, 15 al. 2-4, 16 al. 2 — bursary, loan only or nothing; a reconversion (art. 15 al. 4 a) turns a
    loan for a training without a higher title into a bursary."""
    base = right_by_training(c, v)
    lifted = c.true("reconversion") & (base == RIGHT_LOAN) & ~c.is_("programme_kind", "doctorate", "mas")
    return {"right": np.where(lifted, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": lifted}


@rule("LAEF art. 17 al. 1-2", trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="VD")
def entitlement(c, v):
    """LAEF art. 17 — the minimal duration + 2 semesters (al. 1), lengthened in proportion for part time (al. 2)."""
    regular = c["regular_semesters"]
    stretched = np.ceil(round_to(regular / c["part_time_ratio"], 9))
    return {"entitlement_semesters": stretched + v.duration.extra_semesters}


# ---------------------------------------------------------------------------------------------------- budgets

@rule("LAEF art. 21 al. 3, 23-24, 29 ; RLAEF art. 20-21, 34 ; annexe 1.1.1, 1.2, 1.3",
      trace={"p1_charges": ("Parent 1 : charges normales (année)", "Parent 1: normal charges (year)",
                            "RLAEF art. 21, 34 ; annexe 1"),
             "p1_capacity": ("Parent 1 : capacité financière (RDU − charges)", "Parent 1: financial capacity",
                             "LAEF art. 21 al. 4"),
             "p2_charges": ("Parent 2 : charges normales (année)", "Parent 2: normal charges (year)",
                            "RLAEF art. 21 al. 3, 34 ; annexe 1"),
             "p2_capacity": ("Parent 2 : capacité financière (RDU − charges)", "Parent 2: financial capacity",
                             "LAEF art. 21 al. 4")},
      slot="family_budgets", variant="VD")
def family_budgets(c, v):
    """RLAEF art. 20-21 — each parent's separate budget (one per cell when the parents live apart, LAEF art. 21
    al. 3): the cell's monthly basic charges × 12 less the parts of the dependent student (attached to parent 1,
    art. 21 al. 3) and of the other children in post-compulsory training (al. 1; a partially independent student
    is not in the cell, al. 2), plus the complementary charges of those left and the tax charge (al. 4, art. 34).
    Capacity = RDU − charges (LAEF art. 21 al. 4). A parent paying a court-ordered maintenance is left out (LAEF
    art. 24 al. 1): the maintenance is the student's resource."""
    dependent = c["independence_code"] == 0
    out: dict[str, np.ndarray] = {}
    missing = np.zeros(c.n, bool)
    for n in (1, 2):
        p = f"p{n}_"
        counted = (c.is_("parents", "together", "apart") if n == 1 else c.is_("parents", "apart")) \
            & ~c.true(p + "pays_alimony")
        adults = c[p + "adults"].astype(float)
        kids = c[p + "dependent_children"].astype(float)
        kids = np.where(kids < 0, np.nan, kids)
        student_in = dependent & (n == 1)
        cell_children = kids + student_in
        persons = adults + cell_children
        others = np.maximum(np.nan_to_num(c[p + "children_in_training"].astype(float), nan=1.0) - 1, 0)
        others = np.minimum(others, np.nan_to_num(kids))
        out_of_budget = others + student_in
        total = _family_month(v, _zone_index(c, p + "charges_zone"), adults, cell_children)
        base = 12 * total * (persons - out_of_budget) / persons
        left = np.maximum(np.nan_to_num(kids) - others, 0)
        young = np.minimum(np.nan_to_num(c[p + "children_young_adult"].astype(float)), left)
        grown = np.minimum(np.nan_to_num(c[p + "children_adult"].astype(float)), left - young)
        compl = _complementary(v, left - young - grown, young, np.nan_to_num(adults) + grown)
        tax = _tax_charge(v, c[p + "taxable_income"], adults, cell_children)
        charges = base + compl + tax
        rdu = c[p + "rdu"]
        known = np.isfinite(charges) & np.isfinite(rdu) & (c[p + "adults"] >= 0)
        missing |= counted & ~known
        out[f"p{n}_counted"] = counted
        out[f"p{n}_charges"] = np.where(counted, charges, np.nan)
        out[f"p{n}_capacity"] = np.where(counted & known, rdu - charges, 0.0)
        out[f"p{n}_cell_month"] = total
        out[f"p{n}_cell_persons"] = persons
    out["budget_missing"] = missing & (c["independence_code"] < 2)
    return out


@rule("RLAEF art. 22 ; LAEF art. 28 al. 1-2",
      trace={"parents_share": ("Part contributive des parents", "Parents' contribution", "RLAEF art. 22 al. 3-5")},
      slot="parents_share", variant="VD")
def parents_share(c, v):
    """RLAEF art. 22 al. 3-4 — each surplus divided by the parent's children in post-compulsory training (the
    student included); a deficit is not carried; 50 % for a partially independent student (al. 5, LAEF art. 28
    al. 1), nothing for an independent one (LAEF art. 28 al. 2)."""
    share = np.zeros(c.n)
    for n in (1, 2):
        divisor = np.maximum(np.nan_to_num(c[f"p{n}_children_in_training"].astype(float), nan=1.0), 1.0)
        share += np.maximum(c[f"p{n}_capacity"], 0.0) / divisor
    code = c["independence_code"]
    factor = np.choose(np.clip(code, 0, 2), [1.0, v.independence.partial_share, 0.0])
    notes = {v.codes.partial_independence: code == 1, v.codes.full_independence: code == 2}
    return {"parents_share": share * factor, "notes": notes}


# ---------------------------------------------------------------------------------------------------- eligibility

def _months_between(start: np.ndarray, day: np.ndarray) -> np.ndarray:
    return month_index(day) - month_index(start)


@rule("LAEF art. 8-10, 17-19, 40 ; RLAEF art. 11, 45-47",
      trace={"eligible": ("Éligible (LAEF art. 8-10, 17-19, 40)", "Eligible (LAEF art. 8-10, 17-19, 40)")},
      slot="eligibility", variant="VD")
def eligibility(c, v):
    """Each failed condition is a reason code (VD.md §3.2)."""
    e = v.eligibility
    beneficiary = (swiss_or_eu_efta(c, e.eu_efta) | c.is_("permit", "C")
                   | (c.is_("permit", "B") & (c["years_domicile_ch"] >= e.permit_b_min_years))
                   | c.true("refugee_or_stateless") | c.is_("permit", "F"))
    part_time = c["part_time_ratio"]
    social = c.true("part_time_special_reasons")
    exempt_years = c["reconversion_ok"] | (social & (part_time < 1))
    months_in = _months_between(c["year_start"], c["application_date"])
    dates = c.known("application_date") & c.known("year_start")
    codes = {
        "VD-LAEF-8": ~beneficiary,
        "VD-LAEF-8-2": c.true("study_stay_only"),
        "VD-LAEF-9": c["aid_domicile_final"] != _VD,
        "VD-LAEF-10": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "VD-RLAEF-11": part_time < e.min_part_time_ratio,
        "VD-LAEF-17": c["semesters_aided"] >= c["entitlement_semesters"],
        "VD-LAEF-18": (np.nan_to_num(c["years_in_training"]) >= e.max_training_years) & ~exempt_years,
        "VD-LAEF-19-5": c["changes_of_course"] >= e.max_changes_unfinished,
        "VD-LAEF-40-2": dates & (months_in >= 12 - e.last_months_refused),
    }
    # RLAEF art. 45-47 al. 3: what the calculation needs (a missing amount is never read as 0 here)
    own_zone_needed = _own_lodging(c)
    codes["VD-RLAEF-47-3"] = (~c.known("birth_date") | ~dates | ~c.known("regular_semesters")
                              | ~c.known("housing") | ~c.known("training_category") | ~c.known("parents")
                              | (own_zone_needed & ~c.known("charges_zone")) | c["budget_missing"])
    ineligible = any_of(codes.values(), c.n)
    late_in_year = dates & (c["application_date"] > c["year_start"])       # RLAEF art. 47 al. 1
    lost = np.where(late_in_year, np.clip(months_in + 1, 0, 12), 0).astype(float)
    return {"eligible": ~ineligible, "codes": codes, "claim_months_lost": lost}


# ---------------------------------------------------------------------------------------------------- student

@rule("RLAEF art. 23-27, 34-41 ; LAEF art. 29-31 ; annexe 1-2",
      trace={"s_base": ("Étudiant : charges normales de base (année)", "Student: basic normal charges (year)",
                        "RLAEF art. 24 ; annexe 1.1"),
             "s_complementary": ("Étudiant : charges complémentaires", "Student: complementary charges",
                                 "RLAEF art. 34 al. 3 ; annexe 1.2"),
             "s_tax": ("Étudiant : charge fiscale", "Student: tax charge", "RLAEF art. 34 al. 4 ; annexe 1.3"),
             "s_children": ("Étudiant : part des charges de ses enfants", "Student: share of his children's charges",
                            "RLAEF art. 26"),
             "s_training": ("Frais de formation (études, transport, repas, logement)",
                            "Training costs (studies, transport, meals, lodging)", "RLAEF art. 35-39 ; annexe 2")},
      slot="student_needs", variant="VD")
def student_needs(c, v):
    """RLAEF art. 23 al. 3 — the student's normal charges (art. 24: a part of the parents' cell when dependent
    without own lodging; else his own cell, per head with a spouse or children, art. 24 al. 3), his share of his
    children's (art. 26 al. 1: half when married, all otherwise), complementary and tax charges (art. 34), the
    basic charges × study load when the part time is imposed (art. 41 al. 1), and the flat training costs (art.
    35-39, annexe 2)."""
    code = c["independence_code"]
    kids = c["student_children"].astype(float)
    married = c.true("married")
    own = _own_lodging(c)
    zone = _zone_index(c, "charges_zone")
    adults = 1.0 + married
    cell = _family_month(v, zone, adults, kids)
    own_persons = adults + kids
    own_alone = _own_month(v, zone, married) / adults
    own_month = np.where(kids > 0, cell / own_persons, own_alone)
    at_parents = c["p1_cell_month"] / c["p1_cell_persons"]
    base_month = np.where(own, own_month, at_parents)
    imposed = (c["part_time_ratio"] < 1) & ~c.true("part_time_special_reasons")
    load = np.where(imposed, c["part_time_ratio"], 1.0)
    s_base = 12 * np.nan_to_num(base_month) * load
    child_share = np.where(married, 0.5, 1.0)
    s_children = np.where(kids > 0, 12 * np.nan_to_num(cell / own_persons) * kids * load * child_share, 0.0) \
        + kids * child_share * v.charges.complementary.minor
    minor, young, adult = _band_counts(c["age"])
    s_compl = _complementary(v, minor, young, adult)
    s_tax = _tax_charge(v, c["taxable_income"], adults, kids)
    # training costs (annexe 2)
    k = v.costs
    category = c["training_category"]
    reduced = c.true("repeating_year") | (c["part_time_ratio"] < 1)
    full = np.array([getattr(k.studies.full_time, x) for x in _CATEGORIES] + [0], dtype=float)[category]
    red = np.array([getattr(k.studies.reduced, x) for x in _CATEGORIES] + [0], dtype=float)[category]
    studies = np.where(reduced, red, full)
    zones = c["transport_zones"]
    young_fare = np.array([getattr(k.transport.under_25, f"z{i}") for i in range(1, 13)]
                          + [k.transport.under_25.ag, 0], dtype=float)
    old_fare = np.array([getattr(k.transport.from_25, f"z{i}") for i in range(1, 13)]
                        + [k.transport.from_25.ag, 0], dtype=float)
    transport = np.where(c["age"] >= 25, old_fare[zones], young_fare[zones])
    dual = c.is_("training_category", "apprenticeship")
    lodging = c.true("separate_lodging")
    board = np.where(dual, k.lodging.board_month * k.lodging.board_months_dual,
                     k.lodging.board_month * k.lodging.board_months_school)
    rent = np.minimum(np.nan_to_num(c["housing_costs"]), k.lodging.max_month * k.lodging.months)
    meals = np.minimum(np.nan_to_num(c["meals_out"]) * k.meals.per_meal,
                       np.where(dual, k.meals.max_dual, k.meals.max_school))
    s_training = studies + transport + np.where(lodging, rent + board, meals)   # art. 39 al. 6: board or meals
    needs = s_base + s_children + s_compl + s_tax + s_training
    # LAEF art. 29 al. 3: a dependent student living away whose own lodging is not recognised is counted as a
    # part of his parents' cell (information, the row stays eligible)
    notes = {v.codes.own_household: ~own & ~c.is_("housing", "parents") & c.known("housing")}
    return {"s_base": s_base, "s_complementary": s_compl, "s_tax": s_tax, "s_children": s_children,
            "s_training": s_training, "needs": needs, "own_lodging": own, "notes": notes}


@rule("RLAEF art. 23 al. 4, 25, 27 ; LAEF art. 22",
      trace={"spouse_surplus": ("Excédent du conjoint", "Spouse's surplus", "RLAEF art. 27 al. 3")},
      slot="student_resources", variant="VD")
def student_resources(c, v):
    """RLAEF art. 23 al. 4 — the student's RDU (LAEF art. 22), the resources meant for him (maintenance,
    pensions, family allowances: ``alimony``, ``pensions``, ``other_income``), the spouse's surplus (art. 27: the
    spouse's income less his part of the couple's charges, half the children's, his complementary charge) and the
    parents' share."""
    married = c.true("married")
    kids = c["student_children"].astype(float)
    zone = _zone_index(c, "charges_zone")
    cell = _family_month(v, zone, 2.0 + 0 * kids, kids)
    spouse_month = np.where(kids > 0, cell / (2 + kids), _own_month(v, zone, np.ones(c.n, bool)) / 2)
    spouse_charges = 12 * np.nan_to_num(spouse_month) + v.charges.complementary.adult \
        + np.where(kids > 0, 0.5 * (12 * np.nan_to_num(cell / (2 + kids)) * kids
                                    + kids * v.charges.complementary.minor), 0.0)
    surplus = np.where(married, np.maximum(np.nan_to_num(c["spouse_income"]) - spouse_charges, 0.0), 0.0)
    own = (np.nan_to_num(c["student_rdu"]) + np.nan_to_num(c["alimony"]) + np.nan_to_num(c["pensions"])
           + np.nan_to_num(c["other_income"]))
    return {"spouse_surplus": surplus, "resources": own + surplus + c["parents_share"]}


# ---------------------------------------------------------------------------------------------------- award

@rule("RLAEF art. 15, 23 al. 5-6, 47 al. 1 ; LAEF art. 16, 28 al. 5, 40 al. 2 ; annexe 3.2",
      trace={"shortfall": ("Découvert (besoins − ressources, arrondi)", "Shortfall (needs − resources, rounded)",
                           "RLAEF art. 23 al. 5"),
             "claim_months": ("Mois ouvrant droit", "Months with a claim", "LAEF art. 40 al. 2 ; RLAEF art. 47 al. 1"),
             "bursary": ("Bourse", "Bursary", "LAEF art. 15"),
             "loan": ("Prêt", "Loan", "LAEF art. 16 ; RLAEF art. 15"),
             "aid": ("Allocation totale", "Total allocation", "RLAEF art. 23 al. 5")},
      slot="amounts", variant="VD")
def amounts(c, v):
    """RLAEF art. 23 al. 5 — the allocation covers the shortfall (no cap, no minimum [V14]); applied for during the
    year, from the month after the application (LAEF art. 40 al. 2, RLAEF art. 47 al. 1); a loan where the training
    gives only a loan (LAEF art. 16 al. 2); for a (partially) independent student part loan by the parents' taxable
    wealth per person (LAEF art. 28 al. 5, RLAEF art. 23 al. 6, annexe 3.2 [V15]); loans within CHF 25 000 a year
    and CHF 50 000 in all (RLAEF art. 15 al. 2)."""
    a = v.award
    eligible = c["eligible"]
    shortfall = round_half_up(c["needs"] - c["resources"])
    lost = np.asarray(c["claim_months_lost"], dtype=float)
    months = 12.0 - lost
    aid = np.where(eligible & (shortfall > 0), round_half_up(np.maximum(shortfall, 0) * months / 12.0), 0.0)
    codes = {v.codes.claim_start: eligible & (lost > 0) & (shortfall > 0)}
    loan_only = c["right"] == RIGHT_LOAN
    # annexe 3.2: the parents' taxable wealth, half deducted for a couple, per person of the family
    ws = a.wealth_split
    wealth = np.nan_to_num(c["p1_taxable_wealth"]) + np.where(c.is_("parents", "apart"),
                                                             np.nan_to_num(c["p2_taxable_wealth"]), 0.0)
    couple = c["p1_adults"] == 2
    persons = np.maximum(np.nan_to_num(c["p1_adults"].astype(float), nan=1)
                         + np.nan_to_num(c["p1_dependent_children"].astype(float)) + 1, 1)
    per_person = wealth * np.where(couple, 1 - ws.spouse_deduction, 1.0) / persons
    bands = np.array([getattr(ws.bands, f"b{i}") for i in range(1, 6)], dtype=float)
    shares = np.array([getattr(ws.bursary_shares, f"s{i}") for i in range(6)], dtype=float)
    share = shares[np.searchsorted(bands, per_person, side="right")]
    independent = (c["independence_code"] >= 1) & ~c.is_("parents", "none")
    bursary_share = np.where(loan_only, 0.0, np.where(independent, share, 1.0))
    bursary = round_half_up(aid * bursary_share)
    loan = aid - bursary
    codes[v.codes.loan_only] = eligible & loan_only & (aid > 0)
    codes[v.codes.wealth_split] = eligible & independent & ~loan_only & (share < 1) & (aid > 0)
    room = np.minimum(a.loan_ceiling_year, np.maximum(a.loan_ceiling_total - np.nan_to_num(c["loans_received"]), 0))
    capped = np.minimum(loan, room)
    codes[v.codes.loan_ceiling] = eligible & (capped < loan)
    loan = capped
    return {"shortfall": shortfall, "claim_months": months, "cap": np.full(c.n, np.nan), "bursary": bursary,
            "loan": loan, "aid": bursary + loan, "amount_codes": codes}
