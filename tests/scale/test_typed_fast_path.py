"""A DataFrame whose columns already have the schema's types is read by whole-column checks, not cell by cell;
the results (and every error: line, column, value quoted, message) are those of the same data written as text."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin.bursary.assess import assess_full
from xladdin.bursary.synthetic import as_typed as typed
from xladdin.bursary.synthetic import synthetic_applicants
from xladdin.schema import BOOL, BY_KEY, DATE, ENUM

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date.today()


def cell_text(value) -> str:
    """One cell as a clerk types it: 70000, 2.5, 15.09.2025, oui / non, empty."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "oui" if value else "non"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: [cell_text(v) for v in frame[c].astype(object)] for c in frame.columns}, dtype=object)


def perturb(frame: pd.DataFrame, data, canton: str) -> pd.DataFrame:
    """Typed cells that must still be refused (or defaulted) as the text reader does."""
    n = len(frame)
    row = lambda: data.draw(st.integers(0, n - 1))  # noqa: E731
    out = frame.copy()
    if data.draw(st.booleans()):                                       # birth date in the future
        out.loc[row(), "birth_date"] = pd.Timestamp(TODAY + dt.timedelta(days=400))
    if data.draw(st.booleans()):                                       # a date before 1900
        out.loc[row(), "application_date"] = pd.Timestamp("1850-01-01")
    if data.draw(st.booleans()):                                       # an absurd amount, a negative one
        out["earnings"] = out["earnings"].astype(float)
        out.loc[row(), "earnings"] = data.draw(st.sampled_from([5e12, 1e20, -500.0, 1234.5]))
    if data.draw(st.booleans()):                                       # a fraction in a count, a missing count
        out["occupants"] = out["occupants"].astype(float)
        out.loc[row(), "occupants"] = data.draw(st.sampled_from([2.5, np.nan, 0.0, 3.0]))
    if data.draw(st.booleans()):                                       # nullable integers with a gap
        out["changes_of_course"] = out["changes_of_course"].astype("Int64")
        out.loc[row(), "changes_of_course"] = pd.NA
    if data.draw(st.booleans()):                                       # ratio above its maximum
        out.loc[row(), "part_time_ratio"] = data.draw(st.sampled_from([1.5, 0.25, np.nan]))
    if data.draw(st.booleans()):                                       # nullable yes/no with a gap
        out["recognised"] = out["recognised"].astype("boolean")
        out.loc[row(), "recognised"] = pd.NA
    if data.draw(st.booleans()):                                       # yes/no as 0/1 numbers, one of them 2
        out["reconversion"] = out["reconversion"].astype(int)
        out.loc[row(), "reconversion"] = data.draw(st.sampled_from([2, 0, 1]))
    if data.draw(st.booleans()):                                       # unknown and label spellings of a code
        permit = out["permit"].astype(object)
        permit[row()] = data.draw(st.sampled_from(["X", "aucun", "", "b"]))
        out["permit"] = permit.astype("category")
    if data.draw(st.booleans()):                                       # names with spaces, an empty one
        last = out.get("last_name", pd.Series([""] * n)).astype(object).copy()
        last[row()] = data.draw(st.sampled_from(["  Dupont ", "", "\u00a0Zoé\u2003"]))
        out["last_name"] = pd.Series(last, dtype="str")
    if data.draw(st.booleans()):                                       # a file number twice, one empty
        ids = out["applicant_id"].astype(object).copy()
        ids[row()] = data.draw(st.sampled_from([ids[0], "", f" {ids[0]} "]))
        out["applicant_id"] = pd.Series(ids, dtype="str")
    return out


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.results, b.results)
    cols = ["position", "line", "applicant_id", "column", "value", "message_fr", "message_en"]
    pd.testing.assert_frame_equal(a.errors[cols].reset_index(drop=True), b.errors[cols].reset_index(drop=True),
                                  check_dtype=False)


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60), canton=st.sampled_from(["GE", "ZH", "BE"]),
       data=st.data())
def test_typed_columns_read_as_the_same_data_written_as_text(seed, n, canton, data):
    table = perturb(typed(synthetic_applicants(n, seed, canton=canton)), data, canton)
    kinds = {BY_KEY[c].kind for c in table.columns if c in BY_KEY}
    assert {DATE, ENUM, BOOL} <= kinds
    fast, text = assess_full(table, rules=canton), assess_full(as_text(table), rules=canton)
    _same(fast, text)


def test_a_typed_table_of_many_rows_takes_the_whole_column_path():
    """Above the few-rows threshold too (the column-wise readers), with one of each refusal."""
    table = typed(synthetic_applicants(500, 7))
    table["earnings"] = table["earnings"].astype(float)
    table.loc[3, "earnings"] = 2e12
    table.loc[4, "birth_date"] = pd.Timestamp(TODAY + dt.timedelta(days=30))
    permit = table["permit"].astype(object)
    permit[5] = "Z"
    table["permit"] = permit.astype("category")
    table.loc[6, "year_start"] = pd.Timestamp("2250-01-01")
    fast, text = assess_full(table), assess_full(as_text(table))
    _same(fast, text)
    got = fast.errors.set_index("position")
    assert "10¹²" in got.loc[3, "message_fr"] or "1000000000000" in got.loc[3, "message_fr"]
    assert "futur" in got.loc[4, "message_fr"]
    assert "valeur inconnue « Z »" in got.loc[5, "message_fr"]
    assert "hors limites" in got.loc[6, "message_fr"]
    assert fast.results["eligible"].isna().sum() == 4


def test_typed_columns_are_not_changed():
    table = typed(synthetic_applicants(100, 3))
    table["earnings"] = table["earnings"].astype(float)
    table.loc[0, "earnings"] = -5.0
    before = table.copy()
    assess_full(table)
    pd.testing.assert_frame_equal(table, before)
