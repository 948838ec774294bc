"""Concordat minimum standards (art. 5, 12, 13, 15) as data, flagged per scenario."""

from __future__ import annotations

import yaml

from xladdin import rules as rules_mod
from xladdin.whatif import run, standards

GE = rules_mod.load("GE-2025")


def test_ge_2025_meets_every_checkable_standard():
    found = {(f.standard.id, f.status) for f in standards.check(GE)}
    assert standards.flags(GE) == ""
    assert ("CONC-12-2", "not_applicable") in found          # GE sets no bursary age limit
    assert ("CONC-15-4", "review") in found                  # no parameter: checked by hand
    assert ("CONC-15-1b", "ok") in found and ("CONC-13-1", "ok") in found


def test_scenario_with_cap_15000_is_flagged(hand):
    r = run(hand, {"amounts.cap.tertiary": [15000, 15999, 16000]})
    # concordat art. 15 al. 1 b: at least 16 000 at tertiary level; 16 000 itself meets it
    assert r.scenarios["flags"].tolist()[:2] == [
        "concordat art. 15 al. 1 b : amounts.cap.tertiary = 15'000 < 16'000",
        "concordat art. 15 al. 1 b : amounts.cap.tertiary = 15'999 < 16'000"]
    assert r.scenarios.loc[2, "flags"] == ""


def test_each_standard_flags_its_parameter():
    cases = {"amounts.cap.secondary_ii": (11999, "art. 15 al. 1 a"),
             "amounts.cap.per_child": (3000, "art. 15 al. 2"),
             "duration.extra_semesters": (1, "art. 13 al. 1"),
             "eligibility.max_changes_of_course": (0, "art. 13 al. 2"),
             "eligibility.foreign_min_years_domicile": (6, "art. 5 al. 1 c")}
    for name, (value, article) in cases.items():
        text = standards.flags(GE.with_overrides({name: value}))
        assert text.startswith(f"concordat {article} : {name} = "), text
    assert standards.flags(GE.with_overrides({"amounts.cap.secondary_ii": 12000})) == ""   # 12 000 ≥ 12 000


def test_english_flags():
    text = standards.flags(GE.with_overrides({"amounts.cap.tertiary": 15000}), lang="en")
    assert text == "concordat art. 15 al. 1 b: amounts.cap.tertiary = 15'000 < 16'000"


def test_concordat_file_is_a_clean_list():
    data = yaml.safe_load(standards.CONCORDAT_FILE.read_text(encoding="utf-8"))
    ids = [s["id"] for s in data["standards"]]
    assert len(ids) == len(set(ids))
    params = GE.flat()
    for s in data["standards"]:
        assert set(s) >= {"id", "article", "parameters", "comparison", "threshold", "unit", "if_absent", "description"}
        assert s["article"].startswith("concordat art. ")
        assert s["description"]["fr"] and s["description"]["en"]
        assert s["comparison"] in (">=", "<=", "review")
        for name in s["parameters"]:
            assert name in params or s["if_absent"] == "not_applicable", name
    # the figures of the law (art. 5 al. 1 c, 12 al. 2, 13 al. 1, 15 al. 1-2)
    threshold = {s["id"]: s["threshold"] for s in data["standards"]}
    assert (threshold["CONC-15-1a"], threshold["CONC-15-1b"], threshold["CONC-15-2"]) == (12000, 16000, 4000)
    assert (threshold["CONC-13-1"], threshold["CONC-12-2"], threshold["CONC-5-1c"]) == (2, 35, 5)


def test_rule_sets_directory_still_lists_only_rule_sets():
    # concordat.yaml sits beside the canton folders, not in one: it is not taken for a rule set
    assert all(rs.canton for rs in rules_mod.available().values())
    assert "concordat" not in " ".join(rules_mod.available())
