"""The rule registry: each legal step is one vectorised function that cites its article.

``@rule("LBPE art. 22 al. 3", trace={...})`` marks a step; the engine runs its list of steps in order and the
explanation trace is read off the same list (each traced output with its label and article), so the
explanation needs no second code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import pandas as pd

from ..schema import BY_KEY


@dataclass(frozen=True)
class Rule:
    name: str
    article: str
    func: Callable
    trace: dict[str, tuple[str, str]] = field(default_factory=dict)   # output -> (label_fr, label_en)
    slot: str = ""                 # the model slot this step fills (xladdin.bursary.model.SLOTS)
    variant: str = ""              # its name among the slot's variants, as rule sets choose it


SMALL = 32        # up to this many rows, comparing cell by cell costs less than factorising the column

# (slot, variant) -> step function; filled by the @rule decorators of the modules xladdin.bursary.model imports.
VARIANTS: dict[tuple[str, str], Callable] = {}


def rule(article: str, trace: dict[str, tuple[str, str]] | None = None, *, slot: str = "", variant: str = ""):
    """Mark a step function ``f(c, v) -> dict[str, ndarray]`` with its article and traced outputs; with ``slot``
    and ``variant`` it is one of the named choices a rule set's ``model:`` block can pick for that slot."""
    def wrap(func):
        func.rule = Rule(func.__name__, article, func, dict(trace or {}), slot, variant)
        if slot:
            key = (slot, variant)
            if key in VARIANTS:
                raise ValueError(f"two steps registered as {slot}/{variant}")
            VARIANTS[key] = func
        return func
    return wrap


class Columns(dict):
    """Input columns and the outputs of the steps run so far, with a few readable predicates."""

    def __init__(self, n: int, *args, **kw):
        super().__init__(*args, **kw)
        self.n = n
        self.fixed_reference_date = None      # a reference date given for the whole run
        self.reason_codes: tuple[str, ...] = ()

    def true(self, key: str) -> np.ndarray:
        """The boolean input is known and true (a missing value never counts in the applicant's favour)."""
        return np.equal(self[key], _ONE)

    def false(self, key: str) -> np.ndarray:
        """The boolean input is known and false."""
        return np.equal(self[key], _ZERO)

    def is_(self, key: str, *values: str) -> np.ndarray:
        """The enum input is one of ``values`` (its codes looked up once per field and values)."""
        if len(values) == 1:
            return np.equal(self[key], _enum_codes(key, values)[0])
        return _enum_mask(key, values)[self[key]]          # several values: one read of a table by code

    def among(self, key: str, codes) -> np.ndarray:
        """The text input (e.g. ``nationality``) is one of ``codes``; compared once per distinct value, since
        ``np.isin`` on text compares every cell with every code."""
        allowed = set(codes)
        column = self[key]
        if self.n <= SMALL:                           # a few rows (one Excel cell's applicant): cell by cell
            return np.fromiter((v is not None and v in allowed for v in column), dtype=bool, count=self.n)
        index, uniques = pd.factorize(column, use_na_sentinel=True)
        hit = np.fromiter((u in allowed for u in uniques), dtype=bool, count=len(uniques))
        return np.append(hit, False)[index]          # index -1 (missing) takes the appended False

    def known(self, key: str) -> np.ndarray:
        col = self[key]
        kind = col.dtype.kind
        if kind == "f":
            return np.equal(col, col)                       # NaN alone is not equal to itself
        if kind == "M":
            return ~np.isnat(col)
        if kind == "i":
            return np.greater_equal(col, _ZERO_CODE)
        return np.array([v is not None for v in col], dtype=bool)

    def lookup(self, key: str, amounts: dict[str, float], default: float = 0.0) -> np.ndarray:
        """Each row's amount by its enum value (``amounts``: value -> amount; ``default`` for the other values and
        a missing one): ``select`` over ``is_`` masks, as one indexing into a table made once per amounts."""
        return _lookup_table(key, tuple(amounts.items()), default)[self[key]]

    def unknown(self, key: str) -> np.ndarray:
        """``~known(key)`` in one operation: NaN, NaT, code -1, None."""
        col = self[key]
        kind = col.dtype.kind
        if kind == "f":
            return np.not_equal(col, col)
        if kind == "M":
            return np.isnat(col)
        if kind == "i":
            return np.less(col, _ZERO_CODE)
        return np.array([v is None for v in col], dtype=bool)


