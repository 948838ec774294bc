"""Properties (hypothesis): the average stays within the grades, acquired credits never exceed enrolled ones,
the whole-table transcript agrees with the one-student helpers, and the semester count is the exact ceiling."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xladdin.credits import credits_acquired, regular_semesters, transcript, weighted_average

from .conftest import CORE, FINALITE

GRADE = st.one_of(st.integers(0, 20), st.floats(0, 20, allow_nan=False).map(lambda g: round(g, 2)),
                  st.sampled_from(["abs", "ABS", "PP", "", None]))
CREDITS = st.integers(1, 30)
COURSES = st.lists(st.tuples(GRADE, CREDITS), min_size=1, max_size=12)
KNOWN = {**dict.fromkeys(CORE, 5), **dict.fromkeys(FINALITE, 6), "MSPHD2136": 5, "MAPHD1301": 10,
         "MDRHD1304": 5, "MSPHD1332": 10, "MMTHD1327": 10}


def _numbers(courses):
    return [(g, c) for g, c in courses if isinstance(g, (int, float)) and not isinstance(g, bool)]


@settings(max_examples=150, deadline=None)
@given(COURSES)
def test_average_within_min_and_max_grade(courses):
    grades, credits = zip(*courses)
    avg = weighted_average(list(grades), list(credits))
    graded = [g for g, _ in _numbers(courses)]
    if not graded:
        assert avg is None
    else:
        assert min(graded) <= avg <= max(graded)


@settings(max_examples=150, deadline=None)
@given(COURSES)
def test_acquired_never_exceeds_enrolled(courses):
    grades, credits = zip(*courses)
    got = credits_acquired(list(grades), list(credits))
    assert 0 <= got <= sum(credits)
    assert got == sum(c for g, c in _numbers(courses) if g >= 10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(sorted(KNOWN)), GRADE), min_size=1, max_size=8,
                         unique_by=lambda t: t[0]), min_size=1, max_size=6))
def test_transcript_agrees_with_the_helpers(cat, students):
    rows = [{"student_id": f"S{i}", "prior_diploma": "Tout master", "bloc": 1, "course_code": code,
             "status": "enrolled", "grade": grade} for i, courses in enumerate(students) for code, grade in courses]
    t = transcript(cat, pd.DataFrame(rows).astype(object)).set_index("student_id")
    for i, courses in enumerate(students):
        grades = [g for _, g in courses]
        credits = [KNOWN[code] for code, _ in courses]
        expected = weighted_average(grades, credits)
        got = t.loc[f"S{i}", "weighted_average"]
        assert (expected is None and pd.isna(got)) or got == pytest.approx(expected)
        assert t.loc[f"S{i}", "credits_acquired"] == credits_acquired(grades, credits)
        assert t.loc[f"S{i}", "credits_acquired"] <= t.loc[f"S{i}", "credits_enrolled"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400), st.decimals(min_value="0.5", max_value="75", places=1))
def test_regular_semesters_is_the_exact_ceiling(total, per_year):
    n = regular_semesters(total, str(per_year))
    exact = Fraction(total) / Fraction(str(per_year)) * 2
    assert n - 1 < exact <= n
