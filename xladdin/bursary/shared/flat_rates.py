"""VAB §§ 18-26 (ZH LS 416.1) ; ABV Art. 25-33, 36, 38 (BE BSG 438.312) — the student side of the tax-based models.

Three variants named ``flat_rates`` (slots ``student_needs``, ``student_resources``, ``amounts``) compute the personal
budget and the award for Zurich and Bern alike (docs/rules/ZH.md §4 steps 4-6, §5; BE.md §4 steps 4-6, §5). What
differs is data: amounts, and a few string-valued switches stored as parameters with their article.

CONTRACT WITH THE FAMILY SIDE (xladdin/bursary/shared/tax_income.py). Columns this module reads, besides inputs:
- ``age`` (float, whole years on the reference date; slot ``age``), ``reference_date`` (datetime64[D]);
- ``own_household`` (bool): the student's own household is recognised (VAB § 23, ABV Art. 30);
- ``partner_counted`` (bool): a spouse, registered partner or qualifying de-facto partner is in the personal budget
  (VAB § 18 Abs. 2 a-c ; ABV Art. 25, 32 Abs. 2); ``student_band`` (int8 health band: 0 child, 1 young, 2 adult);
- ``with_parents`` (bool): the student counts as living in p1's household (housing = parents, or an own household
  not recognised; VAB § 20 Abs. 1, ABV Art. 29, 33 Abs. 2);
- ``counted_surplus`` (float ≥ 0): Σ surplus shares as counted (× independence factor), a resource of the student
  (VAB § 16 Abs. 2, § 19 Abs. 1 lit. a ; ABV Art. 23 Abs. 2-3);
- ``counted_deficit`` (float ≥ 0): the per-head deficit share of the student's household, a COST of the student
  (VAB § 17, § 20 Abs. 1 ; ABV Art. 24, 29) — positive, as Geneva's ``counted_deficit``;
- ``parents_share``, ``independence_code`` (written by the family side, passed through to the outputs);
- ``eligible``, ``right`` (slot ``eligibility`` / ``right``); ``late_months`` (float, calendar months past the
  deadline; only read when ``award.late_reduction`` = ``twelfths``, written by Bern's eligibility in ``be.py``).

Outputs (model.py contract): ``needs``, ``resources``, ``shortfall``, ``cap`` (NaN: none), ``bursary``, ``loan``,
``aid``, ``amount_codes``; traced figures ``s_*``, ``persons``, ``own_contribution``, ``divisor``, ``claim_months``
(NaN without a period factor), ``period_factor``,
``late_factor`` (NaN, so not shown by ``explain``, where the rule set does not apply them). The minimum is checked on
the aid before the split (BE.md step 6.4, [B13]) and again on what is left after the loan limits (a minor's loan
dropped, the ceiling): ABV Art. 38 Abs. 2 grants nothing below it.

PARAMETERS (dotted names). Both ZH-2021 and BE-2024 define every row; a row marked with a switch value in brackets,
e.g. (``imputed``), is read only when its switch has that value. ZH values = ZH.md §6, BE values = BE.md §6. An
unknown switch value is an error (ValueError naming the parameter), never a silent default.

| name | ZH-2021 | BE-2024 | article |
|---|---|---|---|
| (shared with tax_income.py, read there) ``student.partner.de_facto``, ``cohabitation.min_years`` | | | |
| ``student.own_contribution.mode`` (switch) | ``imputed`` | ``none`` | VAB § 19 Abs. 1 c, Anh. 3.1 |
| ``student.own_contribution.full_time`` / ``.full_time_min_age`` / ``.full_time_increased`` (``imputed``) | 3000 / 18 / 20000 | – | Anh. 3.1.1-3.1.2 |
| ``student.own_contribution.apprentices`` (bool, ``imputed``: apprentices, ``apprenticeship``, charged too) | false | – | Anh. 3.1.1 "Vollzeitstudierende" [R7] |
| ``student.own_contribution.part_time_base`` / ``.part_time_min`` (``imputed``) | 36000 / 3000 | – | Anh. 3.1.3 |
| ``student.own_contribution.part_time_increased_base`` / ``.part_time_increased_min`` (``imputed``) | 36000 / 20000 | – | Anh. 3.1.4 |
| ``student.own_contribution.increased_age`` / ``.reason_age`` (``imputed``) | 25 / 28 | – | BiG § 17 i, § 17 h Abs. 2 |
| ``student.earnings_share`` | 0.66 | 1 | VAB § 19 Abs. 1 d ; ABV Art. 26 |
| ``student.spouse_earnings_share`` | 0.66 | 1 | VAB § 19 Abs. 1 e ; ABV Art. 26 Abs. 1 |
| ``student.earnings_allowance.secondary_ii`` / ``.tertiary`` / ``.secondary_i_adult`` | 0 / 0 / 0 | 0 / 6000 / 0 | ABV Art. 26 Abs. 3, A1-1 Abs. 10 |
| ``student.wealth.base`` (switch: the input column) | ``wealth`` | ``taxable_wealth`` | VAB § 19 Abs. 1 g ; ABV Art. 27 |
| ``student.wealth.rate`` | 0.10 | 0.15 | idem |
| ``student.wealth.allowance.single`` / ``.couple`` / ``.per_child`` | 20000 / 40000 / 10000 | 0 / 0 / 0 | Anh. 3.2 ; ABV Art. 27 (none) |
| ``student.basic.p1`` … ``.pK``, ``.per_extra_person`` (K = the last ``p<k>`` given) | p1-p5, 2400 | p1-p7, 2448 | Anh. 4.1 ; A1-1 Abs. 1 |
| ``student.basic.shared_reduction`` (1 person in a shared flat, institution, boarding school) | 0 | 2838 | A1-1 Abs. 1 |
| ``student.housing.mode`` (switch) | ``flat`` | ``capped_actual`` | Anh. 4.2 ; ABV Art. 19, 31, A1-1 Abs. 6 |
| ``student.housing.p1`` … ``.p5_plus`` (flat, or maximum) | 9600 … 24000 | 10009 … 25260 | idem |
| ``student.health.mode`` (switch; ``capped_actual`` reads ``health_costs``) | ``flat_by_band`` | ``capped_actual`` | Anh. 4.3 ; ABV Art. 20, A1-1 Abs. 7 |
| ``student.health.adult`` / ``.young_adult`` / ``.child`` | 4400 / 2600 / 600 | 5400 / 4600 / 1400 | idem |
| ``student.health.young_adult_from`` / ``.adult_from`` (whole years) | 18 / 25 | 19 / 26 | [R3] ; [B2] |
| ``student.training.mode`` (switch) | ``flat`` | ``capped_actual`` | VAB § 21 ; ABV Art. 28 |
| ``training.materials.<level>``, ``training.fees.<level>`` (``flat``) | 600/1200/600, 0/1500/600 | – | Anh. 4.4.1-4.4.2 |
| ``training.max.<level>`` (``capped_actual``) | – | 2000 / 3000 (sec. II / tertiary) | A1-1 Abs. 4 |
| ``student.meals.mode`` (switch) | ``flat_per_week`` | ``per_meal_with_parents`` | Anh. 4.4.3 ; ABV Art. 33 Abs. 2 |
| ``training.meals`` / ``training.meals_days_basis`` (``flat_per_week``) | 1600 / 5 | – | Anh. 4.4.3 [R11] |
| ``meals.per_meal`` (``per_meal_with_parents``) | – | 10 | A1-1 Abs. 5 |
| ``student.further.mode`` (switch) | ``own_household_capped`` | ``childcare_actual`` | VAB § 22 ; ABV Art. 33 Abs. 3 |
| ``further.illness_max`` / ``further.childcare_max`` (``own_household_capped``) | 4000 / 10100 | – | Anh. 4.5 |
| ``student.compulsory_school_training_only`` (bool) | true | false | VAB § 24 |
| ``award.divisor`` (switch) | ``always`` | ``couples_only`` | VAB § 26 ; ABV Art. 32 |
| ``award.cap.mode`` (switch; ``by_level`` reads ``award.cap.<level>``, ``.per_child``) | ``none`` | ``none`` | [R14] ; BE.md §4 step 6 |
| ``award.period_factor`` (switch) | ``period_months`` | ``none`` | VAB § 7 [R16] |
| ``award.age_end`` (switch; ``end_of_birthday_month`` reads ``eligibility.max_age``; only with ``period_months``) | ``end_of_birthday_month`` | ``none`` | BiG § 17 Abs. 2 ; VAB § 7 Abs. 4 |
| ``award.claim_start`` (switch; ``month_after_complete_file`` reads ``file_complete_date``; only with ``period_months``) | ``month_after_complete_file`` | ``none`` | BiG § 18 Abs. 2 ; VAB §§ 6, 30 [R28] |
| ``award.late_reduction`` (switch; ``twelfths`` reads column ``late_months``) | ``none`` | ``twelfths`` | ABV Art. 36 Abs. 2 [B14] |
| ``award.minimum`` (aid below it is not granted; 0 = none) | 0 | 500 | [R14] ; ABV Art. 38 Abs. 2 [B13] |
| ``award.split`` (switch) | ``by_age`` | ``by_years`` | BiG § 17 j ; ABG 10-11 |
| ``form.loan_only_age`` (``by_age``) | 35 | – | BiG § 17 j Abs. 2 |
| ``split.bursary_years_tertiary`` / ``split.bursary_share_after`` (``by_years``) | – | 3 / 2/3 (as a float) | ABG 10 Abs. 2 |
| ``duration.max_training_years`` (``by_years``) | – | 12 | ABG 14 Abs. 1 ; ABV Art. 7 Abs. 1 b |
| ``loan.min_age`` / ``loan.ceiling`` (``by_years``) | – | 18 / 50000 | ABV Art. 9 ; ABG 11 |
| ``codes.<key>``: the reason code each amount rule raises (value = code) | see below | see below | |

``codes``: ZH ``increased_own_contribution`` = ZH-BiG-§17i, ``loan`` = ZH-BiG-§17j, ``claim_start`` = ZH-BiG-§18-2,
``age_end`` = ZH-VAB-§7-4. BE ``late`` = BE-ABV-36-2,
``minimum`` = BE-ABV-38-2, ``loan`` = BE-ABG-10, ``loan_years`` = BE-ABG-14-1, ``loan_minor`` = BE-ABV-9,
``loan_ceiling`` = BE-ABG-11. A code is read only by the switch value that raises it.
"""

