"""LAF (RSN 418.10), RLAF (RSN 418.110) and ALAF (RSN 418.110.0) — Neuchâtel's model, variants ``NE``.

Neuchâtel reads the *unité économique de référence* (UER) and its *revenu déterminant unifié* (RDU) as the social
desks set them under the RELHaCoPS (RLAF art. 16, 18: inputs, not computed here). The UER's revenu déterminant
(RDU, benefits, a share of the wealth) is set against its *dépenses déterminantes*: maintenance at 130 % (105 %) of
the social-aid norms, rent up to 110 % of a suitable rent, health premiums and taxes (RLAF art. 23-27, ALAF art. 2).
A parental UER gives three quarters of its surplus (a quarter from 25 or for a second training, art. 32); the
student's own UER 80 % of its surplus, its deficit in full (art. 34). The student's budget adds his training costs
(art. 40-44) and his own resources (art. 35-39); the bursary is the shortfall from CHF 200, rounded to 50, within
CHF 24 000 + 6 000 per child (RLAF art. 45, LAF art. 21). docs/rules/NE.md.

The social-aid norms (arrêté RSN 831.02) are not in the copy held: ``maintenance.norm.*`` and ``housing.rent_norm.*``
are ``missing`` (NaN here). A part that needs one is NaN, unless the row's result cannot depend on it (a surplus that
is not positive even with no maintenance nor rent counted), so that the rows the held texts decide are assessed.

Conventions (NE.md §2): ``p*_rdu`` and ``student_rdu`` are the UER's RDU *without* the student's own incomes (RLAF
art. 21: they are counted in his budget); ``p*_dependent_children`` the household's dependent children other than
the student; parent 1 the parent whose UER the student belongs to (LAF art. 8 al. 2), parent 2 the other parent, a
third party outside the UER (RLAF art. 19 al. 2, 39 al. 2).
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_LOAN, RIGHT_NONE, right_with_reconversion, stretched, swiss_or_eu_efta, whole_years
from ..dates import months as month_index
from ..rule import any_of, round_half_up, rule

_NE = BY_KEY["aid_domicile"].values.index("NE")
_SECOND = ("second_sec2", "second_sec2_higher", "second_bachelor")


def _by_persons(node, persons: np.ndarray) -> np.ndarray:
    """A social-aid amount by persons of the UER (1-6, then 7 and more) [N8]; NaN where the amount is missing."""
    table = np.array([node.p1, node.p2, node.p3, node.p4, node.p5, node.p6, node.p7_plus], dtype=float)
    index = np.clip(np.nan_to_num(persons, nan=1), 1, 7).astype(int) - 1
    return np.where(np.isfinite(persons), table[index], np.nan)


def _rent(v, actual: np.ndarray, persons: np.ndarray) -> np.ndarray:
    """RLAF art. 25 al. 1-2 — the rent, charges included, up to 110 % of a suitable rent; no rent: nothing (so a row
    without rent never needs the suitable-rent norm)."""
    actual = np.nan_to_num(actual)
    limit = v.housing.rent_rate * _by_persons(v.housing.rent_norm, persons)
    return np.where(actual <= 0, 0.0, np.minimum(actual, limit))


def _own_unit(c) -> np.ndarray:
    """RLAF art. 16 — the UER the social desk set (``reference_unit``); empty: own when married, with a child, in a
    household of his own or without parents, else the parents' [N11]."""
    derived = (c.true("married") | (c["student_children"] > 0) | c.is_("housing", "household")
               | c.is_("parents", "none"))
    return np.where(c.known("reference_unit"), c.is_("reference_unit", "own"), derived)


def _necessary_lodging(c, own: np.ndarray) -> np.ndarray:
    """RLAF art. 40 al. 1-2 — a lodging near the place of training (``separate_lodging``) for a student of the
    parental UER; in his own UER a lodging at the place of studies is exceptional (art. 33): not counted here."""
    return ~own & c.true("separate_lodging")


def _balance(income: np.ndarray, known_costs: np.ndarray, missing_costs: np.ndarray):
    """Revenu − dépenses (NaN when a missing amount is in it) and its surplus, which is surely 0 when the balance
    cannot be positive even with the missing amounts at 0 (so such a row does not need them)."""
    upper = income - known_costs
    balance = upper - missing_costs
    return balance, np.where(upper <= 0, 0.0, np.maximum(balance, 0.0))


