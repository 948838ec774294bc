"""LBPE (RS/VS 416.1) and OBPE (RS/VS 416.100) — Valais' model, variants ``VS`` (docs/rules/VS.md).

A family budget per parent from the tax assessment two years before the training year (OBPE art. 6, 12): net
income before personal deductions, add-backs, 5 % of the revalued net wealth (art. 15), against the department's
flat rates for maintenance, housing, health insurance and miscellaneous costs and the integration and training
supplements per child in post-compulsory training (art. 13); a surplus shared by the children in training, halved
for a remarried parent, a deficit shared by the persons of the household when the student is in it (art. 14). The
student's budget: flat training costs, transport, meals, justified lodging and, with an own budget (art. 23), his
maintenance (art. 18-23), against his gross incomes less a 30 % allowance (at least 6 000), 5 % of his wealth and the
parents' share (art. 16-17, 25). The award is capped at a full aid of 12 000 / 16 000 + 4 000 per child, with a
500 minimum (art. 7-8); loans where the law says (LBPE art. 12-13; OBPE art. 9-10, 19 al. 4, 28).

The department's flat rates are not in the texts held: ``missing`` parameters (NaN here); the rows that need one
are row errors (``xladdin.bursary.missing``). Parent 1 is the parent the student lives with (OBPE art. 11 al. 3).
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_BURSARY, RIGHT_LOAN, RIGHT_NONE, right_by_training, swiss_or_eu_efta, whole_years
from ..dates import months as month_index
from ..rule import any_of, round_half_up, round_to, rule
from ..shared.tax_income import by_persons

_VS = BY_KEY["aid_domicile"].values.index("VS")
_KINDS = BY_KEY["programme_kind"].values
_CONTINUING = np.array([k in ("continuing_education", "mas") for k in _KINDS] + [False])
_TERTIARY_INITIAL = np.array([k in ("tertiary_b", "bachelor", "master") for k in _KINDS] + [False])
_DOCTORATE = _KINDS.index("doctorate")


def _by_persons(node, persons: np.ndarray) -> np.ndarray:
    """A department flat rate by persons of the household (1-4, then 5 and more) [S9]; NaN without persons."""
    return np.where(np.isfinite(persons), by_persons(node, persons), np.nan)


def _continuing(c) -> np.ndarray:
    """OBPE art. 2 al. 4, 28: further training (CAS, DAS, MAS, continuing education), a loan of its costs."""
    return _CONTINUING[c["programme_kind"]]


def _n(c, key: str) -> np.ndarray:
    """A numeric input as float, a missing amount or count (NaN, or -1 for an integer) as 0."""
    x = np.asarray(c[key], dtype=float)
    return np.where(np.isfinite(x) & (x >= 0), x, 0.0)


@rule("LBPE art. 18 ; OBPE art. 10, 23 al. 1",
      trace={"independence_code": ("Calcul partiellement indépendant des parents (LBPE art. 18)",
                                   "Partly independent of the parents (LBPE art. 18)", "LBPE art. 18 al. 1-3")},
      slot="independence", variant="VS")
def independence(c, v):
    """LBPE art. 18 — partly independent of the parents (code 1) at 25, after a first training giving access to a
    trade (or four years of work, al. 2) and two years of financial independence (al. 1 c); OBPE art. 23 al. 1 —
    the student's maintenance goes into his own budget when his legal domicile is not his parents' and he is
    married (or lives with a partner and a common child, art. 4a), has children, is an orphan, has two years of
    independence after a first training, or is 35; and always when there is no family budget (``parents`` = none)."""
    i = v.independence
    first = c.true("first_training_done") | (_n(c, "years_full_time_work") >= i.work_years_as_training)
    partial = (c["age"] >= i.age) & first & (_n(c, "years_independent") >= i.years_independent)
    away = c.known("housing") & ~c.is_("housing", "parents")
    partner = c.true("married") | (c.true("cohabiting_partner") & c.true("common_child"))
    o = v.own_budget
    reason = (partner | (_n(c, "student_children") > 0) | c.is_("parents", "none")
              | (c.true("first_training_done") & (_n(c, "years_independent") >= o.years_independent))
              | (c["age"] >= o.age))
    own_budget = (away & reason) | c.is_("parents", "none")     # no family budget to hold it [S11]
    return {"independence_code": np.where(partial, 1, 0).astype(np.int8), "own_budget": own_budget,
            "partner": partner}


@rule("LBPE art. 7, 12", trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="VS")
def right(c, v):
    """LBPE art. 7, 12 — bursary, loan or nothing by the kind of training (VS.md §3.1); a second initial sec. II
    training made necessary by medical reasons (``reconversion``) is a bursary (art. 12 al. 1 a 4)."""
    base = right_by_training(c, v)
    medical = c.true("reconversion") & c.is_("programme_kind", "second_sec2", "second_sec2_higher")
    return {"right": np.where(medical, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": medical}


@rule("LBPE art. 13 al. 1-1bis ; OBPE art. 27",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="VS")
def entitlement(c, v):
    """LBPE art. 13 al. 1, 1bis — the regular duration, prolonged pro rata for a part-time training, and 2
    semesters; a doctorate 3 years at most (OBPE art. 27). Beyond it, loans only (amounts)."""
    ratio = np.where(_n(c, "part_time_ratio") > 0, _n(c, "part_time_ratio"), 1.0)
    regular = np.ceil(round_to(c["regular_semesters"] / ratio, 6)) + v.duration.extra_semesters
    doctorate = c["programme_kind"] == _DOCTORATE
    return {"entitlement_semesters": np.where(doctorate, np.minimum(regular, v.duration.doctorate_semesters),
                                              regular)}


def _revalued_wealth(c, f, p: str) -> np.ndarray:
    """OBPE art. 15 — the assets (codes 3500, 4200, 4300) with buildings and land (2920-2923) above the first
    100 000 revalued at 150 %, less the debts and flat deduction (4000)."""
    extra = (f.real_estate_coefficient - 1) * np.maximum(_n(c, p + "real_estate") - f.real_estate_exempt, 0.0)
    return _n(c, p + "assets") + extra - _n(c, p + "debts")


# The family budget's traced figures, for parent n = 1, 2: key, French, English, article.
_BUDGET_TRACE = (("income", "revenu déterminant", "income counted", "OBPE art. 12, 15"),
                 ("charges", "frais couvrant les besoins de la famille", "family costs", "OBPE art. 13"),
                 ("balance", "budget de la famille", "family budget", "OBPE art. 14 al. 1"))


@rule("OBPE art. 11-13, 15 ; LBPE art. 16 al. 3",
      trace={f"p{n}_{key}": (f"Parent {n} : {fr}", f"Parent {n}: {en}", article)
             for n in (1, 2) for key, fr, en, article in _BUDGET_TRACE},
      slot="family_budgets", variant="VS")
def family_budgets(c, v):
    """OBPE art. 11-15 — one budget for parents together (art. 11 al. 2), one each when apart (al. 3), none for a
    parent paying a court-fixed maintenance the student does not live with (al. 4), none for further training
    (art. 28). Income: code 2400 + add-backs − maintenance paid and lump sums (art. 12 al. 1), 80 % of a gross
    income taxed at source or without assessment (al. 2, art. 6 al. 5), + 5 % of the revalued net wealth
    (art. 15). Costs (art. 13): maintenance and housing by persons of the household, the health and miscellaneous
    flat rates per person, 1 200 + 1 800 per child in post-compulsory training living there."""
    f = v.family
    out: dict[str, np.ndarray] = {}
    missing = np.zeros(c.n, bool)
    wealth_total = np.zeros(c.n)
    integrated = ~c["own_budget"]
    continuing = _continuing(c)
    for n in (1, 2):
        p = f"p{n}_"
        lives_there = c.is_("housing", "parents") if n == 1 else np.zeros(c.n, bool)
        counted = ((c.is_("parents", "together", "apart") if n == 1 else c.is_("parents", "apart"))
                   & ~(c.true(p + "pays_alimony") & ~lives_there) & ~continuing)
        net = c[p + "income_2400"]
        source = _n(c, p + "source_taxed_gross")
        wealth = _revalued_wealth(c, f, p)
        income = (np.where(source > 0, 0.0, np.nan_to_num(net)) + f.source_taxed_share * source
                  + _n(c, p + "income_additions") - _n(c, p + "income_deductions")
                  + f.wealth_share * np.maximum(wealth, 0.0))
        adults = c[p + "adults"].astype(float)
        adults = np.where(adults < 1, np.nan, adults)
        student_here = (n == 1) & integrated
        children = _n(c, p + "dependent_children") + student_here
        persons = adults + children
        in_training = np.maximum(_n(c, p + "children_in_training") - np.where(student_here, 0, 1), 0.0)
        charges = (_by_persons(v.maintenance, persons) + _by_persons(v.housing, persons)
                   + f.health.per_person * persons + f.misc.adult * adults + f.misc.child * children
                   + (f.integration + f.training_supplement) * in_training)
        known = (np.isfinite(net) | (source > 0)) & np.isfinite(adults) & c.known(p + "dependent_children")
        missing |= counted & ~known
        wealth_total += np.where(counted, wealth, 0.0)
        out[f"p{n}_income"] = np.where(counted, income, np.nan)
        out[f"p{n}_charges"] = np.where(counted, charges, np.nan)
        # 0 where there is no budget; NaN (a flat rate not held) stays NaN, so no amount is paid on it
        out[f"p{n}_balance"] = np.where(counted & known, income - charges, 0.0)
        out[f"p{n}_persons"] = persons
        out[f"p{n}_counted"] = counted & known
    out.update({"budget_missing": missing, "parents_wealth": wealth_total})
    return out


def _age_at_start(c) -> np.ndarray:
    """[S6] Age at the start of the training: ``training_start`` when given, else the training year's start."""
    start = np.where(np.isnat(c["training_start"]), c["reference_date"], c["training_start"])
    return whole_years(c["birth_date"], start.astype("datetime64[D]"))


