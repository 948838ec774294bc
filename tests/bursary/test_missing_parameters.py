"""A parameter marked ``missing: true`` (an annex of amounts missing from the copy held): the rows that need it are
row errors naming it and its annex, the others are assessed as usual; a what-if that gives the amount assesses
them; ``rules check`` judges what it can and leaves to review what rests on the missing amount."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

import xladdin
from xladdin.compliance import check
from xladdin.rules import RULES_DIR, _read, load
from tests.cantons.test_vd import applicant

NOTE = "annexe « Barèmes » 1.3 absente de la copie détenue"


def lacking(name: str):
    """VD-2023 with one amount marked missing, as a rule set whose annex is not held would have it."""
    rs = load("VD-2023")
    params = dict(rs.parameters)
    params[name] = dataclasses.replace(params[name], value=None, missing=True, note=NOTE)
    return dataclasses.replace(rs, parameters=params)


def test_rows_that_need_the_amount_are_errors_naming_it_the_others_are_assessed():
    # charges.tax.a2e2.b4: the tax rate of a couple with two children on the « > 40'000 » line (annexe 1.3).
    # VD-1 (parents' taxable income 45 000, 2A+2E) needs it; the same with 15 000 (« > 10'000 » line) does not;
    # VD-4 (independent, parents not counted) does not; VD-3 (separated parents, 1A+2E and 2A) does not.
    rs = lacking("charges.tax.a2e2.b4")
    rows = [applicant("VD-1"), applicant("VD-1", applicant_id="low", p1_taxable_income=15000),
            applicant("VD-4"), applicant("VD-3")]
    r = xladdin.assess(rows, rules=rs)
    assert r["applicant_id"].tolist() == ["VD-1", "low", "VD-4", "VD-3"]            # rows in = rows out
    assert r["eligible"].isna().tolist() == [True, False, False, False]
    message = r.loc[0, "reasons"]
    assert "charges.tax.a2e2.b4" in message and NOTE in message and "RLAEF annexe 1.3" in message
    assert r["aid"].isna().tolist() == [True, False, False, False]
    # 15 000 on the « > 10'000 » line, 2A+2E: 2.5 % × 15 000 = 375; charges 38 790 + 9 350 + 375 = 48 515;
    # capacity 60 000 − 48 515 = 11 485 → 17 284 − 11 485 = 5 799
    assert r["aid"].tolist()[1:] == [5799, 8690, 3598]


def test_a_what_if_that_gives_the_amount_assesses_the_row():
    rs = lacking("charges.tax.a2e2.b4").with_overrides({"charges.tax.a2e2.b4": 6.3})
    assert rs.missing == ()
    assert xladdin.assess([applicant("VD-1")], rules=rs).loc[0, "aid"] == 8259      # the worked example again


def test_the_engine_never_reads_a_missing_amount_as_a_number():
    assert load("VD-2023").missing == ()                       # the 2023 scale is held in full
    import math
    assert math.isnan(lacking("charges.tax.a2e2.b4").v.charges.tax.a2e2.b4)


def test_a_missing_parameter_needs_a_null_value_and_a_note(tmp_path):
    data = yaml.safe_load((RULES_DIR / "VD" / "VD-2023.yaml").read_text(encoding="utf-8"))
    data["parameters"]["award"]["minimum"] = {"value": None, "missing": True, "unit": "CHF", "valid_from": "2023-08-01",
                                              "reference": "RLAEF annexe", "note": NOTE}
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert _read(good).missing == ("award.minimum",)
    data["parameters"]["award"]["minimum"]["value"] = 0                  # an amount invented for a missing one
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="award.minimum"):
        _read(bad)


def test_rules_check_leaves_to_review_what_rests_on_the_missing_amount():
    # charges.own.single.zone2: every single profile of the concordat checks lives alone in zone 2 → art. 15 al. 1
    # cannot be judged (à vérifier, the missing amount named).
    verdicts = {v.standard.id: v for v in check(lacking("charges.own.single.zone2")).verdicts}
    assert verdicts["CONC-15-1a"].status == "review"
    assert "charges.own.single.zone2 (missing)" in verdicts["CONC-15-1a"].unheld
    assert verdicts["CONC-15-1b"].status == "review"
    # an amount no profile reaches (zone 1 alone) leaves every verdict as VD.md §7 has it
    unreached = {v.standard.id: v.status for v in check(lacking("charges.own.single.zone1")).verdicts}
    assert unreached == {v.standard.id: v.status for v in check("VD-2023").verdicts}