# ---------------------------------------------------------------------------------------------------- status

@rule("LAF art. 20 al. 2 ; RLAF art. 32 al. 2",
      trace={"independence_code": ("Prestation des parents réduite au quart (1)", "Parents' prestation reduced to a "
                                   "quarter (1)", "RLAF art. 32 al. 2 ; LAF art. 20 al. 2")},
      slot="independence", variant="NE")
def independence(c, v):
    """LAF art. 20 al. 2 — the parents' prestation is reduced (code 1) when the student has reached 25 (the age
    reached during the calendar year the training starts, RLAF art. 32 al. 2), follows a second training (art. 32
    al. 2), or has finished a first training giving access to a trade and been financially independent for two years
    (LAF art. 20 al. 2 b) [N6]. Neuchâtel has no full independence: the parents stay third parties (art. 39)."""
    p = v.parents
    start = np.where(c.known("training_start"), c["training_start"], c["year_start"]).astype("datetime64[D]")
    born = c["birth_date"].astype("datetime64[D]")
    age_in_year = start.astype("datetime64[Y]").astype(float) - born.astype("datetime64[Y]").astype(float)
    older = ~np.isnat(start) & ~np.isnat(born) & (age_in_year >= p.reduced_age)
    second = c.is_("programme_kind", *_SECOND)
    worked = c.true("first_training_done") & (np.nan_to_num(c["years_independent"]) >= p.reduced_work_years)
    return {"independence_code": (older | second | worked).astype(np.int8)}


@rule("LAF art. 10, 14-15, 22 ; RLAF art. 8-10, 48", trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="NE")
def right(c, v):
    """LAF art. 10, 15, 22, RLAF art. 48 — bursary, loan only or nothing by the kind of training (NE.md §3.1); a
    reconversion imposed by the labour market or by force majeure (LAF art. 10 al. 4) turns the loan of a second
    training or a complement into a bursary, not that of a training beyond the master (RLAF art. 48 b)."""
    right_, lifted = right_with_reconversion(c, v)
    return {"right": right_, "reconversion_ok": lifted}


@rule("LAF art. 9 al. 1, 17 al. 2 ; RLAF art. 6",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="NE")
def entitlement(c, v):
    """LAF art. 9 al. 1 — the regular duration + 2 semesters; lengthened in proportion when the training can only be
    followed part time for social, family or health reasons (art. 17 al. 2)."""
    regular = c["regular_semesters"].astype(float)
    special = c.true("part_time_special_reasons") & (c["part_time_ratio"] < 1)
    semesters = np.where(special, stretched(regular, c["part_time_ratio"]), regular)
    return {"entitlement_semesters": semesters + v.duration.extra_semesters}


# ---------------------------------------------------------------------------------------------------- budgets

@rule("RLAF art. 16, 18-30, 33-34, 39 al. 2 ; ALAF art. 2",
      trace={"p1_income": ("Parent 1 (UER parentale ou tiers) : revenu déterminant",
                           "Parent 1 (parents' UER or third party): determining income", "RLAF art. 18-19, 29-30"),
             "p1_costs": ("Parent 1 (UER parentale ou tiers) : dépenses déterminantes",
                          "Parent 1 (parents' UER or third party): determining expenses",
                          "RLAF art. 23-27 ; ALAF art. 2"),
             "p2_income": ("Parent 2 (tiers hors UER) : revenu déterminant",
                           "Parent 2 (third party outside the UER): determining income",
                           "RLAF art. 19 al. 2, 39 al. 2"),
             "p2_costs": ("Parent 2 (tiers hors UER) : dépenses déterminantes",
                          "Parent 2 (third party outside the UER): determining expenses", "RLAF art. 23-27, 39 al. 2"),
             "own_income": ("UER propre : revenu déterminant", "Own UER: determining income", "RLAF art. 18, 21"),
             "own_costs": ("UER propre : dépenses déterminantes", "Own UER: determining expenses",
                           "RLAF art. 23-27 ; ALAF art. 2 al. 2 b")},
      slot="family_budgets", variant="NE")