def _deadline(c, d) -> np.ndarray:
    """OBPE art. 32 al. 1 [S5]: 31 December of the year a full year or an autumn semester starts in, 30 April of
    the year a spring semester (a start before July) starts in."""
    year = c["year_start"].astype("datetime64[Y]")
    month = month_index(c["year_start"]) % 12 + 1
    spring = month < d.spring_before_month
    m = np.where(spring, d.spring_month, d.autumn_month).astype(np.int64) - 1
    day = np.where(spring, d.spring_day, d.autumn_day).astype(np.int64) - 1
    return (year.astype("datetime64[M]") + m).astype("datetime64[D]") + day


@rule("LBPE art. 5-8, 13 al. 3, 19 ; OBPE art. 28 al. 3-4, 32",
      trace={"eligible": ("Éligible (LBPE art. 5-8, 13 ; OBPE art. 28, 32)",
                          "Eligible (LBPE art. 5-8, 13; OBPE art. 28, 32)")},
      slot="eligibility", variant="VS")
def eligibility(c, v):
    """Each failed condition is a reason code (VS.md §3.2)."""
    e = v.eligibility
    beneficiary = (swiss_or_eu_efta(c, e.eu_efta) | c.is_("permit", "C")
                   | (c.is_("permit", "B") & (_n(c, "years_domicile_ch") >= e.permit_b_min_years))
                   | c.true("refugee_or_stateless"))
    dates = c.known("application_date") & c.known("year_start")
    late = dates & (c["application_date"] > _deadline(c, v.deadline))
    continuing = _continuing(c)
    k = v.continuing
    costs = _n(c, "training_costs")
    couple = c["partner"]
    limit = (np.where(couple, k.income_limit_couple, k.income_limit_single)
             + k.income_limit_per_child * _n(c, "student_children"))
    gross = _n(c, "gross_earnings") + np.where(couple, _n(c, "spouse_income"), 0.0)
    codes = {
        "VS-LBPE-5": ~beneficiary,
        "VS-LBPE-5-2": c.true("study_stay_only"),
        "VS-LBPE-6": c["aid_domicile_final"] != _VS,
        "VS-LBPE-7": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "VS-LBPE-13-3": c.known("duration_months") & (c["duration_months"] < e.min_months),
        "VS-OBPE-32": late,
        "VS-OBPE-28-3": continuing & (costs < k.min_costs),
        "VS-OBPE-28-4": continuing & (gross > limit),
    }
    codes["VS-LBPE-19"] = (~c.known("birth_date") | ~dates | ~c.known("regular_semesters") | ~c.known("level")
                           | ~c.known("housing") | ~c.known("parents") | c["budget_missing"])
    ineligible = any_of(codes.values(), c.n)
    return {"eligible": ~ineligible, "codes": codes}


