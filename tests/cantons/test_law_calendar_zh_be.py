"""docs/reference/law-calendar.md (Zurich and Bern): which rule set each day of the academic years 2021/22 to
2026/27 resolves to. No amendment later than the texts held (VAB and BiG compilations of 1.1.2021; ABV Stand
01.08.2024, ABG Stand 01.11.2021) is held, so no later version exists; Bern's amounts before 01.08.2024 are not
held either, so Bern starts there."""

from __future__ import annotations

import datetime as dt

import pytest

from xladdin.errors import RulesError
from xladdin.rules import available, load

FIRST, LAST = dt.date(2021, 9, 1), dt.date(2027, 8, 31)


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("canton, start, rule_set", [("ZH", FIRST, "ZH-2021"), ("BE", dt.date(2024, 8, 1), "BE-2024")])
def test_every_day_resolves_to_exactly_one_version(canton, start, rule_set):
    versions = [rs for rs in available().values() if rs.canton == canton]
    for day in _days(start, LAST):
        covering = [rs.id for rs in versions if rs.covers(day)]
        assert covering == [rule_set], (day, covering)
        assert load(canton, day).id == rule_set


def test_bern_before_its_held_amounts_is_refused_not_guessed():
    """The A1-1 Abs. 1 and Abs. 5 amounts in force before 01.08.2024 are not in the texts held."""
    assert load("BE", dt.date(2024, 8, 1)).id == "BE-2024"
    with pytest.raises(RulesError):
        load("BE", dt.date(2024, 7, 31))


def test_the_texts_of_each_rule_set_are_held():
    for rid, laws in (("ZH-2021", ("VAB", "BiG")), ("BE-2024", ("ABV", "ABG"))):
        titles = " ".join(t["title"] for t in load(rid).texts)
        assert all(law in titles for law in laws) and "non détenu" not in titles, rid