from __future__ import annotations

import numpy as np

from ...schema import BY_KEY
from ..common import RIGHT_LOAN, whole_years
from ..dates import months as month_index
from ..rule import nan_to_num, round_half_up, rule, select
from .tax_income import _switch, by_persons, health_band

_LEVELS = BY_KEY["level"].values


def _by_level(c, table) -> np.ndarray:
    """An amount by ``level`` from a parameter node with one key per level; a level the node does not list (or a
    missing level) has no recognised amount: 0."""
    amounts = np.array([float(getattr(table, level, 0.0)) for level in _LEVELS] + [0.0])
    return amounts[c["level"]]


def _band_amount(bands: np.ndarray, h) -> np.ndarray:
    return np.choose(bands, [float(h.child), float(h.young_adult), float(h.adult)])


# ---------------------------------------------------------------------------------------------------- costs

@rule("VAB §§ 18, 20-24, Anh. 4 ; ABV Art. 25, 28-33, A1-1 Abs. 1, 4-7",
      trace={"persons": ("Personnes du budget personnel", "Persons in the personal budget",
                         "VAB § 18 ; ABV Art. 25, 32 Abs. 2"),
             "s_basic": ("Étudiant : besoins de base (ménage propre)", "Student: basic needs (own household)",
                         "VAB § 20 Abs. 2 a, Anh. 4.1 ; ABV Art. 31, 18, A1-1 Abs. 1"),
             "s_housing": ("Étudiant : logement (ménage propre)", "Student: housing (own household)",
                           "VAB § 20 Abs. 2 b, Anh. 4.2 ; ABV Art. 31, 19, A1-1 Abs. 6"),
             "s_health": ("Étudiant : soins médicaux de base", "Student: basic medical care",
                          "VAB § 20 Abs. 2 c, Anh. 4.3 ; ABV Art. 31, 20, A1-1 Abs. 7"),
             "s_deficit": ("Étudiant : part du découvert familial", "Student: share of the family deficit",
                                 "VAB § 20 Abs. 1 ; ABV Art. 29"),
             "s_training": ("Étudiant : frais de formation", "Student: training costs",
                            "VAB § 21 a-b, Anh. 4.4.1-4.4.2 ; ABV Art. 28, A1-1 Abs. 4"),
             "s_transport": ("Étudiant : transport", "Student: transport", "VAB § 21 c ; ABV Art. 33 Abs. 1"),
             "s_meals": ("Étudiant : repas", "Student: meals", "VAB § 21 d, Anh. 4.4.3 ; ABV Art. 33 Abs. 2, A1-1 Abs. 5"),
             "s_further": ("Étudiant : autres frais (pensions versées, maladie, garde d'enfants)",
                           "Student: further costs (maintenance paid, illness, childcare)",
                           "VAB § 22, Anh. 4.5 ; ABV Art. 33 Abs. 3"),
             "needs": ("Coûts reconnus (total)", "Recognised costs (total)", "VAB §§ 20-24 ; ABV Art. 28-33")},
      slot="student_needs", variant="flat_rates")
