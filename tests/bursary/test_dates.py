"""The table-read calendar parts (``bursary.dates``) equal numpy's own calendar conversions, inside the table's
years, outside them and for NaT."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from xladdin.bursary import dates
from xladdin.bursary.cantons.ge import _deadline
from xladdin.bursary.common import whole_years
from xladdin.bursary.shared.reference_date import september_first

NAT = np.iinfo(np.int64).min
# days since 1970: 1600 to 2400, so both the table (1900-2199) and the dates beyond it are drawn; NaT too
day_numbers = st.one_of(st.integers(-135_000, 157_000), st.just(NAT))
date_arrays = arrays(np.int64, st.integers(0, 40), elements=day_numbers).map(lambda a: a.view("datetime64[D]"))


def _numpy_parts(d):
    m = d.astype("datetime64[M]")
    return (d.astype("datetime64[Y]").astype(np.int64) + 1970, m.astype(np.int64) % 12 + 1,
            (d - m.astype("datetime64[D]")).astype(np.int64) + 1)


@settings(max_examples=300, deadline=None)
@given(date_arrays)
def test_parts_equal_numpy_calendar(d):
    known = ~np.isnat(d)
    for ours, theirs in zip(dates.year_month_day(d), _numpy_parts(d)):
        assert np.array_equal(ours[known], theirs[known])
    assert np.array_equal(dates.months(d), d.astype("datetime64[M]").astype(np.int64))
    assert np.array_equal(dates.month_starts(d), d.astype("datetime64[M]").astype("datetime64[D]"), equal_nan=True)


@settings(max_examples=300, deadline=None)
@given(date_arrays, date_arrays)
def test_whole_years_by_birthday(start, end):
    n = min(start.size, end.size)
    start, end = start[:n], end[:n]
    years = whole_years(start, end)
    for s, e, y in zip(start, end, years):
        if np.isnat(s) or np.isnat(e):
            assert np.isnan(y)
            continue
        s, e = s.item(), e.item()                                  # datetime.date: the birthday counted by hand
        assert y == e.year - s.year - ((e.month, e.day) < (s.month, s.day))


@settings(max_examples=200, deadline=None)
@given(date_arrays, st.sampled_from([0, 1, 6, 11, 12, 18, 24]))
def test_reference_dates_equal_numpy_month_arithmetic(d, months):
    september = (d.astype("datetime64[Y]").astype("datetime64[M]") + np.timedelta64(8, "M")).astype("datetime64[D]")
    assert np.array_equal(september_first(d), september, equal_nan=True)
    start = d.astype("datetime64[M]")
    target = start + np.timedelta64(months, "M")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    expected = np.minimum(target.astype("datetime64[D]") + (d - start.astype("datetime64[D]")), last)
    assert np.array_equal(_deadline(d, months), expected, equal_nan=True)