def family_budgets(c, v):
    """RLAF art. 29-30, 23-27 — each UER's revenu déterminant (RDU + supplementary and social benefits, art. 19
    al. 1; 30 % of the wealth above 10 000 per person, art. 29; 90 % for a single adult, art. 30) against its
    dépenses déterminantes (maintenance at 130 % of the social-aid norm for its persons, ALAF art. 2; rent up to
    110 % of a suitable rent, art. 25; health premiums, art. 26; taxes, art. 27). Parent 1's UER holds the student
    unless his maintenance is in his own budget (logement nécessaire, art. 31) or he has his own UER; parent 2 is a
    third party outside it, computed the same way (art. 39 al. 2). The student's own UER (art. 33-34): its RDU
    without his own incomes (art. 21), maintenance at 105 % without a dependent child (ALAF art. 2 al. 2 b)."""
    p = v.parents
    own = _own_unit(c)
    lodging = _necessary_lodging(c, own)
    student_wealth = np.nan_to_num(c["wealth"])
    # art. 29 al. 2: a student whose wealth his own budget does not use is counted in the UER with it
    student_in_wealth = student_wealth <= v.student.wealth_free
    at_home_income = np.nan_to_num(c["pensions"]) + np.nan_to_num(c["alimony"])      # art. 35 al. 2 a contrario
    out: dict[str, np.ndarray] = {}
    missing = np.zeros(c.n, bool)
    for n in (1, 2):
        k = f"p{n}_"
        counted = c.is_("parents", "together", "apart") if n == 1 else c.is_("parents", "apart")
        adults = c[k + "adults"].astype(float)
        adults = np.where(adults < 1, np.nan, adults)
        kids = c[k + "dependent_children"].astype(float)
        kids = np.nan_to_num(np.where(kids < 0, np.nan, kids))
        in_uer = (n == 1) & ~own
        persons = adults + kids + (in_uer & ~lodging)                        # art. 31: his maintenance leaves
        wealth_persons = adults + kids + (in_uer & student_in_wealth)
        wealth = np.nan_to_num(c[k + "taxable_wealth"]) + np.where(in_uer & student_in_wealth, student_wealth, 0.0)
        wealth_part = p.wealth_share * np.maximum(wealth - p.wealth_free_per_person * wealth_persons, 0.0)
        rdu = c[k + "rdu"] + np.nan_to_num(c[k + "supplementary_benefits"]) \
            + np.where(in_uer & ~lodging, at_home_income, 0.0)
        single = adults == 1
        income = rdu * np.where(single, p.single_adult_share, 1.0) + wealth_part
        known_costs = np.nan_to_num(c[k + "health_premiums"]) + np.nan_to_num(c[k + "taxes"])
        missing_costs = v.maintenance.rate * _by_persons(v.maintenance.norm, persons) \
            + _rent(v, c[k + "housing_costs"], adults + kids + in_uer)
        known = np.isfinite(c[k + "rdu"]) & np.isfinite(adults)
        missing |= counted & ~known
        balance, surplus = _balance(income, known_costs, missing_costs)
        out[k + "counted"] = counted
        out[k + "income"] = np.where(counted, income, np.nan)
        out[k + "costs"] = np.where(counted, known_costs + missing_costs, np.nan)
        out[k + "surplus"] = np.where(counted & known, surplus, 0.0)
        # a deficit counts only for the UER the student belongs to (parent 1's, art. 16 al. 2)
        out[k + "deficit"] = np.where(counted & known & in_uer, np.maximum(-balance, 0.0), 0.0)
    # the student's own UER (art. 33-34)
    spouse = c.true("married").astype(float)
    kids = np.nan_to_num(c["student_children"].astype(float))
    own_persons = 1.0 + spouse + kids
    rate = np.where(kids > 0, v.maintenance.rate, v.maintenance.reduced_rate)
    own_income = np.nan_to_num(c["student_rdu"])
    own_known = np.nan_to_num(c["health_premiums"]) + np.nan_to_num(c["student_taxes"])
    own_missing = rate * _by_persons(v.maintenance.norm, own_persons) + _rent(v, c["housing_costs"], own_persons)
    out["own_unit"] = own
    out["necessary_lodging"] = lodging
    out["own_income"] = np.where(own, own_income, np.nan)
    out["own_costs"] = np.where(own, own_known + own_missing, np.nan)
    own_balance, own_surplus = _balance(own_income, own_known, own_missing)
    out["own_surplus"] = np.where(own, own_surplus, 0.0)
    out["own_deficit"] = np.where(own, np.maximum(-own_balance, 0.0), 0.0)
    out["budget_missing"] = missing
    return out


