"""Fuzzing (issue 7 §6), on a bounded budget: what any input gives is a result or an ``XladdinError`` (a message
for the user), never another exception.

* the CSV reader: random bytes, and random text tables (any characters, quotes, separators, line breaks) in
  the encodings Excel writes; what it reads then goes through the engine's parser and rules;
* the .xlsx reader: random cells written by openpyxl (text with control characters, formula-like text,
  numbers, booleans, dates), and sheets whose XML holds raw control characters or ``_x0001_`` escapes;
* the Excel functions' argument converters (``xladdin.excel.convert``): random nested lists of floats, text,
  None, booleans, dates, Office.js error objects, as xlwings passes them.
"""

from __future__ import annotations

import csv as csv_module
import datetime as dt
import io
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.hardening.make_corpus import write_xlsx
from xladdin import schema
from xladdin.bursary.assess import assess_full
from xladdin.errors import XladdinError
from xladdin.excel import convert
from xladdin.io.readers import read_table

_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def fuzz(n: int):
    """A bounded budget: ``n`` examples (times ``XLADDIN_FUZZ_SCALE`` to search longer), no deadline (CI
    machines are shared)."""
    scale = float(os.environ.get("XLADDIN_FUZZ_SCALE", "1"))
    return settings(max_examples=max(1, int(n * scale)), deadline=None, suppress_health_check=_HEALTH)
KEYS = list(schema.KEYS)
LABELS = [f.label("fr") for f in schema.FIELDS] + [f.label("en") for f in schema.FIELDS]

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
headers = st.one_of(st.sampled_from(KEYS), st.sampled_from(LABELS), texts)
cell_text = st.one_of(texts, st.sampled_from(["", " ", "oui", "non", "1'200.–", "1 234,50", "15.09.2025", "=1+1",
                                              "@SUM(A1)", "-5", "1e300", "nan", "inf", "#N/A", "GE", "CH",
                                              "bachelor", "tertiary", "lease", "together", "31.02.2003"]))


def _read_and_assess(path) -> None:
    """Read ``path`` and assess it: every failure must be an XladdinError."""
    try:
        table = read_table(path)
    except XladdinError:
        return
    assessment = assess_full(table)
    assert assessment.rows_read == len(table.frame) == assessment.rows_assessed + assessment.rows_in_error


# --- CSV --------------------------------------------------------------------------------------------------------

@fuzz(60)
@given(data=st.binary(max_size=3000))
def test_csv_reader_on_random_bytes(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "x.csv"
    path.write_bytes(data)
    _read_and_assess(path)


@fuzz(40)
@given(head=st.lists(headers, min_size=1, max_size=8, unique=True),
       body=st.lists(st.lists(cell_text, max_size=10), max_size=8),
       sep=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_csv_reader_on_random_tables(head, body, sep, encoding, tmp_path_factory):
    buf = io.StringIO()
    writer = csv_module.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(body)
    path = tmp_path_factory.mktemp("fuzz") / "t.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    _read_and_assess(path)


# --- .xlsx ------------------------------------------------------------------------------------------------------

xl_values = st.one_of(
    st.none(), cell_text,
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x40), max_size=12),      # control characters
    st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**15, 10**15), st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2199, 12, 31)),
)


@fuzz(30)
@given(head=st.lists(headers, min_size=1, max_size=6, unique=True),
       body=st.lists(st.lists(xl_values, max_size=7), min_size=0, max_size=6))
def test_xlsx_reader_on_random_cells_written_by_openpyxl(head, body, tmp_path_factory):
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from xladdin.io.guard import set_cell

    wb = openpyxl.Workbook()
    ws = wb.active
    for c, value in enumerate(head, start=1):
        set_cell(ws.cell(row=1, column=c), ILLEGAL_CHARACTERS_RE.sub("", value) or "h")
    for r, row in enumerate(body, start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                # openpyxl refuses XML-illegal control characters; Excel writes them as _xHHHH_
                value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)
            set_cell(ws.cell(row=r, column=c), value)
    path = tmp_path_factory.mktemp("fuzz") / "c.xlsx"
    wb.save(path)
    _read_and_assess(path)


@fuzz(25)
@given(values=st.lists(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=10),
                       min_size=1, max_size=6))
