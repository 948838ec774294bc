"""One applicant per cell (``=BURSARY(A2:BH2;;A$1:BH$1)`` copied down a list) answers exactly what
``BURSARY_TABLE`` answers for that row: same numbers, same reasons, same messages (without the line number a
one-row call cannot know), through xlwings' dispatch.

The one-applicant path reads its cells one by one (``inputs.parse_record``) and assembles its row without a
DataFrame (``assess.assess_one``); the table path reads whole columns (typed columns, distinct values,
factorize). The sample lists of every shipped canton, the same lists as typed Excel cells, and hypothesis'
perturbed rows (any cell of any field replaced by a text, a number, a boolean, a date or a blank) hold them
to the same answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import call
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import excel_cells
from xladdin import schema
from xladdin.bursary import inputs
from xladdin.bursary.assess import assess_full, assess_one
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.errors import XladdinError
from xladdin.excel import convert
from xladdin.schema import OUTPUT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {(path.stem.split("-")[2] if path.stem.count("-") == 2 else "GE"): path.name
           for path in sorted((ROOT / "workbooks").glob("sample-applicants*.csv"))}   # every shipped canton's list
REASONS = OUTPUT_COLUMNS.index("reasons")
_LINE = re.compile(r"(^|\| )(ligne|line) \d+(, | : |: )")


def _csv_cells(name: str) -> list[list]:
    """A sample list as Excel shows it pasted as text: every cell a string, empty cells ""."""
    with open(ROOT / "workbooks" / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def _unlined(row: list) -> list:
    """A result row with its messages' line numbers removed (a one-row call names line 2)."""
    row = list(row)
    row[REASONS] = _LINE.sub(r"\1", row[REASONS]) if isinstance(row[REASONS], str) else row[REASONS]
    return row


def _same_answers(cells: list[list], rules: str, lang: str = "cle") -> int:
    """Every row of ``cells`` (header first) through BURSARY_ROW and BURSARY against BURSARY_TABLE; returns the
    number of rows in error (so a test can show it met some)."""
    header = cells[0]
    table = call("bursary_table", cells, rules, lang)
    assert len(table[0]) == len(OUTPUT_COLUMNS)
    in_error = 0
    for i, values in enumerate(cells[1:], start=1):
        expected = table[i]
        one = call("bursary_row", [values], rules, [header], False, lang)
        assert len(one) == 1 and _unlined(one[0]) == _unlined(expected), (rules, i)
        bursary = call("bursary", [values], rules, [header])
        if expected[OUTPUT_COLUMNS.index("eligible")] == "":
            in_error += 1
            if lang != "en":                            # BURSARY speaks French
                assert bursary == [[convert.row_message(expected[REASONS])]], (rules, i)
            else:
                assert str(bursary[0][0]).startswith(convert.ERROR_PREFIX), (rules, i)
        else:
            assert bursary == [[expected[OUTPUT_COLUMNS.index("bursary")]]], (rules, i)
    return in_error


@pytest.mark.parametrize("canton", sorted(SAMPLES))
def test_sample_list_per_cell_equals_table(canton):
    """The shipped sample list of each canton, typed as text (oui/non, 12'000, 15.09.2025), row by row."""
    cells = _csv_cells(SAMPLES[canton])
    assert len(cells) > 100
    _same_answers(cells, canton)


@pytest.mark.parametrize("canton", sorted(SAMPLES))
def test_typed_cells_per_cell_equal_table(canton):
    """The same kind of list as Office.js sends it: numbers, Excel date serials, TRUE/FALSE, some text."""
    frame = synthetic_applicants(60, 17, canton=canton)
    cells = json.loads(json.dumps(excel_cells(frame, seed=3, variants=True)))
    _same_answers(cells, canton, "en")


def test_errors_per_cell_equal_table():
    """Bad cells of every kind give the table's messages, row by row, and the cell shows them."""
    frame = synthetic_applicants(40, 5)
    cells = json.loads(json.dumps(excel_cells(frame, seed=5, variants=False)))
    header = cells[0]
    bad = {"permit": "Z", "birth_date": "31.02.2003", "earnings": "70.000", "housing": "tente",
           "married": "peut-être", "regular_semesters": 2.5, "part_time_ratio": "150 %", "nationality": "Suisse",
           "year_start": "01.03.68", "semesters_completed": -3.0}
    for n, (key, value) in enumerate(bad.items()):
        if key in header:
            cells[1 + 3 * n][header.index(key)] = value
    assert _same_answers(cells, "GE") >= 8


@pytest.mark.parametrize("rules, flagged", [("GE", True), ("GE-2024", True), ("ZH", False)])
def test_rule_set_in_force_per_cell_equals_table(rules, flagged):
    """The version in force on each row's reference date, chosen per day for one applicant: dates before every
    version (a row error), in each version, after the newest (RULES-OUT-OF-PERIOD) and missing; a rule set named
    by id, outside its period."""
    frame = synthetic_applicants(12, 9, canton=rules[:2])
    cells = json.loads(json.dumps(excel_cells(frame, seed=9, variants=False)))
    column = cells[0].index("year_start")
    days = ["15.09.2010", "01.09.2021", "15.09.2022", "31.08.2024", "15.09.2024", "15.09.2025", "15.09.2026",
            "15.09.2031", "", "02.01.2027", "15.09.2023", "15.03.2025"]
    for row, day in zip(cells[1:], days):
        row[column] = day
    table = call("bursary_table", cells, rules, "cle")
    reasons = [row[REASONS] for row in table[1:]]
    assert any("RULES-OUT-OF-PERIOD" in r for r in reasons) == flagged      # Zurich's one version has no end
    assert _same_answers(cells, rules) >= (1 if rules == "GE" else 0)          # 2010: before every version