def student_needs(c, v):
    """VAB §§ 20-24 ; ABV Art. 28-33 — the personal budget's recognised costs.

    Living in the parents' household (or an own household not recognised): the deficit share of that household
    (VAB § 20 Abs. 1, ABV Art. 29). Own household: basic needs and housing by the persons of the budget and a health
    flat rate per person (VAB § 20 Abs. 2, ABV Art. 31). Always: training costs, transport, meals; further costs
    (VAB § 22: own household only; ABV Art. 33 Abs. 3: childcare of own children). VAB § 24: during compulsory
    schooling only the training costs.
    """
    s = v.student
    own, with_parents = c["own_household"], c["with_parents"]
    partner = c["partner_counted"]
    children = c["student_children"]
    persons = 1.0 + partner + children                             # VAB § 18 ; ABV Art. 25, 32 Abs. 2 [B9]

    # Basic needs, 1 person in a shared flat, institution or boarding school: less (A1-1 Abs. 1) [B8].
    shared = np.where(c.known("shared_housing"), c.true("shared_housing"),
                      c.is_("housing", "lease") & (c["occupants"] > 1))
    basic = by_persons(s.basic, persons) - s.basic.shared_reduction * ((persons == 1) & shared)
    table = by_persons(s.housing, persons)
    if _switch(s.housing.mode, ("flat", "capped_actual"), "student.housing.mode") == "flat":
        housing = table
    else:
        housing = np.minimum(nan_to_num(c["housing_costs"]), table)       # ABV Art. 19, 31 [B19]
    h = s.health
    partner_age = whole_years(c["partner_birth_date"], c["reference_date"])
    partner_band = np.where(np.isnan(partner_age), c["student_band"], health_band(partner_age, h))
    health = (_band_amount(c["student_band"], h) + partner * _band_amount(partner_band.astype(np.int8), h)
              + children * h.child)
    if _switch(h.mode, ("flat_by_band", "capped_actual"), "student.health.mode") == "capped_actual":
        # ABV Art. 20, 31 (B2): net premiums and dental costs, up to the flat rates; missing: BE-ABV-37 (budgets)
        health = np.minimum(nan_to_num(c["health_costs"]), health)
    basic, housing, health = (np.where(own, x, 0.0) for x in (basic, housing, health))

    training_mode = _switch(s.training.mode, ("flat", "capped_actual"), "student.training.mode")
    if training_mode == "flat":
        training = _by_level(c, v.training.materials) + _by_level(c, v.training.fees)
    else:
        training = np.minimum(nan_to_num(c["training_costs"]), _by_level(c, v.training.max))
    meals_mode = _switch(s.meals.mode, ("flat_per_week", "per_meal_with_parents"), "student.meals.mode")
    if meals_mode == "flat_per_week":
        basis = v.training.meals_days_basis
        meals = v.training.meals * np.minimum(c["meal_days_per_week"], basis) / basis        # [R11]
    else:
        meals = np.where(with_parents, v.meals.per_meal * c["meals_out"], 0.0)              # ABV Art. 33 Abs. 2
    transport = nan_to_num(c["transport"])

    further_mode = _switch(s.further.mode, ("own_household_capped", "childcare_actual"), "student.further.mode")
    if further_mode == "own_household_capped":
        f = v.further
        further = np.where(own, c["alimony_paid"] + np.minimum(c["illness_costs"], f.illness_max)
                           + np.minimum(c["childcare_costs"], f.childcare_max), 0.0)        # VAB § 22 [R12]
    else:
        further = np.where(children > 0, c["childcare_costs"], 0.0)                         # ABV Art. 33 Abs. 3 [B20]

    deficit = c["counted_deficit"]
    if bool(s.compulsory_school_training_only):                                             # VAB § 24
        school = c.true("in_compulsory_schooling")
        basic, housing, health, further, deficit = (np.where(school, 0.0, x)
                                                    for x in (basic, housing, health, further, deficit))
    needs = basic + housing + health + deficit + training + transport + meals + further
    return {"persons": persons, "s_basic": basic, "s_housing": housing, "s_health": health,
            "s_deficit": deficit, "s_training": training, "s_transport": transport, "s_meals": meals,
            "s_further": further, "needs": needs}