@rule("OBPE art. 14, 17, 24 ; LBPE art. 16 al. 3bis",
      trace={"parents_share": ("Part contributive des parents", "Parents' share", "OBPE art. 14 al. 2, 17"),
             "counted_deficit": ("Part au découvert de la famille (charge)", "Share of the family deficit (cost)",
                                 "OBPE art. 14 al. 3, 24")},
      slot="parents_share", variant="VS")
def parents_share(c, v):
    """OBPE art. 14 — each surplus ÷ the children in post-compulsory training, × the department's coefficient,
    halved for a remarried parent (al. 2); × 10 % for a student partly independent (art. 10 al. 2). A deficit of
    the family the student is counted in ÷ the persons of the household is his cost (al. 3, art. 24)."""
    f = v.family
    share = np.zeros(c.n)
    remarried_any = np.zeros(c.n, bool)
    apart = c.is_("parents", "apart")
    for n in (1, 2):
        balance = c[f"p{n}_balance"]
        children = np.maximum(_n(c, f"p{n}_children_in_training"), 1.0)
        remarried = apart & (c[f"p{n}_adults"] == 2) & c[f"p{n}_counted"]      # [S7]
        remarried_any |= remarried & (balance > 0)
        share += np.maximum(balance, 0.0) / children * f.coefficient * np.where(remarried, f.remarried_share, 1.0)
    partial = c["independence_code"] == 1
    share = share * np.where(partial, v.independence.parents_share, 1.0)
    in_family = ~c["own_budget"] & c["p1_counted"]
    p1 = c["p1_balance"]
    deficit = np.where(in_family & (p1 < 0), -p1 / c["p1_persons"] * f.coefficient,
                       np.where(in_family, p1 * 0, 0.0))            # NaN (a flat rate not held) stays NaN
    eligible = c["eligible"]
    return {"parents_share": share, "counted_deficit": deficit,
            "notes": {v.codes.partial_independence: eligible & partial & ~c.is_("parents", "none"),
                      v.codes.own_budget: eligible & c["own_budget"] & ~_continuing(c),
                      v.codes.remarried: eligible & remarried_any}}


