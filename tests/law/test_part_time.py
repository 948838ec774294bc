"""Part time by its reason (issue 15, item 4): Zurich's VAB § 5 stretches the duration of BiG § 17 e Abs. 1 only
"aus besonderen Gründen … namentlich soziale, familiäre und gesundheitliche Gründe". The ZH-1 worked example of
docs/rules/ZH.md §8 (bachelor, 6 regular semesters + 2 = 8) at 50 %: a listed reason gives ceil(6 / 0.5) + 2 = 14
semesters, another reason 8, and a missing reason is asked for (VAB § 30) when it decides. Geneva's cases are in
tests/cases/bursary/lbpe_13_14.yaml and ge_2026.yaml; the schema field here."""

from __future__ import annotations

import pytest

import xladdin
from xladdin import rules as rules_mod
from xladdin.schema import BY_KEY, fields_for

from ..cantons.test_zh import applicant


def zh(**changes):
    return xladdin.assess([applicant("ZH-1", part_time_ratio=0.5, **changes)], rules="ZH-2021").iloc[0]


def codes(row) -> list[str]:
    return [c for c in str(row["reasons"] or "").split(";") if c]


@pytest.mark.parametrize("reason", ["professional", "familiär", "gesundheitlich", "santé"])
def test_zh_listed_reason_stretches(reason):
    got = zh(part_time_reason=reason, semesters_aided=8)
    assert got["entitlement_semesters"] == 14 and "ZH-BiG-§17e" not in codes(got)


@pytest.mark.parametrize("reason", ["anderer", "keiner", "other"])
def test_zh_other_reason_does_not_stretch(reason):
    got = zh(part_time_reason=reason, semesters_aided=8)
    assert got["entitlement_semesters"] == 8 and codes(got) == ["ZH-BiG-§17e"]


def test_zh_another_special_reason_the_office_recognises_still_stretches():
    """« namentlich »: the list is not closed; part_time_special_reasons keeps the office's own finding."""
    got = zh(part_time_reason="other", part_time_special_reasons=True, semesters_aided=8)
    assert got["entitlement_semesters"] == 14 and "ZH-BiG-§17e" not in codes(got)


def test_zh_missing_reason_is_asked_for_when_it_decides():
    # 8 aided: past 6 + 2, within ceil(6 / 0.5) + 2 = 14 → the reason decides: incomplete file (VAB § 30)
    got = zh(semesters_aided=8)
    assert codes(got) == ["ZH-VAB-§30"] and not got["eligible"]
    # 2 aided: within 8 whatever the reason → assessed (the ZH-1 figures)
    got = zh(semesters_aided=2)
    assert got["eligible"] and got["entitlement_semesters"] == 8
    # 14 aided: beyond even 14 → the duration is exhausted whatever the reason
    assert codes(zh(semesters_aided=14)) == ["ZH-BiG-§17e"]


def test_field_words_and_cantons():
    f = BY_KEY["part_time_reason"]
    assert f.values == ("professional", "family", "health", "other", "none")
    assert f.value_labels_fr["health"] == "santé" and f.value_labels_de["family"] == "familiär"
    assert f.label_de == "Grund für Teilzeit" and f.cantons == ("GE", "ZH")
    assert f in fields_for("GE") and f in fields_for("ZH") and f not in fields_for("BE")


def test_every_rule_set_reading_the_reason_lists_its_reasons():
    """The GE and ZH entitlement steps read duration.part_time_reasons: every rule set of theirs carries it,
    with codes of the schema field."""
    for rs in rules_mod.available().values():
        if rs.choices.get("entitlement") in ("GE", "ZH"):
            listed = str(rs.value("duration.part_time_reasons")).split()
            assert listed and set(listed) <= set(BY_KEY["part_time_reason"].values), rs.id


@pytest.mark.parametrize("rid", ["GE-2023", "GE-2024", "GE-2026"])
def test_engine_matches_the_row_by_row_oracle_with_reasons(rid):
    """The vectorised engine and the plain-Python oracle (benchmarks/rowwise.py) agree on 2 000 applicants whose
    part-time rows carry, in turn, each reason or none at all, under each new Geneva rule set."""
    import numpy as np
    import pandas as pd

    from benchmarks.rowwise import assess_rows
    from xladdin.bursary import engine
    from xladdin.bursary.inputs import parse
    from xladdin.bursary.synthetic import synthetic_applicants

    rules = rules_mod.load(rid)
    table = synthetic_applicants(2000, seed=15)
    shift = pd.DateOffset(years=2025 - rules.valid_from.year)      # the synthetic year 2025/26 moved into rid's
    for key in ("year_start", "application_date", "birth_date"):
        table[key] = (pd.to_datetime(table[key], format="%d.%m.%Y") - shift).dt.strftime("%d.%m.%Y")
    table["semesters_aided"] = np.arange(len(table)) % 16          # reach past regular and stretched durations
    cycle = np.array(["professional", "family", "health", "other", "none", None], dtype=object)
    table["part_time_reason"] = np.where(table["part_time_ratio"] < 1, cycle[np.arange(len(table)) % 6], None)
    inputs = parse(table)
    c = engine.compute(inputs, rules)
    expected = pd.DataFrame(assess_rows(inputs, rules, c["reference_date"], c["aid_domicile_final"]))
    got = xladdin.assess(table, rules=rid)
    assert (got["reasons"].fillna("").str.contains("LBPE-21") & (table["part_time_ratio"] < 1)).any()
    for key in ("eligible", "reasons", "bursary", "loan", "aid", "entitlement_semesters"):
        a = got[key].astype(object).fillna("").astype(str).str.replace(r"\.0$", "", regex=True).tolist()
        b = expected[key].astype(object).fillna("").astype(str).str.replace(r"\.0$", "", regex=True).tolist()
        mismatches = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        assert not mismatches, f"{key}: row {mismatches[0]}: {a[mismatches[0]]} != {b[mismatches[0]]}"