# ---------------------------------------------------------------------------------------------------- resources

def _own_contribution(c, v) -> tuple[np.ndarray, np.ndarray]:
    """VAB § 19 Abs. 1 lit. c, Anh. 3.1 ; BiG § 17 i, § 17 h Abs. 2 — the own contribution imputed to
    the student, earned or not, and where it is the increased one [R7, R8]; apprentices only if the rule set
    charges them. Bern has none."""
    o = v.student.own_contribution
    if _switch(o.mode, ("none", "imputed"), "student.own_contribution.mode") == "none":
        return np.zeros(c.n), np.zeros(c.n, bool)
    age = c["age"]
    # Anh. 3.1 names "Vollzeit-" and "Teilzeitstudierende": an apprentice (Lernende) is charged only when the rule
    # set says so (student.own_contribution.apprentices, reading R7).
    charged = np.ones(c.n, bool) if bool(o.apprentices) else ~c.true("apprenticeship")
    increased = charged & (age >= o.increased_age) & ~(c.true("stipend_age_reason") & (age < o.reason_age))
    full_time = np.where(increased, o.full_time_increased, np.where(age >= o.full_time_min_age, o.full_time, 0.0))
    ratio = np.where(c.known("reasonable_work_ratio"), c["reasonable_work_ratio"], 1.0 - c["part_time_ratio"])
    part_time = np.where(increased, np.maximum(o.part_time_increased_base * ratio, o.part_time_increased_min),
                         np.maximum(o.part_time_base * ratio, o.part_time_min))
    return np.where(charged, np.where(c["part_time_ratio"] < 1, part_time, full_time), 0.0), increased


