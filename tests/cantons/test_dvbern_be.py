"""BE-2024 beside Bern's production system: the calculation cases of dvbern/stip that run in its own test suite,
transcribed as facts in ``data/dvbern_be_cases.yaml`` (source and commit named there), our figures beside theirs and
every difference explained by its article (docs/rules/BE.md §10)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from xladdin import assess, explain

CASES = yaml.safe_load((Path(__file__).parent / "data" / "dvbern_be_cases.yaml").read_text(encoding="utf-8"))
IDS = [case["name"].split(" (")[0] for case in CASES]


def _row(case: dict, **changes) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in {**case["input"], **changes}.items()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_our_figures(case):
    got = assess([_row(case)], rules="BE").iloc[0]
    assert got["rules"] == "BE-2024 v1.0"
    for key, want in case["expected"].items():
        assert (got[key] or "") == want if key == "reasons" else got[key] == want, (key, got[key], want)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_difference_with_theirs_is_explained(case):
    """Their shortfall = ours − the explained differences; each has an article, and entering their assumption
    (``reproduce``) gives their figure exactly."""
    theirs = -case["dvbern"]["expected_stipendien"]
    ours = assess([_row(case)], rules="BE").iloc[0]["shortfall"]
    differences = case["differences"]
    assert ours + sum(-d["amount"] for d in differences) == theirs
    for d in differences:
        assert "Art." in d["article"] and d["why"]
        again = assess([_row(case, **d["reproduce"])], rules="BE").iloc[0]
        assert again["shortfall"] == ours - d["amount"]
    assert assess([_row(case, **{k: v for d in differences for k, v in d["reproduce"].items()})],
                  rules="BE").iloc[0]["shortfall"] == theirs


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_their_intermediate_figures_beside_ours(case):
    """The family deficit share and the personal budget, step by step (ABV Art. 15-24, 26-33)."""
    trace = explain(_row(case), rules="BE-2024", lang="en")
    amounts = dict(zip(trace["label"], trace["amount"], strict=True))
    theirs = case["dvbern"]["figures"]
    # Their income is net of the 6 000 income allowance, ours counts it as a cost (Art. 21 Abs. 2): same balance.
    balance = amounts["Family budget 1: balance (resources − costs)"]
    fixture_integration = case["dvbern"]["family_budget_1"]["integrationszulageTotal"]
    assert balance - (fixture_integration - 2400) == theirs["family_income"] - theirs["family_costs"]
    assert amounts["Countable income (total)"] == theirs["personal_income"]
    assert amounts["Recognised costs (total)"] == theirs["personal_costs"] + case["differences"][0]["amount"]
