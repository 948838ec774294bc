"""The whole-column pass over plain spellings (``12345``, ``12'345.50``, ``15.09.2025``, ``2025-09-15``) reads each
cell as the cell readers do, and leaves every other spelling to them: a table parsed with the pass gives the
columns and the errors (lines, values, messages) it gives without it."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin.bursary import inputs
from xladdin.errors import XladdinError
from xladdin.bursary.inputs import parse, plain_dates, plain_numbers, read_date, read_number

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

digits = st.text("0123456789", min_size=1, max_size=9)
grouped = st.builds(lambda head, groups: head + "".join("'" + g for g in groups),
                    st.text("0123456789", min_size=1, max_size=3),
                    st.lists(st.text("0123456789", min_size=3, max_size=3), min_size=1, max_size=3))
number_spellings = st.one_of(
    st.builds(lambda sign, whole, dec, pad: f"{pad}{sign}{whole}{dec}{pad}", st.sampled_from(["", "-", "+"]),
              st.one_of(digits, grouped), st.one_of(st.just(""), st.builds(lambda d: "." + d, digits)),
              st.sampled_from(["", " ", "\u00a0"])),
    st.text("0123456789.,' -+%eECHF\u00a0\u2212٧", max_size=12),            # any other spelling, mostly refused
)
date_spellings = st.one_of(
    st.builds(lambda a, s, b, t, c, time: f"{a}{s}{b}{t}{c}{time}",
              st.text("0123456789", min_size=1, max_size=4), st.sampled_from([".", "-", "/"]),
              st.text("0123456789", min_size=1, max_size=2), st.sampled_from([".", "-", "/"]),
              st.text("0123456789", min_size=1, max_size=4),
              st.sampled_from(["", " 00:00:00", "T08:30", " 8:30:15.5", " blah", ":"])),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: d.strftime("%d.%m.") + f"{d.year:04d}"),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.text("0123456789./- T:", max_size=12),
)


@SETTINGS
@given(cells=st.lists(number_spellings, min_size=1, max_size=80), decimals=st.booleans())
def test_plain_numbers_read_what_the_cell_reader_reads(cells, decimals):
    values, read = plain_numbers(np.array(cells, dtype=object), decimals)
    for cell, value, was_read in zip(cells, values, read):
        if was_read:
            assert read_number(cell, decimals) == (value, None), cell
            assert np.signbit(value) == np.signbit(read_number(cell, decimals)[0]), cell


@SETTINGS
@given(cells=st.lists(date_spellings, min_size=1, max_size=80))
def test_plain_dates_read_what_the_cell_reader_reads(cells):
    days, read = plain_dates(np.array(cells, dtype=object))
    for cell, day, was_read in zip(cells, days, read):
        if was_read:
            assert read_date(cell) == (day, None, 0), cell     # no slash: no evidence of a US file is skipped


@SETTINGS
@given(data=st.data())
def test_a_table_reads_the_same_with_and_without_the_pass(data):
    n = inputs.PLAIN_MIN + 8                              # distinct plain cells enough for the pass to run

    def column(spellings, filler):
        drawn = data.draw(st.lists(spellings, min_size=1, max_size=30))
        cells = [filler(i) for i in range(n)]
        for i, cell in zip(data.draw(st.permutations(range(n)))[:len(drawn)], drawn):
            cells[i] = cell
        return cells

    number = lambda i: f"{1000 + 37 * i}"                       # noqa: E731
    day = lambda i: (dt.date(1990, 1, 1) + dt.timedelta(days=i)).strftime("%d.%m.%Y")  # noqa: E731
    frame = pd.DataFrame({"applicant_id": [f"GE-{i}" for i in range(n)],
                          "earnings": column(number_spellings, number),
                          "part_time_ratio": column(number_spellings, lambda i: f"0.{i + 1:03d}"),
                          "occupants": column(number_spellings, lambda i: str(i % 9 + 1)),
                          "birth_date": column(date_spellings, day),
                          "year_start": column(date_spellings, lambda i: (dt.date(2020, 1, 1) + dt.timedelta(days=i))
                                               .isoformat())}, dtype=object)
    fast = _outcome(frame)
    saved, inputs.PLAIN_MIN = inputs.PLAIN_MIN, 10 ** 9
    try:
        slow = _outcome(frame)
    finally:
        inputs.PLAIN_MIN = saved
    if isinstance(slow, str):                                   # a file of US dates: refused alike, same message
        assert fast == slow
        return
    for key in ("earnings", "part_time_ratio", "occupants", "birth_date", "year_start"):
        np.testing.assert_array_equal(fast.cols[key], slow.cols[key])
    pd.testing.assert_frame_equal(fast.errors, slow.errors)


def _outcome(frame):
    try:
        return parse(frame, today=dt.date(2026, 1, 1), redact=False)
    except XladdinError as exc:
        return str(exc)