@rule("OBPE art. 18-23, 28 al. 2 ; LBPE art. 16 al. 4-6",
      trace={"s_training": ("Frais de formation (forfait et écolage au-delà de 6 000)",
                            "Training costs (flat rate and fees above 6 000)", "OBPE art. 19"),
             "s_transport_meals": ("Frais de déplacement et de repas", "Transport and meals", "OBPE art. 20-21"),
             "s_lodging": ("Frais de logement hors famille", "Lodging away from the family", "OBPE art. 22"),
             "s_maintenance": ("Frais d'entretien de la personne en formation (budget propre)",
                               "Student's maintenance (own budget)", "OBPE art. 23 al. 2")},
      slot="student_needs", variant="VS")
def student_needs(c, v):
    """OBPE art. 18-23 — the flat training costs, 2 500 (secondary) or 3 000 (tertiary), with the fees above 6 000
    up to 5 000 (art. 19); transport (art. 20); 2 200 for lunches away, 1 400 for dinners when lodged away with
    his maintenance in the family budget (art. 21); a justified lodging at its actual cost up to the department's
    maximum (art. 22); with an own budget (art. 23), maintenance by persons of his household, the health and
    miscellaneous flat rates per person and 1 200 + 1 800 for himself; the share of the family deficit (art. 24).
    Further training (art. 28 al. 2): its costs net of the employer's share."""
    k = v.costs
    tertiary = c.is_("level", "tertiary")
    fees_extra = np.minimum(np.maximum(_n(c, "training_costs") - k.fees_above, 0.0), k.fees_extra_max)
    training = np.where(tertiary, k.training.tertiary, k.training.secondary) + fees_extra
    own = c["own_budget"]
    away = c.known("housing") & ~c.is_("housing", "parents")
    lodged = away & (c.true("own_household_reason") | own)
    kids = _n(c, "student_children")
    persons = 1.0 + c["partner"] + kids
    lodging = np.where(lodged, np.minimum(_n(c, "housing_costs"), _by_persons(v.housing, persons)), 0.0)
    meals = (np.where(_n(c, "meals_out") > 0, k.lunch, 0.0) + np.where(lodged & ~own, k.dinner, 0.0))
    transport_meals = _n(c, "transport") + meals
    f, s = v.family, v.student
    adults = 1.0 + c["partner"]
    maintenance = np.where(own, _by_persons(v.maintenance, persons) + f.health.per_person * persons
                           + f.misc.adult * adults + f.misc.child * kids + s.integration + s.training_supplement, 0.0)
    needs = training + transport_meals + lodging + maintenance + c["counted_deficit"]
    continuing = _continuing(c)
    return {"s_training": training, "s_transport_meals": transport_meals, "s_lodging": lodging,
            "s_maintenance": maintenance, "needs": np.where(continuing, _n(c, "training_costs"), needs),
            "fees_extra": fees_extra, "persons": persons,
            "notes": {v.codes.lodging_not_recognised: c["eligible"] & away & ~lodged & ~continuing}}


@rule("OBPE art. 16-17, 25",
      trace={"own_income": ("Revenus personnels après franchise", "Own income after the allowance",
                            "OBPE art. 16 al. 1 a")},
      slot="student_resources", variant="VS")
