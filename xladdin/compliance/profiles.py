"""Concordat of 2009 art. 5, 12, 13, 15, 19 — synthetic applicants that put a rule set's engine to the test.

Each profile is one applicant row in the one schema (``xladdin.schema``). A row carries every key any canton's
model reads for the same fact (GE ``semesters_aided`` and BE ``semesters_completed``, GE ``p1_rdu`` and ZH/BE
``p1_income_total``...): a model reads its own keys and ignores the rest, so the same profile means the same
person under every rule set. Nothing here computes an amount: the engine (``xladdin.assess``) does.

The worst case of concordat art. 15 is a person with no resources at all and the largest recognised costs: own
household (with a compelling reason, so that cantons which recognise it only then do), no income, no wealth, no
parents' contribution (``parents = none``, or parents without any resources), and actual costs entered above
any cantonal maximum (rent, training costs, BE's actual health costs) so that the maximum is what counts.
"""

from __future__ import annotations

import datetime as dt

from ..rules import RuleSet

ABOVE_ANY_MAXIMUM = 100_000          # an actual cost (rent, fees) that every cantonal maximum caps
LEVELS = {"secondary_ii": "initial_sec2", "tertiary": "bachelor"}
FAMILIES = {
    # family: (housing, occupants, married, children)
    "single": ("lease", 1, False, 0),
    "single_parent": ("household", 2, False, 1),
    "married_child": ("household", 3, True, 1),
}
LABELS = {
    "secondary_ii": ("secondaire II", "upper secondary"), "tertiary": ("tertiaire", "tertiary"),
    "single": ("personne seule", "single"), "single_parent": ("parent seul, 1 enfant", "single parent, 1 child"),
    "married_child": ("marié·e, 1 enfant", "married, 1 child"),
    "none": ("sans parents", "no parents"), "together": ("parents sans ressources", "parents without resources"),
}


def start_of(rules: RuleSet) -> dt.date:
    """A training-year start inside the rule set's validity (its first day + 14), so its reference date is too."""
    return rules.valid_from + dt.timedelta(days=14)


def born(start: dt.date, age: int) -> dt.date:
    """31 December of the year that makes the person ``age`` on any reference date of ``start``'s year."""
    return dt.date(start.year - age - 1, 12, 31)


def _years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)


def parents_fields(kind: str, income: float = 0) -> dict:
    """``none`` (no parents' budget) or one joint budget of two parents with ``income`` and nothing else."""
    if kind == "none":
        return {"parents": "none"}
    return {"parents": "together", "p1_adults": 2, "p1_children_le10": 0, "p1_children_gt10": 0, "p1_children": 1,
            "p1_in_training": 0, "p1_children_in_training": 1, "p1_rdu": income, "p1_income_total": income,
            "p1_net_wealth": 0, "p1_taxable_wealth": 0, "p1_health_premiums": 0, "p1_taxes": 0,
            "p1_housing_costs": 0, "p1_professional_costs": 0, "p1_pays_alimony": False,
            "p1_health_costs": ABOVE_ANY_MAXIMUM, "p1_charges_zone": "2", "p1_dependent_children": 0,
            "p1_taxable_income": 0, "p1_income_2400": income}


def profile(rules: RuleSet, applicant_id: str, *, level: str = "tertiary", family: str = "single", age: int = 20,
            parents: str = "none", **changes) -> dict:
    """One applicant with no resources and the largest recognised costs; ``changes`` replace any field."""
    start = start_of(rules)
    housing, occupants, married, children = FAMILIES[family]
    row = {
        "applicant_id": applicant_id, "last_name": "Profil", "first_name": applicant_id,
        "birth_date": born(start, age).isoformat(), "nationality": "CH", "permit": "none", "years_domicile_ch": 20,
        "refugee_or_stateless": False, "study_stay_only": False, "eu_efta_frontier_parent": False,
        "parents_abroad": False, "aid_domicile": rules.canton, "excluded_benefit": False,
        "programme_kind": LEVELS[level], "level": level, "reconversion": False, "recognised": True,
        "regular_semesters": 6, "semesters_aided": 0, "semesters_completed": 0, "part_time_ratio": 1,
        "changes_of_course": 0, "trainings_abandoned": 0, "years_in_training": 0,
        "application_date": start.isoformat(), "year_start": start.isoformat(), "training_start": start.isoformat(),
        "housing": housing, "occupants": occupants, "own_household_reason": True, "lives_with_parents": False,
        "shared_housing": False, "married": married, "student_children": children,
        "student_children_le10": children, "earnings": 0, "spouse_income": 0, "alimony": 0, "pensions": 0,
        "other_income": 0, "wealth": 0, "taxable_wealth": 0, "health_premiums": 0, "transport": 0,
        "student_taxes": 0, "housing_costs": ABOVE_ANY_MAXIMUM, "training_costs": ABOVE_ANY_MAXIMUM,
        "childcare_costs": 0, "health_costs": ABOVE_ANY_MAXIMUM, "meal_days_per_week": 5, "first_training_done": False, "years_independent": 0,
        "independent_income": 0, "years_full_time_work": 0, "loans_received": 0,
        # Vaud (RLAEF annexe 1-2): zone 2 (Lausanne), the level's study-costs category, no RDU nor taxable income
        "charges_zone": "2", "training_category": "university" if level == "tertiary" else "school",
        "student_rdu": 0, "taxable_income": 0,
        **parents_fields(parents),
    }
    row.update(changes)
    return row


def in_year(rules: RuleSet, year: int, started_at: int, regular: int = 6) -> dict:
    """The changes for someone in training year ``year`` (1 = first) of a training begun at age ``started_at``."""
    start = start_of(rules)
    done = 2 * (year - 1)
    return {"birth_date": born(start, started_at + year - 1).isoformat(), "regular_semesters": regular,
            "semesters_aided": done, "semesters_completed": done, "years_in_training": year - 1,
            "training_start": _years_before(start, year - 1).isoformat()}


def label(level: str, family: str, age: int, lang: str = "fr") -> str:
    """``tertiaire, personne seule, 20 ans`` / ``tertiary, single, age 20``."""
    i = 1 if lang == "en" else 0
    years = f"age {age}" if lang == "en" else f"{age} ans"
    return f"{LABELS[level][i]}, {LABELS[family][i]}, {years}"