_ONE, _ZERO, _ZERO_CODE = np.float64(1.0), np.float64(0.0), np.int16(0)


@lru_cache(maxsize=None)
def _enum_codes(key: str, values: tuple[str, ...]) -> tuple:
    """The codes of ``values`` among the enum field's ``values`` (ValueError for a value it does not have)."""
    allowed = BY_KEY[key].values
    return tuple(np.int16(allowed.index(value)) for value in values)


@lru_cache(maxsize=None)
def _enum_mask(key: str, values: tuple[str, ...]) -> np.ndarray:
    """True at the codes of ``values``, false at the others and at the last place (code -1, missing)."""
    table = np.zeros(len(BY_KEY[key].values) + 1, bool)
    table[list(_enum_codes(key, values))] = True
    table.flags.writeable = False
    return table


@lru_cache(maxsize=256)
def _lookup_table(key: str, amounts: tuple, default: float) -> np.ndarray:
    values = BY_KEY[key].values
    table = np.full(len(values) + 1, float(default))              # the last place: code -1 (missing)
    for value, amount in amounts:
        table[values.index(value)] = amount
    table.flags.writeable = False
    return table


def any_of(masks, n: int) -> np.ndarray:
    """The rows where at least one of ``masks`` is true (none: all false); a chain of ``|``, since ``|=`` into a
    short array costs three times as much."""
    out = np.zeros(n, bool)
    for mask in masks:
        out = out | mask
    return out


def select(conditions, choices, default=0):
    """``np.select``, same result and dtype for any number of rows, without its fixed cost (broadcasting every
    argument in Python, about 13 µs) that dominates a one-applicant call: a chain of ``np.where`` from the last
    condition to the first, so the first true condition wins."""
    if len(conditions) != len(choices):
        raise ValueError("list of cases must be same length as list of conditions")
    if not conditions:
        raise ValueError("select with an empty condition list is not possible")
    choices = [_weak(choice) for choice in choices]       # Python numbers stay weakly typed, as numpy keeps them
    default = _weak(default)
    dtype = np.result_type(*choices, default)
    out = default
    for k in range(len(conditions) - 1, -1, -1):
        condition = conditions[k]
        if type(condition) is not np.ndarray:
            condition = np.asarray(condition)
        if condition.dtype.type is not np.bool_:
            raise TypeError("invalid entry in condlist: should be boolean ndarray")
        out = np.where(condition, choices[k], out)
    return out if out.dtype == dtype else out.astype(dtype)


def _weak(value):
    return value if type(value) in (int, float, complex) or type(value) is np.ndarray else np.asarray(value)


_FLOAT64 = np.finfo(np.float64)


def nan_to_num(x, nan: float = 0.0) -> np.ndarray:
    """``np.nan_to_num`` (NaN to ``nan``, ±inf to the largest finite values), same result for any number of
    rows, at the price of three ufuncs instead of its fixed Python cost."""
    x = np.asarray(x)
    if x.dtype.kind != "f":
        return np.nan_to_num(x, nan=nan)
    limits = _FLOAT64 if x.dtype == np.float64 else np.finfo(x.dtype)
    return np.where(np.isnan(x), nan, np.minimum(np.maximum(x, limits.min), limits.max))


def round_to(x, decimals: int) -> np.ndarray:
    """``np.round(x, decimals)`` (``decimals`` ≥ 0), the same numbers: for floats numpy's own arithmetic (times
    10**decimals, to the nearest even, divided back) in three ufuncs, without its fixed cost (3 µs a call)."""
    x = np.asarray(x)
    if x.dtype.kind != "f" or decimals < 0:
        return np.round(x, decimals)
    scale = _POWERS[decimals] if decimals < len(_POWERS) else 10.0 ** decimals
    return np.rint(x * scale) / scale


_POWERS = tuple(10.0 ** k for k in range(16))      # exact: numpy's power_of_ten gives the same doubles


def round_half_up(x: np.ndarray) -> np.ndarray:
    """Round to the franc, half up (floor(x + ½)); the 1e-6 guard absorbs binary noise such as 0.4999999999."""
    return np.floor(round_to(x, 6) + 0.5)
