"""A batch of calls (``custom-functions-batch``) answers each call exactly what it gets alone, in order, errors in
place, with the one-applicant functions assessed as one table."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import call, payload

import xladdin
from xladdin.excel import batch, cache, udfs
from xladdin.excel.server import function_names

NAMES = function_names(udfs)


def _alone(func_name: str, calls: list[list]) -> list:
    """Each call through xlwings' dispatch on its own, the result cache emptied before each."""
    out = []
    for args in calls:
        cache.results.clear()
        out.append(call(func_name, *args))
    cache.results.clear()
    return out


def _batched(func_name: str, calls: list[list]) -> list:
    """The same calls through the batch endpoint's handler: JSON body in, JSON out, as the bridge sends them."""
    body = {"func_name": func_name, "version": payload(func_name)["version"], "runtime": "1.4",
            "client": "Office.js",
            "calls": calls, "caller_addresses": [f"Feuil1!A{i + 2}" for i in range(len(calls))]}
    status, content, media_type = batch.answer(json.dumps(body).encode(), NAMES, udfs)
    assert status == 200 and media_type == "application/json", content[:300]
    return json.loads(content)["results"]


@pytest.fixture
def engine_calls(monkeypatch):
    """The tables the batch assessed (their sizes)."""
    sizes = []
    real = batch._rows

    def spy(got):
        sizes.append(len(got.results))
        return real(got)

    monkeypatch.setattr(batch, "_rows", spy)
    return sizes


def _mixed_calls(cells: list[list], n: int) -> list[list]:
    """Per-row formulas (value row + header row), 2-row and vertical ranges, bad cells, a repeated file number,
    applicants without a file number, and rule sets and languages that differ from call to call."""
    head = cells[0]
    calls = [[[row], None, [head]] for row in cells[1:n + 1]]
    calls[3] = [[cells[0], cells[4]], "GE-2025"]                                  # header row over value row
    calls[5] = [[list(p) for p in zip(cells[0], cells[6])]]                      # the intake form, vertical
    bad = list(cells[8])
    bad[head.index("birth_date")] = "32.13.1999"
    calls[7] = [[bad], None, [head]]                                            # a bad cell: its message
    calls[9] = [[cells[2]], None, [head]]                                       # file number seen before
    no_id = list(cells[11])
    no_id[head.index("applicant_id")] = ""
    calls[10] = [[no_id], None, [head]]
    calls[12] = [[no_id], "GE-2025", [head]]                                    # two without a number
    calls[13] = [["texte"]]                                                     # not an applicant
    calls[14] = [[cells[15]], "XX-1999", [head]]                                # unknown rule set
    calls[16] = [[cells[17]], "ZH-2021", [head]]
    return calls


@pytest.mark.parametrize("func_name", ["bursary", "eligibility", "bursary_row"])
def test_batch_equals_each_call_alone(applicants, engine_calls, func_name):
    frame, cells = applicants
    calls = _mixed_calls(cells, 60)
    if func_name == "bursary_row":
        calls = [args + [None] * (3 - len(args)) + [True if i % 7 == 0 else None, "en" if i % 5 == 0 else None]
                 for i, args in enumerate(calls)]
    expected = _alone(func_name, calls)
    got = _batched(func_name, calls)
    assert got == expected
    assert any(isinstance(r[0][0], str) and r[0][0].startswith("#XLADDIN! ") for r in got)    # errors in place
    assert max(engine_calls) >= 40                        # the applicants were assessed together, not one by one


def test_batch_bursary_equals_assess(applicants, engine_calls):
    frame, cells = applicants
    calls = [[[row], None, [cells[0]]] for row in cells[1:]]
    got = _batched("bursary", calls)
    expected = xladdin.assess(frame)["bursary"]
    assert [r[0][0] for r in got] == [int(v) for v in expected]
    assert engine_calls == [len(frame)]                   # one table for 300 calls


def test_batch_entitlement_and_loan_plan(applicants):
    frame, cells = applicants
    calls = [[[cells[0], cells[i + 1]]] for i in range(12)] + [[8, 0.5, None, "professionnel"], [8, 0.5],
                                                              [6, None], ["huit", None]]
    assert _batched("entitlement_semesters", calls) == _alone("entitlement_semesters", calls)
    plans = [[10000, 2026], [0, 2030], [-5, 2026], [5000, "2026,5"], [[[1, 2]], 2026]]
    assert _batched("loan_plan", plans) == _alone("loan_plan", plans)