def student_resources(c, v):
    """OBPE art. 16, 25 — the gross incomes of the training year (earnings, the spouse's, maintenance, pensions,
    other bursaries) less 30 %, at least 6 000, not below 0; 5 % of the net taxable wealth; the parents' share
    (art. 17). Further training (art. 28): none, the income limit of al. 4 applies instead."""
    s = v.student
    gross = (_n(c, "gross_earnings") + np.where(c["partner"], _n(c, "spouse_income"), 0.0) + _n(c, "alimony")
             + _n(c, "pensions") + _n(c, "other_income"))
    own_income = np.maximum(gross - np.maximum(s.franchise_share * gross, s.franchise_min), 0.0)
    wealth = s.wealth_share * np.maximum(_n(c, "taxable_wealth"), 0.0)
    resources = own_income + wealth + c["parents_share"]
    return {"own_income": own_income, "resources": np.where(_continuing(c), 0.0, resources)}


@rule("OBPE art. 7-10, 19 al. 4, 28 al. 3 ; LBPE art. 12-13, 17",
      trace={"shortfall": ("Découvert (arrondi)", "Shortfall (rounded)", "OBPE art. 5"),
             "cap": ("Montant d'une aide complète", "Full aid", "OBPE art. 7-8"),
             "bursary": ("Bourse", "Bursary", "LBPE art. 12"), "loan": ("Prêt", "Loan", "LBPE art. 12"),
             "aid": ("Aide totale", "Total aid", "OBPE art. 5")},
      slot="amounts", variant="VS")
def amounts(c, v):
    """OBPE art. 7-8 — the shortfall up to a full aid (12 000 secondary, 16 000 tertiary, + 4 000 per child), none
    under 500. Loans only for a loan training (LBPE art. 12 al. 1 c), beyond the entitlement (art. 13 al. 1), for a
    training begun at 35 (al. 4) and for further training (its costs, 4 000 to 16 000, OBPE art. 28 al. 3). Initial
    tertiary: 2/3 bursary when partly independent (art. 10 al. 1) or the parents' revalued wealth exceeds
    1 000 000 (art. 9 al. 2), else the department's split (art. 9 al. 1); the fees above 6 000 as a loan (art. 19
    al. 4). Loans at most 50 000 in all (LBPE art. 12 al. 3)."""
    a = v.award
    eligible = c["eligible"]
    continuing = _continuing(c)
    shortfall = round_half_up(c["needs"] - c["resources"])
    tertiary = c.is_("level", "tertiary")
    cap = (np.where(tertiary, a.full.tertiary, a.full.secondary) + a.full.per_child * _n(c, "student_children"))
    cap = np.where(continuing, v.continuing.max_loan, cap)
    positive = np.maximum(shortfall, 0.0)
    due = np.minimum(positive, cap)
    beyond = c["semesters_aided"] >= c["entitlement_semesters"]
    old = _age_at_start(c) >= v.form.loan_age
    loan_right = (c["right"] == RIGHT_LOAN) & ~continuing
    loan_only = loan_right | beyond | old | continuing
    small = due < a.minimum
    due = np.where(small, 0.0, due)
    initial = _TERTIARY_INITIAL[c["programme_kind"]] & ~loan_only
    partial = c["independence_code"] == 1
    rich = c["parents_wealth"] > v.family.wealth_split_above
    share = np.where(initial, np.where(partial, v.independence.bursary_share,
                                       np.where(rich, a.wealth_bursary_share, a.tertiary_bursary_share)), 1.0)
    fees_loan = np.where(tertiary & ~loan_only, np.minimum(c["fees_extra"], due), 0.0)
    bursary = np.where(loan_only, 0.0, round_half_up((due - fees_loan) * share))
    loan = due - bursary
    room = np.maximum(v.loan.ceiling - _n(c, "loans_received"), 0.0)
    limited = np.minimum(loan, room)
    bursary = np.where(eligible, bursary, 0.0)
    limited = np.where(eligible, limited, 0.0)
    codes = {v.codes.loan_only: eligible & loan_right & (due > 0),
             v.codes.beyond_duration: eligible & beyond & ~loan_right & ~continuing & (due > 0),
             v.codes.loan_age: eligible & old & ~beyond & ~loan_right & ~continuing & (due > 0),
             v.codes.continuing: eligible & continuing & (due > 0),
             v.codes.wealth_split: eligible & initial & rich & ~partial & (due > 0),
             v.codes.fees_loan: eligible & (fees_loan > 0),
             v.codes.cap: eligible & (positive > cap),
             v.codes.minimum: eligible & small & (positive > 0),
             v.codes.loan_ceiling: eligible & (limited < loan)}
    return {"shortfall": shortfall, "cap": cap, "bursary": bursary, "loan": limited, "aid": bursary + limited,
            "amount_codes": codes}