def test_xlsx_reader_on_raw_control_characters(values, tmp_path_factory):
    """XML 1.0 forbids most control characters: such a sheet is a damaged workbook (a message), or is read."""
    from xml.sax.saxutils import escape

    cells = "".join(f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for i, v in enumerate(values))
    sheet = ('<row r="1"><c r="A1" t="inlineStr"><is><t>applicant_id</t></is></c></row>'
             f'<row r="2">{cells}</row>')
    path = write_xlsx(tmp_path_factory.mktemp("fuzz") / "raw.xlsx", sheet)
    _read_and_assess(path)


# --- UDF argument converters ------------------------------------------------------------------------------------

office_error = st.builds(lambda kind: {"type": "Error", "errorType": kind, "basicValue": f"#{kind.upper()}!"},
                         st.sampled_from(["Div0", "NotAvailable", "Value", "Ref"]))
excel_cell = st.one_of(
    st.none(), st.floats(), st.integers(-2**40, 2**40), st.booleans(), cell_text, headers,
    st.datetimes(min_value=dt.datetime(1, 1, 1)), st.dates(), office_error,
    st.sampled_from([-2146826281, -2146826246]),                                           # COM error codes
)
ranges = st.one_of(
    excel_cell,
    st.lists(excel_cell, max_size=6),
    st.lists(st.lists(excel_cell, max_size=6), max_size=6),
    st.lists(st.lists(st.lists(excel_cell, max_size=2), max_size=3), max_size=3),        # deeper than Excel sends
)


def _result_or_message(function, *args) -> None:
    try:
        function(*args)
    except XladdinError as exc:
        assert exc.text("fr") and exc.text("en")
        assert convert.message(exc).startswith(convert.ERROR_PREFIX)


@fuzz(200)
@given(value=ranges, other=ranges)
def test_udf_converters_on_random_ranges(value, other):
    _result_or_message(convert.matrix, value)
    _result_or_message(convert.read_table, value)
    _result_or_message(convert.header_frame, value)
    _result_or_message(convert.read_applicant, value)
    _result_or_message(convert.read_applicant, value, other)
    _result_or_message(convert.number, value, "amount")
    _result_or_message(convert.number, value, "amount", 0.0)
    _result_or_message(convert.numbers, value, "grades")
    _result_or_message(convert.texts, value, "codes")
    _result_or_message(convert.text, value, "rules", "GE-2025")
    _result_or_message(convert.flag, value, "with_header")
    _result_or_message(convert.lang, value)
    _result_or_message(convert.single, value, "x")
    _result_or_message(convert.cell, value)


@fuzz(60)
@given(rows=st.lists(st.lists(excel_cell, min_size=3, max_size=3), min_size=1, max_size=5),
       header=st.lists(headers, min_size=3, max_size=3))
def test_a_random_applicant_table_is_assessed_or_refused(rows, header):
    """A table range with schema headers and random cells, assessed the way BURSARY_TABLE does."""
    try:
        table = convert.read_table([header] + rows)
    except XladdinError:
        return
    assume(table.n > 0)
    try:
        assessment = assess_full(table.frame)
    except XladdinError:
        return
    assert assessment.rows_read == table.n


def test_the_converters_refuse_a_huge_range_before_reading_it():
    huge = [[0.0] * 1000 for _ in range(1000)]                      # 10^6 cells > 800 000
    with pytest.raises(XladdinError, match="plage trop grande"):
        convert.read_table(huge)


@fuzz(40)
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=6),
       cut=st.one_of(st.none(), st.floats(0.05, 1)))
def test_xlsx_reader_on_damaged_bytes(flips, cut, tmp_path_factory, good_xlsx_bytes):
    """A real workbook with a few bytes changed (a bad sector, a broken download) or cut short."""
    data = bytearray(good_xlsx_bytes)
    for where, value in flips:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: max(1, int(cut * len(data)))]
    path = tmp_path_factory.mktemp("fuzz") / "damaged.xlsx"
    path.write_bytes(bytes(data))
    _read_and_assess(path)


@pytest.fixture(scope="module")
def good_xlsx_bytes(tmp_path_factory):
    from tests.hardening.make_corpus import applicants, table_rows

    path = write_xlsx(tmp_path_factory.mktemp("good") / "good.xlsx", table_rows(applicants(3)), compresslevel=9)
    return path.read_bytes()