@rule("VAB § 19, Anh. 3 ; ABV Art. 23 Abs. 2-3, 26-27, A1-1 Abs. 10",
      trace={"counted_surplus": ("Participation des parents (ressource)", "Parents' contribution (resource)",
                                 "VAB § 19 Abs. 1 a ; ABV Art. 23 Abs. 2-3"),
             "alimony": ("Pensions alimentaires reçues", "Maintenance received", "VAB § 19 Abs. 1 b ; ABV Art. 26 Abs. 2"),
             "own_contribution": ("Prestation propre imputée", "Own contribution imputed",
                                  "VAB § 19 Abs. 1 c, Anh. 3.1 ; BiG § 17 i"),
             "s_earnings": ("Revenu d'activité pris en compte", "Earned income counted",
                            "VAB § 19 Abs. 1 d ; ABV Art. 26 Abs. 2-3, A1-1 Abs. 10"),
             "s_spouse": ("Revenu du conjoint ou partenaire pris en compte", "Spouse's or partner's income counted",
                          "VAB § 19 Abs. 1 e ; ABV Art. 26 Abs. 1, 32 Abs. 2"),
             "pensions": ("Rentes", "Pensions", "VAB § 19 Abs. 1 f ; ABV Art. 26 Abs. 2"),
             "other_income": ("Autres revenus", "Other income", "VAB § 19 Abs. 1 f ; ABV Art. 26 Abs. 1-2"),
             "s_wealth": ("Part de la fortune", "Share of wealth", "VAB § 19 Abs. 1 g, Anh. 3.2 ; ABV Art. 27"),
             "resources": ("Revenus imputables (total)", "Countable income (total)", "VAB § 19 ; ABV Art. 26-27")},
      slot="student_resources", variant="flat_rates")