def test_batch_of_table_functions_and_credits(applicants):
    frame, cells = applicants
    tables = [[cells[:21]], [cells[:2], None, "en"], [[["x"]]]]
    assert _batched("bursary_table", tables) == _alone("bursary_table", tables)
    averages = [[[[12, 14.5]], [[5, 10]]], [[["abs", 9]], [[5, 5]]], [[["douze"]], [[5]]]]
    assert _batched("weighted_average", averages) == _alone("weighted_average", averages)


def test_month_first_dates_refuse_alone_not_the_batch(applicants):
    """A table of month-first dates is refused as a whole; in a batch, that call alone gets the message."""
    frame, cells = applicants
    head = cells[0]
    us = list(cells[3])
    us[head.index("birth_date")] = "05/20/2001"
    calls = [[[row], None, [head]] for row in cells[1:6]] + [[[us], None, [head]]]
    assert _batched("bursary", calls) == _alone("bursary", calls)


@pytest.mark.parametrize("body,reason", [
    (b"{", "JSON"),
    (json.dumps({"func_name": "bursary", "calls": []}).encode(), "calls"),
    (json.dumps({"func_name": "bursary", "calls": ["x"]}).encode(), "args"),
    (json.dumps({"func_name": "os.system", "calls": [[]]}).encode(), "inconnue"),
    (json.dumps({"func_name": "bursary", "calls": [[]], "caller_addresses": [5]}).encode(), "caller"),
    (json.dumps({"func_name": "bursary", "calls": [[], []], "caller_addresses": ["A1"]}).encode(), "adresse"),
])
def test_bad_batch_bodies_are_refused(body, reason):
    status, content, _ = batch.answer(body, NAMES, udfs)
    assert status == 400 and reason in content.decode()


def test_outside_a_batch_the_hook_is_silent():
    assert batch.deferred_row({"applicant_id": "A"}, "GE", "fr") is None


# --- per-row formulas read as one table: property test against each call alone -------------------------------

BLANKS = [None, "", "  "]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_per_row_formulas_equal_each_call_alone(applicants, engine_calls, data):
    """Rows typed every way (blanks as null, "" or spaces; oui/non and booleans; numbers as text; a missing or
    repeated file number), headers with labels, unknown columns or a field named twice: each answer is the
    call's own."""
    frame, cells = applicants
    head = list(cells[0])
    if data.draw(st.booleans(), "unknown column"):
        head[-1] = "Remarques"
    if data.draw(st.booleans(), "field named twice"):
        head[-2] = head[1]
    picks = data.draw(st.lists(st.integers(0, len(cells) - 2), min_size=2, max_size=8), "rows")
    calls = []
    for i in picks:
        row = list(cells[i + 1])
        for j in data.draw(st.lists(st.integers(0, len(row) - 1), max_size=6), "blanked"):
            row[j] = data.draw(st.sampled_from(BLANKS))
        for j in data.draw(st.lists(st.integers(0, len(row) - 1), max_size=3), "as text"):
            if isinstance(row[j], (int, float)) and not isinstance(row[j], bool):
                row[j] = data.draw(st.sampled_from([f"{row[j]:.0f}", f"{row[j]:,.0f}".replace(",", "'"),
                                                    "abc"]))
            elif isinstance(row[j], bool):
                row[j] = data.draw(st.sampled_from(["oui", "non", "VRAI", 1.0]))
        calls.append([[row], data.draw(st.sampled_from([None, "GE", "GE-2025"])), [head]])
    func_name = data.draw(st.sampled_from(["bursary", "eligibility"]))
    assert _batched(func_name, calls) == _alone(func_name, calls)


def test_per_row_formulas_are_read_as_one_table(applicants, engine_calls):
    frame, cells = applicants
    calls = [[[row], None, [cells[0]]] for row in cells[1:201]]
    assert _batched("eligibility", calls) == _alone("eligibility", calls)
    assert engine_calls[0] == 200                       # the 200 rows read and assessed as one table
