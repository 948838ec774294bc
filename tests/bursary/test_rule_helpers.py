"""The engine's ``select``, ``nan_to_num`` and ``round_to`` give numpy's results and dtypes for any number of rows;
the column helpers (``is_``, ``lookup``, ``unknown``, ``any_of``) what the comparisons they stand for give."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from xladdin.bursary.rule import Columns, any_of, nan_to_num, round_to, select
from xladdin.schema import BY_KEY

floats = st.floats(allow_nan=True, allow_infinity=True, width=64)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(
    st.lists(hnp.arrays(bool, n), min_size=1, max_size=5),
    st.lists(st.one_of(hnp.arrays(np.float64, n, elements=floats), hnp.arrays(np.int16, n), floats,
                       st.integers(-5, 5)), min_size=5, max_size=5),
    st.one_of(floats, st.integers(-1, 1), hnp.arrays(np.int64, n)))))
def test_select_is_numpys(case):
    conditions, choices, default = case
    choices = choices[:len(conditions)]
    want, got = np.select(conditions, choices, default), select(conditions, choices, default)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_select_refuses_what_numpy_refuses():
    with pytest.raises(TypeError):
        select([np.array([1])], [np.array([2.0])], 0.0)
    with pytest.raises(ValueError):
        select([], [], 0.0)


@settings(max_examples=200, deadline=None)
@given(st.one_of(hnp.arrays(np.float64, st.integers(0, 40), elements=floats),
                 hnp.arrays(np.float32, st.integers(0, 40), elements=st.floats(width=32)),
                 hnp.arrays(np.int32, st.integers(0, 40))),
       st.sampled_from([0.0, 1.0, 12.0, -1.0]))
def test_nan_to_num_is_numpys(x, nan):
    want, got = np.nan_to_num(x, nan=nan), nan_to_num(x, nan=nan)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


@settings(max_examples=300, deadline=None)
@given(st.one_of(hnp.arrays(np.float64, st.integers(0, 40), elements=floats),
                 hnp.arrays(np.float64, st.integers(0, 40),
                            elements=st.integers(-10 ** 12, 10 ** 12).map(lambda k: k / 2 + 0.4999995)),
                 hnp.arrays(np.float32, st.integers(0, 40), elements=st.floats(width=32)),
                 hnp.arrays(np.int64, st.integers(0, 40))),
       st.integers(0, 12))
def test_round_to_is_numpys(x, decimals):
    with np.errstate(all="ignore"):                       # 1e308 × 10**6 overflows in numpy's round as well
        want, got = np.round(x, decimals), round_to(x, decimals)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got.view(np.uint8), want.view(np.uint8))      # bit for bit (-0.0, NaN too)


HOUSING = BY_KEY["housing"].values
codes = st.integers(0, 40).flatmap(lambda n: hnp.arrays(np.int16, n, elements=st.integers(-1, len(HOUSING) - 1)))


@settings(max_examples=200, deadline=None)
@given(codes, st.lists(st.sampled_from(HOUSING), min_size=1, max_size=4, unique=True),
       st.lists(st.integers(-5, 50_000), min_size=len(HOUSING), max_size=len(HOUSING)),
       st.sampled_from([0.0, np.nan, 7.5]))
def test_enum_helpers_are_their_definitions(column, values, amounts, default):
    """``is_`` of several values, ``lookup`` and ``unknown`` give what the comparisons they stand for give."""
    c = Columns(len(column), {"housing": column})
    wanted = [HOUSING.index(value) for value in values]
    np.testing.assert_array_equal(c.is_("housing", *values), np.isin(column, wanted))
    table = dict(zip(values, amounts))
    want = select([column == HOUSING.index(value) for value in table], list(table.values()), default)
    got = c.lookup("housing", table, default)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, want.astype(float))
    np.testing.assert_array_equal(c.unknown("housing"), ~c.known("housing"))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 40).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(hnp.arrays(bool, n), max_size=6),
    hnp.arrays(np.float64, n, elements=floats))))
def test_any_of_and_unknown_of_numbers(case):
    n, masks, numbers = case
    want = np.logical_or.reduce(masks) if masks else np.zeros(n, bool)
    np.testing.assert_array_equal(any_of(masks, n), want)
    c = Columns(n, {"x": numbers})
    np.testing.assert_array_equal(c.unknown("x"), np.isnan(numbers))
    np.testing.assert_array_equal(c.known("x"), ~np.isnan(numbers))
