"""The canton-generic bursary model: one fixed sequence of slots, a named variant chosen for each by the rule set.

Every cantonal ordinance computes in the same order (concordat art. 15-19): reference date and age, domicile,
independence from the parents, the right the training gives, its duration, the family budgets, eligibility, the
parents' share, the student's recognised costs and own resources, then the award (cap, minimum, bursary/loan).
A rule set's ``model:`` block names, for each slot, which variant applies (``family_budgets: tax_income``), and its
``parameters`` carry the amounts and the finer switches; so a canton whose rules the variants already cover is
added with files only. A variant is a ``@rule(..., slot=, variant=)`` step of a module of ``cantons/`` (one module
per canton, ``cantons/<code>.py``, its own variants named by the canton's code: ``variant: GE``) or of ``shared/``
(variants several cantons use, named for what they compute: ``tax_income``, ``flat_rates``, ``month_start``...);
both packages are imported whole, the same way, on first use, so a new canton is a new module and a rule set.

What every model must leave in the columns (read by ``assess``): ``eligible``, ``codes`` (reason masks, rows
ineligible), ``amount_codes`` (information masks), ``independence_code`` (0 none, 1 partial, 2 full),
``parents_share``, ``needs``, ``resources``, ``shortfall``, ``cap`` (NaN: none), ``bursary``, ``loan``, ``aid``,
``entitlement_semesters`` (NaN: no limit). Any step may also return ``notes``: information masks (a code that does
not make the row ineligible, e.g. "own household not recognised"); they join ``reasons`` in the rule set's order.
"""

from __future__ import annotations

from functools import lru_cache

from .rule import VARIANTS

SLOTS = ("reference_date", "age", "domicile", "independence", "right", "entitlement", "family_budgets",
         "eligibility", "parents_share", "student_needs", "student_resources", "amounts")


@lru_cache(maxsize=1)
def _load_extra() -> None:
    """Import every module of ``xladdin.bursary.cantons`` and ``xladdin.bursary.shared`` so that their steps
    register (no canton is imported first or by name)."""
    import importlib
    import pkgutil

    from . import cantons, shared
    for package in (shared, cantons):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")


def variant_names(slot: str) -> list[str]:
    """The variant names available for a slot."""
    _load_extra()
    return sorted(name for s, name in VARIANTS if s == slot)


@lru_cache(maxsize=64)
def _steps(choices: tuple[tuple[str, str], ...]) -> tuple:
    _load_extra()
    chosen = dict(choices)
    return tuple(VARIANTS[(slot, chosen[slot])] for slot in SLOTS)


def steps(ruleset) -> tuple:
    """The step functions a rule set runs, in the model's order."""
    return _steps(tuple(sorted(ruleset.choices.items())))


def check_choices(rules_id: str, choices: dict[str, str]) -> list[str]:
    """Problems with a rule set's ``model:`` block (a missing slot, an unknown variant); empty when it is sound."""
    _load_extra()
    problems = [f"{rules_id}: model slot '{slot}' has no variant" for slot in SLOTS if slot not in choices]
    problems += [f"{rules_id}: unknown model slot '{slot}'" for slot in choices if slot not in SLOTS]
    problems += [f"{rules_id}: slot '{slot}' has no variant '{name}' (known: {', '.join(variant_names(slot))})"
                 for slot, name in choices.items() if slot in SLOTS and (slot, name) not in VARIANTS]
    return problems
