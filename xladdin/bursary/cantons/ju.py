"""Loi (RSJU 416.31), ordonnance (RSJU 416.311) and directive (RSJU 416.311.1) concernant les subsides de formation —
Jura's model, variants ``JU`` (docs/rules/JU.md).

A budget per parent from the tax assessment of the year before the training (OSF art. 32): the revenu
déterminant (revenu total corrected, art. 40, 44) and a share of the net wealth above an allowance (art. 43) against
taxes, the minimum vital of LP art. 93 + 10 %, the rent up to the canton's average rents and 15 % of the three for
other costs (art. 41, 45-47); 75 % of the surplus divided by the children in post-compulsory training (an only child
counts 1.25), 15 % or 10 % in the cases of art. 48; the student's budget from the directive's flat amounts (art.
49-64); a bursary within the maxima of art. 36 and at least 500, loans where art. 22, 25, 27 say.

The minimum vital of LP art. 93 and the average rents of the Federal Statistical Office are not in the texts held:
their parameters are ``missing`` (NaN here) and the rows that need one are row errors (``xladdin.bursary.missing``).
Parent 1 is the parent the student lives with (OSF art. 38 al. 3: the parent with custody).
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_BURSARY, RIGHT_LOAN, RIGHT_NONE, right_by_training, stretched, swiss_or_eu_efta, whole_years
from ..dates import months as month_index
from ..rule import any_of, nan_to_num, round_half_up, rule, select

_JU = BY_KEY["aid_domicile"].values.index("JU")
_MONTHS = 12


def _year(day: np.ndarray) -> np.ndarray:
    return day.astype("datetime64[Y]").astype(np.int64) + 1970


# ---------------------------------------------------------------------------------------------------- reference date

@rule("LSF art. 30 al. 1 ; OSF art. 8, 66 al. 1 (état de fait au 1er août)",
      trace={"reference_date": ("Jour de référence (1er août de l'année de formation)",
                                "Reference date (1 August of the training year)")},
      slot="reference_date", variant="JU")
def reference_date(c, v):
    """LSF art. 30 al. 1, OSF art. 66 al. 1 — the facts of 1 August of the training year: the 1 August on or
    before ``year_start`` (a training begun in the second semester belongs to the year begun the August before)."""
    start = c["year_start"].astype("datetime64[M]")
    months = start.astype(np.int64)
    back = (months % 12 - 7) % 12                            # months since the last August
    dates = (start - back.astype("timedelta64[M]")).astype("datetime64[D]")
    if c.fixed_reference_date is not None:
        dates = np.full(c.n, np.datetime64(c.fixed_reference_date, "D"))
    return {"reference_date": dates}


# ---------------------------------------------------------------------------------------------------- independence

def _partner(c) -> np.ndarray:
    """OSF art. 3 lit. a, 38 al. 2 — married or in a registered partnership (``married``), or a concubinage:
    living together with at least one common child."""
    return c.true("married") | (c.true("cohabiting_partner") & c.true("common_child"))


@rule("OSF art. 48 lit. a-d ; LSF art. 26 al. 4",
      trace={"independence_code": ("Participation des parents réduite (15 % ou 10 %)",
                                   "Parents' participation reduced (15 % or 10 %)", "OSF art. 48 lit. a-d"),
             "parents_rate": ("Part de l'excédent des parents prise en compte", "Share of the parents' surplus counted",
                              "OSF art. 48")},
      slot="independence", variant="JU")
def independence(c, v):
    """OSF art. 48 — the share of the parents' surplus added to the student's budget: 10 % for a student
    married, in a registered partnership or a concubinage, or with children (lit. c-d); 15 % from the calendar year
    of his 25th birthday, or after a first training and three years of financial independence (lit. a-b); 75 %
    otherwise (lit. e). When several letters apply, the lowest share [reading J8]."""
    i = v.independence
    partner = _partner(c)
    family = partner | (c["student_children"] > 0)
    birth_year = _year(c["birth_date"]).astype(float)
    birth_year[np.isnat(c["birth_date"])] = np.nan
    older = (_year(c["reference_date"]) - birth_year) >= i.reduced_age
    independent = c.true("first_training_done") & (nan_to_num(c["years_independent"]) >= i.independent_years)
    rate = np.where(family, i.share_partner, np.where(older | independent, i.share_independent, i.share_dependent))
    reduced = family | older | independent
    return {"independence_code": reduced.astype(np.int8), "parents_rate": rate, "partner_counted": partner,
            "student_family": family, "financially_independent": independent,
            "notes": {v.codes.parents_reduced: reduced & ~c.is_("parents", "none")}}


# ---------------------------------------------------------------------------------------------------- right, duration

@rule("LSF art. 13, 18, 24-25 ; OSF art. 15-19", trace={"right": ("Droit selon la formation", "Right by training")},
      slot="right", variant="JU")
def right(c, v):
    """LSF art. 13, 18, 25 al. 1 — bursary, loan only or nothing by the training (JU.md §3.1); a reconversion (LSF
    art. 18 a, OSF art. 15) turns the loan of a second training into a bursary, not that of a doctorate or a
    further training (LSF art. 25 al. 1 a, OSF art. 29)."""
    base = right_by_training(c, v)
    lifted = c.true("reconversion") & (base == RIGHT_LOAN) & ~c.is_("programme_kind", "doctorate", "mas")
    return {"right": np.where(lifted, RIGHT_BURSARY, base).astype(np.int8), "reconversion_ok": lifted}


@rule("LSF art. 17 al. 3, 19 ; OSF art. 20-22",
      trace={"entitlement_semesters": ("Durée du droit (semestres)", "Entitlement (semesters)")},
      slot="entitlement", variant="JU")
def entitlement(c, v):
    """LSF art. 19 — the minimal duration (al. 1), lengthened in proportion for part time (art. 17 al. 3), + two
    semesters « pour autant que la formation dure au moins une année » (al. 2; OSF art. 22: as a loan)."""
    regular = c["regular_semesters"]
    extra = np.where(regular >= 2, v.duration.extra_semesters, 0)
    return {"entitlement_semesters": stretched(regular, c["part_time_ratio"]) + extra}


# ---------------------------------------------------------------------------------------------------- budgets

def _maintenance(m, adults_couple: np.ndarray, young: np.ndarray, older: np.ndarray) -> np.ndarray:
    """OSF art. 45 al. 1-3 — 12 × (the LP art. 93 base amount of the household + each dependent child's
    amount) × 1.10. A couple's base for two adults in a household; a single person's, or a single person's with
    dependent children (also for a common household, al. 3)."""
    children = young + older
    base = np.where(adults_couple, m.couple, np.where(children > 0, m.single_parent, m.single))
    return _MONTHS * (base + m.child_to_10 * young + m.child_over_10 * older) * (1 + m.supplement)


def _rent_cap(f, persons: np.ndarray) -> np.ndarray:
    """OSF art. 46 al. 1, 5 — the average rent of a dwelling of persons + 1 rooms, five at most (a year)."""
    table = np.array([np.nan, np.nan, f.rent_max.r2, f.rent_max.r3, f.rent_max.r4, f.rent_max.r5], dtype=float)
    rooms = np.clip(nan_to_num(persons, nan=1) + 1, 2, f.max_rooms).astype(int)
    return _MONTHS * table[rooms]


def _wealth_part(w, wealth: np.ndarray, allowance: np.ndarray) -> np.ndarray:
    """OSF art. 43 lit. b-c — 10 % of the net wealth above the allowance up to the allowance's amount, 25 %
    beyond."""
    above = np.maximum(nan_to_num(wealth) - allowance, 0.0)
    return w.rate_low * np.minimum(above, allowance) + w.rate_high * np.maximum(above - allowance, 0.0)


def _budget_trace(n: int) -> dict[str, tuple[str, str, str]]:
    b, e = f"Parent {n}", f"Parent {n}"
    return {
        f"p{n}_income": (f"{b} : revenu déterminant", f"{e}: determining income", "OSF art. 40, 44"),
        f"p{n}_wealth": (f"{b} : part de la fortune nette", f"{e}: share of net wealth", "OSF art. 43-44"),
        f"p{n}_taxes": (f"{b} : impôts", f"{e}: taxes", "OSF art. 41 al. 1 lit. a"),
        f"p{n}_maintenance": (f"{b} : frais d'entretien (minimum vital LP + 10 %)",
                              f"{e}: maintenance (LP minimum vital + 10 %)", "OSF art. 45"),
        f"p{n}_housing": (f"{b} : frais d'habitation", f"{e}: housing costs", "OSF art. 46 ; DSF art. 3"),
        f"p{n}_other_costs": (f"{b} : forfait pour autres frais (15 %) et frais particuliers",
                              f"{e}: other costs (15 %) and particular costs", "OSF art. 41 al. 2, 47"),
        f"p{n}_balance": (f"{b} : excédent ou découvert du budget", f"{e}: budget surplus or deficit",
                          "OSF art. 38-47"),
    }


@rule("OSF art. 38-47 ; DSF art. 3", trace={**_budget_trace(1), **_budget_trace(2)},
      slot="family_budgets", variant="JU")
def family_budgets(c, v):
    """OSF art. 38 — one budget for parents together (parent 1); when they live apart, a budget for each
    (al. 4: alternating custody, de facto separation, divorce after majority) unless parent 2 pays a maintenance
    fixed by a judge (al. 3: only the budget of the parent with custody, ``p2_pays_alimony``). Receipts (art. 39-40,
    43-44): the revenu total corrected, 85 % of a step-parent's share, a share of the net wealth. Charges (art.
    41, 45-47): taxes, the LP minimum vital + 10 %, housing up to the average rent, 15 % of the three, the
    particular costs admitted by the tax assessment."""
    f = v.family
    out: dict[str, np.ndarray] = {}
    missing = np.zeros(c.n, bool)
    apart = c.is_("parents", "apart")
    separate = apart & ~c.true("p2_pays_alimony")                         # art. 38 al. 4, art. 43 lit. a
    independent = c["financially_independent"]
    for n in (1, 2):
        p = f"p{n}_"
        counted = (c.is_("parents", "together", "apart") if n == 1 else apart) & ~c.true(p + "pays_alimony")
        adults = c[p + "adults"].astype(float)
        adults = np.where(adults < 1, np.nan, adults)
        others = c[p + "dependent_children"].astype(float)
        others = np.where(others < 0, np.nan, others)
        student_in = (~independent).astype(float) if n == 1 else np.zeros(c.n)       # art. 3 lit. e
        young = np.minimum(nan_to_num(c[p + "children_le10"].astype(float)), nan_to_num(others))
        older = others - young + student_in
        persons = adults + others + student_in
        common = c.true(p + "common_household")
        maintenance = _maintenance(f.maintenance, (adults >= 2) & ~common, young, older)
        owner = c.true(p + "owner_occupied")
        actual = nan_to_num(c[p + "housing_costs"]) + np.where(owner, f.owner_charges, 0.0)
        housing = np.minimum(actual, _rent_cap(f, persons)) * np.where(common, 0.5, 1.0)   # art. 46 al. 1, 3, 7
        taxes = nan_to_num(c[p + "taxes"])
        other = f.other_costs_rate * (maintenance + housing + taxes) + nan_to_num(c[p + "recognised_deductions"])
        step = nan_to_num(c[p + "stepparent_income"])
        income = (nan_to_num(c[p + "income_total"]) + nan_to_num(c[p + "income_addbacks"])
                  + nan_to_num(c[p + "supplementary_benefits"]) - nan_to_num(c[p + "imputed_rent"])
                  - nan_to_num(c[p + "income_excluded"]) - (1 - f.stepparent_share) * step)
        if n == 1:                                                          # art. 40 lit. c
            income = income + nan_to_num(c["alimony"]) + nan_to_num(c["pensions"])
        w = f.wealth
        allowance = (w.allowance + w.allowance_per_child * (nan_to_num(others) + student_in)) \
            * np.where(separate, w.separate_factor, 1.0)
        wealth = (nan_to_num(c[p + "net_wealth"])
                  - (1 - f.stepparent_share) * nan_to_num(c[p + "stepparent_wealth"]))
        wealth_part = _wealth_part(w, wealth, allowance)
        balance = income + wealth_part - (taxes + maintenance + housing + other)
        known = c.known(p + "income_total") & np.isfinite(adults) & np.isfinite(others)
        missing |= counted & ~known
        nan = np.where(counted, 1.0, np.nan)
        out.update({p + "income": income * nan, p + "wealth": wealth_part * nan, p + "taxes": taxes * nan,
                    p + "maintenance": maintenance * nan, p + "housing": housing * nan, p + "other_costs": other * nan,
                    p + "balance": balance * nan, p + "counted": counted,
                    # NaN where an amount the budget needs is NaN (a ``missing`` one): never read as 0
                    p + "surplus": np.where(counted & known, np.fmax(balance, 0.0) * np.where(np.isnan(balance),
                                                                                          np.nan, 1.0), 0.0)})
    out["budget_missing"] = missing
    return out


@rule("OSF art. 48", trace={"parents_share": ("Participation des parents", "Parents' participation",
                                                     "OSF art. 48")},
      slot="parents_share", variant="JU")
def parents_share(c, v):
    """OSF art. 48 — a part of each parent's surplus is added as income to the student's budget; a deficit is
    not carried. Lit. e: 75 % of the surplus divided by the children in post-compulsory training (the student
    included), an only child counting 1.25 units."""
    i = v.independence
    share = np.zeros(c.n)
    rate = c["parents_rate"]
    dependent = rate == i.share_dependent
    for n in (1, 2):
        in_training = nan_to_num(c[f"p{n}_children_in_training"].astype(float), nan=1.0)
        divisor = np.where(in_training >= 2, in_training, i.only_child_units)
        share += c[f"p{n}_surplus"] * rate / np.where(dependent, divisor, 1.0)
    return {"parents_share": share}


# ---------------------------------------------------------------------------------------------------- eligibility

@rule("LSF art. 10-14, 19-22, 31 ; OSF art. 14, 20, 23-24, 65",
      trace={"eligible": ("Éligible (LSF art. 10-14, 19-22 ; OSF art. 14, 20, 23, 65)",
                          "Eligible (LSF art. 10-14, 19-22 ; OSF art. 14, 20, 23, 65)")},
      slot="eligibility", variant="JU")
def eligibility(c, v):
    """Each failed condition is a reason code (JU.md §3.2)."""
    e = v.eligibility
    beneficiary = swiss_or_eu_efta(c, e.eu_efta) \
        | c.is_("permit", "C") | (c.is_("permit", "B") & (c["years_domicile_ch"] >= e.permit_b_min_years)) \
        | c.true("refugee_or_stateless")
    start = np.where(c.known("training_start"), c["training_start"], c["year_start"]).astype("datetime64[D]")
    age_at_start = whole_years(c["birth_date"], start)
    limit = np.where(c.true("reconversion"), e.age_limit_reconversion, e.age_limit)
    # OSF art. 20 al. 2: at least a year, in full-time equivalent for a part time; al. 4-5: preparatory trainings
    # and language stays excepted
    short = c.known("duration_months") & (c["duration_months"] * c["part_time_ratio"] < e.min_duration_months) \
        & ~c.is_("programme_kind", "preparatory", "language_stay")
    dates = c.known("application_date") & c.known("year_start")
    months = month_index(c["application_date"]) - month_index(c["reference_date"])
    last = (int(e.last_month) - 8) % 12            # months from August to May: 9
    codes = {
        "JU-LSF-10": ~beneficiary,
        "JU-LSF-10-2": c.true("study_stay_only"),
        "JU-LSF-11": c["aid_domicile_final"] != _JU,
        "JU-LSF-13": (c["right"] == RIGHT_NONE) | ~c.true("recognised"),
        "JU-OSF-14": c["part_time_ratio"] < e.min_part_time_ratio,
        "JU-OSF-20-2": short,
        "JU-LSF-19": c["semesters_aided"] >= c["entitlement_semesters"],
        "JU-LSF-20": (nan_to_num(c["years_in_training"]) >= e.max_training_years) & ~c.true("reconversion"),
        "JU-OSF-23-4": c["changes_of_course"] >= e.max_changes,
        "JU-LSF-22": age_at_start >= limit,
        "JU-OSF-65-4": dates & (months > last),
    }
    codes["JU-LSF-31"] = (~c.known("birth_date") | ~dates | ~c.known("regular_semesters") | ~c.known("housing")
                          | ~c.known("parents") | ~c.known("level") | c["budget_missing"])
    ineligible = any_of(codes.values(), c.n)
    # OSF art. 65 al. 1: 31 January after the start of the year; 30 April for a training begun in the second
    # semester (a year_start from February to July)
    second = (month_index(c["year_start"]) % 12 + 1 >= 2) & (month_index(c["year_start"]) % 12 + 1 <= 7)
    deadline = np.where(second, (int(e.deadline_month_second_semester) - 8) % 12, (int(e.deadline_month) - 8) % 12)
    late = dates & (months > deadline)
    remaining = np.where(late, np.clip(_MONTHS - 1 - months, 0, _MONTHS), _MONTHS).astype(float)
    return {"eligible": ~ineligible, "codes": codes, "claim_months": remaining}


# ---------------------------------------------------------------------------------------------------- student

@rule("OSF art. 19, 49-56 ; DSF art. 4-8",
      trace={"s_training": ("Frais de formation", "Training costs", "OSF art. 51 ; DSF art. 4"),
             "s_transport": ("Frais de transport", "Transport", "OSF art. 52"),
             "s_meals": ("Frais de repas", "Meals", "OSF art. 53 ; DSF art. 5"),
             "s_lodging": ("Logement et pension hors du domicile familial", "Lodging and board away from home",
                           "OSF art. 54 ; DSF art. 6-7"),
             "s_other": ("Forfait pour autres frais", "Flat rate for other costs", "OSF art. 55 ; DSF art. 8"),
             "s_household": ("Ménage de la personne en formation (entretien, habitation, impôts, 15 %)",
                             "Student's household (maintenance, housing, taxes, 15 %)", "OSF art. 56"),
             "needs": ("Dépenses reconnues (total)", "Recognised expenses (total)", "OSF art. 50")},
      slot="student_needs", variant="JU")
def student_needs(c, v):
    """OSF art. 50 — training costs (flat by level, the teaching materials and exam fees above 1 000, at most
    3 000: DSF art. 4), transport (art. 52), meals per day of training when the student cannot go home
    (art. 53), lodging up to 650 a month and full board instead of meals when living away is justified (art. 54), a
    flat rate for other costs (art. 55). Married, partnered or with children: the family budget of art. 45-47 by
    analogy instead of art. 54-55 (art. 56). Secondary I in a private school: transport and meals only (art. 19)."""
    s = v.student
    age = c["age"]
    compulsory = c.is_("programme_kind", "compulsory")
    family = c["student_family"]
    level_flat = np.where(c.is_("level", "tertiary"), s.training.tertiary, s.training.secondary_ii)
    extra = np.maximum(nan_to_num(c["training_costs"]) - s.training.materials_threshold, 0.0)
    training = np.where(compulsory, 0.0, np.minimum(level_flat + extra, s.training.max))
    transport = nan_to_num(c["transport"])
    away = c.known("housing") & ~c.is_("housing", "parents")
    justified = away & (c.true("training_outside_canton") | c["financially_independent"]
                        | c.true("own_household_reason")) & ~family & ~compulsory
    board = np.where(age >= s.board.age, s.board.from_25, s.board.under_25)
    lodging = np.where(justified, np.minimum(nan_to_num(c["housing_costs"]), _MONTHS * s.lodging_max) + board, 0.0)
    per_day = np.where(compulsory, s.meals.compulsory, s.meals.from_secondary_ii)
    meals = np.where(justified, 0.0, per_day * nan_to_num(c["meals_out"]))        # art. 54 al. 4
    other = np.where(compulsory | family, 0.0, np.where(age >= s.other.age, s.other.from_20, s.other.under_20))
    # art. 56: the student's own family budget by analogy with art. 41 al. 1 a, 45-47
    f = v.family
    partner = c["partner_counted"]
    kids = c["student_children"].astype(float)
    young = np.minimum(nan_to_num(c["student_children_le10"].astype(float)), kids)
    maintenance = _maintenance(f.maintenance, partner, young, kids - young)
    housing = np.minimum(nan_to_num(c["housing_costs"]), _rent_cap(f, 1.0 + partner + kids))
    taxes = nan_to_num(c["student_taxes"])
    household = np.where(family, maintenance + housing + taxes
                         + f.other_costs_rate * (maintenance + housing + taxes), 0.0)
    needs = training + transport + meals + lodging + other + household
    notes = {v.codes.lodging_not_justified: away & ~justified & ~family & ~compulsory}
    return {"s_training": training, "s_transport": transport, "s_meals": meals, "s_lodging": lodging,
            "s_other": other, "s_household": np.where(family, household, np.nan), "needs": needs, "notes": notes}


@rule("OSF art. 57-64 ; DSF art. 9-10",
      trace={"s_earnings": ("Revenus de la personne en formation pris en compte", "Student's income counted",
                            "OSF art. 57-59, 63 ; DSF art. 9"),
             "s_spouse": ("Revenu du conjoint, partenaire ou concubin", "Spouse's or partner's income",
                          "OSF art. 62 ; DSF art. 10"),
             "s_wealth": ("Part de la fortune", "Share of wealth", "OSF art. 64"),
             "resources": ("Recettes (total)", "Receipts (total)", "OSF art. 49")},
      slot="student_resources", variant="JU")
def student_resources(c, v):
    """OSF art. 57-64 — the gross earnings of the training year at 80 % (under 25, or married or partnered)
    or 50 % (art. 59), net daily allowances (art. 58, ``other_income``); without any income a flat income by age,
    or 12 000 for a part time not due to health or family (art. 57, DSF art. 9); with children, 80 % of the
    income or 12 000 at least (art. 63 by analogy with art. 62); the spouse's or partner's income at 80 % or a
    hypothetical 12 000, none with a child up to the 2nd primary year (art. 62, DSF art. 10); 20 % of the net
    wealth above 25 000 per person (art. 64); maintenance and pensions when no parent's budget takes them (art. 40
    lit. c); the parents' participation (art. 48). No flat income for a pupil of compulsory school (art. 19
    al. 2: only transport and distance costs are in that budget) [reading J13]."""
    s = v.student
    age = c["age"]
    partner = c["partner_counted"]
    kids = c["student_children"].astype(float)
    earnings = nan_to_num(c["earnings"])
    allowances = nan_to_num(c["other_income"])
    share = np.where((age < s.earnings.age) | partner | (kids > 0), s.earnings.share_young, s.earnings.share_older)
    counted = share * earnings
    no_income = (earnings <= 0) & (allowances <= 0)
    young_child = c.true("young_child")
    flat = np.where((c["part_time_ratio"] < 1) & ~c.true("part_time_special_reasons"), s.flat_income.part_time,
                    np.where(age >= s.flat_income.age, s.flat_income.from_20, s.flat_income.under_20))
    with_children = kids > 0
    own = np.where(with_children,
                   np.where(no_income & ~young_child, s.spouse.hypothetical, counted),
                   np.where(no_income & ~c.is_("programme_kind", "compulsory"), flat, counted)) + allowances
    spouse_income = nan_to_num(c["spouse_income"])
    spouse = np.where(partner, np.where(spouse_income > 0, s.spouse.share * spouse_income,
                                        np.where(young_child, 0.0, s.spouse.hypothetical)), 0.0)
    persons = 1.0 + partner + kids
    wealth = s.wealth.rate * np.maximum(nan_to_num(c["wealth"]) - s.wealth.allowance_per_person * persons, 0.0)
    unclaimed = np.where(c["p1_counted"], 0.0, nan_to_num(c["alimony"]) + nan_to_num(c["pensions"]))
    return {"s_earnings": own, "s_spouse": spouse, "s_wealth": wealth,
            "resources": own + spouse + wealth + unclaimed + c["parents_share"]}


# ---------------------------------------------------------------------------------------------------- award

@rule("OSF art. 22, 27-28, 30, 36-37, 65 al. 3 ; LSF art. 25",
      trace={"shortfall": ("Découvert (dépenses − recettes, arrondi)", "Shortfall (expenses − receipts, rounded)",
                           "LSF art. 26 al. 2 ; OSF art. 37"),
             "cap": ("Montant maximal", "Maximum amount", "OSF art. 36 al. 1-3"),
             "claim_months": ("Mois ouvrant droit", "Months with a claim", "OSF art. 65 al. 3"),
             "bursary": ("Bourse", "Bursary", "LSF art. 24 ; OSF art. 36"),
             "loan": ("Prêt", "Loan", "LSF art. 25 ; OSF art. 22, 27, 30"),
             "aid": ("Subside total", "Total award", "OSF art. 36-37")},
      slot="amounts", variant="JU")
def amounts(c, v):
    """OSF art. 36-37 — the shortfall, rounded, up to the maximum by level and situation + 4 000 per child
    (art. 36 al. 1-3); a late application only for the whole months left (art. 65 al. 3); nothing under 500 (al. 4).
    A loan instead of a bursary for the trainings of LSF art. 25 al. 1 a-b and the two extra semesters (ordonnance
    art. 22); the shortfall above the maximum as a repayable loan (art. 27), within 15 000 a year and 45 000 in all
    (art. 30 al. 2). A limit case (art. 28) is named, its loan left to the office [reading J12]."""
    a = v.award
    eligible = c["eligible"]
    age = c["age"]
    shortfall = round_half_up(c["needs"] - c["resources"])
    kind_cap = select(
        [c.is_("programme_kind", "compulsory"), c.is_("programme_kind", "language_stay"), c["student_family"],
         c.is_("level", "tertiary")],
        [a.cap.compulsory, a.cap.language_stay, a.cap.family, a.cap.tertiary],
        np.where(age >= a.cap.age, a.cap.secondary_ii_older, a.cap.secondary_ii_young))
    cap = kind_cap + a.cap.per_child * c["student_children"]
    months = np.asarray(c["claim_months"], dtype=float)
    period = months / _MONTHS
    positive = eligible & (shortfall > 0)
    need = np.where(positive, round_half_up(shortfall * period), 0.0)
    granted = np.minimum(need, round_half_up(cap * period))
    codes = {v.codes.late: positive & (months < _MONTHS),
             v.codes.cap: positive & (need > granted)}
    bursary_semesters = stretched(c["regular_semesters"], c["part_time_ratio"])
    extension = c["semesters_aided"] >= bursary_semesters
    loan_only = c["right"] == RIGHT_LOAN
    as_loan = loan_only | extension
    too_small = positive & (granted < a.minimum)
    codes[v.codes.minimum] = too_small
    granted = np.where(too_small, 0.0, granted)
    bursary = np.where(as_loan, 0.0, granted)
    loan = np.where(as_loan, granted, 0.0)
    codes[v.codes.loan_only] = eligible & loan_only & (granted > 0)
    codes[v.codes.extension_loan] = eligible & extension & ~loan_only & (granted > 0)
    complement = np.where(eligible & ~as_loan & (bursary > 0), need - granted, 0.0)
    codes[v.codes.complement_loan] = complement > 0
    loan = loan + complement
    room = np.minimum(a.loan_ceiling_year, np.maximum(a.loan_ceiling_total - nan_to_num(c["loans_received"]), 0))
    capped = np.minimum(loan, room)
    codes[v.codes.loan_ceiling] = eligible & (capped < loan)
    loan = capped
    limit = a.limit_case
    codes[v.codes.limit_case] = eligible & (bursary == 0) & (loan == 0) & ~loan_only \
        & (shortfall <= limit.upper) & (shortfall >= -limit.lower)
    return {"shortfall": shortfall, "cap": cap, "claim_months": months, "bursary": bursary, "loan": loan,
            "aid": bursary + loan, "amount_codes": codes}