def student_resources(c, v):
    """VAB § 19 ; ABV Art. 23 Abs. 2, 26-27 — the personal budget's countable income: the parents' contribution,
    maintenance, the own contribution (ZH), earned income above it and above the allowance (BE tertiary), the
    income of a spouse or partner counted in the budget, pensions, other income, and a share of wealth."""
    s = v.student
    partner = c["partner_counted"]
    own_contribution, increased = _own_contribution(c, v)
    earnings = s.earnings_share * np.maximum(0.0, c["earnings"] - own_contribution
                                             - _by_level(c, s.earnings_allowance))
    # VAB § 19 Abs. 1 lit. e "der übrigen erfassten Personen", ABV Art. 26 Abs. 1: only a partner in the budget.
    spouse = s.spouse_earnings_share * c["spouse_income"] * partner
    w = s.wealth
    base = _switch(w.base, ("wealth", "taxable_wealth"), "student.wealth.base")
    allowance = np.where(partner, w.allowance.couple, w.allowance.single) + w.allowance.per_child * c["student_children"]
    wealth = w.rate * np.maximum(0.0, c[base] - allowance)
    resources = (c["counted_surplus"] + c["alimony"] + own_contribution + earnings + spouse + c["pensions"]
                 + c["other_income"] + wealth)
    notes = {}
    if s.own_contribution.mode == "imputed":
        notes[v.codes.increased_own_contribution] = c["eligible"] & increased
    shown = own_contribution if s.own_contribution.mode == "imputed" else np.full(c.n, np.nan)   # BE: none
    return {"own_contribution": shown, "s_earnings": earnings, "s_spouse": spouse, "s_wealth": wealth,
            "resources": resources, "notes": notes}


# ---------------------------------------------------------------------------------------------------- award

def _split(c, v, aid: np.ndarray, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict]:
    """The form of the award: BiG § 17 j (ZH: a loan from the loan-only age) ; ABG 10-11, ABV Art. 7, 9 (BE: loans
    for second trainings, beyond 12 training years, beyond the secondary-II duration; 2/3 bursary from the 4th
    tertiary year; no loan to a minor; the 50 000 ceiling) [R15, B15, B26]."""
    mode = _switch(v.award.split, ("by_age", "by_years"), "award.split")
    paid = eligible & (aid > 0)
    right_loan = c["right"] == RIGHT_LOAN
    if mode == "by_age":
        all_loan = right_loan | (c["age"] >= v.form.loan_only_age)
        loan = np.where(all_loan, aid, 0.0)
        return aid - loan, loan, {v.codes.loan: paid & all_loan}
    years = c["years_in_training"] >= v.duration.max_training_years
    sec2_beyond = c.is_("level", "secondary_ii") & (c["semesters_completed"] >= c["regular_semesters"])
    later_years = c.is_("level", "tertiary") & (c["semesters_completed"] >= 2 * v.split.bursary_years_tertiary)
    all_loan = right_loan | years | sec2_beyond
    bursary = select([all_loan, later_years], [0.0, round_half_up(aid * v.split.bursary_share_after)], aid)
    loan = aid - bursary
    by_years = paid & years & ~right_loan                            # ABV Art. 7 Abs. 1 b, the first rule applying
    codes = {v.codes.loan: paid & (loan > 0) & ~by_years, v.codes.loan_years: by_years}
    minor = c["age"] < v.loan.min_age                                # ABV Art. 9 Abs. 1: dropped, not a bursary
    codes[v.codes.loan_minor] = paid & minor & (loan > 0)
    loan = np.where(minor, 0.0, loan)
    rest = np.floor(np.maximum(0.0, v.loan.ceiling - c["loans_received"]))     # ABG 11 Abs. 1
    codes[v.codes.loan_ceiling] = paid & (loan > rest)
    return bursary, np.minimum(loan, rest), codes


