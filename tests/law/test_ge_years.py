"""Issue 15 — every Geneva academic year from 2021/22 to 2026/27 has its rule set: ``rules="GE"`` resolves each
day from 01.09.2021 to 31.08.2027 to exactly one version, and each version holds the amounts of its year (what
is carried from another year is marked and says from where)."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

import xladdin
from xladdin import rules as rules_mod
from xladdin.cli import app

from ..bursary.conftest import BASE

FIRST, LAST = dt.date(2021, 9, 1), dt.date(2027, 8, 31)
YEARS = {"GE-2022": (dt.date(2021, 9, 1), dt.date(2023, 8, 31)), "GE-2023": (dt.date(2023, 9, 1), dt.date(2024, 8, 31)),
         "GE-2024": (dt.date(2024, 9, 1), dt.date(2025, 8, 31)), "GE-2025": (dt.date(2025, 9, 1), dt.date(2026, 8, 31)),
         "GE-2026": (dt.date(2026, 9, 1), dt.date(2027, 8, 31))}


def _geneva():
    return [rs for rs in rules_mod.available().values() if rs.canton == "GE"]


def test_every_day_resolves_to_exactly_one_version():
    sets = _geneva()
    day, seen = FIRST, set()
    while day <= LAST:
        covering = [rs.id for rs in sets if rs.covers(day)]
        assert len(covering) == 1, (day, covering)
        assert rules_mod.load("GE", day).id == covering[0]
        seen.add(covering[0])
        day += dt.timedelta(days=1)
    assert seen == set(YEARS)
    for rid, (start, end) in YEARS.items():
        rs = rules_mod.load(rid)
        assert (rs.valid_from, rs.valid_to) == (start, end)


def test_versions_follow_one_another_without_gap():
    sets = sorted(_geneva(), key=lambda rs: rs.valid_from)
    for before, after in zip(sets, sets[1:]):
        assert after.valid_from == before.valid_to + dt.timedelta(days=1), (before.id, after.id)


@pytest.mark.parametrize("year, rid", [(2021, "GE-2022"), (2022, "GE-2022"), (2023, "GE-2023"), (2024, "GE-2024"),
                                       (2025, "GE-2025"), (2026, "GE-2026")])
def test_an_applicant_is_assessed_under_the_version_of_his_year(year, rid):
    row = dict(BASE, year_start=f"15.09.{year}", application_date=f"01.10.{year}", birth_date=f"01.03.{year - 20}")
    assert xladdin.assess([row], rules="GE")["rules"].iloc[0] == f"{rid} v1.0"


def test_every_version_has_the_same_parameters_and_model():
    sets = _geneva()
    names = set(sets[0].parameters)
    for rs in sets[1:]:
        assert set(rs.parameters) == names, rs.id
        assert rs.choices == sets[0].choices and rs.reason_codes == sets[0].reason_codes


CARRIED_BASIC = ["budget.basic.single", "budget.basic.single_parent", "budget.basic.couple",
                 "budget.basic.child_le10", "budget.basic.child_gt10"]


@pytest.mark.parametrize("rid, norms", [("GE-2023", "NI-2023"), ("GE-2024", "NI-2024")])
def test_minimum_vital_of_a_year_not_held_is_carried_and_says_from_where(rid, norms):
    rs = rules_mod.load(rid)
    for name in CARRIED_BASIC:
        p = rs.parameters[name]
        assert p.carried and norms in p.note and "NI-2026" in p.note, name
    carried = {n for n, p in rs.parameters.items() if p.carried}
    assert carried == set(CARRIED_BASIC)               # every RBPE amount of 2023/24 and 2024/25 is held
    assert any(norms in str(t) for t in rs.texts)


def test_2026_27_carries_nothing():
    """NI-2026 is in force on 1 September 2026; the RBPE held has no later modification."""
    assert not [n for n, p in rules_mod.load("GE-2026").parameters.items() if p.carried]


def test_the_indexation_of_1_september_2023_is_where_the_caps_change():
    before, after = rules_mod.load("GE-2022"), rules_mod.load("GE-2023")
    changed = {n for n in before.parameters if before.value(n) != after.value(n)}
    assert changed == {"amounts.cap.secondary_ii", "amounts.cap.tertiary", "amounts.cap.reconversion"}
    for a, b in zip(["GE-2023", "GE-2024", "GE-2025"], ["GE-2024", "GE-2025", "GE-2026"]):
        x, y = rules_mod.load(a), rules_mod.load(b)
        assert {n for n in x.parameters if x.value(n) != y.value(n)} == set(), (a, b)


def test_rules_list_shows_the_continuous_coverage(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, ["rules", "list"])
    assert res.exit_code == 0, res.output
    lines = [line for line in res.output.splitlines() if "GE-20" in line]
    assert [line.split("│")[1].strip() for line in lines] == list(YEARS)
    for line, (start, end) in zip(lines, YEARS.values()):
        assert start.strftime("%d.%m.%Y") in line and end.strftime("%d.%m.%Y") in line
