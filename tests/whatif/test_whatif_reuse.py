"""Re-running only the steps a changed parameter reaches (``engine.plan``, xladdin/bursary/reuse.py) gives exactly
the columns of a full ``engine.compute``: every shipped rule set, every parameter on its own, random combinations
of several, a fixed reference date; and the safety nets (a step that reads a whole namespace, iterates the columns
or writes into what it read) on models made for the test."""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
import pandas as pd
import pytest

from xladdin import rules as rules_mod
from xladdin.bursary import engine, model, reuse
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.whatif import prepare, run

RULE_SETS = sorted(rules_mod.available())


@lru_cache(maxsize=8)
def table(canton: str):
    """500 synthetic applicants, domiciled in the rule set's canton (else almost nobody is eligible there), except
    every fifth, whose domicile is derived (LBPE 16, concordat art. 6: the step that reads ``eligibility.adult_age``;
    where every row gives its domicile, that step has nothing to derive and reads no parameter)."""
    frame = synthetic_applicants(500, seed=11)
    frame["aid_domicile"] = np.where(np.arange(len(frame)) % 5 == 4, None, canton)
    return prepare(frame)


@lru_cache(maxsize=8)
def plan_of(rules_id: str, reference_date=None):
    rs = rules_mod.load(rules_id)
    return engine.plan(table(rs.canton).inputs, rs, reference_date)


@cache
def _texts(name: str) -> tuple[str, ...]:
    leaf = name.rsplit(".", 1)[-1]
    return tuple(sorted({p.value for rs in rules_mod.available().values() for n, p in rs.parameters.items()
                         if isinstance(p.value, str) and n.rsplit(".", 1)[-1] == leaf}))


def perturbed(rng, rs, name: str):
    """Another value of the parameter's type: a number times 0.5-1.5 (never 0 for a value ≥ 1), a switch flipped, a
    code of a code table taken among its siblings' codes (``training.rights.*``: a value two siblings share), or a
    text another shipped rule set gives a parameter of the same last name (``family.housing.mode``: the modes of
    every canton; one its model does not know must fail alike both ways); None when there is no other value, or
    when the parameter is the same amount as another (``same_as``: one varies the original)."""
    if rs.parameters[name].same_as:
        return None
    value = rs.parameters[name].value
    if isinstance(value, bool):
        return not value
    domain = rules_mod.domain(rs.parameters[name])
    if isinstance(value, int):
        new = int(round(value * rng.uniform(0.5, 1.5))) if value else int(rng.integers(1, 6))
        new = max(new, 1) if value >= 1 else new
        return _inside(new if new != value else value + 1, domain)
    if isinstance(value, float):
        return _inside(value * rng.uniform(0.5, 1.5) if value else float(rng.uniform(0.1, 1.0)), domain)
    if isinstance(value, str):
        parent = name.rsplit(".", 1)[0]
        siblings = [p.value for n, p in rs.parameters.items()
                    if n != name and isinstance(p.value, str) and n.rsplit(".", 1)[0] == parent]
        codes = sorted(set(siblings) - {value}) if value in siblings else sorted(set(_texts(name)) - {value})
        return codes[int(rng.integers(len(codes)))] if codes else None
    return None


def _inside(new, domain):
    """A changed value kept inside the parameter's domain (a ratio of 1 raised by a quarter becomes 0.75)."""
    if new > domain.high:
        new = type(new)(2 * domain.high - new)
    return type(new)(max(new, domain.low))


def check_same(plan, rs_changed) -> tuple[bool, ...] | None:
    """Both paths give the same columns and reasons (or fail alike); which steps ran again."""
    with np.errstate(all="ignore"):
        try:
            full = engine.compute(plan.inputs, rs_changed, plan.reference_date)
        except Exception as exc:  # noqa: BLE001   a value the model refuses: the reuse path refuses it too
            with pytest.raises(type(exc)):
                plan.compute(rs_changed)
            return None
        reused = plan.compute(rs_changed)
    assert reuse.differences(reused, full) == [], rs_changed.label
    assert list(engine.reasons(reused)) == list(engine.reasons(full))
    return plan.reruns(plan.changed(rs_changed))


@pytest.mark.parametrize("rules_id", RULE_SETS)
def test_every_parameter_alone_gives_the_full_result(rules_id):
    plan = plan_of(rules_id)
    rs = plan.rules
    assert plan.reusable                                # the shipped models can be recorded
    assert reuse.differences(plan.base, engine.compute(plan.inputs, rs)) == []
    rng = np.random.default_rng(1)
    tried, saved = 0, 0
    for name in rs.parameters:
        value = perturbed(rng, rs, name)
        if value is None:
            continue
        flags = check_same(plan, rs.with_overrides({name: value}))
        if flags is not None:
            tried += 1
            saved += not all(flags)
    assert tried >= len(rs.parameters) // 2
    assert saved >= tried // 2                          # most parameters leave some steps to the baseline