def _months_before_claim(c) -> np.ndarray:
    """BiG § 18 Abs. 2 ("frühestens ab dem ersten Tag des Folgemonats, in dem das Gesuch vollständig vorliegt"),
    VAB § 6 (the training year begins on the first day of its month), § 30 (when a file is complete): the months
    of the contribution period before the claim starts. An empty ``file_complete_date`` is a file complete before
    the training year began: no month lost [reading R28]."""
    start = month_index(c["year_start"])
    claim = month_index(c["file_complete_date"]) + 1
    known = c.known("file_complete_date") & c.known("year_start")
    return np.where(known, np.maximum(0, claim - start), 0).astype(float)


def _months_until_age_limit(c, max_age) -> np.ndarray:
    """BiG § 17 Abs. 2 ("Die Beitragsberechtigung endet mit der Vollendung des 45. Altersjahres") with VAB § 7
    Abs. 4 (the period ends at the end of the month a condition falls away): the months of the period up to and
    including the month of that birthday; 12 when it falls after the period (or a date is missing)."""
    start = month_index(c["year_start"])
    birthday = c["birth_date"].astype("datetime64[M]") + np.timedelta64(int(max_age) * 12, "M")
    months = birthday.astype(np.int64) - start + 1
    known = c.known("birth_date") & c.known("year_start")
    return np.where(known, np.clip(months, 0, 12), 12).astype(float)


@rule("VAB §§ 7, 25-26 ; BiG § 17 Abs. 2, § 17 j, § 18 Abs. 2 ; ABV Art. 32, 36 Abs. 2, 38 Abs. 2 ; "
      "ABG Art. 10-11",
      trace={"shortfall": ("Découvert (coûts − revenus, arrondi au franc)", "Shortfall (costs − income, rounded)",
                           "VAB §§ 25-26 ; ABV Art. 13"),
             "divisor": ("Diviseur (personnes du budget, par tête)", "Divisor (persons in the budget, per head)",
                         "VAB § 26 Abs. 1 ; ABV Art. 32"),
             "cap": ("Plafond", "Cap", "award.cap (VAB, ABV : aucun)"),
             "claim_months": ("Mois de la période ouvrant droit (dès le mois suivant le dossier complet, "
                              "jusqu'au mois des 45 ans)",
                              "Months of the period with a claim (from the month after the complete file, to the "
                              "month of the 45th birthday)", "VAB §§ 6-7 ; BiG § 17 Abs. 2, § 18 Abs. 2"),
             "period_factor": ("Période de contribution (mois / 12)", "Contribution period (months / 12)",
                               "VAB § 7 ; BiG § 18 Abs. 2"),
             "late_factor": ("Réduction pour demande tardive ((12 − mois de retard) / 12)",
                             "Late-application reduction ((12 − months late) / 12)", "ABV Art. 36 Abs. 2"),
             "bursary": ("Bourse", "Bursary", "BiG § 17 j ; ABG Art. 10"),
             "loan": ("Prêt", "Loan", "BiG § 17 j ; ABG Art. 10-11 ; ABV Art. 7, 9"),
             "aid": ("Aide totale", "Total aid", "VAB § 26 Abs. 2 ; ABV Art. 38")},
      slot="amounts", variant="flat_rates")