@rule("RLAF art. 20, 32, 34, 39 ; LAF art. 20 al. 2",
      trace={"parents_share": ("Prestation exigible des parents (3/4 ou 1/4 de l'excédent)",
                               "Parents' expected prestation (3/4 or 1/4 of the surplus)", "RLAF art. 32, 39"),
             "own_share": ("UER propre : excédent à 80 % (découvert : en entier, en dépense)",
                           "Own UER: surplus at 80 % (deficit: in full, as a cost)", "RLAF art. 34")},
      slot="parents_share", variant="NE")
def parents_share(c, v):
    """RLAF art. 32 — three quarters of each parent's surplus (a quarter when reduced, al. 2), divided among the
    persons in training of that household (art. 20 al. 1 [N7]); a deficit of the parental UER the student belongs to
    is his expense, divided the same way (art. 16 al. 2 [N7]). Own UER: 80 % of its surplus is his resource (art. 34
    al. 1), its deficit his expense in full (al. 2)."""
    p = v.parents
    reduced = c["independence_code"] == 1
    share_rate = np.where(reduced, p.reduced_share, p.surplus_share)
    share = np.zeros(c.n)
    for n in (1, 2):
        divisor = np.maximum(np.nan_to_num(c[f"p{n}_children_in_training"].astype(float), nan=1.0), 1.0)
        share = share + share_rate * c[f"p{n}_surplus"] / divisor
    divisor = np.maximum(np.nan_to_num(c["p1_children_in_training"].astype(float), nan=1.0), 1.0)
    # a share of 0 carries nothing, even where the deficit needs a missing amount (NaN)
    deficit = np.where(p.deficit_share > 0, p.deficit_share * c["p1_deficit"] / divisor, 0.0)
    own_share = v.own.surplus_share * c["own_surplus"]
    own_deficit = np.where(v.own.deficit_share > 0, v.own.deficit_share * c["own_deficit"], 0.0)
    notes = {v.codes.reduced_parents: reduced & (c["p1_counted"] | c["p2_counted"])}
    return {"parents_share": share, "own_share": own_share, "unit_deficit": deficit + own_deficit, "notes": notes}


# ---------------------------------------------------------------------------------------------------- eligibility

@rule("LAF art. 7-9, 13-15, 26 ; RLAF art. 5, 7, 55",
      trace={"eligible": ("Éligible (LAF art. 7-9, 13-15 ; RLAF art. 55)", "Eligible (LAF art. 7-9, 13-15)")},
      slot="eligibility", variant="NE")
def eligibility(c, v):
    """Each failed condition is a reason code (NE.md §3.2)."""
    e = v.eligibility
    study_only = c.true("study_stay_only")                                    # RLAF art. 5 al. 1
    permit_b = c.is_("permit", "B") & ~study_only & (
        (c["years_domicile_ch"] >= e.permit_b_min_years) | (c["years_domicile_canton"] > e.permit_b_min_years_canton))
    beneficiary = (swiss_or_eu_efta(c, e.eu_efta)
                   | c.is_("permit", "C") | permit_b | c.true("refugee_or_stateless") | c.is_("permit", "F"))
    # RLAF art. 55: a training year starting August-October: by 31 December (the second semester only until
    # 30 April); any other training: within 60 days after the courses start
    start = c["year_start"].astype("datetime64[D]")
    applied = c["application_date"].astype("datetime64[D]")
    dates = ~np.isnat(start) & ~np.isnat(applied)
    month = month_index(start) % 12 + 1
    autumn = (month >= e.autumn_first_month) & (month <= e.autumn_last_month)
    year = start.astype("datetime64[Y]")
    dec31 = (year + np.timedelta64(1, "Y")).astype("datetime64[D]") - np.timedelta64(1, "D")
    apr30 = ((year + np.timedelta64(1, "Y")).astype("datetime64[M]") + np.timedelta64(4, "M")).astype(
        "datetime64[D]") - np.timedelta64(1, "D")
    late_first = dates & autumn & (applied > dec31)
    other_limit = start + np.timedelta64(int(e.other_deadline_days), "D")
    too_late = dates & np.where(autumn, applied > apr30, applied > other_limit)
    codes = {
        "NE-LAF-7": ~beneficiary,
        "NE-LAF-8": c["aid_domicile_final"] != _NE,
        "NE-LAF-14": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "NE-LAF-9-2": c["changes_of_course"] > e.max_changes_of_course,
        "NE-RLAF-55": too_late,
    }
    # LAF art. 26 al. 1: what the calculation needs (a missing amount is never read as 0 here)
    # (a parental UER without a parents' budget has no figures to compute it)
    codes["NE-LAF-26"] = (~c.known("birth_date") | ~dates | ~c.known("regular_semesters") | ~c.known("parents")
                          | c["budget_missing"] | (~c["own_unit"] & c.is_("parents", "none")))
    ineligible = any_of(codes.values(), c.n)
    age_start = whole_years(c["birth_date"].astype("datetime64[D]"),
                             np.where(c.known("training_start"), c["training_start"], c["year_start"])
                             .astype("datetime64[D]"))
    return {"eligible": ~ineligible, "codes": codes, "second_semester_only": late_first & ~too_late,
            "age_at_training_start": age_start}