CELL = st.one_of(
    st.sampled_from(["", " ", "oui", "non", "x", "1'200.–", "1 234,50", "70.000", "12,5", "60 %", "15.09.2025",
                     "2025-09-01", "09/15/2025", "31.02.2003", "01.03.68", "CH", "FR", "ch", "B", "C", "GE",
                     "bachelor", "tertiary", "parents", "together", "apart", "none", "=1+1", "#N/A", "-5",
                     "1e300", "nan", "inf", "٧٠"]),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e13, max_value=1e13),
    st.integers(-10, 60_000).map(float), st.integers(-5, 100_000), st.booleans(), st.none(),
    st.text(max_size=12))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), canton=st.sampled_from(sorted(SAMPLES)),
       changes=st.lists(st.tuples(st.integers(0, 200), CELL), min_size=1, max_size=6))
def test_perturbed_applicant_per_cell_equals_table(seed, canton, changes):
    """Any applicant, any cells changed: the one-applicant path answers what the table answers for its row,
    with the row inside a list long enough (40 rows) for the table to read whole columns."""
    frame = synthetic_applicants(40, seed, canton=canton)
    cells = json.loads(json.dumps(excel_cells(frame, seed=seed, variants=True)))
    header, target = cells[0], 1 + seed % 40
    for column, value in changes:
        if header[column % len(header)] not in ("applicant_id", "N° de dossier"):
            cells[target][column % len(header)] = value
    table = call("bursary_table", cells, canton, "cle")
    one = call("bursary_row", [cells[target]], canton, [header], False, "cle")
    if len(table) == 1:                                 # the whole list refused (US dates): so is the row
        assert str(one[0][0]).startswith(convert.ERROR_PREFIX) and len(one[0]) == 1
        return
    assert _unlined(one[0]) == _unlined(table[target])


def test_parse_record_equals_parse_of_a_one_row_table():
    """The typed columns themselves (not only the outputs): every field, absent ones included."""
    frame = synthetic_applicants(30, 9)
    cells = excel_cells(frame, seed=9, variants=True)
    for values in cells[1:]:
        record = convert.read_applicant([values], [cells[0]])
        one, table = inputs.parse_record(record), inputs.parse(*inputs.table_from(record)[:2])
        assert list(one.cols) == list(table.cols)
        for key, column in table.cols.items():
            assert _same_column(one.cols[key], column), key
        assert _error_rows(one.errors) == _error_rows(table.errors)


def _norm(cells) -> list:
    """Every missing value (None, NaN, NaT, Arrow's NA for names) as None."""
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in cells]


def _same_column(a, b) -> bool:
    return _norm(a) == _norm(b)


def _error_rows(errors: pd.DataFrame) -> list:
    return [_norm(r) for r in errors.values.tolist()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.dictionaries(st.sampled_from(sorted(schema.BY_KEY)),
                             st.one_of(CELL, st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(2250, 1, 1)),
                                       st.dates(dt.date(1890, 1, 1), dt.date(2250, 1, 1))),
                             max_size=25))
def test_any_record_reads_as_in_a_table(cells):
    """Any fields, any cells (COM's datetimes too): parse_record gives the columns and messages its row gets in
    a 40-row table of raw cells, as BURSARY_TABLE reads one (object columns: distinct values, numbers first)."""
    record = {"applicant_id": "A-1", **cells}
    rows = [record] + [{**record, "applicant_id": f"A-{i}"} for i in range(2, 41)]
    frame = pd.DataFrame({key: np.array([r[key] for r in rows] + [None], dtype=object)[:-1] for key in record},
                         dtype=object)
    try:
        table = inputs.parse(frame)
    except XladdinError as exc:                        # a US date refuses the whole list: and the row
        with pytest.raises(XladdinError) as got:
            inputs.parse_record(record)
        assert got.value.code == exc.code
        return
    one = inputs.parse_record(record)
    assert list(one.cols) == list(table.cols)
    for key, column in table.cols.items():
        assert _same_column(one.cols[key], column[:1]), key
    first = table.errors[table.errors["position"] == 0]
    assert _error_rows(one.errors) == _error_rows(first)
    assert one.row_error[0] == table.row_error[0]


def test_assess_one_equals_assess_full_with_messages_in_both_languages():
    frame = synthetic_applicants(20, 4)
    record = {k: v for k, v in frame.iloc[7].items() if v == v and v is not None}
    record["housing"] = "tente"
    for lang in ("fr", "en"):
        full = assess_full([record], lang=lang).results
        expected = [None if pd.isna(v) else v for v in full.astype(object).iloc[0].tolist()]
        assert list(assess_one(record, lang=lang).values()) == expected
    assert "housing" in assess_one(record, lang="en")["reasons"]


def test_keys_stand_for_themselves():
    """parse_record takes a schema key as its own field without folding it (what resolve_header also says)."""
    assert all(schema.resolve_header(key) == key for key in schema.BY_KEY)