@pytest.mark.parametrize("rules_id", RULE_SETS)
def test_random_scenarios_of_several_parameters(rules_id):
    plan = plan_of(rules_id)
    rs = plan.rules
    rng = np.random.default_rng(sum(map(ord, rules_id)))           # seeded: the same scenarios every run
    names = [n for n in rs.parameters if perturbed(np.random.default_rng(0), rs, n) is not None]
    # the parameters read by the early steps, each in some scenario (eligibility.adult_age: aid_domicile)
    early = [n for n in ("eligibility.adult_age", "eligibility.reconversion_min_age") if n in rs.parameters]
    for i in range(25):
        chosen = list(rng.choice(names, size=int(rng.integers(2, 5)), replace=False))
        if early:
            chosen.append(early[i % len(early)])
        check_same(plan, rs.with_overrides({n: perturbed(rng, rs, n) for n in dict.fromkeys(chosen)}))


def test_a_fixed_reference_date():
    plan = plan_of("GE-2025", reference_date=pd.Timestamp("2025-09-01").date())
    rs = plan.rules
    for name, value in (("eligibility.adult_age", 21), ("amounts.cap.tertiary", 18_000),
                        ("independence.partial_min_age", 23)):
        check_same(plan, rs.with_overrides({name: value}))


def test_the_cap_reruns_the_last_step_only_and_the_adult_age_three():
    plan = plan_of("GE-2025")
    names = [step.__name__ for step in plan.steps]
    again = dict(zip(names, plan.reruns(frozenset({"amounts.cap.tertiary"}))))
    assert [n for n, flag in again.items() if flag] == ["amounts"]
    # LBPE 16: adult_age decides the domicile (aid_domicile), which eligibility reads, whose result amounts reads
    again = dict(zip(names, plan.reruns(frozenset({"eligibility.adult_age"}))))
    assert [n for n, flag in again.items() if flag] == ["aid_domicile", "eligibility", "amounts"]
    assert plan.compute(plan.rules) is plan.base
    assert plan.changed(plan.rules.with_overrides({"amounts.cap.tertiary": 16740})) == frozenset()


def test_run_with_and_without_reuse_agree():
    prepared = table("GE")
    vary = {"amounts.cap.tertiary": [15_000, 18_000], "eligibility.adult_age": [18, 20],
            "training.rights.master": ["L", "B"]}
    fast, plain = run(prepared, vary), run(prepared, vary, reuse=False)
    pd.testing.assert_frame_equal(fast.scenarios, plain.scenarios, check_exact=True)
    pd.testing.assert_frame_equal(fast.breakdown, plain.breakdown, check_exact=True)
    assert fast.baseline == plain.baseline


# --- the safety nets, on models made for the test (GE-2025's steps with one step wrapped) -------------------------

def _with_step(monkeypatch, slot: str, wrap):
    rs = rules_mod.load("GE-2025")
    steps = list(model.steps(rs))
    index = model.SLOTS.index(slot)
    steps[index] = wrap(steps[index])
    steps = tuple(steps)
    monkeypatch.setattr(model, "steps", lambda ruleset: steps)
    return rs, index


def test_a_step_reading_a_whole_namespace_depends_on_all_of_it(monkeypatch):
    def wrap(original):
        def entitlement(c, v):
            out = original(c, v)
            out["cap_names"] = np.full(c.n, sum(1 for _ in vars(v.amounts.cap)))
            out["caps_total"] = np.full(c.n, float(sum(vars(v.amounts.cap).values())))
            return out
        return entitlement

    rs, index = _with_step(monkeypatch, "entitlement", wrap)
    plan = engine.plan(table("GE").inputs, rs)
    assert plan.reusable
    assert plan.reruns(frozenset({"amounts.cap.tertiary"}))[index]
    assert not plan.reruns(frozenset({"amounts.min_bursary"}))[index]
    check_same(plan, rs.with_overrides({"amounts.cap.tertiary": 20_000}))


def test_a_step_iterating_the_columns_depends_on_every_column(monkeypatch):
    def wrap(original):
        def student_resources(c, v):
            out = original(c, v)
            names = [key for key in c.keys() if key != "columns_seen"]  # noqa: SIM118  (keys(): iterating c)
            out["columns_seen"] = np.full(c.n, len(names))
            return out
        return student_resources

    rs, index = _with_step(monkeypatch, "student_resources", wrap)
    plan = engine.plan(table("GE").inputs, rs)
    assert plan.reruns(frozenset({"eligibility.adult_age"}))[index]       # reruns: something before it changed
    check_same(plan, rs.with_overrides({"eligibility.adult_age": 20}))


def test_a_step_writing_into_what_it_read_turns_reuse_off(monkeypatch):
    def wrap(original):
        def independence(c, v):
            years = c["years_independent"]
            years += 0.0                                   # in place: the baseline's array would change
            return original(c, v)
        return independence

    rs, _ = _with_step(monkeypatch, "independence", wrap)
    plan = engine.plan(table("GE").inputs, rs)
    assert not plan.reusable
    check_same_full = engine.compute(plan.inputs, rs.with_overrides({"amounts.cap.tertiary": 20_000}))
    assert reuse.differences(plan.compute(rs.with_overrides({"amounts.cap.tertiary": 20_000})),
                             check_same_full) == []