# ---------------------------------------------------------------------------------------------------- student

@rule("RLAF art. 23, 31, 34 al. 2, 40-44 ; ALAF art. 2, 4-6",
      trace={"s_lodging": ("Logement nécessaire : entretien (105 %) et loyer", "Necessary lodging: maintenance "
                           "(105 %) and rent", "RLAF art. 31, 40 ; ALAF art. 2 al. 2 a, 4"),
             "s_training": ("Frais de formation, déplacements, repas, impôts", "Training costs, travel, meals, taxes",
                            "RLAF art. 41-44 ; ALAF art. 5-6"),
             "unit_deficit": ("Découvert de l'UER compté", "UER deficit counted", "RLAF art. 16 al. 2, 34 al. 2")},
      slot="student_needs", variant="NE")
def student_needs(c, v):
    """RLAF art. 40-44 — the student's expenses: with a logement nécessaire his maintenance at 105 % of the norm for
    one person (art. 31, ALAF art. 2 al. 2 a) and his rent up to CHF 7 200 (art. 40 al. 3, ALAF art. 4); the taxes he
    alone owes (art. 41; in his own UER they are its expenses); meals CHF 13 a day of training when he cannot go home,
    at most 180 (school) or 220 (apprentice) days, not with a logement nécessaire nor when he lives alone (art. 42,
    ALAF art. 5); travel (art. 43); the training flat rate up to CHF 4 000 (art. 44, ALAF art. 6); the UER's deficit
    (art. 16 al. 2, 34 al. 2)."""
    k = v.costs
    own = c["own_unit"]
    lodging = c["necessary_lodging"]
    lodging_cost = np.where(lodging, v.maintenance.reduced_rate * _by_persons(v.maintenance.norm, np.ones(c.n))
                            + np.minimum(np.nan_to_num(c["housing_costs"]), v.housing.necessary_max), 0.0)
    alone = own & ~c.true("married") & ~(c["student_children"] > 0)
    days = np.minimum(np.nan_to_num(c["meals_out"].astype(float)),
                      np.where(c.true("apprenticeship"), k.meals.max_days_apprentice, k.meals.max_days_school))
    meals = np.where(lodging | alone, 0.0, k.meals.per_day * days)
    taxes = np.where(own, 0.0, np.nan_to_num(c["student_taxes"]))
    study = meals + np.nan_to_num(c["transport"]) + np.minimum(np.nan_to_num(c["training_costs"]), k.training_max)
    needs = lodging_cost + taxes + study + c["unit_deficit"]
    return {"s_lodging": lodging_cost, "s_training": taxes + study, "study_costs": study, "needs": needs}


@rule("RLAF art. 35-39, 46 ; ALAF art. 3",
      trace={"s_earnings": ("Revenus de la personne en formation comptés (4/5 après franchise)",
                            "Student's earnings counted (4/5 after the allowance)", "RLAF art. 36-37 ; ALAF art. 3"),
             "s_wealth": ("Part de la fortune", "Share of wealth", "RLAF art. 38")},
      slot="student_resources", variant="NE")