def amounts(c, v):
    """VAB §§ 25-26, ABV Art. 32, 36, 38 — shortfall = round(costs − income); no claim when it is not positive
    (VAB § 25); divided per head (ZH always, § 26; BE for couples, Art. 32) [R13, B9, B16]; a cap if the rule set
    has one; × the contribution period (VAB § 7) [R16] less the months before the claim starts (BiG § 18 Abs. 2)
    [R28] and after the month of the 45th birthday (BiG § 17 Abs. 2, VAB § 7 Abs. 4), rounded; less a twelfth
    per month late (ABV Art. 36 Abs. 2) [B14], rounded; not granted under the minimum (ABV Art. 38 Abs. 2) [B13];
    then split into bursary and loan."""
    a = v.award
    eligible = c["eligible"]
    persons = c["persons"]
    shortfall = round_half_up(c["needs"] - c["resources"])
    divisor_mode = _switch(a.divisor, ("always", "couples_only", "never"), "award.divisor")
    divisor = {"always": persons, "couples_only": np.where(c["partner_counted"], persons, 1.0),
               "never": np.ones(c.n)}[divisor_mode]
    if _switch(a.cap.mode, ("none", "by_level"), "award.cap.mode") == "none":
        cap = np.full(c.n, np.nan)
    else:
        cap = _by_level(c, a.cap) + a.cap.per_child * c["student_children"]
    per_head = np.fmin(np.maximum(shortfall, 0.0) / divisor, cap)
    codes: dict[str, np.ndarray] = {}
    if _switch(a.period_factor, ("none", "period_months"), "award.period_factor") == "none":
        period = np.ones(c.n)
        claim_months = np.full(c.n, np.nan)
    else:
        claim_months = nan_to_num(c["period_months"], nan=12.0)
        if _switch(a.claim_start, ("none", "month_after_complete_file"), "award.claim_start") != "none":
            lost = _months_before_claim(c)                                   # BiG § 18 Abs. 2 ; VAB §§ 6, 30
            codes[v.codes.claim_start] = eligible & (lost > 0) & (shortfall > 0)
            claim_months = np.maximum(0.0, claim_months - lost)
        if _switch(a.age_end, ("none", "end_of_birthday_month"), "award.age_end") != "none":
            last = _months_until_age_limit(c, v.eligibility.max_age)        # BiG § 17 Abs. 2 ; VAB § 7 Abs. 4
            codes[v.codes.age_end] = eligible & (last < claim_months) & (shortfall > 0)
            claim_months = np.minimum(claim_months, last)
        period = claim_months / 12.0
    aid = round_half_up(per_head * period)
    late = np.ones(c.n)
    if _switch(a.late_reduction, ("none", "twelfths"), "award.late_reduction") == "twelfths":
        months = nan_to_num(c["late_months"])
        late = np.where(months >= 1, np.maximum(0.0, 12.0 - months) / 12.0, 1.0)
        codes[v.codes.late] = eligible & (aid > 0) & (months >= 1)
        aid = round_half_up(aid * late)
    aid = np.where(eligible & (shortfall > 0), aid, 0.0)
    if a.minimum > 0:
        too_small = eligible & (aid > 0) & (aid < a.minimum)
        codes[v.codes.minimum] = too_small
        aid = np.where(too_small, 0.0, aid)
    bursary, loan, split_codes = _split(c, v, aid, eligible)
    codes.update(split_codes)
    if a.minimum > 0:
        # ABV Art. 38 Abs. 2 "Beiträge von weniger als 500 Franken ... werden nicht gewährt": what is granted after
        # the loan limits (a minor's loan dropped, the ceiling) must reach the minimum too.
        granted = bursary + loan
        cut_below = eligible & (granted > 0) & (granted < a.minimum)
        codes[v.codes.minimum] = codes[v.codes.minimum] | cut_below
        bursary, loan = np.where(cut_below, 0.0, bursary), np.where(cut_below, 0.0, loan)
    nan = np.full(c.n, np.nan)                  # a factor the rule set does not apply is not traced
    return {"shortfall": shortfall, "divisor": divisor, "cap": cap, "claim_months": claim_months,
            "period_factor": nan if a.period_factor == "none" else period,
            "late_factor": nan if a.late_reduction == "none" else late,
            "bursary": bursary, "loan": loan, "aid": bursary + loan, "amount_codes": codes}