def student_resources(c, v):
    """RLAF art. 35-39 — four fifths of his earnings after the CHF 6 000 allowance (training income of the year,
    art. 36; side earnings of the year before, art. 37 al. 2; ALAF art. 3); his pensions and maintenance when he has a
    logement nécessaire or his own UER (art. 35 al. 2; otherwise they are the parental UER's income); his wealth
    above 10 000 divided by the years left (art. 38); other bursaries (art. 46 al. 1); the parents' prestation and
    his own UER's surplus share (art. 39, 34 al. 1)."""
    s = v.student
    earnings = s.earnings_share * np.maximum(np.nan_to_num(c["earnings"]) - s.franchise, 0.0)
    own = c["own_unit"]
    mine = own | c["necessary_lodging"]
    benefits = np.where(mine, np.nan_to_num(c["pensions"]) + np.nan_to_num(c["alimony"]), 0.0)
    left = np.maximum(np.nan_to_num(c["regular_semesters"].astype(float)) - np.nan_to_num(
        c["semesters_aided"].astype(float)), 1.0)
    years = np.ceil(left / 2.0)
    wealth = np.maximum(np.nan_to_num(c["wealth"]) - s.wealth_free, 0.0) / years
    resources = earnings + benefits + wealth + np.nan_to_num(c["other_income"]) + c["parents_share"] + c["own_share"]
    return {"s_earnings": earnings, "s_wealth": wealth, "resources": resources}


# ---------------------------------------------------------------------------------------------------- award

@rule("RLAF art. 45, 47-49, 55 al. 1 ; LAF art. 9, 12, 21-23",
      trace={"shortfall": ("Découvert (dépenses − revenus)", "Shortfall (expenses − income)", "RLAF art. 15, 45"),
             "bursary": ("Bourse", "Bursary", "RLAF art. 45 ; LAF art. 21"),
             "loan": ("Prêt", "Loan", "RLAF art. 47-49"),
             "aid": ("Aide totale", "Total aid", "RLAF art. 15")},
      slot="amounts", variant="NE")
def amounts(c, v):
    """RLAF art. 45 — the bursary is the shortfall when it reaches CHF 200, rounded to the nearest 50 [N9], within
    CHF 24 000 + 6 000 per child (LAF art. 21); half for an application that only opens the second semester (art. 55
    al. 1 [N10]). A loan instead where the training gives only a loan (LAF art. 22, RLAF art. 48 b-c), beyond the
    duration (LAF art. 9, RLAF art. 48 a) or above 35 at the start of the training (LAF art. 12, RLAF art. 48 e):
    covering only the costs specific to the studies (art. 47 al. 1: meals, travel, training costs [N14]), at most
    CHF 10 000 a year and 40 000 in all (art. 49 al. 2)."""
    a = v.award
    codes_ = v.codes
    eligible = c["eligible"]
    shortfall = round_half_up(c["needs"] - c["resources"])
    half = c["second_semester_only"]
    factor = np.where(half, a.second_semester_share, 1.0)
    loan_only = c["right"] == RIGHT_LOAN
    beyond = c["semesters_aided"] >= c["entitlement_semesters"]
    over_age = c["age_at_training_start"] > v.eligibility.age_limit
    as_loan = loan_only | beyond | over_age
    positive = eligible & (shortfall > 0)
    # bursary: from 200, rounded to 50, capped
    reaches = shortfall >= a.minimum
    rounded = np.floor(shortfall / a.rounding + 0.5) * a.rounding
    cap = a.cap + a.per_child * np.nan_to_num(c["student_children"].astype(float))
    capped = np.minimum(rounded, cap)
    bursary = np.where(eligible & ~as_loan & reaches, capped * factor, 0.0)
    # loan: the costs specific to the studies, within the yearly and total ceilings
    wanted = np.where(eligible & as_loan & (shortfall > 0),
                      round_half_up(np.minimum(shortfall, c["study_costs"]) * factor), 0.0)
    room = np.minimum(v.loan.year_max, np.maximum(v.loan.total_max - np.nan_to_num(c["loans_received"]), 0.0))
    loan = np.minimum(wanted, room)
    amount_codes = {
        codes_.loan_only: positive & loan_only,
        codes_.beyond_duration: positive & beyond & ~loan_only,
        codes_.over_age: positive & over_age & ~loan_only & ~beyond,
        codes_.second_semester: positive & half,
        codes_.minimum: positive & ~as_loan & ~reaches,
        codes_.cap: positive & ~as_loan & reaches & (rounded > cap),
        codes_.loan_ceiling: eligible & (loan < wanted),
    }
    return {"shortfall": shortfall, "cap": np.where(as_loan, np.nan, cap), "bursary": bursary, "loan": loan,
            "aid": bursary + loan, "amount_codes": amount_codes}
